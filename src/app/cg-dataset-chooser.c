/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dataset-chooser.c: the MovieLens releases found on this computer, to open one.
 *
 * Discovery costs a few stat calls a folder and runs when the chooser is made; counting
 * reads every line of each release's files (seconds for ML-25M from a cold disk), so it
 * runs on a worker thread, one release after the other in list order so that two counts
 * never compete for the disk, and each row shows its counts as they arrive. Closing the
 * chooser cancels the count under way.
 *
 * Opening goes through the window's own dataset loading, which also says why a folder could
 * not be read and keeps the dataset it had; the chooser closes first, so that message is
 * shown over the window it is about.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cg-dataset-chooser.h"
#include "cg-worker.h"

struct _CgDatasetChooser
{
  AdwWindow     parent_instance;

  /* template widgets */
  GtkWidget    *choose_folder_button;
  GtkStack     *stack;
  GtkListBox   *list_box;
  AdwStatusPage *empty_page;
  GtkLabel     *places_label;
  GtkLabel     *command_label;

  /* borrowed */
  CgWindow     *window;          /* (weak) the window it opens datasets in */

  /* owned */
  GPtrArray    *sources;         /* (CgDataSource) in list order */
  GPtrArray    *rows;            /* (AdwActionRow, borrowed from the list) as sources */
  GCancellable *cancellable;     /* of the counting; cancelled when the chooser closes */
  guint         next_to_count;   /* index in sources; sources->len once all are counted */
  gboolean      counting;
};

G_DEFINE_FINAL_TYPE (CgDatasetChooser, cg_dataset_chooser, ADW_TYPE_WINDOW)

/* ---- rows ---- */

/* The engine says why a folder was looked at in fixed English words: these are the same
 * reasons, said in the reader's language. */
static const char *
origin_text (const char *origin)
{
  if (g_strcmp0 (origin, "--data-dir") == 0)
    return _("given with --data-dir");
  if (g_strcmp0 (origin, "$CINEGAN_DATA_DIR") == 0)
    return _("named by $CINEGAN_DATA_DIR");
  if (g_strcmp0 (origin, "your data folder") == 0)
    return _("in your data folder");
  if (g_strcmp0 (origin, "the source tree") == 0)
    return _("in the source tree");
  return origin;
}

/* A folder as a person reads it: under the home folder, from "~". */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && strncmp (path, home, len) == 0 && (path[len] == '/' || path[len] == '\0'))
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autofree char *canonical_a = NULL;
  g_autofree char *canonical_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  canonical_a = g_canonicalize_filename (a, NULL);
  canonical_b = g_canonicalize_filename (b, NULL);
  return g_str_equal (canonical_a, canonical_b);
}

/* "9,742 movies\n100,836 ratings", in the locale's digit grouping. */
static char *
counts_text (const CgDataSource *source)
{
  g_autofree char *movies = g_strdup_printf ("%'u", source->n_movies);
  g_autofree char *ratings = g_strdup_printf ("%'" G_GUINT64_FORMAT, source->n_ratings);
  g_autofree char *movies_text = NULL;
  g_autofree char *ratings_text = NULL;

  movies_text = g_strdup_printf (ngettext ("%s movie", "%s movies", source->n_movies), movies);
  ratings_text = g_strdup_printf (ngettext ("%s rating", "%s ratings",
                                            (gulong) MIN (source->n_ratings, G_MAXULONG)),
                                  ratings);
  return g_strconcat (movies_text, "\n", ratings_text, NULL);
}

static GtkWidget *
new_row (CgDatasetChooser   *self,
         const CgDataSource *source,
         gboolean            current)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *counts = gtk_label_new (_("Counting…"));
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *path = display_path (source->path);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_name (row, "dataset-row");
  /* Folder names are not markup: an "&" in one must show as itself. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 source->release != NULL ? source->release
                                                         : cg_format_name (source->format));
  /* TRANSLATORS: the layout of a MovieLens release ("MovieLens CSV"), then why its folder
   * was looked at ("in your data folder"), then the folder. */
  subtitle = g_strdup_printf (_("%s, %s\n%s"), cg_format_name (source->format),
                              origin_text (source->origin), path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, source->path);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_name (mark, "dataset-current");
  gtk_widget_set_visible (mark, current);
  gtk_widget_set_tooltip_text (mark, _("Open in the window now"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open in the window now"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);

  gtk_widget_set_name (counts, "dataset-counts");
  gtk_label_set_justify (GTK_LABEL (counts), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (counts), 1.0);
  gtk_widget_add_css_class (counts, "dim-label");
  gtk_widget_add_css_class (counts, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), counts);
  g_object_set_data (G_OBJECT (row), "cg-counts-label", counts);

  /* Tests and accessibility tools tell the rows apart by what they list, not by text. */
  g_object_set_data (G_OBJECT (row), "cg-data-source", (gpointer) source);
  return row;
}

