/*
 * perthread_helper_racy.c - helpers that get an instance's index or
 * element from some calls and something else from others, or that index
 * with a value derived from the index:
 * - account() is also called with the constant 0 by every counter (a
 *   total kept in stats[0]);
 * - mark() writes used[slot / 2]: two instances share an element;
 * - fill() is also handed the first job by every loader.
 *
 * TRUTH: races on stats[].writes/reads (the constant-0 calls against
 * instance 0's own), used[] (slot / 2) and jobs[].filled (every loader
 * fills jobs[0] too).
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
        stats[id].writes++; // expect: data-race 'stats[id].writes'
    else
        stats[id].reads++; // expect: data-race 'stats[id].reads'
}

static void *counter(void *arg)
{
    intptr_t id = (intptr_t)arg;
    for (int k = 0; k < 100; k++) {
        account(id, k & 1);
        account(0, k & 1);
    }
    return NULL;
}

static void mark(int slot)
{
    used[slot / 2] = 1; // expect: data-race 'used[?]'
}

static void fill(struct job *job)
{
    job->filled = job->slot * 10L; // expect: data-race 'job->filled'
}

static void *loader(void *arg)
{
    struct job *job = arg;
    fill(job);
    fill(&jobs[0]);
    mark(job->slot);
    return NULL;
}

int main(void)
{
    pthread_t c[N], l[N];
    for (intptr_t i = 0; i < N; i++)
        pthread_create(&c[i], NULL, counter, (void *)i);
    for (int i = 0; i < N; i++) {
        /* the loaders read jobs[0].slot through fill(&jobs[0]), never an
         * element main fills after loader 0 started: the elements are one
         * location */
        jobs[i].slot = i; // known-false-alarm: data-race 'jobs[i].slot'
        pthread_create(&l[i], NULL, loader, &jobs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(c[i], NULL);
        pthread_join(l[i], NULL);
    }
    return used[0];
}
