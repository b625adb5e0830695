/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-form.c: the Training page's settings form.
 *
 * The rows are built in code from the engine's table of settings (cg_cgan_config_fields),
 * so a new setting appears here without an edit. What someone new to the model needs is
 * always shown: the preset, epochs, seed, "Include my ratings", and what a training with
 * these settings will take (time and memory). Everything else sits under "Advanced", in
 * collapsed sections by topic (cg-training-view-fields.c says which). Choosing a preset sets
 * the settings; editing one by hand makes the preset Custom. Doubles are shown and read in
 * the C locale, as the CLI and model files write them.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "cg-format.h"
#include "cg-trainer-memory.h"
#include "cg-training-estimate.h"
#include "cg-training-presets.h"
#include "cg-training-view-private.h"

/* Largest integer a double (and so a spin button) holds exactly. */
#define MAX_EXACT_INTEGER 9007199254740991.0

/* ML-100K ships its splits as files; the other releases are split when loaded, by the
 * canonical names model files record. */
static const char *const files_splits[] = { "u1", "u2", "u3", "u4", "u5", "ua", "ub", NULL };
static const char *const generated_splits[] = { "random:0.2:1", "temporal:0.2", NULL };

static const char *
splits_subtitle (const char *const *offer)
{
  if (offer == files_splits)
    return _("MovieLens train/test split: u1–u5 are the five folds, ua/ub ten ratings per "
             "user");
  return _("Held out per user: a seeded random 20 %, or the latest 20 % by date");
}

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

/* Rows go into a preferences group, or into one of the collapsed sections. */
static void
add_to (GtkWidget *parent,
        GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
}

static void
set_row_text (AdwPreferencesRow *row,
              const char        *title,
              const char        *subtitle,
              const char        *tooltip)
{
  adw_preferences_row_set_title (row, title);
  adw_preferences_row_set_use_underline (row, strchr (title, '_') != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);
}

/* A row with the control at its end, which the row's title names for screen readers. */
static AdwActionRow *
add_row (GtkWidget  *parent,
         const char *title,
         const char *subtitle,
         const char *tooltip,
         GtkWidget  *control)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  set_row_text (ADW_PREFERENCES_ROW (row), title, subtitle, tooltip);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, control);
  adw_action_row_set_activatable_widget (row, control);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  add_to (parent, GTK_WIDGET (row));
  return row;
}

/* A choice among names: the row is the control. */
static AdwComboRow *
add_choice_row (GtkWidget         *parent,
                const char        *title,
                const char        *subtitle,
                const char        *tooltip,
                const char *const *choices)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  set_row_text (ADW_PREFERENCES_ROW (row), title, subtitle, tooltip);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  add_to (parent, GTK_WIDGET (row));
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
make_spin (const CgConfigField *field,
           double               default_value)
{
  GtkAdjustment *adjustment;
  GtkWidget *spin;
  double step;

  switch (field->type)
    {
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
  CgRatingsStore *store = _cg_training_view_session (self) != NULL ? cg_session_get_ratings (_cg_training_view_session (self))
                                                  : NULL;
  g_autofree char *text = NULL;

  if (store == NULL)
    text = g_strdup (_("Add yourself as one more user in the training set."));
  else
    {
      guint n = cg_ratings_store_get_n_rated (store);
      guint liked = cg_ratings_store_count_at_least (store,
                                                     cg_training_view_get_threshold (self));

      text = g_strdup_printf (ngettext ("Add yourself as one more user: %u rating, %u liked.",
                                        "Add yourself as one more user: %u ratings, %u liked.",
                                        n),
                              n, liked);
    }
  adw_action_row_set_subtitle (self->include_me_row, text);
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

/* ---- internal API ---- */

/* commit: first take text typed but not yet confirmed with Enter or a focus change, as
 * Start does; an estimate shown while someone types must not cut them off. */
static void
read_config (CgTrainingView *self,
             CgCganConfig   *config,
             gboolean        commit)
{
  const CgConfigField *fields;
  guint n_fields;

  cg_cgan_config_init (config);
  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      GtkWidget *control = g_ptr_array_index (self->field_widgets, i);
      guint8 *member = (guint8 *) config + field->offset;

      if (field->type == CG_FIELD_ENUM)
        {
          guint v = adw_combo_row_get_selected (ADW_COMBO_ROW (control));

          memcpy (member, &v, sizeof v);
          continue;
        }

      if (commit)
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

/* Settings are checked one by one, memory grows with their products: say what they add up
 * to before Start, and which of them to lower when it is too much. */
static void
update_memory (CgTrainingView       *self,
               const CgCganConfig   *config,
               const CgDatasetShape *shape)
{
  CgMemoryEstimate estimate;
  guint64 limit;
  g_autofree char *total = NULL, *limit_text = NULL, *subtitle = NULL;
  g_autofree char *details = NULL;
  gboolean too_much;

  cg_trainer_estimate_memory_for_shape (config, shape, &estimate);
  limit = cg_trainer_memory_limit ();
  total = g_format_size_full (estimate.total, G_FORMAT_SIZE_IEC_UNITS);
  limit_text = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);
  too_much = estimate.total > limit;
  if (!too_much)
    subtitle = g_strdup_printf (_("About %s of the %s a training may use"), total, limit_text);
  else
    /* Translators: the last %s names settings, as in "batch-size × hidden-dim". */
    subtitle = g_strdup_printf (_("About %s, more than the %s a training may use: lower %s"),
                                total, limit_text,
                                estimate.n_parts > 0 ? estimate.parts[0].settings : "");
  adw_action_row_set_subtitle (self->memory_row, subtitle);
  details = cg_memory_estimate_describe (&estimate);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->memory_row), details);
  if (too_much)
    gtk_widget_add_css_class (GTK_WIDGET (self->memory_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->memory_row), "error");
}

