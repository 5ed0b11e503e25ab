/* utf8.c: small UTF-8 and character-class helpers over ICU's properties. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "simd.h"

#if QG_HAVE_AVX2
_Atomic int qg_simd_level_;

/* Asks the CPU for AVX2 and the environment for QG_SIMD once: QG_SIMD=sse2 keeps the SSE2
 * loops (the test that compares the two paths, a CPU whose AVX2 is suspect). Threads that ask
 * at once find the same answer. */
int qg_simd_init(void) {
  const char *e = getenv("QG_SIMD");
  int l = 1;
  if (!(e && !strcmp(e, "sse2"))) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) l = 2;
  }
  atomic_store_explicit(&qg_simd_level_, l, memory_order_relaxed);
  return l;
}
#endif
#ifdef __SSE2__
#include <emmintrin.h>

/* 0 for the first sixteen lanes, all ones for the next: loaded from 16 - k, the first k lanes
 * are off */
static const unsigned char tail_mask[32] = {
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
#endif

/* Continuation bytes (bit 7 set, bit 6 clear) in the eight bytes of w, as ones in bit 0 of
 * their byte. */
static inline uint64_t cont8(uint64_t w) { return (w >> 7) & (~w >> 6) & 0x0101010101010101ULL; }
static inline size_t sum8(uint64_t ones) { return (size_t)((ones * 0x0101010101010101ULL) >> 56); }

size_t qg_utf8_count(const char *s, size_t len) {
  size_t n = 0, i = 0;
#ifdef __SSE2__
  /* sixteen bytes at a time, counted in byte lanes (255 blocks at most between two sums); the
   * last bytes are the text's last sixteen, those counted already masked off */
  if (len >= 16) {
    const __m128i lim = _mm_set1_epi8(-65), zero = _mm_setzero_si128();
    for (;;) {
      __m128i acc = zero;
      for (int k = 0; k < 255 && i + 16 <= len; k++, i += 16)
        acc = _mm_sub_epi8(acc, _mm_cmpgt_epi8(_mm_loadu_si128((const __m128i *)(s + i)), lim));
      if (i + 16 > len && i < len) {
        __m128i m = _mm_loadu_si128((const __m128i *)(tail_mask + 16 - (i - (len - 16))));
        __m128i x = _mm_loadu_si128((const __m128i *)(s + len - 16));
        acc = _mm_sub_epi8(acc, _mm_and_si128(_mm_cmpgt_epi8(x, lim), m));
        i = len;
      }
      __m128i t = _mm_sad_epu8(acc, zero);
      n += (size_t)_mm_cvtsi128_si32(t) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(t, 8));
      if (i >= len) return n;
    }
  }
#endif
  /* eight bytes at a time */
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    n += 8 - sum8(cont8(w));
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (i < len && len >= 8) { /* the last eight bytes, those counted already shifted off */
    uint64_t w;
    memcpy(&w, s + len - 8, 8);
    size_t done = i - (len - 8);
    n += (len - i) - sum8(cont8(w) >> (8 * done));
    return n;
  }
#endif
  for (; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
  return n;
}

size_t qg_utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Punctuation of East Asian width "ambiguous" that Chinese print copy sets full-width in the
 * CJK grid: middle dot, em dash, curly quotes, ellipsis. Fonts for Latin text set them narrow,
 * but in a Chinese page each takes a full cell, so they count as wide here. */
bool qg_cp_is_cjk_ambiguous(uint32_t cp) {
  return cp == 0xB7 || cp == 0x2014 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C ||
         cp == 0x201D || cp == 0x2026;
}

/* Blocks where every code point is East Asian wide or full-width and no mark or format
 * character (checked against ICU for every code point by tests/unit/test_utf8.c), so the
 * common Chinese text needs no property lookup. */
static bool wide_block(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x3000 && cp <= 0x3029) ||
         (cp >= 0xAC00 && cp <= 0xD7A3);
}

int qg_cp_width(uint32_t cp) {
  if (cp < 0x300) return cp < 0x20 ? 0 : cp == 0xB7 ? 2 : 1;
  if (wide_block(cp)) return 2;
  if (qg_cp_is_cjk_ambiguous(cp)) return 2;
  int gc = u_charType((UChar32)cp);
  if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR) return 0;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}

bool qg_cp_is_wide(uint32_t cp) {
  if (cp < 0x1100) return cp == 0xB7;
  if (wide_block(cp)) return true;
  if (qg_cp_is_cjk_ambiguous(cp)) return true;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH;
}

/* Byte classes for qg_text_is_table_row: 0 other, 1 digit, 2 a mark a number may hold, 3 white
 * space, 4 the lead byte of U+3000, U+00A0, ％ or ‰ (looked at with the bytes after it). */
static const unsigned char tr_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['.'] = 2, [','] = 2, [':'] = 2, ['/'] = 2, ['%'] = 2, ['+'] = 2,
    ['-'] = 2, [' '] = 3, ['\t'] = 3, [0xE3] = 4, [0xC2] = 4, [0xEF] = 4, [0xE2] = 4};

/* The last byte of a full-width mark a number may hold (EF BC xx): ％ ＋ ， － ． ／ ： */
static bool fw_mark(unsigned char b) {
  return b == 0x85 || b == 0x8B || b == 0x8C || b == 0x8D || b == 0x8E || b == 0x8F || b == 0x9A;
}

