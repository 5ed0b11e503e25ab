/* pool.c: inputs run on worker threads, results handed over in input order (pool.h).
 *
 * Threading model: N worker threads each own their state (a pipeline, a writer, …; made by
 * worker_init) and three streams, and take the next input in order; an input is rendered
 * into its slot: output, report and message spools (memory up to a bound, then a temporary
 * file) and the caller's data. The main thread emits the slots strictly in input order, so
 * the bytes are those of a single-threaded run. At most `window` inputs (16 per worker, 256
 * in all) are in flight or finished-but-unemitted, and their spools hold at most 16 MiB in
 * memory together (the rest goes to temporary files), so one slow early input does not let
 * the others pile up in memory.
 *
 * With cfg.part an input is run in parts (a JSON Lines file's records in chunks): a worker
 * claims the next part under claim_mu, which makes the claims one at a time and in order, and
 * puts it into its slot (part: reads it), then runs it as it runs an input; the slots are
 * those of parts ("jobs"), emitted in order as inputs are. A worker holds the part it runs;
 * the window bounds the parts waiting as it bounds inputs.
 *
 * One input in one piece, with no progress bar, runs on the main thread itself (pool_run): no
 * thread is started for it.
 *
 * The main thread also draws the progress bar (stderr on a terminal, when asked), erased at
 * the end and by pool_erase before anything else is written to stderr. */
#define _GNU_SOURCE
#include "pool.h"
#include "cli.h"
#include "zio.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* Spool memory per slot before a temporary file takes over (output; report and messages),
 * and for all slots together: past it, every spool that grows goes to its temporary file. */
#define OUT_MEM (512u << 10)
#define SIDE_MEM (128u << 10)
#define ALL_MEM (16u << 20)
/* When no temporary file can be made ($TMPDIR missing, not writable, full of inodes), spools
 * stay in memory up to this for all slots together; past it, the input whose spool grows
 * fails (docs/batch.md, "Temporary files and signals"; review 19 L3). */
#define NOFILE_MEM (256u << 20)
/* Inputs in flight or waiting to be emitted, per worker and in all. */
#define SLOTS_PER_WORKER 16
#define SLOTS_MAX 256

/* ---- spools: memory up to a limit, then a temporary file ---------------------------------- */

typedef struct bspool {
  char *mem;
  size_t len, cap, limit;
  uint64_t total; /* bytes written since the last reset (memory and file) */
  int fd;         /* the temporary file (written with pwrite at `total`, read with pread), or
                   * -1; its bytes are all of the spool's, none in mem (session 38: a FILE's
                   * buffer hid how much reached the file when a write failed) */
  _Atomic size_t *all; /* bytes in memory in all spools of the run */
  int tmp_err;         /* errno of the temporary file that could not be made, or that stopped
                        * taking writes (the spool then stays in memory, up to NOFILE_MEM in
                        * all); 0: none */
  bool over;           /* failed for NOFILE_MEM */
  bool filled;         /* tmp_err is of a file that was made and then stopped taking writes */
  size_t nofile_mem;   /* NOFILE_MEM (QINGGAO_TEST_NOFILE_MEM: less, for the tests) */
} bspool;

/* n bytes at offset off of fd, past short writes and EINTR: 0, or -1 with errno */
static int put_at(int fd, const char *d, size_t n, uint64_t off) {
  while (n) {
    ssize_t k = pwrite(fd, d, n, (off_t)off);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      if (!k) errno = ENOSPC;
      return -1;
    }
    d += k, n -= (size_t)k, off += (uint64_t)k;
  }
  return 0;
}

/* Up to n bytes at offset off of fd into d: the count (short only at the file's end), or -1 */
static ssize_t get_at(int fd, char *d, size_t n, uint64_t off) {
  size_t got = 0;
  while (got < n) {
    ssize_t k = pread(fd, d + got, n - got, (off_t)(off + got));
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) return -1;
    if (!k) break;
    got += (size_t)k;
  }
  return (ssize_t)got;
}

/* Room for n more bytes in memory (the bound of all spools is the caller's) */
static int bs_grow(bspool *s, size_t n) {
  if (s->len + n <= s->cap) return 0;
  size_t cap = s->cap ? s->cap : 4096;
  while (cap < s->len + n) cap *= 2;
  char *m = realloc(s->mem, cap);
  if (!m) return -1;
  s->mem = m, s->cap = cap;
  return 0;
}

