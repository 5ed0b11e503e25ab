/* archive.c: `qinggao archive add --archive PATH [--date YYYY-MM-DD] FILE...`: cleans each
 * input as clean does and stores its paragraphs' fingerprints, source, line, article title
 * and date in the SQLite archive (docs/dedup.md). A file already archived adds nothing. */
#include "cli.h"
#include "jsonl.h"
#include "zio.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_archive[] =
    "usage: qinggao archive add --archive PATH [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Cleans each input as clean does and adds its paragraphs to the archive of published\n"
    "text (an SQLite file, created when missing; schema in docs/dedup.md): fingerprint,\n"
    "source, line, article title and date. A file whose paragraphs are all archived adds\n"
    "nothing; a paragraph already archived is not added again. With no input on a\n"
    "terminal, an existing archive is only brought up to date (an archive made by an\n"
    "earlier qinggao gets its sketches made again from the stored text). Then\n"
    "`qinggao dedup --archive PATH` and `qinggao lint --archive PATH` report matches.\n"
    "\n"
    "  -a, --archive PATH      the archive (required)\n"
    "      --date YYYY-MM-DD   date stored with each file (default: its modification date)\n"
    "  -e, --encoding NAME     input encoding (default: detected per file)\n"
    "      --paragraphs MODE   auto (default), blank, line or wrapped\n"
    "      --near-features F   chars (default) or words: what the sketches are made of; a new\n"
    "                          archive takes it, an archive of the other kind is refused\n"
    "      --no-repair, --no-structure, --cues FILE   as for clean\n"
    "      --include GLOB, --exclude GLOB   which files found in directories to take, as for\n"
    "                          clean (files that are not text, photos and the like, are skipped)\n"
    "      --jsonl             inputs are JSON Lines, as for clean --jsonl: each line an object\n"
    "                          whose text field is one document, stored with the source\n"
    "                          FILE:LINE (the record's line) and its paragraphs' lines in the\n"
    "                          text; a bad line is reported (FILE:LINE:COL) and not stored,\n"
    "                          exit 3; --date, else the file's modification date\n"
    "      --text-field NAME   --jsonl: the field to store (default: text)\n"
    "      --id-field NAME     --jsonl: the field holding each record's id (a string, or a\n"
    "                          number as written), stored with it (document.record_id) and\n"
    "                          named by lookups; a record without a usable one is stored all\n"
    "                          the same, without an id, with a warning\n"
    "  -q, --quiet             no summary on standard error\n";

qg_features cli_parse_features(const char *cmd, const char *arg) {
  if (!strcmp(arg, "chars")) return QG_FEATURES_CHARS;
  if (!strcmp(arg, "words")) return QG_FEATURES_WORDS;
  char msg[600];
  snprintf(msg, sizeof msg, "%s: unknown value '%s' for --near-features (one of: chars words)",
           cmd, arg);
  fprintf(stderr, "qinggao: %s\n", msg);
  cli_exit(2, msg);
}

void cli_check_features(const char *path, qg_features f) {
  char err[600];
  qg_archive *a = qg_archive_open(path, false, err, sizeof err);
  int rc = a ? qg_archive_use_features(a, f, err, sizeof err) : QG_ERR_USAGE;
  qg_archive_close(a);
  if (rc) {
    fprintf(stderr, "qinggao: %s\n", err);
    cli_exit(2, err);
  }
}

typedef struct add_run {
  qg_pipeline *p;
  cli_jsonl *j;        /* --jsonl (NULL: none) */
  const char *date;    /* --date (NULL: each file's modification date) */
  char day[16];        /* --jsonl: the date given to the adder for the current file */
  unsigned long good_lines, bad_lines, unnamed; /* unnamed: records without an id (--id-field) */
  const qg_archive *a;
  const char *path; /* the archive's */
  unsigned files, failed;
  char *failed_names; /* the first 20, for the "failed:" line, as clean's */
  size_t fn_len;
  bool sniff;          /* the current input: JSON Lines fail (cli_sniff_jsonl) */
  /* plain files share transactions (qg_archive_batch): those whose document is in the open
   * one, not yet committed, so that they are said failed if it is lost */
  char **pending;
  size_t npending, cappending;
} add_run;

static void add_failed(add_run *r, const char *path) {
  if (++r->failed > 20) return; /* every failure has its own message above */
  cli_name_list_add(&r->failed_names, &r->fn_len, path);
}

static void pending_clear(add_run *r) {
  for (size_t i = 0; i < r->npending; i++) free(r->pending[i]);
  r->npending = 0;
}

