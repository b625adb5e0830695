#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# model-tables.sh: the model's tables in docs/model.md and the README, measured again.
#
#   scripts/model-tables.sh [OUT_DIR]
#
# Needs the MovieLens 100K folder ($CINEGAN_DATA_DIR or --data-dir's usual places) and a
# built cinegan-cli ($CLI, default build/src/cli/cinegan-cli). Trains on one thread
# ($THREADS, default 1) so that every figure is reproducible bit for bit on this machine.
# Runs, in order:
#   1. the standard protocol on the five folds u1–u5: popularity, ItemKNN, EASE (λ chosen
#      on each fold's validation carve-out), the default model and the same model trained
#      by likelihood alone (adv-weight 0);
#   2. validation (u1's training split, 10 % of each user's positives held out, seed 42):
#      EASE, the default, likelihood alone;
#   3. the new-user protocol on seeds 1–5, and its validation (held-out training users)
#      on seeds 1–3: the baselines, the default, likelihood alone;
#   4. paired comparisons (cinegan-cli compare) of the default against likelihood alone,
#      EASE and ItemKNN, per split and pooled.
# Every output stays in OUT_DIR (default model-tables-YYYYmmdd-HHMMSS): JSON lines of each
# run, per-user files, and summary.md with the tables. A run whose output exists is not
# repeated, so an interrupted run can be resumed. It takes about 40 minutes on two busy
# cores.
set -euo pipefail

