/*
 * registry_mixed_racy.c - one generic registry of `void *` slots holds
 * seventy callbacks and one record (plugin tables, dictionaries of module
 * functions, event-handler maps keep both kinds). A worker and main read
 * the record back through a `struct stats *` and count in it unlocked, and
 * both call callback 42 through a function pointer read from the registry:
 * two races. A `struct stats *` cannot hold a function's address, so that
 * pointer has one target, the record (were the callbacks kept in its set it
 * would have more than 64 and its accesses would go unchecked: the race
 * missed); a function pointer holds only the callbacks.
 */
#include <pthread.h>

struct stats { long hits; };

static struct stats totals;
static long fired;
static void *slots[128];

static void put(int i, void *v) { slots[i] = v; }
static void *get(int i) { return slots[i]; }

#define CB(n) static void cb##n(void) { if (n == 42) fired++; }
#define CB10(d) CB(d##0) CB(d##1) CB(d##2) CB(d##3) CB(d##4) CB(d##5) CB(d##6) CB(d##7) CB(d##8) CB(d##9)
CB10(1) CB10(2) CB10(3) CB10(4) CB10(5) CB10(6) CB10(7) // expect: data-race 'fired'

#define REG(n) put(n, (void *)cb##n);
#define REG10(d) REG(d##0) REG(d##1) REG(d##2) REG(d##3) REG(d##4) REG(d##5) REG(d##6) REG(d##7) REG(d##8) REG(d##9)

static void count(void) {
    struct stats *s = get(100);
    s->hits++; // expect: data-race 's->hits'
    void (*fn)(void) = (void (*)(void))get(42);
    fn();
}

static void *worker(void *arg) {
    count();
    return arg;
}

int main(void) {
    REG10(1) REG10(2) REG10(3) REG10(4) REG10(5) REG10(6) REG10(7)
    put(100, &totals);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    count();
    pthread_join(t, NULL);
    return 0;
}
