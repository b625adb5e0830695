/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cgan.c: the CGAN model — settings table, parameters, tensors, history, scoring.
 *
 * The settings: defaults validate, every field reads back what was set (text round trip),
 * bad values and incoherent combinations are refused. The model: a seed fixes the
 * parameters, the tensor table covers both buffers exactly, copies are deep, history
 * appends. Scoring: scores do not depend on which users are scored together, the average
 * over noise draws equals the mean of single-draw hidden layers pushed through the output
 * layer, history-mode scoring of a liked-items list matches scoring the dataset user, and
 * id mode refuses a user it never saw.
 */
#include <math.h>
#include <string.h>

#include "cg-cgan.h"
#include "cg-dense.h"
#include "cg-error.h"
#include "cg-rng.h"
#include "cg-test-util.h"

START_TEST (test_config_defaults_validate)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;

  cg_cgan_config_init (&config);
  ck_assert_msg (cg_cgan_config_validate (&config, &error), "%s",
                 error ? error->message : "");
  /* The original project's architecture. */
  ck_assert_uint_eq (config.embed_dim, 64);
  ck_assert_uint_eq (config.noise_dim, 32);
  ck_assert_uint_eq (config.hidden_dim, 256);
  ck_assert_uint_eq (config.batch_size, 1024);
  ck_assert_uint_eq (config.noise_draws, 5);
  ck_assert_uint_eq (config.k, 10);
}
END_TEST

START_TEST (test_config_fields_round_trip)
{
  guint n;
  const CgConfigField *fields = cg_cgan_config_fields (&n);
  CgCganConfig a, b;

  ck_assert_uint_gt (n, 15);
  cg_cgan_config_init (&a);
  cg_cgan_config_init (&b);
  memset (&b, 0xff, sizeof b);   /* every field overwritten below, or the compare fails */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = cg_cgan_config_get (&a, fields[i].name);
      g_autoptr(GError) error = NULL;

      ck_assert_ptr_nonnull (text);
      ck_assert_msg (cg_cgan_config_set (&b, fields[i].name, text, &error), "%s = %s: %s",
                     fields[i].name, text, error ? error->message : "");
      for (guint j = 0; j < i; j++)
        ck_assert_str_ne (fields[i].name, fields[j].name);
    }
  /* Every field came back bit for bit (padding aside, hence field by field). */
  for (guint i = 0; i < n; i++)
    {
      gsize size = fields[i].type == CG_FIELD_UINT64 || fields[i].type == CG_FIELD_DOUBLE
                   ? 8 : sizeof (guint);

      ck_assert (fields[i].offset + size <= sizeof (CgCganConfig));
      ck_assert_msg (memcmp ((guint8 *) &a + fields[i].offset, (guint8 *) &b + fields[i].offset,
                             size) == 0, "%s did not round-trip", fields[i].name);
    }
}
END_TEST

