/* test_ndx_stress.c: the near-duplicate index (stages/neardup.c) against brute force on
 * sketches made to be hard for prefix filtering in an epoch order of frequencies:
 *   - documents of 0 to 5,000 entries, the index cleared between them, so that queries run
 *     before the first epoch, across the epochs (256 near entries, then each quadrupling) and
 *     in the next document after a clear;
 *   - sketch sizes from 1 to 128, families of near variants (values dropped, added, the sketch
 *     cut to a random size), exact copies, so that there are near pairs at every threshold;
 *   - skewed values: the frequent values are the smallest, so the frequency order is close to
 *     the reverse of the value order, and rare values share the low 17 bits of frequent ones
 *     (the order's slot), so they look frequent;
 *   - a document indexed twice in a row, its queries in the same order both times;
 *   - entries added with near false, with fewer than QG_ND_MIN_CHARS characters, with n = 0;
 *   - thresholds 0.001, 0.002, 0.1, 0.3, 0.5, 0.65, 0.9, 0.999 and 1;
 *   - numbers (qg_fp.num): none, or up to QG_ND_NUMS from a small pool.
 * Every query is checked against qg_fp_compare + qg_fp_passes + qg_fp_numbers_agree (+ qg_fp_idents_agree) with every
 * earlier entry of the document that was added near: qg_ndx_query must give each such entry once, with the common
 * and size of the comparison, and qg_ndx_first the earliest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "neardup.h"

#define QG_TEST_SEED 0x2545F4914F6CDD1Dull
#include "testrand.h"


/* Sorts and removes repeated values; keeps the smallest QG_ND_K. */
static uint32_t normalize(uint32_t *h, uint32_t n) {
  qsort(h, n, sizeof *h, cmp_u32);
  uint32_t k = 0;
  for (uint32_t i = 0; i < n && k < QG_ND_K; i++)
    if (!k || h[i] != h[k - 1]) h[k++] = h[i];
  return k;
}

enum { HOT = 3000 };

/* A value: hot ones (small, Zipf-like: value v drawn about 1/v of the time), rare ones that
 * share the order's slot with a hot one, and random 32-bit ones. */
static uint32_t some_value(void) {
  uint32_t r = next_rand() % 100;
  if (r < 45) { /* hot: 1 + HOT^u, skewed to the smallest */
    uint32_t v = 1, lim = 1 + next_rand() % HOT;
    v += next_rand() % lim;
    return v;
  }
  if (r < 60) return (1 + next_rand() % 64) | ((1 + next_rand() % 32000) << 17); /* collides */
  return next_rand();
}

typedef struct item {
  qg_fp fp;
  bool near;   /* added with near true */
} item;

#define NBASE 40
static uint32_t base_h[NBASE][2 * QG_ND_K], base_n[NBASE];

static void new_bases(void) {
  for (int b = 0; b < NBASE; b++) {
    uint32_t n = 1 + next_rand() % QG_ND_K;
    for (uint32_t i = 0; i < n; i++) base_h[b][i] = some_value();
    base_n[b] = normalize(base_h[b], n);
  }
}

/* A sketch: a variant of a base (most of the time) or fresh values. */
static void make_sketch(qg_fp *f) {
  uint32_t h[2 * QG_ND_K + 64], n = 0; /* a base and up to 40 added */
  uint32_t r = next_rand() % 10;
  if (r < 8) {
    int b = (int)(next_rand() % NBASE);
    uint32_t drop = next_rand() % 4 == 0 ? next_rand() % 40 : next_rand() % 6;
    uint32_t add = next_rand() % 4 == 0 ? next_rand() % 40 : next_rand() % 6;
    for (uint32_t i = 0; i < base_n[b]; i++)
      if (next_rand() % 128 >= drop) h[n++] = base_h[b][i];
    for (uint32_t i = 0; i < add; i++) h[n++] = some_value();
    if (n && next_rand() % 3 == 0) { /* cut to a random size: subsets of other sizes */
      uint32_t keep = 1 + next_rand() % n;
      for (uint32_t i = 0; i < keep; i++) { /* a random subset of keep values */
        uint32_t j = i + next_rand() % (n - i), t = h[i];
        h[i] = h[j], h[j] = t;
      }
      n = keep;
    }
    if (!n) h[n++] = some_value();
  } else {
    uint32_t want = 1 + next_rand() % QG_ND_K;
    for (uint32_t i = 0; i < want; i++) h[n++] = some_value();
  }
  n = normalize(h, n);
  memcpy(f->h, h, n * sizeof *h);
  f->n = n;
  /* numbers: none, or a few drawn from a small pool, so that they agree for some near pairs
   * and not for others */
  uint32_t nn = next_rand() % 2 ? 0 : next_rand() % (QG_ND_NUMS + 1), num[QG_ND_NUMS];
  for (uint32_t i = 0; i < nn; i++) num[i] = 1 + next_rand() % 24;
  qsort(num, nn, sizeof *num, cmp_u32);
  f->nnum = 0;
  for (uint32_t i = 0; i < nn; i++)
    if (!f->nnum || num[i] != f->num[f->nnum - 1]) f->num[f->nnum++] = num[i];
  /* identifiers: mostly none, else one to three from a small pool, in any order (the index
   * stores them after the numbers: a wrong offset or count shows as a wrong answer) */
  f->nid = next_rand() % 3 ? 0 : 1 + next_rand() % 3;
  for (uint32_t i = 0; i < f->nid; i++) f->id[i] = 1 + next_rand() % 4;
}

