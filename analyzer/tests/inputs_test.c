/*
 * inputs_test.c - the files a parsed unit records (IrUnit.inputs, front end
 * deps.c) and the cache key made from them, on a real parse: a main file
 * including a header that includes another and a system header. The main
 * file comes first, the headers follow sorted, each with the hash of its
 * contents; parsing again without changes gives the same inputs and key;
 * editing the nested header changes its hash and the key and nothing else;
 * editing a file the unit does not include changes nothing; the inputs
 * survive serialization. Needs libclang (it parses); run by ctest as
 * unit/inputs.
 */
#include "../base/hash.h"
#include "../frontend/frontend.h"
#include "../ir/serialize.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static char dir[] = "/tmp/racecheck_inputs_test_XXXXXX";

static void put(const char *name, const char *text) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static IrUnit *parse(void) {
    char main_c[PATH_MAX];
    snprintf(main_c, sizeof main_c, "%s/main.c", dir);
    const char *files[] = {main_c};
    const char *flags[] = {"-std=c11"};
    DiagSink diags;
    diag_init(&diags);
    FeInputs in;
    memset(&in, 0, sizeof in);
    CHECK(fe_inputs_from_files(&in, files, 1, flags, 1, &diags) == FE_OK);
    IrUnit **units = fe_parse_all(&in, 1, 0, NULL, &diags, NULL, NULL);
    IrUnit *u = units[0];
    CHECK(u != NULL && diag_error_count(&diags) == 0);
    free(units);
    fe_inputs_free(&in);
    diag_free(&diags);
    return u;
}

static HashKey key_of(const IrUnit *u) {
    const char *args[] = {"-std=c11"};
    HashUnitInputs in = {"test", {1, 2}, NULL, args, 1, u->path, u->inputs, u->ninputs};
    return hash_unit_key(&in);
}

static const HashFile *find(const IrUnit *u, const char *name) {
    for (uint32_t i = 0; i < u->ninputs; i++) {
        const char *slash = strrchr(u->inputs[i].path, '/');
        if (slash && strcmp(slash + 1, name) == 0) return &u->inputs[i];
    }
    return NULL;
}

int main(void) {
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    /* realpath: clang reports resolved paths (/tmp may be a symlink) */
    char real[PATH_MAX];
    CHECK(realpath(dir, real) != NULL);
    put("main.c", "#include \"a.h\"\nint main(void) { return A + B; }\n");
    put("a.h", "#include \"b.h\"\n#include <stddef.h>\n#define A 1\n");
    put("b.h", "#define B 2\n");
    put("unrelated.h", "#define C 3\n");

    IrUnit *u1 = parse();
    if (!u1) return 1;
    CHECK(u1->ninputs >= 4);
    char main_real[PATH_MAX + 16];
    snprintf(main_real, sizeof main_real, "%s/main.c", real);
    CHECK(u1->ninputs && strcmp(u1->inputs[0].path, main_real) == 0);
    for (uint32_t i = 2; i < u1->ninputs; i++) CHECK(strcmp(u1->inputs[i - 1].path, u1->inputs[i].path) < 0);
    const HashFile *a = find(u1, "a.h"), *b = find(u1, "b.h");
    CHECK(a && b && find(u1, "stddef.h") && !find(u1, "unrelated.h"));
    uint64_t h = 0;
    CHECK(b && hash_file(b->path, &h, NULL) && h == b->hash);
    CHECK(a && hash_file(a->path, &h, NULL) && h == a->hash);
    HashKey k1 = key_of(u1);

    /* nothing changed */
    IrUnit *u2 = parse();
    CHECK(u2 && ir_unit_equal(u1, u2, NULL, 0) && hash_key_equal(key_of(u2), k1));

    /* a file the unit does not include changed: same key */
    put("unrelated.h", "#define C 4\n");
    IrUnit *u3 = parse();
    CHECK(u3 && hash_key_equal(key_of(u3), k1));

    /* the nested header changed: its hash and the key, nothing else */
    put("b.h", "#define B 3\n");
    IrUnit *u4 = parse();
    CHECK(u4 && u4->ninputs == u1->ninputs && !hash_key_equal(key_of(u4), k1));
    for (uint32_t i = 0; u4 && i < u4->ninputs && i < u1->ninputs; i++) {
        CHECK(strcmp(u4->inputs[i].path, u1->inputs[i].path) == 0);
        bool is_b = strcmp(u4->inputs[i].path, b->path) == 0;
        CHECK(is_b == (u4->inputs[i].hash != u1->inputs[i].hash));
    }

    /* the inputs survive serialization */
    size_t n;
    void *data = ir_unit_serialize(u4, &n);
    char err[256];
    IrUnit *back = ir_unit_read(data, n, err, sizeof err);
    CHECK(back && back->ninputs == u4->ninputs && hash_key_equal(key_of(back), key_of(u4)));
    free(data);

    ir_unit_free(back);
    ir_unit_free(u4);
    ir_unit_free(u3);
    ir_unit_free(u2);
    ir_unit_free(u1);
    const char *names[] = {"main.c", "a.h", "b.h", "unrelated.h"};
    for (size_t i = 0; i < 4; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    printf("inputs_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
