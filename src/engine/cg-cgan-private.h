/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-cgan-private.h: the inside of a CgCgan, shared by cg-cgan.c and the trainer's
 * files (cg-trainer.c, cg-trainer-diagnostics.c) only.
 *
 * The model owns one float buffer per network; params views point into it. The trainer
 * binds its gradient and Adam buffers with the same layout.
 */
#pragma once

#include "cg-cgan.h"
#include "cg-discriminator.h"
#include "cg-generator.h"

G_BEGIN_DECLS

#define CG_CGAN_MAX_TENSORS 16

typedef struct
{
  const char *name;
  float      *data;
  guint       rows, cols;
} CgTensorInfo;

struct _CgCgan
{
  CgCganConfig  config;
  guint         n_users;
  guint         n_items;

  CgGenDims     gdims;
  float        *g_buf;        /* (g_n) every parameter of G */
  gsize         g_n;
  CgGenParams   g;            /* views into g_buf */

  CgDiscDims    ddims;
  float        *d_buf;        /* (d_n) every parameter of D */
  gsize         d_n;
  CgDiscParams  d;            /* views into d_buf */

  CgTensorInfo  tensors[CG_CGAN_MAX_TENSORS];
  guint         n_tensors;

  GArray       *history;      /* of CgEpochRecord */

  /* Scoring scratch, allocated on first use (never copied). */
  CgGenActs     score_acts;   /* (score_chunk · noise_draws) rows */
  float        *score_noise;  /* (score_chunk · noise_draws, Z) */
  float        *score_hmean;  /* (score_chunk, H) */
  guint         score_chunk;
};

G_END_DECLS
