/* jsonl.c: JSON Lines input of clean, dedup and archive add (--jsonl; docs/corpora.md). Each
 * line of an input is a JSON object (checked with jansson); its text field goes through the
 * pipeline as one document named FILE:LINE. clean writes the line back as it came, with the
 * field's value replaced by the clean paragraphs (joined with "\n\n") and "qinggao":
 * {"changes": N, "removed": N} added; dedup writes one record per repeat; archive add's
 * pipeline stores the paragraphs. A bad line is reported as FILE:LINE:COL: what on stderr and
 * not written (nor looked at, nor stored); the run goes on. A line longer than the hold
 * (1 MiB) is read into a temporary file and run from it in bounded memory (run_big; session 28,
 * issue 9). */
#include "jsonl.h"
#include "cli.h" /* qg_tmpfile */
#include "internal.h" /* qg_spool */
#include "zio.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* A line buffer, or a chunk's, grown past this for a long line is freed once the line is done
 * (a worker would otherwise keep the largest it ever held); the clean text of a line too long to
 * hold (run_big) is spooled to a file past it */
#define KEEP_BYTES ((size_t)1 << 20)

struct cli_jsonl {
  cli_jsonl_mode mode;
  FILE *out, *errf; /* errf: where bad lines are reported (stderr) */
  const char *file; /* the current file, as qg_display_name writes it (DUPS_*) */
  unsigned long lineno; /* the current line */
  FILE *repf;       /* and --report's stream (NULL: none) */
  _Atomic uint64_t *progress; /* bytes read from disk are added here (NULL: not counted) */
  const char *field;
  const char *id_field;   /* --id-field (NULL: none) */
  const char *record;     /* the current record's id (NULL: none) */
  char *num_id;           /* a number id's text, as the line writes it */
  unsigned long unnamed;  /* records of the run named by their line for want of an id */
  unsigned long unnamed_file; /* ... of the current file */
  int (*idle)(void *);    /* cli_jsonl_set_idle */
  void *idle_ud;
  void (*mark)(void *, bool); /* cli_jsonl_set_mark */
  void *mark_ud;
  int (*on_diag)(void *, const qg_diag *);
  int (*on_removed)(void *, const qg_block *, const qg_removal *);
  void *ud;
  qg_handler h;
  char *text; /* the current document's clean text */
  size_t len, cap;
  qg_spool big;   /* ... when its line is too long to hold (run_big): spooled */
  size_t big_len; /* its bytes */
  bool big_on;    /* (run_big's document) */
  bool nomem;
  uint64_t changes, removed;
  uint64_t blocks; /* paragraphs of every line so far (cli_jsonl_take_blocks) */
};

uint64_t cli_jsonl_take_blocks(cli_jsonl *j) {
  uint64_t n = j->blocks;
  j->blocks = 0;
  return n;
}

unsigned long cli_jsonl_line(const cli_jsonl *j) { return j->lineno; }

void cli_jsonl_set_id_field(cli_jsonl *j, const char *name) { j->id_field = name; }

void cli_jsonl_set_mark(cli_jsonl *j, void (*mark)(void *, bool), void *ud) {
  j->mark = mark;
  j->mark_ud = ud;
}

void cli_jsonl_set_idle(cli_jsonl *j, int (*idle)(void *), void *ud) {
  j->idle = idle;
  j->idle_ud = ud;
}

unsigned long cli_jsonl_take_unnamed(cli_jsonl *j) {
  unsigned long n = j->unnamed;
  j->unnamed = 0;
  return n;
}

static int j_block(void *ud, const qg_block *b) {
  cli_jsonl *j = ud;
  if (j->mode != CLI_JSONL_CLEAN) return 0; /* (dedup: the records of repeats only) */
  size_t n;
  const char *t = qg_block_text(b, &n);
  if (j->big_on) {
    int rc = j->big_len ? qg_spool_write(&j->big, "\n\n", 2) : 0;
    if (!rc) rc = qg_spool_write(&j->big, t, n);
    if (j->big_len) j->big_len += 2;
    j->big_len += n;
    return rc;
  }
  size_t need = j->len + n + 2 + 1;
  if (need > j->cap) {
    size_t cap = j->cap ? j->cap : 4096;
    while (cap < need) cap *= 2;
    char *v = realloc(j->text, cap);
    if (!v) {
      j->nomem = true;
      return QG_ERR_NOMEM;
    }
    j->text = v, j->cap = cap;
  }
  if (j->len) memcpy(j->text + j->len, "\n\n", 2), j->len += 2;
  memcpy(j->text + j->len, t, n);
  j->len += n;
  return 0;
}

static int j_removed(void *ud, const qg_block *b, const qg_removal *why) {
  cli_jsonl *j = ud;
  j->removed++;
  return j->on_removed ? j->on_removed(j->ud, b, why) : 0;
}

/* t, JSON that jansson wrote, to f with U+2028 and U+2029 escaped as every JSON writer of
 * qinggao escapes them (qg_json_line_sep; jansson writes them raw: in a string they can only
 * stand inside one). */
static bool put_dumped(const char *t, FILE *f) {
  for (const char *p = t;;) {
    const char *e = strchr(p, '\xE2'), *esc = NULL;
    while (e && !(esc = qg_json_line_sep(e, strnlen(e, 3)))) e = strchr(e + 1, '\xE2');
    if (!e) return fputs(p, f) >= 0;
    if (fwrite(p, 1, (size_t)(e - p), f) != (size_t)(e - p) || fputs(esc, f) < 0) return false;
    p = e + 3;
  }
}

/* p[0..n), bytes of the input line copied as they are (its other fields), to f with U+2028 and
 * U+2029 escaped too (session 25, review 24 L4: a raw one in another field still cut the output
 * line for Python's splitlines). JSON allows them only inside a string, where \u2028 is the
 * same value, and a string is never cut between two of the pieces copied. */
static bool put_passed(const char *p, size_t n, FILE *f) {
  const char *end = p + n;
  for (;;) {
    const char *e = memchr(p, '\xE2', (size_t)(end - p)), *esc = NULL;
    while (e && !(esc = qg_json_line_sep(e, (size_t)(end - e))))
      e = memchr(e + 1, '\xE2', (size_t)(end - e - 1));
    if (!e) return fwrite(p, 1, (size_t)(end - p), f) == (size_t)(end - p);
    if (fwrite(p, 1, (size_t)(e - p), f) != (size_t)(e - p) || fputs(esc, f) < 0) return false;
    p = e + 3;
  }
}

/* s as a JSON string (UTF-8 kept), written to f. */
static bool put_json_string(FILE *f, const char *s) {
  json_t *v = json_string(s);
  char *t = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
  json_decref(v);
  bool ok = t && put_dumped(t, f);
  free(t);
  return ok;
}

/* dedup --jsonl: one record per repeated paragraph, as `qinggao dedup` writes them
 * (stages/write_dups.c), but naming the record: "source" its file, "line" the record's line
 * in the file (where the paragraph is), "text_line" the paragraph's line in the record's
 * text; the same for an earlier record of the run it repeats (whose document is named
 * FILE:LINE, split at its last colon). A paragraph found in the archive is named as the
 * archive holds it (source and line as stored). Text: FILE:LINE:TEXTLINE, as clean --jsonl's
 * --report names places. */
static int put_dup(cli_jsonl *j, const qg_diag *d) {
  const qg_dup_ref *r = d->dup;
  FILE *o = j->out;
  bool ok;
  if (j->mode == CLI_JSONL_DUPS_TEXT) {
    ok = fprintf(o, "%s:%lu:%u:", j->file, j->lineno, d->start.line) >= 0;
    if (ok && j->record) ok = fprintf(o, " id \"%s\"", j->record) >= 0;
    ok = ok && fprintf(o, " %s %s:%u", r->archived  ? "was published in"
                                       : r->article ? "part of an article whose text repeats"
                                                    : "repeats",
                       r->source, r->line) >= 0;
    if (ok && r->record) ok = fprintf(o, " id \"%s\"", r->record) >= 0;
    if (ok && r->title) ok = fprintf(o, " \"%s\"", r->title) >= 0;
    if (ok && r->date) ok = fprintf(o, " %s", r->date) >= 0;
    if (r->article) ok = ok && fputs(" (article)\n", o) >= 0; /* (session 40) */
    else
      ok = ok && fprintf(o, " (%s, distance %u, similarity %.2f)\n", r->near ? "near" : "exact",
                         r->distance, r->similarity) >= 0;
    return ok ? 0 : QG_ERR_IO;
  }
  ok = fputs("{\"source\":", o) >= 0 && put_json_string(o, j->file) &&
       fprintf(o, ",\"line\":%lu,\"text_line\":%u", j->lineno, d->start.line) >= 0;
  if (ok && j->record) ok = fputs(",\"id\":", o) >= 0 && put_json_string(o, j->record);
  ok = ok && fputs(",\"duplicate_of\":{\"source\":", o) >= 0;
  const char *colon = r->archived ? NULL : strrchr(r->source, ':');
  if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
    char *file = strndup(r->source, (size_t)(colon - r->source));
    ok = ok && file && put_json_string(o, file) &&
         fprintf(o, ",\"line\":%s,\"text_line\":%u", colon + 1, r->line) >= 0;
    free(file);
  } else {
    ok = ok && put_json_string(o, r->source) && fprintf(o, ",\"line\":%u", r->line) >= 0;
  }
  if (ok && r->record) ok = fputs(",\"id\":", o) >= 0 && put_json_string(o, r->record);
  if (ok && r->title) ok = fputs(",\"title\":", o) >= 0 && put_json_string(o, r->title);
  if (ok && r->date) ok = fputs(",\"date\":", o) >= 0 && put_json_string(o, r->date);
  if (r->article) ok = ok && fputs("},\"kind\":\"article\",\"archived\":false}\n", o) >= 0;
  else
    ok = ok && fprintf(o, "},\"kind\":\"%s\",\"archived\":%s,\"distance\":%u,\"similarity\":%.3f}\n",
                       r->near ? "near" : "exact", r->archived ? "true" : "false", r->distance,
                       r->similarity) >= 0;
  return ok ? 0 : QG_ERR_IO;
}

