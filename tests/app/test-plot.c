/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-plot.c: CgPlot renders onto a cairo image surface.
 *
 * The plot's painting is one function, cg_plot_draw, so these tests look at real pixels:
 * a series' colour shows up inside the plot area, an empty plot paints its frame and a
 * note but no series colour, the y axis leaves room above its top value, degenerate
 * ranges (one point, a constant series, non-finite values) neither crash nor poison cairo,
 * a note for what the data lacks is painted in its corner, the PNG export writes a
 * readable image and the SVG one an SVG document. Creating a widget needs a display: this
 * test runs in the `gui` suite under xvfb-run and skips without one.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "cg-plot.h"
#include "cg-plot-export.h"
#include "cg-plot-axis.h"
#include "cg-gui-test.h"

#define W 400
#define H 300

static void
setup (void)
{
  ck_assert_msg (gtk_is_initialized (), "no display");
}

static cairo_surface_t *
render (CgPlot *plot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  cg_plot_draw (plot, cr, W, H);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Opaque pixels within tolerance of color inside the rectangle [x0, x1) × [y0, y1). */
static guint
count_color (cairo_surface_t *surface,
             const GdkRGBA   *color,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int r = (int) round (color->red * 255);
  int g = (int) round (color->green * 255);
  int b = (int) round (color->blue * 255);
  guint count = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + 4 * x);

        if ((px >> 24) == 0xff
            && ABS ((int) ((px >> 16) & 0xff) - r) <= 6
            && ABS ((int) ((px >> 8) & 0xff) - g) <= 6
            && ABS ((int) (px & 0xff) - b) <= 6)
          count++;
      }
  return count;
}

/* Pixels painted at all inside the rectangle [x0, x1) × [y0, y1). */
static guint
count_painted_in (cairo_surface_t *surface,
                  int              x0,
                  int              y0,
                  int              x1,
                  int              y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint count = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (*(const guint32 *) (data + y * stride + 4 * x) != 0)
        count++;
  return count;
}

static guint
count_painted (cairo_surface_t *surface)
{
  return count_painted_in (surface, 0, 0, W, H);
}

static CgPlot *
new_plot (void)
{
  return g_object_ref_sink (CG_PLOT (cg_plot_new ()));
}

START_TEST (test_series_color_in_plot_area)
{
  g_autoptr(CgPlot) plot = new_plot ();
  const CgPlotPoint points[] = { { 1, 0.2 }, { 2, 0.9 }, { 3, 0.4 }, { 4, 0.6 } };
  cairo_surface_t *surface;
  GdkRGBA color;
  guint in_area;

  cg_plot_set_title (plot, "Loss");
  cg_plot_set_x_label (plot, "epoch");
  cg_plot_set_y_label (plot, "BCE");
  cg_plot_set_points (plot, "D", points, G_N_ELEMENTS (points));
  ck_assert_uint_eq (cg_plot_get_n_series (plot), 1);
  ck_assert_uint_eq (cg_plot_get_n_points (plot, "D"), 4);
  ck_assert (cg_plot_get_series_color (plot, "D", &color));
  ck_assert (!cg_plot_get_series_color (plot, "nope", &color));

  surface = render (plot);
  /* The lower two thirds and right of the labels hold nothing but plot area. */
  in_area = count_color (surface, &color, 80, H / 3, W - 10, H - 40);
  ck_assert_msg (in_area > 50, "only %u pixels of the series colour in the plot area", in_area);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_two_series_distinct_colors)
{
  g_autoptr(CgPlot) plot = new_plot ();
  cairo_surface_t *surface;
  GdkRGBA a, b;

  for (int i = 0; i < 10; i++)
    {
      cg_plot_append_point (plot, "loss D", i, 1.0 + 0.1 * i);
      cg_plot_append_point (plot, "loss G", i, 2.0 - 0.1 * i);
    }
  ck_assert (cg_plot_get_series_color (plot, "loss D", &a));
  ck_assert (cg_plot_get_series_color (plot, "loss G", &b));
  ck_assert (!gdk_rgba_equal (&a, &b));

  surface = render (plot);
  ck_assert_uint_gt (count_color (surface, &a, 60, 60, W, H - 30), 30);
  ck_assert_uint_gt (count_color (surface, &b, 60, 60, W, H - 30), 30);
  cairo_surface_destroy (surface);
}
END_TEST

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * H) == 0;
}

