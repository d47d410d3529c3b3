/*
 * scanf_racy.c - main reads a new counter value with scanf while a worker
 * increments the counter.
 *
 * scanf writes through every pointer argument after the format, so
 * scanf("%ld", &counter) is a write of counter in main, unordered with the
 * worker's counter++ and under no common lock. The worker comes first in
 * the file: primary there.
 */
#include <pthread.h>
#include <stdio.h>

static long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 1000; k++)
        counter++; // expect: data-race 'counter'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    int got = scanf("%ld", &counter);
    pthread_join(t, NULL);
    return got == 1 ? (int)counter : 1;
}
