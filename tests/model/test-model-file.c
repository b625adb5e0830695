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

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-epoch-fields.h"
#include "cg-error.h"
#include "cg-model-file.h"
#include "cg-test-util.h"
#include "cg-trainer.h"

/* From docs/model-format.md, deliberately not from the loader. */
#define HEADER_SIZE  56
#define VERSION      2
#define PAYLOAD_TYPE "(a{ss}a{ss}(sduayuay)(sa{ss})auaua(suuay)(asa(uad))a(uuyu))"
enum { P_METADATA, P_HYPER, P_FINGERPRINT, P_DATASET, P_USERS, P_MOVIES, P_TENSORS, P_HISTORY,
       P_YOU, N_CHILDREN };
#define HISTORY_COLUMNS "loss_d", "loss_g", "recall", "ndcg", "hit_rate", "seconds"
#define FIXTURES     CG_SOURCE_TESTS "/model/fixtures/v1"

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

  return wrap_raw (g_bytes_get_data (data, NULL), g_bytes_get_size (data), VERSION, 0);
}

/* The payload with child index replaced by value (floating, consumed). */
static GVariant *
with_child (GVariant *payload,
            guint     index,
            GVariant *value)
{
  GVariant *children[N_CHILDREN];
  GVariant *result;

  g_variant_ref_sink (value);
  for (guint i = 0; i < N_CHILDREN; i++)
    children[i] = i == index ? g_variant_ref (value) : g_variant_get_child_value (payload, i);
  result = g_variant_new_tuple (children, N_CHILDREN);
  for (guint i = 0; i < N_CHILDREN; i++)
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
             double      threshold,
             guint       n_items,
             gboolean    bad_hash,
             guint       n_users)
{
  g_autoptr(GBytes) valid = valid_bytes ();
  g_autoptr(GVariant) payload = payload_of (valid);
  g_autoptr(GVariant) fp = g_variant_get_child_value (payload, P_FINGERPRINT);
  g_autoptr(GVariant) hash = g_variant_get_child_value (fp, 3);
  g_autoptr(GVariant) digest = g_variant_get_child_value (fp, 5);
  gsize len;
  guint8 bytes[32];

  memcpy (bytes, g_variant_get_fixed_array (hash, &len, 1), 32);
  if (bad_hash)
    bytes[5] ^= 0x10;
  return g_variant_new ("(sdu@ayu@ay)", split, threshold, n_items,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes, 32, 1),
                        n_users, digest);
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

  /* Version 3 is refused as a version, before the checksum is even read; so is 0. */
  put_le32 (data + 8, 3);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_VERSION, "version 3");
  g_clear_pointer (&bytes, g_bytes_unref);
  put_le32 (data + 8, 0);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_VERSION, "version 0");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A version 2 payload labelled version 1 is read as version 1's type, and refused. */
  put_le32 (data + 8, 1);
  rehash (data, len);
  bytes = g_bytes_new (data, len);
  assert_load_fails (bytes, CG_ERROR_FORMAT, "malformed");
  g_clear_pointer (&bytes, g_bytes_unref);
  put_le32 (data + 8, VERSION);

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

  for (guint32 version = 1; version <= VERSION; version++)
    {
      bytes = wrap_raw (g_variant_get_data (other), g_variant_get_size (other), version, 0);
      assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
      g_clear_pointer (&bytes, g_bytes_unref);

      bytes = wrap_raw (NULL, 0, version, 0);
      assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
      g_clear_pointer (&bytes, g_bytes_unref);

      bytes = wrap_raw (zeros, sizeof zeros, version, 0);
      assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
      g_clear_pointer (&bytes, g_bytes_unref);

      memset (ones, 0xff, sizeof ones);
      bytes = wrap_raw (ones, sizeof ones, version, 0);
      assert_load_fails (bytes, CG_ERROR_FORMAT, NULL);
      g_clear_pointer (&bytes, g_bytes_unref);
    }
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

  {
    const double thresholds[] = { 9, 0, 4.25, 0.25, NAN, INFINITY, -4 };

    for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
      {
        bytes = edited (P_FINGERPRINT, fingerprint ("u1", thresholds[i], dataset->n_items,
                                                    FALSE, dataset->n_users));
        assert_load_fails (bytes, CG_ERROR_FORMAT, "threshold");
        g_clear_pointer (&bytes, g_bytes_unref);
      }
  }

  /* The train digest must be a SHA-256. */
  {
    g_autoptr(GBytes) valid = valid_bytes ();
    g_autoptr(GVariant) payload = payload_of (valid);
    g_autoptr(GVariant) fp = g_variant_get_child_value (payload, P_FINGERPRINT);
    g_autoptr(GVariant) hash = g_variant_get_child_value (fp, 3);
    guint8 short_digest[31] = { 0 };

    bytes = edited (P_FINGERPRINT,
                    g_variant_new ("(sdu@ayu@ay)", "u1", 4.0, dataset->n_items,
                                   hash, dataset->n_users,
                                   g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                              short_digest, 31, 1)));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "hashes");
    g_clear_pointer (&bytes, g_bytes_unref);
  }

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

