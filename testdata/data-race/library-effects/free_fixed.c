// expect-no-findings
/*
 * free_fixed.c - free_racy.c with the free after the join: the worker's
 * read of msg->len happens before it.
 */
#include <pthread.h>
#include <stdlib.h>

struct msg {
    size_t len;
    char *data;
};

static size_t total;

static void *worker(void *arg)
{
    struct msg *m = arg;
    total += m->len;
    return NULL;
}

int main(void)
{
    struct msg *msg = calloc(1, sizeof *msg);
    pthread_t t;
    if (!msg)
        return 1;
    pthread_create(&t, NULL, worker, msg);
    pthread_join(t, NULL);
    free(msg);
    return (int)total;
}
