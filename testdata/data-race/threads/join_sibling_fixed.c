// expect-no-findings
/*
 * join_sibling_fixed.c - a thread joined by a sibling: main starts the
 * producer (its handle in the global `producer`), then the consumer, which
 * joins the producer before it reads what the producer wrote, directly and
 * through a helper. main joins only the consumer.
 *
 * TRUTH: no race: the producer's writes come before its end, which comes
 * before the consumer's join returns; main reads `produced` after the
 * consumer, which joined the producer on every path, ended (a transitive
 * join: main never joins the producer itself).
 */
#include <pthread.h>
#include <stdio.h>

static pthread_t producer;
static int table[16];
static int produced;
static long total;

static void *produce(void *arg)
{
    for (int i = 0; i < 16; i++)
        table[i] = i * i;
    produced = 16;
    return arg;
}

static void wait_producer(void)
{
    pthread_join(producer, NULL);
}

static void *consume(void *arg)
{
    wait_producer();
    long sum = 0;
    for (int i = 0; i < 16; i++)
        sum += table[i];
    total = sum;
    return arg;
}

int main(void)
{
    pthread_t consumer;
    pthread_create(&producer, NULL, produce, NULL);
    pthread_create(&consumer, NULL, consume, NULL);
    pthread_join(consumer, NULL);
    printf("%ld %d\n", total, produced);
    return 0;
}
