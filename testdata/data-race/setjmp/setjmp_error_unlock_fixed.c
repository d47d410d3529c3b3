// expect-no-findings
/*
 * setjmp_error_unlock_fixed.c - a request parser reports malformed input by
 * longjmp back to the handler's setjmp, always with the table lock held
 * (the handler took it before parsing). The handler's error path, the
 * second return of setjmp, counts the error and releases the lock.
 *
 * On the second return the lock is held (it is held at every longjmp that
 * comes back), so the error counter is protected and the unlock releases
 * a held lock. No finding. (Taking the state at the setjmp for the error
 * path, as if setjmp returned once, reports the counter and the unlock.)
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static long entries;
static long errors;
static void parse_error(jmp_buf *env)
{
    longjmp(*env, 1);
}

static void parse_line(const char *line, jmp_buf *env)
{
    if (line[0] == '#')
        parse_error(env);
    entries++;
}

static int handle(const char *line)
{
    jmp_buf env;
    if (setjmp(env)) {
        errors++;
        pthread_mutex_unlock(&table_lock);
        return -1;
    }
    pthread_mutex_lock(&table_lock);
    parse_line(line, &env);
    pthread_mutex_unlock(&table_lock);
    return 0;
}

static void *worker(void *arg)
{
    handle(arg);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    pthread_create(&t[0], NULL, worker, "a=1");
    pthread_create(&t[1], NULL, worker, "#bad");
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("%ld %ld\n", entries, errors);
    return 0;
}
