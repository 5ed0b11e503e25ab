/* test_hanseg.c: the words of a run of common Han characters computed outside ICU's break
 * engine (stages/hanseg.c) against ICU's word break iterator (locale zh, as segment.c opens
 * it), token by token: the same boundaries, and ICU's rule status of every token in its
 * ideographic range. The runs are made here: random characters of U+4E00..U+9FFF (some of
 * U+3400..U+4DBF and U+3007 among them), random
 * characters of the Han text of samples/ and tests/pages/, and random sequences of
 * dictionary words (substrings of that text the dictionary holds) with repeats of them (AA,
 * ABAB, AAB, ABB, AABB, a word and a character of it), lengths 1 to 200 characters. Also:
 * which text qg_hanseg_fits lets through, and the segmenter (qg_segment_words) on such runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include "hanseg.h"
#include "internal.h"

#define QG_TEST_SEED 0x4A25E6ULL
#include "testrand.h"

#define MAX_CHARS 200

/* ---- the material: the Han characters of the repository's copy, and dictionary words ---- */

static uint16_t *pool;        /* every common Han character of the files, in order */
static size_t npool;
#define WORD_MAX 16
static uint16_t (*words)[WORD_MAX]; /* dictionary words: of the copy, and found by random walks */
static uint8_t *word_len;
static size_t nwords;

static void add_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return;
  unsigned char buf[4096];
  size_t n;
  unsigned char carry[3];
  size_t nc = 0;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    for (size_t i = 0; i < n; i++) {
      if (nc == 0 && !(buf[i] >= 0xE3 && buf[i] <= 0xE9)) continue;
      carry[nc++] = buf[i];
      if (nc < 3) continue;
      nc = 0;
      if (qg_hanseg_fits((const char *)carry, 3)) {
        pool = realloc(pool, (npool + 1) * sizeof *pool);
        assert_non_null(pool);
        pool[npool++] = (uint16_t)(((carry[0] & 0x0F) << 12) | ((carry[1] & 0x3F) << 6) |
                                   (carry[2] & 0x3F));
      } else if (npool && pool[npool - 1]) { /* a break between runs */
        pool = realloc(pool, (npool + 1) * sizeof *pool);
        assert_non_null(pool);
        pool[npool++] = 0;
      }
    }
  }
  fclose(f);
}

static void add_dir(const char *dir) {
  char path[4096];
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t l = strlen(e->d_name);
    if (l < 4 || strcmp(e->d_name + l - 4, ".txt")) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    add_file(path);
  }
  closedir(d);
}

/* A word of the dictionary made of the characters qg_hanseg_fits takes, by a random walk from
 * the root: at each step one of the units that continue the string, until a word ends and the
 * walk stops there (one time in three, or where nothing continues it); 0 for a walk that ends
 * in no word. */
#define WALKS 30000
static uint16_t next_buf[1 << 16];
static size_t random_word(uint16_t *w) {
  size_t len = 0;
  for (;;) {
    size_t k = qg_hanseg_next_units(w, len, next_buf, sizeof next_buf / sizeof *next_buf), m = 0;
    assert_true(k <= sizeof next_buf / sizeof *next_buf);
    for (size_t i = 0; i < k; i++)
      if ((next_buf[i] >= 0x4E00 && next_buf[i] <= 0x9FFF) ||
          (next_buf[i] >= 0x3400 && next_buf[i] <= 0x4DBF) || next_buf[i] == 0x3007)
        next_buf[m++] = next_buf[i];
    bool word = len && qg_hanseg_lookup(w, len) >= 0;
    if (word && (m == 0 || len == WORD_MAX || next_rand() % 3 == 0)) return len;
    if (m == 0 || len == WORD_MAX) return 0;
    w[len++] = next_buf[next_rand() % m];
  }
}

