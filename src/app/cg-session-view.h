/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-session-view.h: a page of the window, showing what the window's session holds.
 *
 * The catalogue, training and recommendations pages each follow one CgSession (its
 * "session" property); this base class holds it, and tells a page when it changes so the
 * page can stop following the old one and start following the new.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-session.h"

G_BEGIN_DECLS

#define CG_TYPE_SESSION_VIEW (cg_session_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (CgSessionView, cg_session_view, CG, SESSION_VIEW, GtkWidget)

struct _CgSessionViewClass
{
  GtkWidgetClass parent_class;

  /* The session is now cg_session_view_get_session (which may be NULL); it was
   * old_session (which may be NULL, and is alive until this returns). */
  void (*session_changed) (CgSessionView *self,
                           CgSession     *old_session);

  gpointer padding[4];
};

void       cg_session_view_set_session (CgSessionView *self,
                                        CgSession     *session);
CgSession *cg_session_view_get_session (CgSessionView *self);

G_END_DECLS
