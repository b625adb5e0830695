/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-runs-list.c: the Training page's list of kept runs, and their comparison.
 *
 * The rows are rebuilt whenever the store changes: a person keeps tens of runs, not
 * thousands, and a rebuild keeps every row's text and buttons in step with the index. The
 * picked runs are kept by id, so they stay picked across a rebuild and a run deleted and
 * brought back by Undo comes back unpicked.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "cg-runs-comparison.h"
#include "cg-runs-list.h"
#include "cg-training-presets.h"

struct _CgRunsList
{
  GtkWidget            parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *ablation_group;
  GtkListBox          *runs_box;
  GtkWidget           *comparison_box;
  GtkScrolledWindow   *comparison_scroller;
  GtkLabel            *problem_label;

  /* owned */
  CgRunsStore         *store;
  GHashTable          *selected;   /* run ids */
};

G_DEFINE_FINAL_TYPE (CgRunsList, cg_runs_list, GTK_TYPE_WIDGET)

enum
{
  SELECTION_CHANGED,
  OPEN_MODEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define RUN_ID_KEY "cg-run-id"

static const char *
run_id_of (gpointer object)
{
  return g_object_get_data (G_OBJECT (object), RUN_ID_KEY);
}

static void
tag_with_run (gpointer    object,
              const char *id)
{
  g_object_set_data_full (G_OBJECT (object), RUN_ID_KEY, g_strdup (id), g_free);
}

/* ---- the comparison ---- */

static void
update_comparison (CgRunsList *self)
{
  g_auto(GStrv) ids = cg_runs_list_dup_selected (self);
  guint n = g_strv_length (ids);
  g_autofree CgRun **runs = NULL;
  CgRunIndex *index;

  gtk_widget_set_visible (self->comparison_box, n >= 2);
  if (n < 2)
    {
      gtk_scrolled_window_set_child (self->comparison_scroller, NULL);
      return;
    }
  index = cg_runs_store_get_index (self->store);
  runs = g_new0 (CgRun *, n);
  for (guint i = 0; i < n; i++)
    runs[i] = (CgRun *) cg_run_index_find (index, ids[i]);
  gtk_scrolled_window_set_child (self->comparison_scroller, cg_runs_comparison_new (runs, n));
}

static void
selection_changed (CgRunsList *self)
{
  update_comparison (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* ---- rows ---- */

static void
on_check_toggled_cb (GtkCheckButton *check,
                     CgRunsList     *self)
{
  const char *id = run_id_of (check);

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selected, g_strdup (id));
  else
    g_hash_table_remove (self->selected, id);
  selection_changed (self);
}

static void
on_rename_clicked_cb (GtkButton  *button,
                      CgRunsList *self)
{
  cg_runs_list_rename (self, run_id_of (button));
}

static void
on_delete_clicked_cb (GtkButton  *button,
                      CgRunsList *self)
{
  cg_runs_list_delete (self, run_id_of (button));
}

static void
on_open_clicked_cb (GtkButton  *button,
                    CgRunsList *self)
{
  const CgRun *run = cg_run_index_find (cg_runs_store_get_index (self->store),
                                        run_id_of (button));

  if (run != NULL && run->model_path != NULL)
    g_signal_emit (self, signals[OPEN_MODEL], 0, run->model_path);
}

/* "3 Dec 14:02 · adv-weight 0 · NDCG@10 0.1234 · 20 epochs" */
static char *
describe_run (const CgRun *run)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (run->created);
  g_autofree char *date = when != NULL ? g_date_time_format (when, "%-d %b %H:%M") : NULL;
  g_autofree char *settings = cg_run_describe_settings (run);
  const char *k = cg_run_get_setting (run, "k");
  double best = cg_run_get_best (run, "ndcg", NULL);
  GString *out = g_string_new (date != NULL ? g_strstrip (date) : "");

  if (*settings != '\0')
    g_string_append_printf (out, " · %s", settings);
  if (isfinite (best))
    g_string_append_printf (out, _(" · best NDCG@%s %.4f"), k != NULL ? k : "K", best);
  g_string_append_printf (out, ngettext (" · %u epoch", " · %u epochs", run->history->len),
                          run->history->len);
  if (run->outcome == CG_RUN_CANCELLED)
    g_string_append (out, _(" · cancelled"));
  return g_string_free (out, FALSE);
}

static GtkWidget *
row_button (CgRunsList  *self,
            const char  *id,
            const char  *name,
            const char  *icon,
            const char  *label,
            GCallback    clicked)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_add_css_class (button, "flat");
  tag_with_run (button, id);
  if (clicked != NULL)
    g_signal_connect_object (button, "clicked", clicked, self, 0);
  return button;
}

