/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-catalog-model.c: the catalogue's filter and sort chain, without a display.
 *
 * A five-movie catalogue with accented Latin-1 titles, a year-less movie and one nobody
 * rated, so every rule (accent folding, genre bits, ties, unknowns last) has a case that
 * tells it apart from a plausible mistake.
 */

#include "config.h"

#include <string.h>

#include "cg-catalog-model.h"
#include "cg-item-array.h"
#include "cg-test-util.h"

static char *tmp_dir;
static CgRatingsStore *ratings;
static CgCatalogModel *model;

/* Genres: 0 unknown, 1 Action, 2 Comedy, 3 Drama. Titles are Latin-1 as in u.item. */
static const char genre_text[] = "unknown|0\nAction|1\nComedy|2\nDrama|3\n";
static const char item_text[] =
  "1|Am\xe9lie (2001)|01-Jan-2001||http://example.org/1|0|0|1|1\n"
  "2|Star Wars (1977)|01-Jan-1977||http://example.org/2|0|1|0|0\n"
  "3|Cr\xe8me Br\xfbl\xe9" "e Story (1995)|01-Jan-1995||http://example.org/3|0|0|0|1\n"
  "4|STARGATE (1994)|01-Jan-1994||http://example.org/4|0|1|0|0\n"
  "5|Zebra Days||||0|0|1|0\n";

/* Averages over train ∪ test: 1 → 4.5 (2), 2 → 4.0 (2), 3 → 1.5 (2), 4 → 4.0 (1), 5 → none. */
static const CgRating train[] = {
  { 1, 1, 5, 10 }, { 1, 2, 3, 11 }, { 1, 4, 4, 12 },
  { 2, 2, 5, 13 }, { 2, 3, 1, 14 },
};
static const CgRating test[] = {
  { 1, 3, 2, 15 }, { 2, 1, 4, 16 },
};

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) dataset = NULL;
  g_autofree char *path = NULL;
  CgCatalog *catalog;

  tmp_dir = cg_test_make_temp_dir ();
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);

  catalog = cg_catalog_parse (genre_text, strlen (genre_text), "u.genre",
                              item_text, strlen (item_text), "u.item", &error);
  ck_assert_msg (catalog != NULL, "%s", error != NULL ? error->message : "?");
  dataset = cg_dataset_new (catalog, "u1", 4, train, G_N_ELEMENTS (train),
                            test, G_N_ELEMENTS (test), &error);
  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "?");

  path = cg_ratings_store_default_path ();
  ratings = cg_ratings_store_new (path);
  ck_assert (cg_ratings_store_load (ratings, NULL));
  /* A rating given before the catalogue is loaded shows on its item. */
  ck_assert (cg_ratings_store_set_rating (ratings, 3, 5, NULL));

  model = cg_catalog_model_new (ratings);
  cg_catalog_model_set_dataset (model, dataset);
}

static void
teardown (void)
{
  g_clear_object (&model);
  g_clear_object (&ratings);
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* The movie IDs the grid would show, in order, as "1,3,2". */
static char *
shown (void)
{
  GListModel *list = cg_catalog_model_get_model (model);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CgMovieItem) item = g_list_model_get_item (list, i);

      g_string_append_printf (out, "%s%u", i > 0 ? "," : "", cg_movie_item_get_movie_id (item));
    }
  return g_string_free (out, FALSE);
}

#define assert_shown(expected) \
  G_STMT_START { \
    g_autofree char *got_ = shown (); \
    ck_assert_msg (strcmp (got_, (expected)) == 0, "shown %s, expected %s", got_, (expected)); \
  } G_STMT_END

static void
search (const char *text)
{
  cg_movie_filter_set_search (cg_catalog_model_get_filter (model), text);
}

