/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view.c: the Training page — settings, a live run, and its two plots.
 *
 * One class split by topic, as GNOME Text Editor splits its window: this file has the type
 * (properties, the ::model-trained signal, the training.* actions, dispose) and the small
 * accessors; cg-training-view-form.c builds and reads the settings form;
 * cg-training-view-run.c runs a training on a worker thread and shows its progress and
 * plots. The instance struct is in cg-training-view-private.h.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-training-view-private.h"

G_DEFINE_FINAL_TYPE (CgTrainingView, cg_training_view, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

enum
{
  MODEL_TRAINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- internal API, for the other cg-training-view-*.c ---- */

void
_cg_training_view_notify (CgTrainingView         *self,
                          CgTrainingViewProperty  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_cg_training_view_emit_model_trained (CgTrainingView *self,
                                      guint32         you_user_id,
                                      gboolean        complete)
{
  g_signal_emit (self, signals[MODEL_TRAINED], 0, self->model, self->dataset,
                 (guint) you_user_id, complete);
}

void
_cg_training_view_update_actions (CgTrainingView *self)
{
  gboolean training = self->running != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start",
                                 !training && self->data_dir != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.cancel",
                                 training && !g_cancellable_is_cancelled (self->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.reset", !training);
  gtk_widget_set_sensitive (self->form_box, !training);
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
  if (!gtk_widget_activate_action (widget, "win.train", NULL))
    cg_training_view_start (CG_TRAINING_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cg_training_view_cancel (CG_TRAINING_VIEW (widget));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cg_training_view_reset (CG_TRAINING_VIEW (widget));
}

/* ---- GObject ---- */

static void
cg_training_view_dispose (GObject *object)
{
  CgTrainingView *self = CG_TRAINING_VIEW (object);

  /* No run can be in progress: a run's outer task holds a reference on the view (its
   * source object) until the completion has run. Whoever wants a run to stop early cancels
   * it (the window does on close); the view then goes once its worker has returned. */
  g_assert (self->running == NULL);

  /* The store outlives us (the application owns it): stop following it. */
  if (self->ratings_store != NULL)
    g_signal_handlers_disconnect_by_data (self->ratings_store, self);
  g_clear_object (&self->ratings_store);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_TRAINING_VIEW);
  /* Built in code inside the template's groups, gone with them. */
  self->split_row = NULL;
  self->threshold_spin = NULL;
  self->include_me_switch = NULL;
  self->include_me_row = NULL;
  g_clear_pointer (&self->model, cg_cgan_free);
  g_clear_pointer (&self->dataset, cg_dataset_free);

  G_OBJECT_CLASS (cg_training_view_parent_class)->dispose (object);
}

static void
cg_training_view_finalize (GObject *object)
{
  CgTrainingView *self = CG_TRAINING_VIEW (object);

  g_clear_pointer (&self->field_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mailbox, cg_progress_mailbox_unref);

  G_OBJECT_CLASS (cg_training_view_parent_class)->finalize (object);
}

static void
cg_training_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CgTrainingView *self = CG_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_INCLUDE_ME:
      g_value_set_boolean (value, cg_training_view_get_include_me (self));
      break;
    case PROP_TRAINING:
      g_value_set_boolean (value, self->running != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_training_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CgTrainingView *self = CG_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      cg_training_view_set_data_dir (self, g_value_get_string (value));
      break;
    case PROP_INCLUDE_ME:
      cg_training_view_set_include_me (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_training_view_class_init (CgTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_training_view_dispose;
  object_class->finalize = cg_training_view_finalize;
  object_class->get_property = cg_training_view_get_property;
  object_class->set_property = cg_training_view_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_ME] =
    g_param_spec_boolean ("include-me", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING] =
    g_param_spec_boolean ("training", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MODEL_TRAINED] =
    g_signal_new ("model-trained",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_POINTER, G_TYPE_POINTER, G_TYPE_UINT, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "training.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "training.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "training.reset", NULL, reset_action);

  g_type_ensure (CG_TYPE_PLOT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cinegan/Cinegan/ui/cg-training-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, paned);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, form_box);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, data_group);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, settings_group);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, status_label);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, loss_plot);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, metrics_plot);
}

static void
cg_training_view_init (CgTrainingView *self)
{
  CgCganConfig defaults;

  gtk_widget_init_template (GTK_WIDGET (self));

  _cg_training_view_build_form (self);
  cg_cgan_config_init (&defaults);
  _cg_training_view_reset_plots (self, defaults.k);
  adw_preferences_group_set_description (self->data_group, "No MovieLens folder chosen.");
  _cg_training_view_update_actions (self);
}

/* ---- public API ---- */

GtkWidget *
cg_training_view_new (void)
{
  return g_object_new (CG_TYPE_TRAINING_VIEW, NULL);
}

void
cg_training_view_set_data_dir (CgTrainingView *self,
                               const char     *data_dir)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  if (g_strcmp0 (self->data_dir, data_dir) == 0)
    return;
  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
  text = data_dir != NULL ? g_strdup_printf ("MovieLens folder: %s", data_dir)
                          : g_strdup ("No MovieLens folder chosen.");
  adw_preferences_group_set_description (self->data_group, text);
  _cg_training_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_DIR]);
}

const char *
cg_training_view_get_data_dir (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->data_dir;
}

gboolean
cg_training_view_get_training (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), FALSE);

  return self->running != NULL;
}

CgCgan *
cg_training_view_steal_model (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return g_steal_pointer (&self->model);
}

CgDataset *
cg_training_view_steal_dataset (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return g_steal_pointer (&self->dataset);
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
