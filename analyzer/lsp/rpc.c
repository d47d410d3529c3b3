/*
 * rpc.c - JSON-RPC 2.0 over the LSP base protocol: each message is a header
 * block (`Content-Length: N`, other headers ignored, each line ended by
 * CRLF, the block by an empty line) followed by N bytes of JSON.
 *
 * Reading is robust to a misbehaving client: a header block without a
 * usable Content-Length, a body that is not JSON or one larger than
 * RPC_MAX_BODY is skipped and reported to the caller, which answers what
 * can be answered (a parse error) and goes on. Reading polls once a second
 * so the server notices when the client's process has ended although the
 * pipe stays open (a grandchild holding it), and never outlives its editor.
 *
 * Writing takes one lock per message, so the analysis thread's
 * notifications and the main thread's responses never interleave; a failed
 * write (the client closed its end) marks the connection broken and makes
 * the reader stop.
 */
#include "lsp_int.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ---- the log -------------------------------------------------------------------- */

static FILE *log_file;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

void lsp_log_init(FILE *f) {
    log_file = f;
}

void lsp_log(const char *fmt, ...) {
    if (!log_file) return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    pthread_mutex_lock(&log_mu);
    fprintf(log_file, "racecheck lsp %02d:%02d:%02d.%03ld: ", tm.tm_hour, tm.tm_min, tm.tm_sec,
            ts.tv_nsec / 1000000);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file, fmt, ap);
    va_end(ap);
    fputc('\n', log_file);
    fflush(log_file);
    pthread_mutex_unlock(&log_mu);
}

/* ---- the connection ------------------------------------------------------------- */

void rpc_init(Rpc *r, int in_fd, int out_fd) {
    memset(r, 0, sizeof *r);
    r->in_fd = in_fd;
    r->out_fd = out_fd;
    atomic_init(&r->stop, false);
    pthread_mutex_init(&r->out_mu, NULL);
}

void rpc_free(Rpc *r) {
    free(r->buf);
    pthread_mutex_destroy(&r->out_mu);
}

static bool client_alive(pid_t pid) {
    return pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH;
}

/* Read more input into the buffer: 1 read, 0 end of input (or the client's
 * process ended, or stop). */
static int fill(Rpc *r) {
    if (r->pos == r->len) r->pos = r->len = 0;
    if (r->cap - r->len < 4096 && r->pos) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len < 4096) {
        r->cap = r->cap ? r->cap * 2 : 65536;
        r->buf = xrealloc(r->buf, r->cap);
    }
    for (;;) {
        if (atomic_load(&r->stop)) return 0;
        struct pollfd pfd = {r->in_fd, POLLIN, 0};
        int n = poll(&pfd, 1, 1000);
        if (n < 0 && errno == EINTR) continue;
        if (n == 0) {
            if (!client_alive(r->watch_pid)) {
                lsp_log("the client's process %ld has ended", (long)r->watch_pid);
                return 0;
            }
            continue;
        }
        ssize_t got = read(r->in_fd, r->buf + r->len, r->cap - r->len);
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (got <= 0) return 0;
        r->len += (size_t)got;
        return 1;
    }
}

/* One header line (without its CR LF) in *line; false at the end of input.
 * A line longer than 8 KiB is cut (its rest skipped) and flagged. */
static bool read_line(Rpc *r, char *line, size_t n, bool *too_long) {
    size_t k = 0;
    *too_long = false;
    for (;;) {
        while (r->pos < r->len) {
            char c = r->buf[r->pos++];
            if (c == '\n') {
                if (k && line[k - 1] == '\r') k--;
                line[k] = 0;
                return true;
            }
            if (k + 1 < n) line[k++] = c;
            else *too_long = true;
        }
        if (!fill(r)) return false;
    }
}

RpcStatus rpc_read(Rpc *r, cJSON **msg, const char **why) {
    *msg = NULL;
    *why = NULL;
    char line[8192];
    long long length = -1;
    bool bad = false, any = false, too_long;
    for (;;) {
        if (!read_line(r, line, sizeof line, &too_long)) return RPC_EOF;
        if (!line[0]) {
            if (!any) continue; /* stray blank lines between messages */
            break;
        }
        any = true;
        /* a body sent without its header runs into the next message's
         * header: take the header from where it starts */
        char *cl = strstr(line, "Content-Length:");
        if (cl && cl != line) {
            lsp_log("skipped %zu bytes of malformed input before a header", (size_t)(cl - line));
            memmove(line, cl, strlen(cl) + 1);
        }
        char *colon = strchr(line, ':');
        if (too_long || !colon) {
            bad = true;
            continue;
        }
        *colon = 0;
        if (strcasecmp(line, "Content-Length")) continue; /* Content-Type and others */
        char *v = colon + 1, *end;
        while (*v == ' ' || *v == '\t') v++;
        errno = 0;
        long long n = strtoll(v, &end, 10);
        while (*end == ' ' || *end == '\t') end++;
        if (errno || end == v || *end || n < 0) bad = true;
        else length = n;
    }
    if (length < 0) {
        /* the body cannot be found without a length: what follows is read
         * as the next header block, which resynchronises on a well-formed
         * message (a malformed line beside a good Content-Length is ignored) */
        *why = bad ? "a malformed header block" : "a header block without a Content-Length";
        return RPC_BAD_HEADER;
    }
    size_t n = (size_t)length;
    if (n > RPC_MAX_BODY) {
        for (size_t left = n; left;) {
            if (r->pos == r->len && !fill(r)) return RPC_EOF;
            size_t take = r->len - r->pos < left ? r->len - r->pos : left;
            r->pos += take;
            left -= take;
        }
        *why = "a message larger than 64 MiB";
        return RPC_TOO_LARGE;
    }
    while (r->len - r->pos < n) {
        if (r->cap - r->pos < n + 1) {
            memmove(r->buf, r->buf + r->pos, r->len - r->pos);
            r->len -= r->pos;
            r->pos = 0;
            while (r->cap < n + 4096) r->cap = r->cap ? r->cap * 2 : 65536;
            r->buf = xrealloc(r->buf, r->cap);
        }
        if (!fill(r)) return RPC_EOF;
    }
    const char *body = r->buf + r->pos;
    r->pos += n;
    *msg = cJSON_ParseWithLength(body, n);
    if (!*msg) {
        *why = "a message that is not JSON";
        return RPC_BAD_JSON;
    }
    return RPC_MESSAGE;
}

static bool write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

bool rpc_send(Rpc *r, const cJSON *msg) {
    char *body = cJSON_PrintUnformatted(msg);
    if (!body) base_oom(0);
    size_t n = strlen(body);
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    pthread_mutex_lock(&r->out_mu);
    bool ok = !r->out_broken && write_all(r->out_fd, head, (size_t)hn) && write_all(r->out_fd, body, n);
    if (!ok && !r->out_broken) {
        r->out_broken = true;
        atomic_store(&r->stop, true);
        lsp_log("cannot write to the client (%s); stopping", strerror(errno));
    }
    pthread_mutex_unlock(&r->out_mu);
    cJSON_free(body);
    return ok;
}
