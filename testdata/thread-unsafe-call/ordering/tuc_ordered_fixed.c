/*
 * tuc_ordered_fixed.c - calls of thread-unsafe functions ordered by the
 * same rules as any two accesses: main seeds rand() before the loop that
 * spawns the workers (many instances, each using rand_r and localtime_r),
 * formats times with ctime only after joining the one thread calling
 * localtime, hands the tokenizer's turn
 * to a thread with a semaphore, and reads the environment in every thread
 * (getenv against getenv: two shared borrows).
 */
// expect-no-findings
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NWORKERS 4

static sem_t turn;
static unsigned seeds[NWORKERS];

static void *worker(void *arg) {
    unsigned *seed = arg;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    printf("%d %d\n", tm.tm_min, rand_r(seed));
    const char *home = getenv("HOME");
    if (home) puts(home);
    return NULL;
}

static void *clock_thread(void *arg) {
    (void)arg;
    time_t now = time(NULL);
    struct tm *tm = localtime(&now); /* joined before main's ctime */
    printf("%d\n", tm->tm_hour);
    return NULL;
}

static void *parser(void *arg) {
    char line[64];
    snprintf(line, sizeof line, "%s", (const char *)arg);
    for (char *w = strtok(line, ","); w; w = strtok(NULL, ",")) puts(w);
    sem_post(&turn); /* main may tokenise now */
    return NULL;
}

int main(void) {
    srand((unsigned)time(NULL));
    pthread_t tids[NWORKERS], p, c;
    pthread_create(&c, NULL, clock_thread, NULL);
    for (int i = 0; i < NWORKERS; i++) {
        seeds[i] = (unsigned)rand();
        pthread_create(&tids[i], NULL, worker, &seeds[i]);
    }
    const char *user = getenv("USER");
    if (user) puts(user);
    for (int i = 0; i < NWORKERS; i++) pthread_join(tids[i], NULL);
    pthread_join(c, NULL);
    time_t now = time(NULL);
    fputs(ctime(&now), stdout);
    printf("%d\n", rand());

    sem_init(&turn, 0, 0);
    pthread_create(&p, NULL, parser, "a,b,c");
    sem_wait(&turn);
    char cfg[] = "x y";
    for (char *w = strtok(cfg, " "); w; w = strtok(NULL, " ")) puts(w);
    pthread_join(p, NULL);
    return 0;
}
