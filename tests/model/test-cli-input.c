/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli-input.c: cinegan-cli against hostile arguments and files.
 *
 * Every numeric option of every command, read from its own --help-all so that options
 * added later are covered without editing this test, must refuse NaN and infinities as a
 * usage error (exit 2) naming the option. Training checks its destinations and its memory
 * before it starts, caps threads at the cores, and a model is refused on data that is not
 * what it was trained on. A FIFO never hangs a command.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-test-util.h"

static char *data_dir;
static char *empty_dir;

static void
setup (void)
{
  CgSyntheticSpec spec;

  cg_test_tmp_setup ();
  data_dir = cg_test_tmp_subdir ("data");
  empty_dir = cg_test_tmp_subdir ("empty");
  cg_synthetic_spec_init (&spec);
  spec.seed = 8;
  cg_test_write_synthetic (data_dir, &spec);
}

static void
teardown (void)
{
  g_clear_pointer (&data_dir, g_free);
  g_clear_pointer (&empty_dir, g_free);
  cg_test_tmp_teardown ();
}

/* Runs cinegan-cli with argv (NULL-terminated, without the program); returns the exit
 * status, out and err (may be NULL) receive the output. */
static int
run_argv (const char *const *args,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) CG_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &o, &e, &wait_status, &error),
                 "spawn: %s", error ? error->message : "");
  ck_assert (WIFEXITED (wait_status));
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return WEXITSTATUS (wait_status);
}

#define run_cli(out, err, ...) run_argv ((const char *const[]) { __VA_ARGS__, NULL }, out, err)

#define SMALL "--epochs", "1", "--threads", "1", "--embed-dim", "4", "--noise-dim", "2", \
  "--hidden-dim", "8", "--batch-size", "64"

/* "--name=ARG" options of a command's --help-all whose ARG is not a path or a name. */
static GPtrArray *
numeric_options (const char *command)
{
  const char *not_numbers[] = { "FILE", "DIR", "NAME", "FORMAT", "csv", NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *options = g_ptr_array_new_with_free_func (g_free);

  ck_assert_int_eq (run_cli (&out, NULL, command, "--help-all"), 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *dashes = strstr (lines[i], "--");
      const char *eq;
      g_autofree char *arg = NULL;

      if (dashes == NULL || !g_ascii_isspace (lines[i][0]))
        continue;
      eq = strchr (dashes, '=');
      if (eq == NULL || strchr (dashes, ' ') < eq)
        continue;
      arg = g_strndup (eq + 1, strcspn (eq + 1, " "));
      if (g_strv_contains (not_numbers, arg))
        continue;
      g_ptr_array_add (options, g_strndup (dashes, eq - dashes));
    }
  return options;
}

START_TEST (test_non_finite_values_are_usage_errors)
{
  const char *commands[] = { "info", "eval", "recommend", "train", "bench", "model-info" };
  const char *values[] = { "nan", "NaN", "-nan", "inf", "-inf", "1e999", "-1e999" };
  guint n_checked = 0;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autoptr(GPtrArray) options = numeric_options (commands[c]);

      for (guint o = 0; o < options->len; o++)
        for (guint v = 0; v < G_N_ELEMENTS (values); v++)
          {
            const char *option = g_ptr_array_index (options, o);
            g_autofree char *err = NULL;
            int status = run_cli (NULL, &err, commands[c], option, values[v], "-d", empty_dir);

            ck_assert_msg (status == 2, "%s %s %s: exit %d: %s", commands[c], option,
                           values[v], status, err);
            ck_assert_msg (strstr (err, option + 2) != NULL, "%s %s %s: %s", commands[c],
                           option, values[v], err);
            n_checked++;
          }
    }
  /* train and bench have an option per setting: the scan found them. */
  ck_assert_uint_gt (n_checked, 2 * 25 * G_N_ELEMENTS (values));

  /* The one the probe found: a validation fraction of NaN used to evaluate on the test
   * split. */
  {
    g_autofree char *err = NULL;

    ck_assert_int_eq (run_cli (NULL, &err, "train", "-d", data_dir, SMALL,
                               "--validation", "nan"), 2);
    ck_assert_msg (strstr (err, "--validation") != NULL, "%s", err);
  }
}
END_TEST

START_TEST (test_threads_capped_at_cores)
{
  g_autofree char *model = g_build_filename (cg_test_tmp_root (), "m.cgan", NULL);
  g_autofree char *out = NULL, *err = NULL, *want = NULL;

  ck_assert_int_eq (run_cli (&out, &err, "train", "-d", data_dir, SMALL, "--threads", "1000",
                             "--save", model), 0);
  ck_assert_msg (strstr (err, "--threads 1000 is more than") != NULL, "%s", err);
  g_clear_pointer (&out, g_free);
  ck_assert_int_eq (run_cli (&out, NULL, "model-info", model), 0);
  want = g_strdup_printf ("  threads          %u\n", g_get_num_processors ());
  ck_assert_msg (strstr (out, want) != NULL, "%s", out);
}
END_TEST

