/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-export.c: history and recommendations as CSV.
 */
#include "cg-export.h"

#include <math.h>

#include "cg-csv.h"
#include "cg-epoch-fields.h"
#include "cg-text.h"

static void
append_number (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (v))
    g_string_append (out, cg_text_format_double (buf, v));
}

char *
cg_export_history_csv (const CgEpochRecord *records,
                       guint                n_records)
{
  guint n_fields;
  const CgEpochField *fields = cg_epoch_fields (&n_fields);
  GString *out = g_string_new ("epoch");

  g_return_val_if_fail (records != NULL || n_records == 0, NULL);

  for (guint f = 0; f < n_fields; f++)
    g_string_append_printf (out, ",%s", fields[f].name);
  g_string_append_c (out, '\n');
  for (guint r = 0; r < n_records; r++)
    {
      g_string_append_printf (out, "%u", records[r].epoch);
      for (guint f = 0; f < n_fields; f++)
        {
          g_string_append_c (out, ',');
          append_number (out, cg_epoch_record_get (&records[r], &fields[f]));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
append_genres (GString         *out,
               const CgDataset *dataset,
               const CgMovie   *movie)
{
  const CgCatalog *catalog = dataset->catalog;
  g_autoptr(GString) genres = g_string_new (NULL);

  for (guint g = 0; g < catalog->n_genres && g < 32; g++)
    if (movie->genres & (1u << g))
      {
        if (genres->len > 0)
          g_string_append_c (genres, '|');
        g_string_append (genres, catalog->genre_names[g]);
      }
  cg_csv_append_field (out, genres->str);
}

char *
cg_export_recommendations_csv (const CgDataset        *dataset,
                               const CgRecommendation *recs,
                               guint                   n_recs,
                               gboolean                with_hits,
                               const CgReason         *reasons,
                               guint                   max_reasons,
                               const guint            *n_reasons)
{
  GString *out;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (recs != NULL || n_recs == 0, NULL);
  g_return_val_if_fail (reasons == NULL || n_reasons != NULL, NULL);

  out = g_string_new ("rank,movie_id,title,year,genres,score,hit,because\n");
  for (guint r = 0; r < n_recs; r++)
    {
      const CgMovie *movie = cg_dataset_movie (dataset, recs[r].item);

      g_string_append_printf (out, "%u,%u,", r + 1, movie->movie_id);
      cg_csv_append_field (out, movie->title);
      g_string_append_c (out, ',');
      if (movie->year > 0)
        g_string_append_printf (out, "%u", movie->year);
      g_string_append_c (out, ',');
      append_genres (out, dataset, movie);
      g_string_append_c (out, ',');
      append_number (out, recs[r].score);
      g_string_append_c (out, ',');
      if (with_hits)
        g_string_append_c (out, recs[r].hit ? '1' : '0');
      g_string_append_c (out, ',');
      if (reasons != NULL)
        {
          g_autoptr(GString) because = g_string_new (NULL);

          for (guint k = 0; k < n_reasons[r]; k++)
            {
              const CgReason *reason = &reasons[(gsize) r * max_reasons + k];

              if (k > 0)
                g_string_append (because, "; ");
              g_string_append (because, cg_dataset_movie (dataset, reason->item)->title);
            }
          cg_csv_append_field (out, because->str);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
