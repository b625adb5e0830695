/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-team.c: the threads that share training's work (cg-team.h) and its products
 * (cg-gemm.h).
 *
 * A team runs every share of a loop exactly once whoever takes it, runs a loop started
 * inside a share on that thread alone, and belongs to the thread that entered it: scoring on
 * another thread while a training runs neither uses nor disturbs training's team, and the
 * training's results stay bit-identical. Every path of cg_gemm (our AVX-512 and AVX2
 * kernels where the CPU has them, and OpenBLAS) agrees with a plain triple loop for every
 * transposition and for sizes that are not multiples of the kernels' blocks, and both
 * kernels give exactly the floats of the same chains of fused multiply-adds.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cg-cgan.h"
#include "cg-gemm.h"
#include "cg-rng.h"
#include "cg-team.h"
#include "cg-test-util.h"
#include "cg-trainer.h"

/* ---- shares ---- */

typedef struct
{
  gint *runs;        /* (n_shares) times each share ran */
  gint  nested_ok;   /* shares whose inner loop ran inline */
} CountJob;

static void
count_inner_share (gpointer data,
                   guint    share)
{
  gint *calls = data;

  (*calls)++;
}

static void
count_share (gpointer data,
             guint    share)
{
  CountJob *job = data;
  gint calls = 0;

  g_atomic_int_inc (&job->runs[share]);
  /* A loop inside a share: on this thread, in order, no team. */
  cg_team_run (3, count_inner_share, &calls);
  if (calls == 3 && cg_team_get_current () == NULL && cg_team_size () == 1)
    g_atomic_int_inc (&job->nested_ok);
}

START_TEST (test_every_share_once)
{
  for (guint threads = 1; threads <= 4; threads++)
    {
      CgTeam *team = cg_team_new (threads);

      cg_team_enter (team);
      ck_assert_uint_eq (cg_team_size (), threads);
      ck_assert_uint_eq (cg_team_shares (2), threads > 1 ? 2 * threads : 1);
      /* Many jobs back to back: a helper that arrives late must never run a share of the
       * next job under the last one's count. */
      for (guint round = 0; round < 2000; round++)
        {
          guint n = 1 + round % 17;
          gint runs[17] = { 0 };
          CountJob job = { runs, 0 };

          cg_team_run (n, count_share, &job);
          for (guint s = 0; s < n; s++)
            ck_assert_msg (runs[s] == 1, "%u threads, round %u: share %u ran %d times",
                           threads, round, s, runs[s]);
          ck_assert_int_eq (job.nested_ok, (gint) n);
        }
      cg_team_leave ();
      ck_assert_ptr_null (cg_team_get_current ());
      cg_team_free (team);
    }
}
END_TEST

typedef struct
{
  float *out;
  const float *in;
} SquareJob;

static void
square_range (gpointer data,
              gsize    begin,
              gsize    end)
{
  const SquareJob *job = data;

  for (gsize i = begin; i < end; i++)
    job->out[i] = job->in[i] * job->in[i] + 1.0f;
}

START_TEST (test_for_covers_the_range)
{
  const gsize n = 10007;
  g_autofree float *in = g_new (float, n);
  g_autofree float *serial = g_new0 (float, n);
  g_autofree float *team_out = g_new0 (float, n);
  SquareJob job = { serial, in };
  CgTeam *team = cg_team_new (3);

  for (gsize i = 0; i < n; i++)
    in[i] = (float) i * 0.5f;
  /* Without a team: one call over everything, even when asked for parallel. */
  cg_team_for (TRUE, n, 8, 2, square_range, &job);
  cg_team_enter (team);
  job.out = team_out;
  cg_team_for (TRUE, n, 8, 2, square_range, &job);
  cg_team_leave ();
  cg_team_free (team);
  ck_assert_mem_eq (serial, team_out, n * sizeof (float));
  for (gsize i = 0; i < n; i++)
    ck_assert_float_eq (serial[i], in[i] * in[i] + 1.0f);
}
END_TEST

/* ---- products ---- */

