/*
 * counter_twenty_places.c - one counter incremented at twenty places of one
 * thread kind (worker, many instances), and read once by main under a lock
 * while the workers run.
 *
 * One finding on `hits`, primary at the first increment (line 26). Its
 * evidence is every access: twenty writes and twenty reads in worker and the
 * read in main. The output shows one access per kind, thread and lock set
 * (docs/rules/data-race.md, "Evidence"): the first write and the first read
 * in worker, each "and 19 more accesses like this", and main's read holding
 * 'm'; --evidence=all lists all 41 (cli/evidence_* in testdata/CMakeLists.txt).
 */
#include <pthread.h>
#include <stdio.h>

#define N 4

static long hits;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

/* one place per kind of request, as a server counts them */
static void *worker(void *arg)
{
    int kind = *(int *)arg;
    if (kind == 0)
        hits++; // expect: data-race 'hits'
    if (kind == 1)
        hits++;
    if (kind == 2)
        hits++;
    if (kind == 3)
        hits++;
    if (kind == 4)
        hits++;
    if (kind == 5)
        hits++;
    if (kind == 6)
        hits++;
    if (kind == 7)
        hits++;
    if (kind == 8)
        hits++;
    if (kind == 9)
        hits++;
    if (kind == 10)
        hits++;
    if (kind == 11)
        hits++;
    if (kind == 12)
        hits++;
    if (kind == 13)
        hits++;
    if (kind == 14)
        hits++;
    if (kind == 15)
        hits++;
    if (kind == 16)
        hits++;
    if (kind == 17)
        hits++;
    if (kind == 18)
        hits++;
    if (kind == 19)
        hits++;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int kinds[N];
    long seen;

    for (int i = 0; i < N; i++) {
        kinds[i] = i;
        pthread_create(&t[i], NULL, worker, &kinds[i]);
    }
    pthread_mutex_lock(&m);
    seen = hits;
    pthread_mutex_unlock(&m);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld\n", seen);
    return 0;
}
