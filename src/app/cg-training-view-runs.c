/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-runs.c: the Training page's kept runs.
 *
 * Every run the page shows is kept once it ends (cg-runs-store.h), with the time it
 * started and how long it took; saving the run's model later gives the kept run its
 * model file. Picking two or more runs in the list overlays them: each run one colour,
 * named in the legend, the losses (D's epoch means dotted, G's thin), NDCG@K and
 * coverage@K; picking fewer gives the plots back to the run or model shown before.
 *
 * An ablation (cg-training-presets.h) is a queue of runs, one per value of its setting,
 * the rest from the form. The first starts as Start does (through win.train, which may
 * ask about an unsaved model), each next one when the last has finished; every finished
 * one is picked, so they overlay as they come in. Cancel, or a failed run, ends the queue,
 * as does Cancel at that question (the window then calls cg_training_view_stop_ablation).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-training-presets.h"
#include "cg-training-view-private.h"
#include "cg-window.h"

/* ---- the overlay ---- */

static void
overlay_run (CgTrainingView *self,
             const CgRun    *run,
             int             color)
{
  g_autofree char *d = g_strdup_printf (_("%s · D"), run->name);
  g_autofree char *g = g_strdup_printf (_("%s · G"), run->name);

  cg_plot_add_series (self->loss_plot, d, color, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->loss_plot, g, color, CG_PLOT_STYLE_THIN);
  cg_plot_add_series (self->metrics_plot, run->name, color, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->diagnostics_plot, run->name, color, CG_PLOT_STYLE_LINE);
  for (guint e = 0; e < run->history->len; e++)
    {
      const CgEpochRecord *r = &g_array_index (run->history, CgEpochRecord, e);

      cg_plot_append_point (self->loss_plot, d, r->epoch, r->loss_d);
      cg_plot_append_point (self->loss_plot, g, r->epoch, r->loss_g);
      cg_plot_append_point (self->metrics_plot, run->name, r->epoch, r->ndcg);
      cg_plot_append_point (self->diagnostics_plot, run->name, r->epoch, r->coverage);
    }
}

