// expect-no-findings
/*
 * param_per_thread_fixed.c - helpers called by each thread on different
 * objects. stats_clear() and stats_add() take a `struct stats *`: the
 * workers pass their own local (`mine`, directly and through
 * stats_reset(), which forwards its parameter, and through a function
 * pointer), main passes the global `totals`, which only it touches. A
 * points-to set per parameter holds both objects; within one thread the
 * parameter only holds what that thread's calls pass.
 *
 * TRUTH: no race. Each worker's `mine` is its own (a local of its frame),
 * and `totals` is only ever used by main.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct stats {
    long hits, misses;
};

static struct stats totals;

static void stats_clear(struct stats *s)
{
    memset(s, 0, sizeof *s);
}

static void stats_add(struct stats *s, long hit)
{
    if (hit)
        s->hits++;
    else
        s->misses++;
}

static void stats_reset(struct stats *s)
{
    stats_clear(s);
}

static void (*const add)(struct stats *, long) = stats_add;

static void *worker(void *arg)
{
    struct stats mine;
    stats_reset(&mine);
    for (long i = 0; i < 100; i++)
        add(&mine, i & 1);
    printf("%ld %ld\n", mine.hits, mine.misses);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    stats_clear(&totals);
    stats_add(&totals, 1);
    stats_add(&totals, 0);
    printf("%ld %ld\n", totals.hits, totals.misses);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
