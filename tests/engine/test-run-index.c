/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-run-index.c: the runs index keeps every run exactly, and damage loses nothing.
 *
 * Round trip: names with newlines, tabs and non-ASCII text, paths, every setting, NaN
 * figures and exact doubles come back as they were written. Damage: a flipped byte in one
 * run, a torn end, stray lines, a missing header — each sets the file aside byte for byte,
 * rebuilds the index from the runs that still read, and says so; a file from a later
 * format version is refused and left alone. Plus what the Training page shows: settings
 * that differ from the defaults and between runs, the best NDCG, the settings as a config.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cg-epoch-fields.h"
#include "cg-error.h"
#include "cg-rng.h"
#include "cg-run-index.h"
#include "cg-test-util.h"
#include "cg-text.h"

static char *
index_path (void)
{
  return g_build_filename (cg_test_tmp_root (), "runs", "runs.index", NULL);
}

/* A run of default settings but adv_weight, with epochs epochs of made-up figures. */
static CgRun *
make_run (const char *name,
          double      adv_weight,
          guint       epochs)
{
  CgCganConfig config;
  CgRun *run;

  cg_cgan_config_init (&config);
  config.adv_weight = adv_weight;
  config.epochs = epochs;
  run = cg_run_new (name, &config);
  for (guint e = 1; e <= epochs; e++)
    {
      CgEpochRecord r;

      cg_epoch_record_init (&r);
      r.epoch = e;
      r.loss_d = 0.7 - 0.01 * e;
      r.loss_g = 1.0 / 3.0 + e;
      r.ndcg = 0.1 + 0.3 * adv_weight / e + 0.01 * e;
      r.recall = r.ndcg / 2;
      r.seconds = 0.1 * e;
      r.g_entropy = 6.0 - 0.1 * e;
      g_array_append_val (run->history, r);
    }
  run->seconds = 1.25 * epochs;
  return run;
}

static void
assert_records_equal (const CgRun *a,
                      const CgRun *b)
{
  guint n_fields;
  const CgEpochField *fields = cg_epoch_fields (&n_fields);

  ck_assert_uint_eq (a->history->len, b->history->len);
  for (guint r = 0; r < a->history->len; r++)
    {
      const CgEpochRecord *x = &g_array_index (a->history, CgEpochRecord, r);
      const CgEpochRecord *y = &g_array_index (b->history, CgEpochRecord, r);

      ck_assert_uint_eq (x->epoch, y->epoch);
      for (guint f = 0; f < n_fields; f++)
        {
          double u = cg_epoch_record_get (x, &fields[f]), v = cg_epoch_record_get (y, &fields[f]);

          ck_assert_msg ((isnan (u) && isnan (v)) || memcmp (&u, &v, sizeof u) == 0,
                         "epoch %u, %s: %.17g then %.17g", x->epoch, fields[f].name, u, v);
        }
    }
}

static void
assert_runs_equal (const CgRun *a,
                   const CgRun *b)
{
  ck_assert_str_eq (a->id, b->id);
  ck_assert_str_eq (a->name, b->name);
  ck_assert_int_eq (a->created, b->created);
  ck_assert (a->seconds == b->seconds);
  ck_assert_int_eq (a->outcome, b->outcome);
  ck_assert_pstr_eq (a->dataset, b->dataset);
  ck_assert_pstr_eq (a->split, b->split);
  ck_assert_int_eq (a->with_you, b->with_you);
  ck_assert_pstr_eq (a->model_path, b->model_path);
  ck_assert_uint_eq (g_strv_length (a->settings), g_strv_length (b->settings));
  for (guint s = 0; a->settings[s] != NULL; s++)
    ck_assert_str_eq (a->settings[s], b->settings[s]);
  assert_records_equal (a, b);
}

