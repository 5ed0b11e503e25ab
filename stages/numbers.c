/* numbers.c: numbers in publications (GB/T 15835-2011), one pass over each block.
 *   num-fullwidth-sign  ． between digits -> .   ％ ﹪ after a number -> %            (fix)
 *                       ／ between digits -> /  (1／3, 2026／12／03)
 *                       ： in a clock time or score -> :  (14：30, 比分3：1)         (fix)
 *   num-year-grouping   2,008年 -> 2008年: a four-digit year is never grouped          (fix)
 *   num-group-short     1,258人: an integer of at most four digits needs no grouping  (report)
 *   num-group-odd       4,2358元, 1,2345,6789: digits grouped by four, or a mistyped point  (report)
 *   num-decimal-zero    .46 -> 0.46                                                    (report)
 *   num-year-abbrev     ’98, 1995—98年, 1995-98年, 〇八年                              (report)
 *   num-zero            二○二五年 -> 二〇二五年: ○ (a circle) in a run of Chinese numerals  (fix)
 *                       二O一九年, 二0二0年, 二◯◯八年: O 0 Ｏ ０ ◯ in a year of four places
 *   num-mixed-unit      3千人, 5万3千: 十/百/千 with Arabic digits (万/亿 are fine)     (report)
 *   num-approx          3、4个月 -> 三四个月                                            (report)
 *   num-set-phrase      星期5 -> 星期五 (dicts/numeral-phrases.txt)                    (report)
 *   num-year-form       二〇〇八年 here, 2008年 there; 二〇〇八年8月8日                 (report)
 *   num-event-date      9.11事件 -> “9·11”事件                                         (report)
 * Chinese numerals are never rewritten to Arabic digits or back: a report may suggest the
 * other form, the text keeps what the author wrote (docs/numbers.md says why).
 *
 * The stage finds its own spans: a number token is a run of ASCII digits joined by single
 * separators . , : - / or ． that are followed by another digit (3.2, 1,258,000, 14:12:36,
 * 2011-02-15, 0372-5551234, 1/2). A token that continues a Latin word, a path or an
 * identifier (v2.3.1, G20, WZ-10) gets no lint rule; a URL is skipped whole. Lint rules
 * look only at tokens of the exact shapes they describe, so times, dates, versions, phone
 * numbers and grouped numbers of more than four digits are never reported.
 * Per document: the first year form seen (for num-year-form). Per block: depth of 《》 and
 * open single quotes, both only scanned forward. */
#include "internal.h"
#include "simd.h"

#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

/* dicts/numeral-phrases.txt, compiled in (qg_embed in CMakeLists.txt). */
extern const unsigned char qg_numeral_phrases[];
extern const size_t qg_numeral_phrases_len;

/* A written form of a set phrase to report, at wrong in the phrases' text (len bytes, then a
 * NUL), its first ASCII digit at lead; right: the phrase as it must be written (NUL-terminated
 * in the text). */
typedef struct variant {
  uint32_t wrong, right;
  uint16_t len, lead;
} variant;

/* The set phrases' variants (made from dicts/numeral-phrases.txt by load_phrases, or at build
 * time: see "set-phrase tables" below). */
typedef struct phrases {
  const char *text; /* the variants' strings */
  const variant *v;
  size_t nv;
  const uint32_t *by;  /* indices of the variants by their first ASCII digit, in order: those of */
  uint32_t by_at[11]; /* digit d at by[by_at[d]] .. by[by_at[d + 1]) */
  /* the characters that follow that digit in them, hashed (next_hash; all for a variant that
   * ends on it): a token whose next character is none of them looks at no variant */
  uint64_t after[10][4];
} phrases;

typedef struct numbers_stage {
  qg_stage base;
  qg_edit edit;
  qg_buf orig, rep; /* scratch for reported spans and suggestions */
  phrases ph;
  /* the phrases made here (load_phrases; none when they come from the build's tables) */
  qg_buf own_text;
  variant *own_v;
  uint32_t *own_by;
  /* check_phrase's variants by their digit and the byte after it (phrase_index: session 50):
   * by2_at[d][b] .. by2_at[d][b + 1] in by2; NULL until tokens have asked QG_PHRASE_INDEX_AT
   * times (phrase_asks), and after a failed allocation (by2_failed) */
  uint32_t *by2;
  uint32_t (*by2_at)[257];
  unsigned phrase_asks;
  bool by2_failed;
  /* by the first byte of a character: its length when the character starts nothing the scan
   * looks for, SKIP_CN | 3 for the lead bytes of the Chinese digits (decided on the second
   * byte), 0 for the rest (digits, . ' : and the lead bytes of ‘ ’ 《 》 〇) */
  uint8_t skip[256];
  /* per document */
  int year_form; /* 0 none yet, 1 Arabic digits, 2 Chinese numerals (of the article) */
  uint32_t article; /* the article of the last block (qg_block.article; year_form is reset at a
                     * new one) */
  uint32_t year_line;
  char year_text[64];
  /* per block */
  qg_block *b;
  const char *t;
  size_t n;
  size_t lint_from; /* tokens starting before this offset belong to a span already reported */
  int book;         /* depth of 《》 */
  int single_open;  /* ‘ not yet closed by ’ */
  int ascii_apos;   /* ' seen so far */
  int custom_group; /* -1 not yet looked for; 1 a four-digit number grouped by custom in the block,
                     * 2 one grouped by a custom of the text's own (not money's) */
  /* per article (session 43): a four-digit number grouped by custom in an earlier paragraph
   * (probe 41 F9), and a number of five digits or more grouped by three (a table's column of
   * grouped figures, 1,256,380: probe 42 L2) */
  bool art_custom, art_wide;
  /* per article (session 47): a figure of four digits written without grouping (3500人), and
   * per block: -1 not yet looked for, 1 the block holds one (plain_four) */
  bool art_plain;
  int plain_group;
  size_t approx_end; /* the end of the counting word of the last num-approx report (0: none) */
  size_t fwgroup_end; /* the end of the measure word of the last check_fw_group report (0: none) */
  size_t quote_at;   /* in_quotation has counted the marks of the block up to here, */
  int quote_depth;   /* finding this many open */
} numbers_stage;

