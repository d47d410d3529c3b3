/*
 * tuc_server_fixed.c - the request-handler pool with the reentrant calls
 * (getaddrinfo, getpwnam_r, gmtime_r/asctime_r); readdir on a directory
 * stream under the pool's directory lock in every worker; the stats thread
 * takes the logger's lock around localtime.
 */
// expect-no-findings
#include <dirent.h>
#include <netdb.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#define NWORKERS 4

struct request {
    const char *host, *user, *dir;
    struct request *next;
};

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;
static struct request *queue;
static int stopping;

static void access_log(const char *what) {
    time_t now = time(NULL);
    struct tm tm;
    char buf[32];
    gmtime_r(&now, &tm);
    printf("%s %s", what, asctime_r(&tm, buf));
}

static int count_entries(const char *dir) {
    int n = 0;
    pthread_mutex_lock(&dir_lock);
    DIR *d = opendir(dir);
    if (d) {
        while (readdir(d)) n++;
        closedir(d);
    }
    pthread_mutex_unlock(&dir_lock);
    return n;
}

static int handle(struct request *r) {
    struct addrinfo *ai = NULL;
    int ok = getaddrinfo(r->host, NULL, NULL, &ai) == 0;
    if (ai) freeaddrinfo(ai);
    struct passwd pwb, *pw = NULL;
    char buf[1024];
    getpwnam_r(r->user, &pwb, buf, sizeof buf, &pw);
    access_log(r->host);
    return ok + (pw != NULL) + count_entries(r->dir);
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
    pthread_mutex_lock(&log_lock);
    struct tm *tm = localtime(&now);
    printf("stats at %d\n", tm->tm_sec);
    pthread_mutex_unlock(&log_lock);
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
