/* hanseg.c: ICU's words of a run of Han characters, without ICU's break engine
 * (docs/segment.md, "Han runs outside ICU's engine").
 *
 * For text made only of U+4E00..U+9FFF, U+3400..U+4DBF and U+3007 (qg_hanseg_fits: Han
 * ideographs of the BMP, each one UTF-16 unit, that NFKC leaves as they are, so ICU's engine
 * neither normalizes nor maps code points to units), ICU's word break iterator (root rules,
 * locale zh) chains the whole run into one rule-based segment of dictionary characters (status
 * ideographic) and hands it to its CJK dictionary engine, which divides it by dynamic
 * programming over the dictionary "cjdict". Building that engine costs a process 7.6 million
 * instructions (UnicodeSets made from property patterns), more than a whole `lint` of a 4 KB
 * article without it. This file reads the same dictionary, through ICU's public data API,
 * and divides the run the same way:
 *
 *   cost[0] = 0; for each character i in order (reached: every one is), the dictionary's
 *   words that start at i (at most 20 characters, inside the run), each with its value, and
 *   when none of them is the character alone, that character as a word of value 255; each
 *   sets cost[i + len] and prev[i + len] = i when cost[i] + value is strictly less than
 *   cost[i + len] (so of equal costs the first found stays); the words are then read back
 *   from the end through prev[].
 *
 * Every word gets ICU's ideographic status. tests/unit/test_hanseg.c compares the result
 * with ICU's iterator on thousands of runs. The dictionary is a UCharsTrie (ICU's serialized
 * string trie of UTF-16 units); the reader below follows its documented node format. */
#include "hanseg.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/uversion.h>

/* ---- the dictionary ------------------------------------------------------------------------ */

static const uint16_t *trie_start, *trie_end; /* the trie's units */
static UDataMemory *dict_mem; /* the dictionary, open for the process (and reachable: LeakSanitizer) */
static bool dict_ok, version_ok;
static pthread_once_t dict_once = PTHREAD_ONCE_INIT;

/* The name ICU's engine gives its Han dictionary (the brkitr tree's root table
 * "dictionaries", key "Hani": "cjdict.dict"), split into name and type. */
static bool dict_name(char *name, size_t cap, char *type, size_t tcap) {
  UErrorCode err = U_ZERO_ERROR;
  UResourceBundle *root = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "", &err);
  UResourceBundle *dicts = ures_getByKey(root, "dictionaries", NULL, &err);
  int32_t len = 0;
  const UChar *s = ures_getStringByKey(dicts, "Hani", &len, &err);
  bool ok = U_SUCCESS(err) && s && len > 0 && (size_t)len < cap;
  size_t dot = 0;
  for (int32_t i = 0; ok && i < len; i++) { /* ASCII letters, digits, _ and one dot */
    UChar c = s[i];
    if (c == '.') {
      ok = dot == 0 && i > 0;
      dot = (size_t)i;
    } else {
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    name[i] = (char)c;
  }
  ok = ok && dot && (size_t)len - dot - 1 < tcap && (size_t)len - dot > 1;
  if (ok) {
    memcpy(type, name + dot + 1, (size_t)len - dot - 1);
    type[(size_t)len - dot - 1] = '\0';
    name[dot] = '\0';
  }
  ures_close(dicts);
  ures_close(root);
  return ok;
}

