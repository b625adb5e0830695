/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-split.c: parsing split names; random and temporal holdouts per user.
 */
#include "cg-split.h"

#include <string.h>

#include "cg-error.h"
#include "cg-id-map.h"
#include "cg-rng.h"

#define GRAMMAR "u1 … u5, ua, ub (ML-100K's files), all, random[:FRACTION[:SEED]] or " \
                "temporal[:FRACTION or :LAST_N]"

static gboolean
split_error (const char *text,
             const char *why,
             GError    **error)
{
  if (why != NULL)
    g_set_error (error, CG_ERROR, CG_ERROR_INVALID, "“%s” is not a split (%s): use " GRAMMAR,
                 text, why);
  else
    g_set_error (error, CG_ERROR, CG_ERROR_INVALID, "“%s” is not a split: use " GRAMMAR, text);
  return FALSE;
}

/* A whole file name stem: what may precede ".base" and ".test". */
static gboolean
is_file_stem (const char *text)
{
  if (*text == '\0' || strlen (text) > 32)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-')
      return FALSE;
  return TRUE;
}

/* Strictly between 0 and 1, at most six significant digits (what the canonical name
 * keeps), written with a point. */
static gboolean
parse_fraction (const char *text,
                double     *out)
{
  char *end = NULL;
  double value;
  char shown[G_ASCII_DTOSTR_BUF_SIZE];

  if (!g_ascii_isdigit (*text) && *text != '.')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value > 0.0 && value < 1.0))
    return FALSE;
  /* The name keeps six significant digits; the split uses what the name says. */
  g_ascii_formatd (shown, sizeof shown, "%.6g", value);
  *out = g_ascii_strtod (shown, NULL);
  return *out > 0.0 && *out < 1.0;
}

static gboolean
parse_whole (const char *text,
             guint64     max,
             guint64    *out)
{
  guint64 value = 0;

  if (*text == '\0')
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (!g_ascii_isdigit (*c) || value > (max - (guint64) (*c - '0')) / 10)
        return FALSE;
      value = value * 10 + (guint64) (*c - '0');
    }
  *out = value;
  return TRUE;
}

static char *
format_fraction (double fraction)
{
  char shown[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (shown, sizeof shown, "%.6g", fraction);
  return g_strdup (shown);
}

gboolean
cg_split_parse (const char *text,
                CgSplit    *split,
                GError    **error)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  g_return_val_if_fail (text != NULL && split != NULL, FALSE);

  memset (split, 0, sizeof *split);
  if (strlen (text) > 64)
    return split_error ("…", "too long", error);
  parts = g_strsplit (text, ":", -1);
  n_parts = g_strv_length (parts);

  if (n_parts >= 1 && strcmp (parts[0], "random") == 0)
    {
      guint64 seed = CG_SPLIT_DEFAULT_SEED;
      double fraction = CG_SPLIT_DEFAULT_FRACTION;
      g_autofree char *shown = NULL;

      if (n_parts > 3)
        return split_error (text, "random takes a fraction and a seed", error);
      if (n_parts >= 2 && !parse_fraction (parts[1], &fraction))
        return split_error (text, "the fraction held out must lie strictly between 0 and 1",
                            error);
      if (n_parts == 3 && !parse_whole (parts[2], G_MAXUINT64, &seed))
        return split_error (text, "the seed must be a whole number", error);
      shown = format_fraction (fraction);
      split->kind = CG_SPLIT_RANDOM;
      split->fraction = fraction;
      split->seed = seed;
      split->name = g_strdup_printf ("random:%s:%" G_GUINT64_FORMAT, shown, seed);
      return TRUE;
    }
  if (n_parts >= 1 && strcmp (parts[0], "temporal") == 0)
    {
      guint64 last_n = 0;
      double fraction = CG_SPLIT_DEFAULT_FRACTION;

      if (n_parts > 2)
        return split_error (text, "temporal takes one fraction or count", error);
      if (n_parts == 2 && strchr (parts[1], '.') == NULL)
        {
          if (!parse_whole (parts[1], G_MAXUINT32, &last_n) || last_n == 0)
            return split_error (text, "the count held out must be a whole number from 1",
                                error);
        }
      else if (n_parts == 2 && !parse_fraction (parts[1], &fraction))
        return split_error (text, "the fraction held out must lie strictly between 0 and 1",
                            error);
      split->kind = CG_SPLIT_TEMPORAL;
      split->last_n = (guint) last_n;
      if (last_n > 0)
        split->name = g_strdup_printf ("temporal:%u", split->last_n);
      else
        {
          g_autofree char *shown = format_fraction (fraction);

          split->fraction = fraction;
          split->name = g_strdup_printf ("temporal:%s", shown);
        }
      return TRUE;
    }
  if (strcmp (text, "all") == 0)
    {
      split->kind = CG_SPLIT_ALL;
      split->name = g_strdup (text);
      return TRUE;
    }
  if (is_file_stem (text))
    {
      split->kind = CG_SPLIT_FILES;
      split->name = g_strdup (text);
      return TRUE;
    }
  return split_error (text, NULL, error);
}

