/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-gui-test.h: what the app's tests share.
 *
 * Finding widgets (by a predicate: name, type, action, accessible role — never by the text
 * they show, which translations change), running the main loop until something holds, a
 * fixture that gives each test its own home (a synthetic MovieLens folder and empty XDG
 * folders, so no test sees the user's data), a tiny model configuration that trains in a
 * blink, screenshots, and answering message dialogs as a click would.
 */
#pragma once

#include <adwaita.h>

#include "cg-application.h"
#include "cg-cgan.h"
#include "cg-test-util.h"
#include "cg-window.h"

G_BEGIN_DECLS

/* ---- finding widgets ---- */

typedef gboolean (*CgTestWidgetPredicate) (GtkWidget     *widget,
                                           gconstpointer  data);

/* The first widget at or under root, depth first, for which predicate holds; NULL if none. */
GtkWidget *cg_test_find_widget            (GtkWidget             *root,
                                           CgTestWidgetPredicate  predicate,
                                           gconstpointer          data);
/* Every such widget, in the same order (free the array; the widgets are borrowed). */
GPtrArray *cg_test_find_widgets           (GtkWidget             *root,
                                           CgTestWidgetPredicate  predicate,
                                           gconstpointer          data);

/* Predicates. data: a const char * name (gtk_widget_get_name, set as "name" in the .ui),
 * a GType (GSIZE_TO_POINTER), a const char * action name, a GtkAccessibleRole
 * (GINT_TO_POINTER), a const char * CSS class. */
gboolean   cg_test_widget_has_name        (GtkWidget *widget, gconstpointer name);
gboolean   cg_test_widget_is_a            (GtkWidget *widget, gconstpointer type);
gboolean   cg_test_widget_has_action      (GtkWidget *widget, gconstpointer action_name);
gboolean   cg_test_widget_has_role        (GtkWidget *widget, gconstpointer role);
gboolean   cg_test_widget_has_css_class   (GtkWidget *widget, gconstpointer css_class);
/* A row of the shortcuts window for that action (a const char * action name). */
gboolean   cg_test_shortcut_has_action    (GtkWidget *widget, gconstpointer action_name);
/* A mapped widget of that type (what the user can see). */
gboolean   cg_test_widget_is_mapped_a     (GtkWidget *widget, gconstpointer type);
/* A mapped label whose text begins with that const char * (a toast's title, say). */
gboolean   cg_test_label_starts_with      (GtkWidget *widget, gconstpointer prefix);

/* Shorthands that fail the test when there is no such widget. */
GtkWidget *cg_test_get_by_name            (GtkWidget  *root,
                                           const char *name);
GtkWidget *cg_test_get_by_type            (GtkWidget  *root,
                                           GType       type);

/* ---- the main loop ---- */

typedef gboolean (*CgTestCondition) (gpointer data);

/* Iterates the default main context until condition holds or timeout_ms passed; returns
 * the condition's last value. */
gboolean   cg_test_spin_until             (CgTestCondition  condition,
                                           gpointer         data,
                                           guint            timeout_ms);
/* Iterates it for ms milliseconds. */
void       cg_test_spin_for               (guint            ms);
/* TRUE once *data (a gboolean) is TRUE. */
gboolean   cg_test_flag_set               (gpointer         data);
/* data points at a weak pointer: TRUE once the object is finalised. */
gboolean   cg_test_object_gone            (gpointer         data);
/* Conditions on a widget (data): shown on screen, or not. */
gboolean   cg_test_mapped                 (gpointer         data);
gboolean   cg_test_unmapped               (gpointer         data);

/* ---- a home per test ---- */

/* Makes a temp folder with XDG data/config/cache folders in it (set in the environment,
 * with CINEGAN_DATA_DIR unset) and a synthetic MovieLens folder in it (the default
 * CgSyntheticSpec, seed 5). A checked fixture: tcase_add_checked_fixture (tc,
 * cg_test_home_setup, cg_test_home_teardown). */
void        cg_test_home_setup            (void);
void        cg_test_home_teardown         (void);
const char *cg_test_home_dir              (void);
/* The synthetic MovieLens folder. */
const char *cg_test_home_data_dir         (void);
/* A path inside the home folder, newly allocated. */
char       *cg_test_home_path             (const char *name);
/* Rewrites the data folder's file name (as raw bytes: u.item is Latin-1), every line's
 * match of pattern (a multi-line regex) replaced by replacement (with \\1 and the like). */
void        cg_test_edit_data_file        (const char *name,
                                           const char *pattern,
                                           const char *replacement);

/* ---- async calls ---- */

/* How an async call ended, filled by cg_test_outcome_cb (user_data: a CgTestOutcome). */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} CgTestOutcome;

/* Finishes whichever call of the app it is given: loading a dataset or opening a model
 * (session or window), or a training run. */
