/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-fields.c: where each setting sits in the Training page's form, and
 * what it is called there.
 *
 * The engine's field table names settings for the CLI (--d-learning-rate) and describes
 * them for people who know the model; the form is read by people who want
 * recommendations. So the form has its own plain titles and subtitles, and the engine's
 * description stays in each row's tooltip. A setting missing here still gets a row (under
 * "Run and Evaluation", titled from its name), so the engine can add one without an edit.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-training-view-private.h"

static const CgFormField form_fields[] = {
  { "epochs", CG_FORM_BASIC, N_("_Epochs"),
    N_("Passes over all the ratings: more take longer and fit more closely") },
  { "seed", CG_FORM_BASIC, N_("See_d"),
    N_("The same number with the same settings trains the same model again") },

  { "embed-dim", CG_FORM_NETWORKS, N_("Embedding size"),
    N_("How many numbers describe each movie and each person") },
  { "noise-dim", CG_FORM_NETWORKS, N_("Noise size"),
    N_("Randomness the generator is given, so that its lists can vary") },
  { "hidden-dim", CG_FORM_NETWORKS, N_("Hidden layer size"),
    N_("Width of both networks' middle layer: wider is slower") },
  { "user-mode", CG_FORM_NETWORKS, N_("Person profile"),
    N_("From the movies a person liked (history), or learnt freely per person (id)") },
  { "history-act", CG_FORM_NETWORKS, N_("Profile shaping"),
    N_("How the liked movies are combined into one profile") },
  { "input-dropout", CG_FORM_NETWORKS, N_("Hidden liked movies"),
    N_("Share of liked movies hidden at each step, so the model learns to fill gaps") },
  { "item-weight", CG_FORM_NETWORKS, N_("Movie-to-movie path"),
    N_("Strength of a direct movie-to-movie path fitted in one go (0 = off)") },
  { "item-lambda", CG_FORM_NETWORKS, N_("Movie-to-movie smoothing"),
    N_("How strongly that path is smoothed") },
  { "item-dropout", CG_FORM_NETWORKS, N_("Movie-to-movie hiding"),
    N_("Fit that path as if this share of liked movies were hidden (0 = plain)") },
  { "item-learning-rate", CG_FORM_NETWORKS, N_("Movie-to-movie learning rate"),
    N_("How fast that path keeps learning after its fit (0 = it stays as fitted)") },
  { "item-learning-epochs", CG_FORM_NETWORKS, N_("Movie-to-movie learning epochs"),
    N_("First epochs in which that path learns; it stays fixed after") },
  { "item-updates", CG_FORM_NETWORKS, N_("Movie-to-movie updates"),
    N_("Whether each step moves the whole path (dense) or only the rows of the movies "
       "it saw (lazy)") },
  { "item-kept-epoch", CG_FORM_NETWORKS, N_("Movie-to-movie path kept from"),
    N_("Keep that path as it was after this epoch, while it goes on learning beside the "
       "network (0 = as it ends)") },
  { "item-short-lambda", CG_FORM_NETWORKS, N_("Movie-to-movie smoothing for few ratings"),
    N_("Smoothing of a second path that people who rated few movies lean on (0 = none)") },
  { "item-short-bag", CG_FORM_NETWORKS, N_("Few ratings means about"),
    N_("Liked movies at which a person takes half of that second path") },
  { "short-bags", CG_FORM_NETWORKS, N_("People with few ratings"),
    N_("Share of people shown with only a few of their liked movies, so newcomers are "
       "served well") },
  { "short-bag-max", CG_FORM_NETWORKS, N_("Few means at most"),
    N_("Most liked movies such a person is shown with") },

  { "learning-rate", CG_FORM_GENERATOR, N_("Learning rate"),
    N_("Size of each generator update: too large and training turns unstable") },
  { "weight-decay", CG_FORM_GENERATOR, N_("Weight decay"),
    N_("Pulls the generator's weights towards zero, against memorising") },
  { "g-steps", CG_FORM_GENERATOR, N_("Updates per step"),
    N_("Generator updates for each batch of ratings") },
  { "pretrain-epochs", CG_FORM_GENERATOR, N_("Warm-up epochs"),
    N_("First epochs in which the generator learns from the ratings alone") },
  { "mle-weight", CG_FORM_GENERATOR, N_("Learning from ratings"),
    N_("Weight of the ratings themselves (likelihood) in what the generator learns") },
  { "adv-weight", CG_FORM_GENERATOR, N_("Learning from the discriminator"),
    N_("Weight of fooling the discriminator in what the generator learns") },
  { "entropy-weight", CG_FORM_GENERATOR, N_("Variety bonus"),
    N_("Rewards spreading over more movies, against collapsing onto a few") },
  { "mle-logits", CG_FORM_GENERATOR, N_("What learns from ratings"),
    N_("All of the generator (all), or its network alone (mlp)") },
  { "softmax", CG_FORM_GENERATOR, N_("Movies weighed per step"),
    N_("Every movie (full), or each step's liked movies and a sample (sampled, for large "
       "catalogues); auto samples above 8,192 movies. Lists always weigh every movie") },
  { "sampled-candidates", CG_FORM_GENERATOR, N_("Sampled movies"),
    N_("Movies drawn per step beside the liked ones, when sampling") },

  { "d-steps", CG_FORM_DISCRIMINATOR, N_("Updates per step"),
    N_("Discriminator updates for each batch: more make its verdicts more useful") },
  { "d-learning-rate", CG_FORM_DISCRIMINATOR, N_("Learning rate"),
    N_("Size of each discriminator update (0 = the generator's)") },
  { "d-weight-decay", CG_FORM_DISCRIMINATOR, N_("Weight decay"),
    N_("Pulls the discriminator's weights towards zero") },
  { "neg-mix", CG_FORM_DISCRIMINATOR, N_("Random fakes"),
    N_("Share of the fake examples picked at random instead of by the generator") },
  { "fake-strategy", CG_FORM_DISCRIMINATOR, N_("Generator's fakes"),
    N_("Drawn from the generator's picks (multinomial), or its top picks (argmax)") },
  { "fake-refresh", CG_FORM_DISCRIMINATOR, N_("Fake refresh"),
    N_("Steps between refreshes of the generator's picks (0 = once an epoch)") },

  { "batch-size", CG_FORM_RUN, N_("Batch size"),
    N_("Ratings per step: larger needs more memory") },
  { "threads", CG_FORM_RUN, N_("Threads"),
    N_("Processor threads to train with (0 = one per core)") },
  { "k", CG_FORM_RUN, N_("List length (K)"),
    N_("Length of recommendation lists, and of the lists the metrics score") },
  { "noise-draws", CG_FORM_RUN, N_("Noise draws"),
    N_("Random draws averaged for each list: more give steadier lists") },
};

