/*
 * inputs.c - finding the translation units to analyse: a compile database
 * (compile_commands.json, parsed with cJSON), a directory walk that infers
 * include paths from where the headers are, or a plain list of files.
 *
 * Every unit comes out with an absolute, normalised source path (realpath
 * when the file exists), an absolute working directory and the compiler
 * arguments libclang needs: the compiler name, -c, -o, the options that
 * write files (dependency files, traces, temporaries, statistics, crash
 * reproducers, module caches, plugins; also spelled with -Xclang,
 * -Xpreprocessor or -Wp,) and the source file itself are dropped, and relative include
 * paths (-I, -isystem, -iquote, -include, -idirafter, -imacros) are made
 * absolute against the command's directory, because libclang resolves them
 * against the process's working directory, not the entry's.
 *
 * Problems with the input are diagnostics (DIAG_ERROR); FE_ERROR says the
 * input as a whole is unusable. Output order is deterministic: database
 * order (first entry wins for duplicate files), command-line order, or the
 * sorted directory walk.
 */
#include "frontend.h"

#include <cjson/cJSON.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef VEC(char *) StrVec;

static void strvec_free(StrVec *v) {
    for (size_t i = 0; i < v->len; i++) free(v->data[i]);
    vec_free(v);
}

/* ---- paths ---------------------------------------------------------------- */

static char *cwd_dup(void) {
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return xstrdup(".");
    return xstrdup(buf);
}

/* rel against dir (rel unchanged when absolute or dir empty). */
static char *path_join(const char *dir, const char *rel) {
    if (rel[0] == '/' || !dir || !dir[0]) return xstrdup(rel);
    size_t n = strlen(dir);
    return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

/* Lexical normalisation: drops "." segments, empty segments and "x/..". */
static char *path_normalize(const char *p) {
    char *copy = xstrdup(p), *save = NULL;
    const char **seg = xmalloc((strlen(p) / 2 + 2) * sizeof(char *));
    size_t n = 0, len = 0;
    bool abs = p[0] == '/';
    for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        bool up = strcmp(t, "..") == 0;
        if (strcmp(t, ".") == 0 || (up && abs && !n)) continue; /* "/.." is "/" */
        if (up && n && strcmp(seg[n - 1], "..") != 0) n--;
        else seg[n++] = t;
    }
    char *out = xmalloc(strlen(p) + 2);
    if (abs) out[len++] = '/';
    for (size_t i = 0; i < n; i++) {
        size_t sl = strlen(seg[i]);
        if (i) out[len++] = '/';
        memcpy(out + len, seg[i], sl);
        len += sl;
    }
    if (!len) out[len++] = '.';
    out[len] = 0;
    free(seg);
    free(copy);
    return out;
}

/* realpath(p) when it exists, else the lexically normalised p. */
static char *path_canonical(const char *p) {
    char buf[PATH_MAX];
    if (realpath(p, buf)) return xstrdup(buf);
    return path_normalize(p);
}

/* Canonical absolute form of rel resolved against dir (dir absolute). */
static char *path_resolve(const char *dir, const char *rel) {
    char *j = path_join(dir, rel);
    char *c = path_canonical(j);
    free(j);
    return c;
}

