/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-run-index.c: the runs index and its file.
 *
 * The file, UTF-8, LF line ends:
 *
 *   Cinegan runs 1
 *
 *   run 20261203T113012Z-1a2b3c4d
 *   name Adversarial weight 0.3
 *   created 1796297412
 *   seconds 41.25
 *   outcome finished            (cancelled, failed)
 *   dataset /home/me/ml-100k    (optional, as are split, you and model)
 *   split u1
 *   you 1
 *   model /home/me/adv.cgan
 *   setting adv-weight 0.3      (one per setting, value as cg_cgan_config_get gives it)
 *   columns loss_d loss_g ndcg …
 *   epoch 1 0.69 1.31 -         (one value per column; "-" not measured)
 *   end 6f1c…                   (SHA-256 of the block's lines above, each with its LF)
 *
 * Text values are escaped by cg_text_escape, doubles written in their shortest exact form.
 * A block whose checksum or content does not hold is damaged; so is any other line outside
 * a block.
 */
#include "cg-run-index.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cg-epoch-fields.h"
#include "cg-error.h"
#include "cg-file.h"
#include "cg-lines.h"
#include "cg-text.h"

#define HEADER         "Cinegan runs "
#define FORMAT_VERSION 1

/* Bounds on what a file may ask for, far above any real index. */
#define MAX_FILE_SIZE  (G_GUINT64_CONSTANT (256) << 20)
#define MAX_TEXT       16384
#define MAX_SETTINGS   256
#define MAX_COLUMNS    64
#define MAX_EPOCHS     (1u << 20)

struct _CgRunIndex
{
  char      *path;      /* NULL: memory only */
  GPtrArray *runs;      /* of CgRun, oldest first */
  char      *recovery;
};

static const char *const outcome_names[] = { "finished", "cancelled", "failed" };

/* ---- runs ---- */

static char *
new_run_id (gint64 created)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (created);
  g_autofree char *stamp = g_date_time_format (when, "%Y%m%dT%H%M%SZ");

  return g_strdup_printf ("%s-%08x", stamp, g_random_int ());
}

CgRun *
cg_run_new (const char         *name,
            const CgCganConfig *config)
{
  CgRun *run;
  guint n_fields;
  const CgConfigField *fields = cg_cgan_config_fields (&n_fields);

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (config != NULL, NULL);

  run = g_new0 (CgRun, 1);
  run->created = g_get_real_time () / G_USEC_PER_SEC;
  run->id = new_run_id (run->created);
  run->name = g_strdup (name);
  run->outcome = CG_RUN_FINISHED;
  run->settings = g_new0 (char *, n_fields + 1);
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *value = cg_cgan_config_get (config, fields[f].name);

      run->settings[f] = g_strdup_printf ("%s=%s", fields[f].name, value);
    }
  run->history = g_array_new (FALSE, FALSE, sizeof (CgEpochRecord));
  return run;
}

CgRun *
cg_run_copy (const CgRun *run)
{
  CgRun *copy;

  g_return_val_if_fail (run != NULL, NULL);

  copy = g_new0 (CgRun, 1);
  *copy = *run;
  copy->id = g_strdup (run->id);
  copy->name = g_strdup (run->name);
  copy->dataset = g_strdup (run->dataset);
  copy->split = g_strdup (run->split);
  copy->settings = g_strdupv (run->settings);
  copy->history = g_array_copy (run->history);
  copy->model_path = g_strdup (run->model_path);
  return copy;
}

void
cg_run_free (CgRun *run)
{
  if (run == NULL)
    return;
  g_free (run->id);
  g_free (run->name);
  g_free (run->dataset);
  g_free (run->split);
  g_strfreev (run->settings);
  g_array_unref (run->history);
  g_free (run->model_path);
  g_free (run);
}

