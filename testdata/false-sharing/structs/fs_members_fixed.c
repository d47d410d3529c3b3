/*
 * fs_members_fixed.c - members of global structs written by different
 * threads, with no false sharing:
 * - each member aligned to its own 64-byte line (`_Alignas(64)`);
 * - members written once, not in a loop (`done.sender = 1`);
 * - members written in loops under one lock both threads hold (the writes
 *   never run at once);
 * - a member both threads only read in their loops.
 *
 * TRUTH: no race and no false sharing.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

static struct {
    _Alignas(64) long sent;
    _Alignas(64) long received;
} wire;

static struct {
    int sender;
    int receiver;
} done;

static struct {
    pthread_mutex_t m;
    long a;
    long b;
} locked = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static struct {
    long limit;
    long pad;
} config = {100000, 0};

static void *sender(void *arg) {
    (void)arg;
    for (long i = 0; i < config.limit; i++) {
        wire.sent++;
        pthread_mutex_lock(&locked.m);
        locked.a++;
        pthread_mutex_unlock(&locked.m);
    }
    done.sender = 1;
    return NULL;
}

static void *receiver(void *arg) {
    (void)arg;
    for (long i = 0; i < config.limit; i++) {
        wire.received++;
        pthread_mutex_lock(&locked.m);
        locked.b++;
        pthread_mutex_unlock(&locked.m);
    }
    done.receiver = 1;
    return NULL;
}

int main(void) {
    pthread_t s, r;
    pthread_create(&s, NULL, sender, NULL);
    pthread_create(&r, NULL, receiver, NULL);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    printf("%ld %ld %d %d %ld %ld\n", wire.sent, wire.received, done.sender, done.receiver, locked.a, locked.b);
    return 0;
}
