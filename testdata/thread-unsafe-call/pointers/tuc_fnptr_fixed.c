/*
 * tuc_fnptr_fixed.c - the generators called through a function pointer
 * with the generator lock held at the indirect call; the per-thread one
 * uses rand_r with its own seed.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*gen_fn)(unsigned *seed);

static pthread_mutex_t gen_lock = PTHREAD_MUTEX_INITIALIZER;

static int gen_rand(unsigned *seed) {
    (void)seed;
    return rand();
}

static int gen_own(unsigned *seed) {
    return rand_r(seed);
}

static gen_fn generators[] = {gen_rand, gen_own};

static void *worker(void *arg) {
    unsigned seed = (unsigned)(long)arg;
    gen_fn g = generators[(long)arg & 1];
    pthread_mutex_lock(&gen_lock);
    int v = g(&seed);
    pthread_mutex_unlock(&gen_lock);
    printf("%d %d\n", v, gen_own(&seed));
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
