/* repair.c: joins a paragraph cut at a column or page end to its continuation.
 *
 * A paragraph is "open" when it ends without a sentence-final mark (。！？…, or a closing
 * quote or bracket after one) and is body text, not a display line: longer than a heading
 * (over 32 characters), or holding a sentence mark, or two clause marks, or one clause mark
 * in over 20 characters, or ending with a clause mark (，、；), or leaving a bracket or
 * book-title mark open (《…规划(2021-2035), or a quotation open (“今年的订单已经排到了), or
 * ending with a colon after at least 10
 * characters (…告诉记者：). A trailing author tag or photo credit closes it, and so does a
 * credit in the next block (a text followed by its credit is a caption).
 *
 * The next block continues it unless it is a real boundary: a section name, a byline, a
 * dateline, a subtitle (a display line led by ——), a caption (a caption cue at its start or a
 * credit at its end), a credit, a numbered subhead, a sidebar's label (相关链接, 编者按：…), a
 * jump note (（下转第3版）, （上接第1版）…) or an interview's question. When the open
 * paragraph ends with a clause mark or leaves a bracket open (strong cut) that is enough; when
 * it ends mid-word or with a colon (weak)
 * the next block must also not look like a heading (an unterminated paragraph before a
 * subhead is left alone), unless that block is itself the open start of a paragraph.
 * A number cut at a line end (全区共有老旧小区8 | 6个) is joined even after a short line that is
 * no body text, when the whole number is plausible (number_cut); digits that cannot continue
 * the number before them (迎接2025 | 12月1日) start a paragraph.
 * A line of program code (qg_text_code_line) continues neither a code line nor a block that
 * ends with a colon: a tutorial's lines stay lines, as the paragraph stage keeps them
 * (session 22).
 * An exam's item (4．-5的…) under a block ending with a closing bracket (its section's heading)
 * and an answer (A: …) under its question (**Q: …**) are no continuation (session 22, probe 22
 * H11, M5).
 * A continuation is held until the block after it: when that one is a credit, the held block
 * is a caption.
 *
 * Between the halves, up to QG_REPAIR_LOOK short photo blocks (a caption of at most 40
 * characters such as 图为光明路北段, or a credit; a caption with its credit at its end counts
 * two) are looked past: they are moved after the
 * repaired paragraph. A repaired paragraph that is still open waits for a further part (a
 * paragraph broken twice). Every join and every move is a diagnostic (para-join, para-move)
 * naming the source lines.
 *
 * Decision (a fixed point): every test above reads what the cleaned text shows again, so
 * that `clean` on its own output joins nothing more: a block is judged as it will be
 * written (a caption with its credit split off, a display line that would itself be joined to
 * what follows judged as the body text it becomes), and the features count marks as the
 * punct stage will write them (cues.c). */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>


/* Blocks looked past between the halves of a cut paragraph: a caption and its credit. */
#define QG_REPAIR_LOOK 2
/* A line ending with a colon is a kicker (中原高新区：) when shorter than this, else the start
 * of a paragraph cut before what it introduces (…告诉记者：). */
#define QG_REPAIR_COLON_MIN 10
/* A repaired paragraph this long is not joined further: no paragraph of print copy is (16 KiB
 * is over 5,000 Han characters), and each join looks at the whole paragraph again (the scan
 * of its characters goes on from where it stopped, but its ends, table test and patterns look
 * at all of it), so lines that all read as cut (a table of figures, one per line) would take
 * time quadratic in their number. */
#define QG_REPAIR_MAX_BYTES 16384
/* A caption longer than this is a photo item of its own, not one dropped into a paragraph. */
#define QG_REPAIR_CAPTION_MAX 40

typedef struct repair_stage {
  qg_stage base;
  qg_cues *cues;
  qg_block *open; /* a paragraph that may continue in the next block */
  qg_feat of;     /* its features */
  qg_scan scan;   /* what measuring it scanned: a join measures only the appended text again */
  qg_block *mid[QG_REPAIR_LOOK];
  size_t nmid;
  size_t slots;   /* blocks the held photo blocks stand for (interposable) */
  size_t nmoved;  /* of the held photo blocks, those reported moved (para-move) */
  qg_block *pend; /* a continuation of open, joined once the block after it shows it is no
                   * caption (a caption's credit may stand in the next block) */
  qg_feat pf;     /* its features */
  qg_block *sub;  /* a short line after open that ends with a number (take) */
  qg_feat sf;     /* its features */
  bool open_caption; /* open is a caption cut before its end (no sentence mark, no credit):
                      * only a block that opens with a clause mark continues it */
  qg_edit edit;   /* the NFC of marks joined to their base (join_marks) */
  qg_tokvec toks; /* the words across a cut (word_across) */
  qg_forms *forms; /* vertical forms and ｢ ｣ made once the joins are made (qg_forms_apply) */
  /* a poem under its byline (session 27): the ornament's byline under a short title (□林也
   * under 渡口) or a line of the poem came last, so a line of verse's shape now is one of the
   * poem's, joined to nothing (poem_byline, poem_verse); title: the block before was a short
   * display line with no mark (渡口, 灯) */
  bool poem, title;
  bool last_head; /* the block before was put out alone and was a display line (a title) */
  bool open_head; /* …so was the block before open (deck_line; session 32) */
  bool open_joined; /* open has grown by a join here (blank_deck: a deck is one block) */
  bool open_deck;   /* …by a deck's second line (deck_rest): the deck's tests still apply */
  bool pend_deck;   /* pend is such a line */
  bool cap_half;    /* the first held photo blocks are a caption and its credit (the caption
                     * taken as open's continuation until its credit came, or the two in one
                     * block) after an open ending with a comma: open may be the caption's
                     * first half (take, flush; probe 40 D2) */
  bool comma_photo; /* the same photo blocks held after an open ending with a comma, in any
                     * layout: past them a display line is the next story's title, not open's
                     * rest (take; cap_half is this where lines are cut) */
  bool sub_head;    /* sub was held right under a heading (a short deck's shape, sub_lead) */
  bool sub_annex;   /* sub is an attachment's item whose name may go on (annex_item) */
  bool sub_rest;    /* sub ends inside its clause and may go on in a word no paragraph opens
                     * with (rest_end, rest_cut; session 45) */
  bool sub_prev_head; /* …and last_head as it was before sub (restored when sub goes on) */
  qg_block *cite;   /* a periodical's name in book-title marks and its issue (book_issue) under a
                     * line held as sub_rest: the block after it shows whether the three are one
                     * sentence (held_cite; session 46) */
  qg_feat cite_f;   /* …its features and scan */
  qg_scan cite_scan;
  bool sub_cited;   /* sub has taken the cited issue in: it goes on in the next block */
  bool sub_under;   /* sub_rest was held with open still held above it (rest_under): when it
                     * does not go on, open is put out before it as take would have (session 46) */
  bool open_annex;  /* open is such an item (a number's point counts as a sentence mark) */
  bool fig_di;      /* the one block held after open is a lone figure after 第 (take) */
  bool annex;       /* the block last pushed opens with 附件： or is an item of that list */
  bool page_seen;   /* a page's number and a date line (qg_text_page_date) came in this document */
  uint32_t page_date; /* …the date of the last one */
  bool dated_entry; /* the block being taken is such a line whose date is not the one before:
                     * a diary's or log's entry, no folio (take; session 45) */
  bool blank_cut;   /* the blank layout: the document has shown a paragraph cut across a blank
                     * line (a join after a comma, inside a word, in an open bracket), so its
                     * blank lines are not all the author's and a colon at a paragraph's end
                     * may be a cut too (continues; session 43, probe 42 H1, probe 41 F10) */
  qg_block *verse; /* a line of its own of classical verse's shape (held_verse), held until the
                    * block after it shows whether it is one of a pair */
  uint32_t prev_jue; /* qg_para_jue_shape of the block last pushed when it was one line: a line
                      * of verse of that count after it is its pair's second, not held */
  bool prev_own;      /* the block last pushed was a line of its own (own_line): a line of
                       * verse's shape after it is one of a run of lines (a subtitle's cue), not
                       * held */
  bool marks;     /* lines were cut by the column (layout line or wrapped): a number cut after
                   * its point or colon, or a mark cut in half, may continue; in the blank layout
                   * a blank line is the author's there (review 8 R1, R4) */
} repair_stage;

/* Passes b on; combining marks that open it and were not joined to a base are reported now
 * (chars.c left them to this stage: lead_marks), and the vertical forms and ｢ ｣ whose change
 * needs the whole paragraph are made (qg_forms_apply). */
static int emit(qg_stage *s, qg_block *b) {
  int rc = qg_chars_report_lead(s->ctx, b);
  if (!rc) rc = qg_forms_apply(((repair_stage *)s)->forms, s->ctx, b);
  if (rc) {
    qg_block_release(s->ctx, b);
    return rc;
  }
  return qg_stage_emit(s, b);
}

static bool body_like(const qg_feat *f) {
  return f->chars > 32 || f->stops > 0 || f->commas >= 2 || (f->commas && f->chars > 20) ||
         f->end == QG_END_CLAUSE || f->unclosed || f->quote_open ||
         (f->end == QG_END_COLON && f->chars >= QG_REPAIR_COLON_MIN);
}

/* A subtitle: a display line led by a dash (——记…). A long paragraph that opens with a dash
 * (a reply, a line of dialogue) is body text. */
static bool subtitle(const qg_feat *f) { return f->subtitle && qg_feat_heading(f); }

/* A caption by its own text: a caption cue at its start, or a photo credit at its end. */
static bool caption(const qg_feat *f) {
  return f->caption || f->credit_tail.at != SIZE_MAX;
}

/* The number at the end of a text when it follows Han directly (全区共有老旧小区8): its digits
 * and value (the value saturates), or 0 digits. */
static size_t tail_number(const qg_block *a, uint64_t *value) {
  const char *s = a->text.ptr;
  size_t n = a->text.len, at;
  uint64_t v;
  size_t nd = qg_text_tail_digits(s, n, &v, &at);
  if (!nd || at == 0) return 0;
  size_t k = qg_utf8_prev(s, at);
  if (!qg_cp_is_han(qg_utf8_next(s, n, &k))) return 0;
  *value = v;
  return nd;
}

/* Whether a ends with a number written in groups of three after Han (回购公司股份3,210,000): the
 * digits of its first group are 1 to 3, each later group 3 (ASCII digits and commas). */
static bool grouped_tail(const qg_block *a) {
  const unsigned char *u = (const unsigned char *)a->text.ptr;
  size_t at = a->text.len, groups = 0;
  for (;;) {
    size_t d = 0;
    while (at > 0 && (unsigned)(u[at - 1] - '0') < 10u && d < 4) at--, d++;
    if (!d || d > 3) return false;
    if (at > 0 && u[at - 1] == ',' && d == 3) {
      at--, groups++;
      continue;
    }
    if (!groups || !at) return false;
    size_t k = qg_utf8_prev(a->text.ptr, at);
    return qg_cp_is_han(qg_utf8_next(a->text.ptr, a->text.len, &k));
  }
}

/* Whether b opens with a unit that a number cut at the line end goes on to (…股份3,210,000 |
 * 股，占…, …共有老旧小区8 | 个小区…): 个 万 亿 元 股 吨 岁 倍 克 亩 % at once, a measure word
 * that also opens words (人们, 次日, 家里) only before a mark (人，, 次。, 家/). */
static bool opens_unit(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (!n) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  static const uint32_t sure[] = {0x4E2A, 0x4E07, 0x4EBF, 0x5143, 0x80A1, 0x5428, 0x5C81,
                                  0x500D, 0x514B, 0x4EA9, '%', 0xFF05};
  for (size_t k = 0; k < sizeof sure / sizeof *sure; k++)
    if (c == sure[k]) {
      /* (not the first character of a word that opens a sentence: 元旦期间…, 万众瞩目的…,
       * 个人…: 系统升级至3.2 | 元旦期间… stays two; review 41) */
      static const char *const words[] = {"元旦", "元宵", "元月", "元素", "元首", "万众", "万一",
                                          "万物", "个人", "个别", "个体", "个性", "亿万", "克服",
                                          "股份", "股东", "股市", "吨位", "岁月", "倍感"};
      for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        if (n >= 6 && !memcmp(s, words[w], 6)) return false;
      return true;
    }
  static const uint32_t word[] = {0x4EBA /*人*/, 0x540D /*名*/, 0x5BB6 /*家*/, 0x6B21 /*次*/,
                                  0x4EF6 /*件*/, 0x4F4D /*位*/, 0x6237 /*户*/, 0x53F0 /*台*/,
                                  0x8F86 /*辆*/, 0x5957 /*套*/, 0x9879 /*项*/, 0x7C73 /*米*/};
  bool w = false;
  for (size_t k = 0; k < sizeof word / sizeof *word && !w; k++) w = c == word[k];
  if (!w || i >= n) return false;
  uint32_t d = qg_utf8_next(s, n, &i);
  return d == 0xFF0C || d == 0x3002 || d == 0x3001 || d == 0xFF1B || d == '/' || d == ',' ||
         d == 0xFF09;
}

/* The digits (ASCII or full-width) b starts with: their count, in *after the character after
 * them (0 at the end), and, when v is given, *v times ten for each digit plus its value while
 * have + the digits counted stays under 18 (the value saturates). */
static size_t lead_digits(const qg_block *b, uint32_t *after, uint64_t *v, size_t have) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0, bd = 0;
  uint32_t c = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    int d = qg_cp_digit(c);
    if (d < 0) break;
    if (v && have + bd < 18) *v = *v * 10 + (uint64_t)d;
    bd++;
    c = 0;
  }
  *after = c;
  return bd;
}

static size_t mark_number_tail(const qg_block *a, uint32_t *sep, size_t *after);
static bool holds_mark(const char *s, size_t n, size_t from, const uint32_t *marks, size_t nm);

/* Whether a ends with a decimal (增长4.6, 60.1): digits, a point and one or two digits. */
static bool decimal_tail(const qg_block *a) {
  uint32_t sep = 0;
  size_t after = 0;
  return mark_number_tail(a, &sep, &after) > 0 && sep == '.' && after > 0;
}

/* Whether b opens with the unit of a date or a time that the nd digits of value v cut off
 * at the line end above it take (…每晚23时至次日5 | 时，东湖大桥…, 12月4 | 日晚…, 12 | 月4日;
 * probe 40 D8): 时 after at most 24, 日 or 号 after 1 to 31, 月 after 1 to 12, each of one or two
 * digits, and after the unit a mark, a digit or a word a date or a time goes on with (时许, 日起,
 * 月底); not a word that opens with the unit (时间, 日子, 月亮), nor one that opens a paragraph
 * (日前, 日夜兼程, 时至今日: under a title that ends with a figure). */
static bool time_unit(const qg_block *b, size_t nd, uint64_t v) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (!n || nd > 2) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  const char *then;
  if (c == 0x65F6 /*时*/ && v <= 24) then = "许起前后左半整";
  else if ((c == 0x65E5 /*日*/ || c == 0x53F7 /*号*/) && v >= 1 && v <= 31)
    then = "起至到电晚上下凌早午零";
  else if (c == 0x6708 /*月*/ && v >= 1 && v <= 12) then = "份底初中末上下起至到以";
  else return false;
  if (i >= n) return false;
  uint32_t d = qg_utf8_next(s, n, &i);
  if (qg_cp_digit(d) >= 0) return true;
  if (d == 0xFF0C || d == 0x3002 || d == 0x3001 || d == 0xFF1B || d == ',' || d == ';' ||
      d == 0xFF09 || d == ')')
    return true;
  return holds_mark(then, strlen(then), 0, &d, 1);
}

/* A number cut at a line end (1): a ends with a number after Han and b starts with digits, and
 * the whole number is one the text can hold (else 0; -1: no number on both sides): before 月 at most 12, before 日 or 号 at most 31,
 * before 时, 点 or a colon at most 24, before 年 at most four digits (迎接2025 above 12月1日… is a
 * heading and a date, not 202512月). */
static int number_cut(const qg_block *a, const qg_block *b) {
  uint64_t v = 0;
  size_t nd = tail_number(a, &v);
  /* (a number in groups goes on only to its unit: 3,210,000|股; probe 26 H2; so does a
   * decimal, 进口总值增长4.6 | %., 占出口总值的60.1 | %，新能源汽车…: the sign and its marks were
   * a paragraph of their own, or the line above a title; probe 40 D3, D6) */
  if (!nd) return (grouped_tail(a) || decimal_tail(a)) && opens_unit(b) ? 1 : -1;
  uint32_t c;
  size_t bd = lead_digits(b, &c, &v, nd);
  if (!bd) return opens_unit(b) || time_unit(b, nd, v) ? 1 : -1;
  size_t all = nd + bd;
  if (c == 0x6708 /*月*/) return all <= 2 && v >= 1 && v <= 12;
  if (c == 0x65E5 /*日*/ || c == 0x53F7 /*号*/) return all <= 2 && v >= 1 && v <= 31;
  if (c == 0x65F6 /*时*/ || c == 0x70B9 /*点*/ || c == ':' || c == 0xFF1A)
    return all <= 2 && v <= 24;
  if (c == 0x5E74 /*年*/) return all <= 4;
  return all <= 12;
}

/* A number cut after its decimal point or the colon of a time (增速比上年提高0.|3个百分点,
 * 12:|00, 12:0|0): the text ends with digits, a point or colon, and at most two digits after
 * it. *sep: the mark ('.' or ':', full-width forms as ASCII), *after: the digits after it;
 * returns the digits before it (0: no such end). */
static size_t mark_number_tail(const qg_block *a, uint32_t *sep, size_t *after) {
  const char *s = a->text.ptr;
  size_t n = a->text.len, at = n, d2 = 0, d1 = 0;
  uint32_t c = 0;
  while (at > 0) {
    size_t p = qg_utf8_prev(s, at), k = p;
    c = qg_utf8_next(s, n, &k);
    if (qg_cp_digit(c) < 0) break;
    d2++;
    at = p;
  }
  if (!at || d2 > 2) return 0;
  if (c == 0xFF0E) c = '.';
  if (c == 0xFF1A) c = ':';
  if (c != '.' && c != ':') return 0;
  at = qg_utf8_prev(s, at);
  while (at > 0) {
    size_t p = qg_utf8_prev(s, at), k = p;
    if (qg_cp_digit(qg_utf8_next(s, n, &k)) < 0) break;
    d1++;
    at = p;
  }
  if (!d1) return 0;
  *sep = c;
  *after = d2;
  return d1;
}

/* Whether b, past its first bd digits, goes on with a range mark (~ ～ 〜 - — – 至 到) and a
 * decimal (3.0): the rest of 2.|0~3.0. */
static bool decimal_range(const qg_block *b, size_t bd) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  for (size_t k = 0; k < bd; k++) qg_utf8_next(s, n, &i);
  if (i >= n) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (!(c == '~' || c == 0xFF5E || c == 0x301C || c == '-' || c == 0x2014 || c == 0x2013 ||
        c == 0x81F3 /*至*/ || c == 0x5230 /*到*/))
    return false;
  if (c == 0x2014 && i < n && s[i] == (char)0xE2) { /* —— */
    size_t k = i;
    if (qg_utf8_next(s, n, &k) == 0x2014) i = k;
  }
  size_t d = 0;
  uint32_t z = 0;
  while (i < n) {
    z = qg_utf8_next(s, n, &i);
    if (qg_cp_digit(z) < 0) break;
    d++;
  }
  if (!d || (z != '.' && z != 0xFF0E) || i >= n) return false;
  size_t k = i;
  return qg_cp_digit(qg_utf8_next(s, n, &k)) >= 0;
}

/* Whether b continues a number cut after its point or colon at the end of a
 * (mark_number_tail): b starts with digits, not those of a date (5月, 2024年), nor a list point
 * (2. 3、); a time has at most two digits on each side. 1: it does, 0: it does not, -1: no
 * such cut. */
static int mark_number_cut(const qg_block *a, const qg_block *b) {
  uint32_t sep = 0;
  size_t after = 0, before = mark_number_tail(a, &sep, &after);
  if (!before) return -1;
  uint32_t c;
  size_t bd = lead_digits(b, &c, NULL, 0);
  if (!bd) return -1;
  if (sep == ':') /* a time or a score: 12:|00, 3:|1 */
    return before <= 2 && after + bd <= 2 && !(c < 0x80 && c && (isalnum((int)c) || c == '.'));
  /* a decimal: 0.|3, or at most four digits before the point and a unit after the one or two
   * digits of the next line (提高0.|3个百分点, 体重是65.|5千克). Not 12345.|24小时, 3200.|5G网络,
   * 320.|15家, 12.|2）: an ASCII full stop after a figure, then a paragraph that opens with one
   * (review 8 R1) */
  if (bd > 2) return 0;
  /* (a range of decimals cut after the first one's point, 控制在2.|0~3.0之间: the digits go
   * on to a range mark and a second decimal; not 3.|5-6月, a date after a full stop; probe
   * 26 H1) */
  if (after == 0 && before <= 4 && decimal_range(b, bd)) return 1;
  bool zero = before == 1 && a->text.len >= 2 && a->text.ptr[a->text.len - 2 - after] == '0';
  static const uint32_t units[] = {0x4E2A /*个*/, 0x4E07 /*万*/, 0x4EBF /*亿*/, 0x5343 /*千*/,
                                   0x767E /*百*/, 0x5143 /*元*/, 0x7C73 /*米*/, 0x5428 /*吨*/,
                                   0x500D /*倍*/, 0x5EA6 /*度*/, 0x5C81 /*岁*/, 0x514B /*克*/,
                                   '%', 0xFF05, 0x2103 /*℃*/, 0x516C /*公*/, 0x5398 /*厘*/,
                                   0x6BEB /*毫*/, 0x5206 /*分*/, 0x79D2 /*秒*/};
  bool unit = false;
  for (size_t k = 0; k < sizeof units / sizeof *units && !unit; k++) unit = c == units[k];
  /* (the decimals cut among themselves, 最高成交价为145.6|0元/股: up to four of them before a
   * unit; probe 26 H2) */
  return (zero && after == 0) || (before <= 4 && unit && after + bd <= 4);
}

/* A mark written as two characters (…… ——) cut in half by the column: a ends with one of
 * them alone; b, to continue it, starts with the other. */
static uint32_t half_pair_tail(const qg_block *a) {
  const char *s = a->text.ptr;
  size_t n = a->text.len;
  if (!n) return 0;
  size_t p = qg_utf8_prev(s, n), k = p;
  uint32_t c = qg_utf8_next(s, n, &k);
  if (c != 0x2026 && c != 0x2014) return 0;
  if (p > 0) {
    size_t q = qg_utf8_prev(s, p);
    if (qg_utf8_next(s, n, &q) == c) return 0; /* already whole */
  }
  return c;
}