const char *
cg_run_get_setting (const CgRun *run,
                    const char  *name)
{
  gsize len;

  g_return_val_if_fail (run != NULL && name != NULL, NULL);

  len = strlen (name);
  for (char **s = run->settings; s != NULL && *s != NULL; s++)
    if (strncmp (*s, name, len) == 0 && (*s)[len] == '=')
      return *s + len + 1;
  return NULL;
}

gboolean
cg_run_get_config (const CgRun  *run,
                   CgCganConfig *config,
                   GError      **error)
{
  guint n_fields;
  const CgConfigField *fields = cg_cgan_config_fields (&n_fields);

  g_return_val_if_fail (run != NULL && config != NULL, FALSE);

  cg_cgan_config_init (config);
  for (guint f = 0; f < n_fields; f++)
    {
      const char *value = cg_run_get_setting (run, fields[f].name);

      if (value != NULL && !cg_cgan_config_set (config, fields[f].name, value, error))
        {
          g_prefix_error (error, "Run “%s”: ", run->name);
          return FALSE;
        }
    }
  return cg_cgan_config_validate (config, error);
}

void
cg_run_set_history (CgRun               *run,
                    const CgEpochRecord *records,
                    guint                n_records)
{
  g_return_if_fail (run != NULL);
  g_return_if_fail (records != NULL || n_records == 0);

  g_array_set_size (run->history, 0);
  g_array_append_vals (run->history, records, n_records);
}

const CgEpochRecord *
cg_run_get_final (const CgRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  if (run->history->len == 0)
    return NULL;
  return &g_array_index (run->history, CgEpochRecord, run->history->len - 1);
}

double
cg_run_get_best (const CgRun *run,
                 const char  *field,
                 guint       *epoch)
{
  const CgEpochField *f;
  double best = NAN;

  g_return_val_if_fail (run != NULL && field != NULL, NAN);

  if (epoch != NULL)
    *epoch = 0;
  f = cg_epoch_field_find (field);
  g_return_val_if_fail (f != NULL, NAN);
  for (guint r = 0; r < run->history->len; r++)
    {
      const CgEpochRecord *record = &g_array_index (run->history, CgEpochRecord, r);
      double v = cg_epoch_record_get (record, f);

      if (!isnan (v) && (isnan (best) || v > best))
        {
          best = v;
          if (epoch != NULL)
            *epoch = record->epoch;
        }
    }
  return best;
}

char *
cg_run_describe_settings (const CgRun *run)
{
  CgCganConfig defaults;
  guint n_fields;
  const CgConfigField *fields = cg_cgan_config_fields (&n_fields);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (run != NULL, NULL);

  cg_cgan_config_init (&defaults);
  for (guint f = 0; f < n_fields; f++)
    {
      const char *value = cg_run_get_setting (run, fields[f].name);
      g_autofree char *standard = NULL;

      if (value == NULL || strcmp (fields[f].name, "threads") == 0)
        continue;
      standard = cg_cgan_config_get (&defaults, fields[f].name);
      if (strcmp (value, standard) == 0)
        continue;
      g_string_append_printf (out, "%s%s %s", out->len > 0 ? " · " : "", fields[f].name,
                              value);
    }
  return g_string_free (out, FALSE);
}

