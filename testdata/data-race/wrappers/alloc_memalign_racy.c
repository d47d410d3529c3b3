/*
 * alloc_memalign_racy.c - posix_memalign stores a fresh object through its
 * first argument: one object per call site, shared once it is reachable
 * from a global. Main publishes its block in `shared`; both workers count
 * in it with no lock. Each worker's own scratch block stays its own.
 *
 * TRUTH: one race, shared->n. The scratch blocks are private.
 */
#include <pthread.h>
#include <stdlib.h>

struct block {
    long n;
};

static struct block *shared;

static void *worker(void *arg)
{
    void *m;
    if (posix_memalign(&m, 64, sizeof(struct block)) != 0)
        return NULL;
    struct block *scratch = m;
    scratch->n = 1;
    shared->n++; // expect: data-race 'shared->n'
    free(scratch);
    return arg;
}

int main(void)
{
    void *m;
    if (posix_memalign(&m, 64, sizeof(struct block)) != 0)
        return 1;
    shared = m;
    shared->n = 0;
    pthread_t a, b;
    pthread_create(&a, 0, worker, 0);
    pthread_create(&b, 0, worker, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
