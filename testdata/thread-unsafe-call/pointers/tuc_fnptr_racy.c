/*
 * tuc_fnptr_racy.c - a table of "id generators" called through a function
 * pointer by a pool of identical workers; the default one uses rand.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*gen_fn)(void);

static int gen_rand(void) {
    return rand(); // expect: thread-unsafe-call 'rand'
}

static int gen_zero(void) {
    return 0;
}

static gen_fn generators[] = {gen_rand, gen_zero};

static void *worker(void *arg) {
    gen_fn g = generators[(long)arg & 1];
    printf("%d\n", g());
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