static gboolean
setting_differs (CgRun *const *runs,
                 guint         n_runs,
                 const char   *name)
{
  const char *first = cg_run_get_setting (runs[0], name);

  for (guint r = 1; r < n_runs; r++)
    if (g_strcmp0 (first, cg_run_get_setting (runs[r], name)) != 0)
      return TRUE;
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

char **
cg_runs_differing_settings (CgRun *const *runs,
                            guint         n_runs)
{
  guint n_fields;
  const CgConfigField *fields = cg_cgan_config_fields (&n_fields);
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (runs != NULL || n_runs == 0, NULL);

  for (guint f = 0; f < n_fields && n_runs > 0; f++)
    if (setting_differs (runs, n_runs, fields[f].name))
      g_ptr_array_add (names, g_strdup (fields[f].name));
  /* Settings this build does not know, from a later version's runs. */
  for (guint r = 0; r < n_runs; r++)
    for (char **s = runs[r]->settings; s != NULL && *s != NULL; s++)
      {
        g_autofree char *name = g_strndup (*s, strcspn (*s, "="));
        gboolean known = FALSE;

        for (guint f = 0; f < n_fields && !known; f++)
          known = strcmp (fields[f].name, name) == 0;
        for (guint k = 0; k < others->len && !known; k++)
          known = strcmp (others->pdata[k], name) == 0;
        if (!known && setting_differs (runs, n_runs, name))
          g_ptr_array_add (others, g_steal_pointer (&name));
      }
  g_ptr_array_sort (others, compare_strings);
  for (guint k = 0; k < others->len; k++)
    g_ptr_array_add (names, g_strdup (others->pdata[k]));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* ---- the index ---- */

CgRunIndex *
cg_run_index_new (const char *path)
{
  CgRunIndex *index = g_new0 (CgRunIndex, 1);

  index->path = g_strdup (path);
  index->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_run_free);
  return index;
}

void
cg_run_index_free (CgRunIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->path);
  g_ptr_array_unref (index->runs);
  g_free (index->recovery);
  g_free (index);
}

const char *
cg_run_index_get_path (CgRunIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);
  return index->path;
}

const char *
cg_run_index_get_recovery (CgRunIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);
  return index->recovery;
}

guint
cg_run_index_get_n_runs (CgRunIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->runs->len;
}

const CgRun *
cg_run_index_get_run (CgRunIndex *index,
                      guint       i)
{
  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (i < index->runs->len, NULL);
  return index->runs->pdata[i];
}

static CgRun *
find_run (CgRunIndex *index,
          const char *id,
          guint      *position)
{
  for (guint i = 0; i < index->runs->len; i++)
    {
      CgRun *run = index->runs->pdata[i];

      if (strcmp (run->id, id) == 0)
        {
          if (position != NULL)
            *position = i;
          return run;
        }
    }
  return NULL;
}

const CgRun *
cg_run_index_find (CgRunIndex *index,
                   const char *id)
{
  g_return_val_if_fail (index != NULL && id != NULL, NULL);
  return find_run (index, id, NULL);
}

void
cg_run_index_add (CgRunIndex *index,
                  CgRun      *run)
{
  g_return_if_fail (index != NULL && run != NULL);
  g_return_if_fail (find_run (index, run->id, NULL) == NULL);

  g_ptr_array_add (index->runs, run);
}

void
cg_run_index_insert (CgRunIndex *index,
                     CgRun      *run,
                     guint       position)
{
  g_return_if_fail (index != NULL && run != NULL);
  g_return_if_fail (find_run (index, run->id, NULL) == NULL);

  g_ptr_array_insert (index->runs, MIN (position, index->runs->len), run);
}

gboolean
cg_run_index_remove (CgRunIndex *index,
                     const char *id)
{
  guint position;

  g_return_val_if_fail (index != NULL && id != NULL, FALSE);

  if (find_run (index, id, &position) == NULL)
    return FALSE;
  g_ptr_array_remove_index (index->runs, position);
  return TRUE;
}

gboolean
cg_run_index_rename (CgRunIndex *index,
                     const char *id,
                     const char *name)
{
  CgRun *run;

  g_return_val_if_fail (index != NULL && id != NULL && name != NULL, FALSE);

  if (*name == '\0')
    return FALSE;
  run = find_run (index, id, NULL);
  if (run == NULL)
    return FALSE;
  g_free (run->name);
  run->name = g_strdup (name);
  return TRUE;
}

gboolean
cg_run_index_set_model (CgRunIndex *index,
                        const char *id,
                        const char *model_path)
{
  CgRun *run;

  g_return_val_if_fail (index != NULL && id != NULL, FALSE);

  run = find_run (index, id, NULL);
  if (run == NULL)
    return FALSE;
  g_free (run->model_path);
  run->model_path = g_strdup (model_path);
  return TRUE;
}

