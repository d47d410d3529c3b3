// expect-no-findings
/*
 * ll_cond_acquire_fixed.c - a lookup that returns its entry locked and
 * NULL unlocked, at each of its NULL returns; callers unlock only when
 * they got an entry.
 *
 * TRUTH: no leak, and no race: the result tells the caller whether the
 * lock is held.
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
    if (e->removing) {
        pthread_mutex_unlock(&table_lock);
        return NULL;
    }
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
