/*
 * own_many_handoff_racy.c - as own_many_handoff_fixed.c, but main mallocs ONE
 * search record before the create loop and hands the same record to all N
 * threads (the intent was a record per thread). The threads only read the
 * bounds, and all update the best result in it.
 *
 * TRUTH: a race on the shared record's `best_len` and `best` fields: the N
 * instances read and write them in parallel without a lock. For each field
 * the primary location is the first write in the file (in the thread). The
 * bounds are written by main before the first create and only read by the
 * threads: no race on lo and hi.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4
#define RANGE 25000

struct search {
    long lo, hi;
    long best;
    int best_len;
};

static void *longest_chain(void *arg)
{
    struct search *w = arg;

    for (long x = w->lo; x < w->hi; x++) {
        int len = 0;
        for (long v = x; v != 1; v = (v % 2) ? 3 * v + 1 : v / 2)
            len++;
        if (len > w->best_len) {
            w->best_len = len; // expect: data-race 'best_len'
            w->best = x; // expect: data-race 'best'
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    struct search *w = malloc(sizeof *w);
    int i;

    if (!w)
        return 1;
    w->lo = 1;
    w->hi = 1 + RANGE;
    w->best = 0;
    w->best_len = -1;
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, longest_chain, w); /* BUG: one record for all */
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld (%d steps)\n", w->best, w->best_len);
    free(w);
    return 0;
}