/* ---- writing ---- */

static void
append_text (GString    *block,
             const char *key,
             const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = cg_text_escape (value);
  g_string_append_printf (block, "%s %s\n", key, escaped);
}

static void
append_double (GString *block,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (block, ' ');
  g_string_append (block, isnan (v) ? "-" : cg_text_format_double (buf, v));
}

static void
append_run (GString     *out,
            const CgRun *run)
{
  g_autoptr(GString) block = g_string_new (NULL);
  g_autofree char *checksum = NULL;
  guint n_fields;
  const CgEpochField *fields = cg_epoch_fields (&n_fields);

  g_string_append_printf (block, "run %s\n", run->id);
  append_text (block, "name", run->name);
  g_string_append_printf (block, "created %" G_GINT64_FORMAT "\n", run->created);
  g_string_append (block, "seconds");
  append_double (block, run->seconds);
  g_string_append_printf (block, "\noutcome %s\n", outcome_names[run->outcome]);
  append_text (block, "dataset", run->dataset);
  append_text (block, "split", run->split);
  if (run->with_you)
    g_string_append (block, "you 1\n");
  append_text (block, "model", run->model_path);
  for (char **s = run->settings; s != NULL && *s != NULL; s++)
    {
      g_autofree char *name = g_strndup (*s, strcspn (*s, "="));
      const char *value = *s + strlen (name) + (strchr (*s, '=') != NULL ? 1 : 0);
      g_autofree char *key = g_strdup_printf ("setting %s", name);

      append_text (block, key, value);
    }
  g_string_append (block, "columns");
  for (guint f = 0; f < n_fields; f++)
    g_string_append_printf (block, " %s", fields[f].name);
  g_string_append_c (block, '\n');
  for (guint r = 0; r < run->history->len; r++)
    {
      const CgEpochRecord *record = &g_array_index (run->history, CgEpochRecord, r);

      g_string_append_printf (block, "epoch %u", record->epoch);
      for (guint f = 0; f < n_fields; f++)
        append_double (block, cg_epoch_record_get (record, &fields[f]));
      g_string_append_c (block, '\n');
    }
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) block->str,
                                          block->len);
  g_string_append_printf (out, "\n%send %s\n", block->str, checksum);
}

char *
cg_run_index_serialize (CgRunIndex *index,
                        gsize      *len)
{
  GString *out;

  g_return_val_if_fail (index != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, HEADER "%d\n", FORMAT_VERSION);
  for (guint i = 0; i < index->runs->len; i++)
    append_run (out, index->runs->pdata[i]);
  if (len != NULL)
    *len = out->len;
  return g_string_free (out, FALSE);
}

gboolean
cg_run_index_save (CgRunIndex *index,
                   GError    **error)
{
  g_autofree char *text = NULL, *folder = NULL;
  gsize len;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (index->path == NULL)
    return TRUE;
  folder = g_path_get_dirname (index->path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, CG_ERROR, CG_ERROR_IO, "Could not create the folder “%s”: %s",
                   folder, g_strerror (saved));
      return FALSE;
    }
  text = cg_run_index_serialize (index, &len);
  return cg_file_replace (index->path, text, len, 0644, CG_FILE_REPLACE_DEFAULT, error);
}

/* ---- reading ---- */

typedef struct
{
  const char *text;
  gsize       len;
} Line;

/* TRUE when line is "key value", with value the rest of the line. */
static gboolean
line_key (const Line *line,
          const char *key,
          CgField    *value)
{
  gsize n = strlen (key);

  if (line->len < n + 1 || memcmp (line->text, key, n) != 0 || line->text[n] != ' ')
    return FALSE;
  value->text = line->text + n + 1;
  value->len = line->len - n - 1;
  return TRUE;
}

static char *
field_text (const CgField *field)
{
  if (field->len == 0 || field->len > MAX_TEXT)
    return NULL;
  return cg_text_unescape (field->text, field->len);
}

