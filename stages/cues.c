/* cues.c: the structure cues (dicts/structure-cues.txt, compiled in, plus a desk's own file)
 * and the features of a block that the repair and structure stages decide from.
 *
 * All knowledge of words (本报记者, 图为, 摄 …) lives in the cue file; this file only measures
 * a block (length, clause marks, how it ends) and asks the cue patterns where they match.
 * The decisions that combine the features are in repair.c and structure.c. */
#include "internal.h"
#include "simd.h"
#include <ctype.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/uregex.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <xxhash.h>
#ifdef __SSE2__
#include <emmintrin.h>

/* 0 for the first sixteen lanes, all ones for the next: loaded from 16 - k, k lanes off */
static const unsigned char tail_lanes[32] = {
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
#endif

extern const unsigned char qg_cues_default[];
extern const size_t qg_cues_default_len;

enum { SEC_SECTION, SEC_SUFFIX, SEC_PREFIX, SEC_ORNAMENT, SEC_BYLINE, SEC_CAPTION, SEC_CREDIT, SEC_CREDIT_TAIL,
       SEC_AUTHOR_TAIL, SEC_AUTHOR, SEC_DATELINE, SEC_SUBHEAD, SEC_SIDEBAR, SEC_NOTICE, SEC_COUNT_ };
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
    [SEC_SIDEBAR] = {"sidebar", false},         [SEC_NOTICE] = {"notice", false},
};

/* The sets made from the build's tables so far, by their place in qg_gen_ranges and their count
 * of ranges (the generator writes a set the same as one before as that one): a set made again
 * is a copy (gen_set). Not the sets' owner: each belongs to the pattern it was made for. */
typedef struct gen_memo {
  int32_t from[64], k[64];
  USet *made[64];
  size_t n;
} gen_memo;

/* A pattern's filter set (first, last, second, penult, alpha) or a section's first_all not made
 * yet: the built-in cues read with the build's tables make each the first time a block needs it
 * (builtin_set: most of the 49 patterns' 245 sets are never read by a one-article process, and
 * making them all was 0.36 million of its 2.56 million instructions). NULL stays "any". */
static char set_lazy_mark;
#define SET_LAZY ((USet *)(void *)&set_lazy_mark)

typedef struct cue_list {
  /* literal entries; those of the built-in cues read lazily point into the compiled-in cue
   * text (in_default), as do their patterns' texts (src), not copies */
  const char **lit;
  size_t *litlen; /* their lengths */
  size_t nlit;
  uint8_t lead[32]; /* the first bytes of the literals, a bit each (literal_eq's first test) */
  /* their first two bytes, a bit each by lead2_key (sidebar_label's test: a Han label's lead
   * byte tells little), and whether a literal is one byte long (the test is then off) */
  uint8_t lead2[128];
  bool lit_short;
  URegularExpression **re; /* compiled patterns (NULL: not compiled yet, see builtin_pattern) */
  /* the built-in cues' list only: each pattern compiled by PCRE2 when first needed (NULL: not
   * yet; PC_ICU: it runs on ICU's engine), shared by every pipeline (see builtin_pcre) */
  pcre2_code **pc;
  /* the built-in cues' list only: the same pattern with PCRE2's machine code (builtin_jit; NULL:
   * not made, or PCRE2 has none here) */
  pcre2_code **pcj;
  /* a pipeline's list: how often each built-in pattern ran on PCRE2's interpreter here */
  uint32_t *pc_runs;
  /* the built-in cues' lists only: each pattern's text, compiled the first time a block could
   * match it (most never run on an article: see builtin_pattern) */
  const char **src;
  size_t *srclen;
  USet **first; /* per pattern: the characters a match can start with (NULL: any) */
  USet **last;  /* per pattern ending in $: the characters a match can end with (NULL: any) */
  /* per pattern: the characters a match can have second, when no match is one character long
   * (NULL: any; see analyse), and, for a pattern ending in $, the characters it can have before
   * its last (NULL: any) */
  USet **second, **penult;
  /* per pattern ending in $: every character a match can hold (NULL: any; see tail_start) */
  USet **alpha;
  bool *at_start; /* per pattern: starts with ^ (a search matches at the start only) */
  size_t nre;
  /* how many entries the arrays of literals (lit, litlen) and of patterns (re, first, last,
   * at_start; src, srclen, pc, pcj when they are there) have room for: doubled when full */
  size_t lit_cap, re_cap;
  /* when every pattern has a first set: their union (one test skips the whole section), and
   * whether every pattern starts with ^ */
  USet *first_all;
  bool all_at_start;
  /* the first entries are the built-in cues' (shared): their literals and sets belong to the
   * built-in cues, their patterns are clones (this list's); first_all too when shared */
  size_t nlit_shared, nre_shared;
  bool first_all_shared;
  uint8_t *first_bmp; /* first_all's code points below U+10000, a bit each (with first_all, and
                       * shared with it) */
  bool first_bmp_tabled; /* first_bmp is the build's (cue_tables.h: not freed) */
} cue_list;

struct qg_cues {
  cue_list s[SEC_COUNT_];
  /* the built-in cues only: \p{Han} written out as its ranges (han_ranges), for the patterns
   * compiled when first needed; NULL: compiled as written */
  char *han;
  size_t han_len;
  bool no_prefilter; /* tests: run every pattern, as without first-character sets */
  size_t only;       /* tests: run the section's pattern only - 1 alone (0: all of them) */
  /* the built-in patterns were read with the build's tables (cue_tables.h, gen_tables_fit): the
   * PCRE2 rewriting takes ICU's sets from them (compile_pcre) */
  bool tables;
  /* the built-in cues with their sets made when first needed (SET_LAZY): what was made */
  bool lazy_sets;
  gen_memo memo;
  size_t runs;       /* patterns run (tests) */
  /* matches stopped at QG_CUES_TIME_LIMIT, and built-in patterns that could not be compiled
   * when first needed (out of memory): both taken as no match */
  size_t timeouts;
  /* The block text being matched, in UTF-16: ICU's regex engine runs its fast path on UTF-16
   * text (on a UTF-8 UText every step re-seeks the text). off[k] is the byte offset in the
   * block text of UTF-16 unit k (off[n16] = the text's length). Reused block after block. */
  UChar *u16;
  uint32_t *off;
  size_t n16, cap16;
  /* The block text being measured (UTF-8); it is converted to u16 only when a pattern runs
   * (loaded), since most blocks pass no pattern's first- and last-character sets. */
  const char *t8;
  size_t n8;
  bool loaded;
  UChar32 first0, last0; /* its first and last character (ends_of) */
  /* PCRE2's match data (group 0 and 1) and match limit, made at the first PCRE2 match */
  pcre2_match_data *md;
  pcre2_match_context *mctx;
};

/* (a pattern that stays on ICU's engine: see builtin_pcre) */
static char pc_icu_mark, pc_none_mark;
#define PC_ICU ((pcre2_code *)(void *)&pc_icu_mark)
#define PC_NONE ((pcre2_code *)(void *)&pc_none_mark) /* (no machine code: see builtin_jit) */

/* Whether p points into the compiled-in cue text (not a copy: not freed). */
static bool in_default(const char *p) {
  uintptr_t d = (uintptr_t)qg_cues_default, q = (uintptr_t)p;
  return q >= d && q - d < qg_cues_default_len;
}

static void set_close(USet *s) {
  if (s && s != SET_LAZY) uset_close(s);
}

static void list_free(cue_list *l) {
  for (size_t i = l->nlit_shared; i < l->nlit; i++)
    if (!in_default(l->lit[i])) free((char *)l->lit[i]);
  for (size_t i = 0; i < l->nre; i++) {
    if (l->re[i]) uregex_close(l->re[i]);
    if (l->pc && l->pc[i] && l->pc[i] != PC_ICU) pcre2_code_free(l->pc[i]);
    if (l->pcj && l->pcj[i] && l->pcj[i] != PC_NONE) pcre2_code_free(l->pcj[i]);
    if (l->src && !in_default(l->src[i])) free((char *)l->src[i]);
    if (i < l->nre_shared) continue;
    set_close(l->first[i]);
    set_close(l->last[i]);
    set_close(l->second[i]);
    set_close(l->penult[i]);
    set_close(l->alpha[i]);
  }
  free(l->src);
  free(l->srclen);
  free(l->pc);
  free(l->pcj);
  free(l->pc_runs);
  if (l->first_all && !l->first_all_shared) {
    set_close(l->first_all);
    if (!l->first_bmp_tabled) free(l->first_bmp);
  }
  free(l->lit);
  free(l->litlen);
  free(l->re);
  free(l->first);
  free(l->last);
  free(l->second);
  free(l->penult);
  free(l->alpha);
  free(l->at_start);
}

void qg_cues_free(qg_cues *c) {
  if (!c) return;
  for (int i = 0; i < SEC_COUNT_; i++) list_free(&c->s[i]);
  free(c->han);
  free(c->u16);
  free(c->off);
  pcre2_match_data_free(c->md);
  pcre2_match_context_free(c->mctx);
  free(c);
}

static unsigned lead2_key(const char *s) {
  return ((unsigned)(unsigned char)s[0] << 6 ^ (unsigned char)s[1]) & 0x3FF;
}

/* p (an array of cap elements) with room for nc: false when out of memory (p as it was) */
#define CUE_GROW(p, nc) ((p) = cue_grow((p), (nc) * sizeof *(p), &grow_ok))
static void *cue_grow(void *p, size_t size, bool *ok) {
  void *q = realloc(p, size);
  if (!q) *ok = false;
  return q ? q : p;
}

static int add_literal(cue_list *l, const char *s, size_t n, bool lazy) {
  if (l->nlit == l->lit_cap) { /* the built-in cues' sections hold up to about 120 */
    size_t nc = l->lit_cap ? 2 * l->lit_cap : 16;
    bool grow_ok = true;
    CUE_GROW(l->lit, nc);
    CUE_GROW(l->litlen, nc);
    if (!grow_ok) return QG_ERR_NOMEM;
    l->lit_cap = nc;
  }
  const char **p = l->lit;
  size_t *lp = l->litlen;
  lp[l->nlit] = strnlen(s, n); /* as strlen of the copy */
  if (lp[l->nlit]) l->lead[(unsigned char)s[0] >> 3] |= (uint8_t)(1u << ((unsigned char)s[0] & 7));
  if (lp[l->nlit] == 1) l->lit_short = true;
  else if (lp[l->nlit]) l->lead2[lead2_key(s) >> 3] |= (uint8_t)(1u << (lead2_key(s) & 7));
  if (lazy && in_default(s) && lp[l->nlit] == n) { /* (the compiled-in text: kept) */
    p[l->nlit++] = s;
    return 0;
  }
  char *copy = malloc(n + 1);
  if (!copy) return QG_ERR_NOMEM;
  memcpy(copy, s, n);
  copy[n] = '\0';
  p[l->nlit++] = copy;
  return 0;
}

/* ---- first- and last-character sets -----------------------------------------------------
 * Most blocks start with a character no anchored pattern can start with (a paragraph starts
 * with any Han character, a dateline only with 本, 新, 中 …), and end with one no pattern
 * that ends in $ can end with (a credit ends in 摄, a paragraph in 。). Running ICU's matcher
 * costs far more than testing a character, so each pattern gets the set of characters a
 * match can start with and, when the pattern ends in $, the set it can end with, computed
 * from the pattern text. The analysis knows a subset of ICU's syntax (literals, escaped
 * marks, \s \d \p{…}, classes of those, groups, alternation, quantifiers, ^ $ \b and
 * lookaround); anything else gives "any character" (no filter). Every set may be larger
 * than the true one, never smaller, so a pattern is skipped only when it cannot match. */
typedef struct rx_sets {
  USet *first, *last;
  bool any_first, any_last; /* any character may start / end a match */
  bool nullable;            /* the empty string matches */
  /* the characters a match of two or more characters can have second (any_second: any) and
   * next to last (any_penult: any), and whether a match can be one character long (see
   * analyse: the second- and next-to-last-character filters) */
  USet *second, *penult;
  bool any_second, any_penult, one;
  USet *all; /* every character a match can hold (any_all: any) */
  bool any_all;
} rx_sets;

/* The sets of \s and \p{…} built so far, by pattern (building one costs a property lookup
 * over all of Unicode). */
typedef struct uset_cache {
  char key[16][80];
  USet *set[16];
  size_t n;
  /* while the built-in cues are compiled: the set of \p{Han} written out as ranges (UTF-8),
   * compiled in its place (see han_ranges); NULL otherwise */
  char *han;
  size_t han_len;
  /* while the built-in cues are read with the tables made at build time (gen_tables): the
   * section being read (parse), and gen_bad when the tables lack a pattern of it (they are not
   * this text's) */
  bool gen;
  int sec;
  bool gen_bad;
  gen_memo memo;
  /* the built-in cues' own build (lazy): a pattern's sets are left to be made from the tables
   * when first needed (SET_LAZY, builtin_set) */
  bool lazy;
} uset_cache;

static void cache_free(uset_cache *k) {
  for (size_t i = 0; i < k->n; i++) uset_close(k->set[i]);
  k->n = 0;
  free(k->han);
  k->han = NULL;
}

typedef struct rx_parser {
  const char *p;
  size_t i, n;
  bool fail;    /* outside the known subset: no filter at all */
  bool inexact; /* the set of the item being read is not known exactly: any character */
  /* an assertion on where the search starts (^ \A \G: ICU's anchoring bounds and PCRE2's \G
   * match ^ at the search's start): a tail search must start where it was asked to */
  bool start_bound;
  uset_cache *cache;
} rx_parser;

static bool rx_more(const rx_parser *r) { return r->i < r->n; }
static uint32_t rx_peek(const rx_parser *r) {
  size_t k = r->i;
  return qg_utf8_next(r->p, r->n, &k);
}
static uint32_t rx_take(rx_parser *r) { return qg_utf8_next(r->p, r->n, &r->i); }

static void sets_init(rx_sets *x) {
  *x = (rx_sets){.first = uset_openEmpty(), .last = uset_openEmpty(), .second = uset_openEmpty(),
                 .penult = uset_openEmpty(), .all = uset_openEmpty()};
}
static void sets_clear(rx_sets *x) {
  uset_clear(x->first);
  uset_clear(x->last);
  uset_clear(x->second);
  uset_clear(x->penult);
  uset_clear(x->all);
  x->any_first = x->any_last = x->nullable = x->any_second = x->any_penult = x->one = false;
  x->any_all = false;
}
static void sets_free(rx_sets *x) {
  uset_close(x->first);
  uset_close(x->last);
  if (x->second) uset_close(x->second);
  if (x->penult) uset_close(x->penult);
  if (x->all) uset_close(x->all);
}

/* Adds the set of a UnicodeSet pattern (a property \p{…} in brackets). */
static void add_uset_pattern(rx_parser *r, USet *to, const char *pat, size_t len, bool negate) {
  uset_cache *k = r->cache;
  for (size_t i = 0; i < k->n; i++)
    if (strlen(k->key[i]) == len && !memcmp(k->key[i], pat, len)) {
      if (negate) {
        USet *c = uset_clone(k->set[i]);
        uset_complement(c);
        uset_addAll(to, c);
        uset_close(c);
      } else {
        uset_addAll(to, k->set[i]);
      }
      return;
    }
  UErrorCode st = U_ZERO_ERROR;
  UChar u[128];
  int32_t ul = 0;
  u_strFromUTF8(u, 128, &ul, pat, (int32_t)len, &st);
  if (U_FAILURE(st) || ul >= 128) {
    r->fail = true;
    return;
  }
  USet *s = uset_openPattern(u, ul, &st);
  if (U_FAILURE(st)) {
    r->fail = true;
    return;
  }
  if (k->n < 16 && len < sizeof k->key[0]) {
    memcpy(k->key[k->n], pat, len);
    k->key[k->n][len] = '\0';
    k->set[k->n++] = uset_clone(s);
  }
  if (negate) uset_complement(s);
  uset_addAll(to, s);
  uset_close(s);
}

/* ICU's \s: [\t\n\f\r\p{Z}]; White_Space is added too (a larger set is safe). */
static void add_space(rx_parser *r, USet *to) {
  static const char sp[] = "[\\t\\n\\f\\r\\p{Z}\\p{White_Space}]";
  add_uset_pattern(r, to, sp, sizeof sp - 1, false);
}

/* An escape after the backslash: adds its characters to to, or sets *zero for an assertion
 * (\b \B \A \z \Z \G). exact: the set must be exact (inside a negated class); when \s
 * cannot be, r->inexact is set. */
static void rx_escape(rx_parser *r, USet *to, bool *zero, bool exact) {
  if (!rx_more(r)) {
    r->fail = true;
    return;
  }
  size_t at = r->i;
  uint32_t c = rx_take(r);
  if (c == 's') {
    if (exact) r->inexact = true;
    else add_space(r, to);
  } else if (c == 'd') add_uset_pattern(r, to, "[\\p{Nd}]", 8, false);
  else if (c == 'p' || c == 'P') {
    if (!rx_more(r) || r->p[r->i] != '{') {
      r->fail = true;
      return;
    }
    size_t e = r->i;
    while (e < r->n && r->p[e] != '}') e++;
    if (e >= r->n || e - at > 60) {
      r->fail = true;
      return;
    }
    char pat[80];
    int len = snprintf(pat, sizeof pat, "[\\p%.*s]", (int)(e + 1 - r->i), r->p + r->i);
    r->i = e + 1;
    add_uset_pattern(r, to, pat, (size_t)len, c == 'P');
  } else if (zero && (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z' || c == 'G'))
    *zero = true;
  else if (c < 0x80 && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
    r->fail = true; /* \x \u \N \Q \w, back references: not analysed */
  else
    uset_add(to, (UChar32)c); /* an escaped mark stands for itself */
}

/* A class [...] after its [. */
static void rx_class(rx_parser *r, USet *to) {
  bool neg = rx_more(r) && r->p[r->i] == '^';
  if (neg) r->i++;
  USet *s = uset_openEmpty();
  bool first = true;
  while (!r->fail) {
    if (!rx_more(r)) {
      r->fail = true;
      break;
    }
    uint32_t c = rx_take(r);
    if (c == ']') {
      if (first) r->fail = true; /* []…] is not analysed */
      break;
    }
    first = false;
    if (c == '[' || (c == '&' && rx_more(r) && r->p[r->i] == '&') ||
        (c == '-' && rx_more(r) && r->p[r->i] == '-')) {
      r->fail = true; /* nested sets and set operations are not analysed */
      break;
    }
    if (c == '\\') {
      if (rx_more(r) && (r->p[r->i] == 's' || r->p[r->i] == 'd' || r->p[r->i] == 'p' ||
                         r->p[r->i] == 'P')) {
        rx_escape(r, s, NULL, neg);
        continue;
      }
      USet *one = uset_openEmpty();
      rx_escape(r, one, NULL, true);
      if (r->fail || uset_size(one) != 1) {
        uset_close(one);
        r->fail = true;
        break;
      }
      c = (uint32_t)uset_charAt(one, 0);
      uset_close(one);
    }
    /* a range a-z (a - before ] is a literal) */
    if (r->i + 1 < r->n && r->p[r->i] == '-' && r->p[r->i + 1] != ']') {
      r->i++;
      uint32_t hi = rx_take(r);
      if (hi == '\\' || hi == '[' || hi < c) {
        r->fail = true;
        break;
      }
      uset_addRange(s, (UChar32)c, (UChar32)hi);
    } else {
      uset_add(s, (UChar32)c);
    }
  }
  if (!r->fail) {
    if (neg) uset_complement(s);
    uset_addAll(to, s);
  }
  uset_close(s);
}

static void rx_alt(rx_parser *r, rx_sets *out);

/* One item (an atom and its quantifier) into *out (cleared by the caller). */
static void rx_item(rx_parser *r, rx_sets *out) {
  bool one = false; /* a single character: first and last set are the same */
  r->inexact = false;
  uint32_t c = rx_take(r);
  switch (c) {
  case '^':
  case '$': /* assertions: nothing consumed */
    r->start_bound = r->start_bound || c == '^';
    out->nullable = true;
    return;
  case '.': out->any_first = out->any_last = out->one = out->any_all = true; break;
  case '\\': {
    bool zero = false;
    size_t at = r->i;
    rx_escape(r, out->first, &zero, false);
    if (zero) {
      r->start_bound = r->start_bound || r->p[at] == 'A' || r->p[at] == 'G';
      out->nullable = true;
      return;
    }
    one = true;
    break;
  }
  case '[':
    rx_class(r, out->first);
    one = true;
    break;
  case '(': {
    bool look = false;
    if (rx_more(r) && r->p[r->i] == '?') {
      const char *q = r->p + r->i;
      size_t left = r->n - r->i;
      if (left >= 2 && q[1] == ':') r->i += 2;
      else if (left >= 2 && (q[1] == '=' || q[1] == '!')) r->i += 2, look = true;
      else if (left >= 3 && q[1] == '<' && (q[2] == '=' || q[2] == '!')) r->i += 3, look = true;
      else {
        r->fail = true; /* flags, named groups, atomic groups: not analysed */
        return;
      }
    }
    rx_alt(r, out);
    if (!rx_more(r) || r->p[r->i] != ')') {
      r->fail = true;
      return;
    }
    r->i++;
    if (look) { /* lookaround consumes nothing: the items around it start and end the match */
      sets_clear(out);
      out->nullable = true;
      return;
    }
    break;
  }
  case '*': case '+': case '?': case '{': case ')': case '|':
    r->fail = true;
    return;
  default:
    uset_add(out->first, (UChar32)c);
    one = true;
    break;
  }
  if (one) {
    if (r->inexact) out->any_first = true;
    out->any_last = out->any_first;
    uset_addAll(out->last, out->first);
    out->one = true;
    uset_addAll(out->all, out->first);
    out->any_all = out->any_first;
  }
  /* quantifier */
  if (!rx_more(r)) return;
  uint32_t q = rx_peek(r);
  bool again = true; /* the item may repeat: a match of one character, then the item again */
  bool one_item = out->one;
  if (q == '?' || q == '*') {
    r->i++;
    again = q == '*';
    out->nullable = true;
  } else if (q == '+') {
    r->i++;
  } else if (q == '{') {
    r->i++;
    unsigned lo = 0;
    bool digits = false;
    while (rx_more(r) && r->p[r->i] >= '0' && r->p[r->i] <= '9') {
      lo = lo * 10 + (unsigned)(r->p[r->i++] - '0');
      digits = true;
      if (lo > 100000) break;
    }
    while (rx_more(r) && ((r->p[r->i] >= '0' && r->p[r->i] <= '9') || r->p[r->i] == ','))
      r->i++;
    if (!digits || !rx_more(r) || r->p[r->i] != '}') {
      r->fail = true;
      return;
    }
    r->i++;
    /* (the upper bound is not read: taken as two or more, a larger second set) */
    if (lo >= 2 && !out->nullable) out->one = false; /* two or more items, none empty */
    if (lo == 0) out->nullable = true;
  } else {
    return;
  }
  if (again && one_item) { /* a repetition's second character: the next repetition's first */
    uset_addAll(out->second, out->first);
    out->any_second = out->any_second || out->any_first;
    uset_addAll(out->penult, out->last); /* and its next to last: the one before's last */
    out->any_penult = out->any_penult || out->any_last;
  }
  if (rx_more(r) && (r->p[r->i] == '?' || r->p[r->i] == '+')) r->i++; /* lazy, possessive */
}

/* A sequence, up to | or ) or the end: first from the items up to the first that cannot
 * match empty, last from the items after the last that cannot. */
static void rx_seq(rx_parser *r, rx_sets *out) {
  out->nullable = true;
  rx_sets it;
  sets_init(&it);
  while (!r->fail && rx_more(r) && r->p[r->i] != '|' && r->p[r->i] != ')') {
    sets_clear(&it);
    rx_item(r, &it);
    /* the second character of what came before, or the first of this item after one
     * character before, or the second of this item after nothing before */
    if (out->one) {
      uset_addAll(out->second, it.first);
      out->any_second = out->any_second || it.any_first;
    }
    if (out->nullable) {
      uset_addAll(out->second, it.second);
      out->any_second = out->any_second || it.any_second;
    }
    /* the next to last: this item's, or the last before it when this item is one character,
     * and the next to last before it when this item can be empty */
    if (!it.nullable) {
      uset_clear(out->penult);
      out->any_penult = false;
    }
    if (it.one) {
      uset_addAll(out->penult, out->last);
      out->any_penult = out->any_penult || out->any_last;
    }
    uset_addAll(out->penult, it.penult);
    out->any_penult = out->any_penult || it.any_penult;
    uset_addAll(out->all, it.all);
    out->any_all = out->any_all || it.any_all;
    out->one = (out->nullable && it.one) || (out->one && it.nullable);
    if (out->nullable) { /* everything before can match empty: this item can start it */
      uset_addAll(out->first, it.first);
      out->any_first = out->any_first || it.any_first;
    }
    if (!it.nullable) { /* a match ends in this item or after it */
      uset_clear(out->last);
      out->any_last = false;
    }
    uset_addAll(out->last, it.last);
    out->any_last = out->any_last || it.any_last;
    out->nullable = out->nullable && it.nullable;
  }
  sets_free(&it);
}

/* Alternatives separated by |, up to ) or the end. */
static void rx_alt(rx_parser *r, rx_sets *out) {
  rx_sets alt;
  sets_init(&alt);
  bool any_first = false, any_last = false, nullable = false, any_second = false, any_penult = false,
       one = false, any_all = false;
  for (;;) {
    sets_clear(&alt);
    rx_seq(r, &alt);
    if (r->fail) break;
    uset_addAll(out->first, alt.first);
    uset_addAll(out->last, alt.last);
    uset_addAll(out->second, alt.second);
    uset_addAll(out->penult, alt.penult);
    uset_addAll(out->all, alt.all);
    any_first = any_first || alt.any_first;
    any_last = any_last || alt.any_last;
    nullable = nullable || alt.nullable;
    any_second = any_second || alt.any_second;
    any_penult = any_penult || alt.any_penult;
    any_all = any_all || alt.any_all;
    one = one || alt.one;
    if (rx_more(r) && r->p[r->i] == '|') {
      r->i++;
      continue;
    }
    break;
  }
  sets_free(&alt);
  out->any_first = any_first;
  out->any_last = any_last;
  out->nullable = nullable;
  out->any_second = any_second;
  out->any_penult = any_penult;
  out->one = one;
  out->any_all = any_all;
}

/* Is there a | outside groups and classes in p[0..n)? */
static bool top_level_bar(const char *p, size_t n) {
  int depth = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '\\') {
      i++;
      continue;
    }
    if (p[i] == '[') { /* skip a class (a nested one makes us give up) */
      size_t k = i + 1;
      if (k < n && p[k] == '^') k++;
      if (k < n && p[k] == ']') k++;
      while (k < n && p[k] != ']') {
        if (p[k] == '[') return true;
        if (p[k] == '\\') k++;
        k++;
      }
      i = k;
      continue;
    }
    if (p[i] == '(') depth++;
    if (p[i] == ')') depth--;
    if (p[i] == '|' && depth == 0) return true;
  }
  return false;
}

/* Does the pattern end with an unescaped $ (and have no | outside groups)? */
static bool ends_anchored(const char *p, size_t n) {
  if (!n || p[n - 1] != '$') return false;
  size_t bs = 0;
  while (bs + 1 < n && p[n - 2 - bs] == '\\') bs++;
  return bs % 2 == 0 && !top_level_bar(p, n);
}

/* Fills the filters of pattern p[0..n): a frozen first-character set (NULL: any character,
 * or none, may start a match, or the pattern is outside the analysed subset), whether it
 * starts with ^, a frozen last-character set when it ends with $ (else NULL), and a frozen
 * second-character set when no match is shorter than two characters (else NULL).
 * The second set (session 39): the patterns that start a match with a common first character
 * of prose (本 中 人 新 据 记 【 ( …: the datelines, captions and subheads) mostly fail on the
 * second (本地, 中国, 人们), and testing a character costs far less than a run of PCRE2. A match
 * at the text's start of two or more characters has the text's second character second; one of
 * one character has none, so a pattern that can match one character (or any second
 * character) gets no set. Like the others, the set may be larger than the true one, never
 * smaller (lookaround and $ are taken as matching empty, a counted repetition as repeating). */
static void analyse(const char *p, size_t n, uset_cache *cache, USet **first, bool *at_start,
                    USet **last, USet **second, USet **penult, USet **alpha) {
  rx_parser r = {.p = p, .i = 0, .n = n, .cache = cache};
  rx_sets x;
  sets_init(&x);
  rx_alt(&r, &x);
  bool ok = !r.fail && r.i == n && !x.nullable;
  *first = *last = *second = *penult = *alpha = NULL;
  if (ok && !x.any_all && !r.start_bound && ends_anchored(p, n)) {
    *alpha = x.all;
    uset_freeze(x.all);
    x.all = NULL;
  }
  if (ok && !x.any_second && !x.one) {
    *second = x.second;
    uset_freeze(x.second);
    x.second = NULL;
  }
  if (ok && !x.any_penult && !x.one && ends_anchored(p, n)) {
    *penult = x.penult;
    uset_freeze(x.penult);
    x.penult = NULL;
  }
  if (ok && !x.any_first) {
    *first = x.first;
    uset_freeze(x.first);
    x.first = NULL;
  }
  if (ok && !x.any_last && ends_anchored(p, n)) {
    *last = x.last;
    uset_freeze(x.last);
    x.last = NULL;
  }
  if (x.first) uset_close(x.first);
  if (x.last) uset_close(x.last);
  if (x.second) uset_close(x.second);
  if (x.penult) uset_close(x.penult);
  if (x.all) uset_close(x.all);
  *at_start = n && p[0] == '^' && !top_level_bar(p, n);
}

/* ICU's regex compiler builds the set of a property such as \p{Han} by a lookup over all of
 * Unicode at each use (about a million instructions; the built-in cues use \p{Han} twelve
 * times). The built-in patterns are compiled with the set written out as its ranges instead,
 * made once from the same ICU data (uset_toPattern of [\p{Han}]), so the compiled pattern
 * matches the same characters; the first- and last-character sets are still analysed from the
 * pattern as written. A desk's cue file is compiled as written (its errors name its columns). */
static bool han_ranges(uset_cache *k) {
  static const char key[] = "[\\p{Han}]";
  UErrorCode st = U_ZERO_ERROR;
  UChar u[16];
  int32_t ul = 0;
  u_strFromUTF8(u, 16, &ul, key, (int32_t)(sizeof key - 1), &st);
  USet *set = U_SUCCESS(st) ? uset_openPattern(u, ul, &st) : NULL;
  if (!set || U_FAILURE(st)) {
    if (set) uset_close(set);
    return false;
  }
  /* a set made from a pattern gives that pattern back: a copy gives its ranges */
  USet *ranges = uset_openEmpty();
  if (!ranges) {
    uset_close(set);
    return false;
  }
  uset_addAll(ranges, set);
  int32_t n16 = uset_toPattern(ranges, NULL, 0, true, &st);
  st = U_ZERO_ERROR;
  UChar *p16 = malloc(((size_t)n16 + 1) * sizeof *p16);
  char *p8 = NULL;
  int32_t n8 = 0;
  if (p16) uset_toPattern(ranges, p16, n16 + 1, true, &st);
  uset_close(ranges);
  if (p16 && U_SUCCESS(st)) u_strToUTF8(NULL, 0, &n8, p16, n16, &st);
  if (p16 && (U_SUCCESS(st) || st == U_BUFFER_OVERFLOW_ERROR)) {
    st = U_ZERO_ERROR;
    if ((p8 = malloc((size_t)n8 + 1))) u_strToUTF8(p8, n8 + 1, NULL, p16, n16, &st);
  }
  free(p16);
  if (!p8 || U_FAILURE(st)) {
    free(p8);
    uset_close(set);
    return false;
  }
  k->han = p8;
  k->han_len = (size_t)n8;
  /* the analysis needs the same set: it need not build it again */
  if (k->n < 16) {
    memcpy(k->key[k->n], key, sizeof key);
    k->set[k->n++] = set;
  } else {
    uset_close(set);
  }
  return true;
}

/* s[0..n) with each \p{Han} replaced by k->han, in out (empty first). False when there is
 * none (or out of memory: the pattern is compiled as written). */
static bool expand_han(const uset_cache *k, const char *s, size_t n, qg_buf *out) {
  static const char prop[] = "\\p{Han}";
  const size_t pl = sizeof prop - 1;
  bool any = false;
  size_t i = 0;
  while (i < n) {
    if (s[i] == '\\' && n - i >= pl && !memcmp(s + i, prop, pl)) {
      if (qg_buf_put(out, k->han, k->han_len)) return false;
      i += pl;
      any = true;
    } else if (s[i] == '\\' && i + 1 < n) { /* an escape: both bytes as they are */
      if (qg_buf_put(out, s + i, 2)) return false;
      i += 2;
    } else {
      if (qg_buf_put(out, s + i, 1)) return false;
      i++;
    }
  }
  return any;
}

static URegularExpression *compile(const char *s, size_t n, UParseError *pe, UErrorCode *st) {
  UText pat = UTEXT_INITIALIZER;
  utext_openUTF8(&pat, s, (int64_t)n, st);
  memset(pe, 0, sizeof *pe);
  URegularExpression *re = uregex_openUText(&pat, 0, pe, st);
  utext_close(&pat);
  return re;
}

/* ICU's match time limit, in its units (about 10,000 steps of the match engine each): a cue
 * pattern looks at one block at a time, and the built-in ones take a few hundred steps. At
 * run time a match that reaches the limit counts as no match (qg_cues_timeouts); when a file
 * is read, each pattern is tried on ordinary text under a lower limit, and one that reaches
 * it (a repetition inside a repetition backtracks exponentially) is refused. */
#define QG_CUES_TIME_LIMIT 1000
#define QG_CUES_PROBE_LIMIT 200

static void limit_time(URegularExpression *re, int32_t limit) {
  UErrorCode st = U_ZERO_ERROR;
  uregex_setTimeLimit(re, limit, &st);
}

/* Whether re reaches QG_CUES_PROBE_LIMIT on lines of one kind of character: Han text, Latin
 * letters, letters and spaces, digits (48 characters, no match at their end); the run-time
 * limit is set on it after. */
static bool too_slow(URegularExpression *re) {
  static const UChar kinds[][2] = {{0x6D4B, 0x6D4B}, {'a', 'a'}, {'a', ' '}, {'1', '1'},
                                   {0x6D4B, ' '}};
  UChar t[49];
  bool slow = false;
  limit_time(re, QG_CUES_PROBE_LIMIT);
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !slow; k++) {
    for (int i = 0; i < 48; i++) t[i] = kinds[k][i & 1];
    t[48] = 0x2603; /* ☃: no pattern's end */
    UErrorCode st = U_ZERO_ERROR;
    uregex_setText(re, t, 49, &st);
    (void)uregex_lookingAt(re, 0, &st);
    slow = st == U_REGEX_TIME_OUT;
    st = U_ZERO_ERROR;
    uregex_reset(re, 0, &st);
    (void)uregex_findNext(re, &st);
    slow = slow || st == U_REGEX_TIME_OUT;
  }
  UErrorCode st = U_ZERO_ERROR;
  uregex_setText(re, u"", 0, &st);
  limit_time(re, QG_CUES_TIME_LIMIT);
  return slow;
}

