#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs, from Debian 12, everything Chéquier needs to build, run and test, and generates
# the locales the money tests use. Run as root (or through sudo).
#   install-deps.sh           install what is missing
#   install-deps.sh --check   only tell (exit 1 when something is missing)
#   install-deps.sh --all     apt-get update and install the whole list (CI)
set -euo pipefail
mode=${1:-}
export DEBIAN_FRONTEND=noninteractive

packages=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3 libsecret-1-dev
  desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi imagemagick
  locales curl poppler-utils librsvg2-common adwaita-icon-theme fonts-cantarell
  libreoffice-calc-nogui
  clang libclang-rt-14-dev valgrind
)

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
want=(fr_BE.UTF-8 nl_BE.UTF-8 de_BE.UTF-8 en_US.UTF-8)
regen=0
for l in "${want[@]}"; do
  if ! locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}"; then
    sed -i "s/^# *\(${l} UTF-8\)/\1/" /etc/locale.gen
    grep -q "^${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" >> /etc/locale.gen
    [ "$mode" != "--check" ] || { echo "missing locale: $l"; exit 1; }
    regen=1
  fi
done
[ $regen -eq 0 ] || locale-gen
