// expect-no-findings
/*
 * dcl_same_routine_fixed.c - double-checked initialisation with an _Atomic
 * flag: an acquire load on the fast path, the initialisation and a release
 * store of the flag under the mutex on the slow path - every worker runs
 * the same get_table(), and uses the pointer afterwards.
 *
 * TRUTH: no race: the fast path's read of table comes after the release
 * store that follows its only write (acquire/release), the slow path's is
 * under the mutex.
 *
 * The write runs once: in the block the re-check under the mutex enters
 * when the flag is unset, before the flag's one post (rule once-post;
 * until that rule, a known false alarm here).
 */
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int *table;
static int storage[64];

static int *get_table(void)
{
    if (atomic_load_explicit(&ready, memory_order_acquire))
        return table;
    pthread_mutex_lock(&init_lock);
    if (!atomic_load_explicit(&ready, memory_order_relaxed)) {
        table = storage;
        atomic_store_explicit(&ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&init_lock);
    return table;
}

static void *worker(void *arg)
{
    (void)arg;
    return get_table();
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