void     cg_test_outcome_cb           (GObject       *source,
                                       GAsyncResult  *result,
                                       gpointer       outcome);
/* Runs the main loop until outcome is done (failing the test after timeout_ms); returns
 * whether the call succeeded. */
gboolean cg_test_wait                 (CgTestOutcome *outcome,
                                       guint          timeout_ms);

/* A session on a ratings store of its own (in the home folder), with the home's dataset
 * loaded. */
CgSession *cg_test_session_new        (void);

/* A window of width × height with view (a CgSessionView) following session in it, once it
 * is on screen and laid out. */
GtkWindow *cg_test_show_session_view  (GtkWidget  *view,
                                       CgSession  *session,
                                       int         width,
                                       int         height);
/* Destroys *window (when set) and drops *session, letting what they started wind down;
 * both are NULL after. */
void       cg_test_close_session_view (GtkWindow **window,
                                       CgSession **session);
/* TRUE once the session (data) trains no more. */
gboolean   cg_test_session_idle       (gpointer    session);

/* A registered CgApplication that needs no bus name of its own. */
CgApplication *cg_test_application_new    (void);
/* A window of app on the home's dataset (through $CINEGAN_DATA_DIR), shown, once it has
 * loaded it. */
CgWindow      *cg_test_open_window        (CgApplication *app);
/* The same on another MovieLens folder (the real one, for the README's screenshots). */
CgWindow      *cg_test_open_window_on     (CgApplication *app,
                                           const char    *data_dir);
/* The same, once it has trained one tiny epoch: it then holds an unsaved model. */
CgWindow      *cg_test_open_window_with_unsaved_model (CgApplication *app);
/* g_application_run (app, argc, argv) in the real main loop, quitting after
 * give_up_seconds at the latest; its exit status. */
int            cg_test_run_application    (CgApplication *app,
                                           int            argc,
                                           char         **argv,
                                           guint          give_up_seconds);
/* Starts a run with config through win.train, as the Start button does (discarding an
 * unsaved model when the window asks); with wait, until it has ended. */
void           cg_test_window_train       (CgWindow           *window,
                                           const CgCganConfig *config,
                                           gboolean            wait);

/* The movie cards on screen in window's catalogue, in grid order, once there are at least
 * three (free the array; the cards are borrowed). */
GPtrArray     *cg_test_shown_cards        (CgWindow      *window);

/* ---- models ---- */

/* Settings small enough to train in well under a second on the synthetic data: E 8, Z 4,
 * H 16, batch 64, one thread, K 5, the given epochs; everything else the defaults. */
void       cg_test_tiny_config            (CgCganConfig *config,
                                           guint         epochs);

/* Resizes window (shown) as a person would, and lets it settle: its allocation is then
 * width wide, give or take the client-side shadow. */
void       cg_test_resize_window          (GtkWindow  *window,
                                           int         width,
                                           int         height);

/* ---- screens and dialogs ---- */

/* Renders widget (a toplevel) to $CG_SCREENSHOT_DIR/screenshot-<name>.png. */
void       cg_test_write_screenshot       (GtkWidget  *widget,
                                           const char *name);
/* Shows window's page view (a cg_window_show_view name), lets it settle, and renders the
 * window as cg_test_write_screenshot does. */
void       cg_test_shoot_view             (CgWindow   *window,
                                           const char *view,
                                           const char *name);
/* The visible AdwMessageDialog, or NULL. */
GtkWidget *cg_test_find_question          (void);
gboolean   cg_test_question_shown         (gpointer    data);
/* Answers dialog with response as a click on its button does: the response, then close. */
void       cg_test_answer_question        (GtkWidget  *dialog,
                                           const char *response);

/* The first visible toplevel of type, or NULL; a condition (data: the GType, as
 * GSIZE_TO_POINTER) that holds once one is on screen with its size. */
GtkWidget *cg_test_find_toplevel          (GType       type);
gboolean   cg_test_toplevel_shown         (gpointer    type);

/* The visible file chooser (GtkFileChooserNative shows one without a portal), or NULL. */
GtkWidget *cg_test_find_file_chooser      (void);
gboolean   cg_test_file_chooser_shown     (gpointer    data);
/* Chooses file in it and accepts, as a person would. */
void       cg_test_answer_file_chooser    (GFile      *file);
/* Says Replace to the chooser's own question about a name that already exists. */
void       cg_test_confirm_replacing_file (void);

/* ---- running ---- */

/* Runs a suite of widget tests in this process, GTK and libadwaita initialised: forked
 * test processes would share (and desynchronise) the parent's display connection. 77
 * (skipped) without a display. */
int        cg_test_run_widget_suite       (Suite      *suite);
/* Runs a suite whose every test starts an application of its own (so a fork each, GTK
 * initialised in the child), criticals fatal. */
int        cg_test_run_app_suite          (Suite      *suite);

G_END_DECLS