/* Before the first point: the frame and a note, never a series' colour. */
START_TEST (test_empty_draws_frame)
{
  g_autoptr(CgPlot) plot = new_plot ();
  cairo_surface_t *surface, *with_reference;
  GdkRGBA color;

  /* No title, no axis labels: what is painted is the axes and the note in the middle. */
  surface = render (plot);
  ck_assert_uint_gt (count_painted_in (surface, W / 4, H / 3, 3 * W / 4, 2 * H / 3), 20);
  cairo_surface_destroy (surface);

  cg_plot_set_title (plot, "Nothing yet");
  cg_plot_set_x_label (plot, "epoch");
  cg_plot_set_y_label (plot, "loss");
  surface = render (plot);
  /* The title, across the top. */
  ck_assert_uint_gt (count_painted_in (surface, 0, 0, W, 20), 20);
  cairo_surface_destroy (surface);

  /* Series without points and a reference line alone are still no data: no series colour,
   * and the reference changes nothing (no range to place it in, no legend). */
  cg_plot_add_series (plot, "empty", -1, CG_PLOT_STYLE_LINE);
  ck_assert (cg_plot_get_series_color (plot, "empty", &color));
  surface = render (plot);
  ck_assert_uint_eq (count_color (surface, &color, 0, 0, W, H), 0);
  cg_plot_set_reference (plot, "baseline", 0.25);
  with_reference = render (plot);
  ck_assert (same_pixels (surface, with_reference));
  cairo_surface_destroy (surface);
  cairo_surface_destroy (with_reference);

  /* Points then cleared: empty again, series kept. */
  cg_plot_append_point (plot, "empty", 1, 1);
  surface = render (plot);
  ck_assert_uint_gt (count_color (surface, &color, 0, 0, W, H), 10);
  cairo_surface_destroy (surface);
  cg_plot_clear_points (plot);
  ck_assert_uint_eq (cg_plot_get_n_series (plot), 1);
  surface = render (plot);
  ck_assert_uint_eq (count_color (surface, &color, 0, 0, W, H), 0);
  ck_assert_uint_gt (count_painted (surface), 0);
  cairo_surface_destroy (surface);

  cg_plot_clear (plot);
  ck_assert_uint_eq (cg_plot_get_n_series (plot), 0);
}
END_TEST