/* The rate the session's last training ran at: its run's, else (a model opened from a
 * file) the one its history records. 0 when there is neither. */
static double
measured_rate (CgTrainingView *self)
{
  CgSession *session = _cg_training_view_session (self);
  CgTrainingRun *run = cg_session_get_run (session);
  CgTrainedModel *model = cg_session_get_model (session);
  const CgEpochRecord *records;
  CgDatasetShape shape;
  guint n;

  if (run != NULL && cg_session_get_dataset_shape (session, &shape))
    {
      records = cg_training_run_get_epochs (run, &n);
      if (n > 0)
        return cg_training_estimate_rate (cg_training_run_get_config (run), &shape, records, n);
    }
  if (model != NULL)
    {
      records = cg_cgan_get_history (cg_trained_model_get_cgan (model), &n);
      cg_dataset_shape_of (cg_trained_model_get_dataset (model), &shape);
      return cg_training_estimate_rate (cg_trained_model_get_config (model), &shape, records,
                                        n);
    }
  return 0.0;
}

/* A full retrain is a wait: say about how long before Start. */
static void
update_duration (CgTrainingView       *self,
                 const CgCganConfig   *config,
                 const CgDatasetShape *shape)
{
  double rate = measured_rate (self);
  double seconds = cg_training_estimate_seconds (config, shape,
                                                 rate > 0.0 ? rate
                                                 : CG_TRAINING_ESTIMATE_GUESS_RATE);
  g_autofree char *time = cg_training_estimate_format (seconds);
  g_autofree char *subtitle = NULL;

  if (rate > 0.0)
    /* Translators: %s is a duration, as in "About 40 seconds". */
    subtitle = g_strdup_printf (_("%s, at the speed of the last training"), time);
  else
    subtitle = g_strdup_printf (_("%s, a rough guess until a first training measures this "
                                  "computer"), time);
  adw_action_row_set_subtitle (self->duration_row, subtitle);
}

void
_cg_training_view_update_estimates (CgTrainingView *self)
{
  CgSession *session = _cg_training_view_session (self);
  CgDatasetShape shape;
  CgCganConfig config;

  if (self->memory_row == NULL || self->duration_row == NULL)
    return;
  if (session == NULL || !cg_session_get_dataset_shape (session, &shape))
    {
      adw_action_row_set_subtitle (self->memory_row, _("Known once a dataset is loaded"));
      adw_action_row_set_subtitle (self->duration_row, _("Known once a dataset is loaded"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->memory_row), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->memory_row), "error");
      return;
    }
  read_config (self, &config, FALSE);
  update_memory (self, &config, &shape);
  update_duration (self, &config, &shape);
}

/* ---- presets ---- */

/* The preset row names the preset the settings are, or Custom. */
static void
sync_preset (CgTrainingView *self)
{
  CgCganConfig config;
  guint preset;

  read_config (self, &config, FALSE);
  preset = cg_training_preset_find (&config);
  self->syncing_preset = TRUE;
  adw_combo_row_set_selected (self->preset_row, preset);
  self->syncing_preset = FALSE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_row),
                               cg_training_preset_get_description (preset));
}

