/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-model-cli.c: model files through cinegan-cli — train --save, then eval and
 * recommend --model reproduce train's own output byte for byte, and model-info describes
 * the file without the dataset.
 *
 * The round trip that matters is save → load → identical recommendations via the CLI. It
 * runs the real binary on a small synthetic dataset, so it also covers option parsing and
 * exit statuses (0 ok, 1 data error, 2 usage). Also: bench prints every figure it promises
 * (their values are timings, checked by nobody here), and its synthetic sizes print
 * figures in range.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-test-util.h"

static char *tmp_dir;
static char *data_dir;

static void
setup (void)
{
  CgSyntheticSpec spec;

  tmp_dir = cg_test_make_temp_dir ();
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  g_mkdir (data_dir, 0700);
  cg_synthetic_spec_init (&spec);
  spec.seed = 5;
  cg_test_write_synthetic (data_dir, &spec);
}

static void
teardown (void)
{
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&data_dir, g_free);
}

/* Runs cinegan-cli with the NULL-terminated arguments; returns the exit status. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) CG_CLI_PATH);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &wait_status, &error),
                 "spawn: %s", error ? error->message : "");
  ck_assert (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* The last non-empty line of text, newly allocated. */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && lines[n - 1][0] == '\0')
    n--;
  return n > 0 ? g_strdup (lines[n - 1]) : g_strdup ("");
}

#define TRAIN_OPTIONS "--epochs", "2", "--threads", "1", "--embed-dim", "8", \
  "--noise-dim", "4", "--hidden-dim", "16", "--batch-size", "64"

START_TEST (test_save_then_reproduce)
{
  g_autofree char *model = g_build_filename (tmp_dir, "m.cgan", NULL);
  g_autofree char *recs = g_build_filename (tmp_dir, "train.tsv", NULL);
  g_autofree char *out = NULL, *err = NULL, *train_metrics = NULL, *eval_metrics = NULL;
  g_autofree char *train_recs = NULL;
  int status;

  status = run_cli (&out, &err, "train", "-d", data_dir, TRAIN_OPTIONS, "--save", model,
                    "--recommend-all", recs, NULL);
  ck_assert_msg (status == 0, "train: %s", err);
  train_metrics = last_line (out);
  ck_assert_msg (g_str_has_prefix (train_metrics, "Recall@10"), "%s", train_metrics);
  ck_assert (g_file_get_contents (recs, &train_recs, NULL, NULL));
  ck_assert_uint_gt (strlen (train_recs), 100);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same recommendations, bit for bit (%.9g round-trips a float). */
  status = run_cli (&out, &err, "recommend", "-d", data_dir, "--model", model,
                    "--all-users", "--format", "tsv", NULL);
  ck_assert_msg (status == 0, "recommend: %s", err);
  ck_assert_msg (strcmp (out, train_recs) == 0, "recommendations differ after loading");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same metrics as train printed. */
  status = run_cli (&out, &err, "eval", "-d", data_dir, "--model", model, NULL);
  ck_assert_msg (status == 0, "eval: %s", err);
  eval_metrics = last_line (out);
  ck_assert_str_eq (eval_metrics, train_metrics);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* model-info needs no dataset. */
  status = run_cli (&out, &err, "model-info", model, NULL);
  ck_assert_msg (status == 0, "model-info: %s", err);
  ck_assert_msg (strstr (out, "format           version 2") != NULL, "%s", out);
  ck_assert_msg (strstr (out, "split u1, threshold 4, 40 items") != NULL, "%s", out);
  ck_assert_msg (strstr (out, "  hidden-dim       16\n") != NULL, "%s", out);
  ck_assert_msg (strstr (out, "training         2 epochs") != NULL, "%s", out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "model-info", "--json", "--history", model, NULL);
  ck_assert_msg (status == 0, "model-info --json: %s", err);
  ck_assert_msg (strstr (out, "\"epochs\":2") != NULL, "%s", out);
  ck_assert_msg (strstr (out, "\"split\":\"u1\"") != NULL, "%s", out);
  ck_assert_msg (strstr (out, "\"format\":\"ml-100k\"") != NULL, "%s", out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The history as CSV: a header naming every figure, one line per epoch. */
  status = run_cli (&out, &err, "model-info", model, "--history", "csv", NULL);
  ck_assert_msg (status == 0, "model-info --history csv: %s", err);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    ck_assert_uint_eq (g_strv_length (lines), 4);
    ck_assert_msg (g_str_has_prefix (lines[0], "epoch,loss_d,loss_g,recall,ndcg,hit_rate,"
                                     "seconds"), "%s", lines[0]);
    ck_assert (g_str_has_prefix (lines[1], "1,") && g_str_has_prefix (lines[2], "2,"));
    ck_assert_str_eq (lines[3], "");
  }
}
END_TEST

