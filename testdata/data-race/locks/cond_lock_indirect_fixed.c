// expect-no-findings
/*
 * cond_lock_indirect_fixed.c - optional locking one call further down:
 * guard(mt) locks through a helper of its own (take()) only when its
 * caller says it runs multi-threaded, release(mt) unlocks the same way.
 * main fills the log single-threaded (mt = 0) before the workers start and
 * reads it after they end; every worker passes 1.
 *
 * TRUTH: no race: the workers' appends hold the mutex (guard(1) takes it
 * through take()), and main's unlocked ones come before or after them.
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
        log_buf[log_len++] = v;
    release(mt);
}

static void *worker(void *arg)
{
    append((int)(long)arg, 1);
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
