/*
 * glob.c - path globs for the configuration's include, exclude and
 * suppression patterns (see config.h for the syntax). Matching is a small
 * backtracking matcher over '/'-separated relative paths.
 */
#include "config.h"

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

static bool match_at(const char *p, const char *s) {
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            const char *rest = p + 2;
            bool dir = *rest == '/';
            if (dir) rest++;
            /* `**` (or `**\/`) matches any sequence of whole segments */
            if (match_at(rest, s)) return true;
            for (const char *q = s; *q; q++)
                if ((!dir || *q == '/') && match_at(rest, q + 1)) return true;
            return false;
        }
        if (*p == '*') {
            for (const char *q = s;; q++) {
                if (match_at(p + 1, q)) return true;
                if (!*q || *q == '/') return false;
            }
        }
        if (!*s) return false;
        if (*p == '?') {
            if (*s == '/') return false;
            p++;
            s++;
        } else if (*p == '[') {
            const char *end;
            if (*s == '/' || !class_match(p + 1, *s, &end)) return false;
            p = end;
            s++;
        } else {
            if (*p != *s) return false;
            p++;
            s++;
        }
    }
    return !*s;
}

bool glob_match(const char *pattern, const char *path) {
    while (path[0] == '.' && path[1] == '/') path += 2;
    return match_at(pattern, path);
}
