/* test_ndx_alloc.c: the near-duplicate index's memory (stages/neardup.c), with the allocator
 * wrapped (the test is linked with -Wl,--wrap for malloc, calloc, realloc and free, so every
 * allocation of the library's objects goes through here):
 *   - qg_ndx_held against the bytes the index really holds, after every add, across epochs and
 *     clears, and qg_ndx_bytes (what the bound counts) no less;
 *   - a failed allocation in qg_ndx_add (any of them, the frequency table's at an epoch
 *     included): the add returns QG_ERR_NOMEM and the entry is not added, or it succeeds; the
 *     index goes on giving what brute force gives over the entries it holds, or, after an add
 *     that succeeded with a failed allocation in it, nothing at all (near lookups off);
 *   - the same with the older half dropped now and then (qg_ndx_drop_before, whose frequency
 *     table and list growth may fail too: then near lookups are off). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "neardup.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

/* Each block carries its size in a header of 16 bytes (the alignment malloc gives). */
static size_t live;         /* bytes requested and not freed */
static long fail_countdown; /* the allocation that fails: 0 the next one, < 0 none */
static size_t fail_size;    /* or every allocation of this size (0: none) */
static size_t failures;

static bool should_fail(size_t n) {
  if (fail_size && n == fail_size) return failures++, true;
  if (fail_countdown == 0) return fail_countdown = -1, failures++, true;
  if (fail_countdown > 0) fail_countdown--;
  return false;
}

void *__wrap_malloc(size_t n) {
  if (should_fail(n)) return NULL;
  char *p = __real_malloc(n + 16);
  if (!p) return NULL;
  memcpy(p, &n, sizeof n);
  live += n;
  return p + 16;
}

void *__wrap_calloc(size_t n, size_t size) {
  size_t total = n * size;
  if (should_fail(total)) return NULL;
  char *p = __real_calloc(total + 16, 1);
  if (!p) return NULL;
  memcpy(p, &total, sizeof total);
  live += total;
  return p + 16;
}

void __wrap_free(void *q) {
  if (!q) return;
  char *p = (char *)q - 16;
  size_t n;
  memcpy(&n, p, sizeof n);
  live -= n;
  __real_free(p);
}

void *__wrap_realloc(void *q, size_t n) {
  if (!q) return __wrap_malloc(n);
  if (should_fail(n)) return NULL;
  char *p = (char *)q - 16;
  size_t old;
  memcpy(&old, p, sizeof old);
  char *r = __real_realloc(p, n + 16);
  if (!r) return NULL;
  memcpy(r, &n, sizeof n);
  live = live - old + n;
  return r + 16;
}

/* The index of the test running, freed by the teardown when an assertion stops the test (so
 * that the sanitizer reports only what the library leaks). */
static qg_ndx *cur;
static int free_cur(void **st) {
  (void)st;
  qg_ndx_free(cur);
  cur = NULL;
  fail_countdown = -1, fail_size = 0;
  return 0;
}

#define QG_TEST_SEED 0x9E3779B97F4A7C15ull
#include "testrand.h"


/* Sketches: variants of 30 bases, values skewed to the small ones. */
enum { N = 1200 };
static qg_fp fps[N];
static void make_fps(void) {
  static uint32_t base[30][QG_ND_K];
  for (int b = 0; b < 30; b++)
    for (int k = 0; k < QG_ND_K; k++) base[b][k] = next_rand() % 4 ? next_rand() % 5000 : next_rand();
  for (int i = 0; i < N; i++) {
    qg_fp *f = &fps[i];
    uint32_t h[QG_ND_K], n = 1 + next_rand() % QG_ND_K;
    const uint32_t *b = base[next_rand() % 30];
    for (uint32_t k = 0; k < n; k++)
      h[k] = next_rand() % 10 ? b[k] : next_rand() % 3 ? next_rand() % 5000 : next_rand();
    qsort(h, n, sizeof *h, cmp_u32);
    uint32_t m = 0;
    for (uint32_t k = 0; k < n; k++)
      if (!m || h[k] != h[m - 1]) h[m++] = h[k];
    memcpy(f->h, h, m * sizeof *h);
    f->n = m;
    f->chars = QG_ND_MIN_CHARS;
    f->exact = i;
  }
}

static int collect(void *ud, uint32_t id, uint32_t c, uint32_t m) {
  (void)c, (void)m;
  uint32_t **p = ud;
  *(*p)++ = id;
  return 0;
}

