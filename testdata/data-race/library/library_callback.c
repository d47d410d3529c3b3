// racecheck-args: --library --entry on_timer
/*
 * library_callback.c - a job library: its exported functions take `lock`,
 * and lib_start registers the static callback on_timer with an event loop
 * the library does not implement (evloop_add_timer is only declared). The
 * loop calls on_timer on its own thread, which racecheck cannot see, so the
 * user names it: `--verify --library --entry on_timer`. The exported
 * functions are then entries with many instances, and on_timer one more
 * entry with one instance (the loop's thread), in parallel with them.
 *
 * on_timer reads `pending` without the lock while lib_submit writes it under
 * the lock: a race, whose only write is lib_submit's (primary location).
 * `ticks` is touched only by on_timer, which runs in one thread: no race.
 * With `--library` alone on_timer is no thread and the race is not found
 * (testdata/CMakeLists.txt checks that too).
 */
#include <pthread.h>
#include <stdio.h>

void evloop_add_timer(int ms, void (*cb)(void *), void *arg);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int pending;
static long ticks;

static void on_timer(void *arg)
{
    (void)arg;
    ticks++;
    if (pending > 0)
        printf("tick %ld: %d jobs pending\n", ticks, pending);
}

void lib_start(void)
{
    evloop_add_timer(1000, on_timer, NULL);
}

void lib_submit(void)
{
    pthread_mutex_lock(&lock);
    pending++; // expect: data-race 'pending'
    pthread_mutex_unlock(&lock);
}

int lib_pending(void)
{
    int n;

    pthread_mutex_lock(&lock);
    n = pending;
    pthread_mutex_unlock(&lock);
    return n;
}
