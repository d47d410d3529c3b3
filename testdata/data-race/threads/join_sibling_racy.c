/*
 * join_sibling_racy.c - joins by a sibling that do not order the accesses:
 * - the checker reads the table before it joins the producer;
 * - the workers are started in a loop into one handle, `last`: joining it
 *   joins only the last worker, so the summer's reads race with the
 *   others' writes.
 *
 * TRUTH: races on table[] (the producer's writes against the checker's
 * early read) and on partial[] (the workers' writes against the summer).
 */
#include <pthread.h>
#include <stdio.h>

static pthread_t producer, last;
static int table[16];
static long partial[4];

static void *produce(void *arg)
{
    for (int i = 0; i < 16; i++)
        table[i] = i * i; // expect: data-race 'table[i]'
    return arg;
}

static void *check(void *arg)
{
    int first = table[0];
    pthread_join(producer, NULL);
    printf("%d %d\n", first, table[1]);
    return arg;
}

static void *work(void *arg)
{
    long id = (long)arg;
    partial[id] = id * 10; // expect: data-race 'partial[id]'
    return NULL;
}

static void *sum(void *arg)
{
    pthread_join(last, NULL);
    long s = 0;
    for (int i = 0; i < 4; i++)
        s += partial[i];
    printf("%ld\n", s);
    return arg;
}

int main(void)
{
    pthread_t checker, summer;
    pthread_create(&producer, NULL, produce, NULL);
    pthread_create(&checker, NULL, check, NULL);
    for (long i = 0; i < 4; i++)
        pthread_create(&last, NULL, work, (void *)i);
    pthread_create(&summer, NULL, sum, NULL);
    pthread_join(checker, NULL);
    pthread_join(summer, NULL);
    return 0;
}
