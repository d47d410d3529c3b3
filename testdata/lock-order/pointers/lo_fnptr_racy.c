/*
 * lo_fnptr_racy.c - operations dispatched through a table of function
 * pointers by several instances of one worker: "move" locks src then dst,
 * "swap" dst then src (three locks: a cycle through every pair is found
 * from both orders).
 */
#include <pthread.h>

static pthread_mutex_t src_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t dst_lock = PTHREAD_MUTEX_INITIALIZER;
static long src, dst;

static void op_move(void) {
    pthread_mutex_lock(&src_lock);
    pthread_mutex_lock(&dst_lock); // expect: lock-order 'dst_lock'
    dst += src;
    src = 0;
    pthread_mutex_unlock(&dst_lock);
    pthread_mutex_unlock(&src_lock);
}

static void op_swap(void) {
    pthread_mutex_lock(&dst_lock);
    pthread_mutex_lock(&src_lock); // expect: lock-order 'src_lock'
    long t = src;
    src = dst;
    dst = t;
    pthread_mutex_unlock(&src_lock);
    pthread_mutex_unlock(&dst_lock);
}

static void (*const ops[2])(void) = {op_move, op_swap};

static void *worker(void *arg) {
    ops[(long)arg & 1]();
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return (int)(src + dst);
}
