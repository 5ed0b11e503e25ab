/* neardup.c: paragraph fingerprints and the near-duplicate index (see neardup.h). */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise (populate) */
#endif
#include "neardup.h"

#include "internal.h"
#include "simd.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#if defined(QG_CHECK_FP) || defined(QG_CHECK_AVX)
#include <stdio.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#define XXH_INLINE_ALL /* the same hashes, inlined: most inputs are 8 bytes */
#include <xxhash.h>

/* ---- fingerprints ------------------------------------------------------------------------ */

void qg_fp_work_free(qg_fp_work *w) {
  free(w->cp);
  free(w->hv);
  *w = (qg_fp_work){0};
}

/* Marks of Chinese copy that are no letter or digit, without asking ICU (session 33: about 1.8 M
 * instructions on 2 MB of bench copy): general punctuation U+2000-206F (spaces, dashes,
 * quotes, ……, format characters), CJK symbols U+3000-3004 and U+3008-3020 (、。〈〉《》「」
 * 【】〔〕〜〝〞〟, not 々 〆 〇), full-width marks U+FF01-FF0F and U+FF1A-FF20 (！＂＃，．／：；？＠).
 * test_neardup checks each against ICU's categories. */
static inline bool norm_cp_none(uint32_t c) {
  return c - 0x2000u <= 0x6Fu || c - 0x3008u <= 0x3020u - 0x3008u || c - 0x3000u <= 4u ||
         c - 0xFF01u <= 0xFF0Fu - 0xFF01u || c - 0xFF1Au <= 0xFF20u - 0xFF1Au;
}

/* The fold of traditional characters (session 49, probe 48 M3: a published paragraph resubmitted
 * in traditional characters scored 0.20 against its simplified original): for the fingerprint
 * only (the exact hash, the sketch; never the copy), a Han character that ICU's
 * Traditional-Simplified transliterator turns, alone, into one other character is that
 * character. The tables are made at build time from the ICU installed (tools/fold_gen.c,
 * gen/fold_tables.h): QG_FOLD_BITS marks the characters of U+4E00-U+9FFF that fold, so that
 * fp_make's Han loop tests one bit a character and looks up only those. */
#include "gen/fold_tables.h"
#include "han_filter.h"

/* c folded (c itself when it does not fold): a binary search of the folds. */
static uint32_t fold_lookup(uint32_t c) {
  size_t lo = 0, hi = QG_FOLD_N;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (QG_FOLD_FROM[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < QG_FOLD_N && QG_FOLD_FROM[lo] == c ? QG_FOLD_TO[lo] : c;
}

/* Whether c, of the common Han block U+4E00-U+9FFF, folds or passes han_name_filter (one bit of
 * QG_HAN_SLOW, made by tools/fold_gen.c: fp_make's Han loop tests it as the base tested the
 * filter alone, and looks at the fold and the name only for those). */
static inline bool han_slow(uint32_t c) {
  return QG_HAN_SLOW[(c >> 6) - (0x4E00u >> 6)] >> (c & 63) & 1u;
}

/* Whether c, of the common Han block U+4E00-U+9FFF, folds (one bit of QG_FOLD_BITS). */
static inline bool fold_common(uint32_t c) {
  uint32_t k = c - 0x4E00u;
  /* (c outside U+4E00..U+9FFF: a pair of bytes common_han passes that no valid UTF-8 has,
   * E4 C0..FF, in text read back from an archive; review 52: an index far out of the table) */
  return k <= 0x9FFFu - 0x4E00u && (QG_FOLD_BITS[k >> 5] >> (k & 31) & 1u);
}

/* qg_fp_fold inlined (the names' characters) */
static inline uint32_t fold_cp(uint32_t c) {
  if (c - 0x4E00u <= 0x9FFFu - 0x4E00u) return fold_common(c) ? fold_lookup(c) : c;
  return c - QG_FOLD_MIN <= QG_FOLD_MAX - QG_FOLD_MIN ? fold_lookup(c) : c;
}

uint32_t qg_fp_fold(uint32_t c) { return fold_cp(c); }

/* Letters and digits (general categories L and N), Latin lowercased, traditional Han characters
 * folded (qg_fp_fold); 0 for everything else. */
static uint32_t norm_cp(uint32_t c) {
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return c;
    if (c >= '0' && c <= '9') return c;
    if (c >= 'A' && c <= 'Z') return c + 32;
    return 0;
  }
  if (c >= 0x4E00 && c <= 0x9FFF) return fold_cp(c); /* letters */
  if (norm_cp_none(c)) return 0;
  if (!(U_GET_GC_MASK((UChar32)c) & (U_GC_L_MASK | U_GC_N_MASK))) return 0;
  if (c >= QG_FOLD_MIN && c <= QG_FOLD_MAX) return fold_lookup(c); /* other Han blocks */
  return (uint32_t)u_tolower((UChar32)c);
}

static uint64_t mix64(uint64_t x) { /* splitmix64 finalizer: spreads a 32-bit value to 64 */
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/* Moves the k smallest of v[0..n) to its front, in no particular order (quickselect with a
 * three-way partition: < pivot | == pivot | > pivot); one definition for each element type. */
#define DEFINE_SELECT_SMALLEST(name, type)                                                      \
  static void name(type *v, size_t n, size_t k) {                                              \
    size_t lo = 0, hi = n;                                                                      \
    while (hi - lo > 1 && k > lo && k < hi) {                                                   \
      type pivot = v[lo + (hi - lo) / 2], t;                                                    \
      size_t lt = lo, gt = hi, i = lo;                                                          \
      while (i < gt) {                                                                          \
        if (v[i] < pivot) t = v[i], v[i++] = v[lt], v[lt++] = t;                                \
        else if (v[i] > pivot) t = v[i], v[i] = v[--gt], v[gt] = t;                             \
        else i++;                                                                               \
      }                                                                                         \
      if (k <= lt) hi = lt;                                                                     \
      else if (k >= gt) lo = gt;                                                                \
      else return;                                                                              \
    }                                                                                           \
  }
DEFINE_SELECT_SMALLEST(select_smallest32, uint32_t)

#define SD_COUNTED 24 /* sort_distinct counts into buckets from this many values */
/* The buckets of sort_distinct for n values: 2^bits, bits from 5 (n <= 32) to 8 (n > 128): one
 * to two a value (session 33: two to four before; the prefix sum over the buckets cost more
 * instructions than the insertion sort's few more moves, 1.7 M on 2 MB of bench copy, and
 * the time was the same; one bucket a value saved 0.3 M more and was slower). */
static inline unsigned sd_bits(uint32_t n) { return 5 + (n > 32) + (n > 64) + (n > 128); }

/* The ends of the nb buckets counted in count (an inclusive prefix sum, in place); nb a multiple
 * of 16 (bits >= 4). */
static inline __attribute__((always_inline)) void bucket_ends(uint16_t *count, const uint32_t nb) {
#ifdef __SSE2__
  /* sixteen a step: the two halves' sums made apart, the carry added to both
   * (session 31: 8 a step was 4.3 M instructions on 2 MB of bench copy) */
  __m128i carry = _mm_setzero_si128();
  for (uint32_t b = 0; b < nb; b += 16) {
    __m128i c = _mm_load_si128((const __m128i *)(count + b));
    __m128i d = _mm_load_si128((const __m128i *)(count + b + 8));
    c = _mm_add_epi16(c, _mm_slli_si128(c, 2));
    d = _mm_add_epi16(d, _mm_slli_si128(d, 2));
    c = _mm_add_epi16(c, _mm_slli_si128(c, 4));
    d = _mm_add_epi16(d, _mm_slli_si128(d, 4));
    c = _mm_add_epi16(c, _mm_slli_si128(c, 8));
    d = _mm_add_epi16(d, _mm_slli_si128(d, 8));
    c = _mm_add_epi16(c, carry);
    __m128i mid = _mm_shufflehi_epi16(c, 0xFF); /* c's lane 7 to lanes 4..7 */
    mid = _mm_unpackhi_epi64(mid, mid);         /* and to 0..3 */
    d = _mm_add_epi16(d, mid);
    _mm_store_si128((__m128i *)(count + b), c);
    _mm_store_si128((__m128i *)(count + b + 8), d);
    carry = _mm_shufflehi_epi16(d, 0xFF);
    carry = _mm_unpackhi_epi64(carry, carry);
  }
#else
  for (uint32_t b = 1; b < nb; b++) count[b] += count[b - 1];
#endif
}

/* Appends the distinct values of s[0..n) (ascending, each above every value out holds; t = s - 1,
 * a slot it writes) to out until it holds K. */
static inline __attribute__((always_inline)) void put_distinct(uint32_t *t, uint32_t n, qg_fp *out) {
  uint32_t *s = t + 1;
  /* the distinct ones: each written at k, kept when it differs from the one before (s[-1] holds
   * the value before the first: the last one out holds, or one that differs from it) */
  uint32_t k = out->n, i = 0;
  t[0] = k ? out->h[k - 1] : ~s[0];
  const uint32_t lim = n > QG_ND_K - k ? QG_ND_K : UINT32_MAX; /* they may fill the sketch */
#ifdef __SSE2__
  /* four at a time while none of them repeats the one before it (most sketches repeat none) */
  for (; i + 4 <= n && k + 4 <= lim; i += 4) {
    __m128i a = _mm_loadu_si128((const __m128i *)(s + i));
    __m128i b = _mm_loadu_si128((const __m128i *)(s + i - 1));
    if (!_mm_movemask_epi8(_mm_cmpeq_epi32(a, b))) {
      _mm_storeu_si128((__m128i *)(out->h + k), a);
      k += 4;
      continue;
    }
    for (uint32_t j = i; j < i + 4; j++) {
      out->h[k] = s[j];
      k += s[j] != t[j]; /* t[j] is s[j - 1] */
    }
  }
#endif
  for (; i < n && k < lim; i++) {
    uint32_t x = s[i];
    out->h[k] = x;
    k += x != t[i];
  }
  out->n = k;
}

/* Appends the distinct values of v[0..n) (n <= 2K, each above every value out holds) to out in
 * ascending order, until it holds K. One counting pass on the top bits into one to two buckets
 * a value (sd_bits: a value is most often alone in its bucket, so the insertion sort that
 * follows has little to do and its test is mostly predicted: with 64 buckets for about 115
 * values it was mispredicted some 30 times a sketch), into a copy behind a sentinel; then
 * insertion sort (a value is compared with the one before it; the sentinel ends a move).
 * bits: sd_bits(n), or 0 below SD_COUNTED (no buckets); a constant in each use (sort_distinct),
 * so that the shifts are immediates (session 33). The sketch of characters is sorted by
 * sort_counted_in since session 50; this sorts the candidates of a long text (bottom_k) and word
 * bigrams. */
static inline __attribute__((always_inline)) void sort_distinct_in(const uint32_t *v, uint32_t n,
                                                                   qg_fp *out, const unsigned bits) {
  uint32_t t[2 * QG_ND_K + 1], *s = t + 1;
  t[0] = 0; /* no value is below it */
  if (!bits) {
    memcpy(s, v, n * sizeof *v);
  } else {
    /* counts fit 16 bits (n <= 2K) */
    const unsigned shift = 32 - bits;
    const uint32_t nb = 1u << bits;
    _Alignas(16) uint16_t count[1u << 9];
    memset(count, 0, nb * sizeof *count);
    for (uint32_t i = 0; i < n; i++) count[v[i] >> shift]++;
    bucket_ends(count, nb);
    uint32_t i = 0;
    for (; i + 2 <= n; i += 2) { /* two a step (a second value of the same bucket sees the
                                  * first one's count: the stores are in order) */
      uint32_t x0 = v[i], x1 = v[i + 1];
      s[--count[x0 >> shift]] = x0;
      s[--count[x1 >> shift]] = x1;
    }
    if (i < n) s[--count[v[i] >> shift]] = v[i];
  }
  for (uint32_t i = 1; i < n; i++) {
    uint32_t x = s[i];
    if (s[i - 1] <= x) continue;
    uint32_t *p = s + i;
    do p[0] = p[-1], p--; while (p[-1] > x);
    *p = x;
  }
  put_distinct(t, n, out);
}

static void sort_distinct(const uint32_t *v, uint32_t n, qg_fp *out) {
  switch (n < SD_COUNTED ? 0 : sd_bits(n)) {
  case 0: sort_distinct_in(v, n, out, 0); break;
  case 5: sort_distinct_in(v, n, out, 5); break;
  case 6: sort_distinct_in(v, n, out, 6); break;
  case 7: sort_distinct_in(v, n, out, 7); break;
  default: sort_distinct_in(v, n, out, 8); break;
  }
}

/* Session 50: sort_distinct of n <= 2K values counted by their top bits into count (used up:
 * the ends of the buckets, then their starts), with the insertion sort done as each value is
 * scattered. The buckets fill from their ends; a value placed before it in its bucket and below
 * it moves down a slot. Only its own bucket is looked at: the slots not yet filled hold
 * 0xFFFFFFFF (and s[n], the sentinel), and every value of a later bucket is above every value
 * of this one. sort_distinct_in scatters, then reads every value again to sort (about 9
 * instructions a value on bench copy, its second loop); here the test is one load and one
 * comparison of the scatter. bits: sd_bits(n), a constant in each use (fp_sketch_in). */
static inline __attribute__((always_inline)) void sort_counted_in(const uint32_t *v, uint32_t n,
                                                                  qg_fp *out, uint16_t *count,
                                                                  const unsigned bits) {
  uint32_t t[2 * QG_ND_K + 2], *s = t + 1;
  const unsigned shift = 32 - bits;
  memset(s, 0xFF, (n + 1) * sizeof *s);
  bucket_ends(count, 1u << bits);
  /* e: the end of the value's bucket before it is placed, so that it goes to s[e - 1] */
#define SC_PLACE(x_)                                                                             \
  do {                                                                                           \
    uint32_t x = (x_), b = x >> shift, e = count[b];                                             \
    count[b] = (uint16_t)(e - 1);                                                                \
    if (s[e] < x) { /* (a bucket's later value: rare with one to two buckets a value) */        \
      do s[e - 1] = s[e], e++; while (s[e] < x);                                                 \
    }                                                                                            \
    s[e - 1] = x;                                                                                \
  } while (0)
  uint32_t i = 0;
  for (; i + 2 <= n; i += 2) {
    SC_PLACE(v[i]);
    SC_PLACE(v[i + 1]);
  }
  if (i < n) SC_PLACE(v[i]);
#undef SC_PLACE
  put_distinct(t, n, out);
}

/* The sketch of the n-gram hashes hv[0..m): its K smallest distinct values, ascending. */
static void bottom_k(uint32_t *hv, size_t m, qg_fp *out) {
  out->n = 0;
  uint64_t lo = 0; /* every value left is >= lo */
  while (m) {
    /* 2K candidates leave room for repeated values; if fewer than K distinct remain, the
     * next round takes the rest (a text repeating few n-grams: rare, and m shrinks) */
    size_t take = m > 2 * QG_ND_K ? 2 * QG_ND_K : m;
    if (take < m) {
      /* hashes are even in [lo, 2^32): about 1.5K of them lie below the bound. One pass moves
       * those to the front; when they are not between K and 2K (repeated or uneven values),
       * the selection takes the 2K smallest */
      uint64_t bound = lo + (((uint64_t)1 << 32) - lo) * (3 * QG_ND_K / 2) / m;
      size_t k = 0;
      for (size_t i = 0; i < m; i++) { /* branch-free: v[0..k) < bound <= v[k..i) */
        uint32_t t = hv[i];
        hv[i] = hv[k];
        hv[k] = t;
        k += t < bound;
      }
      if (k >= QG_ND_K && k <= take) take = k;
      else select_smallest32(hv, m, take);
    }
    sort_distinct(hv, (uint32_t)take, out);
    uint32_t n = out->n;
    if (n == QG_ND_K || take == m) break;
    /* every value taken is <= every value left: drop the taken ones and go on */
    uint32_t last = out->h[n - 1];
    size_t k = 0;
    for (size_t i = take; i < m; i++)
      if (hv[i] > last) hv[k++] = hv[i];
    m = k;
    lo = (uint64_t)last + 1;
  }
}

static void prefetch_exact(const qg_ndx *x, uint64_t exact);
static void fp_sketch(qg_fp_work *w, qg_fp *out);
static void idents_digits(const char *s, size_t len, uint32_t *id, uint32_t *nid);
static inline bool han_name_maybe(uint32_t c);
static unsigned han_name_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id);

/* A mark of a figure (session 43, probe 43 F2): the normalized text leaves marks out, so
 * 3.25亿元 and 32.5亿元, 上涨3.2% and 32%, 气温-1度 and 1度, 以2:1战胜 and 21, 2-3级 and 23级 were
 * one text, and the second an exact repeat. A decimal point, a colon (: ： ∶), a slash (/ ／) or
 * a dash (- － − – — ~ ～ 〜) right between two ASCII digits, or a dash but — right before a digit
 * and after anything (a minus, or a range after a unit: 1日-3日), counts: its class (FIG_*) goes
 * into the exact hash as a code point no character has. Whatever else the marks are (a
 * label's colon before a figure, a full stop before one), they are left out as before. */
enum { FIG_POINT = 1, FIG_COLON, FIG_SLASH, FIG_DASH };
#define FIG_CP 0x110000u /* FIG_CP + class: beyond Unicode */
static inline bool ascii_digit(unsigned char c) { return (unsigned)(c - '0') < 10u; }
/* The class of the mark at u[p..e), e its end, when it counts (0 when not). */
static uint32_t fig_mark(const unsigned char *u, size_t len, size_t p, size_t e) {
  if (e >= len || !ascii_digit(u[e])) return 0;
  bool after = p && ascii_digit(u[p - 1]);
  uint32_t k = 0;
  if (e - p == 1) {
    unsigned char c = u[p];
    k = c == '.' ? FIG_POINT : c == ':' ? FIG_COLON : c == '/' ? FIG_SLASH
        : c == '-' || c == '~' ? FIG_DASH : 0;
  } else if (e - p == 3) {
    uint32_t c = (uint32_t)u[p] << 16 | (uint32_t)u[p + 1] << 8 | u[p + 2];
    switch (c) {
    case 0xEFBC8E: k = FIG_POINT; break;                                  /* ． */
    case 0xEFBC9A: case 0xE288B6: k = FIG_COLON; break;                   /* ： ∶ */
    case 0xEFBC8F: k = FIG_SLASH; break;                                  /* ／ */
    case 0xEFBC8D: case 0xE28892: case 0xE28093: case 0xEFBD9E: case 0xE3809C: /* － − – ～ 〜 */
      k = FIG_DASH;
      break;
    case 0xE28094: k = after ? FIG_DASH : 0; break; /* — between figures only */
    }
  }
  return k == FIG_DASH || after ? k : 0;
}

/* The code point of a common Han character, less its last byte's six bits, by its first two
 * bytes b0 b1 as (b0 << 8 | b1) - 0xE4B8 (common_han's test): (b0 & 0x0F) << 12 | (b1 & 0x3F)
 * << 6, a row of 64 of QG_HAN_SLOW (session 50: one load where the decoding of the two bytes
 * took eight instructions). A pair of bytes no valid UTF-8 has gets a row in range too: E4 C0..FF
 * (common_han passes them; they reach fp_make only in text read back from an archive) would
 * give rows below U+4E00, an index before QG_HAN_SLOW, so they get U+4E00's (review 52). */
#define HAN_ROW(r) ((r) < 0x4E00u ? 0x4E00u : (r))
#define HAN_BASE1(v) (uint16_t)HAN_ROW((((v) >> 8) & 0x0Fu) << 12 | ((v) & 0x3Fu) << 6)
#define HAN_BASE4(v) HAN_BASE1(v), HAN_BASE1((v) + 1), HAN_BASE1((v) + 2), HAN_BASE1((v) + 3)
#define HAN_BASE16(v) HAN_BASE4(v), HAN_BASE4((v) + 4), HAN_BASE4((v) + 8), HAN_BASE4((v) + 12)
#define HAN_BASE64(v) HAN_BASE16(v), HAN_BASE16((v) + 16), HAN_BASE16((v) + 32), HAN_BASE16((v) + 48)
#define HAN_BASE256(v) HAN_BASE64(v), HAN_BASE64((v) + 64), HAN_BASE64((v) + 128), HAN_BASE64((v) + 192)
static const uint16_t han_base[0xE9FF - 0xE4B8 + 1] = {
    HAN_BASE256(0xE4B8u), HAN_BASE256(0xE5B8u), HAN_BASE256(0xE6B8u), HAN_BASE256(0xE7B8u),
    HAN_BASE256(0xE8B8u), HAN_BASE64(0xE9B8u), HAN_BASE4(0xE9F8u), HAN_BASE4(0xE9FCu)};
#undef HAN_BASE256
#undef HAN_BASE64
#undef HAN_BASE16
#undef HAN_BASE4
#undef HAN_BASE1
#undef HAN_ROW
_Static_assert(sizeof QG_HAN_SLOW / sizeof *QG_HAN_SLOW == (0x9FFF - 0x4E00 + 1) / 64,
               "han_base's rows are QG_HAN_SLOW's");

/* qg_utf8_common_han in one comparison: its lead byte E5..E9 with any byte after it, or E4
 * with B8 or more after it, are the pairs of bytes E4B8..E9FF (session 29: about half the
 * instructions of its two tests, on every Han character of fp_make). */
static inline bool common_han(const unsigned char *u) {
  return (((uint32_t)u[0] << 8 | u[1]) - 0xE4B8u) <= 0xE9FFu - 0xE4B8u;
}

/* A Han character of a run whose QG_HAN_SLOW bit is set (fp_make): c folded when it folds, and
 * the Han names that start at it (han_name_at, at u[at]) added to han[0..*nhan). */
static inline __attribute__((always_inline)) uint32_t han_slow_char(const unsigned char *u,
                                                                    size_t len, size_t at,
                                                                    uint32_t c, uint32_t *han,
                                                                    uint32_t *nhan) {
  if (fold_common(c)) c = fold_lookup(c);
  if (han_name_maybe(c) && *nhan < QG_ND_IDS) {
    uint32_t two[2];
    unsigned k = han_name_at(u, len, at, c, two);
    for (unsigned j = 0; j < k && *nhan < QG_ND_IDS; j++) han[(*nhan)++] = two[j];
  }
  return c;
}

/* A run of common Han characters from u[i] (common_han(u + i) true) in fp_make, one at a time:
 * each one's code point to cpo and hvo. Returns the run's characters. (Pointers of their own,
 * so that the loop's values stay in registers; the pair of bytes that common_han tests gives
 * the character's row of 64 in QG_HAN_SLOW, han_base, and the third byte its place in the
 * row: one load and one bit test a character.) The reference of han_run_avx2. */
static inline __attribute__((always_inline)) size_t han_run_one(const unsigned char *u,
                                                                size_t len, size_t i,
                                                                uint32_t *cpo, uint32_t *hvo,
                                                                uint32_t *han, uint32_t *nhan) {
  const unsigned char *q = u + i;
  uint32_t *const cp0 = cpo;
  uint32_t x = ((uint32_t)q[0] << 8 | q[1]) - 0xE4B8u;
  for (;;) {
    uint32_t base = han_base[x], lo = q[2] & 0x3Fu;
    uint32_t c = base + lo;
    if (QG_HAN_SLOW[(base >> 6) - (0x4E00u >> 6)] & (uint64_t)1 << lo) /* a traditional
                                                                         * character, or maybe
                                                                         * a name's */
      c = han_slow_char(u, len, (size_t)(q - u), c, han, nhan);
    q += 3;
    *cpo++ = c;
    *hvo++ = c;
    if (q >= u + len) break;
    x = ((uint32_t)q[0] << 8 | q[1]) - 0xE4B8u;
    if (x > 0xE9FFu - 0xE4B8u) break;
  }
  return (size_t)(cpo - cp0);
}

#if QG_HAVE_AVX2
/* han_run_one as a call: han_run_avx2's rare way out (inlined there, it cost 0.33 M
 * instructions of clean -q on s2 in the registers it took) */
static __attribute__((noinline)) size_t han_run_cut(const unsigned char *u, size_t len, size_t i,
                                                    uint32_t *cpo, uint32_t *hvo, uint32_t *han,
                                                    uint32_t *nhan) {
  return han_run_one(u, len, i, cpo, hvo, han, nhan);
}

/* han_run_one eight characters a step (session 52; the CPU's AVX2, pipeline/simd.h). The 24
 * bytes of eight characters (two loads of 16 at u + i and u + i + 12; the last bytes of a text
 * from a copy padded with zeros, which no Han character has) shuffled to one character's three
 * bytes a lane; the lanes that are common Han (common_han's test of the first two bytes), their
 * code points (the three bytes' bits, as han_base and the third byte give them) and their
 * QG_HAN_SLOW bits (a gather of the table's 32-bit words). The lanes before the first that is
 * not common Han are the run's, stored whole (cpo and hvo have room: fp_make's arrays hold len +
 * 16 values or more, and no more values than bytes come before), then its slow ones made again
 * one by one (han_slow_char, in text order: the names come in the order han_run_one adds them).
 * A lead byte cut by len (UTF-8 that is not valid) goes to han_run_one, which reads as it did.
 * Returns the run's characters.
 * Measured (callgrind, clean -j 1 -q -f text): s2 has 554,932 characters in 66,471 runs (8.3 a
 * run, 1.6 steps), about 26 instructions a character one at a time; here about 45 a step and 25
 * a call, and the constants made again each step (the call of han_name_at in the loop clobbers
 * every ymm register): fp_make with this 40.70 -> 38.73 M on s2. Tried and dropped: the slow
 * characters left to a second pass (marked by bit 31 of hvo, or listed), so that the loop has
 * no call and keeps its constants: +1 to +3 M (the second pass and its call); the constants
 * from memory (gcc makes them again as broadcasts). A loop that also took the marks between
 * runs (，。、“” …) would make 22% fewer runs on s2 for about 30 instructions more a step: not
 * built. */
static QG_AVX2 __attribute__((noinline)) size_t han_run_avx2(const unsigned char *u, size_t len,
                                                            size_t i, uint32_t *cpo,
                                                            uint32_t *hvo, uint32_t *han,
                                                            uint32_t *nhan) {
  const __m256i shuf = _mm256_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1,
                                        2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1);
  const __m256i pair0 = _mm256_set1_epi32(0xE4B8), span = _mm256_set1_epi32(0xE9FF - 0xE4B8);
  const __m256i hi4 = _mm256_set1_epi32(0xF000), mid6 = _mm256_set1_epi32(0x0FC0);
  const __m256i lo6 = _mm256_set1_epi32(0x3F), row0 = _mm256_set1_epi32(0x4E00);
  const __m256i bit5 = _mm256_set1_epi32(31);
  size_t done = 0;
  for (;;) {
    const unsigned char *src = u + i;
    unsigned lanes = 0xFF;
    uint64_t pad[4];
    if (len - i < 28) { /* (the loads read 28 bytes): the rest copied without a call */
      size_t r = len - i;
      pad[0] = pad[1] = pad[2] = pad[3] = 0;
      unsigned char *d = (unsigned char *)pad;
      const unsigned char *p = src;
      if (r >= 16) memcpy(d, p, 16), d += 16, p += 16, r -= 16;
      if (r >= 8) memcpy(d, p, 8), d += 8, p += 8, r -= 8;
      if (r >= 4) memcpy(d, p, 4), d += 4, p += 4, r -= 4;
      if (r >= 2) memcpy(d, p, 2), d += 2, p += 2, r -= 2;
      if (r) *d = *p;
      lanes = (1u << ((len - i) / 3)) - 1;
      src = (const unsigned char *)pad;
    }
    __m256i v = _mm256_inserti128_si256(
        _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)src)),
        _mm_loadu_si128((const __m128i *)(src + 12)), 1);
    __m256i d = _mm256_shuffle_epi8(v, shuf); /* b0 << 16 | b1 << 8 | b2 */
    __m256i t = _mm256_sub_epi32(_mm256_srli_epi32(d, 8), pair0);
    __m256i common = _mm256_cmpeq_epi32(_mm256_min_epu32(t, span), t);
    unsigned cm = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(common));
    unsigned k = (unsigned)__builtin_ctz(~(cm & lanes)); /* 0 to 8 */
    if (!k) /* the run's end, or a lead byte cut by len (UTF-8 that is not valid): one at a time */
      return cm & 1 ? done + han_run_cut(u, len, i, cpo + done, hvo + done, han, nhan) : done;
    /* (the row at least U+4E00's, as han_base gives it: E4 C0..FF, no valid UTF-8, would index
     * before QG_HAN_SLOW; review 52) */
    __m256i c = _mm256_or_si256(
        _mm256_max_epu32(_mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(d, 4), hi4),
                                         _mm256_and_si256(_mm256_srli_epi32(d, 2), mid6)),
                         row0),
        _mm256_and_si256(d, lo6));
    __m256i idx = _mm256_srli_epi32(_mm256_sub_epi32(c, row0), 5); /* a 32-bit word of the rows */
    __m256i g = _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), (const int *)QG_HAN_SLOW,
                                            idx, common, 4);
    __m256i sl = _mm256_slli_epi32(_mm256_srlv_epi32(g, _mm256_and_si256(c, bit5)), 31);
    unsigned sm = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(sl)) & ((1u << k) - 1);
    _mm256_storeu_si256((__m256i *)(cpo + done), c);
    _mm256_storeu_si256((__m256i *)(hvo + done), c);
    for (; sm; sm &= sm - 1) { /* the slow ones, in text order */
      unsigned j = (unsigned)__builtin_ctz(sm);
      uint32_t cj = han_slow_char(u, len, i + 3 * j, cpo[done + j], han, nhan);
      cpo[done + j] = cj, hvo[done + j] = cj;
    }
    done += k, i += 3 * k;
    if (k < 8)
      return cm >> k & 1 ? done + han_run_cut(u, len, i, cpo + done, hvo + done, han, nhan) : done;
  }
}
#endif

