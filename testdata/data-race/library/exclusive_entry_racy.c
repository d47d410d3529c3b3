// racecheck-args: --library --exclusive-entry lib_init --exclusive-entry lib_replace_allocator
/*
 * exclusive_entry_racy.c - what an exclusive entry's contract does not cover.
 * lib_init and lib_replace_allocator run alone (`--exclusive-entry`): no
 * other call into the library is in progress while they run, and the
 * library's threads are idle. Still:
 *
 * - lib_init starts the flusher thread itself and goes on setting up: its
 *   write of `flush_interval` after the spawn races with the flusher it
 *   just started;
 * - two calls of lib_lookup, an ordinary entry, may run at once: their
 *   unlocked `last_key` cache races with itself and with lib_last;
 * - lib_reset_stats, an ordinary entry too, writes `hits`, which lib_lookup
 *   updates without a lock.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static void (*free_fn)(void *) = free;
static int flush_interval;
static int last_key;
static long hits;
static pthread_t flusher_thread;

int lib_replace_allocator(void (*f)(void *))
{
    free_fn = f;
    return 0;
}

static void *flusher(void *arg)
{
    (void)arg;
    for (;;) {
        sleep((unsigned)flush_interval);
        void (*f)(void *) = free_fn;
        f(NULL);
    }
    return NULL;
}

int lib_init(int seconds)
{
    if (pthread_create(&flusher_thread, NULL, flusher, NULL) != 0) return -1;
    flush_interval = seconds; // expect: data-race 'flush_interval'
    return 0;
}

int lib_lookup(int key)
{
    last_key = key; // expect: data-race 'last_key'
    hits++; // expect: data-race 'hits'
    return key * 2;
}

int lib_last(void)
{
    return last_key;
}

void lib_reset_stats(void)
{
    hits = 0;
}
