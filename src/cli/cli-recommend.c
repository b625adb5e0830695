/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-recommend.c: "cinegan-cli recommend" — top-K lists, for one user or, as TSV, for
 * every evaluated user (for checking the protocol independently), or for a person
 * described only by a ratings file.
 *
 * --ratings FILE reads the app's ratings.tsv format ("movie_id<TAB>rating[<TAB>unix_time]"
 * lines, "#" comments) and lists what the app's "You" page shows for those ratings: the
 * model scores the liked movies (rating ≥ the threshold) without retraining, averaged
 * over the same noise draws as the page's default, and every rated movie is left out.
 * Movies outside the loaded split are skipped, as the app does; a later line for the same
 * movie replaces an earlier one, as in the app's store.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cg-error.h"
#include "cg-file.h"
#include "cg-lines.h"
#include "cg-recommender.h"
#include "cg-topk.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-scorer.h"

static void
print_user (const CgDataset *ds,
            guint            user,
            const guint32   *items,
            const float     *scores,
            guint            n)
{
  for (guint r = 0; r < n; r++)
    {
      const CgMovie *movie = cg_dataset_movie (ds, items[r]);
      g_autofree char *label = cli_movie_label (movie);

      printf ("%4u  %-60s  %.6g\n", movie->movie_id, label, scores[r]);
    }
}

static void
print_tsv_row (const CgDataset *ds,
               guint            user,
               const guint32   *items,
               const float     *scores,
               guint            n)
{
  for (guint r = 0; r < n; r++)
    printf ("%u\t%u\t%u\t%.9g\n", ds->user_ids[user], r + 1, ds->movie_ids[items[r]],
            scores[r]);
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The ratings of path as (movie ID → rating); a malformed line is an error naming
 * path:line. */
static GHashTable *
load_ratings_file (const char *path,
                   GError    **error)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GHashTable) ratings = g_hash_table_new (NULL, NULL);
  CgLineReader reader;
  const char *line;
  gsize line_len;

  if (!cg_file_read (path, CLI_MAX_TEXT_FILE, &contents, &len, error))
    return NULL;
  cg_line_reader_init (&reader, contents, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      CgField fields[4];
      guint64 movie, rating, timestamp;
      guint n;

      if (line_len == 0 || line[0] == '#')
        continue;
      n = cg_fields_split (line, line_len, '\t', fields, G_N_ELEMENTS (fields));
      if (n < 2 || n > 3 || !cg_field_parse_uint (&fields[0], G_MAXUINT32, &movie)
          || movie == 0 || !cg_field_parse_uint (&fields[1], 5, &rating) || rating == 0
          || (n == 3 && !cg_field_parse_uint (&fields[2], G_MAXUINT32, &timestamp)))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected movie_id<TAB>rating[<TAB>unix_time] with a rating "
                       "of 1–5", path, reader.line_no);
          return NULL;
        }
      g_hash_table_insert (ratings, GUINT_TO_POINTER ((guint) movie),
                           GUINT_TO_POINTER ((guint) rating));
    }
  return g_steal_pointer (&ratings);
}

/* Item indices of the rated movies of the dataset (sorted), and of those rated ≥ the
 * threshold; returns how many movies were outside the dataset. */
static guint
ratings_to_items (GHashTable      *ratings,
                  const CgDataset *ds,
                  GArray          *rated,
                  GArray          *liked)
{
  GHashTableIter iter;
  gpointer key, value;
  guint outside = 0;

  g_hash_table_iter_init (&iter, ratings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint32 item = cg_dataset_item_index (ds, GPOINTER_TO_UINT (key));
      guint32 index = (guint32) item;

      if (item < 0)
        {
          outside++;
          continue;
        }
      g_array_append_val (rated, index);
      if (GPOINTER_TO_UINT (value) >= ds->threshold)
        g_array_append_val (liked, index);
    }
  g_array_sort (rated, compare_u32);
  g_array_sort (liked, compare_u32);
  return outside;
}

/* Scores from a baseline for the rated movies as one user's input. */
static void
baseline_for_ratings (CliScorer       *scorer,
                      const CgDataset *ds,
                      GArray          *liked,
                      float           *scores)
{
  g_autofree guint32 *users = g_new0 (guint32, MAX (liked->len, 1));
  g_autoptr(CgUserItems) input = cg_user_items_new_from_pairs (1, ds->n_items, users,
                                                                (guint32 *) liked->data,
                                                                liked->len);
  guint32 user = 0;

  cg_baseline_set_input (scorer->baseline, input);
  scorer->score (scores, &user, 1, scorer->data);
  cg_baseline_set_input (scorer->baseline, NULL);
}

