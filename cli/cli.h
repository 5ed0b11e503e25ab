/* cli.h: the qinggao command's own helpers (the library's API is qinggao.h). */
#ifndef QG_CLI_H
#define QG_CLI_H

#include <pthread.h>
#include <signal.h>
#include "qinggao.h"

/* Inputs of a batch run, collected up front (cli/inputs.c, docs/batch.md). */
#include <sys/types.h>
typedef struct cli_input {
  char *path;        /* as given or found ("-": standard input) */
  const char *rel;   /* in path: below its directory argument, or the basename of a file */
  uint64_t size;     /* bytes on disk (0 when unknown) */
  bool sized;        /* size is known: a regular file (not standard input, a pipe, a device) */
  bool stat_ok;
  dev_t dev;
  ino_t ino;
  char *out;         /* -o DIR: the output written for it */
  char *refuse;      /* why it is not run (its output would clash), or NULL */
  bool included;     /* walked and taken by an --include pattern (read whatever its name) */
  bool walked;       /* found in a directory (not named on the command line) */
  bool link;         /* a symbolic link found in a directory: not followed (cli_not_copy) */
  bool outdir;       /* a directory found in a walk that holds CLI_OUTPUT_MARK: not walked,
                      * listed for cli_not_copy to say; or the -o DIR itself (skip_dir)
                      * found in a walk, unmarked and holding files (outdir_note says it) */
  char *outdir_note; /* the -o DIR found in a walk without the marker: "the output directory
                      * (-o), not walked: N files in it" (malloc'd), else NULL */
} cli_input;
/* The file `clean -o DIR/` and `segment -o DIR/` write in a DIR they create: a directory found
 * in a walk that holds it is an earlier run's outputs, not walked (probe 15 #10: a nightly
 * `-o corpus/clean-DATE/ corpus` cleaned every earlier night's outputs again). */
#define CLI_OUTPUT_MARK ".qinggao-output"
/* Blocks per batch through the stages where the diagnostics' interleaving is not read
 * (options.batch: clean and dedup; not lint, cli/lint.c says why; bench/RESULTS.md, session
 * 17). */
#define QG_CLI_BATCH 32
typedef struct cli_inputs {
  cli_input *v;
  size_t n, cap;
  uint64_t total;    /* sum of sizes */
} cli_inputs;
typedef struct cli_walk_opts {
  const char *const *include, *const *exclude; /* --include, --exclude patterns */
  size_t ninclude, nexclude;
  bool skip_dir;     /* a directory not to walk (the -o DIR) */
  bool quiet;        /* no word of broken links and directories too deep (--quiet) */
  bool once;         /* a file reached twice (the same device and inode) is taken once, at
                      * its first place, and the later ones said (clean, dedup, segment,
                      * archive add; lint keeps every visit: its --diff shows one) */
  dev_t skip_dev;
  ino_t skip_ino;
} cli_walk_opts;
/* Files named on the command line (always taken; a symbolic link is followed), files found in
 * directories (walked recursively in name order, hidden entries skipped; a symbolic link found
 * there is listed with link set, and a directory holding CLI_OUTPUT_MARK listed with outdir
 * set and not walked, for cli_not_copy to leave out) that match an --include pattern (when
 * there is one) and no --exclude pattern; a directory matching --exclude is not walked.
 * A pattern without '/' matches the basename, one with '/' the path below the directory
 * argument; fnmatch per path segment, ** any number of segments. With o->once, a file reached
 * twice (named twice, `dir dir/sub`, named and found in a named directory, two hard links) is
 * taken once, at its first place in input order, named (read whatever its name) when one of
 * its visits is; each later visit is said on standard error (not with o->quiet) as
 * "qinggao: named twice: X (the same file as Y)", the first 20, then how many more.
 * -1 when out of memory. */
int cli_inputs_collect(int argc, char **argv, const cli_walk_opts *o, cli_inputs *l);
/* Huge pages for a small job (cli/main.c): called once the inputs are known. */
void cli_heap_for_job(const cli_inputs *l);
/* With no file named, standard input is read only when something can come from it: not a
 * terminal, and not /dev/null (a CI runner's standard input: `lint $(git diff --name-only …)`
 * with an empty list must not pass on nothing; probe 10 F5). True when there is none. */
bool cli_stdin_absent(void);
void cli_inputs_free(cli_inputs *l);
/* Appends path, as qg_display_name shows it (one name a line: a newline in a name split the
 * line; probe 9 F10), to the list *names of *len bytes, ", " between (the summaries' failed
 * files). Out of memory: the name is left out. */
void cli_name_list_add(char **names, size_t *len, const char *path);
bool cli_glob_match(const char *pat, const char *path);
/* What a file clearly is when it is not text, from its first 4 KiB as the reader sees them
 * (gzip and zstd decompressed): a known binary format by its magic bytes ("a JPEG image"), or
 * "NUL bytes" (four or more, and one byte in 64, without a byte order mark, not read as
 * UTF-16, and encoding, the -e given or NULL, not UTF-16/32). NULL for text and for a file
 * that cannot be read or decompressed (the reader reports it). */
const char *cli_not_text(const char *path, const char *encoding);
/* What a file found in a directory is, when it is no copy to read: "an earlier run's outputs
 * (.qinggao-output), not walked" for a directory holding the marker (outdir); the -o DIR
 * reached by the walk, unmarked, with the files in it: its outdir_note; "a symbolic
 * link, not followed" for a link (as git and ripgrep do: its target is checked where it is);
 * cli_not_text's answer; or, unless an --include pattern took it, data or code by its name (.json .yaml .toml .csv .html
 * .xml, program sources, …: "data or code (.json)"; lint --fix rewrote a desk's metadata files
 * next to its articles, probe 13 C8), the name's one .gz or .zst left aside (x.jsonl.gz is
 * data too). NULL for a file named on the command line. */