/* Digits in s[0..len), counted up to max: ASCII ones, and the last byte of full-width ones
 * (EF BC 90..99). With SSE2 sixteen bytes at a time (a byte counts when it is an ASCII digit,
 * or 90..99 after BC), a bit each; the last bytes are the last sixteen of the text, those
 * counted already masked off. The callers want to know whether there are none, one, two or
 * three and more: a paragraph of figures stops at its third digit. */
#ifdef __SSE2__
static inline __m128i digit_lanes(const unsigned char *at) {
  const __m128i k0 = _mm_set1_epi8((char)(0x80 - '0')), k90 = _mm_set1_epi8((char)(0x80 - 0x90)),
                lim = _mm_set1_epi8((char)(0x80 + 10)), bc = _mm_set1_epi8((char)0xBC);
  __m128i x = _mm_loadu_si128((const __m128i *)at), p = _mm_loadu_si128((const __m128i *)(at - 1));
  /* x - '0' (or x - 0x90) below 10, as signed bytes shifted by 0x80 */
  __m128i d = _mm_cmplt_epi8(_mm_add_epi8(x, k0), lim);
  __m128i f = _mm_and_si128(_mm_cmplt_epi8(_mm_add_epi8(x, k90), lim), _mm_cmpeq_epi8(p, bc));
  return _mm_or_si128(d, f); /* all ones where a digit is */
}
#endif

size_t qg_text_tail_digits(const char *s, size_t end, uint64_t *v, size_t *start) {
  size_t at = end, nd = 0;
  uint64_t val = 0, scale = 1;
  while (at > 0) {
    size_t p = qg_utf8_prev(s, at), k = p;
    int d = qg_cp_digit(qg_utf8_next(s, end, &k));
    if (d < 0) break;
    if (nd < 18) val += (uint64_t)d * scale, scale *= 10;
    nd++;
    at = p;
  }
  *v = val, *start = at;
  return nd;
}

size_t qg_text_digits(const char *s, size_t len, size_t max) {
  const unsigned char *u = (const unsigned char *)s;
  if (!len || !max) return 0;
  size_t digits = (unsigned char)(u[0] - '0') < 10, i = 1;
#ifdef __SSE2__
  if (len >= 17) {
    for (; digits < max && i + 16 <= len; i += 16)
      for (unsigned m = (unsigned)_mm_movemask_epi8(digit_lanes(u + i)); m && digits < max; m &= m - 1)
        digits++;
    if (digits < max && i < len) { /* the rest: bytes i..len of the last sixteen */
      unsigned m = (unsigned)_mm_movemask_epi8(digit_lanes(u + len - 16)) & 0xFFFFu << (i - (len - 16));
      for (; m && digits < max; m &= m - 1) digits++;
    }
    return digits;
  }
#endif
  for (; i < len && digits < max; i++)
    digits += (unsigned)((unsigned char)(u[i] - '0') < 10) +
              (unsigned)(((unsigned char)(u[i] - 0x90) < 10) & (u[i - 1] == 0xBC));
  return digits;
}

/* The last offset before the next byte that may start white space (space, tab, the lead byte
 * of U+3000 or U+00A0) after u[i], len - 1 when there is none: the rest of a field that is no
 * number. */
static size_t field_rest(const unsigned char *u, size_t len, size_t i) {
  i++;
#ifdef __SSE2__
  const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), e3 = _mm_set1_epi8((char)0xE3),
                c2 = _mm_set1_epi8((char)0xC2);
  while (i + 16 <= len) {
    __m128i x = _mm_loadu_si128((const __m128i *)(u + i));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(x, tab)),
                             _mm_or_si128(_mm_cmpeq_epi8(x, e3), _mm_cmpeq_epi8(x, c2)));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz(bits) - 1;
    i += 16;
  }
#endif
  while (i < len && u[i] != ' ' && u[i] != '\t' && u[i] != 0xE3 && u[i] != 0xC2) i++;
  return i - 1;
}

/* A row of cells that holds two figures no bare whole number (a time, a temperature, a price,
 * a per cent, a score: 东湖 小雪 -5℃ 2℃, 贵州茅台 1789.00 +0.85%, G1502 东湖东 北京西 07:25
 * 11:48), three to eight fields of at most 12 characters, figures and codes half of them or
 * more (probe 17 P4, P11). A headline holds one such figure (2025 增长 5.6%, 国足 2:0 胜泰国).
 * Words and figures in turn (两项分别增长 5.2% 和 3.1%: copy that sets figures off by spaces, a
 * wrapped line of prose) are no row: a row's words stand side by side (东湖 小雪 …) or only
 * before its figures (贵州茅台 1789.00 +0.85%). */
static bool cell_row(const char *s, size_t len) {
  if (len > 256) return false;
  qg_cells c;
  if (!qg_text_cells(s, len, &c) || c.fields < 3 || c.fields > 8 || c.strong < 2 ||
      !(c.adjacent_words || !c.word_after_figure))
    return false;
  /* (a note of up to five characters last, after a figure, 现房 首付15%: a listing's remarks
   * column, counted with the figures; session 28, probe 27 H6) */
  unsigned note = 0;
  if (c.fields >= 4 && c.shape && c.last <= 5 && !(c.shape >> (c.fields - 1) & 1)) {
    /* (figures only from the first figure to the note: 分别增长 5.2% 和 3.1% 左右 is prose) */
    unsigned all = (1u << (c.fields - 1)) - 1, from = ~((c.shape & -c.shape) - 1);
    note = (c.shape & all & from) == (all & from);
  }
  return (c.figures + note) * 2 >= c.fields;
}

bool qg_text_is_table_row(const char *s, size_t len) {
  /* three numbers need three digits: most lines stop here. Full-width digits count: this
   * stage runs before the chars stage folds them, and the cue stage after it; both must see
   * the same rows */
  return qg_text_is_table_row_digits(s, len, qg_text_digits(s, len, 3));
}