/* s[0..n) compiled, with \p{Han} written out as han when given (as written if that fails),
 * and its run-time limit set; NULL and st set when it cannot be. */
static URegularExpression *compile_cue(const char *s, size_t n, const char *han, size_t han_len,
                                       UParseError *pe, UErrorCode *st) {
  URegularExpression *re = NULL;
  if (han) {
    uset_cache k = {.han = (char *)han, .han_len = han_len};
    qg_buf x = QG_BUF_INIT;
    if (expand_han(&k, s, n, &x)) {
      re = compile(x.ptr, x.len, pe, st);
      if (U_FAILURE(*st)) { /* compiled as written below */
        if (re) uregex_close(re);
        re = NULL;
        *st = U_ZERO_ERROR;
      }
    }
    qg_buf_free(&x);
  }
  if (!re) re = compile(s, n, pe, st);
  if (re && U_FAILURE(*st)) {
    uregex_close(re);
    re = NULL;
  }
  if (re) limit_time(re, QG_CUES_TIME_LIMIT);
  return re;
}

/* ---- the built-in cues' analysis, made at build time ----------------------------------
 * Analysing the built-in patterns (the sets of \p{Han}, \s, \p{Nd} … that their first and
 * last characters come from, and \p{Han} written out as its ranges) took 7 of the 18 million
 * instructions of a `lint` of a 4 KB article in a process of its own: each property set is a
 * lookup over all of Unicode. The build runs the same analysis once (qg_cue_gen, the program
 * tools/cue_gen.c over this file compiled with QG_CUES_GEN) and compiles its results in
 * (cue_tables.h): each pattern's sets as ranges, and the ranges of \p{Han}. They are used only
 * when they were made from this cue text with this ICU's Unicode version (gen_tables_fit);
 * otherwise the patterns are analysed here as before. test_cues compares the two. */
#ifndef QG_CUES_GEN
#include "cue_tables.h"
#else
/* the generator itself: no tables yet */
static const char qg_gen_unicode[] = "";
static const size_t qg_gen_cue_len = (size_t)-1;
static const uint64_t qg_gen_cue_sum = 0;
static const char qg_gen_han[] = "";
static const char qg_gen_nd[] = "";
static const char qg_gen_z[] = "";
static const bool qg_gen_nd_ok = false, qg_gen_z_ok = false;
static const int32_t qg_gen_ranges[] = {0};
static const struct qg_gen_pat {
  int32_t first, nfirst, last, nlast, second, nsecond, penult, npenult, alpha, nalpha;
  bool at_start;
} qg_gen_pats[] = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false}};
static const size_t qg_gen_npats = 0;
static const uint32_t qg_gen_sec[SEC_COUNT_][2];
static const uint8_t qg_gen_bmp_of[SEC_COUNT_];
static const uint8_t qg_gen_bmp[1][0x10000 / 8];
static const char qg_gen_pcre_build[] = "";
static const uint32_t qg_gen_pcre_at[] = {0};
static const unsigned char qg_gen_pcre_code[8];
#endif

/* XXH3 of the cue text the tables were made from (FNV-1a until session 34: a byte at a time,
 * 0.09 million instructions of a one-article process for the 15 KB of cues) */
static uint64_t cue_sum(const unsigned char *t, size_t n) { return XXH3_64bits(t, n); }

/* Whether the tables were made from the compiled-in cue text with the Unicode version of the
 * ICU this process runs with (a shared ICU newer than the one built with may know more Han). */
static bool gen_tables_fit(void) {
  if (qg_gen_cue_len != qg_cues_default_len || !qg_gen_npats) return false;
  UVersionInfo v;
  char uv[U_MAX_VERSION_STRING_LENGTH];
  u_getUnicodeVersion(v);
  u_versionToString(v, uv);
  return !strcmp(uv, qg_gen_unicode) && cue_sum(qg_cues_default, qg_cues_default_len) == qg_gen_cue_sum;
}

/* A frozen set of the k ranges at qg_gen_ranges[from] (NULL when k < 0: no set); a copy of the
 * one made before from there (copying a frozen set copies its lookup tables: a third of making
 * it, and 20 of the 49 sets are the same as one before). */
static bool gen_set(gen_memo *c, int32_t from, int32_t k, USet **out) {
  *out = NULL;
  if (k < 0) return true;
  /* (the key is the start and the count: an empty set shares its start with the set after it,
   * review 34b) */
  for (size_t j = 0; j < c->n; j++)
    if (c->from[j] == from && c->k[j] == k) return (*out = uset_clone(c->made[j])) != NULL;
  USet *s = uset_openEmpty();
  if (!s) return false;
  for (int32_t i = 0; i < k; i++)
    uset_addRange(s, qg_gen_ranges[2 * (from + i)], qg_gen_ranges[2 * (from + i) + 1]);
  uset_freeze(s);
  if (c->n < sizeof c->from / sizeof *c->from) {
    c->k[c->n] = k;
    c->from[c->n] = from;
    c->made[c->n++] = s; /* (its list owns it) */
  }
  *out = s;
  return true;
}

/* The analysis of pattern i of the section being read (k->sec) from the tables (a pattern
 * they do not have: gen_bad, no sets). False when out of memory. */
/* Where the five filter sets of the built-in pattern g are in qg_gen_ranges: start and count
 * (a count below 0: no set), in the order of FILTER_FIRST… */
enum { FILTER_FIRST, FILTER_LAST, FILTER_SECOND, FILTER_PENULT, FILTER_ALPHA, FILTER_COUNT_ };
static void gen_at(const struct qg_gen_pat *g, int32_t at[FILTER_COUNT_][2]) {
  const int32_t a[FILTER_COUNT_][2] = {{g->first, g->nfirst},   {g->last, g->nlast},
                                       {g->second, g->nsecond}, {g->penult, g->npenult},
                                       {g->alpha, g->nalpha}};
  memcpy(at, a, sizeof a);
}

/* Forgets s, given back, if the memo holds it (out of memory). */
static void memo_forget(gen_memo *c, const USet *s) {
  for (size_t j = 0; j < c->n; j++)
    if (c->made[j] == s) {
      c->from[j] = c->from[c->n - 1], c->k[j] = c->k[c->n - 1], c->made[j] = c->made[c->n - 1];
      c->n--;
      return;
    }
}

/* The analysis of pattern i of the section being read (k->sec) from the tables (a pattern
 * they do not have: gen_bad, no sets); with k->lazy, each set the pattern has is SET_LAZY, made
 * when first needed. False when out of memory. */
static bool gen_sets(uset_cache *k, size_t i, USet **first, bool *at_start, USet **last,
                     USet **second, USet **penult, USet **alpha) {
  *first = *last = *second = *penult = *alpha = NULL;
  *at_start = false;
  if (k->sec < 0 || i >= qg_gen_sec[k->sec][1] || qg_gen_sec[k->sec][0] + i >= qg_gen_npats) {
    k->gen_bad = true;
    return true;
  }
  const struct qg_gen_pat *g = &qg_gen_pats[qg_gen_sec[k->sec][0] + i];
  *at_start = g->at_start;
  USet **out[FILTER_COUNT_] = {first, last, second, penult, alpha};
  int32_t at[FILTER_COUNT_][2];
  gen_at(g, at);
  if (k->lazy) {
    for (size_t j = 0; j < FILTER_COUNT_; j++) *out[j] = at[j][1] < 0 ? NULL : SET_LAZY;
    return true;
  }
  /* the five sets in turn; when one cannot be made, those made before it are given back */
  for (size_t j = 0; j < FILTER_COUNT_; j++) {
    if (gen_set(&k->memo, at[j][0], at[j][1], out[j])) continue;
    while (j--) {
      if (*out[j]) {
        memo_forget(&k->memo, *out[j]);
        uset_close(*out[j]);
      }
      *out[j] = NULL;
    }
    return false;
  }
  return true;
}

/* With lazy (the built-in cues), the pattern is kept as text and compiled the first time a
 * block could match it (builtin_pattern): its analysis is made now. */
static int add_pattern(cue_list *l, const char *s, size_t n, const char *file, unsigned line,
                       uset_cache *cache, bool lazy, char *err, size_t errlen) {
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe;
  URegularExpression *re = NULL;
  if (l->nre == l->re_cap) { /* (a list's patterns are all kept as text, or none) */
    size_t nc = l->re_cap ? 2 * l->re_cap : 8;
    bool grow_ok = true;
    CUE_GROW(l->re, nc);
    CUE_GROW(l->first, nc);
    CUE_GROW(l->last, nc);
    CUE_GROW(l->second, nc);
    CUE_GROW(l->penult, nc);
    CUE_GROW(l->alpha, nc);
    CUE_GROW(l->at_start, nc);
    if (lazy) {
      CUE_GROW(l->src, nc);
      CUE_GROW(l->srclen, nc);
      CUE_GROW(l->pc, nc);
      CUE_GROW(l->pcj, nc);
    }
    if (!grow_ok) return QG_ERR_NOMEM;
    l->re_cap = nc;
  }
  if (lazy) {
    l->pc[l->nre] = l->pcj[l->nre] = NULL;
    /* (lazy: the compiled-in text, which the process keeps; a copy otherwise, taken back
     * below if what follows runs out of memory) */
    const char *src = s;
    if (!in_default(s)) {
      char *copy = malloc(n + 1);
      if (!copy) return QG_ERR_NOMEM;
      memcpy(copy, s, n);
      copy[n] = '\0';
      src = copy;
    }
    l->src[l->nre] = src;
    l->srclen[l->nre] = n;
    goto lists;
  }
  re = compile_cue(s, n, cache->han, cache->han_len, &pe, &st);
  if (!re) {
    snprintf(err, errlen, "%s:%u:%d: bad pattern (%s)", file, line, pe.offset + 1,
             u_errorName(st));
    return QG_ERR_USAGE;
  }
  if (too_slow(re)) {
    uregex_close(re);
    snprintf(err, errlen, "%s:%u:1: pattern takes too long on a line of 48 ordinary characters "
             "(backtracking: most often a repetition inside a repetition, such as "
             "(\\p{Han}+\\s*)+ or (a+)+, or several repetitions of the same characters in a "
             "row): write it with fewer", file, line);
    return QG_ERR_USAGE;
  }
lists:;
  URegularExpression **p = l->re;
  if (cache->gen) {
    if (!gen_sets(cache, l->nre, &l->first[l->nre], &l->at_start[l->nre], &l->last[l->nre],
                  &l->second[l->nre], &l->penult[l->nre], &l->alpha[l->nre])) {
      if (re) uregex_close(re);
      if (lazy && !in_default(l->src[l->nre])) free((char *)l->src[l->nre]);
      return QG_ERR_NOMEM;
    }
  } else {
    analyse(s, n, cache, &l->first[l->nre], &l->at_start[l->nre], &l->last[l->nre],
            &l->second[l->nre], &l->penult[l->nre], &l->alpha[l->nre]);
  }
  p[l->nre++] = re;
  return 0;
}

void qg_cues_prefilter(qg_cues *c, bool on) { c->no_prefilter = !on; }
size_t qg_cues_runs(const qg_cues *c) { return c->runs; }

/* Parses cue text (the format is described at the top of dicts/structure-cues.txt). */
static int parse(qg_cues *c, const char *text, size_t len, const char *file,
                 uset_cache *cache, bool lazy, char *err, size_t errlen) {
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
    cache->sec = sec;
    int rc = sections[sec].pattern
                 ? add_pattern(&c->s[sec], e, n, file, lineno, cache, lazy, err, errlen)
                 : add_literal(&c->s[sec], e, n, lazy);
    if (rc == QG_ERR_NOMEM) snprintf(err, errlen, "%s: out of memory", file);
    if (rc) return rc;
  }
  return 0;
}

/* Parses the cue file at path into c (after what c holds). */
static int parse_file(qg_cues *c, const char *path, uset_cache *cache, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open cue file", path);
    return QG_ERR_USAGE;
  }
  int rc = 0;
  qg_buf t = QG_BUF_INIT;
  char chunk[8192];
  size_t n;
  while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) rc = qg_buf_put(&t, chunk, n);
  if (ferror(f)) {
    snprintf(err, errlen, "%s: read error", path);
    rc = QG_ERR_USAGE;
  }
  fclose(f);
  if (!rc) { /* UTF-8 without control characters (a file in GB18030 would match nothing) */
    size_t from = t.len >= 3 && !memcmp(t.ptr, "\xEF\xBB\xBF", 3) ? 3 : 0, bad = t.len;
    const char *what = NULL;
    while (from < t.len) { /* line ends are no faults */
      bad = from + qg_utf8_text_check(t.ptr + from, t.len - from, &what);
      if (bad >= t.len || (t.ptr[bad] != '\n' && t.ptr[bad] != '\r')) break;
      from = bad + 1;
      bad = t.len;
    }
    if (bad < t.len) {
      unsigned line = 1;
      size_t ls = 0;
      for (size_t k = 0; k < bad; k++)
        if (t.ptr[k] == '\n') line++, ls = k + 1;
      snprintf(err, errlen, "%s:%u:%zu: %s in the cue file%s", path, line,
               qg_utf8_count(t.ptr + ls, bad - ls) + 1, what,
               what[0] == 'i' ? " (save it as UTF-8)" : "");
      rc = QG_ERR_USAGE;
    }
  }
  if (!rc) rc = parse(c, t.ptr, t.len, path, cache, false, err, errlen);
  qg_buf_free(&t);
  return rc;
}

/* The built-in cues (below: builtin) and the lock under which what they make when first needed
 * is made (patterns, sets). */
static qg_cues *builtin;
static pthread_mutex_t builtin_mu = PTHREAD_MUTEX_INITIALIZER;

static USet **filter_arr(cue_list *l, int which) {
  USet **a[FILTER_COUNT_] = {l->first, l->last, l->second, l->penult, l->alpha};
  return a[which];
}

/* The filter set which of pattern i of section sec of b (the built-in cues read with the
 * build's tables), made from the tables the first time any pipeline needs it and kept for the
 * process; NULL when it has none or cannot be made (out of memory: no filter, the pattern
 * runs). */
static USet *lazy_set(qg_cues *b, int sec, size_t i, int which) {
  USet **arr = filter_arr(&b->s[sec], which);
  USet *s = __atomic_load_n(&arr[i], __ATOMIC_ACQUIRE);
  if (s != SET_LAZY) return s;
  pthread_mutex_lock(&builtin_mu);
  if ((s = arr[i]) == SET_LAZY) {
    int32_t at[FILTER_COUNT_][2];
    gen_at(&qg_gen_pats[qg_gen_sec[sec][0] + i], at);
    if (gen_set(&b->memo, at[which][0], at[which][1], &s))
      __atomic_store_n(&arr[i], s, __ATOMIC_RELEASE);
    else
      s = NULL;
  }
  pthread_mutex_unlock(&builtin_mu);
  return s;
}

/* The union of the first sets of section sec of b (as lazy_set); NULL when out of memory. */
static USet *lazy_first_all(qg_cues *b, int sec) {
  cue_list *l = &b->s[sec];
  USet *s = __atomic_load_n(&l->first_all, __ATOMIC_ACQUIRE);
  if (s != SET_LAZY) return s;
  USet *u = uset_openEmpty();
  for (size_t i = 0; u && i < l->nre; i++) {
    USet *f = lazy_set(b, sec, i, FILTER_FIRST);
    if (f) {
      uset_addAll(u, f);
    } else {
      uset_close(u);
      u = NULL;
    }
  }
  if (!u) return NULL;
  uset_freeze(u);
  pthread_mutex_lock(&builtin_mu);
  if (l->first_all == SET_LAZY) {
    __atomic_store_n(&l->first_all, u, __ATOMIC_RELEASE);
    u = NULL;
  }
  s = l->first_all;
  pthread_mutex_unlock(&builtin_mu);
  if (u) uset_close(u); /* (another thread made it first) */
  return s;
}

/* Makes every set of b not made yet (the tests that compare them, the generator). */
static void lazy_all(qg_cues *b) {
  if (!b || !b->lazy_sets) return;
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    for (size_t i = 0; i < b->s[sec].nre; i++)
      for (int w = 0; w < FILTER_COUNT_; w++) lazy_set(b, sec, i, w);
    lazy_first_all(b, sec);
  }
}

size_t qg_cues_first_faults(const qg_cues *c, size_t *sets) {
  size_t faults = 0;
  *sets = 0;
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    const cue_list *l = &c->s[sec];
    if (!l->first_all) continue;
    ++*sets;
    const USet *all = l->first_all == SET_LAZY ? lazy_first_all(c->lazy_sets ? (qg_cues *)c : builtin, sec) : l->first_all;
    if (!all) {
      faults++;
      continue;
    }
    for (UChar32 ch = 0; ch < 0x10000; ch++)
      faults += (bool)(l->first_bmp[ch >> 3] >> (ch & 7) & 1) != (bool)uset_contains(all, ch);
  }
  return faults;
}

/* A filter set of pattern i of section sec of a pipeline's cues c: one of the built-in cues'
 * not made yet is made now (lazy_set) and kept in c's list. */
static inline USet *filter_set(qg_cues *c, int sec, size_t i, int which) {
  USet **arr = filter_arr(&c->s[sec], which);
  USet *s = arr[i];
  if (__builtin_expect(s == SET_LAZY, 0)) s = arr[i] = lazy_set(c->lazy_sets ? c : builtin, sec, i, which);
  return s;
}

/* The union of the first sets of each section whose patterns all have one; a section that
 * holds only the built-in cues' patterns shares theirs (when from is not NULL). */
static int finish_sections(qg_cues *c, const qg_cues *from, char *err, size_t errlen) {
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    cue_list *l = &c->s[sec];
    if (from && l->nre == l->nre_shared) {
      l->first_all = __atomic_load_n(&from->s[sec].first_all, __ATOMIC_ACQUIRE); /* (lazy_first_all) */
      l->first_bmp = from->s[sec].first_bmp;
      l->first_all_shared = l->first_all != NULL;
      l->all_at_start = from->s[sec].all_at_start;
      continue;
    }
    bool all = l->nre > 0;
    l->all_at_start = true;
    for (size_t i = 0; i < l->nre; i++) {
      all &= l->first[i] != NULL;
      l->all_at_start &= l->at_start[i];
    }
    if (!all) continue;
    /* the built-in cues with sets made when needed: the union too (lazy_first_all), when the
     * build has the bitmap that stands for it below U+10000 */
    if (c->lazy_sets && l->nre == qg_gen_sec[sec][1] && qg_gen_bmp_of[sec]) {
      l->first_all = SET_LAZY;
      l->first_bmp = (uint8_t *)qg_gen_bmp[qg_gen_bmp_of[sec] - 1]; /* (read only) */
      l->first_bmp_tabled = true;
      continue;
    }
    if (!(l->first_all = uset_openEmpty())) {
      snprintf(err, errlen, "out of memory");
      return QG_ERR_NOMEM;
    }
    for (size_t i = 0; i < l->nre; i++) {
      USet *f = l->first[i];
      if (f == SET_LAZY) f = lazy_set(from && i < l->nre_shared ? (qg_cues *)from : c, sec, i, FILTER_FIRST);
      if (!f) {
        snprintf(err, errlen, "out of memory");
        return QG_ERR_NOMEM;
      }
      uset_addAll(l->first_all, f);
    }
    uset_freeze(l->first_all);
    /* its ranges' code points below U+10000 as a bitmap: each measured block is tested
     * against several sections' sets (its strings, if any, are no code points); for the
     * built-in patterns alone, the build's (qg_gen_bmp: zeroing and filling 8 KB a section
     * was 0.1 million instructions of a one-article process, and its pages) */
    if (c->tables && l->nre == qg_gen_sec[sec][1] && qg_gen_bmp_of[sec]) {
      l->first_bmp = (uint8_t *)qg_gen_bmp[qg_gen_bmp_of[sec] - 1]; /* (read only) */
      l->first_bmp_tabled = true;
      continue;
    }
    if (!(l->first_bmp = calloc(0x10000 / 8, 1))) {
      snprintf(err, errlen, "out of memory");
      return QG_ERR_NOMEM;
    }
    for (int32_t k = 0, items = uset_getItemCount(l->first_all); k < items; k++) {
      UErrorCode ec = U_ZERO_ERROR;
      UChar32 a, b;
      if (uset_getItem(l->first_all, k, &a, &b, NULL, 0, &ec) != 0) continue; /* a string */
      if (a >= 0x10000) continue;
      if (b >= 0x10000) b = 0xFFFF;
      for (; a <= b && (a & 7); a++) l->first_bmp[a >> 3] |= (uint8_t)(1u << (a & 7));
      if (a + 7 <= b) { /* whole bytes */
        memset(l->first_bmp + (a >> 3), 0xFF, (size_t)((b + 1 - a) >> 3));
        a += (b + 1 - a) & ~7;
      }
      for (; a <= b; a++) l->first_bmp[a >> 3] |= (uint8_t)(1u << (a & 7));
    }
  }
  return 0;
}

/* The cues of dicts/structure-cues.txt plus those at path, compiled here; with ranges, the
 * built-in patterns' \p{Han} as its ranges; with lazy, the built-in patterns are kept as text
 * and compiled when first needed (builtin_pattern: only for the built-in cues themselves). */
static qg_cues *cues_build_with(const char *path, bool ranges, bool lazy, bool tables, char *err,
                                size_t errlen) {
  qg_cues *c = calloc(1, sizeof *c);
  if (!c) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  uset_cache cache = {.n = 0};
  /* with the tables made at build time (ranges: the built-in cues as qg_cues_new reads them) */
  cache.gen = ranges && tables && gen_tables_fit();
  cache.lazy = cache.gen && lazy;
  if (cache.gen) {
    size_t hl = sizeof qg_gen_han - 1;
    if ((cache.han = malloc(hl + 1))) {
      memcpy(cache.han, qg_gen_han, hl + 1);
      cache.han_len = hl;
    }
  } else if (ranges) {
    han_ranges(&cache); /* when it fails, the patterns are compiled as written */
  }
  int rc = parse(c, (const char *)qg_cues_default, qg_cues_default_len, "dicts/structure-cues.txt",
                 &cache, lazy, err, errlen);
  for (int sec = 0; !rc && cache.gen && sec < SEC_COUNT_; sec++)
    cache.gen_bad |= c->s[sec].nre != qg_gen_sec[sec][1];
  if (!rc && cache.gen && cache.gen_bad) {
    /* the tables do not fit the text after all: analysed here */
    free(cache.han);
    qg_cues_free(c);
    return cues_build_with(path, ranges, lazy, false, err, errlen);
  }
  c->tables = !rc && cache.gen;
  c->lazy_sets = c->tables && cache.lazy;
  cache.gen = false; /* a desk's file is analysed here */
  if (lazy) { /* kept for the patterns compiled later */
    c->han = cache.han;
    c->han_len = cache.han_len;
  } else {
    free(cache.han);
  }
  cache.han = NULL;
  if (!rc && path) rc = parse_file(c, path, &cache, err, errlen);
  cache_free(&cache);
  if (!rc) rc = finish_sections(c, NULL, err, errlen);
  if (rc) {
    qg_cues_free(c);
    return NULL;
  }
  return c;
}

static qg_cues *cues_build(const char *path, bool ranges, bool lazy, char *err, size_t errlen) {
  return cues_build_with(path, ranges, lazy, true, err, errlen);
}

/* The built-in cues are compiled once per process (their sets of \p{Han} and the like cost a
 * property lookup over all of Unicode each, their patterns a compile) and not changed after:
 * each pipeline's cues clone the patterns (a clone shares the compiled pattern and has its own
 * matcher) and share the literals and the first- and last-character sets (frozen, read-only). */
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static void builtin_build(void) {
  char err[256];
  builtin = cues_build(NULL, true, true, err, sizeof err); /* NULL: each pipeline compiles its own */
}

/* The built-in pattern i of section sec, compiled the first time any pipeline needs it and kept
 * for the process (NULL when it cannot be: out of memory). Compiling every built-in pattern
 * when the first pipeline was made was two thirds of the instructions of a `lint` of a 4 KB
 * article in a process of its own, and most patterns never run on such an article: a block
 * runs a pattern only when its first or last character can start or end a match. The patterns
 * are ours and tested (test_cues: each compiles and none is too slow), so they are not probed
 * here as a desk's are. */