static const char *path_base(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool has_suffix(const char *s, const char *suf) {
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

static bool is_regular(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- units ---------------------------------------------------------------- */

typedef VEC(FeUnit) UnitVec;

static void unit_free(FeUnit *u) {
    free(u->file);
    free(u->directory);
    for (size_t i = 0; i < u->nargs; i++) free(u->args[i]);
    free(u->args);
    memset(u, 0, sizeof *u);
}

/* Appends a unit taking ownership of file, directory and args (+ extra copies). */
static void unit_push(UnitVec *v, char *file, char *dir, StrVec *args, const char *const *extra,
                      size_t nextra) {
    for (size_t i = 0; i < nextra; i++) vec_push(args, xstrdup(extra[i]));
    FeUnit u = {file, dir, args->data, args->len};
    if (!u.args) u.args = xmalloc(sizeof(char *));
    vec_push(v, u);
    memset(args, 0, sizeof *args);
}

static void units_free(UnitVec *v) {
    for (size_t i = 0; i < v->len; i++) unit_free(&v->data[i]);
    vec_free(v);
}

static void inputs_set(FeInputs *in, UnitVec *v, char *root) {
    in->units = v->data;
    in->nunits = v->len;
    in->root = root;
}

size_t fe_inputs_filter(FeInputs *in, bool (*keep)(void *ctx, const char *file), void *ctx) {
    size_t k = 0, dropped = 0;
    for (size_t i = 0; i < in->nunits; i++) {
        if (keep(ctx, in->units[i].file)) in->units[k++] = in->units[i];
        else {
            unit_free(&in->units[i]);
            dropped++;
        }
    }
    in->nunits = k;
    return dropped;
}

void fe_inputs_free(FeInputs *in) {
    if (!in) return;
    for (size_t i = 0; i < in->nunits; i++) unit_free(&in->units[i]);
    free(in->units);
    free(in->root);
    memset(in, 0, sizeof *in);
}

/* ---- compile command arguments ------------------------------------------- */

/* Splits a command line like a POSIX shell does (quotes, backslashes; no
 * expansions). Returns false on an unterminated quote. */
static bool shell_split(const char *s, StrVec *out) {
    size_t cap = strlen(s) + 1;
    char *tok = xmalloc(cap);
    bool ok = true;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
        if (!*s) break;
        size_t n = 0;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
            if (*s == '\'') {
                s++;
                while (*s && *s != '\'') tok[n++] = *s++;
                if (!*s) ok = false;
                else s++;
            } else if (*s == '"') {
                s++;
                while (*s && *s != '"') {
                    if (*s == '\\' && (s[1] == '"' || s[1] == '\\' || s[1] == '$' || s[1] == '`')) s++;
                    else if (*s == '\\' && s[1] == '\n') {
                        s += 2;
                        continue;
                    }
                    tok[n++] = *s++;
                }
                if (!*s) ok = false;
                else s++;
            } else if (*s == '\\') {
                s++;
                if (*s == '\n') s++;
                else if (*s) tok[n++] = *s++;
            } else {
                tok[n++] = *s++;
            }
        }
        tok[n] = 0;
        vec_push(out, xstrdup(tok));
    }
    free(tok);
    return ok;
}

/* Options whose value is a path to make absolute (separate or joined). */
static const char *const path_opts[] = {"-isystem", "-iquote", "-idirafter", "-include", "-imacros", "-I"};
/* Options taking a separate value that is not the source file. */
static const char *const value_opts[] = {
    "-D", "-U", "-x", "-Xclang", "-Xpreprocessor", "-Xassembler", "-Xlinker", "-target", "-arch",
    "-L", "-l", "-isysroot", "--sysroot", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
    "-ivfsoverlay", "-aux-info", "-u", "-z", "-T", "-mllvm"};
/* Options that make the compiler write files (dependency files, traces,
 * temporaries, statistics, profiles, crash reproducers, module caches) or
 * load code (plugins), and LLVM's own options: none is needed to parse, and
 * a compile database from a pull request must not make racecheck write
 * anywhere (issue 14.3). Dropped in both spellings, separate and joined. */
/* Dropped together with their separate value (the joined form `-oFILE`,
 * `-MFFILE`, `--output=FILE` too). */
static const char *const drop_value_opts[] = {
    "-o", "-MF", "-MT", "-MQ", "-MJ", "--output", "--serialize-diagnostics", "-mllvm", "-dependency-file",
    "-dependency-dot", "-header-include-file", "-module-dependency-dir", "-serialize-diagnostic-file",
    "-diagnostic-log-file", "-load", "-plugin", "-add-plugin", "-fplugin", "-fpass-plugin"};
/* Dropped alone. */
static const char *const drop_opts[] = {
    "-c", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-MV", "--write-dependencies", "--write-user-dependencies",
    "--dependencies", "--user-dependencies", "--print-missing-file-dependencies", "-save-temps", "--save-temps",
    "-ftime-trace", "-save-stats", "--save-stats", "-fprofile-arcs", "-ftest-coverage", "--coverage", "-coverage",
    "-fprofile-generate", "-fprofile-instr-generate", "-fcs-profile-generate", "-fmodules", "-fcxx-modules",
    "-fimplicit-modules", "-gen-reproducer", "-fcrash-diagnostics", "-fsave-optimization-record",
    "-sys-header-deps", "-module-file-deps", "-print-stats", "-fproc-stat-report", "-fdump-record-layouts"};
/* Dropped with whatever is joined to them. */
static const char *const drop_prefixes[] = {
    "-save-temps=", "--save-temps=", "-ftime-trace=", "-ftime-trace-granularity=", "-save-stats=",
    "--save-stats=", "-stats-file=", "-fcrash-diagnostics-dir=", "-fcrash-diagnostics=", "-fprofile-generate=",
    "-fprofile-instr-generate=", "-fcs-profile-generate=", "-fprofile-update=", "-fprofile-dir=",
    "-fcoverage-data-file=", "-fcoverage-notes-file=", "-fmodules-", "-fmodule-file=", "-fplugin=",
    "-fpass-plugin=", "-fplugin-arg-", "-plugin-arg-", "-fproc-stat-report=", "-foptimization-record-file=",
    "-fsave-optimization-record=", "-Xarch_", "--output="};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool in_list(const char *s, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0) return true;
    return false;
}

