/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window-private.h: what cg-window.c and cg-window-actions.c share.
 *
 * The instance struct and the few internal calls the actions need; nothing outside the
 * window's own files includes this.
 */
#pragma once

#include "cg-catalog-view.h"
#include "cg-recommendations-view.h"
#include "cg-training-view.h"
#include "cg-window.h"

G_BEGIN_DECLS

struct _CgWindow
{
  AdwApplicationWindow   parent_instance;

  /* template widgets */
  AdwToastOverlay       *toast_overlay;
  AdwHeaderBar          *header_bar;
  GtkLabel              *title_label;
  GtkLabel              *subtitle_label;
  AdwViewSwitcherTitle  *switcher_title;
  GtkWidget             *open_button;
  GtkWidget             *save_button;
  GtkStack              *main_stack;
  AdwStatusPage         *loading_page;
  GtkSpinner            *loading_spinner;
  GtkLabel              *missing_error_label;
  GtkLabel              *missing_command_label;
  GtkLabel              *missing_places_label;
  GtkWidget             *choose_button;
  AdwViewStack          *view_stack;
  CgCatalogView         *catalog_view;
  CgTrainingView        *training_view;
  CgRecommendationsView *recommendations_view;

  /* owned */
  CgSession             *session;
  GCancellable          *cancellable;      /* of questions; cancelled when the window closes */
  GtkNativeDialog       *chooser;          /* the open file chooser, if any */

  guint                  close_confirmed : 1;
  guint                  close_asking : 1;     /* the discard question is on screen */
};

/* cg-window-actions.c */
void   _cg_window_class_init_actions  (GtkWidgetClass *widget_class);
void   _cg_window_update_actions      (CgWindow       *self);

/* cg-window.c */
void   _cg_window_show_error          (CgWindow       *self,
                                       const char     *primary,
                                       const GError   *error);
/* A short note at the bottom of the window ("Model saved", a recoverable error). */
void   _cg_window_toast               (CgWindow       *self,
                                       const char     *title);
/* "sh /usr/share/cinegan/fetch-movielens.sh ~/.local/share/cinegan", newly allocated. */
char  *_cg_window_dup_fetch_command   (void);
/* The directory to offer in file choosers: the model's, else the user's documents. */
GFile *_cg_window_dup_model_folder    (CgWindow       *self);
/* "cinegan-u1.cgan": a file name to suggest for a model never saved. */
char  *_cg_window_dup_suggested_name  (CgWindow       *self);

G_END_DECLS
