/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-model-file.c: the .cgan model file — a fixed header around a GVariant payload.
 *
 * Layout (all integers little-endian; docs/model-format.md is the reference):
 *
 *   0   8  magic "\x89CGAN\r\n\x1a"
 *   8   4  format version (2; 1 is still read)
 *   12  4  flags, 0
 *   16  8  payload length
 *   24  32 SHA-256 of bytes 0..23 followed by the payload
 *   56  …  payload: one GVariant of PAYLOAD_TYPE in normal form, little-endian
 *
 * GVariant is the container because GLib already parses it defensively (every offset is
 * bounds-checked, g_variant_is_normal_form rejects anything non-canonical) and the type
 * string pins the structure, so this file only checks meanings: sizes, order, shapes,
 * values. The loader reads in this order and stops at the first problem: magic, header
 * size, version, flags, payload length against the file size, checksum, normal form,
 * then every field — before the model itself is allocated. Each version has its own type
 * string; both are taken apart into one Payload, so every check is written once.
 *
 * Tensors are stored as byte arrays of little-endian float32 because GVariant has no
 * float32 type and doubles would double the file for nothing.
 */
#define G_LOG_DOMAIN "cinegan-model-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-discriminator.h"
#include "cg-epoch-fields.h"
#include "cg-error.h"
#include "cg-file.h"
#include "cg-generator.h"
#include "cg-model-file.h"

/* ---- format constants ---- */

static const guint8 model_magic[8] = { 0x89, 'C', 'G', 'A', 'N', '\r', '\n', 0x1a };

#define OFFSET_VERSION  8
#define OFFSET_FLAGS    12
#define OFFSET_LENGTH   16
#define OFFSET_CHECKSUM 24
#define CHECKSUM_SIZE   32

/* Version 2: metadata, hyperparameters, fingerprint (split, threshold, n_items, item hash,
 * n_users, train digest), dataset (format, split parameters), user IDs, movie IDs, tensors
 * (name, rows, cols, float32 LE bytes), history (column names; per epoch: epoch, one value
 * per column), "you" ratings (user, movie, rating, timestamp). */
#define PAYLOAD_TYPE_V2 "(a{ss}a{ss}(sduayuay)(sa{ss})auaua(suuay)(asa(uad))a(uuyu))"

enum
{
  V2_METADATA,
  V2_HYPERPARAMETERS,
  V2_FINGERPRINT,
  V2_DATASET,
  V2_USER_IDS,
  V2_MOVIE_IDS,
  V2_TENSORS,
  V2_HISTORY,
  V2_YOU,
  V2_N_CHILDREN
};

/* Version 1: as version 2 without the train digest, the dataset's format and split
 * parameters, and with a history of six fixed figures per epoch (epoch, loss_d, loss_g,
 * recall, ndcg, hit_rate, seconds). */
#define PAYLOAD_TYPE_V1 "(a{ss}a{ss}(suuayu)auaua(suuay)a(udddddd)a(uuyu))"

enum
{
  V1_METADATA,
  V1_HYPERPARAMETERS,
  V1_FINGERPRINT,
  V1_USER_IDS,
  V1_MOVIE_IDS,
  V1_TENSORS,
  V1_HISTORY,
  V1_YOU,
  V1_N_CHILDREN
};

/* Bounds on strings and counts, far above anything a real file holds. */
#define MAX_METADATA     64
#define MAX_STRING       1024
#define MAX_SPLIT        64
#define MAX_TENSORS      64
#define MAX_TENSOR_NAME  64
#define MAX_SPLIT_PARAMS 64
#define MAX_COLUMNS      64
#define MAX_COLUMN_NAME  64

/* ---- small helpers ---- */

static void set_error (GError    **error,
                       CgError     code,
                       const char *name,
                       const char *format,
                       ...) G_GNUC_PRINTF (4, 5);

/* A copy of text (from a file, so possibly anything) that is valid UTF-8 without control
 * characters: a hostile file must not put terminal escape sequences into a message or into
 * what model-info prints. */
static char *
printable_copy (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xfffd : c);
    }
  return g_string_free (out, FALSE);
}

/* Every loader message reads "Cannot load “file”: what is wrong". */
static void
set_error (GError    **error,
           CgError     code,
           const char *name,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;
  g_autofree char *clean = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* Sanitised after formatting, so that file contents quoted anywhere are covered. */
  message = g_strdup_printf ("Cannot load “%s”: %s", name, what);
  clean = printable_copy (message);
  g_set_error_literal (error, CG_ERROR, code, clean);
}

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint64
read_le64 (const guint8 *p)
{
  return (guint64) read_le32 (p) | (guint64) read_le32 (p + 4) << 32;
}

static void
write_le32 (guint8 *p,
            guint32 v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static void
write_le64 (guint8 *p,
            guint64 v)
{
  write_le32 (p, (guint32) v);
  write_le32 (p + 4, (guint32) (v >> 32));
}

/* SHA-256 of bytes 0..23 of the header and the payload: everything but the sum itself. */
static void
file_checksum (guint8        out[CHECKSUM_SIZE],
               const guint8 *header,
               const guint8 *payload,
               gsize         payload_len)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = CHECKSUM_SIZE;

  g_checksum_update (checksum, header, OFFSET_CHECKSUM);
  if (payload_len > 0)
    g_checksum_update (checksum, payload, payload_len);
  g_checksum_get_digest (checksum, out, &len);
  g_assert (len == CHECKSUM_SIZE);
  g_checksum_free (checksum);
}

/* The dataset fingerprint's hash: SHA-256 of the raw movie IDs as little-endian uint32. */
static void
item_ids_hash (guint8         out[CHECKSUM_SIZE],
               const guint32 *movie_ids,
               guint          n_items)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = CHECKSUM_SIZE;
  guint8 buf[4 * 256];

  for (guint i = 0; i < n_items; i += 256)
    {
      guint n = MIN (256u, n_items - i);

      for (guint j = 0; j < n; j++)
        write_le32 (buf + 4 * j, movie_ids[i + j]);
      g_checksum_update (checksum, buf, 4 * n);
    }
  g_checksum_get_digest (checksum, out, &len);
  g_assert (len == CHECKSUM_SIZE);
  g_checksum_free (checksum);
}

static gboolean
ids_strictly_ascending (const guint32 *ids,
                        gsize          n)
{
  for (gsize i = 1; i < n; i++)
    if (ids[i] <= ids[i - 1])
      return FALSE;
  return TRUE;
}

static gboolean
ids_contain (const guint32 *ids,
             gsize          n,
             guint32        id)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (ids[mid] == id)
        return TRUE;
      if (ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* A float32's bit pattern is NaN or ±Inf when its exponent is all ones. Tested on bits so
 * that no compiler flag can fold the test away. */
static gboolean
float_bits_finite (guint32 bits)
{
  return (bits & 0x7f800000u) != 0x7f800000u;
}

/* Printable ASCII without spaces: what a split name may hold, so messages stay legible. */
static gboolean
split_name_valid (const char *split)
{
  gsize len = strlen (split);

  if (len == 0 || len > MAX_SPLIT)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (split[i]))
      return FALSE;
  return TRUE;
}

static int
compare_rating_movie (gconstpointer a,
                      gconstpointer b)
{
  const CgRating *ra = a, *rb = b;

  return (ra->movie_id > rb->movie_id) - (ra->movie_id < rb->movie_id);
}

/* The number of floats cg_cgan_new will allocate for these settings, computed without
 * allocating, by the networks themselves. A valid file holds exactly this many, so
 * comparing the two before cg_cgan_new keeps a small file from making the loader allocate
 * a huge model. */
