/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendation-list.c: the top-K list the Recommendations page shows, without widgets.
 *
 * A list takes a few milliseconds (cg-recommender.h), so it is computed on the main thread,
 * coalesced into one idle per burst of changes (a spin button held down). Its reasons take
 * a pass per liked movie: they follow from a worker (cg-explain-task.h), and a list
 * computed again cancels the reasons of the one before, whose lines are gone.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-explain-task.h"
#include "cg-recommendation-item.h"
#include "cg-recommendation-list.h"
#include "cg-recommender.h"

#define DEFAULT_K 10

struct _CgRecommendationList
{
  GObject         parent_instance;

  /* owned */
  CgTrainedModel *model;
  CgCatalogModel *catalog;
  CgRatingsStore *ratings;
  GListStore     *items;         /* CgRecommendationItem */
  GListStore     *liked;         /* CgMovieItem */
  char           *summary;
  char           *empty_message;
  char           *liked_title;
  char           *explain_note;
  GCancellable   *explain_cancellable;   /* the reasons of the lines shown, while they come */
  guint           refresh_id;

  guint32         user;
  guint           k;
  guint           noise_draws;   /* as asked; rounded up when used */
  gboolean        yours;
  gboolean        stale;
  gboolean        explaining;
};

G_DEFINE_FINAL_TYPE (CgRecommendationList, cg_recommendation_list, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_CATALOG,
  PROP_RATINGS,
  PROP_USER,
  PROP_K,
  PROP_NOISE_DRAWS,
  PROP_SUMMARY,
  PROP_EMPTY_MESSAGE,
  PROP_LIKED_TITLE,
  PROP_YOURS,
  PROP_STALE,
  PROP_EXPLAINING,
  PROP_EXPLAIN_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static void
set_string (CgRecommendationList  *self,
            char                 **field,
            const char            *value,
            guint                  prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_stale (CgRecommendationList *self,
           gboolean              stale)
{
  if (self->stale == stale)
    return;
  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static void
set_explaining (CgRecommendationList *self,
                gboolean              explaining)
{
  if (self->explaining == explaining)
    return;
  self->explaining = explaining;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLAINING]);
}

static guint
model_draws (CgRecommendationList *self)
{
  return self->model != NULL
         ? MAX (cg_trained_model_get_config (self->model)->noise_draws, 1) : 1;
}

static guint
rounds (CgRecommendationList *self)
{
  return self->model != NULL
         ? cg_recommend_rounds (cg_trained_model_get_cgan (self->model), self->noise_draws) : 1;
}

static char *
draws_text (CgRecommendationList *self)
{
  guint n_rounds = rounds (self);

  if (n_rounds == 1)
    return g_strdup_printf (ngettext ("%u noise draw", "%u noise draws", model_draws (self)),
                            model_draws (self));
  return g_strdup_printf (_("%u noise draws (%u × %u)"), n_rounds * model_draws (self), n_rounds,
                          model_draws (self));
}

/* The catalogue's item for a movie of the model's dataset, or one of its own when the
 * catalogue does not have it. */
static CgMovieItem *
movie_item (CgRecommendationList *self,
            guint32               item)
{
  const CgDataset *dataset = cg_trained_model_get_dataset (self->model);
  const CgMovie *movie = cg_dataset_movie (dataset, item);
  CgMovieItem *found = self->catalog != NULL
                       ? cg_catalog_model_lookup (self->catalog, movie->movie_id) : NULL;
  CgMovieItem *own;

  if (found != NULL)
    return g_object_ref (found);
  own = cg_movie_item_new_for_movie (dataset->catalog, movie, 0.0, 0);
  if (self->ratings != NULL)
    cg_movie_item_set_your_rating (own, cg_ratings_store_get_rating (self->ratings,
                                                                     movie->movie_id));
  return own;
}

static void
show_empty (CgRecommendationList *self,
            const char           *message)
{
  g_list_store_remove_all (self->items);
  g_list_store_remove_all (self->liked);
  set_string (self, &self->summary, "", PROP_SUMMARY);
  set_string (self, &self->liked_title, "", PROP_LIKED_TITLE);
  set_string (self, &self->empty_message, message, PROP_EMPTY_MESSAGE);
}

static void
fill (CgRecommendationList   *self,
      const CgRecommendation *recs,
      guint                   n,
      const char             *liked_title,
      const guint32          *liked,
      guint                   n_liked,
      const char             *summary)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) liked_items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < n; r++)
    {
      g_autoptr(CgMovieItem) movie = movie_item (self, recs[r].item);

      g_ptr_array_add (items, cg_recommendation_item_new (movie, r + 1, recs[r].score,
                                                          recs[r].hit));
    }
  for (guint i = 0; i < n_liked; i++)
    g_ptr_array_add (liked_items, movie_item (self, liked[i]));

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  g_list_store_splice (self->liked, 0, g_list_model_get_n_items (G_LIST_MODEL (self->liked)),
                       liked_items->pdata, liked_items->len);
  set_string (self, &self->liked_title, liked_title, PROP_LIKED_TITLE);
  set_string (self, &self->summary, summary, PROP_SUMMARY);
  set_string (self, &self->empty_message, NULL, PROP_EMPTY_MESSAGE);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* ---- why each line is there ---- */

