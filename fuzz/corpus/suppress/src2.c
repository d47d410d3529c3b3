/*
 * inline_decl.c - declaration-level suppressions: racecheck-ignore above the
 * declaration of a variable suppresses every race on it, above a function's
 * definition every race with an access in that function.
 *
 * `approx_total` is declared intentionally racy: its race between the
 * workers is not reported. `sample` races between worker (write) and
 * sampler (read); sampler is declared intentionally racy, so that race is
 * suppressed too. `exact` races between the workers with no suppression:
 * reported.
 */
#include <pthread.h>

#define N 4

// racecheck-ignore[data-race]: a progress estimate, never used for decisions
static long approx_total;
static long sample;
static long exact;

static void *worker(void *arg)
{
    (void)arg;
    approx_total++;
    sample = approx_total;
    exact++; // expect: data-race 'exact'
    return NULL;
}

/* racecheck-ignore[data-race]: a monitoring thread that reads torn values on purpose */
static void *sampler(void *arg)
{
    long *out = arg;
    *out = sample;
    return NULL;
}

int main(void)
{
    pthread_t t[N], s;
    long seen = 0;
    pthread_create(&s, NULL, sampler, &seen);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(s, NULL);
    return (int)(seen + exact + approx_total);
}
