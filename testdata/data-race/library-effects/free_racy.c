/*
 * free_racy.c - main frees a message while the worker it handed the
 * message to still reads its length: a use after move.
 *
 * free(msg) is a write of every field of the object (rules/libc-effects.json,
 * effect "free"), in main, unordered with the worker's read of msg->len:
 * a race on the heap object's field len, primary at the free (the only
 * write).
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
    free(msg); // expect: data-race 'msg->len'
    pthread_join(t, NULL);
    return (int)total;
}
