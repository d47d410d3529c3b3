// racecheck-args: --library
/*
 * cv_library_primitive_racy.c - analysing the library that implements a
 * modelled API (libuv's uv_cond_timedwait, rules/libuv.json: a cond-wait)
 * with `--library`, where every exported function is a thread entry. The
 * primitive's own wait is in no loop (the timeout is computed first, so it
 * is no plain wrapper): the predicate loop belongs to the library's users,
 * who call it as the modelled wait; the library itself does not call it
 * (libuv's own queue waits with pthread directly, as queue_take does
 * here). The primitive is not an entry of its own
 * (cv_library_primitive_fixed.c); queue_take, an exported function of the
 * library, waits under an `if`: a consumer woken with the item already
 * taken decrements an empty queue.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

typedef pthread_cond_t uv_cond_t;
typedef pthread_mutex_t uv_mutex_t;

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int uv_cond_timedwait(uv_cond_t *cond, uv_mutex_t *mutex, uint64_t timeout) {
    struct timespec ts;
    timeout += now_ns();
    ts.tv_sec = (time_t)(timeout / 1000000000u);
    ts.tv_nsec = (long)(timeout % 1000000000u);
    int r = pthread_cond_timedwait(cond, mutex, &ts);
    if (r == 0) return 0;
    if (r == ETIMEDOUT) return -ETIMEDOUT;
    abort();
}

static uv_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static uv_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static int count;

int queue_take(void) {
    pthread_mutex_lock(&queue_lock);
    if (count == 0)
        pthread_cond_wait(&queue_cond, &queue_lock); // expect: condvar-wait-not-in-loop 'queue_cond'
    int got = count > 0;
    if (got) count--;
    pthread_mutex_unlock(&queue_lock);
    return got;
}

void queue_put(void) {
    pthread_mutex_lock(&queue_lock);
    count++;
    pthread_cond_signal(&queue_cond);
    pthread_mutex_unlock(&queue_lock);
}
