/*
 * sem_ring_fixed.c - semaphores that pass one token around (a ring):
 *
 * - ping-pong: main fills `req` and posts `ping`, the echo thread waits,
 *   answers in `req` and posts `pong`, main waits and reads the answer
 *   before the next round; both semaphores start at 0 and main starts with
 *   the token (its first operation on them is a post);
 * - a pipeline of three stages over `frame`: stage i waits on stage<i>_go,
 *   works, posts the next stage's; stage0_go starts at 1, the others at 0,
 *   and the stages loop forever (detached);
 * - a one-slot buffer: the producer waits on `empty` (1), fills `slot`,
 *   posts `full` (0); the consumer waits on `full`, empties it, posts
 *   `empty`.
 *
 * TRUTH: no race. In each ring one token exists (the counts plus the
 * threads that start holding add up to one); a thread touches the shared
 * data only between taking the token (a wait, or its start) and passing it
 * on (a post), and each post happens before the wait that takes it.
 */
// expect-no-findings
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define ROUNDS 3

static struct {
    int question, answer;
} req;
static sem_t ping, pong;

static int frame[16];
static sem_t stage0_go, stage1_go, stage2_go;

static int slot;
static sem_t empty, full;

static void *echo(void *arg) {
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        sem_wait(&ping);
        req.answer = req.question * 2;
        sem_post(&pong);
    }
    return NULL;
}

static void *stage0(void *arg) {
    (void)arg;
    for (;;) {
        sem_wait(&stage0_go);
        frame[0] = 1;
        sem_post(&stage1_go);
    }
    return NULL;
}

static void *stage1(void *arg) {
    (void)arg;
    for (;;) {
        sem_wait(&stage1_go);
        frame[1] = frame[0] + 1;
        sem_post(&stage2_go);
    }
    return NULL;
}

static void *stage2(void *arg) {
    (void)arg;
    for (;;) {
        sem_wait(&stage2_go);
        frame[0] = frame[1] * 2;
        sem_post(&stage0_go);
    }
    return NULL;
}

static void *producer(void *arg) {
    (void)arg;
    for (int k = 0; k < ROUNDS; k++) {
        sem_wait(&empty);
        slot = k;
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

int main(void) {
    pthread_t e, s[3], p, c;
    sem_init(&ping, 0, 0);
    sem_init(&pong, 0, 0);
    sem_init(&stage0_go, 0, 1);
    sem_init(&stage1_go, 0, 0);
    sem_init(&stage2_go, 0, 0);
    sem_init(&empty, 0, 1);
    sem_init(&full, 0, 0);
    pthread_create(&s[0], NULL, stage0, NULL);
    pthread_create(&s[1], NULL, stage1, NULL);
    pthread_create(&s[2], NULL, stage2, NULL);
    for (int i = 0; i < 3; i++) pthread_detach(s[i]);
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&e, NULL, echo, NULL);
    for (int k = 0; k < ROUNDS; k++) {
        sem_post(&ping); /* main starts with the ping-pong token */
        sem_wait(&pong);
        printf("%d\n", req.answer);
        req.question = k + 1;
    }
    pthread_join(e, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
