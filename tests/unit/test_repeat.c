/* test_repeat.c: the scan of the word-repeat rule for candidate repeats (qg_repeat_scan,
 * stages/segment.c), which jumps from one character that may continue a repeat to the next,
 * finds the same candidates, in the same order, as the plain scan it replaced (ref_scan
 * below: the loop of repeat_push before, character by character, kept here as the
 * definition), on random text with planted repeats: Han runs with few distinct characters,
 * runs of copies of units of one to four characters, rare Han beside common Han (three- and
 * four-byte), punctuation, ASCII, and repeats at the start and end of the text; with checks
 * that report, decline or fail at random. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "repeat_scan.h"

#define QG_TEST_SEED 0x5E9EA7ULL
#include "testrand.h"

/* ---- the reference: the scan as it was, one character at a time ---- */
static int ref_scan(const char *t, size_t n, qg_repeat_check_fn check, void *arg) {
  size_t i = 0, reported = 0;
  size_t run = 0; /* characters in the current Han run */
  int same[4 + 1] = {0};
  int rc = 0;
  /* the last 4 characters of the run (h0 the one before the current one, 0 where
   * the run is shorter): a character equal to none of them continues no repeat, and most are */
  _Static_assert(4 == 4, "the test below compares four characters");
  uint32_t h0 = 0, h1 = 0, h2 = 0, h3 = 0;
  bool any_same = false; /* some same[k] is not 0 */
  const unsigned char *u = (const unsigned char *)t;
  while (i < n && !rc) {
    if (!any_same) {
      /* the common case, in a tight loop: common Han characters equal to none of the four
       * before them */
      while (i < n && qg_utf8_common_han(u + i)) {
        uint32_t d = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) |
                     (u[i + 2] & 0x3F);
        if (!((d != h0) & (d != h1) & (d != h2) & (d != h3))) break;
        h3 = h2, h2 = h1, h1 = h0, h0 = d;
        run++;
        i += 3;
      }
      if (i >= n) break;
    }
    size_t at = i;
    uint32_t c;
    if ((unsigned)(u[i] - 0xE5) <= 4 || (u[i] == 0xE4 && u[i + 1] >= 0xB8)) {
      /* U+4E00..U+9FFF: a common Han character */
      c = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
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
          run = 0;
          h0 = h1 = h2 = h3 = 0;
          if (any_same) memset(same, 0, sizeof same), any_same = false;
        }
        continue;
      }
    }
    run++;
    if ((c != h0) & (c != h1) & (c != h2) & (c != h3)) { /* no same[k] goes on */
      h3 = h2, h2 = h1, h1 = h0, h0 = c;
      if (any_same) memset(same, 0, sizeof same), any_same = false;
      continue;
    }
    /* back[k]: the character k before this one in the run (0: none) */
    const uint32_t back[4 + 1] = {0, h0, h1, h2, h3};
    h3 = h2, h2 = h1, h1 = h0, h0 = c;
    for (size_t k = 1; k <= 4; k++) {
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
        i = j;
        if (rep) reported = j;
        run = 0;
        h0 = h1 = h2 = h3 = 0;
        memset(same, 0, sizeof same);
        break;
      }
    }
    any_same = same[1] || same[2] || same[3] || same[4];
  }
  return rc;
}


/* ---- the check: records each candidate, answers from a hash of it ---- */
typedef struct {
  size_t v[16384][3];
  size_t n;
  uint32_t salt;
  size_t fail_at; /* the candidate that fails (0: none) */
} log_t;

static int record(void *arg, size_t s, size_t m, size_t e) {
  log_t *l = arg;
  assert_true(s < m && m < e);
  if (l->n < 16384) l->v[l->n][0] = s, l->v[l->n][1] = m, l->v[l->n][2] = e;
  l->n++;
  if (l->fail_at && l->n == l->fail_at) return -7;
  uint32_t h = (uint32_t)(s * 2654435761u) ^ (uint32_t)(m * 40503u) ^ (uint32_t)e ^ l->salt;
  h ^= h >> 13, h *= 0x5bd1e995u, h ^= h >> 15;
  return (int)(h & 1);
}

/* ---- random text ---- */
static size_t put(char *b, uint32_t c) { return qg_utf8_encode(c, b); }

static const uint32_t few[] = {0x7684, 0x6211, 0x4EEC, 0x662F, 0x4E00, 0x6B65, 0x8C22, 0x597D};
static uint32_t rand_char(void) {
  uint32_t r = next_rand() % 100;
  if (r < 45) return few[next_rand() % 8];                      /* 的我们是一步谢好 */
  if (r < 65) return 0x4E00 + next_rand() % 0x5200;             /* common Han */
  if (r < 68) return 0x3400 + next_rand() % 0x40;               /* rare Han, three bytes */
  if (r < 71) return 0x20000 + next_rand() % 0x40;              /* rare Han, four bytes */
  if (r < 73) return (const uint32_t[]){0x3005, 0x3007, 0x2E80, 0x4DC0}[next_rand() % 4];
  if (r < 82) return (const uint32_t[]){0xFF0C, 0x3002, 0x201C, 0x2026, 0x3001}[next_rand() % 5];
  if (r < 84) return (const uint32_t[]){0xE9, 0x1F600, 0xFFFD}[next_rand() % 3];
  if (r < 96) return (const uint32_t[]){'a', ' ', '1', 'Z'}[next_rand() % 4];
  return 0x4E00 + (next_rand() % 4) * 0x1000 + (next_rand() % 3); /* same lead, near */
}

