/*
 * av_tested_value_fixed.c - what the value read was tested to be decides
 * whether another thread's write can matter:
 *   - start: `state == IDLE` tested, the lock dropped, RUNNING stored;
 *     finish stores DONE, but only when its own test in the same critical
 *     section found RUNNING; stop_all stores DONE only when its test found
 *     the state not IDLE. In start's gap the state is IDLE (no other write
 *     comes first), so both tests fail and neither stores anything;
 *   - io_thread: the count tested non-zero, then reset to 0 through a
 *     setter called with the constant 0: a store of the very constant the
 *     test found missing is the same as an unconditional store, whatever
 *     the dispatcher wrote in between;
 *   - checker: an assertion on the value read (`if (v <= 0) abort()`)
 *     decides nothing; the store after it is made whenever the program
 *     goes on.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

enum { IDLE, RUNNING, DONE };

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state = IDLE;
static atomic_ulong pending[4];
static atomic_int epoch = 1;
static atomic_int stop;

static void prepare(void) {}

static void *start(void *arg) {
    (void)arg;
    pthread_mutex_lock(&state_lock);
    if (state == IDLE) {
        pthread_mutex_unlock(&state_lock);
        prepare();
        pthread_mutex_lock(&state_lock);
        state = RUNNING;
    }
    pthread_mutex_unlock(&state_lock);
    return NULL;
}

static void *finish(void *arg) {
    (void)arg;
    pthread_mutex_lock(&state_lock);
    if (state == RUNNING) state = DONE;
    pthread_mutex_unlock(&state_lock);
    return NULL;
}

static void *stop_all(void *arg) {
    (void)arg;
    pthread_mutex_lock(&state_lock);
    int s = state;
    if (s != IDLE) state = DONE;
    pthread_mutex_unlock(&state_lock);
    return NULL;
}

static unsigned long get_pending(long i) {
    unsigned long count = 0;
    count = atomic_load(&pending[i]);
    return count;
}

static void set_pending(long i, unsigned long count) {
    /* each io_thread instance stores its own counter in a loop, beside
     * the other's in one cache line: false-sharing's note, expected */
    atomic_store(&pending[i], count); // expect: false-sharing 'pending[i]'
}

static void *io_thread(void *arg) {
    long id = (long)arg;
    while (!atomic_load(&stop)) {
        if (get_pending(id) == 0) continue;
        set_pending(id, 0);
    }
    return NULL;
}

static void *checker(void *arg) {
    (void)arg;
    int v = atomic_load(&epoch);
    if (v <= 0) abort();
    atomic_store(&epoch, 7);
    return NULL;
}

int main(void) {
    pthread_t st, fi, sa, io[2], c[2];
    pthread_create(&st, NULL, start, NULL);
    pthread_create(&fi, NULL, finish, NULL);
    pthread_create(&sa, NULL, stop_all, NULL);
    for (long i = 0; i < 2; i++) pthread_create(&io[i], NULL, io_thread, (void *)i);
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, checker, NULL);
    for (long i = 0; i < 2; i++) set_pending(i, 5);
    atomic_store(&stop, 1);
    pthread_join(st, NULL);
    pthread_join(fi, NULL);
    pthread_join(sa, NULL);
    for (int i = 0; i < 2; i++) pthread_join(io[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
    return 0;
}
