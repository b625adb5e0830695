/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-test-util.c: shared test helpers (see the header).
 */
#include "cg-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cg-error.h"
#include "cg-rng.h"
#include "cg-trainer.h"

char *
cg_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cinegan-test-XXXXXX", &error);

  ck_assert_msg (dir != NULL, "cannot make a temp dir: %s", error ? error->message : "?");
  return dir;
}

void
cg_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (path == NULL)
    return;
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            cg_test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

guint
cg_test_count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

void
cg_test_write_file (const char *dir,
                    const char *name,
                    const char *contents,
                    gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_set_contents (path, contents, len, &error),
                 "cannot write %s: %s", path, error ? error->message : "?");
}

static char *tmp_root;

void
cg_test_tmp_setup (void)
{
  tmp_root = cg_test_make_temp_dir ();
}

void
cg_test_tmp_teardown (void)
{
  cg_test_remove_tree (tmp_root);
  g_clear_pointer (&tmp_root, g_free);
}

const char *
cg_test_tmp_root (void)
{
  return tmp_root;
}

char *
cg_test_tmp_subdir (const char *name)
{
  char *dir = g_build_filename (tmp_root, name, NULL);

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  return dir;
}

void
cg_synthetic_spec_init (CgSyntheticSpec *spec)
{
  *spec = (CgSyntheticSpec) {
    .n_users = 60,
    .n_items = 40,
    .n_clusters = 4,
    .likes_per_user = 8,
    .dislikes_per_user = 3,
    .test_fraction = 0.25,
    .seed = 1,
    .split = "u1",
  };
}

CgDataset *
cg_test_load_synthetic (const CgSyntheticSpec *spec,
                        char                 **dir)
{
  g_autoptr(GError) error = NULL;
  CgDataset *dataset;

  *dir = cg_test_make_temp_dir ();
  cg_test_write_synthetic (*dir, spec);
  dataset = cg_dataset_load (*dir, spec->split != NULL ? spec->split : "u1", 4, &error);
  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");
  return dataset;
}

static const char *const synthetic_genres[] = {
  "unknown", "Action", "Comedy", "Drama", "Sci-Fi",
};

void
cg_test_write_synthetic (const char            *dir,
                         const CgSyntheticSpec *spec)
{
  GString *genre = g_string_new (NULL);
  GString *item = g_string_new (NULL);
  GString *data = g_string_new (NULL);
  GString *base = g_string_new (NULL);
  GString *test = g_string_new (NULL);
  g_autofree char *base_name = g_strconcat (spec->split, ".base", NULL);
  g_autofree char *test_name = g_strconcat (spec->split, ".test", NULL);
  guint block = MAX (spec->n_items / MAX (spec->n_clusters, 1), 1);
  g_autofree guint32 *order = g_new (guint32, spec->n_items);
  CgRng rng;

  cg_rng_seed (&rng, spec->seed);

  for (guint g = 0; g < G_N_ELEMENTS (synthetic_genres); g++)
    g_string_append_printf (genre, "%s|%u\n", synthetic_genres[g], g);

  /* Movie IDs start at 1 and leave gaps (every 7th ID unused), so ID maps are exercised.
   * Every 5th title carries Latin-1 "é" (0xE9). Genre = cluster + 1. */
  for (guint i = 0; i < spec->n_items; i++)
    {
      guint id = i + 1 + i / 6;
      guint cluster = MIN (i / block, spec->n_clusters - 1);

      g_string_append_printf (item, "%u|%s %u (%u)|01-Jan-%u||http://example.invalid/%u",
                              id, i % 5 == 0 ? "Mis\xe9rables" : "Movie", i,
                              1950 + i, 1950 + i, id);
      for (guint g = 0; g < G_N_ELEMENTS (synthetic_genres); g++)
        g_string_append (item, g == 1 + cluster % 4 ? "|1" : "|0");
      g_string_append_c (item, '\n');
    }

  for (guint u = 0; u < spec->n_users; u++)
    {
      guint cluster = u % spec->n_clusters;
      guint start = cluster * block;
      guint n_block = (cluster == spec->n_clusters - 1) ? spec->n_items - start : block;
      guint n_likes = MIN (spec->likes_per_user, n_block);
      guint n_other = spec->n_items - n_block;
      guint n_dislikes = MIN (spec->dislikes_per_user, n_other);
      guint n_total = n_likes + n_dislikes, n_held;
      guint32 movies[256];
      guint8 ratings[256];

      g_assert (n_total <= G_N_ELEMENTS (movies));
      for (guint i = 0; i < n_block; i++)
        order[i] = start + i;
      cg_rng_shuffle_u32 (&rng, order, n_block);
      for (guint i = 0; i < n_likes; i++)
        {
          movies[i] = order[i];
          ratings[i] = (guint8) (4 + cg_rng_uniform_int (&rng, 2));
        }
      for (guint i = 0, n = 0; i < spec->n_items; i++)
        if (i < start || i >= start + n_block)
          order[n++] = i;
      cg_rng_shuffle_u32 (&rng, order, n_other);
      for (guint i = 0; i < n_dislikes; i++)
        {
          movies[n_likes + i] = order[i];
          ratings[n_likes + i] = (guint8) (1 + cg_rng_uniform_int (&rng, 2));
        }

      n_held = (guint) (spec->test_fraction * n_total + 0.5);
      for (guint r = 0; r < n_total; r++)
        {
          guint id = movies[r] + 1 + movies[r] / 6;
          /* Hold out from the liked block first, so every user keeps train positives. */
          gboolean held = r >= 1 && r <= n_held && r < n_likes;
          GString *half = held ? test : base;
          char line[96];

          g_snprintf (line, sizeof line, "%u\t%u\t%u\t%u\n", u + 1, id, ratings[r],
                      880000000 + u * 100 + r);
          g_string_append (half, line);
          g_string_append (data, line);
        }
    }

  cg_test_write_file (dir, "u.genre", genre->str, (gssize) genre->len);
  cg_test_write_file (dir, "u.item", item->str, (gssize) item->len);
  cg_test_write_file (dir, "u.data", data->str, (gssize) data->len);
  cg_test_write_file (dir, base_name, base->str, (gssize) base->len);
  cg_test_write_file (dir, test_name, test->str, (gssize) test->len);
  g_string_free (genre, TRUE);
  g_string_free (item, TRUE);
  g_string_free (data, TRUE);
  g_string_free (base, TRUE);
  g_string_free (test, TRUE);
}

