/*
 * perthread_addr_hist_fixed.c - per-thread data reached through the address of
 * an array element: the histogram workers get &ids[i] and count into
 * hist[*id]; the checksum workers get &jobs[i] and store jobs[i].result
 * through their parameter. main reads both arrays after the join loops.
 *
 * TRUTH: no race. ids[i] = i is stored before the i-th create and never
 * changed, so every histogram instance writes its own element of hist[];
 * every checksum instance writes only its own element of jobs[]. main's
 * stores into ids[i] and jobs[i] (inside the create loops) touch elements
 * no running thread touches. (The histogram counters are longs side by
 * side, incremented in the loop: false-sharing's note, expected here, is
 * about speed, not a race.)
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define LEN 4096

struct job { int first, count; unsigned result; };

static unsigned char text[LEN];
static long hist[N];

static void *histogram(void *arg)
{
    int *id = arg;

    for (int k = *id; k < LEN; k += N)
        if (text[k] == ' ')
            hist[*id]++; // expect: false-sharing 'hist'
    return NULL;
}

static void *checksum(void *arg)
{
    struct job *job = arg;
    unsigned sum = 0;

    for (int k = job->first; k < job->first + job->count; k++)
        sum = sum * 33 + text[k];
    job->result = sum;
    return NULL;
}

int main(void)
{
    pthread_t th[N], tc[N];
    int ids[N];
    struct job jobs[N];

    for (int k = 0; k < LEN; k++)
        text[k] = (k % 7 == 0) ? ' ' : 'a' + k % 26;
    for (int i = 0; i < N; i++) {
        ids[i] = i;
        pthread_create(&th[i], NULL, histogram, &ids[i]);
    }
    for (int i = 0; i < N; i++) {
        jobs[i].first = i * (LEN / N);
        jobs[i].count = LEN / N;
        pthread_create(&tc[i], NULL, checksum, &jobs[i]);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        pthread_join(tc[i], NULL);
    }
    for (int i = 0; i < N; i++)
        printf("%d: %ld spaces, checksum %u\n", i, hist[i], jobs[i].result);
    return 0;
}
