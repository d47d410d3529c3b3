// expect-no-findings
/*
 * once_atomic_exchange_fixed.c - request threads call ensure_reaper, which
 * starts the background reaper the first time: atomic_exchange sets the
 * flag and returns what it held, so exactly one caller sees 0 and starts
 * it. The reaper keeps its own count of rounds.
 *
 * TRUTH: no race. The test and the set are one atomic step and nothing
 * clears the flag: one reaper, whatever the number of request threads
 * (once.c: atomic test-and-set guard).
 */
#include <pthread.h>
#include <stdatomic.h>

#define NREQ 4

static atomic_int reaper_started;
static pthread_t reaper_thread;
static long reaper_rounds;           /* the reaper's own */

static void *reaper(void *arg)
{
    (void)arg;
    while (reaper_rounds < 100) reaper_rounds++;
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
