/*
 * build_cmd.c - build capture: `racecheck build [OPTIONS] [FILE.c...] --
 * BUILD_COMMAND...` runs the user's build and analyses what it compiled,
 * with the flags it compiled it with (docs/install.md). The compiler calls
 * are recorded by Debian's `bear` into .racecheck/build/compile_commands.json
 * of the current directory (never the project's own compile_commands.json),
 * appended to, so a build that is up to date still finds every unit of the
 * builds before it. `cmake --build DIR` of a tree configured with
 * CMAKE_EXPORT_COMPILE_COMMANDS needs no bear: CMake's own export,
 * DIR/compile_commands.json, is read after the build.
 *
 * Why a subcommand and not `racecheck -- make`: everything after `--` is
 * already the compiler's flags (`racecheck f.c -- -DNDEBUG`), and a flag may
 * be a word (`-- -include config.h` after inputs given elsewhere), so the
 * meaning of `--` would depend on what follows it. `racecheck -- make` with
 * no inputs is an error whose message names `racecheck build -- make`.
 *
 * Also here: the note `racecheck DIR` gives when DIR has a build system but
 * no compile database (cli_build_hint).
 */
#include "cli.h"
#include "optable.h"

#include "../base/base.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CAPTURE_DIR ".racecheck/build"

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The program's full path on $PATH (malloc'd), or NULL. */
static char *on_path(const char *prog) {
    if (strchr(prog, '/')) return access(prog, X_OK) == 0 ? xstrdup(prog) : NULL;
    const char *path = getenv("PATH");
    if (!path) path = "/usr/bin:/bin";
    for (const char *p = path;; p++) {
        size_t len = strcspn(p, ":");
        char *c = xasprintf("%.*s/%s", (int)len, len ? p : ".", prog);
        if (access(c, X_OK) == 0 && is_file(c)) return c;
        free(c);
        p += len;
        if (!*p) return NULL;
    }
}

static void usage(FILE *out) {
    fputs("Usage: racecheck build [options] [FILE.c...] -- BUILD_COMMAND...\n"
          "\n"
          "Run BUILD_COMMAND (make -j8, ./build.sh, ninja -C out, cmake --build DIR) and\n"
          "analyse every C file it compiled, with the flags it compiled it with. The\n"
          "compiler calls are recorded by bear (Debian package bear) into\n"
          "" CAPTURE_DIR "/compile_commands.json in the current directory, adding to\n"
          "the builds recorded before, so an up-to-date build still analyses them all;\n"
          "`racecheck -p " CAPTURE_DIR "` analyses the last capture again without\n"
          "building. `cmake --build DIR` of a tree configured with\n"
          "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON needs no bear: DIR/compile_commands.json is\n"
          "read. FILEs: analyse only these units of the capture.\n"
          "\n"
          "The options are racecheck's (racecheck --help), except -p. A build that fails\n"
          "is not analysed (exit status 2). docs/install.md.\n",
          out);
}

/* `cmake --build DIR ...`: DIR when CMake exports its compile commands
 * there (malloc'd), else NULL. CMake writes DIR/compile_commands.json when
 * it generates the build system (CMAKE_EXPORT_COMPILE_COMMANDS, in the
 * cache or in the project's CMakeLists.txt), before the build, and keeps
 * it current at every build that regenerates. */
static char *cmake_export_dir(const char *const *cmd, size_t n) {
    const char *base = strrchr(cmd[0], '/');
    base = base ? base + 1 : cmd[0];
    if (strcmp(base, "cmake")) return NULL;
    const char *dir = NULL;
    for (size_t i = 1; i < n; i++) {
        if (!strcmp(cmd[i], "--build") && i + 1 < n) dir = cmd[i + 1];
        else if (!strncmp(cmd[i], "--build=", 8)) dir = cmd[i] + 8;
    }
    if (!dir) return NULL;
    char *cache = xasprintf("%s/CMakeCache.txt", dir), *db = xasprintf("%s/compile_commands.json", dir);
    bool exports = is_file(cache) && is_file(db);
    free(cache);
    free(db);
    return exports ? xstrdup(dir) : NULL;
}

/* Run argv (NULL-terminated) and wait; its exit status, or 128 + the signal
 * that ended it, or -1 when it could not be started (errno kept). */
static int run(char *const *argv) {
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "racecheck build: error: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    /* Ctrl-C reaches the build (the same process group); racecheck waits for it */
    struct sigaction ign = {.sa_handler = SIG_IGN}, oint, oquit;
    sigaction(SIGINT, &ign, &oint);
    sigaction(SIGQUIT, &ign, &oquit);
    int st;
    pid_t w;
    while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {}
    sigaction(SIGINT, &oint, NULL);
    sigaction(SIGQUIT, &oquit, NULL);
    if (w < 0) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static bool mkdirs(const char *path) {
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0777) && errno != EEXIST) break;
        *s = '/';
    }
    bool ok = mkdir(p, 0777) == 0 || errno == EEXIST;
    free(p);
    return ok;
}

/* Whether the compile database at path holds at least one command (it is
 * read properly by the front end; this only tells "compiled nothing"). */
static bool db_has_commands(const char *path) {
    int err;
    char *text = base_read_file(path, NULL, &err);
    bool any = text && strstr(text, "\"file\"");
    free(text);
    return any;
}

