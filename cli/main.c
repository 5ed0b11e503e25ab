/* main.c: the qinggao command. Subcommands clean, lint, dedup, segment, rules.
 * Exit codes: 0 success, 1 findings (lint: an error-severity diagnostic), 2 usage error,
 * 3 input error (a file unreadable or invalid; the other inputs are still processed). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pthread_setattr_default_np */
#endif
#include "cli.h"
#include "lint.h"
#include "zio.h"
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#ifdef QG_HAVE_JEMALLOC
#include <jemalloc/jemalloc.h>
#include <sys/prctl.h>
#include <sys/stat.h>
/* Freed pages: lint keeps them for a second, every other command gives them back at once.
 *
 * lint keeps them: its fix decisions (cli/fix.c, for --fix, --diff, json and sarif) allocate
 * and free buffers the size of a part of the file for each part, and with pages given back at
 * once each part faulted them in again. On 10 MB of bench copy: `lint -f json` 27,691 page
 * faults and 0.74 s of system time, with this 11,666 and 0.30 s; `lint --fix` 90,656 and 2.64
 * s, with this 31,971 and 0.49 s; peak RSS +1.6 and +3.5 MB.
 *
 * The others give them back: the repeat index grows its arrays and lists by reallocation and
 * frees the lists a dropped generation leaves empty (stages/dedup.c), and with jemalloc's
 * default decay (10 s) the pages freed count in the peak RSS (50 MB of copy: 52.0 MB, with 0
 * 42.6 MB; time the same within noise; with lint's 1 s clean saves no time measurably and adds
 * 7 MB to the peak).
 *
 * lint's setting is the compiled-in one, so that a `lint` of one article (a CI job's process)
 * makes no mallctl call: the first one builds jemalloc's control tables, about 40 page faults
 * of the 590 of such a process (docs/ARCHITECTURE.md "Session 32"). The others set theirs
 * before they allocate much: for the arenas made from now on (their worker threads') and for
 * this thread's (jemalloc 5.3 takes no decay for all arenas at once through
 * arena.<MALLCTL_ARENAS_ALL>: review 14 #7). A decay named in MALLOC_CONF decides alone.
 *
 * Huge pages: thp:always, for a small job only (cli_heap_for_job below). */
const char *malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0,thp:always";

/* Huge pages, for a small job only (session 33). jemalloc asks for transparent huge pages on
 * the memory it maps (thp:always: madvise MADV_HUGEPAGE; nothing changes where the kernel's
 * THP mode is "never"). Most page faults of a process that checks one article were its heap's
 * first touches, each a trap into the kernel that costs about 10 us on the bench machine: a
 * `lint` of a 4 KB article 490 page faults, with huge pages 240, task-clock -20%. A large job
 * pays for them in memory: 10 MB of copy, peak RSS +4 to +17 MiB (bench/memory.sh: clean -j 2
 * of JSON Lines records 59.0 -> 73.0 MiB, archive add 56.7 -> 73.3), past issue 9's bound of
 * 64. So the process refuses them (PR_SET_THP_DISABLE) unless the job is small: plain regular
 * files (not standard input, not .gz/.zst, whose size says nothing of the text), QG_SMALL_JOB
 * bytes or fewer in all. The decision is taken twice:
 * - in heap_start, a constructor that runs before jemalloc's own (which maps and touches its
 *   first chunks): from the arguments alone, every one that names an existing file counted
 *   (an option's value too, a large --config or --dict refusing them; not --archive's: a
 *   lint --archive of one article is the CI job, and the archive is read through SQLite's
 *   page cache, whatever its size), any directory, other file type, compressed file or "-"
 *   refusing them, and no file at all (standard input) refusing them. Deciding later does
 *   not work either way: refused from the start and allowed once the inputs are known, a 2 MB
 *   range that already holds small pages gets no huge page (430 faults, not 240); allowed and
 *   refused later, the chunks touched before keep theirs (+4 MiB, the -j 2 records at 64.3
 *   MiB);
 * - in cli_heap_for_job, once the inputs are collected, refused if they are not a small job
 *   after all: what the arguments do not show (a file named after `--`, which the first
 *   decision took for an option's value). glibc passes main's arguments to constructors;
 *   elsewhere they are refused.
 * metadata_thp (jemalloc's own tables too) saved no fault more and is left off. */
#define QG_SMALL_JOB (1u << 20)
static bool small_job_arg(const char *a, uint64_t *total, int *files) {
  struct stat st;
  if (!strcmp(a, "-")) return false;
  if (a[0] == '-') { /* an option; --name=VALUE: its value */
    const char *eq = strchr(a, '=');
    if (!eq) return true;
    a = eq + 1;
  }
  if (stat(a, &st)) return true; /* not a path: a command, an option's value */
  if (!S_ISREG(st.st_mode) || zio_kind_for_name(a) != ZIO_PLAIN) return false;
  *total += (uint64_t)st.st_size;
  ++*files;
  return true;
}
#ifdef __GLIBC__
static bool heap_decided;
static void heap_decide(int argc, char **argv) {
  heap_decided = true;
  uint64_t total = 0;
  int files = 0;
  bool small = true;
  for (int i = 1; i < argc && small; i++) {
    if (!strcmp(argv[i], "--archive")) { /* an archive is read through SQLite's page cache, */
      i++;                               /* its size no measure of the heap: a CI job's lint */
      continue;                          /* --archive of one article is a small job */
    }
    if (!strncmp(argv[i], "--archive=", 10)) continue;
    small = small_job_arg(argv[i], &total, &files);
  }
  if (!small || !files || total > QG_SMALL_JOB) prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  /* A limit of address space (ulimit -v): jemalloc's arena of a new thread, mapped at the
   * thread's first allocation, could not be made and jemalloc crashed (ulimit -v 70000 with
   * -j 2; session 38). One arena for all threads then: nothing new to map for a thread. */
  struct rlimit rl;
  if (!getrlimit(RLIMIT_AS, &rl) && rl.rlim_cur != RLIM_INFINITY)
    malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0,thp:always,narenas:1";
}
__attribute__((constructor(101))) static void heap_start(int argc, char **argv, char **envp) {
  (void)envp;
  if (!heap_decided) heap_decide(argc, argv);
}
#ifdef QG_WRAP_LIBC_INIT
/* The static-pie program (CMakeLists.txt QG_STATIC_PIE): the C library's own start calls
 * malloc and calloc (the program's origin, the vDSO's link map) before any constructor runs,
 * so jemalloc would map and touch its first chunks, huge pages among them, before heap_start
 * could refuse them (review 35b: a large job kept 4 to 6 MiB of huge pages, peak RSS +2.6 to
 * +5.2 MiB). Linked with --wrap=__libc_init_first, the decision is taken in the call that hands
 * the C library its arguments, before anything in it allocates (thread-local storage and the
 * string functions' variants are set up by then; the environment is not, and the decision reads
 * none). CMakeLists.txt links static-pie only where a test program shows the wrapper runs. */
