/* cues.c: the structure cues (dicts/structure-cues.txt, compiled in, plus a desk's own file)
 * and the features of a block that the repair and structure stages decide from.
 *
 * All knowledge of words (本报记者, 图为, 摄 …) lives in the cue file; this file only measures
 * a block (length, clause marks, how it ends) and asks the cue patterns where they match.
 * The decisions that combine the features are in repair.c and structure.c. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>

extern const unsigned char qg_cues_default[];
extern const size_t qg_cues_default_len;

enum { SEC_SECTION, SEC_SUFFIX, SEC_PREFIX, SEC_ORNAMENT, SEC_BYLINE, SEC_CAPTION, SEC_CREDIT, SEC_CREDIT_TAIL,
       SEC_AUTHOR_TAIL, SEC_AUTHOR, SEC_DATELINE, SEC_SUBHEAD, SEC_COUNT_ };
static const struct {
  const char *name;
  bool pattern;
} sections[SEC_COUNT_] = {
    [SEC_SECTION] = {"section", false},         [SEC_SUFFIX] = {"section-suffix", false},
    [SEC_PREFIX] = {"section-prefix", false},
    [SEC_ORNAMENT] = {"ornament", false},       [SEC_BYLINE] = {"byline", true},
    [SEC_CAPTION] = {"caption", true},          [SEC_CREDIT] = {"credit", true},
    [SEC_CREDIT_TAIL] = {"credit-tail", true},  [SEC_AUTHOR_TAIL] = {"author-tail", true},
    [SEC_AUTHOR] = {"author", true},
    [SEC_DATELINE] = {"dateline", true},        [SEC_SUBHEAD] = {"subhead", true},
};

typedef struct cue_list {
  char **lit;   /* literal entries */
  size_t nlit;
  URegularExpression **re; /* compiled patterns */
  size_t nre;
} cue_list;

struct qg_cues {
  cue_list s[SEC_COUNT_];
  UText ut; /* the block text being matched, reused */
};

static void list_free(cue_list *l) {
  for (size_t i = 0; i < l->nlit; i++) free(l->lit[i]);
  for (size_t i = 0; i < l->nre; i++) uregex_close(l->re[i]);
  free(l->lit);
  free(l->re);
}

void qg_cues_free(qg_cues *c) {
  if (!c) return;
  for (int i = 0; i < SEC_COUNT_; i++) list_free(&c->s[i]);
  utext_close(&c->ut);
  free(c);
}

static int add_literal(cue_list *l, const char *s, size_t n) {
  char **p = realloc(l->lit, (l->nlit + 1) * sizeof *p);
  if (!p) return QG_ERR_NOMEM;
  l->lit = p;
  if (!(p[l->nlit] = malloc(n + 1))) return QG_ERR_NOMEM;
  memcpy(p[l->nlit], s, n);
  p[l->nlit++][n] = '\0';
  return 0;
}

static int add_pattern(cue_list *l, const char *s, size_t n, const char *file, unsigned line,
                       char *err, size_t errlen) {
  UErrorCode st = U_ZERO_ERROR;
  UText pat = UTEXT_INITIALIZER;
  utext_openUTF8(&pat, s, (int64_t)n, &st);
  UParseError pe;
  memset(&pe, 0, sizeof pe);
  URegularExpression *re = uregex_openUText(&pat, 0, &pe, &st);
  utext_close(&pat);
  if (U_FAILURE(st)) {
    snprintf(err, errlen, "%s:%u:%d: bad pattern (%s)", file, line, pe.offset + 1,
             u_errorName(st));
    return QG_ERR_USAGE;
  }
  URegularExpression **p = realloc(l->re, (l->nre + 1) * sizeof *p);
  if (!p) {
    uregex_close(re);
    return QG_ERR_NOMEM;
  }
  l->re = p;
  p[l->nre++] = re;
  return 0;
}

