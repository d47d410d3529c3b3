// expect-no-findings
/*
 * fnptr_designated_fixed.c - handler tables written with designated
 * initialisers (`[OP_COUNT] = { .name = ..., .fn = ... }`, `.ops.fn = ...`),
 * as memcached's log-entry table and most modern C do. The worker calls only
 * the handlers of its own table, which lock; main's handler writes `total`,
 * which only main touches. Each designator must put the function in the
 * field it names: lowered by position, `.fn` of the first table would land
 * in `name`, the worker's pointer would point nowhere and racecheck would
 * fall back to every function of that type - main's handler included - and
 * report `total`.
 */
#include <pthread.h>
#include <stdio.h>

enum { OP_NONE, OP_COUNT, OP_RESET, OP_MAX };

struct handler {
    const char *name;
    int flags;
    void (*fn)(void);
};

struct module {
    int id;
    struct handler ops;
};

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long count, total;

static void do_count(void) { pthread_mutex_lock(&m); count++; pthread_mutex_unlock(&m); }
static void do_reset(void) { pthread_mutex_lock(&m); count = 0; pthread_mutex_unlock(&m); }
static void do_report(void) { total += 1; }

static const struct handler worker_ops[OP_MAX] = {
    [OP_RESET] = { .fn = do_reset, .name = "reset" },
    [OP_COUNT] = { .name = "count", .flags = 1, .fn = do_count },
};

static const struct handler main_ops[] = {
    { .name = "report", .fn = do_report },
};

static const struct module mod = { .ops.fn = do_count, .id = 7 };

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        worker_ops[OP_COUNT].fn();
        worker_ops[OP_RESET].fn();
        mod.ops.fn();
    }
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL);
    main_ops[0].fn();
    total++;
    pthread_join(t, NULL);
    printf("%ld %ld\n", count, total);
    return 0;
}
