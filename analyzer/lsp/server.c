/*
 * server.c - the language server's lifecycle and dispatch.
 *
 * Two threads of its own (plus the front end's parse workers during a run):
 *
 *   - the main thread reads messages and answers requests: initialize,
 *     shutdown, hover, codeAction, executeCommand; didOpen re-publishes a
 *     file's diagnostics, didSave asks for a new analysis (when the file
 *     saved may matter: may_matter);
 *   - the analysis thread runs one analysis at a time (project.c). A request
 *     bumps the wanted generation; a run whose generation is no longer the
 *     wanted one is stale and stops at its next check (between batches of
 *     units, between stages), and the thread starts the newest. A finished
 *     run replaces the previous result and publishes every file's
 *     diagnostics, clearing those of files that have none any more.
 *
 * Locks: mu guards the generations, quit and the one response the analysis
 * thread may wait for (window/workDoneProgress/create); res_mu guards the
 * current result, the published files and the rule page links, and is held
 * while a set of diagnostics is built and sent so that a didOpen's
 * re-publication never overtakes a newer run's; rpc.out_mu serialises
 * writes. Order: res_mu before out_mu; mu is never held with another.
 *
 * Progress ($/progress, when the client supports work-done progress): a
 * token is created per run, then begin, a report per parse percentage and
 * stage, and end with the outcome.
 */
#include "lsp_int.h"

#include "../checks/checks.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct Server {
    Rpc rpc;
    const LspOptions *opt;
    LspProject proj;
    bool initialized, shutdown, exit_now; /* main thread only */
    bool cap_progress, cap_show_document;
    bool test_hold;          /* RACECHECK_LSP_TEST_HOLD (see test_hold) */

    pthread_mutex_t mu;
    pthread_cond_t cv;
    _Atomic uint64_t want;   /* the generation wanted (0: none yet) */
    uint64_t done;           /* the last generation finished or abandoned (under mu) */
    atomic_bool quit;
    bool worker_started;
    pthread_t worker;
    atomic_long next_id;     /* ids of the server's requests */
    long await_id;           /* under mu: the response the analysis thread waits for */
    bool await_done, await_ok;

    pthread_mutex_t res_mu;
    LspResult *current;
    StrMap published;        /* paths with diagnostics published (keys in pub_arena) */
    Arena *pub_arena;
    StrMap hrefs;            /* rule -> its page's URI ("" none; in href_arena) */
    Arena *href_arena;

    /* the run in progress (analysis thread and its parse workers, one at a time) */
    uint64_t run_gen;
    char token[64];          /* "" : no progress for this run */
    const char *last_stage;
    int last_pct;
} Server;

/* ---- messages ------------------------------------------------------------------------ */

static void send_owned(Server *s, cJSON *msg) {
    rpc_send(&s->rpc, msg);
    cJSON_Delete(msg);
}

static void respond(Server *s, const cJSON *id, cJSON *result) {
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", cJSON_Duplicate(id, true));
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
    send_owned(s, m);
}

static void respond_error(Server *s, const cJSON *id, int code, const char *message) {
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
    cJSON *e = cJSON_AddObjectToObject(m, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    send_owned(s, m);
}

static void notify(Server *s, const char *method, cJSON *params) {
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddStringToObject(m, "method", method);
    cJSON_AddItemToObject(m, "params", params);
    send_owned(s, m);
}

static void request_with_id(Server *s, long id, const char *method, cJSON *params) {
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddNumberToObject(m, "id", (double)id);
    cJSON_AddStringToObject(m, "method", method);
    cJSON_AddItemToObject(m, "params", params);
    send_owned(s, m);
}

static void request(Server *s, const char *method, cJSON *params) {
    request_with_id(s, atomic_fetch_add(&s->next_id, 1), method, params);
}

/* window/logMessage: 1 error, 2 warning, 3 info, 4 log. */
static void log_message(Server *s, int type, const char *text) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "type", type);
    cJSON_AddStringToObject(p, "message", text);
    notify(s, "window/logMessage", p);
}

static void show_message(Server *s, int type, const char *text) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "type", type);
    cJSON_AddStringToObject(p, "message", text);
    notify(s, "window/showMessage", p);
}

