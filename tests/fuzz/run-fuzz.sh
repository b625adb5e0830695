#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzz.sh [SECONDS]: fuzzes the .cgan loader with libFuzzer for a bounded time.
#
# Builds the engine and tests/fuzz/fuzz-model-file with clang, instrumented for coverage
# (-fsanitize=fuzzer-no-link everywhere, -fsanitize=fuzzer on the harness) and checked by
# AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer, writes the seed corpus
# (small valid models from tests/fuzz/fuzz-seeds), then runs SECONDS (default 60) seconds on
# one core. Exits 0 when nothing was found; otherwise non-zero, with the input that failed
# saved as tests/fuzz/crash-* (or leak-*, timeout-*, oom-*) for replay:
#   $BUILD/tests/fuzz/fuzz-model-file tests/fuzz/crash-…
# The corpus grows in tests/fuzz/corpus/ (git-ignored) from run to run.
#
# Environment: CG_FUZZ_BUILD_DIR (default build-fuzz).
set -euo pipefail

duration=${1:-60}
case $duration in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${CG_FUZZ_BUILD_DIR:-$src/build-fuzz}
fuzz_dir=$src/tests/fuzz

if ! command -v clang >/dev/null; then
  echo "fuzz: clang not found, skipped"
  exit 0
fi

# Warnings are not errors here: this build exists to run the fuzzer, and the -Werror build
# of the same sources is the CI's first step. (src/engine/cg-simd.h leaves out its
# target_clones under clang by itself.)
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" \
    --buildtype=debugoptimized \
    -Dapp=disabled \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Dc_args="-fsanitize=fuzzer-no-link"
fi
ninja -C "$build" tests/fuzz/fuzz-model-file tests/fuzz/fuzz-seeds

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
"$build/tests/fuzz/fuzz-seeds" "$seeds" >/dev/null
# Files of the older format, so its loader is fuzzed too.
cp "$src"/tests/model/fixtures/v1/*.cgan "$seeds"/
mkdir -p "$fuzz_dir/corpus"

export OPENBLAS_NUM_THREADS=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions="$src/tests/lsan.supp"

# -max_len: a little above the largest seed, so inputs stay model-sized; -rss_limit_mb
# and -malloc_limit_mb: any input that makes the loader allocate more than this is a bug.
echo "fuzz: ${duration} s on the model-file loader"
"$build/tests/fuzz/fuzz-model-file" \
  -max_total_time="$duration" \
  -max_len=4096 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -malloc_limit_mb=512 \
  -print_final_stats=1 \
  -artifact_prefix="$fuzz_dir/" \
  "$fuzz_dir/corpus" "$seeds"
