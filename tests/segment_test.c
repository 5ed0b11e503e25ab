/* segment_test.c: the segmenter (stages/segment.c) and its dictionary (stages/dict.c).
 *  - every term of dicts/terms.txt: ICU's word break iterator alone splits it, qinggao keeps
 *    it whole, alone and inside a sentence;
 *  - the double-array trie against a brute-force matcher on random dictionaries and texts,
 *    and a large dictionary;
 *  - leftmost-longest, non-overlapping terms, only where a word may start and end;
 *  - protected spans and joins (Wi-Fi, C++, URLs, 3.5%, 25℃), word status;
 *  - on every line of the project's pages: tokens in order, inside the text, never white
 *    space, and every other character in a token;
 *  - sentences of Chinese, mixed and number-heavy text;
 *  - dictionary files: errors with line and column, jieba's format;
 *  - the built-in dictionaries' tables (gen/dict_tables.h) against the tries built at run
 *    time from the compiled-in lists. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "internal.h"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)n + 1);
  if (fread(p, 1, (size_t)n, f) != (size_t)n) n = 0;
  p[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return p;
}

/* Tokens of s as "word/status word/status …" */
static void render(qg_segmenter *sg, const char *s, char *out, size_t cap) {
  qg_tokvec v = {0};
  assert_int_equal(qg_segment_words(sg, s, strlen(s), &v), 0);
  size_t o = 0;
  out[0] = '\0';
  for (size_t k = 0; k < v.n; k++)
    o += (size_t)snprintf(out + o, cap - o, "%s%.*s/%s", k ? " " : "",
                          (int)(v.v[k].end - v.v[k].start), s + v.v[k].start,
                          qg_word_status_name(v.v[k].status));
  free(v.v);
}

static int icu_count(UBreakIterator *bi, const char *s, size_t n) {
  UErrorCode err = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, s, (int64_t)n, &err);
  ubrk_setUText(bi, ut, &err);
  assert_false(U_FAILURE(err));
  int c = 0;
  ubrk_first(bi);
  while (ubrk_next(bi) != UBRK_DONE) c++;
  utext_close(ut);
  return c;
}

/* ---- the built-in terms ------------------------------------------------------------------- */

static void test_terms_icu_splits_qinggao_keeps(void **state) {
  (void)state;
  size_t n;
  char *t = slurp(QG_SOURCE_DIR "/dicts/terms.txt", &n);
  assert_non_null(t);
  char err[256];
  qg_dict *d = qg_dict_new(NULL, err, sizeof err);
  assert_non_null(d);
  qg_segmenter *sg = qg_segmenter_new(d);
  assert_non_null(sg);
  UErrorCode e = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &e);
  assert_false(U_FAILURE(e));
  size_t pos = 0, len, terms = 0;
  const char *term;
  qg_tokvec v = {0};
  char ctx[512];
  while (qg_list_next(t, n, &pos, NULL, &term, &len)) {
    terms++;
    int icu = icu_count(bi, term, len);
    if (icu < 2) fail_msg("ICU alone keeps %.*s whole: drop it from dicts/terms.txt", (int)len, term);
    assert_int_equal(qg_segment_words(sg, term, len, &v), 0);
    if (v.n != 1 || v.v[0].start != 0 || v.v[0].end != len)
      fail_msg("qinggao splits the term %.*s", (int)len, term);
    assert_int_equal(v.v[0].status, QG_WORD_IDEO);
    /* in a sentence */
    int m = snprintf(ctx, sizeof ctx, "据报道，%.*s取得新进展。", (int)len, term);
    assert_int_equal(qg_segment_words(sg, ctx, (size_t)m, &v), 0);
    bool found = false;
    for (size_t k = 0; k < v.n; k++)
      found |= v.v[k].end - v.v[k].start == len && !memcmp(ctx + v.v[k].start, term, len);
    if (!found) fail_msg("in context, qinggao splits the term %.*s: %s", (int)len, term, ctx);
  }
  assert_true(terms >= 200);
  assert_int_equal(qg_dict_terms(d), terms);
  print_message("%zu terms: ICU alone splits each, qinggao keeps each whole\n", terms);
  free(v.v);
  ubrk_close(bi);
  qg_segmenter_free(sg);
  qg_dict_free(d);
  free(t);
}

