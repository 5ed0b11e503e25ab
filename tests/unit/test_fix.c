/* test_fix.c: `lint --fix`'s replay of edits (cli/fix.c, fix_apply), here the links: edits
 * that carry the same link (the two marks of a quotation pair) are applied all or none, on one
 * line or across lines; what touches an edit held back is held back too, but not a mark of a
 * pair, and a mark held back only for its partner holds back only what overlaps it (session
 * 25, audit 24 F20); edits with no link are not affected. And the bytes a fix is written in: GB18030-2022's 22 characters
 * in the GB family. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "lint.h"

static fix_edit ed(uint32_t line, uint32_t c1, uint32_t c2, const char *o, const char *r,
                   uint32_t link, fix_mode mode) {
  return (fix_edit){.start = {line, c1}, .end = {line, c2}, .mode = mode, .rule = "punct-quote",
                    .original = o, .replacement = r, .link = link};
}

/* Runs fix_apply over text (UTF-8) and returns the result (the text itself when nothing was
 * applied), malloc'd. */
static char *run(const char *text, fix_edit *e, size_t n) {
  char *out = NULL, err[256];
  size_t outlen = 0;
  assert_int_equal(fix_apply(text, strlen(text), "UTF-8", e, n, false, &out, &outlen, err,
                             sizeof err), 0);
  if (!out) return strdup(text);
  char *s = malloc(outlen + 1);
  memcpy(s, out, outlen);
  s[outlen] = '\0';
  free(out);
  return s;
}

/* 他说:"我们走". — the colon's fix is off (held back). A fix touching it is held back too
 * (made in a text that had the full-width colon), but not a mark of a pair: its direction was
 * decided with its partner's by the pairing (session 25, audit 24 F20: the open quote was held,
 * its partner with it, then the . touching the partner, and --fix applied nothing). */
static void test_pair_not_held_by_touch(void **st) {
  (void)st;
  const char *t = "他说:\"我们走\".\n";
  fix_edit e[4] = {
      ed(1, 3, 4, ":", "：", 0, FIX_SKIP_TOUCH),  /* rule off */
      ed(1, 4, 5, "\"", "“", 7, FIX_APPLY),       /* touches the colon */
      ed(1, 8, 9, "\"", "”", 7, FIX_APPLY),       /* its partner */
      ed(1, 9, 10, ".", "。", 0, FIX_APPLY),      /* touches the partner */
  };
  char *s = run(t, e, 4);
  assert_string_equal(s, "他说:“我们走”。\n");
  assert_false(e[0].applied);
  assert_true(e[1].applied && e[2].applied && e[3].applied);
  free(s);
  /* a fix without a link touching the colon is still held back (must not change) */
  fix_edit u[2] = {ed(1, 3, 4, ":", "：", 0, FIX_SKIP_TOUCH), ed(1, 2, 3, "说", "讲", 0, FIX_APPLY)};
  s = run(t, u, 2);
  assert_string_equal(s, t);
  assert_false(u[1].applied);
  free(s);
}

/* The open quote cannot be placed (its text is not there): its partner, linked to it, is held
 * back too, no “…" half pair; the . touching the partner is applied, the partner being the
 * file's own mark (F20: the hold-back does not travel through the pair). */
static void test_pair_held_together(void **st) {
  (void)st;
  const char *t = "他说:\"我们走\".\n";
  fix_edit e[3] = {
      ed(1, 4, 5, "'", "“", 7, FIX_APPLY),   /* not placed */
      ed(1, 8, 9, "\"", "”", 7, FIX_APPLY),  /* its partner */
      ed(1, 9, 10, ".", "。", 0, FIX_APPLY), /* touches the partner */
  };
  char *s = run(t, e, 3);
  assert_string_equal(s, "他说:\"我们走\"。\n");
  assert_false(e[0].applied);
  assert_false(e[1].applied);
  assert_true(e[2].applied);
  free(s);
  /* without the link the partner would have been applied: the case the link is for */
  fix_edit u[2] = {ed(1, 4, 5, "'", "“", 0, FIX_APPLY), ed(1, 8, 9, "\"", "”", 0, FIX_APPLY)};
  s = run(t, u, 2);
  assert_string_equal(s, "他说:\"我们走”.\n");
  free(s);
  /* a fix overlapping the mark held back is held back (must not change): an earlier stage's
   * fix of the same character, off */
  fix_edit v[3] = {ed(1, 4, 5, "\"", "＂", 0, FIX_SKIP_TOUCH), ed(1, 4, 5, "\"", "“", 7, FIX_APPLY),
                   ed(1, 8, 9, "\"", "”", 7, FIX_APPLY)};
  s = run(t, v, 3);
  assert_string_equal(s, t);
  assert_false(v[1].applied || v[2].applied);
  free(s);
}

