/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings.c: the three ratings layouts, a fast path per line and an exact slow one.
 */
#include "cg-ratings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg-error.h"
#include "cg-file-reader.h"
#include "cg-id-map.h"
#include "cg-lines.h"
#include "cg-sort.h"

#define CSV_HEADER "userId,movieId,rating,timestamp"

typedef struct
{
  CgFormat         format;
  const char      *file;
  const CgCatalog *catalog;
  const char      *sep;        /* "\t", "::" or "," */
  gsize            sep_len;
  gboolean         half;       /* ratings in half stars */
  gboolean         header;     /* the next line is the CSV header */

  CgRating        *ratings;
  gsize            n, cap;
  guint32          line_no;    /* of the last line read */
  GArray          *skipped;    /* of gsize: n when a line was skipped, for line numbers */
} Parser;

static void
parser_init (Parser          *p,
             CgFormat         format,
             const char      *file,
             const CgCatalog *catalog,
             guint64          size_hint)
{
  memset (p, 0, sizeof *p);
  p->format = format;
  p->file = file;
  p->catalog = catalog;
  p->sep = format == CG_FORMAT_ML_1M ? "::" : format == CG_FORMAT_CSV ? "," : "\t";
  p->sep_len = strlen (p->sep);
  p->half = cg_format_has_half_stars (format);
  p->header = format == CG_FORMAT_CSV;
  /* Lines are 20–30 bytes; untouched capacity costs address space, not memory. */
  p->cap = (gsize) MIN (size_hint / 20 + 16, (guint64) G_MAXSIZE / sizeof (CgRating) / 2);
  p->ratings = g_new (CgRating, p->cap);
  p->skipped = g_array_new (FALSE, FALSE, sizeof (gsize));
}

static void
parser_clear (Parser *p)
{
  g_clear_pointer (&p->ratings, g_free);
  g_clear_pointer (&p->skipped, g_array_unref);
}