void __real___libc_init_first(int argc, char **argv, char **envp);
void __wrap___libc_init_first(int argc, char **argv, char **envp);
void __wrap___libc_init_first(int argc, char **argv, char **envp) {
  heap_decide(argc, argv);
  __real___libc_init_first(argc, argv, envp);
}
#endif
#else
__attribute__((constructor(101))) static void heap_start(void) {
  prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
}
#endif
void cli_heap_for_job(const cli_inputs *l) {
  uint64_t total = 0;
  bool small = l->n > 0;
  for (size_t i = 0; i < l->n && small; i++) {
    small = l->v[i].sized && zio_kind_for_name(l->v[i].path) == ZIO_PLAIN;
    total += l->v[i].size;
  }
  if (!small || total > QG_SMALL_JOB) prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  if (getenv("QINGGAO_TEST_HEAP")) /* tests/static_link_test.sh: what the kernel now holds */
    fprintf(stderr, "qinggao: huge pages %s\n",
            prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1 ? "refused" : "allowed");
}

static void give_back_freed_pages(void) {
  const char *env = getenv("MALLOC_CONF");
  if (env && strstr(env, "decay")) return; /* the environment decides (review 32c #2: only
                                            * where it names a decay) */
  ssize_t ms = 0;
  mallctl("arenas.dirty_decay_ms", NULL, NULL, &ms, sizeof ms);
  unsigned a;
  size_t sz = sizeof a;
  char name[64];
  if (!mallctl("thread.arena", &a, &sz, NULL, 0)) {
    snprintf(name, sizeof name, "arena.%u.dirty_decay_ms", a);
    mallctl(name, NULL, NULL, &ms, sizeof ms);
  }
}
#else
static void give_back_freed_pages(void) {}
void cli_heap_for_job(const cli_inputs *l) { (void)l; }
#endif

