// expect-no-findings
/*
 * static_local_fixed.c - the id allocator of static_local_racy.c, with the
 * function-scope static guarded by a function-scope static mutex.
 *
 * Every access to next_id holds id_lock, the same object in every instance.
 * No finding.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define N 4

static void *worker(void *arg)
{
    static pthread_mutex_t id_lock = PTHREAD_MUTEX_INITIALIZER;
    static int next_id;
    int id;

    (void)arg;
    pthread_mutex_lock(&id_lock);
    id = next_id++;
    pthread_mutex_unlock(&id_lock);
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
