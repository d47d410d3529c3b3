/*
 * join_sibling_racy.c - joins by a sibling that do not order the accesses:
 * - the checker reads the table before it joins the producer;
 * - the workers are started in a loop into one handle, `last`: joining it
 *   joins only the last worker, so the summer's reads race with the
 *   others' writes;
 * - the waiter joins the notifier only when asked to, so main, after it
 *   joined the waiter, may still run beside the notifier.
 *
 * TRUTH: races on table[] (the producer's writes against the checker's
 * early read), on partial[] (the workers' writes against the summer) and
 * on note (the notifier's write against main's read).
 */
#include <pthread.h>
#include <stdio.h>

static pthread_t producer, last, notifier;
static int note;
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

static void *notify(void *arg)
{
    note = 1; // expect: data-race 'note'
    return arg;
}

static void *wait_note(void *arg)
{
    if (arg)
        pthread_join(notifier, NULL);
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t checker, summer;
    pthread_create(&producer, NULL, produce, NULL);
    pthread_create(&checker, NULL, check, NULL);
    for (long i = 0; i < 4; i++)
        pthread_create(&last, NULL, work, (void *)i);
    pthread_create(&summer, NULL, sum, NULL);
    pthread_join(checker, NULL);
    pthread_join(summer, NULL);
    pthread_t waiter;
    pthread_create(&notifier, NULL, notify, NULL);
    pthread_create(&waiter, NULL, wait_note, argc > 1 ? &note : NULL);
    pthread_join(waiter, NULL);
    printf("%d\n", note);
    return 0;
}
