/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-plot.c: a small live line chart — named series, a dashed reference line, axes, legend.
 *
 * Layout, top to bottom: title, legend (wrapping rows, outside the data so it never hides a
 * line), the plot area with the y axis label and tick labels on its left, the x tick labels
 * and the x axis label under it. Everything is measured with Pango on the cairo context it
 * is drawn on, so the PNG export and the widget look the same.
 *
 * Before the first point the plot still draws its frame — title, axes, axis labels — with
 * a _("No data yet") note where the lines will be.
 *
 * Ranges and ticks are worked out in cg-plot-axis.c. Non-finite values (a diverged loss)
 * are skipped and break the line rather than poisoning the range.
 *
 * A plot with a menu model pops it up on a right click, Shift+F10 or the Menu key, and
 * takes keyboard focus for the last two; what the menu does is its owner's business
 * (exports, in cg-plot-export.c and the Training page).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include <pango/pangocairo.h>

#include "cg-plot.h"
#include "cg-plot-axis.h"

typedef struct
{
  char        *name;
  GArray      *points;       /* CgPlotPoint */
  int          color_index;
  CgPlotStyle  style;
} Series;

struct _CgPlot
{
  GtkWidget  parent_instance;

  /* owned */
  char      *title;
  char      *x_label;
  char      *y_label;
  GPtrArray *series;         /* Series *, in creation order */
  char      *reference_label;
  char      *note;           /* what the plot cannot show, said in its corner */
  GMenuModel *menu_model;    /* the context menu's, or NULL */
  GtkWidget *menu_popover;   /* built from it on first use */
  double     reference_y;
  gboolean   has_reference;
  gboolean   x_integer;
  gboolean   y_from_zero;
  int        next_color;
};

G_DEFINE_FINAL_TYPE (CgPlot, cg_plot, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  PROP_X_INTEGER,
  PROP_Y_FROM_ZERO,
  PROP_MENU_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- palette ---- */

/* GNOME HIG palette hues. Shade 4 reads well on a light background, shade 2 on a dark
 * one; which background we are on is inferred from the foreground colour. */
static const char *const palette_light[] = {
  "#1c71d8", "#c64600", "#26a269", "#813d9c", "#c01c28", "#986a44",
};
static const char *const palette_dark[] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f66151", "#cdab8f",
};
#define N_PALETTE G_N_ELEMENTS (palette_light)

#define PAD          8.0
#define TICK_LEN     4.0
#define LEGEND_SWATCH 18.0
#define LEGEND_GAP   14.0
#define MARKER_RADIUS 3.0

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->points);
  g_free (series);
}

static Series *
find_series (CgPlot     *self,
             const char *name)
{
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);

      if (g_str_equal (series->name, name))
        return series;
    }
  return NULL;
}

static Series *
ensure_series (CgPlot     *self,
               const char *name)
{
  Series *series = find_series (self, name);

  if (series != NULL)
    return series;

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->points = g_array_new (FALSE, FALSE, sizeof (CgPlotPoint));
  series->color_index = self->next_color++;
  series->style = CG_PLOT_STYLE_LINE;
  g_ptr_array_add (self->series, series);
  return series;
}

static void
get_foreground (CgPlot  *self,
                GdkRGBA *fg)
{
  /* gtk_widget_get_color only exists from GTK 4.10; the style context is the 4.8 way. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), fg);
G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
is_dark_theme (const GdkRGBA *fg)
{
  /* Light text means a dark background. */
  return 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue > 0.5;
}

static void
series_color (const Series  *series,
              const GdkRGBA *fg,
              GdkRGBA       *color)
{
  const char *const *palette = is_dark_theme (fg) ? palette_dark : palette_light;
  guint index = (guint) MAX (series->color_index, 0) % N_PALETTE;

  gdk_rgba_parse (color, palette[index]);
  if (series->style == CG_PLOT_STYLE_THIN)
    color->alpha = 0.45f;
}

