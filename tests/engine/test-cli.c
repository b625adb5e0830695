/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cli.c: cinegan-cli as a user runs it, on a synthetic MovieLens folder.
 *
 * Each test spawns the built binary (CG_CLI_PATH) in a clean environment — no
 * CINEGAN_DATA_DIR, XDG_DATA_HOME pointing at an empty folder — and checks its exit status
 * (0 ok, 1 data error, 2 usage error), its stdout and its stderr. What the output should
 * say is recomputed here: from the engine for the summary figures, and, for the TSV of
 * every user's top K, from the rating files themselves with a brute-force popularity
 * ranking, so the CLI's exclusion and tie-breaking are checked independently.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "cg-baseline.h"
#include "cg-dataset.h"
#include "cg-metrics.h"
#include "cg-test-util.h"

static char *syn_dir;     /* a good synthetic folder, split u1 */

static void
tmp_setup (void)
{
  CgSyntheticSpec spec;

  cg_test_tmp_setup ();
  syn_dir = cg_test_tmp_subdir ("synthetic");
  cg_synthetic_spec_init (&spec);
  spec.seed = 8;
  cg_test_write_synthetic (syn_dir, &spec);
}

static void
tmp_teardown (void)
{
  cg_test_tmp_teardown ();
  g_clear_pointer (&syn_dir, g_free);
}

/* A fresh synthetic folder that a test may break. */
static char *
make_synthetic (const char *name)
{
  char *dir = g_build_filename (cg_test_tmp_root (), name, NULL);
  CgSyntheticSpec spec;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  cg_synthetic_spec_init (&spec);
  spec.seed = 8;
  cg_test_write_synthetic (dir, &spec);
  return dir;
}

/* ---- running the binary ---- */

typedef struct
{
  int   status;   /* exit code, or -1 when killed by a signal */
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

static char **
clean_environment (void)
{
  char **env = g_get_environ ();
  g_autofree char *xdg = g_build_filename (cg_test_tmp_root (), "xdg-empty", NULL);

  env = g_environ_unsetenv (env, "CINEGAN_DATA_DIR");
  env = g_environ_setenv (env, "XDG_DATA_HOME", xdg, TRUE);
  env = g_environ_setenv (env, "OPENBLAS_NUM_THREADS", "1", TRUE);
  return env;
}

/* Runs cinegan-cli with args (NULL-terminated) in env (NULL: the clean one). */
static void
run_cli_env (CliRun             *run,
             char              **env,
             const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) clean = env == NULL ? clean_environment () : NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) CG_CLI_PATH);
  for (guint a = 0; args[a] != NULL; a++)
    g_ptr_array_add (argv, (gpointer) args[a]);
  g_ptr_array_add (argv, NULL);

  *run = (CliRun) { 0 };
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, env != NULL ? env : clean,
                               G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err, &wait_status,
                               &error),
                 "cannot run %s: %s", CG_CLI_PATH, error ? error->message : "?");
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

#define run_cli(run, ...) run_cli_env ((run), NULL, (const char *const[]) { __VA_ARGS__, NULL })

#define ASSERT_EXIT(run, expected)                                                        \
  ck_assert_msg ((run)->status == (expected), "exit %d, expected %d\nstdout: %s\nstderr: %s", \
                 (run)->status, (expected), (run)->out, (run)->err)

#define ASSERT_CONTAINS(text, piece)                                                       \
  ck_assert_msg (strstr ((text), (piece)) != NULL, "“%s” not in:\n%s", (piece), (text))

static CgDataset *
load_engine (const char *dir)
{
  g_autoptr(GError) error = NULL;
  CgDataset *ds = cg_dataset_load (dir, "u1", 4, &error);

  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  return ds;
}

static CgMetrics
engine_popularity (const CgDataset *ds,
                   guint            k)
{
  g_autoptr(CgBaseline) baseline = cg_baseline_new (CG_BASELINE_POPULARITY, ds, NULL);
  CgMetrics m;

  ck_assert_ptr_nonnull (baseline);
  cg_metrics_evaluate (&m, ds, k, cg_baseline_score, baseline, 64);
  return m;
}

/* ---- info ---- */