START_TEST (test_items_from_dataset)
{
  CgMovieItem *amelie = cg_catalog_model_lookup (model, 1);
  CgMovieItem *stargate = cg_catalog_model_lookup (model, 4);
  CgMovieItem *zebra = cg_catalog_model_lookup (model, 5);
  const char * const *genres = cg_catalog_model_get_genre_names (model);

  ck_assert_uint_eq (g_list_model_get_n_items (cg_catalog_model_get_all (model)), 5);
  ck_assert_ptr_null (cg_catalog_model_lookup (model, 6));

  ck_assert_str_eq (cg_movie_item_get_title (amelie), "Amélie (2001)");
  ck_assert_str_eq (cg_movie_item_get_display_title (amelie), "Amélie");
  ck_assert_uint_eq (cg_movie_item_get_year (amelie), 2001);
  ck_assert_str_eq (cg_movie_item_get_genres (amelie), "Comedy, Drama");
  ck_assert_double_eq_tol (cg_movie_item_get_average_rating (amelie), 4.5, 1e-9);
  ck_assert_uint_eq (cg_movie_item_get_n_ratings (amelie), 2);

  ck_assert_double_eq_tol (cg_movie_item_get_average_rating (stargate), 4.0, 1e-9);
  ck_assert_uint_eq (cg_movie_item_get_n_ratings (stargate), 1);

  /* No year in the title or the date: the title stays whole, the year unknown. */
  ck_assert_str_eq (cg_movie_item_get_display_title (zebra), "Zebra Days");
  ck_assert_uint_eq (cg_movie_item_get_year (zebra), 0);
  ck_assert_uint_eq (cg_movie_item_get_n_ratings (zebra), 0);

  ck_assert_uint_eq (cg_movie_item_get_your_rating (cg_catalog_model_lookup (model, 3)), 5);
  ck_assert_uint_eq (cg_movie_item_get_your_rating (amelie), 0);

  ck_assert_uint_eq (g_strv_length ((char **) genres), 4);
  ck_assert_str_eq (genres[3], "Drama");
}
END_TEST

START_TEST (test_fold)
{
  g_autofree char *a = cg_movie_filter_fold ("Amélie");
  g_autofree char *b = cg_movie_filter_fold ("AMÉLIE");
  g_autofree char *c = cg_movie_filter_fold ("Straße");
  g_autofree char *d = cg_movie_filter_fold ("Ｆｕｌｌ");
  g_autofree char *e = cg_movie_filter_fold ("\xff not utf-8");

  ck_assert_str_eq (a, "amelie");
  ck_assert_str_eq (b, "amelie");
  ck_assert_str_eq (c, "strasse");
  ck_assert_str_eq (d, "full");   /* fullwidth letters: compatibility decomposition */
  ck_assert_str_eq (e, "");
}
END_TEST

START_TEST (test_search)
{
  assert_shown ("1,3,2,4,5");      /* default: title order */

  search ("amelie");
  assert_shown ("1");
  search ("AMÉLIE");
  assert_shown ("1");
  search ("ame");
  assert_shown ("1");
  search ("brulee");
  assert_shown ("3");
  search ("crème brû");
  assert_shown ("3");
  /* Substring anywhere in the title, any case: "Star Wars" and "STARGATE". */
  search ("star");
  assert_shown ("2,4");
  search ("stargate");
  assert_shown ("4");
  search ("tar");                  /* looser again */
  assert_shown ("2,4");
  search ("(2001)");               /* the year in the title counts too */
  assert_shown ("1");
  search ("nothing like this");
  assert_shown ("");
  search ("");
  assert_shown ("1,3,2,4,5");
  search (NULL);
  assert_shown ("1,3,2,4,5");
}
END_TEST

START_TEST (test_genre)
{
  CgMovieFilter *filter = cg_catalog_model_get_filter (model);

  cg_movie_filter_set_genre (filter, 1);          /* Action */
  assert_shown ("2,4");
  cg_movie_filter_set_genre (filter, 3);          /* Drama */
  assert_shown ("1,3");
  cg_movie_filter_set_genre (filter, 0);          /* unknown: none */
  assert_shown ("");
  cg_movie_filter_set_genre (filter, 2);          /* Comedy */
  assert_shown ("1,5");

  /* Genre and search together. */
  cg_movie_filter_set_genre (filter, 3);
  search ("cre");
  assert_shown ("3");
  cg_movie_filter_set_genre (filter, -1);
  assert_shown ("3");
  search (NULL);
  assert_shown ("1,3,2,4,5");
}
END_TEST

