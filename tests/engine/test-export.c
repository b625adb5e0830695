/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-export.c: the CSV exports read back to exactly what was exported.
 *
 * The history CSV is parsed with the project's own RFC 4180 reader and every cell compared
 * bit for bit with the history (an empty cell where a figure was not measured); the CLI's
 * `model-info FILE --history csv` must print the same bytes. The recommendations CSV keeps
 * titles with commas and quotes whole, and names the reasons. The field writer is checked
 * against the reader on awkward fields.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cg-csv.h"
#include "cg-epoch-fields.h"
#include "cg-export.h"
#include "cg-model-file.h"
#include "cg-test-util.h"

static GPtrArray *
read_records (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  CgCsvReader reader;
  CgField fields[32];
  guint n;
  CgCsvStatus status;

  cg_csv_reader_init (&reader, csv, strlen (csv));
  while ((status = cg_csv_reader_next (&reader, fields, G_N_ELEMENTS (fields), &n))
         == CG_CSV_RECORD)
    {
      char **row = g_new0 (char *, n + 1);

      ck_assert_uint_le (n, G_N_ELEMENTS (fields));
      for (guint f = 0; f < n; f++)
        row[f] = g_strndup (fields[f].text, fields[f].len);
      g_ptr_array_add (rows, row);
    }
  ck_assert_int_eq (status, CG_CSV_END);
  cg_csv_reader_clear (&reader);
  return rows;
}

static GArray *
some_history (void)
{
  GArray *history = g_array_new (FALSE, FALSE, sizeof (CgEpochRecord));

  for (guint e = 1; e <= 4; e++)
    {
      CgEpochRecord r;

      cg_epoch_record_init (&r);
      r.epoch = e;
      r.loss_d = 0.69314718055994529 / e;
      r.loss_g = 1.0 / 3.0 * e;
      r.ndcg = 0.1 * e + 1e-17;
      r.seconds = 1e-9 * e;
      r.d_accuracy_real = e == 3 ? NAN : 0.5 + 0.01 * e;
      r.g_entropy = 7.42 - e;
      g_array_append_val (history, r);
    }
  return history;
}

static void
assert_csv_is_history (const char          *csv,
                       const CgEpochRecord *records,
                       guint                n_records)
{
  g_autoptr(GPtrArray) rows = read_records (csv);
  guint n_fields;
  const CgEpochField *fields = cg_epoch_fields (&n_fields);
  char **header;

  ck_assert_uint_eq (rows->len, n_records + 1);
  header = rows->pdata[0];
  ck_assert_uint_eq (g_strv_length (header), n_fields + 1);
  ck_assert_str_eq (header[0], "epoch");
  for (guint f = 0; f < n_fields; f++)
    ck_assert_str_eq (header[f + 1], fields[f].name);
  for (guint r = 0; r < n_records; r++)
    {
      char **row = rows->pdata[r + 1];

      ck_assert_uint_eq (g_strv_length (row), n_fields + 1);
      ck_assert_uint_eq (g_ascii_strtoull (row[0], NULL, 10), records[r].epoch);
      for (guint f = 0; f < n_fields; f++)
        {
          double want = cg_epoch_record_get (&records[r], &fields[f]);

          if (isnan (want))
            ck_assert_msg (row[f + 1][0] == '\0', "epoch %u %s: “%s” for NaN",
                           records[r].epoch, fields[f].name, row[f + 1]);
          else
            ck_assert_msg (g_ascii_strtod (row[f + 1], NULL) == want,
                           "epoch %u %s: “%s” for %.17g", records[r].epoch, fields[f].name,
                           row[f + 1], want);
        }
    }
}

START_TEST (test_history_csv)
{
  g_autoptr(GArray) history = some_history ();
  g_autofree char *csv = cg_export_history_csv ((CgEpochRecord *) (gpointer) history->data,
                                                history->len);
  g_autofree char *empty = cg_export_history_csv (NULL, 0);

  assert_csv_is_history (csv, (CgEpochRecord *) (gpointer) history->data, history->len);
  ck_assert (g_str_has_prefix (empty, "epoch,loss_d,"));
  ck_assert_uint_eq (strchr (empty, '\n') - empty + 1, strlen (empty));
}
END_TEST

/* `model-info FILE --history csv` prints the model's history, the same bytes as the
 * export. */
