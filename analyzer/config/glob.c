/*
 * glob.c - path globs for the configuration's include, exclude and
 * suppression patterns (see config.h for the syntax). Matching simulates
 * the pattern's automaton over '/'-separated relative paths: linear in the
 * path for a given pattern, never backtracking.
 */
#include "config.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

const char *glob_error(const char *pat) {
    if (!pat[0]) return "empty pattern";
    for (const char *p = pat; *p; p++) {
        if (*p == '[') {
            const char *q = p + 1;
            if (*q == '!' || *q == '^') q++;
            if (*q == ']') q++; /* a literal ] first in the class */
            while (*q && *q != ']') q++;
            if (!*q) return "unterminated '[' character class";
            if (q == p + 1) return "empty character class";
            p = q;
        } else if (*p == '*' && p[1] == '*' && p[2] == '*') {
            return "'***' (use '**' for any number of directories)";
        }
    }
    return NULL;
}

/* Does c match the class starting after '['? *end receives the char after ']'. */
static bool class_match(const char *p, char c, const char **end) {
    bool neg = *p == '!' || *p == '^';
    if (neg) p++;
    bool hit = false;
    const char *start = p;
    while (*p && (*p != ']' || p == start)) {
        if (p[1] == '-' && p[2] && p[2] != ']') {
            if (c >= p[0] && c <= p[2]) hit = true;
            p += 3;
        } else {
            if (c == *p) hit = true;
            p++;
        }
    }
    *end = *p ? p + 1 : p;
    return hit != neg;
}

/* The pattern as a list of tokens, matched by simulating the automaton they
 * form over the path, one character at a time, with the set of live tokens:
 * O(pattern x path) time whatever the pattern (issue 14: the backtracking
 * matcher this replaces took exponential time on `*a*a*a...b`). */
typedef enum {
    T_LIT,
    T_ANY,
    T_CLASS,
    T_STAR,
    T_DSTAR,
    T_DSTAR_DIR, /* `**` + '/': nothing, or anything ending in '/'; always followed by... */
    T_DIR_INNER, /* ...its inside (reached by consuming only): anything, then a '/' */
} TokKind;
typedef struct {
    TokKind kind;
    char c;            /* T_LIT */
    const char *class; /* T_CLASS: after the '[' */
} Tok;

static size_t tokenize(const char *p, Tok *t) {
    size_t n = 0;
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            /* `**` any sequence; `**` + '/' nothing or anything ending in '/' */
            bool dir = p[2] == '/';
            t[n++] = (Tok){dir ? T_DSTAR_DIR : T_DSTAR, 0, NULL};
            if (dir) t[n++] = (Tok){T_DIR_INNER, 0, NULL};
            p += dir ? 3 : 2;
        } else if (*p == '*') {
            t[n++] = (Tok){T_STAR, 0, NULL};
            p++;
        } else if (*p == '?') {
            t[n++] = (Tok){T_ANY, 0, NULL};
            p++;
        } else if (*p == '[') {
            const char *end;
            class_match(p + 1, 0, &end);
            t[n++] = (Tok){T_CLASS, 0, p + 1};
            p = end;
        } else {
            t[n++] = (Tok){T_LIT, *p, NULL};
            p++;
        }
    }
    return n;
}

/* Adds token i to the live set, with the tokens after it that may match
 * nothing (the stars). live[n] is the accepting state. */
static void add_state(const Tok *t, size_t n, bool *live, size_t i) {
    while (i <= n && !live[i]) {
        live[i] = true;
        if (i == n) break;
        if (t[i].kind == T_STAR || t[i].kind == T_DSTAR) i++;
        else if (t[i].kind == T_DSTAR_DIR) i += 2; /* past its inside */
        else break;
    }
}

static bool match_tokens(const Tok *t, size_t n, const char *s, bool *cur, bool *next) {
    memset(cur, 0, n + 1);
    add_state(t, n, cur, 0);
    for (; *s; s++) {
        char c = *s;
        bool any = false;
        memset(next, 0, n + 1);
        for (size_t i = 0; i < n; i++) {
            if (!cur[i]) continue;
            const char *end;
            switch (t[i].kind) {
            case T_LIT:
                if (c == t[i].c) add_state(t, n, next, i + 1);
                break;
            case T_ANY:
                if (c != '/') add_state(t, n, next, i + 1);
                break;
            case T_CLASS:
                if (c != '/' && class_match(t[i].class, c, &end)) add_state(t, n, next, i + 1);
                break;
            case T_STAR:
                if (c != '/') add_state(t, n, next, i);
                break;
            case T_DSTAR:
                add_state(t, n, next, i);
                break;
            case T_DSTAR_DIR:
                add_state(t, n, next, i + 1);
                if (c == '/') add_state(t, n, next, i + 2);
                break;
            case T_DIR_INNER:
                add_state(t, n, next, i);
                if (c == '/') add_state(t, n, next, i + 1);
                break;
            }
        }
        for (size_t i = 0; i <= n; i++) any |= next[i];
        if (!any) return false;
        bool *tmp = cur;
        cur = next;
        next = tmp;
    }
    return cur[n];
}

bool glob_match(const char *pattern, const char *path) {
    while (path[0] == '.' && path[1] == '/') path += 2;
    size_t plen = strlen(pattern);
    enum { SMALL = 128 };
    Tok tsmall[SMALL] = {{0}}; /* written by tokenize before use; zeroed for GCC -O2 -Wmaybe-uninitialized */
    bool bsmall[2 * (SMALL + 1)];
    bool big = plen >= SMALL;
    Tok *t = big ? xmalloc((plen + 1) * sizeof(Tok)) : tsmall;
    bool *live = big ? xmalloc(2 * (plen + 1)) : bsmall;
    size_t n = tokenize(pattern, t);
    bool r = match_tokens(t, n, path, live, live + n + 1);
    if (big) {
        free(t);
        free(live);
    }
    return r;
}
