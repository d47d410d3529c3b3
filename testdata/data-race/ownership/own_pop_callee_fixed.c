// expect-no-findings
/*
 * own_pop_callee_fixed.c - a worker pops a job off a locked list and hands
 * it to helpers (`process(job)`, which hands it on to `finish(job)`):
 * every call of the helpers passes a pointer its caller popped and still
 * owns, so what they do through their parameter is that worker's alone.
 */
#include <pthread.h>
#include <stdlib.h>

struct job { int in; long out, steps; struct job *next; };

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static struct job *head;

static void finish(struct job *j) {
    j->steps++;
    free(j);
}

static void process(struct job *j) {
    j->out = j->in * 2L;
    j->steps = 1;
    finish(j);
}

static void *worker(void *arg) {
    for (;;) {
        pthread_mutex_lock(&qlock);
        struct job *j = head;
        if (!j) {
            pthread_mutex_unlock(&qlock);
            break;
        }
        head = j->next;
        pthread_mutex_unlock(&qlock);
        process(j);
    }
    return arg;
}

int main(void) {
    for (int i = 0; i < 16; i++) {
        struct job *j = calloc(1, sizeof *j);
        if (!j) return 1;
        j->in = i;
        j->next = head;
        head = j;
    }
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    return 0;
}
