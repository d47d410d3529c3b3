// expect-no-findings
/*
 * un_direct_fixed.c - un_direct_racy.c fixed: the unlock sits inside the
 * branch that locked. Hand-over-hand locking down a list (the next node's
 * lock taken before the current one is released) is quiet too.
 */
#include <pthread.h>
#include <stdlib.h>

struct node { pthread_mutex_t lock; struct node *next; long v; };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;
static struct node *head;

static long walk(void) {
    struct node *n = head;
    long s = 0;
    pthread_mutex_lock(&n->lock);
    while (n->next) {
        struct node *next = n->next;
        pthread_mutex_lock(&next->lock);
        s += n->v;
        pthread_mutex_unlock(&n->lock);
        n = next;
    }
    pthread_mutex_unlock(&n->lock);
    return s;
}

static void *worker(void *arg) {
    long n = (long)arg;
    if (n > 0) {
        pthread_mutex_lock(&lock);
        total += n;
        pthread_mutex_unlock(&lock);
    }
    return (void *)walk();
}

int main(void) {
    for (int i = 0; i < 3; i++) {
        struct node *n = calloc(1, sizeof *n);
        pthread_mutex_init(&n->lock, NULL);
        n->next = head;
        head = n;
    }
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
