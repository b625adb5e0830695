/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-model-file.c: .cgan files round-trip exactly and refuse every kind of damage.
 *
 * A tiny model on a synthetic dataset is saved, loaded and compared bit for bit: tensors,
 * hyperparameters, history, ID maps, "you" ratings and the scores themselves. Then the
 * file is damaged in every way the loader must survive — truncated at every header offset
 * and many beyond, a bit flipped in every byte, and (with the checksum recomputed, so the
 * checks behind it are reached) shapes, sizes, names and values edited one at a time —
 * and each case must be a clean CG_ERROR naming the file. The sanitizer run of CI and a
 * valgrind run make "clean" mean no crash and no leak as well.
 *
 * The edits rebuild files from docs/model-format.md's description (header layout, payload
 * type, checksum coverage) rather than from the loader's code, so the document is tested
 * too.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-error.h"
#include "cg-model-file.h"
#include "cg-test-util.h"
#include "cg-trainer.h"

/* From docs/model-format.md, deliberately not from the loader. */
#define HEADER_SIZE  56
#define PAYLOAD_TYPE "(a{ss}a{ss}(suuayu)auaua(suuay)a(udddddd)a(uuyu))"
enum { P_METADATA, P_HYPER, P_FINGERPRINT, P_USERS, P_MOVIES, P_TENSORS, P_HISTORY, P_YOU };

#define YOU_ID 5000u
#define NOISE_SEED 1234

/* ---- fixture ---- */

static char *tmp_dir;
static CgDataset *dataset;

static CgDataset *
load_synthetic (const char *name,
                const char *split,
                guint       n_items,
                guint       threshold)
{
  g_autofree char *dir = g_build_filename (tmp_dir, name, NULL);
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  CgDataset *ds;

  g_mkdir (dir, 0700);
  cg_synthetic_spec_init (&spec);
  spec.split = split;
  spec.n_items = n_items;
  spec.seed = 3;
  cg_test_write_synthetic (dir, &spec);
  ds = cg_dataset_load (dir, split, threshold, &error);
  ck_assert_msg (ds != NULL, "synthetic dataset: %s", error ? error->message : "?");
  return ds;
}

static void
setup (void)
{
  tmp_dir = cg_test_make_temp_dir ();
  dataset = load_synthetic ("data", "u1", 40, 4);
}

static void
teardown (void)
{
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* A small model with every kind of weight perturbed from its initialisation, and a
 * history holding an unmeasured (NaN) epoch, which must survive as is. */
static CgCgan *
tiny_model (const CgDataset     *ds,
            CgUserEmbeddingMode  mode,
            guint64              seed)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;
  CgCgan *model;

  cg_cgan_config_init (&config);
  config.embed_dim = 4;
  config.noise_dim = 2;
  config.hidden_dim = 8;
  config.user_mode = mode;
  config.noise_draws = 3;
  config.threads = 1;
  config.seed = seed;
  config.learning_rate = 0.000123456789;  /* needs all 17 digits to read back */
  model = cg_cgan_new (&config, ds->n_users, ds->n_items, &error);
  ck_assert_msg (model != NULL, "cg_cgan_new: %s", error ? error->message : "?");

  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      guint rows, cols;
      float *w = cg_cgan_tensor (model, t, NULL, &rows, &cols);

      for (gsize k = 0; k < (gsize) rows * cols; k++)
        w[k] += 0.001f * (float) ((k * 7 + t) % 13);
    }
  for (guint e = 1; e <= 3; e++)
    {
      CgEpochRecord r = { e, 0.69 / e, 1.3 / e, 0.1 * e, 0.2 * e, 0.3 * e, 0.5 * e };

      if (e == 2)
        r.recall = r.ndcg = r.hit_rate = NAN;
      cg_cgan_append_history (model, &r);
    }
  return model;
}

static GBytes *
serialize (const CgCgan    *model,
           const CgDataset *ds,
           const CgRating  *you,
           gsize            n_you)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = cg_model_file_serialize (model, ds, you, n_you, &error);

  ck_assert_msg (bytes != NULL, "serialize: %s", error ? error->message : "?");
  return bytes;
}

static GBytes *
valid_bytes (void)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);

  return serialize (model, dataset, NULL, 0);
}

/* ---- comparing ---- */

static void
assert_same_model (CgCgan          *a,
                   CgCgan          *b,
                   const CgDataset *ds)
{
  const CgConfigField *fields;
  guint n_fields, na, nb;
  const CgEpochRecord *ha, *hb;
  gsize n_scores = (gsize) ds->n_users * ds->n_items;
  g_autofree float *sa = g_new (float, n_scores);
  g_autofree float *sb = g_new (float, n_scores);
  g_autofree guint32 *users = g_new (guint32, ds->n_users);

  fields = cg_cgan_config_fields (&n_fields);
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *va = cg_cgan_config_get (cg_cgan_get_config (a), fields[f].name);
      g_autofree char *vb = cg_cgan_config_get (cg_cgan_get_config (b), fields[f].name);

      ck_assert_msg (strcmp (va, vb) == 0, "%s: %s vs %s", fields[f].name, va, vb);
    }
  ck_assert (cg_cgan_get_config (a)->learning_rate == cg_cgan_get_config (b)->learning_rate);

  ck_assert_uint_eq (cg_cgan_n_tensors (a), cg_cgan_n_tensors (b));
  for (guint t = 0; t < cg_cgan_n_tensors (a); t++)
    {
      const char *name_a, *name_b;
      guint ra, ca, rb, cb;
      float *wa = cg_cgan_tensor (a, t, &name_a, &ra, &ca);
      float *wb = cg_cgan_tensor (b, t, &name_b, &rb, &cb);

      ck_assert_str_eq (name_a, name_b);
      ck_assert_uint_eq (ra, rb);
      ck_assert_uint_eq (ca, cb);
      ck_assert_msg (memcmp (wa, wb, (gsize) ra * ca * sizeof (float)) == 0,
                     "tensor %s differs", name_a);
    }

  ha = cg_cgan_get_history (a, &na);
  hb = cg_cgan_get_history (b, &nb);
  ck_assert_uint_eq (na, nb);
  for (guint i = 0; i < na; i++)
    {
      /* Field by field: the struct's padding is not part of the record. Bits, not values,
       * so that NaN (an unmeasured epoch) compares equal to itself. */
      const double da[] = { ha[i].loss_d, ha[i].loss_g, ha[i].recall, ha[i].ndcg,
                            ha[i].hit_rate, ha[i].seconds };
      const double db[] = { hb[i].loss_d, hb[i].loss_g, hb[i].recall, hb[i].ndcg,
                            hb[i].hit_rate, hb[i].seconds };

      ck_assert_uint_eq (ha[i].epoch, hb[i].epoch);
      ck_assert_msg (memcmp (da, db, sizeof da) == 0, "history record %u differs", i);
    }

  /* The point of it all: the same recommendations, to the bit. */
  for (guint u = 0; u < ds->n_users; u++)
    users[u] = u;
  cg_cgan_score_users (a, ds->train_pos, sa, users, ds->n_users, NOISE_SEED);
  cg_cgan_score_users (b, ds->train_pos, sb, users, ds->n_users, NOISE_SEED);
  ck_assert_msg (memcmp (sa, sb, n_scores * sizeof (float)) == 0, "scores differ");
}

