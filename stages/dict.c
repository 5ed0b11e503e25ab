/* dict.c: the user dictionary of the segmenter (docs/segment.md): terms from dicts/terms.txt
 * (compiled in) and from the files given with --dict, in a double-array trie over their UTF-8
 * bytes, and the matcher that finds them in a text (leftmost-longest, non-overlapping).
 *
 * The trie: state 0 is the root; the transition of state s on byte c goes to t = base[s] + c
 * when check[t] == s. leaf[t] is 0, or 1 + the word status of the term that ends at t. The trie
 * is built once from the sorted terms, breadth of each node at a time: a node's children get
 * the first base at which all their slots are free. A lookup is two array reads per byte.
 *
 * Before the trie is walked at a position, two filters must pass: a bitmap of the characters
 * that start a term, then a small hashed bitmap of the terms' first two characters (a
 * one-character term enters its first character with a mark of its own). On Chinese text a
 * fifth of the characters start some term of the built-in list, but few start one with the
 * right second character: the pair filter (512 bytes for the built-in list) replaces most of
 * the walks over the trie, whose cells are scattered over 32 KiB.
 *
 * The same trie holds the reduplication list of the word-repeat rule (dicts/reduplication.txt),
 * which asks whether an entry covers a span (qg_dict_covers).
 *
 * The built-in dictionaries (dicts/terms.txt; the [single], [glue] and [legit] sections of
 * dicts/reduplication.txt) are built by the build, not by each process: qg_dict_gen (the
 * program tools/dict_gen.c over this file compiled with QG_DICT_GEN) builds them as below and
 * writes their tries as C tables (gen/dict_tables.h), compiled into the library as constant
 * dictionaries (qg_dict_builtin). Building them was about 5 of the 15 million instructions,
 * and 45 of the 590 page faults, of a `lint` of a 4 KB article in a process of its own
 * (docs/ARCHITECTURE.md "Session 32"). The tables are used only when they were made from the
 * compiled-in lists with this ICU's Unicode version (a term's word status asks ICU); otherwise
 * the dictionaries are built here as before. test_dict_tables compares the two. */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#if defined QG_DICT_TABLES || defined QG_DICT_GEN
#include <xxhash.h>
#endif

extern const unsigned char qg_terms_default[];
extern const size_t qg_terms_default_len;
extern const unsigned char qg_reduplication_default[];
extern const size_t qg_reduplication_default_len;

/* A term is at most this many characters: longer lines are a mistake in the file. */
#define QG_TERM_MAX_CHARS 64

#define START_BYTES (0x10000 / 8) /* the bitmap of BMP characters */

typedef struct da_cell {
  int32_t base, check;
} da_cell;

typedef struct term {
  uint32_t off, len; /* in the dictionary's byte pool */
  uint8_t status;
} term;

struct qg_dict {
  /* (written only while built; a table of the build, below, is never written) */
  const da_cell *da;
  const uint8_t *leaf;
  size_t size;      /* cells */
  size_t next_check; /* where the search for a free base starts (building) */
  size_t maxlen;    /* longest term, bytes */
  size_t nterms;    /* distinct terms */
  bool first[256];  /* bytes that start a term */
  const uint8_t *start_bits; /* BMP characters that start a term (START_BYTES) */
  bool start_supp;  /* a term starts with a supplementary character */
  const uint64_t *pairs; /* hashed first two characters of the terms (pair_bit) */
  unsigned pair_shift; /* 64 - log2(bits in pairs) */
  bool unfiltered;  /* a term too short for its own lead bytes: no pair filter */
  bool table;       /* one of the build's tables (qg_dict_builtin): constant, never freed */
  /* the terms, until qg_dict_build */
  qg_buf pool;
  term *t;
  size_t nt, tcap;
};

/* The word status of a term, as ICU's would be: ideographic when it has Han, else kana,
 * letter, number (docs/segment.md). */
static uint8_t term_status(const char *s, size_t n) {
  bool kana = false, letter = false, digit = false;
  size_t i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c)) return QG_WORD_IDEO;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0xFF66 && c <= 0xFF9F)) kana = true;
    else if (c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : u_isalpha((UChar32)c)) letter = true;
    else if (c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit((UChar32)c)) digit = true;
  }
  return kana ? QG_WORD_KANA : letter ? QG_WORD_LETTER : digit ? QG_WORD_NUMBER : QG_WORD_NONE;
}

