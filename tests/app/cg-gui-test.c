/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-gui-test.c: what the app's tests share (see the header).
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "cg-gui-test.h"

#include "cg-movie-card.h"
#include "cg-training-view.h"

/* ---- finding widgets ---- */

static GtkWidget *
find (GtkWidget             *widget,
      CgTestWidgetPredicate  predicate,
      gconstpointer          data,
      GPtrArray             *all)
{
  if (predicate (widget, data))
    {
      if (all == NULL)
        return widget;
      g_ptr_array_add (all, widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, predicate, data, all);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cg_test_find_widget (GtkWidget             *root,
                     CgTestWidgetPredicate  predicate,
                     gconstpointer          data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  return find (root, predicate, data, NULL);
}

GPtrArray *
cg_test_find_widgets (GtkWidget             *root,
                      CgTestWidgetPredicate  predicate,
                      gconstpointer          data)
{
  GPtrArray *all = g_ptr_array_new ();

  g_return_val_if_fail (GTK_IS_WIDGET (root), all);

  find (root, predicate, data, all);
  return all;
}

gboolean
cg_test_widget_has_name (GtkWidget     *widget,
                         gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

gboolean
cg_test_widget_is_a (GtkWidget     *widget,
                     gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

gboolean
cg_test_widget_is_mapped_a (GtkWidget     *widget,
                            gconstpointer  type)
{
  return cg_test_widget_is_a (widget, type) && gtk_widget_get_mapped (widget);
}

gboolean
cg_test_widget_has_action (GtkWidget     *widget,
                           gconstpointer  action_name)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       action_name) == 0;
}

gboolean
cg_test_widget_has_role (GtkWidget     *widget,
                         gconstpointer  role)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))
         == (GtkAccessibleRole) GPOINTER_TO_INT (role);
}

