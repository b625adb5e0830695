/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-cgan.c: the CGAN model — parameters, tensor table, history and scoring.
 *
 * Scoring averages G's scores (logits) over S noise draws. The logits are linear in the
 * hidden layer, s = W2 h + b2, so the mean of the logits is W2 · mean(h) + b2: only the
 * small first layer runs S times, and the big (H → I) product once per user. Averaging
 * logits ranks items by the geometric mean of p(i | u, z) over the draws (each draw's
 * log-sum-exp is a constant per user, which does not change the ranking).
 *
 * A user's noise comes from a generator seeded by (noise_seed, user), so a user's scores do
 * not depend on which other users are scored with them or in what order — up to the last
 * bits, which OpenBLAS may round differently for products of different row counts. The same
 * calls give the same bits.
 */
#include "cg-cgan-private.h"

#include <string.h>

#include "cg-dense.h"
#include "cg-error.h"
#include "cg-rng.h"

/* Users scored per pass: bounds the scratch, big enough for sgemm to run at speed. */
#define SCORE_CHUNK 128
/* Floats of scoring scratch at most (16 MiB): settings come from model files, so the
 * scratch must not scale with them without bound (noise draws × hidden size could
 * otherwise ask gigabytes of a 17 KB file). At the defaults a full chunk fits easily. */
#define SCORE_SCRATCH_FLOATS (4u << 20)

static void
add_tensor (CgCgan     *model,
            const char *name,
            float      *data,
            guint       rows,
            guint       cols)
{
  CgTensorInfo *t;

  g_assert (model->n_tensors < CG_CGAN_MAX_TENSORS);
  t = &model->tensors[model->n_tensors++];
  t->name = name;
  t->data = data;
  t->rows = rows;
  t->cols = cols;
}

/* Vectors are (n, 1). The order is the buffers' order, so a loader that walks the tensors
 * fills each buffer front to back. */
static void
build_tensor_table (CgCgan *model)
{
  guint U = model->n_users, I = model->n_items;
  guint E = model->config.embed_dim, Z = model->config.noise_dim, H = model->config.hidden_dim;

  model->n_tensors = 0;
  if (model->g.user != NULL)
    add_tensor (model, "g.user", model->g.user, U, E);
  if (model->g.item != NULL)
    add_tensor (model, "g.item", model->g.item, I, E);
  add_tensor (model, "g.w1", model->g.w1, H, E + Z);
  add_tensor (model, "g.b1", model->g.b1, H, 1);
  add_tensor (model, "g.w2", model->g.w2, I, H);
  add_tensor (model, "g.b2", model->g.b2, I, 1);
  if (model->g.item_w != NULL)
    add_tensor (model, "g.item_w", model->g.item_w, I, I);
  if (model->g.item_ws != NULL)
    add_tensor (model, "g.item_w_short", model->g.item_ws, I, I);

  add_tensor (model, "d.user", model->d.user, U, E);
  add_tensor (model, "d.item", model->d.item, I, E);
  add_tensor (model, "d.w1u", model->d.w1u, H, E);
  add_tensor (model, "d.w1i", model->d.w1i, H, E);
  add_tensor (model, "d.b1", model->d.b1, H, 1);
  add_tensor (model, "d.w2", model->d.w2, 1, H);
  add_tensor (model, "d.b2", model->d.b2, 1, 1);
}

/* Allocates the buffers and binds the views, parameters uninitialised (zero). */
static CgCgan *
cgan_alloc (const CgCganConfig *config,
            guint               n_users,
            guint               n_items)
{
  CgCgan *model = g_new0 (CgCgan, 1);

  model->config = *config;
  model->n_users = n_users;
  model->n_items = n_items;

  cg_gen_dims_from_config (&model->gdims, config, n_users, n_items);
  model->g_n = cg_generator_n_params (&model->gdims);
  model->g_buf = g_new0 (float, model->g_n);
  cg_generator_bind (&model->g, model->g_buf, &model->gdims);

  cg_disc_dims_from_config (&model->ddims, config, n_users, n_items);
  model->d_n = cg_discriminator_n_params (&model->ddims);
  model->d_buf = g_new0 (float, model->d_n);
  cg_discriminator_bind (&model->d, model->d_buf, &model->ddims);

  model->history = g_array_new (FALSE, TRUE, sizeof (CgEpochRecord));
  build_tensor_table (model);
  return model;
}

