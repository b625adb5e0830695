#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-install.sh: what `meson install` puts in a prefix, installed into a temporary
# DESTDIR and checked there.
#
#   check-install.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR APP_ID FETCH_SCRIPT
#
# BINDIR and DATADIR are relative to PREFIX; FETCH_SCRIPT is the fetch script's installed
# path, the one the missing-dataset page names. Checked: the programs, the launcher
# (desktop-file-validate), the metainfo (appstreamcli validate --no-net) with its URLs and
# screenshots, each screenshot in data/screenshots at the size the metainfo gives, the
# icon and its symbolic form, the settings schema (it compiles), the model MIME type, the
# fetch script (run from /, against a local mirror, it puts a release where the app and
# the CLI find it), and no installed program names the source or the build folder. A
# validator that is not installed is reported and its check skipped.
set -eu

meson=$1
build_root=$2
source_root=$3
prefix=$4
bindir=$5
datadir=$6
app_id=$7
fetch_script=$8

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
destdir="$work/destdir"
root="$destdir$prefix"
share="$root/$datadir"
failures=0

fail () {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

need_file () {  # PATH
  [ -f "$1" ] || fail "not installed: ${1#"$destdir"}"
}

"$meson" install -C "$build_root" --no-rebuild --quiet --destdir "$destdir" > "$work/install.log" 2>&1 \
  || { cat "$work/install.log"; echo "FAIL: meson install"; exit 1; }

# ---- programs ----

for program in cinegan cinegan-cli; do
  need_file "$root/$bindir/$program"
  [ -x "$root/$bindir/$program" ] || fail "$program is not executable"
  # Neither folder of the build machine, as a file name, a search path or an RPATH.
  for folder in "$source_root" "$build_root"; do
    if grep -q -a -F "$folder" "$root/$bindir/$program"; then
      fail "$program names $folder: $(grep -a -o -F "$folder" "$root/$bindir/$program" | head -n 1)"
    fi
  done
done
# The missing-dataset page's command runs the installed script.
grep -q -a -F "$fetch_script" "$root/$bindir/cinegan" \
  || fail "cinegan does not name the installed fetch script $fetch_script"

# ---- launcher ----

desktop="$share/applications/$app_id.desktop"
need_file "$desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate $app_id.desktop"
else
  echo "desktop-file-validate is not installed: launcher not validated"
fi
grep -qx "Icon=$app_id" "$desktop" || fail "the launcher's Icon= is not $app_id"
exec_program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$root/$bindir/$exec_program" ] || fail "the launcher runs $exec_program, not installed"

# ---- metainfo ----

metainfo="$share/metainfo/$app_id.metainfo.xml"
need_file "$metainfo"
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate $app_id.metainfo.xml"
else
  echo "appstreamcli is not installed: metainfo not validated"
fi
for kind in homepage bugtracker; do
  grep -q "<url type=\"$kind\">https://" "$metainfo" || fail "the metainfo has no $kind URL"
done
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
  || fail "the metainfo does not launch $app_id.desktop"

# Each screenshot is one of data/screenshots, at the size the metainfo gives: a PNG's width
# and height are the big-endian words at bytes 16 and 20.
png_size () {  # FILE
  od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d %d", $1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
                                                  $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}
sed -n 's|.*<image type="source" width="\([0-9]*\)" height="\([0-9]*\)">\(.*\)</image>.*|\1 \2 \3|p' \
  "$metainfo" > "$work/screenshots"
[ -s "$work/screenshots" ] || fail "the metainfo has no screenshots"
grep -q '<screenshot type="default">' "$metainfo" || fail "the metainfo has no default screenshot"
while read -r width height url; do
  case "$url" in
    https://*) ;;
    *) fail "screenshot $url is not an https URL" ;;
  esac
  file="$source_root/data/screenshots/${url##*/}"
  if [ ! -f "$file" ]; then
    fail "screenshot $url is not in data/screenshots"
    continue
  fi
  actual=$(png_size "$file")
  [ "$actual" = "$width $height" ] \
    || fail "${url##*/} is $actual pixels, the metainfo says $width $height"
done < "$work/screenshots"

# ---- icons, settings, MIME type ----

need_file "$share/icons/hicolor/scalable/apps/$app_id.svg"
need_file "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
need_file "$share/glib-2.0/schemas/$app_id.gschema.xml"
glib-compile-schemas --strict --targetdir "$work" "$share/glib-2.0/schemas" \
  || fail "the installed schema does not compile"
need_file "$share/mime/packages/$app_id.xml"

# ---- the fetch script, run from / ----

need_file "$destdir$fetch_script"
[ -x "$destdir$fetch_script" ] || fail "the fetch script is not executable"
missing_tool=
for tool in curl unzip zip md5sum; do
  command -v "$tool" >/dev/null 2>&1 || missing_tool=$tool
done
if [ -n "$missing_tool" ]; then
  echo "$missing_tool is not installed: the fetch script is not run"
else
  # A tiny release in a mirror, fetched as the page says: into the user's data folder.
  mkdir -p "$work/release/ml-100k" "$work/mirror" "$work/home/data"
  printf '1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n' \
    > "$work/release/ml-100k/u.item"
  printf '1\t1\t5\t874965758\n' > "$work/release/ml-100k/u.data"
  (cd "$work/release" && zip -qr "$work/mirror/ml-100k.zip" ml-100k)
  sum=$(md5sum "$work/mirror/ml-100k.zip" | cut -d' ' -f1)
  echo "$sum  ml-100k.zip" > "$work/mirror/ml-100k.zip.md5"
  if (cd / && CINEGAN_MOVIELENS_URL="file://$work/mirror" CINEGAN_MOVIELENS_MD5=$sum \
        sh "$destdir$fetch_script" "$work/home/data/cinegan") > "$work/fetch.log" 2>&1; then
    [ -f "$work/home/data/cinegan/ml-100k/u.item" ] || fail "the fetch script put no u.item"
    # The installed CLI, run from / with no hint of the sources, finds it there.
    found=$(cd / && env -u CINEGAN_DATA_DIR -u CINEGAN_SOURCE_DATA_DIR \
              XDG_DATA_HOME="$work/home/data" "$root/$bindir/cinegan-cli" datasets 2>&1) \
      || fail "cinegan-cli datasets: $found"
    printf '%s\n' "$found" | grep -q -F "$work/home/data/cinegan/ml-100k" \
      || fail "cinegan-cli does not find the fetched release: $found"
  else
    cat "$work/fetch.log"
    fail "the installed fetch script, run from /"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "installed tree checked"
