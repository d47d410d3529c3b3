/*
 * verify_no_directive.c - a correct program (the worker's counter is under
 * the mutex) that forgot to say it expects nothing: `racecheck --verify`
 * fails with "no expectation directive" (cli/verify_no_directive), so a
 * program whose only directive is mistyped cannot pass as "expects nothing".
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    counter++;
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)counter;
}
