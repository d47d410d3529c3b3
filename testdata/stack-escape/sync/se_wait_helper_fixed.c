/*
 * se_wait_helper_fixed.c - the start-up handshake of se_handshake_fixed.c
 * with the project's own semaphore helpers, as libuv's init_threads has
 * them: the start function hands each worker the address of its local
 * semaphore through a spawn helper taking the routine as a parameter,
 * waits through a helper that retries the wait and picks an
 * implementation at run time (the wait two calls down), and each worker
 * posts through a helper and never touches the local again. The borrow of
 * the frame ends at the post the frame waits for.
 *
 * TRUTH: no stack-escape.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

// expect-no-findings

typedef sem_t my_sem_t;
static int use_fallback;

static void my_sem_post(my_sem_t *s) {
    if (sem_post(s))
        abort();
}

static void plain_wait(my_sem_t *s) {
    int r;
    do
        r = sem_wait(s);
    while (r == -1);
}

static void fallback_wait(my_sem_t *s) {
    while (sem_trywait(s) != 0)
        ;
}

static void my_sem_wait(my_sem_t *s) {
    if (use_fallback)
        fallback_wait(s);
    else
        plain_wait(s);
}

typedef void (*entry_t)(void *);

static int create_ex(pthread_t *tid, entry_t entry, void *arg) {
    union { entry_t in; void *(*out)(void *); } f;
    f.in = entry;
    return pthread_create(tid, NULL, f.out, arg);
}

static void worker(void *arg) {
    my_sem_post((my_sem_t *)arg);
    arg = NULL;
    for (;;)
        ;
}

static pthread_t threads[4];

static void init_threads(void) {
    my_sem_t sem;
    if (sem_init(&sem, 0, 0))
        abort();
    for (int i = 0; i < 4; i++)
        if (create_ex(threads + i, worker, &sem))
            abort();
    for (int i = 0; i < 4; i++)
        my_sem_wait(&sem);
    sem_destroy(&sem);
}

int main(void) {
    init_threads();
    return use_fallback;
}
