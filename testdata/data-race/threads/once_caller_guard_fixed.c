// expect-no-findings
/*
 * once_caller_guard_fixed.c - the guard sits in the caller: main's command
 * loop calls cmd_enable, which sets `enabled` and calls start_monitor (its
 * only caller) the first time; start_monitor spawns the monitor thread.
 *
 * TRUTH: no race. The flag is tested and set by main alone before the call
 * and never cleared: one monitor thread, which owns its counter (once.c: a
 * guard in the only caller of the function holding the spawn).
 */
#include <pthread.h>
#include <stdio.h>

static int enabled;
static pthread_t monitor_thread;
static long checks;                  /* the monitor's own */

static void *monitor(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) checks++;
    return NULL;
}

static void start_monitor(void)
{
    pthread_create(&monitor_thread, NULL, monitor, NULL);
}

static void cmd_enable(void)
{
    if (enabled) return;
    enabled = 1;
    start_monitor();
}

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin))
        if (line[0] == 'e') cmd_enable();
    return 0;
}
