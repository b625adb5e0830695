/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-model-info.c: "cinegan-cli model-info FILE" — what a .cgan file holds, without the
 * dataset.
 *
 * Loading is the full validation of cg_model_file_load, so this doubles as a file checker:
 * exit status 0 means the file is intact and would load in the app. Text for people, one
 * JSON object (--json) for scripts, or the history as CSV (--history=csv) for a
 * spreadsheet; every per-epoch figure comes from the epoch field table, so a figure added
 * there shows up here by itself.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cg-epoch-fields.h"
#include "cg-export.h"
#include "cg-model-file.h"
#include "cli-commands.h"
#include "cli-common.h"

static guint64
count_weights (CgCgan *model)
{
  guint64 total = 0;

  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      guint rows, cols;

      cg_cgan_tensor (model, t, NULL, &rows, &cols);
      total += (guint64) rows * cols;
    }
  return total;
}

static void
print_text (const CgModelFile *file,
            gboolean           history)
{
  const CgCganConfig *config = cg_cgan_get_config (file->model);
  const CgConfigField *fields;
  const CgEpochRecord *records;
  const CgEpochField *epoch_fields;
  guint n_fields, n_records, n_epoch_fields;
  g_autofree char *dataset = cg_model_file_describe_dataset (file);
  g_autofree gboolean *measured = NULL;

  printf ("file             %s\n", file->name);
  printf ("format           version %u", file->version);
  if (file->writer != NULL)
    printf (", written by %s", file->writer);
  if (file->created != NULL)
    printf (" on %s", file->created);
  printf ("\n");
  printf ("dataset          %s\n", dataset);
  if (file->has_you)
    printf ("your ratings     %" G_GSIZE_FORMAT " (user %u, %s)\n", file->n_you,
            file->you_user_id,
            file->you_in_training ? "part of training" : "not part of training");
  else
    printf ("your ratings     none\n");
  printf ("weights          %" G_GUINT64_FORMAT " in %u tensors\n",
          count_weights (file->model), cg_cgan_n_tensors (file->model));

  printf ("hyperparameters\n");
  fields = cg_cgan_config_fields (&n_fields);
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *value = cg_cgan_config_get (config, fields[f].name);

      printf ("  %-16s %s\n", fields[f].name, value);
    }

  records = cg_cgan_get_history (file->model, &n_records);
  if (n_records == 0)
    {
      printf ("training         no epochs recorded\n");
      return;
    }
  printf ("training         %u epochs\n", records[n_records - 1].epoch);
  epoch_fields = cg_epoch_fields (&n_epoch_fields);
  measured = g_new0 (gboolean, n_epoch_fields);
  /* A figure no epoch measured (a diagnostic newer than the file) is left out. */
  for (guint i = 0; i < n_records; i++)
    for (guint f = 0; f < n_epoch_fields; f++)
      measured[f] |= !isnan (cg_epoch_record_get (&records[i], &epoch_fields[f]));
  for (guint i = history ? 0 : n_records - 1; i < n_records; i++)
    {
      printf ("  epoch %-4u", records[i].epoch);
      for (guint f = 0; f < n_epoch_fields; f++)
        if (measured[f])
          printf ("  %s %.4f", epoch_fields[f].name,
                  cg_epoch_record_get (&records[i], &epoch_fields[f]));
      printf ("\n");
    }
}

/* The same CSV as the app's "Export History as CSV…" (cg-export.h). */
static void
print_csv (const CgModelFile *file)
{
  guint n_records;
  const CgEpochRecord *records = cg_cgan_get_history (file->model, &n_records);
  g_autofree char *csv = cg_export_history_csv (records, n_records);

  fputs (csv, stdout);
}

static void
add_record (JsonBuilder         *builder,
            const CgEpochRecord *r)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "epoch");
  json_builder_add_int_value (builder, r->epoch);
  cli_json_add_epoch_fields (builder, r);
  json_builder_end_object (builder);
}