static void test_terms_examples(void **state) {
  (void)state;
  char err[256], out[2048];
  qg_dict *d = qg_dict_new(NULL, err, sizeof err);
  qg_segmenter *sg = qg_segmenter_new(d);
  qg_segmenter *plain = qg_segmenter_new(NULL); /* ICU and protected spans only */
  render(plain, "发展新质生产力，推进中国式现代化。", out, sizeof out);
  assert_string_equal(out, "发展/ideo 新/ideo 质/ideo 生产/ideo 力/ideo ，/none 推进/ideo 中国/ideo "
                           "式/ideo 现代/ideo 化/ideo 。/none");
  render(sg, "发展新质生产力，推进中国式现代化。", out, sizeof out);
  assert_string_equal(out, "发展/ideo 新质生产力/ideo ，/none 推进/ideo 中国式现代化/ideo 。/none");
  render(plain, "雄安新区的营商环境持续向好", out, sizeof out);
  assert_string_equal(out, "雄/ideo 安/ideo 新/ideo 区/ideo 的/ideo 营/ideo 商/ideo 环境/ideo "
                           "持续/ideo 向/ideo 好/ideo");
  render(sg, "雄安新区的营商环境持续向好", out, sizeof out);
  assert_string_equal(out, "雄安新区/ideo 的/ideo 营商环境/ideo 持续/ideo 向/ideo 好/ideo");
  /* everyday news words (probe 10c F8) */
  render(plain, "本报讯 联合国秘书长说，芯片产量同比增长12.4%。", out, sizeof out);
  assert_string_equal(out, "本/ideo 报/ideo 讯/ideo 联合/ideo 国/ideo 秘书/ideo 长/ideo 说/ideo ，/none "
                           "芯/ideo 片/ideo 产量/ideo 同/ideo 比/ideo 增长/ideo 12.4%/number 。/none");
  render(sg, "本报讯 联合国秘书长说，芯片产量同比增长12.4%。", out, sizeof out);
  assert_string_equal(out, "本报讯/ideo 联合国/ideo 秘书长/ideo 说/ideo ，/none 芯片/ideo 产量/ideo "
                           "同比增长/ideo 12.4%/number 。/none");
  /* 同比 alone is no term: it would be found across 合同|比 */
  render(sg, "合同比去年多，同比例分配", out, sizeof out);
  assert_string_equal(out, "合同/ideo 比/ideo 去年/ideo 多/ideo ，/none 同/ideo 比例/ideo 分配/ideo");
  /* a transliterated name joined by an interpunct is one word; its other neighbours are not */
  render(plain, "大会主席苏尔坦·贾比尔说", out, sizeof out);
  assert_string_equal(out, "大会/ideo 主席/ideo 苏尔坦·贾比尔/ideo 说/ideo");
  render(plain, "列夫・尼古拉耶维奇•托尔斯泰和乔·拜登", out, sizeof out);
  assert_string_equal(out, "列夫・尼古拉耶维奇•托尔斯泰/ideo 和/ideo 乔·拜登/ideo");
  render(plain, "人物·故事，《红楼梦·第一回》，中·美", out, sizeof out);
  assert_string_equal(out, "人物/ideo ·/none 故事/ideo ，/none 《/none 红楼梦/ideo ·/none 第一/ideo "
                           "回/ideo 》/none ，/none 中/ideo ·/none 美/ideo");
  render(plain, "埃马纽埃尔·马克龙通电话，乔·拜登于昨日", out, sizeof out);
  assert_string_equal(out, "埃马纽埃尔·马克龙/ideo 通/ideo 电话/ideo ，/none 乔·拜登/ideo 于/ideo 昨日/ideo");
  render(plain, "苏尔坦 · 贾比尔", out, sizeof out);
  assert_string_equal(out, "苏/ideo 尔/ideo 坦/ideo ·/none 贾/ideo 比/ideo 尔/ideo");
  qg_segmenter_free(plain);
  qg_segmenter_free(sg);
  qg_dict_free(d);
}

/* ---- the trie ------------------------------------------------------------------------------ */

