/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dialogs.c: error, warning and confirmation dialogs.
 *
 * The confirmation wraps the dialog's ::response in a GTask so callers read like any other
 * async GIO call and can cancel it (the window cancels pending questions when it closes).
 * The task finishes exactly once: with the answer, or cancelled when the dialog goes away
 * without one.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

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
show_message (GtkWidget      *widget,
              GtkMessageType  type,
              const char     *primary,
              const char     *secondary)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent_window (widget),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   type, GTK_BUTTONS_CLOSE, "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cg_dialogs_show_error (GtkWidget  *widget,
                       const char *primary,
                       const char *secondary)
{
  g_return_if_fail (primary != NULL);

  show_message (widget, GTK_MESSAGE_ERROR, primary, secondary);
}

void
cg_dialogs_show_warning (GtkWidget  *widget,
                         const char *primary,
                         const char *secondary)
{
  g_return_if_fail (primary != NULL);

  show_message (widget, GTK_MESSAGE_WARNING, primary, secondary);
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
on_confirm_response_cb (GtkDialog *dialog,
                        int        response,
                        Question  *question)
{
  g_autoptr(GTask) task = g_steal_pointer (&question->task);

  if (task == NULL)
    return;

  /* The answer may close and free the parent window (Discard and Close) while this
   * emission still holds the dialog; the dialog's own dispose would then unhook itself
   * from the freed parent. Let go of the parent first. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, response == GTK_RESPONSE_ACCEPT);
}

static void
on_confirm_destroy_cb (GtkWidget *dialog,
                       Question  *question)
{
  g_autoptr(GTask) task = g_steal_pointer (&question->task);

  /* Gone without an answer (destroyed with its parent, or by someone else): the caller
   * must still finish, and drop whatever it holds for the answer. */
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The question was closed without an answer");
}

static void
on_confirm_cancelled_cb (GCancellable *cancellable,
                         GtkDialog    *dialog)
{
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
}

void
cg_dialogs_confirm_async (GtkWidget           *widget,
                          const char          *primary,
                          const char          *secondary,
                          const char          *accept_label,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GtkWidget *dialog;
  GtkWidget *accept;
  Question *question;

  g_return_if_fail (primary != NULL);
  g_return_if_fail (accept_label != NULL);

  question = g_new0 (Question, 1);
  question->task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (question->task, cg_dialogs_confirm_async);

  dialog = gtk_message_dialog_new (parent_window (widget),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), "_Cancel", GTK_RESPONSE_CANCEL);
  accept = gtk_dialog_add_button (GTK_DIALOG (dialog), accept_label, GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (accept, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  /* The question lives as long as the dialog; "destroy" comes from the dialog's dispose,
   * before its data is dropped. */
  g_object_set_data_full (G_OBJECT (dialog), "cg-question", question,
                          (GDestroyNotify) question_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), question);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_confirm_destroy_cb), question);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_confirm_cancelled_cb),
                             dialog, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
cg_dialogs_confirm_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
