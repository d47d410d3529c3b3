/*
 * common_prefix_racy.c - casts between structs that share a common initial
 * sequence (C11 6.5.2.3p6). libuv-style handles repeat one field list in
 * every handle type, so a `struct handle *` reaches a `struct tcp`'s flags
 * by the same name: the worker sets h->flags while main clears tcp.flags,
 * with no lock. The sockaddr-style pair spells its common field
 * differently (fam in one, sin_fam in the other): the cast makes them one
 * memory, and the worker's a->fam races with main's peer.sin_fam (missed
 * before the unit recorded the pair, IrUnit.aliases).
 */
#include <pthread.h>

#define HANDLE_FIELDS \
    int type;         \
    unsigned flags;

struct handle {
    HANDLE_FIELDS
};

struct tcp {
    HANDLE_FIELDS
    int fd;
};

struct addr {
    short fam;
    char data[14];
};

struct addr_in {
    short sin_fam;
    unsigned short port;
    unsigned ip;
};

static struct tcp tcp;
static struct addr_in peer;

static void *worker(void *arg)
{
    struct handle *h = arg;
    struct addr *a = (struct addr *)&peer;

    h->flags |= 1; // expect: data-race 'flags'
    a->fam = 2; // expect: data-race 'fam'
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, (struct handle *)&tcp);
    tcp.flags = 0;
    peer.sin_fam = 10;
    pthread_join(t, NULL);
    return 0;
}
