// expect-no-findings
/*
 * count_up_ready_fixed.c - start-up registration: each worker sets up its
 * own slot of `slots`, then raises `ready` under the mutex and signals;
 * main waits with `while (ready < nworkers) pthread_cond_wait(...)` and then
 * reads every slot. The workers keep running (detached).
 *
 * TRUTH: no race: a worker's set-up comes before its increment, and main
 * leaves the wait only after the last increment (it reads ready under the
 * mutex). A count up to the number of workers is a join of their set-up.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct slot { int fd; long served; };

static pthread_mutex_t reg = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reg_cv = PTHREAD_COND_INITIALIZER;
static int ready;
static struct slot *slots;

static void *worker(void *arg)
{
    long id = (long)arg;

    slots[id].fd = (int)id + 3;
    pthread_mutex_lock(&reg);
    ready++;
    pthread_cond_signal(&reg_cv);
    pthread_mutex_unlock(&reg);
    return NULL;
}

int main(int argc, char **argv)
{
    int nworkers = argc > 1 ? atoi(argv[1]) : 4;
    long fds = 0;

    slots = calloc((size_t)nworkers, sizeof *slots);
    if (!slots)
        return 1;
    for (long i = 0; i < nworkers; i++) {
        pthread_t t;

        pthread_create(&t, NULL, worker, (void *)i);
        pthread_detach(t);
    }
    pthread_mutex_lock(&reg);
    while (ready < nworkers)
        pthread_cond_wait(&reg_cv, &reg);
    pthread_mutex_unlock(&reg);
    for (int i = 0; i < nworkers; i++)
        fds += slots[i].fd;
    printf("%ld\n", fds);
    return 0;
}