/* A history with the given columns; values[i * n_columns + c] is record i's column c. */
static GVariant *
history_columns (const char *const *columns,
                 guint              n_columns,
                 const guint32     *epochs,
                 const double      *values,
                 guint              n)
{
  GVariantBuilder records;

  g_variant_builder_init (&records, G_VARIANT_TYPE ("a(uad)"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&records, "(u@ad)", epochs[i],
                           g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                      values + (gsize) i * n_columns,
                                                      n_columns, sizeof (double)));
  return g_variant_new ("(^as@a(uad))", columns, g_variant_builder_end (&records));
}

/* The six figures every version has, as version 2 columns. */
static GVariant *
history_of (const CgEpochRecord *records,
            guint                n)
{
  const char *columns[] = { HISTORY_COLUMNS, NULL };
  g_autofree guint32 *epochs = g_new (guint32, MAX (n, 1));
  g_autofree double *values = g_new (double, 6 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const double row[] = { records[i].loss_d, records[i].loss_g, records[i].recall,
                             records[i].ndcg, records[i].hit_rate, records[i].seconds };

      epochs[i] = records[i].epoch;
      memcpy (values + 6 * i, row, sizeof row);
    }
  return history_columns (columns, 6, epochs, values, n);
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
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Columns: a name twice, an unprintable name, a record with a value too few. */
  {
    const char *twice[] = { "loss_d", "loss_d", NULL };
    const char *unprintable[] = { "Loss D", NULL };
    const guint32 epochs[] = { 1 };
    const double values[] = { 0.5, 0.5 };

    bytes = edited (P_HISTORY, history_columns (twice, 2, epochs, values, 1));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "“loss_d” appears twice");
    g_clear_pointer (&bytes, g_bytes_unref);

    bytes = edited (P_HISTORY, history_columns (unprintable, 1, epochs, values, 1));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "unprintable name");
    g_clear_pointer (&bytes, g_bytes_unref);

    bytes = edited (P_HISTORY, history_columns (twice + 1, 1, epochs, values, 1));
    ck_assert (bytes != NULL);
    g_clear_pointer (&bytes, g_bytes_unref);
  }
  {
    g_autoptr(GBytes) valid = valid_bytes ();
    g_autoptr(GVariant) payload = payload_of (valid);
    const char *columns[] = { "loss_d", "loss_g", NULL };
    GVariantBuilder records;

    g_variant_builder_init (&records, G_VARIANT_TYPE ("a(uad)"));
    g_variant_builder_add (&records, "(u@ad)", 1,
                           g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                      (double[]) { 0.5 }, 1,
                                                      sizeof (double)));
    bytes = wrap (with_child (payload, P_HISTORY,
                              g_variant_new ("(^as@a(uad))", columns,
                                             g_variant_builder_end (&records))));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "1 values for 2 columns");
  }
}
END_TEST

/* History columns are named so that figures can come and go without a new format: a
 * column this build does not know (from a newer writer) is skipped, a known one the file
 * lacks reads as NaN. */
