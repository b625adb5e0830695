#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Downloads a MovieLens release from GroupLens and unpacks it, checking the archive's MD5
# first: the one GroupLens publishes beside each zip (<zip>.md5), and for the releases that
# never change the value written below, which the published one must match too. The
# datasets' licence forbids redistribution, so Cinegan never ships them: every user fetches
# their own copy.
#
#   fetch-movielens.sh [RELEASE] [FOLDER]
#
# RELEASE is ml-100k (the default), ml-1m, ml-latest-small, ml-25m or ml-32m; the release
# lands in FOLDER/RELEASE (default: the folder holding this script, data/ in a clone; a
# FOLDER whose name starts with "ml-" is written ./ml-…). The
# folder appears whole or not at all: the archive is unpacked beside it and renamed into
# place. Needs curl or wget, unzip and md5sum.
#
# For a local mirror (and the tests), CINEGAN_MOVIELENS_URL replaces the GroupLens address
# and CINEGAN_MOVIELENS_MD5 the checksum written below.
set -eu

base=${CINEGAN_MOVIELENS_URL:-https://files.grouplens.org/datasets/movielens}

usage () {
  echo "usage: $0 [ml-100k|ml-1m|ml-latest-small|ml-25m|ml-32m] [FOLDER]" >&2
  exit 2
}

# name, archive size, the file that shows the release is there, the MD5 known here
# (empty for ml-latest-small, which GroupLens refreshes now and then).
release=ml-100k
case "${1:-}" in
  -h|--help) usage ;;
  # A release's name, or a name like one: a folder so named is given as ./ml-…
  ml-*/*) ;;
  ml-*) release=$1; shift ;;
esac
case "$release" in
  ml-100k)         size="5 MB";   marker=u.item;     pinned=0e33842e24a9c977be4e0107933c0723 ;;
  ml-1m)           size="6 MB";   marker=movies.dat; pinned=c4d9eecfca2ab87c1945afe126590906 ;;
  ml-latest-small) size="1 MB";   marker=movies.csv; pinned= ;;
  ml-25m)          size="250 MB"; marker=movies.csv; pinned=6b51fb2759a8657d3bfcbfc42b592ada ;;
  ml-32m)          size="239 MB"; marker=movies.csv; pinned=d472be332d4daa821edc399621853b57 ;;
  *) echo "Unknown release “$release”" >&2; usage ;;
esac
[ $# -le 1 ] || usage
pinned=${CINEGAN_MOVIELENS_MD5:-$pinned}

here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-"$here"}
target="$dest/$release"
zip_url="$base/$release.zip"

if [ -f "$target/$marker" ]; then
  echo "$release is already in $target"
  exit 0
fi
if [ -e "$target" ]; then
  echo "$target exists but holds no $marker: move it away first" >&2
  exit 1
fi
mkdir -p "$dest"

# Everything in progress is hidden beside the target and removed on any exit.
part="$dest/.$release.zip.part"
published="$dest/.$release.zip.md5.part"
unpack="$dest/.$release.unpack"
cleanup () { rm -rf "$part" "$published" "$unpack"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup

download () {  # URL FILE
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$2" "$1"
  else
    wget -q -O "$2" "$1"
  fi
}

# The published checksum, in GNU ("hash  name") or BSD ("MD5 (name) = hash") form.
expected=
if download "$zip_url.md5" "$published" 2>/dev/null; then
  expected=$(grep -o -i -E '[0-9a-f]{32}' "$published" | head -n 1 | tr 'A-F' 'a-f') || true
fi
if [ -n "$pinned" ] && [ -n "$expected" ] && [ "$expected" != "$pinned" ]; then
  echo "GroupLens now publishes MD5 $expected for $release.zip, not the $pinned this script" \
       "knows: the archive has changed; not downloading it" >&2
  exit 1
fi
expected=${expected:-$pinned}
if [ -z "$expected" ]; then
  echo "Cannot get the published checksum $zip_url.md5: not downloading an archive that" \
       "cannot be checked" >&2
  exit 1
fi

echo "Downloading $zip_url ($size)"
if ! download "$zip_url" "$part"; then
  echo "Downloading $zip_url failed" >&2
  exit 1
fi
actual=$(md5sum "$part" | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then
  echo "Checksum mismatch for $release.zip: expected $expected, got $actual — not unpacking" >&2
  exit 1
fi

# Unpack beside, then rename into place, so an interrupted unzip leaves no half folder.
mkdir "$unpack"
if ! unzip -q "$part" -d "$unpack" || [ ! -f "$unpack/$release/$marker" ]; then
  echo "$release.zip does not hold $release/$marker — not installing it" >&2
  exit 1
fi
mv "$unpack/$release" "$target"
echo "$release is in $target"
