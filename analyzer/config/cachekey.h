/*
 * cachekey.h - what the IR cache (frontend/cache.h) is keyed and kept by,
 * shared by the command line (cli/driver.c) and the language server
 * (lsp/project.c), so both read and write the same entries.
 */
#ifndef RACECHECK_CONFIG_CACHEKEY_H
#define RACECHECK_CONFIG_CACHEKEY_H

#include "../base/hash.h"
#include "../model/apimodel.h"
#include "config.h"

/* The cache directory: none when no_cache; else opt (--cache DIR|none),
 * else $RACECHECK_CACHE (DIR or none), else ROOT/.racecheck/cache.
 * malloc'd; NULL: no cache. */
char *cache_dir_for(bool no_cache, const char *opt, const char *root);

/* racecheck's build in the key: "VERSION+<hash of the executable>", so a
 * rebuilt racecheck (another lowering) never reads an older one's entries.
 * malloc'd. */
char *cache_build_id(const char *version);

/* The API models and configuration in the key: every rules file loaded
 * (name and contents) and the configuration file's contents. */
HashKey cache_config_key(const ApiModels *m, const Config *cfg);

#endif
