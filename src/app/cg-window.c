/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window.c: the main window — dataset loading, the views, the title and closing.
 *
 * States: "loading" while the dataset loads in a worker thread, "missing" when it cannot be
 * found or read (with what was searched and how to get it), "views" once it is there.
 *
 * The window's CgSession owns the current model; the views follow the session, and the
 * title follows its model, file and unsaved mark. The actions are in cg-window-actions.c.
 *
 * Where the dataset is looked for: --data-dir, $CINEGAN_DATA_DIR, the folder last chosen
 * with Choose Dataset Folder… (the "dataset-folder" setting), then where cg_data_dir_find
 * looks (the folders of cg_data_dir_places). The window's size and the training form's last
 * settings are settings too.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cg-data-dir.h"
#include "cg-dialogs.h"
#include "cg-file.h"
#include "cg-window-private.h"

G_DEFINE_FINAL_TYPE (CgWindow, cg_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- settings ---- */

static GSettings *
settings (CgWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? cg_application_get_settings (CG_APPLICATION (app)) : NULL;
}

/* Earlier versions kept the folder in a key file of their own: read it once, so an update
 * still finds the dataset. */
static char *
key_file_data_dir (void)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "cinegan",
                                            "cinegan.ini", NULL);
  g_autofree char *text = NULL;
  gsize len;

  /* Through cg_file_read, which a FIFO in its place cannot hang. */
  if (!cg_file_read (path, 1u << 20, &text, &len, NULL)
      || !g_key_file_load_from_data (keys, text, len, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (keys, "dataset", "folder", NULL);
}

static char *
remembered_data_dir (CgWindow *self)
{
  g_autofree char *dir = settings (self) != NULL
                         ? g_settings_get_string (settings (self), "dataset-folder") : NULL;

  if (dir == NULL || *dir == '\0')
    {
      g_free (dir);
      dir = key_file_data_dir ();
    }
  return dir != NULL && *dir != '\0' ? g_steal_pointer (&dir) : NULL;
}

static void
remember_data_dir (CgWindow   *self,
                   const char *dir)
{
  if (settings (self) != NULL)
    g_settings_set_string (settings (self), "dataset-folder", dir);
}

/* The window's size as it was when the last window closed. */
static void
restore_size (CgWindow *self)
{
  GSettings *keys = settings (self);

  if (keys == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (keys, "window-width"),
                               g_settings_get_int (keys, "window-height"));
  if (g_settings_get_boolean (keys, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (CgWindow *self)
{
  GSettings *keys = settings (self);
  int width, height;

  if (keys == NULL)
    return;
  /* The size to come back to from maximised is the default size, not the screen's. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (keys);
  g_settings_set_int (keys, "window-width", width);
  g_settings_set_int (keys, "window-height", height);
  g_settings_set_boolean (keys, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (keys);
}

/* Train Including Me trains with the Training page's settings: the Recommendations page
 * tells how long that takes, for the settings as they are when it comes into view. */
static void
on_recommendations_mapped_cb (CgWindow *self)
{
  CgCganConfig config;

  cg_training_view_get_config (self->training_view, &config);
  cg_recommendations_view_set_training_config (self->recommendations_view, &config);
}

/* The training form starts with the settings of the last run started. */
static void
restore_training_form (CgWindow *self)
{
  GSettings *keys = settings (self);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *split = NULL;
  CgCganConfig config;
  GVariantIter iter;
  const char *name, *value;

  if (keys == NULL)
    return;
  cg_training_view_get_config (self->training_view, &config);
  saved = g_settings_get_value (keys, "training-settings");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &value))
    {
      g_autoptr(GError) error = NULL;

      /* A setting a later version dropped, or a value out of range now: the default. */
      if (!cg_cgan_config_set (&config, name, value, &error))
        g_debug ("Not restoring training setting %s: %s", name, error->message);
    }
  cg_training_view_set_config (self->training_view, &config);
  split = g_settings_get_string (keys, "training-split");
  cg_training_view_set_split (self->training_view, split);
  cg_training_view_set_threshold (self->training_view,
                                  g_settings_get_uint (keys, "training-threshold"));
  cg_training_view_set_include_me (self->training_view,
                                   g_settings_get_boolean (keys, "training-include-me"));
}

static void
save_training_form (CgWindow      *self,
                    CgTrainingRun *run)
{
  GSettings *keys = settings (self);
  const CgCganConfig *config = cg_training_run_get_config (run);
  const CgConfigField *fields;
  GVariantBuilder builder;
  guint n_fields;

  if (keys == NULL)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = cg_cgan_config_get (config, fields[i].name);

      g_variant_builder_add (&builder, "{ss}", fields[i].name, value);
    }
  g_settings_delay (keys);
  g_settings_set_value (keys, "training-settings", g_variant_builder_end (&builder));
  g_settings_set_string (keys, "training-split", cg_training_run_get_split (run));
  g_settings_set_uint (keys, "training-threshold", cg_training_run_get_threshold (run));
  g_settings_set_boolean (keys, "training-include-me",
                          cg_training_view_get_include_me (self->training_view));
  g_settings_apply (keys);
}

/* ---- helpers ---- */

/* The fetch script's installed path, or the source tree's in an uninstalled run: either
 * way a command that works from any folder. */
char *
cg_window_dup_fetch_command (void)
{
  const char *uninstalled = g_getenv ("CINEGAN_FETCH_SCRIPT");
  const char *script = uninstalled != NULL && *uninstalled != '\0' ? uninstalled
                                                                  : CG_FETCH_SCRIPT;
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "cinegan", NULL);
  g_autofree char *quoted_script = g_shell_quote (script);
  g_autofree char *quoted_target = g_shell_quote (target);

  return g_strdup_printf ("sh %s %s", quoted_script, quoted_target);
}

GFile *
_cg_window_dup_model_folder (CgWindow *self)
{
  GFile *file = cg_session_get_file (self->session);
  const char *documents;

  if (file != NULL)
    {
      GFile *parent = g_file_get_parent (file);

      if (parent != NULL)
        return parent;
    }
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  return g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
}

char *
_cg_window_dup_suggested_name (CgWindow *self)
{
  CgTrainedModel *model = cg_session_get_model (self->session);
  GFile *file = cg_session_get_file (self->session);

  if (file != NULL)
    return g_file_get_basename (file);
  if (model != NULL)
    return g_strdup_printf ("cinegan-%s%s.cgan", cg_trained_model_get_split (model),
                            cg_trained_model_get_you_user_id (model) != 0 ? "-with-me" : "");
  return g_strdup ("cinegan.cgan");
}

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
  _cg_window_toast_with_button (self, title, NULL, NULL);
}

