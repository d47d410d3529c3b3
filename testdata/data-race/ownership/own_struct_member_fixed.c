// expect-no-findings
/*
 * own_struct_member_fixed.c - a fresh buffer held in a member of a local
 * struct (`struct table n = {calloc(..), cap}`, racecheck's own map
 * rehash) is filled through the member, then the struct is published whole
 * under the lock. Two threads build tables at once: each fill touches the
 * buffer its own call allocated, before anyone else can reach it - also
 * when the struct's address goes to a helper that keeps nothing (a lookup
 * reading it). The reader takes what was published under the same lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct table {
    int *slots;
    size_t cap;
};

static struct table current;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_for(const struct table *t, int key) {
    return (size_t)key % t->cap;
}

static void build(size_t cap) {
    struct table n = {calloc(cap, sizeof(int)), cap};
    if (!n.slots)
        return;
    for (size_t i = 0; i < cap; i++)
        n.slots[slot_for(&n, (int)i)] = (int)i;
    pthread_mutex_lock(&lock);
    current = n;
    pthread_mutex_unlock(&lock);
}

static void *builder(void *arg) {
    build(16);
    return arg;
}

static void *reader(void *arg) {
    int v = 0;
    pthread_mutex_lock(&lock);
    if (current.slots)
        v = current.slots[0];
    pthread_mutex_unlock(&lock);
    return (void *)(long)v;
}

int main(void) {
    pthread_t a, b, r;
    pthread_create(&a, NULL, builder, NULL);
    pthread_create(&b, NULL, builder, NULL);
    pthread_create(&r, NULL, reader, NULL);
    build(8);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(r, NULL);
    return 0;
}
