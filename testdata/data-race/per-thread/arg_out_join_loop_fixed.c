// expect-no-findings
/*
 * arg_out_join_loop_fixed.c - workers started in a loop, each with a
 * freshly allocated argument record whose `out` field points to the
 * worker's own element of the results (`a->out = &partial[i]`, a global
 * array, and `a->slot = &acc[i]`, main's stack array). Main joins the
 * workers one by one and reads each worker's results right after its
 * join, in the same loop (`pthread_join(t[i]); total += partial[i];`).
 *
 * TRUTH: no race: partial[i] and acc[i] are written by worker i only, and
 * read by main after joining worker i.
 */
#include <pthread.h>
#include <stdlib.h>

#define NT 4

struct slot {
    long sum;
};

struct work_arg {
    long *out;
    struct slot *slot;
    int v;
};

static long partial[NT];

static void *sum_range(void *p)
{
    struct work_arg *w = p;
    *w->out = w->v * 10;
    w->slot->sum += w->v;
    free(w);
    return NULL;
}

int main(void)
{
    pthread_t t[NT];
    struct slot acc[NT] = {{0}};
    long total = 0;
    for (int i = 0; i < NT; i++) {
        struct work_arg *a = malloc(sizeof *a);
        if (!a)
            abort();
        a->out = &partial[i];
        a->slot = &acc[i];
        a->v = i;
        pthread_create(&t[i], NULL, sum_range, a);
    }
    for (int j = 0; j < NT; j++) {
        pthread_join(t[j], NULL);
        total += partial[j] + acc[j].sum;
    }
    return (int)total;
}
