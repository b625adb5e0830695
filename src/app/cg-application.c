/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-application.c: the Cinegan AdwApplication.
 *
 * Startup loads your ratings and sets every accelerator; AdwApplication loads style.css
 * from the resource base path itself. Activate opens the window (or raises the existing
 * one); open (`cinegan model.cgan`, or Files) opens model files in it. A damaged ratings
 * file is reported in a dialog over the first window, after it is shown.
 *
 * Help (F1) opens the README's guide to the app on the project's site: Cinegan has no
 * help pages of its own to install.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-application.h"
#include "cg-dialogs.h"
#include "cg-window.h"

struct _CgApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *data_dir;
  GSettings      *settings;
  CgRatingsStore *ratings;
  char           *ratings_problem;   /* shown once, over the first window */
  gboolean        ratings_problem_is_error;
};

G_DEFINE_FINAL_TYPE (CgApplication, cg_application, ADW_TYPE_APPLICATION)

#define HELP_URI PACKAGE_WEBSITE "/blob/main/README.md#the-app"

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("The MovieLens 100K folder (holding u.item, u.data, u1.base, …)"), "DIR" },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* ---- actions ---- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows;

  /* Closing the windows (not g_application_quit) lets each one ask about an unsaved
   * model and cancel its training first. */
  if (gtk_application_get_windows (app) == NULL)
    {
      g_application_quit (G_APPLICATION (app));
      return;
    }
  /* A window that closes leaves the application's list, freeing its node: walk a copy,
   * holding each window until the walk is over. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Cinegan developers", NULL };
  static const char *movielens[] = {
    "GroupLens Research https://grouplens.org/datasets/movielens/", NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", "Cinegan",
                        "application-icon", APPLICATION_ID,
                        "developer-name", "The Cinegan developers",
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Rate movies, train a collaborative GAN recommender on "
                                    "MovieLens 100K, and get recommendations."),
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_ISSUES,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Cinegan developers",
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Help"), HELP_URI);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), "MovieLens",
                                                movielens);
  /* The ratings every model learns from are GroupLens's, under their terms: say whose
   * they are, and that they are fetched from them, not shipped. */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("MovieLens Data"),
                                      _("MovieLens data by GroupLens Research, University of "
                                        "Minnesota"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Cinegan does not include or redistribute the MovieLens "
                                        "datasets: it reads a copy fetched from GroupLens "
                                        "(https://grouplens.org/datasets/movielens/), whose "
                                        "terms of use apply to it."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* With no browser to show it, the address is still there to be copied. */
  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *body = g_strdup_printf (_("The guide is at %s. %s"), HELP_URI,
                                               error->message);

      cg_dialogs_show_error (GTK_WIDGET (source), _("Could Not Open the Help"), body);
    }
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (window, HELP_URI, GDK_CURRENT_TIME, NULL, on_help_shown_cb, NULL);
}

