// expect-no-findings
/*
 * ring_buffer_fixed.c - single-producer single-consumer ring buffers handed
 * over by two counting semaphores (rule ring-buffer): the producer waits
 * for a free slot, fills slot `in`, steps `in = (in + 1) % SZ` and posts a
 * full one; the consumer waits for a full slot, empties slot `out`, steps
 * it and posts a free one. Iteration k of both touches slot k mod SZ, and
 * the free count starts at SZ: the producer's k-th fill waits for the
 * consumer's (k - SZ)-th post, made after it emptied that slot the last
 * time. Global cursors with `%`, a struct slot; local cursors with a
 * power-of-two mask and half the slots free at the start (main producing);
 * a fill made on some iterations only, in a `while (1)` loop left by a
 * break.
 */
#include <pthread.h>
#include <semaphore.h>

#define SZ 8
#define ROUNDS 100

static int buf[SZ];
static int in, out;
static sem_t empty, full;

static void *producer(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&empty);
        buf[in] = i;
        in = (in + 1) % SZ;
        sem_post(&full);
    }
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&full);
        sum += buf[out];
        buf[out] = 0;
        out = (out + 1) % SZ;
        sem_post(&empty);
    }
    return (void *)sum;
}

struct msg { int id; long payload; };
static struct msg ring[16];
static sem_t slots, items;

static void *drain(void *arg) {
    (void)arg;
    long sum = 0;
    unsigned tail = 0;
    while (1) {
        sem_wait(&items);
        if (ring[tail].id < 0) break;
        sum += ring[tail].payload;
        tail = (tail + 1) & 15;
        sem_post(&slots);
    }
    return (void *)sum;
}

static int odd[SZ];
static int oin, oout;
static sem_t ofree, oready;

static void *odd_producer(void *arg) {
    (void)arg;
    int v = 0;
    while (1) {
        sem_wait(&ofree);
        if (v % 3) odd[oin] = v;
        oin = (oin + 1) % SZ;
        sem_post(&oready);
        if (++v == ROUNDS) break;
    }
    return NULL;
}

static void *odd_consumer(void *arg) {
    (void)arg;
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        sem_wait(&oready);
        sum += odd[oout];
        oout = (oout + 1) % SZ;
        sem_post(&ofree);
    }
    return (void *)sum;
}

int main(void) {
    sem_init(&empty, 0, SZ);
    sem_init(&full, 0, 0);
    sem_init(&slots, 0, 8);
    sem_init(&items, 0, 0);
    sem_init(&ofree, 0, SZ);
    sem_init(&oready, 0, 0);
    pthread_t p, c, d, op, oc;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&d, NULL, drain, NULL);
    pthread_create(&op, NULL, odd_producer, NULL);
    pthread_create(&oc, NULL, odd_consumer, NULL);
    unsigned head = 0;
    for (int i = 0; i <= ROUNDS; i++) {
        sem_wait(&slots);
        ring[head].id = i < ROUNDS ? i : -1;
        ring[head].payload = 2L * i;
        head = (head + 1) & 15;
        sem_post(&items);
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    pthread_join(d, NULL);
    pthread_join(op, NULL);
    pthread_join(oc, NULL);
    return 0;
}
