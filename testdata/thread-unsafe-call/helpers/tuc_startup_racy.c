/*
 * tuc_startup_racy.c - the configuration is parsed by a helper called from
 * two places: at start-up, and again on reload while the workers run (one
 * of them tokenises with strtok too).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_t a, b;

static void parse_config(char *text) {
    for (char *w = strtok(text, ","); w; w = strtok(NULL, ",")) puts(w); // expect: thread-unsafe-call 'strtok' expect: thread-unsafe-call 'strtok'
}

static void *worker(void *arg) {
    char line[32];
    snprintf(line, sizeof line, "%s", (const char *)arg);
    char *first = strtok(line, ","); // expect: thread-unsafe-call 'strtok'
    if (first) puts(first);
    return NULL;
}

static void reload(void) {
    char cfg[] = "x,z";
    parse_config(cfg);
}

int main(void) {
    char cfg[] = "x,y";
    parse_config(cfg);
    pthread_create(&a, NULL, worker, "a,b");
    pthread_create(&b, NULL, worker, "c,d");
    reload();
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
