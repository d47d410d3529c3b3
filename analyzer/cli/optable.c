/* optable.c - getopt_long and --help from one table; see optable.h. */
#include "optable.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

enum { HELP_COLUMN = 24, HELP_WIDTH = 79 };

static bool is_option(const CliOptSpec *s) {
    return !s->heading && (s->name || s->letter);
}

void cli_opt_init(CliOptParser *p, const CliOptSpec *table, size_t n, const char *prog, int argc, char **argv) {
    memset(p, 0, sizeof *p);
    p->table = table;
    p->n = n;
    p->prog = prog;
    p->argc = argc;
    p->argv = argv;
    p->rest = argc;
    p->longs = xcalloc(n + 1, sizeof *p->longs);
    /* "-": inputs in order, as option 1; ":": report a missing value as ':' */
    p->shorts = xmalloc(3 * n + 3);
    char *s = p->shorts;
    *s++ = '-';
    *s++ = ':';
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        const CliOptSpec *o = &table[i];
        if (!is_option(o)) continue;
        if (o->name) p->longs[nl++] = (struct option){o->name, o->has_arg, NULL, o->id};
        if (o->letter) {
            *s++ = o->letter;
            if (o->has_arg != no_argument) *s++ = ':';
            if (o->has_arg == optional_argument) *s++ = ':';
        }
    }
    *s = 0;
    optind = 0; /* glibc and musl: start afresh */
    opterr = 0;
}

void cli_opt_free(CliOptParser *p) {
    free(p->longs);
    free(p->shorts);
    p->longs = NULL;
    p->shorts = NULL;
}

bool cli_opt_usage_error(const char *prog, const char *fmt, const char *arg) {
    fprintf(stderr, "%s: error: ", prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
    return false;
}

static const CliOptSpec *by_id(const CliOptParser *p, int id) {
    for (size_t i = 0; i < p->n; i++)
        if (is_option(&p->table[i]) && p->table[i].id == id) return &p->table[i];
    return NULL;
}

/* "--name" of a long option argument ("--name=value"), in p->spelled_buf. */
static const char *long_spelling(CliOptParser *p, const char *arg) {
    size_t len = strcspn(arg, "=");
    if (len >= sizeof p->spelled_buf) len = sizeof p->spelled_buf - 1;
    memcpy(p->spelled_buf, arg, len);
    p->spelled_buf[len] = 0;
    return p->spelled_buf;
}

int cli_opt_next(CliOptParser *p) {
    int before = optind ? optind : 1;
    /* the argument getopt_long is about to read, when it starts a new one */
    const char *arg = before < p->argc ? p->argv[before] : NULL;
    bool is_long = arg && arg[0] == '-' && arg[1] == '-' && arg[2];
    int longindex = -1;
    p->value = NULL;
    p->spelled = NULL;
    int c = getopt_long(p->argc, p->argv, p->shorts, p->longs, &longindex);
    if (c == -1) {
        p->rest = optind;
        return CLI_OPT_END;
    }
    if (c == 1) {
        p->value = optarg;
        return CLI_OPT_INPUT;
    }
    if (c == ':') { /* a missing value */
        const CliOptSpec *s = by_id(p, optopt);
        char *msg = xasprintf("option '%%s' needs %s", s && s->needs ? s->needs : "a value");
        char shorts[3] = {'-', (char)optopt, 0};
        cli_opt_usage_error(p->prog, msg, is_long ? long_spelling(p, arg) : shorts);
        free(msg);
        return CLI_OPT_ERROR;
    }
    if (c == '?') { /* unknown, ambiguous, or a value it does not take */
        char shorts[3] = {'-', (char)optopt, 0};
        if (is_long && optopt) cli_opt_usage_error(p->prog, "option '%s' takes no value", long_spelling(p, arg));
        else cli_opt_usage_error(p->prog, "unknown option '%s'", is_long || !optopt ? (arg ? arg : "") : shorts);
        return CLI_OPT_ERROR;
    }
    const CliOptSpec *s = by_id(p, c);
    if (longindex >= 0) {
        /* getopt_long accepts any unambiguous abbreviation; racecheck does not */
        size_t n = strlen(s->name);
        if (strncmp(arg + 2, s->name, n) || (arg[2 + n] && arg[2 + n] != '=')) {
            cli_opt_usage_error(p->prog, "unknown option '%s'", long_spelling(p, arg));
            return CLI_OPT_ERROR;
        }
        p->spelled = long_spelling(p, arg);
    } else {
        snprintf(p->spelled_buf, sizeof p->spelled_buf, "-%c", c);
        p->spelled = p->spelled_buf;
    }
    p->value = optarg;
    return c;
}

const char *cli_opt_take_word(CliOptParser *p, const char *const *words) {
    if (p->value || optind >= p->argc) return NULL;
    for (const char *const *w = words; *w; w++)
        if (!strcmp(p->argv[optind], *w)) return p->value = p->argv[optind++];
    return NULL;
}

/* Print text from column `at` (the cursor is there), wrapped at HELP_WIDTH,
 * continuation lines indented to HELP_COLUMN. */
static void wrap(FILE *out, const char *text, int at) {
    int col = at;
    const char *w = text;
    while (*w) {
        size_t len = strcspn(w, " ");
        if (col > HELP_COLUMN && col + 1 + (int)len > HELP_WIDTH) {
            fprintf(out, "\n%*s", HELP_COLUMN, "");
            col = HELP_COLUMN;
        } else if (col > HELP_COLUMN) {
            fputc(' ', out);
            col++;
        }
        fwrite(w, 1, len, out);
        col += (int)len;
        w += len;
        while (*w == ' ') w++;
    }
    fputc('\n', out);
}

void cli_opt_help(FILE *out, const CliOptSpec *table, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const CliOptSpec *s = &table[i];
        if (s->heading) {
            fprintf(out, "%s%s\n", i ? "\n" : "", s->heading);
            continue;
        }
        char left[128];
        const char *m = s->metavar ? s->metavar : "VALUE";
        const char *eq = s->has_arg == optional_argument ? "[=" : "=";
        const char *close = s->has_arg == optional_argument ? "]" : "";
        if (!is_option(s)) snprintf(left, sizeof left, "%s", s->metavar);
        else if (s->name && s->letter && s->has_arg != no_argument)
            snprintf(left, sizeof left, "-%c, --%s%s%s%s", s->letter, s->name, eq, m, close);
        else if (s->name && s->letter) snprintf(left, sizeof left, "-%c, --%s", s->letter, s->name);
        else if (s->name && s->has_arg != no_argument)
            snprintf(left, sizeof left, "--%s%s%s%s", s->name, eq, m, close);
        else if (s->name) snprintf(left, sizeof left, "--%s", s->name);
        else if (s->has_arg != no_argument) snprintf(left, sizeof left, "-%c %s", s->letter, m);
        else snprintf(left, sizeof left, "-%c", s->letter);
        int col = fprintf(out, "  %s", left);
        if (col + 2 > HELP_COLUMN) {
            fprintf(out, "\n%*s", HELP_COLUMN, "");
        } else {
            fprintf(out, "%*s", HELP_COLUMN - col, "");
        }
        wrap(out, s->help ? s->help : "", HELP_COLUMN);
    }
}
