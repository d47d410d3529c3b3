// expect-no-findings
/*
 * own_stack_escape_fixed.c - summarize() keeps a scan record in its own
 * frame, passes its address to a helper thread, does unrelated work of its
 * own and joins the thread before reading the record and returning.
 *
 * TRUTH: no race. summarize initialises the record before the create and
 * reads it after the join; in between only scan_worker touches it. The
 * thread is joined before the frame ends, so the stack address does not
 * outlive it. values[] is written by main before any thread exists and only
 * read afterwards.
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
            s->max = s->data[k];
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
