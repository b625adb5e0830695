/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog.h: the movies of a MovieLens folder (u.item) and their genres (u.genre).
 *
 * u.item is Latin-1; titles are converted to UTF-8 here, once. Movies are kept sorted by
 * their raw MovieLens ID, and looked up by it through an ID map (cg-id-map.h).
 */
#pragma once

#include <glib.h>

#include "cg-id-map.h"

G_BEGIN_DECLS

#define CG_MAX_GENRES 32

typedef struct
{
  guint32 movie_id;     /* raw MovieLens ID (u.item's first field) */
  char   *title;        /* UTF-8, as in u.item, usually ending in "(year)" */
  guint16 year;         /* from the release date; 0 when unknown */
  guint32 genres;       /* bit g set when the movie has genre g of the catalogue */
} CgMovie;

typedef struct
{
  CgMovie *movies;       /* (n_movies) sorted by movie_id */
  guint    n_movies;
  char   **genre_names;  /* (n_genres + 1) NULL-terminated, UTF-8, index = u.genre's number */
  guint    n_genres;
  CgIdMap *ids;          /* movie ID → position in movies */
  gatomicrefcount ref_count;
} CgCatalog;

/* Reads u.genre and u.item from dir. On error returns NULL; the message names the file
 * and line. */
CgCatalog     *cg_catalog_load          (const char *dir, GError **error);
/* Parses in-memory contents; file names are used in messages only. */
CgCatalog     *cg_catalog_parse         (const char *genre_text, gsize genre_len,
                                         const char *genre_file,
                                         const char *item_text, gsize item_len,
                                         const char *item_file, GError **error);
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