/* The fingerprint of s[0..len): exact and chars; with sketch, the numbers and the sketch (or,
 * with defer, the units it is made of, for qg_fp_sketch).
 *
 * Session 50 (s50-fp): the numbers are qg_fp_numbers' as this loop reads them (a decimal's
 * parts and a minus from the marks it sees before a digit: FP_NUMBER_END), where until
 * session 49 it read the text again with qg_fp_numbers when one of them held a decimal point
 * or a dash (719 of 8,954 paragraphs of s2, about 2,900 instructions each); a common Han character's first two bytes
 * give its code point's row by a table (han_base). Tried: hashing each n-gram here as its
 * second unit is made, and counting it for the sort (no second read of the units): the loop ran
 * out of registers and cost more than fp_sketch_in's pass (docs/dedup.md, "Session 50"). */
static int fp_make(qg_fp_work *w, const char *s, size_t len, bool sketch, bool defer,
                   qg_fp *out) {
  w->pending = false;
  if (len + 16 > w->cap) { /* (han_run_avx2 stores eight values from the last character's) */
    size_t cap = len + 64;
    uint32_t *cp = realloc(w->cp, cap * sizeof *cp);
    if (!cp) return QG_ERR_NOMEM;
    w->cp = cp;
    uint32_t *hv = realloc(w->hv, cap * sizeof *hv);
    if (!hv) return QG_ERR_NOMEM;
    w->hv = hv;
    w->cap = cap;
  }
  /* the arrays in locals: the stores through them did not let the compiler keep w->cp and
   * w->hv in registers (two loads a character) */
  uint32_t *const cpv = w->cp, *const hvv = w->hv;
  /* the normalized text as code points: never more of them than bytes. For the sketch, the
   * units to shingle go to hv: the code points, except that a number of two digits or more
   * (a run of ASCII digits with nothing left out between them) is one unit, a hash with bit
   * 31 set (no code point has it): digits are ten characters, so a table of figures would
   * otherwise share nearly all its bigrams with any other */
  size_t ncp = 0, nu = 0, run = 0; /* run: digits in the current number */
  uint32_t han[QG_ND_IDS], nhan = 0; /* the Han names (han_name_at), for the identifiers */
  uint64_t num = 0;
  bool gap = true;
  uint32_t nnum = 0;
  /* the figure so far, as qg_fp_numbers reads it: its hash (a decimal's parts before its
   * point), whether a decimal point ended a part of it, whether a minus opened it */
  uint64_t facc = 0;
  bool fpoint = false, fneg = false;
  /* the end of a number, before a mark of class k_ (fig_mark; 0: none): its hash is the unit
   * of a number of two digits or more, and (the first QG_ND_NUMS of them) the numbers of the
   * paragraph, qg_fp_numbers' (whose digit runs are these: a run ends at any byte that is not
   * an ASCII digit, as here at a gap or at a unit that is no digit; a decimal point before a
   * digit goes on with the figure, a dash before one after no figure is its minus) */
#define FP_NUMBER_END(k_)                                                                        \
  do {                                                                                           \
    uint64_t hm_ = mix64(num ^ (uint64_t)run << 58); /* 7 and 007 differ */                     \
    if (run >= 2) hvv[nu - 1] = 0x80000000u | (uint32_t)(hm_ >> 33);                            \
    facc = fpoint ? mix64(facc ^ (hm_ + 0x2E)) : hm_;                                            \
    if ((k_) == FIG_POINT) { /* the figure goes on */                                           \
      fpoint = true;                                                                             \
    } else {                                                                                     \
      if (nnum < QG_ND_NUMS)                                                                     \
        out->num[nnum++] = (uint32_t)((fneg ? mix64(facc ^ 0x2D2D2D2Dull) : facc) >> 32);        \
      fpoint = fneg = false;                                                                     \
    }                                                                                            \
  } while (0)
  const unsigned char *u = (const unsigned char *)s;
#if QG_HAVE_AVX2
  const bool avx2 = sketch && qg_simd_avx2();
#endif
  uint32_t nfig = 0; /* marks of figures in cpv (fig_mark) */
  uint32_t ndigit = 0; /* ASCII digits (every one comes through the test of digit below) */
  for (size_t i = 0; i < len;) {
    uint32_t c;
    const size_t p = i;
    if (u[i] < 0x80) { /* ASCII fast path */
      c = u[i++];
      uint32_t lc = c | 0x20; /* a letter lowercased (no other byte lands in a..z) */
      if (sketch && lc - 'a' < 26) { /* a run of letters: units of their own, no number, no gap */
        if (run) FP_NUMBER_END(0);
        run = 0, num = 0, gap = false;
        for (;;) {
          cpv[ncp++] = lc;
          hvv[nu++] = lc;
          if (i == len || (lc = u[i] | 0x20u) - 'a' >= 26) break;
          i++;
        }
        continue;
      }
      c = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : (c >= 'A' && c <= 'Z') ? c + 32 : 0;
    } else if (common_han(u + i)) { /* a common Han character is itself */
      if (sketch) { /* a run of them: units of their own, no number, no gap */
        if (run) FP_NUMBER_END(0);
        run = 0, num = 0, gap = false;
#if QG_HAVE_AVX2
        if (avx2) { /* eight at a time (nh: nhan's address taken by the call, not nhan's) */
          uint32_t nh = nhan;
#ifdef QG_CHECK_AVX /* one at a time too, into copies: the same values and names, or abort */
          uint32_t nh1 = nhan, han1[QG_ND_IDS];
          memcpy(han1, han, sizeof han1);
          uint32_t *cp1 = malloc((len + 16) * sizeof *cp1), *hv1 = malloc((len + 16) * sizeof *hv1);
          if (!cp1 || !hv1) abort();
          size_t k1 = han_run_one(u, len, i, cp1, hv1, han1, &nh1);
#endif
          size_t k = han_run_avx2(u, len, i, cpv + ncp, hvv + nu, han, &nh);
#ifdef QG_CHECK_AVX
          if (k != k1 || nh != nh1 || memcmp(han, han1, nh * sizeof *han) ||
              memcmp(cpv + ncp, cp1, k * sizeof *cpv) || memcmp(hvv + nu, hv1, k * sizeof *hvv)) {
            fprintf(stderr, "QG_CHECK_AVX: han_run_avx2 differs at %zu of %zu (%zu, one at a time %zu)\n",
                    i, len, k, k1);
            abort();
          }
          free(cp1), free(hv1);
#endif
          nhan = nh;
          i += 3 * k, ncp += k, nu += k;
          continue;
        }
#endif
        /* one at a time: han_run_one, written out as before session 52 (as a call of it,
         * clean -q of s2 took 1.06 M instructions more on this path) */
        const unsigned char *q = u + i;
        uint32_t *cpo = cpv + ncp, *hvo = hvv + nu;
        uint32_t x = ((uint32_t)q[0] << 8 | q[1]) - 0xE4B8u;
        for (;;) {
          uint32_t base = han_base[x], lo = q[2] & 0x3Fu;
          c = base + lo;
          if (QG_HAN_SLOW[(base >> 6) - (0x4E00u >> 6)] & (uint64_t)1 << lo) { /* a traditional
                                                                                 * character, or
                                                                                 * maybe a name's */
            if (fold_common(c)) c = fold_lookup(c);
            if (han_name_maybe(c) && nhan < QG_ND_IDS) {
              uint32_t two[2];
              unsigned k = han_name_at(u, len, (size_t)(q - u), c, two);
              for (unsigned j = 0; j < k && nhan < QG_ND_IDS; j++) han[nhan++] = two[j];
            }
          }
          q += 3;
          *cpo++ = c;
          *hvo++ = c;
          if (q >= u + len) break;
          x = ((uint32_t)q[0] << 8 | q[1]) - 0xE4B8u;
          if (x > 0xE9FFu - 0xE4B8u) break;
        }
        i = (size_t)(q - u), ncp = (size_t)(cpo - cpv), nu = (size_t)(hvo - hvv);
        continue;
      }
      c = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
      i += 3;
      if (fold_common(c)) c = fold_lookup(c);
    } else {
      c = norm_cp(qg_utf8_next(s, len, &i));
    }
    if (!c) {
      uint32_t k = 0;
      if (i < len && ascii_digit(u[i])) { /* a mark of a figure counts for the exact hash */
        k = fig_mark(u, len, p, i);
        if (k) cpv[ncp++] = FIG_CP + k, nfig++;
      }
      /* (qg_fp_numbers: a mark after a figure ends it, or goes on with it when a decimal
       * point; a dash before one, after no figure, is its minus) */
      if (sketch && run) FP_NUMBER_END(k);
      else if (k == FIG_DASH) fneg = true;
      run = 0;
      gap = true;
      continue;
    }
    cpv[ncp++] = c;
    if (!sketch) continue;
    bool digit = c >= '0' && c <= '9';
    ndigit += digit;
    if (digit && run && !gap) { /* the number goes on */
      num = num * 10 + (c - '0') + (run >= 18 ? num >> 60 : 0);
      run++;
    } else {
      if (run) FP_NUMBER_END(0);
      hvv[nu++] = c;
      run = digit;
      num = digit ? c - '0' : 0;
    }
    gap = false;
  }
  if (sketch && run) FP_NUMBER_END(0);
#undef FP_NUMBER_END
  out->nnum = nnum;
#ifdef QG_CHECK_FP
  if (sketch) {
    uint32_t ref[QG_ND_NUMS], nref;
    qg_fp_numbers(s, len, ref, &nref);
    if (nref != nnum || memcmp(ref, out->num, nnum * sizeof *ref)) {
      fprintf(stderr, "QG_CHECK_FP: the numbers differ from qg_fp_numbers' on %.*s\n", (int)len, s);
      abort();
    }
  }
#endif
  if (sketch) { /* the identifiers, as qg_fp_idents gives them: those of letters and digits,
                 * then the Han names */
    /* (every identifier of letters and digits has three digits or more: with fewer in the
     * text there is none to look for; session 44) */
    if (ndigit >= 3) idents_digits(s, len, out->id, &out->nid);
    else out->nid = 0;
    for (uint32_t k = 0; k < nhan && out->nid < QG_ND_IDS; k++) out->id[out->nid++] = han[k];
  } else {
    out->nid = 0;
  }
  out->label = sketch ? qg_fp_label(s, len) : 0;
  uint32_t *cp = w->cp;
  out->chars = (uint32_t)(ncp - nfig);
  out->exact = XXH3_64bits(cp, ncp * sizeof *cp);
  if (w->ndx) prefetch_exact(w->ndx, out->exact);
  out->n = 0;
  if (!sketch) return 0;
  w->nu = nu;
  if (defer) { /* qg_fp_sketch, when it is needed */
    w->pending = true;
    return 0;
  }
  fp_sketch(w, out);
  return 0;
}

/* The hash of the n-gram at g (QG_ND_SHINGLE units): qg_fp_ngram_hash (sketch version 3). */
static inline uint32_t ngram_hash(const uint32_t *g) {
  _Static_assert(QG_ND_SHINGLE == 2, "qg_fp_ngram_hash hashes two units");
  return qg_fp_ngram_hash(g[0], g[1]);
}

#if QG_HAVE_AVX2
/* ngram_hash eight n-grams a step (session 52; the CPU's AVX2, pipeline/simd.h): the n-grams
 * hv[i..i + 8) hashed in place (the units a = hv[i + j] and b = hv[i + j + 1] read before the
 * step's store) and counted in count by their top bits (h >> shift), for i + 8 <= ng, then the
 * last up to seven one at a time. ng >= 8.
 * AVX2 has no 64-bit multiply, so qg_fp_ngram_hash is taken in 32-bit halves, mod 2^32 each:
 * x = (a << 32 | b) * C1 has low half lo(b C1l) and high half hi(b C1l) + a C1l + b C1h;
 * x ^= x >> 32 changes only the low half (xl ^= xh); the hash, the high half of x * C2, is
 * hi(xl C2l) + xh C2l + xl C2h. The two full products (hi) by vpmuludq of the even lanes and
 * of the odd lanes shifted down, the four low ones by vpmulld. About 33 instructions a step
 * and 2 a count (the hashes' top bits stored, then counted one by one) where the scalar loop
 * takes about 12 an n-gram. Measured (callgrind, clean -j 1 -q -f text): see docs/dedup.md,
 * "Session 52 (s52-walk)". */
static QG_AVX2 __attribute__((noinline)) void ngram_hash_avx2(uint32_t *hv, size_t ng,
                                                                uint16_t *count,
                                                                unsigned shift) {
  const __m256i c1l = _mm256_set1_epi32((int)0x7F4A7C15u), c1h = _mm256_set1_epi32((int)0x9E3779B9u);
  const __m256i c2l = _mm256_set1_epi32((int)0x6659FD93u), c2h = _mm256_set1_epi32((int)0xD6E8FEB8u);
  const __m128i sh = _mm_cvtsi32_si128((int)shift);
  _Alignas(32) uint32_t top[8];
  size_t i = 0;
  for (; i + 8 <= ng; i += 8) {
    const __m256i a = _mm256_loadu_si256((const __m256i *)(hv + i));
    const __m256i b = _mm256_loadu_si256((const __m256i *)(hv + i + 1));
    /* b * C1l, 64 bits: the even lanes' products, then the odd lanes' */
    const __m256i pe = _mm256_mul_epu32(b, c1l);
    const __m256i po = _mm256_mul_epu32(_mm256_srli_epi64(b, 32), c1l);
    const __m256i plo = _mm256_blend_epi32(pe, _mm256_slli_epi64(po, 32), 0xAA);
    const __m256i phi = _mm256_blend_epi32(_mm256_srli_epi64(pe, 32), po, 0xAA);
    const __m256i xh = _mm256_add_epi32(
        phi, _mm256_add_epi32(_mm256_mullo_epi32(a, c1l), _mm256_mullo_epi32(b, c1h)));
    const __m256i xl = _mm256_xor_si256(plo, xh);
    /* the high half of x * C2 */
    const __m256i qe = _mm256_mul_epu32(xl, c2l);
    const __m256i qo = _mm256_mul_epu32(_mm256_srli_epi64(xl, 32), c2l);
    const __m256i qhi = _mm256_blend_epi32(_mm256_srli_epi64(qe, 32), qo, 0xAA);
    const __m256i h = _mm256_add_epi32(
        qhi, _mm256_add_epi32(_mm256_mullo_epi32(xh, c2l), _mm256_mullo_epi32(xl, c2h)));
    _mm256_storeu_si256((__m256i *)(hv + i), h);
    _mm256_store_si256((__m256i *)top, _mm256_srl_epi32(h, sh));
    count[top[0]]++, count[top[1]]++, count[top[2]]++, count[top[3]]++;
    count[top[4]]++, count[top[5]]++, count[top[6]]++, count[top[7]]++;
  }
  for (; i < ng; i++) { /* the last up to seven one at a time */
    uint32_t h = ngram_hash(hv + i);
    hv[i] = h;
    count[h >> shift]++;
  }
}
#endif

/* The ng n-grams of hv, hashed in place, each counted in count (1 << bits of them) by its top
 * bits; then sorted and made distinct into out (sort_counted_in). bits a constant in each use
 * (the shift an immediate), two n-grams a step (session 33); with AVX2, eight a step
 * (ngram_hash_avx2) and the last up to seven here. ng <= 2K. */
static inline __attribute__((always_inline)) void fp_sketch_in(uint32_t *hv, size_t ng, qg_fp *out,
                                                               const unsigned bits) {
  const unsigned shift = 32 - bits;
  _Alignas(16) uint16_t count[1u << 8];
  memset(count, 0, ((size_t)1 << bits) * sizeof *count);
#ifdef QG_CHECK_AVX /* the units kept, for the hashes and counts made one at a time below */
  uint32_t *units = malloc((ng + 1) * sizeof *units);
  if (!units) abort();
  memcpy(units, hv, (ng + 1) * sizeof *units);
#endif
#if QG_HAVE_AVX2
  if (ng >= 8 && qg_simd_avx2()) {
    ngram_hash_avx2(hv, ng, count, shift);
  } else
#endif
  { /* (its own loop from 0: with i from the call, gcc indexed it again and loaded each unit
     * twice, 15 instructions an n-gram where 12.5: +1.6 M on s2 with QG_SIMD=sse2) */
    size_t i = 0;
    for (; i + 2 <= ng; i += 2) { /* (both read before hv[i] and hv[i + 1] are written) */
      uint32_t h0 = ngram_hash(hv + i), h1 = ngram_hash(hv + i + 1);
      hv[i] = h0, hv[i + 1] = h1;
      count[h0 >> shift]++;
      count[h1 >> shift]++;
    }
    if (i < ng) {
      uint32_t h = ngram_hash(hv + i);
      hv[i] = h;
      count[h >> shift]++;
    }
  }
#ifdef QG_CHECK_AVX /* the same hashes and counts as one at a time, or abort */
  {
    uint16_t ref[1u << 8];
    memset(ref, 0, ((size_t)1 << bits) * sizeof *ref);
    for (size_t k = 0; k < ng; k++) {
      uint32_t h = ngram_hash(units + k);
      ref[h >> shift]++;
      if (hv[k] != h) {
        fprintf(stderr, "QG_CHECK_AVX: n-gram %zu of %zu hashed %08x, one at a time %08x\n", k,
                ng, hv[k], h);
        abort();
      }
    }
    if (memcmp(ref, count, ((size_t)1 << bits) * sizeof *ref)) {
      fprintf(stderr, "QG_CHECK_AVX: the counts of %zu n-grams differ\n", ng);
      abort();
    }
    free(units);
  }
#endif
  sort_counted_in(hv, (uint32_t)ng, out, count, bits);
}

/* The sketch from the units fp_make left in w->hv[0..w->nu): n-grams, ngram_hash of QG_ND_SHINGLE
 * consecutive units, in place (shingle i is written where unit i was, after units i and i + 1
 * were read); a text shorter than an n-gram is one (the exact hash's high half). */
static void fp_sketch(qg_fp_work *w, qg_fp *out) {
  const size_t nu = w->nu;
  uint32_t *hv = w->hv;
  out->n = 0;
  if (nu < QG_ND_SHINGLE) {
    if (nu) out->h[out->n++] = (uint32_t)(out->exact >> 32);
    return;
  }
  const size_t ng = nu - QG_ND_SHINGLE + 1;
#ifdef QG_CHECK_FP /* the sketch as it was made before session 50: hashed, then sort_distinct
                    * and bottom_k (on the heap: the pipelines of several threads check at once) */
  uint32_t *copy = malloc(ng * sizeof *copy);
  qg_fp *ref = malloc(sizeof *ref);
  if (!copy || !ref) abort();
  for (size_t i = 0; i < ng; i++) copy[i] = ngram_hash(hv + i);
  bottom_k(copy, ng, ref);
#endif
  if (ng > 2 * QG_ND_K) { /* a long text: its candidates by a bound (bottom_k) */
    for (size_t i = 0; i < ng; i++) hv[i] = ngram_hash(hv + i);
    bottom_k(hv, ng, out);
  } else {
    switch (sd_bits((uint32_t)ng)) {
    case 5: fp_sketch_in(hv, ng, out, 5); break;
    case 6: fp_sketch_in(hv, ng, out, 6); break;
    case 7: fp_sketch_in(hv, ng, out, 7); break;
    default: fp_sketch_in(hv, ng, out, 8); break;
    }
  }
#ifdef QG_CHECK_FP
  if (ref->n != out->n || memcmp(ref->h, out->h, out->n * sizeof *out->h)) {
    fprintf(stderr, "QG_CHECK_FP: the sketch differs from sort_distinct's (%zu n-grams)\n", ng);
    abort();
  }
  free(copy);
  free(ref);
#endif
}

void qg_fp_sketch(qg_fp_work *w, qg_fp *out) {
  if (!w->pending) return;
  w->pending = false;
  fp_sketch(w, out);
}

/* The bytes a figure or a dash before one opens with: the digits, - ~ and the lead bytes E2 E3
 * EF of the wide dashes (fig_mark); qg_fp_numbers skips every other byte between figures. */
