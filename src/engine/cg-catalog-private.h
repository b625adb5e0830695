/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-private.h: what the catalogue readers of the different layouts share.
 */
#pragma once

#include "cg-catalog.h"
#include "cg-lines.h"

G_BEGIN_DECLS

CgCatalog *_cg_catalog_new             (CgFormat format);
/* An empty GArray of CgMovie that frees the titles it holds. */
GArray    *_cg_movie_array_new         (void);
/* A movie ID field: 1 … CG_ID_MAX, or a parse error naming file:line. */
gboolean   _cg_catalog_parse_movie_id  (const CgField *field, const char *file, guint line,
                                        guint32 *id, GError **error);
/* Takes movies (read from file, movie k on lines[k]): refuses an empty list and a movie
 * listed twice, sorts them by ID and indexes them. */
gboolean   _cg_catalog_take_movies     (CgCatalog *catalog, GArray *movies, GArray *lines,
                                        const char *file, GError **error);

G_END_DECLS
