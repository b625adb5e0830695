/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view.c: the Training page — settings, a live run, and its two plots.
 *
 * Threads. A run is two GTasks. The outer one (source object: this view) is what
 * _train_async/_finish hand out and is only ever touched on the main thread. The inner
 * one has no source object and runs the worker; its data owns everything the worker reads
 * (a copy of the settings, your ratings, the folder name) and the dataset it loads, so the
 * worker never sees the view. This split matters because the last reference to a GTask
 * run in a thread may be dropped in that thread: were the view its source object, the
 * view could be finalised off the main thread.
 *
 * Progress. The trainer's callback (on the worker) posts into a CgProgressMailbox; when
 * the box was empty it attaches one idle source to the main context (idle priority, so
 * input and redraws come first), whose drain applies everything pending to the widgets
 * on the main thread. The completion
 * drains once more before showing the outcome, so the last epoch is never lost to the
 * order in which the completion and the idle run.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-error.h"
#include "cg-metrics.h"
#include "cg-progress-mailbox.h"
#include "cg-trainer.h"
#include "cg-training-view.h"

/* Weight of the newest step in the smoothed per-step loss curves. */
#define STEP_SMOOTHING 0.05

/* Largest integer a double (and so a spin button) holds exactly. */
#define MAX_EXACT_INTEGER 9007199254740991.0

static const char *const splits[] = { "u1", "u2", "u3", "u4", "u5", "ua", "ub", NULL };

#define SERIES_D_EPOCH "D (epoch mean)"
#define SERIES_G_EPOCH "G (epoch mean)"
#define SERIES_D_STEP  "D (steps, smoothed)"
#define SERIES_G_STEP  "G (steps, smoothed)"

struct _CgTrainingView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *paned;
  GtkWidget         *form_box;
  GtkLabel          *data_dir_label;
  GtkListBox        *data_list;
  GtkListBox        *settings_list;
  GtkProgressBar    *progress_bar;
  GtkLabel          *status_label;
  CgPlot            *loss_plot;
  CgPlot            *metrics_plot;

  /* built in init, owned by the template's list boxes */
  GtkDropDown       *split_dropdown;
  GtkSpinButton     *threshold_spin;
  GtkSwitch         *include_me_switch;
  GtkLabel          *include_me_subtitle;
  GPtrArray         *field_widgets;     /* (n_fields) one control per config field */

  /* owned */
  char              *data_dir;
  CgRatingsStore    *ratings_store;
  GTask             *running;           /* the outer task of the run in progress */
  GCancellable      *cancellable;       /* of the run in progress */
  CgProgressMailbox *mailbox;           /* of the run in progress */
  guint              run_k;             /* K of the metrics series being plotted */
  CgMetrics          run_baseline;
  gboolean           has_run_baseline;
  CgEpochRecord      last_record;
  gboolean           has_last_record;
  CgCgan            *model;             /* latest trained, until stolen */
  CgDataset         *dataset;           /* its dataset, until stolen */
  guint              baseline_serial;   /* drops stale baseline results */
};

G_DEFINE_FINAL_TYPE (CgTrainingView, cg_training_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DATA_DIR,
  PROP_INCLUDE_ME,
  PROP_TRAINING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  MODEL_TRAINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- worker side: everything here runs off the main thread ---- */

typedef struct
{
  /* inputs, owned */
  char              *data_dir;
  char              *split;
  guint              threshold;
  CgCganConfig       config;
  CgRating          *you;        /* NULL unless "Include my ratings" */
  gsize              n_you;
  CgProgressMailbox *mailbox;
  GMainContext      *context;    /* the outer task's, where drains run */
  /* Borrowed: the inner task's callback holds a reference on it until after the worker
   * has returned, and the worker only ever adds references (dropped on the main thread). */
  GTask             *outer;
} TrainData;

typedef struct
{
  CgCgan    *model;
  CgDataset *dataset;
  guint32    you_user_id;
  GError    *stop_error;   /* why the run ended early, NULL when complete */
} TrainResult;

static void
train_data_free (gpointer data)
{
  TrainData *td = data;

  g_free (td->data_dir);
  g_free (td->split);
  g_free (td->you);
  g_clear_pointer (&td->mailbox, cg_progress_mailbox_unref);
  g_clear_pointer (&td->context, g_main_context_unref);
  g_free (td);
}

static void
train_result_free (gpointer data)
{
  TrainResult *result = data;

  g_clear_pointer (&result->model, cg_cgan_free);
  g_clear_pointer (&result->dataset, cg_dataset_free);
  g_clear_error (&result->stop_error);
  g_free (result);
}

static gboolean drain_cb (gpointer user_data);

/* Always queued as an idle source, never g_main_context_invoke: invoke runs the callback
 * at once in the calling thread whenever that thread can acquire the context, and a pool
 * thread can acquire the default context whenever the main thread is not inside it (a
 * test driving g_main_context_iteration, a main loop between iterations). The drain
 * touches widgets, so it must only ever run where the context is iterated. The source's
 * reference on the outer task is dropped there too. */
static void
schedule_drain (TrainData *td)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, drain_cb, g_object_ref (td->outer), g_object_unref);
  g_source_set_static_name (source, "[cinegan] training progress");
  g_source_attach (source, td->context);
  g_source_unref (source);
}

