/* lint.c: `qinggao lint`: runs the pipeline over each input and prints its diagnostics in a
 * format CI systems read, with each file's configuration (.qinggao.ini) applied; --fix
 * rewrites files with the safe fixes applied, --diff shows them. docs/ci.md. */
#include "lint.h"
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
    "      --config FILE       use FILE instead of looking up .qinggao.ini files\n"
    "      --no-config         ignore .qinggao.ini files\n"
    "      --fix               rewrite each file with the safe fixes applied (same encoding,\n"
    "                          BOM and line ends); prints what is left\n"
    "      --diff              print the fixes as a unified diff instead of writing them\n"
    "      --to-utf8           with --fix or --diff: write UTF-8 (no BOM) whatever the input\n"
    "                          encoding\n"
    "      --dict FILE         terms the segmenter keeps whole (word-repeat; docs/segment.md)\n"
    "      --archive PATH      report paragraphs already published (the archive of qinggao\n"
    "                          archive add) as errors naming the archived source and line;\n"
    "                          overrides archive = in .qinggao.ini\n";

typedef struct limit_count {
  const char *files; /* the config files that set it ("" for --max-warnings: all files) */
  long limit;
  uint64_t warnings;
} limit_count;

typedef struct stored_diag {
  char *rule, *message, *original, *replacement;
  qg_pos start, end;
  int sev;       /* lint's severity (never LINT_SEV_OFF: those are not stored) */
  int raw_off;   /* the rule is turned off: kept only to hold back edits touching it */
  bool fixed;
} stored_diag;

typedef struct lint_run {
  qg_options opts;
  const char *cli_cues;
  const char *cli_archive;
  const char *p_archive; /* the archive of the current pipeline */
  lint_format fmt;
  long max_warnings; /* -1: none on the command line */
  const char *config_file;
  bool no_config, fix, diff, to_utf8, quiet;
  lint_config fixed_cfg;  /* --config FILE or --no-config */
  lint_config_cache *cache;
  const lint_config *cfg; /* of the file being checked */
  char **inputs;
  int ninputs;
  qg_pipeline *p;
  const char *p_cues; /* cue file of the current pipeline */
  bool have_p;
  const char *path;   /* file being checked */
  /* per file */
  uint64_t file_warnings, file_errors;
  bool collect;
  stored_diag *sd;
  size_t nsd, sdcap;
  bool oom;
  /* run */
  unsigned files, failed, ignored, fixed_files;
  uint64_t fixed_diags, errors, warnings;
  limit_count *limits; /* one per distinct max-warnings value in force */
  size_t nlimits;
  char failed_names[512];
  int config_error;
} lint_run;

static int lint_severity(const lint_run *r, const qg_diag *d) {
  int i = lint_rule_index(d->rule);
  if (i >= 0 && r->cfg && r->cfg->sev[i] != LINT_SEV_UNSET) return r->cfg->sev[i];
  if (!strncmp(d->rule, "dup-", 4)) return QG_SEV_ERROR; /* repeats fail the check */
  return (int)d->severity;
}

static void count(lint_run *r, int sev) {
  if (sev == QG_SEV_ERROR) r->file_errors++;
  else if (sev == QG_SEV_WARNING) r->file_warnings++;
}

static char *dup_or_null(const char *s, bool *oom) {
  if (!s) return NULL;
  char *c = strdup(s);
  if (!c) *oom = true;
  return c;
}

static int on_diag(void *ud, const qg_diag *d) {
  lint_run *r = ud;
  int sev = lint_severity(r, d);
  if (!r->collect) {
    if (sev == LINT_SEV_OFF) return 0;
    count(r, sev);
    lint_diag ld = {.rule = d->rule, .file = d->source, .message = d->message,
                    .original = d->original, .replacement = d->replacement,
                    .start = d->start, .end = d->end, .severity = (qg_severity)sev,
                    .fixable = false}; /* formats that tell read the file whole */
    lint_out_diag(r->fmt, stdout, &ld);
    return 0;
  }
  if (sev == LINT_SEV_OFF && !d->fixed) return 0;
  if (r->nsd == r->sdcap) {
    size_t cap = r->sdcap ? r->sdcap * 2 : 64;
    stored_diag *v = realloc(r->sd, cap * sizeof *v);
    if (!v) return r->oom = true, 1;
    r->sd = v;
    r->sdcap = cap;
  }
  stored_diag *s = &r->sd[r->nsd++];
  *s = (stored_diag){.start = d->start, .end = d->end, .fixed = d->fixed,
                     .sev = sev == LINT_SEV_OFF ? QG_SEV_INFO : sev,
                     .raw_off = sev == LINT_SEV_OFF};
  s->rule = dup_or_null(d->rule, &r->oom);
  s->message = dup_or_null(d->message, &r->oom);
  s->original = dup_or_null(d->original, &r->oom);
  s->replacement = dup_or_null(d->replacement, &r->oom);
  return r->oom ? 1 : 0;
}

