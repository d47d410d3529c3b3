#!/bin/sh
# tools/lsp_nvim_test.sh RACECHECK - racecheck lsp in Neovim's built-in LSP
# client, headless (tools/lsp_nvim_test.lua says what it checks). Works on
# copies of testdata/lsp/counter and testdata/demo in a temporary folder;
# the IR cache is the copies' own. Exit 0 when every check passed.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
racecheck=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v nvim >/dev/null || { echo "lsp_nvim_test: nvim is missing: run tools/setup.sh" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/racecheck-nvim-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/testdata/lsp/counter" "$tmp/counter"
cp -r "$src/testdata/demo" "$tmp/demo"
unset RACECHECK_CACHE RACECHECK_DB
# --clean: no user configuration or plugins; the log of the servers goes to
# Neovim's LSP log in $tmp (XDG_CACHE_HOME), printed on failure
status=0
XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" RACECHECK="$racecheck" LSP_ROOT="$tmp/counter" \
    LSP_DEMO="$tmp/demo" nvim --headless --clean -n -c "luafile $src/tools/lsp_nvim_test.lua" </dev/null \
    || status=$?
if [ "$status" -ne 0 ]; then
    echo "lsp_nvim_test: failed (exit $status); Neovim's LSP log:" >&2
    find "$tmp/cache" "$tmp/state" -name 'lsp.log' -exec tail -n 60 {} \; >&2 2>/dev/null || true
fi
exit "$status"
