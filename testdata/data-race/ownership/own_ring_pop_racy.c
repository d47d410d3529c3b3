/*
 * own_ring_pop_racy.c - takes from a bounded buffer of pointers that move
 * nothing out of it: the cursor advanced only after the unlock (another
 * consumer may take the same item in between), a peek that never
 * advances it, advancing a cursor the slot was not indexed by, and a take
 * starting from NULL that advances the cursor on some paths only.
 *
 * TRUTH: races on the items' fields written after each take, between the
 * consumers that may hold one item at once; the late cursor step also
 * races on `late_head` itself.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 8

struct item { int id; long a, b, c; };

static struct item *buf[N];
static int head, late_head, other;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *late(void *arg) {
    pthread_mutex_lock(&m);
    struct item *it = buf[late_head];
    pthread_mutex_unlock(&m);
    late_head = (late_head + 1) % N; // expect: data-race 'late_head'
    it->a = it->id; // expect: data-race 'it->a'
    return arg;
}

static void *peek(void *arg) {
    pthread_mutex_lock(&m);
    struct item *it = buf[head];
    pthread_mutex_unlock(&m);
    it->b = it->id; // expect: data-race 'it->b'
    return arg;
}

static int count, strict;
static struct item *take_some(void) {
    struct item *it = NULL;
    pthread_mutex_lock(&m);
    if (count) {
        it = buf[head];
        if (strict) head = (head + 1) % N;
    }
    pthread_mutex_unlock(&m);
    return it;
}

static void *sometimes(void *arg) {
    struct item *it = take_some();
    if (it) it->id++; // expect: data-race 'it->id'
    return arg;
}

static void *wrong_cursor(void *arg) {
    pthread_mutex_lock(&m);
    struct item *it = buf[head];
    other = (other + 1) % N;
    pthread_mutex_unlock(&m);
    it->c = it->id; // expect: data-race 'it->c'
    return arg;
}

int main(void) {
    for (int i = 0; i < N; i++) {
        buf[i] = calloc(1, sizeof(struct item));
        if (!buf[i]) return 1;
    }
    pthread_t t[8];
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[4 * i], NULL, late, NULL);
        pthread_create(&t[4 * i + 1], NULL, peek, NULL);
        pthread_create(&t[4 * i + 2], NULL, wrong_cursor, NULL);
        pthread_create(&t[4 * i + 3], NULL, sometimes, NULL);
    }
    for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
    return 0;
}
