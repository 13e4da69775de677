#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every language in po/LINGUAS is complete: merged with a template made afresh from
# po/POTFILES.in, its catalogue compiles (msgfmt --check) with no untranslated and no fuzzy
# message. Run by `meson test --suite validate`.
#   check-translations.sh SOURCE_ROOT
set -euo pipefail
src=${1:?source root}
cd "$src"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same keywords and flags as meson's glib preset (po/meson.build).
xgettext --package-name=chequier -f po/POTFILES.in -D . -o "$work/chequier.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format

status=0
while read -r lang; do
  case "$lang" in ''|'#'*) continue;; esac
  msgfmt --check -o /dev/null "po/$lang.po" || { echo "po/$lang.po: does not compile"; status=1; }
  msgmerge --quiet "po/$lang.po" "$work/chequier.pot" -o "$work/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "po/$lang.po is not complete: run 'meson compile -C build chequier-update-po'" \
           "and translate what is new"
      for which in --untranslated --only-fuzzy; do
        msgattrib "$which" --no-wrap --no-obsolete "$work/$lang.po" |
          grep '^msgid ' | grep -v '^msgid ""$' | sed "s/^/  ${which#--}: /" | head -20 || true
      done
      status=1;;
  esac
done < po/LINGUAS
exit $status
