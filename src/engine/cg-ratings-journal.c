/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-journal.c: parsing and writing the ratings journal.
 *
 * Lines are walked with cg_line_reader, which goes by length, never by NUL: a NUL byte
 * inside the file damages its own line only (it used to end the whole file, and the repair
 * then kept nothing after it).
 */
#include "cg-ratings-journal.h"

#include <stdlib.h>
#include <string.h>

#include "cg-lines.h"

GHashTable *
cg_ratings_table_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

void
cg_ratings_table_set (GHashTable *table,
                      guint32     movie_id,
                      guint       rating,
                      guint32     timestamp)
{
  CgStoredRating *stored;

  g_return_if_fail (table != NULL);
  g_return_if_fail (movie_id != 0 && rating <= 5);

  if (rating == 0)
    {
      g_hash_table_remove (table, GUINT_TO_POINTER (movie_id));
      return;
    }
  stored = g_new (CgStoredRating, 1);
  stored->rating = (guint8) rating;
  stored->timestamp = timestamp;
  g_hash_table_insert (table, GUINT_TO_POINTER (movie_id), stored);
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

guint32 *
cg_ratings_table_sorted_ids (GHashTable *table,
                             guint      *n_out)
{
  GHashTableIter iter;
  gpointer key;
  guint n = g_hash_table_size (table);
  guint32 *ids = g_new (guint32, MAX (n, 1));
  guint i = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    ids[i++] = GPOINTER_TO_UINT (key);
  qsort (ids, n, sizeof *ids, compare_guint32);
  *n_out = n;
  return ids;
}

/* One rating line: "movie<TAB>rating[<TAB>time]", movie ≥ 1, rating 0–5, digits only. */
static gboolean
parse_line (const char *line,
            gsize       len,
            guint32    *movie_id,
            guint      *rating,
            guint32    *timestamp)
{
  CgField fields[3];
  guint n = cg_fields_split (line, len, '\t', fields, G_N_ELEMENTS (fields));
  guint64 id, stars, time = 0;

  if (n < 2 || n > 3)
    return FALSE;
  if (!cg_field_parse_uint (&fields[0], G_MAXUINT32, &id) || id == 0)
    return FALSE;
  if (!cg_field_parse_uint (&fields[1], 5, &stars))
    return FALSE;
  if (n == 3 && !cg_field_parse_uint (&fields[2], G_MAXUINT32, &time))
    return FALSE;
  *movie_id = (guint32) id;
  *rating = (guint) stars;
  *timestamp = (guint32) time;
  return TRUE;
}

/* Whether line could be the start of a rating line, cut short: "movie[\t[rating[\t[time]]]]"
 * with digits only and a rating of one digit 0–5. Bounded by len: the last line of a
 * buffer need not be followed by a NUL. */
static gboolean
is_cut_short (const char *line,
              gsize       len)
{
  guint field = 0;
  gsize field_len = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (line[i] == '\t')
        {
          if (field_len == 0 || ++field > 2)
            return FALSE;
          field_len = 0;
          continue;
        }
      if (!g_ascii_isdigit (line[i]) || (field == 1 && (field_len > 0 || line[i] > '5')))
        return FALSE;
      field_len++;
    }
  return TRUE;
}

void
cg_ratings_journal_parse (const char            *text,
                          gsize                  len,
                          GHashTable            *table,
                          CgRatingsJournalStats *stats)
{
  CgLineReader reader;
  const char *line;
  gsize line_len;

  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (table != NULL && stats != NULL);

  memset (stats, 0, sizeof *stats);
  if (len == 0)
    return;
  cg_line_reader_init (&reader, text, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      guint32 movie_id, timestamp;
      guint rating;
      /* An append cut short leaves a last line without its newline that is the start of
       * a rating line. Anything else there is damage like any other. */
      gboolean torn = reader.pos == reader.end && text[len - 1] != '\n'
                      && is_cut_short (line, line_len);

      if (reader.line_no == 1)
        stats->current_header = line_len + 1 == strlen (CG_RATINGS_JOURNAL_HEADER)
                                && memcmp (line, CG_RATINGS_JOURNAL_HEADER, line_len) == 0;
      if (line_len == 0 || (line[0] == '#' && memchr (line, '\0', line_len) == NULL
                            && g_utf8_validate (line, (gssize) line_len, NULL)))
        continue;
      if (!parse_line (line, line_len, &movie_id, &rating, &timestamp))
        {
          if (torn)
            stats->torn_tail = TRUE;
          else if (stats->n_bad++ == 0)
            stats->first_bad = reader.line_no;
          continue;
        }
      stats->n_lines++;
      /* A later line wins, as if the ratings had been given in file order. */
      cg_ratings_table_set (table, movie_id, rating, timestamp);
    }
}

gboolean
cg_ratings_journal_needs_compaction (const CgRatingsJournalStats *stats,
                                     guint                        n_ratings)
{
  g_return_val_if_fail (stats != NULL, FALSE);

  return stats->n_bad > 0 || stats->torn_tail || stats->n_lines != n_ratings
         || (!stats->current_header && n_ratings > 0);
}

void
cg_ratings_journal_append_line (GString *out,
                                guint32  movie_id,
                                guint    rating,
                                guint32  timestamp)
{
  g_string_append_printf (out, "%u\t%u\t%u\n", movie_id, rating, timestamp);
}

char *
cg_ratings_journal_serialize (GHashTable *table,
                              gsize      *len_out)
{
  GString *text;
  guint n;
  g_autofree guint32 *ids = NULL;

  g_return_val_if_fail (table != NULL && len_out != NULL, NULL);

  ids = cg_ratings_table_sorted_ids (table, &n);
  text = g_string_sized_new (strlen (CG_RATINGS_JOURNAL_HEADER) + (gsize) n * 20);
  g_string_append (text, CG_RATINGS_JOURNAL_HEADER);
  for (guint i = 0; i < n; i++)
    {
      const CgStoredRating *r = g_hash_table_lookup (table, GUINT_TO_POINTER (ids[i]));

      cg_ratings_journal_append_line (text, ids[i], r->rating, r->timestamp);
    }
  *len_out = text->len;
  return g_string_free (text, FALSE);
}