/* c (M, N) = beta·c + op(a) · op(b), in double. */
static void
gemm_reference (gboolean     ta,
                gboolean     tb,
                guint        M,
                guint        N,
                guint        K,
                const float *a,
                guint        lda,
                const float *b,
                guint        ldb,
                float        beta,
                float       *c,
                guint        ldc)
{
  for (guint i = 0; i < M; i++)
    for (guint j = 0; j < N; j++)
      {
        double acc = beta != 0.0f ? c[(gsize) i * ldc + j] : 0.0;

        for (guint k = 0; k < K; k++)
          acc += (double) (ta ? a[(gsize) k * lda + i] : a[(gsize) i * lda + k])
                 * (tb ? b[(gsize) j * ldb + k] : b[(gsize) k * ldb + j]);
        c[(gsize) i * ldc + j] = (float) acc;
      }
}

/* c as our kernels make it, in float: each element one chain of fused multiply-adds over k
 * in order, restarted every 256 inner rows where the kernels cut K (a transposed op(B),
 * or 13–24 rows of op(A)), each chain added to c in turn; with at most 32 rows against a
 * wide transposed op(B) the chains are summed first and then added. */
static void
gemm_chains (gboolean     ta,
             gboolean     tb,
             guint        M,
             guint        N,
             guint        K,
             const float *a,
             guint        lda,
             const float *b,
             guint        ldb,
             float        beta,
             float       *c,
             guint        ldc)
{
  gboolean swapped = tb && M <= 32 && N > 2 * M;
  guint step = tb || (M > 12 && M <= 24) ? 256 : K;

  for (guint i = 0; i < M; i++)
    for (guint j = 0; j < N; j++)
      {
        float *cij = c + (gsize) i * ldc + j, sum = 0.0f;

        for (guint k0 = 0; k0 < K; k0 += step)
          {
            float acc = 0.0f;

            for (guint k = k0; k < MIN (K, k0 + step); k++)
              acc = fmaf (ta ? a[(gsize) k * lda + i] : a[(gsize) i * lda + k],
                          tb ? b[(gsize) j * ldb + k] : b[(gsize) k * ldb + j], acc);
            if (swapped)
              sum = k0 == 0 ? acc : sum + acc;
            else
              *cij = beta != 0.0f || k0 > 0 ? *cij + acc : acc;
          }
        if (swapped)
          *cij = beta != 0.0f ? *cij + sum : sum;
      }
}

static void
check_products (const char *kernel,
                gboolean    exact)
{
  /* Row and column counts around the kernel's blocks (12 rows, 32 columns, 256 deep), the
   * few-rows paths (M ≤ 32 against a wide transposed op(B), 13–24 rows against a deep one)
   * and the step's own shapes. */
  static const guint shapes[][3] = {
    { 1, 1, 1 }, { 3, 5, 7 }, { 12, 32, 64 }, { 13, 33, 65 }, { 22, 841, 256 },
    { 22, 256, 96 }, { 22, 40, 600 }, { 31, 100, 300 }, { 25, 64, 257 }, { 37, 16, 600 },
    { 100, 17, 3 },
    { 256, 64, 550 }, { 550, 256, 64 },
  };
  CgRng rng;

  cg_rng_seed (&rng, 11);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint form = 0; form < 8; form++)
      {
        guint M = shapes[s][0], N = shapes[s][1], K = shapes[s][2];
        gboolean ta = form & 1, tb = (form >> 1) & 1;
        float beta = (form >> 2) & 1 ? 1.0f : 0.0f;
        /* Strides wider than the matrices, as when a product writes part of a buffer. */
        guint lda = (ta ? M : K) + 3, ldb = (tb ? K : N) + 5, ldc = N + 7;
        gsize na = (gsize) (ta ? K : M) * lda, nb = (gsize) (tb ? N : K) * ldb;
        g_autofree float *a = g_new (float, na);
        g_autofree float *b = g_new (float, nb);
        g_autofree float *c = g_new (float, (gsize) M * ldc);
        g_autofree float *want = g_new (float, (gsize) M * ldc);
        g_autofree char *what = NULL;

        cg_rng_fill_uniform (&rng, a, na, 1.0f);
        cg_rng_fill_uniform (&rng, b, nb, 1.0f);
        cg_rng_fill_uniform (&rng, c, (gsize) M * ldc, 1.0f);
        memcpy (want, c, (gsize) M * ldc * sizeof (float));
        cg_gemm (ta, tb, M, N, K, a, lda, b, ldb, beta, c, ldc);
        what = g_strdup_printf ("%s %u×%u×%u ta %d tb %d beta %g", kernel, M, N, K, ta, tb,
                                beta);
        if (exact)
          {
            gemm_chains (ta, tb, M, N, K, a, lda, b, ldb, beta, want, ldc);
            ck_assert_msg (memcmp (c, want, (gsize) M * ldc * sizeof (float)) == 0,
                           "%s: not the chains' floats", what);
            continue;
          }
        gemm_reference (ta, tb, M, N, K, a, lda, b, ldb, beta, want, ldc);
        /* Sums of K products of numbers in ±1: float rounding grows like √K. */
        ck_assert_msg (cg_test_arrays_close (what, c, want, (gsize) M * ldc, 1e-5,
                                             2e-6 * sqrt ((double) K)),
                       "%s", what);
      }
}