/* ---- characters ----------------------------------------------------------------------- */

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_alpha(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static bool is_alnum(uint32_t c) { return is_digit(c) || is_alpha(c); }

/* Chinese digit as written in years and digit-by-digit numbers: 〇零一..九; else -1. */
static int cn_digit(uint32_t c) {
  switch (c) {
  case 0x3007: case 0x96F6: return 0; /* 〇 零 */
  case 0x4E00: return 1;
  case 0x4E8C: return 2;
  case 0x4E09: return 3;
  case 0x56DB: return 4;
  case 0x4E94: return 5;
  case 0x516D: return 6;
  case 0x4E03: return 7;
  case 0x516B: return 8;
  case 0x4E5D: return 9;
  default: return -1;
  }
}
/* Any character of a Chinese numeral: the digits, 两 and the units 十百千万亿. */
static bool is_cn_numeral(uint32_t c) {
  return cn_digit(c) >= 0 || c == 0x4E24 || c == 0x5341 || c == 0x767E || c == 0x5343 ||
         c == 0x4E07 || c == 0x4EBF || c == 0x842C || c == 0x5104; /* 萬 億 */
}

static uint32_t cp_at(const char *t, size_t n, size_t i, size_t *next) {
  if (i >= n) {
    if (next) *next = n;
    return 0;
  }
  size_t k = i;
  uint32_t c = qg_utf8_next(t, n, &k);
  if (next) *next = k;
  return c;
}

static uint32_t cp_before(const char *t, size_t i, size_t *start) {
  if (i == 0) {
    if (start) *start = 0;
    return 0;
  }
  size_t p = qg_utf8_prev(t, i), k = p;
  if (start) *start = p;
  return qg_utf8_next(t, i, &k);
}

/* 图 圖 表 before a figure: a figure's or table's label (图3、4, 表3,4), no count. */
static bool figure_label(uint32_t c) { return c == 0x56FE || c == 0x5716 || c == 0x8868; }

static bool at_str(const char *t, size_t n, size_t i, const char *s) {
  size_t l = strlen(s);
  return i <= n && n - i >= l && !memcmp(t + i, s, l);
}

/* Index+1 of the first string of list (NULL-terminated) that t[i..] starts with, else 0. */
static size_t at_any(const char *t, size_t n, size_t i, const char *const *list) {
  for (size_t k = 0; list[k]; k++)
    if (at_str(t, n, i, list[k])) return k + 1;
  return 0;
}

static bool in_set(uint32_t c, const uint32_t *set, size_t nset) {
  for (size_t k = 0; k < nset; k++)
    if (set[k] == c) return true;
  return false;
}

/* ---- number tokens -------------------------------------------------------------------- */

enum { MAXG = 8 };
typedef struct tok {
  size_t start, end;
  int ng;         /* digit groups */
  int glen[MAXG]; /* digits in each of the first MAXG groups */
  char sep[MAXG]; /* separator before group k >= 1: . , : - / or F for U+FF0E, S for U+FF0F */
  size_t sep_off[MAXG];
} tok;

static void scan_tok(const char *t, size_t n, size_t at, tok *k) {
  memset(k, 0, sizeof *k);
  k->start = at;
  size_t i = at;
  for (;;) {
    size_t g = i;
    while (i < n && is_digit((unsigned char)t[i])) i++;
    if (k->ng < MAXG) k->glen[k->ng] = (int)(i - g);
    k->ng++;
    char s = 0;
    size_t j = i;
    if (i < n && t[i] && strchr(".,:-/", t[i])) s = t[i], j = i + 1;
    else if (at_str(t, n, i, "\xEF\xBC\x8E")) s = 'F', j = i + 3;
    else if (at_str(t, n, i, "\xEF\xBC\x8F")) s = 'S', j = i + 3;
    if (!s || j >= n || !is_digit((unsigned char)t[j])) break;
    if (k->ng < MAXG) k->sep[k->ng] = s, k->sep_off[k->ng] = i;
    i = j;
  }
  k->end = i;
}

/* Value of the digits t[from, from+len) (len <= 18). */
static int64_t digits_val(const char *t, size_t from, size_t len) {
  int64_t v = 0;
  for (size_t i = 0; i < len; i++) v = v * 10 + (t[from + i] - '0');
  return v;
}

/* The full-width decimal point (slash: the slash) between figures at off made ASCII, unless an
 * earlier edit covers it (num-fullwidth-sign). */
static int fw_sign(numbers_stage *ns, size_t off, bool slash) {
  if (off < qg_edit_done(&ns->edit)) return 0;
  return slash ? qg_edit_replace(&ns->edit, off, 3, "/", 1, "num-fullwidth-sign",
                                 "full-width slash between figures replaced by /")
               : qg_edit_replace(&ns->edit, off, 3, ".", 1, "num-fullwidth-sign",
                                 "full-width decimal point replaced by .");
}

/* Offset of group g (< MAXG) of a token. */
static size_t group_off(const tok *k, int g) {
  return g == 0 ? k->start : k->sep_off[g] + (k->sep[g] == 'F' || k->sep[g] == 'S' ? 3 : 1);
}

/* The token continues an identifier, a path or a Latin word: v2.3, G20, WZ-10, a/3, x_1. */
static bool ident_before(const char *t, size_t at) {
  size_t ps;
  uint32_t pc = cp_before(t, at, &ps);
  if (is_alpha(pc) || (pc && pc < 0x80 && strchr("_\\/@#&=.:", (int)pc))) return true;
  if (pc == '-') return is_alnum(cp_before(t, ps, NULL));
  return false;
}

/* ---- reporting ------------------------------------------------------------------------ */

static int report(numbers_stage *ns, const char *rule, size_t from, size_t to,
                  const char *suggest, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* report with a severity of its own (the rule's default may be higher: a bare product's
 * num-times-sign is info) */
static int report_sev(numbers_stage *ns, const char *rule, int sev, size_t from, size_t to,
                      const char *suggest, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static int vreport(numbers_stage *ns, const char *rule, int sev, size_t from, size_t to,
                   const char *suggest, const char *fmt, va_list ap) {
  qg_buf_clear(&ns->orig);
  if (qg_buf_put(&ns->orig, ns->t + from, to - from) || qg_buf_grow(&ns->orig, 0))
    return QG_ERR_NOMEM;
  return qg_report_sev(ns->base.ctx, rule, sev, qg_block_pos(ns->b, from), qg_block_pos(ns->b, to),
                       ns->orig.ptr, suggest, false, fmt, ap);
}
static int report_sev(numbers_stage *ns, const char *rule, int sev, size_t from, size_t to,
                      const char *suggest, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vreport(ns, rule, sev, from, to, suggest, fmt, ap);
  va_end(ap);
  return rc;
}
static int report(numbers_stage *ns, const char *rule, size_t from, size_t to,
                  const char *suggest, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = vreport(ns, rule, -1, from, to, suggest, fmt, ap); /* (the rule's own severity) */
  va_end(ap);
  return rc;
}

static const char *const cn_digits_utf8[] = {"〇", "一", "二", "三", "四",
                                             "五", "六", "七", "八", "九"};

/* ---- num-event-date ------------------------------------------------------------------- */

static const char *const event_suffix[] = {
    "事件", "事变", "惨案", "运动", "起义", "暴动", "大地震", "地震", "特大暴雨", "暴雨",
    "恐怖袭击", "恐袭", "空难", "火灾", "大火", "爆炸", "大案", "案件", "专案", "晚会", NULL};

/* Festivals and days named by their month and day (3.8妇女节, 6.18购物节, 3.15消费者权益日:
 * probe 20 L3). Not 节 alone: 第3.8节 is a section, 3.8万人过节 a figure. */
static const char *const festival_suffix[] = {
    "妇女节", "劳动节", "青年节", "儿童节", "建党节", "建军节", "国庆节", "教师节", "护士节",
    "植树节", "购物节", "狂欢节", "电商节", "光棍节", "消费节", "纪念日", "权益日",
    "消费者权益日", "宣传日", "读书日", NULL};
/* The month and day of each festival_suffix (100 * month + day), 0 for a name of any date (a
 * shopping festival, a memorial day): 5.2国庆节 is a figure before 国庆节, no date (review 21 L3). */
static const int festival_date[] = {308, 501, 504, 601, 701, 801, 1001, 910, 512,
                                    312, 0,   0,   0,   1111, 0, 0,   315, 315, 0, 423};
_Static_assert(sizeof festival_date / sizeof festival_date[0] + 1 ==
                   sizeof festival_suffix / sizeof festival_suffix[0],
               "a date for every festival");
/* Events named by their date and a place (5.12汶川地震, 7.20郑州特大暴雨, 8.12天津港爆炸): the
 * suffixes after a place of two to four Han characters. */
static const char *const place_event_suffix[] = {"大地震", "地震", "特大暴雨", "暴雨", "空难",
                                                 "火灾", "大火", "爆炸", "恐怖袭击", "事件",
                                                 "惨案", NULL};
/* Characters that make the Han after a figure no place's name but its unit or count (3.8万次地震,
 * 2.3级地震, 3.12米长, 4.5倍) or a clause: numerals, units, measure words, particles. */
static bool unit_or_count(uint32_t c) {
  /* 元 米 克 次 人 个 年 月 日 号 级 倍 度 分 秒 斤 吨 岁 名 位 家 项 件 场 起 公 毫 厘 里 亩 户 辆
   * 架 艘 小 时 周 成, and 的 了 后 前 内 外 发 生 在 中 来 去 着 过 和 与 及 是 为 有 之 等 多 余 */
  switch (c) {
  case 0x5143: case 0x7C73: case 0x514B: case 0x6B21: case 0x4EBA: case 0x4E2A: case 0x5E74:
  case 0x6708: case 0x65E5: case 0x53F7: case 0x7EA7: case 0x500D: case 0x5EA6: case 0x5206:
  case 0x79D2: case 0x65A4: case 0x5428: case 0x5C81: case 0x540D: case 0x4F4D: case 0x5BB6:
  case 0x9879: case 0x4EF6: case 0x573A: case 0x8D77: case 0x516C: case 0x6BEB: case 0x5398:
  case 0x91CC: case 0x4EA9: case 0x6237: case 0x8F86: case 0x67B6: case 0x8258: case 0x5C0F:
  case 0x65F6: case 0x5468: case 0x6210: case 0x7684: case 0x4E86: case 0x540E: case 0x524D:
  case 0x5185: case 0x5916: case 0x53D1: case 0x751F: case 0x5728: case 0x4E2D: case 0x6765:
  case 0x53BB: case 0x7740: case 0x8FC7: case 0x548C: case 0x4E0E: case 0x53CA: case 0x662F:
  case 0x4E3A: case 0x6709: case 0x4E4B: case 0x7B49: case 0x591A: case 0x4F59:
    return true;
  default: return is_cn_numeral(c);
  }
}
/* A place of two to four Han characters at t[i..] and an event suffix after it. */
static bool place_event_at(const char *t, size_t n, size_t i) {
  size_t j = i, next;
  uint32_t c[5];
  for (int h = 0; h < 5; h++) {
    c[h] = cp_at(t, n, j, &next);
    if (!qg_cp_is_han(c[h])) return false;
    if (h >= 2 && at_any(t, n, j, place_event_suffix)) return true;
    if (unit_or_count(c[h])) return false;
    j = next;
  }
  return false;
}

/* Words after which a figure is a value, not a month and day: 版本3.12运动模式, 评分为9.11 (probe
 * 19 R13: num-event-date took 3.12运动 for an event's date). */
static const char *const value_words[] = {"版本", "版", "版本号", "型号", "编号", "为", "是", "约",
                                          "达", "仅", "等于", "评分", "得分", "价格", "售价", NULL};
/* Words of a change after which a figure is a rate or an amount, even before a festival or a
 * place's event (GDP增长5.2国庆节期间: review 21 L3). */
static const char *const change_words[] = {"增长", "增加", "增幅", "增速", "上涨", "上升", "提高",
                                           "下降", "下跌", "降低", "减少", "回落", "同比", "环比",
                                           NULL};
static bool words_before(const char *t, size_t at, const char *const *words) {
  for (size_t k = 0; words[k]; k++) {
    size_t l = strlen(words[k]);
    if (at >= l && !memcmp(t + at - l, words[k], l)) return true;
  }
  return false;
}
static bool value_before(const char *t, size_t at) { return words_before(t, at, value_words); }

/* 9.11事件, 9．11事件, 9·11事件, “9.11”事件 -> “9·11”事件. Sets *event when the token is
 * the date of an event name (right or wrong), so no other rule looks at it. */
static int check_event(numbers_stage *ns, const tok *k, bool *event) {
  const char *t = ns->t;
  size_t n = ns->n, mfrom = k->start, dfrom, dend, after;
  int mlen, dlen;
  bool interpunct = false;
  *event = false;
  if (k->ng == 2 && (k->sep[1] == '.' || k->sep[1] == 'F') && k->glen[0] <= 2 &&
      k->glen[1] <= 2) {
    mlen = k->glen[0];
    dfrom = group_off(k, 1);
    dlen = k->glen[1];
    dend = k->end;
  } else if (k->ng == 1 && k->glen[0] <= 2) {
    size_t j;
    uint32_t c = cp_at(t, n, k->end, &j);
    if (c != 0xB7 && c != 0x2022 && c != 0x30FB && c != 0x2027 && c != 0x2219 && c != 0xFF65)
      return 0;
    interpunct = c == 0xB7;
    mlen = k->glen[0];
    dfrom = j;
    dend = j;
    while (dend < n && is_digit((unsigned char)t[dend])) dend++;
    dlen = (int)(dend - dfrom);
    if (dlen < 1 || dlen > 2) return 0;
  } else {
    return 0;
  }
  int64_t m = digits_val(t, mfrom, (size_t)mlen), d = digits_val(t, dfrom, (size_t)dlen);
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  size_t ps, close_end = dend;
  bool open = cp_before(t, k->start, &ps) == 0x201C;
  bool close = false;
  after = dend;
  if (cp_at(t, n, dend, &close_end) == 0x201D) close = true, after = close_end;
  /* (a festival or a place's event is read as a date after any word: 今天是3.8妇女节) */
  size_t fest = at_any(t, n, after, festival_suffix);
  if (fest && festival_date[fest - 1] && festival_date[fest - 1] != m * 100 + d) fest = 0;
  bool place = !fest && place_event_at(t, n, after);
  if ((fest || place) && !open && !interpunct && words_before(t, k->start, change_words))
    return 0; /* a rate: 增长5.12汶川… */
  if (!fest && !place) {
    if (!at_any(t, n, after, event_suffix)) return 0;
    if (!open && !interpunct && value_before(t, k->start)) return 0; /* a decimal: 版本3.12 */
  }
  *event = true;
  ns->lint_from = dend;
  if (open && close && interpunct) return 0; /* “9·11”事件: right */
  qg_buf_clear(&ns->rep);
  if (qg_buf_printf(&ns->rep, "“%.*s·%.*s”", mlen, t + mfrom, dlen, t + dfrom) < 0)
    return QG_ERR_NOMEM;
  size_t from = open ? ps : k->start, to = close ? close_end : dend;
  return report(ns, "num-event-date", from, to, ns->rep.ptr,
                "month·day event name: write %s (interpunct and quotes)", ns->rep.ptr);
}

/* ---- num-set-phrase ------------------------------------------------------------------- */

/* A hash of the character at s[0] of valid UTF-8 (or its NUL), of its first three bytes at most:
 * the filter of check_phrase. */
static unsigned next_hash(const char *s) {
  unsigned b = (unsigned char)s[0];
  if (b < 0xC0) return b;
  unsigned h = b * 7u + (unsigned char)s[1] * 13u;
  if (b >= 0xE0) h += (unsigned char)s[2];
  return h & 255u;
}

/* Whether the variant wrong[0, len) (its first digit at lead) reads as an ordinary count: its
 * figure is followed by 个 個 类 類 (4个全面, 2个维护, 3类户), as 4个加强措施 and 3类户型 are counts
 * of things. */
static bool count_shaped(const char *wrong, size_t len, size_t lead) {
  size_t i = lead;
  while (i < len && is_digit((unsigned char)wrong[i])) i++;
  return at_str(wrong, len, i, "个") || at_str(wrong, len, i, "個") ||
         at_str(wrong, len, i, "类") || at_str(wrong, len, i, "類");
}

/* The Han characters that may follow a count-shaped phrase and end it (a list's joining
 * words: 4个全面和2个维护; and particles and verbs no word of a phrase goes on with: 4个意识的,
 * 4个自信是, 4个不摘的: review 45 M5). */
static const uint32_t phrase_end_joins[] = {
    0x548C /*和*/, 0x4E0E /*与*/, 0x8207 /*與*/, 0x53CA /*及*/, 0x6216 /*或*/, 0x7B49 /*等*/,
    0x7684 /*的*/, 0x662F /*是*/, 0x4E86 /*了*/, 0x5730 /*地*/, 0x5F97 /*得*/, 0x4E5F /*也*/,
    0x90FD /*都*/, 0x8981 /*要*/, 0x5DF2 /*已*/, 0x5C31 /*就*/};

/* num-set-phrase: the variant of a listed phrase written with digits at token k. A
 * count-shaped variant (count_shaped) must end where a word can end: before a character that is
 * no Han (a mark, a quote, the end) or a joining word; before another Han character it is the
 * start of a longer word and the figure counts (3类户型, 2个维护窗口, 4个全面覆盖, 4个加强措施:
 * session 45, probe 45 M2). The other phrases are no count a text writes and are reported
 * before anything (星期5下午, 5位一体总体布局, 十八届3中全会召开). */
/* How many tokens pass check_phrase's filter before it makes its index (phrase_index: some
 * 50,000 instructions, which a short article's lint would not win back). */
#define QG_PHRASE_INDEX_AT 64

/* Makes check_phrase's index: the variants of each digit d, in the order of ph->by, in a list
 * for each byte b that may follow the digit in the text: those whose byte after the digit is b,
 * and those that end on the digit (星期1), which any byte may follow. A token then reads the
 * list of its digit and next byte; it read every variant of its digit, passing over those
 * whose byte after the digit differs (most of them: some twenty a token on the bench copy).
 * False when out of memory (check_phrase then reads ph->by as before). */
static bool phrase_index(numbers_stage *ns) {
  const phrases *ph = &ns->ph;
  uint32_t at = 0;
  if (!(ns->by2_at = malloc(10 * sizeof *ns->by2_at))) {
    ns->by2_failed = true;
    return false;
  }
  for (unsigned d = 0; d < 10; d++) { /* the lists' lengths, then their starts */
    uint32_t len[256] = {0}, any = 0;
    for (size_t x = ph->by_at[d]; x < ph->by_at[d + 1]; x++) {
      const variant *v = &ph->v[ph->by[x]];
      if (v->lead + 1 < v->len) len[(unsigned char)ph->text[v->wrong + v->lead + 1]]++;
      else any++;
    }
    for (unsigned b = 0; b < 256; b++) {
      ns->by2_at[d][b] = at;
      at += len[b] + any;
    }
    ns->by2_at[d][256] = at;
  }
  if (!(ns->by2 = malloc((at ? at : 1) * sizeof *ns->by2))) {
    ns->by2_failed = true;
    return false;
  }
  for (unsigned d = 0; d < 10; d++) {
    uint32_t fill[256];
    memcpy(fill, ns->by2_at[d], sizeof fill);
    for (size_t x = ph->by_at[d]; x < ph->by_at[d + 1]; x++) {
      const variant *v = &ph->v[ph->by[x]];
      if (v->lead + 1 < v->len) {
        unsigned b = (unsigned char)ph->text[v->wrong + v->lead + 1];
        ns->by2[fill[b]++] = ph->by[x];
      } else {
        for (unsigned b = 0; b < 256; b++) ns->by2[fill[b]++] = ph->by[x];
      }
    }
  }
  return true;
}

static int check_phrase(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, at = k->start;
  unsigned d = (unsigned char)t[at] - '0';
  if (d > 9) return 0; /* a token starts with a digit */
  unsigned nb = next_hash(t + at + 1);
  const phrases *ph = &ns->ph;
  if (!(ph->after[d][nb >> 6] >> (nb & 63) & 1)) return 0;
  const uint32_t *by = ph->by;
  size_t x0 = ph->by_at[d], x1 = ph->by_at[d + 1];
  if (ns->by2 || (!ns->by2_failed && ++ns->phrase_asks >= QG_PHRASE_INDEX_AT && phrase_index(ns))) {
    unsigned b = (unsigned char)t[at + 1];
    by = ns->by2, x0 = ns->by2_at[d][b], x1 = ns->by2_at[d][b + 1];
  }
  for (size_t x = x0; x < x1; x++) {
    const variant *v = &ph->v[by[x]];
    const char *wrong = ph->text + v->wrong;
    /* the byte after the digit first (t[at + 1] is inside the text or its NUL), or for a
     * variant ending on the digit (星期1) the byte before it: most variants differ there,
     * and memcmp would find the same */
    if (v->lead + 1 < v->len && t[at + 1] != wrong[v->lead + 1]) continue;
    if (at < v->lead || n - (at - v->lead) < v->len) continue;
    if (v->lead && t[at - 1] != wrong[v->lead - 1]) continue;
    size_t from = at - v->lead, to = from + v->len;
    if (memcmp(t + from, wrong, v->len)) continue;
    if (is_digit((unsigned char)wrong[v->len - 1]) && to < n && is_digit((unsigned char)t[to]))
      continue;
    if (cp_before(t, from, NULL) == 0x7B2C && !at_str(wrong, v->len, 0, "第")) continue;
    uint32_t nc = cp_at(t, n, to, NULL);
    if (qg_cp_is_han(nc) &&
        !in_set(nc, phrase_end_joins, sizeof phrase_end_joins / sizeof phrase_end_joins[0]) &&
        count_shaped(wrong, v->len, v->lead))
      continue;
    ns->lint_from = to;
    const char *right = ph->text + v->right;
    return report(ns, "num-set-phrase", from, to, right,
                  "set phrase keeps its Chinese numerals: write %s", right);
  }
  return 0;
}

/* ---- num-mixed-unit ------------------------------------------------------------------- */

/* 十百千 followed by one of these is a word or a unit of its own: 3千米 is three kilometres,
 * 3百分点 three percentage points (it was told to write 300: probe 19 R8). */
static const char *const unit_words[] = {"十分", "十足", "十字", "百货", "百姓", "百科",
                                         "百度", "百家", "百分点", "百分點", "百分比", "千米",
                                         "千克", "千瓦", "千伏", "千帕", "千焦", "千卡",
                                         "千赫", "千兆", "千字", NULL};

/* A unit chain at i: at most one of 十百千, then 万 and/or 亿 (千万, 万亿). Returns its length
 * in bytes (0: none); *exp the power of ten, *small whether 十百千 is in it, *big the power of
 * its 万/亿 part. */
static size_t unit_chain(const char *t, size_t n, size_t i, int *exp, bool *small, int *big,
                         bool *trad) {
  size_t at = i;
  *exp = *big = 0;
  *small = false;
  /* every unit word starts with 十, 百 or 千 */
  int e = at_str(t, n, i, "十") ? 1 : at_str(t, n, i, "百") ? 2 : at_str(t, n, i, "千") ? 3 : 0;
  if (e && !at_any(t, n, i, unit_words)) *exp = e, *small = true, i += 3;
  /* the traditional forms 萬 億 too (mainland copy for overseas editions: probe 12b B14) */
  if (at_str(t, n, i, "万")) *big += 4, i += 3;
  else if (at_str(t, n, i, "萬")) *big += 4, i += 3, *trad = true;
  if (at_str(t, n, i, "亿")) *big += 8, i += 3;
  else if (at_str(t, n, i, "億")) *big += 8, i += 3, *trad = true;
  *exp += *big;
  return i - at;
}

/* A plain number at i for a term: digits, optionally . or ． and digits. Returns its end. */
static size_t term_number(const char *t, size_t n, size_t i, int64_t *mant, int *frac) {
  size_t s = i;
  while (i < n && is_digit((unsigned char)t[i])) i++;
  size_t ilen = i - s, fs = i, flen = 0;
  if (!ilen || ilen > 12) return 0;
  size_t sl = i < n && t[i] == '.' ? 1 : at_str(t, n, i, "\xEF\xBC\x8E") ? 3 : 0;
  if (sl && i + sl < n && is_digit((unsigned char)t[i + sl])) {
    fs = i + sl;
    i = fs;
    while (i < n && is_digit((unsigned char)t[i])) i++;
    flen = i - fs;
    if (flen > 6) return 0;
  }
  *mant = digits_val(t, s, ilen);
  for (size_t k = 0; k < flen; k++) *mant = *mant * 10 + (t[fs + k] - '0');
  *frac = (int)flen;
  return i;
}

/* Decimal text of v * 10^-scale, trailing zeros dropped, appended to out. */
static int put_scaled(qg_buf *out, int64_t v, int scale) {
  char d[32];
  int len = snprintf(d, sizeof d, "%lld", (long long)v);
  if (len <= scale) { /* pad so there is an integer digit */
    char z[64];
    int pad = scale - len + 1;
    memset(z, '0', (size_t)pad);
    memcpy(z + pad, d, (size_t)len + 1);
    memcpy(d, z, (size_t)(len + pad) + 1);
    len += pad;
  }
  int ilen = len - scale, end = len;
  while (end > ilen && d[end - 1] == '0') end--;
  if (qg_buf_put(out, d, (size_t)ilen)) return QG_ERR_NOMEM;
  if (end > ilen && (qg_buf_putc(out, '.') || qg_buf_put(out, d + ilen, (size_t)(end - ilen))))
    return QG_ERR_NOMEM;
  return 0;
}

/* 3千人 -> 3000人, 5万3千 -> 5.3万, 3千万 -> 3000万: sums terms "number + unit chain" of
 * decreasing size; reported when a chain holds 十, 百 or 千. */
static int check_mixed(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, i = k->start;
  int64_t micro = 0; /* value in millionths */
  bool exact = true, any_small = false, trad = false;
  int prev_exp = 99, top = -1, terms = 0;
  while (i < n) {
    int64_t mant;
    int frac, exp, big;
    bool small;
    size_t e = term_number(t, n, i, &mant, &frac);
    if (!e) break;
    size_t cl = unit_chain(t, n, e, &exp, &small, &big, &trad);
    if (!cl || exp >= prev_exp) break;
    int p = exp + 6 - frac;
    int64_t mul = 1, term;
    for (int q = 0; q < p && exact; q++)
      if (__builtin_mul_overflow(mul, 10, &mul)) exact = false;
    if (p < 0 || !exact || __builtin_mul_overflow(mant, mul, &term) ||
        __builtin_add_overflow(micro, term, &micro))
      exact = false;
    if (top < 0) top = big;
    any_small |= small;
    prev_exp = exp;
    terms++;
    i = e + cl;
  }
  if (!any_small) return 0;
  ns->lint_from = i;
  qg_buf_clear(&ns->rep);
  const char *suggest = NULL;
  if (exact && !(i < n && is_digit((unsigned char)t[i]))) {
    if (put_scaled(&ns->rep, micro, 6 + top)) return QG_ERR_NOMEM;
    if (qg_buf_puts(&ns->rep, top == 12 ? (trad ? "萬億" : "万亿") : top == 8 ? (trad ? "億" : "亿")
                              : top == 4 ? (trad ? "萬" : "万") : ""))
      return QG_ERR_NOMEM;
    suggest = ns->rep.ptr;
  }
  if (suggest)
    return report(ns, "num-mixed-unit", k->start, i, suggest,
                  "十/百/千 do not combine with Arabic digits: write %s", suggest);
  return report(ns, "num-mixed-unit", k->start, i, NULL,
                "十/百/千 do not combine with Arabic digits (万 and 亿 may)");
}

/* ---- num-approx ----------------------------------------------------------------------- */

static const char *const measure_words[] = {
    "个", "天", "岁", "人", "次", "倍", "成", "名", "只", "家", "件", "元", "块", "万",
    "千", "百", "十", "分", "点", "小时", "周", "里", "公里", "米", "斤", "公斤", "吨",
    "辆", "条", "项", "本", "台", "户", "位", "种", "所", "座", "张", "部", "篇", "遍",
    "口", "株", "棵", "亩", "场", "根", "支", "瓶", "杯", "碗", "份", "套", "段", "句",
    "封", "粒", "颗", "袋", "箱", "把", "间", "年", NULL};
/* their traditional forms (probe 12b B14): the suggestion is written 一兩, 兩三 then (review 12
 * R8) */
static const char *const measure_words_trad[] = {
    "個", "歲", "萬", "噸", "輛", "條", "項", "臺", "戶", "種", "張", "場", "顆", "間", NULL};

/* 3、4个月 -> 三四个月: two adjacent one-digit numbers joined by 、 before a measure word. */
/* Words that join the items of a list: 和 与 與 及 或 跟 同 、 */
static const char *const list_joins[] = {"和", "与", "與", "及", "或", "跟", "同", "、", NULL};

/* Measure words after which n,n+1 with an ASCII comma counts things (他买了3,4本书): not a unit
 * of measure, money or magnitude, after which the comma may be a decimal comma (3,4米, 3,4万). */
static const char *const count_words[] = {
    "个", "天", "岁", "人", "次", "名", "只", "家", "件", "小时", "周", "辆", "条", "项", "本",
    "台", "户", "位", "种", "所", "座", "张", "部", "篇", "遍", "口", "株", "棵", "场", "根",
    "支", "瓶", "杯", "碗", "份", "套", "段", "句", "封", "粒", "颗", "袋", "箱", "把", "间",
    "年", "個", "歲", "輛", "條", "項", "臺", "戶", "種", "張", "場", "顆", "間", NULL};

/* The approximate number a, b (adjacent figures, b = a + 1) in Chinese numerals into ns->rep:
 * 一两 (一兩), 两三 (兩三), 三四 … 八九 */
static int approx_words(numbers_stage *ns, int a, int b, bool trad) {
  qg_buf_clear(&ns->rep);
  if (qg_buf_puts(&ns->rep, a == 1 ? (trad ? "一兩" : "一两")
                            : a == 2 ? (trad ? "兩三" : "两三")
                                     : cn_digits_utf8[a]) ||
      (a > 2 && qg_buf_puts(&ns->rep, cn_digits_utf8[b])))
    return QG_ERR_NOMEM;
  return 0;
}

/* A joining word at j that follows the counting word of the last approximate number reported, or
 * its noun of up to four Han characters (3,4个和5,6个, 2,3个人或4,5个人, 3,4个苹果和5,6个梨). */
static bool approx_joined(const numbers_stage *ns, size_t j) {
  if (!ns->approx_end || j < ns->approx_end) return false;
  for (int h = 0; h <= 4; h++) {
    if (j == ns->approx_end) return true;
    size_t ps;
    if (!qg_cp_is_han(cp_before(ns->t, j, &ps)) || ps < ns->approx_end) return false;
    j = ps;
  }
  return false;
}

/* 他买了3,4本书 -> 三四本: two adjacent one-digit figures joined by an ASCII comma before a word
 * that counts (session 38; the 、 form is check_approx's). Not a list of three (3,4,5号: one
 * token of three groups), not after 第 (ordinals) or 图 表 (labels), a bracket (a coordinate, (3,4)), a mark or a
 * figure's joining word (an item of a list: 1和3,4本), nor in English text (white space and a
 * Latin letter before it). A joining word right after the counting word of a pair reported
 * before (or its noun) joins two approximate numbers (分别为3,4个和5,6个: each is reported;
 * session 39). */
static int check_approx_comma(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, ps;
  if (k->ng != 2 || k->sep[1] != ',' || k->glen[0] != 1 || k->glen[1] != 1) return 0;
  int a = t[k->start] - '0', b = t[k->end - 1] - '0';
  if (b != a + 1 || a < 1 || a > 8) return 0;
  uint32_t pc = cp_before(t, k->start, &ps);
  if (at_any(t, n, ps, list_joins)) {
    if (!approx_joined(ns, ps)) return 0;
  } else if (!qg_cp_is_han(pc) || pc == 0x7B2C || is_cn_numeral(pc)) {
    return 0;
  }
  if (figure_label(pc)) return 0; /* 图3,4 表3,4: labels (review 38) */
  size_t after = k->end, w = at_any(t, n, after, count_words);
  if (!w || at_str(t, n, after, "年级")) return 0;
  bool trad = at_any(t, n, after, measure_words_trad);
  if (approx_words(ns, a, b, trad)) return QG_ERR_NOMEM;
  ns->lint_from = after;
  ns->approx_end = after + strlen(count_words[w - 1]);
  return report(ns, "num-approx", k->start, after, ns->rep.ptr,
                "approximate number: write %s (Chinese numerals, no comma between adjacent "
                "figures)", ns->rep.ptr);
}

/* 40、50单 -> 四五十单: two adjacent tens of two digits (a0、b0, b = a + 1) joined by 、 before a
 * measure word are one approximate number, written 四五十 (session 45, probe 45 X5: only one-digit
 * pairs were read). After a Han character other than 第, a numeral or a label's 图 表; not a list
 * (30、40、50: a 、 after the pair, or before it), not 年代 and 年级 (20世纪40、50年代 names
 * decades). 单 (orders) counts only before no Han and no figure (40、50单。), as 单位 单元 单价 …
 * are words and 单2份 a count of its own (read-through 45 F7). */
static int check_approx_tens(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, j;
  uint32_t pc = cp_before(t, k->start, NULL);
  if (!qg_cp_is_han(pc) || pc == 0x7B2C || figure_label(pc) || is_cn_numeral(pc))
    return 0;
  if (cp_at(t, n, k->end, &j) != 0x3001 || j + 2 >= n) return 0;
  int a = t[k->start] - '0', b = t[j] - '0';
  if (a < 1 || a > 8 || b != a + 1 || t[j + 1] != '0' || is_digit((unsigned char)t[j + 2]))
    return 0;
  size_t after = j + 2, tw = at_any(t, n, after, measure_words_trad);
  bool unit = tw || at_any(t, n, after, measure_words) ||
              (at_str(t, n, after, "单") && !qg_cp_is_han(cp_at(t, n, after + 3, NULL)) &&
               (after + 3 >= n || !is_digit((unsigned char)t[after + 3])));
  if (!unit || at_str(t, n, after, "年代") || at_str(t, n, after, "年级")) return 0;
  qg_buf_clear(&ns->rep);
  if (qg_buf_puts(&ns->rep, cn_digits_utf8[a]) || qg_buf_puts(&ns->rep, cn_digits_utf8[b]) ||
      qg_buf_puts(&ns->rep, "十"))
    return QG_ERR_NOMEM;
  ns->lint_from = after;
  return report(ns, "num-approx", k->start, after, ns->rep.ptr,
                "approximate number: write %s (Chinese numerals, no 顿号)", ns->rep.ptr);
}

static int check_approx(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, j;
  if (k->ng == 2) return check_approx_comma(ns, k);
  if (k->ng == 1 && k->glen[0] == 2 && t[k->start + 1] == '0') return check_approx_tens(ns, k);
  if (k->ng != 1 || k->glen[0] != 1) return 0;
  uint32_t pc = cp_before(t, k->start, NULL);
  if (pc == 0x3001 || pc == 0x7B2C) return 0; /* 、 (a list) or 第 (ordinals) */
  if (figure_label(pc))
    return 0; /* 图3、4 表3、4: labels, as with a comma (如图3、4所示: session 45, probe 45 M3) */
  if (cp_at(t, n, k->end, &j) != 0x3001 || j + 1 >= n) return 0;
  int a = t[k->start] - '0', b = t[j] - '0';
  if (!is_digit((unsigned char)t[j]) || is_digit((unsigned char)t[j + 1]) || b != a + 1 || a < 1 ||
      a > 8)
    return 0;
  size_t after = j + 1;
  size_t tw = at_any(t, n, after, measure_words_trad), w = at_any(t, n, after, measure_words);
  bool trad = tw;
  if ((!trad && !w) || at_str(t, n, after, "年级")) return 0;
  if (approx_words(ns, a, b, trad)) return QG_ERR_NOMEM;
  ns->lint_from = after;
  ns->approx_end = after + strlen(trad ? measure_words_trad[tw - 1] : measure_words[w - 1]);
  return report(ns, "num-approx", k->start, after, ns->rep.ptr,
                "approximate number: write %s (Chinese numerals, no 顿号)", ns->rep.ptr);
}

/* ---- num-currency-twice -------------------------------------------------------------- */

static const char *const currency_words[] = {"美元", "欧元", "英镑", "日元", "港元", "港币",
                                             "澳元", "韩元", "人民币", "元", NULL};

/* 价值$1,299美元, ￥100元, €50欧元: a currency sign before a number and a currency's word after
 * it (perhaps after 万 亿 千万) name the currency twice (probe 37 L3). Reported, no suggestion:
 * either $1,299 or 1,299美元 is right, and which the copy wants is the desk's choice. */
static int check_currency_twice(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, ps;
  uint32_t pc = cp_before(t, k->start, &ps);
  if (pc != '$' && pc != 0xA5 && pc != 0xFFE5 && pc != 0x20AC && pc != 0xA3 && pc != 0xFFE1)
    return 0;
  size_t e = k->end;
  if (at_str(t, n, e, "千")) e += 3;
  if (at_str(t, n, e, "万")) e += 3;
  if (at_str(t, n, e, "亿")) e += 3;
  size_t w = at_any(t, n, e, currency_words);
  if (!w) return 0;
  size_t to = e + strlen(currency_words[w - 1]);
  ns->lint_from = to;
  return report(ns, "num-currency-twice", ps, to, NULL,
                "currency named twice, by its sign and by %s: keep one (%.*s or %.*s)",
                currency_words[w - 1], (int)(e - ps), t + ps, (int)(to - k->start),
                t + k->start);
}

/* ---- grouping ------------------------------------------------------------------------- */

/* d,ddd or d,ddd.ddd: an integer part of four digits grouped by one comma. */
static bool short_grouped(const tok *k) {
  if (k->ng < 2 || k->ng > 3 || k->glen[0] != 1 || k->sep[1] != ',' || k->glen[1] != 3)
    return false;
  return k->ng == 2 || k->sep[2] == '.';
}

/* A four-digit number grouped by the custom of its text, not by mistake (probe 22 M4), which
 * num-group-short leaves: an amount of money, grouped so that a column of amounts looks alike
 * (¥6,500.00 beside ¥13,000.00): a currency sign before it (¥ ￥ $ € £, HK$ US$ NT$ too), 元 or
 * 圓 right after it (or a currency's word, perhaps after 万 or 亿: 1,286.4亿元, 2,500美元), or
 * exactly two decimals (3,456.78); and a number in English text, which
 * groups every number of four digits (The product is priced at RMB 1,299.): white space and a
 * Latin letter before it, or white space and a Latin letter after it. Which custom: 0 none, 1
 * money's (a currency sign, 元, a currency's word), 2 the text's own (two decimals, English
 * text). Money is grouped so that its
 * amounts look alike wherever it stands, whatever the text does with its other figures: it says
 * nothing of the article's style, and does not make the article's later groupings its custom
 * (review 47 M1: 1,286.4亿元 hid 1,350名 beside 1200名 in a later paragraph). */
static int custom_kind(const char *t, size_t n, const tok *k) {
  if (k->ng == 3 && k->glen[2] == 2) return 2;
  size_t ps;
  uint32_t pc = cp_before(t, k->start, &ps);
  if (pc == 0xA5 || pc == 0xFFE5 || pc == '$' || pc == 0x20AC || pc == 0xA3 || pc == 0xFFE1)
    return 1;
  if (at_str(t, n, k->end, "元") || at_str(t, n, k->end, "圓")) return 1;
  /* (a magnitude before 元, or a currency's word, 1,286.4亿元, 1,234万元, 2,500美元: session 47,
   * probe 47 M4; 千万 亿 and 万 as num-currency-twice reads them) */
  size_t m = k->end;
  if (at_str(t, n, m, "千")) m += 3;
  if (at_str(t, n, m, "万")) m += 3;
  if (at_str(t, n, m, "亿")) m += 3;
  if (at_any(t, n, m, currency_words)) return 1;
  if (qg_cp_is_space(pc) && is_alpha(cp_before(t, ps, NULL))) return 2;
  size_t e = k->end;
  return e + 1 < n && t[e] == ' ' && is_alpha((unsigned char)t[e + 1]) ? 2 : 0;
}

/* Whether the block holds a four-digit number grouped by its custom (custom_kind): then
 * the block groups its numbers so (营业收入3,286.4亿元 beside 上证指数报3,268.52点: probe 25 L, the
 * first was reported and the second not, and the report's suggestion made one sentence two
 * styles), and no other four-digit grouping of it is reported. Looked for once per block, at its
 * first report. */
static bool block_groups_by_custom(numbers_stage *ns) {
  if (ns->custom_group >= 0) return ns->custom_group;
  const char *t = ns->t;
  size_t n = ns->n;
  ns->custom_group = 0;
  for (size_t i = 0; i + 4 < n; i++) {
    if (!is_digit((unsigned char)t[i]) || t[i + 1] != ',' || (i && (is_digit((unsigned char)t[i - 1]) ||
                                                                     is_alpha((unsigned char)t[i - 1]))))
      continue;
    tok k;
    scan_tok(t, n, i, &k);
    int kind;
    if (short_grouped(&k) && t[i] != '0' && !at_str(t, n, k.end, "年") && (kind = custom_kind(t, n, &k))) {
      ns->custom_group = kind;
      if (kind == 2) break;
    }
    i = k.end - 1;
  }
  return ns->custom_group;
}

/* The token is a figure of four digits written without grouping that counts or measures: four
 * digits, not from 0, perhaps a decimal part (3500, 1258.5), then perhaps a space, 余 or 多, and
 * a measure word or unit (3500人, 1258.5吨, 3200余名, 8000 多个); not a year (2026年, nor a figure
 * before 年 at all), not after 第 (an ordinal) nor a Latin letter (an identifier). */
static bool plain_four(const char *t, size_t n, const tok *k) {
  if (k->glen[0] != 4 || t[k->start] == '0' || (k->ng != 1 && !(k->ng == 2 && k->sep[1] == '.')))
    return false;
  size_t e = k->end;
  if (e < n && t[e] == ' ') e++;
  /* (a year first: most figures of four digits are, and 年 ends measure_words) */
  if (e + 3 > n || (unsigned char)t[e] < 0xE0 || at_str(t, n, e, "年")) return false;
  uint32_t pc = cp_before(t, k->start, NULL);
  if (pc == 0x7B2C /*第*/ || is_alpha(pc)) return false;
  if (at_str(t, n, e, "余") || at_str(t, n, e, "多")) e += 3;
  size_t w = at_any(t, n, e, measure_words);
  return w && strcmp(measure_words[w - 1], "年") != 0;
}

/* Whether the block holds such a figure (plain_four), looked for once per block, at its first
 * four-digit grouping that would be reported. */
static bool block_has_plain(numbers_stage *ns) {
  if (ns->plain_group >= 0) return ns->plain_group;
  const char *t = ns->t;
  size_t n = ns->n;
  ns->plain_group = 0;
  for (size_t i = 0; i + 4 <= n; i++) {
    if (!is_digit((unsigned char)t[i]) ||
        (i && (is_digit((unsigned char)t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',')))
      continue;
    tok k;
    scan_tok(t, n, i, &k);
    if (plain_four(t, n, &k) && !ident_before(t, i)) {
      ns->plain_group = 1;
      break;
    }
    i = k.end - 1;
  }
  return ns->plain_group;
}

/* 4,2358 or 1,2345,6789: digits grouped by four (as 万 and 亿 count them), or a decimal point
 * typed as a comma. GB/T 15835-2011 groups a long number by three from the decimal point (or not
 * at all), so neither 42,358 nor 4.2358 can be told from it: reported, never regrouped (probe 36's
 * leftover, session 37). The groups after the first are of three or four digits, one at least of
 * four; the first of one to three digits, not from 0 (0,1000: two numbers); a decimal part
 * may end it (4,2358.5). A list of years (2019,2020) starts with four digits, 1,2,3号楼 with
 * one: neither is such a shape. */
static bool grouped_by_four(const tok *k) {
  if (k->ng < 2 || k->ng > MAXG || k->glen[0] < 1 || k->glen[0] > 3) return false;
  int four = 0;
  for (int g = 1; g < k->ng; g++) {
    if (k->sep[g] == '.' && g == k->ng - 1 && g > 1) break;
    if (k->sep[g] != ',' || k->glen[g] < 3 || k->glen[g] > 4) return false;
    four += k->glen[g] == 4;
  }
  return four > 0;
}

/* Units that make a bracketed figure an amount (合计(4,2358)元: session 39), not a coordinate. */
static const char *const bracket_units[] = {"元", "万", "亿", "美元", "欧元", "人", "个", "吨",
                                            "公斤", "千克", "米", "平方米", "公里", "辆", "户",
                                            "家", "件", "台", "股", "份", "次", "套", "名", NULL};

/* Whether a unit follows the bracket at nx (合计(4,2358)元), not the first character of a word
 * (矩阵(4,2358)元素: review 39 R4) nor after a coordinate's name (坐标(4,2358)米); open: the
 * bracket's offset. */
static bool bracket_amount(const char *t, size_t n, size_t open, size_t nx) {
  size_t u = at_any(t, n, nx, bracket_units);
  if (!u) return false;
  if (nx + 6 <= n && !memcmp(t + nx, "元素", 6)) return false;
  return !(open >= 6 && !memcmp(t + open - 6, "坐标", 6));
}

/* A shape of num-group-odd that is no number grouped by 万 (review 37: false reports): the whole
 * of a bracket, a pair of coordinates ((3,1234), （3,1234）, [3,1234]: the punctuation stage makes
 * the brackets of Chinese text full-width first), unless a unit follows the bracket (合计(4,2358)元,
 * session 39); a number of English text (white space and a Latin letter before it or after it:
 * Values 1,2345 and 3,4567), unless a Han character follows the number (全年GDP 4,2358亿元: the
 * Latin word is a term of the Chinese sentence, session 39); an item of a list of figures,
 * joined to another figure by 和 与 及 或 、 with no unit of its own between (分别为3,1000和
 * 5,2000人: two figures each written with an ASCII comma). 4,2358元 and 1,2345,6789人 are not
 * such shapes. */
static bool odd_group_not_number(const char *t, size_t n, const tok *k) {
  size_t ps, nx;
  uint32_t pc = cp_before(t, k->start, &ps), nc = cp_at(t, n, k->end, &nx);
  if ((pc == '(' || pc == 0xFF08) && (nc == ')' || nc == 0xFF09) && !bracket_amount(t, n, ps, nx))
    return true;
  if (pc == '[' && nc == ']') return true;
  if (qg_cp_is_space(pc) && is_alpha(cp_before(t, ps, NULL)) && !qg_cp_is_han(nc)) return true;
  /* a Latin label of an identifier before it (共有ID 1,2345和ID 6,7890两条记录: the number names a
   * record and counts nothing; session 40, review 39's doubt): ID UID SN No NO PIN QQ; not with
   * a unit after it (ID 4,2358元的款项, ID 4,2358人: an amount or a count; review 40) */
  if (qg_cp_is_space(pc) && is_alpha(cp_before(t, ps, NULL)) && !at_any(t, n, k->end, bracket_units)) {
    static const char *const labels[] = {"ID", "UID", "SN", "No", "NO", "PIN", "QQ", NULL};
    size_t e = ps, b = e;
    while (b > 0 && is_alpha((unsigned char)t[b - 1]) && e - b < 4) b--;
    if (!(b > 0 && is_alpha((unsigned char)t[b - 1])))
      for (size_t l = 0; labels[l]; l++)
        if (strlen(labels[l]) == e - b && !memcmp(t + b, labels[l], e - b)) return true;
  }
  if (qg_cp_is_space(nc) && is_alpha(cp_at(t, n, nx, NULL))) return true;
  /* an item of a list: a joining word and a figure after it, or a figure and a joining word
   * before it */
  size_t w = at_any(t, n, k->end, list_joins);
  if (w && k->end + strlen(list_joins[w - 1]) < n &&
      is_digit((unsigned char)t[k->end + strlen(list_joins[w - 1])]))
    return true;
  for (size_t j = 0; list_joins[j]; j++) {
    size_t l = strlen(list_joins[j]);
    if (k->start > l && !memcmp(t + k->start - l, list_joins[j], l) &&
        is_digit((unsigned char)t[k->start - l - 1]))
      return true;
  }
  return false;
}

/* 28,456 or 1,256,380.5: five integer digits or more grouped by three with commas (the
 * grouping GB/T 15835 allows), a decimal part possibly after them. */
static bool grouped_wide(const tok *k) {
  if (k->ng < 2 || k->ng > MAXG || k->glen[0] < 1 || k->glen[0] > 3) return false;
  int digits = k->glen[0], g = 1;
  for (; g < k->ng; g++) {
    if (k->sep[g] == '.' && g == k->ng - 1) break;
    if (k->sep[g] != ',' || k->glen[g] != 3) return false;
    digits += 3;
  }
  return digits >= 5;
}

/* Whether the block reads as a table's row: cells with figures apart (qg_text_spaced_cells), or
 * a row the structure stage found. */
static bool block_is_row(const numbers_stage *ns) {
  return ns->b->table_row || qg_text_spaced_cells(ns->t, ns->n) > 0;
}

/* Whether 各, 分别 or 依次 stands among the (up to seven) Han characters before at: the figures
 * after it are items of a list (两个乡镇各有2，300户: 2 and 300; as the chars stage's count_start
 * reads full-width figures, review 25b M1). */
static bool list_word_before(const char *t, size_t at) {
  uint32_t after = 0;
  for (int h = 0; h < 7 && at > 0; h++) {
    size_t p;
    uint32_t c = cp_before(t, at, &p);
    if (!qg_cp_is_han(c)) break;
    if (c == 0x5404 || (c == 0x5206 && after == 0x522B) || (c == 0x4F9D && after == 0x6B21))
      return true; /* 各, 分别, 依次 */
    after = c, at = p;
  }
  return false;
}

/* A separator at j right after the measure word of the last check_fw_group report, or after
 * its noun of up to four Han characters (1，258人，1，305人; 1，258名学生、1，305名学生). */
static bool fw_group_joined(const numbers_stage *ns, size_t j) {
  for (int h = 0; h <= 4; h++) {
    if (j == ns->fwgroup_end) return true;
    size_t ps;
    if (j < ns->fwgroup_end || !qg_cp_is_han(cp_before(ns->t, j, &ps))) return false;
    j = ps;
  }
  return false;
}

/* 1，258人: a full-width comma between ASCII figures of one number of four digits, one digit,
 * ， and three digits before a measure word or unit, after a Han character (session 45, probe 45
 * X4: nothing was reported). Reported as num-group-short, the number without the comma
 * suggested (a number of four digits needs no grouping). Not a longer number or chain, nor a
 * decimal after it (12，000人, 1，258，000, 1，258．5: left, as the chars stage leaves such full-width
 * figures), not a list (after a mark or a figure, after 第, or after 各 分别 依次: 各有2，300户), nor
 * where the article groups by custom or a table's row aligns its column (check_grouping). */
static int check_fw_group(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, e = k->end, g = e + 6;
  if (k->ng != 1 || k->glen[0] != 1 || t[k->start] == '0' || g > n ||
      !at_str(t, n, e, "\xEF\xBC\x8C")) /* ， */
    return 0;
  for (size_t d = e + 3; d < g; d++)
    if (!is_digit((unsigned char)t[d])) return 0;
  if (g < n && (is_digit((unsigned char)t[g]) || t[g] == '.' || t[g] == ',' ||
                at_str(t, n, g, "\xEF\xBC\x8C") || at_str(t, n, g, "\xEF\xBC\x8E")))
    return 0;
  size_t sep;
  uint32_t pc = cp_before(t, k->start, &sep);
  /* (the next item of a list of such numbers, after ， 、 or ； that follows the measure word of
   * one reported just before, or its noun of up to four Han characters: 1，258人，1，305人，
   * 1，196人 named the first alone; session 46, review 45 L3) */
  bool next_item = (pc == 0xFF0C || pc == 0x3001 || pc == 0xFF1B) && ns->fwgroup_end &&
                   fw_group_joined(ns, sep);
  if (!next_item && (!qg_cp_is_han(pc) || pc == 0x7B2C /*第*/ || list_word_before(t, k->start)))
    return 0;
  size_t w = at_any(t, n, g, measure_words), tw = w ? 0 : at_any(t, n, g, measure_words_trad);
  if (!w && !tw) return 0;
  if (ns->art_custom || (ns->art_wide && block_is_row(ns))) return 0;
  qg_buf_clear(&ns->rep);
  if (qg_buf_put(&ns->rep, t + k->start, e - k->start) || qg_buf_put(&ns->rep, t + e + 3, 3) ||
      qg_buf_grow(&ns->rep, 0))
    return QG_ERR_NOMEM;
  ns->rep.ptr[ns->rep.len] = '\0';
  ns->lint_from = g;
  ns->fwgroup_end = g + strlen(w ? measure_words[w - 1] : measure_words_trad[tw - 1]);
  return report(ns, "num-group-short", k->start, g, ns->rep.ptr,
                "a full-width comma inside a number of four digits, which needs no grouping: %s",
                ns->rep.ptr);
}

static int check_grouping(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  if (grouped_wide(k) && t[k->start] != '0') ns->art_wide = true;
  if (!ns->art_plain && plain_four(t, ns->n, k)) ns->art_plain = true;
  if (grouped_by_four(k) && t[k->start] != '0') {
    /* (not in a half-open interval's shape: [1,2345) is two end points, as below; nor an item
     * of a list or a program's text: after a comma or a brace ({1,0001, a,5,6230), or before a
     * letter, a digit's word or _ (1,0001file)) */
    char pb = k->start > 0 ? t[k->start - 1] : 0, na = k->end < ns->n ? t[k->end] : 0;
    if ((pb == '[' && na == ')') || (pb == '(' && na == ']') || pb == ',' || pb == '{' ||
        is_alnum((unsigned char)na) || na == '_')
      return 0;
    if (odd_group_not_number(t, ns->n, k)) return 0;
    return report(ns, "num-group-odd", k->start, k->end, NULL,
                  "digits grouped by four: %.*s (GB/T 15835 groups by three from the decimal point, "
                  "or not at all: a grouping by 万, or a decimal point typed as a comma?); left as "
                  "written", (int)(k->end - k->start), t + k->start);
  }
  /* (a group of thousands never follows a lone 0: 0,100 is two numbers, the ends of [0,100)
   * or a list, not 0100; review 21) */
  if (!short_grouped(k) || t[k->start] == '0') return 0;
  /* (nor in a half-open interval's shape, [1,100) or (1,100]: two end points, or a bracket
   * mistyped, which the punctuation stage reports; 1100 would be no fix of either; session 22) */
  if (k->start > 0 && k->end < ns->n && k->ng == 2 &&
      ((t[k->start - 1] == '[' && t[k->end] == ')') || (t[k->start - 1] == '(' && t[k->end] == ']')))
    return 0;
  int kind = at_str(t, ns->n, k->end, "年") ? 0 : custom_kind(t, ns->n, k);
  if (kind) {
    if (kind == 2) ns->art_custom = true;
    return 0;
  }
  qg_buf_clear(&ns->rep);
  for (size_t i = k->start; i < k->end; i++)
    if (t[i] != ',' && qg_buf_putc(&ns->rep, t[i])) return QG_ERR_NOMEM;
  if (k->ng == 2 && at_str(t, ns->n, k->end, "年"))
    return qg_edit_replace(&ns->edit, k->start, k->end - k->start, ns->rep.ptr, ns->rep.len,
                           "num-year-grouping", "a year is never grouped: %s", ns->rep.ptr);
  if (block_groups_by_custom(ns)) {
    if (ns->custom_group == 2) ns->art_custom = true;
    return 0;
  }
  /* the article groups by custom (an earlier paragraph: 3,412.56点 and then 3,300～3,500点, one
   * style per text; probe 41 F9), or this is a table's row and the article groups its long
   * figures by three (9,872 in the column of 1,256,380: the table aligns it; probe 42 L2).
   * Only what came before is known: a paragraph before the evidence is reported. */
  if (ns->art_custom || (ns->art_wide && block_is_row(ns))) return 0;
  /* GB/T 15835 lets a four-digit integer go grouped or not: a text that groups its four-digit
   * figures everywhere follows one style and is not told (1,286.4亿元 and 3,200余名 in one report:
   * probe 47 M4). Reported where the article mixes the two, writing such a figure without
   * grouping before this one or in its paragraph (3500人 … 1,258人); one written later is not seen
   * (the stage sees one block at a time). */
  if (!ns->art_plain && !block_has_plain(ns)) return 0;
  return report(ns, "num-group-short", k->start, k->end, ns->rep.ptr,
                "a number of four digits needs no grouping: %s", ns->rep.ptr);
}

/* ---- years ---------------------------------------------------------------------------- */

/* The full year ending in the two digits yy that follows the year `first` in a range. */
static int64_t complete_year(int64_t first, int64_t yy) {
  int64_t y = first / 100 * 100 + yy;
  return y < first ? y + 100 : y;
}

static const uint32_t range_marks[] = {0x2014, 0x2013, 0x2015, 0xFF5E, '~', 0x301C,
                                       0xFF0D, '-',    0x81F3, 0x5230}; /* 至 到 */

/* Abbreviated end of a year range: 1995-98年 (one token) or 1995—98年 (two). */
static int check_year_range(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n;
  int64_t first;
  size_t yy_from;
  if (k->ng == 2 && k->sep[1] == '-' && k->glen[0] == 4 && k->glen[1] == 2) {
    first = digits_val(t, k->start, 4);
    yy_from = group_off(k, 1);
  } else if (k->ng == 1 && k->glen[0] == 2) {
    size_t ms, ds;
    uint32_t mark = cp_before(t, k->start, &ms);
    if (!in_set(mark, range_marks, sizeof range_marks / sizeof range_marks[0])) return 0;
    ds = ms;
    while (ds > 0 && is_digit((unsigned char)t[ds - 1])) ds--;
    if (ms - ds != 4 || (ds > 0 && (t[ds - 1] == '.' || t[ds - 1] == ','))) return 0;
    first = digits_val(t, ds, 4);
    yy_from = k->start;
  } else {
    return 0;
  }
  if (!at_str(t, n, k->end, "年") || at_str(t, n, k->end, "年级") ||
      at_str(t, n, k->end, "年代"))
    return 0;
  if (first < 1000) return 0;
  int64_t full = complete_year(first, digits_val(t, yy_from, 2));
  qg_buf_clear(&ns->rep);
  if (qg_buf_printf(&ns->rep, "%lld", (long long)full) < 0) return QG_ERR_NOMEM;
  return report(ns, "num-year-abbrev", yy_from, k->end, ns->rep.ptr,
                "years are written in full: %s", ns->rep.ptr);
}

/* Whether offset at of the block is inside a quotation: more “ 「 『 than ” 」 』 before it in the
 * block (a paragraph of a quotation over several opens with “ and does not close it). Asked
 * for years only, which are few: a scan of the block up to the year. */
static bool in_quotation(numbers_stage *ns, size_t at) {
  const unsigned char *u = (const unsigned char *)ns->t;
  /* (years come in the order of the text: the count goes on from the last year's offset, so a
   * block is read once however many years it holds) */
  if (at < ns->quote_at) ns->quote_at = 0, ns->quote_depth = 0;
  int depth = ns->quote_depth;
  size_t i = ns->quote_at;
  for (; i + 3 <= at; i++) {
    if (u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0x9C || u[i + 2] == 0x9D))
      depth += u[i + 2] == 0x9C ? 1 : depth > 0 ? -1 : 0; /* “ ” */
    else if (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] >= 0x8C && u[i + 2] <= 0x8F)
      depth += !(u[i + 2] & 1) ? 1 : depth > 0 ? -1 : 0; /* 「 」 『 』 */
  }
  ns->quote_at = i;
  ns->quote_depth = depth;
  return depth > 0;
}

/* Remembers the first year form of the document, or reports one that differs from it. A year
 * in a title (《》) or in a quotation (“一九五八年立”, an inscription, a document quoted as
 * written: session 45, probe 45 L1) keeps its own form: it neither sets the form nor is
 * reported. */
static int year_form(numbers_stage *ns, int form, size_t from, size_t to) {
  if (ns->book) return 0; /* a title keeps its own form */
  if (in_quotation(ns, from)) return 0; /* so does a quotation */
  if (!ns->year_form) {
    ns->year_form = form;
    ns->year_line = qg_block_pos(ns->b, from).line;
    snprintf(ns->year_text, sizeof ns->year_text, "%.*s", (int)(to - from), ns->t + from);
    return 0;
  }
  if (ns->year_form == form) return 0;
  return report(ns, "num-year-form", from, to, NULL,
                "year written in %s here but as %s on line %u: use one form within a text",
                form == 1 ? "Arabic digits" : "Chinese numerals", ns->year_text, ns->year_line);
}

static const char *const duration_after[] = {"年前", "年间", "年历史", "年的历史", "年左右",
                                             "年多", "年以上", "年之久", NULL};
static const uint32_t duration_before[] = {0x8FD1, 0x7EA6, 0x903E, 0x8D85, 0x8FBE,
                                           0x7ECF, 0x5386, 0x4F59}; /* 近约逾超达经历余 */

/* 2008年: a year in Arabic digits (not a duration: 5000年前, 近2000年). Also reports a
 * Chinese-numeral month and day after it (2008年八月八日). */
static int check_arabic_year(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n;
  bool grouped = k->ng == 2 && short_grouped(k); /* 2,008年: fixed, still a year */
  if ((k->ng != 1 || k->glen[0] != 4) && !grouped) return 0;
  if (!at_str(t, n, k->end, "年") || at_any(t, n, k->end, duration_after)) return 0;
  int64_t y = grouped ? digits_val(t, k->start, 1) * 1000 + digits_val(t, k->start + 2, 3)
                      : digits_val(t, k->start, 4);
  if (y < 1000 || y > 2100 ||
      in_set(cp_before(t, k->start, NULL), duration_before,
             sizeof duration_before / sizeof duration_before[0]))
    return 0;
  size_t yend = k->end + 3;
  int rc = year_form(ns, 1, k->start, yend);
  if (rc) return rc;
  /* 八月八日 after it: month of Chinese numerals and a day ending in 日 */
  size_t i = yend, m0 = yend;
  int nm = 0;
  for (size_t j; nm < 3 && (cn_digit(cp_at(t, n, i, &j)) > 0 || at_str(t, n, i, "十")); nm++)
    i = j;
  if (!nm || !at_str(t, n, i, "月")) return 0;
  i += 3;
  size_t d0 = i;
  for (size_t j; i - d0 < 12 && (cn_digit(cp_at(t, n, i, &j)) > 0 || at_str(t, n, i, "十") ||
                                 at_str(t, n, i, "廿") || at_str(t, n, i, "卅"));)
    i = j;
  if (i == d0 || !at_str(t, n, i, "日")) return 0;
  return report(ns, "num-year-form", m0, i + 3, NULL,
                "date mixes forms: Arabic-digit year with a Chinese-numeral month and day");
}

/* 三、四十家, 四、五百人, 持续三、四个月: two adjacent Chinese numerals of one digit (n, n+1; 一、两)
 * joined by 、 before a magnitude or a measure word are one approximate number, written
 * without the 顿号 (GB/T 15835; probe 36 F11: only the Arabic 3、4个月 was reported). The
 * numeral a at [at, i) is a run of one digit, 、 at i. Not reported: after anything but Han
 * (a heading's label, 三、四个着力点; after ：), after 第 (ordinals) or another numeral, before
 * a third item (一、二、三), 年级 (一、二年级), and what the measure words leave (一、二等奖,
 * 五、六月). */
static __attribute__((noinline)) int check_cn_approx(numbers_stage *ns, size_t at, size_t i,
                                                     int a) {
  const char *t = ns->t;
  size_t n = ns->n, j, e;
  uint32_t pc = cp_before(t, at, NULL);
  if (a < 1 || a > 8 || !qg_cp_is_han(pc) || pc == 0x7B2C /*第*/ || is_cn_numeral(pc)) return 0;
  uint32_t y = cp_at(t, n, i + 3, &j);
  if (!(cn_digit(y) == a + 1 || (a == 1 && y == 0x4E24 /*两*/))) return 0;
  bool trad = at_any(t, n, j, measure_words_trad);
  if ((!trad && !at_any(t, n, j, measure_words)) || at_str(t, n, j, "年级") ||
      at_str(t, n, j, "\xE3\x80\x81"))
    return 0;
  e = j;
  while (e < n && is_cn_numeral(cp_at(t, n, e, NULL))) cp_at(t, n, e, &e); /* 十, 百 … */
  qg_buf_clear(&ns->rep);
  if (qg_buf_put(&ns->rep, t + at, i - at) || qg_buf_put(&ns->rep, t + i + 3, e - i - 3) ||
      qg_buf_grow(&ns->rep, 0))
    return QG_ERR_NOMEM;
  ns->rep.ptr[ns->rep.len] = '\0';
  ns->lint_from = e;
  return report(ns, "num-approx", at, e, ns->rep.ptr,
                "approximate number: write %s (no 顿号 between adjacent numerals)", ns->rep.ptr);
}

/* Whether the block's text is a date in Chinese numerals alone (二〇二六年五月二十日, white
 * space around it): the year's run starts at `at`, its 年 ends at y. */
static bool closing_date(const numbers_stage *ns, size_t at, size_t y) {
  const char *t = ns->t;
  size_t n = ns->n, i = y, j;
  for (size_t b = 0; b < at; b++)
    if (t[b] != ' ' && t[b] != '\t') return false;
  int m = 0, d = 0;
  while (m < 3 && (cn_digit(cp_at(t, n, i, &j)) > 0 || at_str(t, n, i, "十"))) i = j, m++;
  if (!m || !at_str(t, n, i, "月")) return false;
  i += 3;
  while (d < 3 && (cn_digit(cp_at(t, n, i, &j)) >= 0 || at_str(t, n, i, "十") ||
                   at_str(t, n, i, "廿") || at_str(t, n, i, "卅")))
    i = j, d++;
  if (!d || !at_str(t, n, i, "日")) return false;
  for (i += 3; i < n; i++)
    if (t[i] != ' ' && t[i] != '\t') return false;
  return true;
}

/* What else is typed for the zero 〇 in a year of Chinese numerals (二O一九年, 二0二0年, 二〇二Ｏ年,
 * 二◯◯八年): the Latin O (and o), the digit 0, their full-width forms and the large circle ◯; the
 * name for the report, NULL for anything else. */
static const char *year_zero_name(uint32_t c) {
  switch (c) {
  case 'O': return "O (a Latin letter)";
  case 'o': return "o (a Latin letter)";
  case 0xFF4F: return "ｏ (a full-width Latin letter)";
  case '0': return "0 (an Arabic digit)";
  case 0xFF2F: return "Ｏ (a full-width Latin letter)";
  case 0xFF10: return "０ (a full-width digit)";
  case 0x25EF: return "◯ (a large circle)";
  default: return NULL;
  }
}

/* The end of a year of Chinese numerals whose run stopped at i, at a character that only
 * looks like 〇 (year_zero_name), after len places (1..3) starting at `at`: exactly four
 * places of Chinese digits, ○ or such characters, then 年 and no further numeral but a month's
 * (十月, 十二月: review 45 H3); 0 if the
 * text is not that (二O型 a name, O2O, 三0五室, 二0年: left). Not after a Latin letter or an
 * ASCII digit (part of an identifier). */
static size_t lookalike_year_end(const numbers_stage *ns, size_t at, size_t i, int len) {
  const char *t = ns->t;
  size_t n = ns->n, j;
  if (is_alnum(cp_before(t, at, NULL))) return 0;
  for (; len < 4; len++, i = j) {
    uint32_t c = cp_at(t, n, i, &j);
    if (cn_digit(c) < 0 && c != 0x25CB && !year_zero_name(c)) return 0;
  }
  if (!at_str(t, n, i, "年")) return 0;
  /* (a numeral after 年 only as a month, 二O一九年十月, 二0二0年十二月三十一日: review 45 H3, the
   * commonest form of a signed date; not 二0二0年一遇) */
  size_t k = i + 3, q;
  int m = 0;
  while (m < 3 && is_cn_numeral(cp_at(t, n, k, &q))) k = q, m++;
  if (m && (m > 2 || !at_str(t, n, k, "月"))) return 0;
  return i;
}

/* A run of Chinese numerals starting at `at`: 二〇〇八年 (a year in Chinese numerals),
 * 〇八年 (an abbreviated one). Returns the end of the run in *end. A character typed for 〇
 * (year_zero_name) inside a year of four places is that year's zero (session 45, probe 45
 * X2: 二O一九年 was read as the abbreviated 一九年, 二0二0年 not at all). */
/* Whether the Chinese digit that ends at i stands alone before a common Han character that is
 * no digit (一个, 统一的, 进一步, 三人): on_cn_run would read a run of one digit, find no 、 after
 * it, no zero typed as a letter and no year (a year of one digit is none), change and report
 * nothing and end at i, so the scans go on from i without it (session 50: most of the digits
 * the scan stops at are such a 一). */
static inline bool lone_digit(const char *t, size_t n, size_t i) {
  const unsigned char *u = (const unsigned char *)t + i;
  if (i + 3 > n || !qg_utf8_common_han(u)) return false;
  return cn_digit(((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3Fu)) < 0;
}

static int on_cn_run(numbers_stage *ns, size_t at, size_t *end) {
  const char *t = ns->t;
  size_t n = ns->n, i = at, j, year_end;
  int d[4], len = 0;
  uint32_t c;
  for (;; i = j) {
    c = cp_at(t, n, i, &j);
    int v = c == 0x25CB ? 0 : cn_digit(c); /* ○ (a circle) written for 〇 (二○二五年) */
    if (v < 0) break;
    if (c == 0x25CB) { /* the run starts with a numeral: the circle is its zero */
      int rc = qg_edit_replace(&ns->edit, i, j - i, "\xE3\x80\x87", 3, "num-zero",
                               "○ (a circle) used as the zero of a Chinese numeral: ○ → 〇");
      if (rc) return rc;
    }
    if (len < 4) d[len++] = v;
    else len = 5;
  }
  /* (the run stopped at a character typed for 〇: a year goes on past it; the test of c first,
   * which a Han character or a mark fails at once) */
  if ((c < 0x80 ? (c | 0x20) == 'o' || c == '0' : c == 0x25EF || (c >= 0xFF10 && c <= 0xFF4F)) &&
      len && len < 4 && year_zero_name(c) && (year_end = lookalike_year_end(ns, at, i, len))) {
    for (; i < year_end; i = j) {
      c = cp_at(t, n, i, &j);
      const char *like = c == 0x25CB ? "○ (a circle)" : year_zero_name(c);
      if (like) {
        int rc = qg_edit_replace(&ns->edit, i, j - i, "\xE3\x80\x87", 3, "num-zero",
                                 "%s used as the zero of a year in Chinese numerals: %.*s → 〇",
                                 like, (int)(j - i), t + i);
        if (rc) return rc;
      }
      d[len++] = like ? 0 : cn_digit(c);
    }
  }
  *end = i;
  if (len == 1 && i + 3 <= n && t[i] == '\xE3' && t[i + 1] == '\x80' && t[i + 2] == '\x81')
    return check_cn_approx(ns, at, i, d[0]); /* 、 */
  if (is_cn_numeral(cp_at(t, n, i, NULL)) || !at_str(t, n, i, "年")) return 0;
  if (len == 4) {
    /* (a closing date, the paragraph's whole text, keeps Chinese numerals by convention: a
     * judgment's, a 公文's 成文日期 of the older style; it counts for no year form: probe 42 L1) */
    if (closing_date(ns, at, i + 3)) return 0;
    int rc = year_form(ns, 2, at, i + 3);
    if (rc) return rc;
    /* an Arabic month after a Chinese-numeral year: 二〇〇八年8月 */
    size_t m = i + 3, e = m;
    while (e < n && e - m < 2 && is_digit((unsigned char)t[e])) e++;
    if (e > m && (e >= n || !is_digit((unsigned char)t[e])) && at_str(t, n, e, "月")) {
      ns->lint_from = e;
      return report(ns, "num-year-form", m, e + 3, NULL,
                    "date mixes forms: Chinese-numeral year with an Arabic-digit month");
    }
    return 0;
  }
  if (len != 2 || at_str(t, n, i, "年代") || at_str(t, n, i, "年级")) return 0;
  if (d[1] == d[0] + 1 || (d[0] == 3 && d[1] == 5)) return 0; /* 三四年, 三五年: approximate */
  return report(ns, "num-year-abbrev", at, i + 3, NULL,
                "years are written in full: %.*s is an abbreviated year", (int)(i + 3 - at),
                t + at);
}

/* ’98 or '98: an apostrophe and two digits. */
static int check_apostrophe(numbers_stage *ns, size_t at, size_t after) {
  const char *t = ns->t;
  size_t n = ns->n;
  size_t ps;
  uint32_t pc = cp_before(t, at, &ps);
  if (is_alnum(pc)) return 0;
  if (qg_cp_is_space(pc) && is_alpha(cp_before(t, ps, NULL))) return 0; /* Latin text: in '98 */
  if (n - after < 2 || !is_digit((unsigned char)t[after]) || !is_digit((unsigned char)t[after + 1]))
    return 0;
  size_t e = after + 2;
  if (e < n && (is_alnum((unsigned char)t[e]) || strchr(".,:-/", t[e]))) return 0;
  ns->lint_from = e;
  return report(ns, "num-year-abbrev", at, e, NULL,
                "years are written in full: %.*s is an abbreviated year", (int)(e - at), t + at);
}

/* ---- num-decimal-zero ----------------------------------------------------------------- */

static const uint32_t decimal_lead[] = {
    '(', '=', '<', '>', 0x2248, 0xFF08, 0x201C, 0x2018, 0xFF1A, 0xFF0C, 0x3001, 0xFF1B,
    0xFF5E, '~', 0x2014, 0x2013,
    0x7EA6, 0x4E3A, 0x662F, 0x8FBE, 0x81F3, 0x5230, 0x6BD4, 0x4EC5, 0x8FD1, 0x8D85, 0x903E,
    0x7387, 0x503C, 0x548C, 0x4E0E, 0x6216, 0x53CA, 0x7531, 0x4ECE, 0x589E, 0x964D, 0x5347,
    0x8DCC, 0x51CF, 0x6DA8, 0x5DEE, /* 约为是达至到比仅近超逾率值和与或及由从增降升跌减涨差 */
    0x4E86, 0x52A0, 0x9AD8, 0x4F4E, 0x5C11, 0x591A, 0x957F, 0x7F29, 0x5927, 0x5C0F}; /* 了加高低少多长缩大小 */
static const char *const decimal_not_after[] = {"年", "月", "日", "号", "时", "口径", NULL};

/* .46 -> 0.46 at the point at `at`, plen bytes long: the ASCII '.' or, session 42 (probe 41
 * F5), the full-width ．, which the scan meets as the character before a token (相差．08秒 ->
 * 0.08). A dot after a word that ends no sentence and before a count of whole things (他今年.35岁,
 * 在3号线.5个站点: qg_stray_dot_before_count, which keeps the punctuation stage from making it a
 * full stop) is reported too, without a suggestion: a stray dot or a decimal without its 0. */
static int check_decimal_zero(numbers_stage *ns, size_t at, size_t plen) {
  const char *t = ns->t;
  size_t n = ns->n, ps, e = at + plen;
  uint32_t pc = cp_before(t, at, &ps);
  bool ok = pc == 0 || in_set(pc, decimal_lead, sizeof decimal_lead / sizeof decimal_lead[0]);
  if (qg_cp_is_space(pc) || pc == '+' || pc == '-' || pc == 0x2212 || pc == 0xB1) {
    uint32_t pp = cp_before(t, ps, NULL);
    ok = !is_alnum(pp) && pp != '.' && pp != ',';
  }
  bool stray = !ok && plen == 1 && qg_cp_is_han(pc) && qg_stray_dot_before_count(t, n, at);
  if (!ok && !stray) return 0;
  while (e < n && is_digit((unsigned char)t[e])) e++;
  if (e < n && (is_alpha((unsigned char)t[e]) || strchr(".,:-/", t[e]))) return 0;
  if (at_str(t, n, e, "\xEF\xBC\x8E") || at_any(t, n, e, decimal_not_after)) return 0;
  ns->lint_from = e;
  if (stray)
    return report(ns, "num-decimal-zero", at, e, NULL,
                  "a dot between a word that ends no sentence and a figure: a stray dot, or a "
                  "decimal without its 0 (%.*s)", (int)(e - at), t + at);
  qg_buf_clear(&ns->rep);
  if (qg_buf_puts(&ns->rep, "0.") || qg_buf_put(&ns->rep, t + at + plen, e - at - plen))
    return QG_ERR_NOMEM;
  return report(ns, "num-decimal-zero", at, e, ns->rep.ptr,
                "a pure decimal keeps its leading zero: %s", ns->rep.ptr);
}

/* ---- the token ------------------------------------------------------------------------ */

/* A full-width percent sign (％ or the small ﹪) right after a number at `at` becomes %;
 * *resume moves past it. */
static int percent_after(numbers_stage *ns, size_t at, size_t *resume) {
  size_t j;
  uint32_t c = cp_at(ns->t, ns->n, at, &j);
  if (c != 0xFF05 && c != 0xFE6A) return 0;
  *resume = j;
  return qg_edit_replace(&ns->edit, at, j - at, "%", 1, "num-fullwidth-sign",
                         "full-width percent sign replaced by %%");
}

/* ---- full-width colons in clock times and scores --------------------------------------- */

/* Characters that end a numbered label before a colon (表1：20家企业, 附件2：30个单位): the colon
 * there is punctuation, what follows is another number. */
static const uint32_t label_end[] = {0x8868 /*表*/, 0x56FE /*图*/, 0x4EF6 /*件*/, 0x4F8B /*例*/,
                                     0x9898 /*题*/, 0x6761 /*条*/, 0x6B3E /*款*/, 0x9879 /*项*/,
                                     0x70B9 /*点*/, 0x9AA4 /*骤*/, 0x6848 /*案*/, 0x7AE0 /*章*/,
                                     0x8282 /*节*/, 0x6BB5 /*段*/, 0x7EC4 /*组*/, 0x5219 /*则*/,
                                     0x5F0F /*式*/, 0x6CE8 /*注*/, 0x680F /*栏*/, 0x5217 /*列*/,
                                     0x884C /*行*/, 0x9875 /*页*/, 0x5377 /*卷*/, 0x518C /*册*/,
                                     0x96C6 /*集*/, 0x671F /*期*/, 0x7B2C /*第*/, 0x53F7 /*号*/};
/* Words before a score or a ratio (比分3：1, 以1：500的比例) and after one (3：1战胜). */
/* (the score verbs of match reports: 战成1：1, 3：0横扫, probe 10a F26) */
static const char *const ratio_before[] = {"比分", "比分为", "比分是", "比例", "比例为", "比例是",
                                           "比例尺", "以", "按", "战成", "打成", "扳成", "追成",
                                           NULL};
static const char *const ratio_after[] = {"战胜", "击败", "获胜", "取胜", "胜出", "力克", "击溃",
                                          "险胜", "完胜", "大胜", "告负", "落败", "惜败", "负于",
                                          "不敌", "战平", "打平", "领先", "落后", "的比分",
                                          "的大比分", "的总比分", "的比例", "横扫", "逆转", "扳平",
                                          "翻盘", "淘汰", NULL};
/* Han characters that may follow a score besides ratio_after's words: 平 胜 负 败 的 (战成2-2平,
 * 以3-1胜, 2-1的比分) (check_score) */
static const uint32_t score_next[] = {0x5E73, 0x80DC, 0x8D1F, 0x8D25, 0x7684, 0x52DD, 0x8CA0,
                                      0x6557};
static const char fw_colon[] = "\xEF\xBC\x9A"; /* ： U+FF1A */
/* After set scores with 以 before them: 以21-19、21-17连胜两局 (check_score) */
static const char *const set_wins[] = {"连胜", "连败", "連勝", "連敗", "胜", "负", "败", "勝",
                                       "負", "敗", NULL};
#define SCORE_CHAIN 8 /* set scores joined by 、 that check_score takes together */

static bool ends_with(const char *t, size_t at, const char *s) {
  size_t l = strlen(s);
  return at >= l && !memcmp(t + at - l, s, l);
}

/* A clock time ends just before the range mark before at (8：00—17：30, 8:00-17:30 at 17). */
static bool time_before_range(const char *t, size_t at) {
  size_t ms;
  if (!in_set(cp_before(t, at, &ms), range_marks, sizeof range_marks / sizeof range_marks[0]) ||
      ms < 4 || !is_digit((unsigned char)t[ms - 1]) || !is_digit((unsigned char)t[ms - 2]))
    return false;
  size_t c = ms - 2, h;
  if (c >= 1 && t[c - 1] == ':') h = c - 1;
  else if (ends_with(t, c, fw_colon)) h = c - 3;
  else return false;
  return h >= 1 && is_digit((unsigned char)t[h - 1]) && (h < 3 || !is_digit((unsigned char)t[h - 3]));
}

/* A clock time starts at i (the end of a span of time: 12：00-13：30). */
static bool time_after_range(const char *t, size_t n, size_t i) {
  size_t d = i;
  while (d < n && d - i < 3 && is_digit((unsigned char)t[d])) d++;
  if (d == i || d - i > 2) return false;
  if (d < n && t[d] == ':') d++;
  else if (at_str(t, n, d, fw_colon)) d += 3;
  else return false;
  return d + 1 < n && is_digit((unsigned char)t[d]) && is_digit((unsigned char)t[d + 1]) &&
         (d + 2 >= n || !is_digit((unsigned char)t[d + 2]));
}

/* 比分 and up to four Han characters of a verb or preposition before the score (比分改写为,
 * 将比分扳为, 比分定格在, 比分来到): the words of ratio_before name only 比分 (为/是). One colon
 * (： or :) may stand among them (比分：2-1, 比分为：2-1; session 39). */
static bool score_word_before(const char *t, size_t at) {
  size_t i = at;
  bool colon = false;
  for (int h = 0; h <= 4; h++) {
    if (ends_with(t, i, "比分")) return true;
    size_t ps;
    uint32_t c = cp_before(t, i, &ps);
    if ((c == 0xFF1A || c == ':') && !colon) colon = true, h--;
    else if (!qg_cp_is_han(c)) return false;
    i = ps;
  }
  return false;
}

/* 林浩以3:1（11-8、9-11、11-6、11-9）战胜吴凡: the games' scores in brackets right after a match's
 * score of sets written with a colon (3:1 or 3：1, one digit a side: 14:30（2-3） is a time), as
 * many pairs (np) as the games the score counts (配比为1:3（5-8） is a ratio and a range: review
 * 44 M4), the brackets closing right after the last pair (session 44, probe 44 L1: nothing was
 * changed nor reported). */
static bool games_in_brackets(const char *t, size_t n, size_t at, size_t last, int np) {
  size_t ps;
  uint32_t c = cp_before(t, at, &ps);
  if (c != 0xFF08 && c != '(') return false;
  uint32_t z = cp_at(t, n, last, NULL);
  if (z != 0xFF09 && z != ')') return false;
  size_t i = ps;
  if (i < 1 || !is_digit((unsigned char)t[i - 1])) return false;
  int b = t[--i] - '0';
  if (i >= 1 && t[i - 1] == ':') i -= 1;
  else if (i >= 3 && !memcmp(t + i - 3, "\xEF\xBC\x9A", 3)) i -= 3;
  else return false;
  if (i < 1 || !is_digit((unsigned char)t[i - 1])) return false;
  int a = t[--i] - '0';
  return a + b == np &&
         !(i > 0 && (is_alnum((unsigned char)t[i - 1]) || t[i - 1] == ':' || t[i - 1] == '.'));
}

/* 东湖队3：2胜, 西湖队1：1平 (session 42, probe 41 F4): 胜 负 平 败 right after a score (and their
 * traditional forms), not 平方 平均 平米 and not a record (2胜1负: a digit after it). */
static bool score_char_at(const char *t, size_t n, size_t i) {
  size_t j;
  uint32_t c = cp_at(t, n, i, &j);
  if (c != 0x80DC && c != 0x8D1F && c != 0x5E73 && c != 0x8D25 && c != 0x52DD && c != 0x8CA0 &&
      c != 0x6557)
    return false;
  if (j < n && is_digit((unsigned char)t[j])) return false;
  return c != 0x5E73 || !(at_str(t, n, j, "方") || at_str(t, n, j, "均") || at_str(t, n, j, "米"));
}

/* 14：30, 8：00—17：30, 比分3：1: a full-width colon between the digits of a clock time or of a
 * score or ratio is the time's or ratio's colon (GB/T 15835: 14:12:36, 3:1), not the
 * punctuation mark ： that introduces what follows. Changed where the reading is certain: a
 * clock time (hours up to 24, two-digit minutes and seconds) not after a numbered label (表1：20)
 * and not before a measure word (1：20家), or digits between words of a score or ratio (比分,
 * 以, 战胜 …). Other digit：digit pairs are left as written. *end moves past the fixed number. */
static int check_colon(numbers_stage *ns, const tok *k, bool ident, size_t *end) {
  const char *t = ns->t;
  size_t n = ns->n;
  if (k->ng > MAXG || !at_str(t, n, k->end, fw_colon)) return 0;
  size_t start = k->start;
  if (k->ng > 1) { /* 8:00-17：30: the hour after the hyphen of one token */
    start = group_off(k, k->ng - 1);
    if (k->sep[k->ng - 1] != '-' || !time_before_range(t, start)) return 0;
  }
  if (k->end - start > 4) return 0;
  size_t colon[2], gs[3], ge[3];
  int ng = 1;
  gs[0] = start, ge[0] = k->end;
  size_t e = k->end;
  while (at_str(t, n, e, fw_colon) && e + 3 < n && is_digit((unsigned char)t[e + 3])) {
    if (ng == 3) return 0; /* four numbers: not a time, a list of them */
    size_t d = e + 3;
    while (d < n && is_digit((unsigned char)t[d])) d++;
    if (d - (e + 3) > 4) return 0;
    colon[ng - 1] = e, gs[ng] = e + 3, ge[ng] = d, ng++;
    e = d;
  }
  if (ng < 2) return 0;
  /* the number ends here: no further digits after a separator (1：2.5, 1：2,3), unless a
   * hyphen leads to the end of a span of time (12：00-13：30), or the point of a race time's
   * seconds follows (14：52.16, 1：23．45; session 42, probe 41 F3: below) */
  size_t f = e; /* the end of the number with a race time's decimals */
  bool race = false;
  size_t a = e + (e < n && t[e] == '.' ? 1 : 3);
  if (e < n && (t[e] == '.' || at_str(t, n, e, "\xEF\xBC\x8E")) && a < n && is_digit((unsigned char)t[a])) {
    for (f = a; f < n && f - a < 4 && is_digit((unsigned char)t[f]);) f++;
    race = f > a && f - a <= 3 &&
           !(f < n && (is_digit((unsigned char)t[f]) ||
                       (strchr(".,:-/", t[f]) && f + 1 < n && is_digit((unsigned char)t[f + 1])))) &&
           !at_str(t, n, f, "\xEF\xBC\x8E") && !at_str(t, n, f, fw_colon);
    if (!race) return 0;
  } else if (e < n && (t[e] == ',' || t[e] == ':' || t[e] == '/' || t[e] == '-') &&
             e + 1 < n && is_digit((unsigned char)t[e + 1]) &&
             !(t[e] == '-' && time_after_range(t, n, e + 1))) {
    return 0;
  }
  bool range = time_before_range(t, start);
  if (ident && !range) return 0;
  bool time = ge[0] - gs[0] <= 2 && digits_val(t, gs[0], ge[0] - gs[0]) <= 24;
  for (int g = 1; g < ng; g++)
    time = time && ge[g] - gs[g] == 2 && digits_val(t, gs[g], 2) <= 59;
  /* a race time (游出14：52.16, 以1：23.45夺冠, 2：08：35.5): minutes and seconds, or hours,
   * minutes and seconds, of a clock time's shape, the seconds with one to three decimals and
   * nothing of a number after them; a ratio with a decimal (1：2.5) stays as before */
  if (race && !time) return 0;
  /* (no race time after a ratio's words: 配比为1：20.5, 按1：12.5 stay; 以1：23.45夺冠 is one;
   * read-through 42) */
  if (race) {
    static const char *const ratio_words[] = {"比", "比为", "比是", "比例", "比例为", "比例是",
                                              "比例尺", "按", NULL};
    bool ratio = false;
    for (size_t w = 0; !ratio && ratio_words[w]; w++) ratio = ends_with(t, start, ratio_words[w]);
    if (ratio) return 0;
  }
  bool certain = false;
  if (time) {
    uint32_t pc = cp_before(t, start, NULL);
    certain = range || (!in_set(pc, label_end, sizeof label_end / sizeof label_end[0]) &&
                        !at_any(t, n, f, measure_words) &&
                        !at_any(t, n, f, measure_words_trad) && !at_str(t, n, f, "%") &&
                        !at_str(t, n, f, "\xEF\xBC\x85"));
  }
  if (race) {
    if (!certain) return 0;
    int rc = 0;
    for (int c = 0; !rc && c < ng - 1; c++)
      if (colon[c] >= qg_edit_done(&ns->edit))
        rc = qg_edit_replace(&ns->edit, colon[c], 3, ":", 1, "num-fullwidth-sign",
                             "full-width colon in a race time replaced by :");
    *end = gs[ng - 1]; /* (the seconds and their point are a token of their own: 23．45) */
    return rc;
  }
  /* set scores joined by 、 after this one (三局比分为6：4、3：6、7：5; session 42, probe 41 F4),
   * each two figures of one to three digits and nothing of a number after them: scores with
   * this one when a score's word stands before the first or after the last */
  size_t cc[SCORE_CHAIN], ce = e;
  int nc = 0;
  while (ng == 2 && nc < SCORE_CHAIN && at_str(t, n, ce, "\xE3\x80\x81")) {
    size_t a = ce + 3, d = a, b, g;
    while (d < n && d - a < 4 && is_digit((unsigned char)t[d])) d++;
    if (d == a || d - a > 3 || !at_str(t, n, d, fw_colon)) break;
    for (b = g = d + 3; g < n && g - b < 4 && is_digit((unsigned char)t[g]);) g++;
    if (g == b || g - b > 3 || at_str(t, n, g, "\xEF\xBC\x8E") || at_str(t, n, g, fw_colon) ||
        (g < n && (is_alnum((unsigned char)t[g]) ||
                   (strchr(".,:-/", t[g]) && g + 1 < n && is_digit((unsigned char)t[g + 1])))))
      break;
    cc[nc++] = d, ce = g;
  }
  bool cue = false;
  for (size_t w = 0; !cue && ratio_before[w]; w++) cue = ends_with(t, start, ratio_before[w]);
  cue = cue || score_word_before(t, start); /* 比分改写为2：1 (session 38) */
  uint32_t pc = cp_before(t, start, NULL);
  bool label = in_set(pc, label_end, sizeof label_end / sizeof label_end[0]);
  bool after_last = nc && (at_any(t, n, ce, ratio_after) || (!label && score_char_at(t, n, ce)));
  if (!cue && !after_last) nc = 0;
  if (!certain)
    certain = cue || after_last || at_any(t, n, e, ratio_after) ||
              (ng == 2 && !label && score_char_at(t, n, e));
  if (!certain) return 0;
  int rc = 0;
  for (int c = 0; !rc && c < ng - 1; c++)
    if (colon[c] >= qg_edit_done(&ns->edit))
      rc = qg_edit_replace(&ns->edit, colon[c], 3, ":", 1, "num-fullwidth-sign",
                           time ? "full-width colon in a clock time replaced by :"
                                : "full-width colon in a score or ratio replaced by :");
  for (int c = 0; !rc && c < nc; c++)
    if (cc[c] >= qg_edit_done(&ns->edit))
      rc = qg_edit_replace(&ns->edit, cc[c], 3, ":", 1, "num-fullwidth-sign",
                           "full-width colon in a score or ratio replaced by :");
  *end = nc ? ce : e;
  return rc;
}

/* 比分改写为2-1, 湖人队以112-108险胜, 双方战成2-2平 -> 2:1, 112:108, 2:2 (session 38, probe 37
 * L1). A hyphen (or －) between two figures that a score's words name is the score's colon, as
 * check_colon writes the full-width one (比分3：1 -> 3:1): GB/T 15834-2011 gives a score no
 * hyphen (its 连接号 joins the parts of an identifier or the ends of a span or range), and the
 * project writes scores and ratios 3:1. Only where the reading is certain: 比分 (and up to four
 * Han characters: 比分改写为) or 战成 打成 扳成 追成 right before it, or a score's verb right after
 * it (ratio_after but 的比例: 战胜 击败 险胜 告负 的比分 …); figures of one to three digits (0
 * alone or not from 0), no further separator and digit, no letter, digit or percent sign after,
 * no identifier before. 以3-5人为一组, 以3-5分的优势获胜 (a unit between), 2-1班, 表2-1, 第2-1,
 * 2024-12 (four digits) stay as written. *end moves past the fixed score. */
static int check_score(numbers_stage *ns, const tok *k, bool ident, size_t *end) {
  const char *t = ns->t;
  size_t n = ns->n, hy, hylen, s2, e;
  if (ident || k->glen[0] > 3 || (k->glen[0] > 1 && t[k->start] == '0')) return 0;
  if (k->ng == 2 && k->sep[1] == '-') {
    hy = k->sep_off[1], hylen = 1, s2 = hy + 1, e = k->end;
  } else if (k->ng == 1 && at_str(t, n, k->end, "\xEF\xBC\x8D") && k->end + 3 < n &&
             is_digit((unsigned char)t[k->end + 3])) { /* － */
    hy = k->end, hylen = 3, s2 = hy + 3, e = s2;
    while (e < n && is_digit((unsigned char)t[e])) e++;
  } else {
    return 0;
  }
  if (e - s2 > 3 || (e - s2 > 1 && t[s2] == '0')) return 0;
  if (e < n && (is_alnum((unsigned char)t[e]) || t[e] == '%' || t[e] == '_' ||
                (strchr(".,:-/", t[e]) && e + 1 < n && is_digit((unsigned char)t[e + 1]))))
    return 0;
  if (at_str(t, n, e, "\xEF\xBC\x85") || at_str(t, n, e, "\xEF\xBC\x8D") ||
      at_str(t, n, e, "\xEF\xBC\x8E"))
    return 0;
  uint32_t pc = cp_before(t, k->start, NULL);
  if (in_set(pc, label_end, sizeof label_end / sizeof label_end[0])) return 0;
  /* set scores joined by 、 (以21-19、21-17连胜两局: probe 38 L1, session 39): the pairs after
   * this one, each of the same shape; they are scores together when a score's word follows the
   * last (below), else this pair is taken alone */
  size_t ps_[SCORE_CHAIN] = {k->start}, hy_[SCORE_CHAIN] = {hy}, hl_[SCORE_CHAIN] = {hylen},
         pe_[SCORE_CHAIN] = {e};
  int np = 1;
  for (size_t ce = e; np < SCORE_CHAIN && at_str(t, n, ce, "\xE3\x80\x81");) {
    size_t a = ce + 3, d = a, h, hl;
    while (d < n && is_digit((unsigned char)t[d])) d++;
    if (d == a || d - a > 3 || (d - a > 1 && t[a] == '0')) break;
    if (d < n && t[d] == '-') h = d, hl = 1;
    else if (at_str(t, n, d, "\xEF\xBC\x8D")) h = d, hl = 3;
    else break;
    size_t b = h + hl, f = b;
    while (f < n && is_digit((unsigned char)t[f])) f++;
    if (f == b || f - b > 3 || (f - b > 1 && t[b] == '0') ||
        (f < n && (is_alnum((unsigned char)t[f]) || t[f] == '%' || t[f] == '_' ||
                   (strchr(".,:-/", t[f]) && f + 1 < n && is_digit((unsigned char)t[f + 1])))))
      break;
    ps_[np] = a, hy_[np] = h, hl_[np] = hl, pe_[np] = f, np++;
    ce = f;
  }
  /* a Han character after it: a score's word (ratio_after: 险胜, 横扫 …) or its last (战成2-2平,
   * 以3-1胜, 2-1的), never a unit or measure word, which makes it a range (review 38 R2:
   * 比分一度落后10-15分, 比分在最后3-5分钟内, 打成3-5折, 打成3-4级伤残 became 10:15分 …); after
   * set scores that follow 以, also 胜 负 败 连胜 连败 (以21-19、21-17连胜两局, session 39; one pair
   * is not enough: 以5-6胜为目标 may count wins) */
  size_t w, last;
  bool wins;
  for (;;) {
    last = pe_[np - 1];
    w = at_any(t, n, last, ratio_after);
    if (w && !strcmp(ratio_after[w - 1], "的比例")) w = 0;
    wins = np > 1 && at_any(t, n, last, set_wins) && ends_with(t, k->start, "\xE4\xBB\xA5");
    /* 比分 before the first pair names the whole chain when no Han follows the last (四节比分为
     * 28-25、30-27、24-29、30-27。: session 44, probe 44 M2; only the first pair was fixed) */
    if (np > 1 && !w && !wins && !qg_cp_is_han(cp_at(t, n, last, NULL)) &&
        (score_word_before(t, k->start) || games_in_brackets(t, n, k->start, last, np)))
      break;
    if (np == 1 || w || wins) break;
    np = 1; /* not a chain of scores */
  }
  uint32_t nc = cp_at(t, n, last, NULL);
  if (qg_cp_is_han(nc) && !w && !wins &&
      !in_set(nc, score_next, sizeof score_next / sizeof score_next[0]))
    return 0;
  bool cue = score_word_before(t, k->start) || games_in_brackets(t, n, k->start, last, np) ||
             ends_with(t, k->start, "战成") ||
             ends_with(t, k->start, "打成") || ends_with(t, k->start, "扳成") ||
             ends_with(t, k->start, "追成") || w || wins;
  if (!cue) return 0;
  *end = last;
  int rc = 0;
  for (int c = 0; !rc && c < np; c++)
    if (hy_[c] >= qg_edit_done(&ns->edit))
      rc = qg_edit_replace(&ns->edit, hy_[c], hl_[c], ":", 1, "num-score-hyphen",
                           "hyphen in a score replaced by : (a score is written %.*s:%.*s)",
                           (int)(hy_[c] - ps_[c]), t + ps_[c], (int)(pe_[c] - hy_[c] - hl_[c]),
                           t + hy_[c] + hl_[c]);
  return rc;
}

/* 1．2023年主要指标完成情况, 附件：1．2024年…: a full-width point after a label of one or two
 * digits that opens the text or follows white space or a mark, before a year of four digits
 * and 年, is the label's point (GB/T 9704: 一、（一）1.（1）), not a decimal point: left as written
 * (probe 12b B7). A decimal with four places before 年 reads as nothing. */
static bool label_before_year(const char *t, size_t n, const tok *k) {
  if (k->ng != 2 || k->sep[1] != 'F' || k->glen[0] > 2 || k->glen[1] != 4) return false;
  int64_t y = digits_val(t, group_off(k, 1), 4);
  if (y < 1000 || y > 2999 || !at_str(t, n, k->end, "年")) return false;
  uint32_t pc = cp_before(t, k->start, NULL);
  return pc == 0 || (!is_alnum(pc) && pc != '.' && pc != '-' && !qg_cp_is_han(pc));
}

/* The end of a sentence or an item before a label: 。！？ . ! ? and closing brackets and quotes. */
static bool label_after(uint32_t c) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' || c == '!' || c == '?' ||
         c == 0xFF09 || c == ')' || c == 0x201D || c == 0x3011;
}

/* Whether the 1024 bytes of t before end hold the label v．at a label's place: at the start,
 * after white space or after the end of a sentence (label_after). (A bounded look: a paragraph
 * of many such figures costs no square.) */
static bool label_earlier(const char *t, size_t end, int64_t v) {
  char want[24];
  int wl = snprintf(want, sizeof want, "%lld\xEF\xBC\x8E", (long long)v);
  for (size_t i = end > 1024 ? end - 1024 : 0; wl > 0 && i + (size_t)wl <= end; i++) {
    if (memcmp(t + i, want, (size_t)wl)) continue;
    uint32_t pc = cp_before(t, i, NULL);
    if (pc == 0 || qg_cp_is_space(pc) || pc == '\n' || label_after(pc)) return true;
  }
  return false;
}

/* 1．5个苹果平均分给3个人, 10．0是最小的自然数: an exam question's number (GB/T 9704's 1. typed with
 * the full-width point) before a question that opens with a figure (probe 22 H1: it read as the
 * decimal 1.5, question 10 as 10.0). A label of one to three digits, not 0 first, `．`, digits,
 * and Han right after them, that opens the text (white space before it allowed); or one that
 * follows the end of a sentence or an item (。！？ . ! ?, a closing bracket or quote, white space
 * between allowed) when the label before it in the sequence, N-1．, stands at a label's place
 * earlier in the text (items run on in one line: …分几个？2．8名同学…). The point is the label's,
 * left as written. A figure after Han, a colon or a comma (其中3．5万元, 面积：3．5万平方米, 增长，
 * 3．5亿元), one before no Han (3．5%, 152．30 153．80) and one after a sentence with no label before
 * it (…完成。3．5万元用于…) is a decimal as before. */
static bool label_before_figure(const char *t, size_t n, const tok *k) {
  if (k->ng != 2 || k->sep[1] != 'F' || k->glen[0] > 3 || t[k->start] == '0') return false;
  uint32_t h = cp_at(t, n, k->end, NULL);
  if (!qg_cp_is_han(h)) return false;
  size_t ps = k->start;
  uint32_t pc;
  do pc = cp_before(t, ps, &ps);
  while (qg_cp_is_space(pc) || pc == '\n' || pc == '\r');
  /* at the start: not before a unit of magnitude or a multiple, which make the figure an amount
   * (1．5亿元专项资金到位, 12．5万人次, 1．5倍: a headline's decimal; review 22 M1) */
  static const uint32_t amount[] = {0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x5146, 0x500D, 0x6210,
                                    0x6298}; /* 十 百 千 万 亿 兆 倍 成 折 */
  for (size_t i = 0; pc == 0 && i < sizeof amount / sizeof *amount; i++)
    if (h == amount[i]) return false;
  if (pc == 0) return true;
  int64_t v = digits_val(t, k->start, (size_t)k->glen[0]);
  return label_after(pc) && v >= 2 && label_earlier(t, ps, v - 1);
}

/* ---- num-mixed-form (session 40) --------------------------------------------------------- */

static int cn_unit_exp(uint32_t c) {
  return c == 0x5341 ? 1 : c == 0x767E ? 2 : c == 0x5343 ? 3 : c == 0x4E07 || c == 0x842C ? 4
         : c == 0x4EBF || c == 0x5104 ? 8 : 0; /* 十 百 千 万(萬) 亿(億) */
}

/* v (0 < v < 10^4) in Chinese numerals after a higher unit: 2000 二千, 205 (after 万) 零二百零五,
 * 15 (after 万) 零一十五, 5 (after 十) 五, 5000 (after 亿) 零五千; lead: the positions the unit
 * before leaves (its exponent), so that a gap is written 零 (after 亿 the 万 positions are one,
 * review 40's read-through: 三亿5000 was told 三亿五千). */
static int put_cn4(qg_buf *out, int64_t v, int lead) {
  static const char *const units[] = {"", "十", "百", "千"};
  int d[4] = {(int)(v / 1000), (int)(v / 100 % 10), (int)(v / 10 % 10), (int)(v % 10)};
  bool zero = lead > 4;
  for (int p = (lead > 4 ? 4 : lead) - 1; p >= 0; p--) { /* (v < 10^lead: no digit above) */
    int x = d[3 - p];
    if (!x) {
      zero = true;
      continue;
    }
    if (zero && qg_buf_puts(out, "零")) return QG_ERR_NOMEM;
    zero = false;
    if (qg_buf_puts(out, cn_digits_utf8[x]) || qg_buf_puts(out, units[p])) return QG_ERR_NOMEM;
  }
  return 0;
}

/* 三十5岁, 一万2千人, 一万2000人: Chinese numerals that end with a unit (十 百 千 万 亿, a digit
 * before it) and figures right after them, one number written in two forms (GB/T 15835-2011
 * writes a number in one; probe 39 M1, L3: 一万2千人 was told to write 2000, which left
 * 一万2000人). The suggestion keeps the form of the number's first part, the writer's: 三十五岁,
 * 一万二千人 (5万3千 → 5.3万 is num-mixed-unit's, figures first). 20几人 (figures and 几, which
 * has no figure): 二十几人. Reported, never changed. */
static int check_mixed_form(numbers_stage *ns, const tok *k, bool *done) {
  const char *t = ns->t;
  size_t n = ns->n;
  *done = false;
  /* 三十5.5米: the figures a decimal (one decimal point): reported without a suggestion (session
   * 41; no form of the first part is certain, 三十五点五 or 35.5) */
  bool decimal = k->ng == 2 && k->sep[1] == '.';
  if ((k->ng != 1 && !decimal) || k->glen[0] > 4 || k->start < 3) return 0;
  if (at_str(t, n, k->end, "几") && k->glen[0] == 2 && t[k->start + 1] == '0' &&
      t[k->start] != '0' && !is_cn_numeral(cp_before(t, k->start, NULL))) {
    qg_buf_clear(&ns->rep);
    int d = t[k->start] - '0';
    if ((d > 1 && qg_buf_puts(&ns->rep, cn_digits_utf8[d])) || qg_buf_puts(&ns->rep, "十几"))
      return QG_ERR_NOMEM;
    *done = true;
    ns->lint_from = k->end + 3;
    return report(ns, "num-mixed-form", k->start, k->end + 3, ns->rep.ptr,
                  "figures and 几 in one number: write %s", ns->rep.ptr);
  }
  /* the Chinese numerals before the figures (十 百 千 万 亿 萬 億 end in 81 BE 83 87 BF AC 84) */
  unsigned char lb = (unsigned char)t[k->start - 1];
  if (lb != 0x81 && lb != 0xBE && lb != 0x83 && lb != 0x87 && lb != 0xBF && lb != 0xAC && lb != 0x84)
    return 0;
  size_t cs = k->start, p;
  uint32_t c = cp_before(t, cs, &p);
  int last = cn_unit_exp(c), lo = 99;
  if (!last) return 0;
  bool digit = false;
  for (int m = 0; m < 12 && is_cn_numeral(c); m++) {
    int e = cn_unit_exp(c);
    if (e) lo = e < lo ? e : lo;
    else if (c != 0x96F6 && c != 0x3007) digit = true;
    cs = p;
    c = cp_before(t, cs, &p);
  }
  if (!digit || is_cn_numeral(c)) return 0;
  if (decimal) {
    uint32_t z = cp_at(t, n, k->end, NULL);
    if (is_alpha(z) || z == '.' || cn_unit_exp(z)) return 0; /* (三十5.5G, 三十5.5.1, 三十5.5万) */
    *done = true;
    ns->lint_from = k->end;
    return report(ns, "num-mixed-form", cs, k->end, NULL,
                  "Chinese numerals and figures in one number: write it in one form");
  }
  /* the figures: digits, perhaps with 十 百 千 after single digits (2千, 2千5百) */
  size_t i = k->start;
  int64_t v = 0;
  int prev = 99;
  bool exact = true;
  while (i < n && is_digit((unsigned char)t[i])) {
    size_t j = i;
    while (j < n && is_digit((unsigned char)t[j])) j++;
    uint32_t u = cp_at(t, n, j, NULL);
    int e = cn_unit_exp(u); /* (十 百 千 after a figure; 万 亿 end the figures) */
    if (e > 3 || (e && at_any(t, n, j, unit_words))) e = 0;
    if (j - i > 4) { /* (more figures than a group of 万 holds: digits_val reads up to 18) */
      exact = false;
      i = j;
      break;
    }
    int64_t x = digits_val(t, i, j - i);
    if (e) {
      if (j - i != 1 || e >= prev) { exact = false; break; }
      v += x * (e == 1 ? 10 : e == 2 ? 100 : 1000), prev = e, i = j + 3;
    } else {
      /* (figures after a figure's unit, 2千5: said for 2500 as often as for 2005, so no
       * suggestion; review 40's read-through) */
      if (prev != 99) exact = false;
      v += x, i = j;
      break;
    }
  }
  uint32_t z = cp_at(t, n, i, NULL);
  if (is_alpha(z) || z == '.' || z == '%' || is_digit(z) || cn_unit_exp(z)) exact = false;
  if (z == '.' || is_alpha(z)) return 0; /* (三十5.5: a decimal; 十5G) */
  int64_t cap = 1;
  for (int q = 0; q < lo && q < 9; q++) cap *= 10;
  if (v <= 0 || v >= cap || v >= 10000) exact = false;
  *done = true;
  ns->lint_from = i;
  if (!exact)
    return report(ns, "num-mixed-form", cs, i, NULL,
                  "Chinese numerals and figures in one number: write it in one form");
  qg_buf_clear(&ns->rep);
  if (qg_buf_put(&ns->rep, t + cs, k->start - cs) || put_cn4(&ns->rep, v, lo))
    return QG_ERR_NOMEM;
  return report(ns, "num-mixed-form", cs, i, ns->rep.ptr,
                "Chinese numerals and figures in one number: write %s", ns->rep.ptr);
}

/* 5万m3, 120m2, 3km2: the square or cubic metre written with a figure 2 or 3 after a number
 * (GB 3100 writes m² m³; probe 38, 39 L1). Only right after a figure (perhaps 万 or 亿 between)
 * and with no letter or digit after (m3u8, M3, 一台m3手机 stay). Reported with m² or m³. */
static int check_unit_power(numbers_stage *ns, size_t end) {
  const char *t = ns->t;
  size_t n = ns->n, i = end;
  if (i >= n || (t[i] != 'm' && t[i] != 'k' && t[i] != 'c' && t[i] != 'd' &&
                 (unsigned char)t[i] != 0xE4))
    return 0;
  if (at_str(t, n, i, "万") || at_str(t, n, i, "亿")) i += 3;
  size_t u = i;
  if (i < n && (t[i] == 'k' || t[i] == 'c' || t[i] == 'd' || t[i] == 'm') && i + 1 < n &&
      t[i + 1] == 'm')
    i++;
  if (i + 1 >= n || t[i] != 'm' || (t[i + 1] != '2' && t[i + 1] != '3')) return 0;
  uint32_t z = cp_at(t, n, i + 2, NULL);
  if (is_alnum(z) || z == '.' || z == '_' || z == '-' || z == '/') return 0;
  qg_buf_clear(&ns->rep);
  if (qg_buf_put(&ns->rep, t + u, i + 1 - u) || qg_buf_puts(&ns->rep, t[i + 1] == '2' ? "²" : "³"))
    return QG_ERR_NOMEM;
  ns->lint_from = i + 2;
  return report(ns, "num-unit-power", u, i + 2, ns->rep.ptr,
                "a unit's power is written as a superscript: %.*s → %s", (int)(i + 2 - u), t + u,
                ns->rep.ptr);
}

/* 2米*1.5米, 30x20x10厘米: a product of measures written with * or the letter x (probe 39 L2):
 * the multiplication sign × (GB 3102.11). Figures of one or more digits (a decimal allowed),
 * each perhaps with a unit word, joined by one kind of mark, and a unit word after the last
 * (米 厘米 毫米 分米 公分 公里 英寸 寸 尺, cm mm m); nothing of an identifier or a formula around
 * (x86, 3x, 0x1F, 2*3=6, 1920x1080 with no unit stay). Reported with ×. */
static size_t length_unit(const char *t, size_t n, size_t i) {
  static const char *const units[] = {"厘米", "毫米", "分米", "公分", "公里", "英寸", "米", "寸",
                                      "尺", NULL};
  size_t w = at_any(t, n, i, units);
  if (w) return strlen(units[w - 1]);
  size_t j = i;
  while (j < n && j - i < 3 && t[j] >= 'a' && t[j] <= 'z') j++;
  if ((j - i == 2 && (!memcmp(t + i, "cm", 2) || !memcmp(t + i, "mm", 2))) ||
      (j - i == 1 && t[i] == 'm'))
    return j - i;
  return 0;
}
static int check_times(numbers_stage *ns, const tok *k) {
  const char *t = ns->t;
  size_t n = ns->n, i = k->end;
  /* (a mark right after the figure or after a unit of up to six bytes: most figures have none) */
  bool sign = false;
  for (size_t q = i; q < n && q <= i + 6 && !sign; q++) sign = t[q] == '*' || t[q] == 'x' || t[q] == 'X';
  if (!sign) return 0;
  uint32_t pc = cp_before(t, k->start, NULL);
  if (is_alnum(pc) || pc == '*' || pc == '.' || pc == '_') return 0;
  char mark = 0;
  int figs = 1;
  size_t ul = length_unit(t, n, i), first_end = i;
  bool unit_last = false, any_unit = ul > 0, whole = t[k->start] != '0';
  for (size_t q = k->start; q < k->end; q++) whole &= is_digit((unsigned char)t[q]);
  i += ul;
  for (;;) {
    if (i >= n || (t[i] != '*' && t[i] != 'x' && t[i] != 'X') || (mark && t[i] != mark)) break;
    if (i + 1 >= n || !is_digit((unsigned char)t[i + 1])) return 0;
    mark = t[i];
    size_t j = i + 1;
    while (j < n && (is_digit((unsigned char)t[j]) || (t[j] == '.' && j + 1 < n &&
                                                        is_digit((unsigned char)t[j + 1]))))
      j++;
    figs++;
    size_t u = length_unit(t, n, j);
    unit_last = u > 0, any_unit |= u > 0;
    whole &= t[i + 1] != '0';
    for (size_t q = i + 1; q < j; q++) whole &= is_digit((unsigned char)t[q]);
    i = j + u;
    if (figs > 4) return 0;
  }
  uint32_t z = cp_at(t, n, i, NULL);
  /* 分辨率1920x1080的屏幕, 3x3篮球 (session 41): whole figures joined by the letter x and no unit,
   * Han right before or after them: a size or a product all the same, reported as info (a
   * code's x keeps it: 0x1F, x86, RTX4090, 80x24+0+0 and a figure with a leading 0 are no
   * product; * may be arithmetic or a code's and stays unreported without a unit) */
  bool bare = figs >= 2 && !any_unit && mark != '*' && whole &&
              (qg_cp_is_han(pc) || qg_cp_is_han(z));
  /* (a score written with x, 比分3x2, 比分定格在3x2, 以3x2战胜: review 40's case and the
   * read-through of session 41; no product) */
  if (bare && figs == 2 && (pc == 0x6BD4 /*比*/ || pc == 0x4EE5 /*以*/ ||
                            score_word_before(t, k->start)))
    bare = false;
  if (figs < 2 || (!unit_last && !bare)) return 0;
  if (is_alnum(z) || z == '=' || z == '*' || z == '+' || z == '_' || z == '.') return 0;
  (void)first_end;
  qg_buf_clear(&ns->rep);
  for (size_t q = k->start; q < i; q++)
    if (t[q] == mark ? qg_buf_puts(&ns->rep, "×") : qg_buf_putc(&ns->rep, t[q]))
      return QG_ERR_NOMEM;
  ns->lint_from = i;
  if (!unit_last)
    return report_sev(ns, "num-times-sign", QG_SEV_INFO, k->start, i, ns->rep.ptr,
                      "%c between figures of a size or a product: write × (%s) unless it is a "
                      "code's", mark, ns->rep.ptr);
  return report(ns, "num-times-sign", k->start, i, ns->rep.ptr,
                "%c between the figures of a product of measures: write × (%s)", mark,
                ns->rep.ptr);
}

/* A unit of temperature or a percent sign at i, after a signed figure: ℃ ℉ ° % ％ ﹪ ‰ 度. */
static bool sign_unit_at(const char *t, size_t n, size_t i) {
  uint32_t c = cp_at(t, n, i, NULL);
  return c == 0x2103 || c == 0x2109 || c == 0xB0 || c == '%' || c == 0xFF05 || c == 0xFE6A ||
         c == 0x2030 || c == 0x5EA6;
}

/* A figure (digits, perhaps a point and digits) at i: its end, or i. */
static size_t figure_end(const char *t, size_t n, size_t i) {
  size_t e = i;
  while (e < n && is_digit((unsigned char)t[e])) e++;
  if (e > i && e + 1 < n && t[e] == '.' && is_digit((unsigned char)t[e + 1]))
    for (e++; e < n && is_digit((unsigned char)t[e]);) e++;
  return e;
}

/* 降至－6℃, －5～3℃, 跌幅为－3.2％ (session 42, probe 41 F7): a full-width minus or plus right
 * before ASCII figures is the number's sign typed in the full-width mode, as the character stage
 * folds it with full-width digits (气温－５℃ -> -5℃): made ASCII where the reading is certain,
 * before a unit of temperature or a percent sign, right after the figure or after the far end of
 * a range (－5～3℃, 气温－5～－3℃), and at the start of the text, after white space, an opening
 * bracket or quote, ：，、；, a range mark or a Han character that ends no number (气温, 降至: not
 * 度 and not a character after a figure, 3月－5℃). 3－5℃ and 5%－8% (a range: the punctuation
 * stage's), 3月－5月 and 北京－5号线 (no unit), and a sign before a bare figure (共计＋3分, 比分－3)
 * stay as written. */
static int sign_before(numbers_stage *ns, size_t at) {
  const char *t = ns->t;
  size_t n = ns->n, ms;
  uint32_t c = cp_before(t, at, &ms);
  if ((c != 0xFF0D && c != 0xFF0B) || ms < qg_edit_done(&ns->edit)) return 0;
  size_t ps;
  uint32_t pc = cp_before(t, ms, &ps);
  if (!(pc == 0 || qg_cp_is_space(pc) || qg_cp_is_han(pc) ||
        in_set(pc, decimal_lead, sizeof decimal_lead / sizeof decimal_lead[0]) ||
        in_set(pc, range_marks, sizeof range_marks / sizeof range_marks[0])) ||
      pc == '-' || pc == 0xFF0D || pc == 0x5EA6 /*度*/ ||
      (qg_cp_is_han(pc) && is_digit(cp_before(t, ps, NULL))))
    return 0;
  size_t e = figure_end(t, n, at);
  if (!sign_unit_at(t, n, e)) {
    size_t r;
    uint32_t m = cp_at(t, n, e, &r);
    if (!in_set(m, range_marks, sizeof range_marks / sizeof range_marks[0])) return 0;
    uint32_t s2 = cp_at(t, n, r, NULL);
    if (s2 == '-' || s2 == '+') r++;
    else if (s2 == 0xFF0D || s2 == 0xFF0B) r += 3;
    size_t f = figure_end(t, n, r);
    if (f == r || !sign_unit_at(t, n, f)) return 0;
  }
  return qg_edit_replace(&ns->edit, ms, 3, c == 0xFF0D ? "-" : "+", 1, "num-fullwidth-sign",
                         c == 0xFF0D ? "full-width minus sign before a figure replaced by -"
                                     : "full-width plus sign before a figure replaced by +");
}

static int on_token(numbers_stage *ns, size_t at, size_t *resume) {
  const char *t = ns->t;
  size_t n = ns->n;
  tok k;
  int rc = 0;
  scan_tok(t, n, at, &k);
  *resume = k.end;
  /* a full-width mark right before the figures (session 42): ． (相差．08秒), － or ＋ (降至－6℃);
   * the bytes are looked at first, as most tokens follow no such mark */
  if (at >= 3 && (unsigned char)t[at - 3] == 0xEF && (unsigned char)t[at - 2] == 0xBC) {
    if ((unsigned char)t[at - 1] == 0x8E && at >= ns->lint_from)
      rc = check_decimal_zero(ns, at - 3, 3);
    else if ((unsigned char)t[at - 1] == 0x8D || (unsigned char)t[at - 1] == 0x8B)
      rc = sign_before(ns, at);
  }
  /* (whether the token goes on an identifier: asked once, for the four rules that ask it) */
  bool ident = ident_before(t, at);
  bool lint = !rc && at >= ns->lint_from && !ident, event = false;
  if (lint) rc = check_event(ns, &k, &event);
  if (lint && !event) {
    if (!rc && !ns->book) rc = check_phrase(ns, &k);
    bool mixed = false;
    if (!rc && at >= ns->lint_from) rc = check_mixed_form(ns, &k, &mixed);
    if (!rc && !mixed && at >= ns->lint_from) rc = check_mixed(ns, &k);
    if (!rc && at >= ns->lint_from) rc = check_times(ns, &k);
    if (!rc && at >= ns->lint_from && k.end >= ns->lint_from) rc = check_unit_power(ns, k.end);
    if (!rc && at >= ns->lint_from) rc = check_approx(ns, &k);
    if (!rc && at >= ns->lint_from) rc = check_currency_twice(ns, &k);
    if (!rc && at >= ns->lint_from) rc = check_year_range(ns, &k);
    if (!rc && at >= ns->lint_from) rc = check_arabic_year(ns, &k);
    if (!rc && at >= ns->lint_from && k.end + 6 <= n && (unsigned char)t[k.end] == 0xEF)
      rc = check_fw_group(ns, &k);
  }
  /* grouping is checked on every token that is not an identifier: it may edit */
  if (!rc && !ident) rc = check_grouping(ns, &k);
  /* full-width decimal points between digits (not the interpunct slot of an event date) */
  bool label = label_before_year(t, n, &k) || label_before_figure(t, n, &k);
  /* and full-width slashes between figures (1／3, 2026／12／03, the digits ASCII already or made
   * so by the character stage): the number's own slash, one span as 1/3 is (session 26) */
  for (int g = 1; !rc && g < k.ng && g < MAXG; g++)
    if ((k.sep[g] == 'F' && !event && !label) || k.sep[g] == 'S')
      rc = fw_sign(ns, k.sep_off[g], k.sep[g] == 'S');
  if (!rc && k.ng > MAXG) /* past the groups the token records: rescan */
    for (size_t i = k.sep_off[MAXG - 1]; !rc && i + 3 <= k.end; i++)
      if (at_str(t, k.end, i, "\xEF\xBC\x8E") || at_str(t, k.end, i, "\xEF\xBC\x8F"))
        rc = fw_sign(ns, i, t[i + 2] == '\x8F');
  size_t end = k.end;
  if (!rc && !event) rc = check_colon(ns, &k, ident, &end);
  if (!rc && !event && end == k.end) rc = check_score(ns, &k, ident, &end);
  if (end != k.end) *resume = end;
  if (!rc) rc = percent_after(ns, end, resume);
  return rc;
}

/* A URL at i, where a letter is (scheme:// or www.): returns its end, or i when there is
 * none; *alpha_end is the end of the letters from i. */
static size_t url_end(const char *t, size_t n, size_t i, size_t *alpha_end) {
  size_t a = i;
  while (a < n && is_alpha((unsigned char)t[a])) a++;
  *alpha_end = a;
  /* the text is NUL-terminated: reading up to a + 2 stops at a NUL */
  bool scheme = t[a] == ':' && t[a + 1] == '/' && t[a + 2] == '/';
  bool www = a - i == 3 && !strncmp(t + i, "www.", 4);
  if (!scheme && !www) return i;
  size_t e = a;
  while (e < n && (unsigned char)t[e] > 0x20 && (unsigned char)t[e] < 0x7F) e++;
  return scheme || e - i > 4 ? e : i;
}

enum { SKIP_CN = 0x80 };

/* Of the lead bytes E4 E5 E9, only these second bytes lead to a Chinese digit: 一七三 (E4 B8),
 * 九 (E4 B9), 二五 (E4 BA), 八六 (E5 85), 四 (E5 9B), 零 (E9 9B). */
static bool cn_digit_lead(unsigned char u, unsigned char v) {
  return u == 0xE4 ? v >= 0xB8 && v <= 0xBA : u == 0xE5 ? v == 0x85 || v == 0x9B
                                            : u == 0xE9 && v == 0x9B;
}

#if QG_HAVE_AVX2
/* next_wanted's blocks thirty-two bytes a step (session 51, s51-avx), the same tests lane for
 * lane, from i while i + 33 <= n: true and *at the first lane that holds, or false and *at where
 * the blocks stopped (the sixteen-byte blocks go on from there). */
static QG_AVX2 __attribute__((noinline)) bool wanted32(const unsigned char *ut, size_t n, size_t i, size_t *at) {
  const __m256i e2 = _mm256_set1_epi8((char)0xE2), e3 = _mm256_set1_epi8((char)0xE3),
                e4 = _mm256_set1_epi8((char)0xE4), e5 = _mm256_set1_epi8((char)0xE5),
                e9 = _mm256_set1_epi8((char)0xE9), b8 = _mm256_set1_epi8((char)0xB8),
                b9 = _mm256_set1_epi8((char)0xB9), ba = _mm256_set1_epi8((char)0xBA),
                x85 = _mm256_set1_epi8((char)0x85), x9b = _mm256_set1_epi8((char)0x9B),
                dot = _mm256_set1_epi8('.'), apos = _mm256_set1_epi8('\''), nul = _mm256_setzero_si256(),
                colon = _mm256_set1_epi8(':'), d1 = _mm256_set1_epi8('0' - 1), d9 = _mm256_set1_epi8('9' + 1);
  for (; i + 33 <= n; i += 32) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(ut + i)),
            y = _mm256_loadu_si256((const __m256i *)(ut + i + 1));
    __m256i m = _mm256_and_si256(_mm256_cmpgt_epi8(x, d1), _mm256_cmpgt_epi8(d9, x));
    m = _mm256_or_si256(m, _mm256_or_si256(_mm256_cmpeq_epi8(x, dot), _mm256_cmpeq_epi8(x, apos)));
    m = _mm256_or_si256(m, _mm256_or_si256(_mm256_cmpeq_epi8(x, nul), _mm256_cmpeq_epi8(x, colon)));
    m = _mm256_or_si256(m, _mm256_or_si256(_mm256_cmpeq_epi8(x, e2), _mm256_cmpeq_epi8(x, e3)));
    __m256i y9b = _mm256_cmpeq_epi8(y, x9b);
    __m256i yb8 = _mm256_or_si256(_mm256_cmpeq_epi8(y, b8),
                                  _mm256_or_si256(_mm256_cmpeq_epi8(y, b9), _mm256_cmpeq_epi8(y, ba)));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, e4), yb8));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, e5),
                                            _mm256_or_si256(_mm256_cmpeq_epi8(y, x85), y9b)));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, e9), y9b));
    uint32_t bits = (uint32_t)_mm256_movemask_epi8(m);
    if (bits) {
      *at = i + (size_t)__builtin_ctz(bits);
      return true;
    }
  }
  *at = i;
  return false;
}

