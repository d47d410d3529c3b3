/*
 * claim_pointer_racy.c - pointers to slots that are not surely the claimed
 * item's own (claim_pointer_fixed.c is the safe form): a slot chosen by
 * half the claim (`&slots[i / 2]`: two claims share it), a pointer moved
 * to the neighbour (`s[1]`), and a pointer assigned twice (the second time
 * to slot 0, which every worker may take), and a helper handed a claimed
 * slot by one call and a shared one by another (what a parameter holds is
 * what every call passes).
 */
#include <pthread.h>
#include <stdatomic.h>

#define N 64
#define WORKERS 4

struct slot { long in, out, extra; };

static struct slot halves[N], pairs[N + 1], reset[N];
static atomic_size_t next;

static struct slot notes[N], shared_note;

static void note(struct slot *s) {
    s->extra++; // expect: data-race 's->extra'
}

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        size_t i = atomic_fetch_add(&next, 1);
        if (i >= N) break;
        struct slot *h = &halves[i / 2];
        h->out += 1; // expect: data-race 'h->out'
        struct slot *q = &pairs[i];
        q[1].extra = (long)i; // expect: data-race 'q[1].extra'
        struct slot *r = &reset[i];
        if (r->in < 0) r = &reset[0];
        r->out = 1; // expect: data-race 'r->out'
        note(&notes[i]);
        note(&shared_note);
    }
    return NULL;
}

int main(void) {
    pthread_t t[WORKERS];
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, worker, NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    return 0;
}
