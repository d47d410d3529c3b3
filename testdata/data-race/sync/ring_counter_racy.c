/*
 * ring_counter_racy.c - bounded buffers indexed by the loops' counters
 * that do not keep the producer and the consumer apart, each otherwise the
 * shape ring_counter_fixed.c accepts: more free slots than the ring has
 * (N + 1: the producer laps the consumer), the full count posted before
 * the fill, a producer counting from 1 (iteration i fills slot i + 1, which
 * the consumer may still read from N rounds earlier), and a producer
 * stepping its counter by two.
 */
#include <pthread.h>
#include <semaphore.h>

#define N 8
#define ROUNDS 100

static int a[N], b[N], c[N], d[N];
static sem_t afree, afull, bfree, bfull, cfree, cfull, dfree, dfull;

static void *lap_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&afree);
        a[i % N] = i; // expect: data-race 'a[?]'
        sem_post(&afull);
    }
    return arg;
}

static void *lap_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&afull);
        s += a[i % N];
        sem_post(&afree);
    }
    return (void *)s;
}

static void *early_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&bfree);
        sem_post(&bfull);
        b[i % N] = i; // expect: data-race 'b[?]'
    }
    return arg;
}

static void *early_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&bfull);
        s += b[i % N];
        sem_post(&bfree);
    }
    return (void *)s;
}

static void *ahead_p(void *arg) {
    for (int i = 1; i <= ROUNDS; i++) {
        sem_wait(&cfree);
        c[i % N] = i; // expect: data-race 'c[?]'
        sem_post(&cfull);
    }
    return arg;
}

static void *ahead_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&cfull);
        s += c[i % N];
        sem_post(&cfree);
    }
    return (void *)s;
}

static void *skip_p(void *arg) {
    for (int i = 0; i < 2 * ROUNDS; i += 2) {
        sem_wait(&dfree);
        d[i % N] = i; // expect: data-race 'd[?]'
        sem_post(&dfull);
    }
    return arg;
}

static void *skip_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&dfull);
        s += d[i % N];
        sem_post(&dfree);
    }
    return (void *)s;
}

int main(void) {
    pthread_t t[8];
    sem_init(&afree, 0, N + 1);
    sem_init(&afull, 0, 0);
    sem_init(&bfree, 0, N);
    sem_init(&bfull, 0, 0);
    sem_init(&cfree, 0, N);
    sem_init(&cfull, 0, 0);
    sem_init(&dfree, 0, N);
    sem_init(&dfull, 0, 0);
    pthread_create(&t[0], NULL, lap_p, NULL);
    pthread_create(&t[1], NULL, lap_c, NULL);
    pthread_create(&t[2], NULL, early_p, NULL);
    pthread_create(&t[3], NULL, early_c, NULL);
    pthread_create(&t[4], NULL, ahead_p, NULL);
    pthread_create(&t[5], NULL, ahead_c, NULL);
    pthread_create(&t[6], NULL, skip_p, NULL);
    pthread_create(&t[7], NULL, skip_c, NULL);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    return 0;
}
