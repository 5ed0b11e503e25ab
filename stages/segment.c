/* segment.c: words and sentences (docs/segment.md).
 *
 * The segmenter works on a block's UTF-8 text in place (ICU's UText over UTF-8: no UTF-16
 * copy). For words it takes, in this order of precedence:
 *   1. protected spans (qg_protect_find: URLs, e-mail, paths, numbers with their marks, Wi-Fi,
 *      C++ …): each one token, except runs of Latin-script text, which ICU segments;
 *   2. terms of the dictionary (dicts/terms.txt and --dict files) between them, leftmost-longest
 *      and non-overlapping, only where a word may start and end (not inside a Latin word or
 *      before a combining mark);
 *   3. ICU's word break iterator over the text between those tokens (a piece made only of
 *      Han ideographs: hanseg.c, ICU's words on ICU's dictionary without its CJK engine).
 * Then a few joins that ICU does not make: Latin words joined by a hyphen (state-of-the-art),
 * C++ and C#, a number and the symbol or Latin unit right after it (3.5%, 25℃). White space is
 * never a word.
 *
 * The stage (qg_stage_segment_new) runs last in the chain and only when options.segment asks
 * for words or sentences, so nothing is computed when no one needs them; it segments blocks in
 * batches of up to 32 lines, so that ICU runs over many lines with its tables in the caches
 * (docs/segment.md, Speed). The word-repeat rule
 * (qg_stage_word_repeat_new) looks for repeated characters first and segments only the run of
 * Han text around a repeat. The writers of `qinggao segment` are at the end of this file. */
#include "hanseg.h"
#include "repeat_scan.h"
#include "simd.h"
#include "writer.h"

#include <pthread.h>
#ifdef QG_CHECK_HANSEG
#include <stdio.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

extern const unsigned char qg_units_default[];
extern const size_t qg_units_default_len;

/* ---- tokens on blocks ---------------------------------------------------------------------- */

const char *qg_word_status_name(qg_word_status s) {
  static const char *const names[] = {"none", "number", "letter", "kana", "ideo"};
  return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

const qg_token *qg_block_words(const qg_block *b, size_t *n) {
  *n = b->words_ok ? b->seg->words.n : 0;
  return *n ? b->seg->words.v : NULL;
}

const qg_token *qg_block_sentences(const qg_block *b, size_t *n) {
  *n = b->sentences_ok ? b->seg->sentences.n : 0;
  return *n ? b->seg->sentences.v : NULL;
}

void qg_block_seg_free(qg_block *b) {
  if (!b->seg) return;
  free(b->seg->words.v);
  free(b->seg->sentences.v);
  free(b->seg);
  b->seg = NULL;
  b->words_ok = b->sentences_ok = false;
}

static inline int tok_push(qg_tokvec *v, size_t start, size_t end, int status) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 64;
    qg_token *p = realloc(v->v, cap * sizeof *p);
    if (!p) return QG_ERR_NOMEM;
    v->v = p;
    v->cap = cap;
  }
  v->v[v->n++] = (qg_token){.start = (uint32_t)start, .end = (uint32_t)end,
                            .status = (qg_word_status)status};
  return 0;
}

/* ---- the segmenter ----------------------------------------------------------------------- */

struct qg_segmenter {
  const qg_dict *dict;
  UBreakIterator *words, *sentences; /* sentences: opened on first use */
  UText *ut;
  qg_spans spans;
  qg_tokvec fixed; /* protected spans and terms, in order */
  bool dots;       /* ICU gave an interpunct (join_names) */
  /* the symbol and Latin units of dicts/units.txt, each joined to the number before it (until
   * session 23 only the first 32 were: dB, Pa, kPa, MPa and later ones were not) */
  const char **unit;
  size_t *unit_len, nunits;
  qg_hanseg han; /* runs of Han characters: ICU's words without its engine */
#ifdef QG_CHECK_HANSEG
  qg_tokvec check;
  size_t checked_runs, checked_words;
#endif
};

qg_segmenter *qg_segmenter_new(const qg_dict *d) {
  qg_segmenter *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->dict = d;
  UErrorCode err = U_ZERO_ERROR;
  s->words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
  if (U_FAILURE(err)) {
    qg_segmenter_free(s);
    return NULL;
  }
  qg_spans_init(&s->spans);
  /* the units that are not Han (万元, 公里 are words of their own) */
  size_t pos = 0, len, all = 0;
  const char *e;
  const char *t = (const char *)qg_units_default;
  while (qg_list_next(t, qg_units_default_len, &pos, NULL, &e, &len)) all++;
  s->unit = malloc((all ? all : 1) * sizeof *s->unit);
  s->unit_len = malloc((all ? all : 1) * sizeof *s->unit_len);
  if (!s->unit || !s->unit_len) {
    qg_segmenter_free(s);
    return NULL;
  }
  pos = 0;
  while (s->nunits < all && qg_list_next(t, qg_units_default_len, &pos, NULL, &e, &len)) {
    size_t i = 0;
    if (qg_cp_is_han(qg_utf8_next(e, len, &i))) continue;
    s->unit[s->nunits] = e;
    s->unit_len[s->nunits++] = len;
  }
  return s;
}

void qg_segmenter_free(qg_segmenter *s) {
  if (!s) return;
  if (s->words) ubrk_close(s->words);
  if (s->sentences) ubrk_close(s->sentences);
  if (s->ut) utext_close(s->ut);
  qg_spans_free(&s->spans);
  free(s->fixed.v);
  free(s->unit);
  free(s->unit_len);
  qg_hanseg_free(&s->han);
#ifdef QG_CHECK_HANSEG
  if (s->checked_runs)
    fprintf(stderr, "hanseg check: %zu runs, %zu words, the same as ICU's\n", s->checked_runs,
            s->checked_words);
  free(s->check.v);
#endif
  free(s);
}

static int map_status(int32_t rs) {
  if (rs >= UBRK_WORD_IDEO && rs < UBRK_WORD_IDEO_LIMIT) return QG_WORD_IDEO;
  if (rs >= UBRK_WORD_KANA && rs < UBRK_WORD_KANA_LIMIT) return QG_WORD_KANA;
  if (rs >= UBRK_WORD_LETTER && rs < UBRK_WORD_LETTER_LIMIT) return QG_WORD_LETTER;
  if (rs >= UBRK_WORD_NUMBER && rs < UBRK_WORD_NUMBER_LIMIT) return QG_WORD_NUMBER;
  return QG_WORD_NONE;
}

static bool all_space(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_space(c) && c != '\r' && c != '\n') return false;
  }
  return true;
}

/* Is token k an interpunct (· ・ ･ • ‧ ∙)? */
static inline bool is_interpunct(const char *t, const qg_token *k) {
  const unsigned char *u = (const unsigned char *)t + k->start;
  size_t l = k->end - k->start; /* no byte past the token is read */
  if (l != 2 && l != 3) return false;
  /* U+00B7 C2 B7, U+30FB E3 83 BB, U+FF65 EF BD A5, U+2022 E2 80 A2, U+2027 E2 80 A7,
   * U+2219 E2 88 99; the first two bytes tell most punctuation (，EF BC, 。E3 80) from them */
  switch (u[0] << 8 | u[1]) {
  case 0xC2B7: return l == 2;
  case 0xE383: return l == 3 && u[2] == 0xBB;
  case 0xEFBD: return l == 3 && u[2] == 0xA5;
  case 0xE280: return l == 3 && (u[2] == 0xA2 || u[2] == 0xA7);
  case 0xE288: return l == 3 && u[2] == 0x99;
  default: return false;
  }
}

/* ICU's words of t[a, b) from its iterator, appended to out. */
static int iter_words(qg_segmenter *s, const char *t, size_t a, size_t b, qg_tokvec *out) {
  UErrorCode err = U_ZERO_ERROR;
  s->ut = utext_openUTF8(s->ut, t + a, (int64_t)(b - a), &err);
  ubrk_setUText(s->words, s->ut, &err);
  if (U_FAILURE(err)) return QG_ERR_ICU;
  int32_t start = ubrk_first(s->words);
  for (int32_t end = ubrk_next(s->words); end != UBRK_DONE; start = end, end = ubrk_next(s->words)) {
    int st = map_status(ubrk_getRuleStatus(s->words));
    unsigned char c0 = (unsigned char)t[a + (size_t)start]; /* a space starts with one of these */
    if (st == QG_WORD_NONE && (c0 == ' ' || c0 == '\t' || c0 == 0xE3 || c0 == 0xC2 || c0 < 0x20)) {
      if (all_space(t + a + start, (size_t)(end - start))) continue;
      if (!s->dots) s->dots = is_interpunct(t, &(qg_token){.start = (uint32_t)(a + (size_t)start),
                                                         .end = (uint32_t)(a + (size_t)end)});
    } else if (st == QG_WORD_NONE && (c0 == 0xE2 || c0 == 0xEF) && !s->dots) {
      s->dots = is_interpunct(t, &(qg_token){.start = (uint32_t)(a + (size_t)start),
                                             .end = (uint32_t)(a + (size_t)end)});
    }
    if (tok_push(out, a + (size_t)start, a + (size_t)end, st)) return QG_ERR_NOMEM;
  }
  return 0;
}

#ifdef QG_CHECK_HANSEG
/* A build with -DQG_CHECK_HANSEG segments every run that hanseg.c takes with ICU's iterator
 * too and aborts unless the tokens agree (boundaries and statuses); it counts the runs and
 * words so checked, written to stderr when the segmenter is freed. */
static void check_hanseg(qg_segmenter *s, const char *t, size_t a, size_t b, const qg_token *v,
                         size_t n) {
  s->check.n = 0;
  bool dots = s->dots;
  if (iter_words(s, t, a, b, &s->check)) abort();
  s->dots = dots;
  bool same = s->check.n == n;
  for (size_t i = 0; same && i < n; i++)
    same = v[i].start == s->check.v[i].start && v[i].end == s->check.v[i].end &&
           v[i].status == s->check.v[i].status;
  if (!same) {
    fprintf(stderr, "hanseg differs from ICU on: %.*s\n", (int)(b - a), t + a);
    abort();
  }
  s->checked_runs++;
  s->checked_words += n;
}
#endif

