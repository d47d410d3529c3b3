/*
 * verifier_section_write_only_racy.c - as verifier_section_rmw_fixed.c, but
 * the section covers only the write of the read-modify-write: the read of
 * total happens outside, so another thread's write can slip in between.
 *
 * TRUTH: a race on total: the unprotected read in adder against the
 * protected write of the other adder instance. The primary location is
 * the write (a read never is).
 */
#include <pthread.h>
#include <stdio.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static int total;

static void *adder(void *arg)
{
    int v = *(int *)arg;
    int t = total;
    __VERIFIER_atomic_begin();
    total = t + v; // expect: data-race 'total'
    __VERIFIER_atomic_end();
    return NULL;
}

int main(void)
{
    static int values[2] = {1, 2};
    pthread_t a, b;
    pthread_create(&a, NULL, adder, &values[0]);
    pthread_create(&b, NULL, adder, &values[1]);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%d\n", total);
    return 0;
}