static const uint8_t fig_lead[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['-'] = 1, ['~'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

void qg_fp_numbers(const char *s, size_t len, uint32_t *num, uint32_t *nnum) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t n = 0;
  uint64_t cur = 0, acc = 0; /* acc: the figure so far, a decimal's parts before its point */
  size_t digits = 0;
  bool point = false, neg = false; /* after a decimal point; after a minus (fig_mark) */
  for (size_t i = 0; i <= len && n < QG_ND_NUMS; i++) {
    if (!digits)
      while (i < len && !fig_lead[u[i]]) i++;
    unsigned char c = i < len ? u[i] : 0;
    if (c >= '0' && c <= '9') {
      cur = cur * 10 + (c - '0') + (digits >= 18 ? cur >> 60 : 0); /* long runs keep mixing */
      digits++;
      continue;
    }
    /* session 43 (probe 43 F2): a figure with a decimal point is one (3.25 is neither 3 and 25
     * nor 32.5), one after a minus another (-1 is not 1); no other mark changes a number */
    size_t e = i + (c < 0x80 ? 1 : c >= 0xE0 && c < 0xF0 ? 3 : 1);
    if (!digits) { /* only a dash counts here (the skip above stopped on a byte of fig_lead) */
      if (i < len && e <= len && fig_mark(u, len, i, e) == FIG_DASH) neg = true, i = e - 1;
      continue;
    }
    uint32_t k = i < len && e <= len ? fig_mark(u, len, i, e) : 0;
    uint64_t h = mix64(cur ^ (uint64_t)digits << 58); /* 7 and 007 differ */
    acc = point ? mix64(acc ^ (h + 0x2E)) : h;
    cur = digits = 0;
    if (k == FIG_POINT) { /* the figure goes on */
      point = true, i = e - 1;
      continue;
    }
    num[n++] = (uint32_t)((neg ? mix64(acc ^ 0x2D2D2D2Dull) : acc) >> 32);
    point = neg = false;
  }
  *nnum = n;
}

/* ASCII letters (1) and digits (2); every other byte 0 */
static const uint8_t id_class[256] = {
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2,
    ['8'] = 2, ['9'] = 2,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* Whether p2 p1 c (c a unit of the administration: 市 县 省; p1 the character right before
 * it, p2 the one before that) name a place (南江市, 安吉县, 广东省): not when p1 makes a word with
 * the unit (城市 超市 上市 股市 牛市 本市 全市 县级市 …), stands before the city alone (昨天在市体育中心,
 * 这个县) or is a numeral (两市); before 省 only a province's name (缺省 节省 are words). */
static bool stops_place(uint32_t p) { /* no place's name ends with p (place_unit) */
  if (qg_cp_cn_numeral(p)) return true;
  switch (p) {
  case 0x5728: case 0x5230: case 0x4ECE: case 0x8D74: case 0x81EA: case 0x4E8E: case 0x7531:
  case 0x5411: case 0x5BF9: case 0x4E0E: case 0x548C: case 0x53CA: case 0x56DE: case 0x53BB:
  case 0x6765: case 0x51FA: case 0x8FDB: case 0x4E2A: case 0x8FD9: case 0x90A3: case 0x6BCF:
  case 0x672C: case 0x5168: case 0x8BE5: case 0x5404: case 0x6211: case 0x6B64: case 0x5916:
  case 0x7EA7: case 0x5929: case 0x65E5: case 0x5E74: case 0x6708: case 0x7684:
  case 0x5F80: case 0x81F3: case 0x62B5: case 0x8FBE: case 0x8FD4: case 0x9A7B: case 0x79BB:
  case 0x6CBF: case 0x526F: case 0x6B63: case 0x5348: case 0x6668: case 0x665A:
    /* 在 到 从 赴 自 于 由 向 对 与 和 及 回 去 来 出 进 个 这 那 每 本 全 该 各 我 此 外 级, and time
     * words and 的 (昨天市政府, 今年市财政, 中国的市场: review 25 M1); 往 至 抵 达 返 驻 离 沿 副 正
     * 午 晨 晚 (送往区人民医院, 副市长, 下午区政府: review 26a M2) */
    return true;
  default:
    return false;
  }
}

/* A digit written as a Han numeral (一 to 九, 〇): not 十 百 千 万 亿, 两 or 零, which count. */
static bool digit_numeral(uint32_t c) {
  return qg_cp_cn_numeral(c) == 1 && c != 0x4E24 && c != 0x96F6;
}

static bool place_unit(uint32_t c, uint32_t p1, uint32_t p2) {
  /* a district named by a date of two digits (二七区, 八一区: probe 45 H1, a district's notice
   * was a near repeat of another's); a count of districts has one numeral or 十 (三区, 十二区
   * stay none) */
  if (c == 0x533A && digit_numeral(p1) && digit_numeral(p2)) return true;
  if (stops_place(p1)) return false;
  /* a quarter after a direction (东城区 西城区 南山区 中山区 浦东新区 南校区 东城镇 西集镇): the
   * direction names it, though its last character makes a word with the unit (城区 山区 新区 校区
   * 集镇: session 27, the names session 26 left) */
  if ((c == 0x533A || c == 0x9547) &&
      (p2 == 0x4E1C || p2 == 0x897F || p2 == 0x5357 || p2 == 0x5317 || p2 == 0x4E2D))
    return true; /* 东 西 南 北 中 */
  switch (c) {
  case 0x5E02: /* 市 */
    switch (p1) {
    case 0x57CE: case 0x8D85: case 0x4E0A: case 0x80A1: case 0x697C: case 0x591C:
    case 0x65E9: case 0x83DC: case 0x96C6: case 0x95E8: case 0x5F00: case 0x4F11: case 0x9000:
    case 0x5165: case 0x9ED1: case 0x8F66: case 0x540C: case 0x7701: case 0x53BF: case 0x6CAA:
    case 0x6DF1: case 0x8857: case 0x82B1: case 0x9C7C: case 0x4E66: case 0x623F: case 0x503A:
    case 0x8336: case 0x5E02: case 0x725B: case 0x718A: case 0x671F: case 0x6C47: case 0x6536:
    case 0x95ED: case 0x95F9: case 0x706F: case 0x7F62:
      /* 城 超 上 股 楼 夜 早 菜 集 门 开 休 退 入 黑 车 同 省 县 沪 深 街 花 鱼 书 房 债 茶 市 牛 熊 期
       * 汇 收 闭 闹 灯 罢 */
      return false;
    default:
      return true;
    }
  case 0x53BF: /* 县 */
    return p1 != 0x90E1 && p1 != 0x5DDE && p1 != 0x77E5; /* 郡 州 知 */
  case 0x533A: /* 区 (session 26, review 25 L3: 玄武区 and 鼓楼区): not after a character that
                * makes a word with it (社区 小区 景区 开发区 保护区 自治区 …) */
    switch (p1) {
    case 0x793E: case 0x5C0F: case 0x666F: case 0x56ED: case 0x57CE: case 0x5E02: case 0x5C71:
    case 0x8F96: case 0x7247: case 0x5730: case 0x8857: case 0x707E: case 0x6821: case 0x5E93:
    case 0x77FF: case 0x6797: case 0x7267: case 0x90CA: case 0x8001: case 0x65B0: case 0x53D1:
    case 0x62A4: case 0x6CBB: case 0x8303: case 0x9A8C: case 0x4E1A: case 0x5B85: case 0x6D3B:
    case 0x7981: case 0x519B: case 0x6218: case 0x8003: case 0x8D5B: case 0x5C55: case 0x5382:
    case 0x8425: case 0x75AB: case 0x8BEF: case 0x4E13: case 0x5B66: case 0x9009: case 0x8B66:
    case 0x52A1: case 0x80FD: case 0x5206: case 0x7A0E: case 0x5FC3: case 0x4F4F: case 0x805A:
    case 0x884C: case 0x4F5C: case 0x6E2F: case 0x75C5: case 0x9707: case 0x96F7: case 0x76F2:
    case 0x65F6: case 0x70B9: case 0x57E0: case 0x573A: case 0x7AD9: case 0x5C45: case 0x6237:
    case 0x51B2:
      /* 社 小 景 园 城 市 山 辖 片 地 街 灾 校 库 矿 林 牧 郊 老 新 发 护 治 范 验 业 宅 活 禁 军 战
       * 考 赛 展 厂 营 疫 误 专 学 选 警 务 能 分 税 心 住 聚 行 作 港 病 震 雷 盲 时 点 埠 场 站
       * 居 户 冲 (缓冲区) */
      return false;
    default:
      return true;
    }
  case 0x9547: /* 镇 (session 26): not after 城 乡 重 集 市 村 小 古 坐 冰 名 (城镇 坐镇 冰镇 …) */
    switch (p1) {
    case 0x57CE: case 0x4E61: case 0x91CD: case 0x96C6: case 0x5E02: case 0x6751: case 0x5C0F:
    case 0x53E4: case 0x5750: case 0x51B0: case 0x540D:
      return false;
    default:
      return true;
    }
  case 0x6751: /* 村 (session 41, probe 41 F11: 东湖村 and 西湖村): not after a character that
                * makes a word with it or names a kind of village (农村 乡村 山村 渔村 邻村 同村 城中村
                * 度假村 贫困村 示范村 试点村 行政村 自然村 空心村 移民村 专业村 特色村 明星村 包村 联村
                * 建村 整村 留村 村村 镇村) */
    switch (p1) {
    case 0x519C: case 0x4E61: case 0x5C71: case 0x6E14: case 0x90BB: case 0x540C: case 0x5C0F:
    case 0x53E4: case 0x5B64: case 0x8352: case 0x4E2D: case 0x5047: case 0x56F0: case 0x8303:
    case 0x70B9: case 0x653F: case 0x7136: case 0x5FC3: case 0x6C11: case 0x4E1A: case 0x8272:
    case 0x661F: case 0x5305: case 0x8054: case 0x5EFA: case 0x6574: case 0x7559: case 0x6751:
    case 0x9547:
      /* 农 乡 山 渔 邻 同 小 古 孤 荒 中 假 困 范 点 政 然 心 民 业 色 星 包 联 建 整 留 村 镇 (镇村:
       * levels of government) */
      return false;
    default:
      return true;
    }
  case 0x7701: { /* 省: the provinces' names only (缺省 节省 反省 are words) */
    static const char provinces[] = "河北山西辽宁吉林龙江江苏浙江安徽福建江西山东河南湖北湖南广东海南四川贵州云南"
                                    "陕西甘肃青海台湾";
    for (size_t k = 0; k + 6 <= sizeof provinces - 1; k += 6) {
      const unsigned char *q = (const unsigned char *)provinces + k;
      uint32_t a = ((uint32_t)(q[0] & 0x0F) << 12) | ((uint32_t)(q[1] & 0x3F) << 6) | (q[2] & 0x3F);
      uint32_t b = ((uint32_t)(q[3] & 0x0F) << 12) | ((uint32_t)(q[4] & 0x3F) << 6) | (q[5] & 0x3F);
      if (a == p2 && b == p1) return true;
    }
    return false;
  }
  default:
    return false;
  }
}

/* han_name_filter: stages/han_filter.h (tools/fold_gen.c reads it too) */
static inline bool han_name_maybe(uint32_t c) {
  return (han_name_filter[(c >> 6) & 63] >> (c & 63)) & 1;
}

static inline uint32_t han_before(const unsigned char *u, size_t i) { /* the Han character
                                                                        * ending at i, else 0 */
  return i >= 3 && qg_utf8_common_han(u + i - 3)
             ? ((uint32_t)(u[i - 3] & 0x0F) << 12) | ((uint32_t)(u[i - 2] & 0x3F) << 6) | (u[i - 1] & 0x3F)
             : 0;
}

static uint32_t fnv_id(const unsigned char *u, size_t start, size_t end);
static bool name_key_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id);
static bool unitless_key(const unsigned char *u, size_t len, size_t i, uint32_t *id);
static uint32_t name_hash(uint32_t tag, uint32_t a, uint32_t b, uint32_t c);
static bool han_in(const char *set, uint32_t c);

/* Session 48 (probe 48 H1): whether a Chinese numeral of one character (first) stands before a
 * measure word (after, then after2): 一斤 两小勺 三家 五件 (a recipe written with 一斤/两小勺 and the
 * same with 两斤/四小勺 was a near repeat, while 500克/1000克 were not, the figures disagreeing; so
 * were 和三家电商平台 and 和五家电商平台, while 3家 and 5家 were kept). Returns one unit, U'量', for
 * every measure word: as a figure is compared without its unit, the numeral is the quantity (一处
 * and 一座 agree: a copy that changed the measure word, 一处小区花园 | 一座小区花园, is a near
 * repeat), 0 for none. The measure word may follow 大 or 小 (一大碗 两小勺) or 公 毫 (两公斤 五毫
 * 升). 一 counts here (一斤 and 两斤 are two quantities; as 1家 and 3家 disagree, so do 一家 and
 * 三家). Not after a multiplier alone (百家 千里 万里 are words), nor before the measure words that
 * make adverbs with 一 (一起 一道 一点 一样: not in the list). */
static uint32_t measure_unit(uint32_t first, uint32_t after, uint32_t after2) {
  if (qg_cp_cn_numeral(first) == 2 && first != U'十') return 0;
  if ((after == U'大' || after == U'小' || after == U'公' || after == U'毫') && after2) after = after2;
  switch (after) { /* (a switch: 一 is common, and a scan of the list cost 0.3% of a clean) */
  case U'斤': case U'克': case U'勺': case U'杯': case U'碗': case U'盘': case U'碟': case U'瓶':
  case U'罐': case U'袋': case U'包': case U'盒': case U'箱': case U'桶': case U'壶': case U'块':
  case U'片': case U'根': case U'条': case U'张': case U'本': case U'只': case U'头': case U'匹':
  case U'台': case U'辆': case U'架': case U'艘': case U'座': case U'栋': case U'幢': case U'套':
  case U'间': case U'层': case U'家': case U'件': case U'份': case U'项': case U'批': case U'种':
  case U'类': case U'场': case U'轮': case U'届': case U'篇': case U'部': case U'首': case U'枚':
  case U'颗': case U'粒': case U'双': case U'把': case U'支': case U'枝': case U'束': case U'棵':
  case U'株': case U'朵': case U'亩': case U'吨': case U'米': case U'升': case U'元': case U'所':
  case U'处': case U'门': case U'期': case U'盏': case U'顷': case U'里':
    return U'量';
  default:
    return 0;
  }
}

/* The unit of a date or a count that a Chinese numeral of one character (first) stands before
 * (session 45, review 44 M8: 三月五日 and 三月六日, or 五名 and 六名, with the same text were near
 * repeats, while 3月5日 and 3月6日 were not, the numbers disagreeing; 十二名, a numeral with a
 * multiplier, was a name already): 月 日 号 of a date, 名 人 位 户 个 次 岁 天 年 of a count; 0 for
 * none, and for 一 before a count of people or things (一个 一名 一位 say "a"). Since session 46
 * (review 45 M2b, L7) a count of people is one unit (五个人 五名 五位 五人: 人), and 一 before 次 岁
 * 天 年 is a count (工期为一年 and 工期为两年 are two terms), and before 也 or 都 (一天也没有)
 * one key for every unit, "never"; after2 is the character after the unit. */
static uint32_t numeral_unit(uint32_t first, uint32_t after, uint32_t after2) {
  switch (after) {
  case U'月': case U'日':
    return after;
  case U'号': /* the same day as 日 (三月五日 and 三月五号 agree: review 45 M2) */
    return U'日';
  case U'个': /* (五个人: people) */
    return first == U'一' ? 0 : after2 == U'人' ? U'人' : after;
  case U'名': case U'人': case U'位':
    return first == U'一' ? 0 : U'人';
  case U'户':
    return first == U'一' ? 0 : after;
  case U'次': case U'岁': case U'天': case U'年':
    /* (一 before 也 or 都 after the unit, 一天也没有, 一次都不缺, says "never": one key for
     * all its units, so copies differing in 一天也/一次也 are near repeats (review 46 L2), and
     * one that differs from 三天都 (review 46b H1: with no key on one side, 一年都没有 and
     * 三年都没有 were near repeats) */
    return first == U'一' && (after2 == U'也' || after2 == U'都') ? U'也' : after;
  default:
    return measure_unit(first, after, after2);
  }
}

/* The Han name that the common Han character c at u[i..i + 3) of u[0..len) makes, hashed to
 * *id (session 25, probe 25 H2: a weather report of 南江市 and one of 东湖市, or the citations of
 * two doctors of thirty and twenty years, were near repeats of each other): a Chinese numeral
 * of two characters or more with a multiplier, taken at its first character (三十 二十 一百二十
 * 三千五百万; not 一 alone, 十分), or a place named by the two Han characters before 市 县 省
 * (place_unit), or (session 44) a person's or place's name that name_key_at reads; since session
 * 45 a numeral of one character before a date's or a count's unit (numeral_unit). Called for
 * every common Han character (the sketch's loop and qg_fp_idents' second pass alike, so both
 * give the same names). Returns how many keys it wrote to id (room for two): a place with its
 * unit has a second, its name's without the unit (unitless_key; session 45). */
static inline bool ling_at(const unsigned char *u, size_t len, size_t i) { /* 〇 at u[i] */
  return i + 3 <= len && u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x87;
}

/* Whether u[e..) reads 等奖 or 等功 (not 等功能 等功效 等功率: 多合一等功能, review 26a L3). */
static bool rank_at(const unsigned char *u, size_t len, size_t e) {
  if (e + 6 > len || han_before(u, e + 3) != 0x7B49) return false;
  uint32_t a = han_before(u, e + 6);
  if (a == 0x5956) return true;
  uint32_t b = e + 9 <= len ? han_before(u, e + 9) : 0;
  return a == 0x529F && b != 0x80FD && b != 0x6548 && b != 0x7387;
}

/* The name of the numeral u[i..e) (a rank: with its 等), hashed with 两 as 二 (两千 and 二千 are
 * one number) and 零 as 〇 (review 26a M1). */
static uint32_t numeral_id(const unsigned char *u, size_t len, size_t i, size_t e, bool rank) {
  uint64_t h = 0xcbf29ce484222325u;
  for (size_t j = i; j < e; j += 3) {
    uint32_t d = ling_at(u, len, j) ? 0x3007 : han_before(u, j + 3);
    d = fold_cp(d); /* (兩 萬 億: session 49) */
    d = d == 0x4E24 ? 0x4E8C : d == 0x96F6 ? 0x3007 : d;
    h = (h ^ d) * 0x100000001b3u;
  }
  if (rank) h = (h ^ 0x7B49) * 0x100000001b3u;
  return (uint32_t)(mix64(h) >> 32);
}

/* A quarter named before a unit of two characters (session 46, review 45 M6): 街道 (城南街道
 * 北关街道 东风路街道 五一路街道) at 道, or 社区 (幸福社区) at 区, u[i] its last character; the key is
 * the two characters before the unit (one after a word that stops a place: 在东关街道) and the
 * unit. None after a word that stops a place (到街道 各社区) or one that makes a word with the unit
 * or names a kind of quarter (城市街道 主要街道 两旁街道 我们社区 和谐社区 智慧社区 农村社区 城乡社区
 * 老旧社区 所在社区 居住社区). */
static bool quarter_key_at(const unsigned char *u, size_t i, uint32_t unit1, uint32_t *id) {
  if (han_before(u, i) != unit1) return false;
  uint32_t q1 = han_before(u, i - 3), q2 = q1 ? han_before(u, i - 6) : 0;
  if (!q1 || stops_place(q1)) return false;
  if (unit1 == U'街' ? han_in("市要条旁边侧宽窄扫净们大小老区镇", q1)
                     : han_in("们在住乡村市旧小谐慧明安色范型区镇街新老", q1))
    return false;
  *id = fnv_id(u, q2 && !stops_place(q2) ? i - 9 : i - 6, i + 3);
  return true;
}

static unsigned han_name_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  if (c == 0x7279) { /* 特等奖 特等功: a rank (review 26a H3) */
    if (!rank_at(u, len, i + 3)) return 0;
    *id = numeral_id(u, len, i, i + 3, true);
    return 1;
  }
  int k = qg_cp_cn_numeral(c);
  if (k) {
    /* not the run's first (〇 is no common Han character: looked for apart) */
    if (qg_cp_cn_numeral(han_before(u, i)) || (i >= 3 && ling_at(u, len, i - 3))) return 0;
    bool mult = k == 2, ling = false;
    size_t e = i + 3;
    for (;;) {
      if (ling_at(u, len, e)) {
        ling = true;
        e += 3;
        continue;
      }
      if (e + 3 > len || !qg_utf8_common_han(u + e)) break;
      int k2 = qg_cp_cn_numeral(han_before(u, e + 3));
      if (!k2) break;
      mult |= k2 == 2;
      e += 3;
    }
    uint32_t after = e + 3 <= len ? fold_cp(han_before(u, e + 3)) : 0; /* (一門: session 49) */
    /* session 26 (review 25 L3): a number written digit by digit (二〇二五, or four digits before
     * 年: 一九九八年) and a rank (一等奖 二等功; 两 and 零 rank nothing) are names too */
    bool digits = !mult && ((ling && e - i >= 6) || (e - i == 12 && after == 0x5E74));
    bool rank = e - i == 3 && k == 1 && c != 0x4E24 && c != 0x96F6 && rank_at(u, len, e);
    if (!digits && !rank && (e - i < 6 || !mult)) {
      /* a date or a count (session 45): the numeral and its unit (三月 五日 六名; 两 as 二) */
      uint32_t unit =
          e - i == 3 ? numeral_unit(c, after, e + 6 <= len ? fold_cp(han_before(u, e + 6)) : 0) : 0;
      if (!unit) return 0;
      *id = name_hash(5, numeral_id(u, len, i, e, false), unit, 0);
      return 1;
    }
    /* the adverbs 万一 (in case) and 千万 (by all means), unless a counted thing follows 千万 */
    if (e - i == 6 && !memcmp(u + i, "万一", 6)) return 0;
    if (e - i == 6 && !memcmp(u + i, "千万", 6)) {
      switch (e + 3 <= len ? han_before(u, e + 3) : 0) {
      case 0x5143: case 0x4EBA: case 0x4E2A: case 0x6237: case 0x5428: case 0x53F0: case 0x8F86:
      case 0x4EFD: case 0x6B21: case 0x540D: case 0x4EF6: case 0x4EA9: case 0x518C: case 0x5F20:
      case 0x5B57: case 0x7F8E: case 0x6E2F: /* 元 人 个 户 吨 台 辆 份 次 名 件 亩 册 张 字 美 港 */
        break;
      default:
        return 0;
      }
    }
    *id = numeral_id(u, len, i, e, rank);
    return 1;
  }
  if (c == U'道') /* session 46: 街道 */
    return i >= 9 && quarter_key_at(u, i, U'街', id) ? 1 : 0;
  if (c == U'州') { /* session 46: a city or prefecture (广州 杭州 黔东南州): the character before */
    uint32_t p = han_before(u, i);
    if (!p || stops_place(p) || han_in("治神", p)) return 0; /* (自治州 神州; 九州 a numeral) */
    *id = fnv_id(u, i - 3, i + 3);
    return 1;
  }
  if (c != 0x5E02 && c != 0x53BF && c != 0x7701 && c != 0x533A && c != 0x9547 && c != 0x6751)
    return name_key_at(u, len, i, c, id); /* session 44: people, rivers, roads, openers */
  uint32_t p1 = han_before(u, i), p2 = p1 ? han_before(u, i - 3) : 0;
  size_t from = i - 6;
  /* (place_unit asked of p1 alone: with no character before it, 在 stands in, which is no
   * direction nor a numeral, so only whether p1 makes a word with 区 is asked) */
  if (c == 0x533A && p1 && !place_unit(c, p1, p2 ? p2 : U'在')) {
    /* session 46 (review 45 M6, probe 45 H1): districts whose name ends with a word of the
     * unit's (上街区 高新区 新城区 航空港区: the character before it names them), 社区 after a name
     * (quarter_key_at), 郊区, and a direction alone before it (东区 at a sentence's opening) */
    if (p1 == U'社') return i >= 9 && quarter_key_at(u, i, U'社', id) ? 1 : 0;
    if (p1 == U'郊') {
      from = i - 3;
    } else if (han_in("街新城港", p1) && p2 && !stops_place(p2) &&
               !han_in("老旧主市全本城发部", p2)) { /* (老城区 主城区 城市新区 开发新区: no names) */
      from = i - 6;
    } else {
      return 0;
    }
  } else if (c == 0x533A && p1 && !p2 && han_in("东西南北中", p1)) {
    from = i - 3;
  } else {
    if (!p2 || !place_unit(c, p1, p2)) return 0;
    /* a name of one character after a word that stops one (来到乌镇, 走进乌镇: review 26a M2):
     * the name is that character and the unit */
    if (c != 0x7701 && stops_place(p2) && !(c == 0x533A && digit_numeral(p1) && digit_numeral(p2)))
      from = i - 3; /* (二七区 is named by both numerals) */
  }
  /* a word the unit opens (市场 市民 市长 市委 市政府 市区 …, 县长 县城 …, 区域 区别 …, 镇静 镇压
   * …): what stands before it is no place's name (农贸市场, 广大市民, 昨天市政府: review 25 M1) */
  switch (i + 6 <= len ? han_before(u, i + 6) : 0) {
  case 0x957F: case 0x59D4: case 0x653F:
    /* 长 委 政: 玄武区政府 and 青石镇长 name their place (review 26a H1); before 市 not (副市长,
     * 今年市财政: review 25 M1) */
    if (c == 0x5E02 || c == 0x53BF) return 0;
    break;
  case 0x573A: case 0x6C11: case 0x533A: case 0x5BB9:
  case 0x503C: case 0x9762: case 0x4EF7: case 0x4E95: case 0x91CC: case 0x57CE: case 0x57DF:
    /* 场 民 区 容 值 面 价 井 里 城 域 */
    if (c != 0x7701) return 0;
    break;
  case 0x8857: case 0x6751: case 0x53BF:
    /* 街 村 县: 镇街 镇村 区县 are levels of government (review 26a M2) */
    if (c == 0x533A || c == 0x9547) return 0;
    break;
  case 0x522B: case 0x5206: case 0x95F4: case 0x5757: case 0x5212: case 0x4F4D:
    /* 别 分 间 块 划 位 (区别 区分 区间 区块 区划 区位) */
    if (c == 0x533A) return 0;
    break;
  case 0x5E84: case 0x843D: case 0x5BE8: case 0x5B50: case 0x53E3: case 0x5934: case 0x7EA7:
    /* 庄 落 寨 子 口 头 级 (美丽村庄 村落 村寨 村子 村口 村头 村级: session 41) */
    if (c == 0x6751) return 0;
    break;
  case 0x9759: case 0x538B: case 0x75DB: case 0x5B9A: case 0x5B88: case 0x7EB8:
    /* 静 压 痛 定 守 纸 (镇静 镇压 镇痛 镇定 镇守 镇纸) */
    if (c == 0x9547) return 0;
    break;
  default:
    break;
  }
  *id = fnv_id(u, from, i + 3);
  /* and the key its name has without the unit (session 45, review 44 L3: 东湖区今天 and 东湖今天
   * were two places; so are 东湖区 and 东湖村, and 南江市 and 南江县, each of which has it) */
  return 1 + unitless_key(u, len, i, id + 1);
}

