/* lint_out.c: the formats of `qinggao lint`: gcc, json (one object per line), sarif (SARIF
 * 2.1.0, one run), github (workflow-command annotations) and codeclimate (the JSON array
 * GitLab reads as a code quality report). docs/ci.md shows each. */
#include "lint.h"
#include "internal.h" /* qg_put_u64 */

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifndef QG_INFORMATION_URI
#define QG_INFORMATION_URI "https://github.com/qinggao/qinggao"
#endif

static const char *gcc_severity(qg_severity s) {
  return s == QG_SEV_ERROR ? "error" : s == QG_SEV_WARNING ? "warning" : "note";
}

/* SARIF levels and GitHub annotation commands. */
static const char *sarif_level(qg_severity s) {
  return s == QG_SEV_ERROR ? "error" : s == QG_SEV_WARNING ? "warning" : "note";
}
static const char *github_command(qg_severity s) {
  return s == QG_SEV_ERROR ? "error" : s == QG_SEV_WARNING ? "warning" : "notice";
}

/* A file name as a URI reference: relative paths stay relative (percent-encoded, / kept),
 * absolute ones become file:// URIs. */
/* path percent-encoded (the unreserved characters and / kept), no quotes */
static void put_pct(FILE *out, const char *path) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    unsigned c = *p;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        strchr("-._~/", (int)c))
      fputc((int)c, out);
    else
      fprintf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
  }
}

static void put_uri(FILE *out, const char *path) {
  fputc('"', out);
  if (path[0] == '/') fputs("file://", out);
  put_pct(out, path);
  fputc('"', out);
}

/* A relative path's uri is relative to the directory lint ran in: SARIF's uriBaseId
 * %SRCROOT%, which run.originalUriBaseIds gives as a file:/// URI (audit 24 F9: a viewer had
 * to ask for the root). Standard input ("<stdin>") is no file under it: its uri is left
 * without a base. */
#define SRCROOT ",\"uriBaseId\":\"%SRCROOT%\""
/* the relatedLocations' message of a block that repeats nothing, removed with its article
 * (session 40): the line named is where the article's text first occurs */
#define ARTICLE_FIRST "first occurrence of its article's text"
static bool relative_file(const char *path) {
  return path[0] != '/' && strcmp(path, "<stdin>") != 0;
}

static void put_region(FILE *out, qg_pos s, qg_pos e) {
  /* SARIF regions are 1-based with an exclusive end column; an end before the start (a
   * moved paragraph) becomes an empty region at the start */
  if (e.line < s.line || (e.line == s.line && e.col < s.col)) e = s;
  fprintf(out, "{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u}", s.line,
          s.col, e.line, e.col);
}

void lint_out_begin(lint_format f, FILE *out) {
  if (f == LINT_CODECLIMATE) fputs("[", out);
  if (f != LINT_SARIF) return;
  fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
        "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"qinggao\",\"version\":\"" QG_VERSION_STRING
        "\",\"semanticVersion\":\"" QG_VERSION_STRING "\",\"informationUri\":\"" QG_INFORMATION_URI
        "\",\"rules\":[",
        out);
  for (const qg_rule *r = qg_rules(); r->id; r++) {
    fputs(r == qg_rules() ? "\n" : ",\n", out);
    fputs("{\"id\":", out);
    qg_fputs_json(out, r->id);
    fputs(",\"shortDescription\":{\"text\":", out);
    qg_fputs_json(out, r->summary);
    fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"},\"properties\":{\"stage\":",
            sarif_level(r->severity));
    qg_fputs_json(out, r->stage);
    fprintf(out, ",\"fix\":%s}}", r->fixes ? "true" : "false");
  }
  fputs("]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[", out);
}

const char *lint_out_sep(lint_format f) {
  return f == LINT_SARIF || f == LINT_CODECLIMATE ? "," : "";
}

void lint_out_end(lint_format f, FILE *out, int status, const char *failed,
                  const char *const *notes, size_t nnotes) {
  if (f == LINT_SARIF) {
    /* the invocation: a run with inputs that could not be read (status 3, probe 9 F14), or
     * one that ended with status 2 or 3 before or instead of checking (a configuration
     * error, an archive that does not open, no file to check: probe 14 #2, #6) is no
     * successful execution, so a code-scanning upload does not take it for a clean run that
     * fixed every earlier alert */
    fputs("\n],", out);
    char *cwd = getcwd(NULL, 0); /* (none: no base given; the uris stay relative) */
    if (cwd) {
      /* %SRCROOT%: the directory lint ran in, as a file:/// URI ending in '/' */
      fputs("\"originalUriBaseIds\":{\"%SRCROOT%\":{\"uri\":\"file://", out);
      put_pct(out, cwd);
      fputs(cwd[0] && cwd[strlen(cwd) - 1] == '/' ? "\"}}," : "/\"}},", out);
      free(cwd);
    }
    fputs("\"invocations\":[{\"executionSuccessful\":", out);
    bool has_failed = failed && *failed;
    if (status >= 2 || has_failed) {
      fprintf(out, "false,\"exitCode\":%d,\"toolExecutionNotifications\":[",
              status >= 2 ? status : 3);
      bool first = true;
      if (has_failed) {
        char msg[4200];
        snprintf(msg, sizeof msg, "inputs that could not be checked or fixed: %s", failed);
        fputs("{\"level\":\"error\",\"message\":{\"text\":", out);
        qg_fputs_json(out, msg);
        fputs("}}", out);
        first = false;
      }
      for (size_t i = 0; i < nnotes; i++) {
        fputs(first ? "{\"level\":\"error\",\"message\":{\"text\":"
                    : ",{\"level\":\"error\",\"message\":{\"text\":", out);
        qg_fputs_json(out, notes[i]);
        fputs("}}", out);
        first = false;
      }
      if (first) { /* (said on standard error only: a message too long to keep, or none) */
        char msg[128];
        snprintf(msg, sizeof msg, "qinggao lint ended with status %d: see its standard error",
                 status);
        fputs("{\"level\":\"error\",\"message\":{\"text\":", out);
        qg_fputs_json(out, msg);
        fputs("}}", out);
      }
      fputs("]", out);
    } else {
      fputs("true", out);
    }
    fputs("}]}]}\n", out);
  }
  if (f == LINT_CODECLIMATE) fputs("\n]\n", out);
  fflush(out);
}

