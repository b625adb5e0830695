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
  GtkWidget             *title_box;
  GtkLabel              *title_label;
  GtkLabel              *subtitle_label;
  AdwViewSwitcherTitle  *switcher_title;
  GtkWidget             *open_button;
  GtkWidget             *save_button;
  GtkRevealer           *saving_banner;
  GtkLabel              *saving_label;
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
  AdwViewSwitcherBar    *switcher_bar;

  /* owned */
  CgSession             *session;
  GCancellable          *cancellable;      /* of questions; cancelled when the window closes */
  GtkNativeDialog       *chooser;          /* the open file chooser, if any */
  GtkWidget             *dataset_chooser;  /* (weak) the list of datasets, if shown */
  GFile                 *file_to_open;     /* asked for before the dataset was loaded */
  GArray                *rating_undo;      /* (CgRatingChange) your last rating changes,
                                            * newest last, for Undo */
  AdwToast              *rating_toast;     /* (weak) the toast of the last change, if shown */
  AdwToast              *loading_toast;    /* (weak) "Opening …" while another dataset loads
                                            * over the one shown */
  guint                  narrow_id;        /* the idle that follows the switcher title */

  guint                  close_confirmed : 1;
  guint                  close_asking : 1;     /* the discard question is on screen */
};

/* A rating change as Undo reverts it: the movie and the stars it had before (0 = none). */
typedef struct
{
  guint32 movie_id;
  guint   old_rating;
} CgRatingChange;

/* What to do next, once a step asked for can go on. */
typedef void (*CgWindowThen) (CgWindow *self,
                              gpointer  data);

/* cg-window-files.c */
/* Runs then (self, data) at once when the model is saved (or there is none), else asks:
 * after Discard, or once the model is saved (Save, or Save As… for a model never saved).
 * free_data (data) runs in any case, when the question is over. */
void   _cg_window_confirm_unsaved     (CgWindow       *self,
                                       const char     *what_happens,
                                       CgWindowThen    then,
                                       gpointer        data,
                                       GDestroyNotify  free_data);
/* Saves to the model's file, or asks for one first; then continues as above. */
void   _cg_window_save                (CgWindow       *self,
                                       CgWindowThen    then,
                                       gpointer        data,
                                       GDestroyNotify  free_data);
void   _cg_window_save_as             (CgWindow       *self,
                                       CgWindowThen    then,
                                       gpointer        data,
                                       GDestroyNotify  free_data);
void   _cg_window_choose_model_to_open (CgWindow      *self);
/* Shows toast, dismissing the one *slot still points at; *slot follows it weakly. */
void   _cg_window_show_toast_in        (CgWindow      *self,
                                        AdwToast     **slot,
                                        AdwToast      *toast);
/* Dismisses *toast, a weak pointer, if it still points at one, and clears it. */
void   _cg_window_dismiss_toast        (AdwToast     **toast);
/* The one chooser of the window, replacing any other; with the model filters unless it
 * chooses a folder. */
GtkFileChooserNative *_cg_window_new_chooser (CgWindow             *self,
                                              const char           *title,
                                              GtkFileChooserAction  action,
                                              const char           *accept_label);
/* The file chosen (or NULL); closes and forgets the chooser. */
GFile *_cg_window_finish_chooser      (CgWindow        *self,
                                       GtkNativeDialog *native,
                                       int              response);

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
/* The same with a button running detailed_action, e.g. "win.show-view('recommendations')". */
void   _cg_window_toast_with_button   (CgWindow       *self,
                                       const char     *title,
                                       const char     *button_label,
                                       const char     *detailed_action);
/* The directory to offer in file choosers: the model's, else the user's documents. */
GFile *_cg_window_dup_model_folder    (CgWindow       *self);
/* "cinegan-u1.cgan": a file name to suggest for a model never saved. */
char  *_cg_window_dup_suggested_name  (CgWindow       *self);

G_END_DECLS