static uint32_t rnd_state = 20261201;
static uint32_t rnd(void) {
  rnd_state ^= rnd_state << 13;
  rnd_state ^= rnd_state >> 17;
  rnd_state ^= rnd_state << 5;
  return rnd_state;
}

/* random text over a small alphabet of 1-, 2-, 3- and 4-byte characters */
static size_t rnd_text(char *out, size_t chars) {
  static const char *const alpha[] = {"a", "b", "é", "甲", "乙", "丙", "丁", "\xF0\xA0\x80\x80"};
  size_t o = 0;
  for (size_t i = 0; i < chars; i++) {
    const char *c = alpha[rnd() % 8];
    memcpy(out + o, c, strlen(c));
    o += strlen(c);
  }
  out[o] = '\0';
  return o;
}

static void test_trie_vs_bruteforce(void **state) {
  (void)state;
  for (int round = 0; round < 20; round++) {
    enum { NT = 150 };
    static char terms[NT][32];
    size_t tl[NT];
    qg_dict *d = qg_dict_empty();
    for (int k = 0; k < NT; k++) {
      tl[k] = rnd_text(terms[k], 1 + rnd() % 5);
      assert_int_equal(qg_dict_add(d, terms[k], tl[k]), 0);
    }
    assert_int_equal(qg_dict_build(d), 0);
    char text[512];
    size_t n = rnd_text(text, 80);
    for (size_t i = 0; i < n; i++) {
      if (((unsigned char)text[i] & 0xC0) == 0x80) continue;
      size_t best = 0;
      for (int k = 0; k < NT; k++)
        if (tl[k] <= n - i && tl[k] > best && !memcmp(text + i, terms[k], tl[k])) best = tl[k];
      assert_int_equal(qg_dict_longest(d, text, n, i, NULL), best);
      /* find: the leftmost position at or after i where a term starts */
      size_t at = 0, want_at = n, want_len = 0;
      for (size_t p = i; p < n && want_at == n; p++) {
        if (((unsigned char)text[p] & 0xC0) == 0x80) continue;
        for (int k = 0; k < NT; k++)
          if (tl[k] <= n - p && tl[k] > want_len && !memcmp(text + p, terms[k], tl[k]))
            want_len = tl[k], want_at = p;
      }
      size_t got = qg_dict_find(d, text, n, i, n, &at, NULL);
      assert_int_equal(got, want_len);
      if (got) assert_int_equal(at, want_at);
      /* covers: some term starting at or before i ends at or after i + 1 char */
      size_t to = i + 1;
      while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80) to++;
      bool cov = false;
      for (size_t p = 0; p <= i && !cov; p++)
        for (int k = 0; k < NT && !cov; k++)
          cov = tl[k] <= n - p && p + tl[k] >= to && !memcmp(text + p, terms[k], tl[k]);
      assert_int_equal(qg_dict_covers(d, text, n, i, to), cov);
    }
    qg_dict_free(d);
  }
}

static void test_trie_large(void **state) {
  (void)state;
  enum { NT = 50000 };
  char (*terms)[32] = malloc(sizeof(char[32]) * NT);
  size_t *tl = malloc(sizeof(size_t) * NT);
  qg_dict *d = qg_dict_empty();
  for (int k = 0; k < NT; k++) { /* 2 to 6 random characters of the CJK block */
    size_t chars = 2 + rnd() % 5, o = 0;
    for (size_t c = 0; c < chars; c++) o += qg_utf8_encode(0x4E00 + rnd() % 0x5000, terms[k] + o);
    tl[k] = o;
    assert_int_equal(qg_dict_add(d, terms[k], o), 0);
  }
  assert_int_equal(qg_dict_build(d), 0);
  for (int k = 0; k < NT; k++) assert_true(qg_dict_longest(d, terms[k], tl[k], 0, NULL) == tl[k]);
  assert_true(qg_dict_terms(d) > NT - 100); /* random duplicates are rare */
  qg_dict_free(d);
  free(terms);
  free(tl);
}

/* ---- terms in text ------------------------------------------------------------------------- */