/* Loads bytes expecting a failure of the given code whose message names the file and
 * contains want (when not NULL). */
static void
assert_load_fails (GBytes     *bytes,
                   CgError     code,
                   const char *want)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "edited.cgan", &error);

  ck_assert_msg (file == NULL, "a damaged file loaded (expected “%s”)", want ? want : "");
  ck_assert_msg (error != NULL, "no error set");
  ck_assert_msg (error->domain == CG_ERROR && error->code == (int) code,
                 "code %d, want %d: %s", error->code, code, error->message);
  ck_assert_msg (strstr (error->message, "edited.cgan") != NULL, "unnamed: %s",
                 error->message);
  ck_assert_msg (want == NULL || strstr (error->message, want) != NULL,
                 "message “%s” lacks “%s”", error->message, want);
}

/* ---- rebuilding files from the documented layout ---- */

static GVariant *
payload_of (GBytes *file)
{
  gsize len = g_bytes_get_size (file);
  g_autoptr(GBytes) payload = g_bytes_new_from_bytes (file, HEADER_SIZE, len - HEADER_SIZE);
  GVariant *v = g_variant_new_from_bytes (G_VARIANT_TYPE (PAYLOAD_TYPE), payload, FALSE);

  ck_assert (g_variant_is_normal_form (v));
  return g_variant_ref_sink (v);
}

static void
put_le32 (guint8 *p,
          guint32 v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

/* SHA-256 of header bytes 0..23 and the payload, into bytes 24..55. */
static void
rehash (guint8 *data,
        gsize   len)
{
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize n = 32;

  g_checksum_update (sum, data, 24);
  g_checksum_update (sum, data + HEADER_SIZE, len - HEADER_SIZE);
  g_checksum_get_digest (sum, data + 24, &n);
  g_checksum_free (sum);
}

/* A complete file around any serialised payload, with a correct checksum. */
static GBytes *
wrap_raw (const void *payload,
          gsize       len,
          guint32     version,
          guint32     flags)
{
  static const guint8 magic[8] = { 0x89, 'C', 'G', 'A', 'N', '\r', '\n', 0x1a };
  guint8 *data = g_malloc0 (HEADER_SIZE + len);

  memcpy (data, magic, 8);
  put_le32 (data + 8, version);
  put_le32 (data + 12, flags);
  put_le32 (data + 16, (guint32) len);
  put_le32 (data + 20, 0);
  if (len > 0)
    memcpy (data + HEADER_SIZE, payload, len);
  rehash (data, HEADER_SIZE + len);
  return g_bytes_new_take (data, HEADER_SIZE + len);
}

static GBytes *
wrap (GVariant *payload)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (payload);
  g_autoptr(GBytes) data = g_variant_get_data_as_bytes (owned);

  return wrap_raw (g_bytes_get_data (data, NULL), g_bytes_get_size (data), 1, 0);
}

/* The payload with child index replaced by value (floating, consumed). */
static GVariant *
with_child (GVariant *payload,
            guint     index,
            GVariant *value)
{
  GVariant *children[8];
  GVariant *result;

  g_variant_ref_sink (value);
  for (guint i = 0; i < 8; i++)
    children[i] = i == index ? g_variant_ref (value) : g_variant_get_child_value (payload, i);
  result = g_variant_new_tuple (children, 8);
  for (guint i = 0; i < 8; i++)
    g_variant_unref (children[i]);
  g_variant_unref (value);
  return result;
}

/* A valid file with child index replaced. */
static GBytes *
edited (guint     index,
        GVariant *value)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  g_autoptr(GVariant) payload = payload_of (valid);

  return wrap (with_child (payload, index, value));
}

/* Tensor i replaced by (name, rows, cols, data); name NULL keeps the name, data NULL the
 * bytes; drop removes it instead, duplicate appends a copy of it. */
