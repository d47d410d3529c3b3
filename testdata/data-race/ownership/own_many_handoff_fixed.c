// expect-no-findings
/*
 * own_many_handoff_fixed.c - main splits a range into N parts; for each part
 * it mallocs a search record, fills in the bounds and hands the record to
 * the thread it creates in the same iteration. Each thread finds the number
 * with the longest Collatz chain in its part and stores it in its record;
 * main reads the records after the join loop and frees them.
 *
 * TRUTH: no race. Every record is written by main before its own create,
 * then by exactly one thread, then read by main after the joins. All records
 * come from one allocation site, but they are distinct objects.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4
#define PART 25000

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
            w->best_len = len;
            w->best = x;
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    struct search *parts[N];
    int i;

    for (i = 0; i < N; i++) {
        parts[i] = malloc(sizeof *parts[i]);
        if (!parts[i])
            return 1;
        parts[i]->lo = 1 + (long)i * PART;
        parts[i]->hi = 1 + (long)(i + 1) * PART;
        parts[i]->best = 0;
        parts[i]->best_len = -1;
        pthread_create(&t[i], NULL, longest_chain, parts[i]);
    }
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < N; i++) {
        printf("[%ld, %ld): %ld (%d steps)\n", parts[i]->lo, parts[i]->hi,
               parts[i]->best, parts[i]->best_len);
        free(parts[i]);
    }
    return 0;
}