/* ---- rule pages --------------------------------------------------------------------- */

static bool mkdirs(const char *dir) {
    char *d = xstrdup(dir);
    for (char *p = d + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        mkdir(d, 0777);
        *p = '/';
    }
    bool ok = mkdir(d, 0777) == 0 || errno == EEXIST;
    free(d);
    return ok;
}

/* The page of a rule as a file URI: docs_dir/RULE.md, else the page built
 * into racecheck written to ROOT/.racecheck/docs/rules/RULE.md. Under res_mu. */
static const char *rule_href(void *ctx, const char *rule) {
    Server *s = ctx;
    const char *h = strmap_get(&s->hrefs, rule);
    if (h) return h[0] ? h : NULL;
    char *path = NULL;
    struct stat st;
    if (s->opt->docs_dir) {
        path = xasprintf("%s/%s.md", s->opt->docs_dir, rule);
        if (stat(path, &st) || !S_ISREG(st.st_mode)) {
            free(path);
            path = NULL;
        }
    }
    const char *doc = path ? NULL : checks_rule_doc(rule);
    if (doc) {
        char *dir = xasprintf("%s/.racecheck/docs/rules", s->proj.root);
        path = xasprintf("%s/%s.md", dir, rule);
        size_t len = 0;
        int rerr;
        char *old = base_read_file(path, &len, &rerr);
        bool same = old && len == strlen(doc) && !memcmp(old, doc, len);
        free(old);
        FILE *f = NULL;
        if (!same && (!mkdirs(dir) || !(f = fopen(path, "w")) || fputs(doc, f) < 0 || fclose(f) != 0)) {
            lsp_log("cannot write %s: %s", path, strerror(errno));
            free(path);
            path = NULL;
        }
        free(dir);
    }
    char *uri = NULL;
    if (path) {
        char *norm = lsp_path_normalize(path);
        uri = lsp_path_to_uri(norm);
        free(norm);
        free(path);
    }
    const char *v = arena_strdup(s->href_arena, uri ? uri : "");
    strmap_put(&s->hrefs, arena_strdup(s->href_arena, rule), (void *)v);
    free(uri);
    return v[0] ? v : NULL;
}

/* ---- publishing ------------------------------------------------------------------------ */

static void publish_one(Server *s, const char *path, cJSON *diags) {
    cJSON *p = cJSON_CreateObject();
    char *uri = lsp_path_to_uri(path);
    cJSON_AddStringToObject(p, "uri", uri);
    free(uri);
    cJSON_AddItemToObject(p, "diagnostics", diags ? diags : cJSON_CreateArray());
    notify(s, "textDocument/publishDiagnostics", p);
}

/* Publish the current result's diagnostics: of one file (only), or of every
 * file, clearing the files published before that have none now. Under res_mu. */
static void publish(Server *s, const char *only) {
    StrMap by_path;
    strmap_init(&by_path);
    Arena *arena = arena_new();
    LspTexts texts;
    lsp_texts_init(&texts);
    if (s->current) lsp_diagnostics(s->current, &texts, rule_href, s, &by_path, arena);
    if (only) {
        cJSON *d = strmap_get(&by_path, only);
        publish_one(s, only, d ? cJSON_Duplicate(d, true) : NULL);
    } else {
        for (size_t i = 0; i < s->published.cap; i++) {
            const char *k = s->published.keys[i];
            if (k && !strmap_get(&by_path, k)) publish_one(s, k, NULL);
        }
        strmap_free(&s->published);
        arena_free(s->pub_arena);
        strmap_init(&s->published);
        s->pub_arena = arena_new();
        for (size_t i = 0; i < by_path.cap; i++) {
            const char *k = by_path.keys[i];
            if (!k) continue;
            publish_one(s, k, cJSON_Duplicate(by_path.vals[i], true));
            strmap_put(&s->published, arena_strdup(s->pub_arena, k), (void *)1);
        }
    }
    for (size_t i = 0; i < by_path.cap; i++)
        if (by_path.keys[i]) cJSON_Delete(by_path.vals[i]);
    strmap_free(&by_path);
    arena_free(arena);
    lsp_texts_free(&texts);
}