static int j_diag(void *ud, const qg_diag *d) {
  cli_jsonl *j = ud;
  if (qg_diag_is_change(d)) j->changes++;
  if (j->mode != CLI_JSONL_CLEAN && d->dup && qg_rule_lists_repeat(d->rule)) {
    int rc = put_dup(j, d);
    if (rc) return rc;
  }
  return j->on_diag ? j->on_diag(j->ud, d) : 0;
}

cli_jsonl *cli_jsonl_new(cli_jsonl_mode mode, FILE *out, const char *field,
                         int (*on_diag)(void *, const qg_diag *),
                         int (*on_removed)(void *, const qg_block *, const qg_removal *),
                         void *ud) {
  cli_jsonl *j = calloc(1, sizeof *j);
  if (!j) return NULL;
  j->mode = mode, j->out = out, j->field = field, j->on_diag = on_diag, j->on_removed = on_removed, j->ud = ud;
  j->errf = stderr;
  qg_spool_init(&j->big, KEEP_BYTES);
  j->h = (qg_handler){.userdata = j, .block = j_block, .removed = j_removed, .diag = j_diag};
  return j;
}

const qg_handler *cli_jsonl_handler(cli_jsonl *j) { return &j->h; }

/* A line's message, said on errf and in the report; the file as the pipeline names it
 * (qg_display_name: a newline or a control in its name split the report's line; probe 18 D5). */
static void say_line(cli_jsonl *j, const char *path, unsigned long lineno, int col,
                     const char *sev, const char *rule, const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  const char *shown = j->file ? j->file : path;
  fprintf(j->errf, "qinggao: %s:%lu:%d: %s: %s\n", shown, lineno, col, sev, msg);
  if (j->repf) fprintf(j->repf, "%s:%lu:%d: %s: %s [%s]\n", shown, lineno, col, sev, msg, rule);
}

/* A bad line, not written (`jsonl-bad-line`; probe 15 #8: the report of a corpus run had no
 * trace of the records it dropped). */
__attribute__((format(printf, 5, 6))) static void bad_line(cli_jsonl *j, const char *path,
                                                           unsigned long lineno, int col,
                                                           const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say_line(j, path, lineno, col, "error", "jsonl-bad-line", fmt, ap);
  va_end(ap);
}

/* A warning on a line that is read all the same. */
__attribute__((format(printf, 6, 7))) static void line_warning(cli_jsonl *j, const char *path,
                                                               unsigned long lineno, int col,
                                                               const char *rule,
                                                               const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say_line(j, path, lineno, col, "warning", rule, fmt, ap);
  va_end(ap);
}

void cli_jsonl_set_err(cli_jsonl *j, FILE *errf, FILE *repf, _Atomic uint64_t *progress) {
  j->errf = errf;
  j->repf = repf;
  j->progress = progress;
}

void cli_jsonl_free(cli_jsonl *j) {
  if (!j) return;
  free(j->text);
  qg_spool_free(&j->big);
  free(j->num_id);
  free(j);
}

static const char *type_name(const json_t *v) {
  switch (json_typeof(v)) {
  case JSON_OBJECT: return "an object";
  case JSON_ARRAY: return "an array";
  case JSON_STRING: return "a string";
  case JSON_INTEGER:
  case JSON_REAL: return "a number";
  case JSON_TRUE:
  case JSON_FALSE: return "a boolean";
  default: return "null";
  }
}

/* CLI_JSONL_UNNAMED_SAID (jsonl.h): the records of a file named by their line for want of an id
 * whose warnings are said on errf (the report, --report, has them all); past that, their
 * number at the end of the file. */

/* A record whose --id-field is missing or cannot name it: counted, and said as a warning (on
 * errf, the first CLI_JSONL_UNNAMED_SAID of the file; in the report, `jsonl-no-id`). It is
 * read all the same, named by its line as without --id-field. */
__attribute__((format(printf, 4, 5))) static void no_id(cli_jsonl *j, const char *path,
                                                        unsigned long lineno, const char *fmt,
                                                        ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  j->unnamed++;
  const char *shown = j->file ? j->file : path; /* (as bad_line) */
  if (++j->unnamed_file <= CLI_JSONL_UNNAMED_SAID) {
    if (j->mark) j->mark(j->mark_ud, false);
    fprintf(j->errf, "qinggao: %s:%lu:1: warning: %s: the record is named by its line\n", shown,
            lineno, msg);
    if (j->mark) j->mark(j->mark_ud, true);
  }
  if (j->repf)
    fprintf(j->repf, "%s:%lu:1: warning: %s: the record is named by its line [jsonl-no-id]\n",
            shown, lineno, msg);
}

/* The id of record obj (--id-field), or NULL with the warning said: a string, as its value;
 * a number, as the line writes it (line[s, e): 7, 1e3, an unsigned 64-bit id whole). Anything
 * else names no record, and neither does a string that is empty, longer than QG_RECORD_MAX
 * bytes or holds a control character (an id is shown as it is in messages). */
static const char *record_id(cli_jsonl *j, const char *path, unsigned long lineno,
                             json_t *obj, const char *line, size_t s, size_t e, bool *nomem) {
  json_t *v = json_object_get(obj, j->id_field);
  const char *f = j->id_field;
  if (!v) {
    no_id(j, path, lineno, "no \"%s\" field", f);
    return NULL;
  }
  if (json_is_number(v) && e - s > QG_RECORD_MAX) {
    no_id(j, path, lineno, "field \"%s\" is longer than %d bytes", f, QG_RECORD_MAX);
    return NULL;
  }
  if (json_is_number(v)) {
    char *t = e > s ? strndup(line + s, e - s) : NULL;
    if (!t) {
      *nomem = e > s;
      if (!*nomem) no_id(j, path, lineno, "field \"%s\" was not found in the line's bytes", f);
      return NULL;
    }
    free(j->num_id);
    return j->num_id = t;
  }
  if (!json_is_string(v)) {
    no_id(j, path, lineno, "field \"%s\" is %s, not a string or a number", f, type_name(v));
    return NULL;
  }
  const char *id = json_string_value(v);
  size_t n = json_string_length(v);
  if (!n) no_id(j, path, lineno, "field \"%s\" is empty", f);
  else if (n > QG_RECORD_MAX)
    no_id(j, path, lineno, "field \"%s\" is longer than %d bytes", f, QG_RECORD_MAX);
  else if (strlen(id) != n) no_id(j, path, lineno, "field \"%s\" holds U+0000", f);
  else {
    for (size_t i = 0; i < n; i++) {
      unsigned char c = (unsigned char)id[i];
      if (c < 0x20 || c == 0x7F || (c == 0xC2 && (unsigned char)id[i + 1] < 0xA0)) {
        no_id(j, path, lineno, "field \"%s\" holds a control character", f);
        return NULL;
      }
    }
    return id;
  }
  return NULL;
}


/* Whether s[0..n) is a JSON number (RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?). */
static bool json_number(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && s[i] == '-') i++;
  if (i < n && s[i] == '0') i++;
  else if (i < n && s[i] >= '1' && s[i] <= '9') while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  else return false;
  if (i < n && s[i] == '.') {
    size_t d = ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d) return false;
  }
  return i == n;
}

/* Whether the key line[ks, ke) (between its quotes) is name: by its bytes, or, when it holds an
 * escape ("\u6b63\u6587", as Python's json.dumps writes a Chinese name), by its value (review 9
 * R4: such a text field was no longer found). */