/* A double written by append_double: "-" is NaN; nothing else may be non-finite. */
static gboolean
parse_double (const char *text,
              gsize       len,
              double     *out)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;

  if (len == 1 && text[0] == '-')
    {
      *out = NAN;
      return TRUE;
    }
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  memcpy (buf, text, len);
  buf[len] = '\0';
  /* strtod would also take "0x1p3", "nan" or leading spaces. */
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (buf[i]) && strchr ("+-.eE", buf[i]) == NULL)
      return FALSE;
  *out = g_ascii_strtod (buf, &end);
  return end == buf + len && isfinite (*out);
}

static gboolean
parse_epoch (CgRun            *run,
             const CgField    *value,
             const CgEpochField *const *columns,
             guint             n_columns)
{
  CgField parts[MAX_COLUMNS + 2];
  guint n = cg_fields_split (value->text, value->len, ' ', parts, G_N_ELEMENTS (parts));
  guint64 epoch;
  CgEpochRecord record;

  if (n != n_columns + 1 || !cg_field_parse_uint (&parts[0], G_MAXUINT32, &epoch) || epoch == 0)
    return FALSE;
  if (run->history->len > 0 && epoch <= cg_run_get_final (run)->epoch)
    return FALSE;
  if (run->history->len >= MAX_EPOCHS)
    return FALSE;
  cg_epoch_record_init (&record);
  record.epoch = (guint) epoch;
  for (guint c = 0; c < n_columns; c++)
    {
      double v;

      if (!parse_double (parts[c + 1].text, parts[c + 1].len, &v))
        return FALSE;
      if (columns[c] == NULL)
        continue;
      if (!cg_epoch_value_valid (columns[c], v))
        return FALSE;
      cg_epoch_record_set (&record, columns[c], v);
    }
  g_array_append_val (run->history, record);
  return TRUE;
}

static gboolean
parse_setting (GPtrArray     *settings,
               const CgField *value)
{
  const char *space = memchr (value->text, ' ', value->len);
  g_autofree char *name = NULL, *text = NULL;
  CgField rest;

  if (space == NULL || space == value->text || settings->len >= MAX_SETTINGS)
    return FALSE;
  name = g_strndup (value->text, (gsize) (space - value->text));
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return FALSE;
  rest.text = space + 1;
  rest.len = value->len - (gsize) (rest.text - value->text);
  text = field_text (&rest);
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < settings->len; i++)
    {
      const char *s = settings->pdata[i];

      if (strncmp (s, name, strlen (name)) == 0 && s[strlen (name)] == '=')
        return FALSE;
    }
  g_ptr_array_add (settings, g_strdup_printf ("%s=%s", name, text));
  return TRUE;
}

