/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-training-form.c: the Training page's form, in a real window of 1024 × 700.
 *
 * What someone new needs is on show (preset, epochs, seed, "Include my ratings", the time
 * and memory a training takes) and everything else sits in collapsed Advanced sections;
 * choosing a preset sets its settings, a hand edit makes it Custom and a seed does not;
 * the time estimate follows the epochs and, after a run, says it was measured; the plots'
 * help opens from its button. Screenshots of the page before and after opening Advanced
 * sections are written into the build dir to be looked at. Needs a display (suite `gui`).
 */

#include "config.h"

#include "cg-gui-test.h"
#include "cg-training-estimate.h"
#include "cg-training-presets.h"
#include "cg-training-view.h"

static GtkWindow *window;
static CgTrainingView *view;
static CgSession *session;

static void
setup (void)
{
  cg_test_home_setup ();
  session = cg_test_session_new ();
  view = CG_TRAINING_VIEW (cg_training_view_new ());
  window = cg_test_show_session_view (GTK_WIDGET (view), session, 1024, 700);
}

static void
teardown (void)
{
  cg_test_close_session_view (&window, &session);
  view = NULL;
  cg_test_home_teardown ();
}

static GtkWidget *
by_name (const char *name)
{
  return cg_test_get_by_name (GTK_WIDGET (view), name);
}

static const char *
subtitle_of (const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (by_name (name)));
}

static guint
preset (void)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (by_name ("preset")));
}

static void
choose_preset (guint index)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (by_name ("preset")), index);
}

static const char *const advanced_sections[] = {
  "advanced-data", "advanced-networks", "advanced-generator", "advanced-discriminator",
  "advanced-run", NULL
};

START_TEST (test_basic_shown_advanced_collapsed)
{
  static const char *const basic[] = {
    "preset", "epochs", "seed", "include-me", "duration", "memory", NULL
  };
  const CgConfigField *fields;
  guint n_fields;

  cg_test_spin_for (100);
  for (guint i = 0; basic[i] != NULL; i++)
    ck_assert_msg (gtk_widget_get_mapped (by_name (basic[i])), "%s is not shown", basic[i]);
  for (guint i = 0; advanced_sections[i] != NULL; i++)
    {
      GtkWidget *section = by_name (advanced_sections[i]);

      ck_assert_msg (gtk_widget_get_mapped (section), "%s is not shown", advanced_sections[i]);
      ck_assert_msg (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (section)),
                     "%s is expanded", advanced_sections[i]);
    }
  /* Every other setting is in a collapsed section, so not on show. */
  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!g_strv_contains (basic, fields[i].name))
      {
        GtkWidget *control = by_name (fields[i].name);

        ck_assert_msg (!gtk_widget_get_mapped (control), "%s is shown", fields[i].name);
        ck_assert_ptr_nonnull (gtk_widget_get_ancestor (control, ADW_TYPE_EXPANDER_ROW));
      }
  ck_assert (!gtk_widget_get_mapped (by_name ("split")));
  ck_assert (!gtk_widget_get_mapped (by_name ("threshold")));
  cg_test_write_screenshot (GTK_WIDGET (window), "training-form");

  /* Opened, a section shows its settings, in plain words with the CLI's in the tooltip. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (by_name ("advanced-generator")), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (by_name ("advanced-discriminator")), TRUE);
  ck_assert (cg_test_spin_until (cg_test_mapped, by_name ("adv-weight"), 5000));
  ck_assert (gtk_widget_get_mapped (by_name ("d-steps")));
  ck_assert (!gtk_widget_get_mapped (by_name ("hidden-dim")));
  {
    GtkWidget *row = gtk_widget_get_ancestor (by_name ("adv-weight"), ADW_TYPE_ACTION_ROW);
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

    ck_assert_ptr_null (strstr (title, "adv"));
    ck_assert_ptr_nonnull (strstr (gtk_widget_get_tooltip_text (row), "--adv-weight"));
  }
  /* Scrolled to the opened sections, as a person would. */
  {
    GtkWidget *section = by_name ("advanced-generator");
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
                                    section, GTK_TYPE_SCROLLED_WINDOW));
    GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
    double x, y;

    ck_assert (gtk_widget_translate_coordinates (section, content, 0, 0, &x, &y));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), y - 12);
  }
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (window), "training-form-advanced");
}
END_TEST