/* ---- progress --------------------------------------------------------------------------- */

static void progress_send(Server *s, const char *kind, const char *title, const char *message, int pct) {
    if (!s->token[0]) return;
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "token", s->token);
    cJSON *v = cJSON_AddObjectToObject(p, "value");
    cJSON_AddStringToObject(v, "kind", kind);
    if (title) cJSON_AddStringToObject(v, "title", title);
    if (message) cJSON_AddStringToObject(v, "message", message);
    if (pct >= 0) cJSON_AddNumberToObject(v, "percentage", pct);
    notify(s, "$/progress", p);
}

/* Create a progress token for run gen (waits for the client's answer, as
 * the protocol asks, at most 5 s). */
static void progress_begin(Server *s) {
    s->token[0] = 0;
    if (!s->cap_progress) return;
    char token[64];
    snprintf(token, sizeof token, "racecheck-analysis-%llu", (unsigned long long)s->run_gen);
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "token", token);
    long id = atomic_fetch_add(&s->next_id, 1);
    pthread_mutex_lock(&s->mu);
    s->await_id = id;
    s->await_done = s->await_ok = false;
    pthread_mutex_unlock(&s->mu);
    request_with_id(s, id, "window/workDoneProgress/create", p);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&s->mu);
    while (!s->await_done && !atomic_load(&s->quit))
        if (pthread_cond_timedwait(&s->cv, &s->mu, &until) == ETIMEDOUT) break;
    bool ok = s->await_done && s->await_ok;
    s->await_id = 0;
    pthread_mutex_unlock(&s->mu);
    if (!ok) {
        lsp_log("no answer to window/workDoneProgress/create; analysing without progress");
        return;
    }
    snprintf(s->token, sizeof s->token, "%s", token);
    s->last_stage = NULL;
    s->last_pct = -1;
    progress_send(s, "begin", "racecheck", "analysing", 0);
}

/* For the tests (tools/lsp_protocol_test.py, supersede): with
 * RACECHECK_LSP_TEST_HOLD set, the second run waits after parsing until a
 * newer save supersedes it, so that a stale run is cancelled however fast
 * the machine. */
static void test_hold(Server *s) {
    if (!s->test_hold || s->run_gen != 2) return;
    lsp_log("analysis 2 held until a newer save (RACECHECK_LSP_TEST_HOLD)");
    pthread_mutex_lock(&s->mu);
    while (!atomic_load(&s->quit) && atomic_load(&s->want) == s->run_gen) pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
}

static void on_progress(void *ctx, const char *stage, size_t done, size_t total) {
    Server *s = ctx;
    if (!total && !strcmp(stage, "whole-program model")) test_hold(s);
    int pct = total ? (int)(done * 80 / total) : !strcmp(stage, "checks") ? 95 : 85;
    if (stage == s->last_stage && pct == s->last_pct) return;
    s->last_stage = stage;
    s->last_pct = pct;
    char msg[128];
    if (total) snprintf(msg, sizeof msg, "%s %zu/%zu units", stage, done, total);
    else snprintf(msg, sizeof msg, "%s", stage);
    progress_send(s, "report", NULL, msg, pct);
}

static bool is_cancelled(void *ctx) {
    Server *s = ctx;
    return atomic_load(&s->quit) || atomic_load(&s->want) != s->run_gen;
}

/* ---- the analysis thread ------------------------------------------------------------------ */