void
_cg_window_toast_with_button (CgWindow   *self,
                              const char *title,
                              const char *button_label,
                              const char *detailed_action)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_detailed_action_name (toast, detailed_action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_title (CgWindow *self)
{
  CgTrainedModel *model = cg_session_get_model (self->session);
  GFile *file = cg_session_get_file (self->session);
  gboolean unsaved = cg_session_get_unsaved (self->session);
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (model == NULL)
    {
      name = g_strdup ("Cinegan");
      subtitle = g_strdup (_("No model"));
      window_title = g_strdup ("Cinegan");
    }
  else
    {
      if (file != NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *folder = parent != NULL ? g_file_get_path (parent) : NULL;

          name = g_file_get_basename (file);
          path = g_file_get_path (file);
          if (folder != NULL && g_str_has_prefix (folder, g_get_home_dir ()))
            subtitle = g_strconcat ("~", folder + strlen (g_get_home_dir ()), NULL);
          else
            subtitle = g_strdup (folder != NULL ? folder : "");
        }
      else
        name = g_strdup (_("Untitled Model"));
      if (unsaved)
        {
          g_free (subtitle);
          subtitle = g_strdup (_("Not saved"));
        }
      /* The unsaved mark in front, as GNOME editors do; the file name in the window title
       * is what the task switcher shows. */
      window_title = g_strdup_printf ("%s%s — Cinegan", unsaved ? "• " : "", name);
    }

  /* A run's progress shows from every page, not only on the Training one. */
  if (cg_session_get_training (self->session) && cg_session_get_run (self->session) != NULL)
    {
      g_free (subtitle);
      subtitle = g_strdup_printf (_("Training: %s"), cg_training_run_get_progress_text (
                                                       cg_session_get_run (self->session)));
    }
  gtk_label_set_text (self->title_label, name);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), path);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* ---- narrow windows ---- */

static gboolean
follow_switcher_title_cb (gpointer data)
{
  CgWindow *self = data;
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  self->narrow_id = 0;
  gtk_widget_set_visible (self->title_box, !narrow);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, narrow);
  return G_SOURCE_REMOVE;
}

