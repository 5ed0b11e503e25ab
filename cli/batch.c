/* batch.c: batch runs of clean, dedup and segment (docs/batch.md).
 *
 * The inputs are collected and stat'ed up front (cli/inputs.c) and run on the worker pool of
 * cli/pool.c (threads, slots in input order, bounded memory): each worker owns a pipeline and
 * a bare writer (qg_writer_set_bare) or a --jsonl handler, and renders a document into its
 * slot (output, --report lines, stderr messages). The main thread writes the slots in input
 * order, so the bytes are those of a single-threaded run: it writes the XML/NITF root start
 * before the first document that ended well and its end after the last, as one writer does.
 * --dedup-scope run needs one order of first occurrences: it runs on one worker.
 *
 * --jsonl on several workers with --dedup-scope doc (every record a document of its own): each
 * input is run in parts (the pool's part), chunks of whole lines that one reader cuts in
 * order (part) and any worker cleans (run_doc); the main thread writes each chunk as it comes
 * and, at an input's last chunk, does what it does for an input run whole (end_input): so
 * one big JSON Lines file runs on every worker, its bytes those of -j 1.
 *
 * The pool draws the progress bar (stderr on a terminal, not --quiet), erased before anything
 * else is written to stderr; this file writes -o DIR outputs and prints the summary. */
#define _GNU_SOURCE
#include "batch.h"
#include "internal.h" /* qg_pipeline_mark */
#include "../stages/writer.h" /* qg_writer_forward_wants_text (wrap_handler) */
#include "jsonl.h"
#include "pool.h"
#include "zio.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_USAGE = 2, EXIT_INPUT = 3 };

/* ---- documents, workers ------------------------------------------------------------------- */

typedef struct bdoc { /* one input's result (the pool slot's data) */
  int rc;
  char err[512];
  uint64_t blocks, changes, removed, dups, kept, archived, warnings, errors; /* kept: repeats
                                                                     * kept, said as warnings */
  uint64_t with_article; /* removed because their article repeats, repeating nothing themselves
                          * (qg_dup_ref.article): apart from dups in the summary (session 41) */
  unsigned long bad_lines, good_lines;
  unsigned long unnamed; /* --id-field: records named by their line for want of an id */
  /* a chunk of a JSON Lines input (part): */
  bool parted, skip; /* skip: nothing to run (the input could not be opened, or is dropped) */
  bool noid_lost;    /* a mark could not be taken: its messages are all written */
  int noid_n;        /* its "named by their line" warnings on stderr, [start, end) in POOL_MSG */
  uint64_t noid[CLI_JSONL_UNNAMED_SAID][2];
} bdoc;

/* A JSON Lines file's records in chunks: whole lines, up to 256 KiB or 512 lines, whichever
 * comes first (a longer line is a chunk of its own). A chunk's output (its lines and the
 * counts) stays under a slot's 512 KiB of output in memory (pool.c; but for a chunk whose last
 * line is long), so a chunk does not go to a temporary file for its size, and at 5-10 MB/s a worker cleans one in 25-50 ms: the work
 * is shared out finely (the end of the file waits for one chunk at most) while the hand-over
 * (a claim, a copy in order) is microseconds a chunk. 512 lines keep chunks of short records
 * short. In memory: the chunk each worker runs, the reader's 64 KiB, and the chunks waiting
 * to be written (16 per worker), as the pool bounds inputs. */
enum { CHUNK_BYTES = 256 << 10, CHUNK_LINES = 512 };

/* A JSON Lines input emitted in chunks (main thread): its figures added up, and its -o DIR/
 * output open while its chunks come. */
typedef struct fileacc {
  bdoc d;                /* the figures; rc and err: those of the chunk that failed */
  bool stopped;          /* a chunk failed: the chunks after it are dropped (as -j 1 stops) */
  bool wrote;            /* output written (standard output, -o FILE) */
  unsigned long unnamed; /* records without an id so far (the first 10 said on stderr) */
  uint64_t read;         /* bytes read (the chunks' pool_read) */
  const char *path;      /* -o DIR/: the output (the input's out), */
  char *tmp, *made;      /* its temporary file, the first directory made for it */
  FILE *out, *raw;
  bool opened;
  int werr; /* the errno of a failed open or write */
} fileacc;

typedef struct batch batch;

typedef struct worker {
  batch *b;
  qg_pipeline *p;
  qg_writer *w;
  cli_jsonl *j;
  cli_jsonl_chunk *chunk; /* --jsonl in chunks: the one it runs */
  FILE *out_f, *rep_f, *msg_f; /* streams into the current slot's spools (cli/pool.c) */
  bdoc *cur;
  pool_slot *slot;
  /* the pipeline's handler is the writer's (or --jsonl's) wrapped, to see the blocks go out
   * and the documents end: the report's lines and the changes wait in the hold until it is
   * known that their paragraph was not removed as a repeat (hold_*) */
  qg_handler inner, outer;
  struct hold *hold; /* NULL: nothing held (no repeat is removed) */
  FILE *jrep;        /* --report FILE.json: --jsonl's own report lines, made JSON (jrep_*) */
  char *src;         /* the name of the document of the last removal held (its note) */
  size_t src_cap;
  /* h_wants_text's answers by the rule's pointer and the severity (rule NULL: none yet) */
  struct wants_memo {
    const char *rule;
    int sev;
    bool text;
  } wants[64];
  /* on_diag is not called for the diagnostics it would only count (on_diag_wants): the
   * document's changes, warnings and errors are the docinfo's (h_end_doc) */
  bool counts_of_info;
} worker;

struct batch {
  cli_batch *cfg;
  cli_inputs in;
  pool *pool;
  /* --stage-times: each stage's seconds, added up over the workers as they are freed */
  const char *stage_name[32];
  double stage_s[32];
  size_t nstage;
  uint64_t stage_bytes; /* the input's bytes (read before the pool is freed) */
  /* output (main thread) */
  bool out_dir;
  FILE *out, *raw_out;
  char *tmp;
  FILE *report_f;
  FILE *report_raw; /* under report_f when --report names FILE.gz or FILE.zst */
  char *report_tmp;  /* its temporary file, renamed over FILE at the end (probe 11b G4) */
  bool report_bad;   /* a write to it failed: the old report stays */
  bool out_lost;     /* the output (standard output or -o FILE) could not be written */
  bool out_cut;      /* ... and it is written in place (standard output, a device, a pipe):
                      * what went before the error stays there (probe 18 D7) */
  long long cut_at;  /* where it stops (bytes; -1: not known, a file appended to) */
  /* standard output, or an output written in place that is not a regular file (a device, a
   * pipe): written through a stream that counts the bytes write(2) took, so that a write error
   * says how much reached it (review 17 N3: "what reached it before the error stays there"
   * when nothing had) */
  struct out_count {
    int fd;
    long long sent;
  } outc;
  bool counted;   /* b->out counts into outc */
  bool to_stdout; /* the output is standard output (b->out counts, over STDOUT_FILENO) */
  const char *head, *tail;
  bool head_written, fatal;
  bool stopped_at; /* an input ran out of memory or was stopped: the inputs after it are not read */
  /* -f text into one output: a blank line between two documents, as between two paragraphs
   * (else the last paragraph of one file would run into the first of the next for anything
   * that reads the output by blank lines) */
  bool doc_sep, wrote_doc;
  bool out_tty; /* output to a terminal: the bar is erased before it */
  /* --dedup-scope run -o DIR/ (the pool in lockstep): the input emitted last had its output
   * dropped (it failed, or its file could not be written), so its paragraphs leave the
   * repeat index before the next input runs (qg_pipeline_mark; probe 18 D1) */
  bool take_back_sync, take_back;
  /* --jsonl into one output: a failed input's records before the damage were written (they
   * stay written: -o FILE is kept for them; probe 18 D3) */
  bool partial_written;
  bool report_tty; /* the report to a terminal (--report /dev/stderr, /dev/tty, -): the same */
  bool report_json; /* --report FILE.json, .jsonl, .ndjson (.gz, .zst): one JSON object a line */
  /* totals */
  unsigned files, failed, ok;
  uint64_t bytes_failed; /* read by failed inputs: not in the summary's bytes (probe 10 F7) */
  uint64_t blocks, changes, removed, dups, kept, archived, warnings, errors; /* kept: repeats
                                                                     * kept, said as warnings */
  uint64_t with_article; /* removed because their article repeats, repeating nothing themselves
                          * (qg_dup_ref.article): apart from dups in the summary (session 41) */
  unsigned long bad_lines, good_lines, unnamed;
  char *failed_names;
  size_t fn_len;
  unsigned fn_count;
  double t0;
  /* --jsonl in chunks */
  bool chunked;
  cli_jsonl_in *rd;      /* the input being cut (part: one call at a time) */
  _Atomic size_t abandon; /* i + 1: input i failed in a chunk, the rest of it is not read */
  fileacc fa;            /* the input being emitted */
};

static uint64_t in_size(void *ud, size_t i) { return ((batch *)ud)->in.v[i].size; }

