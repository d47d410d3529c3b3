/*
 * once_success_set_racy.c - once_success_set_fixed.c with the test of
 * pthread_create's result inverted: the flag is set when the start failed,
 * so every event after a successful start starts another watchdog.
 *
 * TRUTH: races on watchdog_checks between two watchdogs: the success path
 * leaves the flag 0.
 */
#include <pthread.h>
#include <stdio.h>

static int watchdog_running;
static pthread_t watchdog_thread;
static long watchdog_checks;

static void *watchdog(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) watchdog_checks++; // expect: data-race 'watchdog_checks'
    return NULL;
}

static void on_event(void)
{
    if (watchdog_running) return;
    if (pthread_create(&watchdog_thread, NULL, watchdog, NULL)) watchdog_running = 1; /* BUG: inverted */
}

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) on_event();
    return 0;
}
