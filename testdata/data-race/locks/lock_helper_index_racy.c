/*
 * lock_helper_index_racy.c - the striped lock helpers of
 * lock_helper_index_fixed.c, misused: a worker locks stripe h and updates
 * stripe h + 1's data, and a helper that moves its parameter before
 * locking (`h = h % N`) locks an element the caller cannot name.
 *
 * TRUTH: racy. data[h + 1] is updated holding another stripe's lock, and
 * after lock_wrapped(h) the caller's `spare[h]` is not under its own
 * stripe's lock as the caller names it (the other worker holds locks[h]
 * properly, this one an element chosen inside the helper). `aux[1]` is
 * updated holding `locks[0]`, a constant element that is not its own.
 */
#include <pthread.h>

#define N 8

static pthread_mutex_t locks[N];
static long data[N + 1], spare[N], aux[N];

static void lock_bucket(int h)
{
    pthread_mutex_lock(&locks[h]);
}

static void unlock_bucket(int h)
{
    pthread_mutex_unlock(&locks[h]);
}

static void lock_wrapped(int h)
{
    h = h % N;
    pthread_mutex_lock(&locks[h]);
}

static void unlock_wrapped(int h)
{
    h = h % N;
    pthread_mutex_unlock(&locks[h]);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    for (int k = 0; k < 10; k++) {
        int h = (int)((id + k) % N);
        lock_bucket(h);
        data[h + 1]++; // expect: data-race 'data[?]'
        unlock_bucket(h);
        lock_wrapped(h);
        spare[h]++; // expect: data-race 'spare[h]'
        unlock_wrapped(h);
        lock_bucket(h);
        spare[h]--;
        aux[h]++; // expect: data-race 'aux[h]'
        unlock_bucket(h);
    }
    pthread_mutex_lock(&locks[0]);
    aux[1]++;
    pthread_mutex_unlock(&locks[0]);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&locks[i], NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)data[1];
}
