/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-discriminator-kernels.h: D's fused pair kernels and its all-items kernel at one width,
 * compiled per width by cg-discriminator.c through cg-simd-widths.h.
 */

/* x where x > 0, slope·x elsewhere — exactly the scalar rule. */
#define LEAKY_V(x) CG_VSELECT ((x) > 0.0f, (x), (x) * CG_DISC_LEAKY_SLOPE)

/* The pairs after the first layer, fused: a_n = U[user] + T[item], s_n = b2 + Σ_j w2_j ·
 * leaky(a_nj). Sixteen lanes of partial sums (lane l takes the j ≡ l mod 16), added in lane
 * order at the end: a fixed order, the same at every width, so the result is the same every
 * run on every machine. a_n is not kept: the backward adds the two rows again (the same
 * float add), which costs less than writing and reading back N × H floats (2 MB a D step). */
CG_KERNEL void
CG_SIMD_FN (pairs_forward) (float         *restrict logits,
                            const float   *restrict U,
                            const float   *restrict T,
                            const guint32 *restrict pair_user,
                            const guint32 *restrict pair_item,
                            const float   *restrict w2,
                            float                   b2,
                            gsize                   n0,
                            gsize                   n1,
                            guint                   H)
{
  for (gsize n = n0; n < n1; n++)
    {
      const float *u = U + (gsize) pair_user[n] * H;
      const float *t = T + (gsize) pair_item[n] * H;
      CG_VEC acc[CG_PARTS], zero = { 0 };
      float lanes[16], s = 0.0f;
      guint j = 0;

      CG_FOR_VECS (k, 16)
        acc[k] = zero;
      for (; j + 16 <= H; j += 16)
        CG_FOR_VECS (k, 16)
          {
            CG_VEC x, y, w;

            CG_VLOAD (x, u + j + k * CG_W);
            CG_VLOAD (y, t + j + k * CG_W);
            CG_VLOAD (w, w2 + j + k * CG_W);
            x += y;
            acc[k] += w * LEAKY_V (x);
          }
      memcpy (lanes, acc, sizeof lanes);
      for (guint l = 0; l < 16; l++)
        s += lanes[l];
      for (; j < H; j++)
        {
          float x = u[j] + t[j];

          s += w2[j] * (x > 0.0f ? x : CG_DISC_LEAKY_SLOPE * x);
        }
      logits[n] = b2 + s;
    }
}

/* Its backward, fused the same way: with g_n = ∂L/∂s_n,
 *   ∂L/∂w2_j += g_n · leaky(a_nj),  ∂L/∂b2 += g_n (by the caller),
 *   ∂L/∂a_nj  = g_n · w2_j · leaky'(a_nj), added to its user's and its item's row.
 * The user side (d_U and ∂L/∂w2) and the item side (d_T) can be made apart, each in one
 * pass over the pairs in order, so that two threads can each write the rows of their own
 * side; every sum still runs over the pairs in the same order. */
