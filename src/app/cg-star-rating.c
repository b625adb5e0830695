/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-star-rating.c: your rating of a movie as five stars, one control.
 *
 * The stars are five GtkImages in a box layout; a click and the pointer are mapped to a
 * star by picking, so the stars' own sizes and spacing (from the theme) decide where one
 * ends. Lit (hovered) and filled stars are CSS classes, coloured in style.css.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-star-rating.h"

struct _CgStarRating
{
  GtkWidget  parent_instance;

  GtkWidget *stars[CG_STAR_RATING_MAX];
  guint      rating;
  guint      hovered;      /* 0 = none */
};

G_DEFINE_FINAL_TYPE (CgStarRating, cg_star_rating, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Given when asked for: setting a widget's tooltip text makes GTK look for the pointer at
 * once (a round trip to an X server), and a grid re-binding its cards re-rates each. */
static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard_mode,
                     GtkTooltip   *tooltip,
                     CgStarRating *self)
{
  g_autofree char *text = NULL;

  if (self->rating == 0)
    text = g_strdup (_("Your rating: none yet"));
  else
    text = g_strdup_printf (_("Your rating: %u of %u stars"), self->rating, CG_STAR_RATING_MAX);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_stars (CgStarRating *self)
{
  g_autofree char *value_text = NULL;

  for (guint i = 0; i < CG_STAR_RATING_MAX; i++)
    {
      gboolean filled = i < self->rating;
      gboolean lit = i < self->hovered;

      gtk_image_set_from_icon_name (GTK_IMAGE (self->stars[i]),
                                    filled || lit ? "starred-symbolic"
                                                  : "non-starred-symbolic");
      if (filled)
        gtk_widget_add_css_class (self->stars[i], "filled");
      else
        gtk_widget_remove_css_class (self->stars[i], "filled");
      if (lit)
        gtk_widget_add_css_class (self->stars[i], "lit");
      else
        gtk_widget_remove_css_class (self->stars[i], "lit");
    }

  /* Read with the control's label: "Your rating, 3 of 5 stars". */
  value_text = self->rating == 0 ? g_strdup (_("Not rated"))
               : g_strdup_printf (_("%u of %u stars"), self->rating, CG_STAR_RATING_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->rating,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value_text,
                                  -1);
}

/* The star (1–5) under x, y, or 0. */
static guint
star_at (CgStarRating *self,
         double        x,
         double        y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  for (guint i = 0; i < CG_STAR_RATING_MAX; i++)
    if (picked == self->stars[i])
      return i + 1;
  return 0;
}

static void
set_hovered (CgStarRating *self,
             guint         hovered)
{
  if (self->hovered == hovered)
    return;
  self->hovered = hovered;
  update_stars (self);
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                CgStarRating    *self)
{
  guint star = star_at (self, x, y);

  if (star == 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cg_star_rating_activate_star (self, star);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              CgStarRating             *self)
{
  set_hovered (self, star_at (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             CgStarRating             *self)
{
  set_hovered (self, 0);
}

static void
emit_rate (CgStarRating *self,
           guint         rating)
{
  g_signal_emit (self, signals[RATE], 0, MIN (rating, (guint) CG_STAR_RATING_MAX));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CgStarRating          *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1:
    case GDK_KEY_2: case GDK_KEY_KP_2:
    case GDK_KEY_3: case GDK_KEY_KP_3:
    case GDK_KEY_4: case GDK_KEY_KP_4:
    case GDK_KEY_5: case GDK_KEY_KP_5:
      emit_rate (self, keyval >= GDK_KEY_KP_0 ? keyval - GDK_KEY_KP_0 : keyval - GDK_KEY_0);
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_KP_0:
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      if (self->rating != 0)
        emit_rate (self, 0);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: case GDK_KEY_plus: case GDK_KEY_KP_Add:
      if (self->rating < CG_STAR_RATING_MAX)
        emit_rate (self, self->rating + 1);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left: case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      if (self->rating > 0)
        emit_rate (self, self->rating - 1);
      return TRUE;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      if (self->rating != 0)
        emit_rate (self, 0);
      return TRUE;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      emit_rate (self, CG_STAR_RATING_MAX);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
cg_star_rating_dispose (GObject *object)
{
  CgStarRating *self = CG_STAR_RATING (object);

  for (guint i = 0; i < CG_STAR_RATING_MAX; i++)
    g_clear_pointer (&self->stars[i], gtk_widget_unparent);

  G_OBJECT_CLASS (cg_star_rating_parent_class)->dispose (object);
}

static void
cg_star_rating_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CgStarRating *self = CG_STAR_RATING (object);

  switch (prop_id)
    {
    case PROP_RATING:
      g_value_set_uint (value, self->rating);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_star_rating_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CgStarRating *self = CG_STAR_RATING (object);

  switch (prop_id)
    {
    case PROP_RATING:
      cg_star_rating_set_rating (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_star_rating_class_init (CgStarRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_star_rating_dispose;
  object_class->get_property = cg_star_rating_get_property;
  object_class->set_property = cg_star_rating_set_property;

  properties[PROP_RATING] =
    g_param_spec_uint ("rating", NULL, NULL, 0, CG_STAR_RATING_MAX, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgStarRating::rate:
   * @rating: what the rating should become, 1–5, or 0 to clear it
   */
  signals[RATE] =
    g_signal_new ("rate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "starrating");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
cg_star_rating_init (CgStarRating *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  for (guint i = 0; i < CG_STAR_RATING_MAX; i++)
    {
      self->stars[i] = gtk_image_new_from_icon_name ("non-starred-symbolic");
      gtk_widget_add_css_class (self->stars[i], "star");
      gtk_widget_set_parent (self->stars[i], GTK_WIDGET (self));
    }

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your rating"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) CG_STAR_RATING_MAX,
                                  -1);
  update_stars (self);
}

GtkWidget *
cg_star_rating_new (void)
{
  return g_object_new (CG_TYPE_STAR_RATING, NULL);
}

guint
cg_star_rating_get_rating (CgStarRating *self)
{
  g_return_val_if_fail (CG_IS_STAR_RATING (self), 0);

  return self->rating;
}

void
cg_star_rating_set_rating (CgStarRating *self,
                           guint         rating)
{
  g_return_if_fail (CG_IS_STAR_RATING (self));
  g_return_if_fail (rating <= CG_STAR_RATING_MAX);

  if (self->rating == rating)
    return;
  self->rating = rating;
  update_stars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);
}

void
cg_star_rating_activate_star (CgStarRating *self,
                              guint         n)
{
  g_return_if_fail (CG_IS_STAR_RATING (self));
  g_return_if_fail (n >= 1 && n <= CG_STAR_RATING_MAX);

  /* Clicking the star you already gave takes the rating back. */
  emit_rate (self, self->rating == n ? 0 : n);
}
