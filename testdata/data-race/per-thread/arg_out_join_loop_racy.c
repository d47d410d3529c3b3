/*
 * arg_out_join_loop_racy.c - arg_out_join_loop_fixed.c's join loop, with
 * main reading a slot of another worker than the one it just joined
 * (`partial[NT - 1 - j]`: the last worker's, while it may still run), and
 * a second pool whose records point every worker at slot 0
 * (`b->out = &shared[0]`): main's read after joining worker j races with
 * the workers not yet joined, which write the same slot.
 *
 * TRUTH: races on partial (a worker not yet joined writes it) and on
 * shared[0] (every worker writes it).
 */
#include <pthread.h>
#include <stdlib.h>

#define NT 4

struct work_arg {
    long *out;
    int v;
};

static long partial[NT];
static long shared[NT];

static void *sum_range(void *p)
{
    struct work_arg *w = p;
    *w->out = w->v * 10; // expect: data-race '*(w->out)'
    free(w);
    return NULL;
}

int main(void)
{
    pthread_t t[NT], u[NT];
    long total = 0;
    for (int i = 0; i < NT; i++) {
        struct work_arg *a = malloc(sizeof *a);
        if (!a)
            abort();
        a->out = &partial[i];
        a->v = i;
        pthread_create(&t[i], NULL, sum_range, a);
    }
    for (int j = 0; j < NT; j++) {
        pthread_join(t[j], NULL);
        total += partial[NT - 1 - j];
    }
    for (int i = 0; i < NT; i++) {
        struct work_arg *b = malloc(sizeof *b);
        if (!b)
            abort();
        b->out = &shared[0];
        b->v = i;
        pthread_create(&u[i], NULL, sum_range, b);
    }
    for (int j = 0; j < NT; j++) {
        pthread_join(u[j], NULL);
        total += shared[j];
    }
    return (int)total;
}
