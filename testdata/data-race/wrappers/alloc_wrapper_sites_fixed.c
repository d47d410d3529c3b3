/*
 * alloc_wrapper_sites_fixed.c - heap cloning for an allocation wrapper:
 * new_counter returns a fresh allocation (after checking it and filling it
 * in), so each call site of new_counter is a heap object of its own. Each
 * worker updates its own counter.
 *
 * TRUTH: no race: wa touches only *ca, wb only *cb. Were all results of
 * new_counter one object (the malloc inside it), ca->n and cb->n would be
 * one location written by both threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include "../../include/racecheck_debug.h"

// expect-no-findings

struct counter {
    long n;
};

static struct counter *new_counter(void)
{
    struct counter *c = malloc(sizeof *c);
    if (!c)
        abort();
    c->n = 0;
    return c;
}

static struct counter *ca, *cb;

static void *wa(void *arg)
{
    ca->n++;
    return arg;
}

static void *wb(void *arg)
{
    cb->n++;
    return arg;
}

int main(void)
{
    ca = new_counter();
    cb = new_counter();
    racecheck_pts(ca); // debug: pts {heap@alloc_wrapper_sites_fixed.c:46}
    racecheck_pts(cb); // debug: pts {heap@alloc_wrapper_sites_fixed.c:47}
    pthread_t a, b;
    pthread_create(&a, 0, wa, 0);
    pthread_create(&b, 0, wb, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