/* (not inlined: tools/valgrind.supp names it, the function that compiles what is kept) */
__attribute__((noinline)) static URegularExpression *builtin_pattern(int sec, size_t i) {
  cue_list *b = &builtin->s[sec];
  URegularExpression *re = __atomic_load_n(&b->re[i], __ATOMIC_ACQUIRE);
  if (re) return re;
  pthread_mutex_lock(&builtin_mu);
  if (!(re = b->re[i])) {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    re = compile_cue(b->src[i], b->srclen[i], builtin->han, builtin->han_len, &pe, &st);
    __atomic_store_n(&b->re[i], re, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&builtin_mu);
  return re;
}

/* ---- the built-in patterns on PCRE2 ------------------------------------------------------
 * ICU's regex compiler builds its own sets of Unicode properties the first time it compiles a
 * pattern in a process (RegexStaticSets: 7.6 of the 15 million instructions of a `lint` of a
 * 4 KB article in a process of its own, once the cues' analysis came from the build). PCRE2
 * compiles all 33 built-in patterns in about 1.3 million and matches UTF-8 as it is. So the
 * built-in patterns run on PCRE2, written in its syntax with ICU's meaning (to_pcre); a desk's
 * cue file stays on ICU's engine, whose syntax docs/structure.md documents. test_cues runs both
 * engines on every built-in pattern over crafted and random texts and wants the same matches.
 * The rewriting, for the subset the built-in patterns use (anything else: the pattern stays on
 * ICU's engine):
 *   \p{Han}  ICU's set written out as ranges (PCRE2's Unicode tables may be older than ICU's)
 *   \s       [\t-\r\x{85}\p{Z}…]: ICU's \s is \p{White_Space} (PCRE2's leaves out NEL)
 *   \d       [\d…]
 *   (…: what ICU's \p{Z} and \p{Nd} hold that PCRE2's do not, found at build time by trying
 *   every code point, into cue_tables.h: PCRE2's own Unicode tables may be of another version,
 *   14.0 in Debian's PCRE2 10.42 against ICU 72's 15.0, which adds the Kawi and Nag Mundari
 *   digits; a class of PCRE2's that holds more than ICU's, or no tables from the build, keeps
 *   the patterns on ICU's engine)
 *   ^        (?:^|\G): ICU's anchoring bounds match ^ at the start of the region searched
 *   \x for an escaped mark, literals, classes (not nested), groups, lookaround, quantifiers as
 *   written; PCRE2_NEWLINE_ANY gives $ and . ICU's line terminators. */
#define QG_CUES_MATCH_LIMIT 1000000 /* PCRE2's calls of its match function (about ICU's limit) */

/* One item of an ICU set pattern as uset_toPattern writes it (\u4E00, \U00020000, \ and a
 * character, or a character) at set[*i]: its code point, *i past it; false when it is none. */
static bool set_item(const char *set, size_t n, size_t *i, uint32_t *cp) {
  if (*i >= n) return false;
  if (set[*i] != '\\') {
    size_t k = *i;
    *cp = qg_utf8_next(set, n, &k);
    *i = k;
    return true;
  }
  if (*i + 1 >= n) return false;
  size_t digits = set[*i + 1] == 'u' ? 4 : set[*i + 1] == 'U' ? 8 : 0;
  if (!digits) { /* an escaped character */
    size_t k = *i + 1;
    *cp = qg_utf8_next(set, n, &k);
    *i = k;
    return true;
  }
  if (*i + 2 + digits > n) return false;
  *cp = 0;
  for (size_t k = 0; k < digits; k++) {
    char h = set[*i + 2 + k];
    if (!isxdigit((unsigned char)h)) return false;
    *cp = *cp << 4 | (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
  }
  *i += 2 + digits;
  return true;
}

/* set: an ICU set pattern of ranges as uset_toPattern writes it ([\u2E80-\u2E99…], [0-9…])
 * written into out for PCRE2 (\x{4E00}-\x{9FFF}…), without its brackets, the ranges of the
 * common ideographs first (PCRE2 tries a class's ranges in order). False when it is not of
 * that form. */
static bool set_to_pcre(const char *set, size_t n, qg_buf *out) {
  if (n < 2 || set[0] != '[' || set[n - 1] != ']') return false;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 1; i + 1 < n;) {
      uint32_t r[2];
      if (!set_item(set, n - 1, &i, &r[0])) return false;
      r[1] = r[0];
      if (i + 1 < n && set[i] == '-') {
        i++;
        if (!set_item(set, n - 1, &i, &r[1]) || r[1] < r[0]) return false;
      }
      bool common = r[0] >= 0x3400 && r[1] <= 0x9FFF;
      if (common != (pass == 0)) continue;
      char item[48];
      int len = snprintf(item, sizeof item, "\\x{%X}-\\x{%X}", (unsigned)r[0], (unsigned)r[1]);
      if (qg_buf_put(out, item, (size_t)len)) return false;
    }
  }
  return true;
}

/* A class of what PCRE2 writes as pre (may be empty) and the ICU set pattern set[0..n), in out:
 * in brackets unless in_class (inside a class being written). False when it cannot be. */
static bool put_class(qg_buf *out, bool in_class, const char *pre, const char *set, size_t n) {
  return !(!in_class && qg_buf_put(out, "[", 1)) && !qg_buf_put(out, pre, strlen(pre)) &&
         set_to_pcre(set, n, out) && !(!in_class && qg_buf_put(out, "]", 1));
}

/* What ICU's \s and \d hold that PCRE2's \p{Z} and \d leave out (ICU set patterns), and whether
 * PCRE2's hold nothing more (else a pattern using them stays on ICU's engine): the tables'
 * (qg_gen_z, qg_gen_nd), or in the generator those it has just found. */
typedef struct pcre_sets {
  const char *z, *nd;
  bool z_ok, nd_ok;
} pcre_sets;

/* s[0..n) (an ICU pattern) in PCRE2's syntax with ICU's meaning, in out; false when it uses
 * something outside the subset above (or out of memory). */
static bool to_pcre(const char *s, size_t n, const char *han, size_t han_len, const pcre_sets *ps,
                    qg_buf *out) {
  static const char han_prop[] = "\\p{Han}";
  const size_t hl = sizeof han_prop - 1;
  bool in_class = false;
  size_t class_at = 0;
  for (size_t i = 0; i < n;) {
    char ch = s[i];
    if (ch == '\\') {
      if (i + 1 >= n) return false;
      char e = s[i + 1];
      if (n - i >= hl && !memcmp(s + i, han_prop, hl)) {
        if (!han || !put_class(out, in_class, "", han, han_len)) return false;
        i += hl;
        continue;
      }
      if (e == 's' || e == 'd') { /* PCRE2's class and what ICU's holds more (qg_gen_nd, _z) */
        if (!(e == 's' ? ps->z_ok : ps->nd_ok)) return false;
        const char *set = e == 's' ? ps->z : ps->nd;
        /* White_Space; \p{Nd} */
        if (!put_class(out, in_class, e == 's' ? "\\t-\\r\\x{85}\\p{Z}" : "\\d", set, strlen(set)))
          return false;
      } else if ((unsigned char)e < 0x80 && !isalnum((unsigned char)e) && e > ' ') {
        if (qg_buf_put(out, s + i, 2)) return false; /* an escaped mark */
      } else {
        return false; /* \w \b \p{…} other than Han, \x, \u, \Q …: ICU's engine */
      }
      i += 2;
      continue;
    }
    if (in_class) {
      if (ch == '[') return false; /* a nested set or a set operation: ICU's engine */
      if (ch == ']' && i > class_at) in_class = false;
    } else if (ch == '[') {
      in_class = true;
      class_at = i + 1;
      if (class_at < n && s[class_at] == '^') class_at++;
      if (class_at < n && s[class_at] == ']') return false; /* []…] reads differently */
    } else if (ch == '^') {
      if (qg_buf_put(out, "(?:^|\\G)", 8)) return false;
      i++;
      continue;
    } else if (ch == '(' && i + 2 < n && s[i + 1] == '?' &&
               !(s[i + 2] == ':' || s[i + 2] == '=' || s[i + 2] == '!' ||
                 (s[i + 2] == '<' && i + 3 < n && (s[i + 3] == '=' || s[i + 3] == '!')))) {
      return false; /* flags, named groups, atomic groups: ICU's engine */
    }
    if (qg_buf_put(out, s + i, 1)) return false;
    i++;
  }
  return !in_class;
}

/* The built-in pattern s[0..n) compiled by PCRE2 with the sets ps (NULL when it cannot be). */
static pcre2_code *compile_pcre_with(const char *s, size_t n, const char *han, size_t han_len,
                                     const pcre_sets *ps) {
  qg_buf x = QG_BUF_INIT;
  pcre2_code *pc = NULL;
  pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
  if (cc && !pcre2_set_newline(cc, PCRE2_NEWLINE_ANY) && to_pcre(s, n, han, han_len, ps, &x)) {
    int e;
    PCRE2_SIZE at;
    pc = pcre2_compile((PCRE2_SPTR)x.ptr, x.len, PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &e,
                       &at, cc);
  }
  pcre2_compile_context_free(cc);
  qg_buf_free(&x);
  return pc;
}

/* The built-in pattern s[0..n) compiled by PCRE2 (NULL when it cannot be: it runs on ICU's). */
static pcre2_code *compile_pcre(const char *s, size_t n, const char *han, size_t han_len) {
  if (!builtin->tables) return NULL; /* ICU's sets for \d and \s come from the tables */
  const pcre_sets tabled = {qg_gen_z, qg_gen_nd, qg_gen_z_ok, qg_gen_nd_ok};
  return compile_pcre_with(s, n, han, han_len, &tabled);
}

/* ---- the built-in patterns compiled at build time ----------------------------------------
 * Compiling a built-in pattern (its rewriting into PCRE2's syntax, \p{Han} as some 20 ranges,
 * and pcre2_compile) cost about 0.14 million instructions, and a 4 KB article compiles about
 * four of them: an eighth of its process. The generator compiles each one as compile_pcre
 * would and writes it serialized (pcre2_serialize_encode) into cue_tables.h (qg_gen_pcre_code,
 * pattern k from qg_gen_pcre_at[k] to qg_gen_pcre_at[k + 1], none: it stays on ICU's engine);
 * a process decodes the one it needs (pcre2_serialize_decode: a copy). A serialized pattern is
 * PCRE2's compiled form as it is in memory, which only the same PCRE2 built the same way reads:
 * the tables are used when the PCRE2 this process runs with gives the same description of
 * itself as the generator's did (pcre_build: its version, its Unicode version, its link size
 * and \R's default), and when PCRE2 decodes them (it checks its version and the size of its
 * code units and pointers); else, or for a pattern it refuses, the pattern is compiled here as
 * before. test_cues compares each pattern serialized here with the table's. */

/* PCRE2's description of itself (the serialized patterns fit only the same) into out, room for
 * both strings and both numbers (review 34b: gcc's format-truncation check in a debug build) */
#define QG_PCRE_BUILD_MAX 96
static void pcre_build(char out[QG_PCRE_BUILD_MAX]) {
  char v[40] = "", u[24] = "";
  uint32_t link = 0, bsr = 0;
  if (pcre2_config(PCRE2_CONFIG_VERSION, v) < 0 || pcre2_config(PCRE2_CONFIG_UNICODE_VERSION, u) < 0 ||
      pcre2_config(PCRE2_CONFIG_LINKSIZE, &link) < 0 || pcre2_config(PCRE2_CONFIG_BSR, &bsr) < 0)
    v[0] = '\0';
  snprintf(out, QG_PCRE_BUILD_MAX, "%s/%s/%u/%u", v, u, (unsigned)link, (unsigned)bsr);
}

/* The built-in pattern k (in the tables' order) decoded from the build's serialized form (NULL:
 * none, or it does not fit this PCRE2: compiled here). Under builtin_mu. */
static pcre2_code *builtin_decode(size_t k) {
  static int fits; /* 0: not asked yet, 1 yes, -1 no */
  if (!builtin->tables || k >= qg_gen_npats || qg_gen_pcre_at[k] == qg_gen_pcre_at[k + 1]) return NULL;
  if (!fits) {
    char here[QG_PCRE_BUILD_MAX];
    pcre_build(here);
    fits = !strcmp(here, qg_gen_pcre_build) ? 1 : -1;
  }
  pcre2_code *pc = NULL;
  if (fits < 0 || pcre2_serialize_decode(&pc, 1, qg_gen_pcre_code + qg_gen_pcre_at[k], NULL) != 1)
    return NULL;
  return pc;
}

/* The built-in pattern i of section sec on PCRE2, compiled the first time any pipeline needs it
 * and kept for the process (PC_ICU: it runs on ICU's engine). A compiled PCRE2 pattern is
 * read-only when matching: the pipelines share it, each with its own match data. */
__attribute__((noinline)) static pcre2_code *builtin_pcre(int sec, size_t i) {
  cue_list *b = &builtin->s[sec];
  pcre2_code *pc = __atomic_load_n(&b->pc[i], __ATOMIC_ACQUIRE);
  if (pc) return pc;
  pthread_mutex_lock(&builtin_mu);
  if (!(pc = b->pc[i])) {
    if (!(pc = builtin_decode(qg_gen_sec[sec][0] + i)) &&
        !(pc = compile_pcre(b->src[i], b->srclen[i], builtin->han, builtin->han_len)))
      pc = PC_ICU;
    __atomic_store_n(&b->pc[i], pc, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&builtin_mu);
  return pc;
}

/* After this many runs of a built-in pattern on PCRE2's interpreter in one pipeline, the pattern
 * gets PCRE2's machine code (about 0.2 million instructions to make, paid back within about a
 * hundred runs; a 4 KB article runs none of them that often, and its process makes none). */
#define QG_CUES_JIT_AFTER 128

/* The built-in pattern i of section sec with PCRE2's machine code, made once for the process
 * from a copy of its compiled pattern (NULL: PCRE2 cannot here; the interpreter goes on). The
 * copy is published when made: a pattern being matched by another thread is never changed. */
static pcre2_code *builtin_jit(int sec, size_t i) {
  cue_list *b = &builtin->s[sec];
  pcre2_code *pj = __atomic_load_n(&b->pcj[i], __ATOMIC_ACQUIRE);
  if (!pj) {
    pthread_mutex_lock(&builtin_mu);
    if (!(pj = b->pcj[i])) {
      pcre2_code *pc = b->pc[i] != PC_ICU ? pcre2_code_copy(b->pc[i]) : NULL;
      if (pc && pcre2_jit_compile(pc, PCRE2_JIT_COMPLETE)) pcre2_code_free(pc), pc = NULL;
      pj = pc ? pc : PC_NONE;
      __atomic_store_n(&b->pcj[i], pj, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&builtin_mu);
  }
  return pj == PC_NONE ? NULL : pj;
}

/* Runs pc on the text being measured from base_b (anchored: a match at its start; else a search
 * from from_b, a lookbehind seeing back to base_b): 1 with the match and group 1 (the match
 * when group 1 is unset or missing) as byte offsets of the text, 0 for none (a match that
 * reaches the limit counts as a timeout), -1 out of memory. */
static int match_pcre(qg_cues *c, const pcre2_code *pc, bool anchored, size_t base_b, size_t from_b,
                      size_t m[4]) {
  if (!c->md) {
    c->md = pcre2_match_data_create(2, NULL);
    if (!c->mctx && (c->mctx = pcre2_match_context_create(NULL)))
      pcre2_set_match_limit(c->mctx, QG_CUES_MATCH_LIMIT);
    if (!c->md || !c->mctx) return -1;
  }
  c->runs++;
  int rc = pcre2_match(pc, (PCRE2_SPTR)(c->t8 + base_b), c->n8 - base_b, anchored ? 0 : from_b - base_b,
                       (anchored ? PCRE2_ANCHORED : 0) | PCRE2_NO_UTF_CHECK, c->md, c->mctx);
  if (rc < 0) { /* a limit reached (steps, depth, heap, the machine code's stack): a timeout */
    if (rc != PCRE2_ERROR_NOMATCH && rc != PCRE2_ERROR_NOMEMORY) c->timeouts++;
    return rc == PCRE2_ERROR_NOMEMORY ? -1 : 0;
  }
  const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
  m[0] = base_b + ov[0];
  m[1] = base_b + ov[1];
  bool g1 = rc != 1 && pcre2_get_ovector_count(c->md) >= 2 && ov[2] != PCRE2_UNSET;
  m[2] = g1 ? base_b + ov[2] : m[0];
  m[3] = g1 ? base_b + ov[3] : m[1];
  return 1;
}

/* The pattern i of the list of section sec of c: a built-in one is cloned from the built-in
 * cues' the first time it runs (a clone shares the compiled pattern and has its own matcher).
 * NULL when it cannot be (counted as a timeout: no match). */
static URegularExpression *pattern_at(qg_cues *c, int sec, size_t i) {
  cue_list *l = &c->s[sec];
  if (l->re[i]) return l->re[i];
  URegularExpression *from = i < l->nre_shared && builtin ? builtin_pattern(sec, i) : NULL;
  UErrorCode st = U_ZERO_ERROR;
  URegularExpression *re = from ? uregex_clone(from, &st) : NULL;
  if (re && U_FAILURE(st)) {
    uregex_close(re);
    re = NULL;
  }
  if (re) limit_time(re, QG_CUES_TIME_LIMIT); /* not cloned with the pattern */
  if (!re) c->timeouts++;
  return l->re[i] = re;
}

/* Copies list from (the built-in cues') into l, empty: patterns cloned, the rest shared. */
static int list_share(cue_list *l, const cue_list *from) {
  size_t nl = from->nlit, nr = from->nre;
  if (nl) {
    l->lit = malloc(nl * sizeof *l->lit);
    l->litlen = malloc(nl * sizeof *l->litlen);
    if (!l->lit || !l->litlen) return QG_ERR_NOMEM;
    memcpy(l->lit, from->lit, nl * sizeof *l->lit);
    memcpy(l->litlen, from->litlen, nl * sizeof *l->litlen);
    memcpy(l->lead, from->lead, sizeof l->lead);
    memcpy(l->lead2, from->lead2, sizeof l->lead2);
    l->lit_short = from->lit_short;
    l->nlit = l->nlit_shared = l->lit_cap = nl;
  }
  if (nr) {
    l->re = calloc(nr, sizeof *l->re);
    l->first = malloc(nr * sizeof *l->first);
    l->last = malloc(nr * sizeof *l->last);
    l->second = malloc(nr * sizeof *l->second);
    l->penult = malloc(nr * sizeof *l->penult);
    l->alpha = malloc(nr * sizeof *l->alpha);
    l->at_start = malloc(nr * sizeof *l->at_start);
    if (!l->re || !l->first || !l->last || !l->second || !l->penult || !l->alpha || !l->at_start)
      return QG_ERR_NOMEM;
    /* (a set another pipeline makes now is stored under builtin_mu: read atomically; one read
     * as SET_LAZY is made again through lazy_set, which finds it made) */
    for (size_t i = 0; i < nr; i++) {
      l->first[i] = __atomic_load_n(&from->first[i], __ATOMIC_ACQUIRE);
      l->last[i] = __atomic_load_n(&from->last[i], __ATOMIC_ACQUIRE);
      l->second[i] = __atomic_load_n(&from->second[i], __ATOMIC_ACQUIRE);
      l->penult[i] = __atomic_load_n(&from->penult[i], __ATOMIC_ACQUIRE);
      l->alpha[i] = __atomic_load_n(&from->alpha[i], __ATOMIC_ACQUIRE);
    }
    memcpy(l->at_start, from->at_start, nr * sizeof *l->at_start);
    l->nre = l->nre_shared = l->re_cap = nr; /* each cloned when it first runs (pattern_at) */
    if (from->pc && !(l->pc_runs = calloc(nr, sizeof *l->pc_runs))) return QG_ERR_NOMEM;
  }
  return 0;
}

qg_cues *qg_cues_new(const char *path, char *err, size_t errlen) {
  pthread_once(&builtin_once, builtin_build);
  if (!builtin) return cues_build(path, true, false, err, errlen);
  qg_cues *c = calloc(1, sizeof *c);
  if (!c) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  int rc = 0;
  for (int sec = 0; !rc && sec < SEC_COUNT_; sec++) rc = list_share(&c->s[sec], &builtin->s[sec]);
  if (rc) snprintf(err, errlen, rc == QG_ERR_NOMEM ? "out of memory" : "cannot copy the cue patterns");
  if (!rc && path) {
    uset_cache cache = {.n = 0};
    rc = parse_file(c, path, &cache, err, errlen);
    cache_free(&cache);
  }
  if (!rc) rc = finish_sections(c, builtin, err, errlen);
  if (rc) {
    qg_cues_free(c);
    return NULL;
  }
  return c;
}

size_t qg_cues_timeouts(const qg_cues *c) { return c->timeouts; }

size_t qg_cues_builtin_compiled(void) {
  size_t n = 0;
  for (int sec = 0; builtin && sec < SEC_COUNT_; sec++)
    for (size_t i = 0; i < builtin->s[sec].nre; i++)
      n += __atomic_load_n(&builtin->s[sec].re[i], __ATOMIC_ACQUIRE) != NULL ||
           (builtin->s[sec].pc && __atomic_load_n(&builtin->s[sec].pc[i], __ATOMIC_ACQUIRE) != NULL);
  return n;
}

size_t qg_cues_builtin_faults(size_t *patterns) {
  size_t faults = 0;
  *patterns = 0;
  pthread_once(&builtin_once, builtin_build);
  if (!builtin) return 1;
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    for (size_t i = 0; i < builtin->s[sec].nre; i++) {
      URegularExpression *re = builtin_pattern(sec, i);
      UErrorCode st = U_ZERO_ERROR;
      URegularExpression *cl = re ? uregex_clone(re, &st) : NULL;
      faults += !cl || U_FAILURE(st) || too_slow(cl);
      faults += !builtin->s[sec].pc || builtin_pcre(sec, i) == PC_ICU; /* each runs on PCRE2 */
      if (cl) uregex_close(cl);
      ++*patterns;
    }
  }
  return faults;
}

qg_cues *qg_cues_new_as_written(void) {
  char err[256];
  return cues_build(NULL, false, false, err, sizeof err);
}

/* ICU's engine on t[0..n) (UTF-8, byte offsets), as match_from runs it: 1 with m as
 * match_pcre's, 0 for no match, -1 for an error. */
static int icu_run(URegularExpression *re, const char *t, size_t n, bool anchored, size_t from,
                   size_t m[4]) {
  UErrorCode st = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, t, (int64_t)n, &st);
  uregex_setUText(re, &ut, &st);
  UBool ok;
  if (anchored) {
    ok = uregex_lookingAt64(re, 0, &st);
  } else {
    uregex_setRegion64(re, (int64_t)from, (int64_t)n, &st);
    uregex_useTransparentBounds(re, true, &st);
    ok = uregex_findNext(re, &st);
  }
  if (U_SUCCESS(st) && ok) {
    m[0] = m[2] = (size_t)uregex_start64(re, 0, &st);
    m[1] = m[3] = (size_t)uregex_end64(re, 0, &st);
    if (uregex_groupCount(re, &st) >= 1 && uregex_start64(re, 1, &st) >= 0) {
      m[2] = (size_t)uregex_start64(re, 1, &st);
      m[3] = (size_t)uregex_end64(re, 1, &st);
    }
  }
  UErrorCode st2 = U_ZERO_ERROR;
  uregex_setText(re, u"", 0, &st2);
  utext_close(&ut);
  return U_FAILURE(st) ? -1 : ok;
}

static size_t tail_from(const char *s, size_t n, size_t max);

size_t qg_cues_engine_faults(const char *t, size_t n, size_t *runs, size_t *matches) {
  pthread_once(&builtin_once, builtin_build);
  if (!builtin) return 1;
  qg_cues *c = calloc(1, sizeof *c);
  if (!c) return 1;
  c->t8 = t;
  c->n8 = n;
  /* where match_from starts: the text's start, and the tail searches' starts (tail_from), a
   * third and two thirds in (character boundaries) */
  size_t from[4] = {0, tail_from(t, n, 240), n / 3, 2 * n / 3};
  for (int k = 2; k < 4; k++)
    while (from[k] < n && ((unsigned char)t[from[k]] & 0xC0) == 0x80) from[k]++;
  size_t faults = 0;
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    for (size_t i = 0; i < builtin->s[sec].nre; i++) {
      pcre2_code *pc = builtin_pcre(sec, i), *pj = pc != PC_ICU ? builtin_jit(sec, i) : NULL;
      URegularExpression *re = builtin_pattern(sec, i);
      UErrorCode st = U_ZERO_ERROR;
      URegularExpression *cl = re ? uregex_clone(re, &st) : NULL;
      if (pc == PC_ICU || !cl || U_FAILURE(st)) {
        faults++;
        if (cl) uregex_close(cl);
        continue;
      }
      for (int k = -1; k < 4; k++) { /* -1: anchored at the start */
        size_t a[4] = {0}, b[4] = {0}, j[4] = {0};
        int ra = icu_run(cl, t, n, k < 0, k < 0 ? 0 : from[k], a);
        int rb = match_pcre(c, pc, k < 0, 0, k < 0 ? 0 : from[k], b);
        /* and the machine code, where PCRE2 makes it */
        int rj = pj ? match_pcre(c, pj, k < 0, 0, k < 0 ? 0 : from[k], j) : rb;
        if (!pj) memcpy(j, b, sizeof j);
        ++*runs;
        *matches += ra == 1;
        bool differ = ra != rb || (ra == 1 && memcmp(a, b, sizeof a)) || rj != rb || memcmp(j, b, sizeof j);
        faults += differ;
        if (differ && getenv("QG_ENGINE_DEBUG")) /* (for whoever debugs test_engines) */
          fprintf(stderr, "[%s] %zu from %zu (anchored %d): ICU %d %zu-%zu group %zu-%zu, PCRE2 %d %zu-%zu group %zu-%zu\n",
                  sections[sec].name, i, k < 0 ? 0 : from[k], k < 0, ra, a[0], a[1], a[2], a[3], rb,
                  b[0], b[1], b[2], b[3]);
      }
      uregex_close(cl);
    }
  }
  qg_cues_free(c);
  return faults;
}

/* Whether two sets (either NULL) are the same */
static bool same_set(const USet *a, const USet *b) {
  return (!a && !b) || (a && b && uset_equals(a, b));
}

size_t qg_cues_tables_faults(size_t *patterns, bool *used) {
  pthread_once(&builtin_once, builtin_build);
  char err[256];
  qg_cues *here = cues_build_with(NULL, true, true, false, err, sizeof err);
  lazy_all(builtin); /* (the sets the tables make when needed, all of them) */
  size_t faults = !builtin || !here;
  *patterns = 0;
  *used = builtin && builtin->tables;
  for (int sec = 0; !faults && sec < SEC_COUNT_; sec++) {
    const cue_list *a = &builtin->s[sec], *b = &here->s[sec];
    faults += a->nre != b->nre;
    for (size_t i = 0; i < a->nre && i < b->nre; i++, ++*patterns)
      faults += !same_set(a->first[i], b->first[i]) + !same_set(a->last[i], b->last[i]) +
                !same_set(a->second[i], b->second[i]) + !same_set(a->penult[i], b->penult[i]) +
                !same_set(a->alpha[i], b->alpha[i]) +
                (a->at_start[i] != b->at_start[i]);
    faults += !same_set(a->first_all, b->first_all) || a->all_at_start != b->all_at_start;
  }
  if (!faults)
    faults += !builtin->han != !here->han ||
              (here->han && (builtin->han_len != here->han_len || memcmp(builtin->han, here->han, here->han_len)));
  qg_cues_free(here);
  return faults;
}

size_t qg_cues_serial_faults(size_t *patterns, bool *used) {
  pthread_once(&builtin_once, builtin_build);
  size_t faults = !builtin || !builtin->tables, k = 0;
  *patterns = 0;
  *used = false;
  for (int sec = 0; !faults && sec < SEC_COUNT_; sec++) {
    for (size_t i = 0; i < builtin->s[sec].nre; i++, k++) {
      const cue_list *b = &builtin->s[sec];
      pcre2_code *pc = compile_pcre(b->src[i], b->srclen[i], builtin->han, builtin->han_len);
      pthread_mutex_lock(&builtin_mu);
      pcre2_code *dc = builtin_decode(k);
      pthread_mutex_unlock(&builtin_mu);
      *used |= dc != NULL;
      const pcre2_code *one = pc;
      uint8_t *bytes = NULL;
      PCRE2_SIZE size = 0, psize = 0, dsize = 0;
      if (pc && (pcre2_serialize_encode(&one, 1, &bytes, &size, NULL) != 1 ||
                 pcre2_pattern_info(pc, PCRE2_INFO_SIZE, &psize)))
        faults++;
      if (dc && pcre2_pattern_info(dc, PCRE2_INFO_SIZE, &dsize)) faults++;
      size_t at = qg_gen_pcre_at[k], len = qg_gen_pcre_at[k + 1] - at;
      /* the table's bytes are those serialized here (a decoded pattern is no longer: it owns
       * its copy of the character tables), and it decodes to a pattern of the same size; that
       * it matches as compiled, test_engines finds */
      faults += !pc != !len || !pc != !dc || psize != dsize || len != size + (8 - size % 8) % 8 ||
                (size && memcmp(bytes, qg_gen_pcre_code + at, size));
      pcre2_serialize_free(bytes);
      pcre2_code_free(pc);
      pcre2_code_free(dc);
      ++*patterns;
    }
  }
  return faults;
}

