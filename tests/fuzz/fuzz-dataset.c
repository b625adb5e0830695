/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-dataset.c: libFuzzer harness for the dataset parsers, the dataset builder and its
 * carve-outs, and the ratings journal.
 *
 * An input is one choice byte and up to six parts separated by "\n\x1e\n" (a record
 * separator on a line of its own, which MovieLens text never holds):
 *
 *   byte 0   bits 0–1: layout (ML-100K, ML-1M, CSV); bits 2–3: threshold (4, 1, 3.5, 5);
 *            bits 4–7: the validation fraction in tenths (0 = no carve-out, capped at 0.9)
 *   parts    u.genre (ML-100K only), the movies file, train ratings, test ratings, a split
 *            name (u1, random:0.3:7, temporal:2 …; a random, temporal or "all" split
 *            divides the train part, as the loader divides u.data), a ratings journal
 *
 * The parts go through what cg_dataset_load does with files — the catalogue, the ratings of
 * the layout, the split, cg_dataset_new — and a dataset that comes out is checked for
 * consistency (ID maps ascending, every rating indexed, positives among the rated), carved
 * for validation and given an extra user, as the CLI and the app do. The journal is parsed,
 * written compact and parsed again, which must give the same table with nothing to repair.
 * A refusal must be a GError with a message. GLib criticals and warnings are fatal: a
 * g_return_if_fail reached from input is a validation gap.
 *
 * Built with -DCG_FUZZ_DATASET_SEEDS it is instead the seed writer: "fuzz-dataset-seeds
 * OUTDIR" writes the seed corpus and runs each seed through the same code, failing unless
 * every one builds a dataset (so the seeds keep teaching the fuzzer something). Run through
 * tests/fuzz/run-fuzz.sh, which builds with -fsanitize=fuzzer,address,undefined.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cg-catalog.h"
#include "cg-dataset.h"
#include "cg-error.h"
#include "cg-ratings-journal.h"
#include "cg-ratings.h"
#include "cg-split.h"

#define SEPARATOR     "\n\x1e\n"
#define N_PARTS       6

enum { PART_GENRES, PART_MOVIES, PART_TRAIN, PART_TEST, PART_SPLIT, PART_JOURNAL };

typedef struct
{
  const char *text;
  gsize       len;
} Part;

static const CgFormat formats[] = { CG_FORMAT_ML_100K, CG_FORMAT_ML_1M, CG_FORMAT_CSV,
                                    CG_FORMAT_ML_100K };
static const double thresholds[] = { 4.0, 1.0, 3.5, 5.0 };

static void
split_parts (const guint8 *data,
             gsize         size,
             Part          parts[N_PARTS])
{
  const char *p = (const char *) data, *end = p + size;

  for (guint i = 0; i < N_PARTS; i++)
    parts[i] = (Part) { "", 0 };
  for (guint i = 0; i < N_PARTS && p <= end; i++)
    {
      const char *sep = i + 1 < N_PARTS
                        ? g_strstr_len (p, end - p, SEPARATOR) : NULL;

      /* g_strstr_len stops at a NUL: look past it, so parts may hold any byte. */
      for (const char *q = p; sep == NULL && i + 1 < N_PARTS && q < end; )
        {
          const char *nul = memchr (q, '\0', end - q);

          if (nul == NULL)
            break;
          q = nul + 1;
          sep = g_strstr_len (q, end - q, SEPARATOR);
        }
      parts[i].text = p;
      parts[i].len = (sep != NULL ? sep : end) - p;
      if (sep == NULL)
        break;
      p = sep + strlen (SEPARATOR);
    }
}

static void
assert_refusal (GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message != NULL && error->message[0] != '\0');
#ifdef CG_FUZZ_DATASET_SEEDS
  g_printerr ("refused: %s\n", error->message);
#endif
}