/* Parses cue text (the format is described at the top of dicts/structure-cues.txt). */
static int parse(qg_cues *c, const char *text, size_t len, const char *file, char *err,
                 size_t errlen) {
  int sec = -1;
  unsigned lineno = 0;
  size_t pos = 0, n;
  const char *e;
  while (qg_list_next(text, len, &pos, &lineno, &e, &n)) {
    /* [name] with a lower-case name is a section; other lines (patterns may start with a
     * bracket expression) are entries */
    bool header = e[0] == '[' && e[n - 1] == ']' && n > 2;
    for (size_t k = 1; header && k + 1 < n; k++)
      header = (e[k] >= 'a' && e[k] <= 'z') || e[k] == '-';
    if (header) {
      sec = -1;
      for (int k = 0; k < SEC_COUNT_; k++)
        if (strlen(sections[k].name) == n - 2 && !memcmp(sections[k].name, e + 1, n - 2)) sec = k;
      if (sec < 0) {
        snprintf(err, errlen, "%s:%u:2: unknown section [%.*s]", file, lineno, (int)(n - 2), e + 1);
        return QG_ERR_USAGE;
      }
      continue;
    }
    if (sec < 0) {
      snprintf(err, errlen, "%s:%u:1: entry before the first [section]", file, lineno);
      return QG_ERR_USAGE;
    }
    int rc = sections[sec].pattern ? add_pattern(&c->s[sec], e, n, file, lineno, err, errlen)
                                   : add_literal(&c->s[sec], e, n);
    if (rc == QG_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", file);
    if (rc) return rc;
  }
  return 0;
}

qg_cues *qg_cues_new(const char *path, char *err, size_t errlen) {
  qg_cues *c = calloc(1, sizeof *c);
  if (!c) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  c->ut = (UText)UTEXT_INITIALIZER;
  int rc = parse(c, (const char *)qg_cues_default, qg_cues_default_len, "dicts/structure-cues.txt",
                 err, errlen);
  if (!rc && path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
      snprintf(err, errlen, "%s: cannot open cue file", path);
      rc = QG_ERR_USAGE;
    } else {
      qg_buf t = QG_BUF_INIT;
      char chunk[8192];
      size_t n;
      while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) rc = qg_buf_put(&t, chunk, n);
      if (ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = QG_ERR_USAGE;
      }
      fclose(f);
      if (!rc) rc = parse(c, t.ptr, t.len, path, err, errlen);
      qg_buf_free(&t);
    }
  }
  if (rc) {
    qg_cues_free(c);
    return NULL;
  }
  return c;
}

int qg_cues_check(const char *path, char *err, size_t errlen) {
  qg_cues *c = qg_cues_new(path, err, errlen);
  if (!c) return QG_ERR_USAGE;
  qg_cues_free(c);
  return 0;
}

/* ---- measuring a block ------------------------------------------------------------------ */

static bool is_closer(uint32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')' ||
         c == 0x3011 || c == '"' || c == '\'' || c == 0x300B;
}
static bool is_clause(uint32_t c) {
  return c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == ',' || c == ';';
}

/* Runs the patterns of a section anchored at start (lookingAt) or searching (find); returns
 * true on a match with its span and group 1 (or the whole match when there is no group). */
static bool match_from(qg_cues *c, int sec, bool anchored, size_t from, size_t len,
                       size_t *mstart, size_t *mend, size_t *gstart, size_t *gend) {
  cue_list *l = &c->s[sec];
  for (size_t i = 0; i < l->nre; i++) {
    UErrorCode st = U_ZERO_ERROR;
    URegularExpression *re = l->re[i];
    uregex_setUText(re, &c->ut, &st);
    UBool ok;
    if (anchored) {
      ok = uregex_lookingAt64(re, 0, &st);
    } else {
      /* a search for a tail looks at the end of the text only (transparent bounds let a
       * lookbehind see before the region) */
      uregex_setRegion64(re, (int64_t)from, (int64_t)len, &st);
      uregex_useTransparentBounds(re, true, &st);
      ok = uregex_findNext(re, &st);
    }
    if (U_FAILURE(st) || !ok) continue;
    int64_t s = uregex_start64(re, 0, &st), e = uregex_end64(re, 0, &st);
    int64_t gs = s, ge = e;
    if (uregex_groupCount(re, &st) >= 1) {
      gs = uregex_start64(re, 1, &st);
      ge = uregex_end64(re, 1, &st);
      if (gs < 0) gs = s, ge = e;
    }
    if (U_FAILURE(st)) continue;
    if (mstart) *mstart = (size_t)s;
    if (mend) *mend = (size_t)e;
    if (gstart) *gstart = (size_t)gs;
    if (gend) *gend = (size_t)ge;
    return true;
  }
  return false;
}

static bool match(qg_cues *c, int sec, bool anchored, size_t *mstart, size_t *mend,
                  size_t *gstart, size_t *gend) {
  return match_from(c, sec, anchored, 0, (size_t)utext_nativeLength(&c->ut), mstart, mend,
                    gstart, gend);
}

