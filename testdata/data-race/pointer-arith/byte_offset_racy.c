/*
 * byte_offset_racy.c - a generic counter bump that names the counter by its
 * byte offset in the struct, `*(long *)((char *)s + offsetof(struct stats,
 * hits))`, the way table-driven code (option tables, serializers) reaches
 * a field. The worker bumps hits that way while main resets stats.hits
 * directly: both write it with no lock.
 *
 * `(char *)s + offsetof(S, m)` is &s->m; before it was modelled the
 * worker's write named the whole `stats` object's own location, which no
 * field access touches, and the race was missed.
 */
#include <pthread.h>
#include <stddef.h>

struct stats {
    long requests;
    long hits;
    long misses;
};

static struct stats stats;

static void bump(struct stats *s)
{
    *(long *)((char *)s + offsetof(struct stats, hits)) += 1; // expect: data-race 'hits'
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        bump(&stats);
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL);
    stats.hits = 0;
    pthread_join(t, NULL);
    return (int)stats.hits;
}