#ifdef QG_CUES_GEN
/* Writes a set's ranges into the table being made: its first range's index, or -1 for none;
 * a set the same as one written before (done[0..*ndone), at done_at) is that one. */
static int32_t gen_put(FILE *out, const USet *set, int32_t *at, int32_t *count, const USet **done,
                       int32_t (*done_at)[2], size_t *ndone) {
  *count = -1;
  if (!set) return -1;
  for (size_t j = 0; j < *ndone; j++)
    if (uset_equals(done[j], set)) return *count = done_at[j][1], done_at[j][0];
  int32_t from = *at, items = uset_getItemCount(set);
  for (int32_t k = 0; k < items; k++) {
    UErrorCode ec = U_ZERO_ERROR;
    UChar32 a, b;
    if (uset_getItem(set, k, &a, &b, NULL, 0, &ec) != 0) return -2; /* a string: not written */
    fprintf(out, "%s0x%X,0x%X,", (*at - from) % 4 ? "" : "\n ", (unsigned)a, (unsigned)b);
    ++*at;
  }
  *count = *at - from;
  done[*ndone] = set;
  done_at[*ndone][0] = from;
  done_at[(*ndone)++][1] = *count;
  return from;
}

/* A C string constant NAME holding s[0..n) */
static void gen_string(FILE *out, const char *name, const char *s, size_t n) {
  fprintf(out, "static const char %s[] =\n \"", name);
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch < 0x20 || ch >= 0x7F || ch == '"' || ch == '\\' || ch == '?') fprintf(out, "\\%03o", ch);
    else fputc(ch, out);
    if (i % 64 == 63) fputs("\"\n \"", out);
  }
  fputs("\";\n", out);
}

/* The code points of ICU's set key that PCRE2's class cls (with PCRE2_UCP) leaves out, written
 * out as ranges (malloc'd, [] for none; NULL when it cannot be made); *ok: PCRE2's class holds
 * nothing ICU's set does not (else the patterns that use it stay on ICU's engine). Every code
 * point is tried once (a third of a second at build time). */
static char *pcre_extra(const char *key, const char *cls, bool *ok) {
  UErrorCode st = U_ZERO_ERROR;
  UChar u[32];
  int32_t ul = 0;
  u_strFromUTF8(u, 32, &ul, key, -1, &st);
  USet *set = U_SUCCESS(st) ? uset_openPattern(u, ul, &st) : NULL, *extra = uset_openEmpty();
  char pat[64];
  snprintf(pat, sizeof pat, "^%s$", cls);
  int e;
  PCRE2_SIZE at;
  pcre2_code *pc = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &e, &at, NULL);
  pcre2_match_data *md = pc ? pcre2_match_data_create_from_pattern(pc, NULL) : NULL;
  char *r = NULL;
  *ok = true;
  if (set && extra && U_SUCCESS(st) && md) {
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      char b[4];
      size_t n = qg_utf8_encode((uint32_t)c, b);
      bool in_p = pcre2_match(pc, (PCRE2_SPTR)b, n, 0, 0, md, NULL) >= 0, in_i = uset_contains(set, c);
      if (in_i && !in_p) uset_add(extra, c);
      if (in_p && !in_i) *ok = false;
    }
    UChar p16[4096];
    int32_t n16 = uset_toPattern(extra, p16, 4096, true, &st), n8 = 0;
    if (U_SUCCESS(st) && n16 < 4096) u_strToUTF8(NULL, 0, &n8, p16, n16, &st);
    if (n16 < 4096 && (U_SUCCESS(st) || st == U_BUFFER_OVERFLOW_ERROR)) {
      st = U_ZERO_ERROR;
      if ((r = malloc((size_t)n8 + 1))) u_strToUTF8(r, n8 + 1, NULL, p16, n16, &st);
      if (U_FAILURE(st)) free(r), r = NULL;
    }
  }
  pcre2_match_data_free(md);
  pcre2_code_free(pc);
  if (set) uset_close(set);
  if (extra) uset_close(extra);
  return r;
}

/* The built-in patterns compiled as compile_pcre compiles them with the sets ps, serialized
 * one by one (see builtin_decode), each from a multiple of 8 bytes; 0 or 1. */
static int gen_pcre(FILE *out, const pcre_sets *ps) {
  char build[QG_PCRE_BUILD_MAX];
  pcre_build(build);
  fprintf(out, "static const char qg_gen_pcre_build[] = \"%s\";\n", build);
  size_t at = 0, k = 0;
  fputs("static const uint32_t qg_gen_pcre_at[] = {", out);
  qg_buf code = QG_BUF_INIT;
  for (int sec = 0; sec < SEC_COUNT_; sec++)
    for (size_t i = 0; i < builtin->s[sec].nre; i++, k++) {
      const cue_list *b = &builtin->s[sec];
      pcre2_code *pc = compile_pcre_with(b->src[i], b->srclen[i], builtin->han, builtin->han_len, ps);
      uint8_t *bytes = NULL;
      PCRE2_SIZE size = 0;
      const pcre2_code *one = pc;
      if (pc && pcre2_serialize_encode(&one, 1, &bytes, &size, NULL) != 1) {
        pcre2_code_free(pc);
        qg_buf_free(&code);
        return 1;
      }
      fprintf(out, "%s%zu,", k % 12 ? "" : "\n ", at);
      static const char pad[8];
      if (bytes && (qg_buf_put(&code, (const char *)bytes, size) ||
                    qg_buf_put(&code, pad, (8 - size % 8) % 8))) {
        pcre2_serialize_free(bytes);
        pcre2_code_free(pc);
        qg_buf_free(&code);
        return 1;
      }
      at = code.len;
      pcre2_serialize_free(bytes);
      pcre2_code_free(pc);
    }
  fprintf(out, "%zu};\n_Alignas(8) static const unsigned char qg_gen_pcre_code[%zu] = {", at,
          code.len ? code.len : 1);
  for (size_t i = 0; i < code.len; i++)
    fprintf(out, "%s%u,", i % 24 ? "" : "\n ", (unsigned)(unsigned char)code.ptr[i]);
  fputs(code.len ? "};\n" : "0};\n", out);
  qg_buf_free(&code);
  return 0;
}

int qg_cues_gen_tables(FILE *out) {
  pthread_once(&builtin_once, builtin_build);
  if (!builtin || !builtin->han) return 1;
  lazy_all(builtin);
  UVersionInfo v;
  char uv[U_MAX_VERSION_STRING_LENGTH];
  u_getUnicodeVersion(v);
  u_versionToString(v, uv);
  fprintf(out, "/* generated by qg_cue_gen (tools/cue_gen.c, stages/cues.c) from dicts/structure-cues.txt\n"
               " * with ICU %s (Unicode %s): the built-in cue patterns' analysis (cues.c, gen_tables) */\n",
          U_ICU_VERSION, uv);
  fprintf(out, "static const char qg_gen_unicode[] = \"%s\";\n", uv);
  fprintf(out, "static const size_t qg_gen_cue_len = %zu;\n", qg_cues_default_len);
  fprintf(out, "static const uint64_t qg_gen_cue_sum = 0x%016llXull;\n",
          (unsigned long long)cue_sum(qg_cues_default, qg_cues_default_len));
  gen_string(out, "qg_gen_han", builtin->han, builtin->han_len);
  /* what ICU's \d and \p{Z} (in \s) hold that PCRE2's do not, for the patterns on PCRE2
   * (to_pcre): PCRE2's own Unicode tables may be of another version */
  bool nd_ok = false, z_ok = false;
  char *nd = pcre_extra("[\\p{Nd}]", "\\d", &nd_ok), *z = pcre_extra("[\\p{Z}]", "\\p{Z}", &z_ok);
  if (!nd || !z) {
    free(nd);
    free(z);
    return 1;
  }
  gen_string(out, "qg_gen_nd", nd, strlen(nd));
  gen_string(out, "qg_gen_z", z, strlen(z));
  fprintf(out, "static const bool qg_gen_nd_ok = %s, qg_gen_z_ok = %s;\n", nd_ok ? "true" : "false",
          z_ok ? "true" : "false");
  const pcre_sets sets = {z, nd, z_ok, nd_ok};
  int rc = gen_pcre(out, &sets);
  free(nd);
  free(z);
  if (rc) return 1;
  /* the ranges first, then each pattern's place in them */
  fputs("static const int32_t qg_gen_ranges[] = {", out);
  int32_t at = 0;
  size_t npat = 0;
  for (int sec = 0; sec < SEC_COUNT_; sec++) npat += builtin->s[sec].nre;
  int32_t(*idx)[10] = calloc(npat ? npat : 1, sizeof *idx), (*done_at)[2] = calloc(5 * npat + 1, sizeof *done_at);
  const USet **done = calloc(5 * npat + 1, sizeof *done);
  if (!done_at || !done) free(idx), idx = NULL;
  size_t k = 0, ndone = 0;
  for (int sec = 0; idx && sec < SEC_COUNT_; sec++)
    for (size_t i = 0; i < builtin->s[sec].nre; i++, k++) {
      idx[k][0] = gen_put(out, builtin->s[sec].first[i], &at, &idx[k][1], done, done_at, &ndone);
      idx[k][2] = gen_put(out, builtin->s[sec].last[i], &at, &idx[k][3], done, done_at, &ndone);
      idx[k][4] = gen_put(out, builtin->s[sec].second[i], &at, &idx[k][5], done, done_at, &ndone);
      idx[k][6] = gen_put(out, builtin->s[sec].penult[i], &at, &idx[k][7], done, done_at, &ndone);
      idx[k][8] = gen_put(out, builtin->s[sec].alpha[i], &at, &idx[k][9], done, done_at, &ndone);
      if (idx[k][0] == -2 || idx[k][2] == -2 || idx[k][4] == -2 || idx[k][6] == -2 || idx[k][8] == -2) {
        free(idx), idx = NULL;
        break;
      }
    }
  free(done_at);
  free(done);
  if (!idx) return 1;
  fputs("0};\n", out);
  fputs("static const struct qg_gen_pat {\n  int32_t first, nfirst, last, nlast, second, nsecond, penult,"
        " npenult, alpha, nalpha;\n"
        "  bool at_start;\n} qg_gen_pats[] = {\n", out);
  /* in the order the text is read (parse): the sections as they come in the file */
  k = 0;
  for (int sec = 0; sec < SEC_COUNT_; sec++)
    for (size_t i = 0; i < builtin->s[sec].nre; i++, k++)
      fprintf(out, "  {%d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %s}, /* [%s] %zu */\n", idx[k][0],
              idx[k][1], idx[k][2], idx[k][3], idx[k][4], idx[k][5], idx[k][6], idx[k][7], idx[k][8],
              idx[k][9],
              builtin->s[sec].at_start[i] ? "true" : "false",
              sections[sec].name, i);
  fprintf(out, "};\nstatic const size_t qg_gen_npats = %zu;\n", npat);
  /* where each section's patterns start, and how many it has */
  fputs("static const uint32_t qg_gen_sec[][2] = {", out);
  k = 0;
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    fprintf(out, "{%zu, %zu},", k, builtin->s[sec].nre);
    k += builtin->s[sec].nre;
  }
  fprintf(out, "};\n_Static_assert(sizeof qg_gen_sec / sizeof *qg_gen_sec == %d, \"the cue sections\");\n",
          SEC_COUNT_);
  /* each section's first_bmp (finish_sections), by its place + 1 in qg_gen_bmp (0: none) */
  fputs("static const uint8_t qg_gen_bmp_of[] = {", out);
  int nbmp = 0;
  for (int sec = 0; sec < SEC_COUNT_; sec++)
    fprintf(out, "%d,", builtin->s[sec].first_bmp ? ++nbmp : 0);
  fprintf(out, "};\n_Alignas(64) static const uint8_t qg_gen_bmp[%d][0x10000 / 8] = {", nbmp ? nbmp : 1);
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    const uint8_t *m = builtin->s[sec].first_bmp;
    if (!m) continue;
    fputs("\n {", out); /* (runs of zeros as the zeros C fills in after an index) */
    for (size_t i = 0; i < 0x10000 / 8; i++) {
      if (!m[i]) continue;
      fprintf(out, "[%zu]=%u,", i, (unsigned)m[i]);
    }
    fputs("},", out);
  }
  fputs(nbmp ? "\n};\n" : "{0}};\n", out);
  free(idx);
  return ferror(out) ? 1 : 0;
}
#endif

int qg_cues_check(const char *path, char *err, size_t errlen) {
  qg_cues *c = qg_cues_new(path, err, errlen);
  if (!c) return QG_ERR_USAGE;
  qg_cues_free(c);
  return 0;
}

/* ---- measuring a block ------------------------------------------------------------------ */

static bool is_closer(uint32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')' ||
         c == 0x3011 || c == '"' || c == '\'' || c == 0x300B ||
         /* vertical closers and ｣, which a later pass may make horizontal: ﹂ ﹄ ︶ ︸ ︺ ︼ ︾
          * ﹀ ﹈ ︘ (review 16b R2: 明天见︒﹂ was taken for a cut and joined across a blank) */
         c == 0xFE42 || c == 0xFE44 || c == 0xFE36 || c == 0xFE38 || c == 0xFE3A ||
         c == 0xFE3C || c == 0xFE3E || c == 0xFE40 || c == 0xFE48 || c == 0xFE18 || c == 0xFF63;
}

/* From the character endc at offset *e of s[0..n), back over closing quotes and brackets to
 * the character they follow (not over white space): *e and *endc are then that one's. */
static void skip_closers(const char *s, size_t n, size_t *e, uint32_t *endc) {
  while (is_closer(*endc) && *e > 0) {
    size_t p = qg_utf8_prev(s, *e), q = p;
    uint32_t c = qg_utf8_next(s, n, &q);
    if (qg_cp_is_space(c)) break;
    *e = p;
    *endc = c;
  }
}
static bool is_clause(uint32_t c) {
  return c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == ',' || c == ';';
}

/* Converts s[0..n) (valid UTF-8) to c->u16 with its offset map. False when out of memory. */
static bool load_text(qg_cues *c, const char *s, size_t n) {
  if (n + 1 > c->cap16) {
    size_t cap = c->cap16 ? c->cap16 : 256;
    while (cap < n + 1) cap *= 2;
    UChar *u = realloc(c->u16, cap * sizeof *u);
    if (!u) return false;
    c->u16 = u;
    uint32_t *o = realloc(c->off, cap * sizeof *o);
    if (!o) return false;
    c->off = o;
    c->cap16 = cap;
  }
  /* a UTF-8 sequence of k bytes gives at most one UTF-16 unit per byte, so n + 1 is room */
  size_t i = 0, k = 0;
  while (i < n) {
    size_t at = i;
    uint32_t ch = qg_utf8_next(s, n, &i);
    if (ch < 0x10000) {
      c->u16[k] = (UChar)ch;
      c->off[k++] = (uint32_t)at;
    } else {
      c->u16[k] = (UChar)(0xD7C0 + (ch >> 10));
      c->off[k++] = (uint32_t)at;
      c->u16[k] = (UChar)(0xDC00 | (ch & 0x3FF));
      c->off[k++] = (uint32_t)at;
    }
  }
  c->off[k] = (uint32_t)n;
  c->n16 = k;
  return true;
}

/* UTF-16 index of byte offset b (a character boundary). */
static size_t u16_index(const qg_cues *c, size_t b) {
  size_t lo = 0, hi = c->n16;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->off[mid] < b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The first character of t[base_b..n) and the last, as the patterns' filters use them: -1
 * when the text is empty, the last -2 when it is a line terminator (before which $ matches
 * too). */
static void ends_of(const char *t, size_t n, size_t base_b, UChar32 *first, UChar32 *last) {
  *first = *last = -1;
  if (base_b >= n) return;
  size_t k = base_b;
  *first = (UChar32)qg_utf8_next(t, n, &k);
  k = qg_utf8_prev(t, n);
  UChar32 l = (UChar32)qg_utf8_next(t, n, &k);
  if ((l >= 0x0A && l <= 0x0D) || l == 0x85 || l == 0x2028 || l == 0x2029) l = -2;
  *last = l;
}

/* The second character of t[base_b..n) and the one before its last (-1: none, the text holds
 * one character or none) */
static UChar32 char_second(const char *t, size_t n, size_t base_b) {
  size_t k = base_b;
  if (k < n) qg_utf8_next(t, n, &k);
  return k < n ? (UChar32)qg_utf8_next(t, n, &k) : -1;
}
static UChar32 char_before_last(const char *t, size_t n, size_t base_b) {
  if (base_b >= n) return -1;
  size_t k = qg_utf8_prev(t, n);
  if (k <= base_b) return -1;
  size_t j = qg_utf8_prev(t, k);
  return (UChar32)qg_utf8_next(t, k, &j);
}

/* Where a match of a pattern ending in $ can start in t[from_b..n), the text not ending in a
 * line terminator (the match then ends at n): after the last character before n that the
 * pattern's characters, alpha, do not hold (n when the last is one). A search from there finds
 * the match a search from from_b finds (the leftmost, and none starts before there). */
static size_t tail_start(const char *t, size_t n, size_t from_b, const USet *alpha) {
  size_t k = n;
  while (k > from_b) {
    size_t j = qg_utf8_prev(t, k), at = j;
    if (!uset_contains(alpha, (UChar32)qg_utf8_next(t, k, &at))) break;
    k = j;
  }
  return k;
}

/* Texts longer than this (bytes) are matched on their UTF-8 through a UText (match_from). */
#ifndef QG_CUES_UTF8_FROM
#define QG_CUES_UTF8_FROM 4096
#endif

/* Runs the patterns of a section on the text from byte base_b on, anchored at its start
 * (lookingAt) or searching (find) from byte from_b to the end; returns true on a match with its
 * span and group 1 (or the whole match when there is no group), as byte offsets of the block.
 * The patterns run on the UTF-16 copy, made on the first pattern that passes the filters. */
/* Whether a pattern of section sec of c can start with first (at or above U+10000, past the
 * bitmap): the section's union of first sets, made when first needed (lazy_first_all; out of
 * memory: it can, the section runs). */
static bool starts_beyond(qg_cues *c, int sec, UChar32 first) {
  cue_list *l = &c->s[sec];
  if (l->first_all == SET_LAZY) {
    USet *a = lazy_first_all(c->lazy_sets ? c : builtin, sec);
    if (!a) return true;
    l->first_all = a;
  }
  return uset_contains(l->first_all, first);
}

#ifdef QG_CHECK_CUES
#define match_from match_filtered
#endif
static bool match_from(qg_cues *c, int sec, bool anchored, size_t base_b, size_t from_b,
                       size_t *mstart, size_t *mend, size_t *gstart, size_t *gend) {
  cue_list *l = &c->s[sec];
  const char *t = c->t8;
  size_t n = c->n8;
  /* the first character of the text, for the first-character sets, and the last, for the
   * last-character sets (measured once per block for the text from its start) */
  UChar32 first = c->first0, lastc = c->last0;
  if (base_b) ends_of(t, n, base_b, &first, &lastc);
  /* the second character and the one before the last, read when a filter needs them (-3: not
   * yet; -1: the text holds one character) */
  UChar32 second = -3, penult = -3;
  /* no pattern of the section can start a match with the first character (what the test
   * per pattern below finds, in one test) */
  if (l->first_all && !c->no_prefilter && (anchored || (l->all_at_start && from_b == base_b)) &&
      (first < 0 || !(first < 0x10000 ? l->first_bmp[first >> 3] >> (first & 7) & 1
                                       : starts_beyond(c, sec, first))))
    return false;
  size_t base = 0, from = 0;
  const uint32_t *off = NULL;
  /* a long text (a paragraph joined from many cut lines: the repair stage measures it again
   * after each join) is matched on its UTF-8 bytes through a UText, not copied whole to UTF-16
   * each time: the patterns read only its start or its tail */
  bool utf8 = n - base_b > QG_CUES_UTF8_FROM;
  size_t i0 = 0, i1 = l->nre;
  if (c->only) i0 = c->only - 1, i1 = c->only < i1 ? c->only : i1;
  for (size_t i = i0; i < i1; i++) {
    /* a match of a pattern ending in $ ends at the end of the text */
    if (!c->no_prefilter && lastc != -2) {
      const USet *ls = filter_set(c, sec, i, FILTER_LAST);
      if (ls && (lastc < 0 || !uset_contains(ls, lastc))) continue;
      const USet *ps = filter_set(c, sec, i, FILTER_PENULT);
      if (ps) {
        if (penult == -3) penult = char_before_last(t, n, base_b);
        if (penult < 0 || !uset_contains(ps, penult)) continue;
      }
    }
    /* a match at the start (lookingAt, or a search for a pattern that starts with ^) must
     * start with a character of the pattern's first set */
    bool at_base = anchored || (l->at_start[i] && from_b == base_b);
    if (!c->no_prefilter && at_base) {
      const USet *fs = filter_set(c, sec, i, FILTER_FIRST);
      if (fs && (first < 0 || !uset_contains(fs, first))) continue;
      const USet *ss = filter_set(c, sec, i, FILTER_SECOND);
      if (ss) {
        if (second == -3) second = char_second(t, n, base_b);
        if (second < 0 || !uset_contains(ss, second)) continue;
      }
    }
    /* a match of a pattern ending in $ holds only its characters: it starts after the last
     * character of the text that it cannot hold (the tail searches for an author's name in
     * brackets then start at the bracket's clause, not 240 bytes back) */
    size_t from_i = from_b;
    const USet *as = !c->no_prefilter && lastc != -2 ? filter_set(c, sec, i, FILTER_ALPHA) : NULL;
    if (as) {
      from_i = tail_start(t, n, from_b, as);
      if (from_i >= n || (at_base && from_i > base_b)) continue;
      if (at_base) from_i = from_b;
    }
    if (i < l->nre_shared && builtin && builtin->s[sec].pc) {
      pcre2_code *pc = builtin_pcre(sec, i);
      if (pc != PC_ICU && l->pc_runs) { /* a pattern run often runs on the machine code */
        if (l->pc_runs[i] >= QG_CUES_JIT_AFTER) {
          pcre2_code *pj = builtin_jit(sec, i);
          if (pj) pc = pj;
        } else {
          l->pc_runs[i]++;
        }
      }
      if (pc != PC_ICU) {
        size_t m[4];
        int r = match_pcre(c, pc, anchored, base_b, from_i, m);
        if (r < 0) return false;
        if (!r) continue;
        if (mstart) *mstart = m[0];
        if (mend) *mend = m[1];
        if (gstart) *gstart = m[2];
        if (gend) *gend = m[3];
        return true;
      }
    }
    URegularExpression *re = pattern_at(c, sec, i);
    if (!re) continue;
    if (utf8) {
      UErrorCode st = U_ZERO_ERROR;
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, t + base_b, (int64_t)(n - base_b), &st);
      c->runs++;
      uregex_setUText(re, &ut, &st); /* the matcher keeps a shallow clone */
      UBool ok;
      if (anchored) {
        ok = uregex_lookingAt64(re, 0, &st);
      } else {
        uregex_setRegion64(re, (int64_t)(from_i - base_b), (int64_t)(n - base_b), &st);
        uregex_useTransparentBounds(re, true, &st);
        ok = uregex_findNext(re, &st);
      }
      int64_t s0 = 0, e0 = 0, gs = 0, ge = 0;
      if (U_SUCCESS(st) && ok) {
        s0 = uregex_start64(re, 0, &st), e0 = uregex_end64(re, 0, &st);
        gs = s0, ge = e0;
        if (uregex_groupCount(re, &st) >= 1) {
          gs = uregex_start64(re, 1, &st);
          ge = uregex_end64(re, 1, &st);
          if (gs < 0) gs = s0, ge = e0;
        }
      }
      if (st == U_REGEX_TIME_OUT) c->timeouts++;
      UErrorCode st2 = U_ZERO_ERROR; /* let go of the text before it goes, even after an error */
      uregex_setText(re, u"", 0, &st2);
      utext_close(&ut);
      if (U_FAILURE(st) || !ok) continue;
      if (mstart) *mstart = base_b + (size_t)s0;
      if (mend) *mend = base_b + (size_t)e0;
      if (gstart) *gstart = base_b + (size_t)gs;
      if (gend) *gend = base_b + (size_t)ge;
      return true;
    }
    if (!off) { /* the first pattern to run: the UTF-16 copy and the units of the offsets */
      if (!c->loaded && !load_text(c, t, n)) return false;
      c->loaded = true;
      base = base_b ? u16_index(c, base_b) : 0;
      from = from_b == base_b ? base : u16_index(c, from_b);
      off = c->off + base;
    }
    UErrorCode st = U_ZERO_ERROR;
    c->runs++;
    uregex_setText(re, c->u16 + base, (int32_t)(c->n16 - base), &st);
    UBool ok;
    if (anchored) {
      ok = uregex_lookingAt(re, 0, &st);
    } else {
      /* a search for a tail looks at the end of the text only (transparent bounds let a
       * lookbehind see before the region) */
      size_t from16 = from_i == from_b ? from : u16_index(c, from_i);
      uregex_setRegion(re, (int32_t)(from16 - base), (int32_t)(c->n16 - base), &st);
      uregex_useTransparentBounds(re, true, &st);
      ok = uregex_findNext(re, &st);
    }
    if (st == U_REGEX_TIME_OUT) c->timeouts++;
    if (U_FAILURE(st) || !ok) continue;
    int32_t s = uregex_start(re, 0, &st), e = uregex_end(re, 0, &st);
    int32_t gs = s, ge = e;
    if (uregex_groupCount(re, &st) >= 1) {
      gs = uregex_start(re, 1, &st);
      ge = uregex_end(re, 1, &st);
      if (gs < 0) gs = s, ge = e;
    }
    if (U_FAILURE(st)) continue;
    if (mstart) *mstart = off[s];
    if (mend) *mend = off[e];
    if (gstart) *gstart = off[gs];
    if (gend) *gend = off[ge];
    return true;
  }
  return false;
}

#ifdef QG_CHECK_CUES
#undef match_from
static void check_report(void);
static void qg_cues_check_once(void) { atexit(check_report); }
/* The filters' proof (a debug build: cmake -DCMAKE_C_FLAGS=-DQG_CHECK_CUES): every search runs
 * with the filters (the first, second, next-to-last and last characters, and where a tail
 * search starts) and again without them, and the two must find the same match, or none; a
 * difference aborts the program. At exit it says how many searches it compared. */
static size_t check_searches, check_runs_saved;
static void check_report(void) {
  fprintf(stderr, "QG_CHECK_CUES: %zu searches compared, %zu pattern runs skipped by the filters, "
          "no difference\n", check_searches, check_runs_saved);
}
static bool match_from(qg_cues *c, int sec, bool anchored, size_t base_b, size_t from_b,
                       size_t *mstart, size_t *mend, size_t *gstart, size_t *gend) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, qg_cues_check_once);
  size_t a[4] = {0}, b[4] = {0}, runs = c->runs;
  bool ra = match_filtered(c, sec, anchored, base_b, from_b, &a[0], &a[1], &a[2], &a[3]);
  if (!c->no_prefilter) {
    size_t runs_with = c->runs - runs;
    c->no_prefilter = true;
    bool rb = match_filtered(c, sec, anchored, base_b, from_b, &b[0], &b[1], &b[2], &b[3]);
    c->no_prefilter = false;
    if (ra != rb || (ra && memcmp(a, b, sizeof a))) {
      fprintf(stderr, "QG_CHECK_CUES: [%s] %s from %zu (base %zu): with the filters %d %zu-%zu, "
              "without %d %zu-%zu, on: %.*s\n", sections[sec].name, anchored ? "anchored" : "search",
              from_b, base_b, ra, a[0], a[1], rb, b[0], b[1], (int)c->n8, c->t8);
      abort();
    }
    __atomic_add_fetch(&check_searches, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&check_runs_saved, (c->runs - runs - runs_with) - runs_with, __ATOMIC_RELAXED);
  }
  if (ra) {
    if (mstart) *mstart = a[0];
    if (mend) *mend = a[1];
    if (gstart) *gstart = a[2];
    if (gend) *gend = a[3];
  }
  return ra;
}
#endif

/* Whether match_from's first test over the whole text (base and start 0) rules section sec
 * out: no pattern of it starts with the text's first character. Most of finish's matches end
 * there (a block opens with a Han character that opens no dateline, caption, subhead or
 * byline), so finish asks it in line before the call; match_from asks it again. Not in a
 * QG_CHECK_CUES build, whose match_filtered compares every search with the filters and
 * without them. */
static inline bool first_rules_out(qg_cues *c, int sec, bool anchored) {
#ifdef QG_CHECK_CUES
  (void)c, (void)sec, (void)anchored;
  return false;
#else
  const cue_list *l = &c->s[sec];
  UChar32 first = c->first0;
  return l->first_all && !c->no_prefilter && (anchored || l->all_at_start) &&
         (first < 0 || (first < 0x10000 && !(l->first_bmp[first >> 3] >> (first & 7) & 1)));
#endif
}

static bool match(qg_cues *c, int sec, bool anchored, size_t *mstart, size_t *mend,
                  size_t *gstart, size_t *gend) {
  if (first_rules_out(c, sec, anchored)) return false;
  return match_from(c, sec, anchored, 0, 0, mstart, mend, gstart, gend);
}

