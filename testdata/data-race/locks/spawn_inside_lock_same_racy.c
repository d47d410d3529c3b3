/*
 * spawn_inside_lock_same_racy.c - main takes the stats mutex, starts two
 * workers, joins both and unlocks; the workers update `total` without a
 * lock. A monitor thread reads total under the mutex.
 *
 * TRUTH: a race on total between the two workers: both run inside main's
 * one critical section, at the same time (primary location: the workers'
 * write). The monitor's read is not involved: it holds the mutex, which
 * main holds all the while the workers run.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *work(void *arg)
{
    total += (long)arg; // expect: data-race 'total'
    return NULL;
}

static void *monitor(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats);
    printf("%ld\n", total);
    pthread_mutex_unlock(&stats);
    return NULL;
}

int main(void)
{
    pthread_t m, a, b;

    pthread_create(&m, NULL, monitor, NULL);
    pthread_mutex_lock(&stats);
    pthread_create(&a, NULL, work, (void *)1L);
    pthread_create(&b, NULL, work, (void *)2L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_mutex_unlock(&stats);
    pthread_join(m, NULL);
    return 0;
}
