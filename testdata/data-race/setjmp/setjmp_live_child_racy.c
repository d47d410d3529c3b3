/*
 * setjmp_live_child_racy.c - a thread started between a setjmp and the
 * longjmp back to it is still running where the longjmp lands (pigz's
 * try/catch around compression, whose workers outlive a throw):
 *  - start_then_fail() starts `worker` and longjmps; the error branch
 *    counts `counter` before it joins the worker, which counts it too;
 *  - helper_starts() starts `logger` in a callee that returns, and only
 *    then does the function longjmp: `logged` is written in the error
 *    branch while the logger writes it.
 * `done` is written only after the joins: no race.
 *
 * TRUTH: races on counter and logged.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static long counter, logged, done;
static pthread_t t, l;

static void *worker(void *arg)
{
    counter++; // expect: data-race 'counter'
    return arg;
}

static void *logger(void *arg)
{
    logged = 1; // expect: data-race 'logged'
    return arg;
}

static void start_then_fail(void)
{
    pthread_create(&t, NULL, worker, NULL);
    longjmp(env, 1);
}

static void helper_starts(void)
{
    pthread_create(&l, NULL, logger, NULL);
}

static void run(int how)
{
    if (how)
        start_then_fail();
    helper_starts();
    longjmp(env, 2);
}

int main(int argc, char **argv)
{
    (void)argv;
    int code = setjmp(env);
    if (code == 0) {
        run(argc > 1);
    } else {
        counter++;
        logged = 2;
        if (code == 1)
            pthread_join(t, NULL);
        else
            pthread_join(l, NULL);
    }
    done = 1;
    printf("%ld %ld %ld\n", counter, logged, done);
    return 0;
}