/* The shared transaction was lost: the files whose documents it held are not stored, each said
 * failed with the archive's reason (which says the loss), as a file the archive failed is. */
static void pending_lost(add_run *r) {
  for (size_t i = 0; i < r->npending; i++) {
    add_failed(r, r->pending[i]);
    fprintf(stderr, "qinggao: %s: not added: %s: %s\n", r->pending[i], r->path,
            qg_archive_error(r->a));
  }
  pending_clear(r);
}

/* A file whose document is in the open shared transaction (false: out of memory, committed at
 * once instead). */
static bool pending_add(add_run *r, const char *path) {
  if (r->npending == r->cappending) {
    size_t cap = r->cappending ? 2 * r->cappending : 64;
    char **v = realloc(r->pending, cap * sizeof *v);
    if (!v) return false;
    r->pending = v, r->cappending = cap;
  }
  return (r->pending[r->npending] = strdup(path)) && ++r->npending;
}

/* Commits the shared transaction of plain files (before an input that may wait for its writer,
 * and at the end): the files pending are stored, or said failed when the commit fails. */
static void plain_commit(add_run *r, bool again) {
  qg_archive *a = (qg_archive *)r->a;
  if (qg_archive_batch(a, false)) pending_lost(r);
  else pending_clear(r);
  if (again) qg_archive_batch(a, true);
}

/* --jsonl from a pipe, before a read that may wait for its writer: the records so far are
 * committed and the lock left free (the shared transaction was held open, a second add failing
 * after 60 s, for as long as a slow download took to send its next 64 KiB). */
static int add_idle(void *ud) {
  qg_archive *a = ud;
  return qg_archive_batch(a, false) || qg_archive_batch(a, true);
}

static int add_one(const char *path, void *ud) {
  add_run *r = ud;
  char err[512];
  r->files++;
  int rc;
  if (r->j) {
    /* each record is a document: dated by --date, else by its file's modification date (the
     * adder would look for a file named FILE:LINE, find none and take today) */
    struct stat st;
    struct tm tm;
    r->day[0] = '\0';
    if (!r->date && strcmp(path, "-") && !stat(path, &st))
      strftime(r->day, sizeof r->day, "%Y-%m-%d", localtime_r(&st.st_mtime, &tm));
    qg_archive_adder((qg_archive *)r->a, r->date ? r->date : r->day[0] ? r->day : NULL);
    unsigned long bad = 0, good = 0;
    err[0] = '\0';
    qg_archive_batch((qg_archive *)r->a, true); /* records share transactions (a second each) */
    rc = cli_jsonl_run(r->j, r->p, path, &bad, &good, err, sizeof err);
    r->bad_lines += bad, r->good_lines += good;
    r->unnamed += cli_jsonl_take_unnamed(r->j);
    if (qg_archive_batch((qg_archive *)r->a, false) && !rc) {
      add_failed(r, path);
      fprintf(stderr, "qinggao: %s: not added: %s: %s\n", strcmp(path, "-") ? path : "<stdin>",
              r->path, qg_archive_error(r->a));
      return 0;
    }
    if (rc == QG_ERR_STOPPED) { /* the archive failed a record: the file stops there, the
                                 * records before it are stored (but those of a shared
                                 * transaction lost, said in the error) */
      add_failed(r, path);
      fprintf(stderr, "qinggao: %s:%lu: not added: %s: %s; the lines after it are not read "
              "(adding the file again adds them)\n", strcmp(path, "-") ? path : "<stdin>",
              cli_jsonl_line(r->j), r->path, qg_archive_error(r->a));
      return 0;
    }
  } else {
    /* plain files share transactions as records do (a savepoint each, committed once a second;
     * session 31); an input that may wait for its writer (standard input, a FIFO) is read with
     * none open, so that a slow writer does not keep the lock */
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) || !S_ISREG(st.st_mode)) plain_commit(r, true);
    uint64_t lost = qg_archive_groups_lost(r->a), done = qg_archive_groups_committed(r->a);
    uint64_t added = qg_archive_get_counts(r->a)->documents_added;
    rc = cli_run_file_counted(r->p, path, r->sniff, err, sizeof err, NULL);
    /* (a group committed while this file was cleaned, its document not yet begun, stored the
     * files pending; a group lost after it holds this file alone: review 31b) */
    if (qg_archive_groups_committed(r->a) != done) pending_clear(r);
    if (qg_archive_groups_lost(r->a) != lost) pending_lost(r); /* (this file fails too) */
    else if (!qg_archive_uncommitted(r->a)) pending_clear(r);
    if (!rc && qg_archive_get_counts(r->a)->documents_added > added &&
        qg_archive_uncommitted(r->a) && !pending_add(r, path))
      plain_commit(r, true);
  }
  if (rc) {
    add_failed(r, path);
    if (err[0]) fprintf(stderr, "qinggao: %s\n", err);
    else if (rc == QG_ERR_STOPPED) /* the archive stopped it: its reason, with the file */
      fprintf(stderr, "qinggao: %s: not added: %s: %s\n", path, r->path, qg_archive_error(r->a));
    /* invalid bytes: said by on_diag at their place, as clean says them (probe 15 #4: a second
     * line "x.txt: invalid input") */
    else if (rc != QG_ERR_INPUT) fprintf(stderr, "qinggao: %s: %s\n", path, qg_strerror(rc));
  }
  return 0;
}