qg_dict *qg_dict_empty(void) {
  qg_dict *d = calloc(1, sizeof *d);
  if (d) qg_buf_init(&d->pool);
  return d;
}

void qg_dict_free(qg_dict *d) {
  if (!d || d->table) return;
  free((void *)d->pairs);
  free((void *)d->da);
  free((void *)d->leaf);
  free((void *)d->start_bits);
  free(d->t);
  qg_buf_free(&d->pool);
  free(d);
}

int qg_dict_add(qg_dict *d, const char *s, size_t n) {
  if (d->table || !n || n > UINT32_MAX / 2 || d->pool.len > UINT32_MAX / 2) return QG_ERR_USAGE;
  if (d->nt == d->tcap) {
    size_t cap = d->tcap ? d->tcap * 2 : 256;
    term *t = realloc(d->t, cap * sizeof *t);
    if (!t) return QG_ERR_NOMEM;
    d->t = t;
    d->tcap = cap;
  }
  d->t[d->nt++] = (term){.off = (uint32_t)d->pool.len, .len = (uint32_t)n,
                         .status = term_status(s, n)};
  return qg_buf_put(&d->pool, s, n);
}

/* ---- parsing a list ------------------------------------------------------------------------ */

/* Characters (code points) in s[0..n), counting an invalid byte as one. */
static size_t cols(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

int qg_dict_parse(qg_dict *d, const char *text, size_t n, const char *name, char *err,
                  size_t errlen) {
  size_t pos = 0, len;
  unsigned line = 0;
  const char *e;
  if (n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) pos = 3; /* a byte order mark */
  while (qg_list_next(text, n, &pos, &line, &e, &len)) {
    const char *ls = e; /* start of the line, for columns */
    while (ls > text && ls[-1] != '\n') ls--;
    size_t tl = 0; /* the term: up to the first space or tab */
    while (tl < len && e[tl] != ' ' && e[tl] != '\t') tl++;
    int32_t i = 0, chars = 0;
    while (i < (int32_t)tl) {
      int32_t at = i;
      UChar32 c;
      U8_NEXT(e, i, (int32_t)tl, c);
      const char *what = NULL;
      if (c < 0) what = "invalid UTF-8";
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x3000 || c == 0xA0 ||
               (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF)
        what = "control or space character in a term";
      else if (at == 0 && u_hasBinaryProperty(c, UCHAR_GRAPHEME_EXTEND))
        what = "a term cannot start with a combining mark";
      else if (++chars > QG_TERM_MAX_CHARS)
        what = "term longer than 64 characters";
      if (what) {
        snprintf(err, errlen, "%s:%u:%zu: %s", name, line, cols(ls, (size_t)(e - ls)) + 1 +
                 cols(e, (size_t)at), what);
        return QG_ERR_USAGE;
      }
    }
    int rc = qg_dict_add(d, e, tl);
    if (rc == QG_ERR_NOMEM) {
      snprintf(err, errlen, "%s: out of memory", name);
      return rc;
    }
  }
  return 0;
}

int qg_dict_load(qg_dict *d, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open dictionary: %s", path, strerror(errno));
    return QG_ERR_USAGE;
  }
  qg_buf t = QG_BUF_INIT;
  char chunk[16384]; /* (16 KiB: a 64 KiB frame overflowed a 64 KiB stack, session 38) */
  size_t n;
  int rc = 0;
  while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0) rc = qg_buf_put(&t, chunk, n);
  if (!rc && ferror(f)) {
    snprintf(err, errlen, "%s: cannot read dictionary: %s", path, strerror(errno));
    rc = QG_ERR_USAGE;
  } else if (rc) {
    snprintf(err, errlen, "%s: out of memory", path);
  }
  fclose(f);
  if (!rc) rc = qg_dict_parse(d, t.ptr, t.len, path, err, errlen);
  qg_buf_free(&t);
  return rc;
}

/* ---- building the double array ------------------------------------------------------------- */

static const char *pool_of(const qg_dict *d) { return d->pool.ptr; }

