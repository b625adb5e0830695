/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trainer-memory.c: the memory of a training run, estimated from its settings.
 *
 * Each part mirrors a group of buffers of cg_trainer_new, cg_cgan_new, the networks'
 * activations (cg_gen_acts_init, cg_disc_acts_init, cg_disc_all_items_init) and the
 * per-epoch evaluation. Sizes that depend on the data (users with a positive, positives)
 * are taken from the dataset, the way cg_trainer_new takes them. Arithmetic is in 64 bits:
 * the settings' maxima multiply far past 32.
 */
#include "config.h"

#include "cg-trainer-memory.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg-discriminator.h"
#include "cg-error.h"
#include "cg-generator.h"

/* As in cg-trainer.c: users scored per evaluation call and per snapshot pass. */
#define EVAL_BATCH     256
#define SNAPSHOT_CHUNK 128
/* As in cg-cgan.c: the scoring scratch is bounded by this many floats. */
#define SCORE_SCRATCH_FLOATS (4u << 20)

#define DEFAULT_LIMIT (G_GUINT64_CONSTANT (4) << 30)

/* Floats (or 32-bit indices) of the generator's activations for a batch of B users. */
static guint64
gen_acts_floats (guint64 B,
                 guint64 E,
                 guint64 Z,
                 guint64 H,
                 guint64 I)
{
  return B * (2 * E + 2 * (E + Z) + 4 * H + I);
}

static void
add_part (CgMemoryEstimate *estimate,
          const char       *what,
          const char       *settings,
          guint64           bytes)
{
  g_assert (estimate->n_parts < CG_MEMORY_MAX_PARTS);
  estimate->parts[estimate->n_parts++] = (CgMemoryPart) { what, settings, bytes };
  estimate->total += bytes;
}

static int
compare_parts (const void *a,
               const void *b)
{
  const CgMemoryPart *x = a, *y = b;

  return (x->bytes < y->bytes) - (x->bytes > y->bytes);
}

void
cg_dataset_shape_of (const CgDataset *dataset,
                     CgDatasetShape  *shape)
{
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (shape != NULL);

  shape->n_users = dataset->n_users;
  shape->n_items = dataset->n_items;
  shape->n_train_pos = cg_user_items_total (dataset->train_pos);
  shape->users_with_pos = 0;
  shape->max_user_pos = 0;
  for (guint u = 0; u < dataset->n_users; u++)
    {
      guint n = cg_user_items_count (dataset->train_pos, u);

      shape->users_with_pos += n > 0;
      shape->max_user_pos = MAX (shape->max_user_pos, n);
    }
}

guint
cg_trainer_step_width (const CgCganConfig   *config,
                       const CgDatasetShape *shape,
                       guint64               B)
{
  g_return_val_if_fail (config != NULL && shape != NULL, 0);

  if (!cg_cgan_config_sampled (config, shape->n_items))
    return shape->n_items;
  return (guint) MIN ((guint64) shape->n_items,
                      B * shape->max_user_pos + config->sampled_candidates);
}

void
cg_trainer_estimate_memory (const CgCganConfig *config,
                            const CgDataset    *dataset,
                            CgMemoryEstimate   *estimate)
{
  CgDatasetShape shape;

  g_return_if_fail (dataset != NULL);

  cg_dataset_shape_of (dataset, &shape);
  cg_trainer_estimate_memory_for_shape (config, &shape, estimate);
}