static void run_one(Server *s, uint64_t gen) {
    s->run_gen = gen;
    double t0 = base_now_seconds();
    progress_begin(s);
    LspRunHooks hooks = {s, is_cancelled, on_progress};
    LspResult *r = lsp_analyse(&s->proj, s->opt, &hooks);
    double secs = base_now_seconds() - t0;
    if (r->cancelled) {
        lsp_log("analysis %llu superseded after %.2f s", (unsigned long long)gen, secs);
        progress_send(s, "end", NULL, "superseded by a newer save", -1);
        lsp_result_free(r);
        return;
    }
    char *summary = r->error ? xasprintf("racecheck: %s", r->error)
                             : xasprintf("%zu finding%s in %zu translation unit%s (%zu from the IR cache), "
                                         "%zu suppressed, %zu hidden by triage, %.2f s",
                                         r->findings.items.len, r->findings.items.len == 1 ? "" : "s", r->in.nunits,
                                         r->in.nunits == 1 ? "" : "s", r->from_cache, r->sup.suppressed.items.len,
                                         r->triaged, secs);
    lsp_log("analysis %llu: %s", (unsigned long long)gen, summary);
    for (size_t i = 0; i < r->diags.len; i++) {
        const Diag *d = &r->diags.items[i];
        if (d->file && d->line) continue; /* published as diagnostics */
        char *m = d->file ? xasprintf("%s: %s", d->file, d->message) : xstrdup(d->message);
        log_message(s, d->level == DIAG_ERROR ? 1 : d->level == DIAG_WARNING ? 2 : 3, m);
        free(m);
    }
    if (r->error) show_message(s, 1, summary);
    pthread_mutex_lock(&s->res_mu);
    LspResult *old = s->current;
    s->current = r;
    publish(s, NULL);
    pthread_mutex_unlock(&s->res_mu);
    progress_send(s, "end", NULL, summary, -1);
    free(summary);
    lsp_result_free(old);
}

static void *worker_main(void *arg) {
    Server *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (!atomic_load(&s->quit) && s->done >= atomic_load(&s->want)) pthread_cond_wait(&s->cv, &s->mu);
        if (atomic_load(&s->quit)) break;
        uint64_t gen = atomic_load(&s->want);
        pthread_mutex_unlock(&s->mu);
        run_one(s, gen);
        pthread_mutex_lock(&s->mu);
        s->done = gen;
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static void want_analysis(Server *s, const char *why) {
    pthread_mutex_lock(&s->mu);
    uint64_t g = atomic_fetch_add(&s->want, 1) + 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    lsp_log("analysis %llu requested (%s)", (unsigned long long)g, why);
}

/* ---- requests and notifications ---------------------------------------------------------- */

static const cJSON *get(const cJSON *o, const char *key) {
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
}

static const cJSON *get_path(const cJSON *o, const char *a, const char *b, const char *c) {
    o = get(o, a);
    if (b) o = get(o, b);
    if (c) o = get(o, c);
    return o;
}

static bool get_bool(const cJSON *o) {
    return cJSON_IsTrue(o);
}

/* The document's path, or NULL (an error answered when id is given). */
static char *doc_path(Server *s, const cJSON *params, const cJSON *id) {
    const cJSON *uri = get_path(params, "textDocument", "uri", NULL);
    char *path = cJSON_IsString(uri) ? lsp_uri_to_path(uri->valuestring) : NULL;
    if (!path && id) respond_error(s, id, RPC_INVALID_PARAMS, "textDocument.uri: a file URI is needed");
    return path;
}

static bool get_position(const cJSON *pos, unsigned *line, unsigned *character) {
    const cJSON *l = get(pos, "line"), *c = get(pos, "character");
    if (!cJSON_IsNumber(l) || !cJSON_IsNumber(c) || l->valuedouble < 0 || c->valuedouble < 0 ||
        l->valuedouble > 1e9 || c->valuedouble > 1e9)
        return false;
    *line = (unsigned)l->valuedouble;
    *character = (unsigned)c->valuedouble;
    return true;
}

static void on_initialize(Server *s, const cJSON *id, const cJSON *params) {
    if (s->initialized) {
        respond_error(s, id, RPC_INVALID_REQUEST, "initialize was already received");
        return;
    }
    const cJSON *pid = get(params, "processId");
    if (cJSON_IsNumber(pid) && pid->valuedouble > 0 && pid->valuedouble < 1e9) s->rpc.watch_pid = (pid_t)pid->valuedouble;
    char *root = NULL;
    const cJSON *v = get(params, "rootUri");
    if (cJSON_IsString(v)) root = lsp_uri_to_path(v->valuestring);
    const cJSON *folders = get(params, "workspaceFolders");
    if (!root && cJSON_IsArray(folders) && cJSON_GetArraySize(folders) > 0) {
        v = get(cJSON_GetArrayItem(folders, 0), "uri");
        if (cJSON_IsString(v)) root = lsp_uri_to_path(v->valuestring);
    }
    v = get(params, "rootPath");
    if (!root && cJSON_IsString(v) && v->valuestring[0]) root = lsp_path_normalize(v->valuestring);
    if (!root) root = lsp_path_normalize(".");
    s->cap_progress = get_bool(get_path(params, "capabilities", "window", "workDoneProgress"));
    s->cap_show_document = get_bool(get(get_path(params, "capabilities", "window", "showDocument"), "support"));
    lsp_project_find(&s->proj, root, s->opt);
    free(root);
    char *how = lsp_project_describe(&s->proj);
    lsp_log("initialize: %s; client process %ld", how, (long)s->rpc.watch_pid);
    free(how);

    cJSON *res = cJSON_CreateObject();
    cJSON *caps = cJSON_AddObjectToObject(res, "capabilities");
    cJSON *sync = cJSON_AddObjectToObject(caps, "textDocumentSync");
    cJSON_AddBoolToObject(sync, "openClose", true);
    cJSON_AddNumberToObject(sync, "change", 0); /* the analysis reads the saved files */
    cJSON_AddBoolToObject(cJSON_AddObjectToObject(sync, "save"), "includeText", false);
    cJSON_AddBoolToObject(caps, "hoverProvider", true);
    cJSON *ca = cJSON_AddObjectToObject(caps, "codeActionProvider");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(ca, "codeActionKinds"), cJSON_CreateString("quickfix"));
    cJSON *ec = cJSON_AddObjectToObject(caps, "executeCommandProvider");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(ec, "commands"), cJSON_CreateString(LSP_EXPLAIN_COMMAND));
    cJSON *info = cJSON_AddObjectToObject(res, "serverInfo");
    cJSON_AddStringToObject(info, "name", "racecheck");
    cJSON_AddStringToObject(info, "version", s->opt->version);
    respond(s, id, res);
    s->initialized = true;
    if (pthread_create(&s->worker, NULL, worker_main, s) == 0) s->worker_started = true;
    else lsp_log("cannot start the analysis thread");
}

