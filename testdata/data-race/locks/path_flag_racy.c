/*
 * path_flag_racy.c - the optional lock of path_flag_fixed.c, used wrongly
 * twice: account() touches the counter outside the `if (locked)` (on the
 * path where locked is 0 nothing is held), and account_reread() takes its
 * decision again from a value it re-reads in between (`locked = mt_mode`),
 * so the second test need not agree with the first.
 *
 * A worker calls both with a flag it read from a shared setting, so either
 * path can run while the other worker holds stats_lock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits, misses;
static int mt_mode = 1;

static void account(int locked)
{
    if (locked)
        pthread_mutex_lock(&stats_lock);
    hits++; // expect: data-race 'hits'
    if (locked)
        pthread_mutex_unlock(&stats_lock);
}

static void account_reread(int locked)
{
    if (locked)
        pthread_mutex_lock(&stats_lock);
    locked = mt_mode; /* not the value tested above */
    if (locked)
        misses++; // expect: data-race 'misses'
    if (locked)
        pthread_mutex_unlock(&stats_lock);
}

static void *worker(void *arg)
{
    (void)arg;
    int mode = mt_mode;

    for (int i = 0; i < 100; i++) {
        account(mode);
        account_reread(mode);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld\n", hits, misses);
    return 0;
}
