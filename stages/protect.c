/* protect.c: protected spans and script context (see docs/punctuation.md).
 *
 * qg_protect_find makes one left-to-right pass over a block's text and lists the spans that no
 * stage may rewrite: URLs, e-mail addresses, paths, domain names, code, versions, IPs,
 * decimals, grouped numbers, clock times, ratios, hyphenated identifiers, Latin initials in
 * names and runs of Latin-script text. The scanner works on "units": a URL, an e-mail address,
 * a path or a token (word characters joined by connectors such as . - _ : / , '), and on runs of
 * units separated the way English text separates words. Every matcher moves forward only, and a
 * failed run attempt skips the units it read, so the pass is linear.
 *
 * Script context (qg_cp_is_han, qg_cp_is_cjk_punct, qg_cp_is_latin) is decided from fixed
 * ranges for ASCII and the common CJK blocks and from ICU's Script property for the rest
 * (qg_cp_is_cjk_punct, ranges only, is inline in internal.h). */
#include "internal.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* ---- script context -------------------------------------------------------------------- */

bool qg_cp_is_han_rest(uint32_t c) {
  if (c >= 0x3400 && c <= 0x4DBF) return true;
  if (c == 0x3005 || c == 0x3007) return true; /* 々 〇 */
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xFE30 && c <= 0xFE4F))
    return false; /* CJK and full-width punctuation */
  if (c >= 0x20000 && c <= 0x3FFFF) return true;
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript((UChar32)c, &err) == USCRIPT_HAN && U_SUCCESS(err);
}

bool qg_cp_is_mark(uint32_t c) {
  if (c < 0x300) return false;
  int8_t ty = u_charType((UChar32)c);
  return ty == U_NON_SPACING_MARK || ty == U_COMBINING_SPACING_MARK || ty == U_ENCLOSING_MARK;
}

bool qg_cp_is_common_surname(uint32_t c) {
  static const char16_t surnames[] =
      u"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
      u"魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
      u"万钱严覃武戴莫孔向汤";
  if (c < 0x4E00 || c > 0x9FFF) return false;
  for (const char16_t *p = surnames; *p; p++)
    if (c == *p) return true;
  return false;
}

bool qg_cp_is_latin(uint32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c < 0xC0 || c >= 0x2000) return false;
  if (!u_isalpha((UChar32)c)) return false;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript((UChar32)c, &err);
  return sc == USCRIPT_LATIN || sc == USCRIPT_GREEK || sc == USCRIPT_CYRILLIC;
}

/* A letter of an alphabet or syllabary other than Latin, Greek and Cyrillic, whose text is a
 * foreign language's as theirs is: Hangul (its syllables U+AC00..U+D7A3 and jamo), Thai, Arabic,
 * Hebrew, Devanagari, Georgian, Armenian, Ethiopic… (u_isalpha, a script other than Han, kana
 * and Bopomofo), or a combining mark of one of those scripts (Thai vowels, Devanagari vowel
 * signs, Arabic harakat). Probe 19 R10: a quotation in Korean or Thai was half converted. Only
 * characters below U+2000 and from U+A000 to U+DFFF are asked (the lead bytes the scanner does
 * not skip); the CJK blocks are no alphabet. */
bool qg_cp_is_foreign_letter(uint32_t c) {
  if (c < 0x370) return false;
  if (c >= 0xAC00 && c <= 0xD7A3) return true;
  if (c >= 0x2000 && c < 0xA000) return false;
  if (c >= 0xF900) return false;
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript((UChar32)c, &err);
  if (U_FAILURE(err) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED || sc == USCRIPT_HAN ||
      sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_BOPOMOFO ||
      sc == USCRIPT_LATIN || sc == USCRIPT_GREEK || sc == USCRIPT_CYRILLIC)
    return false;
  if (u_isalpha((UChar32)c)) return true;
  int8_t ty = u_charType((UChar32)c);
  return ty == U_NON_SPACING_MARK || ty == U_COMBINING_SPACING_MARK;
}

/* Characters of the standard transliteration tables for foreign personal names (新华社译名
 * 用字, the most frequent part): a dot between two runs of them is a name's interpunct. */
static const char translit_chars[] =
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达大戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范"
    "菲费芬丰冯佛弗伏福富盖冈高戈格根贡古瓜圭哈海汉豪赫黑亨洪胡华怀惠霍基吉加贾杰捷金卡凯坎康"
    "考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾里丽利莉列林琳留柳龙隆卢鲁路伦罗洛吕马玛迈麦曼芒梅门"
    "蒙孟米密明摩莫默姆穆纳娜乃奈南内尼妮涅宁纽努诺欧帕派潘佩彭皮珀普齐奇契恰乔切钦琴丘让热茹"
    "瑞萨塞赛桑瑟森沙莎尚舍什施史舒斯松苏索塔泰坦汤唐特提汀廷通图托瓦万旺威韦维卫温文沃乌伍武"
    "西希锡夏谢辛休许雅亚扬耶叶伊因英尤于约泽扎詹兹朱卓佐翰琼茨夫娃娅斐黛露珍琪薇茜逊顿肖瑙缪"
    "翁卜历山吐温士更狄歌仑拿破牛哥居斐迦娅琦蒂黛嘉治盛侯罕"
    /* names of sportsmen and celebrities (达席尔瓦, 维尼修斯, 儒尼奥尔, 卡戴珊: probe 10a F15) */
    "席修儒珊"
    /* the traditional forms of those that differ (Big5 pages: 喬治.華盛頓, 約翰, 瑪麗) */
    "愛奧鮑貝畢賓達東爾範費豐馮蓋岡貢漢華懷賈傑凱庫誇萊賴蘭勞麗龍盧魯倫羅呂馬瑪邁麥門納內寧紐"
    "諾歐齊喬欽讓熱薩賽蘇湯圖萬韋維衛溫烏錫謝許亞揚葉約澤紮茲瓊婭遜頓繆歷侖";

static uint8_t translit_bits[(0x9FFF - 0x4E00 + 1 + 7) / 8];
static pthread_once_t translit_once = PTHREAD_ONCE_INIT;

static void translit_build(void) { /* once per process: pipelines may run on many threads */
  size_t n = sizeof translit_chars - 1;
  for (size_t i = 0; i < n;) {
    uint32_t t = qg_utf8_next(translit_chars, n, &i);
    if (t >= 0x4E00 && t <= 0x9FFF)
      translit_bits[(t - 0x4E00) >> 3] |= (uint8_t)(1u << ((t - 0x4E00) & 7));
  }
}

bool qg_cp_is_translit(uint32_t c) {
  if (c < 0x4E00 || c > 0x9FFF) return false;
  pthread_once(&translit_once, translit_build);
  return translit_bits[(c - 0x4E00) >> 3] & (1u << ((c - 0x4E00) & 7));
}

/* ---- span list ---------------------------------------------------------------------------- */

void qg_spans_init(qg_spans *sp) { memset(sp, 0, sizeof *sp); }
void qg_spans_free(qg_spans *sp) {
  free(sp->v);
  memset(sp, 0, sizeof *sp);
}

