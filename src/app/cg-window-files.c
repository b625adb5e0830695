/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window-files.c: the window's model files — choosing, saving, opening, and asking
 * about an unsaved model first.
 *
 * Files are chosen with GtkFileChooserNative (GTK 4.8 has no GtkFileDialog), one at a
 * time. Whatever would replace an unsaved model (training, opening, closing) goes through
 * _cg_window_confirm_unsaved, which offers to save it first: then the step asked for runs
 * once the model is saved, or at once when the person discards it.
 *
 * Open and Save As start in the open model's folder, else in the folder of the model last
 * opened or saved, in any window or an earlier run (the "model-folder" setting).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cg-application.h"
#include "cg-dialogs.h"
#include "cg-error.h"
#include "cg-window-private.h"

/* What to do once the model is safe: its continuation, and what to free in any case. */
typedef struct
{
  CgWindow       *self;
  CgWindowThen    then;
  gpointer        data;
  GDestroyNotify  free_data;
} Pending;

static Pending *
pending_new (CgWindow       *self,
             CgWindowThen    then,
             gpointer        data,
             GDestroyNotify  free_data)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->then = then;
  pending->data = data;
  pending->free_data = free_data;
  return pending;
}

static void
pending_free (Pending *pending)
{
  if (pending->free_data != NULL)
    pending->free_data (pending->data);
  g_object_unref (pending->self);
  g_free (pending);
}

/* Runs the continuation, then lets go of it. */
static void
pending_run (Pending *pending)
{
  if (pending->then != NULL)
    pending->then (pending->self, pending->data);
  pending_free (pending);
}

/* ---- the model folder ---- */

static GSettings *
settings_of (CgWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CG_IS_APPLICATION (app) ? cg_application_get_settings (CG_APPLICATION (app)) : NULL;
}

/* Where a chooser starts. A remembered folder that is gone (an unplugged disk) is passed
 * over, for the Documents folder. */
static GFile *
dup_start_folder (CgWindow *self)
{
  GSettings *settings = settings_of (self);
  g_autofree char *last = NULL;

  if (cg_session_get_file (self->session) == NULL && settings != NULL)
    {
      last = g_settings_get_string (settings, "model-folder");
      if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
        return g_file_new_for_path (last);
    }
  return _cg_window_dup_model_folder (self);
}

static void
remember_folder_of (CgWindow *self,
                    GFile    *file)
{
  GSettings *settings = settings_of (self);
  g_autoptr(GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;

  if (settings != NULL && path != NULL)
    g_settings_set_string (settings, "model-folder", path);
}

/* ---- choosers ---- */

static void
add_model_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) models = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (models, _("Cinegan Models (*.cgan)"));
  gtk_file_filter_add_pattern (models, "*.cgan");
  gtk_file_filter_add_mime_type (models, CG_MODEL_MIME_TYPE);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, models);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, models);
}

GtkFileChooserNative *
_cg_window_new_chooser (CgWindow             *self,
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
  if (action != GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    add_model_filters (GTK_FILE_CHOOSER (native));
  return native;
}

GFile *
_cg_window_finish_chooser (CgWindow        *self,
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

/* ---- saving ---- */

static void save_then (CgWindow *self, GFile *file, CgFileReplaceFlags flags,
                       Pending *pending);

/* The question about a read-only file, and what to do once it is answered. */
typedef struct
{
  GFile   *file;
  Pending *pending;
} ReadOnlyQuestion;

static void
on_read_only_answer_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  ReadOnlyQuestion *question = user_data;
  g_autofree char *answer = cg_dialogs_ask_finish (result, NULL);

  if (g_strcmp0 (answer, "replace") == 0)
    save_then (question->pending->self, question->file, CG_FILE_REPLACE_READ_ONLY,
               question->pending);
  else
    pending_free (question->pending);
  g_object_unref (question->file);
  g_free (question);
}

/* Someone made the file read-only to keep it: replacing it is theirs to allow, never
 * silent. */
static void
ask_about_read_only (CgWindow *self,
                     GFile    *file,
                     Pending  *pending)
{
  const CgDialogResponse responses[] = {
    { "replace", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE },
  };
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = g_strdup_printf (_("“%s” is read-only. Replacing it keeps it "
                                             "read-only, with the new model in it."), name);
  ReadOnlyQuestion *question = g_new0 (ReadOnlyQuestion, 1);

  question->file = g_object_ref (file);
  question->pending = pending;
  cg_dialogs_ask_async (GTK_WIDGET (self), _("Replace a Read-Only File?"), body, responses,
                        G_N_ELEMENTS (responses), self->cancellable, on_read_only_answer_cb,
                        question);
}

/* Saves to file, says so in a toast or why not in a dialog; the continuation runs only
 * once the model is saved. */
static void
save_then (CgWindow           *self,
           GFile              *file,
           CgFileReplaceFlags  flags,
           Pending            *pending)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *saved = NULL;

  if (!cg_session_save_model_full (self->session, file, flags, &error))
    {
      if (g_error_matches (error, CG_ERROR, CG_ERROR_READ_ONLY)
          && !(flags & CG_FILE_REPLACE_READ_ONLY))
        {
          ask_about_read_only (self, file, pending);
          return;
        }
      _cg_window_show_error (self, _("Could Not Save the Model"), error);
      pending_free (pending);
      return;
    }
  remember_folder_of (self, file);
  saved = g_strdup_printf (_("Model saved as “%s”"), name);
  _cg_window_toast (self, saved);
  pending_run (pending);
}

