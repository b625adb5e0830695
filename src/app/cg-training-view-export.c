/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-export.c: saving the Training page's plots and the history they show.
 *
 * training.export-plot (the plot's name: "loss", "metrics" or "game") saves a plot as PNG
 * or SVG, as its file name's extension says (else as the chosen filter says, the
 * extension added); training.export-history saves the history the plots show — the run's,
 * or an opened model's — as the CSV that `cinegan-cli model-info FILE --history csv`
 * prints. Both ask for a file with GtkFileChooserNative (GTK 4.8 has no GtkFileDialog) and
 * write it atomically; both need a history to save.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "cg-dialogs.h"
#include "cg-export.h"
#include "cg-file.h"
#include "cg-plot-export.h"
#include "cg-training-view-private.h"

/* A plot exported before it was ever shown gets this size. */
#define FALLBACK_WIDTH  800
#define FALLBACK_HEIGHT 400

typedef struct
{
  const char *name;       /* the action's target */
  const char *file_name;  /* suggested, without extension */
} PlotName;

static const PlotName plot_names[] = {
  { "loss", N_("cinegan-losses") },
  { "metrics", N_("cinegan-metrics") },
  { "game", N_("cinegan-adversarial-game") },
};

static CgPlot *
plot_named (CgTrainingView *self,
            const char     *name)
{
  CgPlot *plots[] = { self->loss_plot, self->metrics_plot, self->diagnostics_plot };

  G_STATIC_ASSERT (G_N_ELEMENTS (plots) == G_N_ELEMENTS (plot_names));
  for (guint i = 0; i < G_N_ELEMENTS (plot_names); i++)
    if (g_str_equal (plot_names[i].name, name))
      return plots[i];
  return NULL;
}

const CgEpochRecord *
_cg_training_view_get_history (CgTrainingView *self,
                               guint          *n_records)
{
  *n_records = 0;
  if (self->run != NULL)
    return cg_training_run_get_epochs (self->run, n_records);
  if (self->history_model != NULL)
    return cg_cgan_get_history (cg_trained_model_get_cgan (self->history_model), n_records);
  return NULL;
}

void
_cg_training_view_update_export (CgTrainingView *self)
{
  guint n;

  _cg_training_view_get_history (self, &n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.export-plot", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.export-history", n > 0);
}

/* ---- the chooser ---- */

typedef struct
{
  CgTrainingView *self;
  CgPlot         *plot;        /* NULL: a history */
  CgRun          *run;         /* the kept run whose history it is; NULL: the plots' */
  GtkFileFilter  *svg_filter;  /* the plot's SVG filter, borrowed from the chooser */
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->plot);
  g_clear_pointer (&request->run, cg_run_free);
  g_free (request);
}

static gboolean
write_history (Request         *request,
               const char      *path,
               GError         **error)
{
  const CgEpochRecord *records;
  g_autofree char *csv = NULL;
  guint n;

  if (request->run != NULL)
    {
      records = (const CgEpochRecord *) (gpointer) request->run->history->data;
      n = request->run->history->len;
    }
  else
    records = _cg_training_view_get_history (request->self, &n);
  csv = cg_export_history_csv (records, n);
  return cg_file_replace (path, csv, strlen (csv), 0644, CG_FILE_REPLACE_DEFAULT, error);
}

static gboolean
write_plot (Request         *request,
            GtkFileChooser  *chooser,
            char           **path,
            GError         **error)
{
  GtkWidget *widget = GTK_WIDGET (request->plot);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  CgPlotFormat format;

  if (!cg_plot_format_for_path (*path, &format))
    {
      char *named;

      format = gtk_file_chooser_get_filter (chooser) == request->svg_filter
               ? CG_PLOT_FORMAT_SVG : CG_PLOT_FORMAT_PNG;
      named = g_strconcat (*path, format == CG_PLOT_FORMAT_SVG ? ".svg" : ".png", NULL);
      g_free (*path);
      *path = named;
    }
  if (width <= 0 || height <= 0)
    {
      width = FALLBACK_WIDTH;
      height = FALLBACK_HEIGHT;
    }
  return cg_plot_export (request->plot, *path, format, width, height, error);
}

