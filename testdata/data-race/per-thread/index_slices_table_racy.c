/*
 * index_slices_table_racy.c - bounds from an array of structs' initialiser
 * that do not keep the workers apart: evenly spaced but overlapping
 * (`{{0, 40}, {30, 70}}`: each range is wider than the spacing), and a
 * table main changes after the spawns (the change itself races with the
 * worker's read).
 * Ledger: a table that is not evenly spaced (`{{0, 30}, {30, 64}, {64,
 * 100}}`) keeps the workers apart but is not affine in the spawn loop's
 * counter: a known false alarm on uneven[].
 */
#include <pthread.h>

#define N 100

struct range { int lo, hi; };
static int wide[N], uneven[N], moved[N];

static void *fill_wide(void *p) {
    struct range *r = p;
    for (int i = r->lo; i < r->hi; i++) wide[i] = i; // expect: data-race 'wide[i]'
    return NULL;
}

static void *fill_uneven(void *p) {
    struct range *r = p;
    for (int i = r->lo; i < r->hi; i++) uneven[i] = i; // known-false-alarm: data-race 'uneven[i]'
    return NULL;
}

static void *fill_moved(void *p) {
    struct range *r = p;
    for (int i = r->lo; i < r->hi; i++) moved[i] = i; // expect: data-race 'moved[i]'
    return NULL;
}

int main(void) {
    struct range w[2] = {{0, 40}, {30, 70}};
    struct range u[3] = {{0, 30}, {30, 64}, {64, 100}};
    struct range m[2] = {{0, 50}, {50, 100}};
    pthread_t a[2], b[3], c[2];
    for (int i = 0; i < 2; i++) pthread_create(&a[i], NULL, fill_wide, &w[i]);
    for (int i = 0; i < 3; i++) pthread_create(&b[i], NULL, fill_uneven, &u[i]);
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, fill_moved, &m[i]);
    m[1].lo = 0; // expect: data-race 'm[1].lo'
    for (int i = 0; i < 2; i++) pthread_join(a[i], NULL);
    for (int i = 0; i < 3; i++) pthread_join(b[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
    return wide[0] + uneven[0] + moved[0];
}
