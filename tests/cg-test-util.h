/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-test-util.h: what every Check test of Cinegan shares.
 *
 * Temporary folders, small synthetic MovieLens datasets written by the tests themselves
 * (never the real data, whose licence forbids shipping it), the real data's location when
 * present, a tolerance helper that says where arrays differ, and the runner.
 */
#pragma once

#include <check.h>
#include <glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

/* Exit code that meson reads as "skipped". */
#define CG_TEST_SKIP 77

/* A fresh folder under the system temp dir; remove with cg_test_remove_tree. */
char     *cg_test_make_temp_dir   (void);
void      cg_test_remove_tree     (const char *path);
/* How many entries the folder at path holds (0 when it cannot be read). */
guint     cg_test_count_entries   (const char *path);
/* Writes contents (len -1: NUL-terminated) to dir/name; aborts the test on failure. */
void      cg_test_write_file      (const char *dir, const char *name, const char *contents,
                                   gssize len);

/* One temp root per test: tcase_add_checked_fixture (tc, cg_test_tmp_setup,
 * cg_test_tmp_teardown) makes it before each test and removes it after. */
void        cg_test_tmp_setup    (void);
void        cg_test_tmp_teardown (void);
const char *cg_test_tmp_root     (void);
/* A new empty folder under the root; the path is newly allocated. */
char       *cg_test_tmp_subdir   (const char *name);

/* A synthetic MovieLens folder with planted taste clusters.
 * n_clusters groups of users each like their own block of movies (rating 4–5) and
 * rate a few movies of other blocks low (1–2); ratings are split per user into
 * <split>.base / <split>.test (test_fraction of each user's ratings), plus u.data with all
 * of them. u.item has Latin-1 titles for some movies. Deterministic in seed. */
typedef struct
{
  guint   n_users;        /* default 60 */
  guint   n_items;        /* default 40 */
  guint   n_clusters;     /* default 4 */
  guint   likes_per_user; /* default 8 */
  guint   dislikes_per_user; /* default 3 */
  double  test_fraction;  /* default 0.25 */
  guint64 seed;
  const char *split;      /* default "u1" */
} CgSyntheticSpec;

void      cg_synthetic_spec_init  (CgSyntheticSpec *spec);
void      cg_test_write_synthetic (const char *dir, const CgSyntheticSpec *spec);
/* Writes the dataset into a new temp folder (*dir, for cg_test_remove_tree) and loads
 * its split at threshold 4; aborts the test on failure. */
CgDataset *cg_test_load_synthetic (const CgSyntheticSpec *spec, char **dir);

/* Replaces dir/file with contents (NULL: removes it), then asserts that loading dir with
 * split fails naming `names` (a path under dir: the file, with ":line:" when parsing) and
 * saying `expected`, as a parse error when contents were given. `what` labels failures. */
void      cg_test_assert_load_fails (const char *dir, const char *split, const char *file,
                                     const char *contents, const char *names,
                                     const char *expected, const char *what);

/* A model small enough to train in a fraction of a second on the synthetic datasets, with
 * the default objective: E16 Z4 H32, batches of 64, learning rate 0.01, one thread, seed 5. */
void      cg_test_small_config    (CgCganConfig *config);
/* Trains config on dataset (asserting success) and returns the model. */
CgCgan   *cg_test_train           (const CgDataset *dataset, const CgCganConfig *config);

/* Runs argv (argv[0] a path), asserting it exits with status expect; returns its stdout,
 * and its stderr in *err when err is not NULL (both newly allocated). */
char     *cg_test_run_command     (const char *const *argv, int expect, char **err);
/* The whole file, NUL-terminated; aborts the test when it cannot be read. */
char     *cg_test_read_text       (const char *path);

/* The real ml-100k folder ($CINEGAN_DATA_DIR, else $CG_TEST_SHARED_DATA), or NULL. */
char     *cg_test_real_data_dir   (void);

/* Checks |a[i] - b[i]| <= atol + rtol·|b[i]| for all i. On failure prints the max
 * difference, where it is, and the first few values of both, and returns FALSE. */
gboolean  cg_test_arrays_close    (const char *what, const float *a, const float *b,
                                   gsize n, double rtol, double atol);
gboolean  cg_test_arrays_close_d  (const char *what, const double *a, const double *b,
                                   gsize n, double rtol, double atol);

/* Runs the suite (CK_NORMAL output) and returns 0 when every test passed, else 1. */
int       cg_test_run_suite       (Suite *suite);

G_END_DECLS
