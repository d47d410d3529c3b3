/*
 * own_addr_cursor_racy.c - walk() takes a pointer parameter and hands its
 * address to a stepping helper (`step(&p)`), as cursor code does
 * (`digits(.., &p, ..)` in an itoa); this helper keeps what the cursor
 * points to in a global. A reader thread follows the global.
 *
 * TRUTH: races: work()'s local leaves its frame through step(), so its
 * later write meets the reader's read; the global is written and read
 * unlocked.
 *
 * A parameter whose address only goes to helpers that keep neither the
 * address nor what it holds (a cursor stepped in place, `*pp =
 * next(*pp)`) does not escape by it (ownership.c, address_kept_in_calls);
 * this helper keeps what it holds, so the parameter escapes.
 */
#include <pthread.h>

static int *g;

static void step(int **pp) {
    g = *pp; // expect: data-race 'g'
}

static void walk(int *p) {
    step(&p);
}

static void *reader(void *a) {
    (void)a;
    int *q = g;
    return q ? (void *)(long)*q : 0;
}

static void work(void) {
    int x = 0;
    walk(&x);
    x = 5; // expect: data-race 'x'
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, reader, 0);
    work();
    pthread_join(t, 0);
    return 0;
}
