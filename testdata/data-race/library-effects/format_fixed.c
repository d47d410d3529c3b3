// expect-no-findings
/*
 * format_fixed.c - printf's %p and %d do not dereference their argument,
 * and a scanf conversion suppressed with `*` stores nothing: the worker's
 * printf of the address of `stats` and of the number `ticks` does not
 * read stats, and main's sscanf writes only `parsed` (its own local), so
 * main's unlocked memset of stats and the worker's print do not race.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct stats {
    long hits;
};

static struct stats stats;
static long ticks;

static void *worker(void *arg)
{
    (void)arg;
    printf("%p %ld\n", (void *)&stats, 0L);
    return NULL;
}

int main(void)
{
    pthread_t t;
    int parsed = 0;
    pthread_create(&t, NULL, worker, NULL);
    memset(&stats, 0, sizeof stats);
    sscanf("7 8", "%*d %d", &parsed);
    pthread_join(t, NULL);
    ticks = parsed;
    return (int)ticks;
}
