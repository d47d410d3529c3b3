// expect-no-findings
/*
 * perthread_ptrs_fixed.c - each worker is handed its result slot through
 * an array of pointers the creator fills in the same iteration
 * (`ptrs[i] = &results[i]; create(.., ptrs[i])`): a distinct element per
 * worker, as `&results[i]` itself would be.
 *
 * TRUTH: no race: each worker writes only its own slot; main reads after
 * the joins.
 */
#include <pthread.h>

#define T 4

struct result {
    long value;
    char pad[56];
};

static struct result results[T];
static struct result *ptrs[T];

static void *worker(void *arg)
{
    struct result *r = arg;
    r->value = 42;
    return NULL;
}

int main(void)
{
    pthread_t t[T];
    for (int i = 0; i < T; i++) {
        ptrs[i] = &results[i];
        pthread_create(&t[i], NULL, worker, ptrs[i]);
    }
    long s = 0;
    for (int i = 0; i < T; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < T; i++)
        s += results[i].value;
    return (int)s;
}