bool qg_text_is_table_row_digits(const char *s, size_t len, size_t digits) {
  const unsigned char *u = (const unsigned char *)s;
  if (digits < 2) return false;
  /* (two digits make no three numbers, and a row of cells is 256 bytes at most: cell_row) */
  if (digits < 3 && len > 256) return false;
  unsigned fields = 0, numeric = 0;
  bool in = false, digit = false, other = false;
  for (size_t i = 0; i <= len; i++) {
    unsigned c = i < len ? tr_class[u[i]] : 3;
    if (c == 4) { /* the multi-byte ones that matter; any other is a letter of a field */
      if (u[i] == 0xE3 && len - i >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) c = 3, i += 2;
      else if (u[i] == 0xC2 && len - i >= 2 && u[i + 1] == 0xA0) c = 3, i += 1;
      else if (u[i] == 0xEF && len - i >= 3 && u[i + 1] == 0xBC && u[i + 2] - 0x90u < 10)
        c = 1, i += 2; /* a full-width digit */
      else if (u[i] == 0xEF && len - i >= 3 && u[i + 1] == 0xBC && fw_mark(u[i + 2]))
        c = 2, i += 2;
      else if (u[i] == 0xE2 && len - i >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0xB0) c = 2, i += 2;
      else c = 0;
    }
    if (c == 3) {
      if (in) {
        fields++;
        numeric += digit && !other;
      }
      in = digit = other = false;
      continue;
    }
    in = true;
    if (c == 1) digit = true;
    else if (c == 0) { /* not a number: on to the next white space (a digit or mark in the
                        * rest of the field does not make it one) */
      other = true;
      i = field_rest(u, len, i);
    }
  }
  /* (the fields are those of qg_text_cells: runs between the same white space; a row of cells
   * has three to eight) */
  return (numeric >= 3 && numeric * 2 >= fields) || (fields >= 3 && fields <= 8 && cell_row(s, len));
}

/* Whether c is a mark a figure holds (. , : / % ‰ + - − ± ℃ ° ～ ~ — and the full-width
 * ％ ＋ － ． ／ ： ，): 1 a mark that makes the figure no bare whole number (a point, a ratio or
 * clock time, a per cent, a degree, a sign, a range), 2 one that does not (, /), 0 none. */
static int figure_mark(uint32_t c) {
  switch (c) {
  case '.': case ':': case '%': case '+': case '-': case '~': case 0x2030: case 0x2212:
  case 0xB1: case 0x2103: case 0xB0: case 0xFF5E: case 0x2014: case 0xFF05: case 0xFF0B:
  case 0xFF0D: case 0xFF0E: case 0xFF1A:
    return 1;
  case ',': case '/': case 0xFF0F: case 0xFF0C:
    return 2;
  default:
    return 0;
  }
}

/* Whether c is a unit a Chinese table writes after a figure in its cell (23个, 98分, 156.2亿元,
 * 62.3万人, 2026年; review 16 R3): the last character of one of one or two Han characters. */
static bool han_unit(uint32_t c) {
  switch (c) {
  case 0x4E2A: /*个*/ case 0x5143: /*元*/ case 0x4EBA: /*人*/ case 0x5206: /*分*/
  case 0x5C81: /*岁*/ case 0x6B21: /*次*/ case 0x540D: /*名*/ case 0x5BB6: /*家*/
  case 0x6237: /*户*/ case 0x4EF6: /*件*/ case 0x9879: /*项*/ case 0x53F0: /*台*/
  case 0x8F86: /*辆*/ case 0x5428: /*吨*/ case 0x7C73: /*米*/ case 0x514B: /*克*/
  case 0x65A4: /*斤*/ case 0x4EA9: /*亩*/ case 0x5E74: /*年*/ case 0x5929: /*天*/
  case 0x53EA: /*只*/ case 0x5934: /*头*/ case 0x573A: /*场*/ case 0x5EA7: /*座*/
  case 0x6240: /*所*/ case 0x6761: /*条*/ case 0x7BC7: /*篇*/ case 0x5F20: /*张*/
  case 0x4F4D: /*位*/ case 0x4F8B: /*例*/ case 0x500D: /*倍*/ case 0x5EA6: /*度*/
  case 0x91CC: /*里*/ case 0x5347: /*升*/ case 0x4E07: /*万*/ case 0x4EBF: /*亿*/
  case 0x5957: /*套*/ case 0x7968: /*票*/
  case 0x500B: /*個*/ case 0x8F1B: /*輛*/ case 0x5104: /*億*/ case 0x842C: /*萬*/
  case 0x9805: /*項*/ case 0x81FA: /*臺*/ case 0x5834: /*場*/ case 0x689D: /*條*/
  case 0x5F35: /*張*/ case 0x9813: /*頓*/ case 0x6B72: /*歲*/
    return true;
  default:
    return false;
  }
}

/* Whether a with b after it (b 0: a alone) is such a unit: the second of two is the unit, the
 * first a multiplier or a currency's (万人 亿元 千米 公里 美元). */
static bool han_unit2(uint32_t a, uint32_t b) {
  if (!b) return han_unit(a);
  return han_unit(b) && (a == 0x4E07 || a == 0x4EBF || a == 0x5343 /*千*/ || a == 0x767E /*百*/ ||
                         a == 0x516C /*公*/ || a == 0x7F8E /*美*/ || a == 0x6E2F /*港*/ ||
                         a == 0x842C || a == 0x5104);
}

