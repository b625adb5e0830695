/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window-private.h: what cg-window.c, cg-window-actions.c and cg-window-model.c share.
 *
 * The instance struct and the few internal calls the actions need; nothing outside the
 * window's own files includes this.
 */
#pragma once

#include "cg-catalog-model.h"
#include "cg-window.h"

G_BEGIN_DECLS

struct _CgWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *open_button;
  GtkWidget            *save_button;
  GtkStack             *main_stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  GtkLabel             *missing_error_label;
  GtkLabel             *missing_command_label;
  GtkLabel             *missing_places_label;
  GtkWidget            *choose_button;
  AdwViewStack         *view_stack;
  CgCatalogView        *catalog_view;
  GtkBox               *training_page;
  GtkBox               *recommendations_page;

  /* borrowed: children of training_page and recommendations_page */
  GtkWidget            *training_view;
  GtkWidget            *recommendations_view;

  /* owned */
  GCancellable         *cancellable;      /* cancelled when the window closes */
  CgRatingsStore       *ratings;
  CgCatalogModel       *catalog_model;
  char                 *data_dir;         /* NULL until a dataset is loaded */
  CgDataset            *dataset;          /* the catalogue's: u1, default threshold */
  GtkNativeDialog      *chooser;          /* the open file chooser, if any */

  /* The current model: the dataset it was trained on (with "you" as you_user_id when not
   * 0), the file it was loaded from or saved to, and whether it changed since. */
  CgCgan               *model;
  CgDataset            *model_dataset;
  guint32               you_user_id;
  GFile                *model_file;
  gboolean              model_dirty;

  guint                 loading : 1;
  guint                 opening : 1;
  guint                 close_confirmed : 1;
  guint                 close_asking : 1;     /* the discard question is on screen */
};

/* cg-window-actions.c */
void _cg_window_class_init_actions (GtkWidgetClass *widget_class);
void _cg_window_update_actions     (CgWindow       *self);

/* cg-window.c */
void _cg_window_update_title       (CgWindow       *self);
/* The catalogue's "liked" threshold from the current model's dataset (else the catalogue's). */
void _cg_window_sync_liked_threshold (CgWindow     *self);
void _cg_window_show_error         (CgWindow       *self,
                                    const char     *primary,
                                    const GError   *error);
/* A short note at the bottom of the window ("Model saved", a recoverable error). */
void _cg_window_toast              (CgWindow       *self,
                                    const char     *title);
/* Whether the training view is running. */
gboolean _cg_window_is_training    (CgWindow       *self);
/* "sh /usr/share/cinegan/fetch-movielens.sh ~/.local/share/cinegan", newly allocated. */
char  *_cg_window_dup_fetch_command (void);
/* Remembers a folder chosen in the app, so the next start finds it. */
void   _cg_window_remember_data_dir (const char    *dir);

/* cg-window-model.c */
/* Takes model and dataset. file may be NULL (a model not saved yet). */
void _cg_window_set_model          (CgWindow       *self,
                                    CgCgan         *model,
                                    CgDataset      *dataset,
                                    guint32         you_user_id,
                                    GFile          *file,
                                    gboolean        dirty);
/* The directory to offer in file choosers: the model's, else the user's documents. */
GFile *_cg_window_dup_model_folder (CgWindow       *self);
/* "cinegan-u1.cgan": a file name to suggest for a model never saved. */
char  *_cg_window_dup_suggested_name (CgWindow     *self);

G_END_DECLS