/* ---- counting ---- */

/* What the worker counts: a copy of one source, and where it is in the list. */
typedef struct
{
  CgDataSource *source;
  guint         index;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  cg_data_source_free (job->source);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  GError *error = NULL;

  if (cg_data_source_count (job->source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
count_done (GTask *outer,
            GTask *inner)
{
  CountJob *job = g_task_get_task_data (inner);
  GError *error = NULL;

  if (!g_task_propagate_boolean (inner, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  g_task_return_pointer (outer, g_steal_pointer (&job->source),
                         (GDestroyNotify) cg_data_source_free);
}

static void count_next (CgDatasetChooser *self);

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CgDatasetChooser *self = CG_DATASET_CHOOSER (object);
  guint index = GPOINTER_TO_UINT (user_data);
  g_autoptr(CgDataSource) counted = NULL;
  g_autoptr(GError) error = NULL;
  CgDataSource *source;
  GtkLabel *label;

  counted = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled: the chooser is closing, its rows may be gone already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->rows == NULL)
    {
      self->counting = FALSE;
      return;
    }
  source = g_ptr_array_index (self->sources, index);
  label = g_object_get_data (G_OBJECT (g_ptr_array_index (self->rows, index)),
                             "cg-counts-label");
  if (counted != NULL)
    {
      g_autofree char *text = NULL;

      source->counted = TRUE;
      source->n_movies = counted->n_movies;
      source->n_ratings = counted->n_ratings;
      text = counts_text (source);
      gtk_label_set_text (label, text);
    }
  else
    {
      /* Opening it would say the same at more length: the row stays, for that. */
      gtk_label_set_text (label, _("Could not be read"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), error->message);
    }
  count_next (self);
}

static void
count_next (CgDatasetChooser *self)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  if (self->next_to_count >= self->sources->len)
    {
      self->counting = FALSE;
      return;
    }
  self->counting = TRUE;
  job = g_new0 (CountJob, 1);
  job->index = self->next_to_count++;
  job->source = cg_data_source_copy (g_ptr_array_index (self->sources, job->index));
  task = g_task_new (self, self->cancellable, on_counted_cb, GUINT_TO_POINTER (job->index));
  g_task_set_source_tag (task, count_next);
  cg_worker_run (task, count_thread, job, count_job_free, count_done);
}

/* ---- what it shows ---- */

/* Where discovery looks, for the page that says nothing was found there. */
static char *
places_text (CgDatasetChooser *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->window));
  const char *override = app != NULL ? cg_application_get_data_dir (CG_APPLICATION (app)) : NULL;
  g_auto(GStrv) scanned = cg_data_dir_places (override);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; scanned[i] != NULL; i++)
    g_ptr_array_add (places, display_path (scanned[i]));
  g_ptr_array_add (places, NULL);
  return g_strjoinv ("\n", (char **) places->pdata);
}

static void
fill (CgDatasetChooser *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->window));
  const char *override = app != NULL ? cg_application_get_data_dir (CG_APPLICATION (app)) : NULL;
  const char *current = cg_session_get_data_dir (cg_window_get_session (self->window));

  self->sources = cg_data_dir_discover (override);
  self->rows = g_ptr_array_new ();
  for (guint i = 0; i < self->sources->len; i++)
    {
      const CgDataSource *source = g_ptr_array_index (self->sources, i);
      GtkWidget *row = new_row (self, source, same_folder (source->path, current));

      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->sources->len == 0)
    {
      g_autofree char *places = places_text (self);
      g_autofree char *command = cg_window_dup_fetch_command ();

      gtk_label_set_text (self->places_label, places);
      gtk_label_set_text (self->command_label, command);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
  count_next (self);
}

/* ---- opening ---- */

static void
on_dataset_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* A failure is the window's to show (it keeps the dataset it had and says why). */
  cg_window_load_dataset_finish (CG_WINDOW (object), result, NULL);
}

/* The window opens no other folder while it loads one or trains (a run reads the folder
 * it started with): nor does the chooser then. */
