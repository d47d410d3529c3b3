/*
 * two_mutexes_racy.c - one counter updated by two threads, each holding a
 * DIFFERENT mutex.
 *
 * uploader holds stats_lock and logger holds log_lock: the locksets of the
 * two writes have nothing in common, so they race. Each routine is created
 * once, so neither races with itself. The primary location is the first of
 * the two writes in file order, uploader's.
 */
#include <pthread.h>
#include <stdio.h>

#define ROUNDS 10000

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long bytes_total;

static void *uploader(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&stats_lock);
        bytes_total += 512; // expect: data-race 'bytes_total'
        pthread_mutex_unlock(&stats_lock);
    }
    return NULL;
}

static void *logger(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&log_lock);
        bytes_total += 64; /* wrong lock */
        pthread_mutex_unlock(&log_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t up_thread, log_thread;

    pthread_create(&up_thread, NULL, uploader, NULL);
    pthread_create(&log_thread, NULL, logger, NULL);
    pthread_join(up_thread, NULL);
    pthread_join(log_thread, NULL);
    printf("%ld bytes\n", bytes_total);
    return 0;
}
