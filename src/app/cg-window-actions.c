/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window-actions.c: the window's actions — model files, training, ratings, views.
 *
 * win.open-model, win.save-model, win.save-model-as, win.train, win.train-including-me,
 * win.cancel-training, win.show-datasets, win.choose-dataset, win.copy-fetch-command,
 * win.rate-movie, win.undo-rating, win.find and win.show-view. Their accelerators are set by the
 * application at startup.
 * The file actions are cg-window-files.c's, which asks first about anything that would
 * throw an unsaved trained model away.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-dataset-chooser.h"
#include "cg-dialogs.h"
#include "cg-window-private.h"

/* ---- files ---- */

static void
open_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _cg_window_choose_model_to_open (CG_WINDOW (widget));
}

static void
save_model_as_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (cg_session_get_model (self->session) != NULL)
    _cg_window_save_as (self, NULL, NULL, NULL);
}

static void
save_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (cg_session_get_model (self->session) != NULL)
    _cg_window_save (self, NULL, NULL, NULL);
}

/* ---- training ---- */

/* A Train waiting on the unsaved-model question, and whether the answer started it. */
typedef struct
{
  CgTrainingView *view;     /* owned */
  gboolean        started;
} TrainRequest;

static void
train_request_free (gpointer data)
{
  TrainRequest *request = data;

  /* Cancelled, or saving did not happen: an ablation queue that asked for this run is not
   * left armed, or the next Train from the menu would run the queue instead of the form. */
  if (!request->started)
    cg_training_view_stop_ablation (request->view);
  g_object_unref (request->view);
  g_free (request);
}

static void
start_training (CgWindow *self,
                gpointer  data)
{
  TrainRequest *request = data;

  cg_window_show_view (self, "training");
  /* The view may refuse (another run began while the question was open): that is no start
   * either, and a queue that asked for it must not wait for that other run to end. */
  request->started = cg_training_view_start (self->training_view) != NULL;
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  TrainRequest *request = g_new0 (TrainRequest, 1);

  request->view = g_object_ref (self->training_view);
  _cg_window_confirm_unsaved (self,
                              _("The trained model has not been saved. Training a new one "
                                "replaces it."),
                              start_training, request, train_request_free);
}

static void
train_including_me_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  cg_training_view_set_include_me (self->training_view, TRUE);
  train_action (widget, "win.train", NULL);
}

static void
cancel_training_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cg_session_cancel_training (CG_WINDOW (widget)->session);
}

/* ---- ratings ---- */

/* Enough to walk back a burst of clicks; older changes are not worth the memory. */
#define MAX_RATING_UNDO 64

static char *
movie_title (CgWindow *self,
             guint32   movie_id)
{
  CgMovieItem *item = cg_catalog_model_lookup (cg_session_get_catalog (self->session),
                                               movie_id);

  return item != NULL ? g_strdup (cg_movie_item_get_display_title (item))
                      : g_strdup_printf (_("Movie %u"), movie_id);
}

/* One toast for the last change, replacing the one before: a burst of clicks must not queue
 * a toast per click. */
static void
show_rating_toast (CgWindow *self,
                   guint32   movie_id,
                   guint     rating)
{
  g_autofree char *title = movie_title (self, movie_id);
  g_autofree char *text = rating > 0
                          ? g_strdup_printf (ngettext ("Rated “%s” %u star",
                                                       "Rated “%s” %u stars", rating),
                                             title, rating)
                          : g_strdup_printf (_("Cleared your rating of “%s”"), title);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-rating");
  _cg_window_show_toast_in (self, &self->rating_toast, toast);
}

static gboolean
set_rating (CgWindow *self,
            guint32   movie_id,
            guint     rating)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (cg_ratings_store_set_rating (cg_session_get_ratings (self->session), movie_id, rating,
                                   &error))
    return TRUE;
  text = g_strdup_printf (_("Could not save your rating: %s"), error->message);
  _cg_window_toast (self, text);
  return FALSE;
}

static void
rate_movie_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  CgRatingChange change;
  guint32 movie_id;
  guint rating;

  g_variant_get (parameter, "(uu)", &movie_id, &rating);
  if (rating > 5)
    return;
  change.movie_id = movie_id;
  change.old_rating = cg_ratings_store_get_rating (cg_session_get_ratings (self->session),
                                                   movie_id);
  if (change.old_rating == rating || !set_rating (self, movie_id, rating))
    return;
  if (self->rating_undo->len == MAX_RATING_UNDO)
    g_array_remove_index (self->rating_undo, 0);
  g_array_append_val (self->rating_undo, change);
  show_rating_toast (self, movie_id, rating);
  _cg_window_update_actions (self);
}