static void clear_stored(lint_run *r) {
  for (size_t i = 0; i < r->nsd; i++)
    free(r->sd[i].rule), free(r->sd[i].message), free(r->sd[i].original),
        free(r->sd[i].replacement);
  r->nsd = 0;
}

static void add_failed(lint_run *r, const char *path) {
  r->failed++;
  size_t used = strlen(r->failed_names);
  if (used + strlen(path) + 3 < sizeof r->failed_names)
    snprintf(r->failed_names + used, sizeof r->failed_names - used, "%s%s", used ? ", " : "",
             path);
}

static bool same_path(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* The pipeline for the current file's cue file and archive (made again only when they
 * change). An archive that cannot be opened stops the run (exit 3). */
static int ensure_pipeline(lint_run *r) {
  const char *cues = r->cli_cues ? r->cli_cues : r->cfg ? r->cfg->cues : NULL;
  const char *archive = r->cli_archive ? r->cli_archive : r->cfg ? r->cfg->archive : NULL;
  if (r->have_p && same_path(cues, r->p_cues) && same_path(archive, r->p_archive)) return 0;
  if (archive && !same_path(archive, r->p_archive)) cli_require_archive(archive);
  if (r->p) qg_pipeline_free(r->p);
  r->opts.cues_file = cues;
  r->opts.archive = archive;
  r->p_archive = archive;
  qg_handler h = {.userdata = r, .diag = on_diag};
  r->p = qg_pipeline_new(&r->opts, &h);
  if (!r->p) {
    fprintf(stderr, "qinggao: out of memory\n");
    exit(EXIT_INPUT);
  }
  r->p_cues = cues;
  r->have_p = true;
  return 0;
}

static bool named_on_command_line(const lint_run *r, const char *path) {
  for (int i = 0; i < r->ninputs; i++)
    if (!strcmp(r->inputs[i], path)) return true;
  return false;
}

