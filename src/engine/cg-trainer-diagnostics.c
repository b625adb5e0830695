/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trainer-diagnostics.c: D's accuracy, G's entropy, and collapse, once per epoch.
 *
 * The cost is a few hundredths of an epoch's: one scoring pass over max_users users (the
 * evaluation scores several times as many) and D over a few thousand pairs (an epoch runs D
 * over ~200 000).
 */
#include "cg-trainer-diagnostics.h"

#include <math.h>
#include <string.h>

#include "cg-cgan-private.h"
#include "cg-rng.h"

/* Real and generated pairs per sampled user: 128 users give ~1000 of each, an accuracy to
 * within ±0.03. */
#define PAIRS_PER_USER 8

/* The sample's own streams, the same every epoch. */
#define DIAGNOSTICS_NOISE_KEY G_GUINT64_CONSTANT (0x6469616e6f697365)
#define DIAGNOSTICS_DRAW_KEY  G_GUINT64_CONSTANT (0x6469616472617773)

/* Collapse: entropy down by COLLAPSE_ENTROPY_DROP of its value within COLLAPSE_WINDOW
 * epochs, and coverage at or below COLLAPSE_COVERAGE_SHARE of its best so far. */
#define COLLAPSE_WINDOW          3
#define COLLAPSE_ENTROPY_DROP    0.2
#define COLLAPSE_COVERAGE_SHARE  0.75

/* Entropy and normaliser of softmax(s) over n values, in double: H = log Z − Σ p (s − m). */
static double
row_entropy (const float *s,
             guint        n,
             double      *max_out,
             double      *z_out)
{
  double m = -INFINITY, z = 0.0, ps = 0.0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, (double) s[i]);
  for (guint i = 0; i < n; i++)
    {
      double d = (double) s[i] - m, e = exp (d);

      z += e;
      ps += e * d;
    }
  if (max_out != NULL)
    *max_out = m;
  if (z_out != NULL)
    *z_out = z;
  return log (z) - ps / z;
}

double
cg_mean_softmax_entropy (const float *scores,
                         guint        n,
                         guint        n_items)
{
  double sum = 0.0;

  g_return_val_if_fail (scores != NULL || n == 0, NAN);

  if (n == 0 || n_items == 0)
    return NAN;
  for (guint b = 0; b < n; b++)
    sum += row_entropy (scores + (gsize) b * n_items, n_items, NULL, NULL);
  return sum / n;
}

/* n_draws items from softmax(s) (max m, normaliser z), by one pass over the cumulative
 * sum with the draws in ascending order. */
static void
draw_from_softmax (guint32     *items,
                   guint        n_draws,
                   const float *s,
                   guint        n,
                   double       m,
                   double       z,
                   CgRng       *rng)
{
  double draws[PAIRS_PER_USER];
  double acc = 0.0;
  guint i = 0;

  g_assert (n_draws <= PAIRS_PER_USER);
  for (guint k = 0; k < n_draws; k++)
    {
      double x = cg_rng_uniform_double (rng) * z;
      guint j = k;

      /* Insertion keeps them sorted: n_draws is a handful. */
      while (j > 0 && draws[j - 1] > x)
        {
          draws[j] = draws[j - 1];
          j--;
        }
      draws[j] = x;
    }
  for (guint k = 0; k < n_draws; k++)
    {
      while (i + 1 < n)
        {
          double p = exp ((double) s[i] - m);

          if (acc + p > draws[k])
            break;
          acc += p;
          i++;
        }
      items[k] = i;
    }
}

/* The users with a training positive at evenly spaced ranks, at most max of them. */
static guint
sample_users (guint32           *users,
              guint              max,
              const CgUserItems *train_pos)
{
  guint n_with = 0, n = 0, seen = 0;

  for (guint u = 0; u < train_pos->n_users; u++)
    n_with += cg_user_items_count (train_pos, u) > 0;
  if (n_with == 0)
    return 0;
  max = MIN (max, n_with);
  for (guint u = 0; u < train_pos->n_users && n < max; u++)
    {
      if (cg_user_items_count (train_pos, u) == 0)
        continue;
      /* Rank `seen` is taken when it is the next of ⌊k · n_with / max⌋. */
      if ((guint64) seen * max >= (guint64) n * n_with)
        users[n++] = u;
      seen++;
    }
  return n;
}