/* The number after "key" at the start of a line of info's output. */
static gboolean
info_field (const char *out,
            const char *format,
            gsize      *a,
            gsize      *b)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint l = 0; lines[l] != NULL; l++)
    if ((b == NULL && sscanf (lines[l], format, a) == 1)
        || (b != NULL && sscanf (lines[l], format, a, b) == 2))
      return TRUE;
  return FALSE;
}

START_TEST (test_info)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(CgDataset) ds = load_engine (syn_dir);
  gsize users, items, train, test, pos_train, pos_test, eval;

  run_cli (&run, "info", "--data-dir", syn_dir);
  ASSERT_EXIT (&run, 0);
  ck_assert_str_eq (run.err, "");
  ck_assert_msg (info_field (run.out, "users %zu", &users, NULL), "%s", run.out);
  ck_assert_msg (info_field (run.out, "items %zu", &items, NULL), "%s", run.out);
  ck_assert_msg (info_field (run.out, "ratings train %zu test %zu", &train, &test), "%s",
                 run.out);
  ck_assert_msg (info_field (run.out, "positives train %zu test %zu", &pos_train, &pos_test),
                 "%s", run.out);
  ck_assert_msg (info_field (run.out, "evaluated users %zu", &eval, NULL), "%s", run.out);

  /* The synthetic spec: 60 users with 8 likes + 3 dislikes; 3 of each user's likes held out. */
  ck_assert_uint_eq (users, 60);
  ck_assert_uint_eq (train + test, 60 * 11);
  ck_assert_uint_eq (test, 60 * 3);
  ck_assert_uint_eq (pos_test, 60 * 3);
  ck_assert_uint_eq (pos_train, 60 * 5);
  ck_assert_uint_eq (eval, 60);
  ck_assert_uint_eq (items, ds->n_items);
  ck_assert_uint_eq (eval, ds->n_eval_users);
}
END_TEST

/* ---- eval ---- */

START_TEST (test_eval_text)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(CgDataset) ds = load_engine (syn_dir);
  CgMetrics m = engine_popularity (ds, 10);
  g_autofree char *expected = g_strdup_printf ("Recall@10 %.4f  NDCG@10 %.4f  HitRate@10 %.4f"
                                               "  users %u  coverage %.4f (%u movies)  "
                                               "popularity %.1f\n", m.recall, m.ndcg,
                                               m.hit_rate, m.n_users, m.coverage, m.n_covered,
                                               m.mean_popularity);

  run_cli (&run, "eval", "--data-dir", syn_dir, "--baseline", "popularity");
  ASSERT_EXIT (&run, 0);
  ck_assert_str_eq (run.out, expected);
  ck_assert (g_regex_match_simple ("^Recall@10 [01]\\.\\d{4}  NDCG@10 [01]\\.\\d{4}  "
                                   "HitRate@10 [01]\\.\\d{4}  users 60  coverage [01]\\.\\d{4} "
                                   "\\(\\d+ movies\\)  popularity \\d+\\.\\d\\n$", run.out, 0, 0));
}
END_TEST

START_TEST (test_eval_k_and_split)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(CgDataset) ds = load_engine (syn_dir);
  CgMetrics m = engine_popularity (ds, 5);
  g_autofree char *expected = g_strdup_printf ("Recall@5 %.4f  NDCG@5 %.4f  HitRate@5 %.4f"
                                               "  users %u  coverage %.4f (%u movies)  "
                                               "popularity %.1f\n", m.recall, m.ndcg,
                                               m.hit_rate, m.n_users, m.coverage, m.n_covered,
                                               m.mean_popularity);

  run_cli (&run, "eval", "-d", syn_dir, "-b", "popularity", "-k", "5", "--split", "u1");
  ASSERT_EXIT (&run, 0);
  ck_assert_str_eq (run.out, expected);
}
END_TEST

START_TEST (test_eval_every_baseline)
{
  static const char *const names[] = { "popularity", "random", "itemknn", "ease" };

  for (guint b = 0; b < G_N_ELEMENTS (names); b++)
    {
      g_auto(CliRun) run = { 0 };

      run_cli (&run, "eval", "-d", syn_dir, "-b", names[b]);
      ASSERT_EXIT (&run, 0);
      ASSERT_CONTAINS (run.out, "users 60");
    }
}
END_TEST

