// expect-no-findings
/*
 * inflate_back_fixed.c - inflate_back_racy.c with each stream's count kept
 * in the stream's own output descriptor: inflateBack hands `put()` the
 * out_desc its caller passed (rules/zlib.json), each thread's own.
 */
#include <pthread.h>
#include <stddef.h>

typedef unsigned (*in_func)(void *, const unsigned char **);
typedef int (*out_func)(void *, unsigned char *, unsigned);
int inflateBack(void *strm, in_func in, void *in_desc, out_func out, void *out_desc);

struct sink {
    unsigned long written;
};

static unsigned get(void *desc, const unsigned char **buf) {
    (void)desc;
    *buf = NULL;
    return 0;
}

static int put(void *desc, unsigned char *buf, unsigned len) {
    struct sink *s = desc;
    (void)buf;
    s->written += len;
    return 0;
}

static void *inflater(void *arg) {
    struct sink mine = {0};
    inflateBack(arg, get, NULL, put, &mine);
    return (void *)mine.written;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, inflater, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
