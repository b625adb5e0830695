/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-data-dir.c: finding the MovieLens folder.
 *
 * No path of the build machine is compiled in: an installed program must not look into a
 * source tree that is not there. Uninstalled runs (meson devenv, the tests) name the
 * source tree's data/ folder in $CINEGAN_SOURCE_DATA_DIR instead.
 */
#include "config.h"

#include "cg-data-dir.h"

#include "cg-error.h"
#include "cg-format.h"

static gboolean
holds_movielens (const char *dir)
{
  return cg_format_detect (dir) != CG_FORMAT_NONE;
}

char **
cg_data_dir_candidates (const char *override)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *env = g_getenv ("CINEGAN_DATA_DIR");
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "cinegan", "ml-100k", NULL);
  const char *source = g_getenv ("CINEGAN_SOURCE_DATA_DIR");
  char **result;

  if (override != NULL && *override != '\0')
    g_strv_builder_add (builder, override);
  if (env != NULL && *env != '\0')
    g_strv_builder_add (builder, env);
  g_strv_builder_add (builder, user);
  if (source != NULL && *source != '\0')
    {
      g_autofree char *beside_sources = g_build_filename (source, "ml-100k", NULL);

      g_strv_builder_add (builder, beside_sources);
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

char *
cg_data_dir_find (const char *override,
                  GError    **error)
{
  g_auto(GStrv) candidates = NULL;
  g_autofree char *list = NULL;

  /* An explicit choice is never silently replaced by another folder. */
  if (override != NULL && *override != '\0')
    {
      if (holds_movielens (override))
        return g_strdup (override);
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                   "No MovieLens data in “%s” (none of u.item, movies.dat with ratings.dat, "
                   "movies.csv with ratings.csv)", override);
      return NULL;
    }

  candidates = cg_data_dir_candidates (NULL);
  for (guint i = 0; candidates[i] != NULL; i++)
    if (holds_movielens (candidates[i]))
      return g_strdup (candidates[i]);

  list = g_strjoinv ("”, “", candidates);
  g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
               "MovieLens data not found; looked in “%s”. Get a release with "
               "data/fetch-movielens.sh or point --data-dir / CINEGAN_DATA_DIR at an unpacked "
               "ml-100k, ml-1m, ml-latest-small, ml-25m or ml-32m folder", list);
  return NULL;
}
