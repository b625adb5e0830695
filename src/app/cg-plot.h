/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-plot.h: a small live line chart — named series, a dashed reference line, axes, legend.
 *
 * The plot deep-copies the points it is given and redraws; it does no maths beyond choosing
 * its axis ranges and ticks. All painting goes through cg_plot_draw, so a test can render it
 * onto a cairo image surface and an export is one call (cg-plot-export.h). Series colours
 * come from a palette whose shade follows the widget's foreground colour, so they stay
 * readable on light and dark themes alike.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CG_TYPE_PLOT (cg_plot_get_type ())

G_DECLARE_FINAL_TYPE (CgPlot, cg_plot, CG, PLOT, GtkWidget)

typedef struct
{
  double x;
  double y;
} CgPlotPoint;

typedef enum
{
  CG_PLOT_STYLE_LINE,     /* 2 px line with a dot per point: a few values (per epoch) */
  CG_PLOT_STYLE_THIN,     /* 1 px translucent line, no dots: many values (per step) */
} CgPlotStyle;

GtkWidget  *cg_plot_new               (void);

void        cg_plot_set_title         (CgPlot *self, const char *title);
const char *cg_plot_get_title         (CgPlot *self);
void        cg_plot_set_x_label       (CgPlot *self, const char *label);
void        cg_plot_set_y_label       (CgPlot *self, const char *label);
/* Ticks on the x axis only at whole numbers (epochs). */
void        cg_plot_set_x_integer     (CgPlot *self, gboolean x_integer);
/* The y range always includes 0 (metrics read better from zero). */
void        cg_plot_set_y_from_zero   (CgPlot *self, gboolean from_zero);

/* Creates the series if needed and sets how it is drawn. color_index picks from the palette
 * (series sharing an index share a hue); -1 keeps the current one (new series: the next
 * free index). Series are drawn and listed in the legend in the order they were created. */
void        cg_plot_add_series        (CgPlot *self, const char *name, int color_index,
                                       CgPlotStyle style);
/* Replaces the points of a series (created if needed); the points are copied. */
void        cg_plot_set_points        (CgPlot *self, const char *name,
                                       const CgPlotPoint *points, guint n_points);
/* Appends one point to a series (created if needed). */
void        cg_plot_append_point      (CgPlot *self, const char *name, double x, double y);
/* Empties every series but keeps them, their order and their styles. */
void        cg_plot_clear_points      (CgPlot *self);
/* Removes every series and the reference line. */
void        cg_plot_clear             (CgPlot *self);
guint       cg_plot_get_n_series      (CgPlot *self);
/* 0 when there is no such series. */
guint       cg_plot_get_n_points      (CgPlot *self, const char *name);
/* The colour a series is drawn in on this widget's current theme. FALSE if no such series. */
gboolean    cg_plot_get_series_color  (CgPlot *self, const char *name, GdkRGBA *color);

/* A dashed horizontal line at y, named in the legend (label may be NULL). */
void        cg_plot_set_reference     (CgPlot *self, const char *label, double y);
void        cg_plot_clear_reference   (CgPlot *self);

/* A short line in the plot area's corner, for what the plot cannot show ("per-step losses
 * are not stored"); NULL for none. Kept by cg_plot_clear: it says what the data lacks, and
 * whoever sets the data knows. */
void        cg_plot_set_note          (CgPlot *self, const char *note);
const char *cg_plot_get_note          (CgPlot *self);

/* Paints the chart into a width × height area at the origin of cr, without background.
 * Before any series has a finite point: only the frame (title, axes, axis labels) and a
 * "No data yet" note — no legend, ticks, series or reference line. */
void        cg_plot_draw              (CgPlot *self, cairo_t *cr, int width, int height);
/* cg_plot_draw on a background matching the theme: what an export shows. */
void        cg_plot_paint             (CgPlot *self, cairo_t *cr, int width, int height);

/* A right click on the plot, or Shift+F10 or the Menu key while it has the focus, pops up
 * this menu (the plot is focusable while it has one); NULL for none. */
void        cg_plot_set_menu_model    (CgPlot *self, GMenuModel *model);
GMenuModel *cg_plot_get_menu_model    (CgPlot *self);
/* The menu's popover once it was popped up, else NULL (for tests). */
GtkWidget  *cg_plot_get_menu_popover  (CgPlot *self);

G_END_DECLS