/* next_ascii_digit's blocks thirty-two bytes a step, from i while i + 32 <= n: as wanted32. */
static QG_AVX2 __attribute__((noinline)) bool ascii_digit32(const unsigned char *ut, size_t n, size_t i, size_t *at) {
  const __m256i d1 = _mm256_set1_epi8('0' - 1), d9 = _mm256_set1_epi8('9' + 1);
  for (; i + 32 <= n; i += 32) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(ut + i));
    uint32_t bits = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpgt_epi8(x, d1),
                                                                    _mm256_cmpgt_epi8(d9, x)));
    if (bits) {
      *at = i + (size_t)__builtin_ctz(bits);
      return true;
    }
  }
  *at = i;
  return false;
}
#endif

/* The first offset from i on where a character starts that the scan looks for (see skip),
 * n at the end (letters are not looked for: see numbers_push). Whether a byte starts one does not depend on the bytes before it (in valid
 * UTF-8 a continuation byte is never one of them), so with SSE2 sixteen bytes are classified
 * at a time; the scalar loop finishes the last bytes and is the whole scan elsewhere. */
static size_t next_wanted_run(const numbers_stage *ns, const unsigned char *ut, size_t n, size_t i, bool use_avx) {
  (void)use_avx;
#if QG_HAVE_AVX2
  if (use_avx && i + 33 <= n && wanted32(ut, n, i, &i)) return i;
#endif
#ifdef __SSE2__
  const __m128i e2 = _mm_set1_epi8((char)0xE2), e3 = _mm_set1_epi8((char)0xE3),
                e4 = _mm_set1_epi8((char)0xE4), e5 = _mm_set1_epi8((char)0xE5),
                e9 = _mm_set1_epi8((char)0xE9), b8 = _mm_set1_epi8((char)0xB8),
                ba = _mm_set1_epi8((char)0xBA), x85 = _mm_set1_epi8((char)0x85),
                x9b = _mm_set1_epi8((char)0x9B), dot = _mm_set1_epi8('.'),
                apos = _mm_set1_epi8('\''), nul = _mm_setzero_si128(),
                colon = _mm_set1_epi8(':'), d1 = _mm_set1_epi8('0' - 1),
                d9 = _mm_set1_epi8('9' + 1);
  /* the second bytes are read too: up to offset i + 16, inside the text */
  while (i + 17 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(ut + i)),
            y = _mm_loadu_si128((const __m128i *)(ut + i + 1));
    /* ASCII (as signed bytes, the others are negative): digits, . ' : and NUL */
    __m128i m = _mm_and_si128(_mm_cmpgt_epi8(x, d1), _mm_cmpgt_epi8(d9, x));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, dot), _mm_cmpeq_epi8(x, apos)));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, nul), _mm_cmpeq_epi8(x, colon)));
    /* E2 E3; E4 B8..BA, E5 85, E5 9B, E9 9B */
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(x, e2), _mm_cmpeq_epi8(x, e3)));
    __m128i y9b = _mm_cmpeq_epi8(y, x9b);
    __m128i yb8 = _mm_or_si128(_mm_cmpeq_epi8(y, b8),
                               _mm_or_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8((char)0xB9)),
                                            _mm_cmpeq_epi8(y, ba)));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e4), yb8));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e5),
                                      _mm_or_si128(_mm_cmpeq_epi8(y, x85), y9b)));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e9), y9b));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz(bits);
    i += 16;
  }
  /* i may be inside a character here: step to the next character start */
  while (i < n && (ut[i] & 0xC0) == 0x80) i++;
