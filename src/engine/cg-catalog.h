/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog.h: the movies of a MovieLens folder and their genres.
 *
 * Read from u.item with the genres of u.genre (ML-100K), movies.dat (ML-1M) or movies.csv
 * (the CSV releases). u.item and movies.dat are Latin-1, movies.csv UTF-8; titles are
 * UTF-8 here, converted once. ML-100K's genres keep u.genre's order; the others' are the
 * names the file uses, sorted, and "(no genres listed)" is no genre. Movies are kept
 * sorted by their raw MovieLens ID, and looked up by it through an ID map (cg-id-map.h).
 */
#pragma once

#include <glib.h>

#include "cg-format.h"
#include "cg-id-map.h"

G_BEGIN_DECLS

#define CG_MAX_GENRES 32

typedef struct
{
  guint32 movie_id;     /* raw MovieLens ID (the movies file's first field) */
  char   *title;        /* UTF-8, as in the file without surrounding spaces, usually ending in
                         * "(year)" (cg-movie-title.h finds it) */
  guint16 year;         /* ML-100K's release date, else the title's "(1995)"; 0: unknown */
  guint32 genres;       /* bit g set when the movie has genre g of the catalogue */
  gboolean shared_title; /* another movie of the catalogue has the same title and year:
                          * ML-100K lists a few movies twice, under two IDs */
} CgMovie;

typedef struct
{
  CgFormat format;       /* the layout the movies were read from */
  CgMovie *movies;       /* (n_movies) sorted by movie_id */
  guint    n_movies;
  char   **genre_names;  /* (n_genres + 1) NULL-terminated, UTF-8; bit g of genres is [g] */
  guint    n_genres;
  CgIdMap *ids;          /* movie ID → position in movies */
  gatomicrefcount ref_count;
} CgCatalog;

/* Reads the movies of dir in the layout found there (cg_format_detect): u.genre and u.item,
 * movies.dat or movies.csv. On error returns NULL; the message names the file and line. */
CgCatalog     *cg_catalog_load          (const char *dir, GError **error);
CgCatalog     *cg_catalog_load_format   (const char *dir, CgFormat format, GError **error);
/* Parses ML-100K's u.genre and u.item from memory; file names are used in messages only. */
CgCatalog     *cg_catalog_parse         (const char *genre_text, gsize genre_len,
                                         const char *genre_file,
                                         const char *item_text, gsize item_len,
                                         const char *item_file, GError **error);
/* Parses ML-1M's movies.dat (format CG_FORMAT_ML_1M, Latin-1) or a CSV release's
 * movies.csv (CG_FORMAT_CSV, UTF-8) from memory; file is used in messages only. */
CgCatalog     *cg_catalog_parse_movies  (CgFormat format, const char *text, gsize len,
                                         const char *file, GError **error);
/* A catalogue is immutable and shared by the datasets derived from one load (a validation
 * carve-out, a copy with the app's user added): ref adds an owner, free drops one. */
CgCatalog     *cg_catalog_ref           (CgCatalog *catalog);
void           cg_catalog_free          (CgCatalog *catalog);
/* NULL when there is no such movie. */
const CgMovie *cg_catalog_lookup        (const CgCatalog *catalog, guint32 movie_id);
/* The position in movies, -1 when there is no such movie. */
gint32         cg_catalog_position      (const CgCatalog *catalog, guint32 movie_id);
/* "Action, Comedy" — newly allocated. */
char          *cg_catalog_format_genres (const CgCatalog *catalog, guint32 genres);

/* Latin-1 to UTF-8 (every byte maps to the code point of the same value). */
char          *cg_latin1_to_utf8        (const char *text, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCatalog, cg_catalog_free)

G_END_DECLS