/* The line a rating was read from: its position plus the skipped lines before it. */
static guint32
line_of (const Parser *p,
         gsize         index)
{
  const gsize *at = (const gsize *) p->skipped->data;
  guint lo = 0, hi = p->skipped->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (at[mid] <= index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (guint32) (index + 1 + lo);
}

/* ---- the fast path ---- */

/* Every line handed to the fast path ends in "\n" inside the buffer (parser_feed sees to
 * it), so the scans below stop at that byte without checking the buffer's end. */

/* Digits up to the first non-digit; NULL when there are none, or more than 10 (the slow
 * path takes those: leading zeros, or a number too large). */
static inline const char *
scan_uint (const char *s,
           guint64    *out)
{
  const char *start = s;
  guint64 v = 0;
  guint d;

  while ((d = (guint) (guchar) *s - '0') < 10)
    {
      v = v * 10 + d;
      s++;
    }
  *out = v;
  return s > start && s - start <= 10 ? s : NULL;
}

/* "4", "4.0", "3.5" (any trailing zeros) as half stars; NULL when it is not such a number. */
static inline const char *
scan_half_stars (const char *s,
                 guint      *halves)
{
  guint whole = (guint) (guchar) *s - '0';

  if (whole > 5)
    return NULL;
  s++;
  *halves = whole * 2;
  if (*s == '.')
    {
      s++;
      if (*s != '0' && *s != '5')
        return NULL;
      *halves += *s++ == '5';
      while (*s == '0')
        s++;
    }
  return s;
}

/* One line starting at s; the start of the next line, or NULL to send this one to the slow
 * path. Called with constant separators so that each layout gets its own loop. */
G_ALWAYS_INLINE static inline const char *
parse_fast (const CgCatalog *catalog,
            const char      *s,
            char             sep,
            gboolean         double_sep,
            gboolean         half,
            CgRating        *out)
{
  guint64 user, movie, stars = 0, timestamp;
  guint halves = 0;

#define EXPECT_SEP()                                                      \
  G_STMT_START {                                                          \
    if (s[0] != sep || (double_sep && s[1] != sep))                       \
      return NULL;                                                        \
    s += double_sep ? 2 : 1;                                              \
  } G_STMT_END

  if ((s = scan_uint (s, &user)) == NULL)
    return NULL;
  EXPECT_SEP ();
  if ((s = scan_uint (s, &movie)) == NULL)
    return NULL;
  EXPECT_SEP ();
  s = half ? scan_half_stars (s, &halves) : scan_uint (s, &stars);
  if (s == NULL)
    return NULL;
  EXPECT_SEP ();
  if ((s = scan_uint (s, &timestamp)) == NULL)
    return NULL;
#undef EXPECT_SEP
  if (*s == '\r')
    s++;
  if (*s != '\n')
    return NULL;
  if (user == 0 || user > CG_ID_MAX || movie == 0 || movie > CG_ID_MAX
      || timestamp > G_MAXUINT32 || (half ? halves == 0 || halves > 10 : stars == 0 || stars > 5)
      || cg_id_map_lookup (catalog->ids, (guint32) movie) < 0)
    return NULL;
  out->user_id = (guint32) user;
  out->movie_id = (guint32) movie;
  out->rating = half ? (float) halves / 2 : (float) stars;
  out->timestamp = (guint32) timestamp;
  return s + 1;
}

/* ---- the slow path: says what is wrong ---- */

static const char *
layout_of_line (CgFormat format)
{
  switch (format)
    {
    case CG_FORMAT_ML_1M:
      return "“::”-separated fields (UserID::MovieID::Rating::Timestamp)";
    case CG_FORMAT_CSV:
      return "comma-separated fields (userId,movieId,rating,timestamp)";
    case CG_FORMAT_ML_100K:
    case CG_FORMAT_NONE:
    case CG_FORMAT_SYNTHETIC:
    default:
      return "tab-separated fields (user ID, movie ID, rating, timestamp)";
    }
}

static gboolean
field_error (const Parser  *p,
             const CgField *field,
             const char    *what,
             const char    *expected,
             GError       **error)
{
  g_autofree char *shown = cg_field_describe (field);

  g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: %s %s is not %s", p->file, p->line_no,
               what, shown, expected);
  return FALSE;
}

/* Either fills out (a line the fast path could not take but that is fine, say with a
 * leading zero too many) or sets error. */
static gboolean
parse_slow (const Parser *p,
            const char   *line,
            gsize         len,
            CgRating     *out,
            GError      **error)
{
  static const char *const names[] = { "user ID", "movie ID", "rating", "timestamp" };
  CgField fields[4];
  guint64 values[4];
  guint n = cg_fields_split_str (line, len, p->sep, fields, 4);

  if (n != 4)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: expected 4 %s, found %u",
                   p->file, p->line_no, layout_of_line (p->format), n);
      return FALSE;
    }
  for (guint f = 0; f < 4; f++)
    {
      guint64 max = f < 2 ? CG_ID_MAX : f == 2 ? 5 : G_MAXUINT32;

      if (f == 2 && p->half)
        {
          /* A copy ending in a line break, as the fast path's scans expect. */
          char copy[16];
          guint halves = 0;
          const char *stop = NULL;

          if (fields[2].len < sizeof copy)
            {
              memcpy (copy, fields[2].text, fields[2].len);
              copy[fields[2].len] = '\n';
              stop = scan_half_stars (copy, &halves);
            }
          if (stop == NULL || stop != copy + fields[2].len || halves == 0 || halves > 10)
            return field_error (p, &fields[2], "rating",
                                "a number of stars from 0.5 to 5.0 in steps of 0.5", error);
          values[2] = halves;
          continue;
        }
      if (!cg_field_parse_uint (&fields[f], max, &values[f]) || (f < 3 && values[f] == 0))
        {
          g_autofree char *expected = g_strdup_printf ("a whole number from %s to %"
                                                       G_GUINT64_FORMAT, f < 3 ? "1" : "0",
                                                       max);

          return field_error (p, &fields[f], names[f], expected, error);
        }
    }
  if (cg_catalog_position (p->catalog, (guint32) values[1]) < 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s:%u: movie ID %" G_GUINT64_FORMAT " is not in %s", p->file, p->line_no,
                   values[1], cg_format_movies_file (p->format));
      return FALSE;
    }
  out->user_id = (guint32) values[0];
  out->movie_id = (guint32) values[1];
  out->rating = p->half ? (float) values[2] / 2 : (float) values[2];
  out->timestamp = (guint32) values[3];
  return TRUE;
}