START_TEST (test_history_columns_come_and_go)
{
  const char *columns[] = { "ndcg", "d_accuracy_from_the_future", "loss_d", NULL };
  const guint32 epochs[] = { 1, 4 };
  const double values[] = { 0.25, 123.0, 0.75,
                            0.5, -1e300, NAN };
  g_autoptr(GBytes) bytes = edited (P_HISTORY, history_columns (columns, 3, epochs, values,
                                                                2));
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "future.cgan", &error);
  const CgEpochRecord *h;
  guint n;

  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  h = cg_cgan_get_history (file->model, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (h[0].epoch, 1);
  ck_assert_uint_eq (h[1].epoch, 4);
  ck_assert (h[0].ndcg == 0.25 && h[1].ndcg == 0.5);
  ck_assert (h[0].loss_d == 0.75 && isnan (h[1].loss_d));
  ck_assert (isnan (h[0].recall) && isnan (h[0].loss_g) && isnan (h[0].hit_rate)
             && isnan (h[0].seconds));

  /* Saved again, every field of this build is a column, the unknown one is gone. */
  {
    g_autoptr(GBytes) again = serialize (file->model, dataset, NULL, 0);
    g_autoptr(GVariant) payload = payload_of (again);
    g_autoptr(GVariant) history = g_variant_get_child_value (payload, P_HISTORY);
    g_autoptr(GVariant) names = g_variant_get_child_value (history, 0);
    g_autofree const char **saved = g_variant_get_strv (names, NULL);
    const char *expected[] = { HISTORY_COLUMNS, NULL };
    guint n_fields;

    cg_epoch_fields (&n_fields);
    ck_assert_uint_eq (g_strv_length ((char **) saved), n_fields);
    for (guint i = 0; expected[i] != NULL; i++)
      ck_assert_msg (g_strv_contains (saved, expected[i]), "no column %s", expected[i]);
    ck_assert (!g_strv_contains (saved, "d_accuracy_from_the_future"));
  }
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

/* A model trained on u1 must not evaluate quietly on a folder whose u1 files hold other
 * ratings of the same users and movies: the train digest tells them apart. */
START_TEST (test_train_digest_mismatch)
{
  g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);
  g_autoptr(GBytes) bytes = serialize (model, dataset, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "u1.cgan", &error);
  g_autoptr(CgDataset) same = NULL, relabelled = NULL;
  g_autofree CgRating *train = g_memdup2 (dataset->train,
                                          dataset->n_train * sizeof (CgRating));
  g_autofree char *ours = NULL;
  gsize pos = 0;

  ck_assert (file != NULL);
  ck_assert (file->has_train_digest);
  ck_assert (cg_model_file_check_dataset (file, dataset, &error));

  /* The same ratings in another order, with other timestamps: the same training data. */
  for (gsize r = 0; r < dataset->n_train; r++)
    {
      train[r] = dataset->train[dataset->n_train - 1 - r];
      train[r].timestamp += 7;
    }
  same = cg_dataset_new (cg_catalog_ref (dataset->catalog), "u1", 4, train,
                         dataset->n_train, dataset->test, dataset->n_test, &error);
  ck_assert_msg (same != NULL, "%s", error ? error->message : "");
  same->format = g_strdup (dataset->format);
  ck_assert_msg (cg_model_file_check_dataset (file, same, &error), "%s",
                 error ? error->message : "");

  /* One positive becomes a negative: same users, movies and counts, other data. */
  memcpy (train, dataset->train, dataset->n_train * sizeof (CgRating));
  while (train[pos].rating < 4)
    pos++;
  train[pos].rating = 2;
  relabelled = cg_dataset_new (cg_catalog_ref (dataset->catalog), "u1", 4, train,
                               dataset->n_train, dataset->test, dataset->n_test, &error);
  ck_assert (relabelled != NULL);
  relabelled->format = g_strdup (dataset->format);
  ck_assert (relabelled->n_users == dataset->n_users
             && relabelled->n_items == dataset->n_items);
  ck_assert (!cg_model_file_check_dataset (file, relabelled, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH));
  ours = cg_model_file_describe_dataset (file);
  ck_assert_msg (strstr (error->message, "train digest") != NULL
                 && strstr (error->message, ours) != NULL, "%s", error->message);
}
END_TEST

