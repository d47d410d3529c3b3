// expect-no-findings
/*
 * se_atomic_store_fixed.c - a local's address published through an
 * atomic pointer for the duration of a call, and taken back before the
 * function returns (`atomic_store(&current, &fallback)`); and one
 * published to a reader the function joins before it returns.
 *
 * TRUTH: no escape: the first local's address is withdrawn before its
 * frame ends (readers that loaded it earlier are the program's business
 * under its own protocol - racecheck judges the store), and the second
 * frame outlives the thread that reads it.
 */
#include <pthread.h>
#include <stdatomic.h>

static int fallback = 1;
static int *_Atomic current = &fallback;
static int *_Atomic scoped = &fallback;

static void publish_briefly(void)
{
    int cfg = 2;
    atomic_store(&current, &cfg);
    atomic_store(&current, &fallback);
}

static void *reader(void *arg)
{
    return (void *)(long)(*atomic_load(&scoped) + (arg != 0));
}

static void run_scoped(void)
{
    int value = 5;
    pthread_t t;
    atomic_store(&scoped, &value);
    pthread_create(&t, NULL, reader, NULL);
    pthread_join(t, NULL);
    atomic_store(&scoped, &fallback);
}

int main(void)
{
    publish_briefly();
    run_scoped();
    return *atomic_load(&current);
}