#endif
  unsigned s;
  while ((s = ns->skip[ut[i]]) && !(s & SKIP_CN && cn_digit_lead(ut[i], ut[i + 1]))) i += s & 7;
  return i < n ? i : n;
}

/* next_wanted_run, the AVX2 blocks first where the CPU has them; a build with -DQG_CHECK_AVX
 * runs the SSE2 blocks alone too and aborts where the two differ (so next_ascii_digit and
 * next_cn_stop). */
static size_t next_wanted(const numbers_stage *ns, const unsigned char *ut, size_t n, size_t i) {
  size_t r = next_wanted_run(ns, ut, n, i, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  if (next_wanted_run(ns, ut, n, i, false) != r) {
    fprintf(stderr, "QG_CHECK_AVX: next_wanted differs from %zu of %zu\n", i, n);
    abort();
  }
#endif
  return r;
}

/* ---- stretches without ASCII digits ---------------------------------------------------- */

/* The first ASCII digit in t[i, n), n if none. */
static size_t next_ascii_digit_run(const unsigned char *ut, size_t n, size_t i, bool use_avx) {
  (void)use_avx;
#if QG_HAVE_AVX2
  if (use_avx && i + 32 <= n && ascii_digit32(ut, n, i, &i)) return i;
#endif
#ifdef __SSE2__
  const __m128i d1 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(ut + i));
    unsigned bits =
        (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, d1), _mm_cmpgt_epi8(d9, x)));
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
#endif
  for (; i < n; i++)
    if (is_digit(ut[i])) return i;
  return n;
}