static void
check_dataset (const CgDataset *ds)
{
  g_autofree guint32 *popularity = cg_dataset_item_popularity (ds);

  for (guint u = 1; u < ds->n_users; u++)
    g_assert (ds->user_ids[u - 1] < ds->user_ids[u]);
  for (guint i = 1; i < ds->n_items; i++)
    g_assert (ds->movie_ids[i - 1] < ds->movie_ids[i]);
  for (gsize r = 0; r < ds->n_train; r++)
    {
      gint32 u = cg_dataset_user_index (ds, ds->train[r].user_id);
      gint32 i = cg_dataset_item_index (ds, ds->train[r].movie_id);

      g_assert (u >= 0 && (guint) u < ds->n_users && i >= 0 && (guint) i < ds->n_items);
      g_assert (cg_user_items_contains (ds->train_rated, (guint) u, (guint32) i));
      g_assert ((ds->train[r].rating >= ds->threshold)
                == cg_user_items_contains (ds->train_pos, (guint) u, (guint32) i));
    }
  for (gsize r = 0; r < ds->n_test; r++)
    {
      gint32 u = cg_dataset_user_index (ds, ds->test[r].user_id);
      gint32 i = cg_dataset_item_index (ds, ds->test[r].movie_id);

      g_assert (u >= 0 && i >= 0);
      g_assert (!cg_user_items_contains (ds->train_rated, (guint) u, (guint32) i));
    }
  g_assert (cg_user_items_total (ds->train_pos) <= cg_user_items_total (ds->train_rated));
  for (guint i = 0; i < ds->n_items; i++)
    g_assert (popularity[i] <= ds->n_users);
}

/* What the CLI and the app derive from a dataset: a validation carve-out and the app's
 * user added with a few ratings. */
static void
derive (const CgDataset *ds,
        guint            tenths)
{
  if (tenths > 0)
    {
      g_autoptr(CgDataset) carved = cg_dataset_carve_validation (ds, MIN (tenths, 9) / 10.0,
                                                                 tenths);

      g_assert (carved != NULL);
      g_assert (carved->n_users == ds->n_users && carved->n_items == ds->n_items);
      g_assert (carved->n_train + carved->n_test == ds->n_train);
      check_dataset (carved);
    }
  if (ds->n_items > 0 && ds->max_user_id < G_MAXUINT32 - 1)
    {
      CgRating you[3];
      guint n = MIN (ds->n_items, 3);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgDataset) with_you = NULL;

      /* Distinct movies: the first, the last and one between. */
      for (guint k = 0; k < n; k++)
        you[k] = (CgRating) { ds->max_user_id + 1,
                              ds->movie_ids[n == 1 ? 0 : k * (ds->n_items - 1) / (n - 1)],
                              (float) (5 - 2 * k), 1700000000 + k };
      with_you = cg_dataset_with_extra_user (ds, you, n, &error);
      g_assert_no_error (error);
      g_assert (with_you->n_users == ds->n_users + 1);
      check_dataset (with_you);
    }
}

/* Parsed, written compact and parsed again: the same table, nothing left to repair. */
static void
journal_round_trip (const Part *part)
{
  g_autoptr(GHashTable) table = cg_ratings_table_new ();
  g_autoptr(GHashTable) again = cg_ratings_table_new ();
  g_autofree char *text = NULL;
  CgRatingsJournalStats stats;
  GHashTableIter iter;
  gpointer key, value;
  gsize len;

  cg_ratings_journal_parse (part->text, part->len, table, &stats);
  g_assert (stats.n_bad == 0 || (stats.first_bad > 0 && stats.first_bad <= part->len + 1));
  text = cg_ratings_journal_serialize (table, &len);
  cg_ratings_journal_parse (text, len, again, &stats);
  g_assert (stats.n_bad == 0 && !stats.torn_tail && stats.current_header);
  g_assert (!cg_ratings_journal_needs_compaction (&stats, g_hash_table_size (again)));
  g_assert (g_hash_table_size (again) == g_hash_table_size (table));
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CgStoredRating *a = value;
      const CgStoredRating *b = g_hash_table_lookup (again, key);

      g_assert (b != NULL && a->rating == b->rating && a->timestamp == b->timestamp);
    }
}