static bool half_pair_cut(const qg_block *a, const qg_block *b, bool marks) {
  uint32_t c = marks ? half_pair_tail(a) : 0;
  size_t i = 0;
  if (!c || !b->text.len || qg_utf8_next(b->text.ptr, b->text.len, &i) != c) return false;
  /* b opens with one of them, not a whole …… or —— (an omission mark, a subtitle: review 8 R4) */
  return i >= b->text.len || qg_utf8_next(b->text.ptr, b->text.len, &i) != c;
}

/* A number cut at the line end, after Han (number_cut) or after its point or colon
 * (mark_number_cut): 1 it continues in b, 0 it does not, -1 no number on both sides. */
/* (in the blank layout, across the blank line, only mark_number_cut's refusal is read: a
 * figure's fraction or a clock's minutes do not go on in digits they cannot take, 约为28.6 |
 * 3:00以后…, which was glued into 28.63:00 with a bare para-join; session 45, review 44b. Its
 * yes is not read there: a blank line is no column's cut, so the join waits for the block's
 * openness as before) */
static int cut_number(const qg_block *a, const qg_block *b, bool marks) {
  int m = mark_number_cut(a, b);
  if (!marks && m > 0) m = -1;
  return m >= 0 ? m : number_cut(a, b);
}

/* body: b is body text whatever its measure (dateline_body) */
static bool is_open_feat(const qg_feat *f, bool body) {
  return f->end != QG_END_STOP && !f->table && f->author_tail.at == SIZE_MAX &&
         !caption(f) && !f->credit && !f->author && !f->byline && !f->section &&
         !subtitle(f) && (body || body_like(f));
}

/* Whether b opens with a dateline (本报讯（记者 邱雨涵）…) and text goes on after it: the first
 * paragraph of a story, body text however short its line (probe 17 P13: in a narrow column,
 * 本报讯（记者 邱雨涵）在昨晚进行的全省足球联赛半决 | 赛中，… is 26 characters without a clause
 * mark, and was left apart from its continuation). A dateline alone is not, nor one whose line
 * ends with a Latin word or a figure (…公开在GitHub | https://github.com/…: a line of its own
 * by the link rules, review 8 R0). */
static bool dateline_body(const qg_block *b, const qg_feat *f) {
  if (!f->dateline || f->dateline >= b->text.len) return false;
  size_t n = b->text.len;
  while (n > f->dateline && (b->text.ptr[n - 1] == ' ' || b->text.ptr[n - 1] == '\t')) n--;
  if (n <= f->dateline) return false;
  size_t i = qg_utf8_prev(b->text.ptr, n);
  return qg_cp_is_han(qg_utf8_next(b->text.ptr, n, &i));
}

/* Whether text s[0..n) holds one of the given marks after byte from. */
static bool holds_mark(const char *s, size_t n, size_t from, const uint32_t *marks, size_t nm) {
  for (size_t i = from; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    for (size_t k = 0; k < nm; k++)
      if (c == marks[k]) return true;
  }
  return false;
}

/* In the blank layout (a blank line after every paragraph, set by the author), a short line
 * that shows no cut is a line of its own, however its inner marks read (probe 9 F5, F32):
 * - a numbered point that is a heading (一、审议通过《关于…的议案》): a subhead number at its
 *   start, no sentence mark, no clause mark after the number, no bracket or quotation left
 *   open, at most 40 characters;
 * - a question heading (什么是5G？专家为您解读): at most 32 characters, no clause mark, its
 *   sentence marks inside all ？ or ！ (a 。 or . inside is a sentence cut after it), at most
 *   10 characters before them and 8 after (你知道为什么今年的菜价这么低？主要是因为今年 | … is
 *   a sentence cut at the column end). */
/* Whether b is a deck of a headline (session 32): at most 40 characters whose one clause mark
 * is a 、 between two phrases, no sentence mark, no colon, no dateline, ending with a Han
 * character that wants no object after it (12.5%的增速背后是全市上下齐心协力推进项目建设、扩大有效
 * 投资的结果). Under a display line put out alone (a title) it is no cut over a paragraph that the
 * wrapped layout opened at an indent (indent_start), nor in the blank layout, so that the cleaned
 * text reads the same (continues): a deck's last line was glued to the indented paragraph under
 * it (review 31a2 049). */
static bool deck_line(const qg_block *b, const qg_feat *f) {
  static const uint32_t comma[] = {0xFF0C, ',', 0xFF1B, ';', 0xFF1A, ':'};
  uint32_t z = qg_block_last_char(b);
  return !f->stops && f->commas == 1 && f->chars <= 40 && !f->subhead_num && !f->dateline &&
         !f->unclosed && !f->quote_open && f->end == QG_END_NONE &&
         !holds_mark(b->text.ptr, b->text.len, 0, comma, 6) && qg_cp_is_han(z) &&
         !qg_cp_wants_object(z);
}

/* Whether z, a block's last character, is a particle or a conjunction (了 的 和 …): the line goes
 * on (blank_deck, lead_deck, deck_rest). */
static bool goes_on_char(uint32_t z) { return holds_mark("了的着过得地和与及或并而", 36, 0, &z, 1); }

/* In the blank layout, a deck that reads as body text by its length (session 35, review 34a g1,
 * in/A003 A007 A008): one or two clause marks, a 、 among them and no ；or colon, no sentence mark,
 * at most 40 characters, a Han character last that is no particle or conjunction (了 的 和 …).
 * One mark in over 20 characters made it open (公园绿地、口袋公园和城市绿道年底前全部建成), so
 * repair glued the lead under it; blank_deck asks a last character that wants no object and a
 * longer block under it. Under a title it is no cut over a block that opens as a lead does
 * (deck_lead) unless the cut shows (lead_cut, a word across it: continues). */
static bool lead_deck(const qg_block *b, const qg_feat *f) {
  static const uint32_t other[] = {0xFF1B, ';', 0xFF1A, ':'};
  static const uint32_t dun[] = {0x3001};
  uint32_t z = qg_block_last_char(b);
  return !f->stops && f->commas >= 1 && f->commas <= 2 && f->chars <= 40 && !f->subhead_num &&
         !f->dateline && !f->unclosed && !f->quote_open && f->end == QG_END_NONE &&
         holds_mark(b->text.ptr, b->text.len, 0, dun, 1) &&
         !holds_mark(b->text.ptr, b->text.len, 0, other, 4) && qg_cp_is_han(z) && !goes_on_char(z);
}

/* In the blank layout, a deck of two phrases (session 34, review 33a R1): deck_line's shape with
 * a 、 or a ， inside, two clause marks at most and no ；, the one or two marks all 、 or ，:
 * 六个常设展厅、两个临时展厅将同步亮相，群众获得感幸福感安全感不断增强, a deck of two lines on
 * double-spaced copy, which the paragraph stage reads as one block. Under a title it is no cut
 * over a block longer than it by more than an indent (continues), as deck_line is, nor over any
 * block when it holds 30 characters or more, more than a column's line of print copy, and no
 * word of the segmenter runs across the cut (…目前已完成九 | 成 is a cut): the blank line under it
 * is the author's, and the cleaned text, the deck on one line, reads the same (also when a later
 * stage drops the block under it, a paragraph printed twice). The shape is lead_deck's, with a
 * last character that wants no object. */
static bool blank_deck(const qg_block *b, const qg_feat *f) {
  /* (a 、 at least, as a deck lists what it sums up; a line that ends on a particle or a
   * conjunction, …来使用了, goes on: the bench copy's blank-layout paragraphs cut so) */
  return lead_deck(b, f) && !qg_cp_wants_object(qg_block_last_char(b));
}

/* In the blank layout, a block open by its length alone (session 35, review 34a g2): over 32
 * characters with no mark at all (no clause mark, no sentence mark, no colon, nothing left open),
 * Han characters only and no particle. A paragraph of prose holds a comma before that; a run of
 * names (刘洋黄晓东吴昊… over two lines of a list the paragraph stage reads as one block), a
 * heading glued to them or a line of keywords is no sentence cut at the blank line over one
 * sentence (以上同志受到通报表彰。) unless a word of the segmenter runs across the cut (continues). */
static bool bare_run(const qg_block *b, const qg_feat *f) {
  static const uint32_t other[] = {0xFF1A, ':', 0x3002, '.', 0xFF01, '!', 0xFF1F, '?'};
  if (f->chars <= 32 || f->non_han || f->commas || f->stops || f->end != QG_END_NONE ||
      f->unclosed || f->quote_open || f->dateline || holds_mark(b->text.ptr, b->text.len, 0, other, 8))
    return false;
  /* Han and nothing else, no white space inside either (a line of garbled or machine text with
   * words between spaces, the bench copy's, is read as before) */
  /* (nor a particle: 的 了 着 吗 呢 吧 are a sentence's, no name's nor a heading's; a clause of
   * 33 characters with no comma, …推进城市更新工作的各项举措 | 落到实处。, is joined as before) */
  static const uint32_t particle[] = {0x7684, 0x4E86, 0x7740, 0x5417, 0x5462, 0x5427};
  for (size_t i = 0; i < b->text.len;) {
    uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
    if (!qg_cp_is_han(c)) return false;
    for (size_t k = 0; k < sizeof particle / sizeof *particle; k++)
      if (c == particle[k]) return false;
  }
  return true;
}

/* Whether b is one sentence of wide text under bare_run's block: it ends with a sentence mark and
 * holds none before it, and no ASCII character (以上同志受到通报表彰。;
 * a rest that opens with a colon, :MaxFile…, or holds Latin words is the bench copy's cut line). */
static bool han_sentence(const qg_block *b, const qg_feat *f) {
  /* …and refers back to a list above it (以上同志…, 以上单位…, 上述…): a sentence that opens
   * otherwise under 33+ Han of a report's clause with no comma is its rest, cut at the blank line
   * (会议审议通过市人民政府关于…执行情况报告 | 和二〇二六年计划草案。, …决策部署 | 切实把各项任务落到
   * 实处。: review 35a R1) */
  static const char *const back[] = {"以上", "上述", NULL};
  if (f->end != QG_END_STOP || f->stops || !qg_block_starts_with_any(b, back)) return false;
  for (size_t k = 0; k < b->text.len; k++)
    if ((unsigned char)b->text.ptr[k] < 0x80) return false;
  return true;
}

/* Whether b is the short rest of a deck of two lines on double-spaced copy (session 35, review
 * 34a in/A027 A029 A032): a display line of 2 to 16 characters with no mark, Han last and no
 * ASCII, under a block of blank_deck's shape (六个常设展厅、两个临时展厅将同步亮相，群众获得感 |
 * 幸福感安全感不断增强: the first line wider than the column, the paragraph stage read the two
 * apart, a p and a subhead). A paragraph's rest ends with a mark; a deck's rest does not. */
static bool deck_rest(const qg_block *b, const qg_feat *f) {
  if (f->commas || f->stops || f->end != QG_END_NONE || f->unclosed || f->quote_open ||
      f->chars < 2 || f->chars > 16 || f->dateline || f->subhead_num)
    return false;
  for (size_t k = 0; k < b->text.len; k++)
    if ((unsigned char)b->text.ptr[k] < 0x80) return false;
  uint32_t z = qg_block_last_char(b);
  return qg_cp_is_han(z) && !goes_on_char(z);
}

/* How b opens: 1 as a story's lead does (记者昨日从…获悉, 本报…, 据介绍, 这是…, 今年…, 近日…): no
 * sentence cut at a column's end goes on so (review 33a R3; 城市绿地扩容提质 | 公园绿地、口袋公园和
 * 城市绿道年底建成 | 记者昨日从市园林局获悉此事。 is a title, a deck and a lead); 2 with a time word
 * and an adverb; 0 otherwise. */
/* A time word that opens a lead has its subject after it (今年全市新增绿地三十处); an adverb right
 * after it shows the subject is in the line above (…交通劝导、卫生整治 | 当天共发放宣传资料三千余份。,
 * …口袋公园的工作 | 今年将全部完成。, …解答群众咨询 | 日前已累计三千余人次。: a sentence cut at the
 * column's end at a word's end, review 34a L1, session 35). */
static int lead_kind(const qg_block *b) {
  static const char *const leads[] = {"记者", "本报", "据", "这是", "截至", "随着", NULL};
  static const char *const times[] = {"今年", "去年", "近日", "日前", "近期", "近年来", "昨天",
                                      "昨日", "今天", "今日", "当天", "当日", "目前", NULL};
  static const char *const adverbs[] = {
      "共", "已", "将", "还", "也", "都", "又", "仍", "再", "就", "才", "均", "累计", "陆续", "相继",
      "先后", "分别", "继续", "即将", "正在", "全部", NULL};
  if (qg_block_starts_with_any(b, leads)) return 1;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  for (size_t k = 0; times[k]; k++) {
    size_t m = strlen(times[k]);
    if (n - i < m || memcmp(s + i, times[k], m)) continue;
    for (size_t j = 0; adverbs[j]; j++) {
      size_t a = strlen(adverbs[j]);
      if (n - i - m >= a && !memcmp(s + i + m, adverbs[j], a)) return 2;
    }
    return 1;
  }
  return 0;
}


/* Whether the deck's shape a is a clause whose subject is the list it opens with (六个常设展厅、两个
 * 临时展厅同步亮相, 加装电梯、管网改造惠及三万余户居民, 公园绿地、口袋公园和城市绿道年底前全部建成):
 * the first item, before the first 、, is at most 8 characters, and more follows the last 、
 * than the first item holds by 3 characters or more, a predicate after the list's last item. A
 * paragraph's first line cut at a word's end ends with its list, the items the object of a verb
 * before them (二百余名志愿者开展交通劝导、卫生整治, 志愿者发放宣传资料、解答群众咨询, 全市老旧小区
 * 改造、口袋公园建设工作): over a time word and an adverb (当天共…, 目前已…) it is the sentence's
 * subject, and the two are one paragraph (session 35); a listed subject with its predicate is a
 * deck over the lead (review 35a R2, session 36). */
static bool deng_end(const qg_block *a);
static bool list_subject(const qg_block *a) {
  const char *s = a->text.ptr;
  size_t n = a->text.len, i = 0;
  int chars = 0, first = -1, after = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c) || c == 0x3000) continue;
    if (c == 0x3001) {
      if (first < 0) first = chars;
      after = 0;
      continue;
    }
    chars++, after++;
  }
  return first > 0 && first <= 8 && after >= first + 3 && !deng_end(a);
}

/* Whether b opens as the lead under the deck a does: as a lead (lead_kind 1), or with a time word
 * and an adverb under a deck whose list is its subject (list_subject: review 35a R2). */
static bool deck_lead(const qg_block *a, const qg_block *b) {
  int k = lead_kind(b);
  return k == 1 || (k == 2 && list_subject(a));
}

/* Whether the deck's shape a over the lead's opening b is a paragraph's first line cut at the
 * column after all (review 34a L1: 城市绿地扩容提质 | 　　市园林局负责人王磊、李华在接受本报 |
 * 记者采访时表示，…。): a is indented in the source, which a deck never is, or it ends with a word
 * that goes on into the line under it (接受本报 | 记者, 做客 | 本报融媒体演播室). */
/* (and, session 36, review 35a in/E00-E11, min/s3: a word that wants the person after it, 在向 |
 * 记者介绍时…, 对 | 记者说, 带领 | 记者走进…, 陪同 | 记者走访…, 一边带 | 记者参观…, 为) */
/* (the four of one character, 向 对 为 带, only as a word of their own: the segmenter keeps the
 * last character apart from the Han before it, and no word of the list below ends there; a deck
 * ending in 应对 可为 作为 方向 绿化带 was glued to the lead, review 36a min/r1 r1b r1c) */
static bool lead_cut_end(repair_stage *rs, const qg_block *a) {
  static const char *const ends[] = {"本报", "做客", "接受", "告诉", "采访", "带领", "陪同", NULL};
  static const char *const one[] = {"向", "对", "为", "带", NULL};
  static const char *const words[] = {
      "方向", "走向", "导向", "转向", "志向", "趋向", "意向", "指向", "动向", "面向", "去向",
      "风向", "航向", "倾向", "取向", "偏向", "朝向", "双向", "单向", "横向", "纵向", "定向",
      "流向", "外向", "内向", "应对", "面对", "针对", "核对", "反对", "比对", "派对", "配对",
      "绝对", "相对", "成对", "校对", "作为", "可为", "行为", "认为", "成为", "以为", "称为",
      "因为", "较为", "更为", "极为", "有为", "无为", "难为", "所为", "人为", "视为", "实为",
      "地带", "纽带", "腰带", "皮带", "磁带", "热带", "温带", "寒带", "声带", "鞋带", "领带",
      "彩带", "丝带", "飘带", "缎带", "胶带", "海带", "一带", "连带", "顺带", "附带", "携带",
      "林带", "化带", NULL};
  if (qg_block_ends_with_any(a, ends)) return true;
  if (!qg_block_ends_with_any(a, one) || qg_block_ends_with_any(a, words)) return false;
  const char *s = a->text.ptr;
  size_t n = a->text.len, sa;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  sa = n;
  for (int j = 0; j < 6 && sa > 0; j++) {
    size_t p = qg_utf8_prev(s, sa), q = p;
    if (!qg_cp_is_han(qg_utf8_next(s, n, &q))) break;
    sa = p;
  }
  if (n - sa < 6) return false;
  qg_segmenter *sg = qg_ctx_segmenter(rs->base.ctx);
  if (!sg || qg_segment_words(sg, s + sa, n - sa, &rs->toks) || !rs->toks.n) return false;
  const qg_token *t = &rs->toks.v[rs->toks.n - 1];
  return t->end == n - sa && t->start == n - sa - 3;
}

static bool lead_cut(repair_stage *rs, const qg_block *a) {
  qg_pos ps, pe;
  qg_block_span(a, 0, 0, &ps, &pe);
  return ps.col > 1 || lead_cut_end(rs, a);
}

/* Whether the deck's shape a ends as a list closed by 等 and its head noun, 1 to 4 Han
 * characters (加装电梯、改造管网等工作, 全市水稻、玉米等秋粮作物): a noun phrase, no deck's
 * clause, the subject of the sentence under it (session 36, review 35a in/E04 E07). */
static bool deng_end(const qg_block *a) {
  const char *s = a->text.ptr;
  size_t n = a->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  int k = 0;
  while (n && k <= 4) {
    size_t p = qg_utf8_prev(s, n), q = p;
    uint32_t c = qg_utf8_next(s, n, &q);
    if (c == 0x7B49 /*等*/) return k >= 1;
    if (!qg_cp_is_han(c)) return false;
    n = p, k++;
  }
  return false;
}

static bool blank_line_heading(const qg_block *b, const qg_feat *f) {
  if (f->end != QG_END_NONE || f->unclosed || f->quote_open || f->table) return false;
  static const uint32_t clause[] = {0xFF0C, ',', 0xFF1B, ';', 0x3001};
  static const uint32_t full[] = {0x3002, '.'};
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (f->subhead_num && !f->stops && f->chars <= 40) {
    /* the number's own mark (一、 1.) is in its first few bytes */
    size_t skip = 0;
    for (int k = 0; k < 4 && skip < n; k++) qg_utf8_next(s, n, &skip);
    if (!holds_mark(s, n, skip, clause, 5)) return true;
    /* (a point of two phrases, 一、提高思想认识，压实安全责任, is no heading here: session 25's
     * comma_heading split points cut at the column end mid-word, 推动高质量发 | 展取得新成效,
     * review 25b H1; joined and reported as before, the lesser harm) */
  }
  static const uint32_t colon[] = {0xFF1A, ':'};
  if (!f->stops || f->chars > 32 || f->commas || holds_mark(s, n, 0, full, 2)) return false;
  /* speech (他反问道：什么是幸福？幸福就是), or a piece ending on a word that wants what follows
   * (为什么要这样做？因为 | …): a sentence cut there, not a heading (review 9 R12) */
  if (holds_mark(s, n, 0, colon, 2) || qg_cp_wants_object(qg_block_last_char(b))) return false;
  /* two short phrases (什么是5G？专家为您解读), not a sentence cut at the column end
   * (GDP？它是衡量一个国家经济 | 规模的…) */
  uint32_t before = 0, after = 0;
  for (size_t i = 0; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0xFF1F || c == 0xFF01 || c == '?' || c == '!') before += after + 1, after = 0;
    else after += !qg_cp_is_space(c);
  }
  return before <= 11 && after <= 8;
}

/* A speaker's label in a block of its own (全国人大代表、某市市长张三：): in the blank layout, a
 * line of at most 24 Han characters (and ·) that ends with its only colon, its titles and
 * name set apart by 、, or the name (two to four characters) by a space. It introduces the
 * speech in the next paragraph unless that one opens with a quotation mark (许静告诉记者： |
 * “…”: one paragraph, cut there; probe 9 F12). */
static bool speaker_label(const qg_block *b, const qg_feat *f) {
  if (f->end != QG_END_COLON || f->stops || f->chars > 24 || f->unclosed || f->quote_open)
    return false;
  /* Han only, and one colon: the last character (a cut after a colon inside a sentence
   * holds commas, Latin words, figures) */
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  bool apart = false, seen = false;
  uint32_t c = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (c == 0x3001) apart = true;
    else if ((qg_cp_is_space(c) || c == 0x3000) && seen) {
      /* a name of two to four characters after the space, then the colon (委员 王五：) */
      size_t k = i;
      uint32_t h = 0, d;
      while (k < n && qg_cp_is_han(d = qg_utf8_next(s, n, &k))) h++;
      if (h >= 2 && h <= 4 && k < n && (d == 0xFF1A || d == ':')) apart = true;
    } else if (c == 0xFF1A || c == ':') {
      size_t k = i;
      while (k < n && qg_cp_is_space(qg_utf8_next(s, n, &k))) {}
      if (k < n) return false; /* a colon inside */
    } else if (!qg_cp_is_space(c) && c != 0x3000 && !qg_cp_is_han(c) && c != 0x00B7)
      return false;
    seen = seen || qg_cp_is_han(c);
  }
  return apart;
}

/* A letter's salutation on a line of its own (尊敬的市第一人民医院领导：, 亲爱的同学们：, 敬爱的老师：,
 * 编辑同志：): at most 30 characters, Han (and 、 ·) up to the colon that ends it, opening with 尊敬的
 * 亲爱的 敬爱的, or ending with 同志 领导 老师 先生 女士 before the colon. It opens the letter;
 * its first paragraph is another (review 16 N6: repair joined them, the salutation being over
 * ten characters and ending with a colon). A colon inside a sentence (他告诉记者：) is none. */