/* The switcher title finds out whether its switcher fits while the header bar is being
 * allocated: resizing the header from there would be lost with the allocation under way
 * (and the start of the header left undrawn), so the name and the bottom bar follow it
 * from the main loop. */
static void
on_title_visible_cb (CgWindow *self)
{
  if (self->narrow_id == 0)
    self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, follow_switcher_title_cb, self,
                                       NULL);
}

static void
show_missing (CgWindow     *self,
              const GError *error)
{
  CgApplication *app = CG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_auto(GStrv) places = cg_data_dir_places (app != NULL ? cg_application_get_data_dir (app)
                                                         : NULL);
  g_autofree char *places_text = g_strjoinv ("\n", places);
  g_autofree char *command = cg_window_dup_fetch_command ();
  g_autofree char *what = NULL;

  /* The engine's message goes on to name the folders searched and how to get the data,
   * which the page shows already: only its first clause, what went wrong, is shown, and
   * not even that when it only repeats the page's title. */
  if (error != NULL)
    {
      const char *end = strchr (error->message, ';');

      what = end != NULL ? g_strndup (error->message, end - error->message)
                         : g_strdup (error->message);
      if (g_ascii_strcasecmp (what, "MovieLens data not found") == 0)
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

/* ---- following the session ---- */

static void
on_session_title_cb (CgWindow *self)
{
  update_title (self);
  _cg_window_update_actions (self);
}

static void
on_session_state_cb (CgWindow *self)
{
  _cg_window_update_actions (self);
}

/* Training takes minutes: someone who went to another window hears that it ended. */
static void
notify_if_away (CgWindow   *self,
                const char *title,
                const char *body)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_application_send_notification (app, "training-finished", notification);
}

static void
on_session_training_cb (CgWindow *self)
{
  CgTrainingRun *run = cg_session_get_run (self->session);

  _cg_window_update_actions (self);
  update_title (self);
  if (run == NULL)
    return;
  if (cg_session_get_training (self->session))
    {
      save_training_form (self, run);
      g_signal_connect_object (run, "notify::progress-text", G_CALLBACK (update_title), self,
                               G_CONNECT_SWAPPED);
      return;
    }
  switch (cg_training_run_get_state (run))
    {
    case CG_TRAINING_RUN_FINISHED:
      _cg_window_toast_with_button (self, _("Training finished"), _("Show _Recommendations"),
                                    "win.show-view('recommendations')");
      notify_if_away (self, _("Training finished"), cg_training_run_get_progress_text (run));
      break;
    case CG_TRAINING_RUN_CANCELLED:
      _cg_window_toast (self, cg_training_run_get_model (run) != NULL
                              ? _("Training cancelled: kept the last finished epoch's model")
                              : _("Training cancelled"));
      break;
    case CG_TRAINING_RUN_FAILED:
      _cg_window_toast (self, _("Training stopped: see the Training page"));
      break;
    case CG_TRAINING_RUN_READY:
    case CG_TRAINING_RUN_RUNNING:
    default:
      break;
    }
}

/* ---- dataset loading ---- */

void
_cg_window_dismiss_toast (AdwToast **toast)
{
  if (*toast == NULL)
    return;
  /* The pointer is about to be reused or the window is going: this toast no longer
   * writes to it. */
  g_object_remove_weak_pointer (G_OBJECT (*toast), (gpointer *) toast);
  adw_toast_dismiss (*toast);
  *toast = NULL;
}

void
_cg_window_show_toast_in (CgWindow  *self,
                          AdwToast **slot,
                          AdwToast  *toast)
{
  _cg_window_dismiss_toast (slot);
  *slot = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) slot);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A release as large as ML-25M takes tens of seconds to read: with a dataset already shown
 * (whose views stay usable meanwhile), a toast that stays until the load ends says so. */
static void
show_loading_toast (CgWindow   *self,
                    const char *dir)
{
  g_autofree char *name = g_path_get_basename (dir);
  g_autofree char *title = g_strdup_printf (_("Opening “%s”…"), name);

  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  _cg_window_show_toast_in (self, &self->loading_toast, toast);
}