static void
update_openable (CgDatasetChooser *self)
{
  CgSession *session;
  gboolean openable;

  if (self->window == NULL || self->list_box == NULL)
    return;
  session = cg_window_get_session (self->window);
  openable = !cg_session_get_busy (session) && !cg_session_get_training (session);
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), openable);
  gtk_widget_set_sensitive (self->choose_folder_button, openable);
}

static void
on_row_activated_cb (CgDatasetChooser *self,
                     GtkListBoxRow    *row)
{
  const CgDataSource *source = g_object_get_data (G_OBJECT (row), "cg-data-source");
  g_autoptr(CgWindow) window = NULL;
  g_autofree char *path = NULL;

  if (source == NULL || self->window == NULL)
    return;
  window = g_object_ref (self->window);
  path = g_strdup (source->path);
  gtk_window_destroy (GTK_WINDOW (self));
  /* The folder open already stays as it is: reloading it would only cost the time. */
  if (!same_folder (path, cg_session_get_data_dir (cg_window_get_session (window))))
    cg_window_load_dataset_async (window, path, NULL, on_dataset_loaded_cb, NULL);
}

static void
on_choose_folder_clicked_cb (CgDatasetChooser *self)
{
  g_autoptr(CgWindow) window = self->window != NULL ? g_object_ref (self->window) : NULL;

  /* The file chooser is the window's, and modal over it: this one goes first. */
  gtk_window_destroy (GTK_WINDOW (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-dataset", NULL);
}

static void
on_copy_command_clicked_cb (CgDatasetChooser *self,
                            GtkButton        *button)
{
  g_autofree char *command = cg_window_dup_fetch_command ();

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), command);
  /* The window's "Command copied" toast would be under this window: the button says it. */
  gtk_button_set_icon_name (button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Command copied"));
}

/* ---- GObject ---- */

static gboolean
cg_dataset_chooser_close_request (GtkWindow *window)
{
  g_cancellable_cancel (CG_DATASET_CHOOSER (window)->cancellable);
  return GTK_WINDOW_CLASS (cg_dataset_chooser_parent_class)->close_request (window);
}

static void
cg_dataset_chooser_dispose (GObject *object)
{
  CgDatasetChooser *self = CG_DATASET_CHOOSER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_DATASET_CHOOSER);

  G_OBJECT_CLASS (cg_dataset_chooser_parent_class)->dispose (object);
}

static void
cg_dataset_chooser_finalize (GObject *object)
{
  CgDatasetChooser *self = CG_DATASET_CHOOSER (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cg_dataset_chooser_parent_class)->finalize (object);
}

static void
cg_dataset_chooser_class_init (CgDatasetChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cg_dataset_chooser_dispose;
  object_class->finalize = cg_dataset_chooser_finalize;
  window_class->close_request = cg_dataset_chooser_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-dataset-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CgDatasetChooser, choose_folder_button);
  gtk_widget_class_bind_template_child (widget_class, CgDatasetChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, CgDatasetChooser, list_box);
  gtk_widget_class_bind_template_child (widget_class, CgDatasetChooser, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CgDatasetChooser, places_label);
  gtk_widget_class_bind_template_child (widget_class, CgDatasetChooser, command_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_command_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_dataset_chooser_init (CgDatasetChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (on_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ---- public API ---- */

GtkWidget *
cg_dataset_chooser_new (CgWindow *window)
{
  CgDatasetChooser *self;
  CgSession *session;

  g_return_val_if_fail (CG_IS_WINDOW (window), NULL);

  /* Not one of the application's windows: those are the CgWindows that files open in. */
  self = g_object_new (CG_TYPE_DATASET_CHOOSER, "transient-for", window, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  session = cg_window_get_session (window);
  g_signal_connect_object (session, "notify::busy", G_CALLBACK (update_openable), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::training", G_CALLBACK (update_openable), self,
                           G_CONNECT_SWAPPED);
  fill (self);
  update_openable (self);
  return GTK_WIDGET (self);
}

GPtrArray *
cg_dataset_chooser_get_sources (CgDatasetChooser *self)
{
  g_return_val_if_fail (CG_IS_DATASET_CHOOSER (self), NULL);

  return self->sources;
}

gboolean
cg_dataset_chooser_get_counting (CgDatasetChooser *self)
{
  g_return_val_if_fail (CG_IS_DATASET_CHOOSER (self), FALSE);

  return self->counting;
}