/* A name typed without any extension gets ours, so the Open filter finds it again. */
static GFile *
with_model_extension (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *with_ext = NULL;

  if (name == NULL || strchr (name, '.') != NULL)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  with_ext = g_strconcat (name, ".cgan", NULL);
  return g_file_get_child (parent, with_ext);
}

static void
on_save_as_response_cb (GtkNativeDialog *native,
                        int              response,
                        gpointer         user_data)
{
  Pending *pending = g_object_steal_data (G_OBJECT (native), "cg-pending");
  CgWindow *self = pending->self;
  g_autoptr(GFile) chosen = _cg_window_finish_chooser (self, native, response);
  g_autoptr(GFile) file = NULL;

  if (chosen == NULL)
    {
      pending_free (pending);
      return;
    }
  file = with_model_extension (chosen);
  save_then (self, file, CG_FILE_REPLACE_DEFAULT, pending);
}

void
_cg_window_save_as (CgWindow       *self,
                    CgWindowThen    then,
                    gpointer        data,
                    GDestroyNotify  free_data)
{
  Pending *pending = pending_new (self, then, data, free_data);
  GtkFileChooserNative *native;
  g_autoptr(GFile) folder = dup_start_folder (self);
  g_autofree char *name = _cg_window_dup_suggested_name (self);

  native = _cg_window_new_chooser (self, _("Save Model"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                   _("_Save"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  /* The continuation goes with the chooser: a response takes it; a chooser destroyed
   * without one (replaced, or with the window) drops it. */
  g_object_set_data_full (G_OBJECT (native), "cg-pending", pending,
                          (GDestroyNotify) pending_free);
  g_signal_connect (native, "response", G_CALLBACK (on_save_as_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_cg_window_save (CgWindow       *self,
                 CgWindowThen    then,
                 gpointer        data,
                 GDestroyNotify  free_data)
{
  GFile *file = cg_session_get_file (self->session);

  if (file == NULL)
    {
      _cg_window_save_as (self, then, data, free_data);
      return;
    }
  save_then (self, file, CG_FILE_REPLACE_DEFAULT, pending_new (self, then, data, free_data));
}

/* ---- asking about an unsaved model ---- */

static void
on_unsaved_answer_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Pending *pending = user_data;
  g_autofree char *answer = cg_dialogs_ask_finish (result, NULL);

  if (g_strcmp0 (answer, "discard") == 0)
    pending_run (pending);
  else if (g_strcmp0 (answer, "save") == 0)
    {
      /* Saving takes the continuation over. */
      _cg_window_save (pending->self, pending->then, pending->data, pending->free_data);
      g_object_unref (pending->self);
      g_free (pending);
    }
  else
    pending_free (pending);
}

void
_cg_window_confirm_unsaved (CgWindow       *self,
                            const char     *what_happens,
                            CgWindowThen    then,
                            gpointer        data,
                            GDestroyNotify  free_data)
{
  gboolean untitled = cg_session_get_file (self->session) == NULL;
  const CgDialogResponse responses[] = {
    { "discard", _("_Discard"), ADW_RESPONSE_DESTRUCTIVE },
    { "save", untitled ? _("_Save As…") : _("_Save"), ADW_RESPONSE_SUGGESTED },
  };

  if (!cg_session_get_unsaved (self->session))
    {
      pending_run (pending_new (self, then, data, free_data));
      return;
    }
  cg_dialogs_ask_async (GTK_WIDGET (self), _("Save the Trained Model?"), what_happens,
                        responses, G_N_ELEMENTS (responses), self->cancellable,
                        on_unsaved_answer_cb, pending_new (self, then, data, free_data));
}

/* ---- opening ---- */

static void
on_open_finished_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CgWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (cg_session_open_model_finish (CG_SESSION (object), result, &error))
    {
      remember_folder_of (self, cg_session_get_file (self->session));
      _cg_window_toast_with_button (self, _("Model opened"), _("Show Recommendations"),
                                    "win.show-view('recommendations')");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _cg_window_show_error (self, _("Could Not Open the Model"), error);
}

static void
open_now (CgWindow *self,
          gpointer  data)
{
  cg_session_open_model_async (self->session, G_FILE (data), NULL, on_open_finished_cb,
                               g_object_ref (self));
}

void
cg_window_open_file (CgWindow *self,
                     GFile    *file)
{
  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A model is read against its dataset: one asked for before that (from the command
   * line, or Files) waits for it. */
  if (cg_session_get_data_dir (self->session) == NULL)
    {
      g_set_object (&self->file_to_open, file);
      return;
    }
  _cg_window_confirm_unsaved (self,
                              _("The trained model has not been saved. Opening another "
                                "model replaces it."),
                              open_now, g_object_ref (file), g_object_unref);
}

static void
on_open_response_cb (GtkNativeDialog *native,
                     int              response,
                     CgWindow        *self)
{
  g_autoptr(GFile) file = _cg_window_finish_chooser (self, native, response);

  /* The file first, then the question: cancelling the chooser asks nothing. */
  if (file != NULL)
    cg_window_open_file (self, file);
}

void
_cg_window_choose_model_to_open (CgWindow *self)
{
  GtkFileChooserNative *native = _cg_window_new_chooser (self, _("Open Model"),
                                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                                         _("_Open"));
  g_autoptr(GFile) folder = dup_start_folder (self);

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  g_signal_connect_object (native, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
