/*
 * for_macro_racy.c - a `for` statement written by a macro (list_for_each,
 * FOREACH): its init clause reads `first` and its condition reads `limit`,
 * both written by main while the worker runs.
 *
 * libclang gives the tokens of such a statement from the macro's
 * definition while its clauses sit at the macro's use: the clauses were
 * all taken for the increment, and the reads of the init and the
 * condition were lost.
 */
#include <pthread.h>

#define for_range(i, from, to) for (i = (from); i < (to); i++)

static int first, limit = 8;
static long table[16];

static void *worker(void *arg)
{
    int i;

    (void)arg;
    for_range(i, first, limit)
        table[i & 15] += 1;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL);
    first = 2; // expect: data-race 'first'
    limit = 12; // expect: data-race 'limit'
    pthread_join(t, NULL);
    return table[0] != 0;
}
