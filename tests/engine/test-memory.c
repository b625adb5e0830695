/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-memory.c: the memory estimate of a training configuration tells the truth, and a
 * configuration above the limit is refused before anything is allocated.
 *
 * The truth is what cg_trainer_new allocates, read from the allocator (mallinfo2) around
 * the call, for configurations where each part of the estimate in turn dominates. Scoring
 * for evaluation and the copy of the last good epoch are allocated later, by the first
 * epoch, and are left out of the comparison. Under a sanitizer or valgrind the allocator is replaced and says nothing;
 * the comparison is then skipped (and says so), the refusals are still checked.
 */
#include "config.h"

#include <malloc.h>
#include <string.h>

#include "cg-error.h"
#include "cg-test-util.h"
#include "cg-trainer.h"
#include "cg-trainer-memory.h"

static CgDataset *
synthetic (guint n_users,
           guint n_items,
           guint likes)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = g_strdup_printf ("data-%u-%u-%u", n_users, n_items, likes);
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  CgDataset *ds;

  dir = cg_test_tmp_subdir (name);
  cg_synthetic_spec_init (&spec);
  spec.n_users = n_users;
  spec.n_items = n_items;
  spec.likes_per_user = likes;
  cg_test_write_synthetic (dir, &spec);
  ds = cg_dataset_load (dir, "u1", 4, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  return ds;
}

static guint64
allocated_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (guint64) info.uordblks + info.hblkhd;
}

static guint64
part_bytes (const CgMemoryEstimate *estimate,
            const char             *prefix)
{
  for (guint i = 0; i < estimate->n_parts; i++)
    if (g_str_has_prefix (estimate->parts[i].what, prefix))
      return estimate->parts[i].bytes;
  ck_abort_msg ("no part “%s”", prefix);
  return 0;
}

START_TEST (test_estimate_matches_allocation)
{
  struct {
    guint users, items, likes, embed, hidden, batch;
    CgUserEmbeddingMode mode;
    CgSoftmaxMode softmax;
    guint candidates;
  } cases[] = {
    { 200, 300, 8, 64, 2048, 4096, CG_USER_EMBEDDING_HISTORY, CG_SOFTMAX_FULL, 1 }, /* D's pairs */
    { 200, 300, 8, 512, 256, 64, CG_USER_EMBEDDING_ID, CG_SOFTMAX_FULL, 1 },        /* weights */
    { 600, 2000, 8, 16, 32, 1024, CG_USER_EMBEDDING_HISTORY, CG_SOFTMAX_FULL, 1 },  /* U × I */
    { 300, 3000, 30, 16, 64, 100000, CG_USER_EMBEDDING_HISTORY, CG_SOFTMAX_FULL, 1 }, /* G, all */
    /* The sampled softmax: no snapshot; its candidates and D over them, a few or all. */
    { 600, 2000, 8, 16, 256, 1024, CG_USER_EMBEDDING_HISTORY, CG_SOFTMAX_SAMPLED, 64 },
    { 600, 2000, 8, 16, 256, 4096, CG_USER_EMBEDDING_HISTORY, CG_SOFTMAX_SAMPLED, 4096 },
  };
  guint compared = 0;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CgDataset) ds = synthetic (cases[c].users, cases[c].items, cases[c].likes);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgTrainer) trainer = NULL;
      CgCganConfig config;
      CgMemoryEstimate estimate;
      guint64 before, after, expected, actual;

      cg_cgan_config_init (&config);
      config.embed_dim = cases[c].embed;
      config.hidden_dim = cases[c].hidden;
      config.batch_size = cases[c].batch;
      config.user_mode = cases[c].mode;
      config.softmax = cases[c].softmax;
      config.sampled_candidates = cases[c].candidates;
      config.threads = 1;
      cg_trainer_estimate_memory (&config, ds, &estimate);
      ck_assert_uint_gt (estimate.n_parts, 3);
      for (guint i = 1; i < estimate.n_parts; i++)
        ck_assert (estimate.parts[i - 1].bytes >= estimate.parts[i].bytes);

      before = allocated_bytes ();
      trainer = cg_trainer_new (ds, &config, &error);
      after = allocated_bytes ();
      ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
      if (before == 0 && after == 0)
        continue;
      expected = estimate.total - part_bytes (&estimate, "scoring")
                 - part_bytes (&estimate, "the copy of the last");
      actual = after - before;
      printf ("case %u: estimated %" G_GUINT64_FORMAT ", allocated %" G_GUINT64_FORMAT
              " bytes (%.3f)\n", c, expected, actual, (double) actual / (double) expected);
      ck_assert_msg (actual >= expected * 0.9 && actual <= expected * 1.1,
                     "case %u: estimated %" G_GUINT64_FORMAT " bytes, allocated %"
                     G_GUINT64_FORMAT, c, expected, actual);
      compared++;
    }
  if (compared == 0)
    printf ("the allocator does not report its use here (sanitizer or valgrind): "
            "estimates not compared\n");
}
END_TEST

