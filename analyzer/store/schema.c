/*
 * schema.c - the findings database's schema, as migrations.
 *
 * store_migrations[v] upgrades a database from user_version v to v + 1;
 * STORE_SCHEMA_VERSION is their number. A new version appends one entry
 * (never edits an old one) and documents it in docs/database.md.
 *
 * Version 1:
 *   runs          one row per analysis run
 *   findings      one row per fingerprint ever seen: rule, object, first
 *                 and last run that saw it
 *   run_findings  which run saw which finding, with what that run said
 *                 (severity, message, primary location, explanation, help)
 *   evidence      the accesses of a finding in a run (thread, spawn site,
 *                 locks as a JSON array)
 *   diagnostics   what a run could not fully analyse
 *   triage        triage decisions, append-only; the newest per
 *                 fingerprint is the current one (view triage_current)
 */
#include "store_int.h"

const char *const store_migrations[STORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE runs(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  started_at TEXT NOT NULL,\n"
    "  finished_at TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  command_line TEXT,\n"
    "  config_hash TEXT,\n"
    "  git_commit TEXT,\n"
    "  root TEXT NOT NULL,\n"
    "  units INTEGER NOT NULL,\n"
    "  units_failed INTEGER NOT NULL,\n"
    "  exit_code INTEGER NOT NULL);\n"
    "CREATE TABLE findings(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  fingerprint TEXT NOT NULL UNIQUE,\n"
    "  rule TEXT NOT NULL,\n"
    "  object TEXT,\n"
    "  first_run INTEGER NOT NULL REFERENCES runs(id),\n"
    "  last_run INTEGER NOT NULL REFERENCES runs(id));\n"
    "CREATE TABLE run_findings(\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  finding_id INTEGER NOT NULL REFERENCES findings(id),\n"
    "  severity TEXT NOT NULL CHECK(severity IN ('error', 'warning', 'note')),\n"
    "  message TEXT NOT NULL,\n"
    "  file TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  explanation TEXT,\n"
    "  help TEXT,\n"
    "  PRIMARY KEY(run_id, finding_id));\n"
    "CREATE INDEX run_findings_finding ON run_findings(finding_id);\n"
    "CREATE TABLE evidence(\n"
    "  run_id INTEGER NOT NULL,\n"
    "  finding_id INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  file TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  function TEXT NOT NULL,\n"
    "  routine TEXT NOT NULL,\n"
    "  many INTEGER NOT NULL,\n"
    "  spawn_file TEXT,\n"
    "  spawn_line INTEGER NOT NULL,\n"
    "  spawn_col INTEGER NOT NULL,\n"
    "  locks TEXT NOT NULL,\n"
    "  PRIMARY KEY(run_id, finding_id, seq),\n"
    "  FOREIGN KEY(run_id, finding_id) REFERENCES run_findings(run_id, finding_id) ON DELETE CASCADE);\n"
    "CREATE TABLE diagnostics(\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  level TEXT NOT NULL,\n"
    "  file TEXT,\n"
    "  line INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  message TEXT NOT NULL,\n"
    "  PRIMARY KEY(run_id, seq));\n"
    "CREATE TABLE triage(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  fingerprint TEXT NOT NULL,\n"
    "  status TEXT NOT NULL CHECK(status IN ('open', 'confirmed', 'false-positive', 'intentional', "
    "'wont-fix')),\n"
    "  reason TEXT NOT NULL,\n"
    "  author TEXT NOT NULL,\n"
    "  at TEXT NOT NULL);\n"
    "CREATE INDEX triage_fingerprint ON triage(fingerprint, id);\n"
    "CREATE VIEW triage_current AS\n"
    "  SELECT * FROM triage t WHERE id = (SELECT max(id) FROM triage u WHERE u.fingerprint = t.fingerprint);\n",
};