static char *put_str(char *p, const char *s, size_t len);
static char *put_hex64(char *p, uint64_t v) { /* 16 lowercase hex digits */
  for (int k = 60; k >= 0; k -= 4) *p++ = "0123456789abcdef"[(v >> k) & 15];
  return p;
}
static char *put_json(char *p, const char *s, size_t len);
#define PUT_LIT(p, lit) put_str(p, lit, sizeof lit - 1)

/* put_uri into a buffer (room: 3 bytes a byte and 9) */
static char *put_uri_buf(char *p, const char *path) {
  static const char hex[] = "0123456789ABCDEF";
  *p++ = '"';
  if (path[0] == '/') p = PUT_LIT(p, "file://");
  for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
    unsigned x = *c;
    if ((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || (x >= '0' && x <= '9') ||
        x == '-' || x == '.' || x == '_' || x == '~' || x == '/')
      *p++ = (char)x;
    else
      *p++ = '%', *p++ = hex[x >> 4], *p++ = hex[x & 15];
  }
  *p++ = '"';
  return p;
}

/* put_region into a buffer */
static char *put_region_buf(char *p, qg_pos s, qg_pos e) {
  if (e.line < s.line || (e.line == s.line && e.col < s.col)) e = s;
  p = PUT_LIT(p, "{\"startLine\":");
  p = qg_put_u64(p, s.line);
  p = PUT_LIT(p, ",\"startColumn\":");
  p = qg_put_u64(p, s.col);
  p = PUT_LIT(p, ",\"endLine\":");
  p = qg_put_u64(p, e.line);
  p = PUT_LIT(p, ",\"endColumn\":");
  p = qg_put_u64(p, e.col);
  return PUT_LIT(p, "}");
}

/* s as a JSON string (qg_json_escape; the buffer has room for 6 bytes a byte, and 18 more) */
static char *put_json(char *p, const char *s, size_t len) { return p + qg_json_escape(p, s, len); }

/* The rule ids as JSON strings, made once (every result of json and sarif writes one): rule
 * i's from rq_at[i] to rq_at[i + 1] of rq, its id's length rq_len[i]. rq NULL (no memory):
 * escaped each time. */
static pthread_once_t rq_once = PTHREAD_ONCE_INIT;
static char *rq;
static size_t *rq_at, *rq_len;
static void rq_make(void) {
  size_t n = lint_nrules(), total = 0;
  const qg_rule *r = qg_rules();
  for (size_t i = 0; i < n; i++) total += 6 * strlen(r[i].id) + 18;
  char *q = malloc(total + 1);
  size_t *at = malloc((2 * n + 1) * sizeof *at);
  if (!q || !at) {
    free(q), free(at);
    return;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    at[i] = k;
    at[n + 1 + i] = strlen(r[i].id);
    k += qg_json_escape(q + k, r[i].id, at[n + 1 + i]);
  }
  at[n] = k;
  rq = q, rq_at = at, rq_len = at + n + 1;
}
static bool rule_known(const lint_diag *d) {
  if (d->rule_ix <= 0) return false;
  pthread_once(&rq_once, rq_make);
  return rq != NULL;
}
/* the length of d's rule id */
static size_t rule_len(const lint_diag *d) {
  return rule_known(d) ? rq_len[d->rule_ix - 1] : strlen(d->rule);
}
/* d's rule as a JSON string (lr: its id's length) */
static char *put_rule(char *p, const lint_diag *d, size_t lr) {
  if (!rule_known(d)) return put_json(p, d->rule, lr);
  size_t i = (size_t)d->rule_ix - 1, n = rq_at[i + 1] - rq_at[i];
  memcpy(p, rq + rq_at[i], n);
  return p + n;
}
static size_t message_len(const lint_diag *d) { return d->lens ? d->message_len : strlen(d->message); }
/* d's file made once (lint_fname_make), or NULL */
static const lint_fname *fname_of(const lint_diag *d) {
  return d->fname && d->fname->json && d->fname->file == d->file ? d->fname : NULL;
}