gboolean
cg_test_widget_has_css_class (GtkWidget     *widget,
                              gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

gboolean
cg_test_label_starts_with (GtkWidget     *widget,
                           gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

gboolean
cg_test_shortcut_has_action (GtkWidget     *widget,
                             gconstpointer  action_name)
{
  g_autofree char *name = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "action-name", &name, NULL);
  return g_strcmp0 (name, action_name) == 0;
}

GtkWidget *
cg_test_get_by_name (GtkWidget  *root,
                     const char *name)
{
  GtkWidget *found = cg_test_find_widget (root, cg_test_widget_has_name, name);

  ck_assert_msg (found != NULL, "no widget named “%s” under %s", name,
                 G_OBJECT_TYPE_NAME (root));
  return found;
}

GtkWidget *
cg_test_get_by_type (GtkWidget *root,
                     GType      type)
{
  GtkWidget *found = cg_test_find_widget (root, cg_test_widget_is_a,
                                          GSIZE_TO_POINTER (type));

  ck_assert_msg (found != NULL, "no %s under %s", g_type_name (type),
                 G_OBJECT_TYPE_NAME (root));
  return found;
}

/* ---- the main loop ---- */

gboolean
cg_test_spin_until (CgTestCondition condition,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
cg_test_spin_for (guint ms)
{
  cg_test_spin_until (never, NULL, ms);
}

gboolean
cg_test_flag_set (gpointer data)
{
  return *(gboolean *) data;
}

gboolean
cg_test_object_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* ---- a home per test ---- */

static char *home_dir;
static char *home_data_dir;

/* XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME in folders of dir. No Check
 * assertions: this also runs before any test has started. */
static void
set_xdg_home (const char *dir)
{
  const char *const folders[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (dir, folders[i][1], NULL);

      if (g_mkdir_with_parents (path, 0700) != 0)
        g_error ("cannot make %s: %s", path, g_strerror (errno));
      g_setenv (folders[i][0], path, TRUE);
    }
}

void
cg_test_home_setup (void)
{
  CgSyntheticSpec spec;

  home_dir = cg_test_make_temp_dir ();
  /* Set before GLib caches them: Check runs each test in a fresh child. The widget suites
   * run all their tests in one process, whose GLib has cached the process's home before the
   * first test (cg_test_run_widget_suite): there the tests share that one. */
  set_xdg_home (home_dir);
  g_unsetenv ("CINEGAN_DATA_DIR");
  g_setenv ("OPENBLAS_NUM_THREADS", "1", TRUE);

  home_data_dir = g_build_filename (home_dir, "ml", NULL);
  ck_assert_int_eq (g_mkdir_with_parents (home_data_dir, 0700), 0);
  cg_synthetic_spec_init (&spec);
  spec.seed = 5;
  cg_test_write_synthetic (home_data_dir, &spec);
}

void
cg_test_home_teardown (void)
{
  cg_test_remove_tree (home_dir);
  g_clear_pointer (&home_dir, g_free);
  g_clear_pointer (&home_data_dir, g_free);
}

const char *
cg_test_home_dir (void)
{
  return home_dir;
}

const char *
cg_test_home_data_dir (void)
{
  return home_data_dir;
}

char *
cg_test_home_path (const char *name)
{
  return g_build_filename (home_dir, name, NULL);
}

void
cg_test_edit_data_file (const char *name,
                        const char *pattern,
                        const char *replacement)
{
  g_autofree char *path = g_build_filename (cg_test_home_data_dir (), name, NULL);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_RAW | G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  gsize len;

  ck_assert_ptr_nonnull (regex);
  ck_assert_msg (g_file_get_contents (path, &contents, &len, &error), "%s", error->message);
  edited = g_regex_replace (regex, contents, len, 0, replacement, 0, &error);
  ck_assert_msg (edited != NULL, "%s", error->message);
  ck_assert_msg (g_file_set_contents (path, edited, -1, &error), "%s", error->message);
}

/* ---- async calls ---- */

void
cg_test_outcome_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CgTestOutcome *outcome = user_data;
  gpointer tag = g_task_get_source_tag (G_TASK (result));

  if (CG_IS_WINDOW (source))
    outcome->ok = cg_window_load_dataset_finish (CG_WINDOW (source), result, &outcome->error);
  else if (CG_IS_TRAINING_RUN (source))
    outcome->ok = cg_training_run_run_finish (CG_TRAINING_RUN (source), result,
                                              &outcome->error);
  else if (tag == cg_session_load_dataset_async)
    outcome->ok = cg_session_load_dataset_finish (CG_SESSION (source), result,
                                                  &outcome->error);
  else if (tag == cg_session_open_model_async)
    outcome->ok = cg_session_open_model_finish (CG_SESSION (source), result, &outcome->error);
  else
    ck_abort_msg ("no outcome for a %s call", G_OBJECT_TYPE_NAME (source));
  outcome->done = TRUE;
}

static gboolean
outcome_done (gpointer data)
{
  return ((CgTestOutcome *) data)->done;
}

gboolean
cg_test_wait (CgTestOutcome *outcome,
              guint          timeout_ms)
{
  ck_assert_msg (cg_test_spin_until (outcome_done, outcome, timeout_ms),
                 "timed out after %u ms", timeout_ms);
  return outcome->ok;
}

CgSession *
cg_test_session_new (void)
{
  g_autofree char *path = cg_test_home_path ("ratings.tsv");
  g_autoptr(CgRatingsStore) store = cg_ratings_store_new (path);
  g_autoptr(GError) error = NULL;
  CgTestOutcome outcome = { 0 };
  CgSession *session;

  ck_assert_msg (cg_ratings_store_load (store, &error), "%s", error->message);
  session = cg_session_new (store);
  cg_session_load_dataset_async (session, cg_test_home_data_dir (), NULL, cg_test_outcome_cb,
                                 &outcome);
  ck_assert_msg (cg_test_wait (&outcome, 30000), "%s", outcome.error->message);
  return session;
}

GtkWindow *
cg_test_show_session_view (GtkWidget *view,
                           CgSession *session,
                           int        width,
                           int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, view);
  cg_session_view_set_session (CG_SESSION_VIEW (view), session);
  gtk_window_present (window);
  ck_assert (cg_test_spin_until (cg_test_mapped, view, 5000));
  cg_test_spin_for (100);
  return window;
}

void
cg_test_close_session_view (GtkWindow **window,
                            CgSession **session)
{
  if (*window != NULL)
    gtk_window_destroy (*window);
  *window = NULL;
  g_clear_object (session);
  cg_test_spin_for (20);
}

gboolean
cg_test_session_idle (gpointer session)
{
  return !cg_session_get_training (CG_SESSION (session));
}

