/*
 * own_message_fifo_racy.c - as own_message_fifo_fixed.c (a producer thread
 * pushes malloc'd messages on a FIFO under a mutex, a consumer pops them and
 * works on them outside the lock), but the producer stamps each message with
 * its sequence number AFTER pushing it.
 *
 * TRUTH: a race on the message's `seq` field. Once pushed, the message may
 * already be popped: the producer's late write may run in parallel with the
 * consumer's unlocked read (and its free). It is the only write of seq, the
 * primary location. The text is written only before the push: no race on
 * it; the links and the queue ends are accessed under qlock only.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define COUNT 8

struct msg {
    struct msg *next;
    int seq;
    char text[24];
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static struct msg *qhead, *qtail;

static void push(struct msg *m)
{
    pthread_mutex_lock(&qlock);
    m->next = NULL;
    if (qtail)
        qtail->next = m;
    else
        qhead = m;
    qtail = m;
    pthread_cond_signal(&qcond);
    pthread_mutex_unlock(&qlock);
}

static struct msg *pop(void)
{
    pthread_mutex_lock(&qlock);
    while (!qhead)
        pthread_cond_wait(&qcond, &qlock);
    struct msg *m = qhead;
    qhead = m->next;
    if (!qhead)
        qtail = NULL;
    pthread_mutex_unlock(&qlock);
    return m;
}

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < COUNT; i++) {
        struct msg *m = malloc(sizeof *m);
        if (!m)
            abort();
        snprintf(m->text, sizeof m->text, "message %d", i);
        push(m);
        m->seq = i; // expect: data-race 'seq'
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long *total = arg;

    for (int i = 0; i < COUNT; i++) {
        struct msg *m = pop();
        for (char *p = m->text; *p != '\0'; p++)
            if (*p == ' ')
                *p = '_';
        *total += m->seq;
        puts(m->text);
        free(m);
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long total = 0;

    pthread_create(&c, NULL, consumer, &total);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("total %ld\n", total);
    return 0;
}
