/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trainer.c: trains a CgCgan — mini-batches, the D and G steps, Adam, evaluation.
 *
 * An epoch is one pass over every training positive (user, item) pair in a shuffled order,
 * batch_size pairs per step, and one pass over every user with a positive, an equal share
 * of them per step. Per step:
 *
 *   1. d_steps × D step: the step's real pairs labelled 1, each beside one fake pair
 *      (same user) labelled 0 whose item is uniform with probability neg_mix, else drawn
 *      from G's softmax p(· | u, z) (multinomial) or among G's top k items (argmax);
 *      mean BCE; one Adam step. G's distributions for the fakes are a snapshot of all
 *      users, refreshed every fake_refresh steps (and at each epoch's start): computing G
 *      for the ~600 distinct users of every batch of pairs would cost more than the rest
 *      of the step.
 *   2. g_steps × G step on the step's users: G forward (a fresh noise draw per user; in
 *      history mode each liked item is hidden with probability input_dropout, or, for a
 *      share short_bags of users, all but a random 1…short_bag_max of them; the
 *      item–item path sees the visible ones scaled by 1/(1 − input_dropout)), softmax;
 *      D's logit for every (u, item) through the split first layer, c = −log D =
 *      softplus(−s); G's loss is, per user,
 *        pre-training:  CE  = −mean_{i liked} log p_i
 *        after:         mle_weight·CE + adv_weight·Σ_i p_i c_i − entropy_weight·H(p)
 *      whose exact gradient w.r.t. the logits is formed in one buffer; one Adam step.
 *
 * With the sampled softmax (cg-sampled.h, cg_cgan_config_sampled) the G step takes the
 * same losses over the step's candidates instead of every item, D's costs on those pairs
 * only; the fakes are resampled over proposals from the same snapshot, kept as a copy of G
 * and the hidden layers of the users met since the refresh (cg-sampled-fakes.h), and Adam
 * steps only the rows a step touched: no buffer or step is users × items any more.
 *
 * Shuffled pairs (rather than batches of whole users) matter for D: its per-user embedding
 * then moves in nearly every step, instead of once an epoch.
 *
 * Nothing is allocated inside the loop: every buffer is sized in cg_trainer_new. All
 * randomness comes from one CgRng seeded from config.seed, drawn on the calling thread in a
 * fixed order. One team of config.threads threads does the work (see set_threads); every
 * share of it is fixed by its size and the team's, never by which thread takes it, so a run
 * is reproducible bit for bit for a given seed and thread count.
 */
#include "cg-trainer.h"

#include <cblas.h>
/* OpenBLAS pulls in <complex.h>, whose macro I would shadow our item count I. */
#undef I
#include <math.h>
#include <string.h>

#include "cg-adam.h"
#include "cg-baseline.h"
#include "cg-cgan-private.h"
#include "cg-dense.h"
#include "cg-error.h"
#include "cg-loss.h"
#include "cg-sampled.h"
#include "cg-sampled-fakes.h"
#include "cg-simd.h"
#include "cg-team.h"
#include "cg-topk.h"
#include "cg-trainer-diagnostics.h"
#include "cg-trainer-memory.h"

/* Users scored per call while evaluating, and per pass while refreshing G's snapshot. */
#define EVAL_BATCH 256
#define SNAPSHOT_CHUNK 128
/* Sampled softmax: proposals per fake, of which importance resampling keeps one. */
#define FAKE_PROPOSALS 8
/* Cache lines of each of the next pair's proposals fetched early (the rest of a row
 * follows them in the hardware's own stream). */
#define RESAMPLE_PREFETCH_LINES 4

struct _CgTrainer
{
  const CgDataset *dataset;        /* borrowed */
  CgCganConfig     config;
  CgCgan          *model;          /* being trained */
  CgCgan          *good;           /* as of the last finished epoch, or NULL */
  CgRng            rng;
  guint64          eval_seed;
  CgEvalSets      *own_sets;       /* the dataset's test split */
  const CgEvalSets *eval_sets;     /* what evaluate() measures */
  const CgUserItems *eval_history; /* what it scores users from */

  /* Gradients and Adam moments, in the parameters' layout: G's cover its network part
   * (everything but the item–item path's B, which has its own below). */
  float           *g_grad, *g_m, *g_v;   /* (g_train) */
  gsize            g_train;
  CgGenParams      g_grads;
  float           *d_grad, *d_m, *d_v;   /* (d_n) */
  CgDiscParams     d_grads;
  guint            g_t, d_t;             /* Adam steps taken */
  CgAdamConfig     g_adam, d_adam;

  /* D's real pairs: every training positive, visited in a new order each epoch. */
  guint32         *pos_users;            /* (n_pos) */
  guint32         *pos_items;            /* (n_pos) */
  guint32         *order;                /* (n_pos) permutation */
  gsize            n_pos;
  guint            n_steps;              /* per epoch: ⌈n_pos / batch_size⌉ */
  guint            max_pairs;            /* real pairs per step */

  /* G's users: every user with a positive, n_users / n_steps of them per step. */
  guint32         *users;                /* (n_users) */
  guint            n_users;
  guint            max_batch;            /* ⌈n_users / n_steps⌉ */

  /* G's distribution per user, for drawing fakes (a snapshot, see above). */
  float           *fake_cdf;             /* (U, I) cumulative p(· | u, z) */
  guint32         *fake_top;             /* (U, k) G's top items (argmax strategy) */
  CgGenActs        sacts;                /* SNAPSHOT_CHUNK users */
  float           *snoise;               /* (SNAPSHOT_CHUNK, Z) */
  float           *sprobs;               /* (SNAPSHOT_CHUNK, I) */
  guint32         *sbag_offsets;         /* (SNAPSHOT_CHUNK + 1) */
  guint32         *sbag_items;           /* (n_pos) */

  /* Generator step scratch, B ≤ max_batch. */
  CgGenActs        gacts;
  float           *noise;                /* (B, Z) */
  float           *probs;                /* (B, I) */
  float           *lse;                  /* (B) */
  float           *costs;                /* (B, I) D's logits, then −log D */
  float           *d_logits;             /* (B, I) */
  /* The item–item path (NULL without one). */
  float           *all_logits;           /* (B, I) network path + item–item path */
  float           *mlp_probs;            /* (B, I) softmax of the network path alone */
  float           *mlp_lse;              /* (B) */
  float           *item_full;            /* (U, I) the item–item path of whole histories */
  float           *item_grad, *item_m, *item_v; /* (I, I) B's gradient and Adam moments, when
                                                 * B learns */
  CgAdamConfig     item_adam;
  guint            item_t;
  guint32         *item_rows;            /* (I) distinct movies of a step's bags (lazy) */
  guint32         *item_seen;            /* (I) step stamp of each movie's last listing */
  guint            item_stamp;
  float           *item_kept;            /* (I, I) B as after item_kept_epoch, or NULL */
  gboolean         item_kept_set;        /* this run has passed item_kept_epoch */
  gboolean         item_learning;        /* B learns in this epoch */
  gboolean         item_full_stale;      /* B has moved since item_full was computed */
  float            bag_scale;            /* 1 / (1 − input_dropout) */
  float           *row_losses;           /* (B) */
  guint32         *bag_offsets;          /* (B + 1) visible liked items (history mode) */
  guint32         *bag_items;            /* (n_pos) */
  guint32         *tgt_offsets;          /* (B + 1) every liked item: the likelihood target */
  guint32         *tgt_items;            /* (n_pos) */
  CgDiscAllItems   dall;

  /* Discriminator step scratch, 2 · max_pairs pairs. */
  CgDiscActs       dacts;
  guint32         *pair_users;
  guint32         *pair_items;
  float           *labels;
  float           *pair_d_logits;
  float           *pair_losses;
  float           *pair_draws;           /* (max_pairs) a multinomial fake's draw, or −1 */

