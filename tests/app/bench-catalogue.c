/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-catalogue.c: how the Catalogue page answers as the catalogue grows, in the real
 * window, from a synthetic CSV release per size (ML-100K's 1,682 movies to ML-25M's 62,423
 * by default; `bench-catalogue 1682 62423`).
 *
 * For each size it prints, in milliseconds from the action to the first frame painted
 * after it (what a person sees), the median and the slowest of: opening the window on the
 * release (load included), a page down, a jump to anywhere in the grid (the scrollbar
 * dragged), each keystroke typed into the search and each one deleted, a change of order
 * and of genre. The search entry's own pause before it searches (GtkSearchEntry's
 * search-delay, 150 ms) is not counted: the search is started at once, as that pause
 * ends. Under Xvfb a frame waits for the frame clock's next tick, up to ~17 ms of each
 * figure. `meson test --benchmark` runs it with GSK_RENDERER=cairo: Xvfb's GL is a
 * software rasteriser, a cost a desktop's GPU does not have.
 *
 * It also checks what it measures: the last movie in the order is on screen once scrolled
 * to the end, every movie shown matches the search typed, and the full catalogue is back
 * once it is deleted. `meson test --benchmark catalogue` runs it at both sizes; the suite
 * runs it on a small size to keep it working.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-gui-test.h"
#include "cg-movie-card.h"
#include "cg-movie-filter.h"
#include "cg-synthetic.h"

static GArray *sizes;  /* guint: catalogue sizes to measure, in order */

typedef struct
{
  const char *what;
  GArray     *ms;      /* double */
} Series;

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *ms)
{
  g_autoptr(GArray) sorted = g_array_copy (ms);

  g_array_sort (sorted, compare_doubles);
  if (sorted->len == 0)
    return 0;
  if (sorted->len % 2 == 1)
    return g_array_index (sorted, double, sorted->len / 2);
  return (g_array_index (sorted, double, sorted->len / 2 - 1)
          + g_array_index (sorted, double, sorted->len / 2)) / 2;
}

static double
max_of (GArray *ms)
{
  double max = 0;

  for (guint i = 0; i < ms->len; i++)
    max = MAX (max, g_array_index (ms, double, i));
  return max;
}

/* ---- one action, timed to its frame ---- */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

typedef void (*Action) (gpointer data);

/* Runs action, then the main loop until widget's window has painted a frame begun after
 * it; the milliseconds from the action's start to that frame's end. */
static double
time_to_frame (GtkWidget *widget,
               Action     action,
               gpointer   data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  double start = now_ms ();
  gulong handler;

  action (data);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  /* An action that changes nothing on screen still ends at a frame. */
  gtk_widget_queue_draw (widget);
  ck_assert (cg_test_spin_until (cg_test_flag_set, &painted, 20000));
  g_signal_handler_disconnect (clock, handler);
  return now_ms () - start;
}

/* ---- the actions ---- */

typedef struct
{
  GtkAdjustment *adjustment;
  double         value;
} Scroll;

static void
scroll_action (gpointer data)
{
  Scroll *scroll = data;

  gtk_adjustment_set_value (scroll->adjustment, scroll->value);
}

typedef struct
{
  GtkSearchEntry *entry;
  const char     *text;
} Search;

static void
search_action (gpointer data)
{
  Search *search = data;

  gtk_editable_set_text (GTK_EDITABLE (search->entry), search->text);
  /* What the entry does once its pause is over; it does it again then, a no-op. */
  g_signal_emit_by_name (search->entry, "search-changed");
}

typedef struct
{
  GtkDropDown *dropdown;
  guint        position;
} Choice;

static void
choice_action (gpointer data)
{
  Choice *choice = data;

  gtk_drop_down_set_selected (choice->dropdown, choice->position);
}

/* ---- one size ---- */

static GListModel *
shown_model (CgWindow *window)
{
  return cg_catalog_model_get_model (cg_session_get_catalog (cg_window_get_session (window)));
}