bool qg_text_cells(const char *s, size_t n, qg_cells *out) {
  memset(out, 0, sizeof *out);
  size_t i = 0;
  unsigned fields = 0;
  bool prev_word = false, prev_bare = false;
  while (i < n) {
    size_t k0 = i;
    uint32_t c = qg_utf8_next(s, n, &k0);
    if (qg_cp_is_space(c)) {
      i = k0;
      continue;
    }
    /* one field, from i to the next white space */
    unsigned chars = 0, han = 0, han_lead = 0, digits = 0, upper = 0, lower = 0, other = 0;
    bool strong = false, colon = false, code_ok = true, lead_sign = false;
    uint32_t prev = 0;
    /* Han after the last digit, nothing else after it: a unit in the cell (23个, 62.3万人) */
    unsigned tail = 0;
    uint32_t tail_c[2] = {0, 0}, head_c[2] = {0, 0};
    while (i < n) {
      const unsigned char *u = (const unsigned char *)s + i;
      bool fast = n - i >= 3 && (u[0] - 0xE5u < 5u || (u[0] == 0xE4 && u[1] >= 0xB8)) &&
                  (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80;
      if (fast) {
        /* a common Han character (U+4E00..U+9FFF, most of a line), decoded from its three
         * bytes: no white space, no mark (so it skips their tests; the Han branch below
         * counts it as any Han character) */
        c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        i += 3;
      } else {
        size_t k = i;
        c = qg_utf8_next(s, n, &k);
        if (qg_cp_is_space(c)) break;
        i = k;
        /* a clause or sentence mark: prose, no row (a , or . between digits is a figure's) */
        if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 ||
            c == 0xFF1F || c == ';' || c == '!' || c == '?')
          return false;
        if ((c == ',' || c == '.') &&
            !(prev - '0' < 10u && i < n && (unsigned char)(s[i] - '0') < 10u))
          return false;
      }
      if (chars < 2) head_c[chars] = c;
      /* a field of more than 12 characters: no row's (prose mostly stops here) */
      if (++chars > QG_CELL_MAX) return false;
      bool d = !fast && (c - '0' < 10u || c - 0xFF10 < 10u);
      if (d) {
        digits++;
        tail = 0;
      } else if (fast || qg_cp_is_han(c)) {
        if (digits && tail != UINT32_MAX / 2) {
          if (tail < 2) tail_c[tail] = c;
          tail++;
        }
        han++;
        if (!digits && han == chars) han_lead++;
        else other++;
        code_ok = false;
      } else if (c < 0x80 && (c | 0x20) - 'a' < 26u) {
        if (tail) tail = UINT32_MAX / 2;
        if (c >= 'a') lower++;
        else upper++;
      } else {
        if (tail) tail = UINT32_MAX / 2;
        /* (a unit's symbol after the digits, ㎡ ㎏ ㎞ …, U+3380..U+33DF: the figure's, as 23个's
         * 个 is; session 28, probe 27 H6) */
        int m = digits && c - 0x3380u < 0x60u ? 3 : figure_mark(c);
        if (!m) other++;
        if (m == 1) {
          if ((c == '+' || c == '-' || c == 0x2212 || c == 0xB1 || c == 0xFF0B || c == 0xFF0D) &&
              !digits)
            lead_sign = true;
          else if (c == 0x2103 || c == 0xB0 || c == '%' || c == 0xFF05 || c == 0x2030)
            strong = true;
          else if (digits && (c == ':' || c == 0xFF1A)) colon = true, strong = true;
          else if (digits) strong = true; /* a point, a range */
        }
        if (c != '-' && c != '_') code_ok = false;
      }
      prev = c;
    }
    if (++fields > 16) return false;
    /* a word of Latin letters alone with a small letter: prose (数据 Direct 的…, rose 5.2%) */
    if (!digits && !han && !other && lower) return false;
    if (chars > out->longest) out->longest = chars;
    bool letters = upper || lower;
    /* a unit after the figure (23个, 156.2亿元, 62.3万人): one or two Han characters, no more,
     * after a figure with no Han before it; or a field of its own after a bare figure (98 分) */
    bool unit = digits && !han_lead && (tail == 1 || tail == 2) && other == tail &&
                han_unit2(tail_c[0], tail == 2 ? tail_c[1] : 0);
    bool unit_field = !digits && prev_bare && han == chars && chars <= 2 && !letters &&
                      han_unit2(head_c[0], chars == 2 ? head_c[1] : 0);
    if (unit) other = 0;
    /* a figure: digits and the marks a figure holds, or a clock time after one or two Han
     * characters (次日08:15) */
    bool figure = digits && !letters && !other && (!han_lead || (han_lead <= 2 && colon));
    bool code = !figure && code_ok && letters && digits && chars <= 8 && !han && !other;
    if (!figure && !code && !unit_field) {
      out->adjacent_words |= prev_word;
      out->word_after_figure |= out->figures > 0;
    }
    prev_word = !figure && !code && !unit_field;
    prev_bare = figure && !unit;
    if (figure || code || unit_field) {
      out->figures++;
      out->shape |= 1u << (fields - 1);
      if (figure && (strong || lead_sign || han_lead)) out->strong++;
      out->units += (figure && unit) || unit_field;
    }
    out->last = chars;
    if (fields == 1) {
      out->first = chars;
      out->first_han = han > 0 && !unit;
      out->first_code = code;
    }
  }
  out->fields = fields;
  return fields > 0;
}