static guint64
model_n_params (const CgCganConfig *config,
                guint               n_users,
                guint               n_items)
{
  CgGenDims gdims;
  CgDiscDims ddims;

  cg_gen_dims_from_config (&gdims, config, n_users, n_items);
  cg_disc_dims_from_config (&ddims, config, n_users, n_items);
  return (guint64) cg_generator_n_params (&gdims) + cg_discriminator_n_params (&ddims);
}

/* SHA-256 of the training data as a model sees it: for each user in index order, the raw
 * user ID and the number of movies rated in train (little-endian uint32), then for each of
 * them in ascending order the raw movie ID and one byte, 1 for a positive, 0 otherwise.
 * File order, timestamps and the values of ratings on the same side of the threshold
 * change nothing a model learns, so they leave the digest alone too; a rating moved to
 * another user or movie, added or dropped changes it. */
static void
train_digest (guint8           out[CHECKSUM_SIZE],
              const CgDataset *ds)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = CHECKSUM_SIZE;
  guint8 buf[4096];
  gsize fill = 0;

  for (guint u = 0; u < ds->n_users; u++)
    {
      const guint32 *rated = cg_user_items_row (ds->train_rated, u);
      const guint32 *pos = cg_user_items_row (ds->train_pos, u);
      guint n_rated = cg_user_items_count (ds->train_rated, u);
      guint n_pos = cg_user_items_count (ds->train_pos, u);
      guint j = 0;

      if (fill + 8 > sizeof buf)
        {
          g_checksum_update (checksum, buf, fill);
          fill = 0;
        }
      write_le32 (buf + fill, ds->user_ids[u]);
      write_le32 (buf + fill + 4, n_rated);
      fill += 8;
      for (guint k = 0; k < n_rated; k++)
        {
          /* Both rows are sorted and the positives are a subset of the rated. */
          gboolean positive = j < n_pos && pos[j] == rated[k];

          j += positive;
          if (fill + 5 > sizeof buf)
            {
              g_checksum_update (checksum, buf, fill);
              fill = 0;
            }
          write_le32 (buf + fill, ds->movie_ids[rated[k]]);
          buf[fill + 4] = positive;
          fill += 5;
        }
    }
  g_checksum_update (checksum, buf, fill);
  g_checksum_get_digest (checksum, out, &len);
  g_assert (len == CHECKSUM_SIZE);
  g_checksum_free (checksum);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The parameters sorted, so that two descriptions of one split compare and read alike
 * whatever order they were listed in; NULL for none. */
static char **
sorted_params (char *const *params)
{
  char **copy;
  guint n;

  if (params == NULL || params[0] == NULL)
    return NULL;
  copy = g_strdupv ((char **) params);
  n = g_strv_length (copy);
  qsort (copy, n, sizeof *copy, compare_strings);
  return copy;
}

/* What a dataset is, as the model file records it: enough to tell two apart in a message
 * and to check that a dataset is the one a model was trained on. */
typedef struct
{
  const char   *split;
  double        threshold;
  guint         n_items;
  const guint8 *item_hash;
  guint         n_users;
  const guint8 *train_digest;   /* NULL when not known (format 1) */
  const char   *format;         /* NULL when not known */
  char *const  *split_params;   /* sorted "key=value", or NULL */
} Fingerprint;

static char *
describe_fingerprint (const Fingerprint *fp)
{
  GString *out = g_string_new (NULL);
  const guint8 *h = fp->item_hash;

  g_string_append_printf (out, "split %s, threshold %g, %u items (item-ID hash "
                          "%02x%02x%02x%02x%02x%02x), %u users", fp->split, fp->threshold,
                          fp->n_items, h[0], h[1], h[2], h[3], h[4], h[5], fp->n_users);
  if (fp->train_digest != NULL)
    {
      const guint8 *d = fp->train_digest;

      g_string_append_printf (out, ", train digest %02x%02x%02x%02x%02x%02x",
                              d[0], d[1], d[2], d[3], d[4], d[5]);
    }
  if (fp->format != NULL || fp->split_params != NULL)
    {
      g_string_append (out, " (");
      if (fp->format != NULL)
        g_string_append (out, fp->format);
      for (guint i = 0; fp->split_params != NULL && fp->split_params[i] != NULL; i++)
        g_string_append_printf (out, "%s%s", i == 0 && fp->format == NULL ? "" : ", ",
                                fp->split_params[i]);
      g_string_append (out, ")");
    }
  return g_string_free (out, FALSE);
}

/* ---- saving ---- */

static gboolean
check_you_ratings (const CgRating  *you,
                   gsize            n_you,
                   const CgDataset *dataset,
                   GError         **error)
{
  g_autofree CgRating *sorted = NULL;

  if (n_you == 0)
    return TRUE;
  if (n_you > dataset->n_items)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "Cannot save the model: %" G_GSIZE_FORMAT " ratings of yours but only "
                   "%u movies", n_you, dataset->n_items);
      return FALSE;
    }
  for (gsize i = 0; i < n_you; i++)
    {
      if (you[i].user_id != you[0].user_id)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "Cannot save the model: your ratings carry two user IDs (%u and %u)",
                       you[0].user_id, you[i].user_id);
          return FALSE;
        }
      /* The file keeps your ratings as whole stars, the app's scale. */
      if (!(you[i].rating >= 1 && you[i].rating <= 5) || you[i].rating != floorf (you[i].rating))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "Cannot save the model: your rating of movie %u is %g, not 1–5",
                       you[i].movie_id, you[i].rating);
          return FALSE;
        }
      if (cg_dataset_item_index (dataset, you[i].movie_id) < 0)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "Cannot save the model: you rated movie %u, which is not in the "
                       "dataset", you[i].movie_id);
          return FALSE;
        }
    }
  sorted = g_memdup2 (you, n_you * sizeof *you);
  qsort (sorted, n_you, sizeof *sorted, compare_rating_movie);
  for (gsize i = 1; i < n_you; i++)
    if (sorted[i].movie_id == sorted[i - 1].movie_id)
      {
        g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                     "Cannot save the model: you rated movie %u twice", sorted[i].movie_id);
        return FALSE;
      }
  return TRUE;
}

static GVariant *
build_metadata (void)
{
  GVariantBuilder builder;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "writer", "Cinegan " PACKAGE_VERSION);
  g_variant_builder_add (&builder, "{ss}", "created", created);
  return g_variant_builder_end (&builder);
}

/* Every field of the table as text, so fields added later need no change here. */
static GVariant *
build_hyperparameters (const CgCganConfig *config)
{
  GVariantBuilder builder;
  const CgConfigField *fields;
  guint n_fields;

  fields = cg_cgan_config_fields (&n_fields);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = cg_cgan_config_get (config, fields[i].name);

      g_variant_builder_add (&builder, "{ss}", fields[i].name, value);
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
new_uint32_array (const guint32 *ids,
                  gsize          n)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, ids, n, sizeof (guint32));
}

/* The tensors as (name, rows, cols, float32 LE bytes); FALSE on a NaN or Inf weight. */
static GVariant *
build_tensors (CgCgan  *model,
               GError **error)
{
  GVariantBuilder builder;
  guint n = cg_cgan_n_tensors (model);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(suuay)"));
  for (guint t = 0; t < n; t++)
    {
      const char *name;
      guint rows, cols;
      const float *data = cg_cgan_tensor (model, t, &name, &rows, &cols);
      gsize count = (gsize) rows * cols;
      g_autofree guint8 *bytes = g_malloc (count * 4 + 1);

      for (gsize k = 0; k < count; k++)
        {
          guint32 bits;

          memcpy (&bits, &data[k], sizeof bits);
          if (!float_bits_finite (bits))
            {
              g_variant_builder_clear (&builder);
              g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                           "Cannot save the model: weight %" G_GSIZE_FORMAT " of tensor "
                           "“%s” is not a finite number (training diverged?)", k, name);
              return NULL;
            }
          write_le32 (bytes + 4 * k, bits);
        }
      g_variant_builder_add (&builder, "(suu@ay)", name, rows, cols,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes,
                                                        count * 4, 1));
    }
  return g_variant_builder_end (&builder);
}

