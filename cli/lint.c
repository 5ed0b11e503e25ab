/* lint.c: `qinggao lint`: runs the pipeline over each input and prints its diagnostics in a
 * format CI systems read, with each file's configuration (.qinggao.ini) applied; --fix
 * rewrites files with the safe fixes applied, --diff shows them. docs/ci.md. */
#include "lint.h"
#include "pool.h"
#include "zio.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

static const char usage_lint[] =
    "usage: qinggao lint [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Reports diagnostics on standard output. Exit status: 0 no error, 1 errors found (or more\n"
    "warnings than --max-warnings), 2 usage or configuration error, 3 unreadable input.\n"
    "\n"
    "  -f, --format FMT        gcc (default: file:line:col: severity: message [rule];\n"
    "                          severity is error, warning or note), json (one object per\n"
    "                          line), sarif (SARIF 2.1.0, for code-scanning dashboards),\n"
    "                          github (GitHub Actions annotations) or codeclimate (a JSON\n"
    "                          array: GitLab's code quality report)\n"
    "      --max-warnings N    exit 1 when more than N warnings are found\n"
    "  -j, --jobs N            worker threads (default: the number of online processors);\n"
    "                          the output, messages and exit status are those of -j 1;\n"
    "                          --dedup-scope run, and --fix with a file named twice, use\n"
    "                          one worker\n"
    "      --config FILE       use FILE instead of looking up .qinggao.ini files\n"
    "      --no-config         ignore .qinggao.ini files\n"
    "      --fix               rewrite each file with the safe fixes applied (same encoding,\n"
    "                          BOM and line ends); prints what is left\n"
    "      --diff              print the fixes as a unified diff instead of writing them\n"
    "                          (and no diagnostics; with -f gcc only)\n"
    "      --to-utf8           with --fix or --diff: write UTF-8 (no BOM) whatever the input\n"
    "                          encoding\n"
    "      --dict FILE         terms the segmenter keeps whole (word-repeat; docs/segment.md)\n"
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
  qg_pos start, end;
  int sev;       /* lint's severity (never LINT_SEV_OFF: those are not stored) */
  int raw_off;   /* the rule is turned off: kept only to hold back edits touching it */
  bool fixed;
  uint32_t link; /* qg_diag.link */
} stored_diag;

typedef struct lint_input { /* found before the run, on the main thread */
  const lint_config *cfg;   /* its configuration (owned by the cache or fixed_cfg) */
  const char *ignored_by;   /* the ignore pattern that matches it, or NULL */
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
  const lint_config *cfg;         /* of the file being checked */
  const char *path;
  lint_file *f;
  bool first; /* before the file's first result (lint_out_diag) */
  bool collect;
  stored_diag *sd;
  size_t nsd, sdcap;
  /* the stored diagnostics' strings, one after another in chunks that never move (a file's
   * hundreds of thousands of diagnostics are not each four allocations) */
  char **chunk;
  size_t nchunk, capchunk, used, size; /* used of the last chunk's size bytes */
  bool oom;
} lint_worker;

static int lint_severity(const lint_worker *w, const qg_diag *d) {
  int i = lint_rule_index(d->rule);
  if (i >= 0 && w->cfg && w->cfg->sev[i] != LINT_SEV_UNSET) return w->cfg->sev[i];
  if (!strncmp(d->rule, "dup-", 4)) return QG_SEV_ERROR; /* repeats fail the check */
  return (int)d->severity;
}

static void count(lint_worker *w, int sev) {
  if (sev == QG_SEV_ERROR) w->f->errors++;
  else if (sev == QG_SEV_WARNING) w->f->warnings++;
}