static bool salutation(const qg_block *b, const qg_feat *f) {
  if (f->end != QG_END_COLON || f->stops || f->chars > 30 || f->unclosed || f->quote_open)
    return false;
  return qg_text_is_salutation(b->text.ptr, b->text.len);
}

/* An English letter's salutation on a line of its own, as a bilingual notice sets it under the
 * Chinese one (尊敬的乘客： | Dear Passengers, | 为满足…): ASCII only, at most 60 bytes, opening
 * with "Dear " and ending with a comma or a colon (probe 27 M4: repair joined it to the Chinese
 * paragraph after it, Dear Passengers，为满足…). */
static bool latin_salutation(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < 7 || n - i > 60 || memcmp(s + i, "Dear ", 5) || (s[n - 1] != ',' && s[n - 1] != ':'))
    return false;
  for (size_t k = i; k < n; k++)
    if ((unsigned char)s[k] >= 0x80) return false;
  return true;
}

/* Whether b is a line of an English title (Notice on Extended Operating Hours of Metro, Line 3):
 * ASCII letters, digits, white space, - ' & only, min_words to max_words words, at most max_len
 * bytes, opening with a capital, every word of four letters or more capitalized but for a few
 * small ones (with from into over upon), at most one word of digits, ending with a letter or a
 * digit. English running text has words of four small letters or more in almost every line.
 * *joins: it holds a small word that joins a title's words (of on for to in at by and the
 * with from). */
/* The small words that join a title's words (latin_title, ends_link_word). */
static const char *const title_links[] = {"of", "on", "for", "to", "in", "at", "by", "and", "the",
                                          "with", "from", NULL};

static bool latin_title(const qg_block *b, int min_words, int max_words, size_t max_len,
                        bool *joins) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < 4 || n - i > max_len || (unsigned)(s[i] - 'A') >= 26u ||
      !((unsigned)((s[n - 1] | 0x20) - 'a') < 26u || (unsigned)(s[n - 1] - '0') < 10u))
    return false;
  static const char *const small[] = {"with", "from", "into", "over", "upon", NULL};
  const char *const *link = title_links;
  int words = 0, figures = 0;
  *joins = false;
  while (i < n) {
    size_t w = i;
    while (i < n && s[i] != ' ') {
      unsigned char c = (unsigned char)s[i];
      if (!((unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u || c == '-' ||
            c == '\'' || c == '&'))
        return false;
      i++;
    }
    size_t len = i - w;
    if (++words > max_words) return false;
    for (int k = 0; link[k] && !*joins; k++)
      *joins = len == strlen(link[k]) && !memcmp(s + w, link[k], len);
    if ((unsigned)(s[w] - '0') < 10u) figures++;
    else if (len >= 4 && (unsigned)(s[w] - 'a') < 26u) {
      bool ok = false;
      for (int k = 0; small[k] && !ok; k++) ok = len == 4 && !memcmp(s + w, small[k], 4);
      if (!ok) return false;
    }
    while (i < n && s[i] == ' ') i++;
  }
  return words >= min_words && figures <= 1;
}

/* Whether b's last word is a small word that a title goes on after (of on for to in at by and
 * the with from a): the title was cut after it. */
static bool ends_link_word(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  size_t w = n;
  while (w > 0 && s[w - 1] != ' ') w--;
  if (n - w == 1 && s[w] == 'a') return true;
  for (int k = 0; title_links[k]; k++)
    if (n - w == strlen(title_links[k]) && !memcmp(s + w, title_links[k], n - w)) return true;
  return false;
}

/* The first character of b that is not white space (0: none); *after, the offset past it. */
static uint32_t first_char(const qg_block *b, size_t *after) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  uint32_t c = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_space(c) && c != 0x3000) break;
  }
  if (after) *after = i;
  return c;
}

/* Whether b opens with a quotation mark (“ ‘ 「 『 or a straight one). */
static bool opens_quote(const qg_block *b) {
  uint32_t c = first_char(b, NULL);
  return c == 0x201C || c == 0x2018 || c == 0x300C || c == 0x300E || c == '"' || c == '\'';
}

/* Whether b opens with a double quotation mark (“ 「 or a straight one). */
static bool opens_double_quote(const qg_block *b) {
  uint32_t c = first_char(b, NULL);
  return c == 0x201C || c == 0x300C || c == '"';
}

/* Whether b ends with a colon and an opening double quotation mark (要求：“, 写道:“, white
 * space between or after them): a lead-in whose quotation starts on the next line. */
static bool ends_colon_quote(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 3 || memcmp(s + n - 3, "\xE2\x80\x9C", 3)) return false; /* “ */
  n -= 3;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return (n >= 1 && s[n - 1] == ':') || (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x9A", 3));
}

/* Whether b is an item of a list set off in paragraphs: led by a dash (——工业生产…；) or by a
 * bullet of the ornament cues (● ◆ ■ …). */
static bool list_led(const qg_block *b, const qg_feat *f) {
  if (f->ornament > 0 || qg_text_bullet_lead(b->text.ptr, b->text.len)) return true;
  if (!f->subtitle) return false;
  /* two dashes (—— ―― ──), not one: -conf, -id are a program's options */
  size_t i, n = b->text.len;
  uint32_t c = first_char(b, &i);
  return (c == 0x2014 || c == 0x2015 || c == 0x2500) && i < n &&
         qg_utf8_next(b->text.ptr, n, &i) == c;
}


/* Whether b ends with an emoji (a pictograph U+1F000..U+1FFFF, a symbol U+2600..U+27BF or
 * U+2B00..U+2B7F, a variation selector or skin tone after one): web copy ends a post with
 * them as with a sentence mark (太燃了😭😭 | 转发+评论…, probe 11a F8), so no cut shows there.
 * The last bytes are enough: F0 9F … (four bytes), E2 98..9E, E2 AC or E2 AD … (three), after
 * EF B8 8F or 8E. */
static bool ends_emoji(const qg_block *b) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len;
  while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t')) n--;
  if (n >= 3 && u[n - 3] == 0xEF && u[n - 2] == 0xB8 && (u[n - 1] == 0x8F || u[n - 1] == 0x8E))
    n -= 3; /* U+FE0F, U+FE0E */
  if (n >= 4 && u[n - 4] == 0xF0 && u[n - 3] == 0x9F) return true;
  return n >= 3 && u[n - 3] == 0xE2 && ((u[n - 2] >= 0x98 && u[n - 2] <= 0x9E) || u[n - 2] == 0xAC ||
                                        u[n - 2] == 0xAD);
}

/* Whether b ends with a contact field after its last sentence (出租：…月租5500元。联系人：王女士,
 * …。微信：zf_2024, 电话：13800138000, 地址：…1208室): a label of the list below, a colon and a value of at most
 * 24 characters without a clause or sentence mark, after the start, a sentence mark or white
 * space. Every classified ad ends so, with no full stop, and the next ad was glued to it
 * across the blank line (王女士遗失声明：…; probe 12b B2). */
static bool contact_tail(const qg_block *b) {
  const char *s = b->text.ptr;
  const unsigned char *u = (const unsigned char *)s;
  size_t n = b->text.len, at = n;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  int chars = 0;
  uint32_t c = 0;
  size_t colon = 0;
  /* back over the value to the colon, a character at a time (most paragraphs end with a mark,
   * most characters are three bytes) */
  for (;;) {
    if (at == 0) return false;
    unsigned char x = u[at - 1];
    if (x < 0x80) {
      if (x == ':') {
        at--;
        break;
      }
      if (x == ',' || x == ';' || x == '!' || x == '?') return false;
      at--;
    } else if (at >= 3 && (u[at - 3] & 0xF0) == 0xE0) { /* ：；，。、！？ */
      uint32_t w = (uint32_t)u[at - 3] << 16 | (uint32_t)u[at - 2] << 8 | x;
      at -= 3;
      if (w == 0xEFBC9A) break;
      if (w == 0xEFBC8C || w == 0xEFBC9B || w == 0xEFBC81 || w == 0xEFBC9F || w == 0xE38082 ||
          w == 0xE38081)
        return false;
    } else {
      at--;
      while (at > 0 && (u[at] & 0xC0) == 0x80) at--;
    }
    if (++chars > 24) return false;
  }
  if (chars < 1) return false;
  colon = at;
  static const char *const labels[] = {"联系人", "联系电话", "电话", "手机", "微信", "邮箱",
                                       "热线", "咨询电话", "传真", "联系方式", "QQ", "E-mail",
                                       "Email", "地址", NULL};
  for (int k = 0; labels[k]; k++) {
    size_t m = strlen(labels[k]);
    if (colon < m || memcmp(s + colon - m, labels[k], m)) continue;
    /* (a contact's name of one character is a name cut by the wrap: 联系人：王 | 女士，…;
     * review 12b S8) */
    if (k == 0 && chars < 2) return false;
    size_t st = colon - m;
    /* (an address that ends with its room, number, floor or building, 地址：…A座1208室, 报名地址：
     * …88号: a notice's last field, glued to the next notice across the blank line; probe 25 M3.
     * Up to two characters of Han before 地址, 报名地址 联系地址) */
    if (!memcmp(labels[k], "地址", 6)) {
      size_t z = qg_utf8_prev(s, n), j = z;
      uint32_t e = qg_utf8_next(s, n, &j);
      if (!(e == 0x5BA4 /*室*/ || e == 0x53F7 /*号*/ || e == 0x697C /*楼*/ || e == 0x5C42 /*层*/ ||
            e == 0x5EA7 /*座*/ || e == 0x680B /*栋*/ || e == 0x5E62 /*幢*/))
        return false;
      for (int h = 0; h < 2 && st; h++) {
        size_t q = qg_utf8_prev(s, st), r = q;
        if (!qg_cp_is_han(qg_utf8_next(s, st, &r))) break;
        st = q;
      }
    }
    if (!st) return true;
    size_t p = qg_utf8_prev(s, st), i = p;
    c = qg_utf8_next(s, b->text.len, &i);
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' || c == '!' || c == '?' ||
           qg_cp_is_space(c);
  }
  return false;
}

/* Whether b is a note wholly in brackets: it opens with ( or （ (white space aside), holds at
 * least four characters inside, and the bracket it opens closes with its last character, ) or
 * ）, nothing closed before. A link inside may end at the ) (…/review.html)): the feature scan
 * reads that ) as the link's and the bracket as open, and repair joined the next paragraph to the
 * note (probe 27 H2: (完整测试数据见本报客户端:https://…html) was glued to a repeat and removed
 * with it). */
static bool bracket_note(const qg_block *b) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t')) n--;
  while (i < n && (u[i] == ' ' || u[i] == '\t')) i++;
  size_t open_len = 0, close_len = 0;
  if (i < n && u[i] == '(') open_len = 1;
  else if (n - i >= 3 && !memcmp(u + i, "\xEF\xBC\x88", 3)) open_len = 3; /* （ */
  if (!open_len) return false;
  if (u[n - 1] == ')') close_len = 1;
  else if (n - i >= 3 && !memcmp(u + n - 3, "\xEF\xBC\x89", 3)) close_len = 3; /* ） */
  /* (a note is short: a long block is read no further, at each of repair's looks at it) */
  if (!close_len || n - i < open_len + close_len || n - i > 600) return false;
  size_t from = i + open_len, to = n - close_len, chars = 0;
  int depth = 0;
  for (size_t k = from; k < to;) {
    uint32_t c = qg_utf8_next(b->text.ptr, to, &k);
    if (c == '(' || c == 0xFF08) depth++;
    else if (c == ')' || c == 0xFF09) {
      if (--depth < 0) return false; /* (甲)…(乙): the first closed before the end */
    }
    chars++;
  }
  return depth == 0 && chars >= 4;
}

/* Where the note that ends a story, （完） or （全文完）, opens when u[0..n) ends with it after text
 * (qg_text_done_note_at: the paragraph stage asks it too, session 47); 0 when it does not. The
 * story's end, whatever comes before the note: a photo's credit and the note under a caption
 * (…www.dhlib.cn. | 王珂 摄 | （完）) are one block of the blank layout, whose cleaned text
 * (…www.dhlib.cn。王珂 摄（完）) ends with no sentence mark before the note, and a second clean
 * joined the next paragraph to it (session 46, s46-fixed; session 45's leftover). */
static size_t done_note_at(const unsigned char *u, size_t n) {
  return qg_text_done_note_at((const char *)u, n);
}

/* credit_done (below): whether b ends with a photo's credit and the note that ends a story
 * (…www.dhlib.cn。王珂 摄（完）, 。王珂 摄影（完）): a name of 2 to 8 Han characters after white
 * space, a sentence mark or the block's start, white space, 摄 摄影 or 供图, then the note
 * (done_note_at), once or more; or such a credit after the note (…王珂 摄（完）周敏 摄: lines of
 * one block in the blank layout). A caption with its credit, as one with the credit at its end
 * is (caption): the first clean read the caption's and the credit's lines so and kept it from an
 * open paragraph over it, and a second clean, the credit no longer at the end, joined the two
 * (session 46). */
static bool credit_done_read(const qg_block *b) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len;
  while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t')) n--;
  if (n < 12) return false;
  switch (u[n - 1]) {
  case 0x89: case ')': case 0x84: case 0x9D: case 0xB1: case 0xBE: case 0x96:
    break;
  default:
    return false;
  }
  size_t m = n, at;
  bool note = false; /* (the note may be doubled: 王珂 摄（完）(完)) */
  while ((at = done_note_at(u, m)) != 0) {
    m = at, note = true;
    while (m > 0 && (u[m - 1] == ' ' || u[m - 1] == '\t')) m--;
  }
  static const char *const ends[] = {"摄影", "攝影", "供图", "供圖", "摄", "攝", NULL};
  size_t e = 0;
  for (int k = 0; ends[k] && !e; k++) {
    size_t l = strlen(ends[k]);
    if (m >= l && !memcmp(u + m - l, ends[k], l)) e = l;
  }
  if (!e) return false;
  size_t i = m - e, sp = i;
  while (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\t')) i--;
  if (i == sp) return false; /* (white space before the role: 拍摄 is no credit) */
  unsigned han = 0;
  while (i > 0 && han <= 8) {
    size_t p = qg_utf8_prev(b->text.ptr, i), j = p;
    uint32_t c = qg_utf8_next(b->text.ptr, i, &j);
    if (!qg_cp_is_han(c) && c != 0xB7) break;
    i = p, han++;
  }
  if (han < 2 || han > 8 || (i == 0 && !note)) return false;
  if (i == 0) return true;
  size_t p = qg_utf8_prev(b->text.ptr, i), j = p;
  uint32_t c = qg_utf8_next(b->text.ptr, i, &j);
  if (c == 0xFF09 || c == ')') /* (a credit after the note: …摄（完）周敏 摄) */
    return note || done_note_at(u, i);
  return note && (c == ' ' || c == '\t' || c == 0x3000 || c == 0x3002 || c == 0xFF01 ||
                  c == 0xFF1F || c == '.' || c == '!' || c == '?');
}

/* credit_done, asked of most blocks by continues and ends_here: the block's last byte first (of
 * ） ) 摄 攝 影 图 圖, or white space), where most blocks go. */
static inline bool credit_done(const qg_block *b) {
  size_t n = b->text.len;
  if (n < 12) return false;
  switch ((unsigned char)b->text.ptr[n - 1]) {
  case 0x89: case ')': case 0x84: case 0x9D: case 0xB1: case 0xBE: case 0x96: case ' ': case '\t':
    return credit_done_read(b);
  default:
    return false;
  }
}

/* Whether b ends a paragraph by a sign the features do not count (probe 12b): a dash of two
 * characters (—— or --, a thought broken off: …这个名字——, GB/T 15834 4.14.3.6; B20), an ASCII
 * full stop after a currency or per-cent sign or after a figure or formula that follows Han
 * (…14亿€. …百分之十1. …SO4.; B4), a contact field (contact_tail; B2), a 主送机关 line
 * (qg_para_addressee; B5), or a jump note (…供热企业将在（下转第3版）, …早见效.转第3版: the story
 * goes on on another page, and the next block is another item's; probe 17 P1), or the note
 * that ends a story or a credit after it (done_note_at, credit_done; session 46). A column cut
 * falls there only by chance. */
static bool ends_here(const qg_block *b, const qg_feat *f) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len;
  while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t')) n--;
  if (n < 2) return false;
  /* (not while a quotation or a bracket opened in it is open: …只有一个—— | 让每一个孩子…。”
   * goes on; review 12b S2) */
  bool open_pair = f->quote_open || f->unclosed;
  /* the dash may be followed by the quotation marks that close the speech it breaks off
   * (…慢着点——” | 话音没落…: a novel's dialogue, probe 27 H3) */
  size_t d = n;
  while (d > 0 && (u[d - 1] == '"' || u[d - 1] == '\''))
    d--;
  while (d >= 3 && u[d - 3] == 0xE2 && u[d - 2] == 0x80 && (u[d - 1] == 0x9D || u[d - 1] == 0x99))
    d -= 3; /* ” ’ */
  /* (a quotation set in the narration, 喊了一声“让一让——” | 就被…挤到了一边, its opening mark right
   * after a Han character, goes on: review 27b M2; after a mark, 喊，“…慢着点——”, or opening the
   * paragraph, the speech is the paragraph's end) */
  bool dash = (d >= 2 && u[d - 1] == '-' && u[d - 2] == '-') ||
              (d >= 6 && !memcmp(u + d - 6, "\xE2\x80\x94\xE2\x80\x94", 6));
  if (d < n && dash) {
    size_t q = d;
    while (q > 0 && u[q - 1] != '"' && !(q >= 3 && u[q - 3] == 0xE2 && u[q - 2] == 0x80 &&
                                         u[q - 1] == 0x9C)) /* “ */
      q--;
    if (q > 0) {
      q -= u[q - 1] == '"' ? 1 : 3;
      if (q > 0) {
        size_t p = qg_utf8_prev(b->text.ptr, q), i = p;
        if (qg_cp_is_han(qg_utf8_next(b->text.ptr, q, &i))) return false;
      }
    }
  }
  if (d >= 2 && u[d - 1] == '-' && u[d - 2] == '-') return !open_pair && d >= 3 && u[d - 3] != '-';
  if (d >= 6 && !memcmp(u + d - 6, "\xE2\x80\x94\xE2\x80\x94", 6))
    return !open_pair && (d < 9 || memcmp(u + d - 9, "\xE2\x80\x94", 3));
  if (bracket_note(b) || done_note_at(u, n) || credit_done(b)) return true;
  if (u[n - 1] == '.') {
    size_t p = qg_utf8_prev(b->text.ptr, n - 1), i = p;
    uint32_t c = qg_utf8_next(b->text.ptr, n, &i);
    if (c == 0x20AC || c == 0xA3 || c == '$' || c == 0xA5 || c == 0xFFE5 || c == '%' ||
        c == 0x2030)
      return true; /* € £ $ ¥ ￥ % ‰ */
    size_t k = n - 1; /* back over letters and digits: a figure or a formula */
    while (k > 0 && u[k - 1] < 0x80 && isalnum(u[k - 1])) k--;
    if (k < n - 1 && k > 0 && isdigit(u[n - 2])) {
      p = qg_utf8_prev(b->text.ptr, k), i = p;
      if (qg_cp_is_han(qg_utf8_next(b->text.ptr, n, &i))) return true;
    }
  }
  return (f->end == QG_END_COLON && !f->stops && f->chars <= 120 &&
          qg_para_addressee(b->text.ptr, b->text.len)) ||
         contact_tail(b) || qg_text_jump_tail(b->text.ptr, b->text.len) != SIZE_MAX;
}

/* Open (is_open_feat), and in the blank layout not a line heading (blank_line_heading); not
 * when it ends with an emoji (ends_emoji) or a sign of a paragraph's end (ends_here). */
static bool is_open(const qg_block *b, const qg_feat *f, bool marks) {
  return is_open_feat(f, dateline_body(b, f)) && (marks || !blank_line_heading(b, f)) && !ends_emoji(b) &&
         !ends_here(b, f);
}

/* Whether block a ends with a letter or digit (Han, Latin, a digit): cut inside a sentence. */
static bool ends_inside_word(const qg_block *a) {
  size_t n = a->text.len;
  while (n && (a->text.ptr[n - 1] == ' ' || a->text.ptr[n - 1] == '\t')) n--;
  if (!n) return false;
  size_t i = qg_utf8_prev(a->text.ptr, n);
  uint32_t c = qg_utf8_next(a->text.ptr, n, &i);
  return qg_cp_is_han(c) || (c < 0x80 && (((c | 0x20) - (uint32_t)'a' < 26) || c - (uint32_t)'0' < 10));
}

/* Whether a ends with the first letters of a link's scheme after Han or a mark (访问ht, h, htt,
 * http): the rest may follow on the next line (ht|tps://…, qg_join_in_link; probe 26 H3). */
static bool scheme_head(const qg_block *a) {
  const unsigned char *u = (const unsigned char *)a->text.ptr;
  size_t n = a->text.len, t = n;
  while (t > 0 && n - t < 5 && (unsigned)((u[t - 1] | 0x20) - 'a') < 26u) t--;
  if (t == n || t == 0 || u[t - 1] < 0x80) return false;
  static const char *const heads[] = {"https", "ftps", NULL};
  for (int k = 0; heads[k]; k++)
    if (n - t < strlen(heads[k]) && !strncasecmp((const char *)u + t, heads[k], n - t)) return true;
  return false;
}

/* Whether the line end between a and b falls inside a link cut by the column (qg_join_in_link),
 * an e-mail address's domain cut before its dot (zhangsan@exam) going on only with a token that
 * holds the dot (ple.com): a block that opens with a figure or a word without one starts text
 * of its own (…zhangsan@exam | 6月份，… was glued, zhangsan@exam6月份, by a second clean that
 * read the first's caption ending with the address as open; session 45). The paragraph stage's
 * joins ask qg_join_in_link alone: there it only says whether a space goes in (bugs@samb|al). */
static bool link_cut(const qg_block *a, const qg_block *b) {
  if (!qg_join_in_link(a->text.ptr, a->text.len, b->text.ptr, b->text.len)) return false;
  const unsigned char *u = (const unsigned char *)a->text.ptr, *v = (const unsigned char *)b->text.ptr;
  size_t i = a->text.len, h = 0; /* (back over the domain's label, on over its rest's) */
  while (i > 0 && (qg_ascii_alnum(u[i - 1]) || u[i - 1] == '-' || u[i - 1] == '_')) i--;
  if (i == 0 || u[i - 1] != '@') return true;
  while (h < b->text.len && (qg_ascii_alnum(v[h]) || v[h] == '-' || v[h] == '_')) h++;
  return h < b->text.len && v[h] == '.';
}

