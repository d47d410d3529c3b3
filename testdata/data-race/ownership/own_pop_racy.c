/*
 * own_pop_racy.c - what is no move out of a queue:
 * - peek(): takes the head under the lock but does not unlink it, and
 *   writes it after the unlock: another peeker, or a popper, may have the
 *   same job;
 * - split_pop(): unlinks the head in a second critical section - between
 *   the two another thread may take the same head;
 * - maybe_pop(): unlinks it only on one path;
 * - requeue(): pops, links the job again, then writes it;
 * - the producer writes a job after linking it.
 *
 * TRUTH: races on each job field named below, between the threads that
 * may have one job at once (own_pop_fixed.c's shapes move the job); and
 * split_pop() reads the head and writes it back in two critical sections
 * (atomicity-violation).
 */
#include <pthread.h>
#include <stdlib.h>

struct job {
    int in, a, b, c, d;
    struct job *next;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static struct job *head;

static void *peek(void *arg)
{
    pthread_mutex_lock(&qlock);
    struct job *j = head;
    pthread_mutex_unlock(&qlock);
    if (j)
        j->a = j->in; // expect: data-race 'j->a'
    return arg;
}

static void *split_pop(void *arg)
{
    pthread_mutex_lock(&qlock);
    struct job *j = head; // expect: atomicity-violation 'head'
    pthread_mutex_unlock(&qlock);
    if (!j)
        return arg;
    pthread_mutex_lock(&qlock);
    head = j->next;
    pthread_mutex_unlock(&qlock);
    j->b = 1; // expect: data-race 'j->b'
    return arg;
}

static void *maybe_pop(void *arg)
{
    int n = *(int *)arg;
    pthread_mutex_lock(&qlock);
    struct job *j = head;
    if (j && n > 1)
        head = j->next;
    pthread_mutex_unlock(&qlock);
    if (j)
        j->c = n; // expect: data-race 'j->c'
    return arg;
}

static void *requeue(void *arg)
{
    pthread_mutex_lock(&qlock);
    struct job *j = head;
    if (j)
        head = j->next;
    pthread_mutex_unlock(&qlock);
    if (!j)
        return arg;
    pthread_mutex_lock(&qlock);
    j->next = head;
    head = j;
    pthread_mutex_unlock(&qlock);
    j->d = 2; // expect: data-race 'j->d'
    return arg;
}

int main(void)
{
    int two = 2;
    pthread_t t[8];
    pthread_create(&t[0], NULL, peek, NULL);
    pthread_create(&t[1], NULL, peek, NULL);
    pthread_create(&t[2], NULL, split_pop, NULL);
    pthread_create(&t[3], NULL, split_pop, NULL);
    pthread_create(&t[4], NULL, maybe_pop, &two);
    pthread_create(&t[5], NULL, maybe_pop, &two);
    pthread_create(&t[6], NULL, requeue, NULL);
    pthread_create(&t[7], NULL, requeue, NULL);
    for (int i = 0; i < 4; i++) {
        struct job *j = calloc(1, sizeof *j);
        if (!j)
            abort();
        pthread_mutex_lock(&qlock);
        j->next = head;
        head = j;
        pthread_mutex_unlock(&qlock);
        j->in = i; // expect: data-race 'j->in'
    }
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    return 0;
}
