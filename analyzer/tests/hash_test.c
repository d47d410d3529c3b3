/*
 * hash_test.c - content hashes and the unit cache key (base/hash.h), without
 * libclang: XXH3's frozen output, the hasher's framing (("ab", "c") is not
 * ("a", "bc"); NULL is not ""), hash_file, and hash_unit_key: the same
 * inputs give the same key, and a change to any one of them (the version,
 * the models and configuration, the working directory, an argument, their
 * order, the main file, a file's path or content hash, one file more) gives
 * another. Run by ctest as unit/hash.
 */
#include "../base/base.h"
#include "../base/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static void test_hashes(void) {
    /* XXH3_64bits("") is frozen: stored hashes stay valid across machines */
    CHECK(hash64("", 0) == 0x2d06800538d394c2ULL);
    CHECK(hash64(NULL, 0) == hash64("", 0));
    CHECK(hash64("a", 1) != hash64("b", 1));
    char hex[HASH_KEY_HEX];
    hash_key_hex((HashKey){0x0123456789abcdefULL, 0xfULL}, hex);
    CHECK(strcmp(hex, "0123456789abcdef000000000000000f") == 0);

    Hasher *h1 = hasher_new(), *h2 = hasher_new();
    hasher_str(h1, "ab");
    hasher_str(h1, "c");
    hasher_str(h2, "a");
    hasher_str(h2, "bc");
    CHECK(!hash_key_equal(hasher_finish(h1), hasher_finish(h2)));
    h1 = hasher_new();
    h2 = hasher_new();
    hasher_str(h1, NULL);
    hasher_str(h2, "");
    CHECK(!hash_key_equal(hasher_finish(h1), hasher_finish(h2)));
    h1 = hasher_new();
    h2 = hasher_new();
    hasher_u64(h1, 42);
    hasher_u64(h2, 42);
    CHECK(hash_key_equal(hasher_finish(h1), hasher_finish(h2)));

    char path[] = "/tmp/racecheck_hash_test_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, "int x;\n", 7) == 7);
    close(fd);
    uint64_t fh = 0;
    CHECK(hash_file(path, &fh, NULL) && fh == hash64("int x;\n", 7));
    unlink(path);
    int err = 0;
    CHECK(!hash_file(path, &fh, &err) && err != 0);
}

static HashKey key(const HashUnitInputs *in) {
    HashKey k1 = hash_unit_key(in), k2 = hash_unit_key(in);
    CHECK(hash_key_equal(k1, k2)); /* stable */
    return k1;
}

static void test_unit_key(void) {
    const char *args[] = {"-I", "include", "-DNDEBUG", "-pthread"};
    HashFile files[] = {{"/p/src/main.c", 1}, {"/p/include/a.h", 2}, {"/usr/include/stdio.h", 3}};
    HashUnitInputs base = {"0.1.0", {7, 8}, "/p/build", args, 4, "src/main.c", files, 3};
    HashKey k = key(&base);
    char hex[HASH_KEY_HEX];
    hash_key_hex(k, hex);
    CHECK(strlen(hex) == 32);

    /* an identical description in other memory gives the same key */
    const char *args2[] = {"-I", "include", "-DNDEBUG", "-pthread"};
    HashFile files2[] = {{"/p/src/main.c", 1}, {"/p/include/a.h", 2}, {"/usr/include/stdio.h", 3}};
    char version[] = "0.1.0";
    HashUnitInputs same = {version, {7, 8}, "/p/build", args2, 4, "src/main.c", files2, 3};
    CHECK(hash_key_equal(key(&same), k));

    /* every input matters */
    HashUnitInputs in;
    in = base, in.version = "0.1.1";
    CHECK(!hash_key_equal(key(&in), k));
    in = base, in.config.lo = 9;
    CHECK(!hash_key_equal(key(&in), k));
    in = base, in.directory = "/p/other";
    CHECK(!hash_key_equal(key(&in), k));
    in = base, in.directory = NULL;
    CHECK(!hash_key_equal(key(&in), k));
    in = base, in.nargs = 3;
    CHECK(!hash_key_equal(key(&in), k));
    const char *swapped[] = {"-I", "include", "-pthread", "-DNDEBUG"};
    in = base, in.args = swapped;
    CHECK(!hash_key_equal(key(&in), k));
    const char *joined[] = {"-Iinclude", "-DNDEBUG", "-pthread"};
    in = base, in.args = joined, in.nargs = 3;
    CHECK(!hash_key_equal(key(&in), k));
    in = base, in.main_file = "src/other.c";
    CHECK(!hash_key_equal(key(&in), k));
    /* a header's content changed */
    files2[1].hash = 99;
    in = base, in.files = files2;
    CHECK(!hash_key_equal(key(&in), k));
    files2[1].hash = 2;
    /* a header moved */
    files2[1].path = "/p/include/b.h";
    CHECK(!hash_key_equal(key(&in), k));
    files2[1].path = "/p/include/a.h";
    CHECK(hash_key_equal(key(&in), k));
    /* one header fewer */
    in = base, in.nfiles = 2;
    CHECK(!hash_key_equal(key(&in), k));
}

int main(void) {
    test_hashes();
    test_unit_key();
    printf("hash_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
