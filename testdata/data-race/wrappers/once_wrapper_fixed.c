// expect-no-findings
/*
 * once_wrapper_fixed.c - a program's own once primitive (libuv's
 * uv_once(): `if (pthread_once(guard, callback)) abort();`). It forwards
 * its parameters unchanged to pthread_once, so it is a once wrapper: each
 * call runs the init routine at most once, before every return of every
 * call with the same control. The workers read the table and the hook the
 * routine filled in.
 *
 * TRUTH: no race: init_tables() runs once, before any worker's reads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef pthread_once_t my_once_t;

void my_once(my_once_t *guard, void (*callback)(void))
{
    if (pthread_once(guard, callback))
        abort();
}

static my_once_t tables_once = PTHREAD_ONCE_INIT;
static int squares[64];
static int (*hook)(int);

static int twice(int x)
{
    return 2 * x;
}

static void init_tables(void)
{
    for (int i = 0; i < 64; i++)
        squares[i] = i * i;
    hook = twice;
}

static void *worker(void *arg)
{
    my_once(&tables_once, init_tables);
    long sum = 0;
    for (int i = 0; i < 64; i++)
        sum += hook(squares[i]);
    printf("%ld\n", sum);
    return arg;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
