/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-commands.h: the subcommands of cinegan-cli, one source file each.
 *
 * Each takes the arguments after the subcommand name (argv[0] = "cinegan-cli NAME") and
 * returns the process exit status.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_info_run       (int argc, char **argv);
int cli_eval_run       (int argc, char **argv);
int cli_recommend_run  (int argc, char **argv);
int cli_train_run      (int argc, char **argv);
int cli_bench_run      (int argc, char **argv);
int cli_model_info_run (int argc, char **argv);
int cli_compare_run    (int argc, char **argv);
int cli_datasets_run   (int argc, char **argv);

G_END_DECLS
