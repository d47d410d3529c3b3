// expect-no-findings
/*
 * verifier_section_rmw_fixed.c - each thread's read-modify-write of the
 * shared total sits between __VERIFIER_atomic_begin and
 * __VERIFIER_atomic_end; a helper called inside the section also touches
 * shared state, and one thread nests a second section inside the first
 * through a helper that brackets its own work.
 *
 * Every access to total and hits is inside an atomic section: no two
 * overlap. No finding.
 */
#include <pthread.h>
#include <stdio.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static int total;
static int hits;

static void count_hit(void)
{
    hits++;
}

static void add_locked(int v)
{
    __VERIFIER_atomic_begin();
    total += v;
    __VERIFIER_atomic_end();
}

static void *adder(void *arg)
{
    int v = *(int *)arg;
    __VERIFIER_atomic_begin();
    int t = total;
    total = t + v;
    count_hit();
    __VERIFIER_atomic_end();
    return NULL;
}

static void *nester(void *arg)
{
    (void)arg;
    __VERIFIER_atomic_begin();
    add_locked(5);   /* a section inside a section: the outer one stays */
    hits++;
    __VERIFIER_atomic_end();
    return NULL;
}

int main(void)
{
    static int values[2] = {1, 2};
    pthread_t a, b, n;
    pthread_create(&a, NULL, adder, &values[0]);
    pthread_create(&b, NULL, adder, &values[1]);
    pthread_create(&n, NULL, nester, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(n, NULL);
    printf("%d %d\n", total, hits);
    return 0;
}
