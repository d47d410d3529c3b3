/*
 * join_counter_field_racy.c - join_counter_field_fixed.c with the ids
 * handed out in reverse (`args[i].id = NW - 1 - i`): the instance joined
 * i-th writes slot NW - 1 - i, so main reads slot i while its writer may
 * still run.
 *
 * TRUTH: data race on sums[] between a worker's write and main's read of
 * the slot of a worker not joined yet.
 */
#include <pthread.h>
#include <stdio.h>

#define NW 4

struct wargs { int id; int iters; };

static long sums[NW];

static void *worker(void *p)
{
    struct wargs *a = p;
    long s = 0;
    for (int i = 0; i < a->iters; i++)
        s += i ^ a->id;
    sums[a->id] = s; // expect: data-race 'sums[?]'
    return NULL;
}

int main(void)
{
    pthread_t tids[NW];
    struct wargs args[NW];
    for (int i = 0; i < NW; i++) {
        args[i].id = NW - 1 - i;
        args[i].iters = 1000;
        pthread_create(&tids[i], NULL, worker, &args[i]);
    }
    long total = 0;
    for (int i = 0; i < NW; i++) {
        pthread_join(tids[i], NULL);
        total += sums[i];
    }
    printf("%ld\n", total);
    return 0;
}