static void
post_status (TrainData  *td,
             const char *status)
{
  if (cg_progress_mailbox_post_status (td->mailbox, status))
    schedule_drain (td);
}

static void
on_trainer_progress_cb (const CgProgress *progress,
                        gpointer          user_data)
{
  TrainData *td = user_data;

  if (cg_progress_mailbox_post (td->mailbox, progress))
    schedule_drain (td);
}

/* Adds your ratings as one more user, whose raw ID is one past the dataset's largest.
 * Movies outside the dataset's item space are dropped (the engine refuses them). */
static CgDataset *
add_you (CgDataset  *dataset,
         TrainData  *td,
         guint32    *you_user_id,
         GError    **error)
{
  g_autofree CgRating *kept = g_new (CgRating, MAX (td->n_you, 1));
  guint32 user_id = dataset->max_user_id + 1;
  gsize n_kept = 0;

  for (gsize i = 0; i < td->n_you; i++)
    if (cg_dataset_item_index (dataset, td->you[i].movie_id) >= 0)
      {
        kept[n_kept] = td->you[i];
        kept[n_kept].user_id = user_id;
        n_kept++;
      }
  if (n_kept == 0)
    {
      *you_user_id = 0;
      return NULL;
    }
  *you_user_id = user_id;
  return cg_dataset_with_extra_user (dataset, kept, n_kept, error);
}