/* Whether a line may go on in a block that opens with a closing mark (closer_cut): it ends
 * inside a word, or leaves a quotation or a bracket open. */
static bool closed_later(const qg_block *a, const qg_feat *f) {
  return (f->end == QG_END_NONE && ends_inside_word(a)) || f->quote_open || f->unclosed;
}

/* Whether b goes on with the line a left: b is a lone closing mark or marks (。 ”。 ）, a PDF's
 * line of its own) after a line that ends inside a word, or b opens with a closing quotation
 * mark or bracket that a left open (…这不一定合适。 | ”黄志刚说，…): no paragraph opens with
 * one (probe 26 H6, M3). */
static bool closer_cut(const qg_block *a, const qg_feat *f, const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (!n) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F)
    return f->quote_open || (ends_inside_word(a) && f->end == QG_END_NONE && i == n);
  /* a straight " alone on its line closes the quotation a left open (…敢于犯错。 | ": probe 27
   * L3; the scan counts straight quotes as the punct stage pairs them) */
  if (c == '"') return i == n && f->quote_open;
  if (c == 0xFF09 || c == 0x300B || c == 0x3011 || c == 0x3009)
    return f->unclosed;
  if (!(c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F))
    return false;
  /* a mark alone, or with closing quotes and brackets after it (。” ？）) */
  while (i < n) {
    uint32_t d = qg_utf8_next(s, n, &i);
    if (!(d == 0x201D || d == 0x2019 || d == 0xFF09 || d == 0x300B || d == 0x300D ||
          d == 0x300F || d == 0x3002))
      return false;
  }
  return f->end == QG_END_NONE && ends_inside_word(a);
}

/* Whether block a (features f) may continue in the next block: open, or a line that ends with
 * a number after Han (全区共有老旧小区8), a number and its point or colon (提高0.), or half a
 * mark of two characters (…), which continues only the number or the mark (cut_number,
 * half_pair_cut). */
static bool may_continue(const qg_block *a, const qg_feat *f, bool marks) {
  uint64_t v;
  /* (a separator line; Markdown's markers alone, - or ===: review 13 R11) */
  if (qg_text_is_rule(a->text.ptr, a->text.len) || qg_text_marker_line(a->text.ptr, a->text.len))
    return false;
  if (is_open(a, f, marks) || qg_join_link_tail(a->text.ptr, a->text.len)) return true;
  uint32_t sep;
  size_t after;
  bool marked = marks && (mark_number_tail(a, &sep, &after) > 0 || half_pair_tail(a) != 0);
  bool held = marks && closed_later(a, f);
  return (f->end == QG_END_NONE || marked || held) && !f->table && f->author_tail.at == SIZE_MAX &&
         !caption(f) && !f->credit && !f->author && !f->byline && !f->section && !subtitle(f) &&
         (marked || held || tail_number(a, &v) > 0 || grouped_tail(a) || scheme_head(a) ||
          (marks && qg_join_latin_tail(a->text.ptr, a->text.len)));
}

static bool boundary(const qg_feat *f) {
  return f->section || f->byline || f->dateline || subtitle(f) || caption(f) || f->credit ||
         f->author || f->subhead_num || f->sidebar || f->notice;
}

/* An interview's question (记者：下一步有什么打算？, 问：资金从哪里来？): the reporter's or host's
 * label (记者 本报记者 主持人, or 问 alone; at most four characters), a colon, and a question that
 * ends with ？ or ?. Never the continuation of an answer cut before it (probe 17 P9); the
 * structure stage takes it for no heading either (question_line there, which takes any label
 * ending in 问: here 人们不禁要问：…吗？ after a comma goes on). */
static bool interview_question(const qg_block *b, const qg_feat *f) {
  if (f->end != QG_END_STOP || !f->end_exclaim || f->chars > 120) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0, from;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  from = i;
  unsigned label = 0;
  uint32_t c = 0;
  while (i < n && label <= 4) {
    c = qg_utf8_next(s, n, &i);
    if (c == 0xFF1A || c == ':') break;
    if (!qg_cp_is_han(c)) return false;
    label++;
  }
  if ((c != 0xFF1A && c != ':') || !label || label > 4) return false;
  size_t colon = qg_utf8_prev(s, i);
  static const char *const who[] = {"记者", "記者", "主持人", NULL};
  bool asks = (colon - from == 3 && (!memcmp(s + from, "问", 3) || !memcmp(s + from, "問", 3)));
  for (int w = 0; who[w] && !asks; w++) {
    size_t k = strlen(who[w]);
    asks = colon - from >= k && !memcmp(s + colon - k, who[w], k);
  }
  if (!asks) return false;
  size_t z = n;
  while (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
  return (z >= 3 && !memcmp(s + z - 3, "？", 3)) || (z >= 1 && s[z - 1] == '?');
}

/* Whether b opens as a paragraph of its own after one that ends with a colon: a point of a
 * list (一是 首先 其次 第一， 其二，…). */
static bool opens_after_colon(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3; /* an ideographic indent */
  size_t k = i;
  uint32_t c = qg_utf8_next(s, n, &k);
  static const char *const heads[] = {"首先", "其次", NULL}; /* (再次 is "again" too) */
  for (int h = 0; heads[h]; h++)
    if (n - i >= 6 && !memcmp(s + i, heads[h], 6)) return true;
  /* 一是 … 十是; 第一， 其二、 */
  bool ord = c == 0x7B2C /*第*/ || c == 0x5176 /*其*/;
  size_t j = ord ? k : i, digits = 0;
  while (j < n) {
    size_t q = j;
    uint32_t d = qg_utf8_next(s, n, &q);
    if (!(d == 0x4E00 || d == 0x4E8C || d == 0x4E09 || d == 0x56DB || d == 0x4E94 ||
          d == 0x516D || d == 0x4E03 || d == 0x516B || d == 0x4E5D || d == 0x5341))
      break; /* 一 二 三 四 五 六 七 八 九 十 */
    digits++;
    j = q;
  }
  if (!digits || digits > 2 || j >= n) return false;
  size_t q = j;
  uint32_t after = qg_utf8_next(s, n, &q);
  if (ord) return after == 0xFF0C /*，*/ || after == 0x3001 /*、*/;
  return after == 0x662F /*是*/;
}

/* Whether b opens with a label of one to four Han characters and a colon with text after it
 * (小鱼：周末去爬山不？, 时间：5月3日): a turn of a dialogue or a field of a form. A chat's name
 * may carry up to three pictographs before the colon (小鱼🐟：; qg_text_speaker; probe 20
 * 10-chat). */
static bool label_led(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return qg_text_speaker(s + i, n - i, NULL) != 0;
}

/* Whether b's text (past an indent of ASCII spaces and TABs) is a line of program code
 * (qg_text_code_line); most blocks are let go at their first byte. */
static bool code_block(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return i < n && (unsigned char)s[i] < 0x80 && (unsigned char)s[n - 1] < 0x80 &&
         qg_text_code_line(s, n, i);
}

/* Whether b opens with an item's figure and its mark, N． N. N、 (one or two digits), and text
 * that is no figure: an exam's question (4．-5的绝对值是______。), an outline's point. */
static bool item_led(const qg_block *b) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len, i = qg_text_exam_item(b->text.ptr, n, true, NULL);
  if (!i) return false;
  while (i < n && (u[i] == ' ' || u[i] == '\t')) i++;
  return i < n && (unsigned)(u[i] - '0') >= 10u && !(n - i >= 3 && u[i] == 0xEF && u[i + 1] == 0xBC &&
                                                    (unsigned)(u[i + 2] - 0x90) < 10u);
}

/* Whether b ends with an answer's bracket holding only white space ( ), （ ）, （　　）. */
static bool answer_tail(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n && s[n - 1] == ')') n--;
  else if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x89", 3)) n -= 3; /* ） */
  else return false;
  size_t z = n;
  for (;;) {
    if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    else if (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3; /* U+3000 */
    else break;
  }
  if (n == z) return false;
  return (n && s[n - 1] == '(') || (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x88", 3)); /* （ */
}

/* Whether b opens with an item's number of one or two figures and . or ． before another
 * figure (11.16的平方根…), which only an exam section's heading over it shows is an item's
 * (exam_heading). */
static bool item_led_figure(const qg_block *b) {
  size_t i = qg_text_exam_item(b->text.ptr, b->text.len, false, NULL);
  return i && i < b->text.len && (unsigned)((unsigned char)b->text.ptr[i] - '0') < 10u;
}

/* Whether b is an exam section's heading: it holds 题 and ends with a score in brackets,
 * 分） or 分) (二、填空题（每小题4分，共24分）). */
static bool exam_heading(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return qg_text_exam_heading(s, n);
}

/* 'Q' or 'A' when b opens with a question's or an answer's label (qg_text_qa_label). */
static int qa_led(const qg_block *b) { return qg_text_qa_label(b->text.ptr, b->text.len); }

/* Whether a word of the segmenter (the built-in terms, a desk's --dict terms, ICU's dictionary)
 * runs across the cut between the Han characters that end a and those that open b: 推动高质量发 |
 * 展取得新成效 (高质量发展), 层层传导压 | 力，确保 (压力), not 压实安全责任 | 各地各部门要 (责任 | 各地).
 * -1 when the segmenter cannot be had. */
static int word_across(repair_stage *rs, const qg_block *a, const qg_block *b) {
  return qg_join_word_across(qg_ctx_segmenter(rs->base.ctx), a->text.ptr, a->text.len,
                             b->text.ptr, b->text.len, &rs->toks, false);
}

/* Decision (probe 40 D6): where lines are cut (layout line or wrapped), a column line of 10 to
 * 20 characters that holds one clause mark inside, none at its end and no other mark, and ends
 * inside a word (Han, a letter or a digit) is a title's shape, but the column cut it
 * (在男子高中组决赛中,市一中队以68比 | 62战胜实验中学队,…; 今年前三季度，全市实现地区生产总值一 |
 * 万二千亿元，…) when the line under it is body text and shows the cut: it opens with a figure
 * that is no date's, time's or list point's (62战胜, 71.3%; not 2026年, 12月, 3时, 2.加强, 3、),
 * or a word of the segmenter runs across the cut (一|万). A title holds a comma seldom, and the
 * paragraph under it opens with a date, a dateline or a word of its own. */
static bool comma_line(const qg_block *b, const qg_feat *f, bool marks) {
  return marks && f->end == QG_END_NONE && f->commas == 1 && !f->num_comma && !f->stops &&
         f->chars >= 10 && f->chars <= 20 && !f->unclosed && !f->quote_open && !f->table &&
         !f->dateline && !boundary(f) && f->author_tail.at == SIZE_MAX &&
         ends_inside_word(b);
}

/* Whether b opens with a figure that goes on a sentence: digits, then no unit of a date or a
 * time and no list point's mark (a point only before a further digit: 71.3%). */
static bool figure_lead(const qg_block *b) {
  uint32_t c;
  size_t bd = lead_digits(b, &c, NULL, 0);
  if (!bd) return false;
  if (c == 0x5E74 /*年*/ || c == 0x6708 /*月*/ || c == 0x65E5 /*日*/ || c == 0x53F7 /*号*/ ||
      c == 0x65F6 /*时*/ || c == 0x3001 /*、*/ || c == ')' || c == 0xFF09 || c == 0)
    return false;
  if (c == '.' || c == 0xFF0E) {
    const char *s = b->text.ptr;
    size_t n = b->text.len, i = 0;
    for (size_t k = 0; k <= bd && i < n; k++) qg_utf8_next(s, n, &i);
    return i < n && qg_cp_digit(qg_utf8_next(s, n, &i)) >= 0;
  }
  return true;
}

static bool comma_line_cut(repair_stage *rs, const qg_block *a, const qg_feat *af,
                           const qg_block *b, const qg_feat *bf) {
  /* (a figure under it goes on the line only after a word that wants one, 以3比 | 1战胜,
   * 提高到 | 71.3%; a title with a comma ending in a whole word, 稳就业，东湖区出台十条新措施, over a
   * paragraph that opens with a count, 3000余名高校毕业生…, stays a title: the read-through of
   * session 41) */
  return comma_line(a, af, rs->marks) && body_like(bf) && !qg_feat_heading(bf) &&
         ((figure_lead(b) && qg_cp_wants_object(qg_block_last_char(a))) ||
          word_across(rs, a, b) > 0);
}

/* In the blank layout, a numbered point whose heading is two or three phrases between commas
 * (一、提高思想认识，压实安全责任, （二）强化监督，严格问责，确保实效): a subhead number at its start
 * (一、 to 十、, （一） to （十）, 1、 1．), then phrases of 2 to 12 Han characters between ， or ,
 * and nothing else, at most 24 characters past the number, the last character no word that
 * wants its object (…稳中有进为 | 下一步… goes on). Whether it is a heading over the block after
 * the blank line or a point cut at the column's end is read at the cut (comma_point_cut). A
 * point of four phrases, or one holding another mark, a figure or a Latin letter, is body text
 * cut at the column's end as before. */
static bool comma_point(const qg_block *b, const qg_feat *f) {
  if (!f->subhead_num || f->stops || f->end != QG_END_NONE || f->unclosed || f->quote_open ||
      f->table || f->dateline || b->text.len > 40 * 3)
    return false;
  uint32_t z = qg_block_last_char(b);
  if (!qg_cp_is_han(z) || qg_cp_wants_object(z)) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  size_t k = i;
  uint32_t c = qg_utf8_next(s, n, &k);
  if (c == 0xFF08 || c == '(') { /* （一） */
    int d = 0;
    while (k < n && d <= 2 && (c = qg_utf8_next(s, n, &k)) != 0xFF09 && c != ')') d++;
    if (c != 0xFF09 && c != ')') return false;
  } else { /* 一、 1、 1． */
    k = i;
    int d = 0;
    while (k < n && d <= 2) {
      size_t q = k;
      c = qg_utf8_next(s, n, &q);
      if (!(qg_cp_cn_numeral(c) == 1 || c == 0x5341 /*十*/ || c - '0' < 10u)) break;
      k = q, d++;
    }
    if (!d || k >= n) return false;
    c = qg_utf8_next(s, n, &k);
    if (c != 0x3001 && c != 0xFF0E && c != '.') return false;
  }
  int phrases = 0, run = 0, total = 0;
  while (k < n) {
    c = qg_utf8_next(s, n, &k);
    if (qg_cp_is_han(c)) {
      run++, total++;
      continue;
    }
    if ((c != 0xFF0C && c != ',') || run < 2 || run > 12) return false;
    phrases++, run = 0;
  }
  if (run < 2 || run > 12) return false;
  phrases++;
  if (phrases < 2 || phrases > 3 || total > 24) return false;
  /* review 26b H2: a last phrase that ends on a verb or an adverb waiting for what follows
   * (切实增强 | 做好…的责任感, 各地要成立 | 工作专班, 统筹 | 推进…) is a point cut at the column */
  static const char tail_words[] =
      "增强成立统筹加强提高推进建立完善落实做好强化深化推动促进加快健全优化提升坚持严格切实全面"
      "确保保障抓好抓紧规范加大扩大实施开展组织构建打造培育营造发挥形成维护防范化解压实夯实筑牢"
      "守住严守聚焦围绕支持鼓励引导督促指导明确细化积极认真不断持续大力着力努力逐步";
  if (n >= 6)
    for (size_t w = 0; w + 6 <= sizeof tail_words - 1; w += 6)
      if (!memcmp(s + n - 6, tail_words + w, 6)) return false;
  return true;
}

/* Whether the numbered point a (comma_point) is cut at the column's end and goes on in b: b
 * opens with a clause mark (which no paragraph opens with: 激发市场活力 | ，增强发展动力), or a word
 * runs across the cut (word_across: 推动高质量发 | 展取得新成效; review 25b H1). Otherwise the
 * point is its section's heading and the blank line the author's (一、提高思想认识，压实安全责任 |
 * 各地各部门要…; probe 25 head1: they were joined, para-join). When the segmenter cannot be had,
 * the cut is taken as shown, as before. */
static bool comma_point_cut(repair_stage *rs, const qg_block *a, const qg_block *b) {
  if (qg_text_opens_clause_mark(b->text.ptr, b->text.len)) return true;
  /* (or the particle 的, which opens no paragraph, opens it, not 的确: …安排情况 | 的汇报，…;
   * review 44 H2, point_heading had kept them apart. Not the other characters goes_on_char reads
   * at a line's end: they open words that open paragraphs, 及时 地方 过去 并且 而且 和平 与此同时,
   * review 44b; …养护方案 | 并要求…, 并 a word of its own, is joined before this is asked:
   * continues' rest_cut, session 45) */
  if (b->text.len >= 6 && !memcmp(b->text.ptr, "\xE7\x9A\x84", 3) &&
      memcmp(b->text.ptr + 3, "\xE7\xA1\xAE", 3))
    return true;
  return word_across(rs, a, b) != 0;
}

/* Where lines are cut (line and wrapped layouts), a numbered point that is a heading by its
 * shape (session 44, probe 42 M1: 二、听取了…进展情况的汇报 over 会议要求，…): a subhead number at
 * its start (一、 （一） 1.), then at most 32 characters with no mark (no clause or sentence mark
 * past the number's own, nothing left open), ending on a Han character that is no particle or
 * conjunction (了 的 和 …, goes_on_char) and wants no object. Only the number's 、 made it
 * body text (one clause mark in over 20 characters), so repair took the paragraph under it for
 * its rest; blank_line_heading keeps it apart in the blank layout. Whether it is cut at the
 * column's end is read at the cut (comma_point_cut: a clause mark opens the next block, or a
 * word runs across). */
static bool point_heading(const qg_block *b, const qg_feat *f) {
  if (!f->subhead_num || f->chars > 32 || f->stops || f->commas != 1 || f->end != QG_END_NONE ||
      f->unclosed || f->quote_open || f->table || f->dateline)
    return false;
  uint32_t z = qg_block_last_char(b);
  return qg_cp_is_han(z) && !goes_on_char(z) && !qg_cp_wants_object(z) && blank_line_heading(b, f);
}

/* The end of the Han characters that open s[0..n), eight at most, and in *k how many: the text
 * the segmenter reads for the word a block opens with (rest_word, figure_list_cut). */
static size_t han_lead(const char *s, size_t n, int *k) {
  size_t e = 0;
  *k = 0;
  while (e < n && *k < 8) {
    size_t q = e;
    if (!qg_cp_is_han(qg_utf8_next(s, n, &q))) break;
    e = q, ++*k;
  }
  return e;
}

/* Whether b opens with a word that no paragraph opens with, so that it is the rest of a line
 * cut before it (session 45, review 44 H2b, probe 44 M1): the particle 的 as a word of its own
 * before a word (…关于市人民政府工作报告 | 的决议，…; not 的确 的话, nor 的士 的哥 的卢, which the
 * segmenter parts from their first character), or the conjunction 并 as a word of its own before
 * a word of two characters or more or a preposition or adverb (…城市道路养护方案 | 并要求各区…,
 * 并于 并将 并未; not 并且 并非 并列 并购 并肩 并重, words of their own that open sentences, nor
 * 并 网 before a single noun). Read with the segmenter on b's first Han characters; without it,
 * no. */
static bool rest_word(repair_stage *rs, const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n < 6) return false;
  bool de = !memcmp(s, "\xE7\x9A\x84", 3), bing = !memcmp(s, "\xE5\xB9\xB6", 3);
  if (!de && !bing) return false;
  int k;
  size_t e = han_lead(s, n, &k);
  if (k < 2) return false;
  qg_segmenter *sg = qg_ctx_segmenter(rs->base.ctx);
  if (!sg || qg_segment_words(sg, s, e, &rs->toks) || rs->toks.n < 2) return false;
  const qg_token *t0 = &rs->toks.v[0], *t1 = &rs->toks.v[1];
  if (t0->start != 0 || t0->end != 3 || t1->start != 3) return false;
  if (t1->end - t1->start >= 6) return true;
  size_t i = 3;
  uint32_t c = qg_utf8_next(s, n, &i);
  static const uint32_t de_no[] = {0x58EB /*士*/, 0x54E5 /*哥*/, 0x5362 /*卢*/};
  static const uint32_t bing_ok[] = {0x4E8E /*于*/, 0x5C06 /*将*/, 0x672A /*未*/, 0x5728 /*在*/,
                                     0x5411 /*向*/, 0x5BF9 /*对*/, 0x4E0E /*与*/, 0x5C31 /*就*/,
                                     0x628A /*把*/, 0x4EE5 /*以*/, 0x7531 /*由*/, 0x7ECF /*经*/,
                                     0x88AB /*被*/, 0x4E3A /*为*/, 0x6309 /*按*/, 0x4ECE /*从*/,
                                     0x7ED9 /*给*/, 0x540C /*同*/, 0x8981 /*要*/, 0x5DF2 /*已*/};
  if (de) /* (not 的的确确, which the segmenter reads 的 | 的确 | 确: read-through 45 F4) */
    return c != de_no[0] && c != de_no[1] && c != de_no[2] && c != 0x7684 /*的*/;
  for (size_t j = 0; j < sizeof bing_ok / sizeof *bing_ok; j++)
    if (c == bing_ok[j]) return true;
  return false;
}

/* rest_end: whether a, a line that ends inside its clause (a Han character or 》 last, no mark at its
 * end, nothing left open) and is no caption, credit, byline, author, section name, subtitle,
 * dateline nor table row, goes on in b, which opens with a word no paragraph opens with
 * (rest_word). Read in every layout, before a's shape (a heading's, a numbered heading's:
 * point_heading, comma_point) keeps them apart: 一、会议同意…养护方案 | 并要求各区…,
 * 会议表决通过了关于市人民政府工作报告 | 的决议，表决结果如下：… (session 45). A block of
 * rest_end's shape that no rule holds open is held as sub until the next block shows it (take,
 * repair_push). */
static bool rest_shape(const qg_block *a, const qg_feat *f, unsigned least);

static bool rest_end(const qg_block *a, const qg_feat *f) {
  return rest_shape(a, f, 8);
}

/* Whether a has rest_end's shape with at least `least` characters: a line that ends inside
 * its clause. A line over a periodical's citation in book-title marks (book_issue) may be as
 * short as 本文原载 (cite_lead; session 46, review 46 L1). */
