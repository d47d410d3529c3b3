// expect-no-findings
/*
 * ordered_pair_select_fixed.c - transfer() takes the two accounts' locks in
 * a fixed order, choosing them with `?:` (first = lower id), and then
 * updates both balances.
 *
 * TRUTH: no race (and no lock-order cycle): both accounts' mutexes are held
 * at every update.
 *
 * first and second each may name either account, but the two `?:` test
 * the same fields of the same unchanged parameters with the arms swapped:
 * {first, second} is {from, to} on every path, so both accounts' locks are
 * held (heldlocks.c, ordered pairs; the ids are taken not to change
 * between the two tests).
 */
#include <pthread.h>

struct account { pthread_mutex_t m; int id; long balance; };

static struct account a = { PTHREAD_MUTEX_INITIALIZER, 1, 0 };
static struct account b = { PTHREAD_MUTEX_INITIALIZER, 2, 0 };

static void transfer(struct account *from, struct account *to)
{
    struct account *first = from->id < to->id ? from : to;
    struct account *second = from->id < to->id ? to : from;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    from->balance--;
    to->balance++;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void *t1(void *arg) { transfer(&a, &b); return arg; }
static void *t2(void *arg) { transfer(&b, &a); return arg; }

int main(void)
{
    pthread_t x, y;
    pthread_create(&x, NULL, t1, NULL);
    pthread_create(&y, NULL, t2, NULL);
    pthread_join(x, NULL);
    pthread_join(y, NULL);
    return 0;
}
