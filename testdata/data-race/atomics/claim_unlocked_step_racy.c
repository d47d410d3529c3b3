/*
 * claim_unlocked_step_racy.c - a table whose slots are claimed from a
 * counter stepped under a lock taken only "in thread-safe mode": main adds
 * entries with locking off before the workers start (fine), and once more
 * while they run (the bug); the workers always lock.
 *
 * TRUTH: races on nused (main's unlocked step against the workers') and
 * on table[slot]: with a step that races, two threads may take one slot.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int table[8];
static int nused;

static void maybe_lock(int mt) { if (mt) pthread_mutex_lock(&m); }
static void maybe_unlock(int mt) { if (mt) pthread_mutex_unlock(&m); }

static int add_entry(int v, int mt)
{
    int slot = -1;
    maybe_lock(mt);
    if (nused < 8) {
        slot = nused++; // expect: data-race 'nused'
        table[slot] = v; // expect: data-race 'table[slot]'
    }
    maybe_unlock(mt);
    return slot;
}

static void *worker(void *arg)
{
    int base = *(const int *)arg;
    for (int i = 0; i < 3; i++)
        add_entry(base + i, 1);
    return NULL;
}

int main(void)
{
    static const int bases[2] = {100, 200};
    pthread_t t[2];
    add_entry(1, 0);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)&bases[i]);
    add_entry(3, 0);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%d %d\n", nused, table[0]);
    return 0;
}