static void
set_source_rgba (cairo_t       *cr,
                 const GdkRGBA *color,
                 double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* ---- data range ---- */

static gboolean
data_bounds (CgPlot *self,
             double *x_min,
             double *x_max,
             double *y_min,
             double *y_max)
{
  gboolean any = FALSE;

  *x_min = *y_min = INFINITY;
  *x_max = *y_max = -INFINITY;
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);

      for (guint j = 0; j < series->points->len; j++)
        {
          const CgPlotPoint *p = &g_array_index (series->points, CgPlotPoint, j);

          if (!isfinite (p->x) || !isfinite (p->y))
            continue;
          *x_min = MIN (*x_min, p->x);
          *x_max = MAX (*x_max, p->x);
          *y_min = MIN (*y_min, p->y);
          *y_max = MAX (*y_max, p->y);
          any = TRUE;
        }
    }
  return any;
}

/* ---- text ---- */

static PangoLayout *
make_layout (CgPlot     *self,
             cairo_t    *cr,
             const char *text,
             double      scale,
             gboolean    bold)
{
  PangoContext *widget_context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *font =
    pango_font_description_copy (pango_context_get_font_description (widget_context));
  PangoLayout *layout = pango_cairo_create_layout (cr);
  int size = pango_font_description_get_size (font);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout);
}

/* ---- legend ---- */

typedef struct
{
  const char   *label;
  GdkRGBA       color;
  CgPlotStyle   style;
  gboolean      dashed;
} LegendEntry;

static GArray *
legend_entries (CgPlot        *self,
                const GdkRGBA *fg)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      LegendEntry entry = { series->name, { 0 }, series->style, FALSE };

      if (series->points->len == 0)
        continue;
      series_color (series, fg, &entry.color);
      g_array_append_val (entries, entry);
    }
  if (self->has_reference && self->reference_label != NULL)
    {
      LegendEntry entry = { self->reference_label, *fg, CG_PLOT_STYLE_LINE, TRUE };

      entry.color.alpha *= 0.75f;
      g_array_append_val (entries, entry);
    }
  return entries;
}

