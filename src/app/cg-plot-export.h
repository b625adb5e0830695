/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-plot-export.h: a plot as a PNG or SVG file.
 *
 * Both go through cairo's own surfaces (an image surface written as PNG, an SVG surface),
 * painted by cg_plot_paint, so a file shows what the widget shows. Files are written
 * atomically (cg_file_replace: a temporary file beside the target, renamed over it).
 */
#pragma once

#include "cg-plot.h"

G_BEGIN_DECLS

typedef enum
{
  CG_PLOT_FORMAT_PNG,
  CG_PLOT_FORMAT_SVG,
} CgPlotFormat;

/* The format a file name asks for by its extension (".svg", ".png", any case); FALSE when
 * it names neither. */
gboolean  cg_plot_format_for_path (const char    *path,
                                   CgPlotFormat  *format);
/* The plot as the bytes of a format's file, width × height pixels (points for SVG). */
GBytes   *cg_plot_render          (CgPlot        *self,
                                   CgPlotFormat   format,
                                   int            width,
                                   int            height,
                                   GError       **error);
/* Writes the plot to path in that format, replacing any file there atomically. */
gboolean  cg_plot_export          (CgPlot        *self,
                                   const char    *path,
                                   CgPlotFormat   format,
                                   int            width,
                                   int            height,
                                   GError       **error);
/* cg_plot_export as PNG. */
gboolean  cg_plot_write_png       (CgPlot        *self,
                                   const char    *path,
                                   int            width,
                                   int            height,
                                   GError       **error);

G_END_DECLS
