/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-presets.c: the Training page's presets, in one table.
 *
 * Each preset is the engine's defaults (cg_cgan_config_init) plus the settings listed
 * here, as the CLI's option names and values. The recipes follow docs/model.md: "pure
 * adversarial" leaves the generator no signal but the discriminator's (no likelihood, no
 * entropy, no pre-training, adversarial weight 1), "likelihood only" drops the
 * adversarial term, and "fast" trains a narrower network against one discriminator update
 * a step for fewer epochs, which still ends well above the popularity baseline (the
 * figures are in docs/model.md).
 *
 * An ablation is a queue of runs that differ in one setting only, the rest taken from the
 * form: the adversarial weight from none to all of G's signal, say, to see what the
 * adversarial game adds.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-training-presets.h"

typedef struct
{
  const char        *name;
  const char        *description;
  const char *const *settings;   /* name, value, name, value, …, NULL */
} Preset;

static const char *const default_settings[] = { NULL };
static const char *const adversarial_settings[] = {
  "mle-weight", "0", "adv-weight", "1", "entropy-weight", "0", "pretrain-epochs", "0", NULL
};
static const char *const likelihood_settings[] = { "adv-weight", "0", NULL };
static const char *const fast_settings[] = {
  "epochs", "15", "hidden-dim", "128", "d-steps", "1", NULL
};

static const Preset presets[] = {
  { N_("Default"), N_("Likelihood plus a share of the adversarial signal"), default_settings },
  { N_("Pure adversarial"), N_("The generator learns only from fooling the discriminator"),
    adversarial_settings },
  { N_("Likelihood only"), N_("The generator learns only from the ratings, with no "
                              "adversarial signal"), likelihood_settings },
  { N_("Fast"), N_("A smaller network for fewer epochs: a quick first look"), fast_settings },
};

/* Settings that change neither what is learned nor how. */
static const char *const outside_presets[] = { "seed", "threads", NULL };

guint
cg_training_preset_count (void)
{
  return G_N_ELEMENTS (presets);
}

const char *
cg_training_preset_get_name (guint index)
{
  g_return_val_if_fail (index <= G_N_ELEMENTS (presets), NULL);

  return index < G_N_ELEMENTS (presets) ? _(presets[index].name) : _("Custom");
}

const char *
cg_training_preset_get_description (guint index)
{
  g_return_val_if_fail (index <= G_N_ELEMENTS (presets), NULL);

  return index < G_N_ELEMENTS (presets) ? _(presets[index].description)
                                        : _("Settings changed by hand");
}

void
cg_training_preset_apply (guint         index,
                          CgCganConfig *config)
{
  guint64 seed;
  guint threads;

  g_return_if_fail (index < G_N_ELEMENTS (presets));
  g_return_if_fail (config != NULL);

  seed = config->seed;
  threads = config->threads;
  cg_cgan_config_init (config);
  for (const char *const *s = presets[index].settings; *s != NULL; s += 2)
    {
      g_autoptr(GError) error = NULL;

      if (!cg_cgan_config_set (config, s[0], s[1], &error))
        g_critical ("Preset “%s”: %s", presets[index].name, error->message);
    }
  config->seed = seed;
  config->threads = threads;
}

static gboolean
same_recipe (const CgCganConfig *a,
             const CgCganConfig *b)
{
  const CgConfigField *fields;
  guint n_fields;

  fields = cg_cgan_config_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *va = NULL, *vb = NULL;

      if (g_strv_contains (outside_presets, fields[i].name))
        continue;
      va = cg_cgan_config_get (a, fields[i].name);
      vb = cg_cgan_config_get (b, fields[i].name);
      if (!g_str_equal (va, vb))
        return FALSE;
    }
  return TRUE;
}

guint
cg_training_preset_find (const CgCganConfig *config)
{
  g_return_val_if_fail (config != NULL, G_N_ELEMENTS (presets));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      CgCganConfig preset = *config;

      cg_training_preset_apply (i, &preset);
      if (same_recipe (&preset, config))
        return i;
    }
  return G_N_ELEMENTS (presets);
}

/* ---- ablations ---- */

typedef struct
{
  const char        *id;
  const char        *setting;
  const char        *title;
  const char *const *values;
} Ablation;

static const char *const adv_weight_values[] = { "0", "0.1", "1", NULL };
static const char *const entropy_values[] = { "0", "0.01", "0.1", NULL };

static const Ablation ablations[] = {
  { "adv-weight", "adv-weight", N_("Adversarial Weight"), adv_weight_values },
  { "entropy-weight", "entropy-weight", N_("Entropy Bonus"), entropy_values },
};

guint
cg_training_ablation_count (void)
{
  return G_N_ELEMENTS (ablations);
}

static const Ablation *
find_ablation (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (ablations); i++)
    if (g_strcmp0 (ablations[i].id, id) == 0)
      return &ablations[i];
  return NULL;
}

const char *
cg_training_ablation_get_id (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (ablations), NULL);

  return ablations[index].id;
}

const char *
cg_training_ablation_get_title (const char *id)
{
  const Ablation *ablation = find_ablation (id);

  g_return_val_if_fail (ablation != NULL, NULL);

  return _(ablation->title);
}

const char *
cg_training_ablation_get_setting (const char *id)
{
  const Ablation *ablation = find_ablation (id);

  g_return_val_if_fail (ablation != NULL, NULL);

  return ablation->setting;
}

const char *const *
cg_training_ablation_get_values (const char *id)
{
  const Ablation *ablation = find_ablation (id);

  g_return_val_if_fail (ablation != NULL, NULL);

  return ablation->values;
}