static bool key_is(const char *line, size_t ks, size_t ke, const char *name, size_t nlen) {
  if (!memchr(line + ks, '\\', ke - ks)) return ke - ks == nlen && !memcmp(line + ks, name, nlen);
  json_t *k = json_loadb(line + ks - 1, ke - ks + 2, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
  bool same = k && json_is_string(k) && json_string_length(k) == nlen &&
              !memcmp(json_string_value(k), name, nlen);
  json_decref(k);
  return same;
}

/* The spans of a record's top-level members, found in its bytes (which jansson parses as
 * valid): the value of the text field and of "qinggao", and where the object closes. */
typedef struct spans {
  size_t text_s, text_e;     /* the text field's value ([s, e); e 0: none) */
  size_t id_s, id_e;         /* the --id-field's value (e 0: none) */
  size_t q_s, q_e;           /* "qinggao"'s value (e 0: none) */
  size_t close;              /* the top-level closing brace */
} spans;

/* A copy of line[0..n) for jansson in which every valid number outside strings is 0 and
 * spaces (the same length, so jansson's columns stay those of the line): other fields pass
 * through as their bytes, so a number jansson cannot hold (an unsigned 64-bit id, 1e400)
 * no longer makes a bad line, and none is rewritten (0.1 became 0.10000000000000001, 1E2
 * 100.0, -0 0; probe 9 F17). With the spans of the top level's members when sp is given. */
static char *mask_numbers(const char *line, size_t n, const char *field, const char *id_field,
                          spans *sp) {
  char *m = malloc(n + 1);
  if (!m) return NULL;
  memcpy(m, line, n);
  m[n] = '\0';
  *sp = (spans){0};
  int depth = 0;
  size_t key_s = 0, key_e = 0, val_s = 0; /* the last top-level key, and its value's start */
  bool want_value = false;
  size_t flen = strlen(field), ilen = id_field ? strlen(id_field) : 0;
  for (size_t i = 0; i < n; i++) {
    char c = line[i];
    if (c == '"') { /* a string: skipped whole */
      size_t s0 = i++;
      while (i < n && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
      if (depth == 1 && !want_value) key_s = s0 + 1, key_e = i < n ? i : n;
      continue;
    }
    if (c == ':' && depth == 1) {
      want_value = true;
      val_s = i + 1;
      while (val_s < n && (line[val_s] == ' ' || line[val_s] == '\t')) val_s++;
      continue;
    }
    if ((c == ',' || c == '}') && depth == 1 && want_value) { /* a top-level value ends */
      size_t e = i;
      while (e > val_s && (line[e - 1] == ' ' || line[e - 1] == '\t')) e--;
      if (key_is(line, key_s, key_e, field, flen)) sp->text_s = val_s, sp->text_e = e;
      if (key_is(line, key_s, key_e, "qinggao", 7)) sp->q_s = val_s, sp->q_e = e;
      if (id_field && key_is(line, key_s, key_e, id_field, ilen)) sp->id_s = val_s, sp->id_e = e;
      want_value = false;
    }
    if (c == '{' || c == '[') depth++;
    else if (c == '}' || c == ']') {
      if (--depth == 0 && c == '}' && !sp->close) sp->close = i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t e = i;
      while (e < n && (line[e] == '-' || line[e] == '+' || line[e] == '.' || line[e] == 'e' ||
                       line[e] == 'E' || (line[e] >= '0' && line[e] <= '9')))
        e++;
      if (json_number(line + i, e - i)) {
        m[i] = '0';
        memset(m + i + 1, ' ', e - i - 1);
      }
      i = e - 1;
    }
  }
  return m;
}

/* jansson's message quotes the token where it stopped ("… near '0'"), read from the masked
 * copy: a number there is the line's own, as written (probe 15 #14: `123456789` was "'[' or
 * '{' expected near '0'"). The token ends at byte e->position; a masked number is its 0 and
 * the spaces after it. Other messages are left as they are. */
static void unmask_near(json_error_t *e, const char *line, const char *masked, size_t n) {
  char *q = strstr(e->text, " near '");
  size_t tl = strlen(e->text);
  if (!q || tl < 2 || e->text[tl - 1] != '\'' || e->position < 0) return;
  const char *near = q + 7;
  size_t len = (size_t)(e->text + tl - 1 - near), end = (size_t)e->position;
  if (len > end || end > n) return;
  size_t start = end - len;
  while (end < n && masked[end] == ' ' && line[end] != ' ') end++; /* the number's other bytes */
  if (end - start == len && !memcmp(line + start, near, len)) return; /* no number in it */
  size_t cut = end - start > 64 ? 64 : end - start; /* (a number of a thousand digits) */
  char quote[160];
  snprintf(quote, sizeof quote, " near '%.*s%s'", (int)cut, line + start,
           cut < end - start ? "…" : "");
  size_t at = (size_t)(q - e->text);
  snprintf(e->text + at, sizeof e->text - at, "%s", quote);
}

static int hex4(const char *s) { /* the value of 4 hex digits, -1 if they are not */
  int v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/* Lone surrogate escapes (\ud83d without its pair, as JavaScript-made crawls write half an
 * emoji; probe 18 Q2): jansson refused the whole line ("invalid Unicode"), so the record was
 * dropped for one character, even in a field that is not the text. In m (the masked copy of
 * line[0..n), the same bytes) each becomes \uFFFD, U+FFFD REPLACEMENT CHARACTER, as a
 * decoder replaces a byte it cannot read; at[] gets the byte offset of up to max of them,
 * *count how many there were. */
static void lone_surrogates(const char *line, char *m, size_t n, size_t *at, size_t max,
                            size_t *count) {
  *count = 0;
  for (size_t i = 0; i < n; i++) {
    if (line[i] != '"') continue;
    for (i++; i < n && line[i] != '"'; i++) {
      if (line[i] != '\\') continue;
      if (i + 5 >= n + 0 || line[i + 1] != 'u') {
        i++; /* (another escape: its character skipped) */
        continue;
      }
      int u = hex4(line + i + 2);
      if (u < 0xD800 || u > 0xDFFF) {
        i += 5;
        continue;
      }
      if (u < 0xDC00 && i + 11 < n + 0 && line[i + 6] == '\\' && line[i + 7] == 'u') {
        int v = hex4(line + i + 8);
        if (v >= 0xDC00 && v <= 0xDFFF) { /* a pair */
          i += 11;
          continue;
        }
      }
      if (*count < max) at[*count] = i;
      ++*count;
      memcpy(m + i + 2, "FFFD", 4);
      i += 5;
    }
  }
}

/* The column (characters, from 1) of byte off of line. */
static int char_col(const char *line, size_t off) {
  int col = 1;
  for (size_t i = 0; i < off; i++) col += ((unsigned char)line[i] & 0xC0) != 0x80;
  return col;
}

bool cli_jsonl_is_object(const char *line, size_t n) {
  if (n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) line += 3, n -= 3;
  spans sp;
  char *masked = mask_numbers(line, n, "text", NULL, &sp);
  if (!masked) return false;
  size_t at[1], lone;
  if (memchr(line, '\\', n)) lone_surrogates(line, masked, n, at, 1, &lone);
  json_t *v = json_loadb(masked, n, JSON_ALLOW_NUL, NULL);
  free(masked);
  bool obj = v && json_is_object(v);
  json_decref(v);
  return obj;
}

/* One line: 0 written, 1 a bad line (reported), <0 a fatal error. */
static int one_line(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long lineno,
                    const char *line, size_t n) {
  json_error_t e;
  int col0 = 0; /* a byte-order mark before the first record (an editor on Windows wrote it) */
  if (lineno == 1 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) line += 3, n -= 3, col0 = 1;
  /* U+0000 is a character of JSON strings like any other (\u0000): the text field goes to the
   * pipeline by length, other fields pass through */
  spans sp;
  char *masked = mask_numbers(line, n, j->field, j->id_field, &sp);
  if (!masked) return QG_ERR_NOMEM;
  enum { LONE_SAID = 8 };
  size_t lone_at[LONE_SAID], lone = 0;
  if (memchr(line, '\\', n)) lone_surrogates(line, masked, n, lone_at, LONE_SAID, &lone);
  json_t *obj = json_loadb(masked, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
  if (!obj) unmask_near(&e, line, masked, n);
  free(masked);
  if (obj && json_is_object(obj)) /* said where each is; the record is read (a bad line is said as such) */
    for (size_t k = 0; k < lone && k < LONE_SAID; k++)
      line_warning(j, path, lineno, char_col(line, lone_at[k]) + col0, "jsonl-surrogate",
                   "\\u%.4s is half of a UTF-16 surrogate pair, without its other half: read as "
                   "U+FFFD%s", line + lone_at[k] + 2,
                   k + 1 == LONE_SAID && lone > LONE_SAID ? " (and more on this line)" : "");
  if (!obj) {
    /* a CR inside the line: lines ended by CR alone (an old Mac file) read as one line; a BOM
     * or a form feed where a record starts: named, as the message quotes it invisibly
     * (probe 10 F20) */
    int col = (e.column > 0 ? e.column : 1);
    const unsigned char *at = (const unsigned char *)line + (col - 1 < (int)n ? col - 1 : 0);
    bool bom = (size_t)(col - 1) + 3 <= n && !memcmp(at, "\xEF\xBB\xBF", 3);
    char ctl[48];
    snprintf(ctl, sizeof ctl, " (the control character U+%04X)", (unsigned)*at);
    const char *why = bom ? " (U+FEFF, a byte order mark inside the file: files concatenated?)"
                      : (size_t)(col - 1) < n && *at < 0x20 && *at != '\r' ? ctl
                      : memchr(line, '\r', n) ? " (the line holds a carriage return: JSON Lines end "
                                                "each record with LF or CR LF, not CR alone)"
                                              : "";
    bad_line(j, path, lineno, col + col0, "%s%s", e.text, why);
    return 1;
  }
  if (!json_is_object(obj)) {
    bad_line(j, path, lineno, 1, "%s, not a JSON object", type_name(obj));
    json_decref(obj);
    return 1;
  }
  json_t *t = json_object_get(obj, j->field);
  if (!t || !json_is_string(t)) {
    if (!t) bad_line(j, path, lineno, 1, "no \"%s\" field", j->field);
    else bad_line(j, path, lineno, 1, "field \"%s\" is %s, not a string", j->field, type_name(t));
    json_decref(obj);
    return 1;
  }
  bool nomem = false;
  j->record = j->id_field ? record_id(j, path, lineno, obj, line, sp.id_s, sp.id_e, &nomem) : NULL;
  if (nomem) {
    json_decref(obj);
    return QG_ERR_NOMEM;
  }
  char name[4096];
  snprintf(name, sizeof name, "%s:%lu", path, lineno);
  j->len = 0, j->changes = 0, j->removed = 0;
  int rc = qg_pipeline_begin_record(p, name, j->record);
  if (!rc) rc = qg_pipeline_feed(p, json_string_value(t), json_string_length(t));
  int frc = qg_pipeline_finish(p);
  j->record = NULL; /* (obj's) */
  if (!rc) rc = frc;
  if (!rc) j->blocks += qg_pipeline_docinfo(p)->blocks;
  if (rc == QG_ERR_STOPPED && j->mode == CLI_JSONL_FEED && !j->nomem) { /* the archive */
    json_decref(obj);
    return QG_ERR_STOPPED;
  }
  if (rc == QG_ERR_NOMEM || rc == QG_ERR_STOPPED || j->nomem) {
    json_decref(obj);
    return QG_ERR_NOMEM;
  }
  if (rc && qg_pipeline_errmsg(p)[0]) { /* not the record's fault (the archive): the run stops */
    json_decref(obj);
    return QG_ERR_IO;
  }
  if (rc) { /* the text itself failed (invalid characters): reported by the pipeline */
    bad_line(j, path, lineno, 1, "field \"%s\" not %s: %s", j->field,
             j->mode == CLI_JSONL_CLEAN ? "cleaned" : j->mode == CLI_JSONL_FEED ? "archived"
                                                                                : "checked",
             qg_strerror(rc));
    json_decref(obj);
    return 1;
  }
  json_decref(obj);
  if (j->mode != CLI_JSONL_CLEAN) return 0; /* (its repeats written, or its text stored) */
  /* the line written back as it came, but for the text field's value and the counts (which
   * replace a "qinggao" field the line had, or are added before the closing brace) */
  json_t *tv = json_stringn(j->text ? j->text : "", j->len);
  char *ts = tv ? json_dumps(tv, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
  json_decref(tv);
  if (!ts || !sp.text_e || !sp.close) {
    free(ts);
    if (ts) { /* (a record jansson read whose spans were not found: not expected) */
      bad_line(j, path, lineno, 1, "the \"%s\" field was not found in the line's bytes", j->field);
      return 1;
    }
    return QG_ERR_NOMEM;
  }
  char stats[96];
  snprintf(stats, sizeof stats, "{\"changes\":%llu,\"removed\":%llu}",
           (unsigned long long)j->changes, (unsigned long long)j->removed);
  bool ok = true;
  size_t at = 0;
  /* the two replaced values in the order they come */
  size_t s1 = sp.text_s, e1 = sp.text_e, s2 = sp.q_e ? sp.q_s : 0, e2 = sp.q_e;
  const char *r1 = ts, *r2 = stats;
  if (e2 && s2 < s1) s1 = sp.q_s, e1 = sp.q_e, s2 = sp.text_s, e2 = sp.text_e, r1 = stats, r2 = ts;
  ok = ok && put_passed(line, s1 - at, j->out) && put_dumped(r1, j->out);
  at = e1;
  if (e2) {
    ok = ok && put_passed(line + at, s2 - at, j->out) && put_dumped(r2, j->out);
    at = e2;
  } else {
    ok = ok && put_passed(line + at, sp.close - at, j->out) &&
         fprintf(j->out, ",\"qinggao\":%s", stats) >= 0;
    at = sp.close;
  }
  ok = ok && put_passed(line + at, n - at, j->out) && fputc('\n', j->out) != EOF;
  free(ts);
  return ok ? 0 : QG_ERR_IO;
}

/* ---- reading an input's lines ---------------------------------------------------------------
 * One reader per input: zin (plain, .gz, .zst) read 64 KiB at a time, the lines cut at LF (a
 * CR before it dropped). cli_jsonl_run runs each line as it comes; a batch on several workers
 * cuts the lines into chunks (cli_jsonl_read_chunk) that other workers run. Either way the
 * reads fall between the same lines, so what a read says (a zio warning, the damage) is said
 * between the same lines' messages. */

enum { READ_BYTES = 64 * 1024 };
/* A line longer than this is not held in memory but spooled to a temporary file and run in
 * bounded memory (run_big; session 28, issue 9); QINGGAO_JSONL_HOLD (bytes) overrides it. */
#define HOLD_BYTES ((size_t)1 << 20)

struct cli_jsonl_in {
  zin *z;
  const char *path; /* as given */
  const char *name; /* path, or <stdin>: as the records' documents are named */
  char *shown;      /* as qg_display_name writes it */
  char *buf;        /* the last read: buf[i, n) not yet cut into lines */
  size_t n, i;
  char *line; /* the line being put together */
  size_t len, cap;
  unsigned long lineno; /* lines handed out */
  size_t hold;          /* a line longer than this goes to spool (QINGGAO_JSONL_HOLD) */
  FILE *spool;          /* the line being put together once past hold (NULL: in line) */
  size_t slen;          /* its bytes */
  char last;            /* its last byte */
  bool in_mem;          /* the line is held in memory all the same (no temporary file) */
  bool eof;
  uint64_t counted; /* raw bytes added to progress */
  _Atomic uint64_t *progress;
  int (*idle)(void *);
  void *idle_ud;
  FILE *capture; /* a chunked reader's warnings (zio), kept for the chunk they go with */
  char *cap_buf;
  size_t cap_size, cap_taken;
};

/* Opens path; NULL with *rc and err set (the reader's message, or out of memory). */
static cli_jsonl_in *in_open(const char *path, int *rc, char *err, size_t errlen) {
  zin *z = zin_open(path, err, errlen);
  if (!z) {
    *rc = QG_ERR_IO;
    return NULL;
  }
  cli_jsonl_in *r = calloc(1, sizeof *r);
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  char *shown = r ? qg_display_name(name) : NULL; /* as the pipeline names the documents */
  char *buf = shown ? malloc(READ_BYTES) : NULL; /* per input: readers may run on several threads */
  if (!buf) {
    zin_close(z);
    free(shown);
    free(r);
    snprintf(err, errlen, "%s: out of memory", path);
    *rc = QG_ERR_NOMEM;
    return NULL;
  }
  r->z = z, r->path = path, r->name = name, r->shown = shown, r->buf = buf;
  r->hold = HOLD_BYTES;
  const char *h = getenv("QINGGAO_JSONL_HOLD");
  if (h && *h >= '0' && *h <= '9') {
    char *e;
    unsigned long long v = strtoull(h, &e, 10);
    if (!*e) r->hold = v < SIZE_MAX ? (size_t)v : SIZE_MAX;
  }
  return r;
}

static void in_close(cli_jsonl_in *r) {
  if (!r) return;
  zin_close(r->z);
  if (r->capture) fclose(r->capture);
  if (r->spool) fclose(r->spool);
  free(r->cap_buf);
  free(r->line);
  free(r->buf);
  free(r->shown);
  free(r);
}

/* A line past r->hold bytes: what r->line holds of it, and from now on what is read of it, go
 * to an anonymous temporary file (qg_tmpfile). 0; 1 when the file cannot be made ($TMPDIR
 * missing): the line is held in memory instead, as before session 28; or QG_ERR_IO with err
 * set (a write error). */
static int spool_put(cli_jsonl_in *r, const char *p, size_t k, char *err, size_t errlen) {
  if (!r->spool) {
    if (!(r->spool = qg_tmpfile())) {
      r->in_mem = true;
      return 1;
    }
    r->slen = 0;
    if (r->len && fwrite(r->line, 1, r->len, r->spool) != r->len) goto fail;
    r->slen = r->len;
    if (r->len) r->last = r->line[r->len - 1];
    r->len = 0;
  }
  if (k && fwrite(p, 1, k, r->spool) != k) goto fail;
  if (k) r->slen += k, r->last = p[k - 1];
  return 0;
fail:
  snprintf(err, errlen, "%s:%lu: cannot write a temporary file for a long line: %s", r->shown,
           r->lineno + 1, strerror(errno));
  return QG_ERR_IO;
}

/* The next line of r (without its end): 1 with *line and *len (r->lineno its number; the bytes
 * stay until the next call), or, for a line longer than r->hold (session 28), with *line NULL
 * and *big a temporary file holding it (its first *len bytes; the caller closes it); 0 at the
 * end; QG_ERR_IO with err set (damage, named with the line it cuts, a read error, or the
 * temporary file), QG_ERR_INPUT (UTF-16), QG_ERR_NOMEM, or QG_ERR_STOPPED (idle). */
static int in_next(cli_jsonl_in *r, const char **line, size_t *len, FILE **big, char *err,
                   size_t errlen) {
  *big = NULL;
  if (!r->len && r->cap > KEEP_BYTES) { /* the last line was long: its memory goes back */
    free(r->line);
    r->line = NULL, r->cap = 0;
  }
  for (;;) {
    if (r->i < r->n || (r->eof && (r->len || r->spool))) {
      const char *nl = r->i < r->n ? memchr(r->buf + r->i, '\n', r->n - r->i) : NULL;
      size_t k = nl ? (size_t)(nl - (r->buf + r->i)) : r->n - r->i;
      int rc = r->spool || (!r->in_mem && r->len + k > r->hold)
                   ? spool_put(r, r->buf + r->i, k, err, errlen) : 1;
      if (rc < 0) return rc;
      if (!rc) {
        r->i += k + (nl ? 1 : 0);
        if (nl || r->eof) {
          r->lineno++;
          if (fflush(r->spool)) {
            snprintf(err, errlen, "%s:%lu: cannot write a temporary file for a long line: %s",
                     r->shown, r->lineno, strerror(errno));
            return QG_ERR_IO;
          }
          *line = NULL, *len = r->slen - (r->slen && r->last == '\r');
          *big = r->spool;
          r->spool = NULL;
          return 1;
        }
        continue;
      }
      if (r->len + k + 1 > r->cap) {
        size_t c = r->cap ? r->cap : 4096;
        while (c < r->len + k + 1) c *= 2;
        char *v = realloc(r->line, c);
        if (!v) return QG_ERR_NOMEM;
        r->line = v, r->cap = c;
      }
      memcpy(r->line + r->len, r->buf + r->i, k);
      r->len += k;
      r->i += k + (nl ? 1 : 0);
      if (nl || r->eof) {
        r->lineno++;
        r->in_mem = false;
        if (r->len && r->line[r->len - 1] == '\r') r->len--;
        *line = r->line, *len = r->len;
        r->len = 0;
        return 1;
      }
      continue; /* the line goes on in the next read */
    }
    if (r->eof) return 0;
    size_t n;
    /* (a pipe short of a chunk: the read may wait for its writer as long as it likes; a fast
     * writer keeps the pipe full, and no commit is made for it) */
    if (r->idle && r->lineno && zin_may_wait(r->z, READ_BYTES) && r->idle(r->idle_ud))
      return QG_ERR_STOPPED;
    if (zin_read(r->z, r->buf, READ_BYTES, &n, err, errlen)) {
      /* damage (a cut download): every line read whole before it was run; said with the line
       * it cuts, named as the records are (probe 18 D2) */
      size_t pl = strlen(r->path);
      if (!strncmp(err, r->path, pl) && !strncmp(err + pl, ": ", 2)) {
        char what[512];
        snprintf(what, sizeof what, "%s", err + pl + 2);
        const char *cut = r->len || r->spool ? "the line is cut there, " : "";
        unsigned long lineno = r->lineno;
        if (lineno)
          snprintf(err, errlen, "%s:%lu: %s; %sthe %lu complete line%s before it %s read", r->shown,
                   lineno + 1, what, cut, lineno, lineno == 1 ? "" : "s",
                   lineno == 1 ? "was" : "were");
        else
          snprintf(err, errlen, "%s:1: %s; %sno complete line before it", r->shown, what, cut);
      }
      return QG_ERR_IO;
    }
    if (r->progress) {
      uint64_t raw = zin_raw_bytes(r->z);
      atomic_fetch_add(r->progress, raw - r->counted);
      r->counted = raw;
    }
    if (!n) r->eof = true;
    const unsigned char *ub = (const unsigned char *)r->buf;
    if (!r->lineno && !r->len && n >= 4 &&
        ((ub[0] == 0xFF && ub[1] == 0xFE) || (ub[0] == 0xFE && ub[1] == 0xFF) ||
         (ub[0] == '{' && !ub[1] && ub[2] == '"' && !ub[3]) ||
         (!ub[0] && ub[1] == '{' && !ub[2] && ub[3] == '"'))) {
      /* a byte order mark or {" in UTF-16 (what PowerShell's > writes): said once, not a bad
       * line per record; a stray NUL in UTF-8 is no sign of it */
      snprintf(err, errlen, "%s: UTF-16 text: JSON Lines must be UTF-8 (iconv -f UTF-16 -t UTF-8)",
               r->shown);
      return QG_ERR_INPUT;
    }
    r->n = n, r->i = 0;
  }
}

/* One line read: blank lines are skipped; 0, or a fatal error of one_line. */
static int run_line(cli_jsonl *j, qg_pipeline *p, const char *name, unsigned long lineno,
                    const char *line, size_t len, unsigned long *bad, unsigned long *good) {
  /* a byte-order mark before the first line is no text (one_line skips it too) */
  size_t s = lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3) ? 3 : 0;
  while (s < len && (line[s] == ' ' || line[s] == '\t')) s++;
  if (s == len) return 0; /* blank lines are skipped */
  int r = one_line(j, p, name, lineno, line, len);
  if (r == 1) ++*bad;
  else if (r == 0) ++*good;
  else return r;
  return 0;
}

/* ---- a line too long to hold (session 28, issue 9) ------------------------------------------
 * A line longer than the hold (HOLD_BYTES, QINGGAO_JSONL_HOLD) is read into a temporary file,
 * and run from it in bounded memory: a scan (one pass, memory for the keys only) checks the
 * line against JSON's grammar (RFC 8259) and finds the top-level values one_line uses; the text
 * field's string is decoded in pieces and fed to the pipeline in pieces, its clean paragraphs
 * are spooled (qg_spool), and the line is written back from the two files as one_line writes it.
 * Anything one_line has a message of its own for (a bad line, a duplicate key, the text not a
 * string, a lone surrogate, a CR, an id field of more than BIG_ID bytes …), or the scan cannot
 * vouch for, sends the line to one_line whole, read back into memory, so that every message and
 * output stays the same: only such a line costs memory as it grows. */

/* s[0..n) added to *buf (with room for extra more bytes). */
static bool put(char **buf, size_t *len, size_t *cap, const char *s, size_t n, size_t extra) {
  if (*len + n + extra > *cap) {
    size_t c = *cap ? *cap : 4096;
    while (c < *len + n + extra) c *= 2;
    char *v = realloc(*buf, c);
    if (!v) return false;
    *buf = v, *cap = c;
  }
  memcpy(*buf + *len, s, n);
  *len += n;
  return true;
}

enum { BIG_DEPTH = 64, BIG_PIECE = 64 * 1024, BIG_ID = 4096 };
#define BIG_KEYS ((size_t)1 << 20) /* the keys of the open objects, decoded */

typedef struct bscan {
  FILE *f;
  size_t n, pos; /* the line's bytes, and the offset of the next one */
  int ahead;     /* the byte at pos when peeked (-2: not yet) */
  bool odd;      /* not a line the scan vouches for: one_line runs it */
  const char *field, *id_field;
  char *keys; /* the open objects' keys: each as its length (a size_t) then its bytes */
  size_t klen, kcap;
  char *key; /* the key being read, decoded */
  size_t keylen, keycap;
  spans sp;
  int text_kind, id_kind; /* the kind of value ('"', '0', '{', '[', 't', 'f', 'n'; 0: none) */
} bscan;

static int bs_peek(bscan *s) {
  if (s->ahead == -2) {
    s->ahead = s->pos < s->n ? getc_unlocked(s->f) : -1;
    if (s->ahead == EOF) s->ahead = -1;
  }
  return s->ahead;
}
static int bs_get(bscan *s) {
  int c = bs_peek(s);
  if (c >= 0) s->pos++, s->ahead = -2;
  return c;
}
static void bs_ws(bscan *s) { /* (a CR, which jansson skips, is left: odd) */
  for (int c; (c = bs_peek(s)) == ' ' || c == '\t';) bs_get(s);
}
static bool bs_keyput(bscan *s, const char *p, size_t n) {
  if (s->keylen + n > BIG_KEYS) return false;
  return put(&s->key, &s->keylen, &s->keycap, p, n, 0);
}

/* The four hex digits of a \u escape, read after its backslash and u: their value, -1 when
 * they are not four hex digits. */
static int bs_hex4(bscan *s) {
  char h[4];
  for (int i = 0; i < 4; i++) {
    int c = bs_get(s);
    if (c < 0) return -1;
    h[i] = (char)c;
  }
  return hex4(h);
}

/* A string, its opening quote read; decoded into s->key when key. False when it is not one
 * jansson reads as it stands (odd): a control character, invalid UTF-8, a bad escape, a lone
 * surrogate (one_line's warning), U+0000 in a key. */
static bool bs_string(bscan *s, bool key) {
  if (key) s->keylen = 0;
  for (;;) {
    int c = bs_get(s);
    if (c < 0 || c < 0x20) return false;
    if (c == '"') return true;
    char b[4];
    size_t bn = 1;
    b[0] = (char)c;
    if (c == '\\') {
      int e = bs_get(s);
      switch (e) {
      case '"': case '\\': case '/': b[0] = (char)e; break;
      case 'b': b[0] = '\b'; break;
      case 'f': b[0] = '\f'; break;
      case 'n': b[0] = '\n'; break;
      case 'r': b[0] = '\r'; break;
      case 't': b[0] = '\t'; break;
      case 'u': {
        int u = bs_hex4(s);
        if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF) || (key && u == 0)) return false;
        if (u >= 0xD800 && u <= 0xDBFF) {
          if (bs_get(s) != '\\' || bs_get(s) != 'u') return false;
          int v = bs_hex4(s);
          if (v < 0xDC00 || v > 0xDFFF) return false;
          u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
        }
        bn = qg_utf8_encode((uint32_t)u, b);
        break;
      }
      default: return false;
      }
    } else if (c >= 0x80) { /* UTF-8, strictly: no overlong form, surrogate or past U+10FFFF */
      int need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
      if (need < 0) return false;
      for (int k = 0; k < need; k++) {
        int d = bs_get(s);
        if (d < 0x80 || d > 0xBF) return false;
        if (k == 0 && ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F) ||
                       (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F)))
          return false;
        b[bn++] = (char)d;
      }
    }
    if (key && !bs_keyput(s, b, bn)) return false;
  }
}