size_t qg_cues_filter_faults(qg_cues *c, const char *t, size_t n, size_t *runs, size_t *skipped) {
  c->t8 = t;
  c->n8 = n;
  c->loaded = false;
  ends_of(t, n, 0, &c->first0, &c->last0);
  /* where the searches start: the text's start, after its first character (a byline after an
   * ornament), the tail searches' start, and a character boundary half way */
  size_t one = 0, half = n / 2;
  if (n) qg_utf8_next(t, n, &one);
  while (half < n && ((unsigned char)t[half] & 0xC0) == 0x80) half++;
  const size_t from[4] = {0, one, tail_from(t, n, 240), half};
  size_t faults = 0;
  bool was = c->no_prefilter;
  for (int sec = 0; sec < SEC_COUNT_; sec++) {
    if (!sections[sec].pattern) continue;
    for (size_t i = 0; i < c->s[sec].nre; i++) {
      c->only = i + 1;
      for (int k = 0; k < 6; k++) {
        bool anchored = k >= 4;
        size_t base = k == 1 || k == 5 ? one : 0, fr = anchored ? base : from[k];
        size_t a[4] = {0}, b[4] = {0}, r0 = c->runs;
        c->no_prefilter = false;
        bool ra = match_from(c, sec, anchored, base, fr, &a[0], &a[1], &a[2], &a[3]);
        size_t r1 = c->runs;
        c->no_prefilter = true;
        bool rb = match_from(c, sec, anchored, base, fr, &b[0], &b[1], &b[2], &b[3]);
        ++*runs;
        *skipped += (c->runs - r1) - (r1 - r0);
        if (ra != rb || (ra && memcmp(a, b, sizeof a))) {
          faults++;
          if (getenv("QG_FILTER_DEBUG")) /* (for whoever debugs test_filters) */
            fprintf(stderr, "[%s] %zu %s from %zu (base %zu): filtered %d %zu-%zu, all %d %zu-%zu: %.*s\n",
                    sections[sec].name, i, anchored ? "anchored" : "search", fr, base, ra, a[0],
                    a[1], rb, b[0], b[1], (int)n, t);
        }
      }
    }
  }
  c->only = 0;
  c->no_prefilter = was;
  return faults;
}

/* Start of the last `max` bytes of s[0..n), on a character boundary. */
static size_t tail_from(const char *s, size_t n, size_t max) {
  if (n <= max) return 0;
  size_t i = n - max;
  while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
  return i;
}

static bool literal_eq(const cue_list *l, const char *s, size_t n) {
  if (n && !(l->lead[(unsigned char)s[0] >> 3] >> ((unsigned char)s[0] & 7) & 1))
    return false; /* no literal starts with its first byte (most blocks: a Han character) */
  for (size_t i = 0; i < l->nlit; i++)
    if (l->litlen[i] == n && (!n || l->lit[i][0] == s[0]) && !memcmp(l->lit[i], s, n)) return true;
  return false;
}
static bool literal_prefix(const cue_list *l, const char *s, size_t n) {
  for (size_t i = 0; i < l->nlit; i++) {
    size_t k = l->litlen[i];
    if (k < n && !memcmp(l->lit[i], s, k)) return true;
  }
  return false;
}
static bool literal_suffix(const cue_list *l, const char *s, size_t n) {
  for (size_t i = 0; i < l->nlit; i++) {
    size_t k = l->litlen[i];
    if (k < n && !memcmp(l->lit[i], s + n - k, k)) return true;
  }
  return false;
}

/* ---- the scan: counts over the characters --------------------------------------------------
 * Every character that is no ASCII letter or digit and no common Han character (U+4E00..U+9FFF)
 * is looked at on its own (mark); the others only count (characters, and non-Han for the
 * letters and digits). With SSE2 sixteen bytes are classified at a time: the counted ones add
 * up in byte lanes, and the others' lead bytes are a bit mask walked one by one. The scan can
 * resume at the end of what it scanned when text is appended (qg_cues_measure_more). */

/* The previous character before offset at that is not white space (0: none): the one a mark
 * follows. */
static uint32_t prev_char(const char *s, size_t n, size_t at) {
  while (at > 0) {
    size_t p = qg_utf8_prev(s, at), k = p;
    uint32_t c = qg_utf8_next(s, n, &k);
    if (!qg_cp_is_space(c)) return c;
    at = p;
  }
  return 0;
}

/* The character right before offset *at (0 at the start), *at moved to it. */
static uint32_t char_before(const char *s, size_t n, size_t *at) {
  if (!*at) return 0;
  *at = qg_utf8_prev(s, *at);
  size_t k = *at;
  return qg_utf8_next(s, n, &k);
}

/* Whether the . at offset at follows a quiz answer's letter: one capital A-H right after 答案 or
 * 答 and a colon, or after 答案是 / 答案为 (第3题答案:C.第4题): the punct stage makes it 。
 * (answer_letter there, probe 23 L6), so the scan counts a stop, and a second clean sees the
 * sentence the first did (review: a second clean joined the paragraph to the next). */
static bool answer_dot(const char *s, size_t n, size_t at) {
  uint32_t x = char_before(s, n, &at);
  if (x < 'A' || x > 'H') return false;
  uint32_t c = char_before(s, n, &at);
  bool colon = c == ':' || c == 0xFF1A;
  if (!colon && c != 0x662F && c != 0x4E3A) return false; /* 是 为 */
  uint32_t h = char_before(s, n, &at);
  if (h == 0x6848) return char_before(s, n, &at) == 0x7B54; /* 答案 */
  return colon && h == 0x7B54;                               /* 答: */
}

/* The next character after the one at offset at that is not white space (0: none). */
static uint32_t next_char(const char *s, size_t n, size_t at) {
  qg_utf8_next(s, n, &at);
  while (at < n) {
    uint32_t c = qg_utf8_next(s, n, &at);
    if (!qg_cp_is_space(c)) return c;
  }
  return 0;
}

static bool is_opener(uint32_t c) {
  return c == 0x201C || c == 0x2018 || c == 0x300C || c == 0x300E || c == 0xFF08 || c == '(' ||
         c == '[' || c == 0x3010 || c == 0x300A || c == 0x3008;
}
static bool is_closer(uint32_t c);

/* How a straight double quote at offset at counts (as the punct stage pairs it; a second run
 * sees the curly mark it became): it leans open after a space, the paragraph start, an opening
 * bracket or quote, or a colon; it leans close before a space, the paragraph end, a closing
 * mark or a sentence-internal mark. One that leans neither way closes an open quotation, or
 * else opens one. */
static void straight_quote(qg_scan *st, const char *s, size_t n, size_t at) {
  uint32_t p = 0, q;
  if (at > 0) {
    size_t k = qg_utf8_prev(s, at);
    p = qg_utf8_next(s, n, &k);
  }
  size_t k = at + 1;
  q = k < n ? qg_utf8_next(s, n, &k) : 0;
  bool lean_open = !p || qg_cp_is_space(p) || is_opener(p) || p == 0xFF1A || p == ':';
  bool lean_close = !q || qg_cp_is_space(q) || (is_closer(q) && q != '"') || q == 0xFF0C ||
                    q == 0x3002 || q == 0x3001 || q == 0xFF1B || q == 0xFF1A || q == 0xFF01 ||
                    q == 0xFF1F || (q < 0x80 && strchr(",.;:!?", (int)q));
  if (lean_open && !lean_close) st->quotes++;
  else if (lean_close && !lean_open) st->quotes -= st->quotes > 0;
  else if (st->quotes > 0) st->quotes--;
  else st->quotes++;
}

static bool zh_numeral(uint32_t c) {
  return c == 0x3007 || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
         c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341 || c == 0x767E ||
         c == 0x5343 || c == 0x96F6 || c == 0x4E24;
}

/* Whether the ASCII dot at s[at] follows Chinese numerals and ends no sentence, as the punct
 * stage decides (numeral_dot there; probe 20 H5): the label of a heading at the start of the
 * text (一.指导思想, 第一章.总则, 卷一.诗话, (一).加强领导) and the dot between a month and a day
 * in Chinese numerals (一二.九运动, 九.一八事变), Han right after it. */
/* A reviewer's masked name before the colon (用户j***a：, 138****0000：, 小***子：; probe 22 H10):
 * 2 to 12 characters of Han, ASCII letters and digits and *, with a run of two or more * after
 * a first character that is none (**Q: is Markdown's bold); the count of its Han characters,
 * at least 1, or 0. */
static int masked_name(const char *s, size_t n) {
  size_t i = 0;
  int chars = 0, han = 0, run = 0;
  bool mask = false;
  while (i < n && chars <= 12) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0xFF1A || c == ':') return mask && chars >= 2 && i < n ? (han ? han : 1) : 0;
    if (c == '*') {
      if (!chars) return 0;
      if (++run >= 2) mask = true;
    } else {
      run = 0;
      if (qg_cp_is_han(c)) han++;
      else if (!(c < 0x80 && (((c | 0x20) - (uint32_t)'a' < 26) || c - (uint32_t)'0' < 10)))
        return 0;
    }
    chars++;
  }
  return 0;
}

int qg_text_speaker(const char *s, size_t n, int *pics) {
  /* (a masked name holds a * among its first 25 bytes: most lines are let go at once) */
  if (n > 3 && memchr(s + 1, '*', n < 25 ? n - 1 : 24)) {
    if (pics) *pics = 0;
    int m = masked_name(s, n);
    if (m) return m;
  }
  size_t i = 0;
  int label = 0, pic = 0;
  if (pics) *pics = 0;
  while (i < n && label <= 4 && pic <= 3) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0xFF1A || c == ':') {
      if (!label || i >= n) return 0;
      if (pics) *pics = pic;
      return label;
    }
    if (qg_cp_is_han(c) && !pic) {
      label++;
    } else if (label && ((c >= 0x2300 && c <= 0x23FF) || (c >= 0x2600 && c <= 0x27BF) ||
                         (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x1F000 && c <= 0x1FAFF))) {
      pic++;
    } else if (!(pic && (c == 0xFE0F || c == 0x200D))) {
      return 0;
    }
  }
  return 0;
}

/* Walks back over the Han characters before *end, at most max + 1 of them (more than max:
 * max + 1 is returned); *end moves to the first, *c receives the character that stopped the
 * walk, or the last one read when s begins there (0 when none was read). */
static int poet_han_back(const char *s, size_t n, size_t *end, int max, uint32_t *c) {
  int h = 0;
  *c = 0;
  while (*end > 0 && h <= max) {
    size_t p = qg_utf8_prev(s, *end), i = p;
    *c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_han(*c)) break;
    *end = p;
    h++;
  }
  return h;
}

int qg_text_poet(const char *s, size_t n) {
  size_t end = n;
  uint32_t c = 0;
  while (end > 0) { /* white space at the end */
    size_t p = qg_utf8_prev(s, end), i = p;
    if (!qg_cp_is_space(qg_utf8_next(s, n, &i))) break;
    end = p;
  }
  int h = poet_han_back(s, n, &end, 4, &c);
  if (h < 2 || h > 4) return QG_POET_NONE;
  size_t start = 0;
  while (start < end && (s[start] == ' ' || s[start] == '\t')) start++;
  if (end == start) return QG_POET_NAME;
  end = qg_utf8_prev(s, end); /* c: the character before the name */
  bool dot = c == 0xB7 || c == 0x30FB || c == 0xFF0E;
  if (!dot && c != ')' && c != 0xFF09 && c != 0x3015 && c != ']' && c != 0xFF3D && c != 0x3011)
    return QG_POET_NONE;
  int d = poet_han_back(s, n, &end, 2, &c);
  if (!d || d > 2) return QG_POET_NONE;
  if (dot) return end == start ? (d == 1 ? QG_POET_DYNASTY : QG_POET_DOT) : QG_POET_NONE;
  if (c != '(' && c != 0xFF08 && c != 0x3014 && c != '[' && c != 0xFF3B && c != 0x3010)
    return QG_POET_NONE;
  /* the bracket opens the line or follows the title (《登鹳雀楼》(唐)王之涣), not a word
   * (…（彩色）或显示) */
  end = qg_utf8_prev(s, end);
  if (end <= start) return QG_POET_DYNASTY;
  size_t p = qg_utf8_prev(s, end), i = p;
  c = qg_utf8_next(s, n, &i);
  return c == 0x300B || qg_cp_is_space(c) ? QG_POET_TITLED : QG_POET_NONE;
}

int qg_text_qa_label(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && i < 2 && (s[i] == '*' || s[i] == '_')) i++;
  if (n - i < 4 || (s[i] != 'Q' && s[i] != 'A')) return 0;
  size_t k = i + 1;
  if (s[k] == ':') k++;
  else if (n - k >= 3 && !memcmp(s + k, "\xEF\xBC\x9A", 3)) k += 3;
  else return 0;
  return k < n ? s[i] : 0;
}

bool qg_text_code_line(const char *t, size_t n, size_t i) {
  if (i >= n) return false;
  for (size_t k = 0; k < i; k++)
    if (t[k] != ' ' && t[k] != '\t') return false;
  bool sign = false;
  for (size_t k = i; k < n; k++) {
    unsigned char c = (unsigned char)t[k];
    if (c >= 0x80 || (c < 0x20 && c != '\t')) return false;
    if (c == '=' || c == '{' || c == '}') sign = true;
    else if (c == '(' && k > i && (isalnum((unsigned char)t[k - 1]) || t[k - 1] == '_'))
      sign = true;
  }
  size_t m = n;
  while (m > i && (t[m - 1] == ' ' || t[m - 1] == '\t')) m--;
  /* a ; ends a statement (int n;); inside a line it parts English clauses as often (The
   * minister said …; it ends …, Tel: …; Fax: …: review 21) */
  if (sign || (m > i && t[m - 1] == ';')) return true;
  /* (a keyword that opens a statement; if, for, while, … only with the colon that ends the
   * statement's head, as English prose that opens with if has none) */
  static const char *const kw[] = {"def ", "class ", "return", "import ", "#include", "#define",
                                   NULL};
  static const char *const head[] = {"if ", "elif ", "else", "for ", "while ", "try",
                                     "except", "with ", NULL};
  for (int k = 0; kw[k]; k++)
    if (m - i >= strlen(kw[k]) && !memcmp(t + i, kw[k], strlen(kw[k]))) return true;
  if (m == i || t[m - 1] != ':') return false;
  for (int k = 0; head[k]; k++)
    if (m - i >= strlen(head[k]) && !memcmp(t + i, head[k], strlen(head[k]))) return true;
  return false;
}

unsigned qg_text_form_fields(const char *s, size_t n) {
  size_t i = 0;
  unsigned fields = 0;
  bool start = true;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      start = true;
      continue;
    }
    if (!start) continue;
    start = false;
    if (!qg_cp_is_han(c)) continue;
    size_t at = qg_utf8_prev(s, i), after = 0;
    if (qg_text_label(s + at, n - at, QG_FORM_LABEL, &after) && at + after < n &&
        !qg_cp_is_space((uint32_t)(unsigned char)s[at + after]))
      fields++;
  }
  return fields;
}

bool qg_text_numeral_dot(const char *s, size_t n, size_t at) {
  size_t k = at + 1;
  uint32_t r = k < n ? qg_utf8_next(s, n, &k) : 0;
  if (!qg_cp_is_han(r) || !at) return false;
  size_t j = at, e;
  uint32_t c = qg_utf8_next(s, n, &(size_t){qg_utf8_prev(s, j)});
  bool bracket = c == ')' || c == 0xFF09;
  if (bracket || (!zh_numeral(c) && (c == 0x7AE0 || c == 0x8282 || c == 0x56DE || c == 0x6761 ||
                                     c == 0x7F16 || c == 0x7BC7 || c == 0x90E8)))
    j = qg_utf8_prev(s, j); /* 章 节 回 条 编 篇 部 */
  else if (!zh_numeral(c))
    return false;
  e = j;
  unsigned nums = 0;
  while (j > 0 && nums < 4) {
    size_t q = qg_utf8_prev(s, j), t = q;
    if (!zh_numeral(qg_utf8_next(s, n, &t))) break;
    j = q, nums++;
  }
  if (!nums || nums > 3) return false;
  if (!bracket && e == at && nums <= 2 && zh_numeral(r)) { /* a month and a day */
    unsigned after = 1;
    size_t q = k;
    while (q < n && after < 4) {
      size_t t = q;
      if (!zh_numeral(qg_utf8_next(s, n, &t))) break;
      q = t, after++;
    }
    if (after <= 3) return true;
  }
  if (j > 0) { /* 第 卷 before the numerals, or the bracket's opening */
    size_t q = qg_utf8_prev(s, j), t = q;
    c = qg_utf8_next(s, n, &t);
    if (bracket ? (c == '(' || c == 0xFF08) : (c == 0x7B2C || c == 0x5377)) j = q;
    else if (bracket) return false;
  } else if (bracket) {
    return false;
  }
  while (j > 0) { /* the text's start, past white space */
    size_t q = qg_utf8_prev(s, j), t = q;
    if (!qg_cp_is_space(qg_utf8_next(s, n, &t))) return false;
    j = q;
  }
  return true;
}

/* A character that is not an ASCII letter or digit nor common Han, at offset at. */
static inline void mark(qg_scan *st, const char *s, size_t n, size_t at, uint32_t ch) {
  if (qg_cp_is_space(ch)) {
    st->ideo_spaces += ch == 0x3000;
    return;
  }
  st->chars++;
  if (ch < 0x80) {
    st->non_han++;
    switch (ch) {
    case '.': case '!': case '?': {
      /* after Han, or after a closing bracket or quote (过滤器(见上).然后: the punct stage makes
       * it 。, so a second run must see the same sentence the first did); ! and ? also before
       * Han or a Chinese mark (Eng?设置: the punct stage makes it ？) */
      uint32_t p = prev_char(s, n, at);
      /* a dot between two characters of a transliterated name (乔治.华盛顿) is the name's ·,
       * as the punct stage makes it: no stop */
      if (ch == '.' && qg_cp_is_translit(p) && qg_cp_is_translit(next_char(s, n, at))) break;
      /* nor one after Chinese numerals that the punct stage leaves (一.指导思想, 一二.九运动) */
      if (ch == '.' && (zh_numeral(p) || p == ')' || p == 0xFF09 || qg_cp_is_han(p)) &&
          qg_text_numeral_dot(s, n, at))
        break;
      /* a straight single quote after Han closes a quotation there ('双减'. 家长们: the punct
       * stage makes it ‘双减’。, probe 9 F11) */
      bool squote = false;
      if (p == '\'') {
        size_t k = at;
        while (k > 0) {
          size_t q = qg_utf8_prev(s, k), j = q;
          uint32_t c = qg_utf8_next(s, n, &j);
          k = q;
          if (!qg_cp_is_space(c)) break;
        }
        squote = qg_cp_is_han(prev_char(s, n, k));
      }
      if (qg_cp_is_han(p) || p == ')' || p == 0xFF09 || p == 0x201D || p == 0x300B || p == '"' ||
          squote || (ch == '.' && answer_dot(s, n, at))) {
        st->stops++;
        st->last_stop_at = at;
      } else if (ch != '.') {
        uint32_t q = next_char(s, n, at);
        if (qg_cp_is_han(q) || (q >= 0x80 && qg_cp_is_cjk_punct(q))) {
          st->stops++;
          st->last_stop_at = at;
        }
      }
      break;
    }
    case '"': straight_quote(st, s, n, at); break;
    case ',': {
      uint32_t p = prev_char(s, n, at);
      if (!(p >= '0' && p <= '9')) st->commas++;
      break;
    }
    case ';': st->commas++; break;
    case '(': st->depth++; break;
    case ')': if (st->depth > 0) st->depth--; break;
    default: break;
    }
    return;
  }
  switch (ch) { /* the marks (none of them Han) */
  case 0x3002: case 0xFF01: case 0xFF1F: /* 。！？ */
    st->stops++;
    st->last_stop_at = at;
    break;
  case 0xFF0C: case 0x3001: case 0xFF1B: st->commas++; break; /* ，、； */
  case 0x300A: case 0xFF08: case 0x3008: case 0x3010: st->depth++; break; /* 《（〈【 */
  case 0x300B: case 0xFF09: case 0x3009: case 0x3011: /* 》）〉】 */
    if (st->depth > 0) st->depth--;
    break;
  case 0x201C: st->quotes++; break;
  case 0x201D: if (st->quotes > 0) st->quotes--; break;
  /* the vertical brackets the character stage left unpaired in the block (﹁我们 | 明天再来︒﹂
   * on two lines of the line layout, its partner in the next block): an opener with text
   * after it opens as “ and 《 do, so that repair joins the two (review 16b R3); a face's
   * ╯︵ ┻━┻ has none. ﹁ ﹃ are quotation marks, the others brackets. */
  case 0xFE41: case 0xFE43: case 0xFE35: case 0xFE37: case 0xFE39: case 0xFE3B: case 0xFE3D:
  case 0xFE3F: case 0xFE47: case 0xFE17: {
    uint32_t q = next_char(s, n, at);
    if (qg_cp_is_han(q) || (q - (uint32_t)'0' < 10u) || ((q | 0x20) - (uint32_t)'a' < 26u)) {
      if (ch == 0xFE41 || ch == 0xFE43) st->quotes++;
      else st->depth++;
    }
    break;
  }
  case 0xFE42: case 0xFE44: if (st->quotes > 0) st->quotes--; break;
  case 0xFE36: case 0xFE38: case 0xFE3A: case 0xFE3C: case 0xFE3E: case 0xFE40: case 0xFE48:
  case 0xFE18:
    if (st->depth > 0) st->depth--;
    break;
  case 0xFF10: case 0xFF11: case 0xFF12: case 0xFF13: case 0xFF14: /* full-width digits */
  case 0xFF15: case 0xFF16: case 0xFF17: case 0xFF18: case 0xFF19: st->digits++; break;
  default:
    if (!qg_cp_is_han(ch)) st->non_han++;
    return;
  }
  st->non_han++;
}

/* What mark does with an ASCII byte, for the SSE2 scan's walk over the others (0: call mark):
 * AM_PLAIN counts a character that is no Han (every printable mark but . ! ? " , ; ( ), and
 * mark's switch has no case for it), AM_TAB is white space; ; ( ) count as mark counts them;
 * a . or a , is decided here when the byte before it tells (mark reads the character before it,
 * past white space). */
enum { AM_CALL, AM_PLAIN, AM_TAB, AM_SEMI, AM_OPEN, AM_CLOSE, AM_DOT, AM_COMMA };
static const unsigned char ascii_mark[128] = {
    ['\t'] = AM_TAB, ['#'] = AM_PLAIN, ['$'] = AM_PLAIN, ['%'] = AM_PLAIN, ['&'] = AM_PLAIN,
    ['\''] = AM_PLAIN, ['*'] = AM_PLAIN, ['+'] = AM_PLAIN, ['-'] = AM_PLAIN, ['/'] = AM_PLAIN,
    [':'] = AM_PLAIN, ['<'] = AM_PLAIN, ['='] = AM_PLAIN, ['>'] = AM_PLAIN, ['@'] = AM_PLAIN,
    ['['] = AM_PLAIN, ['\\'] = AM_PLAIN, [']'] = AM_PLAIN, ['^'] = AM_PLAIN, ['_'] = AM_PLAIN,
    ['`'] = AM_PLAIN, ['{'] = AM_PLAIN, ['|'] = AM_PLAIN, ['}'] = AM_PLAIN, ['~'] = AM_PLAIN,
    [';'] = AM_SEMI, ['('] = AM_OPEN, [')'] = AM_CLOSE, ['.'] = AM_DOT, [','] = AM_COMMA};

/* Counts the ASCII mark u[k] (k > 0) as mark would, when ascii_mark says how without the
 * characters around it; false: mark must look. A . after a small letter or a digit is no stop
 * (mark's tests all ask for Han, a closing mark, a quote or a capital A-H before it: 3.14,
 * example.com); a , after a digit is no clause mark, after any other character but white space
 * (its last byte is no space, TAB, 80 or A0) it is. */
static inline bool ascii_counted(qg_scan *st, const unsigned char *u, size_t k) {
  unsigned char p = u[k - 1];
  switch (ascii_mark[u[k]]) {
  case AM_PLAIN: break;
  case AM_TAB: return true;
  case AM_SEMI: st->commas++; break;
  case AM_OPEN: st->depth++; break;
  case AM_CLOSE: if (st->depth > 0) st->depth--; break;
  case AM_DOT:
    if (!(p - (unsigned)'0' < 10u || p - (unsigned)'a' < 26u)) return false;
    break;
  case AM_COMMA: /* (after white space mark looks past it: a space, a TAB, the end of U+3000
                   * or of U+00A0) */
    if (p <= 0x20 || p == 0x7F || p == 0x80 || p == 0xA0) return false;
    st->commas += !(p - (unsigned)'0' < 10u);
    break;
  default: return false;
  }
  st->chars++, st->non_han++;
  return true;
}

/* The characters of a block of scan's that are neither Han, Latin, a digit, a space nor a
 * continuation byte: the bits of others (lanes from u + at), in order. */
static inline __attribute__((always_inline)) void scan_others(qg_scan *st, const char *s, size_t n, size_t at,
                                                              uint32_t others) {
  const unsigned char *u = (const unsigned char *)s;
  while (others) {
    size_t k = at + (size_t)__builtin_ctz(others);
    others &= others - 1;
    if (u[k] < 0x80 && k > 0 && ascii_counted(st, u, k)) continue;
    /* ， and 。 (most of the marks) without decoding: as mark counts them */
    if (u[k] == 0xEF && u[k + 1] == 0xBC && u[k + 2] == 0x8C) { /* U+FF0C */
      st->chars++, st->non_han++, st->commas++;
      continue;
    }
    if (u[k] == 0xE3 && u[k + 1] == 0x80 && u[k + 2] == 0x82) { /* U+3002 */
      st->chars++, st->non_han++, st->stops++;
      st->last_stop_at = k;
      continue;
    }
    size_t e = k;
    uint32_t ch = qg_utf8_next(s, n, &e);
    mark(st, s, n, k, ch);
  }
}

#if QG_HAVE_AVX2
/* scan's blocks thirty-two bytes a step (session 51, s51-avx): the whole blocks from i (a
 * character start) while i + 32 <= n, the same tests lane for lane; returns where they end (the
 * rest is left to the sixteen-byte blocks, whose last one is masked: a last block of thirty-two
 * masked so cost more on s2, 504.00 M against 503.63 M). */
static QG_AVX2 size_t scan_avx2(qg_scan *st, const char *s, size_t n, size_t i) {
  const unsigned char *u = (const unsigned char *)s;
  const __m256i cont_lim = _mm256_set1_epi8(-64), x20 = _mm256_set1_epi8(0x20),
                ka = _mm256_set1_epi8((char)(0x80 - 'a')), l26 = _mm256_set1_epi8((char)(0x80 + 26)),
                k0 = _mm256_set1_epi8((char)(0x80 - '0')), l10 = _mm256_set1_epi8((char)(0x80 + 10)),
                ke5 = _mm256_set1_epi8((char)(0x80 - 0xE5)), l5 = _mm256_set1_epi8((char)(0x80 + 5)),
                e4 = _mm256_set1_epi8((char)0xE4), kb8 = _mm256_set1_epi8((char)(0x80 - 0xB8)),
                l8 = _mm256_set1_epi8((char)(0x80 + 8)), sp = _mm256_set1_epi8(' '),
                zero = _mm256_setzero_si256();
  __m256i acc_chars = zero, acc_latin = zero, acc_digits = zero;
  unsigned blocks = 0;
  while (i + 32 <= n) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(u + i)),
            y = _mm256_loadu_si256((const __m256i *)(u + i + 1));
    __m256i cont = _mm256_cmpgt_epi8(cont_lim, x);
    __m256i digit = _mm256_cmpgt_epi8(l10, _mm256_add_epi8(x, k0));
    __m256i latin = _mm256_or_si256(_mm256_cmpgt_epi8(l26, _mm256_add_epi8(_mm256_or_si256(x, x20), ka)), digit);
    __m256i han = _mm256_or_si256(_mm256_cmpgt_epi8(l5, _mm256_add_epi8(x, ke5)),
                                  _mm256_and_si256(_mm256_cmpeq_epi8(x, e4),
                                                   _mm256_cmpgt_epi8(l8, _mm256_add_epi8(y, kb8))));
    __m256i counted = _mm256_or_si256(latin, han);
    __m256i skip = _mm256_or_si256(cont, _mm256_cmpeq_epi8(x, sp));
    uint32_t others = ~(uint32_t)_mm256_movemask_epi8(_mm256_or_si256(counted, skip));
    acc_chars = _mm256_sub_epi8(acc_chars, counted);
    acc_latin = _mm256_sub_epi8(acc_latin, latin);
    acc_digits = _mm256_sub_epi8(acc_digits, digit);
    scan_others(st, s, n, i, others);
    i += 32;
    if (++blocks == 255 || i + 32 > n) {
      __m256i c = _mm256_sad_epu8(acc_chars, zero), l = _mm256_sad_epu8(acc_latin, zero),
              d = _mm256_sad_epu8(acc_digits, zero);
      uint64_t sum[12];
      _mm256_storeu_si256((__m256i *)sum, c);
      _mm256_storeu_si256((__m256i *)(sum + 4), l);
      _mm256_storeu_si256((__m256i *)(sum + 8), d);
      st->chars += (uint32_t)(sum[0] + sum[1] + sum[2] + sum[3]);
      st->non_han += (uint32_t)(sum[4] + sum[5] + sum[6] + sum[7]);
      st->digits += (uint32_t)(sum[8] + sum[9] + sum[10] + sum[11]);
      acc_chars = acc_latin = acc_digits = zero;
      blocks = 0;
    }
  }
  return i;
}
#endif

