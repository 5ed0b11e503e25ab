/* pool.h: runs a list of inputs on N worker threads and hands each input's result to the main
 * thread in input order (cli/pool.c; docs/batch.md, "Threads"). Used by the batch runs of
 * clean, dedup and segment (cli/batch.c) and by lint (cli/lint.c).
 *
 * A worker renders an input into a slot: three spools (output, report, messages; memory up
 * to a bound, then a temporary file) it writes through its own streams, and the caller's
 * data (user_size bytes, zeroed before each input). The main thread gets the slots strictly
 * in input order (emit), so what it writes is what one thread would write. */
#ifndef QG_POOL_H
#define QG_POOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct pool pool;
typedef struct pool_slot pool_slot;
enum { POOL_OUT, POOL_REP, POOL_MSG }; /* a slot's spools */

typedef struct pool_cfg {
  size_t n;         /* inputs */
  int workers;      /* 1 or more; no more are started than there are inputs */
  size_t user_size; /* bytes of the caller's data per slot (pool_user) */
  void *ud;
  /* Makes worker k's state on the main thread; streams[POOL_OUT..POOL_MSG] write into the
   * slot the worker runs. Returns 0, or an exit status with the error printed. *state, once
   * set, is given to worker_free even when worker_init fails. */
  int (*worker_init)(void *ud, int k, FILE *const streams[3], void **state);
  void (*worker_free)(void *ud, void *state);
  /* On a worker thread: runs input i into slot s (the streams, pool_user, pool_read). */
  void (*run)(void *ud, void *state, size_t i, pool_slot *s);
  /* Optional: inputs run in parts (the records of a JSON Lines file in chunks, cli/batch.c).
   * Called on a worker thread, one call at a time and in order (the inputs' one reader): puts
   * part k of input i into slot s (pool_user, pool_read) and the worker's state, and returns
   * whether another part of input i follows. The same worker then runs it (run, with i), and
   * each part is emitted in order (pool_part, pool_last say which it is). No more workers are
   * started than there are inputs only when part is NULL. */
  bool (*part)(void *ud, void *state, size_t i, size_t k, pool_slot *s);
  /* On the main thread, in input order: writes what slot s holds. false stops the run
   * (nothing after it is emitted). */
  bool (*emit)(void *ud, pool *p, size_t i, pool_slot *s);
  /* Input i is run only once input i - 1 was emitted (a window of one slot): what run does
   * may depend on what emit did with the input before (clean --dedup-scope run -o DIR/: an
   * output that could not be written takes its paragraphs back out of the repeat index
   * before the next input is looked at; probe 18 D1). */
  bool lockstep;
  /* The progress bar (stderr): drawn when progress is set; size(i) gives the bytes on disk
   * of input i, total their sum (an input counts the larger of size(i) and the pool_read of
   * its parts added up). */
  bool progress;
  /* the size of an input is not known (standard input, a pipe): the bar says the bytes read
   * and the rate, no percentage, total or ETA (audit 24 F11: "100% 2.9 MB of 2.9 MB") */
  bool total_unknown;
  uint64_t total;
  uint64_t (*size)(void *ud, size_t i);
} pool_cfg;

/* Makes the run and its workers (worker_init); NULL with *status set (the error printed). */
pool *pool_new(const pool_cfg *c, int *status);
/* Worker k's state. */
void *pool_worker(pool *p, int k);
/* Runs every input, emitting in order; -1 when a thread could not be started or emit stopped
 * the run (the message printed for the first). The progress bar is erased at the end. */
int pool_run(pool *p);
/* Bytes read from disk by the inputs emitted (the larger of size(i) and pool_read). */
uint64_t pool_bytes_done(const pool *p);
void pool_free(pool *p);

/* In run: the caller's data and the counter of bytes read so far (for the progress bar).
 * In emit: the same, and what the worker wrote. */
void *pool_user(pool_slot *s);
_Atomic uint64_t *pool_read(pool_slot *s);
/* In run: the worker's stream into spool k (POOL_OUT, POOL_REP, POOL_MSG). */
FILE *pool_stream(pool_slot *s, int k);
/* In run: the bytes written so far into spool k (its stream flushed); UINT64_MAX when the
 * stream cannot be flushed. With pool_copy_range, a part of what was written can be left out
 * when it is emitted. */
uint64_t pool_tell(pool_slot *s, int k);
/* In emit (and run): which part of its input the slot holds (0 without cfg.part), and whether
 * it is the last. */
size_t pool_part(const pool_slot *s);
bool pool_last(const pool_slot *s);
/* In emit: 0, or the errno of a spool that could not hold what was written to it. */
int pool_error(const pool_slot *s);
/* In emit, after pool_error: what failed, into buf ("temporary file in /tmp: No space left on
 * device", "no temporary file in DIR (No such file or directory), and the outputs held in
 * memory instead reached 256 MiB", or errno's text); true when it was a temporary file, which
 * fails the input (its output is not whole: none of it is written) and not the run. */
bool pool_error_text(const pool_slot *s, char *buf, size_t n);
bool pool_empty(const pool_slot *s, int k);
/* Copies spool k to out; 0 or -1 (errno set). */
int pool_copy(pool_slot *s, int k, FILE *out);
/* Copies bytes [from, to) of spool k to out (offsets from pool_tell; a to past the end: up
 * to it); 0 or -1 (errno set). */
int pool_copy_range(pool_slot *s, int k, FILE *out, uint64_t from, uint64_t to);
/* In run: throws away what the worker wrote so far into spool k of its slot (lint --fix: the
 * report of a pass that a later pass replaces). 0, or -1 when the stream cannot be flushed. */
int pool_discard(pool_slot *s, int k);
/* Erases the progress bar before the main thread writes to stderr (or to a terminal). */
void pool_erase(pool *p);
/* v bytes as the progress bar and the summaries write them ("512 bytes", "1.5 KB", "2.0 MB"). */
void pool_fmt_bytes(char *s, size_t n, double v);

#endif
