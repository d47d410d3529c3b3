/*
 * cdb_fuzz.c - the compile-database reader (frontend/inputs.c): the input
 * is a compile_commands.json; its entries are read, their command lines
 * split and filtered (nothing is parsed with libclang).
 */
#include "../analyzer/frontend/frontend.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_write("compile_commands.json", data, size);
    FeInputs in;
    memset(&in, 0, sizeof in);
    DiagSink d;
    diag_init(&d);
    const char *extra[] = {"-DFUZZ"};
    if (fe_inputs_from_cdb(&in, fuzz_dir(), NULL, 0, extra, 1, &d) == FE_OK) fe_inputs_free(&in);
    diag_free(&d);
    return 0;
}
