/* lint.c: `qinggao lint`: runs the pipeline over each input and prints its diagnostics in a
 * format CI systems read, with each file's configuration (.qinggao.ini) applied; --fix
 * rewrites files with the safe fixes applied, --diff shows them. docs/ci.md. */
#include "internal.h" /* qg_pipeline_queued_low */
#include "lint.h"
#include "pool.h"
#include "zio.h"

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

static const char usage_lint[] =
    "usage: qinggao lint [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Reports diagnostics on standard output. Exit status: 0 no error, 1 errors found (or more\n"
    "warnings than --max-warnings), 2 usage or configuration error, 3 unreadable input or\n"
    "invalid bytes (--invalid error).\n"
    "\n"
    "  -f, --format FMT        gcc (default: file:line:col: severity: message [rule];\n"
    "                          severity is error, warning or note), json (one object per\n"
    "                          line), sarif (SARIF 2.1.0, for code-scanning dashboards),\n"
    "                          github (GitHub Actions annotations) or codeclimate (a JSON\n"
    "                          array: GitLab's code quality report)\n"
    "      --max-warnings N    exit 1 when more than N warnings are found\n"
    "  -j, --jobs N            worker threads (default: the number of online processors);\n"
    "                          the output, messages and exit status are those of -j 1;\n"
    "                          one file runs on two threads (gcc, json, github);\n"
    "                          --dedup-scope run, and --fix with a file named twice, use\n"
    "                          one worker\n"
    "      --config FILE       use FILE instead of looking up .qinggao.ini files\n"
    "      --no-config         ignore .qinggao.ini files\n"
    "      --fix               rewrite each file with the safe fixes applied (same encoding,\n"
    "                          BOM and line ends), checked and fixed again until nothing\n"
    "                          more applies; prints what is left\n"
    "      --diff              print the fixes as a unified diff instead of writing them\n"
    "                          (and no diagnostics; with -f gcc only)\n"
    "      --to-utf8           with --fix or --diff: write UTF-8 (no BOM) whatever the input\n"
    "                          encoding\n"
    "      --dict FILE         terms the segmenter keeps whole (word-repeat; docs/segment.md)\n"
    "      --dedup MODE        drop (default) or mark: a repeated paragraph is an error naming\n"
    "                          the line of the first (drop: clean drops it); off:\n"
    "                          repeats are not checked\n"
    "      --include GLOB      check only the files found in directories that match GLOB\n"
    "                          (repeatable; as clean's: docs/batch.md)\n"
    "      --exclude GLOB      skip files and directories found in directories that match\n"
    "                          GLOB (repeatable). Files found in directories that are not\n"
    "                          text (NUL bytes, an image, PDF, .docx…) are skipped, said\n"
    "                          once on standard error; a file named is always checked\n"
    "      --archive PATH      report paragraphs already published (the archive of qinggao\n"
    "                          archive add) as errors naming the archived source and line;\n"
    "                          overrides archive = in .qinggao.ini\n";

typedef struct limit_count {
  const char *files; /* the config files that set it ("" for --max-warnings: all files) */
  long limit;
  uint64_t warnings;
} limit_count;

typedef struct stored_diag {
  const char *rule, *message, *original, *replacement; /* in the worker's chunks, or the rule table */
  size_t mlen, olen, rlen; /* their lengths (strlen's) */
  int rule_ix;   /* rule's index in the rule table plus one; 0: not the table's */
  bool nul;      /* original or replacement holds a LINT_NUL */
  qg_pos start, end;
  int sev;       /* lint's severity (never LINT_SEV_OFF: those are not stored) */
  int raw_off;   /* the rule is turned off: kept only to hold back edits touching it */
  bool fixed;
  uint32_t link; /* qg_diag.link */
  /* SARIF: a repeat's first occurrence in a file lint checks (relatedLocations): its name as
   * SARIF names it ("" for the diagnostic's own file) and line; NULL when there is none */
  const char *rel_file;
  uint32_t rel_line;
  bool rel_article; /* the block repeats nothing: rel_line is what its article repeats */
} stored_diag;

enum { STREAM_K = 64, STREAM_READ = 65536, STREAM_SPILL_BUF = 1 << 18, STREAM_EARLY_BLOCKS = 4,
       STREAM_EARLY_BYTES = 4 << 20 };

/* A diagnostic of a file streamed bare (gcc and github without --fix or --diff): its line
 * rendered when it was raised (bare_diag), in the worker's chunks */
typedef struct bline {
  uint64_t pos;   /* its start: line << 32 | column */
  const char *line;
  size_t len;
  uint8_t sev;
  bool printed;
  size_t chunk;   /* the chunk (counted from the file's first) the line is in */
} bline;

typedef struct qdiag {
  stored_diag s;
  size_t chunk;   /* the chunk (counted from the file's first) its strings start in, or after */
  bool decided, applied, direct;
  bool printed;   /* printed already (diagnostics are printed sorted: stream_release) */
  bool has_ctx;   /* ctx is set (fingerprints: diag_ctx, while its lines are in the window) */
  uint64_t ctx;
  qg_pos dstart, dend; /* with direct: the file's characters the fix replaces */
  const char *by;      /* applied, its change in the fix of another (fix_edit.carrier): that
                        * one's rule (the table's string) at by_pos; NULL: none */
  qg_pos by_pos;
} qdiag;

/* --fix, --diff: the fixes held back because their line holds bytes that are not UTF-8
 * (fix_edit.invalid), on how many lines, the first and the last of them (held_tally) */
typedef struct inv_tally {
  uint64_t fixes;
  uint32_t lines, first, last;
} inv_tally;

typedef struct pedit { /* a fix whose line is not decided */
  size_t q;            /* its diagnostic, counted from the file's first */
  fix_edit e;
} pedit;

typedef struct lint_stream {
  bool on;
  /* the queue, a ring: diagnostic i of the file (counted from 0) is at QAT(st, i) while
   * qhead <= i < qn; those before qhead are printed. A ring, not an array whose printed half
   * was moved down when it filled (session 52: 3.6 M instructions of `lint -f json` on the
   * 2 MB bench copy moving entries of ~180 bytes). qcap, bqcap: powers of two */
  qdiag *q;
  size_t qhead, qn, qcap;
  bline *bq;        /* bare: the queue instead of q (qhead and qn count it: BAT) */
  size_t bqcap;
  const size_t *rlens; /* bare: lint_out_rule_lens() */
  pedit *pe;        /* in the order raised */
  size_t npe, pecap;
  char *win;        /* the file's bytes from the start of line fin */
  size_t wlen, wcap;
  uint64_t woff;    /* file offset of win[0] */
  uint64_t *lo;     /* file offsets of the starts of lines fin, fin + 1, … seen */
  size_t nlo, locap;
  uint64_t fed;     /* bytes of the file read */
  uint32_t fin;     /* the lines before it are decided */
  uint32_t ring[STREAM_K]; /* first lines of the last k blocks out of the pipeline */
  size_t nring, k;
  uint64_t out_bytes; /* text of the blocks out of the pipeline (the ring's early decision) */
  uint8_t *lbits;   /* links decided (a further fix of one is a surprise) */
  size_t lbcap;
  int lf;           /* -1: the first line end not seen yet; 1: an LF file; 0: another */
  uint64_t lf_at;   /* while lf is -1: the file offset up to which no CR or LF was found (the
                     * scan goes on from there, not from the window's start: a long first
                     * line was scanned again at each read, quadratic; probe 9 F7) */
  bool enc_known, utf8;
  /* set by the handler's callbacks and by the reading loop: on two threads (one input,
   * -j above 1) they run on different threads (qg_options.threads) */
  _Atomic bool violation;
  bool parts;       /* decided in parts of whole lines (with lf 1): UTF-8, or another
                     * encoding whose line ends are the bytes 0x0A and 0x0D alone and that
                     * keeps no state across them (GB18030, Big5, GBK: lines of the window
                     * converted one at a time, line_text); --fix and --diff too since session
                     * 21 (before, such a file was fixed whole: 5.5 MB of GB18030, 208 MB) */
  /* --fix and --diff: the encoding the first pass read the file in (set for the passes after
   * it, which read the text it wrote, in the same encoding or not streamed: a guess of the
   * encoding of the fixed text that differed would decode it as another) */
  char enc_want[64];
  char *lt;         /* line_text's line converted to UTF-8 (another encoding in parts) */
  size_t ltlen, ltcap;
  uint32_t ltline;  /* its line (0: none) */
  UConverter *ltcv, *lt8; /* the file's encoding and UTF-8, for it (opened once a file) */
  bool at_end;      /* the file is read to its end (its last line is whole) */
  bool bare;        /* gcc and github without --fix or --diff: nothing to decide and no
                     * context to read, so no window of the file is kept, and diagnostics
                     * are printed once the pipeline is done with their lines, whatever the
                     * encoding (stream_decide) */
  uint32_t released; /* the diagnostics of lines before it are printed: one raised for such
                      * a line would come out of order (then the file is checked again whole) */
  struct rel_item *rel; /* scratch of stream_release */
  size_t relcap;
  uint32_t *relcnt;     /* and of sort_lines */
  size_t relcntcap;
  size_t npending;  /* queued diagnostics with no ctx yet (fingerprints) */
  FILE *spill;      /* unbuffered: written from ob in large pieces (stdio's buffer was one
                     * more copy of every byte: 14 M instructions of `lint -f json` on the 2 MB
                     * bench copy, session 33); made when ob first fills (stream_spill): a file
                     * whose results fit ob is copied to the slot from ob alone (a temporary
                     * file made, unlinked, truncated and closed cost a one-article lint 25 to
                     * 75 us, session 36) */
  bool spill_failed; /* the spill could not be made: the file is checked again whole */
  FILE *fixf;       /* --fix: the fixed text, part after part */
  FILE *passf;      /* --diff: the fixed text of the pass before, which the next pass reads */
  struct stat id;   /* the file as it was opened (st_nlink 0: unknown): --fix leaves it when
                     * it changed meanwhile */
  FILE *inf;        /* standard input or a pipe: what was read (fix_one reads it again) */
  bool changed;     /* --fix: a part's fixed text differs from the file's */
  uint64_t napplied; /* --fix: the fixes applied */
  inv_tally inv;     /* --fix, --diff: the fixes held back by invalid bytes */
  const char *fname;
  lint_fname fn;    /* its forms (json, sarif), made once a file */
  lint_obuf ob;     /* results printed, written to spill at STREAM_SPILL_BUF bytes
                     * (stream_flush); the rest is copied to the slot from here (stream_copy) */
  /* scratch of stream_decide */
  fix_edit *ge;
  size_t *gi, gcap;
  struct lk { uint32_t link, line; } *lk;
  size_t lkcap;
} lint_stream;

#define QAT(st, i) (&(st)->q[(i) & ((st)->qcap - 1)])
#define BAT(st, i) (&(st)->bq[(i) & ((st)->bqcap - 1)])

/* Room in a ring queue (QAT, BAT) for one more entry: *v (capacity *cap entries of size sz,
 * entries head..n-1 in it) made twice as large when full, its entries at their places in the
 * larger ring. false: no memory. */
static bool ring_room(void **v, size_t *cap, size_t sz, size_t head, size_t n) {
  if (n - head < *cap) return true;
  size_t nc = *cap ? *cap * 2 : 1024;
  char *nv = nc <= SIZE_MAX / sz ? malloc(nc * sz) : NULL;
  if (!nv) return false;
  for (size_t i = head; i < n; i++)
    memcpy(nv + (i & (nc - 1)) * sz, (char *)*v + (i & (*cap - 1)) * sz, sz);
  free(*v);
  *v = nv, *cap = nc;
  return true;
}

typedef struct lint_input { /* found before the run, on the main thread */
  const lint_config *cfg;   /* its configuration (owned by the cache or fixed_cfg) */
  const char *ignored_by;   /* the ignore pattern that matches it, or NULL */
  const char *ignored_cfg;  /* the configuration file that holds that pattern */
  const char *side_what;    /* it is a file the check reads (a cue file, a dictionary, the
                             * archive: ignored_by set too), or NULL */
  bool repeat;              /* --diff: an earlier input is the same file (its diff shown there) */
  const char *not_text;     /* found in a directory and not text (cli_not_text; ignored_by set
                             * too, so it is skipped as an ignored file is), or NULL */
} lint_input;

/* The run: options, read-only while the workers run; the totals, the main thread's. */
typedef struct lint_run {
  qg_options opts;
  const char *cli_cues;
  const char *cli_archive;
  bool cli_features, cli_threshold; /* --near-features, --near-threshold given */
  lint_format fmt;
  long max_warnings; /* -1: none on the command line */
  const char *config_file;
  bool no_config, fix, diff, to_utf8, quiet;
  int jobs;          /* -j N; 0: the number of online processors */
  lint_config fixed_cfg;  /* --config FILE or --no-config */
  lint_config_cache *cache;
  char **inputs;
  int ninputs;
  cli_inputs in;
  lint_input *li;    /* per input */
  /* totals, in input order (main thread) */
  unsigned files, failed, ignored, fixed_files, not_text;
  char not_text_names[512]; /* the first few, for the one message about them */
  uint64_t fixed_diags, errors, warnings;
  limit_count *limits; /* one per distinct max-warnings value in force */
  size_t nlimits;
  char failed_names[512];
  bool any_out; /* a file's results were written (sarif, codeclimate: the next is joined) */
  bool fatal;   /* out of memory or stopped: the run ends, exit 3 */
} lint_run;

/* One file's result (its pool slot's data, cli/pool.c). */
typedef struct lint_file {
  bool failed, fatal, fixed;
  uint64_t warnings, errors, fixed_diags;
  inv_tally inv; /* --fix, --diff: the last pass's fixes held back by invalid bytes */
  char why[512]; /* failed: why (the message, without "qinggao: " and the file's name), for
                  * the formats that name failed inputs (put_failed) */
} lint_file;

/* A worker: its pipeline and the file being checked. Output goes to out and messages to msg,
 * the streams into the file's slot. */
typedef struct lint_worker {
  lint_run *r;
  FILE *out, *msg;
  qg_pipeline *p;
  const char *p_cues, *p_archive; /* cue file and archive of the pipeline */
  qg_features p_features;         /* and its near features and threshold */
  double p_threshold;
  const char *p_dicts;            /* the dictionaries' key of the configuration (NULL: none) */
  const char *p_dv[2 * 64 + 1];   /* its dictionaries: --dict's, then the configuration's */
  const lint_config *cfg;         /* of the file being checked */
  const char *path;
  lint_file *f;
  bool first; /* before the file's first result (lint_out_diag) */
  char *nbuf;              /* file_name's normalized names (grows, freed with the worker) */
  size_t nbufcap;
  stored_diag *sd;
  size_t nsd, sdcap;
  /* the stored diagnostics' strings, one after another in chunks that never move (a file's
   * hundreds of thousands of diagnostics are not each four allocations) */
  char **chunk;
  size_t nchunk, capchunk, used, size; /* used of the last chunk's size bytes */
  size_t chunk_base; /* number of chunks freed before chunk[0] (streamed: freed as printed) */
  _Atomic bool oom; /* (set on either thread of a pipeline on two: violation above) */
  /* the file's first read still to come looks whether it is JSON Lines (look_jsonl) */
  bool look;
  lint_stream *st; /* json and sarif streamed (stream_one), else NULL */
  /* fingerprints (codeclimate, sarif: "fingerprints" below): the occurrences of each
   * identity printed for the file, and the file's text in UTF-8, split in lines, when the
   * diagnostics' lines are read from it (cx_on) rather than from the stream's window */
  uint64_t *occ;
  size_t occ_cap, occ_used;
  const char *fp_file;  /* the file name hashed last, and its hash */
  uint64_t fp_h;
  bool cx_on;
  const char *cx_s;
  size_t cx_n;
  char *cx_own;   /* cx_s when converted from the file's encoding */
  size_t *cx_ls;  /* line starts */
  size_t cx_nl, cx_lcap;
  /* diag_ctx's places on line cpc_line (its text at cpc_p, cpc_n bytes): code point
   * CPC_STEP * j is at byte cpc_at[j] (j < cpc_nat), so a diagnostic of the line walks from
   * the place before its column and not from the line's start (a line of the bench copy holds
   * a paragraph, and each stage raises its issues along it: cp_off was 45 M instructions of
   * `lint -f sarif` on it) */
  const char *cpc_p;
  size_t cpc_n, *cpc_at, cpc_nat, cpc_cap;
  uint32_t cpc_line;
} lint_worker;

static int lint_severity(const lint_worker *w, const qg_diag *d, int i) {
  /* bytes invalid in the encoding fail the file (status 3) whatever the configuration says:
   * their diagnostic is the only statement of where they are, so a severity set for the rule
   * (off, to quiet the warnings of --invalid replace) does not hide it (probe 9 F14) */
  if (d->severity == QG_SEV_ERROR && !d->fixed && !strcmp(d->rule, "decode-invalid"))
    return QG_SEV_ERROR;
  if (i >= 0 && w->cfg && w->cfg->sev[i] != LINT_SEV_UNSET) return w->cfg->sev[i];
  /* repeats fail the check; a schedule's entry kept as another listing's row does not (a TV
   * page with one programme on two channels is right: probe 12b B16, review 12 R2), nor a
   * short record kept under another lead (a record of votes: session 46), nor a published
   * paragraph with other figures (session 48: a correction, for the desk to check), nor a
   * part of a published paragraph (session 49: a split, merge, cut or addition, a warning) */
  if (d->rule[0] == 'd' && !strncmp(d->rule, "dup-", 4) && strcmp(d->rule, "dup-schedule") &&
      strcmp(d->rule, "dup-record") && strcmp(d->rule, "dup-archive-figures") &&
      strcmp(d->rule, "dup-archive-part"))
    return QG_SEV_ERROR;
  return (int)d->severity;
}

static void count(lint_worker *w, int sev) {
  if (sev == QG_SEV_ERROR) w->f->errors++;
  else if (sev == QG_SEV_WARNING) w->f->warnings++;
}

/* s[0..len) copied into the worker's chunks as a C string (NULL stays NULL), a NUL in it
 * as LINT_NUL (an original holding U+0000: audit 24 F18); *n: the length stored. */
static char *store_copy(lint_worker *w, const char *s, size_t len, size_t nuls);
static char *store_str(lint_worker *w, const char *s) {
  return s ? store_copy(w, s, strlen(s), 0) : NULL; /* (no NUL before its end) */
}
/* the NULs in s[0..len) */
static size_t nuls_in(const char *s, size_t len) {
  size_t nuls = 0;
  if (len < 16) { /* (an original or a replacement: a character or two) */
    for (size_t i = 0; i < len; i++) nuls += !s[i];
  } else {
    for (const char *z = memchr(s, 0, len); z; z = memchr(z + 1, 0, len - (size_t)(z + 1 - s)))
      nuls++;
  }
  return nuls;
}
/* Room for n bytes at the end of the chunks (w->used not moved: the caller adds what it
 * wrote), or NULL (w->oom) */
static char *store_chunk(lint_worker *w, size_t n);
static inline char *store_room(lint_worker *w, size_t n) {
  if (w->nchunk && w->size - w->used >= n) return w->chunk[w->nchunk - 1] + w->used;
  return store_chunk(w, n);
}
/* store_room with a new chunk */
static char *store_chunk(lint_worker *w, size_t n) {
  size_t size = n > 65536 ? n : 65536;
  if (w->nchunk == w->capchunk) {
    size_t cap = w->capchunk ? w->capchunk * 2 : 16;
    char **v = realloc(w->chunk, cap * sizeof *v);
    if (!v) {
      w->oom = true;
      return NULL;
    }
    w->chunk = v;
    w->capchunk = cap;
  }
  char *c = malloc(size);
  if (!c) {
    w->oom = true;
    return NULL;
  }
  w->chunk[w->nchunk++] = c;
  w->used = 0;
  w->size = size;
  return w->chunk[w->nchunk - 1] + w->used;
}

