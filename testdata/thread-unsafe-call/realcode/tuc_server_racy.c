/*
 * tuc_server_racy.c - a request-handler pool: worker threads take requests
 * from a locked queue and handle them outside the lock; the handler
 * resolves the peer with gethostbyname, looks the user up with getpwnam
 * and walks a directory with readdir. The access logger formats with
 * asctime under its own lock, but the stats thread calls localtime (the
 * same struct tm) without it. One reviewed call is suppressed inline.
 */
#include <dirent.h>
#include <netdb.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NWORKERS 4

struct request {
    const char *host, *user, *dir;
    struct request *next;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct request *queue;
static int stopping;

static void access_log(const char *what) {
    time_t now = time(NULL);
    pthread_mutex_lock(&log_lock);
    printf("%s %s", what, asctime(gmtime(&now))); // expect: thread-unsafe-call 'asctime' expect: thread-unsafe-call 'gmtime'
    pthread_mutex_unlock(&log_lock);
}

static int handle(struct request *r) {
    struct hostent *h = gethostbyname(r->host); // expect: thread-unsafe-call 'gethostbyname'
    struct passwd *pw = getpwnam(r->user); // racecheck-ignore[thread-unsafe-call]: reviewed, nss is files-only here
    DIR *d = opendir(r->dir);
    int n = 0;
    if (d) {
        while (readdir(d)) n++; /* its own stream: readdir is not listed */
        closedir(d);
    }
    access_log(r->host);
    return (h != NULL) + (pw != NULL) + n;
}

static struct request *take(void) {
    pthread_mutex_lock(&qlock);
    while (!queue && !stopping) pthread_cond_wait(&qcond, &qlock);
    struct request *r = queue;
    if (r) queue = r->next;
    pthread_mutex_unlock(&qlock);
    return r;
}

static void *worker(void *arg) {
    (void)arg;
    for (struct request *r; (r = take());) {
        handle(r);
        free(r);
    }
    return NULL;
}

static void *stats(void *arg) {
    (void)arg;
    time_t now = time(NULL);
    struct tm *tm = localtime(&now); // expect: thread-unsafe-call 'localtime'
    printf("stats at %d\n", tm->tm_sec);
    return NULL;
}

int main(void) {
    pthread_t w[NWORKERS], s;
    for (int i = 0; i < NWORKERS; i++) pthread_create(&w[i], NULL, worker, NULL);
    pthread_create(&s, NULL, stats, NULL);
    struct request *r = calloc(1, sizeof *r);
    if (r) {
        r->host = "localhost", r->user = "root", r->dir = "/";
        pthread_mutex_lock(&qlock);
        r->next = queue;
        queue = r;
        pthread_cond_signal(&qcond);
        pthread_mutex_unlock(&qlock);
    }
    pthread_mutex_lock(&qlock);
    stopping = 1;
    pthread_cond_broadcast(&qcond);
    pthread_mutex_unlock(&qlock);
    for (int i = 0; i < NWORKERS; i++) pthread_join(w[i], NULL);
    pthread_join(s, NULL);
    return 0;
}
