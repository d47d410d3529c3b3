/*
 * refcount_instances_fixed.c - one buffer handed to every instance of a
 * worker by its one spawn, with a reference per instance: each worker sums
 * the bytes, then drops its reference; the one that takes the count to zero
 * frees the buffer.
 *
 * TRUTH: no race. Every access of a worker comes before its own release
 * (an acq_rel fetch-sub), and the free comes after the last release, which
 * every other release precedes (rule last-release).
 */
// expect-no-findings
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define NT 4

struct buffer {
    atomic_int refs;
    size_t len;
    unsigned char *data;
};

static void buf_put(struct buffer *buf) {
    if (atomic_fetch_sub(&buf->refs, 1) == 1) {
        free(buf->data);
        free(buf);
    }
}

static void *worker(void *arg) {
    struct buffer *buf = arg;
    unsigned long sum = 0;
    for (size_t i = 0; i < buf->len; i++) sum += buf->data[i];
    printf("%zu bytes: %lu\n", buf->len, sum);
    buf_put(buf);
    return NULL;
}

int main(void) {
    pthread_t t[NT];
    struct buffer *buf = malloc(sizeof *buf);
    if (!buf) return 1;
    buf->len = 64;
    buf->data = calloc(buf->len, 1);
    atomic_init(&buf->refs, NT);
    for (int i = 0; i < NT; i++) pthread_create(&t[i], NULL, worker, buf);
    for (int i = 0; i < NT; i++) pthread_join(t[i], NULL);
    return 0;
}
