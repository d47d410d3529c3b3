// expect-no-findings
/*
 * lo_quiet_fixed.c - opposite orders that cannot deadlock: a gate lock held
 * around both orders, a trylock with back-off for the reverse order, and a
 * cycle within one thread that runs once (no other thread takes the locks).
 */
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER, d = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t e = PTHREAD_MUTEX_INITIALIZER, f = PTHREAD_MUTEX_INITIALIZER;
static long x, y, z;

static void *gated_ab(void *arg) {
    (void)arg;
    pthread_mutex_lock(&gate);
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    x++;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&gate);
    return NULL;
}

static void *gated_ba(void *arg) {
    (void)arg;
    pthread_mutex_lock(&gate);
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a);
    x--;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&gate);
    return NULL;
}

static void *cd_order(void *arg) {
    (void)arg;
    pthread_mutex_lock(&c);
    pthread_mutex_lock(&d);
    y++;
    pthread_mutex_unlock(&d);
    pthread_mutex_unlock(&c);
    return NULL;
}

static void *dc_backoff(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&d);
        if (pthread_mutex_trylock(&c) == 0) {
            y--;
            pthread_mutex_unlock(&c);
            pthread_mutex_unlock(&d);
            break;
        }
        pthread_mutex_unlock(&d);
        sched_yield();
    }
    return NULL;
}

static void *single(void *arg) {
    (void)arg;
    pthread_mutex_lock(&e);
    pthread_mutex_lock(&f);
    z++;
    pthread_mutex_unlock(&f);
    pthread_mutex_unlock(&e);
    pthread_mutex_lock(&f);
    pthread_mutex_lock(&e);
    z--;
    pthread_mutex_unlock(&e);
    pthread_mutex_unlock(&f);
    return NULL;
}

int main(void) {
    pthread_t t[5];
    pthread_create(&t[0], NULL, gated_ab, NULL);
    pthread_create(&t[1], NULL, gated_ba, NULL);
    pthread_create(&t[2], NULL, cd_order, NULL);
    pthread_create(&t[3], NULL, dc_backoff, NULL);
    pthread_create(&t[4], NULL, single, NULL);
    for (int i = 0; i < 5; i++) pthread_join(t[i], NULL);
    return (int)(x + y + z);
}
