// expect-no-findings
/*
 * pthread_once_fixed.c - every worker calls pthread_once to build a lookup
 * table lazily, then reads the table.
 *
 * pthread_once runs init_table exactly once, and every pthread_once call
 * returns only after it completed, so the table's writes happen before every
 * worker's reads. After that the table is only read. No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define SIZE 256

static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static unsigned char popcount_table[SIZE];

static void init_table(void)
{
    for (int v = 0; v < SIZE; v++)
        popcount_table[v] = (unsigned char)((v & 1) + popcount_table[v / 2]);
}

static void *worker(void *arg)
{
    unsigned seed = (unsigned)(intptr_t)arg;
    long bits = 0;

    pthread_once(&table_once, init_table);
    for (unsigned k = 0; k < 1000; k++)
        bits += popcount_table[(seed * 31 + k) % SIZE];
    return (void *)(intptr_t)bits;
}

int main(void)
{
    pthread_t t[N];
    long bits = 0;
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
    for (i = 0; i < N; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        bits += (long)(intptr_t)ret;
    }
    printf("%ld bits\n", bits);
    return 0;
}
