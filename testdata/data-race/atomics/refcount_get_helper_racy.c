/*
 * refcount_get_helper_racy.c - as refcount_get_helper_fixed.c, but main
 * reads the message's length after dropping its own reference: by then a
 * thread may have taken the count to zero and freed it.
 *
 * TRUTH: a race between a thread's free and main's late read.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct message {
    int refs;
    size_t len;
    char payload[32];
};

static void msg_get(struct message *o) { __atomic_fetch_add(&o->refs, 1, __ATOMIC_RELAXED); }

static void msg_put(struct message *o) {
    if (__atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) == 0) free(o); // expect: data-race 'o'
}

static void *sender(void *arg) {
    struct message *m = arg;
    fwrite(m->payload, 1, m->len, stdout);
    msg_put(m);
    return NULL;
}

static void *archiver(void *arg) {
    struct message *m = arg;
    long sum = 0;
    for (size_t i = 0; i < m->len; i++) sum += m->payload[i];
    msg_put(m);
    return (void *)sum;
}

int main(void) {
    struct message *m = calloc(1, sizeof *m);
    if (!m) return 1;
    m->refs = 1;
    m->len = (size_t)snprintf(m->payload, sizeof m->payload, "hello");
    pthread_t s, a;
    msg_get(m);
    pthread_create(&s, NULL, sender, m);
    msg_get(m);
    pthread_create(&a, NULL, archiver, m);
    msg_put(m);
    printf("%zu\n", m->len);
    pthread_join(s, NULL);
    pthread_join(a, NULL);
    return 0;
}