/* Three runs saved to path; returns the index (still open). */
static CgRunIndex *
save_three (const char *path)
{
  g_autoptr(GError) error = NULL;
  CgRunIndex *index = cg_run_index_new (path);
  CgRun *odd = make_run ("Line one\nline\ttwo \\ “Über” 🎬", 0.0, 3);

  odd->dataset = g_strdup ("/home/someone/Films & data/ml-100k");
  odd->split = g_strdup ("random:0.2:1");
  odd->with_you = TRUE;
  odd->model_path = g_strdup ("/tmp/a model.cgan");
  odd->outcome = CG_RUN_CANCELLED;
  cg_run_index_add (index, odd);
  cg_run_index_add (index, make_run ("Adversarial 0.3", 0.3, 5));
  cg_run_index_add (index, make_run ("Adversarial 1", 1.0, 4));
  ck_assert_msg (cg_run_index_save (index, &error), "%s", error ? error->message : "");
  return index;
}

START_TEST (test_round_trip)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) saved = save_three (path);
  g_autoptr(CgRunIndex) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = cg_run_index_load (path, &error);
  ck_assert_msg (loaded != NULL, "%s", error ? error->message : "");
  ck_assert_ptr_null (cg_run_index_get_recovery (loaded));
  ck_assert_uint_eq (cg_run_index_get_n_runs (loaded), 3);
  for (guint i = 0; i < 3; i++)
    assert_runs_equal (cg_run_index_get_run (saved, i), cg_run_index_get_run (loaded, i));

  /* Saving what was loaded writes the same bytes. */
  {
    g_autofree char *a = cg_run_index_serialize (saved, NULL);
    g_autofree char *b = cg_run_index_serialize (loaded, NULL);

    ck_assert_str_eq (a, b);
  }
}
END_TEST

START_TEST (test_missing_file_is_empty)
{
  g_autofree char *path = index_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRunIndex) index = cg_run_index_load (path, &error);

  ck_assert_msg (index != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (cg_run_index_get_n_runs (index), 0);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  /* The first save creates the folder. */
  cg_run_index_add (index, make_run ("First", 0.3, 1));
  ck_assert_msg (cg_run_index_save (index, &error), "%s", error ? error->message : "");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}
END_TEST

START_TEST (test_edits)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index = save_three (path);
  g_autoptr(CgRunIndex) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_strdup (cg_run_index_get_run (index, 0)->id);
  g_autofree char *second = g_strdup (cg_run_index_get_run (index, 1)->id);

  ck_assert (cg_run_index_rename (index, second, "Renamed"));
  ck_assert (!cg_run_index_rename (index, second, ""));
  ck_assert (!cg_run_index_rename (index, "no-such-run", "x"));
  ck_assert (cg_run_index_set_model (index, second, "/m/second.cgan"));
  ck_assert (cg_run_index_remove (index, first));
  ck_assert (!cg_run_index_remove (index, first));
  ck_assert_ptr_null (cg_run_index_find (index, first));
  ck_assert_msg (cg_run_index_save (index, &error), "%s", error ? error->message : "");

  loaded = cg_run_index_load (path, &error);
  ck_assert_msg (loaded != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (cg_run_index_get_n_runs (loaded), 2);
  ck_assert_str_eq (cg_run_index_find (loaded, second)->name, "Renamed");
  ck_assert_str_eq (cg_run_index_find (loaded, second)->model_path, "/m/second.cgan");
}
END_TEST

/* A removed run put back goes where it was, and the ends clamp. */
START_TEST (test_insert)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index = save_three (path);
  CgRun *middle = cg_run_copy (cg_run_index_get_run (index, 1));
  g_autofree char *id = g_strdup (middle->id);

  ck_assert (cg_run_index_remove (index, id));
  cg_run_index_insert (index, middle, 1);
  ck_assert_str_eq (cg_run_index_get_run (index, 1)->id, id);
  ck_assert_uint_eq (cg_run_index_get_n_runs (index), 3);
  cg_run_index_insert (index, make_run ("Last", 0.5, 2), 99);
  ck_assert_str_eq (cg_run_index_get_run (index, 3)->name, "Last");
}
END_TEST