/* The identifiers of letters and digits (qg_fp_idents before session 25). */
static void idents_digits(const char *s, size_t len, uint32_t *id, uint32_t *nid) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t n = 0;
  for (size_t i = 0; i < len && n < QG_ND_IDS;) {
#ifdef __SSE2__
    /* sixteen bytes at a time past what holds no ASCII digit (Han text, marks, words: a run
     * without a digit is no identifier) */
    while (i + 16 <= len) {
      __m128i v = _mm_loadu_si128((const __m128i *)(u + i));
      __m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
      unsigned m = (unsigned)_mm_movemask_epi8(dig);
      if (m) {
        i += (size_t)__builtin_ctz(m);
        break;
      }
      i += 16;
    }
    if (i >= len) break;
#endif
    if (id_class[u[i]] != 2) {
      i++;
      continue;
    }
    /* the run of letters and digits that holds this first digit, from its start (the run
     * before ended at a byte of neither): its digits, longest digit run, and the changes from
     * letters to digits and back; hashed only when it is an identifier (words are common) */
    while (i > 0 && id_class[u[i - 1]]) i--;
    unsigned k = id_class[u[i]];
    size_t start = i, digits = 0, drun = 0, dmax = 0, changes = 0;
    bool prev_digit = k == 2;
    for (; i < len; i++) {
      k = id_class[u[i]];
      if (!k) break;
      bool digit = k == 2;
      changes += digit != prev_digit;
      prev_digit = digit;
      if (digit) {
        digits++;
        drun++;
        dmax = drun > dmax ? drun : dmax;
      } else {
        drun = 0;
      }
    }
    if (digits < 3) continue; /* neither rule below takes fewer than 3 digits */
    size_t tlen = i - start, letters = tlen - digits;
    bool ident;
    if (!letters) /* digits only: not a part of a decimal number (1234567.89, 3.1415926) */
      ident = dmax >= QG_ND_ID_DIGITS &&
              !(start >= 2 && u[start - 1] == '.' && (unsigned)(u[start - 2] - '0') < 10) &&
              !(i + 1 < len && u[i] == '.' && (unsigned)(u[i + 1] - '0') < 10);
    else /* a code, not a figure and its unit (5000mAh: digits first, then letters only) */
      ident = dmax >= QG_ND_ID_DIGITS ||
              (digits >= 3 && tlen >= 5 && !((unsigned)(u[start] - '0') < 10 && changes == 1));
    if (!ident) continue;
    id[n++] = fnv_id(u, start, i);
  }
  *nid = n;
}

/* FNV-1a from h over u[start..end), ASCII letters lowercased when lower; a traditional common
 * Han character is hashed as the UTF-8 of its fold (session 49: the names of traditional copy
 * are its simplified copy's; the hash of simplified text is the bytes', as before). */
static uint64_t fnv_fold(uint64_t h, const unsigned char *u, size_t start, size_t end, bool lower) {
  for (size_t j = start; j < end; j++) {
    uint32_t c;
    if (u[j] >= 0xE4 && j + 3 <= end && common_han(u + j) &&
        fold_common(c = ((uint32_t)(u[j] & 0x0F) << 12) | ((uint32_t)(u[j + 1] & 0x3F) << 6) |
                        (u[j + 2] & 0x3F))) {
      char b[4];
      size_t n = qg_utf8_encode(fold_lookup(c), b);
      for (size_t k = 0; k < n; k++) h = (h ^ (unsigned char)b[k]) * 0x100000001b3u;
      j += 2;
      continue;
    }
    h = (h ^ (lower && id_class[u[j]] == 1 ? u[j] | 0x20u : u[j])) * 0x100000001b3u;
  }
  return h;
}

static uint32_t fnv_id(const unsigned char *u, size_t start, size_t end) {
  /* FNV-1a of the run, letters lowercased */
  uint64_t h = fnv_fold(0xcbf29ce484222325u, u, start, end, true);
  return (uint32_t)(mix64(h) >> 32);
}

void qg_fp_idents(const char *s, size_t len, uint32_t *id, uint32_t *nid) {
  idents_digits(s, len, id, nid);
  /* then the Han names (han_name_at), in the order they come, while there is room */
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i + 3 <= len && *nid < QG_ND_IDS;) {
    if (!qg_utf8_common_han(u + i)) {
      i++;
      continue;
    }
    uint32_t c = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
    if (han_slow(c)) { /* (as fp_make reads it) */
      if (fold_common(c)) c = fold_lookup(c);
      if (han_name_maybe(c)) {
        uint32_t two[2];
        unsigned k = han_name_at(u, len, i, c, two);
        for (unsigned j = 0; j < k && *nid < QG_ND_IDS; j++) id[(*nid)++] = two[j];
      }
    }
    i += 3;
  }
}

bool qg_fp_idents_agree(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb) {
  if (!na || !nb) return true;
  if (na > QG_ND_IDS) na = QG_ND_IDS;
  if (nb > QG_ND_IDS) nb = QG_ND_IDS;
  /* every identifier of the shorter list is in the longer one, each used once, in any order
   * (session 26: in order until then; clauses reordered moved a district's name, near_words;
   * review 25 M1f, 南江市和东湖市 | 东湖市和南江市) */
  const uint32_t *s = na <= nb ? a : b, *l = na <= nb ? b : a;
  uint32_t ns = na <= nb ? na : nb, nl = na <= nb ? nb : na;
  uint64_t used = 0; /* (QG_ND_IDS <= 64) */
  for (uint32_t i = 0; i < ns; i++) {
    uint32_t j = 0;
    while (j < nl && ((used >> j & 1) || l[j] != s[i])) j++;
    if (j == nl) return false;
    used |= 1ull << j;
  }
  return true;
}

/* Whether a figure of a[0..na) is replaced by another in b[0..nb) (session 23, probe 23 H1):
 * a listing, a price list or a revised notice that differs from another in one figure among
 * many that agree (总价380万元 and 310万元, the rest of the flat the same; 8:30至17:30 and
 * 8:30至18:30; 3室2厅 and 4室3厅) is another item, not a copy. The numbers are lined up step by
 * step: a figure of both (free), a figure of one only (added or left out: one step each), or
 * one figure of each that differ (replaced: one step). A run of steps between two figures of
 * both (or an end) is a gap; a gap of replaced figures only (one or more of each, as many of
 * each) is a figure replaced. It is one when some alignment with such a gap takes no more
 * steps than the least with figures added and left out only (indel: na + nb - 2 lcs): a copy
 * that lacks figures, adds some or both at other places lines up as well without it, and a
 * figure split in two by a stray character or two run together (5700 and 57是0, 0x7f and 07f:
 * one figure against two) is a slip of the keys, not a revision, and replaces none.
 * A dynamic programme over (i, j), in two rows, with the least steps of an alignment of the
 * prefixes in each of six states: after a figure of both (or at the start), in a gap of
 * replaced figures so far, in a gap with one added or left out; each with or without a gap of
 * replaced figures closed before. */
static bool replaced_figure(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                            uint32_t indel) {
  enum { M0, S0, X0, M1, S1, X1, NS }; /* M: after a match, S: pure gap, X: gap; 1: one closed */
  const uint8_t inf = UINT8_MAX;
  uint8_t rows[2][QG_ND_NUMS + 1][NS];
  uint8_t(*prev)[NS] = rows[0], (*cur)[NS] = rows[1];
#define ND_MIN(x, v) ((x) = (v) < (x) ? (v) : (x))
#define ND_STEP(v) ((v) == inf ? inf : (uint8_t)((v) + 1))
  /* only the cells within indel of the diagonal: each step off it costs one (those beside the
   * band are kept at inf for the next row and the next cell) */
  for (uint32_t i = 0; i <= na; i++) {
    uint32_t lo = i > indel ? i - indel : 0, hi = i + indel < nb ? i + indel : nb;
    if (lo) memset(cur[lo - 1], inf, NS);
    for (uint32_t j = lo; j <= hi; j++) {
      uint8_t *c = cur[j];
      memset(c, inf, NS);
      if (!i && !j) {
        c[M0] = 0;
        continue;
      }
      for (int f = 0; f < 2; f++) {
        const int m = f ? M1 : M0, sg = f ? S1 : S0, x = f ? X1 : X0;
        if (i && j) {
          const uint8_t *d = prev[j - 1];
          if (a[i - 1] == b[j - 1]) { /* a figure of both: closes a gap */
            ND_MIN(c[m], d[m]);
            ND_MIN(c[M1], d[sg]); /* a gap of replaced figures: closed */
            ND_MIN(c[m], d[x]);
          } else { /* replaced */
            ND_MIN(c[sg], ND_STEP(d[m]));
            ND_MIN(c[sg], ND_STEP(d[sg]));
            ND_MIN(c[x], ND_STEP(d[x]));
          }
        }
        for (int k = 0; k < 2; k++) { /* left out of b (from i - 1), added in b (from j - 1) */
          const uint8_t *d = k ? (j ? cur[j - 1] : NULL) : (i ? prev[j] : NULL);
          if (!d) continue;
          ND_MIN(c[x], ND_STEP(d[m]));
          ND_MIN(c[x], ND_STEP(d[sg]));
          ND_MIN(c[x], ND_STEP(d[x]));
        }
      }
    }
    if (hi < nb) memset(cur[hi + 1], inf, NS);
    if (!i) /* the row before the first: nothing (prev[j] of row 1 is read for j <= hi + 1) */
      for (uint32_t j = 0; j <= nb && j <= indel + 1; j++) memset(prev[j], inf, NS);
    uint8_t(*t)[NS] = prev;
    prev = cur, cur = t;
  }
#undef ND_MIN
#undef ND_STEP
  const uint8_t *e = prev[nb]; /* the last row; a gap of replaced figures at the end closes */
  uint8_t best = e[M1];
  best = e[X1] < best ? e[X1] : best;
  best = e[S0] < best ? e[S0] : best;
  best = e[S1] < best ? e[S1] : best;
  return best <= indel;
}

bool qg_fp_numbers_agree(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                         unsigned t_milli) {
  if (na < QG_ND_NUMS_MIN || nb < QG_ND_NUMS_MIN) return true; /* numbers are not the content */
  if (na > QG_ND_NUMS) na = QG_ND_NUMS;
  if (nb > QG_ND_NUMS) nb = QG_ND_NUMS;
  const uint32_t shorter = na < nb ? na : nb;
  /* the figures both begin and end with are in a longest common subsequence, and an
   * alignment of the rest with a figure replaced is one of the whole (session 23: listings
   * that differ in one figure verify every candidate, whose numbers mostly agree) */
  uint32_t pre = 0, suf = 0;
  while (pre < shorter && a[pre] == b[pre]) pre++;
  while (suf < shorter - pre && a[na - 1 - suf] == b[nb - 1 - suf]) suf++;
  const uint32_t *ma = a + pre, *mb = b + pre;
  const uint32_t nma = na - pre - suf, nmb = nb - pre - suf;
  /* longest common subsequence, one row at a time */
  uint8_t row[QG_ND_NUMS + 1] = {0};
  for (uint32_t i = 0; i < nma; i++) {
    uint8_t diag = 0; /* row[j] of the previous i */
    for (uint32_t j = 0; j < nmb; j++) {
      uint8_t up = row[j + 1];
      row[j + 1] = ma[i] == mb[j] ? (uint8_t)(diag + 1) : up > row[j] ? up : row[j];
      diag = up;
    }
  }
  /* of the shorter: figures one copy lacks (a copy cut before its last figures, a date
   * written in Chinese numerals) do not disagree; figures that differ do */
  const uint32_t lcs = pre + suf + row[nmb];
  if ((uint64_t)lcs * 1000 < (uint64_t)t_milli * shorter) return false;
  /* and no figure replaced by another (session 23, probe 23 H1; with every figure of the
   * shorter in the longer none can be: an alignment with a replaced one takes more steps).
   * An alignment of the rest between the figures both begin and end with, with one replaced,
   * is one of the whole (as many steps; the figures around close its gap), so it is looked
   * for there first (one figure replaced: one against one); one of the whole may take a figure
   * both begin or end with into another place (1 2 1 and 1 1 1 0 0 1), so without one there,
   * the whole is looked at too. */
  if (lcs == shorter) return true;
  const uint32_t indel = na + nb - 2 * lcs;
  return !replaced_figure(ma, nma, mb, nmb, indel) && !replaced_figure(a, na, b, nb, indel);
}

/* The subject s[0..len) opens with (session 41, probe 41 F11): a person's name read as a common
 * surname and one or two Han characters (张建国 李卫东 王强) right before 是, ， , （ or 同志
 * (张建国是东湖村党支部书记，…; 王强，男，…; 李卫东同志…), after white space; not 于是 毕竟 何况 马上 常常
 * 万一 方才 (words before a comma). Each character hashed to nine bits, so that two subjects
 * can be compared character by character (qg_fp_subjects_agree: a name's typo corrected is
 * the same person); QG_ND_LABEL_LEN in the low bits marks a subject, bit 3 a name of three
 * characters; 0 when there is none. */
static uint32_t subject_char(uint32_t c) { return (uint32_t)((c * 0x9E3779B1u) >> 23); }

/* The common surnames (王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡
 * 余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵
 * 万钱严覃武戴莫孔汤施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝舒阮柯凌毕季裴霍涂苗翁冉骆蓝
 * 辛靳柴蒙鲍喻祁蒲滕屈饶牟艾尤缪芦褚娄窦戚岑费卜晏瞿佟臧闵苟邬卞姬仇栾隋刁寇甄丛仲虞敖巩佘苑迟邝: 188),
 * as their code points in ascending order, searched by halves (a scan of the characters cost
 * about 2,000 instructions a paragraph that reached it; tests/unit/test_neardup.c
 * test_surname_table checks the order and a few of them). */
static const uint16_t surnames[] = {
      0x4E01, 0x4E07, 0x4E1B, 0x4E25, 0x4E54, 0x4E8E, 0x4EC7, 0x4ED8, 0x4EF2, 0x4EFB,
      0x4F0D, 0x4F55, 0x4F58, 0x4F59, 0x4F5F, 0x4FAF, 0x4FDE, 0x502A, 0x5170, 0x5189,
      0x51AF, 0x51CC, 0x5201, 0x5218, 0x535C, 0x535E, 0x5362, 0x53F2, 0x53F6, 0x5415,
      0x5434, 0x5468, 0x5510, 0x55BB, 0x590F, 0x59DA, 0x59DC, 0x59EC, 0x5A04, 0x5B54,
      0x5B59, 0x5B5F, 0x5B63, 0x5B8B, 0x5BC7, 0x5C24, 0x5C39, 0x5C48, 0x5C91, 0x5CB3,
      0x5D14, 0x5DE6, 0x5DE9, 0x5E84, 0x5E9E, 0x5ED6, 0x5F20, 0x5F6D, 0x5F90, 0x621A,
      0x6234, 0x6556, 0x65B9, 0x65BD, 0x664F, 0x66F9, 0x66FE, 0x6731, 0x674E, 0x675C,
      0x6768, 0x6797, 0x67EF, 0x67F3, 0x67F4, 0x683E, 0x6881, 0x6A0A, 0x6B27, 0x6B66,
      0x6BB5, 0x6BB7, 0x6BD5, 0x6BDB, 0x6C5F, 0x6C64, 0x6C6A, 0x6C88, 0x6D82, 0x6ED5,
      0x6F58, 0x7126, 0x718A, 0x725B, 0x725F, 0x738B, 0x7504, 0x7518, 0x7530, 0x7533,
      0x767D, 0x77BF, 0x77F3, 0x7941, 0x795D, 0x79E6, 0x7A0B, 0x7AA6, 0x7AE0, 0x7F2A,
      0x7F57, 0x7FC1, 0x7FDF, 0x803F, 0x8042, 0x8096, 0x80E1, 0x81E7, 0x8212, 0x827E,
      0x82A6, 0x82CF, 0x82D1, 0x82D7, 0x82DF, 0x8303, 0x83AB, 0x845B, 0x8463, 0x848B,
      0x8499, 0x84B2, 0x84DD, 0x8521, 0x859B, 0x865E, 0x8881, 0x88F4, 0x891A, 0x8983,
      0x8A79, 0x8BB8, 0x8C22, 0x8C2D, 0x8D39, 0x8D3A, 0x8D3E, 0x8D75, 0x8F9B, 0x8FDF,
      0x9093, 0x909D, 0x90A2, 0x90AC, 0x90B1, 0x90B5, 0x90B9, 0x90D1, 0x90DD, 0x90ED,
      0x91D1, 0x949F, 0x94B1, 0x95EB, 0x95F5, 0x962E, 0x9646, 0x9648, 0x9676, 0x968B,
      0x96F7, 0x970D, 0x9773, 0x97E6, 0x97E9, 0x987E, 0x989C, 0x9976, 0x9A6C, 0x9A86,
      0x9AD8, 0x9B4F, 0x9C81, 0x9C8D, 0x9EC4, 0x9ECE, 0x9F99, 0x9F9A
};

static bool surname(uint32_t c) {
  size_t lo = 0, hi = sizeof surnames / sizeof *surnames;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (surnames[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < sizeof surnames / sizeof *surnames && surnames[lo] == c;
}

static inline bool subject_end(const unsigned char *u, size_t len, size_t j) {
  /* 是 ， （ 同 , ( at u[j]: what may end a subject (a filter: 同 is checked for 志 below) */
  if (j >= len) return false;
  if (u[j] == ',' || u[j] == '(') return true;
  if (j + 3 > len) return false;
  return (u[j] == 0xE6 && u[j + 1] == 0x98 && u[j + 2] == 0xAF) ||
         (u[j] == 0xEF && u[j + 1] == 0xBC && (u[j + 2] == 0x8C || u[j + 2] == 0x88)) ||
         (u[j] == 0xE5 && u[j + 1] == 0x90 && u[j + 2] == 0x8C);
}

static uint32_t subject_of(const char *s, size_t len) {
  size_t i = 0;
  uint32_t c[5] = {0};
  const unsigned char *u = (const unsigned char *)s;
  for (;;) { /* white space before it: ' ', tab, U+3000 */
    if (i < len && (u[i] == ' ' || u[i] == '\t')) i++;
    else if (i + 3 <= len && u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) i += 3;
    else break;
  }
  /* most paragraphs have no mark after their second or third character: bytes first (the
   * characters of a name are of three bytes: the surname's table and the checks below) */
  if (!subject_end(u, len, i + 6) && !subject_end(u, len, i + 9)) return 0;
  for (int k = 0; k < 5 && i < len; k++) c[k] = qg_utf8_next(s, len, &i);
  if (!qg_cp_is_han(c[0]) || !qg_cp_is_han(c[1]) || c[1] > 0xFFFF) return 0;
  int n = 0;
  for (int k = 2; k <= 3 && !n; k++) {
    uint32_t t = c[k];
    if (t == 0x662F || t == 0xFF0C || t == ',' || t == 0xFF08 || t == '(' ||
        (t == 0x540C && k + 1 < 5 && c[k + 1] == 0x5FD7)) /* 是 ， （ 同志 */
      n = k;
    else if (!qg_cp_is_han(t) || t > 0xFFFF)
      return 0;
  }
  if (!n || !surname(c[0])) return 0; /* the table last: most paragraphs open otherwise */
  if (n == 2) {
    static const uint32_t words[][2] = {{0x4E8E, 0x662F}, {0x6BD5, 0x7ADF}, {0x4F55, 0x51B5},
                                        {0x9A6C, 0x4E0A}, {0x5E38, 0x5E38}, {0x4E07, 0x4E00},
                                        {0x65B9, 0x624D}};
    /* 于是 毕竟 何况 马上 常常 万一 方才 */
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
      if (c[0] == words[k][0] && c[1] == words[k][1]) return 0;
  }
  uint32_t v = QG_ND_LABEL_LEN | (uint32_t)(n == 3) << 3;
  for (int k = 0; k < n; k++) v |= subject_char(c[k]) << (4 + 9 * k);
  return v;
}

/* Session 44 (probe 43 F3): the names of people and places that a paragraph's template leaves
 * anywhere in its sentences, which the numbers, the places before 市 县 省 区 镇 村 and the
 * subject at the opening (session 41) do not see: a brief about 刘女士 and the same brief about
 * 王女士 (0.93), the weather of 西川 and the same of 合川 were near repeats, and the second was
 * removed. Each name is a key among the Han names (han_name_at calls name_key_at for the last
 * character of an honorific, a unit or a time word), so two paragraphs that name different
 * people or places are no near repeat (qg_fp_idents_agree), a copy with the name left out or
 * kept still is, and the archive, which reads the identifiers again from the stored text,
 * checks them alike. The key is a hash of the characters that name (tag tells the kinds apart:
 * a person's 刘女士 is no place 刘女). */
static uint32_t name_hash(uint32_t tag, uint32_t a, uint32_t b, uint32_t c) {
  /* (the characters folded, session 49: a name read in traditional copy is the simplified one's;
   * a, when it is a hash, folded too, on both sides alike) */
  a = fold_cp(a), b = fold_cp(b), c = fold_cp(c);
  uint64_t h = 0x9E3779B97F4A7C15ull * (tag + 1);
  h = mix64(h ^ a);
  h = mix64(h ^ ((uint64_t)b << 21 | c));
  return (uint32_t)(h >> 32);
}

static inline uint32_t han_after(const unsigned char *u, size_t len, size_t e) { /* the Han
                                                                                 * character at e */
  return e + 3 <= len ? han_before(u, e + 3) : 0;
}

/* Whether h1 c is an honorific or a title said after a surname (女士 先生 老师 同志 师傅 阿姨
 * 大爷 大妈 大姐 大哥 大叔 大娘 奶奶 教授 律师 医生 经理 主任 书记, 局长 校长 院长 厂长 所长
 * 站长 处长 科长 队长 社长 行长 部长). */
static bool honorific(uint32_t h1, uint32_t c) {
  switch (c) {
  case U'士': return h1 == U'女';
  case U'生': return h1 == U'先' || h1 == U'医';
  case U'师': return h1 == U'老' || h1 == U'律';
  case U'志': return h1 == U'同';
  case U'傅': return h1 == U'师';
  case U'姨': return h1 == U'阿';
  case U'爷': case U'妈': case U'姐': case U'哥': case U'叔': case U'娘': return h1 == U'大';
  case U'奶': return h1 == U'奶';
  case U'授': return h1 == U'教';
  case U'理': return h1 == U'经';
  case U'任': return h1 == U'主';
  case U'记': return h1 == U'书';
  case U'长':
    switch (h1) {
    case U'局': case U'校': case U'院': case U'厂': case U'所': case U'站': case U'处': case U'科':
    case U'队': case U'社': case U'行': case U'部':
      return true; /* (村长 镇长 县长 市长 区长 省长 乡长: the place before them, 青石镇长, is
                    * han_name_at's) */
    default:
      return false;
    }
  default:
    return false;
  }
}

/* Whether c, before a name or between a surname and an honorific, says that no name stands
 * there (各位女士, 一名女士, 是老师, 请老师): stops_place's words, and 位 名 是 请 给 让 被 把 叫 为 称. */
static bool stops_name(uint32_t c) {
  if (stops_place(c)) return true;
  switch (c) {
  case U'位': case U'名': case U'是': case U'请': case U'给': case U'让': case U'被': case U'把':
  case U'叫': case U'为': case U'称':
    return true;
  default:
    return false;
  }
}

/* A person: a surname right before the honorific (刘女士, 王师傅, 李局长), or before a given name
 * of one character (刘洋女士), or of two before 女士 先生 同志 (张建国先生): the key is the surname
 * and the honorific, so 刘女士 and 刘洋女士 are one person, 刘女士 and 王女士 two, 刘女士 and 刘先生
 * two. Not a plural (老师们, 女士们). */
static bool person_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  uint32_t h1 = han_before(u, i), next = han_after(u, len, i + 3);
  if (!h1 || !honorific(h1, c) || next == U'们') return false;
  /* (a title's 长 in a word after it: 各高校长期, read-through 44; session 45) */
  if (c == U'长' && han_in("期久远达度短效", next)) return false;
  const size_t at = i - 3; /* the honorific's first character */
  uint32_t s1 = han_before(u, at);
  if (!s1) return false;
  if (surname(s1)) {
    /* (not a word that a determiner opens: 各高校长, 全高校长; session 45) */
    if (han_in("各每诸全本该这那此其", han_before(u, at - 3))) return false;
    *id = name_hash(1, s1, h1, c);
    return true;
  }
  if (stops_name(s1)) return false;
  uint32_t s2 = han_before(u, at - 3);
  if (!s2) return false;
  if (surname(s2)) {
    *id = name_hash(1, s2, h1, c);
    return true;
  }
  if (stops_name(s2) || !((h1 == U'女' && c == U'士') || (h1 == U'先' && c == U'生') ||
                          (h1 == U'同' && c == U'志')))
    return false;
  uint32_t s3 = han_before(u, at - 6);
  if (!s3 || !surname(s3)) return false;
  *id = name_hash(1, s3, h1, c);
  return true;
}

/* A river, lake or island and its one character before it (西川 合川, 长江 浙江, 黄河 淮河, 西湖 太湖,
 * 青岛), or a road or street and the two before it (中山路 解放路, 长安街): the key is the name. Not
 * when the character before makes a word with the unit (山川 冰川 平川, 大江 过江, 运河 拔河 护城河,
 * 江湖 人工湖, 半岛 海岛 小岛 登岛, 公路 马路 铁路 道路 思路, 大街 逛街 步行街 …) or after a word that
 * stops a place (stops_place: 在江边, 到河边); not when the unit opens a name or a word (江苏 江西
 * 江南 江北, 河南 河北 河流 河道, 湖南 湖北 湖泊, 川菜 川剧, 岛屿, 街道 街头 街坊 街区) or a place
 * that han_name_at reads (南江市 南江县 东湖村: its unit after it). */
/* Whether the Han character c is one of set's (UTF-8, three bytes a character). */
static bool han_in(const char *set, uint32_t c) {
  if (c < 0x800 || c > 0xFFFF) return false;
  const char b0 = (char)(0xE0 | c >> 12), b1 = (char)(0x80 | (c >> 6 & 0x3F)),
             b2 = (char)(0x80 | (c & 0x3F));
  for (size_t q = 0; set[q]; q += 3)
    if (set[q] == b0 && set[q + 1] == b1 && set[q + 2] == b2) return true;
  return false;
}

/* place_key_at's units: the characters after the unit that make it no name's end (next), and
 * those before it that make a word with it (before); a road's and a street's share theirs. */
#define ROAD_BEFORE "道公马走思线网铁水小大上下进退让带引领开拦问迷套后前半岔心生活门电通窄宽新老" \
                    "短远近过条段陆航支干歧末绝顺邪修筑赶探铺找逛行业食吃主横长古满整当一街路同" \
                    "归山市县区镇村乡"
static const struct {
  uint32_t unit;
  const char *next, *before;
} place_units[] = {
    {U'川', "菜剧流藏", "山河冰平大"},
    {U'江', "苏西南北湖山", "大过跨渡临滨入下上条"},
    {U'河', "南北流道山床", "江山大小运冰护拔内界过跨渡临滨母天条城银"},
    {U'湖', "南北泊", "江大小人工盐环游临滨咸湖"},
    {U'岛', "屿", "半海小群列孤荒宝上登环离全大本该"},
    {U'路', "线径由费况人过", ROAD_BEFORE},
    {U'街', "道头坊区巷面景舞", ROAD_BEFORE},
};

static bool place_key(const unsigned char *u, size_t i, uint32_t c, uint32_t next, uint32_t *id) {
  uint32_t p1 = han_before(u, i);
  if (!p1 || stops_name(p1) || p1 == c) return false;
  /* (a place han_name_at reads, or a longer name: 南江县城, 东湖区) */
  if (han_in("市县省区镇村乡州", next)) return false;
  size_t k = 0;
  while (k < sizeof place_units / sizeof *place_units && place_units[k].unit != c) k++;
  if (k == sizeof place_units / sizeof *place_units || han_in(place_units[k].next, next))
    return false;
  bool road = c == U'路' || c == U'街';
  /* (镇街 乡村路: levels of government, review 26a M2; 中山路, but 山路 after no name) */
  if (han_in(place_units[k].before, p1) && !(p1 == U'山' && c == U'路')) return false;
  if (p1 == U'山' && c == U'路') {
    uint32_t p2 = han_before(u, i - 3);
    if (!p2 || stops_name(p2) || p2 == U'的') return false;
  }
  if (!road) {
    *id = name_hash(2, 0, p1, c);
    return true;
  }
  uint32_t p2 = han_before(u, i - 3);
  *id = name_hash(2, p2 && !stops_name(p2) ? p2 : 0, p1, c);
  return true;
}

/* (the character after the unit its next) */
static bool place_key_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  return place_key(u, i, c, han_after(u, len, i + 3), id);
}

