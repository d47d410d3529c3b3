/*
 * struct_mutex_racy.c - as struct_mutex_fixed.c, but a second field of the
 * same struct, s->dropped, is updated after the unlock.
 *
 * s->count is still written under s->m by everybody: no race. s->dropped is
 * written by every worker instance with no lock, so the instances race; the
 * write is the primary location. Fields are separate locations, so the
 * protected count field is not reported.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 10000

struct counter {
    pthread_mutex_t m;
    long count;
    long dropped;
};

static void *worker(void *arg)
{
    struct counter *s = arg;

    for (int k = 0; k < ROUNDS; k++) {
        pthread_mutex_lock(&s->m);
        s->count++;
        pthread_mutex_unlock(&s->m);
        if (k % 7 == 0)
            s->dropped++; // expect: data-race 'dropped'
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
    c.dropped = 0;
    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, &c);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("count = %ld, dropped = %ld\n", c.count, c.dropped);
    pthread_mutex_destroy(&c.m);
    return 0;
}
