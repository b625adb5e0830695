/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-journal.h: the text of your ratings file, read and written.
 *
 *   # Cinegan ratings v2: movie_id<TAB>rating<TAB>unix_time; 0 clears; the last line wins
 *   50	5	1732650000
 *
 * The file is a journal: a change is one line appended at the end, and a movie's last line
 * holds its rating (0: cleared), so saving a click costs one short write whatever the size
 * of the table. Compacted — on start, when lines were superseded — it has one line per
 * rated movie, in movie order. Version 1 files (one line per movie, ratings 1–5, a
 * different header) read the same way.
 *
 * Reading walks every byte (NUL bytes, broken UTF-8 and all): a line that is not a rating
 * is skipped and counted, and every line after it is still read. The parser has no I/O,
 * so the fuzzer runs it too; the app's store (src/app/cg-ratings-store.c) does the rest.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_RATINGS_JOURNAL_HEADER \
  "# Cinegan ratings v2: movie_id<TAB>rating<TAB>unix_time; 0 clears; the last line wins\n"

/* A movie's rating in the table. */
typedef struct
{
  guint8  rating;     /* 1–5 */
  guint32 timestamp;  /* when it was given, seconds since the epoch */
} CgStoredRating;

typedef struct
{
  guint    n_lines;         /* rating lines read (comments and blank lines not counted) */
  guint    n_bad;           /* lines that are not a rating: skipped */
  guint    first_bad;       /* line number (1-based) of the first of them, or 0 */
  gboolean torn_tail;       /* the last line had no newline and was not a rating: an append
                             * cut short by a crash, not counted in n_bad */
  gboolean current_header;  /* the first line is this version's header */
} CgRatingsJournalStats;

/* A table: raw movie ID (GUINT_TO_POINTER) → CgStoredRating*, owned. */
GHashTable *cg_ratings_table_new          (void);
/* rating 1–5 sets, 0 removes. */
void        cg_ratings_table_set          (GHashTable *table, guint32 movie_id, guint rating,
                                           guint32 timestamp);
/* The movie IDs in ascending order; *n_out receives the count. g_free the result. */
guint32    *cg_ratings_table_sorted_ids   (GHashTable *table, guint *n_out);

/* Reads len bytes of text (anything at all) into table, line after line. */
void        cg_ratings_journal_parse      (const char *text, gsize len, GHashTable *table,
                                           CgRatingsJournalStats *stats);
/* TRUE when a file so read is worth rewriting compact: lines superseded or bad, a torn
 * tail, an older header. */
gboolean    cg_ratings_journal_needs_compaction (const CgRatingsJournalStats *stats,
                                                 guint n_ratings);
/* The compact file of table: the header, then one line per movie in ID order. */
char       *cg_ratings_journal_serialize  (GHashTable *table, gsize *len_out);
/* One line, "movie<TAB>rating<TAB>time\n", appended to out. */
void        cg_ratings_journal_append_line (GString *out, guint32 movie_id, guint rating,
                                            guint32 timestamp);

G_END_DECLS