/* s[0..len), holding nuls NULs, at d as a C string (each NUL as LINT_NUL); returns d */
static char *put_stored(char *d, const char *s, size_t len, size_t nuls) {
  size_t n = len + nuls + 1;
  if (!nuls) {
    memcpy(d, s, len);
  } else {
    for (size_t i = 0, k = 0; i < len; i++)
      if (s[i]) d[k++] = s[i];
      else d[k++] = LINT_NUL[0], d[k++] = LINT_NUL[1];
  }
  d[n - 1] = '\0';
  return d;
}

/* s[0..len), holding nuls NULs, into the chunks */
static char *store_copy(lint_worker *w, const char *s, size_t len, size_t nuls) {
  char *d = store_room(w, len + nuls + 1);
  if (!d) return NULL;
  w->used += len + nuls + 1;
  return put_stored(d, s, len, nuls);
}

/* A path as lint writes it in every format and in --diff's headers (docs/ci.md, "File
 * names"): without "." segments and with each run of '/' as one, so `lint .`, `lint
 * ./articles`, `lint articles/` and `lint articles` name a file alike (articles/x.txt, not
 * ./articles/x.txt or articles//x.txt: GitHub and GitLab look the path up literally, and git
 * apply refuses a/./x.txt; probe 14 #7, #8). ".." is kept (a symbolic link makes it more than
 * text), and so is the leading '/' of an absolute path; a path that would be left empty (".")
 * stays as it is. out has room for strlen(path) + 1 bytes and may be path itself. */
static char *norm_path(char *out, const char *path) {
  bool abs = path[0] == '/';
  size_t o = 0;
  const char *p = path;
  if (abs) out[o++] = '/';
  while (*p) {
    while (*p == '/') p++;
    const char *e = p;
    while (*e && *e != '/') e++;
    size_t k = (size_t)(e - p);
    if (k && !(k == 1 && *p == '.')) {
      if (o && out[o - 1] != '/') out[o++] = '/';
      memmove(out + o, p, k);
      o += k;
    }
    p = e;
  }
  if (!o) return memmove(out, path, strlen(path) + 1);
  out[o] = '\0';
  return out;
}

/* norm_path of path, malloc'd (NULL when out of memory: then path is used as it is). */
static char *norm_dup(const char *path) {
  char *s = malloc(strlen(path) + 1);
  return s ? norm_path(s, path) : NULL;
}

/* The file name a format writes (docs/ci.md, "Formats"): SARIF percent-encodes the path's own
 * bytes into its URI; json writes the display name (qg_display_name: %XX for a byte that is
 * not valid UTF-8 or a control character, and for '%' itself, as clean's JSON source); gcc,
 * github and codeclimate, whose readers (editors, GitHub, GitLab) match paths literally, write
 * the path as it is when the display name escaped nothing but its '%' signs (each %XX adds
 * two bytes), else the display name (a name that cannot be written as it is). */
static const char *file_name(lint_worker *w, const char *display) {
  const lint_run *r = w->r;
  /* both normalized (norm_path) into nbuf; the display name is the path's with bytes
   * escaped, never '.' or '/', so it is normalized alike */
  size_t lp = strlen(w->path), ld = strlen(display);
  const char *path = w->path;
  if (lp + ld + 2 > w->nbufcap) {
    char *v = realloc(w->nbuf, lp + ld + 2);
    if (v) w->nbuf = v, w->nbufcap = lp + ld + 2;
  }
  if (lp + ld + 2 <= w->nbufcap) { /* (out of memory: the names as they are) */
    path = norm_path(w->nbuf, w->path);
    display = norm_path(w->nbuf + lp + 1, display);
  }
  if (r->fmt == LINT_SARIF) return path;
  if (r->fmt == LINT_JSON || !strcmp(w->path, "-")) return display;
  size_t pct = 0, n = 0;
  for (const char *c = path; *c; c++, n++) pct += *c == '%';
  return strlen(display) == n + 2 * pct ? path : display;
}

/* The rule table's own string for a rule id (static storage), or NULL: lint_rule_index looks
 * the table's strings up by address (qg_rule_find compares every id before it). */
static const char *table_id(const char *rule) {
  int i = lint_rule_index(rule);
  return i >= 0 ? qg_rules()[i].id : NULL;
}

static int stream_diag(lint_worker *w, const qg_diag *d, int sev, int ix);
static int bare_diag(lint_worker *w, const qg_diag *d, int sev, int ix);
static int on_block_out(void *ud, const qg_block *b);
static int on_removed(void *ud, const qg_block *b, const qg_removal *why);
static void stream_free(lint_stream *st);

/* The message lint prints for d: the pipeline's, except a repeat's and an indent's. The pipeline removes a
 * repeated paragraph (--dedup drop) and says so ("paragraph repeats line 1: removed"), as
 * clean's report must; lint removes nothing and --fix never applies a dup-* rule, so lint
 * says what clean would do: "paragraph repeats line 1: clean drops it" (probe 14 #12). buf
 * (n bytes) holds the new message when there is one. */
static const char *lint_message(const qg_diag *d, char *buf, size_t n) {
  static const char removed[] = ": removed", instead[] = ": clean drops it";
  /* the indent alike (probe 26 L6: "first-line indent of 2 characters removed" where --fix
   * leaves it, the indent being layout) */
  static const char ind_removed[] = " removed", ind_instead[] = ": clean removes it, --fix leaves "
                                                                "it (layout)";
  const char *m = d->message;
  if (!m || (d->rule[0] != 'c' && d->rule[0] != 'd')) return m; /* (the rules below only) */
  const char *cut = removed, *put = instead;
  size_t k = sizeof removed - 1, kp = sizeof instead;
  if (!strcmp(d->rule, "char-indent")) cut = ind_removed, put = ind_instead, k = sizeof ind_removed - 1, kp = sizeof ind_instead;
  else if (strncmp(d->rule, "dup-", 4)) return m;
  size_t len = strlen(m);
  if (len < k || strcmp(m + len - k, cut) || len - k + kp > n) return m;
  memcpy(buf, m, len - k);
  memcpy(buf + len - k, put, kp);
  return buf;
}

/* SARIF's relatedLocations of a repeat (audit 24 F12): where its first occurrence is, when
 * that is a file lint checks: the same file, or (--dedup-scope run) an input of the run whose
 * name the pipeline gave as d->dup->source (its display name). An archived paragraph's source
 * may be no file at all: named in the message only. */
static void related_file(lint_worker *w, stored_diag *s, const qg_diag *d) {
  const char *src = d->dup->source;
  s->rel_article = d->dup->article;
  if (d->source && !strcmp(src, d->source)) {
    s->rel_file = "", s->rel_line = d->dup->line;
    return;
  }
  const cli_inputs *in = &w->r->in;
  for (size_t k = 0; k < in->n; k++) {
    const char *path = in->v[k].path;
    if (!strcmp(path, "-")) continue;
    bool same = !strcmp(path, src);
    if (!same && strpbrk(path, "%\x7f") == NULL) { /* (a name with nothing escaped is its
                                                   * display name, unless controls or bytes
                                                   * that are not UTF-8: then compared) */
      bool plain = true;
      for (const unsigned char *c = (const unsigned char *)path; *c && plain; c++)
        plain = *c >= 0x20 && *c < 0x80;
      if (plain) continue;
    }
    if (!same) {
      char *dn = qg_display_name(path);
      same = dn && !strcmp(dn, src);
      free(dn);
    }
    if (same) {
      s->rel_file = store_str(w, path);
      s->rel_line = d->dup->line;
      return;
    }
  }
}

/* Fills s from d (ix: its rule's index in the table, or -1), its strings copied to the
 * worker's chunks (w->oom on failure); texts false: not the original and the replacement
 * (NULL in s), which gcc and github without --fix or --diff never read (lint_stream.bare:
 * they print no text of the fix and decide none; the copies were 7.8 M instructions of `lint`
 * on the 2 MB bench copy, session 41). */
static void store_diag(lint_worker *w, stored_diag *s, const qg_diag *d, int sev, int ix,
                       bool texts) {
  *s = (stored_diag){.start = d->start, .end = d->end, .fixed = d->fixed, .link = d->link,
                     .sev = sev == LINT_SEV_OFF ? QG_SEV_INFO : sev,
                     .raw_off = sev == LINT_SEV_OFF};
  if (ix >= 0) s->rule = qg_rules()[ix].id, s->rule_ix = ix + 1;
  else s->rule = store_str(w, d->rule);
  char mbuf[1024];
  const char *m = lint_message(d, mbuf, sizeof mbuf);
  s->mlen = m ? strlen(m) : 0;
  /* message, original and replacement in one piece of the chunks (session 52: a store_copy
   * each was about 50 instructions more a diagnostic of `lint -f json`) */
  size_t onul = texts && d->original ? nuls_in(d->original, d->original_len) : 0,
         rnul = texts && d->replacement ? nuls_in(d->replacement, d->replacement_len) : 0;
  size_t mn = m ? s->mlen + 1 : 0,
         on = texts && d->original ? d->original_len + onul + 1 : 0,
         rn = texts && d->replacement ? d->replacement_len + rnul + 1 : 0;
  char *at = mn + on + rn ? store_room(w, mn + on + rn) : NULL;
  if (!at && mn + on + rn) return; /* (w->oom) */
  if (at) w->used += mn + on + rn;
  s->message = m ? put_stored(at, m, s->mlen, 0) : NULL;
  if (texts) {
    s->original = on ? put_stored(at + mn, d->original, d->original_len, onul) : NULL;
    s->replacement = rn ? put_stored(at + mn + on, d->replacement, d->replacement_len, rnul) : NULL;
    s->olen = on ? on - 1 : 0;
    s->rlen = rn ? rn - 1 : 0;
    s->nul = onul || rnul;
  }
  if (w->r->fmt == LINT_SARIF && d->dup && d->dup->source && d->dup->line && !d->dup->archived &&
      !d->dup->record && !strncmp(d->rule, "dup-", 4))
    related_file(w, s, d);
}

static int on_diag(void *ud, const qg_diag *d) {
  lint_worker *w = ud;
  int ix = lint_rule_index(d->rule), sev = lint_severity(w, d, ix);
  if (w->st && w->st->on)
    return w->st->bare ? bare_diag(w, d, sev, ix) : stream_diag(w, d, sev, ix);
  if (sev == LINT_SEV_OFF && !d->fixed) return 0;
  if (w->nsd == w->sdcap) {
    size_t cap = w->sdcap ? w->sdcap * 2 : 64;
    stored_diag *v = realloc(w->sd, cap * sizeof *v);
    if (!v) {
      w->oom = true;
      return 1;
    }
    w->sd = v;
    w->sdcap = cap;
  }
  stored_diag *s = &w->sd[w->nsd++];
  store_diag(w, s, d, sev, ix, true);
  return w->oom ? 1 : 0;
}

/* What on_diag reads (the pipeline's diag_wants, asked once per rule and severity in a
 * document: session 51, s51-count): all of it, but while a file streams bare (gcc and github
 * without --fix or --diff), where only the message is stored and printed (store_diag): the
 * pipeline then does not copy each edit's original and replacement. */
static unsigned on_diag_wants(void *ud, const char *rule, qg_severity s) {
  const lint_worker *w = ud;
  (void)rule, (void)s;
  return w->st && w->st->on && w->st->bare ? QG_WANTS_CALL | QG_WANTS_MESSAGE : QG_WANTS_ALL;
}

/* Forgets the stored diagnostics; the first chunk is kept for the next file. */
static void clear_stored(lint_worker *w) {
  w->nsd = 0;
  for (size_t i = 1; i < w->nchunk; i++) free(w->chunk[i]);
  if (w->nchunk > 1) w->nchunk = 1, w->size = 65536;
  w->used = 0;
  w->chunk_base = 0;
}

static void add_failed(lint_run *r, const char *path) {
  r->failed++;
  size_t used = strlen(r->failed_names);
  char *norm = norm_dup(path); /* as the formats name it */
  char *shown = qg_display_name(norm ? norm : path); /* one message a line, as the error
                                         * lines above it (a newline in a name split the
                                         * line; probe 9 F10) */
  free(norm);
  const char *name = shown ? shown : path;
  if (used + strlen(name) + 3 < sizeof r->failed_names)
    snprintf(r->failed_names + used, sizeof r->failed_names - used, "%s%s", used ? ", " : "",
             name);
  free(shown);
}

static bool same_path(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static const char *cues_of(const lint_run *r, const lint_config *cfg) {
  return r->cli_cues ? r->cli_cues : cfg ? cfg->cues : NULL;
}
static const char *archive_of(const lint_run *r, const lint_config *cfg) {
  return r->cli_archive ? r->cli_archive : cfg ? cfg->archive : NULL;
}
/* The near features and threshold: the command line's, else the configuration's, else the
 * defaults. */
static qg_features features_of(const lint_run *r, const lint_config *cfg) {
  return !r->cli_features && cfg && cfg->near_features >= 0 ? (qg_features)cfg->near_features
                                                            : r->opts.near_features;
}
static double threshold_of(const lint_run *r, const lint_config *cfg) {
  return !r->cli_threshold && cfg && cfg->near_threshold >= 0 ? cfg->near_threshold
                                                              : r->opts.near_threshold;
}

/* The worker's pipeline for w->cfg's cue file, archive and near-duplicate settings (made again
 * only when they change;
 * each worker has its own, so its own SQLite connection to the archive, which was checked
 * before the run). 0, or -1 when it cannot be made. */
static int ensure_pipeline(lint_worker *w) {
  const char *cues = cues_of(w->r, w->cfg), *archive = archive_of(w->r, w->cfg);
  qg_features features = features_of(w->r, w->cfg);
  double threshold = threshold_of(w->r, w->cfg);
  const char *dicts = w->cfg && w->cfg->ndicts ? w->cfg->dicts_key : NULL;
  if (w->p && same_path(cues, w->p_cues) && same_path(archive, w->p_archive) &&
      features == w->p_features && threshold == w->p_threshold && same_path(dicts, w->p_dicts))
    return 0;
  if (w->p) qg_pipeline_free(w->p);
  qg_options o = w->r->opts;
  if (dicts) { /* --dict's files, then the configuration's (both at most 64) */
    size_t k = 0;
    for (const char *const *d = w->r->opts.dicts; d && *d; d++) w->p_dv[k++] = *d;
    for (size_t i = 0; i < w->cfg->ndicts; i++) w->p_dv[k++] = w->cfg->dicts[i];
    w->p_dv[k] = NULL;
    o.dicts = w->p_dv;
  }
  w->p_dicts = dicts;
  o.cues_file = cues;
  o.archive = archive;
  o.near_features = features;
  o.near_threshold = threshold;
  /* in batches, as clean takes them: lint's streaming takes as done the lines before the
   * lowest first line of the last blocks out or removed and of the blocks waiting in the
   * queues between the stages (qg_pipeline_queued_low: in batches the dedup stage removes a
   * repeat while kept blocks before it wait in the queues after it; without that bound 2,000
   * repeats in a row held the whole file, review 17 D1) */
  o.batch = QG_CLI_BATCH;
  qg_handler h = {.userdata = w, .diag = on_diag, .block = on_block_out, .removed = on_removed,
                  .diag_wants = on_diag_wants};
  if (!(w->p = qg_pipeline_new(&o, &h))) return -1;
  w->p_cues = cues;
  w->p_archive = archive;
  w->p_features = features;
  w->p_threshold = threshold;
  return 0;
}

static bool named_on_command_line(const lint_run *r, const char *path) {
  for (int i = 0; i < r->ninputs; i++)
    if (!strcmp(r->inputs[i], path)) return true;
  return false;
}

/* The look at a file's first lines that clean makes (cli_sniff_jsonl, review 17 H4), at the
 * first read of a file lint checks (w->look, then cleared), whatever its name, standard input
 * too: 0 (read on: every byte looked at is read again), else the file is not read as prose,
 * and *why is malloc'd: "NAME: looks like JSON Lines (…)" (1), or -1 when out of memory (then
 * *why NULL). Before session 19 only a .jsonl or .ndjson name was looked at, so a meta.json or
 * records.txt of JSON objects named on the command line was checked as prose and --fix turned
 * its quotes and colons full width (ARCHITECTURE.md, "Session 18", left). */
static int look_jsonl(lint_worker *w, zin *z, const char *path, char **why) {
  *why = NULL;
  if (!w->look) return 0;
  w->look = false;
  if (cli_sniff_jsonl(z, strcmp(path, "-") ? path : "<stdin>", why)) return -1;
  return *why ? 1 : 0;
}

/* id (may be NULL): the file's status when opened, for fix_write_file (id->st_nlink 0: none).
 * w (may be NULL): its look_jsonl, when still to come; a file refused so fails with its
 * message in err (QG_ERR_IO). */
static int read_all(lint_worker *w, const char *path, char **data, size_t *n, zio_kind *kind,
                    struct stat *id, char *err, size_t errlen) {
  zin *z = zin_open(path, err, errlen); /* .gz and .zst decompressed (cli/zio.c) */
  *data = NULL;
  *n = 0;
  if (id) memset(id, 0, sizeof *id);
  if (!z) return QG_ERR_IO;
  char *why;
  int lk = w ? look_jsonl(w, z, path, &why) : 0;
  if (lk) {
    if (lk < 0) snprintf(err, errlen, "%s: out of memory", path);
    else snprintf(err, errlen, "%s", why);
    free(why);
    zin_close(z);
    return lk < 0 ? QG_ERR_NOMEM : QG_ERR_IO;
  }
  *kind = zin_kind(z);
  if (id && !zin_ident(z, id)) memset(id, 0, sizeof *id);
  size_t cap = 65536;
  char *b = malloc(cap);
  int rc = 0;
  while (b) {
    if (*n == cap) {
      char *v = realloc(b, cap *= 2);
      if (!v) {
        free(b);
        b = NULL;
        break;
      }
      b = v;
    }
    size_t k;
    if (zin_read(z, b + *n, cap - *n, &k, err, errlen)) {
      rc = QG_ERR_IO;
      break;
    }
    *n += k;
    if (k == 0) break;
  }
  if (!b) rc = QG_ERR_NOMEM, snprintf(err, errlen, "%s: out of memory", path);
  zin_close(z);
  if (rc) free(b);
  else *data = b;
  return rc;
}

/* The bytes of an input kept in a temporary file as they were read (standard input, a pipe),
 * for fix_one. */
static int read_spool(FILE *from, const char *path, char **data, size_t *n, char *err,
                      size_t errlen) {
  long m = ferror(from) || fflush(from) ? -1 : ftell(from);
  *data = NULL;
  *n = 0;
  char *b = m >= 0 ? malloc((size_t)m + 1) : NULL;
  if (!b || fseek(from, 0, SEEK_SET) || fread(b, 1, (size_t)m, from) != (size_t)m) {
    free(b);
    snprintf(err, errlen, "%s: %s", path, m < 0 || b ? "cannot read it again" : "out of memory");
    return m < 0 || b ? QG_ERR_IO : QG_ERR_NOMEM;
  }
  *data = b;
  *n = (size_t)m;
  return 0;
}

/* ---- fingerprints ---------------------------------------------------------------------------
 * codeclimate's `fingerprint` and SARIF's partialFingerprints["qinggao/v1"] identify an issue
 * across runs, so GitLab's merge request widget (which compares the fingerprints of the base
 * and head reports) and code scanning see an issue that stayed as the same one. They were a
 * hash of the position too: a paragraph added at the top of an article made every issue in
 * it "fixed" and again "new" (probe 14 #5). Now FNV-1a 64 of what identifies the issue
 * whatever its line and column: the file's name as the format writes it (normalized:
 * `lint ./x` and `lint x` agree), the rule, the original text and the replacement, the
 * message with each run of digits as one '#' (a repeat's message names a line), a little
 * context (CTX_CPS characters before the span on its line and CTX_CPS after it: the text
 * around the issue, not the whole line, so fixing another issue of the same line leaves it
 * alone), then the number of earlier issues of the file with all of that the same (the
 * second of two identical ones stays the second). An edit near the issue, or renaming the
 * file, changes it. */
enum { CTX_CPS = 4 };

static bool wants_fingerprints(const lint_run *r) {
  return r->fmt == LINT_SARIF || r->fmt == LINT_CODECLIMATE;
}

/* The hash of the fingerprints ("qinggao/v1"): eight bytes at a time, read little-endian
 * whatever the host, each word mixed in (multiply, xor-shift), then the length; a separate
 * call per field, so "ab","c" is not "a","bc". */
static uint64_t mix64(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}
static uint64_t hash_add(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&v, p + i, 8); /* (the same word, in one load) */
#else
    for (int k = 7; k >= 0; k--) v = v << 8 | p[i + (size_t)k];
#endif
    h = mix64(h, v);
  }
  uint64_t v = 0;
  for (size_t k = n; k > i; k--) v = v << 8 | p[k - 1];
  return mix64(mix64(h, v), (uint64_t)n);
}
static uint64_t hash_str(uint64_t h, const char *s) { /* NULL is not "" */
  return s ? hash_add(h, s, strlen(s)) : mix64(h, 0xFFFFFFFFFFFFFFFFULL);
}
enum { HASH_SEED = 0x51ed270b27e0a5a3ULL };