void
cg_trainer_estimate_memory_for_shape (const CgCganConfig   *config,
                                      const CgDatasetShape *shape,
                                      CgMemoryEstimate     *estimate)
{
  CgGenDims gdims;
  CgDiscDims ddims;
  guint64 U, I, E, Z, H, K, n_pos, users_with_pos, P, steps, B, N, NU, NI, W, params, item_b;
  guint64 item_bs;

  g_return_if_fail (config != NULL);
  g_return_if_fail (shape != NULL);
  g_return_if_fail (estimate != NULL);

  memset (estimate, 0, sizeof *estimate);
  U = shape->n_users;
  I = shape->n_items;
  E = config->embed_dim;
  Z = MAX (config->noise_dim, 1);
  H = config->hidden_dim;
  K = MIN (config->k, shape->n_items);
  n_pos = shape->n_train_pos;
  users_with_pos = shape->users_with_pos;
  /* The step shape of cg_trainer_new: P pairs and B users per step. */
  P = MAX (MIN ((guint64) config->batch_size, n_pos), 1);
  steps = (n_pos + P - 1) / P;
  B = steps > 0 ? (users_with_pos + steps - 1) / steps : 0;
  N = 2 * P;
  NU = MIN (N, U);
  NI = MIN (N, I);

  cg_gen_dims_from_config (&gdims, config, shape->n_users, shape->n_items);
  cg_disc_dims_from_config (&ddims, config, shape->n_users, shape->n_items);
  params = (guint64) cg_generator_n_params (&gdims) + cg_discriminator_n_params (&ddims);
  item_b = gdims.item_path ? I * I : 0;
  item_bs = gdims.item_short ? I * I : 0;

  /* The model, its gradients, Adam's two moments; after the first epoch, the copy kept of
   * the last good one. B has the last three only when it learns. */
  add_part (estimate, "the networks' weights, gradients and optimiser state",
            "embed-dim, hidden-dim, noise-dim (with the dataset's users and items)",
            4 * 4 * (params - item_b - item_bs));
  if (item_b > 0)
    {
      add_part (estimate, "the item–item path's B (and its gradient and moments when it learns)",
                "item-weight, item-learning-rate (items × items)",
                4 * item_b * (gdims.item_learns ? 4 : 1));
      if (item_bs > 0)
        add_part (estimate, "the item–item path's second B, for short bags",
                  "item-short-lambda (items × items)", 4 * item_bs);
      if (gdims.item_learns && config->item_kept_epoch > 0)
        add_part (estimate, "the copy of B kept from an earlier epoch",
                  "item-kept-epoch (items × items)", 4 * item_b);
      /* Its scores for a step's users, the network's own softmax beside G's, and every
       * user's whole-history scores for the fakes. */
      add_part (estimate, "the item–item path's scores", "item-weight (users × items)",
                4 * (U * I + 2 * B * I + B));
    }
  add_part (estimate, "the copy of the last finished epoch's networks",
            "embed-dim, hidden-dim, noise-dim (with the dataset's users and items)",
            4 * params);
  /* D over the step's pairs: per distinct user and item two hidden rows (the pairs'
   * pre-activations are not kept). */
  add_part (estimate, "the discriminator's activations for a step's pairs",
            "hidden-dim (with the dataset's users and items), batch-size",
            4 * (2 * (NU + NI) * H + 2 * (NU + NI) * E + 7 * N + U + I + H));
  W = cg_trainer_step_width (config, shape, B);
  /* G over the step's users, with its softmax, costs and D's logits over every item (or
   * every candidate), and D's item half for all items. */
  add_part (estimate, "the generator's step over all items for each user of a step",
            "batch-size (users per step) × items, hidden-dim",
            4 * (gen_acts_floats (B, E, Z, H, I) + 3 * B * W + B * Z + 4 * B
                 + H * (I + 64) + B * (E + H)));
  if (!cg_cgan_config_sampled (config, shape->n_items))
    /* G's distributions for every user, which the fakes are drawn from. */
    add_part (estimate, "the snapshot of the generator's distributions for every user",
              "the dataset's users × items", 4 * (U * I + U * K));
  else
    {
      guint64 BW = B * W, NUc = MIN (BW, U), NIc = MIN (BW, I);
      /* Rows the fakes' snapshot keeps: at most fake-refresh steps of P pairs' users. */
      guint64 R = config->fake_refresh > 0 ? MIN ((guint64) config->fake_refresh * P, U) : U;

      /* The proposal (with its logarithms, doubles) and the step's candidates; D over the
       * (user, candidate) pairs. */
      add_part (estimate, "the sampled softmax's candidates and D over them",
                "sampled-candidates, batch-size, hidden-dim",
                4 * (6 * I + 3 * W + 2 * W * H + 2 * W + n_pos + 2 * BW
                     + 2 * (NUc + NIc) * H + 2 * (NUc + NIc) * E + 3 * BW + NUc + NIc + U + I + H));
      /* The fakes' snapshot: a copy of G, the hidden rows of the users met between two
       * refreshes, and a step's scratch. */
      add_part (estimate, "the generator's snapshot for the fakes",
                "fake-refresh, batch-size, hidden-dim (with the dataset's items)",
                4 * (cg_generator_n_trainable (&gdims) + R * (H + 1)
                     + P * (E + (E + Z) + 2 * H) + P * Z + U + 3 * P + 1 + n_pos + 8 * P));
    }
  add_part (estimate, "the snapshot's pass over a chunk of users", "hidden-dim, items",
            4 * (gen_acts_floats (SNAPSHOT_CHUNK, E, Z, H, I) + SNAPSHOT_CHUNK * (I + Z)));
  /* Positive pairs, their order and the bags of liked items. */
  add_part (estimate, "the training positives, their order and bags", "the dataset",
            4 * (6 * n_pos + 3 * U + 2 * B + SNAPSHOT_CHUNK));
  add_part (estimate, "scoring for evaluation", "items",
            4 * (EVAL_BATCH * I + U + SCORE_SCRATCH_FLOATS));

  qsort (estimate->parts, estimate->n_parts, sizeof *estimate->parts, compare_parts);
}

