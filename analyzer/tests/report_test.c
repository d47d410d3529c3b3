/*
 * report_test.c - unit tests of the emitters' helpers, without libclang:
 *   - GitHub's primaryLocationLineHash (report/source.c) against the
 *     reference vectors of github/codeql-action's src/fingerprints.test.ts;
 *   - fingerprints: free of line numbers, whitespace in the object ignored,
 *     unique within a run, changed by the accesses' kind;
 *   - baselines (report/baseline.c): fingerprints read back from a findings
 *     document, a SARIF log and JSON Lines; anything else refused;
 *   - evidence (report/evidence.c): one access per kind, thread and lock
 *     set with the count of the others, the primary always shown, every
 *     access with --evidence=all.
 * Exits 0 when every check passes; prints each failure.
 */
#include "../report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);          \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
            failures++;                                                    \
        }                                                                  \
    } while (0)

typedef struct {
    const char *const *expected;
    size_t n, seen;
    const char *input;
} HashCase;

static void on_hash(void *ctx, long line, const char *hash) {
    HashCase *c = ctx;
    CHECK(line == (long)c->seen + 1, "input %zu: line %ld reported as number %zu", strlen(c->input), line, c->seen + 1);
    if (c->seen < c->n)
        CHECK(!strcmp(hash, c->expected[c->seen]), "input \"%s\" line %ld: hash %s, expected %s", c->input, line, hash,
              c->expected[c->seen]);
    c->seen++;
}

static void hash_case(const char *input, const char *const *expected, size_t n) {
    HashCase c = {expected, n, 0, input};
    report_line_hashes(input, strlen(input), on_hash, &c);
    CHECK(c.seen == n, "input \"%s\": %zu lines hashed, expected %zu", input, c.seen, n);
}

#define HASH_CASE(input, ...)                                                          \
    do {                                                                               \
        static const char *const exp_[] = {__VA_ARGS__};                               \
        hash_case(input, exp_, sizeof exp_ / sizeof *exp_);                            \
    } while (0)

static void test_line_hashes(void) {
    HASH_CASE("", "c129715d7a2bc9a3:1");
    HASH_CASE(" a\nb\n  \t\tc\n d", "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
              "a23a3dc5e078b07b:1");
    HASH_CASE(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", "8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1",
              "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1");
    HASH_CASE(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1",
              "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
              "c129715d7a2bc9a3:1");
    HASH_CASE(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1",
              "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
              "c129715d7a2bc9a3:1");
    HASH_CASE(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", "e9496ae3ebfced30:1",
              "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1",
              "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1");
    HASH_CASE(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1",
              "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
              "c129715d7a2bc9a3:1");
    {
        char rep[400] = "";
        for (int i = 0; i < 10; i++) strcat(rep, "Lorem ipsum dolor sit amet.\n");
        HASH_CASE(rep, "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
                  "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
                  "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1");
    }
    HASH_CASE("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n", "e54938cc54b302f1:1",
              "bb609acbe9138d60:1", "1131fd5871777f34:1", "5c482a0f8b35ea28:1", "54517377da7028d2:1",
              "2c644846cb18d53e:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1");
}

/* A one-access-pair finding on object obj at line in file, accesses by fn1 (k1) and fn2 (k2). */
static void add_finding(FindingList *fl, const char *file, unsigned line, const char *obj, const char *fn1,
                        const char *k1, const char *fn2, const char *k2) {
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "data-race";
    f.severity = SEV_ERROR;
    f.message = arena_printf(fl->arena, "data race on '%s'", obj);
    f.object = obj;
    f.loc = (SrcLoc){file, line, 5};
    f.evidence = ARENA_ARRAY(fl->arena, Evidence, 2);
    f.nevidence = 2;
    f.evidence[0] = (Evidence){.loc = {file, line, 5}, .kind = k1, .function = fn1, .thread_routine = "worker",
                               .spawn = {file, 40, 9}, .many = true};
    f.evidence[1] = (Evidence){.loc = {file, line + 7, 5}, .kind = k2, .function = fn2, .thread_routine = "main"};
    vec_push(&fl->items, f);
}

static const char *fp_of(const char *file, unsigned line, const char *obj, const char *k2) {
    static char buf[16][32];
    static int slot;
    FindingList fl;
    findings_init(&fl);
    add_finding(&fl, file, line, obj, "worker", "write", "main", k2);
    report_fingerprints(&fl, "/src");
    char *out = buf[slot++ % 16];
    snprintf(out, 32, "%s", fl.items.data[0].fingerprint);
    findings_free(&fl);
    return out;
}

static void test_fingerprints(void) {
    const char *base = fp_of("/src/pool.c", 30, "pool->hits", "read");
    CHECK(strlen(base) == 16, "fingerprint '%s' is not 16 hex digits", base);
    CHECK(!strcmp(base, fp_of("/src/pool.c", 95, "pool->hits", "read")), "a line shift changed the fingerprint");
    CHECK(!strcmp(base, fp_of("/src/pool.c", 30, "pool -> hits", "read")), "whitespace in the object changed it");
    CHECK(strcmp(base, fp_of("/src/pool.c", 30, "pool->misses", "read")), "another object kept it");
    CHECK(strcmp(base, fp_of("/src/other.c", 30, "pool->hits", "read")), "another file kept it");
    CHECK(strcmp(base, fp_of("/src/pool.c", 30, "pool->hits", "write")), "another access kind kept it");

    FindingList fl; /* two findings that hash alike get distinct fingerprints */
    findings_init(&fl);
    add_finding(&fl, "/src/pool.c", 10, "p->n", "worker", "write", "main", "read");
    add_finding(&fl, "/src/pool.c", 20, "p->n", "worker", "write", "main", "read");
    report_fingerprints(&fl, "/src");
    CHECK(strcmp(fl.items.data[0].fingerprint, fl.items.data[1].fingerprint), "duplicate fingerprints in one run");
    CHECK(!strcmp(fl.items.data[0].fingerprint, fp_of("/src/pool.c", 10, "p->n", "read")),
          "the first of equal findings should keep the plain fingerprint");
    findings_free(&fl);
}

