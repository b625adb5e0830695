/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-per-user.c: writing and reading per-user figures.
 */
#include "cli-per-user.h"

#include <math.h>
#include <string.h>

#include "cg-error.h"
#include "cg-file.h"
#include "cg-lines.h"
#include "cli-common.h"

#define HEADER "# split\tuser_id\trecall\tndcg\thit\n"

GString *
cli_per_user_new (void)
{
  return g_string_new (HEADER);
}

void
cli_per_user_append (GString             *text,
                     const char          *split,
                     const CgDataset     *dataset,
                     const CgUserMetrics *users,
                     guint                n_users)
{
  for (guint u = 0; u < n_users; u++)
    {
      char recall[G_ASCII_DTOSTR_BUF_SIZE], ndcg[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (recall, sizeof recall, "%.17g", users[u].recall);
      g_ascii_formatd (ndcg, sizeof ndcg, "%.17g", users[u].ndcg);
      g_string_append_printf (text, "%s\t%u\t%s\t%s\t%d\n", split,
                              dataset->user_ids[users[u].user], recall, ndcg,
                              users[u].hit ? 1 : 0);
    }
}

static void
figures_clear (gpointer data)
{
  CliUserFigures *f = data;

  g_free (f->split);
}

/* A number in [0, 1], whole field. */
static gboolean
parse_unit (const CgField *field,
            double        *out)
{
  g_autofree char *text = g_strndup (field->text, field->len);
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return field->len > 0 && *end == '\0' && *out >= 0.0 && *out <= 1.0;
}

GArray *
cli_per_user_load (const char *path,
                   GError    **error)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  CgLineReader reader;
  const char *line;
  gsize line_len;

  if (!cg_file_read (path, CLI_MAX_TEXT_FILE, &contents, &len, error))
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (CliUserFigures));
  g_array_set_clear_func (rows, figures_clear);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  cg_line_reader_init (&reader, contents, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      CgField fields[6];
      CliUserFigures f = { 0 };
      guint64 id, hit;
      guint n;

      if (line_len == 0 || line[0] == '#')
        continue;
      n = cg_fields_split (line, line_len, '\t', fields, G_N_ELEMENTS (fields));
      if (n != 5 || fields[0].len == 0 || !cg_field_parse_uint (&fields[1], G_MAXUINT32, &id)
          || !parse_unit (&fields[2], &f.recall) || !parse_unit (&fields[3], &f.ndcg)
          || !cg_field_parse_uint (&fields[4], 1, &hit))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected split, user_id, recall, ndcg and hit (0 or 1), "
                       "separated by tabs", path, reader.line_no);
          return NULL;
        }
      f.split = g_strndup (fields[0].text, fields[0].len);
      f.user_id = (guint32) id;
      f.hit = hit == 1;
      if (!g_hash_table_add (seen, g_strdup_printf ("%s\t%u", f.split, f.user_id)))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: user %u of split %s appears "
                       "twice", path, reader.line_no, f.user_id, f.split);
          g_free (f.split);
          return NULL;
        }
      g_array_append_val (rows, f);
    }
  return g_steal_pointer (&rows);
}