static int span_add(qg_spans *sp, size_t start, size_t end, qg_span_kind kind) {
  if (end <= start) return 0;
  if (sp->n && sp->v[sp->n - 1].end > start) { /* overlap: extend the last span */
    if (end > sp->v[sp->n - 1].end) sp->v[sp->n - 1].end = (uint32_t)end;
    return 0;
  }
  if (sp->n == sp->cap) {
    size_t cap = sp->cap ? sp->cap * 2 : 32;
    qg_span *v = realloc(sp->v, cap * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    sp->v = v;
    sp->cap = cap;
  }
  sp->v[sp->n++] = (qg_span){.start = (uint32_t)start, .end = (uint32_t)end, .kind = kind};
  return 0;
}

const char *qg_span_kind_name(qg_span_kind k) {
  static const char *const names[] = {"none",    "url",     "email",    "path",    "domain",
                                      "code",    "version", "ip",       "decimal", "grouped",
                                      "time",    "ratio",   "hyphen-id", "initials", "latin",
                                      "ident"};
  return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

bool qg_spans_covers(const qg_spans *sp, size_t off, size_t *cursor) {
  size_t k = *cursor;
  while (k < sp->n && sp->v[k].end <= off) k++;
  *cursor = k;
  return k < sp->n && sp->v[k].start <= off;
}

/* ---- character tests ---------------------------------------------------------------------- */

static inline bool a_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool a_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline bool a_alnum(int c) { return a_digit(c) || a_alpha(c); }
static inline int at(const char *s, size_t n, size_t i) { return i < n ? (unsigned char)s[i] : 0; }

/* Length of the word character at i (ASCII letter or digit, a Latin/Greek/Cyrillic letter, a
 * letter of another alphabet (qg_cp_is_foreign_letter: Hangul, Thai, Arabic…), or a combining
 * mark after one), 0 if there is none. *kind: 1 letter, 2 digit. ASCII is decided inline (the
 * scans call this on every character of a token); the rest here: */
static size_t __attribute__((noinline)) word_at_rest(const char *s, size_t n, size_t i, int *kind) {
  size_t j = i;
  uint32_t cp = qg_utf8_next(s, n, &j);
  if (qg_cp_is_latin(cp)) { *kind = 1; return j - i; }
  if (cp >= 0x300 && cp <= 0x36F && i > 0) { *kind = 1; return j - i; } /* combining accent */
  if (qg_cp_is_foreign_letter(cp) && (i > 0 || !qg_cp_is_mark(cp))) { *kind = 1; return j - i; }
  return 0;
}
/* Lead bytes of U+A000..U+DFFF (Hangul syllables, Yi, Latin and Cyrillic extensions): the only
 * characters from U+2000 on that can be letters of a word */
static inline bool lead_alpha_high(int c) { return c >= 0xEA && c <= 0xED; }
static inline size_t word_at(const char *s, size_t n, size_t i, int *kind) {
  int c = at(s, n, i);
  if (c < 0x80) {
    if (a_digit(c)) { *kind = 2; return 1; }
    if (a_alpha(c)) { *kind = 1; return 1; }
    return 0;
  }
  /* U+2000 and above: no letter, no combining accent, but from U+A000 to U+DFFF */
  if (c >= 0xE2 && !lead_alpha_high(c)) return 0;
  return word_at_rest(s, n, i, kind);
}
static bool word_starts(const char *s, size_t n, size_t i) {
  int k;
  return i < n && word_at(s, n, i, &k) > 0;
}
/* Is the character ending at offset i (exclusive) a word character? */
static inline __attribute__((always_inline)) bool word_before(const char *s, size_t i) {
  if (i == 0) return false;
  size_t p = qg_utf8_prev(s, i);
  int k;
  return word_at(s, i, p, &k) > 0;
}

/* ---- year spans ----------------------------------------------------------------------------
 * A hyphen or dash between a four-digit year and a year of 2-4 digits, followed by 年 (学年,
 * 财年, 年度, 赛季) or enclosed by brackets, is a span of time (一字线), not an identifier. */
static const char *const year_tails[] = {"年", "学年", "财年", "赛季", "届", NULL};

/* A span of months, days or hours: one or two digits, the dash, one or two digits, then 月 日
 * or 时, both values in range and increasing (1-10月, 12月3-5日, 8-10时: probe 9 F27); not
 * after a label whose numbers these are (表2-8月 is no span: 表 图 第 附 式 例 题 款 条 章 节). */
static bool date_span_at(const char *s, size_t n, size_t a, size_t dash, size_t b) {
  size_t d1 = dash - a, e = b, d2 = 0;
  /* the last two parts of a date identifier are no span (2011-02-15日, 2024/1-15日: review 9 R20) */
  if (a > 0 && (s[a - 1] == '-' || s[a - 1] == '/' || s[a - 1] == '.')) return false;
  while (a_digit(at(s, n, e)) && d2 < 3) e++, d2++;
  if (d1 < 1 || d1 > 2 || d2 < 1 || d2 > 2 || a_alnum(at(s, n, e)) || e + 3 > n) return false;
  unsigned v1 = 0, v2 = 0;
  for (size_t k = a; k < dash; k++) v1 = v1 * 10 + (unsigned)(s[k] - '0');
  for (size_t k = b; k < e; k++) v2 = v2 * 10 + (unsigned)(s[k] - '0');
  unsigned max = !memcmp(s + e, "月", 3) ? 12 : !memcmp(s + e, "日", 3) ? 31
                 : !memcmp(s + e, "时", 3) ? 24 : 0;
  if (!max || v1 < 1 || v2 > max || v1 >= v2) return false;
  if (a >= 3) {
    static const char *const labels[] = {"表", "图", "第", "附", "式", "例", "题", "款", "条",
                                         "章", "节", NULL};
    for (size_t l = 0; labels[l]; l++)
      if (!memcmp(s + a - 3, labels[l], 3)) return false;
  }
  return true;
}

/* 第1-3名, 第3-5版 (probe 36's leftover, session 37): one to three digits after 第, the dash, one
 * to three digits, then a word that counts ranks, editions, parts of a text or turns (名 版 章 节
 * 条 款 项 页 届 次 期 集 卷 册 季 轮 场 课 讲 回 篇 段 行 批 题 局 盘) or days and weeks (天 周),
 * the first smaller and neither starting with 0. Session 37 joined them all with the 一字线;
 * session 40 gives the numbered items a range's ～ (GB/T 15834-2011 4.13.3.2, whose example is
 * 第五～八课): 2 for those, 1 for days, weeks and quarters (第1-3天, 第1-3季度: a span of time,
 * 一字线 as 第3天-第5天),
 * 0 for no such shape. Not after a digit, a letter or a dot (an identifier's part), nor before a
 * sign of arithmetic, nor with 号 (a document number may be 第3-5号). a: the first digit. */
static int ordinal_span_at(const char *s, size_t n, size_t a, size_t dash, size_t b) {
  static const char *const words[] = {"名", "版", "章", "节", "条", "款", "项", "页", "届", "次",
                                      "期", "集", "卷", "册", "季", "轮", "场", "课", "讲", "回",
                                      "篇", "段", "行", "批", "天", "周", "题", "局", "盘", NULL};
  size_t d1 = dash - a, e = b;
  if (d1 < 1 || d1 > 3 || a < 3 || memcmp(s + a - 3, "第", 3)) return 0;
  if (a > 3 && (a_alnum(at(s, n, a - 4)) || at(s, n, a - 4) == '.')) return 0;
  while (a_digit(at(s, n, e)) && e - b < 4) e++;
  if (e == b || e - b > 3 || s[a] == '0' || s[b] == '0' || e + 3 > n) return 0;
  unsigned v1 = 0, v2 = 0;
  for (size_t k = a; k < dash; k++) v1 = v1 * 10 + (unsigned)(s[k] - '0');
  for (size_t k = b; k < e; k++) v2 = v2 * 10 + (unsigned)(s[k] - '0');
  if (v1 >= v2) return 0;
  size_t w = 0;
  while (words[w] && memcmp(s + e, words[w], 3)) w++;
  if (!words[w]) return 0;
  int z = at(s, n, e + 3);
  if (z == '=' || z == '+' || z == '-' || z == '*' || z == '/' ||
      (e + 6 <= n && !memcmp(s + e + 3, "\xEF\xBC\x9D", 3))) /* ＝ */
    return 0;
  return !memcmp(words[w], "天", 3) || !memcmp(words[w], "周", 3) ||
                 (!memcmp(words[w], "季", 3) && e + 6 <= n && !memcmp(s + e + 3, "度", 3))
             ? 1 /* (第1-3季度: quarters, a span of time) */
             : 2;
}

int qg_ordinal_range_at(const char *s, size_t n, size_t dash, size_t dash_len) {
  size_t a = dash, d1 = 0;
  while (a > 0 && a_digit(at(s, n, a - 1)) && d1 < 4) a--, d1++;
  if (d1 < 1 || d1 > 3 || dash + dash_len >= n) return 0;
  return ordinal_span_at(s, n, a, dash, dash + dash_len) == 2;
}

/* Spans of clock times and of dotted dates (probe 10a F27): 9:00-11:30, 1932.3-2024.12,
 * 2024.12.01-2025.01.31, and of whole slash dates (1937/5/6-2026/11/28: probe 23 L1, as the
 * dotted lifespan (1937.5.6-2026.11.28) takes the 一字线). A time is h:mm or hh:mm (hours to 24,
 * minutes to 59); a dotted date a year (1000-2999), a month (1-12) and perhaps a day (1-31) (a
 * slash date all three), both ends of the same shape and the
 * second year not before the first. Chinese text must touch the span on one side (or brackets
 * enclose it: (1932.3-2024.12)), so English text keeps its hyphen (9:00-11:30 am). */
static unsigned digits_at(const char *s, size_t n, size_t i, size_t *end) {
  unsigned v = 0;
  size_t j = i;
  while (j < n && a_digit(s[j]) && j - i < 5) v = v * 10 + (unsigned)(s[j++] - '0');
  *end = j;
  return v;
}
/* The parts of a time (colon) or dotted date (dot) from i: their count, 0 if no such shape. */
static int when_at(const char *s, size_t n, size_t i, char sep, unsigned v[3], size_t len[3],
                   size_t *end) {
  int k = 0;
  size_t j = i, e;
  for (;;) {
    if (k == 3) return 0;
    v[k] = digits_at(s, n, j, &e);
    len[k] = e - j;
    if (!len[k]) return 0;
    k++;
    j = e;
    if (at(s, n, j) == sep && a_digit(at(s, n, j + 1))) j++;
    else break;
  }
  *end = j;
  if (a_alnum(at(s, n, j)) || (at(s, n, j) == '.' && a_digit(at(s, n, j + 1)))) return 0;
  if (sep == ':')
    return k == 2 && len[0] <= 2 && v[0] <= 24 && len[1] == 2 && v[1] <= 59 ? 2 : 0;
  if (k < 2 || len[0] != 4 || v[0] < 1000 || v[0] > 2999 || len[1] > 2 || v[1] < 1 || v[1] > 12)
    return 0;
  if (sep == '/' && k != 3) return 0; /* (a slash date is whole: 2024/12 may be a fraction's) */
  return k == 2 || (len[2] <= 2 && v[2] >= 1 && v[2] <= 31) ? k : 0;
}
/* Whether s[0..a) ends with a cue of a match's score (session 25, review 24 L3: 两局比分为
 * 21：19-19：21 is two set scores, no span of clock times): 2 for 比分 (比数), 战成 or 打成, 1 for a
 * game or set counted, 第一局 第3盘 首局 决胜局 每局 (a weaker cue: a game's times follow it too),
 * perhaps with 为 是 分别为, a colon or white space after it. 局 alone is a bureau (税务局9:00-17:00 is its hours, and so are 本局's and 中铁三局's),
 * 比赛 opens times too (比赛时间14:00-16:00). */
static int score_cue_before(const char *s, size_t a) { /* 2: 比分 …, 1: a game or set, 0: none */
  size_t e = a;
  while (e >= 1 && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
  if (e >= 1 && s[e - 1] == ':') e--;
  else if (e >= 3 && !memcmp(s + e - 3, "\xEF\xBC\x9A", 3)) e -= 3; /* ： */
  if (e >= 3 && (!memcmp(s + e - 3, "为", 3) || !memcmp(s + e - 3, "是", 3))) e -= 3;
  if (e >= 6 && !memcmp(s + e - 6, "分别", 6)) e -= 6;
  static const char *const words[] = {"比分", "比数", "战成", "打成", NULL};
  for (size_t w = 0; words[w]; w++)
    if (e >= 6 && !memcmp(s + e - 6, words[w], 6)) return 2;
  if (e < 6 || (memcmp(s + e - 3, "局", 3) && memcmp(s + e - 3, "盘", 3))) return 0;
  e -= 3;
  if (!memcmp(s + e - 3, "首", 3) || !memcmp(s + e - 3, "胜", 3) || !memcmp(s + e - 3, "每", 3))
    return 1;
  /* 第 and a number: 第3局, 第一局, 第十二局 */
  size_t d = e;
  while (d >= 1 && a_digit(s[d - 1]) && e - d < 2) d--;
  if (d == e) {
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    for (bool more = true; more && d >= 3 && e - d < 9;) {
      more = false;
      for (size_t w = 0; nums[w] && !more; w++)
        if (!memcmp(s + d - 3, nums[w], 3)) d -= 3, more = true;
    }
  }
  return d < e && d >= 3 && !memcmp(s + d - 3, "第", 3) ? 1 : 0;
}

static bool when_span_at(const char *s, size_t n, size_t dash, size_t dash_len) {
  char sep = 0;
  for (size_t a = dash; a > 0 && dash - a < 12; a--) {
    int c = (unsigned char)s[a - 1];
    if (c == ':' || c == '.' || c == '/') { /* the separator nearest the dash (展期:2024.12.01: '.') */
      if (sep && c != sep) break;
      sep = (char)c;
      continue;
    }
    if (a_digit(c)) continue;
    break;
  }
  if (!sep) return false;
  /* the left end: back to where the shape starts, then read forward */
  size_t a = dash;
  while (a > 0 && dash - a < 12 && (a_digit(s[a - 1]) || s[a - 1] == sep)) a--;
  /* the shape starts with a digit: a label's colon before it (时间:9:00) is not part of it */
  while (a < dash && s[a] == sep) a++;
  /* a colon before it is a label's (展期:2024.12.01-…) only after something that is not a
   * letter or digit (12:9:00-… and a:2024.1-… are other shapes) */
  if (a > 0 && (a_alnum(s[a - 1]) || s[a - 1] == '.' || s[a - 1] == '-' ||
                (s[a - 1] == ':' && a >= 2 && (a_alnum(s[a - 2]) || s[a - 2] == ':'))))
    return false;
  unsigned v1[3], v2[3];
  size_t l1[3], l2[3], e1, e2;
  int k1 = when_at(s, n, a, sep, v1, l1, &e1);
  if (!k1 || e1 != dash) return false;
  int k2 = when_at(s, n, dash + dash_len, sep, v2, l2, &e2);
  /* a full stop after a dotted date ends the sentence (有效期2024.1-2024.12.): only a digit
   * after it makes the date go on */
  bool stop_after = sep == '.' && at(s, n, e2) == '.' && !a_digit(at(s, n, e2 + 1));
  if (k2 != k1 || at(s, n, e2) == '-' || (at(s, n, e2) == sep && !stop_after)) return false;
  /* two scores of a match, no times: their halves mirror and the second is earlier as a time
   * (21:19-19:21, one set won by each side; 8:09-9:08 is a train's times), or a score's cue
   * comes before them (比分为21:19-19:21; session 25, review 24 L3) and no half is a full hour
   * (第一局14:00-18:00 is a game's time: no side scores 00); after a game or set counted
   * (第一局, 首局) only when the second is earlier (第一局13:30-17:30 is its time: review 25 M3) */
  if (sep == ':') {
    bool back = v2[0] * 60 + v2[1] < v1[0] * 60 + v1[1];
    int cue = v1[1] && v2[1] ? score_cue_before(s, a) : 0;
    if ((v1[0] == v2[1] && v1[1] == v2[0] && v1[0] != v1[1] && back) || cue == 2 ||
        (cue == 1 && back))
      return false;
  }
  if (sep != ':') /* dates go forward: 2021.3-2021.2 is none (review 10 R3) */
    for (int i = 0; i < k1; i++) {
      if (v2[i] < v1[i]) return false;
      if (v2[i] > v1[i]) break;
    }
  /* Chinese text touching the span, or an ASCII mark between them that the width rule makes
   * full-width in the same run (会议时间:9:00-11:30,地点: review 10 R1, not a fixed point) */
  size_t pb = a;
  if (pb > 0 && strchr(",:;(", s[pb - 1])) pb--;
  size_t pa = e2;
  if (pa < n && strchr(",;.)", s[pa]) && pa + 1 < n) pa++;
  bool cjk_before = (a > 0 && (unsigned char)s[qg_utf8_prev(s, a)] >= 0xE2) ||
                    (pb < a && pb > 0 && (unsigned char)s[qg_utf8_prev(s, pb)] >= 0xE2);
  bool cjk_after = (e2 < n && (unsigned char)s[e2] >= 0xE2) ||
                   (pa > e2 && (unsigned char)s[pa] >= 0xE2);
  if (!cjk_after && e2 < n && s[e2] == '(') /* a bracket that holds Chinese becomes （ in the
                                             * same run (9:00-17:00(16:00停止入场); review 10b A3) */
    for (size_t q = e2 + 1; q < n && q < e2 + 48 && s[q] != ')' && !cjk_after; q++)
      cjk_after = (unsigned char)s[q] >= 0xE2;
  bool brackets = a > 0 && s[a - 1] == '(' && at(s, n, e2) == ')';
  if (cjk_before || cjk_after || brackets) return true;
  /* a schedule entry: the span at the start of the text or after Chinese text and white space,
   * Chinese text or the end after white space (7:00-9:00 北京新闻, 19:30-20:00 焦点访谈; probe
   * 12b B15: the same span in a sentence took the 一字线); one side at least Chinese */
  size_t b = a, f = e2;
  while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t')) b--;
  while (f < n && (s[f] == ' ' || s[f] == '\t')) f++;
  bool han_b = b < a && b > 0 && (unsigned char)s[qg_utf8_prev(s, b)] >= 0xE2;
  bool han_f = f > e2 && f < n && (unsigned char)s[f] >= 0xE2;
  return (han_b || han_f) && (b == 0 || han_b) && (f == n || han_f);
}

/* Years of a life at s[i], a span that closes a bracket: 1905-1980) or 1985-) (also with —). */
static bool gloss_years(const char *s, size_t n, size_t i) {
  for (size_t q = i; q < i + 4; q++)
    if (!a_digit(at(s, n, q))) return false;
  size_t j = i + 4;
  if (at(s, n, j) == '-') j++;
  else if (j + 3 <= n && (!memcmp(s + j, "\xE2\x80\x94", 3) || !memcmp(s + j, "\xE2\x80\x93", 3))) j += 3;
  else return false;
  if (a_digit(at(s, n, j))) {
    for (size_t q = j; q < j + 4; q++)
      if (!a_digit(at(s, n, q))) return false;
    j += 4;
  }
  return at(s, n, j) == ')' || (j + 3 <= n && !memcmp(s + j, "\xEF\xBC\x89", 3));
}

/* The years at s[a] follow a glossed name's comma, in a bracket after Chinese text:
 * 萨特(Jean-Paul Sartre,1905-1980) (probe 12b B24; see (Jean-Paul Sartre,1905-1980) is English). */
static bool gloss_open(const char *s, size_t a) {
  size_t b;
  if (a >= 2 && s[a - 1] == ',' && a_alpha(s[a - 2])) b = a - 1;
  else if (a >= 4 && !memcmp(s + a - 3, "\xEF\xBC\x8C", 3) && a_alpha(s[a - 4])) b = a - 3;
  else return false;
  while (b > 0 && a - b < 64 && (a_alpha(s[b - 1]) || strchr(" -.'", s[b - 1]))) b--;
  size_t o = b >= 3 && !memcmp(s + b - 3, "\xEF\xBC\x88", 3) ? b - 3 : b >= 1 && s[b - 1] == '(' ? b - 1 : SIZE_MAX;
  return o != SIZE_MAX && o > 0 && (unsigned char)s[qg_utf8_prev(s, o)] >= 0xE2;
}

/* A span of clock times written with full-width colons between digits (14：30-15：30), or of
 * slash dates with full-width slashes (session 26), which the number stage makes ASCII after the
 * punctuation stage: read as when_span_at reads it then,
 * from a copy of up to 40 bytes on each side with those colons made ASCII, so that the first
 * clean gives the 一字线 the second gave (audit 24 F19: it was no fixed point, and lint --fix
 * changed in a second pass a dash no diagnostic of lint named). */
static bool fw_colon_span(const char *s, size_t n, size_t dash, size_t dash_len) {
  size_t lo = dash > 40 ? dash - 40 : 0, hi = n - dash - dash_len > 40 ? dash + dash_len + 40 : n;
  while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80) lo++; /* (a whole character first) */
  while (hi < n && ((unsigned char)s[hi] & 0xC0) == 0x80) hi--;
  char buf[96];
  size_t m = 0, at_dash = SIZE_MAX;
  bool any = false;
  for (size_t i = lo; i < hi;) {
    if (i == dash) at_dash = m;
    if (i > lo && i + 4 <= hi && !memcmp(s + i, "\xEF\xBC", 2) &&
        (s[i + 2] == '\x9A' || s[i + 2] == '\x8F') && a_digit(s[i - 1]) && a_digit(s[i + 3])) {
      buf[m++] = s[i + 2] == '\x9A' ? ':' : '/', i += 3, any = true;
      continue;
    }
    buf[m++] = s[i++];
  }
  return any && at_dash != SIZE_MAX && when_span_at(buf, m, at_dash, dash_len);
}

bool qg_year_span_at(const char *s, size_t n, size_t dash, size_t dash_len) {
  /* (a colon or dot among the three bytes before the dash: most hyphens have neither) */
  for (size_t q = 2; q <= 3 && q <= dash; q++)
    if ((s[dash - q] == ':' || s[dash - q] == '.' || s[dash - q] == '/') &&
        when_span_at(s, n, dash, dash_len))
      return true;
  /* (the full-width colon: its last byte where the ASCII one would be, or its first after the
   * dash: 8:00-17：30; the full-width slash of a slash date alike, 2024／12／01-2025／01／31, which
   * the number stage makes ASCII after this stage too: session 26) */
  for (size_t q = 2; q <= 3 && q <= dash; q++)
    if ((s[dash - q] == '\x9A' || s[dash - q] == '\x8F') && q + 2 <= dash &&
        !memcmp(s + dash - q - 2, "\xEF\xBC", 2) && fw_colon_span(s, n, dash, dash_len))
      return true;
  for (size_t q = dash + dash_len + 1; q <= dash + dash_len + 4 && q + 3 <= n; q++)
    if ((q <= dash + dash_len + 2 && !memcmp(s + q, "\xEF\xBC\x9A", 3)) ||
        (q == dash + dash_len + 4 && !memcmp(s + q, "\xEF\xBC\x8F", 3)))
      if (fw_colon_span(s, n, dash, dash_len)) return true;
  /* (else the shapes below: 活动时间：9-10月, a label's colon before a span of months) */
  size_t a = dash, b = dash + dash_len;
  size_t d1 = 0;
  while (a > 0 && a_digit(at(s, n, a - 1)) && d1 < 5) a--, d1++;
  if (a > 0 && a_alnum(at(s, n, a - 1))) return false;
  /* 第1-3天, 第2-4周 (session 37); 第1-3名 is a range since session 40 (qg_ordinal_range_at) */
  if (d1 <= 3 && ordinal_span_at(s, n, a, dash, b) == 1) return true;
  if (d1 <= 2) return date_span_at(s, n, a, dash, b);
  if (d1 == 3) {
    /* a lifespan of three-digit years in brackets (杜甫(712-770): probe 20 L2; （1037-1101）
     * took the 一字线 already): the second year later, at most 120 after the first */
    size_t e = b, d2 = 0;
    while (a_digit(at(s, n, e)) && d2 < 5) e++, d2++;
    if (d2 < 3 || d2 > 4 || at(s, n, a) == '0') return false;
    unsigned y1 = 0, y2 = 0;
    for (size_t k = a; k < dash; k++) y1 = y1 * 10 + (unsigned)(s[k] - '0');
    for (size_t k = b; k < e; k++) y2 = y2 * 10 + (unsigned)(s[k] - '0');
    bool open = a > 0 && (s[a - 1] == '(' || (a >= 3 && !memcmp(s + a - 3, "\xEF\xBC\x88", 3)));
    bool close = at(s, n, e) == ')' || (e + 3 <= n && !memcmp(s + e, "\xEF\xBC\x89", 3));
    return open && close && y2 > y1 && y2 - y1 <= 120;
  }
  if (d1 != 4) return false;
  if (at(s, n, a) == '0') return false;
  size_t e = b, d2 = 0;
  while (a_digit(at(s, n, e)) && d2 < 5) e++, d2++;
  if (d2 < 2 || d2 > 4 || a_alnum(at(s, n, e))) return false;
  if (at(s, n, e) == '-' || at(s, n, e) == '.' || at(s, n, e) == '/' || at(s, n, e) == ':')
    return false;
  unsigned y1 = 0, y2 = 0;
  for (size_t k = a; k < dash; k++) y1 = y1 * 10 + (unsigned)(s[k] - '0');
  for (size_t k = b; k < e; k++) y2 = y2 * 10 + (unsigned)(s[k] - '0');
  if (y1 < 1000 || y1 > 2999) return false;
  if (d2 == 4 && y2 <= y1) return false;
  for (size_t t = 0; year_tails[t]; t++) {
    size_t tl = strlen(year_tails[t]);
    if (e + tl <= n && !memcmp(s + e, year_tails[t], tl)) return true;
  }
  /* (1949-2019) or （1949-2019）; also after a glossed name's comma, (Jean-Paul Sartre,1905-1980)
   * (probe 12b B24) */
  bool open = a > 0 && (s[a - 1] == '(' || (a >= 3 && !memcmp(s + a - 3, "\xEF\xBC\x88", 3)) ||
                        gloss_open(s, a));
  bool close = at(s, n, e) == ')' || (e + 3 <= n && !memcmp(s + e, "\xEF\xBC\x89", 3));
  return d2 == 4 && open && close;
}

/* ---- units -------------------------------------------------------------------------------- */

typedef struct unit {
  size_t end;
  qg_span_kind kind; /* QG_SPAN_NONE: a plain word or number that needs no protection */
  bool letter;       /* holds a letter */
  bool dotted_caps;  /* only single capitals joined by dots (D.H) */
} unit;

static size_t trim_trailing(const char *s, size_t start, size_t end) {
  while (end > start && strchr(".,;:!?'\"", s[end - 1])) end--;
  /* a closing bracket without its opener inside is not part of the URL or path */
  int depth = 0;
  for (size_t k = start; k < end; k++) depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
  while (end > start && s[end - 1] == ')' && depth < 0) end--, depth++;
  while (end > start && strchr(".,;:!?", s[end - 1])) end--;
  return end;
}

static bool url_char(int c) {
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '`' && c != '\\' &&
         c != '{' && c != '}' && c != '|' && c != '^';
}

/* What a block's text can hold, looked up once per block at its first unit: the matchers for
 * URLs with a scheme and for e-mail addresses are tried only where their mark (:// or @) is
 * somewhere in the text. */
enum { MAY_SCHEME = 1, MAY_EMAIL = 2, MAY_KNOWN = 4 };
static unsigned may_hold(const char *s, size_t n) {
  unsigned may = MAY_KNOWN;
  if (memchr(s, '@', n)) may |= MAY_EMAIL;
  for (const char *p = s, *e = s + n; (p = memchr(p, ':', (size_t)(e - p))); p++)
    if (e - p >= 3 && p[1] == '/' && p[2] == '/') {
      may |= MAY_SCHEME;
      break;
    }
  return may;
}

/* scheme://… or www.… */
static size_t m_url(const char *s, size_t n, size_t i, unsigned may) {
  size_t j = i;
  bool scheme = false;
  if (may & MAY_SCHEME) {
    while (j < n && j - i < 12 && (a_alnum(at(s, n, j)) || s[j] == '+' || s[j] == '-' || s[j] == '.'))
      j++;
    scheme = j > i && a_alpha(at(s, n, i)) && j + 3 <= n && !memcmp(s + j, "://", 3);
  }
  bool www = !scheme && i + 4 <= n && (s[i] | 0x20) == 'w' && (s[i + 1] | 0x20) == 'w' &&
             (s[i + 2] | 0x20) == 'w' && s[i + 3] == '.' && a_alnum(at(s, n, i + 4));
  if (!scheme && !www) return 0;
  j = scheme ? j + 3 : i + 4;
  size_t body = j;
  while (j < n && url_char(at(s, n, j))) j++;
  if (j == body) return 0;
  return trim_trailing(s, i, j);
}

static bool email_local(int c) {
  return a_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static size_t m_email(const char *s, size_t n, size_t i) {
  size_t j = i;
  while (j < n && email_local(at(s, n, j))) j++;
  if (j == i || at(s, n, j) != '@') return 0;
  j++;
  size_t dom = j, last_label = j;
  int labels = 0;
  while (j < n && (a_alnum(at(s, n, j)) || s[j] == '-' || s[j] == '.')) {
    if (s[j] == '.') {
      if (j == last_label || !a_alnum(at(s, n, j + 1))) break;
      labels++;
      last_label = j + 1;
    }
    j++;
  }
  if (j == dom || labels == 0) return 0;
  for (size_t k = last_label; k < j; k++)
    if (!a_alpha(s[k])) return 0;
  return j - last_label >= 2 ? j : 0;
}

static bool path_char(int c) {
  switch (c) {
  case '.': case '_': case '-': case '~': case '/': case '\\': case '+': case '@': case '%':
  case '=': case '#':
    return true;
  default: return a_alnum(c);
  }
}

/* C:\dir\file, ~/dir, ./x, ../x, /usr/bin (a leading slash not after a word character) */
static size_t m_path(const char *s, size_t n, size_t i) {
  size_t j;
  if (a_alpha(at(s, n, i)) && at(s, n, i + 1) == ':' && at(s, n, i + 2) == '\\') j = i + 3;
  else if (at(s, n, i) == '~' && at(s, n, i + 1) == '/') j = i + 2;
  else if (at(s, n, i) == '.' && at(s, n, i + 1) == '/') j = i + 2;
  else if (at(s, n, i) == '.' && at(s, n, i + 1) == '.' && at(s, n, i + 2) == '/') j = i + 3;
  else if (at(s, n, i) == '/' && !word_before(s, i) && (a_alnum(at(s, n, i + 1)) || at(s, n, i + 1) == '_'))
    j = i + 1;
  else return 0;
  while (j < n && path_char(at(s, n, j))) j++;
  j = trim_trailing(s, i, j);
  return j > i + 1 ? j : 0;
}

/* A token: word characters joined by connectors, each connector followed by a word character:
 *   . - _ / \ &         anywhere (3.14, WZ-10, snake_case, km/h, AT&T)
 *   ' ’                 between letters (don't)
 *   :                   between digits (8:30, 3:1), or :: in code
 *   ,                   digit grouping: after a digit, exactly three digits follow
 * then C++ / C# suffixes and a call's argument list f(x). */
/* The names of the functions of school mathematics, whose argument may be a figure alone:
 * log(2), sin(30°), exp(-1) are formulas, not a manual page's strip(3). */
static bool math_function(const char *w, size_t len) {
  if (len < 2 || len > 6) return false;
  static const char *const names[] = {"sin",  "cos",    "tan",    "cot",    "sec",  "csc",
                                      "sinh", "cosh",   "tanh",   "arcsin", "arccos",
                                      "arctan", "exp",  "log",    "ln",     "lg",   "sqrt",
                                      NULL};
  for (size_t q = 0; names[q]; q++)
    if (strlen(names[q]) == len && !memcmp(w, names[q], len)) return true;
  return false;
}

static size_t char_ref_end(const char *s, size_t n, size_t i);

static size_t scan_token(const char *s, size_t n, size_t i, unit *u) {
  size_t j = i;
  int k, last = 0;
  unsigned dots = 0, hyph = 0, unders = 0, colons = 0, dcolons = 0, commas = 0, slashes = 0,
           apos = 0, letters = 0, digits = 0, other = 0, caps_runs = 0;
  bool caps_only = true;
  size_t run_start = i;
  for (;;) {
    size_t l = word_at(s, n, j, &k);
    if (l) {
      if (k == 1) letters++;
      else digits++;
      last = k;
      j += l;
      continue;
    }
    /* a run of word characters just ended at j */
    if (!(j - run_start == 1 && at(s, n, run_start) >= 'A' && at(s, n, run_start) <= 'Z')) caps_only = false;
    caps_runs++;
    int c = at(s, n, j);
    size_t cl = 1;
    int nk = 0;
    bool ok = false;
    if (c == '.' || c == '-' || c == '_' || c == '/' || c == '\\' || c == '&') {
      /* (an HTML character reference ends the word: 5&nbsp;公里, Q&amp;A; it is a span of its
       * own, whose ';' stays: probe 46b M1, the word read on over the '&' and the ';' became ；) */
      ok = word_at(s, n, j + 1, &nk) > 0 && !(c == '&' && char_ref_end(s, n, j));
      if (ok && c == '-' && (qg_year_span_at(s, n, j, 1) || qg_ordinal_range_at(s, n, j, 1)))
        ok = false;
    } else if (c == '\'' || (c == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
                             (unsigned char)s[j + 2] == 0x99)) {
      cl = c == '\'' ? 1 : 3;
      ok = last == 1 && word_at(s, n, j + cl, &nk) && nk == 1;
    } else if (c == ':') {
      if (at(s, n, j + 1) == ':' && word_starts(s, n, j + 2)) { ok = true; cl = 2; dcolons++; }
      else ok = last == 2 && a_digit(at(s, n, j + 1));
    } else if (c == ',') {
      ok = last == 2 && a_digit(at(s, n, j + 1)) && a_digit(at(s, n, j + 2)) &&
           a_digit(at(s, n, j + 3)) && !a_digit(at(s, n, j + 4));
    }
    if (!ok) break;
    if (c == '.') dots++;
    else if (c == '-') hyph++;
    else if (c == '_') unders++;
    else if (c == '/' || c == '\\') slashes++;
    else if (c == ':' && cl == 1) colons++;
    else if (c == ',') commas++;
    else if (c == '\'' || c == 0xE2) apos++;
    else other++;
    j += cl;
    run_start = j;
  }
  size_t end = j;
  bool call = false;
  /* C++, C#, F# */
  if (letters && at(s, n, end) == '+' && at(s, n, end + 1) == '+' && !a_alnum(at(s, n, end + 2))) end += 2, other++;
  else if (letters && at(s, n, end) == '#' && !a_alnum(at(s, n, end + 1))) end += 1, other++;
  /* an identifier's call: f(x), printf("%d", n): ASCII arguments, and string literals in
   * straight quotes that may hold any text (print("你好,世界"), s.split(','): probe 20 H8, they
   * were rewritten); not a unit with a slash (mmol/L(P<0.05): probe 10a F9) */
  if (letters && !slashes && a_alpha(at(s, n, i)) && at(s, n, end) == '(') {
    size_t q = end + 1;
    bool quoted = false, greek = false;
    while (q < n && q - end < 200) {
      unsigned char b = (unsigned char)s[q];
      if (b == '"' || b == '\'') { /* a string literal, closed on this line */
        size_t z = q + 1;
        while (z < n && z - q < 160 && (unsigned char)s[z] != b && s[z] != '\n') z++;
        if (z < n && (unsigned char)s[z] == b) { /* (one not closed is a byte like the others) */
          q = z + 1;
          quoted = true;
          continue;
        }
      }
      /* a subscript or superscript of a variable or an exponent (exp(-Eₐ/RT), f(x²)) */
      if (b == 0xE2 && q + 2 < n && (unsigned char)s[q + 1] == 0x82 &&
          (unsigned char)s[q + 2] >= 0x80 && (unsigned char)s[q + 2] <= 0x9C) {
        q += 3;
        continue;
      }
      if (b == 0xE2 && q + 2 < n && (unsigned char)s[q + 1] == 0x81 && (unsigned char)s[q + 2] >= 0xB0) {
        q += 3;
        continue;
      }
      if (b == 0xC2 && q + 1 < n &&
          ((unsigned char)s[q + 1] == 0xB2 || (unsigned char)s[q + 1] == 0xB3 || (unsigned char)s[q + 1] == 0xB9)) {
        q += 2;
        continue;
      }
      /* a Greek letter (exp(-1/λ), sin(θ): probe 25 M4, the brackets became （）), a degree sign,
       * · × ÷ ± and the minus sign − */
      if (b >= 0xC2 && q + 1 < n) {
        unsigned char b1 = (unsigned char)s[q + 1];
        if ((b == 0xCE && b1 >= 0x91) || (b == 0xCF && b1 <= 0x89)) {
          q += 2;
          greek = true;
          continue;
        }
        if ((b == 0xC2 && (b1 == 0xB0 || b1 == 0xB7 || b1 == 0xB1)) || (b == 0xC3 && (b1 == 0x97 || b1 == 0xB7))) {
          q += 2;
          continue;
        }
        if (b == 0xE2 && b1 == 0x88 && q + 2 < n && (unsigned char)s[q + 2] == 0x92) {
          q += 3;
          continue;
        }
      }
      if (b < 0x20 || b >= 0x7F || b == '(' || b == ')') break;
      q++;
    }
    if (at(s, n, q) != ')') { /* else ASCII to the first ), quotes and all, as before */
      quoted = greek = false;
      q = end + 1;
      while (q < n && q - end < 80 && (unsigned char)s[q] >= 0x20 && (unsigned char)s[q] < 0x7F &&
             s[q] != '(' && s[q] != ')')
        q++;
    }
    if (at(s, n, q) == ')') {
      /* f(), f(x), printf("%d", n), a call with a string; not Python(3.11), nor figures alone
       * (strip(3), a manual page, takes （3）; so does range(10), which reads the same), but
       * after a function of mathematics (log(10), sin(30°), exp(-1): probe 25 M4), unless they
       * are a manual page's section, one digit and a letter at most (log(3), exp(3p): pages of
       * the C library, as the bench copy cites them) */
      bool section = q - end <= 3 && at(s, n, end + 1) >= '1' && at(s, n, end + 1) <= '9' &&
                     (q == end + 2 || a_alpha(at(s, n, end + 2)));
      /* (a lone Greek letter after a word is its gloss: 希腊字母Lambda(λ) takes （）; after a
       * letter it is a variable, f(λ)) */
      bool math = math_function(s + i, end - i);
      if (greek && q == end + 3 && end - i > 1 && !math) greek = false;
      bool argish = q == end + 1 || quoted || greek || (math && !section);
      for (size_t t = end + 1; t < q; t++) argish |= a_alpha(s[t]) || s[t] == '"' || s[t] == '_';
      if (argish) end = q + 1, call = true;
    }
  }
  u->end = end;
  u->letter = letters > 0;
  u->dotted_caps = caps_only && dots > 0 && dots + 1 == caps_runs && !hyph && !unders && !slashes &&
                   !colons && !commas && !apos && !other && !call;
  qg_span_kind kind = QG_SPAN_NONE;
  if (call || unders || dcolons) kind = QG_SPAN_CODE;
  else if (!letters && (dots || commas || colons || hyph || slashes)) {
    if (colons && !dots && !commas && !hyph && !slashes) {
      /* h:mm or h:mm:ss is a clock time; anything else with colons is a ratio or score */
      size_t p = i, g = 0, len0 = 0;
      bool clock = true;
      while (p < end) {
        size_t q = p;
        while (q < end && a_digit(s[q])) q++;
        size_t len = q - p;
        unsigned v = 0;
        for (size_t t = p; t < q; t++) v = v * 10 + (unsigned)(s[t] - '0');
        if (g == 0) { len0 = len; clock &= len <= 2 && v <= 24; }
        else clock &= len == 2 && v <= 59;
        g++;
        p = q + 1;
      }
      kind = clock && len0 && g <= 3 ? QG_SPAN_TIME : QG_SPAN_RATIO;
    } else if (commas && !colons && !hyph && !slashes && dots <= 1) kind = QG_SPAN_GROUPED;
    else if (dots == 1 && !commas && !colons && !hyph && !slashes) kind = QG_SPAN_DECIMAL;
    else if (dots == 3 && !commas && !colons && !hyph && !slashes) kind = QG_SPAN_IP;
    else if (dots >= 2 && !commas && !hyph && !slashes) kind = colons ? QG_SPAN_IP : QG_SPAN_VERSION;
    else if (hyph && !dots && !commas && !colons && !slashes) kind = QG_SPAN_HYPHEN_ID;
    else kind = QG_SPAN_IDENT;
  } else if (letters) {
    if ((s[i] == 'v' || s[i] == 'V') && a_digit(at(s, n, i + 1)) && dots) kind = QG_SPAN_VERSION;
    else if (slashes) {
      /* src/main.c, a/b/c are paths; km/h, TCP/IP are identifiers */
      size_t last = end;
      while (last > i && s[last - 1] != '/' && s[last - 1] != '\\') last--;
      kind = slashes >= 2 || memchr(s + last, '.', end - last) ? QG_SPAN_PATH : QG_SPAN_IDENT;
    }
    else if (hyph) kind = QG_SPAN_HYPHEN_ID;
    else if (dots && !u->dotted_caps) {
      size_t last_dot = end;
      while (last_dot > i && s[last_dot - 1] != '.') last_dot--;
      bool alpha_tld = end - last_dot >= 2;
      for (size_t t = last_dot; t < end; t++) alpha_tld &= a_alpha(s[t]);
      kind = alpha_tld ? QG_SPAN_DOMAIN : QG_SPAN_IDENT;
    } else if (dots) kind = QG_SPAN_INITIALS;
    else if (apos || colons || commas || other) kind = QG_SPAN_IDENT;
  }
  u->kind = kind;
  return end;
}

/* A run of ASCII letters or digits at i followed by what no matcher takes further: the end,
 * an ASCII byte that is no connector, no suffix (C++ C#), no call's bracket and no part of a
 * URL, an e-mail address or a path (. - _ / \ & ' : , + # ( % @), or U+2000 and above but ’
 * (which joins letters: don’t). scan_unit there gives a token of no kind ending with the
 * run: filled in *u, its end returned; 0 for anything else. */
static inline size_t plain_word(const char *s, size_t n, size_t i, unit *u) {
  const unsigned char *t = (const unsigned char *)s;
  bool letter = false;
  size_t j = i;
  for (; j < n; j++) {
    unsigned c = t[j];
    if (c - '0' < 10) continue;
    if ((c | 0x20) - 'a' < 26) {
      letter = true;
      continue;
    }
    break;
  }
  if (j == i) return 0;
  if (j < n) {
    unsigned c = t[j];
    if ((c >= 0x80 && c < 0xE2) || lead_alpha_high((int)c))
      return 0; /* a Latin letter, an accent or Hangul may go on */
    if (c == 0xE2 && j + 2 < n && t[j + 1] == 0x80 && t[j + 2] == 0x99) return 0; /* ’ */
    /* . - _ / \ & ' : , + # ( % @ after it: a unit may go on (bit c - 32 of the word; all of
     * them lie in 32..95) */
#define B_(c) (1ull << ((c) - 32))
    static const uint64_t joins = B_('.') | B_('-') | B_('_') | B_('/') | B_('\\') | B_('&') |
                                  B_('\'') | B_(':') | B_(',') | B_('+') | B_('#') | B_('(') |
                                  B_('%') | B_('@');
#undef B_
    if (c - 32u < 64u && (joins >> (c - 32) & 1)) return 0;
  }
  *u = (unit){.end = j, .kind = QG_SPAN_NONE, .letter = letter};
  return j;
}

/* The longest unit starting at i (i at a word character or a path start), 0 if none. *may:
 * may_hold of the text, filled in at the first call. */
static size_t scan_unit_rest(const char *s, size_t n, size_t i, unit *u, unsigned *may);
static size_t scan_unit(const char *s, size_t n, size_t i, unit *u, unsigned *may) {
  size_t e;
  if ((e = plain_word(s, n, i, u))) return e;
  return scan_unit_rest(s, n, i, u, may);
}

/* scan_unit where no plain word starts at i (plain_word gave 0). */
static size_t scan_unit_rest(const char *s, size_t n, size_t i, unit *u, unsigned *may) {
  size_t e;
  if (!*may) *may = may_hold(s, n);
  if ((e = m_url(s, n, i, *may))) {
    *u = (unit){.end = e, .kind = QG_SPAN_URL, .letter = true};
    return e;
  }
  if ((*may & MAY_EMAIL) && (e = m_email(s, n, i))) {
    *u = (unit){.end = e, .kind = QG_SPAN_EMAIL, .letter = true};
    return e;
  }
  if ((e = m_path(s, n, i))) {
    unit t;
    size_t te = word_starts(s, n, i) ? scan_token(s, n, i, &t) : 0;
    if (e > te) {
      *u = (unit){.end = e, .kind = QG_SPAN_PATH, .letter = true};
      return e;
    }
  }
  if (!word_starts(s, n, i)) return 0;
  return scan_token(s, n, i, u);
}

/* Latin initials in a name: D.H.劳伦斯, J.K.罗琳, O.亨利: capitals each followed by a dot, then
 * a Han character at once (for a single initial, one used in transliterated names). */
static size_t m_initials(const char *s, size_t n, size_t i) {
  if (word_before(s, i)) return 0;
  size_t j = i;
  int count = 0;
  while (at(s, n, j) >= 'A' && at(s, n, j) <= 'Z' && at(s, n, j + 1) == '.') j += 2, count++;
  if (!count || j >= n || (unsigned char)s[j] < 0x80) return 0;
  size_t k = j;
  uint32_t c = qg_utf8_next(s, n, &k);
  if (c == 0xB7) return j;
  if (!qg_cp_is_han(c)) return 0;
  return count >= 2 || qg_cp_is_translit(c) ? j : 0;
}

/* ---- runs of Latin-script text -------------------------------------------------------------
 * Units separated as in English: [,;:.!?]{0,3} then closing quotes or brackets, spaces, opening
 * quotes or brackets. A run needs two units with letters and at least one space between units;
 * it then also takes its sentence-final marks and a closing quote or bracket it opened. */
static inline __attribute__((always_inline)) size_t scan_sep(const char *s, size_t n, size_t j, bool *space,
                                                            int *dq, int *sq, int *par) {
  size_t k = j;
  int marks = 0;
  while (marks < 3 && k < n &&
         (s[k] == ',' || s[k] == ';' || s[k] == ':' || s[k] == '.' || s[k] == '!' || s[k] == '?'))
    k++, marks++;
  while (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == ')')) {
    if (s[k] == '"') (*dq)++;
    else if (s[k] == '\'') (*sq)++;
    else (*par)--;
    k++;
  }
  size_t sp = k;
  while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
  if (k > sp) *space = true;
  while (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
    if (s[k] == '"') (*dq)++;
    else if (s[k] == '\'') (*sq)++;
    else (*par)++;
    k++;
  }
  return k;
}

/* The first offset from i on (i at a character) where a character below U+2000 or from U+A000
 * to U+DFFF (Hangul: lead_alpha_high) starts, n if none: the end of a run of Han text and CJK
 * marks. A byte below 0x80, from 0xC0 to 0xE1 or from 0xEA to 0xED starts such a character
 * wherever it is (in valid UTF-8 a continuation byte is never one), so with SSE2 sixteen bytes
 * are looked at a time. */
static size_t skip_high(const char *s, size_t n, size_t i) {
#ifdef __SSE2__
  const __m128i lo = _mm_set1_epi8((char)0xBF), hi = _mm_set1_epi8((char)0xE2),
                neg = _mm_set1_epi8(-1), k_lo = _mm_set1_epi8((char)0xE9),
                k_hi = _mm_set1_epi8((char)0xEE);
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    /* signed: above 0xBF (not a continuation byte) and either below 0 (ASCII) or below 0xE2;
     * or from 0xEA to 0xED */
    __m128i m = _mm_and_si128(_mm_cmpgt_epi8(x, lo),
                              _mm_or_si128(_mm_cmpgt_epi8(x, neg), _mm_cmplt_epi8(x, hi)));
    __m128i h = _mm_and_si128(_mm_cmpgt_epi8(x, k_lo), _mm_cmplt_epi8(x, k_hi));
    unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, h));
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
  /* the loop above leaves i anywhere in a character: back to its start */
  while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
#endif
  int c;
  while (i < n && (c = (unsigned char)s[i]) >= 0xE2 && !lead_alpha_high(c)) i += c < 0xF0 ? 3 : 4;
  return i;
}

