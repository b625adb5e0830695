/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-training-estimate.c: the duration estimate and the presets, without any widget.
 *
 * The estimate's count of an epoch's work is held against what the trainer itself counts
 * while it trains (on the synthetic dataset, with small and with default-sized networks);
 * it scales with epochs and with the settings that make the work; a history's median
 * epoch time gives the rate; durations read as people say them. Each preset sets what its
 * recipe says and is found again from its settings, whatever the seed; any other edit makes
 * the settings none of them.
 */

#include "config.h"

#include <math.h>

#include "cg-gui-test.h"
#include "cg-trainer.h"
#include "cg-training-estimate.h"
#include "cg-training-presets.h"

static double
trainer_epoch_flops (const CgCganConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) dataset = cg_dataset_load (cg_test_home_data_dir (), "u1", 4, &error);
  g_autoptr(CgTrainer) trainer = NULL;

  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "");
  trainer = cg_trainer_new (dataset, config, &error);
  ck_assert_msg (trainer != NULL, "%s", error != NULL ? error->message : "");
  ck_assert (cg_trainer_run (trainer, NULL, NULL, NULL, &error));
  return cg_trainer_get_epoch_flops (trainer);
}

static void
home_shape (CgDatasetShape *shape)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) dataset = cg_dataset_load (cg_test_home_data_dir (), "u1", 4, &error);

  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "");
  cg_dataset_shape_of (dataset, shape);
}

START_TEST (test_epoch_flops_match_the_trainer)
{
  CgCganConfig config;
  CgDatasetShape shape;

  home_shape (&shape);
  for (guint pass = 0; pass < 2; pass++)
    {
      double counted, estimated;

      if (pass == 0)
        cg_test_tiny_config (&config, 1);
      else
        {
          cg_cgan_config_init (&config);
          config.epochs = 1;
          config.threads = 1;
        }
      counted = trainer_epoch_flops (&config);
      estimated = cg_training_estimate_epoch_flops (&config, &shape);
      ck_assert_msg (counted > 0.0, "the trainer counted no work");
      ck_assert_msg (fabs (estimated / counted - 1.0) < 0.2,
                     "pass %u: estimated %.4g FLOP, the trainer counted %.4g", pass, estimated,
                     counted);
    }
}
END_TEST

START_TEST (test_seconds_follow_the_settings)
{
  CgCganConfig config, wider;
  CgDatasetShape shape;
  double ten, twenty;

  home_shape (&shape);
  cg_cgan_config_init (&config);
  config.epochs = 10;
  ten = cg_training_estimate_seconds (&config, &shape, 1e9);
  config.epochs = 20;
  twenty = cg_training_estimate_seconds (&config, &shape, 1e9);
  ck_assert_double_eq_tol (twenty, 2.0 * ten, 1e-9 * twenty);
  ck_assert_double_eq_tol (cg_training_estimate_seconds (&config, &shape, 2e9), ten, 1e-9 * ten);

  wider = config;
  wider.hidden_dim *= 2;
  ck_assert (cg_training_estimate_seconds (&wider, &shape, 1e9) > 1.5 * twenty);
  wider = config;
  wider.d_steps = 0;
  ck_assert (cg_training_estimate_seconds (&wider, &shape, 1e9) < twenty);
}
END_TEST

START_TEST (test_rate_from_history)
{
  CgCganConfig config;
  CgDatasetShape shape;
  CgEpochRecord records[4] = { { 1 }, { 2 }, { 3 }, { 4 } };
  double flops;

  home_shape (&shape);
  cg_cgan_config_init (&config);
  flops = cg_training_estimate_epoch_flops (&config, &shape);
  /* Untimed epochs (older model files) give no rate. */
  for (guint i = 0; i < 4; i++)
    records[i].seconds = NAN;
  ck_assert_double_eq (cg_training_estimate_rate (&config, &shape, records, 4), 0.0);
  /* The median: one slow epoch does not move it. */
  records[0].seconds = 9.0;
  records[1].seconds = 2.0;
  records[2].seconds = 2.0;
  records[3].seconds = 1.5;
  ck_assert_double_eq_tol (cg_training_estimate_rate (&config, &shape, records, 4),
                           flops / 2.0, 1e-9 * flops);
}
END_TEST