static void erase(batch *b) {
  if (b->pool) pool_erase(b->pool);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *gcc_severity(qg_severity s) {
  return s == QG_SEV_ERROR ? "error" : s == QG_SEV_WARNING ? "warning" : "note";
}

/* ---- the report's lines, and the changes the output holds ---------------------------------
 * A paragraph removed as a repeat was cleaned first: its edits were raised before its removal,
 * and they are in no output (probe 23 M3). They are left out of the report's lines and of the
 * changes counted (the summary), and the removal says what was removed: its lines and text
 * (a note after it; in the JSON report its "original") and how many of its diagnostics were
 * left out. Since the pipeline raises the diagnostics of a paragraph before it knows whether it
 * goes, each worker holds them (the hold: its report lines when there is a report, else only
 * the changes' places; with -q and no report nothing, worker_init) until the paragraph is out:
 * a removal takes those on its text; a block
 * given to the handler settles those on its text and those before its first line; the end of
 * the document settles the rest (hold_release). What is held is the pipeline's own window (its stages hold at most a few paragraphs,
 * 64 lines, a batch of 32 blocks), so it stays small. The lines are released in the order
 * raised (a prefix of the hold at a time), so the report's order is the one it was, but for
 * the diagnostics of a removed repeat, which go. clean -f json still lists every diagnostic
 * (with "fixed"), and its "stats" count as the library does (qg_docinfo). */

enum { REPORT_TEXT_CHARS = 300 }; /* a removed paragraph's text in the note, at most */

typedef struct held {
  qg_pos start;
  unsigned flags;
  size_t at, len; /* its report line(s) in the hold's text */
  size_t prev;    /* the number (hold.base + index) + 1 of the entry before it on a line of its
                   * bucket (line % HOLD_BUCKETS); 0: none */
} held;
enum { H_CHANGE = 1, H_REMOVAL = 2, H_KEEP = 4, H_GONE = 8 };

/* The entries on a removed paragraph's lines are found through buckets by line (a chain of
 * entries a bucket, newest first), not by a walk over everything held: with a repeat removed
 * in every copy of a page, the hold keeps what came since the last block out (a page's changes)
 * and the walk took 2,500 steps a removal, 18% of clean's time on the seed page repeated. */
enum { HOLD_BUCKETS = 1024 };

typedef struct hold {
  held *v;
  size_t n, cap, head;
  size_t base;     /* the number of v[0]: entries are numbered in the order held */
  size_t *bucket;  /* HOLD_BUCKETS: the number + 1 of the newest entry on a line of each (0:
                    * none); NULL until the first entry */
  char *t;
  size_t tlen, tcap;
  bool nomem; /* an allocation failed: the hold is given up, lines written as they come */
} hold;

static bool pos_lt(qg_pos a, qg_pos b) {
  return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Room for n more bytes of text; false when there is none. */
static bool hold_room(hold *h, size_t n) {
  if (h->tlen + n + 1 <= h->tcap) return true;
  size_t cap = h->tcap ? h->tcap : 4096;
  while (cap < h->tlen + n + 1) cap *= 2;
  char *t = realloc(h->t, cap);
  if (!t) return false;
  h->t = t, h->tcap = cap;
  return true;
}

static void hold_printf(hold *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void hold_printf(hold *h, const char *fmt, ...) {
  if (h->nomem) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(h->t ? h->t + h->tlen : NULL, h->t ? h->tcap - h->tlen : 0, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if (!h->t || h->tlen + (size_t)n + 1 > h->tcap) {
    if (!hold_room(h, (size_t)n)) {
      h->nomem = true;
      return;
    }
    va_start(ap, fmt);
    vsnprintf(h->t + h->tlen, h->tcap - h->tlen, fmt, ap);
    va_end(ap);
  }
  h->tlen += (size_t)n;
}

static void hold_put(hold *h, const char *s, size_t n) {
  if (h->nomem || !hold_room(h, n)) {
    h->nomem = true;
    return;
  }
  memcpy(h->t + h->tlen, s, n);
  h->tlen += n;
  h->t[h->tlen] = '\0';
}

/* s[0..n) as a JSON string (UTF-8 kept; the pipeline's text and names are UTF-8; a NUL of
 * an original, audit 24 F18, as \u0000). */
static void hold_json_strn(hold *h, const char *s, size_t n) {
  hold_put(h, "\"", 1);
  for (const char *p = s, *end = s + n; p < end;) {
    size_t k = strcspn(p, "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10"
                          "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\xe2");
    hold_put(h, p, k); /* (k stops at a NUL: s[n] is one) */
    p += k;
    if (p >= end) break;
    if (*p == (char)0xE2) { /* U+2028, U+2029 escaped (qg_json_line_sep), other characters kept */
      const char *e = qg_json_line_sep(p, strnlen(p, 3));
      if (e) {
        hold_put(h, e, 6);
        p += 3;
      } else {
        hold_put(h, p++, 1);
      }
      continue;
    }
    unsigned char c = (unsigned char)*p++;
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      hold_put(h, e, 2);
    } else if (c == '\n') hold_put(h, "\\n", 2);
    else if (c == '\t') hold_put(h, "\\t", 2);
    else hold_printf(h, "\\u%04x", c);
  }
  hold_put(h, "\"", 1);
}
static void hold_json_str(hold *h, const char *s) { hold_json_strn(h, s, strlen(s)); }

/* The first `max` characters of s (its whole text when shorter) on one line: a line break
 * written \n, a tab \t, other controls \xNN (none is expected in cleaned text: each line of
 * verse is a paragraph); *chars gets the number of characters of s. */
static void hold_text_line(hold *h, const char *s, size_t len, size_t max, size_t *chars) {
  size_t n = 0, i = 0, cut = len;
  for (; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max) cut = i;
  *chars = n;
  for (size_t a = 0; a < cut;) {
    size_t b = a;
    while (b < cut && (unsigned char)s[b] >= 0x20 && s[b] != 0x7f) b++;
    hold_put(h, s + a, b - a);
    if (b == cut) break;
    unsigned char c = (unsigned char)s[b];
    if (c == '\n') hold_put(h, "\\n", 2);
    else if (c == '\t') hold_put(h, "\\t", 2);
    else hold_printf(h, "\\x%02x", c);
    a = b + 1;
  }
  if (cut < len) hold_put(h, "\u2026", strlen("\u2026"));
}

/* Whether a character of the block's text comes from source line `line` (a repaired paragraph
 * spans the lines of what was moved out from between its halves: a caption's lines are not
 * its lines). Positions grow with the offset: a binary search. */
static bool block_has_line(const qg_block *bl, uint32_t line) {
  uint32_t l0 = qg_block_line(bl), l1 = qg_block_end_line(bl);
  if (line < l0 || line > l1) return false;
  if (line == l0 || line == l1) return true; /* its first and last characters are there */
  size_t len;
  const char *t = qg_block_text(bl, &len);
  size_t lo = 0, hi = len; /* the first offset on `line` or after it is in [lo, hi] */
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    while (m > lo && ((unsigned char)t[m] & 0xC0) == 0x80) m--;
    if (qg_block_pos(bl, m).line >= line) {
      hi = m;
    } else {
      m++;
      while (m < hi && ((unsigned char)t[m] & 0xC0) == 0x80) m++;
      lo = m;
    }
  }
  return qg_block_pos(bl, lo).line == line;
}

/* Whether a diagnostic at `at` is on the text of the block bl, whose text ends at `end`: from
 * `start` (its first line's column 1, or where a block split off the end of a line starts) up
 * to `end`, on one of its lines. */
static bool on_block(const qg_block *bl, qg_pos start, qg_pos end, qg_pos at) {
  return !pos_lt(at, start) && pos_lt(at, end) && block_has_line(bl, at.line);
}

/* Writes the hold's first entries that are settled: gone (a repeat's), all of them (the end of
 * the document), or, when the block bl went out (NULL: none), those before its first line and
 * those on its text. Blocks go out in the order of the text, but for a caption or credit that
 * the repair stage moved after the paragraph it cut (para-move): its lines are inside that
 * paragraph's span, not on its text, and wait for it. The first entry not settled holds back
 * those after it: the order stays the one raised. */
static void hold_release(worker *wk, const qg_block *bl, bool all) {
  hold *h = wk->hold;
  qg_pos start = {0}, end = {0};
  if (bl) {
    size_t len;
    (void)qg_block_text(bl, &len);
    start = (qg_pos){.line = qg_block_line(bl), .col = 1}, end = qg_block_pos(bl, len);
  }
  while (h->head < h->n) {
    const held *e = &h->v[h->head];
    if (!all && !(e->flags & H_GONE) &&
        !(bl && (pos_lt(e->start, start) || on_block(bl, start, end, e->start))))
      break;
    if (!(e->flags & H_GONE) && e->len) fwrite(h->t + e->at, 1, e->len, wk->rep_f);
    h->head++;
  }
  if (h->head == h->n) {
    h->base += h->n;
    h->head = h->n = h->tlen = 0;
  } else if (h->head >= 256 && h->head * 2 >= h->n) { /* the rest to the front */
    size_t base = h->v[h->head].at;
    if (h->t) memmove(h->t, h->t + base, h->tlen - base); /* (no text without a report) */
    h->tlen -= base;
    memmove(h->v, h->v + h->head, (h->n - h->head) * sizeof *h->v);
    h->base += h->head;
    h->n -= h->head, h->head = 0;
    for (size_t i = 0; i < h->n; i++) h->v[i].at -= base;
  }
}

/* A new entry (its text: what was put since tlen0); NULL when memory ran out. */
static held *hold_add(worker *wk, qg_pos start, unsigned flags, size_t tlen0) {
  hold *h = wk->hold;
  if (!h->bucket && !(h->bucket = calloc(HOLD_BUCKETS, sizeof *h->bucket))) return NULL;
  if (h->n == h->cap) {
    size_t cap = h->cap ? 2 * h->cap : 256;
    held *v = realloc(h->v, cap * sizeof *v);
    if (!v) return NULL;
    h->v = v, h->cap = cap;
  }
  size_t *b = &h->bucket[start.line % HOLD_BUCKETS];
  held *e = &h->v[h->n];
  *e = (held){.start = start, .flags = flags, .at = tlen0, .len = h->tlen - tlen0, .prev = *b};
  *b = h->base + h->n + 1;
  h->n++;
  return e;
}

static const char *json_severity(qg_severity s) {
  return s == QG_SEV_ERROR ? "error" : s == QG_SEV_WARNING ? "warning" : "info";
}

/* The report's entry for d into the hold's text: `file:line:col: severity: message [rule]`, a
 * diagnostic clean did not apply marked `(not changed)` before its rule (probe 23 M3: `needs no
 * grouping: 1234` read as a change); or, --report FILE.json, one JSON object: clean -f json's
 * fields of a diagnostic and "file". */
static void report_entry(worker *wk, hold *h, const qg_diag *d) {
  if (!wk->b->report_json) {
    hold_printf(h, "%s:%u:%u: %s: %s%s [%s]\n", d->source, d->start.line, d->start.col,
                gcc_severity(d->severity), d->message, d->fixed ? "" : " (not changed)", d->rule);
    return;
  }
  hold_put(h, "{\"file\":", 8);
  hold_json_str(h, d->source);
  hold_printf(h, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,\"rule\":",
              d->start.line, d->start.col, d->end.line, d->end.col);
  hold_json_str(h, d->rule);
  hold_printf(h, ",\"severity\":\"%s\",\"message\":", json_severity(d->severity));
  hold_json_str(h, d->message);
  if (d->original)
    hold_put(h, ",\"original\":", 12), hold_json_strn(h, d->original, d->original_len);
  if (d->replacement)
    hold_put(h, ",\"replacement\":", 15), hold_json_strn(h, d->replacement, d->replacement_len);
  hold_printf(h, ",\"fixed\":%s}\n", d->fixed ? "true" : "false");
}

static bool is_repeat_rule(const char *rule) {
  return rule[0] == 'd' && (!strcmp(rule, "dup-paragraph") || !strcmp(rule, "dup-near") ||
                            !strcmp(rule, "dup-record")); /* (a kept record: a warning) */
}

static int on_diag(void *ud, const qg_diag *d) {
  worker *wk = ud;
  bdoc *c = wk->cur;
  const bool report = wk->b->cfg->report;
  if (d->severity == QG_SEV_ERROR) c->errors++;
  if (d->severity == QG_SEV_WARNING) c->warnings++;
  /* (qg_diag_is_change asked of a rule that may be a repeat's, dup-*: the edits of the other
   * rules are changes when fixed, without the call) */
  bool change = d->rule[0] == 'd' ? qg_diag_is_change(d) : d->fixed;
  if (change) c->changes++;
  /* nothing held and no report (-q): only the rules named below, which all start with d, do
   * more than count (most of the run's diagnostics are edits of other rules) */
  if (!wk->hold && !report && d->rule[0] != 'd') return 0;
  /* a repeat kept on purpose (a short instruction under another numbered item: a warning) is
   * no duplicate removed or marked; the summary says them apart (probe 15 #11: "346 removed
   * (351 duplicates)") */
  if (is_repeat_rule(d->rule)) {
    if (d->severity == QG_SEV_WARNING) c->kept++;
    else if (d->dup && d->dup->article) c->with_article++; /* ("3 removed (1 duplicate, 2 with
                                                            * repeated articles)") */
    else c->dups++;
  }
  if (d->rule[0] == 'd' && !strcmp(d->rule, "dup-archive")) c->archived++;
  if (d->severity == QG_SEV_ERROR && d->rule[0] == 'd' && !strcmp(d->rule, "decode-invalid"))
    fprintf(wk->msg_f, "qinggao: %s:%u:%u: %s\n", d->source, d->start.line, d->start.col,
            d->message);
  /* a full repeat index or bounded lookups: repeats go unfound, said on standard error too
   * (probe 15 #1: only --report had it, and dedup has none) */
  /* and a short legacy input whose encoding is a close guess (review 17 P1: Big5 read as
   * GB18030 into kana, not a word on standard error) */
  if (d->rule[0] == 'd' && !wk->b->cfg->quiet &&
      (!strcmp(d->rule, "dedup-limit") || !strcmp(d->rule, "decode-guess")))
    fprintf(wk->msg_f, "qinggao: %s:%u:%u: warning: %s [%s]\n", d->source, d->start.line,
            d->start.col, d->message, d->rule);
  hold *h = wk->hold;
  if (h && !h->nomem) {
    /* the removal of a repeat (a marked one is no removal: not fixed) */
    unsigned flags = (change ? H_CHANGE : 0) | (is_repeat_rule(d->rule) && d->fixed ? H_REMOVAL : 0);
    /* what is said of a paragraph as a whole stays (found in the archive, the index's bounds) */
    if (d->rule[0] == 'd' && (!strncmp(d->rule, "dup-", 4) || !strncmp(d->rule, "dedup-", 6)))
      flags |= H_KEEP;
    if (!report && !(flags & (H_CHANGE | H_REMOVAL))) return 0; /* only counted */
    size_t t0 = h->tlen;
    if (report) report_entry(wk, h, d);
    if ((flags & H_REMOVAL) && report && !wk->b->report_json) { /* its note names the file */
      size_t n = strlen(d->source) + 1;
      char *src = n > wk->src_cap ? realloc(wk->src, n) : wk->src;
      if (!src) h->nomem = true;
      else memcpy(src, d->source, n), wk->src = src, wk->src_cap = n > wk->src_cap ? n : wk->src_cap;
    }
    if (!h->nomem && hold_add(wk, d->start, flags, t0)) return 0;
    h->nomem = true; /* out of memory: what is held is written, the rest as it comes */
    h->tlen = t0;
    hold_release(wk, NULL, true);
  }
  if (report) {
    hold tmp = {0};
    report_entry(wk, &tmp, d);
    if (tmp.t) fwrite(tmp.t, 1, tmp.tlen, wk->rep_f);
    free(tmp.t);
  }
  return 0;
}

/* on_diag reads the text of a diagnostic for --report and for the decode errors, encoding
 * guesses and dedup limits it prints (their rules start with d: the others are answered
 * without a comparison, as wrap_handler asks it of every diagnostic of the text and XML
 * writers). */
static bool on_diag_wants_text(void *ud, const char *rule, qg_severity s) {
  const worker *wk = ud;
  if (rule[0] != 'd') return wk->b->cfg->report;
  return wk->b->cfg->report || (s == QG_SEV_ERROR && !strcmp(rule, "decode-invalid")) ||
         (!wk->b->cfg->quiet && (!strcmp(rule, "dedup-limit") || !strcmp(rule, "decode-guess")));
}

/* on_diag_wants_text as the pipeline's diag_wants (asked once per rule and severity in a
 * document, the answer kept: session 51, s51-count), and with nothing held and no report
 * (-q) a rule not starting with d not given to on_diag at all: on_diag would only count it,
 * and the pipeline counts it in the docinfo, which h_end_doc takes (about 115 instructions
 * of each of the 51 K edits of the 2 MB bench copy: the qg_diag made, on_diag's call). */
static unsigned on_diag_wants(void *ud, const char *rule, qg_severity s) {
  const worker *wk = ud;
  if (rule[0] != 'd' && !wk->hold && !wk->b->cfg->report) return QG_WANTS_NOTHING;
  return on_diag_wants_text(ud, rule, s) ? QG_WANTS_ALL : QG_WANTS_CALL;
}

/* A paragraph removed: right after the diagnostic that says so (qg_block_remove). A repeat's
 * diagnostics still held whose place is in its text go (and its changes are not counted), and
 * the report says what it was. */
static int on_removed(void *ud, const qg_block *bl, const qg_removal *why) {
  worker *wk = ud;
  wk->cur->removed++;
  hold *h = wk->hold;
  if (!h || h->nomem) return 0;
  size_t len;
  const char *text = qg_block_text(bl, &len);
  qg_pos end = qg_block_pos(bl, len);
  held *r = h->n > h->head ? &h->v[h->n - 1] : NULL;
  if (r && (r->flags & H_REMOVAL) && is_repeat_rule(why->why)) {
    size_t edits = 0, other = 0;
    /* the entries before r on the block's text: through the buckets of its lines, or (lines
     * more than entries held, or than buckets) a walk over the entries */
    uint32_t l0 = qg_block_line(bl), l1 = qg_block_end_line(bl);
    const size_t first = h->base + h->head, at_r = h->base + (size_t)(r - h->v);
    const bool by_line = (size_t)(l1 - l0) < HOLD_BUCKETS && (size_t)(l1 - l0) < at_r - first;
    for (uint64_t l = l0; by_line && l <= l1; l++)
      for (size_t s = h->bucket[l % HOLD_BUCKETS]; s > first; s = h->v[s - 1 - h->base].prev) {
        held *e = &h->v[s - 1 - h->base];
        if (s - 1 >= at_r || e->start.line != l || (e->flags & (H_GONE | H_KEEP | H_REMOVAL)) ||
            !on_block(bl, r->start, end, e->start))
          continue;
        e->flags |= H_GONE;
        if (e->flags & H_CHANGE) edits++, wk->cur->changes--;
        else other++;
      }
    for (held *e = &h->v[h->head]; !by_line && e < r; e++) {
      if ((e->flags & (H_GONE | H_KEEP | H_REMOVAL)) || !on_block(bl, r->start, end, e->start))
        continue;
      e->flags |= H_GONE;
      if (e->flags & H_CHANGE) edits++, wk->cur->changes--;
      else other++;
    }
    if (wk->b->cfg->report) {
      size_t t0 = h->tlen;
      if (wk->b->report_json) { /* the object's closing brace: the count added before it */
        if (edits + other && h->tlen >= 2 && !strcmp(h->t + h->tlen - 2, "}\n")) {
          h->tlen -= 2;
          hold_printf(h, ",\"withheld\":%zu}\n", edits + other);
        }
      } else {
        hold_printf(h, "%s:%u:%u: note: removed, line", wk->src, r->start.line,
                    r->start.col);
        if (l1 > l0) hold_printf(h, "s %u\u2013%u", l0, l1);
        else hold_printf(h, " %u", l0);
        size_t chars = 0;
        for (size_t i = 0; i < len; i++) chars += ((unsigned char)text[i] & 0xC0) != 0x80;
        bool cut = chars > REPORT_TEXT_CHARS;
        if (cut || edits || other) {
          hold_put(h, " (", 2);
          if (cut) hold_printf(h, "the first %d of %zu characters", REPORT_TEXT_CHARS, chars);
          if (cut && (edits || other)) hold_put(h, "; ", 2);
          if (edits) hold_printf(h, "its %zu edit%s", edits, edits == 1 ? "" : "s");
          if (edits && other) hold_put(h, " and ", 5);
          if (other) hold_printf(h, "%s%zu finding%s", edits ? "" : "its ", other,
                                 other == 1 ? "" : "s");
          if (edits || other) hold_put(h, " not listed: in no output", 25);
          hold_put(h, ")", 1);
        }
        hold_put(h, ": ", 2);
        hold_text_line(h, text, len, REPORT_TEXT_CHARS, &chars);
        hold_printf(h, " [%s]\n", why->why);
      }
      if (h->nomem) h->tlen = t0;
      else r->len += h->tlen - t0; /* (the removal is the last entry: its text is at the end) */
    }
  }
  hold_release(wk, NULL, false); /* (what is gone; the rest waits for a block to go out) */
  return 0;
}

/* --report FILE.json with --jsonl: the lines cli/jsonl.c writes into the report itself (a bad
 * line, a record named by its line: `FILE:LINE:COL: severity: message [rule]`) go through this
 * stream and come out as the report's JSON objects (no span: end = start; not fixed). */
typedef struct jrep {
  worker *wk;
  char *line;
  size_t len, cap;
} jrep;

static void jrep_line(jrep *j) {
  hold out = {0};
  char *l = j->line;
  l[j->len - 1] = '\0'; /* (the '\n') */
  /* the file's name may hold a colon: the place is the first ":LINE:COL: severity: " */
  static const char *const sev[] = {"error", "warning", "note"};
  char *p = l, *msg = NULL, *rule = NULL;
  unsigned long line = 0, col = 0;
  int k = -1;
  for (; (p = strchr(p, ':')); p++) {
    char *e;
    line = strtoul(p + 1, &e, 10);
    if (e == p + 1 || *e != ':') continue;
    char *c = e + 1;
    col = strtoul(c, &e, 10);
    if (e == c || strncmp(e, ": ", 2)) continue;
    for (k = 2; k >= 0; k--)
      if (!strncmp(e + 2, sev[k], strlen(sev[k])) && !strncmp(e + 2 + strlen(sev[k]), ": ", 2))
        break;
    if (k >= 0) {
      msg = e + 2 + strlen(sev[k]) + 2;
      break;
    }
  }
  size_t ml = msg ? strlen(msg) : 0;
  if (msg && ml > 3 && msg[ml - 1] == ']' && (rule = strstr(msg, " ["))) {
    char *r;
    while ((r = strstr(rule + 2, " ["))) rule = r; /* the last one */
    *rule = '\0', rule += 2, msg[ml - 1] = '\0';
  }
  if (!msg || !rule) { /* (not expected: the line as the message) */
    hold_put(&out, "{\"message\":", 11);
    hold_json_str(&out, l);
    hold_put(&out, "}\n", 2);
  } else {
    *p = '\0';
    hold_put(&out, "{\"file\":", 8);
    hold_json_str(&out, l);
    hold_printf(&out, ",\"line\":%lu,\"column\":%lu,\"end_line\":%lu,\"end_column\":%lu,\"rule\":",
                line, col, line, col);
    hold_json_str(&out, rule);
    hold_printf(&out, ",\"severity\":\"%s\",\"message\":", k == 2 ? "info" : sev[k]);
    hold_json_str(&out, msg);
    hold_put(&out, ",\"fixed\":false}\n", 16);
  }
  if (out.t) fwrite(out.t, 1, out.tlen, j->wk->rep_f);
  free(out.t);
  j->len = 0;
}

static ssize_t jrep_write(void *cookie, const char *buf, size_t n) {
  jrep *j = cookie;
  for (size_t i = 0; i < n; i++) {
    if (j->len == j->cap) {
      size_t cap = j->cap ? 2 * j->cap : 256;
      char *t = realloc(j->line, cap);
      if (!t) return -1;
      j->line = t, j->cap = cap;
    }
    j->line[j->len++] = buf[i];
    if (buf[i] == '\n') jrep_line(j);
  }
  return (ssize_t)n;
}

static int jrep_close(void *cookie) {
  jrep *j = cookie;
  free(j->line);
  free(j);
  return 0;
}

/* Where --jsonl writes its own report lines: the report's stream, or (JSON) one that makes
 * them JSON; NULL without a report. */
static FILE *jsonl_report(worker *wk) {
  if (!wk->b->cfg->report) return NULL;
  return wk->jrep ? wk->jrep : wk->rep_f;
}

/* ---- the pipeline's handler: the writer's (or --jsonl's), with the hold kept ----------------- */

static int h_begin_doc(void *ud, const qg_docinfo *info) {
  worker *wk = ud;
  return wk->inner.begin_doc ? wk->inner.begin_doc(wk->inner.userdata, info) : 0;
}

static int h_block(void *ud, const qg_block *bl) {
  worker *wk = ud;
  if (wk->hold && wk->hold->n) hold_release(wk, bl, false);
  return wk->inner.block ? wk->inner.block(wk->inner.userdata, bl) : 0;
}

static int h_removed(void *ud, const qg_block *bl, const qg_removal *why) {
  worker *wk = ud;
  return wk->inner.removed ? wk->inner.removed(wk->inner.userdata, bl, why) : 0;
}

static int h_diag(void *ud, const qg_diag *d) {
  worker *wk = ud;
  return wk->inner.diag ? wk->inner.diag(wk->inner.userdata, d) : 0;
}

static int h_end_doc(void *ud, const qg_docinfo *info, int status) {
  worker *wk = ud;
  if (wk->counts_of_info) { /* (what on_diag counted is in them: the same diagnostics) */
    bdoc *c = wk->cur;
    c->changes = info->changes, c->warnings = info->warnings, c->errors = info->errors;
  }
  if (wk->hold) {
    hold_release(wk, NULL, true);
    wk->hold->nomem = false;
  }
  return wk->inner.end_doc ? wk->inner.end_doc(wk->inner.userdata, info, status) : 0;
}

/* The inner handler's answer, asked once per rule and severity: the command's handlers (the
 * writers' forward to on_diag_wants_text, --jsonl's) answer from the rule, the severity and the
 * run's options alone, and the pipeline asks before every diagnostic (session 46: three calls
 * deep, about 45 instructions each of the 65,561 of the 2 MB bench copy). A rule is keyed by
 * its pointer: two copies of one name are two entries with one answer. */
static bool h_wants_text(void *ud, const char *rule, qg_severity s) {
  worker *wk = ud;
  struct wants_memo *m = &wk->wants[((uintptr_t)rule >> 3 ^ (uintptr_t)s) & 63];
  if (m->rule != rule || m->sev != (int)s)
    *m = (struct wants_memo){rule, (int)s, wk->inner.diag_wants_text(wk->inner.userdata, rule, s)};
  return m->text;
}

static const char *h_error(void *ud) {
  worker *wk = ud;
  return wk->inner.error(wk->inner.userdata);
}

/* The handler the worker's pipeline is made with: h's, through the hold. A writer whose
 * handler only forwards diagnostics (text, XML, NITF: its diag_wants_text is the forward's,
 * stages/writer.c) passes each to on_diag with wk and nothing else (no locale is switched
 * outside the writer's own callbacks): the pipeline calls on_diag itself, not through h_diag,
 * the writer's diag and qg_writer_forward_diag, and asks on_diag_wants, not the writer's
 * forward (session 50, s50-report: three calls for each of the 65,560 diagnostics of the 2 MB
 * bench copy, about 1.4 M instructions). What the handler reads is the pipeline's diag_wants,
 * asked once per rule and severity in a document (session 51, s51-count): with -q and no
 * report on_diag is not called for what it would only count (counts_of_info). */
static const qg_handler *wrap_handler(worker *wk, const qg_handler *h) {
  wk->inner = *h;
  const bool fwd = wk->w && h->diag_wants_text == qg_writer_forward_wants_text;
  wk->outer = (qg_handler){.userdata = wk, .begin_doc = h_begin_doc, .block = h_block,
                           .removed = h_removed, .diag = fwd ? on_diag : h_diag,
                           .end_doc = h_end_doc,
                           .diag_wants_text = !fwd && h->diag_wants_text ? h_wants_text : NULL,
                           .error = h->error ? h_error : NULL,
                           .diag_wants = fwd ? on_diag_wants : NULL};
  wk->counts_of_info = fwd && !wk->hold && !wk->b->cfg->report;
  return &wk->outer;
}

/* Where a chunk's "named by their line" warnings are in its messages (cli_jsonl_set_mark): the
 * main thread keeps the file's first 10 (emit_part). */
static void noid_mark(void *ud, bool end) {
  worker *wk = ud;
  bdoc *d = wk->cur;
  if (!d->parted || d->noid_n >= CLI_JSONL_UNNAMED_SAID) return;
  uint64_t at = pool_tell(wk->slot, POOL_MSG);
  if (at == UINT64_MAX) d->noid_lost = true;
  else if (!end) d->noid[d->noid_n][0] = at;
  else d->noid[d->noid_n++][1] = at;
}

/* Makes the worker's pipeline and writer; 0, or an exit status with the error printed. */
static int worker_init(void *ud, int k, FILE *const f[3], void **state) {
  batch *b = ud;
  cli_batch *c = b->cfg;
  (void)k;
  worker *wk = calloc(1, sizeof *wk);
  if (!(*state = wk)) goto nomem;
  wk->b = b;
  wk->out_f = f[POOL_OUT], wk->rep_f = f[POOL_REP], wk->msg_f = f[POOL_MSG];
  /* held: the report's lines, and the changes when repeats are removed (on_removed); the
   * changes are read by the summary alone, which -q does not write: with -q and no report
   * nothing is held (session 50, s50-report: an entry for each of the 51 K edits of the 2 MB
   * bench copy, and hold_release's 6.5 M instructions as the blocks go out) */
  if ((c->report || (c->opts.dedup == QG_DEDUP_DROP && !c->quiet)) &&
      !(wk->hold = calloc(1, sizeof *wk->hold)))
    goto nomem;
  if (c->jsonl && c->report && b->report_json) {
    jrep *j = calloc(1, sizeof *j);
    if (!j) goto nomem;
    j->wk = wk;
    if (!(wk->jrep = fopencookie(j, "w", (cookie_io_functions_t){.write = jrep_write,
                                                                  .close = jrep_close}))) {
      free(j);
      goto nomem;
    }
    setvbuf(wk->jrep, NULL, _IONBF, 0);
  }
  const qg_handler *h;
  if (c->jsonl) {
    cli_jsonl_mode mode = strcmp(c->cmd, "dedup")           ? CLI_JSONL_CLEAN
                          : c->fmt == QG_FORMAT_DUPS_TEXT ? CLI_JSONL_DUPS_TEXT
                                                          : CLI_JSONL_DUPS_JSON;
    wk->j = cli_jsonl_new(mode, wk->out_f, c->text_field ? c->text_field : "text", on_diag,
                          on_removed, wk);
    if (!wk->j) goto nomem;
    cli_jsonl_set_id_field(wk->j, c->id_field);
    cli_jsonl_set_err(wk->j, wk->msg_f, jsonl_report(wk), NULL);
    if (b->chunked) {
      if (!(wk->chunk = cli_jsonl_chunk_new())) goto nomem;
      cli_jsonl_set_mark(wk->j, noid_mark, wk);
    }
    h = cli_jsonl_handler(wk->j);
  } else {
    if (!(wk->w = qg_writer_new(c->fmt, wk->out_f))) {
      fprintf(stderr, "qinggao: cannot create the writer\n");
      return EXIT_INPUT;
    }
    qg_writer_set_bare(wk->w, true);
    qg_writer_set_diag_forward(wk->w, on_diag, wk);
    qg_writer_set_diag_wants_text(wk->w, on_diag_wants_text);
    qg_writer_set_removed_forward(wk->w, on_removed, wk);
    if (c->xml_opts) {
      char err[512];
      if (qg_writer_set_xml(wk->w, &c->xo, err, sizeof err)) {
        fprintf(stderr, "qinggao: %s\n", err);
        return EXIT_USAGE;
      }
    }
    h = qg_writer_handler(wk->w);
  }
  if (!(wk->p = qg_pipeline_new(&c->opts, wrap_handler(wk, h)))) goto nomem;
  if (c->stage_times && qg_pipeline_time_stages(wk->p) == QG_ERR_NOMEM) goto nomem;
  return 0;
nomem:
  fprintf(stderr, "qinggao: out of memory\n");
  return EXIT_INPUT;
}

static void worker_free(void *ud, void *state) {
  worker *wk = state;
  batch *b = ud;
  const char *names[32];
  double secs[32];
  size_t n = qg_pipeline_stage_times(wk->p, names, secs, 32);
  for (size_t i = 0; i < n; i++) {
    b->stage_name[i] = names[i]; /* (string literals: kept after the pipeline) */
    b->stage_s[i] += secs[i];
  }
  if (n > b->nstage) b->nstage = n;
  qg_pipeline_free(wk->p);
  qg_writer_free(wk->w);
  cli_jsonl_free(wk->j);
  cli_jsonl_chunk_free(wk->chunk);
  if (wk->hold) free(wk->hold->v), free(wk->hold->t), free(wk->hold->bucket), free(wk->hold);
  if (wk->jrep) fclose(wk->jrep);
  free(wk->src);
  free(wk);
}

/* Input i's chunk k into the worker's chunk (the pool calls it one call at a time, in order);
 * whether another chunk of it follows. */
static bool part(void *ud, void *state, size_t i, size_t k, pool_slot *s) {
  batch *b = ud;
  worker *wk = state;
  bdoc *d = pool_user(s);
  const cli_input *in = &b->in.v[i];
  d->parted = true;
  if (k == 0) {
    cli_jsonl_close(b->rd); /* (none: the input before ended) */
    b->rd = NULL;
    if (in->refuse) {
      snprintf(d->err, sizeof d->err, "%s", in->refuse);
      d->rc = QG_ERR_IO, d->skip = true;
      return false;
    }
    int rc = 0;
    if (!(b->rd = cli_jsonl_open(in->path, &rc, d->err, sizeof d->err))) {
      d->rc = rc, d->skip = true;
      return false;
    }
  }
  if (atomic_load(&b->abandon) == i + 1) { /* what is left of it would be dropped */
    cli_jsonl_close(b->rd);
    b->rd = NULL;
    d->skip = true;
    return false;
  }
  cli_jsonl_in_progress(b->rd, pool_read(s));
  int more = cli_jsonl_read_chunk(b->rd, wk->chunk, CHUNK_BYTES, CHUNK_LINES, !b->cfg->quiet,
                                  d->err, sizeof d->err);
  if (more <= 0) {
    cli_jsonl_close(b->rd);
    b->rd = NULL;
  }
  return more > 0;
}

/* A reader's warning waits for the second thread of a pipeline on two (zio_warn_hook). */
static void sync_pipeline(void *p) { (void)qg_pipeline_sync(p); }

static void run_doc(void *ud, void *state, size_t i, pool_slot *s) {
  batch *b = ud;
  worker *wk = state;
  const cli_input *in = &b->in.v[i];
  bdoc *d = wk->cur = pool_user(s);
  /* a reader's warning (gzip data padded with zeros) goes with the file's other messages, in
   * input order; not with -q, as the dedup-limit warning */
  zio_warn_to(b->cfg->quiet ? NULL : wk->msg_f);
  /* on two threads the handler writes the messages on the second: a warning waits for it */
  zio_warn_hook(b->cfg->opts.threads > 1 ? sync_pipeline : NULL, wk->p);
  if (d->parted) { /* a chunk of a JSON Lines input (part) */
    wk->slot = s;
    if (d->skip) return;
    cli_jsonl_set_err(wk->j, wk->msg_f, jsonl_report(wk), NULL);
    d->rc = cli_jsonl_run_chunk(wk->j, wk->p, wk->chunk, &d->bad_lines, &d->good_lines, d->err,
                                sizeof d->err);
    d->blocks = cli_jsonl_take_blocks(wk->j);
    d->unnamed = cli_jsonl_take_unnamed(wk->j);
    return;
  }
  if (b->take_back_sync) { /* (lockstep: the input before was emitted) */
    if (b->take_back) qg_pipeline_mark(wk->p, true);
    b->take_back = false;
    qg_pipeline_mark(wk->p, false);
  }
  if (in->refuse) {
    snprintf(d->err, sizeof d->err, "%s", in->refuse);
    d->rc = QG_ERR_IO;
    return;
  }
  if (b->cfg->jsonl) {
    cli_jsonl_set_err(wk->j, wk->msg_f, jsonl_report(wk), pool_read(s));
    d->rc = cli_jsonl_run(wk->j, wk->p, in->path, &d->bad_lines, &d->good_lines, d->err,
                          sizeof d->err);
    d->blocks = cli_jsonl_take_blocks(wk->j);
    d->unnamed = cli_jsonl_take_unnamed(wk->j);
  } else {
    /* (JSON Lines piped or in any name: not read as prose; review 17 H4) */
    bool sniff = !(in->included && cli_data_name(in->path));
    d->rc = cli_run_file_counted(wk->p, in->path, sniff, d->err, sizeof d->err, pool_read(s));
    if (!d->rc) d->blocks = qg_pipeline_docinfo(wk->p)->blocks;
  }
}

/* ---- outputs ------------------------------------------------------------------------------ */

/* The directories above path; *made (may be NULL) gets the first one it created (malloc'd;
 * NULL: none). */
static int mkdirs_made(const char *path, char **made) {
  char *p = strdup(path);
  if (made) *made = NULL;
  if (!p) return -1;
  for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
    *s = '\0';
    if (mkdir(p, 0777)) {
      if (errno != EEXIST) {
        free(p);
        return -1;
      }
    } else if (made && !*made) {
      *made = strdup(p);
    }
    *s = '/';
  }
  free(p);
  return 0;
}

static int mkdirs(const char *path) { return mkdirs_made(path, NULL); }

/* mkdirs_made under the lock of the temporary files, the directories it made listed for a
 * signal to remove (cli_tmp_add_dirs; review 19 L2); dirs_done takes them off the list once
 * the output is renamed into place or removed. */
static int mkdirs_listed(const char *path, char **made) {
  cli_tmp_lock();
  int rc = mkdirs_made(path, made);
  if (!rc && *made) cli_tmp_add_dirs(path, strlen(*made));
  cli_tmp_unlock();
  return rc;
}

static void dirs_done(const char *path) {
  cli_tmp_lock();
  cli_tmp_remove_dirs(path);
  cli_tmp_unlock();
}

/* Removes the directories above path down to made (mkdirs_made's), when they are empty: an
 * output of a JSON Lines file in chunks was begun in a directory made for it, and the file then
 * failed (-j 1 makes no directory for a failed input). */
static void unmake_dirs(const char *path, const char *made) {
  char *p = made ? strdup(path) : NULL;
  size_t ml = made ? strlen(made) : 0;
  for (char *s = p ? strrchr(p, '/') : NULL; s && (size_t)(s - p) >= ml; s = strrchr(p, '/')) {
    *s = '\0';
    if (rmdir(p)) break;
  }
  free(p);
}

/* ---- temporary files of the outputs --------------------------------------------------------
 * An output is written to DIR/.qgout-XXXXXX and renamed over DIR/NAME when it is complete. A new
 * output gets the mode open(2) would give (0666 & ~umask, the umask read once before the
 * run's threads start: umask(2) cannot be read without setting it); a replaced regular file
 * keeps its mode (as lint --fix does). The live temporary files are listed (under tmp_mu) so
 * that SIGINT, SIGTERM or SIGHUP removes them: during a run with -o those signals are blocked
 * in every thread and taken by sigwait in a thread of their own (sig_guard), which removes
 * the listed files under the lock, then lets the signal's default action end the process. */

static mode_t new_mode = 0644; /* 0666 & ~umask (cli_batch_run) */

/* Opens a temporary file next to path, compressing when path ends in .gz or .zst. A path that
 * names an open stream (/dev/stdout, /dev/fd/3: stream_fd) is written to that descriptor (a
 * copy of it), and one that is there and is no regular file (/dev/null, a terminal, a named
 * pipe) is written as it is, *tmp then "": a temporary file renamed over it would replace the
 * device node or the pipe (as root, `-o /dev/null` made /dev/null a regular file); what was
 * written cannot be taken back there. */
/* The file a symbolic link at path leads to (through a chain of links, the last of which may
 * lead nowhere yet), malloc'd; NULL when path is no link (or the chain is too long, or out of
 * memory: path itself is then replaced). An output named by a link is written where the link
 * leads and the link stays, as lint --fix does (probe 9 F15: `today.xml -> 2026-12-01.xml`
 * was replaced by a regular file and the file it led to kept the old output). */
/* One step along a symbolic link: where the link at cur leads (a relative target taken from
 * cur's directory), malloc'd; NULL when cur is no link, cannot be read, or out of memory. */
static char *link_step(const char *cur) {
  struct stat ls;
  char to[PATH_MAX];
  ssize_t n;
  if (lstat(cur, &ls) || !S_ISLNK(ls.st_mode) || (n = readlink(cur, to, sizeof to - 1)) <= 0)
    return NULL;
  to[n] = '\0';
  const char *slash = strrchr(cur, '/');
  size_t dl = to[0] == '/' || !slash ? 0 : (size_t)(slash - cur + 1);
  char *next = malloc(dl + (size_t)n + 1);
  if (next) memcpy(next, cur, dl), memcpy(next + dl, to, (size_t)n + 1);
  return next;
}

static char *link_target(const char *path) {
  char *cur = strdup(path), *next;
  for (int hop = 0; cur && hop < 40 && (next = link_step(cur)); hop++) {
    free(cur);
    cur = next;
  }
  if (cur && !strcmp(cur, path)) free(cur), cur = NULL;
  return cur;
}

/* The descriptor a path names when it names an open stream of the process: /dev/stdout,
 * /dev/stderr, /dev/stdin, /dev/fd/N, /proc/self/fd/N (/proc/thread-self/fd/N, /proc/PID/fd/N
 * of this process), also at the end of a chain of symbolic links (log -> /dev/stderr); -1 for
 * none. Such a path is written to as the stream it names (open_atomic): following it led to
 * `pipe:[N]`, which was taken for a file name (`cannot write`), or to the file the stream
 * writes to, which a temporary file renamed over it replaced, losing what the stream had
 * written (`2>>log`; probe 22 H20), and opening it again would truncate it or write at its
 * start. */
static int stream_fd(const char *path) {
  char *cur = strdup(path);
  int fd = -1;
  for (int hop = 0; cur && hop < 40 && fd < 0; hop++) {
    static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int i = 0; i < 3 && fd < 0; i++)
      if (!strcmp(cur, std[i])) fd = i;
    if (fd >= 0) break;
    char own[64];
    snprintf(own, sizeof own, "/proc/%ld/fd/", (long)getpid());
    const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", own};
    for (int i = 0; i < 4 && fd < 0; i++) {
      size_t dl = strlen(dirs[i]);
      const char *d = cur + dl;
      if (strncmp(cur, dirs[i], dl) || *d < '0' || *d > '9' || strlen(d) > 9) continue;
      while (*d >= '0' && *d <= '9') d++;
      if (!*d) fd = atoi(cur + dl);
    }
    if (fd >= 0) break;
    char *next = link_step(cur);
    if (!next) break;
    free(cur);
    cur = next;
  }
  free(cur);
  return fd;
}