START_TEST (test_eval_json)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(CgDataset) ds = load_engine (syn_dir);
  CgMetrics m = engine_popularity (ds, 7);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  run_cli (&run, "eval", "-d", syn_dir, "-b", "popularity", "-k", "7", "--json");
  ASSERT_EXIT (&run, 0);
  ck_assert_msg (json_parser_load_from_data (parser, run.out, -1, &error),
                 "not JSON (%s): %s", error ? error->message : "?", run.out);
  ck_assert (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  {
    static const char *const keys[] = { "recall", "ndcg", "hit_rate", "k", "users", "split" };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      ck_assert_msg (json_object_has_member (object, keys[k]), "no “%s” in %s", keys[k],
                     run.out);
  }
  ck_assert_double_eq_tol (json_object_get_double_member (object, "recall"), m.recall, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (object, "ndcg"), m.ndcg, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (object, "hit_rate"), m.hit_rate,
                           1e-9);
  ck_assert_int_eq (json_object_get_int_member (object, "k"), 7);
  ck_assert_int_eq (json_object_get_int_member (object, "users"), 60);
  ck_assert_str_eq (json_object_get_string_member (object, "split"), "u1");
  /* One object on one line. */
  ck_assert_ptr_eq (strchr (run.out, '\n'), run.out + strlen (run.out) - 1);
}
END_TEST

/* ---- recommend ---- */

typedef struct
{
  guint32 user, movie, rating;
} FileRating;

static GArray *
read_ratings (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FileRating));

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      FileRating r;

      if (lines[l][0] == '\0')
        continue;
      ck_assert_int_eq (sscanf (lines[l], "%u\t%u\t%u", &r.user, &r.movie, &r.rating), 3);
      g_array_append_val (out, r);
    }
  return out;
}

static gboolean
rated (GArray  *ratings,
       guint32  user,
       guint32  movie)
{
  for (guint r = 0; r < ratings->len; r++)
    {
      FileRating *x = &g_array_index (ratings, FileRating, r);

      if (x->user == user && x->movie == movie)
        return TRUE;
    }
  return FALSE;
}

static GHashTable *popularity_for_sort;

static guint
popularity_of (guint32 movie)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (popularity_for_sort, GUINT_TO_POINTER (movie)));
}

static int
by_popularity (const void *a,
               const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  guint px = popularity_of (x), py = popularity_of (y);

  if (px != py)
    return px > py ? -1 : 1;
  return (x > y) - (x < y);
}