static qg_dict *dict_of(const char *const *terms) {
  qg_dict *d = qg_dict_empty();
  for (size_t i = 0; terms[i]; i++) assert_int_equal(qg_dict_add(d, terms[i], strlen(terms[i])), 0);
  assert_int_equal(qg_dict_build(d), 0);
  return d;
}

static void test_leftmost_longest(void **state) {
  (void)state;
  static const char *const terms[] = {"中华", "中华人民共和国", "人民", "共和", "甲乙", "乙丙", NULL};
  qg_dict *d = dict_of(terms);
  qg_segmenter *sg = qg_segmenter_new(d);
  char out[1024];
  render(sg, "中华人民共和国成立了", out, sizeof out);
  assert_string_equal(out, "中华人民共和国/ideo 成立/ideo 了/ideo");
  render(sg, "中华人民", out, sizeof out);
  assert_string_equal(out, "中华/ideo 人民/ideo");
  render(sg, "甲乙丙", out, sizeof out); /* leftmost wins, no overlap */
  assert_string_equal(out, "甲乙/ideo 丙/ideo");
  qg_segmenter_free(sg);
  qg_dict_free(d);
}

static void test_term_boundaries(void **state) {
  (void)state;
  static const char *const terms[] = {"AI", "5G", "北京", "Wi", NULL};
  qg_dict *d = dict_of(terms);
  qg_segmenter *sg = qg_segmenter_new(d);
  char out[1024];
  render(sg, "用AI写作", out, sizeof out);
  assert_string_equal(out, "用/ideo AI/letter 写作/ideo");
  render(sg, "CHAIR和AIR", out, sizeof out); /* not inside a Latin word */
  assert_string_equal(out, "CHAIR/letter 和/ideo AIR/letter");
  render(sg, "5G网络和15G流量", out, sizeof out); /* not inside a number */
  assert_string_equal(out, "5G/letter 网络/ideo 和/ideo 15G/letter 流量/ideo");
  /* a combining mark belongs to the character before it: 京 + U+0301 is not the term's end */
  render(sg, "北京\xCC\x81人", out, sizeof out);
  assert_null(strstr(out, "北京/"));
  render(sg, "Wi-Fi", out, sizeof out); /* a protected span wins over a term inside it */
  assert_string_equal(out, "Wi-Fi/letter");
  qg_segmenter_free(sg);
  qg_dict_free(d);
}

/* ---- protected spans, joins, status ---------------------------------------------------------- */

static void test_protected_and_joins(void **state) {
  (void)state;
  qg_segmenter *sg = qg_segmenter_new(NULL);
  char out[2048];
  render(sg, "他说Wi-Fi很好，C++也行。https://a.com/x?y=1 增长3.5%，气温25℃，共1,258人。", out,
         sizeof out);
  assert_string_equal(out, "他/ideo 说/ideo Wi-Fi/letter 很好/ideo ，/none C++/letter 也/ideo "
                           "行/ideo 。/none https://a.com/x?y=1/letter 增长/ideo 3.5%/number ，/none "
                           "气温/ideo 25℃/number ，/none 共/ideo 1,258/number 人/ideo 。/none");
  /* a unit late in dicts/units.txt joins its number too (only the first 32 did until session 23) */
  render(sg, "面积128㎡，重5㎏。", out, sizeof out);
  assert_string_equal(out, "面积/ideo 128㎡/number ，/none 重/ideo 5㎏/number 。/none");
  render(sg, "He said state-of-the-art Wi-Fi is great, C# too.", out, sizeof out);
  assert_string_equal(out, "He/letter said/letter state-of-the-art/letter Wi-Fi/letter "
                           "is/letter great/letter ,/none C#/letter too/letter ./none");
  render(sg, "2023-2025年，8:30开始，版本v2.3.1，邮件a.b@example.com", out, sizeof out);
  assert_string_equal(out, "2023/number -/none 2025/number 年/ideo ，/none 8:30/number "
                           "开始/ideo ，/none 版本/ideo v2.3.1/letter ，/none 邮件/ideo "
                           "a.b@example.com/letter");
  render(sg, "我们123abc，。", out, sizeof out);
  assert_string_equal(out, "我们/ideo 123abc/letter ，/none 。/none");
  render(sg, "  \t\xE3\x80\x80 ", out, sizeof out); /* white space is never a word */
  assert_string_equal(out, "");
  qg_segmenter_free(sg);
}

