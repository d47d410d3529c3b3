/*
 * stmt_expr_racy.c - the value of a GNU statement expression `({ ...; e; })`
 * is its last expression: the worker writes through the pointer such a
 * macro returns, `&total`, while main writes total itself.
 */
#include <pthread.h>

static long total;

#define SLOT() ({ long *s_ = &total; s_; })

static void *worker(void *arg)
{
    (void)arg;
    long *p = SLOT();
    *p = 1; // expect: data-race '*p'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    total = 2;
    pthread_join(t, NULL);
    return (int)total;
}