static bool has_prefix_in(const char *s, const char *const *list, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strncmp(s, list[i], strlen(list[i])) == 0) return true;
    return false;
}

/* Is the option a (driver or cc1) option that writes or loads files, in any
 * spelling? *takes_value: its value is the next argument. */
static bool writes_files(const char *a, bool *takes_value) {
    *takes_value = false;
    if (in_list(a, drop_opts, COUNT(drop_opts))) return true;
    if (in_list(a, drop_value_opts, COUNT(drop_value_opts)) || strncmp(a, "-Xarch_", 7) == 0) {
        *takes_value = true;
        return true;
    }
    if (has_prefix_in(a, drop_prefixes, COUNT(drop_prefixes))) return true;
    /* joined: -oFILE, -MFFILE, -MTx, -MQx, -MJFILE */
    static const char *const joined[] = {"-o", "-MF", "-MT", "-MQ", "-MJ"};
    return has_prefix_in(a, joined, COUNT(joined));
}

/* A value given to clang's front end itself (-Xclang V, -Xpreprocessor V):
 * the cc1 options that write or load files, and, since cc1 has many, any
 * whose name says it names a file, folder, output, plugin, trace or
 * statistics. */
static bool cc1_writes_files(const char *v, bool *takes_value) {
    if (writes_files(v, takes_value)) return true;
    static const char *const words[] = {"file", "-dir", "output", "plugin", "load", "trace", "stats", "dump",
                                        "emit", "cache", "reproducer", "record"};
    if (v[0] != '-') return false;
    for (size_t i = 0; i < COUNT(words); i++)
        if (strstr(v, words[i])) {
            *takes_value = !strchr(v, '=');
            return true;
        }
    return false;
}

/* `-Wp,A,B,...` without the dependency-file options (-MD F, -MMD F, -MF F,
 * ...); NULL when nothing is left. */
static char *wp_filtered(const char *a) {
    char *copy = xstrdup(a + 4), *save = NULL;
    char *out = xstrdup("-Wp");
    bool kept = false, skip_next = false;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        bool takes = false;
        if (skip_next) {
            skip_next = false;
            continue;
        }
        if (cc1_writes_files(t, &takes)) {
            /* the preprocessor's -MD and -MMD take the file (GCC's cpp) */
            skip_next = takes || !strcmp(t, "-MD") || !strcmp(t, "-MMD");
            continue;
        }
        char *n = xasprintf("%s,%s", out, t);
        free(out);
        out = n;
        kept = true;
    }
    free(copy);
    if (!kept) {
        free(out);
        return NULL;
    }
    return out;
}