static bool rest_shape(const qg_block *a, const qg_feat *f, unsigned least) {
  if (f->end != QG_END_NONE || f->unclosed || f->quote_open || f->table || f->dateline ||
      f->author_tail.at != SIZE_MAX || caption(f) || f->credit || f->author || f->byline ||
      f->section || subtitle(f) || f->sidebar || f->notice)
    return false;
  /* (a short heading or one with a gap in it, 第三章　总则 | 并于…, 会议议程 | 并听取了…, is no
   * line cut inside its clause: read-through 45 F4) */
  if (f->chars < least || memchr(a->text.ptr, ' ', a->text.len) ||
      qg_text_ideo_space(a->text.ptr, a->text.len))
    return false;
  uint32_t z = qg_block_last_char(a);
  return qg_cp_is_han(z) || z == 0x300B /*》*/;
}

/* Whether a, a line of two characters or more that ends inside its clause (rest_shape: 本文原载,
 * 这篇散文最初刊登在), may be the sentence that a periodical's citation on the line under it
 * (book_issue) goes on: such a line is held as sub (take, however short, with no open above
 * it; or held under an open paragraph as a line that may go on) and the citation held under it
 * (held_cite) until the block after shows whether the sentence cites it (session 46, review 46
 * M1, L1: a short line in the blank layout, and a line held under a title in the line layout,
 * were put out at once, and the three stayed apart in the first clean). */
static bool cite_lead(const qg_block *a, const qg_feat *f) {
  return rest_shape(a, f, 2);
}

/* Session 47 (s47-wrap, probe 46 H4c): whether b opens with a clause or sentence mark (， 。 ； ：
 * ！ ？, or ASCII , ; ! ?), which no paragraph opens with: where lines are cut (the line and
 * wrapped layouts) it is the rest of the line above cut before its mark, as a word no paragraph
 * opens with is (rest_word). Not 、 (a list's number lost before it opens a line so as often:
 * 第二章　管理 | 、学校的…, review 44b) nor an ASCII point or colon (a figure's rest, 3 | .5%, which
 * the number cuts read). */
static bool mark_rest(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  return c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 || c == 0xFF1F ||
         c == ',' || c == ';' || c == '!' || c == '?';
}

static bool rest_cut(repair_stage *rs, const qg_block *a, const qg_feat *f, const qg_block *b) {
  return rest_end(a, f) && (rest_word(rs, b) || (rs->marks && mark_rest(b)));
}

/* Whether b is the rest of the deck a (deck_rest) under a title: in every layout, as the cleaned
 * text, read in the blank layout, joins them (a wrapped page's deck of two lines, review 34a
 * A026, kept them apart, and its cleaned text was no fixed point). */
static bool deck_pair(const repair_stage *rs, const qg_block *ab, const qg_feat *a,
                      const qg_block *bb, const qg_feat *b) {
  return rs->open_head && !rs->open_joined && blank_deck(ab, a) && deck_rest(bb, b) &&
         a->chars + b->chars <= 40;
}

/* An attachment's list under a document's body (附件：1.…检查 | 标准（2026年修订版） | 2.…模板, session
 * 44, probe 42 M7). An item's name ends with the kind of document it is (annex_kind: 标准 办法
 * 方案 …表, 记录 台账 since review 44 L1: `2.道路巡查记录` took the unnumbered line under it; a
 * bracket after it or not, （2026年修订版） （试行）); the issuer's name and the date under the list
 * do not. */
static bool annex_kind(const qg_block *b) {
  static const char *const kinds[] = {
      "标准", "办法", "方案", "细则", "规定", "规范", "制度", "规则", "指南", "要点", "意见",
      "通知", "计划", "规划", "目录", "清单", "名单", "名录", "表", "模板", "范本", "报告",
      "说明", "须知", "协议", "合同", "书", "章程", "纲要", "守则", "流程", "流程图", "指引",
      "手册", "条例", "决定", "公告", "通告", "材料", "汇编", "记录", "台账", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  /* (past one bracket at the end, （2026年修订版）, （试行）, (样表)) */
  if (n >= 3 && (!memcmp(s + n - 3, "\xEF\xBC\x89", 3) || s[n - 1] == ')')) {
    size_t k = n;
    while (k > 0) {
      size_t p = qg_utf8_prev(s, k), q = p;
      uint32_t c = qg_utf8_next(s, n, &q);
      if (c == 0xFF08 || c == '(') break;
      k = p;
    }
    if (!k) return false;
    n = qg_utf8_prev(s, k);
  }
  for (size_t w = 0; kinds[w]; w++) {
    size_t m = strlen(kinds[w]);
    if (n >= m && !memcmp(s + n - m, kinds[w], m)) return true;
  }
  return false;
}

/* Past an item's number at s[i..n) (1. 1． 1、 2) ...: one or two figures and the mark), or i. */
static size_t annex_number(const char *s, size_t n, size_t i) {
  size_t k = i;
  while (k < n && k - i < 2 && (unsigned)(s[k] - '0') < 10u) k++;
  if (k == i || k >= n) return i;
  if (s[k] == '.' || s[k] == ')') return k + 1;
  if (n - k >= 3 && (!memcmp(s + k, "\xEF\xBC\x8E", 3) || !memcmp(s + k, "\xE3\x80\x81", 3)))
    return k + 3; /* ． 、 */
  return i;
}

/* Where b opens as an attachment's list: past 附件： (附件:), or 0. */
static size_t annex_lead(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n < 9 || ((unsigned char)s[0] != 0xE9 && s[0] != ' ' && s[0] != '\t')) return 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < 9 || memcmp(s + i, "\xE9\x99\x84\xE4\xBB\xB6", 6)) return 0; /* 附件 */
  i += 6;
  if (!memcmp(s + i, "\xEF\xBC\x9A", 3)) return i + 3;
  return s[i] == ':' ? i + 1 : 0;
}

/* Whether b, where lines are cut, is an item of an attachment's list whose name may go on in the
 * next line: it opens with 附件： (a number after it or not), or with an item's number right under
 * such a line or item (rs->annex); at most 40 characters, no sentence mark, clause mark or colon
 * past the lead, Han last, and its name does not end with a document's kind (annex_kind). */
static bool annex_item(const repair_stage *rs, const qg_block *b, const qg_feat *f) {
  if (!rs->annex) return false; /* (b is no line of an attachment's list: repair_push) */
  /* (the number's point, 1., may count as a sentence mark: the marks past the lead are read
   * below) */
  if (!rs->marks || f->chars > 40 || f->end != QG_END_NONE || f->unclosed ||
      f->quote_open || f->table)
    return false;
  size_t at = annex_lead(b);
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (at) {
    at = annex_number(s, n, at);
  } else {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if ((at = annex_number(s, n, i)) == i) return false;
  }
  static const uint32_t marks[] = {0x3002, 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, ':', ';', ',',
                                   0xFF01, 0xFF1F};
  if (at >= n || holds_mark(s, n, at, marks, sizeof marks / sizeof *marks)) return false;
  return qg_cp_is_han(qg_block_last_char(b)) && !annex_kind(b);
}

/* Whether b is the rest of the attachment's name x (annex_item) cut at the line's end: a line of
 * at most 24 characters, Han first, no mark but a bracket at its end, not an item of its own (no
 * number, no 附件), whose name ends with a document's kind (annex_kind: 东湖市城市道路养护质量检查 |
 * 标准（2026年修订版）). The issuer's name or the date under the list (东湖市城市管理局, 2026年11月25日)
 * ends with none and stays apart. */
static bool annex_rest(const qg_block *b, const qg_feat *f) {
  if (f->chars > 24 || f->stops || f->commas || f->end != QG_END_NONE || f->unclosed ||
      f->quote_open || f->table || f->dateline || f->byline || annex_lead(b))
    return false;
  size_t i = 0;
  if (!qg_cp_is_han(qg_utf8_next(b->text.ptr, b->text.len, &i))) return false;
  /* (a document's own title, 关于做好…的通知, is the next document's, not a name's rest: read44) */
  if (b->text.len >= 6 && !memcmp(b->text.ptr, "\xE5\x85\xB3\xE4\xBA\x8E", 6)) return false;
  static const uint32_t marks[] = {0xFF1A, ':', ';', 0xFF01, 0xFF1F, 0x201C, 0x300A};
  return !holds_mark(b->text.ptr, b->text.len, 0, marks, sizeof marks / sizeof *marks) &&
         annex_kind(b);
}

/* Whether b continues the open paragraph a. A block that repair itself would take for the
 * start of a cut paragraph (a line of ten or more characters ending with a colon) is no
 * display line here: were it one, it would be left apart from a and then joined with its own
 * continuation, and the cleaned text, read again, would join a with the whole (a second run
 * must decide as the first did). */
/* Whether a deck's shape a of 16 characters or more over b shows its cut after all: b opens as
 * no lead under such a deck does (deck_lead), a's end shows it (lead_cut), or a word runs across
 * (continues' deck of one line, and sub_lead's, which the cleaned text is read by). */
static bool deck_cut_shows(repair_stage *rs, const qg_block *a, const qg_block *b) {
  return !deck_lead(a, b) || lead_cut(rs, a) || word_across(rs, a, b) != 0;
}

/* Whether a deck's shape a under 16 characters over the lead b is a narrow column's first line
 * cut where its end shows it: before 记者 (在向 | 记者介绍时…: lead_cut_end, under a lead's
 * opening) or after a list closed by 等 (…等工作 | 当天共…: deng_end, under a time word and an
 * adverb); review 35a E00-E11, session 36. */
static bool short_deck_cut(repair_stage *rs, const qg_block *a, const qg_feat *af,
                           const qg_block *b) {
  if (!lead_deck(a, af)) return false;
  int k = lead_kind(b);
  return (k == 1 && lead_cut_end(rs, a)) || (k == 2 && deng_end(a));
}

/* Whether t opens with a unit of two characters or more, or a word that goes on from a list of
 * figures (…１２０，１１５，１０８ | 平方米，…; …１８，２１，２３ | 摄氏度，…; …6:00，6:30，7:00 |
 * 以后…): the list's rest, for figure_list_cut (session 45, review 45 H2: the list was split
 * from its unit). */
static bool list_rest_word(const char *t, size_t m) {
  static const char *const words[] = {
      "平方米", "平方公里", "立方米", "公里", "千米", "厘米", "毫米", "公斤", "千克", "公顷",
      "摄氏度", "小时", "分钟", "秒钟", "百分点", "个百分点", "人次", "美元", "欧元", "日元",
      "港元", "万元", "亿元", "千元", "万人", "万吨", "万户", "万辆", "左右", "以上", "以下",
      "以内", "之间", "不等", "以后", "以前", "之后", "之前", "余人", "余名", "多人", "多名"};
  for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
    size_t l = strlen(words[k]);
    if (m >= l && !memcmp(t, words[k], l)) return true;
  }
  return false;
}

/* Whether a, a line that ends with a figure and no mark, is open only by the marks of a list of
 * figures in it (１２０，１１５，１０８, 120、115、108: a ， 、 ; or ； with a digit on each side), and b
 * opens with a word of its own, two Han characters or more and no unit (opens_unit): no cut
 * shows, so b starts a paragraph (session 45, review 44 M1). **Decision:** a list's marks are no
 * clause marks for a's openness, so the line reads as the same list with ASCII commas
 * (120,115,108) does, by its length; a figure glued to the next sentence (108随后进行…) is the
 * join's harm. A rest that shows the cut still joins: a unit or a one-character word (…１０８ |
 * 分，…), a clause mark, a word across. Without the segmenter, no. */
static bool list_next_word(repair_stage *rs, const qg_block *bb);

static bool figure_list_cut(repair_stage *rs, const qg_block *ab, const qg_feat *a,
                            const qg_block *bb) {
  /* (body_like holds of any a of more than 32 characters, whatever its marks: a longer one,
   * an open paragraph of up to QG_REPAIR_MAX_BYTES, is not read mark by mark; read45) */
  if (a->end != QG_END_NONE || !a->commas || a->stops || a->unclosed || a->quote_open ||
      a->chars > 32)
    return false;
  const char *s = ab->text.ptr;
  size_t n = ab->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (!n || qg_cp_digit(qg_block_last_char(ab)) < 0) return false;
  unsigned listed = 0;
  uint32_t prev = 0;
  for (size_t i = 0; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B || c == ';') {
      size_t k = i;
      if (qg_cp_digit(prev) < 0 || i >= n || qg_cp_digit(qg_utf8_next(s, n, &k)) < 0) return false;
      listed++;
    }
    prev = c;
  }
  qg_feat f = *a;
  f.commas = listed <= f.commas ? f.commas - listed : 0;
  if (!listed || body_like(&f)) return false;
  return list_next_word(rs, bb);
}

/* Whether b opens with a word of its own after a list of figures: two Han characters or more,
 * no unit (opens_unit) nor a word that goes on from the list (list_rest_word), the segmenter's
 * first word two characters or more (figure_list_cut, indent_list_cut). */
static bool list_next_word(repair_stage *rs, const qg_block *bb) {
  const char *t = bb->text.ptr;
  size_t m = bb->text.len;
  int k;
  size_t e = han_lead(t, m, &k);
  if (k < 2 || opens_unit(bb) || list_rest_word(t, m)) return false;
  qg_segmenter *sg = qg_ctx_segmenter(rs->base.ctx);
  if (!sg || qg_segment_words(sg, t, e, &rs->toks) || !rs->toks.n) return false;
  const qg_token *t0 = &rs->toks.v[0];
  return t0->start == 0 && t0->end >= 6;
}

/* Whether the line end between a and b falls between two rows of a listing (12月8日 19:30 民乐
 * 音乐会《山水清音》 票价：80元、120元、180元 | 12月10日 19:30 话剧《老街坊》 票价：100元…): a opens
 * with a date field (qg_text_date_field) and ends with a price, figures and 元, and b opens with a
 * date field too. A row is no cut, where lines are cut or across a blank line (probe 46 H3: the
 * rows were glued, 180元12月10日, reported as a bare para-join). */
static bool price_date_rows(const qg_block *a, const qg_block *b) {
  const char *s = a->text.ptr;
  size_t n = a->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 4 || memcmp(s + n - 3, "\xE5\x85\x83", 3)) return false; /* 元 */
  size_t p = qg_utf8_prev(s, n - 3), i = p;
  uint32_t c = qg_utf8_next(s, n, &i);
  return qg_cp_digit(c) >= 0 && qg_text_date_field(b->text.ptr, b->text.len) &&
         qg_text_date_field(s, n);
}

/* The digits of a list's last figure indent_list_cut reads back over to its mark. */
#define QG_LIST_FIGURE_MAX 32

/* Whether a paragraph that ends with a list of figures and no mark (…三名选手得分依次 | 为１２０，
 * １１５，１０８: its last run of digits holds a list's mark, ， 、 ； , ; with a digit on each side)
 * stops at b, a paragraph the paragraph stage opened at an indent under an unindented line
 * (indent_start: a page whose indents show where paragraphs start) and that opens with a word
 * of its own (list_next_word): an indented line opens a paragraph, and nothing at the cut shows
 * otherwise (review 45 L8: 108随后进行的…, where the paragraph held a clause of its own, so
 * figure_list_cut, which reads a line open only by the list's marks, did not hold; session 46).
 * So in the blank layout, across the blank line, which is the author's: the cleaned text of
 * such a page, read again, keeps the two apart as the first clean did. */
static bool indent_list_cut(repair_stage *rs, const qg_block *ab, const qg_feat *a,
                            const qg_block *bb, bool marks) {
  if (!(bb->indent_start || !marks) || a->end != QG_END_NONE || a->unclosed || a->quote_open) return false;
  const char *s = ab->text.ptr;
  size_t n = ab->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (!n || qg_cp_digit(qg_block_last_char(ab)) < 0) return false;
  /* back over the last figure to the list mark before it, which needs a digit before it: the
   * first mark decides (the run before it is not read: a long open paragraph of figures, up to
   * QG_REPAIR_MAX_BYTES, was read whole at every block asked, as figure_list_cut's bound says) */
  size_t i = n;
  for (int d = 0; i > 0 && d < QG_LIST_FIGURE_MAX; d++) {
    size_t p = qg_utf8_prev(s, i), k = p;
    uint32_t c = qg_utf8_next(s, n, &k);
    if (c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B || c == ';') {
      if (!p) return false;
      size_t r = qg_utf8_prev(s, p);
      return qg_cp_digit(qg_utf8_next(s, n, &r)) >= 0 && list_next_word(rs, bb);
    }
    if (qg_cp_digit(c) < 0) return false;
    i = p;
  }
  return false;
}

/* Whether a, a paragraph that leaves a quotation open and ends with a modal particle and no mark
 * (他说：“你爷爷要是知道，该多高兴啊), is a speech that lost its closing mark and ”, and b, which
 * opens with a Han character and closes no quotation (我把这封信读了一遍又一遍。), the author's
 * next paragraph: in the blank layout the two stay apart (probe 45 L2: they were joined, while
 * punct-unmatched said no paragraph after it continues the quotation; session 46). A speech cut
 * there goes on in a block that closes it (…一起去吧 | 这样大家都方便。”), which still joins; a
 * quotation that runs over paragraphs opens each with “ (GB/T 15834 4.1.3.2), as before. */
static bool speech_end(const qg_block *ab, const qg_feat *a, const qg_block *bb) {
  if (!a->quote_open || a->unclosed || a->end != QG_END_NONE) return false;
  switch (qg_block_last_char(ab)) {
  case 0x554A: case 0x5440: case 0x5427: case 0x5462: case 0x5417: case 0x561B: case 0x5566:
  case 0x54C7: /* 啊 呀 吧 呢 吗 嘛 啦 哇 */
    break;
  default:
    return false;
  }
  size_t i = 0;
  if (!bb->text.len || !qg_cp_is_han(qg_utf8_next(bb->text.ptr, bb->text.len, &i))) return false;
  return !holds_mark(bb->text.ptr, bb->text.len, 0, (const uint32_t[]){0x201D, '"'}, 2);
}

