#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-fuzz.sh [SECONDS [HARNESS…]]: fuzzes with libFuzzer for a bounded time.
#
# Harnesses: model-file (the .cgan loader) and dataset (the parsers of every MovieLens
# layout, the split grammar, the dataset builder and its carve-outs, the ratings journal);
# both by default, each for SECONDS (default 60) seconds on one core.
#
# Builds the engine and the harnesses with clang, instrumented for coverage
# (-fsanitize=fuzzer-no-link everywhere, -fsanitize=fuzzer on the harnesses) and checked by
# AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer, writes each seed corpus
# (tests/fuzz/fuzz-seeds: small valid models, plus the format 1 fixtures;
# tests/fuzz/fuzz-dataset-seeds: small datasets of every layout), then runs. Exits 0 when
# nothing was found; otherwise non-zero, with the input that failed saved as
# tests/fuzz/<harness>-crash-* (or -leak-*, -timeout-*, -oom-*) for replay:
#   $BUILD/tests/fuzz/fuzz-<harness> tests/fuzz/<harness>-crash-…
# Corpora grow in tests/fuzz/corpus/<harness>/ (git-ignored) from run to run.
#
# Environment: CG_FUZZ_BUILD_DIR (default build-fuzz).
set -euo pipefail

duration=${1:-60}
case $duration in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS [model-file|dataset]…]" >&2; exit 2 ;;
esac
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(model-file dataset)
fi
for h in "${harnesses[@]}"; do
  case $h in
    model-file | dataset) ;;
    *) echo "run-fuzz: no harness “$h” (model-file, dataset)" >&2; exit 2 ;;
  esac
done

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${CG_FUZZ_BUILD_DIR:-$src/build-fuzz}
fuzz_dir=$src/tests/fuzz

if ! command -v clang >/dev/null; then
  echo "fuzz: clang not found, skipped"
  exit 0
fi

# Warnings are not errors here: this build exists to run the fuzzers, and the -Werror build
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
targets=()
for h in "${harnesses[@]}"; do
  targets+=("tests/fuzz/fuzz-$h")
done
ninja -C "$build" "${targets[@]}" tests/fuzz/fuzz-seeds tests/fuzz/fuzz-dataset-seeds

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/model-file" "$seeds/dataset"
"$build/tests/fuzz/fuzz-seeds" "$seeds/model-file" >/dev/null
# Files of the older format, so its loader is fuzzed too.
cp "$src"/tests/model/fixtures/v1/*.cgan "$seeds/model-file"/
"$build/tests/fuzz/fuzz-dataset-seeds" "$seeds/dataset" >/dev/null

export OPENBLAS_NUM_THREADS=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions="$src/tests/lsan.supp"

# -max_len: a little above the largest seed, so inputs stay model- or dataset-sized;
# -rss_limit_mb and -malloc_limit_mb: any input that makes the code allocate more than this
# is a bug.
for h in "${harnesses[@]}"; do
  mkdir -p "$fuzz_dir/corpus/$h"
  echo "fuzz: ${duration} s on the $h harness"
  "$build/tests/fuzz/fuzz-$h" \
    -max_total_time="$duration" \
    -max_len=4096 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -malloc_limit_mb=512 \
    -print_final_stats=1 \
    -artifact_prefix="$fuzz_dir/$h-" \
    "$fuzz_dir/corpus/$h" "$seeds/$h"
done