START_TEST (test_rated_by_me)
{
  CgMovieFilter *filter = cg_catalog_model_get_filter (model);

  cg_movie_filter_set_rated (filter, CG_MOVIE_RATED_BY_ME);
  assert_shown ("3");
  /* Straight from rated to not rated: the other movies. */
  cg_movie_filter_set_rated (filter, CG_MOVIE_RATED_NOT_YET);
  assert_shown ("1,2,4,5");
  cg_movie_filter_set_rated (filter, CG_MOVIE_RATED_BY_ME);

  /* Rating elsewhere (the recommendations view, say) updates the list at once. */
  ck_assert (cg_ratings_store_set_rating (ratings, 4, 4, NULL));
  ck_assert_uint_eq (cg_movie_item_get_your_rating (cg_catalog_model_lookup (model, 4)), 4);
  assert_shown ("3,4");
  ck_assert (cg_ratings_store_set_rating (ratings, 3, 0, NULL));
  assert_shown ("4");

  /* With a genre: only rated Action movies. */
  ck_assert (cg_ratings_store_set_rating (ratings, 1, 2, NULL));
  cg_movie_filter_set_genre (filter, 1);
  assert_shown ("4");
  cg_movie_filter_set_genre (filter, -1);
  assert_shown ("1,4");

  /* Not rated yet follows your ratings too. */
  cg_movie_filter_set_rated (filter, CG_MOVIE_RATED_NOT_YET);
  assert_shown ("3,2,5");
  ck_assert (cg_ratings_store_set_rating (ratings, 2, 5, NULL));
  assert_shown ("3,5");
  ck_assert (cg_ratings_store_set_rating (ratings, 2, 0, NULL));

  cg_movie_filter_set_rated (filter, CG_MOVIE_RATED_ANY);
  assert_shown ("1,3,2,4,5");

  /* Reloading the store from disk refreshes every item. */
  ck_assert (cg_ratings_store_load (ratings, NULL));
  ck_assert_uint_eq (cg_movie_item_get_your_rating (cg_catalog_model_lookup (model, 1)), 2);
  ck_assert_uint_eq (cg_movie_item_get_your_rating (cg_catalog_model_lookup (model, 3)), 0);
}
END_TEST

START_TEST (test_sort_orders)
{
  CgMovieSorter *sorter = cg_catalog_model_get_sorter (model);

  /* Title, case and accents ignored, whatever the locale: "Amélie", "Crème…", "Star Wars"
   * ("star " before "starg"), "STARGATE", "Zebra Days". */
  assert_shown ("1,3,2,4,5");

  /* Year: newest first, the unknown year last. */
  cg_movie_sorter_set_order (sorter, CG_MOVIE_SORT_YEAR);
  assert_shown ("1,3,4,2,5");

  /* Popularity: 1, 2, 3 have two ratings each (ties by title), 4 one, 5 none. */
  cg_movie_sorter_set_order (sorter, CG_MOVIE_SORT_POPULARITY);
  assert_shown ("1,3,2,4,5");

  /* Average: 4.5; then 4.0 twice — two ratings before one; then 1.5; unrated last. */
  cg_movie_sorter_set_order (sorter, CG_MOVIE_SORT_AVERAGE);
  assert_shown ("1,2,4,3,5");

  /* Sorting and filtering compose. */
  cg_movie_filter_set_genre (cg_catalog_model_get_filter (model), 1);
  cg_movie_sorter_set_order (sorter, CG_MOVIE_SORT_YEAR);
  assert_shown ("4,2");
}
END_TEST

/* A movie with one five-star rating does not lead movies that many people rated highly: the
 * average is damped towards a prior of ten ratings, and enough ratings still win. */
