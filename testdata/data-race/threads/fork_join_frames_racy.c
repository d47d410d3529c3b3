/*
 * fork_join_frames_racy.c - the recursive fork/join sum of
 * fork_join_frames_fixed.c, where each call reads the first child's result
 * before it joins that child.
 *
 * TRUTH: data race on `lo.sum`: the frame reads it while the child it
 * handed `&lo` to may still write it.
 */
#include <pthread.h>
#include <stdio.h>

struct span { int lo, hi; long sum; };

static void *sum_span(void *arg)
{
    struct span *s = arg;
    if (s->hi - s->lo <= 4) {
        long t = 0;
        for (int i = s->lo; i < s->hi; i++)
            t += i;
        s->sum = t; // expect: data-race 's->sum'
        return NULL;
    }
    int mid = s->lo + (s->hi - s->lo) / 2;
    struct span lo = {s->lo, mid, 0}, hi = {mid, s->hi, 0};
    pthread_t a, b;
    pthread_create(&a, NULL, sum_span, &lo);
    pthread_create(&b, NULL, sum_span, &hi);
    long early = lo.sum;
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    s->sum = early + hi.sum;
    return NULL;
}

int main(void)
{
    struct span all = {0, 64, 0};
    pthread_t t;
    pthread_create(&t, NULL, sum_span, &all);
    pthread_join(t, NULL);
    printf("%ld\n", all.sum);
    return 0;
}
