/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dialogs.h: the app's two kinds of message dialog, built on GtkMessageDialog.
 *
 * GTK 4.8 has no GtkAlertDialog, and gtk_dialog_run is gone: an error is shown and forgotten,
 * a confirmation is an async call with a _finish.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal error dialog over the window holding widget (which may be NULL). secondary is
 * usually the engine's message, shown as is. */
void     cg_dialogs_show_error     (GtkWidget           *widget,
                                    const char          *primary,
                                    const char          *secondary);
/* The same as a warning: something was repaired, nothing is wrong now. */
void     cg_dialogs_show_warning   (GtkWidget           *widget,
                                    const char          *primary,
                                    const char          *secondary);

/* Asks before something destructive; accept_label names the action ("Discard"). Cancel is
 * the default response. */
void     cg_dialogs_confirm_async  (GtkWidget           *widget,
                                    const char          *primary,
                                    const char          *secondary,
                                    const char          *accept_label,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* TRUE when the user accepted. FALSE with G_IO_ERROR_CANCELLED when cancellable was
 * cancelled or the dialog was destroyed without an answer (with its parent, say). */
gboolean cg_dialogs_confirm_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
