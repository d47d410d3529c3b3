/*
 * lock_array_arg_racy.c - the lock array of lock_array_arg_fixed.c, but
 * the helpers touch another element than the one locked: note_next()
 * updates stats[cls + 1] (an element chosen by an expression, not the
 * parameter itself), and note_other() is passed the index of the lock but
 * reassigns its parameter before use. Neither pairs with the held
 * element.
 *
 * TRUTH: racy. The crawler holding locks[i] updates stats[i + 1] and
 * stats[j] for any j, which the resetter updates holding only that
 * element's own lock.
 */
#include <pthread.h>

#define N 8

static pthread_mutex_t locks[N];
static struct { unsigned long reclaimed, seen; } stats[N];
static int pick[N];

static void note_next(int cls)
{
    stats[(cls + 1) % N].reclaimed++; // expect: data-race 'stats[?].reclaimed'
}

static void note_other(int cls)
{
    cls = pick[cls];
    stats[cls].seen++; // expect: data-race 'stats[cls].seen'
}

static void *crawler(void *arg)
{
    for (int i = 0; i < N; i++) {
        pthread_mutex_lock(&locks[i]);
        note_next(i);
        note_other(i);
        pthread_mutex_unlock(&locks[i]);
    }
    return arg;
}

static void *resetter(void *arg)
{
    for (int k = 0; k < N; k++) {
        pthread_mutex_lock(&locks[k]);
        stats[k].reclaimed = 0;
        stats[k].seen = 0;
        pthread_mutex_unlock(&locks[k]);
    }
    return arg;
}

int main(void)
{
    pthread_t c, r;
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&locks[i], NULL);
    pthread_create(&c, NULL, crawler, NULL);
    pthread_create(&r, NULL, resetter, NULL);
    pthread_join(c, NULL);
    pthread_join(r, NULL);
    return 0;
}
