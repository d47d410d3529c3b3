// expect-no-findings
/*
 * struct_mutex_fixed.c - a struct carries its own mutex, and every thread
 * reaches the struct (a local of main) through its argument: s->m protects
 * s->count.
 *
 * All workers receive the same pointer, so s->m in one thread and s->m in
 * another are the same mutex (lock identity by must-alias path), and every
 * write of s->count holds it. main initialises the struct before the creates
 * and reads it after the join loop. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

struct counter {
    pthread_mutex_t m;
    long count;
};

static void *worker(void *arg)
{
    struct counter *s = arg;

    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&s->m);
        s->count++;
        pthread_mutex_unlock(&s->m);
    }
    return NULL;
}

int main(void)
{
    struct counter c;
    pthread_t t[N];
    int i;

    pthread_mutex_init(&c.m, NULL);
    c.count = 0;
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, &c);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("count = %ld\n", c.count);
    pthread_mutex_destroy(&c.m);
    return 0;
}
