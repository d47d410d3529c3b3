// expect-no-findings
/*
 * path_flag_fixed.c - locking chosen at run time: a statistics helper used
 * both before the workers start (no lock needed) and by the workers (lock
 * needed) takes the lock only when asked to, and touches the shared counters
 * only on the same condition. `locked` is a parameter never written, so the
 * second `if (locked)` sees the first one's outcome: on its true edge
 * stats_lock is held (path-correlated locking, docs/precision.md).
 *
 * Without that reasoning the merge after `if (locked) lock` loses the lock
 * and both counters look unprotected.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits, misses;

static int lookup(int key) { return key % 3 == 0; }

static void account(int key, int locked)
{
    int found;

    if (locked)
        pthread_mutex_lock(&stats_lock);
    found = lookup(key); /* work in between: calls, branches */
    if (locked) {
        if (found)
            hits++;
        else
            misses++;
    }
    if (locked)
        pthread_mutex_unlock(&stats_lock);
}

/* the same with the negated flag */
static void account_quiet(int key, int unlocked)
{
    if (!unlocked)
        pthread_mutex_lock(&stats_lock);
    if (!unlocked && lookup(key))
        hits++;
    if (!unlocked)
        pthread_mutex_unlock(&stats_lock);
}

static void *worker(void *arg)
{
    int id = *(int *)arg;

    for (int i = 0; i < 100; i++) {
        account(id + i, 1);
        account_quiet(id + i, 0);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    int ids[2] = {0, 1};

    account(-1, 0); /* start-up: no thread exists yet */
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &ids[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_lock(&stats_lock);
    printf("%ld %ld\n", hits, misses);
    pthread_mutex_unlock(&stats_lock);
    return 0;
}