static GBytes *
edited_tensor (guint       i,
               const char *name,
               guint       rows,
               guint       cols,
               GBytes     *data,
               gboolean    drop,
               gboolean    duplicate)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  g_autoptr(GVariant) payload = payload_of (valid);
  g_autoptr(GVariant) tensors = g_variant_get_child_value (payload, P_TENSORS);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(suuay)"));
  for (gsize t = 0; t < g_variant_n_children (tensors); t++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (tensors, t);
      const char *old_name;
      guint32 old_rows, old_cols;
      g_autoptr(GVariant) old_data = NULL;

      if (t != i)
        {
          g_variant_builder_add_value (&builder, child);
          continue;
        }
      if (drop)
        continue;
      if (duplicate)
        {
          g_variant_builder_add_value (&builder, child);
          g_variant_builder_add_value (&builder, child);
          continue;
        }
      g_variant_get (child, "(&suu@ay)", &old_name, &old_rows, &old_cols, &old_data);
      g_variant_builder_add (&builder, "(suu@ay)", name ? name : old_name, rows, cols,
                             data ? g_variant_new_from_bytes (G_VARIANT_TYPE ("ay"), data,
                                                              TRUE)
                                  : old_data);
    }
  return wrap (with_child (payload, P_TENSORS, g_variant_builder_end (&builder)));
}

/* The hyperparameters with key set to value (added when absent); value NULL removes it. */
static GVariant *
hyper_with (const char *key,
            const char *value,
            gboolean    twice)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  g_autoptr(GVariant) payload = payload_of (valid);
  g_autoptr(GVariant) dict = g_variant_get_child_value (payload, P_HYPER);
  GVariantBuilder builder;
  gboolean done = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (gsize i = 0; i < g_variant_n_children (dict); i++)
    {
      const char *k, *v;

      g_variant_get_child (dict, i, "{&s&s}", &k, &v);
      if (strcmp (k, key) == 0)
        {
          done = TRUE;
          if (value == NULL)
            continue;
          v = value;
          if (twice)
            g_variant_builder_add (&builder, "{ss}", k, v);
        }
      g_variant_builder_add (&builder, "{ss}", k, v);
    }
  if (!done && value != NULL)
    g_variant_builder_add (&builder, "{ss}", key, value);
  return g_variant_builder_end (&builder);
}

static GVariant *
fingerprint (const char *split,
             guint       threshold,
             guint       n_items,
             gboolean    bad_hash,
             guint       n_users)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  g_autoptr(GVariant) payload = payload_of (valid);
  g_autoptr(GVariant) fp = g_variant_get_child_value (payload, P_FINGERPRINT);
  g_autoptr(GVariant) hash = g_variant_get_child_value (fp, 3);
  gsize len;
  guint8 bytes[32];

  memcpy (bytes, g_variant_get_fixed_array (hash, &len, 1), 32);
  if (bad_hash)
    bytes[5] ^= 0x10;
  return g_variant_new ("(suu@ayu)", split, threshold, n_items,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes, 32, 1),
                        n_users);
}

/* ---- round trips ---- */

START_TEST (test_round_trip_history_mode)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);
  g_autofree char *path = g_build_filename (tmp_dir, "m.cgan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;

  ck_assert_msg (cg_model_file_save (path, model, dataset, NULL, 0, &error), "save: %s",
                 error ? error->message : "");
  file = cg_model_file_load (path, &error);
  ck_assert_msg (file != NULL, "load: %s", error ? error->message : "");

  ck_assert_uint_eq (file->version, CG_MODEL_FILE_VERSION);
  ck_assert_str_eq (file->writer, "Cinegan " PACKAGE_VERSION);
  ck_assert (file->created != NULL && strlen (file->created) >= 20);
  ck_assert_str_eq (file->split, "u1");
  ck_assert_uint_eq (file->threshold, 4);
  ck_assert_uint_eq (file->n_users, dataset->n_users);
  ck_assert_uint_eq (file->n_items, dataset->n_items);
  ck_assert (memcmp (file->user_ids, dataset->user_ids, dataset->n_users * 4) == 0);
  ck_assert (memcmp (file->movie_ids, dataset->movie_ids, dataset->n_items * 4) == 0);
  ck_assert (!file->has_you);
  ck_assert_uint_eq (file->n_you, 0);
  ck_assert (cg_model_file_check_dataset (file, dataset, &error));
  assert_same_model (model, file->model, dataset);

  /* Stealing leaves a file that still frees cleanly. */
  {
    g_autoptr(CgCgan) stolen = cg_model_file_steal_model (file);

    ck_assert (stolen != NULL && file->model == NULL);
  }
}
END_TEST