/* A batch of a million pairs and 16384 hidden units are each allowed, and together far
 * too much: refused by cg_trainer_new, naming the settings of the largest part. */
START_TEST (test_too_large_is_refused)
{
  g_autoptr(CgDataset) ds = synthetic (200, 300, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  CgCganConfig config;
  CgMemoryEstimate estimate;

  g_setenv ("CINEGAN_MAX_MEMORY", "64M", TRUE);
  ck_assert_uint_eq (cg_trainer_memory_limit (), 64 << 20);
  cg_cgan_config_init (&config);
  config.batch_size = 1048576;
  config.hidden_dim = 16384;
  cg_trainer_estimate_memory (&config, ds, &estimate);
  ck_assert_uint_gt (estimate.total, 64 << 20);
  ck_assert (strstr (estimate.parts[0].settings, "hidden-dim") != NULL);

  trainer = cg_trainer_new (ds, &config, &error);
  ck_assert (trainer == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, estimate.parts[0].settings) != NULL
                 && strstr (error->message, "64.0") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* Weights: the largest embedding and hidden layer, refused at the default limit
   * (at most 4 GiB) whatever the machine. */
  g_unsetenv ("CINEGAN_MAX_MEMORY");
  ck_assert_uint_le (cg_trainer_memory_limit (), G_GUINT64_CONSTANT (4) << 30);
  cg_cgan_config_init (&config);
  config.embed_dim = 4096;
  config.hidden_dim = 16384;
  trainer = cg_trainer_new (ds, &config, &error);
  ck_assert (trainer == NULL);
  ck_assert_msg (strstr (error->message, "embed-dim") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* The defaults fit. */
  cg_cgan_config_init (&config);
  ck_assert (cg_trainer_check_memory (&config, ds, &error));
}
END_TEST

START_TEST (test_limit_from_environment)
{
  const struct { const char *text; guint64 bytes; } cases[] = {
    { "6G", G_GUINT64_CONSTANT (6) << 30 },
    { "800M", 800u << 20 },
    { "800MB", 800u << 20 },
    { "12345", 12345 },
    { "64k", 64u << 10 },
  };
  guint64 fallback;

  g_unsetenv ("CINEGAN_MAX_MEMORY");
  fallback = cg_trainer_memory_limit ();
  ck_assert_uint_gt (fallback, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_setenv ("CINEGAN_MAX_MEMORY", cases[i].text, TRUE);
      ck_assert_uint_eq (cg_trainer_memory_limit (), cases[i].bytes);
    }
  g_setenv ("CINEGAN_MAX_MEMORY", "lots", TRUE);
  ck_assert_uint_eq (cg_trainer_memory_limit (), fallback);
  g_setenv ("CINEGAN_MAX_MEMORY", "99999999999999999999G", TRUE);
  ck_assert_uint_eq (cg_trainer_memory_limit (), fallback);
  g_unsetenv ("CINEGAN_MAX_MEMORY");
}
END_TEST

START_TEST (test_describe)
{
  g_autoptr(CgDataset) ds = synthetic (200, 300, 8);
  CgCganConfig config;
  CgMemoryEstimate estimate;
  g_autofree char *text = NULL;

  cg_cgan_config_init (&config);
  cg_trainer_estimate_memory (&config, ds, &estimate);
  text = cg_memory_estimate_describe (&estimate);
  ck_assert_msg (g_str_has_prefix (text, "about ") && strstr (text, "grows with") != NULL,
                 "%s", text);
}
END_TEST

static Suite *
memory_suite (void)
{
  Suite *s = suite_create ("memory");
  TCase *tc = tcase_create ("memory");

  tcase_add_checked_fixture (tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_estimate_matches_allocation);
  tcase_add_test (tc, test_too_large_is_refused);
  tcase_add_test (tc, test_limit_from_environment);
  tcase_add_test (tc, test_describe);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (memory_suite ());
}