/* The first offset from i on, before lim, of a ) ( or a byte up to a space (white space, a control),
 * lim if none: the end of the word after a bracket. With SSE2 sixteen bytes at a time. */
static size_t paren_word_end(const char *s, size_t i, size_t lim) {
#ifdef __SSE2__
  const __m128i open = _mm_set1_epi8('('), close = _mm_set1_epi8(')'), sp = _mm_set1_epi8(' ');
  for (; i + 16 <= lim; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, open), _mm_cmpeq_epi8(x, close)),
                             _mm_cmpeq_epi8(_mm_min_epu8(x, sp), x)); /* (unsigned x <= ' ') */
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz(bits);
  }
#endif
  while (i < lim && s[i] != ')' && s[i] != '(' && (unsigned char)s[i] > ' ') i++;
  return i;
}

/* Does the bracket at offset b continue an IRI, a URL whose path holds Han text
 * (https://zh.wikipedia.org/wiki/北京(消歧义))? The URL matcher stops at the first character
 * above ASCII, so its brackets would be taken for prose. Going back from b over the run without
 * white space or a CJK mark (lead bytes E3 and EF: 。，、（《 …), the run must hold :// before a
 * host, Han text must follow (else the URL matcher took the brackets or refused them), the text
 * from :// on must enter Han only right after a / or = (a path segment or a query value), and
 * each Han run be a short name without a particle of prose: `example.com了解详情(免费)` and
 * `…/发布了文章(原文见附件)` are a URL followed by prose, whose brackets stay the prose's. */
