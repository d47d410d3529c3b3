/*
 * ticks.c - two threads tick; with COUNT_TICKS (CMakeLists.txt defines it)
 * they also count into `ticks` without a lock.
 */
#include <pthread.h>

#ifdef COUNT_TICKS
static long ticks;
#endif

static void *ticker(void *arg)
{
    (void)arg;
#ifdef COUNT_TICKS
    ticks++; // expect: data-race 'ticks'
#endif
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, ticker, NULL);
    pthread_create(&b, NULL, ticker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
