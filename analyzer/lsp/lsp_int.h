/*
 * lsp_int.h - the language server's parts, private to analyzer/lsp/:
 *
 *   rpc.c       JSON-RPC framing over the pipes (Content-Length headers),
 *               one writer lock, and the watch on the client's process
 *   project.c   the project of a workspace, and one analysis run of the
 *               normal pipeline, cancellable between batches of units and
 *               between stages
 *   convert.c   paths and URIs, byte columns and UTF-16 positions, findings
 *               as LSP diagnostics
 *   hover.c     the ownership summary of a shared location
 *   actions.c   code actions (the suppression comment, the rule's page)
 *   server.c    the lifecycle, the dispatch and the analysis thread
 */
#ifndef RACECHECK_LSP_INT_H
#define RACECHECK_LSP_INT_H

#include "lsp.h"

#include "../base/base.h"
#include "../base/diag.h"
#include "../base/finding.h"
#include "../config/config.h"
#include "../frontend/cache.h"
#include "../frontend/frontend.h"
#include "../model/apimodel.h"
#include "../model/model.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdatomic.h>

/* JSON-RPC error codes (JSON-RPC 2.0 and LSP). */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    RPC_SERVER_NOT_INITIALIZED = -32002,
};

/* ---- rpc.c ------------------------------------------------------------------- */

/* A message larger than this is skipped (and reported) rather than read. */
#define RPC_MAX_BODY ((size_t)64 << 20)

typedef struct Rpc {
    int in_fd, out_fd;
    char *buf;               /* input not yet consumed: [pos, len) */
    size_t pos, len, cap;
    pid_t watch_pid;         /* the client's process (initialize's processId), 0: none */
    atomic_bool stop;        /* rpc_read returns RPC_EOF at its next poll */
    pthread_mutex_t out_mu;  /* one message at a time on out_fd */
    bool out_broken;         /* a write failed: the client is gone (under out_mu) */
} Rpc;

typedef enum {
    RPC_MESSAGE,     /* *msg is a parsed JSON value (not necessarily an object) */
    RPC_EOF,         /* end of input, the client's process ended, or rpc.stop */
    RPC_BAD_HEADER,  /* a header block without a usable Content-Length: skipped */
    RPC_BAD_JSON,    /* a body that is not JSON: skipped */
    RPC_TOO_LARGE,   /* a body over RPC_MAX_BODY: skipped */
} RpcStatus;

void rpc_init(Rpc *r, int in_fd, int out_fd);
void rpc_free(Rpc *r);
/* The next message from the client (blocking; checks the client's process
 * once a second). *why describes a malformed message (static text). */
RpcStatus rpc_read(Rpc *r, cJSON **msg, const char **why);
/* Write one message (not freed). False when the client is gone. Thread-safe. */
bool rpc_send(Rpc *r, const cJSON *msg);

/* ---- the log ------------------------------------------------------------------ */

void lsp_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void lsp_log_init(FILE *f);

/* ---- project.c ---------------------------------------------------------------- */

/* What is analysed for a workspace. */
typedef struct LspProject {
    char *root;       /* the workspace root: relative paths, fingerprints, the IR cache */
    char *build_dir;  /* the compile database's folder, or NULL */
    char *dir;        /* otherwise the directory walked (racecheck DIR) */
} LspProject;

/* The project of the workspace root (absolute): -p when given, else the
 * first folder from root upward holding compile_commands.json (itself or
 * in build/) or .racecheck.json, else root itself as a directory. */
void lsp_project_find(LspProject *p, const char *root, const LspOptions *o);
void lsp_project_free(LspProject *p);
/* One sentence for the log: "compile database /w/build/compile_commands.json". */
char *lsp_project_describe(const LspProject *p);

/* How a run reports and is cancelled (called from the analysis thread and
 * from the parse workers, one at a time). */
typedef struct LspRunHooks {
    void *ctx;
    bool (*cancelled)(void *ctx);
    /* stage: "parsing", "whole-program model", "checks"; done/total units
     * while parsing, else 0/0 */
    void (*progress)(void *ctx, const char *stage, size_t done, size_t total);
} LspRunHooks;