/* Hyperparameters keep their text form, as in the file, so no value changes on the way. */
static void
print_json (const CgModelFile *file,
            gboolean           history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  const CgConfigField *fields;
  const CgEpochRecord *records;
  guint n_fields, n_records;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file->name);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, file->version);
  json_builder_set_member_name (builder, "writer");
  if (file->writer != NULL)
    json_builder_add_string_value (builder, file->writer);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created");
  if (file->created != NULL)
    json_builder_add_string_value (builder, file->created);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "dataset");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "split");
  json_builder_add_string_value (builder, file->split);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_double_value (builder, file->threshold);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, file->n_items);
  json_builder_set_member_name (builder, "users");
  json_builder_add_int_value (builder, file->n_users);
  hash = g_malloc (2 * sizeof file->item_hash + 1);
  for (guint i = 0; i < sizeof file->item_hash; i++)
    g_snprintf (hash + 2 * i, 3, "%02x", file->item_hash[i]);
  json_builder_set_member_name (builder, "item_hash");
  json_builder_add_string_value (builder, hash);
  json_builder_set_member_name (builder, "train_digest");
  if (file->has_train_digest)
    {
      g_autofree char *digest = g_malloc (2 * sizeof file->train_digest + 1);

      for (guint i = 0; i < sizeof file->train_digest; i++)
        g_snprintf (digest + 2 * i, 3, "%02x", file->train_digest[i]);
      json_builder_add_string_value (builder, digest);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "format");
  if (file->format != NULL)
    json_builder_add_string_value (builder, file->format);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "split_params");
  json_builder_begin_object (builder);
  for (guint i = 0; file->split_params != NULL && file->split_params[i] != NULL; i++)
    {
      const char *eq = strchr (file->split_params[i], '=');
      g_autofree char *key = g_strndup (file->split_params[i], eq - file->split_params[i]);

      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, eq + 1);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "you_ratings");
  json_builder_add_int_value (builder, (gint64) file->n_you);
  json_builder_set_member_name (builder, "weights");
  json_builder_add_int_value (builder, (gint64) count_weights (file->model));

  json_builder_set_member_name (builder, "hyperparameters");
  json_builder_begin_object (builder);
  fields = cg_cgan_config_fields (&n_fields);
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *value = cg_cgan_config_get (cg_cgan_get_config (file->model),
                                                   fields[f].name);

      json_builder_set_member_name (builder, fields[f].name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  records = cg_cgan_get_history (file->model, &n_records);
  json_builder_set_member_name (builder, "epochs");
  json_builder_add_int_value (builder, n_records > 0 ? records[n_records - 1].epoch : 0);
  json_builder_set_member_name (builder, "final");
  if (n_records > 0)
    add_record (builder, &records[n_records - 1]);
  else
    json_builder_add_null_value (builder);
  if (history)
    {
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_records; i++)
        add_record (builder, &records[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

typedef struct
{
  gboolean  all;    /* every epoch */
  gboolean  csv;    /* the history alone, as CSV */
  char     *file;   /* the FILE argument, when GOption took it for the option's value */
} HistoryOption;

/* "--history", "--history csv" and "--history=csv". GOption hands an optional value the
 * next argument when it does not start with "-", so in "--history FILE" the value is the
 * file: it is kept as such. */
static gboolean
on_history_option_cb (const char *option_name,
                      const char *value,
                      gpointer    data,
                      GError    **error)
{
  HistoryOption *history = data;

  history->all = TRUE;
  if (value == NULL)
    return TRUE;
  if (strcmp (value, "csv") == 0)
    {
      history->csv = TRUE;
      return TRUE;
    }
  if (history->file != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--history %s: the only format is csv", value);
      return FALSE;
    }
  history->file = g_strdup (value);
  return TRUE;
}

int
cli_model_info_run (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new ("FILE", "Describe a saved model: format version, "
                     "hyperparameters, the dataset it was trained on, epochs and final "
                     "metrics. Needs no dataset; every check of loading is made, so a "
                     "zero exit status means the file is intact.");
  HistoryOption history = { FALSE, FALSE, NULL };
  g_autofree char *file_arg = NULL;
  const char *path;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { "history", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK,
      (gpointer) on_history_option_cb,
      "Every epoch, not just the last; --history=csv prints the history alone as CSV",
      "csv" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;
  GOptionGroup *group = g_option_group_new ("model-info", "", "", &history, NULL);

  /* The callback's data is its group's. */
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  if (!cli_parse (context, &argc, &argv))
    {
      g_free (history.file);
      return CLI_EXIT_USAGE;
    }
  file_arg = history.file;
  if (argc + (file_arg != NULL) != 2)
    return cli_fail ("model-info", CLI_EXIT_USAGE, "Give exactly one model FILE");
  path = file_arg != NULL ? file_arg : argv[1];
  if (history.csv && json)
    return cli_fail ("model-info", CLI_EXIT_USAGE, "--history=csv and --json exclude each "
                     "other");

  file = cg_model_file_load (path, &error);
  if (file == NULL)
    return cli_fail_error ("model-info", error);
  if (history.csv)
    print_csv (file);
  else if (json)
    print_json (file, history.all);
  else
    print_text (file, history.all);
  return CLI_EXIT_OK;
}
