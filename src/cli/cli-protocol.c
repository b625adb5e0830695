/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-protocol.c: loading a protocol's data, its validation counterpart, EASE's λ.
 */
#include "cli-protocol.h"

#include <math.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-error.h"

/* The standard protocol's validation carve-out for choosing baselines' settings: the one
 * the model's defaults were chosen on (docs/model.md). */
#define VALIDATION_FRACTION 0.1
#define VALIDATION_SEED     42

void
cli_protocol_options_add (GOptionContext     *context,
                          CliProtocolOptions *options,
                          const char         *seed_option,
                          gint64              default_seed)
{
  const GOptionEntry entries[] = {
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &options->name,
      "standard (a split's test part, default) or new-users (held-out users scored from a "
      "few revealed ratings, on u.data)", "NAME" },
    { "users-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &options->users_fraction,
      "New-user protocol: share of users held out of training (default 0.2)", "F" },
    { "reveal", 0, 0, G_OPTION_ARG_INT, &options->reveal,
      "New-user protocol: ratings each held-out user reveals (default 10)", "N" },
    { seed_option, 0, 0, G_OPTION_ARG_INT64, &options->seed,
      "New-user protocol: seed of who is held out and what they reveal", "S" },
    G_OPTION_ENTRY_NULL
  };

  options->users_fraction = CG_NEW_USERS_FRACTION;
  options->reveal = CG_NEW_USERS_REVEAL;
  options->seed = default_seed;
  cli_add_main_entries (context, entries);
}

void
cli_protocol_options_clear (CliProtocolOptions *options)
{
  g_clear_pointer (&options->name, g_free);
}

gboolean
cli_protocol_options_new_users (const CliProtocolOptions *options)
{
  return g_strcmp0 (options->name, "new-users") == 0;
}

gboolean
cli_protocol_options_check (const CliProtocolOptions *options,
                            GError                  **error)
{
  if (options->name != NULL && !g_str_equal (options->name, "standard")
      && !g_str_equal (options->name, "new-users"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--protocol must be standard or new-users (got “%s”)", options->name);
      return FALSE;
    }
  /* Written so that NaN fails too. */
  if (!(options->users_fraction > 0.0 && options->users_fraction < 1.0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--users-fraction %g is outside (0, 1)", options->users_fraction);
      return FALSE;
    }
  if (options->reveal < 1 || options->reveal > 100000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--reveal %d is outside 1–100000", options->reveal);
      return FALSE;
    }
  if (options->seed < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "the split seed must not be negative (got %" G_GINT64_FORMAT ")",
                   options->seed);
      return FALSE;
    }
  return TRUE;
}

/* Fills the fields shared by both protocols once the data is in place. */
static void
finish (CliProtocol *protocol)
{
  if (protocol->new_users)
    {
      protocol->dataset = protocol->split->dataset;
      protocol->sets = &protocol->split->sets;
      protocol->input = protocol->split->revealed_liked;
    }
  else
    {
      protocol->dataset = protocol->own_dataset;
      protocol->own_sets = cg_eval_sets_new_from_dataset (protocol->own_dataset);
      protocol->sets = protocol->own_sets;
      protocol->input = protocol->own_dataset->train_pos;
    }
}

gboolean
cli_protocol_load (CliProtocol              *protocol,
                   const CliDataOptions     *data,
                   const CliProtocolOptions *options,
                   GError                  **error)
{
  *protocol = (CliProtocol) { 0 };
  protocol->new_users = cli_protocol_options_new_users (options);
  if (!protocol->new_users)
    {
      protocol->own_dataset = cli_load_dataset (data, error);
      if (protocol->own_dataset == NULL)
        return FALSE;
    }
  else
    {
      CliDataOptions all = *data;
      g_autoptr(CgDataset) pool = NULL;

      if (data->split != NULL && !g_str_equal (data->split, "all"))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "the new-user protocol splits every rating itself: --split %s does "
                       "not apply", data->split);
          return FALSE;
        }
      all.split = (char *) "all";
      pool = cli_load_dataset (&all, error);
      if (pool == NULL)
        return FALSE;
      protocol->split = cg_new_users_new (pool, options->users_fraction,
                                          (guint) options->reveal, (guint64) options->seed,
                                          error);
      if (protocol->split == NULL)
        return FALSE;
    }
  finish (protocol);
  return TRUE;
}

gboolean
cli_protocol_validation (CliProtocol       *validation,
                         const CliProtocol *protocol,
                         double             fraction,
                         guint64            seed,
                         GError           **error)
{
  *validation = (CliProtocol) { 0 };
  validation->new_users = protocol->new_users;
  if (!protocol->new_users)
    validation->own_dataset = cg_dataset_carve_validation (protocol->own_dataset, fraction,
                                                           seed);
  else
    {
      validation->split = cg_new_users_validation (protocol->split, fraction, error);
      if (validation->split == NULL)
        return FALSE;
    }
  finish (validation);
  return TRUE;
}

void
cli_protocol_clear (CliProtocol *protocol)
{
  cg_eval_sets_free (protocol->own_sets);
  cg_dataset_free (protocol->own_dataset);
  cg_new_users_free (protocol->split);
  *protocol = (CliProtocol) { 0 };
}

char *
cli_protocol_describe (const CliProtocol *protocol)
{
  const CgNewUsers *s = protocol->split;
  char fraction[G_ASCII_DTOSTR_BUF_SIZE];

  if (!protocol->new_users)
    return NULL;
  g_ascii_formatd (fraction, sizeof fraction, "%g", 100.0 * s->fraction);
  return g_strdup_printf ("new-user protocol: seed %" G_GUINT64_FORMAT ", %s%% of users held "
                          "out of training (%u), %u ratings revealed each; %u evaluated (≥ 1 "
                          "revealed liked movie and ≥ 1 other liked movie)", s->seed,
                          fraction, s->n_held_out, s->reveal, s->n_eval_users);
}

gboolean
cli_protocol_choose_ease_lambda (const CliProtocol *protocol,
                                 guint              k,
                                 double            *lambda,
                                 double            *validation_ndcg,
                                 GError           **error)
{
  CliProtocol validation;
  guint n_grid;
  g_autofree double *ndcg = NULL;
  const double *grid = cg_ease_lambda_grid (&n_grid);
  double fraction = protocol->new_users ? protocol->split->fraction : VALIDATION_FRACTION;
  gboolean ok;

  ndcg = g_new (double, n_grid);
  if (!cli_protocol_validation (&validation, protocol, fraction, VALIDATION_SEED, error))
    return FALSE;
  *lambda = cg_ease_select_lambda (validation.dataset, validation.sets, validation.input, k,
                                   ndcg, error);
  ok = *lambda > 0.0;
  for (guint g = 0; ok && validation_ndcg != NULL && g < n_grid; g++)
    if (grid[g] == *lambda)
      *validation_ndcg = ndcg[g];
  cli_protocol_clear (&validation);
  return ok;
}
