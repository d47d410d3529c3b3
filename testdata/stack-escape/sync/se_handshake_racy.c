/*
 * se_handshake_racy.c - the handshake of se_handshake_fixed.c, but the
 * worker reads the local's settings again after it posted: by then the
 * start function may have returned and its frame be gone.
 *
 * TRUTH: one stack-escape, st.
 */
#include <pthread.h>
#include <semaphore.h>

struct start {
    sem_t ready;
    int level;
};

static void *worker(void *arg)
{
    struct start *st = arg;
    sem_post(&st->ready);
    return (void *)(long)st->level; /* after the post: a dead frame */
}

static void start_pool(int level)
{
    struct start st;
    st.level = level;
    sem_init(&st.ready, 0, 0);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, worker, &st); // expect: stack-escape 'st'
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
