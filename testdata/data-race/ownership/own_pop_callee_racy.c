/*
 * own_pop_callee_racy.c - helpers whose parameter is not always a popped
 * job: `tally()` is also called with a job still on the list (a peek), and
 * `note()` also with one shared object; and a task's payload (`t->arg`),
 * which may be one context every task shares, as it is here.
 *
 * TRUTH: races on the fields each helper writes, and on the shared
 * context's count.
 */
#include <pthread.h>
#include <stdlib.h>

struct job { int in; long seen, noted; struct job *next; };
struct ctx { long count; };
struct task { void (*fn)(void *); void *arg; struct task *next; };

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static struct job *head, shared;
static struct task *tasks;
static struct ctx one;

static void tally(struct job *j) { j->seen++; } // expect: data-race 'j->seen'
static void note(struct job *j) { j->noted++; } // expect: data-race 'j->noted'
static void count(void *a) {
    struct ctx *c = a;
    c->count++; // expect: data-race 'c->count'
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
        tally(j);
        note(j);
    }
    pthread_mutex_lock(&qlock);
    struct job *peeked = head;
    pthread_mutex_unlock(&qlock);
    if (peeked) tally(peeked);
    note(&shared);
    for (;;) {
        pthread_mutex_lock(&qlock);
        struct task *t = tasks;
        if (!t) {
            pthread_mutex_unlock(&qlock);
            break;
        }
        tasks = t->next;
        pthread_mutex_unlock(&qlock);
        t->fn(t->arg);
        free(t);
    }
    return arg;
}

int main(void) {
    for (int i = 0; i < 16; i++) {
        struct job *j = calloc(1, sizeof *j);
        struct task *t = calloc(1, sizeof *t);
        if (!j || !t) return 1;
        j->in = i;
        j->next = head;
        head = j;
        t->fn = count;
        t->arg = &one;
        t->next = tasks;
        tasks = t;
    }
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    return (int)one.count;
}