int lint_fname_make(lint_fname *fn, const char *file) {
  size_t n = strlen(file);
  *fn = (lint_fname){.file = file, .file_len = n};
  if (n > SIZE_MAX / 8 - 64) return QG_ERR_NOMEM;
  char *j = malloc(6 * n + 18), *u = malloc(3 * n + 9 + sizeof SRCROOT);
  if (!j || !u) {
    free(j), free(u);
    return QG_ERR_NOMEM;
  }
  fn->json_len = qg_json_escape(j, file, n);
  char *e = put_uri_buf(u, file);
  if (relative_file(file)) e = PUT_LIT(e, SRCROOT);
  fn->uri_len = (size_t)(e - u);
  fn->json = j, fn->uri = u;
  return 0;
}

void lint_fname_free(lint_fname *fn) {
  free(fn->json);
  free(fn->uri);
  *fn = (lint_fname){0};
}

size_t lint_nul_unmask(const char *s, char *buf, const char **out) {
  size_t n = strlen(s);
  const char *c = memchr(s, LINT_NUL[0], n);
  *out = s;
  if (!c) return n;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == LINT_NUL[0] && s[i + 1] == LINT_NUL[1]) buf[k++] = '\0', i++;
    else buf[k++] = s[i];
  }
  *out = buf;
  return k;
}

/* an original or replacement: its text and length, a LINT_NUL as U+0000 (in *copy, freed by
 * the caller, when it holds one; NULL when there is no memory for it: written as it is) */
static const char *json_text(const char *s, size_t *len, char **copy) {
  *copy = NULL;
  if (!s) return *len = 0, NULL;
  *len = strlen(s);
  if (!memchr(s, LINT_NUL[0], *len)) return s;
  *copy = malloc(*len + 1);
  if (!*copy) return s;
  *len = lint_nul_unmask(s, *copy, &s);
  return s;
}

/* s[0..len) as a JSON string, written in pieces (no memory for the line) */
static void fput_json_n(FILE *out, const char *s, size_t len) {
  char *b = len < SIZE_MAX / 8 ? malloc(6 * len + 18) : NULL;
  if (!b) {
    qg_fputs_json(out, s); /* (cut at a NUL) */
    return;
  }
  fwrite(b, 1, qg_json_escape(b, s, len), out);
  free(b);
}

/* out_json's strings: lengths, and original and replacement with a LINT_NUL as U+0000 (copies
 * freed by json_done) */
typedef struct jparts {
  size_t lf, lr, lm, lo, lp, need;
  const char *orig, *rep;
  char *ocopy, *rcopy;
} jparts;

static void json_prep(const lint_diag *d, jparts *j) {
  const lint_fname *fn = fname_of(d);
  j->lf = fn ? 0 : strlen(d->file);
  j->lr = rule_len(d);
  j->lm = message_len(d);
  j->ocopy = j->rcopy = NULL;
  if (d->lens) { /* (no LINT_NUL in them) */
    j->orig = d->original, j->lo = d->original ? d->original_len : 0;
    j->rep = d->replacement, j->lp = d->replacement ? d->replacement_len : 0;
  } else {
    j->orig = json_text(d->original, &j->lo, &j->ocopy);
    j->rep = json_text(d->replacement, &j->lp, &j->rcopy);
  }
  j->need = 6 * (j->lf + j->lr + j->lm + j->lo + j->lp) + (fn ? fn->json_len : 0) + 7 +
            5 * 18 + 256; /* (7: the longest severity, "warning") */
}
static void json_done(jparts *j) {
  if (j->ocopy || j->rcopy) free(j->ocopy), free(j->rcopy);
}

/* the object's line at buf (room: j->need) */
static char *json_build(char *buf, const lint_diag *d, const jparts *j) {
  const lint_fname *fn = fname_of(d);
  char *p = PUT_LIT(buf, "{\"file\":");
  p = fn ? put_str(p, fn->json, fn->json_len) : put_json(p, d->file, j->lf);
  p = PUT_LIT(p, ",\"line\":");
  p = qg_put_u64(p, d->start.line);
  p = PUT_LIT(p, ",\"column\":");
  p = qg_put_u64(p, d->start.col);
  p = PUT_LIT(p, ",\"end_line\":");
  p = qg_put_u64(p, d->end.line);
  p = PUT_LIT(p, ",\"end_column\":");
  p = qg_put_u64(p, d->end.col);
  p = PUT_LIT(p, ",\"rule\":");
  p = put_rule(p, d, j->lr);
  switch (d->severity) { /* (qg_severity_name's) */
  case QG_SEV_ERROR: p = PUT_LIT(p, ",\"severity\":\"error\",\"message\":"); break;
  case QG_SEV_WARNING: p = PUT_LIT(p, ",\"severity\":\"warning\",\"message\":"); break;
  case QG_SEV_INFO: p = PUT_LIT(p, ",\"severity\":\"info\",\"message\":"); break;
  default: { /* (none other) */
    const char *sev = qg_severity_name(d->severity);
    p = PUT_LIT(p, ",\"severity\":\"");
    p = put_str(p, sev, strlen(sev));
    p = PUT_LIT(p, "\",\"message\":");
  }
  }
  p = put_json(p, d->message, j->lm);
  if (j->orig) {
    p = PUT_LIT(p, ",\"original\":");
    p = put_json(p, j->orig, j->lo);
  }
  if (j->rep) { /* "replacement" only when --fix applies it: a text it does not apply (a repeat's
                 * "", an indent) is a "suggestion" (session 25, audit 24 F21: a script applying
                 * every replacement deleted repeats) */
    p = d->fixable ? PUT_LIT(p, ",\"replacement\":") : PUT_LIT(p, ",\"suggestion\":");
    p = put_json(p, j->rep, j->lp);
  }
  p = d->fixable ? PUT_LIT(p, ",\"fixable\":true,\"seq\":") : PUT_LIT(p, ",\"fixable\":false,\"seq\":");
  p = qg_put_u64(p, d->seq);
  return PUT_LIT(p, "}\n");
}

