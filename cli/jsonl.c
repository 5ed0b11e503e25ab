/* jsonl.c: qinggao clean --jsonl (docs/corpora.md). Each line of an input is a JSON object
 * (parsed with jansson); its text field goes through the pipeline as one document named
 * FILE:LINE, and the object is written back with the field replaced by the clean paragraphs
 * (joined with "\n\n") and "qinggao": {"changes": N, "removed": N} added. A bad line is
 * reported as FILE:LINE:COL: what on stderr and not written; the run goes on. */
#include "jsonl.h"
#include "zio.h"

#include <jansson.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct cli_jsonl {
  FILE *out, *errf; /* errf: where bad lines are reported (stderr) */
  _Atomic uint64_t *progress; /* bytes read from disk are added here (NULL: not counted) */
  const char *field;
  int (*on_diag)(void *, const qg_diag *);
  int (*on_removed)(void *, const qg_block *, const qg_removal *);
  void *ud;
  qg_handler h;
  char *text; /* the current document's clean text */
  size_t len, cap;
  bool nomem;
  uint64_t changes, removed;
  uint64_t blocks; /* paragraphs of every line so far (cli_jsonl_take_blocks) */
};

uint64_t cli_jsonl_take_blocks(cli_jsonl *j) {
  uint64_t n = j->blocks;
  j->blocks = 0;
  return n;
}

