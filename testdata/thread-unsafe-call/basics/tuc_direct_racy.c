/*
 * tuc_direct_racy.c - two workers tokenise lines with strtok and format
 * times with localtime; main formats a time with ctime while they run
 * (ctime shares localtime's static struct tm).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void *tokenizer(void *arg) {
    char line[64];
    snprintf(line, sizeof line, "%s", (const char *)arg);
    for (char *w = strtok(line, " "); w; w = strtok(NULL, " ")) // expect: thread-unsafe-call 'strtok' expect: thread-unsafe-call 'strtok'
        puts(w);
    return NULL;
}

static void *stamper(void *arg) {
    (void)arg;
    time_t now = time(NULL);
    struct tm *tm = localtime(&now); // expect: thread-unsafe-call 'localtime'
    printf("%d\n", tm->tm_hour);
    return NULL;
}

int main(void) {
    pthread_t a, b, c;
    pthread_create(&a, NULL, tokenizer, "a b c");
    pthread_create(&b, NULL, tokenizer, "d e f");
    pthread_create(&c, NULL, stamper, NULL);
    time_t now = time(NULL);
    fputs(ctime(&now), stdout); // expect: thread-unsafe-call 'ctime'
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
