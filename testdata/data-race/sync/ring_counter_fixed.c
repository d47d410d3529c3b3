// expect-no-findings
/*
 * ring_counter_fixed.c - the textbook bounded buffer: two counting
 * semaphores and the loops' own counters as cursors (`buf[i % N]`,
 * `buf[i & (N - 1)]`). Iteration i of the producer and of the consumer
 * touch slot i mod N, the producer waits for a free slot before its fill
 * and posts a full one after it, the consumer the other way round, and the
 * free count starts at N: every fill of a slot comes after the read of it
 * N rounds earlier (rule ring-buffer, a counter for a cursor).
 */
#include <pthread.h>
#include <semaphore.h>

#define N 8
#define ROUNDS 100

static int ring[N];
static sem_t empty, full;

static void *producer(void *arg) {
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&empty);
        ring[i % N] = i * i;
        sem_post(&full);
    }
    return arg;
}

static void *consumer(void *arg) {
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&full);
        sum += ring[i % N];
        sem_post(&empty);
    }
    return (void *)sum;
}

struct item { int key; long value; };
static struct item items[16];
static sem_t free_slots, used_slots;

static void *fill(void *arg) {
    unsigned k;
    for (k = 0; k < 1000; k += 1) {
        sem_wait(&free_slots);
        items[k & 15].key = (int)k;
        items[k & 15].value = 2L * k;
        sem_post(&used_slots);
    }
    return arg;
}

static void *drain(void *arg) {
    long sum = 0;
    for (unsigned k = 0; k < 1000; k = k + 1) {
        sem_wait(&used_slots);
        sum += items[k & 15].key + items[k & 15].value;
        sem_post(&free_slots);
    }
    return (void *)sum;
}

int main(void) {
    pthread_t p, c, f, d;
    sem_init(&empty, 0, N);
    sem_init(&full, 0, 0);
    sem_init(&free_slots, 0, 4); /* half the ring in flight: still ordered */
    sem_init(&used_slots, 0, 0);
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&f, NULL, fill, NULL);
    pthread_create(&d, NULL, drain, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    pthread_join(f, NULL);
    pthread_join(d, NULL);
    return 0;
}