static int j_block(void *ud, const qg_block *b) {
  cli_jsonl *j = ud;
  size_t n;
  const char *t = qg_block_text(b, &n);
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

static int j_diag(void *ud, const qg_diag *d) {
  cli_jsonl *j = ud;
  if (qg_diag_is_change(d)) j->changes++;
  return j->on_diag ? j->on_diag(j->ud, d) : 0;
}

cli_jsonl *cli_jsonl_new(FILE *out, const char *field, int (*on_diag)(void *, const qg_diag *),
                         int (*on_removed)(void *, const qg_block *, const qg_removal *),
                         void *ud) {
  cli_jsonl *j = calloc(1, sizeof *j);
  if (!j) return NULL;
  j->out = out, j->field = field, j->on_diag = on_diag, j->on_removed = on_removed, j->ud = ud;
  j->errf = stderr;
  j->h = (qg_handler){.userdata = j, .block = j_block, .removed = j_removed, .diag = j_diag};
  return j;
}

const qg_handler *cli_jsonl_handler(cli_jsonl *j) { return &j->h; }

void cli_jsonl_set_err(cli_jsonl *j, FILE *errf, _Atomic uint64_t *progress) {
  j->errf = errf;
  j->progress = progress;
}

void cli_jsonl_free(cli_jsonl *j) {
  if (!j) return;
  free(j->text);
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

/* One line: 0 written, 1 a bad line (reported), <0 a fatal error. */
static int one_line(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long lineno,
                    const char *line, size_t n) {
  json_error_t e;
  int col0 = 0; /* a byte-order mark before the first record (an editor on Windows wrote it) */
  if (lineno == 1 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) line += 3, n -= 3, col0 = 1;
  /* U+0000 is a character of JSON strings like any other (\u0000): the text field goes to the
   * pipeline by length, other fields pass through */
  json_t *obj = json_loadb(line, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
  if (!obj) {
    /* a CR inside the line: lines ended by CR alone (an old Mac file) read as one line */
    fprintf(j->errf, "qinggao: %s:%lu:%d: error: %s%s\n", path, lineno,
            (e.column > 0 ? e.column : 1) + col0, e.text,
            memchr(line, '\r', n) ? " (the line holds a carriage return: JSON Lines end each "
                                     "record with LF or CR LF, not CR alone)"
                                   : "");
    return 1;
  }
  if (!json_is_object(obj)) {
    fprintf(j->errf, "qinggao: %s:%lu:1: error: %s, not a JSON object\n", path, lineno,
            type_name(obj));
    json_decref(obj);
    return 1;
  }
  json_t *t = json_object_get(obj, j->field);
  if (!t || !json_is_string(t)) {
    if (!t) fprintf(j->errf, "qinggao: %s:%lu:1: error: no \"%s\" field\n", path, lineno, j->field);
    else
      fprintf(j->errf, "qinggao: %s:%lu:1: error: field \"%s\" is %s, not a string\n", path,
              lineno, j->field, type_name(t));
    json_decref(obj);
    return 1;
  }
  char name[4096];
  snprintf(name, sizeof name, "%s:%lu", path, lineno);
  j->len = 0, j->changes = 0, j->removed = 0;
  int rc = qg_pipeline_begin(p, name);
  if (!rc) rc = qg_pipeline_feed(p, json_string_value(t), json_string_length(t));
  int frc = qg_pipeline_finish(p);
  if (!rc) rc = frc;
  if (!rc) j->blocks += qg_pipeline_docinfo(p)->blocks;
  if (rc == QG_ERR_NOMEM || rc == QG_ERR_STOPPED || j->nomem) {
    json_decref(obj);
    return QG_ERR_NOMEM;
  }
  if (rc && qg_pipeline_errmsg(p)[0]) { /* not the record's fault (the archive): the run stops */
    json_decref(obj);
    return QG_ERR_IO;
  }
  if (rc) { /* the text itself failed (invalid characters): reported by the pipeline */
    fprintf(j->errf, "qinggao: %s:%lu:1: error: field \"%s\" not cleaned: %s\n", path, lineno,
            j->field, qg_strerror(rc));
    json_decref(obj);
    return 1;
  }
  json_t *stats = json_pack("{sIsI}", "changes", (json_int_t)j->changes, "removed",
                            (json_int_t)j->removed);
  if (!stats || json_object_set_new(obj, j->field, json_stringn(j->text ? j->text : "", j->len)) ||
      json_object_set_new(obj, "qinggao", stats)) {
    json_decref(obj);
    return QG_ERR_NOMEM;
  }
  rc = json_dumpf(obj, j->out, JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_REAL_PRECISION(17));
  json_decref(obj);
  if (rc || fputc('\n', j->out) == EOF) return QG_ERR_IO;
  return 0;
}

int cli_jsonl_run(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long *bad,
                  unsigned long *good, char *err, size_t errlen) {
  zin *z = zin_open(path, err, errlen);
  if (!z) return QG_ERR_IO;
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  enum { CHUNK = 64 * 1024 };
  char *buf = malloc(CHUNK); /* per call: pipelines may run on several threads */
  if (!buf) {
    zin_close(z);
    snprintf(err, errlen, "%s: out of memory", path);
    return QG_ERR_NOMEM;
  }
  char *line = NULL;
  size_t len = 0, cap = 0;
  unsigned long lineno = 0;
  uint64_t counted = 0;
  int rc = 0;
  bool eof = false;
  while (!rc && !eof) {
    size_t n;
    if (zin_read(z, buf, CHUNK, &n, err, errlen)) {
      rc = QG_ERR_IO;
      break;
    }
    if (j->progress) {
      uint64_t raw = zin_raw_bytes(z);
      atomic_fetch_add(j->progress, raw - counted);
      counted = raw;
    }
    if (!n) eof = true;
    const unsigned char *ub = (const unsigned char *)buf;
    if (!lineno && !len && n >= 4 &&
        ((ub[0] == 0xFF && ub[1] == 0xFE) || (ub[0] == 0xFE && ub[1] == 0xFF) ||
         (ub[0] == '{' && !ub[1] && ub[2] == '"' && !ub[3]) ||
         (!ub[0] && ub[1] == '{' && !ub[2] && ub[3] == '"'))) {
      /* a byte order mark or {" in UTF-16 (what PowerShell's > writes): said once, not a bad
       * line per record; a stray NUL in UTF-8 is no sign of it */
      snprintf(err, errlen, "%s: UTF-16 text: JSON Lines must be UTF-8 (iconv -f UTF-16 -t UTF-8)",
               path);
      rc = QG_ERR_INPUT;
      break;
    }
    size_t i = 0;
    while (!rc && (i < n || (eof && len))) {
      const char *nl = i < n ? memchr(buf + i, '\n', n - i) : NULL;
      size_t k = nl ? (size_t)(nl - (buf + i)) : n - i;
      if (len + k + 1 > cap) {
        size_t c = cap ? cap : 4096;
        while (c < len + k + 1) c *= 2;
        char *v = realloc(line, c);
        if (!v) {
          rc = QG_ERR_NOMEM;
          break;
        }
        line = v, cap = c;
      }
      memcpy(line + len, buf + i, k);
      len += k;
      i += k + (nl ? 1 : 0);
      if (!nl && !eof) break; /* the line goes on in the next chunk */
      lineno++;
      if (len && line[len - 1] == '\r') len--;
      /* a byte-order mark before the first line is no text (one_line skips it too) */
      size_t s = lineno == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3) ? 3 : 0;
      while (s < len && (line[s] == ' ' || line[s] == '\t')) s++;
      if (s < len) { /* blank lines are skipped */
        int r = one_line(j, p, name, lineno, line, len);
        if (r == 1) ++*bad;
        else if (r == 0) ++*good;
        else rc = r;
      }
      len = 0;
    }
  }
  free(line);
  free(buf);
  zin_close(z);
  if (rc == QG_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", path);
  else if (rc == QG_ERR_IO && !err[0] && qg_pipeline_errmsg(p)[0])
    snprintf(err, errlen, "%s", qg_pipeline_errmsg(p));
  else if (rc == QG_ERR_IO && !err[0]) snprintf(err, errlen, "%s: cannot write the output", path);
  return rc;
}