START_TEST (test_errors)
{
  g_autofree char *model = g_build_filename (tmp_dir, "m.cgan", NULL);
  g_autofree char *cut = g_build_filename (tmp_dir, "cut.cgan", NULL);
  g_autofree char *other_dir = g_build_filename (tmp_dir, "other", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_dir, "missing", "m.cgan", NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  gsize len;
  CgSyntheticSpec spec;
  int status;

  /* A missing folder is refused before training, as a usage error. */
  status = run_cli (&out, &err, "train", "-d", data_dir, TRAIN_OPTIONS, "--save", nowhere,
                    NULL);
  ck_assert_int_eq (status, 2);
  ck_assert_msg (strstr (err, "no folder") != NULL, "%s", err);
  ck_assert_str_eq (out, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "train", "-d", data_dir, TRAIN_OPTIONS, "--save", model,
                    NULL);
  ck_assert_msg (status == 0, "train: %s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Another dataset (split u2 of other data): a mismatch naming both. */
  g_mkdir (other_dir, 0700);
  cg_synthetic_spec_init (&spec);
  spec.split = "u2";
  cg_test_write_synthetic (other_dir, &spec);
  status = run_cli (&out, &err, "eval", "-d", other_dir, "-s", "u2", "--model", model, NULL);
  ck_assert_int_eq (status, 1);
  ck_assert_msg (strstr (err, "different dataset") != NULL
                 && strstr (err, "split u1") != NULL && strstr (err, "split u2") != NULL
                 && strstr (err, "m.cgan") != NULL, "%s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A damaged file, for each command that reads one. */
  ck_assert (g_file_get_contents (model, &contents, &len, NULL));
  ck_assert (g_file_set_contents (cut, contents, (gssize) len / 2, NULL));
  status = run_cli (&out, &err, "model-info", cut, NULL);
  ck_assert_int_eq (status, 1);
  ck_assert_msg (strstr (err, "cut.cgan") != NULL && strstr (err, "truncated") != NULL,
                 "%s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "recommend", "-d", data_dir, "--model", cut, "--user", "1",
                    NULL);
  ck_assert_int_eq (status, 1);
  ck_assert_msg (strstr (err, "truncated") != NULL, "%s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "model-info", NULL);
  ck_assert_int_eq (status, 2);
}
END_TEST

START_TEST (test_bench_reports)
{
  g_autofree char *out = NULL, *err = NULL;
  static const char *const lines[] = {
    "cinegan bench: split u1,",
    "as one call on OpenBLAS's threads,",
    "split across 2 threads",
    "1024×1024×1024:",
    "training        2 epochs, median epoch",
    "of one plain sgemm call of the",
    "each epoch against a",
    "phases          median seconds per epoch: drawing pairs and fakes ",
    "to NDCG@10 0.00  epoch 1:",
    "final           Recall@10",
    "recommend       ",
    "peak RSS        ",
  };
  int status;

  /* Two threads, so the team's products and kernels run; a target every epoch reaches. */
  status = run_cli (&out, &err, "bench", "-d", data_dir, "--epochs", "2", "--threads", "2",
                    "--embed-dim", "8", "--noise-dim", "4", "--hidden-dim", "16",
                    "--batch-size", "64", "--target", "0", "--no-ablation", NULL);
  ck_assert_msg (status == 0, "exit %d: %s", status, err);
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    ck_assert_msg (strstr (out, lines[l]) != NULL, "“%s” not in:\n%s", lines[l], out);
  ck_assert_msg (strstr (out, "nan") == NULL, "%s", out);
}
END_TEST

/* One row of the synthetic bench's table, read back. */
typedef struct
{
  char    shape[64];
  char    softmax[16];
  double  generate_s, epoch_s, ndcg, popularity, peak_mb, estimate_mb;
  guint64 positives;
  guint   epochs;
  gboolean refused;
  gboolean projected;   /* the epoch time is projected from the first epoch's steps */
} BenchRow;

static gboolean
parse_bench_row (const char *line,
                 BenchRow   *row)
{
  char epoch[32];

  memset (row, 0, sizeof *row);
  if (sscanf (line, "%63s %15s %lf s %" G_GUINT64_FORMAT " %31s", row->shape, row->softmax,
              &row->generate_s, &row->positives, epoch) != 5)
    return FALSE;
  row->refused = strcmp (epoch, "refused") == 0;
  if (row->refused)
    return sscanf (line, "%*s %*s %*f s %*u refused - - %lf %lf MiB %lf MiB",
                   &row->popularity, &row->peak_mb, &row->estimate_mb) == 3;
  row->projected = epoch[0] == '~';
  return sscanf (line, row->projected ? "%*s %*s %*f s %*u ~%lf s %u %lf %lf %lf MiB %lf MiB"
                                      : "%*s %*s %*f s %*u %lf s %u %lf %lf %lf MiB %lf MiB",
                 &row->epoch_s, &row->epochs, &row->ndcg, &row->popularity, &row->peak_mb,
                 &row->estimate_mb) == 6;
}

/* The table's row for shape, or FALSE. */
static gboolean
find_bench_row (const char *out,
                const char *shape,
                BenchRow   *row)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint l = 0; lines[l] != NULL; l++)
    if (g_str_has_prefix (lines[l], shape) && lines[l][strlen (shape)] == ' '
        && parse_bench_row (lines[l], row))
      return TRUE;
  return FALSE;
}

#define TINY_NET "--threads", "1", "--embed-dim", "8", "--noise-dim", "4", "--hidden-dim", "16", \
                 "--batch-size", "256"

/* Two sizes in one run: each has its block and its table row, with figures in range; the
 * training positives are what the random split leaves of the shape's (a fifth held out). */
START_TEST (test_bench_synthetic)
{
  g_autofree char *out = NULL, *err = NULL;
  static const char *const shapes[] = { "200x300x4000", "300x500x8000" };
  static const guint64 positives[] = { 4000, 8000 };
  static const char *const lines[] = {
    "cinegan bench: 2 synthetic sizes, seed 42, 1 thread, at most 3 epochs",
    "synthetic 200x300x4000: 200 users × 300 items, ",
    "synthetic 300x500x8000: 300 users × 500 items, ",
    "split random:0.2:1",
    "  generate      ",
    "  memory        training with the full softmax needs about ",
    "  training      3 epochs, median epoch ",
    "  NDCG@10       ",
    "  popularity    NDCG@10 ",
    "  peak RSS      ",
    "shape                       softmax   generate    positives      epoch  epochs",
  };
  int status;

  status = run_cli (&out, &err, "bench", "--synthetic", shapes[0], "--synthetic", shapes[1],
                    "--epochs", "3", TINY_NET, NULL);
  ck_assert_msg (status == 0, "exit %d: %s", status, err);
  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    ck_assert_msg (strstr (out, lines[l]) != NULL, "“%s” not in:\n%s", lines[l], out);
  ck_assert_msg (strstr (out, "nan") == NULL, "%s", out);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      BenchRow row;

      ck_assert_msg (find_bench_row (out, shapes[s], &row), "no row for %s in:\n%s",
                     shapes[s], out);
      ck_assert (!row.refused && !row.projected);
      ck_assert_str_eq (row.softmax, "full");
      ck_assert_msg (row.positives > positives[s] * 7 / 10 && row.positives < positives[s],
                     "%s: %" G_GUINT64_FORMAT " training positives", shapes[s],
                     row.positives);
      ck_assert_uint_eq (row.epochs, 3);
      ck_assert (row.generate_s >= 0.0 && row.epoch_s > 0.0);
      ck_assert_msg (row.ndcg > 0.0 && row.ndcg <= 1.0, "NDCG %g", row.ndcg);
      ck_assert_msg (row.popularity > 0.0 && row.popularity <= 1.0, "popularity %g",
                     row.popularity);
      ck_assert (row.peak_mb > 0.0 && row.estimate_mb > 0.0);
    }
}
END_TEST

/* The sampled softmax, chosen by --softmax: named in the block and the table, with
 * figures in range. */
START_TEST (test_bench_synthetic_sampled)
{
  g_autofree char *out = NULL, *err = NULL;
  BenchRow row;
  int status;

  status = run_cli (&out, &err, "bench", "--synthetic", "300x500x8000", "--epochs", "3",
                    "--softmax", "sampled", "--sampled-candidates", "64", TINY_NET, NULL);
  ck_assert_msg (status == 0, "exit %d: %s", status, err);
  ck_assert_msg (strstr (out, "  memory        training with the sampled softmax needs about ")
                 != NULL, "%s", out);
  ck_assert (find_bench_row (out, "300x500x8000", &row));
  ck_assert_str_eq (row.softmax, "sampled");
  ck_assert (!row.refused && !row.projected);
  ck_assert_uint_eq (row.epochs, 3);
  ck_assert_msg (row.ndcg > 0.0 && row.ndcg <= 1.0, "NDCG %g", row.ndcg);
  ck_assert (row.epoch_s > 0.0 && row.peak_mb > 0.0);
}
END_TEST

/* --max-seconds stops a size within its first epoch when that is longer, with the epoch's
 * time projected from the steps done; a size the memory limit refuses says so and
 * keeps its generation figures; a bad shape is a usage error before anything runs. */
START_TEST (test_bench_synthetic_bounds)
{
  g_autofree char *out = NULL, *err = NULL;
  BenchRow row;
  int status;

  /* Batches of 256 of the 3,200 training positives: 13 steps an epoch, the budget ends the
   * first after its first step. */
  status = run_cli (&out, &err, "bench", "--synthetic", "200x300x4000", "--epochs", "50",
                    "--max-seconds", "1e-6", TINY_NET, NULL);
  ck_assert_msg (status == 0, "exit %d: %s", status, err);
  ck_assert_msg (strstr (out, "stopped at the time budget after 1 of 13 steps") != NULL, "%s",
                 out);
  ck_assert (find_bench_row (out, "200x300x4000", &row));
  ck_assert (row.projected);
  ck_assert_uint_eq (row.epochs, 0);
  ck_assert (row.epoch_s > 0.0 && row.ndcg > 0.0 && row.ndcg <= 1.0);
  /* Where that step went, phase by phase. */
  {
    const char *line = strstr (out, "  a step        ms in each phase: ");
    g_autofree char *text = NULL;
    g_auto(GStrv) parts = NULL;
    double sum = 0.0;

    ck_assert_msg (line != NULL, "%s", out);
    text = g_strndup (line, strcspn (line, "\n"));
    ck_assert_msg (strstr (text, "D forward ") != NULL && strstr (text, "G Adam ") != NULL,
                   "%s", text);
    parts = g_strsplit_set (text, " ,", -1);
    for (guint k = 0; parts[k] != NULL; k++)
      if (g_ascii_isdigit (parts[k][0]))
        sum += g_ascii_strtod (parts[k], NULL);
    ck_assert_msg (sum > 0.0, "%s", text);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);


  g_setenv ("CINEGAN_MAX_MEMORY", "1M", TRUE);
  status = run_cli (&out, &err, "bench", "--synthetic", "200x300x4000", TINY_NET, NULL);
  g_unsetenv ("CINEGAN_MAX_MEMORY");
  ck_assert_msg (status == 0, "exit %d: %s", status, err);
  ck_assert_msg (strstr (out, "not run: the full softmax cannot train this size within the "
                              "memory limit") != NULL, "%s", out);
  ck_assert (find_bench_row (out, "200x300x4000", &row));
  ck_assert (row.refused);
  ck_assert (row.popularity > 0.0 && row.estimate_mb > 1.0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (&out, &err, "bench", "--synthetic", "200x300x4000", "--synthetic",
                    "200x300", NULL);
  ck_assert_int_eq (status, 2);
  ck_assert_msg (strstr (err, "“200x300” is not a shape") != NULL, "%s", err);
  ck_assert_msg (strstr (out, "synthetic 200x300x4000") == NULL, "%s", out);
}
END_TEST

/* The side-by-side run against the PyTorch peer says when there is no torch to run, and
 * fails rather than print a ratio. */
START_TEST (test_bench_vs_torch_without_torch)
{
  g_autofree char *out = NULL, *err = NULL;
  int status;

  status = run_cli (&out, &err, "bench", "-d", data_dir, "--vs-torch", "--python", "false",
                    "--peer", CG_CLI_PATH, NULL);
  ck_assert_int_eq (status, 1);
  ck_assert_msg (strstr (out, "torch is not installed for false") != NULL, "%s", out);
  ck_assert_msg (strstr (out, "ratio") == NULL, "%s", out);
}
END_TEST

static Suite *
model_cli_suite (void)
{
  Suite *suite = suite_create ("model-cli");
  TCase *tc = tcase_create ("cli");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_save_then_reproduce);
  tcase_add_test (tc, test_errors);
  tcase_add_test (tc, test_bench_reports);
  tcase_add_test (tc, test_bench_vs_torch_without_torch);
  tcase_add_test (tc, test_bench_synthetic);
  tcase_add_test (tc, test_bench_synthetic_sampled);
  tcase_add_test (tc, test_bench_synthetic_bounds);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (model_cli_suite ());
}
