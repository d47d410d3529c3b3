// racecheck-args: --library
// expect-no-findings
/*
 * library_own_semaphore.c - a library that implements its own semaphore
 * (libuv's uv_sem_* on glibc: a mutex, a condition variable and a count)
 * and uses it for a start-up handshake: the first lib_start() starts a
 * worker (once, behind a flag set under a lock), which fills in `ready_at`
 * and posts; lib_start() waits, then reads it. The
 * bundled libuv rules model uv_sem_post and uv_sem_wait; analysing the
 * library itself, its own definitions are at their calls what the models
 * say: a post happens before the wait it wakes.
 *
 * TRUTH: no race. Analysing the semaphore functions' bodies at their calls
 * instead, lib_start()'s uv_sem_init() reaches the same count as the
 * exported uv_sem_init() entry (a parameter merges both), and its unlocked
 * write of it races with the worker's locked post: a false alarm on the
 * library's own primitive.
 */
#include <pthread.h>

typedef struct {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    unsigned value;
} uv_sem_t;

int uv_sem_init(uv_sem_t *sem, unsigned value)
{
    pthread_mutex_init(&sem->mutex, NULL);
    pthread_cond_init(&sem->cond, NULL);
    sem->value = value;
    return 0;
}

void uv_sem_post(uv_sem_t *sem)
{
    pthread_mutex_lock(&sem->mutex);
    sem->value++;
    if (sem->value == 1)
        pthread_cond_signal(&sem->cond);
    pthread_mutex_unlock(&sem->mutex);
}

void uv_sem_wait(uv_sem_t *sem)
{
    pthread_mutex_lock(&sem->mutex);
    while (sem->value == 0)
        pthread_cond_wait(&sem->cond, &sem->mutex);
    sem->value--;
    pthread_mutex_unlock(&sem->mutex);
}

static uv_sem_t started;
static long ready_at;

static void *worker(void *arg)
{
    ready_at = 42;
    uv_sem_post(&started);
    return arg;
}

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static int started_flag;

long lib_start(void)
{
    static pthread_t t;
    long v = 0;
    pthread_mutex_lock(&start_lock);
    if (!started_flag) {
        started_flag = 1;
        uv_sem_init(&started, 0);
        pthread_create(&t, NULL, worker, NULL);
        uv_sem_wait(&started);
        v = ready_at;
    }
    pthread_mutex_unlock(&start_lock);
    return v;
}