/* The format and the split's parameters are kept, sorted, and must match on use. */
START_TEST (test_dataset_source)
{
  g_autoptr(CgDataset) carved = cg_dataset_carve_validation (dataset, 0.25, 9);
  g_autoptr(CgCgan) model = tiny_model (carved, CG_USER_EMBEDDING_HISTORY, 7);
  g_autoptr(GBytes) bytes = serialize (model, carved, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "carved.cgan", &error);
  g_autoptr(CgDataset) other_seed = cg_dataset_carve_validation (dataset, 0.25, 10);
  g_autofree char *described = NULL;

  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (file->format, "ml-100k");
  ck_assert_str_eq (file->split, "u1-validation");
  ck_assert_uint_eq (g_strv_length (file->split_params), 2);
  ck_assert_str_eq (file->split_params[0], "validation-fraction=0.25");
  ck_assert_str_eq (file->split_params[1], "validation-seed=9");
  described = cg_model_file_describe_dataset (file);
  ck_assert_msg (strstr (described, "(ml-100k, validation-fraction=0.25, validation-seed=9)")
                 != NULL, "%s", described);
  ck_assert (cg_model_file_check_dataset (file, carved, &error));

  ck_assert (!cg_model_file_check_dataset (file, other_seed, &error));
  ck_assert_msg (strstr (error->message, "validation-seed=10") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* Another format of the same split is another dataset. */
  g_free (carved->format);
  carved->format = g_strdup ("ml-1m");
  ck_assert (!cg_model_file_check_dataset (file, carved, &error));
  g_clear_error (&error);

  /* What cannot be described is not saved. */
  g_free (carved->format);
  carved->format = g_strdup ("ml 1m");
  ck_assert (cg_model_file_serialize (model, carved, NULL, 0, &error) == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  g_clear_error (&error);
  g_free (carved->format);
  carved->format = NULL;
  g_free (carved->split_params[1]);
  carved->split_params[1] = g_strdup ("validation-fraction=0.5");
  ck_assert (cg_model_file_serialize (model, carved, NULL, 0, &error) == NULL);
  g_clear_error (&error);

  /* Edited files: a repeated parameter, an unprintable one, an unprintable format. */
  {
    GVariantBuilder params;

    g_variant_builder_init (&params, G_VARIANT_TYPE ("a{ss}"));
    g_variant_builder_add (&params, "{ss}", "seed", "1");
    g_variant_builder_add (&params, "{ss}", "seed", "2");
    g_clear_pointer (&bytes, g_bytes_unref);
    bytes = edited (P_DATASET, g_variant_new ("(s@a{ss})", "ml-100k",
                                              g_variant_builder_end (&params)));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "appears twice");
    g_clear_pointer (&bytes, g_bytes_unref);

    g_variant_builder_init (&params, G_VARIANT_TYPE ("a{ss}"));
    g_variant_builder_add (&params, "{ss}", "seed\x1b", "1");
    bytes = edited (P_DATASET, g_variant_new ("(s@a{ss})", "ml-100k",
                                              g_variant_builder_end (&params)));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "split parameter");
    g_clear_pointer (&bytes, g_bytes_unref);

    g_variant_builder_init (&params, G_VARIANT_TYPE ("a{ss}"));
    bytes = edited (P_DATASET, g_variant_new ("(s@a{ss})", "ml\n100k",
                                              g_variant_builder_end (&params)));
    assert_load_fails (bytes, CG_ERROR_FORMAT, "format name");
  }
}
END_TEST

/* ---- format 1 ---- */

/* Weight k of tensor t in the fixtures (tests/model/fixtures/v1/README.md). */
static float
fixture_weight (guint t,
                gsize k)
{
  return 0.01f * (float) ((k * 7 + t) % 13) - 0.06f;
}

/* Files written by the format-1 writer load, mean what they meant, and save as format 2
 * with the same scores. */
/* The fixtures' dataset, under the names a dataset folder has (the repository keeps it
 * under others, so that no file there looks like MovieLens data). */