/* Tokens in order, inside the text, never white space; all else inside a token. */
static void check_cover(qg_segmenter *sg, const char *s, size_t n, qg_tokvec *v) {
  assert_int_equal(qg_segment_words(sg, s, n, v), 0);
  size_t pos = 0;
  for (size_t k = 0; k < v->n; k++) {
    const qg_token *x = &v->v[k];
    assert_true(x->start >= pos && x->end > x->start && x->end <= n);
    for (size_t i = pos; i < x->start;) { /* the gap is white space */
      uint32_t c = qg_utf8_next(s, n, &i);
      if (!qg_cp_is_space(c)) fail_msg("character U+%04X left out of the words of: %.*s", c, (int)n, s);
    }
    bool space = true;
    for (size_t i = x->start; i < x->end && space;) space = qg_cp_is_space(qg_utf8_next(s, n, &i));
    assert_false(space);
    pos = x->end;
  }
  for (size_t i = pos; i < n;) assert_true(qg_cp_is_space(qg_utf8_next(s, n, &i)));
}

/* qg_protect_possible never skips a text where qg_protect_find finds a span. */
static void check_possible(qg_spans *sp, const char *s, size_t n, size_t *skipped) {
  if (qg_protect_possible(s, n)) return;
  (*skipped)++;
  assert_int_equal(qg_protect_find(sp, s, n), 0);
  if (sp->n) fail_msg("a span in text said to have none: %.*s", (int)n, s);
}

static void test_protect_possible(void **state) {
  (void)state;
  qg_spans sp;
  qg_spans_init(&sp);
  size_t skipped = 0;
  /* random texts over the characters that matter to qg_protect_find */
  static const char *const alpha[] = {"1", "2", "0", ".", ",", ":", "-", "_", "&", "'", "/", "~",
                                      "`", "\\", "a", "Z", "é", "%", "年", "的", "，", " ", "(",
                                      ")", "\"", "@", "#", "+", "?", "=", "’", "·", "—"};
  char text[256];
  for (int round = 0; round < 200000; round++) {
    size_t o = 0, len = 1 + rnd() % 12;
    for (size_t k = 0; k < len; k++) {
      const char *c = alpha[rnd() % (sizeof alpha / sizeof alpha[0])];
      memcpy(text + o, c, strlen(c));
      o += strlen(c);
    }
    check_possible(&sp, text, o, &skipped);
  }
  const char *const plain[] = {"2023年12月1日，全市有1258人参加。", "共3名", "第1版", NULL};
  for (size_t i = 0; plain[i]; i++) {
    assert_false(qg_protect_possible(plain[i], strlen(plain[i])));
    check_possible(&sp, plain[i], strlen(plain[i]), &skipped);
  }
  assert_true(qg_protect_possible("增长3.5%", strlen("增长3.5%")));
  assert_true(qg_protect_possible("用Wi-Fi", strlen("用Wi-Fi")));
  assert_true(skipped > 1000);
  qg_spans_free(&sp);
}

/* qg_protect_possible reads eight bytes at a time over Han text: on long texts it answers as a
 * byte-by-byte reading of its rule does (an ASCII letter, / ~ ` \, a lead byte C2..E1, or a
 * digit next to . , : - _ & '), wherever in the eight bytes the deciding byte falls. */
static bool possible_ref(const char *t, size_t n) {
  const unsigned char *u = (const unsigned char *)t;
  for (size_t i = 0; i < n; i++) {
    unsigned c = u[i];
    if ((c >= 0xC2 && c <= 0xE1) || (c < 0x80 && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                                                  c == '/' || c == '~' || c == '`' || c == '\\')))
      return true;
    if (c >= '0' && c <= '9')
      for (int d = -1; d <= 1; d += 2) {
        if ((d < 0 && i == 0) || (d > 0 && i + 1 >= n)) continue;
        unsigned x = u[i + (size_t)d];
        if (x == '.' || x == ',' || x == ':' || x == '-' || x == '_' || x == '&' || x == '\'')
          return true;
      }
  }
  return false;
}