static void
draw_swatch (cairo_t           *cr,
             const LegendEntry *entry,
             double             x,
             double             y_mid)
{
  double width = entry->style == CG_PLOT_STYLE_THIN ? 1.0 : 2.0;

  cairo_save (cr);
  set_source_rgba (cr, &entry->color, 1.0);
  cairo_set_line_width (cr, entry->dashed ? 1.5 : width);
  if (entry->dashed)
    {
      static const double dashes[] = { 4.0, 3.0 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
    }
  cairo_move_to (cr, x, cg_plot_snap (y_mid, width));
  cairo_line_to (cr, x + LEGEND_SWATCH, cg_plot_snap (y_mid, width));
  cairo_stroke (cr);
  if (entry->style == CG_PLOT_STYLE_LINE && !entry->dashed)
    {
      cairo_arc (cr, x + LEGEND_SWATCH / 2.0, cg_plot_snap (y_mid, width), MARKER_RADIUS,
                 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* Lays the legend out in rows that fit width; draws it when draw is TRUE. Returns its
 * height. */
static double
legend_layout (CgPlot        *self,
               cairo_t       *cr,
               const GdkRGBA *fg,
               GArray        *entries,
               double         x0,
               double         y0,
               double         width,
               gboolean       draw)
{
  double x = x0;
  double y = y0;
  double row_height = 0.0;

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *entry = &g_array_index (entries, LegendEntry, i);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, entry->label, 0.9, FALSE);
      double text_w, text_h, item_w;

      layout_size (layout, &text_w, &text_h);
      item_w = LEGEND_SWATCH + 6.0 + text_w;
      if (x > x0 && x + item_w > x0 + width)
        {
          x = x0;
          y += row_height + 2.0;
          row_height = 0.0;
        }
      if (draw)
        {
          draw_swatch (cr, entry, x, y + text_h / 2.0);
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.85);
          show_layout_at (cr, layout, x + LEGEND_SWATCH + 6.0, y);
        }
      x += item_w + LEGEND_GAP;
      row_height = MAX (row_height, text_h);
    }
  return entries->len > 0 ? y - y0 + row_height : 0.0;
}

/* ---- painting ---- */

static void
draw_series (cairo_t          *cr,
             const Series     *series,
             const GdkRGBA    *fg,
             const CgPlotAxis *xa,
             const CgPlotAxis *ya,
             double            left,
             double            bottom,
             double            plot_w,
             double            plot_h)
{
  double line_width = series->style == CG_PLOT_STYLE_THIN ? 1.0 : 2.0;
  gboolean pen_down = FALSE;
  GdkRGBA color;

  series_color (series, fg, &color);
  set_source_rgba (cr, &color, 1.0);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint j = 0; j < series->points->len; j++)
    {
      const CgPlotPoint *p = &g_array_index (series->points, CgPlotPoint, j);
      double px, py;

      if (!isfinite (p->x) || !isfinite (p->y))
        {
          pen_down = FALSE;
          continue;
        }
      px = cg_plot_snap (cg_plot_axis_to_px (xa, p->x, left, plot_w), line_width);
      py = cg_plot_snap (bottom - (cg_plot_axis_to_px (ya, p->y, 0.0, plot_h)), line_width);
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  /* Dots show where the measured values are (and make a lone point visible at all). */
  for (guint j = 0; j < series->points->len; j++)
    {
      const CgPlotPoint *p = &g_array_index (series->points, CgPlotPoint, j);
      double radius = series->style == CG_PLOT_STYLE_THIN ? 1.0 : MARKER_RADIUS;

      if (!isfinite (p->x) || !isfinite (p->y))
        continue;
      if (series->style == CG_PLOT_STYLE_THIN && series->points->len > 1)
        break;
      cairo_arc (cr,
                 cg_plot_snap (cg_plot_axis_to_px (xa, p->x, left, plot_w), line_width),
                 cg_plot_snap (bottom - cg_plot_axis_to_px (ya, p->y, 0.0, plot_h), line_width),
                 radius, 0.0, 2.0 * G_PI);
      cairo_fill (cr);
    }
}

/* Grid lines, ticks and tick labels of both axes around the plot area. */
static void
draw_grid (CgPlot           *self,
           cairo_t          *cr,
           const GdkRGBA    *fg,
           const CgPlotAxis *xa,
           const CgPlotAxis *ya,
           double            left,
           double            right,
           double            top,
           double            bottom)
{
  double plot_w = right - left;
  double plot_h = bottom - top;

  /* grid and y ticks */
  cairo_set_line_width (cr, 1.0);
  for (double v = ya->min; v <= ya->max + ya->step * 1e-6; v += ya->step)
    {
      double py = cg_plot_snap (bottom - cg_plot_axis_to_px (ya, v, 0.0, plot_h), 1.0);
      g_autofree char *text = cg_plot_axis_format_tick (ya, v);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, text, 0.85, FALSE);
      double w, h;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.12);
      cairo_move_to (cr, left, py);
      cairo_line_to (cr, right, py);
      cairo_stroke (cr);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.5);
      cairo_move_to (cr, left - TICK_LEN, py);
      cairo_line_to (cr, left, py);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.8);
      show_layout_at (cr, layout, left - TICK_LEN - 2 - w, py - h / 2.0);
    }

  /* x ticks: multiples of the step inside the data's span */
  for (double v = cg_plot_axis_first_tick (xa);
       v <= xa->max + xa->step * 1e-6;
       v += xa->step)
    {
      double px = cg_plot_snap (cg_plot_axis_to_px (xa, v, left, plot_w), 1.0);
      g_autofree char *text = cg_plot_axis_format_tick (xa, v);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, text, 0.85, FALSE);
      double w, h;

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.12);
      cairo_move_to (cr, px, top);
      cairo_line_to (cr, px, bottom);
      cairo_stroke (cr);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.5);
      cairo_move_to (cr, px, bottom);
      cairo_line_to (cr, px, bottom + TICK_LEN);
      cairo_stroke (cr);

      layout_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.8);
      show_layout_at (cr, layout, px - w / 2.0, bottom + TICK_LEN + 2);
    }
}

