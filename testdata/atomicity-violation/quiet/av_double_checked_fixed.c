// expect-no-findings
/*
 * av_double_checked_fixed.c - double-checked initialisation: a fast atomic
 * test without the lock, then the test again under the lock before the
 * act. Every other initialiser holds the lock from its own second test to
 * its store, so none can come between this thread's second test and its
 * store; the first test only decides whether to look again.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static atomic_int ready;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int *table;

static void init_table(void) {
    table = calloc(64, sizeof *table);
}

static void ensure_init(void) {
    if (!atomic_load_explicit(&ready, memory_order_acquire)) {
        pthread_mutex_lock(&init_lock);
        if (!atomic_load_explicit(&ready, memory_order_relaxed)) {
            init_table();
            atomic_store_explicit(&ready, 1, memory_order_release);
        }
        pthread_mutex_unlock(&init_lock);
    }
}

static void *worker(void *arg) {
    (void)arg;
    ensure_init();
    return NULL;
}

int main(void) {
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    free(table);
    return 0;
}
