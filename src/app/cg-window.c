/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window.c: the main window — dataset loading, the views, the title and closing.
 *
 * States: "loading" while the dataset loads in a worker thread, "missing" when it cannot be
 * found or read (with what was searched and how to get it), "views" once it is there.
 *
 * The current model has one owner, this window: the training view hands each trained model
 * over (::model-trained), the file actions replace it (cg-window-actions.c), and
 * cg-window-model.c holds, saves and opens it. Ratings given in the recommendations view go
 * through the catalogue's path to the ratings store.
 *
 * Where the dataset is looked for: --data-dir, $CINEGAN_DATA_DIR, the folder last chosen
 * with Choose Dataset Folder… (kept in $XDG_CONFIG_HOME/cinegan/cinegan.ini), then the
 * places of cg_data_dir_candidates.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cg-data-dir.h"
#include "cg-dialogs.h"
#include "cg-recommendations-view.h"
#include "cg-training-view.h"
#include "cg-window-private.h"

G_DEFINE_FINAL_TYPE (CgWindow, cg_window, ADW_TYPE_APPLICATION_WINDOW)

#define DATASET_SPLIT "u1"

/* ---- remembered dataset folder ---- */

static char *
settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "cinegan", "cinegan.ini", NULL);
}

static char *
remembered_data_dir (void)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = settings_path ();

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (keys, "dataset", "folder", NULL);
}

void
_cg_window_remember_data_dir (const char *dir)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = settings_path ();
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  /* Keep whatever else may be in the file. */
  g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (keys, "dataset", "folder", dir);
  if (g_mkdir_with_parents (parent, 0700) != 0
      || !g_key_file_save_to_file (keys, path, &error))
    g_message ("Could not remember the dataset folder in %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
}

/* ---- helpers ---- */

/* The fetch script's installed path, or the source tree's in an uninstalled run: either
 * way a command that works from any folder. */
char *
_cg_window_dup_fetch_command (void)
{
  const char *uninstalled = g_getenv ("CINEGAN_FETCH_SCRIPT");
  const char *script = uninstalled != NULL && *uninstalled != '\0' ? uninstalled
                                                                  : CG_FETCH_SCRIPT;
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "cinegan", NULL);
  g_autofree char *quoted_script = g_shell_quote (script);
  g_autofree char *quoted_target = g_shell_quote (target);

  return g_strdup_printf ("sh %s %s", quoted_script, quoted_target);
}

void
_cg_window_update_title (CgWindow *self)
{
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  if (self->model == NULL)
    {
      gtk_label_set_text (self->title_label, "Cinegan");
      gtk_label_set_text (self->subtitle_label, "No model");
      adw_view_switcher_title_set_title (self->switcher_title, "Cinegan");
      adw_view_switcher_title_set_subtitle (self->switcher_title, "No model");
      gtk_window_set_title (GTK_WINDOW (self), "Cinegan");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), NULL);
      return;
    }

  if (self->model_file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->model_file);
      g_autofree char *folder = parent != NULL ? g_file_get_path (parent) : NULL;
      g_autofree char *path = g_file_get_path (self->model_file);

      name = g_file_get_basename (self->model_file);
      if (folder != NULL && g_str_has_prefix (folder, g_get_home_dir ()))
        subtitle = g_strconcat ("~", folder + strlen (g_get_home_dir ()), NULL);
      else
        subtitle = g_strdup (folder != NULL ? folder : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), path);
    }
  else
    {
      name = g_strdup ("Untitled Model");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), NULL);
    }
  if (self->model_dirty)
    {
      g_free (subtitle);
      subtitle = g_strdup ("Not saved");
    }

  /* The dirty mark in front, as GNOME editors do; the file name in the window title is
   * what the task switcher and the issue ask for. */
  window_title = g_strdup_printf ("%s%s — Cinegan", self->model_dirty ? "• " : "", name);
  gtk_label_set_text (self->title_label, name);
  gtk_label_set_text (self->subtitle_label, subtitle);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* The catalogue counts as liked what the current model was trained to count as positive
 * (the training form's threshold for a run, the file's for an opened model), else what the
 * catalogue's own dataset does. */
void
_cg_window_sync_liked_threshold (CgWindow *self)
{
  const CgDataset *source = self->model_dataset != NULL ? self->model_dataset : self->dataset;

  if (source != NULL && self->catalog_view != NULL)
    cg_catalog_view_set_liked_threshold (self->catalog_view,
                                         cg_dataset_whole_star_threshold (source));
}

