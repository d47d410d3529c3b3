/*
 * ring_buffer_racy.c - ring buffers that do not keep producer and consumer
 * apart, each pair otherwise the shape ring_buffer_fixed.c accepts: more
 * free slots at the start than the ring has (SZ + 1: the producer may lap
 * the consumer), the full count posted before the slot is filled, the
 * cursor stepped before the fill (iteration k fills slot k + 1, which the
 * consumer may still be reading from SZ rounds earlier), two consumer threads in one routine, a
 * wait made on some iterations only, cursors with different moduli, and a
 * full count also posted by main.
 */
#include <pthread.h>
#include <semaphore.h>

#define SZ 8
#define ROUNDS 100

static int a[SZ], b[SZ], c[SZ], d[SZ], e[SZ], f[SZ], g[SZ];
static int ain, aout, bin, bout, cin, cout, din, dout, ein, eout, fin, fout, gin, gout;
static sem_t afree, afull, bfree, bfull, cfree, cfull, dfree, dfull, efree, efull, ffree, ffull, gfree, gfull;
static long sum;

static void *lap_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&afree);
        a[ain] = i; // expect: data-race 'a[?]'
        ain = (ain + 1) % SZ;
        sem_post(&afull);
    }
    return arg;
}
static void *lap_c(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&afull);
        sum += a[aout];
        aout = (aout + 1) % SZ;
        sem_post(&afree);
    }
    return arg;
}

static void *early_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&bfree);
        sem_post(&bfull);
        b[bin] = i; // expect: data-race 'b[?]'
        bin = (bin + 1) % SZ;
    }
    return arg;
}
static void *early_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&bfull);
        s += b[bout];
        bout = (bout + 1) % SZ;
        sem_post(&bfree);
    }
    return arg ? arg : (void *)s;
}

static void *ahead_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&cfree);
        cin = (cin + 1) % SZ;
        c[cin] = i; // expect: data-race 'c[?]'
        sem_post(&cfull);
    }
    return arg;
}
static void *ahead_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&cfull);
        s += c[cout];
        cout = (cout + 1) % SZ;
        sem_post(&cfree);
    }
    return arg ? arg : (void *)s;
}

static void *two_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&dfree);
        d[din] = i; // expect: data-race 'd[?]'
        din = (din + 1) % SZ;
        sem_post(&dfull);
    }
    return arg;
}
static void *two_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS / 2; i++) {
        sem_wait(&dfull);
        s += d[dout];
        dout = (dout + 1) % SZ; // expect: data-race 'dout'
        sem_post(&dfree);
    }
    return arg ? arg : (void *)s;
}

static void *some_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        if (i % 2) sem_wait(&efree);
        e[ein] = i; // expect: data-race 'e[?]'
        ein = (ein + 1) % SZ;
        sem_post(&efull);
    }
    return arg;
}
static void *some_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&efull);
        s += e[eout];
        eout = (eout + 1) % SZ;
        sem_post(&efree);
    }
    return arg ? arg : (void *)s;
}

static void *mod_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&ffree);
        f[fin] = i; // expect: data-race 'f[?]'
        fin = (fin + 1) % SZ;
        sem_post(&ffull);
    }
    return arg;
}
static void *mod_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&ffull);
        s += f[fout];
        fout = (fout + 1) % (SZ / 2);
        sem_post(&ffree);
    }
    return arg ? arg : (void *)s;
}

static void *extra_p(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&gfree);
        g[gin] = i; // expect: data-race 'g[?]'
        gin = (gin + 1) % SZ;
        sem_post(&gfull);
    }
    return arg;
}
static void *extra_c(void *arg) {
    long s = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&gfull);
        s += g[gout];
        gout = (gout + 1) % SZ;
        sem_post(&gfree);
    }
    return arg ? arg : (void *)s;
}

int main(void) {
    sem_init(&afree, 0, SZ + 1);
    sem_init(&afull, 0, 0);
    sem_init(&bfree, 0, SZ);
    sem_init(&bfull, 0, 0);
    sem_init(&cfree, 0, SZ);
    sem_init(&cfull, 0, 0);
    sem_init(&dfree, 0, SZ);
    sem_init(&dfull, 0, 0);
    sem_init(&efree, 0, SZ);
    sem_init(&efull, 0, 0);
    sem_init(&ffree, 0, SZ / 2);
    sem_init(&ffull, 0, 0);
    sem_init(&gfree, 0, SZ);
    sem_init(&gfull, 0, 0);
    enum { NT = 15 };
    pthread_t t[NT];
    pthread_create(&t[0], NULL, lap_p, NULL);
    pthread_create(&t[1], NULL, lap_c, NULL);
    pthread_create(&t[2], NULL, early_p, NULL);
    pthread_create(&t[3], NULL, early_c, NULL);
    pthread_create(&t[4], NULL, ahead_p, NULL);
    pthread_create(&t[5], NULL, ahead_c, NULL);
    pthread_create(&t[6], NULL, two_p, NULL);
    pthread_create(&t[7], NULL, two_c, NULL);
    pthread_create(&t[8], NULL, two_c, NULL);
    pthread_create(&t[9], NULL, some_p, NULL);
    pthread_create(&t[10], NULL, some_c, NULL);
    pthread_create(&t[11], NULL, mod_p, NULL);
    pthread_create(&t[12], NULL, mod_c, NULL);
    pthread_create(&t[13], NULL, extra_p, NULL);
    pthread_create(&t[14], NULL, extra_c, NULL);
    sem_post(&gfull);
    for (int k = 0; k < NT; k++) pthread_join(t[k], NULL);
    return (int)sum;
}
