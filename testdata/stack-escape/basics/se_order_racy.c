/*
 * se_order_racy.c - a loop that joins the previous round's thread before
 * starting the next one with a local: the last thread is never joined, and
 * the join that comes first in the body is the previous round's, not the
 * new thread's.
 *
 * TRUTH: the last reader may run after pipelined() returns: an escape of v.
 */
#include <pthread.h>

static void *reader(void *arg) { return (void *)(long)*(int *)arg; }

static void pipelined(void)
{
    int v[4] = {1, 2, 3, 4};
    pthread_t t;
    for (int i = 0; i < 4; i++) {
        if (i)
            pthread_join(t, NULL);
        pthread_create(&t, NULL, reader, &v[i]); // expect: stack-escape 'v'
    }
}

int main(void)
{
    pipelined();
    return 0;
}