/* ICU's words of t[a, b), appended to out. A run of Han characters alone (qg_hanseg_fits)
 * gets them from hanseg.c, the same division on the same dictionary, without the break
 * engine ICU would build for it (docs/segment.md, "Han runs outside ICU's engine"). */
static int icu_words(qg_segmenter *s, const char *t, size_t a, size_t b, qg_tokvec *out) {
  if (a >= b) return 0;
  if (qg_hanseg_fits(t + a, b - a) && qg_hanseg_ready()) {
    size_t first = out->n, at = a;
    long k = qg_hanseg_words(&s->han, t + a, b - a);
    for (long i = 0; i < k; i++) {
      size_t end = a + 3 * (size_t)s->han.ends[i];
      if (tok_push(out, at, end, QG_WORD_IDEO)) return QG_ERR_NOMEM;
      at = end;
    }
    if (k > 0) {
#ifdef QG_CHECK_HANSEG
      check_hanseg(s, t, a, b, out->v + first, out->n - first);
#endif
      (void)first;
      return 0;
    }
    /* no memory for its arrays, or a damaged trie: ICU's iterator */
  }
  return iter_words(s, t, a, b, out);
}

static bool is_word_char(uint32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return qg_cp_is_latin(c) || (c >= 0xFF10 && c <= 0xFF5A);
}

/* May a term stand at [a, b) of t? Not inside a Latin word or number, not before a combining
 * mark or joiner (which belongs to the character before it). */
static bool term_fits(const char *t, size_t n, size_t a, size_t b) {
  size_t i = a;
  uint32_t first = qg_utf8_next(t, n, &i);
  if (a > 0 && is_word_char(first)) {
    size_t p = qg_utf8_prev(t, a), q = p;
    if (is_word_char(qg_utf8_next(t, n, &q))) return false;
  }
  if (b < n) {
    size_t q = b;
    uint32_t next = qg_utf8_next(t, n, &q);
    if (next >= 0x300 && (next == 0x200D || u_hasBinaryProperty((UChar32)next, UCHAR_GRAPHEME_EXTEND)))
      return false;
    size_t p = qg_utf8_prev(t, b), r = p;
    if (is_word_char(next) && is_word_char(qg_utf8_next(t, n, &r))) return false;
  }
  return true;
}