void
cg_plot_draw (CgPlot  *self,
              cairo_t *cr,
              int      width,
              int      height)
{
  g_autoptr(GArray) entries = NULL;
  GdkRGBA fg;
  CgPlotAxis xa, ya;
  double x_min, x_max, y_min, y_max;
  gboolean has_data;
  double top = PAD;
  double left, right, bottom, plot_w, plot_h;
  double y_label_w = 0.0, tick_label_w = 0.0, tick_label_h = 0.0, x_label_h = 0.0;

  g_return_if_fail (CG_IS_PLOT (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;
  /* Before the first point: the same frame (title, axes, their labels) with a note in it,
   * so the page does not sit half blank and nothing moves much when data arrives. No
   * legend, ticks or reference line: there is no range to place them in. */
  has_data = data_bounds (self, &x_min, &x_max, &y_min, &y_max);

  get_foreground (self, &fg);
  cairo_save (cr);

  /* title */
  if (self->title != NULL && self->title[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, self->title, 1.0, TRUE);
      double w, h;

      layout_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha);
      show_layout_at (cr, layout, (width - w) / 2.0, top);
      top += h + 4.0;
    }

  /* legend, measured first so we know where the plot area starts */
  entries = has_data ? legend_entries (self, &fg)
                     : g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  {
    double legend_h = legend_layout (self, cr, &fg, entries, PAD, top, width - 2 * PAD, FALSE);

    if (legend_h > 0.0)
      {
        legend_layout (self, cr, &fg, entries, PAD, top, width - 2 * PAD, TRUE);
        top += legend_h + 8.0;
      }
  }

  /* y range: the data, the reference line, zero when asked; whole tick steps below */
  if (has_data)
    {
      cg_plot_axis_set_y_range (&ya, y_min, y_max, self->has_reference, self->reference_y,
                                self->y_from_zero);
      cg_plot_axis_set_x_range (&xa, x_min, x_max, self->x_integer);
    }

  /* Sizes of the labels around the plot area. The tick step depends on the area's size,
   * which depends on the labels' widths: the label heights do not depend on the step, so
   * fix the vertical layout first, then the y step, then the left margin. */
  {
    g_autoptr(PangoLayout) probe = make_layout (self, cr, "0123456789.", 0.85, FALSE);
    double w;

    layout_size (probe, &w, &tick_label_h);
  }
  if (self->x_label != NULL && self->x_label[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, self->x_label, 0.9, FALSE);
      double w;

      layout_size (layout, &w, &x_label_h);
    }
  if (self->y_label != NULL && self->y_label[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, self->y_label, 0.9, FALSE);
      double w;

      layout_size (layout, &w, &y_label_w);  /* rotated: its height is our width */
    }

  bottom = height - PAD - x_label_h - (x_label_h > 0 ? 4.0 : 0.0) - tick_label_h - TICK_LEN - 2;
  plot_h = bottom - top;
  if (plot_h < 20.0)
    {
      cairo_restore (cr);
      return;
    }

  if (has_data)
    {
      cg_plot_axis_fit_y (&ya, plot_h);
      for (double v = ya.min; v <= ya.max + ya.step * 1e-6; v += ya.step)
        {
          g_autofree char *text = cg_plot_axis_format_tick (&ya, v);
          g_autoptr(PangoLayout) layout = make_layout (self, cr, text, 0.85, FALSE);
          double w, h;

          layout_size (layout, &w, &h);
          tick_label_w = MAX (tick_label_w, w);
        }
    }
  else
    {
      /* As wide as the labels of a 0–1 metric, the common case, to keep the frame still. */
      g_autoptr(PangoLayout) layout = make_layout (self, cr, "0.0", 0.85, FALSE);
      double h;

      layout_size (layout, &tick_label_w, &h);
    }

  left = PAD + y_label_w + (y_label_w > 0 ? 6.0 : 0.0) + tick_label_w + TICK_LEN + 2;
  right = width - PAD - 6.0;  /* room for the half of the last x tick label */
  plot_w = right - left;
  if (plot_w < 20.0)
    {
      cairo_restore (cr);
      return;
    }
  if (has_data)
    {
      cg_plot_axis_fit_x (&xa, plot_w, self->x_integer);
      draw_grid (self, cr, &fg, &xa, &ya, left, right, top, bottom);
    }

  /* axes */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.5);
  cairo_move_to (cr, cg_plot_snap (left, 1.0), top);
  cairo_line_to (cr, cg_plot_snap (left, 1.0), cg_plot_snap (bottom, 1.0));
  cairo_line_to (cr, right, cg_plot_snap (bottom, 1.0));
  cairo_stroke (cr);

  /* axis labels */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.9);
  if (x_label_h > 0.0)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, self->x_label, 0.9, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      show_layout_at (cr, layout, left + (plot_w - w) / 2.0, height - PAD - h);
    }
  if (y_label_w > 0.0)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, self->y_label, 0.9, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, PAD, round (top + (plot_h + w) / 2.0));
      cairo_rotate (cr, -G_PI / 2.0);
      cairo_move_to (cr, 0, 0);
      pango_cairo_update_layout (cr, layout);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }

  if (!has_data)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, _("No data yet"), 1.0, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.55);
      show_layout_at (cr, layout, left + (plot_w - w) / 2.0, top + (plot_h - h) / 2.0);
      cairo_restore (cr);
      return;
    }

  /* data, clipped to the plot area (dots at the edges may stick out by their radius) */
  cairo_save (cr);
  cairo_rectangle (cr, left - MARKER_RADIUS - 1, top - MARKER_RADIUS - 1,
                   plot_w + 2 * MARKER_RADIUS + 2, plot_h + 2 * MARKER_RADIUS + 2);
  cairo_clip (cr);

  if (self->has_reference && isfinite (self->reference_y))
    {
      static const double dashes[] = { 6.0, 4.0 };
      double py = cg_plot_snap (bottom - cg_plot_axis_to_px (&ya, self->reference_y, 0.0, plot_h),
                                1.0);

      cairo_save (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.75);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
      cairo_move_to (cr, left, py);
      cairo_line_to (cr, right, py);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* Thin (dense) series first so the per-epoch lines stay on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->series->len; i++)
      {
        Series *series = g_ptr_array_index (self->series, i);

        if ((series->style == CG_PLOT_STYLE_THIN) == (pass == 0))
          draw_series (cr, series, &fg, &xa, &ya, left, bottom, plot_w, plot_h);
      }
  cairo_restore (cr);

  /* The note goes over the lines, in the plot area's top right corner, under the legend. */
  if (self->note != NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, self->note, 0.85, FALSE);
      double w, h;

      pango_layout_set_width (layout, (int) ((plot_w - 12.0) * PANGO_SCALE));
      layout_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.7);
      show_layout_at (cr, layout, right - 6.0 - w, top + 4.0);
    }

  cairo_restore (cr);
}