/* "“Toy Story”, “Fugitive, The” (#123)": quoted, since MovieLens titles have commas of
 * their own; a title another movie shares carries its ID, as on the catalogue's cards. */
static char *
reason_titles (CgRecommendationList *self,
               const CgReason       *reasons,
               guint                 n)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgMovieItem) movie = movie_item (self, reasons[i].item);

      if (i > 0)
        /* Translators: between the titles in "Because you liked “A”, “B”". */
        g_string_append (names, _(", "));
      /* Translators: a movie title in "Because you liked “A”, “B”". */
      g_string_append_printf (names, _("“%s”"), cg_movie_item_get_display_title (movie));
      if (cg_movie_item_get_shares_title (movie))
        g_string_append_printf (names, " (#%u)", cg_movie_item_get_movie_id (movie));
    }
  return g_string_free (names, FALSE);
}

static char *
because_text (CgRecommendationList *self,
              const CgReason       *reasons,
              guint                 n)
{
  g_autofree char *names = NULL;

  if (n == 0)
    return self->user == 0
           ? g_strdup (_("No single movie you liked accounts for it"))
           : g_strdup_printf (_("No single movie user %u liked accounts for it"), self->user);
  names = reason_titles (self, reasons, n);
  return self->user == 0 ? g_strdup_printf (_("Because you liked %s"), names)
                         : g_strdup_printf (_("Because user %u liked %s"), self->user, names);
}

static void
on_explained_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CgRecommendationList *self = CG_RECOMMENDATION_LIST (source);
  g_autoptr(CgExplanations) explanations = NULL;
  g_autoptr(GError) error = NULL;
  const CgDataset *dataset;

  explanations = cg_explain_finish (result, &error);
  /* Cancelled: the lines it was for are gone, and the list has moved on. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->explain_cancellable);
  set_explaining (self, FALSE);
  if (explanations == NULL)
    {
      g_warning ("Could not explain the recommendations: %s", error->message);
      return;
    }
  g_assert (explanations->n_targets == g_list_model_get_n_items (G_LIST_MODEL (self->items)));
  dataset = cg_trained_model_get_dataset (self->model);
  for (guint t = 0; t < explanations->n_targets; t++)
    {
      g_autoptr(CgRecommendationItem) item =
        g_list_model_get_item (G_LIST_MODEL (self->items), t);
      const CgReason *reasons = explanations->reasons + (gsize) t * CG_EXPLAIN_TASK_MAX_REASONS;
      guint n = explanations->n_reasons[t];
      guint32 ids[CG_EXPLAIN_TASK_MAX_REASONS];
      g_autofree char *text = because_text (self, reasons, n);

      for (guint i = 0; i < n; i++)
        ids[i] = dataset->movie_ids[reasons[i].item];
      cg_recommendation_item_set_because (item, text, ids, n);
    }
}

/* Works out why each line is there, from the bag the user is embedded from. */
static void
explain (CgRecommendationList   *self,
         const CgRecommendation *recs,
         guint                   n,
         const guint32          *liked,
         guint                   n_liked)
{
  g_autofree guint32 *targets = g_new (guint32, MAX (n, 1));

  if (n == 0 || n_liked == 0)
    return;
  for (guint r = 0; r < n; r++)
    targets[r] = recs[r].item;
  self->explain_cancellable = g_cancellable_new ();
  set_explaining (self, TRUE);
  cg_explain_async (self, cg_trained_model_get_cgan (self->model), liked, n_liked, targets, n,
                    rounds (self), self->explain_cancellable, on_explained_cb, NULL);
}

