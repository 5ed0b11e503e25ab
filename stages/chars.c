/* chars.c: character cleanup, one pass over each block.
 *   char-indent            white space at the start of a paragraph (its first-line indent)
 *   char-invisible         U+200B..U+200D, U+2060, U+FEFF, U+00AD, C0/C1 controls but tab,
 *                          the bidirectional controls (U+200E/F, U+202A..E, U+2066..9, U+061C),
 *                          the noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, U+nFFFE/nFFFF);
 *                          CR among them: the decoder
 *                          passes on only a CR that ends no line (a stray CR in an LF file);
 *                          U+2028 LINE SEPARATOR (a space where a line break joins with one);
 *                          tag characters (not a flag's tag sequence)
 *   char-combining         combining marks with no base (at the start, after a space), variation
 *                          selectors among them: report, never removed (probe 16 F1); at the
 *                          start of the paragraph the repair stage reports them unless it joins
 *                          the paragraph to the line before (lead_marks)
 *   char-replacement       U+FFFD already in the input: report
 *   char-radical           Kangxi radicals and CJK radical supplement -> unified ideograph;
 *                          one alone in quotes or brackets (“⺗”是心字底) is named: report
 *   char-fullwidth-alnum   Ａ-Ｚ ａ-ｚ ０-９ -> ASCII (a run is one edit on each source line
 *                          it lies on), with up to three of
 *                          ． ＠ ／ － ＿ ： ＼ between two of them next to a letter, and one
 *                          U+3000 between two words, one of them letters (-> a space)
 *                          (ｈｔｔｐｓ：／／ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ; not a lone ： after a
 *                          lone letter, a label: Ｑ：ＡＩ); one － or ／ between two digits
 *                          joins them (２０１１－０２－１５, １／３)
 *   char-vertical          vertical presentation forms -> horizontal forms in Chinese text
 *                          (︐ → , ︽论语︾ → 《论语》; see vertical_form)
 *   char-halfwidth         half-width katakana words -> full-width (NFKC), ｡ ､ ｢ ｣ -> 。、「」
 *   char-grave             ｀ next to text: report
 *   char-fullwidth-quote   ＂ ＇ -> " ' (the punctuation stage pairs them; a ＇ in a block with ｀ stays)
 *   char-prime-quote       a pair 〝…〞 -> “…” (not in a block that quotes with 「」 or is Japanese)
 *   char-ligature          Latin ligatures U+FB00..U+FB06 (ﬁ ﬂ …) -> their letters
 *   char-compat-ideograph  CJK compatibility ideograph -> canonical ideograph (NFC)
 *   char-nfc               any other text not in NFC
 * NFC is checked with ICU's quick-check properties per code point; only a segment that fails
 * is converted to UTF-16 and normalized. A block left empty is removed (para-empty). */
#include "internal.h"
#include "simd.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <stdarg.h>

static const uint32_t radicals[][2] = {
#include "radicals.inc"
};

/* Per code point of the BMP, a bit set when the pass leaves it alone: not invisible, not a
 * radical, not full-width alphanumeric, combining class 0, NFC quick check yes; and a bit set
 * when that is known. A code point is looked up on first use (two ICU property lookups,
 * once), so a Han character costs a bit test instead of two ICU calls, and only the code
 * points the text holds are looked up (filling a page of 256 at its first use was about
 * 0.75 M instructions a pipeline, for the ten pages of Chinese copy). The common Han
 * characters U+4E00..U+9FFF are all plain (no decomposition, combining class 0, no radical:
 * the radicals are U+2E80..U+2FDF): the fast path takes them without a lookup. */

/* The state of the vertical forms and ｢ ｣ of one block (vertical_form, below): whether it holds
 * a Han character (-1: not asked yet), its paragraph of vertical forms alone was looked at, and
 * its bracket pairs (vpairs_find); with the edit session of the pass after the repair stage's
 * joins (qg_forms_apply). */
struct qg_forms {
  int han;
  bool lone, vpairs;
  size_t bar_end; /* the end of the last single ︱ decided (SIZE_MAX: none), and whether it */
  bool bar_sep;   /* separates (bar_separates: a row's ︱ after one that does not) */
  struct vev {
    size_t off;      /* the bracket's offset */
    size_t below;    /* an opener: the opener of its kind under it (SIZE_MAX: none) */
    size_t text;     /* Han characters, kana, letters and digits before it */
    uint32_t link;   /* paired and holding text: the pair's link (else 0) */
    bool paired;
    size_t mix;      /* paired across a horizontal bracket of its kind that belongs to neither
                      * (混合﹁横排」与竖排﹂): that one's offset, and the pair is kept (else
                      * SIZE_MAX) */
  } *vev;
  size_t nvev, capvev, vcur;
  qg_edit edit;
  qg_buf seg;          /* a half-width run's full-width form (halfwidth_run) */
  UChar *ua, *ub;      /* its UTF-16 for NFKC */
  size_t ucap;
};

static void forms_reset(qg_forms *f) {
  f->han = -1;
  f->lone = f->vpairs = false;
  f->bar_end = SIZE_MAX;
}

typedef struct chars_stage {
  qg_stage base;
  qg_edit edit;
  uint8_t known[256][32];
  uint8_t plain[256][32];
  const UNormalizer2 *nfc;
  bool marks_known, marks; /* marks_plain, once asked */
  qg_forms forms; /* (vertical forms, ｢ ｣: vertical_form) */
  UChar *u16a, *u16b; /* scratch for NFC segments, reused */
  size_t u16cap;
  qg_buf seg;
  /* names of the invisible characters met, by code point (few different ones occur) */
  struct {
    uint32_t cp;
    char name[96];
  } names[16];
} chars_stage;

