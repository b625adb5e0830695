/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-data-dir.h: where the MovieLens folder is.
 *
 * The dataset cannot ship with Cinegan (its licence forbids redistribution), so it is
 * looked for, in order: an explicit override (--data-dir), $CINEGAN_DATA_DIR,
 * $XDG_DATA_HOME/cinegan/ml-100k, and — in uninstalled runs only, where
 * $CINEGAN_SOURCE_DATA_DIR names the source tree's data/ folder — data/ml-100k there.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the first candidate folder that holds u.item, newly allocated. An explicit
 * override is returned only if it holds the data, else an error says what is missing
 * there. With no override and nothing found, the error lists every place searched. */
char  *cg_data_dir_find       (const char *override, GError **error);
/* The candidates in search order, for messages and the app's "not found" page. */
char **cg_data_dir_candidates (const char *override);

G_END_DECLS
