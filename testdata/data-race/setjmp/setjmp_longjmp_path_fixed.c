/*
 * setjmp_longjmp_path_fixed.c - a helper that bails out with longjmp while
 * holding the queue lock never reaches its unlock: the path through the
 * longjmp ends there, it does not fall through to code after it. The
 * caller's error path (setjmp's second return) releases the lock.
 *
 * The longjmp ends its path: lock-leak sees no return from take() holding
 * the lock. TRUTH: no finding - every access to depth holds the lock.
 * racecheck takes the second return's locks from the caller's side of the
 * call that longjmps (none held at `take(&env)`); the lock take() holds at
 * its longjmp is not carried back, so the error path looks unlocked (known
 * false alarms, docs/precision.md).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int depth;

static void take(jmp_buf *env)
{
    pthread_mutex_lock(&queue_lock);
    if (depth == 0)
        longjmp(*env, 1);
    depth--;
    pthread_mutex_unlock(&queue_lock);
}

static void *consumer(void *arg)
{
    (void)arg;
    jmp_buf env;
    if (setjmp(env) == 0) {
        take(&env);
    } else {
        depth = 0; // known-false-alarm: data-race 'depth'
        pthread_mutex_unlock(&queue_lock); // known-false-alarm: unlock-not-held 'queue_lock'
    }
    return NULL;
}

static void *producer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_lock);
    depth++;
    pthread_mutex_unlock(&queue_lock);
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("%d\n", depth);
    return 0;
}
