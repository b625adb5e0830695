/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-epoch-fields.h: the named figures of a training epoch (CgEpochRecord), as a table.
 *
 * Model files keep the history as named columns, `train --json` and `model-info` print
 * every field by its name, and the CSV export has one column per field — all from this one
 * table, the way the config field table describes the settings. So a new per-epoch figure
 * (a diagnostic, say) is a member of CgEpochRecord and a row here, and needs no change of
 * the model-file format: files written before it read it as NaN (not measured), and older
 * builds skip the column.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"

G_BEGIN_DECLS

typedef enum
{
  CG_EPOCH_VALUE_ANY,       /* finite or NaN: losses */
  CG_EPOCH_VALUE_FRACTION,  /* [0, 1] or NaN: metrics, accuracies, coverage */
  CG_EPOCH_VALUE_AMOUNT,    /* finite and ≥ 0, or NaN: seconds, entropy, popularity */
} CgEpochValueKind;

typedef struct
{
  const char       *name;         /* "loss_d": model-file column, JSON member, CSV header */
  const char       *description;  /* one line, for people */
  gsize             offset;       /* of the double in CgEpochRecord */
  CgEpochValueKind  kind;
} CgEpochField;

/* The table, in display order; *n_fields receives its length. */
const CgEpochField *cg_epoch_fields          (guint *n_fields);
/* The field called name, or NULL. */
const CgEpochField *cg_epoch_field_find      (const char *name);

/* A record with epoch 0 and every figure NaN: what a file that lacks a column reads as. */
void                cg_epoch_record_init     (CgEpochRecord *record);
double              cg_epoch_record_get      (const CgEpochRecord *record,
                                              const CgEpochField *field);
void                cg_epoch_record_set      (CgEpochRecord *record, const CgEpochField *field,
                                              double value);
/* TRUE when value is possible for the field's kind. */
gboolean            cg_epoch_value_valid     (const CgEpochField *field, double value);
/* Every figure of the record possible for its kind. */
gboolean            cg_epoch_record_valid    (const CgEpochRecord *record);

G_END_DECLS