/* The fingerprints report_baseline_parse finds in text: "a b" (sorted), or
 * "refused". */
static const char *baseline_fps(const char *text, char *buf, size_t n) {
    char *copy = xstrdup(text);
    Arena *a = arena_new();
    StrMap set;
    strmap_init(&set);
    if (!report_baseline_parse(copy, &set, a)) snprintf(buf, n, "refused");
    else {
        buf[0] = 0;
        const char *keys[8];
        size_t k = 0;
        for (size_t i = 0; i < set.cap && k < 8; i++)
            if (set.keys[i]) keys[k++] = set.keys[i];
        for (size_t i = 1; i < k; i++) /* insertion sort: a few keys */
            for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
                const char *t = keys[j];
                keys[j] = keys[j - 1];
                keys[j - 1] = t;
            }
        for (size_t i = 0; i < k; i++) snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? " " : "", keys[i]);
    }
    strmap_free(&set);
    arena_free(a);
    free(copy);
    return buf;
}

static void test_baselines(void) {
    char buf[256];
    CHECK(!strcmp(baseline_fps("{\"findings\": [{\"fingerprint\": \"b2\"}, {\"fingerprint\": \"a1\"}, {}]}", buf,
                               sizeof buf), "a1 b2"), "a findings document");
    CHECK(!strcmp(baseline_fps("{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"partialFingerprints\": "
                               "{\"racecheck/v1\": \"c3\"}}, {\"partialFingerprints\": {}}]}]}", buf, sizeof buf),
                  "c3"), "a SARIF log");
    CHECK(!strcmp(baseline_fps("{\"type\": \"finding\", \"fingerprint\": \"d4\"}\n\n"
                               "{\"type\": \"finding\", \"fingerprint\": \"e5\"}\r\n{\"type\": \"summary\"}\n",
                               buf, sizeof buf), "d4 e5"), "JSON Lines");
    CHECK(!strcmp(baseline_fps("{\"findings\": []}", buf, sizeof buf), ""), "an empty document");
    CHECK(!strcmp(baseline_fps("{\"something\": 1}", buf, sizeof buf), "refused"), "another JSON document");
    CHECK(!strcmp(baseline_fps("not json", buf, sizeof buf), "refused"), "not JSON");
    CHECK(!strcmp(baseline_fps("{\"type\": \"finding\", \"fingerprint\": \"d4\"}\n{oops\n", buf, sizeof buf),
                  "refused"), "a broken line of JSON Lines");
    char *err = NULL;
    Arena *a = arena_new();
    StrMap set;
    strmap_init(&set);
    CHECK(!report_baseline_read("/nonexistent/baseline.json", &set, a, &err) && err &&
              strstr(err, "/nonexistent/baseline.json"), "an unreadable baseline is named");
    free(err);
    strmap_free(&set);
    arena_free(a);
}

/* Seven accesses: worker writes at lines 10, 20 (the primary), 30, reads at
 * 40 and 50 holding 'm', reads at 60 with no lock; main reads at 70. */
static void test_evidence(void) {
    const char *file = "/src/e.c", *m[] = {"m"};
    Evidence ev[7];
    unsigned lines[7] = {10, 20, 30, 40, 50, 60, 70};
    for (int k = 0; k < 7; k++)
        ev[k] = (Evidence){.loc = {file, lines[k], 3}, .kind = k < 3 ? "write" : "read", .function = "f",
                           .thread_routine = k < 6 ? "worker" : "main", .spawn = {file, 99, 1}, .many = true,
                           .locks = k == 3 || k == 4 ? m : NULL, .nlocks = k == 3 || k == 4};
    ev[6].spawn = (SrcLoc){NULL, 0, 0};
    ev[6].many = false;
    Finding f = {.rule = "data-race", .object = "x", .loc = {file, 20, 3}, .evidence = ev, .nevidence = 7};
    size_t more[7];
    report_evidence_select(&f, false, more);
    size_t want[7] = {REPORT_OMITTED, 2, REPORT_OMITTED, 1, REPORT_OMITTED, 0, 0};
    for (int k = 0; k < 7; k++) CHECK(more[k] == want[k], "access %d: more %zu, expected %zu", k, more[k], want[k]);
    CHECK(report_evidence_shown(&f, more) == 4, "4 accesses shown, got %zu", report_evidence_shown(&f, more));
    ReportView v;
    report_view(&v, &f, false);
    CHECK(v.f.nevidence == 4 && v.total == 7, "view: %zu of %zu", v.f.nevidence, v.total);
    CHECK(v.f.nevidence == 4 && v.f.evidence[0].loc.line == 20 && v.more[0] == 2 && v.f.evidence[1].loc.line == 40,
          "view order: the primary first, then the first locked read");
    report_view_free(&v);
    report_evidence_select(&f, true, more);
    for (int k = 0; k < 7; k++) CHECK(more[k] == 0, "--evidence=all: access %d has more %zu", k, more[k]);
    report_view(&v, &f, true);
    CHECK(v.f.nevidence == 7, "--evidence=all shows %zu of 7", v.f.nevidence);
    report_view_free(&v);
}

int main(void) {
    test_line_hashes();
    test_fingerprints();
    test_baselines();
    test_evidence();
    if (failures) {
        fprintf(stderr, "report_test: %d failure%s\n", failures, failures == 1 ? "" : "s");
        return 1;
    }
    printf("report_test: all checks passed\n");
    return 0;
}
