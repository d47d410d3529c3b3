/*
 * zlib_stream_racy.c - zlib's stream functions read and write the z_stream
 * they are given (rules/zlib.json): two threads compressing through one
 * stream without a lock race on it, and a checksum of a buffer another
 * thread is still filling reads it while it is written. The declarations
 * are zlib.h's, written here, so the test needs no zlib headers.
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
unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned len);

static z_stream shared;           /* one stream for both compressors */
static unsigned char block[4096]; /* filled by main while the checker reads it */
static unsigned long check;

static void *compressor(void *arg) {
    (void)arg;
    deflate(&shared, 0); // expect: data-race 'shared'
    return NULL;
}

static void *checker(void *arg) {
    (void)arg;
    check = crc32(0, block, sizeof block);
    return NULL;
}

int main(void) {
    pthread_t t[2], c;
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, compressor, NULL);
    pthread_create(&c, NULL, checker, NULL);
    for (unsigned i = 0; i < sizeof block; i++) block[i] = (unsigned char)i; // expect: data-race 'block[i]'
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    pthread_join(c, NULL);
    return (int)check;
}