/* Start of the last `max` bytes of s[0..n), on a character boundary. */
static size_t tail_from(const char *s, size_t n, size_t max) {
  if (n <= max) return 0;
  size_t i = n - max;
  while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
  return i;
}

static bool literal_eq(const cue_list *l, const char *s, size_t n) {
  for (size_t i = 0; i < l->nlit; i++)
    if (strlen(l->lit[i]) == n && !memcmp(l->lit[i], s, n)) return true;
  return false;
}
static bool literal_prefix(const cue_list *l, const char *s, size_t n) {
  for (size_t i = 0; i < l->nlit; i++) {
    size_t k = strlen(l->lit[i]);
    if (k < n && !memcmp(l->lit[i], s, k)) return true;
  }
  return false;
}
static bool literal_suffix(const cue_list *l, const char *s, size_t n) {
  for (size_t i = 0; i < l->nlit; i++) {
    size_t k = strlen(l->lit[i]);
    if (k < n && !memcmp(l->lit[i], s + n - k, k)) return true;
  }
  return false;
}

static void measure(qg_cues *c, const qg_block *b, qg_feat *f);

void qg_cues_measure(qg_cues *c, qg_block *b, qg_feat *f) {
  if (!b->feat_ok) {
    measure(c, b, &b->feat);
    b->feat_ok = true;
  }
  *f = b->feat;
}

