/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-seeds.c: writes the fuzzer's seed corpus — small, valid .cgan files.
 *
 *   fuzz-seeds OUTDIR    writes OUTDIR/seed-*.cgan and loads each back (exit 1 if any fails)
 *
 * libFuzzer mutates what it is given, so the seeds cover every kind of content the loader
 * has a branch for: both user modes, with and without noise, with and without the "you"
 * user (in training or not), with an empty, a normal and an unmeasured (NaN) history. They
 * are tiny (a few users and items, embedding 2) so that they stay under the fuzzer's
 * -max_len and mutations land on structure rather than on weights.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "cg-model-file.h"

typedef struct
{
  const char          *name;
  CgUserEmbeddingMode  mode;
  guint                noise_dim;
  guint                n_history;
  gboolean             you;
  gboolean             you_trained;
} Seed;

static const Seed seeds[] = {
  { "history", CG_USER_EMBEDDING_HISTORY, 1, 2, FALSE, FALSE },
  { "history-untrained", CG_USER_EMBEDDING_HISTORY, 1, 0, FALSE, FALSE },
  { "history-no-noise", CG_USER_EMBEDDING_HISTORY, 0, 1, FALSE, FALSE },
  { "id", CG_USER_EMBEDDING_ID, 1, 3, FALSE, FALSE },
  { "id-you-trained", CG_USER_EMBEDDING_ID, 1, 2, TRUE, TRUE },
  { "history-you-later", CG_USER_EMBEDDING_HISTORY, 2, 1, TRUE, FALSE },
};

static gboolean
write_seed (const Seed      *seed,
            const CgDataset *plain,
            const char      *dir,
            GError         **error)
{
  const CgRating you[] = {
    { 900, plain->movie_ids[0], 5, 1 },
    { 900, plain->movie_ids[plain->n_items - 1], 2, 2 },
  };
  g_autoptr(CgDataset) with_you = NULL;
  const CgDataset *ds = plain;
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(CgModelFile) back = NULL;
  g_autofree char *file_name = g_strdup_printf ("seed-%s.cgan", seed->name);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  CgCganConfig config;

  if (seed->you_trained)
    {
      with_you = cg_dataset_with_extra_user (plain, you, G_N_ELEMENTS (you), error);
      if (with_you == NULL)
        return FALSE;
      ds = with_you;
    }

  cg_cgan_config_init (&config);
  config.embed_dim = 2;
  config.noise_dim = seed->noise_dim;
  config.hidden_dim = 3;
  config.user_mode = seed->mode;
  config.noise_draws = 2;
  config.threads = 1;
  config.epochs = MAX (seed->n_history, 1);
  model = cg_cgan_new (&config, ds->n_users, ds->n_items, error);
  if (model == NULL)
    return FALSE;
  for (guint e = 1; e <= seed->n_history; e++)
    {
      CgEpochRecord r = { e, 0.7 / e, 0.9 / e, 0.1 * e, 0.15 * e, 0.5, 0.01 * e };

      if (e == 2)
        r.recall = r.ndcg = r.hit_rate = NAN;
      cg_cgan_append_history (model, &r);
    }

  if (!cg_model_file_save (path, model, ds, seed->you ? you : NULL,
                           seed->you ? G_N_ELEMENTS (you) : 0, error))
    return FALSE;

  /* A seed the loader refuses would teach the fuzzer nothing. */
  back = cg_model_file_load (path, error);
  if (back == NULL || !cg_model_file_check_dataset (back, ds, error))
    return FALSE;
  printf ("%s\n", path);
  return TRUE;
}

/* Six users, five movies (IDs with gaps, so the maps are not the identity), three train
 * ratings and one test rating each; built in memory so the tool needs no Check. */
static CgDataset *
tiny_dataset (GError **error)
{
  static const char genres[] = "unknown|0\nAction|1\nComedy|2\n";
  static const guint32 movie_ids[] = { 1, 2, 3, 5, 8 };
  g_autoptr(GString) items = g_string_new (NULL);
  CgRating train[6 * 3], test[6];
  CgCatalog *catalog;

  for (guint i = 0; i < G_N_ELEMENTS (movie_ids); i++)
    g_string_append_printf (items, "%u|Movie %u (1990)|01-Jan-1990||http://example.invalid/|"
                            "0|%u|%u\n", movie_ids[i], i, i % 2, (i + 1) % 2);
  catalog = cg_catalog_parse (genres, sizeof genres - 1, "u.genre", items->str, items->len,
                              "u.item", error);
  if (catalog == NULL)
    return NULL;
  for (guint u = 0; u < 6; u++)
    {
      for (guint r = 0; r < 3; r++)
        train[3 * u + r] = (CgRating) { u + 1, movie_ids[(u + r) % 5], (guint8) (5 - r),
                                        880000000 + 10 * u + r };
      test[u] = (CgRating) { u + 1, movie_ids[(u + 3) % 5], 4, 880000009 + 10 * u };
    }
  return cg_dataset_new (catalog, "u1", CG_DEFAULT_THRESHOLD, train, G_N_ELEMENTS (train),
                         test, G_N_ELEMENTS (test), error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  if (g_mkdir_with_parents (argv[1], 0755) != 0)
    {
      fprintf (stderr, "fuzz-seeds: cannot create %s\n", argv[1]);
      return 1;
    }
  dataset = tiny_dataset (&error);
  if (dataset == NULL)
    {
      fprintf (stderr, "fuzz-seeds: %s\n", error->message);
      return 1;
    }

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    if (!write_seed (&seeds[s], dataset, argv[1], &error))
      {
        fprintf (stderr, "fuzz-seeds: %s: %s\n", seeds[s].name, error->message);
        return 1;
      }
  return 0;
}
