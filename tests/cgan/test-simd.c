/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-simd.c: the 16-lane kernels give the same bits at every width this machine runs.
 *
 * The kernels are compiled per width (cg-simd-widths.h) and promise that every width rounds
 * alike, so that a model trains the same on every machine. The check runs the layers in the
 * portable path (16 wide), then in every faster one the machine has (8 wide under AVX2, 16
 * under AVX-512), and compares the outputs byte for byte. The sizes leave vector tails: a
 * bag of 85 columns is one block of 64, one chunk of 16 and 5 scalars, D's 37 hidden units
 * two chunks and 5 scalars, its 70 items a block of 64 and a part.
 */
#include <string.h>

#include "cg-discriminator.h"
#include "cg-embedding.h"
#include "cg-loss.h"
#include "cg-rng.h"
#include "cg-simd.h"
#include "cg-test-util.h"

#define E  85
#define B  3
#define TR 7     /* table rows */
#define SI 53    /* softmax items */
#define DU 5
#define DI 70
#define DE 4
#define DH 37
#define DN 9

static void
fill (float *x,
      gsize  n,
      CgRng *rng)
{
  for (gsize i = 0; i < n; i++)
    x[i] = 2.0f * cg_rng_uniform_float (rng) - 1.0f;
}

/* Every output of the layers under test, at one width. */
typedef struct
{
  float d_table[TR * E];     /* embedding and bag gradients, accumulated */
  float bag[B * E];
  float softplus[SI * B];
  float probs[B * SI], lse[B];
  float logits[DN];
  float all[DU * DI];
  float *d_disc;             /* D's gradient */
} Outputs;

static const guint32 rows[B] = { 4, 1, 4 };
static const guint32 offsets[B + 1] = { 0, 3, 3, 7 };
static const guint32 items[7] = { 2, 6, 2, 0, 5, 1, 3 };
static const guint32 pair_users[DN] = { 0, 3, 1, 0, 4, 2, 3, 3, 1 };
static const guint32 pair_items[DN] = { 69, 0, 17, 69, 33, 64, 0, 5, 16 };
static const guint32 users[DU] = { 2, 0, 4, 1, 3 };

static void
run_layers (Outputs *o,
            guint    seed)
{
  CgDiscDims dims = { DU, DI, DE, DH };
  gsize n = cg_discriminator_n_params (&dims);
  g_autofree float *params = g_new (float, n);
  float table[TR * E], d_out[B * E], z[B * SI], d_logits[DN];
  CgDiscParams views, grads;
  CgDiscActs acts;
  CgDiscAllItems ws;
  CgRng rng;

  cg_rng_seed (&rng, seed);
  fill (table, G_N_ELEMENTS (table), &rng);
  fill (d_out, G_N_ELEMENTS (d_out), &rng);
  fill (z, G_N_ELEMENTS (z), &rng);
  fill (d_logits, DN, &rng);
  for (guint i = 0; i < G_N_ELEMENTS (z); i++)
    z[i] *= 30.0f;  /* some exponentials flush to 0 */

  memset (o->d_table, 0, sizeof o->d_table);
  cg_embedding_backward (o->d_table, d_out, rows, B, E);
  cg_bag_backward (o->d_table, d_out, offsets, items, B, E);
  cg_bag_forward (o->bag, table, offsets, items, B, E);
  cg_softplus_forward (o->softplus, z, -1.0f, G_N_ELEMENTS (o->softplus));
  cg_softmax_forward (o->probs, o->lse, z, B, SI);

  cg_discriminator_bind (&views, params, &dims);
  cg_discriminator_init (&views, &dims, &rng);
  o->d_disc = g_new0 (float, n);
  cg_discriminator_bind (&grads, o->d_disc, &dims);
  cg_disc_acts_init (&acts, &dims, DN);
  cg_discriminator_forward (&acts, &views, &dims, pair_users, pair_items, DN);
  memcpy (o->logits, acts.logits, sizeof o->logits);
  cg_discriminator_backward (&grads, &acts, &views, &dims, d_logits, pair_users, pair_items,
                             DN);
  cg_disc_all_items_init (&ws, &dims, DU);
  cg_discriminator_prepare_items (&ws, &views, &dims);
  cg_discriminator_all_items (o->all, &ws, &views, &dims, users, DU);
  cg_disc_all_items_clear (&ws);
  cg_disc_acts_clear (&acts);
}

static void
assert_same (const char  *what,
             const void  *a,
             const void  *b,
             gsize        size,
             CgSimdLevel  level)
{
  ck_assert_msg (memcmp (a, b, size) == 0, "%s: level %d differs from the portable path",
                 what, level);
}

START_TEST (test_widths_agree)
{
  static Outputs ref, out;
  gsize n_disc = cg_discriminator_n_params (&(CgDiscDims) { DU, DI, DE, DH });
  CgSimdLevel top = cg_simd_level ();

  cg_simd_set_level (CG_SIMD_PORTABLE);
  run_layers (&ref, 29);
  for (CgSimdLevel level = CG_SIMD_AVX2; level <= top; level++)
    {
      cg_simd_set_level (level);
      ck_assert_int_eq (cg_simd_level (), level);
      run_layers (&out, 29);
      assert_same ("embedding and bag backward", ref.d_table, out.d_table,
                   sizeof ref.d_table, level);
      assert_same ("bag forward", ref.bag, out.bag, sizeof ref.bag, level);
      assert_same ("softplus", ref.softplus, out.softplus, sizeof ref.softplus, level);
      assert_same ("softmax", ref.probs, out.probs, sizeof ref.probs, level);
      assert_same ("softmax lse", ref.lse, out.lse, sizeof ref.lse, level);
      assert_same ("D on pairs", ref.logits, out.logits, sizeof ref.logits, level);
      assert_same ("D's backward", ref.d_disc, out.d_disc, n_disc * sizeof (float), level);
      assert_same ("D over all items", ref.all, out.all, sizeof ref.all, level);
      g_free (out.d_disc);
    }
  g_free (ref.d_disc);
  cg_simd_set_level (top);
}
END_TEST

static Suite *
simd_suite (void)
{
  Suite *suite = suite_create ("simd");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_widths_agree);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (simd_suite ());
}