const char *cli_not_copy(const cli_input *in, const char *encoding);
/* A look at the first lines of z (at most 1 MiB, given back with zin_unread, so that the
 * reads that follow get every byte): *msg NULL, or, when its first non-blank line is a JSON
 * object as --jsonl reads one and so is the next non-blank line if there is one, why it is
 * not read as prose ("NAME: looks like JSON Lines (…): … use --jsonl …", malloc'd). clean,
 * dedup, segment, archive add and lint (since session 19: before, only under a .jsonl or
 * .ndjson name) fail such an input without --jsonl, whatever its name, standard input too
 * (review 17 H4: piped, or named .txt, its quotes and colons were turned full width, exit 0);
 * a file an --include pattern took whose name is data (.jsonl …) is read as prose, as asked.
 * -1: out of memory. */
struct zin;
int cli_sniff_jsonl(struct zin *z, const char *name, char **msg);
/* Whether path's name is one a walk skips as data or code (.json, .jsonl, .csv, …; one .gz or
 * .zst aside), as cli_not_copy says it. */
bool cli_data_name(const char *path);
/* As cli_run_file, adding the bytes read from disk (compressed bytes for .gz, .zst) to *bytes
 * as it goes (NULL: not counted); sniff: an input that cli_sniff_jsonl finds to be JSON Lines
 * fails (QG_ERR_IO, err its message) before the pipeline sees any of it. */
int cli_run_file_counted(qg_pipeline *p, const char *path, bool sniff, char *err, size_t errlen,
                         _Atomic uint64_t *bytes);

/* Feeds one input through p in chunks. On failure err holds a message for read errors. */
int cli_run_file(qg_pipeline *p, const char *path, char *err, size_t errlen);

/* qinggao archive … (cli/archive.c); argv[0] is "archive". Returns the exit status. */
int cli_archive(int argc, char **argv);
/* The options every command takes, for --help (main.c). */
extern const char cli_usage_common[];
/* Writes an option table (cli_usage_common and the like) to standard output, leaving out the
 * entries whose first line holds one of skip (NULL-ended; NULL: none). */
void cli_put_options(const char *text, const char *const *skip);
/* After getopt_long (run with opterr = 0) returned '?': says which option was wrong, as
 * "qinggao: CMD: unrecognized option '--x'" (or "-x", or "option '-e' needs a value") and
 * "(see qinggao CMD --help)", and exits 2. argc/argv/optstring as given to getopt_long. */
/* An anonymous temporary file in $TMPDIR (else /tmp): the library's (pipeline/spool.c), so
 * the command's spools and lint's temporary files go where its writers' do (tmpfile() took
 * /tmp whatever TMPDIR said: probe 11c F2). */
FILE *qg_tmpfile(void);
/* The directory qg_tmpfile makes its files in: $TMPDIR when set and not empty, else /tmp. */
const char *qg_tmpdir(void);
/* Whether descriptor 0 was closed when the command started (main opens /dev/null on it):
 * reading standard input is then an error, not an empty input (cli/zio.c). */
extern bool cli_stdin_closed;
_Noreturn void cli_option_error(const char *cmd, int argc, char *const *argv, const char *optstring);
/* Called by the helpers here that end the command with a usage or input error (status 2 or
 * 3), after their message is on standard error, just before exit: msg is that message
 * without "qinggao: " (and the --help hint). NULL: none. lint sets it to finish a SARIF log
 * or a codeclimate array, so a CI job that uploads the report gets a whole one (docs/ci.md). */
extern void (*cli_exit_hook)(int status, const char *msg);
/* cli_exit_hook (when set), then exit(status). */
_Noreturn void cli_exit(int status, const char *msg);

/* --near-features chars|words; anything else is a usage error (exit 2). */
qg_features cli_parse_features(const char *cmd, const char *arg);
/* Exits with a usage error (2) when the archive at path holds sketches of other features. */
void cli_check_features(const char *path, qg_features f);
/* --near-threshold X; a usage error (exit 2) unless 0 <= X <= 1. */
double cli_parse_threshold(const char *cmd, const char *arg);
/* path when it opens as an archive, else the error on stderr and exit 3. */
const char *cli_require_archive(const char *path);
/* path when check (qg_cues_check, qg_dict_check) accepts it, else its error and exit 2. */
const char *cli_require_file(int (*check)(const char *, char *, size_t), const char *path);
/* --dedup-memory MIB as bytes; a usage error (exit 2) when it is not 1..2^20. */
size_t cli_parse_mib(const char *cmd, const char *arg);


/* ---- temporary files of outputs (cli/tmpguard.c) ------------------------------------------
 * A temporary file written next to an output is listed from its creation to its rename or
 * removal, both under cli_tmp_lock; during a run with a cli_sig_guard started, SIGINT, SIGTERM
 * and SIGHUP remove the listed files before the process ends. */
void cli_tmp_lock(void);
void cli_tmp_unlock(void);
void cli_tmp_add(char *name);          /* under the lock; name stays the caller's */
void cli_tmp_remove(const char *name); /* under the lock */
/* Directories made for the output path (those below its first keep bytes): a signal removes
 * them when empty, after the files. Listed under the lock from their mkdir to the output's
 * rename or removal; path stays the caller's. */
void cli_tmp_add_dirs(const char *path, size_t keep);
void cli_tmp_remove_dirs(const char *path);
typedef struct cli_sig_guard {
  bool on;
  pthread_t th;
  sigset_t set, old;
} cli_sig_guard;
/* Before any other thread is started; stop after the last temporary file is gone. */
void cli_sig_guard_start(cli_sig_guard *g);
void cli_sig_guard_stop(cli_sig_guard *g);

#endif