static void
on_preset_selected_cb (CgTrainingView *self)
{
  guint preset = adw_combo_row_get_selected (self->preset_row);
  CgCganConfig config;

  if (self->syncing_preset)
    return;
  /* Custom is what hand edits make, not something to apply. */
  if (preset < cg_training_preset_count ())
    {
      read_config (self, &config, TRUE);
      cg_training_preset_apply (preset, &config);
      cg_training_view_set_config (self, &config);
    }
  else
    sync_preset (self);
}

static void
on_field_changed_cb (CgTrainingView *self)
{
  if (!self->syncing_preset)
    sync_preset (self);
  _cg_training_view_update_estimates (self);
}

/* ---- building ---- */

static GtkWidget *
add_section (CgTrainingView *self,
             CgFormSection   section)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _cg_training_view_section_title (section));
  adw_expander_row_set_subtitle (row, _cg_training_view_section_subtitle (section));
  gtk_widget_set_name (GTK_WIDGET (row), _cg_training_view_section_name (section));
  adw_preferences_group_add (self->advanced_group, GTK_WIDGET (row));
  return GTK_WIDGET (row);
}

static AdwActionRow *
add_estimate_row (CgTrainingView *self,
                  const char     *title,
                  const char     *name)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_group_add (self->basic_group, GTK_WIDGET (row));
  return row;
}

void
_cg_training_view_build_form (CgTrainingView *self)
{
  const CgConfigField *fields;
  CgCganConfig defaults;
  GtkWidget *sections[CG_FORM_N_SECTIONS];
  g_autoptr(GPtrArray) preset_names = g_ptr_array_new ();
  guint n_fields;

  cg_cgan_config_init (&defaults);

  for (guint i = 0; i <= cg_training_preset_count (); i++)
    g_ptr_array_add (preset_names, (gpointer) cg_training_preset_get_name (i));
  g_ptr_array_add (preset_names, NULL);
  self->preset_row = add_choice_row (GTK_WIDGET (self->basic_group), _("_Preset"), NULL, NULL,
                                     (const char *const *) preset_names->pdata);
  gtk_widget_set_name (GTK_WIDGET (self->preset_row), "preset");
  /* The form is narrow and the presets' names long: the chosen one goes under the title,
   * where it has the row's width, rather than beside it, where it would be cut short. */
  adw_combo_row_set_use_subtitle (self->preset_row, TRUE);

  sections[CG_FORM_BASIC] = GTK_WIDGET (self->basic_group);
  for (guint s = CG_FORM_DATA; s < CG_FORM_N_SECTIONS; s++)
    sections[s] = add_section (self, s);

  self->splits = files_splits;
  self->split_row = add_choice_row (sections[CG_FORM_DATA], _("Split"),
                                    splits_subtitle (files_splits), NULL, files_splits);
  gtk_widget_set_name (GTK_WIDGET (self->split_row), "split");

  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 5, 1));
  gtk_spin_button_set_value (self->threshold_spin, CG_DEFAULT_THRESHOLD);
  gtk_widget_set_name (GTK_WIDGET (self->threshold_spin), "threshold");
  add_row (sections[CG_FORM_DATA], _("Threshold"),
           _("Ratings at or above this count as liked (positive)"), NULL,
           GTK_WIDGET (self->threshold_spin));
  g_signal_connect_object (self->threshold_spin, "value-changed",
                           G_CALLBACK (on_threshold_changed_cb), self, G_CONNECT_SWAPPED);

  fields = cg_cgan_config_fields (&n_fields);
  self->field_widgets = g_ptr_array_sized_new (n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      const CgFormField *place = _cg_training_view_form_field (field->name);
      GtkWidget *parent = sections[place != NULL ? place->section : CG_FORM_RUN];
      g_autofree char *generated = place == NULL ? field_title (field->name) : NULL;
      const char *title = place != NULL ? _(place->title) : generated;
      const char *subtitle = place != NULL ? _(place->subtitle) : field->description;
      /* The engine's own words, and the CLI option that sets the same. */
      g_autofree char *tooltip = g_strdup_printf ("%s (--%s)", field->description, field->name);
      GtkWidget *control;

      if (field->type == CG_FIELD_ENUM)
        control = GTK_WIDGET (add_choice_row (parent, title, subtitle, tooltip,
                                              (const char *const *) field->enum_nicks));
      else
        {
          control = make_spin (field, config_value (&defaults, field));
          add_row (parent, title, subtitle, tooltip, control);
        }
      gtk_widget_set_name (control, field->name);
      g_ptr_array_add (self->field_widgets, control);
    }

  self->include_me_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_name (GTK_WIDGET (self->include_me_switch), "include-me");
  self->include_me_row = add_row (GTK_WIDGET (self->basic_group), _("_Include my ratings"), "",
                                  NULL, GTK_WIDGET (self->include_me_switch));
  gtk_widget_set_name (GTK_WIDGET (self->include_me_row), "include-me-row");
  update_include_me_subtitle (self);

  self->duration_row = add_estimate_row (self, _("Time Needed"), "duration");
  self->memory_row = add_estimate_row (self, _("Memory Needed"), "memory");

  /* Once every row exists, since the preset and the estimates read them all. */
  for (guint i = 0; i < n_fields; i++)
    g_signal_connect_object (g_ptr_array_index (self->field_widgets, i),
                             fields[i].type == CG_FIELD_ENUM ? "notify::selected"
                                                             : "value-changed",
                             G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preset_row, "notify::selected",
                           G_CALLBACK (on_preset_selected_cb), self, G_CONNECT_SWAPPED);
  cg_training_view_set_config (self, &defaults);
  _cg_training_view_update_estimates (self);
}

