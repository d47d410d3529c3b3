/*
 * verify_bad_directives.c - directives verify rejects
 * (cli/verify_args_not_first, cli/verify_unknown_rule): racecheck-args
 * anywhere but line 1 (testdata/CMakeLists.txt reads line 1 only, so the
 * options would silently not apply), and a ledger directive naming a rule
 * that does not exist (it would never match, and a known-miss would pass
 * forever).
 */
#include <pthread.h>

static long counter;

static void *worker(void *arg) {
    (void)arg;
    return NULL; // racecheck-args: --library

}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    counter++; // known-miss: data-rase 'counter'
    return (int)counter;
}