/* scan's work: the AVX2 blocks first when use_avx. */
static void scan_run(qg_scan *st, const char *s, size_t n, bool use_avx) {
  (void)use_avx;
  const unsigned char *u = (const unsigned char *)s;
  size_t i = st->end;
#if QG_HAVE_AVX2
  if (use_avx && i + 32 <= n) {
    i = scan_avx2(st, s, n, i);
    if (i >= n) {
      st->end = n;
      return;
    }
  }
#endif
#ifdef __SSE2__
  /* sixteen bytes and the byte after them (E4's second byte) are read: up to u[n], the NUL */
  if (n >= 16 && i < n) {
    const __m128i cont_lim = _mm_set1_epi8(-64), x20 = _mm_set1_epi8(0x20),
                  ka = _mm_set1_epi8((char)(0x80 - 'a')), l26 = _mm_set1_epi8((char)(0x80 + 26)),
                  k0 = _mm_set1_epi8((char)(0x80 - '0')), l10 = _mm_set1_epi8((char)(0x80 + 10)),
                  ke5 = _mm_set1_epi8((char)(0x80 - 0xE5)), l5 = _mm_set1_epi8((char)(0x80 + 5)),
                  e4 = _mm_set1_epi8((char)0xE4), kb8 = _mm_set1_epi8((char)(0x80 - 0xB8)),
                  l8 = _mm_set1_epi8((char)(0x80 + 8)), sp = _mm_set1_epi8(' '),
                  zero = _mm_setzero_si128();
    __m128i acc_chars = zero, acc_latin = zero, acc_digits = zero;
    unsigned blocks = 0;
    for (;;) {
      /* the last block is the text's last sixteen bytes, those before i masked off */
      size_t at = i + 16 <= n ? i : n - 16;
      __m128i x = _mm_loadu_si128((const __m128i *)(u + at)),
              y = _mm_loadu_si128((const __m128i *)(u + at + 1));
      __m128i cont = _mm_cmplt_epi8(x, cont_lim);
      __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, k0), l10);
      __m128i latin = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, x20), ka), l26), digit);
      __m128i han = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(x, ke5), l5),
                                 _mm_and_si128(_mm_cmpeq_epi8(x, e4),
                                               _mm_cmplt_epi8(_mm_add_epi8(y, kb8), l8)));
      __m128i counted = _mm_or_si128(latin, han);
      /* the others, but for continuation bytes and spaces (white space changes nothing) */
      __m128i skip = _mm_or_si128(cont, _mm_cmpeq_epi8(x, sp));
      unsigned others = (unsigned)_mm_movemask_epi8(_mm_or_si128(counted, skip)) ^ 0xFFFFu;
      if (at != i) { /* lanes before i were scanned */
        __m128i m = _mm_loadu_si128((const __m128i *)(tail_lanes + 16 - (i - at)));
        counted = _mm_and_si128(counted, m);
        latin = _mm_and_si128(latin, m);
        digit = _mm_and_si128(digit, m);
        others &= 0xFFFFu << (i - at);
      }
      acc_chars = _mm_sub_epi8(acc_chars, counted);
      acc_latin = _mm_sub_epi8(acc_latin, latin);
      acc_digits = _mm_sub_epi8(acc_digits, digit);
      scan_others(st, s, n, at, others);
      i = at + 16;
      if (++blocks == 255 || i >= n) {
        __m128i c = _mm_sad_epu8(acc_chars, zero), l = _mm_sad_epu8(acc_latin, zero);
        st->chars += (uint32_t)(_mm_cvtsi128_si32(c) + _mm_cvtsi128_si32(_mm_srli_si128(c, 8)));
        st->non_han += (uint32_t)(_mm_cvtsi128_si32(l) + _mm_cvtsi128_si32(_mm_srli_si128(l, 8)));
        __m128i d = _mm_sad_epu8(acc_digits, zero);
        st->digits += (uint32_t)(_mm_cvtsi128_si32(d) + _mm_cvtsi128_si32(_mm_srli_si128(d, 8)));
        acc_chars = acc_latin = acc_digits = zero;
        blocks = 0;
      }
      if (i >= n) break;
    }
    st->end = n;
    return;
  }
#endif
  while (i < n) {
    if (qg_utf8_common_han(u + i)) {
      st->chars++;
      i += 3;
    } else if ((unsigned)((u[i] | 0x20) - 'a') < 26 || (unsigned)(u[i] - '0') < 10) {
      st->chars++;
      st->non_han++;
      st->digits += (unsigned)(u[i] - '0') < 10;
      i++;
    } else {
      size_t at = i;
      mark(st, s, n, at, qg_utf8_next(s, n, &i));
    }
  }
  st->end = n;
}

/* Scans s[st->end..n) (st->end at a character start) into st: thirty-two bytes a step where the
 * CPU has AVX2; a build with -DQG_CHECK_AVX scans the SSE2 way too and aborts where the two
 * differ. */
