// expect-no-findings
/*
 * path_flag_global_fixed.c - locking decided by a global that holds one
 * value all run long: defined with a constant initialiser (or none: 0),
 * never written, its address never taken. `if (use_lock) lock(&m)` then
 * always locks, `if (debug) unsafe++` never runs, and a const-qualified
 * switch behaves alike.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int use_lock = 1;
static int debug;
static const int locked_stats = 2;
static long counter, unsafe, stats;

static void *worker(void *arg) {
    for (int i = 0; i < 100; i++) {
        if (use_lock) pthread_mutex_lock(&m);
        counter++;
        if (use_lock) pthread_mutex_unlock(&m);
        if (debug) unsafe++;
        if (locked_stats == 2) {
            pthread_mutex_lock(&m);
            stats++;
            pthread_mutex_unlock(&m);
        } else {
            stats++;
        }
    }
    return arg;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)(counter + unsafe + stats);
}
