/*
 * tuc_ordered_racy.c - the same program with the orderings broken: main
 * seeds rand() after spawning the workers that call rand(), formats a time
 * with ctime before joining them, the parser posts its semaphore before it
 * tokenises, and main changes the environment while the workers read it.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NWORKERS 4

static sem_t turn;

static void *worker(void *arg) {
    (void)arg;
    time_t now = time(NULL);
    struct tm *tm = localtime(&now); // expect: thread-unsafe-call 'localtime'
    printf("%d %d\n", tm->tm_min, rand()); // expect: thread-unsafe-call 'rand'
    const char *home = getenv("HOME"); // expect: thread-unsafe-call 'getenv'
    if (home) puts(home);
    return NULL;
}

static void *parser(void *arg) {
    char line[64];
    snprintf(line, sizeof line, "%s", (const char *)arg);
    sem_post(&turn); /* too early: main tokenises while this thread does */
    for (char *w = strtok(line, ","); w; w = strtok(NULL, ",")) puts(w); // expect: thread-unsafe-call 'strtok' expect: thread-unsafe-call 'strtok'
    return NULL;
}

int main(void) {
    pthread_t tids[NWORKERS], p;
    for (int i = 0; i < NWORKERS; i++) pthread_create(&tids[i], NULL, worker, NULL);
    srand((unsigned)time(NULL)); // expect: thread-unsafe-call 'srand'
    setenv("TZ", "UTC", 1); // expect: thread-unsafe-call 'setenv'
    time_t now = time(NULL);
    fputs(ctime(&now), stdout); // expect: thread-unsafe-call 'ctime'
    for (int i = 0; i < NWORKERS; i++) pthread_join(tids[i], NULL);

    sem_init(&turn, 0, 0);
    pthread_create(&p, NULL, parser, "a,b,c");
    sem_wait(&turn);
    char cfg[] = "x y";
    for (char *w = strtok(cfg, " "); w; w = strtok(NULL, " ")) puts(w); // expect: thread-unsafe-call 'strtok' expect: thread-unsafe-call 'strtok'
    pthread_join(p, NULL);
    return 0;
}
