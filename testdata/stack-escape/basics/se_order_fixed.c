// expect-no-findings
/*
 * se_order_fixed.c - scoped threads written compactly: the join follows
 * the create on the same line, or in a later round of the same loop body
 * that then joins the last one after the loop.
 *
 * TRUTH: no escape: every thread handed a local is joined before its
 * function returns.
 */
#include <pthread.h>

static void *reader(void *arg) { return (void *)(long)*(int *)arg; }

static long one_line(void) { int v = 2; pthread_t t; void *r; pthread_create(&t, NULL, reader, &v); pthread_join(t, &r); return (long)r; }

static long rounds(void)
{
    int v[4] = {1, 2, 3, 4};
    pthread_t t;
    long s = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_create(&t, NULL, reader, &v[i]);
        pthread_join(t, &r);
        s += (long)r;
    }
    return s;
}

int main(void)
{
    return (int)(one_line() + rounds());
}
