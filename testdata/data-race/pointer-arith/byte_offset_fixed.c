// expect-no-findings
/*
 * byte_offset_fixed.c - byte_offset_racy.c with the worker counting misses
 * instead, through a constant byte offset, `*(long *)((char *)s + 16)`,
 * while main resets hits: two fields, each written by one thread.
 *
 * The byte offset must name the member holding that byte (misses, bytes
 * 16-23), not the whole struct: the struct taken as one location would
 * make the two writes race.
 */
#include <pthread.h>
#include <stddef.h>

struct stats {
    long requests;
    long hits;
    long misses;
};

_Static_assert(offsetof(struct stats, misses) == 16, "misses is at byte 16");

static struct stats stats;

static void *worker(void *arg)
{
    struct stats *s = &stats;

    (void)arg;
    for (int i = 0; i < 100; i++)
        *(long *)((char *)s + 16) += 1;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL);
    stats.hits = 0;
    pthread_join(t, NULL);
    return (int)stats.misses;
}
