/*
 * se_wait_helper_racy.c - se_wait_helper_fixed.c's handshake broken two
 * ways: a helper that waits on a semaphore of its own, not on the one it
 * is handed (the start function returns while the workers may still post
 * into its frame), and a helper called with the local's address that
 * posts instead of waiting.
 *
 * TRUTH: two stack-escapes, sem (start_a) and sem (start_b).
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

static sem_t global_ready;

static void wait_other(sem_t *s) {
    (void)s;
    sem_wait(&global_ready);
}

static void post_it(sem_t *s) {
    sem_post(s);
}

static void *worker(void *arg) {
    sem_post((sem_t *)arg);
    return NULL;
}

static void start_a(void) {
    sem_t sem;
    pthread_t t;
    sem_init(&sem, 0, 0);
    pthread_create(&t, NULL, worker, &sem); // expect: stack-escape 'sem'
    pthread_detach(t);
    wait_other(&sem);
}

static void start_b(void) {
    sem_t sem;
    pthread_t t;
    sem_init(&sem, 0, 0);
    pthread_create(&t, NULL, worker, &sem); // expect: stack-escape 'sem'
    pthread_detach(t);
    post_it(&sem);
}

int main(void) {
    sem_init(&global_ready, 0, 1);
    start_a();
    start_b();
    return 0;
}
