/*
 * ll_cond_acquire_racy.c - a lookup that returns its entry locked and
 * NULL unlocked - but one of its NULL returns (the entry is being
 * removed) still holds the table lock; callers unlock only when they got
 * an entry.
 *
 * TRUTH: a lock leak at the second `return NULL`: the caller cannot tell
 * from the result that the lock is held, and never releases it.
 *
 * The caller's `e->value++` on the non-NULL branch holds the lock: a
 * helper returning with it held at some returns, NULL at every other, is
 * a conditional acquire for the locksets too (lockset.c: held where the
 * result is not 0).
 */
#include <pthread.h>
#include <stddef.h>

struct entry { int key, value, removing; };

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry table[4];

static struct entry *lookup_locked(int key)
{
    pthread_mutex_lock(&table_lock);
    struct entry *e = &table[key & 3];
    if (e->key != key) {
        pthread_mutex_unlock(&table_lock);
        return NULL;
    }
    if (e->removing)
        return NULL; // expect: lock-leak 'table_lock'
    return e;
}

static void *worker(void *arg)
{
    struct entry *e = lookup_locked((int)(long)arg);
    if (e) {
        e->value++;
        pthread_mutex_unlock(&table_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return table[0].value;
}