CG_KERNEL void
CG_SIMD_FN (pairs_backward) (float         *restrict d_U,
                             float         *restrict d_T,
                             float         *restrict d_w2,
                             const float   *restrict U,
                             const float   *restrict T,
                             const float   *restrict d_logits,
                             const guint32 *restrict pair_user,
                             const guint32 *restrict pair_item,
                             const float   *restrict w2,
                             guint                   N,
                             guint                   H,
                             gboolean                users_side,
                             gboolean                items_side)
{
  const float slope = CG_DISC_LEAKY_SLOPE;
  /* Slots are numbered in the order the pairs first show them (dedupe), so a pair is its
   * user's first exactly when its slot is the next unseen one: that pair starts the row at
   * 0 + da instead of adding to it, and no pass zeroes d_U and d_T first. */
  guint next_user = 0, next_item = 0;

  for (guint n = 0; n < N; n++)
    {
      const float *u = U + (gsize) pair_user[n] * H;
      const float *t = T + (gsize) pair_item[n] * H;
      float *du = d_U + (gsize) pair_user[n] * H;
      float *dt = d_T + (gsize) pair_item[n] * H;
      float g = d_logits[n];
      gboolean first_u = pair_user[n] == next_user, first_t = pair_item[n] == next_item;
      CG_VECI keep_u = { 0 }, keep_t = { 0 };
      guint j = 0;

      next_user += first_u;
      next_item += first_t;
      keep_u -= !first_u;
      keep_t -= !first_t;
      for (; j + 16 <= H; j += 16)
        CG_FOR_VECS (k, 16)
          {
            guint jk = j + k * CG_W;
            CG_VEC x, y, w, h, da, zero = { 0 }, one = { 0 };
            CG_VECI positive;

            one += 1.0f;
            CG_VLOAD (x, u + jk);
            CG_VLOAD (y, t + jk);
            x += y;
            CG_VLOAD (w, w2 + jk);
            positive = x > 0.0f;
            da = (g * w) * CG_VSELECT (positive, one, one * slope);
            if (users_side)
              {
                CG_VEC dw, dU;

                CG_VLOAD (dw, d_w2 + jk);
                CG_VLOAD (dU, du + jk);
                h = CG_VSELECT (positive, x, x * slope);
                dw += g * h;
                dU = CG_VSELECT (keep_u, dU, zero) + da;
                CG_VSTORE (d_w2 + jk, dw);
                CG_VSTORE (du + jk, dU);
              }
            if (items_side)
              {
                CG_VEC dT;

                CG_VLOAD (dT, dt + jk);
                dT = CG_VSELECT (keep_t, dT, zero) + da;
                CG_VSTORE (dt + jk, dT);
              }
          }
      for (; j < H; j++)
        {
          float x = u[j] + t[j];
          float da = (g * w2[j]) * (x > 0.0f ? 1.0f : slope);

          if (users_side)
            {
              d_w2[j] += g * (x > 0.0f ? x : slope * x);
              du[j] = (first_u ? 0.0f : du[j]) + da;
            }
          if (items_side)
            dt[j] = (first_t ? 0.0f : dt[j]) + da;
        }
    }
}

/* out (B, I) = b2 + Σ_h w2[h] · leaky (user_part[b, h] + item_part[h, i]). Blocked by
 * ITEM_BLOCK items so the accumulators stay in registers and a block of item_part
 * (H × ITEM_BLOCK floats) stays in L1 while every user of the batch passes over it. */
CG_KERNEL void
CG_SIMD_FN (all_items_kernel) (float       *restrict out,
                               const float *restrict item_part,
                               guint                 stride,
                               const float *restrict user_part,
                               const float *restrict w2,
                               float                 b2,
                               guint                 B,
                               guint                 H,
                               guint                 I,
                               guint                 i_begin,
                               guint                 i_end)
{
  for (guint i0 = i_begin; i0 < i_end; i0 += ITEM_BLOCK)
    for (guint b = 0; b < B; b++)
      {
        const float *up = user_part + (gsize) b * H;
        CG_VEC acc[ITEM_BLOCK / CG_W], start = { 0 };
        float tail[ITEM_BLOCK];

        start += b2;
        CG_FOR_VECS (k, ITEM_BLOCK)
          acc[k] = start;
        for (guint h = 0; h < H; h++)
          {
            const float *row = item_part + (gsize) h * stride + i0;
            float u = up[h], w = w2[h];

            CG_FOR_VECS (k, ITEM_BLOCK)
              {
                CG_VEC x;

                CG_VLOAD (x, row + k * CG_W);
                x += u;
                acc[k] += w * LEAKY_V (x);
              }
          }
        memcpy (tail, acc, sizeof tail);
        memcpy (out + (gsize) b * I + i0, tail, MIN (ITEM_BLOCK, I - i0) * sizeof (float));
      }
}

#undef LEAKY_V
