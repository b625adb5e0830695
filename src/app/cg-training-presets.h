/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-presets.h: named sets of training settings for the Training page.
 *
 * A preset is the engine's defaults with a few settings changed, defined in one table
 * (cg-training-presets.c). A configuration "is" a preset when every setting but the seed
 * and the thread count equals the preset's: those two change neither what is learned nor
 * how, so choosing a seed keeps the preset, while any other edit makes the settings Custom.
 */
#pragma once

#include "cg-cgan.h"

G_BEGIN_DECLS

/* How many presets there are; the index n_presets itself stands for "Custom". */
guint        cg_training_preset_count           (void);
/* The preset's name and what it is for, translated ("Custom" for the index past the last). */
const char  *cg_training_preset_get_name        (guint               index);
const char  *cg_training_preset_get_description (guint               index);
/* Sets config to the preset, keeping its seed and thread count. */
void         cg_training_preset_apply           (guint               index,
                                                 CgCganConfig       *config);
/* The preset config is, or cg_training_preset_count () when it is none of them. */
guint        cg_training_preset_find            (const CgCganConfig *config);

/* Ablations: queues of runs that differ in one setting. Each is known by an id. */
guint              cg_training_ablation_count       (void);
const char        *cg_training_ablation_get_id      (guint       index);
/* Translated, title case: "Adversarial Weight". */
const char        *cg_training_ablation_get_title   (const char *id);
/* The engine's name of the setting that varies, and its values in order (NULL-ended). */
const char        *cg_training_ablation_get_setting (const char *id);
const char *const *cg_training_ablation_get_values  (const char *id);

G_END_DECLS
