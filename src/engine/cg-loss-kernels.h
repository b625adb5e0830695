/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-loss-kernels.h: softplus, the shifted exponentials of a softmax row and a row's
 * maximum at one width, compiled per width by cg-loss.c through cg-simd-widths.h.
 */

#define EXP_V(x, out) EXP_VN (CG_VEC, CG_VECI, CG_VSELECT, x, out)

/* Elements [i, n) of softplus(sign · in). */
CG_KERNEL void
CG_SIMD_FN (softplus_range) (float       *out,
                             const float *in,
                             float        sign,
                             gsize        i,
                             gsize        n)
{
  for (; i + 16 <= n; i += 16)
    CG_FOR_VECS (k, 16)
      {
        CG_VEC x, a, e, l, zero = { 0 };
        CG_VECI magnitude = { 0 };

        magnitude += 0x7fffffff;
        CG_VLOAD (x, in + i + k * CG_W);
        x *= sign;
        a = (CG_VEC) ((CG_VECI) x & magnitude);
        a = -a;
        EXP_V (a, e);
        LOG1P_UNIT (e, l);
        x = CG_VSELECT (x > 0.0f, x, zero) + l;
        CG_VSTORE (out + i + k * CG_W, x);
      }
  for (; i < n; i++)
    out[i] = softplus_scalar (sign * in[i]);
}

/* out[i] = e^(z[i] − shift) for a shift ≥ every z[i]; returns Σ out in double. */
CG_KERNEL double
CG_SIMD_FN (exp_shifted) (float       *restrict out,
                          const float *restrict z,
                          float                 shift,
                          guint                 n)
{
  double sum = 0.0;
  guint i = 0;

  for (; i + 16 <= n; i += 16)
    CG_FOR_VECS (k, 16)
      {
        CG_VEC x, kf, r, q, scale, zero = { 0 };
        CG_VECI bits;

        CG_VLOAD (x, z + i + k * CG_W);
        x -= shift;
        kf = (x * EXP_LOG2E + EXP_ROUND) - EXP_ROUND;
        r = (x - kf * EXP_C1) - kf * EXP_C2;
        EXP_POLY (r, q);
        bits = (__builtin_convertvector (kf, CG_VECI) + 127) << 23;
        memcpy (&scale, &bits, sizeof scale);
        q = CG_VSELECT (x < EXP_MIN, zero, q * scale);
        CG_VSTORE (out + i + k * CG_W, q);
      }
  for (; i < n; i++)
    out[i] = exp_nonpositive (z[i] - shift);
  /* In order, in double: the normaliser of ~1700 terms. */
  for (i = 0; i < n; i++)
    sum += out[i];
  return sum;
}

/* The largest of z[0..n), −∞ for none; NaNs are passed over, as by the scalar rule
 * z > max ? z : max. Sixteen running maxima, then the largest of them: a maximum does not
 * depend on the order it is taken in, so this is the scalar loop's value (up to the sign of
 * a zero maximum, which no caller can tell apart: z − max and max + x are the same for
 * either), without its chain of dependent compares. */
CG_KERNEL float
CG_SIMD_FN (row_max) (const float *z,
                      guint        n)
{
  CG_VEC lanes[CG_PARTS], start = { 0 };
  float lane[16], max = -INFINITY;
  guint i = 0;

  start -= INFINITY;
  CG_FOR_VECS (k, 16)
    lanes[k] = start;
  for (; i + 16 <= n; i += 16)
    CG_FOR_VECS (k, 16)
      {
        CG_VEC x;

        CG_VLOAD (x, z + i + k * CG_W);
        lanes[k] = CG_VSELECT (x > lanes[k], x, lanes[k]);
      }
  memcpy (lane, lanes, sizeof lane);
  for (guint l = 0; l < 16; l++)
    max = lane[l] > max ? lane[l] : max;
  for (; i < n; i++)
    max = z[i] > max ? z[i] : max;
  return max;
}

#undef EXP_V
