/*
 * arg_out_pointer_racy.c - the argument records of
 * arg_out_pointer_fixed.c, but two workers share an element: `a->out =
 * &res[i / 2]` (an element chosen by an expression, not the loop's
 * counter) and `a->slot = &acc[half]` (a local the loop sets to i / 2).
 * A pointer field is each instance's own element only when every store
 * into it is the address of the element the create loop's counter
 * indexes.
 *
 * TRUTH: racy. Workers 2k and 2k + 1 write the same res and acc element.
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
    *a->out = a->v * a->v; // expect: data-race '*(a->out)'
    a->slot->sum += a->v; // expect: data-race 'a->slot->sum'
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
        int half = i / 2;
        a->out = &res[i / 2];
        a->slot = &acc[half];
        a->v = i;
        pthread_create(&t[i], NULL, worker, a);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return res[0] + res[1] + (int)acc[1].sum;
}
