/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-activations.h: element-wise activations, forward/backward pairs.
 *
 * Every function works on n contiguous floats. Backward ACCUMULATES into d_in, like every
 * backward of the engine. out may alias in for the forwards.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void cg_relu_forward        (float *out, const float *in, gsize n);
/* in is the forward's input (its sign picks the slope). */
void cg_relu_backward       (float *d_in, const float *d_out, const float *in, gsize n);

void cg_leaky_relu_forward  (float *out, const float *in, float slope, gsize n);
void cg_leaky_relu_backward (float *d_in, const float *d_out, const float *in, float slope,
                             gsize n);

void cg_tanh_forward        (float *out, const float *in, gsize n);
/* out is the forward's output: tanh' = 1 - out². */
void cg_tanh_backward       (float *d_in, const float *d_out, const float *out, gsize n);

G_END_DECLS
