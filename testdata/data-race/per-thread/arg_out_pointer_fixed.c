// expect-no-findings
/*
 * arg_out_pointer_fixed.c - workers started in a loop, each with a
 * freshly allocated argument record whose `out` field points to the
 * worker's own element of main's results array (`a->out = &res[i]`, i the
 * create loop's counter). A worker writes its result through the pointer
 * (`*a->out = ...`, also a field of a record element, `a->slot->sum`), and
 * main reads the results after joining every worker.
 *
 * TRUTH: no race. Each res[i] and acc[i] is written by worker i only;
 * main reads them after the joins.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 4

struct slot {
    long sum;
};

struct arg {
    int *out;
    struct slot *slot;
    int v;
};

static void *worker(void *p)
{
    struct arg *a = p;
    *a->out = a->v * a->v;
    a->slot->sum += a->v;
    free(a);
    return NULL;
}

int main(void)
{
    int res[N];
    struct slot acc[N] = {{0}};
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        struct arg *a = malloc(sizeof *a);
        if (!a)
            return 1;
        a->out = &res[i];
        a->slot = &acc[i];
        a->v = i;
        pthread_create(&t[i], NULL, worker, a);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return res[0] + res[N - 1] + (int)acc[1].sum;
}
