/* test_utf8.c: the fast paths of qg_cp_width and qg_cp_is_wide (pipeline/utf8.c) agree with
 * their definition by ICU's properties for every code point; qg_utf8_count counts code
 * points on every slice of a mixed string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <unicode/uchar.h>

#include "internal.h"

#define QG_TEST_SEED 0x7AB1E5EEDULL
#include "testrand.h"

/* The definitions, by ICU properties only. */
static int width_ref(uint32_t cp) {
  if (cp < 0x300) return cp < 0x20 ? 0 : cp == 0xB7 ? 2 : 1;
  if (qg_cp_is_cjk_ambiguous(cp)) return 2;
  int gc = u_charType((UChar32)cp);
  if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR) return 0;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}
static bool wide_ref(uint32_t cp) {
  if (cp < 0x1100) return cp == 0xB7;
  if (qg_cp_is_cjk_ambiguous(cp)) return true;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH;
}

static void test_every_code_point(void **st) {
  (void)st;
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    if (qg_cp_width(cp) != width_ref(cp)) fail_msg("qg_cp_width(U+%04X)", (unsigned)cp);
    if (qg_cp_is_wide(cp) != wide_ref(cp)) fail_msg("qg_cp_is_wide(U+%04X)", (unsigned)cp);
  }
  assert_int_equal(qg_cp_width(0x4E2D), 2); /* 中 */
  assert_int_equal(qg_cp_width(0x302A), 0); /* a combining tone mark next to the fast block */
  assert_int_equal(qg_cp_width('a'), 1);
}

/* qg_utf8_count (eight bytes at a time) counts what a byte-by-byte count does. */
static void test_count(void **st) {
  (void)st;
  const char *s = "a中文，\xF0\xA0\x80\x80 b\xC2\xA0全角\xEF\xBC\x91\xE2\x80\x94x";
  size_t n = strlen(s);
  for (size_t from = 0; from <= n; from++)
    for (size_t to = from; to <= n; to++) {
      size_t want = 0;
      for (size_t i = from; i < to; i++) want += ((unsigned char)s[i] & 0xC0) != 0x80;
      assert_int_equal(qg_utf8_count(s + from, to - from), want);
    }
  assert_int_equal(qg_utf8_count("中文中文中文中文", 24), 8);
  /* long text (past 255 blocks of sixteen, where lane counts are summed), cut anywhere */
  static char big[9000];
  size_t bn = 0, sl = strlen(s);
  while (bn + sl < sizeof big) memcpy(big + bn, s, sl), bn += sl;
  for (int k = 0; k < 300; k++) {
    size_t from = (size_t)k * 7 % 100, to = bn - (size_t)k * 13 % 200;
    size_t want = 0;
    for (size_t i = from; i < to; i++) want += ((unsigned char)big[i] & 0xC0) != 0x80;
    assert_int_equal(qg_utf8_count(big + from, to - from), want);
  }
}
/* The byte-by-byte qg_text_is_table_row of before the SSE2 scans, the reference. Byte classes: 0 other, 1 digit, 2 a mark a number may hold, 3 white
 * space, 4 the lead byte of U+3000, U+00A0, ％ or ‰ (looked at with the bytes after it). */
static const unsigned char ref_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['.'] = 2, [','] = 2, [':'] = 2, ['/'] = 2, ['%'] = 2, ['+'] = 2,
    ['-'] = 2, [' '] = 3, ['\t'] = 3, [0xE3] = 4, [0xC2] = 4, [0xEF] = 4, [0xE2] = 4};

/* The last byte of a full-width mark a number may hold (EF BC xx): ％ ＋ ， － ． ／ ： */
static bool ref_fw_mark(unsigned char b) {
  return b == 0x85 || b == 0x8B || b == 0x8C || b == 0x8D || b == 0x8E || b == 0x8F || b == 0x9A;
}