/* Every field of the epoch table as a named column, so a figure added later is one more
 * column, which older builds skip, not a change of the format. */
static GVariant *
build_history (const CgCgan *model,
               GError      **error)
{
  GVariantBuilder names, records;
  guint n, n_fields;
  const CgEpochRecord *history = cg_cgan_get_history (model, &n);
  const CgEpochField *fields = cg_epoch_fields (&n_fields);
  g_autofree double *values = g_new (double, n_fields);

  g_variant_builder_init (&names, G_VARIANT_TYPE ("as"));
  for (guint f = 0; f < n_fields; f++)
    g_variant_builder_add (&names, "s", fields[f].name);
  g_variant_builder_init (&records, G_VARIANT_TYPE ("a(uad)"));
  for (guint i = 0; i < n; i++)
    {
      const CgEpochRecord *r = &history[i];

      if (r->epoch == 0 || (i > 0 && r->epoch <= history[i - 1].epoch)
          || !cg_epoch_record_valid (r))
        {
          g_variant_builder_clear (&names);
          g_variant_builder_clear (&records);
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "Cannot save the model: history record %u (epoch %u) is invalid",
                       i, r->epoch);
          return NULL;
        }
      for (guint f = 0; f < n_fields; f++)
        values[f] = cg_epoch_record_get (r, &fields[f]);
      g_variant_builder_add (&records, "(u@ad)", r->epoch,
                             g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values,
                                                        n_fields, sizeof (double)));
    }
  return g_variant_new ("(@as@a(uad))", g_variant_builder_end (&names),
                        g_variant_builder_end (&records));
}

/* Printable ASCII, 1 to max bytes: what names and values describing a dataset may hold. */
static gboolean
text_valid (const char *text,
            gsize       max,
            gboolean    spaces)
{
  gsize len = strlen (text);

  if (len == 0 || len > max)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (text[i]) && !(spaces && text[i] == ' '))
      return FALSE;
  return TRUE;
}

/* A threshold a file may hold: whole or half stars from 0.5 to 5, the scales of the
 * releases. Written so that NaN fails it. */
static gboolean
threshold_valid (double threshold)
{
  return threshold >= 0.5 && threshold <= 5.0 && 2.0 * threshold == floor (2.0 * threshold);
}

/* A split parameter: "key=value", the key a name, the value printable. */
static gboolean
split_param_valid (const char *param)
{
  const char *eq = strchr (param, '=');
  g_autofree char *key = NULL;

  if (eq == NULL || eq == param || eq[1] == '\0')
    return FALSE;
  key = g_strndup (param, eq - param);
  return text_valid (key, MAX_SPLIT, FALSE) && strchr (key, '=') == NULL
         && text_valid (eq + 1, MAX_STRING, TRUE);
}

/* The dataset's format and split parameters, each parameter given once. */
static gboolean
dataset_source_valid (const CgDataset *dataset)
{
  g_auto(GStrv) sorted = sorted_params (dataset->split_params);
  guint n = sorted != NULL ? g_strv_length (sorted) : 0;

  if (dataset->format != NULL && !text_valid (dataset->format, MAX_SPLIT, FALSE))
    return FALSE;
  if (n > MAX_SPLIT_PARAMS)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize key_len = strchr (sorted[i], '=') - sorted[i];

      if (!split_param_valid (sorted[i]))
        return FALSE;
      if (i > 0 && strncmp (sorted[i], sorted[i - 1], key_len + 1) == 0)
        return FALSE;
    }
  return TRUE;
}

static GVariant *
build_dataset (const CgDataset *dataset)
{
  GVariantBuilder params;
  g_auto(GStrv) sorted = sorted_params (dataset->split_params);

  g_variant_builder_init (&params, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; sorted != NULL && sorted[i] != NULL; i++)
    {
      const char *eq = strchr (sorted[i], '=');
      g_autofree char *key = g_strndup (sorted[i], eq - sorted[i]);

      g_variant_builder_add (&params, "{ss}", key, eq + 1);
    }
  return g_variant_new ("(s@a{ss})", dataset->format != NULL ? dataset->format : "",
                        g_variant_builder_end (&params));
}

static GVariant *
build_you (const CgRating *you,
           gsize           n_you)
{
  GVariantBuilder builder;
  g_autofree CgRating *sorted = n_you > 0 ? g_memdup2 (you, n_you * sizeof *you) : NULL;

  if (n_you > 0)
    qsort (sorted, n_you, sizeof *sorted, compare_rating_movie);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(uuyu)"));
  for (gsize i = 0; i < n_you; i++)
    g_variant_builder_add (&builder, "(uuyu)", sorted[i].user_id, sorted[i].movie_id,
                           (guchar) sorted[i].rating, sorted[i].timestamp);
  return g_variant_builder_end (&builder);
}

GBytes *
cg_model_file_serialize (const CgCgan    *model,
                         const CgDataset *dataset,
                         const CgRating  *you,
                         gsize            n_you,
                         GError         **error)
{
  /* cg_cgan_tensor hands out writable views; nothing below writes through them. */
  CgCgan *m = (CgCgan *) model;
  guint8 item_hash[CHECKSUM_SIZE], digest[CHECKSUM_SIZE];
  GVariant *tensors, *history, *fingerprint;
  g_autoptr(GVariant) payload = NULL;
  gsize payload_len;
  guint8 *buf;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (you != NULL || n_you == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cg_cgan_get_n_users (model) != dataset->n_users
      || cg_cgan_get_n_items (model) != dataset->n_items)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_MISMATCH,
                   "Cannot save the model: it has %u users and %u items but the dataset "
                   "(split %s) has %u and %u",
                   cg_cgan_get_n_users (model), cg_cgan_get_n_items (model),
                   dataset->split, dataset->n_users, dataset->n_items);
      return NULL;
    }
  if (dataset->n_users == 0 || dataset->n_users > CG_MODEL_FILE_MAX_USERS
      || dataset->n_items == 0 || dataset->n_items > CG_MODEL_FILE_MAX_ITEMS
      || !split_name_valid (dataset->split) || !threshold_valid (dataset->threshold)
      || !dataset_source_valid (dataset)
      || !ids_strictly_ascending (dataset->user_ids, dataset->n_users)
      || !ids_strictly_ascending (dataset->movie_ids, dataset->n_items))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "Cannot save the model: the dataset (split “%s”, %u users, %u items, "
                   "threshold %g) cannot be described in a model file",
                   dataset->split, dataset->n_users, dataset->n_items, dataset->threshold);
      return NULL;
    }
  if (!cg_cgan_config_validate (cg_cgan_get_config (model), &local_error))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, "Cannot save the model: %s",
                   local_error->message);
      return NULL;
    }
  if (!check_you_ratings (you, n_you, dataset, error))
    return NULL;

  tensors = build_tensors (m, error);
  if (tensors == NULL)
    return NULL;
  history = build_history (model, error);
  if (history == NULL)
    {
      g_variant_unref (g_variant_ref_sink (tensors));
      return NULL;
    }

  item_ids_hash (item_hash, dataset->movie_ids, dataset->n_items);
  train_digest (digest, dataset);
  fingerprint = g_variant_new ("(sdu@ayu@ay)", dataset->split, dataset->threshold,
                               dataset->n_items,
                               g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, item_hash,
                                                          CHECKSUM_SIZE, 1),
                               dataset->n_users,
                               g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, digest,
                                                          CHECKSUM_SIZE, 1));
  payload = g_variant_ref_sink (
    g_variant_new ("(@a{ss}@a{ss}@(sduayuay)@(sa{ss})@au@au@a(suuay)@(asa(uad))@a(uuyu))",
                   build_metadata (),
                   build_hyperparameters (cg_cgan_get_config (model)),
                   fingerprint,
                   build_dataset (dataset),
                   new_uint32_array (dataset->user_ids, dataset->n_users),
                   new_uint32_array (dataset->movie_ids, dataset->n_items),
                   tensors, history, build_you (you, n_you)));
  g_assert (g_variant_is_of_type (payload, G_VARIANT_TYPE (PAYLOAD_TYPE_V2)));

  /* The file is little-endian whatever the machine. */
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (payload);

      g_variant_unref (payload);
      payload = swapped;
    }

  payload_len = g_variant_get_size (payload);
  if (payload_len > CG_MODEL_FILE_MAX_PAYLOAD)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "Cannot save the model: it would take %" G_GSIZE_FORMAT " bytes, more "
                   "than a model file may hold", payload_len);
      return NULL;
    }
  buf = g_malloc (CG_MODEL_FILE_HEADER_SIZE + payload_len);
  memcpy (buf, model_magic, sizeof model_magic);
  write_le32 (buf + OFFSET_VERSION, CG_MODEL_FILE_VERSION);
  write_le32 (buf + OFFSET_FLAGS, 0);
  write_le64 (buf + OFFSET_LENGTH, payload_len);
  g_variant_store (payload, buf + CG_MODEL_FILE_HEADER_SIZE);
  file_checksum (buf + OFFSET_CHECKSUM, buf, buf + CG_MODEL_FILE_HEADER_SIZE, payload_len);

  return g_bytes_new_take (buf, CG_MODEL_FILE_HEADER_SIZE + payload_len);
}

