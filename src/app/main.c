/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c: the cinegan executable — runs CgApplication and nothing else.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CgApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *schemas;

  /* The user's language for the interface; the .ui templates translate through the
   * default domain set here. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without its schema, GSettings would abort with a message that does not say what to
   * do: a build that is not installed finds it through meson devenv. */
  schemas = g_settings_schema_source_get_default ();
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("The settings schema %s is not installed. Install Cinegan (meson "
                    "install), or run it from its build folder with: meson devenv -C "
                    "BUILD-FOLDER cinegan\n"), APPLICATION_ID);
      return 1;
    }

  app = cg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
