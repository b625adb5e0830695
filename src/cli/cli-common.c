/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-common.c: options, dataset loading, errors and JSON shared by the subcommands.
 */
#include "cli-common.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cg-data-dir.h"
#include "cg-epoch-fields.h"
#include "cg-error.h"

void
cli_data_options_add (GOptionContext *context,
                      CliDataOptions *options)
{
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      "MovieLens folder: ml-100k, ml-1m, ml-latest-small, ml-25m, ml-32m (default: "
      "$CINEGAN_DATA_DIR, then $XDG_DATA_HOME/cinegan/ml-100k, then data/ml-100k of an "
      "uninstalled build's sources)", "DIR" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &options->split,
      "Train/test split: u1 … u5, ua, ub (ML-100K's files; default u1), all, "
      "random[:FRACTION[:SEED]] (default for the other releases: random:0.2:1), "
      "temporal[:FRACTION] or temporal:LAST_N (each user's latest ratings held out)", "NAME" },
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &options->threshold,
      "Ratings at or above this are positives (default 4; half stars such as 3.5 on the CSV "
      "releases)", "STARS" },
    G_OPTION_ENTRY_NULL
  };

  /* No g_strdup'd default for split: GOption would overwrite it without freeing it. */
  options->threshold = CG_DEFAULT_THRESHOLD;
  cli_add_main_entries (context, entries);
}

void
cli_data_options_clear (CliDataOptions *options)
{
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->split, g_free);
}

CgDataset *
cli_load_dataset (const CliDataOptions *options,
                  GError              **error)
{
  g_autofree char *dir = NULL;
  CgDataset *dataset;

  /* The release decides between whole and half stars (the loader checks that); the scale
   * is the same for all. Written so that NaN fails it. */
  if (!(options->threshold >= 0.5 && options->threshold <= 5))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--threshold %g is outside the rating scale 0.5–5", options->threshold);
      return NULL;
    }
  dir = cg_data_dir_find (options->data_dir, error);
  if (dir == NULL)
    return NULL;
  dataset = cg_dataset_load (dir, options->split, options->threshold, error);
  if (dataset == NULL && options->split != NULL)
    g_prefix_error (error, "Loading split %s from %s: ", options->split, dir);
  else if (dataset == NULL)
    g_prefix_error (error, "Loading %s: ", dir);
  return dataset;
}

GOptionContext *
cli_context_new (const char *parameter,
                 const char *summary)
{
  /* The program name is already "cinegan-cli NAME" (see main), so only the parameter. */
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  return context;
}

/* The double options of the command being run (one command per process): the option's
 * name, a literal, and the caller's variable, which outlives the parse. The entry arrays
 * themselves may be gone: GOption copies them. */
typedef struct
{
  const char *name;
  double     *value;
} DoubleOption;

static GArray *double_options;

void
cli_add_main_entries (GOptionContext     *context,
                      const GOptionEntry *entries)
{
  if (double_options == NULL)
    double_options = g_array_new (FALSE, FALSE, sizeof (DoubleOption));
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    if (e->arg == G_OPTION_ARG_DOUBLE)
      g_array_append_val (double_options, ((DoubleOption) { e->long_name, e->arg_data }));
  g_option_context_add_main_entries (context, entries, NULL);
}

/* FALSE, with the option named, when a double option holds NaN or an infinity. */
static gboolean
check_finite (GError **error)
{
  for (guint i = 0; double_options != NULL && i < double_options->len; i++)
    {
      const DoubleOption *option = &g_array_index (double_options, DoubleOption, i);

      if (!isfinite (*option->value))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--%s %g is not a finite number", option->name, *option->value);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cli_parse (GOptionContext *context,
           int            *argc,
           char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error) && check_finite (&error))
    return TRUE;
  fprintf (stderr, "cinegan-cli: %s\nTry “cinegan-cli --help” or “%s --help”.\n",
           error->message, (*argv)[0]);
  return FALSE;
}

int
cli_fail (const char *name,
          int         status,
          const char *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "cinegan-cli %s: %s\n", name, message);
  return status;
}

int
cli_fail_error (const char *name,
                GError     *error)
{
  /* Bad option values are the caller's mistake, like a parse failure: the engine reports
   * settings out of range (a split name, a hyperparameter) as CG_ERROR_INVALID. */
  gboolean usage = error->domain == G_OPTION_ERROR
                   || g_error_matches (error, CG_ERROR, CG_ERROR_INVALID);
  int status = usage ? CLI_EXIT_USAGE : CLI_EXIT_DATA;

  return cli_fail (name, status, "%s", error->message);
}

void
cli_json_add_number (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
cli_json_add_epoch_fields (JsonBuilder         *builder,
                           const CgEpochRecord *record)
{
  guint n_fields;
  const CgEpochField *fields = cg_epoch_fields (&n_fields);

  for (guint f = 0; f < n_fields; f++)
    cli_json_add_number (builder, fields[f].name, cg_epoch_record_get (record, &fields[f]));
}

void
cli_json_add_metrics (JsonBuilder     *builder,
                      const CgMetrics *metrics)
{
  cli_json_add_number (builder, "recall", metrics->recall);
  cli_json_add_number (builder, "ndcg", metrics->ndcg);
  cli_json_add_number (builder, "hit_rate", metrics->hit_rate);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, metrics->k);
  json_builder_set_member_name (builder, "users");
  json_builder_add_int_value (builder, metrics->n_users);
  cli_json_add_number (builder, "coverage", metrics->coverage);
  json_builder_set_member_name (builder, "covered_movies");
  json_builder_add_int_value (builder, metrics->n_covered);
  cli_json_add_number (builder, "mean_popularity", metrics->mean_popularity);
}

char *
cli_metrics_to_json (const CgMetrics *metrics,
                     const char      *split,
                     const char      *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  cli_json_add_metrics (builder, metrics);
  json_builder_set_member_name (builder, "split");
  json_builder_add_string_value (builder, split);
  if (model != NULL)
    {
      json_builder_set_member_name (builder, "model");
      json_builder_add_string_value (builder, model);
    }
  json_builder_end_object (builder);
  return cli_json_to_line (builder);
}

char *
cli_json_to_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
cli_movie_label (const CgMovie *movie)
{
  gsize len = strlen (movie->title);
  const char *tail = movie->title + (len >= 6 ? len - 6 : 0);

  /* MovieLens titles nearly all end in "(1995)" already — sometimes a year other than the
   * release date's, as "Fargo (1996)" released in 1997: keep the title's own. */
  if (movie->year == 0
      || (len >= 6 && tail[0] == '(' && tail[5] == ')' && g_ascii_isdigit (tail[1])
          && g_ascii_isdigit (tail[2]) && g_ascii_isdigit (tail[3]) && g_ascii_isdigit (tail[4])))
    return g_strdup (movie->title);
  return g_strdup_printf ("%s (%u)", movie->title, movie->year);
}