static void
undo_rating_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  CgRatingChange change;

  if (self->rating_undo->len == 0)
    return;
  change = g_array_index (self->rating_undo, CgRatingChange, self->rating_undo->len - 1);
  g_array_remove_index (self->rating_undo, self->rating_undo->len - 1);
  _cg_window_dismiss_toast (&self->rating_toast);
  set_rating (self, change.movie_id, change.old_rating);
  _cg_window_update_actions (self);
}

/* ---- dataset folder ---- */

static void
on_folder_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  /* Failures are shown by the window itself (on the "not found" page, or in a dialog
   * when a dataset was already loaded). */
  cg_window_load_dataset_finish (CG_WINDOW (object), result, NULL);
}

static void
on_folder_response_cb (GtkNativeDialog *native,
                       int              response,
                       CgWindow        *self)
{
  g_autoptr(GFile) folder = _cg_window_finish_chooser (self, native, response);
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;
  path = g_file_get_path (folder);
  if (path == NULL)
    {
      cg_dialogs_show_error (GTK_WIDGET (self), _("Could Not Use the Folder"),
                             _("The dataset must be in a local folder."));
      return;
    }
  cg_window_load_dataset_async (self, path, NULL, on_folder_loaded_cb, NULL);
}

static void
choose_dataset_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  GtkFileChooserNative *native;
  const char *data_dir = cg_session_get_data_dir (self->session);

  native = _cg_window_new_chooser (self, _("Choose the MovieLens 100K Folder"),
                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"));
  if (data_dir != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (data_dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), current, NULL);
    }
  g_signal_connect_object (native, "response", G_CALLBACK (on_folder_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
show_datasets_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  /* One list a window: asked again (from the keyboard), the one there comes forward. */
  if (self->dataset_chooser == NULL)
    {
      self->dataset_chooser = cg_dataset_chooser_new (self);
      g_object_add_weak_pointer (G_OBJECT (self->dataset_chooser),
                                 (gpointer *) &self->dataset_chooser);
    }
  gtk_window_present (GTK_WINDOW (self->dataset_chooser));
}

static void
copy_fetch_command_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autofree char *command = cg_window_dup_fetch_command ();

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  _cg_window_toast (CG_WINDOW (widget), _("Command copied"));
}

/* ---- views ---- */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  cg_window_show_view (self, "catalogue");
  cg_catalog_view_focus_search (self->catalog_view);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cg_window_show_view (CG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- internal API ---- */

void
_cg_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-model", NULL, open_model_action);
  gtk_widget_class_install_action (widget_class, "win.save-model", NULL, save_model_action);
  gtk_widget_class_install_action (widget_class, "win.save-model-as", NULL,
                                   save_model_as_action);
  gtk_widget_class_install_action (widget_class, "win.train", NULL, train_action);
  gtk_widget_class_install_action (widget_class, "win.train-including-me", NULL,
                                   train_including_me_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-training", NULL,
                                   cancel_training_action);
  gtk_widget_class_install_action (widget_class, "win.rate-movie", "(uu)", rate_movie_action);
  gtk_widget_class_install_action (widget_class, "win.undo-rating", NULL, undo_rating_action);
  gtk_widget_class_install_action (widget_class, "win.show-datasets", NULL,
                                   show_datasets_action);
  gtk_widget_class_install_action (widget_class, "win.choose-dataset", NULL,
                                   choose_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.copy-fetch-command", NULL,
                                   copy_fetch_command_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
}

void
_cg_window_update_actions (CgWindow *self)
{
  gboolean ready, busy, training, has_model;

  /* The session may still report (a run ending) while the window is being disposed and
   * its template widgets are gone. */
  if (self->switcher_title == NULL || self->session == NULL)
    return;
  ready = cg_session_get_data_dir (self->session) != NULL;
  busy = cg_session_get_busy (self->session);
  training = cg_session_get_training (self->session);
  has_model = cg_session_get_model (self->session) != NULL;

  /* A run hands its model over when it ends, and that would silently replace a model
   * opened meanwhile; and a run reads the dataset folder it started with. So neither Open
   * nor another folder while training: cancel first. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-model",
                                 ready && !busy && !training);
  /* Save with nothing new to write would only rewrite the same file. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-model",
                                 has_model && (cg_session_get_unsaved (self->session)
                                               || cg_session_get_file (self->session) == NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-model-as", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train", ready && !busy && !training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train-including-me",
                                 ready && !busy && !training
                                 && !cg_session_get_model_has_your_ratings (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-training", training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-rating",
                                 self->rating_undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-dataset", !busy && !training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", ready);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, ready);
}