static void on_hover(Server *s, const cJSON *id, const cJSON *params) {
    unsigned line, character;
    if (!get_position(get(params, "position"), &line, &character)) {
        respond_error(s, id, RPC_INVALID_PARAMS, "position: {line, character} is needed");
        return;
    }
    char *path = doc_path(s, params, id);
    if (!path) return;
    LspTexts texts;
    lsp_texts_init(&texts);
    cJSON *result = NULL, *range = NULL;
    pthread_mutex_lock(&s->res_mu);
    char *md = s->current ? lsp_hover(s->current, &texts, path, line + 1,
                                      lsp_byte_col(&texts, path, line + 1, character), &range)
                          : NULL;
    pthread_mutex_unlock(&s->res_mu);
    if (md) {
        result = cJSON_CreateObject();
        cJSON *c = cJSON_AddObjectToObject(result, "contents");
        cJSON_AddStringToObject(c, "kind", "markdown");
        cJSON_AddStringToObject(c, "value", md);
        if (range) cJSON_AddItemToObject(result, "range", range);
        free(md);
    }
    lsp_texts_free(&texts);
    free(path);
    respond(s, id, result);
}

static void on_code_action(Server *s, const cJSON *id, const cJSON *params) {
    unsigned l0, c0, l1, c1;
    const cJSON *range = get(params, "range");
    if (!get_position(get(range, "start"), &l0, &c0) || !get_position(get(range, "end"), &l1, &c1)) {
        respond_error(s, id, RPC_INVALID_PARAMS, "range: {start, end} is needed");
        return;
    }
    char *path = doc_path(s, params, id);
    if (!path) return;
    LspTexts texts;
    lsp_texts_init(&texts);
    pthread_mutex_lock(&s->res_mu);
    cJSON *list = s->current ? lsp_code_actions(s->current, &texts, path, l0 + 1, l1 + 1,
                                                get_path(params, "context", "diagnostics", NULL))
                             : cJSON_CreateArray();
    pthread_mutex_unlock(&s->res_mu);
    lsp_texts_free(&texts);
    free(path);
    respond(s, id, list);
}