static void cx_off(lint_worker *w) {
  w->cpc_p = NULL;
  free(w->cx_own);
  w->cx_own = NULL;
  w->cx_on = false;
}

/* The text of a file (data[0..n) in enc) as cx: converted to UTF-8, split in lines as the
 * decoder splits them (by the first line end: an LF first, LF ends lines; else CR LF, CR and
 * LF). -1 when it cannot be (the diagnostics then have no context). */
static int cx_build(lint_worker *w, const char *data, size_t n, const char *enc) {
  cx_off(w);
  if (!enc || !enc[0]) return -1;
  const char *t = data;
  size_t tn = n;
  if (strcmp(enc, "UTF-8")) {
    UErrorCode e = U_ZERO_ERROR;
    if (n > INT32_MAX / 2) return -1;
    int32_t need = ucnv_convert("UTF-8", enc, NULL, 0, data, (int32_t)n, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) return -1;
    if (!(w->cx_own = malloc((size_t)need + 1))) return -1;
    e = U_ZERO_ERROR;
    ucnv_convert("UTF-8", enc, w->cx_own, need + 1, data, (int32_t)n, &e);
    if (U_FAILURE(e)) return cx_off(w), -1;
    t = w->cx_own, tn = (size_t)need;
  }
  bool cr = false; /* the first line end */
  for (size_t i = 0; i < tn; i++)
    if (t[i] == '\n') break;
    else if (t[i] == '\r') {
      while (i < tn && t[i] == '\r') i++;
      cr = i < tn && t[i] != '\n';
      break;
    }
  size_t nl = 0;
  for (size_t i = 0; i <= tn; i++) {
    if (i == 0 || t[i - 1] == '\n' || (cr && t[i - 1] == '\r' && (i == tn || t[i] != '\n'))) {
      if (i == tn && i) break; /* nothing after the last line end */
      if (nl == w->cx_lcap) {
        size_t cap = w->cx_lcap ? 2 * w->cx_lcap : 1024;
        size_t *v = realloc(w->cx_ls, cap * sizeof *v);
        if (!v) return cx_off(w), -1;
        w->cx_ls = v, w->cx_lcap = cap;
      }
      w->cx_ls[nl++] = i;
    }
  }
  w->cx_s = t, w->cx_n = tn, w->cx_nl = nl, w->cx_on = true;
  return 0;
}

/* Line L (1-based) of the text the file's diagnostics are at, without its line end and,
 * on line 1, the byte order mark: from cx when it is on, else from the stream's window (a
 * UTF-8 file whose lines end in LF: lines whose end was read and that are not dropped yet,
 * the last one at the end). false when it is not there. */
static bool line_text(const lint_worker *w, uint32_t L, const char **p, size_t *n) {
  const char *base;
  size_t a, b;
  if (!L) return false;
  if (w->cx_on) {
    if (L > w->cx_nl) return false;
    base = w->cx_s, a = w->cx_ls[L - 1], b = L < w->cx_nl ? w->cx_ls[L] : w->cx_n;
  } else {
    lint_stream *st = w->st;
    if (!st || !st->on || st->lf != 1 || !st->parts || L < st->fin) return false;
    size_t k = L - st->fin;
    if (k + 1 < st->nlo) b = (size_t)(st->lo[k + 1] - st->woff);
    else if (k + 1 == st->nlo && st->at_end) b = st->wlen;
    else return false;
    base = st->win, a = (size_t)(st->lo[k] - st->woff);
    if (!st->utf8 && st->ltline != L) { /* the line in UTF-8, as cx_build would make it */
      UErrorCode e = U_ZERO_ERROR;
      if (!st->ltcv) st->ltcv = ucnv_open(qg_pipeline_docinfo(w->p)->encoding, &e);
      if (U_SUCCESS(e) && !st->lt8) st->lt8 = ucnv_open("UTF-8", &e);
      if (U_FAILURE(e) || b - a > INT32_MAX / 4) return false;
      size_t need = 3 * (b - a) + 4; /* (a byte of a legacy encoding: at most 3 of UTF-8) */
      if (need > st->ltcap) {
        char *v = realloc(st->lt, need);
        if (!v) return false;
        st->lt = v, st->ltcap = need;
      }
      /* (ucnv_convert's conversion, as cx_build's, without opening two converters a line) */
      char *t = st->lt;
      const char *src = base + a;
      ucnv_convertEx(st->lt8, st->ltcv, &t, st->lt + st->ltcap, &src, base + b, NULL, NULL,
                     NULL, NULL, true, true, &e);
      if (U_FAILURE(e)) return false;
      st->ltlen = (size_t)(t - st->lt), st->ltline = L;
    }
    if (!st->utf8) base = st->lt, a = 0, b = st->ltlen;
  }
  while (b > a && (base[b - 1] == '\n' || base[b - 1] == '\r')) b--;
  if (L == 1 && b - a >= 3 && !memcmp(base + a, "\xEF\xBB\xBF", 3)) a += 3;
  *p = base + a, *n = b - a;
  return true;
}

/* byte offset of code point k of p[0..n) (n when it has fewer; p starts a code point): 16
 * bytes at a time to the last code point that starts in them while the code points to skip
 * are more (a Chinese line is three bytes a character, and a diagnostic can be hundreds of
 * characters into it), then one at a time */
static size_t cp_off(const char *p, size_t n, uint32_t k) {
  size_t i = 0;
#ifdef __SSE2__
  const __m128i top = _mm_set1_epi8((char)0xC0), cont = _mm_set1_epi8((char)0x80);
  while (k && i + 16 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(p + i));
    unsigned lead = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, top), cont)) & 0xFFFF;
    lead |= 1; /* (p + i starts a code point: counted as one even if it is a stray byte) */
    unsigned c = lead - ((lead >> 1) & 0x5555); /* (its bits counted: no popcnt in SSE2) */
    c = (c & 0x3333) + ((c >> 2) & 0x3333);
    c = (c + (c >> 4)) & 0x0F0F;
    c = (c + (c >> 8)) & 0x1F;
    if (c > k) { /* k ends in this chunk: at its (k + 1)th code point */
      for (uint32_t j = 0; j < k; j++) lead &= lead - 1;
      return i + (unsigned)__builtin_ctz(lead);
    }
    unsigned last = 31u - (unsigned)__builtin_clz(lead);
    if (!last) break;      /* (no code point starts after the first: one at a time) */
    k -= c - 1, i += last; /* to the chunk's last code point, the others skipped */
  }
#endif
  for (uint32_t c = 0; i < n && c < k; c++)
    for (i++; i < n && ((unsigned char)p[i] & 0xC0) == 0x80; i++) {}
  return i;
}

/* The context of a diagnostic at [s, e): CTX_CPS characters before s on its line and
 * CTX_CPS from e on its line, hashed. false when a line is not there. */
/* cp_off(p, n, k) on line L (its text p[0..n), as line_text gives it), from the place before
 * k noted on it (the places noted as the walk passes them) */
enum { CPC_STEP = 16 };
static size_t line_cp_off(lint_worker *w, uint32_t L, const char *p, size_t n, uint32_t k) {
  if (w->cpc_p != p || w->cpc_line != L || w->cpc_n != n) { /* (another line) */
    w->cpc_p = p, w->cpc_line = L, w->cpc_n = n, w->cpc_nat = 0;
    if (!w->cpc_cap) {
      if (!(w->cpc_at = malloc(64 * sizeof *w->cpc_at))) return w->cpc_p = NULL, cp_off(p, n, k);
      w->cpc_cap = 64;
    }
    w->cpc_at[w->cpc_nat++] = 0;
  }
  size_t j = k / CPC_STEP < w->cpc_nat ? k / CPC_STEP : w->cpc_nat - 1, i = w->cpc_at[j];
  uint32_t done = (uint32_t)j * CPC_STEP;
  while (k - done >= CPC_STEP && i < n) { /* the places up to k, noted */
    i += cp_off(p + i, n - i, CPC_STEP);
    done += CPC_STEP;
    if (w->cpc_nat == w->cpc_cap) {
      size_t *v = realloc(w->cpc_at, 2 * w->cpc_cap * sizeof *v);
      if (!v) return i + cp_off(p + i, n - i, k - done);
      w->cpc_at = v, w->cpc_cap *= 2;
    }
    w->cpc_at[w->cpc_nat++] = i;
  }
  return i + cp_off(p + i, n - i, k - done);
}

static bool diag_ctx(lint_worker *w, qg_pos s, qg_pos e, uint64_t *out) {
  uint64_t h = HASH_SEED;
  if (e.line < s.line || (e.line == s.line && e.col < s.col)) e = s;
  if (s.line) {
    const char *p;
    size_t n;
    if (!line_text(w, s.line, &p, &n)) return false;
    uint32_t c = s.col ? s.col - 1 : 0, b = c > CTX_CPS ? CTX_CPS : c;
    size_t from = line_cp_off(w, s.line, p, n, c - b), at = from + cp_off(p + from, n - from, b);
    /* (one walk along the line, not three) */
    h = hash_add(h, p + from, at - from);
    size_t e0;
    if (e.line != s.line) {
      if (!line_text(w, e.line, &p, &n)) return false;
      e0 = cp_off(p, n, e.col ? e.col - 1 : 0);
    } else {
      e0 = at + cp_off(p + at, n - at, e.col - s.col);
    }
    size_t e1 = e0 + cp_off(p + e0, n - e0, CTX_CPS);
    h = hash_add(h, p + e0, e1 - e0);
  }
  *out = h;
  return true;
}

static void occ_reset(lint_worker *w) {
  if (w->occ_used) memset(w->occ, 0, w->occ_cap * sizeof *w->occ);
  w->occ_used = 0;
  w->fp_file = NULL;
}

/* How many issues of this identity were printed for the file before this one. One word a
 * slot (a file can have hundreds of thousands of issues, nearly all different: the table
 * is looked up at random, one cache miss a lookup): the identity's top 40 bits (never 0),
 * and a count of 24 bits. Two identities that share their top 40 bits share a count (a few
 * in a million files): their indexes stay the same from run to run all the same. Out of
 * memory: 0. */
