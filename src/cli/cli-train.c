/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-train.c: "cinegan-cli train" — trains the CGAN, one line (or JSON object) per epoch.
 *
 * Every hyperparameter is an option, generated from the config field table, so the CLI can
 * never lag behind the engine. --validation F trains on a seeded carve-out of the training
 * positives and reports metrics on it instead of the test split: that is how defaults are
 * chosen (docs/model.md), never on the test split.
 */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cg-cgan.h"
#include "cg-error.h"
#include "cg-file.h"
#include "cg-model-file.h"
#include "cg-topk.h"
#include "cg-trainer.h"
#include "cg-file.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-per-user.h"
#include "cli-protocol.h"
#include "cli-train-options.h"

#define EVAL_BATCH 256

typedef struct
{
  gboolean json;
  guint    k;
} TrainOutput;

static void
print_epoch_json (const CgProgress *p,
                  guint             k)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "epoch");
  json_builder_add_int_value (builder, p->epoch);
  json_builder_set_member_name (builder, "epochs");
  json_builder_add_int_value (builder, p->n_epochs);
  /* The record's figures, as model files keep them, then what only a live run has. */
  cli_json_add_epoch_fields (builder, &p->record);
  cli_json_add_number (builder, "loss_mle", p->loss_mle);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, k);
  cli_json_add_number (builder, "elapsed", p->elapsed);
  json_builder_end_object (builder);

  text = cli_json_to_line (builder);
  printf ("%s\n", text);
}

static void
on_trainer_progress_cb (const CgProgress *p,
             gpointer          user_data)
{
  const TrainOutput *out = user_data;

  if (p->kind != CG_PROGRESS_EPOCH)
    return;
  if (out->json)
    print_epoch_json (p, out->k);
  else
    printf ("epoch %u/%u  loss_D %.4f  loss_G %.4f  loss_MLE %.4f  Recall@%u %.4f  "
            "NDCG@%u %.4f  HitRate@%u %.4f  %.2f s\n",
            p->epoch, p->n_epochs, p->record.loss_d, p->record.loss_g, p->loss_mle,
            out->k, p->record.recall, out->k, p->record.ndcg, out->k, p->record.hit_rate,
            p->record.seconds);
  fflush (stdout);
}

/* user_id, rank, movie_id, score for every evaluated user, as "recommend --all-users
 * --format tsv" writes them. */
static gboolean
write_recommendations (const char      *path,
                       CgCgan          *model,
                       const CgDataset *ds,
                       GError         **error)
{
  const CgCganConfig *config = cg_cgan_get_config (model);
  guint k = config->k;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree float *scores = g_new (float, ds->n_items);
  g_autofree guint32 *top = g_new (guint32, k);
  g_autofree float *top_scores = g_new (float, k);

  for (guint32 u = 0; u < ds->n_users; u++)
    {
      guint n;

      if (!cg_dataset_is_eval_user (ds, u))
        continue;
      cg_cgan_score_users (model, ds->train_pos, scores, &u, 1, cg_cgan_eval_noise_seed (model));
      n = cg_topk_select (top, top_scores, k, scores, ds->n_items,
                          cg_user_items_row (ds->train_rated, u),
                          cg_user_items_count (ds->train_rated, u));
      for (guint r = 0; r < n; r++)
        g_string_append_printf (text, "%u\t%u\t%u\t%.9g\n", ds->user_ids[u], r + 1,
                                ds->movie_ids[top[r]], top_scores[r]);
    }
  if (!cg_file_replace (path, text->str, text->len, 0644, CG_FILE_REPLACE_DEFAULT, error))
    {
      g_prefix_error (error, "Writing recommendations: ");
      return FALSE;
    }
  return TRUE;
}

/* Where a result goes is checked before training rather than after it, which would lose
 * the run: its folder must take a new file, and a file already there must be a regular
 * one, not read-only (the command line cannot ask whether to replace it). The file itself
 * is written, atomically, at the end. */
static gboolean
check_destination (const char *option,
                   const char *path,
                   int        *status)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL || cg_file_check_replaceable (path, CG_FILE_REPLACE_DEFAULT, &error))
    return TRUE;
  *status = cli_fail ("train", CLI_EXIT_USAGE, "--%s: %s%s", option, error->message,
                      g_error_matches (error, CG_ERROR, CG_ERROR_READ_ONLY)
                      ? "; make it writable or choose another name" : "");
  return FALSE;
}

