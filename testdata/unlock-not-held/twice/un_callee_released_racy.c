/*
 * un_callee_released_racy.c - a worker takes the stats lock and calls
 * flush(), which releases it on every path (it unlocks, then writes the
 * log without the lock) - and then unlocks the lock itself: a second
 * unlock of a mutex it no longer holds. The same through a helper that
 * releases the caller's lock through its parameter.
 *
 * TRUTH: unlock-not-held at both callers' unlocks.
 */
#include <pthread.h>
#include <stdio.h>

struct stats {
    pthread_mutex_t lock;
    long hits;
};

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits;
static struct stats st = {PTHREAD_MUTEX_INITIALIZER, 0};

static void flush(void)
{
    long h = hits;
    pthread_mutex_unlock(&stats_lock);
    printf("%ld\n", h);
}

static void drop(struct stats *s)
{
    pthread_mutex_unlock(&s->lock);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&stats_lock);
    hits++;
    flush();
    pthread_mutex_unlock(&stats_lock); // expect: unlock-not-held 'stats_lock'
    pthread_mutex_lock(&st.lock);
    st.hits++;
    drop(&st);
    pthread_mutex_unlock(&st.lock); // expect: unlock-not-held 'st.lock'
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