/* Nothing trains when the result could not be saved. */
START_TEST (test_destinations_checked_before_training)
{
  g_autofree char *plain = g_build_filename (cg_test_tmp_root (), "plain", NULL);
  g_autofree char *under_file = g_build_filename (plain, "m.cgan", NULL);
  g_autofree char *locked = g_build_filename (cg_test_tmp_root (), "locked.cgan", NULL);
  g_autofree char *fifo = g_build_filename (cg_test_tmp_root (), "fifo.tsv", NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;

  cg_test_write_file (cg_test_tmp_root (), "plain", "", 0);
  ck_assert_int_eq (run_cli (&out, &err, "train", "-d", data_dir, SMALL, "--save",
                             under_file), 2);
  ck_assert_msg (strstr (err, "--save") != NULL && strstr (err, "m.cgan") != NULL, "%s", err);
  ck_assert_msg (strstr (out, "epoch") == NULL, "trained anyway: %s", out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A read-only model is refused, with what to do, and left as it was. */
  cg_test_write_file (cg_test_tmp_root (), "locked.cgan", "precious", -1);
  ck_assert (g_chmod (locked, 0444) == 0);
  ck_assert_int_eq (run_cli (&out, &err, "train", "-d", data_dir, SMALL, "--save", locked), 2);
  ck_assert_msg (strstr (err, "read-only") != NULL && strstr (err, "writable") != NULL, "%s",
                 err);
  ck_assert_msg (strstr (out, "epoch") == NULL, "trained anyway: %s", out);
  ck_assert (g_file_get_contents (locked, &contents, NULL, NULL));
  ck_assert_str_eq (contents, "precious");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Where the recommendations go too; a FIFO is no file to write them to. */
  ck_assert (mkfifo (fifo, 0600) == 0);
  ck_assert_int_eq (run_cli (&out, &err, "train", "-d", data_dir, SMALL, "--recommend-all",
                             fifo), 2);
  ck_assert_msg (strstr (err, "--recommend-all") != NULL && strstr (err, "FIFO") != NULL,
                 "%s", err);
  g_chmod (locked, 0644);
}
END_TEST

/* Each setting within its range, together too large: refused before training, naming them. */
START_TEST (test_memory_checked_before_training)
{
  g_autofree char *out = NULL, *err = NULL;

  ck_assert_int_eq (run_cli (&out, &err, "train", "-d", data_dir, "--epochs", "1",
                             "--embed-dim", "4096", "--noise-dim", "4096",
                             "--hidden-dim", "16384"), 2);
  ck_assert_msg (strstr (err, "memory") != NULL && strstr (err, "embed-dim") != NULL
                 && strstr (err, "hidden-dim") != NULL, "%s", err);
  ck_assert_msg (strstr (out, "epoch") == NULL, "trained anyway: %s", out);
}
END_TEST

START_TEST (test_fifo_never_hangs)
{
  g_autofree char *fifo = g_build_filename (cg_test_tmp_root (), "x.cgan", NULL);
  g_autofree char *err = NULL;

  ck_assert (mkfifo (fifo, 0600) == 0);
  ck_assert_int_eq (run_cli (NULL, &err, "model-info", fifo), 1);
  ck_assert_msg (strstr (err, "FIFO") != NULL, "%s", err);
}
END_TEST

/* Rewrites dir/name with the first line whose rating is 4 or 5 rated 1 instead. */
static void
demote_first_positive (const char *dir,
                       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) == 4 && (strcmp (fields[2], "4") == 0
                                          || strcmp (fields[2], "5") == 0))
        {
          g_free (lines[i]);
          lines[i] = g_strdup_printf ("%s\t%s\t1\t%s", fields[0], fields[1], fields[3]);
          break;
        }
    }
  joined = g_strjoinv ("\n", lines);
  cg_test_write_file (dir, name, joined, -1);
}

/* A model trained on u1 and evaluated on a folder whose u1 holds other ratings of the same
 * users and movies: refused, with both digests. */
START_TEST (test_model_refused_on_other_ratings)
{
  g_autofree char *model = g_build_filename (cg_test_tmp_root (), "m.cgan", NULL);
  g_autofree char *other = cg_test_tmp_subdir ("other");
  g_autofree char *out = NULL, *err = NULL;
  CgSyntheticSpec spec;

  ck_assert_int_eq (run_cli (NULL, NULL, "train", "-d", data_dir, SMALL, "--save", model), 0);
  cg_synthetic_spec_init (&spec);
  spec.seed = 8;
  cg_test_write_synthetic (other, &spec);
  ck_assert_int_eq (run_cli (NULL, NULL, "eval", "-d", other, "--model", model), 0);

  demote_first_positive (other, "u1.base");
  ck_assert_int_eq (run_cli (&out, &err, "eval", "-d", other, "--model", model), 1);
  ck_assert_msg (strstr (err, "different dataset") != NULL
                 && strstr (err, "model:   ") != NULL && strstr (err, "dataset: ") != NULL
                 && strstr (err, "train digest") != NULL, "%s", err);
}
END_TEST

static Suite *
cli_input_suite (void)
{
  Suite *s = suite_create ("cli-input");
  TCase *tc = tcase_create ("cli-input");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_non_finite_values_are_usage_errors);
  tcase_add_test (tc, test_threads_capped_at_cores);
  tcase_add_test (tc, test_destinations_checked_before_training);
  tcase_add_test (tc, test_memory_checked_before_training);
  tcase_add_test (tc, test_fifo_never_hangs);
  tcase_add_test (tc, test_model_refused_on_other_ratings);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (cli_input_suite ());
}