/* A text of about len bytes: random characters, with units of one to four characters written
 * again two to twenty times. Returns its length; b holds it and a NUL. */
static size_t rand_text(char *b, size_t len) {
  size_t n = 0;
  while (n < len) {
    if (next_rand() % 6 == 0 && n > 0) {
      /* copies of the last k characters */
      size_t k = 1 + next_rand() % 4, s = n;
      for (size_t j = 0; j < k && s > 0; j++) s = qg_utf8_prev(b, s);
      size_t ul = n - s, copies = 1 + next_rand() % (next_rand() % 4 ? 2 : 20);
      for (size_t c = 0; c < copies && n + ul < len + 400; c++) memmove(b + n, b + s, ul), n += ul;
    } else {
      n += put(b + n, rand_char());
    }
  }
  b[n] = '\0';
  return n;
}

static log_t la, lb;

/* Runs both scans on a copy of t in a buffer of exactly n + 1 bytes (ASan sees any read
 * outside the text and its NUL). */
static void compare(const char *t, size_t n, uint32_t salt, size_t fail_at) {
  char *c = malloc(n + 1);
  assert_non_null(c);
  memcpy(c, t, n + 1);
  memset(&la, 0, sizeof la), memset(&lb, 0, sizeof lb);
  la.salt = lb.salt = salt;
  la.fail_at = lb.fail_at = fail_at;
  int ra = ref_scan(c, n, record, &la);
  int rb = qg_repeat_scan(c, n, record, &lb);
  if (ra != rb || la.n != lb.n || memcmp(la.v, lb.v, sizeof la.v[0] * (la.n < 16384 ? la.n : 16384))) {
    print_error("differ on %zu bytes (salt %u): rc %d/%d, candidates %zu/%zu\n", n, salt, ra, rb,
                la.n, lb.n);
    for (size_t k = 0; k < la.n || k < lb.n; k++)
      if (k >= la.n || k >= lb.n || memcmp(la.v[k], lb.v[k], sizeof la.v[k])) {
        print_error("first difference at candidate %zu\n", k);
        break;
      }
    fail();
  }
  free(c);
}

static char text[70000];

static void test_random_text(void **st) {
  (void)st;
  size_t total = 0;
  for (int r = 0; r < 6000; r++) {
    size_t len = r % 10 == 0 ? 20000 : next_rand() % 400;
    size_t n = rand_text(text, len);
    size_t fail_at = next_rand() % 5 == 0 ? 1 + next_rand() % 8 : 0;
    compare(text, n, next_rand(), fail_at);
    total += la.n;
  }
  print_message("%zu candidates\n", total);
  assert_true(total > 10000); /* the texts do have candidates */
}

/* Every start and end: each prefix and suffix of a text with repeats near both ends. */
static void test_every_slice(void **st) {
  (void)st;
  const char *s = "的的我们我们是是一步一步谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢谢好好，"
                  "𠀀𠀀的𠀁的的，abc我们是我们是好好好好";
  size_t n = strlen(s);
  for (size_t a = 0; a < n; a++) {
    if (((unsigned char)s[a] & 0xC0) == 0x80) continue;
    for (size_t z = a; z <= n; z++) {
      if (z < n && ((unsigned char)s[z] & 0xC0) == 0x80) continue;
      memcpy(text, s + a, z - a);
      text[z - a] = '\0';
      compare(text, z - a, (uint32_t)(a * 131 + z), 0);
    }
  }
}

/* Known candidates, so that the reference itself is pinned: 的的, 我们我们 and the last
 * 好好 of 好好好 (reported: the check says 1 for every candidate here). */
static int yes(void *arg, size_t s, size_t m, size_t e) {
  log_t *l = arg;
  l->v[l->n][0] = s, l->v[l->n][1] = m, l->v[l->n][2] = e;
  l->n++;
  return 1;
}
static void test_known(void **st) {
  (void)st;
  const char *s = "他说的的确是我们我们，好好好。abc的的";
  memset(&lb, 0, sizeof lb);
  assert_int_equal(qg_repeat_scan(s, strlen(s), yes, &lb), 0);
  assert_int_equal(lb.n, 4);
  size_t want[4][3] = {{6, 9, 12}, {18, 24, 30}, {33, 36, 39}, {48, 51, 54}};
  for (size_t k = 0; k < 4; k++) {
    assert_int_equal(lb.v[k][0], want[k][0]);
    assert_int_equal(lb.v[k][1], want[k][1]);
    assert_int_equal(lb.v[k][2], want[k][2]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_known),
      cmocka_unit_test(test_every_slice),
      cmocka_unit_test(test_random_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
