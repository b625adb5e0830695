/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c: the cinegan executable — runs CgApplication and nothing else.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CgApplication) app = cg_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
