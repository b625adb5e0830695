/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-cgan.h: the Collaborative GAN model — its settings, its parameters, and scoring.
 *
 * Generator G(u, z): user embedding (E) ‖ noise (Z) → Linear(E+Z → H) → ReLU
 * → Linear(H → I) = one score per item. Discriminator D(u, i): user embedding (E) ‖ item embedding (E) →
 * Linear(2E → H) → LeakyReLU(0.2) → Linear(H → 1) → sigmoid = P(real).
 *
 * The user embedding is either a free per-user table (CG_USER_EMBEDDING_ID) or computed from
 * the user's training positives (CG_USER_EMBEDDING_HISTORY), which also scores a user the
 * model never saw, such as the app's "you", without retraining.
 *
 * Each network keeps all its parameters in one contiguous float buffer; the tensors are
 * named views into it (see cg_cgan_tensor), which is what model files store.
 *
 * Training lives in cg-trainer.h; this header is the trained artefact.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

typedef enum
{
  CG_USER_EMBEDDING_ID,
  CG_USER_EMBEDDING_HISTORY,
} CgUserEmbeddingMode;

typedef enum
{
  CG_HISTORY_ACT_NONE,  /* the normalised sum as is */
  CG_HISTORY_ACT_TANH,  /* tanh of it, as in Mult-DAE's encoder */
  CG_HISTORY_ACT_RELU,
} CgHistoryActivation;

typedef enum
{
  CG_FAKE_MULTINOMIAL,  /* fake items sampled from G's softmax */
  CG_FAKE_ARGMAX,       /* fake items = G's top-scoring items */
} CgFakeStrategy;

typedef enum
{
  CG_LIKELIHOOD_ALL,    /* on G's logits, item–item path included */
  CG_LIKELIHOOD_MLP,    /* on the network path's logits alone */
} CgLikelihoodLogits;

/* Which rows of B an optimiser step of the item–item path moves. */
typedef enum
{
  CG_ITEM_UPDATES_DENSE, /* every row, each coasting on its momentum between its gradients */
  CG_ITEM_UPDATES_LAZY,  /* only the rows of the movies in the step's bags */
} CgItemUpdates;

/* How G's softmax is taken in training (recommending is always exact). */
typedef enum
{
  CG_SOFTMAX_AUTO,      /* full up to CG_SOFTMAX_AUTO_MAX_ITEMS items, sampled above */
  CG_SOFTMAX_FULL,      /* over every item: an epoch costs users × items */
  CG_SOFTMAX_SAMPLED,   /* over a step's candidates: the step's positives and sampled items */
} CgSoftmaxMode;

/* Where auto turns to the sampled softmax: above ML-1M's catalogue, whose exact epochs
 * still fit the time and memory targets (docs/model.md, speed). */
#define CG_SOFTMAX_AUTO_MAX_ITEMS 8192

/* The item–item path needs an (I, I) matrix and an O(I³) fit: above this many items a
 * model has none, whatever item-weight says (see docs/model.md). */
#define CG_ITEM_PATH_MAX_ITEMS 4096
/* B learns (item-learning-rate) on catalogues of up to this many items; above, its gradient
 * and moments (3 I² floats) and the whole-history scores recomputed at every snapshot cost
 * more memory and time than ML-1M's targets allow (544 MiB and twice the epoch on an
 * ML-1M-shaped bench, against 387 MiB with B fixed), so it stays as fitted. */
#define CG_ITEM_LEARNING_MAX_ITEMS 2048

/* Every setting of the model and its training. Defaults: cg_cgan_config_init. The field
 * table (cg_cgan_config_fields) describes each one for the CLI, the app form and model
 * files: adding a setting means adding a field here and a row there. */
typedef struct
{
  /* architecture */
  guint               embed_dim;      /* E */
  guint               noise_dim;      /* Z */
  guint               hidden_dim;     /* H */
  CgUserEmbeddingMode user_mode;
  CgHistoryActivation history_act;    /* history mode: applied to the normalised sum */
  double              input_dropout;  /* history mode: P(a liked item is hidden) in training */
  /* the run */
  guint               epochs;
  guint               batch_size;
  guint64             seed;
  guint               threads;        /* training threads; 0 = as many as cores */
  /* the generator's objective and its optimiser (see docs/model.md) */
  double              learning_rate;
  double              weight_decay;   /* decoupled (AdamW), the generator's */
  guint               g_steps;
  guint               pretrain_epochs; /* first epochs: G by likelihood only (D still trains) */
  double              mle_weight;     /* weight of G's softmax cross-entropy after pre-training */
  double              adv_weight;     /* weight of G's expected adversarial BCE after it */
  double              entropy_weight; /* tau: G's loss gets -tau * H(p) after pre-training */
  /* the discriminator and its fake items */
  guint               d_steps;
  double              d_learning_rate; /* D's Adam step size; 0 = learning_rate */
  double              d_weight_decay; /* decoupled (AdamW), the discriminator's */
  double              neg_mix;        /* P(a fake item is uniform rather than from G) */
  CgFakeStrategy      fake_strategy;
  guint               fake_refresh;   /* steps between snapshots of G for fakes; 0 = per epoch */
  /* evaluation and recommendation */
  guint               k;
  guint               noise_draws;    /* G's scores are averaged over this many z */
  /* the generator's item–item path: logits += item_weight · Bᵀx, B fitted in closed form */
  double              item_weight;    /* 0 = no item–item path */
  double              item_lambda;    /* B's ridge λ (EASE) */
  double              item_dropout;   /* > 0: B is EDLAE's for this input dropout */
  CgLikelihoodLogits  mle_logits;     /* which logits the likelihood is taken on */
  double              item_learning_rate; /* Adam step of B after its fit; 0 = B stays fixed */
  guint               item_learning_epochs; /* B learns in a run's first epochs only */
  CgItemUpdates       item_updates;   /* which rows of B a step moves */
  guint               item_kept_epoch; /* > 0: the model keeps B as after this epoch of a
                                        * run, while it learns on beside the network */
  double              item_short_lambda; /* > 0: a second B, fitted with this λ, for short
                                          * bags; 0 = none */
  double              item_short_bag; /* n₀: a bag of n movies takes n₀²/(n₀² + n²) of it */
  /* history mode: share of training users whose visible bag is cut, each time they are
   * drawn, to a random 1…short_bag_max of their liked items (people with few ratings) */
  double              short_bags;
  guint               short_bag_max;
  /* the generator's softmax in training */
  CgSoftmaxMode       softmax;
  guint               sampled_candidates; /* items drawn per step beside its positives */
} CgCganConfig;

