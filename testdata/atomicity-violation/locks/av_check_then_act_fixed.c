// expect-no-findings
/*
 * av_check_then_act_fixed.c - av_check_then_act_racy.c fixed both ways:
 * the slot is tested again after the lock is taken again (double-checked
 * under the lock; the loser frees its entry), and the flag is tested and
 * set in one critical section.
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
    if (slot == NULL) {
        pthread_mutex_unlock(&table_lock);
        struct entry *e = build(key);
        pthread_mutex_lock(&table_lock);
        if (slot == NULL) {
            slot = e;
            e = NULL;
        }
        free(e);
    }
    pthread_mutex_unlock(&table_lock);

    pthread_mutex_lock(&table_lock);
    if (loaded == 0) loaded = 1;
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
