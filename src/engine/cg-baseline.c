/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-baseline.c: popularity, random, ItemKNN (cosine) and EASE.
 *
 * The two item–item models share one shape: a dense (I, I) weight matrix W, scored as
 * scores = X_batch · W with X the users' binary train-positive rows, so a batch of users
 * is one cblas_sgemm.
 *   ItemKNN: W_ij = |U_i ∩ U_j| / sqrt(|U_i| |U_j|), zero diagonal (full neighbourhood).
 *   EASE:    P = (XᵀX + λI)⁻¹, W_ij = −P_ij / P_jj, zero diagonal (Steck, 2019).
 * X is the training positives; the rows a user is scored from are their train positives,
 * or whatever input set the caller gives (the new-user protocol's revealed movies).
 *
 * λ is a regulariser whose best value depends on the data (and on how much of a user the
 * scorer sees): cg_ease_select_lambda picks it on a validation split, never on a test
 * split.
 */
#include "cg-baseline.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "cg-error.h"
#include "cg-rng.h"

#define RANDOM_SEED 42

/* LAPACK (shipped inside OpenBLAS): Cholesky factorisation and inverse. */
extern void dpotrf_ (const char *uplo, const int *n, double *a, const int *lda, int *info);
extern void dpotri_ (const char *uplo, const int *n, double *a, const int *lda, int *info);

struct _CgBaseline
{
  CgBaselineKind   kind;
  const CgDataset *dataset;   /* borrowed */
  const CgUserItems *input;   /* borrowed: what users are scored from */
  double           lambda;    /* EASE only */
  float           *popularity; /* (I) */
  float           *weights;   /* (I, I) item–item models only */
  float           *rows;      /* (batch, I) scratch for X_batch */
  guint            rows_capacity;
};

static const char *const kind_names[] = { "popularity", "random", "itemknn", "ease" };

gboolean
cg_baseline_kind_from_name (const char     *name,
                            CgBaselineKind *kind,
                            GError        **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    if (g_strcmp0 (name, kind_names[k]) == 0)
      {
        *kind = (CgBaselineKind) k;
        return TRUE;
      }
  g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
               "Unknown baseline “%s” (popularity, random, itemknn or ease)", name);
  return FALSE;
}

const char *
cg_baseline_kind_name (CgBaselineKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

/* Dense binary (n_users, I) rows of the users' input items. */
static void
fill_rows (float             *rows,
           const CgUserItems *input,
           guint              n_items,
           const guint32     *users,
           guint              n_users)
{
  memset (rows, 0, sizeof (float) * (gsize) n_users * n_items);
  for (guint b = 0; b < n_users; b++)
    {
      const guint32 *row = cg_user_items_row (input, users[b]);

      for (guint k = 0; k < cg_user_items_count (input, users[b]); k++)
        rows[(gsize) b * n_items + row[k]] = 1.0f;
    }
}

/* G = XᵀX over all users of positives, in double: the counts are exact and EASE inverts
 * it. */
static double *
gram_of (const CgUserItems *positives)
{
  guint n = positives->n_items;
  double *gram = g_new0 (double, (gsize) n * n);

  for (guint u = 0; u < positives->n_users; u++)
    {
      const guint32 *row = cg_user_items_row (positives, u);
      guint count = cg_user_items_count (positives, u);

      for (guint a = 0; a < count; a++)
        for (guint b = 0; b < count; b++)
          gram[(gsize) row[a] * n + row[b]] += 1.0;
    }
  return gram;
}

static double *
gram_matrix (const CgDataset *ds)
{
  return gram_of (ds->train_pos);
}

static void
build_itemknn (CgBaseline *self)
{
  guint n = self->dataset->n_items;
  g_autofree double *gram = gram_matrix (self->dataset);

  self->weights = g_new (float, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double norm = sqrt (gram[(gsize) i * n + i] * gram[(gsize) j * n + j]);

        self->weights[(gsize) i * n + j] =
          (i == j || norm == 0.0) ? 0.0f : (float) (gram[(gsize) i * n + j] / norm);
      }
}

/* EASE's weights (n, n) from the Gram matrix G (left as it was) and λ; with dropout p > 0,
 * EDLAE's instead (Steck 2020): each item j regularised by Λ_j = λ + p/(1 − p)·G_jj, the
 * ridge that dropping each input with probability p amounts to, and W = I − P·diag(Λ)
 * with P = (G + diag(Λ))⁻¹, its diagonal (which only scores items a user already has)
 * set to zero. */
static gboolean
ease_from_gram (float        *weights,
                const double *gram,
                int           n,
                double        lambda,
                double        dropout,
                GError      **error)
{
  g_autofree double *p = g_memdup2 (gram, sizeof (double) * (gsize) n * n);
  g_autofree double *reg = g_new (double, MAX (n, 1));
  int info = 0;

  for (int i = 0; i < n; i++)
    {
      reg[i] = lambda + (dropout > 0.0 ? dropout / (1.0 - dropout) * gram[(gsize) i * n + i]
                                       : 0.0);
      p[(gsize) i * n + i] += reg[i];
    }

  /* Symmetric positive definite: Cholesky, then the inverse from the factor. The matrix is
   * symmetric, so row- versus column-major does not matter; only "U" is filled, mirrored
   * below. */
  dpotrf_ ("U", &n, p, &n, &info);
  if (info == 0)
    dpotri_ ("U", &n, p, &n, &info);
  if (info != 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_DIVERGED,
                   "EASE: inverting the item Gram matrix failed (LAPACK info %d)", info);
      return FALSE;
    }
  /* Column-major "U" is the row-major lower triangle: mirror it up. */
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      p[(gsize) i * n + j] = p[(gsize) j * n + i];

  /* EASE: the zero-diagonal constraint's solution, −P_ij / P_jj; EDLAE: −P_ij·Λ_j. */
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      weights[(gsize) i * n + j] =
        i == j ? 0.0f
               : (float) (-p[(gsize) i * n + j]
                          * (dropout > 0.0 ? reg[j] : 1.0 / p[(gsize) j * n + j]));
  return TRUE;
}