/* The result of one analysis: the model stays alive for hover. */
typedef struct LspResult {
    char *root;
    DiagSink diags;
    ApiModels models;
    Config cfg;
    FeInputs in;
    IrUnit **units;
    Program prog;
    bool have_prog;
    FindingList findings;      /* reported (after suppressions), sorted */
    SuppressResult sup;
    size_t parsed, failed, from_cache;
    size_t triaged;            /* hidden by a triage decision (false-positive, intentional) */
    bool cancelled;            /* superseded or shut down before the end */
    char *error;               /* nothing could be analysed: why (malloc'd) */
} LspResult;

/* Run the pipeline on the project. Never NULL; see cancelled and error. */
LspResult *lsp_analyse(const LspProject *p, const LspOptions *o, const LspRunHooks *hooks);
void lsp_result_free(LspResult *r);

/* ---- convert.c ---------------------------------------------------------------- */

/* An absolute, lexically normalised path ("/a/./b/../c" -> "/a/c"; relative
 * paths are taken from the current directory). malloc'd. */
char *lsp_path_normalize(const char *path);
/* file:// URI of an absolute path, percent-encoded. malloc'd. */
char *lsp_path_to_uri(const char *path);
/* The normalised path of a file:// URI, or NULL for another scheme. malloc'd. */
char *lsp_uri_to_path(const char *uri);

/* Source texts read once per use, for columns: LSP positions count UTF-16
 * code units, racecheck's columns bytes. */
typedef struct LspTexts {
    StrMap map;      /* normalised path -> LspText* (NULL: unreadable) */
    Arena *arena;
} LspTexts;
void lsp_texts_init(LspTexts *t);
void lsp_texts_free(LspTexts *t);
/* Line `line` (1-based) of path, without its end of line; NULL when the file
 * or line cannot be read. */
const char *lsp_text_line(LspTexts *t, const char *path, unsigned line, size_t *len);

/* The LSP position (0-based line, UTF-16 character) of a 1-based byte
 * column, and back (a 1-based byte column). */
cJSON *lsp_position(LspTexts *t, const char *path, unsigned line, unsigned col);
unsigned lsp_byte_col(LspTexts *t, const char *path, unsigned line, unsigned character);
/* The byte column just past the expression or name starting at col (an
 * access path `a->b.c`, an identifier): spelling when the text there is
 * spelled so, else the identifiers and member operators that follow. */
unsigned lsp_span_end(LspTexts *t, const char *path, unsigned line, unsigned col, const char *spelling);
/* {start, end} for the span at path:line:col. */
cJSON *lsp_range(LspTexts *t, const char *path, unsigned line, unsigned col, const char *spelling);
cJSON *lsp_location(LspTexts *t, const char *path, unsigned line, unsigned col, const char *spelling);

/* The diagnostics of a result, by normalised path: a StrMap whose values
 * are cJSON arrays (the caller deletes them) and whose keys live in arena.
 * href(ctx, rule) gives a rule's codeDescription URI (NULL: none). */
typedef const char *(*LspRuleHref)(void *ctx, const char *rule);
void lsp_diagnostics(const LspResult *r, LspTexts *t, LspRuleHref href, void *href_ctx, StrMap *by_path,
                     Arena *arena);

/* ---- hover.c ------------------------------------------------------------------- */

/* Markdown: the ownership summary of the shared locations accessed or
 * declared at path:line:col (1-based byte column); NULL when there is none.
 * *range receives the span hovered (the caller owns it). */
char *lsp_hover(const LspResult *r, LspTexts *t, const char *path, unsigned line, unsigned col, cJSON **range);

/* ---- actions.c ----------------------------------------------------------------- */

/* The code actions for the findings whose primary location is in path
 * between lines first and last (1-based): the suppression comment above the
 * access and above the declaration, and the rule's page. context_diags is
 * the request's context.diagnostics (may be NULL): an action lists the one
 * it fixes. */
cJSON *lsp_code_actions(const LspResult *r, LspTexts *t, const char *path, unsigned first, unsigned last,
                        const cJSON *context_diags);

#define LSP_EXPLAIN_COMMAND "racecheck.explain"
/* The placeholder a suppression comment's reason starts with. */
#define LSP_REASON_PLACEHOLDER "TODO: say why this race is acceptable"

#endif
