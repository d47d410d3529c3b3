/*
 * launch_bookkeeping_racy.c - launch_bookkeeping_fixed.c where the
 * trampoline counts itself out without the lock: its bookkeeping, run by
 * the threads of both launch() sites, races on `exited` (the threads of the
 * two sites run ignition's body concurrently), and main's locked read after
 * join_all() does not race.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct capsule {
    void (*probe)(void *);
    void *payload;
    const char *label;
};

typedef struct thread {
    pthread_t id;
    struct thread *next;
} thread;

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static thread *threads;
static int exited;

static void *ignition(void *arg)
{
    struct capsule *capsule = arg;
    if (capsule->label)
        fprintf(stderr, "starting %s\n", capsule->label);
    capsule->probe(capsule->payload);
    exited++; // expect: data-race 'exited'
    free(capsule);
    return NULL;
}

static thread *launch(void (*probe)(void *), void *payload, const char *label)
{
    struct capsule *capsule = malloc(sizeof *capsule);
    if (!capsule) abort();
    capsule->probe = probe;
    capsule->payload = payload;
    capsule->label = label;
    pthread_mutex_lock(&threads_lock);
    thread *th = malloc(sizeof *th);
    if (!th) abort();
    if (pthread_create(&th->id, NULL, ignition, capsule)) abort();
    th->next = threads;
    threads = th;
    pthread_mutex_unlock(&threads_lock);
    return th;
}

static int join_all(void)
{
    int count = 0;
    pthread_mutex_lock(&threads_lock);
    while (threads != NULL) {
        thread *match = threads;
        threads = match->next;
        pthread_mutex_unlock(&threads_lock);
        pthread_join(match->id, NULL);
        free(match);
        count++;
        pthread_mutex_lock(&threads_lock);
    }
    pthread_mutex_unlock(&threads_lock);
    return count;
}

static int written, read_count;

static void writer(void *arg) { (void)arg; written = 1; }
static void reader(void *arg) { (void)arg; read_count = 1; }

int main(void)
{
    (void)launch(writer, NULL, "writer");
    (void)launch(reader, NULL, "reader");
    int n = join_all();
    pthread_mutex_lock(&threads_lock);
    n += exited;
    pthread_mutex_unlock(&threads_lock);
    return n + written + read_count;
}
