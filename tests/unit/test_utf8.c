/* test_utf8.c: the fast paths of qg_cp_width and qg_cp_is_wide (pipeline/utf8.c) agree with
 * their definition by ICU's properties for every code point; qg_utf8_count counts code
 * points on every slice of a mixed string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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

/* The byte-by-byte qg_text_cells and qg_text_label_figures of session 16, the references: the
 * cells without the stop at a field of more than QG_CELL_MAX characters, the label and figures
 * without the look at the last character first. */
static int ref_figure_mark(uint32_t c) {
  switch (c) {
  case '.': case ':': case '%': case '+': case '-': case '~': case 0x2030: case 0x2212:
  case 0xB1: case 0x2103: case 0xB0: case 0xFF5E: case 0x2014: case 0xFF05: case 0xFF0B:
  case 0xFF0D: case 0xFF0E: case 0xFF1A:
    return 1;
  case ',': case '/': case 0xFF0F: case 0xFF0C:
    return 2;
  default:
    return 0;
  }
}

static bool cells_ref(const char *s, size_t n, qg_cells *out) {
  memset(out, 0, sizeof *out);
  size_t i = 0;
  unsigned fields = 0;
  bool prev_word = false;
  while (i < n) {
    size_t k0 = i;
    uint32_t c = qg_utf8_next(s, n, &k0);
    if (qg_cp_is_space(c)) {
      i = k0;
      continue;
    }
    unsigned chars = 0, han = 0, han_lead = 0, digits = 0, upper = 0, lower = 0, other = 0;
    bool strong = false, colon = false, code_ok = true, lead_sign = false;
    uint32_t prev = 0;
    while (i < n) {
      size_t k = i;
      c = qg_utf8_next(s, n, &k);
      if (qg_cp_is_space(c)) break;
      i = k;
      if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 ||
          c == 0xFF1F || c == ';' || c == '!' || c == '?')
        return false;
      if ((c == ',' || c == '.') &&
          !(prev - '0' < 10u && i < n && (unsigned char)(s[i] - '0') < 10u))
        return false;
      chars++;
      bool d = c - '0' < 10u || c - 0xFF10 < 10u;
      if (d) {
        digits++;
      } else if (qg_cp_is_han(c)) {
        han++;
        if (!digits && han == chars) han_lead++;
        else other++;
        code_ok = false;
      } else if (c < 0x80 && (c | 0x20) - 'a' < 26u) {
        if (c >= 'a') lower++;
        else upper++;
      } else {
        int m = digits && c - 0x3380u < 0x60u ? 3 : ref_figure_mark(c); /* (㎡ after digits) */
        if (!m) other++;
        if (m == 1) {
          if ((c == '+' || c == '-' || c == 0x2212 || c == 0xB1 || c == 0xFF0B || c == 0xFF0D) &&
              !digits)
            lead_sign = true;
          else if (c == 0x2103 || c == 0xB0 || c == '%' || c == 0xFF05 || c == 0x2030)
            strong = true;
          else if (digits && (c == ':' || c == 0xFF1A)) colon = true, strong = true;
          else if (digits) strong = true;
        }
        if (c != '-' && c != '_') code_ok = false;
      }
      prev = c;
    }
    if (++fields > 16) return false;
    if (!digits && !han && !other && lower) return false;
    if (chars > out->longest) out->longest = chars;
    bool letters = upper || lower;
    bool figure = digits && !letters && !other && (!han_lead || (han_lead <= 2 && colon));
    bool code = !figure && code_ok && letters && digits && chars <= 8 && !han && !other;
    if (!figure && !code) {
      out->adjacent_words |= prev_word;
      out->word_after_figure |= out->figures > 0;
    }
    prev_word = !figure && !code;
    if (figure || code) {
      out->figures++;
      out->shape |= 1u << (fields - 1);
      if (figure && (strong || lead_sign || han_lead)) out->strong++;
    }
    out->last = chars;
    if (fields == 1) {
      out->first = chars;
      out->first_han = han > 0;
      out->first_code = code;
    }
  }
  out->fields = fields;
  return fields > 0;
}

static bool label_figures_ref(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  unsigned chars = 0, han = 0;
  uint32_t c = 0;
  for (;;) {
    if (i >= n) return false;
    c = qg_utf8_next(s, n, &i);
    if (c == ':' || c == 0xFF1A) break;
    if (qg_cp_is_space(c) || ++chars > 24 || c == 0x3002 || c == 0xFF0C || c == 0x3001 ||
        c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' || c == '!' ||
        c == '?' || c == '.')
      return false;
    han += qg_cp_is_han(c);
  }
  if (!han) return false;
  unsigned groups = 0, d = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (c - '0' < 10u || c - 0xFF10 < 10u) {
      if (++d > 4) return false;
    } else if (qg_cp_is_space(c)) {
      groups += d > 0;
      d = 0;
    } else {
      return false;
    }
  }
  return groups + (d > 0) > 0;
}

