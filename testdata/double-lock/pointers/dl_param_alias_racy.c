/*
 * dl_param_alias_racy.c - a helper locking two objects its callers pass
 * (`pair_lock(a, b)`: a->m, then b->m) called by one thread with the same
 * object twice: in that thread both parameters name one mutex, and the
 * second lock waits for the first. Main's calls pass two objects; the
 * thread's pass one (directly, and through a forwarding helper).
 *
 * TRUTH: two double-locks, each in the thread that passes one object.
 */
#include <pthread.h>

struct node {
    pthread_mutex_t m;
    int value;
};

static struct node X = {PTHREAD_MUTEX_INITIALIZER, 0}, Y = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct node P = {PTHREAD_MUTEX_INITIALIZER, 0}, Q = {PTHREAD_MUTEX_INITIALIZER, 0};

static void pair_lock(struct node *a, struct node *b) {
    pthread_mutex_lock(&a->m);
    pthread_mutex_lock(&b->m); // expect: double-lock 'b->m'
    a->value++;
    b->value++;
    pthread_mutex_unlock(&b->m);
    pthread_mutex_unlock(&a->m);
}

static void swap_values(struct node *a, struct node *b) {
    pthread_mutex_lock(&a->m);
    pthread_mutex_lock(&b->m); // expect: double-lock 'b->m'
    int t = a->value;
    a->value = b->value;
    b->value = t;
    pthread_mutex_unlock(&b->m);
    pthread_mutex_unlock(&a->m);
}

static void swap_with(struct node *n, struct node *other) {
    swap_values(n, other);
}

static void *worker(void *arg) {
    pair_lock(&X, &X);
    swap_with(&P, &P);
    return arg;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pair_lock(&X, &Y);
    swap_values(&P, &Q);
    pthread_join(t, NULL);
    return 0;
}