static CgCatalog *
parse_catalog (CgFormat    format,
               const Part *parts,
               GError    **error)
{
  if (format == CG_FORMAT_ML_100K)
    return cg_catalog_parse (parts[PART_GENRES].text, parts[PART_GENRES].len, "u.genre",
                             parts[PART_MOVIES].text, parts[PART_MOVIES].len, "u.item",
                             error);
  return cg_catalog_parse_movies (format, parts[PART_MOVIES].text, parts[PART_MOVIES].len,
                                   format == CG_FORMAT_ML_1M ? "movies.dat" : "movies.csv",
                                   error);
}

/* The dataset the input describes, or NULL (with the refusal checked). */
static CgDataset *
build (const guint8 *data,
       gsize         size)
{
  Part parts[N_PARTS];
  CgFormat format;
  double threshold;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCatalog) catalog = NULL;
  g_autofree CgRating *train = NULL, *test = NULL;
  gsize n_train = 0, n_test = 0;
  g_autofree char *split_name = NULL;
  g_auto(CgSplit) split = { 0 };
  CgDataset *ds;

  if (size == 0)
    return NULL;
  format = formats[data[0] & 3];
  threshold = thresholds[(data[0] >> 2) & 3];
  split_parts (data + 1, size - 1, parts);
  journal_round_trip (&parts[PART_JOURNAL]);

  split_name = g_strndup (parts[PART_SPLIT].text, MIN (parts[PART_SPLIT].len, 64));
  if (!cg_split_parse (split_name[0] != '\0' ? split_name : "u1", &split, &error))
    {
      assert_refusal (error);
      return NULL;
    }
  catalog = parse_catalog (format, parts, &error);
  if (catalog == NULL)
    {
      assert_refusal (error);
      return NULL;
    }
  if (!cg_format_check_threshold (format, threshold, &error))
    {
      assert_refusal (error);
      return NULL;
    }
  train = cg_ratings_parse_format (format, parts[PART_TRAIN].text, parts[PART_TRAIN].len,
                                   "train", catalog, &n_train, &error);
  if (train == NULL)
    {
      assert_refusal (error);
      return NULL;
    }
  test = cg_ratings_parse_format (format, parts[PART_TEST].text, parts[PART_TEST].len,
                                  "test", catalog, &n_test, &error);
  if (test == NULL)
    {
      assert_refusal (error);
      return NULL;
    }
  /* A random or temporal split divides one file's ratings, as the loader does u.data's:
   * the train part is that file, the test part is not used. */
  if (split.kind == CG_SPLIT_RANDOM || split.kind == CG_SPLIT_TEMPORAL
      || split.kind == CG_SPLIT_ALL)
    {
      g_clear_pointer (&test, g_free);
      cg_split_apply (&split, g_steal_pointer (&train), n_train, &train, &n_train, &test,
                      &n_test);
    }
  ds = cg_dataset_new (cg_catalog_ref (catalog), split.name, threshold, train, n_train, test,
                       n_test, &error);
  if (ds == NULL)
    assert_refusal (error);
  return ds;
}

static gboolean
run_one (const guint8 *data,
         gsize         size)
{
  g_autoptr(CgDataset) ds = build (data, size);

  if (ds == NULL)
    return FALSE;
  check_dataset (ds);
  derive (ds, data[0] >> 4);
  return TRUE;
}

#ifndef CG_FUZZ_DATASET_SEEDS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  run_one (data, size);
  return 0;
}

#else  /* the seed writer */

#define S SEPARATOR

