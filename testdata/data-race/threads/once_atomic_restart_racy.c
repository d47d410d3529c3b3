/*
 * once_atomic_restart_racy.c - once_atomic_exchange_fixed.c where the
 * reaper clears the flag when it is done, so that the next request starts
 * a new one - while the old one still counts its last round.
 *
 * TRUTH: races on reaper_rounds between two reapers: the flag is brought
 * back to 0 (atomic_fetch_sub) while the reaper still runs, so the guard
 * does not make the spawn run once.
 */
#include <pthread.h>
#include <stdatomic.h>

#define NREQ 4

static atomic_int reaper_started;
static pthread_t reaper_thread;
static long reaper_rounds;

static void *reaper(void *arg)
{
    (void)arg;
    atomic_fetch_sub(&reaper_started, 1); /* BUG: back to 0, a new reaper may start now */
    reaper_rounds++; // expect: data-race 'reaper_rounds'
    return NULL;
}

static void ensure_reaper(void)
{
    if (atomic_exchange(&reaper_started, 1) == 0)
        pthread_create(&reaper_thread, NULL, reaper, NULL);
}

static void *request(void *arg)
{
    (void)arg;
    ensure_reaper();
    return NULL;
}

int main(void)
{
    pthread_t t[NREQ];
    for (int i = 0; i < NREQ; i++) pthread_create(&t[i], NULL, request, NULL);
    for (int i = 0; i < NREQ; i++) pthread_join(t[i], NULL);
    return 0;
}
