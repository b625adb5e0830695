/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-model-file.h: saving a trained CGAN to a .cgan file and loading it back.
 *
 * A model file holds everything needed to score again exactly as before: the
 * hyperparameters, the generator and discriminator tensors (float32), the raw user and item
 * ID maps, a fingerprint of the dataset it was trained on, the training history (so the
 * plot can be redrawn) and the ratings of the app's "you" user when there is one. The
 * layout is documented in docs/model-format.md.
 *
 * Files come from users' disks and downloads, so the loader treats every byte as hostile:
 * each field is checked (magic, version, length, SHA-256 checksum, GVariant normal form,
 * sizes, shapes against the hyperparameters, finite weights) before anything is allocated
 * from it, and a failed load returns NULL with a CG_ERROR (FORMAT, VERSION, IO) whose
 * message names the file. Saving is atomic: a failed or interrupted save leaves any
 * previous file in place.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"
#include "cg-file.h"

G_BEGIN_DECLS

/* The format version this build writes; it reads every version from 1 up to it. */
#define CG_MODEL_FILE_VERSION 2

/* Bytes before the payload: magic (8), version (4), flags (4), payload length (8),
 * SHA-256 (32). */
#define CG_MODEL_FILE_HEADER_SIZE 56

/* Hard limits of the loader, so a small hostile file cannot make it allocate much. */
#define CG_MODEL_FILE_MAX_PAYLOAD  (G_GUINT64_CONSTANT (1) << 31)  /* 2 GiB */
#define CG_MODEL_FILE_MAX_USERS    (1u << 24)
#define CG_MODEL_FILE_MAX_ITEMS    (1u << 24)
#define CG_MODEL_FILE_MAX_HISTORY  (1u << 20)

/* A loaded model file. Every field is owned by the struct; take the model with
 * cg_model_file_steal_model to keep it after cg_model_file_free. */
typedef struct
{
  char     *name;           /* the file's display name, for messages */
  guint32   version;        /* format version of the file */
  char     *writer;         /* "Cinegan 0.1.0", or NULL when the file does not say */
  char     *created;        /* ISO 8601 UTC time of the save, or NULL */

  CgCgan   *model;          /* hyperparameters, tensors and history */

  /* The dataset the model was trained on. */
  char     *split;          /* "u1", "random", … */
  char     *format;         /* its files' format ("ml-100k"); NULL when not recorded */
  char    **split_params;   /* how the split was made, sorted "key=value"; NULL for none */
  double    threshold;      /* positives were ratings ≥ this, in stars */
  guint     n_items;
  guint32  *movie_ids;      /* (n_items) item index → raw movie ID, ascending */
  guint8    item_hash[32];  /* SHA-256 of movie_ids as little-endian uint32 */
  guint     n_users;
  guint32  *user_ids;       /* (n_users) user index → raw user ID, ascending */
  /* SHA-256 of the training data as the model saw it (docs/model-format.md); format 1
   * files have none. */
  gboolean  has_train_digest;
  guint8    train_digest[32];

  /* The app's "you" user, when the model was saved with one. you_in_training tells
   * whether their ID is in user_ids, i.e. they were part of the training set. */
  gboolean  has_you;
  guint32   you_user_id;
  gboolean  you_in_training;
  CgRating *you_ratings;    /* (n_you) sorted by movie ID */
  gsize     n_you;
} CgModelFile;

/* The whole file as bytes (header and payload), as cg_model_file_save writes it. model
 * must have dataset's user and item counts (dataset is the one it was trained on, with
 * the "you" user added when they were part of training); you (n_you ratings, one user ID,
 * movies of the dataset, no repeats) may be NULL/0. Fails (CG_ERROR_INVALID,
 * CG_ERROR_MISMATCH) rather than write anything the loader would refuse. */
GBytes      *cg_model_file_serialize      (const CgCgan *model, const CgDataset *dataset,
                                           const CgRating *you, gsize n_you,
                                           GError **error);

/* Writes the model file atomically with cg_file_replace: a symbolic link's target is
 * replaced, the mode of a file replaced is kept, and on failure any file already at path
 * is left as it was. A read-only file is refused (CG_ERROR_READ_ONLY): ask the person, then
 * pass CG_FILE_REPLACE_READ_ONLY to cg_model_file_save_full. Other errors are CG_ERROR_IO
 * naming path, or those of cg_model_file_serialize. */
gboolean     cg_model_file_save           (const char *path, const CgCgan *model,
                                           const CgDataset *dataset, const CgRating *you,
                                           gsize n_you, GError **error);
gboolean     cg_model_file_save_full      (const char *path, const CgCgan *model,
                                           const CgDataset *dataset, const CgRating *you,
                                           gsize n_you, CgFileReplaceFlags flags,
                                           GError **error);

/* Reads and validates a model file; needs no dataset. NULL and an error on any problem. */
CgModelFile *cg_model_file_load           (const char *path, GError **error);

/* The same from bytes already in memory; name is used in messages only (say, the path
 * or "clipboard"). */
CgModelFile *cg_model_file_load_bytes     (GBytes *bytes, const char *name, GError **error);

/* TRUE when dataset is the one the model was trained on: same split, threshold, item IDs,
 * user IDs, and — for files of format 2 on — the same training data (train digest), format
 * and split parameters. Otherwise CG_ERROR_MISMATCH with a message describing both (the
 * digests included). When the
 * model was trained with the "you" user, dataset must contain them too
 * (see cg_model_file_match_dataset). */
gboolean     cg_model_file_check_dataset  (const CgModelFile *file, const CgDataset *dataset,
                                           GError **error);

/* cg_model_file_check_dataset for callers holding the plain dataset (the CLI): when the
 * model was trained with the "you" user and dataset lacks them, *with_you receives a new
 * dataset with the file's "you" ratings added, to be used instead; otherwise *with_you is
 * set to NULL and dataset is fine as is. FALSE and CG_ERROR_MISMATCH when neither fits. */
gboolean     cg_model_file_match_dataset  (const CgModelFile *file, const CgDataset *dataset,
                                           CgDataset **with_you, GError **error);

/* "split u1, threshold 4, 1682 items (item-ID hash 3fa2c1d09e4b), 943 users, train digest
 * 5e0c81a2b3f4 (ml-100k)", newly allocated. */
char        *cg_model_file_describe_dataset (const CgModelFile *file);

/* Takes the model out of file (file->model becomes NULL). */
CgCgan      *cg_model_file_steal_model    (CgModelFile *file);
void         cg_model_file_free           (CgModelFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgModelFile, cg_model_file_free)

G_END_DECLS
