/*
 * max_targets.c - data-race's max-access-targets option (cli tests
 * config_max_targets_*): the worker writes through a pointer that may reach
 * any of three globals while main reads them. With the default limit (64)
 * the race is reported; with max_targets.json (limit 2) the write is not
 * checked, and the run says so in a note.
 */
#include <pthread.h>
#include <stdio.h>

static int a, b, c;

static void *worker(void *arg) {
    int *slot = arg;
    *slot = 1; // expect: data-race 'slot'
    return NULL;
}

int main(int argc, char **argv) {
    (void)argv;
    int *targets[3] = {&a, &b, &c};
    pthread_t t;
    pthread_create(&t, NULL, worker, targets[argc % 3]);
    printf("%d %d %d\n", a, b, c);
    pthread_join(t, NULL);
    return 0;
}
