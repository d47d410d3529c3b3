// expect-no-findings
/*
 * perthread_helper_fixed.c - instances that hand their own index or their
 * own element to helpers: the helpers index and dereference what the
 * instance passes, two calls deep.
 *
 * - account(id, ..) adds to stats[id] for the counters started with
 *   `(void *)i`, through record(), which passes its parameter on;
 * - the loaders started with `&jobs[i]` pass `job` to fill() and
 *   `job->slot` to mark(), which writes used[slot].
 *
 * TRUTH: no race: each instance's helpers touch only the element its own
 * index or pointer names; main reads after the joins.
 */
#include <pthread.h>
#include <stdint.h>

#define N 4

struct stat { long reads, writes; char pad[48]; };
struct job { int slot; long filled; char pad[48]; };

static struct stat stats[N];
static struct job jobs[N];
static int used[N * 16];

static void account(intptr_t id, int write)
{
    if (write)
        stats[id].writes++;
    else
        stats[id].reads++;
}

static void record(intptr_t id, int k)
{
    account(id, k & 1);
}

static void *counter(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int k = 0; k < 100; k++)
        record(id, k);
    return NULL;
}

static void mark(int slot)
{
    used[slot] = 1;
}

static void fill(struct job *job)
{
    job->filled = job->slot * 10L;
}

static void *loader(void *arg)
{
    struct job *job = arg;
    fill(job);
    mark(job->slot);
    return NULL;
}

int main(void)
{
    pthread_t c[N], l[N];
    for (intptr_t i = 0; i < N; i++)
        pthread_create(&c[i], NULL, counter, (void *)i);
    for (int i = 0; i < N; i++) {
        jobs[i].slot = i;
        pthread_create(&l[i], NULL, loader, &jobs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(c[i], NULL);
        pthread_join(l[i], NULL);
    }
    long total = 0;
    for (int i = 0; i < N; i++)
        total += stats[i].reads + stats[i].writes + jobs[i].filled + used[i];
    return total > 0 ? 0 : 1;
}
