/*
 * fnptr_param_type_racy.c - two callbacks of one return type and arity
 * kept in one generic table (`void *` slots: array elements are one
 * location to points-to, so each slot "holds" both). The worker calls its
 * slot as `void (*)(void **)` (a job freeing its argument vector); main
 * calls the other as `void (*)(struct loop *)`. A data pointer parameter of
 * another depth or base type does not fit (`void **` against `struct loop
 * *`; only `void *` and `char *` are generic), so the worker's call does not
 * reach before_sleep() (redis's lazy-free job slot and its event loop's
 * before-sleep hook). Without that, the worker would run before_sleep() and
 * race with main on `ticks`. Here the worker calls its slot as `void
 * (*)(struct loop *)`: before_sleep() fits, and races with main.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct loop { int stop; };
struct slot { void *fn; };

static struct slot slots[2];
static int ticks;

static void free_args(void **args)
{
    free(args[0]);
    free(args);
}

static void before_sleep(struct loop *l)
{
    ticks++; // expect: data-race 'ticks'
    (void)l;
}

static void *worker(void *arg)
{
    void (*job)(struct loop *) = (void (*)(struct loop *))slots[0].fn;
    job(arg);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct loop l = {0};
    void **args = malloc(sizeof(void *));
    void (*hook)(struct loop *);

    args[0] = malloc(16);
    slots[0].fn = (void *)free_args;
    slots[1].fn = (void *)before_sleep;
    pthread_create(&t, NULL, worker, args);
    hook = (void (*)(struct loop *))slots[1].fn;
    hook(&l);
    ticks++;
    pthread_join(t, NULL);
    printf("%d %d\n", ticks, l.stop);
    return 0;
}