/* qg_text_cells, qg_text_label_figures and qg_text_digits answer as the references on random
 * lines of cells, labels, figures and prose: the cells the same whenever no field is longer
 * than QG_CELL_MAX characters (none otherwise: no caller takes such a row), the digits counted
 * up to each bound. */
/* Session 45: qg_join_is_cjk counts the script of a break's sides sixteen bytes a step
 * (join.c script_counts); it must say what a byte at a time says (this reference, the loop it
 * replaced) for texts of every length, runs of letters across the steps' edges included. */
static bool join_cjk_ref(const char *a, size_t alen, const char *b, size_t blen) {
  size_t wide = 0, words = 0;
  const unsigned char *u = (const unsigned char *)a;
  bool in = false;
  for (size_t i = alen > 96 ? alen - 96 : 0; i < alen; i++) {
    bool letter = (unsigned)((u[i] | 0x20) - 'a') < 26;
    wide += u[i] >= 0xE3, words += letter && !in, in = letter;
  }
  u = (const unsigned char *)b;
  in = false;
  for (size_t i = 0; i < blen && i < 96; i++) {
    bool letter = (unsigned)((u[i] | 0x20) - 'a') < 26;
    wide += u[i] >= 0xE3, words += letter && !in, in = letter;
  }
  return wide > words;
}

static void test_join_cjk_ref(void **st) {
  (void)st;
  static const char *const pieces[] = {
      "a", "Hello", "World", "Z", "x", "[", "`", "@", "{", " ", "1", "12", ".", ",",
      "\xE4\xB8\x9C" /* 东 */, "\xE6\xB9\x96" /* 湖 */, "\xE3\x80\x80" /* U+3000 */,
      "\xE3\x80\x82" /* 。 */, "\xEF\xBC\x8C" /* ， */, "\xC2\xA0", "\xE2\x80\x94" /* — */,
      "\xF0\x9F\x98\x80" /* an emoji */, "www.example.com", "ab", "Q"};
  const size_t np = sizeof pieces / sizeof pieces[0];
  static char a[512], b[512];
  unsigned yes = 0, no = 0;
  for (int round = 0; round < 20000; round++) {
    size_t alen = 0, blen = 0, wa = next_rand() % 260, wb = next_rand() % 260;
    while (alen < wa) {
      const char *p = pieces[next_rand() % np];
      size_t k = strlen(p);
      if (alen + k > sizeof a) break;
      memcpy(a + alen, p, k), alen += k;
    }
    while (blen < wb) {
      const char *p = pieces[next_rand() % np];
      size_t k = strlen(p);
      if (blen + k > sizeof b) break;
      memcpy(b + blen, p, k), blen += k;
    }
    bool want = join_cjk_ref(a, alen, b, blen);
    if (qg_join_is_cjk(a, alen, b, blen) != want) {
      fprintf(stderr, "round %d: alen %zu blen %zu: want %d\n", round, alen, blen, want);
      fail();
    }
    yes += want, no += !want;
  }
  assert_true(yes > 1000 && no > 1000); /* (both answers were tried) */
}

