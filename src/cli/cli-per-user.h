/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-per-user.h: per-user figures as TSV, written by eval and train, read by compare.
 *
 *   # split	user_id	recall	ndcg	hit
 *   u1	1	0.2	0.43067655807339306	1
 *
 * user_id is the raw MovieLens ID; the numbers are printed with 17 significant digits, so
 * a comparison sees exactly what the evaluator computed. Files of several splits (one per
 * fold) can simply be concatenated.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

typedef struct
{
  char    *split;
  guint32  user_id;
  double   recall;
  double   ndcg;
  gboolean hit;
} CliUserFigures;

GString   *cli_per_user_new    (void);
void       cli_per_user_append (GString *text, const char *split, const CgDataset *dataset,
                                const CgUserMetrics *users, guint n_users);
/* Every data line of the file, in order (a GArray of CliUserFigures that frees its
 * strings); NULL and an error naming file:line for a malformed line or a (split, user)
 * given twice. */
GArray    *cli_per_user_load   (const char *path, GError **error);

G_END_DECLS