static bool iri_before(const char *s, size_t b) {
  size_t k = b, run = 0; /* run: Han characters of the current run (going back) */
  bool han = false, any_han = false;
  while (k > 0 && b - k < 512) {
    size_t p = qg_utf8_prev(s, k);
    int c = (unsigned char)s[p];
    if (c <= ' ' || c == 0xE3 || c == 0xEF) return false;
    if (c >= 0xE4 && c <= 0xE9) {
      /* a path segment is a name, not prose: no particle or verb of a sentence in it
       * (…/发布了文章(原文), …/北京了解详情(消歧义): review 8 R3), and short */
      static const char *const prose[] = {"的", "了", "是", "在", "和", "与", "请", "见", "等", "将", "把", "被", NULL};
      for (int w = 0; prose[w]; w++)
        if (!memcmp(s + p, prose[w], 3)) return false;
      if (++run > 12) return false;
      han = any_han = true;
    } else if (c < 0x80) {
      /* Han entered right after a / or = only: a path segment or a query value */
      if (han && c != '/' && c != '=') return false;
      han = false, run = 0;
      if (c == '/' && p >= 2 && s[p - 1] == '/' && s[p - 2] == ':')
        return any_han && a_alnum(at(s, b, p + 1)); /* a host, then Han the matcher stopped at */
    } else {
      return false;
    }
    k = p;
  }
  return false;
}