gboolean
cg_model_file_save_full (const char         *path,
                         const CgCgan       *model,
                         const CgDataset    *dataset,
                         const CgRating     *you,
                         gsize               n_you,
                         CgFileReplaceFlags  flags,
                         GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = cg_model_file_serialize (model, dataset, you, n_you, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  if (!cg_file_replace (path, data, len, 0644, flags, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);
      int code = g_error_matches (local_error, CG_ERROR, CG_ERROR_READ_ONLY)
                 ? CG_ERROR_READ_ONLY : CG_ERROR_IO;

      g_set_error (error, CG_ERROR, code, "Cannot save the model to “%s”: %s", display,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cg_model_file_save (const char      *path,
                    const CgCgan    *model,
                    const CgDataset *dataset,
                    const CgRating  *you,
                    gsize            n_you,
                    GError         **error)
{
  return cg_model_file_save_full (path, model, dataset, you, n_you, CG_FILE_REPLACE_DEFAULT,
                                  error);
}

/* ---- loading ---- */

/* Metadata is informational: unknown keys are skipped, strings are bounded. */
static gboolean
parse_metadata (GVariant    *dict,
                CgModelFile *file,
                const char  *name,
                GError     **error)
{
  gsize n = g_variant_n_children (dict);

  if (n > MAX_METADATA)
    {
      set_error (error, CG_ERROR_FORMAT, name, "it has %" G_GSIZE_FORMAT " metadata "
                 "entries (at most %u expected)", n, MAX_METADATA);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      const char *key, *value;

      g_variant_get_child (dict, i, "{&s&s}", &key, &value);
      if (strlen (key) > MAX_STRING || strlen (value) > MAX_STRING)
        {
          set_error (error, CG_ERROR_FORMAT, name, "metadata entry %" G_GSIZE_FORMAT
                     " is too long", i);
          return FALSE;
        }
      if (strcmp (key, "writer") == 0 && file->writer == NULL)
        file->writer = printable_copy (value);
      else if (strcmp (key, "created") == 0 && file->created == NULL)
        file->created = printable_copy (value);
    }
  return TRUE;
}

/* Every setting must be there, known, once, with a valid value. A missing one is refused
 * rather than filled from today's default: defaults move as the model is tuned, and a file
 * must mean what it meant when it was written. The exception is a setting added after
 * the file was written: its field names the value that behaves as models did before it
 * existed (legacy_value), and the file is read with that. */
static gboolean
parse_hyperparameters (GVariant     *dict,
                       CgCganConfig *config,
                       const char   *name,
                       GError      **error)
{
  const CgConfigField *fields;
  guint n_fields;
  gsize n = g_variant_n_children (dict);
  g_autofree gboolean *seen = NULL;
  g_autoptr(GError) local_error = NULL;

  fields = cg_cgan_config_fields (&n_fields);
  cg_cgan_config_init (config);
  /* No count check needed: past n_fields entries one must be unknown or repeated, which
   * stops the loop. */
  seen = g_new0 (gboolean, n_fields);
  for (gsize i = 0; i < n; i++)
    {
      const char *key, *value;
      guint f;

      g_variant_get_child (dict, i, "{&s&s}", &key, &value);
      for (f = 0; f < n_fields; f++)
        if (strcmp (fields[f].name, key) == 0)
          break;
      if (f == n_fields)
        {
          g_autofree char *shown = g_utf8_substring (key, 0, MIN (g_utf8_strlen (key, -1),
                                                                   MAX_TENSOR_NAME));

          set_error (error, CG_ERROR_FORMAT, name, "unknown hyperparameter “%s” (was the "
                     "file written by a newer Cinegan?)", shown);
          return FALSE;
        }
      if (seen[f])
        {
          set_error (error, CG_ERROR_FORMAT, name, "hyperparameter “%s” appears twice", key);
          return FALSE;
        }
      seen[f] = TRUE;
      if (strlen (value) > MAX_TENSOR_NAME
          || !cg_cgan_config_set (config, key, value, &local_error))
        {
          set_error (error, CG_ERROR_FORMAT, name, "hyperparameter %s: %s", key,
                     local_error != NULL ? local_error->message : "value too long");
          return FALSE;
        }
    }
  for (guint f = 0; f < n_fields; f++)
    if (!seen[f])
      {
        if (fields[f].legacy_value != NULL
            && cg_cgan_config_set (config, fields[f].name, fields[f].legacy_value, NULL))
          continue;
        set_error (error, CG_ERROR_FORMAT, name, "hyperparameter “%s” is missing",
                   fields[f].name);
        return FALSE;
      }
  if (!cg_cgan_config_validate (config, &local_error))
    {
      set_error (error, CG_ERROR_FORMAT, name, "hyperparameters: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_id_map (GVariant      *array,
              const char    *what,
              guint          expected,
              guint          max,
              const guint32 **ids_out,
              const char    *name,
              GError       **error)
{
  gsize n;
  const guint32 *ids = g_variant_get_fixed_array (array, &n, sizeof (guint32));

  if (n != expected)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the %s ID map has %" G_GSIZE_FORMAT
                 " entries but the dataset fingerprint says %u", what, n, expected);
      return FALSE;
    }
  if (n == 0 || n > max)
    {
      set_error (error, CG_ERROR_FORMAT, name, "%" G_GSIZE_FORMAT " %ss is not a plausible "
                 "count (1 to %u)", n, what, max);
      return FALSE;
    }
  if (!ids_strictly_ascending (ids, n))
    {
      set_error (error, CG_ERROR_FORMAT, name, "the %s IDs are not in strictly ascending "
                 "order", what);
      return FALSE;
    }
  *ids_out = ids;
  return TRUE;
}

/* A tensor as the file holds it, pointing into the payload. */
typedef struct
{
  const char   *name;
  guint32       rows, cols;
  const guint8 *data;  /* rows × cols float32 LE */
} FileTensor;

static gboolean
parse_tensors (GVariant    *array,
               GVariant   **children,
               FileTensor  *tensors,
               gsize       *n_out,
               guint64     *total_out,
               const char  *name,
               GError     **error)
{
  gsize n = g_variant_n_children (array);
  guint64 total = 0;

  if (n == 0 || n > MAX_TENSORS)
    {
      set_error (error, CG_ERROR_FORMAT, name, "it holds %" G_GSIZE_FORMAT " tensors "
                 "(1 to %u expected)", n, MAX_TENSORS);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      FileTensor *t = &tensors[i];
      GVariant *bytes;
      gsize len;
      guint64 count;

      children[i] = g_variant_get_child_value (array, i);
      g_variant_get_child (children[i], 0, "&s", &t->name);
      g_variant_get_child (children[i], 1, "u", &t->rows);
      g_variant_get_child (children[i], 2, "u", &t->cols);
      if (strlen (t->name) == 0 || strlen (t->name) > MAX_TENSOR_NAME)
        {
          set_error (error, CG_ERROR_FORMAT, name, "tensor %" G_GSIZE_FORMAT " has an "
                     "empty or overlong name", i);
          return FALSE;
        }
      bytes = g_variant_get_child_value (children[i], 3);
      t->data = g_variant_get_fixed_array (bytes, &len, 1);
      /* children[i] keeps the payload alive, so the pointer outlives this reference. */
      g_variant_unref (bytes);
      count = (guint64) t->rows * t->cols;
      /* Compare with len / 4, never count * 4: two 32-bit dimensions multiply to up to
       * 2^64 - 2^33, and times 4 that wraps round to a small, matching length. */
      if (count == 0 || len % 4 != 0 || count != len / 4)
        {
          set_error (error, CG_ERROR_FORMAT, name, "tensor “%s” claims shape %u × %u but "
                     "holds %" G_GSIZE_FORMAT " bytes", t->name, t->rows, t->cols, len);
          return FALSE;
        }
      for (guint64 k = 0; k < count; k++)
        if (!float_bits_finite (read_le32 (t->data + 4 * k)))
          {
            set_error (error, CG_ERROR_FORMAT, name, "tensor “%s” holds a NaN or infinite "
                       "weight at row %u, column %u", t->name, (guint) (k / t->cols),
                       (guint) (k % t->cols));
            return FALSE;
          }
      total += count;
    }
  *n_out = n;
  *total_out = total;
  return TRUE;
}

static gboolean
history_count_valid (gsize       n,
                     const char *name,
                     GError    **error)
{
  if (n > CG_MODEL_FILE_MAX_HISTORY)
    {
      set_error (error, CG_ERROR_FORMAT, name, "its history has %" G_GSIZE_FORMAT
                 " epochs (at most %u expected)", n, CG_MODEL_FILE_MAX_HISTORY);
      return FALSE;
    }
  return TRUE;
}

static gboolean
history_record_valid (const CgEpochRecord *records,
                      gsize                i,
                      const char          *name,
                      GError             **error)
{
  const CgEpochRecord *r = &records[i];

  if (r->epoch == 0 || (i > 0 && r->epoch <= records[i - 1].epoch))
    {
      set_error (error, CG_ERROR_FORMAT, name, "history record %" G_GSIZE_FORMAT
                 " has epoch %u, out of order", i, r->epoch);
      return FALSE;
    }
  if (!cg_epoch_record_valid (r))
    {
      set_error (error, CG_ERROR_FORMAT, name, "history record of epoch %u holds an "
                 "impossible value", r->epoch);
      return FALSE;
    }
  return TRUE;
}

/* Version 1: six fixed figures per epoch; the fields added since read as NaN. */
static gboolean
parse_history_v1 (GVariant       *array,
                  CgEpochRecord **records_out,
                  guint          *n_out,
                  const char     *name,
                  GError        **error)
{
  gsize n = g_variant_n_children (array);
  g_autofree CgEpochRecord *records = NULL;

  if (!history_count_valid (n, name, error))
    return FALSE;
  records = g_new0 (CgEpochRecord, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      CgEpochRecord *r = &records[i];

      cg_epoch_record_init (r);
      g_variant_get_child (array, i, "(udddddd)", &r->epoch, &r->loss_d, &r->loss_g,
                           &r->recall, &r->ndcg, &r->hit_rate, &r->seconds);
      if (!history_record_valid (records, i, name, error))
        return FALSE;
    }
  *records_out = g_steal_pointer (&records);
  *n_out = n;
  return TRUE;
}

/* A column name: what the epoch table's names are made of, so messages stay legible. */
static gboolean
column_name_valid (const char *column)
{
  gsize len = strlen (column);

  if (len == 0 || len > MAX_COLUMN_NAME)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (column[i]) && !g_ascii_isdigit (column[i]) && column[i] != '_')
      return FALSE;
  return TRUE;
}

/* Version 2: named columns. A column this build has no field for (written by a newer one)
 * is skipped; a field the file has no column for reads as NaN, not measured. */
static gboolean
parse_history_v2 (GVariant       *history,
                  CgEpochRecord **records_out,
                  guint          *n_out,
                  const char     *name,
                  GError        **error)
{
  g_autoptr(GVariant) names = g_variant_get_child_value (history, 0);
  g_autoptr(GVariant) array = g_variant_get_child_value (history, 1);
  gsize n_columns = g_variant_n_children (names);
  gsize n = g_variant_n_children (array);
  const CgEpochField *columns[MAX_COLUMNS];
  const char *column_names[MAX_COLUMNS];
  g_autofree CgEpochRecord *records = NULL;

  if (n_columns > MAX_COLUMNS)
    {
      set_error (error, CG_ERROR_FORMAT, name, "its history has %" G_GSIZE_FORMAT
                 " columns (at most %u expected)", n_columns, MAX_COLUMNS);
      return FALSE;
    }
  for (gsize c = 0; c < n_columns; c++)
    {
      g_variant_get_child (names, c, "&s", &column_names[c]);
      if (!column_name_valid (column_names[c]))
        {
          set_error (error, CG_ERROR_FORMAT, name, "history column %" G_GSIZE_FORMAT " has "
                     "an empty, overlong or unprintable name", c);
          return FALSE;
        }
      for (gsize d = 0; d < c; d++)
        if (strcmp (column_names[c], column_names[d]) == 0)
          {
            set_error (error, CG_ERROR_FORMAT, name, "history column “%s” appears twice",
                       column_names[c]);
            return FALSE;
          }
      columns[c] = cg_epoch_field_find (column_names[c]);
    }

  if (!history_count_valid (n, name, error))
    return FALSE;
  records = g_new0 (CgEpochRecord, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      CgEpochRecord *r = &records[i];
      g_autoptr(GVariant) values_variant = NULL;
      const double *values;
      gsize n_values;

      cg_epoch_record_init (r);
      g_variant_get_child (array, i, "(u@ad)", &r->epoch, &values_variant);
      values = g_variant_get_fixed_array (values_variant, &n_values, sizeof (double));
      if (n_values != n_columns)
        {
          set_error (error, CG_ERROR_FORMAT, name, "history record %" G_GSIZE_FORMAT
                     " has %" G_GSIZE_FORMAT " values for %" G_GSIZE_FORMAT " columns",
                     i, n_values, n_columns);
          return FALSE;
        }
      for (gsize c = 0; c < n_columns; c++)
        if (columns[c] != NULL)
          cg_epoch_record_set (r, columns[c], values[c]);
      if (!history_record_valid (records, i, name, error))
        return FALSE;
    }
  *records_out = g_steal_pointer (&records);
  *n_out = n;
  return TRUE;
}

static gboolean
parse_you (GVariant      *array,
           const guint32 *movie_ids,
           guint          n_items,
           CgRating     **ratings_out,
           gsize         *n_out,
           const char    *name,
           GError       **error)
{
  gsize n = g_variant_n_children (array);
  g_autofree CgRating *ratings = NULL;

  if (n > n_items)
    {
      set_error (error, CG_ERROR_FORMAT, name, "it holds %" G_GSIZE_FORMAT " ratings of "
                 "yours for %u movies", n, n_items);
      return FALSE;
    }
  ratings = g_new0 (CgRating, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      CgRating *r = &ratings[i];
      guint8 stars;

      g_variant_get_child (array, i, "(uuyu)", &r->user_id, &r->movie_id, &stars,
                           &r->timestamp);
      r->rating = stars;
      if (r->user_id != ratings[0].user_id)
        {
          set_error (error, CG_ERROR_FORMAT, name, "your ratings carry two user IDs "
                     "(%u and %u)", ratings[0].user_id, r->user_id);
          return FALSE;
        }
      if (stars < 1 || stars > 5)
        {
          set_error (error, CG_ERROR_FORMAT, name, "your rating of movie %u is %u, not 1–5",
                     r->movie_id, stars);
          return FALSE;
        }
      if (i > 0 && r->movie_id <= ratings[i - 1].movie_id)
        {
          set_error (error, CG_ERROR_FORMAT, name, "your ratings are not sorted by movie, "
                     "or rate a movie twice");
          return FALSE;
        }
      if (!ids_contain (movie_ids, n_items, r->movie_id))
        {
          set_error (error, CG_ERROR_FORMAT, name, "you rated movie %u, which is not in "
                     "the model's dataset", r->movie_id);
          return FALSE;
        }
    }
  *ratings_out = g_steal_pointer (&ratings);
  *n_out = n;
  return TRUE;
}

/* Checks the fixed header against the whole file; *payload_len receives the length. */
static gboolean
check_header (const guint8 *data,
              gsize         len,
              guint32      *version_out,
              guint64      *payload_len,
              const char   *name,
              GError      **error)
{
  guint32 version, flags;
  guint64 length;
  guint8 sum[CHECKSUM_SIZE];

  if (len == 0)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the file is empty");
      return FALSE;
    }
  if (memcmp (data, model_magic, MIN (len, sizeof model_magic)) != 0)
    {
      set_error (error, CG_ERROR_FORMAT, name, "this is not a Cinegan model file");
      return FALSE;
    }
  if (len < CG_MODEL_FILE_HEADER_SIZE)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the file is truncated (%" G_GSIZE_FORMAT
                 " bytes, shorter than the %u-byte header)", len, CG_MODEL_FILE_HEADER_SIZE);
      return FALSE;
    }
  version = read_le32 (data + OFFSET_VERSION);
  if (version < 1 || version > CG_MODEL_FILE_VERSION)
    {
      set_error (error, CG_ERROR_VERSION, name, "it uses model format version %u; this "
                 "version of Cinegan reads versions 1 to %u", version, CG_MODEL_FILE_VERSION);
      return FALSE;
    }
  flags = read_le32 (data + OFFSET_FLAGS);
  if (flags != 0)
    {
      set_error (error, CG_ERROR_FORMAT, name, "unknown header flags 0x%08x", flags);
      return FALSE;
    }
  length = read_le64 (data + OFFSET_LENGTH);
  if (length > CG_MODEL_FILE_MAX_PAYLOAD)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the header claims a %" G_GUINT64_FORMAT
                 "-byte payload, more than a model file may hold", length);
      return FALSE;
    }
  if (len - CG_MODEL_FILE_HEADER_SIZE < length)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the file is truncated (%" G_GSIZE_FORMAT
                 " of %" G_GUINT64_FORMAT " bytes)", len,
                 CG_MODEL_FILE_HEADER_SIZE + length);
      return FALSE;
    }
  if (len - CG_MODEL_FILE_HEADER_SIZE > length)
    {
      set_error (error, CG_ERROR_FORMAT, name, "%" G_GUINT64_FORMAT " unexpected bytes "
                 "follow the model", (guint64) (len - CG_MODEL_FILE_HEADER_SIZE) - length);
      return FALSE;
    }
  file_checksum (sum, data, data + CG_MODEL_FILE_HEADER_SIZE, length);
  if (memcmp (sum, data + OFFSET_CHECKSUM, CHECKSUM_SIZE) != 0)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the checksum does not match: the file is "
                 "damaged");
      return FALSE;
    }
  *version_out = version;
  *payload_len = length;
  return TRUE;
}

