/*
 * mode_flag_fixed.c - the I/O thread returns before executing anything while
 * in_worker_mode is set (redis's io_threads_op): only main executes. No race.
 * racecheck does not follow the flag: a known false alarm (real-world
 * triage, redis).
 */
#include <pthread.h>
static int in_worker_mode;            // 1 while I/O threads run
static long commands_executed;        // executed by main only
static void execute(void) { commands_executed++; } // known-false-alarm: data-race 'commands_executed'
static void parse(void) { if (in_worker_mode) return; execute(); }   // threads never execute
static void *io_thread(void *p) { (void)p; parse(); return NULL; }
int main(void) {
    pthread_t t;
    in_worker_mode = 1;
    pthread_create(&t, NULL, io_thread, NULL);
    execute();                        // main executes commands concurrently
    pthread_join(t, NULL);
    in_worker_mode = 0;
    return 0;
}