static void
show_overlay (CgTrainingView *self,
              char          **ids)
{
  CgRunIndex *index = cg_runs_store_get_index (self->runs_store);
  const CgRun *first = cg_run_index_find (index, ids[0]);
  const char *k = first != NULL ? cg_run_get_setting (first, "k") : NULL;
  g_autofree char *ndcg = g_strdup_printf (_("NDCG@%s by Run"), k != NULL ? k : "K");
  g_autofree char *coverage = g_strdup_printf (_("Coverage@%s by Run"), k != NULL ? k : "K");

  cg_plot_clear (self->loss_plot);
  cg_plot_clear (self->metrics_plot);
  cg_plot_clear (self->diagnostics_plot);
  cg_plot_set_note (self->loss_plot, NULL);
  cg_plot_set_title (self->loss_plot, _("Losses by Run (D dotted, G thin)"));
  cg_plot_set_title (self->metrics_plot, ndcg);
  cg_plot_set_title (self->diagnostics_plot, coverage);
  cg_plot_set_y_label (self->diagnostics_plot, _("share of movies listed"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const CgRun *run = cg_run_index_find (index, ids[i]);

      if (run != NULL)
        overlay_run (self, run, (int) i);
    }
}

static void
on_selection_changed_cb (CgTrainingView *self)
{
  g_auto(GStrv) ids = cg_runs_list_dup_selected (self->runs_list);
  gboolean was_comparing = self->comparing;

  self->comparing = g_strv_length (ids) >= 2;
  if (self->comparing)
    show_overlay (self, ids);
  else if (was_comparing)
    _cg_training_view_replot (self);
  _cg_training_view_update_export (self);
}

void
_cg_training_view_end_comparison (CgTrainingView *self)
{
  if (self->ablation == NULL)
    cg_runs_list_unselect_all (self->runs_list);
}

/* ---- keeping runs ---- */

static char *
name_for (CgTrainingView      *self,
          const CgCganConfig  *config)
{
  guint n = cg_run_index_get_n_runs (cg_runs_store_get_index (self->runs_store)) + 1;

  if (self->ablation != NULL)
    {
      const char *setting = cg_training_ablation_get_setting (self->ablation);
      g_autofree char *value = cg_cgan_config_get (config, setting);

      return g_strdup_printf (_("Run %u: %s %s"), n, setting, value);
    }
  return g_strdup_printf (_("Run %u: %s"), n,
                          cg_training_preset_get_name (cg_training_preset_find (config)));
}

static void
on_run_state_cb (CgTrainingRun  *run,
                 GParamSpec     *pspec,
                 CgTrainingView *self)
{
  CgTrainingRunState state = cg_training_run_get_state (run);
  g_autofree char *name = NULL;
  const char *id;

  if (state == CG_TRAINING_RUN_RUNNING)
    {
      self->run_started = g_get_real_time () / G_USEC_PER_SEC;
      self->run_started_us = g_get_monotonic_time ();
      return;
    }
  if (state == CG_TRAINING_RUN_READY)
    return;
  g_signal_handlers_disconnect_by_func (run, on_run_state_cb, self);

  name = name_for (self, cg_training_run_get_config (run));
  id = cg_runs_store_record (self->runs_store, run, name, self->run_started,
                             (g_get_monotonic_time () - self->run_started_us)
                             / (double) G_USEC_PER_SEC);
  g_clear_pointer (&self->recorded_id, g_free);
  g_clear_object (&self->recorded_model);
  if (id != NULL)
    {
      self->recorded_id = g_strdup (id);
      g_set_object (&self->recorded_model, cg_training_run_get_model (run));
    }
  if (self->ablation == NULL)
    return;
  if (id != NULL)
    cg_runs_list_set_selected (self->runs_list, id, TRUE);
  self->ablation_continue = state == CG_TRAINING_RUN_FINISHED
    && cg_training_ablation_get_values (self->ablation)[self->ablation_next] != NULL;
  if (!self->ablation_continue)
    _cg_training_view_stop_ablation (self);
}

void
_cg_training_view_watch_run (CgTrainingView *self,
                             CgTrainingRun  *run)
{
  if (run == NULL)
    return;
  /* A run already going when the page first sees it counts from now. */
  self->run_started = g_get_real_time () / G_USEC_PER_SEC;
  self->run_started_us = g_get_monotonic_time ();
  /* One that has ended was kept when it did. */
  if (cg_training_run_is_running (run) || cg_training_run_get_state (run) == CG_TRAINING_RUN_READY)
    g_signal_connect_object (run, "notify::state", G_CALLBACK (on_run_state_cb), self, 0);
}

/* ---- the ablation queue ---- */

void
_cg_training_view_stop_ablation (CgTrainingView *self)
{
  g_clear_pointer (&self->ablation, g_free);
  g_clear_handle_id (&self->ablation_idle, g_source_remove);
  self->ablation_continue = FALSE;
}

void
_cg_training_view_next_config (CgTrainingView *self,
                               CgCganConfig   *config)
{
  const char *const *values;
  g_autoptr(GError) error = NULL;

  values = self->ablation != NULL ? cg_training_ablation_get_values (self->ablation) : NULL;
  if (values == NULL || values[self->ablation_next] == NULL)
    {
      _cg_training_view_stop_ablation (self);
      cg_training_view_get_config (self, config);
      return;
    }
  *config = self->ablation_config;
  if (!cg_cgan_config_set (config, cg_training_ablation_get_setting (self->ablation),
                           values[self->ablation_next], &error))
    g_critical ("Ablation “%s”: %s", self->ablation, error->message);
  self->ablation_next++;
}

static gboolean
start_next_cb (gpointer data)
{
  CgTrainingView *self = data;

  self->ablation_idle = 0;
  if (self->ablation != NULL && cg_training_view_start (self) == NULL)
    _cg_training_view_stop_ablation (self);
  return G_SOURCE_REMOVE;
}

void
_cg_training_view_runs_session_notify (CgTrainingView *self)
{
  CgSession *session = _cg_training_view_session (self);
  GFile *file;

  if (session == NULL)
    return;
  /* The last run's model saved: the kept run has a model file to open. */
  file = cg_session_get_file (session);
  if (self->recorded_id != NULL && file != NULL
      && cg_session_get_model (session) == self->recorded_model)
    {
      g_autofree char *path = g_file_get_path (file);
      const CgRun *run = cg_run_index_find (cg_runs_store_get_index (self->runs_store),
                                            self->recorded_id);

      if (run != NULL && path != NULL && g_strcmp0 (run->model_path, path) != 0)
        cg_runs_store_set_model (self->runs_store, self->recorded_id, path);
    }
  if (self->ablation_continue && !cg_session_get_training (session) && self->ablation_idle == 0)
    {
      self->ablation_continue = FALSE;
      self->ablation_idle = g_idle_add (start_next_cb, self);
    }
}

static void
ablation_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgTrainingView *self = CG_TRAINING_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  if (_cg_training_view_session (self) == NULL
      || cg_session_get_training (_cg_training_view_session (self))
      || cg_training_ablation_get_setting (id) == NULL)
    return;
  _cg_training_view_stop_ablation (self);
  cg_runs_list_unselect_all (self->runs_list);
  self->ablation = g_strdup (id);
  self->ablation_next = 0;
  cg_training_view_get_config (self, &self->ablation_config);
  /* As Start does: the window may first ask about an unsaved model. */
  if (!gtk_widget_activate_action (widget, "win.train", NULL)
      && cg_training_view_start (self) == NULL)
    _cg_training_view_stop_ablation (self);
}

/* ---- opening a run's model ---- */

static void
on_open_model_cb (CgRunsList     *list,
                  const char     *path,
                  CgTrainingView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (CG_IS_WINDOW (root))
    cg_window_open_file (CG_WINDOW (root), file);
}

/* ---- the page ---- */

void
_cg_training_view_class_init_runs (GtkWidgetClass *widget_class)
{
  g_type_ensure (CG_TYPE_RUNS_LIST);
  gtk_widget_class_install_action (widget_class, "training.ablation", "s", ablation_action);
}

void
_cg_training_view_init_runs (CgTrainingView *self)
{
  g_signal_connect_object (self->runs_list, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runs_list, "open-model", G_CALLBACK (on_open_model_cb), self,
                           0);
  self->runs_store = cg_runs_store_dup_default ();
  cg_runs_list_set_store (self->runs_list, self->runs_store);
}

void
_cg_training_view_dispose_runs (CgTrainingView *self)
{
  _cg_training_view_stop_ablation (self);
  g_clear_object (&self->runs_store);
  g_clear_object (&self->recorded_model);
  g_clear_pointer (&self->recorded_id, g_free);
}

/* ---- public API ---- */

void
cg_training_view_set_runs_store (CgTrainingView *self,
                                 CgRunsStore    *store)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (CG_IS_RUNS_STORE (store));

  g_set_object (&self->runs_store, store);
  cg_runs_list_set_store (self->runs_list, store);
}

CgRunsStore *
cg_training_view_get_runs_store (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->runs_store;
}

CgRunsList *
cg_training_view_get_runs_list (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->runs_list;
}

gboolean
cg_training_view_get_ablation_running (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), FALSE);

  return self->ablation != NULL;
}

void
cg_training_view_stop_ablation (CgTrainingView *self)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  _cg_training_view_stop_ablation (self);
}
