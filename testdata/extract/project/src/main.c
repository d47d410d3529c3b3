/* main.c - tools/extract_test.sh's project: five units (one excluded by
 * .racecheck.json, one with a parse error), a header function, races in
 * three of them. */
#include <stdio.h>

#include "queue.h"

struct queue jobs = {PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};
int processed;

int main(void) {
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 32; i++) queue_push(&jobs, i);
    printf("%d queued, %d done, total %d\n", queue_size(&jobs), processed, stats_total());
    for (int i = 0; i < NWORKERS; i++) pthread_join(t[i], NULL);
    return 0;
}
