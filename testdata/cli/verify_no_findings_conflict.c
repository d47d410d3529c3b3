// expect-no-findings
/*
 * verify_no_findings_conflict.c - a file that says it expects no finding
 * and also expects one: verify fails (cli/verify_no_findings_conflict)
 * whether or not the race is reported.
 */
#include <pthread.h>

static long counter;

static void *worker(void *arg) {
    (void)arg;
    counter++; // expect: data-race 'counter'
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)counter;
}