/* A model that really trained (Adam moments, both networks moved, measured history). */
START_TEST (test_round_trip_trained)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(CgCgan) fresh = NULL;
  g_autoptr(CgModelFile) file = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "trained.cgan", NULL);
  const CgEpochRecord *history;
  guint n_history;

  cg_cgan_config_init (&config);
  config.embed_dim = 8;
  config.noise_dim = 4;
  config.hidden_dim = 16;
  config.epochs = 3;
  config.batch_size = 64;
  config.threads = 1;
  config.learning_rate = 0.01;
  trainer = cg_trainer_new (dataset, &config, &error);
  ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
  ck_assert_msg (cg_trainer_run (trainer, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
  model = cg_trainer_steal_model (trainer);
  ck_assert (model != NULL);
  history = cg_cgan_get_history (model, &n_history);
  ck_assert_uint_eq (n_history, 3);
  ck_assert (history[2].epoch == 3 && history[2].ndcg >= 0.0 && history[2].ndcg <= 1.0);

  /* Training moved the weights away from the seed's initialisation: the file is not
   * merely reproducing cg_cgan_new. */
  fresh = cg_cgan_new (&config, dataset->n_users, dataset->n_items, NULL);
  {
    guint rows, cols;
    const float *a = cg_cgan_tensor (model, 2, NULL, &rows, &cols);
    const float *b = cg_cgan_tensor (fresh, 2, NULL, NULL, NULL);

    ck_assert (memcmp (a, b, (gsize) rows * cols * sizeof (float)) != 0);
  }

  ck_assert (cg_model_file_save (path, model, dataset, NULL, 0, &error));
  file = cg_model_file_load (path, &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  ck_assert (cg_model_file_check_dataset (file, dataset, &error));
  assert_same_model (model, file->model, dataset);
}
END_TEST

START_TEST (test_round_trip_id_mode_with_you)
{
  /* Unsorted on purpose: the file keeps them sorted by movie. */
  const CgRating you[] = {
    { YOU_ID, dataset->movie_ids[9], 5, 100 },
    { YOU_ID, dataset->movie_ids[2], 4, 101 },
    { YOU_ID, dataset->movie_ids[30], 1, 102 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds_you = cg_dataset_with_extra_user (dataset, you, 3, &error);
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CgModelFile) file = NULL;
  g_autoptr(CgDataset) matched = NULL;

  ck_assert_msg (ds_you != NULL, "%s", error ? error->message : "");
  model = tiny_model (ds_you, CG_USER_EMBEDDING_ID, 11);
  bytes = serialize (model, ds_you, you, 3);
  file = cg_model_file_load_bytes (bytes, "you.cgan", &error);
  ck_assert_msg (file != NULL, "load: %s", error ? error->message : "");

  ck_assert (file->has_you);
  ck_assert (file->you_in_training);
  ck_assert_uint_eq (file->you_user_id, YOU_ID);
  ck_assert_uint_eq (file->n_you, 3);
  ck_assert_uint_eq (file->you_ratings[0].movie_id, dataset->movie_ids[2]);
  ck_assert_uint_eq (file->you_ratings[0].rating, 4);
  ck_assert_uint_eq (file->you_ratings[0].timestamp, 101);
  ck_assert_uint_eq (file->you_ratings[1].movie_id, dataset->movie_ids[9]);
  ck_assert_uint_eq (file->you_ratings[2].movie_id, dataset->movie_ids[30]);
  ck_assert_uint_eq (file->you_ratings[2].rating, 1);
  ck_assert_uint_eq (file->n_users, dataset->n_users + 1);
  ck_assert (cg_model_file_check_dataset (file, ds_you, &error));
  assert_same_model (model, file->model, ds_you);

  /* The plain dataset lacks "you": strict check refuses, saying why... */
  ck_assert (!cg_model_file_check_dataset (file, dataset, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH));
  ck_assert_msg (strstr (error->message, "your own ratings") != NULL, "%s", error->message);
  ck_assert_msg (strstr (error->message, "you.cgan") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* ...and match_dataset rebuilds the training dataset from the file's ratings. */
  ck_assert (cg_model_file_match_dataset (file, dataset, &matched, &error));
  ck_assert (matched != NULL);
  ck_assert_uint_eq (matched->n_users, ds_you->n_users);
  ck_assert (memcmp (matched->user_ids, ds_you->user_ids, ds_you->n_users * 4) == 0);
  assert_same_model (model, file->model, matched);

  /* With the right dataset there is nothing to rebuild. */
  g_clear_pointer (&matched, cg_dataset_free);
  ck_assert (cg_model_file_match_dataset (file, ds_you, &matched, &error));
  ck_assert (matched == NULL);
}
END_TEST

START_TEST (test_you_not_in_training)
{
  /* Ratings made after training: saved, but the user map does not hold them. */
  const CgRating you[] = { { YOU_ID, dataset->movie_ids[0], 3, 1 } };
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 5);
  g_autoptr(GBytes) bytes = serialize (model, dataset, you, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "x.cgan", &error);
  g_autoptr(CgDataset) matched = NULL;

  ck_assert (file != NULL);
  ck_assert (file->has_you && !file->you_in_training);
  ck_assert (cg_model_file_match_dataset (file, dataset, &matched, &error));
  ck_assert (matched == NULL);
}
END_TEST

START_TEST (test_file_and_bytes_agree)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_ID, 9);
  g_autofree char *path = g_build_filename (tmp_dir, "same.cgan", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;

  ck_assert (cg_model_file_save (path, model, dataset, NULL, 0, &error));
  ck_assert (g_file_get_contents (path, &contents, &len, NULL));
  bytes = serialize (model, dataset, NULL, 0);
  ck_assert_uint_eq (len, g_bytes_get_size (bytes));
  /* Identical but for the checksum and the "created" time, which may have ticked. */
  ck_assert (memcmp (contents, g_bytes_get_data (bytes, NULL), 24) == 0);
}
END_TEST

/* ---- damage ---- */

START_TEST (test_truncated_everywhere)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  gsize len = g_bytes_get_size (valid);
  guint n_checked = 0;

  ck_assert_uint_gt (len, 2000);
  for (gsize cut = 0; cut < len; cut += cut < HEADER_SIZE + 64 ? 1 : 1 + len / 500)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (valid, 0, cut);

      assert_load_fails (part, CG_ERROR_FORMAT,
                         cut == 0 ? "empty" : "truncated");
      n_checked++;
    }
  ck_assert_uint_gt (n_checked, HEADER_SIZE + 64 + 400);
}
END_TEST

START_TEST (test_bit_flip_in_every_byte)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  gsize len = g_bytes_get_size (valid);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (valid, NULL), len);

  for (gsize i = 0; i < len; i++)
    {
      g_autoptr(GBytes) bytes = NULL;

      data[i] ^= 1u << (i % 8);
      bytes = g_bytes_new (data, len);
      if (i < 8)
        assert_load_fails (bytes, CG_ERROR_FORMAT, "not a Cinegan model file");
      else if (i < 12)
        assert_load_fails (bytes, CG_ERROR_VERSION, "version");
      else if (i < 16)
        assert_load_fails (bytes, CG_ERROR_FORMAT, "flags");
      else if (i < 24)
        assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
      else
        assert_load_fails (bytes, CG_ERROR_FORMAT, "checksum");
      data[i] ^= 1u << (i % 8);
    }
}
END_TEST

