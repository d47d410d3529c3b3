// expect-no-findings
/*
 * unlock_one_path_fixed.c - the fix for unlock_one_path_racy.c: the counter is
 * bumped before the branch that may release the lock early, so q_lock is
 * held on every path reaching `polls++`.
 *
 * Flow-sensitive locksets: the lock is surely held from the lock call to the
 * if; after the if it is held on one path only, but nothing shared is
 * touched there. No finding.
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
        polls++;
        empty = q_len == 0;
        if (empty)
            pthread_mutex_unlock(&q_lock); /* nothing to take: release early */
        else
            q_len--;
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
