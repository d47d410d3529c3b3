/*
 * tuc_direct_fixed.c - the same workers with the _r variants; main calls
 * strtok and localtime only before it creates a thread; getenv runs in
 * every thread but nothing changes the environment; rand is called by one
 * thread only.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *tokenizer(void *arg) {
    char line[64], *save = NULL;
    snprintf(line, sizeof line, "%s", (const char *)arg);
    for (char *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save)) puts(w);
    const char *home = getenv("HOME");
    if (home) puts(home);
    return NULL;
}

static void *stamper(void *arg) {
    (void)arg;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    printf("%d %d\n", tm.tm_hour, rand());
    return NULL;
}

int main(void) {
    char cfg[] = "x=1 y=2";
    for (char *w = strtok(cfg, " "); w; w = strtok(NULL, " ")) puts(w);
    time_t now = time(NULL);
    printf("%d\n", localtime(&now)->tm_year);
    const char *user = getenv("USER");
    pthread_t a, b, c;
    pthread_create(&a, NULL, tokenizer, "a b c");
    pthread_create(&b, NULL, tokenizer, "d e f");
    pthread_create(&c, NULL, stamper, NULL);
    if (user) puts(user);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