static int read_all(const char *path, char **data, size_t *n, char *err, size_t errlen) {
  zin *z = zin_open(path, err, errlen); /* .gz and .zst decompressed (cli/zio.c) */
  *data = NULL;
  *n = 0;
  if (!z) return QG_ERR_IO;
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
static void print_stored(lint_run *r, const fix_edit *edits, const size_t *edit_of) {
  bool fixing = r->fix || r->diff;
  for (size_t i = 0; i < r->nsd; i++) {
    const stored_diag *s = &r->sd[i];
    if (s->raw_off) continue;
    const fix_edit *e = edits && edit_of[i] != SIZE_MAX ? &edits[edit_of[i]] : NULL;
    if (fixing && e && e->applied) continue;
    count(r, s->sev);
    if (r->diff) continue; /* the diff alone goes to standard output */
    lint_diag ld = {.rule = s->rule, .file = r->path, .message = s->message,
                    .original = s->original, .replacement = s->replacement, .start = s->start,
                    .end = s->end, .severity = (qg_severity)s->sev,
                    .fixable = !fixing && e && e->applied,
                    .fix_region = !fixing && e && e->applied && e->direct};
    if (ld.fix_region) ld.fix_start = e->direct_start, ld.fix_end = e->direct_end;
    lint_out_diag(r->fmt, stdout, &ld);
  }
}

/* A file read whole: --fix, --diff, or json and sarif, which say which fixes --fix would
 * apply (found by running the fix without writing it). */
static void fix_one(lint_run *r, const char *path) {
  char err[512] = "";
  char *data = NULL;
  size_t n = 0;
  int rc = read_all(path, &data, &n, err, sizeof err);
  if (rc) {
    fprintf(stderr, "qinggao: %s\n", err);
    add_failed(r, path);
    return;
  }
  r->collect = true;
  clear_stored(r);
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  r->path = name;
  rc = qg_pipeline_begin(r->p, name);
  for (size_t at = 0; !rc && at < n; at += 65536)
    rc = qg_pipeline_feed(r->p, data + at, n - at < 65536 ? n - at : 65536);
  int frc = qg_pipeline_finish(r->p);
  if (!rc) rc = frc;
  if (r->oom) {
    fprintf(stderr, "qinggao: %s: out of memory\n", path);
    exit(EXIT_INPUT);
  }
  fix_edit *edits = NULL;
  size_t *edit_of = malloc((r->nsd + 1) * sizeof *edit_of);
  size_t ne = 0;
  if (!rc && edit_of) edits = malloc((r->nsd + 1) * sizeof *edits);
  for (size_t i = 0; i < r->nsd; i++) {
    edit_of[i] = SIZE_MAX;
    const stored_diag *s = &r->sd[i];
    if (!edits || !s->fixed || !s->original || !s->replacement) continue;
    fix_mode m = s->raw_off ? FIX_SKIP_TOUCH
                 : fix_rule_eligible(s->rule) ? FIX_APPLY : FIX_SKIP_OVERLAP;
    edits[ne] = (fix_edit){.start = s->start, .end = s->end, .mode = m, .rule = s->rule,
                           .original = s->original, .replacement = s->replacement};
    edit_of[i] = ne++;
  }
  if (rc) {
    if (rc == QG_ERR_NOMEM || rc == QG_ERR_STOPPED)
      fprintf(stderr, "qinggao: %s: %s\n", path, qg_strerror(rc));
    add_failed(r, path);
  } else if (edits) {
    const char *enc = qg_pipeline_docinfo(r->p)->encoding;
    char *out = NULL;
    size_t outlen = 0;
    int frc2 = fix_apply(data, n, enc, edits, ne, r->to_utf8, &out, &outlen, err, sizeof err);
    if (frc2) {
      if (r->fix || r->diff) fprintf(stderr, "qinggao: %s: not fixed: %s\n", path, err);
    } else if ((r->fix || r->diff) && out && (outlen != n || memcmp(out, data, n))) {
      int wrc = r->diff ? fix_diff(stdout, name, data, n, enc, out, outlen,
                                   r->to_utf8 ? "UTF-8" : enc, err, sizeof err)
                        : fix_write_file(path, out, outlen, err, sizeof err);
      if (wrc) {
        fprintf(stderr, "qinggao: %s\n", err);
        for (size_t i = 0; i < ne; i++) edits[i].applied = false;
        if (!r->diff) add_failed(r, path);
      } else {
        size_t k = 0;
        for (size_t i = 0; i < ne; i++) k += edits[i].applied;
        r->fixed_diags += k;
        r->fixed_files++;
      }
    }
    free(out);
  }
  print_stored(r, edits, edit_of);
  free(edits);
  free(edit_of);
  clear_stored(r);
  r->collect = false;
  free(data);
}

/* Counts the file's warnings against its limit: --max-warnings for all files, else the
 * max-warnings of the configuration files that govern it (files under the same
 * configuration count together). */
static void add_warnings(lint_run *r) {
  bool cli = r->max_warnings >= 0;
  long lim = cli ? r->max_warnings : r->cfg ? r->cfg->max_warnings : -1;
  const char *key = cli || !r->cfg ? "" : r->cfg->files;
  r->warnings += r->file_warnings;
  r->errors += r->file_errors;
  if (lim < 0) return;
  for (size_t i = 0; i < r->nlimits; i++)
    if (r->limits[i].limit == lim && !strcmp(r->limits[i].files, key)) {
      r->limits[i].warnings += r->file_warnings;
      return;
    }
  limit_count *v = realloc(r->limits, (r->nlimits + 1) * sizeof *v);
  if (!v) {
    fprintf(stderr, "qinggao: out of memory\n");
    exit(EXIT_INPUT);
  }
  r->limits = v;
  r->limits[r->nlimits++] = (limit_count){key, lim, r->file_warnings};
}

static const lint_config *config_of(lint_run *r, const char *path, char *err, size_t errlen) {
  if (r->config_file || r->no_config) return &r->fixed_cfg;
  const lint_config *c = NULL;
  if (lint_config_lookup(r->cache, path, &c, err, errlen)) return NULL;
  return c;
}

/* First pass: every input's configuration is read before anything is printed, so a bad
 * file stops the run with status 2 and no partial output. */
static int check_config(const char *path, void *ud) {
  lint_run *r = ud;
  char err[1024];
  if (!config_of(r, path, err, sizeof err)) {
    fprintf(stderr, "qinggao: %s\n", err);
    r->config_error = 1;
    return 1;
  }
  return 0;
}

static int lint_one(const char *path, void *ud) {
  lint_run *r = ud;
  char err[1024];
  r->cfg = config_of(r, path, err, sizeof err);
  if (!r->cfg) { /* cannot happen after check_config, unless files changed meanwhile */
    fprintf(stderr, "qinggao: %s\n", err);
    exit(EXIT_USAGE);
  }
  const char *pat = NULL;
  if (lint_config_ignored(r->cfg, path, &pat)) {
    r->ignored++;
    if (!r->quiet && named_on_command_line(r, path))
      fprintf(stderr, "qinggao: %s: ignored (pattern '%s' of %s)\n", path, pat, r->cfg->files);
    return 0;
  }
  ensure_pipeline(r);
  r->files++;
  r->path = path;
  r->file_warnings = r->file_errors = 0;
  if (r->fix || r->diff || r->fmt == LINT_JSON || r->fmt == LINT_SARIF) {
    fix_one(r, path);
  } else {
    int rc = cli_run_file(r->p, path, err, sizeof err);
    if (rc == QG_ERR_STOPPED || rc == QG_ERR_NOMEM) {
      fprintf(stderr, "qinggao: %s: %s\n", path, qg_strerror(rc));
      exit(EXIT_INPUT);
    }
    if (rc) {
      if (err[0]) fprintf(stderr, "qinggao: %s\n", err);
      else if (rc != QG_ERR_INPUT) fprintf(stderr, "qinggao: %s: %s\n", path, qg_strerror(rc));
      add_failed(r, path);
    }
  }
  add_warnings(r);
  return 0;
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
         OPT_ARCHIVE, OPT_NEAR, OPT_SCOPE, OPT_DICT, OPT_DEDUP_MEMORY, OPT_NEAR_FEATURES };
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
      {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  static const char *const invalid_modes[] = {"error", "replace", NULL};
  static const char *const para_modes[] = {"auto", "blank", "line", "wrapped", NULL};
  static const char *const dedup_modes[] = {"off", "drop", "mark", NULL};
  static const char *const fmts[] = {"gcc", "json", "sarif", "github", "codeclimate", NULL};
  optind = 1;
  int c;
  while ((c = getopt_long(argc, argv, "e:f:qh", longopts, NULL)) != -1) {
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
    case OPT_NEAR: r.opts.near_threshold = cli_parse_threshold("lint", optarg); break;
    case OPT_NEAR_FEATURES: r.opts.near_features = cli_parse_features("lint", optarg); break;
    case OPT_CONFIG: r.config_file = optarg; break;
    case OPT_NO_CONFIG: r.no_config = true; break;
    case OPT_FIX: r.fix = true; break;
    case OPT_DIFF: r.diff = true; break;
    case OPT_TO_UTF8: r.to_utf8 = true; break;
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
  r.cache = lint_config_cache_new();
  if (!r.cache || !r.fixed_cfg.sev) {
    fprintf(stderr, "qinggao: out of memory\n");
    return EXIT_INPUT;
  }
  cli_each_input(r.ninputs, r.inputs, check_config, &r);
  if (r.config_error) {
    lint_config_cache_free(r.cache);
    lint_config_free(&r.fixed_cfg);
    return EXIT_USAGE;
  }

  lint_out_begin(r.fmt, stdout);
  cli_each_input(r.ninputs, r.inputs, lint_one, &r);
  lint_out_end(r.fmt, stdout);
  if (r.p) qg_pipeline_free(r.p);

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
  clear_stored(&r);
  free(r.sd);
  free(r.limits);
  lint_config_cache_free(r.cache);
  lint_config_free(&r.fixed_cfg);
  if (r.failed) return EXIT_INPUT;
  if (r.errors || over) return EXIT_FINDINGS;
  return 0;
}
