// expect-no-findings
/*
 * setjmp_longjmp_path_fixed.c - a helper that bails out with longjmp while
 * holding the queue lock never reaches its unlock: the path through the
 * longjmp ends there, it does not fall through to code after it. The
 * caller's error path (setjmp's second return) releases the lock.
 *
 * The longjmp ends its path: lock-leak sees no return from take() holding
 * the lock. The second return resumes with the lock take() holds at its
 * longjmp (its lock summary), so the error path's write and unlock hold
 * queue_lock. No finding.
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
        depth = 0;
        pthread_mutex_unlock(&queue_lock);
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