/* s copied into the worker's chunks (NULL stays NULL). */
static char *store_str(lint_worker *w, const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  if (!w->nchunk || w->size - w->used < n) {
    size_t size = n > 65536 ? n : 65536;
    if (w->nchunk == w->capchunk) {
      size_t cap = w->capchunk ? w->capchunk * 2 : 16;
      char **v = realloc(w->chunk, cap * sizeof *v);
      if (!v) return w->oom = true, NULL;
      w->chunk = v;
      w->capchunk = cap;
    }
    char *c = malloc(size);
    if (!c) return w->oom = true, NULL;
    w->chunk[w->nchunk++] = c;
    w->used = 0;
    w->size = size;
  }
  char *d = w->chunk[w->nchunk - 1] + w->used;
  memcpy(d, s, n);
  w->used += n;
  return d;
}

/* The file name a format writes (docs/ci.md, "Formats"): SARIF percent-encodes the path's own
 * bytes into its URI; json writes the display name (qg_display_name: %XX for a byte that is
 * not valid UTF-8 or a control character, and for '%' itself, as clean's JSON source); gcc,
 * github and codeclimate, whose readers (editors, GitHub, GitLab) match paths literally, write
 * the path as it is when the display name escaped nothing but its '%' signs (each %XX adds
 * two bytes), else the display name (a name that cannot be written as it is). */
static const char *file_name(const lint_worker *w, const char *display) {
  const lint_run *r = w->r;
  if (r->fmt == LINT_SARIF) return w->path;
  if (r->fmt == LINT_JSON || !strcmp(w->path, "-")) return display;
  size_t pct = 0, n = 0;
  for (const char *c = w->path; *c; c++, n++) pct += *c == '%';
  return strlen(display) == n + 2 * pct ? w->path : display;
}

static int on_diag(void *ud, const qg_diag *d) {
  lint_worker *w = ud;
  int sev = lint_severity(w, d);
  if (!w->collect) {
    if (sev == LINT_SEV_OFF) return 0;
    count(w, sev);
    lint_diag ld = {.rule = d->rule, .file = file_name(w, d->source), .message = d->message,
                    .original = d->original, .replacement = d->replacement,
                    .start = d->start, .end = d->end, .severity = (qg_severity)sev,
                    .fixable = false}; /* formats that tell read the file whole */
    lint_out_diag(w->r->fmt, w->out, &ld, &w->first);
    return 0;
  }
  if (sev == LINT_SEV_OFF && !d->fixed) return 0;
  if (w->nsd == w->sdcap) {
    size_t cap = w->sdcap ? w->sdcap * 2 : 64;
    stored_diag *v = realloc(w->sd, cap * sizeof *v);
    if (!v) return w->oom = true, 1;
    w->sd = v;
    w->sdcap = cap;
  }
  stored_diag *s = &w->sd[w->nsd++];
  *s = (stored_diag){.start = d->start, .end = d->end, .fixed = d->fixed, .link = d->link,
                     .sev = sev == LINT_SEV_OFF ? QG_SEV_INFO : sev,
                     .raw_off = sev == LINT_SEV_OFF};
  const qg_rule *known = qg_rule_find(d->rule); /* the table's id: static storage */
  s->rule = known ? known->id : store_str(w, d->rule);
  s->message = store_str(w, d->message);
  s->original = store_str(w, d->original);
  s->replacement = store_str(w, d->replacement);
  return w->oom ? 1 : 0;
}

/* Forgets the stored diagnostics; the first chunk is kept for the next file. */
static void clear_stored(lint_worker *w) {
  w->nsd = 0;
  for (size_t i = 1; i < w->nchunk; i++) free(w->chunk[i]);
  if (w->nchunk > 1) w->nchunk = 1, w->size = 65536;
  w->used = 0;
}

