// expect-no-findings
/*
 * cond_lock_helper_fixed.c - a library's optional locking: maybe_lock(mt)
 * and maybe_unlock(mt) lock the table's mutex only when their caller says
 * it runs multi-threaded. main fills the table single-threaded (mt = 0)
 * before it starts the workers and reads it after joining them; every
 * worker call passes 1.
 *
 * TRUTH: no race: every access the workers make holds the mutex, and
 * main's unlocked ones come before the workers start or after they end.
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
        table[nused++] = v;
    maybe_unlock(mt);
}

static void *worker(void *arg)
{
    for (int i = 0; i < 8; i++)
        add((int)(long)arg + i, 1);
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
