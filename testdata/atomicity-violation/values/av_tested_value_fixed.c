// expect-no-findings
/*
 * av_tested_value_fixed.c - interference that cannot invalidate the test.
 *
 * A check-then-act tests `x == c` and later writes; another thread's write
 * in between that stores that same c leaves x as the test found it: the
 * interleaving (read c, other writes c, write) is the serial order (other
 * writes c, read c, write). So with the other writers storing only the
 * tested constant there is nothing to report:
 *   - scan_thread: a request flag set to -1 by the requester, consumed (reset
 *     to 0) by the scanner, which drops the lock while it works; the
 *     requester only ever stores -1 (a second request while one is being
 *     served is merged into it);
 *   - reopen: an error status tested for ERR and reset to OK; the fsync
 *     thread stores only ERR, through a setter whose every call in that
 *     thread passes ERR.
 *   - start: `state == IDLE` tested, the lock dropped, RUNNING stored; finish
 *     stores DONE, but only when its own test in the same critical section
 *     found RUNNING: in the gap it would find IDLE and store nothing.
 * And two shapes that make no update to lose:
 *   - io_thread: the count tested non-zero, then reset to 0 through a
 *     setter called with the constant 0: a store of the very constant the
 *     test found missing is the same as an unconditional store, whatever the
 *     dispatcher wrote in between;
 *   - checker: an assertion on the value read (`if (v <= 0) abort()`)
 *     decides nothing; the store after it is made whenever the program goes
 *     on.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

enum { OK = 0, ERR = -1 };

static pthread_mutex_t scan_lock = PTHREAD_MUTEX_INITIALIZER;
static int scan_request;
static atomic_int fsync_status;
static atomic_ulong pending[4];
static atomic_int epoch = 1;
static atomic_int stop;

enum { IDLE, RUNNING, DONE };
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state = IDLE;

static void scan_table(void) {}

static void *start(void *arg) {
    (void)arg;
    pthread_mutex_lock(&state_lock);
    if (state == IDLE) {
        pthread_mutex_unlock(&state_lock);
        scan_table();
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

static void *scan_thread(void *arg) {
    (void)arg;
    pthread_mutex_lock(&scan_lock);
    while (!atomic_load(&stop)) {
        if (scan_request == -1) {
            pthread_mutex_unlock(&scan_lock);
            scan_table();
            pthread_mutex_lock(&scan_lock);
            scan_request = 0;
        }
        pthread_mutex_unlock(&scan_lock);
        pthread_mutex_lock(&scan_lock);
    }
    pthread_mutex_unlock(&scan_lock);
    return NULL;
}

static void *requester(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&scan_lock);
        scan_request = -1;
        pthread_mutex_unlock(&scan_lock);
    }
    return NULL;
}

static void set_status(int s) {
    atomic_store(&fsync_status, s);
}

static void *fsync_thread(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++)
        if (rand() % 2) set_status(ERR);
    return NULL;
}

static void reopen(void) {
    int st = atomic_load(&fsync_status);
    if (st == ERR) atomic_store(&fsync_status, OK);
}

static unsigned long get_pending(long i) {
    unsigned long count = 0;
    count = atomic_load(&pending[i]);
    return count;
}

static void set_pending(long i, unsigned long count) {
    atomic_store(&pending[i], count);
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
    pthread_t s, q, f, io[2], c[2], st, fi;
    pthread_create(&st, NULL, start, NULL);
    pthread_create(&fi, NULL, finish, NULL);
    pthread_create(&s, NULL, scan_thread, NULL);
    pthread_create(&q, NULL, requester, NULL);
    pthread_create(&f, NULL, fsync_thread, NULL);
    for (long i = 0; i < 2; i++) pthread_create(&io[i], NULL, io_thread, (void *)i);
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, checker, NULL);
    reopen();
    for (long i = 0; i < 2; i++) set_pending(i, 5);
    atomic_store(&stop, 1);
    pthread_join(st, NULL);
    pthread_join(fi, NULL);
    pthread_join(s, NULL);
    pthread_join(q, NULL);
    pthread_join(f, NULL);
    for (int i = 0; i < 2; i++) pthread_join(io[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
    return 0;
}
