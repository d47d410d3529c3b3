/*
 * lock_pinned_global_fixed.c - a lock made afresh for each job by a
 * constructor (pigz's yarn new_lock()) and reached through a global pointer
 * (`g.state`, `more`): the allocation stands for many locks (the job runs
 * from two places), so a lock in it protects only as named through that
 * one pointer, which nobody changes while another thread may use it - main
 * stores a new lock only before it starts the job's worker, or where the
 * guard `more == NULL` shows the previous worker joined. Every access of
 * `g.len` and `out_len` holds the lock through the pointer.
 *
 * TRUTH: no race. Without pinned locks, `g.len` and `out_len` race.
 */
#include <pthread.h>
#include <stdlib.h>

// expect-no-findings

struct lock_s {
    pthread_mutex_t m;
    long value;
};

static struct lock_s *new_lock(long v)
{
    struct lock_s *b = malloc(sizeof *b);
    pthread_mutex_init(&b->m, NULL);
    b->value = v;
    return b;
}

static void possess(struct lock_s *b)
{
    pthread_mutex_lock(&b->m);
}

static void release(struct lock_s *b)
{
    pthread_mutex_unlock(&b->m);
}

struct {
    struct lock_s *state;
    long len;
} g;

static void *reader(void *arg)
{
    possess(g.state);
    g.len++;
    release(g.state);
    return arg;
}

static void run(void)
{
    pthread_t t;

    g.state = new_lock(0);
    pthread_create(&t, NULL, reader, NULL);
    possess(g.state);
    g.len++;
    release(g.state);
    pthread_join(t, NULL);
    free(g.state);
}

/* a worker started on the first call, joined and its lock dropped on the last */
static struct lock_s *more;
static long out_len;

static void *writer(void *arg)
{
    for (;;) {
        possess(more);
        long n = out_len;
        release(more);
        if (!n)
            break;
    }
    return arg;
}

static void outb(long len)
{
    static pthread_t wr;

    if (more == NULL) {
        more = new_lock(0);
        pthread_create(&wr, NULL, writer, NULL);
    }
    possess(more);
    out_len = len;
    release(more);
    if (len == 0 && more != NULL) {
        pthread_join(wr, NULL);
        free(more);
        more = NULL;
    }
}

static void first(void)
{
    run();
    for (long i = 1; i < 5; i++)
        outb(i);
    outb(0);
}

static void second(void)
{
    run();
    for (long i = 1; i < 3; i++)
        outb(i);
    outb(0);
}

int main(void)
{
    first();
    second();
    return 0;
}