static bool valid_date(const char *s) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
  int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  /* a day of the calendar: 2026-02-30 is none */
  return m >= 1 && m <= 12 && d >= 1 && d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

/* A pipeline error other than bad input (the archive failed) reaches us as QG_ERR_STOPPED. */
static int on_diag(void *ud, const qg_diag *d) {
  (void)ud;
  if (d->severity == QG_SEV_ERROR && !strcmp(d->rule, "decode-invalid"))
    fprintf(stderr, "qinggao: %s:%u:%u: %s\n", d->source, d->start.line, d->start.col,
            d->message);
  return 0;
}

int cli_archive(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
    fputs(usage_archive, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "add")) {
    fprintf(stderr, "qinggao: archive: unknown action '%s' (add)\n%s", argv[1], usage_archive);
    return 2;
  }
  qg_options o;
  qg_options_init(&o);
  const char *path = NULL, *date = NULL;
  bool quiet = false, jsonl = false;
  const char *text_field = NULL, *id_field = NULL;
  enum { OPT_DATE = 256, OPT_PARAGRAPHS, OPT_NO_REPAIR, OPT_NO_STRUCTURE, OPT_CUES,
         OPT_NEAR_FEATURES, OPT_INCLUDE, OPT_EXCLUDE, OPT_JSONL, OPT_TEXT_FIELD, OPT_ID_FIELD };
  const char *incs[256], *excs[256];
  size_t ninc = 0, nexc = 0;
  static const struct option longopts[] = {
      {"archive", required_argument, NULL, 'a'}, {"date", required_argument, NULL, OPT_DATE},
      {"encoding", required_argument, NULL, 'e'},
      {"paragraphs", required_argument, NULL, OPT_PARAGRAPHS},
      {"no-repair", no_argument, NULL, OPT_NO_REPAIR},
      {"no-structure", no_argument, NULL, OPT_NO_STRUCTURE},
      {"cues", required_argument, NULL, OPT_CUES}, {"quiet", no_argument, NULL, 'q'},
      {"near-features", required_argument, NULL, OPT_NEAR_FEATURES},
      {"include", required_argument, NULL, OPT_INCLUDE},
      {"exclude", required_argument, NULL, OPT_EXCLUDE},
      {"jsonl", no_argument, NULL, OPT_JSONL},
      {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
      {"id-field", required_argument, NULL, OPT_ID_FIELD},
      {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  optind = 1;
  int c;
  opterr = 0;
  while ((c = getopt_long(argc - 1, argv + 1, "a:e:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'a': path = optarg; break;
    case OPT_DATE:
      if (!valid_date(optarg)) {
        fprintf(stderr, "qinggao: archive: --date wants YYYY-MM-DD, not '%s'\n", optarg);
        return 2;
      }
      date = optarg;
      break;
    case 'e':
      if (!qg_encoding_known(optarg)) {
        fprintf(stderr, "qinggao: archive: unknown encoding '%s'\n", optarg);
        return 2;
      }
      o.encoding = optarg;
      break;
    case OPT_PARAGRAPHS: {
      static const char *const m[] = {"auto", "blank", "line", "wrapped"};
      int k = -1;
      for (int i = 0; i < 4; i++)
        if (!strcmp(optarg, m[i])) k = i;
      if (k < 0) {
        fprintf(stderr, "qinggao: archive: unknown value '%s' for --paragraphs\n", optarg);
        return 2;
      }
      o.paragraphs = (qg_para_mode)k;
      break;
    }
    case OPT_NO_REPAIR: o.repair = false; break;
    case OPT_NO_STRUCTURE: o.structure = false; break;
    case OPT_CUES: o.cues_file = cli_require_file(qg_cues_check, optarg); break;
    case OPT_NEAR_FEATURES: o.near_features = cli_parse_features("archive", optarg); break;
    case 'q': quiet = true; break;
    case OPT_JSONL: jsonl = true; break;
    case OPT_TEXT_FIELD:
      if (!*(text_field = optarg)) {
        fprintf(stderr, "qinggao: archive: --text-field wants a name\n(see qinggao archive --help)\n");
        return 2;
      }
      break;
    case OPT_ID_FIELD:
      if (!*(id_field = optarg)) {
        fprintf(stderr, "qinggao: archive: --id-field wants a name\n(see qinggao archive --help)\n");
        return 2;
      }
      break;
    case OPT_INCLUDE:
    case OPT_EXCLUDE:
      if ((c == OPT_INCLUDE ? ninc : nexc) >= 256) {
        fprintf(stderr, "qinggao: archive: at most 256 --include and 256 --exclude patterns\n");
        return 2;
      }
      if (c == OPT_INCLUDE) incs[ninc++] = optarg;
      else excs[nexc++] = optarg;
      break;
    case 'h': fputs(usage_archive, stdout); return 0;
    default: cli_option_error("archive", argc - 1, argv + 1, "a:e:qh");
    }
  }
  if (!path) {
    fprintf(stderr, "qinggao: archive: --archive PATH is required\n");
    return 2;
  }
  /* as clean --jsonl (cli/main.c) */
  if (text_field && !jsonl) {
    fprintf(stderr, "qinggao: archive: --text-field applies to --jsonl\n(see qinggao archive --help)\n");
    return 2;
  }
  if (id_field && !jsonl) {
    fprintf(stderr, "qinggao: archive: --id-field applies to --jsonl\n(see qinggao archive --help)\n");
    return 2;
  }
  if (id_field && !strcmp(id_field, text_field ? text_field : "text")) {
    fprintf(stderr, "qinggao: archive: --id-field %s is the text field: the id names the record, "
            "and the text is what is stored\n(see qinggao archive --help)\n", id_field);
    return 2;
  }
  if (jsonl && o.encoding && strcasecmp(o.encoding, "UTF-8") && strcasecmp(o.encoding, "UTF8")) {
    fprintf(stderr, "qinggao: archive: --encoding %s does not apply to --jsonl: JSON Lines are "
            "UTF-8 (convert the file first with iconv)\n(see qinggao archive --help)\n", o.encoding);
    return 2;
  }
  int nin = argc - 1 - optind;
  char **in = argv + 1 + optind;
  /* no input on a terminal: an existing archive is only brought up to date (its sketches made
   * again when an earlier qinggao made them) */
  bool update_only = nin == 0 && isatty(STDIN_FILENO);
  if (update_only && access(path, F_OK)) {
    fprintf(stderr, "qinggao: archive: no input given (name files or directories, or -)\n");
    return 2;
  }
  char err[512];
  qg_archive *a = qg_archive_open(path, true, err, sizeof err);
  if (!a) {
    fprintf(stderr, "qinggao: %s\n", err);
    return 3;
  }
  if (qg_archive_use_features(a, o.near_features, err, sizeof err)) {
    fprintf(stderr, "qinggao: %s\n", err);
    qg_archive_close(a);
    return 2;
  }
  const qg_archive_counts *k = qg_archive_get_counts(a);
  if (k->paragraphs_upgraded && !quiet)
    fprintf(stderr, "qinggao: archive: made the sketches of %llu archived paragraphs again "
            "(sketch version 4: numbers of two digits or more one unit since version 2, the "
            "bigrams hashed by qinggao's own hash since version 3, traditional characters "
            "folded since version 4)\n",
            (unsigned long long)k->paragraphs_upgraded);
  if (update_only) {
    qg_archive_close(a);
    return 0;
  }
  qg_handler h = *qg_archive_adder(a, date);
  h.diag = on_diag;
  /* on_diag ignores userdata; the adder's callbacks keep theirs */
  add_run r = {.a = a, .path = path, .date = date};
  zio_warn_to(quiet ? NULL : stderr); /* (gzip data padded with zeros) */
  r.p = qg_pipeline_new(&o, &h);
  if (!jsonl) qg_archive_batch(a, true); /* plain files share transactions (add_one) */
  if (jsonl)
    r.j = cli_jsonl_new(CLI_JSONL_FEED, NULL, text_field ? text_field : "text", NULL, NULL, NULL);
  if (r.j) cli_jsonl_set_id_field(r.j, id_field);
  if (r.j) cli_jsonl_set_idle(r.j, add_idle, a);
  if (!r.p || (jsonl && !r.j)) {
    qg_pipeline_free(r.p);
    cli_jsonl_free(r.j);
    fprintf(stderr, "qinggao: out of memory\n");
    qg_archive_close(a);
    return 3;
  }
  /* the walk of clean and lint: --include/--exclude, and the files found in directories that
   * are not text (the page's photos, the archive itself) left out and said once (probe 10
   * F22: each was read and failed, so a nightly job over a directory of pages always failed) */
  char *dash[] = {"-"};
  cli_walk_opts wo = {.include = incs, .ninclude = ninc, .exclude = excs, .nexclude = nexc,
                      .quiet = quiet, .once = true};
  cli_inputs ins = {0};
  if (cli_inputs_collect(nin ? nin : 1, nin ? in : dash, &wo, &ins)) {
    fprintf(stderr, "qinggao: out of memory\n");
    qg_pipeline_free(r.p);
    cli_jsonl_free(r.j);
    qg_archive_close(a);
    return 3;
  }
  size_t skipped = 0, taken = 0;
  char names[512] = "";
  for (size_t i = 0; i < ins.n; i++) {
    /* (--jsonl: every file of the walk is read as JSON Lines, as clean --jsonl reads them; a
     * symbolic link found is still not followed, nor an earlier run's -o DIR/ walked) */
    const cli_input *in = &ins.v[i];
    const char *what = !jsonl || in->link || in->outdir ? cli_not_copy(in, o.encoding) : NULL;
    if (what) {
      if (skipped++ < 3) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s%s (%s)", used ? ", " : "", ins.v[i].path, what);
      }
      continue;
    }
    taken++;
    /* JSON Lines without --jsonl, whatever the name, piped too: not stored as prose (probe 18
     * D8, review 17 H4); a data name an --include pattern took is read, as asked */
    r.sniff = !(in->included && cli_data_name(in->path));
    add_one(ins.v[i].path, &r);
  }
  if (skipped && !quiet)
    fprintf(stderr, "qinggao: archive: %zu file%s found in directories skipped, not text: %s%s; a "
            "file named on the command line is read\n", skipped, skipped == 1 ? "" : "s", names,
            skipped > 3 ? ", …" : "");
  cli_inputs_free(&ins);
  qg_pipeline_free(r.p);
  cli_jsonl_free(r.j);
  if (!jsonl) plain_commit(&r, false);
  free(r.pending);
  if (!taken) { /* as clean and lint: a run on nothing is no success */
    fprintf(stderr, "qinggao: archive: no file to read (--include and --exclude patterns are "
            "matched below each directory named)\n");
    qg_archive_close(a);
    return 2;
  }
  char empty[64] = "";
  if (k->documents_empty)
    snprintf(empty, sizeof empty, ", %llu with nothing to archive",
             (unsigned long long)k->documents_empty);
  /* --jsonl: each record is a document (the figures added and already archived count them),
   * and the bad lines are counted as clean --jsonl counts them */
  char lines[160] = "";
  if (jsonl)
    snprintf(lines, sizeof lines, "; %lu JSON line%s read, %lu bad line%s not archived",
             r.good_lines, r.good_lines == 1 ? "" : "s", r.bad_lines, r.bad_lines == 1 ? "" : "s");
  if (id_field)
    snprintf(lines + strlen(lines), sizeof lines - strlen(lines), ", %lu without an id",
             r.unnamed);
  if (!quiet)
    fprintf(stderr,
            "qinggao: archive: %u file%s, %u failed; %llu %sadded (%llu paragraphs), %llu already "
            "archived%s; %llu paragraphs already archived%s\n",
            r.files, r.files == 1 ? "" : "s", r.failed, (unsigned long long)k->documents_added,
            !jsonl ? "" : k->documents_added == 1 ? "record " : "records ",
            (unsigned long long)k->paragraphs_added,
            (unsigned long long)k->documents_known, empty, (unsigned long long)k->paragraphs_known,
            lines);
  if (r.failed && r.failed_names)
    fprintf(stderr, "qinggao: failed: %s%s\n", r.failed_names, r.failed > 20 ? ", …" : "");
  free(r.failed_names);
  qg_archive_close(a);
  return r.failed || r.bad_lines ? 3 : 0;
}
