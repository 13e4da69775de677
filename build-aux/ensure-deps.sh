#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs install-deps.sh, as root or through sudo, when a package it lists is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! build-aux/install-deps.sh --check >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    build-aux/install-deps.sh
  else
    sudo build-aux/install-deps.sh
  fi
fi
