/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-protocol.h: which evaluation protocol a subcommand runs, and its data.
 *
 * "standard": a split's train and test parts (u1 by default), users scored from their
 * train positives. "new-users": the new-user protocol of cg-new-users.h on every rating
 * (u.data), users scored from their revealed liked movies. Both hand the evaluator one
 * CgEvalSets and the input set users are scored from, so every recommender, baseline or
 * model, is measured the same way.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"
#include "cg-metrics.h"
#include "cg-new-users.h"
#include "cli-common.h"

G_BEGIN_DECLS

typedef struct
{
  char   *name;            /* "standard" (NULL) or "new-users" */
  double  users_fraction;
  int     reveal;
  gint64  seed;            /* of the new-user split */
} CliProtocolOptions;

typedef struct
{
  gboolean           new_users;
  CgDataset         *own_dataset;   /* standard protocol */
  CgNewUsers        *split;         /* new-user protocol */
  const CgDataset   *dataset;       /* what models train on and are matched against */
  CgEvalSets        *own_sets;
  const CgEvalSets  *sets;
  const CgUserItems *input;         /* what users are scored from */
} CliProtocol;

/* Adds --protocol, --users-fraction, --reveal and the split seed's option, named
 * seed_option ("seed" for eval, "split-seed" where --seed is the model's), with defaults
 * (seed default_seed). */
void     cli_protocol_options_add (GOptionContext *context, CliProtocolOptions *options,
                                   const char *seed_option, gint64 default_seed);
void     cli_protocol_options_clear (CliProtocolOptions *options);
/* Range checks (a G_OPTION_ERROR naming the option). */
gboolean cli_protocol_options_check (const CliProtocolOptions *options, GError **error);
gboolean cli_protocol_options_new_users (const CliProtocolOptions *options);

/* Loads the data the protocol runs on. */
gboolean cli_protocol_load       (CliProtocol *protocol, const CliDataOptions *data,
                                  const CliProtocolOptions *options, GError **error);
/* The protocol's validation counterpart, from its training part only: a carve-out of
 * fraction of each user's train positives (standard; seeded by seed), or the new-user
 * procedure on the training users with a share fraction of them held out. */
gboolean cli_protocol_validation (CliProtocol *validation, const CliProtocol *protocol,
                                  double fraction, guint64 seed, GError **error);
void     cli_protocol_clear      (CliProtocol *protocol);

/* One line saying what is evaluated, for the new-user protocol ("new-user protocol: …"),
 * or NULL for the standard one. Newly allocated. */
char    *cli_protocol_describe   (const CliProtocol *protocol);

/* EASE's λ chosen on the protocol's validation counterpart (fraction 0.1 and seed 42 for
 * the standard protocol, as docs/model.md describes; the protocol's own share for the
 * new-user one). */
gboolean cli_protocol_choose_ease_lambda (const CliProtocol *protocol, guint k,
                                          double *lambda, double *validation_ndcg,
                                          GError **error);

G_END_DECLS
