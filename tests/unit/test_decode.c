/* test_decode.c: the decoder's UTF-8 fast path (well-formed runs copied as they are) and its
 * ICU path (anything else, and every sequence cut by a chunk end) give the same output.
 * Feeding a text one byte at a time sends every multi-byte character through ICU; feeding it
 * whole sends the well-formed ones through the fast path. Both must give the same JSON,
 * diagnostics (decode-invalid with its bytes, line and column) included, in both
 * --invalid modes and with a small block limit. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "qinggao.h"

static char *run(const char *in, size_t len, size_t chunk, qg_invalid_mode inv, size_t max_block,
                 int *status) {
  char *out = NULL;
  size_t outlen = 0;
  FILE *mem = open_memstream(&out, &outlen);
  qg_writer *w = qg_writer_new(QG_FORMAT_JSON, mem);
  qg_options o;
  qg_options_init(&o);
  o.invalid = inv;
  o.encoding = "UTF-8"; /* named: no detection sample, so chunks reach the converter as fed */
  o.max_block_bytes = max_block;
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  int rc = qg_pipeline_begin(p, "t");
  for (size_t off = 0; !rc && off < len; off += chunk)
    rc = qg_pipeline_feed(p, in + off, len - off < chunk ? len - off : chunk);
  int frc = qg_pipeline_finish(p);
  *status = rc ? rc : frc;
  qg_writer_close(w);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(mem);
  return out;
}

/* Well-formed and ill-formed UTF-8 mixed with Chinese text and line ends. */
static const char *const inputs[] = {
    "\xEF\xBB\xBF本报讯 今天天气很好。\n第二段，有逗号。\r\n第三段\r第四段\n",
    "开头\xE4\xB8结尾。\n下一行。\n",                     /* a cut sequence, then text */
    "坏字节\xFF在中间。\n\xC0\xAF超长编码。\n",          /* invalid byte, overlong */
    "代理\xED\xA0\x80项。\n非字符\xEF\xBF\xBE和\xEF\xB7\x90。\n", /* surrogate, noncharacters */
    "表情\xF0\x9F\x98\x80和扩展\xF0\xA0\x80\x80字。\n越界\xF4\x90\x80\x80。\n",
    "替换符\xEF\xBF\xBD在此。\n全角\xEF\xBC\x91\xEF\xBC\x92。\n\xE3\x80\x80\xE3\x80\x80缩进。\n",
    "结尾被截断\xE4\xB8",
    "这是一段比较长的文字\xFF之后。\n第二行有零宽\xE2\x80\x8B字符和全角\xEF\xBC\x91。\n", /* columns */
    "\xE2\x80\x8B零宽\xE2\xBC\x88部首。\n\n\n空行之后。\n",
    "一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n",
};

static void test_paths_agree(void **st) {
  (void)st;
  for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
    for (int inv = 0; inv < 2; inv++)
      for (int small = 0; small < 2; small++) {
        const char *in = inputs[i];
        size_t len = strlen(in), max = small ? 16 : 0;
        qg_invalid_mode mode = inv ? QG_INVALID_REPLACE : QG_INVALID_ERROR;
        int s1, s2, s3;
        char *whole = run(in, len, len, mode, max, &s1);
        char *bytes = run(in, len, 1, mode, max, &s2);
        char *threes = run(in, len, 3, mode, max, &s3);
        if (strcmp(whole, bytes) || strcmp(whole, threes))
          fail_msg("input %zu (invalid=%d, max=%zu): outputs differ\n%s\n---\n%s", i, inv, max,
                   whole, bytes);
        assert_int_equal(s1, s2);
        assert_int_equal(s1, s3);
        free(whole), free(bytes), free(threes);
      }
}

/* The ill-formed inputs are reported (the test above compares real diagnostics). */
static void test_damage_is_reported(void **st) {
  (void)st;
  int s;
  char *out = run(inputs[2], strlen(inputs[2]), strlen(inputs[2]), QG_INVALID_REPLACE, 0, &s);
  assert_int_equal(s, 0);
  assert_non_null(strstr(out, "decode-invalid"));
  assert_non_null(strstr(out, "0xFF"));
  assert_non_null(strstr(out, "0xC0"));
  free(out);
  out = run(inputs[3], strlen(inputs[3]), strlen(inputs[3]), QG_INVALID_REPLACE, 0, &s);
  assert_non_null(strstr(out, "0xED"));
  free(out);
}

/* The census byte by byte, as before the blocks of sixteen: the reference.
 * Counts invalid byte i, and a new run of invalid bytes unless byte i - 1 was invalid too. */
static void bad_byte(size_t i, size_t *last_bad, size_t *invalid, size_t *runs) {
  if (*last_bad == SIZE_MAX || *last_bad + 1 != i) (*runs)++;
  *last_bad = i;
  (*invalid)++;
}

/* Counts the bytes of valid multi-byte UTF-8 sequences, the invalid bytes and the runs of
 * consecutive invalid bytes in s. A sequence cut by the end of the sample is none of these
 * when more input follows. */