  /* The sampled softmax (cg-sampled.h): G's step over candidates instead of every item,
   * and D's fakes by importance resampling of FAKE_PROPOSALS draws from the proposal with
   * the snapshot's hidden rows and output layer. The (B, ·) buffers above are then C wide. */
  gboolean         sampled;
  guint            width;                /* I, or the most candidates a step can have */
  CgCandidates     cands;
  guint32         *tgt_cols;             /* (n_pos) each target's candidate column */
  float           *w_c, *d_w_c;          /* (C, H) the candidates' rows of G's W2 */
  float           *b_c, *d_b_c;          /* (C) */
  guint32         *cost_users;           /* (B · C) the pairs D's costs are taken on */
  guint32         *cost_items;           /* (B · C) */
  CgDiscActs       cacts;                /* D over those pairs */
  CgFakeSnapshot   fakes;                /* G as of the refresh, and its users' hidden rows */
  guint32         *fake_users;           /* (P) the users of the step's real pairs */
  guint32         *proposals;            /* (P, FAKE_PROPOSALS) */

  double           epoch_flops;          /* analytic, of the last finished epoch */
  double           flops;                /* of the epoch running */
  gint64           phase_us[CG_N_PHASES];       /* of the epoch running */
  double           epoch_phase_s[CG_N_PHASES];  /* of the last finished epoch */
  gint64           phase_start_us;
};

/* Phase timers: each phase's wall time is added up over an epoch. */
static inline void
phase_begin (CgTrainer *t)
{
  t->phase_start_us = g_get_monotonic_time ();
}

static inline void
phase_end (CgTrainer      *t,
           CgTrainerPhase  phase)
{
  gint64 now = g_get_monotonic_time ();

  t->phase_us[phase] += now - t->phase_start_us;
  t->phase_start_us = now;
}

static int
n_threads (guint threads)
{
  return threads > 0 ? (int) threads : (int) g_get_num_processors ();
}

/* One team of config.threads threads (cg-team.h) does everything, entered by the calling
 * thread for the run: the element-wise kernels split rows, items or hidden units, and
 * cg-dense.c splits the products, one cg_gemm call per thread. When those calls go to
 * OpenBLAS (no AVX-512 kernel here), OpenBLAS must not start threads of its own beside the
 * team's: two pools spinning on the same few cores made an epoch slower. So it runs on one
 * thread while the team exists, and gets its threads back for whatever runs after training
 * (baselines, …). */
static CgTeam *
set_threads (guint threads)
{
  CgTeam *team = cg_team_new ((guint) n_threads (threads));

  openblas_set_num_threads (1);
  cg_team_enter (team);
  return team;
}

static void
unset_threads (CgTeam *team,
               guint   threads)
{
  cg_team_leave ();
  cg_team_free (team);
  openblas_set_num_threads (n_threads (threads));
}

CgTrainer *
cg_trainer_new (const CgDataset    *dataset,
                const CgCganConfig *config,
                GError            **error)
{
  CgTrainer *t;
  guint U, I, B, P, K;
  const CgUserItems *pos;
  CgCgan *model;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Every buffer below is counted by cg_trainer_estimate_memory (cg-trainer-memory.c):
   * a buffer added here belongs there too (tests/engine/test-memory.c compares them). */
  if (!cg_trainer_check_memory (config, dataset, error))
    return NULL;
  model = cg_cgan_new (config, dataset->n_users, dataset->n_items, error);
  if (model == NULL)
    return NULL;

  t = g_new0 (CgTrainer, 1);
  t->dataset = dataset;
  t->config = *config;
  t->model = model;
  /* Streams apart from the initialisation's (which used config.seed itself). */
  cg_rng_seed (&t->rng, config->seed ^ G_GUINT64_CONSTANT (0x7261696e696e6721));
  t->eval_seed = cg_cgan_eval_noise_seed (model);
  t->own_sets = cg_eval_sets_new_from_dataset (dataset);
  t->eval_sets = t->own_sets;
  t->eval_history = dataset->train_pos;

  t->g_train = cg_generator_n_trainable (&model->gdims);
  t->g_grad = g_new0 (float, t->g_train);
  t->g_m = g_new0 (float, t->g_train);
  t->g_v = g_new0 (float, t->g_train);
  cg_generator_bind_trainable (&t->g_grads, t->g_grad, &model->gdims);
  t->d_grad = g_new0 (float, model->d_n);
  t->d_m = g_new0 (float, model->d_n);
  t->d_v = g_new0 (float, model->d_n);
  cg_discriminator_bind (&t->d_grads, t->d_grad, &model->ddims);
  cg_adam_config_init (&t->g_adam, (float) config->learning_rate, (float) config->weight_decay);
  cg_adam_config_init (&t->d_adam,
                       (float) (config->d_learning_rate > 0.0 ? config->d_learning_rate
                                                             : config->learning_rate),
                       (float) config->d_weight_decay);

  pos = dataset->train_pos;
  t->n_pos = cg_user_items_total (pos);
  if (t->n_pos == 0)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_INVALID,
                           "the training split has no positive rating to learn from");
      cg_trainer_free (t);
      return NULL;
    }
  t->pos_users = g_new (guint32, t->n_pos);
  t->pos_items = g_new (guint32, t->n_pos);
  t->order = g_new (guint32, t->n_pos);
  t->users = g_new (guint32, dataset->n_users);
  for (guint u = 0, k = 0; u < dataset->n_users; u++)
    {
      guint n = cg_user_items_count (pos, u);
      const guint32 *row = cg_user_items_row (pos, u);

      if (n > 0)
        t->users[t->n_users++] = u;
      for (guint j = 0; j < n; j++, k++)
        {
          t->pos_users[k] = u;
          t->pos_items[k] = row[j];
          t->order[k] = k;
        }
    }

  U = dataset->n_users;
  I = dataset->n_items;
  K = MIN (config->k, I);
  t->max_pairs = (guint) MIN ((gsize) config->batch_size, t->n_pos);
  t->n_steps = (guint) ((t->n_pos + t->max_pairs - 1) / t->max_pairs);
  t->max_batch = (t->n_users + t->n_steps - 1) / t->n_steps;
  B = t->max_batch;
  P = t->max_pairs;

  t->sampled = cg_cgan_config_sampled (config, I);
  t->width = I;
  if (t->sampled)
    {
      g_autofree guint32 *counts = g_new0 (guint32, I);
      CgDatasetShape shape;

      /* cg_gen_dims_from_config leaves the path out of a sampled softmax. */
      g_assert (!model->gdims.item_path);
      for (gsize k = 0; k < t->n_pos; k++)
        counts[t->pos_items[k]]++;
      cg_dataset_shape_of (dataset, &shape);
      t->width = cg_trainer_step_width (config, &shape, B);
      cg_candidates_init (&t->cands, counts, I, config->sampled_candidates,
                          t->width - MIN (t->width, config->sampled_candidates));
      g_assert (t->cands.max_cands == t->width);
      /* Lazy Adam reaches the tables' rows a few at a time over the whole first epoch:
       * their gradients and moments are written once now, so that no step pays the first
       * touch of their pages (g_new0 leaves large blocks to the kernel's zero pages). */
      memset (t->g_grad, 0, t->g_train * sizeof (float));
      memset (t->g_m, 0, t->g_train * sizeof (float));
      memset (t->g_v, 0, t->g_train * sizeof (float));
      memset (t->d_grad, 0, model->d_n * sizeof (float));
      memset (t->d_m, 0, model->d_n * sizeof (float));
      memset (t->d_v, 0, model->d_n * sizeof (float));
      t->tgt_cols = g_new0 (guint32, t->n_pos);
      t->w_c = g_new0 (float, (gsize) t->width * config->hidden_dim);
      t->d_w_c = g_new0 (float, (gsize) t->width * config->hidden_dim);
      t->b_c = g_new0 (float, t->width);
      t->d_b_c = g_new0 (float, t->width);
      t->cost_users = g_new0 (guint32, (gsize) B * t->width);
      t->cost_items = g_new0 (guint32, (gsize) B * t->width);
      cg_disc_acts_init (&t->cacts, &model->ddims, B * t->width);
      /* Between two refreshes, at most fake_refresh steps of P pairs' users. */
      cg_fake_snapshot_init (&t->fakes, &model->gdims,
                             config->fake_refresh > 0
                               ? (guint) MIN ((guint64) config->fake_refresh * P, U) : U,
                             P, t->n_pos);
      t->fake_users = g_new0 (guint32, P);
      t->proposals = g_new0 (guint32, (gsize) P * FAKE_PROPOSALS);
    }
  else
    {
      t->fake_cdf = g_new0 (float, (gsize) U * I);
      t->fake_top = g_new0 (guint32, (gsize) U * K);
    }
  cg_gen_acts_init (&t->sacts, &model->gdims, SNAPSHOT_CHUNK, TRUE);
  t->snoise = g_new0 (float, (gsize) SNAPSHOT_CHUNK * MAX (config->noise_dim, 1));
  t->sprobs = g_new0 (float, (gsize) SNAPSHOT_CHUNK * I);
  t->sbag_offsets = g_new0 (guint32, SNAPSHOT_CHUNK + 1);
  t->sbag_items = g_new0 (guint32, t->n_pos);

  cg_gen_acts_init (&t->gacts, &model->gdims, B, TRUE);
  t->noise = g_new0 (float, (gsize) B * MAX (config->noise_dim, 1));
  t->probs = g_new0 (float, (gsize) B * t->width);
  t->lse = g_new0 (float, B);
  t->costs = g_new0 (float, (gsize) B * t->width);
  t->d_logits = g_new0 (float, (gsize) B * t->width);
  t->bag_scale = config->input_dropout > 0.0 ? (float) (1.0 / (1.0 - config->input_dropout))
                                             : 1.0f;
  if (model->gdims.item_path)
    {
      /* B in closed form from what the run trains on, before any step. Every user's
       * item–item scores are worked out by the first snapshot for fakes, which later ones
       * reuse until B moves. */
      if (!cg_ease_fit (model->g.item_w, pos, config->item_lambda, config->item_dropout,
                        error))
        {
          g_prefix_error (error, "Fitting the generator's item–item path: ");
          cg_trainer_free (t);
          return NULL;
        }
      if (model->gdims.item_short
          && !cg_ease_fit (model->g.item_ws, pos, config->item_short_lambda,
                           config->item_dropout, error))
        {
          g_prefix_error (error, "Fitting the generator's item–item path for short bags: ");
          cg_trainer_free (t);
          return NULL;
        }
      t->all_logits = g_new0 (float, (gsize) B * I);
      t->mlp_probs = g_new0 (float, (gsize) B * I);
      t->mlp_lse = g_new0 (float, B);
      t->item_full = g_new0 (float, (gsize) U * I);
      t->item_full_stale = TRUE;
      if (model->gdims.item_learns)
        {
          t->item_grad = g_new0 (float, (gsize) I * I);
          t->item_m = g_new0 (float, (gsize) I * I);
          t->item_v = g_new0 (float, (gsize) I * I);
          cg_adam_config_init (&t->item_adam, (float) config->item_learning_rate, 0.0f);
          if (config->item_updates == CG_ITEM_UPDATES_LAZY)
            {
              t->item_rows = g_new0 (guint32, I);
              t->item_seen = g_new0 (guint32, I);
            }
          if (config->item_kept_epoch > 0)
            t->item_kept = g_new0 (float, (gsize) I * I);
        }
    }
  t->row_losses = g_new0 (float, B);
  t->bag_offsets = g_new0 (guint32, B + 1);
  t->bag_items = g_new0 (guint32, t->n_pos);
  t->tgt_offsets = g_new0 (guint32, B + 1);
  t->tgt_items = g_new0 (guint32, t->n_pos);
  cg_disc_all_items_init (&t->dall, &model->ddims, B);

  cg_disc_acts_init (&t->dacts, &model->ddims, 2 * P);
  t->pair_users = g_new0 (guint32, 2 * P);
  t->pair_items = g_new0 (guint32, 2 * P);
  t->labels = g_new0 (float, 2 * P);
  t->pair_d_logits = g_new0 (float, 2 * P);
  t->pair_losses = g_new0 (float, 2 * P);
  t->pair_draws = g_new0 (float, P);
  return t;
}

