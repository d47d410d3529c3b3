/*
 * project.c - the project configuration in the driver: which
 * .racecheck.json applies (--config, or the nearest one in or above the
 * analysed directory unless --no-config), and the selection of units by its
 * include/exclude globs.
 */
#include "cli.h"

#include "../frontend/frontend.h"

#include <stdlib.h>

bool cli_load_config(const CliOptions *o, Config *cfg, ApiModels *models, DiagSink *diags) {
    if (o->config) return config_load(cfg, o->config, models, diags);
    if (o->no_config) return true;
    const char *start = o->build_dir ? o->build_dir : o->ninputs ? o->inputs[0] : ".";
    char *found = config_find(start);
    if (!found) return true;
    bool ok = config_load(cfg, found, models, diags);
    free(found);
    return ok;
}

static bool keep_unit(void *ctx, const char *file) {
    return config_path_selected(ctx, file);
}

size_t cli_select_units(Config *cfg, FeInputs *in) {
    if (!cfg->include.len && !cfg->exclude.len) return 0;
    return fe_inputs_filter(in, keep_unit, cfg);
}