static void add_failed(lint_run *r, const char *path) {
  r->failed++;
  size_t used = strlen(r->failed_names);
  if (used + strlen(path) + 3 < sizeof r->failed_names)
    snprintf(r->failed_names + used, sizeof r->failed_names - used, "%s%s", used ? ", " : "",
             path);
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
  if (w->p && same_path(cues, w->p_cues) && same_path(archive, w->p_archive) &&
      features == w->p_features && threshold == w->p_threshold)
    return 0;
  if (w->p) qg_pipeline_free(w->p);
  qg_options o = w->r->opts;
  o.cues_file = cues;
  o.archive = archive;
  o.near_features = features;
  o.near_threshold = threshold;
  qg_handler h = {.userdata = w, .diag = on_diag};
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

static int read_all(const char *path, char **data, size_t *n, zio_kind *kind, char *err,
                    size_t errlen) {
  zin *z = zin_open(path, err, errlen); /* .gz and .zst decompressed (cli/zio.c) */
  *data = NULL;
  *n = 0;
  if (!z) return QG_ERR_IO;
  *kind = zin_kind(z);
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

/* Prints the stored diagnostics of a file. After --fix or --diff those applied are left out;
 * otherwise (json and sarif) all are printed and edits tell which --fix would apply. */
static void print_stored(lint_worker *w, const fix_edit *edits, const size_t *edit_of) {
  const lint_run *r = w->r;
  bool fixing = r->fix || r->diff;
  for (size_t i = 0; i < w->nsd; i++) {
    const stored_diag *s = &w->sd[i];
    if (s->raw_off) continue;
    const fix_edit *e = edits && edit_of[i] != SIZE_MAX ? &edits[edit_of[i]] : NULL;
    if (fixing && e && e->applied) continue;
    count(w, s->sev);
    if (r->diff) continue; /* the diff alone goes to standard output */
    const char *file = file_name(w, qg_pipeline_docinfo(w->p)->source);
    lint_diag ld = {.rule = s->rule, .file = file, .message = s->message,
                    .original = s->original, .replacement = s->replacement, .start = s->start,
                    .end = s->end, .severity = (qg_severity)s->sev,
                    .fixable = !fixing && e && e->applied,
                    .fix_region = !fixing && e && e->applied && e->direct};
    if (ld.fix_region) ld.fix_start = e->direct_start, ld.fix_end = e->direct_end;
    lint_out_diag(r->fmt, w->out, &ld, &w->first);
  }
}

/* A file read whole: --fix, --diff, or json and sarif, which say which fixes --fix would
 * apply (found by running the fix without writing it). */
static void fix_one(lint_worker *w, const char *path) {
  const lint_run *r = w->r;
  lint_file *f = w->f;
  char err[512] = "";
  char *data = NULL;
  size_t n = 0;
  zio_kind kind = ZIO_PLAIN;
  int rc = read_all(path, &data, &n, &kind, err, sizeof err);
  if (rc) {
    fprintf(w->msg, "qinggao: %s\n", err);
    f->failed = true;
    return;
  }
  w->collect = true;
  w->oom = false;
  clear_stored(w);
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  w->path = name;
  rc = qg_pipeline_begin(w->p, name);
  for (size_t at = 0; !rc && at < n; at += 65536)
    rc = qg_pipeline_feed(w->p, data + at, n - at < 65536 ? n - at : 65536);
  int frc = qg_pipeline_finish(w->p);
  if (!rc) rc = frc;
  if (w->oom) {
    fprintf(w->msg, "qinggao: %s: out of memory\n", path);
    f->fatal = true;
    clear_stored(w);
    w->collect = false;
    free(data);
    return;
  }
  fix_edit *edits = NULL;
  size_t *edit_of = malloc((w->nsd + 1) * sizeof *edit_of);
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
    if (rc == QG_ERR_NOMEM || rc == QG_ERR_STOPPED)
      fprintf(w->msg, "qinggao: %s: %s\n", path, qg_strerror(rc));
    f->failed = true;
  } else if (edits) {
    const char *enc = qg_pipeline_docinfo(w->p)->encoding;
    char *out = NULL;
    size_t outlen = 0;
    int frc2 = fix_apply(data, n, enc, edits, ne, r->to_utf8, &out, &outlen, err, sizeof err);
    if (frc2) {
      if (r->fix || r->diff) fprintf(w->msg, "qinggao: %s: not fixed: %s\n", path, err);
    } else if ((r->fix || r->diff) && out && (outlen != n || memcmp(out, data, n))) {
      int wrc = r->diff ? fix_diff(w->out, name, data, n, enc, out, outlen,
                                   r->to_utf8 ? "UTF-8" : enc, err, sizeof err)
                        : fix_write_file(path, out, outlen, kind, err, sizeof err);
      if (wrc) {
        fprintf(w->msg, "qinggao: %s\n", err);
        for (size_t i = 0; i < ne; i++) edits[i].applied = false;
        if (!r->diff) f->failed = true;
      } else {
        size_t k = 0;
        for (size_t i = 0; i < ne; i++) k += edits[i].applied;
        f->fixed_diags += k;
        f->fixed = true;
      }
    }
    free(out);
  }
  if (edit_of) print_stored(w, edits, edit_of);
  else {
    fprintf(w->msg, "qinggao: %s: out of memory\n", path);
    f->fatal = true;
  }
  free(edits);
  free(edit_of);
  clear_stored(w);
  w->collect = false;
  free(data);
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
      fprintf(stderr, "qinggao: %s\n", err);
      rc = EXIT_USAGE;
      break;
    }
    const char *pat = NULL;
    if (lint_config_ignored(r->li[i].cfg, path, &pat)) {
      r->li[i].ignored_by = pat;
      continue;
    }
    if (r->in.v[i].walked && (r->li[i].not_text = cli_not_text(path, r->opts.encoding))) {
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
  clear_stored(w);
  free(w->sd);
  for (size_t i = 0; i < w->nchunk; i++) free(w->chunk[i]);
  free(w->chunk);
  free(w);
}

/* On a worker: checks input i, its results into its slot. */
static void lint_run_file(void *ud, void *state, size_t i, pool_slot *s) {
  lint_run *r = ud;
  lint_worker *w = state;
  const char *path = r->in.v[i].path;
  if (r->li[i].ignored_by) return;
  w->f = pool_user(s);
  w->cfg = r->li[i].cfg;
  w->path = path;
  w->first = true;
  if (ensure_pipeline(w)) {
    fprintf(w->msg, "qinggao: out of memory\n");
    w->f->fatal = true;
    return;
  }
  if (r->fix || r->diff || r->fmt == LINT_JSON || r->fmt == LINT_SARIF) {
    fix_one(w, path);
    return;
  }
  char err[1024] = "";
  int rc = cli_run_file_counted(w->p, path, err, sizeof err, pool_read(s));
  if (rc == QG_ERR_STOPPED || rc == QG_ERR_NOMEM) {
    fprintf(w->msg, "qinggao: %s: %s\n", path, qg_strerror(rc));
    w->f->fatal = true;
  } else if (rc) {
    if (err[0]) fprintf(w->msg, "qinggao: %s\n", err);
    else if (rc != QG_ERR_INPUT) fprintf(w->msg, "qinggao: %s: %s\n", path, qg_strerror(rc));
    w->f->failed = true;
  }
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
    if (!r->quiet && named_on_command_line(r, path))
      fprintf(stderr, "qinggao: %s: ignored (pattern '%s' of %s)\n", path, r->li[i].ignored_by,
              r->li[i].cfg->files);
    return true;
  }
  if (!pool_empty(s, POOL_OUT)) {
    if (r->any_out) fputs(lint_out_sep(r->fmt), stdout);
    r->any_out = true;
    pool_copy(s, POOL_OUT, stdout);
  }
  pool_copy(s, POOL_MSG, stderr);
  if (pool_error(s)) {
    fprintf(stderr, "qinggao: %s: cannot hold the output: %s\n", path, strerror(pool_error(s)));
    r->fatal = true;
  }
  if (f->fatal || r->fatal) return !(r->fatal = true);
  r->files++;
  if (f->failed) add_failed(r, path);
  r->fixed_diags += f->fixed_diags;
  r->fixed_files += f->fixed;
  if (add_warnings(r, r->li[i].cfg, f)) {
    fprintf(stderr, "qinggao: out of memory\n");
    return !(r->fatal = true);
  }
  return true;
}