CgCgan *
cg_cgan_new (const CgCganConfig *config,
             guint               n_users,
             guint               n_items,
             GError            **error)
{
  CgCgan *model;
  CgRng rng;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cg_cgan_config_validate (config, error))
    return NULL;
  if (n_users == 0 || n_items == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "a model needs at least one user and one item (got %u × %u)",
                   n_users, n_items);
      return NULL;
    }

  model = cgan_alloc (config, n_users, n_items);
  /* G first, then D, from one stream: the same seed gives the same model. */
  cg_rng_seed (&rng, config->seed);
  cg_generator_init (&model->g, &model->gdims, &rng);
  cg_discriminator_init (&model->d, &model->ddims, &rng);
  return model;
}

CgCgan *
cg_cgan_copy (const CgCgan *model)
{
  CgCgan *copy;

  g_return_val_if_fail (model != NULL, NULL);

  copy = cgan_alloc (&model->config, model->n_users, model->n_items);
  memcpy (copy->g_buf, model->g_buf, model->g_n * sizeof (float));
  memcpy (copy->d_buf, model->d_buf, model->d_n * sizeof (float));
  g_array_append_vals (copy->history, model->history->data, model->history->len);
  return copy;
}

void
cg_cgan_free (CgCgan *model)
{
  if (model == NULL)
    return;
  g_free (model->g_buf);
  g_free (model->d_buf);
  g_array_unref (model->history);
  if (model->score_chunk > 0)
    cg_gen_acts_clear (&model->score_acts);
  g_free (model->score_noise);
  g_free (model->score_hmean);
  g_free (model);
}

const CgCganConfig *
cg_cgan_get_config (const CgCgan *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  return &model->config;
}

guint
cg_cgan_get_n_users (const CgCgan *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_users;
}

guint
cg_cgan_get_n_items (const CgCgan *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_items;
}

const CgEpochRecord *
cg_cgan_get_history (const CgCgan *model,
                     guint        *n_records)
{
  g_return_val_if_fail (model != NULL, NULL);

  if (n_records != NULL)
    *n_records = model->history->len;
  return (const CgEpochRecord *) (gpointer) model->history->data;
}

void
cg_cgan_append_history (CgCgan              *model,
                        const CgEpochRecord *record)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (record != NULL);

  g_array_append_vals (model->history, record, 1);
}

guint
cg_cgan_n_tensors (const CgCgan *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_tensors;
}

float *
cg_cgan_tensor (CgCgan      *model,
                guint        index,
                const char **name,
                guint       *rows,
                guint       *cols)
{
  const CgTensorInfo *t;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (index < model->n_tensors, NULL);

  t = &model->tensors[index];
  if (name != NULL)
    *name = t->name;
  if (rows != NULL)
    *rows = t->rows;
  if (cols != NULL)
    *cols = t->cols;
  return t->data;
}

/* ---- scoring ---- */

static void
ensure_score_scratch (CgCgan *model)
{
  const CgCganConfig *c = &model->config;
  guint S = c->noise_draws;
  /* Per user: S rows of input (E + Z), hidden (H) and noise (Z), plus one mean row (H). */
  gsize per_user = (gsize) S * (c->embed_dim + 2 * (gsize) c->noise_dim + c->hidden_dim)
                   + c->hidden_dim;
  guint chunk;

  if (model->score_chunk > 0)
    return;
  chunk = (guint) CLAMP (SCORE_SCRATCH_FLOATS / per_user, 1, SCORE_CHUNK);
  model->score_chunk = chunk;
  cg_gen_acts_init (&model->score_acts, &model->gdims, chunk * S, FALSE);
  model->score_noise = g_new0 (float, (gsize) chunk * S * MAX (c->noise_dim, 1));
  model->score_hmean = g_new0 (float, (gsize) chunk * c->hidden_dim);
}

/* Scores n (≤ score_chunk) users whose embeddings are already in score_acts.x rows
 * b·S (for b < n), noise keys in keys[b]. */
/* A user's liked items, for the item–item path. */
typedef struct
{
  const guint32 *items;
  guint          n;
} Bag;

