/*
 * inflate_back_racy.c - zlib's inflateBack calls back the program's input
 * and output functions in the calling thread (rules/zlib.json). Two
 * threads inflating at once both run `put()`, whose count of all bytes
 * written is shared: a race. The prototype is declared here as zlib.h
 * declares it, so the test needs no zlib headers.
 */
#include <pthread.h>
#include <stddef.h>

typedef unsigned (*in_func)(void *, const unsigned char **);
typedef int (*out_func)(void *, unsigned char *, unsigned);
int inflateBack(void *strm, in_func in, void *in_desc, out_func out, void *out_desc);

static unsigned long written; /* every stream's bytes */

static unsigned get(void *desc, const unsigned char **buf) {
    (void)desc;
    *buf = NULL;
    return 0;
}

static int put(void *desc, unsigned char *buf, unsigned len) {
    (void)desc;
    (void)buf;
    written += len; // expect: data-race 'written'
    return 0;
}

static void *inflater(void *arg) {
    inflateBack(arg, get, NULL, put, NULL);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, inflater, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