void
cg_trainer_diagnose (CgEpochRecord              *record,
                     CgCgan                     *model,
                     const CgUserItems          *train_pos,
                     const CgDiagnosticsScratch *scratch)
{
  guint I, n_users, per_user, N = 0, real_ok = 0, fake_ok = 0, n_real = 0, n_fake = 0;
  g_autofree guint32 *users = NULL;
  double entropy = 0.0;
  CgRng rng;

  g_return_if_fail (record != NULL && model != NULL && train_pos != NULL);
  g_return_if_fail (scratch != NULL && scratch->acts != NULL);
  g_return_if_fail (train_pos->n_items == model->n_items);

  I = model->n_items;
  users = g_new (guint32, MAX (scratch->max_users, 1));
  n_users = sample_users (users, scratch->max_users, train_pos);
  record->g_entropy = record->d_accuracy_real = record->d_accuracy_fake = NAN;
  if (n_users == 0)
    return;
  /* As many pairs as D's scratch holds, real and generated alike. */
  per_user = MIN (PAIRS_PER_USER, scratch->acts->max_pairs / (2 * n_users));
  if (per_user == 0)
    {
      n_users = scratch->acts->max_pairs / 2;
      per_user = 1;
    }

  cg_cgan_score_users (model, train_pos, scratch->scores, users, n_users,
                       cg_cgan_eval_noise_seed (model) ^ DIAGNOSTICS_NOISE_KEY);
  cg_rng_seed (&rng, model->config.seed ^ DIAGNOSTICS_DRAW_KEY);
  for (guint b = 0; b < n_users; b++)
    {
      const float *s = scratch->scores + (gsize) b * I;
      const guint32 *liked = cg_user_items_row (train_pos, users[b]);
      guint n_liked = cg_user_items_count (train_pos, users[b]);
      double m, z;

      entropy += row_entropy (s, I, &m, &z);
      for (guint k = 0; k < per_user; k++)
        {
          scratch->pair_users[N + k] = users[b];
          scratch->pair_items[N + k] = liked[cg_rng_uniform_int (&rng, n_liked)];
          scratch->pair_users[N + per_user + k] = users[b];
        }
      draw_from_softmax (scratch->pair_items + N + per_user, per_user, s, I, m, z, &rng);
      N += 2 * per_user;
    }

  cg_discriminator_forward (scratch->acts, &model->d, &model->ddims, scratch->pair_users,
                            scratch->pair_items, N);
  /* Pairs come in runs of per_user real then per_user generated. */
  for (guint n = 0; n < N; n++)
    {
      gboolean real = (n / per_user) % 2 == 0;
      float logit = scratch->acts->logits[n];

      if (real)
        {
          real_ok += logit > 0.0f;
          n_real++;
        }
      else
        {
          fake_ok += logit < 0.0f;
          n_fake++;
        }
    }
  record->g_entropy = entropy / n_users;
  record->d_accuracy_real = (double) real_ok / n_real;
  record->d_accuracy_fake = (double) fake_ok / n_fake;
}

char *
cg_history_find_collapse (const CgEpochRecord *records,
                          guint                n_records)
{
  const CgEpochRecord *last;
  double best_coverage = -INFINITY, peak_entropy = -INFINITY;
  guint peak_epoch = 0;

  g_return_val_if_fail (records != NULL || n_records == 0, NULL);

  if (n_records < 2)
    return NULL;
  last = &records[n_records - 1];
  if (isnan (last->g_entropy) || isnan (last->coverage))
    return NULL;
  for (guint r = 0; r + 1 < n_records; r++)
    {
      if (!isnan (records[r].coverage))
        best_coverage = MAX (best_coverage, records[r].coverage);
      /* The highest entropy of the window before the last epoch. */
      if (r + 1 + COLLAPSE_WINDOW >= n_records && !isnan (records[r].g_entropy)
          && records[r].g_entropy > peak_entropy)
        {
          peak_entropy = records[r].g_entropy;
          peak_epoch = records[r].epoch;
        }
    }
  if (!isfinite (peak_entropy) || !isfinite (best_coverage) || best_coverage <= 0.0)
    return NULL;
  if (last->g_entropy > (1.0 - COLLAPSE_ENTROPY_DROP) * peak_entropy
      || last->coverage > COLLAPSE_COVERAGE_SHARE * best_coverage)
    return NULL;
  return g_strdup_printf ("Mode collapse: the generator's entropy fell from %.2f to %.2f nats "
                          "since epoch %u and catalogue coverage from %.1f %% to %.1f %%",
                          peak_entropy, last->g_entropy, peak_epoch, 100.0 * best_coverage,
                          100.0 * last->coverage);
}