/* out (opened for path, *tmp its temporary file or "") through the compressor path's name
 * asks for (raw then the file under it); on failure the temporary file removed, -1. */
static int wrap_out(const char *path, char **tmp, FILE **out, FILE **raw) {
  zio_kind zk = zio_kind_for_name(path);
  if (zk != ZIO_PLAIN) {
    *raw = *out;
    if (!(*out = zout_wrap(*raw, zk))) {
      fclose(*raw);
      cli_tmp_lock();
      if (**tmp) unlink(*tmp), cli_tmp_remove(*tmp);
      cli_tmp_unlock();
      free(*tmp);
      *tmp = NULL;
      errno = ENOMEM;
      return -1;
    }
  }
  return 0;
}

static int open_atomic(const char *path, char **tmp, FILE **out, FILE **raw) {
  int sfd = stream_fd(path);
  if (sfd >= 0) { /* written to the stream itself, at its place (appending if it appends) */
    *raw = NULL;
    *tmp = NULL;
    int fl = fcntl(sfd, F_GETFL);
    int fd = fl < 0 || (fl & O_ACCMODE) == O_RDONLY ? (errno = EBADF, -1)
                                                     : fcntl(sfd, F_DUPFD_CLOEXEC, 3);
    if (fd < 0 || !(*tmp = strdup("")) || !(*out = fdopen(fd, "wb"))) {
      int e = fd < 0 ? errno : ENOMEM;
      if (fd >= 0) close(fd);
      free(*tmp);
      *tmp = NULL;
      errno = e;
      return -1;
    }
    return wrap_out(path, tmp, out, raw);
  }
  char *target = link_target(path);
  if (target) {
    int rc = open_atomic(target, tmp, out, raw);
    free(target);
    return rc;
  }
  size_t len = strlen(path) + 16;
  *raw = NULL;
  struct stat st;
  bool there = !stat(path, &st);
  if (there && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    if (!(*tmp = strdup(""))) return -1;
    if (!(*out = fopen(path, "wb"))) {
      int e = errno;
      free(*tmp);
      *tmp = NULL;
      errno = e;
      return -1;
    }
  } else {
    /* in the output's directory, a short hidden name: a long (Chinese) output name plus a
     * suffix went past NAME_MAX, and walks skip hidden names, so one left by a crash is never
     * read as an input (probe 9 F13, F19) */
    if (!(*tmp = malloc(len))) return -1;
    const char *slash = strrchr(path, '/');
    snprintf(*tmp, len, "%.*s.qgout-XXXXXX", slash ? (int)(slash - path + 1) : 0, path);
    cli_tmp_lock();
    int fd = mkstemp(*tmp);
    if (fd >= 0) cli_tmp_add(*tmp);
    cli_tmp_unlock();
    /* best effort: a file system without modes (vfat) may refuse; the output is still wanted */
    if (fd >= 0) (void)fchmod(fd, there && S_ISREG(st.st_mode) ? st.st_mode & 07777 : new_mode);
    if (fd < 0 || !(*out = fdopen(fd, "wb"))) {
      int e = errno;
      if (fd >= 0) {
        close(fd);
        cli_tmp_lock();
        unlink(*tmp);
        cli_tmp_remove(*tmp);
        cli_tmp_unlock();
      }
      free(*tmp);
      *tmp = NULL;
      errno = e;
      return -1;
    }
  }
  return wrap_out(path, tmp, out, raw);
}