static void
train_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainData *td = task_data;
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(CgBaseline) baseline = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  CgMetrics metrics;
  TrainResult *result;
  guint32 you_user_id = 0;
  gboolean complete;
  CgCgan *model;

  post_status (td, "Loading the dataset…");
  dataset = cg_dataset_load (td->data_dir, td->split, td->threshold, &error);
  if (dataset == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (td->you != NULL)
    {
      CgDataset *with_you = add_you (dataset, td, &you_user_id, &error);

      if (with_you == NULL && error != NULL)
        {
          g_prefix_error (&error, "Could not add your ratings: ");
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (with_you != NULL)
        {
          cg_dataset_free (dataset);
          dataset = with_you;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The reference line of the metrics plot, on exactly the data the model sees. */
  post_status (td, "Measuring the popularity baseline…");
  baseline = cg_baseline_new (CG_BASELINE_POPULARITY, dataset, &error);
  if (baseline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cg_metrics_evaluate (&metrics, dataset, td->config.k, cg_baseline_score, baseline, 256);
  if (cg_progress_mailbox_post_baseline (td->mailbox, &metrics))
    schedule_drain (td);

  post_status (td, you_user_id != 0 ? "Training, with you as one more user…" : "Training…");
  trainer = cg_trainer_new (dataset, &td->config, &error);
  if (trainer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  complete = cg_trainer_run (trainer, on_trainer_progress_cb, td, cancellable, &error);
  model = cg_trainer_steal_model (trainer);
  /* The trainer borrows the dataset: free it first. */
  g_clear_pointer (&trainer, cg_trainer_free);

  if (model == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, CG_ERROR, CG_ERROR_INVALID, "Training produced no model");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (TrainResult, 1);
  result->model = model;
  result->dataset = g_steal_pointer (&dataset);
  result->you_user_id = you_user_id;
  result->stop_error = complete ? NULL : g_steal_pointer (&error);
  g_task_return_pointer (task, result, train_result_free);
}

typedef struct
{
  char  *data_dir;
  char  *split;
  guint  threshold;
  guint  k;
  guint  serial;   /* read on the main thread only */
} BaselineData;

static void
baseline_data_free (gpointer data)
{
  BaselineData *bd = data;

  g_free (bd->data_dir);
  g_free (bd->split);
  g_free (bd);
}

static void
baseline_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BaselineData *bd = task_data;
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(CgBaseline) baseline = NULL;
  g_autoptr(GError) error = NULL;
  CgMetrics *metrics;

  dataset = cg_dataset_load (bd->data_dir, bd->split, bd->threshold, &error);
  if (dataset != NULL)
    baseline = cg_baseline_new (CG_BASELINE_POPULARITY, dataset, &error);
  if (baseline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  metrics = g_new0 (CgMetrics, 1);
  cg_metrics_evaluate (metrics, dataset, bd->k, cg_baseline_score, baseline, 256);
  g_task_return_pointer (task, metrics, g_free);
}

/* ---- main thread: plots ---- */

static void
set_status (CgTrainingView *self,
            const char     *text,
            gboolean        is_error)
{
  gtk_label_set_text (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
metric_names (guint   k,
              char  **recall,
              char  **ndcg,
              char  **hit_rate)
{
  *recall = g_strdup_printf ("Recall@%u", k);
  *ndcg = g_strdup_printf ("NDCG@%u", k);
  *hit_rate = g_strdup_printf ("HitRate@%u", k);
}

/* Empties both plots and sets up their series, so colours and legend order are the same
 * for every run and every loaded history. */
static void
reset_plots (CgTrainingView *self,
             guint           k)
{
  g_autofree char *recall = NULL, *ndcg = NULL, *hit_rate = NULL;
  g_autofree char *title = g_strdup_printf ("Held-out Metrics (K = %u)", k);

  cg_plot_clear (self->loss_plot);
  cg_plot_add_series (self->loss_plot, SERIES_D_EPOCH, 0, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->loss_plot, SERIES_G_EPOCH, 1, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->loss_plot, SERIES_D_STEP, 0, CG_PLOT_STYLE_THIN);
  cg_plot_add_series (self->loss_plot, SERIES_G_STEP, 1, CG_PLOT_STYLE_THIN);

  metric_names (k, &recall, &ndcg, &hit_rate);
  cg_plot_clear (self->metrics_plot);
  cg_plot_set_title (self->metrics_plot, title);
  cg_plot_add_series (self->metrics_plot, recall, 0, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->metrics_plot, ndcg, 1, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->metrics_plot, hit_rate, 2, CG_PLOT_STYLE_LINE);
  self->run_k = k;
}

static void
plot_epoch (CgTrainingView      *self,
            const CgEpochRecord *record)
{
  g_autofree char *recall = NULL, *ndcg = NULL, *hit_rate = NULL;

  metric_names (self->run_k, &recall, &ndcg, &hit_rate);
  cg_plot_append_point (self->loss_plot, SERIES_D_EPOCH, record->epoch, record->loss_d);
  cg_plot_append_point (self->loss_plot, SERIES_G_EPOCH, record->epoch, record->loss_g);
  cg_plot_append_point (self->metrics_plot, recall, record->epoch, record->recall);
  cg_plot_append_point (self->metrics_plot, ndcg, record->epoch, record->ndcg);
  cg_plot_append_point (self->metrics_plot, hit_rate, record->epoch, record->hit_rate);
}

static void
show_baseline (CgTrainingView  *self,
               const CgMetrics *baseline)
{
  g_autofree char *label = g_strdup_printf ("popularity NDCG@%u", baseline->k);

  cg_plot_set_reference (self->metrics_plot, label, baseline->ndcg);
}

/* ---- main thread: form ---- */

static char *
field_title (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, "-", -1);
  GString *title = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (i > 0)
        g_string_append_c (title, ' ');
      /* One-letter words (D, G, K) and MLE are names, not words. */
      if (strlen (word) == 1 || g_str_equal (word, "mle"))
        {
          g_autofree char *upper = g_ascii_strup (word, -1);

          g_string_append (title, upper);
        }
      else if (i == 0)
        {
          g_string_append_c (title, g_ascii_toupper (word[0]));
          g_string_append (title, word + 1);
        }
      else
        g_string_append (title, word);
    }
  return g_string_free (title, FALSE);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle,
         const char *tooltip,
         GtkWidget  *control,
         GtkLabel  **subtitle_label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *sub = gtk_label_new (subtitle);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (sub), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (sub), 36);
  gtk_label_set_width_chars (GTK_LABEL (sub), 20);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), title_label);
  gtk_box_append (GTK_BOX (labels), sub);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), control);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, sub, NULL,
                                  -1);
  gtk_list_box_append (list, row);
  if (subtitle_label != NULL)
    *subtitle_label = GTK_LABEL (sub);
  return row;
}

