/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-train-me-text.h: what "Train Including Me" does, and about how long it takes.
 *
 * The button retrains from scratch, with your ratings as one more user of the training
 * set and the Training page's settings: a wait of seconds to many minutes, which the
 * person should know before pressing it. The time comes from cg-training-estimate.h, at the
 * rate the session's model measured when it was trained (a rough guess before any).
 */
#pragma once

#include "cg-session.h"

G_BEGIN_DECLS

/* Newly allocated; config is what the training would run with. Without a dataset loaded,
 * only what the button does. */
char *cg_train_me_text (CgSession          *session,
                        const CgCganConfig *config);

G_END_DECLS