static uint32_t radical_target(uint32_t c) {
  size_t lo = 0, hi = sizeof radicals / sizeof radicals[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (radicals[mid][0] == c) return radicals[mid][1];
    if (radicals[mid][0] < c) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

static bool is_invisible(uint32_t c) {
  /* U+FFFE and U+FFFF: noncharacters, which XML does not allow (a document holding one is not
   * well-formed); the other noncharacters (U+FDD0..U+FDEF, U+nFFFE and U+nFFFF of every plane),
   * which XML allows but no text means, go the same way (probe 16 F9: they were kept); U+2028 and U+2029: line and paragraph separators (see break_run) */
  /* the bidirectional controls (U+200E/F marks, U+202A..E embeddings and overrides, U+2066..9
   * isolates, U+061C): pasted from web pages, invisible in the copy, and an override turns the
   * rest of the line around in layout (probe 10 F14) */
  return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0xAD ||
         (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || (c & 0xFFFE) == 0xFFFE ||
         (c >= 0xFDD0 && c <= 0xFDEF) ||
         (c | 1) == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x061C;
}

/* Decision (U+2028 LINE SEPARATOR): a forced line break inside a paragraph (InDesign's, and
 * Word's vertical tab becomes one): no line break stays inside a block, so it is replaced as
 * the paragraph stage joins a line break: by a space between two narrow characters where
 * qg_join_with_space puts one (Hello|World) and between two digits, else removed (两行|标题, next to a space, at
 * either end of the paragraph); a run of them is one break. Reported as char-invisible. The
 * decoder makes U+2029 PARAGRAPH SEPARATOR a paragraph end, so it does not come here; if it
 * does, it is treated the same. Returns the end of the run from at and sets *space. */
static size_t break_run(const char *t, size_t n, size_t at, bool *space) {
  size_t end = at;
  while (end < n) {
    size_t k = end;
    if ((qg_utf8_next(t, n, &k) | 1) != 0x2029) break;
    end = k;
  }
  *space = false;
  if (at == 0 || end >= n) return end;
  size_t p = qg_utf8_prev(t, at), q = p, k = end;
  uint32_t last = qg_utf8_next(t, n, &q), first = qg_utf8_next(t, n, &k), prev = 0;
  if (p > 0) {
    size_t r = qg_utf8_prev(t, p);
    prev = qg_utf8_next(t, n, &r);
  }
  /* a mark after the break: a space before it, so that it is a mark with no base, reported
   * and kept, not put silently on the character before the break (review 15b R3: cafe\u2028
   * \u0301 became cafe\u0301, not normalized, and Hello world\u2028\u0301and glued the words;
   * qg_join_with_space joins a line that opens with a mark to its base, which a forced break
   * is not) */
  if (qg_cp_is_mark(first)) {
    *space = true;
    return end;
  }
  if (qg_cp_is_space(last) || qg_cp_is_space(first) || is_invisible(last) ||
      is_invisible(first) || qg_cp_is_wide(last) || qg_cp_is_wide(first) ||
      qg_cp_is_cjk_ambiguous(last) || qg_cp_is_cjk_ambiguous(first))
    return end;
  /* two digits: the column join keeps a cut number whole, but a forced break is the author's
   * and falls between two numbers (营收3\u20285亿 is not 35亿; review 7 F7) */
  bool digits = last - '0' < 10 && first - '0' < 10;
  *space = digits || qg_join_with_space(last, prev, first, qg_join_is_cjk(t, at, t + end, n - end));
  return end;
}

/* Whether the ZERO WIDTH JOINER at [at, end) joins two emoji into one (a family, a profession:
 * 👨\u200D👩\u200D👧, 👩\u200D⚕️): it is part of that character, not a PDF artifact. The
 * character before it may be followed by a variation selector or a skin tone. */
/* At the text's start or end, the character across a piece cut stands for the other side
 * (b->cut_prev, b->cut_next: an emoji sequence longer than the block limit is cut between its
 * emoji and their joiners, and the ZWJ at the cut is kept; review 15b R6). */
static bool zwj_joins_emoji(const qg_block *b, const char *t, size_t n, size_t at, size_t end) {
  uint32_t before = b->cut_prev;
  if (at > 0) {
    size_t p = qg_utf8_prev(t, at), q = p;
    before = qg_utf8_next(t, n, &q);
    if ((before == 0xFE0F || (before >= 0x1F3FB && before <= 0x1F3FF)) && p > 0) {
      q = p = qg_utf8_prev(t, p);
      before = qg_utf8_next(t, n, &q);
    }
  }
  uint32_t after = b->cut_next;
  if (end < n) {
    size_t k = end;
    after = qg_utf8_next(t, n, &k);
  }
  if (!before || !after) return false;
  return u_hasBinaryProperty((UChar32)before, UCHAR_EXTENDED_PICTOGRAPHIC) &&
         u_hasBinaryProperty((UChar32)after, UCHAR_EXTENDED_PICTOGRAPHIC);
}

/* Tag characters U+E0000..U+E007F (probe 11b G12): invisible format characters, removed
 * (char-invisible), except in an emoji tag sequence: 🏴 U+1F3F4, tags, U+E007F CANCEL TAG (the
 * flags of England, Scotland, Wales). Returns the end of the run of them from at; *flag is
 * set when it is such a sequence's, to keep. */
static size_t tag_run(const char *t, size_t n, size_t at, size_t i, bool *flag) {
  size_t end = i, last = at;
  while (end < n) {
    size_t k = end;
    uint32_t d = qg_utf8_next(t, n, &k);
    if (d < 0xE0000 || d > 0xE007F) break;
    last = end;
    end = k;
  }
  size_t k = last;
  bool cancel = qg_utf8_next(t, n, &k) == 0xE007F;
  *flag = false;
  if (cancel && at > 0) {
    size_t p = qg_utf8_prev(t, at);
    *flag = qg_utf8_next(t, n, &p) == 0x1F3F4;
  }
  return end;
}

/* Combining marks (Mn, Mc, Me: accents, variation selectors, keycaps) and the variation
 * selectors among them. */
static bool is_mark(uint32_t c) { return qg_cp_is_mark(c); }
static bool is_selector(uint32_t c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x180B && c <= 0x180D) || c == 0x180F;
}
static bool all_selectors(const char *t, size_t n, size_t at, size_t end) {
  while (at < end)
    if (!is_selector(qg_utf8_next(t, n, &at))) return false;
  return true;
}

/* What stands before the mark at `at`: a character it can combine with (MARK_BASE); nothing but
 * white space and invisible characters back to the start of the paragraph (MARK_START: the
 * indent and the invisible characters go, so the mark opens the paragraph); or a space
 * (MARK_SPACE). The invisible characters the stage removes are looked past: once they are gone
 * the mark sits on the character before them (probe 11b G12: paragraphs of U+0301 went through
 * unreported). */
enum { MARK_BASE, MARK_START, MARK_SPACE };
static int mark_base(const char *t, size_t n, size_t at) {
  bool space = false;
  while (at > 0) {
    size_t p = qg_utf8_prev(t, at), q = p;
    uint32_t b = qg_utf8_next(t, n, &q);
    if (qg_cp_is_space(b) || qg_cp_is_uspace(b)) space = true;
    else if ((b | 1) == 0x2029) return MARK_SPACE; /* (break_run makes it a space: review 15b R3) */
    else if (!is_invisible(b)) return space ? MARK_SPACE : MARK_BASE;
    at = p;
  }
  return MARK_START;
}

/* The end of the run of combining marks from at. */
static size_t mark_run(const char *t, size_t n, size_t at) {
  while (at < n) {
    size_t k = at;
    if (!is_mark(qg_utf8_next(t, n, &k))) break;
    at = k;
  }
  return at;
}

/* Reports the run of combining marks [at, end) of text t (all of them variation selectors:
 * selectors) that has no base character, from ps to pe (char-combining; kept). */
static int report_marks(qg_ctx *ctx, const char *t, size_t n, size_t at, size_t end, qg_pos ps,
                        qg_pos pe, bool start) {
  size_t cnt = qg_utf8_count(t + at, end - at);
  size_t k = at;
  uint32_t c = qg_utf8_next(t, n, &k);
  if (all_selectors(t, n, at, end))
    return qg_report(ctx, "char-combining", ps, pe, NULL, NULL, false,
                     "variation selector%s (U+%04X%s) with no base character: %s; kept",
                     cnt > 1 ? "s" : "", (unsigned)c, cnt > 1 ? " …" : "",
                     start ? "at the start of the paragraph" : "after a space");
  return qg_report(ctx, "char-combining", ps, pe, NULL, NULL, false,
                   "%zu combining mark%s (U+%04X%s) with no base character: %s", cnt,
                   cnt > 1 ? "s" : "", (unsigned)c, cnt > 1 ? " …" : "",
                   start ? "at the start of the paragraph" : "after a space");
}

int qg_chars_report_lead(qg_ctx *ctx, qg_block *b) {
  if (!b->lead_marks) return 0;
  b->lead_marks = false;
  const char *t = b->text.ptr;
  size_t n = b->text.len, end = mark_run(t, n, 0);
  if (!end) return 0;
  qg_pos ps, pe;
  qg_block_span(b, 0, end, &ps, &pe);
  return report_marks(ctx, t, n, 0, end, ps, pe, true);
}

/* The offset past the character at i. */
static inline size_t qg_utf8_next_end(const char *t, size_t n, size_t i) {
  (void)qg_utf8_next(t, n, &i);
  return i;
}

/* Whether the radical c at [at, i) stands alone between the opening and the closing mark of one
 * pair of quotation marks (“⺗”是心字底): a text about radicals names the radical itself, which
 * the ideograph would make wrong (probe 16 F6). */
static bool radical_quoted(uint32_t c, const char *t, size_t n, size_t at, size_t i) {
  /* only the Supplement's forms, which are radicals and no characters (⺗ ⺡ ⻖ ⺮), and only
   * between quotation marks: a Kangxi radical is the PDF artifact of a whole character (年度汉字
   * 是“⼤”), and brackets hold list numbers (（⼀）（⼆）: review 15b R1, which the first form of
   * this rule, any radical in quotes or brackets, left as radicals) */
  if (at == 0 || i >= n || c < 0x2E80 || c > 0x2EFF) return false;
  size_t p = qg_utf8_prev(t, at), k = i;
  uint32_t before = qg_utf8_next(t, n, &p), after = qg_utf8_next(t, n, &k);
  static const uint32_t open[] = {0x201C, 0x2018, 0x300C, 0x300E, '"', '\''},
                        shut[] = {0x201D, 0x2019, 0x300D, 0x300F, '"', '\''};
  for (size_t j = 0; j < sizeof open / sizeof *open; j++) /* a pair of one kind */
    if (before == open[j] && after == shut[j]) return true;
  return false;
}

static bool is_fullwidth_alnum(uint32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

/* Past the full-width figures (０ to ９) from byte i of t[0..n). */
static size_t fw_digits_end(const char *t, size_t n, size_t i) {
  while (i + 3 <= n && !memcmp(t + i, "\xEF\xBC", 2) && (uint8_t)t[i + 2] >= 0x90 &&
         (uint8_t)t[i + 2] <= 0x99)
    i += 3;
  return i;
}

/* Whether the full-width figures from byte `i` on are closed by a － that no figure or letter
 * follows (－３－, a folio's dashes, 页码－１２－。): then the － before them is that pair's
 * opening dash, no minus sign, and both stay as written around the folded figures (`－3－`, as
 * `－ ３ －` gives `－ 3 －`; session 44: the sign was folded alone, `-3－`). */
static bool dash_closes(const char *t, size_t n, size_t i) {
  i = fw_digits_end(t, n, i);
  if (i + 3 > n || memcmp(t + i, "\xEF\xBC\x8D", 3)) return false;
  i += 3;
  if (i >= n) return true;
  size_t k = i;
  uint32_t d = qg_utf8_next(t, n, &k);
  return !is_fullwidth_alnum(d) && !(d < 0x80 && isalnum((int)d));
}

/* A measure word or unit that counts what a number before it numbers (４６，２１８人, １２，３４５元,
 * ３，２８６万): 人 个 個 名 元 圓 万 萬 亿 億 次 件 户 戶 家 辆 輛 吨 噸 台 臺 套 份 张 張 场 場
 * 位 条 條 项 項 所 座 株 棵 亩 畝 只 隻 头 頭 艘 架 册 冊 本 篇 公 千 米 克 平 余 餘 多 票 股 间 間
 * 块 塊 箱 袋 盒 瓶 斤 岁 歲 天 种 種 处 處 例 片, and 点 (an index's points: session 44). Not 年
 * (a year is never grouped: num-year-grouping reads 2,008年 of ASCII digits), nor 的 或
 * (１２，３４５的文件 may be a list). */
static bool count_unit(uint32_t c) {
  static const uint16_t set[] = {
      0x4EBA, 0x4E2A, 0x500B, 0x540D, 0x5143, 0x5713, 0x4E07, 0x842C, 0x4EBF, 0x5104, 0x6B21,
      0x4EF6, 0x6237, 0x6236, 0x5BB6, 0x8F86, 0x8F1B, 0x5428, 0x5678, 0x53F0, 0x81FA, 0x5957,
      0x4EFD, 0x5F20, 0x5F35, 0x573A, 0x5834, 0x4F4D, 0x6761, 0x689D, 0x9879, 0x9805, 0x6240,
      0x5EA7, 0x682A, 0x68F5, 0x4EA9, 0x755D, 0x53EA, 0x96BB, 0x5934, 0x982D, 0x8258, 0x67B6,
      0x518C, 0x518A, 0x672C, 0x7BC7, 0x516C, 0x5343, 0x7C73, 0x514B, 0x5E73, 0x4F59, 0x9918,
      0x591A, 0x7968, 0x80A1, 0x95F4, 0x9593, 0x5757, 0x584A, 0x7BB1, 0x888B, 0x76D2, 0x74F6,
      0x65A4, 0x5C81, 0x6B72, 0x5929, 0x79CD, 0x7A2E, 0x5904, 0x8655, 0x4F8B, 0x7247, 0x70B9};
  for (size_t q = 0; q < sizeof set / sizeof *set; q++)
    if (c == set[q]) return true;
  return false;
}

/* Whether, after the full-width decimal point's digits from i on, a ， and a full-width figure
 * follow: the figure is an item of a list (１，１１５．５，１０８), no grouped number. */
static bool list_after_point(const char *t, size_t n, size_t i) {
  i = fw_digits_end(t, n, i);
  return i + 6 <= n && !memcmp(t + i, "\xEF\xBC\x8C\xEF\xBC", 5) && (uint8_t)t[i + 5] >= 0x90 &&
         (uint8_t)t[i + 5] <= 0x99;
}

/* After a full-width comma at k (the offset after it): groups of exactly three full-width digits,
 * each after a ， (one at least: the one at k), then neither a digit nor a letter, nor a ， before
 * a digit (１２，３４５，６ is a list): the comma groups a number (probe 19 R9), when the groups
 * leave no other reading: two of them at least (１，２５８，０００), or one that starts with ０
 * (１２，０００, ２，００８年; no item of a list starts with 0), or one before a measure word or
 * unit when the number is no item of a list itself (count: not after 第 nor after a ， 、 or ,
 * that follows a digit): ４６，２１８人 is the full-width input mode's 46,218 (probe 25 M5; it
 * read as two numbers, 46，218人). １２，３４５的文件 and １，２００或 may be two numbers of a
 * list, and stay as they were (12，345).
 * Session 44 (probe 44 H5): a first group of three digits (first, the digits before the comma
 * at k) is no evidence of grouping by itself (７２７，３１５，０８９ are three draws, ３０１，３０２ two
 * rooms, and a list's items may start with 0: ０８９): the groups must then stand before a
 * measure word or unit of a number that counts (count), or hold a group ０００ (３２１，６５４，０００:
 * review 44 M3). A group followed by a full-width decimal point and a digit groups a number
 * whose first group is shorter and that counts (３，２４５．６７点 was 3，245.67: the comma kept
 * between two figures), unless a ， and a figure follow its decimals (１，１１５．５，１０８: a
 * list; review 44 H1: １２０，１１５．５，１０８分 and ２，５．５ after 依次 各 第 became one figure).
 * 点 (index points) is a unit. *end is where the walk stopped (chars_push remembers a refusal:
 * probe 44 M6, a long chain of groups was walked again from every group). */
static bool grouped_after(const char *t, size_t n, size_t k, bool count, size_t first, size_t *end) {
  size_t groups = 0;
  bool zero = false, thousands = false; /* (thousands: a group ０００) */
  for (;;) {
    size_t nd = 0;
    uint32_t d = 0;
    while (k < n) {
      size_t k2 = k;
      d = qg_utf8_next(t, n, &k2);
      if (!(d >= 0xFF10 && d <= 0xFF19)) break;
      if (nd == 0 && d == 0xFF10) zero = true;
      nd++, k = k2;
    }
    *end = k;
    /* (the end of the text may be a line's, the number going on on the next: not grouped) */
    if (nd != 3 || k >= n) return false;
    groups++;
    if (!memcmp(t + k - 9, "\xEF\xBC\x90\xEF\xBC\x90\xEF\xBC\x90", 9)) thousands = true;
    if (d == 0xFF0E && k + 6 <= n && !memcmp(t + k + 3, "\xEF\xBC", 2) &&
        (uint8_t)t[k + 5] >= 0x90 && (uint8_t)t[k + 5] <= 0x99)
      return first < 3 && count && !list_after_point(t, n, k + 3); /* ３，２４５．６７ */
    if (d != 0xFF0C)
      return !(is_fullwidth_alnum(d) || (d < 0x80 && isalnum((int)d))) &&
             (first < 3 ? groups >= 2 || zero || (count && groups == 1 && count_unit(d))
                        : (count && count_unit(d)) || thousands);
    size_t k2 = qg_utf8_next_end(t, n, k);
    size_t k3 = k2;
    if (k2 >= n) return false;
    uint32_t e = qg_utf8_next(t, n, &k3);
    /* a line end or white space after the comma: the number may go on on the next line
     * (１，２５８，| ０００, cut by the layout), so nothing is grouped */
    if (e == '\n' || e == '\r' || e == ' ' || e == '\t' || e == 0x3000) return false;
    if (!(e >= 0xFF10 && e <= 0xFF19) && !(e >= '0' && e <= '9'))
      return first < 3 ? groups >= 2 || zero : thousands; /* １，０００，… */
    k = k2;
  }
}

/* The value of the figure of full-width (or ASCII) digits and points that ends right before
 * byte `at` (backward) or starts at byte `at` (forward); -1 if there is none, or if it is longer
 * than 23 characters (read46: its last or first 23 were read as the figure). Read here, not by
 * strtod, whose decimal point is the caller's LC_NUMERIC's. */
static double fw_figure(const char *t, size_t n, size_t at, bool back, size_t *stop) {
  char d[24];
  size_t nd = 0, q = at;
  bool cut = false;
  for (;;) {
    size_t r = q;
    if (back) {
      if (q == 0) break;
      r = qg_utf8_prev(t, q);
    }
    size_t r2 = r;
    if (r2 >= n) break;
    uint32_t u = qg_utf8_next(t, n, &r2);
    char ch = u >= 0xFF10 && u <= 0xFF19 ? (char)(u - 0xFEE0)
              : (u >= '0' && u <= '9') || u == '.' ? (char)u : u == 0xFF0E ? '.' : 0;
    if (!ch) break;
    if (nd + 1 >= sizeof d) {
      cut = true;
      break;
    }
    d[nd++] = ch;
    q = back ? r : r2;
  }
  *stop = q;
  if (!nd || cut) return -1;
  if (back)
    for (size_t x = 0; x < nd / 2; x++) {
      char tmp = d[x];
      d[x] = d[nd - 1 - x], d[nd - 1 - x] = tmp;
    }
  double v = 0, scale = 1; /* (the digits up to a second point, as strtod reads them) */
  bool point = false;
  for (size_t x = 0; x < nd; x++) {
    if (d[x] == '.') {
      if (point) break;
      point = true;
    } else if (point) {
      v += (d[x] - '0') * (scale /= 10);
    } else {
      v = v * 10 + (d[x] - '0');
    }
  }
  return v;
}

/* At the － at byte p after a figure's per-cent sign (１０％－２０％): do the two figures rise,
 * each with the same sign, with no sign of arithmetic after the second (a range, whose － the
 * punctuation stage makes ～, so it is left to it: probe 45 X3)? A falling pair (５％－０.５％)
 * or a subtraction (１０％－５％＝５％) is no range: its － is folded with the figures. */
static bool pct_pair_rises(const char *t, size_t n, size_t p) {
  size_t q = qg_utf8_prev(t, p), q2 = q, stop, start;
  uint32_t sign = qg_utf8_next(t, n, &q2);
  double v1 = fw_figure(t, n, q, true, &start);
  double v2 = fw_figure(t, n, p + 3, false, &stop);
  /* (the caller saw a full-width digit on each side: no value is a figure too long to read,
   * left to the punctuation stage as before session 46; read46 F3) */
  if (v1 < 0 || v2 < 0) return true;
  if (stop >= n) return false;
  size_t r = stop;
  uint32_t s2 = qg_utf8_next(t, n, &r);
  if (!(s2 == sign || (s2 == '%' && sign == 0xFF05) || (s2 == 0xFF05 && sign == '%'))) return false;
  uint32_t a = r < n ? qg_utf8_next(t, n, &r) : 0;
  /* a link of a chain of three figures or more (１％－１.５％－２％: a hyphen and a figure after
   * the second, or a figure's sign and a hyphen before the first) is left whole to the
   * punctuation stage, which leaves a chain as written and reports it (range_chain): folded
   * link by link it came out 1%-1.5%－2% (review 46 M3) */
  if (a == 0xFF0D || a == '-') {
    uint32_t d = r < n ? qg_utf8_next(t, n, &r) : 0;
    if ((d >= '0' && d <= '9') || (d >= 0xFF10 && d <= 0xFF19)) return true;
  }
  if (start > 0) {
    size_t h = qg_utf8_prev(t, start), h2 = h;
    uint32_t hy = qg_utf8_next(t, n, &h2);
    if ((hy == 0xFF0D || hy == '-') && h > 0) {
      size_t g = qg_utf8_prev(t, h);
      uint32_t gs = qg_utf8_next(t, n, &g);
      if (gs == 0xFF05 || gs == '%') return true;
    }
  }
  return v1 < v2 && !(a == 0xFF1D || a == '=' || a == 0xFF0B || a == '+' || a == 0xFF0D || a == '-');
}

/* Whether the number at at stands alone: not after 第 (第１２，３４５名: ranks 12 and 345, or one),
 * nor after a ， 、 or , that follows a digit (３，４６，２１８人: an item of a list). */
static bool count_start(const char *t, size_t n, size_t at) {
  if (!at) return true;
  /* (nor after 分别, 依次 or 各 a few Han characters before: 两个路段分别长３，５００米 are two
   * lengths, 3 and 500; review 25b M1) */
  size_t b = at;
  uint32_t after = 0;
  for (int k = 0; k < 7 && b > 0; k++) {
    size_t p = qg_utf8_prev(t, b), q = p;
    uint32_t c = qg_utf8_next(t, n, &q);
    if (!qg_cp_is_han(c)) break;
    if (c == 0x5404 || (c == 0x5206 && after == 0x522B) || (c == 0x4F9D && after == 0x6B21))
      return false; /* 各, 分别, 依次 */
    after = c, b = p;
  }
  size_t p = qg_utf8_prev(t, at), q = p;
  uint32_t c = qg_utf8_next(t, n, &q);
  if (c == 0x7B2C) return false;
  if ((c != 0xFF0C && c != 0x3001 && c != ',') || !p) return true;
  q = qg_utf8_prev(t, p);
  c = qg_utf8_next(t, n, &q);
  return !((c >= 0xFF10 && c <= 0xFF19) || (c >= '0' && c <= '9'));
}

static bool is_compat_ideograph(uint32_t c) {
  return (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

/* NFC quick check of one code point: 0 yes, 1 maybe, 2 no (ccc order is checked by caller). */
static int nfc_qc(uint32_t c) {
  if (c < 0x300) return 0;
  int qc = u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK);
  return qc == UNORM_YES ? 0 : qc == UNORM_MAYBE ? 1 : 2;
}

/* The Latin ligatures of the Alphabetic Presentation Forms (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ: PDF extraction of
 * Latin fonts), spelled out in letters (NFKC does it, NFC does not; probe 10a F23); NULL for
 * another code point. */
static const char *ligature_letters(uint32_t c) {
  static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  return c >= 0xFB00 && c <= 0xFB06 ? lig[c - 0xFB00] : NULL;
}

/* The vertical forms (their use: vertical_form below). */
enum { VF_MARK, VF_COLON, VF_DASH, VF_SIDE, VF_OPEN, VF_CLOSE };
typedef struct {
  const char *to;     /* the horizontal form in Chinese text (NULL: none) */
  unsigned char kind; /* VF_* */
  unsigned char pair; /* VF_OPEN, VF_CLOSE: the kind of bracket, 0..9 (10: ｢ ｣) */
  char narrow;        /* a mark's compatibility form, ASCII: between two ASCII letters or
                       * digits (1︐000 → 1,000) */
} vform;
static const vform vforms_a[10] = { /* U+FE10..U+FE19 */
    {"，", VF_MARK, 0, ','}, {"、", VF_MARK, 0, 0},  {"。", VF_MARK, 0, 0},
    {"：", VF_MARK, 0, ':'}, {"；", VF_MARK, 0, ';'}, {"！", VF_MARK, 0, '!'},
    {"？", VF_MARK, 0, '?'}, {"〖", VF_OPEN, 0, 0},  {"〗", VF_CLOSE, 0, 0},
    {"…", VF_MARK, 0, 0}};
static const vform vforms_b[25] = { /* U+FE30..U+FE48 */
    {"：", VF_COLON, 0, ':'}, {"—", VF_DASH, 0, 0},   {"–", VF_MARK, 0, 0},
    {NULL, VF_SIDE, 0, 0},   {NULL, VF_SIDE, 0, 0},  {"（", VF_OPEN, 1, 0},
    {"）", VF_CLOSE, 1, 0},  {"｛", VF_OPEN, 2, 0},  {"｝", VF_CLOSE, 2, 0},
    {"〔", VF_OPEN, 3, 0},   {"〕", VF_CLOSE, 3, 0}, {"【", VF_OPEN, 4, 0},
    {"】", VF_CLOSE, 4, 0},  {"《", VF_OPEN, 5, 0},  {"》", VF_CLOSE, 5, 0},
    {"〈", VF_OPEN, 6, 0},   {"〉", VF_CLOSE, 6, 0}, {"「", VF_OPEN, 7, 0},
    {"」", VF_CLOSE, 7, 0},  {"『", VF_OPEN, 8, 0},  {"』", VF_CLOSE, 8, 0},
    {NULL, 0, 0, 0} /* ﹅ */, {NULL, 0, 0, 0} /* ﹆ */, {"［", VF_OPEN, 9, 0},
    {"］", VF_CLOSE, 9, 0}};
#define QG_HW_PAIR 10 /* ｢ ｣ pair as the vertical brackets do */

static const vform *vform_of(uint32_t c) {
  const vform *v = NULL;
  if (c - 0xFE10u < 10u) v = &vforms_a[c - 0xFE10];
  else if (c - 0xFE30u < 25u) v = &vforms_b[c - 0xFE30];
  return v && (v->to || v->kind == VF_SIDE) ? v : NULL;
}
static bool is_vertical(uint32_t c) { return vform_of(c) != NULL; }

static bool is_plain_slow(uint32_t c) {
  return c != 0xFFFD && !is_vertical(c) && !(c >= 0xFF61 && c <= 0xFF9F) && c != 0xFF40 &&
         c != 0xFF02 && c != 0xFF07 && c != 0x301D && c != 0x301E &&
         !is_invisible(c) && !is_mark(c) && !radical_target(c) && !is_fullwidth_alnum(c) &&
         !ligature_letters(c) && u_getCombiningClass((UChar32)c) == 0 && nfc_qc(c) == 0;
}

static __attribute__((noinline)) void learn(chars_stage *cs, uint32_t c) {
  uint8_t bit = (uint8_t)(1u << (c & 7));
  if (is_plain_slow(c)) cs->plain[c >> 8][(c & 0xFF) >> 3] |= bit;
  cs->known[c >> 8][(c & 0xFF) >> 3] |= bit;
}

/* Is BMP code point c one the pass leaves alone (see plain above)? */
static inline bool is_plain(chars_stage *cs, uint32_t c) {
  unsigned page = c >> 8, byte = (c & 0xFF) >> 3, bit = 1u << (c & 7);
  if (__builtin_expect(!(cs->known[page][byte] & bit), 0)) learn(cs, c);
  return cs->plain[page][byte] & bit;
}

static int u16_reserve(chars_stage *cs, size_t n) {
  if (n <= cs->u16cap) return 0;
  size_t cap = n * 2;
  UChar *a = realloc(cs->u16a, cap * sizeof(UChar));
  if (!a) return QG_ERR_NOMEM;
  cs->u16a = a;
  UChar *b = realloc(cs->u16b, cap * sizeof(UChar));
  if (!b) return QG_ERR_NOMEM;
  cs->u16b = b;
  cs->u16cap = cap;
  return 0;
}

/* Normalizes text[from, to) to NFC into cs->seg. */
static int nfc_segment(chars_stage *cs, const char *text, size_t from, size_t to) {
  size_t n = to - from;
  if (n > INT32_MAX / 4 || u16_reserve(cs, n * 3 + 16)) return QG_ERR_NOMEM;
  UErrorCode err = U_ZERO_ERROR;
  int32_t ulen = 0;
  u_strFromUTF8(cs->u16a, (int32_t)cs->u16cap, &ulen, text + from, (int32_t)n, &err);
  int32_t nlen = U_SUCCESS(err) ? unorm2_normalize(cs->nfc, cs->u16a, ulen, cs->u16b,
                                                   (int32_t)cs->u16cap, &err)
                                : 0;
  qg_buf_clear(&cs->seg);
  if (U_FAILURE(err) || qg_buf_grow(&cs->seg, (size_t)nlen * 3 + 4)) return QG_ERR_ICU;
  int32_t olen = 0;
  u_strToUTF8(cs->seg.ptr, (int32_t)(cs->seg.cap - 1), &olen, cs->u16b, nlen, &err);
  if (U_FAILURE(err)) return QG_ERR_ICU;
  cs->seg.len = (size_t)olen;
  cs->seg.ptr[olen] = '\0';
  return 0;
}

#ifdef __SSE2__
/* The fast path sixteen bytes at a time: from j (at a character) on, the offset of the first
 * block of sixteen bytes that holds a byte other than printable ASCII, a continuation byte or
 * the lead byte of a character known to be plain: a common Han character (E5..E9, or E4
 * before B8..BF: U+4E00..U+9FFF, no decomposition, combining class 0) and, when marks is set
 * (the stage checked them with is_plain), the common CJK marks: U+2010..U+2027,
 * U+3000..U+301C (not 〝 〞, which the pass folds; 〟..〩 take the scalar path), U+FF01..U+FF0F
 * but ＂ ＇, U+FF1A..U+FF1F. Every character starting
 * before the offset is one the pass leaves alone. Reads up to j + 17 (the two bytes after a
 * lead), inside the text. */
#if QG_HAVE_AVX2
/* skip_plain's blocks thirty-two bytes a step (session 51, s51-avx), the same tests lane for
 * lane: from j while j + 34 <= n, the offset of the first block of thirty-two that is not all
 * plain; the sixteen-byte blocks go on from there and find which of its halves stops. */
static QG_AVX2 __attribute__((noinline)) size_t skip_plain32(const unsigned char *u, size_t n, size_t j, bool marks) {
  const __m256i sp1 = _mm256_set1_epi8(0x1F), del = _mm256_set1_epi8(0x7F),
                c0 = _mm256_set1_epi8((char)0xC0), e4 = _mm256_set1_epi8((char)0xE4),
                ea = _mm256_set1_epi8((char)0xEA), b7 = _mm256_set1_epi8((char)0xB7),
                e2 = _mm256_set1_epi8((char)0xE2), e3 = _mm256_set1_epi8((char)0xE3),
                ef = _mm256_set1_epi8((char)0xEF), x80 = _mm256_set1_epi8((char)0x80),
                xbc = _mm256_set1_epi8((char)0xBC), x8f = _mm256_set1_epi8((char)0x8F),
                xa8 = _mm256_set1_epi8((char)0xA8), x9d = _mm256_set1_epi8((char)0x9D),
                x90 = _mm256_set1_epi8((char)0x90), x99 = _mm256_set1_epi8((char)0x99),
                xa0 = _mm256_set1_epi8((char)0xA0), x82 = _mm256_set1_epi8((char)0x82),
                x87 = _mm256_set1_epi8((char)0x87);
  while (j + 34 <= n) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(u + j)),
            y = _mm256_loadu_si256((const __m256i *)(const void *)(u + j + 1));
    __m256i ok = _mm256_and_si256(_mm256_cmpgt_epi8(x, sp1), _mm256_cmpgt_epi8(del, x));
    ok = _mm256_or_si256(ok, _mm256_cmpgt_epi8(c0, x));
    ok = _mm256_or_si256(ok, _mm256_and_si256(_mm256_cmpgt_epi8(x, e4), _mm256_cmpgt_epi8(ea, x)));
    ok = _mm256_or_si256(ok, _mm256_and_si256(_mm256_cmpeq_epi8(x, e4), _mm256_cmpgt_epi8(y, b7)));
    uint32_t bits = (uint32_t)_mm256_movemask_epi8(ok);
    if (bits != 0xFFFFFFFFu && marks) {
      __m256i z = _mm256_loadu_si256((const __m256i *)(const void *)(u + j + 2));
      __m256i y80 = _mm256_cmpeq_epi8(y, x80);
      __m256i m2 = _mm256_and_si256(_mm256_cmpeq_epi8(x, e2), y80);
      m2 = _mm256_and_si256(m2, _mm256_and_si256(_mm256_cmpgt_epi8(z, x8f), _mm256_cmpgt_epi8(xa8, z)));
      __m256i m3 = _mm256_and_si256(_mm256_cmpeq_epi8(x, e3), y80);
      m3 = _mm256_and_si256(m3, _mm256_cmpgt_epi8(x9d, z));
      __m256i mf = _mm256_and_si256(_mm256_cmpeq_epi8(x, ef), _mm256_cmpeq_epi8(y, xbc));
      mf = _mm256_and_si256(mf, _mm256_or_si256(_mm256_and_si256(_mm256_cmpgt_epi8(z, x80),
                                                                 _mm256_cmpgt_epi8(x90, z)),
                                                _mm256_and_si256(_mm256_cmpgt_epi8(z, x99),
                                                                 _mm256_cmpgt_epi8(xa0, z))));
      mf = _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpeq_epi8(z, x82), _mm256_cmpeq_epi8(z, x87)), mf);
      ok = _mm256_or_si256(ok, _mm256_or_si256(m2, _mm256_or_si256(m3, mf)));
      bits = (uint32_t)_mm256_movemask_epi8(ok);
    }
    if (bits != 0xFFFFFFFFu) break;
    j += 32;
  }
  return j;
}
#endif

