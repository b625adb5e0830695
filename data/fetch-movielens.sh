#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Downloads MovieLens 100K from GroupLens into data/ml-100k (or the folder given), checking
# the archive's MD5 first. The dataset's licence forbids redistribution, so Cinegan never
# ships it: every user fetches their own copy. Needs curl or wget, unzip and md5sum.
set -eu

URL="https://files.grouplens.org/datasets/movielens/ml-100k.zip"
MD5="0e33842e24a9c977be4e0107933c0723"

here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-"$here"}
zip="$dest/ml-100k.zip"

mkdir -p "$dest"
if [ -f "$dest/ml-100k/u.item" ]; then
  echo "MovieLens 100K is already in $dest/ml-100k"
  exit 0
fi

echo "Downloading $URL"
if command -v curl >/dev/null 2>&1; then
  curl -fL --retry 3 -o "$zip.part" "$URL"
else
  wget -O "$zip.part" "$URL"
fi

actual=$(md5sum "$zip.part" | cut -d' ' -f1)
if [ "$actual" != "$MD5" ]; then
  rm -f "$zip.part"
  echo "Checksum mismatch: expected $MD5, got $actual — not unpacking" >&2
  exit 1
fi
mv "$zip.part" "$zip"

# Unpack beside, then move into place, so an interrupted unzip leaves no half folder.
rm -rf "$dest/ml-100k.unpack"
unzip -q "$zip" -d "$dest/ml-100k.unpack"
mv "$dest/ml-100k.unpack/ml-100k" "$dest/ml-100k"
rm -rf "$dest/ml-100k.unpack" "$zip"
echo "MovieLens 100K is in $dest/ml-100k"
