/* Atomic sections nested past MODEL_ATOMIC_LEVELS (4): a warning says so (testdata/cli/CMakeLists.txt). */
#include <pthread.h>
void __VERIFIER_atomic_begin(void);
void __VERIFIER_atomic_end(void);
int x;
static void *t(void *a) { (void)a; __VERIFIER_atomic_begin(); __VERIFIER_atomic_begin(); __VERIFIER_atomic_begin(); __VERIFIER_atomic_begin(); __VERIFIER_atomic_begin(); x++; __VERIFIER_atomic_end(); __VERIFIER_atomic_end(); __VERIFIER_atomic_end(); __VERIFIER_atomic_end(); __VERIFIER_atomic_end(); return 0; }
int main(void) { pthread_t a, b; pthread_create(&a, 0, t, 0); pthread_create(&b, 0, t, 0); pthread_join(a, 0); pthread_join(b, 0); return 0; }
