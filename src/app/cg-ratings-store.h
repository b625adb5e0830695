/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-store.h: your own movie ratings, kept on disk the moment they change.
 *
 * The store maps raw MovieLens movie IDs to a rating of 1–5. It lives in one text file,
 * by default $XDG_DATA_HOME/cinegan/ratings.tsv, with one rating per line:
 *
 *   # Cinegan ratings v1: movie_id<TAB>rating<TAB>unix_time
 *   50	5	1732650000
 *
 * Every change rewrites the whole file through g_file_set_contents_full (temporary file,
 * fsync, rename), so a crash or a kill leaves either the old file or the new one, never a
 * torn one. A file that cannot be read entirely is first copied, byte for byte, to
 * ratings.tsv.corrupt-<date>-<time>; then the lines that could be read are written back over
 * it (atomically), and a warning says so — nothing the user entered is lost, and the file is
 * never missing, whenever the app is killed.
 *
 * Movie IDs are raw, not dataset indices: the store does not depend on which split or
 * dataset folder is loaded, and a movie missing from the loaded dataset keeps its rating.
 */
#pragma once

#include <gio/gio.h>

#include "cg-dataset.h"

G_BEGIN_DECLS

#define CG_TYPE_RATINGS_STORE (cg_ratings_store_get_type ())

G_DECLARE_FINAL_TYPE (CgRatingsStore, cg_ratings_store, CG, RATINGS_STORE, GObject)

/* $XDG_DATA_HOME/cinegan/ratings.tsv, newly allocated. */
char           *cg_ratings_store_default_path      (void);

CgRatingsStore *cg_ratings_store_new               (const char *path);
const char     *cg_ratings_store_get_path          (CgRatingsStore *self);

/* Reads the file; a missing file is an empty store. A damaged file is backed up and what
 * could be read is kept: TRUE, with cg_ratings_store_get_warning set. FALSE only when the
 * file could not be read or backed up; the store then refuses to save, so the file on disk
 * stays as it was. */
gboolean        cg_ratings_store_load              (CgRatingsStore *self, GError **error);
/* What load had to repair, for the user; NULL when all went well. */
const char     *cg_ratings_store_get_warning       (CgRatingsStore *self);
/* Where the damaged file was copied, or NULL. */
const char     *cg_ratings_store_get_backup_path   (CgRatingsStore *self);

/* 0 when the movie is not rated. */
guint           cg_ratings_store_get_rating        (CgRatingsStore *self, guint32 movie_id);
/* rating 1–5 sets, 0 clears; saved before returning. On a write error the change is undone
 * and FALSE returned. Emits ::changed when the rating really changed. */
gboolean        cg_ratings_store_set_rating        (CgRatingsStore *self, guint32 movie_id,
                                                    guint rating, GError **error);

guint           cg_ratings_store_get_n_rated       (CgRatingsStore *self);
/* Ratings ≥ threshold. */
guint           cg_ratings_store_count_at_least    (CgRatingsStore *self, guint threshold);

/* Every rating as a CgRating of user user_id, sorted by movie ID: the input of
 * cg_dataset_with_extra_user. Movies outside dataset's item space are left out when
 * dataset is not NULL (the engine refuses them). g_free the result. */
CgRating       *cg_ratings_store_dup_ratings       (CgRatingsStore *self,
                                                    const CgDataset *dataset,
                                                    guint32 user_id, gsize *n_out);
/* Item indices of dataset (ascending) that you rated ≥ min_rating: with the dataset's
 * threshold, the liked items a history-mode model embeds "you" from; with 1, every item to
 * exclude from your recommendations. g_free the result; NULL when *n_out is 0. */
guint32        *cg_ratings_store_dup_items         (CgRatingsStore *self,
                                                    const CgDataset *dataset,
                                                    guint min_rating, guint *n_out);

G_END_DECLS