static void fail_usage(const char *fmt, const char *arg) {
  fprintf(stderr, "qinggao: lint: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n(see qinggao lint --help)\n");
  exit(EXIT_USAGE);
}

static int pick(const char *opt, const char *arg, const char *const *names) {
  for (int i = 0; names[i]; i++)
    if (!strcmp(arg, names[i])) return i;
  fprintf(stderr, "qinggao: lint: unknown value '%s' for --%s (one of:", arg, opt);
  for (int i = 0; names[i]; i++) fprintf(stderr, " %s", names[i]);
  fprintf(stderr, ")\n");
  exit(EXIT_USAGE);
}

int cmd_lint(int argc, char **argv) {
  lint_run r = {.max_warnings = -1};
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
  optind = 1;
  int c;
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
      fputs(cli_usage_common, stdout);
      return 0;
    default: fail_usage("%s", "bad option");
    }
  }
  r.inputs = argv + optind;
  r.ninputs = argc - optind;
  if (r.ninputs == 0 && isatty(STDIN_FILENO))
    fail_usage("%s", "no input given (name files or directories, or - for stdin)");
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

  lint_config_init(&r.fixed_cfg);
  if (r.config_file) {
    char err[1024];
    bool root;
    if (lint_config_merge_file(&r.fixed_cfg, r.config_file, &root, err, sizeof err)) {
      fprintf(stderr, "qinggao: %s\n", err);
      lint_config_free(&r.fixed_cfg);
      return EXIT_USAGE;
    }
  }
  int status = 0;
  pool *pl = NULL;
  r.cache = lint_config_cache_new();
  cli_walk_opts walk = {.include = incs, .ninclude = ninc, .exclude = excs, .nexclude = nexc};
  if (!r.cache || !r.fixed_cfg.sev || cli_inputs_collect(r.ninputs, r.inputs, &walk, &r.in)) {
    fprintf(stderr, "qinggao: out of memory\n");
    status = EXIT_INPUT;
    goto done;
  }
  if ((status = prepare(&r))) goto done;

  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int n = r.jobs > 0 ? r.jobs : cores > 0 ? (int)cores : 1;
  if (r.opts.dedup_scope == QG_SCOPE_RUN) n = 1; /* one order of first occurrences */
  if (r.fix && n > 1 && some_file_twice(&r)) n = 1;
  pool_cfg pc = {.n = r.in.n, .workers = n, .user_size = sizeof(lint_file), .ud = &r,
                 .worker_init = worker_init, .worker_free = worker_free, .run = lint_run_file,
                 .emit = lint_emit};
  if (!(pl = pool_new(&pc, &status))) goto done;
  lint_out_begin(r.fmt, stdout);
  if (pool_run(pl) || r.fatal) { /* out of memory, or a thread that did not start */
    fflush(stdout);
    status = EXIT_INPUT;
    goto done;
  }
  lint_out_end(r.fmt, stdout);
  if (r.not_text && !r.quiet)
    fprintf(stderr, "qinggao: lint: %u file%s found in directories skipped, not text: %s%s; "
            "a file named on the command line is checked\n", r.not_text, r.not_text == 1 ? "" : "s",
            r.not_text_names, r.not_text > 3 ? ", …" : "");
  if (fflush(stdout) || ferror(stdout)) { /* a full disk or a closed pipe: CI must not take a
                                           * cut report for a whole one */
    fprintf(stderr, "qinggao: lint: writing standard output: %s\n", strerror(errno ? errno : EIO));
    status = EXIT_INPUT;
    goto done;
  }

  bool over = false;
  for (size_t i = 0; i < r.nlimits; i++)
    if (r.limits[i].warnings > (uint64_t)r.limits[i].limit) {
      over = true;
      if (!r.quiet)
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
done:
  pool_free(pl);
  free(r.li);
  free(r.limits);
  cli_inputs_free(&r.in);
  lint_config_cache_free(r.cache);
  lint_config_free(&r.fixed_cfg);
  free(incs);
  free(excs);
  return status;
}
