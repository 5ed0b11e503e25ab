/* test_ndx_alloc.c: the near-duplicate index's memory (stages/neardup.c), with the allocator
 * wrapped (the test is linked with -Wl,--wrap for malloc, calloc, realloc and free, so every
 * allocation of the library's objects goes through here):
 *   - qg_ndx_bytes against the bytes the index really holds, after every add, across epochs and
 *     clears. */
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

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)rng;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

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

/* qg_ndx_bytes is the memory the index holds, after every add and after clears. */
static void test_bytes(void **st) {
  (void)st;
  make_fps();
  fail_countdown = -1, fail_size = 0;
  size_t before = live;
  qg_ndx *x = qg_ndx_new(650);
  for (int round = 0; round < 3; round++) {
    size_t n = round == 1 ? 100 : N; /* a small document: the clear keeps the memory */
    for (size_t i = 0; i < n; i++) {
      assert_int_equal(qg_ndx_add(x, &fps[i], i % 7 != 0, NULL), 0);
      if (live - before != qg_ndx_bytes(x))
        print_message("after %zu adds: qg_ndx_bytes %zu, held %zu\n", i + 1, qg_ndx_bytes(x),
                      live - before);
      assert_int_equal(live - before, qg_ndx_bytes(x));
    }
    uint32_t c, m;
    (void)qg_ndx_first(x, &fps[0], &c, &m); /* the marks and candidates in use */
    qg_ndx_clear(x);
    assert_int_equal(live - before, qg_ndx_bytes(x));
  }
  qg_ndx_free(x);
  assert_int_equal(live, before);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
