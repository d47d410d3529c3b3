// expect-no-findings
/*
 * fork_join_frames_fixed.c - a recursive fork/join sum: each call starts
 * two children, each on a struct in the calling frame (`&lo`, `&hi`),
 * joins both, and only then reads their results and writes its own into
 * the struct its parent handed it.
 *
 * TRUTH: no data race - every frame's lo and hi are written by the one
 * child that frame started, and read by the frame after it joined that
 * child; the children of other frames touch other frames' structs.
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
        s->sum = t;
        return NULL;
    }
    int mid = s->lo + (s->hi - s->lo) / 2;
    struct span lo = {s->lo, mid, 0}, hi = {mid, s->hi, 0};
    pthread_t a, b;
    pthread_create(&a, NULL, sum_span, &lo);
    pthread_create(&b, NULL, sum_span, &hi);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    s->sum = lo.sum + hi.sum;
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
