/*
 * av_flag_once_racy.c - hand-rolled one-time initialisation with an
 * atomic flag: every worker tests the flag, runs the initialiser when it
 * is clear, then sets it - two separate atomic steps. The flag is only
 * ever stored one non-zero constant and tested after atomic loads (the
 * model also takes it for a hand-off: the store a post, the tested load a
 * wait); its loads and stores are still the atomic accesses they are.
 * The same with the __atomic builtins and a helper testing the flag (the
 * finding is at the read, in the helper).
 *
 * TRUTH: two workers can both see the flag clear and both initialise
 * (check-then-act): the test and the set must be one step
 * (compare-exchange, pthread_once).
 */
#include <pthread.h>
#include <stdatomic.h>

static atomic_int initialized;
static int ready;
static _Atomic long table_gen;
static long loads;

static void init_tables(void)
{
    atomic_fetch_add(&table_gen, 1);
}

static int is_ready(void)
{
    return __atomic_load_n(&ready, __ATOMIC_ACQUIRE); // expect: atomicity-violation 'ready'
}

static void *worker(void *arg)
{
    (void)arg;
    if (atomic_load(&initialized) == 0) { // expect: atomicity-violation 'initialized'
        init_tables();
        atomic_store(&initialized, 1);
    }
    if (!is_ready()) {
        __atomic_fetch_add(&loads, 1, __ATOMIC_RELAXED);
        __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return (int)atomic_load(&table_gen);
}