/* ---- public API ---- */

void
_cg_training_view_follow_ratings (CgTrainingView *self,
                                  CgRatingsStore *old_store,
                                  CgRatingsStore *new_store)
{
  if (old_store != NULL)
    g_signal_handlers_disconnect_by_func (old_store, on_ratings_store_changed_cb, self);
  if (new_store != NULL)
    g_signal_connect_object (new_store, "changed", G_CALLBACK (on_ratings_store_changed_cb),
                             self, 0);
  if (self->include_me_row != NULL)
    update_include_me_subtitle (self);
}

void
cg_training_view_set_include_me (CgTrainingView *self,
                                 gboolean        include_me)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

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
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (config != NULL);

  read_config (self, config, TRUE);
}

void
cg_training_view_set_config (CgTrainingView     *self,
                             const CgCganConfig *config)
{
  const CgConfigField *fields;
  guint n_fields;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (config != NULL);

  /* The preset is found once all are set, not from each half-set state on the way. */
  self->syncing_preset = TRUE;
  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      GtkWidget *control = g_ptr_array_index (self->field_widgets, i);
      double value = config_value (config, field);

      if (field->type == CG_FIELD_ENUM)
        adw_combo_row_set_selected (ADW_COMBO_ROW (control), (guint) value);
      else
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), value);
    }
  self->syncing_preset = FALSE;
  sync_preset (self);
}

const char *
cg_training_view_get_split (CgTrainingView *self)
{
  guint selected;

  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  selected = adw_combo_row_get_selected (self->split_row);
  return selected < g_strv_length ((char **) self->splits) ? self->splits[selected]
                                                           : self->splits[0];
}

/* TRUE when split is on offer, and then selected. */
static gboolean
select_split (CgTrainingView *self,
              const char     *split)
{
  for (guint i = 0; self->splits[i] != NULL; i++)
    if (g_str_equal (self->splits[i], split))
      {
        adw_combo_row_set_selected (self->split_row, i);
        return TRUE;
      }
  return FALSE;
}

void
cg_training_view_set_split (CgTrainingView *self,
                            const char     *split)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (split != NULL);

  /* A split of another layout (the one remembered from a release opened last time, say)
   * is chosen once a dataset of that layout is there. */
  g_free (self->wanted_split);
  self->wanted_split = select_split (self, split) ? NULL : g_strdup (split);
}

void
_cg_training_view_offer_splits (CgTrainingView *self,
                                const char     *data_dir)
{
  CgFormat format = data_dir != NULL ? cg_format_detect (data_dir) : CG_FORMAT_ML_100K;
  const char *const *offer = format == CG_FORMAT_ML_100K || format == CG_FORMAT_NONE
                             ? files_splits : generated_splits;

  if (self->split_row == NULL)
    return;
  if (self->splits != offer)
    {
      g_autofree char *chosen = g_strdup (cg_training_view_get_split (self));
      g_autoptr(GtkStringList) model = gtk_string_list_new (offer);

      self->splits = offer;
      adw_combo_row_set_model (self->split_row, G_LIST_MODEL (model));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->split_row), splits_subtitle (offer));
      if (!select_split (self, chosen))
        adw_combo_row_set_selected (self->split_row, 0);
    }
  if (self->wanted_split != NULL && select_split (self, self->wanted_split))
    g_clear_pointer (&self->wanted_split, g_free);
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
  cg_training_view_set_split (self, self->splits[0]);
  cg_training_view_set_threshold (self, CG_DEFAULT_THRESHOLD);
  cg_training_view_set_include_me (self, FALSE);
}
