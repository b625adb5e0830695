/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-plot-axis.h: CgPlot's axis ranges and ticks, apart from any drawing.
 *
 * The only maths the plot does: from the data's bounds (plus the reference line, and 0
 * when asked) to a range that never has zero length, then, once the pixels available are
 * known, to a "nice" tick step (1, 2 or 5 times a power of ten) with the y range padded
 * outward to whole steps and never ending exactly at its top value. No GTK, no cairo:
 * tests check the ranges directly.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double min;
  double max;
  double step;    /* tick spacing */
  int    digits;  /* decimals of the tick labels */
} CgPlotAxis;

/* The y range of data spanning [data_min, data_max], widened to take in reference (when
 * has_reference and finite) and 0 (when from_zero); a zero-length span is widened. */
void    cg_plot_axis_set_y_range   (CgPlotAxis *axis,
                                    double      data_min,
                                    double      data_max,
                                    gboolean    has_reference,
                                    double      reference,
                                    gboolean    from_zero);
/* The x range of data spanning [data_min, data_max]; an integer axis (epochs) starts at a
 * whole number. */
void    cg_plot_axis_set_x_range   (CgPlotAxis *axis,
                                    double      data_min,
                                    double      data_max,
                                    gboolean    integer);
/* Picks the y tick step for pixels of height (a tick per 40 px or so) and pads the range
 * outward to whole steps, with one step more above when the top value lands on a tick. */
void    cg_plot_axis_fit_y         (CgPlotAxis *axis,
                                    double      pixels);
/* Picks the x tick step for pixels of width (a tick per 70 px or so); whole numbers only
 * on an integer axis. The range stays as it is. */
void    cg_plot_axis_fit_x         (CgPlotAxis *axis,
                                    double      pixels,
                                    gboolean    integer);
/* The first multiple of the step at or above min. */
double  cg_plot_axis_first_tick    (const CgPlotAxis *axis);

/* Where value lies on a line of length pixels starting at start. */
double  cg_plot_axis_to_px         (const CgPlotAxis *axis,
                                    double            value,
                                    double            start,
                                    double            length);
/* A tick label with the axis's decimals, never "-0"; newly allocated. */
char   *cg_plot_axis_format_tick   (const CgPlotAxis *axis,
                                    double            value);

/* A coordinate moved so a line of line_width px is crisp: an odd width centred on a
 * pixel's middle, an even one on a pixel edge. */
double  cg_plot_snap               (double            v,
                                    double            line_width);

G_END_DECLS
