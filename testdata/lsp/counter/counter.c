/*
 * counter.c - the language server's test program (tools/lsp_protocol_test.py,
 * tools/lsp_nvim_test.lua): worker threads count under no lock while main
 * reports the count. counter_fixed.c.txt is the same program with the lock
 * taken at every access; the tests save it over this file and see the
 * diagnostic go.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4

static long counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    counter++; // expect: data-race 'counter'
    return NULL;
}

static void report(void)
{
    long now = counter;
    printf("%ld\n", now);
}

int main(void)
{
    pthread_t t[N];
    long local = 0;
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    report();
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_lock(&lock);
    local += counter;
    pthread_mutex_unlock(&lock);
    return local > 0 ? 0 : 1;
}