static void test_protect_possible_long(void **state) {
  (void)state;
  /* mostly Han and Chinese punctuation (never hot), now and then one character that may be */
  static const char *const calm[] = {"年", "的", "，", "。", "“", "”", "—", "…", "、", "１", "1",
                                     "%", " ", "（"};
  static const char *const hot[] = {"a", "Z", "é", "α", "я", "ḿ", "/", "~", "`", "\\", "3.",
                                    ",5", "8:", "-2", "_7", "&1", "9'", "ǅ", "ࠀ"};
  char text[600];
  size_t yes = 0;
  for (int round = 0; round < 100000; round++) {
    size_t o = 0, len = rnd() % 120;
    for (size_t k = 0; k < len; k++) {
      const char *c = rnd() % 97 ? calm[rnd() % (sizeof calm / sizeof calm[0])]
                                 : hot[rnd() % (sizeof hot / sizeof hot[0])];
      memcpy(text + o, c, strlen(c));
      o += strlen(c);
    }
    bool want = possible_ref(text, o);
    yes += want;
    if (qg_protect_possible(text, o) != want) fail_msg("qg_protect_possible: %d for %.*s", !want, (int)o, text);
  }
  assert_true(yes > 20000 && yes < 80000); /* both answers are tried often */
}

static void test_cover_pages(void **state) {
  (void)state;
  char err[256];
  qg_dict *d = qg_dict_new(NULL, err, sizeof err);
  qg_segmenter *sg = qg_segmenter_new(d);
  glob_t g;
  assert_int_equal(glob(QG_SOURCE_DIR "/tests/pages/*.txt", 0, NULL, &g), 0);
  glob(QG_SOURCE_DIR "/samples/*.txt", GLOB_APPEND, NULL, &g);
  glob(QG_SOURCE_DIR "/tests/copy/*.txt", GLOB_APPEND, NULL, &g);
  qg_tokvec v = {0};
  size_t lines = 0;
  for (size_t f = 0; f < g.gl_pathc; f++) {
    size_t n;
    char *t = slurp(g.gl_pathv[f], &n);
    for (char *p = t, *e; p < t + n; p = e + 1) {
      e = memchr(p, '\n', (size_t)(t + n - p));
      if (!e) e = t + n;
      check_cover(sg, p, (size_t)(e - p), &v);
      qg_spans sp;
      qg_spans_init(&sp);
      size_t skipped = 0;
      check_possible(&sp, p, (size_t)(e - p), &skipped);
      qg_spans_free(&sp);
      lines++;
    }
    free(t);
  }
  assert_true(lines > 300);
  globfree(&g);
  free(v.v);
  qg_segmenter_free(sg);
  qg_dict_free(d);
}

/* ---- sentences ----------------------------------------------------------------------------- */

static void sentences(qg_segmenter *sg, const char *s, char *out, size_t cap) {
  qg_tokvec v = {0};
  assert_int_equal(qg_segment_sentences(sg, s, strlen(s), &v), 0);
  size_t o = 0;
  out[0] = '\0';
  for (size_t k = 0; k < v.n; k++)
    o += (size_t)snprintf(out + o, cap - o, "%s%.*s", k ? "|" : "", (int)(v.v[k].end - v.v[k].start),
                          s + v.v[k].start);
  free(v.v);
}