/* A number whose first byte was peeked: the longest run of number bytes, as mask_numbers takes
 * it, must be one (RFC 8259). */
static bool bs_number(bscan *s) {
  int st = 0; /* 1 after -, 2 after a leading 0, 3 in the integer, 4 after ., 5 in the
               * fraction, 6 after e, 7 after its sign, 8 in the exponent; 9: not a number */
  for (int c; (c = bs_peek(s)) >= 0 && (c == '-' || c == '+' || c == '.' || c == 'e' ||
                                        c == 'E' || (c >= '0' && c <= '9'));) {
    bs_get(s);
    bool dig = c >= '0' && c <= '9';
    switch (st) {
    case 0: st = c == '-' ? 1 : c == '0' ? 2 : dig ? 3 : 9; break;
    case 1: st = c == '0' ? 2 : dig ? 3 : 9; break;
    case 2: case 3:
      st = dig && st == 3 ? 3 : c == '.' ? 4 : c == 'e' || c == 'E' ? 6 : 9;
      break;
    case 4: st = dig ? 5 : 9; break;
    case 5: st = dig ? 5 : c == 'e' || c == 'E' ? 6 : 9; break;
    case 6: st = dig ? 8 : c == '+' || c == '-' ? 7 : 9; break;
    case 7: case 8: st = dig ? 8 : 9; break;
    default: break;
    }
  }
  return st == 2 || st == 3 || st == 5 || st == 8;
}