/* A payload of either version taken apart, pointing into it until the model is built.
 * Fields a version lacks are NULL. */
typedef struct
{
  guint32        version;
  GVariant      *children[(int) V1_N_CHILDREN > (int) V2_N_CHILDREN ? (int) V1_N_CHILDREN
                                                                   : (int) V2_N_CHILDREN];
  GVariant      *metadata, *hyperparameters, *fingerprint, *dataset, *user_ids, *movie_ids,
                *tensors, *history, *you;
  GVariant      *tensor_children[MAX_TENSORS];
  FileTensor     tensors_parsed[MAX_TENSORS];
  gsize          n_tensors;
} Payload;

static void
payload_clear (Payload *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->children); i++)
    g_clear_pointer (&p->children[i], g_variant_unref);
  for (guint i = 0; i < MAX_TENSORS; i++)
    g_clear_pointer (&p->tensor_children[i], g_variant_unref);
}

static const char *
payload_type (guint32 version)
{
  return version == 1 ? PAYLOAD_TYPE_V1 : PAYLOAD_TYPE_V2;
}

static void
payload_split (Payload  *p,
               GVariant *payload,
               guint32   version)
{
  guint n = version == 1 ? V1_N_CHILDREN : V2_N_CHILDREN;

  g_assert (g_variant_is_of_type (payload, G_VARIANT_TYPE (payload_type (version))));
  p->version = version;
  for (guint i = 0; i < n; i++)
    p->children[i] = g_variant_get_child_value (payload, i);
  if (version == 1)
    {
      p->metadata = p->children[V1_METADATA];
      p->hyperparameters = p->children[V1_HYPERPARAMETERS];
      p->fingerprint = p->children[V1_FINGERPRINT];
      p->user_ids = p->children[V1_USER_IDS];
      p->movie_ids = p->children[V1_MOVIE_IDS];
      p->tensors = p->children[V1_TENSORS];
      p->history = p->children[V1_HISTORY];
      p->you = p->children[V1_YOU];
    }
  else
    {
      p->metadata = p->children[V2_METADATA];
      p->hyperparameters = p->children[V2_HYPERPARAMETERS];
      p->fingerprint = p->children[V2_FINGERPRINT];
      p->dataset = p->children[V2_DATASET];
      p->user_ids = p->children[V2_USER_IDS];
      p->movie_ids = p->children[V2_MOVIE_IDS];
      p->tensors = p->children[V2_TENSORS];
      p->history = p->children[V2_HISTORY];
      p->you = p->children[V2_YOU];
    }
}