/* Whether h1 c is a time word that opener_key_at reads a place before (今天 今日 明天 明日 今晨 今夜
 * 昨天 昨日 夜间 白天 后天). */
static bool time_word(uint32_t h1, uint32_t c) {
  switch (c) {
  case U'天': return h1 == U'今' || h1 == U'明' || h1 == U'昨' || h1 == U'白' || h1 == U'后';
  case U'日': return h1 == U'今' || h1 == U'明' || h1 == U'昨';
  case U'晨': case U'夜': return h1 == U'今';
  case U'间': return h1 == U'夜';
  default: return false;
  }
}

/* A place that opens a sentence before a time word (西川今天…, ，合川明天白天…: a weather box's or a
 * traffic brief's template): the two to four Han characters between the paragraph's opening, white
 * space or a mark and the time word at u[e] (南坪今天, 北碚明天). Not a place that ends with its unit
 * (南江市今天 is han_name_at's, 西川今天 place_key_at's), nor a word that opens a sentence before a
 * time word (记者 我们 本报 全市 目前 …: its first or last character says so), nor (session 45) a
 * run that ends with another time word. */
static bool opener_run_key(const unsigned char *u, size_t e, uint32_t *id) {
  size_t b = e; /* the run of Han characters before the time word: u[b..e) */
  uint32_t first = 0, last = han_before(u, e);
  int n = 0;
  while (n < 5) {
    uint32_t p = han_before(u, b);
    if (!p) break;
    first = p;
    b -= 3;
    n++;
  }
  if (n < 2 || n > 4) return false;
  /* (a run that ends with a time word, 东湖今天白天: its place was read before that one; session
   * 45) */
  if (time_word(han_before(u, e - 3), last)) return false;
  if (b > 0) { /* after white space or a mark only */
    unsigned char q = u[b - 1];
    bool open = q == ' ' || q == '\t' || q == '\n';
    if (!open && b >= 3 && u[b - 3] >= 0xE2) { /* a full-width mark or U+3000 (no Han) */
      uint32_t m = ((uint32_t)(u[b - 3] & 0x0F) << 12) | ((uint32_t)(u[b - 2] & 0x3F) << 6) |
                   (u[b - 1] & 0x3F);
      open = m == 0x3000 || m == U'，' || m == U'。' || m == U'；' || m == U'：' || m == U'！' ||
             m == U'？' || m == U'、' || m == U'”';
    }
    if (!open && (q == ',' || q == '.' || q == ';' || q == ':')) open = true;
    if (!open) return false;
  }
  if (stops_name(first)) return false;
  switch (first) {
  case U'他': case U'她': case U'它': case U'其': case U'据': case U'但': case U'并': case U'而':
  case U'因': case U'所': case U'如': case U'目': case U'预': case U'同': case U'另': case U'大':
  case U'人': case U'记': case U'有': case U'很': case U'也': case U'都': case U'还': case U'将':
  case U'已': case U'就': case U'又': case U'才': case U'多': case U'部': case U'市': case U'县':
  case U'区': case U'省': case U'今': case U'明': case U'昨': case U'前': case U'近': case U'最':
    return false;
  default:
    break;
  }
  switch (last) {
  case U'们': case U'者': case U'员': case U'人': case U'市': case U'县': case U'区': case U'镇':
  case U'村': case U'省': case U'乡': case U'州': case U'将': case U'也': case U'都': case U'还':
  case U'已': case U'就': case U'又': case U'才': case U'等': case U'里': case U'的': case U'于':
  case U'在': case U'到': case U'从': case U'川': case U'江': case U'河': case U'湖': case U'岛':
  case U'路': case U'街': /* (place_key_at's: 西川今天 is one name) */
    return false;
  default:
    break;
  }
  uint64_t h = fnv_fold(0x51474E41u, u, b, e, false);
  *id = name_hash(3, (uint32_t)h, (uint32_t)(h >> 32), 0);
  return true;
}

/* The place before the time word whose last character c is at u[i..i + 3) (opener_run_key). */
static bool opener_key_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  (void)len;
  return time_word(han_before(u, i), c) && opener_run_key(u, i - 3, id);
}

/* The key that the place han_name_at reads before the unit at u[i..i + 3) has without its unit
 * (session 45, review 44 L3), as name_key_at reads it in a copy that leaves the unit out: a
 * river's, lake's or island's or a road's (东湖区 as 东湖, place_key) or before a time word (南坪区今天
 * as 南坪今天, opener_run_key); a copy with the unit and one without then agree (a paragraph's
 * keys all in the other's), while 东湖区 and 东湖村, 南江市 and 南江县, each with the other key
 * too, do not. */
static bool unitless_key(const unsigned char *u, size_t len, size_t i, uint32_t *id) {
  uint32_t p1 = han_before(u, i), next = han_after(u, len, i + 3);
  if (han_in("川江河湖岛路街", p1)) return place_key(u, i - 3, p1, next, id);
  return time_word(next, han_after(u, len, i + 6)) && opener_run_key(u, i, id);
}

/* An institution (session 45, review 44 H3): the character before 馆 院 局 (图书馆 博物馆, 法院
 * 检察院 医院, 公安局 教育局), before 中心 or 学校 (服务中心, 实验学校), and 政府: two notices to one
 * template from 东湖市图书馆 and 东湖市博物馆, or two resolutions on 市人民法院's and 市人民检察院's
 * reports, were near repeats. The key is that character and the unit (市人民法院 and 法院 are one,
 * 医院 and 学院 two). Not after a word that stops a name (本馆 该院 全局 在学校), nor in a word
 * that is no institution's name: 闭馆 开馆, 住院 庭院 大院 院长 院士 院子, 结局 格局 当局 政局 局面
 * 局部 局长, 市中心 核心, 母校 这所学校 校园 校长 校友. */
static bool institution_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  uint32_t p1 = han_before(u, i), next = han_after(u, len, i + 3), a = p1, b = 0;
  if (!p1) return false;
  switch (c) {
  case U'馆':
    if (han_in("闭开入贵", p1)) return false;
    break;
  case U'院':
    if (han_in("住入庭寺宅大小深后前合两", p1) || han_in("长士子落校", next)) return false;
    break;
  case U'局':
    if (han_in("结格布大当开僵骗赌残终变政时饭棋牌战入平和败顾", p1) || han_in("面部势限促长外", next))
      return false;
    break;
  case U'府':
    if (p1 != U'政') return false;
    break;
  case U'心': case U'校': /* 中心 学校: the character before them */
    if (p1 != (c == U'心' ? U'中' : U'学')) return false;
    b = p1, a = han_before(u, i - 3);
    if (!a || (c == U'心' ? han_in("市城镇村区正圆核居重", a)
                          : han_in("所母贵放上", a) || han_in("园长区友服车训庆史风规", next)))
      return false;
    break;
  default:
    return false;
  }
  if (c != U'府' && stops_name(a)) return false;
  *id = name_hash(4, a, b, c);
  return true;
}

/* A team (session 48, probe 48 H2): the two Han characters before 队 (东湖队 北岭队 中国队; one
 * after a word that stops a name, 在东湖队), so that two results written to one template about
 * other teams (东湖队以三比一战胜北岭队… and 西山队以三比一战胜白沙队…, 0.66) are no near repeat.
 * Not after a character that makes a word with 队 or names a kind of team (排队 插队 军队 部队
 * 团队 球队 车队 乐队 领队 带队 组队 归队 入队 中队 大队 小队 支队 分队 主队 客队 女队 两队
 * 各队 …), nor before 伍 列 形 (队伍 队列 队形). The key is the name and 队. */
static bool team_at(const unsigned char *u, size_t len, size_t i, uint32_t *id) {
  uint32_t p1 = han_before(u, i), next = han_after(u, len, i + 3);
  if (!p1 || stops_name(p1) || han_in("伍列形", next) ||
      han_in("排插站列结编梯车船马舰乐部军团球领带组归入离留整分支中大小联卫主客女男护", p1))
    return false;
  uint32_t p2 = han_before(u, i - 3);
  *id = name_hash(6, p2 && !stops_name(p2) ? p2 : 0, p1, U'队');
  return true;
}

/* A party named in a court's or an authority's notice (session 48, probe 48 H3): the Han name of
 * two or three characters, a surname first, right after 原告 被告 (被告人 原告人), 申请人 被申请人,
 * 执行人 被执行人 (申请执行人), 上诉人 被上诉人 申诉人 起诉人, maybe after a colon (申请人：王建伟):
 * 本院受理原告王建伟诉被告刘志刚民间借贷纠纷一案 and the same notice for 孙国平 and 赵丽娟 were near
 * repeats (0.78), and the second notice was removed. The name's end is not marked: its third
 * character is taken unless it is one that follows a name in such frames (诉 与 和 及 因 于 为 向
 * 的 在 等 之 系 均 应 自 已 将 对 拒 未 不 所 申 称 及 现 已), so a name of two characters has
 * the frame's next character in its key, which a copy of the same notice shares. c is the role
 * word's last character (告 or 人) at u[i..i + 3). A party that is a company (no surname first)
 * gives no key. */
static bool party_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  uint32_t p1 = han_before(u, i);
  if (!p1) return false;
  if (c == U'告') {
    if (p1 != U'原' && p1 != U'被') return false;
    if (han_after(u, len, i + 3) == U'人') return false; /* (被告人: read at 人) */
  } else {
    uint32_t p2 = han_before(u, i - 3);
    if (!((p1 == U'请' && p2 == U'申') || (p1 == U'行' && p2 == U'执') ||
          (p1 == U'诉' && p2 && han_in("上申起", p2)) || (p1 == U'告' && (p2 == U'原' || p2 == U'被'))))
      return false;
  }
  size_t e = i + 3;
  if (e + 3 <= len && u[e] == 0xEF && u[e + 1] == 0xBC && u[e + 2] == 0x9A) e += 3; /* ： */
  else if (e < len && u[e] == ':') e++;
  uint32_t s1 = han_after(u, len, e), s2 = s1 ? han_after(u, len, e + 3) : 0;
  if (!s1 || !s2 || !surname(s1)) return false;
  static const char ends[] = "诉与和及因于为向的在等之系均应自已将对拒未不所申称现";
  if (han_in(ends, s2)) return false;
  uint32_t s3 = han_after(u, len, e + 6);
  *id = name_hash(7, s1, s2, s3 && !han_in(ends, s3) ? s3 : 0);
  return true;
}

/* Session 49 (probe 48 F13, F02b): the subject of a formula, a run of two to four Han characters
 * (two or three after a surname, for 遗失) that opens the paragraph or follows a mark, a space
 * or another script, right before the formula's words: a lost-property notice's owner before 遗失
 * (孙德厚遗失… | 周建国遗失…), a stock's or an index's name before 收盘 (maybe after 今日 昨日 今天
 * 昨天: 贵州茅台今日收盘… | 五粮液今日收盘…) or 报收. c is the formula's last character at u[i]
 * (失 of 遗失, 盘 of 收盘, 收 of 报收 before a figure or 于). None inside a sentence's run of Han
 * characters (市民王伟遗失, 他不慎遗失: the run is longer, or opens with no surname), nor for 报收
 * before another Han character (晨光晚报收到). The key folds (fnv_fold). */
static bool subject_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  uint32_t p1 = fold_cp(han_before(u, i)); /* (遺失 報收) */
  if (c == U'失' ? p1 != U'遗' : c == U'盘' ? p1 != U'收' : p1 != U'报') return false;
  if (c == U'收') { /* 报收 before a figure or 于 (晨光晚报收到 is a paper's) */
    uint32_t n1 = fold_cp(han_after(u, len, i + 3));
    if (n1 && n1 != U'于') return false;
  }
  size_t e = i - 3; /* the subject ends here */
  if (c == U'盘' && e >= 6) {
    uint32_t t1 = fold_cp(han_before(u, e - 3)), t2 = fold_cp(han_before(u, e));
    if ((t1 == U'今' || t1 == U'昨') && (t2 == U'日' || t2 == U'天')) e -= 6;
  }
  size_t b = e, n = 0;
  while (n < 5 && han_before(u, b)) b -= 3, n++;
  if (n < 2 || n > (c == U'失' ? 3u : 4u) || han_before(u, b)) return false;
  if (c == U'失' && !surname(fold_cp(han_after(u, e, b)))) return false;
  uint64_t h = fnv_fold(0x53554Au, u, b, e, false);
  *id = name_hash(8, (uint32_t)h, (uint32_t)(h >> 32), 0);
  return true;
}

/* The name that the character c at u[i..i + 3) ends, if any (session 44): a person's, a river's,
 * lake's, island's, road's or street's, or a place before a time word; since session 45 an
 * institution's; since session 48 a team's (队) and a party's after a role word (告 人). */
static bool name_key_at(const unsigned char *u, size_t len, size_t i, uint32_t c, uint32_t *id) {
  switch (c) {
  case U'队':
    return team_at(u, len, i, id);
  case U'告': case U'人':
    return party_at(u, len, i, c, id);
  case U'失': case U'盘': case U'收':
    return subject_at(u, len, i, c, id);
  case U'馆': case U'院': case U'局': case U'府': case U'心': case U'校':
    return institution_at(u, len, i, c, id);
  case U'川': case U'江': case U'河': case U'湖': case U'岛': case U'路': case U'街':
    return place_key_at(u, len, i, c, id);
  case U'天': case U'日': case U'晨': case U'夜': case U'间':
    return opener_key_at(u, len, i, c, id);
  default:
    return person_at(u, len, i, c, id);
  }
}

bool qg_fp_subjects_agree(uint32_t a, uint32_t b) {
  uint32_t na = 2 + (a >> 3 & 1), nb = 2 + (b >> 3 & 1), ca[3], cb[3];
  for (uint32_t k = 0; k < 3; k++) ca[k] = a >> (4 + 9 * k) & 511, cb[k] = b >> (4 + 9 * k) & 511;
  if (na == nb) { /* as many characters: one differs at most (张建国 and 张建围: a typo) */
    uint32_t diff = 0;
    for (uint32_t k = 0; k < na; k++) diff += ca[k] != cb[k];
    return diff <= 1;
  }
  /* another length (王强 and 王小强, a name cut): any character shared */
  for (uint32_t i = 0; i < na; i++)
    for (uint32_t j = 0; j < nb; j++)
      if (ca[i] == cb[j]) return true;
  return false;
}

static uint32_t label_of(const char *s, size_t len);

uint32_t qg_fp_label(const char *s, size_t len) {
  uint32_t l = label_of(s, len);
  return l ? l : subject_of(s, len);
}

static uint32_t label_of(const char *s, size_t len) {
  size_t i = 0, start, end;
  uint32_t c = 0;
  int han = 0;
  while (i < len) { /* white space before it */
    size_t k = i;
    c = qg_utf8_next(s, len, &k);
    if (c != ' ' && c != '\t' && c != 0x3000) break;
    i = k;
  }
  start = end = i;
  /* most paragraphs open with more Han characters than a label has: seven common ones
   * (U+4E00-9FFF, which qg_cp_is_han takes) read as bytes say no label (session 44: the loop
   * below decodes each; qg_fp_label on c10 11.8 M -> 9.3 M instructions) */
  if (i + 3 * (QG_ND_LABEL_HAN + 1) <= len) {
    const unsigned char *u = (const unsigned char *)s + i;
    size_t k = 0;
    while (k < QG_ND_LABEL_HAN + 1 && common_han(u + 3 * k)) k++;
    if (k == QG_ND_LABEL_HAN + 1) return 0;
  }
  while (i < len) {
    c = qg_utf8_next(s, len, &i);
    if (!qg_cp_is_han(c)) break;
    if (++han > QG_ND_LABEL_HAN) return 0;
    end = i;
  }
  if (!han || end == len) return 0;
  if (c == 0xFF08 || c == '(') { /* an aside: 白羊座（3.21-4.19）： */
    uint32_t close = c == '(' ? ')' : 0xFF09;
    int k = 0;
    for (;;) {
      if (i >= len || ++k > QG_ND_LABEL_ASIDE + 1) return 0;
      c = qg_utf8_next(s, len, &i);
      if (c == close) break;
      if (c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 || c == ':' || c == 0xFF1A ||
          c == 0x3002)
        return 0;
    }
    if (i >= len) return 0;
    c = qg_utf8_next(s, len, &i);
  }
  if (c != 0xFF1A && c != ':') return 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= len) return 0; /* a heading, not a label of text */
  /* FNV-1a of its Han characters (folded), their count below */
  uint64_t h = fnv_fold(0xcbf29ce484222325u, (const unsigned char *)s, start, end, false);
  /* (bits 3 to 22 the hash, 23 to 31 the first character hashed to nine bits, which
   * qg_fp_labels_agree compares between labels of another length) */
  size_t f = start;
  uint32_t first = subject_char(fold_cp(qg_utf8_next(s, len, &f)));
  return ((uint32_t)(mix64(h) >> 32) & 0x007FFFF8u) | first << 23 | (uint32_t)han;
}

int qg_fp_make(qg_fp_work *w, const char *s, size_t len, qg_fp *out) {
  return fp_make(w, s, len, true, false, out); /* the numbers too */
}

int qg_fp_make_lazy(qg_fp_work *w, const char *s, size_t len, qg_fp *out) {
  return fp_make(w, s, len, true, true, out);
}

int qg_fp_make_exact(qg_fp_work *w, const char *s, size_t len, qg_fp *out) {
  out->nnum = 0;
  out->nid = 0;
  return fp_make(w, s, len, false, false, out);
}

int qg_fp_make_words(qg_fp_work *w, const char *s, size_t len, const qg_token *tok, size_t ntok,
                     qg_fp *out) {
  int rc = qg_fp_make_exact(w, s, len, out); /* exact and chars; the sketch follows */
  if (rc) return rc;
  const unsigned char *u = (const unsigned char *)s;
  uint64_t prev = 0;
  size_t words = 0, m = 0; /* the word-bigram hashes go to w->hv: fewer words than bytes */
  for (size_t k = 0; k < ntok; k++) {
    size_t ncp = 0, end = tok[k].end < len ? tok[k].end : len;
    for (size_t i = tok[k].start; i < end;) { /* normalized as in qg_fp_make */
      uint32_t c;
      if (u[i] < 0x80) {
        c = u[i++];
        c = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : (c >= 'A' && c <= 'Z') ? c + 32 : 0;
      } else {
        c = norm_cp(qg_utf8_next(s, end, &i));
      }
      if (c) w->cp[ncp++] = c;
    }
    if (!ncp) continue; /* punctuation */
    uint64_t h = XXH3_64bits(w->cp, ncp * sizeof *w->cp);
    if (words++) {
      uint64_t pair[2] = {prev, h};
      w->hv[m++] = (uint32_t)(XXH3_64bits(pair, sizeof pair) >> 32);
    }
    prev = h;
  }
  if (words == 1) w->hv[m++] = (uint32_t)(prev >> 32);
  bottom_k(w->hv, m, out);
  qg_fp_numbers(s, len, out->num, &out->nnum);
  qg_fp_idents(s, len, out->id, &out->nid);
  out->label = qg_fp_label(s, len);
  return 0;
}

double qg_fp_similarity(uint32_t common, uint32_t size) {
  uint64_t milli = size ? ((uint64_t)common * 1000 + size / 2) / size : 0;
  return (milli > 999 ? 999 : milli) / 1000.0;
}

uint64_t qg_fp_simhash(const uint32_t *h, uint32_t n) {
  /* bit b of the result is set when more than half of the spread values have it; the counts
   * are kept eight to a word, a byte each: lane k of acc[j] counts bit 8k + j (n <= 255) */
  uint64_t acc[8] = {0};
  for (uint32_t i = 0; i < n; i++) {
    uint64_t x = mix64(h[i]);
    for (int j = 0; j < 8; j++) acc[j] += (x >> j) & 0x0101010101010101ull;
  }
  uint64_t sh = 0;
  for (int b = 0; b < 64; b++)
    if (((acc[b & 7] >> (8 * (b >> 3))) & 0xFF) * 2 > n) sh |= 1ull << b;
  return sh;
}

void qg_fp_compare(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                   uint32_t *common, uint32_t *size) {
  uint32_t i = 0, j = 0, m = 0, c = 0;
  while (m < QG_ND_K && (i < na || j < nb)) {
    if (j >= nb || (i < na && a[i] < b[j])) i++;
    else if (i >= na || b[j] < a[i]) j++;
    else i++, j++, c++;
    m++;
  }
  *common = c;
  *size = m;
}

