/*
 * perthread_ptrs_racy.c - perthread_ptrs_fixed.c's pointer array filled
 * with one slot for every worker (`ptrs[i] = &results[0]`): all workers
 * write the same result.
 *
 * TRUTH: a race on the slot's value.
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
    r->value = 42; // expect: data-race 'r->value'
    return NULL;
}

int main(void)
{
    pthread_t t[T];
    for (int i = 0; i < T; i++) {
        ptrs[i] = &results[0];
        pthread_create(&t[i], NULL, worker, ptrs[i]);
    }
    for (int i = 0; i < T; i++)
        pthread_join(t[i], NULL);
    return (int)results[0].value;
}