static void
score_chunk (CgCgan        *model,
             float         *scores,
             const guint64 *keys,
             const Bag     *bags,
             guint          n,
             guint64        noise_seed)
{
  const CgCganConfig *c = &model->config;
  guint S = c->noise_draws, E = c->embed_dim, Z = c->noise_dim, H = c->hidden_dim;
  guint X = E + Z;
  CgGenActs *a = &model->score_acts;
  float inv_s = 1.0f / (float) S;

  for (guint b = 0; b < n; b++)
    {
      CgRng rng;

      /* Every draw of user b shares the embedding in row b·S. */
      for (guint s = 1; s < S; s++)
        memcpy (a->x + ((gsize) b * S + s) * X, a->x + (gsize) b * S * X, E * sizeof (float));
      cg_rng_seed (&rng, noise_seed ^ (keys[b] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));
      cg_rng_fill_normal (&rng, model->score_noise + (gsize) b * S * Z, (gsize) S * Z, 1.0f);
    }
  cg_generator_forward_from_embedding (a, &model->g, &model->gdims, model->score_noise,
                                       n * S, FALSE);

  for (guint b = 0; b < n; b++)
    {
      float *mean = model->score_hmean + (gsize) b * H;

      memset (mean, 0, H * sizeof (float));
      for (guint s = 0; s < S; s++)
        {
          const float *h = a->h + ((gsize) b * S + s) * H;

          for (guint j = 0; j < H; j++)
            mean[j] += h[j];
        }
      for (guint j = 0; j < H; j++)
        mean[j] *= inv_s;
    }
  cg_dense_forward (scores, model->score_hmean, model->g.w2, model->g.b2, n, H,
                    model->n_items);
  /* Not noisy: added once, after the mean. */
  for (guint b = 0; b < n && model->gdims.item_path; b++)
    {
      guint32 offsets[2] = { 0, bags[b].n };

      cg_generator_item_scores (scores + (gsize) b * model->n_items, &model->g, &model->gdims,
                                offsets, bags[b].items, 1, 1.0f, TRUE);
    }
}

void
cg_cgan_score_users (CgCgan            *model,
                     const CgUserItems *history,
                     float             *scores,
                     const guint32     *users,
                     guint              n_users,
                     guint64            noise_seed)
{
  guint S, X;
  guint64 keys[SCORE_CHUNK];
  Bag bags[SCORE_CHUNK];

  g_return_if_fail (model != NULL);
  g_return_if_fail (scores != NULL || n_users == 0);
  g_return_if_fail (model->config.user_mode == CG_USER_EMBEDDING_ID
                    || (history != NULL && history->n_items == model->n_items));

  ensure_score_scratch (model);
  S = model->config.noise_draws;
  X = model->config.embed_dim + model->config.noise_dim;

  for (guint start = 0; start < n_users; start += model->score_chunk)
    {
      guint n = MIN (model->score_chunk, n_users - start);

      for (guint b = 0; b < n; b++)
        {
          guint32 u = users[start + b];
          const guint32 *row = NULL;
          guint n_row = 0;

          g_return_if_fail (u < model->n_users);
          if (model->config.user_mode == CG_USER_EMBEDDING_HISTORY)
            {
              g_return_if_fail (u < history->n_users);
              row = cg_user_items_row (history, u);
              n_row = cg_user_items_count (history, u);
            }
          cg_generator_embed_one (model->score_acts.x + (gsize) b * S * X, &model->g,
                                  &model->gdims, u, row, n_row);
          keys[b] = u;
          bags[b] = (Bag) { row, n_row };
        }
      score_chunk (model, scores + (gsize) start * model->n_items, keys, bags, n,
                   noise_seed);
    }
}

gboolean
cg_cgan_score_history (CgCgan         *model,
                       const guint32  *items,
                       guint           n_liked,
                       float          *scores,
                       guint64         noise_seed,
                       GError        **error)
{
  guint64 key = G_MAXUINT64;   /* not a dataset user: its own noise stream */
  Bag bag = { items, n_liked };

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (items != NULL || n_liked == 0, FALSE);
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (model->config.user_mode != CG_USER_EMBEDDING_HISTORY)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_INVALID,
                           "this model embeds users by ID: it can only score users it was "
                           "trained with (retrain including the new user)");
      return FALSE;
    }
  for (guint t = 0; t < n_liked; t++)
    if (items[t] >= model->n_items)
      {
        g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                     "item index %u is outside the model's %u items", items[t],
                     model->n_items);
        return FALSE;
      }

  ensure_score_scratch (model);
  cg_generator_embed_one (model->score_acts.x, &model->g, &model->gdims, 0, items, n_liked);
  score_chunk (model, scores, &key, &bag, 1, noise_seed);
  return TRUE;
}

guint64
cg_cgan_eval_noise_seed (const CgCgan *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->config.seed ^ G_GUINT64_CONSTANT (0x6576616c75617465);
}

void
cg_cgan_scorer_score (float         *scores,
                      const guint32 *users,
                      guint          n_users,
                      gpointer       user_data)
{
  CgCganScorer *scorer = user_data;

  cg_cgan_score_users (scorer->model, scorer->history, scores, users, n_users,
                       scorer->noise_seed);
}
