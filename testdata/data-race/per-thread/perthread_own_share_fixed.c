// expect-no-findings
/*
 * perthread_own_share_fixed.c - the creating thread does one share of the
 * work itself: it starts the workers for shares 1..N-1 with `(void *)i`
 * and runs the same routine for share 0 (and, in the second round, starts
 * shares 0..N-2 and runs share N - 1 itself).
 *
 * TRUTH: no race: every share is one element of part[] and round[], and
 * the share main runs is one no worker gets.
 */
#include <pthread.h>
#include <stdint.h>

#define N 4

static long part[N], round2[N];

static void *share(void *arg)
{
    intptr_t i = (intptr_t)arg;
    long s = 0;
    for (int k = 0; k < 100; k++)
        s += k * i;
    part[i] = s;
    return NULL;
}

static void *share2(void *arg)
{
    intptr_t i = (intptr_t)arg;
    round2[i] = i * 2;
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (intptr_t i = 1; i < N; i++)
        pthread_create(&t[i], NULL, share, (void *)i);
    share((void *)0);
    for (int i = 1; i < N; i++)
        pthread_join(t[i], NULL);
    for (intptr_t i = 0; i < N - 1; i++)
        pthread_create(&t[i], NULL, share2, (void *)i);
    share2((void *)(intptr_t)(N - 1));
    for (int i = 0; i < N - 1; i++)
        pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += part[i] + round2[i];
    return sum > 0 ? 0 : 1;
}
