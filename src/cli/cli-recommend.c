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
 *
 * --explain adds, for a history-mode model, the liked movies each recommendation rests on
 * (cg-explain.h: leave-one-out over the bag the user is embedded from), as the app's
 * "Because you liked" shows them; --format json and csv carry them as a list per movie.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cg-error.h"
#include "cg-explain.h"
#include "cg-export.h"
#include "cg-file.h"
#include "cg-lines.h"
#include "cg-recommender.h"
#include "cg-topk.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-scorer.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_TSV,
  FORMAT_JSON,
  FORMAT_CSV,
} OutputFormat;

/* How many liked movies an explanation names at most. */
#define MAX_REASONS 3

/* One list and, with --explain, its reasons. */
typedef struct
{
  gint64                  user_id;     /* the dataset user's MovieLens ID, −1 for --ratings */
  const CgRecommendation *recs;
  guint                   n;
  const CgReason         *reasons;     /* (n, MAX_REASONS), or NULL */
  const guint            *n_reasons;   /* (n) */
} List;

static void
print_text (const CgDataset *ds,
            const List      *list)
{
  for (guint r = 0; r < list->n; r++)
    {
      const CgMovie *movie = cg_dataset_movie (ds, list->recs[r].item);
      g_autofree char *label = cli_movie_label (movie);

      printf ("%4u  %-60s  %.6g\n", movie->movie_id, label, list->recs[r].score);
      if (list->reasons == NULL)
        continue;
      if (list->n_reasons[r] == 0)
        {
          printf ("        (no single liked movie lifts it)\n");
          continue;
        }
      if (list->user_id >= 0)
        printf ("        because user %" G_GINT64_FORMAT " liked ", list->user_id);
      else
        printf ("        because you liked ");
      for (guint k = 0; k < list->n_reasons[r]; k++)
        {
          const CgReason *reason = &list->reasons[(gsize) r * MAX_REASONS + k];
          g_autofree char *liked = cli_movie_label (cg_dataset_movie (ds, reason->item));

          printf ("%s%s", k > 0 ? ", " : "", liked);
        }
      printf ("\n");
    }
}

static void
print_tsv (const CgDataset *ds,
           const List      *list)
{
  for (guint r = 0; r < list->n; r++)
    {
      if (list->user_id >= 0)
        printf ("%" G_GINT64_FORMAT "\t", list->user_id);
      printf ("%u\t%u\t%.9g\n", r + 1, ds->movie_ids[list->recs[r].item], list->recs[r].score);
    }
}

static void
add_movie (JsonBuilder     *builder,
           const CgDataset *ds,
           guint            item)
{
  const CgMovie *movie = cg_dataset_movie (ds, item);

  json_builder_set_member_name (builder, "movie_id");
  json_builder_add_int_value (builder, movie->movie_id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, movie->title);
}

/* One line per list: {"user": ID (dataset users only), "recommendations": [{"rank",
 * "movie_id", "title", "year", "score", "hit" (dataset users only), "because": [{"movie_id",
 * "title", "drop"}…] (with --explain)}…]}. */