bool qg_fp_near(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                unsigned t_milli, uint32_t *common, uint32_t *size) {
  /* the similarity is c/m with m <= K; once u values are not shared it is at most 1 - u/K,
   * so more than `most` unshared values rule the pair out. Tighter for short sketches (most
   * pairs of a low-entropy text: ruled out in half the steps): when the union has fewer than K
   * values, m is its size, na + nb - c, and c/m >= t means c >= t (na + nb) / (1 + t), so
   * u = na + nb - 2c is at most U = na + nb - 2 ceil(t (na + nb) / (1 + t)); when it has K or
   * more, u <= (1 - t) K and c >= tK, K <= na + nb - c give K <= (na + nb) / (1 + t), so u is at
   * most (na + nb)(1 - t) / (1 + t), which U + 1 is no less than (the ceiling takes less than 2
   * off); only when na + nb > K can the union have K values */
  uint32_t most = (uint32_t)((uint64_t)QG_ND_K * (1000 - t_milli) / 1000);
  uint64_t ab = (uint64_t)na + nb;
  uint64_t most2 = ab - 2 * ((t_milli * ab + 1000 + t_milli - 1) / (1000 + t_milli)) +
                   (ab > QG_ND_K);
  if (most2 < most) most = (uint32_t)most2;
  uint32_t i = 0, j = 0, m = 0, c = 0;
  while (m < QG_ND_K && i < na && j < nb) { /* branch-free merge step */
    uint32_t x = a[i], y = b[j];
    i += x <= y;
    j += y <= x;
    c += x == y;
    m++;
    if (m - c > most) return false;
  }
  /* what is left of one sketch: unshared values up to K in all */
  uint32_t rest = (na - i) + (nb - j), room = QG_ND_K - m;
  m += rest < room ? rest : room;
  *common = c;
  *size = m;
  return qg_fp_passes(c, m, t_milli);
}

uint32_t qg_fp_prefix_len(unsigned t_milli) {
  /* K - ceil(t K) + 1, in integers */
  uint32_t need = (uint32_t)(((uint64_t)t_milli * QG_ND_K + 999) / 1000);
  if (need < 1) need = 1;
  if (need > QG_ND_K) need = QG_ND_K;
  return QG_ND_K - need + 1;
}

/* ---- the index -----------------------------------------------------------------------------
 * Prefix filtering on both sides (AllPairs and PPJoin, Bayardo et al. WWW 2007, Xiao et al.
 * WWW 2008). The values are put in one fixed order, rarest first; an entry of n values posts only
 * the first P(n) = min(n, D + 1 + E) of them (its prefix; D = n - ceil(tn), E = QG_ND_EXTRA), and
 * a query only looks at the lists of its own prefix. The order is "document frequency when the
 * epoch began, then value": at 256 near entries, at 2048, and each time their number grows
 * sixteenfold after that (session 47; quadrupled before: QG_ND_EPOCH1), a new epoch takes the frequencies of the values of every entry (qg_ndx.order, 8 bits a slot, by the
 * low bits of the value; collisions and saturation only make the order less good, never
 * wrong) and posts every entry again by the new order. Before the first epoch the order is by
 * value. Amortized, each entry is posted at most about 2.1 times (2.3 before session 47); the lists hold 40% of what
 * posting every value took, and the rarest values come first. Dropping the oldest entries
 * (qg_ndx_drop_before) takes their ids out of the lists and keeps the order (any fixed order
 * is exact; a window that slides keeps the order of its last epoch).
 *
 * Why it is exact: let A (query, n_A values) and B (entry) have similarity c/m >= t, C = A ∩ B
 * ∩ U the c common values of U (the bottom-K of the union, m >= n_A values). Then c >=
 * ceil(t n_A), so at most D_A values of A are not in C, and the same holds for B. Let a be A's
 * first value (in the order) that is not in A's prefix, or past every value when the prefix is
 * all of A: the prefix is the values of A before a, so the values of C in it are the first ones
 * of C, at least P(n_A) - D_A = min(ceil(t n_A), 1 + E) of them; alike for B with b. The values
 * of C in both prefixes are those before min(a, b): if b < a, B's prefix is not all of B, which
 * means ceil(t n_B) > 1 + E, and B's prefix holds at least 1 + E values of C. Either way A and
 * B share at least h = min(ceil(t n_A), 1 + E) prefix values, and B is on the lists of at least
 * h of A's prefix values: a query counts, for each entry on its lists, how many it is on, and
 * verifies only those counted h times or more (the count filter). The count need not be taken
 * on every list at once (AllPairs' and PPJoin's candidate verification): a query leaves out
 * s < h of its lists (its longest; walk). An entry on h of its lists is on at least h - s >= 1
 * of the others, so counting on the others, then completing the count on the s lists left out
 * for the entries counted h - s times or more there, finds every entry on h lists in all, and
 * no other (the completion looks each of them up by binary search: an entry is on a list at
 * most once, and a list's ids ascend). This rests on what add, epoch and clear keep true: the
 * values of a sketch are distinct, an entry is on a list at most once and only if it was added,
 * a list's ids ascend, and every entry was posted under the current order. */
/* A query's count of an entry's lists saturates at QG_ND_MARK_SAT, kept in a byte with the
 * query's stamp (walk); the count asked (need) is at most 1 + QG_ND_EXTRA */
#define QG_ND_MARK_SAT 6u
#define QG_ND_STAMPS (255u / QG_ND_MARK_SAT) /* queries between two clearings of the marks */
_Static_assert(1 + QG_ND_EXTRA < QG_ND_MARK_SAT, "a count of need + 1 is kept in a mark");
_Static_assert(QG_ND_K <= 255, "a count of a sketch's values is kept in 8 bits (prefix_vals, esz)");

#define QG_ND_ORDER_BITS 17 /* slots of the frequency order: 128 KiB */
/* The epochs (session 47): at 256 near entries, at 2048, then each time they grow sixteenfold
 * (32,768, 524,288, ...; after a drop, at sixteen times the entries kept). Until session 47 at
 * 256 and each time they quadrupled (1,024, 4,096, 16,384, ...; after a drop four times): every
 * epoch posts every entry again (on 2 MB of bench copy 5,376 posts again for 8,725 adds, 16.6 M
 * instructions and the count of the frequencies), and the order of 2,048 or 4,096 entries made
 * the lookups no longer than that of 16,384 (the walk's instructions within 0.3% on 10 MB). */
#define QG_ND_EPOCH0 256    /* near entries at the first epoch */
#ifndef QG_ND_EPOCH1
#define QG_ND_EPOCH1 2048   /* at the second */
#endif
#ifndef QG_ND_EPOCH_GROW
#define QG_ND_EPOCH_GROW 16 /* then each time they grow this many times */
#endif

typedef struct entry {
  uint64_t exact;
  uint64_t off;       /* of the sketch in the chunks of vals (ent_vals; its numbers, then its
                       * identifiers follow it) */
  uint32_t n;         /* sketch size (0: exact only) */
  uint16_t nnum;      /* numbers after the sketch */
  uint16_t nid;       /* identifiers after the numbers */
  uint32_t label;     /* qg_fp.label (session 23: it was padding) */
  uint64_t nsig;      /* a bit (num_bit) for each of its numbers: a filter before their
                       * comparison (num_bound) */
} entry;
_Static_assert(QG_ND_NUMS <= UINT16_MAX && QG_ND_IDS <= UINT16_MAX, "counts of an entry");
_Static_assert(QG_ND_IDS <= 64, "qg_fp_idents_agree marks the identifiers used in 64 bits");

/* The bit of a number in an entry's nsig: a number is a hash (qg_fp_numbers), any six of its
 * bits will do. */
static inline uint64_t num_bits(const uint32_t *num, uint32_t n) {
  uint64_t sig = 0;
  for (uint32_t i = 0; i < n; i++) sig |= 1ull << (num[i] & 63);
  return sig;
}

/* Whether the numbers of a query (a[0..na), na capped at QG_ND_NUMS, their bits asig) may agree
 * with those of an entry of nb numbers and bits bsig (qg_fp_numbers_agree true), decided without
 * reading the entry's numbers: false only when they cannot. Their longest common subsequence is
 * at most the count of the query's numbers that are among the entry's, at most the count of
 * those whose bit is in bsig: popcount(asig & bsig), and one more for each of the query's
 * numbers whose bit another of its numbers had (na - popcount(asig)). Session 19: on listings
 * (paragraphs that differ only in their figures) a lookup verifies its 256 latest candidates,
 * and reading each one's numbers from the chunks was a third of the time. */
/* Set bits of a word, inline (the portable build has no popcnt instruction: the builtin is a
 * call to libgcc, 4% of a listing's time) */
static inline uint32_t bits64(uint64_t v) {
  v -= (v >> 1) & 0x5555555555555555ull;
  v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
  v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return (uint32_t)((v * 0x0101010101010101ull) >> 56);
}

static inline bool num_maybe(uint32_t na, uint64_t asig, uint32_t nb, uint64_t bsig,
                             unsigned t_milli) {
  if (na < QG_ND_NUMS_MIN || nb < QG_ND_NUMS_MIN) return true;
  if (nb > QG_ND_NUMS) nb = QG_ND_NUMS;
  uint32_t bound = bits64(asig & bsig) + (na - bits64(asig));
  uint32_t shorter = na < nb ? na : nb;
  return (uint64_t)bound * 1000 >= (uint64_t)t_milli * shorter;
}

/* A query counts its entries on all but up to h - QG_ND_REST of its lists, the longest of those
 * longer than QG_ND_SKIP_LEN (the rest of the count is looked up for the entries counted h -
 * skip times on the others). On 10 MB of bench copy (lists of about 18 ids, the longest about
 * 44) it leaves 78 of 470 postings a query uncounted for 3.2 lookups; asking only 2 (three lists
 * left out) made 21 entries a query to look up, more than the postings saved. */
#ifndef QG_ND_REST
#define QG_ND_REST 3
#endif
#ifndef QG_ND_SKIP_LEN
#define QG_ND_SKIP_LEN 16
#endif
_Static_assert(QG_ND_REST >= 1, "an entry must be on one list counted to be looked up");
/* The bound of a lookup (probe 11b G1). When every value of a paragraph is common (short
 * paragraphs of a small vocabulary: English words, Han text of a dozen characters), the lists of
 * its prefix hold a fixed share of every indexed entry, and a lookup that counts them all costs
 * time in proportion to the index: quadratic in the document. So a lookup counts at most about
 * QG_ND_WALK_MAX postings and verifies at most QG_ND_VERIFY_MAX candidates: past either, it
 * looks only at the latest entries, from an id `lo` on, chosen so that the postings of ids >= lo
 * on its counted lists, and then its candidates >= lo, stay within the bound. Among the entries
 * from lo on it is exact (every list cut at the same id: the proof below holds for the entries
 * >= lo as for all), and qg_ndx_window says how many those were. On bench copy a query counts
 * at most 2,215 postings and has at most 59 candidates (50 MB, one index of up to 35,800
 * paragraphs at the default --dedup-memory), so no lookup there is bounded. */
#define QG_ND_INLINE 2 /* a list of up to this many ids is kept in its slot */
/* Blocks of lists (header and ids) of 8, 16, … QG_ND_POOL_WORDS words come from the index's own
 * slabs (block_new, block_free), larger ones from malloc (session 31: a block per list growth
 * from malloc and free was 3.2 M instructions of 212 M in the stage on 2 MB of bench copy, and
 * letting every block go at the end 3.3 M more; a block off a free list is a few instructions,
 * and the slabs go in a few calls). */
#define QG_ND_POOL_CLASSES 6 /* 8 to 256 words */
#define QG_ND_POOL_WORDS (8u << (QG_ND_POOL_CLASSES - 1))
/* A slot of the token table: 16 bytes, four to a cache line (a slot of 24 bytes, until session
 * 10, straddled two lines one time in four, and a query probes some 30 cold slots). */
typedef struct tslot {
  uint32_t token;
  uint32_t f;         /* TS_USED | TS_OUT | postings (TS_N); 0: an empty slot */
  union {
    uint32_t *ids;              /* TS_OUT: a block, its capacity in ids[-1] */
    uint32_t in[QG_ND_INLINE]; /* else: most lists are short, and a query's prefix is its
                                * rarest values, so this saves a cache miss a list */
  } u;
} tslot;
_Static_assert(sizeof(tslot) == 16, "four slots a cache line");
#define TS_USED 0x80000000u /* the slot holds a list (maybe emptied by a new order) */
#define TS_OUT 0x40000000u  /* its ids are in a block of their own, else in the slot */
#define TS_N 0x3FFFFFFFu    /* its postings */
/* What the index counts for a table slot and a list's ids (qg_ndx_used, qg_ndx_bytes): the
 * slot of session 9 (24 bytes) and each block's capacity without its header, so that a
 * generation fills up at the same paragraph as before and every window holds the same
 * paragraphs. The memory really held is less: 16-byte slots, and 4 bytes of header a block. */
#define QG_ND_TSLOT_BYTES 24
/* The same for an entry: 24 bytes until session 19 added nsig; qg_ndx_bytes counts its 32 */
#define QG_ND_ENTRY_BYTES 24

/* The same for a mark: 2 bytes until session 43 (qg_ndx.mark); since session 52 the mark's
 * byte and the entry's size byte (qg_ndx.esz) */
#define QG_ND_MARK_BYTES 2

static inline uint32_t *slot_ids(tslot *t) { return t->f & TS_OUT ? t->u.ids : t->u.in; }
static inline uint32_t slot_n(const tslot *t) { return t->f & TS_N; }
static inline uint32_t slot_cap(const tslot *t) {
  return t->f & TS_OUT ? t->u.ids[-1] : QG_ND_INLINE;
}

typedef struct xslot {
  uint64_t exact;
  uint32_t entry; /* + 1; 0 marks an empty slot */
} xslot;

struct qg_ndx {
  unsigned t_milli;
  entry *e;
  size_t ne, cape;
  /* the entries' sketches, numbers and identifiers, in chunks of QG_ND_CHUNK words (an entry's
   * in one chunk; offsets count QG_ND_CHUNK words a chunk, so chunk i starts at i << its bits).
   * Until session 18 one array grown by realloc: it was copied at each growth (each copy faulted
   * in new pages: over half the page faults of clean on 10 MB of bench copy) and moved by a
   * drop. Chunks [0, nchunk) are allocated: those up to vend's are in use, the rest spare (a
   * drop's, taken again before a new one is allocated) */
  uint32_t **chunk;
  size_t nchunk, capchunk;
  uint64_t vend; /* where the next entry's values go */
  size_t nv, capv; /* words in use (their sum over the entries: what qg_ndx_used counts) and
                    * allocated (nchunk chunks) */
  tslot *t;
  size_t nt, capt;   /* capt: power of two */
  size_t nposts;
  size_t nblocks;    /* lists out of their slots (each block has a header of 4 bytes) */
  xslot *x;
  size_t nx, capx;
  uint32_t stamp;  /* the current query, 1..QG_ND_STAMPS */
  uint8_t *mark;   /* per entry: (stamp - 1) * QG_ND_MARK_SAT + how many of that query's lists
                    * it is on, 1 to QG_ND_MARK_SAT (walk); apart from the entries, so counting
                    * stays in the first-level cache for indexes up to about 40,000 entries
                    * (one byte an entry since session 43; two, stamp << 8 | count, before) */
  uint8_t *esz;    /* per entry: its sketch size, entry.n (at most QG_ND_K), for the size test
                    * of a lookup's candidates (walk) without reading the entry: 64 entries a
                    * line where entry is 32 bytes (session 52, s52-walk: docs/dedup.md). The
                    * byte is counted already: qg_ndx_used and qg_ndx_bytes count a mark as
                    * QG_ND_MARK_BYTES, 2, since session 43 made it one */
  size_t mark_hi;  /* marks from mark_hi on are 0: no query since they were last cleared counted
                    * an entry there (walk clears mark[0..mark_hi) when the stamps wrap) */
  uint32_t *cand; /* a query's candidates; room for every entry */
  size_t ncand, capcand;
  uint8_t *order;  /* document frequencies at the epoch's start, by the value's low bits
                    * (saturated); valid when ordered, else the order is by value (before the
                    * first epoch) */
  uint16_t *df;    /* room for an epoch's counts; kept with order from document to document
                    * (a page of 100 KB has an epoch: allocating 384 KiB for each made the
                    * pages of two threads fault pages in and out, 30% more CPU than one) */
  bool ordered;
  size_t nnear;    /* entries with a sketch */
  bool near_off;   /* an epoch ran out of memory: no near lookups until cleared */
  size_t epoch_at; /* nnear at which the next epoch begins */
  /* the prefix of the last query, for the add that often follows it (dedup looks a paragraph
   * up, then indexes it): valid while order_gen is what it was and the sketch is the same */
  uint64_t order_gen; /* changes with the order: at each epoch and clear */
  uint64_t pv_gen;    /* order_gen of pv (0: none) */
  uint32_t pv_n, pv_p;
  uint32_t pv_h[QG_ND_K], pv[QG_ND_K];
  /* where the last query found each value of pv in the token table (its list's slot, or the
   * empty slot that ended its probe), for its add: valid while tgen is pv_tgen. tgen changes
   * whenever a slot may move or be emptied (the table grown, lists swept, the index cleared);
   * slots filled since do not matter: a value's probe goes on from the slot found, past them */
  uint64_t tgen, pv_tgen;
  uint32_t pv_slot[QG_ND_K];
  /* the blocks of lists out of their slots (block_new): of up to QG_ND_POOL_WORDS words, cut
   * from slabs and kept on a free list a size when let go; larger ones from malloc */
  uint32_t *pool_free[QG_ND_POOL_CLASSES]; /* a free block's next is in its first 8 bytes */
  char *slab_at, *slab_end;
  void **slab;     /* as malloc gave them (slab_at is aligned to a cache line) */
  size_t nslab, capslab;
  size_t big_bytes; /* the blocks from malloc: their bytes, headers included */
  size_t nbig;
  /* the bound of a lookup (walk): postings counted and candidates verified at most */
  uint32_t walk_max, verify_max;
  uint32_t window; /* the last lookup: 0, or the latest entries it was exact over (bounded) */
};

#define QG_ND_CHUNK_BITS 16 /* a chunk of vals: 256 KiB */
#define QG_ND_CHUNK ((size_t)1 << QG_ND_CHUNK_BITS)
_Static_assert(QG_ND_K + QG_ND_NUMS + QG_ND_IDS <= QG_ND_CHUNK, "an entry's values fit a chunk");

/* The values of an entry (at offset off). */
static inline uint32_t *ent_vals(const qg_ndx *x, uint64_t off) {
  return x->chunk[off >> QG_ND_CHUNK_BITS] + (off & (QG_ND_CHUNK - 1));
}

/* The pages of a new allocation of the index that it is about to fill (a chunk of values, a
 * slab of list blocks, a grown table) faulted in by one call (Linux 5.14's
 * MADV_POPULATE_WRITE) instead of one trap a page as they are first written (session 37: on
 * 20 MB of bench copy ~11,000 of clean's ~12,000 page faults were the index's memory, at about
 * 14 us each on the bench machine against 8.5 us a page populated). Only the whole pages
 * inside [p, p + bytes), and only memory the index writes all of soon: no page is made
 * resident that would not be. Where the call is unknown (another system, an older kernel) it
 * does nothing and the pages fault in as before. */
