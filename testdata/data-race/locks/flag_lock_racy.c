/*
 * flag_lock_racy.c - the monitor locks of flag_lock_fixed.c, misused:
 * readers write under the shared mode (`hits`); a second flag's writer
 * loop does not wait for the readers (`while (busy2)` only), so its
 * readers are not excluded; and a third flag is also set without waiting
 * (`busy3 = 1` under the mutex in a thread that never waited for it), so
 * it is no lock at all.
 *
 * TRUTH: racy on `hits` (readers together), `cells` (writer 2 against
 * its readers) and `slots` (the third flag excludes nothing); user3's
 * test-and-set of busy3 is broken by the starter's set without a test
 * (atomicity-violation).
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int busy, readers, busy2, readers2, busy3;
static long hits, cells[8], slots[8];

static void *reader(void *arg)
{
    pthread_mutex_lock(&m);
    while (busy)
        pthread_cond_wait(&c, &m);
    readers++;
    pthread_mutex_unlock(&m);
    hits++; // expect: data-race 'hits'
    pthread_mutex_lock(&m);
    readers--;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *writer(void *arg)
{
    pthread_mutex_lock(&m);
    while (busy || readers)
        pthread_cond_wait(&c, &m);
    busy = 1;
    pthread_mutex_unlock(&m);
    hits = 0;
    pthread_mutex_lock(&m);
    busy = 0;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *writer2(void *arg)
{
    pthread_mutex_lock(&m);
    while (busy2)
        pthread_cond_wait(&c, &m);
    busy2 = 1;
    pthread_mutex_unlock(&m);
    cells[1] = 5; // expect: data-race 'cells[1]'
    pthread_mutex_lock(&m);
    busy2 = 0;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *reader2(void *arg)
{
    long v;
    pthread_mutex_lock(&m);
    while (busy2)
        pthread_cond_wait(&c, &m);
    readers2++;
    pthread_mutex_unlock(&m);
    v = cells[1];
    pthread_mutex_lock(&m);
    readers2--;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    return (void *)v;
}

static void *user3(void *arg)
{
    pthread_mutex_lock(&m);
    while (busy3) // expect: atomicity-violation 'busy3'
        pthread_cond_wait(&c, &m);
    busy3 = 1;
    pthread_mutex_unlock(&m);
    slots[2]++; // expect: data-race 'slots[2]'
    pthread_mutex_lock(&m);
    busy3 = 0;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *starter(void *arg)
{
    pthread_mutex_lock(&m);
    busy3 = 1;
    pthread_mutex_unlock(&m);
    slots[2] = 1;
    pthread_mutex_lock(&m);
    busy3 = 0;
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void)
{
    pthread_t t[7];
    pthread_create(&t[0], NULL, reader, NULL);
    pthread_create(&t[1], NULL, reader, NULL);
    pthread_create(&t[2], NULL, writer, NULL);
    pthread_create(&t[3], NULL, writer2, NULL);
    pthread_create(&t[4], NULL, reader2, NULL);
    pthread_create(&t[5], NULL, user3, NULL);
    pthread_create(&t[6], NULL, starter, NULL);
    for (int i = 0; i < 7; i++)
        pthread_join(t[i], NULL);
    return (int)(hits + cells[1] + slots[2]);
}