START_TEST (test_single_point_and_constant)
{
  g_autoptr(CgPlot) plot = new_plot ();
  cairo_surface_t *surface;
  GdkRGBA color;

  /* One point: both spans are zero. */
  cg_plot_set_x_integer (plot, TRUE);
  cg_plot_append_point (plot, "one", 1, 0.5);
  ck_assert (cg_plot_get_series_color (plot, "one", &color));
  surface = render (plot);
  ck_assert_uint_gt (count_color (surface, &color, 60, 60, W, H - 30), 10);
  cairo_surface_destroy (surface);

  /* A constant series at zero: y span zero at zero. */
  cg_plot_clear (plot);
  cg_plot_set_x_integer (plot, FALSE);
  for (int i = 0; i < 5; i++)
    cg_plot_append_point (plot, "flat", i, 0.0);
  ck_assert (cg_plot_get_series_color (plot, "flat", &color));
  surface = render (plot);
  ck_assert_uint_gt (count_color (surface, &color, 60, 60, W, H - 30), 100);
  cairo_surface_destroy (surface);

  /* Constant and away from zero, the reference on the same value. */
  cg_plot_clear (plot);
  for (int i = 0; i < 5; i++)
    cg_plot_append_point (plot, "flat", i, 1e6);
  cg_plot_set_reference (plot, "ref", 1e6);
  surface = render (plot);
  ck_assert_uint_gt (count_painted (surface), 100);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_non_finite_skipped)
{
  g_autoptr(CgPlot) plot = new_plot ();
  cairo_surface_t *surface;
  GdkRGBA color;

  cg_plot_append_point (plot, "diverged", 1, 0.7);
  cg_plot_append_point (plot, "diverged", 2, 0.6);
  cg_plot_append_point (plot, "diverged", 3, NAN);
  cg_plot_append_point (plot, "diverged", 4, INFINITY);
  cg_plot_append_point (plot, "diverged", NAN, 1.0);
  cg_plot_append_point (plot, "diverged", 5, 0.5);
  ck_assert (cg_plot_get_series_color (plot, "diverged", &color));
  surface = render (plot);   /* asserts the cairo status */
  ck_assert_uint_gt (count_color (surface, &color, 60, 60, W, H - 30), 20);
  cairo_surface_destroy (surface);

  /* Only non-finite values: nothing to range over, only the empty frame. */
  cg_plot_clear (plot);
  cg_plot_append_point (plot, "nan", 1, NAN);
  ck_assert (cg_plot_get_series_color (plot, "nan", &color));
  surface = render (plot);
  ck_assert_uint_eq (count_color (surface, &color, 0, 0, W, H), 0);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_points_are_copied)
{
  g_autoptr(CgPlot) plot = new_plot ();
  CgPlotPoint *points = g_new (CgPlotPoint, 3);
  cairo_surface_t *surface;
  GdkRGBA color;

  for (int i = 0; i < 3; i++)
    points[i] = (CgPlotPoint) { i, i * i };
  cg_plot_set_points (plot, "copied", points, 3);
  /* Poison then free the caller's array: the plot must not have kept it. */
  for (int i = 0; i < 3; i++)
    points[i] = (CgPlotPoint) { NAN, NAN };
  g_free (points);

  ck_assert (cg_plot_get_series_color (plot, "copied", &color));
  surface = render (plot);
  ck_assert_uint_gt (count_color (surface, &color, 60, 60, W, H - 30), 20);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_reference_line_drawn)
{
  g_autoptr(CgPlot) plot = new_plot ();
  cairo_surface_t *without, *with;

  cg_plot_set_y_from_zero (plot, TRUE);
  for (int i = 1; i <= 5; i++)
    cg_plot_append_point (plot, "NDCG@10", i, 0.1 + 0.02 * i);
  without = render (plot);
  cg_plot_set_reference (plot, "popularity", 0.26);
  with = render (plot);
  /* The dashed line and its legend entry add painted pixels. */
  ck_assert_uint_gt (count_painted (with), count_painted (without) + 50);
  cairo_surface_destroy (without);
  cairo_surface_destroy (with);
}
END_TEST

/* A note is painted in the plot area's top right, survives clear and goes with NULL. */
START_TEST (test_note_drawn)
{
  g_autoptr(CgPlot) plot = new_plot ();
  cairo_surface_t *without, *with;

  for (int i = 1; i <= 5; i++)
    cg_plot_append_point (plot, "D", i, 0.1 * i);
  without = render (plot);
  cg_plot_set_note (plot, "Per-step losses are not stored");
  ck_assert_str_eq (cg_plot_get_note (plot), "Per-step losses are not stored");
  with = render (plot);
  ck_assert_uint_gt (count_painted_in (with, W / 2, 0, W, H / 3),
                     count_painted_in (without, W / 2, 0, W, H / 3) + 50);
  cairo_surface_destroy (with);

  cg_plot_clear (plot);
  ck_assert_str_eq (cg_plot_get_note (plot), "Per-step losses are not stored");
  cg_plot_set_note (plot, NULL);
  ck_assert_ptr_null (cg_plot_get_note (plot));
  for (int i = 1; i <= 5; i++)
    cg_plot_append_point (plot, "D", i, 0.1 * i);
  with = render (plot);
  ck_assert_uint_eq (count_painted (with), count_painted (without));
  cairo_surface_destroy (without);
  cairo_surface_destroy (with);
}
END_TEST