static int setup(void **state) {
  (void)state;
  if (!qg_hanseg_ready_any_version()) {
    fprintf(stderr, "test_hanseg: ICU's Han dictionary did not open\n");
    return -1;
  }
  add_dir(QG_SOURCE_DIR "/samples");
  add_dir(QG_SOURCE_DIR "/tests/pages");
  if (npool < 1000) return -1;
  /* the dictionary's words among the substrings of two to eight characters of every run */
  size_t cap = npool * 7 + WALKS;
  words = malloc(cap * sizeof *words);
  word_len = malloc(cap);
  if (!words || !word_len) return -1;
  for (size_t i = 0; i < npool; i++)
    for (size_t l = 2; l <= 8 && i + l <= npool; l++) {
      if (!pool[i + l - 1]) break;
      if (qg_hanseg_lookup(pool + i, l) < 0) continue;
      memcpy(words[nwords], pool + i, l * sizeof *pool);
      word_len[nwords++] = (uint8_t)l;
    }
  size_t from_copy = nwords;
  /* and words of the whole dictionary, of every length */
  for (int i = 0; i < WALKS; i++) {
    size_t l = random_word(words[nwords]);
    if (l) word_len[nwords++] = (uint8_t)l;
  }
  fprintf(stderr, "test_hanseg: %zu words of the copy, %zu of random walks\n", from_copy,
          nwords - from_copy);
  return from_copy < 500 || nwords - from_copy < WALKS / 2 ? -1 : 0;
}

static int teardown(void **state) {
  (void)state;
  free(pool);
  free(words);
  free(word_len);
  return 0;
}

/* ---- the comparison ---- */

