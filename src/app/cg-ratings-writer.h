/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-writer.h: the ratings store's disk, on a thread of its own.
 *
 * The store changes its table on the main thread and hands each change here; a worker
 * thread appends the changes that piled up since its last write, in one write and one
 * fdatasync, so clicks never wait for the disk and a burst of them costs one write.
 * Whole-file rewrites (compaction, repair, a retry after a failure) go the same way. After
 * each write it posts a report to the store's main context: how far the file is up to date
 * (a sequence number the store gave its changes) and, if the last write failed, why.
 *
 * After a failed write no more lines are appended until a rewrite succeeds: appending later
 * changes after lost ones would leave a file that reads as a state the person never saw.
 *
 * Private to the store.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CgRatingsWriter CgRatingsWriter;

/* Called in context (the store's main context) after writes; the state is read with
 * cg_ratings_writer_get_state. */
typedef void (*CgRatingsWriterFunc) (gpointer user_data);

CgRatingsWriter *cg_ratings_writer_new       (const char *path, GMainContext *context,
                                              CgRatingsWriterFunc report, gpointer user_data);
/* Stops the thread after it has written what it was given. */
void             cg_ratings_writer_free      (CgRatingsWriter *writer);

/* Queues one change (rating 0 clears), the store's change number seq; changes to the same
 * movie before the worker gets to them are coalesced. */
void             cg_ratings_writer_append    (CgRatingsWriter *writer, guint32 movie_id,
                                              guint rating, guint32 timestamp, guint64 seq);
/* Queues a rewrite of the whole file with text (taken), which holds every change up to
 * seq; changes queued before it are dropped, as text holds them. */
void             cg_ratings_writer_rewrite   (CgRatingsWriter *writer, char *text, gsize len,
                                              guint64 seq);
/* Blocks until everything queued is written or has failed. */
void             cg_ratings_writer_wait      (CgRatingsWriter *writer);
/* Every change up to *written_seq is on disk; *problem (newly allocated) says why the
 * last write failed, NULL when it did not. */
void             cg_ratings_writer_get_state (CgRatingsWriter *writer, guint64 *written_seq,
                                              char **problem);

G_END_DECLS