static bool continues(repair_stage *rs, const qg_block *ab, const qg_feat *a,
                      const qg_block *bb, const qg_feat *b, bool marks) {
  if (!b->chars) return false;
  /* a contact line under another (Tel：…，Fax：… | Email：…): the fields of a notice's end, each
   * a line of its own (session 28) */
  if (qg_text_contact_line(bb->text.ptr, bb->text.len) &&
      qg_text_contact_line(ab->text.ptr, ab->text.len))
    return false;
  /* a URL, domain or e-mail address cut by the column (www.example.|com/news) is certain,
   * whatever the text before it ends with: its dot is no full stop */
  if (link_cut(ab, bb)) return true;
  /* an attachment's name cut at the line's end, where lines are cut (附件：1.…检查 | 标准（2026年修订
   * 版）: annex_item, annex_rest; session 44, probe 42 M7) */
  if (rs->open_annex && ab == rs->open && annex_rest(bb, b)) return true;
  /* the sign of a number cut off before it, alone with its marks (进口总值增长4.6 | %.), is the
   * number's rest, though a line of nothing but signs and marks reads as a rule (probe 40 D3:
   * it was a paragraph of its own, its ASCII full stop left and not reported) */
  if (opens_unit(bb) && qg_text_is_rule(bb->text.ptr, bb->text.len) &&
      cut_number(ab, bb, marks) == 1)
    return true;
  /* (nor is a jump note: （下转第3版） on its own, or （上接第1版） opening another story's part,
   * probe 17 P1; nor an interview's question after an answer cut at a comma, P9) */
  /* (nor, after a deck under a title, deck_line, a paragraph the paragraph stage opened at an
   * indent under an unindented line, on a wrapped page whose indents show where paragraphs
   * start, or any block in the blank layout: the deck's last line, …扩大有效投资的结果, was glued
   * to the paragraph under it; review 31a2, session 32; in the blank layout only over a block
   * longer than the deck by more than an indent: on double-spaced copy the deck's shape was a
   * paragraph's first line, no shorter than the column's lines under it, review 32a R3) */
  if (boundary(b) || b->table || credit_done(bb) ||
      (rs->open_head && (bb->indent_start || (!marks && b->chars > a->chars + 4)) &&
       deck_line(ab, a)) ||
      (rs->open_head && (!rs->open_joined || rs->open_deck) && (!marks || rs->open_deck) &&
       blank_deck(ab, a) &&
       (b->chars > a->chars + 4 || (a->chars >= 30 && word_across(rs, ab, bb) == 0))) ||
      /* (han_sentence first: it fails at once on most blocks, where bare_run reads the whole
       * open paragraph, which rest_cut lets grow by lines of bare Han; read45) */
      (!marks && han_sentence(bb, b) && bare_run(ab, a) && word_across(rs, ab, bb) == 0) ||
      (rs->open_head && (!rs->open_joined || rs->open_deck) && (!marks || rs->open_deck) &&
       lead_deck(ab, a) &&
       deck_lead(ab, bb) &&
       !lead_cut(rs, ab) && word_across(rs, ab, bb) == 0) ||
      qg_text_is_rule(bb->text.ptr, bb->text.len) ||
      qg_text_is_jump(bb->text.ptr, bb->text.len) || qg_text_jump_lead(bb->text.ptr, bb->text.len) ||
      interview_question(bb, b) ||
      /* (nor a table's row under another with as many cells: probe 26 H5) */
      (qg_text_spaced_cells(bb->text.ptr, bb->text.len) &&
       qg_text_spaced_cells(bb->text.ptr, bb->text.len) ==
           qg_text_spaced_cells(ab->text.ptr, ab->text.len)) ||
      (qg_text_marker_line(bb->text.ptr, bb->text.len) &&
       !(qg_text_stray_mark(bb->text.ptr, bb->text.len) && ends_inside_word(ab))))
    return false;
  /* an English title (a bilingual notice's, under its Chinese title) and the text under it:
   * apart when that opens with a wide character (…of Metro Line 3 | 为满足市民…, joined as an
   * open line before, para-join); its last word or two cut off by the column, where lines are
   * cut (…Operating Hours of Metro | Line 3): joined, one title (session 29, probe 27 M9: a
   * p and a subhead) */
  /* (a title holds a small word, of on for the …; a list of names does not, Shanghai Hongqiao
   * Railway Station | Longyang Road, and stays apart) */
  bool joins;
  if (latin_title(ab, 4, 16, 100, &joins)) {
    size_t at;
    bool none;
    uint32_t c = first_char(bb, &at);
    if (qg_cp_is_han(c) || c == 0x201C || c == 0x300A || c == 0x3010) return false;
    /* (only a tail that holds a figure, Line 3, or under a title cut after its small word,
     * …Hours of | Metro Line: a title-case line of a word or two under a title is its author,
     * place or sender as often, The Old Man and the Sea | Ernest Hemingway, …Forum | Grand
     * Ballroom, Thank You for Your Cooperation | Property Management; review 29a H1) */
    if (marks && joins && latin_title(bb, 1, 2, 24, &none) &&
        (qg_text_digits(bb->text.ptr, bb->text.len, 1) || ends_link_word(ab)))
      return true;
  }
  /* so is a mark of two characters cut in half (…|…), where lines are cut (marks), and a
   * closing mark on the next line (closer_cut) */
  if (half_pair_cut(ab, bb, marks) || (marks && closer_cut(ab, a, bb))) return true;
  /* a number cut in two is certain, and digits that cannot continue the number before them
   * start a new paragraph; a text that ends with a number and is no body text continues
   * nothing else */
  int num = cut_number(ab, bb, marks);
  if (num >= 0) return num;
  /* so is a Latin word cut by the column (Peter Kip | rop以2:08:15夺得…), where lines are cut:
   * joined with nothing between (qg_join_word_cut; session 26, probe 25 en2) */
  if (marks && qg_join_word_cut(ab->text.ptr, ab->text.len, bb->text.ptr, bb->text.len))
    return true;
  /* (a deck's shape under a title, in the blank layout, held by repair_push: over a block no
   * longer than it that ends a sentence, a paragraph's first line over its last; a longer
   * block is a paragraph under the deck, 新建改建公园绿地、口袋公园一百二十处 | 本市今年…城市绿道 |
   * 共计…。, review 32a t/dbl_page3) */
  /* a line cut before a word that no paragraph opens with (的决议, 并要求): its rest, whatever
   * its shape says (rest_cut, session 45) */
  if (rest_cut(rs, ab, a, bb)) return true;
  if (figure_list_cut(rs, ab, a, bb) || indent_list_cut(rs, ab, a, bb, marks)) return false;
  if (!is_open(ab, a, marks) && !comma_line_cut(rs, ab, a, bb, b) &&
      !(!marks && rs->open_head && a->chars >= 16 && deck_line(ab, a) && b->chars <= a->chars &&
        b->end == QG_END_STOP && deck_cut_shows(rs, ab, bb)) &&
      /* (nor a shorter one, under 16 characters, whose end shows the cut: 在向 | 记者介绍时…, or
       * …等工作 | 当天共…: a narrow double-spaced column's first line, review 35a E00-E11) */
      !(!marks && rs->open_head && a->chars < 16 && b->end == QG_END_STOP &&
        short_deck_cut(rs, ab, a, bb)))
    return false;
  /* in the blank layout a paragraph that ends with a colon (…告诉记者：, 判决如下：, a 主送机关 line)
   * is the author's paragraph, introducing the next, until the document has shown a cut across
   * a blank line (blank_cut): a desk's typed article, an official document, clean's own output
   * keep their lead-ins apart; a PDF's extraction that cuts paragraphs at a column's end still
   * has the colon's cut joined (probe 42 H1, probe 41 F10; tried in session 42, kept in 43 with
   * paragraph.c modal_prose's double-spaced reading changed with it) */
  if (!marks && a->end == QG_END_COLON && !a->quote_open && !a->unclosed && !rs->blank_cut)
    return false;
  /* in the blank layout a numbered point of two phrases over the paragraph after the blank line
   * is its heading, unless the cut shows inside a word or before a clause mark (session 26) */
  if (!marks && comma_point(ab, a) && !comma_point_cut(rs, ab, bb)) return false;
  /* where lines are cut, a numbered point of a heading's shape over the block after it is its
   * heading, unless the cut shows as it does for comma_point (session 44, probe 42 M1) */
  if (marks && point_heading(ab, a) && !comma_point_cut(rs, ab, bb)) return false;
  /* a line of program code (qg_text_code_line) under another or under a lead-in's colon
   * (代码如下： | def add(a, b, c):, a, b, c = 1, 2, 3 | total = add(a, b, c)): a line of its own,
   * as the paragraph stage keeps it (session 22; they were joined, para-join) */
  if (a->end == QG_END_COLON || code_block(ab)) {
    if (code_block(bb)) return false;
  }
  /* a schedule's entry after another (9:00-10:00 开幕式，… | 10:00-11:30 分组讨论…): the
   * paragraph stage set it apart (review 12b S12) */
  if (qg_text_clock_lead(bb->text.ptr, bb->text.len) &&
      qg_text_clock_lead(ab->text.ptr, ab->text.len))
    return false;
  /* …and a listing's row that ends with its price over the next row's date (price_date_rows;
   * session 46, probe 46 H3) */
  if (price_date_rows(ab, bb)) return false;
  /* the items of a list set off in paragraphs, led by a dash or a bullet, after the lead-in's
   * colon or an item's semicolon: the author's paragraphs (probe 9 F19) */
  /* (and after a lead-in that opens a quotation at its end, 他列出三点要求：“ | - 第一，…；: the
   * quotation goes on over the items; probe 13 C7) */
  if (list_led(bb, b)) {
    uint32_t z = qg_block_last_char(ab);
    if (a->end == QG_END_COLON || z == 0xFF1B || z == ';' || list_led(ab, a) ||
        ends_colon_quote(ab))
      return false;
  }
  /* an item under a line that ends with a closing bracket (二、填空题（每小题4分，共24分） |
   * 4．-5的绝对值是______。): the heading of its section and its first question, as the
   * paragraph stage set them (probe 22 H11; they were joined, para-join) */
  if (item_led(bb)) {
    uint32_t z = qg_block_last_char(ab);
    if (z == 0xFF09 || z == ')') return false;
  }
  /* (and an item's number before a figure, 11.16的平方根是______。, under an exam section's
   * heading, a line with 题 that ends with its score, 分） or 分): the item 11, no decimal 11.16;
   * session 27, probe 26 M4) */
  if (exam_heading(ab) && item_led_figure(bb)) return false;
  /* a field whose value ends with a closing bracket (查詢熱線：1823（星期一至五…）, 时间：5月3日
   * （周六）): the paragraph stage sets the line after a field apart, and a second run reads
   * the two as it did (probe 22's l6-misc was no fixed point) */
  if (!(a->end == QG_END_CLAUSE || a->unclosed)) {
    uint32_t z = qg_block_last_char(ab);
    if ((z == 0xFF09 || z == ')') && label_led(ab)) return false;
  }
  /* an answer under its question (**Q: 怎么安装?** | A: 运行…): two lines, as the paragraph
   * stage keeps them (probe 22 M5) */
  if (qa_led(bb) == 'A' && qa_led(ab) == 'Q') return false;
  /* in the blank layout a speaker's label stays apart from a speech that opens without a
   * quotation mark (probe 9 F12) */
  if (!marks && speaker_label(ab, a) && !opens_quote(bb)) return false;
  /* and in every layout a letter's salutation from the letter's first paragraph (review 16
   * N6), unless that one opens with a quotation mark (…：|“…”, a cut there) */
  /* (an English salutation, unless the next line goes on in small letters: Dear Mr. Wang, thank
   * you for your letter of March 3, | which we received…; review 27b L1) */
  bool small = bb->text.len && (unsigned)(bb->text.ptr[0] - 'a') < 26u;
  if ((salutation(ab, a) || (latin_salutation(ab) && !small)) && !opens_quote(bb)) return false;
  /* the turns of a dialogue or chat, the fields of a form, each led by a label and a colon
   * (小鱼：周末去爬山不？ | 阿杰：去去去！算我一个 | 老王：我要加班……): one that ends with no mark
   * is no cut when the next opens with a label too (probe 20 M2), unless it ends with a clause
   * mark or leaves a bracket open */
  if (!(a->end == QG_END_CLAUSE || a->unclosed) && label_led(ab) && label_led(bb)) return false;
  /* (and a field under a line that ends with a colon, 17时发布： | 今天夜间：多云…, as the
   * paragraph stage sets it apart: probe 22 H9) */
  /* (not a label that opens with a particle, 的形式：…: the sentence goes on) */
  /* (地址：, 地点：, 地区：: nouns, as the paragraph stage reads them; probe 25 M3) */
  if (a->end == QG_END_COLON && !a->unclosed && label_led(bb)) {
    size_t at;
    uint32_t c = first_char(bb, &at);
    if (c == 0x5730 /*地*/ && at < bb->text.len) {
      uint32_t c1 = qg_utf8_next(bb->text.ptr, bb->text.len, &at);
      if (c1 == 0x5740 /*址*/ || c1 == 0x70B9 /*点*/ || c1 == 0x533A /*区*/) return false;
    }
    if (!(c == 0x7684 || c == 0x4E86 || c == 0x5730 || c == 0x5F97 || c == 0x7740 || c == 0x8FC7 ||
          c == 0x662F || c == 0x548C || c == 0x4E0E || c == 0x53CA || c == 0x5E76 || c == 0x800C ||
          c == 0x4F46 || c == 0x5C31 || c == 0x4E5F || c == 0x90FD || c == 0x53C8 || c == 0x5728))
      return false; /* 的 了 地 得 着 过 是 和 与 及 并 而 但 就 也 都 又 在 */
  }
  /* a clause mark or an open bracket at the cut is certain; a colon introduces the next
   * block unless that one is a display line or a point of a list (要求如下：|一是…, probe 8
   * E11). A quotation after the colon is joined (他告诉记者：|“…”): a cut falls there, and
   * news copy writes 说：“…” as one paragraph far more often than it sets the quotation off
   * (tests/pages) */
  bool strong = a->end == QG_END_CLAUSE || a->unclosed;
  if (!marks && speech_end(ab, a, bb)) return false;
  if (!strong && a->end == QG_END_COLON && opens_after_colon(bb)) return false;
  /* a quotation still open (他说：“同志们：) and a block that opens with a double quotation
   * mark: the next paragraph of the same quotation, which opens each paragraph with “ and
   * closes only at the end (rules.md), not a cut: a quotation inside an open one takes ‘
   * (probe 10a F8) */
  if (a->end == QG_END_COLON && a->quote_open && opens_double_quote(bb)) return false;
  /* so after a point that ends with a semicolon (一是…； | 二是…, probe 9 F33) */
  if (a->end == QG_END_CLAUSE && opens_after_colon(bb)) {
    uint32_t z = qg_block_last_char(ab);
    if (z == 0xFF1B || z == ';') return false;
  }
  /* (an exam's question cut before its last words and its answer's bracket, 4.某班…的人数占 |
   * 总人数的（ ）: the bracket's line is no heading; session 27, probe 26 M4) */
  /* (or, where lines are cut by the column, a word of the segmenter runs across the cut: a
   * display line under a cut inside that word is the line's rest, 年处理生活垃圾一百二十万吨、群众
   * 满意度持续提 | 升的背后是精细化管理, a deck of two lines whose rest was a subhead; review 32a
   * in/027) */
  /* (in the blank layout, a deck's short rest under its first line: deck_rest) */
  return strong || !qg_feat_heading(b) || body_like(b) || (item_led(ab) && answer_tail(bb)) ||
         (marks && ends_inside_word(ab) && word_across(rs, ab, bb) > 0) ||
         deck_pair(rs, ab, a, bb, b);
}

/* Characters of b's text from byte off on, white space not counted. */
static uint32_t chars_from(const qg_block *b, size_t off) {
  uint32_t n = 0;
  for (size_t i = off; i < b->text.len;)
    n += !qg_cp_is_space(qg_utf8_next(b->text.ptr, b->text.len, &i));
  return n;
}

/* How many blocks a photo block b looked past between the halves of a cut paragraph stands
 * for (0: it is not one): a caption of at most QG_REPAIR_CAPTION_MAX characters is one, and
 * two when a credit at its end is split off as a block of its own (the structure stage does
 * that, so the cleaned text, read again, holds two); a credit is one. with_credit: the block
 * after b is a credit (so b is a caption). */
static size_t interposable(const qg_block *b, const qg_feat *f, bool with_credit) {
  if (f->credit) return 1;
  /* a PDF page's folio or running head (— 12 —, 第12页, 人民日报 2024年12月1日 第5版): what
   * stands between the halves at every page end (probe 10a F6) */
  if (qg_text_is_folio(b->text.ptr, b->text.len)) return 1;
  /* and so is the page's editor line at its foot (责任编辑：王丽 美术编辑：张成, probe 40 D1/D5) */
  if (qg_text_editor_line(b->text.ptr, b->text.len)) return 1;
  if (!caption(f) && !with_credit) return 0;
  bool tail = f->credit_tail.at != SIZE_MAX;
  uint32_t chars = tail ? f->chars - chars_from(b, f->credit_tail.at) : f->chars;
  return chars <= QG_REPAIR_CAPTION_MAX ? 1 + tail : 0;
}

/* Whether b is a figure alone: one to four digits (ASCII or full width) and white space, the
 * shape of a book's page number and of a sentence's figure cut onto a line of its own. */
static bool bare_figure(const qg_block *b) {
  int d = 0;
  for (size_t i = 0; i < b->text.len;) {
    uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
    if (c - '0' < 10u || c - 0xFF10 < 10u) d++;
    else if (!qg_cp_is_space(c)) return false;
  }
  return d >= 1 && d <= 4;
}

static bool wants_figure(uint32_t c) { /* 第 约 达 近 超 逾 共 计 仅 比 */
  static const uint32_t w[] = {0x7B2C, 0x7EA6, 0x8FBE, 0x8FD1, 0x8D85, 0x903E, 0x5171, 0x8BA1, 0x4EC5, 0x6BD4};
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if (c == w[k]) return true;
  return false;
}

/* Whether b ends with a Han numeral or 几 数 半 (…分成了两 | 12 | 块，…): the count is written
 * there, so a figure between it and its measure word is the page's, moved as a folio (session
 * 45, review 45 H1: 两12块). */
static bool ends_cn_count(const qg_block *b) {
  uint32_t c = qg_block_last_char(b);
  return qg_cp_cn_numeral(c) || c == 0x51E0 /*几*/ || c == 0x6570 /*数*/ || c == 0x534A /*半*/;
}

/* Whether b opens with a unit or a measure word that counts a figure before it (opens_unit, or
 * 所 座 条 只 张 本 篇 栋 间 处 批 场 届 例 份 棵 株 头 匹 艘 架 部 幢, or 比 of a score). */
static bool counts_figure(const qg_block *b) {
  if (opens_unit(b)) return true;
  size_t i = 0;
  if (!b->text.len) return false;
  uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
  static const uint32_t m[] = {0x6240, 0x5EA7, 0x6761, 0x53EA, 0x5F20, 0x672C, 0x7BC7, 0x680B,
                               0x95F4, 0x5904, 0x6279, 0x573A, 0x5C4A, 0x4F8B, 0x4EFD, 0x68F5,
                               0x682A, 0x5934, 0x5339, 0x8258, 0x67B6, 0x90E8, 0x5E62,
                               0x6BD4 /*比: a score, 3 | 比1*/};
  for (size_t k = 0; k < sizeof m / sizeof *m; k++)
    if (c == m[k]) return true;
  /* (and a measure word of things packed or counted one by one, before a clause or sentence
   * mark: …收集了旧报纸 | 50 | 箱，… is a count cut onto a line of its own, not a page number;
   * session 45, review 44 M7. The mark is asked because 箱 盒 袋 瓶 … open words too: 瓶颈,
   * 袋鼠, 盒饭) */
  static const uint32_t things[] = {0x7BB1 /*箱*/, 0x76D2 /*盒*/, 0x888B /*袋*/, 0x74F6 /*瓶*/,
                                    0x7F50 /*罐*/, 0x6876 /*桶*/, 0x7B50 /*筐*/, 0x6346 /*捆*/,
                                    0x645E /*摞*/, 0x6C93 /*沓*/, 0x518C /*册*/, 0x679A /*枚*/,
                                    0x9897 /*颗*/, 0x7C92 /*粒*/, 0x65A4 /*斤*/, 0x5E45 /*幅*/,
                                    0x5757 /*块*/, 0x5C01 /*封*/};
  for (size_t k = 0; k < sizeof things / sizeof *things; k++)
    if (c == things[k]) {
      if (i >= b->text.len) return false;
      uint32_t d = qg_utf8_next(b->text.ptr, b->text.len, &i);
      return d == 0xFF0C || d == 0x3002 || d == 0x3001 || d == 0xFF1B || d == 0xFF01 ||
             d == 0xFF1F || d == 0xFF09 || d == ',' || d == '.' || d == ';';
    }
  return false;
}

/* Whether b opens with the unit of an ordinal after 第 (第 | 3 | 号选手: 号 名 位 届 次 期 章 节 条
 * 款 版 页 轮 批 场 组 项 部 集 课 季 层 排 道 题 个 天 周 年, and since review 44 L2 局 回 卷 册 盘
 * 站: 第 | 3 | 局才找到节奏), or with a Han numeral (第 | 12 |
 * 一次站上…: 第一次 reads without the figure, a page number; 一 to 十, 两 百 千 零 〇), *numeral
 * then set. Session 44 (review 42's leftover). */
static bool ordinal_unit(const qg_block *b, bool *numeral) {
  size_t i = 0;
  *numeral = false;
  if (!b->text.len) return false;
  uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
  static const char units[] = "号名位届次期章节条款版页轮批场组项部集课季层排道题个天周年局回卷册盘站";
  static const char nums[] = "一二三四五六七八九十两百千零〇";
  if (holds_mark(nums, sizeof nums - 1, 0, &c, 1)) {
    *numeral = true;
    return false;
  }
  return holds_mark(units, sizeof units - 1, 0, &c, 1);
}

/* Whether s[i..n) is white space (ASCII or U+3000, or none) and then a periodical's issue
 * (qg_text_issue_at) and nothing else: the rest of an issue line after its name (issue_head,
 * book_issue). (U+3000 too: 东湖市人民政府公报　　2026年第24期, session 44, probe 42 H3) */
static bool issue_rest(const char *s, size_t n, size_t i) {
  for (;;) {
    if (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    else if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3;
    else break;
  }
  return qg_text_issue_at(s, n, &i) && i == n;
}

/* (session 42, probe 41b page 11: a magazine's name and its issue, 城市周刊 2026年第12期: at most
 * 12 characters of head_words' kind, white space (U+3000 too), then one to four digits, 年第, one
 * to three digits and 期, nothing after them) */
static bool issue_head(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0, name = 0;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 12 || memcmp(s + n - 3, "\xE6\x9C\x9F", 3)) return false; /* (期 last) */
  uint32_t c = 0;
  int words = 0;
  while (i < n) { /* the name */
    size_t at = i;
    c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      name = at;
      break;
    }
    if (!qg_cp_is_han(c) && !(c < 0x80 && (c | 0x20) - (uint32_t)'a' < 26)) return false;
    words++;
  }
  return name && words >= 2 && words <= 12 && issue_rest(s, n, i);
}

/* Whether b, after a folio looked past between the halves of a cut paragraph, is a book's or
 * magazine's running head under it (28 | 城市的记忆, 36 | 城市周刊: the book's, the chapter's or
 * the magazine's name at the top of the next page, probe 41b H1): a line of at most 12
 * characters, Han, Latin letters and white space only (no mark, no figure: no sentence, no
 * date, no folio of its own), right after a folio. Held with the folio: when the block after
 * it goes on with the cut paragraph, both are moved after the paragraph and reported
 * (para-move), as in the blank layout; otherwise they stay where they stand. */
static bool head_words(const qg_block *b) { /* Han, Latin letters and white space only */
  for (size_t i = 0; i < b->text.len;) {
    uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
    if (!qg_cp_is_han(c) && !qg_cp_is_space(c) && !(c < 0x80 && (c | 0x20) - (uint32_t)'a' < 26))
      return false;
  }
  return b->text.len > 0;
}
static bool book_head(const repair_stage *rs, const qg_block *b, const qg_feat *f) {
  if (!rs->nmid || f->chars > 24) return false;
  const qg_block *m = rs->mid[rs->nmid - 1];
  return qg_text_is_folio(m->text.ptr, m->text.len) &&
         !qg_text_is_running_head(m->text.ptr, m->text.len) &&
         ((f->chars <= 12 && head_words(b)) || issue_head(b));
}

static bool cites_issue(repair_stage *rs, const qg_block *a, const qg_block *b);

/* Whether the periodical's name and issue m (issue_head: 城市周刊　2026年第5期), held as a running
 * head between open a and b, is the sentence's own citation set on a line of its own (session 45,
 * review 44 M2): b opens with a clause or sentence mark, which no page's first line does (a mark
 * never opens a printed line: …最初刊登在 | 城市周刊　2026年第5期 | ，后来…; not an ASCII point or
 * colon, a figure's: …增长了3 | head | .5%), or a ends with 在 or 于
 * and b opens with a place word after it, 上 中 里 内, that wants the name between them
 * (…发表在 | 东湖文艺周刊　2026年第3期 | 上的文章…). */
static bool cited_issue(repair_stage *rs, const qg_block *a, const qg_block *m, const qg_block *b) {
  return issue_head(m) && cites_issue(rs, a, b);
}

/* Whether m is a periodical's name in book-title marks and its issue, nothing else
 * (《城市周刊》2026年第5期, white space between them or not): no running head's shape (issue_head
 * has no marks), so it was never looked past, but a line cut at 在 over it is the same citation
 * (session 46, review 45 L1). */
static bool book_issue(const qg_block *m) {
  const char *s = m->text.ptr;
  size_t n = m->text.len, i = 0;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 15 || memcmp(s, "\xE3\x80\x8A", 3) || memcmp(s + n - 3, "\xE6\x9C\x9F", 3))
    return false; /* (《 first, 期 last) */
  i = 3;
  int words = 0;
  for (;;) {
    if (i >= n) return false;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0x300B /*》*/) break;
    if (!qg_cp_is_han(c) && !(c < 0x80 && (c | 0x20) - (uint32_t)'a' < 26)) return false;
    words++;
  }
  return words >= 2 && words <= 12 && issue_rest(s, n, i);
}

/* Whether b, after a line holding a periodical's issue between a and b, shows that line is a's
 * sentence's citation (cited_issue). */
