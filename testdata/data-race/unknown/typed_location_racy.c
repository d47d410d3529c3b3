/*
 * typed_location_racy.c - memory racecheck cannot name: a connection table
 * kept by a library whose code is not analysed. Both workers get "their"
 * connection from conn_lookup and count in it; a peer is handed back
 * through an out-parameter. What unknown code returns is, for racecheck,
 * some struct conn (one location per field, whichever call returned it):
 * two threads writing a field of it without a common lock race.
 *
 * TRUTH: three races: conn->hits (both workers, no lock), p->score (both
 * workers, through the out-parameter) and the served count of the stats a
 * `void *` library function returns through the program's wrapper. conn->misses is always under `m`;
 * struct peer's hits and struct conn's hits are different locations.
 */
#include <pthread.h>
#include "../../include/racecheck_debug.h"

struct conn {
    long hits, misses;
};
struct peer {
    long hits, score;
};

struct stats {
    long served;
};

struct conn *conn_lookup(int id);           /* a library's: no body */
int peer_lookup(int id, struct peer **out);  /* a library's: no body */
void *stats_of(int id);                      /* a library's: no body */

/* the program's own wrapper: what it returns is what the library returned */
static struct stats *my_stats(int id)
{
    return stats_of(id);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *wa(void *arg)
{
    struct conn *c = conn_lookup(1);
    racecheck_pts(c); // debug: pts {memory from unknown code}
    c->hits++; // expect: data-race 'c->hits'
    pthread_mutex_lock(&m);
    c->misses++;
    pthread_mutex_unlock(&m);
    struct peer *p;
    if (peer_lookup(2, &p) == 0) {
        p->score = 1; // expect: data-race 'p->score'
        pthread_mutex_lock(&m);
        p->hits++;
        pthread_mutex_unlock(&m);
    }
    my_stats(1)->served++; // expect: data-race 'served'
    return arg;
}

static void *wb(void *arg)
{
    struct conn *c = conn_lookup(2);
    c->hits++;
    pthread_mutex_lock(&m);
    c->misses++;
    pthread_mutex_unlock(&m);
    struct peer *p;
    if (peer_lookup(3, &p) == 0)
        p->score = 2;
    struct stats *s = my_stats(2);
    s->served = 0;
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, 0, wa, 0);
    pthread_create(&b, 0, wb, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