START_TEST (test_products_match_reference)
{
  const char *best = cg_gemm_kernel ();

  check_products (best, FALSE);
  ck_assert (cg_gemm_use ("blas"));
  ck_assert_str_eq (cg_gemm_kernel (), "blas");
  check_products ("blas", FALSE);
  ck_assert (cg_gemm_use (NULL));
  ck_assert_str_eq (cg_gemm_kernel (), best);
  if (g_str_equal (best, "blas"))
    printf ("test-team: no AVX-512 or AVX2 on this CPU (or CINEGAN_KERNELS=blas): only the "
            "OpenBLAS path was checked\n");
}
END_TEST

/* Both kernels give the floats of the same chains, so a training's results do not depend
 * on which of them the CPU has. */
START_TEST (test_kernels_give_the_same_floats)
{
  static const char *const names[] = { "avx512", "avx2" };
  guint checked = 0;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    if (cg_gemm_use (names[k]))
      {
        ck_assert_str_eq (cg_gemm_kernel (), names[k]);
        check_products (names[k], TRUE);
        checked++;
      }
  ck_assert (!cg_gemm_use ("sse"));
  ck_assert (cg_gemm_use (NULL));
  if (checked < G_N_ELEMENTS (names))
    printf ("test-team: %u of the %u kernels run on this CPU; the others were not checked\n",
            checked, (guint) G_N_ELEMENTS (names));
}
END_TEST

/* ---- scoring beside a training ---- */

static char *tmp_dir;
static CgDataset *dataset;

static void
setup (void)
{
  CgSyntheticSpec spec;

  cg_synthetic_spec_init (&spec);
  spec.n_users = 120;
  spec.n_items = 60;
  spec.likes_per_user = 10;
  spec.seed = 3;
  dataset = cg_test_load_synthetic (&spec, &tmp_dir);
}

