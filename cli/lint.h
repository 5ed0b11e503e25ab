/* lint.h: `qinggao lint`: output formats (lint_out.c), configuration files (config.c) and
 * --fix / --diff (fix.c). docs/ci.md describes what the user sees. */
#ifndef QG_LINT_H
#define QG_LINT_H

#include "cli.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Runs `qinggao lint`; argv[0] is "lint". Returns the exit status. */
int cmd_lint(int argc, char **argv);

/* ---- configuration (config.c) ------------------------------------------------------------ */
enum { LINT_SEV_UNSET = -2, LINT_SEV_OFF = -1 }; /* else a qg_severity */

typedef struct lint_ignore {
  char *base; /* directory of the config file that names the pattern (absolute) */
  char *pat;  /* fnmatch pattern relative to base */
  char *file; /* the config file that names it */
} lint_ignore;

typedef struct lint_config {
  int *sev;         /* per rule of qg_rules(): LINT_SEV_UNSET, LINT_SEV_OFF or a severity */
  long max_warnings; /* -1: not set */
  char *cues;       /* cue file (path resolved against the config's directory), or NULL */
  char *archive;    /* archive path (resolved the same way), or NULL */
  char *archive_at; /* where the configuration names it ("FILE:LINE"), or NULL */
  char **dicts;     /* dict = files (resolved the same way), farthest configuration's first;
                     * added to --dict's */
  size_t ndicts;
  char *dicts_key;  /* the dicts joined by newlines ("" if none): same key, same dictionaries */
  int near_features;     /* a qg_features, or -1: not set */
  double near_threshold; /* 0..1, or -1: not set */
  lint_ignore *ignore;
  size_t nignore;
  char *files;      /* the config files merged, nearest last, ", "-separated ("" if none) */
} lint_config;

/* Number of rules in qg_rules(). */
size_t lint_nrules(void);
/* Index of a rule id in qg_rules(), or -1. */
int lint_rule_index(const char *id);

void lint_config_init(lint_config *c);
void lint_config_free(lint_config *c);
/* Merges one .qinggao.ini into c (its values override c's). *root receives its root key.
 * On error returns QG_ERR_USAGE with "FILE:LINE:COL: what is wrong" (or "FILE: why") in err. */
int lint_config_merge_file(lint_config *c, const char *path, bool *root, char *err,
                           size_t errlen);

/* Finds the configuration of a checked file: .qinggao.ini files from the file's directory up
 * to the filesystem root or the first with root = true, merged (the nearest wins per key).
 * Results are cached per directory and owned by the cache; they stay where they are until
 * the cache is freed (lint keeps one per input). Not for use by several threads at once. */
typedef struct lint_config_cache lint_config_cache;
lint_config_cache *lint_config_cache_new(void);
void lint_config_cache_free(lint_config_cache *cc);
int lint_config_lookup(lint_config_cache *cc, const char *file, const lint_config **out,
                       char *err, size_t errlen);
/* True when file matches one of c's ignore patterns; *hit receives it. */
bool lint_config_ignored(const lint_config *c, const char *file, const lint_ignore **hit);

/* ---- output formats (lint_out.c) ---------------------------------------------------------- */
typedef enum { LINT_GCC, LINT_JSON, LINT_SARIF, LINT_GITHUB, LINT_CODECLIMATE } lint_format;

/* A U+0000 in a diagnostic's original or replacement (qg_diag.original_len: char-invisible
 * removing a NUL of the input) is held in lint's C strings as these two bytes, the "modified
 * UTF-8" of U+0000, which no text of the pipeline (valid UTF-8) holds: fix.c reads it as
 * U+0000, json writes it as \u0000 (lint_nul_unmask) (audit 24 F18). */
#define LINT_NUL "\xC0\x80"
/* s (a C string) with each LINT_NUL as a NUL into buf (room for strlen(s) bytes), its length;
 * when s holds none, s itself is returned in *out and nothing is copied. */
size_t lint_nul_unmask(const char *s, char *buf, const char **out);

/* A file's name as the results of json and sarif write it, made once for the file's results
 * (lint_fname_make): its JSON string (quotes included), and its SARIF artifactLocation uri
 * with the base of a relative path (`"uri","uriBaseId":"%SRCROOT%"`). */
typedef struct lint_fname {
  const char *file; /* the name it was made of, and its length */
  size_t file_len;
  char *json, *uri;
  size_t json_len, uri_len;
} lint_fname;
/* 0, or QG_ERR_NOMEM (fn is then empty, and the results make the forms themselves) */
int lint_fname_make(lint_fname *fn, const char *file);
void lint_fname_free(lint_fname *fn);

