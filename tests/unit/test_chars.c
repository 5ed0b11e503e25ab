/* test_chars.c: the character stage (stages/chars.c) driven by hand. Its fast path takes
 * sixteen bytes at a time over printable ASCII, common Han characters and the common CJK
 * marks; a character it must act on is found wherever it stands in such a run, and what it
 * skips is left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct seen {
  int n;
  char rule[8][32];
  qg_pos start[8];
} seen;

static int on_diag(void *ud, const qg_diag *d) {
  seen *s = ud;
  if (s->n < 8) {
    snprintf(s->rule[s->n], sizeof s->rule[0], "%s", d->rule);
    s->start[s->n] = d->start;
  }
  s->n++;
  return 0;
}

/* the next stage: keeps the text of the last block it got */
typedef struct capture {
  qg_stage base;
  char text[2048];
} capture;
static int cap_push(qg_stage *s, qg_block *b) {
  snprintf(((capture *)s)->text, sizeof ((capture *)s)->text, "%s", b->text.ptr);
  qg_block_release(s->ctx, b);
  return 0;
}
static int cap_noop(qg_stage *s) { (void)s; return 0; }
static void cap_free(qg_stage *s) { (void)s; }
static const qg_stage_vt cap_vt = {.name = "capture", .begin = cap_noop, .push = cap_push,
                                   .finish = cap_noop, .free = cap_free};

/* plain characters of every kind the fast path takes (no space first: that is an indent) */
static const char *const pool[] = {"中", "，", "。", "“", "”", "、", "《", "》", "（", "）", "：",
                                   "a", " ", "—", "…", "国", "！", "？", "7", "「", "」", "〈",
                                   "〉", "【", "】", "‘", "’", "；", "．", "〇", "\xE3\x80\x80",
                                   "\xE4\xB8\x80" /* U+4E00 */, "\xE9\xBF\xBF" /* U+9FFF */,
                                   "‐", "‧", "〃", "〔", "〕", "〜", "\xE3\x80\xA9" /* U+3029 */};
enum { NPOOL = sizeof pool / sizeof pool[0] };

typedef struct bad {
  const char *text, *rule, *clean;
} bad;

static void test_found_anywhere(void **st) {
  (void)st;
  static const bad bads[] = {
      {"\xEF\xBC\x90", "char-fullwidth-alnum", "0"},      /* ０ */
      {"\xEF\xBC\xA1", "char-fullwidth-alnum", "A"},      /* Ａ */
      {"\xE2\x80\x8B", "char-invisible", ""},             /* ZWSP */
      {"\r", "char-invisible", ""},                        /* a stray CR of an LF file */
      {"\xE2\xBC\x80", "char-radical", "\xE4\xB8\x80"},   /* ⼀ -> 一 */
      {"\xEF\xA4\x80", "char-compat-ideograph", "\xE8\xB1\x88"}, /* U+F900 -> 豈 */
      {"\xE2\x80\x80", "char-nfc", "\xE2\x80\x82"},       /* U+2000 -> U+2002 */
      {"e\xCC\x81", "char-nfc", "\xC3\xA9"},              /* e + acute -> é */
      {"\xE4\xB7\x80", NULL, "\xE4\xB7\x80"},             /* ䷀ U+4DC0: plain, below U+4E00 */
  };
  qg_options o;
  qg_options_init(&o);
  seen s = {0};
  qg_handler h = {.userdata = &s, .diag = on_diag};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  qg_ctx *ctx = qg_pipeline_ctx(p);
  qg_stage *cs = qg_stage_chars_new(ctx);
  assert_non_null(cs);
  capture cap = {.base = {.vt = &cap_vt, .ctx = ctx}};
  cs->next = &cap.base;
  int checked = 0;
  for (size_t k = 0; k < sizeof bads / sizeof bads[0]; k++)
    for (unsigned pre = 0; pre < 48; pre++) {
      char in[1024] = "", want[1024] = "";
      for (unsigned i = 0; i < pre; i++) strcat(in, pool[(i * 7 + k) % NPOOL]);
      strcat(want, in);
      strcat(in, bads[k].text);
      strcat(want, bads[k].clean);
      for (unsigned i = 0; i < 40; i++) {
        strcat(in, pool[(i * 5 + pre) % NPOOL]);
        strcat(want, pool[(i * 5 + pre) % NPOOL]);
      }
      qg_block *b = qg_block_get(ctx, QG_KIND_LINE);
      assert_non_null(b);
      qg_buf_puts(&b->text, in);
      qg_srcmap_add(&b->map, 0, 3, 1, QG_MAP_EXACT);
      b->line = b->end_line = 3;
      s.n = 0;
      assert_int_equal(cs->vt->push(cs, b), 0);
      assert_string_equal(cap.text, want);
      if (!bads[k].rule) {
        assert_int_equal(s.n, 0);
      } else {
        assert_int_equal(s.n, 1);
        assert_string_equal(s.rule[0], bads[k].rule);
        assert_int_equal(s.start[0].line, 3);
        assert_int_equal(s.start[0].col, pre + 1);
      }
      checked++;
    }
  assert_true(checked > 300);
  cs->vt->free(cs);
  qg_pipeline_free(p);
}

/* U+2028 (and U+2029, should one reach the stage) among Han text and CJK marks, at every
 * offset of a fast-path run: removed (no space between wide characters) and reported where it
 * stands. */
static void test_separator_found_anywhere(void **st) {
  (void)st;
  static const char *const wide[] = {"中", "，", "。", "“", "”", "〔", "〕", "‧", "国", "〜"};
  enum { NW = sizeof wide / sizeof wide[0] };
  qg_options o;
  qg_options_init(&o);
  seen s = {0};
  qg_handler h = {.userdata = &s, .diag = on_diag};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  qg_ctx *ctx = qg_pipeline_ctx(p);
  qg_stage *cs = qg_stage_chars_new(ctx);
  assert_non_null(cs);
  capture cap = {.base = {.vt = &cap_vt, .ctx = ctx}};
  cs->next = &cap.base;
  for (int sep = 0; sep < 2; sep++)
    for (unsigned pre = 0; pre < 40; pre++) {
      char in[1024] = "", want[1024] = "";
      for (unsigned i = 0; i < pre; i++) strcat(in, wide[(i * 3 + pre) % NW]);
      strcat(want, in);
      strcat(in, sep ? "\xE2\x80\xA9" : "\xE2\x80\xA8");
      for (unsigned i = 0; i < 30; i++) {
        strcat(in, wide[(i * 7 + pre) % NW]);
        strcat(want, wide[(i * 7 + pre) % NW]);
      }
      qg_block *b = qg_block_get(ctx, QG_KIND_LINE);
      assert_non_null(b);
      qg_buf_puts(&b->text, in);
      qg_srcmap_add(&b->map, 0, 2, 1, QG_MAP_EXACT);
      b->line = b->end_line = 2;
      s.n = 0;
      assert_int_equal(cs->vt->push(cs, b), 0);
      assert_string_equal(cap.text, want);
      assert_int_equal(s.n, 1);
      assert_string_equal(s.rule[0], "char-invisible");
      assert_int_equal(s.start[0].line, 2);
      assert_int_equal(s.start[0].col, pre + 1);
    }
  cs->vt->free(cs);
  qg_pipeline_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_found_anywhere),
                                     cmocka_unit_test(test_separator_found_anywhere)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
