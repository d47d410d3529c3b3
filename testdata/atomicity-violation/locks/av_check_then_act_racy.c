/*
 * av_check_then_act_racy.c - check-then-act across an unlock: the table is
 * found empty under the lock, the lock is dropped to build the entry (slow
 * work), taken again, and the entry installed without looking again - a
 * second thread did the same in between and its entry is overwritten
 * (leaked). The write is not computed from the read; it is made because of
 * it.
 */
#include <pthread.h>
#include <stdlib.h>

struct entry {
    int key;
    char payload[64];
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *slot;
static int loaded;

static struct entry *build(int key) {
    struct entry *e = calloc(1, sizeof *e);
    if (e) e->key = key;
    return e;
}

static void *lookup(void *arg) {
    int key = (int)(long)arg;
    pthread_mutex_lock(&table_lock);
    if (slot == NULL) { // expect: atomicity-violation 'slot'
        pthread_mutex_unlock(&table_lock);
        struct entry *e = build(key);
        pthread_mutex_lock(&table_lock);
        slot = e;
    }
    pthread_mutex_unlock(&table_lock);

    pthread_mutex_lock(&table_lock);
    if (loaded == 0) { // expect: atomicity-violation 'loaded'
        pthread_mutex_unlock(&table_lock);
        pthread_mutex_lock(&table_lock);
        loaded = 1;
    }
    pthread_mutex_unlock(&table_lock);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, lookup, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    free(slot);
    return 0;
}