/* The same flips with the checksum made right again, so that everything behind it is
 * exercised: each either loads a usable model (the flip hit a weight, a time stamp, a
 * metric…) or is refused with a clean error. */
START_TEST (test_bit_flip_behind_checksum)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  gsize len = g_bytes_get_size (valid);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (valid, NULL), len);
  guint refused = 0, loaded = 0;
  guint32 users[4] = { 0, 1, 2, 3 };
  g_autofree float *scores = g_new (float, 4 * dataset->n_items);

  for (gsize i = HEADER_SIZE; i < len; i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CgModelFile) file = NULL;
      guint bit = (i * 5) % 8;

      data[i] ^= 1u << bit;
      rehash (data, len);
      bytes = g_bytes_new (data, len);
      file = cg_model_file_load_bytes (bytes, "flipped.cgan", &error);
      if (file == NULL)
        {
          ck_assert_msg (error != NULL && error->domain == CG_ERROR
                         && error->code == CG_ERROR_FORMAT, "byte %" G_GSIZE_FORMAT
                         ": %s", i, error ? error->message : "no error");
          ck_assert (strstr (error->message, "flipped.cgan") != NULL);
          refused++;
        }
      else
        {
          ck_assert (error == NULL);
          if (cg_model_file_check_dataset (file, dataset, NULL))
            cg_cgan_score_users (file->model, dataset->train_pos, scores, users, 4, 1);
          loaded++;
        }
      data[i] ^= 1u << bit;
    }
  /* Most of the file is weights, where a flip is still a valid (if different) model; the
   * structure around them must have caught a good share. */
  ck_assert_uint_gt (refused, 100);
  ck_assert_uint_gt (loaded, 100);
}
END_TEST

START_TEST (test_header_fields)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  gsize len = g_bytes_get_size (valid);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (valid, NULL), len);
  const char *text = "user\titem\trating\n1\t2\t3\n";
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_bytes_new_static (text, strlen (text));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "not a Cinegan model file");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Version 2 is refused as a version, before the checksum is even read. */
  put_le32 (data + 8, 2);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_VERSION, "version 2");
  g_clear_pointer (&bytes, g_bytes_unref);
  put_le32 (data + 8, 1);

  put_le32 (data + 12, 4);
  rehash (data, len);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "flags");
  g_clear_pointer (&bytes, g_bytes_unref);
  put_le32 (data + 12, 0);

  /* A length of 2^62: refused without allocating anything. */
  put_le32 (data + 16, 0);
  put_le32 (data + 20, 1u << 30);
  rehash (data, len);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "more than a model file may hold");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* One byte more than the file holds, one less. */
  put_le32 (data + 20, 0);
  put_le32 (data + 16, (guint32) (len - HEADER_SIZE + 1));
  rehash (data, len);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "truncated");
  g_clear_pointer (&bytes, g_bytes_unref);

  put_le32 (data + 16, (guint32) (len - HEADER_SIZE - 1));
  rehash (data, len);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "unexpected bytes");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Trailing garbage after an intact file. */
  {
    g_autofree guint8 *longer = g_malloc0 (len + 3);

    memcpy (longer, g_bytes_get_data (valid, NULL), len);
    bytes = g_bytes_new_take (g_steal_pointer (&longer), len + 3);
    assert_load_fails (bytes, CG_ERROR_FORMAT, "3 unexpected bytes");
  }
}
END_TEST

START_TEST (test_payload_of_another_type)
{
  g_autoptr(GVariant) other = g_variant_ref_sink (g_variant_new ("(sut)", "hello", 7, 9));
  g_autoptr(GBytes) bytes = NULL;
  guint8 zeros[300] = { 0 };
  guint8 ones[300];

  bytes = wrap_raw (g_variant_get_data (other), g_variant_get_size (other), 1, 0);
  assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = wrap_raw (NULL, 0, 1, 0);
  assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = wrap_raw (zeros, sizeof zeros, 1, 0);
  assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  memset (ones, 0xff, sizeof ones);
  bytes = wrap_raw (ones, sizeof ones, 1, 0);
  assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
}
END_TEST

START_TEST (test_shape_edits)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);
  guint w1 = 1, rows, cols;
  const char *name;

  cg_cgan_tensor (model, w1, &name, &rows, &cols);
  ck_assert_str_eq (name, "g.w1");

  /* A shape that disagrees with the bytes. */
  bytes = edited_tensor (w1, NULL, rows + 1, cols, NULL, FALSE, FALSE);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "claims shape");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited_tensor (w1, NULL, G_MAXUINT32, G_MAXUINT32, NULL, FALSE, FALSE);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "claims shape");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* rows × cols = 2^62 + 41708, so rows × cols × 4 wraps round to exactly the 166,832 bytes
   * given: a length check done by multiplying would pass and the finiteness scan would read
   * 2^62 floats past a 41,708-float buffer (ASan shows the overread). */
  {
    g_autofree guint8 *zeros = g_malloc0 (166832);
    g_autoptr(GBytes) data = g_bytes_new (zeros, 166832);

    bytes = edited_tensor (w1, NULL, 2147483648u + 46341u, 2147483648u - 46340u, data,
                           FALSE, FALSE);
    assert_load_fails (bytes, CG_ERROR_FORMAT, "claims shape");
    g_clear_pointer (&bytes, g_bytes_unref);
  }

  /* Consistent with the bytes, transposed against the hyperparameters. */
  bytes = edited_tensor (w1, NULL, cols, rows, NULL, FALSE, FALSE);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "for its hyperparameters");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited_tensor (w1, "g.w2", rows, cols, NULL, FALSE, FALSE);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "“g.w2”");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A tensor missing or repeated: the weight count gives it away before allocating. */
  bytes = edited_tensor (w1, NULL, 0, 0, NULL, TRUE, FALSE);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "weights");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited_tensor (w1, NULL, 0, 0, NULL, FALSE, TRUE);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "weights");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Hyperparameters that call for another model than the tensors hold. */
  bytes = edited (P_HYPER, hyper_with ("hidden-dim", "9", FALSE));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "weights");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* The largest model the settings allow (16384 hidden, 4096 embedding and noise): a
   * 20 KB file must not make the loader allocate it. */
  {
    g_autoptr(GVariant) h = g_variant_ref_sink (hyper_with ("hidden-dim", "16384", FALSE));
    g_autoptr(GBytes) valid = valid_bytes ();
    g_autoptr(GVariant) payload = payload_of (valid);
    g_autoptr(GVariant) p1 = g_variant_ref_sink (with_child (payload, P_HYPER, h));

    bytes = wrap (with_child (p1, P_HYPER, hyper_with ("embed-dim", "4096", FALSE)));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "weights");
    g_clear_pointer (&bytes, g_bytes_unref);
  }

  /* A user map of another length than the fingerprint says, and an absurd count. */
  bytes = edited (P_FINGERPRINT, fingerprint ("u1", 4, dataset->n_items, FALSE,
                                              dataset->n_users + 1));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "ID map");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited (P_FINGERPRINT, fingerprint ("u1", 4, G_MAXUINT32, FALSE, dataset->n_users));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "ID map");
  g_clear_pointer (&bytes, g_bytes_unref);
}
END_TEST

