#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Proves the README's two commands on a fresh machine: makes a minimal Debian 12 root with
# debootstrap (from the archive this machine's apt already uses), clones this checkout into
# it, runs the demo command there with an X display and a session bus from outside until
# the catalogue's first frame shows courses, then runs the test command there and checks it
# ran as many tests as this checkout's build has. Run as root (CI does).
#   check-fresh-machine.sh [EXPECTED_TEST_COUNT]
# The pristine root is cached in $CHQ_FRESH_CACHE (default /var/cache/chequier-ci); mounts,
# processes and the root are cleaned up on every exit.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
expected=${1:-}
cache=${CHQ_FRESH_CACHE:-/var/cache/chequier-ci}
suite=bookworm

[ "$(id -u)" -eq 0 ] || { echo "check-fresh-machine.sh: run as root" >&2; exit 2; }
for tool in debootstrap Xvfb dbus-daemon git; do
  command -v "$tool" >/dev/null || { echo "check-fresh-machine.sh: $tool is missing" >&2; exit 2; }
done

# The Debian archive apt already uses here: the first URI of a deb822 source or a one-line
# entry naming the suite, so no host name is written in this repository.
archive_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$suite" '
      /^URIs:/ { uri = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
      /^$/ { if (ok && uri ~ /\/debian\/?$/) { print uri; exit } ok = 0 }
      END { if (ok && uri ~ /\/debian\/?$/) print uri }' "$f"
  done
  if [ -f /etc/apt/sources.list ]; then
    awk -v s="$suite" '$1 == "deb" && $3 == s { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
      /etc/apt/sources.list
  fi
  return 0
}
mirror=$(archive_uri | head -n 1)
[ -n "$mirror" ] || { echo "check-fresh-machine.sh: no Debian $suite archive in apt's sources" >&2; exit 2; }

mkdir -p "$cache"
pristine="$cache/$suite-minbase.tar"
if [ ! -s "$pristine" ]; then
  echo "== debootstrap --variant=minbase $suite (cached in $pristine)"
  staging=$(mktemp -d /var/tmp/chequier-debootstrap.XXXXXX)
  debootstrap --variant=minbase "$suite" "$staging" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -n 30 "$cache/debootstrap.log"; rm -rf "$staging"; exit 1; }
  tar -C "$staging" -cf "$pristine.part" . && mv "$pristine.part" "$pristine"
  rm -rf "$staging"
fi

root=$(mktemp -d /var/tmp/chequier-fresh.XXXXXX)
xvfb_pid="" bus_pid=""
cleanup() {
  set +e
  # Whatever still runs inside the root (a test's bus, an X client) goes first.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  [ -n "$bus_pid" ] && kill "$bus_pid" 2>/dev/null
  for m in tmp/.X11-unix dev/shm dev/pts dev sys proc; do
    mountpoint -q "$root/$m" && umount -l "$root/$m"
  done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar -C "$root" -xf "$pristine"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The same archive and suites as this machine (the release, its updates and security).
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && grep -qE '/debian(-security)?/?( |$)' "$f" && sources+=("$f")
done
if [ ${#sources[@]} -gt 0 ]; then
  rm -f "$root/etc/apt/sources.list"
  for f in "${sources[@]}"; do cp "$f" "$root$f"; done
fi
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs shm "$root/dev/shm"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"

git clone -q --no-hardlinks "$src" "$root/root/chequier"

# A desktop session from outside: an X server, and a session bus whose socket is in the
# root. The bus starts no services (they would run outside the root: dconf there would
# write this machine's settings), so settings live in memory for the run.
display=$((200 + RANDOM % 500))
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
mkdir -p "$root/run/user/0" && chmod 700 "$root/run/user/0"
cat >"$root/run/ci-session-bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$root/run/user/0/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
bus_pid=$(dbus-daemon --config-file="$root/run/ci-session-bus.conf" --fork --print-pid)
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}

echo "== fresh root: the README's first command (build-aux/run-demo.sh)"
out=$(in_root DISPLAY=":$display" XDG_RUNTIME_DIR=/run/user/0 \
        DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/0/bus GSETTINGS_BACKEND=memory GTK_A11Y=none \
        CHQ_EXIT_AFTER_FIRST_FRAME=rows \
        bash -c 'cd /root/chequier && build-aux/run-demo.sh' 2>"$root/demo.log") ||
  { tail -n 40 "$root/demo.log"; echo "the demo command failed"; exit 1; }
line=$(grep '^chequier-first-frame ' <<<"$out" || true)
echo "${line:-no first frame}"
case "$line" in
  *" rows=0 "*|"") tail -n 40 "$root/demo.log"; echo "the demo showed no courses in its first frames"; exit 1;;
esac
[ ! -e "$root/root/chequier/build/tests/test-money" ] ||
  { echo "the demo command built the tests too"; exit 1; }

echo "== fresh root: the README's second command (build-aux/run-tests.sh)"
in_root bash -c 'cd /root/chequier && build-aux/run-tests.sh' >"$root/tests.log" 2>&1 ||
  { tail -n 60 "$root/tests.log"
    # The root goes when this ends: what the failed tests wrote, from meson's log.
    [ -f "$root/root/chequier/build/meson-logs/testlog.json" ] &&
      python3 "$src/build-aux/print-failed-tests.py" "$root/root/chequier/build"
    echo "the test command failed"; exit 1; }
tail -n 9 "$root/tests.log"
ran=$(in_root bash -c 'cd /root/chequier && meson test -C build --list 2>/dev/null' | grep -c ' / ')
echo "tests in the fresh root: $ran${expected:+, expected $expected}"
if [ -n "$expected" ] && [ "$ran" -ne "$expected" ]; then
  echo "the fresh root ran $ran tests, this checkout has $expected"; exit 1
fi
grep -qE '^Fail: +0' "$root/tests.log" || { echo "failures in the fresh root"; exit 1; }
echo "== fresh root: both commands pass"