/* A diagnostic as lint prints it: the library's, with lint's severity and fix flag. */
typedef struct lint_diag {
  const char *rule, *file, *message, *original, *replacement;
  /* what the caller knows already (a zeroed field: not known, found here): the rule's index in
   * qg_rules() plus one; the lengths of message, original and replacement (with lens), the
   * last two holding no LINT_NUL; file's forms (fname, with fname->file == file) */
  int rule_ix;
  bool lens;
  size_t message_len, original_len, replacement_len;
  const lint_fname *fname;
  qg_pos start, end;
  qg_severity severity;
  bool fixable;   /* --fix would apply it */
  bool fix_region; /* the fix replaces exactly [fix_start, fix_end) of the file with
                    * replacement (SARIF fixes are given only then) */
  qg_pos fix_start, fix_end;
  const char *fixed_by; /* fixable, its change made by the fix of another diagnostic: that
                         * one's rule (from the rule table), at fixed_by_pos; NULL: none */
  qg_pos fixed_by_pos;
  bool has_fingerprint; /* codeclimate's fingerprint, SARIF's partialFingerprints */
  uint64_t fingerprint;
  const char *related_file; /* sarif: a repeat's first occurrence (relatedLocations), as the
                             * format names a file, at related_line; NULL: none */
  uint32_t related_line;
  bool related_article; /* the repeat is an article's: the block repeats nothing, related_line
                         * is the first occurrence of its article's text (session 40) */
  uint64_t seq; /* its place in the order the pipeline raised the file's diagnostics (json's
                 * "seq": diagnostics are printed sorted by position, and a chain of
                 * replacements on one span applies in this order) */
} lint_diag;

/* The output of a run: begin, each file's results, end. A file's results are written with
 * *first set before its first one (lint_out_diag clears it); between two files' results
 * that are not empty, the caller writes lint_out_sep(f) ("," for sarif and codeclimate, whose
 * results are the elements of one JSON array). Files can so be rendered apart (lint -j) and
 * joined in order into the bytes of one run. */
void lint_out_begin(lint_format f, FILE *out);
void lint_out_diag(lint_format f, FILE *out, const lint_diag *d, bool *first);
/* lint_out_diag into memory: d's bytes appended to b (grown as needed), to be written out by
 * the caller; -1, nothing appended, when there is no memory for them (the caller then writes
 * b out and d with lint_out_diag). A run of results so goes to stdio in large pieces. */
typedef struct lint_obuf {
  char *p;
  size_t n, cap;
} lint_obuf;
/* Room for need more bytes at the end of b, grown by doubling from 64 KiB (false: no memory,
 * b as it was); lint_out.c's renderers and lint.c's queue of rendered lines */
static inline bool lint_obuf_room(lint_obuf *b, size_t need) {
  if (b->cap - b->n >= need) return true;
  if (need > SIZE_MAX / 4 - b->n) return false;
  size_t cap = b->cap ? b->cap : 1 << 16;
  while (cap - b->n < need) cap *= 2;
  char *v = realloc(b->p, cap);
  if (!v) return false;
  b->p = v, b->cap = cap;
  return true;
}
int lint_out_diag_buf(lint_format f, lint_obuf *b, const lint_diag *d, bool *first);
/* What gcc and github print of a diagnostic: a line that reads nothing of another result and
 * no fix, so lint renders it when the diagnostic is raised and queues the bytes (cli/lint.c
 * bare_diag). Lengths in bytes; message holds no NUL. */
typedef struct lint_line {
  const char *file, *rule, *message;
  size_t file_len, rule_len, message_len;
  qg_pos start, end;
  qg_severity severity;
} lint_line;
/* f gcc or github: room for l's line, and the line built at p (its end returned): the bytes
 * lint_out_diag writes for a lint_diag of the same fields */
size_t lint_out_line_need(lint_format f, const lint_line *l);
char *lint_out_line_build(lint_format f, char *p, const lint_line *l);
/* the lengths of the ids of qg_rules(), in its order (NULL: no memory for them) */
const size_t *lint_out_rule_lens(void);
const char *lint_out_sep(lint_format f);
/* Ends the output of a run that ends with status (lint's exit status). failed: the inputs
 * that could not be checked, ", "-separated (NULL or "": none); notes: the messages of an
 * error that ended the run (status 2 or 3), without "qinggao: ". SARIF's invocation is
 * executionSuccessful false, with exitCode and failed and notes as toolExecutionNotifications,
 * when status is 2 or more or inputs failed; true otherwise. A run may end (status 2 or 3)
 * right after lint_out_begin, with no results: the log or array is whole all the same. */
void lint_out_end(lint_format f, FILE *out, int status, const char *failed,
                  const char *const *notes, size_t nnotes);
/* An input that could not be checked (status 3), for the formats that say it among the
 * results: github (an ::error annotation on the file), codeclimate (an issue, check_name
 * input-error) and json (a line of rule input-error at 1:1); gcc writes nothing (standard
 * error says it), SARIF names it in lint_out_end. */
void lint_out_failed(lint_format f, FILE *out, const char *file, const char *msg, bool *first);
/* Escapes used by the github format (exposed for tests of the escaping rules). */
void lint_github_escape(FILE *out, const char *s, bool property);

