/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dialogs.c: error, warning and question dialogs.
 *
 * A question wraps the dialog's ::response in a GTask so callers read like any other async
 * GIO call and can cancel it (the window cancels pending questions when it closes). The
 * task finishes exactly once: with the answer, or cancelled when the dialog goes away
 * without one.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-dialogs.h"

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  if (widget == NULL)
    return NULL;
  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_message (GtkWidget  *widget,
              const char *heading,
              const char *body,
              const char *css_class)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (widget), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, css_class);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cg_dialogs_show_error (GtkWidget  *widget,
                       const char *heading,
                       const char *body)
{
  g_return_if_fail (heading != NULL);

  show_message (widget, heading, body, "error");
}

void
cg_dialogs_show_warning (GtkWidget  *widget,
                         const char *heading,
                         const char *body)
{
  g_return_if_fail (heading != NULL);

  show_message (widget, heading, body, "warning");
}

/* One question on screen. The task is taken out by whichever comes first, the answer or
 * the dialog's end, so the caller hears back exactly once. */
typedef struct
{
  GTask *task;
} Question;

static void
question_free (Question *question)
{
  /* Both handlers have run or are gone by the time the dialog drops its data. */
  g_assert (question->task == NULL);
  g_free (question);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Question         *question)
{
  g_autoptr(GTask) task = g_steal_pointer (&question->task);
  g_autofree char *chosen = g_strdup (response);

  if (task == NULL)
    return;

  /* The answer may close and free the parent window (Discard and Close) while this
   * emission still holds the dialog; the dialog's own dispose would then unhook itself
   * from the freed parent. Let go of the parent first. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&chosen), g_free);
}

static void
on_destroy_cb (GtkWidget *dialog,
               Question  *question)
{
  g_autoptr(GTask) task = g_steal_pointer (&question->task);

  /* Gone without an answer (destroyed with its parent, or by someone else): the caller
   * must still finish, and drop whatever it holds for the answer. */
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The question was closed without an answer"));
}

static void
on_cancelled_cb (GCancellable     *cancellable,
                 AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "cancel");
}

void
cg_dialogs_ask_async (GtkWidget              *widget,
                      const char             *heading,
                      const char             *body,
                      const CgDialogResponse *responses,
                      guint                   n_responses,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  AdwMessageDialog *dialog;
  Question *question;

  g_return_if_fail (heading != NULL);
  g_return_if_fail (responses != NULL || n_responses == 0);

  question = g_new0 (Question, 1);
  question->task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (question->task, cg_dialogs_ask_async);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (widget), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  for (guint i = 0; i < n_responses; i++)
    {
      adw_message_dialog_add_response (dialog, responses[i].id, responses[i].label);
      adw_message_dialog_set_response_appearance (dialog, responses[i].id,
                                                  responses[i].appearance);
    }
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  /* The question lives as long as the dialog; "destroy" comes from the dialog's dispose,
   * before its data is dropped. */
  g_object_set_data_full (G_OBJECT (dialog), "cg-question", question,
                          (GDestroyNotify) question_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), question);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy_cb), question);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_cancelled_cb),
                             dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
cg_dialogs_ask_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
