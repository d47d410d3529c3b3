/*
 * refcount_instances_racy.c - as refcount_instances_fixed.c, but a worker
 * logs the buffer's length after dropping its reference: by then another
 * instance may have taken the count to zero and freed the buffer.
 *
 * TRUTH: a race between one instance's free (a write of the whole buffer)
 * and another instance's read of `len` after its own release. Instances
 * freeing the items each took off a queue do not race with one another;
 * an object all instances got from their one spawn is no such item.
 */
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
        free(buf); // expect: data-race 'buf'
    }
}

static void *worker(void *arg) {
    struct buffer *buf = arg;
    unsigned long sum = 0;
    for (size_t i = 0; i < 8; i++) sum += buf->data[i];
    buf_put(buf);
    printf("%zu bytes: %lu\n", buf->len, sum);
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