/* "6G", "800M", "64k" or plain bytes; 0 when unreadable. */
static guint64
parse_size (const char *text)
{
  char *end = NULL;
  guint64 value;
  guint shift = 0;

  if (text == NULL || !g_ascii_isdigit (*text))
    return 0;
  value = g_ascii_strtoull (text, &end, 10);
  switch (g_ascii_toupper (*end))
    {
    case '\0':
      break;
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case 'T':
      shift = 40;
      break;
    default:
      return 0;
    }
  if (shift > 0 && end[1] != '\0' && !(g_ascii_toupper (end[1]) == 'B' && end[2] == '\0'))
    return 0;
  if (value > (G_MAXUINT64 >> shift))
    return 0;
  return value << shift;
}

guint64
cg_trainer_memory_limit (void)
{
  const char *override = g_getenv ("CINEGAN_MAX_MEMORY");
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  if (override != NULL)
    {
      guint64 limit = parse_size (override);

      if (limit > 0)
        return limit;
      g_warning ("CINEGAN_MAX_MEMORY=%s is not a size such as 6G or 800M; ignored", override);
    }
  if (pages > 0 && page_size > 0)
    return MIN (DEFAULT_LIMIT, (guint64) pages * (guint64) page_size / 2);
  return DEFAULT_LIMIT;
}

char *
cg_memory_estimate_describe (const CgMemoryEstimate *estimate)
{
  g_autofree char *total = NULL, *largest = NULL;

  g_return_val_if_fail (estimate != NULL, NULL);

  total = g_format_size_full (estimate->total, G_FORMAT_SIZE_IEC_UNITS);
  if (estimate->n_parts == 0)
    return g_strdup_printf ("about %s", total);
  largest = g_format_size_full (estimate->parts[0].bytes, G_FORMAT_SIZE_IEC_UNITS);
  return g_strdup_printf ("about %s (largest: %s, %s, grows with %s)", total,
                          estimate->parts[0].what, largest, estimate->parts[0].settings);
}

gboolean
cg_trainer_check_memory (const CgCganConfig *config,
                         const CgDataset    *dataset,
                         GError            **error)
{
  CgMemoryEstimate estimate;
  guint64 limit = cg_trainer_memory_limit ();
  g_autofree char *total = NULL, *limit_text = NULL;
  GString *parts;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cg_trainer_estimate_memory (config, dataset, &estimate);
  if (estimate.total <= limit)
    return TRUE;

  total = g_format_size_full (estimate.total, G_FORMAT_SIZE_IEC_UNITS);
  limit_text = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);
  parts = g_string_new (NULL);
  /* The parts that hold most of it, each with the settings that make it large. */
  for (guint i = 0; i < estimate.n_parts && i < 3; i++)
    {
      g_autofree char *size = g_format_size_full (estimate.parts[i].bytes, G_FORMAT_SIZE_IEC_UNITS);

      if (i > 0 && estimate.parts[i].bytes * 10 < estimate.total)
        break;
      g_string_append_printf (parts, "\n  %s for %s (grows with %s)", size,
                              estimate.parts[i].what, estimate.parts[i].settings);
    }
  g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
               "Training with these settings needs about %s of memory, more than the %s "
               "allowed (the lower of 4 GiB and half of this computer's memory, or "
               "$CINEGAN_MAX_MEMORY):%s\nLower the settings named first.", total, limit_text,
               parts->str);
  g_string_free (parts, TRUE);
  return FALSE;
}