static void
show_missing (CgWindow     *self,
              const GError *error)
{
  g_auto(GStrv) places = cg_data_dir_candidates (cg_application_get_data_dir (
                                                   CG_APPLICATION (gtk_window_get_application (
                                                     GTK_WINDOW (self)))));
  g_autofree char *places_text = g_strjoinv ("\n", places);
  g_autofree char *command = _cg_window_dup_fetch_command ();
  g_autofree char *what = NULL;

  /* The engine's message goes on to name the folders searched and how to get the data,
   * which the page shows already: only its first clause, what went wrong, is shown, and
   * not even that when it only repeats the page's title. */
  if (error != NULL)
    {
      const char *end = strchr (error->message, ';');

      what = end != NULL ? g_strndup (error->message, end - error->message)
                         : g_strdup (error->message);
      if (g_ascii_strcasecmp (what, "MovieLens 100K not found") == 0)
        g_clear_pointer (&what, g_free);
    }
  gtk_label_set_text (self->missing_error_label, what != NULL ? what : "");
  gtk_widget_set_visible (GTK_WIDGET (self->missing_error_label), what != NULL);
  gtk_label_set_text (self->missing_command_label, command);
  gtk_label_set_text (self->missing_places_label, places_text);
  gtk_stack_set_visible_child_name (self->main_stack, "missing");
  /* Else the first selectable label takes the focus and shows its text selected. */
  gtk_widget_grab_focus (self->choose_button);
}

static void
show_loading (CgWindow   *self,
              const char *dir)
{
  adw_status_page_set_description (self->loading_page, dir);
  gtk_spinner_start (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

static void
on_model_trained_cb (CgTrainingView *view,
                     gpointer        model,
                     gpointer        dataset,
                     guint           you_user_id,
                     gboolean        complete,
                     CgWindow       *self)
{
  /* Complete or not (a cancelled run keeps its last finished epoch), a trained model is
   * new and unsaved; the user asked for it by starting the run. */
  CgCgan *trained = cg_training_view_steal_model (view);
  CgDataset *trained_on = cg_training_view_steal_dataset (view);

  if (trained == NULL || trained_on == NULL)
    {
      g_clear_pointer (&trained, cg_cgan_free);
      g_clear_pointer (&trained_on, cg_dataset_free);
      return;
    }
  _cg_window_set_model (self, trained, trained_on, you_user_id, NULL, TRUE);
  _cg_window_toast (self, complete ? "Training finished" : "Training stopped: kept the last "
                                                           "finished epoch's model");
}

static void
on_training_notify_cb (CgWindow       *self,
                       GParamSpec     *pspec,
                       CgTrainingView *view)
{
  _cg_window_update_actions (self);
}

/* The application is held while a run goes: a window closed mid-run cancels it, but its
 * worker finishes the mini-batch it is in, and the process must not exit under it. The
 * handler is tied to the training view, not to the window, because the view outlives a
 * window closed mid-run (its run holds it) and reports the end of the run after that. */
typedef struct
{
  GApplication *app;
  gboolean      held;
} TrainingHold;

static void
training_hold_free (gpointer  data,
                    GClosure *closure)
{
  TrainingHold *hold = data;

  /* The view went without saying the run ended: nothing left to wait for. */
  if (hold->held)
    g_application_release (hold->app);
  g_object_unref (hold->app);
  g_free (hold);
}

static void
on_training_hold_cb (CgTrainingView *view,
                     GParamSpec     *pspec,
                     TrainingHold   *hold)
{
  gboolean training = cg_training_view_get_training (view);

  if (training == hold->held)
    return;
  hold->held = training;
  if (training)
    g_application_hold (hold->app);
  else
    g_application_release (hold->app);
}

static void
on_rate_movie_cb (CgRecommendationsView *view,
                  guint                  movie_id,
                  guint                  rating,
                  CgWindow              *self)
{
  /* Same path as a click in the catalogue: one place reports a failed save. */
  cg_catalog_view_rate (self->catalog_view, movie_id, rating);
}

static void
on_train_including_me_cb (CgRecommendationsView *view,
                          CgWindow              *self)
{
  cg_training_view_set_include_me (CG_TRAINING_VIEW (self->training_view), TRUE);
}

static void
setup_views (CgWindow *self)
{
  self->training_view = cg_training_view_new ();
  gtk_widget_set_vexpand (self->training_view, TRUE);
  gtk_box_append (self->training_page, self->training_view);
  g_signal_connect_object (self->training_view, "model-trained",
                           G_CALLBACK (on_model_trained_cb), self, 0);
  g_signal_connect_object (self->training_view, "notify::training",
                           G_CALLBACK (on_training_notify_cb), self, G_CONNECT_SWAPPED);

  self->recommendations_view = cg_recommendations_view_new ();
  gtk_widget_set_vexpand (self->recommendations_view, TRUE);
  gtk_box_append (self->recommendations_page, self->recommendations_view);
  g_signal_connect_object (self->recommendations_view, "rate-movie",
                           G_CALLBACK (on_rate_movie_cb), self, 0);
  g_signal_connect_object (self->recommendations_view, "train-including-me",
                           G_CALLBACK (on_train_including_me_cb), self, 0);
}

/* ---- dataset loading ---- */

static void
load_dataset_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *dir = task_data;
  GError *error = NULL;
  CgDataset *dataset;

  dataset = cg_dataset_load (dir, DATASET_SPLIT, CG_DEFAULT_THRESHOLD, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) cg_dataset_free);
}