/* Doubles are shown and read in the C locale, the shortest way that reads back, as the
 * CLI and model files write them. */
static gboolean
on_double_spin_output_cb (GtkSpinButton *spin,
                          gpointer       user_data)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.6g", gtk_spin_button_get_value (spin));
  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_double_spin_input_cb (GtkSpinButton *spin,
                         double        *new_value,
                         gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (value))
    return GTK_INPUT_ERROR;
  *new_value = value;
  return TRUE;
}

static GtkWidget *
make_field_control (const CgConfigField *field,
                    double               default_value)
{
  GtkAdjustment *adjustment;
  GtkWidget *spin;
  double step;

  switch (field->type)
    {
    case CG_FIELD_ENUM:
      return GTK_WIDGET (gtk_drop_down_new_from_strings ((const char *const *) field->enum_nicks));

    case CG_FIELD_UINT:
    case CG_FIELD_UINT64:
      adjustment = gtk_adjustment_new (default_value, field->min,
                                       MIN (field->max, MAX_EXACT_INTEGER), 1.0, 10.0, 0.0);
      spin = gtk_spin_button_new (adjustment, 1.0, 0);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      return spin;

    case CG_FIELD_DOUBLE:
      /* One step changes the leading digit of the default; probabilities go by 0.05. */
      step = default_value > 0.0 ? pow (10.0, floor (log10 (default_value))) : 0.01;
      if (field->max <= 1.0)
        step = MIN (step, 0.05);
      adjustment = gtk_adjustment_new (default_value, field->min, field->max, step, step * 10,
                                       0.0);
      spin = gtk_spin_button_new (adjustment, step, 8);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
      g_signal_connect (spin, "output", G_CALLBACK (on_double_spin_output_cb), NULL);
      g_signal_connect (spin, "input", G_CALLBACK (on_double_spin_input_cb), NULL);
      return spin;

    default:
      g_assert_not_reached ();
    }
}

static double
config_value (const CgCganConfig  *config,
              const CgConfigField *field)
{
  g_autofree char *text = cg_cgan_config_get (config, field->name);

  if (field->type == CG_FIELD_ENUM)
    {
      for (guint i = 0; field->enum_nicks[i] != NULL; i++)
        if (g_str_equal (field->enum_nicks[i], text))
          return i;
      return 0;
    }
  return g_ascii_strtod (text, NULL);
}

static void
update_include_me_subtitle (CgTrainingView *self)
{
  g_autofree char *text = NULL;

  if (self->ratings_store == NULL)
    text = g_strdup ("Add yourself as one more user in the training set.");
  else
    {
      guint n = cg_ratings_store_get_n_rated (self->ratings_store);
      guint liked = cg_ratings_store_count_at_least (self->ratings_store,
                                                     cg_training_view_get_threshold (self));

      text = g_strdup_printf (n == 1 ? "Add yourself as one more user: %u rating, %u liked."
                                     : "Add yourself as one more user: %u ratings, %u liked.",
                              n, liked);
    }
  gtk_label_set_text (self->include_me_subtitle, text);
}

static void
on_ratings_store_changed_cb (CgRatingsStore *store,
                             guint           movie_id,
                             guint           rating,
                             CgTrainingView *self)
{
  update_include_me_subtitle (self);
}

static void
on_threshold_changed_cb (CgTrainingView *self)
{
  update_include_me_subtitle (self);
}

static void
on_include_me_active_cb (CgTrainingView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ME]);
}