static void populate(void *p, size_t bytes) {
#if defined(__linux__)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
  long ps = sysconf(_SC_PAGESIZE); /* (the C library's figure: no system call, and no static
                                     * that two threads' indexes would share) */
  size_t page = ps > 0 ? (size_t)ps : 4096;
  uintptr_t a = ((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1);
  uintptr_t b = ((uintptr_t)p + bytes) & ~(uintptr_t)(page - 1);
  if (b > a) (void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
#else
  (void)p, (void)bytes;
#endif
}

/* Room for need words at vend (moved to the next chunk's start when they do not fit in its
 * chunk, that chunk allocated when there is no spare one). */
static int vals_reserve(qg_ndx *x, size_t need) {
  uint64_t ci = x->vend >> QG_ND_CHUNK_BITS, pos = x->vend & (QG_ND_CHUNK - 1);
  if (pos + need > QG_ND_CHUNK) ci++, pos = 0;
  if (ci >= x->nchunk) { /* ci == nchunk */
    if (x->nchunk == x->capchunk) {
      size_t c = x->capchunk ? x->capchunk * 2 : 16;
      uint32_t **v = realloc(x->chunk, c * sizeof *v);
      if (!v) return QG_ERR_NOMEM;
      x->chunk = v;
      x->capchunk = c;
    }
    uint32_t *c = malloc(QG_ND_CHUNK * sizeof *c);
    if (!c) return QG_ERR_NOMEM;
    populate(c, QG_ND_CHUNK * sizeof *c);
    x->chunk[x->nchunk++] = c;
    x->capv += QG_ND_CHUNK;
  }
  x->vend = ci << QG_ND_CHUNK_BITS | pos;
  return 0;
}

static void free_chunks(qg_ndx *x) {
  for (size_t i = 0; i < x->nchunk; i++) free(x->chunk[i]);
  free(x->chunk);
  x->chunk = NULL;
  x->nchunk = x->capchunk = x->capv = 0;
  x->vend = 0;
}

qg_ndx *qg_ndx_new(unsigned t_milli) {
  qg_ndx *x = calloc(1, sizeof *x);
  if (!x) return NULL;
  if (t_milli == 0) t_milli = 1;
  if (t_milli > 1000) t_milli = 1000;
  x->t_milli = t_milli;
  x->epoch_at = QG_ND_EPOCH0;
  x->order_gen = 1;
  x->walk_max = QG_ND_WALK_MAX;
  x->verify_max = QG_ND_VERIFY_MAX;
  return x;
}

/* A block of words words (8 << k, or any size past QG_ND_POOL_WORDS), aligned to its size up to
 * a cache line as the allocator's size classes were (a list of up to 15 ids is one line). */
static uint32_t *block_new(qg_ndx *x, size_t words) {
  if (words > QG_ND_POOL_WORDS) {
    uint32_t *b = malloc(words * sizeof(uint32_t));
    if (b) x->big_bytes += words * sizeof(uint32_t), x->nbig++;
    return b;
  }
  unsigned k = (unsigned)__builtin_ctz((unsigned)words) - 3;
  uint32_t *b = x->pool_free[k];
  if (b) {
    memcpy(&x->pool_free[k], b, sizeof(uint32_t *));
    return b;
  }
  size_t bytes = words * sizeof(uint32_t), align = bytes < 64 ? bytes : 64;
  uintptr_t at = ((uintptr_t)x->slab_at + align - 1) & ~(uintptr_t)(align - 1);
  if (!x->slab_at || at + bytes > (uintptr_t)x->slab_end) {
    if (x->nslab == x->capslab) {
      size_t c = x->capslab ? x->capslab * 2 : 16;
      void **v = realloc(x->slab, c * sizeof *v);
      if (!v) return NULL;
      x->slab = v;
      x->capslab = c;
    }
    char *sl = malloc(QG_ND_SLAB + 64);
    if (!sl) return NULL;
    populate(sl, QG_ND_SLAB + 64);
    x->slab[x->nslab++] = sl;
    at = ((uintptr_t)sl + 63) & ~(uintptr_t)63;
    x->slab_end = (char *)at + QG_ND_SLAB;
  }
  x->slab_at = (char *)(at + bytes);
  return (uint32_t *)at;
}

static void block_free(qg_ndx *x, uint32_t *b, size_t words) {
  if (words > QG_ND_POOL_WORDS) {
    free(b);
    x->big_bytes -= words * sizeof(uint32_t), x->nbig--;
    return;
  }
  unsigned k = (unsigned)__builtin_ctz((unsigned)words) - 3;
  memcpy(b, &x->pool_free[k], sizeof(uint32_t *));
  x->pool_free[k] = b;
}

/* Every list's block let go, and the slabs with them. */
static void free_lists(qg_ndx *x) {
  for (size_t i = 0; i < x->capt && x->nbig; i++) /* (only blocks past the pool's sizes are
                                                    * malloc's: most indexes have none) */
    if ((x->t[i].f & TS_OUT) && x->t[i].u.ids[-1] + 1 > QG_ND_POOL_WORDS) {
      free(x->t[i].u.ids - 1);
      x->nbig--;
    }
  x->nblocks = x->nbig = x->big_bytes = 0;
  for (size_t i = 0; i < x->nslab; i++) free(x->slab[i]);
  x->nslab = 0;
  x->slab_at = x->slab_end = NULL;
  memset(x->pool_free, 0, sizeof x->pool_free);
}

void qg_ndx_free(qg_ndx *x) {
  if (!x) return;
  free_lists(x);
  free(x->e);
  free_chunks(x);
  free(x->t);
  free(x->x);
  free(x->cand);
  free(x->mark);
  free(x->esz);
  free(x->order);
  free(x->df);
  free(x->slab);
  free(x);
}

void qg_ndx_clear(qg_ndx *x) {
  x->tgen++;
  free_lists(x);
  x->ne = x->nv = x->nt = x->nx = x->nposts = x->nnear = 0;
  x->vend = 0; /* the chunks are spare */
  x->near_off = false;
  x->epoch_at = QG_ND_EPOCH0;
  x->order_gen++;
  x->ordered = false; /* the next document's order starts by value again */
  if (qg_ndx_bytes(x) > ((size_t)2 << 20)) { /* after a big document, give the memory back */
    free(x->e), free(x->t), free(x->x), free(x->cand), free(x->mark), free(x->esz);
    free(x->order), free(x->df);
    free_chunks(x);
    x->e = NULL, x->t = NULL, x->x = NULL, x->cand = NULL, x->mark = NULL, x->esz = NULL;
    x->order = NULL, x->df = NULL;
    x->cape = x->capt = x->capx = x->capcand = 0;
    x->mark_hi = 0;
    return;
  }
  if (x->t) memset(x->t, 0, x->capt * sizeof *x->t);
  if (x->x) memset(x->x, 0, x->capx * sizeof *x->x);
}

uint32_t qg_ndx_count(const qg_ndx *x) { return (uint32_t)x->ne; }
bool qg_ndx_near_off(const qg_ndx *x) { return x->near_off; }

/* The slabs of the lists' blocks (block_new) and their array. */
static size_t slab_bytes(const qg_ndx *x) {
  return x->nslab * (QG_ND_SLAB + 64) + x->capslab * sizeof *x->slab;
}

size_t qg_ndx_bytes(const qg_ndx *x) {
  /* the lists: the blocks from malloc without their headers, and the slabs whole (since
   * session 31; before, every block's capacity) */
  return sizeof *x + x->cape * sizeof *x->e + x->capv * sizeof **x->chunk +
         x->capchunk * sizeof *x->chunk +
         x->capt * QG_ND_TSLOT_BYTES + x->capx * sizeof *x->x + x->capcand * (sizeof *x->cand + QG_ND_MARK_BYTES) +
         (x->big_bytes - x->nbig * sizeof *x->t->u.ids) + slab_bytes(x) +
         (x->order ? (size_t)1 << QG_ND_ORDER_BITS : 0) +
         (x->df ? sizeof *x->df << QG_ND_ORDER_BITS : 0);
}

size_t qg_ndx_held(const qg_ndx *x) {
  return qg_ndx_bytes(x) - x->capt * (QG_ND_TSLOT_BYTES - sizeof *x->t) -
         x->capcand * (QG_ND_MARK_BYTES - sizeof *x->mark - sizeof *x->esz) +
         x->nbig * sizeof *x->t->u.ids;
}

static int reserve(void **v, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap : 256;
  while (c < need) c += c / 2 + 1; /* 1.5x: the arrays are the big ones at scale */
  void *n = realloc(*v, c * size);
  if (!n) return QG_ERR_NOMEM;
  *v = n;
  *cap = c;
  return 0;
}

/* cand and mark share one capacity; new marks are 0 (no query has stamp 0) */
static int reserve_cand(qg_ndx *x, size_t need) {
  if (need <= x->capcand) return 0;
  size_t c = x->capcand;
  if (reserve((void **)&x->cand, &c, need, sizeof *x->cand)) return QG_ERR_NOMEM;
  uint8_t *m = realloc(x->mark, c * sizeof *m);
  if (!m) return QG_ERR_NOMEM; /* cand grew, capcand did not: the next call retries */
  memset(m + x->capcand, 0, (c - x->capcand) * sizeof *m);
  x->mark = m;
  uint8_t *z = realloc(x->esz, c * sizeof *z);
  if (!z) return QG_ERR_NOMEM; /* (so did mark: the next call's realloc keeps it) */
  x->esz = z;
  x->capcand = c;
  return 0;
}

/* A token's home slot (its low bits): tokens are hash values already, so one multiply spreads
 * them enough (the high half of the product mixes every bit of the token into the low bits). */
static uint32_t thash(uint32_t token) { return (uint32_t)((token * 0x9E3779B97F4A7C15ull) >> 32); }

static int tgrow(qg_ndx *x) {
  x->tgen++;
  size_t cap = x->capt ? x->capt * 2 : 1024;
  tslot *t = calloc(cap, sizeof *t);
  if (!t) return QG_ERR_NOMEM;
  populate(t, cap * sizeof *t);
  for (size_t i = 0; i < x->capt; i++) {
    if (!(x->t[i].f & TS_USED)) continue;
    size_t k = thash(x->t[i].token) & (cap - 1);
    while (t[k].f & TS_USED) k = (k + 1) & (cap - 1);
    t[k] = x->t[i];
  }
  free(x->t);
  x->t = t;
  x->capt = cap;
  return 0;
}

static int xgrow(qg_ndx *x) {
  size_t cap = x->capx ? x->capx * 2 : 1024;
  xslot *t = calloc(cap, sizeof *t);
  if (!t) return QG_ERR_NOMEM;
  populate(t, cap * sizeof *t);
  for (size_t i = 0; i < x->capx; i++) {
    if (!x->x[i].entry) continue;
    size_t k = x->x[i].exact & (cap - 1);
    while (t[k].entry) k = (k + 1) & (cap - 1);
    t[k] = x->x[i];
  }
  free(x->x);
  x->x = t;
  x->capx = cap;
  return 0;
}

static void prefetch_exact(const qg_ndx *x, uint64_t exact) {
  if (x->capx) __builtin_prefetch(&x->x[exact & (x->capx - 1)]);
}

uint32_t qg_ndx_find_exact(const qg_ndx *x, const qg_fp *fp) {
  if (!x->capx) return UINT32_MAX;
  size_t k = fp->exact & (x->capx - 1);
  while (x->x[k].entry) {
    if (x->x[k].exact == fp->exact) return x->x[k].entry - 1;
    k = (k + 1) & (x->capx - 1);
  }
  return UINT32_MAX;
}

/* The length of the prefix of a sketch of n values, and the count a query of n values asks of
 * an entry (h in the proof above). */
static uint32_t prefix_of(unsigned t_milli, uint32_t n, uint32_t *need) {
  uint32_t common = (uint32_t)(((uint64_t)t_milli * n + 999) / 1000); /* ceil(tn) */
  uint32_t p = n - common + 1 + QG_ND_EXTRA;
  if (need) *need = common < 1 + QG_ND_EXTRA ? common : 1 + QG_ND_EXTRA;
  return p < n ? p : n;
}

/* The first p values of h[0..n) (ascending) in the index's order (frequency class, then value)
 * to out, in no particular order: every value of the classes below the class where the p-th
 * falls, then that class's smallest values. */
static void prefix_vals(const qg_ndx *x, const uint32_t *h, uint32_t n, uint32_t p,
                        uint32_t *out) {
  if (p >= n || !x->ordered) { /* all of them, or the order by value: the first p */
    memcpy(out, h, (p < n ? p : n) * sizeof *h);
    return;
  }
  const uint32_t mask = (1u << QG_ND_ORDER_BITS) - 1;
  _Alignas(16) uint8_t cls[(QG_ND_K + 15) / 16 * 16];
  _Alignas(16) uint8_t count[256]; /* a count is at most n <= K < 256 */
  memset(count, 0, sizeof count);
  const uint8_t *order = x->order;
#ifdef __SSE2__
  if (n & 15) /* the last chunk's lanes past n defined (the masks below leave them out) */
    _mm_store_si128((__m128i *)(cls + (n & ~15u)), _mm_setzero_si128());
#endif
  uint32_t i = 0;
  for (; i + 4 <= n; i += 4) { /* four a step: the loop's own instructions were a third */
    uint8_t c0 = order[h[i] & mask], c1 = order[h[i + 1] & mask];
    uint8_t c2 = order[h[i + 2] & mask], c3 = order[h[i + 3] & mask];
    cls[i] = c0, cls[i + 1] = c1, cls[i + 2] = c2, cls[i + 3] = c3;
    count[c0]++, count[c1]++, count[c2]++, count[c3]++;
  }
  for (; i < n; i++) count[cls[i] = order[h[i] & mask]]++;
  /* the class of the p-th value: sixteen classes a step (their counts summed by SSE2's psadbw;
   * all the counts together are n < 256), then one a step */
  uint32_t below = 0, c = 0;
  for (;;) {
#ifdef __SSE2__
    __m128i v = _mm_sad_epu8(_mm_load_si128((const __m128i *)(count + c)), _mm_setzero_si128());
    uint32_t sum = (uint32_t)_mm_cvtsi128_si32(_mm_add_epi32(v, _mm_unpackhi_epi64(v, v)));
#else
    uint64_t v0, v1;
    memcpy(&v0, count + c, sizeof v0);
    memcpy(&v1, count + c + 8, sizeof v1);
    uint32_t sum = (uint32_t)((v0 * 0x0101010101010101ull) >> 56) +
                   (uint32_t)((v1 * 0x0101010101010101ull) >> 56);
#endif
    if (below + sum >= p) break;
    below += sum;
    c += 16;
  }
  while (below + count[c] < p) below += count[c++];
  uint32_t k = 0;
#ifdef QG_CHECK_PREFIX /* the plain loops' answer, to compare (a build with -DQG_CHECK_PREFIX) */
  uint32_t ref[QG_ND_K], kr = 0;
  if (below + count[c] == p) {
    for (uint32_t j = 0; j < n && kr < p; j++)
      if (cls[j] <= c) ref[kr++] = h[j];
  } else {
    for (uint32_t j = 0; j < n; j++)
      if (cls[j] < c) ref[kr++] = h[j];
    for (uint32_t j = 0; kr < p; j++)
      if (cls[j] == c) ref[kr++] = h[j];
  }
#define QG_PREFIX_CHECKED() \
  do { if (k != p || kr != p || memcmp(ref, out, p * sizeof *out)) abort(); } while (0)
#else
#define QG_PREFIX_CHECKED() (void)0
#endif
#ifdef __SSE2__
  /* the values taken, in the order of h: the lanes at or below c (the whole class; else those
   * below c, then the class's smallest), sixteen classes at a time, as bits of 64-bit words,
   * then each word's set bits one by one (about a value in four is taken; a word's walk ends
   * in one mispredicted branch, where a walk per sixteen lanes ended in one each) */
  enum { W = (QG_ND_K + 63) / 64 };
  const __m128i cc = _mm_set1_epi8((char)c);
  const bool whole = below + count[c] == p;
  uint64_t take[W] = {0}, at_c[W] = {0};
  for (uint32_t i = 0; i < n; i += 16) {
    __m128i v = _mm_load_si128((const __m128i *)(cls + i));
    __m128i eq = _mm_cmpeq_epi8(v, cc);
    __m128i le = _mm_cmpeq_epi8(_mm_min_epu8(v, cc), v);
    if (!whole) le = _mm_andnot_si128(eq, le); /* below c */
    take[i / 64] |= (uint64_t)(unsigned)_mm_movemask_epi8(le) << (i % 64);
    at_c[i / 64] |= (uint64_t)(unsigned)_mm_movemask_epi8(eq) << (i % 64);
  }
  for (uint32_t w = 0; w < W; w++) { /* lanes past n left out */
    uint32_t lanes = n > 64 * w ? n - 64 * w : 0;
    uint64_t valid = lanes >= 64 ? ~0ull : ((uint64_t)1 << lanes) - 1;
    take[w] &= valid, at_c[w] &= valid;
  }
  for (uint32_t w = 0; w < W; w++)
    for (uint64_t m = take[w]; m; m &= m - 1) out[k++] = h[64 * w + (unsigned)__builtin_ctzll(m)];
  if (whole) {
    QG_PREFIX_CHECKED();
    return;
  }
  for (uint32_t w = 0; k < p; w++) /* then the class's smallest (h ascends) */
    for (uint64_t m = at_c[w]; m && k < p; m &= m - 1)
      out[k++] = h[64 * w + (unsigned)__builtin_ctzll(m)];
  QG_PREFIX_CHECKED();
#else
  if (below + count[c] == p) { /* the whole class: one pass */
    for (uint32_t i = 0; k < p; i++) { /* branch-free: the classes come in no order */
      out[k] = h[i];
      k += cls[i] <= c;
    }
    return;
  }
  for (uint32_t i = 0; i < n; i++) { /* branch-free: the classes come in no order */
    out[k] = h[i];
    k += cls[i] < c;
  }
  for (uint32_t i = 0; k < p; i++) /* then the class's smallest (h ascends) */
    if (cls[i] == c) out[k++] = h[i];
#endif
#undef QG_PREFIX_CHECKED
}

/* Appends id to the list of tok, adding the list. room: the table has room for a list more
 * without growing (the caller knows; else it is tested here). at: NULL, or the slot where the
 * probe for tok starts (post_vals), else its home slot. */
static inline __attribute__((always_inline)) int post(qg_ndx *x, uint32_t tok, uint32_t id,
                                                      bool room, const uint32_t *at) {
  if (!room && (x->nt + 1) * 2 >= x->capt && tgrow(x)) return QG_ERR_NOMEM;
  size_t k = at ? *at : thash(tok) & (x->capt - 1);
  while ((x->t[k].f & TS_USED) && x->t[k].token != tok) k = (k + 1) & (x->capt - 1);
  tslot *t = &x->t[k];
  if (!(t->f & TS_USED)) { /* a new list, in the slot */
    t->token = tok;
    t->f = TS_USED;
    x->nt++;
  } else if (slot_n(t) == slot_cap(t)) {
    /* blocks of 8, 16, 32 … words (header and ids): each in its size class of the allocator,
     * aligned to its size, so a list of up to 15 ids is one cache line, of 31 two; half the
     * growths of 1.5 times (session 18) */
    uint32_t old = slot_cap(t), n = slot_n(t), cap = 2 * old + 1 < 7 ? 7 : 2 * old + 1;
    if (cap > TS_N) return QG_ERR_NOMEM; /* a list of a billion postings */
    /* a new block (its capacity first), not realloc: a list that grows moves to another size
     * class anyway, and the allocator's malloc and free are its fast paths (jemalloc's
     * realloc cost about 500 instructions a call, malloc + free under 100) */
    uint32_t *v = block_new(x, (size_t)cap + 1);
    if (!v) return QG_ERR_NOMEM;
    *v++ = cap;
    memcpy(v, slot_ids(t), n * sizeof *v);
    if (t->f & TS_OUT) block_free(x, t->u.ids - 1, (size_t)old + 1);
    else x->nblocks++;
    t->u.ids = v;
    t->f |= TS_OUT;
  }
  slot_ids(t)[slot_n(t)] = id;
  t->f++; /* x->nposts counts it: post_vals adds them all */
  return 0;
}

/* Posts id on the lists of pv[0..p). Out of memory part of the way, it takes back what it
 * posted (id is the last on those lists), so no list names an entry that was not added. at:
 * NULL, or where each value's probe of the token table may start (a slot found by a probe of it
 * since the table last grew or moved a slot; session 29: a query's and an epoch's probes of the
 * same values, so the add's probes start at their end), used when no post grows the table */
static int post_vals(qg_ndx *x, const uint32_t *pv, uint32_t p, uint32_t id, const uint32_t *at) {
  /* p lists more at most: when the table has room for them all, no post of these grows it
   * (the test each post makes would fail every time) */
  const bool room = (x->nt + p) * 2 < x->capt;
  if (!room) at = NULL; /* a post may grow the table: the slots found would be stale */
  for (uint32_t i = 0; i < p; i++) {
    int rc = at ? post(x, pv[i], id, true, at + i) : post(x, pv[i], id, room, NULL);
    if (!rc) continue;
    while (i-- > 0) {
      size_t k = thash(pv[i]) & (x->capt - 1);
      while (x->t[k].token != pv[i] || !(x->t[k].f & TS_USED)) k = (k + 1) & (x->capt - 1);
      x->t[k].f--;
    }
    return rc;
  }
  x->nposts += p; /* once, not a read and a write of x a post */
  return 0;
}

/* Posts id on the lists of h's prefix (post_vals). */
static int post_prefix(qg_ndx *x, const uint32_t *h, uint32_t n, uint32_t id) {
  uint32_t pvbuf[QG_ND_K];
  const uint32_t *pv = pvbuf, *at = NULL;
  uint32_t p = prefix_of(x->t_milli, n, NULL);
  if (x->pv_gen == x->order_gen && x->pv_n == n && x->pv_p == p &&
      !memcmp(x->pv_h, h, n * sizeof *h)) {
    pv = x->pv; /* the last query's, and where it found them */
    if (x->pv_tgen == x->tgen) at = x->pv_slot;
  } else {
    prefix_vals(x, h, n, p, pvbuf);
  }
  return post_vals(x, pv, p, id, at);
}

/* Posts every entry with a sketch on the lists of its prefix, in id order (a new epoch, a
 * drop), as post_prefix one by one would. The slots of a repost are cold (an epoch posts tens
 * of thousands of entries, each on some 25 random slots of a table of megabytes), so each
 * entry's prefix is made QG_ND_AHEAD entries ahead and its table slots fetched then, and the
 * ends of the lists the next entry goes on are fetched while this one is posted (one lookup
 * more a value: on 50 MB of bench copy, 13 drops, the time of the drops fell by about 15%
 * against fetching the slots one entry ahead and no list ends). */
#define QG_ND_AHEAD 3
static int post_all(qg_ndx *x) {
  uint32_t pv[QG_ND_AHEAD + 1][QG_ND_K], np[QG_ND_AHEAD + 1], idq[QG_ND_AHEAD + 1];
  uint32_t at[QG_ND_K]; /* the slots of the next entry's values, found as its lists' ends are
                         * fetched (none for the first entry) */
  bool found = false;
  unsigned head = 0, queued = 0; /* entries made and not yet posted, from pv[head] on */
  for (size_t id = 0; id <= x->ne; id++) {
    if (id < x->ne) {
      const entry *e = &x->e[id];
      if (!e->n) continue;
      unsigned nx = (head + queued) % (QG_ND_AHEAD + 1);
      np[nx] = prefix_of(x->t_milli, e->n, NULL);
      prefix_vals(x, ent_vals(x, e->off), e->n, np[nx], pv[nx]);
      idq[nx] = (uint32_t)id;
      if (x->capt)
        for (uint32_t i = 0; i < np[nx]; i++)
          __builtin_prefetch(&x->t[thash(pv[nx][i]) & (x->capt - 1)]);
      if (++queued <= QG_ND_AHEAD) continue;
    }
    for (; queued; queued--) { /* one entry, or (at the end) all of them */
      int rc = post_vals(x, pv[head], np[head], idq[head], found ? at : NULL);
      found = false;
      if (rc) return rc;
      head = (head + 1) % (QG_ND_AHEAD + 1);
      if (id < x->ne) {
        queued--;
        break;
      }
    }
    if (id < x->ne && x->capt) { /* the ends of the next entry's lists, where it is written */
      const uint32_t *v = pv[head];
      for (uint32_t i = 0; i < np[head]; i++) {
        size_t k = thash(v[i]) & (x->capt - 1);
        while ((x->t[k].f & TS_USED) && x->t[k].token != v[i]) k = (k + 1) & (x->capt - 1);
        if (x->t[k].f & TS_OUT) __builtin_prefetch(x->t[k].u.ids + slot_n(&x->t[k]), 1);
        at[i] = (uint32_t)k;
      }
      found = true;
    }
  }
  return 0;
}

/* A frequency in 8 bits, monotone: exact below 64, then 16 steps a doubling (saturates at
 * 2^16, where df does). */
static uint8_t order_class(uint32_t df) {
  if (df < 64) return (uint8_t)df;
  int lg = 31 - __builtin_clz(df); /* 6..16 */
  uint32_t frac = (df >> (lg - 4)) & 15;
  uint32_t c = 64 + (uint32_t)(lg - 6) * 16 + frac;
  return c > UINT8_MAX ? UINT8_MAX : (uint8_t)c;
}

/* A new epoch (x->order and x->df allocated): the order from the frequencies of every entry's
 * values, and every entry posted again by it. */
static int new_epoch(qg_ndx *x) {
  const size_t slots = (size_t)1 << QG_ND_ORDER_BITS;
  const uint32_t mask = (uint32_t)slots - 1;
  uint16_t *df = x->df;
  memset(df, 0, slots * sizeof *df);
  for (size_t id = 0; id < x->ne; id++) {
    const uint32_t *h = ent_vals(x, x->e[id].off);
    for (uint32_t i = 0; i < x->e[id].n; i++)
      if (df[h[i] & mask] < UINT16_MAX) df[h[i] & mask]++;
  }
  uint8_t *order = x->order;
  size_t i = 0;
#ifdef __SSE2__
  /* eight slots a step where all eight counts are below 64 (most of them: the class is the
   * count), one by one elsewhere */
  const __m128i high = _mm_set1_epi16((short)0xFFC0), zero = _mm_setzero_si128();
  while (i + 8 <= slots) {
    __m128i v = _mm_loadu_si128((const __m128i *)(df + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, high), zero)) == 0xFFFF) {
      _mm_storel_epi64((__m128i *)(order + i), _mm_packus_epi16(v, v));
      i += 8;
      continue;
    }
    size_t end = i + 8;
    for (; i < end; i++) order[i] = order_class(df[i]);
  }
#endif
  for (; i < slots; i++) order[i] = order_class(df[i]);
  x->ordered = true;
  x->order_gen++;
  for (size_t i = 0; i < x->capt; i++) x->t[i].f &= ~TS_N; /* the lists keep their memory */
  x->nposts = 0;
  return post_all(x);
}

int qg_ndx_add(qg_ndx *x, const qg_fp *fp, bool near, uint32_t *id) {
  if (x->ne >= UINT32_MAX - 1) return QG_ERR_NOMEM;
  near = near && fp->chars >= QG_ND_MIN_CHARS && fp->n > 0;
  if (reserve((void **)&x->e, &x->cape, x->ne + 1, sizeof *x->e) ||
      reserve_cand(x, x->ne + 1) ||
      (near && vals_reserve(x, fp->n + fp->nnum + fp->nid)) ||
      (x->nx * 2 >= x->capx && xgrow(x)))
    return QG_ERR_NOMEM;
  near = near && !x->near_off;
  uint32_t me = (uint32_t)x->ne;
  /* what can fail comes first: out of memory, nothing is added */
  bool epoch = near && x->nnear + 1 == x->epoch_at;
  if (epoch) {
    const size_t slots = (size_t)1 << QG_ND_ORDER_BITS;
    if ((!x->df && !(x->df = malloc(slots * sizeof *x->df))) ||
        (!x->order && !(x->order = malloc(slots))))
      return QG_ERR_NOMEM;
  } else if (near) {
    int rc = post_prefix(x, fp->h, fp->n, me); /* takes its postings back on failure */
    if (rc) return rc;
  }
  x->ne++;
  x->esz[me] = near ? (uint8_t)fp->n : 0; /* (room: reserve_cand) */
  entry *e = &x->e[me];
  *e = (entry){.exact = fp->exact, .off = x->vend, .n = near ? fp->n : 0,
               .nnum = near ? (uint16_t)fp->nnum : 0, .nid = near ? (uint16_t)fp->nid : 0,
               .label = near ? fp->label : 0,
               .nsig = near ? num_bits(fp->num, fp->nnum < QG_ND_NUMS ? fp->nnum : QG_ND_NUMS) : 0};
  if (near) {
    uint32_t *v = ent_vals(x, x->vend);
    memcpy(v, fp->h, fp->n * sizeof *fp->h);
    memcpy(v + fp->n, fp->num, fp->nnum * sizeof *fp->num);
    memcpy(v + fp->n + fp->nnum, fp->id, fp->nid * sizeof *fp->id);
    x->nv += fp->n + fp->nnum + fp->nid;
    x->vend += fp->n + fp->nnum + fp->nid;
    if (++x->nnear == x->epoch_at) { /* the new entry is posted with the others */
      x->epoch_at = x->epoch_at < QG_ND_EPOCH1 ? QG_ND_EPOCH1 : x->epoch_at * QG_ND_EPOCH_GROW;
      /* out of memory while posting again (a list that must grow): the lists are incomplete,
       * so near lookups stop for this index (no wrong answer, no answer) until it is cleared;
       * the entry is added all the same */
      if (new_epoch(x)) {
        for (size_t i = 0; i < x->capt; i++) x->t[i].f &= ~TS_N;
        x->nposts = 0;
        x->near_off = true;
      }
    }
  }
  /* exact table: keep the first entry of each text */
  size_t k = fp->exact & (x->capx - 1);
  while (x->x[k].entry && x->x[k].exact != fp->exact) k = (k + 1) & (x->capx - 1);
  if (!x->x[k].entry) {
    x->x[k] = (xslot){.exact = fp->exact, .entry = me + 1};
    x->nx++;
  }
  if (id) *id = me;
  return 0;
}

/* Lists left empty by a new order: their tokens are no value of any prefix now. They are
 * freed and taken out of the table in place (linear probing's backward-shift deletion: each
 * later slot of the run that may move back does, so no lookup meets a hole before its slot), so
 * a window of paragraphs that slides over a long run keeps only the tokens it uses. */
static void sweep_lists(qg_ndx *x) {
  x->tgen++;
  const size_t mask = x->capt - 1;
  for (size_t i = 0; i < x->capt;) {
    tslot *s = &x->t[i];
    if (!(s->f & TS_USED) || slot_n(s)) {
      i++;
      continue;
    }
    if (s->f & TS_OUT) {
      x->nblocks--;
      block_free(x, s->u.ids - 1, (size_t)slot_cap(s) + 1);
    }
    x->nt--;
    size_t hole = i, j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (!(x->t[j].f & TS_USED)) break;
      size_t home = thash(x->t[j].token) & mask;
      /* the slot stays when its home is cyclically in (hole, j] */
      bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (stays) continue;
      x->t[hole] = x->t[j];
      hole = j;
    }
    x->t[hole] = (tslot){0};
    /* slot i may now hold a slot moved back: look at it again (slots moved back from the
     * table's start past its end were seen already and are live) */
  }
}

/* The exact table again from the entries, the first entry of each text kept (no allocation:
 * the same capacity, which is enough for as many entries as it held). */
static void rebuild_exact(qg_ndx *x) {
  if (x->x) memset(x->x, 0, x->capx * sizeof *x->x);
  x->nx = 0;
  for (size_t id = 0; id < x->ne; id++) {
    size_t k = x->e[id].exact & (x->capx - 1);
    while (x->x[k].entry && x->x[k].exact != x->e[id].exact) k = (k + 1) & (x->capx - 1);
    if (!x->x[k].entry) {
      x->x[k] = (xslot){.exact = x->e[id].exact, .entry = (uint32_t)id + 1};
      x->nx++;
    }
  }
}