/* An add that succeeded although an allocation failed in it may have turned near lookups off
 * (an epoch that could not post every entry again: no answer rather than a wrong one, until
 * the index is cleared); from then on every query must find nothing. */
static bool may_go_off, went_off;
static size_t runs_off;

/* The index (entries held[0..nheld) are fps[who[k]] with id k) against brute force, for the
 * query q. */
static void check(qg_ndx *x, const qg_fp *q, const uint32_t *who, size_t nheld, unsigned t) {
  static uint32_t want[N], got[N];
  size_t nw = 0;
  for (size_t k = 0; k < nheld; k++) {
    uint32_t c, m;
    qg_fp_compare(q->h, q->n, fps[who[k]].h, fps[who[k]].n, &c, &m);
    if (qg_fp_passes(c, m, t)) want[nw++] = (uint32_t)k;
  }
  uint32_t *end = got;
  assert_int_equal(qg_ndx_query(x, q, collect, &end), 0);
  size_t ng = (size_t)(end - got);
  qsort(got, ng, sizeof *got, cmp_u32);
  uint32_t c, m;
  if (!went_off && may_go_off && nw && !ng) went_off = true, runs_off++;
  if (went_off) {
    assert_int_equal(ng, 0);
    assert_int_equal(qg_ndx_first(x, q, &c, &m), UINT32_MAX);
    return;
  }
  assert_int_equal(ng, nw);
  if (nw) assert_memory_equal(got, want, nw * sizeof *got);
  assert_int_equal(qg_ndx_first(x, q, &c, &m), nw ? want[0] : UINT32_MAX);
}

/* qg_ndx_held is the memory the index holds, after every add and after clears, and
 * qg_ndx_bytes no less. */
static void test_bytes(void **st) {
  (void)st;
  make_fps();
  fail_countdown = -1, fail_size = 0;
  size_t before = live;
  qg_ndx *x = cur = qg_ndx_new(650);
  for (int round = 0; round < 3; round++) {
    size_t n = round == 1 ? 100 : N; /* a small document: the clear keeps the memory */
    for (size_t i = 0; i < n; i++) {
      assert_int_equal(qg_ndx_add(x, &fps[i], i % 7 != 0, NULL), 0);
      if (live - before != qg_ndx_held(x))
        print_message("after %zu adds: qg_ndx_held %zu, held %zu\n", i + 1, qg_ndx_held(x),
                      live - before);
      assert_int_equal(live - before, qg_ndx_held(x));
      assert_true(qg_ndx_held(x) <= qg_ndx_bytes(x));
      if (i % 300 == 299) { /* a window: the older entries dropped, empty lists freed */
        assert_int_equal(qg_ndx_drop_before(x, (uint32_t)(qg_ndx_count(x) / 2)), 0);
        assert_int_equal(live - before, qg_ndx_held(x));
        assert_int_equal(qg_ndx_check(x), 0);
        assert_true(qg_ndx_used(x) <= qg_ndx_bytes(x));
      }
    }
    uint32_t c, m;
    (void)qg_ndx_first(x, &fps[0], &c, &m); /* the marks and candidates in use */
    qg_ndx_clear(x);
    assert_int_equal(live - before, qg_ndx_held(x));
  }
  qg_ndx_free(x);
  cur = NULL;
  assert_int_equal(live, before);
}

/* Adds fps[0..N) with allocations failing (every one of the given size, or the countdown-th).
 * An add may succeed anyway (work that can wait, as an epoch, put off) or fail; a failed add
 * must leave the entry out (the count unchanged), and is retried once the allocator works
 * again. Throughout, queries give what brute force gives over the entries held. */
