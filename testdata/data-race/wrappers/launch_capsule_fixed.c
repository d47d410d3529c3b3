// expect-no-findings
/*
 * launch_capsule_fixed.c - threads started through a capsule launcher
 * (pigz's yarn: launch() stores the routine and its argument in a heap
 * capsule and spawns ignition(), which calls capsule->probe(capsule->payload)).
 *
 * Each call of launch() is a spawn site of its own whose thread runs
 * ignition's body calling that site's routine: producer and consumer are
 * two threads of one instance each, each writing its own variable, and
 * join(p) / join(c) (joins through the thread object launch() returned)
 * end them before main reads. No race. (When every launched routine was one
 * thread "ignition" of many instances, each routine seemed to race with
 * itself.)
 */
#include <pthread.h>
#include <stdlib.h>

struct capsule { void (*probe)(void *); void *payload; };
typedef struct thread { pthread_t id; } thread;

static void *ignition(void *arg)
{
    struct capsule *capsule = arg;
    capsule->probe(capsule->payload);
    free(capsule);
    return NULL;
}

static thread *launch(void (*probe)(void *), void *payload)
{
    struct capsule *capsule = malloc(sizeof *capsule);
    if (!capsule) abort();
    capsule->probe = probe;
    capsule->payload = payload;
    thread *th = malloc(sizeof *th);
    if (!th) abort();
    if (pthread_create(&th->id, NULL, ignition, capsule)) abort();
    return th;
}

static void join(thread *ally)
{
    if (pthread_join(ally->id, NULL)) abort();
    free(ally);
}

static int produced, consumed;

static void producer(void *arg) { (void)arg; produced = 1; }
static void consumer(void *arg) { (void)arg; consumed = 1; }

int main(void)
{
    thread *p = launch(producer, NULL);
    thread *c = launch(consumer, NULL);
    join(p);
    join(c);
    int seen = produced + consumed;
    return seen;
}