bool qg_text_label_figures(const char *s, size_t n) {
  /* the figures run to the end: a text that ends in anything but a digit or white space is
   * none (most lines stop here; a colon at the end is none either) */
  if (!n) return false;
  /* (the last byte of one: 0-9, ０-９ 90..99, U+3000 80, U+00A0 A0) */
  unsigned char z = (unsigned char)s[n - 1];
  if ((unsigned)(z - '0') >= 10u && z != ' ' && z != '\t' && z - 0x90u >= 10u && z != 0x80 &&
      z != 0xA0)
    return false;
  {
    size_t k = qg_utf8_prev(s, n);
    uint32_t last = qg_utf8_next(s, n, &k);
    if (!(last - '0' < 10u || last - 0xFF10 < 10u || qg_cp_is_space(last))) return false;
  }
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  unsigned chars = 0, han = 0;
  uint32_t c = 0;
  for (;;) {
    if (i >= n) return false;
    c = qg_utf8_next(s, n, &i);
    if (c == ':' || c == 0xFF1A) break;
    if (qg_cp_is_space(c) || ++chars > 24 || c == 0x3002 || c == 0xFF0C || c == 0x3001 ||
        c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' || c == '!' ||
        c == '?' || c == '.')
      return false;
    han += qg_cp_is_han(c);
  }
  if (!han) return false;
  unsigned groups = 0, d = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (c - '0' < 10u || c - 0xFF10 < 10u) {
      if (++d > 4) return false;
    } else if (qg_cp_is_space(c)) {
      groups += d > 0;
      d = 0;
    } else {
      return false;
    }
  }
  return groups + (d > 0) > 0;
}

size_t qg_utf8_text_check(const char *s, size_t n, const char **what) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    unsigned c = u[i];
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        *what = "control character";
        return i;
      }
      i++;
      continue;
    }
    /* the length of the sequence, its smallest code point, and its continuation bytes */
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    bool ok = len && i + len <= n;
    for (size_t k = 1; ok && k < len; k++) {
      ok = (u[i + k] & 0xC0) == 0x80;
      cp = cp << 6 | (u[i + k] & 0x3F);
    }
    if (ok) ok = !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
                 !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!ok) {
      *what = "invalid UTF-8";
      return i;
    }
    if (cp <= 0x9F) { /* C1 */
      *what = "control character";
      return i;
    }
    if (cp == 0xFFFE || cp == 0xFFFF) { /* no XML character: a style name written into XML */
      *what = "noncharacter";
      return i;
    }
    i += len;
  }
  return n;
}

/* The value of the digit at s[i] (ASCII, or full-width ０..９: EF BC 90..99) and its bytes in
 * *w, or -1. */
static int digit_at(const char *s, size_t n, size_t i, size_t *w) {
  const unsigned char *u = (const unsigned char *)s;
  if (i < n && u[i] >= '0' && u[i] <= '9') return *w = 1, u[i] - '0';
  if (i + 3 <= n && u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] >= 0x90 && u[i + 2] <= 0x99)
    return *w = 3, u[i + 2] - 0x90;
  return -1;
}

/* A clock time at s[i]: one or two digits, a colon and minutes 00..59, no digit after; the
 * offset past it, or 0. The digits may be full-width and the colon ： (19：00, １９：００: PDF
 * copy of Chinese typesetting; the paragraph and structure stages see the text before the
 * number stage makes them ASCII, and a file and its --fixed copy must be laid out alike:
 * probe 17 P5). */
