/* fix.c: `qinggao lint --fix` and `--diff`: applies the pipeline's fixes to the original file.
 *
 * The pipeline's diagnostics carry a span in the original file, the text the stage replaced
 * (as it was when that stage edited it, possibly after earlier stages' edits) and the
 * replacement. For each source line with fixes, this file replays them in the order they
 * were raised over a model of the line that maps exactly as the library's source map does
 * (kept characters map to their own column, inserted text to the column where the
 * replaced text began), so a later stage's edit over an earlier one's result is located as
 * the pipeline saw it. An edit is applied only when it is found exactly once, matches
 * what is there, stays inside one line's text (never its indent, trailing white space or
 * line end) and touches no fix that is not applied. The changed characters are then
 * replaced in the original bytes; everything else is copied byte for byte, so encoding, BOM,
 * line ends and untouched text stay as they were. The result is decoded again and compared
 * with what was intended before anything is written. docs/ci.md lists the rules. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"
#include "lint.h"
#include "zio.h"
#include "internal.h" /* qg_pua_family, qg_pua_map_family: Private Use read as the decoder reads it */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <time.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

bool fix_rule_eligible(const char *rule) {
  /* paragraph-level rules (joins, moves, splits, removals, repeats, structure) change the
   * layout of the file; the indent is layout; invalid bytes are not text (the first letter
   * picks the one comparison: this is asked for every fix) */
  switch (rule[0]) {
  case 'p': return strncmp(rule, "para-", 5) != 0;
  case 'd': return strncmp(rule, "dup-", 4) != 0 && strncmp(rule, "decode-", 7) != 0;
  case 's': return strncmp(rule, "struct-", 7) != 0;
  case 'c': return strcmp(rule, "char-indent") != 0;
  default: return true;
  }
}

static bool is_ws(uint32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

/* ---- decoding ---------------------------------------------------------------------------- */

typedef struct text {
  uint32_t *cp;  /* code points */
  uint32_t *boff; /* byte offset of each code point in the file; boff[n] = file length (a
                   * file for --fix is under 512 MiB: decode) */
  size_t n;
  bool bad; /* some byte is not UTF-8 (FIX_BAD_BYTE) */
} text;

static void text_free(text *t) {
  free(t->cp);
  free(t->boff);
  memset(t, 0, sizeof *t);
}

/* The arrays were sized for one code point a byte: Chinese text has about one in three. */
static void shrink(text *t) {
  uint32_t *c = realloc(t->cp, (t->n + 1) * sizeof *c);
  if (c) t->cp = c;
  uint32_t *b = realloc(t->boff, (t->n + 1) * sizeof *b);
  if (b) t->boff = b;
}

static bool stateful(UConverter *cv) {
  switch (ucnv_getType(cv)) {
  case UCNV_ISO_2022: case UCNV_HZ: case UCNV_SCSU: case UCNV_BOCU1: case UCNV_UTF7:
  case UCNV_IMAP_MAILBOX: case UCNV_EBCDIC_STATEFUL: case UCNV_UTF16: case UCNV_UTF32:
    return true;
  default: return false;
  }
}

static UConverter *open_conv(const char *enc, char *err, size_t errlen) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter *cv = ucnv_open(enc, &st);
  if (U_FAILURE(st)) {
    snprintf(err, errlen, "encoding %s: %s", enc, u_errorName(st));
    return NULL;
  }
  if (stateful(cv)) {
    snprintf(err, errlen, "--fix cannot rewrite %s text in place (a stateful or BOM-writing "
             "encoding); use --to-utf8", enc);
    ucnv_close(cv);
    return NULL;
  }
  ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
  ucnv_setFromUCallBack(cv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
  return cv;
}

/* Decodes data[0..n) into t. QG_ERR_INPUT when a byte sequence is invalid. */
static size_t count_newlines(const char *s, size_t n) {
  size_t k = 0;
  for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))); p++) k++;
  return k;
}

/* A byte that is not UTF-8, read leniently: beyond Unicode, so it equals no character, and
 * the line that holds it is left alone (its columns are not the pipeline's). */
#define FIX_BAD_BYTE 0x110000u

/* The code point at u[*i] (*i < n), *i moved past it; -1 for bytes that are not UTF-8, or,
 * lenient, FIX_BAD_BYTE | the first of them, *i past that one byte. decode's UTF-8 pass and
 * the lines of the decisions alone (line_cells) read the text with it alike. */
