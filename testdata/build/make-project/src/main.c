/*
 * main.c - NWORKERS threads (the number comes from the Makefile) run worker;
 * main reads the shared counters after joining them.
 */
#include "worker.h"

#include <stdio.h>

int main(void)
{
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    printf("%d done\n", done);
    return 0;
}