/* one object a line, built in one buffer and written at once (as out_gcc) */
static void out_json(FILE *out, const lint_diag *d) {
  jparts j;
  json_prep(d, &j);
  const char *sev = qg_severity_name(d->severity);
  char small[2048], *buf = j.need <= sizeof small ? small : malloc(j.need);
  if (!buf) { /* no memory for the line: write it in pieces */
    fputs("{\"file\":", out);
    qg_fputs_json(out, d->file);
    fprintf(out, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,\"rule\":",
            d->start.line, d->start.col, d->end.line, d->end.col);
    qg_fputs_json(out, d->rule);
    fprintf(out, ",\"severity\":\"%s\",\"message\":", sev);
    qg_fputs_json(out, d->message);
    if (j.orig) {
      fputs(",\"original\":", out);
      fput_json_n(out, j.orig, j.lo);
    }
    if (j.rep) {
      fputs(d->fixable ? ",\"replacement\":" : ",\"suggestion\":", out);
      fput_json_n(out, j.rep, j.lp);
    }
    fprintf(out, ",\"fixable\":%s,\"seq\":%llu}\n", d->fixable ? "true" : "false",
            (unsigned long long)d->seq);
    json_done(&j);
    return;
  }
  char *p = json_build(buf, d, &j);
  fwrite(buf, 1, (size_t)(p - buf), out);
  if (buf != small) free(buf);
  json_done(&j);
}

/* A result: "\n{…}" for a file's first, ",\n{…}" after (lint_out_sep joins files). Written
 * in pieces when there is no memory for the buffer out_sarif builds it in. */
