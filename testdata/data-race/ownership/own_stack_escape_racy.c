/*
 * own_stack_escape_racy.c - as own_stack_escape_fixed.c (summarize passes the
 * address of a record in its frame to a helper thread and joins it before
 * returning), but summarize resets the record's max while the thread runs.
 *
 * TRUTH: a race on the record's `max` field: summarize's write between the
 * create and the join may run in parallel with scan_worker's reads and
 * writes of it. scan_worker's write comes first in the file (primary
 * location). `sum` is touched by summarize only before the create and after
 * the join: no race on it.
 */
#include <pthread.h>
#include <stdio.h>

#define NVALUES 1000

struct scan {
    const int *data;
    int n;
    long sum;
    int max;
};

static int values[NVALUES];

static void *scan_worker(void *arg)
{
    struct scan *s = arg;

    for (int k = 0; k < s->n; k++) {
        s->sum += s->data[k];
        if (s->data[k] > s->max)
            s->max = s->data[k]; // expect: data-race 'max'
    }
    return NULL;
}

static long summarize(const int *data, int n)
{
    struct scan s = { data, n, 0, 0 };
    pthread_t t;
    long odd = 0;

    if (pthread_create(&t, NULL, scan_worker, &s) != 0)
        return -1;
    s.max = 0; /* BUG: the record is the thread's until the join */
    for (int k = 0; k < n; k++)
        odd += data[k] & 1;
    pthread_join(t, NULL);
    return s.sum + s.max + odd;
}

int main(void)
{
    for (int k = 0; k < NVALUES; k++)
        values[k] = (k * 37) % 101;
    printf("%ld\n", summarize(values, NVALUES));
    return 0;
}