static void
teardown (void)
{
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* Wide enough that every kernel of a step splits across the team of two. */
static CgCganConfig
wide_config (void)
{
  CgCganConfig config;

  cg_cgan_config_init (&config);
  config.embed_dim = 16;
  config.noise_dim = 4;
  config.hidden_dim = 128;
  config.batch_size = 256;
  config.epochs = 3;
  config.threads = 2;
  config.seed = 9;
  return config;
}

typedef struct
{
  const CgCganConfig *config;
  CgCgan             *model;       /* out */
  GArray             *losses;      /* of double: every step's three losses */
  gint                finished;
} TrainJob;

static void
on_step_cb (const CgProgress *p,
            gpointer          user_data)
{
  TrainJob *job = user_data;

  if (p->kind != CG_PROGRESS_STEP)
    return;
  g_array_append_val (job->losses, p->loss_d);
  g_array_append_val (job->losses, p->loss_g);
  g_array_append_val (job->losses, p->loss_mle);
}

static gpointer
train_thread (gpointer user_data)
{
  TrainJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (dataset, job->config, &error);

  g_assert (trainer != NULL);
  if (!cg_trainer_run (trainer, on_step_cb, job, NULL, &error))
    g_error ("%s", error->message);
  job->model = cg_trainer_steal_model (trainer);
  g_atomic_int_set (&job->finished, TRUE);
  return NULL;
}

/* What the app does: training in a worker thread, the main thread scoring on its own model
 * meanwhile (rating a movie in the recommendations). Nothing is asserted until the training
 * thread has been joined (a failed check leaves the test at once, and the fixture would be
 * freed under the training). The scores made meanwhile are compared with want: bit for bit
 * with our kernel; through OpenBLAS, which runs on one thread while a training runs and may
 * have others before, to float rounding. */
static void
train_in_thread (TrainJob    *job,
                 CgCgan      *scoring_model,
                 float       *scores,
                 const float *want,
                 guint       *n_scored,
                 guint       *n_off)
{
  GThread *thread;
  guint U = dataset->n_users, I = dataset->n_items;
  gsize n = (gsize) U * I;
  gboolean exact = !g_str_equal (cg_gemm_kernel (), "blas");
  g_autofree guint32 *users = g_new (guint32, U);
  guint with_team = 0;

  for (guint u = 0; u < U; u++)
    users[u] = u;
  job->losses = g_array_new (FALSE, FALSE, sizeof (double));
  job->finished = FALSE;
  thread = g_thread_new ("training", train_thread, job);
  *n_scored = 0;
  *n_off = 0;
  while (scoring_model != NULL && !g_atomic_int_get (&job->finished))
    {
      /* No team here: scoring runs on this thread and never waits for training's. */
      with_team += cg_team_size () != 1;
      cg_cgan_score_users (scoring_model, dataset->train_pos, scores, users, U, 77);
      for (gsize i = 0; i < n; i++)
        if (exact ? scores[i] != want[i]
                  : fabsf (scores[i] - want[i]) > 1e-5f * (1.0f + fabsf (want[i])))
          {
            (*n_off)++;
            break;
          }
      (*n_scored)++;
    }
  g_thread_join (thread);
  ck_assert_uint_eq (with_team, 0);
}

START_TEST (test_scoring_beside_training)
{
  CgCganConfig config = wide_config ();
  TrainJob alone = { &config, NULL, NULL, 0 }, beside = { &config, NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCgan) scoring_model = cg_cgan_new (&config, dataset->n_users,
                                                  dataset->n_items, &error);
  gsize n_scores = (gsize) dataset->n_users * dataset->n_items;
  g_autofree float *scores = g_new (float, n_scores);
  g_autofree float *before = g_new (float, n_scores);
  g_autofree guint32 *users = g_new (guint32, dataset->n_users);
  guint n_scored = 0, n_off = 0;

  ck_assert_msg (scoring_model != NULL, "%s", error ? error->message : "");
  for (guint u = 0; u < dataset->n_users; u++)
    users[u] = u;
  cg_cgan_score_users (scoring_model, dataset->train_pos, before, users, dataset->n_users, 77);

  train_in_thread (&alone, NULL, NULL, NULL, &n_scored, &n_off);
  train_in_thread (&beside, scoring_model, scores, before, &n_scored, &n_off);
  ck_assert_uint_gt (n_scored, 0);
  /* And the scores made meanwhile are those of scoring alone. */
  ck_assert_msg (n_off == 0, "%u of %u scorings beside the training differ", n_off, n_scored);

  /* Training's losses and parameters, bit for bit. */
  ck_assert_uint_eq (alone.losses->len, beside.losses->len);
  ck_assert_mem_eq (alone.losses->data, beside.losses->data,
                    alone.losses->len * sizeof (double));
  for (guint t = 0; t < cg_cgan_n_tensors (alone.model); t++)
    {
      guint rows, cols;
      const char *name;
      float *a = cg_cgan_tensor (alone.model, t, &name, &rows, &cols);
      float *b = cg_cgan_tensor (beside.model, t, NULL, NULL, NULL);

      ck_assert_msg (memcmp (a, b, (gsize) rows * cols * sizeof (float)) == 0,
                     "tensor %s differs", name);
    }

  g_array_unref (alone.losses);
  g_array_unref (beside.losses);
  cg_cgan_free (alone.model);
  cg_cgan_free (beside.model);
}
END_TEST

static Suite *
team_suite (void)
{
  Suite *s = suite_create ("team");
  TCase *tc = tcase_create ("shares");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_every_share_once);
  tcase_add_test (tc, test_for_covers_the_range);
  suite_add_tcase (s, tc);

  tc = tcase_create ("products");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_products_match_reference);
  tcase_add_test (tc, test_kernels_give_the_same_floats);
  suite_add_tcase (s, tc);

  tc = tcase_create ("scoring beside training");
  tcase_set_timeout (tc, 300);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_scoring_beside_training);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (team_suite ());
}