typedef struct got {
  uint32_t id, c, m;
} got;
typedef struct hits {
  got *v;
  size_t n;
} hits;

static int collect(void *ud, uint32_t id, uint32_t c, uint32_t m) {
  hits *h = ud;
  h->v[h->n++] = (got){id, c, m};
  return 0;
}

static int cmp_got(const void *a, const void *b) {
  return cmp_u32(&((const got *)a)->id, &((const got *)b)->id);
}

enum { MAXDOC = 5000 };
static item items[MAXDOC];
static got gv[MAXDOC];
static uint32_t want_v[MAXDOC];
static size_t bounded_lookups; /* check_query's lookups that were bounded (qg_ndx_window) */

/* Checks one query against brute force over items[0..ne), with qg_ndx_query and, if first_too,
 * qg_ndx_first. Returns the number of matches. */
static size_t check_query(qg_ndx *x, const qg_fp *q, size_t ne, unsigned t_milli,
                          bool first_too) {
  size_t nw = 0;
  const uint32_t *want = want_v;
  if (q->chars >= QG_ND_MIN_CHARS && q->n)
    for (size_t j = 0; j < ne; j++) {
      const item *e = &items[j];
      if (!e->near || e->fp.chars < QG_ND_MIN_CHARS || !e->fp.n) continue;
      uint32_t c, m;
      qg_fp_compare(q->h, q->n, e->fp.h, e->fp.n, &c, &m);
      if (qg_fp_passes(c, m, t_milli) &&
          qg_fp_numbers_agree(q->num, q->nnum, e->fp.num, e->fp.nnum, t_milli) &&
          qg_fp_idents_agree(q->id, q->nid, e->fp.id, e->fp.nid))
        want_v[nw++] = (uint32_t)j;
    }
  hits h = {.v = gv, .n = 0};
  assert_int_equal(qg_ndx_query(x, q, collect, &h), 0);
  qsort(gv, h.n, sizeof *gv, cmp_got);
  /* a bounded lookup is exact over the latest qg_ndx_window entries: brute force over those */
  uint32_t w = qg_ndx_window(x);
  if (w) {
    bounded_lookups++;
    assert_true(w <= ne);
    size_t k = 0;
    while (k < nw && want[k] < ne - w) k++;
    want += k, nw -= k;
  }
  if (h.n != nw) {
    print_message("t %u, %zu entries, query n %u: index %zu, brute force %zu\n", t_milli, ne,
                  q->n, h.n, nw);
    for (size_t k = 0; k < nw; k++) print_message("  want %u\n", want[k]);
    for (size_t k = 0; k < h.n; k++) print_message("  got %u\n", gv[k].id);
  }
  assert_int_equal(h.n, nw);
  for (size_t k = 0; k < nw; k++) {
    assert_int_equal(gv[k].id, want[k]); /* each once: sorted and the counts agree */
    uint32_t c, m;
    qg_fp_compare(q->h, q->n, items[want[k]].fp.h, items[want[k]].fp.n, &c, &m);
    assert_int_equal(gv[k].c, c);
    assert_int_equal(gv[k].m, m);
  }
  if (!first_too) return nw;
  uint32_t c = 0, m = 0;
  uint32_t first = qg_ndx_first(x, q, &c, &m);
  assert_int_equal(qg_ndx_window(x), w); /* the same lookup, the same bound */
  assert_int_equal(first, nw ? want[0] : UINT32_MAX);
  if (nw) {
    uint32_t cc, mm;
    qg_fp_compare(q->h, q->n, items[want[0]].fp.h, items[want[0]].fp.n, &cc, &mm);
    assert_int_equal(c, cc);
    assert_int_equal(m, mm);
  }
  return nw;
}

