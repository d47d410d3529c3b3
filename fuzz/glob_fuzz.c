/*
 * glob_fuzz.c - the glob matcher (config/glob.c): input "PATTERN\nPATH".
 * Checks that matching terminates quickly (libFuzzer's -timeout), never
 * reads out of bounds, and agrees with itself on "./PATH".
 */
#include "../analyzer/config/config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *s = fuzz_string(data, size);
    char *nl = strchr(s, '\n');
    const char *path = "";
    if (nl) {
        *nl = 0;
        path = nl + 1;
    }
    (void)glob_error(s);
    bool m = glob_match(s, path);
    char *dotted = malloc(strlen(path) + 3);
    if (!dotted) abort();
    strcpy(dotted, "./");
    strcat(dotted, path);
    if (glob_match(s, dotted) != m) abort(); /* a leading ./ never matters */
    free(dotted);
    free(s);
    return 0;
}
