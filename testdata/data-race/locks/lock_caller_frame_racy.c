/*
 * lock_caller_frame_racy.c - the movers of lock_caller_frame_fixed.c, but
 * each gets a control block of its own (allocated in main's loop), and a
 * third thread uses a mutex on its own stack. A lock named through the
 * thread's pointer is still held in the helpers it calls; here it is a
 * different lock in each thread, so it protects nothing shared.
 *
 * TRUTH: racy. Each mover locks its own block's lock, and the checker its
 * private one, around the same updates of `cursor` and `moved`.
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
    cursor = (cursor + 1) % 16; // expect: data-race 'cursor'
}

static void pick(void)
{
    advance();
    moved++; // expect: data-race 'moved'
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

static void *checker(void *arg)
{
    pthread_mutex_t mine;
    pthread_mutex_init(&mine, NULL);
    pthread_mutex_lock(&mine);
    pick();
    pthread_mutex_unlock(&mine);
    return arg;
}

int main(void)
{
    struct control *t[2];
    pthread_t w[2], c;
    for (int i = 0; i < 2; i++) {
        t[i] = calloc(1, sizeof *t[i]);
        if (!t[i])
            return 1;
        pthread_mutex_init(&t[i]->lock, NULL);
        pthread_create(&w[i], NULL, mover, t[i]);
    }
    pthread_create(&c, NULL, checker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    pthread_join(c, NULL);
    return 0;
}