START_TEST (test_recommend_all_users_tsv)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(GArray) base = read_ratings (syn_dir, "u1.base");
  g_autoptr(GArray) test = read_ratings (syn_dir, "u1.test");
  g_autoptr(GHashTable) popularity = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) items = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) users = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) eval_users = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) users_seen = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) lines = NULL;
  guint32 current_user = 0;
  guint expected_rank = 0, n_lines = 0;
  guint n_candidates = 0;
  const guint k = 6;

  /* Protocol from the files: positives ≥ 4, items over train ∪ test, evaluated users. */
  for (guint half = 0; half < 2; half++)
    {
      GArray *list = half == 0 ? base : test;

      for (guint r = 0; r < list->len; r++)
        {
          FileRating *x = &g_array_index (list, FileRating, r);
          gpointer u = GUINT_TO_POINTER (x->user);
          guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (users, u));

          g_hash_table_add (items, GUINT_TO_POINTER (x->movie));
          if (x->rating >= 4)
            flags |= half == 0 ? 1 : 2;
          g_hash_table_insert (users, u, GUINT_TO_POINTER (flags));
        }
    }
  for (guint r = 0; r < base->len; r++)
    {
      FileRating *x = &g_array_index (base, FileRating, r);

      if (x->rating >= 4)
        {
          gpointer m = GUINT_TO_POINTER (x->movie);

          g_hash_table_insert (popularity, m, GUINT_TO_POINTER (
                                 GPOINTER_TO_UINT (g_hash_table_lookup (popularity, m)) + 1));
        }
    }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, users);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (GPOINTER_TO_UINT (value) == 3)
        g_hash_table_add (eval_users, key);
    n_candidates = g_hash_table_size (items);
  }

  run_cli (&run, "recommend", "-d", syn_dir, "-b", "popularity", "--all-users", "--format",
           "tsv", "-k", "6");
  ASSERT_EXIT (&run, 0);

  popularity_for_sort = popularity;
  lines = g_strsplit (run.out, "\n", -1);
  ck_assert_str_eq (lines[g_strv_length (lines) - 1], "");
  for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[l], "\t", -1);
      guint32 user, rank, movie;
      char *end;
      double score;

      ck_assert_msg (g_strv_length (fields) == 4, "line %u: “%s”", l + 1, lines[l]);
      user = (guint32) strtoul (fields[0], NULL, 10);
      rank = (guint32) strtoul (fields[1], NULL, 10);
      movie = (guint32) strtoul (fields[2], NULL, 10);
      score = g_ascii_strtod (fields[3], &end);
      ck_assert_msg (*end == '\0', "score “%s”", fields[3]);

      if (user != current_user)
        {
          ck_assert_msg (expected_rank == 0 || expected_rank == k, "user %u stopped at rank %u",
                         current_user, expected_rank);
          ck_assert_msg (g_hash_table_add (users_seen, GUINT_TO_POINTER (user)),
                         "user %u listed in two runs", user);
          current_user = user;
          expected_rank = 0;
        }
      expected_rank++;
      ck_assert_msg (rank == expected_rank, "user %u: rank %u, expected %u", user, rank,
                     expected_rank);
      ck_assert_msg (g_hash_table_contains (eval_users, GUINT_TO_POINTER (user)),
                     "user %u is not an evaluated user", user);
      ck_assert_msg (!rated (base, user, movie), "user %u rated movie %u in train", user,
                     movie);
      ck_assert_double_eq_tol (score, popularity_of (movie), 1e-9);

      /* The brute-force ranking: every item of train ∪ test the user did not rate in train,
       * most train positives first, ties to the lower movie ID. */
      {
        g_autofree guint32 *ranked = g_new (guint32, n_candidates);
        guint n_ranked = 0;
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, items);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          if (!rated (base, user, GPOINTER_TO_UINT (key)))
            ranked[n_ranked++] = GPOINTER_TO_UINT (key);
        qsort (ranked, n_ranked, sizeof (guint32), by_popularity);
        ck_assert_msg (movie == ranked[rank - 1], "user %u rank %u: movie %u, expected %u",
                       user, rank, movie, ranked[rank - 1]);
      }
      n_lines++;
    }
  ck_assert_uint_eq (expected_rank, k);
  ck_assert_uint_eq (g_hash_table_size (users_seen), g_hash_table_size (eval_users));
  ck_assert_uint_eq (n_lines, k * g_hash_table_size (eval_users));
}
END_TEST

START_TEST (test_recommend_one_user)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(GArray) base = read_ratings (syn_dir, "u1.base");
  g_autoptr(CgDataset) ds = load_engine (syn_dir);
  g_auto(GStrv) lines = NULL;
  guint n = 0;
  gboolean saw_latin1 = FALSE;

  run_cli (&run, "recommend", "-d", syn_dir, "-b", "popularity", "--user", "7", "-k", "12");
  ASSERT_EXIT (&run, 0);
  ck_assert (g_utf8_validate (run.out, -1, NULL));
  lines = g_strsplit (run.out, "\n", -1);
  for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
    {
      guint movie_id;
      const CgMovie *movie;

      ck_assert_msg (sscanf (lines[l], "%u", &movie_id) == 1, "line “%s”", lines[l]);
      movie = cg_catalog_lookup (ds->catalog, movie_id);
      ck_assert_msg (movie != NULL, "movie %u not in u.item", movie_id);
      ck_assert_msg (!rated (base, 7, movie_id), "user 7 rated movie %u in train", movie_id);
      /* "id  Title (year)  score": the UTF-8 title, its year once. */
      ASSERT_CONTAINS (lines[l], movie->title);
      {
        g_autofree char *year = g_strdup_printf ("(%u)", movie->year);
        const char *first = strstr (lines[l], year);

        ck_assert_msg (first != NULL && strstr (first + 1, year) == NULL,
                       "year %s not exactly once in “%s”", year, lines[l]);
      }
      saw_latin1 |= strstr (lines[l], "Misérables") != NULL;
      n++;
    }
  ck_assert_uint_eq (n, 12);
  ck_assert_msg (saw_latin1, "no converted title among the top 12:\n%s", run.out);
}
END_TEST