int
cli_train_run (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Train the Collaborative GAN and print one line per "
                     "epoch (losses, Recall/NDCG/HitRate@K on the test split, seconds), then "
                     "the final metrics as “eval” prints them.");
  CliDataOptions data = { 0 };
  CliTrainOptions train = { 0 };
  g_autofree char *save = NULL;
  g_autofree char *recommend_all = NULL;
  g_autofree char *per_user_path = NULL;
  gboolean json = FALSE;
  double validation = 0.0;
  CliProtocolOptions proto = { 0 };
  CliProtocol protocol = { 0 }, validation_protocol = { 0 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "One JSON object per line: per epoch, then the final metrics", NULL },
    { "validation", 0, 0, G_OPTION_ARG_DOUBLE, &validation,
      "Hold out this fraction of each user's training positives (seeded) and evaluate on "
      "it instead of the test split: for choosing settings. With --protocol new-users, "
      "hold out this share of the training users as validation new users instead", "F" },
    { "per-user", 0, 0, G_OPTION_ARG_FILENAME, &per_user_path,
      "Write each evaluated user's final figures to FILE, for “cinegan-cli compare”",
      "FILE" },
    { "save", 'o', 0, G_OPTION_ARG_FILENAME, &save, "Save the trained model to FILE", "FILE" },
    { "recommend-all", 0, 0, G_OPTION_ARG_FILENAME, &recommend_all,
      "Write user_id, rank, movie_id, score (TSV) for every evaluated user to FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(CgCgan) model = NULL;
  g_autofree CgUserMetrics *per_user = NULL;
  const CliProtocol *run;
  const CgDataset *ds;
  TrainOutput out = { 0 };
  CgCganScorer scorer;
  CgMetrics metrics;
  gboolean ok;
  int status = CLI_EXIT_OK;

  cli_train_options_init (&train, context);
  cli_data_options_add (context, &data);
  /* The split seed follows the model's unless given. */
  cli_protocol_options_add (context, &proto, "split-seed", -1);
  cli_add_main_entries (context, entries);
  if (!cli_parse (context, &argc, &argv))
    {
      status = CLI_EXIT_USAGE;
      goto out;
    }
  /* Written so that NaN fails too. */
  if (!(validation >= 0.0 && validation < 1.0))
    {
      status = cli_fail ("train", CLI_EXIT_USAGE, "--validation %g is outside [0, 1)",
                         validation);
      goto out;
    }
  if (!cg_cgan_config_validate (&train.config, &error))
    {
      status = cli_fail ("train", CLI_EXIT_USAGE, "%s", error->message);
      goto out;
    }
  if (proto.seed == -1)
    proto.seed = (gint64) (train.config.seed & G_MAXINT64);
  if (!check_destination ("save", save, &status)
      || !check_destination ("recommend-all", recommend_all, &status))
    goto out;
  if (!cli_protocol_options_check (&proto, &error))
    {
      status = cli_fail_error ("train", error);
      goto out;
    }
  if (recommend_all != NULL && cli_protocol_options_new_users (&proto))
    {
      status = cli_fail ("train", CLI_EXIT_USAGE, "--recommend-all lists the standard "
                         "protocol's users; it does not apply to --protocol new-users");
      goto out;
    }
  if (!cli_protocol_load (&protocol, &data, &proto, &error))
    {
      status = cli_fail_error ("train", error);
      goto out;
    }
  run = &protocol;
  if (validation > 0.0)
    {
      if (!cli_protocol_validation (&validation_protocol, &protocol, validation,
                                    train.config.seed, &error))
        {
          status = cli_fail_error ("train", error);
          goto out;
        }
      run = &validation_protocol;
    }
  ds = run->dataset;
  if (run->new_users && !json)
    {
      g_autofree char *text = cli_protocol_describe (run);

      printf ("%s\n", text);
    }

  if ((trainer = cg_trainer_new (ds, &train.config, &error)) == NULL)
    {
      status = cli_fail_error ("train", error);
      goto out;
    }
  cg_trainer_set_evaluation (trainer, run->sets, run->input);
  out.json = json;
  out.k = train.config.k;
  ok = cg_trainer_run (trainer, on_trainer_progress_cb, &out, NULL, &error);
  model = cg_trainer_steal_model (trainer);
  if (!ok)
    {
      /* A diverged run still reports the last good epoch below, then fails. */
      fprintf (stderr, "cinegan-cli train: %s\n", error->message);
      status = CLI_EXIT_DATA;
      if (model == NULL)
        goto out;
    }

  scorer = (CgCganScorer) { model, run->input, cg_cgan_eval_noise_seed (model) };
  per_user = g_new (CgUserMetrics, MAX (run->sets->n_users, 1));
  cg_metrics_evaluate_sets (&metrics, per_user, run->sets, train.config.k,
                            cg_cgan_scorer_score, &scorer, EVAL_BATCH);
  if (json)
    {
      g_autofree char *text = cli_metrics_to_json (&metrics, ds->split, "cgan");

      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *text = cg_metrics_format (&metrics);
      g_autofree char *lists = cg_metrics_format_lists (&metrics);

      printf ("%s  %s\n", text, lists);
    }
  if (per_user_path != NULL)
    {
      g_autoptr(GString) text = cli_per_user_new ();
      g_autoptr(GError) write_error = NULL;

      cli_per_user_append (text, ds->split, ds, per_user, metrics.n_users);
      if (!cg_file_replace (per_user_path, text->str, text->len, 0644,
                            CG_FILE_REPLACE_DEFAULT, &write_error))
        status = cli_fail ("train", CLI_EXIT_DATA, "Writing per-user figures: %s",
                           write_error->message);
    }

  if (recommend_all != NULL)
    {
      g_autoptr(GError) write_error = NULL;

      /* Its own GError: after a diverged run, error already holds that failure. */
      if (!write_recommendations (recommend_all, model, ds, &write_error))
        status = cli_fail_error ("train", write_error);
    }

  /* The model as trained — for a diverged run, its last good
   * epoch — with the dataset it was trained on. */
  if (save != NULL)
    {
      g_autoptr(GError) save_error = NULL;

      if (!cg_model_file_save (save, model, ds, NULL, 0, &save_error))
        status = cli_fail_error ("train", save_error);
    }

out:
  /* The trainer borrows the protocol's dataset. */
  g_clear_pointer (&trainer, cg_trainer_free);
  cli_protocol_clear (&validation_protocol);
  cli_protocol_clear (&protocol);
  cli_protocol_options_clear (&proto);
  cli_train_options_clear (&train);
  cli_data_options_clear (&data);
  return status;
}