/* ---- GtkWidget ---- */

static void
cg_plot_snapshot (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  CgPlot *self = CG_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cg_plot_draw (self, cr, width, height);
  /* A focus ring, for the keyboard users who reach the plot for its menu. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA fg;

      get_foreground (self, &fg);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.5);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, 1.0, 1.0, width - 2.0, height - 2.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
cg_plot_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  CgPlot *self = CG_PLOT (widget);

  if (self->menu_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu_popover));
}

static void
popup_menu_at (CgPlot *self,
               double  x,
               double  y)
{
  if (self->menu_model == NULL)
    return;
  if (self->menu_popover == NULL)
    {
      self->menu_popover = gtk_popover_menu_new_from_model (self->menu_model);
      gtk_widget_set_parent (self->menu_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu_popover), FALSE);
      gtk_widget_set_halign (self->menu_popover, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu_popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu_popover));
}

static void
on_secondary_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         CgPlot          *self)
{
  if (self->menu_model == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

/* From the keyboard the menu opens in the middle, where there is no pointer to follow. */
static void
popup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  popup_menu_at (CG_PLOT (widget), gtk_widget_get_width (widget) / 2.0,
                 gtk_widget_get_height (widget) / 2.0);
}

static void
cg_plot_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 420;
    }
  else
    {
      *minimum = 160;
      *natural = 260;
    }
}

static void
cg_plot_css_changed (GtkWidget         *widget,
                     GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cg_plot_parent_class)->css_changed (widget, change);
  /* A theme switch changes the foreground and so the palette shade. */
  gtk_widget_queue_draw (widget);
}

static void
update_accessible_label (CgPlot *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  -1);
}

static void
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static void
cg_plot_dispose (GObject *object)
{
  CgPlot *self = CG_PLOT (object);

  g_clear_pointer (&self->menu_popover, gtk_widget_unparent);
  g_clear_object (&self->menu_model);

  G_OBJECT_CLASS (cg_plot_parent_class)->dispose (object);
}

