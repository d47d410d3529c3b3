/*
 * posix_outputs_racy.c - POSIX calls that write through their pointer
 * arguments (rules/libc-effects.json): a limits struct filled by
 * getrlimit(), a signal set built with sigemptyset()/sigaddset(), the
 * status waitpid() stores, the old action sigaction() hands back, and an
 * address list freed by freeaddrinfo() while another thread walks it. Each
 * shared object is written by one thread while another reads it, with no
 * lock; and uname() and sysinfo() fill shared structs another thread reads
 * (redis's `static struct utsname name` in its INFO code).
 *
 * TRUTH: seven races, one per object, at the call that writes it. The
 * list getaddrinfo() allocates is memory only the C library names: its
 * free is not seen as a write of it (a known miss).
 */
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static struct rlimit lim;
static sigset_t mask;
static int status;
static struct sigaction old_action;
static struct addrinfo *addrs;
static struct utsname name;
static struct sysinfo info;

static void *worker(void *arg)
{
    (void)arg;
    getrlimit(RLIMIT_NOFILE, &lim); // expect: data-race 'lim.rlim_cur'
    sigaddset(&mask, SIGINT); // expect: data-race 'mask'
    waitpid(-1, &status, WNOHANG); // expect: data-race 'status'
    struct sigaction ignore = {0};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &old_action); // expect: data-race 'old_action.__sigaction_handler.sa_handler'
    freeaddrinfo(addrs); // known-miss: data-race 'addrs->ai_next'
    uname(&name); // expect: data-race 'name.sysname'
    sysinfo(&info); // expect: data-race 'info.uptime'
    return NULL;
}

int main(void)
{
    pthread_t t;

    getaddrinfo("localhost", "80", NULL, &addrs);
    pthread_create(&t, NULL, worker, NULL);
    printf("%ld %d %d %p\n", (long)lim.rlim_cur, sigismember(&mask, SIGINT), status,
           (void *)old_action.sa_handler);
    printf("%s %ld\n", name.sysname, info.uptime);
    for (struct addrinfo *a = addrs; a; a = a->ai_next)
        printf("%d\n", a->ai_family);
    pthread_join(t, NULL);
    return 0;
}