/* Replaces the first occurrence of what in path's text with by (same length). */
static void
corrupt (const char *path,
         const char *what,
         const char *by)
{
  g_autofree char *text = cg_test_read_text (path);
  char *at = strstr (text, what);

  ck_assert_msg (at != NULL, "“%s” not in the index", what);
  ck_assert_uint_eq (strlen (what), strlen (by));
  memcpy (at, by, strlen (by));
  ck_assert (g_file_set_contents (path, text, -1, NULL));
}

/* The damaged copy beside path (exactly one), newly allocated. */
static char *
find_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf ("%s.damaged-", base);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        ck_assert_msg (found == NULL, "two damaged copies");
        found = g_build_filename (dir, name, NULL);
      }
  ck_assert_msg (found != NULL, "no damaged copy beside %s", path);
  return found;
}

/* Loads a damaged index: the runs named in survivors come back, the damaged file is kept
 * byte for byte aside, and the file at path is a clean index again. */
static void
assert_recovers (const char  *path,
                 CgRunIndex  *original,
                 const guint *survivors,
                 guint        n_survivors,
                 const char  *expect_in_note)
{
  g_autofree char *damaged = cg_test_read_text (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRunIndex) loaded = cg_run_index_load (path, &error);
  g_autoptr(CgRunIndex) again = NULL;
  g_autofree char *aside = NULL, *kept = NULL;
  const char *note;

  ck_assert_msg (loaded != NULL, "%s", error ? error->message : "");
  note = cg_run_index_get_recovery (loaded);
  ck_assert_msg (note != NULL && strstr (note, expect_in_note) != NULL, "note: %s", note);
  ck_assert_uint_eq (cg_run_index_get_n_runs (loaded), n_survivors);
  for (guint i = 0; i < n_survivors; i++)
    assert_runs_equal (cg_run_index_get_run (original, survivors[i]),
                       cg_run_index_get_run (loaded, i));

  aside = find_aside (path);
  kept = cg_test_read_text (aside);
  ck_assert_str_eq (kept, damaged);
  ck_assert_msg (strstr (note, strrchr (aside, '/') + 1) != NULL, "note: %s", note);

  /* Rebuilt and saved: it loads clean now. */
  again = cg_run_index_load (path, &error);
  ck_assert_msg (again != NULL, "%s", error ? error->message : "");
  ck_assert_ptr_null (cg_run_index_get_recovery (again));
  ck_assert_uint_eq (cg_run_index_get_n_runs (again), n_survivors);
}

START_TEST (test_flipped_byte)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index = save_three (path);
  const guint survivors[] = { 0, 2 };

  /* A value of the second run changes: its checksum no longer holds. */
  corrupt (path, "name Adversarial 0.3", "name Adversarial 0.4");
  assert_recovers (path, index, survivors, 2, "2 run(s) were read back, 1 could not be");
}
END_TEST

START_TEST (test_torn_end)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index = save_three (path);
  g_autofree char *text = cg_test_read_text (path);
  const guint survivors[] = { 0, 1 };

  /* A write cut short in the last run. */
  ck_assert (g_file_set_contents (path, text, (gssize) (strlen (text) - 100), NULL));
  assert_recovers (path, index, survivors, 2, "could not be");
}
END_TEST

START_TEST (test_stray_lines)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index = save_three (path);
  g_autofree char *text = cg_test_read_text (path);
  g_autofree char *edited = g_strconcat (text, "something a person typed\n", NULL);
  const guint survivors[] = { 0, 1, 2 };

  ck_assert (g_file_set_contents (path, edited, -1, NULL));
  assert_recovers (path, index, survivors, 3, "3 run(s) were read back;");
}
END_TEST

START_TEST (test_no_header)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index = save_three (path);
  g_autofree char *text = cg_test_read_text (path);
  const guint survivors[] = { 0, 1, 2 };

  /* Zeros over the header, as a crash of the filesystem might leave. */
  memset (text, 0, strlen ("Cinegan runs 1"));
  ck_assert (g_file_set_contents (path, text, (gssize) strlen (text + 14) + 14, NULL));
  assert_recovers (path, index, survivors, 3, "read back");
}
END_TEST