static GtkWidget *
new_row (CgRunsList  *self,
         const CgRun *run)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *open, *export;
  g_autofree char *subtitle = describe_run (run);
  g_autofree char *compare = g_strdup_printf (_("Compare “%s”"), run->name);

  gtk_widget_set_name (row, "run-row");
  tag_with_run (row, run->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), run->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_name (check, "run-check");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  compare, -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->selected, run->id));
  tag_with_run (check, run->id);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  open = row_button (self, run->id, "run-open", "document-open-symbolic",
                     _("Open the Run's Model"), G_CALLBACK (on_open_clicked_cb));
  gtk_widget_set_sensitive (open, run->model_path != NULL);
  if (run->model_path == NULL)
    gtk_widget_set_tooltip_text (open, _("The run's model was not saved"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
  /* The Training page owns the export (its file chooser and its CSV); the button only
   * names the run. */
  export = row_button (self, run->id, "run-export", "document-save-as-symbolic",
                       _("Export the Run's History as CSV"), NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "training.export-run-history");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (export),
                                          g_variant_new_string (run->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), export);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, run->id, "run-rename", "document-edit-symbolic",
                                         _("Rename the Run"),
                                         G_CALLBACK (on_rename_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, run->id, "run-delete", "user-trash-symbolic",
                                         _("Delete the Run"),
                                         G_CALLBACK (on_delete_clicked_cb)));
  return row;
}

static void
rebuild (CgRunsList *self)
{
  CgRunIndex *index = self->store != NULL ? cg_runs_store_get_index (self->store) : NULL;
  guint n = index != NULL ? cg_run_index_get_n_runs (index) : 0;
  GtkListBoxRow *child;
  GHashTableIter iter;
  gpointer id;

  while ((child = gtk_list_box_get_row_at_index (self->runs_box, 0)) != NULL)
    gtk_list_box_remove (self->runs_box, GTK_WIDGET (child));
  /* Newest first: the run just ended is the one a person looks for. */
  for (guint i = n; i > 0; i--)
    gtk_list_box_append (self->runs_box, new_row (self, cg_run_index_get_run (index, i - 1)));

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (index == NULL || cg_run_index_find (index, id) == NULL)
      g_hash_table_iter_remove (&iter);
  /* A picked run renamed or dropped changes the comparison as much as a pick does. */
  gtk_label_set_text (self->problem_label, self->store != NULL
                                           ? cg_runs_store_get_problem (self->store) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->store != NULL
                          && cg_runs_store_get_problem (self->store) != NULL);
  selection_changed (self);
}

/* ---- the ablations ---- */

static void
build_ablations (CgRunsList *self)
{
  for (guint i = 0; i < cg_training_ablation_count (); i++)
    {
      const char *id = cg_training_ablation_get_id (i);
      g_autofree char *values = g_strjoinv (", ", (char **) cg_training_ablation_get_values (id));
      g_autofree char *subtitle = g_strdup_printf (_("%s: %s"),
                                                   cg_training_ablation_get_setting (id),
                                                   values);
      g_autofree char *name = g_strdup_printf ("ablation-%s", id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Run"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cg_training_ablation_get_title (id));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (button, name);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "training.ablation");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->ablation_group, row);
    }
}

/* ---- renaming and deleting ---- */

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CgRunsList       *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *id = run_id_of (dialog);

  if (g_strcmp0 (response, "rename") == 0 && self->store != NULL)
    cg_runs_store_rename (self->store, id, gtk_editable_get_text (entry));
}

static void
on_name_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *name != '\0');
}

