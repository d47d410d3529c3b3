// expect-no-findings
/*
 * do_while0_fixed.c - main sets a global and starts a thread that reads it,
 * inside a do { ... } while (0) (as error-handling macros write), and joins
 * it after. The block runs once, not as a loop: no earlier iteration's
 * thread can be running at the write. No race.
 */
#include <pthread.h>
static int setting;
static void *reader(void *a) { (void)a; return (void *)(long)setting; }
int main(void) {
    pthread_t t;
    do {
        setting = 1;
        pthread_create(&t, 0, reader, 0);
    } while (0);
    pthread_join(t, 0);
    return 0;
}