static int span_status(const char *t, const qg_span *sp) {
  for (size_t i = sp->start; i < sp->end; i++)
    if ((unsigned char)t[i] >= 0x80 || ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z'))
      return QG_WORD_LETTER;
  return QG_WORD_NUMBER;
}

/* Terms of the dictionary in t[a, b), appended to fixed. */
static int find_terms(qg_segmenter *s, const char *t, size_t n, size_t a, size_t b) {
  const qg_dict *d = s->dict;
  size_t i = a, at, m;
  int st = 0;
  while (d && i < b && (m = qg_dict_find(d, t, n, i, b, &at, &st))) {
    if (term_fits(t, n, at, at + m)) {
      if (tok_push(&s->fixed, at, at + m, st)) return QG_ERR_NOMEM;
      i = at + m;
    } else { /* the next character */
      unsigned char c = (unsigned char)t[at];
      i = at + (c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4);
    }
  }
  return 0;
}

static bool tok_is(const char *t, const qg_token *k, const char *s) {
  size_t n = strlen(s);
  return k->end - k->start == n && !memcmp(t + k->start, s, n);
}

static bool ascii_alnum_at(const char *t, size_t n, size_t i) {
  return i < n && ((t[i] >= '0' && t[i] <= '9') || ((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z'));
}

/* A transliterated name joined by an interpunct is one word (苏尔坦·贾比尔; ICU: 苏|尔|坦|·|贾|比|尔,
 * probe 10c F8): an interpunct (· ・ ･ • ‧ ∙) between two Han tokens whose characters next to it
 * are transliteration characters (qg_cp_is_translit, as the punct stage's name rule) is joined
 * with them, and with the Han tokens beyond them made only of transliteration characters (the
 * rest of the name, which ICU cuts into single characters: not 主席 or 说). In place. */

static bool all_translit(const char *t, const qg_token *k) {
  for (size_t i = k->start; i < k->end;)
    if (!qg_cp_is_translit(qg_utf8_next(t, k->end, &i))) return false;
  return true;
}

static uint32_t first_cp(const char *t, const qg_token *k) {
  size_t i = k->start;
  return qg_utf8_next(t, k->end, &i);
}

static uint32_t last_cp(const char *t, const qg_token *k) {
  size_t i = qg_utf8_prev(t, k->end);
  return qg_utf8_next(t, k->end, &i);
}

/* Tokens x and y are Han tokens that touch, with a transliteration character each side of an
 * interpunct z between them. */
static bool name_link_at(const char *t, const qg_tokvec *v, size_t k) {
  if (k == 0 || k + 1 >= v->n || !is_interpunct(t, &v->v[k])) return false;
  const qg_token *x = &v->v[k - 1], *z = &v->v[k], *y = &v->v[k + 1];
  return x->status == QG_WORD_IDEO && y->status == QG_WORD_IDEO && x->end == z->start &&
         z->end == y->start && qg_cp_is_translit(last_cp(t, x)) &&
         qg_cp_is_translit(first_cp(t, y));
}

/* A single character that follows a name more often than it ends one, although it is a
 * transliteration character: 于 (马克龙于昨日…), 通 (…通电话), 历 (…历时). */
static bool after_name(const char *t, const qg_token *k) {
  if (k->end - k->start != 3) return false;
  uint32_t c = first_cp(t, k);
  return c == 0x4E8E || c == 0x901A || c == 0x5386;
}

static void join_names(const char *t, qg_tokvec *v) {
  size_t w = 0;
  for (size_t r = 0; r < v->n; r++) {
    if (!(v->v[r].status == QG_WORD_NONE && name_link_at(t, v, r))) {
      v->v[w++] = v->v[r];
      continue;
    }
    /* the name's part before the interpunct: tokens already written, back from w - 1 */
    size_t a = w - 1;
    while (a > 0 && v->v[a - 1].end == v->v[a].start && v->v[a - 1].status == QG_WORD_IDEO &&
           all_translit(t, &v->v[a - 1]))
      a--;
    qg_token name = {.start = v->v[a].start, .end = v->v[r + 1].end, .status = QG_WORD_IDEO};
    size_t e = r + 1; /* the last token of the name so far */
    for (;;) {
      if (name_link_at(t, v, e + 1)) { /* another interpunct: 安娜·玛丽亚·X */
        e += 2;
        continue;
      }
      if (e + 1 < v->n && v->v[e + 1].start == v->v[e].end && v->v[e + 1].status == QG_WORD_IDEO &&
          all_translit(t, &v->v[e + 1]) && !after_name(t, &v->v[e + 1])) {
        e++;
        continue;
      }
      break;
    }
    name.end = v->v[e].end;
    w = a;
    v->v[w++] = name;
    r = e;
  }
  v->n = w;
}

/* Whether token k is one … (U+2026) or — (U+2014): E2 80 A6 or E2 80 94. */
static inline bool doubled_mark(const char *t, const qg_token *k) {
  return k->end - k->start == 3 && t[k->start] == '\xE2' && t[k->start + 1] == '\x80' &&
         (t[k->start + 2] == '\xA6' || t[k->start + 2] == '\x94');
}

/* Joins ICU leaves apart: Wi-Fi in a Latin run, C++, C#, 3.5%; and the marks written doubled,
 * …… and —— (ICU gives each character: session 39 audit F10). In place. */
static void join_tokens(qg_segmenter *s, const char *t, size_t n, qg_tokvec *v) {
  size_t w = 0;
  for (size_t r = 0; r < v->n; r++) {
    qg_token cur = v->v[r];
    if (cur.status != QG_WORD_LETTER && cur.status != QG_WORD_NUMBER) { /* most tokens */
      if (cur.status == QG_WORD_NONE && doubled_mark(t, &cur))
        while (r + 1 < v->n && v->v[r + 1].start == cur.end && doubled_mark(t, &v->v[r + 1]) &&
               t[v->v[r + 1].start + 2] == t[cur.start + 2])
          cur.end = v->v[++r].end; /* a run of the same mark: one token */
      if (w != r || cur.end != v->v[r].end) v->v[w] = cur;
      w++;
      continue;
    }
    for (;;) {
      qg_token *x = r + 1 < v->n ? &v->v[r + 1] : NULL, *y = r + 2 < v->n ? &v->v[r + 2] : NULL;
      if (!x || x->start != cur.end) break;
      bool wordish = cur.status == QG_WORD_LETTER || cur.status == QG_WORD_NUMBER;
      if (wordish && y && y->start == x->end && tok_is(t, x, "-") &&
          (y->status == QG_WORD_LETTER || y->status == QG_WORD_NUMBER) &&
          (cur.status == QG_WORD_LETTER || y->status == QG_WORD_LETTER)) {
        cur.end = y->end, cur.status = QG_WORD_LETTER, r += 2; /* Wi-Fi, COVID-19 */
        continue;
      }
      if (cur.status == QG_WORD_LETTER && y && y->start == x->end && tok_is(t, x, "+") &&
          tok_is(t, y, "+") && !ascii_alnum_at(t, n, y->end)) {
        cur.end = y->end, r += 2; /* C++ */
        continue;
      }
      if (cur.status == QG_WORD_LETTER && tok_is(t, x, "#") && !ascii_alnum_at(t, n, x->end)) {
        cur.end = x->end, r += 1; /* C# */
        continue;
      }
      if (cur.status == QG_WORD_NUMBER && t[cur.end - 1] >= '0' && t[cur.end - 1] <= '9') {
        size_t k = 0;
        while (k < s->nunits && !(x->end - x->start == s->unit_len[k] &&
                                  !memcmp(t + x->start, s->unit[k], s->unit_len[k])))
          k++;
        if (k < s->nunits) {
          cur.end = x->end, r += 1; /* 3.5%, 25℃ */
          continue;
        }
      }
      break;
    }
    v->v[w++] = cur;
  }
  v->n = w;
}

static bool is_connector(unsigned c) {
  return c == '.' || c == ',' || c == ':' || c == '-' || c == '_' || c == '&' || c == '\'';
}

/* Can qg_protect_find find anything in t? Every span holds an ASCII letter, a path's / or ~
 * (or \), a backquote, a Latin, Greek or Cyrillic letter or an accent (below U+2000: UTF-8
 * lead bytes C2..E1), or a digit joined to something by . , : - _ & ' (3.5, 1,258, 8:30,
 * 2011-02-15). Text with none of these (Chinese with plain numbers: 2023年) is skipped.
 * tests/segment_test.c checks this against qg_protect_find. */
enum { PB_NONE = 0, PB_HOT, PB_DIGIT };
static uint8_t pb_class[256]; /* filled once per process (pipelines may run on many threads) */
static pthread_once_t pb_once = PTHREAD_ONCE_INIT;

static void pb_build(void) {
  for (unsigned c = 0; c < 256; c++)
    pb_class[c] = (c >= 0xC2 && c <= 0xE1) || (c < 0x80 && ((c | 0x20) - 'a' < 26u || c == '/' ||
                                                             c == '~' || c == '`' || c == '\\'))
                      ? PB_HOT
                  : c - '0' < 10u ? PB_DIGIT
                                  : PB_NONE;
}

bool qg_protect_possible(const char *t, size_t n) {
  pthread_once(&pb_once, pb_build);
  const unsigned char *u = (const unsigned char *)t;
  /* Eight bytes at a time while they hold no ASCII byte and no lead byte C0..E1 (Han text and
   * its punctuation: E2..EF and continuation bytes), which are never hot. */
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
#define QG_HASZERO(v) (((v) - ones) & ~(v) & highs)
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, u + i, 8);
    uint64_t c0df = (w & 0xE0E0E0E0E0E0E0E0ull) ^ 0xC0C0C0C0C0C0C0C0ull;
    uint64_t e0e1 = (w & 0xFEFEFEFEFEFEFEFEull) ^ 0xE0E0E0E0E0E0E0E0ull;
    if (!(~w & highs) && !QG_HASZERO(c0df) && !QG_HASZERO(e0e1)) continue;
    for (size_t j = i; j < i + 8; j++) {
      unsigned k = pb_class[u[j]];
      if (!k) continue;
      if (k == PB_HOT) return true;
      if ((j > 0 && is_connector(u[j - 1])) || (j + 1 < n && is_connector(u[j + 1]))) return true;
    }
  }
#undef QG_HASZERO
  for (; i < n; i++) {
    unsigned k = pb_class[u[i]];
    if (!k) continue;
    if (k == PB_HOT) return true;
    if ((i > 0 && is_connector(u[i - 1])) || (i + 1 < n && is_connector(u[i + 1]))) return true;
  }
  return false;
}

int qg_segment_words(qg_segmenter *s, const char *t, size_t n, qg_tokvec *out) {
  out->n = 0;
  s->fixed.n = 0;
  s->spans.n = 0;
  s->dots = false;
  if (n > INT32_MAX) return QG_ERR_USAGE;
  int rc = qg_protect_possible(t, n) ? qg_protect_find(&s->spans, t, n) : 0;
  /* protected spans kept whole; terms between them */
  size_t pos = 0;
  for (size_t k = 0; !rc && k <= s->spans.n; k++) {
    const qg_span *sp = k < s->spans.n ? &s->spans.v[k] : NULL;
    if (sp && sp->kind == QG_SPAN_LATIN) continue; /* English text: ICU's words */
    if (sp) { /* a span with white space inside (code) is left to ICU */
      bool space = false;
      for (size_t i = sp->start; i < sp->end && !space; i++) space = t[i] == ' ' || t[i] == '\t';
      if (space) continue;
    }
    size_t end = sp ? sp->start : n;
    rc = find_terms(s, t, n, pos, end);
    if (!rc && sp) {
      rc = tok_push(&s->fixed, sp->start, sp->end, span_status(t, sp));
      pos = sp->end;
    }
  }
  /* ICU between the fixed tokens */
  pos = 0;
  for (size_t k = 0; !rc && k <= s->fixed.n; k++) {
    size_t end = k < s->fixed.n ? s->fixed.v[k].start : n;
    rc = icu_words(s, t, pos, end, out);
    if (!rc && k < s->fixed.n) {
      rc = tok_push(out, s->fixed.v[k].start, s->fixed.v[k].end, s->fixed.v[k].status);
      pos = s->fixed.v[k].end;
    }
  }
  if (!rc) join_tokens(s, t, n, out);
  if (!rc && s->dots) join_names(t, out);
  return rc;
}

/* ---- sentences: where ICU's rules are wrong for Chinese copy ------------------------------
 * ICU puts the characters of its class Close (opening and closing brackets and quotes) after a
 * terminator with the sentence that ends: 两周。（ | 新华社电）… An opening bracket or quote at
 * the end of a sentence goes to the sentence after it (probe 10c F2).
 * An ASCII full stop ends a sentence for ICU before a capital letter or Han text: in Chinese
 * copy a list label (1. 2.) and an abbreviation (U.S.) are no sentences (probe 10c F6). A
 * sentence that is a number label alone (1. 12.) is joined to the next; so is one that ends
 * with an abbreviation of single letters and stops (U.S. e.g.) when it holds Han text itself
 * or the next starts with a Han character (U.S.经济…). A Latin word and a stop before Han text
 * (He said hello. 然后…) still end a sentence, as in ICU. */

static bool is_opening(uint32_t c) {
  if (c < 0x80) return c == '(' || c == '[' || c == '{';
  int8_t gc = u_charType((UChar32)c);
  return gc == U_START_PUNCTUATION || gc == U_INITIAL_PUNCTUATION;
}

/* The sentence t[a, b) is a number label alone: 1 to 3 digits and a full stop. */
static bool is_number_label(const char *t, size_t a, size_t b) {
  size_t d = b - a;
  if (d < 2 || d > 4 || t[b - 1] != '.') return false;
  for (size_t i = a; i + 1 < b; i++)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

static bool ascii_letter(char c) { return (unsigned)((c | 0x20) - 'a') < 26u; }

/* t[a, b) ends with single letters each followed by a full stop, two or more (U.S. e.g.). */
static bool ends_abbreviation(const char *t, size_t a, size_t b) {
  size_t k = 0, i = b;
  while (i >= a + 2 && t[i - 1] == '.' && ascii_letter(t[i - 2]) &&
         (i - 2 == a || !ascii_letter(t[i - 3])))
    i -= 2, k++;
  return k >= 2;
}

static bool holds_han(const char *t, size_t a, size_t b) {
  for (size_t i = a; i < b;)
    if (qg_cp_is_han(qg_utf8_next(t, b, &i))) return true;
  return false;
}

static void fix_sentences(const char *t, qg_tokvec *v) {
  if (v->n < 2) return;
  /* opening marks at the end of a sentence go to the next one */
  for (size_t k = 0; k + 1 < v->n; k++) {
    qg_token *x = &v->v[k];
    size_t b = x->end;
    while (b > x->start) {
      size_t p = qg_utf8_prev(t, b), i = p;
      if (!is_opening(qg_utf8_next(t, b, &i))) break;
      b = p;
    }
    if (b == x->end || b == x->start) continue;
    v->v[k + 1].start = (uint32_t)b;
    while (b > x->start) { /* white space before them is no part of either */
      size_t p = qg_utf8_prev(t, b), i = p;
      uint32_t c = qg_utf8_next(t, b, &i);
      if (!qg_cp_is_space(c) && c != '\n' && c != '\r') break;
      b = p;
    }
    x->end = (uint32_t)b;
  }
  /* a full stop that ends no Chinese sentence: the two are one */
  size_t w = 0;
  for (size_t r = 0; r < v->n; r++) {
    if (w > 0) {
      qg_token *x = &v->v[w - 1];
      const qg_token *y = &v->v[r];
      size_t a = x->start, b = x->end;
      bool join = false;
      if (t[b - 1] == '.') {
        size_t i = y->start;
        uint32_t next = qg_utf8_next(t, y->end, &i);
        join = is_number_label(t, a, b) ||
               (ends_abbreviation(t, a, b) && (qg_cp_is_han(next) || holds_han(t, a, b)));
      }
      if (join) {
        x->end = y->end;
        continue;
      }
    }
    v->v[w++] = v->v[r];
  }
  v->n = w;
}

/* A sentence never ends inside a protected span: ICU ends one at the ? or ! of a URL's query
 * (https://example.com/q?id=5 | www.example.com/a!b), where the word mode keeps the URL whole.
 * Two sentences whose boundary falls inside a span are one; not inside Latin text (English
 * sentences end at their own marks), code (`?` or a `…' quote of a manual page running over
 * sentences) or a span with white space in it, which the word mode leaves to ICU too. */
static bool span_spaced(const char *t, const qg_span *sp) {
  for (size_t i = sp->start; i < sp->end; i++)
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') return true;
  return false;
}

static int join_in_spans(qg_segmenter *s, const char *t, size_t n, qg_tokvec *v) {
  s->spans.n = 0;
  if (v->n < 2 || !qg_protect_possible(t, n)) return 0;
  if (qg_protect_find(&s->spans, t, n)) return QG_ERR_NOMEM;
  /* which spans join: each read once (a span of 360 KB with a ? every few bytes was read again
   * at every boundary in it, 12 s for one line: review of session 39) */
  bool *joins = malloc((s->spans.n ? s->spans.n : 1) * sizeof *joins);
  if (!joins) return QG_ERR_NOMEM;
  for (size_t j = 0; j < s->spans.n; j++)
    joins[j] = s->spans.v[j].kind != QG_SPAN_LATIN && s->spans.v[j].kind != QG_SPAN_CODE &&
               !span_spaced(t, &s->spans.v[j]);
  size_t w = 0, k = 0;
  for (size_t r = 0; r < v->n; r++) {
    if (w > 0) {
      qg_token *x = &v->v[w - 1];
      const qg_token *y = &v->v[r];
      while (k < s->spans.n && s->spans.v[k].end <= x->end) k++;
      bool inside = false;
      for (size_t j = k; j < s->spans.n && s->spans.v[j].start < y->start && !inside; j++)
        inside = joins[j] && s->spans.v[j].end > x->end;
      if (inside) {
        x->end = y->end;
        continue;
      }
    }
    v->v[w++] = v->v[r];
  }
  v->n = w;
  s->spans.n = 0;
  free(joins);
  return 0;
}

int qg_segment_sentences(qg_segmenter *s, const char *t, size_t n, qg_tokvec *out) {
  out->n = 0;
  if (n > INT32_MAX) return QG_ERR_USAGE;
  UErrorCode err = U_ZERO_ERROR;
  if (!s->sentences) s->sentences = ubrk_open(UBRK_SENTENCE, "zh", NULL, 0, &err);
  s->ut = utext_openUTF8(s->ut, t, (int64_t)n, &err);
  ubrk_setUText(s->sentences, s->ut, &err);
  if (U_FAILURE(err)) return QG_ERR_ICU;
  int32_t start = ubrk_first(s->sentences);
  for (int32_t end = ubrk_next(s->sentences); end != UBRK_DONE;
       start = end, end = ubrk_next(s->sentences)) {
    size_t a = (size_t)start, b = (size_t)end;
    while (a < b) { /* white space around the sentence is not part of it */
      size_t i = a;
      uint32_t c = qg_utf8_next(t, b, &i);
      if (!qg_cp_is_space(c) && c != '\n' && c != '\r') break;
      a = i;
    }
    while (b > a) {
      size_t p = qg_utf8_prev(t, b), i = p;
      uint32_t c = qg_utf8_next(t, b, &i);
      if (!qg_cp_is_space(c) && c != '\n' && c != '\r') break;
      b = p;
    }
    if (a < b && tok_push(out, a, b, QG_WORD_NONE)) return QG_ERR_NOMEM;
  }
  fix_sentences(t, out);
  return join_in_spans(s, t, n, out);
}

/* ---- the segment stage: tokens onto blocks ------------------------------------------------ */

/* Blocks are segmented in batches (up to QG_SEG_BATCH blocks or QG_SEG_BATCH_BYTES of text),
 * then passed on in order: ICU's break iterator then runs over many lines in a row, and so do
 * the stages before it and the writer after it, each with its code and tables in the caches,
 * instead of all of them taking turns on every line. The batch is bounded, so memory stays
 * flat; finish passes on what is held. */
#define QG_SEG_BATCH 32
#define QG_SEG_BATCH_BYTES (64u << 10)

typedef struct seg_stage {
  qg_stage base;
  qg_block *head, *tail; /* held blocks, in order */
  size_t n, bytes;
} seg_stage;

static int seg_one(qg_stage *st, qg_block *b) {
  qg_segmenter *s = qg_ctx_segmenter(st->ctx);
  unsigned want = qg_ctx_options(st->ctx)->segment;
  int rc = s ? 0 : QG_ERR_ICU;
  if (!rc && !b->seg && !(b->seg = calloc(1, sizeof *b->seg))) rc = QG_ERR_NOMEM;
  if (!rc && (want & QG_SEGMENT_WORDS) &&
      !(rc = qg_segment_words(s, b->text.ptr, b->text.len, &b->seg->words)))
    b->words_ok = true;
  if (!rc && (want & QG_SEGMENT_SENTENCES) &&
      !(rc = qg_segment_sentences(s, b->text.ptr, b->text.len, &b->seg->sentences)))
    b->sentences_ok = true;
  return rc;
}

/* Segments the held blocks, then passes them on; on an error the rest are released. */
static int seg_flush(qg_stage *st) {
  seg_stage *ss = (seg_stage *)st;
  int rc = 0;
  for (qg_block *b = ss->head; b && !rc; b = b->next) rc = seg_one(st, b);
  qg_block *b = ss->head;
  ss->head = ss->tail = NULL;
  ss->n = ss->bytes = 0;
  while (b) {
    qg_block *next = b->next;
    b->next = NULL;
    if (rc) qg_block_release(st->ctx, b);
    else rc = qg_stage_emit(st, b);
    b = next;
  }
  return rc;
}

static int seg_push(qg_stage *st, qg_block *b) {
  seg_stage *ss = (seg_stage *)st;
  b->next = NULL;
  if (ss->tail) ss->tail->next = b;
  else ss->head = b;
  ss->tail = b;
  ss->n++;
  ss->bytes += b->text.len;
  return ss->n >= QG_SEG_BATCH || ss->bytes >= QG_SEG_BATCH_BYTES ? seg_flush(st) : 0;
}

static int seg_begin(qg_stage *st) {
  seg_stage *ss = (seg_stage *)st;
  while (ss->head) { /* left by a document that stopped */
    qg_block *b = ss->head;
    ss->head = b->next;
    qg_block_release(st->ctx, b);
  }
  ss->tail = NULL;
  ss->n = ss->bytes = 0;
  return 0;
}

static void seg_stage_free(qg_stage *st) {
  seg_stage *ss = (seg_stage *)st;
  while (ss->head) {
    qg_block *b = ss->head;
    ss->head = b->next;
    qg_block_release(st->ctx, b);
  }
  free(ss);
}

static int stage_noop(qg_stage *s) { (void)s; return 0; }
static void stage_free(qg_stage *s) { free(s); }

static const qg_stage_vt seg_vt = {
    .name = "segment", .begin = seg_begin, .push = seg_push, .finish = seg_flush,
    .free = seg_stage_free};

qg_stage *qg_stage_segment_new(qg_ctx *ctx) {
  seg_stage *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->base.vt = &seg_vt;
  s->base.ctx = ctx;
  return &s->base;
}

/* ---- lines: the paragraph stage of `qinggao segment --mode words` ---------------------------
 * Every line is a block of its own, passed on as it is (no copy): a line of white space only
 * is dropped (the segment writer gives it an empty output line from the line numbers), and a
 * line longer than the block limit comes in pieces, each a block on the same line (reported
 * as para-split: a word may be cut there). */

typedef struct lines_stage {
  qg_stage base;
  bool piece; /* the previous block was a piece of a line that goes on */
} lines_stage;

static int lines_push(qg_stage *st, qg_block *b) {
  lines_stage *ls = (lines_stage *)st;
  bool cont = ls->piece;
  ls->piece = !b->eol;
  if (b->blank) {
    qg_block_release(st->ctx, b);
    return 0;
  }
  b->kind = QG_KIND_P;
  if (cont) {
    qg_pos at = qg_block_pos(b, 0);
    int rc = qg_report(st->ctx, "para-split", at, at, NULL, NULL, true,
                       "line longer than %zu bytes: segmented in pieces from here",
                       qg_ctx_options(st->ctx)->max_block_bytes);
    if (rc) {
      qg_block_release(st->ctx, b);
      return rc;
    }
  }
  return qg_stage_emit(st, b);
}

static int lines_begin(qg_stage *st) {
  ((lines_stage *)st)->piece = false;
  qg_ctx_docinfo(st->ctx)->paragraphs = qg_para_mode_name(QG_PARA_LINE);
  return 0;
}

static const qg_stage_vt lines_vt = {
    .name = "lines", .begin = lines_begin, .push = lines_push, .finish = stage_noop,
    .free = stage_free};

qg_stage *qg_stage_lines_new(qg_ctx *ctx) {
  lines_stage *ls = calloc(1, sizeof *ls);
  if (!ls) return NULL;
  ls->base.vt = &lines_vt;
  ls->base.ctx = ctx;
  return &ls->base;
}

/* ---- word-repeat: accidentally repeated words ----------------------------------------------
 * A repeat is a run of one to four Han characters written twice in a row (的的, 我们我们). It is
 * reported when both copies are whole words of the segmentation (so 为了了解 and 这是是非 are
 * not repeats), unless it is a legitimate reduplication: an entry of dicts/reduplication.txt
 * covers it (看看, 常常, 研究研究, 不了了之), or it is part of an AABB form (高高兴兴,
 * 的的确确), of 一X一X (一步一步) or V着V着 (走着走着). The text is first scanned for repeated
 * characters (qg_repeat_scan, which looks closer only where bytes repeat those 3, 6, 9 or 12
 * before);
 * only the run of Han text around a repeat is segmented. Report only: the suggestion is the
 * word written once. */

#define QG_REPEAT_MAX 4   /* characters in a repeated word */
#define QG_REPEAT_CTX 64  /* characters of Han text segmented on each side of a repeat */

typedef struct repeat_stage {
  qg_stage base;
  qg_dict *redup;  /* [legit] forms */
  qg_dict *single; /* [single]: characters whose doubling is reported */
  qg_dict *glue;   /* [glue]: what ICU glues to a function word (他是) */
  qg_tokvec toks;
  qg_buf orig;
} repeat_stage;

static uint32_t cp_at(const char *t, size_t n, size_t i) { return qg_utf8_next(t, n, &i); }

static bool han_pair_at(const char *t, size_t n, size_t i, uint32_t not) {
  if (i >= n) return false;
  size_t j = i;
  uint32_t a = qg_utf8_next(t, n, &j);
  return a != not && j < n && qg_cp_is_han(a) && cp_at(t, n, j) == a;
}

/* Is the repeat [s, e) (word [s, m) twice, a its first character) a repetition of speech or
 * emphasis (probe 12b B17)? An answer written three times (对对对, not 对对: twice it is a typo
 * far more often), a phrase of two to four characters that ends in a modal particle
 * (走啊走啊, 等呀等呀), a degree adverb and its word (很久很久, 好多好多, 太远太远), or a word of
 * two characters or more whose copies make a whole clause of speech or an exclamation, opened
 * by a quotation mark or closed by ！ (“谢谢谢谢，…”, “来了来了！”, 注意注意！): a word typed twice by
 * accident sits inside its clause (谢谢谢谢大家, 但是但是，… stay reported). */
static bool speech_form(const char *t, size_t n, size_t s, size_t m, size_t e, uint32_t a) {
  size_t ul = m - s, chars = qg_utf8_count(t + s, ul);
  if (chars < 2) { /* an answer written three times: 对对对 是是是 不不不 在在在 有有有 要要要 没没没 */
    if (a != 0x5BF9 && a != 0x662F && a != 0x4E0D && a != 0x5728 && a != 0x6709 &&
        a != 0x8981 && a != 0x6CA1)
      return false;
    size_t p = s, q = e, copies = 2;
    while (p >= ul && !memcmp(t + p - ul, t + s, ul)) p -= ul, copies++;
    while (q + ul <= n && !memcmp(t + q, t + s, ul)) q += ul, copies++;
    if (copies != 3) return false;
    /* as a clause of its own: a mark, a quotation mark or the paragraph's edge on both sides
     * (not 在在在那里 in running text: review 12 R6) */
    uint32_t before = p ? cp_at(t, n, qg_utf8_prev(t, p)) : 0, after = q < n ? cp_at(t, n, q) : 0;
    /* (a modal particle or 的 了 行 after it still closes it: 对对对啊, 是是是的, 不不不行;
     * review 12b S11) */
    bool particle = after == 0x554A || after == 0x5440 || after == 0x5427 || after == 0x561B ||
                    after == 0x5462 || after == 0x54E6 || after == 0x5566 || after == 0x7684 ||
                    after == 0x884C || after == 0x4E86;
    return !qg_cp_is_han(before) && (!qg_cp_is_han(after) || particle);
  }
  uint32_t last = cp_at(t, n, s + qg_utf8_prev(t + s, ul));
  switch (last) {
  case 0x554A: case 0x5440: case 0x54C7: case 0x5566: case 0x54EA: case 0x5450: case 0x5427:
  case 0x561B: case 0x54DF: case 0x55BD: case 0x5466: /* 啊 呀 哇 啦 哪 呐 吧 嘛 哟 喽 呦 */
    return true;
  default:
    break;
  }
  if (chars == 2) { /* 很久很久, 很多很多; with 好 太 真 only their degree words (好多好多, 太远太远,
                      * 真的真的; not the words 好评 好友 好几 太阳: review 12 R6) */
    uint32_t b2 = cp_at(t, n, s + qg_utf8_prev(t + s, ul));
    if (a == 0x5F88) return true; /* 很 */
    if ((a == 0x597D || a == 0x592A || a == 0x771F) &&
        (b2 == 0x591A || b2 == 0x4E45 || b2 == 0x8FDC || b2 == 0x5927 || b2 == 0x957F ||
         b2 == 0x7684 || b2 == 0x7F8E || b2 == 0x9AD8 || b2 == 0x5FEB || b2 == 0x51B7 ||
         b2 == 0x70ED || b2 == 0x96BE || b2 == 0x9999))
      return true; /* 多 久 远 大 长 的 美 高 快 冷 热 难 香 */
  }
  /* the run of copies, and what stands around it: the paragraph's start, an opening quotation
   * mark or a mark before; its end, a closing quotation mark or a mark after; and one of them
   * an opening quotation mark or an exclamation mark (“谢谢谢谢，…”, 注意注意！, not a word
   * doubled in running text: 参数参数，) */
  while (s >= ul && !memcmp(t + s - ul, t + s, ul)) s -= ul;
  while (e + ul <= n && !memcmp(t + e, t + s, ul)) e += ul;
  uint32_t before = s ? cp_at(t, n, qg_utf8_prev(t, s)) : 0, after = e < n ? cp_at(t, n, e) : 0;
  bool quote = before == 0x201C || before == 0x300C || before == 0x300E || before == 0x2018;
  bool bang = after == 0xFF01 || after == '!';
  if (!(quote || bang) ||
      !(before == 0 || quote || before == 0xFF0C || before == 0x3002 || before == 0xFF01 ||
        before == 0xFF1F || before == 0xFF1B || before == 0xFF1A || before == 0x3001 ||
        before == 0x2026 || before == 0x2014))
    return false;
  return after == 0 || bang || after == 0x201D || after == 0x300D || after == 0x300F ||
         after == 0x2019 || after == 0xFF0C || after == 0x3002 || after == 0xFF1F ||
         after == 0xFF1B || after == 0x3001 || after == 0x2026 || after == 0x2014;
}

/* Is the repeat (word [s, m) twice, a its first character) V着V着, an action going on while
 * something else happens (写着写着就哭了, 走着走着天黑了: probe 20 M5)? A verb and 着; not the
 * prepositions and connectives made with 着 (随着 沿着 朝着 向着 顺着 本着 为着 凭着 趁着 接着 按着
 * 照着 对着 冲着 当着 靠着 围着 绕着 紧着 有着), whose doubling is a typo. */
static bool v_zhe_v_zhe(const char *t, size_t n, size_t s, size_t m, uint32_t a) {
  static const uint32_t not_verbs[] = {0x968F, 0x6CBF, 0x671D, 0x5411, 0x987A, 0x672C, 0x4E3A,
                                       0x51ED, 0x8D81, 0x63A5, 0x6309, 0x7167, 0x5BF9, 0x51B2,
                                       0x5F53, 0x9760, 0x56F4, 0x7ED5, 0x7D27, 0x6709};
  if (qg_utf8_count(t + s, m - s) != 2 || cp_at(t, n, qg_utf8_prev(t, m)) != 0x7740) return false;
  for (size_t k = 0; k < sizeof not_verbs / sizeof *not_verbs; k++)
    if (a == not_verbs[k]) return false;
  return true;
}

/* Is the repeat 了了 at [s, e) the verb 了 (liǎo, to settle) and its aspect particle (心事终于
 * 了了, 总算了了这桩心愿: probe 45 M1)? Only after an adverb that takes the verb: 终于 总算 算是
 * 已经 早已 就此 尚未 未能 没能 无法 难以. After any other word the second 了 is a slip (走了了,
 * 可以了了: still reported); 不了了之 and 小时了了 are [legit] entries. */
static bool liao_le(const char *t, size_t s) {
  static const char *const adverbs[] = {"终于", "总算", "算是", "已经", "早已", "就此",
                                        "尚未", "未能", "没能", "无法", "难以"};
  for (size_t k = 0; k < sizeof adverbs / sizeof *adverbs; k++) {
    size_t l = strlen(adverbs[k]);
    if (s >= l && !memcmp(t + s - l, adverbs[k], l)) return true;
  }
  return false;
}

/* Is [s, m) two or more Chinese digits written digit by digit (〇 零 一 … 九): the half of a
 * number such as the year 二〇二〇 or 一九一九, whose repeat is no word written twice (session 45:
 * 二〇二〇年 was reported, also after num-zero made it of 二0二0年). */
static bool cn_digit_word(const char *t, size_t s, size_t m) {
  size_t i = s, chars = 0;
  while (i < m) {
    uint32_t c = qg_utf8_next(t, m, &i);
    if (qg_cp_cn_numeral(c) != 1 || c == 0x4E24 /*两*/) return false; /* (a digit: no 十 百 …) */
    chars++;
  }
  return chars >= 2;
}

/* Is the repeat [s, e) (word [s, m) twice) legitimate without looking at words? */
static bool legit_form(repeat_stage *rs, const char *t, size_t n, size_t s, size_t m, size_t e) {
  if (qg_dict_covers(rs->redup, t, n, s, e)) return true;
  if (cn_digit_word(t, s, m)) return true; /* 二〇二〇年 */
  size_t i = s;
  uint32_t a = qg_utf8_next(t, n, &i);
  if (i == m) { /* AA: AABB or the BB of AABB */
    if (han_pair_at(t, n, e, a)) return true;
    if (s > 0) {
      size_t p1 = qg_utf8_prev(t, s);
      if (p1 > 0 && han_pair_at(t, n, qg_utf8_prev(t, p1), a)) return true;
    }
  }
  if (a == 0x4E86 && i == m && liao_le(t, s)) return true; /* 终于了了 */
  if (a == 0x4E00 && qg_utf8_count(t + s, m - s) == 2) return true; /* 一步一步 */
  if (v_zhe_v_zhe(t, n, s, m, a)) return true;
  return speech_form(t, n, s, m, e, a);
}

static bool starts_token(const qg_tokvec *v, size_t off) {
  for (size_t k = 0; k < v->n; k++)
    if (v->v[k].start == off) return true;
  return false;
}
/* ICU's dictionary has words made of a pronoun or adverb and a function word (他是, 都在):
 * a repeat of a [single] character whose first copy ends such a word, after a character of
 * [glue], still counts (她是是 -> 她是|是; not 可以以 -> 可以|以, a real word then 以). */
static bool glued_to_single(const repeat_stage *rs, const qg_tokvec *v, const char *t, size_t s,
                            size_t m) {
  for (size_t k = 0; k < v->n; k++) {
    if (v->v[k].start >= s || v->v[k].end < m) continue;
    size_t p = v->v[k].start, q = p;
    qg_utf8_next(t, s, &q);
    return v->v[k].end == m && q == s && qg_dict_longest(rs->glue, t, s, p, NULL) == s - p;
  }
  return false;
}
static bool ends_token(const qg_tokvec *v, size_t off) {
  for (size_t k = 0; k < v->n; k++)
    if (v->v[k].end == off) return true;
  return false;
}

/* Reports the repeat [s, e) when its copies are words: 1 when reported, 0 when not, or an
 * error. */
static int load_dicts(repeat_stage *rs);
static int check_repeat(repeat_stage *rs, qg_block *b, size_t s, size_t m, size_t e) {
  if (!rs->redup) { /* built when the first repeat is looked at */
    int rc = load_dicts(rs);
    if (rc) return rc;
  }
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  if (qg_utf8_count(t + s, m - s) == 1 && qg_dict_longest(rs->single, t, m, s, NULL) != m - s)
    return 0; /* a character that reduplicates freely (换换, 慢慢, 个个) */
  if (legit_form(rs, t, n, s, m, e)) return 0;
  /* the Han text around it, at most QG_REPEAT_CTX characters each side */
  size_t a = s, z = e;
  for (int k = 0; k < QG_REPEAT_CTX && a > 0; k++) {
    size_t p = qg_utf8_prev(t, a);
    if (!qg_cp_is_han(cp_at(t, n, p))) break;
    a = p;
  }
  for (int k = 0; k < QG_REPEAT_CTX && z < n; k++) {
    size_t q = z;
    if (!qg_cp_is_han(qg_utf8_next(t, n, &q))) break;
    z = q;
  }
  qg_segmenter *sg = qg_ctx_segmenter(rs->base.ctx);
  if (!sg) return QG_ERR_ICU;
  int rc = qg_segment_words(sg, t + a, z - a, &rs->toks);
  if (rc) return rc;
  bool single = qg_utf8_count(t + s, m - s) == 1;
  if (!(starts_token(&rs->toks, s - a) || (single && glued_to_single(rs, &rs->toks, t + a, s - a, m - a))) ||
      !starts_token(&rs->toks, m - a) || !ends_token(&rs->toks, e - a))
    return 0;
  qg_buf_clear(&rs->orig);
  if (qg_buf_put(&rs->orig, t + s, e - s)) return QG_ERR_NOMEM;
  char word[4 * QG_REPEAT_MAX + 1];
  memcpy(word, t + s, m - s);
  word[m - s] = '\0';
  qg_pos ps, pe; /* the region ends on its last character's line (probe 12a A4) */
  qg_block_span(b, s, e, &ps, &pe);
  rc = qg_report(rs->base.ctx, "word-repeat", ps, pe, rs->orig.ptr, word, false, "“%s” written twice: %s", word, rs->orig.ptr);
  return rc ? rc : 1;
}

/* The code point of the common Han character (three bytes) at p. */
static inline uint32_t han3(const unsigned char *p) {
  return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

/* Could the character at j continue a repeat, as far as its bytes tell? It could when it is a
 * three-byte character (U+2000 or more: Han is U+2E80 or more) whose bytes are those of the
 * character three, six, nine or twelve bytes before it, or a four-byte character (after which
 * the characters k before are no longer 3k bytes back). Any other character equals none of
 * the four characters before it in its run of Han text: when they are all three-byte
 * characters, the character k before it is 3k bytes back. */
static inline bool may_repeat_at(const unsigned char *u, size_t n, size_t j) {
  if (u[j] < 0xE2) return false;
  if (u[j] >= 0xF0) return true;
  if (j + 3 > n) return false; /* cut short: not Han */
  for (size_t k = 3; k <= 12 && k <= j; k += 3)
    if (u[j] == u[j - k] && u[j + 1] == u[j + 1 - k] && u[j + 2] == u[j + 2 - k]) return true;
  return false;
}

#ifdef __SSE2__
/* Lanes l of the sixteen bytes x at some offset (b3, b6, b9 and b12: the bytes 3, 6, 9 and
 * 12 before them) where may_repeat_at may hold: bytes l, l+1 and l+2 each match a byte 3, 6,
 * 9 or 12 back (a match of any of them counts) and l is the lead byte of a three-byte
 * character of U+2000 or more, or l leads a four-byte one. Lanes 14 and 15 (whose bytes
 * after them are not in x) hold only for four-byte characters: the caller takes them from
 * the next sixteen bytes, or they are the last two bytes of the text, where no three-byte
 * character fits. */
static inline unsigned may_repeat16(__m128i x, __m128i b3, __m128i b6, __m128i b9, __m128i b12) {
  __m128i q3 = _mm_cmpeq_epi8(x, b3);
  __m128i e = _mm_or_si128(_mm_or_si128(q3, _mm_cmpeq_epi8(x, b6)),
                           _mm_or_si128(_mm_cmpeq_epi8(x, b9), _mm_cmpeq_epi8(x, b12)));
  __m128i lead = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)0xE2)), x);
  __m128i four = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)0xF0)), x);
  /* lanes 14 and 15 of the shifted e are 0 */
  __m128i e3 = _mm_and_si128(_mm_and_si128(e, _mm_srli_si128(e, 1)),
                             _mm_and_si128(_mm_srli_si128(e, 2), lead));
  /* the character equal to the one before it (all three bytes 3 back) */
  __m128i d3 = _mm_and_si128(_mm_and_si128(q3, _mm_srli_si128(q3, 1)),
                             _mm_and_si128(_mm_srli_si128(q3, 2), lead));
  unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(e3, four));
  unsigned alone = (unsigned)_mm_movemask_epi8(_mm_or_si128(d3, four));
  /* of m, the lanes where a repeat may end or begin: a repeat of one character (alone), a
   * four-byte character, or a character that may equal one before it followed by another
   * (lane + 3; lanes 11 to 15, whose next character m does not tell, are kept) */
  return m & ((m >> 3) | 0xF800u | alone);
}
static inline unsigned may_repeat16_at(const unsigned char *p) { /* p - 12 .. p + 15 readable */
  return may_repeat16(_mm_loadu_si128((const __m128i *)p),
                      _mm_loadu_si128((const __m128i *)(p - 3)),
                      _mm_loadu_si128((const __m128i *)(p - 6)),
                      _mm_loadu_si128((const __m128i *)(p - 9)),
                      _mm_loadu_si128((const __m128i *)(p - 12)));
}
#endif