enum { EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

typedef struct run {
  const char *cmd;
  qg_options opts;
  qg_format fmt;
  const char *output, *report;
  bool quiet;
} run;

static const char usage_main[] =
    "usage: qinggao COMMAND [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Clean copy for Chinese print text.\n"
    "\n"
    "commands:\n"
    "  clean     decode, repair and normalize text; write layout XML (default), NITF, text\n"
    "            or JSON\n"
    "  lint      report what clean would change and what is wrong (file:line:col)\n"
    "  dedup     report repeated paragraphs, rewriting nothing\n"
    "  segment   split text into words or sentences with ICU\n"
    "  archive   add published text to an archive that dedup and lint check against\n"
    "  rules     print the table of rules\n"
    "\n"
    "  qinggao COMMAND --help   options of a command (also: qinggao help COMMAND)\n"
    "  qinggao --version        versions of qinggao, ICU, libxml2, PCRE2 and jemalloc\n"
    "\n"
    "Inputs are files, directories (walked recursively in name order) or - for standard\n"
    "input; no input reads standard input. Exit status: 0 success, 1 findings (lint),\n"
    "2 usage error, 3 input error (other inputs are still processed).\n";

const char cli_usage_common[] =
    "  -e, --encoding NAME     input encoding (ICU name: UTF-8, GB18030, Big5, UTF-16LE…);\n"
    "                          default: detected per file\n"
    "      --invalid MODE      error (default: a file with invalid bytes fails and writes\n"
    "                          nothing) or replace (U+FFFD, reported as a warning)\n"
    "      --paragraphs MODE   auto (default), blank, line or wrapped\n"
    "      --dedup MODE        drop (default), mark or off: repeated and near-repeated\n"
    "                          paragraphs (docs/dedup.md); mark: in xml and json, or with\n"
    "                          --report (text, nitf and --jsonl have no place for it)\n"
    "      --dedup-scope SCOPE doc (default: within each input) or run (across all inputs,\n"
    "                          in input order: on one worker)\n"
    "      --near-threshold X  similarity (0-1) from which a paragraph nearly repeats another\n"
    "                          (default 0.65); 0: exact repeats only\n"
    "      --near-features F   chars (default: character bigrams) or words (word bigrams of\n"
    "                          the segmentation) for near repeats; an archive holds one kind\n"
    "      --dedup-memory MIB  memory of the repeat index (default 32); when it is full, it\n"
    "                          keeps the latest paragraphs, the oldest half dropped (dedup-limit)\n"
    "      --archive PATH      also report paragraphs already in this archive (dup-archive;\n"
    "                          see qinggao archive --help); never removes them\n"
    "      --no-repair         do not join paragraphs cut at column ends\n"
    "      --no-structure      do not recover kinds (title, byline, caption…) and articles\n"
    "      --cues FILE         structure cues of your paper, added to the built-in ones\n"
    "                          (format: docs/structure.md)\n"
    "      --dict FILE         more terms the segmenter keeps whole, one per line\n"
    "                          (repeatable; the word-repeat rule and segment use words)\n"
    "  -q, --quiet             no summary on standard error\n"
    "      --stage-times       at the end, each stage's time and MB/s on standard error\n"
    "                          (docs/batch.md; not with --report or clean -f json)\n"
    "  -h, --help              this help\n";

static const char usage_clean[] =
    "usage: qinggao clean [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Writes clean text: every change is a diagnostic, every removed paragraph is listed.\n"
    "\n"
    "  -f, --format FMT        xml (default: layout-ready XML, schema/qinggao.rng),\n"
    "                          nitf (NITF 3.6, one <nitf> per article), text (paragraphs,\n"
    "                          a blank line between) or json (one object per document:\n"
    "                          articles, removed, diagnostics)\n"
    "      --no-source-lines   xml: no line/end-line attributes\n"
    "      --indesign          xml: aid:pstyle and aid:cstyle attributes (Adobe InDesign)\n"
    "      --styles FILE       xml: style names for --indesign (lines 'kind = Style Name');\n"
    "                          needs --indesign\n"
    "  -o, --output FILE       write to FILE (replaced atomically) instead of stdout;\n"
    "                          FILE.gz and FILE.zst are compressed (gzip, zstd)\n"
    "      --report FILE       write the diagnostics to FILE as file:line:col: lines: a\n"
    "                          removed repeat with a note of its lines and text (its\n"
    "                          edits, in no output, left out), what clean did not apply\n"
    "                          marked (not changed); FILE.json, .jsonl, .ndjson: one JSON\n"
    "                          object a line (docs/batch.md, \"The report\")\n"
    "      --jsonl             inputs are JSON Lines: each line an object whose text field is\n"
    "                          cleaned as one document named FILE:LINE; writes the objects\n"
    "                          back (other fields kept, in order) with the clean text and\n"
    "                          \"qinggao\": {\"changes\",\"removed\"}; a bad line is reported\n"
    "                          (FILE:LINE:COL) and not written, exit 3 (docs/corpora.md)\n"
    "      --text-field NAME   --jsonl: the field to clean (default: text; not qinggao)\n"
    "      --id-field NAME     --jsonl: the field holding each record's id (a string, or a\n"
    "                          number as written): the report names a repeated record by it;\n"
    "                          a record without a usable one is cleaned all the same, named\n"
    "                          by its line, with a warning (jsonl-no-id)\n";

/* clean, dedup and segment: batch runs (cli/batch.c, docs/batch.md) */
static const char usage_batch[] =
    "batch runs (docs/batch.md):\n"
    "  -j, --jobs N            worker threads (default: the number of online processors);\n"
    "                          results are written in input order, the same bytes as -j 1;\n"
    "                          one input runs on two threads (clean, dedup)\n"
    "      --include GLOB      take only the files found in directories that match GLOB\n"
    "                          (repeatable); files named on the command line are always taken\n"
    "      --exclude GLOB      skip files and directories that match GLOB (repeatable); a GLOB\n"
    "                          without '/' matches the name, one with '/' the path below the\n"
    "                          directory argument; ** is any number of directories\n"
    "  -o, --output DIR/       (clean, segment) a directory (existing, or a name ending in '/'):\n"
    "                          one output per input, the tree below each directory argument\n"
    "                          mirrored, each file's extension replaced by the format's (.xml,\n"
    "                          .json, .txt, .jsonl; .gz and .zst kept and compressed); written\n"
    "                          atomically; a failed input writes nothing; an output that is an\n"
    "                          input, or the output of an earlier input, is refused; a DIR\n"
    "                          it creates is marked (.qinggao-output): walks leave it out\n"
    "At the end a summary on standard error (files, failures, bytes, paragraphs, what was\n"
    "changed or found, time and MB/s); on a terminal a progress bar (not with --quiet).\n";

/* Writes an option table, leaving out the entries whose first line holds one of skip (NULL-
 * ended, or NULL): an entry is a line that starts with "  -" and the lines indented deeper
 * that follow it. */
void cli_put_options(const char *text, const char *const *skip) {
  bool skipping = false;
  for (const char *l = text; *l;) {
    const char *e = strchr(l, '\n');
    size_t n = e ? (size_t)(e - l) + 1 : strlen(l);
    bool entry = n > 3 && l[0] == ' ' && l[1] == ' ' && (l[2] == '-' || (l[2] == ' ' && n > 7 &&
                                                                        !strncmp(l, "      --", 8)));
    bool cont = !entry && n > 8 && !strncmp(l, "        ", 8);
    if (entry) {
      skipping = false;
      for (const char *const *k = skip; k && *k && !skipping; k++) {
        const char *f = strstr(l, *k);
        skipping = f && f < l + n;
      }
    } else if (!cont) {
      skipping = false;
    }
    if (!skipping) fwrite(l, 1, n, stdout);
    l += n;
  }
}

static const char usage_dedup[] =
    "usage: qinggao dedup [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Reports every paragraph that repeats an earlier one exactly (the same letters and digits)\n"
    "or nearly (--near-threshold), with the source and line of the first occurrence, a SimHash\n"
    "distance and a similarity, and with --archive every paragraph already archived. A block\n"
    "that repeats nothing but goes with an article whose text repeats (a new byline over a\n"
    "pasted story) is a record of kind article naming the article's first repeat.\n"
    "Nothing is rewritten.\n"
    "\n"
    "  -f, --format FMT        json (default: one object per line) or text\n"
    "      --jsonl             inputs are JSON Lines: each line an object whose text field is\n"
    "                          one document; a repeat names the record's file and line and\n"
    "                          the paragraph's line in its text (json: \"line\", \"text_line\";\n"
    "                          text: FILE:LINE:TEXTLINE); a bad line is reported\n"
    "                          (FILE:LINE:COL) and left out, exit 3 (docs/dedup.md)\n"
    "      --text-field NAME   --jsonl: the field to read (default: text)\n"
    "      --id-field NAME     --jsonl: the field holding each record's id (a string, or a\n"
    "                          number as written): a repeat and the record it repeats are named\n"
    "                          by it too (json: \"id\"; text: id \"ID\"); a record without a\n"
    "                          usable one is checked all the same, with a warning\n";

static const char usage_segment[] =
    "usage: qinggao segment [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Decodes the text, cleans its characters (no paragraph repair, structure, punctuation,\n"
    "numbers or dedup) and segments it with ICU's break iterators; dictionary terms and\n"
    "protected spans (URLs, numbers, Wi-Fi, C++) stay whole (docs/segment.md).\n"
    "\n"
    "  -m, --mode MODE         words (default: one output line per input line, words\n"
    "                          separated by single spaces; a blank line stays blank) or\n"
    "                          sentences (paragraphs per --paragraphs, one sentence per line)\n"
    "  -f, --format FMT        text (default) or json (words: one object per input line,\n"
    "                          {\"source\",\"line\",\"tokens\":[{\"word\",\"byte\",\"char\",\"column\",\"status\"}]};\n"
    "                          sentences: one object per sentence)\n"
    "  -o, --output FILE       write to FILE (replaced atomically) instead of stdout\n";

static const char usage_rules[] =
    "usage: qinggao rules [--format text|markdown]\n"
    "\n"
    "Prints every rule: id, stage, default severity, whether clean fixes it, description.\n";

void (*cli_exit_hook)(int status, const char *msg);

_Noreturn void cli_exit(int status, const char *msg) {
  if (cli_exit_hook) cli_exit_hook(status, msg);
  exit(status);
}

_Noreturn void cli_option_error(const char *cmd, int argc, char *const *argv, const char *optstring) {
  /* one shape for every command (probe 11c F21: getopt's own "clean: unrecognized option"
   * lines had no "qinggao:", and archive's no usage hint) */
  const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
  const char *o = optopt > 0 && optopt < 128 ? strchr(optstring, optopt) : NULL;
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "%s: ", cmd);
  size_t at = n > 0 && (size_t)n < sizeof msg ? (size_t)n : 0;
  const char *eq = strchr(arg, '=');
  if (!strncmp(arg, "--", 2) && optopt && eq) /* --quiet=1 */
    snprintf(msg + at, sizeof msg - at, "option '%.*s' takes no value", (int)(eq - arg), arg);
  else if (!strncmp(arg, "--", 2)) /* a long option: unknown (optopt 0), or its value missing */
    snprintf(msg + at, sizeof msg - at,
             optopt ? "option '%s' needs a value" : "unrecognized option '%s'", arg);
  else if (o && o[1] == ':')
    snprintf(msg + at, sizeof msg - at, "option '-%c' needs a value", optopt);
  else if (optopt > 0 && optopt < 128)
    snprintf(msg + at, sizeof msg - at, "unknown option '-%c'", optopt);
  else
    snprintf(msg + at, sizeof msg - at, "unrecognized option '%s'", arg);
  fprintf(stderr, "qinggao: %s\n(see qinggao %s --help)\n", msg, cmd);
  cli_exit(EXIT_USAGE, msg);
}

