/*
 * ll_fnptr_racy.c - request handlers called through a table of function
 * pointers; the PUT handler returns early on a full store with the store
 * lock held.
 */
#include <pthread.h>
#include <string.h>

static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static char store[8][32];
static int used;

static int handle_get(const char *arg) {
    int found = 0;
    pthread_mutex_lock(&store_lock);
    for (int i = 0; i < used; i++) found += !strcmp(store[i], arg);
    pthread_mutex_unlock(&store_lock);
    return found;
}

static int handle_put(const char *arg) {
    pthread_mutex_lock(&store_lock);
    if (used == 8) return -1; // expect: lock-leak 'store_lock'
    strncpy(store[used++], arg, 31);
    pthread_mutex_unlock(&store_lock);
    return 0;
}

static int (*const handlers[2])(const char *) = {handle_get, handle_put};

static void *conn(void *arg) {
    long op = (long)arg;
    return (void *)(long)handlers[op & 1]("key");
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, conn, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