static void census_ref(const unsigned char *s, size_t n, bool final, size_t *mb_bytes,
                        size_t *invalid, size_t *runs) {
  size_t i = 0, last_bad = SIZE_MAX;
  *mb_bytes = *invalid = *runs = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else { bad_byte(i, &last_bad, invalid, runs); i++; continue; }
    if (i + need >= n) { /* the sequence runs past the end of the sample */
      bool ok = !final;
      for (size_t k = 1; ok && i + k < n; k++) {
        unsigned t = s[i + k];
        if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) ok = false;
      }
      if (ok) return; /* cut by the sample's end: more input follows */
      bad_byte(i, &last_bad, invalid, runs);
      i++;
      continue;
    }
    bool ok = true;
    for (size_t k = 1; ok && k <= need; k++) {
      unsigned t = s[i + k];
      if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) ok = false;
    }
    if (ok) {
      *mb_bytes += need + 1;
      i += need + 1;
    } else {
      bad_byte(i, &last_bad, invalid, runs);
      i++;
    }
  }
}

#define QG_TEST_SEED 0xDEC0DE5EEDULL
#include "testrand.h"

/* Random copy: mostly Chinese and ASCII, with the sequences the blocks of sixteen take
 * (two bytes, three with lead E1..EC or EF) and those they leave to the byte-by-byte path
 * (E0, ED, F0, noncharacters EF B7 and EF BF, ill-formed and cut ones), line ends. */
static size_t random_copy(char *t, size_t cap, size_t want, bool damage) {
  static const char *const good[] = {
      "中", "文", "字", "，", "。", "（", "）", "\xEF\xBC\x91", "a", "b", "1", " ", "the ",
      "\xC2\xB7", "é", "\xE3\x80\x80", "“", "”", "—", "\xE0\xA4\x85" /* U+0905 */,
      "\xED\x9E\xA3" /* U+D7A3 */, "\xF0\xA0\x80\x80", "\xEF\xB7\x80" /* U+FDC0 */,
      "\xEF\xBF\xA0" /* U+FFE0 */, "\xEF\xBB\xBF", "\n", "\r\n", "\r", "\t"};
  static const char *const bad[] = {"\xFF", "\xC0\xAF", "\xE4\xB8", "\xED\xA0\x80", "\xEF\xBF\xBE",
                                    "\xEF\xB7\x90", "\xF4\x90\x80\x80", "\x80", "\xC2", "\xF0\x9F"};
  const size_t ng = sizeof good / sizeof *good, nb = sizeof bad / sizeof *bad;
  size_t n = 0;
  while (n < want) {
    uint32_t r = next_rand();
    const char *p = damage && r % 97 == 0 ? bad[(r >> 8) % nb]
                    : r % 4 ? good[(r >> 8) % 12] : good[(r >> 8) % ng];
    size_t k = strlen(p);
    if (n + k >= cap) break;
    memcpy(t + n, p, k);
    n += k;
  }
  return n;
}

/* The census (blocks of sixteen bytes where they are well-formed) counts as the byte-by-byte
 * reference on random samples, damaged or not, final or not. */
static void test_census(void **st) {
  (void)st;
  static char t[6000];
  size_t damaged = 0;
  for (int round = 0; round < 20000; round++) {
    size_t n = random_copy(t, sizeof t, next_rand() % (round % 10 ? 300 : 5000), round % 2);
    for (int final = 0; final < 2; final++) {
      size_t m1, i1, r1, m2, i2, r2;
      qg_utf8_census((const unsigned char *)t, n, final, &m1, &i1, &r1);
      census_ref((const unsigned char *)t, n, final, &m2, &i2, &r2);
      if (m1 != m2 || i1 != i2 || r1 != r2)
        fail_msg("round %d (%zu bytes, final %d): %zu/%zu %zu/%zu %zu/%zu", round, n, final, m1,
                 m2, i1, i2, r1, r2);
      damaged += i2 > 0;
    }
  }
  assert_true(damaged > 1000);
}

/* Random copy decodes the same fed whole (blocks of sixteen where they are well-formed) and
 * byte by byte (every multi-byte character through ICU), with the block limit small or not. */
static void test_random_paths_agree(void **st) {
  (void)st;
  static char t[3000];
  for (int round = 0; round < 300; round++) {
    size_t n = random_copy(t, sizeof t, next_rand() % 2500, round % 3 == 0);
    size_t max = round % 4 == 1 ? 40 + next_rand() % 60 : 0;
    qg_invalid_mode mode = round % 2 ? QG_INVALID_REPLACE : QG_INVALID_ERROR;
    int s1, s2;
    char *whole = run(t, n, n, mode, max, &s1);
    char *bytes = run(t, n, 1, mode, max, &s2);
    if (strcmp(whole, bytes)) fail_msg("round %d (max %zu): outputs differ", round, max);
    assert_int_equal(s1, s2);
    free(whole), free(bytes);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paths_agree),
      cmocka_unit_test(test_damage_is_reported),
      cmocka_unit_test(test_census),
      cmocka_unit_test(test_random_paths_agree),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