typedef enum
{
  CG_FIELD_UINT,
  CG_FIELD_UINT64,
  CG_FIELD_DOUBLE,
  CG_FIELD_ENUM,      /* stored as guint-sized enum; values named by enum_nicks */
} CgFieldType;

typedef struct
{
  const char  *name;         /* "embed-dim": CLI option, model-file key, app form id */
  const char  *description;  /* one line, for --help and tooltips */
  CgFieldType  type;
  gsize        offset;       /* in CgCganConfig */
  double       min, max;     /* accepted range (numbers) */
  const char *const *enum_nicks; /* NULL-terminated, for CG_FIELD_ENUM */
  /* For a setting added after model-file format 2: the value that makes the model behave
   * as before the setting existed, which model files written without it are read with
   * (never the current default, which moves as the model is tuned). NULL for the settings
   * every model file holds. */
  const char  *legacy_value;
} CgConfigField;

void                 cg_cgan_config_init     (CgCganConfig *config);
/* The field table; *n_fields receives its length. */
const CgConfigField *cg_cgan_config_fields   (guint *n_fields);
/* Whether training on n_items items takes the sampled softmax (auto resolved). */
gboolean             cg_cgan_config_sampled  (const CgCganConfig *config, guint n_items);
/* Every field within range, and the combination coherent. */
gboolean             cg_cgan_config_validate (const CgCganConfig *config, GError **error);
/* Parses value (a number or an enum nick) into the field of config. */
gboolean             cg_cgan_config_set      (CgCganConfig *config, const char *name,
                                              const char *value, GError **error);
/* The field's value as text ("64", "history", "0.0002"), newly allocated. */
char                *cg_cgan_config_get      (const CgCganConfig *config, const char *name);

typedef struct
{
  guint  epoch;          /* 1-based */
  double loss_d;         /* mean over the epoch's D steps */
  double loss_g;         /* mean over the epoch's G steps */
  double recall, ndcg, hit_rate;   /* at config.k on the dataset's test split */
  double seconds;        /* wall time of this epoch */
  /* Of the same evaluation's top-K lists (see CgMetrics). */
  double coverage;
  double mean_popularity;
  /* The adversarial game, on a fixed sample of users (cg-trainer-diagnostics.h). */
  double d_accuracy_real;   /* share of real pairs D calls real */
  double d_accuracy_fake;   /* share of G's pairs D calls fake */
  double g_entropy;         /* of G's distribution, nats, mean over users */
} CgEpochRecord;

typedef struct _CgCgan CgCgan;

/* A freshly initialised model for n_users × n_items (seeded from config->seed). */
CgCgan              *cg_cgan_new             (const CgCganConfig *config, guint n_users,
                                              guint n_items, GError **error);
CgCgan              *cg_cgan_copy            (const CgCgan *model);
void                 cg_cgan_free            (CgCgan *model);

const CgCganConfig  *cg_cgan_get_config      (const CgCgan *model);
guint                cg_cgan_get_n_users     (const CgCgan *model);
guint                cg_cgan_get_n_items     (const CgCgan *model);

/* Training history, one record per finished epoch. */
const CgEpochRecord *cg_cgan_get_history     (const CgCgan *model, guint *n_records);
void                 cg_cgan_append_history  (CgCgan *model, const CgEpochRecord *record);

/* Parameter tensors, for model files: name ("g.w1"), shape (up to 2 dims, row-major) and
 * the data inside the network's contiguous buffer. Writable so a loader can fill them. */
guint                cg_cgan_n_tensors       (const CgCgan *model);
float               *cg_cgan_tensor          (CgCgan *model, guint index, const char **name,
                                              guint *rows, guint *cols);

/* Scores every item for each of users (dataset indices) into scores (n_users, n_items),
 * averaged over config.noise_draws noise vectors drawn from noise_seed. history is the
 * train-positive set the model embeds users from in history mode (ignored in id mode). */
void                 cg_cgan_score_users     (CgCgan *model, const CgUserItems *history,
                                              float *scores, const guint32 *users,
                                              guint n_users, guint64 noise_seed);
/* Scores a user described only by their liked items (history mode only; FALSE and an
 * error in id mode). items are item indices. */
gboolean             cg_cgan_score_history   (CgCgan *model, const guint32 *items,
                                              guint n_liked, float *scores /* (n_items) */,
                                              guint64 noise_seed, GError **error);

/* The noise seed the trainer evaluates with, derived from config.seed: recommendations
 * made with it match the metrics printed during training. */
guint64              cg_cgan_eval_noise_seed (const CgCgan *model);

/* Adapter for cg_metrics_evaluate. */
typedef struct
{
  CgCgan            *model;
  const CgUserItems *history;
  guint64            noise_seed;
} CgCganScorer;

void                 cg_cgan_scorer_score    (float *scores, const guint32 *users,
                                              guint n_users, gpointer scorer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCgan, cg_cgan_free)

G_END_DECLS