/* Whether two paths name one place, when neither file need exist yet: their directories
 * resolved (realpath) and their last parts equal (r.txt and ./r.txt). */
static bool same_place(const char *a, const char *b) {
  if (!strcmp(a, b)) return true;
  const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
  if (strcmp(sa ? sa + 1 : a, sb ? sb + 1 : b)) return false;
  char da[4096], db[4096], ra[PATH_MAX], rb[PATH_MAX];
  snprintf(da, sizeof da, "%.*s", sa ? (int)(sa - a) + (sa == a) : 1, sa ? a : ".");
  snprintf(db, sizeof db, "%.*s", sb ? (int)(sb - b) + (sb == b) : 1, sb ? b : ".");
  return realpath(da, ra) && realpath(db, rb) && !strcmp(ra, rb);
}

/* Ends the compressed stream, syncs, and renames into place when keep; else removes. */
static int close_atomic(const char *path, char *tmp, FILE *out, FILE *raw, bool keep) {
  char *target = *tmp ? link_target(path) : NULL; /* where open_atomic wrote */
  if (target) {
    int rc = close_atomic(target, tmp, out, raw, keep);
    free(target);
    return rc;
  }
  int e = 0;
  if (raw) {
    if (fclose(out)) keep = false, e = errno;
    out = raw;
  }
  if (!*tmp) { /* written in place (open_atomic) */
    if (fflush(out)) keep = false, e = e ? e : errno;
    fclose(out);
    free(tmp);
    errno = e;
    return keep ? 0 : -1;
  }
  /* synced before the rename only when it replaces a file: a crash must not leave an empty
   * file where yesterday's output was. A new output has nothing to lose, and a sync per file
   * made -o DIR/ over 10,000 small pages 4-5x slower (probe 8 E9) */
  struct stat old;
  bool replaces = !stat(path, &old);
  if (fflush(out) || (replaces && fsync(fileno(out)))) keep = false, e = e ? e : errno;
  fclose(out);
  cli_tmp_lock();
  if (keep && rename(tmp, path)) keep = false, e = errno;
  if (!keep) unlink(tmp);
  cli_tmp_remove(tmp);
  cli_tmp_unlock();
  free(tmp);
  errno = e;
  return keep ? 0 : -1;
}