static bool is_wrapper(const char *argv0) {
    const char *b = path_base(argv0);
    return strcmp(b, "ccache") == 0 || strcmp(b, "distcc") == 0 || strcmp(b, "sccache") == 0;
}

/* Turns a compiler command line (argv[0] = compiler) into libclang args. */
static void filter_args(char **argv, size_t argc, const char *dir, const char *file_written,
                        const char *file_abs, StrVec *out) {
    size_t i = 1;
    if (argc > 1 && is_wrapper(argv[0]) && argv[1][0] != '-') i = 2;
    for (; i < argc; i++) {
        const char *a = argv[i];
        bool has_next = i + 1 < argc;
        bool takes_value;
        if (writes_files(a, &takes_value)) {
            if (takes_value) i++;
            continue;
        }
        /* -Xclang V / -Xpreprocessor V: the option V for cc1; when V takes
         * a value, that comes as the next -Xclang's */
        if ((strcmp(a, "-Xclang") == 0 || strcmp(a, "-Xpreprocessor") == 0) && has_next) {
            if (cc1_writes_files(argv[i + 1], &takes_value)) {
                i++;
                if (takes_value && i + 2 < argc && strcmp(argv[i + 1], a) == 0 && argv[i + 2][0] != '-') i += 2;
                continue;
            }
        }
        if (strncmp(a, "-Wp,", 4) == 0) {
            char *w = wp_filtered(a);
            if (w) vec_push(out, w);
            continue;
        }
        bool handled = false;
        for (size_t k = 0; k < COUNT(path_opts) && !handled; k++) {
            const char *o = path_opts[k];
            size_t ol = strlen(o);
            if (strncmp(a, o, ol) != 0) continue;
            handled = true;
            bool sep = a[ol] == 0;
            const char *v = sep ? (has_next ? argv[++i] : NULL) : a + ol;
            if (sep) vec_push(out, xstrdup(a));
            if (!v) break;
            /* -include/-imacros FILE is looked up in the working directory first,
             * then along the include path: absolute only when it is there. */
            char *abs = v[0] == '=' || v[0] == '-' ? NULL : path_resolve(dir, v);
            bool file_opt = strcmp(o, "-include") == 0 || strcmp(o, "-imacros") == 0;
            if (abs && file_opt && !is_regular(abs)) {
                free(abs);
                abs = NULL;
            }
            const char *val = abs ? abs : v; /* "=dir" is sysroot-relative, "-I-" stays */
            vec_push(out, sep ? xstrdup(val) : xasprintf("%s%s", o, val));
            free(abs);
        }
        if (handled) continue;
        if (in_list(a, value_opts, COUNT(value_opts))) {
            vec_push(out, xstrdup(a));
            if (has_next) vec_push(out, xstrdup(argv[++i]));
            continue;
        }
        if (a[0] != '-') {
            if (strcmp(a, file_written) == 0) continue;
            char *r = path_resolve(dir, a);
            bool same = strcmp(r, file_abs) == 0;
            free(r);
            if (same) continue;
            if (has_suffix(a, ".o") || has_suffix(a, ".a") || has_suffix(a, ".so")) continue;
        }
        vec_push(out, xstrdup(a));
    }
}

/* ---- compile_commands.json ------------------------------------------------ */

typedef struct {
    const char *dbpath;  /* as the user named it, for messages */
    const char *dbdir;   /* absolute folder holding the database */
    DiagSink *diags;
} CdbCtx;

