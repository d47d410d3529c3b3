// expect-no-findings
/*
 * lock_caller_frame_fixed.c - a lock named through the thread's own
 * pointer, held across calls of helpers that are not given the pointer
 * (memcached's slab mover: `t = arg; pthread_mutex_lock(&t->lock); ...
 * slabs_reassign(...)` whose callees use a file-static cursor). The lock
 * lives in the one control block main allocates and hands to every mover;
 * in the helper it is still held, named in the mover's frame.
 *
 * TRUTH: no race: both movers touch `cursor` and `moved` only while holding
 * the one control block's lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct control {
    pthread_mutex_t lock;
    int rounds;
};

static int cursor;
static long moved;

static void advance(void)
{
    cursor = (cursor + 1) % 16;
}

static void pick(void)
{
    advance();
    moved++;
}

static void *mover(void *arg)
{
    struct control *t = arg;
    for (int r = 0; r < 4; r++) {
        pthread_mutex_lock(&t->lock);
        pick();
        t->rounds++;
        pthread_mutex_unlock(&t->lock);
    }
    return NULL;
}

int main(void)
{
    struct control *t = calloc(1, sizeof *t);
    pthread_t w[2];
    if (!t)
        return 1;
    pthread_mutex_init(&t->lock, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&w[i], NULL, mover, t);
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    free(t);
    return 0;
}