static void dict_open(void) {
  char name[64], type[16];
  if (!dict_name(name, sizeof name, type, sizeof type) || strcmp(type, "dict")) return;
  UErrorCode err = U_ZERO_ERROR;
  UDataMemory *m = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", type, name, &err);
  if (U_FAILURE(err) || !m) return;
  UDataInfo info = {.size = sizeof info};
  udata_getInfo(m, &info);
  const int32_t *ix = udata_getMemory(m);
  /* the header: format "Dict" 1, this machine's byte order, 16-bit units; then eight int32:
   * [0] the trie's offset, [1] and [2] the ends of the trie and of a reserved part, [3] the
   * total size, [4] the trie type (1: a UCharsTrie; 8: with values), [5] the transform
   * (0: none; ICU applies it only to byte tries), [6] and [7] reserved, 0 */
  bool ok = info.size >= 20 && info.isBigEndian == U_IS_BIG_ENDIAN && info.sizeofUChar == 2 &&
            !memcmp(info.dataFormat, "Dict", 4) && info.formatVersion[0] == 1 && ix;
  ok = ok && ix[0] >= 32 && ix[0] % 2 == 0 && ix[0] < ix[1] && ix[1] <= ix[2] && ix[2] <= ix[3] &&
       ix[4] == 9 && ix[5] == 0 && ix[6] == 0 && ix[7] == 0;
  if (!ok) {
    udata_close(m);
    return;
  }
  /* kept open for the life of the process, as ICU keeps its engines' dictionaries */
  dict_mem = m;
  trie_start = (const uint16_t *)((const char *)ix + ix[0]);
  trie_end = (const uint16_t *)((const char *)ix + ix[1]);
  dict_ok = true;
  UVersionInfo v;
  u_getVersion(v);
  version_ok = v[0] == 72; /* the engine followed and checked (ICU 72.1) */
}

bool qg_hanseg_ready(void) {
  pthread_once(&dict_once, dict_open);
  return dict_ok && version_ok;
}

bool qg_hanseg_ready_any_version(void) {
  pthread_once(&dict_once, dict_open);
  return dict_ok;
}

/* ---- the trie reader ------------------------------------------------------------------------
 * A node starts with a lead unit. Below 0x30: a branch on the next input unit (the lead is its
 * number of edges minus one; 0: the count follows in the next unit). 0x30..0x3F: a linear
 * match of lead - 0x2F units, which follow it. From 0x40: the node holds a value for the
 * string so far: with bit 15 set, a final value (nothing continues the string); without it,
 * the value sits in bits 14..6 (with more units after the lead when large) and bits 5..0 are
 * a branch or linear-match lead as above. A branch of more than five edges is a binary
 * search: a unit to compare and a jump for the lower half, the upper half right after; of
 * five or fewer, a list of (unit, value) pairs, the value final or a jump to the next node,
 * and one last unit whose next node follows it directly. */

enum { T_NONE, T_PREFIX, T_FINAL, T_VALUE }; /* no match; no value; a value, final or not */

typedef struct cursor {
  const uint16_t *p; /* the next unit to read (NULL: no match) */
  int rest;          /* units of a linear match still to match, minus one (< 0: none) */
  bool bad;          /* a jump went out of the trie */
} cursor;

static inline int at_node(const uint16_t *p) { /* the result of reaching the node at p */
  unsigned lead = *p;
  return lead < 0x40 ? T_PREFIX : (lead & 0x8000) ? T_FINAL : T_VALUE;
}

static inline const uint16_t *skip_value(const uint16_t *p) { /* a final-format value */
  unsigned lead = *p++ & 0x7FFF;
  return lead < 0x4000 ? p : lead < 0x7FFF ? p + 1 : p + 2;
}

static inline int32_t read_value(const uint16_t *p, unsigned lead) { /* bit 15 off */
  if (lead < 0x4000) return (int32_t)lead;
  if (lead < 0x7FFF) return (int32_t)(((uint32_t)(lead - 0x4000) << 16) | p[0]);
  return (int32_t)(((uint32_t)p[0] << 16) | p[1]);
}

static inline int32_t read_node_value(const uint16_t *p, unsigned lead) {
  if (lead < 0x4040) return (int32_t)(lead >> 6) - 1;
  if (lead < 0x7FC0) return (int32_t)((((uint32_t)(lead & 0x7FC0) - 0x4040) << 10) | p[0]);
  return (int32_t)(((uint32_t)p[0] << 16) | p[1]);
}

/* The value of the node the cursor is on (its last result T_FINAL or T_VALUE). */
static inline int32_t cursor_value(const cursor *c) {
  unsigned lead = c->p[0];
  return lead & 0x8000 ? read_value(c->p + 1, lead & 0x7FFF) : read_node_value(c->p + 1, lead);
}

static inline const uint16_t *jump(cursor *c, const uint16_t *p) { /* a delta, then p += it */
  uint32_t d = *p++;
  if (d >= 0xFC00) {
    if (d == 0xFFFF) {
      d = ((uint32_t)p[0] << 16) | p[1];
      p += 2;
    } else {
      d = ((d - 0xFC00) << 16) | *p++;
    }
  }
  if (d >= (size_t)(trie_end - p)) {
    c->bad = true;
    return NULL;
  }
  return p + d;
}