static int bs_value(bscan *s, int depth);

/* An object, its { read; depth is its own (1: the line's). */
static bool bs_object(bscan *s, int depth) {
  size_t frame = s->klen, count = 0;
  bs_ws(s);
  if (bs_peek(s) == '}') {
    bs_get(s);
    if (depth == 1) s->sp.close = s->pos - 1;
    return true;
  }
  for (;;) {
    bs_ws(s);
    if (bs_get(s) != '"' || !bs_string(s, true)) return false;
    /* a key twice: one_line's message (jansson's) */
    for (size_t at = frame; at < s->klen;) {
      size_t kl;
      memcpy(&kl, s->keys + at, sizeof kl);
      if (kl == s->keylen && !memcmp(s->keys + at + sizeof kl, s->key, kl)) return false;
      at += sizeof kl + kl;
    }
    if (++count > 4096 || s->klen + sizeof(size_t) + s->keylen > BIG_KEYS) return false;
    size_t kl = s->keylen;
    if (!put(&s->keys, &s->klen, &s->kcap, (const char *)&kl, sizeof kl, 0) ||
        !put(&s->keys, &s->klen, &s->kcap, s->key, kl, 0))
      return false;
    bool is_text = false, is_q = false, is_id = false;
    if (depth == 1) {
      const char *k = s->keys + s->klen - kl;
      is_text = kl == strlen(s->field) && !memcmp(k, s->field, kl);
      is_q = kl == 7 && !memcmp(k, "qinggao", 7);
      is_id = s->id_field && kl == strlen(s->id_field) && !memcmp(k, s->id_field, kl);
    }
    bs_ws(s);
    if (bs_get(s) != ':') return false;
    bs_ws(s);
    size_t vs = s->pos;
    int kind = bs_value(s, depth + 1);
    if (!kind) return false;
    size_t ve = s->pos;
    if (is_text) s->sp.text_s = vs, s->sp.text_e = ve, s->text_kind = kind;
    if (is_q) s->sp.q_s = vs, s->sp.q_e = ve;
    if (is_id) s->sp.id_s = vs, s->sp.id_e = ve, s->id_kind = kind;
    bs_ws(s);
    int c = bs_get(s);
    if (c == '}') {
      if (depth == 1) s->sp.close = s->pos - 1;
      s->klen = frame;
      return true;
    }
    if (c != ',') return false;
  }
}

