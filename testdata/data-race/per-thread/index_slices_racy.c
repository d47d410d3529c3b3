/*
 * index_slices_racy.c - slices of shared arrays that are not each
 * worker's own:
 * - `end = start + chunk + 1`: each slice overlaps the next one by one
 *   element;
 * - `i < N`: every worker runs to the end of the array;
 * - `hi = lo + 2 * chunk` with a stride of one chunk: slices twice as wide
 *   as the stride;
 * - one worker fills [id * C, ...) of both[], another loop of the same
 *   worker [id * 2 * C, ...): two strides;
 * - a counter the loop body also sets back (`if (x[i] < 0) i = start`);
 * - main reads a slice while the workers run;
 * - the remainder given to the first worker (`id == 0 ? N : ...`), whose
 *   range then covers every other's;
 * - a cyclic distribution stepping by 2 with 4 workers (worker 0 and worker
 *   2 meet), and one stepping by T from two residues (`i = id` and `i = id
 *   + 1`: worker 1's first cell is worker 0's second loop's);
 * - jobs whose creator stores `hi = (i + 2) * chunk`: each slice overlaps
 *   the next; and jobs whose bounds it stores twice (`lo` set again after
 *   the spawn).
 *
 * TRUTH: races on over[], upto[], wide[], both[], reset[], seen[], first[], odd[],
 * res[], dbl[],
 * twice[] and the job's lo (set again while the worker reads it).
 */
#include <pthread.h>
#include <stdint.h>

#define N 64
#define T 4
#define C (N / T)

static int first[N], odd[N], res[N + 1], over[N + 1], upto[N], wide[2 * N], both[2 * N], reset[N], seen[N];

static void *fill(void *arg)
{
    intptr_t id = (intptr_t)arg;
    int chunk = C;
    int start = id * chunk;
    int end = start + chunk;
    for (int i = start; i < end + 1; i++)
        over[i] = i; // expect: data-race 'over[i]'
    for (int i = start; i < N; i++)
        upto[i] = i; // expect: data-race 'upto[i]'
    for (int i = start; i < start + 2 * chunk; i++)
        wide[i] = i; // expect: data-race 'wide[i]'
    for (int i = start; i < end; i++)
        both[i] = 1; // expect: data-race 'both[i]'
    for (long j = id * 2 * C; j < (id + 1) * 2 * C; j++)
        both[j] = 2;
    for (int i = start; i < end; i++) {
        reset[i] = -1; // expect: data-race 'reset[i]'
        if (reset[i + 1] > 0)
            i = start;
    }
    for (int i = start; i < end; i++)
        seen[i] = 1; // expect: data-race 'seen[i]'
    int first_end = id == 0 ? N : end;
    for (int i = start; i < first_end; i++)
        first[i] = 1; // expect: data-race 'first[i]'
    for (intptr_t i = id; i < N; i += 2)
        odd[i] = 1; // expect: data-race 'odd[i]'
    for (intptr_t i = id; i < N; i += T)
        res[i] = 1; // expect: data-race 'res[i]'
    for (intptr_t i = id + 1; i < N; i += T)
        res[i] = 2;
    return NULL;
}

struct job {
    int lo, hi;
};

static int dbl[N + C], twice[N];

static void *overlap(void *p)
{
    struct job *j = p;
    for (int i = j->lo; i < j->hi; i++)
        dbl[i] = i; // expect: data-race 'dbl[i]'
    return NULL;
}

static void *restarted(void *p)
{
    struct job *j = p;
    for (int i = j->lo; i < j->hi; i++)
        twice[i] = i; // expect: data-race 'twice[i]'
    return NULL;
}

int main(void)
{
    pthread_t t[T], u[T], v[T];
    struct job jobs[T], more[T];
    for (int i = 0; i < T; i++) {
        jobs[i].lo = i * C;
        jobs[i].hi = (i + 2) * C;
        pthread_create(&u[i], NULL, overlap, &jobs[i]);
        more[i].lo = i * C;
        more[i].hi = (i + 1) * C;
        pthread_create(&v[i], NULL, restarted, &more[i]);
        more[i].lo = 0; // expect: data-race 'more[i].lo'
    }
    for (intptr_t i = 0; i < T; i++)
        pthread_create(&t[i], NULL, fill, (void *)i);
    int s = seen[C];
    for (int i = 0; i < T; i++) {
        pthread_join(t[i], NULL);
        pthread_join(u[i], NULL);
        pthread_join(v[i], NULL);
    }
    return dbl[0] + twice[0] + s + over[0] + upto[0] + wide[0] + both[0] + reset[0];
}
