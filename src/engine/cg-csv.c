/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-csv.c: one RFC 4180 record at a time.
 */
#include "cg-csv.h"

#include <string.h>

void
cg_csv_reader_init (CgCsvReader *reader,
                    const char  *text,
                    gsize        len)
{
  reader->pos = text;
  reader->end = text + len;
  reader->line_no = 0;
  reader->record_line = 0;
  reader->scratch = g_string_new (NULL);
}

void
cg_csv_reader_clear (CgCsvReader *reader)
{
  if (reader->scratch != NULL)
    g_string_free (g_steal_pointer (&reader->scratch), TRUE);
}

/* At a line break (or the end): consumes it and says so. */
static gboolean
at_record_end (CgCsvReader *reader)
{
  const char *s = reader->pos;

  if (s == reader->end)
    return TRUE;
  if (*s == '\n' || (*s == '\r' && s + 1 < reader->end && s[1] == '\n'))
    {
      reader->pos = s + (*s == '\r' ? 2 : 1);
      return TRUE;
    }
  return FALSE;
}

CgCsvStatus
cg_csv_reader_next (CgCsvReader *reader,
                    CgField     *fields,
                    guint        max,
                    guint       *n_fields)
{
  guint64 in_scratch = 0;  /* bit f: fields[f].text is an offset into scratch */
  guint n = 0;

  g_return_val_if_fail (max <= 64, CG_CSV_END);

  if (reader->pos >= reader->end)
    return CG_CSV_END;
  g_string_truncate (reader->scratch, 0);
  reader->line_no++;
  reader->record_line = reader->line_no;

  for (;;)
    {
      const char *s = reader->pos;
      CgField field;

      if (s < reader->end && *s == '"')
        {
          gsize offset = reader->scratch->len;

          for (s++;; s++)
            {
              if (s >= reader->end)
                return CG_CSV_UNTERMINATED;
              if (*s == '"')
                {
                  if (s + 1 < reader->end && s[1] == '"')
                    s++;
                  else
                    break;
                }
              else if (*s == '\n')
                reader->line_no++;
              g_string_append_c (reader->scratch, *s);
            }
          reader->pos = s + 1;
          field = (CgField) { (const char *) (guintptr) offset, reader->scratch->len - offset };
          if (n < max)
            in_scratch |= G_GUINT64_CONSTANT (1) << n;
        }
      else
        {
          const char *stop = s;

          while (stop < reader->end && *stop != ',' && *stop != '\n'
                 && !(*stop == '\r' && stop + 1 < reader->end && stop[1] == '\n'))
            {
              if (*stop == '"')
                return CG_CSV_STRAY_QUOTE;
              stop++;
            }
          field = (CgField) { s, (gsize) (stop - s) };
          reader->pos = stop;
        }
      if (n < max)
        fields[n] = field;
      n++;

      if (at_record_end (reader))
        break;
      if (*reader->pos != ',')
        return CG_CSV_STRAY_QUOTE;
      reader->pos++;
    }

  for (guint f = 0; f < MIN (n, max); f++)
    if (in_scratch & (G_GUINT64_CONSTANT (1) << f))
      fields[f].text = reader->scratch->str + (guintptr) fields[f].text;
  *n_fields = n;
  return CG_CSV_RECORD;
}

void
cg_csv_append_field (GString    *out,
                     const char *field)
{
  gsize len;

  g_return_if_fail (out != NULL && field != NULL);

  len = strlen (field);
  /* Spaces at the ends are kept by the reader too; quoting them keeps spreadsheets from
   * trimming them. */
  if (strpbrk (field, ",\"\r\n") == NULL
      && !(len > 0 && (field[0] == ' ' || field[len - 1] == ' ')))
    {
      g_string_append_len (out, field, (gssize) len);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
