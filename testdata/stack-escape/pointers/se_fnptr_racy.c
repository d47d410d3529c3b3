/*
 * se_fnptr_racy.c - a pluggable "launcher" called through a function
 * pointer: the async launcher starts the task on its own thread and
 * returns at once; the caller's local request goes with it.
 */
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

static void launch_async(void *(*fn)(void *), void *arg) {
    pthread_t t;
    pthread_create(&t, NULL, fn, arg); // expect: stack-escape 'req'
    pthread_detach(t);
}

static launch_fn launcher = launch_async;

static void handle(int n) {
    struct request req = {n};
    launcher(task, &req);
}

int main(void) {
    handle(7);
    return 0;
}
