/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-model-info.c: "cinegan-cli model-info FILE" — what a .cgan file holds, without the
 * dataset.
 *
 * Loading is the full validation of cg_model_file_load, so this doubles as a file checker:
 * exit status 0 means the file is intact and would load in the app. Text for people, or
 * one JSON object (--json) for scripts.
 */
#include <json-glib/json-glib.h>
#include <stdio.h>

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
  guint n_fields, n_records;
  g_autofree char *dataset = cg_model_file_describe_dataset (file);

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
  for (guint i = history ? 0 : n_records - 1; i < n_records; i++)
    {
      const CgEpochRecord *r = &records[i];

      printf ("  epoch %-4u  loss_D %.4f  loss_G %.4f  Recall@%u %.4f  NDCG@%u %.4f  "
              "HitRate@%u %.4f  %.2f s\n", r->epoch, r->loss_d, r->loss_g, config->k,
              r->recall, config->k, r->ndcg, config->k, r->hit_rate, r->seconds);
    }
}

static void
add_record (JsonBuilder         *builder,
            const CgEpochRecord *r)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "epoch");
  json_builder_add_int_value (builder, r->epoch);
  cli_json_add_number (builder, "loss_d", r->loss_d);
  cli_json_add_number (builder, "loss_g", r->loss_g);
  cli_json_add_number (builder, "recall", r->recall);
  cli_json_add_number (builder, "ndcg", r->ndcg);
  cli_json_add_number (builder, "hit_rate", r->hit_rate);
  cli_json_add_number (builder, "seconds", r->seconds);
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
  json_builder_add_int_value (builder, file->threshold);
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, file->n_items);
  json_builder_set_member_name (builder, "users");
  json_builder_add_int_value (builder, file->n_users);
  hash = g_malloc (2 * sizeof file->item_hash + 1);
  for (guint i = 0; i < sizeof file->item_hash; i++)
    g_snprintf (hash + 2 * i, 3, "%02x", file->item_hash[i]);
  json_builder_set_member_name (builder, "item_hash");
  json_builder_add_string_value (builder, hash);
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

int
cli_model_info_run (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new ("FILE", "Describe a saved model: format version, "
                     "hyperparameters, the dataset it was trained on, epochs and final "
                     "metrics. Needs no dataset; every check of loading is made, so a "
                     "zero exit status means the file is intact.");
  gboolean json = FALSE, history = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, "Every epoch, not just the last", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (context, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 2)
    return cli_fail ("model-info", CLI_EXIT_USAGE, "Give exactly one model FILE");

  file = cg_model_file_load (argv[1], &error);
  if (file == NULL)
    return cli_fail_error ("model-info", error);
  if (json)
    print_json (file, history);
  else
    print_text (file, history);
  return CLI_EXIT_OK;
}
