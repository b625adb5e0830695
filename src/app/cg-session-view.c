/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-session-view.c: a page of the window, showing what the window's session holds.
 *
 * A page lets go of its session first thing in its own dispose (while its widgets are
 * still there to stop following it); disposing the base again finds nothing to do.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-session-view.h"

typedef struct
{
  CgSession *session;
} CgSessionViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CgSessionView, cg_session_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cg_session_view_dispose (GObject *object)
{
  cg_session_view_set_session (CG_SESSION_VIEW (object), NULL);

  G_OBJECT_CLASS (cg_session_view_parent_class)->dispose (object);
}

static void
cg_session_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, cg_session_view_get_session (CG_SESSION_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_session_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      cg_session_view_set_session (CG_SESSION_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_session_view_class_init (CgSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_session_view_dispose;
  object_class->get_property = cg_session_view_get_property;
  object_class->set_property = cg_session_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CG_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_session_view_init (CgSessionView *self)
{
}

void
cg_session_view_set_session (CgSessionView *self,
                             CgSession     *session)
{
  CgSessionViewPrivate *priv = cg_session_view_get_instance_private (self);
  g_autoptr(CgSession) old = NULL;

  g_return_if_fail (CG_IS_SESSION_VIEW (self));
  g_return_if_fail (session == NULL || CG_IS_SESSION (session));

  if (priv->session == session)
    return;
  old = g_steal_pointer (&priv->session);
  priv->session = session != NULL ? g_object_ref (session) : NULL;
  if (CG_SESSION_VIEW_GET_CLASS (self)->session_changed != NULL)
    CG_SESSION_VIEW_GET_CLASS (self)->session_changed (self, old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

CgSession *
cg_session_view_get_session (CgSessionView *self)
{
  CgSessionViewPrivate *priv;

  g_return_val_if_fail (CG_IS_SESSION_VIEW (self), NULL);

  priv = cg_session_view_get_instance_private (self);
  return priv->session;
}
