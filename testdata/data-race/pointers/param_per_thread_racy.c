/*
 * param_per_thread_racy.c - as param_per_thread_fixed.c, but the workers
 * also fold their counts into globals main updates, with no lock, through
 * the helpers they use on their own counters: stats_hit() through
 * stats_merge(), which forwards its parameter, and stats_miss() through a
 * function pointer. Narrowing a parameter to what a thread's calls pass
 * must keep those globals for the workers: each path reaches its own
 * global, so a path lost loses its race.
 *
 * TRUTH: two races: merged.hits (the workers through stats_merge, main
 * directly) and direct.misses (the workers through the pointer, main
 * directly).
 */
#include <pthread.h>
#include <stdio.h>

struct stats {
    long hits, misses;
};

static struct stats merged, direct;

static void stats_hit(struct stats *s)
{
    s->hits++; // expect: data-race 's->hits'
}

static void stats_miss(struct stats *s)
{
    s->misses++; // expect: data-race 's->misses'
}

static void stats_merge(struct stats *into, const struct stats *from)
{
    for (long i = 0; i < from->hits; i++)
        stats_hit(into);
}

static void (*const miss)(struct stats *) = stats_miss;

static void *worker(void *arg)
{
    struct stats mine = {0, 0};
    for (long i = 0; i < 100; i++) {
        if (i & 1)
            stats_hit(&mine);
        else
            miss(&mine);
    }
    stats_merge(&merged, &mine);
    miss(&direct);
    return arg;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    stats_hit(&merged);
    stats_miss(&direct);
    printf("%ld %ld\n", merged.hits, direct.misses);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
