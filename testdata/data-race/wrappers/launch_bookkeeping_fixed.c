// expect-no-findings
/*
 * launch_bookkeeping_fixed.c - a capsule launcher whose trampoline does work
 * of its own around the routine, as pigz's yarn does: it reads the capsule's
 * label, and after the routine counts itself out under the list's lock and
 * frees the capsule; launch() keeps every thread in a list under that lock,
 * and join_all() joins the threads of the list in a loop.
 *
 * Each launch() call is a spawn site of its own, whose thread runs the
 * trampoline's body (so its reads of the capsule, its locked count and its
 * free are that thread's) calling that site's routine. writer and reader
 * are one instance each and touch only their own variable; the count is
 * locked; main reads after join_all(), a loop joining through the threads'
 * objects, which ends every launched thread. No race.
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
    pthread_mutex_lock(&threads_lock);
    exited++;
    pthread_mutex_unlock(&threads_lock);
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
