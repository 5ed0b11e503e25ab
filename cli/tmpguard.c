/* tmpguard.c: the temporary files of outputs being written (clean -o, lint --fix), removed
 * when SIGINT, SIGTERM or SIGHUP ends the process. During a run that writes them, those
 * signals are blocked in every thread and taken by sigwait in a thread of their own
 * (cli_sig_guard), which removes the listed files under the lock, then lets the signal's
 * default action end the process. A file is listed from its mkstemp to its rename or unlink,
 * both under the lock (cli_tmp_lock). */
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t tmp_mu = PTHREAD_MUTEX_INITIALIZER;
void cli_tmp_lock(void) { pthread_mutex_lock(&tmp_mu); }
void cli_tmp_unlock(void) { pthread_mutex_unlock(&tmp_mu); }
static char **tmp_live; /* names owned by their open_atomic caller */
static size_t tmp_n, tmp_cap;

void cli_tmp_add(char *name) { /* under tmp_mu; out of memory: not removed on a signal */
  if (tmp_n == tmp_cap) {
    size_t cap = tmp_cap ? 2 * tmp_cap : 8;
    char **v = realloc(tmp_live, cap * sizeof *v);
    if (!v) return;
    tmp_live = v, tmp_cap = cap;
  }
  tmp_live[tmp_n++] = name;
}

void cli_tmp_remove(const char *name) { /* under tmp_mu */
  for (size_t i = 0; i < tmp_n; i++)
    if (tmp_live[i] == name) {
      tmp_live[i] = tmp_live[--tmp_n];
      return;
    }
}

/* Directories made for an output being written (clean -o DIR/): an output's path and the
 * length of its part that was there before (the directories below it, above the output, were
 * made for it); listed from their mkdir to the output's rename or removal. A signal removes
 * them when empty, the deepest first, as the failed input's own cleanup does (review 19 L2:
 * a JSON Lines file in chunks opens its output at its first chunk, and SIGTERM left the
 * directories made for it, which -j 1, writing at the file's end, had not made yet). */
static struct made_dirs {
  const char *path;
  size_t keep;
} *dir_live;
static size_t dir_n, dir_cap;

void cli_tmp_add_dirs(const char *path, size_t keep) { /* under tmp_mu */
  if (dir_n == dir_cap) {
    size_t cap = dir_cap ? 2 * dir_cap : 4;
    struct made_dirs *v = realloc(dir_live, cap * sizeof *v);
    if (!v) return; /* (out of memory: not removed on a signal) */
    dir_live = v, dir_cap = cap;
  }
  dir_live[dir_n++] = (struct made_dirs){path, keep};
}

void cli_tmp_remove_dirs(const char *path) { /* under tmp_mu */
  for (size_t i = 0; i < dir_n; i++)
    if (dir_live[i].path == path) {
      dir_live[i] = dir_live[--dir_n];
      return;
    }
}

static void unmake_listed(void) {
  for (size_t i = 0; i < dir_n; i++) {
    char p[PATH_MAX];
    size_t n = strlen(dir_live[i].path);
    if (n >= sizeof p) continue;
    memcpy(p, dir_live[i].path, n + 1);
    for (char *s = strrchr(p, '/'); s && (size_t)(s - p) >= dir_live[i].keep; s = strrchr(p, '/')) {
      *s = '\0';
      if (rmdir(p)) break; /* (not empty: an output of the run, or the user's) */
    }
  }
}

static void *sig_thread(void *arg) {
  cli_sig_guard *g = arg;
  int sig;
  while (sigwait(&g->set, &sig)) {
  }
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
  pthread_mutex_lock(&tmp_mu); /* kept: nothing renames or creates a temporary file now */
  for (size_t i = 0; i < tmp_n; i++) unlink(tmp_live[i]);
  unmake_listed();
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  raise(sig); /* pending in this thread, delivered when unblocked: the process ends */
  pthread_sigmask(SIG_UNBLOCK, &one, NULL);
  _exit(128 + sig);
}

/* Blocks SIGINT, SIGTERM and SIGHUP (those not ignored or blocked) in this thread and the ones it starts,
 * and takes them in a thread of their own. Before any other thread is started. */
void cli_sig_guard_start(cli_sig_guard *g) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  g->on = false;
  sigemptyset(&g->set);
  sigset_t cur;
  if (pthread_sigmask(SIG_BLOCK, NULL, &cur)) return;
  int n = 0;
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
    struct sigaction sa; /* an ignored or blocked signal is left as it is */
    if (sigismember(&cur, sigs[i]) || sigaction(sigs[i], NULL, &sa) || sa.sa_handler == SIG_IGN)
      continue;
    sigaddset(&g->set, sigs[i]);
    n++;
  }
  if (!n || pthread_sigmask(SIG_BLOCK, &g->set, &g->old)) return;
  if (pthread_create(&g->th, NULL, sig_thread, g)) {
    pthread_sigmask(SIG_SETMASK, &g->old, NULL);
    return;
  }
  g->on = true;
}

/* After the last temporary file is renamed or removed: a signal that came meanwhile is
 * delivered when the mask is restored. */
void cli_sig_guard_stop(cli_sig_guard *g) {
  if (!g->on) return;
  pthread_cancel(g->th);
  pthread_join(g->th, NULL);
  pthread_sigmask(SIG_SETMASK, &g->old, NULL);
  g->on = false;
  pthread_mutex_lock(&tmp_mu);
  if (!tmp_n) free(tmp_live), tmp_live = NULL, tmp_cap = 0;
  free(dir_live), dir_live = NULL, dir_n = dir_cap = 0; /* (meant for the guarded run only) */
  pthread_mutex_unlock(&tmp_mu);
}