/* A value: its kind, or 0 when it is not one the scan vouches for. */
static int bs_value(bscan *s, int depth) {
  if (depth > BIG_DEPTH) return 0;
  int c = bs_peek(s);
  if (c == '{') return bs_get(s), bs_object(s, depth) ? '{' : 0;
  if (c == '"') return bs_get(s), bs_string(s, false) ? '"' : 0;
  if (c == '-' || (c >= '0' && c <= '9')) return bs_number(s) ? '0' : 0;
  if (c == '[') {
    bs_get(s);
    bs_ws(s);
    if (bs_peek(s) == ']') return bs_get(s), '[';
    for (;;) {
      bs_ws(s);
      if (!bs_value(s, depth + 1)) return 0;
      bs_ws(s);
      int e = bs_get(s);
      if (e == ']') return '[';
      if (e != ',') return 0;
    }
  }
  const char *word = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : NULL;
  if (!word) return 0;
  for (const char *w = word; *w; w++)
    if (bs_get(s) != *w) return 0;
  int a = bs_peek(s);
  if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) return 0; /* (jansson reads a word) */
  return c;
}

/* Scans the line f[from, n): -1 blank (spaces and tabs), 1 a line run_big runs (spans in s),
 * 0 odd. */
static int bs_line(bscan *s, size_t from) {
  s->pos = from, s->ahead = -2;
  if (fseek(s->f, (long)from, SEEK_SET)) return 0;
  bs_ws(s);
  if (bs_peek(s) < 0) return s->pos == s->n ? -1 : 0;
  if (bs_get(s) != '{' || !bs_object(s, 1)) return 0;
  bs_ws(s);
  if (s->pos != s->n || bs_peek(s) >= 0) return 0;
  if (s->text_kind != '"') return 0; /* (one_line's message) */
  if (s->id_field && s->id_kind && s->sp.id_e - s->sp.id_s > BIG_ID) return 0;
  return 1;
}

/* Where a piece of have bytes read from a UTF-8 stream ends between characters: have, or the
 * start of a character cut at its end (its rest comes with the next piece). */
static size_t utf8_cut(const char *b, size_t have) {
  size_t k = 0;
  while (k < 3 && k < have && ((unsigned char)b[have - 1 - k] & 0xC0) == 0x80) k++;
  return k < have && (unsigned char)b[have - 1 - k] >= 0xC0 ? have - 1 - k : have;
}

/* f[from, to) to out as put_passed writes it, read in pieces cut between characters. */
static bool copy_passed(FILE *f, size_t from, size_t to, FILE *out) {
  if (from >= to) return true;
  if (fseek(f, (long)from, SEEK_SET)) return false;
  char b[BIG_PIECE + 4];
  size_t keep = 0;
  while (from < to) {
    size_t want = to - from < BIG_PIECE ? to - from : BIG_PIECE;
    size_t got = fread(b + keep, 1, want, f);
    if (got != want) return false;
    from += got;
    size_t have = keep + got;
    size_t cut = from < to ? utf8_cut(b, have) : have; /* (a character cut waits for the next) */
    if (!put_passed(b, cut, out)) return false;
    keep = have - cut;
    memmove(b, b + cut, keep);
  }
  return !keep || put_passed(b, keep, out);
}

