/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-plot-axis.c: CgPlot's axis ranges and ticks, apart from any drawing.
 *
 * Ranges: x spans the data exactly; y is padded outward to whole tick steps (one more
 * when the top value lands on a tick) and includes the reference line (and 0 when asked).
 * A single point or a constant series gets a small made-up span instead of a zero one, so
 * the data-to-pixel transform never divides by zero.
 * The tick step depends on the pixels available, so it is chosen at drawing time.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <math.h>

#include "cg-plot-axis.h"

/* 1, 2 or 5 times a power of ten, at least raw. */
static double
nice_step (double raw)
{
  double exponent = floor (log10 (raw));
  double base = pow (10.0, exponent);
  double fraction = raw / base;

  if (fraction <= 1.0)
    return base;
  if (fraction <= 2.0)
    return 2.0 * base;
  if (fraction <= 5.0)
    return 5.0 * base;
  return 10.0 * base;
}

static void
choose_step (CgPlotAxis *axis,
             double      pixels,
             double      pixels_per_tick,
             gboolean    integer)
{
  double n_ticks = MAX (2.0, pixels / pixels_per_tick);

  axis->step = nice_step ((axis->max - axis->min) / n_ticks);
  if (integer && axis->step < 1.0)
    axis->step = 1.0;
  axis->digits = axis->step >= 1.0 ? 0 : (int) ceil (-log10 (axis->step) - 1e-9);
}

/* Widens a zero-length span so the transform never divides by zero. */
static void
widen_degenerate (CgPlotAxis *axis,
                  gboolean    integer)
{
  double half;

  if (axis->max > axis->min)
    return;
  if (integer)
    half = 0.5;
  else if (axis->min != 0.0)
    half = fabs (axis->min) * 0.1;
  else
    half = 1.0;
  axis->min -= half;
  axis->max += half;
}

void
cg_plot_axis_set_y_range (CgPlotAxis *axis,
                          double      data_min,
                          double      data_max,
                          gboolean    has_reference,
                          double      reference,
                          gboolean    from_zero)
{
  g_return_if_fail (axis != NULL);

  axis->min = data_min;
  axis->max = data_max;
  axis->step = 1.0;
  axis->digits = 0;
  if (has_reference && isfinite (reference))
    {
      axis->min = MIN (axis->min, reference);
      axis->max = MAX (axis->max, reference);
    }
  if (from_zero)
    {
      axis->min = MIN (axis->min, 0.0);
      axis->max = MAX (axis->max, 0.0);
    }
  widen_degenerate (axis, FALSE);
}

void
cg_plot_axis_set_x_range (CgPlotAxis *axis,
                          double      data_min,
                          double      data_max,
                          gboolean    integer)
{
  g_return_if_fail (axis != NULL);

  axis->min = data_min;
  axis->max = data_max;
  axis->step = 1.0;
  axis->digits = 0;
  widen_degenerate (axis, integer);
  /* Whole-number axes (epochs) start at a whole number, so per-step values that begin
   * just after 0 get a "0" tick under them rather than an unlabelled stretch. */
  if (integer && axis->min != floor (axis->min) && axis->max - floor (axis->min) > 0.0)
    axis->min = floor (axis->min);
}

void
cg_plot_axis_fit_y (CgPlotAxis *axis,
                    double      pixels)
{
  double top;

  g_return_if_fail (axis != NULL);

  choose_step (axis, pixels, 40.0, FALSE);
  top = axis->max;
  axis->min = floor (axis->min / axis->step + 1e-9) * axis->step;
  axis->max = ceil (axis->max / axis->step - 1e-9) * axis->step;
  if (axis->max <= axis->min)
    axis->max = axis->min + axis->step;
  /* A top value on the top tick would sit on the plot's upper edge, its dot half over
   * the legend (one epoch's HitRate of 0.8 on a 0–0.8 axis): give it one step of air. */
  if (axis->max - top < axis->step * 1e-6)
    axis->max += axis->step;
}

void
cg_plot_axis_fit_x (CgPlotAxis *axis,
                    double      pixels,
                    gboolean    integer)
{
  g_return_if_fail (axis != NULL);

  choose_step (axis, pixels, 70.0, integer);
}

double
cg_plot_axis_first_tick (const CgPlotAxis *axis)
{
  g_return_val_if_fail (axis != NULL, 0.0);

  return ceil (axis->min / axis->step - 1e-9) * axis->step;
}

double
cg_plot_axis_to_px (const CgPlotAxis *axis,
                    double            value,
                    double            start,
                    double            length)
{
  return start + (value - axis->min) / (axis->max - axis->min) * length;
}

char *
cg_plot_axis_format_tick (const CgPlotAxis *axis,
                          double            value)
{
  g_return_val_if_fail (axis != NULL, NULL);

  /* Avoid "-0" for a tick that is zero up to rounding. */
  if (fabs (value) < 1e-12)
    value = 0.0;
  return g_strdup_printf ("%.*f", axis->digits, value);
}

double
cg_plot_snap (double v,
              double line_width)
{
  if (((int) line_width) % 2 == 1)
    return floor (v) + 0.5;
  return floor (v + 0.5);
}