static void put_unit(char *s, size_t *n, uint16_t c) {
  s[(*n)++] = (char)(0xE0 | (c >> 12));
  s[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
  s[(*n)++] = (char)(0x80 | (c & 0x3F));
}

static UBreakIterator *bi;
static UText *ut;
static qg_hanseg hs;
static size_t compared, tokens;

/* ICU's tokens of t[0, n) against qg_hanseg_words's: boundaries (bytes) and statuses. */
static void compare(const char *t, size_t n) {
  assert_true(qg_hanseg_fits(t, n));
  UErrorCode err = U_ZERO_ERROR;
  ut = utext_openUTF8(ut, t, (int64_t)n, &err);
  ubrk_setUText(bi, ut, &err);
  assert_true(U_SUCCESS(err));
  long k = qg_hanseg_words(&hs, t, n);
  assert_true(k >= 1);
  long i = 0;
  int32_t start = ubrk_first(bi);
  assert_int_equal(start, 0);
  for (int32_t end = ubrk_next(bi); end != UBRK_DONE; end = ubrk_next(bi), i++) {
    int32_t st = ubrk_getRuleStatus(bi);
    if (i >= k || (size_t)end != 3 * (size_t)hs.ends[i] || st < UBRK_WORD_IDEO ||
        st >= UBRK_WORD_IDEO_LIMIT) {
      fprintf(stderr, "differs at token %ld: ICU ends it at byte %d (status %d), hanseg at %ld\n"
                      "text: %.*s\n",
              i, end, st, i < k ? 3 * (long)hs.ends[i] : -1L, (int)n, t);
      fail();
    }
  }
  assert_int_equal(i, k);
  compared++;
  tokens += (size_t)k;
}

/* A random character of the block, one in eight of extension A, one in 64 〇. */
static uint16_t rand_han(void) {
  uint32_t r = next_rand();
  if (r % 64 == 0) return 0x3007;
  if (r % 8 == 1) return (uint16_t)(0x3400 + (r >> 8) % 0x19C0);
  return (uint16_t)(0x4E00 + (r >> 8) % 0x5200);
}

static size_t rand_len(void) {
  uint32_t r = next_rand() % 8;
  return r < 3 ? 1 + next_rand() % 8 : r < 6 ? 1 + next_rand() % 40 : 1 + next_rand() % MAX_CHARS;
}

static void append_word(char *s, size_t *n, size_t w, size_t max) {
  for (size_t j = 0; j < word_len[w] && *n / 3 < max; j++) put_unit(s, n, words[w][j]);
}

/* A run of dictionary words, repeats of them and single characters. */
static size_t make_words(char *s, size_t max) {
  size_t n = 0;
  while (n / 3 < max) {
    size_t w = next_rand() % nwords, v = next_rand() % nwords;
    switch (next_rand() % 10) {
    case 0: /* AA */
      append_word(s, &n, w, max);
      append_word(s, &n, w, max);
      break;
    case 1: /* ABAB */
      append_word(s, &n, w, max);
      append_word(s, &n, v, max);
      append_word(s, &n, w, max);
      append_word(s, &n, v, max);
      break;
    case 2: /* a character of the word doubled: AAB, ABB */
      if (next_rand() & 1) put_unit(s, &n, words[w][0]);
      append_word(s, &n, w, max);
      if (n / 3 < max && (next_rand() & 1)) put_unit(s, &n, words[w][word_len[w] - 1]);
      break;
    case 3: /* AABB of a word's two characters */
      for (int j = 0; j < 4 && n / 3 < max; j++) put_unit(s, &n, words[w][(j / 2) % word_len[w]]);
      break;
    case 4: { /* a character of the copy */
      uint16_t c = pool[next_rand() % npool];
      put_unit(s, &n, c ? c : 0x4E00);
      break;
    }
    case 5: /* any character */
      put_unit(s, &n, rand_han());
      break;
    default:
      append_word(s, &n, w, max);
      break;
    }
  }
  return n;
}

static void test_against_icu(void **state) {
  (void)state;
  UErrorCode err = U_ZERO_ERROR;
  bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
  assert_true(U_SUCCESS(err));
  char s[3 * MAX_CHARS + 3 * WORD_MAX];
  for (int round = 0; round < 20000; round++) {
    size_t len = rand_len(), n = 0;
    switch (round % 4) {
    case 0: /* any characters of the block */
      for (size_t i = 0; i < len; i++) put_unit(s, &n, rand_han());
      break;
    case 1: /* characters of the copy, any order */
      for (size_t i = 0; i < len; i++) {
        uint16_t c = pool[next_rand() % npool];
        put_unit(s, &n, c ? c : 0x7684);
      }
      break;
    case 2: { /* a piece of the copy itself */
      size_t at = next_rand() % npool;
      for (size_t i = 0; i < len && at + i < npool && pool[at + i]; i++)
        put_unit(s, &n, pool[at + i]);
      if (!n) put_unit(s, &n, 0x4E2D);
      break;
    }
    default:
      n = make_words(s, len);
      break;
    }
    compare(s, n);
  }
  /* the ends of the block, and a run of one character repeated */
  {
    size_t n = 0;
    put_unit(s, &n, 0x4E00);
    compare(s, n);
    n = 0;
    put_unit(s, &n, 0x9FFF);
    put_unit(s, &n, 0x4E00);
    compare(s, n);
    n = 0;
    put_unit(s, &n, 0x3400);
    put_unit(s, &n, 0x4DBF);
    compare(s, n);
    n = 0; /* a year written with 〇 */
    put_unit(s, &n, 0x4E8C);
    put_unit(s, &n, 0x3007);
    put_unit(s, &n, 0x3007);
    put_unit(s, &n, 0x516B);
    put_unit(s, &n, 0x5E74);
    compare(s, n);
    n = 0;
    for (int i = 0; i < MAX_CHARS; i++) put_unit(s, &n, 0x7684);
    compare(s, n);
  }
  /* a piece longer than the arrays kept between pieces, then a short one again */
  char *big = malloc(3 * 6000 + 3 * WORD_MAX);
  assert_non_null(big);
  size_t n = make_words(big, 6000);
  compare(big, n);
  free(big);
  n = make_words(s, 30);
  compare(s, n);
  fprintf(stderr,
          "test_hanseg: %zu runs, %zu words, the same as ICU's (%zu characters of copy, %zu "
          "dictionary words)\n",
          compared, tokens, npool, nwords);
  ubrk_close(bi);
  utext_close(ut);
  qg_hanseg_free(&hs);
}

/* Which text the segmenter takes to hanseg.c: Han ideographs of U+4E00..U+9FFF,
 * U+3400..U+4DBF and U+3007 only. */
static void test_fits(void **state) {
  (void)state;
  assert_true(qg_hanseg_fits("中", 3));
  assert_true(qg_hanseg_fits("我们我们", 12));
  assert_true(qg_hanseg_fits("\xE4\xB8\x80\xE9\xBF\xBF", 6)); /* U+4E00, U+9FFF */
  assert_false(qg_hanseg_fits("", 0));
  assert_false(qg_hanseg_fits("中a", 4));
  assert_false(qg_hanseg_fits("中，", 6));
  assert_true(qg_hanseg_fits("\xE3\x90\x80\xE4\xB6\xBF", 6)); /* U+3400, U+4DBF: extension A */
  assert_true(qg_hanseg_fits("二〇〇八年", 15));
  assert_false(qg_hanseg_fits("\xE4\xB7\x80", 3));  /* U+4DC0, a hexagram */
  assert_false(qg_hanseg_fits("\xE4\xB7\xBF", 3));  /* U+4DFF */
  assert_false(qg_hanseg_fits("\xE3\x8F\xBF", 3));  /* U+33FF, a square symbol */
  assert_false(qg_hanseg_fits("\xE3\x80\x86", 3));  /* U+3006 */
  assert_false(qg_hanseg_fits("\xE3\x80\x88", 3));  /* U+3008, 〈 */
  assert_false(qg_hanseg_fits("\xE3\x80\x82", 3));  /* U+3002, 。 */
  assert_false(qg_hanseg_fits("\xE3\x81\x82", 3));  /* U+3042, hiragana */
  assert_false(qg_hanseg_fits("\xEA\x80\x80", 3));  /* U+A000, Yi */
  assert_false(qg_hanseg_fits("\xEF\xA4\x80", 3));  /* U+F900, a compatibility ideograph */
  assert_false(qg_hanseg_fits("\xF0\xA0\x80\x80", 4)); /* U+20000, extension B */
  assert_false(qg_hanseg_fits("\xE4\xB8", 2));       /* cut short */
  assert_false(qg_hanseg_fits("\xE4\xB8\x41", 3));   /* a bad continuation byte */
  assert_false(qg_hanseg_fits("\xE5\xC0\x80", 3));
}

/* The segmenter's words of Han runs, with and without the dictionary terms between them. */
static void test_segmenter(void **state) {
  (void)state;
  qg_segmenter *sg = qg_segmenter_new(NULL);
  assert_non_null(sg);
  qg_tokvec v = {0};
  const char *t = "我们我们今天去北京大学研究生命起源";
  assert_int_equal(qg_segment_words(sg, t, strlen(t), &v), 0);
  const char *want[] = {"我们", "我们", "今天", "去", "北京",
                        "大学", "研究", "生命", "起源"};
  assert_int_equal(v.n, sizeof want / sizeof *want);
  for (size_t i = 0; i < v.n; i++) {
    assert_int_equal(v.v[i].end - v.v[i].start, strlen(want[i]));
    assert_memory_equal(t + v.v[i].start, want[i], strlen(want[i]));
    assert_int_equal(v.v[i].status, QG_WORD_IDEO);
  }
  /* mixed text stays with ICU: a Latin word and a mark between Han words */
  t = "他用AI写了，很好";
  assert_int_equal(qg_segment_words(sg, t, strlen(t), &v), 0);
  assert_int_equal(v.n, 6);
  assert_int_equal(v.v[1].status, QG_WORD_LETTER);
  assert_int_equal(v.v[4].status, QG_WORD_NONE);
  free(v.v);
  qg_segmenter_free(sg);
}

/* The dictionary opens in this build (ICU 72: the version whose engine hanseg.c follows). */
static void test_ready(void **state) {
  (void)state;
  UVersionInfo v;
  u_getVersion(v);
  if (v[0] == 72) assert_true(qg_hanseg_ready());
  else assert_false(qg_hanseg_ready());
  uint16_t zhong_guo[] = {0x4E2D, 0x56FD};
  assert_true(qg_hanseg_lookup(zhong_guo, 2) >= 0);
  uint16_t none[] = {0x9FFF, 0x9FFE, 0x9FFD};
  assert_int_equal(qg_hanseg_lookup(none, 3), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ready),
      cmocka_unit_test(test_fits),
      cmocka_unit_test(test_segmenter),
      cmocka_unit_test(test_against_icu),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