static inline const uint16_t *skip_delta(const uint16_t *p) {
  unsigned d = *p++;
  return d < 0xFC00 ? p : d == 0xFFFF ? p + 2 : p + 1;
}

static int no_match(cursor *c) {
  c->p = NULL;
  return T_NONE;
}

/* A branch node's edges (p after its lead, n its lead) for the unit u. */
static int branch(cursor *c, const uint16_t *p, unsigned n, unsigned u) {
  if (n == 0) n = *p++;
  n++;
  while (n > 5) { /* binary search */
    if (u < *p++) {
      n >>= 1;
      if (!(p = jump(c, p))) return no_match(c);
    } else {
      n -= n >> 1;
      p = skip_delta(p);
    }
  }
  for (; n > 1; n--) {
    if (u == *p++) {
      unsigned v = *p;
      if (v & 0x8000) { /* a final value: the cursor stays on it */
        c->p = p;
        return T_FINAL;
      }
      p++; /* a jump to the next node, in the value format */
      uint32_t d = (uint32_t)read_value(p, v);
      p += v < 0x4000 ? 0 : v < 0x7FFF ? 1 : 2;
      if (d >= (size_t)(trie_end - p)) {
        c->bad = true;
        return no_match(c);
      }
      c->p = p + d;
      return at_node(c->p);
    }
    p = skip_value(p);
  }
  if (u != *p++) return no_match(c);
  c->p = p;
  return at_node(p);
}

/* Moves the cursor over the unit u. */
static int step(cursor *c, unsigned u) {
  const uint16_t *p = c->p;
  if (!p) return T_NONE;
  if (c->rest >= 0) { /* inside a linear match */
    if (*p++ != u) return no_match(c);
    c->rest--;
    c->p = p;
    return c->rest < 0 ? at_node(p) : T_PREFIX;
  }
  unsigned lead = *p++;
  for (;;) {
    if (lead < 0x30) return branch(c, p, lead, u);
    if (lead < 0x40) {
      if (*p++ != u) return no_match(c);
      c->rest = (int)(lead - 0x30) - 1;
      c->p = p;
      return c->rest < 0 ? at_node(p) : T_PREFIX;
    }
    if (lead & 0x8000) return no_match(c); /* a final value: nothing continues */
    p += lead < 0x4040 ? 0 : lead < 0x7FC0 ? 1 : 2; /* the value in the lead */
    lead &= 0x3F;
  }
}

int32_t qg_hanseg_lookup(const uint16_t *s, size_t len) {
  if (!qg_hanseg_ready_any_version() || len == 0) return -1;
  cursor c = {.p = trie_start, .rest = -1};
  int r = T_NONE;
  for (size_t i = 0; i < len; i++)
    if ((r = step(&c, s[i])) == T_NONE) return -1;
  return r >= T_FINAL ? cursor_value(&c) : -1;
}

/* The units of a branch's edges (p after its lead, n edges) into out[0, cap); their number. */
static size_t branch_units(const uint16_t *p, size_t n, uint16_t *out, size_t cap, size_t k) {
  cursor c = {0};
  while (n > 5) { /* the lower half behind a jump, the upper half after it */
    p++;
    const uint16_t *lower = jump(&c, p);
    if (!lower) return k;
    k = branch_units(lower, n >> 1, out, cap, k);
    n -= n >> 1;
    p = skip_delta(p);
  }
  for (; n > 1; n--) {
    if (k < cap) out[k] = *p;
    k++, p++;
    p = skip_value(p);
  }
  if (k < cap) out[k] = *p;
  return k + 1;
}