/* TRUE when the movie is on a card on screen. */
static gboolean
movie_on_screen (CgWindow *window,
                 guint32   movie_id)
{
  g_autoptr(GPtrArray) cards = cg_test_shown_cards (window);

  for (guint i = 0; i < cards->len; i++)
    {
      CgMovieItem *item = cg_movie_card_get_item (g_ptr_array_index (cards, i));

      if (item != NULL && cg_movie_item_get_movie_id (item) == movie_id)
        return TRUE;
    }
  return FALSE;
}

static char *
write_release (guint n_movies)
{
  g_autoptr(GError) error = NULL;
  char *dir = cg_test_make_temp_dir ();
  CgSyntheticShape shape;
  /* Enough users for every movie to have been rated, as in the releases; the ratings'
   * number is not what the page's speed depends on. */
  guint n_users = MAX (943, n_movies / 12);

  cg_synthetic_shape_init (&shape, n_users, n_movies, (guint64) n_users * 60);
  shape.id_spread = n_movies > 10000 ? 3.35 : 1.0;  /* ML-25M's IDs reach 209,171 */
  shape.half_stars = TRUE;
  ck_assert_msg (cg_synthetic_write (&shape, CG_FORMAT_CSV, CG_SYNTHETIC_WRITE_DEFAULT, dir,
                                     &error),
                 "%s", error != NULL ? error->message : "?");
  return dir;
}

static void
add (Series *series, double ms)
{
  g_array_append_val (series->ms, ms);
}

