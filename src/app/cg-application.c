/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-application.c: the Cinegan GtkApplication.
 *
 * Startup loads the style sheet and your ratings and sets every accelerator; activate opens
 * the window (or raises the existing one). A damaged ratings file is reported in a warning
 * dialog over the first window, after it is shown.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-application.h"
#include "cg-dialogs.h"
#include "cg-window.h"

struct _CgApplication
{
  GtkApplication  parent_instance;

  /* owned */
  char           *data_dir;
  CgRatingsStore *ratings;
  char           *ratings_problem;   /* shown once, over the first window */
  gboolean        ratings_problem_is_error;
};

G_DEFINE_FINAL_TYPE (CgApplication, cg_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    "The MovieLens 100K folder (holding u.item, u.data, u1.base, …)", "DIR" },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    "Print the version and exit", NULL },
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
  static const char *authors[] = { "The Cinegan developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "Cinegan",
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", "Rate movies, train a collaborative GAN recommender on "
                                     "MovieLens 100K, and get recommendations.",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "copyright", "© 2026 The Cinegan developers",
                         NULL);
}

/* GtkShortcutsShortcut looks up the keys of its action-name only when it is given a window
 * with an application, which a window built from a .ui is not at that moment: fill them in
 * from the accelerators set in startup, so those stay the one list. */
static void
fill_shortcut_accels (GtkApplication *app,
                      GtkWidget      *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *action_name = NULL;

          g_object_get (child, "action-name", &action_name, NULL);
          if (action_name != NULL)
            {
              g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action_name);
              g_autofree char *joined = g_strjoinv (" ", accels);

              g_object_set (child, "accelerator", joined, NULL);
            }
        }
      fill_shortcut_accels (app, child);
    }
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/cinegan/Cinegan/ui/cg-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  fill_shortcut_accels (app, GTK_WIDGET (shortcuts));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (app));
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "shortcuts", shortcuts_activated, NULL, NULL, NULL, { 0 } },
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
cg_application_startup (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ratings_path = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", "F1", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *save_accels[] = { "<Control>s", NULL };
  static const char *save_as_accels[] = { "<Control><Shift>s", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  static const char *view_accels[3][2] = {
    { "<Alt>1", NULL }, { "<Alt>2", NULL }, { "<Alt>3", NULL },
  };

  G_APPLICATION_CLASS (cg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.shortcuts",
                                         shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open-model", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-model", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-model-as",
                                         save_as_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.find", find_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-view('catalogue')",
                                         view_accels[0]);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-view('training')",
                                         view_accels[1]);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                         "win.show-view('recommendations')", view_accels[2]);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/cinegan/Cinegan/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

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

static void
cg_application_activate (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cg_window_new (self));
  gtk_window_present (window);

  if (self->ratings_problem != NULL)
    {
      g_autofree char *problem = g_steal_pointer (&self->ratings_problem);

      if (self->ratings_problem_is_error)
        cg_dialogs_show_error (GTK_WIDGET (window), "Your Ratings Could Not Be Loaded", problem);
      else
        cg_dialogs_show_warning (GTK_WIDGET (window), "Your Ratings File Was Repaired", problem);
    }
}

/* ---- GObject ---- */

static void
cg_application_finalize (GObject *object)
{
  CgApplication *self = CG_APPLICATION (object);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->ratings_problem, g_free);
  g_clear_object (&self->ratings);

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
}

static void
cg_application_init (CgApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            "Rate movies, train a collaborative GAN "
                                            "recommender and get recommendations.");
}

CgApplication *
cg_application_new (void)
{
  return g_object_new (CG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/cinegan/Cinegan",
                       NULL);
}

const char *
cg_application_get_data_dir (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->data_dir;
}

CgRatingsStore *
cg_application_get_ratings_store (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->ratings;
}
