/*
 * setjmp_skip_unlock_racy.c - the handler sets up its error return while
 * holding the lock, but releases the lock before parsing; the parser's
 * longjmp therefore comes back without it, and the error path updates the
 * shared error counter believing the lock is still held.
 *
 * TRUTH: a race on errors: the second return of setjmp resumes with the
 * locks of the longjmp (none), not those held when setjmp was called, so
 * the two workers' error paths may update errors at once. The primary
 * location is that write. (Taking the state at the setjmp for the error
 * path misses the race.) The unlock on the error path releases a lock the
 * thread does not hold: a real bug too, reported by unlock-not-held as a
 * second unlock (handle() unlocked it before the parse the jump leaves).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static long errors;

static void parse_line(const char *line, jmp_buf *env)
{
    if (line[0] == '#')
        longjmp(*env, 1);
}

static int handle(const char *line)
{
    jmp_buf env;
    pthread_mutex_lock(&table_lock);
    if (setjmp(env) != 0) {
        errors++; // expect: data-race 'errors'
        pthread_mutex_unlock(&table_lock); // expect: unlock-not-held 'table_lock'
        return -1;
    }
    pthread_mutex_unlock(&table_lock);
    parse_line(line, &env);
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
    pthread_create(&t[0], NULL, worker, "#x");
    pthread_create(&t[1], NULL, worker, "#bad");
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("%ld\n", errors);
    return 0;
}