START_TEST (test_presets_set_the_settings)
{
  CgCganConfig config, defaults;
  guint custom = cg_training_preset_count ();

  cg_cgan_config_init (&defaults);
  ck_assert_uint_eq (preset (), 0);

  choose_preset (1);
  cg_training_view_get_config (view, &config);
  ck_assert_double_eq (config.mle_weight, 0.0);
  ck_assert_double_eq (config.adv_weight, 1.0);
  ck_assert_double_eq (config.entropy_weight, 0.0);
  ck_assert_uint_eq (config.pretrain_epochs, 0);
  ck_assert_double_eq (gtk_spin_button_get_value (GTK_SPIN_BUTTON (by_name ("mle-weight"))), 0);
  ck_assert_str_eq (gtk_widget_get_tooltip_text (by_name ("preset")),
                    cg_training_preset_get_description (1));

  choose_preset (2);
  cg_training_view_get_config (view, &config);
  ck_assert_double_eq (config.adv_weight, 0.0);
  ck_assert_double_eq (config.mle_weight, 1.0);

  choose_preset (3);
  cg_training_view_get_config (view, &config);
  ck_assert_uint_lt (config.epochs, defaults.epochs);
  ck_assert_uint_lt (config.hidden_dim, defaults.hidden_dim);
  ck_assert_uint_eq (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (by_name ("epochs"))),
                     config.epochs);

  /* A seed is no recipe: the preset stays. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (by_name ("seed")), 1234);
  ck_assert_uint_eq (preset (), 3);
  /* Any other edit by hand makes it Custom, and keeps the edit. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (by_name ("learning-rate")), 0.002);
  ck_assert_uint_eq (preset (), custom);
  ck_assert_str_eq (gtk_widget_get_tooltip_text (by_name ("preset")),
                    cg_training_preset_get_description (custom));
  cg_training_view_get_config (view, &config);
  ck_assert_double_eq_tol (config.learning_rate, 0.002, 1e-12);
  ck_assert_uint_eq (config.seed, 1234);

  /* Choosing Custom changes nothing. */
  choose_preset (custom);
  cg_training_view_get_config (view, &config);
  ck_assert_double_eq_tol (config.learning_rate, 0.002, 1e-12);

  /* Back to Default: every setting is the default again but the seed. */
  choose_preset (0);
  cg_training_view_get_config (view, &config);
  ck_assert_double_eq (config.learning_rate, defaults.learning_rate);
  ck_assert_uint_eq (config.hidden_dim, defaults.hidden_dim);
  ck_assert_uint_eq (config.seed, 1234);

  /* Settings set from outside (an opened model's) name their preset. */
  cg_training_preset_apply (1, &config);
  cg_training_view_set_config (view, &config);
  ck_assert_uint_eq (preset (), 1);
  cg_training_view_reset (view);
  ck_assert_uint_eq (preset (), 0);
}
END_TEST

static char *
expected_duration (const CgCganConfig *config,
                   double              rate)
{
  CgDatasetShape shape;

  ck_assert (cg_session_get_dataset_shape (session, &shape));
  return cg_training_estimate_format (cg_training_estimate_seconds (config, &shape, rate));
}

START_TEST (test_duration_follows_epochs)
{
  GtkSpinButton *epochs = GTK_SPIN_BUTTON (by_name ("epochs"));
  CgCganConfig config;
  g_autofree char *fifty = NULL, *before = NULL, *expected = NULL;

  cg_training_view_get_config (view, &config);
  fifty = expected_duration (&config, CG_TRAINING_ESTIMATE_GUESS_RATE);
  ck_assert_msg (g_str_has_prefix (subtitle_of ("duration"), fifty), "%s",
                 subtitle_of ("duration"));
  ck_assert_ptr_nonnull (strstr (subtitle_of ("duration"), "guess"));

  before = g_strdup (subtitle_of ("duration"));
  gtk_spin_button_set_value (epochs, 50 * config.epochs);
  ck_assert_str_ne (subtitle_of ("duration"), before);
  config.epochs *= 50;
  expected = expected_duration (&config, CG_TRAINING_ESTIMATE_GUESS_RATE);
  ck_assert_msg (g_str_has_prefix (subtitle_of ("duration"), expected), "%s, not %s",
                 subtitle_of ("duration"), expected);

  /* After a run, the estimate is at the speed it measured. */
  {
    CgCganConfig tiny;
    CgTrainingRun *run;
    const CgEpochRecord *records;
    CgDatasetShape shape;
    g_autofree char *measured = NULL;
    guint n;

    cg_test_tiny_config (&tiny, 3);
    cg_training_view_set_config (view, &tiny);
    run = cg_training_view_start (view);
    ck_assert_ptr_nonnull (run);
    ck_assert (cg_test_spin_until (cg_test_session_idle, session, 120000));
    records = cg_training_run_get_epochs (run, &n);
    ck_assert_uint_eq (n, 3);
    ck_assert (cg_session_get_dataset_shape (session, &shape));
    measured = expected_duration (&tiny, cg_training_estimate_rate (&tiny, &shape, records, n));
    ck_assert_msg (g_str_has_prefix (subtitle_of ("duration"), measured), "%s, not %s",
                   subtitle_of ("duration"), measured);
    ck_assert_ptr_nonnull (strstr (subtitle_of ("duration"), "last training"));
    cg_test_spin_for (100);
    cg_test_write_screenshot (GTK_WIDGET (window), "training-after-run");
  }
}
END_TEST

START_TEST (test_plots_help)
{
  GtkWidget *button = by_name ("plots-help");
  GtkWidget *text = by_name ("plots-help-text");

  ck_assert (GTK_IS_MENU_BUTTON (button));
  ck_assert_ptr_nonnull (gtk_widget_get_tooltip_text (button));
  ck_assert (!gtk_widget_get_mapped (text));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ck_assert (cg_test_spin_until (cg_test_mapped, text, 5000));
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (GTK_LABEL (text)), "popularity"));
  cg_test_spin_for (100);
  cg_test_write_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                            "training-plots-help");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}
END_TEST

static Suite *
training_form_suite (void)
{
  Suite *suite = suite_create ("training-form");
  TCase *tc = tcase_create ("form");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_basic_shown_advanced_collapsed);
  tcase_add_test (tc, test_presets_set_the_settings);
  tcase_add_test (tc, test_duration_follows_epochs);
  tcase_add_test (tc, test_plots_help);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_widget_suite (training_form_suite ());
}