static const char *const section_titles[CG_FORM_N_SECTIONS] = {
  [CG_FORM_BASIC] = NULL,
  [CG_FORM_DATA] = N_("Data"),
  [CG_FORM_NETWORKS] = N_("Networks"),
  [CG_FORM_GENERATOR] = N_("Generator"),
  [CG_FORM_DISCRIMINATOR] = N_("Discriminator"),
  [CG_FORM_RUN] = N_("Run and Evaluation"),
};

static const char *const section_subtitles[CG_FORM_N_SECTIONS] = {
  [CG_FORM_BASIC] = NULL,
  [CG_FORM_DATA] = N_("Which ratings train and which test, and what counts as liked"),
  [CG_FORM_NETWORKS] = N_("Sizes and shape of the two networks"),
  [CG_FORM_GENERATOR] = N_("The network that recommends: how it learns"),
  [CG_FORM_DISCRIMINATOR] = N_("The network that tells real likes from the generator's "
                               "picks"),
  [CG_FORM_RUN] = N_("Batches, threads and how results are scored"),
};

/* The widget names the sections' expander rows have. */
static const char *const section_names[CG_FORM_N_SECTIONS] = {
  [CG_FORM_BASIC] = NULL,
  [CG_FORM_DATA] = "advanced-data",
  [CG_FORM_NETWORKS] = "advanced-networks",
  [CG_FORM_GENERATOR] = "advanced-generator",
  [CG_FORM_DISCRIMINATOR] = "advanced-discriminator",
  [CG_FORM_RUN] = "advanced-run",
};

const CgFormField *
_cg_training_view_form_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (form_fields); i++)
    if (g_str_equal (form_fields[i].name, name))
      return &form_fields[i];
  return NULL;
}

const char *
_cg_training_view_section_title (CgFormSection section)
{
  g_return_val_if_fail (section < CG_FORM_N_SECTIONS, NULL);

  return section_titles[section] != NULL ? _(section_titles[section]) : NULL;
}

const char *
_cg_training_view_section_subtitle (CgFormSection section)
{
  g_return_val_if_fail (section < CG_FORM_N_SECTIONS, NULL);

  return section_subtitles[section] != NULL ? _(section_subtitles[section]) : NULL;
}

const char *
_cg_training_view_section_name (CgFormSection section)
{
  g_return_val_if_fail (section < CG_FORM_N_SECTIONS, NULL);

  return section_names[section];
}