static bool table_row_ref(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t digits = 0; /* three numbers need three digits: most lines stop here (a loop the
                      * compiler vectorizes) */
  /* ASCII digits, and the last byte of full-width ones (EF BC 90..99): this stage runs before
   * the chars stage folds them, and the cue stage after it; both must see the same rows */
  if (len) digits = (unsigned char)(u[0] - '0') < 10;
  for (size_t i = 1; i < len; i++) /* branch-free, so the compiler vectorizes it */
    digits += (unsigned)((unsigned char)(u[i] - '0') < 10) +
              (unsigned)(((unsigned char)(u[i] - 0x90) < 10) & (u[i - 1] == 0xBC));
  if (digits < 3) return false;
  unsigned fields = 0, numeric = 0;
  bool in = false, digit = false, other = false;
  for (size_t i = 0; i <= len; i++) {
    unsigned c = i < len ? ref_class[u[i]] : 3;
    if (c == 4) { /* the multi-byte ones that matter; any other is a letter of a field */
      if (u[i] == 0xE3 && len - i >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) c = 3, i += 2;
      else if (u[i] == 0xC2 && len - i >= 2 && u[i + 1] == 0xA0) c = 3, i += 1;
      else if (u[i] == 0xEF && len - i >= 3 && u[i + 1] == 0xBC && u[i + 2] - 0x90u < 10)
        c = 1, i += 2; /* a full-width digit */
      else if (u[i] == 0xEF && len - i >= 3 && u[i + 1] == 0xBC && ref_fw_mark(u[i + 2]))
        c = 2, i += 2;
      else if (u[i] == 0xE2 && len - i >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0xB0) c = 2, i += 2;
      else c = 0;
    }
    if (c == 3) {
      if (in) {
        fields++;
        numeric += digit && !other;
      }
      in = digit = other = false;
      continue;
    }
    in = true;
    if (c == 1) digit = true;
    else if (c == 0) { /* not a number: on to the next white space or possible one */
      other = true;
      while (i + 1 < len && !ref_class[u[i + 1]]) i++;
    }
  }
  return numeric >= 3 && numeric * 2 >= fields;
}

/* qg_text_is_table_row (digits counted and fields skipped sixteen bytes at a time) answers as
 * the byte-by-byte reference on random lines of numbers, marks, spaces and text, short and long
 * (past 255 blocks of sixteen, where the digit count is summed). */
