// expect-no-findings
/*
 * reentrant_outputs_fixed.c - calls that write through their pointer
 * arguments (rules/libc-effects.json): getpwuid_r() fills the passwd
 * record and its string buffer, tcgetattr() a termios, getitimer() an
 * itimerval, epoll_wait() the events array, glob() a glob_t. A reporter
 * thread reads each after main has filled it: the thread starts after the
 * calls.
 *
 * TRUTH: no race: every write comes before the reporter exists.
 */
#include <glob.h>
#include <pthread.h>
#include <pwd.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

static struct passwd pw;
static char pwbuf[256];
static struct termios tio;
static struct itimerval timer;
static struct epoll_event events[8];
static glob_t found;

static void *reporter(void *arg)
{
    (void)arg;
    long n = (long)pw.pw_uid + pwbuf[0] + (long)tio.c_lflag + timer.it_value.tv_sec;
    n += (long)events[0].events + (long)found.gl_pathc;
    return (void *)n;
}

int main(void)
{
    pthread_t t;
    struct passwd *res;
    getpwuid_r(getuid(), &pw, pwbuf, sizeof pwbuf, &res);
    tcgetattr(0, &tio);
    getitimer(ITIMER_REAL, &timer);
    epoll_wait(3, events, 8, 0);
    glob("*.c", 0, NULL, &found);
    pthread_create(&t, NULL, reporter, NULL);
    pthread_join(t, NULL);
    return 0;
}
