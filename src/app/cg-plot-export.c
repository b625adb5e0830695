/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-plot-export.c: a plot rendered into PNG or SVG bytes, and written atomically.
 *
 * Rendering collects cairo's output in memory first: cg_file_replace then writes it the
 * one safe way (temporary file, flush, rename), and a failed render leaves no file at all.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <cairo-svg.h>

#include "cg-file.h"
#include "cg-plot-export.h"

gboolean
cg_plot_format_for_path (const char   *path,
                         CgPlotFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".svg"))
    *format = CG_PLOT_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *format = CG_PLOT_FORMAT_PNG;
  else
    return FALSE;
  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
cg_plot_render (CgPlot        *self,
                CgPlotFormat   format,
                int            width,
                int            height,
                GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CG_IS_PLOT (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (format == CG_PLOT_FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cg_plot_paint (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == CG_PLOT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  /* The SVG surface writes its end when it is finished. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not render the plot: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
cg_plot_export (CgPlot        *self,
                const char    *path,
                CgPlotFormat   format,
                int            width,
                int            height,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  gconstpointer data;

  g_return_val_if_fail (CG_IS_PLOT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = cg_plot_render (self, format, width, height, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return cg_file_replace (path, data, len, 0644, CG_FILE_REPLACE_DEFAULT, error);
}

gboolean
cg_plot_write_png (CgPlot      *self,
                   const char  *path,
                   int          width,
                   int          height,
                   GError     **error)
{
  return cg_plot_export (self, path, CG_PLOT_FORMAT_PNG, width, height, error);
}