/* Is the character at offset i a Han character? */
static bool han_at(const char *s, size_t n, size_t i) {
  size_t q = i;
  return qg_cp_is_han(qg_utf8_next(s, n, &q));
}

/* ---- a full stop before a number ------------------------------------------------------------
 * An ASCII dot between Chinese text and a number that starts the next sentence is no decimal
 * point (.46): 完成项目3个.4月份将开工, 会议持续了3天.5日上午闭幕, 工程于2024年完工.2025年投入使用,
 * 增长了2%.3个区人口下降 (probe 9a F14). The dot at offset dot follows a Han character, % or a
 * closing mark; one to four digits follow it, and then a date or time character (年 月 日 号 时),
 * or, when the text before the dot ends a number (2%, 3个: a digit before the Han character or
 * the %), any Han character. 命中率为.46, 为.46个百分点 stay decimals. punct.c's full-stop rule
 * asks the same question. */
static bool cjk_close_at(const char *s, size_t n, size_t p, uint32_t *cp) {
  size_t q = p;
  *cp = qg_utf8_next(s, n, &q);
  return qg_cp_is_han(*cp) || *cp == 0x201D || *cp == 0x2019 || *cp == 0xFF09 || *cp == 0x300B ||
         *cp == 0x300D || *cp == 0x3011;
}
bool qg_cp_wants_object(uint32_t cp) {
  static const char16_t *const wants = u"为是在于约达至到和与及或的第每近超逾共计仅将从自由以比占等合率";
  for (const char16_t *w = wants; *w; w++)
    if (cp == *w) return true;
  return false;
}

