/*
 * a.c - the race of this folder spans two translation units: main (here)
 * creates NWORKERS threads running `worker` from b.c, which increments the
 * global `total` defined here, and main adds its own share to total while
 * the workers run.
 *
 * Linking by USR makes `total` one object in both units and `worker` the
 * routine of the create loop. The workers race with each other and with
 * main's `total += 100` (after pthread_create, before the join loop). The
 * primary location is the first involved write in (file path, line, column)
 * order; ".../two_units/a.c" sorts before ".../two_units/b.c", so it is
 * main's write here, even though b.c holds the other writes. main's first
 * write precedes the creates and its read follows the join loop.
 */
#include <pthread.h>
#include <stdio.h>

#include "shared.h"

int total;

int main(void)
{
    pthread_t t[NWORKERS];
    int i;

    total = 0;
    for (i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    total += 100; // expect: data-race 'total'
    for (i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    printf("total = %d (expected %d)\n", total, 100 + NWORKERS * ROUNDS);
    return 0;
}
