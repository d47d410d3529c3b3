/*
 * sem_unpaired_post_racy.c - a semaphore initialised to 1 guards a cache
 * size, taken and released by the readers around each update. A watchdog
 * thread "unsticks" the semaphore with a sem_post it never waited for, after
 * a grace period. It never touches the cache itself.
 *
 * TRUTH: a race on cache_size. The watchdog's post is not balanced by a
 * wait before it in the same thread, so the count can reach 2: two readers
 * then update cache_size at the same time.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

#define N 3

static sem_t guard;
static long cache_size;

static void *reader(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        sem_wait(&guard);
        cache_size += 64; // expect: data-race 'cache_size'
        sem_post(&guard);
    }
    return NULL;
}

static void *watchdog(void *arg)
{
    (void)arg;
    usleep(1000);
    sem_post(&guard); /* BUG: a post without a wait */
    return NULL;
}

int main(void)
{
    pthread_t t[N], w;

    sem_init(&guard, 0, 1);
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, reader, NULL);
    pthread_create(&w, NULL, watchdog, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(w, NULL);
    printf("%ld\n", cache_size);
    sem_destroy(&guard);
    return 0;
}
