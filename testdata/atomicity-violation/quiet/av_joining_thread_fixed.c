// expect-no-findings
/*
 * av_joining_thread_fixed.c - a getter and a setter make a read and its
 * write-back only in the function that joins them: here init_budget(),
 * which main runs before any thread starts. The workers call the same
 * getter and setter too, but never one with the other's value (they store
 * a fresh limit): no write-back of theirs, although each of them both
 * reads and writes through the two helpers while another worker writes.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t budget_lock = PTHREAD_MUTEX_INITIALIZER;
static long budget;

static long get_budget(void) {
    pthread_mutex_lock(&budget_lock);
    long v = budget;
    pthread_mutex_unlock(&budget_lock);
    return v;
}

static void set_budget(long v) {
    pthread_mutex_lock(&budget_lock);
    budget = v;
    pthread_mutex_unlock(&budget_lock);
}

static void init_budget(void) {
    set_budget(get_budget() + 100);
}

static void show(long id, long v) {
    printf("%ld sees %ld\n", id, v);
}

static void *worker(void *arg) {
    long id = (long)arg;
    long seen = get_budget();
    show(id, seen);
    set_budget(id * 10);
    return NULL;
}

int main(void) {
    pthread_t t[3];
    init_budget();
    for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    return 0;
}
