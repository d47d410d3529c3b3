// expect-no-findings
/*
 * stack_local_fixed.c - main passes the address of its local struct to a
 * thread and touches the struct only before the create and after the join.
 *
 * The local's address escapes into the thread, so it is shared memory, but
 * main's writes precede pthread_create and its read and write follow
 * pthread_join. The frame outlives the thread (joined before return).
 * No finding.
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
    pthread_join(t, NULL);
    printf("%d^2 = %ld\n", task.input, task.output);
    task.input = 8; /* after the join: the thread is gone */
    return 0;
}
