/*
 * stack_local_racy.c - main passes the address of its local struct to a
 * thread, then changes the input field before joining.
 *
 * main's `task.input = 8` may run while square reads task->input: a
 * write/read race on the input field of main's local. That write is the only
 * one involved (the first assignment precedes the create), so it is the
 * primary location. The output field is written by square and read by main
 * only after the join: no race on it.
 */
#include <pthread.h>
#include <stdio.h>

struct task {
    int input;
    long output;
};

static void *square(void *arg)
{
    struct task *task = arg;

    task->output = (long)task->input * task->input;
    return NULL;
}

int main(void)
{
    struct task task;
    pthread_t t;

    task.input = 7;
    task.output = 0;
    pthread_create(&t, NULL, square, &task);
    task.input = 8; // expect: data-race 'input'
    pthread_join(t, NULL);
    printf("square = %ld\n", task.output);
    return 0;
}