static void fail_usage(const char *cmd, const char *fmt, const char *arg) {
  char what[1024], msg[1100];
  snprintf(what, sizeof what, fmt, arg);
  snprintf(msg, sizeof msg, "%s: %s", cmd, what);
  fprintf(stderr, "qinggao: %s\n(see qinggao %s --help)\n", msg, cmd);
  cli_exit(EXIT_USAGE, msg);
}

static int pick(const char *cmd, const char *opt, const char *arg, const char *const *names) {
  for (int i = 0; names[i]; i++)
    if (!strcmp(arg, names[i])) return i;
  fprintf(stderr, "qinggao: %s: unknown value '%s' for --%s (one of:", cmd, arg, opt);
  for (int i = 0; names[i]; i++) fprintf(stderr, " %s", names[i]);
  fprintf(stderr, ")\n");
  exit(EXIT_USAGE);
}

double cli_parse_threshold(const char *cmd, const char *arg) {
  char *end;
  double t = strtod(arg, &end);
  /* a decimal number: strtod also takes 0x1p-1, 1e-1, " 0.5" (probe 10 F20) */
  if (*end || end == arg || strspn(arg, "0123456789.") != strlen(arg) || !(t >= 0 && t <= 1))
    fail_usage(cmd, "--near-threshold wants a number from 0 to 1, not '%s'", arg);
  return t;
}

const char *cli_require_archive(const char *path) {
  char err[600];
  qg_archive *a = qg_archive_open(path, false, err, sizeof err);
  if (!a) {
    fprintf(stderr, "qinggao: %s\n", err);
    cli_exit(EXIT_INPUT, err);
  }
  qg_archive_close(a);
  return path;
}

const char *cli_require_file(int (*check)(const char *, char *, size_t), const char *path) {
  char err[512];
  if (check(path, err, sizeof err)) {
    fprintf(stderr, "qinggao: %s\n", err);
    cli_exit(EXIT_USAGE, err);
  }
  return path;
}