#if QG_HAVE_AVX2
/* next_may_repeat's blocks thirty lanes a step (session 51, s51-avx): the thirty-two bytes at
 * u + j with those 3, 6, 9 and 12 before them, the bytes after a lane taken from the masks (a
 * lane's bit shifted) rather than from the vector, so lanes 30 and 31 hold only for four-byte
 * characters as lanes 14 and 15 do in may_repeat16, and lanes 27 to 31 are kept. From j >= 12
 * while j + 32 <= n: true and *at the first lane that may hold, or false and *at where the
 * blocks stopped (the sixteen-byte blocks go on from there). */
static QG_AVX2 __attribute__((noinline)) bool may_repeat32(const unsigned char *u, size_t n, size_t j, size_t *at) {
  const __m256i e2 = _mm256_set1_epi8((char)0xE2), f0 = _mm256_set1_epi8((char)0xF0);
  for (; j + 32 <= n; j += 30) {
    const unsigned char *p = u + j;
    __m256i x = _mm256_loadu_si256((const __m256i *)p);
    __m256i q3 = _mm256_cmpeq_epi8(x, _mm256_loadu_si256((const __m256i *)(p - 3)));
    __m256i e = _mm256_or_si256(
        _mm256_or_si256(q3, _mm256_cmpeq_epi8(x, _mm256_loadu_si256((const __m256i *)(p - 6)))),
        _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_loadu_si256((const __m256i *)(p - 9))),
                        _mm256_cmpeq_epi8(x, _mm256_loadu_si256((const __m256i *)(p - 12)))));
    uint32_t lead = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(x, e2), x));
    uint32_t four = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(x, f0), x));
    uint32_t me = (uint32_t)_mm256_movemask_epi8(e), mq = (uint32_t)_mm256_movemask_epi8(q3);
    uint32_t m = (me & (me >> 1) & (me >> 2) & lead) | four;
    uint32_t alone = (mq & (mq >> 1) & (mq >> 2) & lead) | four;
    uint32_t hit = m & ((m >> 3) | 0xF8000000u | alone);
    if (hit) {
      *at = j + (size_t)__builtin_ctz(hit);
      return true;
    }
  }
  *at = j;
  return false;
}
#endif

