/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view.c: the Training page — settings, the session's run, and its plots.
 *
 * One class split by topic, as GNOME Text Editor splits its window: this file has the type
 * (the session it follows, the training.* actions, dispose) and the small accessors;
 * cg-training-view-form.c builds and reads the settings form; cg-training-view-plots.c
 * shows a run or a model's history; cg-training-view-export.c saves plots and history;
 * cg-training-view-runs.c keeps runs and compares them.
 * The instance struct is in cg-training-view-private.h.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-training-view-private.h"

G_DEFINE_FINAL_TYPE (CgTrainingView, cg_training_view, CG_TYPE_SESSION_VIEW)

/* ---- internal API ---- */

void
_cg_training_view_update_actions (CgTrainingView *self)
{
  gboolean training = _cg_training_view_session (self) != NULL && cg_session_get_training (_cg_training_view_session (self));
  gboolean ready = _cg_training_view_session (self) != NULL && cg_session_get_data_dir (_cg_training_view_session (self)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start", ready && !training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.cancel", training);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.reset", !training);
  gtk_widget_set_sensitive (self->form_box, !training);
  _cg_training_view_update_export (self);
}

/* ---- following the session ---- */

static void
update_data_dir (CgTrainingView *self)
{
  const char *dir = _cg_training_view_session (self) != NULL ? cg_session_get_data_dir (_cg_training_view_session (self)) : NULL;
  g_autofree char *text = dir != NULL ? g_strdup_printf (_("MovieLens folder: %s"), dir)
                                      : g_strdup (_("No MovieLens folder chosen."));

  adw_preferences_group_set_description (self->basic_group, text);
  _cg_training_view_offer_splits (self, dir);
}

/* The latest run if there is one, else the model's history (a model opened from a file). */
static void
on_session_run_or_model_cb (CgTrainingView *self)
{
  CgTrainingRun *run = cg_session_get_run (_cg_training_view_session (self));
  CgTrainedModel *model = cg_session_get_model (_cg_training_view_session (self));

  if (run != NULL && run != self->run)
    _cg_training_view_end_comparison (self);
  else if (run == NULL && model != NULL && model != self->history_model)
    _cg_training_view_end_comparison (self);
  if (run != NULL)
    _cg_training_view_show_run (self, run);
  else if (model != NULL && model != self->history_model)
    _cg_training_view_show_model (self, model);
  _cg_training_view_update_actions (self);
  /* A new run or model is a new measure of this computer's speed. */
  _cg_training_view_update_estimates (self);
}

static void
on_session_data_dir_cb (CgTrainingView *self)
{
  update_data_dir (self);
  _cg_training_view_update_actions (self);
  _cg_training_view_update_estimates (self);
}

static void
on_session_training_cb (CgTrainingView *self)
{
  _cg_training_view_update_actions (self);
  _cg_training_view_runs_session_notify (self);
}