static void
measure_size (CgApplication *app,
              guint          n_movies)
{
  g_autofree char *dir = write_release (n_movies);
  enum { OPEN, PAGE, JUMP, TYPE, DELETE, SORT, GENRE, N_SERIES };
  Series series[N_SERIES] = {
    { "open" }, { "page down" }, { "jump" }, { "type" }, { "delete" }, { "sort" }, { "genre" },
  };
  static const char query[] = "misérables 12";
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_movies);
  g_autofree char *folded = cg_movie_filter_fold (query);
  GListModel *shown;
  GtkWidget *grid, *catalogue;
  GtkAdjustment *vadj;
  GtkSearchEntry *entry;
  GtkDropDown *sort, *genre;
  CgWindow *window;
  double start;
  guint n_all;

  for (guint i = 0; i < N_SERIES; i++)
    series[i].ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* Opened as the app opens a dataset folder: loading, then the grid's first cards. */
  start = now_ms ();
  window = cg_test_open_window_on (app, dir);
  catalogue = cg_window_get_catalog_view (window);
  g_ptr_array_unref (cg_test_shown_cards (window));
  add (&series[OPEN], now_ms () - start);
  cg_test_resize_window (GTK_WINDOW (window), 1200, 800);

  shown = shown_model (window);
  n_all = g_list_model_get_n_items (shown);
  ck_assert_uint_eq (n_all, n_movies);
  grid = cg_test_get_by_name (catalogue, "catalogue-grid");
  entry = GTK_SEARCH_ENTRY (cg_test_get_by_name (catalogue, "search"));
  sort = GTK_DROP_DOWN (cg_test_get_by_name (catalogue, "sort"));
  genre = GTK_DROP_DOWN (cg_test_get_by_name (catalogue, "genre-filter"));
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  cg_test_spin_for (200);

  /* Scrolling: forty pages down from the top, then forty jumps anywhere, then the end. */
  for (guint i = 0; i < 40; i++)
    {
      Scroll scroll = { vadj, gtk_adjustment_get_value (vadj)
                              + gtk_adjustment_get_page_size (vadj) };

      add (&series[PAGE], time_to_frame (grid, scroll_action, &scroll));
    }
  for (guint i = 0; i < 40; i++)
    {
      double room = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
      Scroll scroll = { vadj, g_rand_double_range (rand, 0, MAX (room, 0)) };

      add (&series[JUMP], time_to_frame (grid, scroll_action, &scroll));
    }
  {
    g_autoptr(CgMovieItem) last = g_list_model_get_item (shown, n_all - 1);
    Scroll scroll = { vadj, gtk_adjustment_get_upper (vadj) };

    add (&series[JUMP], time_to_frame (grid, scroll_action, &scroll));
    cg_test_spin_for (100);
    ck_assert_msg (movie_on_screen (window, cg_movie_item_get_movie_id (last)),
                   "the last movie in the order is not on screen at the grid's end");
  }

  /* Search as you type, one letter at a time, then deleted letter by letter. */
  for (gsize n = 1; n <= strlen (query); n++)
    {
      g_autofree char *typed = NULL;
      Search search = { entry, NULL };

      if ((query[n] & 0xC0) == 0x80)  /* inside a UTF-8 letter: a key types it whole */
        continue;
      typed = g_strndup (query, n);
      search.text = typed;
      add (&series[TYPE], time_to_frame (grid, search_action, &search));
    }
  ck_assert_uint_gt (g_list_model_get_n_items (shown), 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CgMovieItem) item = g_list_model_get_item (shown, i);

      ck_assert_msg (strstr (cg_movie_item_get_search_key (item), folded) != NULL,
                     "%s shown for the search %s", cg_movie_item_get_title (item), query);
    }
  for (gsize n = strlen (query); n-- > 0;)
    {
      g_autofree char *typed = NULL;
      Search search = { entry, NULL };

      if ((query[n] & 0xC0) == 0x80)
        continue;
      typed = g_strndup (query, n);
      search.text = typed;
      add (&series[DELETE], time_to_frame (grid, search_action, &search));
    }
  ck_assert_uint_eq (g_list_model_get_n_items (shown), n_all);

  /* Every order the page offers, twice round, and back to the first. */
  {
    guint n_orders = g_list_model_get_n_items (gtk_drop_down_get_model (sort));

    for (guint i = 1; i <= 2 * n_orders; i++)
      {
        Choice choice = { sort, i % n_orders };

        add (&series[SORT], time_to_frame (grid, choice_action, &choice));
      }
  }
  /* Each genre in turn, then all genres again. */
  {
    guint n_genres = g_list_model_get_n_items (gtk_drop_down_get_model (genre));

    for (guint i = 1; i <= n_genres; i++)
      {
        Choice choice = { genre, i % n_genres };

        add (&series[GENRE], time_to_frame (grid, choice_action, &choice));
      }
    ck_assert_uint_eq (g_list_model_get_n_items (shown), n_all);
  }

  printf ("%7u movies:", n_movies);
  for (guint i = 0; i < N_SERIES; i++)
    printf ("  %s %.0f/%.0f", series[i].what, median_of (series[i].ms), max_of (series[i].ms));
  printf ("  (ms, median/slowest)\n");
  fflush (stdout);

  for (guint i = 0; i < N_SERIES; i++)
    g_array_unref (series[i].ms);
  gtk_window_destroy (GTK_WINDOW (window));
  cg_test_spin_for (100);
  cg_test_remove_tree (dir);
}

START_TEST (test_catalogue_at_scale)
{
  /* One application for every size: it owns its name on the session bus. */
  g_autoptr(CgApplication) app = cg_test_application_new ();

  printf ("Catalogue page, action to painted frame, window 1200×800, GSK_RENDERER=%s:\n",
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "(default)");
  for (guint i = 0; i < sizes->len; i++)
    measure_size (app, g_array_index (sizes, guint, i));
}
END_TEST

static Suite *
bench_suite (void)
{
  Suite *s = suite_create ("bench-catalogue");
  TCase *tc = tcase_create ("catalogue");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 1200);
  tcase_add_test (tc, test_catalogue_at_scale);
  suite_add_tcase (s, tc);
  return s;
}

int
main (int    argc,
      char **argv)
{
  sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (int i = 1; i < argc; i++)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (argv[i], &end, 10);
      guint size = (guint) n;

      if (end == argv[i] || *end != '\0' || n < 20 || n > 1000000)
        {
          fprintf (stderr, "bench-catalogue: %s is not a catalogue size (20 to 1,000,000 movies)\n",
                   argv[i]);
          return 2;
        }
      g_array_append_val (sizes, size);
    }
  if (sizes->len == 0)
    {
      const guint defaults[] = { 1682, 62423 };

      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }
  return cg_test_run_app_suite (bench_suite ());
}
