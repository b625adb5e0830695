/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-hint.c: the first steps, said once above the catalogue.
 *
 * A GtkRevealer styled like an info bar (libadwaita 1.2 has no AdwBanner). It re-decides
 * whether to show at each change of your ratings or of the setting, so a second window, or
 * another instance closing it, is followed too.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-catalog-hint.h"

#define DISMISSED_KEY "catalogue-hint-dismissed"

struct _CgCatalogHint
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkRevealer    *revealer;
  GtkLabel       *message_label;
  GtkLabel       *progress_label;
  GtkButton      *close_button;

  /* owned */
  CgRatingsStore *ratings;
  GSettings      *settings;
  gboolean        dismissed;     /* closed without settings to remember it in */
};

G_DEFINE_FINAL_TYPE (CgCatalogHint, cg_catalog_hint, GTK_TYPE_WIDGET)

static gboolean
is_dismissed (CgCatalogHint *self)
{
  return self->dismissed
         || (self->settings != NULL && g_settings_get_boolean (self->settings, DISMISSED_KEY));
}

static void
update (CgCatalogHint *self)
{
  guint n_rated = self->ratings != NULL ? cg_ratings_store_get_n_rated (self->ratings) : 0;
  gboolean shown = self->ratings != NULL && n_rated < CG_CATALOG_HINT_ENOUGH
                   && !is_dismissed (self);

  if (shown)
    {
      g_autofree char *progress = g_strdup_printf (_("%u of %u rated"), n_rated,
                                                   CG_CATALOG_HINT_ENOUGH);

      gtk_label_set_text (self->progress_label, progress);
    }
  gtk_revealer_set_reveal_child (self->revealer, shown);
  /* Hidden, it takes no room and no Tab stop. */
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), shown);
}

static void
on_close_clicked_cb (CgCatalogHint *self)
{
  cg_catalog_hint_dismiss (self);
}

static void
cg_catalog_hint_dispose (GObject *object)
{
  CgCatalogHint *self = CG_CATALOG_HINT (object);

  cg_catalog_hint_set_ratings (self, NULL);
  cg_catalog_hint_set_settings (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CATALOG_HINT);

  G_OBJECT_CLASS (cg_catalog_hint_parent_class)->dispose (object);
}

static void
cg_catalog_hint_class_init (CgCatalogHintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_catalog_hint_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-catalog-hint.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCatalogHint, revealer);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogHint, message_label);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogHint, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogHint, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "cataloghint");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_NOTE);
}

static void
cg_catalog_hint_init (CgCatalogHint *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
cg_catalog_hint_new (void)
{
  return g_object_new (CG_TYPE_CATALOG_HINT, NULL);
}

void
cg_catalog_hint_set_ratings (CgCatalogHint  *self,
                             CgRatingsStore *ratings)
{
  g_return_if_fail (CG_IS_CATALOG_HINT (self));
  g_return_if_fail (ratings == NULL || CG_IS_RATINGS_STORE (ratings));

  if (self->ratings == ratings)
    return;
  if (self->ratings != NULL)
    g_signal_handlers_disconnect_by_data (self->ratings, self);
  g_set_object (&self->ratings, ratings);
  if (ratings != NULL)
    g_signal_connect_object (ratings, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

void
cg_catalog_hint_set_settings (CgCatalogHint *self,
                              GSettings     *settings)
{
  g_return_if_fail (CG_IS_CATALOG_HINT (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      if (self->dismissed)
        g_settings_set_boolean (settings, DISMISSED_KEY, TRUE);
      g_signal_connect_object (settings, "changed::" DISMISSED_KEY, G_CALLBACK (update), self,
                               G_CONNECT_SWAPPED);
    }
  update (self);
}

gboolean
cg_catalog_hint_get_shown (CgCatalogHint *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_HINT (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
cg_catalog_hint_dismiss (CgCatalogHint *self)
{
  g_return_if_fail (CG_IS_CATALOG_HINT (self));

  self->dismissed = TRUE;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, DISMISSED_KEY, TRUE);
  update (self);
}