static uint32_t occ_next(lint_worker *w, uint64_t key) {
  uint64_t tag = key >> 24 << 24;
  if (!tag) tag = 1ULL << 24;
  if (4 * (w->occ_used + 1) > 3 * w->occ_cap) {
    size_t cap = w->occ_cap ? 2 * w->occ_cap : 1024;
    uint64_t *v = calloc(cap, sizeof *v);
    if (!v) return 0;
    for (size_t i = 0; i < w->occ_cap; i++) {
      if (!w->occ[i]) continue;
      size_t j = (size_t)((w->occ[i] >> 24) * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
      while (v[j]) j = (j + 1) & (cap - 1);
      v[j] = w->occ[i];
    }
    free(w->occ);
    w->occ = v, w->occ_cap = cap;
  }
  size_t j = (size_t)((tag >> 24) * 0x9E3779B97F4A7C15ULL >> 20) & (w->occ_cap - 1);
  while (w->occ[j] && (w->occ[j] >> 24 << 24) != tag) j = (j + 1) & (w->occ_cap - 1);
  if (!w->occ[j]) {
    w->occ[j] = tag;
    w->occ_used++;
  }
  uint32_t n = (uint32_t)(w->occ[j] & 0xFFFFFF);
  if (n < 0xFFFFFF) w->occ[j]++;
  return n;
}

/* Sets ld's fingerprint (its file, rule, texts and message set) from the context ctx. */
static void set_fingerprint(lint_worker *w, lint_diag *ld, uint64_t ctx) {
  if (ld->file != w->fp_file) w->fp_file = ld->file, w->fp_h = hash_str(HASH_SEED, ld->file);
  uint64_t h = hash_str(w->fp_h, ld->rule);
  if (ld->lens) { /* (hash_str's, the lengths known) */
    h = ld->original ? hash_add(h, ld->original, ld->original_len) : mix64(h, 0xFFFFFFFFFFFFFFFFULL);
    h = ld->replacement ? hash_add(h, ld->replacement, ld->replacement_len)
                        : mix64(h, 0xFFFFFFFFFFFFFFFFULL);
  } else {
    h = hash_str(h, ld->original);
    h = hash_str(h, ld->replacement);
  }
  char m[256]; /* the message of an issue that has no original text (what it replaced is the
                * issue: its message says it again), digits as '#' (a run as one), in pieces */
  size_t k = 0;
  for (const char *c = ld->original ? NULL : ld->message; c && *c; c++) {
    if (k == sizeof m) h = hash_add(h, m, k), k = 0;
    if (*c >= '0' && *c <= '9') {
      while (c[1] >= '0' && c[1] <= '9') c++;
      m[k++] = '#';
    } else {
      m[k++] = *c;
    }
  }
  h = hash_add(h, m, k);
  h = mix64(h, ctx);
  ld->fingerprint = mix64(h, occ_next(w, h));
  ld->has_fingerprint = true;
}

/* The order of a file's diagnostics in every format (docs/ci.md, "Order"): by the line and
 * column where they start, then in the order raised. The pipeline raises them stage by stage
 * (a paragraph's character rules, then its punctuation, then its repeat; the decoder and the
 * character stage run lines ahead of the paragraph stage), not in the order of the file. */
static int cmp_pos(qg_pos a, size_t ia, qg_pos b, size_t ib) {
  if (a.line != b.line) return a.line < b.line ? -1 : 1;
  if (a.col != b.col) return a.col < b.col ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/* (qsort takes no argument: the diagnostics being sorted, per worker thread) */
static _Thread_local const stored_diag *tl_sd;
static int cmp_sd(const void *a, const void *b) {
  size_t i = *(const size_t *)a, j = *(const size_t *)b;
  return cmp_pos(tl_sd[i].start, i, tl_sd[j].start, j);
}

/* Prints the stored diagnostics of a file, sorted (cmp_pos). After --fix or --diff those applied are left out;
 * otherwise (json, sarif, codeclimate) all are printed and edits tell which --fix would apply.
 * text[0..textlen): the text they were found in (for their fingerprints' context). */

/* --diff prints the diff alone on standard output; the errors that make a file fail (bytes
 * invalid in its encoding: decode-invalid) are said on standard error, where and what, in
 * gcc's form after "qinggao: " (before, only "failed: FILE" said so; review 21), and so are
 * the warnings of --invalid replace, the bytes copied as they are: a fix they hold back fails
 * the file, whose message says "decode-invalid says where" (session 22: it was not said, and
 * only the line and "failed: FILE" told where) */
static bool diff_says(const stored_diag *s) {
  return (s->sev == QG_SEV_ERROR && !strncmp(s->rule, "decode-", 7)) ||
         !strcmp(s->rule, "decode-invalid");
}
static void diff_say(lint_worker *w, const lint_diag *ld) {
  bool first = true;
  fputs("qinggao: ", w->msg);
  lint_out_diag(LINT_GCC, w->msg, ld, &first);
}
static void print_stored(lint_worker *w, const fix_edit *edits, const size_t *edit_of,
                         const char *text, size_t textlen) {
  const lint_run *r = w->r;
  bool fixing = r->fix || r->diff;
  const char *file = NULL;
  lint_fname fn = {0}; /* file's forms */
  bool fp = !r->diff && wants_fingerprints(r);
  if (fp) {
    occ_reset(w);
    cx_build(w, text, textlen, qg_pipeline_docinfo(w->p)->encoding); /* (-1: no context) */
  }
  size_t *ord = malloc((w->nsd + 1) * sizeof *ord); /* sorted as the streamed (cmp_pos) */
  if (!ord) {
    fprintf(w->msg, "qinggao: %s: out of memory\n", w->path);
    w->f->fatal = true;
    cx_off(w);
    return;
  }
  for (size_t i = 0; i < w->nsd; i++) ord[i] = i;
  tl_sd = w->sd;
  qsort(ord, w->nsd, sizeof *ord, cmp_sd);
  for (size_t o = 0; o < w->nsd; o++) {
    size_t i = ord[o];
    const stored_diag *s = &w->sd[i];
    if (s->raw_off) continue;
    const fix_edit *e = edits && edit_of[i] != SIZE_MAX ? &edits[edit_of[i]] : NULL;
    if (fixing && e && e->applied) continue;
    count(w, s->sev);
    if (r->diff && !diff_says(s)) continue; /* the diff alone goes to standard output */
    if (!file) {
      file = file_name(w, qg_pipeline_docinfo(w->p)->source);
      (void)lint_fname_make(&fn, file); /* (none: each result makes them) */
    }
    lint_diag ld = {.rule = s->rule, .file = file, .message = s->message,
                    .original = s->original, .replacement = s->replacement, .start = s->start,
                    .end = s->end, .severity = (qg_severity)s->sev,
                    .fixable = !fixing && e && e->applied,
                    .fix_region = !fixing && e && e->applied && e->direct,
                    .related_file = s->rel_file && !*s->rel_file ? file : s->rel_file,
                    .related_line = s->rel_line, .related_article = s->rel_article,
                    .rule_ix = s->rule_ix, .lens = !s->nul, .message_len = s->mlen, .original_len = s->olen, .replacement_len = s->rlen,
                    .fname = &fn};
    if (r->diff) {
      diff_say(w, &ld);
      continue;
    }
    if (ld.fix_region) ld.fix_start = e->direct_start, ld.fix_end = e->direct_end;
    if (ld.fixable && e->carrier >= 0)
      ld.fixed_by = table_id(edits[e->carrier].rule), ld.fixed_by_pos = edits[e->carrier].start;
    ld.seq = i;
    if (fp) {
      uint64_t ctx = 0;
      if (!diag_ctx(w, s->start, s->end, &ctx)) ctx = 0; /* (no text: no context) */
      set_fingerprint(w, &ld, ctx);
    }
    lint_out_diag(r->fmt, w->out, &ld, &w->first);
  }
  lint_fname_free(&fn);
  free(ord);
  cx_off(w);
}

/* The file fails (status 3): msg ("FILE: what", without "qinggao: ") said on standard error,
 * what kept for put_failed (the first reason of the file). */
static void file_failed(lint_worker *w, const char *msg) {
  fprintf(w->msg, "qinggao: %s\n", msg);
  lint_file *f = w->f;
  f->failed = true;
  if (f->why[0]) return;
  size_t lp = strlen(w->path);
  if (!strncmp(msg, w->path, lp) && !strncmp(msg + lp, ": ", 2)) msg += lp + 2;
  snprintf(f->why, sizeof f->why, "%s", msg);
}

/* --fix and --diff apply fixes in passes, as ESLint does: the fixed text is checked again and
 * fixed again until a pass finds nothing to apply (a fix can make another: dots made …… next to
 * more dots, a time's colons made ASCII that make its dash a span's), at most FIX_PASSES; so
 * a second --fix changes nothing, and the diagnostics printed after --fix are those of the
 * fixed file, at its lines and columns. */
#define FIX_PASSES fix_passes()
/* 8; for tests, QINGGAO_TEST_FIX_PASSES=N (1..8): N (1: one pass, what the json replacements
 * say, as tests/accounting_check.py checks it) */
static int fix_passes(void) {
  const char *e = getenv("QINGGAO_TEST_FIX_PASSES");
  return e && atoi(e) >= 1 && atoi(e) <= 8 ? atoi(e) : 8;
}

/* Runs w's pipeline over text[0..n) as the document name: its status (the diagnostics go
 * where w collects them). */
static int check_text(lint_worker *w, const char *name, const char *text, size_t n) {
  int rc = qg_pipeline_begin(w->p, name);
  for (size_t at = 0; !rc && at < n; at += 65536)
    rc = qg_pipeline_feed(w->p, text + at, n - at < 65536 ? n - at : 65536);
  int frc = qg_pipeline_finish(w->p);
  return rc ? rc : frc;
}

/* Counts e in f's inv_* fields when it was held back by bytes that are not UTF-8 on its line,
 * line (of the file) being its line. */
static void held_tally(inv_tally *t, const fix_edit *e, uint32_t line) {
  if (!e->invalid) return;
  t->fixes++;
  if (!t->lines || line != t->last) t->lines++;
  if (!t->first || line < t->first) t->first = line;
  t->last = line;
}

/* --fix, --diff: a file whose fixes were held back by bytes that are not UTF-8 (--invalid
 * replace: copied as they are, their line left alone) is not wholly fixed. Said, with what to
 * do, and the file fails (status 3), so that a CI job running --fix cannot take it for clean. */
static void say_held(lint_worker *w, const char *path) {
  const lint_file *f = w->f;
  const inv_tally *t = &f->inv;
  if (!(w->r->fix || w->r->diff) || !t->fixes || f->fatal) return;
  char msg[1024], lines[64];
  const char *opt = w->r->fix ? "--fix" : "--diff";
  bool one = t->lines == 1;
  if (one) snprintf(lines, sizeof lines, "line %u, which holds", t->first);
  else snprintf(lines, sizeof lines, "%u lines (the first: line %u), which hold", t->lines, t->first);
  snprintf(msg, sizeof msg, "%s: %s: %llu fix%s not applied on %s bytes that are not UTF-8: %s "
           "copies them as they are (--invalid replace) and leaves their line%s alone; correct "
           "them (decode-invalid says where) and run %s again", path,
           f->fixed ? "not wholly fixed" : "not fixed", (unsigned long long)t->fixes,
           t->fixes == 1 ? "" : "es", lines, opt, one ? "" : "s", opt);
  file_failed(w, msg);
}

/* --diff of a file not in UTF-8: its diff is UTF-8 (for reading) and does not apply to the
 * file's bytes, which git apply then refuses with the other files' hunks; said once a file
 * (audit 24 F14: nothing said so at run time) */
static void say_diff_encoding(lint_worker *w, const char *path) {
  const lint_file *f = w->f;
  if (!w->r->diff || !f->fixed || f->fatal) return;
  const qg_docinfo *di = qg_pipeline_docinfo(w->p);
  const char *enc = di ? di->encoding : NULL;
  if (!enc || !strcasecmp(enc, "UTF-8")) return;
  fprintf(w->msg, "qinggao: %s: %s: its diff is shown in UTF-8 and will not apply to the file; "
          "use --fix\n", path, enc);
}

/* A file read whole: --fix, --diff, or json and sarif, which say which fixes --fix would
 * apply (found by running the fix without writing it). */
static void fix_one(lint_worker *w, const char *path, FILE *from) {
  const lint_run *r = w->r;
  lint_file *f = w->f;
  char err[512] = "";
  char *data = NULL;
  size_t n = 0;
  zio_kind kind = ZIO_PLAIN;
  struct stat id = {0}; /* as it was opened: --fix leaves it if it changes meanwhile */
  int rc = from ? read_spool(from, path, &data, &n, err, sizeof err)
                : read_all(w, path, &data, &n, &kind, &id, err, sizeof err);
  if (rc) {
    file_failed(w, err);
    return;
  }
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  bool fixing = r->fix || r->diff; /* else the decisions alone (json, sarif) */
  char *cur = data;   /* the text this pass checks: the file's, or the fixed text of the last */
  size_t curlen = n;
  char enc1[64] = ""; /* the encoding the first pass read; the fixed text is in it */
  uint64_t applied = 0; /* fixes applied by the passes before this one */
  bool late_utf8 = false; /* --to-utf8 after the last pass (below) */
  fix_edit *edits = NULL;
  size_t *edit_of = NULL;
  inv_tally inv = {0}; /* the last pass's fixes held back by invalid bytes (held_tally) */
  for (int pass = 1;; pass++) {
    free(edits);
    free(edit_of);
    edits = NULL;
    w->oom = false;
    clear_stored(w);
    w->path = name;
    rc = check_text(w, name, cur, curlen);
    if (w->oom) {
      fprintf(w->msg, "qinggao: %s: out of memory\n", path);
      f->fatal = true;
      clear_stored(w);
      if (cur != data) free(cur);
      free(data);
      return;
    }
    edit_of = malloc((w->nsd + 1) * sizeof *edit_of);
    size_t ne = 0;
    if (!rc && edit_of) edits = malloc((w->nsd + 1) * sizeof *edits);
    for (size_t i = 0; edit_of && i < w->nsd; i++) {
      edit_of[i] = SIZE_MAX;
      const stored_diag *s = &w->sd[i];
      if (!edits || !s->fixed || !s->original || !s->replacement) continue;
      fix_mode m = s->raw_off ? FIX_SKIP_TOUCH
                   : fix_rule_eligible(s->rule) ? FIX_APPLY : FIX_SKIP_OVERLAP;
      edits[ne] = (fix_edit){.start = s->start, .end = s->end, .mode = m, .rule = s->rule,
                             .original = s->original, .replacement = s->replacement,
                             .link = s->link};
      edit_of[i] = ne++;
    }
    if (rc) {
      char msg[1024];
      if (rc == QG_ERR_NOMEM || rc == QG_ERR_STOPPED)
        snprintf(msg, sizeof msg, "%s: %s", path, qg_strerror(rc)), file_failed(w, msg);
      else if (pass > 1) /* the fixed text fails where the file did not: it is not written */
        snprintf(msg, sizeof msg, "%s: not fixed: the fixed text does not read back", path),
            file_failed(w, msg);
      else if (qg_pipeline_errmsg(w->p)[0]) /* a failure not the text's (an archive lookup) */
        file_failed(w, qg_pipeline_errmsg(w->p));
      else if (rc != QG_ERR_INPUT)
        snprintf(msg, sizeof msg, "%s: %s", path, qg_strerror(rc)), file_failed(w, msg);
      f->failed = true; /* (invalid bytes: their errors say where; put_failed says it) */
      break;
    }
    if (!edits) break; /* (out of memory: said below) */
    const qg_docinfo *di = qg_pipeline_docinfo(w->p);
    const char *enc = di->encoding;
    /* --to-utf8 of a file whose encoding was named (-e, or the configuration): a later pass
     * would read the UTF-8 it wrote in that encoding, so the passes keep the file's encoding
     * and the text is made UTF-8 after the last (review 14 #1) */
    if (pass == 1)
      snprintf(enc1, sizeof enc1, "%s", enc),
          late_utf8 = r->to_utf8 && !di->encoding_detected && strcasecmp(enc, "UTF-8");
    else if (strcmp(enc, r->to_utf8 && !late_utf8 ? "UTF-8" : enc1)) {
      /* the fixed text reads as another encoding (cannot be told apart from it): what the
       * passes before made is written, this pass's fixes are left in the report */
      for (size_t i = 0; i < ne; i++) edits[i].applied = false;
      break;
    }
    char *out = NULL;
    size_t outlen = 0;
    /* a short file in a legacy encoding was guessed, and the guess may be wrong (a line of
     * Big5 is valid GB18030): fixed, it would get marks of the other encoding between its own
     * bytes (probe 9 F20). Named with -e, it is fixed */
    size_t todo = 0; /* (fixes a pass would apply: a weak guess with none is no refusal) */
    for (size_t i = 0; i < ne; i++) todo += edits[i].mode == FIX_APPLY;
    bool weak = pass == 1 && di->encoding_detected && di->encoding_weak && todo;
    bool to8 = r->to_utf8 && pass == 1 && !late_utf8;
    int frc2 = weak ? (snprintf(err, sizeof err, "its encoding (%s) was guessed from too little "
                                "text to be sure: %zu fix%s not applied; name the encoding with "
                                "--encoding to fix it", enc, todo, todo > 1 ? "es" : ""),
                       QG_ERR_INPUT)
                    : fix_apply(cur, curlen, enc, edits, ne, to8, fixing ? &out : NULL, &outlen,
                                err, sizeof err);
    if (frc2) {
      if (fixing && pass == 1 && frc2 == QG_ERR_INPUT && !weak) {
        /* bytes invalid in the encoding (--invalid replace): the file fails, so that a CI job
         * running --fix cannot take it for clean, and what to do is said */
        char msg[1200];
        const char *opt = r->fix ? "--fix" : "--diff";
        snprintf(msg, sizeof msg, "%s: not fixed: %s, which %s: correct them%s and run %s again",
                 path, err, to8 ? "--to-utf8 cannot write"
                 : "lint copies as they are only in a UTF-8 file",
                 to8 ? "" : " (or name the file's encoding with --encoding, if it is another)", opt);
        file_failed(w, msg);
      } else if (fixing && pass == 1 && weak) {
        /* the file stays as it was with fixes left: it fails (status 3), as a file whose
         * invalid bytes hold fixes back does, so that a CI job running --fix sees it (session
         * 17: it was said, and the status was 0) */
        char msg[1200];
        snprintf(msg, sizeof msg, "%s: not fixed: %s", path, err);
        file_failed(w, msg);
      } else if (fixing && pass == 1) {
        fprintf(w->msg, "qinggao: %s: not fixed: %s\n", path, err);
      }
      for (size_t i = 0; i < ne; i++) edits[i].applied = false; /* (a later pass: left as
                                                                  * reported) */
      inv = (inv_tally){0};
      break;
    }
    inv = (inv_tally){0};
    for (size_t i = 0; i < ne; i++) held_tally(&inv, &edits[i], edits[i].start.line);
    if (!fixing || !out || (outlen == curlen && !memcmp(out, cur, curlen))) {
      free(out); /* nothing (more) to apply: this pass's report is what is left */
      break;
    }
    for (size_t i = 0; i < ne; i++) applied += edits[i].applied;
    if (cur != data) free(cur);
    cur = out, curlen = outlen;
    if (pass == FIX_PASSES) { /* its fixes keep making new ones: stopped here, said */
      fprintf(w->msg, "qinggao: %s: %s stopped after %d pass%s that each applied fixes: run it "
                      "again to see whether more apply\n", path, w->r->fix ? "--fix" : "--diff",
              FIX_PASSES, FIX_PASSES > 1 ? "es" : "");
      break;
    }
  }
  if (fixing && late_utf8 && !f->failed && edits && edit_of) { /* the passes' text as UTF-8 */
    char *u = NULL;
    size_t ul = 0;
    if (fix_apply(cur, curlen, enc1, NULL, 0, true, &u, &ul, err, sizeof err)) {
      fprintf(w->msg, "qinggao: %s: not fixed: %s\n", path, err);
      f->failed = true;
      free(u);
    } else {
      if (cur != data) free(cur);
      cur = u, curlen = ul;
    }
  }
  bool back = cur != data; /* the file stays as it was: its own diagnostics are printed */
  if (fixing && back && !f->failed && edits && edit_of) {
    char *dname = r->diff ? norm_dup(name) : NULL; /* --- a/NAME as the formats name it */
    int wrc = r->diff ? fix_diff(w->out, dname ? dname : name, data, n, enc1, cur, curlen,
                                 r->to_utf8 ? "UTF-8" : enc1, err, sizeof err)
                      : fix_write_file(path, cur, curlen, kind, id.st_nlink ? &id : NULL, err,
                                       sizeof err);
    free(dname);
    if (wrc) {
      if (!r->diff) file_failed(w, err);
      else fprintf(w->msg, "qinggao: %s\n", err);
    } else {
      f->fixed_diags += applied;
      f->fixed = true;
      back = false;
    }
  }
  if (back) { /* not written (or a later pass failed): none taken as applied */
    free(cur);
    cur = data, curlen = n;
    free(edits);
    free(edit_of);
    edits = NULL, edit_of = NULL;
    w->oom = false;
    clear_stored(w);
    rc = check_text(w, name, cur, curlen);
    edit_of = w->oom ? NULL : malloc((w->nsd + 1) * sizeof *edit_of);
    for (size_t i = 0; edit_of && i < w->nsd; i++) edit_of[i] = SIZE_MAX;
  }
  if (fixing && !back) f->inv = inv; /* (not written: the file failed, said) */
  if (edit_of) print_stored(w, edits, edit_of, cur, curlen);
  else {
    fprintf(w->msg, "qinggao: %s: out of memory\n", path);
    f->fatal = true;
  }
  free(edits);
  free(edit_of);
  clear_stored(w);
  if (cur != data) free(cur);
  free(data);
}

/* ---- json, sarif, --fix and --diff: streamed ----------------------------------------------
 * `fixable` (json) and the SARIF fixes say what --fix would do, so a diagnostic is printed
 * once the fix decision of its line is made. That decision (fix_apply) needs every fix whose
 * span starts on the line, in the order raised, and the decisions of the other fixes of its
 * links; nothing else of the file. So the file is decided in parts of whole lines, each
 * closed under links, as the pipeline's output passes them: lines before the lowest first
 * line of the last STREAM_K blocks that reached the sink or were removed are taken as done
 * (the stages hold a few blocks at most: para-move moves a block past one or two). The
 * diagnostics are printed in the order raised, each as soon as it and those before it are
 * decided; only the part of the file not yet decided, and its diagnostics, are held.
 *
 * Exactness does not rest on that guess: a fix that arrives for a line already decided or
 * for a link already decided, a part that fix_apply_part fails, a document that ends in an
 * error, or a file too large for --fix, and the file is checked again whole (fix_one) with
 * what was printed for it thrown away. So the file's output is held (in ob, and past 256 KiB
 * in a temporary file, spill) and copied to the slot at its end. Only files whose first line end is an LF are
 * decided in parts, in UTF-8 (there a line end is the byte 0x0A and the fixed text always
 * reads back) or, without --fix and --diff, in an encoding whose line ends are the bytes 0x0A
 * and 0x0D alone (lines_alone: GB18030, Big5…; session 17: a GB18030 file was held whole with
 * its diagnostics, 1.2 GB on 37 MB); any other is decided whole at its end, as fix_one does. A regular file is read again
 * by fix_one; standard input or a pipe (json and sarif only) is kept in a temporary file
 * (inf) as it is read.
 * --fix is streamed too: each part's fixed text goes to another temporary file (fixf), which
 * replaces the file at the end (fix_write_from) before the report is copied to the slot; a
 * part that fails, or a failed write, and the file is fixed whole (fix_one, which says why).
 * --diff decides the same way into fixf, then diffs the file read again against it, line by
 * line (fix_diff_stream: neither text whole, nor the diagnostics nor the decoded text). */

/* The spill, made the first time it is needed (NULL, and spill_failed, when it cannot be) */
static FILE *stream_spill(lint_stream *st) {
  if (!st->spill && !st->spill_failed) {
    if ((st->spill = qg_tmpfile())) setvbuf(st->spill, NULL, _IONBF, 0);
    else st->spill_failed = true;
  }
  return st->spill;
}

/* The results printed so far to the spill */
static void stream_flush(lint_stream *st) {
  if (!st->ob.n) return;
  FILE *sp = stream_spill(st);
  if (sp) fwrite(st->ob.p, 1, st->ob.n, sp);
  st->ob.n = 0;
}

static void stream_print(lint_worker *w, const qdiag *x, size_t seq) {
  const stored_diag *s = &x->s;
  bool fixing = w->r->fix || w->r->diff; /* then what is left: the fixes applied are not
                                          * printed */
  if (s->raw_off || (fixing && x->applied)) return;
  count(w, s->sev);
  if (w->r->diff && !diff_says(s)) return; /* the diff alone goes to standard output */
  lint_diag ld = {.rule = s->rule, .file = w->st->fname, .message = s->message,
                  .original = s->original, .replacement = s->replacement, .start = s->start,
                  .end = s->end, .severity = (qg_severity)s->sev,
                  .fixable = !fixing && x->applied, .fix_region = !fixing && x->applied && x->direct,
                  .related_file = s->rel_file && !*s->rel_file ? w->st->fname : s->rel_file,
                  .related_line = s->rel_line, .related_article = s->rel_article,
                  .rule_ix = s->rule_ix, .lens = !s->nul, .message_len = s->mlen, .original_len = s->olen, .replacement_len = s->rlen,
                  .fname = &w->st->fn};
  if (w->r->diff) {
    diff_say(w, &ld);
    return;
  }
  if (ld.fix_region) ld.fix_start = x->dstart, ld.fix_end = x->dend;
  if (ld.fixable) ld.fixed_by = x->by, ld.fixed_by_pos = x->by_pos;
  ld.seq = seq;
  if (wants_fingerprints(w->r)) {
    lint_stream *st = w->st;
    uint64_t ctx = x->ctx;
    if (!x->has_ctx && !w->cx_on && !(st->lf == 1 && st->parts)) /* decided whole at its end:
                                                                  * the window is the file */
      cx_build(w, st->win, st->wlen, qg_pipeline_docinfo(w->p)->encoding);
    if (!x->has_ctx && !diag_ctx(w, s->start, s->end, &ctx)) {
      if (!w->cx_on) { /* its line is gone (or not whole): the file is checked again whole */
        st->violation = true;
        return;
      }
      ctx = 0; /* (a text that does not convert: no context) */
    }
    if (!x->has_ctx && st->npending) st->npending--;
    set_fingerprint(w, &ld, ctx);
  }
  lint_stream *st = w->st;
  if (lint_out_diag_buf(w->r->fmt, &st->ob, &ld, &w->first)) { /* (github, codeclimate; or no
                                                                * memory: written at once) */
    stream_flush(st);
    FILE *sp = stream_spill(st);
    if (sp) lint_out_diag(w->r->fmt, sp, &ld, &w->first);
  }
}


/* A queue entry to print: its start as one number (line, then column) and its index */
typedef struct rel_item {
  uint64_t pos;
  size_t i;
} rel_item;

/* x comes before y (cmp_pos: by start, then as raised) */
static inline bool rel_before(rel_item x, rel_item y) {
  return x.pos != y.pos ? x.pos < y.pos : x.i < y.i;
}

/* The end of the run in order that starts at v[a] */
static size_t run_end(const rel_item *v, size_t a, size_t n) {
  size_t b = a + 1;
  while (b < n && rel_before(v[b - 1], v[b])) b++;
  return b;
}

/* v[0..n) sorted by rel_before; tmp has room for n. Returns v or tmp, the one holding the
 * result. The queue arrives in runs already in order (each stage raises a block's
 * diagnostics in order; the 65,458 of the bench copy come in 987 runs over 33 releases):
 * they are merged pairwise, pass after pass, so a sorted queue costs one look. rel_before is
 * a total order (the index breaks ties), so the order is the one qsort gave with cmp_pos. */
static rel_item *sort_rel(rel_item *v, rel_item *tmp, size_t n) {
  rel_item *src = v, *dst = tmp;
  for (size_t m = run_end(src, 0, n); m < n; m = run_end(src, 0, n)) {
    for (size_t a = 0; a < n; m = a < n ? run_end(src, a, n) : n) {
      size_t e = m < n ? run_end(src, m, n) : n, i = a, j = m, k = a;
      while (i < m && j < e) dst[k++] = rel_before(src[j], src[i]) ? src[j++] : src[i++];
      while (i < m) dst[k++] = src[i++];
      while (j < e) dst[k++] = src[j++];
      a = e;
    }
    rel_item *t = src;
    src = dst, dst = t;
  }
  return src;
}

/* v[0..n) sorted by rel_before as sort_rel sorts it, into tmp (room for n), by a count of the
 * items of each line (lines lo..hi, cnt: room for hi - lo + 2), then each line's items by
 * column (they are in the order raised already): a part's queue spans a few hundred lines,
 * and merging its runs (about thirty, one per stage and batch) cost 12 M instructions of
 * every format on the 2 MB bench copy. Returns v or tmp, the one holding the result. */
static rel_item *sort_lines(rel_item *v, rel_item *tmp, size_t n, uint32_t lo, uint32_t hi,
                            uint32_t *cnt) {
  size_t nl = (size_t)(hi - lo) + 1;
  memset(cnt, 0, (nl + 1) * sizeof *cnt);
  for (size_t k = 0; k < n; k++) cnt[(v[k].pos >> 32) - lo + 1]++;
  for (size_t l = 1; l <= nl; l++) cnt[l] += cnt[l - 1];
  for (size_t k = 0; k < n; k++) tmp[cnt[(v[k].pos >> 32) - lo]++] = v[k]; /* (stable) */
  /* cnt[l] is now the end of line lo + l's items, and its start cnt[l - 1] (0 for the first) */
  for (size_t l = 0, a = 0; l < nl; a = cnt[l++]) {
    size_t m = cnt[l] - a, k = 1;
    while (k < m && rel_before(tmp[a + k - 1], tmp[a + k])) k++;
    if (k >= m) continue; /* (in order already: the most) */
    if (m <= 16) { /* insertion */
      for (; k < m; k++) {
        rel_item x = tmp[a + k];
        size_t j = k;
        for (; j && rel_before(x, tmp[a + j - 1]); j--) tmp[a + j] = tmp[a + j - 1];
        tmp[a + j] = x;
      }
    } else {
      rel_item *r = sort_rel(tmp + a, v + a, m);
      if (r != tmp + a) memcpy(tmp + a, r, m * sizeof *r);
    }
  }
  return tmp;
}

/* Prints, sorted (cmp_pos), the queued diagnostics of lines before R (all decided: R is never
 * past the lines decided), and those printed at the head of the queue leave it; frees the
 * chunks of their strings. */
static void stream_release(lint_worker *w, uint32_t R) {
  lint_stream *st = w->st;
  /* room for every entry not printed (and as much again: sort_rel's), not counted first: a
   * second walk of the queue cost more than the memory */
  size_t n = st->qn - st->qhead;
  if (n > st->relcap) {
    struct rel_item *v = n <= SIZE_MAX / (2 * sizeof *v) ? realloc(st->rel, 2 * n * sizeof *v) : NULL;
    if (!v) { /* out of memory: the file is checked again whole */
      st->violation = true;
      return;
    }
    st->rel = v, st->relcap = n;
  }
  n = 0;
  uint32_t lo = UINT32_MAX, hi = 0;
  if (st->bare) {
    for (size_t i = st->qhead; i < st->qn; i++)
      if (!BAT(st, i)->printed && (uint32_t)(BAT(st, i)->pos >> 32) < R) {
        uint32_t l = (uint32_t)(BAT(st, i)->pos >> 32);
        st->rel[n++] = (rel_item){BAT(st, i)->pos, i};
        if (l < lo) lo = l;
        if (l > hi) hi = l;
      }
  } else {
    for (size_t i = st->qhead; i < st->qn; i++)
      if (!QAT(st, i)->printed && QAT(st, i)->s.start.line < R) {
        uint32_t l = QAT(st, i)->s.start.line;
        st->rel[n++] = (rel_item){(uint64_t)l << 32 | QAT(st, i)->s.start.col, i};
        if (l < lo) lo = l;
        if (l > hi) hi = l;
      }
  }
  const rel_item *rel = st->rel;
  if (n > 1) { /* by a count per line when the lines are not many more than the items */
    size_t nl = (size_t)(hi - lo) + 1;
    if (nl <= 4 * n + 64 && n <= UINT32_MAX && nl + 1 > st->relcntcap) {
      uint32_t *c = realloc(st->relcnt, (nl + 1) * sizeof *c);
      if (c) st->relcnt = c, st->relcntcap = nl + 1;
    }
    rel = nl <= 4 * n + 64 && n <= UINT32_MAX && nl + 1 <= st->relcntcap
              ? sort_lines(st->rel, st->rel + n, n, lo, hi, st->relcnt)
              : sort_rel(st->rel, st->rel + n, n);
  }
  if (st->bare) {
    for (size_t k = 0; k < n; k++) { /* the lines as bare_diag rendered them */
      bline *x = BAT(st, rel[k].i);
      count(w, x->sev);
      if (lint_obuf_room(&st->ob, x->len)) {
        memcpy(st->ob.p + st->ob.n, x->line, x->len);
        st->ob.n += x->len;
      } else { /* no memory: written at once */
        stream_flush(st);
        FILE *sp = stream_spill(st);
        if (sp) fwrite(x->line, 1, x->len, sp);
      }
      x->printed = true;
      if (st->ob.n >= STREAM_SPILL_BUF) stream_flush(st);
    }
  } else {
    for (size_t k = 0; k < n && !st->violation; k++) {
      qdiag *x = QAT(st, rel[k].i);
      stream_print(w, x, rel[k].i);
      x->printed = true;
      if (st->ob.n >= STREAM_SPILL_BUF) stream_flush(st);
    }
  }
  if (R > st->released) st->released = R;
  size_t keep;
  if (st->bare) {
    while (st->qhead < st->qn && BAT(st, st->qhead)->printed) st->qhead++;
    keep = st->qhead < st->qn ? BAT(st, st->qhead)->chunk : w->chunk_base + w->nchunk - 1;
  } else {
    while (st->qhead < st->qn && QAT(st, st->qhead)->printed) st->qhead++;
    keep = st->qhead < st->qn ? QAT(st, st->qhead)->chunk : w->chunk_base + w->nchunk - 1;
  }
  size_t k = keep > w->chunk_base ? keep - w->chunk_base : 0;
  if (k >= w->nchunk) k = w->nchunk ? w->nchunk - 1 : 0; /* never the chunk being filled */
  if (k) {
    for (size_t i = 0; i < k; i++) free(w->chunk[i]);
    memmove(w->chunk, w->chunk + k, (w->nchunk - k) * sizeof *w->chunk);
    w->nchunk -= k;
    w->chunk_base += k;
  }
}

/* The fix of each diagnostic is decided (fixable, SARIF fixes, or --fix and --diff). */
static bool decides(const lint_run *r) {
  return r->fix || r->diff || r->fmt == LINT_JSON || r->fmt == LINT_SARIF;
}

static bool link_done(const lint_stream *st, uint32_t link) {
  return (size_t)(link >> 3) < st->lbcap && st->lbits[link >> 3] & (1u << (link & 7));
}

static int link_set(lint_stream *st, uint32_t link) {
  size_t at = link >> 3;
  if (at >= st->lbcap) {
    size_t cap = st->lbcap ? st->lbcap : 256;
    while (cap <= at) cap *= 2;
    uint8_t *v = realloc(st->lbits, cap);
    if (!v) return QG_ERR_NOMEM;
    memset(v + st->lbcap, 0, cap - st->lbcap);
    st->lbits = v;
    st->lbcap = cap;
  }
  st->lbits[at] |= (uint8_t)(1u << (link & 7));
  return 0;
}

/* The diagnostic handler while streaming: queued; a fix is also a pending edit. */
static int stream_diag(lint_worker *w, const qg_diag *d, int sev, int ix) {
  lint_stream *st = w->st;
  if (st->violation || (sev == LINT_SEV_OFF && !d->fixed)) return 0;
  if (!ring_room((void **)&st->q, &st->qcap, sizeof *st->q, st->qhead, st->qn)) {
    w->oom = true;
    return 1;
  }
  qdiag *x = QAT(st, st->qn);
  *x = (qdiag){.chunk = w->chunk_base + (w->nchunk ? w->nchunk - 1 : 0)};
  stored_diag *s = &x->s;
  store_diag(w, s, d, sev, ix, !st->bare);
  if (w->oom) return 1;
  st->qn++;
  if (!s->raw_off && s->start.line < st->released) {
    st->violation = true; /* its line is printed already: check the file again whole, so
                           * that the file's diagnostics come out sorted */
    return 0;
  }
  if (wants_fingerprints(w->r) && !s->raw_off) { /* the context while its lines are here */
    x->has_ctx = diag_ctx(w, s->start, s->end, &x->ctx);
    st->npending += !x->has_ctx;
  }
  if (!s->fixed || !s->original || !s->replacement || !s->start.line || !decides(w->r)) {
    x->decided = true; /* no fix, or one fix_apply leaves (line 0); gcc, github and
                        * codeclimate do not say what --fix would do */
    return 0;
  }
  if (s->start.line < st->fin || (s->link && link_done(st, s->link))) {
    st->violation = true; /* decided already: check the file again whole */
    return 0;
  }
  if (st->npe == st->pecap) {
    size_t cap = st->pecap ? st->pecap * 2 : 256;
    pedit *v = realloc(st->pe, cap * sizeof *v);
    if (!v) {
      w->oom = true;
      return 1;
    }
    st->pe = v;
    st->pecap = cap;
  }
  fix_mode m = s->raw_off ? FIX_SKIP_TOUCH : fix_rule_eligible(s->rule) ? FIX_APPLY : FIX_SKIP_OVERLAP;
  st->pe[st->npe++] = (pedit){.q = st->qn - 1,
                              .e = {.start = s->start, .end = s->end, .mode = m, .rule = s->rule,
                                    .original = s->original, .replacement = s->replacement,
                                    .link = s->link}};
  return 0;
}

/* The diagnostic handler while streaming bare (gcc and github without --fix or --diff):
 * they print a line of the diagnostic's own fields and decide nothing, so the line is
 * rendered here, once, into the chunks, and queued with its start and severity for
 * stream_release to print sorted (session 52: storing the message, then a lint_diag made and
 * the line built from it at the release, cost about 800 instructions a diagnostic of `lint`
 * on the 2 MB bench copy; this about 400). A diagnostic of a rule turned off is never
 * printed, and bare mode decides no fix it could hold back: not queued. */
static int bare_diag(lint_worker *w, const qg_diag *d, int sev, int ix) {
  lint_stream *st = w->st;
  if (st->violation || sev == LINT_SEV_OFF) return 0;
  if (d->start.line < st->released) {
    st->violation = true; /* its line is printed already: check the file again whole, so
                           * that the file's diagnostics come out sorted */
    return 0;
  }
  if (!ring_room((void **)&st->bq, &st->bqcap, sizeof *st->bq, st->qhead, st->qn)) {
    w->oom = true;
    return 1;
  }
  char mbuf[1024];
  const char *m = lint_message(d, mbuf, sizeof mbuf);
  const char *rule = ix >= 0 ? qg_rules()[ix].id : d->rule;
  lint_line l = {.file = st->fname, .rule = rule, .message = m ? m : "",
                 .file_len = st->fn.file == st->fname ? st->fn.file_len : strlen(st->fname),
                 .rule_len = ix >= 0 && st->rlens ? st->rlens[ix] : strlen(rule),
                 .message_len = m ? strlen(m) : 0,
                 .start = d->start, .end = d->end, .severity = (qg_severity)sev};
#ifdef QG_CHECK_BARE
  /* the line as stream_diag and stream_print made it before (store_diag, a lint_diag), made
   * first (its strings go to the chunks before the line), compared below */
  lint_obuf ob = {0};
  {
    stored_diag sd;
    store_diag(w, &sd, d, sev, ix, false);
    lint_diag ld = {.rule = sd.rule, .file = st->fname, .message = sd.message,
                    .start = sd.start, .end = sd.end, .severity = (qg_severity)sd.sev,
                    .rule_ix = sd.rule_ix, .lens = !sd.nul, .message_len = sd.mlen,
                    .fname = &st->fn};
    bool first = true;
    if (w->oom || lint_out_diag_buf(w->r->fmt, &ob, &ld, &first)) return 1;
  }
#endif
  char *p = store_room(w, lint_out_line_need(w->r->fmt, &l));
  if (!p) return 1;
  size_t len = (size_t)(lint_out_line_build(w->r->fmt, p, &l) - p);
#ifdef QG_CHECK_BARE
  if (ob.n != len || memcmp(ob.p, p, len)) {
    fprintf(stderr, "QG_CHECK_BARE: %s:%u:%u: %s: the line rendered differs\n", st->fname,
            d->start.line, d->start.col, d->rule);
    abort();
  }
  free(ob.p);
#endif
  w->used += len;
  *BAT(st, st->qn++) = (bline){.pos = (uint64_t)d->start.line << 32 | d->start.col, .line = p,
                             .len = len, .sev = (uint8_t)sev,
                             .chunk = w->chunk_base + w->nchunk - 1};
  return 0;
}

static int on_block_out(void *ud, const qg_block *b) {
  lint_worker *w = ud;
  if (w->st && w->st->on && w->st->k) {
    w->st->ring[w->st->nring++ % w->st->k] = qg_block_line(b);
    size_t len = 0;
    qg_block_text(b, &len);
    w->st->out_bytes += len;
  }
  return 0;
}

static int on_removed(void *ud, const qg_block *b, const qg_removal *why) {
  (void)why;
  return on_block_out(ud, b);
}

static int cmp_lk(const void *a, const void *b) {
  const struct lk *x = a, *y = b;
  return (x->link > y->link) - (x->link < y->link);
}

/* The lines before this are done: the lowest first line of the last k blocks out or removed
 * (or, early, the last few) and of the blocks waiting in the pipeline's batch queues (in
 * batches a repeat is removed while kept blocks before it wait there; review 17 D1). */
static uint32_t done_before(const lint_worker *w) {
  const lint_stream *st = w->st;
  uint32_t g = qg_pipeline_queued_low(w->p);
  size_t have = st->nring < st->k ? STREAM_EARLY_BLOCKS : st->k;
  for (size_t i = 0; i < have; i++) {
    uint32_t l = st->ring[(st->nring - 1 - i) % st->k];
    if (l < g) g = l;
  }
  return g;
}

/* Decides the lines that are done (all of them at_end), prints what can be printed. */
static int stream_decide(lint_worker *w, bool at_end) {
  lint_stream *st = w->st;
  if (st->violation) return 0;
  uint32_t g = UINT32_MAX; /* the part: lines fin .. g - 1 */
  if (st->bare) { /* nothing to decide: the lines before the lowest first line of the last k
                   * blocks (or early the last few) are done, in any encoding */
    if (!at_end) {
      if (!st->k) { /* QINGGAO_TEST_STREAM_K=0: the whole-file check */
        st->violation = true;
        return 0;
      }
      bool early = st->nring >= STREAM_EARLY_BLOCKS && st->out_bytes >= STREAM_EARLY_BYTES;
      if (st->nring < st->k && !early) return 0;
      g = done_before(w);
      if (g <= st->released) return 0;
    }
    stream_release(w, g);
    return 0;
  }
  if (!at_end) {
    /* (k 0: no block is waited for.) Before k blocks are out, a few large ones do: the
     * stages hold a block or two, and a file of a few paragraphs of megabytes (one wrapped
     * paragraph cut into pieces of 512 KiB) held every diagnostic to its end: 1 GB on 10 MB
     * (probe 10 F6). A wrong guess is caught and the file checked again whole. */
    bool early = st->nring >= STREAM_EARLY_BLOCKS && st->out_bytes >= STREAM_EARLY_BYTES;
    if (st->lf != 1 || !st->parts || (st->nring < st->k && !early)) return 0;
    g = done_before(w);
    uint64_t whole = st->fin + (uint64_t)(st->nlo - 1); /* lines whose end was read */
    if (g > whole) g = (uint32_t)whole;
    if (g <= st->fin) return 0;
    /* closed under links: a link with a fix before g and one at g or later (or one not yet
     * raised) ends the part before its first line */
    size_t nl = 0;
    for (size_t i = 0; i < st->npe; i++) {
      if (!st->pe[i].e.link) continue;
      if (nl == st->lkcap) {
        size_t cap = st->lkcap ? st->lkcap * 2 : 64;
        struct lk *v = realloc(st->lk, cap * sizeof *v);
        if (!v) return QG_ERR_NOMEM;
        st->lk = v;
        st->lkcap = cap;
      }
      st->lk[nl++] = (struct lk){st->pe[i].e.link, st->pe[i].e.start.line};
    }
    if (nl) qsort(st->lk, nl, sizeof *st->lk, cmp_lk);
    for (bool changed = true; changed && g > st->fin;) {
      changed = false;
      for (size_t a = 0, b; a < nl; a = b) {
        uint32_t lo = st->lk[a].line, hi = lo;
        for (b = a + 1; b < nl && st->lk[b].link == st->lk[a].link; b++) {
          if (st->lk[b].line < lo) lo = st->lk[b].line;
          if (st->lk[b].line > hi) hi = st->lk[b].line;
        }
        if (lo < g && (b - a == 1 || hi >= g)) g = lo, changed = true;
      }
    }
    if (g <= st->fin) return 0;
  }
  /* the part's fixes, in the order raised, their lines counted from the part's first */
  size_t ne = 0;
  if (st->npe > st->gcap) {
    fix_edit *v = realloc(st->ge, st->npe * sizeof *v);
    if (v) st->ge = v;
    size_t *u = v ? realloc(st->gi, st->npe * sizeof *u) : NULL;
    if (!u) return QG_ERR_NOMEM;
    st->gi = u;
    st->gcap = st->npe;
  }
  for (size_t i = 0; i < st->npe; i++) {
    if (st->pe[i].e.start.line >= g) continue;
    fix_edit e = st->pe[i].e;
    e.start.line -= st->fin - 1;
    if (e.end.line >= st->fin - 1) e.end.line -= st->fin - 1;
    else e.end.line = 0; /* before the part: try_edit leaves it (end before start) */
    st->ge[ne] = e;
    st->gi[ne++] = i;
  }
  size_t len = at_end ? st->wlen : (size_t)(st->lo[g - st->fin] - st->woff);
  char err[256], *pout = NULL;
  size_t plen = 0;
  const char *enc = qg_pipeline_docinfo(w->p)->encoding;
  bool fixing = w->r->fix || w->r->diff, to_utf8 = w->r->to_utf8;
  int rc = ne || (fixing && to_utf8)
               ? fix_apply_part(st->win, len, enc, st->ge, ne, to_utf8, st->fin == 1,
                                st->lf == 1 ? 0 : -1, fixing ? &pout : NULL, &plen, err,
                                sizeof err)
               : 0;
  /* a part that fails: the whole file's fix_apply may not have failed, or (--fix) its message
   * is fix_one's */
  if (rc && (fixing || !(at_end && st->fin == 1))) {
    st->violation = true;
    return 0;
  }
  if (fixing) { /* the part's fixed text (or its own bytes, untouched) */
    const char *t = pout ? pout : st->win;
    size_t tn = pout ? plen : len;
    if (tn && fwrite(t, 1, tn, st->fixf) != tn) st->violation = true;
    if (pout && (plen != len || memcmp(pout, st->win, len))) st->changed = true;
    free(pout);
    if (st->violation) return 0;
  }
  for (size_t k = 0; k < ne; k++) {
    const fix_edit *e = &st->ge[k];
    qdiag *x = QAT(st, st->pe[st->gi[k]].q);
    x->decided = true;
    st->napplied += !rc && e->applied;
    if (!rc && fixing) held_tally(&st->inv, e, e->start.line + st->fin - 1);
    x->applied = !rc && e->applied;
    x->direct = !rc && e->direct;
    if (x->direct) {
      x->dstart = (qg_pos){e->direct_start.line + st->fin - 1, e->direct_start.col};
      x->dend = (qg_pos){e->direct_end.line + st->fin - 1, e->direct_end.col};
    }
    x->by = NULL;
    if (!rc && e->applied && e->carrier >= 0) {
      const fix_edit *c = &st->ge[e->carrier];
      x->by = table_id(c->rule);
      x->by_pos = (qg_pos){c->start.line + st->fin - 1, c->start.col};
    }
    if (e->link && link_set(st, e->link)) return QG_ERR_NOMEM;
  }
  /* the pending fixes left, in order */
  size_t keep = 0;
  for (size_t i = 0; i < st->npe; i++)
    if (st->pe[i].e.start.line >= g) st->pe[keep++] = st->pe[i];
  st->npe = keep;
  if (!at_end && st->npending) /* contexts not taken yet, before their lines are dropped */
    for (size_t i = st->qhead; i < st->qn && st->npending; i++) {
      qdiag *x = QAT(st, i);
      if (!x->has_ctx && !x->printed && !x->s.raw_off && (x->has_ctx = diag_ctx(w, x->s.start, x->s.end, &x->ctx)))
        st->npending--;
    }
  if (!at_end) {
    size_t drop = g - st->fin;
    memmove(st->win, st->win + len, st->wlen - len);
    st->wlen -= len;
    st->woff += len;
    memmove(st->lo, st->lo + drop, (st->nlo - drop) * sizeof *st->lo);
    st->nlo -= drop;
    st->fin = g;
  }
  stream_release(w, at_end ? UINT32_MAX : st->fin);
  return 0;
}

/* Appends the bytes read to the window; notes the line starts. */
static int stream_add(lint_stream *st, const char *b, size_t n) {
  if (st->bare) { /* (no window) */
    st->fed += n;
    return 0;
  }
  if (st->wlen + n > st->wcap) {
    size_t cap = st->wcap ? st->wcap : 1 << 18;
    while (cap < st->wlen + n) cap *= 2;
    char *v = realloc(st->win, cap);
    if (!v) return QG_ERR_NOMEM;
    st->win = v;
    st->wcap = cap;
  }
  memcpy(st->win + st->wlen, b, n);
  for (const char *p = b, *e = b + n; (p = memchr(p, '\n', (size_t)(e - p))); p++) {
    if (st->nlo == st->locap) {
      size_t cap = st->locap ? st->locap * 2 : 1024;
      uint64_t *v = realloc(st->lo, cap * sizeof *v);
      if (!v) return QG_ERR_NOMEM;
      st->lo = v;
      st->locap = cap;
    }
    st->lo[st->nlo++] = st->fed + (uint64_t)(p - b) + 1;
  }
  st->wlen += n;
  st->fed += n;
  if (st->lf < 0) { /* the first line end, as fix.c's cr_ends_lines reads it */
    const char *p = st->win + (st->lf_at > st->woff ? st->lf_at - st->woff : 0),
               *e = st->win + st->wlen;
    while (p < e && *p != '\n' && *p != '\r') p++;
    st->lf_at = st->woff + (uint64_t)(p - st->win);
    if (p < e && *p == '\n') st->lf = 1;
    else if (p < e) {
      while (p < e && *p == '\r') p++;
      if (p < e) st->lf = *p == '\n';
    }
  }
  return 0;
}

static void stream_reset(lint_worker *w) {
  lint_stream *st = w->st;
  st->qhead = st->qn = st->npe = st->wlen = st->nlo = st->nring = 0;
  st->out_bytes = 0;
  st->woff = st->fed = st->lf_at = 0;
  st->fin = 1;
  st->lf = -1;
  st->enc_known = st->utf8 = st->parts = st->at_end = false;
  st->violation = false;
  st->ltline = 0;
  if (st->ltcv) ucnv_close(st->ltcv), st->ltcv = NULL; /* (the next file's encoding may differ) */
  st->npending = 0;
  st->released = 0;
  st->bare = !decides(w->r) && !wants_fingerprints(w->r);
  if (st->bare && !st->rlens) st->rlens = lint_out_rule_lens();
  st->inv = (inv_tally){0};
  occ_reset(w);
  cx_off(w);
  if (st->lbcap) memset(st->lbits, 0, st->lbcap);
  if (st->locap) st->lo[st->nlo++] = 0; /* line 1 starts the file */
}

/* Copies the spill, then what ob holds, to the slot; empties both. The spill is read past
 * stdio (its buffer would be one more copy of every byte). */
static int stream_copy(lint_worker *w) {
  lint_stream *st = w->st;
  FILE *sp = st->spill;
  int rc = st->spill_failed ? -1 : 0;
  if (sp && !rc) {
    int fd = fileno(sp);
    rc = fflush(sp) || ferror(sp) || lseek(fd, 0, SEEK_SET) < 0 ? -1 : 0;
    char buf[16384]; /* (16 KiB: a 64 KiB frame overflowed a 64 KiB stack, session 38) */
    while (!rc) {
      ssize_t k = read(fd, buf, sizeof buf);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) rc = -1;
      if (k <= 0) break;
      fwrite(buf, 1, (size_t)k, w->out);
    }
    rewind(sp);
    if (ftruncate(fd, 0)) rc = -1;
  }
  if (!rc && st->ob.n) fwrite(st->ob.p, 1, st->ob.n, w->out);
  st->ob.n = 0;
  return rc;
}

static void stream_discard(lint_worker *w) {
  lint_stream *st = w->st;
  FILE *sp = st->spill;
  st->ob.n = 0;
  st->spill_failed = false; /* (tried again for the next file) */
  if (!sp) return;
  fflush(sp);
  rewind(sp);
  if (ftruncate(fileno(sp), 0)) clearerr(sp);
  clearerr(sp);
}

/* --diff: the file read again against the fixed text of ff (the last pass's), line by line
 * (fix_diff_stream: memory flat however large the file). 0, or -1 (then fix_one makes the
 * diff, the output written so far discarded). was: the file as the first pass opened it; read
 * again it must be the same (device, inode, size, modification time), else the diff would put
 * the text the passes made from the old file over the new one, undoing what changed between
 * (review 15 #2); it is checked again after the diff, which read it twice. */
static int stream_diff(lint_worker *w, const char *path, FILE *ff, const struct stat *was) {
  char err[512] = "";
  if (fflush(ff) || !was->st_nlink || zio_kind_for_name(path) != ZIO_PLAIN) return -1;
  if (getenv("QINGGAO_TEST_DIFF_WHOLE")) return -1; /* tests: the diff made whole, to compare */
  FILE *old = fopen(path, "rb");
  if (!old) return -1;
  struct stat now;
  bool same = !fstat(fileno(old), &now) && now.st_dev == was->st_dev &&
              now.st_ino == was->st_ino && now.st_size == was->st_size &&
              now.st_mtim.tv_sec == was->st_mtim.tv_sec && now.st_mtim.tv_nsec == was->st_mtim.tv_nsec;
  int rc = -1;
  if (same) {
    const char *enc = qg_pipeline_docinfo(w->p)->encoding;
    char *dname = norm_dup(path); /* --- a/NAME as the formats name it */
    rewind(ff);
    rc = fix_diff_stream(w->out, dname ? dname : path, old, enc, ff,
                         w->r->to_utf8 ? "UTF-8" : enc, err, sizeof err)
             ? -1
             : 0;
    free(dname);
    /* what was read twice was the same file all along */
    struct stat after;
    if (!rc && (fstat(fileno(old), &after) || after.st_size != was->st_size ||
                after.st_mtim.tv_sec != was->st_mtim.tv_sec ||
                after.st_mtim.tv_nsec != was->st_mtim.tv_nsec))
      rc = -1;
  }
  fclose(old);
  return rc;
}

/* Whether the encoding of cv has the line ends of ASCII, the bytes 0x0A and 0x0D, and no
 * other byte that stands for them nor a state kept across them, so that a run of its lines
 * cut at an LF decodes alone: single- and multi-byte encodings whose other bytes are never
 * 0x0A or 0x0D (GB18030, GBK, Big5, Shift_JIS, EUC: their trail bytes are 0x30 and above),
 * not UTF-16 or UTF-32, ISO-2022, HZ, UTF-7 nor EBCDIC (its LF is 0x25). */
static bool lines_alone(UConverter *cv) {
  switch (ucnv_getType(cv)) {
  case UCNV_SBCS: case UCNV_DBCS: case UCNV_MBCS: case UCNV_LATIN_1: case UCNV_US_ASCII:
    break; /* (GB18030 is ICU's MBCS) */
  default:
    return false;
  }
  UChar u[4];
  UErrorCode e = U_ZERO_ERROR;
  const char *src = "\r\n";
  UChar *t = u;
  ucnv_resetToUnicode(cv);
  ucnv_toUnicode(cv, &t, u + 4, &src, src + 2, NULL, true, &e);
  ucnv_resetToUnicode(cv);
  return U_SUCCESS(e) && t - u == 2 && u[0] == '\r' && u[1] == '\n';
}

/* Checks a regular file for json or sarif, streamed (above); false when it could not be
 * (then the caller checks it whole). src: the file to read when it is not path itself (a later
 * --diff pass reads the text the pass before made; it is named path all the same). */
static bool stream_one(lint_worker *w, const char *path, const char *src, bool keep,
                       FILE **kept) {
  if (!w->st) {
    if (!(w->st = calloc(1, sizeof *w->st))) return false;
  }
  lint_stream *st = w->st;
  if (!st->locap) {
    if (!(st->lo = malloc(1024 * sizeof *st->lo))) return false;
    st->locap = 1024;
  }
  bool fixing = w->r->fix || w->r->diff;
  if (fixing) { /* the fixed text, written to the file (or diffed) at the end */
    if (!st->fixf && !(st->fixf = qg_tmpfile())) return false;
    rewind(st->fixf);
    if (ftruncate(fileno(st->fixf), 0)) return false;
    st->changed = false;
    st->napplied = 0;
  }
  /* what can fail without reading is made first: once the input is opened and looked at
   * (look_jsonl reads standard input), giving up would leave fix_one a pipe with its first
   * bytes gone (review 36b: TMPDIR unusable, `lint -` printed nothing and exited 0) */
  char *buf = malloc(STREAM_READ);
  if (!buf) return false;
  if (keep) { /* what is read, kept for fix_one */
    if (!st->inf && !(st->inf = qg_tmpfile())) {
      free(buf);
      return false; /* (then fix_one reads the input whole: nothing was read yet) */
    }
    rewind(st->inf);
    if (ftruncate(fileno(st->inf), 0)) clearerr(st->inf);
  }
  char err[512] = "";
  zin *z = zin_open(src ? src : path, err, sizeof err);
  if (!z) {
    free(buf);
    return false; /* fix_one says why */
  }
  char *why;
  int lk = look_jsonl(w, z, path, &why);
  if (lk) { /* not checked, never fixed: nothing of it is written */
    free(buf);
    zin_close(z);
    if (lk < 0) {
      fprintf(w->msg, "qinggao: %s: out of memory\n", path);
      w->f->fatal = true;
    } else file_failed(w, why);
    free(why);
    return true;
  }
  if (!zin_ident(z, &st->id)) memset(&st->id, 0, sizeof st->id);
  if (fixing && zin_kind(z) != ZIO_PLAIN) { /* a compressed file is fixed whole (a named
                                             * file: keep is for standard input and pipes,
                                             * which --fix refuses) */
    free(buf);
    zin_close(z);
    return false;
  }
  if (keep) *kept = st->inf;
  stream_reset(w);
  lint_file counted = *w->f; /* what it counted is forgotten when it is checked again whole */
  /* for tests, QINGGAO_TEST_STREAM_K=N (1..64): the last N blocks; 0: every line read is
   * taken as done, a guess that fails at once, so that the checks and the file checked again
   * are exercised */
  const char *tk = getenv("QINGGAO_TEST_STREAM_K");
  st->k = tk && atoi(tk) >= 0 && atoi(tk) <= STREAM_K ? (size_t)atoi(tk) : STREAM_K;
  w->oom = false;
  clear_stored(w);
  st->on = true;
  const char *name = strcmp(path, "-") ? path : "<stdin>"; /* as fix_one names it */
  w->path = name;
  int rc = qg_pipeline_begin(w->p, name);
  st->fname = file_name(w, qg_pipeline_docinfo(w->p)->source);
  lint_fname_free(&st->fn);
  (void)lint_fname_make(&st->fn, st->fname); /* (none: each result makes them) */
  bool io = false;
  while (!rc && !st->violation && !w->oom) {
    size_t n;
    if (zin_read(z, buf, STREAM_READ, &n, err, sizeof err)) {
      io = true;
      break;
    }
    if (!n) break;
    if (stream_add(st, buf, n)) {
      w->oom = true;
      break;
    }
    if (keep && fwrite(buf, 1, n, st->inf) != n) st->violation = true; /* fix_one fails too */
    if (!st->bare && st->fed > INT32_MAX / 4) st->violation = true; /* too large for --fix:
                                                                       * fix_one */
    rc = qg_pipeline_feed(w->p, buf, n);
    if (!st->enc_known) {
      const char *enc = qg_pipeline_docinfo(w->p)->encoding;
      if (enc && enc[0]) {
        UErrorCode e = U_ZERO_ERROR;
        UConverter *cv = ucnv_open(enc, &e);
        st->utf8 = U_SUCCESS(e) && ucnv_getType(cv) == UCNV_UTF8;
        st->parts = st->utf8 || (U_SUCCESS(e) && lines_alone(cv));
        if (cv) ucnv_close(cv);
        st->enc_known = true;
        if (st->enc_want[0] && strcmp(enc, st->enc_want)) st->violation = true; /* fix_one */
      }
    }
    /* on two threads the handler's state (what stream_decide reads) is the second thread's
     * until a sync (its failure is the next feed's): every read, so that what waits to be
     * decided is what one thread holds (every fourth read: 8 MB more on 4 MB of GB18030
     * fixed in parts) */
    if (!rc) {
      (void)qg_pipeline_sync(w->p);
      if (stream_decide(w, false)) w->oom = true;
    }
  }
  (void)qg_pipeline_sync(w->p); /* (two threads: the callbacks' state is whole from here) */
  if (io || st->violation || w->oom) qg_pipeline_abort(w->p, QG_ERR_STOPPED);
  else {
    int frc = qg_pipeline_finish(w->p);
    if (!rc) rc = frc;
  }
  /* gcc and github: bytes invalid in the encoding end the document, and what was found up to
   * them is the file's report (their decode-invalid errors say where), as the file checked
   * whole would give it, without reading it again whole (in a compressed file they can be
   * corrupt data: fix_one reads the rest and says so) */
  bool invalid = st->bare && rc == QG_ERR_INPUT && !io && !w->oom && !st->violation &&
                 zin_kind(z) == ZIO_PLAIN;
  while (keep && !io && !invalid) { /* fix_one may need all of it: the rest is kept too */
    size_t n;
    if (zin_read(z, buf, STREAM_READ, &n, err, sizeof err)) io = true;
    else if (!n) break;
    else if (fwrite(buf, 1, n, st->inf) != n) break; /* read_spool then fails */
  }
  zin_close(z);
  free(buf);
  st->at_end = !io && !rc; /* (the last line is whole) */
  if (invalid) {
    if (stream_decide(w, true)) w->oom = true;
    w->f->failed = true;
    rc = 0;
  }
  if (!io && !rc && !w->oom && !st->violation && !invalid && stream_decide(w, true)) w->oom = true;
  st->on = false;
  cx_off(w); /* (it may point into the window) */
  const qg_docinfo *di = qg_pipeline_docinfo(w->p);
  bool ok = !io && !rc && !w->oom && !st->violation && st->qhead == st->qn &&
            !st->spill_failed && !(st->spill && ferror(st->spill)) &&
            !(di->encoding_detected && di->encoding_weak); /* (fix_one
                                                 * says why such a file is not fixed) */
  if (ok && w->r->fix && st->changed) { /* written before anything is printed: should it
                                         * fail, fix_one tries again and says why */
    if (fix_write_from(path, st->fixf, st->id.st_nlink ? &st->id : NULL, err, sizeof err))
      ok = false;
    else w->f->fixed_diags += st->napplied, w->f->fixed = true;
  }
  if (ok && w->r->diff && st->changed) /* diffed when the passes are done (lint_run_file) */
    w->f->fixed_diags += st->napplied, w->f->fixed = true;
  if (ok && fixing) w->f->inv = st->inv; /* (this pass's: the last pass's are what is left) */
  if (ok && stream_copy(w)) ok = false; /* (nothing of it reached the slot) */
  if (!ok) {
    stream_discard(w);
    *w->f = counted;
  }
  if (io && keep) { /* what cannot be read again: said here, as fix_one would say it */
    file_failed(w, err);
    ok = true;
  }
  clear_stored(w);
  st->wlen = 0;
  if (st->wcap > (1u << 22)) { /* a window grown for a file decided whole */
    free(st->win);
    st->win = NULL;
    st->wcap = 0;
  }
  return ok;
}

static void stream_free(lint_stream *st) {
  if (!st) return;
  lint_fname_free(&st->fn);
  free(st->ob.p);
  free(st->relcnt);
  free(st->q);
  free(st->bq);
  free(st->pe);
  free(st->win);
  free(st->lo);
  free(st->lbits);
  free(st->ge);
  free(st->gi);
  free(st->lk);
  free(st->rel);
  free(st->lt);
  if (st->ltcv) ucnv_close(st->ltcv);
  if (st->lt8) ucnv_close(st->lt8);
  if (st->spill) fclose(st->spill);
  if (st->fixf) fclose(st->fixf);
  if (st->passf) fclose(st->passf);
  if (st->inf) fclose(st->inf);
  free(st);
}

/* Counts a file's warnings against its limit: --max-warnings for all files, else the
 * max-warnings of the configuration files that govern it (files under the same
 * configuration count together). -1 when out of memory. */
static int add_warnings(lint_run *r, const lint_config *cfg, const lint_file *f) {
  bool cli = r->max_warnings >= 0;
  long lim = cli ? r->max_warnings : cfg ? cfg->max_warnings : -1;
  const char *key = cli || !cfg ? "" : cfg->files;
  r->warnings += f->warnings;
  r->errors += f->errors;
  if (lim < 0) return 0;
  for (size_t i = 0; i < r->nlimits; i++)
    if (r->limits[i].limit == lim && !strcmp(r->limits[i].files, key)) {
      r->limits[i].warnings += f->warnings;
      return 0;
    }
  limit_count *v = realloc(r->limits, (r->nlimits + 1) * sizeof *v);
  if (!v) return -1;
  r->limits = v;
  r->limits[r->nlimits++] = (limit_count){key, lim, f->warnings};
  return 0;
}

static const lint_config *config_of(lint_run *r, const char *path, char *err, size_t errlen) {
  if (r->config_file || r->no_config) return &r->fixed_cfg;
  const lint_config *c = NULL;
  if (lint_config_lookup(r->cache, path, &c, err, errlen)) return NULL;
  return c;
}

/* What the file at path is to the check of files governed by cfg, when it is one of the files
 * the check reads: the cue file, a dictionary or the archive, named on the command line or by
 * the configuration (probe 10 F23: `lint --fix .` rewrote the desk's cue file, named by
 * .qinggao.ini, as copy: its (…) became （…） and the cues stopped matching). NULL when not. */
static const char *side_file(const lint_run *r, const lint_config *cfg, const struct stat *st) {
  const char *names[3 + 2 * 64];
  const char *what[3 + 2 * 64];
  size_t n = 0;
  names[n] = cues_of(r, cfg), what[n++] = r->cli_cues ? "the cue file (--cues)" : "the cue file (cues =)";
  names[n] = archive_of(r, cfg), what[n++] = r->cli_archive ? "the archive (--archive)" : "the archive (archive =)";
  for (const char *const *d = r->opts.dicts; d && *d && n < 3 + 64; d++)
    names[n] = *d, what[n++] = "a dictionary (--dict)";
  for (size_t i = 0; cfg && i < cfg->ndicts && i < 64; i++)
    names[n] = cfg->dicts[i], what[n++] = "a dictionary (dict =)";
  for (size_t i = 0; i < n; i++) {
    struct stat sst;
    if (names[i] && !stat(names[i], &sst) && sst.st_dev == st->st_dev && sst.st_ino == st->st_ino)
      return what[i];
  }
  return NULL;
}

/* ---- the end of a run's report -----------------------------------------------------------
 * A CI job uploads lint's sarif or codeclimate output whatever lint's status (`if: always()`,
 * `artifacts: when: always`). So once the format is known, every way the run ends writes a
 * whole SARIF log or codeclimate array: a run that ends with status 2 or 3 (a usage or
 * configuration error, an archive that does not open, no file to check, inputs that failed)
 * is a SARIF run with executionSuccessful false, its exit code and the messages as
 * notifications, and an array of codeclimate issues (empty when nothing was checked); it was
 * an empty file, or a successful run with no results (probe 14 #2, #6). Usage errors in the
 * arguments before the format is read (an unknown -f value) stay plain. */
enum { REPORT_NOTES = 4 };
static struct {
  lint_format fmt;
  bool on;               /* the format is known */
  bool begun, ended;     /* lint_out_begin, lint_out_end written */
  char notes[REPORT_NOTES][1024];
  size_t nnotes;
} report;

/* Keeps msg (without "qinggao: ") for the notifications of the SARIF log. */
static void report_note(const char *msg) {
  if (report.nnotes < REPORT_NOTES)
    snprintf(report.notes[report.nnotes++], sizeof report.notes[0], "%s", msg);
}

/* Ends the report (once): its beginning first when the run ended before it. */
static void report_end(int status, const char *failed) {
  if (!report.on || report.ended) return;
  if (!report.begun) lint_out_begin(report.fmt, stdout);
  const char *notes[REPORT_NOTES];
  for (size_t i = 0; i < report.nnotes; i++) notes[i] = report.notes[i];
  lint_out_end(report.fmt, stdout, status, failed, notes, report.nnotes);
  report.begun = report.ended = true;
}

/* cli_exit_hook: a helper ends the run (status 2 or 3) with msg. */
static void report_exit(int status, const char *msg) {
  report_note(msg);
  report_end(status, NULL);
}

/* Before a message on standard error: what standard output holds goes first, so that a log of
 * both (a CI job's, 2>&1) reads in input order, a file's messages after its diagnostics and
 * the summary last (audit 24 F2: standard output, a pipe or file and so buffered, came out
 * after every message). Messages are few; a flush each costs nothing to speak of. */
static void sync_out(void) { fflush(stdout); }

/* An error that ends the run: said on standard error and kept for the report. */
static void lint_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void lint_error(const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  sync_out();
  fprintf(stderr, "qinggao: %s\n", msg);
  report_note(msg);
}

/* Before the run, on the main thread: every input's configuration and ignore pattern, and
 * every archive a checked file uses, opened once, so a bad configuration stops the run with
 * status 2 and an archive that cannot be opened with status 3, before anything is printed
 * (the config cache is not shared with the workers). */
static int prepare(lint_run *r) {
  if (!(r->li = calloc(r->in.n ? r->in.n : 1, sizeof *r->li))) {
    fprintf(stderr, "qinggao: out of memory\n");
    return EXIT_INPUT;
  }
  const char **checked = NULL; /* the archives opened (a handful: one per configuration) */
  qg_features *checked_features = NULL; /* the features each was checked for */
  size_t nchecked = 0;
  int rc = 0;
  for (size_t i = 0; i < r->in.n && !rc; i++) {
    const char *path = r->in.v[i].path;
    char err[1024];
    if (!(r->li[i].cfg = config_of(r, path, err, sizeof err))) {
      lint_error("%s", err);
      rc = EXIT_USAGE;
      break;
    }
    const lint_ignore *hit = NULL;
    if (lint_config_ignored(r->li[i].cfg, path, &hit)) {
      r->li[i].ignored_by = hit->pat;
      r->li[i].ignored_cfg = hit->file;
      continue;
    }
    struct stat st;
    if (strcmp(path, "-") && !stat(path, &st) &&
        (r->li[i].side_what = side_file(r, r->li[i].cfg, &st))) {
      r->li[i].ignored_by = r->li[i].side_what;
      continue;
    }
    if ((r->li[i].not_text = cli_not_copy(&r->in.v[i], r->opts.encoding))) {
      r->li[i].ignored_by = r->li[i].not_text; /* a file named on the command line is checked */
      continue;
    }
    const char *archive = archive_of(r, r->li[i].cfg);
    qg_features features = features_of(r, r->li[i].cfg);
    bool seen = !archive;
    for (size_t k = nchecked; k-- > 0 && !seen;)
      seen = !strcmp(checked[k], archive) && checked_features[k] == features;
    if (seen) continue;
    qg_features *f = realloc(checked_features, (nchecked + 1) * sizeof *f);
    if (!f) {
      fprintf(stderr, "qinggao: out of memory\n");
      rc = EXIT_INPUT;
      break;
    }
    checked_features = f;
    checked_features[nchecked] = features;
    const char **v = realloc(checked, (nchecked + 1) * sizeof *v);
    if (!v) {
      fprintf(stderr, "qinggao: out of memory\n");
      rc = EXIT_INPUT;
      break;
    }
    checked = v;
    checked[nchecked++] = archive;
    const char *at = r->cli_archive ? NULL : r->li[i].cfg->archive_at;
    if (at) { /* named by a configuration: its file and line said (probe 10 F11) */
      char aerr[700];
      qg_archive *a = qg_archive_open(archive, false, aerr, sizeof aerr);
      if (!a) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: archive: %s", at, aerr);
        fprintf(stderr, "qinggao: %s\n", msg);
        cli_exit(EXIT_INPUT, msg);
      }
      qg_archive_close(a);
    }
    cli_require_archive(archive); /* exits 3 with the error when it cannot be opened */
    cli_check_features(archive, features); /* exits 2 when it holds the other kind */
  }
  free(checked);
  free(checked_features);
  return rc;
}