static void add_failed(batch *b, const char *path) {
  b->failed++;
  if (++b->fn_count > 20) return; /* every failure has its own message above */
  cli_name_list_add(&b->failed_names, &b->fn_len, path);
}

/* -o DIR: the document's own file, atomically. false: it was not written (said, and counted
 * as failed). */
/* -o DIR: the document's file could not be written (error e): said, counted as failed; false */
static bool cannot_write(batch *b, const cli_input *in, int e) {
  erase(b);
  fprintf(stderr, "qinggao: %s: cannot write: %s\n", in->out, strerror(e));
  add_failed(b, in->path);
  return false;
}

/* -o DIR: the document's file closed and renamed into place when ok, else removed (we: the
 * failed write's own error, 0 for none); false when it was not written (cannot_write). */
static bool close_one(batch *b, const cli_input *in, char *tmp, FILE *out, FILE *raw, bool ok,
                      int we) {
  if (close_atomic(in->out, tmp, out, raw, ok) || !ok)
    return cannot_write(b, in, we ? we : errno ? errno : EIO);
  b->ok++;
  return true;
}

static bool write_one(batch *b, const cli_input *in, pool_slot *s) {
  char *tmp, *made = NULL;
  FILE *out, *raw;
  if (mkdirs_listed(in->out, &made) || open_atomic(in->out, &tmp, &out, &raw)) {
    int e = errno;
    if (made) dirs_done(in->out);
    free(made);
    return cannot_write(b, in, e);
  }
  bool ok = fputs(b->head, out) >= 0 && !pool_copy(s, POOL_OUT, out) && fputs(b->tail, out) >= 0;
  int we = ok ? 0 : errno; /* the failed write's own error (ENOSPC), which closing would lose
                            * (probe 11b G11: "Input/output error" on a full disk) */
  bool done = close_one(b, in, tmp, out, raw, ok, we);
  if (made) dirs_done(in->out);
  free(made);
  return done;
}

/* The figures of a document whose output was written: a failed document, or one whose -o DIR
 * file could not be written, changed nothing anybody reads. A --jsonl input that failed midway
 * into standard output or -o FILE wrote its records before the damage: their figures are
 * counted, the JSON lines cleaned with them (probe 18 D3: "923 JSON lines cleaned" next to
 * "0 paragraphs"). */
static void count_written(batch *b, const bdoc *d) {
  b->blocks += d->blocks, b->changes += d->changes, b->removed += d->removed, b->dups += d->dups,
  b->with_article += d->with_article, b->kept += d->kept, b->archived += d->archived;
  b->good_lines += d->good_lines;
}

/* The output could not be written (errno e): said, and, when it is written in place (standard
 * output, -o /dev/stdout or a pipe), where it stops: what went before cannot be taken back
 * (probe 18 D7: "the output not written" while a cut file sat where it went). */
static void out_failed(batch *b, int e) {
  erase(b);
  b->fatal = b->out_lost = true;
  b->out_cut = b->to_stdout || (b->tmp && !*b->tmp);
  b->cut_at = -1;
  int fd = b->counted ? b->outc.fd : fileno(b->raw_out ? b->raw_out : b->out);
  struct stat st;
  int fl = fcntl(fd, F_GETFL);
  if (b->out_cut && !fstat(fd, &st) && S_ISREG(st.st_mode) && fl != -1 && !(fl & O_APPEND))
    b->cut_at = (long long)lseek(fd, 0, SEEK_CUR); /* (standard output into a file: its place) */
  else if (b->out_cut && b->counted) b->cut_at = b->outc.sent;
  if (!b->out_cut) fprintf(stderr, "qinggao: cannot write the output: %s\n", strerror(e));
  else if (b->cut_at == 0)
    fprintf(stderr, "qinggao: cannot write the output: %s; nothing of it was written\n",
            strerror(e));
  else if (b->cut_at >= 0)
    fprintf(stderr, "qinggao: cannot write the output: %s; it is incomplete, cut after %lld "
            "bytes\n", strerror(e), b->cut_at);
  else fprintf(stderr, "qinggao: cannot write the output: %s; it is incomplete (what reached it "
               "before the error stays there)\n", strerror(e));
}

/* ---- a JSON Lines input in chunks (main thread) -------------------------------------------
 * Each chunk's messages, report lines and output are written as it comes (-o DIR/: into the
 * input's temporary file, opened at its first output); at the input's last chunk end_input
 * does what emit does for an input run whole, with the figures of all its chunks. A chunk
 * that fails stops the input there, as -j 1 stops: the chunks after it are dropped. */

static void fa_reset(fileacc *f) {
  free(f->made);
  *f = (fileacc){0};
}

/* -o DIR/: the input's output file, opened (false: not, f->werr set). */
static bool fa_open(batch *b, const cli_input *in, fileacc *f) {
  if (f->opened) return true;
  if (f->werr) return false;
  if (mkdirs_listed(in->out, &f->made) || open_atomic(in->out, &f->tmp, &f->out, &f->raw)) {
    f->werr = errno ? errno : EIO;
    if (f->made) dirs_done(in->out);
    return false;
  }
  f->opened = true;
  f->path = in->out;
  if (fputs(b->head, f->out) < 0) f->werr = errno ? errno : EIO;
  return true;
}

/* -o DIR/: the output dropped (the input failed, or the run stopped), and the directories
 * made for it. */
static void fa_drop(fileacc *f) {
  if (f->opened) {
    close_atomic(f->path, f->tmp, f->out, f->raw, false);
    unmake_dirs(f->path, f->made);
    if (f->made) dirs_done(f->path);
  }
  f->opened = false, f->tmp = NULL, f->out = f->raw = NULL;
}

/* -o DIR/: the output completed and renamed into place, as write_one does it (false: it was
 * not, said and counted as failed). */
static bool fa_finish(batch *b, const cli_input *in, fileacc *f) {
  fa_open(b, in, f); /* (no chunk had output: the file is written empty, as -j 1 does) */
  if (!f->opened) return cannot_write(b, in, f->werr);
  bool ok = !f->werr && fputs(b->tail, f->out) >= 0;
  int we = ok ? 0 : f->werr ? f->werr : errno;
  f->opened = false;
  bool done = close_one(b, in, f->tmp, f->out, f->raw, ok, we);
  if (f->made) dirs_done(f->path);
  return done;
}

/* An input's figures and, when it failed, its message (after the progress bar is erased):
 * emit's and end_input's. bytes: its size as the pool counts it. -o DIR counts an input's
 * figures once its file is written. false: the run stops (out of memory, stopped). */
static bool account(batch *b, const cli_input *in, const bdoc *d, uint64_t bytes) {
  b->files++;
  if (!d->rc && !b->out_dir) count_written(b, d);
  b->warnings += d->warnings, b->errors += d->errors;
  b->bad_lines += d->bad_lines;
  b->unnamed += d->unnamed;
  if (!d->rc) return true;
  erase(b);
  bool fatal = d->rc == QG_ERR_STOPPED || d->rc == QG_ERR_NOMEM;
  if (d->err[0]) fprintf(stderr, "qinggao: %s\n", d->err);
  else if (fatal || d->rc != QG_ERR_INPUT) fprintf(stderr, "qinggao: %s: %s\n", in->path, qg_strerror(d->rc));
  add_failed(b, in->path); /* (a fatal one too: the summary said "0 failed" of it) */
  b->bytes_failed += bytes;
  if (fatal) {
    b->fatal = b->stopped_at = true;
    return false;
  }
  return true;
}