static void
on_chooser_response_cb (GtkNativeDialog *native,
                        int              response,
                        Request         *request)
{
  CgTrainingView *self = request->self;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    {
      if (request->plot != NULL)
        ok = write_plot (request, GTK_FILE_CHOOSER (native), &path, &error);
      else
        ok = write_history (request, path, &error);
      if (!ok)
        cg_dialogs_show_error (GTK_WIDGET (self),
                               request->plot != NULL ? _("Could Not Save the Plot")
                                                     : _("Could Not Export the History"),
                               error->message);
    }
  gtk_native_dialog_destroy (native);
  if (self->chooser == native)
    g_clear_object (&self->chooser);
}

static GtkFileFilter *
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  return filter;
}

static void
ask_for_file (CgTrainingView *self,
              const char     *title,
              const char     *file_name,
              Request        *request)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;

  /* One chooser at a time: a second export while one is open replaces it. */
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  native = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (chooser, file_name);
  if (request->plot != NULL)
    {
      GtkFileFilter *png = add_filter (chooser, _("PNG Image"), "image/png", "*.png");

      request->svg_filter = add_filter (chooser, _("SVG Image"), "image/svg+xml", "*.svg");
      gtk_file_chooser_set_filter (chooser, png);
    }
  else
    add_filter (chooser, _("CSV File"), "text/csv", "*.csv");
  self->chooser = GTK_NATIVE_DIALOG (native);
  g_signal_connect_data (native, "response", G_CALLBACK (on_chooser_response_cb), request,
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- actions ---- */

static void
export_plot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CgTrainingView *self = CG_TRAINING_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  CgPlot *plot = plot_named (self, name);
  g_autofree char *file_name = NULL;
  Request *request;

  if (plot == NULL)
    {
      g_warning ("No plot named “%s”", name);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (plot_names); i++)
    if (g_str_equal (plot_names[i].name, name))
      file_name = g_strconcat (_(plot_names[i].file_name), ".png", NULL);
  request = g_new0 (Request, 1);
  request->self = self;
  request->plot = g_object_ref (plot);
  ask_for_file (self, _("Save Plot"), file_name, request);
}

static void
export_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgTrainingView *self = CG_TRAINING_VIEW (widget);
  g_autofree char *file_name = g_strconcat (_("cinegan-history"), ".csv", NULL);
  Request *request = g_new0 (Request, 1);

  request->self = self;
  ask_for_file (self, _("Export History"), file_name, request);
}

/* A kept run's history, from its row in the runs list (the target is the run's id). The
 * run is copied: it may be renamed or deleted while the chooser is open. */
static void
export_run_history_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CgTrainingView *self = CG_TRAINING_VIEW (widget);
  const CgRun *run = NULL;
  g_autofree char *file_name = NULL;
  Request *request;

  if (self->runs_store != NULL)
    run = cg_run_index_find (cg_runs_store_get_index (self->runs_store),
                             g_variant_get_string (parameter, NULL));
  if (run == NULL || run->history->len == 0)
    return;
  request = g_new0 (Request, 1);
  request->self = self;
  request->run = cg_run_copy (run);
  file_name = g_strconcat (run->name, ".csv", NULL);
  g_strdelimit (file_name, G_DIR_SEPARATOR_S, '-');
  ask_for_file (self, _("Export the Run's History"), file_name, request);
}

void
_cg_training_view_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "training.export-run-history", "s",
                                   export_run_history_action);
  gtk_widget_class_install_action (widget_class, "training.export-plot", "s",
                                   export_plot_action);
  gtk_widget_class_install_action (widget_class, "training.export-history", NULL,
                                   export_history_action);
}

void
_cg_training_view_dispose_export (CgTrainingView *self)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
}