START_TEST (test_recommend_unknown_user)
{
  g_auto(CliRun) run = { 0 };

  run_cli (&run, "recommend", "-d", syn_dir, "-b", "popularity", "--user", "9999");
  ASSERT_EXIT (&run, 1);
  ASSERT_CONTAINS (run.err, "9999");
  ck_assert_str_eq (run.out, "");
}
END_TEST

/* ---- usage errors: exit 2 ---- */

typedef struct
{
  const char *args[12];
  const char *says;   /* on stderr, or NULL */
} UsageCase;

#define D "--data-dir", "@SYN@"
static const UsageCase usage_cases[] = {
  { { NULL }, NULL },
  { { "frobnicate", NULL }, "frobnicate" },
  { { "eval", "--bogus", D, "-b", "popularity", NULL }, "bogus" },
  { { "info", "--bogus", D, NULL }, "bogus" },
  { { "recommend", "--bogus", D, "-b", "popularity", "--user", "1", NULL }, "bogus" },
  { { "eval", D, "-b", "popularity", "-k", "0", NULL }, "-k" },
  { { "eval", D, "-b", "popularity", "-k", "abc", NULL }, "abc" },
  { { "recommend", D, "-b", "popularity", "--user", "1", "-k", "0", NULL }, "-k" },
  { { "recommend", D, "-b", "popularity", "--user", "1", "--all-users", NULL }, "--user" },
  { { "recommend", D, "-b", "popularity", NULL }, "--user" },
  { { "recommend", D, "-b", "popularity", "--all-users", "--format", "xml", NULL }, "--format" },
  { { "eval", D, NULL }, "--baseline" },
  { { "eval", D, "-b", "nosuch", NULL }, "nosuch" },
  { { "info", D, "--threshold", "9", NULL }, "threshold" },
};

START_TEST (test_usage_errors)
{
  const UsageCase *c = &usage_cases[_i];
  const char *args[13];
  g_auto(CliRun) run = { 0 };
  guint n = 0;

  for (; c->args[n] != NULL; n++)
    args[n] = g_str_equal (c->args[n], "@SYN@") ? syn_dir : c->args[n];
  args[n] = NULL;
  run_cli_env (&run, NULL, args);
  ck_assert_msg (run.status == 2, "case %d (%s …): exit %d, expected 2\nstderr: %s", _i,
                 n > 0 ? args[0] : "no arguments", run.status, run.err);
  ck_assert_msg (run.err[0] != '\0', "case %d: nothing on stderr", _i);
  if (c->says != NULL)
    ck_assert_msg (strstr (run.err, c->says) != NULL, "case %d: stderr does not mention “%s”:"
                   "\n%s", _i, c->says, run.err);
}
END_TEST

/* ---- data errors: exit 1 ---- */

START_TEST (test_malformed_base)
{
  g_autofree char *dir = make_synthetic ("malformed");
  g_autofree char *path = g_build_filename (dir, "u1.base", NULL);
  g_autofree char *text = NULL;
  g_autofree char *where = g_strconcat (path, ":3:", NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *broken = NULL;
  static const char *const commands[] = { "info", "eval", "recommend" };

  /* Line 3 loses its timestamp. */
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  *strrchr (lines[2], '\t') = '\0';
  broken = g_strjoinv ("\n", lines);
  cg_test_write_file (dir, "u1.base", broken, -1);

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(CliRun) run = { 0 };

      if (c == 0)
        run_cli (&run, "info", "-d", dir);
      else if (c == 1)
        run_cli (&run, "eval", "-d", dir, "-b", "popularity");
      else
        run_cli (&run, "recommend", "-d", dir, "-b", "popularity", "--all-users");
      ASSERT_EXIT (&run, 1);
      ASSERT_CONTAINS (run.err, where);
      ASSERT_CONTAINS (run.err, "expected 4");
      ck_assert_str_eq (run.out, "");
    }
}
END_TEST

