/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-train-options.c: GOption entries generated from cg_cgan_config_fields.
 */
#include "cli-train-options.h"

#include <stdio.h>
#include <string.h>

static gboolean
on_setting_cb (const char *option_name,
               const char *value,
               gpointer    data,
               GError    **error)
{
  CliTrainOptions *options = data;
  const char *name = option_name;
  GError *local = NULL;

  while (*name == '-')
    name++;
  if (!cg_cgan_config_set (&options->config, name, value, &local))
    {
      /* A bad value is a usage error, like any other option parse failure. */
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, local->message);
      g_error_free (local);
      return FALSE;
    }
  /* More threads than cores only take turns on them, and make an epoch slower. */
  if (strcmp (name, "threads") == 0 && options->config.threads > g_get_num_processors ())
    {
      guint cores = g_get_num_processors ();

      fprintf (stderr, "%s: --threads %u is more than the %u core%s here; using %u\n",
               g_get_prgname (), options->config.threads, cores, cores == 1 ? "" : "s",
               cores);
      options->config.threads = cores;
    }
  return TRUE;
}

void
cli_train_options_init (CliTrainOptions *options,
                        GOptionContext  *context)
{
  guint n_fields;
  const CgConfigField *fields = cg_cgan_config_fields (&n_fields);
  GPtrArray *strings = g_ptr_array_new ();
  GOptionGroup *group;

  memset (options, 0, sizeof *options);
  cg_cgan_config_init (&options->config);
  options->entries = g_new0 (GOptionEntry, n_fields + 1);

  for (guint i = 0; i < n_fields; i++)
    {
      const CgConfigField *f = &fields[i];
      GOptionEntry *e = &options->entries[i];
      g_autofree char *def = cg_cgan_config_get (&options->config, f->name);
      char *description = g_strdup_printf ("%s (default %s)", f->description, def);
      char *arg;

      if (f->type == CG_FIELD_ENUM)
        arg = g_strjoinv ("|", (char **) f->enum_nicks);
      else
        arg = g_strdup (f->type == CG_FIELD_DOUBLE ? "X" : "N");
      g_ptr_array_add (strings, description);
      g_ptr_array_add (strings, arg);

      e->long_name = f->name;
      e->arg = G_OPTION_ARG_CALLBACK;
      e->arg_data = (gpointer) on_setting_cb;
      e->description = description;
      e->arg_description = arg;
    }
  g_ptr_array_add (strings, NULL);
  options->strings = (char **) g_ptr_array_free (strings, FALSE);

  group = g_option_group_new ("train", "Model and training settings",
                              "Show the model and training settings", options, NULL);
  g_option_group_add_entries (group, options->entries);
  g_option_context_set_main_group (context, group);
}

void
cli_train_options_clear (CliTrainOptions *options)
{
  g_clear_pointer (&options->entries, g_free);
  g_clear_pointer (&options->strings, g_strfreev);
}