/* One database entry to a unit; false (with a diagnostic) when malformed. */
static bool cdb_entry(const CdbCtx *c, const cJSON *e, size_t idx, UnitVec *units,
                      const char *const *extra, size_t nextra) {
    if (!cJSON_IsObject(e)) {
        diag_report(c->diags, DIAG_ERROR, c->dbpath, 0, 0, "entry %zu: not an object", idx);
        return false;
    }
    const cJSON *jfile = cJSON_GetObjectItemCaseSensitive(e, "file");
    const cJSON *jdir = cJSON_GetObjectItemCaseSensitive(e, "directory");
    const cJSON *jargs = cJSON_GetObjectItemCaseSensitive(e, "arguments");
    const cJSON *jcmd = cJSON_GetObjectItemCaseSensitive(e, "command");
    if (!cJSON_IsString(jfile) || !jfile->valuestring[0]) {
        diag_report(c->diags, DIAG_ERROR, c->dbpath, 0, 0, "entry %zu: missing \"file\"", idx);
        return false;
    }
    if (jdir && !cJSON_IsString(jdir)) {
        diag_report(c->diags, DIAG_ERROR, c->dbpath, 0, 0, "entry %zu: \"directory\" is not a string", idx);
        return false;
    }
    StrVec argv = {0};
    if (jargs) {
        bool ok = cJSON_IsArray(jargs);
        const cJSON *it;
        if (ok) cJSON_ArrayForEach(it, jargs) {
                if (!cJSON_IsString(it)) ok = false;
                else vec_push(&argv, xstrdup(it->valuestring));
            }
        if (!ok) {
            diag_report(c->diags, DIAG_ERROR, c->dbpath, 0, 0,
                        "entry %zu: \"arguments\" is not an array of strings", idx);
            strvec_free(&argv);
            return false;
        }
    } else if (cJSON_IsString(jcmd)) {
        if (!shell_split(jcmd->valuestring, &argv)) {
            diag_report(c->diags, DIAG_ERROR, c->dbpath, 0, 0, "entry %zu: unterminated quote in \"command\"",
                        idx);
            strvec_free(&argv);
            return false;
        }
    } else {
        diag_report(c->diags, DIAG_ERROR, c->dbpath, 0, 0,
                    jcmd ? "entry %zu: \"command\" is not a string" : "entry %zu: missing \"arguments\" or \"command\"",
                    idx);
        return false;
    }
    char *dir = path_resolve(c->dbdir, jdir && jdir->valuestring[0] ? jdir->valuestring : ".");
    char *file = path_resolve(dir, jfile->valuestring);
    StrVec args = {0};
    filter_args(argv.data, argv.len, dir, jfile->valuestring, file, &args);
    strvec_free(&argv);
    unit_push(units, file, dir, &args, extra, nextra);
    return true;
}

/* Keeps the units for the given files (first entry per file), reporting the
 * files the database does not mention. */
static bool cdb_select(UnitVec *units, const char *dbpath, const char *const *files, size_t nfiles,
                       DiagSink *diags) {
    char *cwd = cwd_dup();
    char **want = xcalloc(nfiles ? nfiles : 1, sizeof(char *));
    StrMap wanted, seen; /* keys: realpaths owned by want[] and the kept units */
    strmap_init(&wanted);
    strmap_init(&seen);
    for (size_t k = 0; k < nfiles; k++) {
        want[k] = path_resolve(cwd, files[k]);
        strmap_put(&wanted, want[k], want[k]);
    }
    UnitVec kept = {0};
    for (size_t i = 0; i < units->len; i++) {
        FeUnit *u = &units->data[i];
        if ((!nfiles || strmap_get(&wanted, u->file)) && !strmap_get(&seen, u->file)) {
            strmap_put(&seen, u->file, u->file);
            vec_push(&kept, *u);
        } else {
            unit_free(u);
        }
    }
    bool ok = true;
    for (size_t k = 0; k < nfiles; k++)
        if (!strmap_get(&seen, want[k])) {
            diag_report(diags, DIAG_ERROR, files[k], 0, 0, "not in %s", dbpath);
            ok = false;
        }
    strmap_free(&wanted);
    strmap_free(&seen);
    for (size_t k = 0; k < nfiles; k++) free(want[k]);
    free(want);
    free(cwd);
    vec_free(units);
    *units = kept;
    return ok;
}

