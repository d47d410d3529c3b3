/*
 * turn_taking_racy.c - words that look like turns but do not exclude:
 *   - the producer writes `after` once it has stored `full` (its turn is
 *     over) while the consumer reads it in its own turn;
 *   - `busy` is waited for by two instances of one worker (both wait for
 *     0: both may pass before either stores it);
 *   - `phase` is also stored by a thread that never waits for it, while
 *     the others take their turns;
 *   - `mode` is waited for != 0 by one thread and != 1 by another: both
 *     hold at 2.
 * The check-then-acts on `busy` and `phase` are atomicity violations then.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int full, busy, phase, mode;
static int slot, after, work, stage, shared;

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&m);
        while (!full) pthread_cond_wait(&changed, &m);
        pthread_mutex_unlock(&m);
        printf("%d %d\n", slot, after);
        pthread_mutex_lock(&m);
        full = 0;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    while (busy) pthread_cond_wait(&changed, &m); // expect: atomicity-violation 'busy'
    pthread_mutex_unlock(&m);
    work++; // expect: data-race 'work'
    pthread_mutex_lock(&m);
    busy = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *kicker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    phase = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *stager(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    while (phase != 1) pthread_cond_wait(&changed, &m); // expect: atomicity-violation 'phase'
    pthread_mutex_unlock(&m);
    stage = 2; // expect: data-race 'stage'
    pthread_mutex_lock(&m);
    phase = 0;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *moder(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    while (mode == 1) pthread_cond_wait(&changed, &m);
    pthread_mutex_unlock(&m);
    shared = 3; // expect: data-race 'shared'
    pthread_mutex_lock(&m);
    mode = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    pthread_t c, w[2], k, s, md;
    mode = 2;
    pthread_create(&c, NULL, consumer, NULL);
    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&m);
        while (full) pthread_cond_wait(&changed, &m);
        pthread_mutex_unlock(&m);
        slot = i;
        pthread_mutex_lock(&m);
        full = 1;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&m);
        after = i; // expect: data-race 'after'
    }
    for (int i = 0; i < 2; i++) pthread_create(&w[i], NULL, worker, NULL);
    pthread_create(&k, NULL, kicker, NULL);
    pthread_create(&s, NULL, stager, NULL);
    pthread_create(&md, NULL, moder, NULL);
    pthread_mutex_lock(&m);
    while (phase != 0) pthread_cond_wait(&changed, &m); // expect: atomicity-violation 'phase'
    pthread_mutex_unlock(&m);
    stage = 1;
    pthread_mutex_lock(&m);
    phase = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    while (mode == 0) pthread_cond_wait(&changed, &m);
    pthread_mutex_unlock(&m);
    shared = 4;
    pthread_mutex_lock(&m);
    mode = 0;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&m);
    pthread_join(c, NULL);
    for (int i = 0; i < 2; i++) pthread_join(w[i], NULL);
    pthread_join(k, NULL);
    pthread_join(s, NULL);
    pthread_join(md, NULL);
    return 0;
}
