/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-wrap-box.c: a row of controls that wraps onto more rows when it is too narrow.
 *
 * Rows are filled greedily with the children's natural widths (a child wider than the box
 * gets the box's width). Measuring the height for a width and allocating lay out the same
 * rows, through one function.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-wrap-box.h"

struct _CgWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
  guint     n_rows;
};

G_DEFINE_FINAL_TYPE (CgWrapBox, cg_wrap_box, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- laying out ---- */

static int
child_width (GtkWidget *child,
             int        width)
{
  int min = 0, nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return width < 0 ? nat : CLAMP (nat, MIN (min, width), width);
}

static int
child_height (GtkWidget *child,
              int        width)
{
  int nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &nat, NULL, NULL);
  return nat;
}

static GtkWidget *
next_shown (GtkWidget *child)
{
  while (child != NULL && !gtk_widget_should_layout (child))
    child = gtk_widget_get_next_sibling (child);
  return child;
}

/* Lays the children out in rows of at most width (-1: one row) and returns the height
 * used; with allocate, allocates them too. */
static int
layout (CgWrapBox *self,
        int        width,
        gboolean   allocate)
{
  GtkWidget *child = next_shown (gtk_widget_get_first_child (GTK_WIDGET (self)));
  int y = 0;
  guint rows = 0;

  while (child != NULL)
    {
      GtkWidget *first = child;
      GtkWidget *end;
      int used = 0, n_expand = 0, height = 0, extra, x = 0;

      /* The row: as many children as fit, and at least one. */
      for (end = child; end != NULL; end = next_shown (gtk_widget_get_next_sibling (end)))
        {
          int w = child_width (end, width);
          int needed = used + (end != first ? self->spacing : 0) + w;

          if (end != first && width >= 0 && needed > width)
            break;
          used = needed;
          n_expand += gtk_widget_compute_expand (end, GTK_ORIENTATION_HORIZONTAL);
        }
      for (child = first; child != end; child = next_shown (gtk_widget_get_next_sibling (child)))
        height = MAX (height, child_height (child, child_width (child, width)));

      extra = width >= 0 ? MAX (width - used, 0) : 0;
      if (allocate)
        for (child = first; child != end;
             child = next_shown (gtk_widget_get_next_sibling (child)))
          {
            int w = child_width (child, width);

            if (n_expand > 0 && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
              {
                int share = extra / n_expand;

                extra -= share;
                n_expand--;
                w += share;
              }
            gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, height }, -1);
            x += w + self->spacing;
          }

      y += height + (end != NULL ? self->row_spacing : 0);
      rows++;
      child = end;
    }
  if (allocate)
    self->n_rows = rows;
  return y;
}

static void
cg_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  CgWrapBox *self = CG_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0;
      gboolean first = TRUE;

      for (GtkWidget *child = next_shown (gtk_widget_get_first_child (widget)); child != NULL;
           child = next_shown (gtk_widget_get_next_sibling (child)))
        {
          int child_min = 0, child_nat = 0;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat,
                              NULL, NULL);
          min = MAX (min, child_min);
          nat += child_nat + (first ? 0 : self->spacing);
          first = FALSE;
        }
      *minimum = min;
      *natural = nat;
    }
  else
    {
      /* Without a width, as one row; else in the rows that width makes. */
      *minimum = *natural = layout (self, for_size, FALSE);
    }
}

static void
cg_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  layout (CG_WRAP_BOX (widget), width, TRUE);
}

static GtkSizeRequestMode
cg_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ---- GObject ---- */

static void
cg_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cg_wrap_box_parent_class)->dispose (object);
}

static void
cg_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CgWrapBox *self = CG_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CgWrapBox *self = CG_WRAP_BOX (object);
  int *field = prop_id == PROP_SPACING ? &self->spacing : &self->row_spacing;

  switch (prop_id)
    {
    case PROP_SPACING:
    case PROP_ROW_SPACING:
      if (*field == g_value_get_int (value))
        return;
      *field = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_wrap_box_class_init (CgWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cg_wrap_box_dispose;
  object_class->get_property = cg_wrap_box_get_property;
  object_class->set_property = cg_wrap_box_set_property;
  widget_class->measure = cg_wrap_box_measure;
  widget_class->size_allocate = cg_wrap_box_size_allocate;
  widget_class->get_request_mode = cg_wrap_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 6, rw);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT16, 6, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "wrapbox");
}

static void
cg_wrap_box_init (CgWrapBox *self)
{
  self->spacing = 6;
  self->row_spacing = 6;
}

/* ---- public API ---- */

GtkWidget *
cg_wrap_box_new (void)
{
  return g_object_new (CG_TYPE_WRAP_BOX, NULL);
}

void
cg_wrap_box_append (CgWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (CG_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

guint
cg_wrap_box_get_n_rows (CgWrapBox *self)
{
  g_return_val_if_fail (CG_IS_WRAP_BOX (self), 0);

  return self->n_rows;
}
