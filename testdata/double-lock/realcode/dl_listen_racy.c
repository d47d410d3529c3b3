/*
 * dl_listen_racy.c - dl_listen_fixed.c's listener, with the retry handler
 * armed by a call passing a real descriptor (0, stdin, taken for the
 * marker): when there is room again the handler turns accepting back on
 * while set_accepting still holds the listener lock - the thread waits for
 * itself.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t listen_mu = PTHREAD_MUTEX_INITIALIZER;
static bool accepting = true;
static volatile bool room_again;
static long switches;
static int retry_armed;

void set_accepting(bool on);

static void retry_handler(int fd, void *arg) {
    (void)arg;
    if (fd == -1 || !room_again) {
        retry_armed = 1; /* poll again later */
    } else {
        retry_armed = 0;
        set_accepting(true);
    }
}

static void switch_listeners(bool on) {
    switches++;
    if (on) {
        accepting = true;
    } else {
        accepting = false;
        retry_handler(0, NULL);
    }
}

void set_accepting(bool on) {
    pthread_mutex_lock(&listen_mu);
    switch_listeners(on); // expect: double-lock 'listen_mu'
    pthread_mutex_unlock(&listen_mu);
}

static void *conn_worker(void *arg) {
    (void)arg;
    set_accepting(false);
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, conn_worker, NULL);
    pthread_join(t, NULL);
    room_again = true;
    retry_handler(7, NULL); /* the event loop, later */
    printf("%d %ld\n", retry_armed, switches);
    return 0;
}
