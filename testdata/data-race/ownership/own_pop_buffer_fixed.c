/*
 * own_pop_buffer_fixed.c - a pool of buffers on a free list: a worker takes
 * one off under the pool lock (buf_get, a pop function), fills its array
 * through library calls given an address inside it (`snprintf(b->data,
 * ..)`, `memset(b->tail, ..)`), reads it back element by element, and puts
 * it back under the lock.
 *
 * TRUTH: no data race - between the get and the put a buffer is its
 * worker's alone (popped), the library calls' writes included.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
    struct buf *next;
    size_t len;
    char data[64];
    char tail[16];
};

static struct buf *free_list;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_avail = PTHREAD_COND_INITIALIZER;

static struct buf *buf_get(void) {
    pthread_mutex_lock(&pool_lock);
    while (!free_list) pthread_cond_wait(&pool_avail, &pool_lock);
    struct buf *b = free_list;
    free_list = b->next;
    pthread_mutex_unlock(&pool_lock);
    return b;
}

static void buf_put(struct buf *b) {
    pthread_mutex_lock(&pool_lock);
    b->next = free_list;
    free_list = b;
    pthread_cond_signal(&pool_avail);
    pthread_mutex_unlock(&pool_lock);
}

static void *worker(void *arg) {
    int id = (int)(long)arg;
    unsigned long check = 0;
    for (int i = 0; i < 100; i++) {
        struct buf *b = buf_get();
        b->len = (size_t)snprintf(b->data, sizeof b->data, "worker %d msg %d", id, i);
        memset(b->tail, id, sizeof b->tail);
        for (size_t k = 0; k < b->len && k < sizeof b->data; k++) check += (unsigned char)b->data[k];
        check += (unsigned char)b->tail[3];
        buf_put(b);
    }
    return (void *)check;
}

int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 2; i++) {
        struct buf *b = calloc(1, sizeof *b);
        if (!b) return 1;
        b->next = free_list;
        free_list = b;
    }
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    while (free_list) {
        struct buf *b = free_list;
        free_list = b->next;
        free(b);
    }
    return 0;
}
