#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-fetch.sh: data/fetch-movielens.sh against a local mirror (file:// URLs, no network).
#
#   test-fetch.sh FETCH_SCRIPT CINEGAN_CLI
#
# Fake releases are zipped into a mirror folder with the .md5 files GroupLens publishes
# beside its zips (in BSD and GNU forms). Checked: a release arrives whole and loads; a
# second run downloads nothing; a bad archive, a published checksum that disagrees with the
# known one, a missing checksum and an archive without the release's files all fail and
# leave no folder and no partial file; bad arguments are usage errors.
set -eu

fetch=$1
cli=$2
for tool in curl unzip zip md5sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed"
    exit 77
  fi
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mirror="$root/mirror"
mkdir -p "$mirror" "$root/src"
failures=0

fail () {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# A release folder zipped into the mirror; "bsd" or "gnu" picks the .md5's form, "none"
# publishes none.
make_release () {  # NAME MD5_FORM
  (cd "$root/src" && rm -f "$mirror/$1.zip" && zip -qr "$mirror/$1.zip" "$1")
  sum=$(md5sum "$mirror/$1.zip" | cut -d' ' -f1)
  case "$2" in
    bsd) echo "MD5 ($1.zip) = $sum" > "$mirror/$1.zip.md5" ;;
    gnu) echo "$sum  $1.zip" > "$mirror/$1.zip.md5" ;;
    none) rm -f "$mirror/$1.zip.md5" ;;
  esac
  echo "$sum"
}

mkdir -p "$root/src/ml-1m" "$root/src/ml-latest-small" "$root/src/ml-25m"
printf '1::Toy Story (1995)::Animation|Comedy\n2::Heat (1995)::Action\n' \
  > "$root/src/ml-1m/movies.dat"
printf '1::1::5::978300760\n1::2::3::978302109\n2::2::4::978301968\n' \
  > "$root/src/ml-1m/ratings.dat"
printf 'movieId,title,genres\n1,"Toy Story, The (1995)",Comedy\n' \
  > "$root/src/ml-latest-small/movies.csv"
printf 'userId,movieId,rating,timestamp\n1,1,4.5,964982703\n' \
  > "$root/src/ml-latest-small/ratings.csv"
printf 'no movies here\n' > "$root/src/ml-25m/README.txt"

export CINEGAN_MOVIELENS_URL="file://$mirror"

leftovers () {  # DEST: hidden partial files the script must never leave
  find "$1" -maxdepth 1 -name '.*' ! -name . ! -name .. | head -n 1
}

# 1. A pinned release whose published checksum agrees: it arrives whole and loads.
sum=$(make_release ml-1m bsd)
dest="$root/dest"
if ! out=$(CINEGAN_MOVIELENS_MD5=$sum sh "$fetch" ml-1m "$dest" 2>&1); then
  fail "ml-1m: $out"
fi
[ -f "$dest/ml-1m/ratings.dat" ] || fail "ml-1m: no ratings.dat in $dest/ml-1m"
[ -z "$(leftovers "$dest")" ] || fail "ml-1m: left $(leftovers "$dest")"
info=$("$cli" info --data-dir "$dest/ml-1m" --split all 2>&1) || fail "ml-1m info: $info"
echo "$info" | grep -q "MovieLens 1M" || fail "ml-1m info does not name the format: $info"

# 2. Already there: nothing is downloaded (the mirror's zip is gone).
mv "$mirror/ml-1m.zip" "$mirror/ml-1m.zip.away"
out=$(CINEGAN_MOVIELENS_MD5=$sum sh "$fetch" ml-1m "$dest" 2>&1) || fail "rerun: $out"
echo "$out" | grep -q "already" || fail "rerun did not say the release is there: $out"
mv "$mirror/ml-1m.zip.away" "$mirror/ml-1m.zip"

