/*
 * se_handshake_fixed.c - a start-up handshake (libuv's init_threads): the
 * pool's start function hands each worker the address of a local
 * `struct start` holding a semaphore and the worker's settings, and waits
 * on that semaphore once per worker before it returns. Each worker copies
 * what it needs and posts; it never touches the local again. The workers
 * are never joined (they serve the process until it ends) - the borrow of
 * the frame ends at the post the frame waits for.
 *
 * TRUTH: no stack-escape.
 */
#include <pthread.h>
#include <semaphore.h>

// expect-no-findings

struct start {
    sem_t ready;
    int level;
};

static void *worker(void *arg)
{
    struct start *st = arg;
    long level = st->level;
    sem_post(&st->ready);
    return (void *)level;
}

static void start_pool(int level)
{
    struct start st;
    st.level = level;
    sem_init(&st.ready, 0, 0);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, worker, &st);
        pthread_detach(t[i]);
    }
    for (int i = 0; i < 4; i++)
        sem_wait(&st.ready);
    sem_destroy(&st.ready);
}

int main(void)
{
    start_pool(2);
    return 0;
}