/* One index through documents of the given sizes, cleared between them. */
static size_t run_docs(unsigned t_milli, const int *sizes, int ndocs) {
  qg_ndx *x = qg_ndx_new(t_milli);
  assert_non_null(x);
  size_t pairs = 0;
  for (int d = 0; d < ndocs; d++) {
    /* a negative size: that many entries, one qg_ndx_query each and no other query, then the
     * same document again after the clear, so that its queries come in the same order: marks
     * the first time left must not count the second time */
    bool replay = d > 0 && sizes[d] == 0 && sizes[d - 1] < 0;
    int size = replay ? -sizes[d - 1] : sizes[d] < 0 ? -sizes[d] : sizes[d];
    if (!replay) new_bases();
    size_t ne = 0, last_bytes = qg_ndx_bytes(x);
    for (int i = 0; i < size; i++) {
      item *it = &items[ne];
      if (replay) {
        pairs += check_query(x, &it->fp, ne, t_milli, sizes[d] > 0);
        assert_int_equal(qg_ndx_add(x, &it->fp, it->near, NULL), 0);
        ne++;
        continue;
      }
      uint32_t r = next_rand() % 100;
      if (r < 3 && ne) { /* an exact copy of an earlier sketch, another text */
        it->fp = items[next_rand() % ne].fp;
      } else {
        make_sketch(&it->fp);
      }
      it->fp.exact = ((uint64_t)next_rand() << 32) | next_rand();
      it->fp.chars = QG_ND_MIN_CHARS + next_rand() % 100;
      it->near = true;
      r = next_rand() % 100;
      if (r < 8) it->near = false;                                /* exact only */
      else if (r < 12) it->fp.chars = next_rand() % QG_ND_MIN_CHARS; /* short */
      else if (r < 14) it->fp.n = 0;                                /* no sketch */
      pairs += check_query(x, &it->fp, ne, t_milli, sizes[d] > 0);
      if (sizes[d] > 0 && next_rand() % 8 == 0) { /* a query that is not added */
        static qg_fp q;
        make_sketch(&q);
        q.chars = QG_ND_MIN_CHARS;
        pairs += check_query(x, &q, ne, t_milli, true);
      }
      uint32_t id;
      assert_int_equal(qg_ndx_add(x, &it->fp, it->near, &id), 0);
      assert_int_equal(id, (uint32_t)ne);
      ne++;
      assert_int_equal(qg_ndx_count(x), ne);
      uint32_t n;
      const uint32_t *h = qg_ndx_sketch(x, id, &n);
      bool indexed = it->near && it->fp.chars >= QG_ND_MIN_CHARS && it->fp.n;
      assert_int_equal(n, indexed ? it->fp.n : 0);
      if (indexed) assert_memory_equal(h, it->fp.h, n * sizeof *h);
      size_t bytes = qg_ndx_bytes(x);
      assert_true(bytes >= last_bytes); /* an index that only grows holds no less memory */
      last_bytes = bytes;
    }
    /* every entry once more, after the last epoch of the document */
    if (sizes[d] > 0)
      for (size_t i = 0; i < ne; i += 1 + next_rand() % 16)
        pairs += check_query(x, &items[i].fp, ne, t_milli, true);
    qg_ndx_clear(x);
    assert_int_equal(qg_ndx_count(x), 0);
    assert_true(qg_ndx_bytes(x) <= ((size_t)2 << 20)); /* clear gives big memory back */
  }
  qg_ndx_free(x);
  return pairs;
}

static const int big_docs[] = {3000, 0, 1, 300, 2100, 17, -200, 0, 700};
static const int small_docs[] = {700, 5, -150, 0, 0, 300};

