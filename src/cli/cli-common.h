/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-common.h: what every cinegan-cli subcommand shares.
 *
 * Exit status: 0 success, 1 data error (the GError on stderr), 2 usage error. The dataset
 * options (--data-dir, --split, --threshold) and their resolution live here so that every
 * subcommand finds the data the same way as the app does (cg-data-dir.h).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

#define CLI_EXIT_OK    0
#define CLI_EXIT_DATA  1
#define CLI_EXIT_USAGE 2

/* The largest text file (ratings, per-user figures) a subcommand reads whole. */
#define CLI_MAX_TEXT_FILE (G_GUINT64_CONSTANT (1) << 30)

typedef struct
{
  char   *data_dir;
  char   *split;      /* NULL: the release's default (cg_format_default_split) */
  double  threshold;  /* stars */
} CliDataOptions;

/* Fills defaults (threshold 4, no split) and adds the options to the main group. */
void       cli_data_options_add   (GOptionContext *context, CliDataOptions *options);
void       cli_data_options_clear (CliDataOptions *options);
/* Finds the folder and loads the split; prefixes errors with what was being loaded. */
CgDataset *cli_load_dataset       (const CliDataOptions *options, GError **error);

/* A context for "cinegan-cli NAME" (main sets that as the program name): the usage
 * string's parameter ("FILE", or NULL) and the summary. */
GOptionContext *cli_context_new   (const char *parameter, const char *summary);
/* Adds entries to the context's main group, like g_option_context_add_main_entries, and
 * remembers its G_OPTION_ARG_DOUBLE options, which cli_parse then refuses unless finite:
 * GOption reads "nan" and "inf" as numbers, and NaN passes every range test written as
 * "x < lo || x > hi". Every subcommand adds its entries this way. */
void       cli_add_main_entries   (GOptionContext *context, const GOptionEntry *entries);
/* Parses; on failure (a non-finite number included) prints the error and a hint to stderr
 * and returns FALSE. */
gboolean   cli_parse              (GOptionContext *context, int *argc, char ***argv);
/* Prints "cinegan-cli NAME: message" to stderr and returns status. */
int        cli_fail               (const char *name, int status, const char *format, ...)
                                  G_GNUC_PRINTF (3, 4);
int        cli_fail_error         (const char *name, GError *error);

/* The metrics as one JSON object on one line (those of cli_json_add_metrics, split, plus
 * model when given), newly allocated. */
char      *cli_metrics_to_json    (const CgMetrics *metrics, const char *split,
                                   const char *model);
/* The object just built (the builder's root) as one line of JSON, newly allocated. */
char      *cli_json_to_line       (JsonBuilder *builder);
/* Adds recall, ndcg, hit_rate, k, users, coverage, covered_movies and mean_popularity to
 * the object being built. */
void       cli_json_add_metrics   (JsonBuilder *builder, const CgMetrics *metrics);
/* Adds "member": value, or "member": null when value is NaN or infinite — json-glib would
 * write those as "nan.0", which no JSON parser reads. */
void       cli_json_add_number    (JsonBuilder *builder, const char *member, double value);
/* Every figure of the epoch field table as "name": value (null when not measured). */
void       cli_json_add_epoch_fields (JsonBuilder *builder, const CgEpochRecord *record);
/* "The Title (1995)": the title, plus the year when the title does not already end in it. */
char      *cli_movie_label        (const CgMovie *movie);

G_END_DECLS