static void
stop_explaining (CgRecommendationList *self)
{
  g_cancellable_cancel (self->explain_cancellable);
  g_clear_object (&self->explain_cancellable);
  set_explaining (self, FALSE);
}

/* ---- computing a list ---- */

static void
refresh_you (CgRecommendationList *self,
             CgRecommendation     *recs)
{
  CgCgan *model = cg_trained_model_get_cgan (self->model);
  const CgDataset *dataset = cg_trained_model_get_dataset (self->model);
  guint32 you_user_id = cg_trained_model_get_you_user_id (self->model);
  g_autofree guint32 *liked = NULL;
  g_autofree guint32 *rated = NULL;
  g_autofree char *draws = draws_text (self);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  guint n_liked = 0, n_rated = 0, n = 0;
  gint64 start;
  gint32 you;

  if (self->ratings != NULL)
    {
      liked = cg_ratings_store_dup_items (self->ratings, dataset,
                                          cg_dataset_whole_star_threshold (dataset), &n_liked);
      rated = cg_ratings_store_dup_items (self->ratings, dataset, 1, &n_rated);
    }

  if (cg_cgan_get_config (model)->user_mode == CG_USER_EMBEDDING_HISTORY)
    {
      start = g_get_monotonic_time ();
      if (!cg_recommend_for_history (model, dataset, liked, n_liked, rated, n_rated, self->k,
                                     rounds (self), recs, &n, &error))
        {
          show_empty (self, error->message);
          return;
        }
      if (n_liked == 0)
        summary = g_strdup_printf (_("You have not liked any movie yet (4 or 5 stars in the "
                                   "catalogue): these are the model's picks for someone with "
                                   "no history. %s, %.1f ms."), draws, elapsed_ms (start));
      else
        summary = g_strdup_printf (_("For you, from your %u liked of %u rated movies, without "
                                   "retraining: refresh after rating to update it. %s, %.1f ms."),
                                   n_liked, n_rated, draws, elapsed_ms (start));
      fill (self, recs, n, n_liked == 1 ? _("Your 1 liked movie") : _("Your liked movies"),
            liked, n_liked, summary);
      explain (self, recs, n, liked, n_liked);
      return;
    }

  /* Id mode: you need a row of the user table, i.e. to have been trained with. */
  you = you_user_id != 0 ? cg_dataset_user_index (dataset, you_user_id) : -1;
  if (you < 0 || (guint) you >= cg_cgan_get_n_users (model))
    {
      show_empty (self, _("This model learned one vector per user it was trained with, and you "
                        "were not one of them. Train including you to get your "
                        "recommendations, or train a model whose user mode is “history”, "
                        "which follows your ratings without retraining."));
      return;
    }
  start = g_get_monotonic_time ();
  n = cg_recommend_for_user_excluding (model, dataset, you, rated, n_rated, self->k,
                                       rounds (self), recs);
  summary = g_strdup_printf (_("For you, as trained with this model (%u liked then); movies you "
                             "have rated since are left out too, but new ratings only count "
                             "after retraining. %s, %.1f ms."),
                             cg_user_items_count (dataset->train_pos, you), draws,
                             elapsed_ms (start));
  fill (self, recs, n, _("You liked in training"), cg_user_items_row (dataset->train_pos, you),
        cg_user_items_count (dataset->train_pos, you), summary);
}

