// expect-no-findings
/*
 * own_array_elements_fixed.c - requests kept in a local array and handed to
 * worker threads through a locked queue, one element per round of the
 * submitting loop: `reqs[i].in = i` and the rest of the element's set-up,
 * then `push(&reqs[i])` (or through a pointer to it, `r = &more[i]; r->in
 * = -i; push(r)`). Until its round pushes it, element i is known to
 * main alone (the array's address goes nowhere but `&reqs[i]` in that
 * loop), so the set-up does not race with the workers, which own what they
 * pop. main reads the results after the joins.
 *
 * TRUTH: no race.
 */
#include <pthread.h>
#include <stdio.h>

#define NREQ 16
#define NWORKERS 3

struct req {
    struct req *next;
    int in;
    int scale;
    long out;
};

static struct req *head;
static int closed;
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;

static void push(struct req *r)
{
    pthread_mutex_lock(&qlock);
    r->next = head;
    head = r;
    pthread_cond_signal(&qcond);
    pthread_mutex_unlock(&qlock);
}

static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (!head && !closed)
            pthread_cond_wait(&qcond, &qlock);
        struct req *r = head;
        if (r)
            head = r->next;
        pthread_mutex_unlock(&qlock);
        if (!r)
            break;
        r->out = (long)r->in * r->scale;
    }
    return NULL;
}

int main(void)
{
    pthread_t w[NWORKERS];
    struct req reqs[NREQ], more[NREQ];
    for (int k = 0; k < NWORKERS; k++)
        pthread_create(&w[k], NULL, worker, NULL);
    for (int i = 0; i < NREQ; i++) {
        reqs[i].in = i;
        reqs[i].scale = 3;
        reqs[i].out = 0;
        push(&reqs[i]);
    }
    for (int i = 0; i < NREQ; i++) {
        struct req *r = &more[i];
        r->in = -i;
        r->scale = 2;
        r->out = 0;
        push(r);
    }
    pthread_mutex_lock(&qlock);
    closed = 1;
    pthread_cond_broadcast(&qcond);
    pthread_mutex_unlock(&qlock);
    for (int k = 0; k < NWORKERS; k++)
        pthread_join(w[k], NULL);
    long sum = 0;
    for (int i = 0; i < NREQ; i++)
        sum += reqs[i].out + more[i].out;
    printf("%ld\n", sum);
    return 0;
}
