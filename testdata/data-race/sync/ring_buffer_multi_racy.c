/*
 * ring_buffer_multi_racy.c - the bounded buffer of
 * ring_buffer_multi_fixed.c, where the producers fill the slot before they
 * take the mutex (only the cursor's step is locked): two producers may
 * read the same `in` and fill one slot at once, and a consumer may take a
 * slot whose fill is still going on.
 *
 * TRUTH: data races on the slots, and on `in` (read unlocked, stepped under
 * the mutex).
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define SZ 4
#define NPROD 2
#define NCONS 2
#define ITEMS 8

struct msg { int seq; long payload; };

static struct msg slots[SZ];
static unsigned in, out;
static sem_t empty, full;
static pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER, cmu = PTHREAD_MUTEX_INITIALIZER;

static void *producer(void *arg)
{
    int base = (int)(long)arg;
    for (int i = 0; i < ITEMS; i++) {
        sem_wait(&empty);
        slots[in].seq = base + i; // expect: data-race 'slots[?].seq'
        slots[in].payload = (long)(base + i) * 3; // expect: data-race 'slots[?].payload'
        pthread_mutex_lock(&pmu);
        in = (in + 1) % SZ; // expect: data-race 'in'
        pthread_mutex_unlock(&pmu);
        sem_post(&full);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (int i = 0; i < ITEMS; i++) {
        sem_wait(&full);
        pthread_mutex_lock(&cmu);
        sum += slots[out].seq + slots[out].payload;
        out = (out + 1) % SZ;
        pthread_mutex_unlock(&cmu);
        sem_post(&empty);
    }
    *(long *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t p[NPROD], c[NCONS];
    long sums[NCONS];
    sem_init(&empty, 0, SZ);
    sem_init(&full, 0, 0);
    for (long i = 0; i < NCONS; i++)
        pthread_create(&c[i], NULL, consumer, &sums[i]);
    for (long i = 0; i < NPROD; i++)
        pthread_create(&p[i], NULL, producer, (void *)(i * 100));
    for (int i = 0; i < NPROD; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < NCONS; i++)
        pthread_join(c[i], NULL);
    printf("%ld\n", sums[0] + sums[1]);
    return 0;
}
