// expect-no-findings
/*
 * av_flag_once_fixed.c - av_flag_once_racy.c's initialisation done in one
 * atomic step: a compare-exchange claims the initialisation (only the
 * worker that changes 0 to 1 runs it, and publishes the tables with a
 * second flag the others wait for), and a flag set by main alone, before
 * the workers test it (a hand-off: the workers only read it).
 *
 * TRUTH: no atomicity violation: one step tests and sets the claim, and
 * the other flags have one writer that never tests them.
 */
#include <pthread.h>
#include <stdatomic.h>

static atomic_int claimed, done, go;
static _Atomic long table_gen;

static void init_tables(void)
{
    atomic_fetch_add(&table_gen, 1);
}

static void *worker(void *arg)
{
    (void)arg;
    int expected = 0;
    if (atomic_compare_exchange_strong(&claimed, &expected, 1)) {
        init_tables();
        atomic_store(&done, 1);
    }
    while (atomic_load(&done) == 0)
        ;
    while (atomic_load(&go) == 0)
        ;
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    atomic_store(&go, 1);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return (int)atomic_load(&table_gen);
}
