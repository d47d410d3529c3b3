// expect-no-findings
/*
 * dl_param_alias_fixed.c - dl_param_alias_racy.c's helpers when the same
 * object may come twice: the second lock is skipped when the pointers are
 * equal (`if (a != b)`, and `if (a == b) return` before it), also when
 * every call passes one object for both (then the two locks are one lock
 * in every frame: the test alone keeps the second from being taken), and a
 * thread that passes two objects.
 */
#include <pthread.h>

struct node {
    pthread_mutex_t m;
    int value;
};

static struct node X = {PTHREAD_MUTEX_INITIALIZER, 0}, Y = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct node Z = {PTHREAD_MUTEX_INITIALIZER, 0};

static void self_pair(struct node *a, struct node *b) {
    pthread_mutex_lock(&a->m);
    if (a != b)
        pthread_mutex_lock(&b->m);
    a->value += b->value;
    if (a != b)
        pthread_mutex_unlock(&b->m);
    pthread_mutex_unlock(&a->m);
}

static void pair_lock(struct node *a, struct node *b) {
    pthread_mutex_lock(&a->m);
    if (a != b)
        pthread_mutex_lock(&b->m);
    a->value++;
    b->value++;
    if (a != b)
        pthread_mutex_unlock(&b->m);
    pthread_mutex_unlock(&a->m);
}

static void move_value(struct node *from, struct node *to) {
    if (from == to)
        return;
    pthread_mutex_lock(&from->m);
    pthread_mutex_lock(&to->m);
    to->value += from->value;
    from->value = 0;
    pthread_mutex_unlock(&to->m);
    pthread_mutex_unlock(&from->m);
}

static void *worker(void *arg) {
    pair_lock(&X, &X);
    move_value(&X, &X);
    self_pair(&Z, &Z);
    return arg;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    pair_lock(&X, &Y);
    move_value(&Y, &X);
    self_pair(&Z, &Z);
    return 0;
}