static void
build_form (CgTrainingView *self)
{
  const CgConfigField *fields;
  CgCganConfig defaults;
  guint n_fields;

  cg_cgan_config_init (&defaults);

  self->split_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (splits));
  add_row (self->data_list, "Split",
           "MovieLens train/test split: u1–u5 are the five folds, ua/ub ten ratings per user",
           NULL, GTK_WIDGET (self->split_dropdown), NULL);

  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 5, 1));
  gtk_spin_button_set_value (self->threshold_spin, CG_DEFAULT_THRESHOLD);
  add_row (self->data_list, "Threshold", "Ratings at or above this count as liked (positive)",
           NULL, GTK_WIDGET (self->threshold_spin), NULL);
  g_signal_connect_object (self->threshold_spin, "value-changed",
                           G_CALLBACK (on_threshold_changed_cb), self, G_CONNECT_SWAPPED);

  self->include_me_switch = GTK_SWITCH (gtk_switch_new ());
  add_row (self->data_list, "Include my ratings", "", NULL,
           GTK_WIDGET (self->include_me_switch), &self->include_me_subtitle);
  g_signal_connect_object (self->include_me_switch, "notify::active",
                           G_CALLBACK (on_include_me_active_cb), self, G_CONNECT_SWAPPED);
  update_include_me_subtitle (self);

  fields = cg_cgan_config_fields (&n_fields);
  self->field_widgets = g_ptr_array_sized_new (n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      GtkWidget *control = make_field_control (field, config_value (&defaults, field));
      g_autofree char *title = field_title (field->name);
      g_autofree char *tooltip = g_strdup_printf ("--%s", field->name);

      gtk_widget_set_name (control, field->name);
      g_ptr_array_add (self->field_widgets, control);
      add_row (self->settings_list, title, field->description, tooltip, control, NULL);
    }
  cg_training_view_set_config (self, &defaults);
}

