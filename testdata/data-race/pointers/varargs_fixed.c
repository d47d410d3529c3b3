// expect-no-findings
/*
 * varargs_fixed.c - varargs_racy.c with the counter reached through the
 * variadic setter incremented under a lock, and the remembered buffer
 * written by main only, after the joins.
 *
 * TRUTH: no race: every access of hits holds m; main writes line after
 * joining the workers, which do not touch it.
 */
#include <pthread.h>
#include <stdarg.h>

enum { OPT_COUNTER, OPT_NONE };

static int *counter;
static char *last;
static int hits;
static char line[32];
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

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
    pthread_mutex_lock(&m);
    (*counter)++;
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void)
{
    set_target(OPT_COUNTER, &hits);
    remember("%s", line);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    last[0] = 'm';
    return hits;
}