static void run_failing(unsigned t, size_t size, long countdown) {
  static uint32_t who[N];
  size_t nheld = 0;
  size_t before = live;
  qg_ndx *x = cur = qg_ndx_new(t);
  fail_size = size, fail_countdown = countdown, failures = 0;
  may_go_off = went_off = false;
  size_t failed_adds = 0;
  for (uint32_t i = 0; i < N; i++) {
    uint32_t id;
    size_t failures_before = failures;
    int rc = qg_ndx_add(x, &fps[i], true, &id);
    if (!rc && failures > failures_before) may_go_off = true;
    if (rc) {
      assert_int_equal(rc, QG_ERR_NOMEM);
      failed_adds++;
      /* not added: the count is what it was */
      assert_int_equal(qg_ndx_count(x), nheld);
      size_t fs = fail_size;
      fail_size = 0;
      check(x, &fps[i], who, nheld, t);
      rc = qg_ndx_add(x, &fps[i], true, &id); /* again, with memory */
      fail_size = fs;
      assert_int_equal(rc, 0);
    }
    assert_int_equal(id, nheld);
    who[nheld++] = i;
    if (i % 400 == 399) { /* a window: drop the older half (its allocations may fail too) */
      uint32_t drop = (uint32_t)(nheld / 2);
      size_t failures_before = failures;
      rc = qg_ndx_drop_before(x, drop);
      if (rc) assert_int_equal(rc, QG_ERR_NOMEM), assert_true(qg_ndx_near_off(x));
      if (failures > failures_before) may_go_off = true;
      memmove(who, who + drop, (nheld - drop) * sizeof *who);
      nheld -= drop;
      assert_int_equal(qg_ndx_count(x), nheld);
      assert_int_equal(qg_ndx_check(x), 0);
    }
    if (i % 16 == 0) {
      size_t fs = fail_size;
      fail_size = 0;
      check(x, &fps[(i * 7) % N], who, nheld, t);
      fail_size = fs;
    }
  }
  fail_size = 0, fail_countdown = -1;
  for (uint32_t i = 0; i < N; i += 5) check(x, &fps[i], who, nheld, t);
  qg_ndx_free(x);
  cur = NULL;
  assert_int_equal(live, before);
  assert_true(failures > 0 || countdown >= 0); /* the size asked for was allocated */
  (void)failed_adds;
}

/* At each epoch (256 near entries, then each doubling), its frequency counts (2^17 16-bit
 * counters) fail, or its order (2^17 bytes) does. */
static void test_epoch_allocation_fails(void **st) {
  (void)st;
  make_fps();
  run_failing(650, ((size_t)1 << 17) * sizeof(uint16_t), -1);
}

static void test_order_allocation_fails(void **st) {
  (void)st;
  make_fps();
  run_failing(650, (size_t)1 << 17, -1);
}

/* Any one allocation: the k-th of the run, for k spread over the run's allocations. */
static void test_any_allocation_fails(void **st) {
  (void)st;
  make_fps();
  runs_off = 0;
  long runs = 0;
  for (long k = 0; k < 6000; k += 1 + k / 8) run_failing(500, 0, k), runs++;
  print_message("%ld runs, %zu with near lookups turned off\n", runs, runs_off);
}

static qg_fp sk(uint64_t exact, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  qg_fp f = {.exact = exact, .chars = QG_ND_MIN_CHARS, .n = 4, .h = {a, b, c, d}};
  return f;
}

/* A list that cannot grow in the middle of an add: the add fails and the entry is not added,
 * so no query may name it. Here B's values 1, 2, 3 go to lists that have room in their slots
 * and 100's list holds two ids already, so it must leave its slot (a block of 7 ids and its
 * capacity, from the index's first slab since the clear, whose allocation fails; since session
 * 31: until then the block's own 32 bytes, and 4 ids and 20 bytes until session 18); the
 * entry number B would have had still holds, after the clear, the previous document's entry
 * {1, 2, 3, 100}: a query {1, 2, 3, 100} must find nothing (A = {1, 2, 3, 7} has similarity
 * 3/5), not that stale entry. */
static void test_failed_post_names_no_entry(void **st) {
  (void)st;
  fail_countdown = -1, fail_size = 0;
  qg_ndx *x = cur = qg_ndx_new(650);
  qg_fp f0 = sk(10, 50, 51, 52, 53), f1 = sk(11, 60, 61, 62, 63), f2 = sk(12, 70, 71, 72, 73),
        f3 = sk(13, 1, 2, 3, 100);
  assert_int_equal(qg_ndx_add(x, &f0, true, NULL), 0);
  assert_int_equal(qg_ndx_add(x, &f1, true, NULL), 0);
  assert_int_equal(qg_ndx_add(x, &f2, true, NULL), 0);
  assert_int_equal(qg_ndx_add(x, &f3, true, NULL), 0);
  qg_ndx_clear(x); /* a small document: the entries' memory is kept */
  qg_fp a = sk(1, 1, 2, 3, 7), c = sk(4, 100, 200, 300, 400), d = sk(5, 100, 500, 600, 700);
  qg_fp b = sk(2, 1, 2, 3, 100), q = sk(3, 1, 2, 3, 100);
  assert_int_equal(qg_ndx_add(x, &a, true, NULL), 0);
  assert_int_equal(qg_ndx_add(x, &c, true, NULL), 0);
  assert_int_equal(qg_ndx_add(x, &d, true, NULL), 0);
  fail_size = QG_ND_SLAB + 64; /* a list out of its slot: the slab of its block */
  assert_int_equal(qg_ndx_add(x, &b, true, NULL), QG_ERR_NOMEM);
  fail_size = 0;
  assert_int_equal(qg_ndx_count(x), 3);
  uint32_t got[4], *end = got;
  assert_int_equal(qg_ndx_query(x, &q, collect, &end), 0);
  assert_int_equal(end - got, 0);
  uint32_t cm, m;
  assert_int_equal(qg_ndx_first(x, &q, &cm, &m), UINT32_MAX);
  /* the lists were taken back: B added again (memory back) is found by the query */
  assert_int_equal(qg_ndx_add(x, &b, true, NULL), 0);
  end = got;
  assert_int_equal(qg_ndx_query(x, &q, collect, &end), 0);
  assert_int_equal(end - got, 1);
  assert_int_equal(got[0], 3);
  qg_ndx_free(x);
  cur = NULL;
}