FeStatus fe_inputs_from_cdb(FeInputs *in, const char *build_dir, const char *const *files,
                            size_t nfiles, const char *const *extra_flags, size_t nextra,
                            DiagSink *diags) {
    memset(in, 0, sizeof *in);
    /* BUILD_DIR may also name the database file itself. */
    bool direct = is_regular(build_dir) && has_suffix(build_dir, ".json");
    char *dbpath = direct ? xstrdup(build_dir) : path_join(build_dir, "compile_commands.json");
    char *cwd = cwd_dup();
    char *dbdir;
    if (direct) {
        char *abs = path_resolve(cwd, build_dir);
        char *slash = strrchr(abs, '/');
        if (slash == abs) slash[1] = 0;
        else if (slash) *slash = 0;
        dbdir = abs;
    } else {
        dbdir = path_resolve(cwd, build_dir);
    }
    free(cwd);

    FeStatus st = FE_ERROR;
    UnitVec units = {0};
    cJSON *root = NULL;
    int err = 0;
    char *text = base_read_file(dbpath, NULL, &err);
    if (!text) {
        diag_report(diags, DIAG_ERROR, NULL, 0, 0, "cannot read %s: %s", dbpath, strerror(err));
        goto out;
    }
    const char *end = NULL;
    root = cJSON_ParseWithOpts(text, &end, 1);
    if (!root) {
        const char *pos = end ? end : cJSON_GetErrorPtr();
        /* a truncated file fails at its end: name its last line, not the empty one after it */
        if (pos && !*pos)
            while (pos > text && (pos[-1] == '\n' || pos[-1] == ' ' || pos[-1] == '\t' || pos[-1] == '\r')) pos--;
        unsigned line = pos ? base_line_of(text, pos) : 0;
        diag_report(diags, DIAG_ERROR, dbpath, line, 0, "not valid JSON (near line %u)", line);
        goto out;
    }
    if (!cJSON_IsArray(root)) {
        diag_report(diags, DIAG_ERROR, dbpath, 0, 0, "not a JSON array of compile commands");
        goto out;
    }
    CdbCtx c = {dbpath, dbdir, diags};
    size_t idx = 0, nentries = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, root) {
        nentries++;
        cdb_entry(&c, e, idx++, &units, extra_flags, nextra);
    }
    bool selected = cdb_select(&units, dbpath, files, nfiles, diags);
    if (!units.len) {
        if (!nentries) diag_report(diags, DIAG_ERROR, dbpath, 0, 0, "the database holds no compile commands");
        goto out;
    }
    if (!selected) goto out;
    inputs_set(in, &units, dbdir);
    dbdir = NULL;
    st = FE_OK;
out:
    if (st != FE_OK) units_free(&units);
    cJSON_Delete(root);
    free(text);
    free(dbpath);
    free(dbdir);
    return st;
}

/* ---- a list of files ------------------------------------------------------ */

FeStatus fe_inputs_from_files(FeInputs *in, const char *const *files, size_t nfiles,
                              const char *const *flags, size_t nflags, DiagSink *diags) {
    memset(in, 0, sizeof *in);
    char *cwd = cwd_dup();
    UnitVec units = {0};
    StrMap seen; /* keys owned by the units */
    strmap_init(&seen);
    bool ok = true;
    for (size_t i = 0; i < nfiles; i++) {
        struct stat st;
        if (stat(files[i], &st) != 0) {
            diag_report(diags, DIAG_ERROR, files[i], 0, 0, "%s", strerror(errno));
            ok = false;
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            diag_report(diags, DIAG_ERROR, files[i], 0, 0, "not a regular file");
            ok = false;
            continue;
        }
        char *file = path_resolve(cwd, files[i]);
        if (strmap_get(&seen, file)) { /* named twice */
            free(file);
            continue;
        }
        strmap_put(&seen, file, file);
        StrVec args = {0};
        unit_push(&units, file, xstrdup(cwd), &args, flags, nflags);
    }
    strmap_free(&seen);
    if (!ok) {
        units_free(&units);
        free(cwd);
        return FE_ERROR;
    }
    inputs_set(in, &units, cwd);
    return FE_OK;
}

/* ---- a directory walk ----------------------------------------------------- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir, without hidden entries. */
static bool list_dir(const char *dir, StrVec *names) {
    DIR *d = opendir(dir);
    if (!d) return false;
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') vec_push(names, xstrdup(de->d_name));
    closedir(d);
    if (names->len > 1) qsort(names->data, names->len, sizeof(char *), cmp_str);
    return true;
}

