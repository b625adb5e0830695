/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-team.h: the threads that share a training's work, and the split of a loop across them.
 *
 * A team belongs to a calling context, not to the process: the thread that enters a team
 * (cg_trainer_run does, for the run's duration) has it, every other thread has none, and
 * the engine's parallel loops run on the calling thread's team or, without one, on the
 * calling thread alone. So scoring on the app's main thread while a training runs in a
 * worker never starts threads of its own and never waits for training's: it runs on the
 * main thread, and training's results do not change.
 *
 * Why not OpenMP: an OpenMP region ends in a barrier that every thread of the team must
 * reach, so when the machine is busy and the scheduler takes one of our threads away for a
 * few milliseconds, the others wait for it at every one of the ~2000 regions of an epoch
 * (epochs of 0.3 s took 1–5 s beside another busy process). Here a loop's shares are
 * claimed one at a time from a counter: the calling thread starts at once, a helper joins
 * when it comes, and the caller waits only for a share a helper has actually started.
 *
 * Share bounds depend only on the loop's size and the team's size, never on which thread
 * takes which share, so results are the same from run to run.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CgTeam CgTeam;

/* A team of n_threads threads, the caller that enters it included (n_threads − 1 helpers
 * are started; 0 or 1 starts none). */
CgTeam *cg_team_new   (guint n_threads);
void    cg_team_free  (CgTeam *team);
/* Makes team the calling thread's until cg_team_leave. Not nested. */
void    cg_team_enter (CgTeam *team);
void    cg_team_leave (void);

/* The calling thread's team, or NULL (also inside a share). */
CgTeam *cg_team_get_current (void);
/* Threads of the calling thread's team: 1 without one, and inside a share. */
guint   cg_team_size  (void);

/* Shares to cut a loop into: per_thread per thread of the calling thread's team, or 1. */
guint   cg_team_shares (guint per_thread);

/* Runs fn (data, s) once for every s in [0, n_shares), on the calling thread's team;
 * returns when all have run. Runs them in order on the calling thread when it has no team
 * or is inside a share already. fn must not depend on which thread runs it. */
typedef void (*CgShareFunc) (gpointer data, guint share);
void    cg_team_run   (guint n_shares, CgShareFunc fn, gpointer data);

/* Share s of n_shares of [0, n), in whole units of `unit` (so the shares of vector loops end
 * on vector boundaries and only the last share has a scalar tail, exactly as in the serial
 * loop). FALSE when it is empty. */
static inline gboolean
cg_share (gsize  n,
          gsize  unit,
          gsize  s,
          gsize  n_shares,
          gsize *begin,
          gsize *end)
{
  gsize units = (n + unit - 1) / unit;

  *begin = MIN (n, units * s / n_shares * unit);
  *end = MIN (n, units * (s + 1) / n_shares * unit);
  return *end > *begin;
}

/* fn (data, begin, end) over the shares of [0, n) in units of `unit`, per_thread shares per
 * thread, on the calling thread's team when parallel is TRUE; else once, over [0, n). */
typedef void (*CgRangeFunc) (gpointer data, gsize begin, gsize end);
void    cg_team_for   (gboolean parallel, gsize n, gsize unit, guint per_thread,
                       CgRangeFunc fn, gpointer data);

G_END_DECLS