START_TEST (test_write_png)
{
  g_autoptr(CgPlot) plot = new_plot ();
  g_autofree char *dir = cg_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "plot.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  cg_plot_append_point (plot, "a", 0, 0);
  cg_plot_append_point (plot, "a", 1, 1);
  ck_assert (cg_plot_write_png (plot, path, 320, 200, &error));
  ck_assert_ptr_null (error);

  surface = cairo_image_surface_create_from_png (path);
  ck_assert_int_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (surface), 320);
  ck_assert_int_eq (cairo_image_surface_get_height (surface), 200);
  cairo_surface_destroy (surface);

  ck_assert (!cg_plot_write_png (plot, bad, 320, 200, &error));
  ck_assert_ptr_nonnull (error);
  cg_test_remove_tree (dir);
}
END_TEST

/* PNG and SVG come from cairo's own surfaces; the extension names the format. */
START_TEST (test_render_formats)
{
  g_autoptr(CgPlot) plot = new_plot ();
  g_autoptr(GBytes) png = NULL, svg = NULL;
  g_autoptr(GError) error = NULL;
  static const guchar png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *text = NULL;
  CgPlotFormat format;
  const char *data;
  gsize len;

  for (int i = 1; i <= 5; i++)
    cg_plot_append_point (plot, "NDCG@10", i, 0.1 * i);
  png = cg_plot_render (plot, CG_PLOT_FORMAT_PNG, 320, 200, &error);
  ck_assert_ptr_nonnull (png);
  ck_assert_uint_gt (g_bytes_get_size (png), sizeof png_magic);
  ck_assert_int_eq (memcmp (g_bytes_get_data (png, NULL), png_magic, sizeof png_magic), 0);
  svg = cg_plot_render (plot, CG_PLOT_FORMAT_SVG, 320, 200, &error);
  ck_assert_ptr_nonnull (svg);
  data = g_bytes_get_data (svg, &len);
  text = g_strndup (data, len);
  ck_assert (g_str_has_prefix (text, "<?xml"));
  ck_assert_ptr_nonnull (strstr (text, "width=\"320"));
  ck_assert_ptr_nonnull (strstr (text, "</svg>"));

  ck_assert (cg_plot_format_for_path ("a/b.SVG", &format));
  ck_assert_int_eq (format, CG_PLOT_FORMAT_SVG);
  ck_assert (cg_plot_format_for_path ("plot.png", &format));
  ck_assert_int_eq (format, CG_PLOT_FORMAT_PNG);
  ck_assert (!cg_plot_format_for_path ("plot.pdf", &format));
  ck_assert (!cg_plot_format_for_path ("svg", &format));
}
END_TEST

START_TEST (test_properties)
{
  g_autoptr(CgPlot) plot = new_plot ();
  g_autofree char *title = NULL;
  gboolean from_zero = FALSE;

  g_object_set (plot, "title", "Metrics", "y-from-zero", TRUE, "x-integer", TRUE,
                "x-label", "epoch", "y-label", "value", NULL);
  g_object_get (plot, "title", &title, "y-from-zero", &from_zero, NULL);
  ck_assert_str_eq (title, "Metrics");
  ck_assert (from_zero);
  ck_assert_str_eq (cg_plot_get_title (plot), "Metrics");
}
END_TEST

