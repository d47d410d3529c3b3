// expect-no-findings
/*
 * read_only_fixed.c - threads share a global table and a name but only ever
 * read them; main builds them before creating the threads and reads them too
 * while the threads run.
 *
 * A race needs at least one write among the parallel accesses. All writes
 * happen before the first pthread_create; afterwards everybody only reads.
 * No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4
#define SIZE 100

static double weights[SIZE];
static const char *model_name;

static void *scorer(void *arg)
{
    int id = (int)(intptr_t)arg;
    double score = 0;

    for (int k = id; k < SIZE; k += N)
        score += weights[k];
    printf("%s: scorer %d done\n", model_name, id);
    return (void *)(intptr_t)(long)score;
}

int main(void)
{
    pthread_t t[N];
    double first;
    int i;

    for (i = 0; i < SIZE; i++)
        weights[i] = 1.0 / (i + 1);
    model_name = "harmonic";
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, scorer, (void *)(intptr_t)i);
    first = weights[0]; /* a read while the scorers read too: fine */
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%s: first weight %f\n", model_name, first);
    return 0;
}
