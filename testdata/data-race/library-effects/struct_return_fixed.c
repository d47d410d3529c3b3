// expect-no-findings
/*
 * struct_return_fixed.c - struct_return_racy.c with the snapshot and the
 * copy passed to report() taken under counters_lock, which main holds for
 * its update.
 */
#include <pthread.h>

struct counters {
    long requests;
    long errors;
};

static struct counters counters;
static long last;
static pthread_mutex_t counters_lock = PTHREAD_MUTEX_INITIALIZER;

static struct counters snapshot(void)
{
    pthread_mutex_lock(&counters_lock);
    struct counters c = counters;
    pthread_mutex_unlock(&counters_lock);
    return c;
}

static void report(struct counters c)
{
    last = c.requests + c.errors;
}

static void *worker(void *arg)
{
    (void)arg;
    struct counters c = snapshot();
    last = c.errors;
    report(c);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&counters_lock);
    counters.errors++;
    pthread_mutex_unlock(&counters_lock);
    pthread_join(t, NULL);
    return (int)last;
}
