/*
 * datadir.c - where racecheck finds its data: the rules (API models) and the
 * rule pages. An installed racecheck (cmake --install, the .deb;
 * docs/install.md) looks beside itself first, so it uses its own files even
 * on the machine whose source tree it was built from; a racecheck in its
 * build folder finds the source tree compiled in.
 */
#include "cli.h"

#include "../base/base.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* rel[i] with "%s" replaced by the executable's folder, when it is a folder. */
static char *beside_exe(const char *rel) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) *slash = 0;
    char *c = xasprintf(rel, exe);
    if (is_dir(c)) return c;
    free(c);
    return NULL;
}

char *cli_find_dir(const char *given, const char *env, const char *builtin, const char *const *rel, size_t nrel) {
    if (given) return xstrdup(given);
    const char *e = env ? getenv(env) : NULL;
    if (e && e[0]) return xstrdup(e);
    char *d = nrel ? beside_exe(rel[0]) : NULL; /* the installed layout */
    if (d) return d;
    if (builtin && builtin[0] && is_dir(builtin)) return xstrdup(builtin);
    for (size_t i = 1; i < nrel; i++)
        if ((d = beside_exe(rel[i]))) return d;
    return NULL;
}