size_t cli_parse_mib(const char *cmd, const char *arg) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(arg, &end, 10);
  if (!arg[0] || *end || errno || v == 0 || v > (1ull << 20))
    fail_usage(cmd, "--dedup-memory wants a number of MiB from 1 to 1048576, not '%s'", arg);
  return (size_t)v << 20;
}

static void print_version(void) {
  printf("qinggao %s\n", QG_VERSION_STRING);
  printf("ICU %s\nlibxml2 %s\n", qg_icu_version(), qg_libxml2_version());
  char pv[64] = "";
  if (pcre2_config(PCRE2_CONFIG_VERSION, pv) > 0) printf("PCRE2 %s\n", pv);
#ifdef QG_HAVE_JEMALLOC
  const char *v = NULL;
  size_t sz = sizeof v;
  if (mallctl("version", &v, &sz, NULL, 0) == 0 && v) printf("jemalloc %s\n", v);
  else printf("jemalloc (version unknown)\n");
#else
  printf("jemalloc not linked (system malloc)\n");
#endif
}

static int cmd_rules(int argc, char **argv) {
  static const char *const fmts[] = {"text", "markdown", NULL};
  int fmt = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      fputs(usage_rules, stdout);
      return 0;
    }
    if ((!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) && i + 1 < argc)
      fmt = pick("rules", "format", argv[++i], fmts);
    else if (!strncmp(argv[i], "--format=", 9))
      fmt = pick("rules", "format", argv[i] + 9, fmts);
    else
      fail_usage("rules", "unexpected argument '%s'", argv[i]);
  }
  if (fmt == 1)
    printf("| rule | stage | severity | fix | description |\n|---|---|---|---|---|\n");
  for (const qg_rule *x = qg_rules(); x->id; x++) {
    if (fmt == 1)
      printf("| `%s` | %s | %s | %s | %s |\n", x->id, x->stage, qg_severity_name(x->severity),
             x->fixes ? "yes" : "report", x->summary);
    else
      printf("%-24s %-10s %-8s %-7s %s\n", x->id, x->stage, qg_severity_name(x->severity),
             x->fixes ? "fix" : "report", x->summary);
  }
  return 0;
}

static int qg_main(int argc, char **argv);

/* A small stack (ulimit -s of 80 KB or less overflowed it: the writer's copy, ICU's tables
 * built at their first use; session 38). Below QG_STACK_MIN the run goes on a thread of its own
 * whose stack is QG_STACK_RUN, mapped as a thread's is and so outside the limit, and every
 * thread started after it (the pool's workers, the pipeline's, the signal guard's) gets as
 * much: their default is the limit itself. The first thread waits with every signal blocked,
 * so that a signal reaches the threads that expect it (cli/tmpguard.c). When the thread cannot
 * be made, the run goes on here. */
#define QG_STACK_MIN ((rlim_t)1 << 20)
#define QG_STACK_RUN ((size_t)8 << 20)
typedef struct {
  int argc;
  char **argv;
  int rc;
} main_call;
static void *main_thread(void *arg) {
  main_call *m = arg;
  m->rc = qg_main(m->argc, m->argv);
  return NULL;
}
static int run_main(int argc, char **argv) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= QG_STACK_MIN)
    return qg_main(argc, argv);
  pthread_attr_t at;
  if (pthread_attr_init(&at)) return qg_main(argc, argv);
  main_call m = {.argc = argc, .argv = argv};
  pthread_t t;
  bool on = !pthread_attr_setstacksize(&at, QG_STACK_RUN);
  if (on) (void)pthread_setattr_default_np(&at);
  on = on && !pthread_create(&t, &at, main_thread, &m);
  pthread_attr_destroy(&at);
  if (!on) return qg_main(argc, argv);
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, NULL);
  pthread_join(t, NULL);
  return m.rc;
}

/* A command that succeeded but whose standard output could not be written (a full disk, a
 * closed pipe) fails: rules, --help and --version wrote without looking. Commands that check
 * their own output report it themselves and return non-zero. */
int main(int argc, char **argv) {
  /* A closed standard descriptor (a cron job's 2>&-) is opened on /dev/null first, so no file
   * the run opens can take its number: the -o temporary file or the report became descriptor 2
   * and received the error messages (probe 11b G13). Standard output is opened read-only, so
   * writing the output to it still fails, as writing to a closed one did. */
  for (int fd = 0; fd <= 2; fd++)
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
      if (fd == 0) cli_stdin_closed = true;
      int n = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY);
      if (n >= 0 && n != fd) { /* (a lower one was closed too and took it: filled in turn) */
        dup2(n, fd);
        close(n);
      }
    }
  /* A file-size limit (ulimit -f) reached while writing ends the process with SIGXFSZ by
   * default, the -o temporary file left behind empty and nothing said (review 35b). Ignored, the
   * write fails with EFBIG instead, which the output's error path reports ("File too large")
   * and cleans up after, as for a full disk. */
  signal(SIGXFSZ, SIG_IGN);
  int rc = run_main(argc, argv);
  if (rc == 0 && (fflush(stdout) == EOF || ferror(stdout))) {
    fprintf(stderr, "qinggao: writing standard output: %s\n", strerror(errno ? errno : EIO));
    rc = EXIT_INPUT;
  }
  return rc;
}

