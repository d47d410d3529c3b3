/*
 * dcl_once_post_racy.c - two broken double-checked initialisations, each
 * with an _Atomic flag set by a release store and tested by an acquire
 * load on the fast path, in a routine every worker runs:
 *   - get_a() tests the flag only before taking the mutex: two workers may
 *     both find it unset and both initialise, one while a third, having
 *     seen the first store, already reads;
 *   - get_b() re-checks under the mutex but lets go of it to build the
 *     table: two workers may both pass the re-check.
 *
 * TRUTH: data races on table_a and table_b (a second initialisation's
 * write against a reader that saw the first one's flag), and the flags'
 * check-then-act split by the unlocked gap (atomicity-violation).
 */
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready_a, ready_b;
static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER, lock_b = PTHREAD_MUTEX_INITIALIZER;
static int *table_a, *table_b;
static int storage_a[64], storage_b[64];

static int *get_a(void)
{
    if (!atomic_load_explicit(&ready_a, memory_order_acquire)) { // expect: atomicity-violation 'ready_a'
        pthread_mutex_lock(&lock_a);
        table_a = storage_a; // expect: data-race 'table_a'
        atomic_store_explicit(&ready_a, 1, memory_order_release);
        pthread_mutex_unlock(&lock_a);
    }
    return table_a;
}

static int *get_b(void)
{
    if (!atomic_load_explicit(&ready_b, memory_order_acquire)) { // expect: atomicity-violation 'ready_b'
        pthread_mutex_lock(&lock_b);
        if (!atomic_load_explicit(&ready_b, memory_order_relaxed)) { // expect: atomicity-violation 'ready_b'
            pthread_mutex_unlock(&lock_b);
            table_b = storage_b; // expect: data-race 'table_b'
            pthread_mutex_lock(&lock_b);
            atomic_store_explicit(&ready_b, 1, memory_order_release);
        }
        pthread_mutex_unlock(&lock_b);
    }
    return table_b;
}

static void *worker(void *arg)
{
    long s = 0;
    int *a = get_a(), *b = get_b();
    for (int i = 0; i < 64; i++)
        s += a[i] + b[i];
    return arg ? arg : (void *)s;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