static void
print_json (const CgDataset *ds,
            const List      *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  if (list->user_id >= 0)
    {
      json_builder_set_member_name (builder, "user");
      json_builder_add_int_value (builder, list->user_id);
    }
  json_builder_set_member_name (builder, "recommendations");
  json_builder_begin_array (builder);
  for (guint r = 0; r < list->n; r++)
    {
      const CgRecommendation *rec = &list->recs[r];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_int_value (builder, r + 1);
      add_movie (builder, ds, rec->item);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, cg_dataset_movie (ds, rec->item)->year);
      cli_json_add_number (builder, "score", rec->score);
      if (list->user_id >= 0)
        {
          json_builder_set_member_name (builder, "hit");
          json_builder_add_boolean_value (builder, rec->hit);
        }
      if (list->reasons != NULL)
        {
          json_builder_set_member_name (builder, "because");
          json_builder_begin_array (builder);
          for (guint k = 0; k < list->n_reasons[r]; k++)
            {
              const CgReason *reason = &list->reasons[(gsize) r * MAX_REASONS + k];

              json_builder_begin_object (builder);
              add_movie (builder, ds, reason->item);
              cli_json_add_number (builder, "drop", reason->drop);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  text = cli_json_to_line (builder);
  printf ("%s\n", text);
}

static void
print_list (const CgDataset *ds,
            const List      *list,
            OutputFormat     format)
{
  switch (format)
    {
    case FORMAT_TEXT:
      print_text (ds, list);
      break;
    case FORMAT_TSV:
      print_tsv (ds, list);
      break;
    case FORMAT_JSON:
      print_json (ds, list);
      break;
    case FORMAT_CSV:
      {
        g_autofree char *csv = cg_export_recommendations_csv (ds, list->recs, list->n,
                                                              list->user_id >= 0,
                                                              list->reasons, MAX_REASONS,
                                                              list->n_reasons);

        fputs (csv, stdout);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Fills the list's reasons (reasons (n, MAX_REASONS), n_reasons (n)) from the bag. */
static gboolean
explain (CgCgan        *model,
         const guint32 *bag,
         guint          n_bag,
         guint          draws,
         List          *list,
         CgReason      *reasons,
         guint         *n_reasons,
         GError       **error)
{
  g_autofree guint32 *targets = g_new (guint32, MAX (list->n, 1));

  for (guint r = 0; r < list->n; r++)
    targets[r] = list->recs[r].item;
  if (!cg_explain_history (model, bag, n_bag, targets, list->n,
                           cg_recommend_rounds (model, draws), MAX_REASONS, reasons,
                           n_reasons, NULL, error))
    return FALSE;
  list->reasons = reasons;
  list->n_reasons = n_reasons;
  return TRUE;
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
                       OutputFormat     format,
                       gboolean         with_reasons)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ratings = load_ratings_file (path, &error);
  g_autoptr(GArray) rated = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) liked = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree CgRecommendation *recs = g_new0 (CgRecommendation, k);
  g_autofree CgReason *reasons = g_new0 (CgReason, (gsize) k * MAX_REASONS);
  g_autofree guint *n_reasons = g_new0 (guint, k);
  guint outside, n = 0;
  List list = { -1, NULL, 0, NULL, NULL };

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

  list.recs = recs;
  list.n = n;
  if (with_reasons
      && !explain (scorer->model->model, (guint32 *) liked->data, liked->len, draws, &list,
                   reasons, n_reasons, &error))
    return cli_fail_error ("recommend", error);
  print_list (ds, &list, format);
  return CLI_EXIT_OK;
}

/* The explanations need a bag to leave movies out of: a model that embeds users from
 * their liked movies. */
static gboolean
check_explainable (const CliScorer *scorer)
{
  if (scorer->model == NULL)
    {
      cli_fail ("recommend", CLI_EXIT_USAGE, "--explain needs a trained model (--model): a "
                "baseline has no explanations");
      return FALSE;
    }
  if (cg_cgan_get_config (scorer->model->model)->user_mode != CG_USER_EMBEDDING_HISTORY)
    {
      cli_fail ("recommend", CLI_EXIT_DATA, "%s embeds users by ID: explanations need a "
                "history-mode model (train with --user-mode history)", scorer->name);
      return FALSE;
    }
  return TRUE;
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
  gboolean all_users = FALSE, with_reasons = FALSE;
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
      "text (default); tsv: user_id, rank, movie_id, score (with --ratings: rank, "
      "movie_id, score); json: one line per user; csv: one user's list, as the app exports "
      "it", "FORMAT" },
    { "explain", 'e', 0, G_OPTION_ARG_NONE, &with_reasons,
      "With a history-mode model: the liked movies each recommendation rests on (those "
      "whose removal lowers its score most)", NULL },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "How many (default 10)", "K" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  CliScorer scorer = { 0 };
  OutputFormat output = FORMAT_TEXT;
  int status = CLI_EXIT_OK;

  cli_data_options_add (context, &data);
  cli_add_main_entries (context, entries);
  if (!cli_parse (context, &argc, &argv))
    {
      cli_data_options_clear (&data);
      return CLI_EXIT_USAGE;
    }
  if (g_strcmp0 (format, "tsv") == 0)
    output = FORMAT_TSV;
  else if (g_strcmp0 (format, "json") == 0)
    output = FORMAT_JSON;
  else if (g_strcmp0 (format, "csv") == 0)
    output = FORMAT_CSV;
  if (format != NULL && output == FORMAT_TEXT && g_strcmp0 (format, "text") != 0)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--format must be text, tsv, json or csv");
  else if (output == FORMAT_CSV && all_users)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--format csv lists one user; use tsv "
                       "or json with --all-users");
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
  else if (with_reasons && !check_explainable (&scorer))
    status = scorer.model == NULL ? CLI_EXIT_USAGE : CLI_EXIT_DATA;
  else if (ratings != NULL)
    status = recommend_for_ratings (&scorer, ds, ratings, (guint) k, (guint) draws, output,
                                    with_reasons);
  else
    {
      g_autofree float *scores = g_new (float, ds->n_items);
      g_autofree guint32 *top = g_new (guint32, k);
      g_autofree float *top_scores = g_new (float, k);
      g_autofree CgRecommendation *recs = g_new0 (CgRecommendation, k);
      g_autofree CgReason *reasons = g_new0 (CgReason, (gsize) k * MAX_REASONS);
      g_autofree guint *n_reasons = g_new0 (guint, k);
      gint32 only = user_id > 0 ? cg_dataset_user_index (ds, (guint32) user_id) : -1;

      if (!all_users && only < 0)
        status = cli_fail ("recommend", CLI_EXIT_DATA, "User %d is not in split %s",
                           user_id, ds->split);
      for (guint u = 0; status == CLI_EXIT_OK && u < ds->n_users; u++)
        {
          guint32 user = u;
          List list = { ds->user_ids[u], recs, 0, NULL, NULL };

          if (all_users ? !cg_dataset_is_eval_user (ds, u) : (gint32) u != only)
            continue;
          if (all_users && output == FORMAT_TEXT)
            printf ("%suser %u\n", u > 0 ? "\n" : "", ds->user_ids[u]);
          scorer.score (scores, &user, 1, scorer.data);
          list.n = cg_topk_select (top, top_scores, (guint) k, scores, ds->n_items,
                                   cg_user_items_row (ds->train_rated, u),
                                   cg_user_items_count (ds->train_rated, u));
          for (guint r = 0; r < list.n; r++)
            recs[r] = (CgRecommendation) {
              top[r], top_scores[r], cg_user_items_contains (ds->test_pos, u, top[r]),
            };
          if (with_reasons
              && !explain (scorer.model->model, cg_user_items_row (ds->train_pos, u),
                           cg_user_items_count (ds->train_pos, u), (guint) draws, &list,
                           reasons, n_reasons, &error))
            status = cli_fail_error ("recommend", error);
          else
            print_list (ds, &list, output);
        }
    }
  cli_scorer_clear (&scorer);
  cli_data_options_clear (&data);
  return status;
}
