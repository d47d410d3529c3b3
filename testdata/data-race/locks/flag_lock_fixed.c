// expect-no-findings
/*
 * flag_lock_fixed.c - locks built from a flag word, a mutex and a
 * condition variable (a monitor), and a readers-writers lock built the
 * same way with a count of readers. A thread sets `busy` only after it saw
 * it 0 (and the readers' count 0) in the same hold of `m`, and clears it
 * when done; a reader counts itself in only after it saw `busy` 0. So
 * writers exclude each other and the readers, and readers only read.
 *
 * TRUTH: no race. `table` is written only by writers holding the flag, and
 * read by readers counted in; `jobs` is updated only holding the flag,
 * `visits` only inside the monitor object `mon` (entered through helpers
 * given the object: the flag is `mon.busy` in the caller).
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int busy, readers;
static long table[16];
static long jobs;

/* the same monitor as an object, entered through helpers given it */
struct monitor {
    pthread_mutex_t m;
    pthread_cond_t c;
    int busy;
};
static struct monitor mon = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static long visits;

static void enter(struct monitor *x)
{
    pthread_mutex_lock(&x->m);
    while (x->busy)
        pthread_cond_wait(&x->c, &x->m);
    x->busy = 1;
    pthread_mutex_unlock(&x->m);
}

static void leave(struct monitor *x)
{
    pthread_mutex_lock(&x->m);
    x->busy = 0;
    pthread_cond_signal(&x->c);
    pthread_mutex_unlock(&x->m);
}

static void write_lock(void)
{
    pthread_mutex_lock(&m);
    while (busy || readers)
        pthread_cond_wait(&c, &m);
    busy = 1;
    pthread_mutex_unlock(&m);
}

static void write_unlock(void)
{
    pthread_mutex_lock(&m);
    busy = 0;
    pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
}

static void read_lock(void)
{
    pthread_mutex_lock(&m);
    while (busy)
        pthread_cond_wait(&c, &m);
    readers++;
    pthread_mutex_unlock(&m);
}

static void read_unlock(void)
{
    pthread_mutex_lock(&m);
    if (--readers == 0)
        pthread_cond_broadcast(&c);
    pthread_mutex_unlock(&m);
}

static void *writer(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < 16; i++) {
        write_lock();
        table[i] = id + i;
        jobs++;
        write_unlock();
        enter(&mon);
        visits++;
        leave(&mon);
    }
    return NULL;
}

static void *reader(void *arg)
{
    long sum = 0;
    for (int i = 0; i < 16; i++) {
        read_lock();
        sum += table[i];
        read_unlock();
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t w[2], r[2];
    for (long i = 0; i < 2; i++) {
        pthread_create(&w[i], NULL, writer, (void *)i);
        pthread_create(&r[i], NULL, reader, NULL);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(w[i], NULL);
        pthread_join(r[i], NULL);
    }
    return (int)((jobs + visits) & 1);
}