static void
refresh_dataset_user (CgRecommendationList *self,
                      CgRecommendation     *recs)
{
  CgCgan *model = cg_trained_model_get_cgan (self->model);
  const CgDataset *dataset = cg_trained_model_get_dataset (self->model);
  gint32 user = cg_dataset_user_index (dataset, self->user);
  g_autofree char *draws = draws_text (self);
  g_autofree char *summary = NULL;
  g_autofree char *liked_title = NULL;
  guint n, hits = 0, n_test, n_liked;
  gint64 start;

  if (user < 0 || (guint) user >= cg_cgan_get_n_users (model))
    {
      g_autofree char *text = g_strdup_printf (_("There is no user %u in split %s."), self->user,
                                               dataset->split);

      show_empty (self, text);
      return;
    }

  start = g_get_monotonic_time ();
  n = cg_recommend_for_user (model, dataset, user, self->k, rounds (self), recs);
  for (guint r = 0; r < n; r++)
    hits += recs[r].hit;
  n_test = cg_user_items_count (dataset->test_pos, user);
  n_liked = cg_user_items_count (dataset->train_pos, user);

  liked_title = g_strdup_printf (_("User %u liked in training (%u)"), self->user, n_liked);
  if (n_test == 0)
    summary = g_strdup_printf (_("User %u rated %u movies in training (%u liked) and liked none "
                               "in the test split. %s, %.1f ms."), self->user,
                               cg_user_items_count (dataset->train_rated, user), n_liked, draws,
                               elapsed_ms (start));
  else
    summary = g_strdup_printf (_("User %u rated %u movies in training (%u liked) and liked %u in "
                               "the test split: %u of these %u are hits (✓), recall %.2f. "
                               "%s, %.1f ms."), self->user,
                               cg_user_items_count (dataset->train_rated, user), n_liked,
                               n_test, hits, n, (double) hits / n_test, draws,
                               elapsed_ms (start));
  fill (self, recs, n, liked_title, cg_user_items_row (dataset->train_pos, user), n_liked,
        summary);
  /* A history-mode model embeds a dataset user from what they liked in training. */
  if (cg_cgan_get_config (model)->user_mode == CG_USER_EMBEDDING_HISTORY)
    explain (self, recs, n, cg_user_items_row (dataset->train_pos, user), n_liked);
}

static void
refresh_now (CgRecommendationList *self)
{
  g_autofree CgRecommendation *recs = NULL;
  gboolean yours = self->user == 0 && self->model != NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_explaining (self);
  set_stale (self, FALSE);
  set_string (self, &self->explain_note,
              self->model != NULL
              && cg_trained_model_get_config (self->model)->user_mode == CG_USER_EMBEDDING_ID
              ? _("Why these movies? Explanations (“Because you liked …”) need a model whose "
                  "user mode is “history”: this one learned one vector per user, with no "
                  "liked movies to point to.")
              : NULL, PROP_EXPLAIN_NOTE);
  if (self->yours != yours)
    {
      self->yours = yours;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YOURS]);
    }

  if (self->model == NULL)
    {
      show_empty (self, _("No model yet. Train one on the Training page, or open a model file."));
      return;
    }

  recs = g_new (CgRecommendation, MAX (self->k, 1));
  if (self->user == 0)
    refresh_you (self, recs);
  else
    refresh_dataset_user (self, recs);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CgRecommendationList *self = user_data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CgRecommendationList *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* Recomputing would drop the movie just rated and move every row below it up, under the
 * pointer: the line stays (marked by its item) until the next request. Someone else's list
 * does not depend on your ratings at all. */
static void
on_ratings_changed_cb (CgRecommendationList *self)
{
  if (self->yours)
    set_stale (self, TRUE);
}

