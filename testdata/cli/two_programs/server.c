/* One of two programs in one folder (see client.c): racecheck warns that the
 * folder links two mains and analyses the first. */
#include <pthread.h>

static int requests;

static void *serve(void *arg) {
    (void)arg;
    requests++;
    return 0;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, serve, 0);
    pthread_join(t, 0);
    return requests;
}
