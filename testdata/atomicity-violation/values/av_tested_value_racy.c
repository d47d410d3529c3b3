/*
 * av_tested_value_racy.c - the shapes of av_tested_value_fixed.c where
 * another thread's write can matter, so each is reported:
 *   - flusher: `dirty == 1` tested, the lock dropped while the queue is
 *     flushed, then reset to 0. The producer queues an item and stores 1,
 *     the very value tested: on `dirty` alone that is the serial order with
 *     the producer first, yet the item queued after the flush looked is
 *     never flushed (a lost notification). A writer storing the tested
 *     value is not excused;
 *   - sweeper: the same with the test written `pending_sweep != 0`: the
 *     reset stores the constant the test found missing, but after the
 *     sweep, so it is no unconditional store (an unconditional store
 *     would be made without the sweep in between);
 *   - reopen: an error status tested for ERR and reset to OK, while the
 *     fsync thread stores ERR (a new failure, wiped by the reset) or OK;
 *   - promote: the value tested is computed from the value read (`v + 1 ==
 *     2`: the level was 1), not a copy of it; demote stores 0 under its own
 *     test `level == 1` in one critical section, which holds in promote's
 *     gap: it may write there (taking the test for `level == 2` would
 *     excuse it);
 *   - io_thread: tested non-zero and then set to 1, not to the constant the
 *     test found missing;
 *   - trim: the missing constant is stored, but only under a second test of
 *     the value read (`v == 5`): not the same as an unconditional store;
 *   - start: `state == IDLE` tested, the lock dropped, RUNNING stored;
 *     finish stores DONE under its own test `state != RUNNING`, which IDLE
 *     satisfies: it may write in the gap;
 *   - watch: tested zero or not, then asserted positive (`if (v < 0)
 *     abort()`), then written: the assertion decides nothing, but the
 *     write stays dependent on the test before it;
 *   - arm: `phase == IDLE` tested and ARMED stored in two atomic steps;
 *     disarm stores DONE after an atomic test of ARMED, also in two steps:
 *     its test may come before arm's read, so its guard excuses nothing (a
 *     guard counts only in one critical section of the lock the pair
 *     splits). Disarm's own pair is reported too: arm stores the ARMED it
 *     tested, and such a writer is not excused (see flusher).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

enum { OK = 0, ERR = -1 };

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static int dirty;
static int pending_sweep;
static int queue_len;
static atomic_int fsync_status;
static pthread_mutex_t level_lock = PTHREAD_MUTEX_INITIALIZER;
static int level = 1;
static atomic_ulong pending[4];
static atomic_int slots;
static atomic_int stop;

enum { IDLE, RUNNING, DONE, ARMED };
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state = IDLE;
static atomic_int phase = IDLE;
static atomic_int mode_x;

static void prepare(void) {}

static void *start(void *arg) {
    (void)arg;
    pthread_mutex_lock(&state_lock);
    if (state == IDLE) { // expect: atomicity-violation 'state'
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
    if (state != RUNNING) state = DONE;
    pthread_mutex_unlock(&state_lock);
    return NULL;
}

static void *watch(void *arg) {
    (void)arg;
    int v = atomic_load(&mode_x); // expect: atomicity-violation 'mode_x'
    if (v == 0) return NULL;
    if (v < 0) abort();
    atomic_store(&mode_x, 5);
    return NULL;
}

static void *arm(void *arg) {
    (void)arg;
    if (atomic_load(&phase) == IDLE) atomic_store(&phase, ARMED); // expect: atomicity-violation 'phase'
    return NULL;
}

static void *disarm(void *arg) {
    (void)arg;
    if (atomic_load(&phase) == ARMED) atomic_store(&phase, DONE); // expect: atomicity-violation 'phase'
    return NULL;
}

static void flush_queue(void) {
    pthread_mutex_lock(&q_lock);
    queue_len = 0;
    pthread_mutex_unlock(&q_lock);
}

static void *flusher(void *arg) {
    (void)arg;
    pthread_mutex_lock(&q_lock);
    while (!atomic_load(&stop)) {
        if (dirty == 1) { // expect: atomicity-violation 'dirty'
            pthread_mutex_unlock(&q_lock);
            flush_queue();
            pthread_mutex_lock(&q_lock);
            dirty = 0;
        }
        pthread_mutex_unlock(&q_lock);
        pthread_mutex_lock(&q_lock);
    }
    pthread_mutex_unlock(&q_lock);
    return NULL;
}

static void *sweeper(void *arg) {
    (void)arg;
    pthread_mutex_lock(&q_lock);
    if (pending_sweep != 0) { // expect: atomicity-violation 'pending_sweep'
        pthread_mutex_unlock(&q_lock);
        flush_queue();
        pthread_mutex_lock(&q_lock);
        pending_sweep = 0;
    }
    pthread_mutex_unlock(&q_lock);
    return NULL;
}

static void *producer(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&q_lock);
        queue_len++;
        dirty = 1;
        pending_sweep = 1;
        pthread_mutex_unlock(&q_lock);
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

static void *promote(void *arg) {
    (void)arg;
    pthread_mutex_lock(&level_lock);
    int v = level + 1; // expect: atomicity-violation 'level'
    if (v == 2) {
        pthread_mutex_unlock(&level_lock);
        prepare();
        pthread_mutex_lock(&level_lock);
        level = 2;
    }
    pthread_mutex_unlock(&level_lock);
    return NULL;
}

static void *demote(void *arg) {
    (void)arg;
    pthread_mutex_lock(&level_lock);
    if (level == 1) level = 0;
    pthread_mutex_unlock(&level_lock);
    return NULL;
}

static unsigned long get_pending(long i) {
    unsigned long count = 0;
    count = atomic_load(&pending[i]); // expect: atomicity-violation 'pending'
    return count;
}

static void set_pending(long i, unsigned long count) {
    atomic_store(&pending[i], count); // expect: false-sharing 'pending[i]'
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
    pthread_t s, q, sw, f, d, b, io[2], t[2], st, fi, ar, da, wa;
    pthread_create(&st, NULL, start, NULL);
    pthread_create(&fi, NULL, finish, NULL);
    pthread_create(&ar, NULL, arm, NULL);
    pthread_create(&wa, NULL, watch, NULL);
    atomic_store(&mode_x, 3);
    pthread_create(&da, NULL, disarm, NULL);
    pthread_create(&s, NULL, flusher, NULL);
    pthread_create(&q, NULL, producer, NULL);
    pthread_create(&sw, NULL, sweeper, NULL);
    pthread_create(&f, NULL, fsync_thread, NULL);
    pthread_create(&d, NULL, promote, NULL);
    pthread_create(&b, NULL, demote, NULL);
    for (long i = 0; i < 2; i++) pthread_create(&io[i], NULL, io_thread, (void *)i);
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, trim, NULL);
    reopen();
    atomic_store(&slots, 3);
    for (long i = 0; i < 2; i++) set_pending(i, 5);
    atomic_store(&stop, 1);
    pthread_join(st, NULL);
    pthread_join(fi, NULL);
    pthread_join(ar, NULL);
    pthread_join(wa, NULL);
    pthread_join(da, NULL);
    pthread_join(s, NULL);
    pthread_join(q, NULL);
    pthread_join(sw, NULL);
    pthread_join(f, NULL);
    pthread_join(d, NULL);
    pthread_join(b, NULL);
    for (int i = 0; i < 2; i++) pthread_join(io[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