enum { WALK_MAX_DEPTH = 64 };

/* Collects *.c files and the folders holding *.h files below dir. Symbolic
 * links to folders are not followed (no cycles). */
static void walk(const char *dir, int depth, StrVec *sources, StrVec *incdirs) {
    StrVec names = {0};
    if (depth > WALK_MAX_DEPTH || !list_dir(dir, &names)) return;
    bool has_header = false;
    for (size_t i = 0; i < names.len; i++) {
        char *p = path_join(dir, names.data[i]);
        struct stat lst, st;
        if (lstat(p, &lst) != 0 || stat(p, &st) != 0) {
            free(p);
            continue;
        }
        if (S_ISREG(st.st_mode)) {
            if (has_suffix(names.data[i], ".c")) {
                vec_push(sources, p);
                p = NULL;
            } else if (has_suffix(names.data[i], ".h")) {
                has_header = true;
            }
        } else if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode) && strcmp(names.data[i], "CMakeFiles") != 0) {
            char *cache = path_join(p, "CMakeCache.txt");
            bool build = is_regular(cache);
            free(cache);
            if (!build) walk(p, depth + 1, sources, incdirs);
        }
        free(p);
    }
    if (has_header) vec_push(incdirs, xstrdup(dir));
    strvec_free(&names);
}

static void push_unique(StrVec *v, const char *s) {
    for (size_t i = 0; i < v->len; i++)
        if (strcmp(v->data[i], s) == 0) return;
    vec_push(v, xstrdup(s));
}

FeStatus fe_inputs_from_dir(FeInputs *in, const char *dir, const char *const *flags, size_t nflags,
                            DiagSink *diags) {
    memset(in, 0, sizeof *in);
    struct stat st;
    if (stat(dir, &st) != 0) {
        diag_report(diags, DIAG_ERROR, dir, 0, 0, "%s", strerror(errno));
        return FE_ERROR;
    }
    if (!S_ISDIR(st.st_mode)) {
        diag_report(diags, DIAG_ERROR, dir, 0, 0, "not a directory");
        return FE_ERROR;
    }
    char *cwd = cwd_dup();
    char *root = path_resolve(cwd, dir);
    free(cwd);

    const char *const cdb_dirs[] = {"", "build"};
    for (size_t i = 0; i < COUNT(cdb_dirs); i++) {
        char *bdir = cdb_dirs[i][0] ? path_join(root, cdb_dirs[i]) : xstrdup(root);
        char *db = path_join(bdir, "compile_commands.json");
        bool found = is_regular(db);
        free(db);
        if (found) {
            FeStatus s = fe_inputs_from_cdb(in, bdir, NULL, 0, flags, nflags, diags);
            free(bdir);
            if (s == FE_OK) {
                free(in->root);
                in->root = root;
            } else {
                free(root);
            }
            return s;
        }
        free(bdir);
    }

    StrVec sources = {0}, found_inc = {0};
    walk(root, 0, &sources, &found_inc);
    if (found_inc.len > 1) qsort(found_inc.data, found_inc.len, sizeof(char *), cmp_str);
    StrVec incs = {0};
    push_unique(&incs, root);
    char *rinc = path_join(root, "include");
    if (stat(rinc, &st) == 0 && S_ISDIR(st.st_mode)) push_unique(&incs, rinc);
    free(rinc);
    for (size_t i = 0; i < found_inc.len; i++) push_unique(&incs, found_inc.data[i]);
    strvec_free(&found_inc);

    UnitVec units = {0};
    for (size_t i = 0; i < sources.len; i++) {
        StrVec args = {0};
        for (size_t k = 0; k < incs.len; k++) vec_push(&args, xasprintf("-I%s", incs.data[k]));
        unit_push(&units, path_canonical(sources.data[i]), xstrdup(root), &args, flags, nflags);
    }
    strvec_free(&sources);
    strvec_free(&incs);
    inputs_set(in, &units, root);
    return FE_OK;
}