cli=${CLI:-build/src/cli/cinegan-cli}
threads=${THREADS:-1}
out=${1:-model-tables-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
summary=$out/summary.md

# The value of a member in the last JSON line of a file.
member () {
  tail -n 1 "$1" | grep -o "\"$2\":[^,}]*" | head -n 1 | cut -d: -f2
}

# train NAME OPTIONS…: one training run, its last JSON line the final figures.
train () {
  local name=$1
  shift
  if [ ! -s "$out/$name.jsonl" ]; then
    "$cli" train --threads "$threads" --json --per-user "$out/$name.tsv" "$@" \
      > "$out/$name.jsonl.tmp"
    mv "$out/$name.jsonl.tmp" "$out/$name.jsonl"
  fi
}

# baseline NAME OPTIONS…: one eval run with its per-user figures.
baseline () {
  local name=$1
  shift
  if [ ! -s "$out/$name.jsonl" ]; then
    "$cli" eval --json --per-user "$out/$name.tsv" "$@" > "$out/$name.jsonl.tmp"
    mv "$out/$name.jsonl.tmp" "$out/$name.jsonl"
  fi
}

row () {
  local label=$1 file=$2
  printf '| %s | %.4f | %.4f | %.4f | %.4f | %.1f |\n' "$label" "$(member "$file" recall)" \
    "$(member "$file" ndcg)" "$(member "$file" hit_rate)" "$(member "$file" coverage)" \
    "$(member "$file" mean_popularity)"
}

# compare A B: the pooled line (or the only one) of a paired comparison, as a table row.
paired () {
  local label=$1 a=$2 b=$3 line
  line=$("$cli" compare --json "$a" "$b" | tail -n 1)
  printf '| %s | %s | %.4f | %.4f | %+.4f | [%+.4f, %+.4f] | %s / %s / %s |\n' "$label" \
    "$(echo "$line" | grep -o '"users":[0-9]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"mean_a":[^,]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"mean_b":[^,]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"mean_diff":[^,]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"ci_low":[^,]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"ci_high":[^,]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"better":[0-9]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"worse":[0-9]*' | cut -d: -f2)" \
    "$(echo "$line" | grep -o '"equal":[0-9]*' | cut -d: -f2)"
}

mean_of () {   # mean_of MEMBER FILES…
  local m=$1
  shift
  for f in "$@"; do member "$f" "$m"; done | awk '{ s += $1; n++ } END { printf "%.4f", s / n }'
}

folds="u1 u2 u3 u4 u5"
seeds="1 2 3 4 5"
val_seeds="1 2 3"

# ---- 1. five folds ----
for f in $folds; do
  for b in popularity itemknn ease; do
    baseline "$f-$b" --split "$f" -b "$b"
  done
  train "$f-default" --split "$f"
  train "$f-likelihood" --split "$f" --adv-weight 0
done

# ---- 2. validation ----
baseline val-ease -b ease --validation 0.1
baseline val-itemknn -b itemknn --validation 0.1
train val-default --validation 0.1
train val-likelihood --validation 0.1 --adv-weight 0

# ---- 3. new users ----
for s in $seeds; do
  for b in popularity itemknn ease; do
    baseline "nu$s-$b" --protocol new-users --seed "$s" -b "$b"
  done
  train "nu$s-default" --protocol new-users --split-seed "$s"
  train "nu$s-likelihood" --protocol new-users --split-seed "$s" --adv-weight 0
done
for s in $val_seeds; do
  for b in itemknn ease; do
    baseline "nuval$s-$b" --protocol new-users --seed "$s" --validation 0.2 -b "$b"
  done
  train "nuval$s-default" --protocol new-users --split-seed "$s" --validation 0.2
  train "nuval$s-likelihood" --protocol new-users --split-seed "$s" --validation 0.2 \
    --adv-weight 0
done

# Pooled per-user files.
pool () {   # pool NAME FILES…
  local name=$1
  shift
  cat "$@" | awk 'NR == 1 || !/^#/' > "$out/$name"
}
for m in default likelihood ease itemknn popularity; do
  pool "folds-$m.tsv" $(for f in $folds; do echo "$out/$f-$m.tsv"; done)
  pool "nu-$m.tsv" $(for s in $seeds; do echo "$out/nu$s-$m.tsv"; done)
done
for m in default likelihood ease itemknn; do
  pool "nuval-$m.tsv" $(for s in $val_seeds; do echo "$out/nuval$s-$m.tsv"; done)
done

# ---- 4. the tables ----
{
  echo "# Model tables ($(date -u +%Y-%m-%dT%H:%MZ), $threads training thread(s), $(git describe --always --dirty 2>/dev/null || echo '?'))"
  echo
  echo "## Standard protocol, NDCG@10 per fold"
  echo
  echo "| model | u1 | u2 | u3 | u4 | u5 | mean |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for m in popularity itemknn ease likelihood default; do
    printf '| %s |' "$m"
    for f in $folds; do printf ' %.4f |' "$(member "$out/$f-$m.jsonl" ndcg)"; done
    printf ' %s |\n' "$(mean_of ndcg $(for f in $folds; do echo "$out/$f-$m.jsonl"; done))"
  done
  echo
  echo "EASE's λ per fold (chosen on validation):$(for f in $folds; do printf ' %s' "$(member "$out/$f-ease.jsonl" lambda)"; done)"
  echo
  echo "## u1 in full"
  echo
  echo "| model | Recall@10 | NDCG@10 | HitRate@10 | coverage | popularity |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for m in popularity itemknn ease likelihood default; do row "$m" "$out/u1-$m.jsonl"; done
  echo
  echo "## New-user protocol, NDCG@10 per seed"
  echo
  echo "| model | 1 | 2 | 3 | 4 | 5 | mean |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for m in popularity itemknn ease likelihood default; do
    printf '| %s |' "$m"
    for s in $seeds; do printf ' %.4f |' "$(member "$out/nu$s-$m.jsonl" ndcg)"; done
    printf ' %s |\n' "$(mean_of ndcg $(for s in $seeds; do echo "$out/nu$s-$m.jsonl"; done))"
  done
  echo
  echo "Evaluated users per seed:$(for s in $seeds; do printf ' %s' "$(member "$out/nu$s-default.jsonl" users)"; done); EASE's λ:$(for s in $seeds; do printf ' %s' "$(member "$out/nu$s-ease.jsonl" lambda)"; done)"
  echo
  echo "## Validation"
  echo
  echo "| split, model | Recall@10 | NDCG@10 | HitRate@10 | coverage | popularity |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for m in itemknn ease likelihood default; do row "u1 carve-out, $m" "$out/val-$m.jsonl"; done
  for s in $val_seeds; do
    for m in itemknn ease likelihood default; do row "new users $s, $m" "$out/nuval$s-$m.jsonl"; done
  done
  echo
  echo "## Paired comparisons (per-user NDCG@10 differences A − B, 95 % interval)"
  echo
  echo "| A vs B, where | users | A | B | A − B | 95 % | A better / worse / equal |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  paired "default vs likelihood alone, u1 validation" "$out/val-default.tsv" "$out/val-likelihood.tsv"
  paired "default vs likelihood alone, new-user validation (3 seeds)" "$out/nuval-default.tsv" "$out/nuval-likelihood.tsv"
  paired "default vs likelihood alone, five folds" "$out/folds-default.tsv" "$out/folds-likelihood.tsv"
  paired "default vs likelihood alone, new users (5 seeds)" "$out/nu-default.tsv" "$out/nu-likelihood.tsv"
  paired "default vs EASE, u1 validation" "$out/val-default.tsv" "$out/val-ease.tsv"
  paired "default vs EASE, five folds" "$out/folds-default.tsv" "$out/folds-ease.tsv"
  paired "default vs EASE, u1" "$out/u1-default.tsv" "$out/u1-ease.tsv"
  paired "default vs EASE, new users (5 seeds)" "$out/nu-default.tsv" "$out/nu-ease.tsv"
  paired "default vs ItemKNN, new users (5 seeds)" "$out/nu-default.tsv" "$out/nu-itemknn.tsv"
  paired "default vs EASE, new-user validation (3 seeds)" "$out/nuval-default.tsv" "$out/nuval-ease.tsv"
} > "$summary"
cat "$summary"
