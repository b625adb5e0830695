/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dataset.h: one train/test split of a MovieLens release, as implicit feedback.
 *
 * Users and items get contiguous indices over train ∪ test, assigned in ascending order of
 * their raw IDs — so "lower index" and "lower movie ID" are the same thing, which is how
 * ranking ties are broken. A rating ≥ threshold is a positive. Every rated item, positive
 * or not, is kept in train_rated: recommendations never show it.
 *
 * A dataset is immutable once built and may be shared by threads.
 */
#pragma once

#include <glib.h>

#include "cg-catalog.h"
#include "cg-id-map.h"
#include "cg-ratings.h"
#include "cg-user-items.h"

G_BEGIN_DECLS

#define CG_DEFAULT_THRESHOLD 4

typedef struct
{
  char        *split;          /* "u1", "ua", "random", "validation", … */
  char        *format;         /* its files' layout as cg_format_id names it ("ml-100k"),
                                * or NULL */
  char       **split_params;   /* how the split was made, "key=value" ("test-fraction=0.2",
                                * "seed=42"), NULL-terminated; NULL when it is a given file */
  double       threshold;      /* positives are ratings ≥ this, in stars */
  CgCatalog   *catalog;        /* owned; every movie of u.item */

  guint        n_users;
  guint        n_items;
  guint32     *user_ids;       /* (n_users) index → raw user ID, ascending (users->ids) */
  guint32     *movie_ids;      /* (n_items) index → raw movie ID, ascending (items->ids) */
  CgIdMap     *users;          /* owned reference: raw user ID ↔ index */
  CgIdMap     *items;          /* owned reference: raw movie ID ↔ index */
  guint32      max_user_id;    /* 0 when there are no users */

  CgRating    *train;          /* (n_train) in file order */
  gsize        n_train;
  CgRating    *test;           /* (n_test) */
  gsize        n_test;

  CgUserItems *train_pos;      /* train ratings ≥ threshold */
  CgUserItems *train_rated;    /* every train rating: excluded from recommendations */
  CgUserItems *test_pos;       /* test ratings ≥ threshold: the ground truth */
  guint        n_eval_users;   /* ≥ 1 train positive and ≥ 1 test positive */
} CgDataset;

/* Loads the folder in the layout found there (cg-format.h) and divides it by split
 * (cg-split.h: "u1" … "ub" read ML-100K's split files, "all", "random…", "temporal…"
 * divide the whole ratings file; NULL is the layout's default, u1 or random). The dataset's
 * split is the canonical name. threshold must suit the layout (cg_format_check_threshold).
 * Nothing is returned on any error; parse errors name file:line. */
CgDataset *cg_dataset_load            (const char *dir, const char *split, double threshold,
                                       GError **error);
/* The split "random:<test_fraction>:<seed>". */
CgDataset *cg_dataset_load_random     (const char *dir, double test_fraction, guint64 seed,
                                       double threshold, GError **error);
/* Builds a dataset from rating lists; takes over one reference to catalog (also on error). */
CgDataset *cg_dataset_new             (CgCatalog *catalog, const char *split, double threshold,
                                       const CgRating *train, gsize n_train,
                                       const CgRating *test, gsize n_test, GError **error);
/* Divides ratings held in memory (say, generated: cg-synthetic.h) by split — all, random…
 * or temporal…; NULL is random — and builds the dataset. Takes over catalog and all, also
 * on error; every rating must be of a catalogue movie, on its format's scale. */
CgDataset *cg_dataset_new_split       (CgCatalog *catalog, const char *split, double threshold,
                                       CgRating *all, gsize n_all, GError **error);
/* A copy where extra ratings (say, the app's "you" user, with raw ID user_id) are added to
 * train. The user may be new: give it a raw ID above max_user_id and it takes index
 * n_users, leaving every other index as it was (an ID in a gap would renumber the users
 * after it). Ratings for movies outside the item space are refused. */
CgDataset *cg_dataset_with_extra_user (const CgDataset *dataset, const CgRating *extra,
                                       gsize n_extra, GError **error);
/* Validation carve-out: holds out `fraction` of each user's train positives (at least one
 * positive stays in train) as the new test set. Train of the result is the rest of train,
 * so nothing of the real test split is seen. Seeded. */
CgDataset *cg_dataset_carve_validation (const CgDataset *dataset, double fraction,
                                        guint64 seed);
void       cg_dataset_free            (CgDataset *dataset);

/* -1 when absent. */
static inline gint32
cg_dataset_user_index (const CgDataset *ds, guint32 user_id)
{
  return cg_id_map_lookup (ds->users, user_id);
}

static inline gint32
cg_dataset_item_index (const CgDataset *ds, guint32 movie_id)
{
  return cg_id_map_lookup (ds->items, movie_id);
}

/* The catalogue entry of an item index. */
const CgMovie *cg_dataset_movie      (const CgDataset *ds, guint item);
/* TRUE when the user has ≥ 1 train positive and ≥ 1 test positive. */
gboolean   cg_dataset_is_eval_user   (const CgDataset *ds, guint user);
/* The least whole-star rating that is a positive: what the app's own 1–5 star ratings
 * are compared with (4 for a threshold of 3.5 or 4). */
guint      cg_dataset_whole_star_threshold (const CgDataset *ds);
/* Number of train positives per item, (n_items). Newly allocated. */
guint32   *cg_dataset_item_popularity (const CgDataset *ds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgDataset, cg_dataset_free)

G_END_DECLS
