// expect-no-findings
/*
 * scanf_fixed.c - scanf_racy.c with both threads holding counter_lock
 * around their accesses to the counter, the scanf included.
 */
#include <pthread.h>
#include <stdio.h>

static long counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 1000; k++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&counter_lock);
    int got = scanf("%ld", &counter);
    pthread_mutex_unlock(&counter_lock);
    pthread_join(t, NULL);
    return got == 1 ? (int)counter : 1;
}
