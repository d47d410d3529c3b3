// expect-no-findings
/*
 * ring_buffer_multi_fixed.c - a bounded buffer with two counting
 * semaphores and several producers and consumers: each side reads its
 * cursor, touches the slot and steps the cursor in one critical section of
 * its own mutex (`pmu` for the producers, `cmu` for the consumers), and
 * posts after unlocking. The fills go in pmu's order and each is posted
 * after its own critical section, so when a consumer takes slot k (k waits
 * passed, hence k posts made) the k-th fill has happened before it; and
 * the same way round for the refills.
 *
 * TRUTH: no data race.
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
        pthread_mutex_lock(&pmu);
        slots[in].seq = base + i;
        slots[in].payload = (long)(base + i) * 3;
        in = (in + 1) % SZ;
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