/* The first offset from i on where may_repeat_at holds (n when none), or an offset before
 * it where it may: with SSE2 fourteen offsets at a time, the first sixteen bytes compared
 * with themselves shifted, the last sixteen with the lanes before i dropped. */
static size_t next_may_repeat_run(const unsigned char *u, size_t n, size_t i, bool use_avx) {
  (void)use_avx;
  size_t j = i;
#ifdef __SSE2__
  if (n >= 28) {
    if (j < 12) {
      __m128i x = _mm_loadu_si128((const __m128i *)u); /* lanes before 3k compare with 0 */
      unsigned hit = may_repeat16(x, _mm_slli_si128(x, 3), _mm_slli_si128(x, 6),
                                  _mm_slli_si128(x, 9), _mm_slli_si128(x, 12)) &
                     (0x3FFFu & ~((1u << j) - 1));
      if (hit) return (unsigned)__builtin_ctz(hit);
      j = 14;
    }
#if QG_HAVE_AVX2
    if (use_avx && j + 32 <= n && may_repeat32(u, n, j, &j)) return j;
#endif
    for (; j + 16 <= n; j += 14) {
      unsigned hit = may_repeat16_at(u + j); /* lanes 14, 15: four-byte characters */
      if (hit) return j + (unsigned)__builtin_ctz(hit);
    }
    if (j >= n) return n;
    size_t b = n - 16; /* b >= 12 */
    unsigned hit = may_repeat16_at(u + b) & ~((1u << (j - b)) - 1);
    return hit ? b + (unsigned)__builtin_ctz(hit) : n;
  }
#endif
  for (; j < n; j++)
    if (may_repeat_at(u, n, j)) return j;
  return n;
}

