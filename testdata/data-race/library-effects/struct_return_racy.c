/*
 * struct_return_racy.c - a worker takes a snapshot of the shared counters
 * by returning the struct by value, and passes it by value to a function,
 * while main updates one field.
 *
 * `return counters;` and `report(counters)` read every field of counters,
 * so both conflict with main's counters.errors++ (no lock in common): a
 * race on counters.errors, primary at main's write (the only write).
 */
#include <pthread.h>

struct counters {
    long requests;
    long errors;
};

static struct counters counters;
static long last;

static struct counters snapshot(void)
{
    return counters;
}

static void report(struct counters c)
{
    last = c.requests + c.errors;
}

static void *worker(void *arg)
{
    (void)arg;
    struct counters c = snapshot();
    last = c.errors;
    report(counters);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    counters.errors++; // expect: data-race 'counters.errors'
    pthread_join(t, NULL);
    return (int)last;
}
