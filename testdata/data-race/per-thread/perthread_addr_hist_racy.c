/*
 * perthread_addr_hist_racy.c - as perthread_addr_hist_fixed.c (histogram
 * workers get &ids[i], checksum workers get &jobs[i]), but the histogram
 * workers all count into hist[0] instead of hist[*id].
 *
 * TRUTH: a race on hist[]: every histogram instance increments hist[0]
 * without a lock (primary location: that increment, the only write while
 * threads run). The checksum workers still write only their own jobs[i]:
 * no race on result.
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
            hist[0]++; // expect: data-race 'hist'
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