#ifdef QG_CHECK_AVX
/* The offsets the blocks may not pass, one at a time: may_repeat_at holds there and the repeat
 * may go on (a four-byte character, may_repeat_at at the next character, or the character the
 * same as the one before it), as may_repeat16 keeps its lanes. */
static bool repeat_cand(const unsigned char *u, size_t n, size_t k) {
  if (!may_repeat_at(u, n, k)) return false;
  return u[k] >= 0xF0 || may_repeat_at(u, n, k + 3) ||
         (k >= 3 && u[k] == u[k - 3] && u[k + 1] == u[k - 2] && u[k + 2] == u[k - 1]);
}
#endif

/* next_may_repeat_run with the AVX2 blocks where the CPU has them: the offset found may be
 * another than the SSE2 blocks' (their kept lanes differ) but neither passes an offset where
 * repeat_cand holds, which a build with -DQG_CHECK_AVX checks on every call. */
static size_t next_may_repeat(const unsigned char *u, size_t n, size_t i) {
  size_t j = next_may_repeat_run(u, n, i, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  size_t q = next_may_repeat_run(u, n, i, false);
  for (size_t k = i; k < j && k < n; k++)
    if (repeat_cand(u, n, k)) {
      fprintf(stderr, "QG_CHECK_AVX: next_may_repeat passed offset %zu (from %zu: %zu, SSE2 %zu)\n", k, i, j, q);
      abort();
    }
  if (j < n && (u[j] & 0xC0) == 0x80) {
    fprintf(stderr, "QG_CHECK_AVX: next_may_repeat found a continuation byte at %zu\n", j);
    abort();
  }
#endif
  return j;
}

/* The scan for repeats (see repeat_push); check is called on each candidate [s, e), word
 * [s, m) twice, and returns 1 when it reported it, 0 when not, or an error, which ends the
 * scan and is returned. t[n] is a NUL.
 *
 * It goes character by character (the state: the last four characters h0..h3 of the run of
 * Han text, its length run, and same[k], how many characters in a row equal the one k
 * before), but where that state shows no repeat going on it jumps to the next character that
 * could continue one (next_may_repeat) and takes the last four characters of its run from
 * the text: between the two, characters equal none of the four before them, so the state
 * there would be the same. */
int qg_repeat_scan(const char *t, size_t n, qg_repeat_check_fn check, void *arg) {
  size_t i = 0, reported = 0;
  size_t run = 0;   /* characters in the current Han run */
  size_t last4 = 0; /* run just after its last four-byte character (0: none) */
  size_t floor = 0; /* where the scan last restarted the run (after copies of a repeat) */
  int same[QG_REPEAT_MAX + 1] = {0};
  int rc = 0;
  /* the last QG_REPEAT_MAX characters of the run (h0 the one before the current one, 0 where
   * the run is shorter): a character equal to none of them continues no repeat, and most are */
  _Static_assert(QG_REPEAT_MAX == 4, "the test below compares four characters");
  uint32_t h0 = 0, h1 = 0, h2 = 0, h3 = 0;
  bool any_same = false; /* some same[k] is not 0 */
  const unsigned char *u = (const unsigned char *)t;
  while (i < n && !rc) {
    if (!any_same && (last4 == 0 || run >= last4 + 4)) {
      /* no repeat going on, and the four characters before are three-byte ones (or not in
       * the run) */
      size_t j = next_may_repeat(u, n, i);
      if (j >= n) break;
      if (j != i) {
        uint32_t h[QG_REPEAT_MAX] = {0};
        size_t w = 0, p = j;
        while (w < QG_REPEAT_MAX && p > floor) {
          size_t q = qg_utf8_prev(t, p);
          uint32_t c = cp_at(t, n, q);
          if (!qg_cp_is_han(c)) break;
          h[w++] = c, p = q;
        }
        i = j, run = w, last4 = 0;
        h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3];
      }
    }
    size_t at = i;
    uint32_t c;
    if ((unsigned)(u[i] - 0xE5) <= 4 || (u[i] == 0xE4 && u[i + 1] >= 0xB8)) {
      /* U+4E00..U+9FFF: a common Han character */
      c = han3(u + i);
      i += 3;
    } else {
      if (u[i] < 0x80) {
        /* ASCII ends the run, and so does the rest of its run (up to the NUL after the text) */
        do i++;
        while (u[i] - 1u < 0x7Fu);
        c = 0;
      } else {
        c = qg_utf8_next(t, n, &i);
      }
      if (c < 0x2E80 || !qg_cp_is_han(c)) {
        if (run) {
          run = 0, last4 = 0;
          h0 = h1 = h2 = h3 = 0;
          if (any_same) memset(same, 0, sizeof same), any_same = false;
        }
        continue;
      }
    }
    run++;
    if (i - at == 4) last4 = run;
    if ((c != h0) & (c != h1) & (c != h2) & (c != h3)) { /* no same[k] goes on */
      h3 = h2, h2 = h1, h1 = h0, h0 = c;
      if (any_same) memset(same, 0, sizeof same), any_same = false;
      continue;
    }
    /* back[k]: the character k before this one in the run (0: none) */
    const uint32_t back[QG_REPEAT_MAX + 1] = {0, h0, h1, h2, h3};
    h3 = h2, h2 = h1, h1 = h0, h0 = c;
    for (size_t k = 1; k <= QG_REPEAT_MAX; k++) {
      if (run <= k || back[k] != c) {
        same[k] = 0;
        continue;
      }
      if (++same[k] < (int)k) continue;
      /* characters [run-2k, run-k) equal [run-k, run): m starts k - 1 characters before this
       * one, s 2k - 1 (all in this run of Han text) */
      size_t m = at;
      for (size_t j = 1; j < k; j++) m = qg_utf8_prev(t, m);
      size_t s = m;
      for (size_t j = 0; j < k; j++) s = qg_utf8_prev(t, s);
      same[k] = 0;
      if (s < reported) continue; /* 的的的: one report */
      rc = check(arg, s, m, i);
      bool rep = rc == 1;
      if (rep) reported = i, rc = 0;
      if (rc) break;
      /* further copies of a reported unit (的的的的…) are one report; of a long run of a unit that
       * did not report (谢 in 谢谢谢谢…, a word only as 谢谢) all but the last eight copies are
       * passed over, and those are checked as before: a long run costs a few segmentations,
       * not one per copy */
      size_t ul = m - s, j = i;
      while (j + ul <= n && !memcmp(t + j, t + m, ul)) j += ul;
      if (!rep) j = (j - i) / ul >= 16 ? j - 8 * ul : i;
      if (j != i) {
        i = j, floor = j;
        if (rep) reported = j;
        run = 0, last4 = 0;
        h0 = h1 = h2 = h3 = 0;
        memset(same, 0, sizeof same);
        break;
      }
    }
    any_same = same[1] || same[2] || same[3] || same[4];
  }
  return rc;
}