static void
update_actions (CgTrainingView *self)
{
  gboolean training = self->running != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.start",
                                 !training && self->data_dir != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.cancel",
                                 training && !g_cancellable_is_cancelled (self->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.reset", !training);
  gtk_widget_set_sensitive (self->form_box, !training);
}

/* ---- main thread: a run ---- */

static void
apply_batch (CgTrainingView  *self,
             CgProgressBatch *batch)
{
  if (batch->status != NULL)
    set_status (self, batch->status, FALSE);
  if (batch->has_baseline)
    {
      self->run_baseline = batch->baseline;
      self->has_run_baseline = TRUE;
      show_baseline (self, &batch->baseline);
    }
  for (guint i = 0; i < batch->steps->len; i++)
    {
      const CgStepSample *sample = &g_array_index (batch->steps, CgStepSample, i);

      cg_plot_append_point (self->loss_plot, SERIES_D_STEP, sample->x, sample->loss_d);
      cg_plot_append_point (self->loss_plot, SERIES_G_STEP, sample->x, sample->loss_g);
    }
  for (guint i = 0; i < batch->epochs->len; i++)
    {
      const CgEpochRecord *record = &g_array_index (batch->epochs, CgEpochRecord, i);

      plot_epoch (self, record);
      self->last_record = *record;
      self->has_last_record = TRUE;
    }
  if (batch->has_progress)
    {
      g_autofree char *text = cg_progress_format (&batch->latest);

      gtk_progress_bar_set_fraction (self->progress_bar, cg_progress_fraction (&batch->latest));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
}

static void
drain (CgTrainingView *self)
{
  CgProgressBatch batch;

  if (self->mailbox == NULL)
    return;
  cg_progress_mailbox_take (self->mailbox, &batch);
  apply_batch (self, &batch);
  cg_progress_batch_clear (&batch);
}

static gboolean
drain_cb (gpointer user_data)
{
  GTask *outer = user_data;
  CgTrainingView *self = g_task_get_source_object (outer);

  /* A drain that arrives after its run ended has nothing to do: the completion drained. */
  if (self->running == outer)
    drain (self);
  return G_SOURCE_REMOVE;
}

static char *
describe_last_epoch (CgTrainingView *self)
{
  if (!self->has_last_record)
    return g_strdup ("");
  if (self->has_run_baseline)
    return g_strdup_printf ("NDCG@%u %.4f (popularity %.4f), Recall@%u %.4f, HitRate@%u %.4f.",
                            self->run_k, self->last_record.ndcg, self->run_baseline.ndcg,
                            self->run_k, self->last_record.recall,
                            self->run_k, self->last_record.hit_rate);
  return g_strdup_printf ("NDCG@%u %.4f, Recall@%u %.4f, HitRate@%u %.4f.",
                          self->run_k, self->last_record.ndcg, self->run_k,
                          self->last_record.recall, self->run_k, self->last_record.hit_rate);
}

static void
show_outcome (CgTrainingView *self,
              TrainResult    *result,
              const GError   *error)
{
  const GError *stop = result != NULL ? result->stop_error : error;
  guint epochs = self->has_last_record ? self->last_record.epoch : 0;
  g_autofree char *metrics = describe_last_epoch (self);
  g_autofree char *text = NULL;

  if (stop == NULL)
    {
      guint n_epochs = cg_cgan_get_config (result->model)->epochs;

      text = g_strdup_printf ("Trained %u epochs. %s", n_epochs, metrics);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      gtk_progress_bar_set_text (self->progress_bar, "Done");
      set_status (self, text, FALSE);
      return;
    }

  if (g_error_matches (stop, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not an error: the user asked for it. */
      if (result != NULL)
        text = g_strdup_printf ("Cancelled. Kept the model of epoch %u. %s", epochs, metrics);
      else
        text = g_strdup ("Cancelled before the first epoch finished: no model.");
      gtk_progress_bar_set_text (self->progress_bar, "Cancelled");
      set_status (self, text, FALSE);
      return;
    }

  if (result != NULL)
    text = g_strdup_printf ("%s. Kept the model of epoch %u.", stop->message, epochs);
  else
    text = g_strdup (stop->message);
  gtk_progress_bar_set_text (self->progress_bar, "Stopped");
  set_status (self, text, TRUE);
}

static void
on_train_thread_done_cb (GObject      *source_object,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CgTrainingView *self = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;
  TrainResult *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* The view is not disposed here: outer (whose source object it is) keeps it alive, so
   * its widgets are all still there even when its window has gone. */
  drain (self);
  self->running = NULL;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mailbox, cg_progress_mailbox_unref);

  show_outcome (self, result, error);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);

  if (result != NULL)
    {
      gboolean complete = result->stop_error == NULL;

      g_clear_pointer (&self->model, cg_cgan_free);
      g_clear_pointer (&self->dataset, cg_dataset_free);
      self->model = g_steal_pointer (&result->model);
      self->dataset = g_steal_pointer (&result->dataset);
      g_signal_emit (self, signals[MODEL_TRAINED], 0, self->model, self->dataset,
                     (guint) result->you_user_id, complete);
      if (complete)
        g_task_return_boolean (outer, TRUE);
      else
        g_task_return_error (outer, g_steal_pointer (&result->stop_error));
      train_result_free (result);
    }
  else
    g_task_return_error (outer, g_steal_pointer (&error));
}

static void
on_baseline_done_cb (GObject      *source_object,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(CgTrainingView) self = user_data;
  BaselineData *bd = g_task_get_task_data (G_TASK (res));
  g_autofree CgMetrics *metrics = NULL;
  g_autoptr(GError) error = NULL;

  metrics = g_task_propagate_pointer (G_TASK (res), &error);
  /* The task holds a reference on the view until here: it cannot have been disposed. */
  if (bd->serial != self->baseline_serial || self->running != NULL)
    return;
  if (metrics == NULL)
    {
      g_debug ("No popularity baseline: %s", error->message);
      return;
    }
  show_baseline (self, metrics);
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
  /* Built in code inside the template's list boxes, gone with them. */
  self->split_dropdown = NULL;
  self->threshold_spin = NULL;
  self->include_me_switch = NULL;
  self->include_me_subtitle = NULL;
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
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, data_dir_label);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, data_list);
  gtk_widget_class_bind_template_child (widget_class, CgTrainingView, settings_list);
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

  build_form (self);
  cg_cgan_config_init (&defaults);
  reset_plots (self, defaults.k);
  gtk_label_set_text (self->data_dir_label, "No MovieLens folder chosen.");
  update_actions (self);
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
  gtk_label_set_text (self->data_dir_label, text);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_DIR]);
}

const char *
cg_training_view_get_data_dir (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  return self->data_dir;
}

void
cg_training_view_set_ratings_store (CgTrainingView *self,
                                    CgRatingsStore *store)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (store == NULL || CG_IS_RATINGS_STORE (store));

  if (self->ratings_store == store)
    return;
  if (self->ratings_store != NULL)
    g_signal_handlers_disconnect_by_data (self->ratings_store, self);
  g_set_object (&self->ratings_store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_ratings_store_changed_cb), self,
                             0);
  update_include_me_subtitle (self);
}