/* ---- lines ---- */

static gboolean
parse_header (Parser     *p,
              const char *line,
              gsize       len,
              GError    **error)
{
  /* A byte-order mark, as spreadsheets write, is not part of the header. */
  if (len >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
    {
      line += 3;
      len -= 3;
    }
  if (len == strlen (CSV_HEADER) && memcmp (line, CSV_HEADER, len) == 0)
    {
      p->header = FALSE;
      g_array_append_val (p->skipped, p->n);
      return TRUE;
    }
  {
    CgField field = { line, len };
    g_autofree char *shown = cg_field_describe (&field);

    g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                 "%s:%u: expected the header “" CSV_HEADER "”, found %s", p->file, p->line_no,
                 shown);
  }
  return FALSE;
}

/* Lines that all end in "\n" within text[0..len). */
static gboolean
feed_lines (Parser     *p,
            const char *text,
            gsize       len,
            GError    **error)
{
  const char *pos = text, *end = text + len;

  while (pos < end)
    {
      const char *next;

      if (G_UNLIKELY (p->line_no == G_MAXUINT32))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s: more than %u lines", p->file,
                       G_MAXUINT32 - 1);
          return FALSE;
        }
      p->line_no++;

      if (G_UNLIKELY (p->n == p->cap))
        {
          p->cap = p->cap + p->cap / 2 + 16;
          p->ratings = g_renew (CgRating, p->ratings, p->cap);
        }
      if (G_UNLIKELY (p->header) || *pos == '\n' || (pos[0] == '\r' && pos[1] == '\n'))
        next = NULL;
      else if (p->format == CG_FORMAT_CSV)
        next = parse_fast (p->catalog, pos, ',', FALSE, TRUE, &p->ratings[p->n]);
      else if (p->format == CG_FORMAT_ML_1M)
        next = parse_fast (p->catalog, pos, ':', TRUE, FALSE, &p->ratings[p->n]);
      else
        next = parse_fast (p->catalog, pos, '\t', FALSE, FALSE, &p->ratings[p->n]);

      if (G_UNLIKELY (next == NULL))
        {
          const char *nl = memchr (pos, '\n', (gsize) (end - pos));
          const char *line_end = nl > pos && nl[-1] == '\r' ? nl - 1 : nl;
          gsize line_len = (gsize) (line_end - pos);

          next = nl + 1;
          if (p->header)
            {
              if (!parse_header (p, pos, line_len, error))
                return FALSE;
            }
          else if (line_len == 0)
            g_array_append_val (p->skipped, p->n);
          else if (parse_slow (p, pos, line_len, &p->ratings[p->n], error))
            p->n++;
          else
            return FALSE;
        }
      else
        p->n++;
      pos = next;
    }
  return TRUE;
}

/* Whole lines; the last may lack its line break only at the end of the file. */
static gboolean
parser_feed (Parser     *p,
             const char *text,
             gsize       len,
             GError    **error)
{
  gsize complete = len;
  g_autofree char *last = NULL;

  while (complete > 0 && text[complete - 1] != '\n')
    complete--;
  if (!feed_lines (p, text, complete, error))
    return FALSE;
  if (complete == len)
    return TRUE;
  /* The file's last line without its break: a copy with one. */
  last = g_malloc (len - complete + 1);
  memcpy (last, text + complete, len - complete);
  last[len - complete] = '\n';
  return feed_lines (p, last, len - complete + 1, error);
}

