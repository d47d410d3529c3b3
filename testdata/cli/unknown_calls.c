/*
 * unknown_calls.c - calls to functions with no body, no API model and no
 * `pure` declaration (--list-unknown): log_event three times, ext_flush
 * twice; printf and memset are modelled (rules/libc-effects.json), and so
 * are strerror, the mutex's life cycle and abort (models without effects),
 * and helper is defined here, so none of them is listed.
 * unknown_pure.json declares log_event pure: then only ext_flush is left.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void log_event(const char *what);
void ext_flush(void);

static char buf[16];
static pthread_mutex_t m;

static void helper(void)
{
    memset(buf, 0, sizeof buf);
    log_event("helper");
}

int main(void)
{
    log_event("start");
    pthread_mutex_init(&m, NULL);
    helper();
    if (buf[0] == 'x') {
        printf("%s\n", strerror(1));
        abort();
    }
    ext_flush();
    printf("%s\n", buf);
    log_event("end");
    ext_flush();
    pthread_mutex_destroy(&m);
    return 0;
}