static void
on_dataset_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CgWindow *self = g_task_get_source_object (outer);
  GTask *inner = G_TASK (result);
  const char *dir = g_task_get_task_data (inner);
  g_autoptr(GError) error = NULL;
  CgDataset *dataset;

  self->loading = FALSE;
  dataset = g_task_propagate_pointer (inner, &error);

  /* Cancelled means the window is closing: there is nothing left to show it in. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  gtk_spinner_stop (self->loading_spinner);
  if (dataset == NULL)
    {
      /* Keep a dataset that was already there; else say what is missing. */
      if (self->dataset == NULL)
        show_missing (self, error);
      else
        {
          gtk_stack_set_visible_child_name (self->main_stack, "views");
          _cg_window_show_error (self, "Could Not Load the Dataset", error);
        }
      _cg_window_update_actions (self);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  /* The catalogue drops its items before the old dataset goes. */
  cg_catalog_model_set_dataset (self->catalog_model, dataset);
  g_clear_pointer (&self->dataset, cg_dataset_free);
  self->dataset = dataset;
  _cg_window_sync_liked_threshold (self);
  g_free (self->data_dir);
  self->data_dir = g_strdup (dir);
  cg_training_view_set_data_dir (CG_TRAINING_VIEW (self->training_view), dir);

  gtk_stack_set_visible_child_name (self->main_stack, "views");
  _cg_window_update_actions (self);
  g_task_return_boolean (outer, TRUE);
}

void
cg_window_load_dataset_async (CgWindow            *self,
                              const char          *dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *outer;
  GTask *inner;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_window_load_dataset_async);

  self->loading = TRUE;
  _cg_window_update_actions (self);
  if (self->dataset == NULL)
    show_loading (self, dir);

  /* The worker sees only the folder name: nothing of the window crosses threads. The inner
   * task has no source object because its last reference may be dropped in the worker
   * thread, which would then dispose a window closed meanwhile there; the outer task holds
   * the window and is only touched here, on the main thread. */
  inner = g_task_new (NULL, self->cancellable, on_dataset_loaded_cb, outer);
  g_task_set_source_tag (inner, load_dataset_worker);
  g_task_set_task_data (inner, g_strdup (dir), g_free);
  g_task_set_check_cancellable (inner, TRUE);
  g_task_run_in_thread (inner, load_dataset_worker);
  g_object_unref (inner);
}