static size_t skip_plain_run(const unsigned char *u, size_t n, size_t j, bool marks, bool use_avx) {
#if QG_HAVE_AVX2
  if (use_avx && j + 34 <= n) j = skip_plain32(u, n, j, marks);
#else
  (void)use_avx;
#endif
  const __m128i sp1 = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F),
                c0 = _mm_set1_epi8((char)0xC0), e4 = _mm_set1_epi8((char)0xE4),
                ea = _mm_set1_epi8((char)0xEA), b7 = _mm_set1_epi8((char)0xB7),
                e2 = _mm_set1_epi8((char)0xE2), e3 = _mm_set1_epi8((char)0xE3),
                ef = _mm_set1_epi8((char)0xEF), x80 = _mm_set1_epi8((char)0x80),
                xbc = _mm_set1_epi8((char)0xBC), x8f = _mm_set1_epi8((char)0x8F),
                xa8 = _mm_set1_epi8((char)0xA8), x9d = _mm_set1_epi8((char)0x9D),
                x90 = _mm_set1_epi8((char)0x90), x99 = _mm_set1_epi8((char)0x99),
                xa0 = _mm_set1_epi8((char)0xA0), x82 = _mm_set1_epi8((char)0x82),
                x87 = _mm_set1_epi8((char)0x87);
  while (j + 18 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + j)),
            y = _mm_loadu_si128((const __m128i *)(const void *)(u + j + 1));
    /* as signed bytes: 0x20..0x7E; 0x80..0xBF (below C0); E5..E9; E4 then above B7 */
    __m128i ok = _mm_and_si128(_mm_cmpgt_epi8(x, sp1), _mm_cmplt_epi8(x, del));
    ok = _mm_or_si128(ok, _mm_cmplt_epi8(x, c0));
    ok = _mm_or_si128(ok, _mm_and_si128(_mm_cmpgt_epi8(x, e4), _mm_cmplt_epi8(x, ea)));
    ok = _mm_or_si128(ok, _mm_and_si128(_mm_cmpeq_epi8(x, e4), _mm_cmpgt_epi8(y, b7)));
    unsigned bits = (unsigned)_mm_movemask_epi8(ok);
    if (bits != 0xFFFF && marks) {
      __m128i z = _mm_loadu_si128((const __m128i *)(const void *)(u + j + 2));
      /* E2 80 90..A7; E3 80 80..9C; EF BC 81..8F or 9A..9F (third bytes 80..BF, compared
       * as signed) */
      __m128i y80 = _mm_cmpeq_epi8(y, x80);
      __m128i m2 = _mm_and_si128(_mm_cmpeq_epi8(x, e2), y80);
      m2 = _mm_and_si128(m2, _mm_and_si128(_mm_cmpgt_epi8(z, x8f), _mm_cmplt_epi8(z, xa8)));
      __m128i m3 = _mm_and_si128(_mm_cmpeq_epi8(x, e3), y80);
      m3 = _mm_and_si128(m3, _mm_cmplt_epi8(z, x9d));
      __m128i mf = _mm_and_si128(_mm_cmpeq_epi8(x, ef), _mm_cmpeq_epi8(y, xbc));
      mf = _mm_and_si128(mf, _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(z, x80),
                                                        _mm_cmplt_epi8(z, x90)),
                                          _mm_and_si128(_mm_cmpgt_epi8(z, x99),
                                                        _mm_cmplt_epi8(z, xa0))));
      /* but not ＂ ＇ (EF BC 82, 87): the pass folds them */
      mf = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(z, x82), _mm_cmpeq_epi8(z, x87)), mf);
      ok = _mm_or_si128(ok, _mm_or_si128(m2, _mm_or_si128(m3, mf)));
      bits = (unsigned)_mm_movemask_epi8(ok);
    }
    if (bits != 0xFFFF) break;
    j += 16;
  }
  return j;
}