/* ---- GObject ---- */

static void
cg_recommendation_list_dispose (GObject *object)
{
  CgRecommendationList *self = CG_RECOMMENDATION_LIST (object);

  if (self->ratings != NULL)
    g_signal_handlers_disconnect_by_data (self->ratings, self);
  g_clear_object (&self->ratings);
  g_clear_object (&self->model);
  g_clear_object (&self->catalog);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_cancellable_cancel (self->explain_cancellable);
  g_clear_object (&self->explain_cancellable);

  G_OBJECT_CLASS (cg_recommendation_list_parent_class)->dispose (object);
}

static void
cg_recommendation_list_finalize (GObject *object)
{
  CgRecommendationList *self = CG_RECOMMENDATION_LIST (object);

  g_clear_object (&self->items);
  g_clear_object (&self->liked);
  g_free (self->summary);
  g_free (self->empty_message);
  g_free (self->liked_title);
  g_free (self->explain_note);

  G_OBJECT_CLASS (cg_recommendation_list_parent_class)->finalize (object);
}

static void
cg_recommendation_list_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CgRecommendationList *self = CG_RECOMMENDATION_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_RATINGS:
      g_value_set_object (value, self->ratings);
      break;
    case PROP_USER:
      g_value_set_uint (value, self->user);
      break;
    case PROP_K:
      g_value_set_uint (value, self->k);
      break;
    case PROP_NOISE_DRAWS:
      g_value_set_uint (value, cg_recommendation_list_get_noise_draws (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_EMPTY_MESSAGE:
      g_value_set_string (value, self->empty_message);
      break;
    case PROP_LIKED_TITLE:
      g_value_set_string (value, self->liked_title);
      break;
    case PROP_YOURS:
      g_value_set_boolean (value, self->yours);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_EXPLAINING:
      g_value_set_boolean (value, self->explaining);
      break;
    case PROP_EXPLAIN_NOTE:
      g_value_set_string (value, self->explain_note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_recommendation_list_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CgRecommendationList *self = CG_RECOMMENDATION_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      cg_recommendation_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_CATALOG:
      cg_recommendation_list_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_RATINGS:
      cg_recommendation_list_set_ratings (self, g_value_get_object (value));
      break;
    case PROP_USER:
      cg_recommendation_list_set_user (self, g_value_get_uint (value));
      break;
    case PROP_K:
      cg_recommendation_list_set_k (self, g_value_get_uint (value));
      break;
    case PROP_NOISE_DRAWS:
      cg_recommendation_list_set_noise_draws (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_recommendation_list_class_init (CgRecommendationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cg_recommendation_list_dispose;
  object_class->finalize = cg_recommendation_list_finalize;
  object_class->get_property = cg_recommendation_list_get_property;
  object_class->set_property = cg_recommendation_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, CG_TYPE_TRAINED_MODEL, rw);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, CG_TYPE_CATALOG_MODEL, rw);
  properties[PROP_RATINGS] =
    g_param_spec_object ("ratings", NULL, NULL, CG_TYPE_RATINGS_STORE, rw);
  properties[PROP_USER] =
    g_param_spec_uint ("user", NULL, NULL, 0, G_MAXUINT32, 0, rw);
  properties[PROP_K] =
    g_param_spec_uint ("k", NULL, NULL, 1, 100000, DEFAULT_K, rw);
  properties[PROP_NOISE_DRAWS] =
    g_param_spec_uint ("noise-draws", NULL, NULL, 1, 100000, CG_RECOMMEND_DEFAULT_DRAWS, rw);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties[PROP_EMPTY_MESSAGE] =
    g_param_spec_string ("empty-message", NULL, NULL, NULL, ro);
  properties[PROP_LIKED_TITLE] =
    g_param_spec_string ("liked-title", NULL, NULL, NULL, ro);
  properties[PROP_YOURS] =
    g_param_spec_boolean ("yours", NULL, NULL, FALSE, ro);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE, ro);
  properties[PROP_EXPLAINING] =
    g_param_spec_boolean ("explaining", NULL, NULL, FALSE, ro);
  properties[PROP_EXPLAIN_NOTE] =
    g_param_spec_string ("explain-note", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_recommendation_list_init (CgRecommendationList *self)
{
  self->items = g_list_store_new (CG_TYPE_RECOMMENDATION_ITEM);
  self->liked = g_list_store_new (CG_TYPE_MOVIE_ITEM);
  self->k = DEFAULT_K;
  self->noise_draws = CG_RECOMMEND_DEFAULT_DRAWS;
  refresh_now (self);
}

/* ---- public API ---- */

CgRecommendationList *
cg_recommendation_list_new (void)
{
  return g_object_new (CG_TYPE_RECOMMENDATION_LIST, NULL);
}

void
cg_recommendation_list_set_model (CgRecommendationList *self,
                                  CgTrainedModel       *model)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));
  g_return_if_fail (model == NULL || CG_IS_TRAINED_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  /* The old list refers to the old model's items: replace it before anything draws. */
  refresh_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOISE_DRAWS]);
}

