#!/bin/sh
# tools/setup.sh - install what racecheck needs to build and test on Debian 12
# (run as root). Installs only the packages that are missing, so it is quick
# on a machine that already has them.
set -eu
PKGS="cmake make gcc libc6-dev clang-19 libclang-19-dev libsqlite3-dev libcjson-dev python3 time
      pkg-config libglib2.0-dev libuv1-dev libapr1-dev libaprutil1-dev libomp-19-dev
      python3-jsonschema chromium libxxhash-dev neovim libclang-rt-19-dev libevent-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing:$missing" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