/* The fingerprint's split, threshold, counts and hashes. Version 1 has no train digest
 * (*digest stays NULL) and an integer threshold. */
static gboolean
parse_fingerprint (const Payload *p,
                   const char   **split,
                   double        *threshold,
                   guint32       *n_items,
                   const guint8 **item_hash,
                   guint32       *n_users,
                   const guint8 **digest,
                   const char    *name,
                   GError       **error)
{
  g_autoptr(GVariant) hash_variant = NULL, digest_variant = NULL;
  gsize hash_len, digest_len = CHECKSUM_SIZE;
  double threshold_value;

  *digest = NULL;
  if (p->version == 1)
    {
      guint32 t;

      g_variant_get (p->fingerprint, "(&suu@ayu)", split, &t, n_items, &hash_variant,
                     n_users);
      threshold_value = t;
    }
  else
    g_variant_get (p->fingerprint, "(&sdu@ayu@ay)", split, &threshold_value, n_items,
                   &hash_variant, n_users, &digest_variant);

  if (!split_name_valid (*split))
    {
      set_error (error, CG_ERROR_FORMAT, name, "the dataset's split name is empty, too long "
                 "or holds unprintable characters");
      return FALSE;
    }
  /* Version 1 knew whole stars 1–5 only; version 2 keeps a double, for half stars. */
  if (!threshold_valid (threshold_value)
      || (p->version == 1 && threshold_value < 1.0))
    {
      set_error (error, CG_ERROR_FORMAT, name, "the dataset's positive threshold is %g, "
                 "not a whole or half number of stars from 0.5 to 5", threshold_value);
      return FALSE;
    }
  *threshold = threshold_value;
  *item_hash = g_variant_get_fixed_array (hash_variant, &hash_len, 1);
  if (digest_variant != NULL)
    *digest = g_variant_get_fixed_array (digest_variant, &digest_len, 1);
  if (hash_len != CHECKSUM_SIZE || digest_len != CHECKSUM_SIZE)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the dataset fingerprint's hashes have %"
                 G_GSIZE_FORMAT " and %" G_GSIZE_FORMAT " bytes instead of %u", hash_len,
                 digest_len, CHECKSUM_SIZE);
      return FALSE;
    }
  return TRUE;
}

