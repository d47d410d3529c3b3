/*
 * cond_lock_indirect_racy.c - optional locking one call further down:
 * guard(mt) locks through a helper of its own (take()) only when its
 * caller says it runs multi-threaded, release(mt) unlocks the same way.
 * main fills the log single-threaded (mt = 0) before the workers start and
 * reads it after they end; every worker passes 1.
 *
 * Here one worker passes 0 too.
 *
 * TRUTH: a race on log_len and log_buf between that worker's unlocked
 * append and the others' locked ones.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int log_len;
static int log_buf[256];

static void take(void) { pthread_mutex_lock(&m); }
static void give(void) { pthread_mutex_unlock(&m); }

static void guard(int mt)
{
    if (mt)
        take();
}

static void release(int mt)
{
    if (mt)
        give();
}

static void append(int v, int mt)
{
    guard(mt);
    if (log_len < 256)
        log_buf[log_len++] = v; // expect: data-race 'log_len'; data-race 'log_buf[?]'
    release(mt);
}

static void *worker(void *arg)
{
    append((int)(long)arg, arg != 0);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    append(-1, 0);
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    append(-2, 0);
    return log_len;
}