static int qg_main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage_main, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
    print_version();
    return 0;
  }
  if (!strcmp(cmd, "help") && argc == 3 && argv[2][0] != '-') { /* help COMMAND: its help */
    char *args[] = {argv[0], argv[2], (char *)"--help", NULL};
    return qg_main(3, args);
  }
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    fputs(usage_main, stdout);
    return 0;
  }
  if (!strcmp(cmd, "lint")) return cmd_lint(argc - 1, argv + 1); /* (keeps them: above) */
  give_back_freed_pages();
  if (!strcmp(cmd, "rules")) return cmd_rules(argc - 1, argv + 1);
  if (!strcmp(cmd, "archive")) return cli_archive(argc - 1, argv + 1);
  const char *usage = !strcmp(cmd, "clean")     ? usage_clean
                      : !strcmp(cmd, "dedup")   ? usage_dedup
                      : !strcmp(cmd, "segment") ? usage_segment
                                                : NULL;
  if (!usage) {
    fprintf(stderr, "qinggao: unknown command '%s'\n\n%s", cmd, usage_main);
    return EXIT_USAGE;
  }

  run r = {.cmd = cmd};
  qg_options_init(&r.opts);
  r.fmt = !strcmp(cmd, "dedup") ? QG_FORMAT_DUPS_JSON
          : !strcmp(cmd, "segment") ? QG_FORMAT_WORDS : QG_FORMAT_XML;
  enum { OPT_INVALID = 256, OPT_PARAGRAPHS, OPT_DEDUP, OPT_REPORT, OPT_NO_REPAIR,
         OPT_NO_STRUCTURE, OPT_CUES, OPT_NO_SOURCE_LINES, OPT_INDESIGN, OPT_STYLES,
         OPT_DEDUP_SCOPE, OPT_NEAR, OPT_ARCHIVE, OPT_DICT, OPT_DEDUP_MEMORY, OPT_JSONL,
         OPT_TEXT_FIELD, OPT_INCLUDE, OPT_EXCLUDE, OPT_ID_FIELD };
  enum { OPT_NEAR_FEATURES = 512, OPT_STAGE_TIMES }; /* after the others */
  static const struct option longopts[] = {
      {"encoding", required_argument, NULL, 'e'}, {"invalid", required_argument, NULL, OPT_INVALID},
      {"paragraphs", required_argument, NULL, OPT_PARAGRAPHS},
      {"dedup", required_argument, NULL, OPT_DEDUP}, {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'}, {"report", required_argument, NULL, OPT_REPORT},
      {"mode", required_argument, NULL, 'm'}, {"quiet", no_argument, NULL, 'q'},
      {"no-repair", no_argument, NULL, OPT_NO_REPAIR},
      {"no-structure", no_argument, NULL, OPT_NO_STRUCTURE},
      {"cues", required_argument, NULL, OPT_CUES},
      {"no-source-lines", no_argument, NULL, OPT_NO_SOURCE_LINES},
      {"indesign", no_argument, NULL, OPT_INDESIGN},
      {"styles", required_argument, NULL, OPT_STYLES},
      {"dedup-scope", required_argument, NULL, OPT_DEDUP_SCOPE},
      {"near-threshold", required_argument, NULL, OPT_NEAR},
      {"near-features", required_argument, NULL, OPT_NEAR_FEATURES},
      {"archive", required_argument, NULL, OPT_ARCHIVE},
      {"dict", required_argument, NULL, OPT_DICT},
      {"dedup-memory", required_argument, NULL, OPT_DEDUP_MEMORY},
      {"jobs", required_argument, NULL, 'j'}, {"include", required_argument, NULL, OPT_INCLUDE},
      {"exclude", required_argument, NULL, OPT_EXCLUDE},
      {"jsonl", no_argument, NULL, OPT_JSONL}, {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
      {"id-field", required_argument, NULL, OPT_ID_FIELD},
      {"stage-times", no_argument, NULL, OPT_STAGE_TIMES},
      {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  static const char *const invalid_modes[] = {"error", "replace", NULL};
  static const char *const para_modes[] = {"auto", "blank", "line", "wrapped", NULL};
  static const char *const dedup_modes[] = {"off", "drop", "mark", NULL};
  static const char *const clean_fmts[] = {"xml", "nitf", "text", "json", NULL};
  static const qg_format clean_fmt_ids[] = {QG_FORMAT_XML, QG_FORMAT_NITF, QG_FORMAT_TEXT,
                                            QG_FORMAT_JSON};
  qg_xml_options xo = {.source_lines = true};
  bool xml_opt_used = false;
  static const char *const dedup_fmts[] = {"json", "text", NULL};
  static const char *const seg_modes[] = {"words", "sentences", NULL};
  static const char *const seg_fmts[] = {"text", "json", NULL};
  int seg_json = 0;
  enum { MAX_DICTS = 64 };
  const char *dicts[MAX_DICTS + 1] = {NULL};
  int ndicts = 0;
  bool is_clean = !strcmp(cmd, "clean");
  bool is_dedup = !strcmp(cmd, "dedup"), is_segment = !strcmp(cmd, "segment");
  bool jsonl = false, fmt_given = false, stage_times = false;
  const char *text_field = NULL, *id_field = NULL;
  int jobs = 0, ninc = 0, nexc = 0;
  char **includes = calloc((size_t)argc, sizeof *includes);
  char **excludes = calloc((size_t)argc, sizeof *excludes);
  if (!includes || !excludes) {
    free(includes);
    free(excludes);
    fprintf(stderr, "qinggao: out of memory\n");
    return EXIT_INPUT;
  }
  optind = 1;
  int c;
  opterr = 0;
  while ((c = getopt_long(argc - 1, argv + 1, "e:f:o:m:j:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'e':
      if (!qg_encoding_known(optarg)) fail_usage(cmd, "unknown encoding '%s'", optarg);
      r.opts.encoding = optarg;
      break;
    case OPT_INVALID: r.opts.invalid = (qg_invalid_mode)pick(cmd, "invalid", optarg, invalid_modes); break;
    case OPT_PARAGRAPHS: r.opts.paragraphs = (qg_para_mode)pick(cmd, "paragraphs", optarg, para_modes); break;
    case OPT_DEDUP:
      if (is_dedup) fail_usage(cmd, "--dedup does not apply to %s", cmd);
      r.opts.dedup = (qg_dedup_mode)pick(cmd, "dedup", optarg, dedup_modes);
      break;
    case OPT_DEDUP_MEMORY:
      r.opts.dedup_memory = cli_parse_mib(cmd, optarg);
      break;
    case OPT_DEDUP_SCOPE: {
      static const char *const scopes[] = {"doc", "run", NULL};
      r.opts.dedup_scope = (qg_dedup_scope)pick(cmd, "dedup-scope", optarg, scopes);
      break;
    }
    case OPT_NEAR: r.opts.near_threshold = cli_parse_threshold(cmd, optarg); break;
    case OPT_NEAR_FEATURES: r.opts.near_features = cli_parse_features(cmd, optarg); break;
    case OPT_ARCHIVE: r.opts.archive = optarg; break; /* opened once the options are checked */
    case OPT_JSONL:
    case OPT_TEXT_FIELD:
    case OPT_ID_FIELD:
      if (!is_clean && !is_dedup)
        fail_usage(cmd, "%s", "--jsonl, --text-field and --id-field apply to clean, dedup and "
                   "archive add");
      if (c == OPT_JSONL) jsonl = true;
      else if (c == OPT_TEXT_FIELD && !*(text_field = optarg))
        fail_usage(cmd, "%s", "--text-field wants a name");
      else if (c == OPT_ID_FIELD && !*(id_field = optarg))
        fail_usage(cmd, "%s", "--id-field wants a name");
      break;
    case 'f':
      fmt_given = true;
      if (is_clean) r.fmt = clean_fmt_ids[pick(cmd, "format", optarg, clean_fmts)];
      else if (is_dedup)
        r.fmt = pick(cmd, "format", optarg, dedup_fmts) ? QG_FORMAT_DUPS_TEXT : QG_FORMAT_DUPS_JSON;
      else if (is_segment) seg_json = pick(cmd, "format", optarg, seg_fmts);
      else fail_usage(cmd, "--format does not apply to %s", cmd);
      break;
    case 'o':
      if (!is_clean && !is_segment) fail_usage(cmd, "--output does not apply to %s", cmd);
      r.output = optarg;
      break;
    case OPT_REPORT:
      if (!is_clean) fail_usage(cmd, "--report does not apply to %s", cmd);
      r.report = optarg;
      break;
    case 'm':
      if (!is_segment) fail_usage(cmd, "--mode does not apply to %s", cmd);
      r.fmt = pick(cmd, "mode", optarg, seg_modes) ? QG_FORMAT_SENTENCES : QG_FORMAT_WORDS;
      break;
    case 'q': r.quiet = true; break;
    case OPT_STAGE_TIMES: stage_times = true; break;
    case 'j': {
      char *end;
      errno = 0;
      long v = strtol(optarg, &end, 10);
      if (!optarg[0] || *end || errno || v < 1 || v > 256)
        fail_usage(cmd, "-j wants a number of threads from 1 to 256, not '%s'", optarg);
      jobs = (int)v;
      break;
    }
    case OPT_INCLUDE: includes[ninc++] = optarg; break;
    case OPT_EXCLUDE: excludes[nexc++] = optarg; break;
    case OPT_NO_REPAIR: r.opts.repair = false; break;
    case OPT_NO_SOURCE_LINES: xo.source_lines = false, xml_opt_used = true; break;
    case OPT_INDESIGN: xo.indesign = true, xml_opt_used = true; break;
    case OPT_STYLES: xo.styles_file = optarg, xml_opt_used = true; break;
    case OPT_NO_STRUCTURE: r.opts.structure = false; break;
    case OPT_CUES: r.opts.cues_file = cli_require_file(qg_cues_check, optarg); break;
    case OPT_DICT:
      if (is_dedup) fail_usage(cmd, "--dict does not apply to %s", cmd);
      if (ndicts == MAX_DICTS) fail_usage(cmd, "%s", "more than 64 --dict files");
      dicts[ndicts++] = cli_require_file(qg_dict_check, optarg);
      break;
    case 'h': {
      /* each command lists only the options it takes (probe 10 F15: dedup listed --dedup and
       * -o DIR/, segment the dedup and structure options, all refused) */
      static const char *const not_dedup[] = {"--dedup MODE", "-o, --output DIR/", "--dict FILE",
                                              NULL};
      static const char *const not_segment[] = {
          "--dedup MODE", "--dedup-scope", "--near-threshold", "--near-features", "--dedup-memory",
          "--archive", "--no-repair", "--no-structure", "--cues", NULL};
      const char *const *skip = is_dedup ? not_dedup : is_segment ? not_segment : NULL;
      fputs(usage, stdout);
      fputs("\n", stdout);
      cli_put_options(cli_usage_common, skip);
      fputs("\n", stdout);
      cli_put_options(usage_batch, skip);
      free(includes);
      free(excludes);
      return 0;
    }
    default: cli_option_error(cmd, argc - 1, argv + 1, "e:f:o:m:j:qh");
    }
  }
  int nin = argc - 1 - optind;
  char **in = argv + 1 + optind;
  if (nin == 0 && cli_stdin_absent())
    fail_usage(cmd, "%s", "no input given (name files or directories, or - for stdin)");
  /* a name asking for a compression that is not written: plain text would go under it */
  const char *outs[2] = {r.output, r.report};
  for (int k = 0; k < 2; k++) {
    const char *kind = outs[k] ? zio_unwritten_kind(outs[k]) : NULL;
    if (kind) {
      char msg[1200];
      snprintf(msg, sizeof msg, "%s %s: %s compression is not written (gzip and zstd are: name "
               "it .gz or .zst, or leave the suffix out)", k ? "--report" : "-o", outs[k], kind);
      fail_usage(cmd, "%s", msg);
    }
  }
  if (is_dedup) r.opts.dedup = QG_DEDUP_DROP;
  if (ndicts) r.opts.dicts = dicts;
  if (is_segment) { /* the light chain: decode, lines or paragraphs, character cleanup */
    qg_options def;
    qg_options_init(&def);
    if (r.opts.dedup != def.dedup || !r.opts.repair || !r.opts.structure || r.opts.cues_file ||
        r.opts.dedup_scope != def.dedup_scope || r.opts.dedup_memory != def.dedup_memory ||
        r.opts.near_threshold != def.near_threshold || r.opts.near_features != def.near_features ||
        r.opts.archive)
      fail_usage(cmd, "%s", "--dedup, --dedup-scope, --dedup-memory, --near-threshold, "
                            "--near-features, --archive, --no-repair, --no-structure and --cues "
                            "do not apply to segment (it cleans characters only)");
    bool words = r.fmt == QG_FORMAT_WORDS;
    if (words && r.opts.paragraphs != QG_PARA_AUTO)
      fail_usage(cmd, "%s", "--paragraphs does not apply to --mode words (one line per line)");
    if (words) r.opts.paragraphs = QG_PARA_LINE;
    r.opts.light = true;
    r.opts.segment = words ? QG_SEGMENT_WORDS : QG_SEGMENT_SENTENCES;
    if (seg_json) r.fmt = words ? QG_FORMAT_WORDS_JSON : QG_FORMAT_SENTENCES_JSON;
  }
  if (text_field && !jsonl) fail_usage(cmd, "%s", "--text-field applies to --jsonl");
  if (id_field && !jsonl) fail_usage(cmd, "%s", "--id-field applies to --jsonl");
  if (id_field && !strcmp(id_field, text_field ? text_field : "text"))
    fail_usage(cmd, "--id-field %s is the text field: the id names the record, and the text "
               "is what is read", id_field);
  if (is_clean && text_field && !strcmp(text_field, "qinggao"))
    fail_usage(cmd, "%s", "--text-field qinggao: that field receives each line's counts "
                          "(docs/corpora.md); the cleaned text would be overwritten");
  if (xo.styles_file && !xo.indesign)
    fail_usage(cmd, "%s", "--styles names the styles of --indesign: add --indesign");
  /* a mark needs a place: xml's duplicate-of, json's duplicate_of, or the --report lines */
  if (is_clean && r.opts.dedup == QG_DEDUP_MARK && !r.report &&
      (jsonl || r.fmt == QG_FORMAT_TEXT || r.fmt == QG_FORMAT_NITF))
    fail_usage(cmd, "--dedup=mark keeps the repeats and marks them, but %s has no place for "
               "the mark: add --report FILE (which lists them), or use --dedup=drop or off",
               jsonl ? "--jsonl" : r.fmt == QG_FORMAT_TEXT ? "-f text" : "-f nitf");
  if (jsonl && r.opts.encoding && strcasecmp(r.opts.encoding, "UTF-8") &&
      strcasecmp(r.opts.encoding, "UTF8"))
    fail_usage(cmd, "--encoding %s does not apply to --jsonl: JSON Lines are UTF-8 (convert "
               "the file first with iconv)", r.opts.encoding);
  if (jsonl && r.opts.invalid == QG_INVALID_REPLACE) /* (probe 15 #13: taken, then no effect) */
    fail_usage(cmd, "%s", "--invalid replace does not apply to --jsonl: JSON Lines are UTF-8, and "
               "a line with an invalid byte is a bad line, reported and not written (fix the "
               "bytes first, e.g. iconv -c)");
  if (jsonl && ((fmt_given && is_clean) || xml_opt_used))
    fail_usage(cmd, "%s", "--format and its options do not apply to --jsonl (JSON Lines out)");
  if (xml_opt_used && (!is_clean || r.fmt != QG_FORMAT_XML))
    fail_usage(cmd, "%s", "--no-source-lines, --indesign and --styles apply to clean --format xml");
  /* the archive is opened (and its kind checked) once the options are known to apply */
  if (r.opts.archive) {
    r.opts.archive = cli_require_archive(r.opts.archive);
    cli_check_features(r.opts.archive, r.opts.near_features);
  }

  /* Batches of blocks through the stages (options.batch) change only how the diagnostics of
   * different stages interleave: taken where no output shows that order (the text, XML and
   * NITF writers and JSON Lines pass on only counts and the decoder's errors, dedup's records
   * come from one stage), not for --report or -f json, which list diagnostics as raised. */
  if (!r.report && !(is_clean && !jsonl && r.fmt == QG_FORMAT_JSON)) r.opts.batch = QG_CLI_BATCH;
  /* the stages are told apart where a batch queue passes its blocks on */
  if (stage_times && r.opts.batch <= 1)
    fail_usage(cmd, "%s", "--stage-times needs the stages in batches: not with --report or "
               "clean -f json");
  cli_batch bt = {.cmd = cmd, .opts = r.opts, .fmt = r.fmt, .xo = xo,
                  .xml_opts = r.fmt == QG_FORMAT_XML || r.fmt == QG_FORMAT_NITF, .jsonl = jsonl,
                  .text_field = text_field, .id_field = id_field, .output = r.output, .report = r.report,
                  .quiet = r.quiet, .stage_times = stage_times, .jobs = jobs, .nin = nin, .in = in,
                  .walk = {.include = (const char *const *)includes, .ninclude = (size_t)ninc,
                           .exclude = (const char *const *)excludes, .nexclude = (size_t)nexc}};
  int status = cli_batch_run(&bt);
  free(includes);
  free(excludes);
  return status;
}
