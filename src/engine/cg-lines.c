/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-lines.c: line walking, field splitting and strict number parsing.
 */
#include "cg-lines.h"

#include <string.h>

void
cg_line_reader_init (CgLineReader *reader,
                     const char   *text,
                     gsize         len)
{
  reader->pos = text;
  reader->end = text + len;
  reader->line_no = 0;
}

gboolean
cg_line_reader_next (CgLineReader *reader,
                     const char  **line,
                     gsize        *len)
{
  const char *nl;
  gsize n;

  if (reader->pos >= reader->end)
    return FALSE;

  nl = memchr (reader->pos, '\n', (gsize) (reader->end - reader->pos));
  n = (nl != NULL ? nl : reader->end) - reader->pos;
  *line = reader->pos;
  *len = (n > 0 && reader->pos[n - 1] == '\r') ? n - 1 : n;
  reader->pos = (nl != NULL) ? nl + 1 : reader->end;
  reader->line_no++;
  return TRUE;
}

guint
cg_fields_split (const char *line,
                 gsize       len,
                 char        sep,
                 CgField    *fields,
                 guint       max)
{
  const char *start = line;
  const char *end = line + len;
  guint n = 0;

  for (;;)
    {
      const char *stop = memchr (start, sep, (gsize) (end - start));
      const char *field_end = stop != NULL ? stop : end;

      if (n < max)
        {
          fields[n].text = start;
          fields[n].len = (gsize) (field_end - start);
        }
      n++;
      if (stop == NULL)
        return n;
      start = stop + 1;
    }
}

guint
cg_fields_split_str (const char *line,
                     gsize       len,
                     const char *sep,
                     CgField    *fields,
                     guint       max)
{
  gsize sep_len = strlen (sep);
  const char *start = line;
  const char *end = line + len;
  guint n = 0;

  if (sep_len == 1)
    return cg_fields_split (line, len, sep[0], fields, max);
  for (;;)
    {
      const char *stop = start;

      while ((gsize) (end - stop) >= sep_len && memcmp (stop, sep, sep_len) != 0)
        stop++;
      if ((gsize) (end - stop) < sep_len)
        stop = end;
      if (n < max)
        {
          fields[n].text = start;
          fields[n].len = (gsize) (stop - start);
        }
      n++;
      if (stop == end)
        return n;
      start = stop + sep_len;
    }
}

gboolean
cg_field_parse_uint (const CgField *field,
                     guint64        max,
                     guint64       *out)
{
  guint64 value = 0;

  if (field->len == 0)
    return FALSE;

  for (gsize i = 0; i < field->len; i++)
    {
      char c = field->text[i];
      guint64 digit = (guint64) (c - '0');

      if (c < '0' || c > '9')
        return FALSE;
      /* digit > max first: max - digit would wrap for a small max such as 5. */
      if (digit > max || value > (max - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }
  *out = value;
  return TRUE;
}

char *
cg_field_describe (const CgField *field)
{
  GString *out = g_string_new ("“");
  gsize n = MIN (field->len, 40);

  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) field->text[i];

      if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  if (n < field->len)
    g_string_append (out, "…");
  g_string_append (out, "”");
  return g_string_free (out, FALSE);
}
