/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window-actions.c: the window's actions — model files, training, ratings, views.
 *
 * win.open-model, win.save-model, win.save-model-as, win.train, win.train-including-me,
 * win.cancel-training, win.choose-dataset, win.copy-fetch-command, win.rate-movie,
 * win.find and win.show-view. Their accelerators are set by the application at startup.
 * Files are chosen with GtkFileChooserNative (GTK 4.8 has no GtkFileDialog); what happens
 * after the choice is the session's public API, which the GUI tests call directly.
 *
 * Anything that would throw away an unsaved trained model asks first.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cg-dialogs.h"
#include "cg-window-private.h"

typedef void (*AfterConfirm) (CgWindow *self);

/* ---- asking before discarding ---- */

typedef struct
{
  CgWindow     *self;
  AfterConfirm  then;
} ConfirmData;

static void
on_discard_confirmed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  ConfirmData *data = user_data;
  g_autofree char *answer = cg_dialogs_ask_finish (result, NULL);

  if (g_strcmp0 (answer, "discard") == 0)
    data->then (data->self);
  g_object_unref (data->self);
  g_free (data);
}

/* Runs then at once when nothing unsaved is at stake, else after the user agrees. */
static void
confirm_discard (CgWindow     *self,
                 const char   *what_happens,
                 AfterConfirm  then)
{
  static const CgDialogResponse discard[] = {
    { "discard", "_Discard", ADW_RESPONSE_DESTRUCTIVE },
  };
  ConfirmData *data;

  if (!cg_session_get_unsaved (self->session))
    {
      then (self);
      return;
    }
  data = g_new0 (ConfirmData, 1);
  data->self = g_object_ref (self);
  data->then = then;
  cg_dialogs_ask_async (GTK_WIDGET (self), _("Discard the Trained Model?"), what_happens,
                        discard, G_N_ELEMENTS (discard), self->cancellable,
                        on_discard_confirmed_cb, data);
}

/* ---- file choosers ---- */

static void
add_model_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) models = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (models, _("Cinegan Models (*.cgan)"));
  gtk_file_filter_add_pattern (models, "*.cgan");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, models);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, models);
}

static GtkFileChooserNative *
new_chooser (CgWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label)
{
  GtkFileChooserNative *native;

  /* One chooser at a time: a second action while one is open replaces it. */
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (native);
  return native;
}

/* The chosen file (or NULL on cancel); closes and forgets the chooser. */
static GFile *
finish_chooser (CgWindow        *self,
                GtkNativeDialog *native,
                int              response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  if (self->chooser == native)
    g_clear_object (&self->chooser);
  return file;
}

/* ---- open ---- */

static void
on_open_finished_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CgWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cg_session_open_model_finish (CG_SESSION (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cg_window_show_error (self, _("Could Not Open the Model"), error);
}

static void
on_open_response_cb (GtkNativeDialog *native,
                     int              response,
                     CgWindow        *self)
{
  g_autoptr(GFile) file = finish_chooser (self, native, response);

  if (file != NULL)
    cg_session_open_model_async (self->session, file, NULL, on_open_finished_cb,
                                 g_object_ref (self));
}

static void
choose_model_to_open (CgWindow *self)
{
  GtkFileChooserNative *native = new_chooser (self, _("Open Model"),
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_autoptr(GFile) folder = _cg_window_dup_model_folder (self);

  add_model_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  confirm_discard (CG_WINDOW (widget),
                   _("The trained model has not been saved. Opening another model "
                   "replaces it."),
                   choose_model_to_open);
}

/* ---- save ---- */

static void
save_to (CgWindow *self,
         GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *saved = NULL;

  if (!cg_session_save_model (self->session, file, &error))
    {
      _cg_window_show_error (self, _("Could Not Save the Model"), error);
      return;
    }
  saved = g_strdup_printf (_("Model saved as “%s”"), name);
  _cg_window_toast (self, saved);
}

static void
on_save_as_response_cb (GtkNativeDialog *native,
                        int              response,
                        CgWindow        *self)
{
  g_autoptr(GFile) file = finish_chooser (self, native, response);
  g_autofree char *name = NULL;

  if (file == NULL)
    return;

  /* A name typed without any extension gets ours, so the Open filter finds it again. */
  name = g_file_get_basename (file);
  if (name != NULL && strchr (name, '.') == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_ext = g_strconcat (name, ".cgan", NULL);
      GFile *with_extension = g_file_get_child (parent, with_ext);

      g_object_unref (file);
      file = with_extension;
    }
  save_to (self, file);
}

static void
save_model_as_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (cg_session_get_model (self->session) == NULL)
    return;

  native = new_chooser (self, _("Save Model"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  folder = _cg_window_dup_model_folder (self);
  name = _cg_window_dup_suggested_name (self);
  add_model_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (on_save_as_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  GFile *file = cg_session_get_file (self->session);

  if (cg_session_get_model (self->session) == NULL)
    return;
  if (file == NULL)
    save_model_as_action (widget, "win.save-model-as", NULL);
  else
    save_to (self, file);
}

/* ---- training ---- */

static void
start_training (CgWindow *self)
{
  cg_window_show_view (self, "training");
  cg_training_view_start (self->training_view);
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  confirm_discard (CG_WINDOW (widget),
                   _("The trained model has not been saved. Training a new one "
                   "replaces it."),
                   start_training);
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

static void
rate_movie_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint32 movie_id;
  guint rating;

  g_variant_get (parameter, "(uu)", &movie_id, &rating);
  if (rating > 5)
    return;
  if (!cg_ratings_store_set_rating (cg_session_get_ratings (self->session), movie_id, rating,
                                    &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save your rating: %s"),
                                               error->message);

      _cg_window_toast (self, text);
    }
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
  g_autoptr(GFile) folder = finish_chooser (self, native, response);
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
  GtkFileChooserNative *native = new_chooser (self, _("Choose the MovieLens 100K Folder"),
                                              GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                              _("_Choose"));
  const char *data_dir = cg_session_get_data_dir (self->session);

  if (data_dir != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (data_dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), current, NULL);
    }
  g_signal_connect_object (native, "response", G_CALLBACK (on_folder_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
copy_fetch_command_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autofree char *command = _cg_window_dup_fetch_command ();

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-model", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-model-as", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train", ready && !busy && !training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train-including-me",
                                 ready && !busy && !training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-training", training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-dataset", !busy && !training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", ready);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, ready);
}
