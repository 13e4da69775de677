#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the libFuzzer targets (clang, ASan + UBSan, the whole library instrumented for
# coverage) and runs each for a bounded time over its seed corpus. Fails on any crash, leak,
# sanitizer report, timeout or GLib critical.
#
#   build-aux/run-fuzzers.sh              30 s per target (CI)
#   build-aux/run-fuzzers.sh 600          10 minutes per target
#   build-aux/run-fuzzers.sh 600 fuzz-sandbox   one target only
#
# Environment: FUZZ_BUILD_DIR (default build-fuzz). Needs clang and libclang-rt-14-dev
# (Debian 12). Findings land in $FUZZ_BUILD_DIR/fuzz-artifacts/; copy a crashing input to
# tests/fuzz/regressions/<target>/ once fixed, and every later run replays it first.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
only="${2:-}"
build="${FUZZ_BUILD_DIR:-build-fuzz}"
targets=(fuzz-codec fuzz-ident fuzz-problem fuzz-sandbox fuzz-search)

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$build" $(printf 'tests/fuzz/%s ' "${targets[@]}")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

# Nothing of the fuzzers' may touch the real home.
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" \
       XDG_CONFIG_HOME="$work/config" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 0700 "$XDG_RUNTIME_DIR"
export GSETTINGS_BACKEND=memory G_DEBUG=gc-friendly
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

seeds_of () {
  case "$1" in
    fuzz-codec) echo tests/fixtures/api tests/fixtures/api/bad tests/fuzz/corpus/codec ;;
    *) echo "tests/fuzz/corpus/${1#fuzz-}" ;;
  esac
}

status=0
summary=""
for target in "${targets[@]}"; do
  [ -z "$only" ] || [ "$only" = "$target" ] || continue
  exe="$build/tests/fuzz/$target"

  if [ -d "tests/fuzz/regressions/$target" ]; then
    echo "== $target: regressions"
    find "tests/fuzz/regressions/$target" -type f -print0 | xargs -0 -r "$exe" || status=1
  fi

  echo "== $target: ${seconds} s"
  mkdir -p "$work/corpus-$target"
  log="$work/$target.log"
  # shellcheck disable=SC2046
  if "$exe" "$work/corpus-$target" $(seeds_of "$target") \
       -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -max_len=16384 \
       -print_final_stats=1 -artifact_prefix="$artifacts/$target-" >"$log" 2>&1; then
    result="ok"
  else
    result="FAILED"
    status=1
    tail -n 60 "$log"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  corpus=$(find "$work/corpus-$target" -type f | wc -l)
  line="$target: $result, ${runs:-0} inputs in ${seconds} s, coverage ${cov:-?} edges, ${corpus} new corpus entries"
  echo "$line"
  summary+="$line"$'\n'
done

echo
echo "== summary"
printf '%s' "$summary"
exit $status