void
cg_trainer_free (CgTrainer *t)
{
  if (t == NULL)
    return;
  cg_cgan_free (t->model);
  cg_cgan_free (t->good);
  cg_eval_sets_free (t->own_sets);
  g_free (t->g_grad);
  g_free (t->g_m);
  g_free (t->g_v);
  g_free (t->d_grad);
  g_free (t->d_m);
  g_free (t->d_v);
  g_free (t->pos_users);
  g_free (t->pos_items);
  g_free (t->order);
  g_free (t->users);
  g_free (t->fake_cdf);
  g_free (t->fake_top);
  if (t->sacts.max_batch > 0)
    cg_gen_acts_clear (&t->sacts);
  g_free (t->snoise);
  g_free (t->sprobs);
  g_free (t->sbag_offsets);
  g_free (t->sbag_items);
  if (t->gacts.max_batch > 0)
    cg_gen_acts_clear (&t->gacts);
  g_free (t->noise);
  g_free (t->probs);
  g_free (t->lse);
  g_free (t->costs);
  g_free (t->d_logits);
  g_free (t->all_logits);
  g_free (t->mlp_probs);
  g_free (t->mlp_lse);
  g_free (t->item_full);
  g_free (t->item_grad);
  g_free (t->item_m);
  g_free (t->item_v);
  g_free (t->item_rows);
  g_free (t->item_seen);
  g_free (t->item_kept);
  g_free (t->row_losses);
  g_free (t->bag_offsets);
  g_free (t->bag_items);
  g_free (t->tgt_offsets);
  g_free (t->tgt_items);
  if (t->dall.max_batch > 0)
    cg_disc_all_items_clear (&t->dall);
  if (t->dacts.max_pairs > 0)
    cg_disc_acts_clear (&t->dacts);
  g_free (t->pair_users);
  g_free (t->pair_items);
  g_free (t->labels);
  g_free (t->pair_d_logits);
  g_free (t->pair_losses);
  g_free (t->pair_draws);
  cg_candidates_clear (&t->cands);
  g_free (t->tgt_cols);
  g_free (t->w_c);
  g_free (t->d_w_c);
  g_free (t->b_c);
  g_free (t->d_b_c);
  g_free (t->cost_users);
  g_free (t->cost_items);
  if (t->cacts.max_pairs > 0)
    cg_disc_acts_clear (&t->cacts);
  cg_fake_snapshot_clear (&t->fakes);
  g_free (t->fake_users);
  g_free (t->proposals);
  g_free (t);
}

CgCgan *
cg_trainer_steal_model (CgTrainer *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return g_steal_pointer (&t->good);
}

void
cg_trainer_set_evaluation (CgTrainer         *t,
                           const CgEvalSets  *sets,
                           const CgUserItems *history)
{
  g_return_if_fail (t != NULL && sets != NULL && history != NULL);
  g_return_if_fail (sets->n_items == t->dataset->n_items);
  g_return_if_fail (history->n_items == t->dataset->n_items);

  t->eval_sets = sets;
  t->eval_history = history;
}

CgCgan *
cg_trainer_get_model (CgTrainer *t)
{
  g_return_val_if_fail (t != NULL, NULL);
  return t->model;
}

double
cg_trainer_get_epoch_flops (CgTrainer *t)
{
  g_return_val_if_fail (t != NULL, 0.0);
  return t->epoch_flops;
}

void
cg_trainer_get_phase_seconds (CgTrainer *t,
                              double     seconds[CG_N_PHASES])
{
  g_return_if_fail (t != NULL);
  memcpy (seconds, t->epoch_phase_s, sizeof t->epoch_phase_s);
}

const char *
cg_trainer_phase_name (CgTrainerPhase phase)
{
  static const char *const names[CG_N_PHASES] = {
    [CG_PHASE_PAIRS] = "drawing pairs and fakes",
    [CG_PHASE_D_FORWARD] = "D forward",
    [CG_PHASE_D_BACKWARD] = "D backward",
    [CG_PHASE_D_ADAM] = "D Adam",
    [CG_PHASE_SNAPSHOT] = "G snapshot for fakes",
    [CG_PHASE_G_FORWARD] = "G forward",
    [CG_PHASE_G_COSTS] = "G costs (D over all items)",
    [CG_PHASE_G_LOSSES] = "G losses",
    [CG_PHASE_G_BACKWARD] = "G backward",
    [CG_PHASE_G_ADAM] = "G Adam",
  };

  g_return_val_if_fail (phase < CG_N_PHASES, NULL);
  return names[phase];
}