void qg_ndx_truncate(qg_ndx *x, uint32_t n) {
  if (n >= x->ne) return;
  /* a list's ids ascend: the entries from n on are at its end */
  for (size_t i = 0; i < x->capt; i++) {
    tslot *t = &x->t[i];
    if (!(t->f & TS_USED)) continue;
    const uint32_t *ids = slot_ids(t);
    while (slot_n(t) && ids[slot_n(t) - 1] >= n) t->f--, x->nposts--;
  }
  sweep_lists(x);
  for (size_t id = n; id < x->ne; id++) x->nnear -= x->e[id].n > 0;
  for (size_t id = n; id < x->ne; id++) x->nv -= x->e[id].n + x->e[id].nnum + x->e[id].nid;
  x->vend = x->e[n].off; /* the chunks after its chunk spare */
  x->ne = n;
  rebuild_exact(x);
  if (x->mark) memset(x->mark, 0, x->capcand * sizeof *x->mark);
  x->stamp = 0;
  x->mark_hi = 0;
  x->order_gen++;
}

int qg_ndx_drop_before(qg_ndx *x, uint32_t from) {
  if (!from) return 0;
  if (from >= x->ne) from = (uint32_t)x->ne;
  /* the chunks before the first kept entry's go to the end, spare; the others are numbered
   * from 0 (no value moves) */
  size_t fc = (size_t)((from < x->ne ? x->e[from].off : x->vend) >> QG_ND_CHUNK_BITS);
  if (fc > x->nchunk) fc = x->nchunk; /* (vend at the end of the last chunk) */
  if (fc) {
    uint32_t *spare[64];
    for (size_t done = 0; done < fc;) { /* 64 at a time: a rotation left by fc */
      size_t k = fc - done < 64 ? fc - done : 64;
      memcpy(spare, x->chunk, k * sizeof *spare);
      memmove(x->chunk, x->chunk + k, (x->nchunk - k) * sizeof *x->chunk);
      memcpy(x->chunk + x->nchunk - k, spare, k * sizeof *spare);
      done += k;
    }
  }
  const uint64_t voff = (uint64_t)fc << QG_ND_CHUNK_BITS;
  for (size_t id = 0; id < from; id++) x->nv -= x->e[id].n + x->e[id].nnum + x->e[id].nid;
  x->vend -= voff;
  size_t keep = x->ne - from;
  memmove(x->e, x->e + from, keep * sizeof *x->e);
  memmove(x->esz, x->esz + from, keep * sizeof *x->esz);
  x->ne = keep;
  x->nnear = 0;
  for (size_t id = 0; id < keep; id++) {
    x->e[id].off -= voff;
    x->nnear += x->e[id].n > 0;
  }
  rebuild_exact(x);
  /* marks name ids: forget them all */
  if (x->mark) memset(x->mark, 0, x->capcand * sizeof *x->mark);
  x->stamp = 0;
  x->mark_hi = 0;
  x->order_gen++; /* the ids of the last query's prefix cache are stale too */
  /* the lists, under the order they were posted by: the ids of the dropped entries (at the
   * front of each list, as ids ascend) taken out, the others numbered from 0 (lists left empty
   * are freed); the next epoch at QG_ND_EPOCH_GROW times as many entries */
  if (x->near_off) return 0; /* stays off until cleared */
  x->epoch_at = x->nnear * QG_ND_EPOCH_GROW > QG_ND_EPOCH0 ? x->nnear * QG_ND_EPOCH_GROW : QG_ND_EPOCH0;
  for (size_t i = 0; i < x->capt; i++) {
    tslot *t = &x->t[i];
    if (i + 16 < x->capt && (t[16].f & TS_OUT)) /* the blocks are cold: fetched ahead */
      __builtin_prefetch(t[16].u.ids);
    uint32_t n = slot_n(t), k = 0;
    if (!n) continue;
    uint32_t *ids = slot_ids(t);
    while (k < n && ids[k] < from) k++;
    for (uint32_t j = k; j < n; j++) ids[j - k] = ids[j] - from;
    t->f -= k;
    x->nposts -= k;
  }
  sweep_lists(x);
  return 0;
}

/* (also: 7 when an entry's size byte, esz, is not its size) */
int qg_ndx_check(const qg_ndx *x) {
  const size_t mask = x->capt - 1;
  size_t nt = 0, nposts = 0;
  for (size_t i = 0; i < x->capt; i++) {
    const tslot *t = &x->t[i];
    if (!(t->f & TS_USED)) continue;
    nt++;
    nposts += slot_n(t);
    if (slot_n(t) > slot_cap(t)) return 1;
    for (size_t k = thash(t->token) & mask; k != i; k = (k + 1) & mask)
      if (!(x->t[k].f & TS_USED)) return 2; /* a hole between its home and its slot */
      else if (x->t[k].token == t->token) return 3; /* the token twice */
    const uint32_t *ids = t->f & TS_OUT ? t->u.ids : t->u.in;
    for (uint32_t j = 0; j < slot_n(t); j++)
      if (ids[j] >= x->ne || (j && ids[j] <= ids[j - 1])) return 4; /* ids added, ascending */
  }
  if (nt != x->nt || nposts != x->nposts) return 5;
  for (size_t id = 0; id < x->ne; id++)
    if (x->esz[id] != x->e[id].n) return 7; /* the sizes' bytes as the entries */
  for (size_t i = 0; i < x->capx; i++)
    if (x->x[i].entry && (x->x[i].entry > x->ne || x->e[x->x[i].entry - 1].exact != x->x[i].exact))
      return 6;
  return 0;
}

size_t qg_ndx_used(const qg_ndx *x) {
  return x->ne * (QG_ND_ENTRY_BYTES + sizeof *x->cand + QG_ND_MARK_BYTES) + x->nv * sizeof **x->chunk +
         x->nposts * sizeof **x->chunk + x->nt * 2 * QG_ND_TSLOT_BYTES + x->nx * 2 * sizeof *x->x +
         (x->order ? (size_t)1 << QG_ND_ORDER_BITS : 0) +
         (x->df ? sizeof *x->df << QG_ND_ORDER_BITS : 0);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* The count of a lookup (walk): each posting of lists lid[0..nl) (of llen ids) counted in its
 * entry's mark by next (a mark's next value, NEXT_HIT set when it is the count that makes a
 * candidate); the candidates to cand, in the order they reach it. Returns how many. A function
 * of its own (session 48): in walk the four-a-step loop left too few registers, and the walk's
 * own values were saved and loaded again around it for each list. */
#define NEXT_HIT 0x100u
static __attribute__((noinline)) size_t count_lists(uint8_t *mark, const uint16_t *next,
                                                    const uint32_t *const *lid,
                                                    const uint32_t *llen, uint32_t nl,
                                                    uint32_t hit, uint32_t *cand) {
  size_t ncand = 0;
  for (uint32_t p = 0; p < nl; p++) {
    const uint32_t *q = lid[p];
    const uint32_t *const end = q + llen[p];
    for (const uint32_t *const e1 = q + (llen[p] & 3u); q != e1; q++) { /* one by one: the rest
                                                                         * after fours */
      uint8_t *const b = mark + *q;
      const uint32_t m = next[*b];
      *b = (uint8_t)m;
      if (m & NEXT_HIT) cand[ncand++] = *q;
    }
    for (; q != end; q += 4) { /* four a step: each mark read and written in turn (the four
                                * are four entries), the four flags tested together */
      uint8_t *const b0 = mark + q[0];
      const uint32_t m0 = next[*b0];
      *b0 = (uint8_t)m0;
      uint8_t *const b1 = mark + q[1];
      const uint32_t m1 = next[*b1];
      *b1 = (uint8_t)m1;
      uint8_t *const b2 = mark + q[2];
      const uint32_t m2 = next[*b2];
      *b2 = (uint8_t)m2;
      uint8_t *const b3 = mark + q[3];
      const uint32_t m3 = next[*b3];
      *b3 = (uint8_t)m3;
      if (__builtin_expect(((m0 | m1 | m2 | m3) & NEXT_HIT) != 0, 0)) {
        /* (rare: the ids and their marks read again, a mark made a candidate being hit) */
        for (unsigned i = 0; i < 4; i++)
          if (mark[q[i]] == hit) cand[ncand++] = q[i];
      }
    }
  }
  return ncand;
}

/* Finds the entries similar to the query (the proof above): counts, for each entry on the lists
 * of the query's prefix, how many of them it is on (on its longest lists only for the entries
 * counted often enough on the others), and verifies only the entries counted h times or more,
 * and only when their sizes allow the threshold (the similarity is at most
 * min(na, nb) / max(na, nb)). With first set, it verifies in id order and stops at the first
 * match: first receives the id (UINT32_MAX: none) and cm the pair's common and size. Otherwise
 * fn gets every match. */
static int walk(qg_ndx *x, const qg_fp *fp, qg_ndx_fn fn, void *ud, uint32_t *first,
                uint32_t cm[2]) {
  if (first) *first = UINT32_MAX;
  x->window = 0;
  if (fp->chars < QG_ND_MIN_CHARS || !fp->n || !x->capt || x->near_off) return 0;
  if (++x->stamp > QG_ND_STAMPS) { /* wrapped: forget every mark (every 42 queries) */
    /* (session 44: those a query counted since the last clearing, below mark_hi, not the
     * array's whole capacity, which grows by half again: on c10 the clearings were 23.4 M of
     * callgrind's instructions, which counts glibc's rep stosb a byte an instruction) */
    memset(x->mark, 0, x->mark_hi * sizeof *x->mark);
    x->mark_hi = 0;
    x->stamp = 1;
  }
  if (x->mark_hi < x->ne) x->mark_hi = x->ne; /* this query counts entries below ne only */
  uint32_t n = fp->n, need;
  uint32_t np = prefix_of(x->t_milli, n, &need);
  uint32_t *pv = x->pv; /* kept for an add of the same sketch */
  prefix_vals(x, fp->h, n, np, pv);
  memcpy(x->pv_h, fp->h, n * sizeof *fp->h);
  x->pv_n = n, x->pv_p = np, x->pv_gen = x->order_gen;
  x->pv_tgen = x->tgen; /* pv_slot is filled below */
  /* the query's non-empty lists: their ids and lengths (read once from the slots) */
  const uint32_t *lid[QG_ND_K];
  uint32_t llen[QG_ND_K];
  uint32_t nl = 0;
  size_t all = 0; /* their postings */
  uint8_t longer[QG_ND_K]; /* the lists of more than QG_ND_SKIP_LEN ids, by place in lid (few:
                            * the choice of those left out of the count looks at them only) */
  uint32_t nlonger = 0;
  _Static_assert(QG_ND_K <= 256, "a place in lid fits a byte");
  uint32_t slot[QG_ND_K];
  for (uint32_t p = 0; p < np; p++) { /* the table's slots fetched together: misses overlap */
    slot[p] = thash(pv[p]) & (uint32_t)(x->capt - 1);
    __builtin_prefetch(&x->t[slot[p]]);
  }
  for (uint32_t p = 0; p < np; p++) {
    size_t k = slot[p];
    const uint32_t tok = pv[p];
    while ((x->t[k].f & TS_USED) && x->t[k].token != tok) k = (k + 1) & (x->capt - 1);
    x->pv_slot[p] = (uint32_t)k;
    tslot *t = &x->t[k];
    uint32_t len = slot_n(t); /* 0 for an empty slot */
    if (len) {
      if (t->f & TS_OUT) { /* its first 16 ids: one line, or two */
        __builtin_prefetch(t->u.ids);
        __builtin_prefetch(t->u.ids + (len < 16 ? len : 16) - 1);
      }
      if (len > QG_ND_SKIP_LEN) longer[nlonger++] = (uint8_t)nl;
      lid[nl] = slot_ids(t);
      llen[nl++] = len;
      all += len;
    }
  }
  /* the bound: when the lists hold more than walk_max postings, every list is cut at the same
   * id, lo, the least for which the postings of ids >= lo number no more than walk_max (binary
   * search on lo, each list's own search kept within the positions of the ids that bracket it:
   * ids ascend); no list is left out then (most entries of the window would have their count
   * completed by binary search) */
  uint32_t lo = 0;
  bool bounded = false;
  {
    if (all > x->walk_max) {
      bounded = true;
      uint32_t pa[QG_ND_K], pb[QG_ND_K], pm[QG_ND_K]; /* first ids >= a, >= b, >= mid */
      uint32_t a = 0, b = (uint32_t)x->ne;
      for (uint32_t p = 0; p < nl; p++) pa[p] = 0, pb[p] = llen[p];
      while (a < b) {
        uint32_t mid = a + (b - a) / 2;
        size_t sum = 0;
        for (uint32_t p = 0; p < nl; p++) {
          const uint32_t *ids = lid[p];
          uint32_t i = pa[p], j = pb[p];
          while (i < j) {
            uint32_t h = i + (j - i) / 2;
            if (ids[h] < mid) i = h + 1;
            else j = h;
          }
          pm[p] = i;
          sum += llen[p] - i;
        }
        if (sum <= x->walk_max) b = mid, memcpy(pb, pm, nl * sizeof *pm);
        else a = mid + 1, memcpy(pa, pm, nl * sizeof *pm);
      }
      lo = a;
      for (uint32_t p = 0; p < nl; p++) lid[p] += pb[p], llen[p] -= pb[p];
    }
  }
  x->ncand = 0;
  /* the longest lists are left out of the count (up to need - QG_ND_REST of them, each longer
   * than QG_ND_SKIP_LEN): an entry on need of the query's lists is on at least need - skip of
   * the others, so the entries counted that often there have their count completed on the
   * lists left out by binary search (a list's ids ascend), and the candidates are those on
   * need lists in all, as when every list is counted */
  uint32_t skip = 0;
  const uint32_t *skid[QG_ND_EXTRA + 1];
  uint32_t sklen[QG_ND_EXTRA + 1];
  if (need > QG_ND_REST && !bounded) {
    const uint32_t most = need - QG_ND_REST;
    uint32_t at[QG_ND_EXTRA + 1]; /* where in lid, by length ascending */
    for (uint32_t q = 0; q < nlonger; q++) { /* (lid and llen as the probes left them) */
      uint32_t p = longer[q], len = llen[p], i;
      if (skip < most) { /* room: in at its place from the end */
        for (i = skip++; i > 0 && llen[at[i - 1]] > len; i--) at[i] = at[i - 1];
      } else if (len > llen[at[0]]) { /* instead of the shortest: at its place from the start */
        for (i = 0; i + 1 < skip && llen[at[i + 1]] < len; i++) at[i] = at[i + 1];
      } else {
        continue;
      }
      at[i] = p;
    }
    for (uint32_t i = 0; i < skip; i++) skid[i] = lid[at[i]], sklen[i] = llen[at[i]];
    /* out of lid: each swapped with the last, the one furthest on first (what comes from the
     * end then is no list left out, or the list itself) */
    for (uint32_t d = 0; d < skip; d++) {
      uint32_t far = 0;
      for (uint32_t i = 1; i < skip - d; i++)
        if (at[i] > at[far]) far = i;
      uint32_t p = at[far];
      at[far] = at[skip - d - 1];
      --nl;
      lid[p] = lid[nl], llen[p] = llen[nl];
    }
  }
  /* this query's marks are now + its count, the count saturating at QG_ND_MARK_SAT: above
   * need - skip (an entry reaches hit once) and at least need (the completion below tells a
   * count of need or more from one below). A mark's next value by table (its 256 bytes stay in
   * the first-level cache; session 43: a comparison and a move for the stamp, two more for
   * the saturation, were 5 instructions of 15 a posting): a mark of an earlier query (not in
   * now + 1 .. now + QG_ND_MARK_SAT) becomes now + 1, one of this query now + its count + 1.
   * Since session 48 an entry of the table is 16 bits, the next mark and above it NEXT_HIT when
   * that is hit, and a list's postings are counted four a step (count_lists: the ids of one
   * list ascend, so the four are four entries), with one test of the four flags ORed for a
   * candidate among them (the rare branch then takes them in list order: the candidates come
   * in the order they did). 7 instructions a posting where they were 10 (c10: 17.2 M postings
   * counted, 172 M of the stage's 877 M instructions; the walk and the count 275.2 M -> 242.7 M
   * there) */
  const uint32_t now = (x->stamp - 1) * QG_ND_MARK_SAT, hit = now + (need - skip);
  _Alignas(64) uint16_t next[256];
  {
    const uint16_t first = (uint16_t)((now + 1) | (now + 1 == hit ? NEXT_HIT : 0));
#ifdef __SSE2__
    const __m128i f = _mm_set1_epi16((short)first);
    for (uint32_t v = 0; v < 256; v += 32) { /* (four stores a step) */
      _mm_store_si128((__m128i *)(next + v), f);
      _mm_store_si128((__m128i *)(next + v + 8), f);
      _mm_store_si128((__m128i *)(next + v + 16), f);
      _mm_store_si128((__m128i *)(next + v + 24), f);
    }
#else
    for (uint32_t v = 0; v < 256; v++) next[v] = first;
#endif
  }
  for (uint32_t c = 1; c <= QG_ND_MARK_SAT; c++) {
    const uint32_t m = now + (c < QG_ND_MARK_SAT ? c + 1 : c);
    next[now + c] = (uint16_t)(m | (m == hit ? NEXT_HIT : 0));
  }
  uint8_t *mark = x->mark;
  const uint8_t *const esz = x->esz;
  uint32_t *cand = x->cand;
  size_t ncand = count_lists(mark, next, lid, llen, nl, hit, cand);
  if (skip) { /* the counts completed on the lists left out, the longest last */
    /* (session 50: only for the candidates whose sizes allow the threshold, the verification's
     * first test, here before the binary searches instead of after them, where an entry it
     * rules out had cost a search of one or two lists: the candidates verified are the same;
     * qg_ndx_first on 10 MB of bench copy 318.0 M -> 313.2 M instructions) */
    size_t k = 0;
    for (size_t c = 0; c < ncand; c++) {
      uint32_t id = cand[c], got = mark[id] - now, en = esz[id];
      if ((uint64_t)(en < n ? en : n) * 1000 < (uint64_t)x->t_milli * (en < n ? n : en))
        continue;
      for (uint32_t i = 0; i < skip && got < need && got + skip - i >= need; i++) {
        const uint32_t *ids = skid[i];
        uint32_t lo = 0, len = sklen[i]; /* the first id >= id is ids[lo] */
        while (len > 1) {
          uint32_t half = len / 2;
          lo = ids[lo + half - 1] < id ? lo + half : lo;
          len -= half;
        }
        got += ids[lo] == id;
      }
      cand[k] = id;
      k += got >= need;
    }
    ncand = k;
  }
  if (ncand > x->verify_max) { /* the bound: the latest candidates that may pass, lo moved up */
    size_t k = 0;
    for (size_t c = 0; c < ncand; c++) { /* the size filter of the verification, first */
      uint32_t id = cand[c], en = esz[id];
      uint32_t small = en < n ? en : n, big = en < n ? n : en;
      cand[k] = id;
      k += (uint64_t)small * 1000 >= (uint64_t)x->t_milli * big;
    }
    ncand = k;
    if (ncand > x->verify_max) {
      size_t out = ncand - x->verify_max; /* the earliest, left out */
      select_smallest32(cand, ncand, out);
      memmove(cand, cand + out, x->verify_max * sizeof *cand);
      ncand = x->verify_max;
      uint32_t least = cand[0];
      for (size_t c = 1; c < ncand; c++) least = cand[c] < least ? cand[c] : least;
      lo = least > lo ? least : lo;
    }
  }
  if (lo) x->window = (uint32_t)x->ne - lo;
  x->ncand = ncand;
  /* ids were counted list by list: sort them to verify the earliest first (a bounded lookup
   * verifies them all, in any order, and keeps the earliest match: most have none) */
  uint32_t best = UINT32_MAX;
  if (first && x->ncand > 1 && !lo) {
    if (x->ncand <= 32) { /* most lookups have a few (insertion sort: qsort's calls of the
                           * comparison cost about 1,100 instructions a lookup) */
      uint32_t *c = x->cand;
      for (size_t i = 1; i < x->ncand; i++) {
        uint32_t v = c[i];
        size_t j = i;
        for (; j > 0 && c[j - 1] > v; j--) c[j] = c[j - 1];
        c[j] = v;
      }
    } else {
      qsort(x->cand, x->ncand, sizeof *x->cand, cmp_u32);
    }
  }
  const uint32_t qnum = fp->nnum < QG_ND_NUMS ? fp->nnum : QG_ND_NUMS;
  const uint64_t qsig = num_bits(fp->num, qnum);
  for (size_t k = 0; k < x->ncand; k++) {
    uint32_t id = x->cand[k], en = esz[id];
    uint32_t lo = en < n ? en : n, hi = en < n ? n : en;
    if ((uint64_t)lo * 1000 < (uint64_t)x->t_milli * hi) continue;
    const entry *e = &x->e[id]; /* (read only for the candidates its size allows) */
    uint32_t common, size;
    const uint32_t *ev = ent_vals(x, e->off);
    /* the figures first: a conjunction, so the same result, and on listings (paragraphs that
     * differ only in their figures) most candidates fail there, at a few dozen steps instead
     * of the sketches' merge (probe 18 Q5) */
    if (!qg_fp_labels_agree(fp->label, e->label) ||
        !num_maybe(qnum, qsig, e->nnum, e->nsig, x->t_milli) ||
        !qg_fp_numbers_agree(fp->num, fp->nnum, ev + e->n, e->nnum, x->t_milli) ||
        !qg_fp_near(fp->h, n, ev, e->n, x->t_milli, &common, &size) ||
        !qg_fp_idents_agree(fp->id, fp->nid, ev + e->n + e->nnum, e->nid))
      continue;
    if (first && lo) {
      if (id < best) best = id, cm[0] = common, cm[1] = size;
      continue;
    }
    if (first) {
      *first = id;
      cm[0] = common, cm[1] = size;
      return 0;
    }
    int rc = fn(ud, id, common, size);
    if (rc) return rc;
  }
  if (first) *first = best;
  return 0;
}

int qg_ndx_query(qg_ndx *x, const qg_fp *fp, qg_ndx_fn fn, void *ud) {
  return walk(x, fp, fn, ud, NULL, NULL);
}

uint32_t qg_ndx_first(qg_ndx *x, const qg_fp *fp, uint32_t *common, uint32_t *size) {
  uint32_t id, cm[2];
  walk(x, fp, NULL, NULL, &id, cm);
  if (id != UINT32_MAX) *common = cm[0], *size = cm[1];
  return id;
}

uint32_t qg_ndx_window(const qg_ndx *x) { return x->window; }

void qg_ndx_set_bound(qg_ndx *x, uint32_t walk_max, uint32_t verify_max) {
  x->walk_max = walk_max > QG_ND_K ? walk_max : QG_ND_K; /* a window of one entry at least */
  x->verify_max = verify_max ? verify_max : 1;
}

const uint32_t *qg_ndx_sketch(const qg_ndx *x, uint32_t id, uint32_t *n) {
  *n = x->e[id].n;
  return *n ? ent_vals(x, x->e[id].off) : NULL;
}

/* Session 49 (s49-contain, probe 48 M2). Below tau, the smaller of the two sketches' largest
 * values (a sketch of fewer than K values holds every n-gram of its text: no bound from it),
 * each sketch holds every n-gram of its text, so the values of a under tau that b holds too
 * are exactly the n-grams under tau the two texts share: the containment of a's n-grams in b's
 * is estimated by that count over a's values under tau, and b's in a's by it over b's. A text
 * wholly inside the other is estimated at 1 whatever the sizes (each of its values under tau is
 * in the other's sketch); the estimate's spread grows as the count under tau falls, which the
 * caller bounds (QG_ND_CONTAIN_VALUES). */
int qg_fp_contained(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                    unsigned t_milli, bool a_may, bool b_may, uint32_t *common, uint32_t *size) {
  if (!na || !nb || (!a_may && !b_may) || t_milli > 1000) return 0;
  uint32_t tau = UINT32_MAX;
  if (na >= QG_ND_K) tau = a[na - 1];
  if (nb >= QG_ND_K && b[nb - 1] < tau) tau = b[nb - 1];
  /* values of a (ua) and of b (ub) under tau the other lacks: a side's containment fails once
   * 1000 ua > (1000 - t) na (its count under tau is na at most), and the pair once both sides
   * fail (most pairs the near lookup reads share few values: out in a few steps) */
  const uint64_t most_a = a_may ? (uint64_t)(1000 - t_milli) * na : 0;
  const uint64_t most_b = b_may ? (uint64_t)(1000 - t_milli) * nb : 0;
  uint32_t i = 0, j = 0, c = 0, ua = 0, ub = 0;
  while (i < na && j < nb && a[i] <= tau && b[j] <= tau) {
    uint32_t x = a[i], y = b[j];
    i += x <= y;
    j += y <= x;
    c += x == y;
    ua += x < y;
    ub += y < x;
    if ((!a_may || 1000ull * ua > most_a) && (!b_may || 1000ull * ub > most_b)) return 0;
  }
  while (i < na && a[i] <= tau) i++;
  while (j < nb && b[j] <= tau) j++;
  /* i, j: the values of each under tau */
  if (a_may && i >= QG_ND_CONTAIN_VALUES && (uint64_t)c * 1000 >= (uint64_t)t_milli * i) {
    *common = c, *size = i;
    return 1;
  }
  if (b_may && j >= QG_ND_CONTAIN_VALUES && (uint64_t)c * 1000 >= (uint64_t)t_milli * j) {
    *common = c, *size = j;
    return 2;
  }
  return 0;
}
