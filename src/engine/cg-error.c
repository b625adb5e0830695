/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-error.c: the CG_ERROR quark.
 */
#include "cg-error.h"

G_DEFINE_QUARK (cg-error-quark, cg_error)