static void
on_dataset_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CgWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  gtk_spinner_stop (self->loading_spinner);
  _cg_window_dismiss_toast (&self->loading_toast);
  if (!cg_session_load_dataset_finish (CG_SESSION (object), result, &error))
    {
      /* Cancelled means the window is closing: there is nothing left to show it in. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Keep a dataset that was already there; else say what is missing. */
          if (cg_session_get_data_dir (self->session) == NULL)
            show_missing (self, error);
          else
            {
              gtk_stack_set_visible_child_name (self->main_stack, "views");
              _cg_window_show_error (self, _("Could Not Load the Dataset"), error);
            }
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A folder the user chose is where to look first next time. */
  if (GPOINTER_TO_INT (g_task_get_task_data (task)))
    remember_data_dir (self, cg_session_get_data_dir (self->session));
  gtk_stack_set_visible_child_name (self->main_stack, "views");
  if (self->file_to_open != NULL)
    {
      g_autoptr(GFile) file = g_steal_pointer (&self->file_to_open);

      cg_window_open_file (self, file);
    }
  g_task_return_boolean (task, TRUE);
}

static void
load_dataset (CgWindow            *self,
              const char          *dir,
              gboolean             remember,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, cg_window_load_dataset_async);
  g_task_set_task_data (task, GINT_TO_POINTER (remember), NULL);
  if (cg_session_get_data_dir (self->session) == NULL)
    {
      adw_status_page_set_description (self->loading_page, dir);
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
    }
  else
    show_loading_toast (self, dir);
  cg_session_load_dataset_async (self->session, dir, NULL, on_dataset_loaded_cb, task);
}

void
cg_window_load_dataset_async (CgWindow            *self,
                              const char          *dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  load_dataset (self, dir, TRUE, cancellable, callback, user_data);
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
      remembered = remembered_data_dir (self);
      /* A folder since moved or emptied is forgotten here, not reported as missing. */
      if (remembered != NULL && cg_format_detect (remembered) == CG_FORMAT_NONE)
        g_clear_pointer (&remembered, g_free);
    }

  dir = cg_data_dir_find (remembered != NULL ? remembered : override, &error);
  if (dir == NULL)
    {
      show_missing (self, error);
      return;
    }
  load_dataset (self, dir, FALSE, NULL, NULL, NULL);
}

/* ---- closing ---- */

static gboolean
close_confirmed_idle (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
close_now (CgWindow *self,
           gpointer  data)
{
  /* This may run inside the question's ::response emission: close once it is over, so
   * the window is not freed under a dialog still being torn down. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_confirmed_idle, g_object_ref (self),
                   g_object_unref);
}

static void
close_question_over (gpointer data)
{
  CG_WINDOW (data)->close_asking = FALSE;
}

static gboolean
cg_window_close_request (GtkWindow *window)
{
  CgWindow *self = CG_WINDOW (window);

  if (cg_session_get_unsaved (self->session) && !self->close_confirmed)
    {
      /* Ctrl+Q again while asking: one question is enough. */
      if (self->close_asking)
        return TRUE;
      self->close_asking = TRUE;
      _cg_window_confirm_unsaved (self,
                                  _("The trained model has not been saved. If you close "
                                    "Cinegan now, it is lost."),
                                  close_now, self, close_question_over);
      return TRUE;
    }

  /* Stop everything of this window: loads and opens end, a run stops after its
   * mini-batch (and holds the application until then). */
  save_size (self);
  g_cancellable_cancel (self->cancellable);
  cg_session_shutdown (self->session);
  return GTK_WINDOW_CLASS (cg_window_parent_class)->close_request (window);
}

/* ---- ratings that cannot be saved ---- */

static void
on_ratings_saving_cb (CgWindow *self)
{
  CgRatingsStore *ratings = cg_session_get_ratings (self->session);
  const char *problem = cg_ratings_store_get_saving_problem (ratings);

  if (problem != NULL)
    {
      guint n = cg_ratings_store_get_n_unsaved (ratings);
      g_autofree char *text = NULL;

      /* Said once, beside the problem itself: the person goes on rating, and the store
       * saves everything by itself as soon as the folder takes a file again. */
      if (n > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u rating is kept until Cinegan closes but not "
                                             "saved: %s. It is saved as soon as that works.",
                                             "%u ratings are kept until Cinegan closes but not "
                                             "saved: %s. They are saved as soon as that works.",
                                             n),
                                n, problem);
      else
        text = g_strdup_printf (_("Your ratings cannot be saved: %s. Ratings you give are "
                                  "kept until Cinegan closes and saved as soon as that works."),
                                problem);
      gtk_label_set_text (self->saving_label, text);
    }
  gtk_revealer_set_reveal_child (self->saving_banner, problem != NULL);
}

