/*
 * static_local_racy.c - a function-scope static in a routine run by many
 * threads hands out ids without a lock.
 *
 * A static local is one object shared by every call, hence by every worker
 * instance: `next_id++` in one instance races with the same statement in
 * another. It is the only access, so it is the primary location.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static void *worker(void *arg)
{
    static int next_id;
    int id;

    (void)arg;
    id = next_id++; // expect: data-race 'next_id'
    return (void *)(intptr_t)id;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (i = 0; i < N; i++) {
        void *id;
        pthread_join(t[i], &id);
        printf("thread %d got id %d\n", i, (int)(intptr_t)id);
    }
    return 0;
}