static int
recommend_for_ratings (CliScorer       *scorer,
                       const CgDataset *ds,
                       const char      *path,
                       guint            k,
                       guint            draws,
                       gboolean         tsv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ratings = load_ratings_file (path, &error);
  g_autoptr(GArray) rated = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) liked = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree CgRecommendation *recs = g_new0 (CgRecommendation, k);
  guint outside, n = 0;

  if (ratings == NULL)
    return cli_fail_error ("recommend", error);
  outside = ratings_to_items (ratings, ds, rated, liked);
  if (outside > 0)
    fprintf (stderr, "cinegan-cli recommend: %u rated movie%s of %s %s not in split %s and "
             "%s left out\n", outside, outside == 1 ? "" : "s", path,
             outside == 1 ? "is" : "are", ds->split, outside == 1 ? "was" : "were");

  if (scorer->model != NULL)
    {
      CgCgan *model = scorer->model->model;

      if (!cg_recommend_for_history (model, ds, (guint32 *) liked->data, liked->len,
                                     (guint32 *) rated->data, rated->len, k,
                                     cg_recommend_rounds (model, draws), recs, &n, &error))
        return cli_fail_error ("recommend", error);
    }
  else
    {
      g_autofree float *scores = g_new (float, ds->n_items);
      g_autofree guint32 *top = g_new (guint32, k);
      g_autofree float *top_scores = g_new (float, k);

      baseline_for_ratings (scorer, ds, liked, scores);
      n = cg_topk_select (top, top_scores, k, scores, ds->n_items, (guint32 *) rated->data,
                          rated->len);
      for (guint r = 0; r < n; r++)
        recs[r] = (CgRecommendation) { top[r], top_scores[r], FALSE };
    }

  for (guint r = 0; r < n; r++)
    {
      const CgMovie *movie = cg_dataset_movie (ds, recs[r].item);

      if (tsv)
        printf ("%u\t%u\t%.9g\n", r + 1, movie->movie_id, recs[r].score);
      else
        {
          g_autofree char *label = cli_movie_label (movie);

          printf ("%4u  %-60s  %.6g\n", movie->movie_id, label, recs[r].score);
        }
    }
  return CLI_EXIT_OK;
}

int
cli_recommend_run (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Top-K movies a user has not rated in train, best "
                     "first, from a baseline or a trained model; or, with --ratings, for a "
                     "person described by a ratings file, as the app's “You” list shows them.");
  CliDataOptions data = { 0 };
  g_autofree char *baseline = NULL;
  g_autofree char *model = NULL;
  g_autofree char *format = NULL;
  g_autofree char *ratings = NULL;
  int k = 10, user_id = 0, draws = CG_RECOMMEND_DEFAULT_DRAWS;
  gboolean all_users = FALSE;
  const GOptionEntry entries[] = {
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &baseline,
      "popularity, random, itemknn or ease", "NAME" },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model, "A trained .cgan model", "FILE" },
    { "user", 'u', 0, G_OPTION_ARG_INT, &user_id, "MovieLens user ID", "ID" },
    { "all-users", 0, 0, G_OPTION_ARG_NONE, &all_users, "Every evaluated user", NULL },
    { "ratings", 'r', 0, G_OPTION_ARG_FILENAME, &ratings,
      "Someone described by their ratings (movie_id<TAB>rating lines, as the app's "
      "ratings.tsv): scored from the liked ones, every rated movie left out", "FILE" },
    { "draws", 0, 0, G_OPTION_ARG_INT, &draws,
      "With --ratings and a model: noise draws to average, rounded up to whole calls of the "
      "model's own (default 5, as the app)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "text (default) or tsv: user_id, rank, movie_id, score (with --ratings: rank, "
      "movie_id, score)", "FORMAT" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "How many (default 10)", "K" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  CliScorer scorer = { 0 };
  gboolean tsv;
  int status = CLI_EXIT_OK;

  cli_data_options_add (context, &data);
  cli_add_main_entries (context, entries);
  if (!cli_parse (context, &argc, &argv))
    {
      cli_data_options_clear (&data);
      return CLI_EXIT_USAGE;
    }
  tsv = g_strcmp0 (format, "tsv") == 0;
  if (format != NULL && !tsv && g_strcmp0 (format, "text") != 0)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--format must be text or tsv");
  else if (user_id < 0)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--user %d is not a MovieLens user ID",
                       user_id);
  else if ((all_users ? 1 : 0) + (user_id != 0 ? 1 : 0) + (ratings != NULL ? 1 : 0) != 1)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "Give exactly one of --user ID, "
                       "--all-users and --ratings FILE");
  else if (draws < 1 || draws > 1000000)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--draws %d is outside 1–1000000", draws);
  else if (k < 1 || k > 1000)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "-k %d is outside 1–1000", k);
  else if ((ds = cli_load_dataset (&data, &error)) == NULL
           || !cli_scorer_open (&scorer, baseline, model, ds, &error))
    status = cli_fail_error ("recommend", error);
  else if (ratings != NULL)
    status = recommend_for_ratings (&scorer, ds, ratings, (guint) k, (guint) draws, tsv);
  else
    {
      g_autofree float *scores = g_new (float, ds->n_items);
      g_autofree guint32 *top = g_new (guint32, k);
      g_autofree float *top_scores = g_new (float, k);
      gint32 only = user_id > 0 ? cg_dataset_user_index (ds, (guint32) user_id) : -1;

      if (!all_users && only < 0)
        status = cli_fail ("recommend", CLI_EXIT_DATA, "User %d is not in split %s",
                           user_id, ds->split);
      for (guint u = 0; status == CLI_EXIT_OK && u < ds->n_users; u++)
        {
          guint32 user = u;
          guint n;

          if (all_users ? !cg_dataset_is_eval_user (ds, u) : (gint32) u != only)
            continue;
          if (all_users && !tsv)
            printf ("%suser %u\n", u > 0 ? "\n" : "", ds->user_ids[u]);
          scorer.score (scores, &user, 1, scorer.data);
          n = cg_topk_select (top, top_scores, (guint) k, scores, ds->n_items,
                              cg_user_items_row (ds->train_rated, u),
                              cg_user_items_count (ds->train_rated, u));
          (tsv ? print_tsv_row : print_user) (ds, u, top, top_scores, n);
        }
    }
  cli_scorer_clear (&scorer);
  cli_data_options_clear (&data);
  return status;
}
