/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-form.c: the Training page's settings form.
 *
 * The rows are built in code from the engine's table of settings (cg_cgan_config_fields),
 * so a new setting appears here without an edit; the split, the positive threshold and
 * _("Include my ratings") come first, in a list of their own. Doubles are shown and read in
 * the C locale, as the CLI and model files write them.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "cg-trainer-memory.h"
#include "cg-training-view-private.h"

/* Largest integer a double (and so a spin button) holds exactly. */
#define MAX_EXACT_INTEGER 9007199254740991.0

static const char *const splits[] = { "u1", "u2", "u3", "u4", "u5", "ua", "ub", NULL };

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

/* A row with the control at its end, which the row's title names for screen readers. */
static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *tooltip,
         GtkWidget           *control)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, control);
  adw_action_row_set_activatable_widget (row, control);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* A choice among names: the row is the control. */
static AdwComboRow *
add_choice_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                const char          *tooltip,
                const char *const   *choices)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), tooltip);
  adw_preferences_group_add (group, GTK_WIDGET (row));
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
void
_cg_training_view_update_memory (CgTrainingView *self)
{
  CgSession *session = _cg_training_view_session (self);
  CgDatasetShape shape;
  CgMemoryEstimate estimate;
  CgCganConfig config;
  guint64 limit;
  g_autofree char *total = NULL, *limit_text = NULL, *subtitle = NULL;
  g_autofree char *details = NULL;
  gboolean too_much;

  if (self->memory_row == NULL)
    return;
  if (session == NULL || !cg_session_get_dataset_shape (session, &shape))
    {
      adw_action_row_set_subtitle (self->memory_row, _("Known once a dataset is loaded"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->memory_row), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->memory_row), "error");
      return;
    }
  read_config (self, &config, FALSE);
  cg_trainer_estimate_memory_for_shape (&config, &shape, &estimate);
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

void
_cg_training_view_build_form (CgTrainingView *self)
{
  const CgConfigField *fields;
  CgCganConfig defaults;
  guint n_fields;

  cg_cgan_config_init (&defaults);

  self->split_row = add_choice_row (self->data_group, _("Split"),
                                    _("MovieLens train/test split: u1–u5 are the five folds, "
                                    "ua/ub ten ratings per user"), NULL, splits);
  gtk_widget_set_name (GTK_WIDGET (self->split_row), "split");

  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 5, 1));
  gtk_spin_button_set_value (self->threshold_spin, CG_DEFAULT_THRESHOLD);
  gtk_widget_set_name (GTK_WIDGET (self->threshold_spin), "threshold");
  add_row (self->data_group, _("Threshold"), _("Ratings at or above this count as liked (positive)"),
           NULL, GTK_WIDGET (self->threshold_spin));
  g_signal_connect_object (self->threshold_spin, "value-changed",
                           G_CALLBACK (on_threshold_changed_cb), self, G_CONNECT_SWAPPED);

  self->include_me_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_name (GTK_WIDGET (self->include_me_switch), "include-me");
  self->include_me_row = add_row (self->data_group, _("Include my ratings"), "", NULL,
                                  GTK_WIDGET (self->include_me_switch));
  gtk_widget_set_name (GTK_WIDGET (self->include_me_row), "include-me-row");
  update_include_me_subtitle (self);

  self->memory_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->memory_row), _("Memory Needed"));
  gtk_widget_set_name (GTK_WIDGET (self->memory_row), "memory");
  adw_preferences_group_add (self->settings_group, GTK_WIDGET (self->memory_row));

  fields = cg_cgan_config_fields (&n_fields);
  self->field_widgets = g_ptr_array_sized_new (n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *field = &fields[i];
      g_autofree char *title = field_title (field->name);
      g_autofree char *tooltip = g_strdup_printf ("--%s", field->name);
      GtkWidget *control;

      if (field->type == CG_FIELD_ENUM)
        control = GTK_WIDGET (add_choice_row (self->settings_group, title, field->description,
                                              tooltip,
                                              (const char *const *) field->enum_nicks));
      else
        {
          control = make_spin (field, config_value (&defaults, field));
          add_row (self->settings_group, title, field->description, tooltip, control);
        }
      gtk_widget_set_name (control, field->name);
      g_ptr_array_add (self->field_widgets, control);
    }
  /* Once every row exists, since the estimate reads them all. */
  for (guint i = 0; i < n_fields; i++)
    g_signal_connect_object (g_ptr_array_index (self->field_widgets, i),
                             fields[i].type == CG_FIELD_ENUM ? "notify::selected"
                                                             : "value-changed",
                             G_CALLBACK (_cg_training_view_update_memory), self,
                             G_CONNECT_SWAPPED);
  cg_training_view_set_config (self, &defaults);
  _cg_training_view_update_memory (self);
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
}

const char *
cg_training_view_get_split (CgTrainingView *self)
{
  guint selected;

  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), NULL);

  selected = adw_combo_row_get_selected (self->split_row);
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
        adw_combo_row_set_selected (self->split_row, i);
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