static bool cites_issue(repair_stage *rs, const qg_block *a, const qg_block *b) {
  if (!b->text.len) return false;
  /* (not an ASCII point or colon, which goes on a figure cut at the page's end: …增长了3 | head |
   * .5%，… is the running head's, moved as before) */
  if (b->text.ptr[0] != '.' && b->text.ptr[0] != ':' && qg_text_opens_clause_mark(b->text.ptr, b->text.len))
    return true;
  uint32_t last = qg_block_last_char(a);
  if (last != 0x5728 /*在*/ && last != 0x4E8E /*于*/) return false;
  size_t i = 0;
  uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
  if (c != 0x4E0A /*上*/ && c != 0x4E2D /*中*/ && c != 0x91CC /*里*/ && c != 0x5185 /*内*/) return false;
  /* (a word of its own: not the first character of 中山路, 上海, 里面, 内容: 会议在 | head |
   * 中山路的市民中心举行 is a running head's page turn) */
  size_t z = i;
  for (int k = 0; k < 5 && z < b->text.len; k++) qg_utf8_next(b->text.ptr, b->text.len, &z);
  qg_segmenter *sg = qg_ctx_segmenter(rs->base.ctx);
  if (!sg || qg_segment_words(sg, b->text.ptr, z, &rs->toks) || !rs->toks.n) return false;
  return rs->toks.v[0].end == i;
}