/* ---- G's snapshot for drawing fakes ---- */

typedef struct
{
  const float *probs;   /* (n, I) */
  float       *cdf;     /* (n, I) */
  guint        I;
} CdfJob;

/* Rows whose running sums are formed side by side, see below. */
#define CDF_ROWS 8

/* Each row's running sum in item order, in double. A row alone is one chain of dependent
 * adds, so CDF_ROWS rows go together: their chains are independent and overlap in the
 * adder, and every row's sum is still taken in its own order. */
static void
cdf_range (gpointer data,
           gsize    b0,
           gsize    b1)
{
  const CdfJob *j = data;
  guint I = j->I;
  gsize b = b0;

  for (; b + CDF_ROWS <= b1; b += CDF_ROWS)
    {
      const float *p = j->probs + b * I;
      float *cdf = j->cdf + b * I;
      double acc[CDF_ROWS] = { 0 };

      for (guint i = 0; i < I; i++)
        for (guint r = 0; r < CDF_ROWS; r++)
          cdf[r * I + i] = (float) (acc[r] += p[r * I + i]);
    }
  for (; b < b1; b++)
    {
      const float *p = j->probs + b * I;
      float *cdf = j->cdf + b * I;
      double acc = 0.0;

      for (guint i = 0; i < I; i++)
        cdf[i] = (float) (acc += p[i]);
    }
}

static void
refresh_fakes (CgTrainer *t)
{
  CgCgan *m = t->model;
  const CgUserItems *pos = t->dataset->train_pos;
  guint U = t->dataset->n_users, I = t->dataset->n_items, K = MIN (t->config.k, I);
  gboolean argmax = t->config.fake_strategy == CG_FAKE_ARGMAX;

  for (guint start = 0; start < U; start += SNAPSHOT_CHUNK)
    {
      guint n = MIN (SNAPSHOT_CHUNK, U - start);
      guint32 users[SNAPSHOT_CHUNK];
      guint n_items = 0;

      /* The whole history, no dropout: the distribution G would recommend from. */
      t->sbag_offsets[0] = 0;
      for (guint b = 0; b < n; b++)
        {
          guint c = cg_user_items_count (pos, start + b);

          users[b] = start + b;
          memcpy (t->sbag_items + n_items, cg_user_items_row (pos, start + b),
                  c * sizeof (guint32));
          n_items += c;
          t->sbag_offsets[b + 1] = n_items;
        }
      if (t->item_full_stale)
        cg_generator_item_scores (t->item_full + (gsize) start * I, &m->g, &m->gdims,
                                  t->sbag_offsets, t->sbag_items, n, 1.0f, FALSE);
      cg_rng_fill_normal (&t->rng, t->snoise, (gsize) n * t->config.noise_dim, 1.0f);
      cg_generator_forward (&t->sacts, &m->g, &m->gdims, users, t->sbag_offsets,
                            t->sbag_items, t->snoise, n);
      t->flops += cg_generator_flops (&m->gdims, n);
      if (t->item_full != NULL)
        for (gsize k = 0; k < (gsize) n * I; k++)
          t->sacts.logits[k] += t->item_full[(gsize) start * I + k];

      if (argmax)
        {
          for (guint b = 0; b < n; b++)
            cg_topk_select (t->fake_top + (gsize) (start + b) * K, NULL, K,
                            t->sacts.logits + (gsize) b * I, I, NULL, 0);
          continue;
        }
      cg_softmax_forward (t->sprobs, NULL, t->sacts.logits, n, I);
      {
        CdfJob job = { t->sprobs, t->fake_cdf + (gsize) start * I, I };

        cg_team_for (n > 1, n, CDF_ROWS, CG_SHARES_PER_THREAD, cdf_range, &job);
      }
    }
  t->item_full_stale = FALSE;
}

/* Whether G's snapshot for fakes is taken anew before step (from 1) of an epoch. */
static gboolean
refresh_due (const CgCganConfig *c,
             guint               step)
{
  return step == 1 || (c->fake_refresh > 0 && (step - 1) % c->fake_refresh == 0);
}

/* Up to this many draws from G's distributions at once, see below. */
#define SEARCH_LANES 16

/* For each of the n fakes fakes[k] (pair indices): the item whose cumulative sum in its
 * user's row of cdf (I wide) first exceeds draws[fake] · the row's total, the last item if
 * none does; written to items[fake]. Binary searches by halving, all n in lockstep: every
 * search of I items takes the same halvings, and their loads, mostly cache misses, are
 * independent, so the memory system serves them together instead of one after another.
 * Branch-free: the comparisons follow no pattern a predictor could learn. */
static void
sample_cdfs (guint32       *items,
             const guint32 *fakes,
             guint          n,
             const guint32 *users,
             const float   *draws,
             const float   *cdf,
             guint          I)
{
  const float *rows[SEARCH_LANES];
  float x[SEARCH_LANES];
  guint base[SEARCH_LANES];
  guint len = I;

  g_assert (n <= SEARCH_LANES);
  for (guint k = 0; k < n; k++)
    {
      rows[k] = cdf + (gsize) users[fakes[k]] * I;
      x[k] = draws[fakes[k]] * rows[k][I - 1];
      base[k] = 0;
    }
  while (len > 1)
    {
      guint half = len / 2;

      for (guint k = 0; k < n; k++)
        base[k] = rows[k][base[k] + half - 1] <= x[k] ? base[k] + half : base[k];
      len -= half;
    }
  for (guint k = 0; k < n; k++)
    items[fakes[k]] = base[k];
}

typedef struct
{
  CgTrainer *t;
  guint      N;
} LookupJob;

/* ---- fakes from the sampled softmax's snapshot ---- */

/* The users of the step's real pairs get their rows in the fakes' snapshot, taken anew
 * first when the step refreshes it. */
static void
cover_fake_users (CgTrainer     *t,
                  const guint32 *order,
                  guint          n_real,
                  gboolean       refresh)
{
  const CgGenDims *d = &t->model->gdims;
  guint n_new;

  if (refresh)
    cg_fake_snapshot_refresh (&t->fakes, t->model->g_buf);
  for (guint n = 0; n < n_real; n++)
    t->fake_users[n] = t->pos_users[order[n]];
  n_new = cg_fake_snapshot_cover (&t->fakes, t->fake_users, n_real, t->dataset->train_pos,
                                  &t->rng);
  t->flops += cg_generator_flops (d, n_new) - cg_dense_flops (n_new, d->hidden_dim, d->n_items);
}

/* row · h over H floats, eight lanes at a time (in a fixed order: reproducible). */
CG_SIMD_CLONES static float
dot_h (const float *row,
       const float *h,
       guint        H)
{
  CgV8 acc = { 0 };
  float sum = 0.0f;
  guint e = 0;

  for (; e + 8 <= H; e += 8)
    {
      CgV8 a, b;

      CG_V8_LOAD (a, row + e);
      CG_V8_LOAD (b, h + e);
      acc += a * b;
    }
  for (guint k = 0; k < 8; k++)
    sum += acc[k];
  for (; e < H; e++)
    sum += row[e] * h[e];
  return sum;
}

/* The fakes among pairs [n0, n1) whose draw is set: of the pair's FAKE_PROPOSALS draws j
 * from the proposal q, the one picked with probability ∝ e^{s_j} / q_j (importance
 * resampling: as the proposals grow, a draw from G's softmax), or the one of highest s_j
 * for the argmax strategy. */