/* p[0..n), whole characters of clean text, to out as the inside of the JSON string jansson
 * writes for it (put_json_string without the quotes; its escapes are those of each character
 * alone, so the pieces of a text written so are the text written whole). */
static bool put_escaped(const char *p, size_t n, FILE *out) {
  if (!n) return true;
  json_t *v = json_stringn(p, n);
  char *t = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
  json_decref(v);
  size_t tl = t ? strlen(t) : 0;
  bool ok = tl >= 2;
  if (ok) {
    t[tl - 1] = '\0';
    ok = put_dumped(t + 1, out);
  }
  free(t);
  return ok;
}

/* The clean text spooled (j->big) to out as put_escaped writes it. */
static bool put_spooled(qg_spool *sp, FILE *out) {
  if (!sp->file) {
    for (size_t at = 0; at < sp->mem.len;) {
      size_t cut = sp->mem.len - at > BIG_PIECE ? at + BIG_PIECE : sp->mem.len;
      while (cut < sp->mem.len && ((unsigned char)sp->mem.ptr[cut] & 0xC0) == 0x80) cut--;
      if (!put_escaped(sp->mem.ptr + at, cut - at, out)) return false;
      at = cut;
    }
    return true;
  }
  if (fflush(sp->file) || fseek(sp->file, 0, SEEK_SET)) return false;
  char b[BIG_PIECE + 4];
  size_t keep = 0, got;
  while ((got = fread(b + keep, 1, BIG_PIECE, sp->file)) > 0) {
    size_t have = keep + got, cut = utf8_cut(b, have);
    if (!put_escaped(b, cut, out)) return false;
    keep = have - cut;
    memmove(b, b + cut, keep);
  }
  return !ferror(sp->file) && (!keep || put_escaped(b, keep, out));
}

/* The text field's string f[s, e) (its quotes included, checked by the scan), decoded and fed
 * to p in pieces. */
static int feed_string(qg_pipeline *p, FILE *f, size_t s, size_t e) {
  if (fseek(f, (long)(s + 1), SEEK_SET)) return QG_ERR_IO;
  char b[BIG_PIECE + 8];
  size_t bn = 0;
  for (size_t pos = s + 1; pos < e - 1;) {
    int c = getc_unlocked(f);
    pos++;
    if (c == EOF) return QG_ERR_IO;
    if (c != '\\') b[bn++] = (char)c;
    else {
      int x = getc_unlocked(f);
      pos++;
      switch (x) {
      case 'b': b[bn++] = '\b'; break;
      case 'f': b[bn++] = '\f'; break;
      case 'n': b[bn++] = '\n'; break;
      case 'r': b[bn++] = '\r'; break;
      case 't': b[bn++] = '\t'; break;
      case 'u': {
        char h[10];
        if (fread(h, 1, 4, f) != 4) return QG_ERR_IO;
        pos += 4;
        int u = hex4(h);
        if (u >= 0xD800 && u <= 0xDBFF) { /* (its pair, as the scan found) */
          if (fread(h + 4, 1, 6, f) != 6) return QG_ERR_IO;
          pos += 6;
          u = 0x10000 + ((u - 0xD800) << 10) + (hex4(h + 6) - 0xDC00);
        }
        bn += qg_utf8_encode((uint32_t)u, b + bn);
        break;
      }
      default: b[bn++] = (char)x; break; /* " \ / */
      }
    }
    if (bn >= BIG_PIECE) {
      int rc = qg_pipeline_feed(p, b, bn);
      if (rc) return rc;
      bn = 0;
    }
  }
  return bn ? qg_pipeline_feed(p, b, bn) : 0;
}

/* A line of n bytes in f (in_next's *big): as run_line. */
static int run_big(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long lineno, FILE *f,
                   size_t n, unsigned long *bad, unsigned long *good) {
  char bom[3];
  size_t from = 0;
  if (lineno == 1 && n >= 3 && !fseek(f, 0, SEEK_SET) && fread(bom, 1, 3, f) == 3 &&
      !memcmp(bom, "\xEF\xBB\xBF", 3))
    from = 3;
  bscan s = {.f = f, .n = n, .field = j->field, .id_field = j->id_field};
  int kind = bs_line(&s, from);
  free(s.keys);
  free(s.key);
  if (kind < 0) return 0; /* blank */
  if (!kind) { /* one_line's, on the line held whole */
    char *line = malloc(n ? n : 1);
    if (!line) return QG_ERR_NOMEM;
    if (fseek(f, 0, SEEK_SET) || fread(line, 1, n, f) != n) {
      free(line);
      return QG_ERR_IO;
    }
    int rc = run_line(j, p, path, lineno, line, n, bad, good);
    free(line);
    return rc;
  }
  spans sp = s.sp;
  int rc = 0;
  json_t *obj = NULL;
  char *idb = NULL;
  if (j->id_field) { /* record_id on an object of the id field alone */
    obj = json_object();
    json_t *v = NULL;
    size_t il = sp.id_e - sp.id_s;
    if (s.id_kind) {
      idb = malloc(il + 1);
      if (!idb || fseek(f, (long)sp.id_s, SEEK_SET) || fread(idb, 1, il, f) != il) {
        free(idb);
        json_decref(obj);
        return idb ? QG_ERR_IO : QG_ERR_NOMEM;
      }
      idb[il] = '\0';
      switch (s.id_kind) {
      case '"': v = json_loadb(idb, il, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL); break;
      case '0': v = json_integer(0); break; /* (record_id takes its bytes) */
      case '{': v = json_object(); break;
      case '[': v = json_array(); break;
      case 't': v = json_true(); break;
      case 'f': v = json_false(); break;
      default: v = json_null(); break;
      }
    }
    if (!obj || (s.id_kind && (!v || json_object_set_new(obj, j->id_field, v)))) {
      json_decref(obj);
      free(idb);
      return QG_ERR_NOMEM;
    }
  }
  bool nomem = false;
  j->record = j->id_field ? record_id(j, path, lineno, obj, idb, 0, idb ? sp.id_e - sp.id_s : 0,
                                      &nomem)
                          : NULL;
  if (nomem) rc = QG_ERR_NOMEM;
  char name[4096];
  snprintf(name, sizeof name, "%s:%lu", path, lineno);
  j->len = 0, j->changes = 0, j->removed = 0;
  j->big_on = true, j->big_len = 0;
  qg_spool_reset(&j->big);
  if (!rc) {
    rc = qg_pipeline_begin_record(p, name, j->record);
    if (!rc) rc = feed_string(p, f, sp.text_s, sp.text_e);
    int frc = qg_pipeline_finish(p);
    if (!rc) rc = frc;
    if (!rc) j->blocks += qg_pipeline_docinfo(p)->blocks;
  }
  j->big_on = false;
  j->record = NULL;
  json_decref(obj);
  free(idb);
  if (nomem) return QG_ERR_NOMEM;
  if (rc == QG_ERR_STOPPED && j->mode == CLI_JSONL_FEED && !j->nomem) return QG_ERR_STOPPED;
  if (rc == QG_ERR_NOMEM || rc == QG_ERR_STOPPED || j->nomem) return QG_ERR_NOMEM;
  if (rc && qg_pipeline_errmsg(p)[0]) return QG_ERR_IO;
  if (rc) {
    bad_line(j, path, lineno, 1, "field \"%s\" not %s: %s", j->field,
             j->mode == CLI_JSONL_CLEAN ? "cleaned" : j->mode == CLI_JSONL_FEED ? "archived"
                                                                                : "checked",
             qg_strerror(rc));
    ++*bad;
    return 0;
  }
  if (j->mode != CLI_JSONL_CLEAN) {
    ++*good;
    return 0;
  }
  char stats[96];
  snprintf(stats, sizeof stats, "{\"changes\":%llu,\"removed\":%llu}",
           (unsigned long long)j->changes, (unsigned long long)j->removed);
  bool ok = true, text_first = !sp.q_e || sp.text_s < sp.q_s;
  size_t s1 = text_first ? sp.text_s : sp.q_s, e1 = text_first ? sp.text_e : sp.q_e;
  size_t s2 = text_first ? sp.q_s : sp.text_s, e2 = sp.q_e ? (text_first ? sp.q_e : sp.text_e) : 0;
  ok = copy_passed(f, from, s1, j->out);
  if (text_first) ok = ok && fputc('"', j->out) != EOF && put_spooled(&j->big, j->out) &&
                       fputc('"', j->out) != EOF;
  else ok = ok && fputs(stats, j->out) >= 0;
  size_t at = e1;
  if (e2) {
    ok = ok && copy_passed(f, at, s2, j->out);
    if (!text_first) ok = ok && fputc('"', j->out) != EOF && put_spooled(&j->big, j->out) &&
                          fputc('"', j->out) != EOF;
    else ok = ok && fputs(stats, j->out) >= 0;
    at = e2;
  } else {
    ok = ok && copy_passed(f, at, sp.close, j->out) &&
         fprintf(j->out, ",\"qinggao\":%s", stats) >= 0;
    at = sp.close;
  }
  ok = ok && copy_passed(f, at, n, j->out) && fputc('\n', j->out) != EOF;
  qg_spool_reset(&j->big);
  if (!ok) return QG_ERR_IO;
  ++*good;
  return 0;
}

