/*
 * varargs_racy.c - pointers handed through the variadic part of the
 * program's own functions: a setter stores what va_arg gives into a
 * global slot, the workers go through it.
 * - set_target(OPT_COUNTER, &hits): the workers increment *counter with no
 *   lock;
 * - a logger keeps the last buffer it was given (`last = va_arg(ap, char
 *   *)`) and a worker writes into it while main writes the same buffer.
 *
 * TRUTH: races on hits (through counter) and on line (through last).
 */
#include <pthread.h>
#include <stdarg.h>

enum { OPT_COUNTER, OPT_NONE };

static int *counter;
static char *last;
static int hits;
static char line[32];

static void set_target(int option, ...)
{
    va_list ap;
    va_start(ap, option);
    if (option == OPT_COUNTER)
        counter = va_arg(ap, int *);
    va_end(ap);
}

static void remember(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    last = va_arg(ap, char *);
    va_end(ap);
}

static void *worker(void *arg)
{
    (void)arg;
    (*counter)++; // expect: data-race '*counter'
    last[0] = 'w'; // expect: data-race 'last[0]'
    return NULL;
}

int main(void)
{
    set_target(OPT_COUNTER, &hits);
    remember("%s", line);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    line[0] = 'm';
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return hits;
}