static gboolean
build_ease (CgBaseline   *self,
            const double *gram,
            GError      **error)
{
  guint n = self->dataset->n_items;

  if (self->weights == NULL)
    self->weights = g_new (float, (gsize) n * n);
  return ease_from_gram (self->weights, gram, (int) n, self->lambda, 0.0, error);
}

gboolean
cg_ease_fit (float             *weights,
             const CgUserItems *positives,
             double             lambda,
             double             dropout,
             GError           **error)
{
  g_autofree double *gram = NULL;

  g_return_val_if_fail (weights != NULL && positives != NULL, FALSE);
  g_return_val_if_fail (lambda > 0.0, FALSE);
  g_return_val_if_fail (dropout >= 0.0 && dropout < 1.0, FALSE);
  g_return_val_if_fail (positives->n_items <= G_MAXINT, FALSE);

  gram = gram_of (positives);
  return ease_from_gram (weights, gram, (int) positives->n_items, lambda, dropout, error);
}

/* Everything but the item–item weights. */
static CgBaseline *
baseline_alloc (CgBaselineKind   kind,
                const CgDataset *dataset)
{
  CgBaseline *self = g_new0 (CgBaseline, 1);
  g_autofree guint32 *counts = NULL;

  self->kind = kind;
  self->dataset = dataset;
  self->input = dataset->train_pos;

  counts = cg_dataset_item_popularity (dataset);
  self->popularity = g_new (float, MAX (dataset->n_items, 1));
  for (guint i = 0; i < dataset->n_items; i++)
    self->popularity[i] = (float) counts[i];
  return self;
}

CgBaseline *
cg_baseline_new_ease (const CgDataset *dataset,
                      double           lambda,
                      GError         **error)
{
  g_autoptr(CgBaseline) self = NULL;
  g_autofree double *gram = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);

  if (!(lambda > 0.0) || !isfinite (lambda))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "EASE's λ must be a positive number (got %g)", lambda);
      return NULL;
    }
  self = baseline_alloc (CG_BASELINE_EASE, dataset);
  self->lambda = lambda;
  gram = gram_matrix (dataset);
  if (!build_ease (self, gram, error))
    return NULL;
  return g_steal_pointer (&self);
}