static GBytes *
tensor_with_value (guint       t,
                   gsize       k,
                   guint32     bits)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);
  guint rows, cols;
  const float *w = cg_cgan_tensor (model, t, NULL, &rows, &cols);
  gsize n = (gsize) rows * cols;
  g_autofree guint8 *raw = g_malloc (4 * n);
  g_autoptr(GBytes) data = NULL;

  for (gsize i = 0; i < n; i++)
    {
      guint32 b;

      memcpy (&b, &w[i], 4);
      put_le32 (raw + 4 * i, i == k ? bits : b);
    }
  data = g_bytes_new_take (g_steal_pointer (&raw), 4 * n);
  return edited_tensor (t, NULL, rows, cols, data, FALSE, FALSE);
}

START_TEST (test_non_finite_weights)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = tensor_with_value (3, 5, 0x7fc00000u);  /* NaN */
  assert_load_fails (bytes, CG_ERROR_FORMAT, "NaN or infinite");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = tensor_with_value (0, 0, 0xff800000u);  /* -Inf */
  assert_load_fails (bytes, CG_ERROR_FORMAT, "NaN or infinite");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* The largest finite float is fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CgModelFile) file = NULL;

    bytes = tensor_with_value (2, 1, 0x7f7fffffu);
    file = cg_model_file_load_bytes (bytes, "max.cgan", &error);
    ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  }
}
END_TEST

START_TEST (test_bad_hyperparameters)
{
  struct { const char *key, *value; gboolean twice; const char *want; } cases[] = {
    { "colour", "blue", FALSE, "unknown hyperparameter “colour”" },
    { "embed-dim", "4", TRUE, "appears twice" },
    { "embed-dim", "0", FALSE, "embed-dim" },
    { "user-mode", "telepathy", FALSE, "user-mode" },
    { "learning-rate", "nan", FALSE, "learning-rate" },
    { "learning-rate", "1e999", FALSE, "learning-rate" },
    { "epochs", "-1", FALSE, "epochs" },
    { "seed", "18446744073709551616", FALSE, "seed" },
    { "pretrain-epochs", "100000", FALSE, "pretrain-epochs" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GBytes) bytes =
        edited (P_HYPER, hyper_with (cases[c].key, cases[c].value, cases[c].twice));

      assert_load_fails (bytes, CG_ERROR_FORMAT, cases[c].want);
    }

  /* A terminal escape sequence in a key reaches no message. */
  {
    g_autoptr(GBytes) bytes = edited (P_HYPER, hyper_with ("\x1b[2Jevil", "1", FALSE));
    g_autoptr(GError) error = NULL;
    g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "esc\x1b.cgan", &error);

    ck_assert (file == NULL);
    ck_assert_msg (strchr (error->message, '\x1b') == NULL, "%s", error->message);
    ck_assert_msg (strstr (error->message, "\xef\xbf\xbd[2Jevil") != NULL, "%s",
                   error->message);
  }

  /* A setting the file does not mention is refused, not filled from today's default:
   * defaults change as the model is tuned, and the file must keep its meaning. */
  {
    g_autoptr(GBytes) bytes = edited (P_HYPER, hyper_with ("weight-decay", NULL, FALSE));

    assert_load_fails (bytes, CG_ERROR_FORMAT, "“weight-decay” is missing");
  }
}
END_TEST

START_TEST (test_metadata)
{
  GVariantBuilder builder;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;
  g_autofree char *long_value = g_strnfill (2000, 'x');

  /* Unknown keys are ignored, control characters replaced, absent keys give NULL. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "writer", "Other\x1b[1m 2.0\n");
  g_variant_builder_add (&builder, "{ss}", "comment", "from the future");
  bytes = edited (P_METADATA, g_variant_builder_end (&builder));
  file = cg_model_file_load_bytes (bytes, "meta.cgan", &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (file->writer, "Other\xef\xbf\xbd[1m 2.0\xef\xbf\xbd");
  ck_assert (file->created == NULL);
  g_clear_pointer (&file, cg_model_file_free);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "created", long_value);
  bytes = edited (P_METADATA, g_variant_builder_end (&builder));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "too long");
}
END_TEST

START_TEST (test_bad_dataset_fields)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint32 *ids = g_memdup2 (dataset->user_ids, dataset->n_users * 4);

  bytes = edited (P_FINGERPRINT, fingerprint ("u1", 4, dataset->n_items, TRUE,
                                              dataset->n_users));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "fingerprint");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited (P_FINGERPRINT, fingerprint ("u\x01", 4, dataset->n_items, FALSE,
                                              dataset->n_users));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "split name");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited (P_FINGERPRINT, fingerprint ("", 4, dataset->n_items, FALSE,
                                              dataset->n_users));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "split name");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = edited (P_FINGERPRINT, fingerprint ("u1", 9, dataset->n_items, FALSE,
                                              dataset->n_users));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "threshold");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Two users swapped: the map must ascend. */
  ids[3] = dataset->user_ids[4];
  ids[4] = dataset->user_ids[3];
  bytes = edited (P_USERS, g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, ids,
                                                       dataset->n_users, 4));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "ascending");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A repeated user. */
  ids[4] = ids[3];
  bytes = edited (P_USERS, g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, ids,
                                                       dataset->n_users, 4));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "ascending");
}
END_TEST

