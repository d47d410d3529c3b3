/*
 * join_list_fixed.c - per input, main sets `setting`, launches two threads
 * whose handles it keeps in a linked list, and joins them by walking the
 * list. No thread is alive at the write: no race. racecheck cannot match a
 * join through a list of handles: a known false alarm (real-world triage,
 * pigz's yarn join_all).
 */
#include <pthread.h>
#include <stdlib.h>
struct th { pthread_t id; struct th *next; };
static struct th *threads;
static int setting;
static void *worker(void *p) { (void)p; return (void *)(long)setting; }
static void launch(void) { struct th *t = malloc(sizeof *t); pthread_create(&t->id, NULL, worker, NULL); t->next = threads; threads = t; }
static void join_all(void) { while (threads) { struct th *t = threads; threads = t->next; pthread_join(t->id, NULL); free(t); } }
int main(int argc, char **argv) {
    for (int f = 1; f < argc; f++) {
        setting = f;                  /* no thread alive here */ // known-false-alarm: data-race 'setting'
        launch(); launch();
        join_all();
    }
    return 0;
}
