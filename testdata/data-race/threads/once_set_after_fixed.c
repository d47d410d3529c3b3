// expect-no-findings
/*
 * once_set_after_fixed.c - main's event loop calls on_tick, which starts
 * the stats thread the first time and marks it started right after the
 * pthread_create call; the stats thread keeps its own sample count.
 *
 * TRUTH: no race. main alone tests and sets the flag, and every path from
 * the spawn sets it before on_tick returns: one stats thread (once.c: the
 * guard set after the spawn).
 */
#include <pthread.h>
#include <unistd.h>

static int stats_running;
static pthread_t stats_thread;
static long samples;                 /* the stats thread's own */

static void *stats_main(void *arg)
{
    (void)arg;
    for (;;) {
        samples++;
        if (samples > 1000) return NULL;
        sleep(1);
    }
}

static void on_tick(void)
{
    if (!stats_running) {
        pthread_create(&stats_thread, NULL, stats_main, NULL);
        stats_running = 1;
    }
}

int main(void)
{
    for (int i = 0; i < 60; i++) {
        on_tick();
        sleep(1);
    }
    return 0;
}
