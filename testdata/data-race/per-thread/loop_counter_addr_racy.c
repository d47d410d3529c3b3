/*
 * loop_counter_addr_racy.c - the classic bug: the address of the loop counter
 * is passed to every thread, which reads *arg to learn its id.
 *
 * After the first pthread_create, main keeps writing i (i++ in the create
 * loop, then i = 0 and i++ in the join loop) while the threads may still be
 * reading it through arg. The writes are all main's; the first involved one
 * in file order is the i++ in the create loop header (the initial i = 0
 * precedes every create), so the finding is on that line.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4

static pthread_mutex_t sum_lock = PTHREAD_MUTEX_INITIALIZER;
static long id_sum;

static void *worker(void *arg)
{
    int id = *(int *)arg; /* reads main's i */

    pthread_mutex_lock(&sum_lock);
    id_sum += id;
    pthread_mutex_unlock(&sum_lock);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++) // expect: data-race 'i'
        pthread_create(&t[i], NULL, worker, &i);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("sum of ids = %ld (expected %d)\n", id_sum, N * (N - 1) / 2);
    return 0;
}
