/*
 * own_array_elements_racy.c - requests in a local array handed to workers
 * through a locked queue (own_array_elements_fixed.c), where main touches
 * an element after it went to the queue:
 * - `late[i].in` is set after `push(&late[i])` in the same round;
 * - `prev[i - 1].scale` is changed in the round after prev[i - 1] was
 *   pushed;
 * - through a pointer `r` that still holds the last round's element when
 *   the round writes through it, before `r = &alias[i]`. r has two
 *   assignments (one before the loop), so it names no one round's element
 *   and the array is not followed at all: `r->in` after `r = &alias[i]`,
 *   before the push, is a known false alarm;
 * - the rounds of `again` run inside an outer loop: the second pass sets
 *   up again[0] while a worker may still be processing it.
 *
 * TRUTH: races on late[].in, prev[].scale, alias[].scale and again[].
 */
#include <pthread.h>
#include <stdio.h>

#define NREQ 8
#define NWORKERS 2

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
    struct req late[NREQ], prev[NREQ], again[NREQ], alias[NREQ];
    for (int k = 0; k < NWORKERS; k++)
        pthread_create(&w[k], NULL, worker, NULL);
    for (int i = 0; i < NREQ; i++) {
        late[i].scale = 1;
        push(&late[i]);
        late[i].in = i; // expect: data-race 'late[i].in'
    }
    for (int i = 0; i < NREQ; i++) {
        prev[i].in = i;
        prev[i].scale = 1;
        if (i > 0)
            prev[i - 1].scale = 2; // expect: data-race 'prev[?].scale'
        push(&prev[i]);
    }
    struct req *r = &alias[0];
    for (int i = 0; i < NREQ; i++) {
        r->scale = 1; // expect: data-race 'r->scale'
        r = &alias[i];
        r->in = i; // known-false-alarm: data-race 'r->in'
        push(r);
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < NREQ; i++) {
            again[i].in = pass; // expect: data-race 'again[i].in'
            again[i].scale = 1; // expect: data-race 'again[i].scale'
            push(&again[i]);
        }
    pthread_mutex_lock(&qlock);
    closed = 1;
    pthread_cond_broadcast(&qcond);
    pthread_mutex_unlock(&qlock);
    for (int k = 0; k < NWORKERS; k++)
        pthread_join(w[k], NULL);
    printf("%ld\n", late[0].out + prev[0].out + again[0].out);
    return 0;
}