/* A quotation over two lines: the opening mark on line 1 cannot be placed (held back), the
 * closing one on line 2 follows it; an unlinked fix on line 2 still applies. */
static void test_pair_across_lines(void **st) {
  (void)st;
  const char *t = "记者问:\"今天\n天气好吗\"?他说,好.\n";
  fix_edit e[4] = {
      ed(1, 4, 5, ":", "：", 0, FIX_SKIP_TOUCH),
      ed(1, 5, 6, "'", "“", 3, FIX_APPLY),
      ed(2, 5, 6, "\"", "”", 3, FIX_APPLY),
      ed(2, 9, 10, ",", "，", 0, FIX_APPLY),
  };
  char *s = run(t, e, 4);
  assert_string_equal(s, "记者问:\"今天\n天气好吗\"?他说，好.\n");
  assert_false(e[1].applied || e[2].applied);
  assert_true(e[3].applied);
  free(s);
}

/* Both marks applicable: both applied; two pairs on one line, one held back, the other kept. */
static void test_pairs_apply(void **st) {
  (void)st;
  const char *t = "\"甲\"和\"乙\":好\n";
  fix_edit e[5] = {
      ed(1, 8, 9, ":", "：", 0, FIX_SKIP_TOUCH), /* an earlier stage's, touching the second
                                                   * pair's close: not holding it back */
      ed(1, 1, 2, "\"", "“", 1, FIX_APPLY), ed(1, 3, 4, "\"", "”", 1, FIX_APPLY),
      ed(1, 5, 6, "'", "“", 2, FIX_APPLY), ed(1, 7, 8, "\"", "”", 2, FIX_APPLY),
  };
  char *s = run(t, e, 5);
  assert_string_equal(s, "“甲”和\"乙\":好\n");
  assert_true(e[1].applied && e[2].applied);
  assert_false(e[3].applied || e[4].applied);
  free(s);
}

/* The close fails after its open was applied on the same line (its text is not there): the
 * line is replayed with the open held back too. */
static void test_close_fails_after_open(void **st) {
  (void)st;
  const char *t = "\"甲:\"好\n";
  fix_edit e[3] = {
      ed(1, 3, 4, ":", "：", 0, FIX_SKIP_TOUCH),
      ed(1, 1, 2, "\"", "“", 5, FIX_APPLY),
      ed(1, 4, 5, "'", "”", 5, FIX_APPLY),
  };
  char *s = run(t, e, 3);
  assert_string_equal(s, t);
  assert_false(e[1].applied || e[2].applied);
  free(s);
}

/* Many pairs on one line, each separated by a comma fix, the first pair's open not placed:
 * that pair is held back and nothing else (the comma touching its close is applied, session
 * 25: before, each held close held back the comma, the comma the next open, to the end of the
 * line); a line below is fixed too. */
static void test_chain_of_pairs(void **st) {
  (void)st;
  enum { N = 2000 };
  size_t cap = 16 + N * 8 + 64, len = 0;
  char *t = malloc(cap);
  fix_edit *e = calloc(3 * N + 3, sizeof *e);
  size_t ne = 0;
  len += (size_t)sprintf(t + len, "说:");
  e[ne++] = ed(1, 2, 3, ":", "：", 0, FIX_SKIP_TOUCH);
  uint32_t col = 3;
  for (uint32_t i = 0; i < N; i++) {
    if (i) {
      e[ne++] = ed(1, col, col + 1, ",", "，", 0, FIX_APPLY);
      len += (size_t)sprintf(t + len, ",");
      col++;
    }
    e[ne++] = ed(1, col, col + 1, i ? "\"" : "'", "“", i + 1, FIX_APPLY);
    e[ne++] = ed(1, col + 2, col + 3, "\"", "”", i + 1, FIX_APPLY);
    len += (size_t)sprintf(t + len, "\"甲\"");
    col += 3;
  }
  len += (size_t)sprintf(t + len, "\n下一行,好\n");
  e[ne++] = ed(2, 4, 5, ",", "，", 0, FIX_APPLY);
  char *s = run(t, e, ne);
  for (size_t i = 0; i < 3; i++) assert_false(e[i].applied);
  for (size_t i = 3; i < ne; i++) assert_true(e[i].applied);
  assert_memory_equal(s, "说:\"甲\"，“甲”，", strlen("说:\"甲\"，“甲”，"));
  assert_string_equal(s + strlen(s) - strlen("下一行，好\n"), "下一行，好\n");
  free(s);
  free(t);
  free(e);
}

/* A fix that writes one of the 22 characters GB18030-2022 took out of the Private Use Area,
 * in a GB18030 or GBK file: written in the standard's two bytes (龴 U+9FB4 is FE59), the bytes
 * the file's own copy has and the decoder reads back as the character; ICU's 2005 table wrote
 * GB18030's four-byte form (82359037, U+E81E in GB18030-2022), and GBK could not write it (the
 * fix was left). No rule writes one today (their replacements are marks, digits and the
 * ideographs of dicts/radicals.inc, none of the 22): fix_apply is given such an edit here. */