static size_t next_ascii_digit(const unsigned char *ut, size_t n, size_t i) {
  size_t r = next_ascii_digit_run(ut, n, i, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  if (next_ascii_digit_run(ut, n, i, false) != r) {
    fprintf(stderr, "QG_CHECK_AVX: next_ascii_digit differs from %zu of %zu\n", i, n);
    abort();
  }
#endif
  return r;
}

/* The characters the scan of a stretch without ASCII digits stops at (u: three readable
 * bytes): the Chinese digits 〇零一二三四五六七八九, 《 》 for the depth of book titles, and
 * with quotes ‘ ’ (an open ‘ takes the next ’; a ’ before two digits is an abbreviated year). */
static bool cn_stop(const unsigned char *u, bool quotes) {
  /* (the three bytes as one number, found in a table of sixteen by a multiplicative hash with
   * no two of them in one slot, which -Woverride-init would say; a switch took a search of
   * several compares at each of the many candidates of next_cn_stop: session 29) */
#define H_(k) (((uint32_t)(k) * 0x8B74E9F9u) >> 28)
#define S_(k) [H_(k)] = (k)
  static const uint32_t stops[16] = {
      S_(0xE38087) /* 〇 */, S_(0xE3808A) /* 《 */, S_(0xE3808B) /* 》 */, S_(0xE99BB6) /* 零 */,
      S_(0xE4B880) /* 一 */, S_(0xE4BA8C) /* 二 */, S_(0xE4B889) /* 三 */, S_(0xE59B9B) /* 四 */,
      S_(0xE4BA94) /* 五 */, S_(0xE585AD) /* 六 */, S_(0xE4B883) /* 七 */, S_(0xE585AB) /* 八 */,
      S_(0xE4B99D) /* 九 */, S_(0xE28098) /* ‘ */,  S_(0xE28099) /* ’ */};
  uint32_t key = (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
  if (stops[H_(key)] != key) return false;
#undef S_
#undef H_
  return key > 0xE2FFFFu || quotes; /* (‘ ’: with quotes only) */
}

/* Whether cn_stop's character at u (n - at bytes from u on) is a Chinese digit that stands
 * alone before a common Han character (lone_digit): scan_light would pass over it, so
 * next_cn_stop does (session 50: most of its stops were such a 一). 《 》 ‘ ’ are no digit. */
static inline bool lone_stop(const unsigned char *u, size_t n, size_t at) {
  return u[0] != 0xE2 && !(u[0] == 0xE3 && (u[2] == 0x8A || u[2] == 0x8B)) &&
         lone_digit((const char *)u - at, n, at + 3);
}

#if QG_HAVE_AVX2
/* next_cn_stop's blocks thirty-two bytes a step (session 51, s51-avx), the same filter and the
 * same exact test on each candidate, in order, from i while i < end and i + 34 <= n: true and
 * *at the first that holds, or false and *at where the blocks stopped. */
static QG_AVX2 __attribute__((noinline)) bool cn_stop32(const unsigned char *ut, size_t n, size_t i, size_t end,
                                                       bool quotes, size_t *at) {
  const __m256i e2 = _mm256_set1_epi8((char)0xE2), e3 = _mm256_set1_epi8((char)0xE3),
                e4 = _mm256_set1_epi8((char)0xE4), e5 = _mm256_set1_epi8((char)0xE5),
                e9 = _mm256_set1_epi8((char)0xE9), x80 = _mm256_set1_epi8((char)0x80),
                x85 = _mm256_set1_epi8((char)0x85), x9b = _mm256_set1_epi8((char)0x9B),
                b8 = _mm256_set1_epi8((char)0xB8), b9 = _mm256_set1_epi8((char)0xB9),
                ba = _mm256_set1_epi8((char)0xBA);
  while (i < end && i + 34 <= n) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(ut + i)),
            y = _mm256_loadu_si256((const __m256i *)(ut + i + 1));
    __m256i y9b = _mm256_cmpeq_epi8(y, x9b), y80 = _mm256_cmpeq_epi8(y, x80);
    __m256i x3 = _mm256_cmpeq_epi8(x, e3);
    if (quotes) x3 = _mm256_or_si256(x3, _mm256_cmpeq_epi8(x, e2));
    __m256i m = _mm256_and_si256(x3, y80);
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, e4),
                                            _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(y, b8),
                                                                            _mm256_cmpeq_epi8(y, b9)),
                                                            _mm256_cmpeq_epi8(y, ba))));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, e5),
                                            _mm256_or_si256(_mm256_cmpeq_epi8(y, x85), y9b)));
    m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, e9), y9b));
    uint32_t bits = (uint32_t)_mm256_movemask_epi8(m);
    if (end - i < 32) bits &= (1u << (end - i)) - 1;
    for (; bits; bits &= bits - 1) {
      size_t a = i + (size_t)__builtin_ctz(bits);
      if (cn_stop(ut + a, quotes) && !lone_stop(ut + a, n, a)) {
        *at = a;
        return true;
      }
    }
    i += 32;
  }
  *at = i;
  return false;
}
#endif

