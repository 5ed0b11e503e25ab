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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_paths_agree),
      cmocka_unit_test(test_damage_is_reported),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