/* Whether a clause opens at byte i of s: the text's start, past white space, or a clause or
 * sentence mark right before it (，、；：。！？ , ; :). */
static bool clause_opens(const char *s, size_t i) {
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
  if (i == 0) return true;
  if (s[i - 1] == ',' || s[i - 1] == ';' || s[i - 1] == ':') return true;
  if (i < 3) return false;
  const unsigned char *u = (const unsigned char *)s + i - 3;
  return (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8C || u[2] == 0x9B || u[2] == 0x9A || u[2] == 0x81 || u[2] == 0x9F)) ||
         (u[0] == 0xE3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82));
}

/* Session 42 (s42-nums, the lead's stray dot): the text before the dot at offset p (its last
 * character before, at p) is a word that ends no sentence before a count: a time word that
 * dates what follows (今年 去年 明年 前年 当年 现年 同年, 目前 如今: 他今年.35岁), or a numbered
 * name, a figure and two or three Han characters that start with 号 (3号线 5号楼) or follow 第
 * and the figure (第3车间: 在3号线.5个站点工作). The dot there is a stray dot or a decimal that
 * lost its 0: neither a full stop nor certain, left as written (qg_stray_dot_before_count). */
static bool word_ends_no_sentence(const char *s, size_t n, uint32_t before, size_t p,
                                  uint32_t next) {
  uint32_t prev = 0;
  if (p >= 3) {
    size_t q = qg_utf8_prev(s, p);
    prev = qg_utf8_next(s, n, &q);
  }
  /* (a time word only before an age, 他今年.35岁, or where a clause opens with it, 去年.12名学生;
   * a numbered name only after 在 or 于, 在3号线.5个站点, or where a clause opens with it:
   * 发生在今年.5名代表… and 赶到3号楼.5名队员… end a sentence; read-through 42) */
  bool age = next == 0x5C81 /*岁*/ || (p >= 3 && clause_opens(s, p - 3));
  if (before == 0x5E74 /*年*/ && age) {
    static const char16_t *const time_head = u"今去明前当现同";
    for (const char16_t *w = time_head; *w; w++)
      if (prev == *w) return true;
  }
  if (((before == 0x524D /*前*/ && prev == 0x76EE /*目*/) || (before == 0x4ECA /*今*/ && prev == 0x5982 /*如*/)) &&
      age)
    return true;
  /* a numbered name: two or three Han characters back to a figure (3号线, 第3车间) */
  size_t f = p;
  for (int k = 2; k <= 3 && f >= 3; k++) {
    size_t g = qg_utf8_prev(s, f), q = g;
    if (!qg_cp_is_han(qg_utf8_next(s, n, &q))) break;
    f = g; /* the run of k characters from f to the dot */
    if (f == 0 || !a_digit(at(s, n, f - 1))) continue;
    size_t d = f - 1;
    while (d > 0 && a_digit(at(s, n, d - 1))) d--;
    size_t e = d;
    if (e >= 3 && !memcmp(s + e - 3, "\xE7\xAC\xAC", 3) /*第*/) e -= 3;
    uint32_t lead = 0;
    if (e >= 3) {
      size_t r = qg_utf8_prev(s, e);
      lead = qg_utf8_next(s, n, &r);
    }
    if (lead != 0x5728 /*在*/ && lead != 0x4E8E /*于*/ && !clause_opens(s, e)) continue;
    q = f;
    if (qg_utf8_next(s, n, &q) == 0x53F7 /*号*/) return true;
    if (e < d) return true; /* 第 */
  }
  return false;
}

/* The figure s[dot+1, j) after the dot and the character next at j count whole things: one to
 * three digits, not from 0, and a word of whole things (whole_count_after, below); 个 is no
 * count before 百分点. */
static bool whole_count(const char *s, size_t n, size_t dot, size_t j, uint32_t next) {
  static const char16_t *const whole = u"岁名位人个家户辆件项次座所只条台部艘架批场届例起份张本篇头匹棵株套间栋幢处支枚";
  if (s[dot + 1] == '0' || j - dot - 1 > 3) return false;
  bool ok = false;
  for (const char16_t *w = whole; *w && !ok; w++) ok = next == *w;
  return ok && !(next == 0x4E2A /*个*/ && j + 6 <= n && !memcmp(s + j + 3, "百分", 6));
}

/* Session 41 (probe 40 D7): 坐满了人.82岁的赵大爷, 大家到了.5名代表发言, 到场.120名志愿者: the
 * figure after the dot counts whole things or years of age (a word of whole things follows it:
 * 岁 名 位 人 个 家 户 辆 件 项 次 座 所 只 条 台 部 艘 架 批 场 届 例 起 份 张 本 篇 头 匹 棵 株 套
 * 间 栋 幢 处 支 枚 位), so it is no decimal (half a person is not counted), and the dot ends the
 * sentence before it. The figure does not start with 0 (.05名 is no count either way: left); the
 * text before the dot ends with a Han character (before, at offset p; not a bracket: 附件（1）.2项
 * stays, s10-punct F22) that wants no object (qg_cp_wants_object: 约.5名), is no Chinese numeral (三十.5名), nor
 * 均 or 有 (人均.5个, 有.5个: an amount may follow), nor a verb of change, perhaps with 了
 * (增加了.5个百分点: a decimal the desk dropped the 0 of); 个 is no count before 百分点. Left as
 * before: 人均.82元, 约.5米, 比例.46 (元 米 and a bare figure measure, a decimal may be meant). */
static bool whole_count_after(const char *s, size_t n, size_t dot, size_t j, uint32_t next,
                              uint32_t before, size_t p) {
  static const char16_t *const not_before =
      u"均有一二三四五六七八九十百千万亿两零〇涨增降升跌长高低少加减翻扩缩大小多";
  if (!qg_cp_is_han(before) || !whole_count(s, n, dot, j, next)) return false;
  uint32_t prev = 0; /* the character before `before` */
  if (p >= 3) {
    size_t r = qg_utf8_prev(s, p);
    prev = qg_utf8_next(s, n, &r);
  }
  uint32_t b = before == 0x4E86 /*了*/ && p >= 3 ? prev : before;
  for (const char16_t *w = not_before; *w; w++)
    if (b == *w || before == *w) return false;
  /* (nor after 每 and one character, 平均每户.5个, 每人.5份: a share, a decimal whose 0 was
   * dropped; the read-through of session 41) */
  return prev != 0x6BCF /*每*/ && !word_ends_no_sentence(s, n, before, p, next);
}

bool qg_stop_before_number(const char *s, size_t n, size_t dot) {
  if (dot == 0) return false;
  size_t p = qg_utf8_prev(s, dot);
  uint32_t before = 0;
  bool pct = s[p] == '%';
  /* a straight quote after Han closes a quotation (巴西队".2025年), as a second run sees it */
  bool quote = (s[p] == '"' || s[p] == '\'') && p > 0 && han_at(s, n, qg_utf8_prev(s, p));
  /* an ASCII ) after Han or % is the ） the width rule makes of it in the same run ((55分).1月1日:
   * probe 10a F22) */
  if (s[p] == ')' && p > 0 &&
      (s[p - 1] == '%' || ((unsigned char)s[p - 1] >= 0x80 && han_at(s, n, qg_utf8_prev(s, p)))))
    before = 0xFF09;
  else if (!pct && !quote && !cjk_close_at(s, n, p, &before)) return false;
  /* no sentence ends on a word that wants what follows (发布时间为.5号之后) */
  if (!pct && !quote && qg_cp_wants_object(before)) return false;
  size_t j = dot + 1;
  while (j < n && a_digit(at(s, n, j)) && j - dot <= 4) j++;
  if (j == dot + 1 || a_digit(at(s, n, j)) || j >= n || (unsigned char)s[j] < 0xE4) return false;
  size_t q = j;
  uint32_t next = qg_utf8_next(s, n, &q);
  if (next == 0x5E74 /*年*/ || next == 0x6708 /*月*/ || next == 0x65E5 /*日*/ ||
      next == 0x53F7 /*号*/ || next == 0x65F6 /*时*/)
    return true;
  if (!qg_cp_is_han(next)) return false;
  if (pct) return p > 0 && a_digit(at(s, n, p - 1));
  if (qg_cp_is_han(before) && p > 0 && a_digit(at(s, n, p - 1))) return true;
  return whole_count_after(s, n, dot, j, next, before, p);
}

bool qg_stray_dot_before_count(const char *s, size_t n, size_t dot) {
  if (dot == 0 || dot >= n || s[dot] != '.') return false;
  size_t p = qg_utf8_prev(s, dot), q = p;
  uint32_t before = qg_utf8_next(s, n, &q);
  if (!qg_cp_is_han(before)) return false;
  size_t j = dot + 1;
  while (j < n && a_digit(at(s, n, j)) && j - dot <= 4) j++;
  if (j == dot + 1 || j >= n) return false;
  q = j;
  uint32_t next = qg_utf8_next(s, n, &q);
  /* (not after 的, which ends sentences too: 这是他说的.46家企业, left unreported as before) */
  return whole_count(s, n, dot, j, next) && before != 0x7684 /*的*/ &&
         (qg_cp_wants_object(before) || word_ends_no_sentence(s, n, before, p, next));
}

/* ---- names in Latin script ------------------------------------------------------------------
 * A run of Latin words [start, end) right after Chinese text that is a name, not an English
 * sentence: every word capitalised (Microsoft Office, Jack Ma, Real Madrid, iPhone 15 Pro Max,
 * Model Y; a word may be all digits, and of/and/the/de/for may join two), words separated by
 * spaces only (a hyphen may join the parts of a word), a Han character right before it and,
 * past its sentence-final marks (. ! ?), the end of the text or a Han character (not a quotation
 * mark: “Hello World.” is an English quotation). Its final mark ends the Chinese sentence
 * (probe 9a F7), unless its last word is an abbreviation (St. Inc.) or, before more text, one
 * letter (an initial). punct.c asks the same question of a Latin span it finds before a mark.
 */
/* A figure with its unit words after Chinese text (价格为$0.15/1M tokens.该模型): a run that starts
 * with a digit right after Han (or after a $ after Han), of at most four words without clause
 * marks, quotes or brackets; its final mark ends the Chinese sentence as a name's does (probe
 * 10a F11). */