static void
resample_range (gpointer data,
                gsize    n0,
                gsize    n1)
{
  const LookupJob *j = data;
  CgTrainer *t = j->t;
  const CgFakeSnapshot *fakes = &t->fakes;
  guint N = j->N, H = fakes->dims.hidden_dim;
  gboolean argmax = t->config.fake_strategy == CG_FAKE_ARGMAX;

  for (gsize n = n0; n < n1; n++)
    {
      const guint32 *prop = t->proposals + n * FAKE_PROPOSALS;
      const float *h;
      double w[FAKE_PROPOSALS], max = -INFINITY, total = 0.0, x;
      guint pick = 0;

      /* The next pair's output rows are scattered over W2: their first lines are fetched
       * while this pair's are summed. */
      if (n + 1 < n1)
        for (guint k = 0; k < FAKE_PROPOSALS; k++)
          for (guint l = 0; l < RESAMPLE_PREFETCH_LINES; l++)
            __builtin_prefetch (fakes->params.w2 + (gsize) prop[FAKE_PROPOSALS + k] * H
                                + l * CG_LINE_FLOATS);
      if (t->pair_draws[n] < 0.0f)
        continue;
      h = cg_fake_snapshot_hidden (fakes, t->pair_users[N + n]);
      for (guint k = 0; k < FAKE_PROPOSALS; k++)
        {
          double s = fakes->params.b2[prop[k]]
                     + dot_h (fakes->params.w2 + (gsize) prop[k] * H, h, H);

          w[k] = argmax ? s : s - t->cands.log_q[prop[k]];
          max = MAX (max, w[k]);
        }
      if (!argmax)
        {
          for (guint k = 0; k < FAKE_PROPOSALS; k++)
            total += (w[k] = exp (w[k] - max));
          x = t->pair_draws[n] * total;
          for (pick = 0; pick + 1 < FAKE_PROPOSALS && (x -= w[pick]) > 0.0; pick++)
            ;
        }
      else
        while (w[pick] != max)
          pick++;
      t->pair_items[N + n] = prop[pick];
    }
}

/* ---- lazy Adam (sampled softmax) ---- */

/* Offset of a view into its network's buffer (the gradients and moments share it). */
#define VIEW_OFFSET(view, base) ((gsize) ((view) - (base)))

/* G's step after a sampled G step: the rows of its tables the step touched (the users of
 * the step or the items of their bags, the candidates' output rows), every weight of the
 * hidden layer. */
static void
g_adam_lazy (CgTrainer     *t,
             const guint32 *users,
             guint          B)
{
  CgCgan *m = t->model;
  const CgGenDims *d = &m->gdims;
  float *p = m->g_buf;
  gsize E = d->embed_dim, H = d->hidden_dim, X = E + d->noise_dim;
  guint step = ++t->g_t;

  if (m->g.user != NULL)
    cg_adam_update_rows (p, t->g_m, t->g_v, t->g_grad, VIEW_OFFSET (m->g.user, p), E, users,
                         B, &t->g_adam, step);
  if (m->g.item != NULL)
    /* A bag's items are liked items of the step's users: the exact candidates. */
    cg_adam_update_rows (p, t->g_m, t->g_v, t->g_grad, VIEW_OFFSET (m->g.item, p), E,
                         t->cands.items, t->cands.n_exact, &t->g_adam, step);
  {
    gsize o = VIEW_OFFSET (m->g.w1, p), ob = VIEW_OFFSET (m->g.b1, p);

    cg_adam_update_and_clear (p + o, t->g_m + o, t->g_v + o, t->g_grad + o, H * X,
                              &t->g_adam, step);
    cg_adam_update_and_clear (p + ob, t->g_m + ob, t->g_v + ob, t->g_grad + ob, H,
                              &t->g_adam, step);
  }
  cg_adam_update_rows (p, t->g_m, t->g_v, t->g_grad, VIEW_OFFSET (m->g.w2, p), H,
                       t->cands.items, t->cands.n, &t->g_adam, step);
  cg_adam_update_rows (p, t->g_m, t->g_v, t->g_grad, VIEW_OFFSET (m->g.b2, p), 1,
                       t->cands.items, t->cands.n, &t->g_adam, step);
}

/* D's step after a D step of the sampled softmax: the embedding rows of the pairs' users
 * and items, every weight of its layers (they follow the tables in the buffer). */
static void
d_adam_lazy (CgTrainer *t)
{
  CgCgan *m = t->model;
  float *p = m->d_buf;
  gsize E = m->ddims.embed_dim, o = VIEW_OFFSET (m->d.w1u, p);
  guint step = ++t->d_t;

  cg_adam_update_rows (p, t->d_m, t->d_v, t->d_grad, VIEW_OFFSET (m->d.user, p), E,
                       t->dacts.users, t->dacts.n_users, &t->d_adam, step);
  cg_adam_update_rows (p, t->d_m, t->d_v, t->d_grad, VIEW_OFFSET (m->d.item, p), E,
                       t->dacts.items, t->dacts.n_items, &t->d_adam, step);
  g_assert (VIEW_OFFSET (m->d.item, p) + (gsize) m->ddims.n_items * E == o);
  cg_adam_update_and_clear (p + o, t->d_m + o, t->d_v + o, t->d_grad + o, m->d_n - o,
                            &t->d_adam, step);
}

/* ---- the discriminator step ---- */

/* The multinomial fakes among pairs [n0, n1), SEARCH_LANES at a time. Pair n's fake is pair
 * N + n: items and users are looked up from there. */
static void
lookup_range (gpointer data,
              gsize    n0,
              gsize    n1)
{
  const LookupJob *j = data;
  CgTrainer *t = j->t;
  guint N = j->N, I = t->dataset->n_items;
  const float *draws = t->pair_draws;
  guint32 fakes[SEARCH_LANES];
  guint n_fakes = 0;

  for (gsize n = n0; n < n1; n++)
    {
      if (draws[n] >= 0.0f)
        fakes[n_fakes++] = (guint32) n;
      if (n_fakes == SEARCH_LANES)
        {
          sample_cdfs (t->pair_items + N, fakes, n_fakes, t->pair_users + N, draws,
                       t->fake_cdf, I);
          n_fakes = 0;
        }
    }
  if (n_fakes > 0)
    sample_cdfs (t->pair_items + N, fakes, n_fakes, t->pair_users + N, draws, t->fake_cdf, I);
}

/* The step's real pairs labelled 1 and one fake per real pair labelled 0. Returns 2N.
 *
 * Two passes: every random number is drawn first, in one stream and a fixed order; then
 * the multinomial fakes (a binary search each in the users' cumulative sums, mostly cache
 * misses) are looked up by the team. */
static guint
build_pairs (CgTrainer     *t,
             const guint32 *order,
             guint          N)
{
  guint I = t->dataset->n_items, K = MIN (t->config.k, I);
  float neg_mix = (float) t->config.neg_mix;
  gboolean argmax = t->config.fake_strategy == CG_FAKE_ARGMAX;
  float *draws = t->pair_draws;

  for (guint n = 0; n < N; n++)
    {
      guint32 u = t->pos_users[order[n]];

      t->pair_users[n] = u;
      t->pair_items[n] = t->pos_items[order[n]];
      t->labels[n] = 1.0f;
      t->pair_users[N + n] = u;
      t->labels[N + n] = 0.0f;
      draws[n] = -1.0f;

      if (neg_mix >= 1.0f || cg_rng_uniform_float (&t->rng) < neg_mix)
        t->pair_items[N + n] = cg_rng_uniform_int (&t->rng, I);
      else if (t->sampled)
        {
          for (guint k = 0; k < FAKE_PROPOSALS; k++)
            t->proposals[(gsize) n * FAKE_PROPOSALS + k]
              = cg_candidates_propose (&t->cands, &t->rng);
          draws[n] = cg_rng_uniform_float (&t->rng);
        }
      else if (argmax)
        t->pair_items[N + n] = t->fake_top[(gsize) u * K + cg_rng_uniform_int (&t->rng, K)];
      else
        draws[n] = cg_rng_uniform_float (&t->rng);
    }

  {
    LookupJob job = { t, N };

    cg_team_for (N >= 256, N, 1, CG_SHARES_PER_THREAD,
                 t->sampled ? resample_range : lookup_range, &job);
  }
  if (t->sampled)
    t->flops += 2.0 * N * FAKE_PROPOSALS * t->model->gdims.hidden_dim;
  return 2 * N;
}

