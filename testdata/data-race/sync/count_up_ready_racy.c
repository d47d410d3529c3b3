/*
 * count_up_ready_racy.c - as count_up_ready_fixed.c (workers register by
 * raising `ready` under the mutex; main waits until ready reaches the
 * number of workers, then reads every slot), but a worker fills in its
 * slot only after registering.
 *
 * TRUTH: a race on slots[].fd: main may read a slot its worker has not
 * written yet. The workers' write is the only write (primary location).
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

    pthread_mutex_lock(&reg);
    ready++;
    pthread_cond_signal(&reg_cv);
    pthread_mutex_unlock(&reg);
    slots[id].fd = (int)id + 3; // expect: data-race 'fd'
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
