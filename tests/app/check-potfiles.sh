#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every file with translatable strings is in po/POTFILES.in, and xgettext reads them all:
# what `meson compile cinegan-pot` does, without writing the template.
# Usage: check-potfiles.sh SOURCE_ROOT
set -eu
cd "$1"
status=0
listed=$(grep -v '^#' po/POTFILES.in)
for file in $(grep -l -E '(^|[^A-Za-z_])N?_ ?\(' src/app/*.c) $(grep -l 'translatable="yes"' ui/*.ui data/*.in 2>/dev/null); do
  if ! printf '%s\n' "$listed" | grep -qx "$file"; then
    echo "not in po/POTFILES.in: $file" >&2
    status=1
  fi
done
for file in $listed; do
  [ -f "$file" ] || { echo "in po/POTFILES.in but missing: $file" >&2; status=1; }
done
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --add-comments -f po/POTFILES.in -o /dev/null
exit $status
