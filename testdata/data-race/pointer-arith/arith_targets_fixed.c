// expect-no-findings
/*
 * arith_targets_fixed.c - where pointer arithmetic inside one object
 * points, asked with racecheck_pts: container_of through a nested and an
 * array designator and through the old `&((T *)0)->m` spelling, a byte
 * offset added inside a member (it stays in the member), a byte offset
 * subtracted that is no offsetof, or container_of from a pointer to
 * another member (the whole object: never nothing), a byte offset added
 * to a struct pointer and cast to a member's type (that member; a byte
 * pointer or another type: the object), a
 * cast between structs whose first members are one another, Linux's
 * list_next_entry (typeof in the cast and in offsetof), and `p++`
 * over an array of structs (its elements are the array). One thread: no
 * findings, only the points-to sets.
 */
#include <stddef.h>

#include "../../include/racecheck_debug.h"

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define old_offsetof(type, member) ((size_t) & ((type *)0)->member)
#define list_next_entry(pos, member) \
    ((typeof(*(pos)) *)((char *)(pos)->member.next - offsetof(typeof(*(pos)), member)))

struct list_head {
    struct list_head *next, *prev;
};

struct entry {
    long key;
    struct list_head link;
};

struct pos {
    int x, y;
};

struct item {
    int id;
    struct pos at;
    int tags[4];
    long count;
};

struct node {
    struct item item;
    struct node *next;
};

static struct item items[8];
static struct node head;
static struct entry entries[2];

int main(void)
{
    int *py = &items[2].at.y;
    struct item *a = container_of(py, struct item, at.y);
    racecheck_pts(a); // debug: pts {items}
    int *tag = &items[1].tags[2];
    struct item *b = container_of(tag, struct item, tags[2]);
    racecheck_pts(b); // debug: pts {items}
    struct item *c = (struct item *)((char *)py - old_offsetof(struct item, at.y));
    racecheck_pts(c); // debug: pts {items}
    char *inside = (char *)&items[0].at + 2; /* a byte pointer: the range may go on */
    racecheck_pts(inside); // debug: pts {items.at}
    long *cnt = (long *)((char *)&items[3] + offsetof(struct item, count));
    racecheck_pts(cnt); // debug: pts {items.count}
    int *y = (int *)((char *)&items[3] + 8); /* id 0-3, at.x 4-7, at.y 8-11 */
    racecheck_pts(y); // debug: pts {items.at.y}
    struct pos *at = (struct pos *)((char *)&items[3] + 4);
    racecheck_pts(at); // debug: pts {items.at}
    struct pos *odd = (struct pos *)((char *)&items[3] + 8); /* no struct pos starts there */
    racecheck_pts(odd); // debug: pts {items}
    char bytes[16];
    char *b4 = bytes + 4; /* a byte buffer stays a byte buffer */
    racecheck_pts(b4); // debug: pts {main::bytes}
    struct item *whole = (struct item *)((char *)&items[0].at - 4);
    racecheck_pts(whole); // debug: pts {items}
    struct item *other = container_of(&items[0].count, struct item, at); /* not an `at`: the whole object */
    racecheck_pts(other); // debug: pts {items}
    struct item *it = &head.item;
    struct node *n = (struct node *)it;
    racecheck_pts(n); // debug: pts {head}
    racecheck_pts(&n->next); // debug: pts {head.next}
    struct item *back = (struct item *)n;
    racecheck_pts(back); // debug: pts {head.item}
    entries[0].link.next = &entries[1].link;
    struct entry *e = &entries[0];
    e = list_next_entry(e, link); /* typeof in the cast and in offsetof */
    racecheck_pts(e); // debug: pts {entries}
    long total = 0;
    for (struct item *p = items; p < items + 8; p++) {
        racecheck_pts(&p->count); // debug: pts {items.count}
        total += p->count;
    }
    return (int)total;
}