static GVariant *
history_of (const CgEpochRecord *records,
            guint                n)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(udddddd)"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&builder, "(udddddd)", records[i].epoch, records[i].loss_d,
                           records[i].loss_g, records[i].recall, records[i].ndcg,
                           records[i].hit_rate, records[i].seconds);
  return g_variant_builder_end (&builder);
}

START_TEST (test_bad_history)
{
  CgEpochRecord ok = { 1, 0.5, 0.6, 0.1, 0.2, 0.3, 1.0 };
  CgEpochRecord r[2];
  g_autoptr(GBytes) bytes = NULL;

  r[0] = ok;
  r[1] = ok;
  bytes = edited (P_HISTORY, history_of (r, 2));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "out of order");
  g_clear_pointer (&bytes, g_bytes_unref);

  r[1].epoch = 2;
  r[1].loss_g = INFINITY;
  bytes = edited (P_HISTORY, history_of (r, 2));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "impossible value");
  g_clear_pointer (&bytes, g_bytes_unref);

  r[1] = ok;
  r[1].epoch = 2;
  r[1].ndcg = 1.5;
  bytes = edited (P_HISTORY, history_of (r, 2));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "impossible value");
  g_clear_pointer (&bytes, g_bytes_unref);

  r[0].epoch = 0;
  bytes = edited (P_HISTORY, history_of (r, 1));
  assert_load_fails (bytes, CG_ERROR_FORMAT, "epoch 0");
}
END_TEST

static GVariant *
you_of (const CgRating *ratings,
        guint           n)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(uuyu)"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&builder, "(uuyu)", ratings[i].user_id, ratings[i].movie_id,
                           (guchar) ratings[i].rating, ratings[i].timestamp);
  return g_variant_builder_end (&builder);
}

START_TEST (test_bad_you_ratings)
{
  guint32 m0 = dataset->movie_ids[0], m1 = dataset->movie_ids[1];
  struct { CgRating r[2]; const char *want; } cases[] = {
    { { { YOU_ID, m0, 0, 0 }, { YOU_ID, m1, 4, 0 } }, "not 1–5" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID, m1, 6, 0 } }, "not 1–5" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID + 1, m1, 4, 0 } }, "two user IDs" },
    { { { YOU_ID, m1, 3, 0 }, { YOU_ID, m0, 4, 0 } }, "twice" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID, m0, 4, 0 } }, "twice" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID, 99999, 4, 0 } }, "not in the model's dataset" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GBytes) bytes = edited (P_YOU, you_of (cases[c].r, 2));

      assert_load_fails (bytes, CG_ERROR_FORMAT, cases[c].want);
    }
}
END_TEST

START_TEST (test_io_errors)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "nope.cgan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;

  file = cg_model_file_load (missing, &error);
  ck_assert (file == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "nope.cgan") != NULL, "%s", error->message);
  g_clear_error (&error);

  file = cg_model_file_load (tmp_dir, &error);
  ck_assert (file == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
}
END_TEST

/* ---- datasets ---- */

START_TEST (test_dataset_mismatch)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);
  g_autoptr(GBytes) bytes = serialize (model, dataset, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "u1-model.cgan", &error);
  g_autoptr(CgDataset) other_split = load_synthetic ("u2", "u2", 40, 4);
  g_autoptr(CgDataset) other_items = load_synthetic ("items", "u1", 41, 4);
  g_autoptr(CgDataset) other_threshold = load_synthetic ("t5", "u1", 40, 5);
  g_autoptr(CgDataset) matched = NULL;
  g_autofree char *described = NULL;

  ck_assert (file != NULL);
  described = cg_model_file_describe_dataset (file);
  ck_assert_msg (strstr (described, "split u1, threshold 4, 40 items") != NULL, "%s",
                 described);

  ck_assert (!cg_model_file_check_dataset (file, other_split, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH));
  ck_assert_msg (strstr (error->message, "u1-model.cgan") != NULL
                 && strstr (error->message, "different dataset") != NULL
                 && strstr (error->message, "model:   split u1") != NULL
                 && strstr (error->message, "dataset: split u2") != NULL,
                 "%s", error->message);
  g_clear_error (&error);

  ck_assert (!cg_model_file_check_dataset (file, other_items, &error));
  ck_assert_msg (strstr (error->message, "40 items") != NULL
                 && strstr (error->message, "41 items") != NULL, "%s", error->message);
  g_clear_error (&error);

  ck_assert (!cg_model_file_match_dataset (file, other_threshold, &matched, &error));
  ck_assert (matched == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH));
  ck_assert_msg (strstr (error->message, "threshold 5") != NULL, "%s", error->message);
}
END_TEST

/* ---- saving ---- */

