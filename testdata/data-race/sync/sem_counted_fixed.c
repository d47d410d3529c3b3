// expect-no-findings
/*
 * sem_counted_fixed.c - a counting semaphore as a join: N detached
 * workers each post `done` once after writing their result; main waits
 * on it once per worker (a loop over the same range as the create loop)
 * and then reads every result. The same with a bound in a variable.
 *
 * TRUTH: no race: main's N waits return only after N posts, and each
 * worker posts once, after its write.
 */
#include <pthread.h>
#include <semaphore.h>

#define N 4

static long res[N], more[16];
static sem_t done, done2;

static void *worker(void *arg)
{
    long i = (long)arg;
    res[i] = i * i;
    sem_post(&done);
    return NULL;
}

static void *worker2(void *arg)
{
    long i = (long)arg;
    more[i] = i + 1;
    sem_post(&done2);
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t t[N], u[16];
    int n = argc > 8 ? 16 : 8;
    sem_init(&done, 0, 0);
    sem_init(&done2, 0, 0);
    for (long i = 0; i < N; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
        pthread_detach(t[i]);
    }
    for (int i = 0; i < N; i++)
        sem_wait(&done);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += res[i];
    for (long i = 0; i < n; i++) {
        pthread_create(&u[i], NULL, worker2, (void *)i);
        pthread_detach(u[i]);
    }
    for (int i = 0; i < n; i++)
        sem_wait(&done2);
    for (int i = 0; i < n; i++)
        sum += more[i];
    return sum > 0 ? 0 : 1;
}
