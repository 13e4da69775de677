#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs, from Debian 12, what Chéquier needs, and generates the locales the money tests
# use. Run as root (or through sudo).
#   install-deps.sh [MODE] [SET]
#   MODE: (none) install what is missing; --check only tell (exit 1 when something is
#         missing); --all apt-get update and install the whole set (CI)
#   SET:  run  what building and running the app needs
#         test (default) that, and what the whole test suite, the fuzzers and valgrind need
set -euo pipefail
mode=""
set_name=test
for arg in "$@"; do
  case "$arg" in
    --check|--all) mode=$arg;;
    run|test) set_name=$arg;;
    *) echo "usage: $0 [--check|--all] [run|test]" >&2; exit 2;;
  esac
done
export DEBIAN_FRONTEND=noninteractive

# run: what configuring, building and running the app needs (glib-networking: HTTPS to the
# voucher service; desktop-file-utils, gtk4-update-icon-cache and glib-compile-schemas:
# what `meson install` refreshes).
packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsecret-1-dev glib-networking
  desktop-file-utils librsvg2-common adwaita-icon-theme fonts-cantarell
)
# test: that, and what the whole test suite (validators, a private X server and
# accessibility bus, PDF and spreadsheet readers, the locales the money tests use), the
# fuzzers (clang) and valgrind need; faketime runs the suite on other dates.
if [ "$set_name" = test ]; then
  packages+=(
    sqlite3 curl appstream flatpak-builder python3
    xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi imagemagick libxtst-dev xdotool
    locales poppler-utils libreoffice-calc-nogui faketime python3-stdnum
    clang libclang-rt-14-dev valgrind
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "$mode" = "--all" ]; then
  missing=("${packages[@]}")
fi
if [ "$mode" = "--check" ] && [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}"
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The locales the money formatting is tested in.
[ "$set_name" = test ] || exit 0
want=(fr_BE.UTF-8 nl_BE.UTF-8 de_BE.UTF-8 en_US.UTF-8)
regen=0
for l in "${want[@]}"; do
  if ! locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}"; then
    [ "$mode" != "--check" ] || { echo "missing locale: $l"; exit 1; }
    sed -i "s/^# *\(${l} UTF-8\)/\1/" /etc/locale.gen
    grep -q "^${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" >> /etc/locale.gen
    regen=1
  fi
done
[ $regen -eq 0 ] || locale-gen