/* The first offset in [i, end) where cn_stop holds, end if none (end <= n), but for a digit
 * alone before Han (lone_stop). Each byte of the pattern is a lead byte (E2 E3 E4 E5 E9),
 * never a continuation, so a match is a character's start. */
static size_t next_cn_stop_run(const unsigned char *ut, size_t n, size_t i, size_t end, bool quotes, bool use_avx) {
  (void)use_avx;
#if QG_HAVE_AVX2
  if (use_avx && i < end && i + 34 <= n && cn_stop32(ut, n, i, end, quotes, &i)) return i;
#endif
#ifdef __SSE2__
  const __m128i e2 = _mm_set1_epi8((char)0xE2), e3 = _mm_set1_epi8((char)0xE3),
                e4 = _mm_set1_epi8((char)0xE4), e5 = _mm_set1_epi8((char)0xE5),
                e9 = _mm_set1_epi8((char)0xE9), x80 = _mm_set1_epi8((char)0x80),
                x85 = _mm_set1_epi8((char)0x85), x9b = _mm_set1_epi8((char)0x9B),
                b8 = _mm_set1_epi8((char)0xB8), b9 = _mm_set1_epi8((char)0xB9),
                ba = _mm_set1_epi8((char)0xBA);
  /* lead and second byte as a filter, the exact test on each candidate (the third byte is
   * read up to offset i + 17, inside the text or its NUL); the last sixteen bytes before end
   * with the candidates from end on masked off */
  while (i < end && i + 18 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(ut + i)),
            y = _mm_loadu_si128((const __m128i *)(ut + i + 1));
    __m128i y9b = _mm_cmpeq_epi8(y, x9b), y80 = _mm_cmpeq_epi8(y, x80);
    __m128i x3 = _mm_cmpeq_epi8(x, e3);
    if (quotes) x3 = _mm_or_si128(x3, _mm_cmpeq_epi8(x, e2));
    __m128i m = _mm_and_si128(x3, y80);
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e4),
                                      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(y, b8),
                                                                _mm_cmpeq_epi8(y, b9)),
                                                   _mm_cmpeq_epi8(y, ba))));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e5),
                                      _mm_or_si128(_mm_cmpeq_epi8(y, x85), y9b)));
    m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(x, e9), y9b));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (end - i < 16) bits &= (1u << (end - i)) - 1;
    for (; bits; bits &= bits - 1) {
      size_t at = i + (size_t)__builtin_ctz(bits);
      if (cn_stop(ut + at, quotes) && !lone_stop(ut + at, n, at)) return at;
    }
    i += 16;
  }
