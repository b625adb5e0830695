/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-diagnostics.c: the per-epoch GAN diagnostics and the collapse they warn of.
 *
 * Checked: every epoch of a run records D's accuracy on real and on generated pairs and
 * G's entropy, in range, and the same values the measurement gives again afterwards on the
 * same model (so the trainer records what the function measures, and measuring changes
 * nothing); the entropy is exact on known distributions; D's accuracy follows D (a D that
 * calls everything real is right on every real pair and wrong on every generated one);
 * collapse is named only when entropy falls fast and coverage drops together; the figures
 * reach `train --json`, model files and `model-info --json`.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cg-cgan-private.h"
#include "cg-epoch-fields.h"
#include "cg-model-file.h"
#include "cg-test-util.h"
#include "cg-trainer-diagnostics.h"

static char *tmp_dir;
static CgDataset *dataset;

static void
setup (void)
{
  CgSyntheticSpec spec;

  cg_synthetic_spec_init (&spec);
  spec.n_users = 120;
  spec.n_items = 60;
  spec.likes_per_user = 10;
  spec.seed = 11;
  dataset = cg_test_load_synthetic (&spec, &tmp_dir);
}

static void
teardown (void)
{
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static CgCganConfig
small_config (void)
{
  CgCganConfig config;

  cg_test_small_config (&config);
  config.epochs = 6;
  return config;
}

/* The scratch the trainer lends, sized as it does: a snapshot chunk of 128 users and D's
 * pairs of a step (two per real pair). */
typedef struct
{
  CgDiagnosticsScratch scratch;
  CgDiscActs           acts;
} Scratch;

static void
scratch_init (Scratch      *s,
              const CgCgan *model,
              guint         max_pairs)
{
  s->scratch.max_users = 128;
  s->scratch.scores = g_new0 (float, (gsize) 128 * model->n_items);
  cg_disc_acts_init (&s->acts, &model->ddims, max_pairs);
  s->scratch.acts = &s->acts;
  s->scratch.pair_users = g_new0 (guint32, max_pairs);
  s->scratch.pair_items = g_new0 (guint32, max_pairs);
}

static void
scratch_clear (Scratch *s)
{
  g_free (s->scratch.scores);
  g_free (s->scratch.pair_users);
  g_free (s->scratch.pair_items);
  cg_disc_acts_clear (&s->acts);
}

START_TEST (test_recorded_every_epoch)
{
  CgCganConfig config = small_config ();
  g_autoptr(CgCgan) model = cg_test_train (dataset, &config);
  g_autoptr(CgCgan) copy = cg_cgan_copy (model);
  const CgEpochRecord *history;
  guint n;
  Scratch s;
  CgEpochRecord again;

  history = cg_cgan_get_history (model, &n);
  ck_assert_uint_eq (n, config.epochs);
  for (guint e = 0; e < n; e++)
    {
      const CgEpochRecord *r = &history[e];

      g_print ("epoch %u: D real %.3f fake %.3f, G entropy %.3f (max %.3f), coverage %.3f\n",
               r->epoch, r->d_accuracy_real, r->d_accuracy_fake, r->g_entropy,
               log (dataset->n_items), r->coverage);
      ck_assert (r->d_accuracy_real >= 0.0 && r->d_accuracy_real <= 1.0);
      ck_assert (r->d_accuracy_fake >= 0.0 && r->d_accuracy_fake <= 1.0);
      ck_assert (r->g_entropy > 0.0 && r->g_entropy <= log (dataset->n_items) + 1e-9);
      ck_assert (cg_epoch_record_valid (r));
    }
  /* On planted clusters G concentrates on the user's block as it learns. */
  ck_assert_msg (history[n - 1].g_entropy < history[0].g_entropy - 0.1,
                 "entropy %.3f → %.3f", history[0].g_entropy, history[n - 1].g_entropy);

  /* Measured again on the model as it was after the last epoch, with scratch sized as the
   * trainer's: the same figures, bit for bit, and the model untouched. */
  scratch_init (&s, model, 2 * config.batch_size);
  cg_epoch_record_init (&again);
  cg_trainer_diagnose (&again, model, dataset->train_pos, &s.scratch);
  ck_assert (again.d_accuracy_real == history[n - 1].d_accuracy_real);
  ck_assert (again.d_accuracy_fake == history[n - 1].d_accuracy_fake);
  ck_assert (again.g_entropy == history[n - 1].g_entropy);
  ck_assert (memcmp (model->g_buf, copy->g_buf, model->g_n * sizeof (float)) == 0);
  ck_assert (memcmp (model->d_buf, copy->d_buf, model->d_n * sizeof (float)) == 0);
  scratch_clear (&s);
}
END_TEST

START_TEST (test_entropy_exact)
{
  float scores[3 * 8];

  for (guint i = 0; i < 8; i++)
    {
      scores[i] = 1.5f;                       /* uniform: log 8 */
      scores[8 + i] = i < 2 ? 3.0f : -1e4f;   /* two equal peaks: log 2 */
      scores[16 + i] = i == 5 ? 50.0f : 0.0f; /* one item: ~0 */
    }
  ck_assert_double_eq_tol (cg_mean_softmax_entropy (scores, 1, 8), log (8.0), 1e-12);
  ck_assert_double_eq_tol (cg_mean_softmax_entropy (scores + 8, 1, 8), log (2.0), 1e-12);
  ck_assert (cg_mean_softmax_entropy (scores + 16, 1, 8) < 1e-15);
  ck_assert_double_eq_tol (cg_mean_softmax_entropy (scores, 3, 8),
                           (log (8.0) + log (2.0) + cg_mean_softmax_entropy (scores + 16, 1, 8))
                           / 3, 1e-12);
}
END_TEST

static void
set_d_bias (CgCgan *model,
            float   bias)
{
  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      const char *name;
      float *data = cg_cgan_tensor (model, t, &name, NULL, NULL);

      if (strcmp (name, "d.b2") == 0)
        {
          data[0] = bias;
          return;
        }
    }
  ck_abort_msg ("no d.b2");
}