/* --fix rewrites files in the workers: a file named twice (or reached twice) must be fixed
 * the second time after the first, as one worker does. */
static int cmp_ino(const void *x, const void *y) {
  const cli_input *a = *(cli_input *const *)x, *b = *(cli_input *const *)y;
  if (a->dev != b->dev) return a->dev < b->dev ? -1 : 1;
  return (a->ino > b->ino) - (a->ino < b->ino);
}
static bool some_file_twice(const lint_run *r) {
  const cli_input **v = malloc((r->in.n ? r->in.n : 1) * sizeof *v);
  if (!v) return true; /* then one worker: always correct */
  size_t n = 0;
  for (size_t i = 0; i < r->in.n; i++)
    if (r->in.v[i].stat_ok && !r->li[i].ignored_by) v[n++] = &r->in.v[i];
  qsort(v, n, sizeof *v, cmp_ino);
  bool twice = false;
  for (size_t k = 1; k < n && !twice; k++) twice = !cmp_ino(&v[k - 1], &v[k]);
  free(v);
  return twice;
}

/* --diff: a file reached twice (named and found in a walked directory) shows its diff once,
 * at its first visit: the second would be the same diff, and applied after the first it fails
 * (probe 10 F8). Marks li[i].repeat of every later visit. -1 when out of memory. */