static void
cg_plot_finalize (GObject *object)
{
  CgPlot *self = CG_PLOT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->x_label, g_free);
  g_clear_pointer (&self->y_label, g_free);
  g_clear_pointer (&self->reference_label, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (cg_plot_parent_class)->finalize (object);
}

static void
cg_plot_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CgPlot *self = CG_PLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_X_LABEL:
      g_value_set_string (value, self->x_label);
      break;
    case PROP_Y_LABEL:
      g_value_set_string (value, self->y_label);
      break;
    case PROP_X_INTEGER:
      g_value_set_boolean (value, self->x_integer);
      break;
    case PROP_Y_FROM_ZERO:
      g_value_set_boolean (value, self->y_from_zero);
      break;
    case PROP_MENU_MODEL:
      g_value_set_object (value, self->menu_model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_plot_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CgPlot *self = CG_PLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      cg_plot_set_title (self, g_value_get_string (value));
      break;
    case PROP_X_LABEL:
      cg_plot_set_x_label (self, g_value_get_string (value));
      break;
    case PROP_Y_LABEL:
      cg_plot_set_y_label (self, g_value_get_string (value));
      break;
    case PROP_X_INTEGER:
      cg_plot_set_x_integer (self, g_value_get_boolean (value));
      break;
    case PROP_Y_FROM_ZERO:
      cg_plot_set_y_from_zero (self, g_value_get_boolean (value));
      break;
    case PROP_MENU_MODEL:
      cg_plot_set_menu_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_plot_class_init (CgPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_plot_dispose;
  object_class->finalize = cg_plot_finalize;
  object_class->get_property = cg_plot_get_property;
  object_class->set_property = cg_plot_set_property;

  widget_class->snapshot = cg_plot_snapshot;
  widget_class->measure = cg_plot_measure;
  widget_class->size_allocate = cg_plot_size_allocate;
  widget_class->css_changed = cg_plot_css_changed;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_INTEGER] =
    g_param_spec_boolean ("x-integer", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_FROM_ZERO] =
    g_param_spec_boolean ("y-from-zero", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, popup_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "menu.popup", NULL);

  gtk_widget_class_set_css_name (widget_class, "cgplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cg_plot_init (CgPlot *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->series = g_ptr_array_new_with_free_func (series_free);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "menu.popup", FALSE);
}

/* ---- public API ---- */

GtkWidget *
cg_plot_new (void)
{
  return g_object_new (CG_TYPE_PLOT, NULL);
}

void
cg_plot_set_title (CgPlot     *self,
                   const char *title)
{
  g_return_if_fail (CG_IS_PLOT (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  set_string (&self->title, title);
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cg_plot_get_title (CgPlot *self)
{
  g_return_val_if_fail (CG_IS_PLOT (self), NULL);

  return self->title;
}

void
cg_plot_set_x_label (CgPlot     *self,
                     const char *label)
{
  g_return_if_fail (CG_IS_PLOT (self));

  if (g_strcmp0 (self->x_label, label) == 0)
    return;
  set_string (&self->x_label, label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_LABEL]);
}

void
cg_plot_set_y_label (CgPlot     *self,
                     const char *label)
{
  g_return_if_fail (CG_IS_PLOT (self));

  if (g_strcmp0 (self->y_label, label) == 0)
    return;
  set_string (&self->y_label, label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LABEL]);
}

void
cg_plot_set_x_integer (CgPlot   *self,
                       gboolean  x_integer)
{
  g_return_if_fail (CG_IS_PLOT (self));

  x_integer = !!x_integer;
  if (self->x_integer == x_integer)
    return;
  self->x_integer = x_integer;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_INTEGER]);
}

void
cg_plot_set_y_from_zero (CgPlot   *self,
                         gboolean  from_zero)
{
  g_return_if_fail (CG_IS_PLOT (self));

  from_zero = !!from_zero;
  if (self->y_from_zero == from_zero)
    return;
  self->y_from_zero = from_zero;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_FROM_ZERO]);
}