START_TEST (test_d_accuracy_follows_d)
{
  CgCganConfig config = small_config ();
  g_autoptr(CgCgan) model = cg_cgan_new (&config, dataset->n_users, dataset->n_items, NULL);
  CgEpochRecord r;
  Scratch s;

  scratch_init (&s, model, 256);
  set_d_bias (model, 1e4f);
  cg_trainer_diagnose (&r, model, dataset->train_pos, &s.scratch);
  ck_assert (r.d_accuracy_real == 1.0 && r.d_accuracy_fake == 0.0);
  set_d_bias (model, -1e4f);
  cg_trainer_diagnose (&r, model, dataset->train_pos, &s.scratch);
  ck_assert (r.d_accuracy_real == 0.0 && r.d_accuracy_fake == 1.0);
  scratch_clear (&s);

  /* Scratch for fewer pairs than the sample's users still measures. */
  scratch_init (&s, model, 16);
  cg_trainer_diagnose (&r, model, dataset->train_pos, &s.scratch);
  ck_assert (r.d_accuracy_real == 0.0 && r.d_accuracy_fake == 1.0);
  scratch_clear (&s);
}
END_TEST

static CgEpochRecord *
history_of (const double *entropy,
            const double *coverage,
            guint         n)
{
  CgEpochRecord *records = g_new (CgEpochRecord, n);

  for (guint e = 0; e < n; e++)
    {
      cg_epoch_record_init (&records[e]);
      records[e].epoch = e + 1;
      records[e].g_entropy = entropy[e];
      records[e].coverage = coverage[e];
    }
  return records;
}

