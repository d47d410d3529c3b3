// expect-no-findings
/*
 * av_two_objects_fixed.c - pigz's yarn locks: every lock object comes from
 * one allocation site (new_lock), so the model has one location for all
 * their values and one lock for all their mutexes. drop() reads one
 * lock's value through a getter and, because of it, updates another lock's
 * value through a setter: the getter's and the setter's objects are
 * spelled differently where they are called (`s->use`, `pool->have`), so
 * they are not taken for a read and a write-back of one variable.
 */
#include <pthread.h>
#include <stdlib.h>

typedef struct lock {
    pthread_mutex_t mutex;
    long value;
} lock;

struct space {
    lock *use;
};

struct pool {
    lock *have;
};

static lock *new_lock(long v) {
    lock *b = malloc(sizeof *b);
    if (!b) abort();
    pthread_mutex_init(&b->mutex, NULL);
    b->value = v;
    return b;
}

static void possess(lock *b) {
    pthread_mutex_lock(&b->mutex);
}

static void release(lock *b) {
    pthread_mutex_unlock(&b->mutex);
}

static long peek(lock *b) {
    return b->value;
}

static void twist(lock *b, long v) {
    b->value = v;
    pthread_mutex_unlock(&b->mutex);
}

static struct pool the_pool;
static struct space the_space;

static void drop(struct space *s, struct pool *pool) {
    possess(s->use);
    long use = peek(s->use);
    twist(s->use, use - 1);
    if (use == 1) {
        possess(pool->have);
        twist(pool->have, 1);
    }
}

static void *worker(void *arg) {
    (void)arg;
    drop(&the_space, &the_pool);
    return NULL;
}

int main(void) {
    lock *made[2];
    for (int i = 0; i < 2; i++) made[i] = new_lock(i * 2);
    the_pool.have = made[0];
    the_space.use = made[1];
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    possess(the_pool.have);
    release(the_pool.have);
    return 0;
}
