/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-sampled-fakes.c: G's snapshot for the sampled softmax's fakes, one hidden row per user
 * met since the refresh.
 *
 * Every buffer is sized at init, and touched there once, so that neither a step nor the
 * first steps of a run pay for allocation or first-touch page faults. A refresh forgets the
 * kept rows user by user (O(rows), never O(U)).
 */
#include "cg-sampled-fakes.h"

#include <string.h>

void
cg_fake_snapshot_init (CgFakeSnapshot  *s,
                       const CgGenDims *dims,
                       guint            max_rows,
                       guint            max_new,
                       gsize            n_pos)
{
  gsize H = dims->hidden_dim, Z = MAX (dims->noise_dim, 1);

  g_return_if_fail (s != NULL && dims != NULL && max_rows > 0 && max_new > 0);
  g_return_if_fail (!dims->item_path);

  memset (s, 0, sizeof *s);
  s->dims = *dims;
  s->n_buf = cg_generator_n_trainable (dims);
  s->buf = g_new0 (float, s->n_buf);
  cg_generator_bind_trainable (&s->params, s->buf, dims);
  s->max_rows = MIN (max_rows, dims->n_users);
  s->hidden = g_new0 (float, (gsize) s->max_rows * H);
  s->users = g_new0 (guint32, s->max_rows);
  s->slot = g_new (gint32, dims->n_users);
  memset (s->slot, 0xff, (gsize) dims->n_users * sizeof (gint32));
  s->max_new = max_new;
  cg_gen_acts_init (&s->acts, dims, max_new, FALSE);
  s->noise = g_new0 (float, (gsize) max_new * Z);
  s->fresh = g_new0 (guint32, max_new);
  s->bag_offsets = g_new0 (guint32, (gsize) max_new + 1);
  s->bag_items = g_new0 (guint32, MAX (n_pos, 1));
  /* g_new0 leaves large blocks to the kernel's zero pages: write them now. */
  memset (s->buf, 0, s->n_buf * sizeof (float));
  memset (s->hidden, 0, (gsize) s->max_rows * H * sizeof (float));
}

void
cg_fake_snapshot_clear (CgFakeSnapshot *s)
{
  g_clear_pointer (&s->buf, g_free);
  g_clear_pointer (&s->hidden, g_free);
  g_clear_pointer (&s->users, g_free);
  g_clear_pointer (&s->slot, g_free);
  cg_gen_acts_clear (&s->acts);
  g_clear_pointer (&s->noise, g_free);
  g_clear_pointer (&s->fresh, g_free);
  g_clear_pointer (&s->bag_offsets, g_free);
  g_clear_pointer (&s->bag_items, g_free);
}

void
cg_fake_snapshot_refresh (CgFakeSnapshot *s,
                          const float    *g_buf)
{
  g_return_if_fail (s != NULL && s->buf != NULL && g_buf != NULL);

  memcpy (s->buf, g_buf, s->n_buf * sizeof (float));
  for (guint r = 0; r < s->n_rows; r++)
    s->slot[s->users[r]] = -1;
  s->n_rows = 0;
}

guint
cg_fake_snapshot_cover (CgFakeSnapshot    *s,
                        const guint32     *users,
                        guint              n,
                        const CgUserItems *pos,
                        CgRng             *rng)
{
  guint H = s->dims.hidden_dim, n_fresh = 0, first = s->n_rows;
  guint n_items = 0;

  g_return_val_if_fail (n <= s->max_new, 0);

  /* Rows are handed out in first-appearance order, so the noise below goes to the users
   * in that order too. */
  s->bag_offsets[0] = 0;
  for (guint k = 0; k < n; k++)
    {
      guint32 u = users[k];
      guint c;

      if (s->slot[u] >= 0)
        continue;
      g_assert (s->n_rows < s->max_rows);
      c = cg_user_items_count (pos, u);
      s->slot[u] = (gint32) s->n_rows;
      s->users[s->n_rows++] = u;
      s->fresh[n_fresh++] = u;
      memcpy (s->bag_items + n_items, cg_user_items_row (pos, u), c * sizeof (guint32));
      n_items += c;
      s->bag_offsets[n_fresh] = n_items;
    }
  if (n_fresh == 0)
    return 0;

  cg_rng_fill_normal (rng, s->noise, (gsize) n_fresh * s->dims.noise_dim, 1.0f);
  cg_generator_embed (&s->acts, &s->params, &s->dims, s->fresh, s->bag_offsets, s->bag_items,
                      n_fresh);
  cg_generator_forward_from_embedding (&s->acts, &s->params, &s->dims, s->noise, n_fresh,
                                       FALSE);
  memcpy (s->hidden + (gsize) first * H, s->acts.h, (gsize) n_fresh * H * sizeof (float));
  return n_fresh;
}
