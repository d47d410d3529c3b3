// expect-no-findings
/*
 * av_getter_fixed.c - av_getter_racy.c with the lock held from the
 * getter's read through the write, and the accessor pair replaced by one
 * locked update.
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
    return p->idle;
}

static int get_limit(void) {
    pthread_mutex_lock(&limit_lock);
    int v = limit;
    pthread_mutex_unlock(&limit_lock);
    return v;
}

static void scale_limit(int factor) {
    pthread_mutex_lock(&limit_lock);
    limit = limit * factor;
    pthread_mutex_unlock(&limit_lock);
}

static void *client(void *arg) {
    struct pool *p = arg;
    pthread_mutex_lock(&p->lock);
    int n = idle_count(p);
    if (n > 0) p->idle = n - 1;
    pthread_mutex_unlock(&p->lock);
    scale_limit(2);
    printf("%d\n", get_limit());
    return NULL;
}

int main(void) {
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, client, &the_pool);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    printf("%d %d\n", the_pool.idle, limit);
    return 0;
}