START_TEST (test_average_is_damped)
{
  g_autoptr(CgMovieSorter) sorter = cg_movie_sorter_new (CG_MOVIE_SORT_AVERAGE);
  g_autoptr(CgMovieItem) one_five = cg_movie_item_new (1, "Lucky (1995)", 1995, 1, "", 5.0, 1);
  g_autoptr(CgMovieItem) classic = cg_movie_item_new (2, "Classic (1950)", 1950, 1, "", 4.4,
                                                      300);
  g_autoptr(CgMovieItem) three_fives = cg_movie_item_new (3, "Few (1996)", 1996, 1, "", 5.0,
                                                          3);
  g_autoptr(CgMovieItem) many_fives = cg_movie_item_new (4, "Many (1997)", 1997, 1, "", 5.0,
                                                         100);

  ck_assert_int_eq (gtk_sorter_compare (GTK_SORTER (sorter), classic, one_five),
                    GTK_ORDERING_SMALLER);
  ck_assert_int_eq (gtk_sorter_compare (GTK_SORTER (sorter), classic, three_fives),
                    GTK_ORDERING_SMALLER);
  ck_assert_int_eq (gtk_sorter_compare (GTK_SORTER (sorter), many_fives, classic),
                    GTK_ORDERING_SMALLER);
  ck_assert_int_eq (gtk_sorter_compare (GTK_SORTER (sorter), three_fives, one_five),
                    GTK_ORDERING_SMALLER);
}
END_TEST

/* Numbers in titles sort by value, not digit by digit. */
START_TEST (test_title_sort_is_numeric)
{
  static const char *const titles[] = {
    "101 Dalmatians (1996)", "12 Angry Men (1957)", "2 Days in the Valley (1996)",
    "1-900 (1994)", "2001: A Space Odyssey (1968)", "8 1/2 (1963)", "Abyss, The (1989)",
  };
  /* Expected order, as indices into titles. */
  static const guint expected[] = { 3, 2, 5, 1, 0, 4, 6 };
  g_autoptr(GListStore) store = g_list_store_new (CG_TYPE_MOVIE_ITEM);
  g_autoptr(GtkSortListModel) sorted = NULL;
  CgMovieSorter *sorter = cg_movie_sorter_new (CG_MOVIE_SORT_TITLE);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(CgMovieItem) item = cg_movie_item_new (i + 1, titles[i], 0, 0, "", 0.0, 0);

      g_list_store_append (store, item);
    }
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (store)), GTK_SORTER (sorter));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CgMovieItem) item = g_list_model_get_item (G_LIST_MODEL (sorted), i);

      ck_assert_str_eq (cg_movie_item_get_title (item), titles[expected[i]]);
    }
}
END_TEST

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

START_TEST (test_empty_dataset)
{
  guint notified = 0;

  /* The genre dropdown rebuilds on this notification. */
  g_signal_connect (model, "notify::genre-names", G_CALLBACK (on_notify_count_cb), &notified);
  cg_catalog_model_set_dataset (model, NULL);
  ck_assert_uint_eq (notified, 1);
  assert_shown ("");
  ck_assert_ptr_null (cg_catalog_model_lookup (model, 1));
  ck_assert_ptr_null (cg_catalog_model_get_genre_names (model)[0]);
  /* Ratings keep working without a catalogue. */
  ck_assert (cg_ratings_store_set_rating (ratings, 1, 3, NULL));
}
END_TEST

/* ML-100K lists a few movies twice under two IDs: their items say so, for the cards to show
 * the IDs; a title padded with a space keeps its year off the display title. */
