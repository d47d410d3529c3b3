// expect-no-findings
/*
 * typeof_cast_fixed.c - a cast to a type named with typeof, `(typeof(*cur)
 * *)p` (Linux's list_next_entry, list_for_each_entry), does not evaluate
 * its typeof operand: the worker's cast reads neither cur nor *cur, which
 * main writes while it runs. The cast's value is its last operand: the
 * worker's write goes through it to its own slot, `second`, which main
 * does not touch.
 *
 * The cast's children are the typeof expression and then the operand;
 * both were evaluated (reads of cur and *cur racing with main's writes)
 * and the value was lost.
 */
#include <pthread.h>

struct slot {
    long value;
};

static struct slot first, second;
static struct slot *cur = &first;

static void *worker(void *arg)
{
    void *p = arg;
    typeof(*cur) *mine = (typeof(*cur) *)p;

    mine->value = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, &second);
    cur = &second;
    first.value = 2;
    pthread_join(t, NULL);
    return 0;
}