/* Version 2's dataset description: the format (empty when unknown) and the split's
 * parameters, kept as sorted "key=value". */
static gboolean
parse_dataset (GVariant    *dataset,
               CgModelFile *file,
               const char  *name,
               GError     **error)
{
  const char *format;
  g_autoptr(GVariant) params = NULL;
  gsize n;

  g_variant_get (dataset, "(&s@a{ss})", &format, &params);
  if (format[0] != '\0' && !text_valid (format, MAX_SPLIT, FALSE))
    {
      set_error (error, CG_ERROR_FORMAT, name, "the dataset's format name is too long or "
                 "holds unprintable characters");
      return FALSE;
    }
  n = g_variant_n_children (params);
  if (n > MAX_SPLIT_PARAMS)
    {
      set_error (error, CG_ERROR_FORMAT, name, "its split has %" G_GSIZE_FORMAT
                 " parameters (at most %u expected)", n, MAX_SPLIT_PARAMS);
      return FALSE;
    }
  if (format[0] != '\0')
    file->format = g_strdup (format);
  if (n == 0)
    return TRUE;
  file->split_params = g_new0 (char *, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      const char *key, *value;

      g_variant_get_child (params, i, "{&s&s}", &key, &value);
      /* A dictionary in normal form may still repeat a key: sorted, a repeat is adjacent. */
      if (!text_valid (key, MAX_SPLIT, FALSE) || strchr (key, '=') != NULL
          || !text_valid (value, MAX_STRING, TRUE))
        {
          set_error (error, CG_ERROR_FORMAT, name, "split parameter %" G_GSIZE_FORMAT " is "
                     "empty, too long or unprintable", i);
          return FALSE;
        }
      file->split_params[i] = g_strconcat (key, "=", value, NULL);
    }
  {
    g_auto(GStrv) sorted = sorted_params (file->split_params);

    for (gsize i = 1; i < n; i++)
      {
        gsize key_len = strchr (sorted[i], '=') - sorted[i];

        if (strncmp (sorted[i], sorted[i - 1], key_len + 1) == 0)
          {
            set_error (error, CG_ERROR_FORMAT, name, "a split parameter appears twice");
            return FALSE;
          }
      }
    g_strfreev (file->split_params);
    file->split_params = g_steal_pointer (&sorted);
  }
  return TRUE;
}

static CgModelFile *
load_payload (GVariant   *payload,
              guint32     version,
              const char *name,
              GError    **error)
{
  Payload p = { 0 };
  g_autoptr(CgModelFile) file = g_new0 (CgModelFile, 1);
  CgCganConfig config;
  const char *split = NULL;
  double threshold = 0.0;
  guint32 n_items = 0, n_users = 0;
  const guint8 *hash = NULL, *digest = NULL;
  guint8 computed[CHECKSUM_SIZE];
  const guint32 *user_ids, *movie_ids;
  guint64 total = 0, n_params;
  g_autofree CgEpochRecord *history = NULL;
  guint n_history = 0;
  g_autoptr(GError) local_error = NULL;
  guint n_model;
  gboolean history_ok;
  CgModelFile *result = NULL;

  payload_split (&p, payload, version);

  file->name = g_strdup (name);  /* already printable: see cg_model_file_load_bytes */
  file->version = version;
  if (!parse_metadata (p.metadata, file, name, error))
    goto out;
  if (!parse_hyperparameters (p.hyperparameters, &config, name, error))
    goto out;
  if (!parse_fingerprint (&p, &split, &threshold, &n_items, &hash, &n_users, &digest, name,
                          error))
    goto out;
  if (p.dataset != NULL && !parse_dataset (p.dataset, file, name, error))
    goto out;
  if (!parse_id_map (p.user_ids, "user", n_users, CG_MODEL_FILE_MAX_USERS,
                     &user_ids, name, error)
      || !parse_id_map (p.movie_ids, "movie", n_items, CG_MODEL_FILE_MAX_ITEMS, &movie_ids,
                        name, error))
    goto out;
  item_ids_hash (computed, movie_ids, n_items);
  if (memcmp (computed, hash, CHECKSUM_SIZE) != 0)
    {
      set_error (error, CG_ERROR_FORMAT, name, "the movie IDs do not match the dataset "
                 "fingerprint");
      goto out;
    }

  if (!parse_tensors (p.tensors, p.tensor_children, p.tensors_parsed, &p.n_tensors, &total,
                      name, error))
    goto out;
  /* Dimensions are bounded by the field table (≤ 16384) and the counts by the ID maps
   * (≤ 2^24), so the products cannot overflow 64 bits. */
  n_params = model_n_params (&config, n_users, n_items);
  if (n_params != total)
    {
      set_error (error, CG_ERROR_FORMAT, name, "its hyperparameters (embed-dim %u, noise-dim "
                 "%u, hidden-dim %u) for %u users and %u items make a model of %"
                 G_GUINT64_FORMAT " weights, but it holds %" G_GUINT64_FORMAT,
                 config.embed_dim, config.noise_dim, config.hidden_dim, n_users, n_items,
                 n_params, total);
      goto out;
    }
  history_ok = version == 1
               ? parse_history_v1 (p.history, &history, &n_history, name, error)
               : parse_history_v2 (p.history, &history, &n_history, name, error);
  if (!history_ok)
    goto out;
  if (!parse_you (p.you, movie_ids, n_items, &file->you_ratings, &file->n_you, name, error))
    goto out;

  /* Everything is checked that can be without the model; its size is bounded by the
   * file's, so building it is safe. */
  file->model = cg_cgan_new (&config, n_users, n_items, &local_error);
  if (file->model == NULL)
    {
      set_error (error, CG_ERROR_FORMAT, name, "%s", local_error->message);
      goto out;
    }
  n_model = cg_cgan_n_tensors (file->model);
  if (n_model != p.n_tensors)
    {
      set_error (error, CG_ERROR_FORMAT, name, "it holds %" G_GSIZE_FORMAT " tensors but "
                 "its hyperparameters give a model of %u", p.n_tensors, n_model);
      goto out;
    }
  for (guint t = 0; t < n_model; t++)
    {
      const char *tname;
      guint rows, cols;
      float *dest = cg_cgan_tensor (file->model, t, &tname, &rows, &cols);
      const FileTensor *src = &p.tensors_parsed[t];

      if (strcmp (tname, src->name) != 0 || rows != src->rows || cols != src->cols)
        {
          set_error (error, CG_ERROR_FORMAT, name, "tensor %u is “%s” (%u × %u) in the file "
                     "but “%s” (%u × %u) for its hyperparameters", t, src->name, src->rows,
                     src->cols, tname, rows, cols);
          goto out;
        }
      for (gsize k = 0; k < (gsize) rows * cols; k++)
        {
          guint32 bits = read_le32 (src->data + 4 * k);

          memcpy (&dest[k], &bits, sizeof bits);
        }
    }
  for (guint i = 0; i < n_history; i++)
    cg_cgan_append_history (file->model, &history[i]);

  file->split = g_strdup (split);
  file->threshold = threshold;
  file->n_items = n_items;
  file->movie_ids = g_memdup2 (movie_ids, (gsize) n_items * sizeof *movie_ids);
  memcpy (file->item_hash, computed, CHECKSUM_SIZE);
  file->n_users = n_users;
  file->user_ids = g_memdup2 (user_ids, (gsize) n_users * sizeof *user_ids);
  file->has_train_digest = digest != NULL;
  if (digest != NULL)
    memcpy (file->train_digest, digest, CHECKSUM_SIZE);
  file->has_you = file->n_you > 0;
  if (file->has_you)
    {
      file->you_user_id = file->you_ratings[0].user_id;
      file->you_in_training = ids_contain (user_ids, n_users, file->you_user_id);
    }
  result = g_steal_pointer (&file);

out:
  payload_clear (&p);
  return result;
}