START_TEST (test_format)
{
  static const struct { double seconds; const char *text; } cases[] = {
    { 0.0, "Under a second" },
    { 0.6, "Under a second" },
    { 1.2, "About 1 second" },
    { 4.6, "About 5 seconds" },
    { 42.0, "About 40 seconds" },
    { 89.0, "About 90 seconds" },
    { 150.0, "About 3 minutes" },
    { 4000.0, "About 67 minutes" },
    { 6000.0, "About 1 h 40 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_training_estimate_format (cases[i].seconds);

      ck_assert_str_eq (text, cases[i].text);
    }
}
END_TEST

static void
assert_double_setting (const CgCganConfig *config,
                       const char         *name,
                       const char         *value)
{
  g_autofree char *text = cg_cgan_config_get (config, name);

  ck_assert_msg (g_str_equal (text, value), "%s = %s, not %s", name, text, value);
}

START_TEST (test_presets_are_their_recipes)
{
  CgCganConfig config, defaults;
  guint n = cg_training_preset_count ();

  ck_assert_uint_eq (n, 4);
  cg_cgan_config_init (&defaults);
  ck_assert_uint_eq (cg_training_preset_find (&defaults), 0);
  ck_assert_str_eq (cg_training_preset_get_name (0), "Default");
  ck_assert_str_eq (cg_training_preset_get_name (n), "Custom");

  cg_cgan_config_init (&config);
  config.seed = 7;
  config.threads = 2;
  config.learning_rate = 0.5;
  cg_training_preset_apply (1, &config);
  ck_assert_str_eq (cg_training_preset_get_name (1), "Pure adversarial");
  assert_double_setting (&config, "mle-weight", "0");
  assert_double_setting (&config, "adv-weight", "1");
  assert_double_setting (&config, "entropy-weight", "0");
  ck_assert_uint_eq (config.pretrain_epochs, 0);
  /* The rest is the defaults again, but the seed and threads stay. */
  ck_assert_double_eq (config.learning_rate, defaults.learning_rate);
  ck_assert_uint_eq (config.seed, 7);
  ck_assert_uint_eq (config.threads, 2);
  ck_assert_uint_eq (cg_training_preset_find (&config), 1);

  cg_training_preset_apply (2, &config);
  ck_assert_str_eq (cg_training_preset_get_name (2), "Likelihood only");
  assert_double_setting (&config, "adv-weight", "0");
  assert_double_setting (&config, "mle-weight", "1");
  ck_assert_uint_eq (cg_training_preset_find (&config), 2);

  cg_training_preset_apply (3, &config);
  ck_assert_str_eq (cg_training_preset_get_name (3), "Fast");
  ck_assert_uint_lt (config.epochs, defaults.epochs);
  ck_assert_uint_lt (config.hidden_dim, defaults.hidden_dim);
  ck_assert_uint_eq (cg_training_preset_find (&config), 3);
  {
    CgDatasetShape shape;

    home_shape (&shape);
    ck_assert (cg_training_estimate_seconds (&config, &shape, 1e9)
               < 0.25 * cg_training_estimate_seconds (&defaults, &shape, 1e9));
  }
  /* Every preset is a valid configuration. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      cg_training_preset_apply (i, &config);
      ck_assert_msg (cg_cgan_config_validate (&config, &error), "%s: %s",
                     cg_training_preset_get_name (i), error->message);
    }

  config.neg_mix = 0.25;
  ck_assert_uint_eq (cg_training_preset_find (&config), n);
}
END_TEST

static Suite *
training_estimate_suite (void)
{
  Suite *suite = suite_create ("training-estimate");
  TCase *tc = tcase_create ("estimate");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_epoch_flops_match_the_trainer);
  tcase_add_test (tc, test_seconds_follow_the_settings);
  tcase_add_test (tc, test_rate_from_history);
  tcase_add_test (tc, test_format);
  tcase_add_test (tc, test_presets_are_their_recipes);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (training_estimate_suite ());
}