START_TEST (test_twins_share_title)
{
  static const char twins_text[] =
    "573|Body Snatchers (1993)|01-Jan-1993||u|0|1|0|1\n"
    "670|Body Snatchers (1993)|01-Jan-1993||u|0|1|0|1\n"
    "1201|Marlene Dietrich: Shadow and Light (1996) |02-Apr-1996||u|0|0|0|1\n";
  static const CgRating twins_train[] = { { 1, 573, 4, 10 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) dataset = NULL;
  CgCatalog *catalog;
  CgMovieItem *marlene;

  catalog = cg_catalog_parse (genre_text, strlen (genre_text), "u.genre",
                              twins_text, strlen (twins_text), "u.item", &error);
  ck_assert_msg (catalog != NULL, "%s", error != NULL ? error->message : "?");
  dataset = cg_dataset_new (catalog, "u1", 4, twins_train, 1, NULL, 0, &error);
  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "?");
  cg_catalog_model_set_dataset (model, dataset);

  ck_assert (cg_movie_item_get_shares_title (cg_catalog_model_lookup (model, 573)));
  ck_assert (cg_movie_item_get_shares_title (cg_catalog_model_lookup (model, 670)));
  marlene = cg_catalog_model_lookup (model, 1201);
  ck_assert (!cg_movie_item_get_shares_title (marlene));
  ck_assert_str_eq (cg_movie_item_get_display_title (marlene),
                    "Marlene Dietrich: Shadow and Light");
  ck_assert_uint_eq (cg_movie_item_get_year (marlene), 1996);
  /* The fixture's titles are all different. */
  cg_catalog_model_set_dataset (model, NULL);
}
END_TEST

/* The array under the catalogue: one items-changed per replacement, its items read back in
 * order, nothing past its end. */
typedef struct
{
  guint calls, position, removed, added;
} ChangeLog;

static void
on_items_changed_cb (GListModel *list,
                     guint       position,
                     guint       removed,
                     guint       added,
                     ChangeLog  *log)
{
  log->calls++;
  log->position = position;
  log->removed = removed;
  log->added = added;
}

START_TEST (test_item_array)
{
  g_autoptr(CgItemArray) array = cg_item_array_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  ChangeLog log = { 0 };

  ck_assert (g_list_model_get_item_type (G_LIST_MODEL (array)) == G_TYPE_OBJECT);
  g_signal_connect (array, "items-changed", G_CALLBACK (on_items_changed_cb), &log);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));

  cg_item_array_set_all (array, items);
  ck_assert_uint_eq (log.calls, 1);
  ck_assert_uint_eq (log.position, 0);
  ck_assert_uint_eq (log.removed, 0);
  ck_assert_uint_eq (log.added, 3);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (array)), 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (array), i);

      ck_assert_ptr_eq (item, g_ptr_array_index (items, i));
    }
  ck_assert_ptr_null (g_list_model_get_item (G_LIST_MODEL (array), 3));

  /* Its own references: the caller's array may go. */
  g_ptr_array_set_size (items, 1);
  cg_item_array_set_all (array, items);
  ck_assert_uint_eq (log.calls, 2);
  ck_assert_uint_eq (log.removed, 3);
  ck_assert_uint_eq (log.added, 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (array), 0);

    ck_assert (G_IS_OBJECT (item));
  }

  cg_item_array_set_all (array, NULL);
  ck_assert_uint_eq (log.calls, 3);
  ck_assert_uint_eq (log.removed, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (array)), 0);
  /* Empty to empty is no change. */
  cg_item_array_set_all (array, NULL);
  ck_assert_uint_eq (log.calls, 3);
}
END_TEST

static Suite *
catalog_model_suite (void)
{
  Suite *s = suite_create ("catalog-model");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_items_from_dataset);
  tcase_add_test (tc, test_fold);
  tcase_add_test (tc, test_search);
  tcase_add_test (tc, test_genre);
  tcase_add_test (tc, test_rated_by_me);
  tcase_add_test (tc, test_sort_orders);
  tcase_add_test (tc, test_average_is_damped);
  tcase_add_test (tc, test_title_sort_is_numeric);
  tcase_add_test (tc, test_empty_dataset);
  tcase_add_test (tc, test_twins_share_title);
  tcase_add_test (tc, test_item_array);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (catalog_model_suite ());
}
