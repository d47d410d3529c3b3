/*
 * av_value_limits_racy.c - known limits of the rule's reasoning about
 * values (docs/rules/atomicity-violation.md, known limits).
 *
 * Known false alarm: start() tests `state == IDLE` under the lock and,
 * after dropping it and taking it again, stores RUNNING; finish() stores
 * DONE, but only after testing `state == RUNNING` in the same critical
 * section. A finish() between start's test and its store would see IDLE
 * (nothing else writes in that gap) and store nothing, so it cannot
 * invalidate start's test. The rule excuses a writer that stores the
 * tested constant, not one whose own guard, in one region of the lock, is
 * incompatible with the test.
 *
 * Known false alarm: the scanner consumes a request (`mode == -1`, reset
 * to 0 after the scan, the lock dropped meanwhile); the starter adds
 * passes (`mode++`) but never while the scanner is busy, which a second
 * variable says (`busy`). A protocol on another variable is not followed
 * (memcached crawler.c, docs/real-world.md).
 */
#include <pthread.h>
#include <stdatomic.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
enum { IDLE, RUNNING, DONE };
static int state = IDLE;
static int mode;
static int busy;
static atomic_int stop;

static void prepare(void) {}

static void *start(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    if (state == IDLE) { // known-false-alarm: atomicity-violation 'state'
        pthread_mutex_unlock(&m);
        prepare();
        pthread_mutex_lock(&m);
        state = RUNNING;
    }
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *finish(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    if (state == RUNNING) state = DONE;
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *scanner(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    while (!atomic_load(&stop)) {
        if (mode == -1) { // known-false-alarm: atomicity-violation 'mode'
            busy = 1;
            pthread_mutex_unlock(&m);
            prepare();
            pthread_mutex_lock(&m);
            mode = 0;
            busy = 0;
        }
        pthread_mutex_unlock(&m);
        pthread_mutex_lock(&m);
    }
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *starter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    if (!busy) mode++;
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    pthread_t c, r, s, t;
    pthread_create(&c, NULL, start, NULL);
    pthread_create(&r, NULL, finish, NULL);
    pthread_create(&s, NULL, scanner, NULL);
    pthread_create(&t, NULL, starter, NULL);
    pthread_mutex_lock(&m);
    mode = -1;
    pthread_mutex_unlock(&m);
    atomic_store(&stop, 1);
    pthread_join(c, NULL);
    pthread_join(r, NULL);
    pthread_join(s, NULL);
    pthread_join(t, NULL);
    return 0;
}
