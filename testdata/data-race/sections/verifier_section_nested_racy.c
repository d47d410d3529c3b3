/*
 * verifier_section_nested_racy.c - as verifier_section_nested_fixed.c, but
 * the worker closes both sections before its last update of y: two ends
 * for two begins leave no section held.
 *
 * TRUTH: a race on y: the update after the second end runs outside every
 * atomic section, against the other worker's protected update. The primary
 * location is the first write in the file, the protected one.
 */
#include <pthread.h>
#include <stdio.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static int x, y;

static void *worker(void *arg)
{
    (void)arg;
    __VERIFIER_atomic_begin();
    __VERIFIER_atomic_begin();
    x++;
    __VERIFIER_atomic_end();
    y++; // expect: data-race 'y'
    __VERIFIER_atomic_end();
    y++;            /* BUG: both sections are closed */
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