static double
d_step (CgTrainer     *t,
        const guint32 *order,
        guint          n_real)
{
  CgCgan *m = t->model;
  guint N;
  double loss;

  phase_begin (t);
  N = build_pairs (t, order, n_real);
  phase_end (t, CG_PHASE_PAIRS);
  cg_discriminator_forward (&t->dacts, &m->d, &m->ddims, t->pair_users, t->pair_items, N);
  loss = cg_bce_logits_forward (t->pair_losses, t->dacts.logits, t->labels, N);
  memset (t->pair_d_logits, 0, N * sizeof (float));
  cg_bce_logits_backward (t->pair_d_logits, t->dacts.logits, t->labels, N, 1.0f / (float) N);
  phase_end (t, CG_PHASE_D_FORWARD);
  cg_discriminator_backward (&t->d_grads, &t->dacts, &m->d, &m->ddims, t->pair_d_logits,
                             t->pair_users, t->pair_items, N);
  phase_end (t, CG_PHASE_D_BACKWARD);
  /* Gradients are accumulated into a zeroed buffer; Adam leaves it zeroed. */
  if (t->sampled)
    d_adam_lazy (t);
  else
    cg_adam_update_and_clear (m->d_buf, t->d_m, t->d_v, t->d_grad, m->d_n, &t->d_adam,
                              ++t->d_t);
  phase_end (t, CG_PHASE_D_ADAM);

  t->flops += 3.0 * cg_discriminator_pair_flops (&m->ddims, N, t->dacts.n_users,
                                                 t->dacts.n_items);
  return loss;
}

/* ---- the generator step ---- */

/* Builds the users' likelihood targets (every liked item) and G's visible bags: the liked
 * items that survive input dropout, or, for a share of users, a few of them only. */
static void
build_bags (CgTrainer     *t,
            const guint32 *users,
            guint          B)
{
  const CgUserItems *pos = t->dataset->train_pos;
  gboolean history = t->config.user_mode == CG_USER_EMBEDDING_HISTORY;
  float keep = 1.0f - (float) t->config.input_dropout;
  guint n_tgt = 0, n_bag = 0;

  t->tgt_offsets[0] = 0;
  t->bag_offsets[0] = 0;
  for (guint b = 0; b < B; b++)
    {
      const guint32 *row = cg_user_items_row (pos, users[b]);
      guint n = cg_user_items_count (pos, users[b]);

      memcpy (t->tgt_items + n_tgt, row, n * sizeof *row);
      n_tgt += n;
      if (history && t->config.short_bags > 0.0 && n > 1
          && cg_rng_uniform_float (&t->rng) < (float) t->config.short_bags)
        {
          /* At least one liked item stays hidden, so the likelihood still asks G for
           * something it was not shown. */
          guint k = 1 + cg_rng_uniform_int (&t->rng, MIN (t->config.short_bag_max, n - 1));

          n_bag += cg_rng_sample_u32 (&t->rng, row, n, k, t->bag_items + n_bag);
        }
      else if (history)
        {
          /* One draw per liked item, in history mode only: id mode's stream stays the
           * same whatever input_dropout says. */
          for (guint j = 0; j < n; j++)
            if (t->config.input_dropout == 0.0 || cg_rng_uniform_float (&t->rng) < keep)
              t->bag_items[n_bag++] = row[j];
        }
      t->tgt_offsets[b + 1] = n_tgt;
      t->bag_offsets[b + 1] = n_bag;
    }
}

/* G's losses on its (B, W) logits — W every item, or the step's candidates — with their
 * probabilities in t->probs and t->lse, the costs in t->costs, the likelihood's targets
 * tgt (columns) in rows t->tgt_offsets; their gradient w.r.t. the logits into
 * t->d_logits:
 *   pre-training:  CE  = −mean_{i liked} log p_i
 *   after:         mle_weight·CE + adv_weight·Σ_i p_i c_i − entropy_weight·H(p)
 * The likelihood may be taken on other logits (mle_*, the network path's alone). */
static void
g_losses (CgTrainer     *t,
          const float   *logits,
          const float   *mle_logits,
          const float   *mle_probs,
          const float   *mle_lse,
          const guint32 *tgt,
          guint          B,
          guint          W,
          gboolean       pretraining,
          double        *loss_adv,
          double        *loss_mle)
{
  const CgCganConfig *c = &t->config;
  float inv_b = 1.0f / (float) B;

  *loss_adv = cg_expected_cost_forward (t->row_losses, t->probs, t->costs, B, W);
  memset (t->d_logits, 0, (gsize) B * W * sizeof (float));
  if (!pretraining && c->adv_weight > 0.0)
    cg_expected_cost_backward (t->d_logits, NULL, t->probs, t->costs, t->row_losses, B, W,
                               (float) c->adv_weight * inv_b);
  if (!pretraining && c->entropy_weight > 0.0)
    {
      cg_neg_entropy_forward (t->row_losses, t->probs, logits, t->lse, B, W);
      cg_neg_entropy_backward (t->d_logits, t->probs, logits, t->lse, t->row_losses, B, W,
                               (float) c->entropy_weight * inv_b);
    }
  *loss_mle = cg_softmax_xent_forward (t->row_losses, mle_logits, mle_lse, t->tgt_offsets,
                                       tgt, B, W);
  if (pretraining || c->mle_weight > 0.0)
    cg_softmax_xent_backward (t->d_logits, mle_probs, t->tgt_offsets, tgt, B, W,
                              (pretraining ? 1.0f : (float) c->mle_weight) * inv_b);
}

static void
g_step (CgTrainer     *t,
        const guint32 *users,
        guint          B,
        gboolean       pretraining,
        double        *loss_adv,
        double        *loss_mle)
{
  CgCgan *m = t->model;
  guint I = m->n_items;
  gsize BI = (gsize) B * I;
  const CgCganConfig *c = &t->config;
  /* G's logits: the network path's, plus the item–item path's when there is one. The
   * likelihood is taken on the network path alone when mle_logits says so; everything else
   * sees G's distribution as it recommends. */
  const float *logits = t->gacts.logits;
  const float *mle_logits, *mle_probs, *mle_lse;

  phase_begin (t);
  cg_generator_forward (&t->gacts, &m->g, &m->gdims, users, t->bag_offsets, t->bag_items,
                        t->noise, B);
  if (t->all_logits != NULL)
    {
      cg_generator_item_scores (t->all_logits, &m->g, &m->gdims, t->bag_offsets,
                                t->bag_items, B, t->bag_scale, FALSE);
      for (gsize k = 0; k < BI; k++)
        t->all_logits[k] += t->gacts.logits[k];
      logits = t->all_logits;
    }
  cg_softmax_forward (t->probs, t->lse, logits, B, I);
  mle_logits = logits;
  mle_probs = t->probs;
  mle_lse = t->lse;
  if (t->all_logits != NULL && c->mle_logits == CG_LIKELIHOOD_MLP)
    {
      cg_softmax_forward (t->mlp_probs, t->mlp_lse, t->gacts.logits, B, I);
      mle_logits = t->gacts.logits;
      mle_probs = t->mlp_probs;
      mle_lse = t->mlp_lse;
    }
  phase_end (t, CG_PHASE_G_FORWARD);

  /* −log D(u, i) for every item, with D as it stands after its own step. */
  cg_discriminator_prepare_items (&t->dall, &m->d, &m->ddims);
  cg_discriminator_all_items (t->costs, &t->dall, &m->d, &m->ddims, users, B);
  cg_softplus_forward (t->costs, t->costs, -1.0f, BI);
  phase_end (t, CG_PHASE_G_COSTS);

  /* Both paths add into the logits, so ∂/∂(network logits) is ∂/∂(G's logits). */
  g_losses (t, logits, mle_logits, mle_probs, mle_lse, t->tgt_items, B, I, pretraining,
            loss_adv, loss_mle);
  phase_end (t, CG_PHASE_G_LOSSES);

  cg_generator_backward (&t->g_grads, &t->gacts, &m->g, &m->gdims, t->d_logits, users,
                         t->bag_offsets, t->bag_items, B);
  if (t->item_learning)
    cg_generator_item_scores_backward (t->item_grad, &m->gdims, t->bag_offsets, t->bag_items,
                                       B, t->d_logits, t->bag_scale);
  phase_end (t, CG_PHASE_G_BACKWARD);
  cg_adam_update_and_clear (m->g_buf, t->g_m, t->g_v, t->g_grad, t->g_train, &t->g_adam,
                            ++t->g_t);
  if (t->item_learning && t->item_rows != NULL)
    {
      /* Only the rows of movies in the step's bags have a gradient. */
      guint n_rows = 0;

      if (++t->item_stamp == 0)
        {
          memset (t->item_seen, 0, (gsize) I * sizeof (guint32));
          t->item_stamp = 1;
        }
      for (guint32 k = t->bag_offsets[0]; k < t->bag_offsets[B]; k++)
        if (t->item_seen[t->bag_items[k]] != t->item_stamp)
          {
            t->item_seen[t->bag_items[k]] = t->item_stamp;
            t->item_rows[n_rows++] = t->bag_items[k];
          }
      cg_adam_update_rows (m->g.item_w, t->item_m, t->item_v, t->item_grad, 0, I,
                           t->item_rows, n_rows, &t->item_adam, ++t->item_t);
      t->item_full_stale = TRUE;
    }
  else if (t->item_learning)
    {
      cg_adam_update_and_clear (m->g.item_w, t->item_m, t->item_v, t->item_grad,
                                (gsize) m->n_items * m->n_items, &t->item_adam, ++t->item_t);
      t->item_full_stale = TRUE;
    }
  phase_end (t, CG_PHASE_G_ADAM);

  t->flops += 3.0 * cg_generator_flops (&m->gdims, B)
              + cg_discriminator_prepare_flops (&m->ddims)
              + cg_discriminator_all_items_flops (&m->ddims, B);
}