gboolean
cg_window_load_dataset_finish (CgWindow      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
start_loading (CgWindow *self)
{
  CgApplication *app = CG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const char *override = app != NULL ? cg_application_get_data_dir (app) : NULL;
  const char *env = g_getenv ("CINEGAN_DATA_DIR");
  g_autofree char *remembered = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder chosen in the app comes after the explicit ways (option, variable) and before
   * the default places. */
  if ((override == NULL || *override == '\0') && (env == NULL || *env == '\0'))
    {
      remembered = remembered_data_dir ();
      if (remembered != NULL)
        {
          g_autofree char *item = g_build_filename (remembered, "u.item", NULL);

          if (!g_file_test (item, G_FILE_TEST_IS_REGULAR))
            g_clear_pointer (&remembered, g_free);
        }
    }

  dir = cg_data_dir_find (remembered != NULL ? remembered : override, &error);
  if (dir == NULL)
    {
      show_missing (self, error);
      _cg_window_update_actions (self);
      return;
    }
  cg_window_load_dataset_async (self, dir, NULL, NULL, NULL);
}

/* ---- shared helpers ---- */

void
_cg_window_show_error (CgWindow     *self,
                       const char   *primary,
                       const GError *error)
{
  cg_dialogs_show_error (GTK_WIDGET (self), primary, error != NULL ? error->message : NULL);
}

void
_cg_window_toast (CgWindow   *self,
                  const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
_cg_window_is_training (CgWindow *self)
{
  return self->training_view != NULL
         && cg_training_view_get_training (CG_TRAINING_VIEW (self->training_view));
}

/* ---- closing ---- */

static gboolean
close_confirmed_idle (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_confirmed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  CgWindow *self = CG_WINDOW (user_data);
  g_autofree char *answer = cg_dialogs_ask_finish (result, NULL);

  self->close_asking = FALSE;
  if (g_strcmp0 (answer, "discard") == 0)
    {
      /* This runs inside the dialog's ::response emission: close once it is over, so the
       * window is not freed under a dialog still being torn down. */
      self->close_confirmed = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_confirmed_idle, g_object_ref (self),
                       g_object_unref);
    }
  g_object_unref (self);
}

static gboolean
cg_window_close_request (GtkWindow *window)
{
  static const CgDialogResponse discard[] = {
    { "discard", "_Discard and Close", ADW_RESPONSE_DESTRUCTIVE },
  };
  CgWindow *self = CG_WINDOW (window);

  if (self->model_dirty && !self->close_confirmed)
    {
      /* Ctrl+Q again while asking: one question is enough. */
      if (self->close_asking)
        return TRUE;
      self->close_asking = TRUE;
      cg_dialogs_ask_async (GTK_WIDGET (self), "Discard the Trained Model?",
                            "The trained model has not been saved. If you close Cinegan "
                            "now, it is lost.",
                            discard, G_N_ELEMENTS (discard), NULL, on_close_confirmed_cb,
                            g_object_ref (self));
      return TRUE;
    }

  /* Stop every worker of this window; their results are dropped. */
  g_cancellable_cancel (self->cancellable);
  if (_cg_window_is_training (self))
    cg_training_view_cancel (CG_TRAINING_VIEW (self->training_view));
  return GTK_WINDOW_CLASS (cg_window_parent_class)->close_request (window);
}

/* ---- GObject ---- */

static void
cg_window_dispose (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->recommendations_view != NULL)
    cg_recommendations_view_set_model (CG_RECOMMENDATIONS_VIEW (self->recommendations_view),
                                       NULL, NULL, 0);
  /* The toast overlay is the window's content: let AdwApplicationWindow drop it, or
   * dispose_template would unparent it behind its back and the window's own dispose would
   * then unparent it a second time. */
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_WINDOW);
  self->training_view = NULL;
  self->recommendations_view = NULL;

  G_OBJECT_CLASS (cg_window_parent_class)->dispose (object);
}

static void
cg_window_finalize (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog_model);
  g_clear_object (&self->ratings);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->model, cg_cgan_free);
  g_clear_pointer (&self->model_dataset, cg_dataset_free);
  g_clear_object (&self->model_file);
  g_clear_pointer (&self->dataset, cg_dataset_free);

  G_OBJECT_CLASS (cg_window_parent_class)->finalize (object);
}

static void
cg_window_class_init (CgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cg_window_dispose;
  object_class->finalize = cg_window_finalize;

  window_class->close_request = cg_window_close_request;

  g_type_ensure (CG_TYPE_CATALOG_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cinegan/Cinegan/ui/cg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, missing_error_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, missing_command_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, missing_places_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, catalog_view);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, training_page);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, recommendations_page);

  _cg_window_class_init_actions (widget_class);
}

static void
cg_window_init (CgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  setup_views (self);
  _cg_window_update_title (self);
}

/* ---- public API ---- */

CgWindow *
cg_window_new (CgApplication *application)
{
  CgWindow *self;
  TrainingHold *hold;

  g_return_val_if_fail (CG_IS_APPLICATION (application), NULL);

  self = g_object_new (CG_TYPE_WINDOW, "application", application, NULL);
  hold = g_new0 (TrainingHold, 1);
  hold->app = G_APPLICATION (g_object_ref (application));
  g_signal_connect_data (self->training_view, "notify::training",
                         G_CALLBACK (on_training_hold_cb), hold, training_hold_free, 0);
  self->ratings = g_object_ref (cg_application_get_ratings_store (application));
  self->catalog_model = cg_catalog_model_new (self->ratings);
  cg_catalog_view_set_model (self->catalog_view, self->catalog_model);
  cg_training_view_set_ratings_store (CG_TRAINING_VIEW (self->training_view), self->ratings);
  cg_recommendations_view_set_ratings_store (CG_RECOMMENDATIONS_VIEW (self->recommendations_view),
                                             self->ratings);
  start_loading (self);
  return self;
}

void
cg_window_show_view (CgWindow   *self,
                     const char *name)
{
  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
cg_window_get_page (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
cg_window_get_data_dir (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->data_dir;
}

const CgDataset *
cg_window_get_dataset (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->dataset;
}

CgCgan *
cg_window_get_model (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->model;
}

GFile *
cg_window_get_model_file (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->model_file;
}

gboolean
cg_window_get_model_dirty (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);

  return self->model_dirty;
}

CgCatalogView *
cg_window_get_catalog_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->catalog_view;
}

GtkWidget *
cg_window_get_training_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->training_view;
}

GtkWidget *
cg_window_get_recommendations_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->recommendations_view;
}