static void
on_name_activate_cb (GtkEntry         *entry,
                     AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "rename"))
    {
      adw_message_dialog_response (dialog, "rename");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

void
cg_runs_list_rename (CgRunsList *self,
                     const char *id)
{
  const CgRun *run;
  GtkWidget *dialog, *entry;
  GtkRoot *root;

  g_return_if_fail (CG_IS_RUNS_LIST (self));
  g_return_if_fail (id != NULL);

  run = self->store != NULL ? cg_run_index_find (cg_runs_store_get_index (self->store), id)
                            : NULL;
  if (run == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Rename the Run"), NULL);
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "run-name-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), run->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Run name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  tag_with_run (dialog, id);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_name_activate_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

typedef struct
{
  CgRunsStore *store;
  CgRun       *run;
  guint        position;
} Deleted;

static void
deleted_free (gpointer data)
{
  Deleted *deleted = data;

  g_clear_object (&deleted->store);
  g_clear_pointer (&deleted->run, cg_run_free);
  g_free (deleted);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Deleted  *deleted)
{
  cg_runs_store_restore (deleted->store, g_steal_pointer (&deleted->run), deleted->position);
}

void
cg_runs_list_delete (CgRunsList *self,
                     const char *id)
{
  g_autofree char *title = NULL;
  Deleted *deleted;
  AdwToast *toast;
  int position;

  g_return_if_fail (CG_IS_RUNS_LIST (self));
  g_return_if_fail (id != NULL);

  position = self->store != NULL ? cg_runs_store_find (self->store, id) : -1;
  if (position < 0)
    return;
  deleted = g_new0 (Deleted, 1);
  deleted->store = g_object_ref (self->store);
  deleted->position = (guint) position;
  deleted->run = cg_runs_store_remove (self->store, id);

  title = g_strdup_printf (_("Deleted “%s”"), deleted->run->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), deleted,
                         (GClosureNotify) (void (*) (void)) deleted_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- GObject ---- */

static void
cg_runs_list_dispose (GObject *object)
{
  CgRunsList *self = CG_RUNS_LIST (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_RUNS_LIST);

  G_OBJECT_CLASS (cg_runs_list_parent_class)->dispose (object);
}

static void
cg_runs_list_finalize (GObject *object)
{
  CgRunsList *self = CG_RUNS_LIST (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (cg_runs_list_parent_class)->finalize (object);
}

static void
cg_runs_list_class_init (CgRunsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_runs_list_dispose;
  object_class->finalize = cg_runs_list_finalize;

  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  signals[OPEN_MODEL] = g_signal_new ("open-model", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                      G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-runs-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CgRunsList, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgRunsList, ablation_group);
  gtk_widget_class_bind_template_child (widget_class, CgRunsList, runs_box);
  gtk_widget_class_bind_template_child (widget_class, CgRunsList, comparison_box);
  gtk_widget_class_bind_template_child (widget_class, CgRunsList, comparison_scroller);
  gtk_widget_class_bind_template_child (widget_class, CgRunsList, problem_label);
}

static void
cg_runs_list_init (CgRunsList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build_ablations (self);
}

/* ---- public API ---- */

GtkWidget *
cg_runs_list_new (void)
{
  return g_object_new (CG_TYPE_RUNS_LIST, NULL);
}

void
cg_runs_list_set_store (CgRunsList  *self,
                        CgRunsStore *store)
{
  g_return_if_fail (CG_IS_RUNS_LIST (self));
  g_return_if_fail (store == NULL || CG_IS_RUNS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_hash_table_remove_all (self->selected);
  rebuild (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

CgRunsStore *
cg_runs_list_get_store (CgRunsList *self)
{
  g_return_val_if_fail (CG_IS_RUNS_LIST (self), NULL);

  return self->store;
}

char **
cg_runs_list_dup_selected (CgRunsList *self)
{
  GStrvBuilder *builder;
  CgRunIndex *index;
  char **ids;

  g_return_val_if_fail (CG_IS_RUNS_LIST (self), NULL);

  builder = g_strv_builder_new ();
  index = self->store != NULL ? cg_runs_store_get_index (self->store) : NULL;
  for (guint i = 0; index != NULL && i < cg_run_index_get_n_runs (index); i++)
    {
      const CgRun *run = cg_run_index_get_run (index, i);

      if (g_hash_table_contains (self->selected, run->id))
        g_strv_builder_add (builder, run->id);
    }
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

static GtkCheckButton *
find_check (CgRunsList *self,
            const char *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->runs_box, i)) != NULL; i++)
    if (g_strcmp0 (run_id_of (row), id) == 0)
      return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
  return NULL;
}

void
cg_runs_list_set_selected (CgRunsList *self,
                           const char *id,
                           gboolean    selected)
{
  GtkCheckButton *check;

  g_return_if_fail (CG_IS_RUNS_LIST (self));
  g_return_if_fail (id != NULL);

  /* Through the check box, which tells the rest as a click does. */
  check = find_check (self, id);
  if (check != NULL)
    gtk_check_button_set_active (check, selected);
}

void
cg_runs_list_unselect_all (CgRunsList *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (CG_IS_RUNS_LIST (self));

  if (g_hash_table_size (self->selected) == 0)
    return;
  g_hash_table_remove_all (self->selected);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->runs_box, i)) != NULL; i++)
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      g_signal_handlers_block_by_func (check, on_check_toggled_cb, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      g_signal_handlers_unblock_by_func (check, on_check_toggled_cb, self);
    }
  selection_changed (self);
}