static GBytes *
read_bytes (const char *path)
{
  char *contents;
  gsize len;

  ck_assert (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static guint
count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  return n;
}

START_TEST (test_save_failures_keep_old_file)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "saves", NULL);
  g_autofree char *path = g_build_filename (dir, "keep.cgan", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_dir, "no", "such", "dir.cgan", NULL);
  g_autoptr(CgCgan) a = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 1);
  g_autoptr(CgCgan) b = tiny_model (dataset, CG_USER_EMBEDDING_ID, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL, after = NULL;
  struct rlimit old_limit, small;
  void (*old_handler) (int);
  gboolean saved;

  g_mkdir (dir, 0700);
  ck_assert (cg_model_file_save (path, a, dataset, NULL, 0, &error));
  before = read_bytes (path);

  /* A folder that does not exist. */
  ck_assert (!cg_model_file_save (nowhere, b, dataset, NULL, 0, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "dir.cgan") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* The disk fills up halfway through writing: a file size limit makes write() fail
   * with EFBIG, as root too. The old file must be intact, with no temporary left. */
  ck_assert (getrlimit (RLIMIT_FSIZE, &old_limit) == 0);
  small = old_limit;
  small.rlim_cur = 1000;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  ck_assert (setrlimit (RLIMIT_FSIZE, &small) == 0);
  saved = cg_model_file_save (path, b, dataset, NULL, 0, &error);
  ck_assert (setrlimit (RLIMIT_FSIZE, &old_limit) == 0);
  signal (SIGXFSZ, old_handler);
  ck_assert (!saved);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "keep.cgan") != NULL, "%s", error->message);
  g_clear_error (&error);
  after = read_bytes (path);
  ck_assert (g_bytes_equal (before, after));
  ck_assert_uint_eq (count_entries (dir), 1);
  g_clear_pointer (&after, g_bytes_unref);

  /* A read-only folder (meaningless as root, who may write anyway). */
  if (geteuid () != 0)
    {
      ck_assert (g_chmod (dir, 0500) == 0);
      saved = cg_model_file_save (path, b, dataset, NULL, 0, &error);
      g_chmod (dir, 0700);
      ck_assert (!saved);
      ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
      g_clear_error (&error);
      after = read_bytes (path);
      ck_assert (g_bytes_equal (before, after));
      g_clear_pointer (&after, g_bytes_unref);
    }

  /* A diverged model is refused before anything is written. */
  {
    float *w = cg_cgan_tensor (b, 0, NULL, NULL, NULL);

    w[0] = NAN;
    ck_assert (!cg_model_file_save (path, b, dataset, NULL, 0, &error));
    ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
    ck_assert_msg (strstr (error->message, "not a finite number") != NULL, "%s",
                   error->message);
    g_clear_error (&error);
    after = read_bytes (path);
    ck_assert (g_bytes_equal (before, after));
  }

  /* A successful save replaces it. */
  g_clear_pointer (&after, g_bytes_unref);
  ck_assert (cg_model_file_save (path, a, dataset, NULL, 0, &error));
  ck_assert_uint_eq (count_entries (dir), 1);
}
END_TEST

START_TEST (test_serialize_refuses_bad_input)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);
  g_autoptr(CgDataset) other = load_synthetic ("items", "u1", 41, 4);
  guint32 m0 = dataset->movie_ids[0], m1 = dataset->movie_ids[1];
  struct { CgRating r[2]; const char *want; } cases[] = {
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID + 1, m1, 4, 0 } }, "two user IDs" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID, m0, 4, 0 } }, "twice" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID, m1, 9, 0 } }, "not 1–5" },
    { { { YOU_ID, m0, 3, 0 }, { YOU_ID, 99999, 4, 0 } }, "not in the dataset" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = cg_model_file_serialize (model, other, NULL, 0, &error);
  ck_assert (bytes == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH));
  g_clear_error (&error);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      bytes = cg_model_file_serialize (model, dataset, cases[c].r, 2, &error);
      ck_assert (bytes == NULL);
      ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
      ck_assert_msg (strstr (error->message, cases[c].want) != NULL, "%s", error->message);
      g_clear_error (&error);
    }
}
END_TEST

static Suite *
model_file_suite (void)
{
  Suite *suite = suite_create ("model-file");
  TCase *round = tcase_create ("round-trip");
  TCase *damage = tcase_create ("damage");
  TCase *save = tcase_create ("save");

  tcase_add_checked_fixture (round, setup, teardown);
  tcase_set_timeout (round, 60);
  tcase_add_test (round, test_round_trip_history_mode);
  tcase_add_test (round, test_round_trip_trained);
  tcase_add_test (round, test_round_trip_id_mode_with_you);
  tcase_add_test (round, test_you_not_in_training);
  tcase_add_test (round, test_file_and_bytes_agree);
  tcase_add_test (round, test_dataset_mismatch);
  suite_add_tcase (suite, round);

  tcase_add_checked_fixture (damage, setup, teardown);
  /* Thousands of loads each; slow only under valgrind. */
  tcase_set_timeout (damage, 600);
  tcase_add_test (damage, test_truncated_everywhere);
  tcase_add_test (damage, test_bit_flip_in_every_byte);
  tcase_add_test (damage, test_bit_flip_behind_checksum);
  tcase_add_test (damage, test_header_fields);
  tcase_add_test (damage, test_payload_of_another_type);
  tcase_add_test (damage, test_shape_edits);
  tcase_add_test (damage, test_non_finite_weights);
  tcase_add_test (damage, test_bad_hyperparameters);
  tcase_add_test (damage, test_metadata);
  tcase_add_test (damage, test_bad_dataset_fields);
  tcase_add_test (damage, test_bad_history);
  tcase_add_test (damage, test_bad_you_ratings);
  tcase_add_test (damage, test_io_errors);
  suite_add_tcase (suite, damage);

  tcase_add_checked_fixture (save, setup, teardown);
  tcase_set_timeout (save, 60);
  tcase_add_test (save, test_save_failures_keep_old_file);
  tcase_add_test (save, test_serialize_refuses_bad_input);
  suite_add_tcase (suite, save);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (model_file_suite ());
}
