/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-sort.h: finding repeated keys — a movie listed twice, a (user, movie) pair rated
 * twice — fast enough for 32 million ratings, and reported the way a person fixes a file.
 *
 * Detection sorts the bare 64-bit keys (a radix sort, or nothing when the file is already
 * in key order, as MovieLens' large releases are). Only when a repeat exists is the
 * line-carrying search run, to name the earliest line that repeats a key and the line it
 * repeats.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ascending, in place. Large arrays of 64-bit keys take a radix sort. */
void     cg_sort_u32            (guint32 *values, gsize n);
void     cg_sort_u64            (guint64 *values, gsize n);

/* TRUE when two of keys[0..n) are equal. Sorts keys in place. */
gboolean cg_keys_have_repeat    (guint64 *keys, gsize n);

/* Among the keys that occur more than once (lines[k] is where keys[k] was read), the one
 * whose second occurrence comes first: *line is that occurrence, *first_line the first.
 * FALSE when no key repeats. */
gboolean cg_keys_first_repeat   (const guint64 *keys, const guint32 *lines, gsize n,
                                 guint64 *key, guint32 *line, guint32 *first_line);

G_END_DECLS
