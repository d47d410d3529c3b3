/*
 * fs_members_racy.c - members of one global struct, each written in a hot
 * loop by its own thread: a sender counts `wire.sent`, a receiver counts
 * `wire.received` (8 bytes apart), and two workers bump the members of a
 * nested struct `totals.io.reads` / `totals.io.writes` - the second in a
 * helper called from its loop.
 *
 * TRUTH: no data race (each member has one writer; main reads after the
 * joins), but false sharing: the members written fall in one 64-byte line.
 */
#include <pthread.h>
#include <stdio.h>

static struct {
    long sent;
    long received;
} wire;

static struct {
    int id;
    struct {
        unsigned reads;
        unsigned writes;
    } io;
} totals;

static void *sender(void *arg) {
    (void)arg;
    for (int i = 0; i < 100000; i++)
        wire.sent++; // expect: false-sharing 'wire.sent'
    return NULL;
}

static void *receiver(void *arg) {
    (void)arg;
    for (int i = 0; i < 100000; i++)
        wire.received++; // expect: false-sharing 'wire.received'
    return NULL;
}

static void *reader(void *arg) {
    (void)arg;
    for (int i = 0; i < 100000; i++)
        totals.io.reads += 2; // expect: false-sharing 'totals.io.reads'
    return NULL;
}

static void count_write(void) {
    totals.io.writes++; // expect: false-sharing 'totals.io.writes'
}

static void *writer(void *arg) {
    (void)arg;
    for (int i = 0; i < 100000; i++) count_write();
    return NULL;
}

int main(void) {
    pthread_t t[4];
    pthread_create(&t[0], NULL, sender, NULL);
    pthread_create(&t[1], NULL, receiver, NULL);
    pthread_create(&t[2], NULL, reader, NULL);
    pthread_create(&t[3], NULL, writer, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("%ld %ld %u %u\n", wire.sent, wire.received, totals.io.reads, totals.io.writes);
    return 0;
}