START_TEST (test_missing_folder_and_files)
{
  g_autofree char *missing = g_build_filename (cg_test_tmp_root (), "no-such-folder", NULL);
  g_autofree char *dir = make_synthetic ("no-test");
  g_autofree char *test_path = g_build_filename (dir, "u1.test", NULL);

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "info", "--data-dir", missing);
    ASSERT_EXIT (&run, 1);
    ASSERT_CONTAINS (run.err, missing);
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "eval", "--data-dir", missing, "-b", "popularity");
    ASSERT_EXIT (&run, 1);
    ASSERT_CONTAINS (run.err, missing);
  }
  {
    g_auto(CliRun) run = { 0 };

    ck_assert_int_eq (g_remove (test_path), 0);
    run_cli (&run, "info", "--data-dir", dir);
    ASSERT_EXIT (&run, 1);
    ASSERT_CONTAINS (run.err, test_path);
  }
  {
    g_auto(CliRun) run = { 0 };

    /* A split whose files do not exist. */
    run_cli (&run, "info", "--data-dir", syn_dir, "--split", "u3");
    ASSERT_EXIT (&run, 1);
    ASSERT_CONTAINS (run.err, "u3.base");
  }
}
END_TEST

START_TEST (test_nothing_found)
{
  const char *source_data = g_getenv ("CINEGAN_SOURCE_DATA_DIR");
  g_autofree char *source_copy = g_build_filename (source_data != NULL ? source_data : "/",
                                                   "ml-100k", "u.item", NULL);
  g_auto(CliRun) run = { 0 };

  if (source_data != NULL && g_file_test (source_copy, G_FILE_TEST_EXISTS))
    {
      printf ("skipped: %s exists, so the data is always found\n", source_copy);
      return;
    }
  run_cli (&run, "info");
  ASSERT_EXIT (&run, 1);
  ASSERT_CONTAINS (run.err, "not found");
  ASSERT_CONTAINS (run.err, "xdg-empty");
}
END_TEST

/* ---- where the data is found ---- */

START_TEST (test_data_dir_from_environment)
{
  g_auto(GStrv) env = clean_environment ();
  g_auto(CliRun) run = { 0 };

  env = g_environ_setenv (env, "CINEGAN_DATA_DIR", syn_dir, TRUE);
  run_cli_env (&run, env, (const char *const[]) { "info", NULL });
  ASSERT_EXIT (&run, 0);
  ASSERT_CONTAINS (run.out, "60");
}
END_TEST

START_TEST (test_data_dir_from_xdg)
{
  g_autofree char *xdg = g_build_filename (cg_test_tmp_root (), "xdg-home", NULL);
  g_autofree char *inside = g_build_filename (xdg, "cinegan", "ml-100k", NULL);
  g_auto(GStrv) env = clean_environment ();
  g_auto(CliRun) run = { 0 };
  CgSyntheticSpec spec;

  ck_assert_int_eq (g_mkdir_with_parents (inside, 0700), 0);
  cg_synthetic_spec_init (&spec);
  cg_test_write_synthetic (inside, &spec);
  env = g_environ_setenv (env, "XDG_DATA_HOME", xdg, TRUE);
  run_cli_env (&run, env, (const char *const[]) { "eval", "-b", "popularity", NULL });
  ASSERT_EXIT (&run, 0);
  ASSERT_CONTAINS (run.out, "users 60");
}
END_TEST

START_TEST (test_data_dir_option_wins)
{
  g_autofree char *empty = g_build_filename (cg_test_tmp_root (), "empty-folder", NULL);
  g_autofree char *missing = g_build_filename (cg_test_tmp_root (), "missing-folder", NULL);

  ck_assert_int_eq (g_mkdir_with_parents (empty, 0700), 0);
  {
    /* A bad environment does not matter when --data-dir is good. */
    g_auto(GStrv) env = clean_environment ();
    g_auto(CliRun) run = { 0 };

    env = g_environ_setenv (env, "CINEGAN_DATA_DIR", missing, TRUE);
    run_cli_env (&run, env, (const char *const[]) { "info", "-d", syn_dir, NULL });
    ASSERT_EXIT (&run, 0);
  }
  {
    /* A bad --data-dir is an error even when the environment points at good data. */
    g_auto(GStrv) env = clean_environment ();
    g_auto(CliRun) run = { 0 };

    env = g_environ_setenv (env, "CINEGAN_DATA_DIR", syn_dir, TRUE);
    run_cli_env (&run, env, (const char *const[]) { "info", "-d", empty, NULL });
    ASSERT_EXIT (&run, 1);
    ASSERT_CONTAINS (run.err, empty);
  }
}
END_TEST

/* ---- help ---- */

/* The usage line names the command once: "cinegan-cli eval [OPTION…]", not
 * "cinegan-cli eval [OPTION…] eval". */
