/*
 * av_getter_racy.c - the read is inside a helper: a getter called with the
 * lock held returns the count, the lock is dropped, and the count computed
 * from it is stored later under the lock again. Also the classic pair of
 * self-locking accessors, `set_limit(get_limit() * 2)`: each is atomic, the
 * two together are not; and the same with accessors taking the object
 * (`set_idle(p, get_idle(p) + 1)`: one object, named alike at both calls).
 */
#include <pthread.h>
#include <stdio.h>

struct pool {
    pthread_mutex_t lock;
    int idle;
};

static struct pool the_pool = {PTHREAD_MUTEX_INITIALIZER, 4};
static pthread_mutex_t limit_lock = PTHREAD_MUTEX_INITIALIZER;
static int limit = 16;

static int idle_count(const struct pool *p) {
    return p->idle; // expect: atomicity-violation 'idle'
}

static int get_idle(struct pool *p) {
    pthread_mutex_lock(&p->lock);
    int v = p->idle; // expect: atomicity-violation 'idle'
    pthread_mutex_unlock(&p->lock);
    return v;
}

static void set_idle(struct pool *p, int v) {
    pthread_mutex_lock(&p->lock);
    p->idle = v;
    pthread_mutex_unlock(&p->lock);
}

static int get_limit(void) {
    pthread_mutex_lock(&limit_lock);
    int v = limit; // expect: atomicity-violation 'limit'
    pthread_mutex_unlock(&limit_lock);
    return v;
}

static void set_limit(int v) {
    pthread_mutex_lock(&limit_lock);
    limit = v;
    pthread_mutex_unlock(&limit_lock);
}

static void *client(void *arg) {
    struct pool *p = arg;
    pthread_mutex_lock(&p->lock);
    int n = idle_count(p);
    pthread_mutex_unlock(&p->lock);
    if (n > 0) {
        pthread_mutex_lock(&p->lock);
        p->idle = n - 1;
        pthread_mutex_unlock(&p->lock);
    }
    set_limit(get_limit() * 2);
    set_idle(p, get_idle(p) + 1);
    return NULL;
}

int main(void) {
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, client, &the_pool);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    printf("%d %d\n", the_pool.idle, limit);
    return 0;
}
