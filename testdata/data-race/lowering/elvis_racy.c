/*
 * elvis_racy.c - GNU `x ?: y` is x when x is non-zero, else y (x evaluated
 * once): the worker may get `&fallback` (cache is null) and write it while
 * main writes fallback itself.
 */
#include <pthread.h>

static int fallback;
static int *cache;

static void *worker(void *arg)
{
    (void)arg;
    int *r = cache ?: &fallback;
    *r = 1; // expect: data-race '*r'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    fallback = 2;
    pthread_join(t, NULL);
    return fallback;
}
