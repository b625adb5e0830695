/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-export.h: what the app and the CLI let people take away, as CSV — a training run's
 * history and a recommendations list.
 *
 * One writer for both, so `cinegan-cli model-info FILE --history csv` prints byte for byte
 * what the app's "Export History as CSV…" saves. RFC 4180 (cg_csv_append_field), LF line
 * ends, UTF-8, numbers in the C locale in the shortest form that reads back exactly, a
 * figure that was not measured (NaN) as an empty cell.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"
#include "cg-explain.h"
#include "cg-recommender.h"

G_BEGIN_DECLS

/* "epoch", then one column per field of the epoch field table (cg_epoch_fields), one row
 * per record. Newly allocated. */
char *cg_export_history_csv         (const CgEpochRecord *records, guint n_records);

/* rank, movie_id, title, year, genres ("Action|Comedy"), score, hit, because. hit is 1 or
 * 0 when with_hits (a dataset user: among their test positives), else empty. because is
 * empty unless reasons is given: reasons[r · max_reasons …] (n_reasons[r] of them) as
 * titles joined by "; ". Newly allocated. */
char *cg_export_recommendations_csv (const CgDataset *dataset, const CgRecommendation *recs,
                                     guint n_recs, gboolean with_hits,
                                     const CgReason *reasons, guint max_reasons,
                                     const guint *n_reasons);

G_END_DECLS
