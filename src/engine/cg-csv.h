/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-csv.h: RFC 4180 records, as in the CSV releases' movies.csv.
 *
 * Fields are separated by commas and records by LF or CRLF. A field that starts with a
 * double quote runs to the matching closing quote, may hold commas and line breaks, and
 * writes a quote as two: "Dr. Strangelove or: How I Learned to Stop Worrying and Love the
 * Bomb (1964)", """Great Performances"" Cats (1998)". A quote anywhere else, or text after
 * a closing quote, is an error. Unquoted fields point into the input; unquoted copies of
 * quoted ones live in the reader's scratch buffer until the next record. The writer quotes
 * exactly the fields that need it, so what it writes reads back field for field.
 */
#pragma once

#include <glib.h>

#include "cg-lines.h"

G_BEGIN_DECLS

typedef enum
{
  CG_CSV_RECORD,        /* a record was read */
  CG_CSV_END,           /* no more input */
  CG_CSV_STRAY_QUOTE,   /* a quote inside an unquoted field, or text after a closing one */
  CG_CSV_UNTERMINATED,  /* a quoted field still open at the end of the input */
} CgCsvStatus;

typedef struct
{
  const char *pos;
  const char *end;
  guint       line_no;     /* of the last line consumed, 1-based */
  guint       record_line; /* where the record last returned starts */
  GString    *scratch;
} CgCsvReader;

void        cg_csv_reader_init  (CgCsvReader *reader, const char *text, gsize len);
void        cg_csv_reader_clear (CgCsvReader *reader);
/* Fills fields[0..max) and *n_fields with the record's field count (which may exceed max).
 * A blank line is a record of one empty field. */
CgCsvStatus cg_csv_reader_next  (CgCsvReader *reader, CgField *fields, guint max,
                                 guint *n_fields);

/* Appends field to out as the reader reads it back: as it is, or quoted (quotes doubled)
 * when it holds a comma, a quote or a line break, or starts or ends with a space. */
void        cg_csv_append_field (GString *out, const char *field);

G_END_DECLS
