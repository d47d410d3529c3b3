/*
 * struct_assign_many_racy.c - a configuration reloaded by a whole-struct
 * assignment while a worker reads two of its fields. The assignment writes
 * every field; both fields the worker reads race with it. That is one race
 * at one place, reported once on the whole object ('live'), its evidence
 * listing the worker's reads of each field - not one finding per field
 * (redis's `*r = rioBufferIO` gave one per field of the struct).
 */
#include <pthread.h>
#include <stdio.h>

struct cfg {
    int port;
    int backlog;
    char name[16];
};

static struct cfg live = {80, 16, "default"};
static const struct cfg reloaded = {8080, 128, "reloaded"};

static void *worker(void *arg)
{
    long sum = 0;

    (void)arg;
    for (int i = 0; i < 1000; i++)
        sum += live.port + live.backlog;
    return (void *)sum;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL);
    live = reloaded; // expect: data-race 'live'
    pthread_join(t, NULL);
    printf("%d\n", live.port);
    return 0;
}