static void scan(qg_scan *st, const char *s, size_t n) {
#ifdef QG_CHECK_AVX
  qg_scan ref = *st;
  scan_run(&ref, s, n, false);
#endif
  scan_run(st, s, n, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  if (ref.end != st->end || ref.chars != st->chars || ref.commas != st->commas || ref.stops != st->stops ||
      ref.non_han != st->non_han || ref.digits != st->digits || ref.ideo_spaces != st->ideo_spaces ||
      ref.last_stop_at != st->last_stop_at || ref.depth != st->depth || ref.quotes != st->quotes) {
    fprintf(stderr, "QG_CHECK_AVX: scan differs on %zu bytes\n", n);
    abort();
  }
#endif
}

static void finish(qg_cues *c, const char *s, size_t n, const qg_scan *st, qg_feat *f);

/* Where the marks at the end of s[0..n) start that count by what follows them (a straight
 * quote, ! and ?, a dot, which is no stop between transliterated names, and a vertical opener,
 * which opens only before text), and the white space among them (mark skips every kind of it:
 * U+3000 and U+00A0 too): the scan of a text that may be appended to stops there, so that the
 * appended text is seen after them (a paragraph joined from parts measures as the same text
 * measured whole; a ? before U+3000 at a part's end was no stop, and one in the whole text
 * before Han). */
static size_t held_from(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  while (n > 0) {
    unsigned char z = u[n - 1];
    if (z >= 0x80 && z != 0x80 && z != 0xA0 && (n < 3 || u[n - 3] != 0xEF)) {
      break; /* (most texts: 。 or Han) */
    } else if (z < 64 && ((1ull << z) & (1ull << '"' | 1ull << '?' | 1ull << '!' | 1ull << ' ' |
                                         1ull << '\t'))) {
      n--;
    } else if (z == '.') { /* (no stop only after a transliterated name's character: 乔治.) */
      unsigned char y = n >= 2 ? u[n - 2] : 0;
      uint32_t p = n >= 4 && (u[n - 4] & 0xF0) == 0xE0 && y >= 0x80
                       ? (uint32_t)(u[n - 4] & 0x0F) << 12 | (uint32_t)(u[n - 3] & 0x3F) << 6 | (y & 0x3Fu)
                       : y; /* (the character before it; white space looked past below) */
      if (qg_cp_is_space(p) || (p >= 0x80 && p < 0x800)) p = prev_char(s, n, n - 1);
      if (!qg_cp_is_translit(p)) break;
      n--;
    } else if (z < 0x80 || n < 2) {
      break;
    } else if (z == 0xA0 && u[n - 2] == 0xC2) { /* U+00A0 */
      n -= 2;
    } else if (n < 3) {
      break;
    } else if (u[n - 3] == 0xE3 ? u[n - 2] == 0x80 && z == 0x80 /* U+3000 */
               : u[n - 3] == 0xEF && (u[n - 2] == 0xB8 || u[n - 2] == 0xB9) &&
                     (u[n - 2] == 0xB8 ? z == 0xB5 || z == 0xB7 || z == 0xB9 || z == 0xBB ||
                                             z == 0xBD || z == 0xBF || z == 0x97
                                       : z == 0x81 || z == 0x83 || z == 0x87)) {
      n -= 3; /* U+3000; ︵ ︷ ︹ ︻ ︽ ︿ ︗ (EF B8 …), ﹁ ﹃ ﹇ (EF B9 …) */
    } else {
      break;
    }
  }
  return n;
}

/* Scans s[st->end..n) into st, which stops before the held marks at the end (held_from), and
 * the whole of it into *all. */
static void scan_held(qg_scan *st, qg_scan *all, const char *s, size_t n) {
  size_t h = held_from(s, n);
  if (h > st->end) scan(st, s, h);
  *all = *st;
  scan(all, s, n);
}

void qg_cues_measure(qg_cues *c, qg_block *b, qg_feat *f) {
  if (!b->feat_ok) {
    qg_scan st = {.last_stop_at = SIZE_MAX};
    scan(&st, b->text.ptr, b->text.len);
    finish(c, b->text.ptr, b->text.len, &st, &b->feat);
    b->feat_ok = true;
  }
  *f = b->feat;
}

void qg_cues_measure_more(qg_cues *c, qg_block *b, qg_scan *st, qg_feat *f) {
  if (st->end > b->text.len || st->end == 0) *st = (qg_scan){.last_stop_at = SIZE_MAX};
  qg_scan all;
  scan_held(st, &all, b->text.ptr, b->text.len);
  finish(c, b->text.ptr, b->text.len, &all, &b->feat);
  b->feat_ok = true;
  *f = b->feat;
}

/* The features from the counts: how the text ends, the cue patterns. */
/* An item label at the start of a text, before Chinese (Han or “《（【「): 1) 1） (one or two
 * digits, ASCII or full-width), a) A. A、 (one ASCII letter), Ⅰ. Ⅱ、 (a Roman numeral), each
 * with ) ） . ． or 、 (GB/T 1.1 lists, Roman and letter points; probe 10a F17). Not a word
 * (ab.), not 1)。. A `[subhead]` number like those of the cue file, tested in code: three
 * patterns cost every block a regex match each. */
static bool item_label(const char *s, size_t n) {
  unsigned char b0 = n ? (unsigned char)s[0] : 0;
  if (b0 >= 0xE3 && b0 != 0xEF) return false; /* (most blocks open with Han or a mark) */
  size_t i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (!c) return false;
  bool digit = (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
  if (digit) {
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) c = i < n ? qg_utf8_next(s, n, &i) : 0;
    if (c != ')' && c != 0xFF09) return false;
  } else if ((c < 0x80 && (c | 0x20) - 'a' < 26u) || (c >= 0x2160 && c <= 0x217F)) {
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
    if (c != ')' && c != 0xFF09 && c != '.' && c != 0xFF0E && c != 0x3001) return false;
  } else {
    return false;
  }
  c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  return qg_cp_is_han(c) || c == 0x201C || c == 0x300A || c == 0xFF08 || c == 0x3010 ||
         c == 0x300C;
}

/* A sidebar's or a note's label ([sidebar]: 相关链接 背景资料 小贴士 编者按 …) at s[i..n), in
 * 【】 or [] or not: the block is the label alone, a colon after it or not (相关链接, 小贴士：,
 * 【背景资料】), or the label and a colon (or its closing bracket) open it (编者按：今年以来…,
 * 【编者按】…). Not a word of a sentence: 相关链接的… and 相关新闻报道指出 are none (probe 17 P8). */
static bool sidebar_label(const cue_list *l, const char *s, size_t n, size_t i) {
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  bool br = false;
  if (i < n && s[i] == '[') br = true, i++;
  else if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x90", 3)) br = true, i += 3; /* 【 */
  if (i >= n || !(l->lead[(unsigned char)s[i] >> 3] >> ((unsigned char)s[i] & 7) & 1))
    return false;
  if (!l->lit_short && (n - i < 2 || !(l->lead2[lead2_key(s + i) >> 3] >> (lead2_key(s + i) & 7) & 1)))
    return false;
  for (size_t e = 0; e < l->nlit; e++) {
    size_t k = l->litlen[e], j = i + k;
    /* (the literal's last byte first: most blocks open with a Han character, as most labels
     * do, and its lead byte tells little) */
    if (!k || k > n - i || l->lit[e][k - 1] != s[j - 1] || memcmp(l->lit[e], s + i, k)) continue;
    bool sep = false;
    if (br) {
      if (j < n && s[j] == ']') j++;
      else if (n - j >= 3 && !memcmp(s + j, "\xE3\x80\x91", 3)) j += 3; /* 】 */
      else continue;
      sep = true;
    }
    while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
    if (j < n && s[j] == ':') j++, sep = true;
    else if (n - j >= 3 && !memcmp(s + j, "\xEF\xBC\x9A", 3)) j += 3, sep = true; /* ： */
    if (j >= n || sep) return true;
  }
  return false;
}

/* Whether the number that opens s (white space aside) is followed by 、: one to three numerals
 * (一 二 … 十, ASCII or full-width digits) or one ASCII letter or Roman numeral, then 、
 * (一、 12、 A、 Ⅱ、). The caller knows the text opens with a subhead number. */
static bool number_comma(const char *s, size_t n) {
  size_t i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  int k = 0;
  while (c && k < 3 && (zh_numeral(c) || c - (uint32_t)'0' < 10u || c - 0xFF10u < 10u)) {
    k++;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  if (!k && ((c < 0x80 && (c | 0x20) - (uint32_t)'a' < 26u) || (c >= 0x2160 && c <= 0x217F)))
    k = 1, c = i < n ? qg_utf8_next(s, n, &i) : 0;
  return k && c == 0x3001;
}

static void finish(qg_cues *c, const char *s, size_t n, const qg_scan *st, qg_feat *f) {
  memset(f, 0, sizeof *f);
  f->credit_tail.at = f->author_tail.at = SIZE_MAX;
  /* a row has three fields that hold a digit (ASCII or full-width), or two figures of a row of
   * cells (北京 晴 -8℃ 3℃, probe 17 P4): a text with fewer digits is none (the scan counted
   * them) */
  f->table = (st->digits >= 2 &&
              qg_text_is_table_row_digits(s, n, st->digits >= 3 ? st->digits : qg_text_digits(s, n, 3))) ||
             (st->ideo_spaces >= 4 && qg_text_is_padded_row(s, n));

  /* the text for the patterns (converted to UTF-16 when one runs) */
  c->t8 = s;
  c->n8 = n;
  c->loaded = false;
  ends_of(s, n, 0, &c->first0, &c->last0);

  f->chars = st->chars;
  f->commas = st->commas;
  f->stops = st->stops;
  f->non_han = st->non_han;
  if (!f->chars) return;
  /* the first and the last character that are not white space (those ends_of read for the
   * patterns, unless they are white space or a line's end) */
  uint32_t first = 0, last = 0;
  size_t last_off = n;
  if (c->first0 >= 0 && !qg_cp_is_space((uint32_t)c->first0)) {
    first = (uint32_t)c->first0;
  } else {
    for (size_t i = 0; i < n;) {
      first = qg_utf8_next(s, n, &i);
      if (!qg_cp_is_space(first)) break;
    }
  }
  if (c->last0 >= 0 && !qg_cp_is_space((uint32_t)c->last0)) {
    last = (uint32_t)c->last0;
    last_off = qg_utf8_prev(s, n);
  } else {
    while (last_off > 0) {
      size_t k = last_off = qg_utf8_prev(s, last_off);
      last = qg_utf8_next(s, n, &k);
      if (!qg_cp_is_space(last)) break;
    }
  }
  size_t last_stop_at = st->last_stop_at;
  f->unclosed = st->depth > 0;
  f->quote_open = st->quotes > 0;
  f->subtitle = (first == 0x2014 || first == 0x2015 || first == 0x2500 || first == '-') &&
                f->chars > 2;
  /* how the text ends: skip closing quotes and brackets back to the mark they follow */
  size_t e = last_off;
  uint32_t endc = last;
  skip_closers(s, n, &e, &endc);
  /* a short note in brackets after the last sentence (。（完）, 。（据新华社）, 。（图片由受访者提供）,
   * 。（详见表1）) ends the paragraph as the sentence before it does: the text ends there
   * (probe 9 F13) */
  if ((last == 0xFF09 || last == ')') && endc != 0x3002 && endc != 0xFF01 && endc != 0xFF1F) {
    size_t k = last_off;
    unsigned inner = 0;
    bool ok = false;
    while (k > 0 && inner <= 24) {
      size_t p = qg_utf8_prev(s, k), q = p;
      uint32_t c2 = qg_utf8_next(s, n, &q);
      if (c2 == 0xFF08 || c2 == '(') { ok = inner > 0; k = p; break; }
      if (c2 == 0xFF09 || c2 == ')' || c2 == 0x3002 || c2 == 0xFF01 || c2 == 0xFF1F ||
          c2 == 0xFF0C || c2 == ',' || c2 == 0x3001 || c2 == 0xFF1B || c2 == ';')
        break; /* a note holds no clause */
      inner++;
      k = p;
    }
    if (ok && k > 0) {
      size_t p = qg_utf8_prev(s, k), q = p;
      uint32_t c2 = qg_utf8_next(s, n, &q);
      /* an ASCII . after Han (织.(完)): the punct stage makes it 。 */
      bool dot = false;
      if (c2 == '.' && p > 0) {
        size_t p0 = qg_utf8_prev(s, p), q0 = p0;
        dot = qg_cp_is_han(qg_utf8_next(s, n, &q0));
      }
      if (c2 == 0x3002 || c2 == 0xFF01 || c2 == 0xFF1F || c2 == 0x201D || c2 == '!' ||
          c2 == '?' || dot) {
        e = p;
        endc = c2;
        skip_closers(s, n, &e, &endc); /* a closing quote after the mark (。”（完）) */
      }
    }
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
  size_t ms, me, gs, ge;
  /* a leading ornament */
  {
    size_t k = 0;
    if (n) {
      uint32_t ch = qg_utf8_next(s, n, &k);
      /* (the first byte of its UTF-8 first: literal_eq's first test, made before it is
       * encoded, rules out most blocks) */
      const cue_list *orn = &c->s[SEC_ORNAMENT];
      unsigned b0 = ch < 0x80 ? ch : ch < 0x800 ? 0xC0 | ch >> 6 : ch < 0x10000 ? 0xE0 | ch >> 12
                                                                                : 0xF0 | ch >> 18;
      char enc[4];
      if ((orn->lead[b0 >> 3] >> (b0 & 7) & 1) && literal_eq(orn, enc, qg_utf8_encode(ch, enc))) {
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
  /* a credit ends in a bracket, or (unbracketed, after the caption's last sentence) in 摄 摄影
   * 供图 (traditional 攝 圖 too), 摄影报道 (session 46, probe 46 H2), or an agency's 新华社发
   * (probe 26 H4) */
  bool credit_end = bracket_end || last == 0x6444 /*摄*/ || last == 0x5F71 /*影*/ ||
                    last == 0x56FE /*图*/ || last == 0x651D /*攝*/ || last == 0x5716 /*圖*/ ||
                    last == 0x53D1 /*发*/ || last == 0x767C /*發*/ || last == 0x9053 /*道*/;
  if (!f->credit && credit_end &&
      match_from(c, SEC_CREDIT_TAIL, false, 0, tail, &ms, &me, &gs, &ge) && ms > 0) {
    f->credit_tail.at = ms;
    f->credit_tail.keep_off = gs;
    f->credit_tail.keep_len = ge - gs;
  }
  if (!f->credit && short_block && bracket_end && match(c, SEC_AUTHOR, true, NULL, NULL, &gs, &ge)) {
    f->author = true;
    f->author_keep.at = 0;
    f->author_keep.keep_off = gs;
    f->author_keep.keep_len = ge - gs;
  } else if (bracket_end && match_from(c, SEC_AUTHOR_TAIL, false, 0, tail, &ms, &me, &gs, &ge) &&
             ms > 0) {
    f->author_tail.at = ms;
    f->author_tail.keep_off = gs;
    f->author_tail.keep_len = ge - gs;
  }
  f->caption = match(c, SEC_CAPTION, true, NULL, NULL, NULL, NULL);
  /* a subhead number at the start, of a subhead or of a numbered paragraph (一、坚持…): no
   * continuation of a cut either way, and a paragraph that grows by a join stays one */
  f->subhead_num = item_label(s, n) || match(c, SEC_SUBHEAD, true, NULL, NULL, NULL, NULL);
  /* (the 、 of the number, 一、 1、 A、, is the number's mark, no clause mark, for the display
   * line: 一、提高思想认识，压实安全责任 reads as 提高思想认识，压实安全责任 does, a display line of
   * one clause mark (qg_feat_heading; it was body text, p, beside 二、强化应急值守, a subhead:
   * probe 25 M6). f->commas still counts it: repair reads a numbered point of two clause marks
   * as body text that may be cut at the column end, 一、加强组织领导，切实把各项防汛责任落到 |
   * 实处，… (s9-structure F32)) */
  f->num_comma = f->subhead_num && f->commas && number_comma(s, n);
  /* a byline: a cue at its start (after the ornament) or its end, short, no sentence */
  if (f->chars <= 40 && !f->commas && !f->stops && f->end != QG_END_STOP) {
    bool by = false;
    if (f->ornament) {
      by = match_from(c, SEC_BYLINE, false, f->ornament, f->ornament, NULL, NULL, NULL, NULL);
    } else {
      by = match(c, SEC_BYLINE, false, NULL, NULL, NULL, NULL);
    }
    /* (a letter's salutation, 编辑同志：, opens with a role's word but names no one: the
     * letter's first line, body text; probe 25 M6) */
    f->byline = by && !f->credit && !(f->end == QG_END_COLON && qg_text_is_salutation(s, n));
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
  /* a sidebar's or a note's label, alone or opening the block with a colon */
  f->sidebar = c->s[SEC_SIDEBAR].nlit && sidebar_label(&c->s[SEC_SIDEBAR], s, n, f->ornament);
  /* the heading of a notice or an ad of a classified page (遗失声明, 招聘, 讣告): a short line
   * equal to one, after an ornament or in 【】 (■招聘, 【寻人启事】) or not (probe 17 Q2) */
  if (f->chars <= 12 && !f->commas && f->end == QG_END_NONE && c->s[SEC_NOTICE].nlit) {
    size_t a = f->ornament, z = n;
    while (a < z && (s[a] == ' ' || s[a] == '\t')) a++;
    while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
    if (z - a > 6 && !memcmp(s + a, "\xE3\x80\x90", 3) && !memcmp(s + z - 3, "\xE3\x80\x91", 3))
      a += 3, z -= 3; /* 【…】 */
    f->notice = literal_eq(&c->s[SEC_NOTICE], s + a, z - a);
    /* set letter-spaced in print, a heading comes out of extraction with spaces between its
     * characters (讣  告, 启　事, 公 告: probe 23 M2): compared without them, when every gap
     * between its Han characters is white space (the text keeps its spaces) */
    char squeezed[64];
    size_t k = 0, i = a;
    bool gaps = false, han = true;
    while (!f->notice && han && i < z && k + 4 <= sizeof squeezed) {
      size_t at = i;
      uint32_t ch = qg_utf8_next(s, z, &i);
      if (ch == ' ' || ch == '\t' || ch == 0x3000) {
        gaps = gaps || k; /* (white space before the first character was cut above) */
        continue;
      }
      han = qg_cp_is_han(ch);
      memcpy(squeezed + k, s + at, i - at);
      k += i - at;
    }
    if (!f->notice && gaps && han && i >= z) f->notice = literal_eq(&c->s[SEC_NOTICE], squeezed, k);
  }
}

bool qg_feat_heading(const qg_feat *f) {
  if (f->table) return false; /* a row of figures (1 一中队 12 8 5) is no headline */
  if (f->subtitle) /* ——访…、… : a subtitle may list, but leaves no bracket or quotation open */
    return f->chars <= 40 && f->commas <= 2 && !f->stops && f->end != QG_END_CLAUSE &&
           f->end != QG_END_STOP && !f->unclosed && !f->quote_open;
  /* a comma is rare in a headline, and only in a short one (the 、 of a number, 一、, is none) */
  if (!f->chars || f->chars > 32 || f->stops || f->unclosed || f->quote_open) return false;
  if (f->commas) {
    uint32_t commas = f->commas - f->num_comma; /* (num_comma only with a comma: finish) */
    if (commas > 1 || (commas && f->chars > 20)) return false;
  }
  if (f->byline || f->credit || f->author || f->caption || f->dateline ||
      f->author_tail.at != SIZE_MAX ||
      f->credit_tail.at != SIZE_MAX)
    return false;
  if (f->end == QG_END_CLAUSE) return false;
  if (f->end == QG_END_STOP && !(f->end_exclaim && f->chars <= 20)) return false;
  return true;
}

/* Whether a code point is a symbol or a punctuation mark: ASCII punctuation, Latin-1 signs,
 * U+2000..U+2BFF (punctuation, arrows, operators, box drawing, blocks, shapes, dingbats) but
 * not the enclosed numbers ① ⑴ ⒈ (U+2460..U+24FF), CJK marks U+3000..U+303F but not 〇 and
 * 々, and the full-width ASCII punctuation. */
static bool rule_char(uint32_t c) {
  if (c < 0x80) return c > 0x20 && c < 0x7F && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
                       !(c >= '0' && c <= '9');
  if (c >= 0xA1 && c <= 0xBF) return true;
  if (c == 0xD7 || c == 0xF7) return true;
  if (c >= 0x2460 && c <= 0x24FF) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return true;
  if (c >= 0x3000 && c <= 0x303F) return c != 0x3005 && c != 0x3007 && !(c >= 0x3021 && c <= 0x3029);
  if (c >= 0xFE30 && c <= 0xFE4F) return true;
  if (c >= 0xFF01 && c <= 0xFF0F) return true;
  if (c >= 0xFF1A && c <= 0xFF20) return true;
  if (c >= 0xFF3B && c <= 0xFF40) return true;
  if (c >= 0xFF5B && c <= 0xFF65) return true;
  return false;
}

/* A row of a table padded with ideographic spaces (指　　标　　　　单位　　数值, 地区生产总值
 * 　　　　亿元　　5678.9　5.2): two or more runs of two or more U+3000 between cells (probe 10a
 * F5). Statistical bulletins reach the desk so from word processors; equal width from the
 * padding made the page look wrapped, and the rows were glued. A byline or a law's chapter
 * (本报记者　张三　　李四, 第一章　总　　则) has one such run at most. */
static size_t find_two_ideo_spaces(const char *s, size_t n, size_t from) {
  while (from + 6 <= n) {
    const char *p = memchr(s + from, 0xE3, n - from - 5);
    if (!p) return n;
    size_t at = (size_t)(p - s);
    if (!memcmp(p, "\xE3\x80\x80\xE3\x80\x80", 6)) return at;
    from = at + 1;
  }
  return n;
}

bool qg_text_is_padded_row(const char *s, size_t n) {
  if (n > 480) return false; /* a row of 160 characters at most */
  size_t at = find_two_ideo_spaces(s, n, 0);
  if (at == 0 || at >= n) return false; /* (an indent is no cell boundary) */
  int runs = 0;
  while (at < n) {
    at += 6;
    while (n - at >= 3 && !memcmp(s + at, "\xE3\x80\x80", 3)) at += 3;
    if (at >= n) break; /* white space at the end */
    if (++runs >= 2) return true;
    at = find_two_ideo_spaces(s, n, at);
  }
  return false;
}

static bool folio_numeral(uint32_t c) {
  return (c >= '0' && c <= '9') || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB ||
         c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D ||
         c == 0x5341 || c == 0x767E || c == 0x96F6 || c == 0x3007;
}

/* Reads 第 N 页 (頁 too; or 版, unit) at s[*i..n): white space allowed around the number; before
 * 版 a letter of the section may lead it (第A3版). */
static bool folio_ordinal(const char *s, size_t n, size_t *i, uint32_t unit) {
  size_t k = *i;
  if (k >= n || qg_utf8_next(s, n, &k) != 0x7B2C /*第*/) return false;
  uint32_t c = 0;
  int d = 0;
  bool letter = unit == 0x7248 /*版*/;
  while (k < n) {
    c = qg_utf8_next(s, n, &k);
    if (qg_cp_is_space(c)) continue;
    if (letter && !d && c < 0x80 && (c | 0x20) - (uint32_t)'a' < 26u) { /* (A3: once, first) */
      letter = false;
      continue;
    }
    if (!folio_numeral(c)) break;
    if (++d > 4) return false;
  }
  if (!d || (c != unit && !(unit == 0x9875 /*页*/ && c == 0x9801 /*頁*/))) return false;
  *i = k;
  return true;
}

/* A page unit (版 页 頁) whose last byte is at s[e - 1]: 3 (its length), or 0. */
static size_t page_unit_at(const char *s, size_t e) {
  if (e < 3) return 0;
  const unsigned char *u = (const unsigned char *)s + e - 3;
  return (u[0] == 0xE7 && u[1] == 0x89 && u[2] == 0x88) /* 版 */ ||
                 (u[0] == 0xE9 && u[1] == 0xA1 && u[2] == 0xB5) /* 页 */ ||
                 (u[0] == 0xE9 && u[1] == 0xA0 && u[2] == 0x81) /* 頁 */
             ? 3
             : 0;
}

/* Where a running head's folio ends in s[0..end) (end past its last character that is not
 * white space): past the page unit at the end (…第5版), or before a page's name after it
 * (第5版 要闻, 第5版：要闻, 第A3版　经济: one to six Han characters or ·, after white space or a
 * colon); 0: the line ends in neither (most lines: their last bytes tell). */
static size_t head_end(const char *s, size_t end) {
  const unsigned char *u = (const unsigned char *)s;
  if (page_unit_at(s, end)) return end;
  /* (bytes only, the text being UTF-8: a lead byte E4..E9, or E3 before 90..BF, three bytes
   * from the end is a Han character's, U+3400..U+9FFF; a line that ends with a mark, a letter
   * or a digit stops at once) */
  size_t k = end, lim = end > 3 * 6 + 2 ? end - (3 * 6 + 2) : 0;
  while (k >= lim + 3) {
    unsigned b = u[k - 3];
    if (b - 0xE4u <= 5u || (b == 0xE3 && u[k - 2] >= 0x90)) k -= 3;
    else if (k < end && u[k - 1] == 0xB7 && u[k - 2] == 0xC2) k -= 2; /* · inside the name */
    else break;
  }
  if (k == end) return 0; /* (no name; a longer one has no separator before its last six) */
  size_t z = k; /* the separator: white space, a colon, or both */
  bool sep = false;
  for (;;) {
    if (z >= 1 && (u[z - 1] == ' ' || u[z - 1] == '\t' || u[z - 1] == ':')) {
      z--, sep = true;
    } else if (z >= 3 && ((u[z - 3] == 0xE3 && u[z - 2] == 0x80 && u[z - 1] == 0x80) ||
                          (u[z - 3] == 0xEF && u[z - 2] == 0xBC && u[z - 1] == 0x9A))) {
      z -= 3, sep = true; /* U+3000, ： */
    } else if (z >= 2 && u[z - 2] == 0xC2 && u[z - 1] == 0xA0) {
      z -= 2, sep = true;
    } else {
      break;
    }
  }
  return sep && page_unit_at(s, z) ? z : 0;
}

/* The white space at s[*i..n) (spaces, TABs, U+3000), *i past it: whether there was any. */
static bool head_gap(const char *s, size_t n, size_t *i) {
  size_t at = *i;
  for (;;) {
    if (*i < n && (s[*i] == ' ' || s[*i] == '\t')) ++*i;
    else if (n - *i >= 3 && !memcmp(s + *i, "\xE3\x80\x80", 3)) *i += 3;
    else return *i > at;
  }
}

/* Whether s[a..z) is a page's code alone: a letter of the section or not, then one to three
 * digits, 版 after them or not (A17, B3, 17, A17版; ASCII or full width). */
static bool page_code(const char *s, size_t a, size_t z) {
  if (z - a >= 3 && !memcmp(s + z - 3, "版", 3)) z -= 3;
  size_t k = a;
  if (k >= z) return false;
  size_t at = k;
  uint32_t c = qg_utf8_next(s, z, &k);
  if (!((c | 0x20) - 'a' < 26u || c - 0xFF21 < 26u || c - 0xFF41 < 26u)) k = at;
  int d = 0;
  while (k < z) {
    c = qg_utf8_next(s, z, &k);
    if (!(c - '0' < 10u || c - 0xFF10 < 10u) || ++d > 3) return false;
  }
  return d > 0;
}

static inline bool code_byte(unsigned char b) { /* a byte of a code: ASCII letters and digits,
                                                   * the full-width ones' bytes (EF BC 90…; not
                                                   * 80, which U+3000 ends with) */
  return ((unsigned)b - '0' < 10u) || (((unsigned)b | 0x20) - 'a' < 26u) || b == 0xEF || (b > 0x80 && b <= 0xBF);
}
static inline bool white_at(const char *s, size_t k, size_t end) { /* ' ', TAB or U+3000 at k */
  return s[k] == ' ' || s[k] == '\t' || (end - k >= 3 && !memcmp(s + k, "\xE3\x80\x80", 3));
}
static inline bool white_before(const char *s, size_t i, size_t k) { /* ... ending at k */
  return s[k - 1] == ' ' || s[k - 1] == '\t' || (k - i >= 3 && !memcmp(s + k - 3, "\xE3\x80\x80", 3));
}

/* Whether s[i..end) may have a page's code for its last field or its first: a run of at most
 * 12 bytes a code may hold (and 版) next to white space. Most lines that reach code_head end
 * with a figure inside a sentence, and fail here on a few bytes instead of the fields' scans
 * over the whole line (session 41: 3.2 M instructions on 2 MB of bench copy). It admits more
 * than page_code does, never less. */
static bool code_edge(const char *s, size_t i, size_t end) {
  size_t z = end;
  if (z - i >= 3 && !memcmp(s + z - 3, "版", 3)) z -= 3;
  size_t k = z;
  while (k > i && z - k < 12 && code_byte((unsigned char)s[k - 1])) k--;
  if (k < z && k > i && white_before(s, i, k)) return true;
  k = i;
  while (k < end && k - i < 12 && code_byte((unsigned char)s[k])) k++;
  return k > i && k < end && white_at(s, k, end);
}

/* A running head with a page's code for its folio (probe 40 D4): a paper's name, white space,
 * its date line (qg_text_masthead_date: the date, a weekday or not), white space and the code
 * (东湖日报 2026年12月5日 星期六 A17, 东湖日报 2026年12月5日 B3); or the code first (A17 东湖日报
 * 2026年12月5日), as an even page prints it. Not a title that ends with a code (国产大飞机C919,
 * 新品发布会 2026 A1: no paper's name, no date), nor a dateline (本报北京12月4日电). s[i..end):
 * the line without white space at its ends. */
static bool code_head(const char *s, size_t i, size_t end) {
  if (!code_edge(s, i, end)) return false;
  /* the fields: the first and the last, between white space */
  size_t f1 = i;
  while (f1 < end && !white_at(s, f1, end)) f1++;
  size_t l0 = end;
  while (l0 > f1 && !white_before(s, f1, l0)) l0--;
  if (f1 >= l0) return false; /* (one field) */
  size_t m0 = f1, m1 = l0;
  head_gap(s, end, &m0);
  while (m1 > m0 && (s[m1 - 1] == ' ' || s[m1 - 1] == '\t')) m1--;
  while (m1 >= m0 + 3 && !memcmp(s + m1 - 3, "\xE3\x80\x80", 3)) m1 -= 3;
  if (page_code(s, l0, end)) { /* 东湖日报 2026年12月5日 星期六 A17 */
    if (!qg_text_paper_name_full(s + i, f1 - i)) return false;
    return m0 < m1 && qg_text_masthead_date(s + m0, m1 - m0);
  }
  if (!page_code(s, i, f1)) return false; /* A17 东湖日报 2026年12月5日 */
  /* (the name is the second field, the date the rest) */
  size_t n1 = m0;
  while (n1 < end && !white_at(s, n1, end)) n1++;
  if (n1 >= end || !qg_text_paper_name_full(s + m0, n1 - m0)) return false;
  head_gap(s, end, &n1);
  return n1 < end && qg_text_masthead_date(s + n1, end - n1);
}

bool qg_text_running_head_full(const char *s, size_t n) {
  if (n > 96 || n < 6) return false;
  size_t end = n;
  while (end > 0 && qg_cp_is_space((unsigned char)s[end - 1])) end--;
  while (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3)) end -= 3;
  size_t e = head_end(s, end);
  if (!e) {
    /* (a code for the folio: the line ends with a digit or 版, or starts with a letter or a
     * digit) */
    size_t i = 0;
    while (i < end && (s[i] == ' ' || s[i] == '\t')) i++;
    while (end - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3;
    return end > i && code_head(s, i, end);
  }
  /* at most 40 characters, no clause or sentence mark, 第N版 after white space at the end */
  size_t i = 0, at = e, chars = 0;
  while (i < end && qg_cp_is_space((unsigned char)s[i])) i++;
  for (size_t k = i; k < end;) {
    size_t p = k;
    uint32_t c = qg_utf8_next(s, end, &k);
    if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 ||
        c == 0xFF1F || c == ',' || c == ';')
      return false;
    if (c == 0x7B2C /*第*/ && p > i && p < e) {
      size_t q = qg_utf8_prev(s, p);
      if (qg_cp_is_space(qg_utf8_next(s, end, &q))) at = p;
    }
    chars++;
  }
  if (chars > 40) return false;
  if (at == e) { /* (东湖日报 2026年12月5日 A17版) */
    while (end - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3;
    return end > i && code_head(s, i, end);
  }
  size_t k = at;
  if (folio_ordinal(s, e, &k, 0x7248 /*版*/) && k == e) return true;
  k = at;
  return folio_ordinal(s, e, &k, 0x9875 /*页 頁*/) && k == e;
}

bool qg_text_paper_name_full(const char *s, size_t n) {
  if (n > 12 * 3 + 16 || n < 6) return false;
  /* (most lines fail on their last bytes: 报 E6 8A A5, 報 E5 A0 B1, 刊 E5 88 8A) */
  size_t z = n;
  for (;;) {
    if (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
    else if (z >= 3 && !memcmp(s + z - 3, "\xE3\x80\x80", 3)) z -= 3;
    else break;
  }
  if (z < 6) return false;
  const unsigned char *u = (const unsigned char *)s + z - 3;
  if (!((u[0] == 0xE6 && u[1] == 0x8A && u[2] == 0xA5) || (u[0] == 0xE5 && u[1] == 0xA0 && u[2] == 0xB1) ||
        (u[0] == 0xE5 && u[1] == 0x88 && u[2] == 0x8A)))
    return false;
  size_t i = 0;
  unsigned chars = 0;
  uint32_t c = 0;
  while (i < n) {
    uint32_t d = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(d)) continue;
    if (!qg_cp_is_han(d) && d != 0xB7) return false;
    c = d, chars++;
  }
  return chars >= 2 && chars <= 12 && (c == 0x62A5 /*报*/ || c == 0x5831 /*報*/ || c == 0x520A /*刊*/);
}

bool qg_text_folio_alone(const char *s, size_t n) {
  if (n > 48 || n < 7) return false; /* (第3版: 7 bytes) */
  size_t i = 0, end = n;
  while (end > 0 && qg_cp_is_space((unsigned char)s[end - 1])) end--;
  while (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3)) end -= 3;
  while (i < end && qg_cp_is_space((unsigned char)s[i])) i++;
  while (end - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3;
  size_t k = i;
  if (folio_ordinal(s, end, &k, 0x7248 /*版*/) && k == end) return true;
  k = i;
  return folio_ordinal(s, end, &k, 0x9875 /*页 頁*/) && k == end;
}

/* Past the digits (ASCII or full width) at s[*i..n): how many. */
static int date_digits(const char *s, size_t n, size_t *i) {
  int d = 0;
  while (*i < n) {
    size_t k = *i;
    uint32_t c = qg_utf8_next(s, n, &k);
    if (!(c - '0' < 10u || c - 0xFF10 < 10u)) break;
    *i = k, d++;
  }
  return d;
}

/* Whether s[*i..n) starts with the UTF-8 of w (moving past it). */
static bool take(const char *s, size_t n, size_t *i, const char *w) {
  size_t m = strlen(w);
  if (n - *i < m || memcmp(s + *i, w, m)) return false;
  *i += m;
  return true;
}

bool qg_text_masthead_date(const char *s, size_t n) {
  if (n > 96) return false;
  size_t i = 0;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  /* 2026年12月2日 (号), then white space */
  int y = date_digits(s, n, &i);
  if (y < 2 || y > 4 || !take(s, n, &i, "年")) return false;
  int m = date_digits(s, n, &i);
  if (m < 1 || m > 2 || !take(s, n, &i, "月")) return false;
  int d = date_digits(s, n, &i);
  if (d < 1 || d > 2 || !(take(s, n, &i, "日") || take(s, n, &i, "号"))) return false;
  for (int part = 0; part < 2; part++) {
    size_t j = i;
    while (j < n) { /* white space, U+3000 too */
      size_t k = j;
      if (!qg_cp_is_space(qg_utf8_next(s, n, &k))) break;
      j = k;
    }
    if (j == n) return true;
    i = j; /* (2026年12月2日星期三: no space is needed) */
    /* a weekday, 星期三 周三 礼拜三 (traditional 週 禮拜), then the lunar date, 农历十月十三 */
    if (!part && (take(s, n, &i, "星期") || take(s, n, &i, "周") || take(s, n, &i, "週") ||
                  take(s, n, &i, "礼拜") || take(s, n, &i, "禮拜"))) {
      if (i >= n) return false;
      uint32_t c = qg_utf8_next(s, n, &i);
      if (!(c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
            c == 0x516D || c == 0x65E5 || c == 0x5929)) /* 一二三四五六日天 */
        return false;
      continue;
    }
    if (!(take(s, n, &i, "农历") || take(s, n, &i, "農曆") || take(s, n, &i, "農歷")))
      return false;
    int h = 0;
    while (i < n) {
      uint32_t c = qg_utf8_next(s, n, &i);
      if (!qg_cp_is_han(c) || ++h > 8) return false;
    }
    return h > 0;
  }
  return false;
}

/* The desk's role at s[i..n) (责任编辑, 美术编辑, 责编, 校对 …): its length in bytes, 0 if none;
 * *editor when it is an editor's (编辑 in it, or 责编 美编). */
static size_t desk_role_at(const char *s, size_t n, size_t i, bool *editor) {
#define ROLE(r, ed) {r, sizeof r - 1, ed}
  static const struct {
    const char *r;
    uint8_t len;
    bool ed;
  } roles[] = {ROLE("本版责任编辑", true), ROLE("本版编辑", true), ROLE("本版责编", true),
               ROLE("责任编辑", true),     ROLE("責任編輯", true), ROLE("美术编辑", true),
               ROLE("美術編輯", true),     ROLE("值班编辑", true), ROLE("值班編輯", true),
               ROLE("图片编辑", true),     ROLE("圖片編輯", true), ROLE("责编", true),
               ROLE("責編", true),         ROLE("美编", true),     ROLE("美編", true),
               ROLE("编辑", true),         ROLE("編輯", true),     ROLE("责任校对", false),
               ROLE("責任校對", false),    ROLE("校对", false),    ROLE("校對", false),
               ROLE("审校", false),        ROLE("審校", false),    ROLE("终审", false),
               ROLE("終審", false),        ROLE("组版", false),    ROLE("組版", false),
               ROLE("排版", false)};
#undef ROLE
  if (n - i < 6) return 0;
  for (size_t r = 0; r < sizeof roles / sizeof *roles; r++) {
    size_t k = roles[r].len;
    /* (each role's first character first: three bytes) */
    if (n - i >= k && s[i + 1] == roles[r].r[1] && s[i + 2] == roles[r].r[2] && s[i] == roles[r].r[0] &&
        !memcmp(s + i + 3, roles[r].r + 3, k - 3)) {
      *editor = roles[r].ed;
      return k;
    }
  }
  return 0;
}

static bool blank_at(const char *s, size_t n, size_t *i) {
  size_t at = *i;
  for (;;) {
    if (*i < n && (s[*i] == ' ' || s[*i] == '\t')) ++*i;
    else if (n - *i >= 3 && !memcmp(s + *i, "\xE3\x80\x80", 3)) *i += 3; /* U+3000 */
    else break;
  }
  return *i > at;
}

bool qg_text_editor_line_full(const char *s, size_t n) {
  if (n < 12 || n > 160) return false;
  size_t i = 0, end = n;
  unsigned char b0 = (unsigned char)s[0];
  if (b0 == ' ' || b0 == '\t' || b0 == 0xE3) blank_at(s, n, &i);
  /* (most lines fail here, on a role's first character, after a bracket if one opens the line:
   * 本责責美值图圖编編校审審终終组組排, each three bytes) */
  size_t j = i;
  if (n - j >= 3 && (unsigned char)s[j] == 0xEF && (unsigned char)s[j + 1] == 0xBC &&
      (unsigned char)s[j + 2] == 0x88)
    j += 3; /* （ */
  else if (j < n && s[j] == '(')
    j++;
  if (n - j < 3) return false;
  const unsigned char *u = (const unsigned char *)s + j;
  if (u[0] < 0xE5 || u[0] > 0xE8) return false;
  uint32_t c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
  static const uint32_t firsts[] = {0x672C, 0x8D23, 0x8CAC, 0x7F8E, 0x503C, 0x56FE, 0x5716,
                                    0x7F16, 0x7DE8, 0x6821, 0x5BA1, 0x5BE9, 0x7EC8, 0x7D42,
                                    0x7EC4, 0x7D44, 0x6392};
  const uint64_t mask = 0x5000130A00444114ull; /* (bit c & 63 of each of firsts) */
  if (!(mask >> (c & 63) & 1)) return false;
  bool f = false;
  for (size_t k = 0; k < sizeof firsts / sizeof *firsts && !f; k++) f = c == firsts[k];
  if (!f) return false;
  while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
  /* （责任编辑：赵六） as a whole */
  if (end - i >= 6 && !memcmp(s + i, "\xEF\xBC\x88", 3) && !memcmp(s + end - 3, "\xEF\xBC\x89", 3))
    i += 3, end -= 3;
  else if (end - i >= 2 && s[i] == '(' && s[end - 1] == ')')
    i++, end--;
  if (i != j) return false; /* (a bracket opened the line and does not close it) */
  bool editor = false;
  int pairs = 0;
  while (i < end) {
    if (pairs) {
      bool sep = blank_at(s, end, &i);
      if (!sep && end - i >= 3 && (!memcmp(s + i, "\xEF\xBC\x9B", 3) || !memcmp(s + i, "\xEF\xBC\x8C", 3)))
        i += 3, sep = true; /* ； ， */
      blank_at(s, end, &i);
      (void)sep; /* (a name of 2 to 4 characters may run on into the next role: 王丽美术编辑) */
    }
    bool ed = false;
    size_t k = desk_role_at(s, end, i, &ed);
    if (!k) return false;
    i += k;
    size_t sp = i;
    bool colon = false;
    if (end - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3, colon = true; /* ： */
    else if (i < end && s[i] == ':') i++, colon = true;
    blank_at(s, end, &i);
    if (!colon && i == sp) return false;
    /* the name: 2 to 4 Han characters (or ·), as few as leave a role or the end after it */
    size_t at[6];
    int h = 0;
    size_t j = i;
    at[0] = j;
    while (j < end && h < 4) {
      size_t q = j;
      uint32_t c = qg_utf8_next(s, end, &q);
      if (!qg_cp_is_han(c) && c != 0xB7) break;
      j = q;
      at[++h] = j;
    }
    if (h < 2) return false;
    size_t take = 0;
    for (int m = 2; m <= h && !take; m++) {
      size_t t = at[m], t2 = t;
      bool e2;
      if (t == end || blank_at(s, end, &t2) || desk_role_at(s, end, t, &e2) ||
          (end - t >= 3 && (!memcmp(s + t, "\xEF\xBC\x9B", 3) || !memcmp(s + t, "\xEF\xBC\x8C", 3))))
        take = t;
    }
    if (!take) return false;
    i = take;
    editor |= ed;
    pairs++;
  }
  return pairs > 0 && editor;
}

bool qg_text_issue_at(const char *s, size_t n, size_t *i) {
  size_t k = *i;
  int d = 0;
  while (k < n && (unsigned)(s[k] - '0') < 10u) k++, d++;
  if (d < 1 || d > 4 || n - k < 6 || memcmp(s + k, "\xE5\xB9\xB4\xE7\xAC\xAC", 6)) return false; /* 年第 */
  k += 6, d = 0;
  while (k < n && (unsigned)(s[k] - '0') < 10u) k++, d++;
  if (d < 1 || d > 3 || n - k < 3 || memcmp(s + k, "\xE6\x9C\x9F", 3)) return false; /* 期 */
  *i = k + 3;
  return true;
}

/* Past a periodical's name at s[*i..n): 2 to 20 Han characters (· inside), the last 报 報 or 刊
 * (东湖市人民政府公报, 城市周刊); whether there is one. */
static bool periodical_at(const char *s, size_t n, size_t *i) {
  size_t k = *i;
  unsigned chars = 0;
  uint32_t c = 0;
  while (k < n) {
    size_t q = k;
    uint32_t d = qg_utf8_next(s, n, &q);
    if (!qg_cp_is_han(d) && d != 0xB7) break;
    c = d, k = q, chars++;
  }
  if (chars < 2 || chars > 20 || !(c == 0x62A5 /*报*/ || c == 0x5831 /*報*/ || c == 0x520A /*刊*/))
    return false;
  *i = k;
  return true;
}

/* A gazette's or periodical's running head (session 44, probe 42 H3): its name and its issue
 * between white space (ASCII, TAB or U+3000: 东湖市人民政府公报　　2026年第24期), or the issue
 * first, as an even page prints it (2026年第24期　　东湖市人民政府公报); nothing else on the line.
 * The PDF prints it at every page's top, over or under the folio. */
static bool issue_running_head(const char *s, size_t n) {
  size_t i = 0, end = n;
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
  while (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3)) end -= 3;
  if (end < 18) return false;
  /* (most lines fail on their last bytes: 期 E6 9C 9F, 报 E6 8A A5, 報 E5 A0 B1, 刊 E5 88 8A) */
  const unsigned char *u = (const unsigned char *)s + end - 3;
  bool issue_last = u[0] == 0xE6 && u[1] == 0x9C && u[2] == 0x9F;
  if (!issue_last && !((u[0] == 0xE6 && u[1] == 0x8A && u[2] == 0xA5) ||
                       (u[0] == 0xE5 && u[1] == 0xA0 && u[2] == 0xB1) ||
                       (u[0] == 0xE5 && u[1] == 0x88 && u[2] == 0x8A)))
    return false;
  head_gap(s, end, &i);
  if (issue_last ? !periodical_at(s, end, &i) : !qg_text_issue_at(s, end, &i)) return false;
  if (!head_gap(s, end, &i)) return false;
  return (issue_last ? qg_text_issue_at(s, end, &i) : periodical_at(s, end, &i)) && i == end;
}

/* Whether s[k..z) opens with a weekday's word: 星期 周 週 礼拜 禮拜. */
static bool weekday_word(const char *s, size_t k, size_t z) {
  if (z - k < 3) return false;
  return (z - k >= 6 && !memcmp(s + k, "星期", 6)) || !memcmp(s + k, "周", 3) || !memcmp(s + k, "週", 3) ||
         (z - k >= 6 && (!memcmp(s + k, "礼拜", 6) || !memcmp(s + k, "禮拜", 6)));
}

/* Whether s[a..z) is a masthead's date line with its weekday (qg_text_masthead_date, and a
 * weekday's word in it: 2026年4月7日　星期二): a date alone is a letter's or a notice's too. */
static bool weekday_date(const char *s, size_t a, size_t z) {
  if (z <= a || !qg_text_masthead_date(s + a, z - a)) return false;
  for (size_t k = a; k < z; k++)
    if (weekday_word(s, k, z)) return true;
  return false;
}

/* A newspaper's running head with a date and no 第N版 (session 44, probe 44 H6 and M5), nothing
 * else on the line, its fields apart by white space (ASCII, TAB or U+3000):
 *  - the paper's name (qg_text_paper_name_full: 报 報 刊 last), its date line with a weekday
 *    (weekday_date), and a page's name of one to eight Han characters (东湖日报　2026年4月7日
 *    星期二　体育); the page's name no weekday nor lunar date;
 *  - a page's number (page_code: 8, A8) and the date line with a weekday, either first
 *    (8　2026年7月21日　星期二, 2026年7月21日　星期二　8).
 * The weekday is the evidence: a dateline (本报北京4月7日电), a byline with a date (本报记者
 * 王五　2026年4月7日) or a paragraph that is only a date holds no paper's name or page's
 * number beside it. s[0..end): the line without white space at its end. (Inlined into both
 * callers: out of line it cost qg_text_is_folio 0.3 M instructions on the bench copy.) */
static inline __attribute__((always_inline)) bool dated_running_head(const char *s, size_t end) {
  size_t i = 0;
  head_gap(s, end, &i);
  if (end - i < 24) return false;
  const unsigned char *u = (const unsigned char *)s;
  unsigned f0 = u[i];
  bool code = f0 - '0' < 10u || f0 == 0xEF || (f0 | 0x20u) - 'a' < 26u;
  size_t f1 = i;
  if (code) {
    /* (a date first: figures, 年, figures, 月, figures, 日 or 号, then white space or a weekday;
     * or a page's code, white space after it: most lines that open with a figure fail here) */
    size_t k = i;
    int y = date_digits(s, end, &k);
    if (y >= 2 && y <= 4 && take(s, end, &k, "年")) {
      int m = date_digits(s, end, &k);
      if (m < 1 || m > 2 || !take(s, end, &k, "月")) return false;
      int d = date_digits(s, end, &k);
      if (d < 1 || d > 2 || !(take(s, end, &k, "日") || take(s, end, &k, "号"))) return false;
      if (k >= end || !(white_at(s, k, end) || weekday_word(s, k, end))) return false;
      f1 = k;
      while (f1 < end && !white_at(s, f1, end)) f1++;
      if (f1 >= end) return false;
    } else {
      k = i;
      bool letter = y == 0;
      if (letter) { /* (a letter of the section first: A8, Ａ８) */
        uint32_t c = qg_utf8_next(s, end, &k);
        if (!((c | 0x20) - 'a' < 26u || c - 0xFF21 < 26u || c - 0xFF41 < 26u)) return false;
      }
      y = date_digits(s, end, &k);
      /* (a section's pages have two figures at most after its letter: D301, G7 are trains,
       * review 44b) */
      if (y < 1 || y > (letter ? 2 : 3)) return false;
      take(s, end, &k, "版");
      if (k >= end || !white_at(s, k, end)) return false;
      f1 = k;
    }
  } else {
    /* (most lines fail here: they end with a mark, not a page's name, or their first field is
     * no paper's name: Han characters, 报 報 刊 last, white space after it) */
    if (f0 - 0xE4u > 5u || u[end - 3] - 0xE4u > 5u) return false;
    while (end - f1 >= 3 && f1 - i < 12 * 3 && u[f1] - 0xE4u <= 5u) f1 += 3;
    if (f1 - i < 6 || f1 >= end || !white_at(s, f1, end) ||
        !(!memcmp(s + f1 - 3, "报", 3) || !memcmp(s + f1 - 3, "報", 3) || !memcmp(s + f1 - 3, "刊", 3)))
      return false;
    /* (nor a word that ends with 报 and names no paper: 天气预报, 工作汇报, 情况通报; review 44b) */
    static const char *const not_paper[] = {"预", "汇", "通", "警", "电", "喜", "捷", "举", "申", "填", "上", "呈"};
    for (size_t q = 0; q < sizeof not_paper / sizeof *not_paper; q++)
      if (!memcmp(s + f1 - 6, not_paper[q], 3)) return false;
  }
  size_t l0 = end;
  while (l0 > f1 && !white_before(s, f1, l0)) l0--;
  size_t m0 = f1, m1 = l0;
  head_gap(s, end, &m0);
  while (m1 > m0 && (s[m1 - 1] == ' ' || s[m1 - 1] == '\t')) m1--;
  while (m1 >= m0 + 3 && !memcmp(s + m1 - 3, "\xE3\x80\x80", 3)) m1 -= 3;
  if (code) {
    if (page_code(s, i, f1)) return weekday_date(s, m0, end); /* 8　2026年7月21日　星期二 */
    /* 2026年7月21日　星期二　8 */
    if (l0 <= f1 || !page_code(s, l0, end)) return false;
    size_t z = l0;
    while (z > i && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
    while (z >= i + 3 && !memcmp(s + z - 3, "\xE3\x80\x80", 3)) z -= 3;
    return weekday_date(s, i, z);
  }
  if (l0 <= m0 || m0 >= m1 || !qg_text_paper_name_full(s + i, f1 - i)) return false;
  /* the page's name: one to eight Han characters, no weekday nor lunar date */
  size_t k = l0;
  unsigned h = 0;
  while (k < end)
    if (!qg_cp_is_han(qg_utf8_next(s, end, &k)) || ++h > 8) return false;
  if (weekday_word(s, l0, end) || (end - l0 >= 6 && (!memcmp(s + l0, "农历", 6) || !memcmp(s + l0, "農曆", 6) ||
                                                      !memcmp(s + l0, "農歷", 6))))
    return false;
  return weekday_date(s, m0, m1);
}

/* The figures of s[*i..z) from *i on, as a number (ASCII or full width; *i moved past them). */
static uint32_t figures_at(const char *s, size_t z, size_t *i) {
  uint32_t v = 0;
  while (*i < z) {
    size_t k = *i;
    uint32_t c = qg_utf8_next(s, z, &k);
    uint32_t d = c - '0' < 10u ? c - '0' : c - 0xFF10 < 10u ? c - 0xFF10 : 10u;
    if (d > 9u) break;
    v = v < 100000000u ? v * 10 + d : v;
    *i = k;
  }
  return v;
}

/* Session 45 (s45-folio, review 44b): whether s[0..n) is dated_running_head's second shape, a
 * page's number and a date line with a weekday (8　2026年7月21日　星期二, 2026年7月21日　星期二　9);
 * *date then holds its date as year * 10000 + month * 100 + day. The repair stage compares the
 * dates of such lines in a document (a paper's pages all print one date; a diary's entries,
 * 2026年3月4日　星期三　12, each their own). */
bool qg_text_page_date(const char *s, size_t n, uint32_t *date) {
  if (n > 96 || n < 24) return false;
  size_t end = n, i = 0;
  while (end > 0 && qg_cp_is_space((unsigned char)s[end - 1])) end--;
  while (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3)) end -= 3;
  head_gap(s, end, &i);
  unsigned f0 = (unsigned char)s[i < end ? i : 0];
  if (i >= end || !(f0 - '0' < 10u || f0 == 0xEF || (f0 | 0x20u) - 'a' < 26u) || end < 24 ||
      !dated_running_head(s, end))
    return false;
  /* (the date: the figures before the first 年, then the month's and the day's) */
  size_t y = i;
  while (y + 3 <= end && memcmp(s + y, "年", 3)) y++;
  if (y + 3 > end) return false;
  const unsigned char *u = (const unsigned char *)s;
  size_t a = y;
  for (;;) {
    if (a > i && u[a - 1] - (unsigned)'0' < 10u) a--;
    else if (a - i >= 3 && u[a - 3] == 0xEF && u[a - 2] == 0xBC && u[a - 1] - 0x90u < 10u) a -= 3;
    else break;
  }
  uint32_t year = figures_at(s, y, &a);
  size_t k = y + 3;
  uint32_t month = figures_at(s, end, &k);
  k += 3; /* (月) */
  uint32_t day = k < end ? figures_at(s, end, &k) : 0;
  *date = year * 10000 + month * 100 + day;
  return true;
}

bool qg_text_is_folio(const char *s, size_t n) {
  if (n > 96 || !n) return false;
  return qg_text_is_running_head(s, n) || qg_text_is_folio_past_head(s, n);
}

bool qg_text_is_folio_past_head(const char *s, size_t n) {
  if (n > 96 || !n) return false;
  size_t i = 0, end = n;
  while (end > 0 && qg_cp_is_space((unsigned char)s[end - 1])) end--;
  while (end >= 3 && !memcmp(s + end - 3, "\xE3\x80\x80", 3)) end -= 3;
  /* most blocks fail on their first and last bytes: a folio starts with a digit, a dash or
   * dot, white space or 第; a running head ends with 版 (页 頁), or a page's name after it
   * (qg_text_is_folio asks qg_text_is_running_head first; the first bytes: qg_text_folio_lead) */
  /* (a periodical's running head ends with 期, or with 报 報 刊 after its issue: E6 9C 9F, E6 8A
   * A5, E5 A0 B1, E5 88 8A) */
  if (end >= 18 && (unsigned char)s[end - 3] >= 0xE5 && (unsigned char)s[end - 3] <= 0xE6 &&
      issue_running_head(s, end))
    return true;
  /* (a dated running head: its first field a digit, a letter or Han; the line holds 年 月 日) */
  if (end >= 24 && dated_running_head(s, end)) return true;
  if (!qg_text_folio_lead(s, n)) return false;
  /* a page number between dashes or dots: — 12 —, - 12 -, ·12·, 12 */
  int digits = 0;
  bool more = false;
  for (size_t k = 0; k < end;) {
    uint32_t c = qg_utf8_next(s, end, &k);
    if (c >= '0' && c <= '9') {
      digits++;
      if (more) return false; /* a second number */
    } else if (qg_cp_is_space(c) || c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2015 ||
               c == 0x2012 || c == 0x2500 || c == 0xFF0D || c == 0xB7 || c == 0x2022 ||
               c == 0x30FB || c == '.' || c == 0xFF0E || c == '~' || c == 0x301C) {
      if (digits) more = true;
    } else {
      digits = -100;
      break;
    }
  }
  if (digits >= 1 && digits <= 4) return true;
  /* 第12页, 第 12 页 共 30 页, 第12页/共30页 */
  while (i < end && qg_cp_is_space((unsigned char)s[i])) i++;
  if (folio_ordinal(s, end, &i, 0x9875 /*页*/)) {
    uint32_t c = 0;
    while (i < end) {
      size_t k = i;
      c = qg_utf8_next(s, end, &k);
      if (!qg_cp_is_space(c) && c != ',' && c != 0xFF0C && c != '/' && c != 0x3001) break;
      i = k;
    }
    if (i >= end) return true;
    size_t k = i;
    if (qg_utf8_next(s, end, &k) != 0x5171 /*共*/) return false;
    int d = 0;
    while (k < end) {
      c = qg_utf8_next(s, end, &k);
      if (qg_cp_is_space(c)) continue;
      if (!folio_numeral(c)) break;
      d++;
    }
    return d >= 1 && d <= 4 && (c == 0x9875 || c == 0x9801) && k >= end;
  }
  return false; /* (a running head: above) */
}

/* The bars between the cells of a line (项目︱数量︱单价, 苹果 ｜ 3斤 ｜ 5元, a | b | c): ︱ ｜ | each
 * between two cells of one to twelve characters (white space aside) holding no sentence or
 * clause mark, or 0 (a bar at an end, two in a row: the vertical 破折号 ︱︱, a mark). Most lines
 * hold no bar: their bytes tell. */
int qg_text_bar_cells_full(const char *s, size_t n) {
  if (n > 160) return 0;
  const char *e = s + n;
  bool any = memchr(s, '|', n) != NULL;
  for (const char *p = s; !any && p < e && (p = memchr(p, 0xEF, (size_t)(e - p))); p++) {
    if (e - p < 3) break;
    unsigned char b1 = (unsigned char)p[1], b2 = (unsigned char)p[2];
    if (b1 == 0xBC && (b2 == 0x8C || b2 == 0x9B || b2 == 0x81 || b2 == 0x9F))
      return 0; /* ， ； ！ ？: a clause, no row */
    any = (b1 == 0xB8 && b2 == 0xB1) || (b1 == 0xBD && b2 == 0x9C);
  }
  if (!any) return 0;
  size_t i = 0;
  int bars = 0;
  unsigned cell = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) continue;
    if (c == 0xFE31 || c == 0xFF5C || c == '|') {
      if (!cell) return 0;
      bars++, cell = 0;
      continue;
    }
    if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F ||
        c == ',' || c == ';' || c == '!' || c == '?' || ++cell > 12)
      return 0;
  }
  return cell ? bars : 0;
}

/* The TABs inside a line (past its indent) when they split it into cells, or 0: two or more
 * (as since probe 12b B12), or one between two cells of one to twelve characters with no
 * sentence or clause mark in them (项目	金额, 办公	3400: a table of two columns, session 19;
 * a sentence with a stray TAB in it is no row). */
int qg_text_tab_cells_full(const char *s, size_t n) {
  const char *e = s + n;
  while (s < e && (*s == ' ' || *s == '\t')) s++;
  const char *b = s, *t = s;
  int k = 0;
  while (t < e && (t = memchr(t, '\t', (size_t)(e - t)))) t++, k++;
  if (k != 1) return k;
  size_t m = (size_t)(e - b), i = 0;
  unsigned cell = 0;
  bool first = true;
  while (i < m) {
    uint32_t c = qg_utf8_next(b, m, &i);
    if (c == '\t') {
      if (!cell) return 0;
      first = false, cell = 0;
      continue;
    }
    if (qg_cp_is_space(c)) continue;
    if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F ||
        c == 0xFF1A || c == ',' || c == ';' || c == '!' || c == '?' || ++cell > 12)
      return 0;
  }
  return !first && cell ? 1 : 0;
}

/* A separator line (*** —————— ■■■ * * *): two or more characters, all symbols or
 * punctuation (rule_char), white space aside. No heading, no body text: it stays in the
 * article it stands in. */
bool qg_text_is_rule(const char *s, size_t n) {
  size_t i = 0, k = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) continue;
    if (!rule_char(c)) return false;
    k++;
  }
  return k >= 2;
}

/* ---- jump notes (probe 17 P1, P2, P10) ----------------------------------------------------
 * A story cut at the page end goes on on another page: （下转第3版） （转第3版） 下转第三版 ▲下转第三版
 * （转A3版） at the cut, （上接第1版） 接第1版 上接第一版 where it goes on. */

/* Reads a jump note at s[i..n): an optional opening bracket （ ( 【 [, the word (下转 转 forward,
 * 上接 接 back; 轉 too), an optional 第, the page (an optional letter and one to three digits,
 * ASCII or full-width, or one to four Han numerals: 3 A3 三 十二), 版, and the closing bracket.
 * *end: the offset past it; *bracket: it was in brackets. Returns 1 forward, 2 back, 0 none. */
static int jump_at(const char *s, size_t n, size_t i, size_t *end, bool *bracket) {
  if (i >= n) return 0;
  size_t k = i;
  uint32_t c = qg_utf8_next(s, n, &k), close = 0;
  if (c == 0xFF08) close = 0xFF09;
  else if (c == '(') close = ')';
  else if (c == 0x3010) close = 0x3011;
  else if (c == '[') close = ']';
  if (close) {
    while (k < n && qg_cp_is_space(c = qg_utf8_next(s, n, &k))) {}
    if (k >= n) return 0;
  }
  int dir = 0;
  if (c == 0x4E0B /*下*/ || c == 0x4E0A /*上*/) {
    uint32_t w = k < n ? qg_utf8_next(s, n, &k) : 0;
    if (c == 0x4E0B && (w == 0x8F6C /*转*/ || w == 0x8F49 /*轉*/)) dir = 1;
    else if (c == 0x4E0A && w == 0x63A5 /*接*/) dir = 2;
  } else if (c == 0x8F6C || c == 0x8F49) {
    dir = 1;
  } else if (c == 0x63A5) {
    dir = 2;
  }
  if (!dir || k >= n) return 0;
  c = qg_utf8_next(s, n, &k);
  if (c == 0x7B2C /*第*/) {
    if (k >= n) return 0;
    c = qg_utf8_next(s, n, &k);
  }
  if (c < 0x80 && ((c | 0x20) - 'a') < 26u) { /* A3 */
    if (k >= n) return 0;
    c = qg_utf8_next(s, n, &k);
  }
  int d = 0;
  bool han = false;
  while ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || folio_numeral(c)) {
    han = han || !(c < 0x80 || (c >= 0xFF10 && c <= 0xFF19));
    if (++d > (han ? 4 : 3) || k >= n) return 0;
    c = qg_utf8_next(s, n, &k);
  }
  if (!d || c != 0x7248 /*版*/) return 0;
  if (close) {
    size_t q = k;
    while (q < n && qg_cp_is_space(c = qg_utf8_next(s, n, &q))) {}
    if (c != close) return 0;
    k = q;
  }
  *end = k;
  *bracket = close != 0;
  return dir;
}