/* skip_plain_run, the AVX2 blocks first where the CPU has them; a build with -DQG_CHECK_AVX
 * runs the SSE2 blocks alone too and aborts where the two differ. */
static size_t skip_plain(const unsigned char *u, size_t n, size_t j, bool marks) {
  size_t r = skip_plain_run(u, n, j, marks, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  size_t q = skip_plain_run(u, n, j, marks, false);
  if (q != r) {
    fprintf(stderr, "QG_CHECK_AVX: skip_plain from %zu of %zu: %zu, SSE2 %zu\n", j, n, r, q);
    abort();
  }
#endif
  return r;
}

/* Are the marks skip_plain takes with marks set all plain? Asked once (it looks up the 45
 * marks, which Chinese text holds anyway). */
static bool marks_plain(chars_stage *cs) {
  static const uint32_t from_to[][2] = {{0x2010, 0x2027}, {0x3000, 0x301C}, {0xFF01, 0xFF01},
                                        {0xFF03, 0xFF06}, {0xFF08, 0xFF0F}, {0xFF1A, 0xFF1F}};
  for (size_t r = 0; r < sizeof from_to / sizeof from_to[0]; r++)
    for (uint32_t c = from_to[r][0]; c <= from_to[r][1]; c++)
      if (!is_plain(cs, c)) return false;
  return true;
}
#endif

/* ---- 〝 〞 (session 37, probe 36's leftover) ------------------------------------------------
 * The double prime quotation marks of some Taiwan and Japanese copy. Simplified Chinese copy
 * quotes with “ ” (GB/T 15834): a 〝 whose next mark of the two is a 〞 opens a pair, and both
 * become “ ” (linked: --fix changes both or neither); the punctuation stage then nests them as
 * it nests any “ ” (single inside double). Left: a lone 〝 or 〞, the low 〟 (U+301F), and every
 * pair of a block that quotes with 「」 or 『』 (Taiwan and Hong Kong copy: the quote rule makes
 * straight quotes 「」 there) or is Japanese (a kana other than の, or の three times, as the
 * punctuation stage reads a quotation's language). */

/* The offset of the next 〝 or 〞 (E3 80 9D, E3 80 9E) at or after i, or n. */
static size_t next_prime_quote(const char *t, size_t n, size_t i) {
  for (const char *p = t + i, *z = t + n; (p = memchr(p, 0xE3, (size_t)(z - p))) && z - p >= 3; p++)
    if (p[1] == '\x80' && (p[2] == '\x9D' || p[2] == '\x9E')) return (size_t)(p - t);
  return n;
}

/* Whether the block's 〝 〞 may become “ ” (above): no corner brackets (「」『』, the half-width
 * and vertical forms that become them), no Japanese, and no 〝 inside another (〝〝好〞〞,
 * 〝他说〝好〞就走了〞: the inner pair alone became “ ”, and the next clean took the outer one
 * for a pair around it, review 37; such copy is left as written). */
static bool prime_block(const char *t, size_t n) {
  unsigned no = 0;
  bool open = false;
  for (size_t i = 0; i < n;) {
    uint32_t c = qg_utf8_next(t, n, &i);
    if (c < 0x300C) continue;
    if (c == 0x301D) {
      if (open) return false;
      open = true;
      continue;
    }
    if (c == 0x301E) {
      open = false;
      continue;
    }
    if ((c >= 0x300C && c <= 0x300F) || c == 0xFF62 || c == 0xFF63 || (c >= 0xFE41 && c <= 0xFE44))
      return false;
    if (c == 0x306E) {
      if (++no >= 3) return false;
    } else if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
               (c >= 0xFF66 && c <= 0xFF9D))
      return false;
  }
  return true;
}

/* Does t hold a ｀ (U+FF40, EF BD 80)? */
static bool has_grave(const char *t, size_t n) {
  for (const char *p = t, *z = t + n; (p = memchr(p, 0xEF, (size_t)(z - p))) && z - p >= 3; p++)
    if (p[1] == '\xBD' && p[2] == '\x80') return true;
  return false;
}

/* Removes the invisible character c at [at, i) (char-invisible). */
static int invisible_edit(chars_stage *cs, qg_edit *e, size_t at, size_t i, uint32_t c) {
  char *name = cs->names[c & 15].name;
  if (cs->names[c & 15].cp != c) { /* not the cached one: ask ICU */
    UErrorCode err = U_ZERO_ERROR;
    name[0] = '\0';
    u_charName((UChar32)c, U_UNICODE_CHAR_NAME, name, sizeof cs->names[0].name, &err);
    if (!name[0])
      u_charName((UChar32)c, U_EXTENDED_CHAR_NAME, name, sizeof cs->names[0].name, &err);
    cs->names[c & 15].cp = c;
  }
  if (c == '\r') /* the decoder passes on only a CR that ends no line (an LF file) */
    return qg_edit_replace(e, at, i - at, "", 0, "char-invisible",
                           "carriage return U+000D inside a line removed (the lines of this "
                           "file end in LF or CRLF)");
  return qg_edit_replace(e, at, i - at, "", 0, "char-invisible", "invisible U+%04X %s removed",
                         (unsigned)c, name);
}

/* White space of a first-line indent: the line's (qg_cp_is_space) and the other spaces of
 * Unicode (em, en, thin … spaces from PDF extraction: probe 16 F5). */
static inline bool indent_space(uint32_t c) { return qg_cp_is_space(c) || qg_cp_is_uspace(c); }

/* The first-line indent when invisible characters stand among its white space (\u200B　　今年,
 * 　　\u200B 今年, \u00AD 今年; probe 9a F6): the end of the run of white space and invisible
 * characters that opens the block, when it holds white space after an invisible character and
 * text follows it; else 0 (the plain indent, or none). The indent is the line as it is once the
 * invisible characters are gone, so a second clean finds nothing more. */
static size_t indent_with_invisibles(const char *t, size_t n) {
  /* (most blocks open with a common Han character: neither) */
  if (n >= 3 && qg_utf8_common_han((const unsigned char *)t)) return 0;
  size_t i = 0;
  bool invisible = false, space_after = false;
  while (i < n) {
    size_t j = i;
    uint32_t c = qg_utf8_next(t, n, &j);
    if (indent_space(c)) space_after |= invisible;
    else if (is_invisible(c) && (c | 1) != 0x2029) invisible = true;
    else break;
    i = j;
  }
  return space_after && i < n ? i : 0;
}

/* ---- vertical presentation forms and half-width katakana (session 16) ---------------------
 * Vertical forms (U+FE10..U+FE19, U+FE30..U+FE48) come from the PDF text of vertically set
 * pages; set horizontally they are lookalikes of the marks a horizontal page sets. In Chinese
 * text (a paragraph holding a Han character) a mark next to text (Han, kana, a letter or digit,
 * a CJK mark: text_near) is replaced by its horizontal form, the full-width mark of Chinese text
 * (︐ → ， ︒ → 。 ︙ → …; between two ASCII letters or digits its compatibility form, 10︐000 →
 * 10,000; the ︐ of a four-digit number is removed, 1︐000 → 1000: short_group), which the punctuation rules then treat as any mark typed so; ︰ (its compatibility form
 * is the two-dot leader ‥, which no Chinese page sets) is the colon its glyph shows; ︱︱ (the
 * vertical 破折号) is ——. A bracket (︵ ︽ ﹁ …) changes with its partner only: an opener followed
 * by text and the closer of its kind after text, holding a Han character, kana, a letter or a
 * digit (︽论语︾ → 《论语》, ﹇注1﹈ → ［注1］).
 * Reported and kept: a single ︱ (a separator as often as a dash: 专访︱…), ︳ ︴ (the lines a
 * vertical page sets beside a name or a title: no mark of running text), a run of ︰, and a
 * bracket without its partner, when next to text. Left as they are, unreported: the forms in
 * faces (╯︵ ┻━┻, (︶︹︺): no text next to them, or a pair holding none) and in text with no Han
 * character, except a paragraph of vertical forms alone, which is reported (an ornament, or the
 * marks of a column cut off it in extraction).
 * Two passes when the repair stage follows (a vertical page's columns are lines it joins): the
 * chars stage makes what changes, so that the repair stage reads the marks, and reports nothing
 * kept; qg_forms_apply, on each block the repair stage passes on, decides what is left with the
 * lines joined (a bracket whose partner was in the next column, a mark at a column's end), and
 * reports what it keeps. Cleaned again, the text gives the same. */

/* Half-width katakana letters (ｦ..ｯ, ｱ..ﾝ; not ｰ ﾞ ﾟ ･ nor the marks ｡ ｢ ｣ ､). */
static bool hw_letter(uint32_t c) {
  return (c >= 0xFF66 && c <= 0xFF6F) || (c >= 0xFF71 && c <= 0xFF9D);
}
static bool is_kana(uint32_t c) {
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC ||
         hw_letter(c);
}

/* Text a mark stands next to: a Han character, kana, a letter or digit, a CJK mark; not the
 * strokes and symbols faces are drawn with (╯ ┻ ° ω …). */
static bool text_cp(uint32_t c) {
  if (qg_cp_is_han(c) || is_kana(c) || is_fullwidth_alnum(c)) return true;
  if (c < 0x80) return isalnum((int)c) != 0;
  switch (c) {
  case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1A: case 0xFF1B: case 0xFF01: case 0xFF1F:
  case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0xFF08: case 0xFF09: case 0x2026:
  case 0x2014: case 0xFF3B: case 0xFF3D: case 0xFF5B: case 0xFF5D: case 0xFF61: case 0xFF62:
  case 0xFF63: case 0xFF64:
    return true;
  default:
    return (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x3017) ||
           (c >= 0xC0 && c < 0x250 && u_isalpha((UChar32)c));
  }
}

