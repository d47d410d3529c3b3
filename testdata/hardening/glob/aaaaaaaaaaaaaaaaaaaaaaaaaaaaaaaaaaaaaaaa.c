/*
 * A file named with 40 a's, selected by the globs of .racecheck.json beside
 * it (issue 14.2): matching them must take linear time, not exponential.
 */
#include <pthread.h>

int counter;

static void *worker(void *arg)
{
    counter++; // expect: data-race 'counter'
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    counter++;
    pthread_join(t, NULL);
    return 0;
}
