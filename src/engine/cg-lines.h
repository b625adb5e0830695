/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-lines.h: the small text-scanning kit the MovieLens parsers share.
 *
 * MovieLens files are line-oriented with one separator per file. These helpers walk lines
 * of an in-memory buffer (LF or CRLF, final newline optional), split them into fields
 * without copying, and parse unsigned numbers strictly — so every parser reports errors the
 * same way: "file:line: what was expected".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *pos;
  const char *end;
  guint       line_no;   /* of the line last returned, 1-based */
} CgLineReader;

typedef struct
{
  const char *text;
  gsize       len;
} CgField;

void     cg_line_reader_init (CgLineReader *reader, const char *text, gsize len);
/* Next line without its "\n" or "\r\n"; FALSE at the end. */
gboolean cg_line_reader_next (CgLineReader *reader, const char **line, gsize *len);

/* Splits line at sep into fields[0..max); returns the number of fields in the line (which
 * may exceed max: then only the first max are filled). */
guint    cg_fields_split     (const char *line, gsize len, char sep, CgField *fields, guint max);
/* The same for a separator of several characters, such as ML-1M's "::". */
guint    cg_fields_split_str (const char *line, gsize len, const char *sep, CgField *fields,
                              guint max);
/* Strict: decimal digits only, no sign, no spaces, no overflow past max. */
gboolean cg_field_parse_uint (const CgField *field, guint64 max, guint64 *out);
/* A printable copy of a field for error messages (truncated, control bytes escaped). */
char    *cg_field_describe   (const CgField *field);

G_END_DECLS
