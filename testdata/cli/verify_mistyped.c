/*
 * verify_mistyped.c - mistyped directives on a program racecheck reports
 * nothing for. Each used to be ignored as prose, so the file passed; now
 * each is an error (cli/verify_mistyped_*):
 *   known-mis      one typo away from known-miss
 *   expcet         one swap away from expect
 *   known-false    a "known-" word that is no directive
 *   note: data-race 'x'   the shape of a directive with another word
 *   expect-no-finding     an "expect-" word that is no directive
 * Prose such as "we expect the count to be exact" or "Note: no lock" is not
 * taken for a directive.
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter, total;

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&m);
    counter++; // known-mis: data-race 'counter'
    total += 2; // expcet: data-race 'total'
    pthread_mutex_unlock(&m);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL); // known-false: data-race 'x'
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL); // note: data-race 'counter'
    // we expect the count to be exact. Note: no lock is needed after the joins
    return (int)(counter + total); // expect-no-finding
}
