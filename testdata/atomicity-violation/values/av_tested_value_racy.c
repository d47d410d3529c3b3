/*
 * av_tested_value_racy.c - the shapes of av_tested_value_fixed.c where the
 * interference does invalidate what the thread tested, so each is still
 * reported:
 *   - scan_thread: the requester stores 1, not the tested -1 (a request of
 *     another kind, overwritten by the reset);
 *   - reopen: the fsync thread stores ERR and also OK (a different constant
 *     from the tested ERR: its setter is called with both);
 *   - drain: tested non-zero, the test establishes no one value, and main
 *     stores 0 (drain is one thread: main's store is the only other one);
 *   - bump: the value tested is computed from the value read (`v + 1 ==
 *     3`), not a copy of it: main's store of 3 is not what the thread saw
 *     (it saw 2);
 *   - io_thread: tested non-zero and then set to 1, not to the constant the
 *     test found missing;
 *   - trim: the missing constant is stored, but only under a second test of
 *     the value read (`v == 5`): not the same as an unconditional store;
 *   - start: `state == IDLE` tested, the lock dropped, RUNNING stored;
 *     finish stores DONE under its own test `state != RUNNING`, which IDLE
 *     satisfies: it may write in the gap;
 *   - arm: `phase == IDLE` tested and ARMED stored in two atomic steps;
 *     disarm stores DONE after an atomic test of ARMED, also in two steps:
 *     its test may come before arm's read, so its guard excuses nothing (a
 *     guard counts only in one critical section of the lock the pair
 *     splits). Disarm's own pair is quiet: its only other writer, arm,
 *     stores the ARMED it tested.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

enum { OK = 0, ERR = -1 };

static pthread_mutex_t scan_lock = PTHREAD_MUTEX_INITIALIZER;
static int scan_request;
static atomic_int fsync_status;
static atomic_int queued;
static atomic_int level;
static atomic_ulong pending[4];
static atomic_int slots;
static atomic_int stop;

enum { IDLE, RUNNING, DONE, ARMED };
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state = IDLE;
static atomic_int phase = IDLE;

static void scan_table(void) {}

static void *start(void *arg) {
    (void)arg;
    pthread_mutex_lock(&state_lock);
    if (state == IDLE) { // expect: atomicity-violation 'state'
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
    if (state != RUNNING) state = DONE;
    pthread_mutex_unlock(&state_lock);
    return NULL;
}

static void *arm(void *arg) {
    (void)arg;
    if (atomic_load(&phase) == IDLE) atomic_store(&phase, ARMED); // expect: atomicity-violation 'phase'
    return NULL;
}

static void *disarm(void *arg) {
    (void)arg;
    if (atomic_load(&phase) == ARMED) atomic_store(&phase, DONE);
    return NULL;
}

static void *scan_thread(void *arg) {
    (void)arg;
    pthread_mutex_lock(&scan_lock);
    while (!atomic_load(&stop)) {
        if (scan_request == -1) { // expect: atomicity-violation 'scan_request'
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
        scan_request = 1;
        pthread_mutex_unlock(&scan_lock);
    }
    return NULL;
}

static void set_status(int s) {
    atomic_store(&fsync_status, s);
}

static void *fsync_thread(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        if (rand() % 2) set_status(ERR);
        else set_status(OK);
    }
    return NULL;
}

static void reopen(void) {
    int st = atomic_load(&fsync_status); // expect: atomicity-violation 'fsync_status'
    if (st == ERR) atomic_store(&fsync_status, OK);
}

static void *drain(void *arg) {
    (void)arg;
    int q = atomic_load(&queued); // expect: atomicity-violation 'queued'
    if (q != 0) atomic_store(&queued, 3);
    return NULL;
}

static void *bump(void *arg) {
    (void)arg;
    int v = atomic_load(&level) + 1; // expect: atomicity-violation 'level'
    if (v == 3) atomic_store(&level, 7);
    return NULL;
}

static unsigned long get_pending(long i) {
    unsigned long count = 0;
    count = atomic_load(&pending[i]); // expect: atomicity-violation 'pending'
    return count;
}

static void set_pending(long i, unsigned long count) {
    atomic_store(&pending[i], count);
}

static void *io_thread(void *arg) {
    long id = (long)arg;
    while (!atomic_load(&stop)) {
        if (get_pending(id) == 0) continue;
        set_pending(id, 1);
    }
    return NULL;
}

static void *trim(void *arg) {
    (void)arg;
    int v = atomic_load(&slots); // expect: atomicity-violation 'slots'
    if (v != 0) {
        if (v == 5) atomic_store(&slots, 0);
    }
    return NULL;
}

int main(void) {
    pthread_t s, q, f, d, b, io[2], t[2], st, fi, ar, da;
    pthread_create(&st, NULL, start, NULL);
    pthread_create(&fi, NULL, finish, NULL);
    pthread_create(&ar, NULL, arm, NULL);
    pthread_create(&da, NULL, disarm, NULL);
    pthread_create(&s, NULL, scan_thread, NULL);
    pthread_create(&q, NULL, requester, NULL);
    pthread_create(&f, NULL, fsync_thread, NULL);
    pthread_create(&d, NULL, drain, NULL);
    pthread_create(&b, NULL, bump, NULL);
    for (long i = 0; i < 2; i++) pthread_create(&io[i], NULL, io_thread, (void *)i);
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, trim, NULL);
    reopen();
    atomic_store(&queued, 0);
    atomic_store(&level, 3);
    atomic_store(&slots, 3);
    for (long i = 0; i < 2; i++) set_pending(i, 5);
    atomic_store(&stop, 1);
    pthread_join(st, NULL);
    pthread_join(fi, NULL);
    pthread_join(ar, NULL);
    pthread_join(da, NULL);
    pthread_join(s, NULL);
    pthread_join(q, NULL);
    pthread_join(f, NULL);
    pthread_join(d, NULL);
    pthread_join(b, NULL);
    for (int i = 0; i < 2; i++) pthread_join(io[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