#endif
  for (; i < end && i + 3 <= n; i++)
    if (ut[i] >= 0xE2 && ut[i] <= 0xE9 && cn_stop(ut + i, quotes) && !lone_stop(ut + i, n, i))
      return i;
  return end;
}

static size_t next_cn_stop(const unsigned char *ut, size_t n, size_t i, size_t end, bool quotes) {
  size_t r = next_cn_stop_run(ut, n, i, end, quotes, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  if (next_cn_stop_run(ut, n, i, end, quotes, false) != r) {
    fprintf(stderr, "QG_CHECK_AVX: next_cn_stop differs from %zu to %zu of %zu\n", i, end, n);
    abort();
  }
#endif
  return r;
}

/* 《 》 (the book-title depth) and ‘ ’ (the single quotes open; a ’ that closes none is an
 * apostrophe, checked) at offset at, the character ending at end: true when c is one of them
 * (*rc then set by the check), for the scans of numbers_push and scan_light alike. */
static inline bool pair_mark(numbers_stage *ns, uint32_t c, size_t at, size_t end, int *rc) {
  switch (c) {
  case 0x300A: ns->book++; return true;
  case 0x300B: if (ns->book) ns->book--; return true;
  case 0x2018: ns->single_open++; return true;
  case 0x2019:
    if (ns->single_open) ns->single_open--;
    else if (at >= ns->lint_from) *rc = check_apostrophe(ns, at, end);
    return true;
  default: return false;
  }
}

/* numbers_push's scan over t[*i, end), a stretch without ASCII digits in which no ' occurs
 * and after which the scan stands at end (see numbers_push): of what it looks for only the
 * Chinese numerals, 《 》 and ‘ ’ can matter there (no token, decimal point or '98 starts in
 * it; letters and URLs step over ASCII only). The same calls as numbers_push's loop, in the
 * same order. ‘ ’ matter only to the digits after the stretch (quotes). *i ends at end, or
 * after it where a run of Chinese numerals goes on past it (a year with the digit 0 for 〇,
 * 二0二0年: on_cn_run). */
static int scan_light(numbers_stage *ns, size_t *i, size_t end, bool quotes) {
  const char *t = ns->t;
  const unsigned char *ut = (const unsigned char *)t;
  size_t n = ns->n;
  int rc = 0;
  while (!rc && *i < end && (*i = next_cn_stop(ut, n, *i, end, quotes)) < end) {
    size_t at = *i;
    uint32_t c = qg_utf8_next(t, n, i);
    if (pair_mark(ns, c, at, *i, &rc)) {
    } else if (!lone_digit(t, n, *i) && !is_cn_numeral(cp_before(t, at, NULL))) { /* a Chinese digit */
      if (at >= ns->lint_from) rc = on_cn_run(ns, at, i);
    }
  }
  return rc;
}

static void init_skip(numbers_stage *ns) {
  for (unsigned u = 0; u < 256; u++) {
    uint8_t s;
    if (u == 0 || is_digit(u) || u == '.' || u == '\'' || u == ':') s = 0;
    else if (u < 0x80) s = 1;
    else if (u < 0xE0) s = 2;
    else if (u == 0xE2 || u == 0xE3) s = 0;
    else if (u == 0xE4 || u == 0xE5 || u == 0xE9) s = SKIP_CN | 3;
    else if (u < 0xF0) s = 3;
    else s = 4;
    ns->skip[u] = s;
  }
}

static int numbers_push(qg_stage *s, qg_block *b) {
  if (b->verbatim) return qg_stage_emit(s, b); /* Markdown's verbatim text, as written */
  numbers_stage *ns = (numbers_stage *)s;
  const char *t = b->text.ptr;
  size_t n = b->text.len, i = 0;
  int rc = 0;
  ns->b = b;
  ns->t = t;
  ns->n = n;
  if (b->article != ns->article) { /* one form within a text: an article of a page (probe 26 L7:
                                    * two companies' notices on one page) */
    ns->article = b->article;
    ns->year_form = 0;
    ns->art_custom = ns->art_wide = ns->art_plain = false;
  }
  ns->lint_from = 0;
  ns->plain_group = -1;
  ns->book = ns->single_open = ns->ascii_apos = 0;
  ns->custom_group = -1;
  ns->approx_end = 0;
  ns->fwgroup_end = 0;
  ns->quote_at = 0, ns->quote_depth = 0;
  qg_edit_begin(&ns->edit, s->ctx, b);
  const unsigned char *ut = (const unsigned char *)t;
  /* The loop below takes the text in stretches: up to the next ASCII digit, only the Chinese
   * numerals and a few marks can matter (scan_light), unless a ' is there (the count of 'so
   * far decides whether one before a year is checked, and a ' inside a URL is not counted).
   * A stretch ends where the run of printable ASCII that holds the digit starts: a URL,
   * a token or a decimal point is inside that run, and the loop stands at its start. From
   * there the full scan goes on until the digit is passed. */
  size_t passed = 0; /* the stretch ending at the next digit is decided once i reaches it */
  while (!rc && i < n) {
    if (i >= passed) {
      size_t d = next_ascii_digit(ut, n, i), p = d;
      while (p > i && ut[p - 1] > 0x20 && ut[p - 1] < 0x7F) p--;
      bool quotes = d < n;
      if (p > i && (!quotes || !memchr(t + i, '\'', p - i))) {
        if ((rc = scan_light(ns, &i, p, quotes))) break;
        if (i < p) i = p;
      }
      passed = d + 1;
      if (i >= n) break;
    }
    /* what the loop looks for outside tokens is ASCII digits, letters, . and ', or has a lead
     * byte E2 (‘ ’), E3 (《 》 〇), E4 E5 E9 (the other Chinese digits): skip the rest without
     * decoding (the NUL after the text stops the run) */
    if ((i = next_wanted(ns, ut, n, i)) >= n) break;
    unsigned char u = ut[i];
    if (is_digit(u)) {
      rc = on_token(ns, i, &i);
      continue;
    }
    /* A run of letters is skipped whole when it starts a URL (url_end: letters and ://, or
     * www and a dot), and else is nothing to this scan (digits after it are a token that
     * ident_before finds). The scan does not stop at letters: it looks at the : and the dot
     * of a URL's start and goes back to its letters, which begin at or after the point the
     * scan came from (a token, a mark or a URL ends at a character that is no letter, and
     * the scan passes no letter it would look at). */
    if (u == ':') {
      size_t l = i;
      while (l > 0 && is_alpha((unsigned char)t[l - 1])) l--;
      size_t a, e;
      i = l < i && (e = url_end(t, n, l, &a)) > l ? e : i + 1;
      continue;
    }
    if (u == '.' && i >= 3 && !memcmp(t + i - 3, "www", 3) &&
        (i == 3 || !is_alpha((unsigned char)t[i - 4]))) {
      size_t a, e = url_end(t, n, i - 3, &a);
      if (e > i - 3) {
        i = e;
        continue;
      }
    }
    size_t at = i;
    uint32_t c = qg_utf8_next(t, n, &i);
    if (c == '.' && i < n && is_digit((unsigned char)t[i])) {
      if (at >= ns->lint_from) rc = check_decimal_zero(ns, at, 1);
      /* the digits after the point are a fraction, not a token of their own */
      while (i < n && is_digit((unsigned char)t[i])) i++;
      if (!rc) rc = percent_after(ns, i, &i);
    } else if (pair_mark(ns, c, at, i, &rc)) {
    } else if (c == '\'') {
      if (!(ns->ascii_apos++ & 1) && at >= ns->lint_from) rc = check_apostrophe(ns, at, i);
    } else if (cn_digit(c) >= 0 && !lone_digit(t, n, i) && !is_cn_numeral(cp_before(t, at, NULL))) {
      if (at >= ns->lint_from) rc = on_cn_run(ns, at, &i);
    }
  }
  if (!rc) rc = qg_edit_end(&ns->edit);
  if (rc) {
    qg_block_release(s->ctx, b);
    return rc;
  }
  return qg_stage_emit(s, b);
}

/* ---- set-phrase variants -------------------------------------------------------------- */

/* Value of a run of Chinese numerals read as a cardinal number (五 5, 十三 13, 两 2, 二十 20,
 * 一百零五 105), or -1 when it is not one (二〇, 一二: digit by digit). */
static int64_t cn_cardinal(const uint32_t *c, size_t n) {
  int64_t total = 0, section = 0;
  int digit = -1;
  for (size_t i = 0; i < n; i++) {
    int d = c[i] == 0x4E24 ? 2 : cn_digit(c[i]);
    int64_t u = c[i] == 0x5341 ? 10 : c[i] == 0x767E ? 100 : c[i] == 0x5343 ? 1000 : 0;
    int64_t big = c[i] == 0x4E07 || c[i] == 0x842C   ? 10000
                  : c[i] == 0x4EBF || c[i] == 0x5104 ? 100000000
                                                     : 0;
    if (d >= 0) {
      if (digit > 0) return -1;
      digit = d;
    } else if (u) {
      if (digit < 0 && !(u == 10 && i == 0)) return -1;
      section += (digit < 0 ? 1 : digit) * u;
      digit = -1;
    } else if (big) {
      section += digit > 0 ? digit : 0;
      total = (total + section) * big;
      section = 0;
      digit = -1;
    } else {
      return -1;
    }
  }
  return total + section + (digit > 0 ? digit : 0);
}

/* Adds the variant wrong[0..len) of phrase right; ignored when it has no ASCII digit. */
static int add_variant(numbers_stage *ns, size_t *cap, const char *wrong, size_t len,
                       const char *right, size_t rlen) {
  size_t lead = 0;
  while (lead < len && !is_digit((unsigned char)wrong[lead])) lead++;
  if (lead == len) return 0;
  if (len > UINT16_MAX || ns->own_text.len + len + rlen + 2 > UINT32_MAX) return QG_ERR_USAGE;
  if (ns->ph.nv == *cap) {
    size_t nc = *cap ? *cap * 2 : 256;
    variant *v = realloc(ns->own_v, nc * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    ns->own_v = v;
    *cap = nc;
  }
  variant *v = &ns->own_v[ns->ph.nv];
  v->wrong = (uint32_t)ns->own_text.len;
  v->right = (uint32_t)(ns->own_text.len + len + 1);
  v->len = (uint16_t)len;
  v->lead = (uint16_t)lead;
  if (qg_buf_put(&ns->own_text, wrong, len) || qg_buf_put(&ns->own_text, "", 1) ||
      qg_buf_put(&ns->own_text, right, rlen) || qg_buf_put(&ns->own_text, "", 1))
    return QG_ERR_NOMEM;
  ns->ph.nv++;
  /* the same phrase with the traditional 個 for 个 (4個全面 as 4个全面: probe 12b B14); the
   * phrase's other characters are matched as written */
  const char *ge = "\xE4\xB8\xAA", *tr = "\xE5\x80\x8B"; /* 个 個 */
  bool has = false;
  for (size_t q = 0; q + 3 <= len && !has; q++) has = !memcmp(wrong + q, ge, 3);
  if (has) {
    char *w2 = malloc(len + rlen + 2);
    if (!w2) return QG_ERR_NOMEM;
    memcpy(w2, wrong, len);
    w2[len] = '\0';
    memcpy(w2 + len + 1, right, rlen);
    for (size_t q = 0; q + 3 <= len + 1 + rlen; q++)
      if (!memcmp(w2 + q, ge, 3)) memcpy(w2 + q, tr, 3);
    int rc = add_variant(ns, cap, w2, len, w2 + len + 1, rlen);
    free(w2);
    return rc;
  }
  return 0;
}

/* The automatic Arabic forms of a phrase: the numeral runs that read as cardinal numbers replaced
 * by their values, all of them (五位一体 -> 5位1体) and, for a phrase of two to four runs, each
 * nonempty part of them too (5位一体, 五位1体: probe 20 L3, 5位一体 was not reported); none when a
 * run does not read so, or with fewer than two other characters. */
static int auto_variant(numbers_stage *ns, size_t *cap, const char *p, size_t plen) {
  struct {
    size_t from, to;
    int64_t v;
  } runs[4];
  size_t nruns = 0, others = 0, i = 0, rfrom = 0;
  uint32_t run[32];
  size_t nrun = 0;
  bool ok = true;
  while (ok && i <= plen) {
    size_t j = i;
    uint32_t c = i < plen ? qg_utf8_next(p, plen, &j) : 0;
    if (c && is_cn_numeral(c)) {
      if (!nrun) rfrom = i;
      if (nrun < 32) run[nrun++] = c;
      else ok = false;
    } else {
      if (nrun) {
        int64_t v = cn_cardinal(run, nrun);
        if (v < 0 || nruns == 4) ok = false;
        else runs[nruns].from = rfrom, runs[nruns].to = i, runs[nruns++].v = v;
        nrun = 0;
      }
      if (c) others++;
    }
    if (!c) break;
    i = j;
  }
  if (!ok || others < 2 || !nruns) return 0;
  int rc = 0;
  qg_buf w = QG_BUF_INIT;
  /* (the form with every run replaced first: it is the one the list always had) */
  unsigned all = (1u << nruns) - 1;
  for (unsigned m = all; !rc && m >= 1; m--) {
    qg_buf_clear(&w);
    size_t at = 0;
    for (size_t r = 0; r < nruns && !rc; r++) {
      if (!(m >> r & 1)) continue;
      if (qg_buf_put(&w, p + at, runs[r].from - at) ||
          qg_buf_printf(&w, "%lld", (long long)runs[r].v) < 0)
        rc = QG_ERR_NOMEM;
      at = runs[r].to;
    }
    if (!rc && qg_buf_put(&w, p + at, plen - at)) rc = QG_ERR_NOMEM;
    if (!rc) rc = add_variant(ns, cap, w.ptr, w.len, p, plen);
  }
  qg_buf_free(&w);
  return rc;
}

/* Entries: PHRASE [WRONG...], separated by spaces or tabs; # starts a comment. */
static int load_phrases(numbers_stage *ns) {
  size_t cap = 0, pos = 0, n;
  if (qg_buf_grow(&ns->own_text, 2 * qg_numeral_phrases_len)) return QG_ERR_NOMEM;
  const char *line;
  while (qg_list_next((const char *)qg_numeral_phrases, qg_numeral_phrases_len, &pos, NULL, &line,
                      &n)) {
    const char *hash = memchr(line, '#', n);
    if (hash) n = (size_t)(hash - line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
    size_t plen = 0;
    while (plen < n && line[plen] != ' ' && line[plen] != '\t') plen++;
    int rc = auto_variant(ns, &cap, line, plen);
    for (size_t f = plen; !rc && f < n;) {
      while (f < n && (line[f] == ' ' || line[f] == '\t')) f++;
      size_t fl = 0;
      while (f + fl < n && line[f + fl] != ' ' && line[f + fl] != '\t') fl++;
      if (fl) rc = add_variant(ns, &cap, line + f, fl, line, plen);
      f += fl;
    }
    if (rc) return rc;
  }
  return 0;
}

/* The variants by their first ASCII digit: a token is looked up among those of its own. */
static int index_phrases(numbers_stage *ns) {
  phrases *ph = &ns->ph;
  ph->text = ns->own_text.ptr;
  ph->v = ns->own_v;
  if (!(ns->own_by = malloc((ph->nv ? ph->nv : 1) * sizeof *ns->own_by))) return QG_ERR_NOMEM;
  ph->by = ns->own_by;
  uint32_t count[10] = {0};
  for (size_t i = 0; i < ph->nv; i++) count[(unsigned char)ph->text[ph->v[i].wrong + ph->v[i].lead] - '0']++;
  for (int d = 0; d < 10; d++) ph->by_at[d + 1] = ph->by_at[d] + count[d];
  uint32_t fill[10];
  memcpy(fill, ph->by_at, sizeof fill);
  for (size_t i = 0; i < ph->nv; i++) {
    const variant *v = &ph->v[i];
    const char *wrong = ph->text + v->wrong;
    unsigned d = (unsigned char)wrong[v->lead] - '0';
    ns->own_by[fill[d]++] = (uint32_t)i;
    if (v->lead + 1 < v->len) {
      unsigned b = next_hash(wrong + v->lead + 1);
      ph->after[d][b >> 6] |= 1ull << (b & 63);
    } else {
      for (int w = 0; w < 4; w++) ph->after[d][w] = ~0ull;
    }
  }
  return 0;
}

/* ---- set-phrase tables ----------------------------------------------------------------
 * Making the variants above (their automatic forms written with printf, a string each) was
 * 0.27 of the 4.5 million instructions of a `lint` of a 4 KB article in a process of its own.
 * The build makes them once (qg_num_gen: tools/num_gen.c over this file compiled with
 * QG_NUMBERS_GEN) and compiles them in as tables (gen/number_tables.h: the strings in one
 * text, the variants as offsets in it, the index by digit, the filter); a stage made from
 * the tables copies nothing. They are used when they were made from a list of the compiled-in
 * list's length (the same build made both); test_numbers compares them with the variants made
 * here. */
#ifdef QG_NUMBERS_TABLES
#include "number_tables.h"
#endif

/* The phrases from the build's tables into ph: false when there are none that fit. */
static bool tabled_phrases(phrases *ph) {
#ifdef QG_NUMBERS_TABLES
  if (qg_gen_num_len != qg_numeral_phrases_len) return false;
  ph->text = qg_gen_num_text;
  ph->v = qg_gen_num_v;
  ph->nv = qg_gen_num_nv;
  ph->by = qg_gen_num_by;
  memcpy(ph->by_at, qg_gen_num_by_at, sizeof ph->by_at);
  memcpy(ph->after, qg_gen_num_after, sizeof ph->after);
  return true;
#else
  (void)ph;
  return false;
#endif
}

/* ---- the stage ------------------------------------------------------------------------ */

static int numbers_begin(qg_stage *s) {
  numbers_stage *ns = (numbers_stage *)s;
  ns->year_form = 0;
  ns->article = 0;
  ns->art_custom = ns->art_wide = ns->art_plain = false;
  ns->year_line = 0;
  ns->year_text[0] = '\0';
  return 0;
}

static int numbers_finish(qg_stage *s) { (void)s; return 0; }

static void numbers_free(qg_stage *s) {
  numbers_stage *ns = (numbers_stage *)s;
  qg_edit_free(&ns->edit);
  qg_buf_free(&ns->orig);
  qg_buf_free(&ns->rep);
  qg_buf_free(&ns->own_text);
  free(ns->own_v);
  free(ns->own_by);
  free(ns->by2);
  free(ns->by2_at);
  free(ns);
}

static const qg_stage_vt numbers_vt = {.name = "numbers", .begin = numbers_begin,
                                       .push = numbers_push, .finish = numbers_finish,
                                       .free = numbers_free};

/* The stage; with tables, its phrases from the build's tables when they fit. */
static numbers_stage *numbers_new(qg_ctx *ctx, bool tables) {
  numbers_stage *ns = calloc(1, sizeof *ns);
  if (!ns) return NULL;
  ns->base.vt = &numbers_vt;
  ns->base.ctx = ctx;
  qg_edit_init(&ns->edit);
  qg_buf_init(&ns->orig);
  qg_buf_init(&ns->rep);
  qg_buf_init(&ns->own_text);
  init_skip(ns);
  if (!(tables && tabled_phrases(&ns->ph)) && (load_phrases(ns) || index_phrases(ns))) {
    numbers_free(&ns->base);
    return NULL;
  }
  return ns;
}

qg_stage *qg_stage_numbers_new(qg_ctx *ctx) {
  numbers_stage *ns = numbers_new(ctx, true);
  return ns ? &ns->base : NULL;
}

size_t qg_numbers_tables_faults(size_t *variants, bool *used) {
  numbers_stage *a = numbers_new(NULL, true), *b = numbers_new(NULL, false);
  size_t faults = !a || !b;
  *variants = 0;
  *used = a && !a->own_v;
  if (!faults) {
    const phrases *x = &a->ph, *y = &b->ph;
    faults += x->nv != y->nv || memcmp(x->by_at, y->by_at, sizeof x->by_at) ||
              memcmp(x->after, y->after, sizeof x->after);
    for (size_t i = 0; !faults && i < x->nv; i++, ++*variants) {
      const variant *v = &x->v[i], *w = &y->v[i];
      faults += v->len != w->len || v->lead != w->lead || x->by[i] != y->by[i] ||
                memcmp(x->text + v->wrong, y->text + w->wrong, v->len + 1u) ||
                strcmp(x->text + v->right, y->text + w->right);
    }
  }
  if (a) numbers_free(&a->base);
  if (b) numbers_free(&b->base);
  return faults;
}

#ifdef QG_NUMBERS_GEN
/* The generator's part (tools/num_gen.c): the set phrases' variants as C tables. */
int qg_numbers_gen_tables(FILE *out) {
  numbers_stage *ns = numbers_new(NULL, false);
  if (!ns) return 1;
  const phrases *ph = &ns->ph;
  fprintf(out, "/* generated by qg_num_gen (tools/num_gen.c, stages/numbers.c) from "
               "dicts/numeral-phrases.txt: the set phrases' variants */\n");
  fprintf(out, "static const size_t qg_gen_num_len = %zu, qg_gen_num_nv = %zu;\n", qg_numeral_phrases_len,
          ph->nv);
  fputs("static const char qg_gen_num_text[] =\n \"", out);
  for (size_t i = 0; i < ns->own_text.len; i++) {
    unsigned char ch = (unsigned char)ns->own_text.ptr[i];
    if (ch < 0x20 || ch >= 0x7F || ch == '"' || ch == '\\' || ch == '?') fprintf(out, "\\%03o", ch);
    else fputc(ch, out);
    if (i % 32 == 31) fputs("\"\n \"", out);
  }
  fprintf(out, "\";\nstatic const variant qg_gen_num_v[%zu] = {", ph->nv ? ph->nv : 1);
  for (size_t i = 0; i < ph->nv; i++)
    fprintf(out, "%s{%u, %u, %u, %u},", i % 4 ? " " : "\n ", (unsigned)ph->v[i].wrong,
            (unsigned)ph->v[i].right, (unsigned)ph->v[i].len, (unsigned)ph->v[i].lead);
  fprintf(out, "%s};\nstatic const uint32_t qg_gen_num_by[%zu] = {", ph->nv ? "" : "{0, 0, 0, 0}",
          ph->nv ? ph->nv : 1);
  for (size_t i = 0; i < ph->nv; i++) fprintf(out, "%s%u,", i % 16 ? "" : "\n ", (unsigned)ph->by[i]);
  fprintf(out, "%s};\nstatic const uint32_t qg_gen_num_by_at[11] = {", ph->nv ? "" : "0");
  for (int d = 0; d < 11; d++) fprintf(out, "%u,", (unsigned)ph->by_at[d]);
  fputs("};\nstatic const uint64_t qg_gen_num_after[10][4] = {", out);
  for (int d = 0; d < 10; d++)
    fprintf(out, "\n {0x%llxull, 0x%llxull, 0x%llxull, 0x%llxull},", (unsigned long long)ph->after[d][0],
            (unsigned long long)ph->after[d][1], (unsigned long long)ph->after[d][2],
            (unsigned long long)ph->after[d][3]);
  fputs("\n};\n", out);
  numbers_free(&ns->base);
  return ferror(out) ? 1 : 0;
}
#endif