/* Whether text (text_cp) stands before at, or from end on, white space and other vertical
 * forms looked past (︽论语︾︐, not (︶︹︺)); at the start or end of the paragraph, edge: a mark
 * there sits where the repair stage may join the line cut before or after it (a vertical page's
 * column), and changes as it would then. */
/* How far the two look past white space and vertical forms: a run of forms longer than this is
 * no mark next to text (review 16b R1: each form of a run of 40,000 scanned the whole run,
 * 25 s) */
enum { TEXT_NEAR_MAX = 256 };
static bool text_before(const char *t, size_t n, size_t at, bool edge) {
  size_t steps = 0;
  for (size_t p = at; p > 0 && steps < TEXT_NEAR_MAX; steps++) {
    size_t q = p = qg_utf8_prev(t, p);
    uint32_t c = qg_utf8_next(t, n, &q);
    if (qg_cp_is_space(c) || qg_cp_is_uspace(c) || is_vertical(c)) continue;
    return text_cp(c);
  }
  return steps < TEXT_NEAR_MAX && edge;
}
static bool text_after(const char *t, size_t n, size_t end, bool edge) {
  size_t steps = 0;
  for (size_t k = end; k < n && steps < TEXT_NEAR_MAX; steps++) {
    uint32_t c = qg_utf8_next(t, n, &k);
    if (qg_cp_is_space(c) || qg_cp_is_uspace(c) || is_vertical(c)) continue;
    return text_cp(c);
  }
  return steps < TEXT_NEAR_MAX && edge;
}
static bool text_near(const char *t, size_t n, size_t at, size_t end, bool edge) {
  return text_before(t, n, at, edge) || text_after(t, n, end, edge);
}

/* Whether c is a horizontal bracket of the kind of a vertical one (vforms' pair + 1): an opener
 * (+), a closer (-), or none (0). */
static int hbracket(uint32_t c) {
  switch (c) {
  case 0x3016: return 1;  case 0x3017: return -1;  /* 〖〗 */
  case 0xFF08: return 2;  case 0xFF09: return -2;  /* （） */
  case 0xFF5B: return 3;  case 0xFF5D: return -3;  /* ｛｝ */
  case 0x3014: return 4;  case 0x3015: return -4;  /* 〔〕 */
  case 0x3010: return 5;  case 0x3011: return -5;  /* 【】 */
  case 0x300A: return 6;  case 0x300B: return -6;  /* 《》 */
  case 0x3008: return 7;  case 0x3009: return -7;  /* 〈〉 */
  case 0x300C: return 8;  case 0x300D: return -8;  /* 「」 */
  case 0x300E: return 9;  case 0x300F: return -9;  /* 『』 */
  case 0xFF3B: return 10; case 0xFF3D: return -10; /* ［］ */
  default: return 0;
  }
}

/* The bracket pairs among the vertical forms and ｢ ｣ of the block: one pass, a stack per kind
 * (linked through the events), an opener followed by text and the next closer of its kind
 * after text, past the pairs inside; a pair changes when it holds a Han character, kana, a
 * letter or a digit, linked (qg_diag.link: --fix changes both or neither). */
static int vpairs_find(qg_forms *cs, qg_ctx *ctx, const char *t, size_t n) {
  cs->nvev = cs->vcur = 0;
  size_t top[QG_HW_PAIR + 1], text = 0, npairs = 0;
  /* the horizontal brackets of each kind (〖 （ ｛ 〔 【 《 〈 「 『 ［): how many opened and not
   * closed, the offset of the last of them, and of the last closer that closed none */
  size_t hopen[QG_HW_PAIR], hlast[QG_HW_PAIR], hstray[QG_HW_PAIR];
  for (size_t k = 0; k <= QG_HW_PAIR; k++) top[k] = SIZE_MAX;
  for (size_t k = 0; k < QG_HW_PAIR; k++) hopen[k] = 0, hlast[k] = hstray[k] = SIZE_MAX;
  for (size_t i = 0; i < n;) {
    size_t at = i;
    uint32_t c = qg_utf8_next(t, n, &i);
    if (qg_cp_is_han(c) || is_kana(c) || is_fullwidth_alnum(c) || (c < 0x80 && isalnum((int)c))) {
      text++;
      continue;
    }
    int hk = hbracket(c);
    if (hk) {
      unsigned k = (unsigned)(hk < 0 ? -hk : hk) - 1;
      if (hk > 0) hopen[k]++, hlast[k] = at;
      else if (hopen[k]) hopen[k]--;
      else hstray[k] = at;
      continue;
    }
    const vform *v = vform_of(c);
    bool hw = c == 0xFF62 || c == 0xFF63;
    if (!hw && (!v || (v->kind != VF_OPEN && v->kind != VF_CLOSE))) continue;
    unsigned kind = hw ? QG_HW_PAIR : v->pair;
    bool open = hw ? c == 0xFF62 : v->kind == VF_OPEN;
    /* (an opener that text follows, a closer after text: not a face's ╯︵ ┻━┻, (︶︹︺)) */
    if (open ? !text_after(t, n, i, false) : !text_before(t, n, at, false)) continue;
    if (cs->nvev == cs->capvev) {
      size_t cap = cs->capvev ? cs->capvev * 2 : 16;
      struct vev *a = realloc(cs->vev, cap * sizeof *a);
      if (!a) return QG_ERR_NOMEM;
      cs->vev = a, cs->capvev = cap;
    }
    struct vev *ev = &cs->vev[cs->nvev];
    *ev = (struct vev){.off = at, .below = SIZE_MAX, .text = text, .mix = SIZE_MAX};
    if (open) {
      ev->below = top[kind];
      top[kind] = cs->nvev;
    } else if (top[kind] != SIZE_MAX) {
      struct vev *o = &cs->vev[top[kind]];
      top[kind] = o->below;
      o->paired = ev->paired = true;
      /* (a horizontal bracket of the kind between them that pairs with neither: the copy mixes
       * the forms, and changing the pair would leave 「横排」与竖排」; review 16b N2) */
      size_t mix = SIZE_MAX;
      if (kind < QG_HW_PAIR) {
        if (hstray[kind] != SIZE_MAX && hstray[kind] > o->off) mix = hstray[kind];
        else if (hopen[kind] && hlast[kind] > o->off) mix = hlast[kind];
      }
      if (mix != SIZE_MAX) o->mix = ev->mix = mix;
      else if (text > o->text) o->link = ev->link = (uint32_t)++npairs;
    }
    cs->nvev++;
  }
  if (npairs) {
    uint32_t base = qg_ctx_link_ids(ctx, (uint32_t)npairs) - 1;
    for (size_t k = 0; k < cs->nvev; k++)
      if (cs->vev[k].link) cs->vev[k].link += base;
  }
  cs->vpairs = true;
  return 0;
}

/* The event of the bracket at offset at (visited in order of offsets). */
static const struct vev *vpair_at(qg_forms *cs, size_t at) {
  while (cs->vcur < cs->nvev && cs->vev[cs->vcur].off < at) cs->vcur++;
  return cs->vcur < cs->nvev && cs->vev[cs->vcur].off == at ? &cs->vev[cs->vcur] : NULL;
}

/* Whether the text holds a Han character (1) or not (0). */
static int has_han(const char *t, size_t n) {
  for (size_t i = 0; i < n;)
    if (qg_cp_is_han(qg_utf8_next(t, n, &i))) return 1;
  return 0;
}

/* A bracket [at, i) that pairs (ev->link): replaced, linked to its partner's change. */
static int bracket_edit(qg_ctx *ctx, qg_edit *e, const char *t, size_t at, size_t i,
                        const char *to, uint32_t link, const char *rule, const char *what) {
  size_t k = at;
  uint32_t c = qg_utf8_next(t, i, &k);
  qg_ctx_set_link(ctx, link);
  int rc = qg_edit_replace(e, at, i - at, to, strlen(to), rule,
                           "%s %.*s (U+%04X) replaced by its horizontal form %s", what,
                           (int)(i - at), t + at, (unsigned)c, to);
  qg_ctx_set_link(ctx, 0);
  return rc;
}

