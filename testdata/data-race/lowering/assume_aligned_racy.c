/*
 * assume_aligned_racy.c - __builtin_assume_aligned(p, n) is p: the worker
 * writes `block` through the pointer it returns while main writes it.
 */
#include <pthread.h>

static double block[8];

static void *worker(void *arg)
{
    (void)arg;
    double *p = __builtin_assume_aligned(block, 16);
    p[0] = 1.0; // expect: data-race 'p[0]'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    block[0] = 2.0;
    pthread_join(t, NULL);
    return (int)block[0];
}