static bool latin(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int join_to(repair_stage *rs, qg_block *a, qg_block *b, bool moved);

/* Whether a ends with a comma (， or ,): a caption's first half is cut there (flush). Only
 * where lines are cut (line and wrapped layouts): in the blank layout, where clean's own text
 * output is read, a paragraph that ends with a comma over a photo block moved after it is what
 * a first clean leaves when the paragraph went on past the block, and stays (a fixed point). */
static bool comma_end(const qg_block *a) {
  uint32_t z = qg_block_last_char(a);
  return z == 0xFF0C || z == ',';
}

/* Emits the open paragraph and the blocks held after it, in that order. */
static int flush(repair_stage *rs) {
  int rc = 0;
  /* a caption that came as open's continuation, then its credit, and nothing after them went
   * on with open: open is the caption's first half, cut after a clause mark (12月4日,…在整理年货,
   * | 迎接即将开幕的年货节. | 本报记者 许诺 摄), joined to it before the credit, when the two are
   * a caption's length (probe 40 D2: the caption's halves were a paragraph and a caption, or
   * the first half was joined to the next story's title); an open that opens with a
   * dateline (本报讯 …,) is a story's paragraph, not a caption's half (read-through 41) */
  if (rs->open && rs->cap_half && !rs->of.dateline && rs->nmoved == 0 && rs->nmid >= 1 &&
      rs->of.chars + chars_from(rs->mid[0], 0) <= 2 * QG_REPAIR_CAPTION_MAX) {
    qg_block *m = rs->mid[0];
    memmove(rs->mid, rs->mid + 1, (rs->nmid - 1) * sizeof *rs->mid);
    rs->nmid--;
    rc = join_to(rs, rs->open, m, false);
    if (rc) {
      rs->nmoved = rs->nmid; /* (the rest are released below: nothing to report) */
    }
  }
  rs->cap_half = rs->comma_photo = rs->fig_di = false;
  if (rc) {
    qg_block_release(rs->base.ctx, rs->open);
    rs->open = NULL;
    for (size_t i = 0; i < rs->nmid; i++) qg_block_release(rs->base.ctx, rs->mid[i]);
    rs->nmid = rs->slots = rs->nmoved = 0;
    return rc;
  }
  if (rs->open) {
    qg_block *b = rs->open;
    rs->open = NULL;
    rs->last_head = !rs->nmid && qg_feat_heading(&rs->of); /* (a title ending inside a word) */
    rc = emit(&rs->base, b);
  }
  rs->open_caption = false;
  for (size_t i = 0; i < rs->nmid; i++) {
    qg_block *m = rs->mid[i];
    if (!rc) rc = emit(&rs->base, m);
    else qg_block_release(rs->base.ctx, m);
  }
  rs->nmid = rs->slots = rs->nmoved = 0;
  return rc;
}

/* The continuation joined to a at seam opened with combining marks (lead_marks): they now sit on
 * the character before the seam (葛|\U000E0100飞: the variation selector of the name, kept by the
 * character stage; lu|\u0308\u0300). The character stage could not normalize them there, so the
 * base and its marks are normalized to NFC here (char-nfc: lǜ); the edit spans the line
 * break, which lint --fix leaves (probe 16 F1). */
static int join_marks(repair_stage *rs, qg_block *a, size_t seam, uint32_t line) {
  const char *t = a->text.ptr;
  size_t n = a->text.len, from = seam, end = seam;
  while (end < n) { /* the marks */
    size_t k = end;
    uint32_t c = qg_utf8_next(t, n, &k);
    if (!qg_cp_is_mark(c) && u_getCombiningClass((UChar32)c) == 0) break;
    end = k;
  }
  while (from > 0 && seam - from < 64) { /* back to the base: the last starter */
    size_t p = qg_utf8_prev(t, from), q = p;
    uint32_t c = qg_utf8_next(t, n, &q);
    from = p;
    if (u_getCombiningClass((UChar32)c) == 0 && !qg_cp_is_mark(c)) break;
  }
  if (from == seam || end == seam) return 0;
  /* (any length: the block is at most 512 KiB; review 15b R4: a run over 1,024 bytes was left
   * unnormalized and unreported, and a second clean normalized it) */
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
  int32_t cap = (int32_t)(end - from) + 1, ulen = 0, olen = 0, blen = 0;
  UChar *u16 = malloc((size_t)cap * sizeof *u16), *o16 = NULL;
  char *out = NULL;
  if (!u16) return QG_ERR_NOMEM;
  u_strFromUTF8(u16, cap, &ulen, t + from, (int32_t)(end - from), &err);
  if (U_SUCCESS(err) && unorm2_isNormalized(nfc, u16, ulen, &err)) {
    free(u16);
    return 0;
  }
  if (U_SUCCESS(err)) { /* NFC grows a text 3 times at most (UAX #15) */
    o16 = malloc(((size_t)ulen * 3 + 1) * sizeof *o16);
    out = malloc((size_t)ulen * 9 + 1);
    if (!o16 || !out) {
      free(u16), free(o16), free(out);
      return QG_ERR_NOMEM;
    }
    olen = unorm2_normalize(nfc, u16, ulen, o16, ulen * 3 + 1, &err);
  }
  if (U_SUCCESS(err)) u_strToUTF8(out, ulen * 9 + 1, &blen, o16, olen, &err);
  free(u16), free(o16);
  if (U_FAILURE(err)) { /* (left as it is) */
    free(out);
    return 0;
  }
  qg_edit_begin(&rs->edit, rs->base.ctx, a);
  int rc = qg_edit_replace(&rs->edit, from, end - from, out, (size_t)blen, "char-nfc",
                           "text normalized to NFC (combining marks that open line %u joined "
                           "to the character before the line break)", line);
  if (!rc) rc = qg_edit_end(&rs->edit);
  free(out);
  a->feat_ok = false;
  /* the text before the seam changed: the open paragraph is measured again from its start */
  if (a == rs->open) rs->scan = (qg_scan){.end = 0};
  return rc;
}

/* Appends b to a and releases b (on every path); moved: the held photo blocks are reported
 * moved after a. */
static int join_to(repair_stage *rs, qg_block *a, qg_block *b, bool moved) {
  qg_ctx *ctx = rs->base.ctx;
  qg_pos at = qg_block_pos(a, a->text.len), to = qg_block_pos(b, 0);
  uint32_t cut_line = a->end_line;
  size_t i = qg_utf8_prev(a->text.ptr, a->text.len), j = 0;
  uint32_t last = qg_utf8_next(a->text.ptr, a->text.len, &i);
  uint32_t first = qg_utf8_next(b->text.ptr, b->text.len, &j);
  /* Latin words cut at a line end get their space back; CJK text joins with nothing, and so
   * do a number, time or URL cut in two (qg_join_with_space) */
  uint32_t prev = 0; /* the character before last */
  size_t last_at = qg_utf8_prev(a->text.ptr, a->text.len);
  if (last_at > 0) {
    size_t k = qg_utf8_prev(a->text.ptr, last_at);
    prev = qg_utf8_next(a->text.ptr, a->text.len, &k);
  }
  bool latin_end = latin(last) || (last < 0x80 && strchr(",.;:!?)\"'", (int)last));
  /* (the script around the cut is read only where both sides are Latin: up to 192 bytes) */
  bool spaced = latin_end && latin(first);
  bool cjk = spaced && qg_join_is_cjk(a->text.ptr, a->text.len, b->text.ptr, b->text.len);
  spaced = spaced && qg_join_with_space(last, prev, first, cjk) &&
                !qg_join_in_link(a->text.ptr, a->text.len, b->text.ptr, b->text.len) &&
                !qg_join_word_cut(a->text.ptr, a->text.len, b->text.ptr, b->text.len) &&
                !qg_join_code_cut(a->text.ptr, a->text.len, b->text.ptr, b->text.len);
  /* (said when capitals and figures are on both sides: a guess between a code and two names) */
  bool caps = spaced && cjk && qg_join_caps_cut(a->text.ptr, a->text.len, b->text.ptr, b->text.len);
  if (spaced && qg_block_append_synthetic(a, " ", 1, at)) {
    qg_block_release(ctx, b);
    return QG_ERR_NOMEM;
  }
  size_t seam = a->text.len;
  if (qg_block_append_range(a, b, 0, b->text.len)) {
    qg_block_release(ctx, b);
    return QG_ERR_NOMEM;
  }
  a->end_line = b->end_line;
  a->forms |= b->forms;
  if (a == rs->open) rs->open_joined = true;
  /* (figures run into figures across a blank line, or where the layout keeps its lines, are
   * one number now: said, as the paragraph stage says it, digit_run_join; a number cut at a
   * column's end, 12: | 00 where lines are cut, is the column's; session 45) */
  bool glued = !spaced && qg_cp_digit(last) >= 0 && qg_cp_digit(first) >= 0 &&
               (!rs->marks || b->line > cut_line + 1);
  int rc = glued ? qg_report(ctx, "para-join", at, to, NULL, NULL, true,
                             "paragraph cut at line %u joined with its continuation on line %u: "
                             "the figures that end line %u and those that open line %u are one "
                             "number now",
                             cut_line, b->line, cut_line, b->line)
                  : qg_report(ctx, "para-join", at, to, NULL, NULL, true,
                     "paragraph cut at line %u joined with its continuation on line %u%s",
                     cut_line, b->line,
                     caps ? ", with a space between: the capitals and figures the cut parted are "
                           "read as two names, not one code (session 42)"
                         : "");
  if (!rc && b->lead_marks) rc = join_marks(rs, a, seam, b->line);
  /* each held block is reported moved once, at the first join past it */
  for (size_t k = moved ? rs->nmoved : rs->nmid; !rc && k < rs->nmid; k++) {
    qg_block *m = rs->mid[k];
    bool folio = qg_text_is_folio(m->text.ptr, m->text.len);
    /* (a book's running head under a folio: book_head) */
    bool head = !folio && k && qg_text_is_folio(rs->mid[k - 1]->text.ptr, rs->mid[k - 1]->text.len) &&
                (head_words(m) || issue_head(m));
    rc = qg_report(ctx, "para-move", qg_block_pos(m, 0), qg_block_pos(m, m->text.len), NULL,
                   NULL, true, "%s on line %u moved after the paragraph it interrupted "
                   "(lines %u-%u)",
                   folio || head                                     ? "page number or running head"
                   : qg_text_editor_line(m->text.ptr, m->text.len) ? "editor line"
                                                                    : "photo block",
                   m->line, a->line, a->end_line);
  }
  if (moved) rs->nmoved = rs->nmid;
  qg_block_release(ctx, b);
  return rc;
}

/* A caption cut before its end: a caption cue at its start, no sentence mark nor credit at its
 * end (where a column cut it, as a paragraph is cut). */
static bool cut_caption(const qg_feat *f) {
  return f->caption && (f->end == QG_END_NONE || f->end == QG_END_CLAUSE) && !f->credit &&
         f->credit_tail.at == SIZE_MAX && f->author_tail.at == SIZE_MAX;
}

/* Appends b to the open paragraph and releases it. */
static int join(repair_stage *rs, qg_block *b) {
  if (!rs->marks && rs->of.end != QG_END_COLON) rs->blank_cut = true;
  return join_to(rs, rs->open, b, true);
}

/* Joins the held continuation to the open paragraph; emits the paragraph (and the blocks
 * held behind it) unless it is still open and may go on. */
static int join_pending(repair_stage *rs) {
  qg_block *b = rs->pend;
  rs->pend = NULL;
  int rc = join(rs, b);
  if (rc) return rc;
  rs->open_deck = rs->pend_deck;
  rs->pend_deck = false;
  qg_cues_measure_more(rs->cues, rs->open, &rs->scan, &rs->of);
  /* still open: wait for a further part (the moved blocks stay held behind it, and count
   * against the blocks a further cut may look past, as they will stand between the two in
   * the cleaned text) */
  return may_continue(rs->open, &rs->of, rs->marks) ? 0 : flush(rs);
}

/* Joins b to the open paragraph as its continuation and goes on as join_pending does. */
static int join_rest(repair_stage *rs, qg_block *b) {
  int rc = join(rs, b);
  if (rc) return rc;
  qg_cues_measure_more(rs->cues, rs->open, &rs->scan, &rs->of);
  return may_continue(rs->open, &rs->of, rs->marks) ? 0 : flush(rs);
}

/* Whether the open paragraph may go on only as the rest of a link it ends with (may_continue by
 * qg_join_link_tail, not is_open): …访问我们的网站https://www.example. is read as a link cut at
 * its dot, but the cleaned text ends it with 。 and a second clean reads it closed. A short line
 * under it that ends with a number or a link (全区共有老旧小区8, …zhangsan@exam) is no body text
 * that could continue it, so it is not held (sub) under it but taken as the block of its own
 * the cleaned text shows, open itself: it looks past an editor's line or a caption to its rest
 * (… | （责任编辑：赵六） | 6个…), as a second clean does (session 45; the line was put out,
 * and a second clean joined the halves past the moved line). */
static bool link_only_open(const repair_stage *rs) {
  return qg_join_link_tail(rs->open->text.ptr, rs->open->text.len) &&
         !is_open(rs->open, &rs->of, rs->marks);
}

/* Whether b, taken with no open paragraph above it and last_head as given, is a deck's line
 * under a title in the blank layout (take): one of 16 characters or more of a deck's shape,
 * or a shorter one whose end shows a cut. */
static bool deck_under(repair_stage *rs, const qg_block *b, const qg_feat *f, bool last_head) {
  return !rs->marks && last_head &&
         ((f->chars >= 16 && deck_line(b, f)) ||
          (lead_deck(b, f) && (lead_cut_end(rs, b) || deng_end(b))));
}

/* Whether b, a block that does not continue the open paragraph (continues said no), would be
 * held as sub_rest once open is put out (take's path after flush: no open of its own, no
 * deck, comma line nor attachment's item, and rest_end's shape), so that it may be held with
 * open still above it: when the next block shows it goes on (…工作报告 | 的决议，…), the line
 * and its rest are one body block, asked again whether they continue open, as a second clean
 * asks (review 45 M1: …闭幕。大会 | 表决通过了关于市人民政府工作报告 | 的决议，… joined the 的-rest
 * in the first clean, the line above in the second; session 46). Only with nothing held
 * between open and b (flush then only puts open out). */
static bool rest_under(repair_stage *rs, const qg_block *b, const qg_feat *f) {
  if (rs->nmid || rs->cap_half || rs->sub || !rest_end(b, f)) return false;
  if (may_continue(b, f, rs->marks) || (rs->marks && cut_caption(f)) ||
      deck_under(rs, b, f, qg_feat_heading(&rs->of)) || comma_line(b, f, rs->marks))
    return false;
  return !(rs->annex && annex_item(rs, b, f));
}

/* Takes block b (features f, scan: what measuring it scanned) after what is held. */
static int take(repair_stage *rs, qg_block *b, const qg_feat *fp, qg_scan scan) {
  qg_stage *s = &rs->base;
  qg_feat f = *fp;
  int rc = 0;
  if (rs->pend) {
    if (f.credit) {
      /* the held block is a caption with its credit in b: looked past when short, else a
       * photo item of its own that ends the paragraph before it */
      size_t w = interposable(rs->pend, &rs->pf, true);
      qg_block *x = rs->pend;
      rs->pend = NULL;
      if (w && rs->slots + w + 1 <= QG_REPAIR_LOOK && rs->nmid + 2 <= QG_REPAIR_LOOK) {
        rs->comma_photo = !rs->nmid && comma_end(rs->open);
        rs->cap_half = rs->marks && rs->comma_photo;
        rs->mid[rs->nmid++] = x;
        rs->mid[rs->nmid++] = b;
        rs->slots += w + 1;
        return 0;
      }
      rc = flush(rs);
      if (!rc) rc = emit(s, x);
      else qg_block_release(s->ctx, x);
      if (!rc) return emit(s, b);
      qg_block_release(s->ctx, b);
      return rc;
    }
    rc = join_pending(rs);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  if (rs->open && rs->open_caption) {
    /* a caption cut before its end goes on in a block that opens with a clause mark, which no
     * paragraph does (图：9月23日，…当天 | ，全市首届…开幕。新华社记者 李明 摄; review 12b: it
     * became two captions); anything else ends it */
    if (qg_text_opens_clause_mark(b->text.ptr, b->text.len) && rs->open->text.len + b->text.len < QG_REPAIR_MAX_BYTES) {
      rc = join(rs, b);
      if (rc) return rc;
      qg_cues_measure_more(rs->cues, rs->open, &rs->scan, &rs->of);
      return cut_caption(&rs->of) ? 0 : flush(rs);
    }
    if ((rc = flush(rs))) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  /* a lone figure held after 第 (…是第 | 3 | 号选手, …中第 | 12 | 一次站上…): the sentence's when b
   * opens with an ordinal's unit or a word that counts it (joined below), a page number when b
   * opens with a Han numeral (第一次 reads without it: looked past and moved, as any folio);
   * otherwise the three stay as cut, in order, as before (session 44, review 42's leftover) */
  bool di = rs->fig_di, di_unit = false;
  rs->fig_di = false;
  if (rs->open && di && rs->nmid == 1 && bare_figure(rs->mid[0])) {
    bool numeral;
    di_unit = ordinal_unit(b, &numeral);
    if (!di_unit && !numeral && !counts_figure(b)) {
      qg_block *m = rs->mid[0];
      rs->nmid = rs->slots = rs->nmoved = 0;
      rc = flush(rs);
      if (!rc) rc = emit(s, m);
      else qg_block_release(s->ctx, m);
      if (rc) {
        qg_block_release(s->ctx, b);
        return rc;
      }
    }
  }
  /* a dated entry (repair_push: a diary's 2026年3月4日　星期三　12 after 2026年3月3日　星期二　11)
   * is a line of its own, as the folio it seemed: nothing is looked past it nor joined to it, so
   * the paragraph above it ends there (session 45, review 44b: it was moved after the next
   * entry's first paragraph, which was joined to the paragraph above) */
  if (rs->dated_entry) {
    rs->dated_entry = false;
    rs->last_head = false;
    rc = flush(rs);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
    return emit(s, b);
  }
  if (rs->open) {
    /* a lone figure held as a page number, under which the text goes on with a word that
     * counts it (…二十所， | 12 | 所已经…): the sentence's figure cut onto a line of its own, joined
     * back before b as a cut (the read-through of session 41); not when a word runs across the
     * cut without it (…合上账 | 28 | 本，…: 账本, the figure is the page's; session 44) */
    /* a periodical's name and issue held as a running head that the sentence cites
     * (cited_issue): joined back with b, the three one sentence as the author wrote it */
    if (rs->nmid == 1 && cited_issue(rs, rs->open, rs->mid[0], b) &&
        rs->open->text.len + rs->mid[0]->text.len + b->text.len < QG_REPAIR_MAX_BYTES) {
      qg_block *m = rs->mid[0];
      rs->nmid = rs->slots = rs->nmoved = 0;
      rc = join_to(rs, rs->open, m, false);
      if (!rc) return join_rest(rs, b);
      qg_block_release(s->ctx, b);
      return rc;
    }
    if (rs->nmid == 1 && bare_figure(rs->mid[0]) && (counts_figure(b) || di_unit) &&
        (di_unit || (!ends_cn_count(rs->open) && word_across(rs, rs->open, b) <= 0)) &&
        rs->open->text.len + rs->mid[0]->text.len + b->text.len < QG_REPAIR_MAX_BYTES) {
      qg_block *m = rs->mid[0];
      rs->nmid = rs->slots = rs->nmoved = 0;
      rc = join_to(rs, rs->open, m, false);
      if (!rc) return join_rest(rs, b); /* (and b, which goes on with the figure) */
      qg_block_release(s->ctx, b);
      return rc;
    }
    /* a paragraph followed by a credit is a caption (as the structure stage finds): it does
     * not go on */
    bool caption_of = f.credit && !rs->nmid;
    size_t w = caption_of ? 0 : interposable(b, &f, false);
    /* (nor is a lone figure after a word that wants a figure, …第 | 3 | 号选手: the sentence's;
     * not joined either, as it may be a page number after all, …中第 | 12 | 一次站上…: the
     * read-through of session 42) */
    /* (after 第 it is held until the next block shows which it is: above) */
    bool fig_di = false;
    if (w && bare_figure(b) && wants_figure(qg_block_last_char(rs->open))) {
      if (qg_block_last_char(rs->open) == 0x7B2C /*第*/ && !rs->nmid) fig_di = true;
      else w = 0;
    }
    if (!w && !caption_of && book_head(rs, b, &f)) w = 1;
    if (w && rs->slots + w <= QG_REPAIR_LOOK) {
      /* (a caption with its credit at its end may be open's rest as well: a second run reads
       * it so once the first has split the credit off; not one that opens with a caption's
       * cue, 图为…。（张三 摄）, which no paragraph goes on with: the second run holds it and its
       * credit as photo blocks, which leave the next line to continues, so the first must too;
       * session 44) */
      bool photo = !rs->nmid && comma_end(rs->open) && !f.credit && !f.caption &&
                   f.credit_tail.at != SIZE_MAX;
      rs->comma_photo = rs->comma_photo || photo;
      rs->cap_half = rs->cap_half || (rs->marks && photo);
      rs->mid[rs->nmid++] = b;
      rs->slots += w;
      rs->fig_di = fig_di;
      return 0;
    }
    const qg_options *o = qg_ctx_options(s->ctx);
    size_t most = o->max_block_bytes < QG_REPAIR_MAX_BYTES ? o->max_block_bytes : QG_REPAIR_MAX_BYTES;
    /* (past a caption and its credit that may be the rest of open, a display line is the
     * next story's title, however open ends: flush gives open its caption's rest; probe 40
     * D2, 12月4日,…在整理年货, | 迎接即将开幕的年货节. | 本报记者 许诺 摄 | 下一条新闻的标题;
     * in the blank layout too, where such an open stays as it is, so that a second clean of
     * the line layout's output keeps the title: session 42) */
    bool title = rs->comma_photo && rs->nmoved == 0 && qg_feat_heading(&f) && !body_like(&f);
    bool cont = !caption_of && !title && continues(rs, rs->open, &rs->of, b, &f, rs->marks);
    if (cont && rs->open->text.len + b->text.len < most) {
      rs->pend = b;
      rs->pf = f;
      rs->pend_deck = deck_pair(rs, rs->open, &rs->of, b, &f);
      return 0;
    }
    /* a short line that ends with a number (全区共有老旧小区8) is no continuation, but may
     * become body text with the rest of its number: held until the next block shows it, as
     * the cleaned text would show it whole; not under an open that goes on only as a link's
     * rest (link_only_open), which the line cannot continue: the line is taken on its own */
    if (!cont && !caption_of && !f.table && !boundary(&f) && !is_open(b, &f, rs->marks) &&
        may_continue(b, &f, rs->marks) && !link_only_open(rs)) {
      rs->sub_head = qg_feat_heading(&rs->of);
      rs->last_head = false;
      rs->sub = b;
      rs->sf = f;
      rs->sub_annex = false; /* (no attachment's item: annex_rest is not asked of the next) */
      return 0;
    }
    /* a line that ends inside its clause, held with open above it until the next block shows
     * whether it goes on (rest_under; repair_push) */
    if (!cont && !caption_of && rest_under(rs, b, &f)) {
      rs->sub = b;
      rs->sf = f;
      rs->sub_rest = rs->sub_under = true;
      rs->sub_prev_head = rs->last_head;
      rs->last_head = qg_feat_heading(&f);
      rs->sub_head = false;
      return 0;
    }
    rc = flush(rs);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  /* (in the blank layout, a deck's shape of 16 characters or more under a title is held too:
   * over a block no longer than it that ends a sentence it is a paragraph's first line, its
   * rest the line under, continues; double-spaced copy, 城市绿地扩容提质 | 本市今年新建改建公园
   * 绿地、口袋公园 | 和城市绿道共计一百二十处。, was a title and a paragraph, review 32a2 c60; over
   * a longer block it is a deck as before) */
  /* (and a shorter one whose end shows a cut, 在向, …等工作: lead_cut_end, deng_end; session 36) */
  bool deck = deck_under(rs, b, &f, rs->last_head);
  bool comma = comma_line(b, &f, rs->marks);
  if (may_continue(b, &f, rs->marks) || (rs->marks && cut_caption(&f)) || deck || comma) {
    rs->open = b;
    rs->of = f;
    rs->scan = scan;
    rs->open_annex = rs->annex && annex_item(rs, b, &f);
    rs->open_caption = !may_continue(b, &f, rs->marks) && !deck && !comma;
    rs->open_head = rs->last_head;
    rs->open_joined = rs->open_deck = false;
    rs->last_head = false;
    return 0;
  }
  bool prev_head = rs->last_head;
  rs->last_head = qg_feat_heading(&f);
  /* an attachment's item is held until the next line shows whether its name goes on there
   * (annex_item, annex_rest in repair_push) */
  if (rs->annex && !rs->sub && annex_item(rs, b, &f)) {
    rs->sub = b;
    rs->sf = f;
    rs->sub_annex = true;
    rs->sub_head = false;
    return 0;
  }
  /* so is a line that ends inside its clause, until the next shows whether it opens with a
   * word that no paragraph opens with (rest_cut in repair_push; session 45), and a shorter one
   * until the next shows whether it is a periodical's citation (cite_lead, held_cite: 本文原载 |
   * 《南溪文史》2025年第2期 | ，略有删节。; otherwise put out as before, rest_cut asking 8 characters) */
  if (!rs->sub && cite_lead(b, &f)) {
    rs->sub = b;
    rs->sf = f;
    rs->sub_rest = true;
    rs->sub_prev_head = prev_head;
    rs->sub_head = false;
    return 0;
  }
  return emit(s, b);
}

static int repair_finish(qg_stage *s);

/* Whether the short line x, held under a heading where lines are cut (sub), and b are a
 * paragraph's first line cut before 记者 or after a list closed by 等 and its rest
 * (社区书记王磊、李华带领 | 记者走进…。 | 　　活动现场…): the cleaned text, double-spaced,
 * joins them (continues' short deck), so the first clean must (review 36a min/r6, in/E02
 * E04 E06 E07 D079 D082). */
static bool sub_lead(repair_stage *rs, const qg_block *x, const qg_block *b, const qg_feat *f) {
  if (!rs->marks || !rs->sub_head || f->end != QG_END_STOP) return false;
  /* (a shape of 16 characters or more over a block no longer than it, both flush, as continues
   * joins it in the blank layout: 二百余名志愿者开展交通劝导、卫生整治 | 今年全部完成。, in/D049) */
  if (rs->sf.chars >= 16)
    return !x->indent_start && !b->indent_start && deck_line(x, &rs->sf) &&
           f->chars <= rs->sf.chars && deck_cut_shows(rs, x, b);
  /* (a shorter one whatever the indents: the blank layout joins it so) */
  return short_deck_cut(rs, x, &rs->sf, b);
}

/* A line of a poem holds at most this many characters (poem_verse). */
#define QG_REPAIR_POEM_LINE 16

/* Whether b is a poem's byline, after an ornament or not (□林也, □ 苏禾, □[唐]张继, and 苏禾 as
 * clean writes it, its ornament dropped: qg_text_poet's name alone or after a dynasty in
 * brackets), with no mark at its end. */
static bool poem_byline(const qg_block *b, const qg_feat *f) {
  size_t o = f->ornament;
  if (o >= b->text.len || b->text.len - o > 40 || f->end != QG_END_NONE) return false;
  int p = qg_text_poet(b->text.ptr + o, b->text.len - o);
  return p == QG_POET_NAME || p == QG_POET_DYNASTY;
}

/* Whether a block of these features has the shape of a line of verse: at most
 * QG_REPAIR_POEM_LINE characters, no sentence mark before its end, at most one clause mark
 * inside it (从明天起，做一个幸福的人), no table row. A column's lines of prose hold a sentence's
 * end inside or are longer (雨是后半夜停的。阿祥推开窗，河面上浮着一). */
static bool poem_verse(const qg_feat *f) {
  return f->chars <= QG_REPAIR_POEM_LINE && !f->stops && !f->ornament && !f->table &&
         !f->byline && !f->dateline && f->commas <= 1u + (f->end == QG_END_CLAUSE);
}

/* Whether the held continuation a and the line of its own b, each one source line, are two
 * lines of classical verse of one shape (qg_para_jue_shape: 5 or 7 Han characters and a
 * mark): the paragraph stage marks only the second own_line where it sees the first already
 * put out (the blank layout). The line layout keeps both lines (own_line) and its text output
 * sets them apart by blank lines, so the first is no continuation of an open paragraph above
 * it there either (…增长5.5%； | 规模的重要指标。 | 规模的重要指标。, line layout: three
 * paragraphs; read again, the first two were joined; session 44). */
static bool verse_pair(const qg_block *a, const qg_block *b) {
  if (a->line != a->end_line || b->line != b->end_line) return false;
  uint32_t j = qg_para_jue_shape(a);
  return j && j == qg_para_jue_shape(b);
}

static int repair_push(qg_stage *s, qg_block *b);

/* Puts the held sub x out as the base did when the block after it did not grow it (the paragraph
 * before it ends, then x), and then takes m, the block held after x (rs->cite). */
static int cite_apart(repair_stage *rs, qg_block *m) {
  qg_block *x = rs->sub;
  bool under = rs->sub_under, head = rs->last_head;
  rs->sub = NULL;
  rs->sub_annex = rs->sub_rest = rs->sub_under = rs->sub_cited = false;
  int rc = flush(rs);
  if (under) rs->last_head = head;
  if (!rc) rc = emit(&rs->base, x);
  else qg_block_release(rs->base.ctx, x);
  if (rc) {
    qg_block_release(rs->base.ctx, m);
    return rc;
  }
  return take(rs, m, &rs->cite_f, rs->cite_scan);
}

/* The held citation rs->cite (a periodical's name in book-title marks and its issue, book_issue)
 * under the held line rs->sub that ends inside its clause, as the block after them, b (NULL at
 * the end), shows it: when b opens as the rest of a sentence that cites the issue (cites_issue:
 * a clause or sentence mark, or 上 中 里 内 as a word after 在 or 于; …最初刊登在 | 《城市周刊》2026
 * 年第5期 | 上，后来…), the line takes the citation in and goes on in b (sub_cited); otherwise
 * the line is put out, then the citation is taken, as before (review 45 L1: the three stayed
 * three paragraphs; session 46). */
static int held_cite(repair_stage *rs, const qg_block *b) {
  qg_block *m = rs->cite, *x = rs->sub;
  rs->cite = NULL;
  if (b && !b->verbatim && !b->table_row && !b->own_line && cites_issue(rs, x, b) &&
      x->text.len + m->text.len + b->text.len < QG_REPAIR_MAX_BYTES) {
    rs->sub_cited = true;
    return join_to(rs, x, m, false);
  }
  return cite_apart(rs, m);
}

/* Whether b is a line of its own (own_line) of classical verse's shape, one source line
 * (qg_para_jue_shape): the paragraph stage marks the two lines of a pair so. */
static bool verse_line(const qg_block *b) {
  return b->own_line && !b->verbatim && !b->table_row && b->line == b->end_line &&
         qg_para_jue_shape(b) != 0;
}

/* Puts the held verse line (rs->verse) through as the block after it, b (NULL at the end),
 * shows it: one of a pair when b is the pair's other line (verse_pair), and a line of its own
 * as before; else it is no line of verse in the cleaned text, which shows it without its
 * partner (the paragraph stage joined that one to the line above or below it: …增长 | 春风又绿江南岸，
 * in one block, or 明月何时照我还。 | 地方多了。), and a second clean reads it as any block: it is
 * pushed as one, own_line cleared, and may be joined (review 44 M6: the first clean kept it
 * apart, the second joined it; session 45). */
static int held_verse(repair_stage *rs, const qg_block *b) {
  qg_block *v = rs->verse;
  rs->verse = NULL;
  bool pair = b && verse_line(b) && verse_pair(v, b);
  if (!pair) v->own_line = false;
  rs->prev_jue = qg_para_jue_shape(v); /* (so that v is not held again) */
  return repair_push(&rs->base, v);
}

static int repair_push(qg_stage *s, qg_block *b) {
  repair_stage *rs = (repair_stage *)s;
  if (rs->cite) {
    int rc = held_cite(rs, b);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  /* a page's number and a date line with a weekday (8　2026年7月21日　星期二) whose date is not
   * the last such line's in the document is a dated entry, no folio: a paper or periodical
   * prints one date on every page's head, a diary or a log one date for each entry
   * (2026年3月3日　星期二　11 … 2026年3月4日　星期三　12; session 45, review 44b) */
  rs->dated_entry = false;
  /* (such a line opens with a figure, a letter or white space: most blocks open with Han) */
  unsigned c0 = b->text.len ? (unsigned char)b->text.ptr[0] : 0;
  if (b->text.len >= 24 && b->text.len <= 96 &&
      (c0 - '0' < 10u || (c0 | 0x20u) - 'a' < 26u || c0 == 0xEF || c0 == ' ' || c0 == '\t' || c0 == 0xE3)) {
    uint32_t date;
    if (qg_text_page_date(b->text.ptr, b->text.len, &date)) {
      rs->dated_entry = rs->page_seen && date != rs->page_date;
      rs->page_seen = true;
      rs->page_date = date;
    }
  }
  rs->marks = strcmp(qg_ctx_docinfo(s->ctx)->paragraphs, "blank") != 0;
  if (rs->verse) {
    int rc = held_verse(rs, b);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  /* a line of verse's shape of its own is held until the next block shows its pair (held_verse),
   * unless the block before it was its pair's first line (of a run of them, or the held
   * continuation or open paragraph that the paragraph stage did not mark, as in the blank
   * layout) or was a line of its own of another kind (a subtitle's cue, 再等一会儿！ under its
   * time code: the run keeps it) */
  uint32_t jue = b->line == b->end_line ? qg_para_jue_shape(b) : 0;
  if (jue && jue != rs->prev_jue && !rs->prev_own && verse_line(b)) {
    rs->verse = b;
    return 0;
  }
  rs->prev_jue = jue;
  rs->prev_own = b->own_line;
  bool annex = rs->annex;
  /* (a list's item, or a short line under one without a sentence's end: an item's rest) */
  const unsigned char *u0 = (const unsigned char *)b->text.ptr; /* (附 E9 99 84) */
  /* (read44: a short line keeps the list open only when it may be an item's rest, a document's
   * kind last; the issuer's name, the date or a heading under the list end it) */
  rs->annex = (b->text.len >= 9 && (u0[0] == 0xE9 || u0[0] == ' ' || u0[0] == '\t') && annex_lead(b)) ||
              (annex && (annex_number(b->text.ptr, b->text.len, 0) > 0 ||
                         (b->text.len <= 24 * 3 && annex_kind(b) &&
                          !holds_mark(b->text.ptr, b->text.len, 0, (const uint32_t[]){0x3002}, 1))));
  if (b->verbatim || b->table_row || b->own_line) { /* Markdown's verbatim text, a row of its
                                      * tables, and a line of its own in a run of lines of verse
                                      * or rows (paragraph.c): joins nothing, nothing joins it */
    rs->title = rs->last_head = false; /* (a 句 line keeps the poem as it is) */
    int rc = 0;
    if (rs->pend && b->own_line && verse_pair(rs->pend, b)) {
      /* (the held continuation is the first line of the verse: put out as it stands) */
      qg_block *x = rs->pend;
      rs->pend = NULL;
      rs->pend_deck = false;
      rc = flush(rs);
      if (!rc) rc = emit(s, x);
      else qg_block_release(s->ctx, x);
    }
    if (!rc) rc = repair_finish(s);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
    /* (but an attachment's item, a line of its list, may have its name cut at the line's end:
     * held as take holds one, annex_item) */
    if (rs->annex && rs->marks && b->own_line && !b->verbatim && !b->table_row) {
      qg_feat af;
      qg_scan as = {.end = 0};
      qg_cues_measure_more(rs->cues, b, &as, &af);
      if (annex_item(rs, b, &af)) {
        rs->sub = b;
        rs->sf = af;
        rs->sub_annex = true;
        rs->sub_head = false;
        return 0;
      }
    }
    return emit(s, b);
  }
  qg_feat f;
  qg_scan scan = {.end = 0};
  qg_cues_measure_more(rs->cues, b, &scan, &f);
  /* the lines of a poem under its title and its byline after an ornament (灯 | □苏禾 | 灯亮着， |
   * 就有人在等。): short lines with no sentence inside are the poem's lines, not a column's
   * cut, and stay lines, as the paragraph stage keeps a 句 of classical verse (session 27,
   * probe 26 M5: they were joined); a block of another shape, prose, ends the poem */
  bool title = f.chars <= 10 && f.end == QG_END_NONE && !f.ornament && qg_feat_heading(&f);
  /* (a title held as the continuation of the paragraph above it, pend, is joined to it: no
   * poem's title, and what follows it is read as the cleaned text, where it is the paragraph's
   * end, will show it; …增长5.5%； | 夜间借阅量翻了一番 | ★ 记者手记…: session 44) */
  bool byline = rs->title && !rs->pend && poem_byline(b, &f);
  rs->title = title;
  if (byline) {
    rs->poem = true;
  } else if (rs->poem && poem_verse(&f)) {
    int rc = repair_finish(s);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
    return emit(s, b);
  } else {
    rs->poem = false;
  }
  if (rs->sub) {
    qg_block *x = rs->sub;
    bool sub_annex = rs->sub_annex, sub_rest = rs->sub_rest, sub_under = rs->sub_under;
    bool sub_cited = rs->sub_cited;
    /* (a periodical's issue in book-title marks under it is held until the next block shows
     * whether the sentence cites it: held_cite) */
    if ((sub_rest || (!sub_annex && cite_lead(x, &rs->sf))) && !sub_cited && book_issue(b)) {
      rs->cite = b;
      rs->cite_f = f;
      rs->cite_scan = scan;
      return 0;
    }
    rs->sub = NULL;
    rs->sub_annex = rs->sub_rest = rs->sub_under = rs->sub_cited = false;
    /* a periodical's name in book-title marks and its issue on a line of its own, held under
     * the open paragraph (as sub_rest, rest_under, or as a line that may go on) whose sentence
     * cites it (…最初刊登在 | 《城市周刊》2026年第5期 | 上，后来…):
     * the three are one sentence, joined as cited_issue joins a name without the marks (review
     * 45 L1: they stayed three paragraphs; session 46) */
    if (rs->open && !sub_annex && book_issue(x) && cites_issue(rs, rs->open, b) &&
        rs->open->text.len + x->text.len + b->text.len < QG_REPAIR_MAX_BYTES) {
      if (sub_under) rs->last_head = rs->sub_prev_head;
      int rc = join_to(rs, rs->open, x, false);
      if (!rc) return join_rest(rs, b);
      qg_block_release(s->ctx, b);
      return rc;
    }
    bool grow;
    if (sub_cited) {
      grow = true; /* (held_cite: b is the sentence's rest after the citation) */
      if (sub_under) rs->last_head = rs->sub_prev_head;
    } else if (sub_rest) {
      /* a line held as sub_rest goes on in a block that opens with a word no paragraph opens
       * with (的决议, 并要求: rest_cut); otherwise it stands as it was */
      grow = rest_cut(rs, x, &rs->sf, b) && x->text.len + b->text.len < QG_REPAIR_MAX_BYTES;
      if (grow) rs->last_head = rs->sub_prev_head;
    } else {
      /* an attachment's name cut at the line's end (附件：1.…检查 | 标准（2026年修订版）,
       * annex_rest; the list goes on under it) */
      if (sub_annex && annex_rest(b, &f)) {
        rs->annex = true;
        int rc = join_to(rs, x, b, false);
        if (rc) {
          qg_block_release(s->ctx, x);
          return rc;
        }
        rc = flush(rs);
        if (!rc) rc = emit(s, x);
        else qg_block_release(s->ctx, x);
        return rc;
      }
      /* the held line grows by the rest of its number, mark, word or link, or by the closing
       * mark it lost to the next line */
      grow = cut_number(x, b, rs->marks) == 1 || half_pair_cut(x, b, rs->marks) ||
             (rs->marks && qg_join_word_cut(x->text.ptr, x->text.len, b->text.ptr, b->text.len)) ||
             link_cut(x, b) || (rs->marks && closer_cut(x, &rs->sf, b)) ||
             sub_lead(rs, x, b, &f) || comma_line_cut(rs, x, &rs->sf, b, &f) ||
             (!sub_annex && rest_cut(rs, x, &rs->sf, b));
    }
    if (grow) {
      int rc = join_to(rs, x, b, false);
      if (rc) {
        qg_block_release(s->ctx, x);
        return rc;
      }
      qg_scan xs = {.end = 0};
      qg_cues_measure_more(rs->cues, x, &xs, &f);
      rs->dated_entry = false; /* (b is the rest of x now, no line of its own) */
      return take(rs, x, &f, xs);
    }
    bool head = rs->last_head;
    int rc = flush(rs); /* it stays apart, and the paragraph before it ends */
    if (sub_under) rs->last_head = head; /* (x's, as take set it after putting open out) */
    if (!rc) rc = emit(s, x);
    else qg_block_release(s->ctx, x);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  return take(rs, b, &f, scan);
}

static void drop_held(repair_stage *rs) {
  qg_block_release(rs->base.ctx, rs->cite);
  rs->cite = NULL;
  rs->sub_cited = false;
  qg_block_release(rs->base.ctx, rs->verse);
  rs->verse = NULL;
  qg_block_release(rs->base.ctx, rs->open);
  rs->open = NULL;
  qg_block_release(rs->base.ctx, rs->pend);
  rs->pend = NULL;
  qg_block_release(rs->base.ctx, rs->sub);
  rs->sub = NULL;
  for (size_t i = 0; i < rs->nmid; i++) qg_block_release(rs->base.ctx, rs->mid[i]);
  rs->nmid = rs->slots = rs->nmoved = 0;
  rs->cap_half = rs->comma_photo = rs->fig_di = false;
  rs->sub_annex = rs->open_annex = rs->sub_rest = rs->sub_under = false;
}

static int repair_begin(qg_stage *s) {
  drop_held((repair_stage *)s);
  repair_stage *rs = (repair_stage *)s;
  rs->poem = rs->title = rs->last_head = rs->open_head = rs->open_deck = rs->pend_deck = rs->blank_cut = false;
  rs->prev_jue = 0;
  rs->prev_own = false;
  rs->annex = false; /* (an attachment's list ends with its document: session 44's state) */
  rs->page_seen = rs->dated_entry = false;
  return 0;
}

static int repair_finish(qg_stage *s) {
  repair_stage *rs = (repair_stage *)s;
  int rc = rs->cite ? held_cite(rs, NULL) : 0;
  if (!rc && rs->verse) rc = held_verse(rs, NULL);
  if (!rc && rs->pend) rc = join_pending(rs);
  if (!rc) rc = flush(rs);
  if (rs->sub) {
    qg_block *x = rs->sub;
    rs->sub = NULL;
    rs->sub_annex = rs->sub_rest = rs->sub_under = rs->sub_cited = false;
    if (!rc) rc = emit(s, x);
    else qg_block_release(s->ctx, x);
  }
  return rc;
}

static void repair_free(qg_stage *s) {
  drop_held((repair_stage *)s);
  qg_edit_free(&((repair_stage *)s)->edit);
  free(((repair_stage *)s)->toks.v);
  qg_forms_free(((repair_stage *)s)->forms);
  free(s);
}

static const qg_stage_vt repair_vt = {.name = "repair", .begin = repair_begin,
                                      .push = repair_push, .finish = repair_finish,
                                      .free = repair_free};

qg_stage *qg_stage_repair_new(qg_ctx *ctx) {
  repair_stage *rs = calloc(1, sizeof *rs);
  if (!rs) return NULL;
  rs->base.vt = &repair_vt;
  rs->base.ctx = ctx;
  rs->cues = qg_ctx_cues(ctx);
  qg_edit_init(&rs->edit);
  if (!(rs->forms = qg_forms_new())) {
    qg_edit_free(&rs->edit);
    free(rs);
    return NULL;
  }
  return &rs->base;
}
