/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-data-dir.h: where the MovieLens folders are.
 *
 * The datasets cannot ship with Cinegan (their licence forbids redistribution), so they
 * are looked for, in order: an explicit override (--data-dir), $CINEGAN_DATA_DIR,
 * $XDG_DATA_HOME/cinegan/ml-100k, and — in uninstalled runs only, where
 * $CINEGAN_SOURCE_DATA_DIR names the source tree's data/ folder — data/ml-100k there.
 * Every release the fetch script puts beside those (ml-1m, ml-25m, … under
 * $XDG_DATA_HOME/cinegan or data/) is found too, and listed with its layout and counts
 * for a dataset chooser (cg_data_dir_discover); nothing here needs GTK.
 */
#pragma once

#include <gio/gio.h>

#include "cg-format.h"

G_BEGIN_DECLS

/* Returns the first candidate folder that holds a release (cg_format_detect), else the
 * first one discovery finds, newly allocated. An explicit override is returned only if it
 * holds the data, else an error says what is missing there. With no override and nothing
 * found, the error lists every place searched. */
char  *cg_data_dir_find       (const char *override, GError **error);
/* The folders that may hold a release themselves, in search order. */
char **cg_data_dir_candidates (const char *override);
/* Every folder discovery scans (it looks in each and in the folders directly inside it),
 * in its order, each once: for messages and the pages that say where nothing was found. */
char **cg_data_dir_places     (const char *override);

/* One release found on disk. */
typedef struct
{
  char     *path;           /* the folder */
  CgFormat  format;
  char     *release;        /* "ml-25m", … (cg_format_guess_release), or NULL */
  char     *origin;         /* why it was looked at: "--data-dir", "$CINEGAN_DATA_DIR",
                             * "your data folder", "the source tree" */
  guint64   ratings_bytes;  /* size of its ratings file, 0 when there is none */
  /* Filled by cg_data_source_count: */
  gboolean  counted;
  guint     n_movies;       /* lines of the movies file (without a header) */
  guint64   n_ratings;      /* lines of the ratings file (u.data for ML-100K) */
} CgDataSource;

/* Every folder that holds a release, in search order, each once: the places above and the
 * folders directly inside each of them (sorted by name). Costs a few stat calls a folder, no reading but
 * each CSV release's README.txt; counts come from cg_data_source_count. An array of
 * CgDataSource that frees them. */
GPtrArray  *cg_data_dir_discover      (const char *override);
/* Counts source's movies and ratings by their lines, without parsing: a fraction of a
 * second for ML-25M's 678 MB when it is in the page cache, several seconds from a cold
 * disk, so a caller with a window runs it in a worker thread. */
gboolean    cg_data_source_count      (CgDataSource *source, GCancellable *cancellable,
                                       GError **error);
/* "MovieLens CSV (ml-25m): 62,423 movies, 25,000,095 ratings", counts only once counted;
 * newly allocated. */
char       *cg_data_source_describe   (const CgDataSource *source);
CgDataSource *cg_data_source_copy     (const CgDataSource *source);
void        cg_data_source_free       (CgDataSource *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDataSource, cg_data_source_free)

G_END_DECLS