/* The input's end (its last chunk emitted, or a fatal one): emit's accounting for it. */
static bool end_input(batch *b, size_t i) {
  fileacc *f = &b->fa;
  bdoc *d = &f->d;
  const cli_input *in = &b->in.v[i];
  if (f->unnamed > CLI_JSONL_UNNAMED_SAID) { /* what cli_jsonl_run says after the lines */
    char *shown = qg_display_name(strcmp(in->path, "-") ? in->path : "<stdin>");
    erase(b);
    if (shown) cli_jsonl_say_unnamed(stderr, shown, b->cfg->id_field, f->unnamed);
    free(shown);
  }
  uint64_t bytes = in->size > f->read ? in->size : f->read; /* as the pool counts it */
  if (!account(b, in, d, bytes)) {
    if (b->out_dir) fa_drop(f);
    return false;
  }
  if (b->out_dir) {
    bool written = false;
    if (d->rc) fa_drop(f);
    else if ((written = fa_finish(b, in, f))) count_written(b, d);
    else b->bytes_failed += bytes; /* its output could not be written (probe 15 #12) */
    return true;
  }
  if (!d->rc) b->ok++;
  else { /* its records before the damage, written: their bytes count with their figures (probe
          * 43 F7: "0 bytes" next to "19 JSON lines cleaned, 107 paragraphs") */
    count_written(b, d);
    b->bytes_failed -= bytes <= b->bytes_failed ? bytes : b->bytes_failed;
    if (f->wrote) b->partial_written = true;
  }
  if (!d->rc) b->head_written = true; /* (JSON Lines have no head) */
  return true;
}

/* The slot's report lines to --report FILE; false (said, the run stops) when that fails. */
static bool copy_report(batch *b, pool_slot *s) {
  if (!b->report_f || !pool_copy(s, POOL_REP, b->report_f)) return true;
  int e = errno;
  erase(b);
  fprintf(stderr, "qinggao: %s: cannot write: %s\n", b->cfg->report, strerror(e));
  b->fatal = true;
  b->report_bad = true;
  return false;
}

/* Whether a spool of slot s failed (pool_error): its output is then not whole, and none of it
 * is written (review 19 L3: -j 1 wrote its first 512 KiB, a JSON line cut in the middle). The
 * input fails with the reason (the temporary file's directory and error), the run stops only
 * when memory ran out; an input error said already stays the message. */
static bool held_lost(const cli_input *in, bdoc *d, pool_slot *s) {
  if (!pool_error(s)) return false;
  if (!d->rc || d->rc == QG_ERR_IO) {
    char why[320];
    bool tmp = pool_error_text(s, why, sizeof why);
    snprintf(d->err, sizeof d->err, "%s: cannot hold the output: %.*s", in->path,
             (int)(sizeof d->err / 2), why);
    d->rc = tmp ? QG_ERR_IO : QG_ERR_NOMEM;
  }
  return true;
}

/* Writes chunk s of input i (a part: the pool's emit, main thread). */
static bool emit_part(batch *b, size_t i, pool_slot *s) {
  bdoc *d = pool_user(s);
  const cli_input *in = &b->in.v[i];
  fileacc *f = &b->fa;
  if (pool_part(s) == 0) fa_reset(f);
  f->read += atomic_load(pool_read(s));
  bool lost = held_lost(in, d, s);
  if (!f->stopped) {
    if (d->rc || !pool_empty(s, POOL_MSG) || (b->report_tty && !pool_empty(s, POOL_REP)))
      erase(b);
    /* the messages, but for the "named by their line" warnings past the file's first 10 */
    unsigned long keep = f->unnamed >= CLI_JSONL_UNNAMED_SAID ? 0 : CLI_JSONL_UNNAMED_SAID - f->unnamed;
    uint64_t at = 0;
    for (int k = d->noid_lost ? d->noid_n : (int)keep; k < d->noid_n; k++) {
      pool_copy_range(s, POOL_MSG, stderr, at, d->noid[k][0]);
      at = d->noid[k][1];
    }
    pool_copy_range(s, POOL_MSG, stderr, at, UINT64_MAX);
    if (!copy_report(b, s)) return false;
    f->unnamed += d->unnamed;
    bdoc *a = &f->d;
    if (!lost) /* (a chunk whose output was lost is not written: its figures are not added) */
      a->blocks += d->blocks, a->changes += d->changes, a->removed += d->removed,
      a->dups += d->dups, a->with_article += d->with_article, a->kept += d->kept, a->archived += d->archived,
      a->good_lines += d->good_lines;
    a->warnings += d->warnings, a->errors += d->errors, a->bad_lines += d->bad_lines;
    a->unnamed += d->unnamed;
    if (d->rc) {
      f->stopped = true;
      a->rc = d->rc;
      memcpy(a->err, d->err, sizeof a->err);
      atomic_store(&b->abandon, i + 1); /* (the reader leaves the rest of it) */
    }
    if (!lost && !pool_empty(s, POOL_OUT)) {
      if (b->out_dir) { /* (a failed input's output is dropped: not written) */
        if (!d->rc && fa_open(b, in, f) && !f->werr && pool_copy(s, POOL_OUT, f->out))
          f->werr = errno ? errno : EIO;
      } else {
        if (b->out_tty) erase(b);
        f->wrote = true;
        if (pool_copy(s, POOL_OUT, b->out) || fflush(b->out)) {
          int e = errno;
          end_input(b, i); /* (the input's figures so far) */
          b->fatal = true;
          out_failed(b, e);
          return false;
        }
      }
    }
  }
  if (pool_last(s) || f->d.rc == QG_ERR_STOPPED || f->d.rc == QG_ERR_NOMEM) return end_input(b, i);
  return true;
}

/* Writes input i's result; the main thread only. false: the run stops (b->fatal). */
static bool emit(void *ud, pool *p, size_t i, pool_slot *s) {
  batch *b = ud;
  bdoc *d = pool_user(s);
  const cli_input *in = &b->in.v[i];
  (void)p;
  if (d->parted) return emit_part(b, i, s);
  bool lost = held_lost(in, d, s);
  if (d->rc || !pool_empty(s, POOL_MSG) || (b->report_tty && !pool_empty(s, POOL_REP)))
    erase(b); /* lines never interleave with the bar (a report on the terminal: probe 15 #9) */
  pool_copy(s, POOL_MSG, stderr);
  if (!copy_report(b, s)) return false;
  uint64_t size = in->size, read = atomic_load(pool_read(s));
  if (!account(b, in, d, size > read ? size : read)) return false; /* (bytes: as the pool counts) */
  if (b->out_dir) {
    bool written = !d->rc && write_one(b, in, s);
    if (written) count_written(b, d);
    else if (!d->rc) /* its output could not be written: failed, its bytes not counted as done
                      * either (probe 15 #12) */
      b->bytes_failed += size > read ? size : read;
    /* no output of it: the paragraphs it put in the repeat index leave it (a failed text
     * document's were taken back when it failed; a --jsonl file's records ended well) */
    if (!written) b->take_back = true;
    return true;
  }
  if (!d->rc) b->ok++;
  else if (b->cfg->jsonl && !lost) { /* its records before the damage, written (and the bytes
                                       * read, as end_input counts them) */
    count_written(b, d);
    uint64_t bytes = size > read ? size : read;
    b->bytes_failed -= bytes <= b->bytes_failed ? bytes : b->bytes_failed;
    if (!pool_empty(s, POOL_OUT)) b->partial_written = true;
  }
  if (b->out_tty && (!pool_empty(s, POOL_OUT) || !b->head_written)) erase(b);
  if (!d->rc && !b->head_written) {
    b->head_written = true;
    if (fputs(b->head, b->out) < 0) b->fatal = true;
  }
  if (!lost && !pool_empty(s, POOL_OUT)) {
    if (b->doc_sep && b->wrote_doc && fputs("\n", b->out) < 0) b->fatal = true;
    b->wrote_doc = true;
    if (pool_copy(s, POOL_OUT, b->out)) b->fatal = true;
  }
  if (fflush(b->out)) b->fatal = true;
  if (b->fatal) out_failed(b, errno);
  return !b->fatal;
}

/* Files found in directories that are clearly not text (a photo or a .docx among the pages:
 * cli_not_text) are left out, as lint leaves them out, and said once on standard error (not
 * with -q); a file named on the command line is always read. -1 when out of memory. */
static int skip_not_text(const cli_batch *c, batch *b) {
  size_t k = 0, skipped = 0;
  char names[512] = "";
  for (size_t i = 0; i < b->in.n; i++) {
    cli_input *in = &b->in.v[i];
    /* (JSON lines input: its files are data; a symbolic link found is still not followed, nor
     * an earlier run's -o DIR/ walked) */
    const char *what = !c->jsonl || in->link || in->outdir ? cli_not_copy(in, c->opts.encoding) : NULL;
    if (!what) {
      b->in.v[k++] = *in;
      continue;
    }
    if (skipped++ < 3) {
      size_t used = strlen(names);
      snprintf(names + used, sizeof names - used, "%s%s (%s)", used ? ", " : "", in->path, what);
    }
    b->in.total -= in->size <= b->in.total ? in->size : b->in.total;
    free(in->path);
    free(in->out);
    free(in->refuse);
    free(in->outdir_note);
  }
  b->in.n = k;
  if (skipped && !c->quiet)
    fprintf(stderr, "qinggao: %s: %zu file%s found in directories skipped, not text: %s%s; a file "
            "named on the command line is read\n", c->cmd, skipped, skipped == 1 ? "" : "s", names,
            skipped > 3 ? ", …" : "");
  return 0;
}

/* ---- -o DIR names ------------------------------------------------------------------------- */

static const char *out_ext(const cli_batch *c) {
  if (c->jsonl) return ".jsonl";
  switch (c->fmt) {
  case QG_FORMAT_XML:
  case QG_FORMAT_NITF: return ".xml";
  case QG_FORMAT_JSON: return ".json";
  case QG_FORMAT_WORDS_JSON:
  case QG_FORMAT_SENTENCES_JSON:
  case QG_FORMAT_DUPS_JSON: return ".jsonl";
  default: return ".txt";
  }
}

/* DIR/REL with REL's extension replaced by ext; a .gz or .zst input keeps its compression
 * (page.txt.gz gives page.xml.gz). An extension is 1 to 8 ASCII letters after the name's last
 * dot (txt, md, markdown, html); anything else after it is part of the name, and ext is added
 * (page.2026-12-01 gives page.2026-12-01.txt, v1.2.3 v1.2.3.txt, xinhua.0012 xinhua.0012.txt:
 * wire feeds name files by date or number, and taking those for extensions made two inputs
 * one output; probe 15 #2). */
