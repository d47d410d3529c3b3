/*
 * se_early_return_fixed.c - se_early_return_racy.c's functions joining on
 * every path: the early return joins first, the `goto out` lands before
 * the join; a create that failed returns at once (no thread has the
 * local), and a thread started only on some paths is joined under the
 * same flag.
 *
 * TRUTH: no stack escape: every path from a successful create to a return
 * joins the thread.
 * Known false alarm: maybe()'s started flag is a local of a function
 * called twice - the model takes a flag for the thread's only when it is
 * one object (once.c: a global, or a local of a function run once), so on
 * its zero edge the thread may be running still.
 */
#include <pthread.h>

struct config {
    int workers;
    int timeout;
};

static void *reader(void *arg)
{
    return (void *)(long)*(int *)arg;
}

static void *loader(void *arg)
{
    struct config *c = arg;
    return (void *)(long)(c->workers + c->timeout);
}

static int run(int fail)
{
    int v = 42;
    pthread_t t;
    pthread_create(&t, NULL, reader, &v);
    if (fail) {
        pthread_join(t, NULL);
        return -1;
    }
    pthread_join(t, NULL);
    return 0;
}

static int load(int n)
{
    struct config cfg = {n, 100};
    pthread_t t;
    int rc = 0;
    if (pthread_create(&t, NULL, loader, &cfg) != 0)
        return -1;
    if (n < 0) {
        rc = -1;
        goto out;
    }
    rc = 1;
out:
    pthread_join(t, NULL);
    return rc;
}

static int maybe(int want)
{
    int v = 7;
    pthread_t t;
    int started = 0;
    if (want && pthread_create(&t, NULL, reader, &v) == 0) // known-false-alarm: stack-escape 'v'
        started = 1;
    if (started)
        pthread_join(t, NULL);
    return v;
}

int main(void)
{
    run(1);
    load(-1);
    maybe(0);
    return run(0) + load(2) + maybe(1);
}