void
cg_plot_add_series (CgPlot      *self,
                    const char  *name,
                    int          color_index,
                    CgPlotStyle  style)
{
  Series *series;

  g_return_if_fail (CG_IS_PLOT (self));
  g_return_if_fail (name != NULL);

  series = ensure_series (self, name);
  if (color_index >= 0)
    {
      series->color_index = color_index;
      self->next_color = MAX (self->next_color, color_index + 1);
    }
  series->style = style;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_set_points (CgPlot            *self,
                    const char        *name,
                    const CgPlotPoint *points,
                    guint              n_points)
{
  Series *series;

  g_return_if_fail (CG_IS_PLOT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  series = ensure_series (self, name);
  g_array_set_size (series->points, 0);
  g_array_append_vals (series->points, points, n_points);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_append_point (CgPlot     *self,
                      const char *name,
                      double      x,
                      double      y)
{
  CgPlotPoint point = { x, y };

  g_return_if_fail (CG_IS_PLOT (self));
  g_return_if_fail (name != NULL);

  g_array_append_val (ensure_series (self, name)->points, point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_clear_points (CgPlot *self)
{
  g_return_if_fail (CG_IS_PLOT (self));

  for (guint i = 0; i < self->series->len; i++)
    g_array_set_size (((Series *) g_ptr_array_index (self->series, i))->points, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_clear (CgPlot *self)
{
  g_return_if_fail (CG_IS_PLOT (self));

  g_ptr_array_set_size (self->series, 0);
  self->next_color = 0;
  cg_plot_clear_reference (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_set_menu_model (CgPlot     *self,
                        GMenuModel *model)
{
  g_return_if_fail (CG_IS_PLOT (self));
  g_return_if_fail (model == NULL || G_IS_MENU_MODEL (model));

  if (!g_set_object (&self->menu_model, model))
    return;
  g_clear_pointer (&self->menu_popover, gtk_widget_unparent);
  gtk_widget_set_focusable (GTK_WIDGET (self), model != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "menu.popup", model != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MENU_MODEL]);
}

GMenuModel *
cg_plot_get_menu_model (CgPlot *self)
{
  g_return_val_if_fail (CG_IS_PLOT (self), NULL);

  return self->menu_model;
}

GtkWidget *
cg_plot_get_menu_popover (CgPlot *self)
{
  g_return_val_if_fail (CG_IS_PLOT (self), NULL);

  return self->menu_popover;
}

void
cg_plot_set_note (CgPlot     *self,
                  const char *note)
{
  g_return_if_fail (CG_IS_PLOT (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
cg_plot_get_note (CgPlot *self)
{
  g_return_val_if_fail (CG_IS_PLOT (self), NULL);

  return self->note;
}

guint
cg_plot_get_n_series (CgPlot *self)
{
  g_return_val_if_fail (CG_IS_PLOT (self), 0);

  return self->series->len;
}

guint
cg_plot_get_n_points (CgPlot     *self,
                      const char *name)
{
  Series *series;

  g_return_val_if_fail (CG_IS_PLOT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  series = find_series (self, name);
  return series != NULL ? series->points->len : 0;
}

gboolean
cg_plot_get_series_color (CgPlot     *self,
                          const char *name,
                          GdkRGBA    *color)
{
  Series *series;
  GdkRGBA fg;

  g_return_val_if_fail (CG_IS_PLOT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  series = find_series (self, name);
  if (series == NULL)
    return FALSE;
  get_foreground (self, &fg);
  series_color (series, &fg, color);
  return TRUE;
}

void
cg_plot_set_reference (CgPlot     *self,
                       const char *label,
                       double      y)
{
  g_return_if_fail (CG_IS_PLOT (self));

  set_string (&self->reference_label, label);
  self->reference_y = y;
  self->has_reference = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_clear_reference (CgPlot *self)
{
  g_return_if_fail (CG_IS_PLOT (self));

  g_clear_pointer (&self->reference_label, g_free);
  self->has_reference = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cg_plot_paint (CgPlot  *self,
               cairo_t *cr,
               int      width,
               int      height)
{
  GdkRGBA fg;

  g_return_if_fail (CG_IS_PLOT (self));
  g_return_if_fail (cr != NULL);

  get_foreground (self, &fg);
  /* Adwaita's window backgrounds, light or dark to match the foreground. */
  if (is_dark_theme (&fg))
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cg_plot_draw (self, cr, width, height);
}
