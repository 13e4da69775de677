#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing (the "test" set of install-deps.sh), builds Chéquier with its
# tests and -Dwerror=true in BUILDDIR (default: build) and runs every test suite, the UI
# ones under a private X server and D-Bus session.
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${1:-build}

build-aux/ensure-deps.sh test

# Configure afresh even when the folder exists: it may have been set up before the test
# tools were installed (by the demo command, without the tests); configuring now finds
# every validator, or fails saying which is missing.
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" -Dwerror=true -Dtests=true
else
  meson setup "$builddir" -Dwerror=true -Dtests=true
fi
ninja -C "$builddir"
# A private runtime folder (0700): the accessibility bus puts its socket there, where no
# other session of the same user (a second test run, a desktop) can replace it.
runtime_dir=$(mktemp -d)
trap 'rm -rf "$runtime_dir"' EXIT
export XDG_RUNTIME_DIR=$runtime_dir
GDK_BACKEND=x11 GSK_RENDERER=cairo \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C "$builddir" --print-errorlogs