void
cg_test_assert_load_fails (const char *dir,
                           const char *split,
                           const char *file,
                           const char *contents,
                           const char *names,
                           const char *expected,
                           const char *what)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *named = g_build_filename (dir, names, NULL);
  g_autoptr(GError) error = NULL;
  CgDataset *ds;

  if (contents == NULL)
    ck_assert_int_eq (g_remove (path), 0);
  else
    cg_test_write_file (dir, file, contents, -1);
  ds = cg_dataset_load (dir, split, 4, &error);
  if (ds != NULL)
    {
      cg_dataset_free (ds);
      ck_abort_msg ("%s: a dataset was returned", what);
    }
  ck_assert_msg (error != NULL, "%s: no error", what);
  ck_assert_msg (strstr (error->message, named) != NULL, "%s: “%s” does not name “%s”", what,
                 error->message, named);
  ck_assert_msg (strstr (error->message, expected) != NULL, "%s: “%s” does not say “%s”", what,
                 error->message, expected);
  if (contents != NULL)
    ck_assert_msg (g_error_matches (error, CG_ERROR, CG_ERROR_PARSE), "%s: %s %d: %s", what,
                   g_quark_to_string (error->domain), error->code, error->message);
}

char *
cg_test_real_data_dir (void)
{
  const char *candidates[] = { g_getenv ("CINEGAN_DATA_DIR"), g_getenv ("CG_TEST_SHARED_DATA") };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && *candidates[i] != '\0')
      {
        g_autofree char *item = g_build_filename (candidates[i], "u.item", NULL);

        if (g_file_test (item, G_FILE_TEST_IS_REGULAR))
          return g_strdup (candidates[i]);
      }
  return NULL;
}

#define ARRAYS_CLOSE_BODY                                                              \
  gsize worst = 0, n_bad = 0;                                                          \
  double worst_excess = 0.0, worst_diff = 0.0;                                         \
                                                                                       \
  for (gsize i = 0; i < n; i++)                                                        \
    {                                                                                  \
      double diff = fabs ((double) a[i] - (double) b[i]);                              \
      double allowed = atol + rtol * fabs ((double) b[i]);                             \
                                                                                       \
      if (!(diff <= allowed))                                                          \
        {                                                                              \
          n_bad++;                                                                     \
          if (isnan (diff) || diff - allowed > worst_excess)                           \
            {                                                                          \
              worst = i;                                                               \
              worst_excess = isnan (diff) ? INFINITY : diff - allowed;                 \
              worst_diff = diff;                                                       \
            }                                                                          \
        }                                                                              \
    }                                                                                  \
  if (n_bad == 0)                                                                      \
    return TRUE;                                                                       \
  fprintf (stderr, "%s: %zu of %zu values differ; worst at [%zu]: %.9g vs %.9g "       \
           "(|diff| %.3g, rtol %.1g, atol %.1g)\n  first values:",                     \
           what, n_bad, n, worst, (double) a[worst], (double) b[worst], worst_diff,    \
           rtol, atol);                                                                \
  for (gsize i = 0; i < MIN (n, 6); i++)                                               \
    fprintf (stderr, " %.6g/%.6g", (double) a[i], (double) b[i]);                      \
  fprintf (stderr, "\n");                                                              \
  return FALSE;

gboolean
cg_test_arrays_close (const char  *what,
                      const float *a,
                      const float *b,
                      gsize        n,
                      double       rtol,
                      double       atol)
{
  ARRAYS_CLOSE_BODY
}

gboolean
cg_test_arrays_close_d (const char   *what,
                        const double *a,
                        const double *b,
                        gsize         n,
                        double        rtol,
                        double        atol)
{
  ARRAYS_CLOSE_BODY
}

int
cg_test_run_suite (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}

void
cg_test_small_config (CgCganConfig *config)
{
  cg_cgan_config_init (config);
  config->embed_dim = 16;
  config->noise_dim = 4;
  config->hidden_dim = 32;
  config->batch_size = 64;
  config->learning_rate = 0.01;
  config->threads = 1;
  config->seed = 5;
}

CgCgan *
cg_test_train (const CgDataset    *dataset,
               const CgCganConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (dataset, config, &error);

  ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
  ck_assert_msg (cg_trainer_run (trainer, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
  return cg_trainer_steal_model (trainer);
}

char *
cg_test_run_command (const char *const *argv,
                     int                expect,
                     char             **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  char *out = NULL;
  int status;

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err_text, &status, &error),
                 "%s: %s", argv[0], error ? error->message : "");
  ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == expect,
                 "%s %s exited with %d, not %d: %s", argv[0], argv[1] ? argv[1] : "",
                 WIFEXITED (status) ? WEXITSTATUS (status) : -1, expect, err_text);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return out;
}

char *
cg_test_read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s",
                 error ? error->message : "");
  return text;
}
