// expect-no-findings
/*
 * join_counter_field_fixed.c - workers each get an element of an argument
 * array whose `id` field the creator set to the spawn loop's counter
 * (`args[i].id = i; create(&tids[i], .., &args[i])`), and write their
 * result into `sums[a->id]`; main joins the workers one by one and reads
 * each one's slot right after joining it (`join(tids[i]); total +=
 * sums[i]`).
 *
 * TRUTH: no data race - slot i is written by the instance handed args[i]
 * only, and read after that instance was joined.
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
    sums[a->id] = s;
    return NULL;
}

int main(void)
{
    pthread_t tids[NW];
    struct wargs args[NW];
    for (int i = 0; i < NW; i++) {
        args[i].id = i;
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