/* Whether c may lead a jump note on a line of its own: an arrow or a geometric shape (▲ ▼ ▶ ►
 * → ■ ●) or a star. */
static bool jump_ornament(uint32_t c) {
  return (c >= 0x2190 && c <= 0x21FF) || (c >= 0x25A0 && c <= 0x25FF) || c == 0x2605 ||
         c == 0x2606;
}

/* The end of s[0..n) with white space dropped, and whether it may end a jump note: in 版, or in
 * a closing bracket after 版 and white space (jump_at). Most texts fail on their last byte,
 * which is no white space and can end neither (版 E7 89 88, ） EF BC 89, 】 E3 80 91). */
static size_t jump_trim(const char *s, size_t n, bool *may) {
  *may = false;
  if (!n) return n;
  unsigned char z = (unsigned char)s[n - 1];
  if (z != 0x88 && z != 0x89 && z != 0x91 && z != ')' && z != ']' && z != ' ' && z != '\t' &&
      z != '\r' && z != '\n' && z != 0x80 /* U+3000 */)
    return n;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
    n--;
  while (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3;
  size_t k = n;
  if (k >= 1 && (s[k - 1] == ')' || s[k - 1] == ']')) k--;
  else if (k >= 3 && (!memcmp(s + k - 3, "\xEF\xBC\x89", 3) /*）*/ ||
                      !memcmp(s + k - 3, "\xE3\x80\x91", 3) /*】*/))
    k -= 3;
  if (k != n) /* a closing bracket: white space before it (qg_cp_is_space) */
    for (;;) {
      if (k >= 1 && (s[k - 1] == ' ' || s[k - 1] == '\t')) k--;
      else if (k >= 2 && !memcmp(s + k - 2, "\xC2\xA0", 2)) k -= 2;
      else if (k >= 3 && !memcmp(s + k - 3, "\xE3\x80\x80", 3)) k -= 3;
      else break;
    }
  *may = k >= 3 && !memcmp(s + k - 3, "\xE7\x89\x88", 3) /*版*/;
  return n;
}

/* A letter's salutation alone on its line (review 16 N6, review 17 H3): Han (and 、 ·) up to the
 * colon that ends it, white space around, at most 30 characters, opening with 尊敬的 亲爱的 敬爱的
 * or ending with 同志 领导 老师 先生 女士 before the colon (尊敬的市第一人民医院领导：, 亲爱的同学们：,
 * 编辑同志：). A colon inside a sentence (他告诉记者：) is none. */
bool qg_text_is_salutation(const char *s, size_t n) {
  size_t e = n; /* the colon ends it: looked at first, as the paragraph stage asks every line */
  while (e && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) e--;
  if (!e || (s[e - 1] != ':' && (e < 3 || memcmp(s + e - 3, "\xEF\xBC\x9A", 3)))) return false;
  size_t i = 0, colon = SIZE_MAX, chars = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < 12 || (unsigned char)s[i] < 0xE4) return false; /* four characters at least */
  size_t from = i;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (++chars > 30) return false;
    if (c == 0xFF1A || c == ':') {
      colon = at;
      break;
    }
    if (!qg_cp_is_han(c) && c != 0x3001 && c != 0xB7) return false;
  }
  if (colon == SIZE_MAX || colon == from) return false;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) i++;
  if (i < n) return false; /* text after the colon */
  static const char *const opens[] = {"尊敬的", "亲爱的", "敬爱的", "親愛的", NULL};
  static const char *const ends[] = {"同志", "领导", "老师", "先生", "女士", "領導", "老師", NULL};
  for (int k = 0; opens[k]; k++)
    if (colon - from > 9 && !memcmp(s + from, opens[k], 9)) return true;
  for (int k = 0; ends[k]; k++)
    if (colon - from >= 6 && !memcmp(s + colon - 6, ends[k], 6)) return true;
  return false;
}

int qg_text_is_jump(const char *s, size_t n) {
  bool may;
  if (n > 96) return 0;
  n = jump_trim(s, n, &may);
  if (!may) return 0;
  size_t i = 0, end = 0;
  while (i < n) { /* white space and ornaments before it */
    size_t k = i;
    uint32_t c = qg_utf8_next(s, n, &k);
    if (!qg_cp_is_space(c) && !jump_ornament(c)) break;
    i = k;
  }
  bool br;
  int dir = jump_at(s, n, i, &end, &br);
  return dir && end == n ? dir : 0;
}

size_t qg_text_jump_tail(const char *s, size_t n) {
  bool may;
  n = jump_trim(s, n, &may);
  if (!may) return SIZE_MAX;
  /* back over at most 16 characters to where the note may start: 下 转 轉 or a bracket */
  size_t at = n, found = SIZE_MAX;
  for (int k = 0; k < 16 && at > 0; k++) {
    at = qg_utf8_prev(s, at);
    size_t q = at;
    uint32_t c = qg_utf8_next(s, n, &q);
    if (!(c == 0x4E0B || c == 0x8F6C || c == 0x8F49 || c == 0xFF08 || c == '(' || c == 0x3010 ||
          c == '['))
      continue;
    size_t end = 0;
    bool br = false;
    if (jump_at(s, n, at, &end, &br) != 1 || end != n) continue;
    /* a bracketed note, or 下转, may follow anything; a bare 转 follows the start, white space,
     * a mark or an ornament (早见效.转第3版), not a word (…的文章转第3版 is read as written) */
    if (!br && c != 0x4E0B && at > 0) {
      size_t p = qg_utf8_prev(s, at), r = p;
      uint32_t b = qg_utf8_next(s, n, &r);
      if (qg_cp_is_han(b) || (b < 0x80 && (((b | 0x20) - 'a') < 26u || (b - '0') < 10u)))
        continue;
    }
    found = at;
  }
  return found;
}

size_t qg_text_jump_lead(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3; /* an ideographic indent */
  /* (its first character: （ ( 【 [ 上 接, most paragraphs open otherwise) */
  unsigned char f = i < n ? (unsigned char)s[i] : 0;
  if (f != '(' && f != '[' &&
      (n - i < 3 || (memcmp(s + i, "\xEF\xBC\x88", 3) && memcmp(s + i, "\xE3\x80\x90", 3) &&
                     memcmp(s + i, "\xE4\xB8\x8A", 3) && memcmp(s + i, "\xE6\x8E\xA5", 3))))
    return 0;
  size_t end = 0;
  bool br = false;
  if (jump_at(s, n, i, &end, &br) != 2) return 0;
  if (br || end == n) return end;
  size_t k = end;
  return qg_cp_is_space(qg_utf8_next(s, n, &k)) ? end : 0;
}

/* ---- subtitle files and pipe tables (session 23) ----------------------------- */
bool qg_text_timecode(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  if (n < 20 || n > 80 || (unsigned)(u[0] - '0') >= 10u || (unsigned)(u[1] - '0') >= 10u || u[2] != ':') return false;
  /* digits, colons, a comma or dot, spaces up to the arrow; two digits and a colon after it */
  while (i < n && ((unsigned)(u[i] - '0') < 10u || u[i] == ':' || u[i] == ',' || u[i] == '.' || u[i] == ' '))
    i++;
  if (i < 8 || n - i < 8 || u[i] != '-' || u[i + 1] != '-' || u[i + 2] != '>') return false;
  i += 3;
  while (i < n && u[i] == ' ') i++;
  return n - i >= 5 && (unsigned)(u[i] - '0') < 10u && (unsigned)(u[i + 1] - '0') < 10u && u[i + 2] == ':';
}

/* (the word, then the end of the line or a space or TAB: WebVTT's own rule for its header and
 * its NOTE, STYLE and REGION blocks) */
static bool vtt_word(const char *s, size_t n, const char *w) {
  size_t k = strlen(w);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  return n >= k && !memcmp(s, w, k) && (n == k || s[k] == ' ' || s[k] == '\t');
}

bool qg_text_vtt_header(const char *s, size_t n) {
  if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3, n -= 3; /* (a BOM the decoder left) */
  return vtt_word(s, n, "WEBVTT");
}

bool qg_text_vtt_block(const char *s, size_t n) {
  return vtt_word(s, n, "NOTE") || vtt_word(s, n, "STYLE") || vtt_word(s, n, "REGION");
}

bool qg_text_pipe_row(const char *s, size_t n) {
  size_t i = 0;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return n - i >= 2 && s[i] == '|' && s[n - 1] == '|';
}

bool qg_text_closing_formula(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  /* (特 is E7 89 B9: one byte first, most paragraphs open otherwise) */
  if (n - i < 12 || n - i > 15 || (unsigned char)s[i] != 0xE7 || memcmp(s + i, "特此", 6))
    return false;
  static const char *const w[] = {"公告", "通知", "通告", "函告", "说明", "报告", "批复",
                                  "证明", "函复", "讣告", "声明", "敬告", NULL};
  for (int k = 0; w[k]; k++)
    if (!memcmp(s + i + 6, w[k], 6)) {
      size_t rest = n - i - 12;
      return rest == 0 || (rest == 3 && (!memcmp(s + n - 3, "。", 3) || !memcmp(s + n - 3, "！", 3))) ||
             (rest == 1 && (s[n - 1] == '.' || s[n - 1] == '!'));
    }
  return false;
}

/* A Latin contact label (Tel: 0571-…, E-mail：news@…; session 26): the label's word, perhaps
 * a dot, then a colon, ： or :; the byte after it, or 0 */
static size_t latin_contact_label(const char *s, size_t n) {
  static const char *const words[] = {"tel", "tele", "telephone", "phone", "mobile", "mob", "fax",
                                      "e-mail", "email", "mail", "web", "website", "wechat", NULL};
  size_t k = 0;
  while (k < n && k < 10 && (((unsigned)(s[k] | 0x20) - 'a') < 26u || s[k] == '-')) k++;
  size_t w = k;
  if (!w) return 0;
  if (k < n && s[k] == '.') k++;
  while (k < n && s[k] == ' ') k++;
  if (k < n && s[k] == ':') k++;
  else if (k + 3 <= n && !memcmp(s + k, "\xEF\xBC\x9A", 3)) k += 3;
  else return 0;
  for (int i = 0; words[i]; i++) {
    if (strlen(words[i]) != w) continue;
    size_t j = 0;
    while (j < w && (s[j] | 0x20) == words[i][j]) j++;
    if (j == w) return k;
  }
  return 0;
}

bool qg_text_contact_line(const char *s, size_t n) {
  size_t after = 0;
  /* (most paragraphs are longer, or open with no label: the length, a Han character first and
   * a colon after one to six of them, ： or :, first; or a Latin label, Tel: E-mail：) */
  if (n < 8 || n > 4 * 66) return false;
  bool latin = false;
  /* (the label says which kind of number: 电话 热线 客服 座机 may hold a short service number) */
  bool phone = false;
  if ((unsigned)((s[0] | 0x20) - 'a') < 26u) {
    if (!(after = latin_contact_label(s, n))) return false;
    latin = true;
    phone = (s[0] | 0x20) == 't' || (s[0] | 0x20) == 'p';
  } else {
    if (n < 12 || (unsigned char)s[0] < 0xE3 || (unsigned char)s[0] > 0xE9) return false;
    bool colon = false;
    for (size_t j = 3; !colon && j < n && j <= 18; j += 3)
      colon = s[j] == ':' || (j + 3 <= n && !memcmp(s + j, "\xEF\xBC\x9A", 3));
    if (!colon || !qg_text_label(s, n, 6, &after)) return false;
  }
  static const char *const words[] = {"联系", "电话", "热线", "手机", "微信", "邮箱", "传真",
                                      "邮件", "电邮", "网址", "官网", "客服", "座机", NULL};
  /* a label word, and whether one of them names a telephone (电话 热线 客服 座机: a short service
   * number counts, below), looked for apart: 联系电话 holds both (read-through of session 26: the
   * first word found, 联系, decided, and 联系电话：95598 was no contact line) */
  bool word = latin;
  for (size_t j = 0; j + 6 <= after; j += 3)
    for (int w = 0; words[w]; w++)
      if (!memcmp(s + j, words[w], 6)) word = true, phone |= w == 1 || w == 2 || w == 11 || w == 12;
  if (!word) return false;
  int chars = 0, depth = 0, run = 0, best = 0, runs = 0, first = 0;
  bool addr = false, other = false;
  uint32_t lead = 0, prev = 0; /* (the first run's first digit; the character before) */
  for (size_t j = after; j < n;) {
    size_t at = j;
    uint32_t c = qg_utf8_next(s, n, &j);
    if (++chars > 60) return false;
    if (c - '0' < 10u) {
      if (!run && !depth && !runs++) lead = c;
      if (++run > best) best = run;
      if (runs == 1 && !depth) first = run;
      prev = c;
      continue;
    }
    if (c == '-' || c == ' ' || c == 0x2014 || c == 0x2013) { /* (0571-8888 6666) */
      prev = c;
      continue;
    }
    run = 0;
    if (c == '(' || c == 0xFF08) depth++;
    else if ((c == ')' || c == 0xFF09) && depth) depth--;
    else if (c == '@') addr = true;
    else if (c == '.' && at >= 3 && !memcmp(s + at - 3, "www", 3)) addr = true;
    else if (c == '/' && at >= 1 && s[at - 1] == ':') addr = true; /* (http://, https://) */
    else if (!depth && (c == 0xFF0C || c == 0xFF1B || c == ',' || c == ';' || c == 0x3001 || c == '/') &&
             prev - '0' < 10u && j < n &&
             ((unsigned)(s[j] - '0') < 10u || latin_contact_label(s + j, n - j))) {
      /* (two numbers apart by a comma: 0571-88886666，13800000000; session 26; or a number and
       * the next field's Latin label: Tel：0571-88886666，Fax：0571-88886667, session 28) */
    } else if (!depth && (c == 0xFF0C || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ',' ||
                          c == ';' || c == '!' || c == '?' || (c == 0x3002 && j < n)))
      return false;
    else if (!depth)
      other = true;
    prev = c;
  }
  /* (a short service number alone, perhaps a note in brackets after it: 咨询热线：95598（24小时）,
   * 报警电话：110, 市民热线：12345; session 26) */
  bool service = phone && runs == 1 && !other && first >= 3 && first <= 6 && best == first &&
                 (lead == '1' || lead == '9');
  return best >= 7 || addr || service;
}

/* Songbooks in numbered notation (session 24): a line of notes and the lyrics under it. A line
 * of notes has a bar line (| ‖ ｜), or a held note's dash at its end (5 3 2 1 -; session 26),
 * and four notes or more, digits 0 to 7 standing alone, which are no calendar's run of day
 * numbers (session 25). 2: such a line that may be a calendar's week (qg_text_notes). */
int qg_text_notes(const char *s, size_t n) {
  int notes = 0, bars = 0;
  bool prev_digit = false;
  /* (a calendar's week, 1 2 3 4 5 | 6 7 |: day numbers each one more than the one before, with
   * nothing but white space and bar lines between them, is no notation; a melody's notes, with
   * its dots, dashes and rests, seldom climb so all along a line; session 25. A calendar's bar
   * parts the weekend from the working days, before the last two days (Saturday, Sunday) or
   * after the first and before the last (Sunday | … | Saturday): a climb with a bar elsewhere,
   * 1 2 3 4 | 5 6 7 |, is a scale's bars; session 26) */
  uint32_t last = 0;
  bool days = true, dash_end = false;
  int inner[4], n_inner = 0, bar_at = -1; /* (the notes before each bar between notes) */
  for (size_t i = 0; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    bool digit = c - '0' < 10u;
    if (digit) {
      if (c > '7' || prev_digit) return 0; /* (no 8, 9, no figures of two digits) */
      if (notes ? c != last + 1 : c == '0') days = false; /* (0 is a rest, no day) */
      if (bar_at >= 0) {
        if (n_inner < 4) inner[n_inner] = bar_at;
        n_inner++;
        bar_at = -1;
      }
      last = c;
      notes++;
      dash_end = false;
    } else if (c == '|' || c == 0x2016 /*‖*/ || c == 0xFF5C /*｜*/) {
      bars++;
      if (notes) bar_at = notes;
      dash_end = false;
    } else if (qg_cp_is_space(c)) {
    } else if (!(c == '.' ||
                 /* (a held note's dash, 3 - : allowed, no bar, since a spaced OCR date, 2 0 2 4 -
                  * 0 3 - 0 5, has such dashes too and made the prose under it lyrics: review 24 M5;
                  * a dash last after white space, 5 3 2 1 -, ends a phrase on a held note, which
                  * no date does: a line of notes with no bar, session 26) */
                 c == '-' || c == 0x2014 || c == 0x2013 || c == 0xFF0D || c == 0xB7 || c == 0x30FB || c == ':' ||
                 c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 || c == '_' || c == '#' ||
                 c == 'b' || c == '^' || c == '~' || c == '\'' || c == ',' || c == '/' ||
                 c == 0x0307 || c == 0x0323 || c == 0x2019 || c == 0xFF0E /*．*/)) {
      return 0;
    } else {
      days = false; /* (a dot, a dash, a rest's mark: notation) */
      dash_end = c == '-' && notes && !prev_digit && i > 1 && qg_cp_is_space((unsigned char)s[i - 2]);
    }
    prev_digit = digit;
  }
  if (notes < 4 || !(bars >= 1 || dash_end)) return 0;
  if (days) {
    /* (a bar between every two days is a calendar's grid: | 1 | 2 | 3 | … | 7 |) */
    if (n_inner == notes - 1) return 2;
    bool week = n_inner <= 2;
    for (int k = 0; k < n_inner && k < 4 && week; k++)
      week = inner[k] == notes - 2 || inner[k] == 1 || inner[k] == notes - 1;
    if (week) return 2;
  }
  return 1;
}

bool qg_text_score_line(const char *s, size_t n) { return qg_text_notes(s, n) == 1; }

bool qg_text_sung_line(const char *s, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && qg_cp_is_space(qg_utf8_next(s, n, &k));) i = k;
  /* (a verse's number first: 1. 2． ① …) */
  if (i < n && (unsigned)(s[i] - '1') < 9u) {
    size_t k = i + 1;
    uint32_t c = k < n ? qg_utf8_next(s, n, &k) : 0;
    if (c == '.' || c == 0xFF0E || c == 0x3001) i = k;
  } else if (n - i >= 3) {
    size_t k = i;
    uint32_t c = qg_utf8_next(s, n, &k);
    if (c >= 0x2460 && c <= 0x2469) i = k;
  }
  int han = 0, alone = 0, run = 0;
  for (; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c)) {
      han++;
      run++;
      continue;
    }
    if (run == 1) alone++;
    run = 0;
    if (!(qg_cp_is_space(c) || qg_cp_is_cjk_punct(c) || c == 0x2014 || c == 0x2026 || c == 0xB7 ||
          c == '(' || c == ')' || c == '-' || c == ',' || c == '.' || c == '!' || c == '?'))
      return false;
  }
  if (run == 1) alone++;
  /* (three in four syllables alone: a word of two sung to one note, 我 们, is allowed) */
  return han >= 3 && alone * 4 >= han * 3;
}

/* The offset past an item's number of one or two figures and its mark at the start of s: . or
 * ． (or 、 with dunhao); 0 when s opens otherwise. *num (may be NULL) gets the number. An
 * exam's items (repair's item_led, structure's exam items). */
size_t qg_text_exam_item(const char *s, size_t n, bool dunhao, unsigned *num) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  unsigned v = 0;
  while (i < n && i < 3 && (unsigned)(u[i] - '0') < 10u) v = v * 10 + (u[i++] - '0');
  if (!i || i > 2 || i >= n) return 0;
  if (num) *num = v;
  if (u[i] == '.') return i + 1;
  if (n - i >= 3 && (!memcmp(u + i, "\xEF\xBC\x8E", 3) || (dunhao && !memcmp(u + i, "\xE3\x80\x81", 3))))
    return i + 3; /* ． 、 */
  return 0;
}

/* Whether s[0..n) is an exam section's heading: it holds 题 and ends with a score in brackets,
 * 分） or 分) (二、填空题（每小题4分，共24分）); s as given (callers trim or bound it). */
bool qg_text_exam_heading(const char *s, size_t n) {
  size_t k;
  if (n >= 4 && s[n - 1] == ')') k = n - 1;
  else if (n >= 6 && !memcmp(s + n - 3, "\xEF\xBC\x89", 3)) k = n - 3; /* ） */
  else return false;
  if (k < 3 || memcmp(s + k - 3, "\xE5\x88\x86", 3)) return false; /* 分 */
  for (size_t i = 0; i + 3 <= k; i++)
    if (!memcmp(s + i, "\xE9\xA2\x98", 3)) return true; /* 题 */
  return false;
}