/* The lists' blocks (session 31: cut from the index's own slabs, a free list a size, and from
 * malloc past QG_ND_POOL_WORDS words): lists that grow through every size of the pool and past
 * it (every entry posts the values 1 to 4), drops and a truncation that let blocks go (to the
 * free lists and to free), adds that take them again, and a clear; after each step the memory
 * held is what the allocator counts, the tables are sound, and queries give what brute force
 * gives. Every third entry nearly repeats the one before (7 of 9 values). */
static void test_list_blocks(void **st) {
  (void)st;
  fail_countdown = -1, fail_size = 0;
  for (uint32_t i = 0; i < N; i++) {
    qg_fp *f = &fps[i];
    memset(f, 0, sizeof *f);
    uint32_t h[8] = {1, 2, 3, 4, 1000 + 8 * i, 1001 + 8 * i, 1002 + 8 * i, 1003 + 8 * i};
    if (i % 3 == 1) { /* the one before with its last value another */
      memcpy(h, fps[i - 1].h, sizeof h);
      h[7] = 5000000 + i;
    }
    memcpy(f->h, h, sizeof h);
    f->n = 8;
    f->chars = QG_ND_MIN_CHARS;
    f->exact = i;
  }
  size_t before = live;
  qg_ndx *x = cur = qg_ndx_new(650);
  static uint32_t who[N];
  size_t nheld = 0;
  for (int round = 0; round < 2; round++) {
    for (uint32_t i = 0; i < N; i++) {
      check(x, &fps[i], who, nheld, 650);
      assert_int_equal(qg_ndx_add(x, &fps[i], true, NULL), 0);
      who[nheld++] = i;
      assert_int_equal(live - before, qg_ndx_held(x));
      assert_true(qg_ndx_held(x) <= qg_ndx_bytes(x));
      if (i % 100 == 99) assert_int_equal(qg_ndx_check(x), 0);
      if (i % 500 == 499) { /* the older half dropped: its ids leave the lists */
        uint32_t drop = (uint32_t)(nheld / 2);
        assert_int_equal(qg_ndx_drop_before(x, drop), 0);
        memmove(who, who + drop, (nheld - drop) * sizeof *who);
        nheld -= drop;
        assert_int_equal(live - before, qg_ndx_held(x));
        assert_int_equal(qg_ndx_check(x), 0);
        for (uint32_t k = 0; k < N; k += 37) check(x, &fps[k], who, nheld, 650);
      }
    }
    qg_ndx_truncate(x, (uint32_t)(nheld / 3)); /* the latest two thirds taken back */
    nheld /= 3;
    assert_int_equal(live - before, qg_ndx_held(x));
    assert_int_equal(qg_ndx_check(x), 0);
    for (uint32_t k = 0; k < N; k += 11) check(x, &fps[k], who, nheld, 650);
  }
  qg_ndx_clear(x);
  assert_int_equal(live - before, qg_ndx_held(x));
  qg_ndx_free(x);
  cur = NULL;
  assert_int_equal(live, before);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(test_bytes, free_cur),
      cmocka_unit_test_teardown(test_list_blocks, free_cur),
      cmocka_unit_test_teardown(test_failed_post_names_no_entry, free_cur),
      cmocka_unit_test_teardown(test_epoch_allocation_fails, free_cur),
      cmocka_unit_test_teardown(test_order_allocation_fails, free_cur),
      cmocka_unit_test_teardown(test_any_allocation_fails, free_cur),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
