/*
 * fs_roles_racy.c - two different threads, a producer and a consumer, each
 * counting into its own constant slot of one array; the consumer's count
 * is in a helper called from its loop (the loop is the caller's).
 * data-race tells the two constant slots apart (rule const-slices: two
 * constant indices are different elements), so it does not report counts[0]
 * against counts[1]; false-sharing still does.
 */
#include <pthread.h>
#include <stdio.h>

enum { PRODUCED, CONSUMED, NCOUNTS };

static unsigned long counts[NCOUNTS];
static int ring[256];

static void *producer(void *arg) {
    (void)arg;
    for (int i = 0; i < 256; i++) {
        __atomic_store_n(&ring[i], i + 1, __ATOMIC_RELEASE);
        counts[PRODUCED]++; // expect: false-sharing 'counts[0]'
    }
    return NULL;
}

static void note_consumed(void) {
    counts[CONSUMED]++; // expect: false-sharing 'counts[1]'
}

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 256; i++) {
        while (!__atomic_load_n(&ring[i], __ATOMIC_ACQUIRE)) {
        }
        note_consumed();
    }
    return NULL;
}

int main(void) {
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("%lu %lu\n", counts[PRODUCED], counts[CONSUMED]);
    return 0;
}
