/* hanseg.h: ICU's segmentation of a run of common Han characters, computed outside its break
 * iterator on the same dictionary (hanseg.c; docs/segment.md, "Han runs outside ICU's
 * engine"). */
#ifndef QG_HANSEG_H
#define QG_HANSEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The work arrays of one segmenter (one thread), reused from call to call. Zero it to start. */
typedef struct qg_hanseg {
  uint16_t *unit;   /* the run in UTF-16 */
  uint32_t *cost;   /* cost[i]: the cheapest segmentation of the first i characters */
  uint32_t *prev;   /* prev[i]: where its last word starts */
  uint32_t *ends;   /* the words' ends, in characters, in order */
  size_t cap;       /* characters the arrays hold */
} qg_hanseg;

void qg_hanseg_free(qg_hanseg *h);

/* Is t[0, n) made only of Han ideographs of the BMP that NFKC leaves alone: U+4E00..U+9FFF,
 * U+3400..U+4DBF (extension A) and U+3007 〇, well formed (n a multiple of 3, n > 0)? For
 * such text ICU's word break iterator gives exactly the words of qg_hanseg_words, each with a
 * rule status in ICU's ideographic range (tests/unit/test_hanseg.c checks it against ICU). */
static inline bool qg_hanseg_fits(const char *t, size_t n) {
  const unsigned char *u = (const unsigned char *)t;
  if (n == 0 || n % 3) return false;
  for (size_t i = 0; i < n; i += 3) {
    unsigned a = u[i], b = u[i + 1], c = u[i + 2];
    if ((b & 0xC0) != 0x80 || (c & 0xC0) != 0x80) return false;
    if (a - 0xE5u <= 4u) continue; /* U+5000..U+9FFF */
    unsigned cp = ((a & 0x0Fu) << 12) | ((b & 0x3Fu) << 6) | (c & 0x3Fu);
    bool han = (cp >= 0x3400 && cp <= 0x4DBF) || cp >= 0x4E00 || cp == 0x3007;
    if (!((a == 0xE4 || a == 0xE3) && han)) return false;
  }
  return true;
}

/* Is the dictionary usable (ICU's own, opened once per process and checked: its header, and
 * an ICU of a version whose engine this file follows)? False: callers use ICU's iterator. */
bool qg_hanseg_ready(void);

/* The words of t[0, n) (qg_hanseg_fits holds; qg_hanseg_ready is true): their number k >= 1,
 * h->ends[0..k) their ends in characters (the last is n / 3); -1 when memory runs out or the
 * dictionary is found damaged (then use ICU's iterator). */
long qg_hanseg_words(qg_hanseg *h, const char *t, size_t n);

/* For the tests: the dictionary's value for the UTF-16 string s[0, len) (-1: not a word), and
 * the opening without the check of ICU's version. */
int32_t qg_hanseg_lookup(const uint16_t *s, size_t len);
/* For the tests: the units that continue the string s[0, len) in the dictionary, into
 * out[0, cap); their number (0: none, or s is no prefix of a word). */
size_t qg_hanseg_next_units(const uint16_t *s, size_t len, uint16_t *out, size_t cap);
bool qg_hanseg_ready_any_version(void);

#endif