static int mark_repeats(lint_run *r) {
  const cli_input **v = malloc((r->in.n ? r->in.n : 1) * sizeof *v);
  if (!v) return -1;
  size_t n = 0;
  for (size_t i = 0; i < r->in.n; i++)
    if (r->in.v[i].stat_ok && !r->li[i].ignored_by) v[n++] = &r->in.v[i];
  qsort(v, n, sizeof *v, cmp_ino);
  for (size_t k = 0; k < n;) {
    size_t e = k + 1, first = (size_t)(v[k] - r->in.v);
    while (e < n && !cmp_ino(&v[k], &v[e])) {
      size_t j = (size_t)(v[e] - r->in.v);
      if (j < first) first = j;
      e++;
    }
    for (size_t x = k; x < e; x++)
      if ((size_t)(v[x] - r->in.v) != first) r->li[v[x] - r->in.v].repeat = true;
    k = e;
  }
  free(v);
  return 0;
}

/* ---- the workers (cli/pool.c) -------------------------------------------------------------- */

/* Each worker starts with the pipeline of the first file checked, made here on the main
 * thread (as batch.c makes its pipelines): ICU builds its shared tables (the regex compiler's)
 * on first use, which is then done before the threads start. */
static int worker_init(void *ud, int k, FILE *const f[3], void **state) {
  lint_run *r = ud;
  (void)k;
  lint_worker *w = calloc(1, sizeof *w);
  if (!(*state = w)) {
    fprintf(stderr, "qinggao: out of memory\n");
    return EXIT_INPUT;
  }
  w->r = r;
  w->out = f[POOL_OUT];
  w->msg = f[POOL_MSG];
  size_t i = 0;
  while (i < r->in.n && r->li[i].ignored_by) i++;
  if (i == r->in.n) return 0;
  w->cfg = r->li[i].cfg;
  if (ensure_pipeline(w)) {
    fprintf(stderr, "qinggao: out of memory\n");
    return EXIT_INPUT;
  }
  return 0;
}