int cli_build_main(int argc, char **argv) {
    /* argv[1] is "build": parse from it, so usage errors say "racecheck build" */
    size_t n;
    const CliOptSpec *table = cli_option_table(&n);
    CliOptions o;
    int rc = EXIT_FATAL;
    char *cmake_dir = NULL, *bear = NULL, *build_dir = NULL;
    if (!cli_parse_table(table, n, "racecheck build", argc - 1, argv + 1, &o, NULL, NULL)) goto out;
    if (o.help) {
        usage(stdout);
        rc = EXIT_CLEAN;
        goto out;
    }
    if (o.build_dir) {
        cli_opt_usage_error("racecheck build", "option '-p' is not used here: racecheck build makes the compile "
                            "database (racecheck -p %s analyses one that exists)", o.build_dir);
        goto out;
    }
    if (!o.nclang_flags) {
        cli_opt_usage_error("racecheck build", "no build command: give it after --, as in racecheck build -- %s",
                            "make -j8");
        goto out;
    }
    const char *const *cmd = (const char *const *)o.clang_flags;
    size_t ncmd = o.nclang_flags;
    char **args = xcalloc(ncmd + 8, sizeof *args);
    size_t k = 0;
    if ((cmake_dir = cmake_export_dir(cmd, ncmd))) {
        build_dir = xstrdup(cmake_dir); /* CMake writes the database itself */
    } else {
        if (!(bear = on_path("bear"))) {
            fprintf(stderr, "racecheck build: error: bear is not installed: it records the build's compiler calls "
                            "(on Debian and Ubuntu: apt install bear). Or make compile_commands.json another way "
                            "(CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON; Meson and GN write one) and run racecheck "
                            "-p BUILD_DIR\n");
            free(args);
            goto out;
        }
        if (!mkdirs(CAPTURE_DIR)) {
            fprintf(stderr, "racecheck build: error: cannot create %s: %s\n", CAPTURE_DIR, strerror(errno));
            free(args);
            goto out;
        }
        build_dir = xstrdup(CAPTURE_DIR);
        args[k++] = bear;
        args[k++] = "--output";
        args[k++] = CAPTURE_DIR "/compile_commands.json";
        if (is_file(CAPTURE_DIR "/compile_commands.json")) args[k++] = "--append";
        args[k++] = "--";
    }
    for (size_t i = 0; i < ncmd; i++) args[k++] = (char *)cmd[i];
    args[k] = NULL;
    if (!o.quiet)
        fprintf(stderr, "racecheck build: running %s%s\n", cmd[0],
                cmake_dir ? " (the compile database: CMake's export)" : " under bear");
    int st = run(args);
    free(args);
    if (st != 0) {
        if (st < 0) fprintf(stderr, "racecheck build: error: cannot run the build: %s\n", strerror(errno));
        else if (st > 128) fprintf(stderr, "racecheck build: error: the build was killed (signal %d); nothing analysed\n", st - 128);
        else fprintf(stderr, "racecheck build: error: the build failed (exit status %d); nothing analysed\n", st);
        goto out;
    }
    char *db = xasprintf("%s/compile_commands.json", build_dir);
    bool any = db_has_commands(db);
    if (!any)
        fprintf(stderr, "racecheck build: error: %s records no compiler call: the build compiled nothing%s "
                "(make clean first, or use a build command that compiles)\n", db,
                cmake_dir ? "" : " (was it up to date?)");
    free(db);
    if (!any) goto out;
    CliOptions run_opts = o;
    run_opts.build_dir = build_dir;
    run_opts.clang_flags = NULL;
    run_opts.nclang_flags = 0;
    rc = cli_run(&run_opts, CLI_RUN_CHECK, NULL, argc, argv);
out:
    free(cmake_dir);
    free(bear);
    free(build_dir);
    cli_options_free(&o);
    return rc;
}

void cli_build_hint(const char *dir, DiagSink *d) {
    static const char *const dbs[] = {"compile_commands.json", "build/compile_commands.json"};
    for (size_t i = 0; i < 2; i++) {
        char *p = xasprintf("%s/%s", dir, dbs[i]);
        bool has = is_file(p);
        free(p);
        if (has) return; /* the inputs came from it */
    }
    /* the first that is there: configure before the Makefile it writes */
    struct {
        const char *file, *what, *how;
    } systems[] = {
        {"configure", "configure script", "(cd %s && ./configure && racecheck build -- make)"},
        {"CMakeLists.txt", "CMakeLists.txt",
         "cmake -S %s -B %s/build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, then racecheck again"},
        {"meson.build", "meson.build", "meson setup %s/build (it writes compile_commands.json), then racecheck again"},
        {"Makefile", "Makefile", "(cd %s && racecheck build -- make)"},
        {"makefile", "makefile", "(cd %s && racecheck build -- make)"},
        {"GNUmakefile", "GNUmakefile", "(cd %s && racecheck build -- make)"},
    };
    char *capture = xasprintf("%s/" CAPTURE_DIR "/compile_commands.json", dir);
    bool captured = is_file(capture);
    free(capture);
    for (size_t i = 0; i < sizeof systems / sizeof *systems; i++) {
        char *p = xasprintf("%s/%s", dir, systems[i].file);
        bool has = is_file(p);
        free(p);
        if (!has) continue;
        char *how = xasprintf(systems[i].how, dir, dir);
        if (captured)
            diag_report(d, DIAG_NOTE, NULL, 0, 0, "%s has a %s but no compile database, so the build's flags (-D, -I) "
                        "are guessed; racecheck -p %s/" CAPTURE_DIR " analyses what racecheck build recorded there, "
                        "or make it anew: %s", dir, systems[i].what, dir, how);
        else
            diag_report(d, DIAG_NOTE, NULL, 0, 0, "%s has a %s but no compile database, so the build's flags (-D, -I) "
                        "are guessed and code they select may be missed; to analyse it as it is built: %s",
                        dir, systems[i].what, how);
        free(how);
        return;
    }
}
