#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Measures the design's speed and memory goals (tests/bench) and writes the results table of
# docs/performance.md. Builds with buildtype=release in build-bench, runs
# `meson test -C build-bench --benchmark` under a private X server and D-Bus session, then
# puts the table, the details, the CPU, the load and the date between the results markers
# of docs/performance.md (the text around them, the analysis, is kept).
#
#   build-aux/run-benchmarks.sh                  all seven (about 5 minutes, idle, 2 cores)
#   build-aux/run-benchmarks.sh startup memory   only those (see tests/bench/meson.build)
#   CHQ_BENCH_RUNS=5 build-aux/run-benchmarks.sh fewer repetitions, for a quick look
#
# The 50,000-course sandbox database and the store a full sync fills are made on the first
# run in build-bench/tests/bench/data and reused; delete that folder to make them again.
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=build-bench
doc=docs/performance.md

build-aux/ensure-deps.sh

if [ -f "$builddir/build.ninja" ]; then
  meson configure "$builddir" -Dbuildtype=release >/dev/null
else
  meson setup "$builddir" --buildtype=release -Dwerror=true
fi
ninja -C "$builddir"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
export CHQ_BENCH_TABLE="$results/table.md"
export CHQ_BENCH_DETAILS="$results/details.md"
: > "$CHQ_BENCH_TABLE"
: > "$CHQ_BENCH_DETAILS"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
status=0
LC_ALL=C.UTF-8 GDK_BACKEND=x11 GSK_RENDERER=cairo XDG_RUNTIME_DIR=$results \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C "$builddir" --benchmark --num-processes 1 --verbose "$@" || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
cores=$(nproc)
memory=$(free -m | awk '/^Mem:/ { printf "%.1f GiB", $2 / 1024 }')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
what=${*:-all}

section="$results/section.md"
{
  echo "<!-- results:begin (written by build-aux/run-benchmarks.sh; edit outside the markers) -->"
  echo "Measured on $started: $cpu, $cores cores, $memory; Linux $(uname -r); commit"
  echo "\`$commit\`, buildtype=release, under Xvfb (cairo renderer). Benchmarks: $what."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after."
  echo
  echo "| Figure | Median | p95 | Reference | Ratio | Goal | Met |"
  echo "|---|---:|---:|---|---:|---|---|"
  cat "$CHQ_BENCH_TABLE"
  echo
  echo "### Details"
  echo
  cat "$CHQ_BENCH_DETAILS"
  echo
  echo "<!-- results:end -->"
} > "$section"

if [ -f "$doc" ] && grep -q '^<!-- results:begin' "$doc" && grep -q '^<!-- results:end' "$doc"; then
  awk -v section="$section" '
    /^<!-- results:begin/ { while ((getline line < section) > 0) print line; skip = 1; next }
    /^<!-- results:end/ { skip = 0; next }
    !skip { print }
  ' "$doc" > "$results/doc.md"
  cp "$results/doc.md" "$doc"
else
  mkdir -p "$(dirname "$doc")"
  {
    echo "# Performance"
    echo
    echo "The goals of DESIGN.md (\"What fast means\"), measured by \`build-aux/run-benchmarks.sh\`."
    echo
    echo "## Results"
    echo
    cat "$section"
  } > "$doc"
fi

echo
echo "| Figure | Median | p95 | Reference | Ratio | Goal | Met |"
echo "|---|---:|---:|---|---:|---|---|"
cat "$CHQ_BENCH_TABLE"
echo
echo "Written to $doc."
exit "$status"
