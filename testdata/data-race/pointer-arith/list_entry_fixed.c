// expect-no-findings
/*
 * list_entry_fixed.c - list_entry_racy.c with each field of the enclosing
 * struct guarded: the monitor walks the list with list_entry and counts
 * requests under the connection's stats_lock, main adds bytes under
 * io_lock, the other lock of the same connection. Two threads write two
 * different fields of one connection, each under its own lock, through two
 * spellings (list_entry's result, conns[0]).
 *
 * container_of must give back the fields of the connection, not one
 * location for the whole connection: taken as one location, requests
 * (under stats_lock) and bytes (under io_lock) would race.
 */
#include <pthread.h>
#include <stddef.h>

#define container_of(ptr, type, member) ({                  \
    void *__mptr = (void *)(ptr);                           \
    ((type *)(__mptr - offsetof(type, member))); })
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)

struct list_head {
    struct list_head *next, *prev;
};

struct conn {
    int fd;
    pthread_mutex_t stats_lock;
    long requests;
    struct list_head link;
    pthread_mutex_t io_lock;
    long bytes;
};

static struct list_head conn_list = {&conn_list, &conn_list};
static struct conn conns[4];

static void list_add(struct list_head *n, struct list_head *head)
{
    n->next = head->next;
    n->prev = head;
    head->next->prev = n;
    head->next = n;
}

static void *monitor(void *arg)
{
    struct list_head *pos;

    (void)arg;
    list_for_each(pos, &conn_list) {
        struct conn *c = list_entry(pos, struct conn, link);
        pthread_mutex_lock(&c->stats_lock);
        c->requests++;
        pthread_mutex_unlock(&c->stats_lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;

    for (int i = 0; i < 4; i++) {
        conns[i].fd = i;
        pthread_mutex_init(&conns[i].stats_lock, NULL);
        pthread_mutex_init(&conns[i].io_lock, NULL);
        list_add(&conns[i].link, &conn_list);
    }
    pthread_create(&t, NULL, monitor, NULL);
    pthread_mutex_lock(&conns[0].io_lock);
    conns[0].bytes += 512;
    pthread_mutex_unlock(&conns[0].io_lock);
    pthread_join(t, NULL);
    return 0;
}