static char *out_path(const char *dir, const char *rel, const char *ext) {
  size_t n = strlen(rel);
  const char *z = "";
  if (n > 3 && !strcasecmp(rel + n - 3, ".gz")) z = ".gz", n -= 3;
  else if (n > 4 && !strcasecmp(rel + n - 4, ".zst")) z = ".zst", n -= 4;
  const char *base = rel;
  for (size_t k = 0; k < n; k++)
    if (rel[k] == '/') base = rel + k + 1;
  for (const char *p = rel + n; p > base + 1; p--) /* a leading dot is not an extension */
    if (p[-1] == '.') {
      size_t el = (size_t)(rel + n - p), k = 0;
      while (k < el && ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')) k++;
      if (el >= 1 && el <= 8 && k == el) n = (size_t)(p - 1 - rel);
      break;
    }
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/') dl--;
  size_t len = dl + 1 + n + strlen(ext) + strlen(z) + 1;
  char *s = malloc(len);
  if (s) snprintf(s, len, "%.*s/%.*s%s%s", (int)dl, dir, (int)n, rel, ext, z);
  return s;
}

typedef struct key {
  const char *s;
  size_t i;
  dev_t dev;
  ino_t ino;
} key;
static int cmp_name(const void *x, const void *y) {
  const key *a = x, *b = y;
  int c = strcmp(a->s, b->s);
  return c ? c : (a->i > b->i) - (a->i < b->i);
}
static int cmp_ino(const void *x, const void *y) {
  const key *a = x, *b = y;
  if (a->dev != b->dev) return a->dev < b->dev ? -1 : 1;
  return (a->ino > b->ino) - (a->ino < b->ino);
}

static int refuse(cli_input *in, const char *fmt, const char *a, const char *c) {
  char msg[1024];
  snprintf(msg, sizeof msg, fmt, in->path, a, c);
  free(in->refuse);
  return (in->refuse = strdup(msg)) ? 0 : -1;
}

/* The files a run reads besides its inputs (the archive of published text, cues, styles,
 * dictionaries), into side[] with what each is; returns how many (at most 64). */
static size_t side_files(const cli_batch *c, const char *side[64], const char *what[64]) {
  size_t n = 0;
  const char *fixed[3] = {c->opts.archive, c->opts.cues_file, c->xml_opts ? c->xo.styles_file : NULL};
  const char *fixed_what[3] = {"the archive (--archive)", "the cue file (--cues)",
                               "the style map (--styles)"};
  for (int k = 0; k < 3; k++)
    if (fixed[k]) side[n] = fixed[k], what[n++] = fixed_what[k];
  for (const char *const *d = c->opts.dicts; d && *d && n < 64; d++)
    what[n] = "a dictionary (--dict)", side[n++] = *d;
  return n;
}

/* Names every output; an output that is also an input, or that two inputs would share, is
 * refused for the input (the later one of two), which then fails without being read. */
static int plan_outputs(batch *b) {
  size_t n = b->in.n;
  const char *ext = out_ext(b->cfg);
  key *names = calloc(n ? n : 1, sizeof *names), *inos = calloc(n ? n : 1, sizeof *inos);
  size_t nino = 0;
  int rc = names && inos ? 0 : -1;
  for (size_t i = 0; !rc && i < n; i++) {
    cli_input *in = &b->in.v[i];
    if (!(in->out = out_path(b->cfg->output, in->rel, ext))) rc = -1;
    names[i] = (key){.s = in->out, .i = i};
    if (in->stat_ok) inos[nino++] = (key){.i = i, .dev = in->dev, .ino = in->ino};
  }
  if (!rc) {
    qsort(names, n, sizeof *names, cmp_name);
    qsort(inos, nino, sizeof *inos, cmp_ino);
  }
  for (size_t k = 1; !rc && k < n; k++)
    if (!strcmp(names[k].s, names[k - 1].s)) {
      size_t first = k - 1;
      while (first > 0 && !strcmp(names[first - 1].s, names[k].s)) first--;
      /* and how to avoid it (audit 24 F15: two days' folders into one DIR lost the second) */
      bool walked = b->in.v[names[k].i].walked && b->in.v[names[first].i].walked;
      rc = refuse(&b->in.v[names[k].i],
                  walked ? "%s: its output %s is already the output of %s (each directory "
                           "argument is mirrored from below it: name the directory that holds "
                           "both, or run once per directory)"
                         : "%s: its output %s is already the output of %s (a file named on the "
                           "command line goes to the top of -o DIR: run once per file)",
                  names[k].s, b->in.v[names[first].i].path);
    }
  /* nor a file the run reads besides, nor the report (probe 10 F1: an output named like the
   * archive replaced it); the report may not exist yet, so it is compared by place */
  const char *side[64], *side_what[64];
  size_t nside = side_files(b->cfg, side, side_what);
  struct stat sst[64];
  bool sst_ok[64];
  for (size_t k = 0; k < nside; k++) sst_ok[k] = !stat(side[k], &sst[k]);
  for (size_t i = 0; !rc && i < n; i++) {
    cli_input *in = &b->in.v[i];
    const char *report = b->cfg->report;
    if (report && strcmp(report, "-") && same_place(in->out, report)) {
      rc = refuse(in, "%s: its output %s is the report (--report); not overwritten%s", in->out, "");
      continue;
    }
    struct stat st;
    if (stat(in->out, &st)) continue;
    key k = {.dev = st.st_dev, .ino = st.st_ino};
    if (bsearch(&k, inos, nino, sizeof *inos, cmp_ino)) {
      rc = refuse(in, "%s: its output %s is an input; not overwritten%s", in->out, "");
      continue;
    }
    for (size_t j = 0; j < nside; j++)
      if (sst_ok[j] && sst[j].st_dev == st.st_dev && sst[j].st_ino == st.st_ino) {
        rc = refuse(in, "%s: its output %s is %s; not overwritten", in->out, side_what[j]);
        break;
      }
  }
  free(names);
  free(inos);
  return rc;
}

/* ---- the run ------------------------------------------------------------------------------ */

/* b->outc's stream: each write(2) counted as it succeeds. */
static ssize_t count_write(void *c, const char *buf, size_t n) {
  struct out_count *o = c;
  size_t done = 0;
  while (done < n) {
    ssize_t k = write(o->fd, buf + done, n - done);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    done += (size_t)k;
    o->sent += k;
  }
  /* (a short count, 0 when nothing was written, is the error: fopencookie(3)'s write must not
   * return a negative value, and glibc took -1 as a count and read past its buffer: review 19
   * H1, valgrind's "invalid read" in fwrite when standard output was /dev/full) */
  return (ssize_t)done;
}
static int count_close(void *c) {
  (void)c; /* the descriptor stays open (standard output; an in-place output's own stream) */
  return 0;
}

/* b->out written through b->outc (over fd); under: the stream it replaces (NULL: none). */
static int count_out(batch *b, int fd) {
  b->outc = (struct out_count){fd, 0};
  FILE *f = fopencookie(&b->outc, "w", (cookie_io_functions_t){.write = count_write,
                                                               .close = count_close});
  if (!f) return -1;
  b->out = f;
  b->counted = true;
  return 0;
}

static int open_single(batch *b) {
  cli_batch *c = b->cfg;
  b->out = stdout;
  if (!c->output || !strcmp(c->output, "-")) {
    b->to_stdout = true;
    fflush(stdout);
    if (count_out(b, STDOUT_FILENO)) {
      fprintf(stderr, "qinggao: out of memory\n");
      return EXIT_INPUT;
    }
    return 0;
  }
  if (open_atomic(c->output, &b->tmp, &b->out, &b->raw_out)) {
    fprintf(stderr, "qinggao: %s: cannot write: %s\n", c->output, strerror(errno));
    return EXIT_INPUT;
  }
  /* written in place, not compressed: the device's stream goes under the counting one, and
   * close_atomic closes both as it closes a compressing one */
  if (!*b->tmp && !b->raw_out) {
    FILE *dev = b->out;
    if (count_out(b, fileno(dev))) {
      close_atomic(c->output, b->tmp, dev, NULL, false);
      b->tmp = NULL;
      fprintf(stderr, "qinggao: out of memory\n");
      return EXIT_INPUT;
    }
    b->raw_out = dev;
  }
  return 0;
}

static void close_single(batch *b) {
  if (!b->tmp) {
    if (b->counted) { /* (what is left was said by out_failed, if anything failed) */
      fclose(b->out);
      b->out = stdout, b->counted = false;
    }
    fflush(stdout);
    return;
  }
  bool keep = (b->ok > 0 || b->partial_written) && !b->fatal;
  if (close_atomic(b->cfg->output, b->tmp, b->out, b->raw_out, keep) && keep) {
    fprintf(stderr, "qinggao: %s: cannot write: %s\n", b->cfg->output, strerror(errno));
    b->out_lost = true;
  }
  b->tmp = NULL;
  b->counted = false; /* (closed with it) */
}

/* A DIR that -o DIR/ created gets CLI_OUTPUT_MARK, so that a later walk of a tree holding it
 * leaves it out (probe 15 #10: `-o corpus/clean-DATE/ corpus` each night cleaned the earlier
 * nights' outputs again, the tree growing without end). A directory that was there is the
 * user's and is not marked. Failing to write it fails nothing: said. */
static void mark_output_dir(const cli_batch *c) {
  size_t dl = strlen(c->output);
  while (dl > 1 && c->output[dl - 1] == '/') dl--;
  size_t len = dl + sizeof "/" CLI_OUTPUT_MARK;
  char *mark = malloc(len);
  if (!mark) return;
  snprintf(mark, len, "%.*s/%s", (int)dl, c->output, CLI_OUTPUT_MARK);
  FILE *f = fopen(mark, "wx");
  bool ok = f && fprintf(f, "made by qinggao %s -o: the outputs of a run; qinggao skips this "
                         "directory when it walks a tree of inputs (remove this file to have it "
                         "walked)\n", c->cmd) > 0;
  if ((f && fclose(f)) || !ok) {
    if (!c->quiet)
      fprintf(stderr, "qinggao: %s: cannot write: %s (a later walk of a tree holding the "
              "directory will read the outputs)\n", mark, strerror(errno));
  }
  free(mark);
}

/* --stage-times: where the workers' time went (bench/run.sh's table per stage). */
static void stage_times(const batch *b) {
  double total = 0;
  for (size_t i = 0; i < b->nstage; i++) total += b->stage_s[i];
  double mb = (double)b->stage_bytes / 1e6;
  fprintf(stderr, "qinggao: time per stage (wall seconds in the pipelines, all workers; MB/s: "
                  "the input's %.3f MB over the stage's time)\n", mb);
  for (size_t i = 0; i < b->nstage; i++)
    fprintf(stderr, "  %-12s %9.4f s %5.1f%% %9.1f MB/s\n", b->stage_name[i], b->stage_s[i],
            total > 0 ? 100 * b->stage_s[i] / total : 0.0,
            b->stage_s[i] > 0 ? mb / b->stage_s[i] : 0.0);
  fprintf(stderr, "  %-12s %9.4f s %5.1f%% %9.1f MB/s\n", "all", total, total > 0 ? 100.0 : 0.0,
          total > 0 ? mb / total : 0.0);
}

static void summary(batch *b) {
  cli_batch *c = b->cfg;
  erase(b);
  if (!c->quiet) {
    double el = now_s() - b->t0;
    char bytes[32];
    uint64_t done = b->pool ? pool_bytes_done(b->pool) : 0;
    done -= b->bytes_failed <= done ? b->bytes_failed : done; /* "a failed file's figures are
                                                                * not added" (docs/batch.md) */
    pool_fmt_bytes(bytes, sizeof bytes, (double)done);
    /* repeats of archived text: listed (dedup) or reported (clean), never removed */
    char archived[128] = "";
    /* blocks that went with their article, repeating nothing themselves (a new byline over a
     * pasted story): removed, but no duplicate (audit 40; session 41) */
    char with_art[64] = "";
    if (b->with_article)
      snprintf(with_art, sizeof with_art, ", %llu with %s",
               (unsigned long long)b->with_article,
               b->with_article == 1 ? "a repeated article" : "repeated articles");
    if (b->archived)
      snprintf(archived, sizeof archived, !strcmp(c->cmd, "dedup") ? ", %llu of them in the archive"
                                                                     : ", %llu found in the archive",
               (unsigned long long)b->archived);
    /* --jsonl: the lines cleaned and the bad lines, in the one summary (probe 11c F18: a second
     * line, the first saying "0 failed" when bad lines made the status 3) */
    char lines[320] = "";
    bool dedup = !strcmp(c->cmd, "dedup");
    if (c->jsonl)
      snprintf(lines, sizeof lines, "; %lu JSON line%s %s, %lu bad line%s %s", b->good_lines,
               b->good_lines == 1 ? "" : "s", dedup ? "checked" : "cleaned", b->bad_lines,
               b->bad_lines == 1 ? "" : "s", dedup ? "not checked" : "not written");
    if (c->id_field) /* (a misspelt field name shows here: every record) */
      snprintf(lines + strlen(lines), sizeof lines - strlen(lines), ", %lu without an id", b->unnamed);
    /* the summary agrees with the exit status when no input failed but what was written did
     * (probe 11b G11: "1 file, 0 failed" next to exit 3) */
    if (b->out_cut && b->cut_at == 0)
      snprintf(lines + strlen(lines), sizeof lines - strlen(lines), "; nothing of the output was "
               "written");
    else if (b->out_cut && b->cut_at >= 0)
      snprintf(lines + strlen(lines), sizeof lines - strlen(lines), "; the output is incomplete "
               "(cut after %lld bytes)", b->cut_at);
    else if (b->out_cut)
      snprintf(lines + strlen(lines), sizeof lines - strlen(lines), "; the output is incomplete");
    if ((b->out_lost && !b->out_cut) || b->report_bad)
      snprintf(lines + strlen(lines), sizeof lines - strlen(lines), "; %s not written",
               b->out_lost && !b->out_cut && b->report_bad ? "the output and the report"
               : b->out_lost && !b->out_cut                ? "the output" : "the report");
    /* the run stopped at a failed input (out of memory): the inputs after it, not processed,
     * are said and counted, not left out of the summary as if there had been none */
    if (b->stopped_at && b->in.n > b->files) {
      size_t left = b->in.n - b->files;
      snprintf(lines + strlen(lines), sizeof lines - strlen(lines),
               "; the run stopped there: %zu more file%s not %s", left, left == 1 ? "" : "s",
               dedup ? "checked" : "cleaned");
    }
    if (b->kept && strcmp(c->cmd, "dedup")) /* (dedup lists them with the others) */
      snprintf(archived + strlen(archived), sizeof archived - strlen(archived),
               ", %llu repeat%s kept", (unsigned long long)b->kept, b->kept == 1 ? "" : "s");
    if (!strcmp(c->cmd, "dedup")) /* it lists the repeats and rewrites nothing */
      fprintf(stderr,
              "qinggao: %s: %u file%s, %u failed; %s, %llu paragraph%s, %llu repeat%s listed%s%s; "
              "%.2f s, %.1f MB/s\n",
              c->cmd, b->files, b->files == 1 ? "" : "s", b->failed, bytes,
              (unsigned long long)(b->blocks + b->removed), b->blocks + b->removed == 1 ? "" : "s",
              (unsigned long long)(b->dups + b->with_article + b->kept + b->archived),
              b->dups + b->with_article + b->kept + b->archived == 1 ? "" : "s",
              archived, lines, el, el > 0 ? (double)done / el / 1e6 : 0.0);
    else
      fprintf(stderr,
              "qinggao: %s: %u file%s, %u failed; %s, %llu paragraph%s, %llu change%s, %llu removed "
              "(%llu duplicate%s%s)%s%s; %.2f s, %.1f MB/s\n",
              c->cmd, b->files, b->files == 1 ? "" : "s", b->failed, bytes,
              (unsigned long long)b->blocks, b->blocks == 1 ? "" : "s",
              (unsigned long long)b->changes, b->changes == 1 ? "" : "s",
              (unsigned long long)b->removed, (unsigned long long)b->dups,
              b->dups == 1 ? "" : "s", with_art, archived, lines, el,
              el > 0 ? (double)done / el / 1e6 : 0.0);
  }
  if (b->failed && b->failed_names)
    fprintf(stderr, "qinggao: failed: %s%s\n", b->failed_names,
            b->fn_count > 20 ? ", …" : "");
}

/* --report NAME takes JSON Lines when NAME ends in .json, .jsonl or .ndjson (any case), a
 * .gz or .zst after it aside (probe 23 L7: R.json got file:line:col: lines). */
static bool json_name(const char *name) {
  size_t n = strlen(name);
  if (n > 3 && !strcasecmp(name + n - 3, ".gz")) n -= 3;
  else if (n > 4 && !strcasecmp(name + n - 4, ".zst")) n -= 4;
  static const char *const ext[] = {".json", ".jsonl", ".ndjson"};
  for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
    size_t k = strlen(ext[i]);
    if (n > k && !strncasecmp(name + n - k, ext[i], k) && name[n - k - 1] != '/') return true;
  }
  return false;
}