CgBaseline *
cg_baseline_new (CgBaselineKind   kind,
                 const CgDataset *dataset,
                 GError         **error)
{
  g_autoptr(CgBaseline) self = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);

  switch (kind)
    {
    case CG_BASELINE_POPULARITY:
    case CG_BASELINE_RANDOM:
      self = baseline_alloc (kind, dataset);
      break;
    case CG_BASELINE_ITEMKNN:
      self = baseline_alloc (kind, dataset);
      build_itemknn (self);
      break;
    case CG_BASELINE_EASE:
      return cg_baseline_new_ease (dataset, CG_EASE_DEFAULT_LAMBDA, error);
    default:
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID, "Unknown baseline kind %d", kind);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
cg_baseline_free (CgBaseline *self)
{
  if (self == NULL)
    return;
  g_free (self->popularity);
  g_free (self->weights);
  g_free (self->rows);
  g_free (self);
}

double
cg_baseline_get_lambda (const CgBaseline *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->lambda;
}

void
cg_baseline_set_input (CgBaseline        *self,
                       const CgUserItems *input)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (input == NULL || input->n_items == self->dataset->n_items);

  self->input = input != NULL ? input : self->dataset->train_pos;
}

void
cg_baseline_score (float         *scores,
                   const guint32 *users,
                   guint          n_users,
                   gpointer       baseline)
{
  CgBaseline *self = baseline;
  guint n = self->dataset->n_items;

  switch (self->kind)
    {
    case CG_BASELINE_POPULARITY:
      for (guint b = 0; b < n_users; b++)
        memcpy (scores + (gsize) b * n, self->popularity, sizeof (float) * n);
      break;

    case CG_BASELINE_RANDOM:
      /* Seeded per user, so a user's scores do not depend on how users are batched. */
      for (guint b = 0; b < n_users; b++)
        {
          CgRng rng;

          cg_rng_seed (&rng, RANDOM_SEED ^ ((guint64) users[b] << 20));
          for (guint i = 0; i < n; i++)
            scores[(gsize) b * n + i] = cg_rng_uniform_float (&rng);
        }
      break;

    case CG_BASELINE_ITEMKNN:
    case CG_BASELINE_EASE:
      if (self->rows_capacity < n_users)
        {
          g_free (self->rows);
          self->rows = g_new (float, (gsize) n_users * n);
          self->rows_capacity = n_users;
        }
      fill_rows (self->rows, self->input, n, users, n_users);
      /* scores (B, I) = rows (B, I) · weights (I, I) */
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n_users, (int) n, (int) n,
                   1.0f, self->rows, (int) n, self->weights, (int) n, 0.0f, scores, (int) n);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- choosing EASE's λ ---- */

/* Roughly ×1.5 apart from 20 to 20 000: the curve is flat near its top, and the best λ
 * grows with the data and with how sparse the scored rows are (the new-user protocol's
 * few revealed movies want much more shrinkage than full training histories). */
static const double lambda_grid[] = {
  20, 50, 100, 150, 200, 300, 400, 500, 700, 1000, 1500, 2000, 3000, 5000, 8000, 12000, 20000,
};

const double *
cg_ease_lambda_grid (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (lambda_grid);
  return lambda_grid;
}

double
cg_ease_select_lambda (const CgDataset    *validation,
                       const CgEvalSets   *sets,
                       const CgUserItems  *input,
                       guint               k,
                       double             *ndcg,
                       GError            **error)
{
  g_autoptr(CgBaseline) self = NULL;
  g_autofree double *gram = NULL;
  double best = 0.0, best_ndcg = -1.0;

  g_return_val_if_fail (validation != NULL && sets != NULL && k > 0, 0.0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0.0);

  self = baseline_alloc (CG_BASELINE_EASE, validation);
  cg_baseline_set_input (self, input);
  /* One Gram matrix for every λ: only the diagonal changes. */
  gram = gram_matrix (validation);
  for (guint g = 0; g < G_N_ELEMENTS (lambda_grid); g++)
    {
      CgMetrics m;

      self->lambda = lambda_grid[g];
      if (!build_ease (self, gram, error))
        return 0.0;
      cg_metrics_evaluate_sets (&m, NULL, sets, k, cg_baseline_score, self, 256);
      if (ndcg != NULL)
        ndcg[g] = m.ndcg;
      if (m.ndcg > best_ndcg)
        {
          best_ndcg = m.ndcg;
          best = lambda_grid[g];
        }
    }
  return best;
}
