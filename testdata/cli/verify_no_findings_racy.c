// expect-no-findings
/*
 * verify_no_findings_racy.c - expect-no-findings on a program with a race:
 * the finding is unexpected and verify fails
 * (cli/verify_no_findings_racy).
 */
#include <pthread.h>

static long counter;

static void *worker(void *arg) {
    (void)arg;
    counter++;
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)counter;
}
