/*
 * once_wrapper_racy.c - as once_wrapper_fixed.c, but the hook is also set
 * by set_hook(), which the workers call without the once or a lock: the
 * once orders the init routine's write, not these.
 *
 * TRUTH: one race on hook: set_hook()'s writes in the workers against each
 * other and against the reads.
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

static int thrice(int x)
{
    return 3 * x;
}

static void init_tables(void)
{
    for (int i = 0; i < 64; i++)
        squares[i] = i * i;
    hook = twice;
}

static void set_hook(int (*h)(int))
{
    hook = h; // expect: data-race 'hook'
}

static void *worker(void *arg)
{
    my_once(&tables_once, init_tables);
    set_hook(thrice);
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