/* Reports [at, end) under rule, kept. */
static int report_kept(qg_ctx *ctx, qg_edit *e, const char *rule, size_t at, size_t end,
                       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int report_kept(qg_ctx *ctx, qg_edit *e, const char *rule, size_t at, size_t end,
                       const char *fmt, ...) {
  qg_pos ps, pe;
  qg_edit_span(e, at, end, &ps, &pe);
  va_list ap;
  va_start(ap, fmt);
  int rc = qg_report_sev(ctx, rule, -1, ps, pe, NULL, NULL, false, fmt, ap);
  va_end(ap);
  return rc;
}

/* A character a separator's cell ends or starts with: Han, kana, a letter or digit, a quote or
 * bracket (“专访”︱张三). */
static bool cell_cp(uint32_t c) {
  if (qg_cp_is_han(c) || is_kana(c) || is_fullwidth_alnum(c)) return true;
  if (c < 0x80) return isalnum((int)c) != 0;
  return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0xFF08 ||
         c == 0xFF09 || (c >= 0x3008 && c <= 0x3011) || (c >= 0xC0 && c < 0x250 && u_isalpha((UChar32)c));
}

enum { SEP_CELL_MAX = 12 };
/* Whether the single ︱ at [at, end) of block b separates (review 16b N1: 专访︱张三 heads a
 * headline, 项目︱数量︱单价 is a table's row, and each was a warning): a letter, digit, Han,
 * kana, quote or bracket on both sides of it on its own source line (white space looked past),
 * and the cell before it, from the start of that line or the ︱ before it (which must
 * separate too: 他说，项目︱数量︱单价 is no row), at most SEP_CELL_MAX characters holding no
 * other mark (a label or a cell, not a clause). */
static bool bar_separates(const qg_forms *cs, qg_edit *e, const char *t, size_t n, size_t at,
                          size_t end) {
  size_t k = end;
  uint32_t c = 0;
  while (k < n) {
    size_t q = k;
    c = qg_utf8_next(t, n, &q);
    if (!qg_cp_is_space(c) && !qg_cp_is_uspace(c)) break;
    k = q;
  }
  if (k >= n || !cell_cp(c)) return false;
  qg_pos ps, pe; /* (the ︱'s line and column, and the line of the text after it: the
                  * session's count, which moves forward) */
  qg_edit_span(e, at, k, &ps, &pe);
  if (!ps.line || pe.line != ps.line) return false;
  size_t p = at, chars = 0, back = ps.col - 1; /* (characters before it on its line) */
  while (p > 0 && back > 0) {
    size_t q = qg_utf8_prev(t, p), r = q;
    c = qg_utf8_next(t, n, &r);
    if (c == 0xFE31) /* (the ︱ before: the row's cell starts there when that one separates) */
      return chars > 0 && cs->bar_end == p && cs->bar_sep;
    if (c == '\n' || c == 0xFF5C || c == '|') break;
    p = q, back--;
    if (qg_cp_is_space(c) || qg_cp_is_uspace(c)) continue;
    if (!cell_cp(c) || ++chars > SEP_CELL_MAX) return false;
  }
  return chars > 0;
}

static bool ascii_digit(const char *t, size_t n, size_t i) {
  return i < n && t[i] >= '0' && t[i] <= '9';
}
/* Whether the ︐ at [at, end) groups a number of four digits, d︐ddd (an integer part, a
 * decimal part may follow): written 1000, not 1,000, which num-group-short reports and --fix
 * cannot fix (review 16b N3); not in an identifier (A1︐234, as num-group-short) or a longer
 * grouping (1︐000︐000, 12︐000), nor after a point (1.5︐000). */
static bool short_group(const char *t, size_t n, size_t at, size_t end) {
  if (at < 1 || !ascii_digit(t, n, at - 1)) return false;
  if (at >= 2) {
    unsigned char b = (unsigned char)t[at - 2];
    if (b < 0x80 ? isalnum(b) || b == '.' || b == ',' || b == '_' || b == '-' : false)
      return false;
    if (at >= 4 && (unsigned char)t[at - 4] == 0xEF && (unsigned char)t[at - 3] == 0xB8 &&
        (unsigned char)t[at - 2] == 0x90)
      return false; /* (︐ before: a longer grouping) */
  }
  for (size_t k = 0; k < 3; k++)
    if (!ascii_digit(t, n, end + k)) return false;
  size_t f = end + 3;
  if (ascii_digit(t, n, f)) return false;
  if (f < n && (t[f] == ',' || t[f] == '_') && ascii_digit(t, n, f + 1)) return false;
  if (f + 3 < n && (unsigned char)t[f] == 0xEF && (unsigned char)t[f + 1] == 0xB8 &&
      (unsigned char)t[f + 2] == 0x90 && ascii_digit(t, n, f + 3))
    return false; /* (1︐000︐000) */
  return true;
}

/* The vertical form c at [at, *ip) (see above); *ip: past what it took. */
static int vertical_form(qg_forms *cs, bool report, qg_ctx *ctx, qg_edit *e, const char *t,
                         size_t n, size_t at, size_t *ip, uint32_t c) {
  const vform *v = vform_of(c);
  size_t i = *ip;
  if (cs->han < 0) cs->han = has_han(t, n);
  /* (before the repair stage's joins, what changes changes, so that the repair stage sees the
   * marks it reads, but nothing kept is reported (!report): a bracket's partner, or the Han of
   * the paragraph, may be in the line the repair stage joins to this one, and qg_forms_apply
   * looks at what is left once the lines are joined) */
  if (!cs->han) {
    if (!report || cs->lone) return 0;
    cs->lone = true; /* (asked once: the paragraph's first vertical form) */
    for (size_t k = 0; k < n;) {
      uint32_t d = qg_utf8_next(t, n, &k);
      if (!is_vertical(d) && !qg_cp_is_space(d) && !qg_cp_is_uspace(d)) return 0;
    }
    return report_kept(ctx, e, "char-vertical", at, n,
                       "a paragraph of vertical presentation forms alone (%.*s): kept (an "
                       "ornament, or the marks of a column cut off it)", (int)(n - at), t + at);
  }
  if (v->kind == VF_OPEN || v->kind == VF_CLOSE) {
    if (!cs->vpairs) {
      int rc = vpairs_find(cs, ctx, t, n);
      if (rc) return rc;
    }
    const struct vev *ev = vpair_at(cs, at);
    if (ev && ev->link)
      return bracket_edit(ctx, e, t, at, i, v->to, ev->link, "char-vertical", "vertical form");
    if (report && ev && ev->mix != SIZE_MAX) {
      size_t m = ev->mix, me = m;
      qg_utf8_next(t, n, &me);
      return report_kept(ctx, e, "char-vertical", at, i,
                         "vertical bracket %.*s kept: a horizontal %.*s that pairs with neither "
                         "stands between it and its partner (vertical and horizontal forms "
                         "mixed; made horizontal, the pair would not match)",
                         (int)(i - at), t + at, (int)(me - m), t + m);
    }
    if (report && (!ev || !ev->paired) && text_near(t, n, at, i, false))
      return report_kept(ctx, e, "char-vertical", at, i,
                         "vertical bracket %.*s without its partner: kept", (int)(i - at), t + at);
    return 0;
  }
  size_t end = i, run = 1; /* (a run of ︰ or ︱) */
  if (v->kind == VF_COLON || v->kind == VF_DASH)
    while (end < n) {
      size_t k = end;
      if (qg_utf8_next(t, n, &k) != c) break;
      end = k, run++;
    }
  *ip = end;
  bool keep = v->kind == VF_SIDE || (v->kind == VF_COLON && run > 1) ||
              (v->kind == VF_DASH && run != 2); /* (reported, not changed) */
  if (!text_near(t, n, at, end, !keep)) return 0; /* (a face's, an ornament's) */
  /* (before the joins, what is kept is not reported: qg_forms_apply sees it again, joined) */
  if (!report && keep) return 0;
  switch (v->kind) {
  case VF_COLON:
    if (run > 1)
      return report_kept(ctx, e, "char-vertical", at, end,
                         "vertical two-dot leaders %.*s: kept (a colon is one)", (int)(end - at),
                         t + at);
    break;
  case VF_DASH:
    if (run == 1 && c == 0xFE31) {
      cs->bar_sep = bar_separates(cs, e, t, n, at, end);
      cs->bar_end = end;
      if (cs->bar_sep) return 0; /* (a separator, 专访︱张三: no mark to change, nothing to say) */
    }
    if (run != 2)
      return report_kept(ctx, e, "char-vertical", at, end,
                         "vertical em dash %.*s, not two (a 破折号 is two): kept; a single one "
                         "separates as often as it dashes", (int)(end - at), t + at);
    return qg_edit_replace(e, at, end - at, "——", 6, "char-vertical",
                           "vertical em dashes %.*s replaced by their horizontal form ——",
                           (int)(end - at), t + at);
  case VF_SIDE:
    return report_kept(ctx, e, "char-vertical", at, end,
                       "vertical low line %.*s (a line a vertical page sets beside a name or a "
                       "title): no mark of horizontal text; kept", (int)(end - at), t + at);
  default: break;
  }
  const char *to = v->to;
  char narrow[2] = {v->narrow, 0};
  if (v->narrow && at > 0 && end < n && (unsigned char)t[end] < 0x80 && isalnum(t[end] & 0x7F) &&
      (unsigned char)t[at - 1] < 0x80 && isalnum(t[at - 1] & 0x7F))
    to = narrow; /* (1︐000 → 1,000, not 1，000) */
  if (to == narrow && c == 0xFE10 && short_group(t, n, at, end))
    return qg_edit_replace(e, at, end - at, "", 0, "char-vertical",
                           "vertical comma %.*s (U+FE10) of a four-digit number removed: %c%.3s "
                           "(such a number needs no grouping: num-group-short)",
                           (int)(end - at), t + at, t[at - 1], t + end);
  return qg_edit_replace(e, at, end - at, to, strlen(to), "char-vertical",
                         "vertical form %.*s (U+%04X) replaced by its horizontal form %s",
                         (int)(end - at), t + at, (unsigned)c, to);
}

/* Appends the NFKC form of s[0..n), half-width katakana U+FF61..U+FF9F only (one UTF-16 unit
 * each), to f->seg. */
static int nfkc_append(qg_forms *f, const char *s, size_t n) {
  if (n > INT32_MAX / 4) return QG_ERR_NOMEM;
  if (n * 2 + 16 > f->ucap) {
    size_t cap = n * 2 + 16;
    UChar *a = realloc(f->ua, cap * sizeof(UChar));
    if (!a) return QG_ERR_NOMEM;
    f->ua = a;
    UChar *b = realloc(f->ub, cap * sizeof(UChar));
    if (!b) return QG_ERR_NOMEM;
    f->ub = b;
    f->ucap = cap;
  }
  int32_t ulen = 0, nlen = 0;
  for (size_t i = 0; i < n;) f->ua[ulen++] = (UChar)qg_utf8_next(s, n, &i);
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
  if (U_SUCCESS(err)) nlen = unorm2_normalize(nfkc, f->ua, ulen, f->ub, (int32_t)f->ucap, &err);
  if (U_FAILURE(err)) return QG_ERR_ICU;
  for (int32_t k = 0; k < nlen;) {
    UChar32 c;
    U16_NEXT(f->ub, k, nlen, c);
    if (qg_buf_put_cp(&f->seg, (uint32_t)c)) return QG_ERR_NOMEM;
  }
  return 0;
}

/* Whether [p, i) stands inside a bracket pair of at most 16 characters on each side that holds
 * no Han character nor kana: a face's eye, (｡ì _ í｡) (probe 20 M4: made （。ì _ í。）). */
static bool in_face(const char *t, size_t n, size_t p, size_t i) {
  size_t a = p, z = i;
  bool open = false;
  for (int k = 0; a > 0 && k < 16 && !open; k++) {
    size_t q = a = qg_utf8_prev(t, a);
    uint32_t c = qg_utf8_next(t, n, &q);
    open = c == '(' || c == 0xFF08;
    if (qg_cp_is_han(c) || is_kana(c) || c == ')' || c == 0xFF09) return false;
  }
  if (!open) return false;
  for (int k = 0; z < n && k < 16; k++) {
    uint32_t c = qg_utf8_next(t, n, &z);
    if (c == ')' || c == 0xFF09) return true;
    if (qg_cp_is_han(c) || is_kana(c) || c == '(' || c == 0xFF08) return false;
  }
  return false;
}

/* ｡ ､ at [p, i) next to text: 。 、 */
static int hw_stop(qg_ctx *ctx, qg_edit *e, const char *t, size_t n, size_t p, size_t i,
                   uint32_t d) {
  (void)ctx;
  if (!text_near(t, n, p, i, false)) return 0; /* (a face's: (｡･ω･｡)) */
  if (d == 0xFF61 && in_face(t, n, p, i)) return 0;
  return qg_edit_replace(e, p, i - p, d == 0xFF61 ? "。" : "、", 3, "char-halfwidth",
                         "half-width %s %.*s (U+%04X) replaced by %s",
                         d == 0xFF61 ? "full stop" : "ideographic comma", (int)(i - p), t + p,
                         (unsigned)d, d == 0xFF61 ? "。" : "、");
}

static int hw_bracket(qg_forms *f, qg_ctx *ctx, qg_edit *e, const char *t, size_t n, size_t p,
                      size_t i, uint32_t d) {
  int rc = 0;
  if (!f->vpairs && (rc = vpairs_find(f, ctx, t, n))) return rc;
  const struct vev *ev = vpair_at(f, p);
  if (ev && ev->link)
    rc = bracket_edit(ctx, e, t, p, i, d == 0xFF62 ? "「" : "」", ev->link, "char-halfwidth",
                      "half-width corner bracket");
  return rc;
}

static int halfwidth_run(qg_forms *cs, qg_ctx *ctx, qg_edit *e, const char *t, size_t n,
                         size_t at, size_t *ip) {
  size_t end = at, letters = 0;
  while (end < n) {
    size_t k = end;
    uint32_t d = qg_utf8_next(t, n, &k);
    if (d < 0xFF61 || d > 0xFF9F) break;
    letters += hw_letter(d);
    end = k;
  }
  *ip = end;
  int rc = 0;
  if (letters < 2) {
    for (size_t i = at; i < end && !rc;) {
      size_t p = i;
      uint32_t d = qg_utf8_next(t, n, &i);
      if (d == 0xFF61 || d == 0xFF64) rc = hw_stop(ctx, e, t, n, p, i, d);
      else if (d == 0xFF62 || d == 0xFF63) rc = hw_bracket(cs, ctx, e, t, n, p, i, d);
    }
    return rc;
  }
  /* pieces of the run on one source line each */
  size_t from = at;
  qg_pos p0, pe;
  qg_edit_span(e, at, at, &p0, &pe);
  for (size_t k = qg_utf8_next_end(t, n, at);; k = qg_utf8_next_end(t, n, k)) {
    if (k < end) {
      qg_pos pk;
      qg_edit_span(e, k, k, &pk, &pe);
      size_t k2 = k;
      uint32_t d = qg_utf8_next(t, n, &k2);
      if (pk.line == p0.line || d == 0xFF9E || d == 0xFF9F) continue;
    }
    /* NFKC of the piece; a voiced mark that opens it (no letter before it) is the spacing ゛ ゜ */
    size_t lead = 0;
    qg_buf_clear(&cs->seg);
    while (from + lead < k) {
      size_t k2 = from + lead;
      uint32_t d = qg_utf8_next(t, n, &k2);
      if (d != 0xFF9E && d != 0xFF9F) break;
      if (qg_buf_put(&cs->seg, d == 0xFF9E ? "゛" : "゜", 3)) return QG_ERR_NOMEM;
      lead = k2 - from;
    }
    if (from + lead < k && (rc = nfkc_append(cs, t + from + lead, k - from - lead))) return rc;
    rc = qg_edit_replace(e, from, k - from, cs->seg.ptr, cs->seg.len, "char-halfwidth",
                         "half-width katakana %.*s replaced by the full-width %.*s",
                         (int)(k - from), t + from, (int)cs->seg.len, cs->seg.ptr);
    if (rc || k >= end) break;
    from = k;
    qg_edit_span(e, k, k, &p0, &pe);
  }
  return rc;
}

static void forms_init(qg_forms *f) {
  qg_edit_init(&f->edit);
  qg_buf_init(&f->seg);
}

static void forms_fini(qg_forms *f) {
  qg_edit_free(&f->edit);
  qg_buf_free(&f->seg);
  free(f->vev);
  free(f->ua);
  free(f->ub);
}

qg_forms *qg_forms_new(void) {
  qg_forms *f = calloc(1, sizeof *f);
  if (f) forms_init(f);
  return f;
}

void qg_forms_free(qg_forms *f) {
  if (!f) return;
  forms_fini(f);
  free(f);
}

/* Whether t[0..n) holds a vertical form or half-width katakana (EF B8 90..99, EF B8 B0..BF,
 * EF B9 80..88, EF BD A1..BF, EF BE 80..9F): most blocks hold none, and are passed over at the
 * speed of memchr. */
static bool has_forms(const char *t, size_t n) {
  const unsigned char *u = (const unsigned char *)t, *p = u, *end = u + n;
  while ((p = memchr(p, 0xEF, (size_t)(end - p))) && end - p >= 3) {
    unsigned b1 = p[1], b2 = p[2];
    if ((b1 == 0xB8 && ((b2 >= 0x90 && b2 <= 0x99) || b2 >= 0xB0)) ||
        (b1 == 0xB9 && b2 >= 0x80 && b2 <= 0x88) || (b1 == 0xBD && b2 >= 0xA1) ||
        (b1 == 0xBE && b2 <= 0x9F))
      return true;
    p++;
  }
  return false;
}

int qg_forms_apply(qg_forms *f, qg_ctx *ctx, qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  if (!b->forms || b->verbatim || !has_forms(t, n)) return 0;
  forms_reset(f);
  qg_edit_begin(&f->edit, ctx, b);
  int rc = 0;
  for (size_t i = 0; i < n && !rc;) {
    size_t at = i;
    uint32_t c = qg_utf8_next(t, n, &i);
    if (is_vertical(c)) rc = vertical_form(f, true, ctx, &f->edit, t, n, at, &i, c);
    else if (c - 0xFF61u <= 0xFF9Fu - 0xFF61u) rc = halfwidth_run(f, ctx, &f->edit, t, n, at, &i);
  }
  return rc ? rc : qg_edit_end(&f->edit);
}

/* Whether t[i..n), the text after an indent of i bytes of ASCII spaces and TABs, reads as a
 * line of program code (qg_text_code_line in cues.c, which the paragraph, repair and structure
 * stages read too). Such a line keeps its indent, which is part of the code (probe 20 L7: a
 * tutorial's 4-space block lost it); prose, and English prose with brackets (The (new) plan),
 * is no code. */
static bool code_line(const char *t, size_t n, size_t i) { return i && qg_text_code_line(t, n, i); }

static int chars_push(qg_stage *s, qg_block *b) {
  if (b->verbatim) return qg_stage_emit(s, b); /* Markdown's verbatim text, as written */
  chars_stage *cs = (chars_stage *)s;
  qg_edit *e = &cs->edit;
  const char *t = b->text.ptr;
  size_t n = b->text.len, i = 0;
  int rc = 0;
  char enc[4];
  qg_edit_begin(e, s->ctx, b);
  forms_reset(&cs->forms);

  /* first-line indent, with invisible characters among its white space */
  size_t pre = indent_with_invisibles(t, n);
  while (i < pre && !rc) {
    size_t at = i, j = i;
    uint32_t c = qg_utf8_next(t, n, &j);
    if (!indent_space(c)) {
      rc = invisible_edit(cs, e, at, j, c);
      i = j;
      continue;
    }
    while (j < pre) {
      size_t j2 = j;
      if (!indent_space(qg_utf8_next(t, n, &j2))) break;
      j = j2;
    }
    rc = qg_edit_replace(e, at, j - at, "", 0, "char-indent", "first-line indent of %zu character%s removed",
                         qg_utf8_count(t + at, j - at), qg_utf8_count(t + at, j - at) > 1 ? "s" : "");
    i = j;
  }
  /* first-line indent */
  while (!pre && i < n) {
    size_t j = i;
    if (!indent_space(qg_utf8_next(t, n, &j))) break;
    i = j;
  }
  if (!pre && i > 0 && i < n && !code_line(t, n, i))
    rc = qg_edit_replace(e, 0, i, "", 0, "char-indent", "first-line indent of %zu character%s removed",
                         qg_utf8_count(t, i), qg_utf8_count(t, i) > 1 ? "s" : "");

  /* marks that open the paragraph are the repair stage's to report when it runs (it may join
   * them to their base) */
  const qg_options *opt = qg_ctx_options(s->ctx);
  bool defer_lead = !opt->light && opt->repair, lead = false;
  int grave = -1; /* does the block hold a ｀? (asked at its first ＇) */
  int primes = -1; /* may its 〝 〞 become “ ”? (asked at its first pair: prime_block) */
  size_t prime_close = SIZE_MAX; /* the 〞 that closes the pair whose 〝 became “ */
  uint32_t prime_link = 0;
  size_t starter = i;  /* offset of the last NFC starter at or after the last edit */
  size_t refused_from = 0, refused_end = 0; /* the last chain of groups grouped_after refused */
  uint8_t last_ccc = 0;
  const unsigned char *u = (const unsigned char *)t;
  while (!rc && i < n) {
    /* fast path: runs of printable ASCII and plain three-byte characters (Han, CJK marks);
     * the NUL after the text ends a run */
    {
      size_t j = i, lastp = SIZE_MAX;
#ifdef __SSE2__
      size_t j0 = j;
      if (__builtin_expect(!cs->marks_known, 0))
        cs->marks = marks_plain(cs), cs->marks_known = true;
      j = skip_plain(u, n, j, cs->marks);
      if (j > j0) { /* j may be inside a character: back to its start, after a plain one */
        while (((unsigned)u[j] & 0xC0) == 0x80) j--;
        lastp = qg_utf8_prev(t, j);
      }
#endif
      for (;;) {
        unsigned c = u[j];
        if (c - 0x20u < 0x5Fu) {
          lastp = j++;
        } else if (c - 0xE0u < 0x10u &&
                   ((c << 8 | u[j + 1]) - 0xE4B8u <= 0xE9BFu - 0xE4B8u || /* U+4E00..U+9FFF */
                    is_plain(cs, ((uint32_t)(c & 0x0F) << 12) |
                                     ((uint32_t)(u[j + 1] & 0x3F) << 6) | (u[j + 2] & 0x3F)))) {
          lastp = j;
          j += 3;
        } else {
          break;
        }
      }
      if (lastp != SIZE_MAX) {
        starter = lastp;
        last_ccc = 0;
        i = j;
        continue;
      }
    }
    size_t at = i;
    uint32_t c = qg_utf8_next(t, n, &i);
    if (c < 0x80 && c >= 0x20 && c != 0x7F) { /* fast path: printable ASCII */
      starter = at;
      last_ccc = 0;
      continue;
    }
    if (c < 0x10000 && is_plain(cs, c)) { /* what the checks below would find */
      starter = at;
      last_ccc = 0;
      continue;
    }
    uint32_t target;
    if (is_invisible(c) && (c | 1) == 0x2029) {
      bool space;
      i = break_run(t, n, at, &space);
      rc = qg_edit_replace(e, at, i - at, " ", space, "char-invisible",
                           "%s U+%04X inside a paragraph %s",
                           c == 0x2028 ? "line separator" : "paragraph separator", (unsigned)c,
                           space ? "replaced by a space" : "removed");
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c == 0x200D && zwj_joins_emoji(b, t, n, at, i)) { /* 👨\u200D👩: part of the emoji */
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (is_invisible(c)) {
      rc = invisible_edit(cs, e, at, i, c);
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c >= 0xE0000 && c <= 0xE007F) { /* tag characters (probe 11b G12) */
      bool flag;
      size_t end = tag_run(t, n, at, i, &flag);
      if (!flag)
        rc = qg_edit_replace(e, at, end - at, "", 0, "char-invisible",
                             "%zu tag character%s (U+E0000..U+E007F, invisible) removed",
                             qg_utf8_count(t + at, end - at), end - at > 4 ? "s" : "");
      i = end;
      starter = i;
      last_ccc = 0;
      continue;
    }
    int base;
    if (is_mark(c) && (base = mark_base(t, n, at)) != MARK_BASE) {
      /* a combining mark with nothing to combine with: reported, never removed (probe 16 F1:
       * a variation selector that starts a continuation line was removed before the repair
       * stage joined the line to its base, and lint --fix wrote the loss into the file).
       * At the start of the paragraph, when the repair stage follows, it reports them unless it
       * joins the paragraph to the one before (lead_marks) */
      size_t end = mark_run(t, n, at);
      if (base == MARK_START && defer_lead) {
        lead = true;
      } else {
        qg_pos ps, pe;
        qg_edit_span(e, at, end, &ps, &pe);
        if ((rc = report_marks(s->ctx, t, n, at, end, ps, pe, base == MARK_START))) break;
      }
      /* the NFC check below goes on from the first of them */
    }
    if (c - 0xFE10u <= 0xFE48u - 0xFE10u && is_vertical(c)) {
      b->forms = true;
      rc = vertical_form(&cs->forms, !defer_lead, s->ctx, e, t, n, at, &i, c);
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c - 0xFF61u <= 0xFF9Fu - 0xFF61u) {
      b->forms = true;
      rc = halfwidth_run(&cs->forms, s->ctx, e, t, n, at, &i);
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c == 0xFF40) { /* ｀ (a run of them: one report) */
      while (i + 3 <= n && !memcmp(t + i, "\xEF\xBD\x80", 3)) i += 3;
      uint32_t pb = 0, pa = i < n ? qg_utf8_next(t, n, &(size_t){i}) : 0;
      if (at > 0) {
        size_t q = qg_utf8_prev(t, at);
        pb = qg_utf8_next(t, n, &q);
      }
      if (qg_cp_is_han(pb) || qg_cp_is_han(pa) || is_kana(pb) || is_kana(pa) ||
          (pb < 0x80 && isalnum((int)pb)) || (pa < 0x80 && isalnum((int)pa)))
        rc = report_kept(s->ctx, e, "char-grave", at, i,
                         "full-width grave accent %.*s (U+FF40) next to text: an opening quote "
                         "(｀｀…＇＇) or a 间隔号 typed on its key? Not changed",
                         (int)(i - at), t + at);
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c == 0xFF02 || c == 0xFF07) {
      /* ＂ ＇: the straight quotes of an input method's full-width mode, no Chinese mark (GB/T
       * 15834 quotes with “ ” ‘ ’): folded to " ' for the punctuation stage to pair as it pairs
       * the ASCII ones (session 36, probe 36 F1: 他说：＂好＂ stayed). A ＇ in a paragraph with ｀
       * may close a ｀｀…＇＇ quotation (char-grave reports it): left */
      if (c == 0xFF07 && grave < 0) grave = has_grave(t, n);
      if (c == 0xFF02 || !grave)
        rc = qg_edit_replace(e, at, i - at, c == 0xFF02 ? "\"" : "'", 1, "char-fullwidth-quote",
                             "full-width straight quote %s replaced by %s (then paired as a "
                             "straight quote)",
                             c == 0xFF02 ? "＂" : "＇", c == 0xFF02 ? "\"" : "'");
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c == 0x301D || c == 0x301E) { /* 〝 〞 (above prime_block) */
      const char *to = NULL;
      if (c == 0x301D) {
        size_t z = next_prime_quote(t, n, i);
        if (primes < 0 && z < n && (unsigned char)t[z + 2] == 0x9E) primes = prime_block(t, n);
        if (z < n && (unsigned char)t[z + 2] == 0x9E && primes > 0) {
          prime_close = z;
          prime_link = qg_ctx_link_ids(s->ctx, 1);
          to = "\xE2\x80\x9C";
        }
      } else if (at == prime_close) {
        prime_close = SIZE_MAX;
        to = "\xE2\x80\x9D";
      }
      if (to) {
        qg_ctx_set_link(s->ctx, prime_link);
        rc = qg_edit_replace(e, at, i - at, to, 3, "char-prime-quote",
                             "double prime quotation mark %.*s (U+%04X) replaced by %s: simplified "
                             "Chinese copy quotes with “ ” (GB/T 15834)",
                             (int)(i - at), t + at, (unsigned)c, to);
        qg_ctx_set_link(s->ctx, 0);
      }
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (c == 0xFFFD) {
      /* U+FFFD REPLACEMENT CHARACTER in the input: text lost before it came here (probe 16 F9);
       * the decoder reports those it makes itself (--invalid=replace) */
      if (qg_ctx_options(s->ctx)->invalid != QG_INVALID_REPLACE) {
        qg_pos ps, pe;
        qg_edit_span(e, at, i, &ps, &pe);
        if ((rc = qg_report(s->ctx, "char-replacement", ps, pe, NULL, NULL, false,
                            "replacement character U+FFFD in the input: a character was lost "
                            "before this text came here; kept")))
          break;
      }
      starter = at;
      last_ccc = 0;
      continue;
    }
    if ((target = radical_target(c))) {
      if (radical_quoted(c, t, n, at, i)) { /* “⺗”是心字底: the radical itself (probe 16 F6) */
        qg_pos ps, pe;
        qg_edit_span(e, at, i, &ps, &pe);
        rc = qg_report(s->ctx, "char-radical", ps, pe, NULL, NULL, false,
                       "radical U+%04X stands alone in quotes, as the subject of the "
                       "text (a radical named): kept; the ideograph that looks like it is U+%04X",
                       (unsigned)c, (unsigned)target);
        starter = i;
        last_ccc = 0;
        continue;
      }
      rc = qg_edit_replace(e, at, i - at, enc, qg_utf8_encode(target, enc), "char-radical",
                           "radical lookalike U+%04X replaced by the ideograph U+%04X",
                           (unsigned)c, (unsigned)target);
      starter = i;
      last_ccc = 0;
      continue;
    }
    const char *lig = ligature_letters(c);
    if (lig) {
      rc = qg_edit_replace(e, at, i - at, lig, strlen(lig), "char-ligature",
                           "ligature U+%04X replaced by the letters %s", (unsigned)c, lig);
      starter = i;
      last_ccc = 0;
      continue;
    }
    if (is_fullwidth_alnum(c)) {
      size_t end = i;
      bool letter = !(c >= 0xFF10 && c <= 0xFF19);
      qg_buf_clear(&cs->seg);
      /* a － or ＋ right before a number, after no letter, digit or mark that joins (气温－５℃,
       * 共计＋３分): its sign, folded with it (probe 19 R13: ＋３ became ＋3 where －５ became -5) */
      bool minus = false;
      if (!letter && at >= 3 && at - 3 >= qg_edit_done(e) &&
          ((minus = !memcmp(t + at - 3, "\xEF\xBC\x8D", 3)) || !memcmp(t + at - 3, "\xEF\xBC\x8B", 3)) &&
          !(minus && dash_closes(t, n, i))) {
        size_t p = at - 3;
        uint32_t before = 0, figure = 0;
        if (p > 0) {
          size_t q = qg_utf8_prev(t, p), q0 = q;
          before = qg_utf8_next(t, n, &q);
          if (q0 > 0) {
            size_t q1 = qg_utf8_prev(t, q0);
            figure = qg_utf8_next(t, n, &q1);
          }
        }
        /* (nor a － after a figure's per-cent sign: １０％－２０％ is a range, whose － the
         * punctuation stage makes ～, as in 10%-20%; probe 45 X3: folded as a sign, 10%-20%, it
         * took the ～ only on a second clean, and lint --fix applied it unlisted) */
        bool pct_range = minus && (before == 0xFF05 || before == '%' || before == 0x2030) &&
                         ((figure >= '0' && figure <= '9') || (figure >= 0xFF10 && figure <= 0xFF19));
        /* (but between full-width figures that make no range it is folded with them as the －
         * of １０－５ is, the mark between them: ５％－０.５％ and １０％－５％＝５％ kept a
         * full-width － among half-width figures, unreported; session 46, review 45 L5) */
        if (pct_range && figure >= 0xFF10 && figure <= 0xFF19 && !pct_pair_rises(t, n, p))
          pct_range = false;
        if (!is_fullwidth_alnum(before) && !pct_range &&
            !(before < 0x80 && (isalnum((int)before) || before == '-' || before == '.' || before == '_'))) {
          at = p;
          qg_buf_putc(&cs->seg, minus ? '-' : '+');
        }
      }
      qg_buf_putc(&cs->seg, (char)(c - 0xFEE0));
      /* the groups of a number grouped with ， (１，２５８，０００): digits only so far, the digits
       * of the current group and of the first, the commas taken (held as \1 in seg) */
      bool digits = !letter && cs->seg.len == 1u + (at < i - 3); /* (after its sign) */
      size_t glen = 1, first_glen = 0, ncomma = 0;
      while (end < n) {
        size_t k = end;
        uint32_t d = qg_utf8_next(t, n, &k);
        if (d == 0xFF0C && digits && glen >= 1 && glen <= 3 && (ncomma == 0 || glen == 3)) {
          /* a full-width comma grouping full-width digits: three digits after it and no fourth
           * (probe 19 R9: １，２５８，０００ became 1，258，000, a list); １，２，３ is a list */
          size_t k6 = k;
          uint32_t d6 = k < n ? qg_utf8_next(t, n, &k6) : 0;
          /* (the first comma checks the groups to the end of the number; a comma after them
           * is no grouping: １２，３４５，好) */
          /* (a chain of groups refused once is refused from each of its later groups too: they
           * reach the same end, after a comma that follows a digit, so with no count) */
          bool grouped;
          if (ncomma)
            grouped = d6 >= 0xFF10 && d6 <= 0xFF19;
          else if (k < refused_end && k > refused_from)
            grouped = false;
          else {
            size_t stop; /* (kept only for a refusal: a grouped chain's end is no refusal) */
            if (!(grouped = grouped_after(t, n, k, count_start(t, n, at), glen, &stop)))
              refused_from = k, refused_end = stop;
          }
          if (grouped) {
            if (!ncomma) first_glen = glen;
            ncomma++, glen = 0;
            if (qg_buf_putc(&cs->seg, '\1')) return QG_ERR_NOMEM;
            end = k;
            continue;
          }
        }
        if (d == 0x3000 && k < n) {
          /* one ideographic space between two folded words, one of them letters, is a word
           * space of the full-width input mode (ｉＰｈｏｎｅ　１６ → iPhone 16; probe 10a F24);
           * not between figures (a table's cells: ５６７８　５．２) nor a run of them (padding) */
          size_t k3 = k;
          uint32_t d2 = qg_utf8_next(t, n, &k3);
          bool letter2 = is_fullwidth_alnum(d2) && !(d2 >= 0xFF10 && d2 <= 0xFF19);
          if (is_fullwidth_alnum(d2) && (letter || letter2)) {
            digits = false;
            if (qg_buf_putc(&cs->seg, ' ')) return QG_ERR_NOMEM;
            d = d2, k = k3;
            if (qg_buf_putc(&cs->seg, (char)(d - 0xFEE0))) return QG_ERR_NOMEM;
            letter = letter2;
            end = k;
            continue;
          }
        }
        if ((d == 0xFF0B || d == 0xFF03) && letter) {
          /* ＋＋ or ＃ after letters and before no letter or digit end the name of a language
           * (Ｃ＋＋, Ｃ＃, Ａ＋: session 36, probe 36 F2 had C＋＋) */
          size_t k2 = k;
          if (d == 0xFF0B && k2 + 3 <= n && !memcmp(t + k2, "\xEF\xBC\x8B", 3)) k2 += 3;
          size_t k3 = k2;
          uint32_t d2 = k2 < n ? qg_utf8_next(t, n, &k3) : 0;
          /* (a version may follow two ＋: Ｃ＋＋１１ → C++11) */
          bool version = k2 - end == 6 && d2 >= 0xFF10 && d2 <= 0xFF19;
          if (!version && (is_fullwidth_alnum(d2) || d2 == 0xFF0B || d2 == 0xFF03 ||
                           (d2 < 0x80 && (isalnum((int)d2) || d2 == '+' || d2 == '#'))))
            break;
          for (size_t q = end; q < k2; q += 3)
            if (qg_buf_putc(&cs->seg, d == 0xFF0B ? '+' : '#')) return QG_ERR_NOMEM;
          end = k2;
          digits = false;
          if (version) continue;
          break;
        }
        if (!is_fullwidth_alnum(d)) {
          /* up to three of ． ＠ ／ － ＿ ： ＼ ＆ between two of them, next to a letter, belong to
           * the word (a full-width URL, address or path: ｈｔｔｐｓ：／／ｗｗｗ．ｅｘａｍｐｌｅ．
           * ｃｏｍ, Ｃ：＼ｄａｔａ; ＡＴ＆Ｔ, Ｑ＆Ａ: session 36); between digits they are the number stage's (１．５ is its
           * decimal point, １４：３０ a time) */
          char mk[3];
          size_t nmk = 0, k2 = end;
          uint32_t d2 = d;
          while (nmk < 3 && (d2 == 0xFF0E || d2 == 0xFF20 || d2 == 0xFF0F || d2 == 0xFF0D ||
                             d2 == 0xFF3F || d2 == 0xFF1A || d2 == 0xFF3C || d2 == 0xFF06)) {
            mk[nmk++] = (char)(d2 - 0xFEE0);
            k = k2 = qg_utf8_next_end(t, n, k2);
            if (k2 >= n) break;
            size_t k3 = k2;
            d2 = qg_utf8_next(t, n, &k3);
          }
          if (!nmk || k2 >= n) break;
          /* a lone letter before one ： is a label (Ｑ：ＡＩ会取代记者吗？, Ａ：…; probe 9a F28):
           * the colon is the label's 冒号, not part of an address */
          if (nmk == 1 && mk[0] == ':' && cs->seg.len == 1 && letter) break;
          size_t k3 = k2;
          d2 = qg_utf8_next(t, n, &k3);
          bool letter2 = is_fullwidth_alnum(d2) && !(d2 >= 0xFF10 && d2 <= 0xFF19);
          /* one － between digits joins the groups of a telephone number, a date or a range
           * (０３７２－５５５１２３４, ２０１１－０２－１５; probe 8 E13): the number stage and
           * the XML see them as they see ASCII */
          bool hyphen = nmk == 1 && mk[0] == '-' && !letter && !letter2;
          /* and one ／ between digits is the number's slash (１／３, ２０２６／１２／０３ → 1/3,
           * 2026/12/03: session 26; it gave 1／3, two numbers to the XML) */
          hyphen |= nmk == 1 && mk[0] == '/' && !letter && !letter2;
          if (!is_fullwidth_alnum(d2) || !(letter || letter2 || hyphen)) break;
          if (qg_buf_put(&cs->seg, mk, nmk)) return QG_ERR_NOMEM;
          digits = false;
          d = d2, k = k3;
        }
        if (qg_buf_putc(&cs->seg, (char)(d - 0xFEE0))) return QG_ERR_NOMEM;
        letter = !(d >= 0xFF10 && d <= 0xFF19);
        digits = digits && !letter;
        glen = letter ? 0 : glen + 1;
        end = k;
      }
      i = end;
      /* the grouping commas: a number of four digits takes none (１，０００ → 1000, ２，００８年 →
       * 2008年, as num-group-short and num-year-grouping read them: review 16b N3), a longer one
       * the ASCII comma (１２，０００ → 12,000); a \1 in seg is one character of the source */
      bool drop = ncomma == 1 && first_glen == 1;
      if (ncomma && !drop)
        for (size_t q = 0; q < cs->seg.len; q++)
          if (cs->seg.ptr[q] == '\1') cs->seg.ptr[q] = ',';
      /* one edit per source line (probe 12a A7: ５ | ８路 cut at a line end and joined was one
       * edit over two lines, never fixable, where the lines apart give two fixable ones):
       * each character of the run gave one byte of seg, so a piece of the run is cut at the
       * character whose source line differs from the piece's first */
      size_t from = at, r = 0;
      qg_pos p0, pe;
      qg_edit_span(e, at, at, &p0, &pe);
      for (size_t k = at, nc = 0; !rc && k <= end; nc++) {
        qg_pos pk = p0;
        if (k < end) qg_edit_span(e, k, k, &pk, &pe);
        if (k < end && pk.line == p0.line) {
          k = qg_utf8_next_end(t, n, k);
          continue;
        }
        bool m = false; /* (marks of this piece) */
        for (size_t q = r; q < nc; q++) m |= !isalnum((unsigned char)cs->seg.ptr[q]);
        const char *rs = cs->seg.ptr + r;
        size_t rn = nc - r;
        char dropped[64];
        if (drop) { /* the comma of a four-digit number goes (rn: at most 5, １，０００) */
          size_t w = 0;
          for (size_t q = r; q < nc; q++)
            if (cs->seg.ptr[q] != '\1') dropped[w++] = cs->seg.ptr[q];
          rs = dropped, rn = w;
        }
        rc = qg_edit_replace(e, from, k - from, rs, rn, "char-fullwidth-alnum",
                             m ? "full-width letters, digits and the marks between them "
                                 "replaced by ASCII"
                               : "full-width letters or digits replaced by ASCII");
        if (k == end) break;
        from = k, r = nc, p0 = pk;
        k = qg_utf8_next_end(t, n, k);
      }
      starter = i;
      last_ccc = 0;
      continue;
    }
    uint8_t ccc = (uint8_t)u_getCombiningClass((UChar32)c);
    int qc = nfc_qc(c);
    if (qc == 0 && (ccc == 0 || last_ccc <= ccc)) {
      if (ccc == 0) starter = at;
      last_ccc = ccc;
      continue;
    }
    /* Not (or maybe not) NFC: normalize from the last starter to the next safe starter. */
    size_t end = i;
    while (end < n) {
      size_t k = end;
      uint32_t d = qg_utf8_next(t, n, &k);
      if (u_getCombiningClass((UChar32)d) == 0 && nfc_qc(d) == 0) break;
      end = k;
    }
    size_t from = starter < qg_edit_done(e) ? qg_edit_done(e) : starter;
    if ((rc = nfc_segment(cs, t, from, end))) break;
    i = end;
    starter = end;
    last_ccc = 0;
    /* Edit only what changed: trim the common prefix and suffix, on character boundaries. */
    const char *o = t + from, *nt = cs->seg.ptr;
    size_t olen = end - from, nlen = cs->seg.len, pre = 0, suf = 0;
    while (pre < olen && pre < nlen && o[pre] == nt[pre]) pre++;
    while (pre > 0 && pre < olen && ((unsigned char)o[pre] & 0xC0) == 0x80) pre--;
    while (suf < olen - pre && suf < nlen - pre && o[olen - 1 - suf] == nt[nlen - 1 - suf]) suf++;
    while (suf > 0 && ((unsigned char)o[olen - suf] & 0xC0) == 0x80) suf--;
    if (pre == olen && pre == nlen) continue; /* already NFC */
    /* compatibility ideographs, each replaced by one canonical ideograph: an edit each, so
     * each keeps its own column (probe 12a A5: a run of them mapped to its first column) and
     * its own rule (不不 of two U+F967 was char-nfc) */
    size_t k = from + pre, q = pre, oe = end - suf;
    bool compat = true;
    while (compat && k < oe && q < nlen - suf) {
      uint32_t oc = qg_utf8_next(t, n, &k);
      (void)qg_utf8_next(nt, nlen, &q);
      compat = is_compat_ideograph(oc);
    }
    compat = compat && k == oe && q == nlen - suf;
    if (compat) {
      for (size_t a = from + pre, r = pre; !rc && a < oe;) {
        size_t a2 = a, r2 = r;
        uint32_t oc = qg_utf8_next(t, n, &a2);
        (void)qg_utf8_next(nt, nlen, &r2);
        rc = qg_edit_replace(e, a, a2 - a, nt + r, r2 - r, "char-compat-ideograph",
                             "compatibility ideograph U+%04X replaced by its canonical form",
                             (unsigned)oc);
        a = a2, r = r2;
      }
    } else
      rc = qg_edit_replace(e, from + pre, olen - pre - suf, nt + pre, nlen - pre - suf,
                           "char-nfc", "text normalized to NFC");
  }
  if (!rc) rc = qg_edit_end(e);
  if (rc) {
    qg_block_release(s->ctx, b);
    return rc;
  }
  b->lead_marks = lead;
  bool empty = true; /* nothing but white space left (probe 12a A9: \u200B \u200B kept " ") */
  for (size_t j = 0; empty && j < b->text.len;)
    empty = qg_cp_is_space(qg_utf8_next(b->text.ptr, b->text.len, &j));
  if (empty)
    return qg_block_remove(s->ctx, b, "para-empty", 0,
                           "paragraph held only invisible characters or spaces");
  return qg_stage_emit(s, b);
}

static int chars_noop(qg_stage *s) { (void)s; return 0; }

static void chars_free(qg_stage *s) {
  chars_stage *cs = (chars_stage *)s;
  qg_edit_free(&cs->edit);
  qg_buf_free(&cs->seg);
  forms_fini(&cs->forms);
  free(cs->u16a);
  free(cs->u16b);
  free(cs);
}

static const qg_stage_vt chars_vt = {
    .name = "chars", .begin = chars_noop, .push = chars_push, .finish = chars_noop,
    .free = chars_free};

qg_stage *qg_stage_chars_new(qg_ctx *ctx) {
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) return NULL;
  chars_stage *cs = calloc(1, sizeof *cs);
  if (!cs) return NULL;
  cs->base.vt = &chars_vt;
  cs->base.ctx = ctx;
  cs->nfc = nfc;
  forms_init(&cs->forms);
  for (size_t k = 0; k < sizeof cs->names / sizeof cs->names[0]; k++) cs->names[k].cp = UINT32_MAX;
  qg_edit_init(&cs->edit);
  qg_buf_init(&cs->seg);
  return &cs->base;
}
