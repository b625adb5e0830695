/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dialogs.h: the app's message dialogs, built on AdwMessageDialog.
 *
 * An error or a warning is shown and forgotten; a question is an async call with a
 * _finish that says which response was chosen.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A modal error dialog over the window holding widget (which may be NULL). body is
 * usually the engine's message, shown as is. */
void        cg_dialogs_show_error     (GtkWidget           *widget,
                                       const char          *heading,
                                       const char          *body);
/* The same as a warning: something was repaired, nothing is wrong now. */
void        cg_dialogs_show_warning   (GtkWidget           *widget,
                                       const char          *heading,
                                       const char          *body);

/* One answer of a question: its id (what _finish returns), its label with a mnemonic, and
 * how it looks. */
typedef struct
{
  const char            *id;
  const char            *label;
  AdwResponseAppearance  appearance;
} CgDialogResponse;

/* Asks a question with "cancel" (labelled Cancel, the default and what Escape gives)
 * followed by responses (n_responses of them). */
void        cg_dialogs_ask_async      (GtkWidget              *widget,
                                       const char             *heading,
                                       const char             *body,
                                       const CgDialogResponse *responses,
                                       guint                   n_responses,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
/* The chosen response's id (one of the caller's, or "cancel"), newly allocated. NULL with
 * G_IO_ERROR_CANCELLED when cancellable was cancelled or the dialog was destroyed without
 * an answer (with its parent, say). */
char       *cg_dialogs_ask_finish     (GAsyncResult           *result,
                                       GError                **error);

G_END_DECLS
