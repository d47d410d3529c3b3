// expect-no-findings
/*
 * alloc_wrapper_realloc_fixed.c - an allocation wrapper built on realloc
 * (pigz's alloc()) hands each caller a fresh buffer; the workers' buffers are
 * private. A wrapper that passes its argument to realloc and aborts on
 * failure is an allocation wrapper: each call site is an object of its own
 * (it was a known false alarm, real-world triage, pigz).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
static void *alloc(void *p, size_t n) { p = realloc(p, n); if (!p) abort(); return p; }
static unsigned char *shared_buf;               /* filled by main before spawn, read by workers */
static void *worker(void *arg) {
    unsigned char *mine = alloc(NULL, 16);      /* fresh, private to this thread */
    mine[0] = shared_buf[0];                    /* reads only the shared buffer */
    free(mine); (void)arg; return NULL;
}
int main(void) {
    shared_buf = alloc(NULL, 16);
    memset(shared_buf, 1, 16);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    unsigned char *tmp = alloc(NULL, 16);       /* main's own scratch buffer */
    tmp[0] = 2;
    free(tmp);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
