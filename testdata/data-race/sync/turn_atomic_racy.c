/*
 * turn_atomic_racy.c - atomic turn words that do not order:
 *   - `lazy` hands the turn on with a relaxed store: the next holder's
 *     acquire load synchronises with nothing, so `payload` races;
 *   - `ticket` is waited for by every instance of the worker (all wait
 *     for 0: two may pass before either stores 1) - a check-then-act on
 *     the word too (atomicity-violation);
 *   - main writes `late` after it handed the turn on.
 * The check-then-acts on `lazy` are reported as atomicity violations: a
 * known false alarm (a relaxed store still keeps the word's own
 * alternation; only the data it was to order is unordered).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int lazy, ticket, turn;
static long payload, counted, late;

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 10; i++) {
        while (atomic_load(&lazy) != 1) ; // known-false-alarm: atomicity-violation 'lazy'
        payload++; // expect: data-race 'payload'
        atomic_store_explicit(&lazy, 0, memory_order_relaxed);
    }
    return NULL;
}

static void *counter(void *arg) {
    (void)arg;
    while (atomic_load(&ticket) != 0) ; // expect: atomicity-violation 'ticket'
    counted++; // expect: data-race 'counted'
    atomic_store(&ticket, 1);
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    for (int i = 0; i < 10; i++) {
        while (atomic_load(&turn) != 1) ;
        printf("%ld\n", late);
        atomic_store(&turn, 0);
    }
    return NULL;
}

int main(void) {
    pthread_t c, k[3], r;
    pthread_create(&c, NULL, consumer, NULL);
    for (int i = 0; i < 3; i++) pthread_create(&k[i], NULL, counter, NULL);
    pthread_create(&r, NULL, reader, NULL);
    for (int i = 0; i < 10; i++) {
        while (atomic_load(&lazy) != 0) ; // known-false-alarm: atomicity-violation 'lazy'
        payload = i;
        atomic_store_explicit(&lazy, 1, memory_order_relaxed);
    }
    for (int i = 0; i < 10; i++) {
        while (atomic_load(&turn) != 0) ;
        atomic_store(&turn, 1);
        late = i; // expect: data-race 'late'
    }
    pthread_join(c, NULL);
    for (int i = 0; i < 3; i++) pthread_join(k[i], NULL);
    pthread_join(r, NULL);
    return 0;
}
