/*
 * se_early_return_racy.c - functions that start a thread with the address
 * of their own local and join it - but not on every path to a return: a
 * validation failure returns between the spawn and the join, and a
 * `goto out` past the join leaves the thread running too. On those paths
 * the frame ends while the thread may still read it.
 *
 * TRUTH: stack escapes of v and cfg.
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
    pthread_create(&t, NULL, reader, &v); // expect: stack-escape 'v'
    if (fail)
        return -1;
    pthread_join(t, NULL);
    return 0;
}

static int load(int n)
{
    struct config cfg = {n, 100};
    pthread_t t;
    int rc = 0;
    if (pthread_create(&t, NULL, loader, &cfg) != 0) // expect: stack-escape 'cfg'
        return -1;
    if (n < 0) {
        rc = -1;
        goto out;
    }
    pthread_join(t, NULL);
out:
    return rc;
}

int main(void)
{
    run(1);
    load(-1);
    return run(0) + load(2);
}
