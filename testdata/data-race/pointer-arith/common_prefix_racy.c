/*
 * common_prefix_racy.c - casts between structs that share a common initial
 * sequence (C11 6.5.2.3p6). libuv-style handles repeat one field list in
 * every handle type, so a `struct handle *` reaches a `struct tcp`'s flags
 * by the same name: the worker sets h->flags while main clears tcp.flags,
 * with no lock. The sockaddr-style pair spells its common fields
 * differently (fam in one, sin_fam in the other): the same memory, a known
 * miss (docs/precision.md).
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
    a->fam = 2;
    return NULL;
}

int main(void)
{
    pthread_t t;

    pthread_create(&t, NULL, worker, (struct handle *)&tcp);
    tcp.flags = 0;
    peer.sin_fam = 10; // known-miss: data-race 'fam'
    pthread_join(t, NULL);
    return 0;
}
