// expect-no-findings
/*
 * zlib_stream_fixed.c - zlib_stream_racy.c made right: each compressor has
 * a stream of its own, and the checksum is taken after the buffer is filled
 * and handed over by the thread's creation. The stream functions' and the
 * checksum's accesses (rules/zlib.json) then meet nothing.
 */
#include <pthread.h>
#include <stddef.h>

typedef struct z_stream_s {
    const unsigned char *next_in;
    unsigned avail_in;
    unsigned long total_in;
    unsigned char *next_out;
    unsigned avail_out;
    unsigned long total_out;
    const char *msg;
    void *state;
} z_stream;

int deflate(z_stream *strm, int flush);
int deflateEnd(z_stream *strm);
unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned len);

static unsigned char block[4096];
static unsigned long check;

static void *compressor(void *arg) {
    (void)arg;
    z_stream own = {0};
    deflate(&own, 0);
    deflateEnd(&own);
    return NULL;
}

static void *checker(void *arg) {
    (void)arg;
    check = crc32(0, block, sizeof block);
    return NULL;
}

int main(void) {
    pthread_t t[2], c;
    for (unsigned i = 0; i < sizeof block; i++) block[i] = (unsigned char)i;
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, compressor, NULL);
    pthread_create(&c, NULL, checker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    pthread_join(c, NULL);
    return (int)check;
}
