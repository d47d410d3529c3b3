/* --dump-ir golden: pointer arithmetic and casts inside one object
 * (analyzer/frontend/lower_ptr.c).
 *   container_of through offsetof (a void * in a statement expression, as
 *     Linux spells it), ngx_queue_data's (u_char *) cast, a nested and an
 *     array designator, the old `&((T *)0)->m` spelling: UP steps;
 *     container_of(&x.m, T, m) is &x (the member step taken off).
 *   (char *)p - k with no offsetof: UP out of an unknown member (?);
 *     (char *)p + 4 stays on p's object (+offset: memset and memcpy from
 *     there may cover many members), (int *)((char *)p + 4) is the int
 *     member at byte 4; p++ keeps p's object.
 *   A cast up to the struct whose first member is pointed to: UP; a cast
 *     down to the first member: its address; other casts: nothing, but the
 *     differently named fields of their common initial sequence are unit
 *     aliases (`alias fam = sin_fam +0:2`; id, the same name, is none).
 *   A for statement written by a macro keeps its init and condition.
 *   A cast to typeof(*pos) * (Linux's list_next_entry) evaluates its last
 *     operand only, and offsetof(typeof(*pos), link) is a designator.
 */
#include <stddef.h>
typedef unsigned char u_char;
struct list_head { struct list_head *next, *prev; };
struct pos { int x, y; };
struct item { int id; struct pos at; int tags[4]; struct list_head link; };
struct node { struct item item; long hits; };
struct other { int id; long v; };
struct sa { short fam; short id; char data[12]; };
struct sin { short sin_fam; short id; int port; long addr; };
#define container_of(ptr, type, member) ({ void *__mptr = (void *)(ptr); ((type *)(__mptr - offsetof(type, member))); })
#define ngx_queue_data(q, type, link) (type *) ((u_char *) q - offsetof(type, link))
#define old_offsetof(type, member) ((size_t) & ((type *)0)->member)
#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)
struct item g;
struct list_head head;
long arith(struct list_head *l, int *py, int *tag, struct item *p) {
    struct item *a = container_of(l, struct item, link);
    struct item *b = ngx_queue_data(l, struct item, link);
    struct item *c = ngx_queue_data(py, struct item, at.y);
    struct item *d = ngx_queue_data(tag, struct item, tags[2]);
    struct item *e = (struct item *)((char *)py - old_offsetof(struct item, at.y));
    struct item *f = ngx_queue_data(&g.link, struct item, link);
    struct item *h = (struct item *)((char *)p - 8);
    char *i = (char *)p + 4;
    int *j = (int *)((char *)p + 4);
    p++;
    return a->id + b->id + c->id + d->id + e->id + f->id + h->id + (i != 0) + *j + p->id +
           container_of(l, struct item, link)->at.x;
}
short sock(struct sin *in) {
    struct sa *a = (struct sa *)in;
    return a->fam + a->id;
}
long casts(struct item *it, struct node *n, struct other *o) {
    struct node *up = (struct node *)it;
    struct item *down = (struct item *)n;
    struct other *same = (struct other *)it;
    return up->hits + down->id + same->v + ((struct node *)&g)->hits + o->v;
}
struct item *next_item(struct item *pos) {
    return (typeof(*pos) *)((char *)pos->link.next - offsetof(typeof(*pos), link));
}
int walk(void) {
    struct list_head *pos;
    int k = 0;
    list_for_each(pos, &head) k += container_of(pos, struct item, link)->id;
    return k;
}