CgApplication *
cg_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  CgApplication *app = cg_application_new ();

  /* Each test has its own session bus, but nothing needs to own the name. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  ck_assert_msg (g_application_register (G_APPLICATION (app), NULL, &error),
                 "%s", error != NULL ? error->message : "?");
  return app;
}

static gboolean
window_loaded (gpointer data)
{
  return g_strcmp0 (cg_window_get_page (CG_WINDOW (data)), "loading") != 0;
}

CgWindow *
cg_test_open_window (CgApplication *app)
{
  return cg_test_open_window_on (app, cg_test_home_data_dir ());
}

CgWindow *
cg_test_open_window_on (CgApplication *app,
                        const char    *data_dir)
{
  CgWindow *window;

  g_setenv ("CINEGAN_DATA_DIR", data_dir, TRUE);
  /* Transitions run on the frame clock, which an Xvfb without a compositor ticks unevenly:
   * a screenshot could catch a page half faded in. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  window = cg_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (window_loaded, window, 30000));
  ck_assert_msg (g_strcmp0 (cg_window_get_page (window), "views") == 0, "%s not opened: %s",
                 data_dir, gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                   GTK_WIDGET (window), "missing-error"))));
  return window;
}

static gboolean
give_up_cb (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

int
cg_test_run_application (CgApplication *app,
                         int            argc,
                         char         **argv,
                         guint          give_up_seconds)
{
  /* A source, not an ID: it may have fired and gone by the time the run is over. */
  g_autoptr(GSource) give_up = g_timeout_source_new_seconds (give_up_seconds);
  int status;

  g_source_set_callback (give_up, give_up_cb, app, NULL);
  g_source_attach (give_up, NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_source_destroy (give_up);
  return status;
}

CgWindow *
cg_test_open_window_with_unsaved_model (CgApplication *app)
{
  CgWindow *window = cg_test_open_window (app);
  CgCganConfig config;

  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);
  ck_assert (cg_session_get_unsaved (cg_window_get_session (window)));
  return window;
}

static gboolean
window_training (gpointer data)
{
  return cg_session_get_training (cg_window_get_session (CG_WINDOW (data)));
}

static gboolean
window_not_training (gpointer data)
{
  return !cg_session_get_training (cg_window_get_session (CG_WINDOW (data)));
}

