/*
 * tuc_tmpnam_fixed.c - two spooler threads name their temporary files with
 * tmpnam() into a buffer of their own: POSIX lets tmpnam be unsafe only
 * when called with NULL (then it returns its internal static buffer).
 *
 * TRUTH: no thread-unsafe call (and no race: each buffer is its thread's).
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>

static void *spool(void *arg) {
    char name[L_tmpnam];
    (void)arg;
    if (tmpnam(name) != NULL) /* the caller's buffer */
        return NULL;
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, spool, NULL);
    pthread_create(&b, NULL, spool, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