CgTrainedModel *
cg_recommendation_list_get_model (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return self->model;
}

void
cg_recommendation_list_set_catalog (CgRecommendationList *self,
                                    CgCatalogModel       *catalog)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));
  g_return_if_fail (catalog == NULL || CG_IS_CATALOG_MODEL (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

void
cg_recommendation_list_set_ratings (CgRecommendationList *self,
                                    CgRatingsStore       *ratings)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));
  g_return_if_fail (ratings == NULL || CG_IS_RATINGS_STORE (ratings));

  if (self->ratings == ratings)
    return;
  if (self->ratings != NULL)
    g_signal_handlers_disconnect_by_data (self->ratings, self);
  g_set_object (&self->ratings, ratings);
  if (ratings != NULL)
    g_signal_connect_object (ratings, "changed", G_CALLBACK (on_ratings_changed_cb), self,
                             G_CONNECT_SWAPPED);
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATINGS]);
}

void
cg_recommendation_list_set_user (CgRecommendationList *self,
                                 guint32               user)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));

  if (self->user == user)
    return;
  self->user = user;
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

guint32
cg_recommendation_list_get_user (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), 0);

  return self->user;
}

void
cg_recommendation_list_set_k (CgRecommendationList *self,
                              guint                 k)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));
  g_return_if_fail (k >= 1);

  if (self->k == k)
    return;
  self->k = k;
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_K]);
}

guint
cg_recommendation_list_get_k (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), 0);

  return self->k;
}

void
cg_recommendation_list_set_noise_draws (CgRecommendationList *self,
                                        guint                 draws)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));
  g_return_if_fail (draws >= 1);

  if (self->noise_draws == draws)
    return;
  self->noise_draws = draws;
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOISE_DRAWS]);
}

guint
cg_recommendation_list_get_noise_draws (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), 0);

  return rounds (self) * model_draws (self);
}

GListModel *
cg_recommendation_list_get_items (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return G_LIST_MODEL (self->items);
}

GListModel *
cg_recommendation_list_get_liked (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return G_LIST_MODEL (self->liked);
}

const char *
cg_recommendation_list_get_summary (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return self->summary;
}

const char *
cg_recommendation_list_get_empty_message (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return self->empty_message;
}

const char *
cg_recommendation_list_get_liked_title (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return self->liked_title;
}

gboolean
cg_recommendation_list_get_yours (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), FALSE);

  return self->yours;
}

gboolean
cg_recommendation_list_get_stale (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), FALSE);

  return self->stale;
}

gboolean
cg_recommendation_list_get_explaining (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), FALSE);

  return self->explaining;
}

const char *
cg_recommendation_list_get_explain_note (CgRecommendationList *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_LIST (self), NULL);

  return self->explain_note;
}

void
cg_recommendation_list_refresh (CgRecommendationList *self)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_LIST (self));

  refresh_now (self);
}