static void on_execute_command(Server *s, const cJSON *id, const cJSON *params) {
    const cJSON *cmd = get(params, "command"), *args = get(params, "arguments");
    const cJSON *rule = cJSON_IsArray(args) ? cJSON_GetArrayItem(args, 0) : NULL;
    if (!cJSON_IsString(cmd) || strcmp(cmd->valuestring, LSP_EXPLAIN_COMMAND)) {
        respond_error(s, id, RPC_INVALID_PARAMS, "unknown command");
        return;
    }
    const Rule *r = cJSON_IsString(rule) ? checks_find(rule->valuestring) : NULL;
    if (!r) {
        respond_error(s, id, RPC_INVALID_PARAMS, LSP_EXPLAIN_COMMAND " needs a rule name as its argument");
        return;
    }
    pthread_mutex_lock(&s->res_mu);
    const char *href = rule_href(s, r->name);
    char *uri = href ? xstrdup(href) : NULL;
    pthread_mutex_unlock(&s->res_mu);
    if (uri && s->cap_show_document) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "uri", uri);
        cJSON_AddBoolToObject(p, "takeFocus", true);
        request(s, "window/showDocument", p);
    } else {
        char *m = xasprintf("%s: %s%s%s", r->name, r->summary, uri ? ". The rule's page: " : "", uri ? uri : "");
        show_message(s, 3, m);
        free(m);
    }
    free(uri);
    respond(s, id, NULL);
}

static void on_did_open(Server *s, const cJSON *params) {
    char *path = doc_path(s, params, NULL);
    if (!path) return;
    pthread_mutex_lock(&s->res_mu);
    if (s->current) publish(s, path);
    pthread_mutex_unlock(&s->res_mu);
    free(path);
}

/* Can a save of path change the analysis? Yes for a file some unit of the
 * last result read (its source and headers), for C sources, headers and
 * JSON (a new unit, a compile database, a configuration, API models), and
 * whenever there is no finished result to compare with. */
static bool may_matter(Server *s, const char *path) {
    const char *dot = strrchr(path, '.');
    static const char *const exts[] = {".c", ".h", ".i", ".inc", ".def", ".json"};
    for (size_t i = 0; dot && i < sizeof exts / sizeof *exts; i++)
        if (!strcmp(dot, exts[i])) return true;
    bool found = false;
    pthread_mutex_lock(&s->res_mu);
    const LspResult *r = s->current;
    if (!r || r->error || !r->units) found = true;
    for (size_t i = 0; r && r->units && !found && i < r->in.nunits; i++) {
        const IrUnit *u = r->units[i];
        for (uint32_t k = 0; u && !found && k < u->ninputs; k++) {
            char *n = lsp_path_normalize(u->inputs[k].path);
            found = !strcmp(n, path);
            free(n);
        }
    }
    pthread_mutex_unlock(&s->res_mu);
    return found;
}

static void on_did_save(Server *s, const cJSON *params) {
    char *path = doc_path(s, params, NULL);
    if (!path) return;
    if (may_matter(s, path)) want_analysis(s, path);
    else lsp_log("%s is not an input of the analysis: no new analysis", path);
    free(path);
}

