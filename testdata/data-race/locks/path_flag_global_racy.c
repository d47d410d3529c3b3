/*
 * path_flag_global_racy.c - locking decided by a global that may change:
 * set by main before the threads start (`use_lock = getenv(..) != 0`),
 * its address handed to a function that may store through it, a flag
 * that is 0 all run long (the lock is never taken), and a flag another
 * thread clears while the workers run (itself a race).
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int use_lock = 1, by_addr = 1, never, cleared = 1;
static long a, b, c, d;

static void set_flag(int *f) { *f = 0; }

static void *worker(void *arg) {
    if (use_lock) pthread_mutex_lock(&m);
    a++; // expect: data-race 'a'
    if (use_lock) pthread_mutex_unlock(&m);
    if (by_addr) pthread_mutex_lock(&m);
    b++; // expect: data-race 'b'
    if (by_addr) pthread_mutex_unlock(&m);
    if (never) pthread_mutex_lock(&m);
    c++; // expect: data-race 'c'
    if (never) pthread_mutex_unlock(&m);
    if (cleared) pthread_mutex_lock(&m);
    d++; // expect: data-race 'd'
    if (cleared) pthread_mutex_unlock(&m);
    return arg;
}

static void *clearer(void *arg) {
    cleared = 0; // expect: data-race 'cleared'
    return arg;
}

int main(void) {
    use_lock = getenv("RACY_NOLOCK") == NULL;
    set_flag(&by_addr);
    pthread_t t[3];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    pthread_create(&t[2], NULL, clearer, NULL);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    return (int)(a + b + c + d);
}
