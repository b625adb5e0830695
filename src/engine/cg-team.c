/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-team.c: a team of threads that claim the shares of one loop at a time.
 *
 * The loop being run is a job: its function and data in the team, and one 64-bit word that
 * holds the job's generation, its number of shares and the next share to claim. A thread
 * claims a share by adding 1 to that word, which returns all three at once, so a helper
 * that wakes late and claims in a newer job than the one it saw still gets a share of the
 * job it claimed in (or none). The caller publishes a job only after every share of the
 * last one has finished, so a claimed share's job cannot change under it.
 *
 * Helpers spin for a while between jobs (a step's loops come tens of microseconds apart),
 * then sleep on a condition variable; the caller wakes them when it publishes a job, and
 * starts on the shares itself without waiting for them.
 */
#include "cg-team.h"

#include <stdatomic.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause ()
#else
#define CPU_RELAX() ((void) 0)
#endif

/* How long a helper spins for the next job before it sleeps. */
#define SPIN_US 500

#define GEN_SHIFT    40
#define SHARES_SHIFT 32
#define SHARES_MASK  G_GUINT64_CONSTANT (0xff)
#define NEXT_MASK    G_GUINT64_CONSTANT (0xffffffff)
/* Shares of one job at most (they are packed into 8 bits of the job word). */
#define MAX_SHARES   255

struct _CgTeam
{
  guint             n_threads;
  GThread         **helpers;      /* (n_threads − 1) */

  /* The job: valid while any of its shares is unfinished. */
  CgShareFunc       fn;
  gpointer          data;
  _Atomic guint64   job;          /* generation | n_shares | next share */
  _Atomic guint     done;         /* shares of the job finished */

  _Atomic guint     sleepers;
  _Atomic gboolean  quit;
  GMutex            lock;
  GCond             wake;
};

/* The calling thread's team; NULL without one and while running a share. */
static __thread CgTeam *current_team;

static inline guint64
job_generation (guint64 job)
{
  return job >> GEN_SHIFT;
}

static inline guint
job_shares (guint64 job)
{
  return (guint) ((job >> SHARES_SHIFT) & SHARES_MASK);
}

/* Claims and runs shares of the current job until there are none left; returns the job
 * word last seen. */
static guint64
work (CgTeam *team)
{
  for (;;)
    {
      guint64 job = atomic_fetch_add (&team->job, 1);
      guint share = (guint) (job & NEXT_MASK);

      if (share >= job_shares (job))
        return job;
      team->fn (team->data, share);
      atomic_fetch_add (&team->done, 1);
    }
}

static gpointer
helper_main (gpointer user_data)
{
  CgTeam *team = user_data;
  guint64 seen = 0;   /* generation 0 is never a job's */

  for (;;)
    {
      guint64 job = atomic_load (&team->job);

      if (job_generation (job) == seen)
        {
          gint64 until = g_get_monotonic_time () + SPIN_US;

          /* Spin, then sleep, until a new job or the end. */
          while (job_generation (job = atomic_load (&team->job)) == seen
                 && !atomic_load (&team->quit))
            {
              for (guint i = 0; i < 64; i++)
                CPU_RELAX ();
              if (g_get_monotonic_time () < until)
                continue;
              g_mutex_lock (&team->lock);
              atomic_fetch_add (&team->sleepers, 1);
              while (job_generation (atomic_load (&team->job)) == seen
                     && !atomic_load (&team->quit))
                g_cond_wait (&team->wake, &team->lock);
              atomic_fetch_sub (&team->sleepers, 1);
              g_mutex_unlock (&team->lock);
            }
          if (atomic_load (&team->quit))
            return NULL;
        }
      seen = job_generation (work (team));
    }
}

CgTeam *
cg_team_new (guint n_threads)
{
  CgTeam *team = g_new0 (CgTeam, 1);

  team->n_threads = MAX (n_threads, 1);
  g_mutex_init (&team->lock);
  g_cond_init (&team->wake);
  atomic_init (&team->job, 0);
  atomic_init (&team->done, 0);
  atomic_init (&team->sleepers, 0);
  atomic_init (&team->quit, FALSE);
  team->helpers = g_new0 (GThread *, team->n_threads);
  for (guint i = 0; i + 1 < team->n_threads; i++)
    team->helpers[i] = g_thread_new ("cinegan-team", helper_main, team);
  return team;
}

void
cg_team_free (CgTeam *team)
{
  if (team == NULL)
    return;
  g_mutex_lock (&team->lock);
  atomic_store (&team->quit, TRUE);
  g_cond_broadcast (&team->wake);
  g_mutex_unlock (&team->lock);
  for (guint i = 0; i + 1 < team->n_threads; i++)
    g_thread_join (team->helpers[i]);
  g_free (team->helpers);
  g_mutex_clear (&team->lock);
  g_cond_clear (&team->wake);
  g_free (team);
}

void
cg_team_enter (CgTeam *team)
{
  g_return_if_fail (current_team == NULL);
  current_team = team;
}

void
cg_team_leave (void)
{
  current_team = NULL;
}

CgTeam *
cg_team_get_current (void)
{
  return current_team;
}

guint
cg_team_size (void)
{
  return current_team != NULL ? current_team->n_threads : 1;
}

guint
cg_team_shares (guint per_thread)
{
  guint n = cg_team_size ();

  return n > 1 ? MIN (n * per_thread, MAX_SHARES) : 1;
}

void
cg_team_run (guint       n_shares,
             CgShareFunc fn,
             gpointer    data)
{
  CgTeam *team = current_team;
  guint64 generation;

  g_return_if_fail (n_shares <= MAX_SHARES);
  if (team == NULL || team->n_threads == 1 || n_shares <= 1)
    {
      /* No team, or inside a share: in order, here, as a share (with no team). */
      current_team = NULL;
      for (guint s = 0; s < n_shares; s++)
        fn (data, s);
      current_team = team;
      return;
    }

  team->fn = fn;
  team->data = data;
  atomic_store (&team->done, 0);
  generation = job_generation (atomic_load (&team->job)) + 1;
  atomic_store (&team->job, generation << GEN_SHIFT | (guint64) n_shares << SHARES_SHIFT);
  if (atomic_load (&team->sleepers) > 0)
    {
      g_mutex_lock (&team->lock);
      g_cond_broadcast (&team->wake);
      g_mutex_unlock (&team->lock);
    }

  /* Shares run here see no team: a loop inside one runs on this thread alone. */
  current_team = NULL;
  work (team);
  current_team = team;
  /* Only shares a helper has claimed are left. Should that helper be waiting for this
   * very core (more threads than cores), yielding lets it finish. */
  for (guint spins = 0; atomic_load (&team->done) < n_shares; spins++)
    {
      CPU_RELAX ();
      if (spins >= 4096)
        g_thread_yield ();
    }
}

typedef struct
{
  CgRangeFunc fn;
  gpointer    data;
  gsize       n, unit;
  guint       n_shares;
} RangeJob;

static void
range_share (gpointer data,
             guint    share)
{
  const RangeJob *job = data;
  gsize begin, end;

  if (cg_share (job->n, job->unit, share, job->n_shares, &begin, &end))
    job->fn (job->data, begin, end);
}

void
cg_team_for (gboolean    parallel,
             gsize       n,
             gsize       unit,
             guint       per_thread,
             CgRangeFunc fn,
             gpointer    data)
{
  RangeJob job = { fn, data, n, unit, parallel ? cg_team_shares (per_thread) : 1 };

  if (n == 0)
    return;
  if (job.n_shares == 1)
    {
      fn (data, 0, n);
      return;
    }
  cg_team_run (job.n_shares, range_share, &job);
}