/* The temporary file stopped taking writes (a full disk, a quota: errno e): what it holds is
 * read back into memory and the spool goes on there, as when no file can be made (session 38:
 * the input failed, and lint stopped the run there). -1 when even that fails. */
static int bs_unfile(bspool *s, int e) {
  int fd = s->fd;
  s->fd = -1;
  s->tmp_err = e ? e : EIO;
  s->filled = true;
  size_t n = (size_t)s->total;
  if (n > s->nofile_mem || atomic_load(s->all) + n > s->nofile_mem) {
    close(fd);
    s->over = true;
    errno = s->tmp_err;
    return -1;
  }
  s->len = 0;
  if (bs_grow(s, n) || get_at(fd, s->mem, n, 0) != (ssize_t)n) {
    int r = errno;
    close(fd);
    errno = r ? r : EIO;
    return -1;
  }
  close(fd);
  s->len = n;
  atomic_fetch_add(s->all, n);
  return 0;
}

static int bs_write(bspool *s, const char *d, size_t n) {
  if (s->fd < 0 && !s->tmp_err && (s->len + n > s->limit || atomic_load(s->all) + n > ALL_MEM)) {
    FILE *f = qg_tmpfile();
    int fd = f ? dup(fileno(f)) : -1;
    int e = errno;
    if (f) fclose(f);
    if (fd < 0) {
      s->tmp_err = e ? e : EIO; /* (tried once: in memory from here on) */
    } else if (s->len && put_at(fd, s->mem, s->len, 0)) {
      s->tmp_err = errno ? errno : EIO; /* (the memory still holds it all) */
      s->filled = true;
      close(fd);
    } else {
      (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
      s->fd = fd;
      atomic_fetch_sub(s->all, s->len);
      s->len = 0;
      free(s->mem); /* the memory is not kept for a spool that went to a file */
      s->mem = NULL;
      s->cap = 0;
    }
  }
  if (s->fd >= 0) {
    if (!put_at(s->fd, d, n, s->total)) {
      s->total += n;
      return 0;
    }
    if (bs_unfile(s, errno)) return -1;
  }
  if (s->tmp_err && atomic_load(s->all) + n > s->nofile_mem) {
    s->over = true;
    errno = s->tmp_err;
    return -1;
  }
  if (bs_grow(s, n)) return -1;
  memcpy(s->mem + s->len, d, n);
  s->len += n;
  s->total += n;
  atomic_fetch_add(s->all, n);
  return 0;
}

static bool bs_empty(const bspool *s) { return s->fd < 0 && !s->len; }

/* Bytes [from, to) of what was written. */
static int bs_copy_range(bspool *s, FILE *out, uint64_t from, uint64_t to) {
  if (to > s->total) to = s->total;
  if (to <= from) return 0;
  if (s->fd < 0) {
    if (to > s->len) return errno = EINVAL, -1;
    return fwrite(s->mem + from, 1, to - from, out) != to - from ? -1 : 0;
  }
  char tmp[16384]; /* (16 KiB: a 64 KiB frame overflowed a 64 KiB stack, session 38) */
  while (from < to) {
    ssize_t n = get_at(s->fd, tmp, to - from < sizeof tmp ? (size_t)(to - from) : sizeof tmp, from);
    if (n <= 0) return n ? -1 : (errno = EIO, -1);
    if (fwrite(tmp, 1, (size_t)n, out) != (size_t)n) return -1;
    from += (uint64_t)n;
  }
  return 0;
}

static int bs_copy(bspool *s, FILE *out) { return bs_copy_range(s, out, 0, s->total); }

static void bs_reset(bspool *s) {
  if (s->fd >= 0) close(s->fd);
  s->fd = -1;
  s->tmp_err = 0;
  s->over = s->filled = false;
  s->total = 0;
  if (s->len) atomic_fetch_sub(s->all, s->len);
  s->len = 0;
  if (s->cap > (64u << 10)) { /* after a big input: memory back */
    free(s->mem);
    s->mem = NULL;
    s->cap = 0;
  }
}

static void bs_free(bspool *s) {
  bs_reset(s);
  free(s->mem);
  s->mem = NULL;
  s->cap = 0;
}

/* ---- slots, workers, the run -------------------------------------------------------------- */

typedef struct worker worker;

struct pool_slot { /* one input's result, written by a worker, read by the main thread */
  bspool sp[3];
  int err;               /* errno of a spool that failed */
  void *user;
  worker *wk;            /* the worker running it */
  _Atomic uint64_t read; /* bytes read from disk so far (progress) */
  size_t input, part;    /* what it holds: part `part` of input `input` */
  bool last;             /* the input's last part */
  bool ready;            /* under the run's mutex */
};

struct worker {
  pool *p;
  pthread_t t;
  bool started;
  void *state;
  FILE *f[3]; /* streams into the current slot's spools */
  pool_slot *cur;
};

struct pool {
  pool_cfg c;
  int nworkers;
  worker *wk;
  pool_slot *slots;
  char *user;
  size_t window;
  pthread_mutex_t mu;
  pthread_mutex_t claim_mu;      /* one claim at a time (cfg.part: the inputs' one reader) */
  pthread_cond_t cv_work, cv_done;
  size_t next_claim, next_write; /* jobs (inputs, or parts of inputs); under mu */
  size_t claim_in, claim_part;   /* the input and part the next job is; under mu */
  bool claimed_all;              /* every input claimed, next_claim the number of jobs; under mu */
  bool stop;                     /* under mu */
  size_t inputs_done;            /* inputs whose last part was emitted */
  uint64_t in_read;              /* pool_read of the parts of the input being emitted */
  _Atomic size_t spooled;        /* bytes in the slots' memory */
  uint64_t bytes_done;
  bool bar_shown;
  double t0, last_draw;
};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* stdio streams that write into the worker's current slot */
/* (0 on an error: fopencookie(3)'s write must not return a negative count, which glibc takes
 * as one and reads past its buffer; review 19 H1) */
/* (the first error is kept in the slot: the stream's own error state does not outlast the
 * write, and a later fflush finds nothing to write; review 19 L3) */
static ssize_t w_any(worker *wk, int k, const char *buf, size_t n) {
  if (!bs_write(&wk->cur->sp[k], buf, n)) return (ssize_t)n;
  if (!wk->cur->err) wk->cur->err = errno ? errno : EIO;
  return 0;
}
static ssize_t w_out(void *c, const char *buf, size_t n) { return w_any(c, POOL_OUT, buf, n); }
static ssize_t w_rep(void *c, const char *buf, size_t n) { return w_any(c, POOL_REP, buf, n); }
static ssize_t w_msg(void *c, const char *buf, size_t n) { return w_any(c, POOL_MSG, buf, n); }

void *pool_user(pool_slot *s) { return s->user; }
_Atomic uint64_t *pool_read(pool_slot *s) { return &s->read; }
FILE *pool_stream(pool_slot *s, int k) { return s->wk->f[k]; }
int pool_error(const pool_slot *s) { return s->err; }
bool pool_error_text(const pool_slot *s, char *buf, size_t n) {
  const bspool *t = NULL;
  for (int k = 0; k < 3 && !t; k++)
    if (s->sp[k].over || (s->sp[k].fd >= 0 && s->sp[k].tmp_err)) t = &s->sp[k];
  if (!t) snprintf(buf, n, "%s", strerror(s->err));
  else if (t->over) {
    char lim[32]; /* (MiB; KiB for the tests' smaller bound) */
    if (t->nofile_mem >= (1u << 20)) snprintf(lim, sizeof lim, "%zu MiB", t->nofile_mem >> 20);
    else snprintf(lim, sizeof lim, "%zu KiB", t->nofile_mem >> 10);
    snprintf(buf, n, "%s %s%s (%s), and the outputs held in memory instead reached %s",
             t->filled ? "the temporary file in" : "no temporary file in", qg_tmpdir(),
             t->filled ? " stopped taking writes" : "", strerror(t->tmp_err), lim);
  }
  else snprintf(buf, n, "temporary file in %s: %s", qg_tmpdir(), strerror(t->tmp_err));
  return t != NULL;
}
bool pool_empty(const pool_slot *s, int k) { return bs_empty(&s->sp[k]); }
int pool_discard(pool_slot *s, int k) {
  if (fflush(s->wk->f[k])) return -1;
  bs_reset(&s->sp[k]);
  return 0;
}
int pool_copy(pool_slot *s, int k, FILE *out) { return bs_copy(&s->sp[k], out); }
int pool_copy_range(pool_slot *s, int k, FILE *out, uint64_t from, uint64_t to) {
  return bs_copy_range(&s->sp[k], out, from, to);
}
uint64_t pool_tell(pool_slot *s, int k) {
  return fflush(s->wk->f[k]) ? UINT64_MAX : s->sp[k].total;
}
size_t pool_part(const pool_slot *s) { return s->part; }
bool pool_last(const pool_slot *s) { return s->last; }
void *pool_worker(pool *p, int k) { return p->wk[k].state; }
uint64_t pool_bytes_done(const pool *p) { return p->bytes_done; }

static void *worker_main(void *arg) {
  worker *wk = arg;
  pool *p = wk->p;
  for (;;) {
    pthread_mutex_lock(&p->claim_mu);
    pthread_mutex_lock(&p->mu);
    while (!p->stop && p->claim_in < p->c.n && p->next_claim >= p->next_write + p->window)
      pthread_cond_wait(&p->cv_work, &p->mu);
    if (p->stop || p->claim_in >= p->c.n) {
      if (!p->stop) p->claimed_all = true;
      pthread_cond_broadcast(&p->cv_done); /* (the main thread may wait for a job that is not) */
      pthread_mutex_unlock(&p->mu);
      pthread_mutex_unlock(&p->claim_mu);
      break;
    }
    size_t job = p->next_claim, i = p->claim_in, k = p->claim_part;
    pthread_mutex_unlock(&p->mu);
    pool_slot *s = &p->slots[job % p->window];
    wk->cur = s;
    s->wk = wk;
    s->err = 0;
    s->input = i, s->part = k;
    if (p->c.user_size) memset(s->user, 0, p->c.user_size);
    bool last = !p->c.part || !p->c.part(p->c.ud, wk->state, i, k, s);
    s->last = last;
    pthread_mutex_lock(&p->mu);
    p->next_claim = job + 1;
    if (last) p->claim_in = i + 1, p->claim_part = 0;
    else p->claim_part = k + 1;
    pthread_mutex_unlock(&p->mu);
    pthread_mutex_unlock(&p->claim_mu);
    p->c.run(p->c.ud, wk->state, i, s);
    for (int k = 0; k < 3; k++) {
      if (fflush(wk->f[k]) && !s->err) s->err = errno ? errno : ENOMEM;
      clearerr(wk->f[k]); /* (the next slot's stream starts without it) */
    }
    pthread_mutex_lock(&p->mu);
    s->ready = true;
    pthread_cond_signal(&p->cv_done);
    pthread_mutex_unlock(&p->mu);
  }
  return NULL;
}

/* ---- progress ----------------------------------------------------------------------------- */

void pool_fmt_bytes(char *s, size_t n, double v) {
  if (v < 10e3) snprintf(s, n, "%.0f bytes", v);
  else if (v < 1e6) snprintf(s, n, "%.1f kB", v / 1e3);
  else snprintf(s, n, "%.1f MB", v / 1e6);
}

void pool_erase(pool *p) {
  if (!p->bar_shown) return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  p->bar_shown = false;
}

static void progress_draw(pool *p) {
  double t = now_s();
  if (!p->c.progress || t - p->last_draw < 0.1) return;
  p->last_draw = t;
  uint64_t done = p->bytes_done;
  for (size_t k = 0; k < p->window; k++) done += atomic_load(&p->slots[k].read);
  uint64_t total = p->c.total > done ? p->c.total : done;
  double el = t - p->t0, rate = el > 0 ? (double)done / el : 0;
  char line[256], dn[32], tn[32];
  pool_fmt_bytes(dn, sizeof dn, (double)done);
  pool_fmt_bytes(tn, sizeof tn, (double)total);
  int len = p->c.total_unknown
                ? snprintf(line, sizeof line, "qinggao: %s read, %zu/%zu files, %.1f MB/s", dn,
                           p->inputs_done, p->c.n, rate / 1e6)
                : snprintf(line, sizeof line, "qinggao: %3d%% %s of %s, %zu/%zu files, %.1f MB/s",
                           total ? (int)(100.0 * (double)done / (double)total) : 0, dn, tn,
                           p->inputs_done, p->c.n, rate / 1e6);
  if (!p->c.total_unknown && rate > 0 && total > done && len > 0 && (size_t)len < sizeof line) {
    unsigned long eta = (unsigned long)((double)(total - done) / rate + 0.5);
    snprintf(line + len, sizeof line - (size_t)len, ", ETA %lu:%02lu", eta / 60, eta % 60);
  }
  struct winsize ws;
  size_t cols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 ? ws.ws_col : 80;
  if (strlen(line) > cols - 1) line[cols - 1] = '\0';
  fprintf(stderr, "\r%s\033[K", line);
  fflush(stderr);
  p->bar_shown = true;
}

/* ---- the run ------------------------------------------------------------------------------ */

pool *pool_new(const pool_cfg *c, int *status) {
  *status = 0;
  pool *p = calloc(1, sizeof *p);
  if (!p) goto nomem;
  p->c = *c;
  p->t0 = now_s();
  int n = c->workers > 0 ? c->workers : 1;
  if (!c->part && (size_t)n > c->n) n = c->n ? (int)c->n : 1;
  p->nworkers = n;
  p->window = SLOTS_PER_WORKER * (size_t)n;
  if (p->window > SLOTS_MAX) p->window = SLOTS_MAX > 2 * (size_t)n ? SLOTS_MAX : 2 * (size_t)n;
  if (c->lockstep) p->window = 1;
  p->wk = calloc((size_t)n, sizeof *p->wk);
  p->slots = calloc(p->window, sizeof *p->slots);
  for (size_t k = 0; p->slots && k < p->window; k++) /* (before anything can fail: pool_free) */
    for (int j = 0; j < 3; j++) p->slots[k].sp[j].fd = -1;
  p->user = calloc(p->window, c->user_size ? c->user_size : 1);
  if (!p->wk || !p->slots || !p->user) goto nomem;
  size_t nofile_mem = NOFILE_MEM;
  const char *nm = getenv("QINGGAO_TEST_NOFILE_MEM"); /* (tests/tmpdir_test.sh) */
  if (nm && *nm) nofile_mem = (size_t)strtoull(nm, NULL, 10);
  for (size_t k = 0; k < p->window; k++) {
    pool_slot *s = &p->slots[k];
    s->sp[POOL_OUT].limit = OUT_MEM;
    for (int j = 0; j < 3; j++) s->sp[j].nofile_mem = nofile_mem;
    s->sp[POOL_REP].limit = s->sp[POOL_MSG].limit = SIDE_MEM;
    for (int j = 0; j < 3; j++) s->sp[j].all = &p->spooled;
    s->user = p->user + k * c->user_size;
  }
  static ssize_t (*const writers[3])(void *, const char *, size_t) = {w_out, w_rep, w_msg};
  for (int k = 0; k < n; k++) {
    worker *wk = &p->wk[k];
    wk->p = p;
    for (int j = 0; j < 3; j++) {
      if (!(wk->f[j] = fopencookie(wk, "w", (cookie_io_functions_t){.write = writers[j]})))
        goto nomem;
      /* only the worker's thread writes to them (and the main thread before it starts and
       * after it ends): no lock per call, which once threads exist costs lint's SARIF output,
       * written a character at a time, 3% of its instructions */
      __fsetlocking(wk->f[j], FSETLOCKING_BYCALLER);
    }
    if ((*status = c->worker_init(c->ud, k, wk->f, &wk->state))) {
      pool_free(p);
      return NULL;
    }
  }
  return p;
nomem:
  fprintf(stderr, "qinggao: out of memory\n");
  pool_free(p);
  *status = 3;
  return NULL;
}

int pool_run(pool *p) {
  int rc = 0;
  int n = p->nworkers;
  pthread_mutex_init(&p->mu, NULL);
  pthread_mutex_init(&p->claim_mu, NULL);
  pthread_cond_init(&p->cv_work, NULL);
  pthread_cond_init(&p->cv_done, NULL);
  /* One input in one piece and no progress bar to draw meanwhile (a CI job that checks an
   * article per process): the worker runs here, on the main thread, before its slot is
   * emitted, as a thread would have done it; no thread is started. A second thread in the
   * process made the run's munmap and madvise calls shoot the other core's TLB down, gave
   * the thread an arena of jemalloc's own, and its stack and exit cost page faults. */
  bool inline_run = n == 1 && p->c.n == 1 && !p->c.part && !p->c.progress;
  if (inline_run) {
    worker_main(&p->wk[0]);
    zio_warn_reset(); /* (what the worker set for its thread is not the main thread's) */
  }
  for (int k = 0; k < n && !inline_run; k++) {
    int e = pthread_create(&p->wk[k].t, NULL, worker_main, &p->wk[k]);
    /* a limit of address space (ulimit -v): the run goes on with the workers that started, who
     * share the jobs (session 38). No retry with a smaller stack: where jemalloc started before
     * heap_decide could give it one arena (a build on the shared library), a thread it cannot
     * give an arena crashes it at its first allocation (review 38 R3) */
    if ((e == EAGAIN || e == ENOMEM) && k > 0) break;
    if (e) {
      fprintf(stderr, "qinggao: cannot start a thread: %s\n", strerror(e));
      pthread_mutex_lock(&p->mu);
      p->stop = true;
      pthread_cond_broadcast(&p->cv_work);
      pthread_mutex_unlock(&p->mu);
      rc = -1;
      break;
    }
    p->wk[k].started = true;
  }
  for (size_t job = 0; !rc; job++) {
    pool_slot *s = &p->slots[job % p->window];
    pthread_mutex_lock(&p->mu);
    while (!s->ready && !(p->claimed_all && job >= p->next_claim)) {
      if (p->c.progress) {
        pthread_mutex_unlock(&p->mu);
        progress_draw(p);
        pthread_mutex_lock(&p->mu);
        if (s->ready || (p->claimed_all && job >= p->next_claim)) break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&p->cv_done, &p->mu, &ts);
      } else {
        pthread_cond_wait(&p->cv_done, &p->mu);
      }
    }
    bool done = !s->ready; /* (every job emitted) */
    pthread_mutex_unlock(&p->mu);
    if (done) break;
    size_t i = s->input;
    if (!p->c.emit(p->c.ud, p, i, s)) rc = -1;
    /* an input counts the larger of its size and what its parts read */
    uint64_t read = atomic_load(&s->read);
    p->bytes_done += read;
    p->in_read += read;
    if (s->last) {
      uint64_t size = p->c.size ? p->c.size(p->c.ud, i) : 0;
      if (size > p->in_read) p->bytes_done += size - p->in_read;
      p->in_read = 0;
      p->inputs_done++;
    }
    for (int j = 0; j < 3; j++) bs_reset(&s->sp[j]);
    atomic_store(&s->read, 0);
    pthread_mutex_lock(&p->mu);
    s->ready = false;
    p->next_write = job + 1;
    if (rc) p->stop = true;
    pthread_cond_broadcast(&p->cv_work);
    pthread_mutex_unlock(&p->mu);
    progress_draw(p);
  }
  for (int k = 0; k < n; k++)
    if (p->wk[k].started) pthread_join(p->wk[k].t, NULL), p->wk[k].started = false;
  pthread_mutex_destroy(&p->mu);
  pthread_mutex_destroy(&p->claim_mu);
  pthread_cond_destroy(&p->cv_work);
  pthread_cond_destroy(&p->cv_done);
  pool_erase(p);
  return rc;
}

void pool_free(pool *p) {
  if (!p) return;
  if (p->wk)
    for (int k = 0; k < p->nworkers; k++) {
      worker *wk = &p->wk[k];
      if (wk->state && p->c.worker_free) p->c.worker_free(p->c.ud, wk->state);
      for (int j = 0; j < 3; j++)
        if (wk->f[j]) fclose(wk->f[j]);
    }
  if (p->slots)
    for (size_t k = 0; k < p->window; k++)
      for (int j = 0; j < 3; j++) bs_free(&p->slots[k].sp[j]);
  free(p->wk);
  free(p->slots);
  free(p->user);
  free(p);
}