void
cg_split_clear (CgSplit *split)
{
  g_clear_pointer (&split->name, g_free);
}

const char *
cg_split_kind_name (CgSplitKind kind)
{
  switch (kind)
    {
    case CG_SPLIT_FILES:
      return "files";
    case CG_SPLIT_ALL:
      return "all";
    case CG_SPLIT_RANDOM:
      return "random";
    case CG_SPLIT_TEMPORAL:
      return "temporal";
    default:
      g_return_val_if_reached ("files");
    }
}

/* ---- applying ---- */

/* The keys a user's ratings are ordered by, least significant first: a random split
 * orders them by movie (so the shuffle does not depend on the file's order), a temporal
 * one by time, a tie in time going to the lower movie ID. */
typedef enum
{
  KEY_MOVIE,
  KEY_TIME_LOW,
  KEY_TIME_HIGH,
  KEY_USER,
} SortKey;

typedef struct
{
  CgIdMap *users;
  CgIdMap *movies;
} Indices;

static inline guint32
key_of (const Indices  *indices,
        const CgRating *rating,
        SortKey         key)
{
  switch (key)
    {
    case KEY_MOVIE:
      return (guint32) cg_id_map_lookup (indices->movies, rating->movie_id);
    case KEY_TIME_LOW:
      return rating->timestamp & 0xffff;
    case KEY_TIME_HIGH:
      return rating->timestamp >> 16;
    case KEY_USER:
    default:
      return (guint32) cg_id_map_lookup (indices->users, rating->user_id);
    }
}

/* One stable counting-sort pass from → to by key; start (n_buckets + 1) receives where
 * each bucket begins in to. */
static void
scatter (const Indices  *indices,
         const CgRating *from,
         CgRating       *to,
         gsize           n,
         SortKey         key,
         guint           n_buckets,
         gsize          *start)
{
  g_autofree gsize *fill = NULL;

  memset (start, 0, sizeof (gsize) * (n_buckets + 1));
  for (gsize k = 0; k < n; k++)
    start[key_of (indices, &from[k], key) + 1]++;
  for (guint b = 0; b < n_buckets; b++)
    start[b + 1] += start[b];
  fill = g_memdup2 (start, sizeof (gsize) * (n_buckets + 1));
  for (gsize k = 0; k < n; k++)
    to[fill[key_of (indices, &from[k], key)]++] = from[k];
}

static gboolean
in_order (const CgSplit  *split,
          const CgRating *a,
          const CgRating *b)
{
  if (a->user_id != b->user_id)
    return a->user_id < b->user_id;
  if (split->kind == CG_SPLIT_TEMPORAL && a->timestamp != b->timestamp)
    return a->timestamp < b->timestamp;
  return a->movie_id < b->movie_id;
}

/* Sorts all by user, then by the split's order within a user (a radix sort, linear in the
 * ratings however the file orders them); user_start (n users + 1) receives where each
 * user's ratings begin. Takes all; returns the sorted ratings (all itself, or a new array
 * when all is freed). */