/* The generator step of the sampled softmax: g_step's losses over the step's candidates
 * (cg-sampled.h) instead of every item. The costs are D on the (user, candidate) pairs. */
static void
g_step_sampled (CgTrainer     *t,
                const guint32 *users,
                guint          B,
                gboolean       pretraining,
                double        *loss_adv,
                double        *loss_mle)
{
  CgCgan *m = t->model;
  CgCandidates *cands = &t->cands;
  guint H = m->gdims.hidden_dim, C;
  gsize BC;
  float *logits = t->gacts.logits;

  phase_begin (t);
  cg_candidates_build (cands, t->tgt_items, t->tgt_offsets[B], t->tgt_cols, &t->rng);
  C = cands->n;
  BC = (gsize) B * C;
  cg_generator_embed (&t->gacts, &m->g, &m->gdims, users, t->bag_offsets, t->bag_items, B);
  cg_generator_forward_from_embedding (&t->gacts, &m->g, &m->gdims, t->noise, B, FALSE);
  cg_sampled_logits_forward (logits, t->w_c, t->b_c, t->gacts.h, m->g.w2, m->g.b2,
                             cands->items, cands->correction, B, H, C);
  cg_softmax_forward (t->probs, t->lse, logits, B, C);
  phase_end (t, CG_PHASE_G_FORWARD);

  for (guint b = 0; b < B; b++)
    for (guint j = 0; j < C; j++)
      {
        t->cost_users[(gsize) b * C + j] = users[b];
        t->cost_items[(gsize) b * C + j] = cands->items[j];
      }
  cg_discriminator_forward (&t->cacts, &m->d, &m->ddims, t->cost_users, t->cost_items,
                            (guint) BC);
  cg_softplus_forward (t->costs, t->cacts.logits, -1.0f, BC);
  phase_end (t, CG_PHASE_G_COSTS);

  g_losses (t, logits, logits, t->probs, t->lse, t->tgt_cols, B, C, pretraining, loss_adv,
            loss_mle);
  phase_end (t, CG_PHASE_G_LOSSES);

  memset (t->gacts.d_h, 0, (gsize) B * H * sizeof (float));
  cg_sampled_logits_backward (t->gacts.d_h, t->g_grads.w2, t->g_grads.b2, t->d_w_c, t->d_b_c,
                              t->d_logits, t->gacts.h, t->w_c, cands->items, B, H, C);
  cg_generator_backward_from_hidden (&t->g_grads, &t->gacts, &m->g, &m->gdims, users,
                                     t->bag_offsets, t->bag_items, B);
  phase_end (t, CG_PHASE_G_BACKWARD);
  g_adam_lazy (t, users, B);
  phase_end (t, CG_PHASE_G_ADAM);

  t->flops += 3.0 * (cg_generator_flops (&m->gdims, B)
                     - cg_dense_flops (B, H, m->gdims.n_items) + cg_dense_flops (B, H, C))
              + cg_discriminator_pair_flops (&m->ddims, (guint) BC, t->cacts.n_users,
                                             t->cacts.n_items);
}

/* ---- epochs ---- */

/* Past the kept epoch, the model a run ends with pairs the network with the kept B, while
 * training goes on with the live one: the two trade places, in place (B is part of G's
 * buffer), for what is measured, and back. */
static void
swap_kept_b (CgTrainer *t)
{
  float *live = t->model->g.item_w, *kept = t->item_kept;
  gsize n = (gsize) t->model->n_items * t->model->n_items;

  for (gsize i = 0; i < n; i++)
    {
      float v = live[i];

      live[i] = kept[i];
      kept[i] = v;
    }
}

/* However a run ends (finished, cancelled, diverged), the model it trained is the one its
 * epochs were measured as, and the one kept as good (keep_good) is too. */
static void
end_with_kept_b (CgTrainer *t)
{
  if (!t->item_kept_set)
    return;
  memcpy (t->model->g.item_w, t->item_kept,
          (gsize) t->model->n_items * t->model->n_items * sizeof (float));
  t->item_full_stale = TRUE;
}

static void
evaluate (CgTrainer     *t,
          CgEpochRecord *record)
{
  CgCganScorer scorer = { t->model, t->eval_history, t->eval_seed };
  CgMetrics metrics;

  cg_metrics_evaluate_sets (&metrics, NULL, t->eval_sets, t->config.k, cg_cgan_scorer_score,
                            &scorer, EVAL_BATCH);
  record->recall = metrics.recall;
  record->ndcg = metrics.ndcg;
  record->hit_rate = metrics.hit_rate;
  record->coverage = metrics.coverage;
  record->mean_popularity = metrics.mean_popularity;
}

/* On scratch that is idle between epochs: the snapshot's probabilities and D's pairs. */
static void
diagnose (CgTrainer     *t,
          CgEpochRecord *record)
{
  CgDiagnosticsScratch scratch = {
    t->sprobs, SNAPSHOT_CHUNK, &t->dacts, t->pair_users, t->pair_items,
  };

  cg_trainer_diagnose (record, t->model, t->dataset->train_pos, &scratch);
}

/* How much of G's buffer a run changes: the trainable part, and B (stored after it) when
 * it learns. */
static gsize
g_changing (const CgTrainer *t)
{
  return t->item_grad != NULL ? cg_generator_n_params (&t->model->gdims) : t->g_train;
}

static void
keep_good (CgTrainer *t)
{
  CgCgan *m = t->model;

  if (t->good == NULL)
    {
      t->good = cg_cgan_copy (m);
      return;
    }
  memcpy (t->good->g_buf, m->g_buf, g_changing (t) * sizeof (float));
  memcpy (t->good->d_buf, m->d_buf, m->d_n * sizeof (float));
  g_array_set_size (t->good->history, 0);
  g_array_append_vals (t->good->history, m->history->data, m->history->len);
}

/* Losses are computed before the step's update, so an update that overflows shows only in
 * the parameters: checked once an epoch, before they may become the "last good" ones. */
static gboolean
params_finite (const CgCgan *m,
               gsize         g_train)
{
  for (gsize i = 0; i < g_train; i++)
    if (!isfinite (m->g_buf[i]))
      return FALSE;
  for (gsize i = 0; i < m->d_n; i++)
    if (!isfinite (m->d_buf[i]))
      return FALSE;
  return TRUE;
}

