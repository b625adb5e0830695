/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-file-reader.h: reading a big data file in blocks of whole lines.
 *
 * Big files (ML-32M's ratings.csv is 877 MB) are read in blocks that end on a line break,
 * so a parser walks them with memory for one block instead of the whole file. The file is
 * opened as cg_file_read opens it (cg-file.h: regular files only, never blocking), and
 * errors name it the same way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The block size, and so the longest line (a ratings line is about 30 bytes). */
#define CG_FILE_READER_BLOCK (4u << 20)

typedef struct _CgFileReader CgFileReader;

CgFileReader *cg_file_reader_open  (const char *path, GError **error);
/* The next block: whole lines, each ending in "\n" except perhaps the file's last.
 * *text stays valid until the next call. FALSE at the end of the file, and on an error
 * (then *error is set). */
gboolean      cg_file_reader_next  (CgFileReader *reader, const char **text, gsize *len,
                                    GError **error);
/* The file's size in bytes, from fstat. */
guint64       cg_file_reader_size  (CgFileReader *reader);
void          cg_file_reader_free  (CgFileReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgFileReader, cg_file_reader_free)

G_END_DECLS