static void test_gb2022_written(void **st) {
  (void)st;
  static const struct { uint32_t cp; unsigned char b[2]; } gb[] = { /* GB18030-2022 */
      {0xFE10, {0xA6, 0xD9}}, {0xFE12, {0xA6, 0xDA}}, {0xFE11, {0xA6, 0xDB}},
      {0xFE13, {0xA6, 0xDC}}, {0xFE14, {0xA6, 0xDD}}, {0xFE15, {0xA6, 0xDE}},
      {0xFE16, {0xA6, 0xDF}}, {0xFE17, {0xA6, 0xEC}}, {0xFE18, {0xA6, 0xED}},
      {0xFE19, {0xA6, 0xF3}}, {0x20087, {0xFE, 0x51}}, {0x20089, {0xFE, 0x52}},
      {0x200CC, {0xFE, 0x53}}, {0x9FB4, {0xFE, 0x59}}, {0x9FB5, {0xFE, 0x61}},
      {0x9FB6, {0xFE, 0x66}}, {0x9FB7, {0xFE, 0x67}}, {0x215D7, {0xFE, 0x6C}},
      {0x2298F, {0xFE, 0x76}}, {0x9FB9, {0xFE, 0x7E}}, {0x9FBA, {0xFE, 0x90}},
      {0x9FBB, {0xFE, 0xA0}},
      {0xFF0C, {0xA3, 0xAC}}, /* ， (no Private Use: as ICU writes it) */
  };
  static const char *const encs[] = {"GB18030", "GBK"};
  const char t[] = "\xBA\xC3,\xB5\xC4\n"; /* 好,的 (the same bytes in both) */
  for (size_t k = 0; k < 2; k++)
    for (size_t i = 0; i < sizeof gb / sizeof *gb; i++) {
      char rep[5] = {0}, err[256], *out = NULL, *back = NULL;
      uint32_t c = gb[i].cp;
      if (c < 0x10000)
        rep[0] = (char)(0xE0 | c >> 12), rep[1] = (char)(0x80 | (c >> 6 & 0x3F)),
        rep[2] = (char)(0x80 | (c & 0x3F));
      else
        rep[0] = (char)(0xF0 | c >> 18), rep[1] = (char)(0x80 | (c >> 12 & 0x3F)),
        rep[2] = (char)(0x80 | (c >> 6 & 0x3F)), rep[3] = (char)(0x80 | (c & 0x3F));
      fix_edit e = {.start = {1, 2}, .end = {1, 3}, .mode = FIX_APPLY, .rule = "punct-width",
                    .original = ",", .replacement = rep};
      size_t n = 0, bn = 0;
      assert_int_equal(fix_apply(t, sizeof t - 1, encs[k], &e, 1, false, &out, &n, err,
                                 sizeof err), 0);
      assert_true(e.applied);
      const char want[] = {'\xBA', '\xC3', (char)gb[i].b[0], (char)gb[i].b[1], '\xB5', '\xC4', '\n'};
      assert_int_equal(n, sizeof want);
      assert_memory_equal(out, want, sizeof want);
      /* read back (as --to-utf8 writes it): the character */
      assert_int_equal(fix_apply(out, n, encs[k], NULL, 0, true, &back, &bn, err, sizeof err), 0);
      char u[16];
      int un = snprintf(u, sizeof u, "好%s的\n", rep);
      assert_int_equal(bn, (size_t)un);
      assert_memory_equal(back, u, bn);
      free(out);
      free(back);
    }
  /* GBK reads A8BC as GB18030 does, ḿ U+1E3F (GBK's table: Private Use): a fix writing ḿ in a
   * GBK file writes A8BC */
  fix_edit e = {.start = {1, 2}, .end = {1, 3}, .mode = FIX_APPLY, .rule = "punct-width",
                .original = ",", .replacement = "\xE1\xB8\xBF"};
  char err[256], *out = NULL;
  size_t n = 0;
  assert_int_equal(fix_apply(t, sizeof t - 1, "GBK", &e, 1, false, &out, &n, err, sizeof err), 0);
  assert_true(e.applied);
  assert_int_equal(n, 7);
  assert_memory_equal(out, "\xBA\xC3\xA8\xBC\xB5\xC4\n", 7);
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pair_not_held_by_touch),
      cmocka_unit_test(test_pair_held_together),
      cmocka_unit_test(test_pair_across_lines),
      cmocka_unit_test(test_pairs_apply),
      cmocka_unit_test(test_close_fails_after_open),
      cmocka_unit_test(test_chain_of_pairs),
      cmocka_unit_test(test_gb2022_written),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