static void test_brute_force_thresholds(void **st) {
  (void)st;
  static const unsigned big_t[] = {300, 650, 900};
  static const unsigned small_t[] = {1, 2, 100, 500, 999, 1000};
  for (size_t k = 0; k < sizeof big_t / sizeof *big_t; k++) {
    size_t pairs = run_docs(big_t[k], big_docs, (int)(sizeof big_docs / sizeof *big_docs));
    print_message("threshold %.3f, documents up to 3000 entries: %zu near pairs\n",
                  big_t[k] / 1000.0, pairs);
    assert_true(pairs > 2000);
  }
  static const int one_big[] = {5000, 3}; /* past the epoch at 4,096 */
  size_t pairs = run_docs(650, one_big, 2);
  print_message("threshold 0.650, a document of 5000 entries: %zu near pairs\n", pairs);
  assert_true(pairs > 2000);
  for (size_t k = 0; k < sizeof small_t / sizeof *small_t; k++) {
    size_t pairs = run_docs(small_t[k], small_docs, (int)(sizeof small_docs / sizeof *small_docs));
    print_message("threshold %.3f, documents up to 700 entries: %zu near pairs\n",
                  small_t[k] / 1000.0, pairs);
    print_message("  bounded lookups so far: %zu\n", bounded_lookups);
    assert_true(pairs > 100);
  }
}

/* Out-of-range thresholds are clamped: 0 acts as 0.001 (a pair must share a value), more than
 * 1000 as 1000. */
static void test_threshold_clamp(void **st) {
  (void)st;
  static const int docs[] = {400};
  for (int k = 0; k < 2; k++) {
    unsigned asked = k ? 5000 : 0, acts = k ? 1000 : 1;
    qg_ndx *x = qg_ndx_new(asked);
    new_bases();
    size_t ne = 0;
    for (int i = 0; i < docs[0]; i++) {
      item *it = &items[ne];
      make_sketch(&it->fp);
      it->fp.exact = i, it->fp.chars = QG_ND_MIN_CHARS, it->near = true;
      check_query(x, &it->fp, ne, acts, true);
      assert_int_equal(qg_ndx_add(x, &it->fp, true, NULL), 0);
      ne++;
    }
    qg_ndx_free(x);
  }
}

/* Many entries, so that a value's frequency saturates its 16-bit count (65,535) and its class:
 * 70,000 small sketches, each with one value that every one of them has, one of a few hundred
 * shared ones and one of its group of three, and a few bigger ones. Queries sampled across the epochs
 * (up to 65,536 near entries) are checked against brute force. */
static void test_saturated_frequencies(void **st) {
  (void)st;
  enum { N = 70000 };
  static qg_fp fps[N];
  static got g[N];
  qg_ndx *x = qg_ndx_new(500);
  /* every entry is on the list of 7: each lookup would be bounded (qg_ndx_window); here the
   * order is checked, over every entry */
  qg_ndx_set_bound(x, UINT32_MAX, UINT32_MAX);
  size_t checked = 0, pairs = 0;
  for (uint32_t i = 0; i < N; i++) {
    qg_fp *f = &fps[i];
    uint32_t h[8], n = 0;
    h[n++] = 7;                                  /* in every entry: saturates */
    h[n++] = 7 | (1u << 17);                     /* the same slot, in every other entry */
    if (i % 2) n--;
    h[n++] = 1000 + next_rand() % 300;           /* shared by about 230 entries */
    h[n++] = 5000000 + i / 3;                    /* its group's own */
    if (i % 5 == 0) h[n++] = 1000 + next_rand() % 300;
    f->n = normalize(h, n);
    memcpy(f->h, h, f->n * sizeof *h);
    f->chars = QG_ND_MIN_CHARS, f->exact = i;
    if (i % 997 == 0 || (i > 65000 && i % 53 == 0)) {
      size_t nw = 0;
      for (uint32_t j = 0; j < i; j++) {
        uint32_t c, m;
        qg_fp_compare(f->h, f->n, fps[j].h, fps[j].n, &c, &m);
        if (qg_fp_passes(c, m, 500)) want_v[nw < MAXDOC ? nw : 0] = j, nw++;
      }
      hits hh = {.v = g, .n = 0};
      assert_int_equal(qg_ndx_query(x, f, collect, &hh), 0);
      assert_int_equal(hh.n, nw);
      uint32_t c, m, first = qg_ndx_first(x, f, &c, &m);
      if (nw) {
        qsort(g, hh.n, sizeof *g, cmp_got);
        assert_int_equal(first, g[0].id);
      } else {
        assert_int_equal(first, UINT32_MAX);
      }
      checked++, pairs += nw;
    }
    assert_int_equal(qg_ndx_add(x, f, true, NULL), 0);
  }
  print_message("saturation: %zu queries checked, %zu near pairs\n", checked, pairs);
  assert_true(pairs > 100);
  qg_ndx_free(x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_brute_force_thresholds),
      cmocka_unit_test(test_threshold_clamp),
      cmocka_unit_test(test_saturated_frequencies),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
