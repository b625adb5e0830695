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

  /* The user's language for the interface; the .ui templates translate through the
   * default domain set here. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
