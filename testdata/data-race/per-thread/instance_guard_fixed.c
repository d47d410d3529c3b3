// expect-no-findings
/*
 * instance_guard_fixed.c - work only one instance of a thread does: the one
 * whose distinct index is 0 (the "master" of a group of workers).
 *
 * - workers started with `(void *)i` store their slice in part[id]; after a
 *   barrier, the instance with id 0 alone sums the parts into `total` and
 *   counts the round in `rounds` (`if (id == 0)`, several accesses);
 * - loaders started with `&jobs[i]` (jobs[i].id = i) report through a
 *   helper under `if (!job->id)`: only loader 0 writes `reports`, in
 *   report(), called there;
 * - the same loaders leave early unless their index is 0 (`if (job->id !=
 *   0) return`); what follows, `leader_seen`, is loader 0's alone.
 *
 * - a test against another constant names one instance too: worker 1 counts
 *   `second` (`if (id == 1)`), worker 2 writes `third` (after `if (id != 2)
 *   return`).
 *
 * TRUTH: no race: each of total, rounds, reports, leader_seen, second and
 * third is touched by one instance (and by main after the joins).
 */
#include <pthread.h>
#include <stdint.h>

#define N 4

struct part {
    long sum;
    char pad[56];
};

static struct part part[N];
static long total;
static int rounds;
static long second;
static long third;
static pthread_barrier_t bar;

static void *worker(void *arg)
{
    intptr_t id = (intptr_t)arg;
    part[id].sum = id * 10;
    pthread_barrier_wait(&bar);
    if (id == 0) {
        long s = 0;
        for (int k = 0; k < N; k++)
            s += part[k].sum;
        total += s;
        rounds++;
    }
    if (id == 1)
        second++;
    if (id != 2)
        return NULL;
    third = id;
    return NULL;
}

struct job {
    int id;
    long done;
};

static struct job jobs[N];
static int reports;
static int leader_seen;

static void report(void)
{
    reports++;
}

static void *loader(void *arg)
{
    struct job *job = arg;
    job->done = 1;
    if (!job->id)
        report();
    if (job->id != 0)
        return NULL;
    leader_seen = 1;
    return NULL;
}

int main(void)
{
    pthread_t w[N], l[N];
    pthread_barrier_init(&bar, NULL, N);
    for (intptr_t i = 0; i < N; i++)
        pthread_create(&w[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++) {
        jobs[i].id = i;
        pthread_create(&l[i], NULL, loader, &jobs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(w[i], NULL);
        pthread_join(l[i], NULL);
    }
    second++;
    return (int)total + rounds + reports + leader_seen + (int)second + (int)third;
}
