// expect-no-findings
/*
 * flag_elements_fixed.c - per-worker done flags: worker k computes its
 * result, then sets its own element of an atomic flag array
 * (`atomic_store(&done[k], 1)`, seq_cst). main, in a loop over the
 * workers, spins until `done[i]` is set and then reads `result[i]` (and
 * the record `stats[i].n`, through the flag's field form `&ready[i].set`
 * for the second array). Only worker i sets done[i] and it sets nothing
 * after; so when main sees done[i], worker i's writes of its own elements
 * are visible. After that loop every worker has set its flag, so main's
 * second pass over `total[]` (written before the flags too) is ordered as
 * well: one wait per element over the range the workers were started on.
 *
 * TRUTH: no race. Each result[i], total[i] and stats[i].n is written by
 * worker i before its flag and read by main after seeing that flag.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 4

static atomic_int done[N];
static struct {
    atomic_int set;
} ready[N];
static long result[N], total[N];
static struct {
    long n;
} stats[N];

static void *worker(void *arg)
{
    long id = (long)arg;
    result[id] = id * id;
    total[id] = 3 * id;
    stats[id].n = id + 1;
    atomic_store(&done[id], 1);
    atomic_store(&ready[id].set, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    long sum = 0;
    for (int i = 0; i < N; i++) {
        while (!atomic_load(&done[i]))
            ;
        sum += result[i];
        while (!atomic_load(&ready[i].set))
            ;
        sum += stats[i].n;
    }
    for (int i = 0; i < N; i++)
        sum += total[i];
    printf("%ld\n", sum);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