static void measure(qg_cues *c, const qg_block *b, qg_feat *f) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  memset(f, 0, sizeof *f);
  f->credit_tail.at = f->author_tail.at = SIZE_MAX;

  /* one pass: characters, clause marks, stops inside, first and last marks */
  uint32_t prev = 0, last = 0, first = 0;
  size_t last_off = 0, last_stop_at = SIZE_MAX, i = 0;
  int depth = 0, quotes = 0;
  while (i < n) {
    size_t at = i;
    uint32_t ch = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(ch)) continue;
    if (!f->chars) first = ch;
    f->chars++;
    bool stop = ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F ||
                ((ch == '.' || ch == '!' || ch == '?') && qg_cp_is_han(prev));
    if (stop) {
      f->stops++;
      last_stop_at = at;
    }
    if (is_clause(ch) && !(ch == ',' && prev >= '0' && prev <= '9')) f->commas++;
    if (!qg_cp_is_han(ch)) f->non_han++;
    /* brackets and book-title marks (quotes may run over paragraphs, so they do not count) */
    if (ch == 0x300A || ch == 0xFF08 || ch == '(' || ch == 0x3008 || ch == 0x3010) depth++;
    if ((ch == 0x300B || ch == 0xFF09 || ch == ')' || ch == 0x3009 || ch == 0x3011) && depth > 0)
      depth--;
    if (ch == 0x201C) quotes++;
    if (ch == 0x201D && quotes > 0) quotes--;
    last = ch;
    last_off = at;
    prev = ch;
  }
  if (!f->chars) return;
  f->unclosed = depth > 0;
  f->quote_open = quotes > 0;
  f->subtitle = (first == 0x2014 || first == 0x2015 || first == 0x2500 || first == '-') &&
                f->chars > 2;
  /* how the text ends: skip closing quotes and brackets back to the mark they follow */
  size_t e = last_off;
  uint32_t endc = last;
  while (is_closer(endc) && e > 0) {
    size_t p = qg_utf8_prev(s, e), q = p;
    uint32_t c2 = qg_utf8_next(s, n, &q);
    if (qg_cp_is_space(c2)) break;
    e = p;
    endc = c2;
  }
  if (endc == 0x3002 || endc == 0xFF01 || endc == 0xFF1F || endc == 0x2026 || endc == '!' ||
      endc == '?' || endc == 0x22EF)
    f->end = QG_END_STOP;
  else if (endc == '.') { /* a full stop at the very end is no decimal point: "March 3." */
    while (e > 0 && s[e - 1] == '.') e--; /* "..." is one mark */
    f->end = QG_END_STOP;
  } else if (is_clause(endc))
    f->end = QG_END_CLAUSE;
  else if (endc == 0xFF1A || endc == ':')
    f->end = QG_END_COLON;
  /* an exclamation or question mark closes a short heading as well as a sentence */
  f->end_exclaim = endc == 0xFF01 || endc == 0xFF1F || endc == '!' || endc == '?';
  if (last_stop_at == e) f->stops--; /* the final mark is not a stop inside */

  /* cue patterns */
  UErrorCode st = U_ZERO_ERROR;
  utext_openUTF8(&c->ut, s, (int64_t)n, &st);
  if (U_FAILURE(st)) return;
  size_t ms, me, gs, ge;
  /* a leading ornament */
  {
    size_t k = 0;
    if (n) {
      uint32_t ch = qg_utf8_next(s, n, &k);
      char enc[4];
      size_t el = qg_utf8_encode(ch, enc);
      if (literal_eq(&c->s[SEC_ORNAMENT], enc, el)) {
        while (k < n) {
          size_t k2 = k;
          if (!qg_cp_is_space(qg_utf8_next(s, n, &k2))) break;
          k = k2;
        }
        f->ornament = k;
      }
    }
  }
  if (match(c, SEC_DATELINE, true, NULL, &me, NULL, NULL)) f->dateline = me;
  /* whole-block credits and author tags are short; tails end with a closing bracket */
  bool short_block = f->chars <= 40;
  bool bracket_end = last == ')' || last == 0xFF09;
  size_t tail = tail_from(s, n, 240);
  if (short_block && match(c, SEC_CREDIT, true, NULL, NULL, &gs, &ge)) {
    f->credit = true;
    f->credit_keep.at = 0;
    f->credit_keep.keep_off = gs;
    f->credit_keep.keep_len = ge - gs;
  }
  if (!f->credit && bracket_end &&
      match_from(c, SEC_CREDIT_TAIL, false, tail, n, &ms, &me, &gs, &ge) && ms > 0) {
    f->credit_tail.at = ms;
    f->credit_tail.keep_off = gs;
    f->credit_tail.keep_len = ge - gs;
  }
  if (!f->credit && short_block && bracket_end && match(c, SEC_AUTHOR, true, NULL, NULL, &gs, &ge)) {
    f->author = true;
    f->author_keep.at = 0;
    f->author_keep.keep_off = gs;
    f->author_keep.keep_len = ge - gs;
  } else if (bracket_end && match_from(c, SEC_AUTHOR_TAIL, false, tail, n, &ms, &me, &gs, &ge) &&
             ms > 0) {
    f->author_tail.at = ms;
    f->author_tail.keep_off = gs;
    f->author_tail.keep_len = ge - gs;
  }
  f->caption = match(c, SEC_CAPTION, true, NULL, NULL, NULL, NULL);
  f->subhead_num = short_block && match(c, SEC_SUBHEAD, true, NULL, NULL, NULL, NULL);
  /* a byline: a cue at its start (after the ornament) or its end, short, no sentence */
  if (f->chars <= 40 && !f->commas && !f->stops && f->end != QG_END_STOP) {
    bool by = false;
    if (f->ornament) {
      utext_openUTF8(&c->ut, s + f->ornament, (int64_t)(n - f->ornament), &st);
      by = match(c, SEC_BYLINE, false, NULL, NULL, NULL, NULL);
      utext_openUTF8(&c->ut, s, (int64_t)n, &st);
    } else {
      by = match(c, SEC_BYLINE, false, NULL, NULL, NULL, NULL);
    }
    f->byline = by && !f->credit;
  }
  /* a section name: a short line equal to a listed name, or ending in a listed suffix */
  if (f->chars <= 12 && !f->commas && f->end == QG_END_NONE) {
    size_t a = 0, z = n;
    while (a < z && (s[a] == ' ' || s[a] == '\t')) a++;
    while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
    f->section = literal_eq(&c->s[SEC_SECTION], s + a, z - a) ||
                 (f->chars <= 6 && literal_suffix(&c->s[SEC_SUFFIX], s + a, z - a)) ||
                 (f->chars <= 8 && literal_prefix(&c->s[SEC_PREFIX], s + a, z - a));
  }
}

bool qg_feat_heading(const qg_feat *f) {
  if (f->subtitle) /* ——访…、… : a subtitle may list */
    return f->chars <= 40 && f->commas <= 2 && !f->stops && f->end != QG_END_CLAUSE &&
           f->end != QG_END_STOP;
  /* a comma is rare in a headline, and only in a short one */
  if (!f->chars || f->chars > 32 || f->commas > 1 || (f->commas && f->chars > 20) || f->stops ||
      f->unclosed || f->quote_open)
    return false;
  if (f->byline || f->credit || f->author || f->caption || f->dateline ||
      f->author_tail.at != SIZE_MAX ||
      f->credit_tail.at != SIZE_MAX)
    return false;
  if (f->end == QG_END_CLAUSE) return false;
  if (f->end == QG_END_STOP && !(f->end_exclaim && f->chars <= 20)) return false;
  return true;
}
