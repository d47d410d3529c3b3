/*
 * tuc_tmpnam_racy.c - as tuc_tmpnam_fixed.c, but the spoolers call
 * tmpnam(NULL): both get (and overwrite) tmpnam's internal static buffer.
 *
 * TRUTH: thread-unsafe-call on tmpnam (each call is a write of its hidden
 * buffer while the other thread may make one too).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *spool(void *arg) {
    char copy[L_tmpnam];
    (void)arg;
    const char *n = tmpnam(NULL); // expect: thread-unsafe-call 'tmpnam'
    if (n) strcpy(copy, n);
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