static bool figure_run(const char *s, size_t n, size_t start, size_t end) {
  if (start == 0 || end > n || end - start > 40 || !a_digit(at(s, n, start))) return false;
  size_t b = start - (s[start - 1] == '$');
  if (b == 0 || (unsigned char)s[b - 1] < 0x80 || !han_at(s, n, qg_utf8_prev(s, b))) return false;
  unsigned spaces = 0;
  for (size_t i = start; i < end; i++) {
    if (strchr(",;:!?\"'()", s[i])) return false;
    if (s[i] == '.' && at(s, n, i + 1) == ' ') return false;
    spaces += s[i] == ' ';
  }
  return spaces <= 3;
}

bool qg_latin_name_run(const char *s, size_t n, size_t start, size_t end) {
  if (figure_run(s, n, start, end)) {
    size_t e = end;
    while (e < n && e - end < 3 && (s[e] == '.' || s[e] == '!' || s[e] == '?')) e++;
    return e > end && (e == n || s[e] == '\n' || s[e] == '\r' ||
                       ((unsigned char)s[e] >= 0xE2 && han_at(s, n, e)));
  }
  if (start == 0 || end > n || (unsigned char)s[start - 1] < 0x80) return false;
  if (!han_at(s, n, qg_utf8_prev(s, start))) return false;
  size_t e = end;
  while (e < n && e - end < 3 && (s[e] == '.' || s[e] == '!' || s[e] == '?')) e++;
  if (e == end || !(e == n || s[e] == '\n' || s[e] == '\r' || ((unsigned char)s[e] >= 0xE2 && han_at(s, n, e))))
    return false;
  static const char *const joins[] = {"of", "and", "the", "de", "for", NULL};
  /* the dot of an abbreviation or an initial before more text is its own (他住在Main St.附近,
   * 由Pfizer Inc.生产, George W.布什): the last word decides */
  static const char *const abbr[] = {"St", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Dr", "Mr", "Mrs",
                                     "Ms", "Prof", "No", "Vol", "Dept", "Bros", "Ave", "Rd", "Mt",
                                     "Ft", "Gen", "Gov", "Sen", "Rep", "Ph", NULL};
  if (s[end] == '.') {
    size_t w = end;
    while (w > start && s[w - 1] != ' ') w--;
    if (end - w == 1 && e < n && s[e] != '\n' && s[e] != '\r') return false;
    for (size_t j = 0; abbr[j]; j++)
      if (strlen(abbr[j]) == end - w && !memcmp(s + w, abbr[j], end - w)) return false;
  }
  size_t words = 0;
  for (size_t i = start; i < end;) {
    if (s[i] == ' ') { i++; continue; }
    size_t w = i;
    bool digits = true;
    while (i < end && s[i] != ' ') {
      int c = (unsigned char)s[i];
      if (!a_alnum(c) && c != '-') return false;
      digits &= a_digit(c) != 0;
      i++;
    }
    words++;
    if (digits) continue;
    int c0 = (unsigned char)s[w], c1 = at(s, end, w + 1);
    if (c0 >= 'A' && c0 <= 'Z') continue;
    if (c0 >= 'a' && c0 <= 'z' && c1 >= 'A' && c1 <= 'Z') continue; /* iPhone, eBay */
    bool join = false;
    for (size_t j = 0; joins[j] && words > 1 && !join; j++)
      join = strlen(joins[j]) == i - w && !memcmp(s + w, joins[j], i - w);
    if (!join) return false;
  }
  return words >= 2;
}

/* Text between two stray backticks (the · key of a Chinese keyboard typed in English mode:
 * 约翰`史密斯说,"我们会回来的."他的同事`汤姆) is Chinese prose, not code: it starts and ends with a
 * Han character and holds a clause or sentence mark or a quotation mark (probe 9a F22). `make
 * install`, `printf("你好")`, `确定` (a label without marks) stay code. */
static bool chinese_between_backticks(const char *s, size_t from, size_t to) {
  if (to - from < 6 || !han_at(s, to, from) || !han_at(s, to, qg_utf8_prev(s, to))) return false;
  for (size_t i = from; i < to;) {
    size_t q = i;
    uint32_t c = qg_utf8_next(s, to, &q);
    if (c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '"' ||
        c == 0xFF0C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A ||
        c == 0x201C || c == 0x201D)
      return true;
    i = q;
  }
  return false;
}

/* The end of HTML markup at s[i] ('<'), 0 for none: a comment <!-- … --> (an editor's note
 * the page must not show), or a tag of HTML's (<p>, </p>, <br/>, <img src="…" alt="图片说明">,
 * <a href="…">), attributes and all, on one line (probe 13 C2, C10: the comment's <!-- became
 * ‹！—— and the note was published; the attribute's quotes were curled). <Esc>, <论语> are no
 * tags. */
static size_t html_markup_end(const char *s, size_t n, size_t i) {
  if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
    for (size_t j = i + 4; j + 3 <= n && j - i < 4096; j++)
      if (!memcmp(s + j, "-->", 3)) return j + 3;
    return 0;
  }
  static const char *const tags[] = {"p", "br", "hr", "img", "a", "div", "span", "b", "i", "u",
                                     "em", "strong", "sup", "sub", "h1", "h2", "h3", "h4", "h5",
                                     "h6", "ul", "ol", "li", "table", "tr", "td", "th", "thead",
                                     "tbody", "blockquote", "figure", "figcaption", "code", "pre",
                                     "font", "center", "small", "big", "del", "ins", "mark", "s"};
  size_t j = i + 1;
  if (j < n && s[j] == '/') j++;
  size_t t0 = j;
  while (j < n && ((unsigned)((s[j] | 0x20) - 'a') < 26u || (j > t0 && (unsigned)(s[j] - '0') < 10u)))
    j++;
  size_t tl = j - t0;
  bool known = false;
  for (size_t k = 0; k < sizeof tags / sizeof *tags && !known; k++)
    known = strlen(tags[k]) == tl && !strncasecmp(s + t0, tags[k], tl);
  if (!known || j >= n || !(s[j] == '>' || s[j] == ' ' || s[j] == '/')) return 0;
  for (; j < n && j - i < 1024; j++) {
    if (s[j] == '>') return j + 1;
    if (s[j] == '<' || s[j] == '\n') return 0;
  }
  return 0;
}

/* Whether s[i] ('[') opens a Markdown image's alt text followed by its destination: [alt](src)
 * on the line. */
static bool image_ahead(const char *s, size_t n, size_t i) {
  for (size_t j = i + 1; j + 1 < n && j - i < 512 && s[j] != '\n'; j++)
    if (s[j] == ']') return s[j + 1] == '(';
  return false;
}

/* The end of an HTML character reference at s[i] ('&'), or 0: a name of two to 32 ASCII letters
 * and digits starting with a letter, or # and one to seven digits, or #x and one to six hex
 * digits, then ';' (web copy keeps &quot; &nbsp; &#8220;: probe 19 R2, their ';' became ；). */
static size_t char_ref_end(const char *s, size_t n, size_t i) {
  size_t j = i + 1;
  if (at(s, n, j) == '#') {
    bool hex = (at(s, n, j + 1) | 0x20) == 'x';
    j += hex ? 2 : 1;
    size_t d = j;
    while (j < n && j - d < 8 && (hex ? isxdigit((unsigned char)s[j]) : a_digit(at(s, n, j)))) j++;
    if (j == d || j - d > (hex ? 6u : 7u)) return 0;
  } else {
    if (!a_alpha(at(s, n, j))) return 0;
    size_t d = j;
    while (j < n && j - d < 33 && a_alnum(at(s, n, j))) j++;
    if (j - d < 2 || j - d > 32) return 0;
  }
  return at(s, n, j) == ';' ? j + 1 : 0;
}

/* The end (after its ')') of a Markdown link's destination and title that start at j, right
 * after "](", or 0: a destination of non-blank characters with balanced brackets
 * (https://en.wikipedia.org/wiki/Mercury_(planet)) or one in <…>, then perhaps white space and a
 * title in "…", '…' or (…) (CommonMark; probe 19 R1: the span ended at the first '(' or space,
 * and the link's brackets and the title's quotes became full-width). Within 512 bytes, as before;
 * a backslash escapes the character after it. */
static size_t link_dest_end(const char *s, size_t n, size_t j) {
  size_t start = j, lim = n - j > 512 ? j + 512 : n;
  if (j < lim && s[j] == '<') {
    for (j++; j < lim && s[j] != '>' && s[j] != '<' && s[j] != '\n'; j++)
      if (s[j] == '\\' && j + 1 < lim) j++;
    if (j >= lim || s[j] != '>') return 0;
    j++;
  } else {
    int depth = 0;
    for (; j < lim; j++) {
      unsigned char ch = (unsigned char)s[j];
      if (ch == '\\' && j + 1 < lim) j++;
      else if (ch == '(') depth++;
      else if (ch == ')' && depth == 0) break;
      else if (ch == ')') depth--;
      else if (ch <= ' ') break;
    }
    if (j == start || depth) return 0;
  }
  size_t k = j;
  while (k < lim && (s[k] == ' ' || s[k] == '\t')) k++;
  if (k < lim && s[k] == ')') return k + 1;
  if (k == j || k >= lim) return 0; /* a title follows white space */
  char close = s[k] == '"' ? '"' : s[k] == '\'' ? '\'' : s[k] == '(' ? ')' : 0;
  if (!close) return 0;
  for (k++; k < lim && s[k] != close && s[k] != '\n'; k++)
    if (s[k] == '\\' && k + 1 < lim) k++;
  if (k >= lim || s[k] != close) return 0;
  for (k++; k < lim && (s[k] == ' ' || s[k] == '\t'); k++) {}
  return k < lim && s[k] == ')' ? k + 1 : 0;
}

/* The ASCII characters at which the loop of qg_protect_find does nothing but step on: no letter
 * or digit (a unit or a word starts there) and none of < & ! ] ( ` . - / ~, which its tests
 * look at (white space, , ; : ? " ' ) [ { } …). Bit c of the two words. */
static inline bool dull_ascii(int c) {
#define D_(c) (1ull << ((c) & 63))
  static const uint64_t lo = ~(0x03FF000000000000ull | D_('<') | D_('&') | D_('!') | D_('(') |
                               D_('.') | D_('-') | D_('/')), /* 0..63: digits 48..57 */
                        hi = ~(0x07FFFFFE07FFFFFEull | D_(']') | D_('`') | D_('~'));
#undef D_
  return ((c < 64 ? lo : hi) >> (c & 63)) & 1;
}

/* qg_protect_find. With fast true, a word that starts right after dull ASCII or a run of high
 * characters (quiet_end) is known to have no word character before it: those are never one
 * (word_at gives 0), so word_before is not asked there (a UTF-8 step back and a test for each
 * of the bench copy's 40 K words after Han text or white space). With fast false it is session
 * 50's loop, which a build with -DQG_CHECK_PROTECT runs on every block as the reference. With
 * cand (qg_protect_find_cand, session 52) the quiet characters are not read one by one nor by
 * skip_high: from a quiet character the loop goes to the next offset of cand, which the
 * punctuation stage listed while it made its cells; everything else is the fast loop's. */
