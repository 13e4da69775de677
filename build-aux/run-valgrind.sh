#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the core, client and cache suites under valgrind memcheck: any invalid read or
# write, use of uninitialised memory or definite leak fails the run (GLib and GTK's
# one-time allocations are "still reachable" or "possibly lost", not reported; what
# remains of their noise is in tests/valgrind.supp).
#
#   build-aux/run-valgrind.sh                   core, client, cache
#   build-aux/run-valgrind.sh core              one suite
#
# Environment: VALGRIND_BUILD_DIR (default build-valgrind). The benchmark-sized store test
# (test-store-perf) is left out: it measures speed, which means nothing under valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."

build="${VALGRIND_BUILD_DIR:-build-valgrind}"
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(core client cache)

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dbuildtype=debug -Dwerror=true
fi
ninja -C "$build"

tests=()
for suite in "${suites[@]}"; do
  while read -r name; do
    case "$name" in
      *test-store-perf*) ;;
      *) tests+=("${name##* }") ;;
    esac
  done < <(meson test -C "$build" --list --suite "$suite" 2>/dev/null | grep -v '^ninja')
done

# Children spawned by the crash and soak tests run natively (no --trace-children): their
# parent, which checks everything, runs under valgrind.
export G_SLICE=always-malloc
meson test -C "$build" --print-errorlogs --timeout-multiplier 10 \
  --wrap "valgrind --quiet --tool=memcheck --leak-check=full --show-leak-kinds=definite \
          --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
          --suppressions=$PWD/tests/valgrind.supp --gen-suppressions=all" \
  "${tests[@]}"
