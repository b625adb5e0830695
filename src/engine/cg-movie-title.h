/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-title.h: the release year inside a MovieLens title.
 *
 * MovieLens titles carry their year in parentheses: "Toy Story (1995)". A few put a note
 * after it — "Land Before Time III: The Time of the Great Giving (1995) (V)" — and u.item
 * pads some with a trailing space. The year is the last parenthesised four-digit number
 * that only such notes (and spaces) follow; a title with none has no year here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when title has a year: *year gets it and [*start, *end) the bytes of " (1995)"
 * (the spaces before the parenthesis included). FALSE, with *year 0, otherwise. Any of the
 * out pointers may be NULL. */
gboolean  cg_movie_title_find_year    (const char *title,
                                       guint16    *year,
                                       gsize      *start,
                                       gsize      *end);
/* title without its year and the spaces around it: "Toy Story (1995)" → "Toy Story",
 * "… Giving (1995) (V)" → "… Giving (V)". A title without a year, trimmed. Newly
 * allocated. */
char     *cg_movie_title_without_year (const char *title);

G_END_DECLS