/* The run in the block's lines (lines[0] is "run ID"), or NULL when anything is wrong. */
static CgRun *
parse_block (const Line *lines,
             guint       n_lines)
{
  g_autoptr(CgRun) run = g_new0 (CgRun, 1);
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (g_free);
  const CgEpochField *columns[MAX_COLUMNS];
  guint n_columns = 0;
  gboolean have_columns = FALSE, have_created = FALSE, have_seconds = FALSE;
  gboolean have_outcome = FALSE;
  CgField value;

  run->history = g_array_new (FALSE, FALSE, sizeof (CgEpochRecord));
  if (!line_key (&lines[0], "run", &value) || (run->id = field_text (&value)) == NULL)
    return NULL;
  for (const char *c = run->id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return NULL;

  for (guint l = 1; l < n_lines; l++)
    {
      const Line *line = &lines[l];
      char **target = NULL;

      if (line_key (line, "name", &value))
        target = &run->name;
      else if (line_key (line, "dataset", &value))
        target = &run->dataset;
      else if (line_key (line, "split", &value))
        target = &run->split;
      else if (line_key (line, "model", &value))
        target = &run->model_path;
      if (target != NULL)
        {
          if (*target != NULL || (*target = field_text (&value)) == NULL)
            return NULL;
          continue;
        }

      if (line_key (line, "created", &value))
        {
          guint64 created;

          if (have_created || !cg_field_parse_uint (&value, G_MAXINT64, &created))
            return NULL;
          run->created = (gint64) created;
          have_created = TRUE;
        }
      else if (line_key (line, "seconds", &value))
        {
          if (have_seconds || !parse_double (value.text, value.len, &run->seconds)
              || run->seconds < 0.0)
            return NULL;
          have_seconds = TRUE;
        }
      else if (line_key (line, "outcome", &value))
        {
          gboolean known = FALSE;

          for (guint o = 0; o < G_N_ELEMENTS (outcome_names) && !known; o++)
            if (value.len == strlen (outcome_names[o])
                && memcmp (value.text, outcome_names[o], value.len) == 0)
              {
                run->outcome = (CgRunOutcome) o;
                known = TRUE;
              }
          if (have_outcome || !known)
            return NULL;
          have_outcome = TRUE;
        }
      else if (line_key (line, "you", &value))
        {
          if (value.len != 1 || value.text[0] != '1')
            return NULL;
          run->with_you = TRUE;
        }
      else if (line_key (line, "setting", &value))
        {
          if (!parse_setting (settings, &value))
            return NULL;
        }
      else if (line_key (line, "columns", &value))
        {
          CgField names[MAX_COLUMNS + 1];

          if (have_columns)
            return NULL;
          n_columns = cg_fields_split (value.text, value.len, ' ', names, G_N_ELEMENTS (names));
          if (n_columns > MAX_COLUMNS)
            return NULL;
          for (guint c = 0; c < n_columns; c++)
            {
              g_autofree char *name = g_strndup (names[c].text, names[c].len);

              /* A column of a later version's is read past. */
              columns[c] = cg_epoch_field_find (name);
            }
          have_columns = TRUE;
        }
      else if (line_key (line, "epoch", &value))
        {
          if (!have_columns || !parse_epoch (run, &value, columns, n_columns))
            return NULL;
        }
      /* Any other key is a later version's: read past it. */
    }

  if (run->name == NULL || !have_created || !have_seconds || !have_outcome)
    return NULL;
  g_ptr_array_add (settings, NULL);
  run->settings = (char **) g_ptr_array_free (g_steal_pointer (&settings), FALSE);
  return g_steal_pointer (&run);
}

typedef struct
{
  guint n_read;
  guint n_damaged;
  gboolean stray;   /* lines outside any block, or a bad header */
} ParseReport;

static gboolean
block_checksum_ok (const GArray *lines,
                   const CgField *sum)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *hex;

  for (guint l = 0; l < lines->len; l++)
    {
      const Line *line = &g_array_index (lines, Line, l);

      g_checksum_update (checksum, (const guchar *) line->text, (gssize) line->len);
      g_checksum_update (checksum, (const guchar *) "\n", 1);
    }
  hex = g_checksum_get_string (checksum);
  return sum->len == strlen (hex) && memcmp (sum->text, hex, sum->len) == 0;
}

static void
parse_runs (CgRunIndex  *index,
            const char  *text,
            gsize        len,
            ParseReport *report)
{
  CgLineReader reader;
  g_autoptr(GArray) block = g_array_new (FALSE, FALSE, sizeof (Line));
  gboolean in_block = FALSE;
  Line line;

  cg_line_reader_init (&reader, text, len);
  while (cg_line_reader_next (&reader, &line.text, &line.len))
    {
      CgField value;

      if (reader.line_no == 1 && line.len >= strlen (HEADER)
          && memcmp (line.text, HEADER, strlen (HEADER)) == 0)
        continue;
      if (line_key (&line, "run", &value))
        {
          if (in_block)
            report->n_damaged++;
          g_array_set_size (block, 0);
          g_array_append_val (block, line);
          in_block = TRUE;
        }
      else if (in_block && line_key (&line, "end", &value))
        {
          CgRun *run = NULL;

          if (block_checksum_ok (block, &value))
            run = parse_block ((const Line *) (gpointer) block->data, block->len);
          if (run != NULL && find_run (index, run->id, NULL) == NULL)
            {
              g_ptr_array_add (index->runs, run);
              report->n_read++;
            }
          else
            {
              g_clear_pointer (&run, cg_run_free);
              report->n_damaged++;
            }
          in_block = FALSE;
        }
      else if (in_block)
        g_array_append_val (block, line);
      else if (line.len > 0)
        report->stray = TRUE;
    }
  if (in_block)
    report->n_damaged++;
}