static size_t clock_end(const char *s, size_t n, size_t i) {
  size_t d = 0, w;
  while (d < 3 && digit_at(s, n, i, &w) >= 0) d++, i += w;
  if (d < 1 || d > 2) return 0;
  if (i < n && s[i] == ':') i++;
  else if (i + 3 <= n && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3;
  else return 0;
  int m = digit_at(s, n, i, &w);
  if (m < 0 || m > 5) return 0;
  i += w;
  if (digit_at(s, n, i, &w) < 0) return 0;
  i += w;
  return digit_at(s, n, i, &w) >= 0 ? 0 : i;
}

size_t qg_text_clock_lead(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (!(i = clock_end(s, n, i))) return 0;
  size_t j = i;
  if (j < n && (s[j] == '-' || s[j] == '~')) j++;
  else if (j + 3 <= n && (!memcmp(s + j, "\xE2\x80\x94", 3) /* — */ ||
                          !memcmp(s + j, "\xE2\x80\x93", 3) /* – */ ||
                          !memcmp(s + j, "\xEF\xBD\x9E", 3) /* ～ */ ||
                          !memcmp(s + j, "\xE8\x87\xB3", 3) /* 至 */ ||
                          !memcmp(s + j, "\xE5\x88\xB0", 3) /* 到 */))
    j += 3;
  if (j != i && (j = clock_end(s, n, j))) i = j;
  if (i < n && (s[i] == ' ' || s[i] == '\t')) return i + 1;
  if (i + 3 <= n && !memcmp(s + i, "\xE3\x80\x80", 3)) return i + 3;
  return 0;
}

/* Whether s[*i..n) holds 1 or 2 ASCII or full-width digits, which are passed over (digit_at,
 * as clock_end reads its hours). */
static bool day_digits(const char *s, size_t n, size_t *i) {
  size_t d = 0, w;
  while (d < 3 && digit_at(s, n, *i, &w) >= 0) d++, *i += w;
  return d >= 1 && d <= 2;
}

size_t qg_text_date_field(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (!day_digits(s, n, &i) || i >= n || qg_utf8_next(s, n, &i) != 0x6708 /*月*/) return 0;
  if (!day_digits(s, n, &i) || i >= n) return 0;
  uint32_t c = qg_utf8_next(s, n, &i);
  if ((c != 0x65E5 /*日*/ && c != 0x53F7 /*号*/) || i >= n) return 0;
  size_t j = i;
  c = qg_utf8_next(s, n, &j);
  return c == ' ' || c == '\t' || c == 0x3000 ? j : 0;
}

int qg_text_names(const char *s, size_t n, unsigned flags, int max, bool (*reject)(uint32_t c),
                  int *first_len) {
  size_t i = 0;
  int items = 0, item = 0, first = 0;
  bool dot = false;
  while (i <= n) {
    uint32_t c = i < n ? qg_utf8_next(s, n, &i) : (i++, 0x20);
    if (c == ' ' || c == '\t' || c == 0x3000 || (c == 0x3001 && (flags & QG_NAMES_COMMA))) {
      if (item && (item < 2 || item > (dot ? 8 : 4) || ++items > max)) return -1;
      if (item && items == 1) first = dot ? 0 : item;
      item = 0, dot = false;
    } else if (qg_cp_is_han(c)) {
      if (reject && reject(c)) return -1;
      item++;
    } else if (c == 0xB7 || c == 0x30FB || (c == 0x2022 && (flags & QG_NAMES_BULLET))) {
      item++, dot = true;
    } else {
      return -1;
    }
  }
  if (first_len) *first_len = first;
  return items;
}

bool qg_text_double_surname_at(const char *s, size_t n, size_t i) {
  static const char doubles[] = "欧阳司马上官诸葛东方皇甫慕容令狐公孙宇文尉迟长孙";
  if (i > n || n - i < 6) return false;
  for (size_t j = 0; j + 6 <= sizeof doubles - 1; j += 6)
    if (!memcmp(doubles + j, s + i, 6)) return true;
  return false;
}

/* (the end of s[0..n) past white space: space, tab, CR, U+3000) */
static size_t blank_end(const char *s, size_t n) {
  for (;;) {
    if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    else if (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3;
    else return n;
  }
}

unsigned qg_text_name_runs(const char *s, size_t n) {
  size_t i = 0, start = 0;
  unsigned runs = 0;
  bool in = false;
  while (i <= n) {
    size_t at = i;
    uint32_t c = i < n ? qg_utf8_next(s, n, &i) : (i++, ' ');
    bool sp = c == ' ' || c == '\t' || c == 0x3000;
    if (!sp && !in) start = at;
    if (sp && in) {
      size_t m = at - start;
      runs += !((m == 6 && (!memcmp(s + start, "报道", 6) || !memcmp(s + start, "摄影", 6))) ||
                (m == 3 && !memcmp(s + start, "摄", 3)));
    }
    in = !sp;
  }
  return runs;
}

bool qg_text_byline_rest(const char *s, size_t n) {
  n = blank_end(s, n);
  if (n < 6 || n > 30 * 3) return false;
  bool tail = n > 6 && !memcmp(s + n - 6, "报道", 6);
  if (tail) n -= 6;
  size_t z = blank_end(s, n);
  if (tail && z == n) return false; /* (李强报道: one word to read) */
  n = z;
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    if (!qg_cp_is_space(qg_utf8_next(s, n, &j))) break;
    i = j;
  }
  size_t k = i;
  if (i >= n || (!qg_text_double_surname_at(s, n, i) &&
                 !qg_cp_is_common_surname(qg_utf8_next(s, n, &k))))
    return false;
  int names = qg_text_names(s + i, n - i, 0, 4, NULL, NULL);
  return names >= 2 || (tail && names == 1);
}

/* (a name at s[i..): a surname of one character and one or two more, or of two and one or two
 * more: the lengths it may have, in Han characters, as bits 2..4 of the result; 0: no name opens
 * there; the item's characters are all of three bytes) */
static unsigned name_lens(const char *s, size_t n, size_t i) {
  if (n - i < 6 || (unsigned char)s[i] < 0xE0 || (unsigned char)s[i] >= 0xF0) return 0;
  if (qg_text_double_surname_at(s, n, i)) return 1u << 3 | 1u << 4;
  size_t e = i;
  return qg_cp_is_common_surname(qg_utf8_next(s, n, &e)) ? 1u << 2 | 1u << 3 : 0;
}

int qg_text_name_row(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3; /* (U+3000) */
  if (n < 6 || n > 3 * 40 + 39 * 3) return 0;
  int names = 0;
  size_t i = 0;
  while (i < n) {
    /* one item: Han characters (and a name's dot) up to white space or 、 */
    size_t a = i, han = 0;
    bool dot = false;
    while (i < n) {
      size_t j = i;
      uint32_t c = qg_utf8_next(s, n, &j);
      if (c == ' ' || c == '\t' || c == 0x3000 || c == 0x3001) break;
      if (c == 0xB7 || c == 0x30FB || c == 0x2022) dot = true;
      else if (!qg_cp_is_han(c) || j - i != 3) return 0;
      else han++;
      i = j;
    }
    if (i == a) return 0; /* (two 、 in a row, or a 、 first) */
    if (dot) {
      /* (a name with a dot, 黄·阿里木, 阿依古丽·买买提: 2 to 8 characters, no surname asked) */
      if (han < 2 || han > 7 || i - a > 3 * 8) return 0;
      names++;
    } else {
      /* the item is names run together, each opening with a surname: the most names a parse
       * from the item's start to its end finds (best[k]: at k Han characters in; -1 none) */
      if (han > 40) return 0;
      signed char best[41];
      best[0] = 0;
      for (size_t k = 1; k <= han; k++) best[k] = -1;
      for (size_t k = 0; k < han; k++) {
        if (best[k] < 0) continue;
        unsigned lens = name_lens(s, a + 3 * han, a + 3 * k);
        for (size_t m = 2; m <= 4; m++)
          if ((lens >> m & 1u) && k + m <= han && best[k + m] < best[k] + 1)
            best[k + m] = (signed char)(best[k] + 1);
      }
      if (best[han] < 1) return 0;
      names += best[han];
    }
    /* (the gap: white space, or a 、 with white space around it or none) */
    bool comma = false;
    while (i < n) {
      size_t j = i;
      uint32_t c = qg_utf8_next(s, n, &j);
      if (c == 0x3001 && !comma) comma = true;
      else if (c != ' ' && c != '\t' && c != 0x3000) break;
      i = j;
    }
  }
  return names >= 2 ? names : 0;
}

bool qg_text_list_heading(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  /* (a colon last: 名单如下：) */
  if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x9A", 3)) n -= 3;
  else if (n && s[n - 1] == ':') n--;
  /* (at most 20 characters: most lines are longer, and are let go here, on the hot path) */
  if (n < 6 || n > 3 * 20) return false;
  /* the cue first: the words at the end, 以下同志 / 以下人员 first, or 名单 anywhere */
#define ENDS(w) (n >= sizeof w - 1 && !memcmp(s + n - (sizeof w - 1), w, sizeof w - 1))
  bool cue = ENDS("名）") || ENDS("名)") || ENDS("同志") || ENDS("人员");
#undef ENDS
  if (!cue && n >= 12 && !memcmp(s, "以下", 6))
    cue = !memcmp(s + 6, "同志", 6) || !memcmp(s + 6, "人员", 6);
  /* (名 is E5 90 8D: its last byte, rare, found by memchr) */
  for (const char *q = s + 2; !cue && q < s + n - 3 && (q = memchr(q, 0x8D, (size_t)(s + n - 3 - q))); q++)
    cue = !memcmp(q - 2, "名单", 6);
  if (!cue) return false;
  /* Han characters, and a count in brackets (（12名）); at most 20 */
  size_t i = 0, chars = 0;
  int depth = 0;
  uint32_t z = 0; /* (the character before c) */
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (++chars > 20) return false;
    /* (all heading, no sentence before it: 了, 已 or 日前, 近日, 揭晓, 公布, 本次 in it make it a
     * sentence's words, 本次评选结果已经揭晓获奖名单, 社区居委会日前表彰了热心公益的同志, which a
     * line of names under it goes on; session 40, review 39's high) */
    if (c == 0x4E86 || c == 0x5DF2 || (z == 0x65E5 && c == 0x524D) || (z == 0x8FD1 && c == 0x65E5) ||
        (z == 0x63ED && c == 0x6653) || (z == 0x516C && c == 0x5E03) || (z == 0x672C && c == 0x6B21))
      return false;
    z = c;
    if (c == 0xFF08 || c == '(') depth++;
    else if (c == 0xFF09 || c == ')') depth--;
    else if (!qg_cp_is_han(c) && !(depth == 1 && (c - '0' < 10u || (c >= 0xFF10 && c <= 0xFF19))))
      return false;
    if (depth < 0 || depth > 1) return false;
  }
  return !depth;
}