void
cg_test_window_train (CgWindow           *window,
                      const CgCganConfig *config,
                      gboolean            wait)
{
  CgTrainingView *training = CG_TRAINING_VIEW (cg_window_get_training_view (window));

  cg_training_view_set_config (training, config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  /* A model trained before and not saved: the window asks first, and the user agrees. */
  if (!cg_session_get_training (cg_window_get_session (window)))
    {
      ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
      cg_test_answer_question (cg_test_find_question (), "discard");
      ck_assert (cg_test_spin_until (window_training, window, 5000));
    }
  ck_assert (cg_session_get_training (cg_window_get_session (window)));
  if (wait)
    ck_assert (cg_test_spin_until (window_not_training, window, 120000));
}

static gboolean
cards_shown (gpointer data)
{
  g_autoptr(GPtrArray) cards = cg_test_find_widgets (GTK_WIDGET (data),
                                                     cg_test_widget_is_mapped_a,
                                                     GSIZE_TO_POINTER (CG_TYPE_MOVIE_CARD));

  return cards->len >= 3;
}

GPtrArray *
cg_test_shown_cards (CgWindow *window)
{
  GtkWidget *catalogue = cg_window_get_catalog_view (window);

  ck_assert (cg_test_spin_until (cards_shown, catalogue, 10000));
  return cg_test_find_widgets (catalogue, cg_test_widget_is_mapped_a,
                               GSIZE_TO_POINTER (CG_TYPE_MOVIE_CARD));
}

/* ---- models ---- */

void
cg_test_tiny_config (CgCganConfig *config,
                     guint         epochs)
{
  cg_cgan_config_init (config);
  config->embed_dim = 8;
  config->noise_dim = 4;
  config->hidden_dim = 16;
  config->batch_size = 64;
  config->epochs = epochs;
  config->threads = 1;
  config->k = 5;
}

/* The first window on screen of the given type, or NULL. */
static GtkWidget *
find_shown_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

GtkWidget *
cg_test_find_toplevel (GType type)
{
  return find_shown_window (type);
}

gboolean
cg_test_toplevel_shown (gpointer type)
{
  GtkWidget *toplevel = find_shown_window ((GType) GPOINTER_TO_SIZE (type));

  return toplevel != NULL && gtk_widget_get_width (toplevel) > 0;
}

GtkWidget *
cg_test_find_file_chooser (void)
{
  return find_shown_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

gboolean
cg_test_file_chooser_shown (gpointer data)
{
  return cg_test_find_file_chooser () != NULL;
}

void
cg_test_answer_file_chooser (GFile *file)
{
  GtkWidget *chooser = cg_test_find_file_chooser ();
  g_autoptr(GError) error = NULL;

  ck_assert_msg (chooser != NULL, "no file chooser on screen");
  /* The dialog reads its folder asynchronously, and ignores what is set before. */
  cg_test_spin_for (500);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      /* As typed: the folder, then the name in the entry the dialog reads on Save. */
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      ck_assert (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
      cg_test_spin_for (300);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  else
    ck_assert_msg (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error), "%s",
                   error != NULL ? error->message : "?");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* ---- running ---- */

int
cg_test_run_widget_suite (Suite *suite)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *process_home = g_dir_make_tmp ("cinegan-test-XXXXXX", &error);
  int status;

  if (process_home == NULL)
    g_error ("cannot make a temp dir: %s", error->message);

  /* GTK's start-up reads the user folders, and GLib keeps them for the process: without a
   * home of its own here, every test of the suite would read and write the real one (its
   * kept runs, its ratings). */
  set_xdg_home (process_home);
  if (!gtk_init_check ())
    {
      cg_test_remove_tree (process_home);
      /* Check has no call to free a suite that never ran. */
      return CG_TEST_SKIP;
    }
  adw_init ();
  g_setenv ("CK_FORK", "no", TRUE);
  status = cg_test_run_suite (suite);
  cg_test_remove_tree (process_home);
  return status;
}

int
cg_test_run_app_suite (Suite *suite)
{
  /* A GTK critical in the app's code is a bug the tests should catch. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  return cg_test_run_suite (suite);
}

/* ---- screens and dialogs ---- */

typedef struct
{
  GtkWidget *window;
  int        width;
} WidthWait;

static gboolean
has_width (gpointer data)
{
  WidthWait *wait = data;

  return ABS (gtk_widget_get_width (wait->window) - wait->width) <= 12;
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

void
cg_test_resize_window (GtkWindow *window,
                       int        width,
                       int        height)
{
  WidthWait wait = { GTK_WIDGET (window), width };

  /* A size asked before the window's first allocation would be overridden by it. */
  ck_assert (cg_test_spin_until (allocated, window, 5000));
  gtk_window_set_default_size (window, width, height);
  ck_assert_msg (cg_test_spin_until (has_width, &wait, 5000), "the window is %d wide, not %d",
                 gtk_widget_get_width (GTK_WIDGET (window)), width);
  /* What follows a layout at the next idle (fitting columns, say) has run too. */
  cg_test_spin_for (300);
}

/* The widget as drawn, taken just after a frame is painted: between frames a widget
 * waiting for its next allocation (a label that changed, a style that switched) draws
 * nothing. */
typedef struct
{
  GtkWidget     *widget;
  GskRenderNode *node;
} Shot;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  if (shot->node != NULL)
    return;
  paintable = gtk_widget_paintable_new (shot->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (shot->widget),
                          gtk_widget_get_height (shot->widget));
  shot->node = gtk_snapshot_free_to_node (snapshot);
  if (shot->node == NULL)
    gtk_widget_queue_draw (shot->widget);
}

static gboolean
shot_taken (gpointer data)
{
  return ((Shot *) data)->node != NULL;
}

void
cg_test_write_screenshot (GtkWidget  *widget,
                          const char *name)
{
  const char *dir = g_getenv ("CG_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", file, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Shot shot = { widget, NULL };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gulong handler;

  ck_assert_int_gt (width, 0);
  ck_assert_int_gt (height, 0);
  ck_assert_ptr_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &shot);
  gtk_widget_queue_draw (widget);
  ck_assert_msg (cg_test_spin_until (shot_taken, &shot, 5000), "%s: nothing drawn", name);
  g_signal_handler_disconnect (clock, handler);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         shot.node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (shot.node);
  ck_assert_msg (gdk_texture_save_to_png (texture, path), "could not write %s", path);
  g_print ("screenshot: %s\n", path);
}

void
cg_test_shoot_view (CgWindow   *window,
                    const char *view,
                    const char *name)
{
  cg_window_show_view (window, view);
  cg_test_spin_for (500);
  cg_test_write_screenshot (GTK_WIDGET (window), name);
}

GtkWidget *
cg_test_find_question (void)
{
  return find_shown_window (ADW_TYPE_MESSAGE_DIALOG);
}

gboolean
cg_test_question_shown (gpointer data)
{
  return cg_test_find_question () != NULL;
}

void
cg_test_answer_question (GtkWidget  *dialog,
                         const char *response)
{
  ck_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  ck_assert_msg (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), response),
                 "the question has no “%s” answer", response);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
replace_question_shown (gpointer data)
{
  return find_shown_window (GTK_TYPE_MESSAGE_DIALOG) != NULL;
}

void
cg_test_confirm_replacing_file (void)
{
  GtkWidget *question;

  ck_assert_msg (cg_test_spin_until (replace_question_shown, NULL, 5000),
                 "the chooser did not ask about replacing the file");
  question = find_shown_window (GTK_TYPE_MESSAGE_DIALOG);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
cg_test_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

gboolean
cg_test_unmapped (gpointer data)
{
  return !cg_test_mapped (data);
}
