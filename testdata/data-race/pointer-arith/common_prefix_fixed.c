// expect-no-findings
/*
 * common_prefix_fixed.c - common_prefix_racy.c with the peer's lock: the
 * worker sets the address family through a `struct addr *` and main
 * writes it through the `struct addr_in` itself, both under peer_lock.
 * The worker also writes a->data[0], which overlaps addr_in's port (bytes
 * 2-3 of both) but is not part of the common initial sequence: an
 * aliasing read through the other type, undefined, and not merged. Main
 * reads peer.ip after the join.
 *
 * fam and sin_fam must be one location with the lock's protection on both
 * spellings; merging the whole structs (one location for all) would make
 * the worker's unlocked data[0] race with main's locked sin_fam.
 */
#include <pthread.h>

struct addr {
    short fam;
    char data[14];
};

struct addr_in {
    short sin_fam;
    unsigned short port;
    unsigned ip;
};

static struct addr_in peer;
static pthread_mutex_t peer_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    struct addr *a = (struct addr *)&peer;

    (void)arg;
    pthread_mutex_lock(&peer_lock);
    a->fam = 2;
    pthread_mutex_unlock(&peer_lock);
    a->data[0] = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&peer_lock);
    peer.sin_fam = 10;
    pthread_mutex_unlock(&peer_lock);
    pthread_join(t, NULL);
    return peer.ip != 0;
}