static void
cg_training_view_session_changed (CgSessionView *view,
                                  CgSession     *old)
{
  CgTrainingView *self = CG_TRAINING_VIEW (view);
  CgSession *session = _cg_training_view_session (self);

  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  _cg_training_view_follow_ratings (self, old != NULL ? cg_session_get_ratings (old) : NULL,
                                    session != NULL ? cg_session_get_ratings (session) : NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::run",
                               G_CALLBACK (on_session_run_or_model_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::model",
                               G_CALLBACK (on_session_run_or_model_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::data-dir",
                               G_CALLBACK (on_session_data_dir_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::training",
                               G_CALLBACK (on_session_training_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::file",
                               G_CALLBACK (_cg_training_view_runs_session_notify), self,
                               G_CONNECT_SWAPPED);
      on_session_run_or_model_cb (self);
    }
  if (self->basic_group != NULL)
    {
      update_data_dir (self);
      _cg_training_view_update_actions (self);
      _cg_training_view_update_estimates (self);
    }
}

/* ---- actions ---- */

/* Inside a window that has win.train, Start goes through it, so the window can first ask
 * about an unsaved model; win.train then calls cg_training_view_start. On its own (tests,
 * demos) the view starts directly. */
static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  /* Start is one run with the form's settings, whatever queue was armed before. */
  _cg_training_view_stop_ablation (CG_TRAINING_VIEW (widget));
  if (!gtk_widget_activate_action (widget, "win.train", NULL))
    cg_training_view_start (CG_TRAINING_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgTrainingView *self = CG_TRAINING_VIEW (widget);

  if (_cg_training_view_session (self) != NULL)
    cg_session_cancel_training (_cg_training_view_session (self));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgTrainingView *self = CG_TRAINING_VIEW (widget);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cg_training_view_reset (CG_TRAINING_VIEW (widget));
}

/* ---- the sidebar's toggle ---- */

/* AdwFlap decides whether it is folded while it allocates its children: a toggle shown or
 * hidden right then would leave its row waiting for an allocation the frame has already
 * given out, and be drawn without one. So it follows the fold just after. */
static gboolean
follow_fold_idle (gpointer user_data)
{
  CgTrainingView *self = user_data;

  self->folded_idle = 0;
  gtk_widget_set_visible (self->sidebar_toggle, adw_flap_get_folded (self->flap));
  return G_SOURCE_REMOVE;
}

static void
on_folded_cb (CgTrainingView *self)
{
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, follow_fold_idle, self, NULL);
}

/* ---- GObject ---- */

static void
cg_training_view_dispose (GObject *object)
{
  CgTrainingView *self = CG_TRAINING_VIEW (object);

  g_clear_handle_id (&self->folded_idle, g_source_remove);
  _cg_training_view_dispose_export (self);
  _cg_training_view_dispose_runs (self);
  cg_session_view_set_session (CG_SESSION_VIEW (self), NULL);
  _cg_training_view_show_run (self, NULL);
  g_clear_object (&self->history_model);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_TRAINING_VIEW);
  /* Built in code inside the template's groups, gone with them. */
  self->preset_row = NULL;
  self->split_row = NULL;
  self->threshold_spin = NULL;
  self->include_me_switch = NULL;
  self->include_me_row = NULL;
  self->memory_row = NULL;
  self->duration_row = NULL;

  G_OBJECT_CLASS (cg_training_view_parent_class)->dispose (object);
}

static void
cg_training_view_finalize (GObject *object)
{
  CgTrainingView *self = CG_TRAINING_VIEW (object);

  g_clear_pointer (&self->field_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->collapse, g_free);
  g_clear_pointer (&self->wanted_split, g_free);

  G_OBJECT_CLASS (cg_training_view_parent_class)->finalize (object);
}

static void
cg_training_view_class_init (CgTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_training_view_dispose;
  object_class->finalize = cg_training_view_finalize;
  CG_SESSION_VIEW_CLASS (klass)->session_changed = cg_training_view_session_changed;

  gtk_widget_class_install_action (widget_class, "training.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "training.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "training.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "training.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "training.toggle-sidebar",
                                       NULL);
  _cg_training_view_class_init_export (widget_class);
  _cg_training_view_class_init_runs (widget_class);

  g_type_ensure (CG_TYPE_PLOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-training-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, flap);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, sidebar_toggle);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, runs_list);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, form_box);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, basic_group);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, advanced_group);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, loss_plot);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, metrics_plot);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, diagnostics_plot);
}

static void
cg_training_view_init (CgTrainingView *self)
{
  CgCganConfig defaults;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->sidebar_toggle, adw_flap_get_folded (self->flap));
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (on_folded_cb), self);

  _cg_training_view_build_form (self);
  _cg_training_view_init_runs (self);
  cg_cgan_config_init (&defaults);
  _cg_training_view_reset_plots (self, defaults.k);
  update_data_dir (self);
  _cg_training_view_update_actions (self);
}

/* ---- public API ---- */

GtkWidget *
cg_training_view_new (void)
{
  return g_object_new (CG_TYPE_TRAINING_VIEW, NULL);
}

CgTrainingRun *
cg_training_view_start (CgTrainingView *self)
{
  CgCganConfig config;

  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  if (_cg_training_view_session (self) == NULL)
    return NULL;
  _cg_training_view_next_config (self, &config);
  return cg_session_train (_cg_training_view_session (self), cg_training_view_get_split (self),
                           cg_training_view_get_threshold (self), &config,
                           cg_training_view_get_include_me (self));
}

CgPlot *
cg_training_view_get_loss_plot (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->loss_plot;
}

CgPlot *
cg_training_view_get_metrics_plot (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->metrics_plot;
}

CgPlot *
cg_training_view_get_diagnostics_plot (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->diagnostics_plot;
}
