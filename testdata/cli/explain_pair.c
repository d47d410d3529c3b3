/* --explain-pair: one pair of accesses per ordering rule (testdata/cli/CMakeLists.txt). */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

struct job { int input; int output; };

static int config;            /* written before the spawn: creation */
static int result;            /* read after the join: join */
static int handed;            /* posted, then waited for: semaphore */
static int counter;           /* no ordering, no lock: a race */
static int guarded;           /* one lock at both: protected */
static int data[4];           /* indexed by each instance's own id */
static sem_t ready;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
    struct job *j = arg;
    int c = config;
    result = c + j->input;
    return NULL;
}

static void *producer(void *arg) {
    (void)arg;
    handed = 42;
    sem_post(&ready);
    counter++;
    pthread_mutex_lock(&m);
    guarded++;
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *instance(void *arg) {
    long id = (long)arg;
    data[id] = 1;
    return NULL;
}

int main(void) {
    pthread_t t, p, w[4];
    sem_init(&ready, 0, 0);
    config = 1;
    struct job *j = malloc(sizeof *j);
    j->input = 2;
    pthread_create(&t, NULL, worker, j);
    pthread_join(t, NULL);
    int r = result;
    pthread_create(&p, NULL, producer, NULL);
    sem_wait(&ready);
    int h = handed;
    counter++;
    pthread_mutex_lock(&m);
    guarded++;
    pthread_mutex_unlock(&m);
    for (long i = 0; i < 4; i++) pthread_create(&w[i], NULL, instance, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(w[i], NULL);
    pthread_join(p, NULL);
    free(j);
    return r + h;
}
