/*
 * se_fnptr_fixed.c - the launcher called through a function pointer is a
 * scoped one: it joins the task before returning, so the caller's local
 * request outlives the thread.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

struct request {
    int n;
};

typedef void (*launch_fn)(void *(*)(void *), void *);

static void *task(void *arg) {
    struct request *r = arg;
    printf("%d\n", r->n);
    return NULL;
}

static void launch_scoped(void *(*fn)(void *), void *arg) {
    pthread_t t;
    pthread_create(&t, NULL, fn, arg);
    pthread_join(t, NULL);
}

static launch_fn launcher = launch_scoped;

static void handle(int n) {
    struct request req = {n};
    launcher(task, &req);
}

int main(void) {
    handle(7);
    return 0;
}