size_t qg_hanseg_next_units(const uint16_t *s, size_t len, uint16_t *out, size_t cap) {
  if (!qg_hanseg_ready_any_version()) return 0;
  cursor c = {.p = trie_start, .rest = -1};
  for (size_t i = 0; i < len; i++)
    if (step(&c, s[i]) == T_NONE) return 0;
  const uint16_t *p = c.p;
  if (c.rest >= 0) { /* inside a linear match: its next unit */
    if (cap) out[0] = *p;
    return 1;
  }
  unsigned lead = *p++;
  if (lead >= 0x40) {
    if (lead & 0x8000) return 0;
    p += lead < 0x4040 ? 0 : lead < 0x7FC0 ? 1 : 2;
    lead &= 0x3F;
  }
  if (lead >= 0x30) {
    if (cap) out[0] = *p;
    return 1;
  }
  size_t n = lead ? lead : *p++;
  return branch_units(p, n + 1, out, cap, 0);
}

/* ---- the segmentation ------------------------------------------------------------------------ */

#define QG_HAN_MAX_WORD 20 /* ICU's longest dictionary match, in characters */
#define QG_HAN_NO_WORD 255 /* the value of a character that is no word alone */

void qg_hanseg_free(qg_hanseg *h) {
  free(h->unit);
  free(h->cost);
  free(h->prev);
  free(h->ends);
  memset(h, 0, sizeof *h);
}

/* Arrays for more characters than this are not kept from one piece to the next (a piece
 * that long is a paragraph without a mark or term in it): at most 56 KiB stay. */
#define QG_HAN_KEEP 4096

static bool reserve(qg_hanseg *h, size_t n) {
  if (h->cap > QG_HAN_KEEP && n <= QG_HAN_KEEP) qg_hanseg_free(h);
  if (n <= h->cap) return true;
  if (n > UINT32_MAX - 1) return false;
  size_t cap = h->cap ? h->cap : 64;
  while (cap < n) cap *= 2;
  uint16_t *u = realloc(h->unit, cap * sizeof *u);
  if (u) h->unit = u;
  uint32_t *c = realloc(h->cost, (cap + 1) * sizeof *c);
  if (c) h->cost = c;
  uint32_t *p = realloc(h->prev, (cap + 1) * sizeof *p);
  if (p) h->prev = p;
  uint32_t *e = realloc(h->ends, cap * sizeof *e);
  if (e) h->ends = e;
  if (!u || !c || !p || !e) return false;
  h->cap = cap;
  return true;
}

static inline void relax(qg_hanseg *h, size_t i, size_t j, int32_t value) {
  uint32_t c = h->cost[i] + (uint32_t)value; /* ICU adds them as unsigned 32-bit numbers */
  if (c < h->cost[j]) {
    h->cost[j] = c;
    h->prev[j] = (uint32_t)i;
  }
}

long qg_hanseg_words(qg_hanseg *h, const char *t, size_t n) {
  size_t len = n / 3;
  if (!trie_start || !len || !reserve(h, len)) return -1;
  const unsigned char *b = (const unsigned char *)t;
  for (size_t i = 0; i < len; i++, b += 3)
    h->unit[i] = (uint16_t)(((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F));
  h->cost[0] = 0;
  for (size_t i = 1; i <= len; i++) h->cost[i] = UINT32_MAX;
  for (size_t i = 0; i < len; i++) {
    if (h->cost[i] == UINT32_MAX) continue; /* not reached (cannot happen: kept as ICU has it) */
    cursor c = {.p = trie_start, .rest = -1};
    bool alone = false; /* the character alone is a word */
    size_t lim = len - i < QG_HAN_MAX_WORD ? len - i : QG_HAN_MAX_WORD;
    for (size_t k = 0; k < lim; k++) {
      int r = step(&c, h->unit[i + k]);
      if (r >= T_FINAL) {
        relax(h, i, i + k + 1, cursor_value(&c));
        if (k == 0) alone = true;
      }
      if (r == T_NONE || r == T_FINAL) break;
    }
    if (c.bad) return -1;
    if (!alone) relax(h, i, i + 1, QG_HAN_NO_WORD);
  }
  /* the words back from the end */
  size_t k = 0;
  if (h->cost[len] == UINT32_MAX) {
    h->ends[k++] = (uint32_t)len;
  } else {
    for (size_t i = len; i > 0; i = h->prev[i]) h->ends[k++] = (uint32_t)i;
  }
  for (size_t i = 0; i < k / 2; i++) {
    uint32_t x = h->ends[i];
    h->ends[i] = h->ends[k - 1 - i];
    h->ends[k - 1 - i] = x;
  }
  return (long)k;
}