START_TEST (test_config_set_and_get)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;
  g_autofree char *lr = NULL, *mode = NULL, *seed = NULL;

  cg_cgan_config_init (&config);
  ck_assert (cg_cgan_config_set (&config, "learning-rate", "0.0002", NULL));
  lr = cg_cgan_config_get (&config, "learning-rate");
  ck_assert_str_eq (lr, "0.0002");
  ck_assert (cg_cgan_config_set (&config, "user-mode", "id", NULL));
  ck_assert_int_eq (config.user_mode, CG_USER_EMBEDDING_ID);
  mode = cg_cgan_config_get (&config, "user-mode");
  ck_assert_str_eq (mode, "id");
  ck_assert (cg_cgan_config_set (&config, "seed", "18446744073709551615", NULL));
  seed = cg_cgan_config_get (&config, "seed");
  ck_assert_str_eq (seed, "18446744073709551615");

  /* Refused: unknown names, bad numbers, out of range, unknown nicks. */
  ck_assert (!cg_cgan_config_set (&config, "no-such-setting", "1", &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert (!cg_cgan_config_set (&config, "embed-dim", "12x", &error));
  g_clear_error (&error);
  ck_assert (!cg_cgan_config_set (&config, "embed-dim", "0", &error));
  g_clear_error (&error);
  ck_assert (!cg_cgan_config_set (&config, "neg-mix", "1.5", &error));
  g_clear_error (&error);
  ck_assert (!cg_cgan_config_set (&config, "neg-mix", "nan", &error));
  g_clear_error (&error);
  ck_assert (!cg_cgan_config_set (&config, "fake-strategy", "gumbel", &error));
  ck_assert_ptr_nonnull (strstr (error->message, "multinomial|argmax"));
  g_clear_error (&error);
  ck_assert_int_eq (config.embed_dim, 64);   /* failed sets change nothing */
}
END_TEST

START_TEST (test_config_validate_combinations)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;

  cg_cgan_config_init (&config);
  config.pretrain_epochs = config.epochs + 1;
  ck_assert (!cg_cgan_config_validate (&config, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  g_clear_error (&error);

  cg_cgan_config_init (&config);
  config.mle_weight = config.adv_weight = config.entropy_weight = 0.0;
  ck_assert (!cg_cgan_config_validate (&config, &error));
  g_clear_error (&error);

  cg_cgan_config_init (&config);
  config.learning_rate = 0.5;
  config.weight_decay = 2.0;
  ck_assert (!cg_cgan_config_validate (&config, &error));
  g_clear_error (&error);

  cg_cgan_config_init (&config);
  config.user_mode = 7;
  ck_assert (!cg_cgan_config_validate (&config, &error));
  g_clear_error (&error);

  cg_cgan_config_init (&config);
  config.batch_size = 0;
  ck_assert (!cg_cgan_config_validate (&config, &error));
}
END_TEST

static CgCganConfig
small_config (CgUserEmbeddingMode mode)
{
  CgCganConfig config;

  cg_cgan_config_init (&config);
  config.embed_dim = 6;
  config.noise_dim = 3;
  config.hidden_dim = 10;
  config.user_mode = mode;
  config.noise_draws = 4;
  /* The networks alone; the item–item path has its own tests. */
  config.item_weight = 0.0;
  return config;
}

START_TEST (test_model_seeded_and_tensors)
{
  CgCganConfig config = small_config (_i == 0 ? CG_USER_EMBEDDING_HISTORY : CG_USER_EMBEDDING_ID);
  g_autoptr(CgCgan) a = cg_cgan_new (&config, 9, 13, NULL);
  g_autoptr(CgCgan) b = cg_cgan_new (&config, 9, 13, NULL);
  g_autoptr(CgCgan) c = NULL;
  guint n = cg_cgan_n_tensors (a);
  gsize total = 0;
  gboolean any_differs = FALSE;

  ck_assert_ptr_nonnull (a);
  ck_assert_uint_eq (cg_cgan_get_n_users (a), 9);
  ck_assert_uint_eq (cg_cgan_get_n_items (a), 13);
  ck_assert_uint_eq (n, 12);   /* G: table, w1, b1, w2, b2; D: seven */
  config.seed++;
  c = cg_cgan_new (&config, 9, 13, NULL);

  for (guint t = 0; t < n; t++)
    {
      const char *name, *name_b;
      guint rows, cols, rows_b, cols_b;
      float *x = cg_cgan_tensor (a, t, &name, &rows, &cols);
      float *y = cg_cgan_tensor (b, t, &name_b, &rows_b, &cols_b);
      float *z = cg_cgan_tensor (c, t, NULL, NULL, NULL);

      ck_assert_str_eq (name, name_b);
      ck_assert (name[0] == 'g' || name[0] == 'd');
      ck_assert_uint_eq (rows, rows_b);
      ck_assert_uint_eq (cols, cols_b);
      /* Same seed, same numbers; initialised (not all zero) and finite. */
      ck_assert_int_eq (memcmp (x, y, (gsize) rows * cols * sizeof (float)), 0);
      for (guint i = 0; i < rows * cols; i++)
        {
          ck_assert (isfinite (x[i]));
          any_differs |= x[i] != z[i];
        }
      total += (gsize) rows * cols;
    }
  ck_assert (any_differs);
  /* G: table (U·E or I·E) + W1 + b1 + W2 + b2; D: U·E + I·E + 2·H·E + H + H + 1. */
  ck_assert_uint_eq (total,
                     (_i == 0 ? 13 * 6 : 9 * 6) + 10 * 9 + 10 + 13 * 10 + 13
                     + 9 * 6 + 13 * 6 + 2 * 10 * 6 + 10 + 10 + 1);
}
END_TEST

START_TEST (test_model_copy_and_history)
{
  CgCganConfig config = small_config (CG_USER_EMBEDDING_HISTORY);
  g_autoptr(CgCgan) a = cg_cgan_new (&config, 5, 7, NULL);
  g_autoptr(CgCgan) b = NULL;
  CgEpochRecord r = { .epoch = 1, .loss_d = 0.7, .loss_g = 0.6, .ndcg = 0.3 };
  const CgEpochRecord *h;
  guint n;
  float *w;

  cg_cgan_append_history (a, &r);
  r.epoch = 2;
  cg_cgan_append_history (a, &r);
  b = cg_cgan_copy (a);
  h = cg_cgan_get_history (b, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (h[1].epoch, 2);
  ck_assert_double_eq (h[0].ndcg, 0.3);

  /* Deep: changing the copy leaves the original alone. */
  w = cg_cgan_tensor (b, 0, NULL, NULL, NULL);
  w[0] += 1.0f;
  ck_assert_float_ne (w[0], cg_cgan_tensor (a, 0, NULL, NULL, NULL)[0]);
  cg_cgan_append_history (b, &r);
  cg_cgan_get_history (a, &n);
  ck_assert_uint_eq (n, 2);
}
END_TEST

START_TEST (test_model_refuses_bad_input)
{
  CgCganConfig config = small_config (CG_USER_EMBEDDING_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCgan) model = NULL;
  float scores[7];
  guint32 items[1] = { 3 };

  ck_assert_ptr_null (cg_cgan_new (&config, 0, 7, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  g_clear_error (&error);
  config.hidden_dim = 0;
  ck_assert_ptr_null (cg_cgan_new (&config, 5, 7, &error));
  g_clear_error (&error);

  config = small_config (CG_USER_EMBEDDING_ID);
  model = cg_cgan_new (&config, 5, 7, NULL);
  ck_assert (!cg_cgan_score_history (model, items, 1, scores, 1, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
}
END_TEST

/* A tiny CSR set by hand: user u likes items u, u+1 (mod n_items), and user 2 nothing. */
static CgUserItems *
toy_history (guint n_users,
             guint n_items)
{
  g_autofree guint32 *users = g_new (guint32, 2 * n_users);
  g_autofree guint32 *items = g_new (guint32, 2 * n_users);
  gsize n = 0;

  for (guint u = 0; u < n_users; u++)
    {
      if (u == 2)
        continue;
      users[n] = u;
      items[n++] = u % n_items;
      users[n] = u;
      items[n++] = (u + 1) % n_items;
    }
  return cg_user_items_new_from_pairs (n_users, n_items, users, items, n);
}

START_TEST (test_scores_independent_of_batch)
{
  CgUserEmbeddingMode mode = _i == 1 ? CG_USER_EMBEDDING_ID : CG_USER_EMBEDDING_HISTORY;
  CgCganConfig config = small_config (mode);
  guint U = 300, I = 11;   /* more users than one scoring chunk */
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(CgUserItems) history = toy_history (U, I);
  g_autofree guint32 *users = g_new (guint32, U);
  g_autofree float *all = g_new (float, (gsize) U * I);
  float one[11], again[11];
  gboolean any_differs = FALSE;

  /* Run 2: settings large enough that the scoring scratch budget cuts the chunk to a few
   * dozen users (64 draws × a 2048-wide hidden layer), so chunks are not all alike. */
  if (_i == 2)
    {
      config.hidden_dim = 2048;
      config.noise_draws = 64;
    }
  model = cg_cgan_new (&config, U, I, NULL);

  for (guint u = 0; u < U; u++)
    users[u] = U - 1 - u;   /* reversed order */
  cg_cgan_score_users (model, history, all, users, U, 99);
  for (guint u = 0; u < U; u += 37)
    {
      guint32 user = U - 1 - u;

      cg_cgan_score_users (model, history, one, &user, 1, 99);
      /* Same noise (keyed by user), same numbers — up to the last bits, which OpenBLAS
       * may round differently for a 1-row and a 128-row product. */
      ck_assert (cg_test_arrays_close ("one user vs many", one, all + (gsize) u * I, I, 1e-5,
                                       1e-6));
    }
  /* Another noise seed gives other scores; the same seed the same ones. */
  cg_cgan_score_users (model, history, one, users, 1, 100);
  cg_cgan_score_users (model, history, again, users, 1, 100);
  ck_assert_mem_eq (one, again, sizeof one);
  for (guint i = 0; i < I; i++)
    any_differs |= fabsf (one[i] - all[i]) > 1e-4f;
  ck_assert (any_differs);
}
END_TEST

START_TEST (test_scores_average_of_draws)
{
  /* With S draws the scores are W2 · mean(h) + b2; with noise_dim 0 every draw is the same,
   * so S = 4 must equal S = 1 (up to the rounding of a mean of equal numbers). */
  CgCganConfig config = small_config (CG_USER_EMBEDDING_HISTORY);
  g_autoptr(CgCgan) m4 = NULL, m1 = NULL;
  g_autoptr(CgUserItems) history = toy_history (6, 9);
  guint32 users[3] = { 0, 2, 5 };
  float s4[27], s1[27];

  config.noise_dim = 0;
  m4 = cg_cgan_new (&config, 6, 9, NULL);
  config.noise_draws = 1;
  m1 = cg_cgan_new (&config, 6, 9, NULL);
  cg_cgan_score_users (m4, history, s4, users, 3, 5);
  cg_cgan_score_users (m1, history, s1, users, 3, 5);
  ck_assert (cg_test_arrays_close ("4 identical draws vs 1", s4, s1, 27, 1e-6, 1e-6));
}
END_TEST

START_TEST (test_score_history_matches_dataset_user)
{
  CgCganConfig config = small_config (CG_USER_EMBEDDING_HISTORY);
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(CgUserItems) history = toy_history (6, 9);
  guint32 user = 4;
  float by_user[9], by_items[9], empty[9];
  g_autoptr(GError) error = NULL;
  const guint32 bad[1] = { 9 };

  /* A dataset user's noise is keyed by its index and a free-standing list has its own
   * key, so the two paths are compared on a noise-free model. */
  config.noise_dim = 0;
  model = cg_cgan_new (&config, 6, 9, NULL);
  cg_cgan_score_users (model, history, by_user, &user, 1, 3);
  ck_assert (cg_cgan_score_history (model, cg_user_items_row (history, user),
                                    cg_user_items_count (history, user), by_items, 3, &error));
  ck_assert (cg_test_arrays_close ("history vs dataset user", by_items, by_user, 9, 1e-6, 1e-6));
  /* Nothing liked still scores (from the biases: a popularity-like list). */
  ck_assert (cg_cgan_score_history (model, NULL, 0, empty, 3, NULL));
  for (guint i = 0; i < 9; i++)
    ck_assert (isfinite (empty[i]));
  ck_assert (!cg_cgan_score_history (model, bad, 1, empty, 3, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
}
END_TEST


START_TEST (test_item_path_tensor_and_scores)
{
  /* An item–item path adds one (I, I) tensor, g.item_w, and α · Σ_{j ∈ bag} B[j] to the
   * scores (no noise in it); none in id mode or above the size limit. */
  CgCganConfig config = small_config (CG_USER_EMBEDDING_HISTORY);
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(CgCgan) id_model = NULL;
  g_autoptr(CgCgan) big = NULL;
  g_autoptr(CgUserItems) history = toy_history (6, 9);
  guint32 users[2] = { 1, 4 };
  float with[18], without[18], by_items[9];
  float *b = NULL;
  const char *name = NULL;
  guint rows = 0, cols = 0;
  CgRng rng;

  config.item_weight = 2.5;
  model = cg_cgan_new (&config, 6, 9, NULL);
  ck_assert_uint_eq (cg_cgan_n_tensors (model), 13);
  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      const char *n;
      guint r, c;
      float *data = cg_cgan_tensor (model, t, &n, &r, &c);

      if (g_str_equal (n, "g.item_w"))
        {
          b = data;
          name = n;
          rows = r;
          cols = c;
        }
    }
  ck_assert_str_eq (name, "g.item_w");
  ck_assert_uint_eq (rows, 9);
  ck_assert_uint_eq (cols, 9);

  cg_cgan_score_users (model, history, without, users, 2, 8);
  cg_rng_seed (&rng, 3);
  for (guint k = 0; k < 81; k++)
    b[k] = cg_rng_uniform_float (&rng) - 0.5f;
  cg_cgan_score_users (model, history, with, users, 2, 8);
  for (guint u = 0; u < 2; u++)
    for (guint i = 0; i < 9; i++)
      {
        double extra = 0.0;

        for (guint t = 0; t < cg_user_items_count (history, users[u]); t++)
          extra += 2.5 * b[cg_user_items_row (history, users[u])[t] * 9 + i];
        ck_assert_double_eq_tol (with[u * 9 + i] - without[u * 9 + i], extra, 1e-5);
      }
  /* A free-standing list gets the same item–item part. */
  config.noise_dim = 0;
  {
    g_autoptr(CgCgan) quiet = cg_cgan_new (&config, 6, 9, NULL);
    float by_user[9];

    /* Tensor 5 after g.item, g.w1, g.b1, g.w2, g.b2. */
    memcpy (cg_cgan_tensor (quiet, 5, NULL, NULL, NULL), b, sizeof (float) * 81);
    ck_assert (cg_cgan_score_history (quiet, cg_user_items_row (history, 4),
                                      cg_user_items_count (history, 4), by_items, 8, NULL));
    cg_cgan_score_users (quiet, history, by_user, &users[1], 1, 8);
    ck_assert (cg_test_arrays_close ("history vs user, item path", by_items, by_user, 9, 1e-6,
                                     1e-6));
  }

  config.user_mode = CG_USER_EMBEDDING_ID;
  id_model = cg_cgan_new (&config, 6, 9, NULL);
  ck_assert_uint_eq (cg_cgan_n_tensors (id_model), 12);
  config.user_mode = CG_USER_EMBEDDING_HISTORY;
  config.hidden_dim = 2;
  config.embed_dim = 2;
  big = cg_cgan_new (&config, 3, CG_ITEM_PATH_MAX_ITEMS + 1, NULL);
  ck_assert_uint_eq (cg_cgan_n_tensors (big), 12);
}
END_TEST

static Suite *
cgan_suite (void)
{
  Suite *suite = suite_create ("cgan");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_config_defaults_validate);
  tcase_add_test (tc, test_config_fields_round_trip);
  tcase_add_test (tc, test_config_set_and_get);
  tcase_add_test (tc, test_config_validate_combinations);
  tcase_add_loop_test (tc, test_model_seeded_and_tensors, 0, 2);
  tcase_add_test (tc, test_model_copy_and_history);
  tcase_add_test (tc, test_model_refuses_bad_input);
  tcase_add_loop_test (tc, test_scores_independent_of_batch, 0, 3);
  tcase_add_test (tc, test_scores_average_of_draws);
  tcase_add_test (tc, test_score_history_matches_dataset_user);
  tcase_add_test (tc, test_item_path_tensor_and_scores);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (cgan_suite ());
}