static AdwColorScheme
color_scheme_from_name (const char *name)
{
  if (g_strcmp0 (name, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (name, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
on_color_scheme_changed_cb (CgApplication *self)
{
  AdwStyleManager *style = adw_application_get_style_manager (ADW_APPLICATION (self));
  g_autofree char *name = g_settings_get_string (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (style, color_scheme_from_name (name));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "help", help_activated, NULL, NULL, NULL, { 0 } },
};

/* ---- GApplication ---- */

static int
cg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CgApplication *self = CG_APPLICATION (app);
  const char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("cinegan %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &dir))
    {
      g_free (self->data_dir);
      /* Relative to where the user typed it, not to wherever the app later runs. */
      self->data_dir = g_canonicalize_filename (dir, NULL);
    }
  return G_APPLICATION_CLASS (cg_application_parent_class)->handle_local_options (app, options);
}

static void
set_accels (GtkApplication *app,
            const char     *action,
            const char     *first_accel,
            ...)
{
  g_autoptr(GPtrArray) accels = g_ptr_array_new ();
  va_list args;

  va_start (args, first_accel);
  for (const char *accel = first_accel; accel != NULL; accel = va_arg (args, const char *))
    g_ptr_array_add (accels, (gpointer) accel);
  va_end (args);
  g_ptr_array_add (accels, NULL);
  gtk_application_set_accels_for_action (app, action, (const char *const *) accels->pdata);
}

static void
cg_application_startup (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *ratings_path = NULL;

  G_APPLICATION_CLASS (cg_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  /* The menu's Style section is the setting itself: it is remembered, and another
   * instance changing it changes it here too. */
  {
    g_autoptr(GAction) color_scheme = g_settings_create_action (self->settings,
                                                                "color-scheme");

    g_action_map_add_action (G_ACTION_MAP (app), color_scheme);
  }
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  on_color_scheme_changed_cb (self);
  set_accels (gtk_app, "app.quit", "<Control>q", NULL);
  set_accels (gtk_app, "app.help", "F1", NULL);
  set_accels (gtk_app, "win.show-help-overlay", "<Control>question", NULL);
  set_accels (gtk_app, "win.open-model", "<Control>o", NULL);
  set_accels (gtk_app, "win.save-model", "<Control>s", NULL);
  set_accels (gtk_app, "win.save-model-as", "<Control><Shift>s", NULL);
  set_accels (gtk_app, "win.find", "<Control>f", NULL);
  set_accels (gtk_app, "win.show-datasets", "<Control>d", NULL);
  set_accels (gtk_app, "win.train", "<Control>Return", NULL);
  set_accels (gtk_app, "win.undo-rating", "<Control>z", NULL);
  set_accels (gtk_app, "win.show-view('catalogue')", "<Alt>1", NULL);
  set_accels (gtk_app, "win.show-view('training')", "<Alt>2", NULL);
  set_accels (gtk_app, "win.show-view('recommendations')", "<Alt>3", NULL);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  ratings_path = cg_ratings_store_default_path ();
  self->ratings = cg_ratings_store_new (ratings_path);
  if (!cg_ratings_store_load (self->ratings, &error))
    {
      self->ratings_problem = g_strdup (error->message);
      self->ratings_problem_is_error = TRUE;
    }
  else if (cg_ratings_store_get_warning (self->ratings) != NULL)
    self->ratings_problem = g_strdup (cg_ratings_store_get_warning (self->ratings));
}

/* The window the first time, and the damaged-ratings note over it. */
static void
show_ratings_problem (CgApplication *self,
                      GtkWindow     *window)
{
  if (self->ratings_problem != NULL)
    {
      g_autofree char *problem = g_steal_pointer (&self->ratings_problem);

      if (self->ratings_problem_is_error)
        cg_dialogs_show_error (GTK_WIDGET (window), _("Your Ratings Could Not Be Loaded"), problem);
      else
        cg_dialogs_show_warning (GTK_WIDGET (window), _("Your Ratings File Was Repaired"), problem);
    }
}

static void
cg_application_activate (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cg_window_new (self));
  gtk_window_present (window);
  show_ratings_problem (self, window);
}

/* `cinegan a.cgan b.cgan`, or Files: the first model in the open window, each other one in
 * a window of its own. */
static void
cg_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CgApplication *self = CG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    {
      if (window == NULL || i > 0)
        window = GTK_WINDOW (cg_window_new (self));
      gtk_window_present (window);
      cg_window_open_file (CG_WINDOW (window), files[i]);
    }
  if (window != NULL)
    show_ratings_problem (self, window);
}

/* ---- GObject ---- */

static void
cg_application_finalize (GObject *object)
{
  CgApplication *self = CG_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->ratings_problem, g_free);
  g_clear_object (&self->ratings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cg_application_parent_class)->finalize (object);
}

static void
cg_application_class_init (CgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cg_application_finalize;

  app_class->handle_local_options = cg_application_handle_local_options;
  app_class->startup = cg_application_startup;
  app_class->activate = cg_application_activate;
  app_class->open = cg_application_open;
}

static void
cg_application_init (CgApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[MODEL.cgan…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Rate movies, train a collaborative GAN "
                                            "recommender and get recommendations."));
}

/* ---- public API ---- */

CgApplication *
cg_application_new (void)
{
  return g_object_new (CG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

const char *
cg_application_get_data_dir (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->data_dir;
}

GSettings *
cg_application_get_settings (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->settings;
}

CgRatingsStore *
cg_application_get_ratings_store (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->ratings;
}
