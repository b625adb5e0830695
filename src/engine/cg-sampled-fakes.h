/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-sampled-fakes.h: the snapshot of G that the sampled softmax's fakes come from.
 *
 * With the full softmax, D's fakes are drawn from G's distributions for every user, a
 * snapshot taken every fake_refresh steps (cg-trainer.c). The sampled softmax keeps the
 * same snapshot without its users × items table: at a refresh it copies G's trainable
 * parameters, and a user's hidden layer h = ReLU (W1 (e ‖ z) + b1) — the whole history, no
 * dropout, a noise draw of the user's own — is worked out from that copy the first time a
 * step's pairs meet the user, then kept until the next refresh. A kept row is what the
 * snapshot would have held for the user; the fakes are resampled with the copy's output
 * rows (W2, b2). So a step pays for the users it meets for the first time since the
 * refresh, not for the bags of every user of its pairs; heavy users, who are in nearly
 * every step, are summed once a refresh.
 *
 * Letters: U users, E embedding, Z noise, H hidden, P users a call may bring at most,
 * R rows kept between refreshes.
 */
#pragma once

#include <glib.h>

#include "cg-generator.h"
#include "cg-rng.h"
#include "cg-user-items.h"

G_BEGIN_DECLS

typedef struct
{
  CgGenDims    dims;
  /* G as of the last refresh. */
  float       *buf;          /* (cg_generator_n_trainable) */
  gsize        n_buf;
  CgGenParams  params;       /* views into buf */
  /* The kept rows. */
  float       *hidden;       /* (R, H) */
  guint32     *users;        /* (R) the user of each row */
  gint32      *slot;         /* (U) user → row, −1 when not kept */
  guint        n_rows;
  guint        max_rows;     /* R */
  /* Scratch of one call: the users met for the first time. */
  guint        max_new;      /* P */
  CgGenActs    acts;         /* P users */
  float       *noise;        /* (P, Z) */
  guint32     *fresh;        /* (P) */
  guint32     *bag_offsets;  /* (P + 1) */
  guint32     *bag_items;    /* (n_pos) */
} CgFakeSnapshot;

/* max_rows: the most distinct users between two refreshes; max_new: the most users one
 * cover call may be given; n_pos: the training positives (the longest bags together). */
void   cg_fake_snapshot_init    (CgFakeSnapshot *s, const CgGenDims *dims, guint max_rows,
                                 guint max_new, gsize n_pos);
void   cg_fake_snapshot_clear   (CgFakeSnapshot *s);
/* Copies G's trainable parameters (g_buf, as laid out by cg_generator_bind_trainable) and
 * forgets every kept row; O(kept rows) besides the copy. */
void   cg_fake_snapshot_refresh (CgFakeSnapshot *s, const float *g_buf);
/* Gives each of users (n ≤ max_new, repeats allowed) its row, working out the rows not
 * kept yet from the copy and their whole histories in pos, with noise from rng drawn in
 * the order the users first appear. Returns how many rows it worked out. */
guint  cg_fake_snapshot_cover   (CgFakeSnapshot *s, const guint32 *users, guint n,
                                 const CgUserItems *pos, CgRng *rng);

/* User u's hidden layer (H), u covered since the last refresh. */
static inline const float *
cg_fake_snapshot_hidden (const CgFakeSnapshot *s,
                         guint32               u)
{
  g_assert (s->slot[u] >= 0);
  return s->hidden + (gsize) s->slot[u] * s->dims.hidden_dim;
}

G_END_DECLS