static void test_sentences(void **state) {
  (void)state;
  qg_segmenter *sg = qg_segmenter_new(NULL);
  char out[2048];
  sentences(sg, "第一句。第二句！第三句？", out, sizeof out);
  assert_string_equal(out, "第一句。|第二句！|第三句？");
  sentences(sg, "他问：“你来吗？”我说：“来。”然后走了。", out, sizeof out);
  assert_string_equal(out, "他问：“你来吗？”|我说：“来。”|然后走了。");
  sentences(sg, "He said hello. 然后他走了。 Then he left!", out, sizeof out);
  assert_string_equal(out, "He said hello.|然后他走了。|Then he left!");
  sentences(sg, "增长3.5%，达到1,258.6万元。比上年增加0.8个百分点。", out, sizeof out);
  assert_string_equal(out, "增长3.5%，达到1,258.6万元。|比上年增加0.8个百分点。");
  sentences(sg, "没有句号的标题", out, sizeof out);
  assert_string_equal(out, "没有句号的标题");
  /* an opening bracket or quote after a terminator starts the next sentence (ICU: 两周。（) */
  sentences(sg, "大会为期两周。（新华社电）下一届大会将在巴西举行。", out, sizeof out);
  assert_string_equal(out, "大会为期两周。|（新华社电）下一届大会将在巴西举行。");
  sentences(sg, "他说：“我们一定能完成任务！”（记者 周航）", out, sizeof out);
  assert_string_equal(out, "他说：“我们一定能完成任务！”|（记者 周航）");
  sentences(sg, "（一）设立基金。（二）建立制度。《报告》指出。", out, sizeof out);
  assert_string_equal(out, "（一）设立基金。|（二）建立制度。|《报告》指出。");
  sentences(sg, "他走了。 “好的，”她说。", out, sizeof out);
  assert_string_equal(out, "他走了。|“好的，”她说。");
  /* closing marks stay where ICU puts them; a bracket inside a sentence is left alone */
  sentences(sg, "他问：“你来吗？”）然后走了（很快）。", out, sizeof out);
  assert_string_equal(out, "他问：“你来吗？”）|然后走了（很快）。");
  sentences(sg, "（", out, sizeof out);
  assert_string_equal(out, "（");
  /* list labels and abbreviations before Han text end no sentence */
  sentences(sg, "1. 社会消费品零售总额增长6.2%。2. 固定资产投资增长4.9%。12.进出口增长。", out, sizeof out);
  assert_string_equal(out, "1. 社会消费品零售总额增长6.2%。|2. 固定资产投资增长4.9%。|12.进出口增长。");
  sentences(sg, "据报道，U.S. Steel公司股价上涨3.5%。数据显示增长。U.S.经济增长放缓。", out, sizeof out);
  assert_string_equal(out, "据报道，U.S. Steel公司股价上涨3.5%。|数据显示增长。|U.S.经济增长放缓。");
  /* English text keeps ICU's sentences; a Han sentence ended by an ASCII stop too */
  sentences(sg, "He moved to the U.S. He works there. Version 2. Done.", out, sizeof out);
  assert_string_equal(out, "He moved to the U.S.|He works there.|Version 2.|Done.");
  sentences(sg, "他来了.他走了.", out, sizeof out);
  assert_string_equal(out, "他来了.|他走了.");
  qg_segmenter_free(sg);
}

/* ---- dictionary files --------------------------------------------------------------------- */

static int parse(const char *text, char *err, size_t errlen, qg_dict **out) {
  qg_dict *d = qg_dict_empty();
  err[0] = '\0';
  int rc = qg_dict_parse(d, text, strlen(text), "my.dict", err, errlen);
  if (!rc) rc = qg_dict_build(d);
  if (out && !rc) *out = d;
  else qg_dict_free(d);
  return rc;
}

/* The build's tables of the built-in dictionaries (stages/dict.c, "the built-in dictionaries"):
 * used by this build (its ICU is the one they were made with), and the tries, filters and
 * counts that qg_dict_build makes from the compiled-in lists; qg_dict_same tells them apart
 * from another list's and from the same list with one term more. */