START_TEST (test_garbage_file)
{
  g_autofree char *path = index_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  const guint none[] = { 0 };
  g_autoptr(CgRunIndex) empty = cg_run_index_new (NULL);
  guint8 junk[4096];
  CgRng rng;

  g_mkdir_with_parents (dir, 0700);
  cg_rng_seed (&rng, 9);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) cg_rng_uniform_int (&rng, 256);
  ck_assert (g_file_set_contents (path, (const char *) junk, sizeof junk, NULL));
  assert_recovers (path, empty, none, 0, "0 run(s) were read back");
}
END_TEST

START_TEST (test_later_version_left_alone)
{
  g_autofree char *path = index_path ();
  g_autoptr(CgRunIndex) index G_GNUC_UNUSED = save_three (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRunIndex) loaded = NULL;
  g_autofree char *before = NULL, *after = NULL;

  corrupt (path, "Cinegan runs 1", "Cinegan runs 7");
  before = cg_test_read_text (path);
  loaded = cg_run_index_load (path, &error);
  ck_assert_ptr_null (loaded);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_VERSION));
  ck_assert_msg (strstr (error->message, "later version") != NULL, "%s", error->message);
  after = cg_test_read_text (path);
  ck_assert_str_eq (before, after);
}
END_TEST

/* A later version's keys and columns are read past; its runs still load. */
START_TEST (test_unknown_keys_and_columns)
{
  g_autofree char *path = index_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GString *block = g_string_new ("run 20261203T000000Z-00000001\nname Future\ncreated 5\n"
                                 "seconds 2.5\noutcome failed\nsetting adv-weight 0.5\n"
                                 "setting future-knob 3\nflavour strawberry\n"
                                 "columns ndcg future_figure loss_d\nepoch 1 0.25 9 -\n"
                                 "epoch 3 0.5 9 0.69\n");
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, block->str, -1);
  g_autofree char *text = g_strdup_printf ("Cinegan runs 1\n\n%send %s\n", block->str, sum);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRunIndex) index = NULL;
  const CgRun *run;
  const CgEpochRecord *last;

  g_string_free (block, TRUE);
  g_mkdir_with_parents (dir, 0700);
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  index = cg_run_index_load (path, &error);
  ck_assert_msg (index != NULL, "%s", error ? error->message : "");
  ck_assert_ptr_null (cg_run_index_get_recovery (index));
  run = cg_run_index_get_run (index, 0);
  ck_assert_str_eq (run->name, "Future");
  ck_assert_int_eq (run->outcome, CG_RUN_FAILED);
  ck_assert_str_eq (cg_run_get_setting (run, "future-knob"), "3");
  ck_assert_uint_eq (run->history->len, 2);
  last = cg_run_get_final (run);
  ck_assert_uint_eq (last->epoch, 3);
  ck_assert (last->ndcg == 0.5 && last->loss_d == 0.69);
  ck_assert (isnan (g_array_index (run->history, CgEpochRecord, 0).loss_d));
  ck_assert (isnan (last->recall));
}
END_TEST