START_TEST (test_collapse_named)
{
  const double steady_h[] = { 6.0, 5.8, 5.7, 5.6, 5.5 };
  const double steady_c[] = { 0.03, 0.05, 0.06, 0.07, 0.07 };
  const double fall_h[] = { 6.0, 5.8, 5.9, 5.7, 3.9 };
  const double fall_c[] = { 0.03, 0.05, 0.06, 0.07, 0.03 };
  const double slow_h[] = { 6.0, 5.9, 5.8, 5.7, 5.6 };
  const double nan_h[] = { 6.0, 5.8, 5.9, 5.7, NAN };
  g_autofree CgEpochRecord *steady = history_of (steady_h, steady_c, 5);
  g_autofree CgEpochRecord *collapse = history_of (fall_h, fall_c, 5);
  g_autofree CgEpochRecord *entropy_only = history_of (fall_h, steady_c, 5);
  g_autofree CgEpochRecord *coverage_only = history_of (steady_h, fall_c, 5);
  g_autofree CgEpochRecord *slow = history_of (slow_h, fall_c, 5);
  g_autofree CgEpochRecord *unmeasured = history_of (nan_h, fall_c, 5);
  g_autofree char *message = NULL;

  ck_assert_ptr_null (cg_history_find_collapse (steady, 5));
  ck_assert_ptr_null (cg_history_find_collapse (entropy_only, 5));
  ck_assert_ptr_null (cg_history_find_collapse (coverage_only, 5));
  /* Entropy drifting down a little each epoch, as it does while G learns, is no collapse,
   * even with coverage down. */
  ck_assert_ptr_null (cg_history_find_collapse (slow, 5));
  ck_assert_ptr_null (cg_history_find_collapse (unmeasured, 5));
  ck_assert_ptr_null (cg_history_find_collapse (collapse, 1));
  ck_assert_ptr_null (cg_history_find_collapse (NULL, 0));

  message = cg_history_find_collapse (collapse, 5);
  ck_assert_ptr_nonnull (message);
  ck_assert_msg (strstr (message, "collapse") != NULL && strstr (message, "5.90") != NULL
                 && strstr (message, "3.90") != NULL && strstr (message, "epoch 3") != NULL
                 && strstr (message, "7.0 %") != NULL && strstr (message, "3.0 %") != NULL,
                 "%s", message);
}
END_TEST

/* ---- the figures outside the engine ---- */

static JsonObject *
parse_object (JsonParser *parser,
              const char *line)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (json_parser_load_from_data (parser, line, -1, &error), "%s: %s",
                 error ? error->message : "", line);
  return json_node_get_object (json_parser_get_root (parser));
}

START_TEST (test_in_json_and_model_files)
{
  g_autofree char *model = g_build_filename (tmp_dir, "d.cgan", NULL);
  const char *train_argv[] = { CG_CLI_PATH, "train", "-d", tmp_dir, "--epochs", "2",
                               "--embed-dim", "8", "--hidden-dim", "16", "--noise-dim", "2",
                               "--threads", "1", "--json", "--save", model, NULL };
  const char *info_argv[] = { CG_CLI_PATH, "model-info", model, "--json", "--history", NULL };
  const char *fields[] = { "d_accuracy_real", "d_accuracy_fake", "g_entropy" };
  g_autofree char *out = cg_test_run_command (train_argv, 0, NULL);
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(CgModelFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const CgEpochRecord *history;
  guint n, epochs = 0;

  file = cg_model_file_load (model, &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  history = cg_cgan_get_history (file->model, &n);
  ck_assert_uint_eq (n, 2);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      if (lines[l][0] == '\0')
        continue;
      o = parse_object (parser, lines[l]);
      if (!json_object_has_member (o, "epochs"))
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          double v = json_object_get_double_member (o, fields[f]);
          double saved = cg_epoch_record_get (&history[epochs], cg_epoch_field_find (fields[f]));

          ck_assert_msg (!isnan (saved) && v == saved, "epoch %u %s: JSON %.17g, file %.17g",
                         epochs + 1, fields[f], v, saved);
        }
      epochs++;
    }
  ck_assert_uint_eq (epochs, 2);

  info = cg_test_run_command (info_argv, 0, NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o = parse_object (parser, info);
    JsonArray *records = json_object_get_array_member (o, "history");
    JsonObject *last = json_array_get_object_element (records, 1);

    for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
      ck_assert (json_object_get_double_member (last, fields[f])
                 == cg_epoch_record_get (&history[1], cg_epoch_field_find (fields[f])));
  }
}
END_TEST

static Suite *
diagnostics_suite (void)
{
  Suite *suite = suite_create ("diagnostics");
  TCase *tc = tcase_create ("diagnostics");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_recorded_every_epoch);
  tcase_add_test (tc, test_entropy_exact);
  tcase_add_test (tc, test_d_accuracy_follows_d);
  tcase_add_test (tc, test_collapse_named);
  tcase_add_test (tc, test_in_json_and_model_files);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (diagnostics_suite ());
}
