/*
 * typed_location_fixed.c - the connection table of typed_location_racy.c
 * used correctly: every field of the connections and peers a library hands
 * out is touched under one lock, and what is not a struct (a C string the
 * library returns) names no location. A pointer that may also point to an
 * object of the program (`d = id ? conn_lookup(id) : &local`) is checked
 * against that object only: the worker's own `local` is private, and its
 * unlocked `d->misses` is no access to some struct conn's misses, which
 * the workers count under the lock.
 *
 * TRUTH: no race.
 */
#include <pthread.h>

// expect-no-findings

struct conn {
    long hits, misses;
};
struct peer {
    long score;
};

struct conn *conn_lookup(int id);
int peer_lookup(int id, struct peer **out);
char *conn_name(int id);

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    long id = (long)arg;
    struct conn local = {0, 0};
    struct conn *c = conn_lookup((int)id);
    pthread_mutex_lock(&m);
    c->hits++;
    c->misses++;
    pthread_mutex_unlock(&m);
    struct conn *d = id ? conn_lookup((int)id) : &local;
    if (!id)
        d->misses++;
    struct peer *p;
    if (peer_lookup((int)id, &p) == 0) {
        pthread_mutex_lock(&m);
        p->score++;
        pthread_mutex_unlock(&m);
    }
    char *name = conn_name((int)id);
    if (name)
        name[0] = 'c';
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, 0, worker, (void *)0);
    pthread_create(&b, 0, worker, (void *)1);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