/* What the Training page lists and compares. */
START_TEST (test_summaries)
{
  g_autoptr(CgRun) a = make_run ("a", 0.0, 3);
  g_autoptr(CgRun) b = make_run ("b", 1.0, 4);
  g_autoptr(CgRun) plain = NULL;
  g_autofree char *describe_a = cg_run_describe_settings (a);
  g_autofree char *describe_plain = NULL;
  g_auto(GStrv) differ = NULL;
  g_autoptr(GError) error = NULL;
  CgCganConfig defaults, config;
  CgRun *runs[2];
  guint epoch;
  double best;

  ck_assert_msg (strstr (describe_a, "adv-weight 0") != NULL, "%s", describe_a);
  ck_assert_msg (strstr (describe_a, "epochs 3") != NULL, "%s", describe_a);
  /* The thread count changes speed, not the model. */
  cg_cgan_config_init (&defaults);
  defaults.threads = defaults.threads + 1;
  plain = cg_run_new ("plain", &defaults);
  describe_plain = cg_run_describe_settings (plain);
  ck_assert_str_eq (describe_plain, "");

  runs[0] = a;
  runs[1] = b;
  differ = cg_runs_differing_settings (runs, 2);
  ck_assert_uint_eq (g_strv_length (differ), 2);
  ck_assert_str_eq (differ[0], "epochs");
  ck_assert_str_eq (differ[1], "adv-weight");
  g_clear_pointer (&differ, g_strfreev);
  runs[1] = a;
  differ = cg_runs_differing_settings (runs, 2);
  ck_assert_uint_eq (g_strv_length (differ), 0);

  /* b's NDCG, 0.1 + 0.3/e + 0.01e for e = 1…4, is highest at epoch 1. */
  best = cg_run_get_best (b, "ndcg", &epoch);
  ck_assert_uint_eq (epoch, 1);
  ck_assert (fabs (best - 0.41) < 1e-12);
  ck_assert (isnan (cg_run_get_best (b, "coverage", &epoch)));
  ck_assert_uint_eq (epoch, 0);
  ck_assert_uint_eq (cg_run_get_final (b)->epoch, 4);

  ck_assert_msg (cg_run_get_config (b, &config, &error), "%s", error ? error->message : "");
  ck_assert (config.adv_weight == 1.0 && config.epochs == 4);
  /* A setting whose value is no longer valid says which run. */
  g_free (b->settings[0]);
  b->settings[0] = g_strdup_printf ("%s=banana", cg_cgan_config_fields (NULL)[0].name);
  ck_assert (!cg_run_get_config (b, &config, &error));
  ck_assert_msg (strstr (error->message, "Run “b”") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_text_escapes)
{
  const char *samples[] = { "", "plain", "tab\there", "new\nline\r\n", "back\\slash\\n",
                            "\x01\x1f\x7f", "Amélie (2001) 🎬" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const double values[] = { 0.3, 1.0 / 3.0, 1e-300, -2.5e17, 5e-324, 0.1 + 0.2 };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *escaped = cg_text_escape (samples[i]);
      g_autofree char *back = cg_text_unescape (escaped, strlen (escaped));

      ck_assert_msg (strpbrk (escaped, "\n\r\t") == NULL, "%s", escaped);
      ck_assert_str_eq (back, samples[i]);
    }
  ck_assert_ptr_null (cg_text_unescape ("bad\\q", 5));
  ck_assert_ptr_null (cg_text_unescape ("cut\\", 4));
  ck_assert_ptr_null (cg_text_unescape ("\\x4", 3));
  ck_assert_ptr_null (cg_text_unescape ("\\x00", 4));

  ck_assert_str_eq (cg_text_format_double (buf, 0.3), "0.3");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    ck_assert (g_ascii_strtod (cg_text_format_double (buf, values[i]), NULL) == values[i]);
}
END_TEST

static Suite *
run_index_suite (void)
{
  Suite *suite = suite_create ("run-index");
  TCase *tc = tcase_create ("run-index");

  tcase_add_checked_fixture (tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_missing_file_is_empty);
  tcase_add_test (tc, test_edits);
  tcase_add_test (tc, test_insert);
  tcase_add_test (tc, test_flipped_byte);
  tcase_add_test (tc, test_torn_end);
  tcase_add_test (tc, test_stray_lines);
  tcase_add_test (tc, test_no_header);
  tcase_add_test (tc, test_garbage_file);
  tcase_add_test (tc, test_later_version_left_alone);
  tcase_add_test (tc, test_unknown_keys_and_columns);
  tcase_add_test (tc, test_summaries);
  tcase_add_test (tc, test_text_escapes);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (run_index_suite ());
}
