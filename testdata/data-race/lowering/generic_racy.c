/*
 * generic_racy.c - _Generic evaluates the association its controlling
 * expression's type selects (C11 6.5.1.1p3), here the read of `hits`; the
 * other associations and the controlling expression are not evaluated, so
 * `misses` is never read by the worker and main's write of it is no race.
 */
#include <pthread.h>

static long hits, misses;
static long key;

#define COUNT(k) _Generic((k), long: hits, default: misses)

static void *worker(void *arg)
{
    (void)arg;
    return (void *)COUNT(key);
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    hits = 1; // expect: data-race 'hits'
    misses = 1;
    pthread_join(t, NULL);
    return (int)key;
}
