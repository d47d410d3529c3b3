/*
 * av_value_limits_racy.c - known limits of the rule's reasoning about
 * values (docs/rules/atomicity-violation.md, known limits).
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
static int mode;
static int busy;
static atomic_int stop;

static void prepare(void) {}

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
    pthread_t s, t;
    pthread_create(&s, NULL, scanner, NULL);
    pthread_create(&t, NULL, starter, NULL);
    pthread_mutex_lock(&m);
    mode = -1;
    pthread_mutex_unlock(&m);
    atomic_store(&stop, 1);
    pthread_join(s, NULL);
    pthread_join(t, NULL);
    return 0;
}
