#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs install-deps.sh, as root or through sudo, when a package of the set it is given
# (run or test, see install-deps.sh) is missing.
#   ensure-deps.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
set_name=${1:-test}
if ! build-aux/install-deps.sh --check "$set_name" >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    build-aux/install-deps.sh "$set_name"
  else
    sudo build-aux/install-deps.sh "$set_name"
  fi
fi