/* Small valid datasets of every layout, with every kind of split and a journal. */
static const struct
{
  const char *name;
  guint8      choice;
  const char *parts;
} seeds[] = {
  { "ml-100k-u1", 0x00 | (3 << 4),
    "unknown|0\nAction|1\nComedy|2\n" S
    "1|Toy Story (1995)|01-Jan-1995||http://example.invalid/1|0|0|1\n"
    "2|Caf\xe9 (1996)|01-Jan-1996||http://example.invalid/2|0|1|0\n"
    "5|Heat (1995)|01-Jan-1995||http://example.invalid/5|0|1|1\n" S
    "1\t1\t5\t881250949\n1\t2\t3\t881250950\n2\t5\t4\t881250951\n3\t1\t2\t881250952\n"
    "3\t5\t5\t881250953\n" S
    "1\t5\t4\t881250960\n2\t1\t5\t881250961\n" S
    "u1" S
    "# Cinegan ratings v2\n1\t5\t1\n2\t4\t2\n1\t0\t3\n" },
  { "ml-100k-random", 0x04 | (2 << 4),
    "unknown|0\nDrama|1\n" S
    "10|A (1990)|01-Jan-1990|||0|1\n20|B (1991)|01-Jan-1991|||1|0\n"
    "30|C (1992)|01-Jan-1992|||0|1\n" S
    "1\t10\t5\t1\n1\t20\t4\t2\n1\t30\t1\t3\n2\t10\t3\t4\n2\t20\t5\t5\n" S S
    "random:0.3:7" S
    "10\t5\t100\n20\t3\r\n" },
  { "ml-1m-temporal", 0x01 | (1 << 4),
    "" S
    "1::Toy Story (1995)::Animation|Children's|Comedy\n"
    "2::Jumanji (1995)::Adventure|Children's|Fantasy\n"
    "3::Grumpier Old Men (1995)::Comedy|Romance\n" S
    "1::1::5::978300760\n1::2::3::978302109\n1::3::4::978301968\n"
    "2::1::4::978300275\n2::3::2::978824291\n" S S
    "temporal:1" S
    "" },
  { "csv-temporal-fraction", 0x02 | (0x08) | (4 << 4),
    "" S
    "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n"
    "2,\"American President, The (1995)\",Comedy|Drama|Romance\n"
    "3,\"Dr. \"\"Strange\"\" (2016)\",(no genres listed)\n" S
    "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n"
    "1,3,5.0,964982224\n2,1,2.5,964983815\r\n2,3,4.5,964982931\n" S
    "userId,movieId,rating,timestamp\n" S
    "temporal:0.5" S
    "3\t4\t9\n" },
  { "csv-all", 0x02 | (0x04),
    "" S
    "movieId,title,genres\n7,Sabrina (1995),Comedy|Romance\n9,Heat (1995),Action\n" S
    "userId,movieId,rating,timestamp\n5,7,1.0,1\n5,9,0.5,2\n6,9,5.0,3\n" S
    "userId,movieId,rating,timestamp\n6,7,4.5,4\n" S
    "all" S
    "" },
};

#undef S

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  if (g_mkdir_with_parents (argv[1], 0755) != 0)
    {
      fprintf (stderr, "fuzz-dataset-seeds: cannot create %s\n", argv[1]);
      return 1;
    }
  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autofree char *name = g_strdup_printf ("seed-%s", seeds[s].name);
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      gsize len = strlen (seeds[s].parts);
      g_autofree guint8 *data = g_malloc (len + 1);
      g_autoptr(GError) error = NULL;

      data[0] = seeds[s].choice;
      memcpy (data + 1, seeds[s].parts, len);
      if (!run_one (data, len + 1))
        {
          fprintf (stderr, "fuzz-dataset-seeds: %s builds no dataset\n", seeds[s].name);
          return 1;
        }
      if (!g_file_set_contents (path, (const char *) data, (gssize) len + 1, &error))
        {
          fprintf (stderr, "fuzz-dataset-seeds: %s\n", error->message);
          return 1;
        }
      printf ("%s\n", path);
    }
  return 0;
}

#endif