static void test_table_row(void **st) {
  (void)st;
  static const char *const pieces[] = {
      "1", "23", "0.5", "+0.85%", "-", ",", ":", "/", " ", " ", "\t", "\xE3\x80\x80" /* U+3000 */,
      "\xC2\xA0", "\xC2\xB7", "\xEF\xBC\x91" /* 1 */, "\xEF\xBC\x99", "\xEF\xBC\x8E" /* . */,
      "\xEF\xBC\x85" /* % */, "\xE2\x80\xB0" /* permille */, "\xE2\x80\x94", "a", "x9",
      "\xE4\xB8\xAD", "\xE3\xBC\x90" /* BC 90 in no digit */, "\xE3\x80\x82", "600519"};
  const size_t np = sizeof pieces / sizeof pieces[0];
  static char line[8192];
  size_t rows = 0, lines = 0;
  for (int round = 0; round < 40000; round++) {
    size_t n = 0, want = next_rand() % 4 == 0 ? next_rand() % 7000 : next_rand() % 200;
    bool numeric = next_rand() % 2; /* mostly numbers and spaces: rows */
    while (n < want) {
      const char *p = pieces[numeric && next_rand() % 4 ? next_rand() % 12 : next_rand() % np];
      size_t k = strlen(p);
      if (n + k >= sizeof line) break;
      memcpy(line + n, p, k);
      n += k;
    }
    /* (and a row of cells with two figures that are no bare whole numbers, qg_text_cells:
     * probe 17 P4) */
    qg_cells cl;
    bool ref = table_row_ref(line, n) ||
               (n <= 256 && qg_text_cells(line, n, &cl) && cl.fields >= 3 && cl.fields <= 8 &&
                cl.longest <= 12 && cl.strong >= 2 && cl.figures * 2 >= cl.fields &&
                (cl.adjacent_words || !cl.word_after_figure));
    if (qg_text_is_table_row(line, n) != ref) fail_msg("round %d: %zu bytes, reference %d", round, n, ref);
    rows += ref;
    lines++;
  }
  /* both answers occur */
  assert_true(rows > 1000 && rows < lines - 1000);
  assert_true(qg_text_is_table_row("600519 \xE8\xB4\xB5 1789.00 1801.50 +0.85%", 33));
  assert_true(qg_text_is_table_row("abc 1 def 2 ghi 3", 17)); /* half the fields */
  assert_false(qg_text_is_table_row("abc 1 def 2 ghi 3 jkl", 21));
  /* rows of data (probe 17 P4): two figures that are no bare whole numbers, half the fields */
  static const char *const rows_yes[] = {"东湖 小雪 -5℃ 2℃", "贵州茅台 1789.00 +0.85%",
                                         "G1502 东湖东 北京西 07:25 11:48",
                                         "K1218 东湖 上海 19:30 次日08:15",
                                         "北京 晴 -8℃ 3℃", "南湖 小雪 －５℃ ２℃"};
  static const char *const rows_no[] = {
      "2025 增长 5.6%",          /* one such figure: a headline */
      "国足 2:0 胜泰国",         /* likewise */
      "东湖 小雪 -5℃ 2℃。",      /* a sentence mark */
      "rose 5.2% 3.1%",          /* a Latin word: prose */
      "今年 全市 增长 5.2% 居民 收入 增长 5.1% 以上", /* figures under half the fields */
      "东湖 小雪 -5℃，2℃",       /* a clause mark */
      "两项分别增长 5.2% 和 3.1%", /* words and figures in turn: spaced prose */
  };
  for (size_t i = 0; i < sizeof rows_yes / sizeof *rows_yes; i++)
    if (!qg_text_is_table_row(rows_yes[i], strlen(rows_yes[i]))) fail_msg("not a row: %s", rows_yes[i]);
  for (size_t i = 0; i < sizeof rows_no / sizeof *rows_no; i++)
    if (qg_text_is_table_row(rows_no[i], strlen(rows_no[i]))) fail_msg("a row: %s", rows_no[i]);
  assert_true(qg_text_is_table_row("5 8 2", 5)); /* three numbers: the rule of before */
  /* qg_text_cells: fields, figures, strong ones, the first field */
  qg_cells c;
  assert_true(qg_text_cells("K1218 东湖 上海 19:30 次日08:15", strlen("K1218 东湖 上海 19:30 次日08:15"), &c));
  assert_int_equal(c.fields, 5);
  assert_int_equal(c.figures, 3);
  assert_int_equal(c.strong, 2);
  assert_int_equal(c.shape, 0x19);
  assert_true(c.first_code);
  assert_true(qg_text_cells("哈尔滨 大雪 -21～-12℃", strlen("哈尔滨 大雪 -21～-12℃"), &c));
  assert_int_equal(c.fields, 3);
  assert_int_equal(c.strong, 1);
  assert_int_equal(c.first, 3);
  assert_true(c.first_han);
  assert_false(qg_text_cells("数据 Direct 1.5%", strlen("数据 Direct 1.5%"), &c));
  assert_int_equal(c.units, 0);
  /* figures with a Han unit in the cell or in a field of their own (review 16 R3) */
#define CELLS(t) qg_text_cells(t, strlen(t), &c)
  assert_true(CELLS("先进制造 23个 156.2亿元"));
  assert_int_equal(c.figures, 2);
  assert_int_equal(c.units, 2);
  assert_int_equal(c.strong, 1); /* the decimal point */
  assert_int_equal(c.shape, 0x6);
  assert_true(CELLS("2026年 2025年 2024年"));
  assert_int_equal(c.figures, 3);
  assert_false(c.first_han); /* a figure with its unit is no label */
  assert_true(CELLS("张华 98 分"));
  assert_int_equal(c.figures, 2);
  assert_int_equal(c.units, 1);
  assert_false(c.word_after_figure);
  /* not units: three characters, a word after the figure, Han before the digits */
  assert_true(CELLS("增长 23个百分点 以上"));
  assert_int_equal(c.units, 0);
  assert_int_equal(c.figures, 0);
  assert_true(CELLS("张华 98 同学"));
  assert_int_equal(c.units, 0);
  assert_true(c.word_after_figure);
  assert_true(CELLS("第23个 项目"));
  assert_int_equal(c.figures, 0);
  assert_true(CELLS("23个人 项目"));
  assert_int_equal(c.units, 0);
  assert_true(CELLS("23个a 项目"));
  assert_int_equal(c.units, 0);
#undef CELLS
  /* a label and figures */
  assert_true(qg_text_label_figures("蓝球：09", strlen("蓝球：09")));
  assert_true(qg_text_label_figures("福彩3D第2026318期:5 8 2", strlen("福彩3D第2026318期:5 8 2")));
  assert_false(qg_text_label_figures("红球：03 08 第15", strlen("红球：03 08 第15")));
  assert_false(qg_text_label_figures("时间：19:30", strlen("时间：19:30")));
  assert_false(qg_text_label_figures("12：30", strlen("12：30")));
  assert_false(qg_text_label_figures("号码，如下：12", strlen("号码，如下：12")));
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_code_point),
                                     cmocka_unit_test(test_count),
                                     cmocka_unit_test(test_table_row)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