static int cmp_terms_ctx(const term *a, const term *b, const char *pool) {
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(pool + a->off, pool + b->off, n);
  if (c) return c;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* qsort has no context argument in C11: the pool is passed through a file-level pointer that
 * is set only while qg_dict_build sorts (builds are not concurrent with each other). */
static _Thread_local const char *sort_pool;
static int cmp_terms(const void *a, const void *b) { return cmp_terms_ctx(a, b, sort_pool); }

static int da_reserve(qg_dict *d, size_t need) {
  if (need <= d->size) return 0;
  size_t cap = d->size ? d->size : 1024;
  while (cap < need) cap *= 2;
  da_cell *da = realloc((void *)d->da, cap * sizeof *da);
  if (!da) return QG_ERR_NOMEM;
  d->da = da;
  uint8_t *leaf = realloc((void *)d->leaf, cap);
  if (!leaf) return QG_ERR_NOMEM;
  d->leaf = leaf;
  for (size_t i = d->size; i < cap; i++) da[i] = (da_cell){.base = 0, .check = -1};
  memset(leaf + d->size, 0, cap - d->size);
  d->size = cap;
  return 0;
}

/* Places the children of state s: terms [lo, hi) share their first depth bytes. */
static int build_node(qg_dict *d, int32_t s, size_t lo, size_t hi, size_t depth) {
  const char *pool = pool_of(d);
  if (lo < hi && d->t[lo].len == depth) { /* a term ends here (sorted first; duplicates gone) */
    ((uint8_t *)d->leaf)[s] = (uint8_t)(1 + d->t[lo].status);
    lo++;
  }
  if (lo == hi) return 0;
  unsigned char labels[256];
  size_t starts[257], nl = 0;
  for (size_t k = lo; k < hi; k++) {
    unsigned char c = (unsigned char)pool[d->t[k].off + depth];
    if (!nl || labels[nl - 1] != c) {
      labels[nl] = c;
      starts[nl++] = k;
    }
  }
  starts[nl] = hi;
  /* The first base at which every child's cell is free. The search starts at next_check,
   * which moves on to the first free cell seen, and past a stretch that is 95% full (as in
   * darts), so building stays near-linear however full the start of the array gets. */
  size_t start = d->next_check > labels[0] ? d->next_check : (size_t)labels[0] + 1;
  size_t pos = start, taken = 0;
  bool seen_free = false;
  int32_t base;
  for (;; pos++) {
    if (da_reserve(d, pos + 257)) return QG_ERR_NOMEM;
    if (d->da[pos].check != -1) {
      taken++;
      continue;
    }
    if (!seen_free) {
      seen_free = true;
      if (pos > d->next_check) d->next_check = pos;
    }
    base = (int32_t)(pos - labels[0]);
    size_t k = 1;
    while (k < nl && d->da[(size_t)base + labels[k]].check == -1) k++;
    if (k == nl) break;
  }
  if (taken * 20 >= (pos - start + 1) * 19) d->next_check = pos;
  da_cell *da = (da_cell *)d->da; /* (being built: the array is this dictionary's own) */
  da[s].base = base;
  for (size_t k = 0; k < nl; k++) da[(size_t)base + labels[k]].check = s;
  for (size_t k = 0; k < nl; k++) {
    int rc = build_node(d, base + labels[k], starts[k], starts[k + 1], depth + 1);
    if (rc) return rc;
  }
  return 0;
}

/* The code point at u[i] decoded by its lead byte, without validation, as qg_dict_find reads
 * text; *len is the bytes it takes. 0 with *len 0 when the sequence does not end before to. */
static inline uint32_t loose_cp(const unsigned char *u, size_t i, size_t to, size_t *len) {
  uint32_t c = u[i];
  size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  *len = 0;
  if (l > to - i) return 0;
  *len = l;
  if (l == 1) return c;
  if (l == 2) return ((c & 0x1F) << 6) | (u[i + 1] & 0x3Fu);
  if (l == 3) return ((c & 0x0F) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu);
  return ((c & 0x07) << 18) | ((u[i + 1] & 0x3Fu) << 12) | ((u[i + 2] & 0x3Fu) << 6) |
         (u[i + 3] & 0x3Fu);
}

#define PAIR_SINGLE 0x200000u /* the second "character" of a one-character term */

static inline size_t pair_bit(const qg_dict *d, uint32_t c1, uint32_t c2) {
  return (size_t)((((uint64_t)c1 << 22 | c2) * 0x9E3779B97F4A7C15ull) >> d->pair_shift);
}

static inline bool pair_has(const qg_dict *d, uint32_t c1, uint32_t c2) {
  size_t b = pair_bit(d, c1, c2);
  return d->pairs[b >> 6] >> (b & 63) & 1;
}

/* The pair filter over the terms (before they leave for the trie). */
static int build_pairs(qg_dict *d) {
  unsigned log2 = 12;
  while (log2 < 22 && ((size_t)1 << log2) < 16 * d->nt) log2++;
  free((void *)d->pairs);
  uint64_t *pairs = calloc(((size_t)1 << log2) / 64, sizeof *pairs);
  if (!(d->pairs = pairs)) return QG_ERR_NOMEM;
  d->pair_shift = 64 - log2;
  d->unfiltered = false;
  for (size_t k = 0; k < d->nt; k++) {
    const unsigned char *u = (const unsigned char *)d->pool.ptr + d->t[k].off;
    size_t n = d->t[k].len, l1, l2 = 0;
    uint32_t c1 = loose_cp(u, 0, n, &l1), c2 = PAIR_SINGLE;
    if (l1 && l1 < n) c2 = loose_cp(u, l1, n, &l2);
    if (!l1 || (l1 < n && !l2)) d->unfiltered = true; /* cut short: matched bytewise only */
    size_t b = pair_bit(d, c1, c2);
    pairs[b >> 6] |= 1ull << (b & 63);
  }
  return 0;
}

int qg_dict_build(qg_dict *d) {
  if (d->table) return QG_ERR_USAGE;
  sort_pool = d->pool.ptr;
  if (d->nt) qsort(d->t, d->nt, sizeof *d->t, cmp_terms);
  size_t w = 0; /* drop duplicates (the first of equal terms stays) */
  for (size_t r = 0; r < d->nt; r++)
    if (!w || cmp_terms_ctx(&d->t[w - 1], &d->t[r], d->pool.ptr)) d->t[w++] = d->t[r];
  d->nt = w;
  d->nterms = w;
  d->size = 0;
  free((void *)d->da);
  free((void *)d->leaf);
  d->da = NULL;
  d->leaf = NULL;
  if (da_reserve(d, 1024)) return QG_ERR_NOMEM;
  ((da_cell *)d->da)[0].check = -2; /* the root is taken */
  d->next_check = 1;
  memset(d->first, 0, sizeof d->first);
  free((void *)d->start_bits);
  uint8_t *start = calloc(START_BYTES, 1);
  if (!(d->start_bits = start)) return QG_ERR_NOMEM;
  d->start_supp = false;
  d->maxlen = 0;
  for (size_t k = 0; k < d->nt; k++) {
    d->first[(unsigned char)d->pool.ptr[d->t[k].off]] = true;
    size_t i = 0;
    uint32_t c = qg_utf8_next(d->pool.ptr + d->t[k].off, d->t[k].len, &i);
    if (c < 0x10000) start[c >> 3] |= (uint8_t)(1u << (c & 7));
    else d->start_supp = true;
    if (d->t[k].len > d->maxlen) d->maxlen = d->t[k].len;
  }
  int rc = build_pairs(d);
  if (!rc) rc = build_node(d, 0, 0, d->nt, 0);
  /* the terms are in the trie now */
  free(d->t);
  d->t = NULL;
  d->nt = d->tcap = 0;
  qg_buf_free(&d->pool);
  return rc;
}

qg_dict *qg_dict_new(const char *const *paths, char *err, size_t errlen) {
  if (!paths || !paths[0]) { /* the built-in terms alone */
    qg_dict *d = qg_dict_builtin(QG_DICT_TERMS);
    if (!d) snprintf(err, errlen, "out of memory");
    return d;
  }
  qg_dict *d = qg_dict_empty();
  if (!d) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  int rc = qg_dict_parse(d, (const char *)qg_terms_default, qg_terms_default_len,
                         "dicts/terms.txt", err, errlen);
  for (size_t i = 0; !rc && paths && paths[i]; i++) rc = qg_dict_load(d, paths[i], err, errlen);
  if (!rc && (rc = qg_dict_build(d))) snprintf(err, errlen, "out of memory");
  if (rc) {
    qg_dict_free(d);
    return NULL;
  }
  return d;
}

int qg_dict_check(const char *path, char *err, size_t errlen) {
  qg_dict *d = qg_dict_empty();
  if (!d) return QG_ERR_NOMEM;
  int rc = qg_dict_load(d, path, err, errlen);
  qg_dict_free(d);
  return rc;
}

size_t qg_dict_terms(const qg_dict *d) { return d->nterms; }

/* ---- the built-in dictionaries ---------------------------------------------------------------- */

/* Adds the entries of a section of dicts/reduplication.txt (from its [name] line to the next
 * section). */
static int add_section(qg_dict *d, const char *name) {
  const char *t = (const char *)qg_reduplication_default;
  size_t n = qg_reduplication_default_len, pos = 0, len;
  const char *e;
  bool in = false;
  while (qg_list_next(t, n, &pos, NULL, &e, &len)) {
    if (e[0] == '[') {
      in = len == strlen(name) && !memcmp(e, name, len);
      continue;
    }
    if (in && qg_dict_add(d, e, len)) return QG_ERR_NOMEM;
  }
  return 0;
}

qg_dict *qg_dict_builtin_build(qg_dict_which which) {
  static const char *const sections[QG_DICT_BUILTINS] = {NULL, "[single]", "[glue]", "[legit]"};
  if ((unsigned)which >= QG_DICT_BUILTINS) return NULL;
  qg_dict *d = qg_dict_empty();
  if (!d) return NULL;
  char err[256];
  int rc = which == QG_DICT_TERMS ? qg_dict_parse(d, (const char *)qg_terms_default,
                                                  qg_terms_default_len, "dicts/terms.txt", err,
                                                  sizeof err)
                                  : add_section(d, sections[which]);
  if (!rc) rc = qg_dict_build(d);
  if (rc) {
    qg_dict_free(d);
    return NULL;
  }
  return d;
}

#if defined QG_DICT_TABLES || defined QG_DICT_GEN
/* XXH3 of a compiled-in list the tables were made from (FNV-1a until session 34: a byte at a
 * time, 0.07 million instructions of a one-article process for the two lists) */
static uint64_t list_sum(const unsigned char *t, size_t n) { return XXH3_64bits(t, n); }

static const char *unicode_version(char uv[U_MAX_VERSION_STRING_LENGTH]) {
  UVersionInfo v;
  u_getUnicodeVersion(v);
  u_versionToString(v, uv);
  return uv;
}
#endif

#ifdef QG_DICT_TABLES
#include "dict_tables.h"

/* Whether the tables were made from the compiled-in lists with the Unicode version of the ICU
 * this process runs with (a shared ICU of another version may give a term another status).
 * Decided once; the lists' sums cost 12 KB of reading. */
static bool tables_fit(void) {
  static _Atomic int fit; /* 0: not decided yet, 1: yes, 2: no */
  int f = atomic_load(&fit);
  if (!f) {
    char uv[U_MAX_VERSION_STRING_LENGTH];
    bool ok = !strcmp(unicode_version(uv), qg_gen_dict_unicode) &&
              qg_gen_dict_len[0] == qg_terms_default_len &&
              qg_gen_dict_len[1] == qg_reduplication_default_len &&
              qg_gen_dict_sum[0] == list_sum(qg_terms_default, qg_terms_default_len) &&
              qg_gen_dict_sum[1] == list_sum(qg_reduplication_default, qg_reduplication_default_len);
    atomic_store(&fit, f = ok ? 1 : 2);
  }
  return f == 1;
}
#endif

qg_dict *qg_dict_builtin(qg_dict_which which) {
#ifdef QG_DICT_TABLES
  if ((unsigned)which < QG_DICT_BUILTINS && tables_fit())
    return (qg_dict *)&qg_gen_dicts[which]; /* (constant: qg_dict_free and the builders leave it) */
#endif
  return qg_dict_builtin_build(which);
}

bool qg_dict_is_table(const qg_dict *d) { return d->table; }

bool qg_dict_same(const qg_dict *a, const qg_dict *b) {
  if (a->maxlen != b->maxlen || a->nterms != b->nterms || a->start_supp != b->start_supp ||
      a->pair_shift != b->pair_shift || a->unfiltered != b->unfiltered || !a->pairs != !b->pairs ||
      memcmp(a->first, b->first, sizeof a->first) ||
      !a->start_bits != !b->start_bits ||
      (a->start_bits && memcmp(a->start_bits, b->start_bits, START_BYTES)) ||
      (a->pairs && memcmp(a->pairs, b->pairs, ((size_t)1 << (64 - a->pair_shift)) / 8)))
    return false;
  /* the cells: the same up to the smaller size, past it free (a table ends at its last cell
   * taken, the array built is longer) */
  size_t n = a->size < b->size ? a->size : b->size;
  for (size_t i = 0; i < n; i++)
    if (a->da[i].base != b->da[i].base || a->da[i].check != b->da[i].check || a->leaf[i] != b->leaf[i])
      return false;
  const qg_dict *l = a->size > n ? a : b;
  for (size_t i = n; i < l->size; i++)
    if (l->da[i].check != -1 || l->leaf[i]) return false;
  return true;
}

#ifdef QG_DICT_GEN
/* The generator's part (tools/dict_gen.c): the built-in dictionaries as C tables. */
int qg_dict_gen_tables(FILE *f) {
  static const char *const names[QG_DICT_BUILTINS] = {"terms", "single", "glue", "legit"};
  char uv[U_MAX_VERSION_STRING_LENGTH];
  fprintf(f, "/* generated by qg_dict_gen (tools/dict_gen.c) from dicts/terms.txt and "
             "dicts/reduplication.txt: their tries (stages/dict.c) */\n");
  fprintf(f, "static const char qg_gen_dict_unicode[] = \"%s\";\n", unicode_version(uv));
  fprintf(f, "static const size_t qg_gen_dict_len[2] = {%zu, %zu};\n", qg_terms_default_len,
          qg_reduplication_default_len);
  fprintf(f, "static const uint64_t qg_gen_dict_sum[2] = {%" PRIu64 "ull, %" PRIu64 "ull};\n",
          list_sum(qg_terms_default, qg_terms_default_len),
          list_sum(qg_reduplication_default, qg_reduplication_default_len));
  qg_dict *d[QG_DICT_BUILTINS] = {0};
  size_t used[QG_DICT_BUILTINS];
  int rc = 0;
  for (int w = 0; w < QG_DICT_BUILTINS && !rc; w++) {
    if (!(d[w] = qg_dict_builtin_build((qg_dict_which)w)) || !d[w]->pairs) {
      rc = -1;
      break;
    }
    size_t n = d[w]->size;
    while (n && d[w]->da[n - 1].check == -1 && !d[w]->leaf[n - 1]) n--;
    used[w] = n;
    fprintf(f, "static const da_cell qg_gen_da_%s[%zu] = {", names[w], n);
    for (size_t i = 0; i < n; i++)
      fprintf(f, "%s{%" PRId32 ", %" PRId32 "},", i % 6 ? " " : "\n  ", d[w]->da[i].base,
              d[w]->da[i].check);
    fprintf(f, "\n};\nstatic const uint8_t qg_gen_leaf_%s[%zu] = {", names[w], n);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s%u,", i % 24 ? "" : "\n  ", d[w]->leaf[i]);
    size_t np = ((size_t)1 << (64 - d[w]->pair_shift)) / 64;
    fprintf(f, "\n};\nstatic const uint64_t qg_gen_pairs_%s[%zu] = {", names[w], np);
    for (size_t i = 0; i < np; i++)
      fprintf(f, "%s0x%" PRIx64 "u,", i % 4 ? " " : "\n  ", d[w]->pairs[i]);
    fprintf(f, "\n};\nstatic const uint8_t qg_gen_start_%s[%d] = {", names[w], START_BYTES);
    for (size_t i = 0, k = 0; i < START_BYTES; i++)
      if (d[w]->start_bits[i])
        fprintf(f, "%s[%zu] = %u,", k++ % 8 ? " " : "\n  ", i, d[w]->start_bits[i]);
    fprintf(f, "\n};\n");
  }
  if (!rc) {
    fprintf(f, "static const qg_dict qg_gen_dicts[%d] = {\n", QG_DICT_BUILTINS);
    for (int w = 0; w < QG_DICT_BUILTINS; w++) {
      const qg_dict *x = d[w];
      fprintf(f, "  {.da = qg_gen_da_%s, .leaf = qg_gen_leaf_%s, .size = %zu, .maxlen = %zu, "
                 ".nterms = %zu,\n   .first = {", names[w], names[w], used[w], x->maxlen, x->nterms);
      for (int i = 0; i < 256; i++)
        if (x->first[i]) fprintf(f, "[%d] = true, ", i);
      fprintf(f, "},\n   .start_bits = qg_gen_start_%s, .start_supp = %s, .pairs = qg_gen_pairs_%s, "
                 ".pair_shift = %u, .unfiltered = %s, .table = true},\n", names[w],
              x->start_supp ? "true" : "false", names[w], x->pair_shift,
              x->unfiltered ? "true" : "false");
    }
    fprintf(f, "};\n");
  }
  for (int w = 0; w < QG_DICT_BUILTINS; w++) qg_dict_free(d[w]);
  return rc || ferror(f) ? -1 : 0;
}
#endif

/* ---- matching -------------------------------------------------------------------------------- */

size_t qg_dict_longest(const qg_dict *d, const char *s, size_t n, size_t i, int *status) {
  if (!d->first[(unsigned char)s[i]]) return 0;
  const unsigned char *u = (const unsigned char *)s;
  const da_cell *da = d->da;
  size_t size = d->size, best = 0;
  int32_t st = 0;
  for (size_t k = i; k < n; k++) {
    size_t t = (size_t)(da[st].base + u[k]);
    if (t >= size || da[t].check != st) break;
    st = (int32_t)t;
    if (d->leaf[t]) {
      best = k + 1 - i;
      if (status) *status = d->leaf[t] - 1;
    }
  }
  return best;
}

size_t qg_dict_find(const qg_dict *d, const char *s, size_t n, size_t from, size_t to,
                    size_t *at, int *status) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = from;
  if (to > n) to = n;
  if (!d->pairs) return 0; /* not built: no terms */
  while (i < to) {
    /* the character at i, decoded only as far as the start bitmap needs */
    uint32_t c = u[i];
    size_t len = 1;
    bool may;
    if (c < 0x80) {
      may = d->start_bits[c >> 3] & (1u << (c & 7));
    } else if (c < 0xE0) {
      c = ((c & 0x1F) << 6) | (u[i + 1] & 0x3Fu);
      len = 2;
      may = d->start_bits[c >> 3] & (1u << (c & 7));
    } else if (c < 0xF0) {
      c = ((c & 0x0F) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu);
      len = 3;
      may = d->start_bits[c >> 3] & (1u << (c & 7));
    } else {
      len = 4;
      may = d->start_supp;
    }
    if (may && !d->unfiltered) { /* the pair filter: the first two characters */
      size_t l1, l2 = 0;
      uint32_t c2 = 0;
      if (len == 4) c = loose_cp(u, i, to, &l1);
      if (i + len < to) c2 = loose_cp(u, i + len, to, &l2);
      may = i + len <= to && ((l2 && pair_has(d, c, c2)) || pair_has(d, c, PAIR_SINGLE));
    }
    if (may) {
      size_t m = qg_dict_longest(d, s, to, i, status);
      if (m) {
        *at = i;
        return m;
      }
    }
    i += len;
  }
  return 0;
}

bool qg_dict_covers(const qg_dict *d, const char *s, size_t n, size_t from, size_t to) {
  size_t lo = from > d->maxlen ? from - d->maxlen : 0;
  for (size_t p = from + 1; p-- > lo;) {
    if (((unsigned char)s[p] & 0xC0) == 0x80) continue; /* not a character start */
    const unsigned char *u = (const unsigned char *)s;
    int32_t st = 0;
    for (size_t k = p; k < n; k++) {
      size_t t = (size_t)(d->da[st].base + u[k]);
      if (t >= d->size || d->da[t].check != st) break;
      st = (int32_t)t;
      if (d->leaf[t] && k + 1 >= to) return true;
    }
  }
  return false;
}
