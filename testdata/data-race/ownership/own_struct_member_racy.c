/*
 * own_struct_member_racy.c - own_struct_member_fixed.c's fill when the
 * buffer is published before it is filled: its pointer copied out of the
 * member into a global that readers use without the lock, and the struct
 * stored whole before the fill. Then the fill writes what another thread
 * may be reading.
 *
 * TRUTH: the fills race with the readers (slots, and the whole-struct
 * publication's buffer), and so do the unlocked publications (latest,
 * current.slots).
 */
#include <pthread.h>
#include <stdlib.h>

struct table {
    int *slots;
    size_t cap;
};

static int *latest;
static struct table current;

static void build_early_pointer(size_t cap) {
    struct table n = {calloc(cap, sizeof(int)), cap};
    if (!n.slots)
        return;
    latest = n.slots; // expect: data-race 'latest'
    for (size_t i = 0; i < cap; i++)
        n.slots[i] = (int)i; // expect: data-race 'n.slots[i]'
}

static void build_early_struct(size_t cap) {
    struct table n = {calloc(cap, sizeof(int)), cap};
    if (!n.slots)
        return;
    current = n; // expect: data-race 'current.slots'
    for (size_t i = 0; i < cap; i++)
        n.slots[i] = 2 * (int)i; // expect: data-race 'n.slots[i]'
}

static void *builder(void *arg) {
    build_early_pointer(16);
    build_early_struct(16);
    return arg;
}

static void *reader(void *arg) {
    int v = 0;
    if (latest)
        v += latest[0];
    if (current.slots)
        v += current.slots[0];
    return (void *)(long)v;
}

int main(void) {
    pthread_t a, r;
    pthread_create(&a, NULL, builder, NULL);
    pthread_create(&r, NULL, reader, NULL);
    pthread_join(a, NULL);
    pthread_join(r, NULL);
    return 0;
}
