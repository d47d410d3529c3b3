/*
 * list_entry_racy.c - an intrusive doubly linked list in the Linux style:
 * struct conn embeds its `struct list_head link`, and a walker gets back
 * from the list node to the connection with list_entry (container_of
 * through a `void *` in a statement expression, as <linux/kernel.h> spells
 * it). The monitor thread counts each connection's requests through
 * list_entry while main bumps the first connection's counter directly:
 * both write conns[0].requests with no lock.
 *
 * Before container_of was modelled the walker's access named the `link`
 * member's location (conns.link.requests), not the connection's: the race
 * was missed.
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
    long requests;
    struct list_head link;
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
        c->requests++; // expect: data-race 'requests'
    }
    return NULL;
}

int main(void)
{
    pthread_t t;

    for (int i = 0; i < 4; i++) {
        conns[i].fd = i;
        list_add(&conns[i].link, &conn_list);
    }
    pthread_create(&t, NULL, monitor, NULL);
    conns[0].requests++;
    pthread_join(t, NULL);
    return 0;
}