static inline __attribute__((always_inline)) int protect_find_with(qg_spans *sp, const char *s,
                                                                   size_t n, bool fast,
                                                                   const uint32_t *cand,
                                                                   size_t ncand) {
  sp->n = 0;
  size_t i = 0, j_html, ci = 0;
  int rc = 0;
  unsigned may = 0;
  size_t quiet_end = SIZE_MAX; /* where the last run of quiet characters ended (fast) */
  while (i < n && !rc) {
    int c = (unsigned char)s[i];
    if (cand) {
      /* the quiet characters (below) are stepped over to the next candidate the caller found:
       * the next character that is not quiet, since the list holds every one that follows a
       * quiet one (qg_protect_find_cand) */
      if ((c < 0x80 && dull_ascii(c)) || (c >= 0xE2 && !lead_alpha_high(c))) {
        while (ci < ncand && cand[ci] <= i) ci++;
        if (ci == ncand) break; /* (quiet to the end) */
        i = quiet_end = cand[ci++];
        c = (unsigned char)s[i];
      }
    } else {
      if (c < 0x80 && dull_ascii(c)) { /* (a third of the characters of mixed copy) */
        i++;
        quiet_end = i;
        continue;
      }
      if (c >= 0xE2 && !lead_alpha_high(c)) { /* U+2000 and above (Han, CJK marks): no unit
                                                 * starts there, but a Hangul word may */
        i = quiet_end = skip_high(s, n, i + (c < 0xF0 ? 3 : 4));
        continue;
      }
    }
    /* a letter or digit right after them (most words): none of the tests below up to the plain
     * word's applies to it (marks, a word start, a word character before it) */
    if (fast && i == quiet_end && c < 0x80 && a_alnum(c)) goto word;
    if (c == '<' && (j_html = html_markup_end(s, n, i))) { /* <!-- … -->, <img alt="…"> */
      rc = span_add(sp, i, j_html, QG_SPAN_CODE);
      i = j_html;
      continue;
    }
    if (c == '&' && (j_html = char_ref_end(s, n, i))) { /* &quot; &nbsp; &#8220; &#x201C; */
      rc = span_add(sp, i, j_html, QG_SPAN_CODE);
      i = j_html;
      continue;
    }
    if (c == '!' && at(s, n, i + 1) == '[' && image_ahead(s, n, i + 1)) { /* ![alt](src) */
      rc = span_add(sp, i, i + 1, QG_SPAN_CODE);
      i++;
      continue;
    }
    if (c == ']' && at(s, n, i + 1) == '(') { /* a Markdown link's destination: [text](dest) */
      size_t j = link_dest_end(s, n, i + 2);
      if (j) {
        rc = span_add(sp, i + 1, j, QG_SPAN_URL);
        i = j;
        continue;
      }
    }
    if (c == '(' && i > 0) { /* a file name with brackets in a path: /home/li/报告(终稿).txt */
      size_t j = i + 1, b = i;
      j = paren_word_end(s, j, n - i < 96 ? n : i + 96);
      size_t e = j + 1;
      if (j < n && s[j] == ')' && at(s, n, e) == '.' && a_alnum(at(s, n, e + 1))) {
        size_t x = e + 1;
        while (x < n && x - e <= 5 && a_alnum(at(s, n, x))) x++;
        bool ext = x - e >= 2 && x - e <= 5 && !a_alnum(at(s, n, x)) && at(s, n, x) != '.';
        /* the path before it: a / or \ in the run before it of ASCII and Han, without white
         * space or a CJK mark (their lead bytes E3 and EF: 。，、（ …) */
        bool slash = false;
        while (ext && !slash && b > 0 && i - b < 256 && (unsigned char)s[b - 1] > ' ' &&
               (unsigned char)s[b - 1] != 0xE3 && (unsigned char)s[b - 1] != 0xEF)
          b--, slash = s[b] == '/' || s[b] == '\\';
        if (ext && slash) {
          rc = span_add(sp, i, x, QG_SPAN_PATH);
          i = x;
          continue;
        }
      }
      if (j < n && s[j] == ')' && j > i + 1 && iri_before(s, i)) {
        rc = span_add(sp, i, e, QG_SPAN_URL);
        i = e;
        continue;
      }
    }
    if (c == '`') { /* inline code */
      const char *q = memchr(s + i + 1, '`', n - i - 1 < 200 ? n - i - 1 : 200);
      if (q && q > s + i + 1 && !chinese_between_backticks(s, i + 1, (size_t)(q - s))) {
        rc = span_add(sp, i, (size_t)(q - s) + 1, QG_SPAN_CODE);
        i = (size_t)(q - s) + 1;
        continue;
      }
      i++;
      continue;
    }
    if (c == '.' && a_digit(at(s, n, i + 1)) && !word_before(s, i) && (i == 0 || s[i - 1] != '.')) {
      size_t j = i + 1; /* a decimal written without its leading zero: .46 */
      while (a_digit(at(s, n, j))) j++;
      if (!a_alnum(at(s, n, j)) && at(s, n, j) != '.' && !qg_stop_before_number(s, n, i)) {
        rc = span_add(sp, i, j, QG_SPAN_DECIMAL);
        i = j;
        continue;
      }
    }
    if (c == '-' && at(s, n, i + 1) == '-' && a_alpha(at(s, n, i + 2)) && !word_before(s, i)) {
      size_t j = i + 2; /* a command-line option: --help */
      while (a_alnum(at(s, n, j)) || at(s, n, j) == '-') j++;
      rc = span_add(sp, i, j, QG_SPAN_CODE);
      i = j;
      continue;
    }
    bool wstart = word_starts(s, n, i);
    if (!wstart && c != '/' && c != '~' && c != '.') {
      i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      continue;
    }
    /* (the character before a quiet run's end is no word character) */
    if (wstart && !(fast && i == quiet_end) && word_before(s, i)) { /* inside a word we did not
                                                                      * take as a unit */
      int k;
      i += word_at(s, n, i, &k);
      continue;
    }
  word:;
    unit u;
    size_t pw = SIZE_MAX; /* plain_word at i when asked (scan_unit would ask it again) */
    if (c < 0x80 && a_alnum(c)) {
      /* a run of ASCII letters or digits that ends the text or meets U+2000 or above but ’
       * (2024年, Python是): a plain word (plain_word), and no run of units goes on from it
       * (the separators are ASCII) */
      size_t j = pw = plain_word(s, n, i, &u);
      if (j && (j == n || ((unsigned char)s[j] >= 0xE2 && !lead_alpha_high((unsigned char)s[j])))) {
        i = j;
        continue;
      }
    }
    size_t e;
    if (c >= 'A' && c <= 'Z' && (e = m_initials(s, n, i))) {
      rc = span_add(sp, i, e, QG_SPAN_INITIALS);
      i = e;
      continue;
    }
    size_t end = pw == SIZE_MAX ? scan_unit(s, n, i, &u, &may)
                 : pw        ? pw
                             : scan_unit_rest(s, n, i, &u, &may);
    if (!end) {
      i++;
      continue;
    }
    /* try to extend into a run */
    size_t run_start = i, last_end = end, units = 1,
           letter_units = u.letter && u.kind != QG_SPAN_VERSION && u.kind != QG_SPAN_URL &&
                          u.kind != QG_SPAN_EMAIL && u.kind != QG_SPAN_PATH;
    bool space = false;
    int dq = 0, sq = 0, par = 0;
    /* units of the attempt, kept for when it is not a run */
    size_t first_unit_end = end;
    qg_span_kind first_kind = u.kind;
    size_t cursor = end;
    size_t nsp0 = sp->n;
    /* the run as it stood before the bracket that is still open (its end, 0: none), to end the
     * run there when it is not closed inside it (Microsoft Word(2019版): probe 10a F1) */
    size_t open_end = 0, open_units = 0, open_letters = 0;
    bool open_space = false;
    int open_dq = 0, open_sq = 0;
    for (;;) {
      bool sp_here = false;
      int dq2 = dq, sq2 = sq, par2 = par;
      size_t k = scan_sep(s, n, cursor, &sp_here, &dq2, &sq2, &par2);
      if (k == cursor || !word_starts(s, n, k)) break;
      /* a name glossed with its years after Chinese text: 萨特(Jean-Paul Sartre,1905-1980) — a
       * comma right after a letter and right before the years of a span that closes the bracket
       * is the gloss's, not the name's (probe 12b B24) */
      if (k == cursor + 1 && s[cursor] == ',' && a_alpha(s[cursor - 1]) && gloss_years(s, n, k) &&
          run_start >= 2 && s[run_start - 1] == '(' &&
          (unsigned char)s[qg_utf8_prev(s, run_start - 1)] >= 0xE2)
        break;
      unit v;
      size_t ve = scan_unit(s, n, k, &v, &may);
      if (!ve) break;
      if (units == 1 && first_kind != QG_SPAN_NONE) rc = span_add(sp, i, first_unit_end, first_kind);
      if (!rc && v.kind != QG_SPAN_NONE) rc = span_add(sp, k, ve, v.kind);
      if (rc) break;
      if (par <= 0 && par2 > 0)
        open_end = last_end, open_units = units, open_letters = letter_units, open_space = space,
        open_dq = dq, open_sq = sq;
      else if (par2 <= 0)
        open_end = 0;
      space |= sp_here;
      dq = dq2, sq = sq2, par = par2;
      units++;
      letter_units += v.letter && v.kind != QG_SPAN_VERSION && v.kind != QG_SPAN_URL &&
                      v.kind != QG_SPAN_EMAIL && v.kind != QG_SPAN_PATH;
      last_end = ve;
      cursor = ve;
    }
    if (rc) break;
    if (open_end && !(at(s, n, last_end) == ')' && par == 1)) {
      /* a bracket opened in the run and not closed by it: the run ends before it, and the
       * bracket's text is scanned again as its own */
      while (sp->n > nsp0 && sp->v[sp->n - 1].start >= open_end) sp->n--;
      units = open_units, letter_units = open_letters, space = open_space, dq = open_dq,
      sq = open_sq, par = 0, last_end = open_end;
    }
    if (units >= 2 && letter_units >= 2 && space) {
      sp->n = nsp0; /* the run replaces the units' own spans */
      size_t rs = run_start, re = last_end;
      /* sentence-final marks belong to the English sentence, not to a name that ends a
       * Chinese one (使用Microsoft Office.) */
      size_t m = qg_latin_name_run(s, n, rs, re) ? 3 : 0;
      while (m < 3 && at(s, n, re) && strchr(".!?", at(s, n, re))) re++, m++;
      while (at(s, n, re) == '"' && (dq & 1)) re++, dq++;
      while (at(s, n, re) == '\'' && (sq & 1)) re++, sq++;
      while (at(s, n, re) == ')' && par > 0) re++, par--;
      if (rs > 0 && s[rs - 1] == '"' && (dq & 1)) rs--;
      else if (rs > 0 && s[rs - 1] == '(' && par < 0) rs--;
      rc = span_add(sp, rs, re, QG_SPAN_LATIN);
      i = re;
    } else {
      if (units == 1 && u.kind != QG_SPAN_NONE) rc = span_add(sp, i, end, u.kind);
      i = last_end;
    }
  }
  return rc;
}

#ifdef QG_CHECK_PROTECT
/* A debug build (-DQG_CHECK_PROTECT) finds every block's spans twice, with the fast loop and
 * with session 50's, and aborts unless the lists are the same span for span. */
static void check_protect(const qg_spans *sp, const char *s, size_t n) {
  qg_spans ref;
  qg_spans_init(&ref);
  if (protect_find_with(&ref, s, n, false, NULL, 0)) abort();
  bool same = ref.n == sp->n;
  for (size_t k = 0; same && k < ref.n; k++)
    same = ref.v[k].start == sp->v[k].start && ref.v[k].end == sp->v[k].end &&
           ref.v[k].kind == sp->v[k].kind;
  qg_spans_free(&ref);
  if (!same) {
    fprintf(stderr, "QG_CHECK_PROTECT: spans differ on a block of %zu bytes\n", n);
    abort();
  }
}
#endif

int qg_protect_find(qg_spans *sp, const char *s, size_t n) {
  int rc = protect_find_with(sp, s, n, true, NULL, 0);
#ifdef QG_CHECK_PROTECT
  if (!rc) check_protect(sp, s, n);
#endif
  return rc;
}

int qg_protect_find_cand(qg_spans *sp, const char *s, size_t n, const uint32_t *cand,
                         size_t ncand) {
  int rc = protect_find_with(sp, s, n, true, cand, ncand);
#ifdef QG_CHECK_PROTECT
  if (!rc) check_protect(sp, s, n);
#endif
  return rc;
}
