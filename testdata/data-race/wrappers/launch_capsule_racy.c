/*
 * launch_capsule_racy.c - launch_capsule_fixed.c where main reads what the
 * consumer writes after joining only the producer.
 *
 * Each call of launch() is a spawn site of its own (the capsule launcher
 * is recognised, file header of model/launchers.c): producer and consumer
 * are two threads, and join(p) ends the producer only. main's read of
 * `consumed` between join(p) and join(c) races with the consumer's write.
 * (When every launched routine was one thread "ignition", the first join
 * seemed to end all of them and this race was missed.)
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
static void consumer(void *arg) { (void)arg; consumed = 1; } // expect: data-race 'consumed'

int main(void)
{
    thread *p = launch(producer, NULL);
    thread *c = launch(consumer, NULL);
    join(p);
    int seen = produced + consumed;
    join(c);
    return seen;
}
