#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The programs run from the build tree speak the user's language: under fr_BE, nl_BE and
# de_BE, `chequier --help` describes --demo with the translation of the build tree's
# catalogue (not the English text), with nothing installed.
#   check-locale.sh PROGRAM LOCALEDIR
set -euo pipefail
program=${1:?program}
localedir=${2:?locale dir}
english="Show the demo data (an embedded test service) instead of an account"
status=0
for lang in fr_BE nl_BE de_BE; do
  want=$(LANGUAGE= LC_ALL=$lang.UTF-8 TEXTDOMAINDIR=$localedir gettext -d chequier "$english")
  if [ "$want" = "$english" ]; then
    echo "$lang: the catalogue in $localedir has no translation (or the locale is missing)"
    status=1
    continue
  fi
  got=$(env -u CHQ_LOCALEDIR LANGUAGE= LC_ALL=$lang.UTF-8 "$program" --help 2>&1)
  if grep -qF -- "$want" <<<"$got"; then
    echo "$lang: ok"
  else
    echo "$lang: expected “$want” in the help of $program, got:"
    echo "$got"
    status=1
  fi
done
exit $status
