/*
 * unlock_one_path_racy.c - a consumer drops the queue lock early when the
 * queue is empty, then bumps a statistics counter after the if, believing it
 * still holds the lock.
 *
 * After `if (empty) unlock`, q_lock is held on the path where the queue was
 * not empty only, so it is not surely held at `polls++`. In a real run some
 * instance takes the empty path while another holds the lock or is on the
 * empty path too: the write races. It is the only write of polls involved
 * (main reads after the join loop), hence the primary location. q_len is
 * always accessed with q_lock held: no race.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static int q_len = 1000;
static long polls;

static void *consumer(void *arg)
{
    (void)arg;
    for (;;) {
        int empty;

        pthread_mutex_lock(&q_lock);
        empty = q_len == 0;
        if (empty)
            pthread_mutex_unlock(&q_lock); /* nothing to take: release early */
        else
            q_len--;
        polls++; // expect: data-race 'polls'
        if (!empty)
            pthread_mutex_unlock(&q_lock);
        if (empty)
            return NULL;
    }
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, consumer, NULL);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%ld polls\n", polls);
    return 0;
}
