// expect-no-findings
/*
 * once_success_set_fixed.c - main's event loop calls on_event, which starts
 * the watchdog when it is not running yet and marks it running only when
 * pthread_create succeeded (a failed start is retried at the next event).
 * The watchdog keeps its own count of checks.
 *
 * TRUTH: no race. main alone tests and sets the flag, every successful
 * start sets it before on_event returns, and nothing clears it: at most one
 * watchdog (once.c: the guard set after the spawn, on its success path).
 */
#include <pthread.h>
#include <stdio.h>

static int watchdog_running;
static pthread_t watchdog_thread;
static long watchdog_checks;         /* the watchdog's own */

static void *watchdog(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) watchdog_checks++;
    return NULL;
}

static void on_event(void)
{
    if (watchdog_running) return;
    if (pthread_create(&watchdog_thread, NULL, watchdog, NULL) == 0) watchdog_running = 1;
    else perror("watchdog");
}

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) on_event();
    return 0;
}