/* path.damaged-YYYYMMDD-HHMMSS, or with -2, -3, … when that exists. */
static char *
set_aside (const char *path,
           GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *aside = n == 1 ? g_strdup_printf ("%s.damaged-%s", path, stamp)
                                      : g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);

      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, aside) == 0)
        return g_steal_pointer (&aside);
      {
        int saved = errno;

        g_set_error (error, CG_ERROR, CG_ERROR_IO,
                     "The runs index “%s” is damaged and could not be renamed aside: %s",
                     path, g_strerror (saved));
        return NULL;
      }
    }
  g_set_error (error, CG_ERROR, CG_ERROR_IO,
               "The runs index “%s” is damaged and could not be renamed aside: too many "
               "damaged copies already", path);
  return NULL;
}

static void
note_recovery (CgRunIndex        *index,
               const ParseReport *report,
               const char        *aside)
{
  g_autofree char *base = g_path_get_basename (index->path);
  g_autofree char *aside_base = g_path_get_basename (aside);
  g_autofree char *lost = report->n_damaged > 0
                          ? g_strdup_printf (", %u could not be", report->n_damaged)
                          : g_strdup ("");

  index->recovery = g_strdup_printf ("The runs index “%s” was damaged: %u run(s) were read "
                                     "back%s; the damaged file is kept as “%s”.", base,
                                     report->n_read, lost, aside_base);
}

CgRunIndex *
cg_run_index_load (const char *path,
                   GError    **error)
{
  g_autoptr(CgRunIndex) index = NULL;
  g_autofree char *text = NULL, *aside = NULL;
  gsize len;
  ParseReport report = { 0 };
  CgLineReader reader;
  const char *first = NULL;
  gsize first_len = 0;
  g_autoptr(GError) save_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  index = cg_run_index_new (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&index);
  if (!cg_file_read (path, MAX_FILE_SIZE, &text, &len, error))
    return NULL;

  cg_line_reader_init (&reader, text, len);
  if (cg_line_reader_next (&reader, &first, &first_len) && first_len > strlen (HEADER)
      && memcmp (first, HEADER, strlen (HEADER)) == 0)
    {
      CgField version = { first + strlen (HEADER), first_len - strlen (HEADER) };
      guint64 v = 0;

      if (!cg_field_parse_uint (&version, G_MAXUINT32, &v))
        v = 0;
      if (v > FORMAT_VERSION)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_VERSION,
                       "The runs index “%s” was written by a later version of Cinegan "
                       "(format %" G_GUINT64_FORMAT "; this one reads format %d): it is "
                       "left as it is", path, v, FORMAT_VERSION);
          return NULL;
        }
      if (v != FORMAT_VERSION)
        report.stray = TRUE;
    }
  else
    report.stray = TRUE;

  parse_runs (index, text, len, &report);
  if (!report.stray && report.n_damaged == 0)
    return g_steal_pointer (&index);

  aside = set_aside (path, error);
  if (aside == NULL)
    return NULL;
  note_recovery (index, &report, aside);
  if (!cg_run_index_save (index, &save_error))
    {
      /* The runs are in memory and the damaged file is kept: the next save tries again. */
      char *note = g_strdup_printf ("%s %s", index->recovery, save_error->message);

      g_free (index->recovery);
      index->recovery = note;
    }
  return g_steal_pointer (&index);
}
