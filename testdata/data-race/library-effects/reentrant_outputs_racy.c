/*
 * reentrant_outputs_racy.c - calls that write through their pointer
 * arguments (rules/libc-effects.json): getpwuid_r() fills the passwd
 * record and its string buffer, tcgetattr() a termios, getitimer() an
 * itimerval, epoll_wait() the events array, glob() a glob_t. A reporter
 * thread reads each while main fills it, with no lock.
 *
 * TRUTH: five races, one per object, at the call that writes it.
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
    pthread_create(&t, NULL, reporter, NULL);
    getpwuid_r(getuid(), &pw, pwbuf, sizeof pwbuf, &res); // expect: data-race 'pw'; data-race 'pwbuf'
    tcgetattr(0, &tio); // expect: data-race 'tio'
    getitimer(ITIMER_REAL, &timer); // expect: data-race 'timer'
    epoll_wait(3, events, 8, 0); // expect: data-race 'events'
    glob("*.c", 0, NULL, &found); // expect: data-race 'found'
    pthread_join(t, NULL);
    return 0;
}
