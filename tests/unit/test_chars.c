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

/* The chars stage alone, its output captured, its diagnostics counted. */
typedef struct rig {
  seen s;
  qg_pipeline *p;
  qg_ctx *ctx;
  qg_stage *cs;
  capture cap;
} rig;

static void rig_open(rig *r) {
  qg_options o;
  qg_options_init(&o);
  memset(r, 0, sizeof *r);
  qg_handler h = {.userdata = &r->s, .diag = on_diag};
  r->p = qg_pipeline_new(&o, &h);
  assert_non_null(r->p);
  r->ctx = qg_pipeline_ctx(r->p);
  r->cs = qg_stage_chars_new(r->ctx);
  assert_non_null(r->cs);
  r->cap = (capture){.base = {.vt = &cap_vt, .ctx = r->ctx}};
  r->cs->next = &r->cap.base;
}

static void rig_close(rig *r) {
  r->cs->vt->free(r->cs);
  qg_pipeline_free(r->p);
}

/* Pushes text as source line `line` through the stage; the diagnostics counted afresh. */
static void rig_push(rig *r, const char *text, uint32_t line) {
  qg_block *b = qg_block_get(r->ctx, QG_KIND_LINE);
  assert_non_null(b);
  qg_buf_puts(&b->text, text);
  qg_srcmap_add(&b->map, 0, line, 1, QG_MAP_EXACT);
  b->line = b->end_line = line;
  r->s.n = 0;
  assert_int_equal(r->cs->vt->push(r->cs, b), 0);
}

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
      /* ⼀ -> 一 (a Han character after it: one alone in a pair of marks, 《⼀》, is a radical
       * named and kept, probe 16 F6) */
      {"\xE2\xBC\x80\xE4\xB8\xAD", "char-radical", "\xE4\xB8\x80\xE4\xB8\xAD"},
      {"\xEF\xA4\x80", "char-compat-ideograph", "\xE8\xB1\x88"}, /* U+F900 -> 豈 */
      /* U+2126 OHM SIGN -> U+03A9 (was U+2000 -> U+2002: opening the paragraph U+2000 is an
       * indent since probe 16 F5) */
      {"\xE2\x84\xA6", "char-nfc", "\xCE\xA9"},
      {"e\xCC\x81", "char-nfc", "\xC3\xA9"},              /* e + acute -> é */
      {"\xE4\xB7\x80", NULL, "\xE4\xB7\x80"},             /* ䷀ U+4DC0: plain, below U+4E00 */
  };
  static rig r;
  rig_open(&r);
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
      rig_push(&r, in, 3);
      assert_string_equal(r.cap.text, want);
      if (!bads[k].rule) {
        assert_int_equal(r.s.n, 0);
      } else {
        assert_int_equal(r.s.n, 1);
        assert_string_equal(r.s.rule[0], bads[k].rule);
        assert_int_equal(r.s.start[0].line, 3);
        assert_int_equal(r.s.start[0].col, pre + 1);
      }
      checked++;
    }
  assert_true(checked > 300);
  rig_close(&r);
}

/* U+2028 (and U+2029, should one reach the stage) among Han text and CJK marks, at every
 * offset of a fast-path run: removed (no space between wide characters) and reported where it
 * stands. */
static void test_separator_found_anywhere(void **st) {
  (void)st;
  static const char *const wide[] = {"中", "，", "。", "“", "”", "〔", "〕", "‧", "国", "〜"};
  enum { NW = sizeof wide / sizeof wide[0] };
  static rig r;
  rig_open(&r);
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
      rig_push(&r, in, 2);
      assert_string_equal(r.cap.text, want);
      assert_int_equal(r.s.n, 1);
      assert_string_equal(r.s.rule[0], "char-invisible");
      assert_int_equal(r.s.start[0].line, 2);
      assert_int_equal(r.s.start[0].col, pre + 1);
    }
  rig_close(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_found_anywhere),
                                     cmocka_unit_test(test_separator_found_anywhere)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