typedef struct {
  repeat_stage *rs;
  qg_block *b;
} repeat_arg;

static int repeat_check(void *arg, size_t s, size_t m, size_t e) {
  repeat_arg *a = arg;
  return check_repeat(a->rs, a->b, s, m, e);
}

static int repeat_push(qg_stage *st, qg_block *b) {
  if (b->verbatim) return qg_stage_emit(st, b); /* Markdown's verbatim text: code, not prose */
  repeat_arg arg = {(repeat_stage *)st, b};
  int rc = qg_repeat_scan(b->text.ptr, b->text.len, repeat_check, &arg);
  if (rc) {
    qg_block_release(st->ctx, b);
    return rc;
  }
  return qg_stage_emit(st, b);
}

static void repeat_free(qg_stage *s) {
  repeat_stage *rs = (repeat_stage *)s;
  qg_dict_free(rs->redup);
  qg_dict_free(rs->single);
  qg_dict_free(rs->glue);
  free(rs->toks.v);
  qg_buf_free(&rs->orig);
  free(rs);
}

static const qg_stage_vt repeat_vt = {
    .name = "word-repeat", .begin = stage_noop, .push = repeat_push, .finish = stage_noop,
    .free = repeat_free};

/* The stage's dictionaries (dicts/reduplication.txt's sections; the build's tables, dict.c),
 * taken when a block first holds a repeat to look at: building them was a sixth of the
 * instructions of a `lint` of a 4 KB article in a process of its own, and most such articles
 * hold none (they are tables now, and cost nothing to take unless they do not fit this ICU). */
static int load_dicts(repeat_stage *rs) {
  qg_dict *single = qg_dict_builtin(QG_DICT_SINGLE), *glue = qg_dict_builtin(QG_DICT_GLUE),
          *redup = qg_dict_builtin(QG_DICT_LEGIT);
  if (!single || !glue || !redup) {
    qg_dict_free(single);
    qg_dict_free(glue);
    qg_dict_free(redup);
    return QG_ERR_NOMEM;
  }
  rs->single = single, rs->glue = glue, rs->redup = redup;
  return 0;
}

qg_stage *qg_stage_word_repeat_new(qg_ctx *ctx) {
  repeat_stage *rs = calloc(1, sizeof *rs);
  if (!rs) return NULL;
  rs->base.vt = &repeat_vt;
  rs->base.ctx = ctx;
  qg_buf_init(&rs->orig);
  return &rs->base;
}

/* ---- the writers of `qinggao segment` --------------------------------------------------------
 * words      one output line per source line: the words of its text separated by single
 *            spaces; a source line without text (blank, or emptied by character cleanup) gives
 *            an empty line, so line N of the output is line N of the input. Pieces of a line
 *            longer than the block limit (para-split) continue the same output line.
 * words json one object per source line: {"source", "line": N, "tokens": [{"word", "byte", "char",
 *            "column", "status"}]}: byte and char are offsets in the line's cleaned text, col the
 *            1-based column in the source line where the word starts, status ICU's word status.
 * sentences  one sentence per output line.
 * sentences json  one object per sentence: {"source", "line", "column", "byte", "char", "text"}: source
 *            position of its start, offsets in the cleaned paragraph.
 * Blocks that come without tokens (a pipeline made without options.segment) are segmented
 * here, with the built-in dictionary. */