static void test_dict_tables(void **state) {
  (void)state;
  qg_dict *t[QG_DICT_BUILTINS], *b[QG_DICT_BUILTINS];
  for (int w = 0; w < QG_DICT_BUILTINS; w++) {
    t[w] = qg_dict_builtin((qg_dict_which)w);
    b[w] = qg_dict_builtin_build((qg_dict_which)w);
    assert_non_null(t[w]);
    assert_non_null(b[w]);
    assert_true(qg_dict_is_table(t[w]));
    assert_false(qg_dict_is_table(b[w]));
    assert_true(qg_dict_terms(t[w]) >= 10);
    assert_true(qg_dict_same(t[w], b[w]));
    assert_true(qg_dict_same(b[w], t[w]));
  }
  for (int w = 0; w < QG_DICT_BUILTINS; w++)
    for (int x = 0; x < QG_DICT_BUILTINS; x++) assert_true(qg_dict_same(t[w], b[x]) == (w == x));
  char err[256];
  qg_dict *terms = qg_dict_new(NULL, err, sizeof err); /* the built-in terms alone: the table */
  assert_ptr_equal(terms, t[QG_DICT_TERMS]);
  qg_dict_free(terms); /* (left as it is) */
  qg_dict *more = qg_dict_empty();
  assert_int_equal(qg_dict_parse(more, (const char *)"测试用词条\n", strlen("测试用词条\n"), "x", err,
                                 sizeof err), 0);
  extern const unsigned char qg_terms_default[];
  extern const size_t qg_terms_default_len;
  assert_int_equal(qg_dict_parse(more, (const char *)qg_terms_default, qg_terms_default_len,
                                 "dicts/terms.txt", err, sizeof err), 0);
  assert_int_equal(qg_dict_build(more), 0);
  assert_false(qg_dict_same(t[QG_DICT_TERMS], more));
  /* the table is matched as the trie built: a term of the list found in a sentence */
  const char *s = "我们在研究人工智能。";
  size_t at = 0, n1, n2;
  int st1 = -1, st2 = -2;
  n1 = qg_dict_find(t[QG_DICT_TERMS], s, strlen(s), 0, strlen(s), &at, &st1);
  size_t at2 = 1;
  n2 = qg_dict_find(b[QG_DICT_TERMS], s, strlen(s), 0, strlen(s), &at2, &st2);
  assert_int_equal(n1, n2);
  assert_int_equal(at, at2);
  assert_int_equal(st1, st2);
  for (int w = 0; w < QG_DICT_BUILTINS; w++) {
    qg_dict_free(t[w]);
    qg_dict_free(b[w]);
  }
  qg_dict_free(more);
}

static void test_dict_files(void **state) {
  (void)state;
  char err[256];
  qg_dict *d = NULL;
  /* jieba's user dictionary format, a BOM, CRLF, comments, blank lines */
  assert_int_equal(parse("\xEF\xBB\xBF# mine\r\n新词语 3 n\r\n\r\n  另一个词\tnz\r\n", err, sizeof err, &d), 0);
  assert_int_equal(qg_dict_terms(d), 2);
  assert_int_equal(qg_dict_longest(d, "新词语", 9, 0, NULL), 9);
  assert_int_equal(qg_dict_longest(d, "另一个词", 12, 0, NULL), 12);
  qg_dict_free(d);
  assert_int_equal(parse("好词\n坏\xFF词\n", err, sizeof err, NULL), QG_ERR_USAGE);
  assert_string_equal(err, "my.dict:2:2: invalid UTF-8");
  assert_int_equal(parse("一\n  甲\x01乙\n", err, sizeof err, NULL), QG_ERR_USAGE);
  assert_string_equal(err, "my.dict:2:4: control or space character in a term");
  assert_int_equal(parse("\xCC\x81" "a\n", err, sizeof err, NULL), QG_ERR_USAGE);
  assert_string_equal(err, "my.dict:1:1: a term cannot start with a combining mark");
  char longline[400] = "";
  for (int i = 0; i < 65; i++) strcat(longline, "字");
  assert_int_equal(parse(longline, err, sizeof err, NULL), QG_ERR_USAGE);
  assert_string_equal(err, "my.dict:1:65: term longer than 64 characters");
  assert_int_equal(qg_dict_check("/nonexistent/x.dict", err, sizeof err), QG_ERR_USAGE);
  assert_non_null(strstr(err, "/nonexistent/x.dict: cannot open dictionary"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_terms_icu_splits_qinggao_keeps),
      cmocka_unit_test(test_terms_examples),
      cmocka_unit_test(test_trie_vs_bruteforce),
      cmocka_unit_test(test_trie_large),
      cmocka_unit_test(test_leftmost_longest),
      cmocka_unit_test(test_term_boundaries),
      cmocka_unit_test(test_protected_and_joins),
      cmocka_unit_test(test_protect_possible),
      cmocka_unit_test(test_protect_possible_long),
      cmocka_unit_test(test_cover_pages),
      cmocka_unit_test(test_sentences),
      cmocka_unit_test(test_dict_files),
      cmocka_unit_test(test_dict_tables),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