static void
assert_usage_names_command_once (const char *out,
                                 const char *command)
{
  const char *options = strstr (out, "[OPTION…]");
  const char *rest;

  ck_assert_msg (options != NULL, "no usage line:\n%s", out);
  rest = options + strlen ("[OPTION…]");
  while (*rest == ' ')
    rest++;
  ck_assert_msg (!(g_str_has_prefix (rest, command)
                   && (rest[strlen (command)] == ' ' || rest[strlen (command)] == '\n')),
                 "usage line repeats “%s”:\n%.200s", command, out);
}

START_TEST (test_help)
{
  static const struct
  {
    const char *command;
    const char *option;
  } commands[] = {
    { "info", "--data-dir" },
    { "eval", "--baseline" },
    { "recommend", "--all-users" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("cinegan-cli %s [OPTION", commands[c].command);

      run_cli (&run, commands[c].command, "--help");
      ASSERT_EXIT (&run, 0);
      ASSERT_CONTAINS (run.out, usage);
      ASSERT_CONTAINS (run.out, commands[c].option);
      ASSERT_CONTAINS (run.out, "--split");
    }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, "--version");
    ASSERT_EXIT (&run, 0);
    ASSERT_CONTAINS (run.out, PACKAGE_VERSION);
  }
}
END_TEST

START_TEST (test_help_every_command)
{
  /* Every command the top-level help lists (later issues add some) has its own --help. */
  g_auto(CliRun) top = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean in_list = FALSE;
  guint n_commands = 0;

  run_cli (&top, "--help");
  ASSERT_EXIT (&top, 0);
  lines = g_strsplit (top.out, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) words = NULL;
      g_auto(CliRun) run = { 0 };
      g_autofree char *usage = NULL;

      if (g_str_has_prefix (lines[l], "Commands:"))
        {
          in_list = TRUE;
          continue;
        }
      if (!in_list)
        continue;
      if (lines[l][0] == '\0')
        break;
      words = g_strsplit_set (g_strstrip (lines[l]), " ", 2);
      usage = g_strdup_printf ("cinegan-cli %s [OPTION", words[0]);
      run_cli (&run, words[0], "--help");
      ck_assert_msg (run.status == 0, "%s --help: exit %d\n%s", words[0], run.status, run.err);
      ASSERT_CONTAINS (run.out, usage);
      assert_usage_names_command_once (run.out, words[0]);
      n_commands++;
    }
  ck_assert_uint_ge (n_commands, 3);
}
END_TEST

static Suite *
cli_suite (void)
{
  Suite *suite = suite_create ("cli");
  TCase *ok_tc = tcase_create ("success");
  TCase *error_tc = tcase_create ("errors");

  tcase_add_unchecked_fixture (ok_tc, tmp_setup, tmp_teardown);
  tcase_set_timeout (ok_tc, 30);
  tcase_add_test (ok_tc, test_info);
  tcase_add_test (ok_tc, test_eval_text);
  tcase_add_test (ok_tc, test_eval_k_and_split);
  tcase_add_test (ok_tc, test_eval_every_baseline);
  tcase_add_test (ok_tc, test_eval_json);
  tcase_add_test (ok_tc, test_recommend_all_users_tsv);
  tcase_add_test (ok_tc, test_recommend_one_user);
  tcase_add_test (ok_tc, test_data_dir_from_environment);
  tcase_add_test (ok_tc, test_data_dir_from_xdg);
  tcase_add_test (ok_tc, test_data_dir_option_wins);
  tcase_add_test (ok_tc, test_help);
  tcase_add_test (ok_tc, test_help_every_command);
  suite_add_tcase (suite, ok_tc);

  tcase_add_unchecked_fixture (error_tc, tmp_setup, tmp_teardown);
  tcase_set_timeout (error_tc, 30);
  tcase_add_loop_test (error_tc, test_usage_errors, 0, G_N_ELEMENTS (usage_cases));
  tcase_add_test (error_tc, test_recommend_unknown_user);
  tcase_add_test (error_tc, test_malformed_base);
  tcase_add_test (error_tc, test_missing_folder_and_files);
  tcase_add_test (error_tc, test_nothing_found);
  suite_add_tcase (suite, error_tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (cli_suite ());
}