typedef struct seg_writer {
  qg_dict *dict; /* for blocks without tokens */
  qg_segmenter *seg;
  qg_tokvec tmp;
  uint32_t open;               /* source line whose output line is open (0: none) */
  uint32_t done;               /* source lines written */
  size_t ntok;                 /* words on the open line */
  size_t line_bytes, line_chars; /* text of the open line before the current block */
  qg_buf src;                  /* json: {"source":"NAME", the start of every record */
} seg_writer;

/* Source positions of increasing offsets of one block, in one pass over its text. */
typedef struct pos_cursor {
  const qg_block *b;
  size_t k, off;
  uint32_t chars;
  bool init;
} pos_cursor;

static qg_pos cursor_pos(pos_cursor *c, size_t off) {
  const qg_srcmap *m = &c->b->map;
  if (!m->n || m->a[0].off > off) return (qg_pos){0, 0};
  size_t k = c->init ? c->k : 0;
  while (k + 1 < m->n && m->a[k + 1].off <= off) k++;
  if (!c->init || k != c->k || off < c->off) {
    c->k = k;
    c->off = m->a[k].off;
    c->chars = 0;
    c->init = true;
  }
  c->chars += (uint32_t)qg_utf8_count(c->b->text.ptr + c->off, off - c->off);
  c->off = off;
  qg_pos p = {.line = m->a[k].line, .col = m->a[k].col};
  if (m->a[k].flags & QG_MAP_EXACT) p.col += c->chars;
  return p;
}

static const qg_token *block_tokens(seg_writer *sw, const qg_block *b, bool words, size_t *n,
                                    int *rc) {
  *rc = 0;
  if (words ? b->words_ok : b->sentences_ok) return words ? qg_block_words(b, n) : qg_block_sentences(b, n);
  char err[256];
  if (!sw->dict && !(sw->dict = qg_dict_new(NULL, err, sizeof err))) *rc = QG_ERR_NOMEM;
  if (!*rc && !sw->seg && !(sw->seg = qg_segmenter_new(sw->dict))) *rc = QG_ERR_ICU;
  if (!*rc)
    *rc = words ? qg_segment_words(sw->seg, b->text.ptr, b->text.len, &sw->tmp)
                : qg_segment_sentences(sw->seg, b->text.ptr, b->text.len, &sw->tmp);
  *n = *rc ? 0 : sw->tmp.n;
  return sw->tmp.v;
}

static int close_line(seg_writer *sw, qg_buf *o, bool json) {
  sw->done = sw->open;
  sw->open = 0;
  return json ? qg_buf_puts(o, "]}\n") : qg_buf_putc(o, '\n');
}

/* Empty output lines for the source lines up to and including upto. */
static int pad_lines(seg_writer *sw, qg_buf *o, bool json, uint32_t upto) {
  int rc = 0;
  while (!rc && sw->done < upto) {
    sw->done++;
    if (json) {
      rc = qg_buf_put(o, sw->src.ptr, sw->src.len);
      if (!rc) rc = qg_buf_printf(o, ",\"line\":%u,\"tokens\":[]}\n", sw->done);
    } else {
      rc = qg_buf_putc(o, '\n');
    }
  }
  return rc;
}

static int words_block(qg_writer *w, seg_writer *sw, const qg_block *b, qg_buf *o) {
  bool json = w->fmt == QG_FORMAT_WORDS_JSON;
  int rc = 0;
  if (sw->open && b->line != sw->open) rc = close_line(sw, o, json);
  if (!rc && !sw->open) {
    if (b->line > 0) rc = pad_lines(sw, o, json, b->line - 1);
    sw->open = b->line;
    sw->ntok = sw->line_bytes = sw->line_chars = 0;
    if (!rc && json) rc = qg_buf_put(o, sw->src.ptr, sw->src.len);
    if (!rc && json) rc = qg_buf_printf(o, ",\"line\":%u,\"tokens\":[", b->line);
  }
  size_t n;
  const qg_token *v = block_tokens(sw, b, true, &n, &rc);
  const char *t = b->text.ptr;
  if (!rc && !json) { /* the words and a space before each: at most text + n bytes */
    if (qg_buf_grow(o, b->text.len + n + 17)) return QG_ERR_NOMEM;
    char *p = o->ptr + o->len;
    for (size_t k = 0; k < n; k++) {
      if (sw->ntok++) *p++ = ' ';
      size_t l = v[k].end - v[k].start;
      if (l <= 16 && v[k].start + 16 <= b->text.len) /* most words: one fixed-size copy */
        memcpy(p, t + v[k].start, 16);
      else
        memcpy(p, t + v[k].start, l);
      p += l;
    }
    o->len = (size_t)(p - o->ptr);
    *p = '\0';
    n = 0;
  }
  pos_cursor pc = {.b = b};
  size_t coff = 0, chars = 0; /* characters of t before coff */
  for (size_t k = 0; !rc && k < n; k++) {
    const qg_token *x = &v[k];
    if (sw->ntok++) rc = qg_buf_putc(o, ',');
    if (rc) break;
    chars += qg_utf8_count(t + coff, x->start - coff);
    coff = x->start;
    rc = qg_buf_puts(o, "{\"word\":");
    if (!rc) rc = qg_json_string(o, t + x->start, x->end - x->start);
    if (!rc)
      rc = qg_buf_printf(o, ",\"byte\":%zu,\"char\":%zu,\"column\":%u,\"status\":\"%s\"}",
                         sw->line_bytes + x->start, sw->line_chars + chars,
                         cursor_pos(&pc, x->start).col, qg_word_status_name(x->status));
  }
  if (json) sw->line_chars += chars + qg_utf8_count(t + coff, b->text.len - coff);
  sw->line_bytes += b->text.len;
  if (b->end_line > sw->open) sw->open = b->end_line; /* a paragraph of several lines */
  return rc;
}

static int sentences_block(qg_writer *w, seg_writer *sw, const qg_block *b, qg_buf *o) {
  bool json = w->fmt == QG_FORMAT_SENTENCES_JSON;
  int rc = 0;
  size_t n;
  const qg_token *v = block_tokens(sw, b, false, &n, &rc);
  const char *t = b->text.ptr;
  pos_cursor pc = {.b = b};
  size_t coff = 0, chars = 0;
  for (size_t k = 0; !rc && k < n; k++) {
    const qg_token *x = &v[k];
    if (!json) {
      rc = qg_buf_put(o, t + x->start, x->end - x->start);
      if (!rc) rc = qg_buf_putc(o, '\n');
      continue;
    }
    chars += qg_utf8_count(t + coff, x->start - coff);
    coff = x->start;
    qg_pos p = cursor_pos(&pc, x->start);
    rc = qg_buf_put(o, sw->src.ptr, sw->src.len);
    if (!rc)
      rc = qg_buf_printf(o, ",\"line\":%u,\"column\":%u,\"byte\":%u,\"char\":%zu,\"text\":",
                         p.line, p.col, x->start, chars);
    if (!rc) rc = qg_json_string(o, t + x->start, x->end - x->start);
    if (!rc) rc = qg_buf_puts(o, "}\n");
  }
  return rc;
}

static int seg_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  seg_writer *sw = w->user;
  qg_buf *o = &w->scratch;
  qg_buf_clear(o);
  bool words = w->fmt == QG_FORMAT_WORDS || w->fmt == QG_FORMAT_WORDS_JSON;
  int rc = words ? words_block(w, sw, b, o) : sentences_block(w, sw, b, o);
  if (rc) return rc;
  return qg_spool_write(&w->body, o->ptr, o->len);
}

static int seg_removed(void *ud, const qg_block *b, const qg_removal *r) {
  return qg_writer_forward_removed(ud, b, r);
}

static int seg_diag(void *ud, const qg_diag *d) { return qg_writer_forward_diag(ud, d); }

static int seg_begin_doc(void *ud, const qg_docinfo *info) {
  qg_writer *w = ud;
  seg_writer *sw = w->user;
  qg_buf_clear(&sw->src);
  int rc = qg_buf_puts(&sw->src, "{\"source\":");
  return rc ? rc : qg_json_string(&sw->src, info->source, strlen(info->source));
}

static int seg_end(void *ud, const qg_docinfo *info, int status) {
  qg_writer *w = ud;
  seg_writer *sw = w->user;
  int rc = 0;
  if (!status && (w->fmt == QG_FORMAT_WORDS || w->fmt == QG_FORMAT_WORDS_JSON)) {
    bool json = w->fmt == QG_FORMAT_WORDS_JSON;
    qg_buf *o = &w->scratch;
    qg_buf_clear(o);
    if (sw->open) rc = close_line(sw, o, json);
    if (!rc) rc = pad_lines(sw, o, json, (uint32_t)info->lines);
    if (!rc) rc = qg_spool_write(&w->body, o->ptr, o->len);
    /* said as the other writers' errors are (s17-lib: qg_pipeline_errmsg was "" when the
     * spool failed here: a full disk, TMPDIR gone) */
    if (rc) qg_writer_note(w, rc, w->name.ptr, NULL);
  }
  sw->open = sw->done = 0;
  int frc = qg_writer_flush_doc(w, rc ? rc : status, NULL, 0, NULL, 0);
  return rc ? rc : frc;
}

static void seg_free(void *p) {
  seg_writer *sw = p;
  qg_segmenter_free(sw->seg);
  qg_dict_free(sw->dict);
  free(sw->tmp.v);
  qg_buf_free(&sw->src);
  free(sw);
}

int qg_write_segment_init(qg_writer *w) {
  seg_writer *sw = calloc(1, sizeof *sw);
  if (!sw) return QG_ERR_NOMEM;
  qg_buf_init(&sw->src);
  w->user = sw;
  w->user_free = seg_free;
  w->h.block = seg_block;
  w->h.diag = seg_diag;
  w->h.removed = seg_removed;
  w->h.begin_doc = seg_begin_doc;
  w->h.end_doc = seg_end;
  return 0;
}