/* ---- --fix and --diff (fix.c) ------------------------------------------------------------- */
/* One fixable diagnostic: span in the original file, the text the pipeline replaced (as it
 * was when that stage edited it) and its replacement. */
typedef enum fix_mode {
  FIX_APPLY,         /* apply when safe */
  FIX_SKIP_TOUCH,    /* not applied (rule turned off); edits touching it are held back too */
  FIX_SKIP_OVERLAP   /* not applied (--fix never applies the rule, or fix_apply held it back
                      * with its link's partner); edits overlapping it too */
} fix_mode;
typedef struct fix_edit {
  qg_pos start, end;
  fix_mode mode;
  const char *rule, *original, *replacement;
  uint32_t link; /* non-zero: the edits with this link are applied all or none (qg_diag.link) */
  bool applied; /* set by fix_apply */
  /* set by fix_apply with applied: the edit replaces exactly the file's characters
   * [direct_start, direct_end) of one line (not text an earlier fix made), so it can be
   * offered on its own (SARIF fixes) */
  bool direct;
  qg_pos direct_start, direct_end;
  /* set by fix_apply with applied: its change is part of the fix of edits[carrier], an edit
   * after it over the same characters (its SARIF fix stands for both); -1: none */
  long carrier;
  /* set by fix_apply: not applied because its line holds bytes that are not UTF-8 (--invalid
   * replace), which are copied as they are and leave the line alone */
  bool invalid;
} fix_edit;

/* True for rules --fix may apply (not paragraph-level, indent or decode rules). */
bool fix_rule_eligible(const char *rule);

/* Applies the edits that can be applied safely to data[0..n) (a file in encoding enc),
 * in the given order (the order the pipeline raised them); edits of one link all or none (an
 * edit held back holds back the others of its link, and they hold back what touches them). On success *out (malloc'd,
 * *outlen bytes) is the new file in the same encoding, BOM and line ends, or, with to_utf8,
 * in UTF-8 without BOM (out NULL: not wanted, as fix_apply_part says); edits[i].applied
 * tells which were applied. Returns 0, or
 * QG_ERR_USAGE / QG_ERR_INPUT / QG_ERR_ICU / QG_ERR_NOMEM with a message in err. */
int fix_apply(const char *data, size_t n, const char *enc, fix_edit *edits, size_t nedits,
              bool to_utf8, char **out, size_t *outlen, char *err, size_t errlen);

/* fix_apply on a part of a file: data[0..n) is whole lines of it (from a line start to just
 * past a line end, or to the end of the file), the edits' lines counted from its first line.
 * file_start: the part starts the file (a BOM there is no character); cr_mode: how lines end
 * in the file, as the decoder decided (1: CR, CR LF and LF; 0: LF; -1: decide from data, as
 * fix_apply does). The edits of a link must all be in the part. With file_start and cr_mode
 * -1 it is fix_apply. out NULL: only the decisions (edits[i].applied, direct) are wanted
 * (outlen is not used); in UTF-8 the new text is then not made. */
int fix_apply_part(const char *data, size_t n, const char *enc, fix_edit *edits, size_t nedits,
                   bool to_utf8, bool file_start, int cr_mode, char **out, size_t *outlen,
                   char *err, size_t errlen);

/* Prints a unified diff (3 lines of context, --- a/NAME +++ b/NAME) between two versions of
 * a file in encoding enc (new_enc for the new one), converted to UTF-8. Lines are compared one
 * to one: fixes never add or remove lines. Returns 0 or an error (err set). */
int fix_diff(FILE *out, const char *name, const char *old, size_t oldlen, const char *enc,
             const char *new, size_t newlen, const char *new_enc, char *err, size_t errlen);

/* fix_diff's diff of the files old (in enc) and new (in new_enc), read line by line twice
 * (memory: a line of each and a bit a line). -1, nothing written, when an encoding cannot be
 * converted a line at a time (UTF-16, ISO-2022, …: then fix_diff); else 0 or an error (err set;
 * part of the diff may be written). Both are read from their start. */
int fix_diff_stream(FILE *out, const char *name, FILE *old, const char *enc, FILE *new,
                    const char *new_enc, char *err, size_t errlen);

/* Replaces path with data[0..n): a temporary file in the same directory, written, fsync'd,
 * given the original's owner and permissions and renamed over it. Refused (err says why, the
 * file untouched) for what is not a regular file, a file the user may not write, a file
 * whose owner could not be kept, and, with was (the file's status when it was read; may be
 * NULL), a file whose device, inode, size or modification time differ from was just before
 * the rename: it changed while it was being fixed. On failure the original is intact and err
 * says why. (QINGGAO_TEST_FAIL_WRITE=1 simulates a failed write, for tests.) */
int fix_write_file(const char *path, const char *data, size_t n, int zkind,
                   const struct stat *was, char *err, size_t errlen);
/* fix_write_file of what the temporary file src holds (from its start), for a file that is
 * not compressed; src is read a piece at a time. */
int fix_write_from(const char *path, FILE *src, const struct stat *was, char *err,
                   size_t errlen);

#endif
