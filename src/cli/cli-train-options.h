/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-train-options.h: one command-line option per CGAN setting, from the field table.
 *
 * "train" and "bench" share them: --embed-dim 64, --user-mode history, … each parsed by
 * cg_cgan_config_set, so the CLI accepts exactly what the engine accepts.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"

G_BEGIN_DECLS

typedef struct
{
  CgCganConfig  config;        /* defaults, then whatever the options said */
  GOptionEntry *entries;       /* owned */
  char        **strings;       /* owned: descriptions and argument names */
} CliTrainOptions;

/* Fills config with the defaults and installs the options as the context's main group
 * (add other main entries after this call). */
void cli_train_options_init  (CliTrainOptions *options, GOptionContext *context);
void cli_train_options_clear (CliTrainOptions *options);

G_END_DECLS
