/*
 * sem_ring_racy.c - semaphore rings that do not keep their data to one
 * thread at a time:
 *
 * - ping-pong where main writes the next question after passing the
 *   token on (`sem_post(&ping)` first): the echo thread may be reading it;
 * - a one-slot buffer whose `empty` starts at 2: two tokens, so the
 *   producer may fill the slot again while the consumer still reads it;
 * - a pipeline whose last stage passes the token on before its write of
 *   `frame[2]`, which the first stage reads once it has the token.
 *
 * TRUTH: races on `question`, `slot` and `frame` (the one-token rings
 * order everything else; the two-token ring orders nothing); the last
 * stage's write after its post also shares a line with the first stage's
 * writes (false sharing).
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define ROUNDS 3

static struct {
    int question, answer;
} req;
static sem_t ping, pong;

static int slot;
static sem_t empty, full;

static int frame[4];
static sem_t go0, go1;

static void *echo(void *arg) {
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        sem_wait(&ping);
        req.answer = req.question * 2;
        sem_post(&pong);
    }
    return NULL;
}

static void *producer(void *arg) {
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        sem_wait(&empty);
        slot = k; // expect: data-race 'slot'
        sem_post(&full);
    }
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    long sum = 0;
    for (int k = 0; k < ROUNDS; k++) {
        sem_wait(&full);
        sum += slot;
        sem_post(&empty);
    }
    return (void *)sum;
}

static void *first(void *arg) {
    (void)arg;
    for (;;) {
        sem_wait(&go0);
        frame[0] = frame[2] + 1; // expect: false-sharing 'frame[0]'
        sem_post(&go1);
    }
    return NULL;
}

static void *last(void *arg) {
    (void)arg;
    for (;;) {
        sem_wait(&go1);
        frame[1] = frame[0];
        sem_post(&go0);
        frame[2] = frame[1]; // expect: data-race 'frame'; false-sharing 'frame[2]'
    }
    return NULL;
}

int main(void) {
    pthread_t e, p, c, f, l;
    sem_init(&ping, 0, 0);
    sem_init(&pong, 0, 0);
    sem_init(&empty, 0, 2);
    sem_init(&full, 0, 0);
    sem_init(&go0, 0, 1);
    sem_init(&go1, 0, 0);
    pthread_create(&f, NULL, first, NULL);
    pthread_create(&l, NULL, last, NULL);
    pthread_detach(f);
    pthread_detach(l);
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&e, NULL, echo, NULL);
    for (int k = 0; k < ROUNDS; k++) {
        sem_post(&ping);
        req.question = k + 1; // expect: data-race 'question'
        sem_wait(&pong);
        printf("%d\n", req.answer);
    }
    pthread_join(e, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
