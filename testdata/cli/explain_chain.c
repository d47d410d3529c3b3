/* --explain-pair prints how each thread reaches an access: the chain of
 * calls from its routine, indirect ones marked (testdata/cli/CMakeLists.txt). */
#include <pthread.h>

struct ops { const char *name; void (*run)(void); };

static long hits;

static void bump(void) { hits++; }
static void step(void) { bump(); }
static const struct ops table[] = { [1] = { .name = "step", .run = step } };

static void *worker(void *arg) {
    (void)arg;
    table[1].run();
    return NULL;
}

int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    hits++;
    pthread_join(t, NULL);
    return 0;
}
