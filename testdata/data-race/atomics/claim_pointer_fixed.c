// expect-no-findings
/*
 * claim_pointer_fixed.c - workers claim items from an atomic counter and
 * fill the claimed item's slot through a pointer to it, taken once: `struct
 * slot *s = &slots[i]` (racecheck's own check_location keeps `iv =
 * &lj->involved[li]`), also a pointer to a member of the slot taken from
 * that pointer (`struct stats *st = &s->stats`), a slot of a job table
 * reached through a context, and helpers handed the slot's address
 * (`record(&slots[i])`, `record(s)`; check_location's involved_facts(p, iv)).
 * Each claim is a different item, so two
 * workers never touch one slot; main reads the slots after the joins.
 */
#include <pthread.h>
#include <stdatomic.h>

#define N 64
#define WORKERS 4

struct stats { long hits, misses; };
struct slot { long in, out; struct stats stats; };
struct table { struct slot *rows; atomic_size_t next; };

static struct slot slots[N];
static atomic_size_t next;
static struct table table;

static void record(struct slot *s, long v) {
    s->in = v;
    s->stats.misses++;
}

static void *worker(void *arg) {
    (void)arg;
    for (;;) {
        size_t i = atomic_fetch_add(&next, 1);
        if (i >= N) break;
        struct slot *s = &slots[i];
        s->out = s->in * 2;
        struct stats *st = &s->stats;
        st->hits++;
        record(s, 1);
        record(&slots[i], 2);
    }
    for (;;) {
        size_t k = atomic_fetch_add(&table.next, 1);
        if (k >= N) break;
        struct slot *row = &table.rows[k];
        row->out = row->in + 1;
    }
    return NULL;
}

int main(void) {
    static struct slot rows[N];
    table.rows = rows;
    pthread_t t[WORKERS];
    for (int w = 0; w < WORKERS; w++) pthread_create(&t[w], NULL, worker, NULL);
    for (int w = 0; w < WORKERS; w++) pthread_join(t[w], NULL);
    long sum = 0;
    for (int i = 0; i < N; i++) sum += slots[i].out + slots[i].stats.hits + rows[i].out;
    return (int)(sum & 1);
}