void
cg_training_view_set_include_me (CgTrainingView *self,
                                 gboolean        include_me)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  /* The switch's notify::active notifies include-me. */
  gtk_switch_set_active (self->include_me_switch, include_me);
}

gboolean
cg_training_view_get_include_me (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), FALSE);

  return self->include_me_switch != NULL && gtk_switch_get_active (self->include_me_switch);
}

void
cg_training_view_get_config (CgTrainingView *self,
                             CgCganConfig   *config)
{
  const CgConfigField *fields;
  guint n_fields;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (config != NULL);

  cg_cgan_config_init (config);
  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      GtkWidget *control = g_ptr_array_index (self->field_widgets, i);
      guint8 *member = (guint8 *) config + field->offset;

      if (field->type == CG_FIELD_ENUM)
        {
          guint v = gtk_drop_down_get_selected (GTK_DROP_DOWN (control));

          memcpy (member, &v, sizeof v);
          continue;
        }

      /* Commit text typed but not yet confirmed with Enter or a focus change. */
      gtk_spin_button_update (GTK_SPIN_BUTTON (control));
      if (field->type == CG_FIELD_UINT)
        {
          guint v = (guint) llround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (control)));

          memcpy (member, &v, sizeof v);
        }
      else if (field->type == CG_FIELD_UINT64)
        {
          guint64 v = (guint64) llround (gtk_spin_button_get_value (GTK_SPIN_BUTTON (control)));

          memcpy (member, &v, sizeof v);
        }
      else
        {
          double v = gtk_spin_button_get_value (GTK_SPIN_BUTTON (control));

          memcpy (member, &v, sizeof v);
        }
    }
}

void
cg_training_view_set_config (CgTrainingView     *self,
                             const CgCganConfig *config)
{
  const CgConfigField *fields;
  guint n_fields;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (config != NULL);

  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      GtkWidget *control = g_ptr_array_index (self->field_widgets, i);
      double value = config_value (config, field);

      if (field->type == CG_FIELD_ENUM)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (control), (guint) value);
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), value);
    }
}

const char *
cg_training_view_get_split (CgTrainingView *self)
{
  guint selected;

  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  selected = gtk_drop_down_get_selected (self->split_dropdown);
  return selected < G_N_ELEMENTS (splits) - 1 ? splits[selected] : splits[0];
}

void
cg_training_view_set_split (CgTrainingView *self,
                            const char     *split)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (split != NULL);

  for (guint i = 0; splits[i] != NULL; i++)
    if (g_str_equal (splits[i], split))
      {
        gtk_drop_down_set_selected (self->split_dropdown, i);
        return;
      }
  g_warning ("Unknown split “%s”", split);
}

guint
cg_training_view_get_threshold (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), CG_DEFAULT_THRESHOLD);

  if (self->threshold_spin == NULL)
    return CG_DEFAULT_THRESHOLD;
  return (guint) gtk_spin_button_get_value_as_int (self->threshold_spin);
}

void
cg_training_view_set_threshold (CgTrainingView *self,
                                guint           threshold)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (threshold >= 1 && threshold <= 5);

  gtk_spin_button_set_value (self->threshold_spin, threshold);
}

void
cg_training_view_reset (CgTrainingView *self)
{
  CgCganConfig defaults;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  cg_cgan_config_init (&defaults);
  cg_training_view_set_config (self, &defaults);
  cg_training_view_set_split (self, "u1");
  cg_training_view_set_threshold (self, CG_DEFAULT_THRESHOLD);
  cg_training_view_set_include_me (self, FALSE);
}