static CgDataset *
load_fixture_dataset (void)
{
  const char *names[][2] = {
    { "synthetic.genre", "u.genre" }, { "synthetic.item", "u.item" },
    { "synthetic-u1.base", "u1.base" }, { "synthetic-u1.test", "u1.test" },
  };
  g_autofree char *dir = g_build_filename (tmp_dir, "fixture", NULL);
  g_autoptr(GError) error = NULL;
  CgDataset *ds;

  g_mkdir (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename (FIXTURES, names[i][0], NULL);
      g_autofree char *text = NULL;
      gsize len;

      ck_assert_msg (g_file_get_contents (from, &text, &len, &error), "%s",
                     error ? error->message : "");
      cg_test_write_file (dir, names[i][1], text, (gssize) len);
    }
  ds = cg_dataset_load (dir, "u1", 4, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  return ds;
}

START_TEST (test_reads_format_1)
{
  const char *names[] = { "history-v1.cgan", "id-you-trained-v1.cgan" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) plain = load_fixture_dataset ();

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *path = g_build_filename (FIXTURES, names[f], NULL);
      g_autoptr(CgModelFile) file = cg_model_file_load (path, &error);
      g_autoptr(CgModelFile) again = NULL;
      g_autoptr(CgDataset) with_you = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const CgDataset *ds;
      const CgCganConfig *config;
      const CgEpochRecord *h;
      guint n;

      ck_assert_msg (file != NULL, "%s: %s", names[f], error ? error->message : "");
      ck_assert_uint_eq (file->version, 1);
      ck_assert (!file->has_train_digest);
      ck_assert (file->format == NULL && file->split_params == NULL);
      ck_assert_str_eq (file->split, "u1");
      ck_assert (file->threshold == 4.0);
      config = cg_cgan_get_config (file->model);
      ck_assert_uint_eq (config->embed_dim, 2);
      ck_assert_uint_eq (config->hidden_dim, 3);
      ck_assert_uint_eq (config->seed, 77);
      ck_assert (config->learning_rate == 0.000123456789);
      ck_assert_uint_eq (config->user_mode, f == 0 ? CG_USER_EMBEDDING_HISTORY
                                                   : CG_USER_EMBEDDING_ID);
      for (guint t = 0; t < cg_cgan_n_tensors (file->model); t++)
        {
          guint rows, cols;
          const float *w = cg_cgan_tensor (file->model, t, NULL, &rows, &cols);

          for (gsize k = 0; k < (gsize) rows * cols; k++)
            ck_assert_msg (w[k] == fixture_weight (t, k), "tensor %u weight %" G_GSIZE_FORMAT,
                           t, k);
        }
      h = cg_cgan_get_history (file->model, &n);
      ck_assert_uint_eq (n, 3);
      for (guint e = 1; e <= 3; e++)
        {
          ck_assert_uint_eq (h[e - 1].epoch, e);
          ck_assert (h[e - 1].loss_d == 0.69 / e && h[e - 1].loss_g == 1.3 / e);
          ck_assert (h[e - 1].seconds == 0.5 * e);
          if (e == 2)
            ck_assert (isnan (h[1].recall) && isnan (h[1].ndcg) && isnan (h[1].hit_rate));
          else
            ck_assert (h[e - 1].recall == 0.1 * e && h[e - 1].ndcg == 0.2 * e
                       && h[e - 1].hit_rate == 0.3 * e);
        }
      ck_assert_uint_eq (file->n_you, 2);
      ck_assert_uint_eq (file->you_user_id, 900);
      ck_assert (file->you_in_training == (f == 1));
      ck_assert_uint_eq (file->you_ratings[0].rating, 5);
      ck_assert_uint_eq (file->you_ratings[1].timestamp, 1700000100);

      /* Its dataset is accepted as before: format 1 knew nothing of a train digest. */
      ck_assert_msg (cg_model_file_match_dataset (file, plain, &with_you, &error), "%s",
                     error ? error->message : "");
      ds = with_you != NULL ? with_you : plain;

      /* Saved again, it is a format 2 file of the same model. */
      bytes = serialize (file->model, ds, file->you_ratings, file->n_you);
      again = cg_model_file_load_bytes (bytes, "again.cgan", &error);
      ck_assert_msg (again != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (again->version, 2);
      ck_assert (again->has_train_digest);
      ck_assert (cg_model_file_check_dataset (again, ds, NULL));
      assert_same_model (file->model, again->model, ds);
    }
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

/* A FIFO named like a model: refused at once (it used to block the loader forever). */
START_TEST (test_fifo_is_refused)
{
  g_autofree char *fifo = g_build_filename (tmp_dir, "x.cgan", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;

  ck_assert (mkfifo (fifo, 0600) == 0);
  file = cg_model_file_load (fifo, &error);
  ck_assert (file == NULL);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "x.cgan") != NULL
                 && strstr (error->message, "FIFO") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* Nor is it saved over. */
  {
    g_autoptr(CgCgan) model = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 7);

    ck_assert (!cg_model_file_save (fifo, model, dataset, NULL, 0, &error));
    ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  }
}
END_TEST

/* Saving over a symbolic link writes its target, as editors do; the link stays. */
START_TEST (test_save_through_symlink)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "models", NULL);
  g_autofree char *target = g_build_filename (dir, "real.cgan", NULL);
  g_autofree char *link = g_build_filename (tmp_dir, "current.cgan", NULL);
  g_autoptr(CgCgan) a = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 1);
  g_autoptr(CgCgan) b = tiny_model (dataset, CG_USER_EMBEDDING_ID, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = NULL;
  struct stat st;

  g_mkdir (dir, 0700);
  ck_assert (cg_model_file_save (target, a, dataset, NULL, 0, &error));
  ck_assert (symlink (target, link) == 0);
  ck_assert (cg_model_file_save (link, b, dataset, NULL, 0, &error));
  ck_assert (g_lstat (link, &st) == 0 && S_ISLNK (st.st_mode));
  file = cg_model_file_load (target, &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (cg_cgan_get_config (file->model)->user_mode, CG_USER_EMBEDDING_ID);
  assert_same_model (b, file->model, dataset);
  ck_assert_uint_eq (count_entries (dir), 1);
}
END_TEST

/* A replaced model keeps its mode; a read-only one is refused unless the caller says the
 * person agreed, and stays read-only then. */
START_TEST (test_save_keeps_mode_and_read_only)
{
  g_autofree char *path = g_build_filename (tmp_dir, "m.cgan", NULL);
  g_autoptr(CgCgan) a = tiny_model (dataset, CG_USER_EMBEDDING_HISTORY, 1);
  g_autoptr(CgCgan) b = tiny_model (dataset, CG_USER_EMBEDDING_ID, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL, after = NULL;
  struct stat st;

  ck_assert (cg_model_file_save (path, a, dataset, NULL, 0, &error));
  ck_assert (g_stat (path, &st) == 0 && (st.st_mode & 07777) == 0644);
  ck_assert (g_chmod (path, 0600) == 0);
  ck_assert (cg_model_file_save (path, a, dataset, NULL, 0, &error));
  ck_assert (g_stat (path, &st) == 0 && (st.st_mode & 07777) == 0600);

  ck_assert (g_chmod (path, 0444) == 0);
  before = read_bytes (path);
  ck_assert (!cg_model_file_save (path, b, dataset, NULL, 0, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_READ_ONLY));
  ck_assert_msg (strstr (error->message, "m.cgan") != NULL
                 && strstr (error->message, "read-only") != NULL, "%s", error->message);
  g_clear_error (&error);
  after = read_bytes (path);
  ck_assert (g_bytes_equal (before, after));

  ck_assert (cg_model_file_save_full (path, b, dataset, NULL, 0, CG_FILE_REPLACE_READ_ONLY,
                                      &error));
  ck_assert (g_stat (path, &st) == 0 && (st.st_mode & 07777) == 0444);
  g_clear_pointer (&after, g_bytes_unref);
  after = read_bytes (path);
  ck_assert (!g_bytes_equal (before, after));
  g_chmod (path, 0644);
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
  tcase_add_test (round, test_train_digest_mismatch);
  tcase_add_test (round, test_dataset_source);
  tcase_add_test (round, test_reads_format_1);
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
  tcase_add_test (damage, test_history_columns_come_and_go);
  tcase_add_test (damage, test_bad_you_ratings);
  tcase_add_test (damage, test_io_errors);
  suite_add_tcase (suite, damage);

  tcase_add_checked_fixture (save, setup, teardown);
  tcase_set_timeout (save, 60);
  tcase_add_test (save, test_save_failures_keep_old_file);
  tcase_add_test (save, test_serialize_refuses_bad_input);
  tcase_add_test (save, test_fifo_is_refused);
  tcase_add_test (save, test_save_through_symlink);
  tcase_add_test (save, test_save_keeps_mode_and_read_only);
  suite_add_tcase (suite, save);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (model_file_suite ());
}