static void
restore_good (CgTrainer *t)
{
  CgCgan *m = t->model;

  if (t->good != NULL)
    {
      memcpy (m->g_buf, t->good->g_buf, g_changing (t) * sizeof (float));
      memcpy (m->d_buf, t->good->d_buf, m->d_n * sizeof (float));
    }
  if (t->item_grad != NULL)
    {
      gsize II = (gsize) m->n_items * m->n_items;

      memset (t->item_m, 0, II * sizeof (float));
      memset (t->item_v, 0, II * sizeof (float));
      t->item_t = 0;
    }
  /* The moments saw the NaN too: Adam starts afresh. */
  memset (t->g_m, 0, t->g_train * sizeof (float));
  memset (t->g_v, 0, t->g_train * sizeof (float));
  memset (t->d_m, 0, m->d_n * sizeof (float));
  memset (t->d_v, 0, m->d_n * sizeof (float));
  t->g_t = 0;
  t->d_t = 0;
}

static gboolean
run_epochs (CgTrainer      *t,
            CgProgressFunc  progress,
            gpointer        user_data,
            GCancellable   *cancellable,
            GError        **error)
{
  const CgCganConfig *c;
  gint64 start_us;
  guint first_epoch;

  c = &t->config;
  start_us = g_get_monotonic_time ();
  /* A second run continues where the first stopped, and keeps B as after its own first
   * item_kept_epoch epochs. */
  first_epoch = t->model->history->len;
  t->item_kept_set = FALSE;

  for (guint e = 0; e < c->epochs; e++)
    {
      guint epoch = first_epoch + e + 1;
      gboolean pretraining = epoch <= c->pretrain_epochs;
      gint64 epoch_start_us = g_get_monotonic_time ();
      double sum_d = 0.0, sum_g = 0.0, sum_mle = 0.0;
      guint n_d = 0, n_g = 0;
      double loss_d = 0.0, loss_g = 0.0, loss_mle = 0.0;
      CgEpochRecord record = { 0 };

      /* Every run fits B afresh (cg_trainer_new), then lets it learn for its first epochs. */
      t->item_learning = t->item_grad != NULL && e < c->item_learning_epochs;
      t->flops = 0.0;
      memset (t->phase_us, 0, sizeof t->phase_us);
      cg_rng_shuffle_u32 (&t->rng, t->order, t->n_pos);
      cg_rng_shuffle_u32 (&t->rng, t->users, t->n_users);

      for (guint step = 1; step <= t->n_steps; step++)
        {
          gsize first_pair = (gsize) (step - 1) * t->max_pairs;
          guint n_real = (guint) MIN ((gsize) t->max_pairs, t->n_pos - first_pair);
          /* An even share of the users: step s takes [s·n/S, (s+1)·n/S). */
          guint u0 = (guint) ((guint64) (step - 1) * t->n_users / t->n_steps);
          guint u1 = (guint) ((guint64) step * t->n_users / t->n_steps);
          const guint32 *users = t->users + u0;
          guint B = u1 - u0;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              /* A run stopped inside an epoch still says where its steps went. */
              for (guint ph = 0; ph < CG_N_PHASES; ph++)
                t->epoch_phase_s[ph] = t->phase_us[ph] / 1e6;
              end_with_kept_b (t);
              return FALSE;
            }

          /* The sampled softmax's snapshot is taken whole at the same steps, and gets the
           * rows of the users it has not met since at every step. */
          if (t->sampled && c->d_steps > 0 && !(c->neg_mix >= 1.0))
            {
              phase_begin (t);
              cover_fake_users (t, t->order + first_pair, n_real, refresh_due (c, step));
              phase_end (t, CG_PHASE_SNAPSHOT);
            }
          else if (c->d_steps > 0 && !(c->neg_mix >= 1.0) && refresh_due (c, step))
            {
              phase_begin (t);
              refresh_fakes (t);
              phase_end (t, CG_PHASE_SNAPSHOT);
            }
          for (guint s = 0; s < c->d_steps; s++)
            {
              loss_d = d_step (t, t->order + first_pair, n_real);
              sum_d += loss_d;
              n_d++;
            }

          if (B > 0 && c->g_steps > 0)
            {
              phase_begin (t);
              build_bags (t, users, B);
              cg_rng_fill_normal (&t->rng, t->noise, (gsize) B * c->noise_dim, 1.0f);
              phase_end (t, CG_PHASE_G_FORWARD);
              for (guint s = 0; s < c->g_steps; s++)
                {
                  (t->sampled ? g_step_sampled : g_step) (t, users, B, pretraining, &loss_g,
                                                          &loss_mle);
                  sum_g += loss_g;
                  sum_mle += loss_mle;
                  n_g++;
                }
            }

          if (!isfinite (loss_d) || !isfinite (loss_g) || !isfinite (loss_mle))
            {
              /* Back to the last good parameters, so a later run starts from sane ones. */
              restore_good (t);
              g_set_error (error, CG_ERROR, CG_ERROR_DIVERGED,
                           "training diverged at epoch %u, step %u (loss_D %g, loss_G %g, "
                           "likelihood %g); the model keeps epoch %u's parameters",
                           epoch, step, loss_d, loss_g, loss_mle, epoch - 1);
              end_with_kept_b (t);
              return FALSE;
            }

          if (progress != NULL)
            {
              CgProgress p = { 0 };

              p.kind = CG_PROGRESS_STEP;
              p.epoch = epoch;
              p.n_epochs = first_epoch + c->epochs;
              p.step = step;
              p.n_steps = t->n_steps;
              p.loss_d = loss_d;
              p.loss_g = loss_g;
              p.loss_mle = loss_mle;
              p.elapsed = (g_get_monotonic_time () - start_us) / 1e6;
              progress (&p, user_data);
            }
        }

      if (!params_finite (t->model, g_changing (t)))
        {
          restore_good (t);
          g_set_error (error, CG_ERROR, CG_ERROR_DIVERGED,
                       "training diverged in epoch %u (a parameter became infinite or NaN); "
                       "the model keeps epoch %u's parameters", epoch, epoch - 1);
          end_with_kept_b (t);
          return FALSE;
        }

      record.epoch = epoch;
      record.loss_d = n_d > 0 ? sum_d / n_d : 0.0;
      record.loss_g = n_g > 0 ? sum_g / n_g : 0.0;
      /* Training time only: the evaluation below is reporting, not learning. */
      record.seconds = (g_get_monotonic_time () - epoch_start_us) / 1e6;
      t->epoch_flops = t->flops;
      for (guint ph = 0; ph < CG_N_PHASES; ph++)
        t->epoch_phase_s[ph] = t->phase_us[ph] / 1e6;
      /* Measured, and kept as the model handed out, as it would end if the run stopped
       * here. */
      if (t->item_kept_set)
        swap_kept_b (t);
      evaluate (t, &record);
      diagnose (t, &record);
      cg_cgan_append_history (t->model, &record);
      keep_good (t);
      if (t->item_kept_set)
        swap_kept_b (t);
      if (t->item_kept != NULL && e + 1 == c->item_kept_epoch)
        {
          memcpy (t->item_kept, t->model->g.item_w,
                  (gsize) t->model->n_items * t->model->n_items * sizeof (float));
          t->item_kept_set = TRUE;
        }

      if (progress != NULL)
        {
          CgProgress p = { 0 };

          p.kind = CG_PROGRESS_EPOCH;
          p.epoch = epoch;
          p.n_epochs = first_epoch + c->epochs;
          p.step = t->n_steps;
          p.n_steps = t->n_steps;
          p.loss_d = record.loss_d;
          p.loss_g = record.loss_g;
          p.loss_mle = n_g > 0 ? sum_mle / n_g : 0.0;
          p.elapsed = (g_get_monotonic_time () - start_us) / 1e6;
          p.record = record;
          progress (&p, user_data);
        }
    }
  /* The network was trained beside the B that went on learning; the model recommends with
   * the earlier one. A run shorter than item_kept_epoch keeps B as it ends. */
  end_with_kept_b (t);
  return TRUE;
}

gboolean
cg_trainer_run (CgTrainer      *t,
                CgProgressFunc  progress,
                gpointer        user_data,
                GCancellable   *cancellable,
                GError        **error)
{
  gboolean ok;
  CgTeam *team;

  g_return_val_if_fail (t != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  team = set_threads (t->config.threads);
  ok = run_epochs (t, progress, user_data, cancellable, error);
  unset_threads (team, t->config.threads);
  return ok;
}
