#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing (the "run" set of install-deps.sh), builds the app in ./build
# (without the tests, unless ./build already has them) and opens it on the embedded demo
# data, in the user's language (the build tree's translations).
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-build}

build-aux/ensure-deps.sh run
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" -Dwerror=true -Dtests=false
ninja -C "$builddir"
GSETTINGS_SCHEMA_DIR="$builddir/resources" exec "$builddir/app/chequier" --demo "$@"