static void
on_saving_retry_clicked_cb (CgWindow *self)
{
  cg_ratings_store_retry_save (cg_session_get_ratings (self->session));
}

/* ---- GObject ---- */

/* The session on the application's ratings, which every window shares. */
static void
setup_session (CgWindow      *self,
               CgApplication *app)
{
  self->session = cg_session_new (cg_application_get_ratings_store (app));
  cg_session_view_set_session (CG_SESSION_VIEW (self->catalog_view), self->session);
  cg_session_view_set_session (CG_SESSION_VIEW (self->training_view), self->session);
  cg_session_view_set_session (CG_SESSION_VIEW (self->recommendations_view), self->session);
  g_signal_connect_object (self->recommendations_view, "map",
                           G_CALLBACK (on_recommendations_mapped_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "notify::model", G_CALLBACK (on_session_title_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::file", G_CALLBACK (on_session_title_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::unsaved", G_CALLBACK (on_session_title_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::busy", G_CALLBACK (on_session_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::data-dir", G_CALLBACK (on_session_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::training",
                           G_CALLBACK (on_session_training_cb), self, G_CONNECT_SWAPPED);

  /* Train Including Me waits while the model already has exactly your ratings. */
  g_signal_connect_object (cg_session_get_ratings (self->session), "changed",
                           G_CALLBACK (_cg_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cg_session_get_ratings (self->session), "notify::saving-problem",
                           G_CALLBACK (on_ratings_saving_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cg_session_get_ratings (self->session), "notify::n-unsaved",
                           G_CALLBACK (on_ratings_saving_cb), self, G_CONNECT_SWAPPED);
  on_ratings_saving_cb (self);

  if (settings (self) != NULL)
    g_settings_bind (settings (self), "catalogue-sort",
                     cg_catalog_model_get_sorter (cg_session_get_catalog (self->session)),
                     "order", G_SETTINGS_BIND_DEFAULT);
  restore_size (self);
  restore_training_form (self);
  update_title (self);
  _cg_window_update_actions (self);
  start_loading (self);
}

static void
cg_window_dispose (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  _cg_window_dismiss_toast (&self->rating_toast);
  _cg_window_dismiss_toast (&self->loading_toast);
  if (self->session != NULL)
    cg_session_shutdown (self->session);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  if (self->dataset_chooser != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dataset_chooser),
                                    (gpointer *) &self->dataset_chooser);
      gtk_window_destroy (GTK_WINDOW (self->dataset_chooser));
      self->dataset_chooser = NULL;
    }
  /* The toast overlay is the window's content: let AdwApplicationWindow drop it, or
   * dispose_template would unparent it behind its back and the window's own dispose would
   * then unparent it a second time. */
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_WINDOW);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->file_to_open);

  G_OBJECT_CLASS (cg_window_parent_class)->dispose (object);
}

static void
cg_window_finalize (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rating_undo, g_array_unref);

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
  g_type_ensure (CG_TYPE_TRAINING_VIEW);
  g_type_ensure (CG_TYPE_RECOMMENDATIONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, title_box);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, saving_banner);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, saving_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, missing_error_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, missing_command_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, missing_places_label);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, catalog_view);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, training_view);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, recommendations_view);
  gtk_widget_class_bind_template_callback (widget_class, on_saving_retry_clicked_cb);

  _cg_window_class_init_actions (widget_class);
}

static void
cg_window_init (CgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_title_visible_cb), self, G_CONNECT_SWAPPED);
  follow_switcher_title_cb (self);

  self->cancellable = g_cancellable_new ();
  self->rating_undo = g_array_new (FALSE, FALSE, sizeof (CgRatingChange));
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

/* ---- public API ---- */

CgWindow *
cg_window_new (CgApplication *application)
{
  CgWindow *self;

  g_return_val_if_fail (CG_IS_APPLICATION (application), NULL);

  self = g_object_new (CG_TYPE_WINDOW, "application", application, NULL);
  setup_session (self, application);
  return self;
}

CgSession *
cg_window_get_session (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->session;
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
cg_window_get_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

const char *
cg_window_get_page (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GtkWidget *
cg_window_get_catalog_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->catalog_view);
}

GtkWidget *
cg_window_get_training_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->training_view);
}

GtkWidget *
cg_window_get_recommendations_view (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->recommendations_view);
}