# 3. The archive does not match the checksum: nothing is unpacked.
echo "corrupt" >> "$mirror/ml-1m.zip"
if out=$(CINEGAN_MOVIELENS_MD5=$sum sh "$fetch" ml-1m "$root/corrupt" 2>&1); then
  fail "a corrupt archive was accepted: $out"
fi
echo "$out" | grep -q "Checksum mismatch" || fail "corrupt: $out"
[ ! -e "$root/corrupt/ml-1m" ] || fail "corrupt: a folder was left"
[ -z "$(leftovers "$root/corrupt")" ] || fail "corrupt: left $(leftovers "$root/corrupt")"

# 4. The published checksum and the known one disagree (the archive changed upstream).
sum=$(make_release ml-1m gnu)
if out=$(CINEGAN_MOVIELENS_MD5=0123456789abcdef0123456789abcdef sh "$fetch" ml-1m \
         "$root/changed" 2>&1); then
  fail "a changed archive was accepted: $out"
fi
echo "$out" | grep -q "GroupLens now publishes" || fail "changed: $out"
[ ! -e "$root/changed/ml-1m" ] || fail "changed: a folder was left"

# 5. The archive does not match a known checksum, none published: refused.
make_release ml-1m none > /dev/null
if out=$(CINEGAN_MOVIELENS_MD5=0123456789abcdef0123456789abcdef sh "$fetch" ml-1m \
         "$root/mismatch" 2>&1); then
  fail "a mismatching archive was accepted: $out"
fi
echo "$out" | grep -q "Checksum mismatch" || fail "mismatch: $out"
[ ! -e "$root/mismatch/ml-1m" ] || fail "mismatch: a folder was left"
[ -z "$(leftovers "$root/mismatch")" ] || fail "mismatch: left $(leftovers "$root/mismatch")"

# 6. ml-latest-small has no known checksum: the published one decides …
make_release ml-latest-small gnu > /dev/null
out=$(sh "$fetch" ml-latest-small "$root/latest" 2>&1) || fail "latest-small: $out"
[ -f "$root/latest/ml-latest-small/movies.csv" ] || fail "latest-small: not unpacked"
info=$("$cli" info --data-dir "$root/latest/ml-latest-small" --split all 2>&1) \
  || fail "latest-small info: $info"
echo "$info" | grep -q "MovieLens CSV" || fail "latest-small info: $info"
# … and without one nothing is downloaded.
make_release ml-latest-small none > /dev/null
if out=$(sh "$fetch" ml-latest-small "$root/unchecked" 2>&1); then
  fail "an unchecked archive was accepted: $out"
fi
echo "$out" | grep -q "Cannot get the published checksum" || fail "unchecked: $out"
[ ! -e "$root/unchecked/ml-latest-small" ] || fail "unchecked: a folder was left"

# 7. An archive without the release's files is not installed.
sum=$(make_release ml-25m gnu)
if out=$(CINEGAN_MOVIELENS_MD5=$sum sh "$fetch" ml-25m "$root/empty" 2>&1); then
  fail "an archive without movies.csv was installed: $out"
fi
echo "$out" | grep -q "does not hold ml-25m/movies.csv" || fail "empty: $out"
[ ! -e "$root/empty/ml-25m" ] || fail "empty: a folder was left"
[ -z "$(leftovers "$root/empty")" ] || fail "empty: left $(leftovers "$root/empty")"

# 8. Usage: an unknown release, too many arguments.
status=0
sh "$fetch" ml-20m "$root/x" > /dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "unknown release: exit $status, expected 2"
status=0
sh "$fetch" ml-1m a b > /dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "two folders: exit $status, expected 2"

# 9. A folder in the way that is not the release is left alone.
mkdir -p "$root/busy/ml-1m"
sum=$(make_release ml-1m gnu)
if out=$(CINEGAN_MOVIELENS_MD5=$sum sh "$fetch" ml-1m "$root/busy" 2>&1); then
  fail "a foreign folder was overwritten: $out"
fi
echo "$out" | grep -q "move it away" || fail "busy: $out"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "fetch-movielens.sh: every check passed"
