/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-store.h: your own movie ratings, kept on disk without making you wait.
 *
 * The store maps raw MovieLens movie IDs to a rating of 1–5. It lives in one text file,
 * by default $XDG_DATA_HOME/cinegan/ratings.tsv, a journal (cg-ratings-journal.h):
 *
 *   # Cinegan ratings v2: movie_id<TAB>rating<TAB>unix_time; 0 clears; the last line wins
 *   50	5	1732650000
 *
 * A change is in the table at once and is written by a thread of the store's: appended as
 * one line (changes that pile up meanwhile go in one write) and flushed to disk, so a
 * click costs the same with ten ratings or ten million. On start the file is compacted
 * when lines were superseded, rewritten whole through a temporary file and a rename, so a
 * crash or a kill leaves either the old file or the new one. A symbolic link is followed
 * and its target written; the file's mode is kept.
 *
 * A file that cannot be read entirely is first copied, byte for byte, to
 * ratings.tsv.corrupt-<date>-<time>; then every line that could be read is kept (a bad
 * line, a NUL byte, broken UTF-8 cost that line only) and written back, and a warning says
 * so. A line cut short at the end of the file is what a crash during a write leaves: it is
 * dropped without a warning.
 *
 * When ratings cannot be saved — the folder is not writable, the disk is full, the file is
 * read-only, not a regular file, or could not be read and is left as it is — they are kept
 * in memory for the session: #CgRatingsStore:saving-problem says why, in a sentence for
 * people, and #CgRatingsStore:n-unsaved how many are not on disk. The store retries by
 * itself (every #CgRatingsStore:retry-interval milliseconds) and on
 * cg_ratings_store_retry_save; once the folder can be written, everything is saved and
 * saving-problem goes back to NULL. Disposing of the store waits for its writes.
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

/* Reads the file (waiting for the store's writes first; changes not saved are dropped); a
 * missing file is an empty store. A damaged file is backed up and what could be read is
 * kept: TRUE, with cg_ratings_store_get_warning set. FALSE when the file could not be read
 * (it is not a regular file, or not readable) or its damage could not be backed up; the
 * file is then left as it is, and ratings given meanwhile are kept for the session, with
 * saving-problem set. */
gboolean        cg_ratings_store_load              (CgRatingsStore *self, GError **error);
/* What load had to repair, for the user; NULL when all went well. */
const char     *cg_ratings_store_get_warning       (CgRatingsStore *self);
/* Where the damaged file was copied, or NULL. */
const char     *cg_ratings_store_get_backup_path   (CgRatingsStore *self);

/* 0 when the movie is not rated. */
guint           cg_ratings_store_get_rating        (CgRatingsStore *self, guint32 movie_id);
/* rating 1–5 sets, 0 clears, in the table at once; saving follows on the store's thread.
 * Emits ::changed when the rating really changed. Returns TRUE: a failure to save shows in
 * saving-problem, and the rating is kept for the session. */
gboolean        cg_ratings_store_set_rating        (CgRatingsStore *self, guint32 movie_id,
                                                    guint rating, GError **error);

/* Why ratings are not being saved now, for a banner ("Could not write “…”: Permission
 * denied"); NULL while saving works. Notifies. */
const char     *cg_ratings_store_get_saving_problem (CgRatingsStore *self);
/* Changes not yet on disk: being written, or waiting for saving to work again. Notifies. */
guint           cg_ratings_store_get_n_unsaved     (CgRatingsStore *self);
/* Tries to save now what could not be saved (a banner's "Try Again"): re-reads a file that
 * could not be read, rewrites the file when its folder takes a new file. */
void            cg_ratings_store_retry_save        (CgRatingsStore *self);
/* Waits until every change given so far is written or has failed; TRUE when all of them
 * are on disk. For quitting, and for tests. */
gboolean        cg_ratings_store_flush             (CgRatingsStore *self, GError **error);

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