static inline UChar32 utf8_step(const uint8_t *u, int32_t *at, int32_t n, bool lenient) {
  int32_t i = *at;
  UChar32 c;
  if (u[i] < 0x80) { /* ASCII, and three-byte characters whose lead byte allows no overlong
                      * form or surrogate (E1..EC, EE, EF): the most of Chinese */
    c = u[i++];
  } else if (i + 2 < n && (uint8_t)(u[i] - 0xE1) <= 0x0E && u[i] != 0xED &&
             (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
    c = (UChar32)(((u[i] & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F));
    i += 3;
  } else {
    U8_NEXT(u, i, n, c);
  }
  if (c < 0 && lenient) {
    c = (UChar32)(FIX_BAD_BYTE | u[*at]);
    i = *at + 1;
  }
  *at = i;
  return c;
}

/* The file as code points with the byte offset of each. lenient (UTF-8 only): a byte that is
 * not UTF-8 becomes FIX_BAD_BYTE | byte and is copied as it is around the fixes. */
static int decode(UConverter *cv, int pua, const char *data, size_t n, text *t, bool lenient,
                  char *err, size_t errlen) {
  memset(t, 0, sizeof *t);
  if (n > INT32_MAX / 4) {
    snprintf(err, errlen, "file too large for --fix");
    return QG_ERR_USAGE;
  }
  if (ucnv_getType(cv) == UCNV_UTF8) { /* well-formed UTF-8 without ICU's round trip */
    t->cp = malloc((n + 1) * sizeof *t->cp);
    t->boff = malloc((n + 2) * sizeof *t->boff);
    if (!t->cp || !t->boff) {
      text_free(t);
      return QG_ERR_NOMEM;
    }
    bool ok = true;
    const uint8_t *u = (const uint8_t *)data;
    for (int32_t i = 0; i < (int32_t)n;) {
      int32_t at = i;
      UChar32 c = utf8_step(u, &i, (int32_t)n, lenient);
      if (c < 0) {
        ok = false;
        break;
      }
      t->bad |= (uint32_t)c >= FIX_BAD_BYTE;
      t->cp[t->n] = (uint32_t)c;
      t->boff[t->n++] = (uint32_t)at;
    }
    if (ok) {
      t->boff[t->n] = (uint32_t)n;
      shrink(t);
      return 0;
    }
    text_free(t); /* ICU's pass below names the bad bytes */
  }
  size_t cap = 2 * n + 16;
  UChar *u = malloc(cap * sizeof *u);
  int32_t *off = malloc(cap * sizeof *off);
  t->cp = malloc((n + 1) * sizeof *t->cp);
  t->boff = malloc((n + 2) * sizeof *t->boff);
  int rc = 0;
  if (!u || !off || !t->cp || !t->boff) rc = QG_ERR_NOMEM;
  if (!rc) {
    UErrorCode st = U_ZERO_ERROR;
    ucnv_resetToUnicode(cv);
    UChar *target = u;
    const char *src = data;
    ucnv_toUnicode(cv, &target, u + cap, &src, data + n, off, true, &st);
    if (U_FAILURE(st)) {
      UErrorCode st2 = U_ZERO_ERROR; /* st has failed: ucnv_getName would return NULL */
      const char *name = ucnv_getName(cv, &st2);
      char bad[32];
      int8_t nbad = (int8_t)sizeof bad;
      ucnv_getInvalidChars(cv, bad, &nbad, &st2); /* src is past them */
      long at = (long)(src - data) - (U_SUCCESS(st2) ? nbad : 0);
      snprintf(err, errlen, "bytes invalid in %s at byte offset %ld (line %ld)",
               U_SUCCESS(st2) && name ? name : "the input encoding", at,
               1 + (long)count_newlines(data, (size_t)at));
      rc = QG_ERR_INPUT;
    } else {
      size_t nu = (size_t)(target - u);
      for (size_t i = 0; i < nu;) {
        size_t at = i;
        UChar32 c;
        U16_NEXT(u, i, nu, c);
        uint32_t m[2];
        int k = pua ? qg_pua_map_family(pua, (uint32_t)c, m) : 0; /* (as stages/decode.c reads
                   * it: HKSCS in Big5, GB18030-2022 in the GB family; probe 16 F4, F2) */
        uint32_t b = off[at] >= 0 ? (uint32_t)off[at] : 0;
        if (!k) m[0] = (uint32_t)c, k = 1;
        for (int j = 0; j < k; j++) { /* (two code points from one pair of bytes: the second
                                       * is at the first's offset; n + 1 is room enough) */
          t->cp[t->n] = m[j];
          t->boff[t->n++] = b;
        }
      }
      t->boff[t->n] = (uint32_t)n;
      shrink(t);
    }
  }
  free(u);
  free(off);
  if (rc) text_free(t);
  return rc;
}

/* ---- lines ------------------------------------------------------------------------------- */

typedef struct line {
  size_t start, end; /* code point range of the text, without the line end */
} line;

/* Whether CR ends lines in t (from code point `from`), decided as the decoder decides
 * (stages/decode.c, "line ends"): by the first line end. An LF (after any CRs) first: LF
 * file. A lone CR (a run of CRs followed by neither CR nor LF) first: the next line end
 * decides, an LF making it an LF file; another lone CR, the end of the text, a byte that is
 * not UTF-8, or 64 KiB of UTF-8 text (QG_HOLD in decode.c) before it make it a CR file. */
static bool cr_ends_lines(const text *t, size_t from) {
  bool holding = false;
  size_t held = 0; /* UTF-8 bytes after the lone CRs */
  for (size_t i = from; i < t->n;) {
    uint32_t c = t->cp[i];
    if (c == '\r') {
      size_t j = i;
      while (j < t->n && t->cp[j] == '\r') j++;
      if (j < t->n && t->cp[j] == '\n') return false;
      if (holding || j == t->n) return true;
      holding = true;
      i = j;
      continue;
    }
    if (c == '\n') return false;
    if (holding) {
      if (c >= FIX_BAD_BYTE) return true;
      held += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (held >= 64 * 1024) return true;
    }
    i++;
  }
  return holding;
}

/* Splits t (from code point `from`, past a BOM) into lines as the decoder does: in a CR file
 * CR LF, CR or LF ends a line; in an LF file LF ends a line, the CRs right before it (and
 * those ending the text) belong to the line end, and any other CR is a character of the line.
 * (U+2029 ends a paragraph for the pipeline but not a line: positions go on along the line.) */
static line *split_lines(const text *t, size_t from, size_t *nlines, int cr_mode) {
  size_t cap = 64, n = 0;
  line *v = malloc(cap * sizeof *v);
  if (!v) return NULL;
  bool cr = cr_mode < 0 ? cr_ends_lines(t, from) : cr_mode > 0;
  size_t s = from;
  for (size_t i = from; i <= t->n; i++) {
    bool end = i == t->n;
    size_t e = i; /* end of the line's text */
    if (!end && t->cp[i] != '\r' && t->cp[i] != '\n') continue;
    if (!end && !cr && t->cp[i] == '\r') {
      size_t j = i;
      while (j < t->n && t->cp[j] == '\r') j++;
      if (j < t->n && t->cp[j] != '\n') { /* stray CRs: characters of the line */
        i = j - 1;
        continue;
      }
      i = j; /* at the LF, or at the end of the text */
      end = i == t->n;
    }
    if (end && s == e) break; /* nothing after the last line end */
    if (n == cap) {
      line *w = realloc(v, (cap *= 2) * sizeof *v);
      if (!w) return free(v), NULL;
      v = w;
    }
    v[n++] = (line){s, e};
    if (!end && cr && t->cp[i] == '\r' && i + 1 < t->n && t->cp[i + 1] == '\n') i++;
    s = i + 1;
  }
  *nlines = n;
  return v;
}

/* The decisions alone in UTF-8, in an LF file (cr_mode 0): the lines of data[0..n) from byte
 * `from` (past a BOM) as byte ranges of their text, as split_lines makes them of the decoded
 * text (an LF ends a line, the CRs right before it and those ending the text belong to the
 * line end, any other CR is a character; nothing after the last line end is no line). Only
 * the lines with fixes are then decoded (line_cells), not the whole part twice (the decode and
 * the split: 40 M instructions of `lint -f json` on the 2 MB bench copy). */
static line *split_lines_lf(const char *data, size_t n, size_t from, size_t *nlines) {
  size_t cap = 64, k = 0;
  line *v = malloc(cap * sizeof *v);
  if (!v) return NULL;
  for (size_t s = from; s < n;) {
    const char *lf = memchr(data + s, '\n', n - s);
    size_t e = lf ? (size_t)(lf - data) : n;
    while (e > s && data[e - 1] == '\r') e--;
    if (!lf && e == s) break; /* (only CRs after the last line end) */
    if (k == cap) {
      line *w = realloc(v, (cap *= 2) * sizeof *v);
      if (!w) return free(v), NULL;
      v = w;
    }
    v[k++] = (line){s, e};
    if (!lf) break;
    s = (size_t)(lf - data) + 1;
  }
  *nlines = k;
  return v;
}

/* ---- the line model ---------------------------------------------------------------------- */

typedef struct cell {
  uint32_t cp;
  uint32_t col; /* the column this character maps to */
  int32_t orig; /* index in the original line; for inserted text -1 - the index, among the
                 * line's edits, of the edit that inserted it (its owner) */
} cell;

/* The line's characters in a gap buffer: edits of one stage come in increasing order, so
 * moving the gap to each costs the distance from the last, and a line of n characters with
 * m edits costs O(n per stage + m log n) instead of O(n m). */
typedef struct cells {
  cell *v;
  size_t cap, g, ge; /* the gap is v[g, ge) */
} cells;

static size_t cells_n(const cells *c) { return c->cap - (c->ge - c->g); }
static cell *cells_at(const cells *c, size_t i) {
  return i < c->g ? &c->v[i] : &c->v[i + (c->ge - c->g)];
}

/* Empties c and makes room for n characters (and a gap). */
static int cells_reset(cells *c, size_t n) {
  size_t cap = n + 64;
  if (cap > c->cap) {
    cell *v = realloc(c->v, cap * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    c->v = v;
  } else {
    cap = c->cap;
  }
  c->cap = cap;
  c->g = 0;
  c->ge = cap;
  return 0;
}

#ifdef QG_CHECK_LINECELLS
/* line_cells as it was before its SSE2 steps (session 52): the reference the check build
 * compares every line's cells with */
static long line_cells_ref(const char *data, size_t a, size_t b, cells *c, bool *bad) {
  if (cells_reset(c, b - a)) return -1;
  const uint8_t *u = (const uint8_t *)data + a, *p = u, *e = (const uint8_t *)data + b;
  cell *o = c->v;
  int32_t k = 0;
  bool any = false;
  while (p < e) {
    uint32_t x = *p;
    if (x < 0x80) {
      p++;
    } else if (e - p > 2 && x - 0xE0 < 16 && (0xDFFEu >> (x - 0xE0) & 1) &&
               ((p[1] ^ 0x80) | (p[2] ^ 0x80)) < 0x40) {
      x = ((x & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      p += 3;
    } else {
      int32_t i = (int32_t)(p - u);
      x = (uint32_t)utf8_step(u, &i, (int32_t)(e - u), true);
      any |= x >= FIX_BAD_BYTE;
      p = u + i;
    }
    o[k] = (cell){x, (uint32_t)k + 1, k};
    k++;
  }
  c->g = (size_t)k;
  *bad = any;
  return (long)k;
}
static long line_cells_fast(const char *data, size_t a, size_t b, cells *c, bool *bad);
/* both, compared: abort on a difference */
static long line_cells(const char *data, size_t a, size_t b, cells *c, bool *bad) {
  cells r = {0};
  bool rbad = false;
  long rk = line_cells_ref(data, a, b, &r, &rbad);
  long k = line_cells_fast(data, a, b, c, bad);
  if (rk != k || rbad != *bad || (k > 0 && memcmp(r.v, c->v, (size_t)k * sizeof *r.v))) {
    fprintf(stderr, "QG_CHECK_LINECELLS: the cells of bytes %zu..%zu differ\n", a, b);
    abort();
  }
  free(r.v);
  return k;
}
#define line_cells line_cells_fast
#endif
/* The cells of the line data[a..b) (its text in UTF-8, read leniently as decode reads it),
 * each character at its own column, into c (emptied: cells_reset, and the line's cells at
 * once, as fix_apply_part makes them from decoded text); their count, or -1 out of memory.
 * *bad: some byte is not UTF-8. The decisions alone read a line's bytes straight into its
 * model: decoding them to code points first and copying those was 8 M instructions of `lint
 * -f json` on the 2 MB bench copy (session 41). */
static long line_cells(const char *data, size_t a, size_t b, cells *c, bool *bad) {
  if (cells_reset(c, b - a)) return -1; /* (a character is a byte or more) */
  const uint8_t *u = (const uint8_t *)data + a, *p = u, *e = (const uint8_t *)data + b;
  cell *o = c->v;
  int32_t k = 0;
  bool any = false;
#ifdef __SSE2__
  /* five characters at a time where the next fifteen bytes are five of the three-byte form
   * the loop below decodes itself (lead E1..EC, EE, EF, two 80..BF: Han, kana, full-width
   * marks), the test of all fifteen in one step (session 52: the lines of the bench copy are
   * paragraphs, mostly Han; 24.2 M of `lint -f json` on the 2 MB bench copy was this loop at
   * about 30 instructions a character). The same cells as the loop (line_cells_ref under
   * QG_CHECK_LINECELLS). */
  const __m128i e0 = _mm_set1_epi8((char)0xE0), f0 = _mm_set1_epi8((char)0xF0),
                ed = _mm_set1_epi8((char)0xED), c0 = _mm_set1_epi8((char)0xC0),
                x80 = _mm_set1_epi8((char)0x80);
#endif
  while (p < e) {
#ifdef __SSE2__
    while (e - p >= 16 && *p >= 0xE1) {
      __m128i v = _mm_loadu_si128((const __m128i *)p);
      /* (signed compares: E1..EF lie between E0 and F0 as signed bytes too) */
      __m128i lead = _mm_andnot_si128(_mm_cmpeq_epi8(v, ed),
                                      _mm_and_si128(_mm_cmpgt_epi8(v, e0), _mm_cmplt_epi8(v, f0)));
      __m128i cont = _mm_cmpeq_epi8(_mm_and_si128(v, c0), x80);
      unsigned m = ((unsigned)_mm_movemask_epi8(lead) & 0x1249u) | /* lanes 0, 3, 6, 9, 12 */
                   ((unsigned)_mm_movemask_epi8(cont) & 0x6DB6u);  /* the others up to 14 */
      /* the characters of that form before the first that is not (t of the five) */
      unsigned t = m == 0x7FFFu ? 5 : (unsigned)__builtin_ctz(~m & 0x7FFFu) / 3;
      for (unsigned j = 0; j < t; j++, p += 3, k++)
        o[k] = (cell){((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
                          (p[2] & 0x3F),
                      (uint32_t)k + 1, k};
      if (t < 5) break; /* (that one below, a byte at a time) */
    }
    if (p >= e) break;
#endif
    uint32_t x = *p;
    if (x < 0x80) { /* (utf8_step's first two cases, here without its other checks) */
      p++;
    } else if (e - p > 2 && x - 0xE0 < 16 && (0xDFFEu >> (x - 0xE0) & 1) && /* E1..EC, EE, EF */
               ((p[1] ^ 0x80) | (p[2] ^ 0x80)) < 0x40) {              /* two 80..BF */
      x = ((x & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      p += 3;
    } else {
      int32_t i = (int32_t)(p - u);
      x = (uint32_t)utf8_step(u, &i, (int32_t)(e - u), true);
      any |= x >= FIX_BAD_BYTE;
      p = u + i;
    }
    o[k] = (cell){x, (uint32_t)k + 1, k};
    k++;
  }
  c->g = (size_t)k;
  *bad = any;
  return (long)k;
}
#ifdef QG_CHECK_LINECELLS
#undef line_cells
#endif

/* Moves the gap to logical position p. */
static void cells_gap_to(cells *c, size_t p) {
  size_t gl = c->ge - c->g;
  if (p < c->g) memmove(c->v + p + gl, c->v + p, (c->g - p) * sizeof(cell));
  else if (p > c->g) memmove(c->v + c->g, c->v + c->ge, (p - c->g) * sizeof(cell));
  c->g = p;
  c->ge = p + gl;
}

/* Replaces logical [p, p+k) by rn cells; the gap ends up after them. */
static int cells_replace(cells *c, size_t p, size_t k, const uint32_t *cp, size_t rn,
                         uint32_t col, int32_t owner) {
  cells_gap_to(c, p);
  c->ge += k; /* the k cells join the gap */
  if (c->ge - c->g < rn) {
    size_t n = cells_n(c), tail = c->cap - c->ge;
    size_t cap = (n + rn) * 2 + 64;
    cell *v = realloc(c->v, cap * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    memmove(v + cap - tail, v + c->ge, tail * sizeof(cell));
    c->v = v;
    c->ge = cap - tail;
    c->cap = cap;
  }
  for (size_t j = 0; j < rn; j++) c->v[c->g++] = (cell){cp[j], col, -1 - owner};
  return 0;
}

typedef struct span {
  uint32_t c1, c2;
  bool touch; /* edits touching it are held back too (else only overlapping ones) */
} span;

/* Code points of a UTF-8 string into out (reused), LINT_NUL as U+0000; returns the count or
 * -1. The reference of utf8_cps (below), and what it falls back on. */
static long utf8_cps_ref(const char *s, uint32_t **out, size_t *cap) {
  size_t len = strlen(s), n = 0;
  if (*cap < len + 1) {
    uint32_t *v = realloc(*out, (len + 1) * sizeof *v);
    if (!v) return -1;
    *out = v;
    *cap = len + 1;
  }
  for (int32_t i = 0; (size_t)i < len;) {
    UChar32 c;
    if (s[i] == LINT_NUL[0] && s[i + 1] == LINT_NUL[1]) c = 0, i += 2;
    else U8_NEXT(s, i, (int32_t)len, c);
    if (c < 0) return -1;
    (*out)[n++] = (uint32_t)c;
  }
  return (long)n;
}

/* utf8_cps_ref's result without its strlen and U8_NEXT for what an original or a replacement
 * mostly is (a character or two): ASCII, and the three-byte form line_cells decodes itself
 * (lead E1..EC, EE or EF, then two bytes 80..BF: valid whatever they are), decoded here while
 * out has room; anything else (another form, LINT_NUL, no room) goes to utf8_cps_ref, from
 * the start. try_edit decodes each edit's two strings, once each on the 2 MB bench copy
 * (97,422 calls, so decoding them once when stored would save nothing there): utf8_cps_ref
 * was 6.0 M instructions of `lint -f json` on it, and the run went from 692.07 to 687.80 M
 * with this (session 52). QG_CHECK_UTF8CPS compares every result with utf8_cps_ref's. */
static inline long utf8_cps_fast(const char *s, uint32_t **out, size_t *cap) {
  const unsigned char *p = (const unsigned char *)s;
  uint32_t *o = *out;
  size_t n = 0, room = *cap;
  for (;;) {
    unsigned x = *p;
    if (!x) return (long)n;
    if (n + 1 >= room) break; /* (utf8_cps_ref keeps room for one more) */
    if (x < 0x80) {
      o[n++] = x, p++;
    } else if (x - 0xE1u < 15 && x != 0xED && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      o[n++] = (x & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu), p += 3;
    } else {
      break;
    }
  }
  return utf8_cps_ref(s, out, cap);
}

static inline long utf8_cps(const char *s, uint32_t **out, size_t *cap) {
#ifdef QG_CHECK_UTF8CPS
  uint32_t *r = NULL;
  size_t rcap = 0;
  long rn = utf8_cps_ref(s, &r, &rcap);
  long n = utf8_cps_fast(s, out, cap);
  if (n != rn || (n > 0 && memcmp(r, *out, (size_t)n * sizeof *r))) {
    fprintf(stderr, "QG_CHECK_UTF8CPS: the code points of \"%s\" differ\n", s);
    abort();
  }
  free(r);
  return n;
#else
  return utf8_cps_fast(s, out, cap);
#endif
}

typedef struct fixer {
  cells line;
  uint32_t *o, *r;
  size_t ocap, rcap;
  /* columns 0..olen+1 of the line held back: touch[c] (a fix touching c is held back),
   * over[c] (a fix covering c is held back) */
  unsigned char *touch, *over;
  size_t tcap;
  /* per edit of the line (by its index among them): the original characters [xlo, xhi) it
   * stands for when applied (its own, those under the text it replaced and those an edit
   * before it replaced), its cluster (line_fixes) */
  uint32_t *xlo, *xhi, *xs, *xc; /* xs, xc: line_fixes' scratch, 3 and 4 a slot */
  size_t *xcl;
  size_t xcap;
} fixer;

static int taint_reset(fixer *f, uint32_t olen) {
  size_t n = (size_t)olen + 3;
  if (n > f->tcap) {
    unsigned char *a = realloc(f->touch, n), *b = a ? realloc(f->over, n) : NULL;
    if (a) f->touch = a;
    if (!b) return QG_ERR_NOMEM;
    f->over = b;
    f->tcap = n;
  }
  memset(f->touch, 0, n);
  memset(f->over, 0, n);
  return 0;
}

/* Holds back fixes near [c1, c2) of a fix that is not applied: touch, those touching or
 * overlapping it; else those overlapping it. */
static void add_taint(fixer *f, uint32_t c1, uint32_t c2, bool touch, uint32_t olen) {
  if (c2 > olen + 1) c2 = olen + 1;
  if (c1 > c2) c1 = c2;
  if (touch)
    for (uint32_t c = c1; c <= c2; c++) f->touch[c] = 1;
  for (uint32_t c = c1; c < c2; c++) f->over[c] = 1;
}

/* Whether a fix of [c1, c2) is held back. pair: a mark of a quotation, bracket or book-title
 * pair (a link), held back only by what it overlaps: its direction was decided with its
 * partner's by the pairing, not from the marks next to it (session 25, audit 24 F20). */
static bool tainted(const fixer *f, uint32_t c1, uint32_t c2, uint32_t olen, bool pair) {
  if (c2 > olen + 1) c2 = olen + 1;
  if (c1 > c2) return true;
  for (uint32_t c = c1; c <= c2; c++)
    if ((!pair && f->touch[c]) || (f->over[c] && (c < c2 || c1 == c2))) return true;
  return false;
}

static uint32_t pos_at(const cells *c, size_t p, uint32_t endcol) {
  return p < cells_n(c) ? cells_at(c, p)->col : endcol;
}

/* The column a span [p, q) of the model ends at, as the library's source map gives it: just
 * past its last character when that one is the file's own (qg_edit_replace: probe 12a A3,
 * ,\u200B with the U+200B removed ends at the ,), else where the text after it maps. */
static uint32_t end_col(const cells *c, size_t p, size_t q, uint32_t endcol) {
  if (q > p && cells_at(c, q - 1)->orig >= 0) return cells_at(c, q - 1)->col + 1;
  return pos_at(c, q, endcol);
}

/* Tries to apply edit e to the line model; returns 1 when applied, 0 when not, <0 on error.
 * olen: original line length (characters); cs, ce: its first and past-last non-blank. */
static int try_edit(fixer *f, fix_edit *e, size_t li, uint32_t olen, uint32_t cs, uint32_t ce) {
  cells *L = &f->line;
  uint32_t endcol = olen + 1;
  bool multiline = e->end.line != e->start.line;
  if (e->end.line < e->start.line) return 0;
  uint32_t c1 = e->start.col, c2 = multiline ? endcol : e->end.col;
  if (c1 < 1 || c1 > endcol || tainted(f, c1, c2, olen, e->link != 0)) return 0;
  long k = utf8_cps(e->original, &f->o, &f->ocap);
  long rn = utf8_cps(e->replacement, &f->r, &f->rcap);
  if (k < 0 || rn < 0) return 0;
  size_t n = cells_n(L);
  /* columns never decrease along the line: the first cell at c1 by binary search */
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cells_at(L, mid)->col < c1) lo = mid + 1;
    else hi = mid;
  }
  long found = -1;
  for (size_t p = lo; p + (size_t)k <= n && pos_at(L, p, endcol) == c1; p++) {
    bool ok = true;
    for (long j = 0; ok && j < k; j++) {
      const cell *x = cells_at(L, p + (size_t)j);
      if (x->cp != f->o[j]) ok = false;
      /* never the indent, trailing white space or line end of the original line */
      if (x->orig >= 0 && ((uint32_t)x->orig < cs || (uint32_t)x->orig >= ce)) ok = false;
    }
    if (!ok) continue;
    size_t q = p + (size_t)k;
    if (multiline) {
      /* a span that ends where the paragraph goes on in the next line: only blanks may
       * follow in this line */
      for (size_t j = q; ok && j < n; j++)
        if (!is_ws(cells_at(L, j)->cp)) ok = false;
    } else if (end_col(L, p, q, endcol) != e->end.col) {
      ok = false;
    }
    if (!ok) continue;
    if (found >= 0) return 0; /* ambiguous */
    found = (long)p;
  }
  if (found < 0) return 0;
  size_t p = (size_t)found;
  if (rn == 0 && !strcmp(e->rule, "char-invisible")) {
    /* an invisible character ending a line tells the paragraph stage how to join it */
    bool text_after = false;
    for (size_t j = p + (size_t)k; !text_after && j < n; j++)
      if (!is_ws(cells_at(L, j)->cp)) text_after = true;
    if (!text_after) return 0;
  }
  /* the original characters it stands for (line_fixes makes the SARIF fixes of them) */
  uint32_t xl = UINT32_MAX, xh = 0;
  for (long j = 0; j < k; j++) {
    const cell *x = cells_at(L, p + (size_t)j);
    uint32_t a = x->orig >= 0 ? (uint32_t)x->orig : f->xlo[-1 - x->orig];
    uint32_t b = x->orig >= 0 ? (uint32_t)x->orig + 1 : f->xhi[-1 - x->orig];
    if (a < xl) xl = a;
    if (b > xh) xh = b;
  }
  if (!k) { /* an insertion: where it goes */
    const cell *x = p < n ? cells_at(L, p) : NULL;
    xl = xh = !x ? olen : x->orig >= 0 ? (uint32_t)x->orig : f->xlo[-1 - x->orig];
  }
  f->xlo[li] = xl, f->xhi[li] = xh;
  /* direct: the range is original characters, consecutive, none edited before (line_fixes
   * decides again for the edits that overlap others) */
  e->direct = k > 0;
  for (long j = 0; e->direct && j < k; j++) {
    const cell *x = cells_at(L, p + (size_t)j);
    if (x->orig < 0 || (j && x->orig != cells_at(L, p + (size_t)j - 1)->orig + 1))
      e->direct = false;
  }
  if (e->direct) {
    e->direct_start = (qg_pos){e->start.line, (uint32_t)cells_at(L, p)->orig + 1};
    e->direct_end = (qg_pos){e->start.line, (uint32_t)cells_at(L, p + (size_t)k - 1)->orig + 2};
  }
  if (cells_replace(L, p, (size_t)k, f->r, (size_t)rn, c1, (int32_t)li)) return QG_ERR_NOMEM;
  return 1;
}

/* The SARIF fixes of a line replayed (session 26, review 25 L4): applied edits whose original
 * characters overlap (an edit over text an earlier one made, or over a character an earlier
 * one removed: a space, U+200B and a space, the U+200B removed and then the spaces) are one
 * change of the file's characters. It is given, as the file's characters [lo, hi) and the text
 * that replaces them, on the last of them (the carrier), which stands for them all; the others
 * get no fix of their own (carrier: the carrier's index in the edits), so the fixes of a file
 * never overlap and applying them all gives what --fix writes. Before, only an edit of the
 * file's own characters had one, and a chain (︲ made – and then —) or a removal spanning
 * another (the spaces around a U+200B) gave the first step or none: the fixes applied left
 * `>！  “` where --fix wrote `>！“`. When the carrier's replacement is not the whole change (it
 * replaced part of an earlier edit's text only: ２０２３－２０２５ made 2023-2025 by one edit, then
 * its - made —), the edits of the file's own characters among them keep their fixes, as
 * before (the first), and the others get none. */
/* Every edit not applied (and, with invalid, not found invalid), carried by none. */
static void unapply(fix_edit *edits, size_t n, bool invalid) {
  for (size_t i = 0; i < n; i++) {
    edits[i].applied = edits[i].direct = false, edits[i].carrier = -1;
    if (invalid) edits[i].invalid = false;
  }
}

static int cmp_x(const void *a, const void *b) {
  const uint32_t *x = a, *y = b; /* lo, hi, index */
  if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
  if (x[1] != y[1]) return x[1] > y[1] ? -1 : 1;
  return x[2] < y[2] ? -1 : x[2] > y[2];
}
static void line_fixes(fixer *f, const fix_edit **order, size_t i, size_t j, const fix_edit *edits) {
  size_t m = j - i, na = 0;
  uint32_t *xs = f->xs, *cl = f->xc;
  for (size_t k = 0; k < m; k++) {
    fix_edit *e = (fix_edit *)order[i + k];
    e->carrier = -1;
    f->xcl[k] = SIZE_MAX;
    if (!e->applied) continue;
    xs[3 * na] = f->xlo[k], xs[3 * na + 1] = f->xhi[k], xs[3 * na + 2] = (uint32_t)k;
    na++;
  }
  qsort(xs, na, 3 * sizeof *xs, cmp_x);
  /* clusters: runs of extents that overlap (touching is apart); per cluster its lo, hi,
   * carrier and whether it can be given; xcl: each edit's cluster */
  size_t ncl = 0; /* cl: lo, hi, carrier, ok */
  for (size_t a = 0; a < na; a++) {
    uint32_t lo = xs[3 * a], hi = xs[3 * a + 1], k = xs[3 * a + 2];
    if (ncl && lo < cl[4 * (ncl - 1) + 1]) {
      uint32_t *c = &cl[4 * (ncl - 1)];
      if (hi > c[1]) c[1] = hi;
      if (k > c[2]) c[2] = k;
    } else {
      uint32_t *c = &cl[4 * ncl++];
      c[0] = lo, c[1] = hi, c[2] = k, c[3] = 1;
    }
    f->xcl[k] = ncl - 1;
  }
  /* the carrier stands for the cluster: its extent is the cluster's, and the line's text there
   * is its replacement alone (no original character, no other edit's text) */
  for (size_t c = 0; c < ncl; c++) {
    uint32_t *x = &cl[4 * c];
    if (f->xlo[x[2]] != x[0] || f->xhi[x[2]] != x[1] || x[1] <= x[0]) x[3] = 0;
  }
  size_t at = 0;
  for (size_t p = 0, n = cells_n(&f->line); p < n && ncl; p++) {
    const cell *x = cells_at(&f->line, p);
    if (x->orig < 0) {
      size_t o = (size_t)(-1 - x->orig), c = f->xcl[o];
      if (c != SIZE_MAX && cl[4 * c + 2] != o) cl[4 * c + 3] = 0;
      continue;
    }
    uint32_t oc = (uint32_t)x->orig;
    while (at < ncl && cl[4 * at + 1] <= oc) at++;
    if (at < ncl && cl[4 * at] <= oc) cl[4 * at + 3] = 0;
  }
  for (size_t k = 0; k < m; k++) {
    fix_edit *e = (fix_edit *)order[i + k];
    size_t c = f->xcl[k];
    if (c == SIZE_MAX || !cl[4 * c + 3]) continue; /* (as try_edit decided) */
    size_t car = cl[4 * c + 2];
    e->direct = false;
    if (car == k) {
      e->direct = true;
      e->direct_start = (qg_pos){e->start.line, cl[4 * c] + 1};
      e->direct_end = (qg_pos){e->start.line, cl[4 * c + 1] + 1};
    } else {
      e->carrier = (long)(order[i + car] - edits);
    }
  }
}

/* ---- output ------------------------------------------------------------------------------ */

typedef struct obuf {
  char *p;
  size_t n, cap;
} obuf;

static int put(obuf *b, const void *d, size_t n) {
  if (!n) return 0;
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + n) cap *= 2;
    char *v = realloc(b->p, cap);
    if (!v) return QG_ERR_NOMEM;
    b->p = v;
    b->cap = cap;
  }
  memcpy(b->p + b->n, d, n);
  b->n += n;
  return 0;
}

/* Encodes code points cp[0..n) with cv, appending to b. 0, or 1 when a character cannot be
 * encoded. */
/* cp[0..n) in the file's encoding into b: 0, 1 when some character has no bytes there, or a
 * negative status. alt (Big5, read with HKSCS: stages/decode.c): the converter a character
 * the file's converter cannot write is tried in (阝 U+961D is Big5-HKSCS 8BFB, not in
 * windows-950; what is written is read back as intended, or the file is not fixed: the check
 * in fix_apply_part). */
static int encode_with(UConverter *cv, const uint32_t *cp, size_t n, obuf *b) {
  UChar u[512];
  char out[2048];
  size_t i = 0;
  ucnv_resetFromUnicode(cv);
  while (i < n) {
    int32_t nu = 0;
    while (i < n && nu < 500) {
      UBool err = false;
      U16_APPEND((UChar *)u, nu, 512, (UChar32)cp[i], err);
      if (err) return 1;
      i++;
    }
    const UChar *s = u;
    char *t = out;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_fromUnicode(cv, &t, out + sizeof out, &s, u + nu, NULL, i == n, &st);
    if (U_FAILURE(st)) return 1;
    if (put(b, out, (size_t)(t - out))) return QG_ERR_NOMEM;
  }
  return 0;
}

/* pua: the file's table of Private Use code points (qg_pua_family). In the GB family a
 * character that table reads from a Private Use code point's bytes (GB18030-2022's 22: 龴
 * U+9FB4 is FE59, which ICU's 2005 table reads as U+E81E and would write U+9FB4 for as
 * 82359037; in GBK also the pairs GB18030 reads otherwise, A8BC ḿ) is written as that code
 * point, so in the bytes the file's own copy of it has, which read back as the character. */
static int encode(UConverter *cv, UConverter *alt, int pua, const uint32_t *cp, size_t n,
                  obuf *b) {
  uint32_t mapped[64], *m = NULL;
  if (pua == 2 || pua == 3)
    for (size_t i = 0; i < n; i++) {
      uint32_t p = cp[i] >= 0x80 ? qg_pua_unmap_family(pua, cp[i]) : 0;
      if (!p) continue;
      if (!m) { /* a copy with the code points mapped (rare: made only when one is) */
        m = n <= sizeof mapped / sizeof *mapped ? mapped : malloc(n * sizeof *m);
        if (!m) return QG_ERR_NOMEM;
        memcpy(m, cp, n * sizeof *m);
      }
      m[i] = p;
    }
  if (m) {
    int e = encode(cv, alt, 0, m, n, b);
    if (m != mapped) free(m);
    return e;
  }
  size_t at = b->n;
  int e = encode_with(cv, cp, n, b);
  if (e <= 0 || !alt) return e;
  b->n = at; /* character by character, each in the file's converter or else in alt */
  for (size_t i = 0; i < n; i++) {
    size_t here = b->n;
    if (!(e = encode_with(cv, cp + i, 1, b))) continue;
    if (e < 0) return e;
    b->n = here;
    if ((e = encode_with(alt, cp + i, 1, b))) return e;
  }
  return 0;
}

static int put_utf8(obuf *b, uint32_t c) {
  char s[4];
  int32_t k = 0;
  U8_APPEND_UNSAFE(s, k, c);
  return put(b, s, (size_t)k);
}

typedef struct repl {
  size_t from, to;  /* code point range of the original file */
  size_t r0, rn;    /* inserted code points in the repl pool */
} repl;

/* After a replay: the edits of a link that was applied in part are held back (FIX_SKIP_OVERLAP,
 * as hold_link: what overlaps them is held back, not what merely touches them). *again is
 * set when an edit that was applied is now held back, so the lines are replayed; each replay
 * holds back more, so it ends. 0 or QG_ERR_NOMEM. */
static int cmp_link(const void *a, const void *b) {
  const fix_edit *const *x = a, *const *y = b;
  if ((*x)->link != (*y)->link) return (*x)->link < (*y)->link ? -1 : 1;
  return *x < *y ? -1 : *x > *y;
}

static int hold_broken_links(fix_edit *edits, size_t nedits, bool *again) {
  *again = false;
  size_t nl = 0;
  for (size_t i = 0; i < nedits; i++) nl += edits[i].link != 0;
  if (!nl) return 0;
  fix_edit **v = malloc(nl * sizeof *v);
  if (!v) return QG_ERR_NOMEM;
  nl = 0;
  for (size_t i = 0; i < nedits; i++)
    if (edits[i].link) v[nl++] = &edits[i];
  qsort(v, nl, sizeof *v, cmp_link);
  for (size_t g = 0, h; g < nl; g = h) {
    bool broken = false;
    for (h = g; h < nl && v[h]->link == v[g]->link; h++) broken |= !v[h]->applied;
    if (!broken) continue;
    for (size_t k = g; k < h; k++) {
      if (v[k]->mode == FIX_APPLY) v[k]->mode = FIX_SKIP_OVERLAP;
      *again |= v[k]->applied;
    }
  }
  free(v);
  return 0;
}

/* The edits of each link: by edit (its index in edits), where its link's members start in v
 * (sorted by link), or SIZE_MAX for an edit without a link. */
typedef struct links {
  const fix_edit *base; /* edits */
  fix_edit **v;
  size_t n;
  size_t *at;
} links;

static void links_free(links *l) {
  free(l->v);
  free(l->at);
  *l = (links){0};
}

static int links_make(links *l, fix_edit *edits, size_t nedits) {
  size_t n = 0;
  for (size_t i = 0; i < nedits; i++) n += edits[i].link != 0;
  l->base = edits;
  if (!n) return 0;
  l->v = malloc(n * sizeof *l->v);
  l->at = malloc(nedits * sizeof *l->at);
  if (!l->v || !l->at) return links_free(l), QG_ERR_NOMEM;
  for (size_t i = 0; i < nedits; i++)
    if (edits[i].link) l->v[l->n++] = &edits[i];
  qsort(l->v, l->n, sizeof *l->v, cmp_link);
  for (size_t i = 0; i < nedits; i++) l->at[i] = SIZE_MAX;
  for (size_t g = 0; g < l->n; g++)
    l->at[l->v[g] - edits] = g && l->v[g - 1]->link == l->v[g]->link ? l->at[l->v[g - 1] - edits] : g;
  return 0;
}

/* e (of line ln, with a link) is held back: so are the others of its link. One applied before
 * it on this line: *redo (the line again); on an earlier line: *again (the file again). They
 * are held as FIX_SKIP_OVERLAP: a fix that overlaps one of them is held back, one that merely
 * touches it is not (session 25, audit 24 F20: 他说,"好". with punct-width off held back the
 * open quote touching the , then its close, then the . touching the close, so --fix applied
 * nothing). A mark of the pair is the file's own there, kept only for its partner's sake; the
 * hold-back of a rule that is off or a fix that could not be placed stops at the pair. */
static void hold_link(const links *l, const fix_edit *e, uint32_t ln, bool *redo, bool *again) {
  if (!l->at || l->at[e - l->base] == SIZE_MAX) return;
  for (size_t g = l->at[e - l->base]; g < l->n && l->v[g]->link == e->link; g++) {
    fix_edit *m = l->v[g];
    if (m->mode != FIX_APPLY) continue;
    m->mode = FIX_SKIP_OVERLAP;
    if (m->applied) *(m->start.line == ln ? redo : again) = true;
  }
}

int fix_apply(const char *data, size_t n, const char *enc, fix_edit *edits, size_t nedits,
              bool to_utf8, char **out, size_t *outlen, char *err, size_t errlen) {
  return fix_apply_part(data, n, enc, edits, nedits, to_utf8, true, -1, out, outlen, err, errlen);
}

int fix_apply_part(const char *data, size_t n, const char *enc, fix_edit *edits, size_t nedits,
                   bool to_utf8, bool file_start, int cr_mode, char **out, size_t *outlen,
                   char *err, size_t errlen) {
  char *unused = NULL;
  size_t unused_len = 0;
  bool decide = !out; /* the decisions alone */
  if (decide) out = &unused, outlen = &unused_len;
  *out = NULL;
  *outlen = 0;
  err[0] = '\0';
  unapply(edits, nedits, true);
  UConverter *cv = NULL;
  UErrorCode st = U_ZERO_ERROR;
  if (to_utf8) {
    cv = ucnv_open(enc, &st);
    if (U_FAILURE(st)) {
      snprintf(err, errlen, "encoding %s: %s", enc, u_errorName(st));
      return QG_ERR_ICU;
    }
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
  } else if (!(cv = open_conv(enc, err, errlen))) {
    return QG_ERR_USAGE;
  }
  text t = {0};
  /* bytes that are not UTF-8 are copied as they are (they cannot be written as UTF-8) */
  bool lenient = !to_utf8;
  int pua = qg_pua_family(enc);
  bool utf8 = ucnv_getType(cv) == UCNV_UTF8;
  bool decide_utf8 = decide && !to_utf8 && utf8; /* the decisions alone, in UTF-8 */
  /* by_line: decide_utf8 in an LF file, the lines with fixes decoded one at a time from
   * their bytes (split_lines_lf, line_cells: the same code points and lines) */
  bool by_line = decide_utf8 && cr_mode == 0;
  int rc = 0;
  if (by_line && n > INT32_MAX / 4) { /* (as decode says it) */
    snprintf(err, errlen, "file too large for --fix");
    rc = QG_ERR_USAGE;
  } else if (!by_line) {
    rc = decode(cv, pua, data, n, &t, lenient, err, errlen);
  }
  if (rc) {
    ucnv_close(cv);
    return rc;
  }
  UConverter *alt = NULL; /* Big5: what windows-950 cannot write, in Big5-HKSCS (encode) */
  if (pua == 1 && !to_utf8) {
    UErrorCode ae = U_ZERO_ERROR;
    alt = ucnv_open("Big5-HKSCS", &ae);
    if (U_SUCCESS(ae)) ucnv_setFromUCallBack(alt, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &ae);
    if (U_FAILURE(ae) && alt) ucnv_close(alt), alt = NULL;
  }
  size_t from = file_start && t.n && t.cp[0] == 0xFEFF ? 1 : 0;
  size_t nl = 0;
  line *lines;
  if (by_line) { /* (the BOM: its three bytes) */
    from = file_start && n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    lines = split_lines_lf(data, n, from, &nl);
  } else {
    lines = split_lines(&t, from, &nl, cr_mode);
  }
  const fix_edit **order = malloc((nedits + 1) * sizeof *order);
  fixer f = {0};
  repl *rv = NULL;
  size_t nr = 0, rcap = 0;
  size_t npool = 0, pcap = 256;
  uint32_t *pool = malloc(pcap * sizeof *pool); /* inserted text of every replacement */
  obuf b = {0}, enc_line = {0};
  if (!lines || !order || !pool) rc = QG_ERR_NOMEM;
  bool sorted = true; /* the pipeline reports in line order, nearly always */
  for (size_t i = 0; i < nedits; i++) {
    order[i] = &edits[i];
    if (i && edits[i].start.line < edits[i - 1].start.line) sorted = false;
  }
  if (!rc && !sorted) { /* by line, stable: a count per line (those past the last together:
                         * they are left alone) */
    size_t *at = calloc(nl + 3, sizeof *at);
    if (!at) rc = QG_ERR_NOMEM;
    for (size_t i = 0; at && i < nedits; i++)
      at[(edits[i].start.line <= nl ? edits[i].start.line : nl + 1) + 1]++;
    for (size_t k = 1; at && k < nl + 3; k++) at[k] += at[k - 1];
    for (size_t i = 0; at && i < nedits; i++)
      order[at[edits[i].start.line <= nl ? edits[i].start.line : nl + 1]++] = &edits[i];
    free(at);
  }

  /* the edits of each link, found by edit (links) */
  links lk = {0};
  if (!rc) rc = links_make(&lk, edits, nedits);
  /* the lines replayed; again, with more edits held back, while a link is half applied */
  for (bool again = true; again && !rc;) {
    again = false;
    nr = npool = 0;
    unapply(edits, nedits, true);
    for (size_t i = 0; !rc && i < nedits;) {
      uint32_t ln = order[i]->start.line;
      size_t j = i;
      while (j < nedits && order[j]->start.line == ln) j++;
      if (ln == 0 || ln > nl) {
        i = j;
        continue;
      }
      const line *L = &lines[ln - 1];
      /* the line's code points (by line: t is not decoded, t.cp NULL, and an offset from it
       * would be undefined: review 33b, clang's UBSan) */
      const uint32_t *lc = by_line ? NULL : t.cp + L->start;
      uint32_t olen = (uint32_t)(L->end - L->start);
      bool bad = false; /* a line with a byte that is not UTF-8 is left as it is */
      if (by_line) { /* (the model made: the first replay below takes it as it is) */
        long k = line_cells(data, L->start, L->end, &f.line, &bad);
        if (k < 0) {
          rc = QG_ERR_NOMEM;
          break;
        }
        olen = (uint32_t)k;
      }
      for (size_t c = L->start; t.bad && c < L->end && !bad; c++) bad = t.cp[c] >= FIX_BAD_BYTE;
      if (bad) { /* (said: lint names the file, docs/ci.md) */
        for (size_t k = i; k < j; k++)
          ((fix_edit *)order[k])->invalid = order[k]->mode == FIX_APPLY && order[k]->original &&
                                            order[k]->replacement;
        i = j;
        continue;
      }
      uint32_t cs = 0, ce = olen;
      if (by_line) {
        while (cs < olen && is_ws(f.line.v[cs].cp)) cs++;
        while (ce > cs && is_ws(f.line.v[ce - 1].cp)) ce--;
      } else {
        while (cs < olen && is_ws(lc[cs])) cs++;
        while (ce > cs && is_ws(lc[ce - 1])) ce--;
      }
      bool any = false, redo = true, chain = false; /* chain: an edit applied over another's */
      if ((size_t)(j - i) > f.xcap) {
        size_t cap = (j - i) * 2;
        uint32_t *a = realloc(f.xlo, cap * sizeof *a), *b2 = a ? realloc(f.xhi, cap * sizeof *b2) : NULL;
        size_t *c = b2 ? realloc(f.xcl, cap * sizeof *c) : NULL;
        uint32_t *d = c ? realloc(f.xs, cap * 3 * sizeof *d) : NULL;
        uint32_t *e2 = d ? realloc(f.xc, cap * 4 * sizeof *e2) : NULL;
        if (a) f.xlo = a;
        if (b2) f.xhi = b2;
        if (c) f.xcl = c;
        if (d) f.xs = d;
        if (e2) f.xc = e2, f.xcap = cap;
        if (!e2) {
          rc = QG_ERR_NOMEM;
          break;
        }
      }
      /* the line again when an edit held back holds back one of its link applied before it
       * on this line (a later one is simply held back when it comes; an earlier line's makes
       * the whole file go again) */
      for (bool first = true; redo && !rc; first = false) {
        redo = any = chain = false;
        if (taint_reset(&f, olen)) {
          rc = QG_ERR_NOMEM;
          break;
        }
        if (by_line && !first) { /* (the line again: its model made again from its bytes) */
          if (line_cells(data, L->start, L->end, &f.line, &bad) < 0) {
            rc = QG_ERR_NOMEM;
            break;
          }
        } else if (!by_line) {
          if (cells_reset(&f.line, olen)) {
            rc = QG_ERR_NOMEM;
            break;
          }
          for (uint32_t c = 0; c < olen; c++) /* (cells_append, the line's cells at once) */
            f.line.v[c] = (cell){lc[c], c + 1, (int32_t)c};
          f.line.g = olen;
        }
        for (size_t k = i; k < j; k++) ((fix_edit *)order[k])->applied = false;
        for (size_t k = i; k < j; k++) {
          fix_edit *e = (fix_edit *)order[k];
          int ok = 0;
          if (e->mode == FIX_APPLY && e->original && e->replacement)
            ok = try_edit(&f, e, k - i, olen, cs, ce);
          if (ok < 0) {
            rc = ok;
            break;
          }
          if (ok) {
            e->applied = any = true;
            chain |= !e->direct;
            continue;
          }
          uint32_t c2 = e->end.line == e->start.line ? e->end.col : olen + 1;
          add_taint(&f, e->start.col, c2, e->mode != FIX_SKIP_OVERLAP, olen);
          if (e->link) hold_link(&lk, e, ln, &redo, &again);
        }
      }
      if (rc) break;
      bool keep = any;
      /* a line with text must not become blank: that would change the paragraphs */
      if (keep && ce > cs) {
        bool blank = true;
        for (size_t c = 0; blank && c < cells_n(&f.line); c++)
          if (!is_ws(cells_at(&f.line, c)->cp)) blank = false;
        if (blank) keep = false;
      }
      /* the line's changes as replacements of original characters (not for the decisions
       * alone in UTF-8: no new text is made, below) */
      size_t nr0 = nr, npool0 = npool;
      long prev = -1;
      size_t s0 = npool;
      size_t ncells = cells_n(&f.line);
      for (size_t c = 0; keep && !decide_utf8 && c <= ncells; c++) {
        bool at_end = c == ncells;
        const cell *x = at_end ? NULL : cells_at(&f.line, c);
        if (x && x->orig < 0) {
          if (npool == pcap) {
            pcap *= 2;
            uint32_t *v = realloc(pool, pcap * sizeof *v);
            if (!v) {
              rc = QG_ERR_NOMEM;
              break;
            }
            pool = v;
          }
          pool[npool++] = x->cp;
          continue;
        }
        long o = at_end ? (long)olen : x->orig;
        if (o != prev + 1 || npool > s0) {
          if (nr == rcap) {
            rcap = rcap ? rcap * 2 : 64;
            repl *v = realloc(rv, rcap * sizeof *v);
            if (!v) {
              rc = QG_ERR_NOMEM;
              break;
            }
            rv = v;
          }
          rv[nr++] = (repl){L->start + (size_t)(prev + 1), L->start + (size_t)o, s0, npool - s0};
        }
        prev = o;
        s0 = npool;
      }
      if (rc) break;
      /* every inserted text must be encodable in the file's encoding (in UTF-8 it is: the
       * replacements are valid UTF-8, so scalar values) */
      bool unencodable = false;
      for (size_t k = nr0; keep && !to_utf8 && !utf8 && k < nr; k++) {
        enc_line.n = 0;
        int e = encode(cv, alt, pua, pool + rv[k].r0, rv[k].rn, &enc_line);
        if (e < 0) rc = e;
        if (e) keep = false, unencodable = e > 0;
      }
      /* an edit whose text the encoding cannot write is held back, and the file replayed
       * without it: the line's other fixes are made (they were all left before; probe 16 F4) */
      for (size_t k = i; unencodable && !rc && k < j; k++) {
        fix_edit *e = (fix_edit *)order[k];
        if (!e->applied || e->mode != FIX_APPLY) continue;
        uint32_t *rc1 = NULL;
        size_t rcap1 = 0;
        long rn1 = utf8_cps(e->replacement, &rc1, &rcap1);
        enc_line.n = 0;
        int x = rn1 < 0 ? -1 : encode(cv, alt, pua, rc1, (size_t)rn1, &enc_line);
        free(rc1);
        if (x < 0 && rn1 >= 0) rc = x;
        else if (x) e->mode = FIX_SKIP_TOUCH, again = true;
      }
      if (!keep) {
        nr = nr0, npool = npool0;
        for (size_t k = i; k < j; k++)
          ((fix_edit *)order[k])->applied = ((fix_edit *)order[k])->direct = false;
      } else if (!rc && chain) { /* (else every edit applied is direct, alone: as decided) */
        line_fixes(&f, order, i, j, edits);
      }
      i = j;
    }
    bool broken = false; /* none is left, by what hold_link did: this only makes sure */
    if (!rc && !again) rc = hold_broken_links(edits, nedits, &broken);
    again |= broken;
  }
  links_free(&lk);

  /* the decisions alone, in UTF-8: the new file is not made. It would read back as intended:
   * the lines changed hold no byte that is not UTF-8, every replacement is valid UTF-8 put
   * between whole characters, and a line end (an ASCII byte) separates them from the lines
   * copied, so decoding the result gives the text intended, which the check would find. */
  if (!rc && decide_utf8) nr = 0;
  /* the new file, and the text it must decode to */
  uint32_t *want = NULL;
  size_t nwant = 0;
  if (!rc && nr) {
    size_t extra = 0;
    for (size_t k = 0; k < nr; k++) extra += rv[k].rn;
    want = malloc((t.n + extra + 1) * sizeof *want);
    if (!want) rc = QG_ERR_NOMEM;
  }
  if (!rc && (nr || to_utf8)) {
    size_t at = to_utf8 ? from : 0; /* code point index copied up to */
    if (!want && !(want = malloc((t.n + 1) * sizeof *want))) rc = QG_ERR_NOMEM;
    for (size_t k = 0; !rc && k <= nr; k++) {
      size_t upto = k < nr ? rv[k].from : t.n;
      if (to_utf8) {
        for (size_t c = at; !rc && c < upto; c++) rc = put_utf8(&b, t.cp[c]);
      } else {
        rc = put(&b, data + t.boff[at], t.boff[upto] - t.boff[at]);
      }
      memcpy(want + nwant, t.cp + at, (upto - at) * sizeof *want);
      nwant += upto - at;
      if (k == nr || rc) break;
      if (to_utf8) {
        for (size_t c = 0; !rc && c < rv[k].rn; c++) rc = put_utf8(&b, pool[rv[k].r0 + c]);
      } else {
        int e = encode(cv, alt, pua, pool + rv[k].r0, rv[k].rn, &b);
        if (e) rc = e < 0 ? e : QG_ERR_ICU;
      }
      memcpy(want + nwant, pool + rv[k].r0, rv[k].rn * sizeof *want);
      nwant += rv[k].rn;
      at = rv[k].to;
    }
  }
  /* check: the new bytes decode to exactly the intended text */
  if (!rc && (nr || to_utf8)) {
    UConverter *check = cv;
    UErrorCode s2 = U_ZERO_ERROR;
    if (to_utf8) check = ucnv_open("UTF-8", &s2);
    if (U_FAILURE(s2) || !check) rc = QG_ERR_ICU;
    else {
      ucnv_setToUCallBack(check, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &s2);
      text t2;
      char e2[256];
      rc = decode(check, to_utf8 ? 0 : pua, b.p ? b.p : "", b.n, &t2, lenient, e2, sizeof e2);
      if (!rc) {
        bool same = t2.n == nwant && !memcmp(t2.cp, want, nwant * sizeof *want);
        if (!same) rc = QG_ERR_ICU;
        text_free(&t2);
      }
      if (to_utf8) ucnv_close(check);
    }
    if (rc && !err[0]) snprintf(err, errlen, "the fixed text does not read back as intended: not fixed");
  }
  if (rc && !err[0]) snprintf(err, errlen, "%s", qg_strerror(rc));
  if (!rc && (nr || to_utf8)) {
    *out = b.p ? b.p : malloc(1);
    *outlen = b.n;
    b.p = NULL;
    if (!*out) rc = QG_ERR_NOMEM;
  }
  if (rc)
    unapply(edits, nedits, false);
  free(unused);
  free(want);
  free(b.p);
  free(enc_line.p);
  free(pool);
  free(rv);
  free(f.line.v);
  free(f.o);
  free(f.r);
  free(f.touch);
  free(f.over);
  free(f.xlo);
  free(f.xhi);
  free(f.xcl);
  free(f.xs);
  free(f.xc);
  free(order);
  free(lines);
  text_free(&t);
  ucnv_close(cv);
  if (alt) ucnv_close(alt);
  return rc;
}

/* ---- --diff ------------------------------------------------------------------------------ */

typedef struct dline {
  const char *p; /* UTF-8, with its line end */
  size_t n;
} dline;

/* s[0..len) (UTF-8) with its Private Use (U+E000..U+F8FF: EE 80 80..EF A3 BF) read as the
 * decoder reads it in family pua, into out (room for len / 3 * 8 + 16 bytes: one character of 3
 * bytes becomes up to two of 4); the bytes written. */
static size_t pua_expand(const char *s, size_t len, int pua, char *out) {
  size_t w = 0;
  for (size_t i = 0; i < len;) {
    uint32_t m[2];
    int k = 0;
    unsigned char b0 = (unsigned char)s[i];
    if ((b0 == 0xEE || b0 == 0xEF) && i + 2 < len)
      k = qg_pua_map_family(pua, ((uint32_t)(b0 & 0x0F) << 12) |
                                     ((uint32_t)(s[i + 1] & 0x3F) << 6) | (uint32_t)(s[i + 2] & 0x3F),
                            m);
    if (!k) {
      out[w++] = s[i++];
      continue;
    }
    for (int q = 0; q < k; q++) {
      int32_t o = 0;
      UBool bad = false;
      U8_APPEND((uint8_t *)out + w, o, 4, (UChar32)m[q], bad);
      (void)bad; /* (m holds characters: never bad) */
      w += (size_t)o;
    }
    i += 3;
  }
  return w;
}

static char *to_utf8_str(const char *data, size_t n, const char *enc, size_t *outlen, char *err,
                         size_t errlen) {
  if (!strcmp(enc, "UTF-8")) { /* its own bytes: a byte that is not UTF-8 (kept by --fix, with
                                * --invalid replace) stays in the context lines, which then
                                * match the file (probe 10 F9: U+FFFD there, and patch failed) */
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, data, n);
    s[n] = '\0';
    *outlen = n;
    return s;
  }
  UErrorCode st = U_ZERO_ERROR;
  int32_t need = ucnv_convert("UTF-8", enc, NULL, 0, data, (int32_t)n, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) {
    snprintf(err, errlen, "encoding %s: %s", enc, u_errorName(st));
    return NULL;
  }
  char *s = malloc((size_t)need + 1);
  if (!s) return NULL;
  st = U_ZERO_ERROR;
  ucnv_convert("UTF-8", enc, s, need + 1, data, (int32_t)n, &st);
  if (U_FAILURE(st)) {
    snprintf(err, errlen, "encoding %s: %s", enc, u_errorName(st));
    free(s);
    return NULL;
  }
  size_t len = (size_t)need;
  int pua = qg_pua_family(enc);
  if (pua) { /* Private Use read as the decoder reads it (U+E000..U+F8FF: EE 80 80..EF A3 BF;
              * one becomes up to two code points of 4 bytes: 8 bytes for 3) */
    char *t = malloc(len / 3 * 8 + 16);
    if (!t) {
      free(s);
      return NULL;
    }
    size_t w = pua_expand(s, len, pua, t);
    free(s);
    s = t;
    len = w;
    s[len] = '\0';
  }
  /* a UTF-8 file's byte order mark is part of its first line, as patch reads the file (the
   * diff did not apply to such a file; probe 9 F4); another encoding's, converted, is not */
  if (strcmp(enc, "UTF-8") && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
    memmove(s, s + 3, len -= 3);
  *outlen = len;
  return s;
}

static dline *split_dlines(const char *s, size_t n, size_t *count) {
  size_t cap = 64, k = 0;
  dline *v = malloc(cap * sizeof *v);
  if (!v) return NULL;
  size_t st = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '\n') continue; /* lines as diff, patch and git split them: at LF */
    if (k == cap) {
      dline *w = realloc(v, (cap *= 2) * sizeof *v);
      if (!w) return free(v), NULL;
      v = w;
    }
    v[k++] = (dline){s + st, i + 1 - st};
    st = i + 1;
  }
  if (st < n) {
    if (k == cap) {
      dline *w = realloc(v, (cap + 1) * sizeof *v);
      if (!w) return free(v), NULL;
      v = w;
    }
    v[k++] = (dline){s + st, n - st};
  }
  *count = k;
  return v;
}

static void put_dline(FILE *out, char mark, const dline *l) {
  fputc(mark, out);
  fwrite(l->p, 1, l->n, out);
  char last = l->n ? l->p[l->n - 1] : 0;
  if (last != '\n') fputs("\n\\ No newline at end of file\n", out);
}

/* A header line of the diff: "--- a/NAME" or "+++ b/NAME" (NAME an absolute path without its
 * leading '/'), the name quoted as git quotes
 * names (between double quotes, with C escapes, which GNU patch and git apply read) when it
 * holds white space, a control character, a quote or a backslash: a name with a space was cut
 * there by patch, and one with a newline broke the header in two (probe 9 F4). UTF-8 bytes
 * are written as they are. */
static void put_diff_name(FILE *out, const char *marks, char side, const char *name) {
  /* an absolute path is named from the root: a//tmp/x.txt is a/tmp/x.txt, which `patch -p1`
   * and `git apply` run from / apply (diff -u's /tmp/x.txt would want -p0, and git apply
   * takes no absolute path) */
  while (*name == '/') name++;
  bool quote = false;
  for (const unsigned char *c = (const unsigned char *)name; *c; c++)
    if (*c <= ' ' || *c == 0x7f || *c == '"' || *c == '\\') quote = true;
  if (!quote) {
    fprintf(out, "%s %c/%s\n", marks, side, name);
    return;
  }
  fprintf(out, "%s \"%c/", marks, side);
  for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
    if (*c == '"' || *c == '\\') fprintf(out, "\\%c", *c);
    else if (*c == '\n') fputs("\\n", out);
    else if (*c == '\t') fputs("\\t", out);
    else if (*c < ' ' || *c == 0x7f) fprintf(out, "\\%03o", *c);
    else fputc(*c, out);
  }
  fputs("\"\n", out);
}

/* The next hunk at or after line *i of n lines (bits: a bit a line, set when it differs): from
 * 3 lines before its first change to 3 after the last change within reach (6 unchanged lines
 * or fewer between two changes join their hunks); its lines [*h0, *h1), and *i moved past it.
 * With header still false, the diff's header is printed first. False when no line differs. */
static bool next_hunk(FILE *out, const char *name, bool *header, const uint64_t *bits, size_t n,
                      size_t *i, size_t *h0, size_t *h1) {
#define CHANGED(k) (bits[(k) / 64] >> ((k) % 64) & 1)
  while (*i < n && !CHANGED(*i)) ++*i;
  if (*i >= n) return false;
  size_t last = *i;
  for (size_t k = *i + 1; k < n && k <= last + 6; k++)
    if (CHANGED(k)) last = k;
#undef CHANGED
  *h0 = *i >= 3 ? *i - 3 : 0;
  *h1 = last + 4 < n ? last + 4 : n;
  *i = *h1;
  if (!*header) {
    put_diff_name(out, "---", 'a', name);
    put_diff_name(out, "+++", 'b', name);
    *header = true;
  }
  fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", *h0 + 1, *h1 - *h0, *h0 + 1, *h1 - *h0);
  return true;
}

/* bits[k / 64] for line k set as it differs, in *bits (grown); false when out of memory. */
static bool grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return true;
  void *q = realloc(*p, need * size);
  if (!q) return false;
  *p = q;
  *cap = need;
  return true;
}

static bool set_bit(uint64_t **bits, size_t *nw, size_t k, bool differs) {
  if (!grow((void **)bits, nw, k / 64 + 1, sizeof **bits)) return false;
  if (k % 64 == 0) (*bits)[k / 64] = 0;
  (*bits)[k / 64] |= (uint64_t)differs << (k % 64);
  return true;
}

int fix_diff(FILE *out, const char *name, const char *old, size_t oldlen, const char *enc,
             const char *new, size_t newlen, const char *new_enc, char *err, size_t errlen) {
  size_t an = 0, bn = 0, na = 0, nb = 0;
  char *a = to_utf8_str(old, oldlen, enc, &an, err, errlen);
  char *b = a ? to_utf8_str(new, newlen, new_enc, &bn, err, errlen) : NULL;
  dline *la = b ? split_dlines(a, an, &na) : NULL;
  dline *lb = la ? split_dlines(b, bn, &nb) : NULL;
  int rc = 0;
  if (!lb) rc = err[0] ? QG_ERR_ICU : QG_ERR_NOMEM;
  else if (na != nb) {
    snprintf(err, errlen, "the fix changed the number of lines: no diff");
    rc = QG_ERR_USAGE;
  }
  uint64_t *bits = NULL;
  size_t nw = 0;
  for (size_t k = 0; !rc && k < na; k++)
    if (!set_bit(&bits, &nw, k, la[k].n != lb[k].n || memcmp(la[k].p, lb[k].p, la[k].n)))
      rc = QG_ERR_NOMEM;
  bool header = false;
  size_t i = 0, h0, h1;
  while (!rc && next_hunk(out, name, &header, bits, na, &i, &h0, &h1)) {
    for (size_t k = h0; k < h1; k++) {
      if (!(bits[k / 64] >> (k % 64) & 1)) {
        put_dline(out, ' ', &la[k]);
      } else {
        /* consecutive changed lines: all removals, then all additions */
        size_t e = k;
        while (e < h1 && bits[e / 64] >> (e % 64) & 1) e++;
        for (size_t m = k; m < e; m++) put_dline(out, '-', &la[m]);
        for (size_t m = k; m < e; m++) put_dline(out, '+', &lb[m]);
        k = e - 1;
      }
    }
  }
  free(bits);
  free(la);
  free(lb);
  free(a);
  free(b);
  return rc;
}

/* ---- --diff, streamed ---------------------------------------------------------------------
 * The same diff as fix_diff, made from two files read line by line, twice: a first pass marks
 * the lines that differ (a bit each), a second prints the hunks. Memory is a line of each and
 * the bits (an eighth of a byte a line), not the two texts whole and two copies in UTF-8 (on 50
 * MB of copy 276 MB; review 15 #3). A line is converted to UTF-8 on its own, which gives what
 * converting the whole text gives only when no character spans an LF and no state crosses
 * one: UTF-8, and the encodings of ICU's types below (GB18030, GBK, Big5, Shift_JIS, EUC,
 * single-byte: their other bytes are never 0x0A); for others the caller makes the diff whole. */

typedef struct dside {
  FILE *f;
  const char *enc;
  bool utf8;      /* bytes as they are */
  UConverter *cv; /* else: to UTF-8 through UTF-16 */
  int pua;        /* Private Use read as the decoder reads it (qg_pua_family) */
  char *raw;      /* the line read, with its LF */
  size_t rawcap;
  ssize_t rawn;
  uint64_t line; /* lines read */
  bool conv;     /* u8 holds the line converted */
  char *u8;
  size_t u8cap, u8n;
  UChar *u16;
  size_t u16cap;
} dside;

static int dside_open(dside *d, FILE *f, const char *enc) {
  memset(d, 0, sizeof *d);
  d->f = f;
  d->enc = enc;
  d->utf8 = !strcmp(enc, "UTF-8");
  if (d->utf8) return 0;
  UErrorCode st = U_ZERO_ERROR;
  d->cv = ucnv_open(enc, &st);
  if (U_FAILURE(st)) return -1;
  switch (ucnv_getType(d->cv)) {
  case UCNV_SBCS: case UCNV_DBCS: case UCNV_MBCS: case UCNV_LATIN_1: case UCNV_US_ASCII:
    break; /* (GB18030 is ICU's MBCS) */
  default:
    return -1;
  }
  d->pua = qg_pua_family(enc);
  return 0;
}

static void dside_close(dside *d) {
  if (d->cv) ucnv_close(d->cv);
  free(d->raw);
  free(d->u8);
  free(d->u16);
}

static void dside_rewind(dside *d) {
  rewind(d->f);
  d->line = 0;
  d->conv = false;
}

/* The next line: 1, 0 at the end, -1 on a read error. */
static int dside_next(dside *d) {
  errno = 0;
  d->rawn = getdelim(&d->raw, &d->rawcap, '\n', d->f);
  d->conv = false;
  if (d->rawn < 0) return ferror(d->f) || errno == ENOMEM ? -1 : 0;
  d->line++;
  return 1;
}



/* The line read, in UTF-8 as to_utf8_str gives it; false when out of memory. */
static bool dside_u8(dside *d, const char **p, size_t *n) {
  if (d->utf8) {
    *p = d->raw, *n = (size_t)d->rawn;
    return true;
  }
  if (!d->conv) {
    size_t rn = (size_t)d->rawn;
    /* a byte gives at most two UTF-16 units (a 4-byte sequence a pair; an invalid byte one
     * substitute), a unit at most 3 bytes of UTF-8, and Private Use at most 8 for 3 */
    if (!grow((void **)&d->u16, &d->u16cap, 2 * rn + 4, sizeof *d->u16) ||
        !grow((void **)&d->u8, &d->u8cap, 6 * rn + 16, 1))
      return false;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_resetToUnicode(d->cv);
    UChar *t = d->u16;
    const char *src = d->raw;
    ucnv_toUnicode(d->cv, &t, d->u16 + d->u16cap, &src, d->raw + rn, NULL, true, &st);
    int32_t m = 0;
    if (U_SUCCESS(st))
      u_strToUTF8WithSub(d->u8, (int32_t)d->u8cap, &m, d->u16, (int32_t)(t - d->u16), 0xFFFD, NULL,
                         &st);
    if (U_FAILURE(st)) return false;
    size_t len = (size_t)m;
    if (d->pua) { /* as to_utf8_str: U+E000..U+F8FF (EE 80 80..EF A3 BF) mapped */
      if (!grow((void **)&d->u16, &d->u16cap, (len / 3 * 8 + 16 + 1) / 2 + 1, sizeof *d->u16))
        return false;
      char *x = (char *)d->u16; /* (free now: the UTF-8 is made) */
      size_t w = pua_expand(d->u8, len, d->pua, x);
      if (!grow((void **)&d->u8, &d->u8cap, w + 1, 1)) return false;
      memcpy(d->u8, x, w);
      len = w;
    }
    /* another encoding's byte order mark, converted, is no part of the first line */
    size_t skip = d->line == 1 && len >= 3 && !memcmp(d->u8, "\xEF\xBB\xBF", 3) ? 3 : 0;
    memmove(d->u8, d->u8 + skip, len - skip);
    d->u8n = len - skip;
    d->conv = true;
  }
  *p = d->u8, *n = d->u8n;
  return true;
}

/* Whether the lines the two sides read are the same in UTF-8: -1 when out of memory. */
static int dside_same(dside *a, dside *b) {
  if (!strcmp(a->enc, b->enc) && a->rawn == b->rawn && !memcmp(a->raw, b->raw, (size_t)a->rawn))
    return 1; /* the same bytes in the same encoding */
  if (a->utf8 && b->utf8) return 0;
  const char *p, *q;
  size_t n, m;
  if (!dside_u8(a, &p, &n) || !dside_u8(b, &q, &m)) return -1;
  return n == m && !memcmp(p, q, n);
}

static bool dput(FILE *out, char mark, dside *d) {
  const char *p;
  size_t n;
  if (!dside_u8(d, &p, &n)) return false;
  dline l = {p, n};
  put_dline(out, mark, &l);
  return true;
}

/* Reads d on to its line k (1-based: its k-th line read last); false on an error. */
static bool dside_to(dside *d, uint64_t k) {
  while (d->line < k)
    if (dside_next(d) != 1) return false;
  return true;
}

int fix_diff_stream(FILE *out, const char *name, FILE *old, const char *enc, FILE *new,
                    const char *new_enc, char *err, size_t errlen) {
  dside a, b;
  int oa = dside_open(&a, old, enc), ob = dside_open(&b, new, new_enc);
  uint64_t *bits = NULL;
  size_t nw = 0, na = 0;
  int rc = oa || ob ? -1 : 0;
  /* the lines that differ */
  while (!rc) {
    int ra = dside_next(&a), rb = dside_next(&b);
    if (ra < 0 || rb < 0) {
      snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
      rc = QG_ERR_IO;
    } else if (ra != rb) {
      snprintf(err, errlen, "the fix changed the number of lines: no diff");
      rc = QG_ERR_USAGE;
    } else if (ra) {
      int same = dside_same(&a, &b);
      if (same < 0 || !set_bit(&bits, &nw, na++, !same)) {
        rc = QG_ERR_NOMEM;
        break;
      }
    } else {
      break;
    }
  }
#define CHANGED(i) (bits[(i) / 64] >> ((i) % 64) & 1)
  /* the hunks, as fix_diff makes them */
  if (!rc) dside_rewind(&a), dside_rewind(&b);
  bool header = false;
  size_t i = 0, h0, h1;
  while (!rc && next_hunk(out, name, &header, bits, na, &i, &h0, &h1)) {
    bool ok = dside_to(&a, h0);
    for (size_t k = h0; ok && k < h1;) {
      if (!CHANGED(k)) {
        ok = dside_to(&a, k + 1) && dput(out, ' ', &a);
        k++;
        continue;
      }
      size_t e = k; /* consecutive changed lines: all removals, then all additions */
      while (e < h1 && CHANGED(e)) e++;
      for (size_t m = k; ok && m < e; m++) ok = dside_to(&a, m + 1) && dput(out, '-', &a);
      ok = ok && dside_to(&b, k);
      for (size_t m = k; ok && m < e; m++) ok = dside_to(&b, m + 1) && dput(out, '+', &b);
      k = e;
    }
    if (!ok) {
      snprintf(err, errlen, "the files changed while they were read again");
      rc = QG_ERR_IO;
    }
  }
#undef CHANGED
  if (!rc && ferror(out)) {
    snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
    rc = QG_ERR_IO;
  }
  free(bits);
  dside_close(&a);
  dside_close(&b);
  return rc;
}

/* ---- writing ----------------------------------------------------------------------------- */

static int write_replacing(const char *path, const char *data, size_t n, FILE *src,
                           const struct stat *was, char *err, size_t errlen);

/* data compressed as kind (gzip, zstd) into *out (malloc'd); 0, or QG_ERR_NOMEM/QG_ERR_IO */
static int compress_to(const char *data, size_t n, zio_kind kind, char **out, size_t *outlen) {
  *out = NULL;
  *outlen = 0;
  FILE *mem = open_memstream(out, outlen);
  if (!mem) return QG_ERR_NOMEM;
  FILE *z = zout_wrap(mem, kind);
  int rc = 0;
  if (!z) rc = QG_ERR_NOMEM;
  else {
    if (n && fwrite(data, 1, n, z) != n) rc = QG_ERR_IO;
    if (fclose(z)) rc = QG_ERR_IO; /* ends the compressed stream */
  }
  if (fclose(mem)) rc = QG_ERR_IO;
  if (rc) free(*out), *out = NULL;
  return rc;
}

/* Copies the extended attributes of the file at from (POSIX ACLs are system.posix_acl_access
 * and _default; user.* attributes) to fd: the rename must not take away a colleague's write
 * access granted by an ACL (probe 10 F2). 0, or the errno of the first that cannot be set
 * (its name in *name); a file system without extended attributes has none to keep. */
static int copy_xattrs(const char *from, int fd, char *name, size_t namelen) {
  ssize_t n = listxattr(from, NULL, 0);
  if (n < 0) return errno == ENOTSUP ? 0 : errno;
  if (n == 0) return 0;
  char *names = malloc((size_t)n), *val = NULL;
  if (!names) return ENOMEM;
  int e = 0;
  n = listxattr(from, names, (size_t)n);
  if (n < 0) e = errno;
  for (ssize_t k = 0; !e && k < n; k += (ssize_t)strlen(names + k) + 1) {
    const char *a = names + k;
    ssize_t v = getxattr(from, a, NULL, 0);
    char *nv = v > 0 ? realloc(val, (size_t)v) : val;
    if (v < 0 || (v > 0 && !nv)) {
      e = v < 0 ? errno : ENOMEM;
    } else {
      val = nv;
      v = v > 0 ? getxattr(from, a, val, (size_t)v) : 0;
      if (v < 0 || fsetxattr(fd, a, val, (size_t)v, 0)) e = errno;
    }
    if (e) snprintf(name, namelen, "%s", a);
  }
  free(val);
  free(names);
  return e;
}

int fix_write_file(const char *path, const char *data, size_t n, int zkind,
                   const struct stat *was, char *err, size_t errlen) {
  /* a compressed file stays compressed the same way (it was read decompressed) */
  char *packed = NULL;
  if (zkind != ZIO_PLAIN) {
    size_t plen;
    if (compress_to(data, n, (zio_kind)zkind, &packed, &plen)) {
      snprintf(err, errlen, "%s: cannot compress the fixed text (the file is unchanged)", path);
      return QG_ERR_IO;
    }
    data = packed;
    n = plen;
  }
  int rc = write_replacing(path, data, n, NULL, was, err, errlen);
  free(packed);
  return rc;
}

int fix_write_from(const char *path, FILE *src, const struct stat *was, char *err,
                   size_t errlen) {
  if (fflush(src) || fseek(src, 0, SEEK_SET)) {
    snprintf(err, errlen, "%s: cannot read back the fixed text: %s (the file is unchanged)",
             path, strerror(errno));
    return QG_ERR_IO;
  }
  return write_replacing(path, NULL, 0, src, was, err, errlen);
}

/* Whether the file at target is still the one that was read: same device and inode (not
 * replaced by an editor's save, which writes a new file and renames it), same size and
 * modification time (not written in place). */
static bool same_file(const char *target, const struct stat *was) {
  struct stat now;
  if (stat(target, &now)) return false;
  return now.st_dev == was->st_dev && now.st_ino == was->st_ino && now.st_size == was->st_size &&
         now.st_mtim.tv_sec == was->st_mtim.tv_sec && now.st_mtim.tv_nsec == was->st_mtim.tv_nsec;
}

/* Replaces path with data[0..n), or with what src holds from where it stands to its end. */
static int write_replacing(const char *path, const char *data, size_t n, FILE *src,
                           const struct stat *was, char *err, size_t errlen) {
  struct stat st;
  /* a symbolic link stays a link: the file it points to is replaced */
  char *target = realpath(path, NULL);
  if (!target || stat(target, &st)) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    free(target);
    return QG_ERR_IO;
  }
  /* a named pipe or a device is no file to replace; a file the user may not write is not
   * rewritten behind its owner's back (the rename needs only the directory's permission),
   * and one that nobody may write (a checkout made read-only: "do not touch") is not either,
   * also for root, whom access() lets write anything (probe 14 #13: CI containers run as root) */
  char ro[48];
  snprintf(ro, sizeof ro, "read-only (mode %04o)", (unsigned)(st.st_mode & 07777));
  const char *refuse = !S_ISREG(st.st_mode)             ? "not a regular file"
                       : !(st.st_mode & 0222)           ? ro
                       : access(target, W_OK)           ? "not writable"
                       : was && !same_file(target, was) ? "changed since it was read"
                                                        : NULL;
  if (refuse) {
    snprintf(err, errlen, "%s: %s: not fixed (the file is unchanged)", path, refuse);
    free(target);
    return QG_ERR_IO;
  }
  size_t len = strlen(target) + 16;
  char *tmp = malloc(len);
  if (!tmp) return free(target), QG_ERR_NOMEM;
  /* a short hidden name in the file's directory (a long name plus a suffix went past
   * NAME_MAX; walks skip hidden names, so one left by a crash is never checked) */
  const char *tslash = strrchr(target, '/');
  snprintf(tmp, len, "%.*s.qgfix-XXXXXX", tslash ? (int)(tslash - target + 1) : 0, target);
  cli_tmp_lock(); /* listed: a signal during the write removes it (cli/tmpguard.c) */
  int fd = mkstemp(tmp);
  if (fd >= 0) cli_tmp_add(tmp);
  cli_tmp_unlock();
  /* tests: wait here for the signal that the guard takes (tests/lint_test.sh) */
  const char *pause_env = getenv("QINGGAO_TEST_FIX_PAUSE");
  if (fd >= 0 && pause_env && !strcmp(pause_env, "1"))
    for (;;) pause();
  if (fd < 0) {
    snprintf(err, errlen, "%s: cannot create a temporary file next to it: %s", path,
             strerror(errno));
    free(tmp);
    free(target);
    return QG_ERR_IO;
  }
  const char *fail = getenv("QINGGAO_TEST_FAIL_WRITE");
  bool simulate = fail && !strcmp(fail, "1");
  size_t done = 0;
  int e = 0;
  char *piece = NULL; /* from src: the text a piece at a time */
  if (src && !(piece = malloc(65536))) e = ENOMEM;
  for (bool more = !e; more;) {
    if (src) {
      n = fread(piece, 1, 65536, src);
      if (ferror(src)) e = errno ? errno : EIO;
      data = piece, done = 0;
      more = n == 65536 && !e;
    } else {
      more = false;
    }
    while (!e && done < n) {
      size_t chunk = n - done;
      if (simulate) chunk = chunk > 1 ? chunk / 2 : chunk;
      ssize_t w = write(fd, data + done, chunk);
      if (w < 0) {
        if (errno == EINTR) continue;
        e = errno;
        break;
      }
      done += (size_t)w;
      if (simulate) {
        e = ENOSPC; /* as if the disk filled up half-way */
        break;
      }
    }
    if (e) more = false;
  }
  free(piece);
  /* the owner first: changing it clears the set-user-ID and set-group-ID bits, which the
   * mode then gives back. An owner or group that cannot be kept (another user's file in a
   * directory this user may write) is no reason to hand the file to this user: refused */
  bool owner = false;
  struct stat mine;
  if (!e && fstat(fd, &mine)) e = errno;
  if (!e && (mine.st_uid != st.st_uid || mine.st_gid != st.st_gid) &&
      fchown(fd, st.st_uid, st.st_gid))
    e = errno, owner = errno == EPERM;
  if (!e && fchmod(fd, st.st_mode & 07777)) e = errno;
  char xname[256] = "";
  int xe = e ? 0 : copy_xattrs(target, fd, xname, sizeof xname);
  if (xe) e = xe;
  if (!e && fsync(fd)) e = errno;
  if (close(fd) && !e) e = errno;
  /* tests: wait until the file QINGGAO_TEST_FIX_WAIT names exists (at most 30 s), so that a
   * test can change the file in between (tests/lint_test.sh) */
  const char *wait_env = getenv("QINGGAO_TEST_FIX_WAIT");
  for (int i = 0; wait_env && *wait_env && i < 3000 && access(wait_env, F_OK); i++)
    nanosleep(&(struct timespec){.tv_nsec = 10000000}, NULL);
  bool changed = !e && was && !same_file(target, was);
  cli_tmp_lock();
  if (!e && !changed && rename(tmp, target)) e = errno;
  if (e || changed) unlink(tmp);
  cli_tmp_remove(tmp);
  cli_tmp_unlock();
  free(target);
  if (e || changed) {
    if (changed)
      snprintf(err, errlen, "%s: changed while it was being fixed: not fixed (the file is as "
               "the other writer left it)", path);
    else if (xe)
      snprintf(err, errlen, "%s: its extended attribute %s (%s) cannot be kept: not fixed (the "
               "file is unchanged; `qinggao lint --diff` shows the fixes, and patch applies "
               "them in place)", path, xname, strerror(xe));
    else if (owner)
      snprintf(err, errlen, "%s: its owner or group cannot be kept: not fixed (the file is "
               "unchanged; a rewrite in place could not be undone if it failed half-way: "
               "`qinggao lint --diff` shows the fixes, and patch applies them)", path);
    else
      snprintf(err, errlen, "%s: cannot write: %s (the file is unchanged)", path, strerror(e));
    free(tmp);
    return QG_ERR_IO;
  }
  /* make the rename durable */
  char *slash = strrchr(tmp, '/');
  const char *dir = ".";
  if (slash) *slash = '\0', dir = slash == tmp ? "/" : tmp;
  int dfd = open(dir, O_RDONLY);
  if (dfd >= 0) fsync(dfd), close(dfd);
  free(tmp);
  return 0;
}
