/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-model-file.c: libFuzzer harness for the .cgan loader (cg_model_file_load_bytes).
 *
 * Each input is loaded twice. First as is, which exercises the header: magic, version,
 * flags, length and the SHA-256 check. Then with the length and checksum fields rewritten
 * to fit the mutated bytes, because a random mutation almost never keeps a SHA-256 valid
 * and everything behind the checksum (the GVariant payload and every field check) would
 * otherwise go unfuzzed. An accepted file must give a usable model: it is scored, so a
 * file that passes validation but breaks the engine shows up too.
 *
 * GLib criticals and warnings are made fatal: a g_return_if_fail reached from a file is a
 * validation gap. Run through tests/fuzz/run-fuzz.sh, which builds with
 * -fsanitize=fuzzer,address,undefined.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "cg-error.h"
#include "cg-model-file.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* Uses a model the loader accepted the way the CLI and the app would. */
static void
exercise (CgModelFile *file)
{
  g_autofree char *described = cg_model_file_describe_dataset (file);
  g_autoptr(CgUserItems) history = NULL;
  g_autofree float *scores = NULL;
  guint32 users[2] = { 0, file->n_users - 1 }, liked[2] = { 0, 0 };

  g_assert (file->model != NULL);
  g_assert (cg_cgan_get_n_users (file->model) == file->n_users);
  g_assert (cg_cgan_get_n_items (file->model) == file->n_items);
  g_assert (described != NULL);

  /* One liked item for the first and last users, the shape of a real training set. */
  history = cg_user_items_new_from_pairs (file->n_users, file->n_items, users, liked, 2);
  scores = g_new (float, file->n_items);
  cg_cgan_score_users (file->model, history, scores, &users[1], 1, 7);
  if (cg_cgan_get_config (file->model)->user_mode == CG_USER_EMBEDDING_HISTORY)
    g_assert (cg_cgan_score_history (file->model, liked, 1, scores, 7, NULL));
}

static void
load (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load_bytes (bytes, "fuzz.cgan", &error);

  if (file == NULL)
    {
      /* Every refusal is a proper CG_ERROR with a message. */
      g_assert (error != NULL && error->domain == CG_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
      return;
    }
  g_assert (error == NULL);
  exercise (file);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) as_is = g_bytes_new_static (data, size);

  load (as_is);

  if (size >= CG_MODEL_FILE_HEADER_SIZE)
    {
      guint8 *fixed = g_memdup2 (data, size);
      guint64 payload_len = size - CG_MODEL_FILE_HEADER_SIZE;
      GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);
      gsize digest_len = 32;
      g_autoptr(GBytes) bytes = NULL;

      /* Length (offset 16, LE) and SHA-256 of bytes 0..23 + payload (offset 24). */
      for (guint i = 0; i < 8; i++)
        fixed[16 + i] = (payload_len >> (8 * i)) & 0xff;
      g_checksum_update (checksum, fixed, 24);
      g_checksum_update (checksum, fixed + CG_MODEL_FILE_HEADER_SIZE, payload_len);
      g_checksum_get_digest (checksum, fixed + 24, &digest_len);
      g_checksum_free (checksum);
      bytes = g_bytes_new_take (fixed, size);
      load (bytes);
    }
  return 0;
}
