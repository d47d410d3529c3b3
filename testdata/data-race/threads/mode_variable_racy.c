/*
 * mode_variable_racy.c - mode facts that end before the test they would
 * decide: the worker's code executes commands as main does.
 *
 *  - after its test of `op`, worker_lock takes a mutex: main may have
 *    changed `op` under it, so the worker's `if (op != OP_IDLE)` has both
 *    edges, and `locked_cmds` is written by both threads (main outside
 *    the lock);
 *  - worker_reset stores into `op2` through a helper (set_idle) before
 *    the test: it may run its commands (`reset_cmds`);
 *  - `vop` is volatile: a signal handler may change it at any time, so
 *    no fact is kept (`volatile_cmds`).
 *
 * TRUTH: races on locked_cmds, reset_cmds and volatile_cmds (and on the
 * modes themselves, which main stores while the workers read them).
 */
#include <pthread.h>
#include <stdio.h>

enum { OP_IDLE, OP_READ };

static int op, op2;
static volatile int vop;
static long locked_cmds, reset_cmds, volatile_cmds;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void process_locked(void)
{
    if (op != OP_IDLE)
        return;
    locked_cmds++; // expect: data-race 'locked_cmds'
}

static void set_idle(void)
{
    op2 = OP_IDLE; // expect: data-race 'op2'
}

static void process_reset(void)
{
    if (op2 != OP_IDLE)
        return;
    reset_cmds++; // expect: data-race 'reset_cmds'
}

static void process_volatile(void)
{
    if (vop != OP_IDLE)
        return;
    volatile_cmds++; // expect: data-race 'volatile_cmds'
}

static void *worker_lock(void *arg)
{
    (void)arg;
    if (op == OP_READ) {
        pthread_mutex_lock(&m);
        pthread_mutex_unlock(&m);
        process_locked();
    }
    return NULL;
}

static void *worker_reset(void *arg)
{
    (void)arg;
    if (op2 == OP_READ) {
        set_idle();
        process_reset();
    }
    return NULL;
}

static void *worker_volatile(void *arg)
{
    (void)arg;
    if (vop == OP_READ)
        process_volatile();
    return NULL;
}

int main(void)
{
    pthread_t t[3];

    op = op2 = vop = OP_READ;
    pthread_create(&t[0], NULL, worker_lock, NULL);
    pthread_create(&t[1], NULL, worker_reset, NULL);
    pthread_create(&t[2], NULL, worker_volatile, NULL);
    pthread_mutex_lock(&m);
    op = OP_IDLE; // expect: data-race 'op'
    pthread_mutex_unlock(&m);
    vop = OP_IDLE; // expect: data-race 'vop'
    process_locked();
    process_reset();
    process_volatile();
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld %ld\n", locked_cmds, reset_cmds, volatile_cmds);
    return 0;
}