static void worker_free(void *ud, void *state) {
  lint_worker *w = state;
  (void)ud;
  if (w->p) qg_pipeline_free(w->p);
  stream_free(w->st);
  clear_stored(w);
  free(w->sd);
  for (size_t i = 0; i < w->nchunk; i++) free(w->chunk[i]);
  free(w->chunk);
  free(w->nbuf);
  cx_off(w);
  free(w->cx_ls);
  free(w->cpc_at);
  free(w->occ);
  free(w);
}

/* On a worker: checks input i, its results into its slot. */
static void run_file(void *ud, void *state, size_t i, pool_slot *s);
static void put_failed(lint_worker *w, const char *path);
static void lint_run_file(void *ud, void *state, size_t i, pool_slot *s) {
  lint_run *r = ud;
  if (r->li[i].ignored_by) return;
  run_file(ud, state, i, s);
  put_failed(state, r->in.v[i].path);
}

static void run_file(void *ud, void *state, size_t i, pool_slot *s) {
  lint_run *r = ud;
  lint_worker *w = state;
  const char *path = r->in.v[i].path;
  if (r->li[i].ignored_by) return;
  w->f = pool_user(s);
  w->cfg = r->li[i].cfg;
  w->path = path;
  w->first = true;
  zio_warn_to(r->quiet ? NULL : w->msg); /* (gzip data padded with zeros: into the slot) */
  /* JSON Lines are not checked, never fixed (probe 18 D8: --fix rewrote a .jsonl file into
   * invalid JSON): its first read looks, as clean does, unless an --include pattern took a file
   * whose name is data (read as prose, as asked) */
  w->look = !(r->in.v[i].included && cli_data_name(path));
  if (ensure_pipeline(w)) {
    fprintf(w->msg, "qinggao: out of memory\n");
    w->f->fatal = true;
    return;
  }
  { /* every format streams (the diagnostics are printed sorted: stream_release) */
    /* a file that cannot be read again (standard input, a pipe) is kept as it is read, for
     * the whole-file check; --fix and --diff take only regular files streamed */
    struct stat sb;
    bool regular = strcmp(path, "-") && !stat(path, &sb) && S_ISREG(sb.st_mode);
    FILE *kept = NULL;
    lint_file before = *w->f;
    /* (--to-utf8 is fixed whole: a streamed pass after the first would read the UTF-8 it
     * wrote in an encoding named with -e; review 14 #1) */
    if (w->st) w->st->enc_want[0] = '\0';
    bool streamed = (regular || (!r->fix && !r->diff)) && !((r->fix || r->diff) && r->to_utf8) &&
                    stream_one(w, path, NULL, !regular, &kept);
    if (streamed && w->st) /* the passes after it read in the same encoding */
      snprintf(w->st->enc_want, sizeof w->st->enc_want, "%s",
               qg_pipeline_docinfo(w->p)->encoding ? qg_pipeline_docinfo(w->p)->encoding : "");
    lint_file first = before; /* what the file counted before its first pass */
    struct stat id0 = {0}; /* the file as the first pass opened it (later passes read a
                            * temporary file and overwrite st->id) */
    if (streamed && w->st) id0 = w->st->id;
    /* a streamed --fix that applied fixes: the next pass checks the file it wrote, streamed
     * too (its report replaces this one's), until one applies nothing (FIX_PASSES at most).
     * --diff alike: the next pass reads the text the pass before made (fixf, kept as passf),
     * and the file is diffed against the last text once the passes are done; before, a
     * --diff that fixed anything was made again whole, by fix_one (10 MB of bench copy: 5.7 s
     * and 220 MB against 2.0 s and 83 MB; review 14 #3) */
    FILE *last = NULL; /* --diff: the fixed text of the last pass that applied fixes */
    char src[64];
    for (int pass = 2; streamed && (r->fix || r->diff) && w->f->fixed_diags > before.fixed_diags;
         pass++) {
      if (r->diff) { /* this pass's text is what the next one reads */
        FILE *t = w->st->passf;
        w->st->passf = last = w->st->fixf;
        w->st->fixf = t;
        snprintf(src, sizeof src, "/dev/fd/%d", fileno(last));
        if (fflush(last) || fseek(last, 0, SEEK_SET)) {
          streamed = false; /* fix_one makes the diff, or says why it cannot */
          break;
        }
      }
      if (pass > FIX_PASSES) {
        fprintf(w->msg, "qinggao: %s: %s stopped after %d pass%s that each applied fixes: run "
                        "it again to see whether more apply\n", path, r->fix ? "--fix" : "--diff",
                FIX_PASSES, FIX_PASSES > 1 ? "es" : "");
        break;
      }
      if (pool_discard(s, POOL_OUT) || pool_discard(s, POOL_MSG)) {
        w->f->fatal = true;
        return;
      }
      uint64_t done = w->f->fixed_diags;
      *w->f = before;
      w->f->fixed_diags = done, w->f->fixed = true;
      before = *w->f;
      w->first = true;
      streamed = stream_one(w, path, r->diff ? src : NULL, false, &kept);
    }
    /* (the diff fails before it writes anything: then fix_one, which says why) */
    if (r->diff && w->f->fixed && (!streamed || stream_diff(w, path, last, &id0))) {
      if (pool_discard(s, POOL_OUT) || pool_discard(s, POOL_MSG)) {
        w->f->fatal = true;
        return;
      }
      *w->f = first;
      streamed = false;
    }
    if (!streamed) {
      w->first = true;
      fix_one(w, path, kept);
    }
    say_held(w, path);
    say_diff_encoding(w, path);
  }
}

/* github and codeclimate name a file that failed (status 3) in their output, as SARIF's
 * notification does: a `::error` annotation on the file, a codeclimate issue (check_name
 * input-error) that GitLab shows; before, the failure was on standard error alone and the
 * codeclimate array empty (probe 14 #11). */
static void put_failed(lint_worker *w, const char *path) {
  const lint_run *r = w->r;
  if (!w->f->failed || w->f->fatal ||
      (r->fmt != LINT_GITHUB && r->fmt != LINT_CODECLIMATE && r->fmt != LINT_JSON))
    return;
  w->path = strcmp(path, "-") ? path : "<stdin>";
  char *display = qg_display_name(w->path);
  const char *why = w->f->why[0] ? w->f->why
                                  : "bytes invalid in its encoding: the file fails the check "
                                    "(its decode-invalid errors say where)";
  lint_out_failed(r->fmt, w->out, file_name(w, display ? display : w->path), why, &w->first);
  free(display);
}