int qg_text_label(const char *s, size_t n, int max, size_t *after) {
  size_t i = 0;
  int h = 0;
  uint32_t c = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_han(c)) break;
    if (++h > max) return 0;
  }
  if (!h || (c != 0xFF1A && c != ':')) return 0;
  *after = i;
  return h;
}

bool qg_text_bullet_lead(const char *s, size_t n) {
  size_t i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (c != '-' && c != '*' && c != '+' && c != 0x2022 && c != 0x2023 && c != 0x25E6 && c != 0xB7 &&
      c != 0x2043)
    return false;
  uint32_t d = i < n ? qg_utf8_next(s, n, &i) : 0;
  if (!qg_cp_is_space(d)) return false;
  while (i < n && qg_cp_is_space(d = qg_utf8_next(s, n, &i))) d = 0;
  return d != 0 && d != c && !(d >= '0' && d <= '9');
}

/* Whether c is an ornament bullet: the built-in [ornament] cues (dicts/structure-cues.txt). */
static bool ornament_bullet(uint32_t c) {
  switch (c) {
  case 0x25A1: case 0x25A0: case 0x25CF: case 0x25C6: case 0x25C7: /* □ ■ ● ◆ ◇ */
  case 0x25B2: case 0x25B3: case 0x2605: case 0x2606: case 0x25CB: /* ▲ △ ★ ☆ ○ */
  case 0x25CE: case 0x25B6: case 0x25B7: case 0x25BA: case 0x25C0: /* ◎ ▶ ▷ ► ◀ */
    return true;
  default:
    return false;
  }
}

bool qg_text_ornament_lead(const char *s, size_t n) {
  size_t i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (!ornament_bullet(c)) return false;
  uint32_t d = 0;
  while (i < n && qg_cp_is_space(d = qg_utf8_next(s, n, &i))) d = 0;
  return d != 0 && !ornament_bullet(d); /* ★★★★☆ is a rating */
}

/* The code point of the three-byte UTF-8 character at t[i], 0 when there is none. */
static uint32_t cp3(const char *t, size_t n, size_t i) {
  const unsigned char *u = (const unsigned char *)t + i;
  if (i + 3 > n || (u[0] & 0xF0) != 0xE0) return 0;
  return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
}