/* The range maths alone, no drawing. */
START_TEST (test_axis_ranges)
{
  CgPlotAxis axis;
  g_autofree char *tick = NULL;

  /* A constant non-zero series: ±10 %; at zero: ±1; an integer axis: ±0.5, then down to
   * a whole number. */
  cg_plot_axis_set_y_range (&axis, 2.0, 2.0, FALSE, 0.0, FALSE);
  ck_assert_double_eq_tol (axis.min, 1.8, 1e-12);
  ck_assert_double_eq_tol (axis.max, 2.2, 1e-12);
  cg_plot_axis_set_y_range (&axis, 0.0, 0.0, FALSE, 0.0, FALSE);
  ck_assert_double_eq (axis.min, -1.0);
  ck_assert_double_eq (axis.max, 1.0);
  cg_plot_axis_set_x_range (&axis, 3.0, 3.0, TRUE);
  ck_assert_double_eq (axis.min, 2.0);
  ck_assert_double_eq (axis.max, 3.5);

  /* The reference and zero are taken in; a non-finite reference is not. */
  cg_plot_axis_set_y_range (&axis, 0.3, 0.5, TRUE, 0.7, TRUE);
  ck_assert_double_eq (axis.min, 0.0);
  ck_assert_double_eq (axis.max, 0.7);
  cg_plot_axis_set_y_range (&axis, 0.3, 0.5, TRUE, NAN, FALSE);
  ck_assert_double_eq (axis.min, 0.3);
  ck_assert_double_eq (axis.max, 0.5);

  /* Per-step x values just after 0 on an epoch axis start the axis at 0. */
  cg_plot_axis_set_x_range (&axis, 0.02, 3.0, TRUE);
  ck_assert_double_eq (axis.min, 0.0);

  /* y padded out to whole nice steps; labels with as many decimals as the step needs. */
  cg_plot_axis_set_y_range (&axis, 0.13, 0.61, FALSE, 0.0, FALSE);
  cg_plot_axis_fit_y (&axis, 200.0);
  ck_assert_double_eq_tol (axis.step, 0.1, 1e-12);
  ck_assert_double_eq_tol (axis.min, 0.1, 1e-12);
  ck_assert_double_eq_tol (axis.max, 0.7, 1e-12);
  ck_assert_int_eq (axis.digits, 1);
  tick = cg_plot_axis_format_tick (&axis, -1e-17);
  ck_assert_str_eq (tick, "0.0");

  /* A top value on a tick gets one step of headroom: one epoch's HitRate of 0.8. */
  cg_plot_axis_set_y_range (&axis, 0.8, 0.8, FALSE, 0.0, TRUE);
  cg_plot_axis_fit_y (&axis, 200.0);
  ck_assert_double_eq_tol (axis.step, 0.2, 1e-12);
  ck_assert_double_eq (axis.min, 0.0);
  ck_assert_double_eq_tol (axis.max, 1.0, 1e-12);
  /* Also when it is the reference line that reaches the tick. */
  cg_plot_axis_set_y_range (&axis, 0.1, 0.2, TRUE, 0.4, TRUE);
  cg_plot_axis_fit_y (&axis, 200.0);
  ck_assert_double_gt (axis.max, 0.4 + axis.step * 0.5);

  /* Whole-number x ticks on an epoch axis however narrow. */
  cg_plot_axis_set_x_range (&axis, 1.0, 3.0, TRUE);
  cg_plot_axis_fit_x (&axis, 400.0, TRUE);
  ck_assert_double_eq (axis.step, 1.0);
  ck_assert_double_eq (cg_plot_axis_first_tick (&axis), 1.0);
}
END_TEST

static Suite *
plot_suite (void)
{
  Suite *suite = suite_create ("plot");
  TCase *tc = tcase_create ("draw");

  tcase_add_checked_fixture (tc, setup, NULL);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_series_color_in_plot_area);
  tcase_add_test (tc, test_two_series_distinct_colors);
  tcase_add_test (tc, test_empty_draws_frame);
  tcase_add_test (tc, test_single_point_and_constant);
  tcase_add_test (tc, test_non_finite_skipped);
  tcase_add_test (tc, test_points_are_copied);
  tcase_add_test (tc, test_reference_line_drawn);
  tcase_add_test (tc, test_write_png);
  tcase_add_test (tc, test_note_drawn);
  tcase_add_test (tc, test_render_formats);
  tcase_add_test (tc, test_properties);
  tcase_add_test (tc, test_axis_ranges);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_widget_suite (plot_suite ());
}