static void test_cells_ref(void **st) {
  (void)st;
  static const char *const pieces[] = {
      "1", "23", "0.5", "+0.85%", "-5\xE2\x84\x83" /* -5℃ */, "07:25", "19\xEF\xBC\x9A\x30\x30" /* 19：00 */,
      "\xEF\xBC\x91" /* １ */, "\xEF\xBC\x8E", " ", " ", " ", "\t", "\xE3\x80\x80" /* U+3000 */,
      "\xC2\xA0", "\xE4\xB8\x9C\xE6\xB9\x96" /* 东湖 */, "\xE5\xB0\x8F" /* 小 */,
      "\xE8\x93\x9D\xE7\x90\x83" /* 蓝球 */, "\xEF\xBC\x9A" /* ： */, ":", "G1502", "CCTV-1",
      "rose", "A", "\xEF\xBC\x8C" /* ， */, "\xE3\x80\x82" /* 。 */, ",", ".", "~", "\xC2\xB7",
      "\xE2\x80\x94", "\xE2\x80\xB0", "\xE6\xAC\xA1\xE6\x97\xA5" /* 次日 */, "_", "%",
      "\xE3\x8E\xA1" /* ㎡ */};
  const size_t np = sizeof pieces / sizeof pieces[0];
  static char line[2048];
  size_t cells = 0, lf = 0, long_field = 0;
  for (int round = 0; round < 40000; round++) {
    size_t n = 0, want = next_rand() % 4 == 0 ? next_rand() % 1500 : next_rand() % 60;
    int kind = (int)(next_rand() % 3);
    if (kind == 0) { /* a label and figures, maybe spoilt */
      memcpy(line, "\xE8\x93\x9D\xE7\x90\x83\xEF\xBC\x9A", 9); /* 蓝球： */
      n = 9;
    }
    while (n < want) {
      const char *p = kind == 0 && next_rand() % 8 ? (next_rand() % 3 ? "1" : " ")
                      : kind == 1 && next_rand() % 3 ? pieces[next_rand() % 16]
                                                     : pieces[next_rand() % np];
      size_t k = strlen(p);
      if (n + k >= sizeof line) break;
      memcpy(line + n, p, k);
      n += k;
    }
    line[n] = '\0';
    qg_cells a, b;
    bool ra = cells_ref(line, n, &a), rb = qg_text_cells(line, n, &b);
    if (ra && a.longest > QG_CELL_MAX) {
      long_field++;
      if (rb) fail_msg("round %d: cells with a field of %u characters: %s", round, a.longest, line);
    } else {
      if (ra != rb) fail_msg("round %d: cells %d, reference %d: %s", round, rb, ra, line);
      if (ra && memcmp(&a, &b, sizeof a)) fail_msg("round %d: other cells: %s", round, line);
      cells += ra;
    }
    bool la = label_figures_ref(line, n);
    if (qg_text_label_figures(line, n) != la) fail_msg("round %d: label and figures %d: %s", round, !la, line);
    lf += la;
    size_t digits = 0;
    for (size_t i = 0; i < n; i++)
      digits += (unsigned char)(line[i] - '0') < 10 ||
                (i > 0 && (unsigned char)line[i - 1] == 0xBC && (unsigned char)(line[i] - 0x90) < 10);
    static const size_t bounds[] = {0, 1, 2, 3, 7, SIZE_MAX};
    for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++)
      assert_int_equal(qg_text_digits(line, n, bounds[k]), digits < bounds[k] ? digits : bounds[k]);
  }
  /* every answer occurs */
  print_message("cells %zu, long fields %zu, label and figures %zu\n", cells, long_field, lf);
  assert_true(cells > 1000 && long_field > 1000 && lf > 1000);
}

/* Rows of names and a list's heading (session 39): names each opening with a common surname, run
 * together or set apart; what is no row and no heading. */
static void test_name_rows(void **st) {
  (void)st;
#define ROW(s) qg_text_name_row(s, strlen(s))
  assert_int_equal(ROW("刘洋黄晓东吴昊陈晨"), 4);
  assert_int_equal(ROW("王强李强欧阳明张伟"), 4);
  assert_int_equal(ROW("刘洋　黄晓东　吴昊　陈晨"), 4);
  assert_int_equal(ROW("孙丽 周敏 郑雪 郭佳 "), 4);
  assert_int_equal(ROW("刘洋、黄晓东、吴昊"), 3);
  assert_int_equal(ROW("刘洋　买买提·艾力"), 2);
  assert_int_equal(ROW("赵磊杨丽华罗小梅郭佳郑雪孙丽周敏陈志强"), 8);
  assert_int_equal(ROW("张家港"), 0);           /* one name's shape: no row */
  assert_int_equal(ROW("李家庄迎来丰收年"), 0); /* a headline */
  assert_int_equal(ROW("王家村里新事多"), 0);
  assert_int_equal(ROW("北京 上海 广州 深圳"), 0);
  assert_int_equal(ROW("记者 张三 李四"), 0);
  assert_int_equal(ROW("刘洋，黄晓东"), 0);
  assert_int_equal(ROW("刘洋、、黄晓东"), 0);
  assert_int_equal(ROW("刘洋 Li 黄晓东"), 0);
  assert_int_equal(ROW(""), 0);
#undef ROW
#define HEAD(s) qg_text_list_heading(s, strlen(s))
  assert_true(HEAD("获奖名单"));
  assert_true(HEAD("获奖人员名单"));
  assert_true(HEAD("表彰名单如下："));
  assert_true(HEAD("受表彰同志"));
  assert_true(HEAD("优秀教师（12名）"));
  assert_true(HEAD("以下同志被评为优秀志愿者"));
  assert_false(HEAD("获奖教师"));
  assert_false(HEAD("最美教师名单出炉，十人上榜"));
  assert_false(HEAD("获奖名单刘洋黄晓东吴昊陈晨王强李强欧阳明张伟"));
  /* (a sentence holding the words: session 40, review 39's high) */
  assert_false(HEAD("本次评选结果已经揭晓获奖名单"));
  assert_false(HEAD("社区居委会日前表彰了热心公益的同志"));
  assert_false(HEAD("近日获奖名单公布"));
  assert_true(HEAD("各级党组织和广大志愿服务人员")); /* (the paragraph stage asks for more) */
  assert_true(HEAD("获奖人员名单如下："));
#undef HEAD
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_code_point),
                                     cmocka_unit_test(test_name_rows),
                                     cmocka_unit_test(test_count),
                                     cmocka_unit_test(test_table_row),
                                     cmocka_unit_test(test_cells_ref),
                                     cmocka_unit_test(test_join_cjk_ref)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