int cli_batch_run(cli_batch *c) {
  batch B = {.cfg = c}, *b = &B;
  int status = 0;
  cli_sig_guard guard = {.on = false};
  const bool report_out = c->report && !strcmp(c->report, "-"); /* --report -: standard output */
  b->t0 = now_s();
  b->report_json = c->report && json_name(c->report);
  mode_t mask = umask(0); /* no other thread yet */
  umask(mask);
  new_mode = 0666 & ~mask;
  /* -o DIR: an existing directory, or a name ending in '/' */
  struct stat st;
  if (c->output && !c->output[0]) {
    fprintf(stderr, "qinggao %s: -o needs a file or directory name, not an empty one\n", c->cmd);
    return EXIT_USAGE;
  }
  if (c->output && strcmp(c->output, "-")) {
    size_t ol = strlen(c->output);
    b->out_dir = c->output[ol - 1] == '/' || (!stat(c->output, &st) && S_ISDIR(st.st_mode));
  }
  if (b->out_dir) {
    for (int i = 0; i < c->nin; i++)
      if (!strcmp(c->in[i], "-")) {
        fprintf(stderr, "qinggao %s: -o DIR needs named inputs, not standard input\n", c->cmd);
        return EXIT_USAGE;
      }
    if (!c->nin) {
      fprintf(stderr, "qinggao %s: -o DIR needs named inputs, not standard input\n", c->cmd);
      return EXIT_USAGE;
    }
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/x", c->output);
    bool existed = !stat(c->output, &st);
    if (mkdirs(probe) || stat(c->output, &st) || !S_ISDIR(st.st_mode)) {
      fprintf(stderr, "qinggao: %s: cannot create the directory: %s\n", c->output,
              strerror(errno));
      return EXIT_INPUT;
    }
    if (!existed) mark_output_dir(c);
    c->walk.skip_dir = true, c->walk.skip_dev = st.st_dev, c->walk.skip_ino = st.st_ino;
    /* the output directory is skipped inside the inputs' trees; named itself as an input, it
     * would give nothing to do (and its outputs would mix with its inputs) */
    for (int i = 0; i < c->nin; i++) {
      struct stat ist;
      if (!stat(c->in[i], &ist) && S_ISDIR(ist.st_mode) && ist.st_dev == st.st_dev &&
          ist.st_ino == st.st_ino) {
        fprintf(stderr, "qinggao %s: %s is both an input directory and the output directory "
                "(-o %s): name another output directory\n", c->cmd, c->in[i], c->output);
        return EXIT_USAGE;
      }
    }
  }
  c->walk.quiet = c->quiet;
  c->walk.once = true; /* a file reached twice is cleaned once (probe 15 #7) */
  if (cli_inputs_collect(c->nin, c->in, &c->walk, &b->in) || skip_not_text(c, b) ||
      (b->out_dir && plan_outputs(b))) {
    fprintf(stderr, "qinggao: out of memory\n");
    cli_inputs_free(&b->in);
    return EXIT_INPUT;
  }
  if (!b->in.n) { /* a mistyped --include, or directories with no text, must not make a
                   * job pass on nothing, its old output left in place (probe 10 F4); as lint
                   * does, said even with -q */
    fprintf(stderr, "qinggao: %s: no file to read (--include and --exclude patterns are matched "
            "below each directory named)\n", c->cmd);
    cli_inputs_free(&b->in);
    return EXIT_USAGE;
  }
  if ((c->output && strcmp(c->output, "-")) || c->report) cli_sig_guard_start(&guard); /* before the workers */
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int n = c->jobs > 0 ? c->jobs : cores > 0 ? (int)cores : 1;
  if (c->opts.dedup_scope == QG_SCOPE_RUN) n = 1; /* one order of first occurrences */
  /* every record a document of its own: a JSON Lines file's records on every worker; no
   * more workers (each with its pipeline) than the inputs make chunks: about their size over
   * CHUNK_BYTES, a compressed name's 8 times its size, one of unknown size (standard input, a
   * pipe) as many as -j says */
  if (c->jsonl && n > 1) {
    uint64_t chunks = 0;
    for (size_t i = 0; i < b->in.n && chunks < (uint64_t)n; i++) {
      const cli_input *in = &b->in.v[i];
      uint64_t grow = zio_kind_for_name(in->path) == ZIO_PLAIN ? 1 : 8;
      chunks += !in->stat_ok || !in->size ? (uint64_t)n : 1 + in->size * grow / CHUNK_BYTES;
    }
    if (chunks < (uint64_t)n) n = (int)chunks;
  }
  b->chunked = c->jsonl && n > 1;
  /* one text input and cores to spare: its pipeline runs the repeat check and what follows on a
   * second thread (qg_options.threads; docs/batch.md "One file on two threads") */
  if (!c->jsonl && b->in.n == 1 && n > 1 && !c->stage_times) c->opts.threads = 2;
  b->take_back_sync = c->opts.dedup_scope == QG_SCOPE_RUN && b->out_dir;
  bool unsized = false; /* standard input, a named pipe or device (a file that could not be
                         * looked at fails at once: it changes nothing) */
  for (size_t i = 0; i < b->in.n; i++)
    unsized |= !strcmp(b->in.v[i].path, "-") || (b->in.v[i].stat_ok && !b->in.v[i].sized);
  pool_cfg pc = {.n = b->in.n, .workers = n, .user_size = sizeof(bdoc), .ud = b,
                 .worker_init = worker_init, .worker_free = worker_free, .run = run_doc,
                 .emit = emit, .part = b->chunked ? part : NULL, .progress = !c->quiet && isatty(STDERR_FILENO),
                 .lockstep = b->take_back_sync,
                 .total = b->in.total, .total_unknown = unsized, .size = in_size};
  if (!(b->pool = pool_new(&pc, &status))) goto done;
  worker *w0 = pool_worker(b->pool, 0);
  b->head = w0->w ? qg_writer_root(w0->w, false) : "";
  b->tail = w0->w ? qg_writer_root(w0->w, true) : "";
  b->doc_sep = c->fmt == QG_FORMAT_TEXT && !c->jsonl && w0->w;
  /* -o FILE and --report FILE never replace an input (-o DIR checks each name itself), nor
   * a file the run reads besides (the archive of published text, cues, styles, dictionaries:
   * probe 8 E16, an archive replaced by the XML), nor each other */
  const char *outs[2] = {b->out_dir ? NULL : c->output, c->report};
  const char *side[64], *side_what[64];
  size_t nside = side_files(c, side, side_what);
  struct stat first = {0};
  bool first_ok = false;
  if (outs[0] && outs[1] && strcmp(outs[0], "-") && same_place(outs[0], outs[1])) {
    fprintf(stderr, "qinggao %s: -o and --report name the same file %s\n", c->cmd, outs[0]);
    status = EXIT_USAGE;
    goto done;
  }
  for (int k = 0; k < 2; k++) {
    struct stat ost;
    if (!outs[k] || !strcmp(outs[k], "-") || stat(outs[k], &ost)) continue;
    const char *what = NULL;
    for (size_t i = 0; i < b->in.n && !what; i++)
      if (b->in.v[i].stat_ok && b->in.v[i].dev == ost.st_dev && b->in.v[i].ino == ost.st_ino)
        what = "an input";
    for (size_t i = 0; i < nside && !what; i++) {
      struct stat sst;
      if (side[i] && !stat(side[i], &sst) && sst.st_dev == ost.st_dev && sst.st_ino == ost.st_ino)
        what = side_what[i];
    }
    if (!what && k == 1 && first_ok && first.st_dev == ost.st_dev && first.st_ino == ost.st_ino) {
      if (stream_fd(outs[1]) >= 0 || !S_ISREG(ost.st_mode)) { /* (2>&1: nothing replaced) */
        fprintf(stderr, "qinggao %s: --report %s goes where the output -o %s goes (one stream, "
                "pipe or device): they would mix; name a file for one of them\n", c->cmd,
                outs[1], outs[0]);
        status = EXIT_USAGE;
        goto done;
      }
      what = "the output (-o)";
    }
    if (what) {
      fprintf(stderr, "qinggao %s: %s is %s; not overwritten\n", c->cmd, outs[k], what);
      status = EXIT_USAGE;
      goto done;
    }
    if (k == 0) first = ost, first_ok = true;
  }
  /* (--report /dev/stdout names standard output as - does; -o /dev/stdout with --report -) */
  int rep_fd = report_out ? STDOUT_FILENO : c->report ? stream_fd(c->report) : -1;
  int out_fd = b->out_dir ? -1 : !c->output || !strcmp(c->output, "-") ? STDOUT_FILENO
                                                                          : stream_fd(c->output);
  if (rep_fd == STDOUT_FILENO && out_fd == STDOUT_FILENO) {
    fprintf(stderr, "qinggao %s: --report %s and the output would both go to standard output: "
            "name a file for one of them (-o FILE or --report FILE)\n", c->cmd, c->report);
    status = EXIT_USAGE;
    goto done;
  }
  if (!b->out_dir && (status = open_single(b))) goto done;
  /* the report is written as -o FILE is: a temporary file beside it, renamed over it at the
   * end, removed on a signal or a write error, so a failed run leaves the old report whole (it
   * was truncated at the start and left empty or cut: probe 11b G4); compressed as -o FILE.gz */
  if (report_out) b->report_f = stdout; /* --report -: standard output (the output is not) */
  else if (c->report && open_atomic(c->report, &b->report_tmp, &b->report_f, &b->report_raw))
    b->report_f = b->report_raw = NULL;
  if (c->report && !b->report_f) {
    fprintf(stderr, "qinggao: %s: cannot write: %s\n", c->report, strerror(errno));
    status = EXIT_INPUT;
    goto done;
  }
  /* a report written in place to a stream (--report /dev/stderr … 2>&1 | tee log) goes line by
   * line, so that a message on standard error never lands inside one of its lines */
  if (b->report_f && !report_out && !*b->report_tmp && !b->report_raw)
    setvbuf(b->report_f, NULL, _IOLBF, 0);
  b->out_tty = !b->out_dir && b->to_stdout && isatty(STDOUT_FILENO);
  b->report_tty = b->report_f && isatty(fileno(b->report_raw ? b->report_raw : b->report_f));
  if (pool_run(b->pool)) b->fatal = true;
  if (!b->out_dir && b->head_written && !b->fatal && (fputs(b->tail, b->out) < 0 || fflush(b->out)))
    out_failed(b, errno);
  if (!b->out_dir) close_single(b);
  if (b->report_f && report_out) {
    if (fflush(stdout)) {
      fprintf(stderr, "qinggao: the report (standard output): cannot write: %s\n", strerror(errno));
      b->fatal = true;
    }
  } else if (b->report_f) {
    bool keep = !b->report_bad;
    if (close_atomic(c->report, b->report_tmp, b->report_f, b->report_raw, keep) || !keep) {
      if (keep) fprintf(stderr, "qinggao: %s: cannot write: %s\n", c->report, strerror(errno));
      else fprintf(stderr, "qinggao: %s: not replaced (writing it failed)\n", c->report);
      b->fatal = true;
    }
    b->report_tmp = NULL;
  }
  b->report_f = b->report_raw = NULL;
  summary(b);
  status = b->failed || b->bad_lines || b->fatal || b->out_lost ? EXIT_INPUT : 0;
done:
  if (b->tmp) close_atomic(c->output, b->tmp, b->out, b->raw_out, false);
  else if (b->counted) fclose(b->out); /* (standard output: nothing was written to it) */
  if (b->report_f && !report_out)
    close_atomic(c->report, b->report_tmp, b->report_f, b->report_raw, false);
  if (b->pool) b->stage_bytes = pool_bytes_done(b->pool);
  pool_free(b->pool);
  cli_jsonl_close(b->rd); /* (a run stopped while an input was being cut) */
  fa_drop(&b->fa);
  fa_reset(&b->fa);
  if (c->stage_times) stage_times(b);
  cli_sig_guard_stop(&guard);
  free(b->failed_names);
  cli_inputs_free(&b->in);
  return status;
}
