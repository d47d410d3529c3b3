// expect-no-findings
/*
 * inside_lock_rounds_fixed.c - a checkpoint writer that main runs in
 * rounds: each round takes the store lock, starts the writer thread, joins
 * it and only then releases the lock - in a loop, and again through a
 * helper called twice. A compactor thread running all along touches the
 * same counter holding the store lock.
 *
 * TRUTH: no race: every instance of the writer runs entirely inside a hold
 * of `store_lock` by main (started after the lock was taken, joined before
 * it is released), so it never overlaps the compactor's locked accesses.
 * The previous round's writer, joined before the lock was taken again, is
 * no reason to doubt the next round's.
 */
#include <pthread.h>

static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static long pages_written;

static void *checkpoint_writer(void *arg)
{
    pages_written += 16;
    return arg;
}

static void *compactor(void *arg)
{
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&store_lock);
        pages_written /= 2;
        pthread_mutex_unlock(&store_lock);
    }
    return arg;
}

static void checkpoint(void)
{
    pthread_t w;
    pthread_mutex_lock(&store_lock);
    pthread_create(&w, NULL, checkpoint_writer, NULL);
    pthread_join(w, NULL);
    pthread_mutex_unlock(&store_lock);
}

int main(void)
{
    pthread_t c, w;
    pthread_create(&c, NULL, compactor, NULL);
    for (int round = 0; round < 3; round++) {
        pthread_mutex_lock(&store_lock);
        pthread_create(&w, NULL, checkpoint_writer, NULL);
        pthread_join(w, NULL);
        pthread_mutex_unlock(&store_lock);
    }
    checkpoint();
    checkpoint();
    pthread_join(c, NULL);
    return (int)pages_written;
}
