/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-error.h: the one error domain of the Cinegan engine.
 *
 * Every fallible engine function takes a GError ** last and fills it with a CG_ERROR
 * (or a GFileError/GIOError passed through with context prefixed), so callers —
 * the CLI and the app — can show the message as is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_ERROR (cg_error_quark ())

typedef enum
{
  CG_ERROR_PARSE,      /* a malformed line or field; the message carries file:line */
  CG_ERROR_IO,         /* reading or writing failed */
  CG_ERROR_FORMAT,     /* a binary file is not what it claims (magic, checksum, shape) */
  CG_ERROR_VERSION,    /* a file format version this build does not read */
  CG_ERROR_MISMATCH,   /* two inputs disagree (model vs dataset, train vs test) */
  CG_ERROR_DIVERGED,   /* training produced NaN or Inf */
  CG_ERROR_INVALID,    /* an argument or setting out of range */
  CG_ERROR_NOT_FOUND,  /* a dataset, user or item that does not exist */
  CG_ERROR_READ_ONLY,  /* a file to replace is read-only: ask before replacing it */
} CgError;

GQuark cg_error_quark (void);

G_END_DECLS
