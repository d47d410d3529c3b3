/*
 * posix_outputs_fixed.c - the calls of posix_outputs_racy.c on objects
 * each thread owns (locals), the shared ones under one lock, and errno,
 * which every thread has its own of (__errno_location() returns the
 * calling thread's): no call writes memory another thread uses at the
 * same time.
 *
 * TRUTH: no race.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-no-findings

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static struct rlimit shared_lim;
static sigset_t shared_mask;

static void *worker(void *arg)
{
    struct rlimit lim;
    sigset_t mask;
    int status;
    struct utsname name;

    (void)arg;
    uname(&name);
    errno = 0;
    getrlimit(RLIMIT_NOFILE, &lim);
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    pthread_sigmask(SIG_BLOCK, &mask, NULL);
    waitpid(-1, &status, WNOHANG);
    pthread_mutex_lock(&m);
    getrlimit(RLIMIT_NOFILE, &shared_lim);
    sigaddset(&shared_mask, SIGTERM);
    pthread_mutex_unlock(&m);
    if (errno == EINTR)
        return NULL;
    printf("%ld %d %s\n", (long)lim.rlim_cur, status, name.sysname);
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    errno = 0;
    close(-1);
    pthread_mutex_lock(&m);
    printf("%ld %d %d\n", (long)shared_lim.rlim_cur, sigismember(&shared_mask, SIGTERM), errno);
    pthread_mutex_unlock(&m);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
