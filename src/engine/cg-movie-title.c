/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-title.c: the release year inside a MovieLens title.
 *
 * Read from the end: skip trailing spaces and any parenthesised notes that are not a year,
 * and the first "(dddd)" met is the year. Reading from the end keeps a year-like number
 * earlier in the title ("1941 (1979)", "(500) Days of Summer (2009)") part of the name.
 */

#include "cg-movie-title.h"

#include <string.h>

/* Whether title[open … open + 5] is "(dddd)". */
static gboolean
is_year_group (const char *title,
               gsize       open,
               gsize       close)
{
  if (close != open + 5 || title[open] != '(' || title[close] != ')')
    return FALSE;
  for (gsize k = open + 1; k < close; k++)
    if (!g_ascii_isdigit (title[k]))
      return FALSE;
  return TRUE;
}

gboolean
cg_movie_title_find_year (const char *title,
                          guint16    *year,
                          gsize      *start,
                          gsize      *end)
{
  gsize len;

  if (year != NULL)
    *year = 0;
  g_return_val_if_fail (title != NULL, FALSE);

  len = strlen (title);
  for (;;)
    {
      gsize close, open, before;

      while (len > 0 && title[len - 1] == ' ')
        len--;
      if (len == 0 || title[len - 1] != ')')
        return FALSE;
      close = len - 1;
      /* The group's opening parenthesis; notes do not nest. */
      open = close;
      while (open > 0 && title[open - 1] != '(' && title[open - 1] != ')')
        open--;
      if (open == 0 || title[open - 1] != '(')
        return FALSE;
      open--;
      if (!is_year_group (title, open, close))
        {
          len = open;
          continue;
        }
      before = open;
      while (before > 0 && title[before - 1] == ' ')
        before--;
      /* "(1995)" alone is a name, not a name with a year. */
      if (before == 0)
        return FALSE;
      if (year != NULL)
        *year = (guint16) ((title[open + 1] - '0') * 1000 + (title[open + 2] - '0') * 100
                           + (title[open + 3] - '0') * 10 + (title[open + 4] - '0'));
      if (start != NULL)
        *start = before;
      if (end != NULL)
        *end = close + 1;
      return TRUE;
    }
}

char *
cg_movie_title_without_year (const char *title)
{
  gsize start, end;
  const char *notes;
  GString *out;

  g_return_val_if_fail (title != NULL, NULL);

  if (!cg_movie_title_find_year (title, NULL, &start, &end))
    return g_strstrip (g_strdup (title));
  out = g_string_new_len (title, (gssize) start);
  /* One space between the name and the notes that followed the year. */
  for (notes = title + end; *notes == ' '; notes++)
    ;
  if (*notes != '\0')
    g_string_append_printf (out, " %s", notes);
  return g_strstrip (g_string_free (out, FALSE));
}