/* The file's message for how its run ended (rc), into err (which may hold the reader's). */
static void end_message(qg_pipeline *p, int rc, const char *path, const char *shown,
                        unsigned long lineno, char *err, size_t errlen) {
  if (rc == QG_ERR_STOPPED) {
    if (!err[0]) snprintf(err, errlen, "%s:%lu: stopped", shown, lineno);
  } else if (rc == QG_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", shown);
  else if (rc == QG_ERR_IO && !err[0] && qg_pipeline_errmsg(p)[0])
    snprintf(err, errlen, "%s", qg_pipeline_errmsg(p));
  else if (rc == QG_ERR_IO && !err[0]) snprintf(err, errlen, "%s: cannot write the output", shown);
  else if (rc) { /* a reader's message (zio) names the file raw: as the records name it */
    size_t pl = strlen(path);
    if (strcmp(path, shown) && !strncmp(err, path, pl) && err[pl] == ':') {
      char rest[512];
      snprintf(rest, sizeof rest, "%s", err + pl);
      snprintf(err, errlen, "%s%s", shown, rest);
    }
  }
}

/* The message after a file's lines when more than CLI_JSONL_UNNAMED_SAID records had no id. */
void cli_jsonl_say_unnamed(FILE *f, const char *shown, const char *id_field, unsigned long n) {
  if (n > CLI_JSONL_UNNAMED_SAID)
    fprintf(f, "qinggao: %s: warning: %lu more records named by their line, for want of a "
            "usable \"%s\" field (%lu in all)\n", shown, n - CLI_JSONL_UNNAMED_SAID, id_field, n);
}

int cli_jsonl_run(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long *bad,
                  unsigned long *good, char *err, size_t errlen) {
  int rc = 0;
  cli_jsonl_in *r = in_open(path, &rc, err, errlen);
  if (!r) return rc;
  r->progress = j->progress;
  r->idle = j->idle, r->idle_ud = j->idle_ud;
  j->file = r->shown;
  j->lineno = 0;
  j->unnamed_file = 0;
  while (!rc) {
    const char *line;
    size_t len;
    FILE *big;
    int got = in_next(r, &line, &len, &big, err, errlen);
    if (got <= 0) {
      rc = got;
      break;
    }
    j->lineno = r->lineno;
    if (big) {
      rc = run_big(j, p, r->name, r->lineno, big, len, bad, good);
      fclose(big);
    } else rc = run_line(j, p, r->name, r->lineno, line, len, bad, good);
  }
  cli_jsonl_say_unnamed(j->errf, r->shown, j->id_field, j->unnamed_file);
  j->file = NULL;
  end_message(p, rc, path, r->shown, r->lineno, err, errlen);
  in_close(r);
  return rc;
}

/* ---- chunks: one input's lines run on several workers --------------------------------------- */

typedef struct note { /* a reader's warning, said before line `before` */
  unsigned long before;
  size_t at, n; /* in text */
} note;

struct cli_jsonl_chunk {
  const char *path, *name; /* the input's (as given, and as its documents are named) */
  char *shown;
  unsigned long first, lines; /* the number of its first line, and how many */
  char *data;                 /* the lines, each ended by \n */
  size_t len, cap;
  FILE *big;                  /* its last line when too long to hold (in_next's *big) */
  size_t big_len;
  note *notes;
  size_t nnotes, notes_cap;
  char *text; /* the notes' text */
  size_t tlen, tcap;
  int rc; /* how the input ended after its lines (the last chunk): 0, or in_next's error with
           * the message in the caller's err */
};

cli_jsonl_chunk *cli_jsonl_chunk_new(void) { return calloc(1, sizeof(cli_jsonl_chunk)); }

void cli_jsonl_chunk_free(cli_jsonl_chunk *c) {
  if (!c) return;
  free(c->shown);
  free(c->data);
  if (c->big) fclose(c->big);
  free(c->notes);
  free(c->text);
  free(c);
}

cli_jsonl_in *cli_jsonl_open(const char *path, int *rc, char *err, size_t errlen) {
  return in_open(path, rc, err, errlen);
}
void cli_jsonl_close(cli_jsonl_in *r) { in_close(r); }
void cli_jsonl_in_progress(cli_jsonl_in *r, _Atomic uint64_t *progress) { r->progress = progress; }

/* What the reader said during its last in_next, kept to be said before line `before`. */
static bool take_notes(cli_jsonl_in *r, cli_jsonl_chunk *c, unsigned long before) {
  if (!r->capture || fflush(r->capture) || r->cap_size == r->cap_taken) return true;
  if (c->nnotes == c->notes_cap) {
    size_t cap = c->notes_cap ? 2 * c->notes_cap : 4;
    note *v = realloc(c->notes, cap * sizeof *v);
    if (!v) return false;
    c->notes = v, c->notes_cap = cap;
  }
  size_t at = c->tlen, n = r->cap_size - r->cap_taken;
  if (!put(&c->text, &c->tlen, &c->tcap, r->cap_buf + r->cap_taken, n, 0)) return false;
  c->notes[c->nnotes++] = (note){before, at, n};
  r->cap_taken = r->cap_size;
  return true;
}

int cli_jsonl_read_chunk(cli_jsonl_in *r, cli_jsonl_chunk *c, size_t max_bytes,
                         unsigned long max_lines, bool warn, char *err, size_t errlen) {
  c->path = r->path, c->name = r->name;
  c->first = r->lineno + 1, c->lines = 0, c->len = 0, c->nnotes = 0, c->tlen = 0, c->rc = 0;
  if (c->big) fclose(c->big);
  c->big = NULL;
  if (c->cap > KEEP_BYTES) { /* grown for a long line: given back (review 19 M2: each worker
                              * kept the largest it had run, so peak memory grew with -j) */
    free(c->data);
    c->data = NULL, c->cap = 0;
  }
  if (!c->shown || strcmp(c->shown, r->shown)) {
    free(c->shown);
    if (!(c->shown = strdup(r->shown))) return c->rc = QG_ERR_NOMEM, -1;
  }
  if (warn && !r->capture && !(r->capture = open_memstream(&r->cap_buf, &r->cap_size)))
    return c->rc = QG_ERR_NOMEM, -1;
  zio_warn_to(warn ? r->capture : NULL);
  int more = 1;
  while (c->len < max_bytes && c->lines < max_lines) {
    const char *line;
    size_t len;
    FILE *big;
    int got = in_next(r, &line, &len, &big, err, errlen);
    if (!take_notes(r, c, got == 1 ? r->lineno : r->lineno + 1)) got = QG_ERR_NOMEM;
    if (got <= 0) {
      if (big) fclose(big);
      c->rc = got;
      more = 0;
      break;
    }
    if (big) { /* a line too long to hold ends the chunk, carried as its file */
      c->big = big, c->big_len = len;
      c->lines++;
      break;
    }
    if (!put(&c->data, &c->len, &c->cap, line, len, 1)) {
      c->rc = QG_ERR_NOMEM;
      more = 0;
      break;
    }
    c->data[c->len++] = '\n';
    c->lines++;
  }
  zio_warn_to(NULL);
  return more;
}

/* The notes before line `upto` (all: ULONG_MAX) not said yet, from *k on. */
static void say_notes(cli_jsonl *j, const cli_jsonl_chunk *c, size_t *k, unsigned long upto) {
  for (; *k < c->nnotes && c->notes[*k].before <= upto; ++*k)
    fwrite(c->text + c->notes[*k].at, 1, c->notes[*k].n, j->errf);
}

int cli_jsonl_run_chunk(cli_jsonl *j, qg_pipeline *p, const cli_jsonl_chunk *c,
                        unsigned long *bad, unsigned long *good, char *err, size_t errlen) {
  j->file = c->shown;
  j->unnamed_file = 0;
  int rc = 0;
  size_t k = 0, at = 0;
  unsigned long lineno = c->first - 1;
  for (unsigned long n = 0; !rc && n < c->lines; n++) {
    j->lineno = ++lineno;
    say_notes(j, c, &k, lineno);
    if (c->big && n + 1 == c->lines) {
      rc = run_big(j, p, c->name, lineno, c->big, c->big_len, bad, good);
      break;
    }
    const char *line = c->data + at, *nl = memchr(line, '\n', c->len - at);
    size_t len = (size_t)(nl - line);
    at += len + 1;
    rc = run_line(j, p, c->name, lineno, line, len, bad, good);
  }
  if (rc) err[0] = '\0'; /* (a line's failure stops the input before the reader's end) */
  else {
    say_notes(j, c, &k, (unsigned long)-1);
    rc = c->rc;
  }
  j->file = NULL;
  end_message(p, rc, c->path, c->shown, lineno, err, errlen);
  return rc;
}
