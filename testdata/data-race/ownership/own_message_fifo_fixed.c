// expect-no-findings
/*
 * own_message_fifo_fixed.c - a producer thread allocates messages, fills in
 * their sequence number and text, and appends them to a FIFO under a mutex; a
 * consumer thread waits for messages (condition variable, while loop), unlinks
 * them under the mutex and then rewrites the text, reads it and frees the
 * message with the mutex released.
 *
 * TRUTH: no race. The producer touches a message only before pushing it
 * (the push under qlock happens before the pop under qlock); after the pop
 * only the consumer touches it. The links and the queue ends are accessed
 * under qlock only. `total` lives in main's frame and is read after the join.
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
        m->seq = i;
        snprintf(m->text, sizeof m->text, "message %d", i);
        push(m);
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
