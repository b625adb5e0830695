/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-epoch-fields.c: the table of CgEpochRecord's named figures.
 *
 * Names are lower case with underscores because they are JSON members and CSV headers as
 * well as model-file columns; they never change once written to a file.
 */
#include "cg-epoch-fields.h"

#include <math.h>
#include <string.h>

#define FIELD(n, d, member, kind) \
  { n, d, G_STRUCT_OFFSET (CgEpochRecord, member), kind }

static const CgEpochField epoch_fields[] = {
  FIELD ("loss_d", "Discriminator loss, mean over the epoch's D steps",
         loss_d, CG_EPOCH_VALUE_ANY),
  FIELD ("loss_g", "Generator loss, mean over the epoch's G steps",
         loss_g, CG_EPOCH_VALUE_ANY),
  FIELD ("recall", "Recall@K on the evaluation split",
         recall, CG_EPOCH_VALUE_FRACTION),
  FIELD ("ndcg", "NDCG@K on the evaluation split",
         ndcg, CG_EPOCH_VALUE_FRACTION),
  FIELD ("hit_rate", "HitRate@K on the evaluation split",
         hit_rate, CG_EPOCH_VALUE_FRACTION),
  FIELD ("seconds", "Wall time of the epoch",
         seconds, CG_EPOCH_VALUE_AMOUNT),
  FIELD ("coverage", "Catalogue coverage: share of the movies in any top-K list of the "
         "evaluation", coverage, CG_EPOCH_VALUE_FRACTION),
  FIELD ("mean_popularity", "Mean training positives of a movie in the evaluation's top-K "
         "lists", mean_popularity, CG_EPOCH_VALUE_AMOUNT),
  FIELD ("d_accuracy_real", "Share of real pairs (a user, a movie they liked) the "
         "discriminator calls real", d_accuracy_real, CG_EPOCH_VALUE_FRACTION),
  FIELD ("d_accuracy_fake", "Share of the generator's pairs the discriminator calls fake",
         d_accuracy_fake, CG_EPOCH_VALUE_FRACTION),
  FIELD ("g_entropy", "Entropy of the generator's distribution over the movies, in nats, "
         "mean over users", g_entropy, CG_EPOCH_VALUE_AMOUNT),
};

#undef FIELD

const CgEpochField *
cg_epoch_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (epoch_fields);
  return epoch_fields;
}

const CgEpochField *
cg_epoch_field_find (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (epoch_fields); i++)
    if (strcmp (epoch_fields[i].name, name) == 0)
      return &epoch_fields[i];
  return NULL;
}

void
cg_epoch_record_init (CgEpochRecord *record)
{
  g_return_if_fail (record != NULL);

  memset (record, 0, sizeof *record);
  for (guint i = 0; i < G_N_ELEMENTS (epoch_fields); i++)
    cg_epoch_record_set (record, &epoch_fields[i], NAN);
}

double
cg_epoch_record_get (const CgEpochRecord *record,
                     const CgEpochField  *field)
{
  double v;

  memcpy (&v, (const guint8 *) record + field->offset, sizeof v);
  return v;
}

void
cg_epoch_record_set (CgEpochRecord      *record,
                     const CgEpochField *field,
                     double              value)
{
  memcpy ((guint8 *) record + field->offset, &value, sizeof value);
}

/* Written so that NaN reaches only the explicit isnan test: every comparison with NaN is
 * false, so a range test of the form "v < lo || v > hi" would let it through. */
gboolean
cg_epoch_value_valid (const CgEpochField *field,
                      double              value)
{
  if (isnan (value))
    return TRUE;
  switch (field->kind)
    {
    case CG_EPOCH_VALUE_ANY:
      return isfinite (value);
    case CG_EPOCH_VALUE_FRACTION:
      return value >= 0.0 && value <= 1.0;
    case CG_EPOCH_VALUE_AMOUNT:
      return isfinite (value) && value >= 0.0;
    default:
      g_assert_not_reached ();
    }
}

gboolean
cg_epoch_record_valid (const CgEpochRecord *record)
{
  for (guint i = 0; i < G_N_ELEMENTS (epoch_fields); i++)
    if (!cg_epoch_value_valid (&epoch_fields[i], cg_epoch_record_get (record, &epoch_fields[i])))
      return FALSE;
  return TRUE;
}
