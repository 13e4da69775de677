#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds Chéquier in ./build and opens it on the embedded demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-build}

build-aux/ensure-deps.sh run
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" -Dwerror=true
ninja -C "$builddir"
GSETTINGS_SCHEMA_DIR="$builddir/resources" exec "$builddir/app/chequier" --demo "$@"