static CgRating *
group_by_user (const CgSplit *split,
               CgRating      *all,
               gsize          n_all,
               CgIdMap       *users,
               gsize         *user_start)
{
  static const SortKey random_keys[] = { KEY_MOVIE, KEY_USER };
  static const SortKey temporal_keys[] = { KEY_MOVIE, KEY_TIME_LOW, KEY_TIME_HIGH, KEY_USER };
  const SortKey *keys = split->kind == CG_SPLIT_RANDOM ? random_keys : temporal_keys;
  guint n_keys = split->kind == CG_SPLIT_RANDOM ? G_N_ELEMENTS (random_keys)
                                                : G_N_ELEMENTS (temporal_keys);
  g_autoptr(CgIdMap) movies = NULL;
  Indices indices = { users, NULL };
  CgRating *from = all, *to;
  gsize k;
  CgIdSet set;

  /* Files in the split's order already (the CSV releases list users, then movies) need
   * only the users' boundaries. */
  for (k = 1; k < n_all && in_order (split, &all[k - 1], &all[k]); k++)
    ;
  if (k >= n_all)
    {
      memset (user_start, 0, sizeof (gsize) * (users->n + 1));
      for (k = 0; k < n_all; k++)
        user_start[cg_id_map_lookup (users, all[k].user_id) + 1]++;
      for (guint u = 0; u < users->n; u++)
        user_start[u + 1] += user_start[u];
      return all;
    }

  cg_id_set_init (&set);
  for (k = 0; k < n_all; k++)
    cg_id_set_add (&set, all[k].movie_id);
  movies = cg_id_set_finish (&set);
  indices.movies = movies;
  to = g_new (CgRating, MAX (n_all, 1));
  for (guint pass = 0; pass < n_keys; pass++)
    {
      guint n_buckets = keys[pass] == KEY_MOVIE ? movies->n
                        : keys[pass] == KEY_USER ? users->n : 65536;
      g_autofree gsize *start = g_new (gsize, (gsize) n_buckets + 1);
      CgRating *swap;

      scatter (&indices, from, to, n_all, keys[pass], n_buckets, start);
      if (keys[pass] == KEY_USER)
        memcpy (user_start, start, sizeof (gsize) * (users->n + 1));
      swap = from;
      from = to;
      to = swap;
    }
  if (from == all)
    g_free (to);
  else
    g_free (all);
  return from;
}

/* How many of a user's n ratings are held out: rounded to nearest, one stays in train. */
static gsize
held_out (const CgSplit *split,
          gsize          n)
{
  gsize held;

  if (n == 0)
    return 0;
  if (split->kind == CG_SPLIT_TEMPORAL && split->last_n > 0)
    held = split->last_n;
  else
    held = (gsize) (split->fraction * (double) n + 0.5);
  return MIN (held, n - 1);
}

void
cg_split_apply (const CgSplit *split,
                CgRating      *all,
                gsize          n_all,
                CgRating     **train,
                gsize         *n_train,
                CgRating     **test,
                gsize         *n_test)
{
  g_autoptr(CgIdMap) users = NULL;
  g_autofree gsize *start = NULL;
  g_autofree CgRating *grouped = NULL;
  CgIdSet set;
  CgRng rng;
  gsize held_total = 0, t = 0, r = 0;

  g_return_if_fail (split != NULL && train != NULL && test != NULL);
  g_return_if_fail (split->kind != CG_SPLIT_FILES);

  if (split->kind == CG_SPLIT_ALL)
    {
      *train = all;
      *n_train = n_all;
      *test = g_new (CgRating, 1);
      *n_test = 0;
      return;
    }

  cg_id_set_init (&set);
  for (gsize k = 0; k < n_all; k++)
    cg_id_set_add (&set, all[k].user_id);
  users = cg_id_set_finish (&set);
  start = g_new (gsize, users->n + 1);
  grouped = group_by_user (split, all, n_all, users, start);
  for (guint u = 0; u < users->n; u++)
    held_total += held_out (split, start[u + 1] - start[u]);

  /* Train stays where the ratings are, compacted towards the front (the write position
   * never passes the read one), so only test takes new memory. */
  *test = g_new (CgRating, MAX (held_total, 1));
  cg_rng_seed (&rng, split->seed);
  for (guint u = 0; u < users->n; u++)
    {
      CgRating *row = grouped + start[u];
      gsize n = start[u + 1] - start[u];
      gsize held = held_out (split, n);

      if (split->kind == CG_SPLIT_RANDOM)
        {
          for (gsize i = n; i > 1; i--)
            {
              gsize j = cg_rng_uniform_int (&rng, (guint32) i);
              CgRating tmp = row[i - 1];

              row[i - 1] = row[j];
              row[j] = tmp;
            }
          memcpy (*test + t, row, held * sizeof (CgRating));
          memmove (grouped + r, row + held, (n - held) * sizeof (CgRating));
        }
      else
        {
          memcpy (*test + t, row + n - held, held * sizeof (CgRating));
          memmove (grouped + r, row, (n - held) * sizeof (CgRating));
        }
      t += held;
      r += n - held;
    }
  *train = g_renew (CgRating, g_steal_pointer (&grouped), MAX (r, 1));
  *n_train = r;
  *n_test = t;
}
