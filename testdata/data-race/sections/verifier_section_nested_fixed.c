// expect-no-findings
/*
 * verifier_section_nested_fixed.c - one function nests an atomic section
 * inside another (begin, begin, end, end), as FreeRTOS code does with its
 * nesting critical-section counter: after the inner end the outer section
 * is still in force, so the update of y is protected too. An atomic
 * function called inside a section nests the same way.
 *
 * Every access to x and y is inside an atomic section. No finding.
 */
#include <pthread.h>
#include <stdio.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static int x, y;

void __VERIFIER_atomic_bump_x(void)
{
    x++;
}

static void *worker(void *arg)
{
    (void)arg;
    __VERIFIER_atomic_begin();
    __VERIFIER_atomic_begin();
    x++;
    __VERIFIER_atomic_end();
    y++;            /* the outer section still holds */
    __VERIFIER_atomic_bump_x();
    y++;
    __VERIFIER_atomic_end();
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%d %d\n", x, y);
    return 0;
}