static void out_sarif_pieces(FILE *out, const lint_diag *d) {
  fputs("{\"ruleId\":", out);
  qg_fputs_json(out, d->rule);
  int idx = lint_rule_index(d->rule);
  if (idx >= 0) fprintf(out, ",\"ruleIndex\":%d", idx);
  fprintf(out, ",\"level\":\"%s\",\"message\":{\"text\":", sarif_level(d->severity));
  qg_fputs_json(out, d->message);
  fputs("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
  put_uri(out, d->file);
  if (relative_file(d->file)) fputs(SRCROOT, out);
  fputs("},\"region\":", out);
  put_region(out, d->start, d->end);
  fputs("}}]", out);
  if (d->related_file) {
    fputs(",\"relatedLocations\":[{\"id\":0,\"physicalLocation\":{\"artifactLocation\":{\"uri\":",
          out);
    put_uri(out, d->related_file);
    if (relative_file(d->related_file)) fputs(SRCROOT, out);
    fprintf(out, "},\"region\":{\"startLine\":%u}},\"message\":{\"text\":\"%s\"}}]",
            d->related_line, d->related_article ? ARTICLE_FIRST : "first occurrence");
  }
  if (d->has_fingerprint)
    fprintf(out, ",\"partialFingerprints\":{\"qinggao/v1\":\"%016llx\"}",
            (unsigned long long)d->fingerprint);
  if (d->fixable && d->fix_region && d->replacement) {
    fputs(",\"fixes\":[{\"description\":{\"text\":", out);
    qg_fputs_json(out, d->message);
    fputs("},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":", out);
    put_uri(out, d->file);
    if (relative_file(d->file)) fputs(SRCROOT, out);
    fputs("},\"replacements\":[{\"deletedRegion\":", out);
    put_region(out, d->fix_start, d->fix_end);
    fputs(",\"insertedContent\":{\"text\":", out);
    qg_fputs_json(out, d->replacement);
    fputs("}}]}]}]", out);
  }
  if (d->fixable && d->fixed_by) {
    fputs(",\"properties\":{\"fixedBy\":{\"ruleId\":", out);
    qg_fputs_json(out, d->fixed_by);
    fprintf(out, ",\"startLine\":%u,\"startColumn\":%u}}", d->fixed_by_pos.line,
            d->fixed_by_pos.col);
  }
  fputs("}", out);
}

/* out_sarif's lengths */
typedef struct sparts {
  size_t lr, lm, lp, lb, need;
  bool fix;
} sparts;

static void sarif_prep(const lint_diag *d, sparts *x) {
  const lint_fname *fn = fname_of(d);
  x->fix = d->fixable && d->fix_region && d->replacement;
  x->lr = rule_len(d);
  x->lm = message_len(d);
  x->lp = !x->fix ? 0 : d->lens ? d->replacement_len : strlen(d->replacement);
  x->lb = d->fixable && d->fixed_by ? strlen(d->fixed_by) : 0;
  size_t lrel = d->related_file ? strlen(d->related_file) : 0;
  size_t uri = fn ? 2 * fn->uri_len : 3 * (3 * strlen(d->file) + 9);
  x->need = 6 * (x->lr + 2 * x->lm + x->lp + x->lb) + uri + 3 * lrel + 10 * 12 + 832 +
            sizeof ARTICLE_FIRST + 2;
  /* (832: the uriBaseIds, the relatedLocations' and fixedBy's keys too; ARTICLE_FIRST: its
   * message, longer than "first occurrence"; 2: the separator) */
}

/* "\n{…}" or ",\n{…}" at buf (room: x->need) */
static char *sarif_build(char *buf, const lint_diag *d, const sparts *x, bool *first) {
  const lint_fname *fn = fname_of(d);
  char *p = *first ? PUT_LIT(buf, "\n") : PUT_LIT(buf, ",\n");
  *first = false;
  p = PUT_LIT(p, "{\"ruleId\":");
  p = put_rule(p, d, x->lr);
  int idx = d->rule_ix > 0 ? d->rule_ix - 1 : lint_rule_index(d->rule);
  if (idx >= 0) {
    p = PUT_LIT(p, ",\"ruleIndex\":");
    p = qg_put_u64(p, (unsigned)idx);
  }
  switch (d->severity) { /* (sarif_level's) */
  case QG_SEV_ERROR: p = PUT_LIT(p, ",\"level\":\"error\",\"message\":{\"text\":"); break;
  case QG_SEV_WARNING: p = PUT_LIT(p, ",\"level\":\"warning\",\"message\":{\"text\":"); break;
  default: p = PUT_LIT(p, ",\"level\":\"note\",\"message\":{\"text\":");
  }
  char *msg = p; /* (the fix's description says it again) */
  p = put_json(p, d->message, x->lm);
  size_t msg_n = (size_t)(p - msg);
  p = PUT_LIT(p, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
  bool rel = false;
  if (fn) {
    p = put_str(p, fn->uri, fn->uri_len);
  } else {
    p = put_uri_buf(p, d->file);
    if ((rel = relative_file(d->file))) p = PUT_LIT(p, SRCROOT);
  }
  p = PUT_LIT(p, "},\"region\":");
  p = put_region_buf(p, d->start, d->end);
  p = PUT_LIT(p, "}}]");
  if (d->related_file) { /* a repeat's first occurrence (audit 24 F12) */
    p = PUT_LIT(p, ",\"relatedLocations\":[{\"id\":0,\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    p = put_uri_buf(p, d->related_file);
    if (relative_file(d->related_file)) p = PUT_LIT(p, SRCROOT);
    p = PUT_LIT(p, "},\"region\":{\"startLine\":");
    p = qg_put_u64(p, d->related_line);
    if (d->related_article) p = PUT_LIT(p, "}},\"message\":{\"text\":\"" ARTICLE_FIRST "\"}}]");
    else p = PUT_LIT(p, "}},\"message\":{\"text\":\"first occurrence\"}}]");
  }
  if (d->has_fingerprint) {
    p = PUT_LIT(p, ",\"partialFingerprints\":{\"qinggao/v1\":\"");
    p = put_hex64(p, d->fingerprint);
    p = PUT_LIT(p, "\"}");
  }
  if (x->fix) {
    p = PUT_LIT(p, ",\"fixes\":[{\"description\":{\"text\":");
    memcpy(p, msg, msg_n);
    p += msg_n;
    p = PUT_LIT(p, "},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":");
    if (fn) {
      p = put_str(p, fn->uri, fn->uri_len);
    } else {
      p = put_uri_buf(p, d->file);
      if (rel) p = PUT_LIT(p, SRCROOT);
    }
    p = PUT_LIT(p, "},\"replacements\":[{\"deletedRegion\":");
    p = put_region_buf(p, d->fix_start, d->fix_end);
    p = PUT_LIT(p, ",\"insertedContent\":{\"text\":");
    p = put_json(p, d->replacement, x->lp);
    p = PUT_LIT(p, "}}]}]}]");
  }
  if (x->lb) { /* its change is in the fix of the diagnostic named (session 26, review 25 L4) */
    p = PUT_LIT(p, ",\"properties\":{\"fixedBy\":{\"ruleId\":");
    p = put_json(p, d->fixed_by, x->lb);
    p = PUT_LIT(p, ",\"startLine\":");
    p = qg_put_u64(p, d->fixed_by_pos.line);
    p = PUT_LIT(p, ",\"startColumn\":");
    p = qg_put_u64(p, d->fixed_by_pos.col);
    p = PUT_LIT(p, "}}");
  }
  return PUT_LIT(p, "}");
}

/* One result built in one buffer and written at once (as out_json). */
static void out_sarif(FILE *out, const lint_diag *d, bool *first) {
  sparts x;
  sarif_prep(d, &x);
  char small[4096], *buf = x.need <= sizeof small ? small : malloc(x.need);
  if (!buf) {
    fputs(*first ? "\n" : ",\n", out);
    *first = false;
    out_sarif_pieces(out, d);
    return;
  }
  char *p = sarif_build(buf, d, &x, first);
  fwrite(buf, 1, (size_t)(p - buf), out);
  if (buf != small) free(buf);
}

void lint_github_escape(FILE *out, const char *s, bool property) {
  for (; *s; s++) {
    switch (*s) {
    case '%': fputs("%25", out); break;
    case '\r': fputs("%0D", out); break;
    case '\n': fputs("%0A", out); break;
    case ':':
      if (property) fputs("%3A", out);
      else fputc(':', out);
      break;
    case ',':
      if (property) fputs("%2C", out);
      else fputc(',', out);
      break;
    default: fputc(*s, out);
    }
  }
}

static void out_github_pieces(FILE *out, const lint_diag *d) {
  qg_pos e = d->end;
  if (e.line < d->start.line || (e.line == d->start.line && e.col < d->start.col)) e = d->start;
  fprintf(out, "::%s file=", github_command(d->severity));
  lint_github_escape(out, d->file, true);
  if (e.line == d->start.line)
    fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", d->start.line, d->start.col,
            e.line, e.col);
  else
    fprintf(out, ",line=%u,endLine=%u,title=", d->start.line, e.line);
  lint_github_escape(out, d->rule, true);
  fputs("::", out);
  lint_github_escape(out, d->message, false);
  fputc('\n', out);
}

/* GitLab code quality: one issue object per diagnostic, the fingerprint lint's (cli/lint.c,
 * "fingerprints": what identifies the issue, not its position), else (a caller that has none)
 * FNV-1a 64 of file, rule, original, replacement and message. */
static void fnv(uint64_t *h, const char *s) {
  for (; s && *s; s++) *h = (*h ^ (unsigned char)*s) * 0x100000001b3ULL;
  *h = (*h ^ 0xFF) * 0x100000001b3ULL;
}
static uint64_t cc_fingerprint(const lint_diag *d) {
  if (d->has_fingerprint) return d->fingerprint;
  uint64_t h = 0xcbf29ce484222325ULL;
  fnv(&h, d->file), fnv(&h, d->rule), fnv(&h, d->original), fnv(&h, d->replacement);
  fnv(&h, d->message);
  return h;
}

/* lint_github_escape into a buffer (room: 3 bytes a byte) */
static char *github_escape_buf(char *p, const char *s, size_t len, bool property) {
  size_t i = 0;
#ifdef __SSE2__
  /* sixteen bytes at a time while none is to escape (a message holds one rarely) */
  const __m128i pct = _mm_set1_epi8('%'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'),
                colon = _mm_set1_epi8(property ? ':' : '%'), comma = _mm_set1_epi8(property ? ',' : '%');
  while (i + 16 <= len) {
    __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, pct), _mm_cmpeq_epi8(x, cr)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, lf),
                                          _mm_or_si128(_mm_cmpeq_epi8(x, colon), _mm_cmpeq_epi8(x, comma))));
    if (_mm_movemask_epi8(m)) break; /* (the rest a byte at a time) */
    _mm_storeu_si128((__m128i *)p, x);
    p += 16, i += 16;
  }
#endif
  for (; i < len; i++) {
    char c = s[i];
    const char *e = c == '%' ? "%25" : c == '\r' ? "%0D" : c == '\n' ? "%0A"
                  : !property ? NULL : c == ':' ? "%3A" : c == ',' ? "%2C" : NULL;
    if (e) memcpy(p, e, 3), p += 3;
    else *p++ = c;
  }
  return p;
}

/* What gcc and github print of d (its lengths found here unless d knows them) */
static lint_line line_of(const lint_diag *d) {
  return (lint_line){.file = d->file, .rule = d->rule, .message = d->message,
                     .file_len = d->fname && d->fname->file == d->file ? d->fname->file_len
                                                                        : strlen(d->file),
                     .rule_len = rule_len(d), .message_len = message_len(d),
                     .start = d->start, .end = d->end, .severity = d->severity};
}

/* the annotation at buf (room: github_need) */
static size_t github_need(const lint_line *g) {
  return 3 * (g->file_len + g->rule_len + g->message_len) + 128;
}
static char *github_build(char *buf, const lint_line *d) {
  qg_pos e = d->end;
  if (e.line < d->start.line || (e.line == d->start.line && e.col < d->start.col)) e = d->start;
  const char *cmd = github_command(d->severity);
  char *p = PUT_LIT(buf, "::");
  p = put_str(p, cmd, strlen(cmd));
  p = PUT_LIT(p, " file=");
  p = github_escape_buf(p, d->file, d->file_len, true);
  p = PUT_LIT(p, ",line=");
  p = qg_put_u64(p, d->start.line);
  if (e.line == d->start.line) {
    p = PUT_LIT(p, ",col=");
    p = qg_put_u64(p, d->start.col);
  }
  p = PUT_LIT(p, ",endLine=");
  p = qg_put_u64(p, e.line);
  /* columns only on one line: GitHub's annotation contract (the runner drops col from a
   * command whose lines differ, the Checks API refuses it; audit 24 F13) */
  if (e.line == d->start.line) {
    p = PUT_LIT(p, ",endColumn=");
    p = qg_put_u64(p, e.col);
  }
  p = PUT_LIT(p, ",title=");
  p = github_escape_buf(p, d->rule, d->rule_len, true);
  p = PUT_LIT(p, "::");
  p = github_escape_buf(p, d->message, d->message_len, false);
  *p++ = '\n';
  return p;
}

/* One annotation built in one buffer and written at once (as out_gcc). */
static void out_github(FILE *out, const lint_diag *d) {
  lint_line g = line_of(d);
  size_t need = github_need(&g);
  char small[2048], *buf = need <= sizeof small ? small : malloc(need);
  if (!buf) {
    out_github_pieces(out, d);
    return;
  }
  char *p = github_build(buf, &g);
  fwrite(buf, 1, (size_t)(p - buf), out);
  if (buf != small) free(buf);
}

static void out_codeclimate_pieces(FILE *out, const lint_diag *d, bool *first) {
  uint64_t h = cc_fingerprint(d);
  fputs(*first ? "\n" : ",\n", out);
  *first = false;
  fputs("{\"type\":\"issue\",\"check_name\":", out);
  qg_fputs_json(out, d->rule);
  fputs(",\"description\":", out);
  qg_fputs_json(out, d->message);
  fprintf(out, ",\"categories\":[\"Style\"],\"severity\":\"%s\",\"fingerprint\":\"%016llx\","
          "\"location\":{\"path\":",
          d->severity == QG_SEV_ERROR ? "major" : d->severity == QG_SEV_WARNING ? "minor" : "info",
          (unsigned long long)h);
  qg_fputs_json(out, d->file);
  fprintf(out, ",\"positions\":{\"begin\":{\"line\":%u,\"column\":%u},\"end\":{\"line\":%u,"
          "\"column\":%u}}}}",
          d->start.line, d->start.col, d->end.line, d->end.col);
}

/* the issue at buf (room: 6 * (lf + lr + lm) + 512) */
static char *codeclimate_build(char *buf, const lint_diag *d, bool *first, size_t lf, size_t lr,
                               size_t lm) {
  uint64_t h = cc_fingerprint(d);
  char *p = PUT_LIT(buf, ",\n");
  if (*first) p = PUT_LIT(buf, "\n");
  *first = false;
  p = PUT_LIT(p, "{\"type\":\"issue\",\"check_name\":");
  p = put_rule(p, d, lr);
  p = PUT_LIT(p, ",\"description\":");
  p = put_json(p, d->message, lm);
  p = PUT_LIT(p, ",\"categories\":[\"Style\"],\"severity\":\"");
  const char *sev = d->severity == QG_SEV_ERROR ? "major"
                    : d->severity == QG_SEV_WARNING ? "minor" : "info";
  p = put_str(p, sev, strlen(sev));
  p = PUT_LIT(p, "\",\"fingerprint\":\"");
  p = put_hex64(p, h);
  p = PUT_LIT(p, "\",\"location\":{\"path\":");
  const lint_fname *fn = fname_of(d);
  p = fn ? put_str(p, fn->json, fn->json_len) : put_json(p, d->file, lf);
  p = PUT_LIT(p, ",\"positions\":{\"begin\":{\"line\":");
  p = qg_put_u64(p, d->start.line);
  p = PUT_LIT(p, ",\"column\":");
  p = qg_put_u64(p, d->start.col);
  p = PUT_LIT(p, "},\"end\":{\"line\":");
  p = qg_put_u64(p, d->end.line);
  p = PUT_LIT(p, ",\"column\":");
  p = qg_put_u64(p, d->end.col);
  return PUT_LIT(p, "}}}}");
}

/* One issue built in one buffer and written at once (as out_json). */
static void out_codeclimate(FILE *out, const lint_diag *d, bool *first) {
  size_t lf = strlen(d->file), lr = rule_len(d), lm = message_len(d);
  size_t need = 6 * (lf + lr + lm) + 512;
  char small[2048], *buf = need <= sizeof small ? small : malloc(need);
  if (!buf) {
    out_codeclimate_pieces(out, d, first);
    return;
  }
  char *p = codeclimate_build(buf, d, first, lf, lr, lm);
  fwrite(buf, 1, (size_t)(p - buf), out);
  if (buf != small) free(buf);
}

static char *put_str(char *p, const char *s, size_t len) {
  memcpy(p, s, len);
  return p + len;
}

/* put_str of a string that is often short (a file name, a rule id): up to 16 bytes as two
 * words that may overlap, not a call of memcpy */
static inline char *put_short(char *p, const char *s, size_t len) {
  if (len >= 8 && len <= 16) {
    memcpy(p, s, 8);
    memcpy(p + len - 8, s + len - 8, 8);
  } else if (len >= 4 && len < 8) {
    memcpy(p, s, 4);
    memcpy(p + len - 4, s + len - 4, 4);
  } else if (len < 4) {
    for (size_t i = 0; i < len; i++) p[i] = s[i];
  } else {
    memcpy(p, s, len);
  }
  return p + len;
}

/* file:line:col: severity: message [rule], at buf (room: the lengths + the severity + 40) */
static char *gcc_build(char *buf, const lint_line *d) {
  char *p = put_short(buf, d->file, d->file_len);
  *p++ = ':';
  p = qg_put_u64(p, d->start.line);
  *p++ = ':';
  p = qg_put_u64(p, d->start.col);
  switch (d->severity) { /* (gcc_severity's, with the separators) */
  case QG_SEV_ERROR: p = PUT_LIT(p, ": error: "); break;
  case QG_SEV_WARNING: p = PUT_LIT(p, ": warning: "); break;
  default: p = PUT_LIT(p, ": note: ");
  }
  p = put_str(p, d->message, d->message_len);
  p = PUT_LIT(p, " [");
  p = put_short(p, d->rule, d->rule_len);
  return PUT_LIT(p, "]\n");
}

/* built in one buffer and written at once (a CI log can hold hundreds of thousands of these
 * lines) */
static void out_gcc(FILE *out, const lint_diag *d) {
  const char *sev = gcc_severity(d->severity);
  size_t lf = strlen(d->file), lm = message_len(d), lr = rule_len(d);
  size_t need = lf + lm + lr + strlen(sev) + 40;
  char small[1024], *buf = need <= sizeof small ? small : malloc(need);
  if (!buf) { /* no memory for the line: write it in pieces */
    fprintf(out, "%s:%u:%u: %s: %s [%s]\n", d->file, d->start.line, d->start.col, sev,
            d->message, d->rule);
    return;
  }
  lint_line l = line_of(d);
  l.file_len = lf, l.message_len = lm, l.rule_len = lr;
  char *p = gcc_build(buf, &l);
  fwrite(buf, 1, (size_t)(p - buf), out);
  if (buf != small) free(buf);
}

void lint_out_failed(lint_format f, FILE *out, const char *file, const char *msg, bool *first) {
  if (f == LINT_GITHUB) {
    fputs("::error file=", out);
    lint_github_escape(out, file, true);
    fputs(",title=input-error::", out);
    lint_github_escape(out, msg, false);
    fputc('\n', out);
  } else if (f == LINT_CODECLIMATE) {
    /* severity critical: the run fails (status 3) whatever the other issues; line 1, as an
     * issue of the whole file; the fingerprint: the file and the check */
    uint64_t h = 0xcbf29ce484222325ULL;
    fnv(&h, file), fnv(&h, "input-error");
    fputs(*first ? "\n" : ",\n", out);
    *first = false;
    fputs("{\"type\":\"issue\",\"check_name\":\"input-error\",\"description\":", out);
    qg_fputs_json(out, msg);
    fprintf(out, ",\"categories\":[\"Bug Risk\"],\"severity\":\"critical\",\"fingerprint\":"
            "\"%016llx\",\"location\":{\"path\":", (unsigned long long)h);
    qg_fputs_json(out, file);
    fputs(",\"lines\":{\"begin\":1}}}", out);
  } else if (f == LINT_JSON) {
    /* a line as a diagnostic's, at line 1 column 1 (the whole file), rule input-error, so a
     * script reading the json names every input and the reason for status 3 (audit 24 F10:
     * json alone said nothing of it); no seq, original or replacement: the pipeline raised
     * nothing. It comes after the file's diagnostics, as in github and codeclimate */
    fputs("{\"file\":", out);
    qg_fputs_json(out, file);
    fputs(",\"line\":1,\"column\":1,\"end_line\":1,\"end_column\":1,\"rule\":\"input-error\","
          "\"severity\":\"error\",\"message\":", out);
    qg_fputs_json(out, msg);
    fputs(",\"fixable\":false}\n", out);
  }
}

void lint_out_diag(lint_format f, FILE *out, const lint_diag *d, bool *first) {
  switch (f) {
  case LINT_GCC: out_gcc(out, d); break;
  case LINT_JSON: out_json(out, d); break;
  case LINT_SARIF: out_sarif(out, d, first); break;
  case LINT_GITHUB: out_github(out, d); break;
  case LINT_CODECLIMATE: out_codeclimate(out, d, first); break;
  }
}


size_t lint_out_line_need(lint_format f, const lint_line *l) {
  return f == LINT_GITHUB ? github_need(l) : l->file_len + l->message_len + l->rule_len + 48;
}

char *lint_out_line_build(lint_format f, char *p, const lint_line *l) {
  return f == LINT_GITHUB ? github_build(p, l) : gcc_build(p, l);
}

const size_t *lint_out_rule_lens(void) {
  pthread_once(&rq_once, rq_make);
  return rq ? rq_len : NULL;
}

int lint_out_diag_buf(lint_format f, lint_obuf *b, const lint_diag *d, bool *first) {
  char *p;
  switch (f) {
  case LINT_GCC:
  case LINT_GITHUB: {
    lint_line l = line_of(d);
    if (!lint_obuf_room(b, lint_out_line_need(f, &l))) return -1;
    p = lint_out_line_build(f, b->p + b->n, &l);
    break;
  }
  case LINT_JSON: {
    jparts j;
    json_prep(d, &j);
    if (!lint_obuf_room(b, j.need)) return json_done(&j), -1;
    p = json_build(b->p + b->n, d, &j);
    json_done(&j);
    break;
  }
  case LINT_SARIF: {
    sparts x;
    sarif_prep(d, &x);
    if (!lint_obuf_room(b, x.need)) return -1;
    p = sarif_build(b->p + b->n, d, &x, first);
    break;
  }
  case LINT_CODECLIMATE: {
    size_t lf = strlen(d->file), lr = rule_len(d), lm = message_len(d);
    if (!lint_obuf_room(b, 6 * (lf + lr + lm) + 512)) return -1;
    p = codeclimate_build(b->p + b->n, d, first, lf, lr, lm);
    break;
  }
  default: return -1;
  }
  b->n = (size_t)(p - b->p);
  return 0;
}