CgModelFile *
cg_model_file_load_bytes (GBytes     *bytes,
                          const char *name,
                          GError    **error)
{
  const guint8 *data;
  gsize len;
  guint32 version = 0;
  guint64 payload_len = 0;
  g_autoptr(GBytes) payload_bytes = NULL;
  g_autoptr(GVariant) payload = NULL;
  g_autofree char *printable = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Names come from callers (say, a path with odd characters): made printable once here,
   * for every message and for file->name. */
  printable = printable_copy (name);
  data = g_bytes_get_data (bytes, &len);
  if (!check_header (data, len, &version, &payload_len, printable, error))
    return NULL;

  /* The type is ours, never the file's: the bytes are read as the type of the version,
   * and GVariant answers any access to a malformed serialisation with defaults, never out
   * of bounds. Normal form is then required so that nothing is silently defaulted. */
  payload_bytes = g_bytes_new_from_bytes (bytes, CG_MODEL_FILE_HEADER_SIZE, payload_len);
  payload = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (payload_type (version)),
                                                          payload_bytes, FALSE));
  if (!g_variant_is_normal_form (payload))
    {
      set_error (error, CG_ERROR_FORMAT, printable, "the payload is malformed (not a canonical "
                 "GVariant of the expected type)");
      return NULL;
    }
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (payload);

      g_variant_unref (payload);
      payload = swapped;
    }
  return load_payload (payload, version, printable, error);
}

/* Reads the whole file, refusing anything but a regular file without blocking, and
 * anything larger than a model file can be before allocating for it. */
static GBytes *
read_file (const char *path,
           const char *name,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = cg_file_read_bytes (path, CG_MODEL_FILE_HEADER_SIZE
                                            + CG_MODEL_FILE_MAX_PAYLOAD, &local_error);

  if (bytes == NULL)
    {
      g_autofree char *clean = printable_copy (local_error->message);

      g_set_error_literal (error, CG_ERROR, CG_ERROR_IO, clean);
    }
  return bytes;
}

CgModelFile *
cg_model_file_load (const char *path,
                    GError    **error)
{
  g_autofree char *display = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  name = printable_copy (display);
  bytes = read_file (path, name, error);
  if (bytes == NULL)
    return NULL;
  return cg_model_file_load_bytes (bytes, name, error);
}

/* ---- using a loaded file ---- */

static void
file_fingerprint (Fingerprint       *fp,
                  const CgModelFile *file)
{
  *fp = (Fingerprint) {
    .split = file->split,
    .threshold = file->threshold,
    .n_items = file->n_items,
    .item_hash = file->item_hash,
    .n_users = file->n_users,
    .train_digest = file->has_train_digest ? file->train_digest : NULL,
    .format = file->format,
    .split_params = file->split_params,
  };
}

char *
cg_model_file_describe_dataset (const CgModelFile *file)
{
  Fingerprint fp;

  g_return_val_if_fail (file != NULL, NULL);

  file_fingerprint (&fp, file);
  return describe_fingerprint (&fp);
}

static gboolean
strv_equal (char *const *a,
            char *const *b)
{
  guint i;

  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return a[i] == NULL && b[i] == NULL;
}

gboolean
cg_model_file_check_dataset (const CgModelFile *file,
                             const CgDataset   *dataset,
                             GError           **error)
{
  guint8 hash[CHECKSUM_SIZE], digest[CHECKSUM_SIZE];
  g_auto(GStrv) params = NULL;
  g_autofree char *ours = NULL, *theirs = NULL;
  Fingerprint model_fp, dataset_fp;
  gboolean same;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  item_ids_hash (hash, dataset->movie_ids, dataset->n_items);
  train_digest (digest, dataset);
  params = sorted_params (dataset->split_params);
  file_fingerprint (&model_fp, file);
  /* What format 1 did not record (the train digest, the format, the split's parameters)
   * is not compared for its files: they were accepted on the rest before, and still are. */
  dataset_fp = (Fingerprint) {
    .split = dataset->split,
    .threshold = dataset->threshold,
    .n_items = dataset->n_items,
    .item_hash = hash,
    .n_users = dataset->n_users,
    .train_digest = file->has_train_digest ? digest : NULL,
    .format = file->version >= 2 ? dataset->format : NULL,
    .split_params = file->version >= 2 ? params : NULL,
  };
  same = strcmp (file->split, dataset->split) == 0 && file->threshold == dataset->threshold
         && file->n_items == dataset->n_items
         && memcmp (hash, file->item_hash, sizeof hash) == 0
         && file->n_users == dataset->n_users
         && memcmp (file->user_ids, dataset->user_ids, file->n_users * sizeof (guint32)) == 0
         && (!file->has_train_digest || memcmp (digest, file->train_digest, sizeof digest) == 0)
         && g_strcmp0 (model_fp.format, dataset_fp.format) == 0
         && strv_equal (model_fp.split_params, dataset_fp.split_params);
  if (same)
    return TRUE;

  ours = describe_fingerprint (&model_fp);
  theirs = describe_fingerprint (&dataset_fp);
  if (file->you_in_training && cg_dataset_user_index (dataset, file->you_user_id) < 0
      && file->n_users == dataset->n_users + 1)
    g_set_error (error, CG_ERROR, CG_ERROR_MISMATCH,
                 "The model in “%s” was trained with your own ratings (user %u) added "
                 "to the dataset, and this dataset lacks them.\n  model:   %s\n"
                 "  dataset: %s", file->name, file->you_user_id, ours, theirs);
  else
    g_set_error (error, CG_ERROR, CG_ERROR_MISMATCH,
                 "The model in “%s” was trained on a different dataset.\n"
                 "  model:   %s\n  dataset: %s", file->name, ours, theirs);
  return FALSE;
}

gboolean
cg_model_file_match_dataset (const CgModelFile *file,
                             const CgDataset   *dataset,
                             CgDataset        **with_you,
                             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CgDataset) extended = NULL;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (with_you != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *with_you = NULL;
  if (cg_model_file_check_dataset (file, dataset, &local_error))
    return TRUE;
  if (!file->you_in_training || cg_dataset_user_index (dataset, file->you_user_id) >= 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  extended = cg_dataset_with_extra_user (dataset, file->you_ratings, file->n_you, NULL);
  if (extended == NULL || !cg_model_file_check_dataset (file, extended, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *with_you = g_steal_pointer (&extended);
  return TRUE;
}

CgCgan *
cg_model_file_steal_model (CgModelFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);

  return g_steal_pointer (&file->model);
}

void
cg_model_file_free (CgModelFile *file)
{
  if (file == NULL)
    return;
  g_clear_pointer (&file->model, cg_cgan_free);
  g_free (file->name);
  g_free (file->writer);
  g_free (file->created);
  g_free (file->split);
  g_free (file->format);
  g_strfreev (file->split_params);
  g_free (file->movie_ids);
  g_free (file->user_ids);
  g_free (file->you_ratings);
  g_free (file);
}