/* On the main thread, in input order: writes input i's results and adds up its counts. */
static bool lint_emit(void *ud, pool *p, size_t i, pool_slot *s) {
  lint_run *r = ud;
  const lint_file *f = pool_user(s);
  const char *path = r->in.v[i].path;
  (void)p;
  if (r->li[i].not_text) {
    if (r->not_text++ < 3) {
      size_t used = strlen(r->not_text_names);
      snprintf(r->not_text_names + used, sizeof r->not_text_names - used, "%s%s (%s)",
               used ? ", " : "", path, r->li[i].not_text);
    }
    return true;
  }
  if (r->li[i].ignored_by) {
    r->ignored++;
    if (!r->quiet && named_on_command_line(r, path)) sync_out();
    if (!r->quiet && named_on_command_line(r, path) && r->li[i].side_what)
      fprintf(stderr, "qinggao: %s: not checked: it is %s%s%s, not copy\n", path,
              r->li[i].side_what, r->li[i].cfg->files[0] && !strstr(r->li[i].side_what, "--") ? " of " : "",
              strstr(r->li[i].side_what, "--") ? "" : r->li[i].cfg->files);
    else if (!r->quiet && named_on_command_line(r, path))
      fprintf(stderr, "qinggao: %s: ignored (pattern '%s' of %s)\n", path, r->li[i].ignored_by,
              r->li[i].ignored_cfg);
    return true;
  }
  bool again = r->diff && r->li[i].repeat; /* its diff was shown at its first visit */
  /* A slot that could not hold the file's output (its temporary file and then memory: cli/pool.c)
   * fails that file alone, none of its output written (a part would read as whole), and the
   * run goes on (docs/batch.md "Temporary files and signals"; session 38: the run stopped
   * there, the files after it never checked) */
  bool lost = pool_error(s) != 0;
  if (!lost && !pool_empty(s, POOL_OUT) && !again) {
    if (r->any_out) fputs(lint_out_sep(r->fmt), stdout);
    r->any_out = true;
    pool_copy(s, POOL_OUT, stdout);
  }
  if (!pool_empty(s, POOL_MSG) || lost) sync_out();
  pool_copy(s, POOL_MSG, stderr);
  if (lost) {
    char why[320], msg[1024];
    pool_error_text(s, why, sizeof why); /* (the temporary file's directory: review 19 L3) */
    snprintf(msg, sizeof msg, "%s: cannot hold the output: %s; nothing of it was written", path,
             why);
    fprintf(stderr, "qinggao: %s\n", msg);
    report_note(msg);
    if (!again && (r->fmt == LINT_GITHUB || r->fmt == LINT_CODECLIMATE || r->fmt == LINT_JSON)) {
      char *norm = norm_dup(path); /* the file named in the output, as put_failed names it */
      char *shown = qg_display_name(norm ? norm : path);
      bool first = true;
      if (r->any_out) fputs(lint_out_sep(r->fmt), stdout);
      r->any_out = true;
      lint_out_failed(r->fmt, stdout, shown ? shown : path, msg + strlen(path) + 2, &first);
      free(shown);
      free(norm);
    }
  }
  if (f->fatal || r->fatal) return !(r->fatal = true);
  r->files++;
  if (f->failed || lost) add_failed(r, path);
  if (lost) return true; /* (its counts are of output not written) */
  if (!again) {
    r->fixed_diags += f->fixed_diags;
    r->fixed_files += f->fixed;
  }
  if (add_warnings(r, r->li[i].cfg, f)) {
    sync_out();
    fprintf(stderr, "qinggao: out of memory\n");
    return !(r->fatal = true);
  }
  return true;
}

static void fail_usage(const char *fmt, const char *arg) {
  char what[1024], msg[1100];
  snprintf(what, sizeof what, fmt, arg);
  snprintf(msg, sizeof msg, "lint: %s", what);
  fprintf(stderr, "qinggao: %s\n(see qinggao lint --help)\n", msg);
  cli_exit(EXIT_USAGE, msg);
}

static int pick(const char *opt, const char *arg, const char *const *names) {
  for (int i = 0; names[i]; i++)
    if (!strcmp(arg, names[i])) return i;
  char msg[1024];
  size_t n = (size_t)snprintf(msg, sizeof msg, "lint: unknown value '%s' for --%s (one of:", arg, opt);
  for (int i = 0; names[i] && n < sizeof msg; i++)
    n += (size_t)snprintf(msg + n, sizeof msg - n, " %s", names[i]);
  if (n < sizeof msg) snprintf(msg + n, sizeof msg - n, ")");
  fprintf(stderr, "qinggao: %s\n", msg);
  cli_exit(EXIT_USAGE, msg);
}

int cmd_lint(int argc, char **argv) {
  lint_run r = {.max_warnings = -1};
  cli_sig_guard guard = {.on = false}; /* --fix: a signal removes the temporary files */
  qg_options_init(&r.opts);
  enum { OPT_INVALID = 256, OPT_PARAGRAPHS, OPT_DEDUP, OPT_NO_REPAIR, OPT_NO_STRUCTURE,
         OPT_CUES, OPT_MAX_WARNINGS, OPT_CONFIG, OPT_NO_CONFIG, OPT_FIX, OPT_DIFF, OPT_TO_UTF8,
         OPT_ARCHIVE, OPT_NEAR, OPT_SCOPE, OPT_DICT, OPT_DEDUP_MEMORY, OPT_NEAR_FEATURES,
         OPT_INCLUDE, OPT_EXCLUDE };
  enum { MAX_DICTS = 64 };
  static const char *dicts[MAX_DICTS + 1];
  int ndicts = 0;
  static const struct option longopts[] = {
      {"encoding", required_argument, NULL, 'e'}, {"invalid", required_argument, NULL, OPT_INVALID},
      {"paragraphs", required_argument, NULL, OPT_PARAGRAPHS},
      {"dedup", required_argument, NULL, OPT_DEDUP}, {"format", required_argument, NULL, 'f'},
      {"quiet", no_argument, NULL, 'q'}, {"no-repair", no_argument, NULL, OPT_NO_REPAIR},
      {"no-structure", no_argument, NULL, OPT_NO_STRUCTURE},
      {"cues", required_argument, NULL, OPT_CUES},
      {"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
      {"config", required_argument, NULL, OPT_CONFIG},
      {"no-config", no_argument, NULL, OPT_NO_CONFIG}, {"fix", no_argument, NULL, OPT_FIX},
      {"diff", no_argument, NULL, OPT_DIFF}, {"to-utf8", no_argument, NULL, OPT_TO_UTF8},
      {"archive", required_argument, NULL, OPT_ARCHIVE},
      {"near-threshold", required_argument, NULL, OPT_NEAR},
      {"near-features", required_argument, NULL, OPT_NEAR_FEATURES},
      {"dedup-scope", required_argument, NULL, OPT_SCOPE},
      {"dict", required_argument, NULL, OPT_DICT},
      {"dedup-memory", required_argument, NULL, OPT_DEDUP_MEMORY},
      {"jobs", required_argument, NULL, 'j'},
      {"include", required_argument, NULL, OPT_INCLUDE},
      {"exclude", required_argument, NULL, OPT_EXCLUDE},
      {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  static const char *const invalid_modes[] = {"error", "replace", NULL};
  static const char *const para_modes[] = {"auto", "blank", "line", "wrapped", NULL};
  static const char *const dedup_modes[] = {"off", "drop", "mark", NULL};
  static const char *const fmts[] = {"gcc", "json", "sarif", "github", "codeclimate", NULL};
  /* --include, --exclude: at most one a word of the command line (freed at exit) */
  static const char **incs, **excs;
  size_t ninc = 0, nexc = 0;
  if (!(incs = calloc((size_t)argc + 1, sizeof *incs)) ||
      !(excs = calloc((size_t)argc + 1, sizeof *excs))) {
    fprintf(stderr, "qinggao: out of memory\n");
    free(incs);
    return EXIT_INPUT;
  }
  int c;
  opterr = 0;
  /* the format first, so that an error anywhere after it still ends a SARIF log or a
   * codeclimate array ("the end of a run's report" above); getopt is run again below */
  optind = 1;
  const char *fmt_arg = NULL;
  char **scan = malloc(((size_t)argc + 1) * sizeof *scan); /* getopt permutes what it scans:
                                                            * a copy (lint x -e read -e x) */
  if (scan) {
    memcpy(scan, argv, ((size_t)argc + 1) * sizeof *scan);
    while ((c = getopt_long(argc, scan, "e:f:j:qh", longopts, NULL)) != -1)
      if (c == 'f') fmt_arg = optarg;
    free(scan);
  }
  if (fmt_arg) r.fmt = (lint_format)pick("format", fmt_arg, fmts);
  report.fmt = r.fmt;
  report.on = r.fmt == LINT_SARIF || r.fmt == LINT_CODECLIMATE;
  cli_exit_hook = report_exit;
  optind = 0; /* a new scan (glibc and musl start it again at argv[1]) */
  while ((c = getopt_long(argc, argv, "e:f:j:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'e':
      if (!qg_encoding_known(optarg)) fail_usage("unknown encoding '%s'", optarg);
      r.opts.encoding = optarg;
      break;
    case OPT_INVALID: r.opts.invalid = (qg_invalid_mode)pick("invalid", optarg, invalid_modes); break;
    case OPT_PARAGRAPHS: r.opts.paragraphs = (qg_para_mode)pick("paragraphs", optarg, para_modes); break;
    case OPT_DEDUP: r.opts.dedup = (qg_dedup_mode)pick("dedup", optarg, dedup_modes); break;
    case 'f': r.fmt = (lint_format)pick("format", optarg, fmts); break;
    case 'q': r.quiet = true; break;
    case 'j': {
      char *end;
      errno = 0;
      long v = strtol(optarg, &end, 10);
      if (!optarg[0] || *end || errno || v < 1 || v > 256)
        fail_usage("-j wants a number of threads from 1 to 256, not '%s'", optarg);
      r.jobs = (int)v;
      break;
    }
    case OPT_NO_REPAIR: r.opts.repair = false; break;
    case OPT_NO_STRUCTURE: r.opts.structure = false; break;
    case OPT_CUES: r.cli_cues = cli_require_file(qg_cues_check, optarg); break;
    case OPT_MAX_WARNINGS: {
      char *end;
      errno = 0;
      long v = strtol(optarg, &end, 10);
      if (!optarg[0] || *end || errno || v < 0)
        fail_usage("--max-warnings needs a number 0 or more, not '%s'", optarg);
      r.max_warnings = v;
      break;
    }
    case OPT_ARCHIVE: r.cli_archive = optarg; break;
    case OPT_DEDUP_MEMORY: r.opts.dedup_memory = cli_parse_mib("lint", optarg); break;
    case OPT_DICT:
      if (ndicts == MAX_DICTS) fail_usage("%s", "more than 64 --dict files");
      dicts[ndicts++] = cli_require_file(qg_dict_check, optarg);
      r.opts.dicts = dicts;
      break;
    case OPT_SCOPE: {
      static const char *const scopes[] = {"doc", "run", NULL};
      r.opts.dedup_scope = (qg_dedup_scope)pick("dedup-scope", optarg, scopes);
      break;
    }
    case OPT_NEAR:
      r.opts.near_threshold = cli_parse_threshold("lint", optarg);
      r.cli_threshold = true;
      break;
    case OPT_NEAR_FEATURES:
      r.opts.near_features = cli_parse_features("lint", optarg);
      r.cli_features = true;
      break;
    case OPT_CONFIG: r.config_file = optarg; break;
    case OPT_NO_CONFIG: r.no_config = true; break;
    case OPT_FIX: r.fix = true; break;
    case OPT_DIFF: r.diff = true; break;
    case OPT_TO_UTF8: r.to_utf8 = true; break;
    case OPT_INCLUDE: incs[ninc++] = optarg; break;
    case OPT_EXCLUDE: excs[nexc++] = optarg; break;
    case 'h':
      fputs(usage_lint, stdout);
      fputs("\n", stdout);
      { /* lint's own --archive entry says it above (probe 10 F15: listed twice) */
        static const char *const not_lint[] = {"--archive PATH      also", "--dict FILE",
                                               "--dedup MODE", "--stage-times", NULL};
        cli_put_options(cli_usage_common, not_lint);
      }
      return 0;
    default: cli_option_error("lint", argc, argv, "e:f:j:qh");
    }
  }
  r.inputs = argv + optind;
  r.ninputs = argc - optind;
  /* the inputs named as every format names them (norm_path: ./dir//x.txt is dir/x.txt), so
   * that the messages on standard error (cannot open, read-only, not fixed…), the summaries
   * and the results of a run name a file alike (session 16: the summaries and the formats
   * said dir/x.txt, the messages ./dir//x.txt); the same file (. segments and repeated '/'
   * name nothing), and the files found in a directory named so are named so too */
  for (int i = 0; i < r.ninputs; i++)
    if (strcmp(r.inputs[i], "-")) norm_path(r.inputs[i], r.inputs[i]);
  if (r.ninputs == 0 && cli_stdin_absent())
    fail_usage("%s", "no input given (name files or directories, or - for stdin)");
  /* with no file named, standard input is read when it is neither a terminal nor /dev/null;
   * an empty one is no input either: a CI runner starts a step with a pipe it has closed
   * (GitHub Actions does), where `qinggao lint $(git diff --name-only ...)` with an empty
   * list passed on nothing (audit 24 F16). Named as -, standard input is read whatever it
   * holds, and an empty one is an empty text. One byte is read ahead and put back. */
  if (r.ninputs == 0) {
    int c = getc(stdin);
    if (c == EOF && !ferror(stdin))
      fail_usage("%s", "no input given: standard input is empty (name files or directories, "
                       "or - to check standard input even when it is empty)");
    if (c != EOF) ungetc(c, stdin);
    clearerr(stdin); /* (a read error is met again by the reader, and said there) */
  }
  if (r.config_file && r.no_config) fail_usage("%s", "--config and --no-config exclude each other");
  if (r.fix && r.diff) fail_usage("%s", "--fix and --diff exclude each other (--diff writes nothing)");
  if (r.to_utf8 && !r.fix && !r.diff) fail_usage("%s", "--to-utf8 applies to --fix and --diff");
  if (r.diff && r.fmt != LINT_GCC) /* a diff inside a JSON array or SARIF log breaks it */
    fail_usage("--diff prints a unified diff and no diagnostics: -f %s does not apply (run lint "
               "-f FORMAT and lint --diff separately)", fmts[r.fmt]);
  if (r.fix) {
    if (r.ninputs == 0) fail_usage("%s", "--fix rewrites files: name them (stdin cannot be fixed)");
    for (int i = 0; i < r.ninputs; i++)
      if (!strcmp(r.inputs[i], "-")) fail_usage("%s", "--fix cannot rewrite standard input");
  }

  int stdin_named = 0; /* (cli_inputs_collect would say it and exit, before the report) */
  for (int i = 0; i < r.ninputs; i++) stdin_named += !strcmp(r.inputs[i], "-");
  if (stdin_named > 1) {
    lint_error("%s", "standard input (-) is named more than once");
    report_end(EXIT_USAGE, NULL);
    return EXIT_USAGE;
  }
  lint_config_init(&r.fixed_cfg);
  if (r.config_file) {
    char err[1024];
    bool root;
    if (lint_config_merge_file(&r.fixed_cfg, r.config_file, &root, err, sizeof err)) {
      lint_error("%s", err);
      lint_config_free(&r.fixed_cfg);
      report_end(EXIT_USAGE, NULL);
      return EXIT_USAGE;
    }
  }
  int status = 0;
  pool *pl = NULL;
  r.cache = lint_config_cache_new();
  cli_walk_opts walk = {.include = incs, .ninclude = ninc, .exclude = excs, .nexclude = nexc,
                       .quiet = r.quiet};
  if (!r.cache || !r.fixed_cfg.sev || cli_inputs_collect(r.ninputs, r.inputs, &walk, &r.in)) {
    fprintf(stderr, "qinggao: out of memory\n");
    status = EXIT_INPUT;
    goto done;
  }
  for (size_t i = 0; i < r.in.n; i++) { /* files found in `lint .` too: x.txt, not ./x.txt */
    cli_input *in = &r.in.v[i];
    char *rel = in->rel && strcmp(in->path, "-") ? strdup(in->rel) : NULL;
    if (!rel) continue; /* (out of memory: the name as found) */
    size_t rl = strlen(rel);
    norm_path(in->path, in->path);
    size_t n = strlen(in->path);
    in->rel = n >= rl && !strcmp(in->path + n - rl, rel) ? in->path + n - rl : in->path;
    free(rel);
  }
  if ((status = prepare(&r))) goto done;
  if (r.diff && mark_repeats(&r)) {
    fprintf(stderr, "qinggao: out of memory\n");
    status = EXIT_INPUT;
    goto done;
  }

  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int n = r.jobs > 0 ? r.jobs : cores > 0 ? (int)cores : 1;
  if (r.opts.dedup_scope == QG_SCOPE_RUN) n = 1; /* one order of first occurrences */
  if (r.fix && n > 1 && some_file_twice(&r)) n = 1;
  /* one input and cores to spare: its pipeline runs the repeat check and what follows on a
   * second thread (qg_options.threads; the streaming syncs with it before it decides) */
  /* (not for SARIF and Code Climate, whose callbacks read the window of lines the reading
   * loop changes, for the fingerprints' context) */
  if (r.in.n == 1 && n > 1 && !wants_fingerprints(&r)) r.opts.threads = 2;
  pool_cfg pc = {.n = r.in.n, .workers = n, .user_size = sizeof(lint_file), .ud = &r,
                 .worker_init = worker_init, .worker_free = worker_free, .run = lint_run_file,
                 .emit = lint_emit};
  if (r.fix) cli_sig_guard_start(&guard); /* before the workers */
  if (!(pl = pool_new(&pc, &status))) goto done;
  lint_out_begin(r.fmt, stdout);
  report.begun = true;
  if (pool_run(pl) || r.fatal) { /* out of memory, or a thread that did not start (said) */
    report_note("the run stopped before every input was checked (out of memory, or a "
                "thread that did not start)");
    status = EXIT_INPUT;
    goto done;
  }
  sync_out(); /* the summaries below come last */
  if (r.not_text && !r.quiet)
    fprintf(stderr, "qinggao: lint: %u file%s found in directories skipped, not text: %s%s; "
            "a file named on the command line is checked\n", r.not_text, r.not_text == 1 ? "" : "s",
            r.not_text_names, r.not_text > 3 ? ", …" : "");

  bool over = false;
  for (size_t i = 0; i < r.nlimits; i++)
    if (r.limits[i].warnings > (uint64_t)r.limits[i].limit) {
      over = true; /* said even with -q: it is why the run fails (probe 14 #10) */
      fprintf(stderr, "qinggao: lint: %llu warnings, more than the %ld allowed (%s%s)\n",
              (unsigned long long)r.limits[i].warnings, r.limits[i].limit,
              r.limits[i].files[0] ? "max-warnings of " : "--max-warnings",
              r.limits[i].files);
    }
  if (!r.quiet && (r.fix || r.diff))
    fprintf(stderr, "qinggao: lint: %u file%s checked, %llu fix%s %s in %u file%s\n", r.files,
            r.files == 1 ? "" : "s", (unsigned long long)r.fixed_diags,
            r.fixed_diags == 1 ? "" : "es", r.fix ? "applied" : "shown", r.fixed_files,
            r.fixed_files == 1 ? "" : "s");
  if (r.failed) fprintf(stderr, "qinggao: failed: %s\n", r.failed_names);
  status = r.failed ? EXIT_INPUT : r.errors || over ? EXIT_FINDINGS : 0;
  if (!r.files && !r.ignored) { /* a mistyped --include, or directories with no text, must
                                 * not make a CI job pass on nothing (probe 9 F9); said even
                                 * with -q. Files a configuration ignores were meant to be
                                 * left (a pre-commit hook names the staged files) */
    lint_error("lint: no file to check (%u found not text; --include and --exclude patterns "
               "are matched below each directory named)", r.not_text);
    status = EXIT_USAGE;
  }
  report_end(status, r.failed ? r.failed_names : NULL);
  if (fflush(stdout) || ferror(stdout)) { /* a full disk or a closed pipe: CI must not take a
                                           * cut report for a whole one */
    fprintf(stderr, "qinggao: lint: writing standard output: %s\n", strerror(errno ? errno : EIO));
    status = EXIT_INPUT;
  }
done:
  report_end(status, r.failed ? r.failed_names : NULL); /* (ended above when it got there) */
  fflush(stdout);
  cli_exit_hook = NULL;
  pool_free(pl);
  cli_sig_guard_stop(&guard);
  free(r.li);
  free(r.limits);
  cli_inputs_free(&r.in);
  lint_config_cache_free(r.cache);
  lint_config_free(&r.fixed_cfg);
  free(incs);
  free(excs);
  return status;
}