void
cg_training_view_set_model (CgTrainingView *self,
                            const CgCgan   *model)
{
  const CgCganConfig *config;
  const CgEpochRecord *history;
  g_autoptr(GTask) task = NULL;
  BaselineData *bd;
  guint n_records;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (model != NULL);

  if (self->running != NULL)
    return;  /* the live run owns the plots */

  config = cg_cgan_get_config (model);
  cg_training_view_set_config (self, config);
  reset_plots (self, config->k);
  history = cg_cgan_get_history (model, &n_records);
  for (guint i = 0; i < n_records; i++)
    plot_epoch (self, &history[i]);
  self->has_last_record = n_records > 0;
  if (n_records > 0)
    self->last_record = history[n_records - 1];
  self->has_run_baseline = FALSE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "Loaded model");
  if (n_records > 0)
    {
      g_autofree char *metrics = describe_last_epoch (self);
      g_autofree char *text = g_strdup_printf ("Loaded a model trained for %u epochs. %s",
                                               n_records, metrics);

      set_status (self, text, FALSE);
    }
  else
    set_status (self, "The loaded model has no training history to plot.", FALSE);

  /* The baseline of the form's split, at the model's K. */
  if (self->data_dir == NULL || n_records == 0)
    return;
  bd = g_new0 (BaselineData, 1);
  bd->data_dir = g_strdup (self->data_dir);
  bd->split = g_strdup (cg_training_view_get_split (self));
  bd->threshold = cg_training_view_get_threshold (self);
  bd->k = config->k;
  bd->serial = ++self->baseline_serial;
  /* No source object, for the reason given at the top of this file: the callback holds
   * the view instead, and runs on the main thread. */
  task = g_task_new (NULL, NULL, on_baseline_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, cg_training_view_set_model);
  g_task_set_task_data (task, bd, baseline_data_free);
  g_task_run_in_thread (task, baseline_thread);
}

gboolean
cg_training_view_get_training (CgTrainingView *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), FALSE);

  return self->running != NULL;
}

static void
on_start_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The view has shown the outcome already; nothing else to report. */
  if (!cg_training_view_train_finish (CG_TRAINING_VIEW (source_object), result, &error))
    g_debug ("Training ended early: %s", error->message);
}

void
cg_training_view_start (CgTrainingView *self)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  if (self->running != NULL)
    return;
  cg_training_view_train_async (self, NULL, on_start_done_cb, NULL);
}

void
cg_training_view_cancel (CgTrainingView *self)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  set_status (self, "Cancelling after the current mini-batch…", FALSE);
  update_actions (self);
}

void
cg_training_view_train_async (CgTrainingView      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  TrainData *td;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_training_view_train_async);
  /* The outcome is ours to report: a cancelled run still returns its model. */
  g_task_set_check_cancellable (outer, FALSE);

  if (self->running != NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A training is already running");
      return;
    }
  if (self->data_dir == NULL)
    {
      set_status (self, "Choose the MovieLens folder first.", TRUE);
      g_task_return_new_error (outer, CG_ERROR, CG_ERROR_NOT_FOUND,
                               "No MovieLens folder chosen");
      return;
    }

  td = g_new0 (TrainData, 1);
  cg_training_view_get_config (self, &td->config);
  td->data_dir = g_strdup (self->data_dir);
  td->split = g_strdup (cg_training_view_get_split (self));
  td->threshold = cg_training_view_get_threshold (self);
  if (!cg_cgan_config_validate (&td->config, &error))
    {
      g_autofree char *text = g_strdup_printf ("Invalid settings: %s", error->message);

      set_status (self, text, TRUE);
      train_data_free (td);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (cg_training_view_get_include_me (self) && self->ratings_store != NULL)
    {
      td->you = cg_ratings_store_dup_ratings (self->ratings_store, NULL, 0, &td->n_you);
      if (td->n_you == 0)
        g_clear_pointer (&td->you, g_free);
    }
  td->mailbox = cg_progress_mailbox_new (STEP_SMOOTHING);
  td->context = g_main_context_ref (g_task_get_context (outer));
  td->outer = outer;

  self->running = outer;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->mailbox = cg_progress_mailbox_ref (td->mailbox);
  self->has_run_baseline = FALSE;
  self->has_last_record = FALSE;
  g_clear_pointer (&self->model, cg_cgan_free);
  g_clear_pointer (&self->dataset, cg_dataset_free);
  reset_plots (self, td->config.k);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "Starting");
  set_status (self,
              cg_training_view_get_include_me (self) && td->you == NULL
                ? "Starting without you: you have not rated any movie yet."
                : "Starting…",
              FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);

  inner = g_task_new (NULL, self->cancellable, on_train_thread_done_cb, g_object_ref (outer));
  g_task_set_source_tag (inner, train_thread);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, td, train_data_free);
  g_task_run_in_thread (inner, train_thread);
}

gboolean
cg_training_view_train_finish (CgTrainingView  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_training_view_train_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