/* A response to one of the server's requests. */
static void on_response(Server *s, const cJSON *id, const cJSON *msg) {
    if (!cJSON_IsNumber(id)) return;
    pthread_mutex_lock(&s->mu);
    if (s->await_id && (long)id->valuedouble == s->await_id) {
        s->await_done = true;
        s->await_ok = !get(msg, "error");
        pthread_cond_broadcast(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
}

static void handle(Server *s, const cJSON *msg) {
    if (!cJSON_IsObject(msg)) {
        respond_error(s, NULL, RPC_INVALID_REQUEST, "a message must be a JSON object");
        return;
    }
    const cJSON *id = get(msg, "id"), *method = get(msg, "method"), *params = get(msg, "params");
    bool id_ok = !id || cJSON_IsNumber(id) || cJSON_IsString(id);
    if (!method) {
        if (id_ok && id && (get(msg, "result") || get(msg, "error"))) on_response(s, id, msg);
        else respond_error(s, id_ok ? id : NULL, RPC_INVALID_REQUEST, "neither a request nor a response");
        return;
    }
    if (!cJSON_IsString(method) || !id_ok) {
        respond_error(s, id_ok ? id : NULL, RPC_INVALID_REQUEST, "method must be a string, id a number or string");
        return;
    }
    const char *m = method->valuestring;
    if (!strcmp(m, "exit")) {
        s->exit_now = true;
        return;
    }
    if (!s->initialized && strcmp(m, "initialize")) {
        if (id) respond_error(s, id, RPC_SERVER_NOT_INITIALIZED, "the server is not initialized");
        return;
    }
    if (s->shutdown && id) {
        respond_error(s, id, RPC_INVALID_REQUEST, "the server is shutting down");
        return;
    }
    if (id) {
        if (!strcmp(m, "initialize")) on_initialize(s, id, params);
        else if (!strcmp(m, "shutdown")) {
            s->shutdown = true;
            pthread_mutex_lock(&s->mu);
            atomic_store(&s->quit, true); /* a run in progress stops at its next check */
            pthread_cond_broadcast(&s->cv);
            pthread_mutex_unlock(&s->mu);
            respond(s, id, NULL);
        } else if (!strcmp(m, "textDocument/hover")) on_hover(s, id, params);
        else if (!strcmp(m, "textDocument/codeAction")) on_code_action(s, id, params);
        else if (!strcmp(m, "workspace/executeCommand")) on_execute_command(s, id, params);
        else {
            char *e = xasprintf("unknown method %s", m);
            respond_error(s, id, RPC_METHOD_NOT_FOUND, e);
            free(e);
        }
        return;
    }
    if (!strcmp(m, "initialized")) want_analysis(s, "initialized");
    else if (!strcmp(m, "textDocument/didOpen")) on_did_open(s, params);
    else if (!strcmp(m, "textDocument/didSave")) on_did_save(s, params);
    else if (!strcmp(m, "textDocument/didClose") || !strcmp(m, "textDocument/didChange") ||
             !strcmp(m, "workspace/didChangeConfiguration") || !strncmp(m, "$/", 2))
        ; /* nothing to do: the analysis reads saved files */
    else lsp_log("ignored notification %s", m);
}

int lsp_serve(const LspOptions *o, int in_fd, int out_fd) {
    lsp_log_init(o->log);
    signal(SIGPIPE, SIG_IGN); /* a closed pipe is a failed write, not a death */
    Server *s = xcalloc(1, sizeof *s);
    s->opt = o;
    s->test_hold = getenv("RACECHECK_LSP_TEST_HOLD") != NULL;
    rpc_init(&s->rpc, in_fd, out_fd);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    pthread_mutex_init(&s->res_mu, NULL);
    atomic_init(&s->want, 0);
    atomic_init(&s->quit, false);
    atomic_init(&s->next_id, 1);
    strmap_init(&s->published);
    s->pub_arena = arena_new();
    strmap_init(&s->hrefs);
    s->href_arena = arena_new();
    lsp_log("racecheck %s language server (pid %ld)", o->version, (long)getpid());

    for (;;) {
        cJSON *msg = NULL;
        const char *why = NULL;
        RpcStatus st = rpc_read(&s->rpc, &msg, &why);
        if (st == RPC_EOF) {
            if (!s->exit_now) lsp_log("the client went away; exiting");
            break;
        }
        if (st == RPC_BAD_JSON) respond_error(s, NULL, RPC_PARSE_ERROR, why);
        if (st != RPC_MESSAGE) {
            lsp_log("skipped %s", why);
            continue;
        }
        handle(s, msg);
        cJSON_Delete(msg);
        if (s->exit_now) break;
    }

    pthread_mutex_lock(&s->mu);
    atomic_store(&s->quit, true);
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    if (s->worker_started) pthread_join(s->worker, NULL);
    int rc = s->exit_now && s->shutdown ? 0 : 1;
    lsp_log("exit %d", rc);
    lsp_result_free(s->current);
    lsp_project_free(&s->proj);
    strmap_free(&s->published);
    arena_free(s->pub_arena);
    strmap_free(&s->hrefs);
    arena_free(s->href_arena);
    pthread_mutex_destroy(&s->res_mu);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    rpc_free(&s->rpc);
    free(s);
    return rc;
}