/* Whether c is a numeral of an item number: 一 … 十 百 零 〇 两, or (roman) Ⅰ … Ⅻ. */
static bool item_numeral(uint32_t c, bool roman) {
  switch (c) {
  case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03:
  case 0x516B: case 0x4E5D: case 0x5341: case 0x767E: case 0x96F6: case 0x3007: case 0x4E24:
    return true;
  default:
    return roman && c >= 0x2160 && c <= 0x216B;
  }
}

bool qg_text_item_number(const char *t, size_t n) {
  size_t i = 0;
  bool open = false, ordinal = false;
  uint32_t c = cp3(t, n, 0);
  if (c == 0xFF08) i = 3, open = true;            /* （ */
  else if (n >= 1 && t[0] == '(') i = 1, open = true;
  else if (c == 0x7B2C) i = 3, ordinal = true;    /* 第 */
  else if (!(n && t[0] >= '0' && t[0] <= '9') && !item_numeral(c, true)) return false;
  size_t d = i;
  for (;;) {
    if (i < n && t[i] >= '0' && t[i] <= '9') {
      i++;
      continue;
    }
    if (!item_numeral(cp3(t, n, i), !ordinal)) break;
    i += 3;
  }
  if (i == d || i >= n) return false;
  c = cp3(t, n, i);
  if (ordinal) { /* 第N + a unit of a paper or a document */
    uint32_t c2 = cp3(t, n, i + 3);
    return c == 0x9898 || c == 0x8282 || c == 0x7AE0 || c == 0x6761 || c == 0x9879 ||
           c == 0x5377 ||                      /* 题 节 章 条 项 卷 */
           (c == 0x90E8 && c2 == 0x5206) ||    /* 部分 */
           (c == 0x5355 && c2 == 0x5143);      /* 单元 */
  }
  if (open) return t[i] == ')' || c == 0xFF09;
  /* 4. but not 1.10 or 8.00 (a figure) */
  return (t[i] == '.' && !(i + 1 < n && t[i + 1] >= '0' && t[i + 1] <= '9')) || t[i] == ')' ||
         c == 0x3001 || c == 0xFF0E || c == 0xFF09; /* 、 ． ） */
}

bool qg_text_list_item(const char *s, size_t n) {
  return qg_text_bullet_lead(s, n) || qg_text_item_number(s, n);
}

bool qg_text_marker_line(const char *s, size_t n) {
  size_t k = 0;
  if (n > 64) return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t') continue;
    if (c != '-' && c != '*' && c != '+' && c != '_' && c != '=' && c != '#' && c != '>')
      return false;
    k++;
  }
  return k > 0;
}

bool qg_text_stray_mark(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += s[i] != ' ' && s[i] != '\t';
  return k == 1 && qg_text_marker_line(s, n);
}

bool qg_text_opens_clause_mark(const char *s, size_t n) {
  size_t i = 0;
  uint32_t c = 0;
  while (i < n)
    if (!qg_cp_is_space(c = qg_utf8_next(s, n, &i))) break;
  return c == 0xFF0C || c == 0x3001 || c == 0x3002 || c == 0xFF1B || c == 0xFF1A ||
         c == 0xFF01 || c == 0xFF1F || c == 0xFF09 || c == ',' || c == '.' || c == ';' ||
         c == ':' || c == '!' || c == '?' || c == ')';
}

/* (internal.h; moved from repair.c, session 47) */
size_t qg_text_done_note_at(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t c = n >= 3 && !memcmp(u + n - 3, "\xEF\xBC\x89", 3) ? 3 : n >= 1 && u[n - 1] == ')' ? 1 : 0;
  if (!c) return 0;
  size_t m = n - c;
  if (m >= 9 && !memcmp(u + m - 9, "全文完", 9)) m -= 9;
  else if (m >= 3 && !memcmp(u + m - 3, "完", 3)) m -= 3;
  else return 0;
  if (m >= 3 && !memcmp(u + m - 3, "\xEF\xBC\x88", 3)) m -= 3; /* （ */
  else if (m >= 1 && u[m - 1] == '(') m -= 1;
  else return 0;
  return m;
}

/* (internal.h) */
int qg_text_spaced_cells(const char *s, size_t n) {
  if (n > 256 || !memchr(s, ' ', n)) return 0; /* (most texts stop here) */
  return qg_text_gap_cells(s, n);
}

/* (internal.h) */
int qg_text_gap_cells(const char *s, size_t n) {
  if (n > 256) return 0;
  /* no mark ends a row: prose spaced out ends its sentence (或是０.); looked at first, as
   * most paragraphs end so */
  size_t z = n;
  while (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
  if (!z) return 0;
  size_t i = qg_utf8_prev(s, z);
  uint32_t e = qg_utf8_next(s, n, &i);
  if (e == '.' || e == ',' || e == ';' || e == ':' || e == '!' || e == '?' || e == 0x3002 ||
      e == 0xFF0C || e == 0x3001 || e == 0xFF1B || e == 0xFF1A || e == 0xFF01 || e == 0xFF1F ||
      e == 0xFF0E)
    return 0;
  int fields = 0, cell = 0, figures = 0;
  bool digit = false, in = false;
  i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == ' ' || c == '\t' || c == 0x3000) {
      in = false;
      continue;
    }
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?') return 0;
    if (!in) figures += digit, digit = false, fields++, cell = 0, in = true;
    if (++cell > 12 || fields > 8) return 0;
    digit |= qg_cp_digit(c) >= 0;
  }
  figures += digit;
  return fields >= 3 && figures >= 2 ? fields : 0;
}
