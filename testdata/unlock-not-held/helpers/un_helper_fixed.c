// expect-no-findings
/*
 * un_helper_fixed.c - un_helper_racy.c fixed: every call of the unlocking
 * helper is made with the lock held, one of them taken by a locking helper
 * that returns locked on every path.
 */
#include <pthread.h>
#include <stdlib.h>

struct table { pthread_mutex_t mu; long slots[8]; };

static void table_lock(struct table *t) { pthread_mutex_lock(&t->mu); }

static void table_put_and_unlock(struct table *t, int k, long v) {
    t->slots[k & 7] = v;
    pthread_mutex_unlock(&t->mu);
}

static void *writer(void *arg) {
    struct table *t = arg;
    pthread_mutex_lock(&t->mu);
    table_put_and_unlock(t, 1, 10);
    table_lock(t);
    table_put_and_unlock(t, 2, 20);
    return NULL;
}

int main(void) {
    struct table *t = calloc(1, sizeof *t);
    pthread_mutex_init(&t->mu, NULL);
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, writer, t);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    free(t);
    return 0;
}
