/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-estimate.c: an epoch's analytic work, and the time it takes at a rate.
 *
 * The work follows the trainer's own count: per step, d-steps discriminator updates on the
 * step's real pairs and as many fakes (forward and backward: three times the forward's
 * products), g-steps generator updates on the step's share of users with D over all items,
 * and a snapshot of G over every user each fake-refresh steps. Each step is counted at
 * the mean batch, with the distinct users and items of uniform draws: an estimate, not a
 * bill (docs/model.md compares it with the trainer's count on MovieLens).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "cg-discriminator.h"
#include "cg-generator.h"
#include "cg-training-estimate.h"

/* How many of n things k uniform draws hit: D's first layer runs once per distinct user
 * and item of a step. Real draws favour popular ones, so they hit fewer; a measured rate
 * takes that in. */
static double
distinct (double n,
          double k)
{
  return n > 0.0 ? ceil (n * -expm1 (-k / n)) : 0.0;
}

double
cg_training_estimate_epoch_flops (const CgCganConfig   *config,
                                  const CgDatasetShape *shape)
{
  CgGenDims g = { 0 };
  CgDiscDims d = { 0 };
  double steps, users_per_step, real, pairs, flops_d, flops_g, refreshes;

  g_return_val_if_fail (config != NULL && shape != NULL, 0.0);

  if (shape->n_train_pos == 0 || config->batch_size == 0)
    return 0.0;
  g.n_users = d.n_users = shape->n_users;
  g.n_items = d.n_items = shape->n_items;
  g.embed_dim = d.embed_dim = config->embed_dim;
  g.noise_dim = config->noise_dim;
  g.hidden_dim = d.hidden_dim = config->hidden_dim;
  g.mode = config->user_mode;
  g.act = config->history_act;

  steps = ceil ((double) shape->n_train_pos / config->batch_size);
  users_per_step = ceil (shape->users_with_pos / steps);
  /* The positives are dealt out evenly: a dataset smaller than a batch is one short step. */
  real = ceil (shape->n_train_pos / steps);
  pairs = 2.0 * real;
  flops_d = 3.0 * cg_discriminator_pair_flops (&d, (guint) pairs,
                                               (guint) distinct (shape->users_with_pos, real),
                                               (guint) distinct (shape->n_items, pairs));
  flops_g = 3.0 * cg_generator_flops (&g, (guint) users_per_step)
            + cg_discriminator_prepare_flops (&d)
            + cg_discriminator_all_items_flops (&d, (guint) users_per_step);
  refreshes = config->d_steps == 0 ? 0.0
              : config->fake_refresh == 0 ? 1.0 : ceil (steps / config->fake_refresh);
  return steps * (config->d_steps * flops_d + config->g_steps * flops_g)
         + refreshes * cg_generator_flops (&g, shape->users_with_pos);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
cg_training_estimate_rate (const CgCganConfig   *config,
                           const CgDatasetShape *shape,
                           const CgEpochRecord  *records,
                           guint                 n_records)
{
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  g_return_val_if_fail (config != NULL && shape != NULL, 0.0);
  g_return_val_if_fail (records != NULL || n_records == 0, 0.0);

  for (guint i = 0; i < n_records; i++)
    if (isfinite (records[i].seconds) && records[i].seconds > 0.0)
      g_array_append_val (seconds, records[i].seconds);
  if (seconds->len == 0)
    return 0.0;
  /* The median: a first epoch that warmed caches, or one slowed by another program, does
   * not move it. */
  g_array_sort (seconds, compare_doubles);
  median = g_array_index (seconds, double, seconds->len / 2);
  return cg_training_estimate_epoch_flops (config, shape) / median;
}

double
cg_training_estimate_seconds (const CgCganConfig   *config,
                              const CgDatasetShape *shape,
                              double                rate)
{
  g_return_val_if_fail (config != NULL && shape != NULL, 0.0);
  g_return_val_if_fail (rate > 0.0, 0.0);

  return config->epochs * cg_training_estimate_epoch_flops (config, shape) / rate;
}

char *
cg_training_estimate_format (double seconds)
{
  guint minutes;

  if (!(seconds >= 1.0))
    return g_strdup (_("Under a second"));
  if (seconds < 90.0)
    {
      /* Two significant figures are all an estimate has. */
      guint s = seconds < 10.0 ? (guint) lround (seconds) : 10 * (guint) lround (seconds / 10);

      return g_strdup_printf (ngettext ("About %u second", "About %u seconds", s), s);
    }
  minutes = (guint) lround (seconds / 60.0);
  if (minutes < 90)
    return g_strdup_printf (ngettext ("About %u minute", "About %u minutes", minutes), minutes);
  return g_strdup_printf (_("About %u h %u min"), minutes / 60, minutes % 60);
}
