/*
 * perthread_own_share_racy.c - the creating thread runs a share some
 * worker also gets:
 * - workers for shares 0..N-1, and main runs share 1 again;
 * - main runs the routine with a share it computed at run time.
 *
 * TRUTH: races on part[] (share 1 twice) and on round2[] (a share main
 * cannot tell from the workers').
 */
#include <pthread.h>
#include <stdint.h>

#define N 4

static long part[N], round2[N];

static void *share(void *arg)
{
    intptr_t i = (intptr_t)arg;
    part[i] = i * 3; // expect: data-race 'part[i]'
    return NULL;
}

static void *share2(void *arg)
{
    intptr_t i = (intptr_t)arg;
    round2[i] = i * 2; // expect: data-race 'round2[i]'
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t t[N];
    for (intptr_t i = 0; i < N; i++)
        pthread_create(&t[i], NULL, share, (void *)i);
    share((void *)1);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (intptr_t i = 0; i < N - 1; i++)
        pthread_create(&t[i], NULL, share2, (void *)i);
    share2((void *)(intptr_t)(argc % N));
    for (int i = 0; i < N - 1; i++)
        pthread_join(t[i], NULL);
    return (int)(part[0] + round2[0]);
}