/* A repeated (user, movie) pair is reported at the earliest line that repeats one. */
static gboolean
check_repeats (const Parser *p,
               GError      **error)
{
  g_autofree guint64 *keys = g_new (guint64, MAX (p->n, 1));
  g_autofree guint32 *lines = NULL;
  guint64 key;
  guint32 line, first_line;

  for (gsize i = 0; i < p->n; i++)
    keys[i] = (guint64) p->ratings[i].user_id << 32 | p->ratings[i].movie_id;
  if (!cg_keys_have_repeat (keys, p->n))
    return TRUE;

  lines = g_new (guint32, p->n);
  for (gsize i = 0; i < p->n; i++)
    {
      keys[i] = (guint64) p->ratings[i].user_id << 32 | p->ratings[i].movie_id;
      lines[i] = line_of (p, i);
    }
  cg_keys_first_repeat (keys, lines, p->n, &key, &line, &first_line);
  g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
               "%s:%u: duplicate rating: user %u already rated movie %u on line %u",
               p->file, line, (guint32) (key >> 32), (guint32) key, first_line);
  return FALSE;
}

static CgRating *
parser_finish (Parser  *p,
               gsize   *n_out,
               GError **error)
{
  CgRating *ratings;

  if (p->header)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s: empty, expected the header “" CSV_HEADER "”", p->file);
      return NULL;
    }
  if (!check_repeats (p, error))
    return NULL;
  *n_out = p->n;
  ratings = g_renew (CgRating, g_steal_pointer (&p->ratings), MAX (p->n, 1));
  return ratings;
}

static gboolean
format_has_ratings (CgFormat format)
{
  return format == CG_FORMAT_ML_100K || format == CG_FORMAT_ML_1M || format == CG_FORMAT_CSV;
}

CgRating *
cg_ratings_parse_format (CgFormat         format,
                         const char      *text,
                         gsize            len,
                         const char      *file,
                         const CgCatalog *catalog,
                         gsize           *n_out,
                         GError         **error)
{
  Parser p;
  CgRating *ratings = NULL;

  g_return_val_if_fail (format_has_ratings (format), NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (file != NULL && catalog != NULL && n_out != NULL, NULL);

  parser_init (&p, format, file, catalog, len);
  if (parser_feed (&p, text, len, error))
    ratings = parser_finish (&p, n_out, error);
  parser_clear (&p);
  return ratings;
}

CgRating *
cg_ratings_read (CgFormat         format,
                 const char      *path,
                 const CgCatalog *catalog,
                 gsize           *n_out,
                 GError         **error)
{
  g_autoptr(CgFileReader) reader = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gsize len;
  Parser p;
  CgRating *ratings = NULL;

  g_return_val_if_fail (format_has_ratings (format), NULL);
  g_return_val_if_fail (path != NULL && catalog != NULL && n_out != NULL, NULL);

  reader = cg_file_reader_open (path, error);
  if (reader == NULL)
    return NULL;
  name = g_filename_display_name (path);
  parser_init (&p, format, name, catalog, cg_file_reader_size (reader));
  while (cg_file_reader_next (reader, &text, &len, &local_error))
    if (!parser_feed (&p, text, len, &local_error))
      break;
  if (local_error == NULL)
    ratings = parser_finish (&p, n_out, &local_error);
  parser_clear (&p);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ratings;
}

static int
compare_by_user_then_movie (const void *a,
                            const void *b)
{
  const CgRating *x = a, *y = b;

  if (x->user_id != y->user_id)
    return (x->user_id > y->user_id) - (x->user_id < y->user_id);
  return (x->movie_id > y->movie_id) - (x->movie_id < y->movie_id);
}

void
cg_ratings_sort_by_user (CgRating *ratings,
                         gsize     n)
{
  qsort (ratings, n, sizeof (CgRating), compare_by_user_then_movie);
}

CgRating *
cg_ratings_parse (const char      *text,
                  gsize            len,
                  const char      *file,
                  const CgCatalog *catalog,
                  gsize           *n_out,
                  GError         **error)
{
  return cg_ratings_parse_format (CG_FORMAT_ML_100K, text, len, file, catalog, n_out, error);
}