START_TEST (test_history_csv_cli)
{
  CgSyntheticSpec spec;
  g_autofree char *dir = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = some_history ();
  g_autoptr(CgCgan) model = NULL;
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *csv = NULL;
  CgCganConfig config;
  int status;
  const char *argv[] = { CG_CLI_PATH, "model-info", NULL, "--history", "csv", NULL };

  cg_synthetic_spec_init (&spec);
  ds = cg_test_load_synthetic (&spec, &dir);
  cg_cgan_config_init (&config);
  config.embed_dim = 4;
  config.noise_dim = 2;
  config.hidden_dim = 8;
  model = cg_cgan_new (&config, ds->n_users, ds->n_items, &error);
  ck_assert_msg (model != NULL, "%s", error ? error->message : "");
  for (guint r = 0; r < history->len; r++)
    cg_cgan_append_history (model, &g_array_index (history, CgEpochRecord, r));
  path = g_build_filename (dir, "m.cgan", NULL);
  ck_assert_msg (cg_model_file_save (path, model, ds, NULL, 0, &error), "%s",
                 error ? error->message : "");

  argv[2] = path;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                           &err, &status, &error));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "model-info: %s", err);
  csv = cg_export_history_csv ((CgEpochRecord *) (gpointer) history->data, history->len);
  ck_assert_str_eq (out, csv);
  assert_csv_is_history (out, (CgEpochRecord *) (gpointer) history->data, history->len);
  cg_test_remove_tree (dir);
}
END_TEST

START_TEST (test_csv_fields_round_trip)
{
  const char *samples[] = { "", "plain", "a,b", "say \"hi\"", "\"", "two\nlines", "cr\r\nlf",
                            " padded ", "Amélie (2001)", ",\",\n" };
  GString *line = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  char **row;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      cg_csv_append_field (line, samples[i]);
    }
  g_string_append_c (line, '\n');
  rows = read_records (line->str);
  ck_assert_uint_eq (rows->len, 1);
  row = rows->pdata[0];
  ck_assert_uint_eq (g_strv_length (row), G_N_ELEMENTS (samples));
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    ck_assert_str_eq (row[i], samples[i]);
  /* Only what needs it is quoted. */
  ck_assert (g_str_has_prefix (line->str, ",plain,\"a,b\","));
  g_string_free (line, TRUE);
}
END_TEST

START_TEST (test_recommendations_csv)
{
  CgSyntheticSpec spec;
  g_autofree char *dir = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL, *plain = NULL;
  CgRecommendation recs[2];
  CgReason reasons[2 * 2];
  guint n_reasons[2] = { 2, 0 };
  char **row;
  const CgMovie *first, *liked0, *liked1;

  cg_synthetic_spec_init (&spec);
  ds = cg_test_load_synthetic (&spec, &dir);
  /* A title that needs quoting, as MovieLens has many. */
  g_free (ds->catalog->movies[cg_catalog_position (ds->catalog, ds->movie_ids[3])].title);
  ds->catalog->movies[cg_catalog_position (ds->catalog, ds->movie_ids[3])].title =
    g_strdup ("Good, the Bad and the \"Ugly\", The (1966)");
  recs[0] = (CgRecommendation) { 3, 2.5f, TRUE };
  recs[1] = (CgRecommendation) { 7, -0.125f, FALSE };
  reasons[0] = (CgReason) { 1, 0.5f };
  reasons[1] = (CgReason) { 2, 0.25f };

  csv = cg_export_recommendations_csv (ds, recs, 2, TRUE, reasons, 2, n_reasons);
  rows = read_records (csv);
  ck_assert_uint_eq (rows->len, 3);
  ck_assert_str_eq (((char **) rows->pdata[0])[0], "rank");
  ck_assert_uint_eq (g_strv_length (rows->pdata[0]), 8);
  row = rows->pdata[1];
  first = cg_dataset_movie (ds, 3);
  liked0 = cg_dataset_movie (ds, 1);
  liked1 = cg_dataset_movie (ds, 2);
  ck_assert_str_eq (row[0], "1");
  ck_assert_uint_eq (g_ascii_strtoull (row[1], NULL, 10), first->movie_id);
  ck_assert_str_eq (row[2], "Good, the Bad and the \"Ugly\", The (1966)");
  ck_assert (g_ascii_strtod (row[5], NULL) == 2.5);
  ck_assert_str_eq (row[6], "1");
  {
    g_autofree char *because = g_strdup_printf ("%s; %s", liked0->title, liked1->title);

    ck_assert_str_eq (row[7], because);
  }
  row = rows->pdata[2];
  ck_assert_str_eq (row[6], "0");
  ck_assert_str_eq (row[7], "");
  ck_assert (g_ascii_strtod (row[5], NULL) == -0.125);

  /* "You": no hit column values, no reasons. */
  plain = cg_export_recommendations_csv (ds, recs, 2, FALSE, NULL, 0, NULL);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = read_records (plain);
  ck_assert_str_eq (((char **) rows->pdata[1])[6], "");
  ck_assert_str_eq (((char **) rows->pdata[1])[7], "");
  cg_test_remove_tree (dir);
}
END_TEST

static Suite *
export_suite (void)
{
  Suite *suite = suite_create ("export");
  TCase *tc = tcase_create ("export");

  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_history_csv);
  tcase_add_test (tc, test_history_csv_cli);
  tcase_add_test (tc, test_csv_fields_round_trip);
  tcase_add_test (tc, test_recommendations_csv);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (export_suite ());
}
