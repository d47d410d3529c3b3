/*
 * cond_lock_helper_racy.c - cond_lock_helper_fixed.c where one worker call
 * passes 0 (a copy-paste of main's single-threaded call).
 *
 * TRUTH: races on nused and the table's elements: that call updates them
 * without the mutex while the other worker holds it.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int table[64];
static int nused;

static void maybe_lock(int mt)
{
    if (mt)
        pthread_mutex_lock(&m);
}

static void maybe_unlock(int mt)
{
    if (mt)
        pthread_mutex_unlock(&m);
}

static void add(int v, int mt)
{
    maybe_lock(mt);
    if (nused < 64)
        table[nused++] = v; // expect: data-race 'nused' // expect: data-race 'table[?]'
    maybe_unlock(mt);
}

static void *worker(void *arg)
{
    for (int i = 0; i < 8; i++)
        add((int)(long)arg + i, 1);
    add(-1, 0);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    add(1, 0);
    add(2, 0);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)(i * 100));
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    add(3, 0);
    return nused;
}
