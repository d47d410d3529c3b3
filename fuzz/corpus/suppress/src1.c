/*
 * inline_access.c - racecheck-ignore on an access line and on the line
 * above one.
 *
 * `hits` races between the workers (many instances); the race is reviewed
 * and suppressed on its primary access line. `misses` is suppressed by a
 * comment on the line above its access. `errors` races too and carries no
 * suppression: it is still reported, so a suppression that applied too
 * widely would fail this test.
 */
#include <pthread.h>

#define N 4

static long hits, misses, errors;

static void *worker(void *arg)
{
    long v = (long)arg;
    if (v > 0)
        hits++; // racecheck-ignore[data-race]: statistics only, an approximate count is fine
    else
        /* racecheck-ignore[data-race]: reviewed, only shown in the debug UI */
        misses++;
    errors++; // expect: data-race 'errors'
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)(hits + misses + errors);
}
