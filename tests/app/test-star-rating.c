/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-star-rating.c: the five-star control the catalogue's cards and the recommendations
 * list share.
 *
 * A click on star n asks for n, on the current star for 0; keys 1–5, 0/Delete, arrows and
 * Home/End ask for what they say; the control never changes its own rating; pointing at a
 * star lights it and the ones before it; it is one focusable slider named for screen
 * readers, whose value follows the rating. Needs a display (suite `gui`, under xvfb-run).
 */

#include "config.h"

#include "cg-gui-test.h"
#include "cg-star-rating.h"

static GtkWindow *window;
static CgStarRating *stars;
static GArray *asked;

static void
on_rate_cb (CgStarRating *self,
            guint         rating,
            gpointer      user_data)
{
  g_array_append_val (asked, rating);
}

static void
setup (void)
{
  window = GTK_WINDOW (gtk_window_new ());
  stars = CG_STAR_RATING (cg_star_rating_new ());
  gtk_window_set_child (window, GTK_WIDGET (stars));
  gtk_window_present (window);
  asked = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (stars, "rate", G_CALLBACK (on_rate_cb), NULL);
  cg_test_spin_for (100);
}

static void
teardown (void)
{
  gtk_window_destroy (window);
  window = NULL;
  stars = NULL;
  g_clear_pointer (&asked, g_array_unref);
  cg_test_spin_for (10);
}

static guint
last_asked (void)
{
  ck_assert_uint_gt (asked->len, 0);
  return g_array_index (asked, guint, asked->len - 1);
}

/* The event controller of stars of that type. */
static GtkEventController *
controller (GType type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (stars));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  ck_abort_msg ("no %s on the stars", g_type_name (type));
  return NULL;
}

/* The middle of star n (1–5), in the control's coordinates. */
static graphene_point_t
star_centre (guint n)
{
  g_autoptr(GPtrArray) images = cg_test_find_widgets (GTK_WIDGET (stars), cg_test_widget_is_a,
                                                      GSIZE_TO_POINTER (GTK_TYPE_IMAGE));
  graphene_rect_t bounds;

  ck_assert_uint_eq (images->len, 5);
  ck_assert (gtk_widget_compute_bounds (g_ptr_array_index (images, n - 1), GTK_WIDGET (stars),
                                        &bounds));
  return GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width / 2,
                              bounds.origin.y + bounds.size.height / 2);
}

static void
click_star (guint n)
{
  graphene_point_t at = star_centre (n);

  g_signal_emit_by_name (controller (GTK_TYPE_GESTURE_CLICK), "released", 1, (double) at.x,
                         (double) at.y);
}

static void
press_key (guint keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller (GTK_TYPE_EVENT_CONTROLLER_KEY), "key-pressed", keyval, 0,
                         (GdkModifierType) 0, &handled);
  ck_assert_msg (handled, "key %s not handled", gdk_keyval_name (keyval));
}

static guint
n_lit (void)
{
  g_autoptr(GPtrArray) lit = cg_test_find_widgets (GTK_WIDGET (stars),
                                                   cg_test_widget_has_css_class, "lit");

  return lit->len;
}

START_TEST (test_click_asks)
{
  click_star (3);
  ck_assert_uint_eq (last_asked (), 3);
  /* It only asks: the rating is whoever keeps it's to change. */
  ck_assert_uint_eq (cg_star_rating_get_rating (stars), 0);

  cg_star_rating_set_rating (stars, 3);
  click_star (3);
  ck_assert_uint_eq (last_asked (), 0);
  click_star (5);
  ck_assert_uint_eq (last_asked (), 5);
  cg_star_rating_activate_star (stars, 1);
  ck_assert_uint_eq (last_asked (), 1);
  ck_assert_uint_eq (asked->len, 4);
}
END_TEST

START_TEST (test_keys_ask)
{
  cg_star_rating_set_rating (stars, 2);
  press_key (GDK_KEY_4);
  ck_assert_uint_eq (last_asked (), 4);
  press_key (GDK_KEY_KP_1);
  ck_assert_uint_eq (last_asked (), 1);
  press_key (GDK_KEY_Right);
  ck_assert_uint_eq (last_asked (), 3);
  press_key (GDK_KEY_Left);
  ck_assert_uint_eq (last_asked (), 1);
  press_key (GDK_KEY_End);
  ck_assert_uint_eq (last_asked (), 5);
  press_key (GDK_KEY_Delete);
  ck_assert_uint_eq (last_asked (), 0);
  press_key (GDK_KEY_0);
  ck_assert_uint_eq (last_asked (), 0);

  /* Nothing to clear: asks nothing, but the key is still the control's. */
  cg_star_rating_set_rating (stars, 0);
  asked->len = 0;
  press_key (GDK_KEY_Delete);
  press_key (GDK_KEY_Left);
  ck_assert_uint_eq (asked->len, 0);
}
END_TEST

START_TEST (test_hover_lights_up_to_the_star)
{
  GtkEventController *motion = controller (GTK_TYPE_EVENT_CONTROLLER_MOTION);
  graphene_point_t at = star_centre (4);
  g_autoptr(GPtrArray) filled = NULL;

  ck_assert_uint_eq (n_lit (), 0);
  g_signal_emit_by_name (motion, "motion", (double) at.x, (double) at.y);
  ck_assert_uint_eq (n_lit (), 4);
  at = star_centre (2);
  g_signal_emit_by_name (motion, "motion", (double) at.x, (double) at.y);
  ck_assert_uint_eq (n_lit (), 2);
  g_signal_emit_by_name (motion, "leave");
  ck_assert_uint_eq (n_lit (), 0);

  cg_star_rating_set_rating (stars, 3);
  filled = cg_test_find_widgets (GTK_WIDGET (stars), cg_test_widget_has_css_class, "filled");
  ck_assert_uint_eq (filled->len, 3);
}
END_TEST

START_TEST (test_one_accessible_slider)
{
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GPtrArray) focusable = NULL;

  ck_assert_int_eq (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (stars)),
                    GTK_ACCESSIBLE_ROLE_SLIDER);
  label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (stars),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "Your rating");
  ck_assert_msg (label == NULL, "labelled %s", label);
  cg_star_rating_set_rating (stars, 4);
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (stars),
                                              GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 4.0);
  ck_assert_msg (value == NULL, "value %s", value);
  /* Read out as a rating, not a bare number. */
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (stars),
                                              GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                              "4 of 5 stars");
  ck_assert_msg (value == NULL, "value text %s", value);
  cg_star_rating_set_rating (stars, 0);
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (stars),
                                              GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "Not rated");
  ck_assert_msg (value == NULL, "value text %s", value);

  /* One Tab stop, not five. */
  ck_assert (gtk_widget_get_focusable (GTK_WIDGET (stars)));
  focusable = cg_test_find_widgets (GTK_WIDGET (stars), cg_test_widget_is_a,
                                    GSIZE_TO_POINTER (GTK_TYPE_BUTTON));
  ck_assert_uint_eq (focusable->len, 0);
}
END_TEST

static Suite *
star_rating_suite (void)
{
  Suite *suite = suite_create ("star-rating");
  TCase *tc = tcase_create ("stars");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_click_asks);
  tcase_add_test (tc, test_keys_ask);
  tcase_add_test (tc, test_hover_lights_up_to_the_star);
  tcase_add_test (tc, test_one_accessible_slider);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  /* The test accessibility context keeps the properties set on widgets, so they can be
   * checked, and talks to no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  return cg_test_run_widget_suite (star_rating_suite ());
}
