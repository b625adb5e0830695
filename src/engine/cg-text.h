/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-text.h: numbers and strings in the text files Cinegan writes for itself.
 *
 * Doubles are written in the C locale in the shortest form that reads back to the same
 * bits, so a value survives a save and a load exactly. Strings that go on one line of a
 * "key value" file are escaped so that a newline in a run's name, say, cannot start a line
 * of its own.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shortest %g form that g_ascii_strtod reads back to exactly v ("0.3", "1e-05"),
 * written to buf (G_ASCII_DTOSTR_BUF_SIZE bytes); returns buf. */
char     *cg_text_format_double (char *buf, double v);

/* Backslash, newline, carriage return, tab and other control characters as escapes
 * (\\, \n, \r, \t, \xHH); everything else, UTF-8 included, as it is. Newly allocated. */
char     *cg_text_escape        (const char *text);
/* The inverse of cg_text_escape over len bytes; NULL for a malformed escape. */
char     *cg_text_unescape      (const char *text, gsize len);

G_END_DECLS
