/* structure.c: gives every block its kind and groups blocks into articles.
 *
 * The stage looks at a window of QG_STRUCT_WINDOW blocks. A run of consecutive display lines
 * (qg_feat_heading: short, no sentence inside) is classified as a group, knowing the block
 * after it; any other block is classified alone, knowing the next one. All the decisions are
 * in classify_group and classify_one below; the cues they use come from cues.c.
 *
 * Articles. A new article starts
 *   - at a heading group when no article is open, the open one has ended (an author tag or a
 *     stand-alone photo item closed it), or the open one already has body text or a title and
 *     the group is "strong": two or more lines, a section name or a subtitle among them, or
 *     followed by a byline or a paragraph with a dateline;
 *   - at a paragraph with a dateline when the open article already has body text;
 *   - at a stand-alone photo item (a caption of at least 40 characters that does not start
 *     with a caption cue, with a credit) when the open article has body text.
 * A single heading inside body text that is not strong is a subhead.
 * Never a heading (session 21, probe 20 M6): a bullet's item, a line of verse put out alone
 * (qg_block.lead), a line of a run the paragraph stage found (own_line), a line that kept its
 * indent (code), speech broken off with a dash (“那——”) and three turns of a chat in a row
 * (小张：… | 老李：… | 小张：…, turn_line) are p. A numbered heading (一、 1.
 * （一）: numbered_head) is a subhead like its siblings, the line above it the title; over a
 * dateline or a byline it is the title of the article it opens (review 21 M2). Lines of verse
 * are p only in a run of such groups or at the text's end; over a byline, a dateline or body
 * text they are a headline set over two or three lines (verse_at; review 21 H1).
 * Session 22: a line that reads as code (qg_text_code_line) is p, indent or not; a display line
 * ending with a colon over a list's first item (主要措施如下： | 1. …, 注意事项： | - …) is p, the
 * list's lead-in (body_line); a poem's or a work's title over its poet's or author's name
 * (静夜思 | 李白, 《背影》 | 朱自清, 静夜思 | ［唐］李白) is the title and a byline, the name ending
 * the group (poet_at: a dynasty first, or the title in 《》 or verse under the name); a form's
 * row of fields (qg_text_form_fields, as the paragraph stage reads it) after body text is p.
 *
 * Session 22 (s22-lines, probe 22 M6, H12): an exam's question (an item's number and an answer's
 * bracket, a blank or a score: exam_line) and a letter's greeting (您好！) are p, an exam's row of
 * options a row of cells (f.table); a subtitle's cue lines are own_line (paragraph.c), p.
 *
 * Session 23 (s23-left, probe 22 M6): a 公文's date with its note on one line (二〇二四年三月五日
 * （此件公开发布）) ends its signature (date_noted); the note under the date, the 发文字号 under the
 * title and the 版记's 印发 line are p; 抄送：… and the 印发 line under a signature stay in the
 * document's article.
 * Review 23 (s23-fixs): numbered headings alone (二、… | 1．…) are no strong group (H4); the 公文's
 * end matter under a signature that ended the item (附件…, 抄送：…, the 印发 line, with the lines
 * of its list, an office or a date under it) is the document's p, an issuer over a date alone
 * last in it bylines; a date with its note opens a signature with more lines after it too (H3).
 *
 * Kinds in a group that heads an article: section names are `section`; the last line that is
 * neither a section nor a dash-led line is the `title`; lines before it are `kicker`s, lines
 * after it `subtitle`s.
 *
 * A separator line (only symbols: *** —————— ■■■) is no heading: a `p` of the article it
 * stands in, neither opening one nor counting as its body text.
 *
 * Session 47 (s47-kinds): a name alone as the document's last block under a sentence that
 * announces it (…称号授予：, …只评出了一人。) is body text (announces); an issuer alone under a
 * notice's closing formula, or over a date in figures (2026.12.6), signs the notice above
 * (closing_tail, num_date).
 *
 * Session 48 (s48-notice): a notice's tail under its body, an attachment list, contact fields and
 * the issuer over the date in one heading run, is the notice's (notice_tail: p, set apart by
 * apart_kind, and bylines), no second article; an editor's note and the title of the item it
 * introduces, over or under it, share one article with the item's dateline paragraph
 * (note_only); a body's department (dept_line, body_shaped: 青溪市总工会 | 文体部, 市总工会文体部)
 * signs a notice under its closing formula, and as the text's last block.
 *
 * Splits, each reported: a byline's leading ornament is dropped (struct-ornament); a credit at
 * the end of a caption becomes a `credit` block without its brackets (struct-credit), and so
 * does a bracketed credit line; an author tag （姓名） after the last sentence of an article's
 * last paragraph becomes an `author` block (struct-author). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>


/* Blocks held for lookahead: the longest heading group (section, two kickers, title, two
 * subtitles) plus the block after it, with room to spare. */
#define QG_STRUCT_WINDOW 8
/* A caption at least this long with a credit is a photo item of its own (图片新闻). */
#define QG_PHOTO_ITEM_MIN 40
/* A line of a poem under its byline holds at most this many characters (poem_line). */
#define QG_POEM_LINE 24
/* …and its title over the byline at most this many. */
#define QG_POEM_TITLE 10
/* Blocks split off one block at most: credits at the end of a caption (one is the rule; a
 * second, a few in garbled copy). */
#define QG_STRUCT_EXTRA 4

typedef struct held {
  qg_block *b;
  qg_feat f;
  unsigned row; /* figure_row: measured once, when the block comes */
  unsigned cells; /* cell_row: likewise */
  bool lf;        /* a label and figures (qg_text_label_figures): likewise */
  int bars;       /* bars between cells (qg_text_bar_cells): likewise */
  int tabs;       /* TABs between cells (qg_text_tab_cells): likewise */
  unsigned data;  /* data_line: its fields, likewise */
  int spec;       /* spec_row: likewise */
  bool salute;  /* a line ending with a colon under heading lines, over body text (各位代表：) */
  bool grouped; /* a caption of a photo group (图① …, ① … over a credit; probe 17 P15) */
} held;

#define QG_ROWS_SEEN 32 /* (rows_seen) */
#define QG_HELD_SLACK 56 /* (struct_stage.wbuf) */

typedef struct struct_stage {
  qg_stage base;
  qg_cues *cues;
  qg_edit ed;
  held *w;        /* the window: n held blocks, w[0] the oldest, a view into wbuf */
  size_t n;
  /* the window slides along wbuf and is moved back to its start once it is QG_HELD_SLACK
   * blocks in (shift_held; session 51: moving it at every step was 1.4 M instructions of s2's
   * 523 M, 5% of the stage's own) */
  held wbuf[QG_STRUCT_WINDOW + QG_HELD_SLACK];
  /* the open article */
  uint32_t article;
  bool has_title, has_body, ended, photo_open;
  bool page_end;   /* the page's editor line ended the open article, and nothing but page
                    * furniture (editor lines, running heads, folios) came after it: a paragraph
                    * of body text continues the article (session 41, probe 40) */
  bool credit_end; /* the last block emitted was a photo credit (session 41, probe 40 D9) */
  bool done_end;   /* the last block emitted was a note that ended its article, （完）
                    * （全文完） (session 44, probe 43 F5b) */
  bool quote_open; /* the last body paragraph left a quotation open (他说：“同志们：) */
  bool intro;      /* the open article holds an editor's note and nothing else yet: the heading
                    * group or dateline paragraph after it is the item it introduces (probe 17) */
  bool note_only;  /* the open article's body text is an editor's note alone (intro's
                    * paragraphs): under the title of the item it introduces, a dateline
                    * paragraph is that item's text, no new article (session 48) */
  unsigned row_fields; /* the last block emitted was a row of figures with so many fields */
  unsigned row_cells;  /* …a row of data of this cell_row */
  bool row_lf;         /* …a table's row or a label and figures (a `p`) */
  int row_bars;        /* …a row of cells between bars (项目︱数量︱单价) with so many */
  int row_tabs;        /* …a row of cells between TABs (项目	金额) with so many */
  bool row_data;       /* …a row of data of few columns (data_line; probe 26 M6) */
  bool row_spec;       /* …a row of a spec list (spec_list_at; session 29) */
  bool unit_rows;      /* …a table's unit line (单位：万元) or a row of cells under one (session 24) */
  bool unit_head;      /* …the unit line itself (the row right under it may be column names) */
  unsigned sign; /* lines of a signature still allowed after a notice's closing formula */
  bool fields_end;  /* the last blocks emitted were a notice's field lines (项目名称：…) */
  bool contact_end; /* the last block emitted was a contact line alone (emit) */
  bool colon_end;   /* the last block emitted was body text ending with a colon (emit) */
  unsigned list_prev; /* the number of the list item under such a colon line emitted last
                       * (colon_item, numbered on from 1; 0: none) */
  /* an exam's question and its options one a line (exam_step; session 49, review 48 P1): the
   * state after the blocks emitted */
  struct exam_run {
    uint8_t letter; /* 0: none; '@': under a question's stem; '#': under a question whose
                     * stem goes on; 'A'..'F': under that option */
    bool rest;      /* the line above was the option's wrapped rest */
    unsigned num;   /* the question's number */
  } exam_run;
  bool role_end;    /* …a byline of the role alone, 本报评论员 (emit, role_only; session 37) */
  bool by_rest;     /* the block being emitted is such a byline's rest (no rest under a rest) */
  uint32_t by_line; /* …a byline of a role and names between white space, 记者　王芳　张明: the
                     * source line it ends on (emit; 0: another block; session 49) */
  /* the titles emitted (emit): a hash of each title's text and of the body paragraph under it,
   * so that a notice pasted again under an article's body opens an item of its own
   * (title_seen); title_wait: the last title's paragraph is still to come */
  struct seen_title {
    uint64_t title, body;
  } *titles;
  size_t n_titles, cap_titles;
  bool title_wait;
  bool sched_row;   /* the last block emitted was a schedule's row (schedule_row), a p */
  bool finishing;   /* struct_finish is putting the document's last blocks through (the window
                     * holds the document's last blocks: s46-mend2's signature, s46-fixed's
                     * author) */
  bool signed_off;  /* …a signature's last line, which ended its article, or a contact line
                     * after it (联系人：王芳 电话：…; probe 26 M8) */
  bool index_prev;  /* the last block emitted was an index's heading or entry (导读 | ▶… 3版) */
  bool photo_group; /* under a photo group's heading (组图) or its last caption */
  unsigned turns;         /* the last blocks emitted were so many turns of a chat (turn_line) */
  bool line_run;          /* the last blocks emitted were a run of lines of their own under a
                           * heading, in the blank layout (run_line; session 34) */
  uint64_t rows_seen[QG_ROWS_SEEN]; /* the hashes of the last rows of names (names_rows), and */
  size_t rows_n;                    /* how many were seen (session 40) */
  uint64_t rows_head;               /* the hash of the heading of those rows' list */
  bool key_list;          /* the last blocks emitted were an answer key's heading (key_head)
                           * and its items or numbered headings (key_item; session 48) */
  bool names_rows;        /* the last blocks emitted were rows of names under a list's heading
                           * (name_row_at; session 39) */
  bool verse_prev;        /* the last block emitted was a `p` of verse: a line of its own
                           * (QG_LEAD_VERSE, own_line) or a classical couplet (verse_block) */
  uint32_t verse_end;     /* the last block emitted was a line of verse (QG_LEAD_VERSE) that
                           * ended on this line; 0: it was not (verse_at) */
  /* an exam's items (session 27, probe 26 M4): the number the last block emitted opened with
   * (12. …), 0: none; exam_head: that block was an exam section's heading (二、填空题（每小题4分，
   * 共24分）), so the item under it that opens with a number before a figure (11.16的平方根…)
   * is marked QG_LEAD_ITEM: the XML writer reads its number as a label, no decimal */
  unsigned item_prev;
  bool exam_head;
  /* …and that item's text ended mid-phrase, on a Han character (1.一根绳子长): the figure that
   * opens the next line is its rest (2.5米，…), no item's number (session 28, review 27b L2) */
  bool item_open;
  bool exam; /* an exam section's heading came, and no heading of another kind since */
  /* a poem under its byline (□林也 under 渡口, session 27): its short lines are verse, p
   * (poem_line); poem_by: the byline that opens it, when it is emitted */
  bool poem;
  const qg_block *poem_by;
  /* …the poem's lines emitted so far, and whether the last ended its sentence (。！？) and
   * held more than one source line (a stanza joined: review 27b H1) */
  unsigned poem_lines;
  bool poem_stop, poem_multi;
  /* the last bytes of the last block emitted when it was a `p` (white space at its end
   * dropped, from a character's start), 0 when it was of another kind: whether its last
   * sentence announces the block under it (announces: …称号授予：, …只评出了一人。) or is a
   * notice's closing formula (closing_tail: …请过往车辆提前绕行。特此通告。) is read from them when
   * a rule asks (session 47, review 46b L1, L2) */
  char p_tail[24];
  uint8_t p_tail_n;
  const qg_block *stop_b; /* the body paragraph being emitted ends with a sentence mark */
  bool last_stop;         /* the last block emitted was such a paragraph */
  /* the last block emitted was a match's result row (score_row) in the body, or a round's
   * heading after one (男子单打半决赛 after 张伟 3:1 李强; session 30) */
  bool score_end;
  bool round_end; /* …a round's heading, a subhead (第一轮) */
  unsigned rounds; /* the rounds' headings emitted in the article (score_listing) */
  bool event_end;  /* …a subhead right under a row, a listing's event (女子单打; score_listing) */
  /* the rows emitted under the last round's heading, and under the round before it */
  unsigned round_rows, rows_before;
  /* blocks set apart (apart_kind; session 47, s47-notes): the kind set apart on the last block
   * emitted (0: none), in article apart_art; apart_body: that article has had a body paragraph
   * not set apart; last_body: the last block emitted was one, and no contact field; note_paras:
   * the editor's note's blocks so far; note_alone: the last was its label alone (【编者按】);
   * note_after: its label is 编后 or 编后语 (after the item); annex_bare: the last attachment
   * line was 附件： alone; contact_left: the lines of a contact block still to come;
   * apart_titled: the article has had a title; note_lead: the note opened an untitled article
   * (the item it introduces comes after it: note_goes_on) */
  qg_kind apart_prev;
  uint32_t apart_art;
  bool apart_body, last_body, note_alone, note_after, annex_bare, apart_titled, note_lead;
  bool apart_sig; /* the last block emitted was a byline of a date after the article's body, a
                   * signature's (session 48) */
  unsigned note_paras, contact_left;
} struct_stage;

static void new_article(struct_stage *ss) {
  ss->article++;
  ss->sign = 0;
  ss->fields_end = ss->page_end = false;
  ss->has_title = ss->has_body = ss->ended = ss->photo_open = ss->quote_open = false;
  ss->intro = ss->note_only = false;
  ss->rounds = ss->round_rows = ss->rows_before = 0;
}

static bool turn_line(const qg_block *b);
static bool verse_block(const qg_block *b);
static bool surname_at(const char *s, size_t n, size_t i);
static bool double_surname_at(const char *s, size_t n, size_t i);
static bool role_only(const qg_block *b);
static bool score_row(const qg_block *b);
static bool round_head(const held *h);

/* A hash of b's text without the white space at its ends (FNV-1a). */
static uint64_t text_hash(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  uint64_t h = 0xcbf29ce484222325u;
  for (; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
  return h;
}

/* Whether h's text is the title of an article of this document emitted before, the article
 * under way too (its own title again after its body is a second copy pasted in), and next, the
 * block under h's group, a sentence, is the first paragraph that came under that title: a
 * heading and its text pasted again (session 26). A heading alone repeats legitimately: a
 * channel's name under each day of a listing (s12-struct), a column's name. */
static bool title_seen(const struct_stage *ss, const held *h, const held *next) {
  if (!ss->n_titles || h->f.chars < 4 || h->f.subhead_num || next->f.end != QG_END_STOP ||
      next->f.chars < 10)
    return false;
  uint64_t x = text_hash(h->b), y = 0;
  for (size_t i = ss->n_titles; i-- > 0;)
    if (ss->titles[i].title == x) {
      if (!y) y = text_hash(next->b);
      if (ss->titles[i].body == y) return true;
    }
  return false;
}

/* Whether b's text ends with a colon, ： or :, perhaps white space after it. */
static bool ends_colon(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  return n && (s[n - 1] == ':' || (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x9A", 3)));
}

/* The number of one or two figures that b opens with before . or ． (1 when it is found, else
 * 0), and whether a figure follows the mark (11.16的平方根: *figure). */
static int item_number(const qg_block *b, unsigned *num, bool *figure) {
  size_t i = qg_text_exam_item(b->text.ptr, b->text.len, false, num);
  if (!i) return 0;
  *figure = i < b->text.len && (unsigned)((unsigned char)b->text.ptr[i] - '0') < 10u;
  return 1;
}

/* Whether b is an exam section's heading: it holds 题 and ends with a score in brackets,
 * 分） or 分) (二、填空题（每小题4分，共24分）; qg_text_exam_heading, as repair.c's exam_heading). */
static bool exam_section(const qg_block *b) {
  return b->text.len >= 12 && b->text.len <= 120 && qg_text_exam_heading(b->text.ptr, b->text.len);
}

/* Whether b's text (an item's, 12.5%的…) has a percent sign (% ％ ‰) right after the figures
 * that follow its number's mark. */
static bool percent_after(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = qg_text_exam_item(s, n, false, NULL);
  while (i < n && ((unsigned)((unsigned char)s[i] - '0') < 10u || s[i] == '.')) i++;
  return i < n && (s[i] == '%' || (n - i >= 3 && (!memcmp(s + i, "％", 3) || !memcmp(s + i, "‰", 3))));
}

/* Whether b's text ends on a Han character (white space after it aside): mid-phrase, with no
 * mark, bracket or blank to end it; or on a colon. */
static bool ends_han(const qg_block *b) {
  size_t n = b->text.len;
  while (n && qg_cp_is_space((unsigned char)b->text.ptr[n - 1])) n--;
  if (!n) return false;
  size_t i = qg_utf8_prev(b->text.ptr, n), j = i;
  uint32_t c = qg_utf8_next(b->text.ptr, n, &j);
  /* (or on a colon: its question follows, 1.计算： | 2.4×5+1.8÷0.6, no item 2; review 28a M4) */
  return qg_cp_is_han(c) || c == 0xFF1A || c == ':';
}

/* Whether b is the page's editor line, not in brackets (责任编辑：王丽 美术编辑：张成; the wire's
 * （责任编辑：赵六） ends its item): page furniture, printed at the foot of every page. */
static bool page_editor_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n && (s[n - 1] == ')' || (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x89", 3)))) return false;
  return qg_text_editor_line(s, n);
}

static bool note_line(const qg_block *b, bool *end);
static bool key_head(const qg_block *b);
static bool key_item(const qg_block *b);
static void apart_kind(struct_stage *ss, qg_block *b);

/* Whether s[0..n) ends with one of words (UTF-8). */
static bool tail_is(const char *s, size_t n, const char *const *words) {
  for (size_t k = 0; words[k]; k++) {
    size_t m = strlen(words[k]);
    if (n >= m && !memcmp(s + n - m, words[k], m)) return true;
  }
  return false;
}

/* Whether s[0..n), the end of a body paragraph (p_tail), announces the block under it (session
 * 47, review 46b L1): a colon (获得一等奖的是：), a dash (获此殊荣的是——), a word that wants the
 * name after it and no mark (…称号授予, …被评为, 获得者是), or a sentence mark after a count of
 * one or a list's cue (…特等奖只评出了一人。, …共评出一个单位。, 名单如下。), the count after no
 * ordinal's or distributive's word (第一名。 每一位。 其中一人。: session 47, review 47b M1). A
 * name alone under it completes the sentence: body text, neither the article's author nor its
 * signature. */
static bool announces(const char *s, size_t n) {
  static const char *const wants[] = {"是", "为", "為", "叫", "授予", "授给", "授給", "颁给", "頒給",
                                      "颁发给", "頒發給", "给予", "給予", "获得者", "獲得者", "得主",
                                      "获奖者", "獲獎者", NULL};
  static const char *const counts[] = {"如下", "一人", "一名", "一位", "一个单位", "一個單位",
                                       "一家单位", "一家單位", "一个集体", "一個集體", NULL};
  if (n < 3) return false;
  if (s[n - 1] == ':' || !memcmp(s + n - 3, "\xEF\xBC\x9A", 3)) return true; /* ： */
  if (n >= 6 && !memcmp(s + n - 6, "\xE2\x80\x94\xE2\x80\x94", 6)) return true; /* —— */
  size_t p = qg_utf8_prev(s, n), i = p;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (qg_cp_is_han(c)) return tail_is(s, n, wants);
  if (c != 0x3002 && c != 0xFF01 && c != '.' && c != '!') return false;
  /* (a count of one is no ordinal nor a distributive: 第一名。 每一位。 其中一人。 任何一个单位。,
   * session 47, review 47b M1) */
  static const char *const ordinals[] = {"第", "每", "唯", "其中", "任何", NULL};
  for (size_t k = 0; counts[k]; k++) {
    size_t m = strlen(counts[k]);
    if (p >= m && !memcmp(s + p - m, counts[k], m)) return !tail_is(s, p - m, ordinals);
  }
  return false;
}

/* Whether the last sentence of s[0..n), the end of a body paragraph (p_tail), is a notice's
 * closing formula (…请过往车辆提前绕行。特此通告。, or 特此通告。 alone: qg_text_closing_formula
 * after a sentence mark, white space or the start); the issuer under it signs the notice
 * (session 47, review 46b L2). */
static bool closing_tail(const char *s, size_t n) {
  /* (特此 and two characters, then 。 ！ . ! or nothing: 12 to 15 bytes) */
  for (size_t m = 12; m <= 15 && m <= n; m++) {
    size_t a = n - m;
    if ((unsigned char)s[a] != 0xE7 || memcmp(s + a, "特此", 6) ||
        !qg_text_closing_formula(s + a, m))
      continue;
    if (!a) return true;
    size_t p = qg_utf8_prev(s, a), i = p;
    uint32_t c = qg_utf8_next(s, a, &i);
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' || c == '!' || c == '?' ||
           c == 0x201D || qg_cp_is_space(c);
  }
  return false;
}

/* The number of a short list item, one or two figures, then . ． or 、 and a Han character
 * (1.看病就医, 2、孩子上学); 0 when b opens otherwise (1.5倍 is a figure). */
static unsigned colon_item(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  unsigned num = 0;
  while (i < n && i < 2 && (unsigned)(s[i] - '0') < 10u) num = num * 10 + (unsigned)(s[i++] - '0');
  if (!i || i >= n) return 0;
  if (s[i] == '.') i++;
  else if (n - i >= 3 && (!memcmp(s + i, "\xEF\xBC\x8E", 3) || !memcmp(s + i, "\xE3\x80\x81", 3)))
    i += 3; /* ． 、 */
  else
    return 0;
  return i < n && qg_cp_is_han(qg_utf8_next(s, n, &i)) ? num : 0;
}

/* Whether the held line k is an item of a short numbered list in a story, under its lead
 * ending with a colon (记者随机采访了一百位市民，排名前三的是： | 1.看病就医 | 2.孩子上学 |
 * 3.养老服务): numbered on from 1 right under the lead, two items at least, each held or
 * emitted (list_prev). They were a run of subheads; body text (session 49, review 48 P6). A
 * story's numbered subhead over its own paragraphs (…： | 1.议事会开到楼门口 | 居民在楼下…)
 * has no item under it and stays a subhead. */
static bool colon_list_at(const struct_stage *ss, size_t k) {
  unsigned num = colon_item(ss->w[k].b), m = num;
  if (!num) return false;
  size_t j = k;
  while (j && m > 1 && colon_item(ss->w[j - 1].b) == m - 1) j--, m--;
  bool lead = m == 1 ? (j ? ss->w[j - 1].f.end == QG_END_COLON && !ss->w[j - 1].f.subhead_num &&
                                !ss->w[j - 1].f.sidebar
                          : ss->colon_end)
                     : !j && ss->list_prev == m - 1;
  return lead && (num > 1 || (k + 1 < ss->n && colon_item(ss->w[k + 1].b) == 2));
}

static bool exam_line(const qg_block *b, bool options);
static int editor_note(const qg_block *b);

/* Whether s[0..n) ends with an answer's bracket holding only white space, （　　） or ( ) (an
 * exam's question: exam_line past its full stop, stem_end). */
static bool blank_bracket_end(const char *s, size_t n) {
  if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x89", 3)) n -= 3; /* ） */
  else if (n && s[n - 1] == ')') n--;
  else return false;
  size_t z = n;
  for (;;) {
    if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    else if (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3;
    else break;
  }
  return n < z && ((n && s[n - 1] == '(') || (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x88", 3)));
}

/* The letters of the options b opens with: an option's letter A to F and its mark (A． A. A、)
 * and text after it; *last the last option's letter on the line when it is a row of options
 * (A．-3　　B．0: B; exam_line's shape), else first. 0 when b opens otherwise. */
static unsigned option_letters(const qg_block *b, unsigned *last) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 1;
  /* (E and F too, each only after the letter before it in exam_step: review 49b L1) */
  if (!n || u[0] < 'A' || u[0] > 'F') return 0;
  while (n && (u[n - 1] == ' ' || u[n - 1] == '\t')) n--;
  if (n < 3) return 0;
  if (u[1] == '.') i = 2;
  else if (n >= 4 && (!memcmp(s + 1, "\xEF\xBC\x8E", 3) || !memcmp(s + 1, "\xE3\x80\x81", 3)))
    i = 4; /* ． 、 */
  else return 0;
  if (i >= n || u[i] == ' ' || u[i] == '\t') return 0;
  *last = u[0];
  for (size_t k = i; k + 2 < n; k++) {
    if (u[k] != *last + 1) continue;
    bool ws = u[k - 1] == ' ' || u[k - 1] == '\t' || (k >= 3 && !memcmp(s + k - 3, "\xE3\x80\x80", 3));
    bool mk = u[k + 1] == '.' || (n - k - 1 >= 3 && (!memcmp(s + k + 1, "\xEF\xBC\x8E", 3) ||
                                                    !memcmp(s + k + 1, "\xE3\x80\x81", 3)));
    if (ws && mk) ++*last;
  }
  return u[0];
}

/* Whether b opens as an exam's question: a number of one or two figures, its mark (. ． 、) and
 * no figure after it (2.5个百分点 is an option's rest, 11.2万吨 a figure); *num its number. */
static bool question_num(const qg_block *b, unsigned *num) {
  size_t i = qg_text_exam_item(b->text.ptr, b->text.len, true, num);
  return i && i < b->text.len && (unsigned)((unsigned char)b->text.ptr[i] - '0') >= 10u;
}

/* Whether b, a question (question_num), ends as a stem does over its options: exam_line's
 * answer bracket, blank or score, or 是 ？ ? ： : last (下列记录中合理的是). */
static bool stem_end(const qg_block *b) {
  if (exam_line(b, false)) return true;
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n && (s[n - 1] == '?' || s[n - 1] == ':')) return true;
  if (n >= 3 && (!memcmp(s + n - 3, "\xE6\x98\xAF", 3) || !memcmp(s + n - 3, "\xEF\xBC\x9F", 3) ||
                 !memcmp(s + n - 3, "\xEF\xBC\x9A", 3))) /* 是 ？ ： */
    return true;
  /* (or an answer's bracket holding only white space: the rest of a stem cut over two lines,
   * …下列 | 记录中合理的是（　　）) */
  return blank_bracket_end(s, n);
}

/* The bytes of a lone option A at most (sixty characters): a story's lettered subhead with its
 * paragraph joined under it in the blank layout is longer (review 49b M1). */
#define QG_OPTION_BYTES 180

/* Whether next, the block under a lone option A, lets A be an option: option B, or a short line
 * (A's wrapped rest: one line, at most sixty bytes) that is no option or question. */
static bool lone_a_ok(const qg_block *next) {
  unsigned l = 0, num = 0;
  unsigned f = option_letters(next, &l);
  if (f) return f == 'B';
  /* (a rest is no sentence: 小区加装电梯32部。 under A．老旧小区改造 is its story's; review 49c R4) */
  uint32_t z = qg_block_last_char(next);
  return next->text.len <= 60 && next->end_line == next->line && !question_num(next, &num) &&
         z != 0x3002 && z != 0xFF01 && z != 0xFF1F;
}

/* Whether b, a lone option A, holds a colon with text after it (A．老旧小区改造：去年以来…): a
 * lettered subhead run into its paragraph, no option (review 49c R4). */
static bool a_colon_run(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  for (size_t i = 3; i + 3 < n; i++)
    if (!memcmp(s + i, "\xEF\xBC\x9A", 3)) return true; /* ： with text after it */
  return false;
}

/* Whether next, the block under a stem (or a stem's rest), is option A that opens the stem's
 * options: a row of options, or a lone A that lone_a_ok takes by next2, the block under it. */
static bool a_under(const qg_block *next, const qg_block *next2) {
  unsigned nl = 0;
  return next && option_letters(next, &nl) == 'A' &&
         (nl != 'A' || (next->text.len <= QG_OPTION_BYTES && !a_colon_run(next) &&
                        (!next2 || lone_a_ok(next2))));
}

/* An exam's question and its options one a line (review 48 P1: in the line and wrapped layouts,
 * and the blank layout's options of figures, each option reached structure as a block of its
 * own and was read as a display line: a kicker run and the title of a new article in the middle
 * of the paper). Steps r over b, a block in reading order; true when b is body text by the run:
 * an option A under a question's stem (question_num and stem_end), an option under the option
 * of the letter before it (a row's last letter: option_letters) or under that option's wrapped
 * rest, the rest itself when next (the line under it, NULL: not known) is that next option or
 * question, the rest of a stem cut over two lines (ending as a stem does) when option A is under
 * it, and the next question (its number one more, qg_text_exam_item's sequence) under a run of
 * options; a stem with option A under it (a_under, by next and next2) is body text too (A under
 * it made it a subhead once its options were body text). A stem alone is left to the other
 * rules. */
static bool exam_step(struct exam_run *r, const qg_block *b, const qg_block *next,
                      const qg_block *next2) {
  unsigned last = 0, num = 0, nl = 0, nn = 0;
  /* (no run open: only a question opens one) */
  if (!r->letter && !(b->text.len && (unsigned)((unsigned char)b->text.ptr[0] - '0') < 10u)) return false;
  unsigned first = option_letters(b, &last);
  /* (a lone option A under a stem is one only with option B or its short wrapped rest under it:
   * a story's lettered subhead over its paragraph, 1．城市更新从哪里入手？ | A．老旧小区改造 | 小区…,
   * is none; review 49b M1) */
  if (first == 'A' && r->letter == '@' && !a_under(b, next)) {
    *r = (struct exam_run){0};
    return false;
  }
  if (first && ((first == 'A' && r->letter == '@') || (r->letter >= 'A' && first == r->letter + 1u))) {
    r->letter = (uint8_t)last, r->rest = false;
    return true;
  }
  bool q = !first && question_num(b, &num);
  if (q && r->letter >= 'A' && num == r->num + 1) {
    r->letter = '@', r->num = num, r->rest = false;
    return true;
  }
  if (q) { /* (a stem over its options: '@', body text when option A is under it; a question
            * cut before its stem ends: '#') */
    r->letter = stem_end(b) ? '@' : '#', r->num = num, r->rest = false;
    return r->letter == '@' && a_under(next, next2);
  }
  /* (a question's stem cut over two lines, 2．小华用刻度尺测量一本书的厚度，下列 | 记录中合理的是:
   * the rest ends as a stem does; body text when option A is under it) */
  if (!first && (r->letter == '@' || r->letter == '#') && !r->rest && b->end_line == b->line &&
      stem_end(b)) {
    r->letter = '@', r->rest = true;
    return a_under(next, next2);
  }
  /* (an option's wrapped rest: one line, no option or question, at most sixty bytes; not a
   * section's heading, 二、填空题（每空2分，共20分）, nor another item number's line, （二） 第三部分) */
  if (!first && !q && r->letter >= 'A' && !r->rest && b->text.len <= 60 && b->end_line == b->line &&
      !exam_section(b) &&
      !((unsigned)((unsigned char)b->text.ptr[0] - '0') >= 10u && qg_text_item_number(b->text.ptr, b->text.len))) {
    r->rest = true;
    return next && ((option_letters(next, &nl) == r->letter + 1u) ||
                    (question_num(next, &nn) && nn == r->num + 1));
  }
  *r = (struct exam_run){0};
  return false;
}

static int emit(struct_stage *ss, qg_block *b) {
  if (!ss->article) new_article(ss);
  ss->turns = turn_line(b) ? ss->turns + 1 : 0;
  ss->verse_end = b->lead == QG_LEAD_VERSE ? b->end_line : 0;
  ss->verse_prev = b->kind == QG_KIND_P && b->text.len <= 160 && verse_block(b);
  /* (a poem goes on while its lines are short: a title, a heading or a paragraph of prose ends
   * it) */
  if (b->kind == QG_KIND_P || b->kind == QG_KIND_SUBHEAD) {
    unsigned num = 0;
    bool figure = false;
    int kind = ss->exam || b->kind == QG_KIND_SUBHEAD ? item_number(b, &num, &figure) : 0;
    /* (only in an exam's section, under its heading or its item numbered one less: a figure
     * at a paragraph's start elsewhere, 1.3 …, 1.5%的…, is a number) */
    /* (not under an item cut mid-phrase, nor with a percent sign after the figures, 12.5%的考生:
     * a decimal; session 28, review 27b L2) */
    bool seq = kind && figure && num && (ss->exam_head || (ss->item_prev && num == ss->item_prev + 1));
    bool rest = seq && (ss->item_open || percent_after(b));
    if (seq && !rest) b->lead = QG_LEAD_ITEM;
    /* (such a line is the item's rest or a note under it: the next item is numbered on from
     * the item's number) */
    if (!rest) ss->item_prev = kind && (!figure || b->lead == QG_LEAD_ITEM) ? num : 0;
    ss->item_open = !rest && ss->item_prev && ends_han(b);
    ss->exam_head = !kind && exam_section(b);
    if (ss->exam_head) ss->exam = true;
  } else if (b->kind != QG_KIND_CAPTION && b->kind != QG_KIND_CREDIT) {
    ss->item_prev = 0, ss->exam_head = ss->exam = ss->item_open = false;
  }
  /* (an answer key's heading, and its items and numbered headings under it: key_under) */
  ss->key_list = key_head(b) || (ss->key_list && (key_item(b) || (b->kind == QG_KIND_SUBHEAD &&
                                                                   qg_text_item_number(b->text.ptr, b->text.len))));
  if (b == ss->poem_by)
    ss->poem = true, ss->poem_by = NULL, ss->poem_lines = 0, ss->poem_stop = ss->poem_multi = false;
  else if (b->kind != QG_KIND_P || b->text.len > QG_POEM_LINE * 3 + 8) ss->poem = false;
  else if (ss->poem) {
    qg_feat f;
    qg_cues_measure(ss->cues, b, &f);
    ss->poem_lines++, ss->poem_stop = f.end == QG_END_STOP, ss->poem_multi = b->end_line > b->line;
  }
  ss->p_tail_n = 0;
  if (b->kind == QG_KIND_P) {
    const char *s = b->text.ptr;
    size_t n = b->text.len, a;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    a = n > sizeof ss->p_tail ? n - sizeof ss->p_tail : 0;
    while (a < n && ((unsigned char)s[a] & 0xC0) == 0x80) a++;
    memcpy(ss->p_tail, s + a, n - a);
    ss->p_tail_n = (uint8_t)(n - a);
  }
  b->article = ss->article;
  ss->last_stop = b == ss->stop_b;
  ss->stop_b = NULL;
  /* a contact line last (联系人：王老师 13800000000, a p alone since session 24) ends a notice's
   * matter as its field lines do: a heading after it is the next item's (review 25 M6: two
   * notices were one article, the second's heading a subhead) */
  ss->contact_end = b->kind == QG_KIND_P && b->text.len <= 240 &&
                    qg_text_contact_line(b->text.ptr, b->text.len);
  unsigned li = b->kind == QG_KIND_P ? colon_item(b) : 0;
  ss->list_prev = li && (li == 1 ? ss->colon_end : li == ss->list_prev + 1) ? li : 0;
  ss->colon_end = b->kind == QG_KIND_P && ends_colon(b);
  /* (a block read as no body text ends the run: a lone A that was a story's subhead is none,
   * so the B under it is none either; review 49c R4) */
  if (b->kind == QG_KIND_P) exam_step(&ss->exam_run, b, NULL, NULL);
  else ss->exam_run = (struct exam_run){0};
  ss->role_end = b->kind == QG_KIND_BYLINE && role_only(b);
  /* (a byline of one line: one the paragraph stage joined with its rest has none under it,
   * review 49c R3) */
  ss->by_line = b->kind == QG_KIND_BYLINE && b->text.len <= 30 * 3 && !role_only(b) && !ss->by_rest &&
                        b->end_line == b->line &&
                        qg_text_name_runs(b->text.ptr, b->text.len) >= 3 &&
                        memchr(b->text.ptr, 0xE3, b->text.len) && qg_cp_is_han(qg_block_last_char(b))
                    ? b->end_line
                    : 0;
  ss->by_rest = false;
  {
    held h = {.b = b};
    if (b->kind == QG_KIND_SUBHEAD) qg_cues_measure(ss->cues, b, &h.f);
    bool row_end = ss->score_end && !ss->round_end;
    ss->round_end = b->kind == QG_KIND_SUBHEAD && round_head(&h);
    ss->event_end = b->kind == QG_KIND_SUBHEAD && !ss->round_end && row_end;
    ss->score_end = b->kind == QG_KIND_P ? score_row(b) : ss->round_end && ss->score_end;
    ss->rounds += ss->round_end;
    if (ss->round_end) ss->rows_before = ss->round_rows, ss->round_rows = 0;
    else if (b->kind == QG_KIND_P && ss->score_end) ss->round_rows++;
  }
  /* (the titles, for title_seen; a document of more than 4096 articles looks at its first) */
  if (b->kind == QG_KIND_TITLE) {
    ss->title_wait = false;
    if (ss->n_titles == ss->cap_titles && ss->n_titles < 4096) {
      size_t cap = ss->cap_titles ? ss->cap_titles * 2 : 64;
      void *t = realloc(ss->titles, cap * sizeof *ss->titles);
      if (t) ss->titles = t, ss->cap_titles = cap;
    }
    if (ss->n_titles < ss->cap_titles) {
      ss->titles[ss->n_titles++] = (struct seen_title){text_hash(b), 0};
      ss->title_wait = true;
    }
  } else if (ss->title_wait && b->kind == QG_KIND_P) {
    ss->titles[ss->n_titles - 1].body = text_hash(b);
    ss->title_wait = false;
  }
  ss->signed_off = ss->signed_off && ss->ended && b->kind == QG_KIND_P;
  ss->credit_end = b->kind == QG_KIND_CREDIT;
  bool done = false;
  ss->done_end = b->kind == QG_KIND_SUBHEAD && ss->ended && note_line(b, &done) && done;
  /* (the page's furniture after the editor line keeps it: 责任编辑：王丽 | 东湖日报 … 第A22版) */
  if (ss->page_end)
    ss->page_end = (b->kind == QG_KIND_BYLINE && page_editor_line(b)) ||
                   (b->kind == QG_KIND_P && qg_text_is_folio(b->text.ptr, b->text.len));
  apart_kind(ss, b);
  /* (body text other than an editor's note ends note_only: session 48) */
  if (b->kind == QG_KIND_P && b->apart != QG_KIND_EDITOR_NOTE) ss->note_only = false;
  return qg_stage_emit(&ss->base, b);
}

/* Whether b's text holds a colon, ： or :. */
static bool has_colon(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  for (size_t i = 0; i < n; i++)
    if (t[i] == ':' || (i + 2 < n && !memcmp(t + i, "\xEF\xBC\x9A", 3))) return true;
  return false;
}

/* Whether b reads as a line of an attachment's list: 附件 or 附： first, or a number and
 * ．. 、 first (附件：1．… | 2．…). */
static bool attachment_line(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n >= 6 && (!memcmp(t, "附件", 6) || !memcmp(t, "附：", 6))) return true;
  while (i < n && i < 2 && (unsigned)(t[i] - '0') < 10u) i++;
  if (!i || i >= n) return false;
  return t[i] == '.' || (n - i >= 3 && (!memcmp(t + i, "．", 3) || !memcmp(t + i, "、", 3)));
}

/* Drops the first k held blocks (emitted or released) from the window. */
static void shift_held(struct_stage *ss, size_t k) {
  ss->w += k;
  ss->n -= k;
  if (ss->w - ss->wbuf > QG_HELD_SLACK) { /* room for a whole window after w again */
    memmove(ss->wbuf, ss->w, ss->n * sizeof *ss->w);
    ss->w = ss->wbuf;
  }
}

/* Emits the first k held blocks as they are classified (releases them after a failure rc) and
 * drops them from the window. */
static int emit_held(struct_stage *ss, size_t k, int rc) {
  for (size_t i = 0; i < k; i++) {
    ss->row_fields = ss->row_cells = 0;
    ss->row_lf = false;
    ss->row_bars = ss->row_tabs = 0;
    ss->unit_rows = ss->unit_head = false;
    ss->row_data = ss->row_spec = false;
    if (!rc) rc = emit(ss, ss->w[i].b);
    else qg_block_release(ss->base.ctx, ss->w[i].b);
  }
  shift_held(ss, k);
  return rc;
}

/* Drops white space at the end of b's text (and anchors past the new end). */
static void cut_at(qg_block *b, size_t len) {
  while (len > 0) {
    size_t p = qg_utf8_prev(b->text.ptr, len), i = p;
    if (!qg_cp_is_space(qg_utf8_next(b->text.ptr, b->text.len, &i))) break;
    len = p;
  }
  qg_buf_truncate(&b->text, len);
  b->feat_ok = false;
  while (b->map.n > 1 && b->map.a[b->map.n - 1].off >= len) b->map.n--;
  if (len) b->end_line = qg_block_pos(b, qg_utf8_prev(b->text.ptr, len)).line;
}

/* Replaces [from, end of text) by the kept part [keep_off, keep_off + keep_len) when they
 * differ (brackets dropped), reporting it under rule. */
static int keep_only(struct_stage *ss, qg_block *b, size_t from, size_t keep_off,
                     size_t keep_len, const char *rule, const char *msg) {
  size_t end = b->text.len;
  while (end > from) { /* trailing white space is layout */
    size_t p = qg_utf8_prev(b->text.ptr, end), i = p;
    if (!qg_cp_is_space(qg_utf8_next(b->text.ptr, b->text.len, &i))) break;
    end = p;
  }
  if (keep_off == from && keep_off + keep_len == end) {
    qg_pos a = qg_block_pos(b, from), z = qg_block_pos(b, end);
    return qg_report(ss->base.ctx, rule, a, z, NULL, NULL, true, "%s", msg);
  }
  /* the half-width brackets dropped around a credit or an author tag after Chinese text
   * (质量。 (资料图片)) are first made full-width, as the punct stage makes them elsewhere
   * (punct-width): lint --fix, which leaves the split (a paragraph-level change), makes that
   * fix (session 27, review 26b: the brackets stayed half-width in the fixed file) */
  size_t w = from;
  while (w > 0 && (b->text.ptr[w - 1] == ' ' || b->text.ptr[w - 1] == '\t')) w--;
  if (keep_off > from && keep_off + keep_len < end && b->text.ptr[end - 1] == ')' &&
      b->text.ptr[keep_off - 1] == '(' && w >= 3 && (unsigned char)b->text.ptr[w - 3] >= 0xE3) {
    qg_edit_begin(&ss->ed, ss->base.ctx, b);
    int rc = qg_edit_replace(&ss->ed, keep_off - 1, 1, "\xEF\xBC\x88", 3, "punct-width",
                             "half-width punctuation in Chinese text: ( \xE2\x86\x92 \xEF\xBC\x88");
    if (!rc)
      rc = qg_edit_replace(&ss->ed, end - 1, 1, "\xEF\xBC\x89", 3, "punct-width",
                           "half-width punctuation in Chinese text: ) \xE2\x86\x92 \xEF\xBC\x89");
    if (!rc) rc = qg_edit_end(&ss->ed);
    if (rc) return rc;
    keep_off += 2, end += 4;
  }
  char *kept = malloc(keep_len ? keep_len : 1);
  if (!kept) return QG_ERR_NOMEM;
  memcpy(kept, b->text.ptr + keep_off, keep_len);
  qg_edit_begin(&ss->ed, ss->base.ctx, b);
  int rc = qg_edit_replace(&ss->ed, from, end - from, kept, keep_len, rule, "%s", msg);
  free(kept);
  return rc ? rc : qg_edit_end(&ss->ed);
}

/* Splits the tail t off b as a new block of kind k (kept text only); returns it in *out. */
static int split_tail(struct_stage *ss, qg_block *b, const qg_tail *t, qg_kind k,
                      const char *rule, const char *msg, qg_block **out) {
  *out = NULL;
  int rc = keep_only(ss, b, t->at, t->keep_off, t->keep_len, rule, msg);
  if (rc) return rc;
  qg_block *nb = qg_block_get(ss->base.ctx, k);
  if (!nb) return QG_ERR_NOMEM;
  if (qg_block_append_range(nb, b, t->at, b->text.len)) {
    qg_block_release(ss->base.ctx, nb);
    return QG_ERR_NOMEM;
  }
  nb->line = qg_block_pos(b, t->at).line;
  nb->end_line = b->end_line;
  nb->mid_line = true;
  qg_pos endp = qg_block_pos(b, b->text.len); /* past the tail in the file (keep_only's anchor) */
  size_t nlen = nb->text.len;
  cut_at(b, t->at);
  cut_at(nb, nb->text.len);
  /* the tail keeps the position after it, as an edit session's end anchor does: its kept text
   * (brackets dropped) maps to where the bracket was, and a removal of it spans to the end */
  if (nb->text.len == nlen && nlen &&
      qg_srcmap_add(&nb->map, (uint32_t)nlen, endp.line, endp.col, QG_MAP_EXACT)) {
    qg_block_release(ss->base.ctx, nb);
    return QG_ERR_NOMEM;
  }
  *out = nb;
  return 0;
}

/* ---- classification ---------------------------------------------------------------------- */

/* A photo item of its own: a long caption that is a news paragraph (no caption cue at its
 * start) and carries a credit, at its end or in the next block. */
static bool photo_item(const held *h, const held *next) {
  bool tail = h->f.credit_tail.at != SIZE_MAX;
  if (!tail && !(next && next->f.credit)) return false;
  /* the caption's own characters: a credit at its end is split off (a second run sees the
   * caption without it) */
  uint32_t chars = h->f.chars;
  for (size_t i = tail ? h->f.credit_tail.at : h->b->text.len; i < h->b->text.len;)
    chars -= !qg_cp_is_space(qg_utf8_next(h->b->text.ptr, h->b->text.len, &i));
  return !h->f.caption && chars >= QG_PHOTO_ITEM_MIN;
}

static bool column_dot(const qg_block *b);

/* Section names beyond the listed ones: a column name is most often four Han characters
 * standing first above a kicker or title (身边好人, 教育视窗), or a short line right above a
 * stand-alone photo item (图说青川). */
static bool section_line(const held *g, size_t i, size_t k, const held *next,
                         const held *after) {
  const qg_feat *f = &g[i].f;
  if (f->section) return true;
  /* (a page's name and its column after a dot, 健康·门诊 法治·视点 副刊·江南, where 健康 alone is
   * one: probe 26 L1, they were kickers) */
  if (i == 0 && k >= 2 && f->non_han && !f->subtitle && f->chars <= 11 && column_dot(g[i].b))
    return true;
  if (f->non_han || f->subtitle) return false;
  if (i == 0 && k >= 2 && f->chars >= 2 && f->chars <= 4) return true;
  return k == 1 && f->chars <= 8 && next && photo_item(next, after);
}

static void skip_blank(const char *s, size_t n, size_t *i);
static bool name_alone(const char *s, size_t n, size_t i);
static bool name_only(const held *h);
static bool person_alone(const char *s, size_t n, size_t i);
static bool address_line(const qg_block *b);

/* Whether b is a page's name and its column's, a dot between (健康·门诊, 法治·视点, 副刊 · 江南):
 * two to four Han characters, white space perhaps, a dot (· ・ • ‧), white space perhaps, two to
 * five Han characters, and nothing else; a transliterated name (马克·吐温, 乔治·华盛顿: every
 * character one of a foreign name's) is none. */
static bool column_dot(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  int part[2] = {0, 0}, p = 0;
  bool foreign = true;
  skip_blank(s, n, &i);
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c)) {
      part[p]++;
      foreign = foreign && qg_cp_is_translit(c);
      continue;
    }
    if (c == 0xB7 || c == 0x30FB || c == 0x2022 || c == 0x2027) {
      if (p || !part[0]) return false;
      p = 1;
    } else if (!qg_cp_is_space(c)) {
      return false;
    } else if (p && part[1]) { /* (white space after the column's name: the line's end only) */
      skip_blank(s, n, &i);
      if (i < n) return false;
    }
  }
  if (!p || part[0] < 2 || part[0] > 4 || part[1] < 2 || part[1] > 5 || foreign) return false;
  /* (a country's or a province's name first is a place's, 中国·杭州 浙江·安吉: a kicker) */
  static const char *const places[] = {
      "中国", "中國", "北京", "天津", "上海", "重庆", "重慶", "河北", "山西", "辽宁", "遼寧",
      "吉林", "黑龙江", "黑龍江", "江苏", "江蘇", "浙江", "安徽", "福建", "江西", "山东", "山東",
      "河南", "湖北", "湖南", "广东", "廣東", "海南", "四川", "贵州", "貴州", "云南", "雲南",
      "陕西", "陝西", "甘肃", "甘肅", "青海", "台湾", "台灣", "内蒙古", "內蒙古", "广西", "廣西",
      "西藏", "宁夏", "寧夏", "新疆", "香港", "澳门", "澳門", NULL};
  i = 0;
  skip_blank(s, n, &i);
  size_t z = i;
  for (size_t k = z; k < n && qg_cp_is_han(qg_utf8_next(s, n, &k));) z = k;
  for (int r = 0; places[r]; r++)
    if (strlen(places[r]) == z - i && !memcmp(places[r], s + i, z - i)) return false;
  return true;
}

static uint32_t law_label(const qg_block *b);

/* Whether b's text is wholly in one pair of round brackets: （…） or (…). */
static bool bracketed(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < 2) return false;
  bool open = s[i] == '(' || (n - i >= 3 && !memcmp(s + i, "（", 3));
  bool close = s[n - 1] == ')' || (n >= 3 && !memcmp(s + n - 3, "）", 3));
  return open && close;
}

/* Whether b is a line of check boxes (□适用 √不适用, ☑ ☐): a box and a tick, body text of a
 * filing's form, never a heading (probe 11a F13). */
static bool checkbox_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n > 120) return false;
  bool box = false, tick = false;
  for (const char *p = s; n >= 3 && (p = memchr(p, 0xE2, (size_t)(s + n - 2 - p))); p++) {
    const unsigned char *u = (const unsigned char *)p;
    if (u[1] == 0x96 && u[2] == 0xA1) box = true;      /* □ U+25A1 */
    else if (u[1] == 0x88 && u[2] == 0x9A) tick = true; /* √ U+221A */
    else if (u[1] == 0x98 && (u[2] == 0x90 || u[2] == 0x91 || u[2] == 0x92))
      box = tick = true; /* ☐ ☑ ☒ */
  }
  return box && tick;
}

/* Whether b is a document's number (发文字号) alone: one to twelve Han characters, the year in
 * brackets (〔〕 [] () （） 【】), one to four digits and 号, white space aside (国发〔2024〕12号,
 * 京政发[2024]3号). It sits over the title in print and under it on the web: never the title
 * of a heading group (probe 12b B23, gov1: the number was the title, the title a kicker). */
static bool case_number(const char *s, size_t n, size_t i);
enum { ISSUER_NAME = 1, ISSUER_ROLE, ISSUER_BODY };
static bool doc_number(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n > 64) return false;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  if (case_number(s, n, i)) return true;
  unsigned han = 0;
  uint32_t c = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_han(c)) break;
    han++;
  }
  if (han < 1 || han > 12 || !(c == 0x3014 || c == '[' || c == '(' || c == 0xFF08 || c == 0x3010))
    return false;
  unsigned d = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++, d++;
  if (d != 4 || i >= n) return false;
  c = qg_utf8_next(s, n, &i);
  if (!(c == 0x3015 || c == ']' || c == ')' || c == 0xFF09 || c == 0x3011)) return false;
  d = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++, d++;
  return d >= 1 && d <= 4 && n - i == 3 && !memcmp(s + i, "号", 3);
}

/* Whether s[i..n) is a court's case number and nothing else (probe 42 M6): the year of four
 * figures in brackets, the court's short name and code (Han, figures), the kind of the case
 * (Han) and its number, 号: （2026）东01民终1234号, （2026）东0102刑初215号, 〔2025〕最高法民终12号.
 * Under a judgment's name (民事判决书) it is the document's number, no title (it was the title,
 * 民事判决书 a kicker). */
static bool case_number(const char *s, size_t n, size_t i) {
  if (n - i < 13 || n - i > 60) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (!(c == 0xFF08 || c == '(' || c == 0x3014 || c == '[' || c == 0x3010)) return false;
  unsigned d = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++, d++;
  if (d != 4 || i >= n) return false;
  c = qg_utf8_next(s, n, &i);
  if (!(c == 0xFF09 || c == ')' || c == 0x3015 || c == ']' || c == 0x3011)) return false;
  /* (a periodical's number of its issue, 〔2026〕第18期: a meeting's minutes) */
  if (n - i >= 7 && !memcmp(s + i, "第", 3) && !memcmp(s + n - 3, "期", 3)) {
    size_t j = i + 3;
    while (j < n - 3 && s[j] >= '0' && s[j] <= '9') j++;
    return j == n - 3 && j > i + 3;
  }
  /* the court and the kind: Han and figures, Han last; then the number's figures and 号 */
  unsigned han = 0;
  size_t end = n - 3;
  if (n - i < 3 + 3 + 1 || memcmp(s + end, "号", 3)) return false;
  size_t j = end;
  while (j > i && s[j - 1] >= '0' && s[j - 1] <= '9') j--;
  if (end - j < 1 || end - j > 6) return false;
  bool han_last = false;
  while (i < j) {
    c = qg_utf8_next(s, j, &i);
    if (qg_cp_is_han(c)) han++, han_last = true;
    else if (c >= '0' && c <= '9') han_last = false;
    else return false;
  }
  return han >= 2 && han <= 10 && han_last;
}

static bool date_like(const held *h);
static bool issued_line(const qg_block *b);

/* Whether b is a row of two or more fields, each a label of at most 6 Han characters, a colon
 * and its value, between white space (词：佚名　曲：佚名, 黑方：…　白方：…; qg_text_form_fields,
 * the paragraph stage's form_row too): a credit line under a title, the title only when no
 * other line can be (probe 20 M6: a song's credits were its title, the song's name a kicker). */
static bool field_row(const qg_block *b) {
  return qg_text_form_fields(b->text.ptr, b->text.len) >= 2;
}

/* Whether h is a numbered heading of a document's parts (一、 1. （一） （1） ①, the subhead cues
 * and item labels; not 第一章 or a label in 【】, which are headings of another kind). */
static bool numbered_head(const held *h) {
  if (!h->f.subhead_num) return false;
  const char *t = h->b->text.ptr;
  size_t n = h->b->text.len;
  return !(n >= 3 && (!memcmp(t, "\xE7\xAC\xAC", 3) /* 第 */ || !memcmp(t, "\xE3\x80\x90", 3) /* 【 */));
}

/* Whether b opens with a percentage (digits, . and , among them, then %) and white space
 * before a Han character: a deck's figure, 12.5% 增速创三年新高. */
static bool figure_deck(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (unsigned)(s[i] - '0') < 10u) i++;
  if (!i) return false;
  while (i < n && ((unsigned)(s[i] - '0') < 10u || s[i] == '.' || s[i] == ',')) i++;
  if (i >= n || s[i] != '%') return false; /* (a date, 2024.10.18 来源：…, is none) */
  size_t at = ++i;
  skip_blank(s, n, &i);
  return i > at && i < n && qg_cp_is_han(qg_utf8_next(s, n, &i));
}

/* A Han numeral of a year (〇 零 一 … 九: qg_cp_cn_numeral's digits but 两), and of a date's
 * month or day (those, 十 and 廿). */
static bool year_numeral_han(uint32_t c) { return qg_cp_cn_numeral(c) == 1 && c != 0x4E24; }
static bool date_numeral_han(uint32_t c) {
  return year_numeral_han(c) || c == 0x5341 || c == 0x5EFF;
}

/* Past the figures and date_numeral_han numerals at s[*i..n): how many. */
static unsigned date_numerals(const char *s, size_t n, size_t *i) {
  unsigned m = 0;
  for (size_t j = *i; j < n; m++) {
    uint32_t e = qg_utf8_next(s, n, &j);
    if (!((e >= '0' && e <= '9') || date_numeral_han(e))) break;
    *i = j;
  }
  return m;
}

/* Whether b is the date a poem is signed with (2019年冬，于青石镇, 二〇二三年十月, 2021年4月，
 * 青石镇, 2025年冬于北京): a year of four figures or Han numerals and 年 first, then a season or
 * a month (and day), then nothing or a place after ， 于 or white space; at most 24 characters,
 * no sentence mark, no bracket. */
static bool poem_date(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n < 9 || n > 72) return false;
  unsigned d = 0, chars = 0;
  while (i < n && d < 4) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!((c >= '0' && c <= '9') || year_numeral_han(c))) return false;
    d++;
  }
  if (d != 4 || n - i < 3 || memcmp(s + i, "年", 3)) return false;
  /* (a signature's shape after 年: a season or a month (and day), then the end or a place after
   * ， 于 or white space; 2024年的新变化 and 2024年村里修了新路 are headings: read-through 43 #2) */
  i += 3;
  size_t at = i;
  uint32_t c = i < n ? qg_utf8_next(s, n, &i) : 0;
  if (c == 0x6625 || c == 0x590F || c == 0x79CB || c == 0x51AC) { /* 春 夏 秋 冬 */
    at = i;
  } else {
    i = at;
    unsigned m = date_numerals(s, n, &i);
    if (m && n - i >= 3 && !memcmp(s + i, "月", 3)) {
      i += 3;
      size_t day = i;
      unsigned dd = date_numerals(s, n, &i);
      if (!(dd && n - i >= 3 && (!memcmp(s + i, "日", 3) || !memcmp(s + i, "号", 3)))) i = day;
      else i += 3;
      at = i;
    } else if (m) {
      return false;
    }
  }
  i = at;
  if (i < n) {
    size_t j = i;
    uint32_t e = qg_utf8_next(s, n, &j);
    if (e != 0xFF0C && e != ',' && e != 0x3001 && e != 0x4E8E /*于*/ && e != 0x65BC /*於*/ &&
        !qg_cp_is_space(e))
      return false;
  }
  i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (++chars > 24 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' || c == '!' ||
        c == '?' || c == 0xFF08 || c == '(' || c == 0xFF1A || c == ':')
      return false;
  }
  return true;
}

static int classify_group(struct_stage *ss, held *g, size_t k, const held *next,
                          const held *after, bool after_fields) {
  bool sec[QG_STRUCT_WINDOW];
  /* (after a notice's field lines, 联系人：… | 电话：…, its end matter, a heading is the next
   * item's, unless it is a numbered subhead: probe 17 P7) */
  /* (numbered headings alone, 二、强化热源保障 | 1．加快热源建设, a part's heading over its first
   * point's, are subheads inside the article as one of them is: two lines of them are no strong
   * group, nor is the first a column's name by its shape; over a byline or a dateline they open
   * an article as before. Review 23 H4: the second half of a story was a second article with no
   * title) */
  bool all_num = k >= 2;
  for (size_t i = 0; i < k && all_num; i++) all_num = numbered_head(&g[i]);
  bool strong = (k >= 2 && !all_num) || (next && (next->f.byline || next->f.dateline)) ||
                (after_fields && !g[0].f.subhead_num);
  for (size_t i = 0; i < k; i++) {
    sec[i] = section_line(g, i, k, next, after) && !(all_num && !g[i].f.section);
    /* (a notice's heading, 遗失声明 招聘 讣告, opens an item of its own: probe 17 Q2) */
    if (sec[i] || g[i].f.subtitle || g[i].f.notice) strong = true;
  }
  /* (under a listing of results closed by its rounds, one headline of six characters or more
   * over a paragraph is the next story's title: 第二轮 | 王磊 4:2 陈晨 | 中国女排第十一次登上世界之
   * 巅 | 今年以来…; it was a subhead of the listing's article, and before that the round and its
   * row had been its kicker and section; review 32a2 b14. Only under rounds of one row each, as
   * a dateline closes them (score_listing): under a round of more rows such a line is the
   * story's own subhead, 第二轮 | 张伟 3:0 王磊 | 陈晨 3:1 刘洋 | 小将吴昊表现抢眼 | 年仅十六岁的…,
   * review 33a R2. Not a speaker's words cut before what he said, 张伟赛后表示 | 这是…, nor a
   * round's or an event's heading) */
  static const char *const says[] = {"表示", "说", "说道", "指出", "认为", "介绍", "称", "强调",
                                     "透露", "坦言", "告诉记者", NULL};
  if (k == 1 && ss->rounds && ss->score_end && !ss->round_end && ss->round_rows == 1 &&
      (ss->rounds == 1 || ss->rows_before == 1) && next &&
      !qg_feat_heading(&next->f) && !next->f.dateline && !score_row(next->b) &&
      g[0].f.chars >= 6 && !round_head(&g[0]) && !qg_block_ends_with_any(g[0].b, says))
    strong = true;
  /* (an editor's note alone is no body text here: the group is the item it introduces) */
  bool body = ss->has_body && !ss->intro;
  ss->intro = false;
  /* (a chapter's heading under a book's title and its author, with no body text yet:
   * 《山间的灯火》（节选） | 苏远帆 著 | 第五章 夜路 | 一 | …: the excerpt's, subheads, as a
   * chapter under its book's name in one group is; session 46, probe 46 M2: a new article,
   * with the section number 一 for its title) */
  if (ss->article && !ss->ended && ss->has_title && !body && law_label(g[0].b) == 0x7AE0 /*章*/)
    strong = false;
  /* (a photo item's title: one line after the credit that closed the item before, over a
   * caption, a block with a credit at its end or over one (图片新闻 | 雪后东湖 | caption | credit
   * | 冬日暖阳 | caption | credit); session 41, probe 40 D9: a subhead, the two photo stories
   * one article. A subhead inside a story has no credit over it, body text under it) */
  if (k == 1 && ss->credit_end && next && !qg_feat_heading(&next->f) &&
      (next->f.caption || next->f.credit_tail.at != SIZE_MAX || (after && after->f.credit)))
    strong = true;
  bool fresh = !ss->article || ss->ended || ((body || ss->has_title) && strong);
  bool top = !ss->article;
  if (fresh) new_article(ss);
  /* (the date and place a poem is signed with, under its last line: 2019年冬，于青石镇 |
   * 二〇二三年十月, a line of the poem's, body text; probe 41b M4: a subhead) */
  if (!fresh && k == 1 && ss->verse_prev && poem_date(g[0].b)) {
    g[0].b->kind = QG_KIND_P;
    return 0;
  }
  /* (a name alone under a speech's title and its date, over the address to the hearers: 在…
   * 会议上的讲话 | （2026年12月2日） | 王　伟 | 同志们：, the speaker's byline; probe 42 M6) */
  if (!fresh && k == 1 && ss->has_title && !body && next && address_line(next->b) &&
      person_alone(g[0].b->text.ptr, g[0].b->text.len, 0)) {
    g[0].b->kind = QG_KIND_BYLINE;
    return 0;
  }
  /* (a person's name alone, the document's last block, right under body text that ends its
   * sentence: the article's author tag, as （韦晓岚） there is; a first clean writes that tag
   * without its brackets (struct-author), and a second clean read the name as a subhead;
   * session 46, probe 46 M4. A name under a heading (获奖名单 | 一等奖 | 韦晓岚) or under
   * another name is a list's, as before; so is a name with a block after it) */
  /* (session 48 read a name under a dash after a word that wants no name, …流向远方—— | 柯若溪,
   * as the author; taken back: 喊出了那个名字——, 宣布——, 让我们掌声欢迎—— announce a name as
   * 获此殊荣的是—— does, and a word list cannot tell them, review 48 R2) */
  if (!fresh && k == 1 && body && !ss->ended && ss->last_stop && ss->finishing && ss->n == 1 &&
      name_only(&g[0])) {
    g[0].b->kind = QG_KIND_AUTHOR;
    ss->ended = true;
    return 0;
  }
  if (!fresh && (ss->has_title || body)) { /* a display line inside an article */
    for (size_t i = 0; i < k; i++) g[i].b->kind = QG_KIND_SUBHEAD;
    return 0;
  }
  /* a law's chapter or section (第一章　总　　则) under its name is a subhead, not the title
   * (probe 10a F18) */
  bool chapter[QG_STRUCT_WINDOW];
  size_t title = SIZE_MAX;
  size_t note_title = SIZE_MAX;
  for (size_t i = 0; i < k; i++) {
    uint32_t u = law_label(g[i].b);
    chapter[i] = u && u != 0x6761 /*条*/;
    /* (a line wholly in brackets, （满分120分，考试时间120分钟）, is a note under the title,
     * the title only when nothing else can be: probe 11a F15; so is a document's number) */
    if (!sec[i] && !g[i].f.subtitle && !chapter[i])
      *(bracketed(g[i].b) || doc_number(g[i].b) || field_row(g[i].b) ? &note_title : &title) = i;
  }
  if (title == SIZE_MAX) title = note_title;
  /* (a chapter's heading alone at the top of the text, 第一章　雪夜 over a novel's first page, is
   * its title: a book's page opens with it; probe 41b M4, it was a subhead of an article with no
   * title. Under a title, 规划 | 第一章　发展基础, it stays a subhead; so does a statute's chapter
   * over its first article, 第一章　总则 | 第一条　…, its siblings subheads too: read-through 43 #3) */
  if (title == SIZE_MAX && top && k == 1 && law_label(g[0].b) == 0x7AE0 /*章*/ &&
      !(next && law_label(next->b) == 0x6761 /*条*/))
    title = 0, chapter[0] = false;
  /* (a figure and white space opening the last line under another, 前三季度经济数据亮眼！ | 12.5%
   * 增速创三年新高: the deck under the title, a subtitle, not the title under a kicker; review
   * 31a2 in/050) */
  if (title != SIZE_MAX && title == k - 1 && k >= 2 && figure_deck(g[title].b))
    for (size_t i = title; i-- > 0;)
      if (!sec[i] && !g[i].f.subtitle && !chapter[i] && !bracketed(g[i].b) && !doc_number(g[i].b)) {
        if (!figure_deck(g[i].b)) title = i;
        break;
      }
  /* (a numbered heading, 一、2025年工作回顾 under 政府工作报告（摘要）, is the first of its
   * siblings, subheads all (二、2026年主要目标任务 comes inside the article): the line above it
   * without a number is the title; probe 20 M6) */
  /* (and with no such line above it, it is a subhead too, an article without a title: 一、总体
   *要求 at the top of an excerpt was its title, 二、主要任务 under it a subhead) */
  /* (but a numbered heading over a dateline or a byline opens an article, its title: 1.全市经济
   * 运行稳中向好 | 本报讯（记者王五）… on a page of briefs; review 21 M2) */
  bool numbered = false;
  if (title != SIZE_MAX && numbered_head(&g[title]) &&
      !(title == k - 1 && next && (next->f.dateline || next->f.byline))) {
    numbered = true;
    size_t t = SIZE_MAX;
    for (size_t i = title; i-- > 0;)
      if (!sec[i] && !g[i].f.subtitle && !chapter[i] && !numbered_head(&g[i]) &&
          !bracketed(g[i].b) && !doc_number(g[i].b)) {
        t = i;
        break;
      }
    title = t;
  }
  /* (a line taken for a section by its shape alone, 金秋西山 over the cue 组图, is the title when
   * no other line can be: probe 17 P15) */
  for (size_t i = k; title == SIZE_MAX && i-- > 0;)
    if (sec[i] && !g[i].f.section && i + 1 < k && g[i + 1].f.section) title = i, sec[i] = false;
  /* (a date under the headline, 市政府召开常务会议 | 2026年11月30日 | 会议研究…, is the story's
   * date, not its title: the line over it is the title, a line taken for a section by its
   * shape alone too (春运 | 2026年1月10日); the date is a `p` that is all dateline, or a byline
   * over a byline, and gives the article no body text; review 17 N5) */
  size_t date_at = SIZE_MAX;
  if (k >= 2 && title == k - 1 && next && date_like(&g[title])) {
    size_t head = SIZE_MAX;
    for (size_t i = title; head == SIZE_MAX && i-- > 0;)
      if (!chapter[i] && !g[i].f.subtitle && !g[i].f.section && !date_like(&g[i]) &&
          !bracketed(g[i].b) && !doc_number(g[i].b))
        head = i;
    if (head != SIZE_MAX) date_at = title, title = head, sec[head] = false;
  }
  for (size_t i = 0; i < k; i++) {
    if (i == date_at) {
      qg_block *b = g[i].b;
      b->kind = next->f.byline ? QG_KIND_BYLINE : QG_KIND_P;
      if (b->kind == QG_KIND_P) {
        size_t n = b->text.len;
        while (n && qg_cp_is_space((unsigned char)b->text.ptr[n - 1])) n--;
        b->dateline_len = (uint32_t)n;
      }
      continue;
    }
    qg_kind kind = chapter[i] ? QG_KIND_SUBHEAD
                   : sec[i]   ? QG_KIND_SECTION
                   : numbered && numbered_head(&g[i]) && (title == SIZE_MAX || i > title)
                       ? QG_KIND_SUBHEAD
                   : title == SIZE_MAX ? (g[i].f.subtitle ? QG_KIND_SUBTITLE : QG_KIND_KICKER)
                   : i < title         ? QG_KIND_KICKER
                   : i == title        ? QG_KIND_TITLE
                   : doc_number(g[i].b) ? QG_KIND_P
                                       : QG_KIND_SUBTITLE;
    g[i].b->kind = kind;
  }
  if (title != SIZE_MAX) ss->has_title = true;
  /* a notice's heading drops its ornament as a byline does (■遗失声明, ★招聘: the ornament is the
   * page's, 遗失声明 the heading; review 17 N2); brackets around one (【讣告】) are kept, as a
   * label's 【编者按】 are: a pair of marks, no ornament */
  for (size_t i = 0; i < k; i++) {
    if (!g[i].f.notice || !g[i].f.ornament) continue;
    qg_edit_begin(&ss->ed, ss->base.ctx, g[i].b);
    int rc = qg_edit_replace(&ss->ed, 0, g[i].f.ornament, "", 0, "struct-ornament",
                             "ornament before the notice's heading dropped");
    if (!rc) rc = qg_edit_end(&ss->ed);
    if (rc) return rc;
  }
  return 0;
}

/* Moves *i past white space: spaces, TABs, U+3000. */
static void skip_blank(const char *s, size_t n, size_t *i) {
  for (;;) {
    if (*i < n && (s[*i] == ' ' || s[*i] == '\t')) (*i)++;
    else if (n - *i >= 3 && !memcmp(s + *i, "\xE3\x80\x80", 3)) *i += 3;
    else return;
  }
}

/* The Han characters (and ·) of a name from *i of s[0..n), *i past them. */
static int name_run(const char *s, size_t n, size_t *i) {
  int name = 0;
  while (*i < n) {
    size_t at = *i;
    uint32_t c = qg_utf8_next(s, n, i);
    if (!qg_cp_is_han(c) && c != 0xB7) {
      *i = at;
      break;
    }
    name++;
  }
  return name;
}

/* The pairs of a role and a name a line is made of, white space between and no colon (编辑
 * 王芳  校对 李强, 美编 张三): a role of two to four Han characters that names a desk's job (编辑
 * 校对 美编 审核 …), white space, a name of two to four Han characters (or ·); 0 when the
 * line is anything else. */
static int role_pairs(const char *s, size_t n) {
  static const char *const roles[] = {"责任编辑", "責任編輯", "值班编辑", "值班編輯", "责任校对",
                                      "責任校對", "编辑", "編輯", "责编", "責編", "美编",
                                      "美編", "校对", "校對", "审核", "審核", "审校", "審校",
                                      "终审", "終審", "排版", "组版", "組版", NULL};
  size_t i = 0;
  int pairs = 0;
  for (;;) {
    skip_blank(s, n, &i);
    if (i >= n) return pairs;
    size_t k = 0;
    for (int r = 0; roles[r] && !k; r++) {
      size_t m = strlen(roles[r]);
      if (n - i >= m && !memcmp(s + i, roles[r], m)) k = m;
    }
    if (!k) return 0;
    i += k;
    size_t sp = i;
    skip_blank(s, n, &i);
    if (i == sp) return 0;
    int name = name_run(s, n, &i);
    if (name < 2 || name > 4) return 0;
    pairs++;
  }
}

/* Whether s[0..n) opens with the page's credits: 本版 or 本期, a desk's role (编辑 责编 美编 校对
 * 审核 策划 统稿 统筹 主编 …), then white space or a colon (本版编辑 郑好 美编 林一, 本版策划：市教研室
 * 统稿：刘明, 本版责编：刘明; probe 26 L2: a title, a subtitle, a subhead). The page's, as the
 * editor's line is, whatever comes after the role. */
static bool page_credit(const char *s, size_t n) {
  static const char *const roles[] = {"责任编辑", "責任編輯", "值班编辑", "值班編輯", "责任校对",
                                      "責任校對", "编辑", "編輯", "责编", "責編", "美编", "美編",
                                      "校对", "校對", "审核", "審核", "审校", "審校", "终审",
                                      "終審", "策划", "策劃", "统筹", "統籌", "统稿", "統稿",
                                      "主编", "主編", NULL};
  if (n < 12 || (memcmp(s, "本版", 6) && memcmp(s, "本期", 6))) return false;
  for (int r = 0; roles[r]; r++) {
    size_t k = strlen(roles[r]);
    if (n - 6 < k || memcmp(s + 6, roles[r], k)) continue;
    size_t i = 6 + k, sp = i;
    skip_blank(s, n, &i);
    return i < n && (i > sp || s[i] == ':' || (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)));
  }
  return false;
}

/* The editor's line (责任编辑：赵六, （责编：…）): the last line of an article, a byline by the
 * cues. */
static bool editor_line(const qg_block *b) {
  static const char *const roles[] = {"责任编辑", "責任編輯", "责编", "責編", "值班编辑",
                                      "值班編輯", "美编", "美編", "责任校对", "責任校對",
                                      "校对", "校對", "审核", "審核", "审校", "審校", "终审",
                                      "終審", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  size_t at = i;
  if (i < n && s[i] == '(') i++;
  else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x88", 3)) i += 3; /* （ */
  bool bracketed = i != at;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (page_credit(s + i, n - i)) return true;
  for (int r = 0; roles[r]; r++) {
    size_t k = strlen(roles[r]);
    if (n - i >= k && !memcmp(s + i, roles[r], k)) return true;
  }
  /* the wire's （编辑 王五） after its item (probe 12b B21); a plain 编辑：… inside an article
   * does not end it (probe 9 F30) */
  if (bracketed) return n - i >= 6 && (!memcmp(s + i, "编辑", 6) || !memcmp(s + i, "編輯", 6));
  /* nor does 编辑 and a name alone; but the page's credit line of roles and names with white
   * space for the colons, 编辑 王芳  校对 李强 (probe 25 M6: it opened an article after the
   * author tag that ended the story) */
  return n - i >= 6 && (!memcmp(s + i, "编辑", 6) || !memcmp(s + i, "編輯", 6)) &&
         role_pairs(s + i, n - i) >= 2;
}

/* Whether b is a plain editor's line, 编辑：刘洋 (编輯, a colon or white space, one to three names of
 * two to four Han characters between 、 or white space, nothing else): inside an article no end
 * of it (probe 9 F30), but right after the note that ended it, （完）, the article's closing
 * credit, as 责任编辑：… is (session 44, probe 43 F5b: it opened an article of its own). */
static bool plain_editor_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  skip_blank(s, n, &i);
  if (n - i < 6 || (memcmp(s + i, "编辑", 6) && memcmp(s + i, "編輯", 6))) return false;
  i += 6;
  size_t sp = i;
  skip_blank(s, n, &i);
  if (i < n && s[i] == ':') i++;
  else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3; /* ： */
  else if (i == sp) return false;
  skip_blank(s, n, &i);
  for (int names = 0; names < 3; names++) {
    int han = 0;
    while (i < n) {
      size_t k = i;
      uint32_t c = qg_utf8_next(s, n, &k);
      if (!qg_cp_is_han(c)) break;
      han++, i = k;
    }
    if (han < 2 || han > 4) return false;
    if (i == n) return true;
    size_t at = i;
    skip_blank(s, n, &i);
    if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x81", 3)) i += 3; /* 、 */
    else if (i == at) return false;
    skip_blank(s, n, &i);
  }
  return false;
}

/* Whether h is a columnist's line under a headline: an ornament, then a name of two to four
 * Han characters, perhaps letter-spaced (□ 江舟, □江舟, ■ 江 舟), and nothing else. A column
 * name, the title, then □ and the writer is the usual layout of a commentary (probe 25 M6: the
 * name was the title, the title a kicker). A section or a notice's heading after an ornament
 * (■ 要闻, ■招聘) is none. */
static bool columnist_line(const held *h) {
  const qg_feat *f = &h->f;
  if (!f->ornament || f->section || f->notice || f->sidebar || f->subhead_num || f->commas ||
      f->end != QG_END_NONE || f->chars < 3 || f->chars > 5)
    return false;
  const char *s = h->b->text.ptr;
  size_t n = h->b->text.len, i = f->ornament;
  int han = 0, gaps = 0;
  for (;;) {
    size_t at = i;
    skip_blank(s, n, &i);
    if (i >= n) break;
    gaps += han && i != at;
    if (!qg_cp_is_han(qg_utf8_next(s, n, &i))) return false;
    han++;
  }
  /* (letter-spaced, white space between every two characters, or none: a word and a name,
   * ☆执笔 李明, is a desk's own byline cue's to tell) */
  return han >= 2 && han <= 4 && (gaps == 0 || gaps == han - 1);
}

/* Whether h is a poem's or a column's byline after an ornament: a name (columnist_line, □林也)
 * or a dynasty's or a country's name in brackets and a name (□[唐]张继, □（唐）王维;
 * qg_text_poet). */
static bool ornament_byline(const held *h) {
  if (!h->f.ornament) return false;
  if (columnist_line(h)) return true;
  const qg_block *b = h->b;
  size_t o = h->f.ornament;
  if (o >= b->text.len || b->text.len - o < 6 || b->text.len - o > 40 || h->f.end != QG_END_NONE)
    return false;
  return qg_text_poet(b->text.ptr + o, b->text.len - o) == QG_POET_DYNASTY;
}

/* Whether the k-th held block is a line of the poem under its byline (ss->poem: 我的母亲 |
 * 在渡口等过一条船 | 灯灭了—— under 渡口 | □林也): a short display line with no ornament, no
 * section's name and no subtitle, which is not the next poem's title (the line over an
 * ornament's byline) nor a column's name over that title (诗苑 | 夜泊枫桥 | □[唐]张继); session
 * 27, probe 26 M5: the lines were kickers and a title, or subheads. */
static bool poem_line(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  if (!ss->poem || h->f.ornament || h->f.section || h->f.sidebar || h->f.subtitle ||
      h->f.chars > QG_POEM_LINE || h->f.byline || h->f.dateline)
    return false;
  if (k && !poem_line(ss, k - 1)) return false; /* (the lines above it in the window are the
                                                 * poem's too: the line above asks the same) */
  if (k + 1 < ss->n && ornament_byline(&ss->w[k + 1])) return false;
  /* review 27b H1: the poem must not swallow what follows it. A line over a byline (菜价回落 |
   * 本报记者 王强) is the next article's title; a line of one source line after a stanza of
   * several joined (the blank layout: 灯亮着，就有人在等。 | 记者手记, 其二) is a heading; and
   * after a sentence's end the poem goes on only when it has the shape of verse, two lines or
   * more above (快评 | 别添堵 | □ 江舟 | 又到开学季。 | 堵车要治本: a column's prose, no poem) */
  if (k + 1 < ss->n && ss->w[k + 1].f.byline && !ss->w[k + 1].f.ornament) return false;
  bool stop = k ? ss->w[k - 1].f.end == QG_END_STOP : ss->poem_stop;
  bool multi = k ? ss->w[k - 1].b->end_line > ss->w[k - 1].b->line : ss->poem_multi;
  if (multi && h->b->end_line == h->b->line) return false;
  if (stop && ss->poem_lines + k < 2) return false;
  return true;
}

/* Whether b is a byline's role and nothing else: the paper's name, a rank, or both, then the
 * role (本报特约评论员, 本报首席记者, 本报评论员, 特约记者). Under a title it is the article's
 * byline, the name on the line under it or none (session 37: 本报特约评论员 alone under a title
 * was a kicker over it, the title a kicker; over a title it stays the column's kicker). */
static bool role_only(const qg_block *b) {
  static const char *const papers[] = {"本报", "本報", "本刊", NULL};
  static const char *const ranks[] = {"特约", "特約", "见习", "見習", "实习", "實習", "首席", NULL};
  static const char *const roles[] = {"记者", "記者", "评论员", "評論員", "通讯员", "通訊員",
                                      "编辑", "編輯", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n < 6 || n > 24 || (unsigned char)s[0] < 0xE0) return false;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  bool pre = false;
  for (const char *const *w = papers; *w && !pre; w++)
    if (n - i >= 6 && !memcmp(s + i, *w, 6)) i += 6, pre = true;
  bool rank = false;
  for (const char *const *w = ranks; *w && !rank; w++)
    if (n - i >= 6 && !memcmp(s + i, *w, 6)) i += 6, rank = true;
  if (!pre && !rank) return false;
  for (const char *const *w = roles; *w; w++)
    if (n - i == strlen(*w) && !memcmp(s + i, *w, n - i)) return true;
  return false;
}

/* Whether b is one to four names and nothing else, each of 2 to 4 Han characters (with a · up
 * to 8), white space between, the first opening with a common surname (司马青, 王强 李华): the
 * name under a byline's role alone (本报特约评论员 | 司马青; it was a subhead, or the title under
 * the role's kicker). */
static bool names_text(const char *s, size_t n);
static bool names_line(const qg_block *b) { return names_text(b->text.ptr, b->text.len); }

static bool names_text(const char *s, size_t n) {
  size_t i = 0;
  if (n < 6 || n > 4 * 25) return false;
  skip_blank(s, n, &i);
  if (!surname_at(s, n, i)) return false;
  int first_len = 0, names = qg_text_names(s + i, n - i, 0, 4, NULL, &first_len);
  /* a lone name of four characters has a surname of two (欧阳文华, 司马相如); four characters
   * opening with one of one are a headline's phrase as often (江山如画, 金秋十月, 高山流水 under
   * 本报评论员 open the next article: review 37) */
  if (names == 1 && first_len == 4 && !double_surname_at(s, n, i)) return false;
  return names >= 1;
}

/* Whether b is a person's name alone, perhaps letter-spaced: one run of two to four Han
 * characters (or ·), or two to four runs of one between white space (王　伟, 李 建 国); from
 * s[i] to the end. */
static bool name_alone(const char *s, size_t n, size_t i) {
  unsigned run = 0, runs = 0, chars = 0;
  bool single = true;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c) || c == 0xB7) {
      run++, chars++;
      continue;
    }
    if (!qg_cp_is_space(c)) return false;
    if (run) runs++, single = single && run == 1;
    run = 0;
  }
  if (run) runs++, single = single && run == 1;
  return (runs == 1 && chars >= 2 && chars <= 4) || (runs >= 2 && runs <= 4 && single);
}

/* name_alone opening with a common surname (surname_at): a person's name, not a two- to
 * four-character word over an address (倡议书, 感谢信, 砥砺前行 | 同志们：) nor a column's name after
 * a role (校长　寄语, 市长　致辞: read-through 43 #1, review 43 R2). */
static bool person_alone(const char *s, size_t n, size_t i) {
  size_t j = i;
  skip_blank(s, n, &j);
  return surname_at(s, n, j) && name_alone(s, n, i);
}

/* Whether h is a display line of a person's name alone and nothing else (person_alone: 韦晓岚,
 * 王　伟, 欧阳文华), with no cue of another kind; four characters in one run only with a surname of
 * two (a headline's phrase of four, 江山如画, opens with a common surname as often: names_line).
 * Session 46: what a first clean leaves of an author tag or a columnist's byline. (Three Han
 * characters with any first were taken under a headline with a clause mark, for 岑以宁, until
 * review 46b M3: 一座桥，三十年 | 守桥人 and 春天，来了 | 燕子飞 became bylines; a name whose surname is
 * not among the common ones is read as before the session.) */
static bool name_only(const held *h) {
  const qg_feat *f = &h->f;
  const qg_block *b = h->b;
  if (f->ornament || f->section || f->notice || f->sidebar || f->subhead_num || f->subtitle ||
      f->commas || f->end != QG_END_NONE || f->chars < 2 || f->chars > 4 || b->text.len > 40)
    return false;
  if (!person_alone(b->text.ptr, b->text.len, 0)) return false;
  size_t i = 0;
  skip_blank(b->text.ptr, b->text.len, &i);
  return f->chars < 4 || b->text.len - i > 12 || double_surname_at(b->text.ptr, b->text.len, i);
}

/* Whether t, the display line over the name alone n (name_only) that ends a group of k lines,
 * is a headline the name signs: t holds a clause mark (慢一点，也是一种效率), or, under a line
 * over it (k >= 3: a column's name), is longer than the name by three characters or more. Not
 * a name itself, a section's or a notice's heading, a numbered subhead or a subtitle. */
static bool headline_over_name(const held *t, const held *n, size_t k) {
  const qg_feat *f = &t->f;
  if (f->section || f->notice || f->sidebar || f->subhead_num || f->subtitle || f->ornament ||
      f->end != QG_END_NONE || name_only(t) || role_only(t->b))
    return false;
  return f->commas || (k >= 3 && f->chars >= n->f.chars + 3);
}

/* Whether b is an official's role and name under a report's or a speech's title (市长　李建国,
 * 东湖市财政局局长　何志远, 董事长 王强): Han ending with an office's role, white space, a name
 * (person_alone). The speaker's byline (probe 42 M6: it was the title, the report's title and
 * its dash-led line under it kickers). */
static bool official_line(const qg_block *b) {
  static const char *const roles[] = {
      "市长", "副市长", "省长", "副省长", "县长", "副县长", "区长", "副区长", "镇长", "乡长",
      "主席", "副主席", "书记", "副书记", "主任", "副主任", "局长", "副局长", "厅长", "副厅长",
      "部长", "副部长", "处长", "院长", "副院长", "校长", "行长", "董事长", "总经理", "理事长",
      "会长", "秘书长", "检察长", "总裁", "主任委员", "市長", "省長", "縣長", "區長", "書記",
      "局長", "廳長", "部長", "院長", "校長", "行長", "董事長", "總經理", "會長", "秘書長", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n < 12 || n > 96) return false;
  skip_blank(s, n, &i);
  size_t from = i;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_han(c)) {
      i = at;
      break;
    }
  }
  size_t end = i;
  if (end == from || end - from > 20 * 3) return false;
  size_t gap = i;
  skip_blank(s, n, &i);
  if (i == gap || i >= n) return false;
  bool role = false;
  for (int r = 0; roles[r] && !role; r++) {
    size_t m = strlen(roles[r]);
    role = end - from >= m && !memcmp(s + end - m, roles[r], m);
  }
  return role && person_alone(s, n, i);
}

/* Whether b is a speaker's address to the audience alone on its line (同志们：, 各位代表：,
 * 各位委员、同志们：): Han (and 、) of at most 12 characters before a colon that ends it, the
 * last word one of a hearer's (们 代表 委员 来宾), or a letter's salutation. */
static bool address_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  if (n < 6 || n > 48) return false;
  if (qg_text_is_salutation(s, n)) return true;
  size_t e = n;
  if (s[e - 1] == ':') e--;
  else if (e >= 3 && !memcmp(s + e - 3, "\xEF\xBC\x9A", 3)) e -= 3;
  else return false;
  skip_blank(s, e, &i);
  unsigned chars = 0;
  for (size_t j = i; j < e;) {
    uint32_t c = qg_utf8_next(s, e, &j);
    if ((!qg_cp_is_han(c) && c != 0x3001) || ++chars > 12) return false;
  }
  static const char *const hearers[] = {"们", "們", "代表", "委员", "委員", "来宾", "來賓", NULL};
  for (int r = 0; hearers[r]; r++) {
    size_t m = strlen(hearers[r]);
    if (e - i > m && !memcmp(s + e - m, hearers[r], m)) return true;
  }
  return false;
}

/* The endings of a body's name that signs (issuer_line, issuer_date_line): an office, a
 * company, a school, a family (孙德厚同志治丧小组, 东湖市人民政府办公厅, 东湖市第一医院); and the
 * endings of a government office's (东湖市教育局), taken with a place in the name. */
static const char *const issuer_bodies[] = {
    "治丧小组", "委员会", "办公室", "办公厅", "人民政府", "董事会", "公司", "编辑部", "工作组",
    "指挥部", "协会", "学会", "医院", "学校", "大学", "中学", "小学", "银行", "集团", "研究院",
    "研究所", "家属", "全家", "敬上", "谨上", "辦公室", "辦公廳", "委員會", "董事會", "治喪小組",
    "編輯部", "醫院", "學校", "銀行", "集團", "治丧工作小组", "治喪工作小組", NULL};
static const char *const issuer_offices[] = {"局", "厅", "委", "廳", NULL};

/* Whether b is a body's name, white space and a date on one line under a document's title
 * (东湖市人民政府办公室　　2026年11月25日, a meeting's minutes): the issuer's signature at the head,
 * a byline (probe 42 M6: it was the title). */
static bool issuer_date_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n < 24 || n > 120) return false;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  size_t d = n; /* the date: figures, 年 月 日 */
  bool year = false, day = false;
  while (d) {
    size_t at = d - 1;
    while (at && ((unsigned char)s[at] & 0xC0) == 0x80) at--;
    size_t x = at;
    uint32_t c = qg_utf8_next(s, n, &x);
    if (c >= '0' && c <= '9') ;
    else if (c == 0x5E74) year = true;
    else if (c == 0x65E5) day = true;
    else if (c != 0x6708) break;
    d = at;
  }
  if (!year || !day || d == n) return false;
  size_t e = d;
  while (e && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
  while (e >= 3 && !memcmp(s + e - 3, "\xE3\x80\x80", 3)) {
    e -= 3;
    while (e && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
  }
  if (e == d || !e) return false;
  for (size_t i = 0; i < e;) {
    uint32_t c = qg_utf8_next(s, e, &i);
    if (!qg_cp_is_han(c)) return false;
  }
  for (const char *const *t = issuer_bodies; t; t = t == issuer_bodies ? issuer_offices : NULL)
    for (int r = 0; t[r]; r++) {
      size_t m = strlen(t[r]);
      if (e > m && !memcmp(s + e - m, t[r], m)) return true;
    }
  return false;
}

static int issuer_line(const held *h);
static int dept_line(const held *h);
/* Whether the window opens with a title, an issuer's name and a date (统计公报 | 东湖市统计局 |
 * 2026年3月15日), at the top of the text or of a new article, the date last of the k lines of the
 * run or over a numbered heading. */
static bool issuer_head(const struct_stage *ss, size_t k) {
  if (ss->article && !ss->ended && (ss->has_body || ss->has_title)) return false;
  if (numbered_head(&ss->w[0]) || date_like(&ss->w[0]) || issuer_line(&ss->w[0])) return false;
  return issuer_line(&ss->w[1]) == ISSUER_BODY && date_like(&ss->w[2]) &&
         (k == 3 || numbered_head(&ss->w[3]));
}

/* Whether b is a reader's signature under a letter: 读者 and a name of two to four Han
 * characters (or ·), white space or a colon between (读者 张建平, 讀者：黃家明), nothing else
 * (probe 25 M6: it was a subhead of the letter). */
static bool reader_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  /* (读 and 讀 open with E8 AF BB and E8 AE 80: most lines are let go on two bytes) */
  if (n - i < 12 || (unsigned char)s[i] != 0xE8 ||
      ((unsigned char)s[i + 1] != 0xAF && (unsigned char)s[i + 1] != 0xAE) ||
      (memcmp(s + i, "读者", 6) && memcmp(s + i, "讀者", 6)))
    return false;
  i += 6;
  size_t sp = i;
  skip_blank(s, n, &i);
  if (i < n && s[i] == ':') i++;
  else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3; /* ： */
  skip_blank(s, n, &i);
  if (i == sp) return false;
  int name = name_run(s, n, &i);
  skip_blank(s, n, &i);
  return i == n && name >= 2 && name <= 4;
}

/* Whether b is the source line of a table or a chart (资料来源：南江市统计局, 数据来源：…, 来源：…):
 * a source's label and a colon first, some text after it, at most 60 characters, no sentence
 * inside (probe 25 M6: under a table it was a subhead). */
static bool source_line(const qg_block *b, const qg_feat *f) {
  if (f->chars > 60 || f->stops || f->chars < 4) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  /* in brackets, as a table's source is set under it too (（数据来源：…信息中心 采集：王秋实）:
   * probe 27 M10, a kicker) */
  if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x88", 3)) i += 3; /* （ */
  else if (i < n && s[i] == '(') i++;
  if (n - i < 9) return false;
  /* (the first character first: 资 資 数 數 信 来 來) */
  const unsigned char *u = (const unsigned char *)s + i;
  switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
  case 0xE8B584: case 0xE8B387: case 0xE695B0: case 0xE695B8: case 0xE4BFA1: case 0xE69DA5:
  case 0xE4BE86:
    break;
  default:
    return false;
  }
  static const char labels[][13] = {"资料来源", "資料來源", "数据来源", "數據來源", "信息来源",
                                    "資訊來源", "来源", "來源"};
  for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
    size_t m = k < 6 ? 12 : 6;
    if (n - i < m || memcmp(s + i, labels[k], m)) continue;
    size_t j = i + m;
    skip_blank(s, n, &j);
    if (j < n && s[j] == ':') j++;
    else if (n - j >= 3 && !memcmp(s + j, "\xEF\xBC\x9A", 3)) j += 3;
    else return false;
    skip_blank(s, n, &j);
    return j < n;
  }
  return false;
}

/* A bracketed note on a line of its own: （完） （待续） （据新华社） （文/张三）: the whole block
 * is one pair of brackets around 1..24 characters, no bracket, sentence or clause mark in
 * them. *end:
 * the note ends the article (（完） （全文完）). */
/* Whether a block opens with a bracket, white space at its ends aside: *n its length without
 * the white space at its end, *i the offset after the bracket (note_line, bracket_sentence). */
static bool bracket_open(const qg_block *b, size_t *n, size_t *i) {
  const char *s = b->text.ptr;
  *n = b->text.len, *i = 0;
  while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t')) --*n;
  while (*i < *n && (s[*i] == ' ' || s[*i] == '\t')) ++*i;
  uint32_t c = qg_utf8_next(s, *n, i);
  return c == 0xFF08 || c == '(';
}

static bool note_line(const qg_block *b, bool *end) {
  const char *s = b->text.ptr;
  size_t n, i;
  if (!bracket_open(b, &n, &i)) return false;
  uint32_t c = 0;
  size_t from = i, to = i;
  unsigned inner = 0;
  while (i < n) {
    to = i;
    c = qg_utf8_next(s, n, &i);
    if (c == 0xFF09 || c == ')') break;
    if (c == 0xFF08 || c == '(' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' ||
        c == '!' || c == '?' || c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';')
      return false; /* a note holds no sentence and no clause */
    inner += !qg_cp_is_space(c);
  }
  if ((c != 0xFF09 && c != ')') || i != n || !inner || inner > 24) return false;
  *end = (to - from == 3 && !memcmp(s + from, "完", 3)) ||
         (to - from == 9 && !memcmp(s + from, "全文完", 9));
  return true;
}

/* A question of an interview (记者：今年…情况如何？, 问：…？): the reporter's or host's label
 * (…记者 问 主持人, at most eight characters) and a colon, then the question, ending with ？
 * (or ?). No headline. */
static bool question_line(const qg_block *b, const qg_feat *f) {
  if (f->end != QG_END_STOP || !f->end_exclaim) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  unsigned label = 0;
  while (i < n && label <= 8) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0xFF1A || c == ':') break;
    if (!qg_cp_is_han(c) && !qg_cp_is_space(c) && c != 0x3001 && c != 0xB7) return false;
    label += !qg_cp_is_space(c);
  }
  if (!label || label > 8 || i >= n) return false;
  /* the label is the reporter's or the host's (记者 本报记者 问 主持人; 記者) */
  size_t c_at = qg_utf8_prev(s, i);
  static const char *const who[] = {"记者", "記者", "问", "問", "主持人", NULL};
  bool asks = false;
  for (int w = 0; who[w] && !asks; w++) {
    size_t k = strlen(who[w]);
    asks = c_at >= k && !memcmp(s + c_at - k, who[w], k);
  }
  if (!asks) return false;
  size_t z = n;
  while (z > 0 && qg_cp_is_space((uint32_t)(unsigned char)s[z - 1])) z--;
  return (z >= 3 && !memcmp(s + z - 3, "？", 3)) || (z >= 1 && s[z - 1] == '?');
}

/* A question heading (什么是5G？专家为您解读): at most 32 characters, no clause mark, its
 * sentence marks inside all ？ or ！ (no 。 or .), at most 10 characters before them and 8 after,
 * no final mark. A display line, though its ？ counts as a sentence inside (probe 9 F5; the
 * same test as blank_line_heading in repair.c, which keeps it apart in the blank layout). */
static bool question_heading(const qg_block *b, const qg_feat *f) {
  if (f->end != QG_END_NONE || f->unclosed || f->quote_open || f->table || !f->stops ||
      f->chars > 32 || f->commas || f->byline || f->credit || f->author || f->caption ||
      f->dateline || f->author_tail.at != SIZE_MAX || f->credit_tail.at != SIZE_MAX)
    return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  uint32_t before = 0, after = 0;
  for (size_t i = 0; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0x3002 || c == '.') return false;
    if (c == 0xFF1F || c == 0xFF01 || c == '?' || c == '!') before += after + 1, after = 0;
    else after += !qg_cp_is_space(c);
  }
  return before <= 11 && after <= 8;
}

/* The first character of b's text that is not white space, and in *at its offset. */
static uint32_t first_of(const qg_block *b, size_t *at) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n) {
    size_t p = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_space(c)) {
      if (at) *at = p;
      return c;
    }
  }
  return 0;
}

static bool ordinal_numeral(uint32_t c) {
  return (c >= '0' && c <= '9') || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 ||
         c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B ||
         c == 0x4E5D || c == 0x5341 || c == 0x767E || c == 0x96F6 || c == 0x3007;
}

/* A law's label at the start of b: 第 + numerals + the unit (条 章 节 编) and white space
 * after it (第二条　本条例所称…, 第一章　总　　则): the unit, 0 when there is none. */
static uint32_t law_label(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (first_of(b, &i) != 0x7B2C /*第*/) return 0;
  qg_utf8_next(s, n, &i);
  int d = 0;
  uint32_t c = 0;
  while (i < n && ordinal_numeral(c = qg_utf8_next(s, n, &i)))
    if (++d > 5) return 0;
  if (!d || (c != 0x6761 /*条*/ && c != 0x7AE0 /*章*/ && c != 0x8282 /*节*/ && c != 0x7F16 /*编*/))
    return 0;
  uint32_t unit = c;
  if (i >= n) return unit == 0x6761 ? 0 : unit;
  return qg_cp_is_space(qg_utf8_next(s, n, &i)) ? unit : 0;
}

/* Speech in a block of its own (“来了吗？” “再等等吧！” 他问：“你读过《红楼梦》吗？”): it opens
 * with a quotation mark, or has a colon and one early on, and ends with a sentence mark inside
 * the closing mark. Body text, never a heading, inside an article (probe 10a F16): a headline
 * that quotes seldom ends with the speaker's ？ or ！ at the top of an article, and is left so. */
static bool speech_line(const qg_block *b, const qg_feat *f) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n > 0 && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  size_t p = n ? qg_utf8_prev(s, n) : 0, k = p;
  uint32_t last = n ? qg_utf8_next(s, n, &k) : 0;
  if (last != 0x201D && last != 0x300D && last != '"') return false;
  /* (or speech broken off with a dash inside the closing mark, “可是——”: a turn of dialogue,
   * no subhead; probe 20 M6) */
  if (f->end != QG_END_STOP) {
    k = p ? qg_utf8_prev(s, p) : 0;
    if (!p || qg_utf8_next(s, n, &k) != 0x2014) return false;
  }
  uint32_t c = first_of(b, NULL);
  if (c == 0x201C || c == 0x300C || c == '"') return true;
  /* a speaker, a colon, the quotation: at most 12 characters before the colon */
  unsigned m = 0;
  for (size_t i = 0; i < n && m <= 12;) {
    c = qg_utf8_next(s, n, &i);
    if ((c == 0xFF1A || c == ':') && i < n) {
      uint32_t q = qg_utf8_next(s, n, &i);
      return q == 0x201C || q == 0x300C || q == '"';
    }
    m++;
  }
  return false;
}

/* The fields of b's text between white space, and in *figures how many of them are numbers
 * (a digit, and only digits and the marks a figure holds: . , % ‰ + - − : / and their
 * full-width forms). Stops counting past 32 fields. */
static unsigned fields_of(const qg_block *b, unsigned *figures) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  unsigned fields = 0, figs = 0;
  bool in = false, digit = false, other = false;
  while (i <= n && fields <= 32) {
    uint32_t c = i < n ? qg_utf8_next(s, n, &i) : ' ';
    bool sp = qg_cp_is_space(c);
    if (sp) {
      if (in) figs += digit && !other;
      in = digit = other = false;
      if (i >= n) break;
      continue;
    }
    if (!in) fields++;
    in = true;
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) digit = true;
    else if (!(c == '.' || c == ',' || c == '%' || c == '+' || c == '-' || c == ':' ||
               c == '/' || c == 0x2030 || c == 0x2212 || c == 0xFF0E || c == 0xFF0C ||
               c == 0xFF05 || c == 0xFF0B || c == 0xFF0D || c == 0xFF1A || c == 0xFF0F))
      other = true;
  }
  *figures = figs;
  return fields;
}

/* A row of a table of a label and figures (窗花	2.1	126.5): three fields or more, two or more
 * of them numbers, the numbers at least half of the fields: its number of fields, else 0.
 * Alone such a line may be a headline (2024 中国 5.2%), so it is a row only beside another row
 * of as many fields or under a header of as many (probe 10c F1: a row needed three figures). */
static unsigned figure_row(const held *h) {
  if (h->f.chars > 80 || h->f.non_han < 2 || h->f.stops || h->f.commas) return 0; /* (two figures: two digits) */
  unsigned figs, fields = fields_of(h->b, &figs);
  return fields >= 3 && figs >= 2 && figs * 2 >= fields ? fields : 0;
}

/* A row of data (probe 17 P11: 南湖队 1:1 西湖队, 哈尔滨 大雪 -21～-12℃): three to eight fields
 * between white space, of at most 12 characters, one or more of them a figure that is no bare
 * whole number (a score, a time, a temperature, a price: qg_text_cells) or a figure with its
 * Han unit (第一名 张华 98分, 张华 98 分, 先进制造 23个 156.2亿元; review 16 R3): its number of fields
 * and, from bit 8, which of them are figures; else 0. Alone such a line may be a headline (国足
 * 2:0 胜泰国), so it is a row beside another with the same fields and figures only. */
static unsigned cell_row(const held *h) {
  if (h->f.chars > 80 || !h->f.non_han || h->f.stops || h->f.commas) return 0;
  qg_cells c;
  if (!qg_text_cells(h->b->text.ptr, h->b->text.len, &c) || c.fields < 3 || c.fields > 8 ||
      !(c.strong || c.units)) /* (fields of 12 characters or fewer: qg_text_cells) */
    return 0;
  return c.fields | (c.shape & 0xFF) << 8;
}

/* Whether w[k] is a row of a table: a row of three figures (f.table), or a row of two beside
 * another row with as many fields (the one before it, ss->row_fields, or the one after it), or
 * a row of data (cell_row) beside another of the same cells. */
static bool table_row_at(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  if (h->f.table) return true;
  if (h->cells && ((k ? ss->w[k - 1].cells : ss->row_cells) == h->cells ||
                   (k + 1 < ss->n && ss->w[k + 1].cells == h->cells)))
    return true;
  unsigned r = h->row;
  if (!r) return false;
  unsigned before = k ? ss->w[k - 1].row : ss->row_fields;
  if (k && ss->w[k - 1].f.table) return true;
  if (before == r) return true;
  if (k + 1 < ss->n) {
    const held *nx = &ss->w[k + 1];
    if (nx->f.table || nx->row == r) return true;
  }
  return false;
}

/* Whether b is an entry of a school's list of names (高二（3）班 王子涵 李思琪《校园垃圾智能分类箱》,
 * 初三（2）班 张 弛 刘 畅): it opens with a class, 初 高 or 小 and a numeral, a number in brackets and
 * 班, then white space and more text. Under an award's line (一等奖（3项）) such lines were
 * kickers, the award the title (session 28, probe 27 M10): body text. */
static bool class_entry(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  if (i >= n) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (!(c == 0x521D || c == 0x9AD8 || c == 0x5C0F) || i >= n) return false; /* 初 高 小 */
  c = qg_utf8_next(s, n, &i);
  if (!(c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 || c == 0x516D))
    return false; /* 一 二 三 四 五 六 */
  if (i >= n) return false;
  c = qg_utf8_next(s, n, &i);
  if (c != 0xFF08 && c != '(') return false;
  size_t d = i;
  while (i < n && (unsigned)(s[i] - '0') < 10u) i++;
  if (i == d || i - d > 2 || i >= n) return false;
  c = qg_utf8_next(s, n, &i);
  if ((c != 0xFF09 && c != ')') || n - i < 4 || memcmp(s + i, "班", 3)) return false;
  i += 3;
  size_t sp = i;
  skip_blank(s, n, &i);
  return i > sp && i < n;
}

/* Whether the class entry at k is a line of a list: a class entry stands above or under it. One
 * alone under a title is the essay's author (高二（3）班 王子涵 under 我的妈妈: review 28a M3, the
 * page became one article). */
static bool class_list(const struct_stage *ss, size_t k) {
  /* (or an award's entry: the work's title in 《》) */
  const qg_block *b = ss->w[k].b;
  if (b->text.len < 400 && qg_has_bytes(b->text.ptr, b->text.len, "\xE3\x80\x8A", 3)) return true;
  for (int d = -1; d <= 1; d += 2) {
    if ((d < 0 && k == 0) || (d > 0 && k + 1 >= ss->n)) continue;
    if (class_entry(ss->w[k + d].b)) return true;
  }
  return false;
}

/* Whether b is a label and a list of names (优秀指导教师：赵红梅 刘建军 宋 佳 黄志强): two to eight Han
 * characters, a colon, then three or more runs of one to four Han characters (or ·) with white
 * space between and nothing else. After body text a line of a list (session 28, probe 27 M10:
 * it was a title). */
static bool label_names(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  int label = name_run(s, n, &i);
  if (label < 2 || label > 8 || i >= n) return false;
  if (s[i] == ':') i++;
  else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3;
  else return false;
  int runs = 0;
  for (;;) {
    size_t sp = i;
    skip_blank(s, n, &i);
    if (i >= n) return runs >= 3;
    if (runs && i == sp) return false;
    int name = name_run(s, n, &i);
    if (name < 1 || name > 4) return false;
    runs++;
  }
}

/* Whether h is a row of a product's spec list (处理器 骁龙8 Gen 3, 屏幕 6.7英寸, 重量 约1.46kg,
 * 颜色 曜石黑): a label of one to five Han characters, white space, a value of up to 32
 * characters with no colon, no sentence mark inside and none at the end, no clause mark: 2 when
 * the value holds a digit, 1 when it does not, 0 for any other line. */
static int spec_row(const held *h) {
  const qg_feat *f = &h->f;
  if (f->chars > 40 || f->stops || f->commas || f->end != QG_END_NONE || f->ornament ||
      f->subtitle || f->section || f->sidebar || f->unclosed || h->b->text.len > 160)
    return 0;
  const char *s = h->b->text.ptr;
  size_t n = h->b->text.len, i = 0;
  int label = name_run(s, n, &i);
  if (label < 1 || label > 5) return 0;
  size_t sp = i;
  skip_blank(s, n, &i);
  if (i == sp || i >= n) return 0;
  int chars = 0;
  bool digit = false;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == ':' || c == 0xFF1A || ++chars > 32) return 0;
    digit = digit || qg_cp_digit(c) >= 0;
  }
  return digit ? 2 : 1;
}

/* Whether the line at k is a row of a spec list (spec_row): in a run of three such lines or more
 * (the rows emitted above it count: ss->row_spec), three of them with a digit in the value (or
 * two in a run of four or more: review 29a M3), none
 * a byline's cue (记者 王强 | 通讯员 李明 | 摄影 张三). Session 29 (probe 27 H6): under a
 * paragraph, 处理器 锐龙7 8845H | 内存 32GB … | 重量 约1.46kg were kickers and a title. A head of
 * two lines in the shape (华为 Mate 80 亮相 | 鸿蒙 6.0 同步上线) is no list, nor one of three over
 * a byline, nor lines with no body text or colon line above them. */
static bool spec_list_at(const struct_stage *ss, size_t k) {
  if (!ss->w[k].spec || ss->w[k].f.byline) return false;
  size_t a = k, z = k;
  while (a && ss->w[a - 1].spec && !ss->w[a - 1].f.byline) a--;
  if (!a && ss->row_spec) return true;
  /* (under body text or a line ending with a colon: a page's masthead, 星期五 2026年12月4日 |
   * 农历 十月十五 | 今日 16版, opens a document) */
  if (!(ss->has_body || (a ? ss->w[a - 1].f.end == QG_END_COLON : ss->colon_end))) return false;
  while (z + 1 < ss->n && ss->w[z + 1].spec && !ss->w[z + 1].f.byline) z++;
  unsigned strong = 0;
  for (size_t j = a; j <= z; j++) strong += ss->w[j].spec == 2;
  /* (a byline or a dateline right under the run: a head of three lines, 华为 Mate 80 亮相 |
   * 鸿蒙 6.0 同步上线 | 售价 5499元起 | 本报记者 王强) */
  if (z + 1 < ss->n && (ss->w[z + 1].f.byline || ss->w[z + 1].f.dateline)) return false;
  /* (three rows with a figure, or two among four rows or more: a number box of three lines
   * under an article, 教育 民生 | 新建学校 12所 | 新增学位 2.4万个, heads the next article;
   * review 29a M3) */
  return z - a >= 2 && (strong >= 3 || (strong >= 2 && z - a >= 3));
}

/* The gaps of two or more ASCII spaces between text in b (a table typed in a plain-text file:
 * 车站        往省体育中心方向   往航海东路方向), counted up to 3. */
static int spaced_gaps(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  const char *p = memchr(s, ' ', n);
  if (!p || p + 1 >= s + n) return 0;
  int gaps = 0;
  size_t i = (size_t)(p - s);
  while (n && s[n - 1] == ' ') n--;
  while (i < n && gaps < 3) {
    if (s[i] != ' ') { i++; continue; }
    size_t j = i;
    while (j < n && s[j] == ' ') j++;
    if (j - i >= 2 && i > 0 && j < n) gaps++;
    i = j;
  }
  return gaps;
}

/* Whether the line at k is a row or a column head of a table typed with runs of spaces beside
 * a row of it (车站  往省体育中心方向  往航海东路方向 | 首班  末班  首班  末班 | 省体育中心  —  —
 * 06:00  00:30, …, 航海东路  06:35  01:05  —  —): two gaps or more, and a table's row in the
 * next three lines, each spaced so (column heads over the rows), or, with a
 * figure in the line, right above it (a last row with fewer figures than figure_row wants).
 * Session 28, probe 27 M9: the heads were a kicker and a title, the last row a subhead. */
static bool spaced_table(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  if (h->f.chars > 80 || h->f.stops || h->f.commas || spaced_gaps(h->b) < 2) return false;
  for (size_t j = k + 1; j < ss->n && j <= k + 3; j++) {
    if (spaced_gaps(ss->w[j].b) < 2) break;
    if (table_row_at(ss, j)) return true;
  }
  if (!qg_text_digits(h->b->text.ptr, h->b->text.len, 1)) return false;
  return k ? table_row_at(ss, k - 1) && spaced_gaps(ss->w[k - 1].b) >= 2
           : ss->row_fields || ss->row_cells;
}

/* A table's header row (代码 名称 收盘价 涨跌幅 成交额(亿元)) above a row: three fields or more
 * between white space (probe 10a F29); above a row of two figures, as many fields as it
 * (品类	数量（万件）	金额（万元） over 窗花	2.1	126.5; probe 10c F1); no title. */
static bool header_row(const struct_stage *ss, size_t k) {
  if (k + 1 >= ss->n) return false;
  const held *next = &ss->w[k + 1];
  if (!next->f.table && !next->row && !next->cells) return false;
  unsigned figs, fields = fields_of(ss->w[k].b, &figs);
  if (fields < 3) return false;
  /* (over rows of data, 城市 天气 气温 | 东湖 小雪 -5～2℃ | 北京 晴 -8～3℃: words alone, and
   * the row under it one; probe 17 P11) */
  if (next->cells && (next->cells & 0xFF) == fields && !figs && !ss->w[k].cells &&
      table_row_at(ss, k + 1))
    return true;
  return next->f.table || next->row == fields;
}

/* Whether b is a letter's closing (此致 | 敬礼！, 此致敬礼！, 此复, 顺颂商祺, 祝好！): white space
 * inside and one final ！ 。 ! aside, nothing else on the line. The signature and date under it
 * are the letter's (probe 12b B6). */
static bool letter_closing(const qg_block *b) {
  char w[48];
  size_t k = 0;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n > 40) return false;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) continue;
    if (k + (i - at) >= sizeof w) return false;
    memcpy(w + k, s + at, i - at);
    k += i - at;
  }
  w[k] = '\0';
  if (k >= 3 && (!strcmp(w + k - 3, "！") || !strcmp(w + k - 3, "。"))) w[k -= 3] = '\0';
  else if (k && (w[k - 1] == '!' || w[k - 1] == '.')) w[--k] = '\0';
  static const char *const forms[] = {"此致", "敬礼", "此致敬礼", "此复", "顺颂商祺",
                                      "顺颂时祺", "顺祝商祺", "祝好", NULL};
  for (int f = 0; forms[f]; f++)
    if (!strcmp(w, forms[f])) return true;
  return false;
}

/* Whether b is a quotation's attribution (——鲁迅《故乡》, ——鲁迅, ——摘自《论语》): led by a dash,
 * at most 24 characters, holding a title in 《》 or two to six characters after the dash. Under
 * a paragraph that ends a sentence (an epigraph, a quoted saying) it is that paragraph's
 * source, body text of the same article, not the kicker of a new one (probe 12b B1). */
static bool attribution(const qg_block *b, const qg_feat *f) {
  if (!f->subtitle || f->chars > 24 || f->commas || f->stops) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  unsigned dash = 0, rest = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!rest && (c == 0x2014 || c == 0x2015 || c == 0x2500 || c == '-')) dash++;
    else if (!qg_cp_is_space(c)) rest++;
  }
  if (dash < 2) return false;
  return strstr(s, "《") || (rest >= 2 && rest <= 6);
}

/* A page reference (第3版, 3版, A3版, 第三版; 第12页, 12页, 第12頁) at s[i..n): the offset past
 * it, or 0. */
static size_t page_ref(const char *s, size_t n, size_t i) {
  if (n - i >= 3 && !memcmp(s + i, "第", 3)) i += 3;
  if (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) i++;
  size_t d = 0;
  while (i < n && d < 6) {
    size_t j = i;
    uint32_t c = qg_utf8_next(s, n, &j);
    if (!ordinal_numeral(c)) break;
    i = j, d++;
  }
  /* (版, or 页 頁: a magazine's or a PDF's index, 第12页, as qg_text_is_running_head reads
   * 第N页 / 第N頁 for 第N版. The second literal was 版 itself, written twice and garbled into
   * six bytes of mojibake that never matched, review 16 N2) */
  if (!d || d > 3 || n - i < 3 ||
      (memcmp(s + i, "版", 3) && memcmp(s + i, "页", 3) && memcmp(s + i, "頁", 3)))
    return 0;
  return i + 3;
}

/* Whether b is an entry of a front page's index (导读, 要闻提示): a headline and its page,
 * ▶全市重点项目集中开工 3版, 第2版 前三季度全市GDP增长5.2%, 冬季供暖保障有序推进（3版）: a page
 * reference (第N版, N版, A3版) first and white space, or last after white space or in
 * brackets; an ornament may lead it; at most 40 characters, no sentence or clause mark at
 * its end (probe 17 P12). */
static bool index_entry(const qg_block *b, const qg_feat *f) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n > 160 || f->chars > 40 || f->end != QG_END_NONE || f->stops) return false;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  if (f->ornament && f->ornament <= n) i = f->ornament;
  else if (i < n) { /* ▶ ► ● ■ ◆ ★ ▲ · •: a bullet, as the ornament cues have them */
    size_t j = i;
    uint32_t c = qg_utf8_next(s, n, &j);
    if ((c >= 0x25A0 && c <= 0x25FF) || (c >= 0x2605 && c <= 0x2606) || c == 0xB7 ||
        c == 0x2022)
      i = j;
  }
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  size_t e = page_ref(s, n, i);
  if (e) { /* 第2版 headline */
    size_t j = e;
    if (j >= n) return false;
    uint32_t c = qg_utf8_next(s, n, &j);
    return (qg_cp_is_space(c) || c == 0x3000) && n - j >= 6;
  }
  /* headline 3版, headline（3版）, headline（见第3版）: the reference at the end */
  size_t z = n;
  bool bracket = false;
  if (z > i && (s[z - 1] == ')' || (z - i >= 3 && !memcmp(s + z - 3, "）", 3)))) {
    z -= s[z - 1] == ')' ? 1 : 3;
    bracket = true;
  }
  for (size_t at = i; at < z;) {
    size_t p = at;
    uint32_t c = qg_utf8_next(s, z, &at);
    bool sep = qg_cp_is_space(c) || c == 0x3000 || (bracket && (c == '(' || c == 0xFF08));
    if (!sep || p - i < 6) continue;
    size_t r = at;
    while (r < z && qg_cp_is_space((unsigned char)s[r])) r++;
    if (z - r >= 3 && (!memcmp(s + r, "见", 3) || !memcmp(s + r, "詳", 3) ||
                       !memcmp(s + r, "详", 3) || !memcmp(s + r, "見", 3)))
      r += 3;
    if (z - r >= 3 && (!memcmp(s + r, "见", 3) || !memcmp(s + r, "見", 3))) r += 3;
    if (page_ref(s, z, r) == z) return true;
  }
  return false;
}

/* Whether b is the heading of a front page's index (导读, 今日导读, 要闻提示). */
static bool index_head(const qg_block *b) {
  static const char *const heads[] = {"导读", "導讀", "今日导读", "今日導讀", "本期导读",
                                      "本期導讀", "本版导读", "本版導讀", "要闻导读", "要聞導讀",
                                      "要闻提示", "要聞提示", "今日要目", "内容提要", "內容提要",
                                      NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  for (int h = 0; heads[h]; h++)
    if (n - i == strlen(heads[h]) && !memcmp(s + i, heads[h], n - i)) return true;
  return false;
}

/* Whether w[k] is an entry of an index: an index entry (index_entry) under the index's heading
 * or another entry, or over another entry. */
static bool index_entry_at(const struct_stage *ss, size_t k) {
  if (!index_entry(ss->w[k].b, &ss->w[k].f)) return false;
  if (k == 0) {
    if (ss->index_prev) return true;
  } else if (index_head(ss->w[k - 1].b) || index_entry(ss->w[k - 1].b, &ss->w[k - 1].f)) {
    return true;
  }
  return k + 1 < ss->n && index_entry(ss->w[k + 1].b, &ss->w[k + 1].f);
}

/* Whether b opens with the number of a photo group's caption: 图① (图 and a circled number), 图1
 * then white space or a colon (2), or a circled number alone ① … ⑳ (3); 0: none (probe 17
 * P15). */
static int caption_number(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  uint32_t c = first_of(b, &i);
  if (!c) return 0;
  qg_utf8_next(s, n, &i);
  if (c >= 0x2460 && c <= 0x2473) return 3;
  if (c != 0x56FE /*图*/ && c != 0x5716 /*圖*/) return 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= n) return 0;
  size_t j = i;
  c = qg_utf8_next(s, n, &j);
  if (c >= 0x2460 && c <= 0x2473) return 1;
  size_t d = 0;
  while (i + d < n && s[i + d] >= '0' && s[i + d] <= '9') d++;
  if (d < 1 || d > 2 || i + d >= n) return 0;
  j = i + d;
  c = qg_utf8_next(s, n, &j);
  return c == ':' || c == 0xFF1A || qg_cp_is_space(c) ? 2 : 0;
}

/* Whether w[k] is a caption of a photo group: it opens with a caption's number, and it stands
 * under the group's heading (组图) or the group's caption before it, or it and the blocks after
 * it that open so end with a credit (图① … | 图② … | 本报记者 何嘉禾 摄; probe 17 P15). */
static bool group_caption_at(const struct_stage *ss, size_t k, bool under) {
  if (!caption_number(ss->w[k].b)) return false;
  if (k == 0 && under) return true;
  /* a circled number alone opens a list's item as often as a caption: outside a group's
   * heading, a run under a line that introduces it (措施主要包括：) or with an item ending in a
   * clause mark (①…；) is a list, also above a credit (review 16 R1) */
  if (k > 0 && ss->w[k - 1].f.end == QG_END_COLON && caption_number(ss->w[k].b) == 3)
    return false;
  for (size_t j = k; j < ss->n; j++) {
    const held *h = &ss->w[j];
    if (h->f.credit) return j > k;
    int num = caption_number(h->b);
    if (!num || h->f.byline || h->f.dateline) return false;
    if (num == 3 && h->f.end == QG_END_CLAUSE) return false;
    if (h->f.credit_tail.at != SIZE_MAX) return true;
  }
  return false;
}

/* Captions of a photo story with no number (…护林员在积雪覆盖的山路上巡查。 | 游客在观景台拍摄雪景。 |
 * 本报记者 缪青禾 摄): a run of at most this many blocks over one credit. */
#define QG_CAPTION_RUN 4
/* …each at most this many characters. */
#define QG_CAPTION_RUN_CHARS 60

/* Whether w[0] opens (or, under, goes on with) a run of unnumbered captions over one credit:
 * each block up to the credit is a short sentence or two that is no heading, byline, dateline
 * or numbered caption and carries no credit of its own, and the credit follows within
 * QG_CAPTION_RUN blocks. A run opens only under the open article's heading group, before any
 * body text, and holds two captions or more (one over its credit is a caption already: the
 * credit under it); it goes on under the run's caption before (under, as a photo group's
 * does). Session 46, probe 46 M1: only the caption right over the credit was one, the others
 * body text. */
static bool caption_run_at(const struct_stage *ss, bool under) {
  if (!under && !(ss->article && ss->has_title && !ss->has_body && !ss->ended)) return false;
  for (size_t j = 0; j < ss->n && j <= QG_CAPTION_RUN; j++) {
    const held *h = &ss->w[j];
    if (h->f.credit) return j >= (under ? 1u : 2u);
    if (j == QG_CAPTION_RUN || h->f.end != QG_END_STOP || h->f.chars > QG_CAPTION_RUN_CHARS ||
        h->f.stops > 1 || qg_feat_heading(&h->f) || h->f.byline || h->f.dateline ||
        h->f.author || h->f.table || h->f.credit_tail.at != SIZE_MAX ||
        h->f.author_tail.at != SIZE_MAX || caption_number(h->b))
      return false;
  }
  return false;
}

/* Whether h is a row of data in a table of few columns (60～69 4, 12月2日 AQI 68 良 首要污染物
 * PM2.5, 口服补液盐Ⅲ 5.125g×6袋 溶于250mL温水): at most 60 characters, fields between white
 * space of at most 12 characters (QG_CELL_MAX), no sentence mark, a comma inside a cell only
 * (一次0.5g，每日3次), and three to eight fields, half of them or more holding a digit, or two
 * fields both figures or codes (qg_text_cells). Its number of fields, else 0. Alone such a line
 * may be a headline (2024 中国 5.2%): it is a row beside another (data_row_at; probe 26 M6: a
 * score table's rows and a day's air quality were kickers and a title, and opened an article). */
static unsigned data_line(const held *h) {
  if (h->f.chars > 60 || !h->f.non_han || h->f.stops || h->f.end != QG_END_NONE ||
      h->b->text.len > 240)
    return 0;
  const char *s = h->b->text.ptr;
  size_t n = h->b->text.len;
  if (!h->f.commas) {
    qg_cells c;
    if (!qg_text_cells(s, n, &c) || c.fields < 2) return 0;
    if (c.fields == 2) return c.figures == 2 ? 2 : 0;
  }
  /* (a cell may hold a comma, 一次0.5g，每日3次, but none ends one; no other mark) */
  unsigned fields = 0, digits = 0, chars = 0;
  bool d = false, latin_only = true, lower = false;
  uint32_t prev = 0;
  for (size_t i = 0; i <= n;) {
    uint32_t ch = i < n ? qg_utf8_next(s, n, &i) : (i++, ' ');
    if (qg_cp_is_space(ch)) {
      if (chars) {
        if (prev == ',' || prev == 0xFF0C || prev == 0x3001 || ++fields > 8) return 0;
        digits += d;
        if (latin_only && lower) return 0; /* (a Latin word: prose) */
      }
      chars = 0, d = lower = false, latin_only = true;
      continue;
    }
    if (ch == 0x3002 || ch == 0xFF1B || ch == ';' || ch == 0xFF01 || ch == 0xFF1F || ch == '!' ||
        ch == '?' || (ch == 0xFF1A && qg_cp_digit(prev) < 0) ||
        (!chars && (ch == ',' || ch == 0xFF0C || ch == 0x3001)) || ++chars > QG_CELL_MAX)
      return 0;
    d = d || qg_cp_digit(ch) >= 0;
    if (ch < 0x80 && (ch | 0x20) - 'a' < 26u) lower = lower || ch >= 'a';
    else latin_only = false;
    prev = ch;
  }
  return fields >= 3 && digits * 2 >= fields ? fields : 0;
}

/* Whether w[k] is a row of data (data_line) beside another (the one before it, ss->row_data,
 * or the one after it), or the column names over such a row: as many fields, Han words of at
 * most six characters, no digit (分数段 人数 | 60～69 4 | 70～79 10). */
static bool data_row_at(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  bool next = k + 1 < ss->n && ss->w[k + 1].data;
  if (h->data) return (k ? ss->w[k - 1].data != 0 : ss->row_data) || next;
  if (!next || h->f.chars > 40 || h->f.stops || h->f.commas || h->f.end != QG_END_NONE ||
      !(k + 2 < ss->n && ss->w[k + 2].data) || qg_text_digits(h->b->text.ptr, h->b->text.len, 1))
    return false;
  qg_cells c;
  return qg_text_cells(h->b->text.ptr, h->b->text.len, &c) && c.fields == ss->w[k + 1].data &&
         !c.figures && c.longest <= 6;
}

/* Whether the block at w[k] is body text although it reads as a display line: a law's article
 * (第二条　…是指：), a schedule's entry (19:00 新闻联播), a table's header, speech inside an
 * article, or a paragraph of a quotation still open (“2024年12月1日” under a letter's
 * “儿子　小明; probe 10a F8, F16, F18, F29). */
/* Whether b is a turn of a chat or a dialogue: a speaker's name of one to four Han characters,
 * up to three pictographs after it (小鱼🐟), a colon and what was said (阿杰：去去去！算我一个;
 * qg_text_speaker).
 * Three such blocks in a row are a conversation, body text (probe 20 M6: the turns of a group
 * chat were kickers and a title). */
static bool turn_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  /* (a Han character first: most blocks are let go before they are decoded) */
  if (n < 9 || (unsigned char)s[0] < 0xE3 || (unsigned char)s[0] > 0xE9) return false;
  /* (after one to four Han characters, bytes 3, 6, 9 or 12: the colon, ： or :, or the lead
   * byte of a pictograph, F0 or E2) */
  const unsigned char *u = (const unsigned char *)s;
  bool maybe = false;
  for (size_t o = 3; o <= 12 && o + 3 <= n && !maybe; o += 3)
    maybe = u[o] == ':' || u[o] == 0xF0 || u[o] == 0xE2 ||
            (u[o] == 0xEF && u[o + 1] == 0xBC && u[o + 2] == 0x9A);
  if (!maybe) return false;
  return qg_text_speaker(s, n, NULL) != 0;
}

/* Whether the k-th held block is a turn of a conversation: three turns in a row, counting the
 * blocks emitted before the window (ss->turns). */
static bool conversation_at(const struct_stage *ss, size_t k) {
  if (!turn_line(ss->w[k].b)) return false;
  unsigned run = 1;
  size_t i = k;
  while (i > 0 && run < 3 && turn_line(ss->w[i - 1].b)) i--, run++;
  if (i == 0) run += ss->turns;
  for (size_t j = k + 1; j < ss->n && run < 3 && turn_line(ss->w[j].b); j++) run++;
  return run >= 3;
}

/* Whether the k-th held block, a line the paragraph stage put out alone as verse's
 * (QG_LEAD_VERSE: its group of short Han lines ending with no mark stood next to another such
 * group or line), is verse indeed: body text. Its group (the held lines in a row with it, no
 * blank line between) is verse when another group of verse stands before or after it, a run
 * of stanzas; when it ends the text or the window; or when a line of another kind but no
 * heading's follows. It is a headline set over two or three lines (引题 | 主题, the most common
 * layout in print copy; its group broken into lines as before session 21) when a byline, a
 * paragraph with a dateline or body text follows it after the blank line: 全市经济稳中向好 |
 * 前三季度增长百分之五 | 本报记者 张三 (review 21 H1: the kicker and title were two p and the
 * article break before them was lost). */
static bool verse_at(const struct_stage *ss, size_t k) {
  size_t g0 = k, g1 = k + 1;
  while (g0 > 0 && ss->w[g0 - 1].b->lead == QG_LEAD_VERSE &&
         ss->w[g0 - 1].b->end_line + 1 == ss->w[g0].b->line)
    g0--;
  while (g1 < ss->n && ss->w[g1].b->lead == QG_LEAD_VERSE &&
         ss->w[g1 - 1].b->end_line + 1 == ss->w[g1].b->line)
    g1++;
  /* (a group before it, or its own lines put out before the window: verse) */
  if (g0 > 0 ? ss->w[g0 - 1].b->lead == QG_LEAD_VERSE : ss->verse_end != 0) return true;
  if (g1 == ss->n) return true; /* (the text's end, or a group longer than the window) */
  const held *nx = &ss->w[g1];
  if (nx->b->lead == QG_LEAD_VERSE) return true;
  return !(nx->f.byline || nx->f.dateline || !qg_feat_heading(&nx->f));
}

/* Whether h opens a list's item: led by a bullet (the paragraph stage's QG_LEAD_ITEM, or
 * qg_text_list_item's bullet) or an item number (1. （1） 一、 ①: the subhead cues and item
 * labels, qg_text_list_item's numbers). */
/* Whether b is an exam's question (options: its options; probe 22 M6: questions were
 * subheads, an option line the title of a new article): an item's figure and its mark (1． 3. 4、) with an answer's
 * bracket holding only white space at the end ((    ), （　　）), a blank's underscores (___)
 * or a score in brackets after the mark (8．（10分）…); or an option's letter A to D and its mark
 * (A． A. A、) with another option's letter and mark after white space (A．-3　　B．0). */
static bool exam_line(const qg_block *b, bool options) {
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n && (u[n - 1] == ' ' || u[n - 1] == '\t')) n--;
  if (n < 6) return false;
  bool option = u[0] >= 'A' && u[0] <= 'D';
  if (option != options) return false;
  if (option) {
    i = 1;
  } else {
    while (i < n && i < 3 && (unsigned)(u[i] - '0') < 10u) i++;
    if (!i || i > 2) return false;
  }
  if (u[i] == '.') i++;
  else if (n - i >= 3 && (!memcmp(s + i, "\xEF\xBC\x8E", 3) || !memcmp(s + i, "\xE3\x80\x81", 3)))
    i += 3; /* ． 、 */
  else return false;
  if (option) { /* another letter and its mark after white space */
    for (size_t k = i; k + 2 < n; k++) {
      if (!(u[k] >= 'B' && u[k] <= 'H')) continue;
      bool ws = u[k - 1] == ' ' || u[k - 1] == '\t' ||
                (k >= 3 && !memcmp(s + k - 3, "\xE3\x80\x80", 3));
      bool mk = u[k + 1] == '.' || (n - k - 1 >= 3 && (!memcmp(s + k + 1, "\xEF\xBC\x8E", 3) ||
                                                      !memcmp(s + k + 1, "\xE3\x80\x81", 3) ||
                                                      !memcmp(s + k + 1, "\xE3\x80\x82", 3)));
      if (ws && mk) return true;
    }
    return false;
  }
  /* a score in brackets after the mark: （10分） (10分) */
  size_t k = i;
  if (n - k >= 3 && (u[k] == '(' || !memcmp(s + k, "\xEF\xBC\x88", 3))) {
    k += u[k] == '(' ? 1 : 3;
    size_t d = k;
    while (k < n && (unsigned)(u[k] - '0') < 10u) k++;
    if (k > d && n - k >= 4 && !memcmp(s + k, "分", 3) &&
        (u[k + 3] == ')' || (n - k - 3 >= 3 && !memcmp(s + k + 3, "\xEF\xBC\x89", 3))))
      return true;
  }
  for (size_t j = i; j + 2 < n; j++)
    if (u[j] == '_' && u[j + 1] == '_' && u[j + 2] == '_') return true;
  /* the answer's bracket at the end, past a full stop */
  size_t z = n;
  if (z >= 3 && !memcmp(s + z - 3, "\xE3\x80\x82", 3)) z -= 3;
  else if (u[z - 1] == '.') z--;
  return blank_bracket_end(s, z);
}

/* Whether b is a letter's greeting alone: 您好！ 你好！ 您好： (white space aside). */
static bool greeting(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n - i != 9 || (memcmp(s + i, "您好", 6) && memcmp(s + i, "你好", 6))) return false;
  return !memcmp(s + i + 6, "！", 3) || !memcmp(s + i + 6, "：", 3) || !memcmp(s + i + 6, "，", 3);
}

static bool list_first(const held *h) {
  const qg_block *b = h->b;
  return b->lead == QG_LEAD_ITEM || h->f.subhead_num || qg_text_list_item(b->text.ptr, b->text.len);
}

/* Lines of a page's copy that a desk sets as body text whatever their shape (session 24): a
 * table's unit (单位：万元, （单位：人）, 金额单位:亿元), an almanac's 宜：… and 忌：…, a contact
 * line whose value is a telephone number, a mail address or a web address
 * (看房热线：0571-88886666, 邮箱：…@…), a formula with no Han character (E = mc², 2H₂ + O₂ = 2H₂O,
 * S = πr²). They were titles, kickers and subheads, and a formula after a colon line opened an
 * article of its own. */
static bool closing_formula(const qg_block *b);
static int label_value(const qg_block *b);

/* The bytes of a colon (: or ：) at s[i], 0 when there is none. */
static size_t colon_len(const char *s, size_t n, size_t i) {
  return i < n && s[i] == ':' ? 1 : n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3) ? 3 : 0;
}

static bool unit_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  uint32_t c = first_of(b, &i);
  if (c == 0xFF08 || c == '(') i += c == '(' ? 1 : 3;
  /* (before 单位 nothing, or a word of what is measured: 金额 计量 货币 数量 价格 面积 重量;
   * 用人单位：… 涉事单位：… are headlines and field lines: review 24 H3) */
  static const char *const what[] = {"", "金额", "计量", "货币", "数量", "价格", "面积", "重量"};
  bool known = false;
  for (size_t w = 0; w < sizeof what / sizeof *what && !known; w++) {
    size_t k = strlen(what[w]);
    if (n - i >= k + 6 && !memcmp(s + i, what[w], k) && !memcmp(s + i + k, "单位", 6))
      known = true, i += k + 6;
  }
  size_t cl = known ? colon_len(s, n, i) : 0;
  if (!cl) return false;
  i += cl;
  /* (the unit: six characters at most, ending in a unit's character: 万元 亿元 人 吨 % 万人次) */
  int v = 0;
  uint32_t last = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';') return false;
    if (!qg_cp_is_space(c) && c != 0xFF09 && c != ')') v++, last = c;
  }
  static const char units[] = "元人个吨户次家辆台件克米亩顷度时天年岁册套头只株座所项条篇部架艘箱袋瓶斤升秒分月％";
  char u[8];
  size_t ul = last ? qg_utf8_encode(last, u) : 0;
  bool unit = last == '%' || last == 0x2030 /*‰*/ || (ul == 3 && strstr(units, (u[3] = 0, u)));
  return v >= 1 && v <= 6 && unit;
}

/* A row of cells: two fields or more apart by a TAB or by two characters of white space or
 * more, no clause or sentence mark (行业　　人数, 制造业　　12000). */
static bool wide_cells(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  int run = 0, gaps = 0;
  bool text = false;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      run += c == '\t' ? 2 : 1;
      continue;
    }
    if (c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F) return false;
    if (text && run >= 2) gaps++;
    run = 0;
    text = true;
  }
  return gaps >= 1;
}

/* Whether b holds a digit (a row under a unit line holds figures, but for the column names right
 * under the unit line: a headline set apart by two ideographic spaces after the table,
 * 记者观察　　城市更新的温度, was taken as a row: review 24 M1). */
static bool has_digit(const qg_block *b) { return qg_text_digits(b->text.ptr, b->text.len, 1) > 0; }

/* Whether w[k] is a row of cells under a table's unit line, with only such rows between. */
static bool under_unit(const struct_stage *ss, size_t k) {
  if (!wide_cells(ss->w[k].b)) return false;
  bool digits = has_digit(ss->w[k].b);
  while (k--) {
    if (unit_line(ss->w[k].b)) return true;
    if (!digits || !wide_cells(ss->w[k].b)) return false;
    digits = has_digit(ss->w[k].b);
  }
  return ss->unit_rows && (digits || ss->unit_head);
}

static bool almanac_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  uint32_t c = first_of(b, &i);
  if (c != 0x5B9C /*宜*/ && c != 0x5FCC /*忌*/) return false;
  size_t cl = colon_len(s, n, i + 3);
  if (!cl) return false;
  i += 3 + cl;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  if (i >= n || n - i > 120) return false;
  /* (an almanac lists two things or more, apart by white space or 、: 宜：嫁娶 出行 开市; one,
   * 宜：早睡晚起, is a feature's subhead as before: review 24 M6) */
  size_t k = i;
  bool item = false, gap = false;
  while (k < n) {
    uint32_t d = qg_utf8_next(s, n, &k);
    if (qg_cp_is_space(d) || d == 0x3001 /*、*/) gap = item;
    else if (gap) return true;
    else item = true;
  }
  return false;
}

static bool contact_line(const qg_block *b) {
  /* (a contact's name before the number, 联系人：王老师 13800000000, or a note after it,
   * 咨询热线：400-123-4567（工作日）: a kicker and a subhead, the next notice's heading made a
   * title under it; session 25) */
  if (qg_text_contact_line(b->text.ptr, b->text.len)) return true;
  if (label_value(b) != 2) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (!qg_text_label(s, n, 6, &i)) return false;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  /* (a telephone number: seven figures or more with - ( ) and white space between; or an
   * address with @, www. or ://) */
  int d = 0;
  size_t j = i;
  while (j < n && ((unsigned)(s[j] - '0') < 10u || s[j] == '-' || s[j] == ' ' || s[j] == '(' ||
                   s[j] == ')' || s[j] == '+'))
    d += (unsigned)(s[j++] - '0') < 10u;
  while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
  if (d >= 7 && j == n) return true;
  for (j = i; j < n && (unsigned char)s[j] < 0x80 && s[j] != ' '; j++) {}
  if (j != n) return false;
  return memchr(s + i, '@', n - i) || (n - i > 4 && !memcmp(s + i, "www.", 4)) ||
         (n - i > 7 && !memcmp(s + i, "http", 4));
}

static bool formula_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  bool eq = false, sym = false;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c) || c == 0x3002 || c == 0xFF0C) return false;
    if (c == '=' || c == 0xFF1D || c == 0x2248 /*≈*/ || c == 0x2260 /*≠*/ || c == 0x2192 /*→*/ ||
        c == 0x21CC /*⇌*/)
      eq = true;
    else if ((c | 0x20) - 'a' < 26u || c - '0' < 10u || (c >= 0x391 && c <= 0x3C9))
      sym = true;
  }
  return eq && sym;
}

/* Whether a block is one pair of brackets around a sentence or clause (a ， ； or 。 inside,
 * up to 64 characters): an editor's note under a listing or an article (（节目如有变动，以电视台
 * 播出为准）), no note_line (those hold no mark) and no heading. */
static bool bracket_sentence(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n, i;
  if (!bracket_open(b, &n, &i)) return false;
  uint32_t c = 0;
  unsigned inner = 0, marks = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (c == 0xFF09 || c == ')') break;
    if (c == 0xFF08 || c == '(' || ++inner > 64) return false;
    marks += c == 0xFF0C || c == 0xFF1B || c == 0x3002;
  }
  if ((c != 0xFF09 && c != ')') || i != n || !marks || inner < 8) return false;
  /* (a credit in brackets is none: （本报记者 王强，实习生 李明）, （县农技站供稿，有删节）) */
  static const char *const roles[] = {"记者", "記者", "通讯员", "通訊員", "实习生", "實習生",
                                      "供稿", "编辑", "編輯", "作者", "摄", "攝", NULL};
  for (int r = 0; roles[r]; r++)
    if (qg_has_bytes(s, n, roles[r], strlen(roles[r]))) return false;
  return true;
}

/* Whether b is a match's result row: a side's name (one to ten Han characters, · or Latin
 * letters, a slash between a pair's names, no digit), white space, a score of one to three digits each side of a colon (3:1,
 * 3：1), white space, the other side's name, and nothing else (张伟 3:1 李强, 东湖区队 2:1 西山区队). */
static bool score_row(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n > 120) return false;
  for (int part = 0; part < 3; part++) {
    size_t at = i;
    skip_blank(s, n, &i);
    if (part && i == at) return false;
    if (part == 1) {
      size_t d = i;
      while (i < n && i - d < 4 && (unsigned)(s[i] - '0') < 10u) i++;
      if (i == d || i - d > 3) return false;
      if (i < n && s[i] == ':') i++;
      else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3; /* ： */
      else return false;
      d = i;
      while (i < n && i - d < 4 && (unsigned)(s[i] - '0') < 10u) i++;
      if (i == d || i - d > 3) return false;
      continue;
    }
    int chars = 0;
    while (i < n) {
      size_t c0 = i;
      uint32_t c = qg_utf8_next(s, n, &i);
      /* (a pair's two names, 张伟/王磊 3:2 李强/赵刚: a slash after a character) */
      if (!qg_cp_is_han(c) && c != 0xB7 && !(chars && (c == '/' || c == 0xFF0F)) &&
          (c >= 0x80 || (c | 0x20) - 'a' >= 26u)) {
        i = c0;
        break;
      }
      chars++;
    }
    if (chars < 1 || chars > 10) return false;
  }
  skip_blank(s, n, &i);
  return i == n;
}

/* Whether the character before s[at] is a numeral (ordinal_numeral: 一 二 … 十 百 or a digit). */
static bool prev_numeral(const char *s, size_t at) {
  size_t i = qg_utf8_prev(s, at);
  return ordinal_numeral(qg_utf8_next(s, at, &i));
}

/* Whether b is the heading of a round of a match: at most twelve characters, the last 轮, 局 or
 * 场 after a numeral (第一轮, 第3局), or a stage of a tournament (男子单打半决赛, 决赛, 小组赛,
 * 1/4决赛, A组): results are listed under such headings. */
static bool round_head(const held *h) {
  static const char *const ends[] = {"半决赛", "半決賽", "决赛", "決賽", "复赛", "複賽", "初赛", "初賽",
                                     "小组赛", "小組賽", "淘汰赛", "淘汰賽", "排位赛", "排位賽",
                                     "附加赛", "附加賽", "组", "組", NULL};
  const qg_block *b = h->b;
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (h->f.chars > 12 || h->f.commas || h->f.end != QG_END_NONE || n < 4) return false;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  for (int e = 0; ends[e]; e++) {
    size_t m = strlen(ends[e]);
    /* (组 only after a letter or a numeral: A组, 第一组, not 专家组) */
    if (n >= m && !memcmp(s + n - m, ends[e], m))
      return m > 3 || (n > m && ((unsigned)((s[n - m - 1] | 0x20) - 'a') < 26u ||
                                 (unsigned)(s[n - m - 1] - '0') < 10u ||
                                 (n >= m + 3 && prev_numeral(s, n - m))));
  }
  /* (第3局, A组: the shortest; session 31) */
  if (n >= 7 && !memcmp(s, "第", 3))
    return !memcmp(s + n - 3, "轮", 3) || !memcmp(s + n - 3, "輪", 3) ||
           !memcmp(s + n - 3, "局", 3) || !memcmp(s + n - 3, "场", 3) || !memcmp(s + n - 3, "場", 3);
  return false;
}

/* Whether the result row at k of the window is a row of a listing of results (session 30): a
 * result row beside it, or the last block emitted one; under a round's heading, with a round's
 * heading and a result row under it, or, inside an article with body text, over a section's
 * heading, two heading lines or the text's end, or with a result row over that heading over a
 * paragraph (a headline's kicker and its score over 本报讯… or over a lead, 半决赛 | 中国队 3:0
 * 日本队 | 女排世界杯昨晚…, or over a deck over one, stay a heading; review 31a). Only in an
 * article with body text, and with at most a round's heading over the row in the window: over
 * more heading lines (体育 | 第一轮 | row, 比赛结果如下： | 第一轮 | row) the lines over the row
 * were a new article of the round's heading for a title and each round split off another
 * (review 30a R2, R3; session 31). The session 29 rule found such rows in a wrapped layout. */
static bool score_listing(const struct_stage *ss, size_t k) {
  /* (with no body text, only under a listing's first round: listing_head) */
  if (k > 1 || (!ss->has_body && (k || !ss->round_end)) || ss->ended || !score_row(ss->w[k].b))
    return false;
  if ((k ? score_row(ss->w[k - 1].b) : (ss->score_end && !ss->round_end) || ss->event_end) ||
      (k + 1 < ss->n && score_row(ss->w[k + 1].b)))
    return true;
  /* (after rows, a short heading of an event over one row, over another heading and its row:
   * the listing's next event, 男子单打 | rows | 女子单打 | 陈静 3:1 刘芳 | 决赛 | 中国队 3:1 巴西队 |
   * …; it went with the heading lines under it into the next story, review 32a in/105 110 115) */
  if (k && ss->score_end && !ss->round_end && ss->w[k - 1].f.chars <= 8 && k + 2 < ss->n &&
      qg_feat_heading(&ss->w[k + 1].f) && score_row(ss->w[k + 2].b))
    return true;
  if (!(k ? round_head(&ss->w[k - 1]) : ss->round_end)) return false;
  if (k + 2 < ss->n && round_head(&ss->w[k + 1]) && score_row(ss->w[k + 2].b)) return true;
  /* (a lone round's heading and its row, after rows too, over a heading that is a section's or
   * over more heading lines, or at the text's end; over a heading over a lead they are the
   * kicker and score headline of a story with its deck, 半决赛 | 中国队 3:0 日本队 | 朱婷独得二十
   * 五分 | 女排世界杯昨晚…, and over a dateline or a byline, 本报讯…, its kicker and title:
   * review 31a N2, N3, s31-struct2) */
  const held *nx = k + 1 < ss->n ? &ss->w[k + 1] : NULL;
  if (!nx) return true;
  /* (after rows under rounds, the listing's: rounds before this one in the article, the last
   * block emitted a row) */
  bool listed = ss->score_end && ss->rounds >= (k ? 1u : 2u);
  /* (…and each round before had one row, as this one: 半决赛 | row | 决赛 | row over a dateline,
   * or over a title over its lead, close the listing; they went into the next story's heading,
   * review 32a2 b07 b14 f02, review 31a2 F4. Under a round of more rows, 第一轮 | rows | 决赛 |
   * 中国队 3:1 巴西队 | 新华社…电, they are the next story's kicker and title, as before) */
  bool single = listed && (k ? ss->round_rows : ss->rows_before) == 1;
  if (nx->f.dateline) return single;
  if (nx->f.byline || nx->f.credit) return false;
  /* (after rows under rounds, over a paragraph: the listing's last round and its closing words,
   * 男子单打半决赛 | rows | 男子单打决赛 | 张伟 3:0 王磊 | 本次比赛共产生…, session 30; after rows
   * under no round, …结果如下： | rows | 女排世界杯决赛 | 中国队 3:1 巴西队 | 女排世界杯昨晚…, the
   * next story's kicker and title: review 31a N3) */
  if (!qg_feat_heading(&nx->f)) return listed;
  if (nx->f.section || single || k + 2 >= ss->n) return true;
  const qg_feat *af = &ss->w[k + 2].f;
  /* (the first of the two heading lines has a section's shape, section_line: two to four Han
   * characters, 城市新闻, or a page's name and its column's after a dot; a deck and a second
   * deck under a round and a score headline, 决赛 | 中国队 3:1 巴西队 | 朱婷独得二十五分 | 中国女排
   * 第十一次登上世界之巅 | lead, are that story's heading, whose round and score had gone into the
   * article above; review 31a2 F2, session 32); after rows under rounds, 半决赛 | row | 决赛 |
   * row | title | deck | 本报讯…, the round and its row close the listing whatever the heading
   * lines under them (review 32a R1) */
  return qg_feat_heading(af) && !af->dateline && !af->byline && !af->credit &&
         (ss->rounds >= (k ? 1u : 2u) || section_line(ss->w + k + 1, 0, 2, NULL, NULL));
}

/* Whether s[0..n) is a row of a schedule or a listing: it opens with a clock time (06:30 早安南溪,
 * 19:30-21:00 …) or with a day's date and a clock time (12月8日 19:30 民乐音乐会…). */
static bool schedule_at(const char *s, size_t n) {
  size_t d = qg_text_date_field(s, n);
  return qg_text_clock_lead(s + d, n - d) != 0;
}

/* …from b's first character past white space (first_of). */
static bool schedule_row(const qg_block *b) {
  size_t i = 0;
  return first_of(b, &i) && schedule_at(b->text.ptr + i, b->text.len - i);
}

/* Whether b is a price alone (票价80元, 票价：180元, 80元, 80-120元, 80、150元, 100元起): the
 * figures in ASCII or full width, 票价 and a colon before them or not, white space around. */
static bool price_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (n && qg_cp_is_space((unsigned char)s[n - 1])) n--;
  if (n < 4 || n > 60) return false;
  skip_blank(s, n, &i);
  if (n - i >= 6 && !memcmp(s + i, "票价", 6)) {
    i += 6;
    if (i < n && s[i] == ':') i++;
    else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3)) i += 3;
    skip_blank(s, n, &i);
  }
  if (n >= 3 && !memcmp(s + n - 3, "起", 3)) n -= 3;
  if (n - i < 4 || memcmp(s + n - 3, "元", 3)) return false;
  n -= 3;
  bool digit = false, sep = true;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_digit(c) >= 0) digit = true, sep = false;
    else if (!sep && (c == '-' || c == '/' || c == 0x3001 || c == 0xFF0D || c == 0xFF0F || c == '~' ||
                      c == 0xFF5E))
      sep = true;
    else
      return false;
  }
  return digit && !sep;
}

/* Whether the heading group w[0..k) ends with a schedule's first heading, a venue's or a
 * channel's (电视节目 | 12月7日 星期一 | 南溪综合频道 | 06:30 早安南溪, 文化生活 | 本周演出信息 |
 * 南溪大剧院 | 12月8日 19:30 …): a short line without marks that is no date, section or row,
 * right over a schedule's row (schedule_row), under a line of the group that is no section,
 * listed or by its shape (section_line: the page's headline), with no body text in the open
 * article. That line is the listing's first heading, a subhead as the next venue's or
 * channel's is, and the line over it the title (session 46, probe 46 M3: the channel was the
 * title and the date its kicker, the next channel a subhead). */
static bool schedule_head(const struct_stage *ss, size_t k) {
  if (k < 2 || k >= ss->n || ss->has_body || ss->ended || !schedule_row(ss->w[k].b)) return false;
  const held *v = &ss->w[k - 1];
  if (v->f.chars > 12 || v->f.end != QG_END_NONE || v->f.commas || v->f.section ||
      v->f.subtitle || v->f.byline || date_like(v) || schedule_row(v->b))
    return false;
  /* (a section by its shape too, section_line: 今晚荧屏 | 城市频道 | 19:00 城市新闻 keeps the
   * channel for its title under the page's section, s16-rows P5) */
  for (size_t i = 0; i + 1 < k; i++)
    if (!ss->w[i].f.subtitle && !section_line(ss->w, i, k, &ss->w[k], NULL)) return true;
  return false;
}

/* Whether the result row at k of the window, under a round's heading, opens a listing of two
 * rounds or more under a headline with no body text yet (乒乓球比赛结果 | 半决赛 | 张伟 3:1 李强 |
 * 决赛 | 张伟 3:0 王磊 | …): at k == 1 the headline was emitted (a title), further down the lines
 * over the round's heading are the headline. Every line had been a kicker (review 32a2 f05). */
static bool listing_head(const struct_stage *ss, size_t k) {
  if (schedule_head(ss, k)) return true;
  /* (the headline: a line that is no section, over no round or row; a section alone over the
   * rounds, 体育 | 第一轮 | row | 第二轮 | row | 本报讯…, is left as it was) */
  bool head = k == 1 && ss->has_title;
  for (size_t i = 0; k > 1 && i + 1 < k; i++) {
    if (round_head(&ss->w[i]) || score_row(ss->w[i].b)) return false;
    head = head || !ss->w[i].f.section;
  }
  return head && !ss->has_body && !ss->ended && k + 2 < ss->n &&
         round_head(&ss->w[k - 1]) && score_row(ss->w[k].b) && round_head(&ss->w[k + 1]) &&
         score_row(ss->w[k + 2].b);
}

/* Whether b is the heading of an answer key: two to twelve Han characters, a colon after them
 * or not, that are 答案 alone or end with an exercise's word and 答案 (参考答案, 单元练习答案,
 * 期中测验参考答案, 试题答案). Not any 答案 (乡村振兴的青溪答案 is a feature's title, its numbered
 * subheads its own). The numbered or lettered lines under it are its items (key_item; session
 * 48, review 47 L4). Not a reading list's heading (…书目): as body text its items
 * (A.《城南旧事》　林海音著) would lose the gap after 》 to punct-space, correct copy changed. */
static bool key_head(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  /* (at most twelve characters, a colon and white space; the last byte one of 案 ： : or white
   * space: most blocks are let go here, emit asks every block. Twenty was tried in session 49,
   * review 48 P2, and taken back: review 49 M1, a feature titled …参考答案 lost its first
   * numbered subhead to body text) */
  if (n < 6 || n > 42) return false;
  unsigned char z = (unsigned char)s[n - 1];
  if (z != 0x88 && z != 0x9A && z != ':' && z != ' ' && z != '\t') return false;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n >= 3 && !memcmp(s + n - 3, "\xEF\xBC\x9A", 3)) n -= 3; /* ： */
  else if (n && s[n - 1] == ':') n--;
  if (n < 6 || n > 36) return false;
  static const char *const keys[] = {"参考答案", "练习答案", "测验答案", "试题答案", "试卷答案",
                                     "习题答案", "作业答案", NULL};
  if (!(n == 6 && !memcmp(s, "答案", 6)) && !tail_is(s, n, keys)) return false;
  while (i < n)
    if (!qg_cp_is_han(qg_utf8_next(s, n, &i))) return false;
  return true;
}

/* Whether b opens as an item of an answer key: one or two figures or a capital Latin letter,
 * then . ． or 、 (11.毫米, 12.20；12, A.氧气), or a figure or two in brackets ((1) （2）). */
static bool key_item(const qg_block *b) {
  const unsigned char *s = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n >= 3 && !memcmp(s, "\xEF\xBC\x88", 3)) i = 3; /* （ */
  else if (n && s[0] == '(') i = 1;
  if (i) {
    size_t d = i;
    while (i < n && i < d + 2 && (unsigned)(s[i] - '0') < 10u) i++;
    return i > d && i < n && (s[i] == ')' || (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x89", 3)));
  }
  if (n && (unsigned)(s[0] - 'A') < 26u) i = 1;
  else while (i < n && i < 2 && (unsigned)(s[i] - '0') < 10u) i++;
  if (!i || i >= n) return false;
  return s[i] == '.' || (n - i >= 3 && (!memcmp(s + i, "\xEF\xBC\x8E", 3) || /* ． */
                                       !memcmp(s + i, "\xE3\x80\x81", 3))); /* 、 */
}

/* Whether the held line k stands under an answer key's heading (key_head),
 * with only its items (key_item) and numbered headings (一、选择题) between, held or emitted
 * (key_list). */
static bool key_under(const struct_stage *ss, size_t k) {
  for (size_t j = k; j-- > 0;) {
    const held *h = &ss->w[j];
    if (key_head(h->b)) return true;
    if (!key_item(h->b) && !numbered_head(h)) return false;
  }
  return ss->key_list;
}

/* Whether an exam's run (exam_step) may be open above the held line k: an option or a
 * question on one of the two lines above it (the second: under an option's or a stem's rest),
 * or, above the held lines, the emitted blocks' run (ss->exam_run). */
static bool exam_near(const struct_stage *ss, size_t k) {
  unsigned l, num;
  for (size_t d = 1; d <= 2; d++) {
    if (k < d) return ss->exam_run.letter != 0;
    const qg_block *p = ss->w[k - d].b;
    if (option_letters(p, &l) || question_num(p, &num)) return true;
  }
  return false;
}

static bool body_line(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  const qg_block *b = h->b;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  uint32_t c = first_of(b, &i);
  /* an ornament and a name under a line that ends with a colon (居民们说： | □ 张强): the speaker
   * of what follows or a line of the quote, body text with its ornament, no columnist's byline
   * (session 26: the colon line was the title, the name a byline, its □ dropped) */
  if (h->f.ornament && (k ? ss->w[k - 1].f.end == QG_END_COLON : ss->colon_end) && columnist_line(h))
    return true;
  if (c == 0x7B2C && law_label(b) == 0x6761) return true;
  /* an editor's note in brackets after body text, a sentence in it (（节目如有变动，以电视台播出为
   * 准） under a listing): the article's last paragraph; it was the next article's kicker
   * (session 29, the lead). Only right after the body text (the first line held): under a
   * title, （本报记者 王强，实习生 李明） is its byline or subtitle; not a byline, credit or caption
   * in brackets, nor a jump note. */
  if ((c == 0xFF08 || c == '(') && k == 0 && ss->has_body && !ss->ended && !h->f.byline && !h->f.credit &&
      !h->f.caption && !h->f.author && bracket_sentence(b) && !qg_text_is_jump(s, n))
    return true;
  /* an exam's question or options (1．下列各数中，最小的数是（　　）, A．-3　　B．0): body text,
   * no subhead or title (probe 22 M6) */
  if (c - '0' < 10u && exam_line(b, false)) return true;
  /* (and in an exam's section any line that opens with the next item's number, one under the
   * section's heading: 1.一根绳子长, an item cut before its question ends, was a subhead;
   * session 28, review 27b L2) */
  if (c - '0' < 10u && (k ? exam_section(ss->w[k - 1].b) : ss->exam)) {
    unsigned num = 0;
    if (qg_text_exam_item(s, n, false, &num) &&
        (k || ss->exam_head ? num == 1 : ss->item_prev && num == ss->item_prev + 1))
      return true;
  }
  /* an item of an answer key under its heading (参考答案 | 二、填空题 | 11.毫米 | 12.20；12): body
   * text, never a kicker, title or subhead; a layout system made a headline of an answer
   * (session 48, review 47 L4); not over a dateline paragraph, whose headline it is
   * (参考答案 | 1.B | 2.A | 3.冬季用电要注意哪些事项 | 本报讯…: review 48 R5) */
  if ((c - '0' < 10u || c - 'A' < 26u || c == 0xFF08 || c == '(') && key_item(b) &&
      !(k + 1 < ss->n && ss->w[k + 1].f.dateline) && key_under(ss, k))
    return true;
  /* a short numbered list's item under a story's colon line (排名前三的是： | 1.看病就医 |
   * 2.孩子上学): body text (colon_list_at; session 49, review 48 P6) */
  if (c - '0' < 10u && ss->has_body && !ss->ended && h->f.chars <= 20 &&
      h->f.end == QG_END_NONE && colon_list_at(ss, k))
    return true;
  /* an exam's options one a line under their question, and the next question under them
   * (exam_step over the held lines from the state after the emitted blocks; session 49,
   * review 48 P1) */
  unsigned e1 = 0, e2 = 0;
  /* (only near a run: an option or a question on one of the two lines above, or the emitted
   * blocks' run still open; or a question with option A under it) */
  if (exam_near(ss, k) || (c - '0' < 10u && question_num(b, &e2) && k + 1 < ss->n &&
                           option_letters(ss->w[k + 1].b, &e1) == 'A')) {
    struct exam_run r = ss->exam_run;
    for (size_t j = 0; j < k; j++) /* (as body_line decided each, with the lines under it) */
      exam_step(&r, ss->w[j].b, ss->w[j + 1].b, j + 2 < ss->n ? ss->w[j + 2].b : NULL);
    if (exam_step(&r, b, k + 1 < ss->n ? ss->w[k + 1].b : NULL, k + 2 < ss->n ? ss->w[k + 2].b : NULL))
      return true;
  }
  /* a letter's greeting under its salutation (您好！): body text (probe 22 M6) */
  if ((c == 0x60A8 || c == 0x4F60) && greeting(b)) return true;
  /* a list item led by a bullet (- 太美了吧, - 666), a line of verse or lyrics the paragraph
   * stage put out on its own, and a line it found in a run of its kind (own_line: a 句 of
   * classical verse, 西湖歌舞几时休？, a glossary's row): body text, never a kicker, title,
   * subtitle or subhead (probe 20 M6) */
  if (b->lead == QG_LEAD_ITEM || b->own_line || (b->lead == QG_LEAD_VERSE && verse_at(ss, k)))
    return true;
  /* (a line of a poem under its byline: session 27) */
  if (ss->poem && poem_line(ss, k)) return true;
  /* (a line that kept its indent is program code, chars.c's code_line: total = 0 was a kicker,
   * print(total) a title; probe 20 L7) */
  if (n && (s[0] == ' ' || s[0] == '\t')) return true;
  /* (and so is a line that reads as code without an indent, x = 1 | print(x + y): kickers and
   * a title before; session 22) */
  if (n && (unsigned char)s[0] < 0x80 && qg_text_code_line(s, n, 0)) return true;
  /* (a table's unit, an almanac's lines, a contact line, a formula, a notice's closing formula
   * with no mark after it, 特此讣告: session 24) */
  if (c == 0xFF08 || c == '(' || (qg_cp_is_han(c) && c != 0x7279 /*特*/)) {
    if (unit_line(b) || almanac_line(b) || under_unit(ss, k)) return true;
    /* (a contact line alone: beside other field lines the rule for a run of fields decides,
     * 媒体联系人：李女士 | 电话：… | 邮箱：…, probe 11a F14) */
    if (contact_line(b) && !(k && label_value(ss->w[k - 1].b)) &&
        !(k + 1 < ss->n && label_value(ss->w[k + 1].b)))
      return true;
  } else if (c == 0x7279 /*特*/) {
    if (ss->has_body && closing_formula(b)) return true;
  } else if ((c | 0x20) - 'a' < 26u && qg_text_contact_line(s, n) &&
             !(k && label_value(ss->w[k - 1].b)) && !(k + 1 < ss->n && label_value(ss->w[k + 1].b))) {
    return true; /* (a contact line with a Latin label, Tel: 0571-…, E-mail：…; session 26) */
  } else if (c && formula_line(b)) {
    return true;
  }
  /* a line ending with a colon over a list's first item (主要措施如下： | 1. …, 注意事项： | - …,
   * 步骤： | （1）…): a body paragraph introducing the list, no subhead (session 22); a sidebar's
   * label (小贴士：) and a numbered heading (一、主要做法：) are left as they were */
  if (h->f.end == QG_END_COLON && !h->f.sidebar && !h->f.subhead_num && k + 1 < ss->n &&
      (list_first(&ss->w[k + 1]) || formula_line(ss->w[k + 1].b) || spec_list_at(ss, k + 1)))
    return true; /* (or a spec list's first row, 主要配置如下： | 处理器 锐龙7 8845H: session 29) */
  /* a form's row of two or more fields after body text (媒体联系人：李女士　联系电话：…): the
   * article's end matter, as two field lines are (probe 11a F14), no subhead (session 22) */
  if (ss->has_body && !ss->ended && h->f.end != QG_END_COLON && field_row(b)) return true;
  if (conversation_at(ss, k)) return true;
  /* 9:30 开幕式, 19:00 新闻联播, 7:00-9:00 北京新闻 (probe 12b); 19：00 新闻联播 too, as this stage
   * sees it before the number stage makes the colon ASCII (probe 17 P5) */
  /* (and a listing's row of a day and a time, 12月8日 19:30 民乐音乐会, schedule_row: session 46,
   * a free show's row, 11月21日 15:00 相声专场 免费, was the title of a new article) */
  if (qg_cp_digit(c) >= 0 && schedule_at(s + i, n - i)) return true; /* (schedule_row) */
  /* (and a row's price cut onto a line of its own under it, 12月8日 19:30 话剧《老街》 | 票价80元:
   * the row's rest, body text; it was a subhead, and the next one over a venue the kicker of a
   * new article in the middle of the listing: session 46, review 46 L5) */
  if (price_line(b) && (k ? schedule_row(ss->w[k - 1].b) : ss->sched_row))
    return true;
  if (ss->has_body && !ss->ended && letter_closing(b)) return true;
  /* (the 版记's 印发 line after body text: the document's end matter; session 23) */
  if (ss->has_body && c != 0x7B2C && issued_line(b)) return true;
  /* a letter's salutation (尊敬的读者：): the letter's first line, never its title or a subhead
   * (review 17 H3) */
  if (h->f.end == QG_END_COLON && qg_text_is_salutation(s, n)) return true;
  if (k == 0 && ss->last_stop && !ss->ended && attribution(b, &h->f)) return true;
  if (index_entry_at(ss, k)) return true; /* (probe 17 P12) */
  /* a draw's result beside a table's row or another such line (红球：03 08 15 22 27 31 | 蓝球：09,
   * 福彩3D第2026318期：5 8 2 | 排列3第26318期：1 0 7; probe 17 P11) */
  if (h->lf && ((k ? ss->w[k - 1].lf || ss->w[k - 1].f.table : ss->row_lf) ||
                (k + 1 < ss->n && (ss->w[k + 1].lf || ss->w[k + 1].f.table))))
    return true;
  /* a row of cells between bars beside another with as many (项目︱数量︱单价 | 苹果︱3斤︱5元): the
   * rows of a table, not kickers and a title */
  if (h->bars >= 2 && ((k ? ss->w[k - 1].bars : ss->row_bars) == h->bars ||
                       (k + 1 < ss->n && ss->w[k + 1].bars == h->bars)))
    return true;
  /* (and between TABs: 项目	金额 | 办公	3400, a table of two columns whose rows the paragraph
   * stage keeps apart since session 19; they were a heading group's kickers and title) */
  if (h->tabs >= 1 && ((k ? ss->w[k - 1].tabs : ss->row_tabs) == h->tabs ||
                       (k + 1 < ss->n && ss->w[k + 1].tabs == h->tabs)))
    return true;
  /* (rows of a table of few columns and their column names: body text, and, marked a table's
   * rows, left alone by dedup, as a table's are: two score tables share rows; probe 26 M6) */
  /* (a match's result row under its round's heading, 第一轮 | 张伟 3:1 李强: session 30) */
  if (qg_cp_is_han(c) && (score_listing(ss, k) || listing_head(ss, k))) return true;
  if (data_row_at(ss, k)) {
    h->b->table_row = true;
    return true;
  }
  if (spaced_table(ss, k)) return true;
  if (spec_list_at(ss, k)) return true;
  if (class_entry(b) && class_list(ss, k)) return true;
  if (ss->has_body && h->f.end == QG_END_NONE && qg_cp_is_han(c) && label_names(b)) return true;
  if (h->salute || header_row(ss, k) || table_row_at(ss, k) ||
      (h->f.non_han >= 2 && checkbox_line(b)))
    return true;
  bool quote = c == 0x201C || c == 0x300C || c == '"';
  if (quote && k == 0 && ss->quote_open) return true;
  if (!ss->has_body || !speech_line(b, &h->f)) return false;
  /* a quoted headline (引语标题) over a byline: the strongest headline signal there is (review
   * 10 R8: “我们一定能赢！” became the last paragraph of the article before, and the next
   * article lost its title). Not over a dateline paragraph alone: a closing quotation
   * (“这下好了！”) before an untitled brief (本报讯…) then became the brief's title (review 10b
   * A4); such a quoted headline stays a paragraph, a known limit (docs/structure.md) */
  const held *nx = k + 1 < ss->n ? &ss->w[k + 1] : NULL;
  return !(nx && nx->f.byline);
}

/* Whether b is a notice's closing formula (特此公告。 特此通知。 特此函告 …): the issuer and the
 * date under it are the notice's signature (probe 11a F13). */
static bool closing_formula(const qg_block *b) {
  return qg_text_closing_formula(b->text.ptr, b->text.len);
}

/* Whether h reads as a date alone (2025年3月28日, 二〇二五年三月二十八日, 2025 年 3 月 28 日
 * 星期五): at most 16 characters, 年 and 日 or 号 in it, no clause or sentence mark, and
 * nothing but figures (ASCII, full-width, Han numerals), 年 月 日 号, white space and a
 * weekday (星期五, 周五, brackets around it) — a headline holding a date (2025年新规3月1日起施行)
 * is none (review 11 C7). */
static bool date_like(const held *h) {
  const char *t = h->b->text.ptr;
  if (!(h->f.chars <= 16 && !h->f.commas && !h->f.stops && strstr(t, "年") &&
        (strstr(t, "日") || strstr(t, "号"))))
    return false;
  size_t n = h->b->text.len, i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(t, n, &i);
    if (qg_cp_is_space(c) || (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ||
        c == 0x5E74 /*年*/ || c == 0x6708 /*月*/ || c == 0x65E5 /*日*/ || c == 0x53F7 /*号*/ ||
        c == 0x3007 /*〇*/ || c == 0x96F6 /*零*/ || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 ||
        c == 0x56DB || c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B ||
        c == 0x4E5D || c == 0x5341 /*一…十*/ || c == 0x661F || c == 0x671F /*星期*/ ||
        c == 0x5468 /*周*/ || c == 0x5929 /*天*/ || c == '(' || c == ')' || c == 0xFF08 ||
        c == 0xFF09)
      continue;
    return false;
  }
  return true;
}

/* The figures (ASCII or full-width) at s[*i..n), at most max, as a number; *d their count. */
static unsigned figures_at(const char *s, size_t n, size_t *i, unsigned max, unsigned *d) {
  unsigned v = 0;
  *d = 0;
  while (*i < n && *d < max) {
    size_t j = *i;
    uint32_t c = qg_utf8_next(s, n, &j);
    if (c >= 0xFF10 && c <= 0xFF19) c -= 0xFF10 - '0';
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0'), (*d)++, *i = j;
  }
  return v;
}

/* Whether h is a signature's date that date_like does not read (session 47, review 46b L2): a
 * date in figures alone with one separator, . － - / ．, between year, month and day (2026.12.5,
 * 2026-12-05, 2026/12/5; a year of 1800 to 2199, a month of 1 to 12, a day of 1 to 31), or a
 * year and a month alone (2026年12月, 二〇二六年十二月). Only under an issuer: alone it is what
 * it was (a kicker, a title). */
static bool num_date(const held *h) {
  const char *s = h->b->text.ptr;
  size_t n = h->b->text.len, i = 0;
  if (h->f.chars < 6 || h->f.chars > 12 || h->f.commas) return false;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  skip_blank(s, n, &i);
  unsigned d = 0, y = figures_at(s, n, &i, 4, &d);
  if (d == 4) {
    if (y < 1800 || y > 2199 || i >= n) return false;
    size_t j = i;
    uint32_t sep = qg_utf8_next(s, n, &j);
    if (sep == 0x5E74 /*年*/) {
      unsigned m = figures_at(s, n, &j, 2, &d);
      return d && m >= 1 && m <= 12 && n - j == 3 && !memcmp(s + j, "月", 3);
    }
    if (sep != '.' && sep != '-' && sep != '/' && sep != 0xFF0E && sep != 0xFF0D && sep != 0xFF0F)
      return false;
    unsigned m = figures_at(s, n, &j, 2, &d);
    if (!d || m < 1 || m > 12 || j >= n) return false;
    size_t k = j;
    if (qg_utf8_next(s, n, &k) != sep) return false;
    unsigned day = figures_at(s, n, &k, 2, &d);
    return d && day >= 1 && day <= 31 && k == n;
  }
  /* (a year and a month in Han numerals: 二〇二六年十二月) */
  if (d) return false;
  if (date_numerals(s, n, &i) != 4 || n - i < 3 || memcmp(s + i, "年", 3)) return false;
  i += 3;
  unsigned m = date_numerals(s, n, &i);
  return m >= 1 && m <= 3 && n - i == 3 && !memcmp(s + i, "月", 3);
}

/* Whether the held block k is a signature's date by num_date under a body's name (the block
 * above it: issuer_line ISSUER_BODY), 青溪市交通运输局 | 2026.12.5 (session 47). */
static bool sign_date(const struct_stage *ss, size_t k) {
  return k && k < ss->n && num_date(&ss->w[k]) &&
         (issuer_line(&ss->w[k - 1]) == ISSUER_BODY || dept_line(&ss->w[k - 1]) == 2);
}

/* Whether the bytes w (UTF-8, NUL-terminated) occur in t[0..n). */
static bool in_text(const char *t, size_t n, const char *w, size_t k) {
  for (size_t i = 0; i + k <= n; i++)
    if (t[i] == w[0] && !memcmp(t + i, w, k)) return true;
  return false;
}

/* Whether h is a date and a 公文's note in brackets after it, on one line (二〇二四年三月五日
 * （此件公开发布）: the date at most 16 characters of date_like's, the note one to twelve Han
 * characters): the date of a signature at a document's end, as the two on two lines are
 * (session 23, probe 22 M6: it was the title of a second article, the issuer its kicker). */
static bool date_noted(const held *h) {
  const char *t = h->b->text.ptr;
  size_t n = h->b->text.len;
  while (n && qg_cp_is_space((unsigned char)t[n - 1])) n--;
  if (n < 12 || n > 96 || memcmp(t + n - 3, "\xEF\xBC\x89", 3)) return false; /* ） */
  size_t o = n - 3;
  int han = 0;
  while (o > 0) {
    size_t p = qg_utf8_prev(t, o), i = p;
    uint32_t c = qg_utf8_next(t, o, &i);
    if (c == 0xFF08) break;
    if (!qg_cp_is_han(c) || ++han > 12) return false;
    o = p;
  }
  if (!o || han < 2 || memcmp(t + o, "此", 3)) return false; /* (此件公开发布, 此页无正文) */
  o = qg_utf8_prev(t, o); /* the （ */
  held d = *h;
  qg_block b = *h->b;
  b.text.len = o;
  d.b = &b;
  uint32_t chars = 0;
  for (size_t i = 0; i < o;) chars += !qg_cp_is_space(qg_utf8_next(t, o, &i));
  d.f.chars = chars;
  d.f.commas = d.f.stops = 0;
  d.f.num_comma = false;
  return chars >= 5 && in_text(t, o, "年", 3) && (in_text(t, o, "日", 3) || in_text(t, o, "号", 3)) &&
         date_like(&d);
}

/* Whether b opens with the 版记's 抄送 or 抄报 and a colon (抄送：市委各部门。). */
static bool copy_to(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  return n >= 9 && (!memcmp(t, "抄送", 6) || !memcmp(t, "抄报", 6)) &&
         (t[6] == ':' || !memcmp(t + 6, "\xEF\xBC\x9A", 3));
}

/* Whether b is the 版记's line of the issuing office and date (国务院办公厅秘书局　　2024年3月5日
 * 印发): a name, white space, a date and 印发, at most 48 characters. The document's end matter,
 * body text (session 23: it was a subhead). */
static bool issued_line(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  while (n && qg_cp_is_space((unsigned char)t[n - 1])) n--;
  if (n < 24 || n > 144 || memcmp(t + n - 6, "印发", 6)) return false;
  bool space = memchr(t, ' ', n) || in_text(t, n, "\xE3\x80\x80", 3);
  return space && in_text(t, n, "年", 3) && in_text(t, n, "月", 3) && in_text(t, n, "日", 3);
}

/* Whether b is the 印发 line of a 公文's 版记 set without white space, or its date and 印发 alone
 * (东湖市教育局办公室2024年3月5日印发, 2024年3月5日印发): 印发 last, 年 月 日 in it, at most 48
 * characters (review 23 H3). */
static bool printed_line(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  while (n && qg_cp_is_space((unsigned char)t[n - 1])) n--;
  if (n < 18 || n > 144 || memcmp(t + n - 6, "印发", 6)) return false;
  return in_text(t, n, "年", 3) && in_text(t, n, "月", 3) && in_text(t, n, "日", 3);
}

/* Whether b opens a 公文's end matter with no signature over it: an attachment's lead (附件：
 * 附件1), 抄送：… or the 印发 line (session 24). */
static bool attach_colon(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  if (copy_to(b) || issued_line(b) || printed_line(b)) return true;
  /* (附： alone is no lead here: a news sidebar's 附：相关链接 over its title became the article's
   * p: review 24 L1; under a signature it still is, end_matter_lead) */
  if (n < 7 || memcmp(t, "附件", 6)) return false;
  return (unsigned)(t[6] - '0') < 10u || colon_len(t, n, 6);
}

static bool end_matter_lead(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  return (n >= 6 && (!memcmp(t, "附件", 6) || !memcmp(t, "附：", 6))) || copy_to(b) ||
         issued_line(b) || printed_line(b);
}

/* How h reads as the issuer of a signature over body text (review 16 R2): ISSUER_BODY a body's
 * name (孙德厚同志治丧小组, 东湖市人民政府办公室, 某某公司董事会, 东湖市教育局 with a place in it, 敬上
 * or 谨上 after a name), ISSUER_ROLE a role and a name of two to four (读者 刘秀芝, 市民 周晓梅: the
 * role one of signer_roles), ISSUER_NAME a person's name alone, two or three Han characters
 * (张桂兰), or a word and a name (李家 张桂兰), else 0. A headline over a date (市政府召开常务会议)
 * is none. */
static int issuer_line(const held *h) {
  const qg_block *b = h->b;
  /* (a role before a name: the writer of a letter to the paper, of a thank-you note) */
  static const char *const signer_roles[] = {"读者", "讀者", "市民", "村民", "居民", "家长",
                                             "家長", "患者", "网友", "網友", "职工", "職工",
                                             "学生", "學生", "作者", NULL};
  if (h->f.chars > 24 || h->f.end != QG_END_NONE || h->f.commas || has_colon(b)) return 0;
  if (qg_block_ends_with_any(b, issuer_bodies)) return ISSUER_BODY;
  if (qg_block_ends_with_any(b, issuer_offices) && h->f.chars <= 16 &&
      (strstr(b->text.ptr, "市") || strstr(b->text.ptr, "省") || strstr(b->text.ptr, "县") ||
       strstr(b->text.ptr, "区")))
    return ISSUER_BODY;
  /* a person: [word white space] name */
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0, first_end = 0;
  unsigned run = 0, runs = 0, last = 0;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c) || c == 0xB7 /*·*/) {
      run++;
      continue;
    }
    if (!qg_cp_is_space(c)) return 0;
    if (run && !runs++) first_end = at;
    if (run) last = run;
    run = 0;
  }
  if (run) runs++, last = run;
  if (runs == 1 && last >= 2 && last <= 3) return ISSUER_NAME;
  if (runs != 2 || last < 2 || last > 4) return 0;
  size_t a = 0;
  while (a < first_end && qg_cp_is_space((unsigned char)s[a])) a++;
  for (int r = 0; signer_roles[r]; r++)
    if (first_end - a == strlen(signer_roles[r]) && !memcmp(s + a, signer_roles[r], first_end - a))
      return ISSUER_ROLE;
  return ISSUER_NAME;
}

/* How h reads as a department's name (session 48): a line of 3 to 16 Han characters alone, with
 * no cue of another kind, that ends with 部 处 科 办公室 中心 (處 辦公室) after two characters or
 * more: a body's part no cue names as an issuing body (文体部, 市总工会文体部). 2: the part
 * before the suffix names a body by its shape (a place's 市 省 县 区 in it, or 会 局 委 厅 at its
 * end: 市总工会文体部, 青溪市教育局办公室), 1: it does not (文体部, 宣传中心), 0: none. Such a line
 * signs a notice under its closing formula (step). */
/* The length of h's text without trailing white space when it is a line of 3 to 16 Han
 * characters alone (no mark, figure or Latin) with no cue of a section, subtitle or notice, no
 * comma and no end mark, at most 64 bytes; 0 otherwise (dept_line, body_shaped). */
static size_t han_name_line(const held *h) {
  const qg_feat *f = &h->f;
  const char *s = h->b->text.ptr;
  size_t n = h->b->text.len;
  if (f->chars < 3 || f->chars > 16 || f->end != QG_END_NONE || f->commas || f->section ||
      f->subtitle || f->notice || n > 64)
    return 0;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  for (size_t i = 0; i < n;)
    if (!qg_cp_is_han(qg_utf8_next(s, n, &i))) return 0;
  return n;
}

/* Whether s[0..n) names a body by its shape: a place's 市 省 县 区 in it, or 会 局 委 厅 at its
 * end (青溪市总工会, 市总工会). */
static bool body_name(const char *s, size_t n) {
  static const char *const places[] = {"市", "省", "县", "縣", "区", "區", NULL};
  static const char *const bodies[] = {"会", "會", "局", "委", "厅", "廳", NULL};
  for (int p = 0; places[p]; p++)
    if (in_text(s, n, places[p], 3)) return true;
  return tail_is(s, n, bodies);
}

static int dept_line(const held *h) {
  static const char *const parts[] = {"办公室", "辦公室", "中心", "部", "处", "處", "科", NULL};
  const qg_feat *f = &h->f;
  if (f->byline || f->dateline || f->ornament) return 0;
  size_t n = han_name_line(h);
  const char *s = h->b->text.ptr;
  for (int k = 0; n && parts[k]; k++) {
    size_t m = strlen(parts[k]);
    if (n < m + 6 || memcmp(s + n - m, parts[k], m)) continue;
    return body_name(s, n - m) ? 2 : 1; /* (the part before the suffix) */
  }
  return 0;
}

/* Whether h reads as a body's name a department's line signs under (session 48): issuer_line's
 * body, or a line of 3 to 16 Han characters alone that names a body by its shape (body_name:
 * 青溪市总工会). */
static bool body_shaped(const held *h) {
  if (issuer_line(h) == ISSUER_BODY) return true;
  size_t n = han_name_line(h);
  return n && body_name(h->b->text.ptr, n);
}

/* Whether b opens with a field's label and a colon and goes on after it (电话：010-12345678,
 * 媒体联系人：李女士, 邮箱：…): one to six Han characters, then ： or :, then text: 0 no, 1
 * yes, 2 yes and the value opens with an ASCII letter or digit (a number, an address). */
static int label_value(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (!qg_text_label(s, n, 6, &i)) return 0;
  while (i < n && qg_cp_is_space((unsigned char)s[i])) i++;
  if (i >= n) return 0;
  unsigned char v = (unsigned char)s[i];
  return (v >= '0' && v <= '9') || ((v | 0x20) >= 'a' && (v | 0x20) <= 'z') ? 2 : 1;
}

/* Whether b opens with word (UTF-8, k bytes), white space before it aside: the offset past it,
 * or 0. */
static size_t opens_with(const qg_block *b, const char *word, size_t k) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return n - i >= k && !memcmp(s + i, word, k) ? i + k : 0;
}

/* An editor's note (编者按：今年以来…, 【编者按】…): 1 the label alone (编者按, 编者按：, 【编者按】),
 * 2 the label, a colon or its closing bracket, and the note, 0 none. It introduces the item
 * under it and goes with it, not with the article above (probe 17 P16). */
static int editor_note(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = opens_with(b, "\xE3\x80\x90", 3); /* 【 */
  bool br = i > 0;
  if (!br) i = opens_with(b, "", 0);
  size_t k = 0;
  if (n - i >= 9 && (!memcmp(s + i, "编者按", 9) || !memcmp(s + i, "編者按", 9))) k = i + 9;
  if (!k) return 0;
  bool sep = false;
  if (br) {
    if (n - k < 3 || memcmp(s + k, "\xE3\x80\x91", 3)) return 0; /* 】 */
    k += 3, sep = true;
  }
  while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
  if (k < n && s[k] == ':') k++, sep = true;
  else if (n - k >= 3 && !memcmp(s + k, "\xEF\xBC\x9A", 3)) k += 3, sep = true; /* ： */
  while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
  return k >= n ? 1 : sep ? 2 : 0;
}

/* A correction (更正：本报11月28日第2版…特此更正。): 更正 (更正启事, 更正声明) and a colon open it. An
 * item of its own, not the end of the article above it (probe 17 P16). */
static bool correction(const qg_block *b) {
  size_t i = opens_with(b, "更正", 6);
  if (!i) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n - i >= 6 && (!memcmp(s + i, "启事", 6) || !memcmp(s + i, "声明", 6))) i += 6;
  return (i < n && s[i] == ':') || (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x9A", 3));
}

/* Classifies one block that is not a display line; splits may emit extra blocks after it
 * (returned in extra[], NULL where none, in order: the last one is the block's former end). */
static int classify_one(struct_stage *ss, held *h, const held *next,
                        qg_block *extra[QG_STRUCT_EXTRA]) {
  qg_block *b = h->b;
  const qg_feat *f = &h->f;
  for (size_t i = 0; i < QG_STRUCT_EXTRA; i++) extra[i] = NULL;
  if (f->byline) {
    /* a byline after the body (文·图/本报记者 王五) stays in its article, as before; the
     * editor's line (责任编辑：赵六) after the body belongs to the article, also one an author
     * tag or another credit ended, and ends it (probe 9 F30) */
    bool editor = (editor_line(b) || (ss->done_end && plain_editor_line(b))) && ss->article &&
                  ss->has_body;
    if (!editor && (!ss->article || ss->ended)) new_article(ss);
    b->kind = QG_KIND_BYLINE;
    /* (the page's editor line, at the foot of a page, is page furniture: the paragraphs after
     * it, the next page's, go on with the article unless a heading, a dateline or a byline
     * opens the next; session 41, probe 40: they opened an article with no title) */
    if (editor && !ss->ended && page_editor_line(b)) ss->page_end = true;
    if (editor) ss->ended = true;
    if (f->ornament) {
      qg_edit_begin(&ss->ed, ss->base.ctx, b);
      int rc = qg_edit_replace(&ss->ed, 0, f->ornament, "", 0, "struct-ornament",
                               "ornament before the byline dropped");
      if (!rc) rc = qg_edit_end(&ss->ed);
      if (rc) return rc;
    }
    return 0;
  }
  if (f->credit) {
    if (!ss->article || ss->ended) new_article(ss);
    b->kind = QG_KIND_CREDIT;
    if (ss->photo_open) ss->ended = true;
    ss->photo_open = false;
    if (f->credit_keep.keep_off == 0 && f->credit_keep.keep_len == b->text.len) return 0;
    return keep_only(ss, b, 0, f->credit_keep.keep_off, f->credit_keep.keep_len,
                     "struct-credit", "brackets dropped from the photo credit");
  }
  if (f->author && ss->article && ss->has_body) { /* （姓名） on its own line */
    b->kind = QG_KIND_AUTHOR;
    ss->ended = true;
    return keep_only(ss, b, 0, f->author_keep.keep_off, f->author_keep.keep_len,
                     "struct-author", "brackets dropped from the author tag");
  }
  bool has_credit = f->credit_tail.at != SIZE_MAX || (next && next->f.credit);
  if (f->caption || has_credit || h->grouped) {
    bool item = !h->grouped && photo_item(h, next);
    if (!ss->article || ss->ended || (item && ss->has_body)) new_article(ss);
    b->kind = QG_KIND_CAPTION;
    if (item) ss->photo_open = true;
    /* (a photo group's captions are the group item's text, as they were as paragraphs: a
     * heading group after them opens the next item) */
    if (h->grouped) ss->has_body = true;
    /* a credit at the end is split off; so is one before it (two credits, 周敏 摄（新华社发）):
     * the caption left holds none, or a second run would split it */
    qg_tail tail = f->credit_tail;
    size_t k = 0;
    while (tail.at != SIZE_MAX && k < QG_STRUCT_EXTRA) {
      /* the credit's own text is kept: anything more in the tail was brackets (or the space
       * before an unbracketed credit) */
      const char *t = b->text.ptr + tail.at;
      while (*t == ' ' || *t == '\t') t++;
      bool bracketed = *t == '(' || !strncmp(t, "\xEF\xBC\x88", 3); /* ( or （ */
      int rc = split_tail(ss, b, &tail, QG_KIND_CREDIT, "struct-credit",
                          bracketed ? "photo credit split off the caption (brackets dropped)"
                                    : "photo credit split off the caption",
                          &extra[QG_STRUCT_EXTRA - 1 - k]);
      if (rc) return rc;
      k++;
      if (ss->photo_open) ss->ended = true;
      ss->photo_open = false;
      qg_feat g;
      qg_cues_measure(ss->cues, b, &g);
      tail = g.credit_tail;
      if (g.credit) { /* what is left is a credit itself: (本报记者 林晓燕 摄)(…摄) */
        b->kind = QG_KIND_CREDIT;
        if (g.credit_keep.keep_off == 0 && g.credit_keep.keep_len == b->text.len) break;
        return keep_only(ss, b, 0, g.credit_keep.keep_off, g.credit_keep.keep_len,
                         "struct-credit", "brackets dropped from the photo credit");
      }
    }
    return 0;
  }
  /* a note on a line of its own (（完） （据新华社） （记者 王小明）) or an interview's question
   * (记者：…如何？): a line of the article it stands in, never grouped with a headline after
   * it, which it neither opens (unless none is open) nor gives body text; （完） ends the
   * article (probe 9 F17). Its kind stays `subhead`: a `p` is looked up by dedup, and the
   * same note ends many articles, the same question (下一步有哪些打算？) opens many answers. */
  bool done = false;
  /* a contact line under a signature (…治丧工作小组 | 2026年12月1日 | 联系人：王芳 电话：…): the
   * notice's that the signature ended, body text; the next heading opens an item (probe 26 M8:
   * it opened an article of its own) */
  if (ss->signed_off && ss->article && b->text.len <= 240 && contact_line(b)) {
    b->kind = QG_KIND_P;
    return 0;
  }
  /* a PDF page's folio or running head (— 12 —, 第12页, 东湖日报 2026年12月1日 第5版): the same,
   * never opening an article nor ending one, nor giving it body text (probe 10a F6); a `p`, no
   * heading (review 17 H2: a masthead line was a subhead, a heading before the first story in
   * XML and NITF), which dedup does not look up (running heads repeat) */
  if (qg_text_is_folio(b->text.ptr, b->text.len)) {
    if (!ss->article) new_article(ss);
    b->kind = QG_KIND_P;
    return 0;
  }
  /* a jump note alone: （上接第1版） opens an article (the part of a story continued from another
   * page) after body text and ends the one before, （下转第3版） ends the open one (the rest is on
   * another page); the label of an editor's note alone (【编者按】) opens the item it introduces
   * (probe 17 P10, P1, P16). The label is a subhead, as a note is; a jump note is a `p` that
   * gives no body text (review 16 N4: as a subhead it was a heading, the last element of its
   * article in XML and NITF; it is too short for dedup to look it up). */
  int jump = qg_text_is_jump(b->text.ptr, b->text.len);
  int note = jump ? 0 : editor_note(b);
  if (jump || note == 1) {
    if (!ss->article || ss->ended || (jump != 1 && ss->has_body && !ss->intro)) new_article(ss);
    b->kind = jump ? QG_KIND_P : QG_KIND_SUBHEAD;
    if (jump == 1 && ss->has_body) ss->ended = true;
    if (note) ss->intro = !ss->has_body && !ss->has_title, ss->note_only = !ss->has_body;
    return 0;
  }
  if (note_line(b, &done) || question_line(b, f)) {
    if (!ss->article) new_article(ss);
    /* (a table's unit in brackets, （单位：人）, is a line of the table, body type: session 24;
     * and its source, （数据来源：…）: session 27, probe 27 M10) */
    b->kind = !done && (unit_line(b) || source_line(b, f)) ? QG_KIND_P : QG_KIND_SUBHEAD;
    /* (a date in brackets right under the title, before any body text and over the speaker's
     * name or the address to the hearers: a speech's, 在…会议上的讲话 | （2026年12月2日） | 王　伟,
     * its subtitle; probe 42 M6. Over body text, a diary's day, it stays a subhead) */
    if (!done && ss->has_title && !ss->has_body && !ss->ended && next && bracketed(b) &&
        date_like(h) &&
        (next->f.byline || address_line(next->b) ||
         person_alone(next->b->text.ptr, next->b->text.len, 0)))
      b->kind = QG_KIND_SUBTITLE;
    if (done && ss->has_body) ss->ended = true;
    return 0;
  }
  /* a separator line (*** ——————): a block of the article it stands in, which it neither
   * opens (unless none is open) nor gives body text */
  if (qg_text_is_rule(b->text.ptr, b->text.len)) {
    if (!ss->article) new_article(ss); /* after an ended article: in it, the next opens one */
    b->kind = QG_KIND_P;
    return 0;
  }
  /* a body paragraph; one that opens with a jump note back ((上接第1版)24小时…, 接第1版 …), an
   * editor's note (编者按：…) or a correction (更正：本报…) opens an article after body text (a
   * dateline paragraph after an editor's note is the item it introduces; probe 17) */
  bool note_p = editor_note(b) == 2, corr = correction(b);
  bool opens = f->dateline || note_p || corr || qg_text_jump_lead(b->text.ptr, b->text.len);
  /* (a 公文's 版记 under its signature, 抄送：… or the 印发 line, is the document's: the
   * signature ended the item, and the 版记 opened a second article; session 23, probe 22 M6) */
  if (ss->ended && ss->has_body && ss->article && end_matter_lead(b)) ss->ended = false;
  if (ss->ended && ss->page_end && !opens) ss->ended = ss->page_end = false;
  /* (a dateline paragraph under an editor's note and the title of the item it introduces,
   * 编者按：… | 老街新生 | 本报讯…, is that item's text: the note, the title and the story are one
   * article; session 48: the paragraph opened a second one) */
  bool under_note = ss->note_only && ss->has_title && f->dateline && !note_p && !corr &&
                    !qg_text_jump_lead(b->text.ptr, b->text.len);
  if (!ss->article || ss->ended || (opens && ss->has_body && !ss->intro && !under_note) ||
      (corr && ss->has_body))
    new_article(ss);
  bool had_body = ss->has_body && !ss->note_only; /* (body text other than a note's) */
  /* (the text under the label alone, 【编者按】 | 今年以来…, is the note's too; and a paragraph
   * more of the note, which apart_kind takes for one, right over the item's heading or dateline
   * paragraph: 编者按：… | 从今天起，… | 老街新生 | 本报讯…; session 48, s47-notes' C1: the title
   * opened a second article) */
  /* (under the item's title too, 老字号的冬天 | 编者按：… | 本报讯…, the note and the story are the
   * title's article: note_only) */
  bool note_more = ss->note_only && !note_p && !f->dateline &&
                   ss->apart_prev == QG_KIND_EDITOR_NOTE && ss->note_paras < 3 && next &&
                   ((qg_feat_heading(&next->f) && !ss->has_title) || next->f.dateline);
  ss->intro = (note_p || ss->intro) && (!ss->has_body || note_more) && !ss->has_title;
  ss->note_only = ss->intro || (note_p && !had_body) || note_more;
  b->kind = QG_KIND_P;
  if (f->end == QG_END_STOP) ss->stop_b = b;
  ss->sign = ss->has_body && (closing_formula(b) || letter_closing(b)) ? 2 : 0;
  b->dateline_len = (uint32_t)f->dateline;
  ss->has_body = true;
  ss->quote_open = f->quote_open;
  /* (a correction is an item of its own; a paragraph that ends with a jump note, …将在（下转第3版）,
   * ends the page's part of its story) */
  if (corr || qg_text_jump_tail(b->text.ptr, b->text.len) != SIZE_MAX) ss->ended = true;
  /* (a caption by a credit at its end is one too: without the credit, split off, it is often
   * a display line, and a second run must find the same last paragraph) */
  bool last = !next || qg_feat_heading(&next->f) || next->f.dateline || next->f.byline ||
              next->f.caption || next->f.credit_tail.at != SIZE_MAX || next->f.credit ||
              next->f.section;
  if (f->author_tail.at != SIZE_MAX && last) {
    int rc = split_tail(ss, b, &f->author_tail, QG_KIND_AUTHOR, "struct-author",
                        "author tag split off the article's last paragraph",
                        &extra[QG_STRUCT_EXTRA - 1]);
    if (rc) return rc;
    ss->ended = true;
  }
  return 0;
}

/* Whether b's text is wholly a work's title in 《》 (《静夜思》, 《背影》). */
static bool book_title(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 9 || memcmp(s, "\xE3\x80\x8A", 3) || memcmp(s + n - 3, "\xE3\x80\x8B", 3))
    return false;
  for (size_t i = 3; i + 3 < n; i++) /* (one pair: 《甲》与《乙》 is no title alone) */
    if ((unsigned char)s[i] == 0xE3 && s[i + 1] == '\x80' &&
        ((unsigned char)s[i + 2] == 0x8A || (unsigned char)s[i + 2] == 0x8B))
      return false;
  return true;
}

/* Whether b reads as verse: a line the paragraph stage put out as verse's or found in a run of
 * 句 (QG_LEAD_VERSE, own_line), or text whose pieces between marks (，。！？；、) are all of Han
 * characters alone and of one length, four to seven, two pieces or more (床前明月光，疑是地上霜。
 * as a line or a whole poem in one paragraph): no prose is cut so evenly. */
static bool verse_block(const qg_block *b) {
  if (b->lead == QG_LEAD_VERSE || b->own_line) return true;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  if (n > 640) return false;
  int len = 0, run = 0, pieces = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c)) {
      run++;
      continue;
    }
    if (c == ' ' || c == '\t') {
      if (run) return false;
      continue;
    }
    if (!(c == 0xFF0C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0x3001))
      return false;
    if (run < 4 || run > 7 || (len && run != len)) return false;
    len = run, run = 0, pieces++;
  }
  return !run && pieces >= 2;
}

/* Whether the k-th held block, the last of a run of k display lines, is a poet's or an
 * author's name under a poem's or a work's title (the line above it): a dynasty or a country
 * before the name ((唐)李白, ［唐］李白, 〔宋〕苏轼, 唐·李白, (美)惠特曼; qg_text_poet), or the
 * name alone (李白) or after two characters and · (南宋·陆游) when the title is in 《》 or the
 * block after the name is verse (verse_block): 人物 | 袁隆平 over a news paragraph stays a
 * section and a title. */
static bool poet_at(const struct_stage *ss, size_t k, size_t run) {
  const held *h = &ss->w[k], *t = &ss->w[k - 1];
  if (k + 1 != run || h->f.section || h->f.subtitle || t->f.subtitle || t->f.end != QG_END_NONE)
    return false;
  const qg_block *b = h->b;
  /* (a leading ornament, □[唐]张继, is looked past: a byline's, dropped with it; session 27,
   * probe 26 M5) */
  size_t o = h->f.ornament < b->text.len ? h->f.ornament : 0;
  /* (two to four Han characters and a dynasty: 3 to 30 bytes; most lines go here) */
  if (b->text.len - o < 6 || b->text.len - o > 40) return false;
  int p = qg_text_poet(b->text.ptr + o, b->text.len - o);
  if (p == QG_POET_DYNASTY) return true;
  if (p != QG_POET_NAME && p != QG_POET_DOT) return false;
  return book_title(t->b) || (k + 1 < ss->n && verse_block(ss->w[k + 1].b));
}

/* Whether b is a line of a court's signature under a judgment (审判长 张敏, 审 判 员　刘洋, 书记员：
 * 吴倩, 人民陪审员 王立新): the role of a judge or a clerk, white space or a colon, a name of
 * two to four Han characters (or ·), perhaps letter-spaced, nothing else. */
static bool court_role(const qg_block *b) {
  static const char *const roles[] = {"审判长", "審判長", "代理审判员", "代理審判員", "审判员",
                                      "審判員", "人民陪审员", "人民陪審員", "陪审员", "陪審員",
                                      "书记员", "書記員", "法官助理", "执行员", "執行員",
                                      "首席仲裁员", "首席仲裁員", "仲裁员", "仲裁員", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n < 15 || n > 96) return false;
  /* (a role's first character: 审 審 代 人 陪 书 書 法 执 執 首 仲; most lines go here) */
  size_t f = 0;
  switch (qg_utf8_next(s, n, &f)) {
  case 0x5BA1: case 0x5BE9: case 0x4EE3: case 0x4EBA: case 0x966A: case 0x4E66: case 0x66F8:
  case 0x6CD5: case 0x6267: case 0x57F7: case 0x9996: case 0x4EF2:
    break;
  default:
    return false;
  }
  /* the Han characters without the white space between them */
  char w[64];
  size_t k = 0, i = 0;
  bool gap = false, colon = false;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      gap = gap || k;
      continue;
    }
    if ((c == 0xFF1A || c == ':') && k && !colon) {
      colon = true;
      continue;
    }
    if ((!qg_cp_is_han(c) && c != 0xB7) || k + (i - at) >= sizeof w) return false;
    memcpy(w + k, s + at, i - at);
    k += i - at;
  }
  if (!gap && !colon) return false;
  for (int r = 0; roles[r]; r++) {
    size_t m = strlen(roles[r]);
    if (k < m + 6 || k > m + 12 || memcmp(w, roles[r], m)) continue;
    return true; /* (a name of two to four characters after the role: 6 to 12 bytes) */
  }
  return false;
}

/* How many blocks at the head of the window are a court's signature after the body of its
 * judgment (审判长 张敏 | 审判员 刘洋 | 二〇二六年十二月二日 | 书记员 吴倩): display lines each a
 * judge's or a clerk's role and name (court_role), a date alone or the clerk's note 本件与原本核对
 * 无异, a role among them first. Bylines of the judgment's article, which they end, as a
 * notice's issuer and date are (probe 26 M8: they were the kickers and title of an article of
 * their own); 0 when there is none. */
static size_t court_signature(const struct_stage *ss) {
  if (!ss->article || !ss->has_body || (ss->ended && !ss->signed_off) || ss->n == 0 ||
      !qg_feat_heading(&ss->w[0].f) || !court_role(ss->w[0].b))
    return 0;
  size_t k = 1;
  while (k < ss->n && !ss->w[k].f.subtitle && qg_feat_heading(&ss->w[k].f) &&
         (court_role(ss->w[k].b) || date_like(&ss->w[k]) ||
          opens_with(ss->w[k].b, "本件与原本核对无异", 27) ||
          opens_with(ss->w[k].b, "本件與原本核對無異", 27)))
    k++;
  return k;
}

/* The lines of a masthead that opens with the paper's name at the head of the window: the name
 * over a running head (清河日报 | 2026年12月2日 星期三 第3版: 1, the name; the running head is a
 * folio below), or over a date and the folio alone (清河日报 | 2026年12月2日 星期三 | 第3版: 3);
 * else 0. Such lines are `p`s, as a running head is (session 18): they never open an article
 * (unless none is open) nor end one, never give it body text and are never its title or
 * kickers. Before session 19 the name was the title of an article of its own over a running
 * head, and the name, the date and the folio the section and kickers of the first story. */
static size_t masthead_at(const struct_stage *ss) {
  if (ss->n < 2) return 0;
  const qg_block *b0 = ss->w[0].b, *b1 = ss->w[1].b, *b2 = ss->n >= 3 ? ss->w[2].b : NULL;
  if (!qg_text_paper_name(b0->text.ptr, b0->text.len)) return 0;
  if (qg_text_is_running_head(b1->text.ptr, b1->text.len)) return 1;
  if (b2 && qg_text_masthead_date(b1->text.ptr, b1->text.len) &&
      qg_text_folio_alone(b2->text.ptr, b2->text.len))
    return 3;
  return 0;
}

/* Credit lines at an article's end (session 30, s30-struct). The desk's roles a credit line
 * names, the longest first where one ends another (责任编辑 before 编辑); a role alone of one
 * character (文 图 摄) only before a colon or a slash. */
static const char *const credit_roles[] = {
    "特约评论员", "特約評論員", "评论员", "評論員", "通讯员", "通訊員", "撰稿人", "记者", "記者",
    "责任编辑", "責任編輯", "值班编辑", "值班編輯", "编辑", "編輯", "责编", "責編", "美编", "美編",
    "责任校对", "責任校對", "校对", "校對", "审核", "審核", "审校", "審校", "终审", "終審",
    "文字", "撰文", "作者", "摄影", "攝影", "摄像", "攝像", "制图", "製圖", "绘图", "繪圖", "插图",
    "插圖", "漫画", "漫畫", "设计", "設計", "策划", "策劃", "统筹", "統籌", "统稿", "統稿", "视觉",
    "視覺", "排版", "组版", "組版", "翻译", "翻譯", "编译", "編譯", "监制", "監製", "主编", "主編",
    "图片", "圖片", "文", "图", "圖", "摄", "攝", NULL};

/* Whether s[0..n) ends with one of credit_roles, and with one of one character (文 图 摄) alone:
 * *one. */
static bool role_at_end(const char *s, size_t n, bool *one) {
  for (int r = 0; credit_roles[r]; r++) {
    size_t m = strlen(credit_roles[r]);
    if (n >= m && !memcmp(s + n - m, credit_roles[r], m)) {
      *one = m == 3;
      return !*one || n == 3; /* (文 图 摄 only alone: 英文, 地图 are no role) */
    }
  }
  return false;
}

/* The Han characters of the (last) name of a credit line, 0 when b is none: in brackets or not
 * (（…）), a role phrase of up to eight Han characters that ends with a role (文字 摄影 制图
 * 编辑 校对 审核 …, with what comes before it: 本报特约评论员, 本版编辑), then a colon, a slash
 * or white space (文 图 摄 alone: a colon or a slash), then one to three names of two to four
 * Han characters (or ·) between white space or 、 (文字：李华, 编辑 王芳, 摄影/王强 刘洋), each
 * after white space alone opening with a surname (surname_at; else *phrase: 策划 先行). Without
 * a role (*role false), a name alone (张明远), which is a credit only over its pinyin. */
static unsigned credit_name(const qg_block *b, bool *role, bool *phrase) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  bool open = false;
  if (i < n && s[i] == '(') i++, open = true;
  else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x88", 3)) i += 3, open = true; /* （ */
  skip_blank(s, n, &i);
  size_t at = i;
  int han = name_run(s, n, &i);
  *role = *phrase = false;
  if (!han) return 0;
  size_t sep = i;
  skip_blank(s, n, &i);
  bool blank = i > sep, mark = false;
  if (i < n && (s[i] == ':' || s[i] == '/')) i++, mark = true;
  else if (n - i >= 3 && (!memcmp(s + i, "\xEF\xBC\x9A", 3) || !memcmp(s + i, "\xEF\xBC\x8F", 3)))
    i += 3, mark = true; /* ： ／ */
  bool one = false;
  if ((blank || mark) && han <= 8 && role_at_end(s + at, sep - at, &one) && (mark || !one)) {
    *role = true;
    skip_blank(s, n, &i);
    at = i;
    han = name_run(s, n, &i);
  } else if (mark) {
    return 0;
  } else {
    i = sep;
  }
  unsigned last = 0;
  for (int names = 0;; names++) {
    if (han < 2 || han > 4 || names == 3) return 0;
    /* (after a role and white space only, each name opens with a surname: 策划 先行 | 统筹 推进,
     * 设计 新颖, are a heading's two lines, *phrase; review 30a R6) */
    if (*role && !mark && !surname_at(s, n, at)) {
      *phrase = true;
      return 0;
    }
    last = (unsigned)han;
    size_t end = i;
    skip_blank(s, n, &i);
    if (i < n && n - i >= 3 && !memcmp(s + i, "\xE3\x80\x81", 3)) i += 3; /* 、 */
    else if (i == end) break;
    skip_blank(s, n, &i);
    if (!*role || i >= n || (open && s[i] == ')') ||
        (open && n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x89", 3)))
      break;
    at = i;
    han = name_run(s, n, &i);
  }
  skip_blank(s, n, &i);
  if (open) {
    if (i < n && s[i] == ')') i++;
    else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x89", 3)) i += 3; /* ） */
    else return 0;
    skip_blank(s, n, &i);
  }
  return i == n && (*role || !open) ? last : 0;
}

/* The pinyin syllables a lower-case ASCII word may be read as: bit c set when the word is c
 * syllables (an initial, perhaps none, and a final: xian is one or two, zhang one). */
static unsigned pinyin_counts(const char *w, size_t n) {
  static const char *const initials[] = {"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n",
                                         "l",  "g",  "k",  "h", "j", "q", "x", "r", "z", "c",
                                         "s",  "y",  "w",  "",  NULL};
  static const char *const finals[] = {
      "iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "van",
      "ai",   "ei",   "ao",   "ou",  "an",  "en",  "in",  "un",  "vn",  "ia",  "ie",  "iu",
      "ua",   "uo",   "ui",   "ue",  "ve",  "er",  "a",   "o",   "e",   "i",   "u",   "v", NULL};
  unsigned reach[24] = {1u}; /* reach[i]: the counts of syllables that end at i */
  if (n == 0 || n >= 24) return 0;
  for (size_t i = 1; i <= n; i++) reach[i] = 0;
  for (size_t i = 0; i < n; i++) {
    if (!reach[i]) continue;
    for (int a = 0; initials[a]; a++) {
      size_t ia = strlen(initials[a]);
      if (n - i < ia || memcmp(w + i, initials[a], ia)) continue;
      for (int f = 0; finals[f]; f++) {
        size_t fl = strlen(finals[f]);
        if (n - i - ia < fl || memcmp(w + i + ia, finals[f], fl)) continue;
        reach[i + ia + fl] |= (reach[i] << 1) & 0xFFu;
      }
    }
  }
  return reach[n];
}

/* Whether b is the Latin form of a name of han Han characters, the line under it: words of
 * ASCII letters between spaces, the last ones the name in pinyin, in title case or the surname
 * in capitals (Zhang Mingyuan, ZHANG Mingyuan, Mingyuan Zhang), of han syllables in all, and up
 * to three words before them of the role (By, Text:, Photo:, Special Commentator). */
static bool pinyin_name(const qg_block *b, unsigned han) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  struct {
    size_t at, len;
    bool colon;
  } w[7];
  int nw = 0;
  for (;;) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i >= n) break;
    if (nw == 7) return false;
    size_t at = i;
    while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) i++;
    if (i == at || i - at > 20) return false;
    w[nw].at = at, w[nw].len = i - at, w[nw].colon = false;
    if (i < n && s[i] == ':') i++, w[nw].colon = true;
    if (i < n && s[i] != ' ' && s[i] != '\t') return false;
    nw++;
  }
  /* (the name: the last words, each in title case or capitals, none with a colon) */
  unsigned counts = 1u;
  for (int k = nw - 1; k >= 0 && k >= nw - 3; k--) {
    const char *t = s + w[k].at;
    size_t len = w[k].len;
    if (w[k].colon || t[0] < 'A' || t[0] > 'Z') return false;
    bool caps = true, lower = true;
    for (size_t j = 1; j < len; j++) caps = caps && t[j] >= 'A' && t[j] <= 'Z', lower = lower && t[j] >= 'a';
    if (!caps && !lower) return false;
    char low[24];
    for (size_t j = 0; j < len; j++) low[j] = (char)(t[j] | 0x20);
    unsigned c = pinyin_counts(low, len), sum = 0;
    for (unsigned x = 0; x < 8; x++)
      if (counts >> x & 1u) sum |= (c << x) & 0xFFu;
    counts = sum;
    if (!counts) return false;
    if (k < nw - 1 && (counts >> han & 1u) && nw - k >= 2 && k <= 3) {
      /* (the words before the name: a role, the last of them perhaps with a colon) */
      bool role = true;
      for (int j = 0; j < k && role; j++) role = !w[j].colon || j == k - 1;
      if (role) return true;
    }
  }
  return false;
}

/* Whether s[i..n) opens with a common surname, or a surname of two characters (欧阳, 司马). */
static bool double_surname_at(const char *s, size_t n, size_t i) {
  return qg_text_double_surname_at(s, n, i);
}

static bool surname_at(const char *s, size_t n, size_t i) {
  if (i > n || n - i < 3 || (unsigned char)s[i] < 0xE0 || (unsigned char)s[i] >= 0xF0) return false;
  size_t e = i;
  if (qg_cp_is_common_surname(qg_utf8_next(s, n, &e))) return true;
  return double_surname_at(s, n, i);
}

/* Whether b opens with a common surname (a name alone over its pinyin is taken for a signature
 * only so, and with three characters: a column's name over its pinyin, 江城 | Jiang Cheng, is
 * none), and does not end with a character that ends a place's or a work's name, not a given
 * name's (高新区 | Gao Xinqu, 张家港, 白蛇传; review 31a N4, s31-struct2). */
static bool surname_first(const qg_block *b) {
  static const char places[] = "区县市港省州镇村路街楼馆寺宫塔传";
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n - i >= 3)
    for (size_t j = 0; j + 3 <= sizeof places - 1; j += 3)
      if (!memcmp(places + j, s + n - 3, 3)) return false;
  return surname_at(s, n, i);
}

/* Whether the value of a field at i of s, after its label's colon, is a number, an address on
 * the net or a mail box (it opens with a digit, a Latin letter, + or a bracket, ( （ 【, over a digit, and
 * holds no three Han characters in a row), not Han prose: 民生热线：老旧小区加装电梯难在哪 is a column's title over the next story (review
 * 32a R2). */
static bool field_value(const char *s, size_t n, size_t i) {
  skip_blank(s, n, &i);
  if (i >= n) return false;
  size_t j = i;
  uint32_t c = qg_utf8_next(s, n, &j);
  if (c == '(' || c == 0xFF08 || c == 0x3010 || c == '+') {
    if (j >= n) return false;
    c = qg_utf8_next(s, n, &j);
  }
  if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z')))
    return false;
  /* (and no three Han characters in a row after it: 12345接诉即办暖人心, 5G赋能千行百业 are a
   * column's title; 12345（24小时） a field; review 32a2 RA) */
  for (int han = 0; j < n;)
    if (!qg_cp_is_han(qg_utf8_next(s, n, &j))) han = 0;
    else if (++han == 3) return false;
  return true;
}

/* Whether b is a field of a paper's imprint, its label and a colon: 地址：…, 邮编：… (under 主编：
 * 王芳 | 副主编：李华 the credits do not end the article: review 31a N6, s31-struct2). */
static bool imprint_field(const qg_block *b) {
  static const char *const labels[] = {"地址", "社址", "邮编", "电话", "传真", "网址", "邮箱",
                                       "热线", "郵編", "電話", "傳真", "網址", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  skip_blank(s, n, &i);
  /* (after up to two Han characters of the label's own, 热线电话：, 新闻热线：, 投稿邮箱：, 联系电话：:
   * they were the fields of an article with no heading over the next story; review 31a2 in/195,
   * session 32) */
  for (int pre = 0; pre <= 2; pre++) {
    size_t at = i + 3 * (size_t)pre;
    size_t c = at - 3;
    if (pre && (at > n || !qg_cp_is_han(qg_utf8_next(s, n, &c)))) break;
    for (int l = 0; labels[l]; l++)
      if (n - at > 6 && !memcmp(s + at, labels[l], 6) &&
          (s[at + 6] == ':' || (n - at >= 9 && !memcmp(s + at + 6, "\xEF\xBC\x9A", 3))))
        return !pre || l < 2 || field_value(s, n, at + (s[at + 6] == ':' ? 7 : 9));
  }
  return false;
}

/* The credit lines at the head of the window after an article's body text: two or more in a
 * row, each a credit line (credit_name with a role), a byline or a photo credit by the cues
 * (no ornament, no dateline), or the Latin form of the name of the line above it (pinyin_name:
 * 本报特约评论员 张明远 | Zhang Mingyuan, 文字：李华 | Text: Li Hua | 摄影：王强 | Photo: Wang Qiang),
 * which may be a name alone of three characters after a common surname (张明远 | Zhang
 * Mingyuan); 0 when the window opens with no such run. */
static size_t credit_run(const struct_stage *ss) {
  size_t k = 0, alone_at = SIZE_MAX; /* (the first name alone over its pinyin) */
  unsigned han = 0; /* the name's characters of the line above, for its pinyin under it */
  while (k < ss->n) {
    const held *h = &ss->w[k];
    if (han && pinyin_name(h->b, han)) {
      han = 0, k++;
      continue;
    }
    if (h->f.ornament || h->f.dateline || h->f.caption || h->f.author ||
        h->f.end != QG_END_NONE || h->f.chars > 30)
      break;
    bool role, phrase;
    han = credit_name(h->b, &role, &phrase);
    if (phrase) break; /* (a role word and a phrase, though the cues read a byline: 编辑 用心) */
    bool alone = !role && !h->f.byline && !h->f.credit;
    /* (names between 、 of a role's line are its only commas: 文字：李华、王强; review 30a R4) */
    if ((h->f.commas && !role) ||
        (alone && !(han == 3 && surname_first(h->b) && k + 1 < ss->n && pinyin_name(ss->w[k + 1].b, han))))
      break;
    if (alone && alone_at == SIZE_MAX) alone_at = k;
    k++;
  }
  /* (a name alone over its pinyin signs only over a heading, a byline or the text's end: over
   * body text it is a place's or a feature's title, 张家界 | Zhang Jiajie | 张家界的秋天…, 黄鹤楼;
   * review 30a R5) */
  if (alone_at < k && k < ss->n) {
    const qg_feat *nf = &ss->w[k].f;
    if (!qg_feat_heading(nf) && !nf->byline && !nf->credit && !nf->caption && !nf->section) k = alone_at;
  }
  return k >= 2 ? k : 0;
}

/* Classifies and emits the block(s) at the head of the window. */
/* Whether h may be a line of a run of lines of their own (session 34, review 33a): a display
 * line of 8 characters or more that is no section, subtitle, byline, dateline, caption, credit,
 * notice, round or score row, and ends with no colon. */
static bool run_line(const held *h) {
  const qg_feat *f = &h->f;
  return f->chars >= 8 && !f->section && !f->subtitle && !f->byline && !f->dateline &&
         !f->caption && !f->credit && !f->author && !f->notice && !f->sidebar &&
         f->end != QG_END_COLON && !round_head(h) && !score_row(h->b);
}

/* Whether the held block k is a row of a list of names (session 39, probe 38 item 3): names and
 * nothing else, run together or set apart, each opening with a common surname
 * (qg_text_name_row: 刘洋黄晓东吴昊陈晨, 王强　李强　欧阳明　张伟), over no byline or dateline (a
 * headline over its byline reads as names at times: 王强李强 | 本报记者 王芳). The block after it
 * must be in the window, or the window be the document's last blocks (struct_finish: the window
 * is full at every other step). */
static bool name_row_at(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  if (h->f.chars > 40 || h->f.byline || h->f.dateline || h->f.caption || h->f.credit ||
      h->b->verbatim)
    return false;
  int names = qg_text_name_row(h->b->text.ptr, h->b->text.len);
  if (!names) return false;
  if (k + 1 >= ss->n) return ss->n < QG_STRUCT_WINDOW;
  const held *nx = &ss->w[k + 1];
  if (nx->f.byline || nx->f.dateline) return false;
  /* (a row of two names, 高铁 高速, 马路高架, 石家庄 秦皇岛, 金秋 田野, is what a kicker or a short
   * headline looks like: a row only over another row, or over the list's closing sentence,
   * 以上同志…, 以上排名不分先后。, or last in the document; over a title and a story it is the
   * next article's kicker or title, as before. Session 40, review 39's medium) */
  if (names >= 3) return true;
  return name_row_at(ss, k + 1) ||
         (nx->b->text.len >= 6 && !memcmp(nx->b->text.ptr, "以上", 6) && !qg_feat_heading(&nx->f));
}

/* Whether the held block k is a list's heading over a row of names (qg_text_list_heading:
 * 获奖名单, 表彰名单如下, 以下同志被评为优秀志愿者, 优秀教师（12名）). */
static bool list_heading_at(const struct_stage *ss, size_t k) {
  const held *h = &ss->w[k];
  return k + 1 < ss->n && qg_feat_heading(&h->f) && !h->f.byline && !h->f.dateline &&
         qg_text_list_heading(h->b->text.ptr, h->b->text.len) && name_row_at(ss, k + 1);
}

static int annex_list_lead(const qg_block *b);
static bool annex_list_item(const qg_block *b);
static bool contact_field(const qg_block *b);
static bool has_sentence_mark(const char *s, size_t n);

/* A notice's tail in the heading run of k held blocks (session 48, review 47 M7): an attachment
 * list's lead first (annex_list_lead: 附件：1．… or 附件：), the numbered items under it
 * (annex_list_item; under 附件： alone, one line that is no contact field and over no date), then
 * one contact field or more (contact_field: 联系人：刘洋, 联系电话：…) and at most one signature,
 * an issuer (a plain display line: no colon, no mark at its end, at most 24 characters) over a
 * date (date_like, or sign_date's), in either order (附件 | 联系人 | 市教育局 | 日期, 附件 | 市教育局 |
 * 日期 | 联系人). Returns how many blocks the tail holds, 0: none (no contact field: the
 * attachment list and the signature alone are the rules' below, as before); *sig: the issuer's
 * index, 0: no signature. A line of another kind ends the tail (the next item's heading is left
 * to the rules after). */
static size_t notice_tail(const struct_stage *ss, size_t k, size_t *sig) {
  int lead = annex_list_lead(ss->w[0].b);
  if (!lead) return 0;
  size_t j = 1, contacts = 0;
  *sig = 0;
  while (j < k && annex_list_item(ss->w[j].b)) j++;
  if (j == 1 && lead == 1 && j + 1 < k && !contact_field(ss->w[j].b) &&
      !date_like(&ss->w[j + 1]) && qg_utf8_count(ss->w[j].b->text.ptr, ss->w[j].b->text.len) <= 80 &&
      !has_sentence_mark(ss->w[j].b->text.ptr, ss->w[j].b->text.len))
    j++;
  while (j < k) {
    const held *h = &ss->w[j];
    if (contact_field(h->b)) {
      contacts++, j++;
      continue;
    }
    if (*sig || j + 1 >= k || h->f.subtitle || h->f.section || h->f.chars > 24 ||
        h->f.end != QG_END_NONE || has_colon(h->b) || date_like(h) || attachment_line(h->b) ||
        !(date_like(&ss->w[j + 1]) || sign_date(ss, j + 1)))
      break;
    *sig = j;
    j += 2;
  }
  if (!contacts) *sig = 0;
  return contacts ? j : 0;
}

/* Whether the held line h reads as a line of a short poem: two to sixteen characters, Han and
 * clause or sentence marks only (no figure, Latin, bracket or colon), no cue of a section, a
 * byline, a notice, a subtitle or a numbered heading, no name alone and no list's heading. */
static bool poem_verse(const held *h) {
  const qg_feat *f = &h->f;
  if (f->chars < 2 || f->chars > 16 || f->section || f->byline || f->notice || f->sidebar ||
      f->subtitle || f->subhead_num || f->ornament || f->dateline || f->end == QG_END_COLON ||
      name_only(h))
    return false;
  const char *s = h->b->text.ptr;
  size_t n = h->b->text.len, i = 0;
  if (qg_text_list_heading(s, n)) return false;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_han(c) && c != 0xFF0C && c != 0x3001 && c != 0x3002 && c != 0xFF01 && c != 0xFF1F)
      return false; /* (，、。！？) */
  }
  return true;
}

/* A short poem that ends the document, read as one heading group of k lines (the whole window):
 * its title (a section's name by the cues over it, or none), three lines of verse or more
 * (poem_verse) and its poet's name alone (name_only), nothing under it; or the same group over
 * an ornament and the poet's name (□ 韩小溪, columnist_line), the document's last block. 故乡的河 | 河水弯弯 |
 * 绕过村口的老槐树 | 我在岸边站了很久 | 林秋 was a section, three kickers and the name for the
 * title; now the title, each line a `p` and the poet a byline (session 48, review 46b L3). Only
 * when classify_group made the lines one article's heading group (no subhead: a display line
 * inside an article is left), so every line stays in the article it was in: session 47's wider
 * poem_at moved body text into other articles (review 47b) and was taken back. A stack of
 * headlines over a reporter's byline (本报记者 …) is no poem. */
static __attribute__((noinline)) void poem_end(struct_stage *ss, size_t k) {
  held *g = ss->w;
  size_t t = g[0].f.section && g[0].b->kind == QG_KIND_SECTION ? 1 : 0;
  if (!ss->finishing) return;
  /* (the poet: the group's last line, a name alone; or, under the group as the document's last
   * block, an ornament and a name, □ 韩小溪, the byline a first clean writes bare: both cleans
   * read the same) */
  size_t lines; /* (the lines of verse end here) */
  if (k == ss->n && name_only(&g[k - 1])) lines = k - 1;
  else if (k + 1 == ss->n && columnist_line(&g[k]) &&
           person_alone(g[k].b->text.ptr, g[k].b->text.len, g[k].f.ornament))
    lines = k;
  else
    return;
  if (lines < t + 4) return;
  for (size_t i = t; i < k; i++) {
    qg_kind kd = g[i].b->kind;
    if (kd != QG_KIND_SECTION && kd != QG_KIND_KICKER && kd != QG_KIND_TITLE) return;
    if (i > t && i < lines && !poem_verse(&g[i])) return;
  }
  /* (the title: a heading of two to sixteen characters, no name, byline, notice or numbered
   * heading, no colon at its end) */
  const qg_feat *f = &g[t].f;
  if (f->chars < 2 || f->chars > 16 || f->byline || f->notice || f->subhead_num || f->subtitle ||
      f->dateline || f->end == QG_END_COLON || name_only(&g[t]))
    return;
  g[t].b->kind = QG_KIND_TITLE;
  for (size_t i = t + 1; i < lines; i++) g[i].b->kind = QG_KIND_P;
  if (lines < k) g[lines].b->kind = QG_KIND_BYLINE;
  ss->has_title = ss->has_body = true;
}

static int step(struct_stage *ss) {
  size_t k = 0;
  bool done;
  bool names_above = ss->names_rows; /* (rows of names came last: name_row_at) */
  ss->names_rows = false;
  /* (what the blocks emitted before left: a notice's fields, an index, a photo group) */
  bool after_fields = ss->fields_end || ss->contact_end, photo_group = ss->photo_group;
  ss->fields_end = ss->photo_group = false;
  ss->w[0].grouped = false;
  size_t mh = masthead_at(ss);
  if (mh) { /* (a paper's name over its masthead: the masthead's, as a folio is) */
    ss->index_prev = false;
    if (!ss->article) new_article(ss);
    for (size_t i = 0; i < mh; i++) ss->w[i].b->kind = QG_KIND_P;
    if (mh == 3) { /* the date: all dateline, as a date under a headline (session 18, N5), so
                    * that dedup does not look it up (every page of a day's paper has it) */
      qg_block *b = ss->w[1].b;
      size_t n = b->text.len;
      while (n && qg_cp_is_space((unsigned char)b->text.ptr[n - 1])) n--;
      b->dateline_len = (uint32_t)n;
    }
    int rc = emit_held(ss, mh, 0);
    return rc;
  }
  size_t court = court_signature(ss);
  if (court) { /* (probe 26 M8) */
    ss->index_prev = ss->fields_end = false;
    for (size_t i = 0; i < court; i++)
      ss->w[i].b->kind =
          court_role(ss->w[i].b) || date_like(&ss->w[i]) ? QG_KIND_BYLINE : QG_KIND_P;
    int rc = emit_held(ss, court, 0);
    ss->ended = ss->signed_off = true;
    return rc;
  }
  /* credit lines at the end of an article's body (文字：李华 | 摄影：王强 | 制图：赵敏, 编辑 王芳 |
   * 校对 刘洋 | 审核 陈刚, 本报特约评论员 张明远 | Zhang Mingyuan): the article's bylines, a photo
   * credit by the cues its credit, and they end it unless body text follows them (session 30:
   * the lines the cues did not know were the kickers and title of a new article, the first a
   * caption over a credit) */
  size_t cr = ss->article && ss->has_body ? credit_run(ss) : 0;
  if (cr) {
    /* (after an article that ended, 。（张三） | （责任编辑：赵六） | 本报记者 李四 | 本报讯…, lines
     * over text are the next article's: only over a heading or the end) */
    /* (an imprint's fields under them, 主编：王芳 | 副主编：李华 | 地址：… | 邮编：…, are the
     * article's paragraphs, emitted with them: they were a new article with no heading; review
     * 31a2 F3) */
    size_t fe = cr;
    while (fe < ss->n && imprint_field(ss->w[fe].b)) fe++;
    const qg_feat *nf = fe < ss->n ? &ss->w[fe].f : NULL;
    bool text = nf && !qg_feat_heading(nf) && !nf->byline && !nf->credit && !nf->caption &&
                !nf->section;
    bool body = text && !nf->dateline;
    if (!text || !ss->ended) {
      int rc0 = 0;
      ss->index_prev = false;
      for (size_t i = 0; i < cr && !rc0; i++) {
        held *h = &ss->w[i];
        h->b->kind = h->f.credit ? QG_KIND_CREDIT : QG_KIND_BYLINE;
        if (h->f.credit &&
            !(h->f.credit_keep.keep_off == 0 && h->f.credit_keep.keep_len == h->b->text.len))
          rc0 = keep_only(ss, h->b, 0, h->f.credit_keep.keep_off, h->f.credit_keep.keep_len,
                          "struct-credit", "brackets dropped from the photo credit");
      }
      for (size_t i = cr; i < fe; i++) ss->w[i].b->kind = QG_KIND_P;
      ss->photo_open = false;
      rc0 = emit_held(ss, fe, rc0);
      if (!body) ss->ended = true;
      return rc0;
    }
  }
  /* a byline's rest on the line right under it (记者　王芳　张明 | 李强　报道, 本报记者　周明　王芳
   * | 张强　刘洋: qg_text_byline_rest), the wrapped byline's second line, a byline too; it was a
   * subhead (session 49, review 48c M2). In the blank layout the paragraph stage joins it to the
   * byline. */
  if (ss->by_line && ss->article && ss->w[0].b->line == ss->by_line + 1 &&
      qg_text_byline_rest(ss->w[0].b->text.ptr, ss->w[0].b->text.len)) {
    ss->index_prev = false;
    ss->w[0].b->kind = QG_KIND_BYLINE;
    ss->by_rest = true; /* (one rest: a roster's rows under it are no bylines; review 49b M2) */
    return emit_held(ss, 1, 0);
  }
  /* the name under a byline's role alone (本报评论员 | 司马青, 本报特约评论员 | 王强 李华): a
   * byline too (session 37: a subhead, or the title of a new article) */
  if (ss->role_end && ss->article && names_line(ss->w[0].b)) {
    ss->index_prev = false;
    ss->w[0].b->kind = QG_KIND_BYLINE;
    return emit_held(ss, 1, 0);
  }
  /* rows of names under a list's heading (获奖名单 | 刘洋黄晓东吴昊陈晨 | 王强李强欧阳明张伟, 以下同志
   *被评为优秀志愿者 | 孙丽　周敏　郑雪): the heading is a subhead of the article it stands in (its
   * title when it opens one, a p when it ends with a colon, the list's lead-in), the rows are
   * body text, p, and so are the rows under them past the window (names_rows). Session 39,
   * probe 38 item 3: double-spaced, or one line a paragraph, the heading and the rows were a
   * stack of headings (section, kickers, a title) that opened a new article. */
  {
    bool head = ss->n > 1 && list_heading_at(ss, 0);
    size_t r = head ? 1 : 0;
    if (head || names_above)
      while (r < ss->n && name_row_at(ss, r)) r++;
    if (r) {
      ss->index_prev = false;
      if (head) {
        qg_block *b = ss->w[0].b;
        /* (the rows of a list under another heading may name the same people, 优秀教师名单 and
         * 优秀班主任名单: only a row repeated under the same heading is a paste error; review 40) */
        uint64_t h = text_hash(b);
        if (h != ss->rows_head) ss->rows_n = 0;
        ss->rows_head = h;
        bool body = ss->has_body && !ss->intro;
        ss->intro = false;
        if (!ss->article || ss->ended || !(body || ss->has_title)) {
          new_article(ss);
          b->kind = QG_KIND_TITLE;
          ss->has_title = true;
        } else {
          b->kind = QG_KIND_SUBHEAD;
        }
      }
      /* (a row is a table's row for dedup, which keeps its repeats: a row of ten names or
       * more shares most of them with the next at times, and a near repeat of body text went;
       * but a row that repeats a row of the same list exactly (rows_seen since its heading,
       * rows_head), a paste error, is body text for dedup, which reports it as on the base:
       * session 40, review 39's low) */
      for (size_t i = head; i < r; i++) {
        qg_block *b = ss->w[i].b;
        uint64_t x = text_hash(b);
        bool again = false;
        size_t seen = ss->rows_n < QG_ROWS_SEEN ? ss->rows_n : QG_ROWS_SEEN;
        for (size_t j = 0; j < seen && !again; j++) again = ss->rows_seen[j] == x;
        if (!again) ss->rows_seen[ss->rows_n++ % QG_ROWS_SEEN] = x;
        b->kind = QG_KIND_P, b->table_row = !again;
      }
      ss->has_body = true;
      ss->names_rows = true;
      return emit_held(ss, r, 0);
    }
  }
  /* (a heading under the rows that parses as names but is no row, over a story, 石家庄 秦皇岛 |
   * 两地签署…。: the rows' list ends, and the heading opens an article of its own, as a kicker or
   * title over a story does; it was a subhead of the list's article. A heading over more rows,
   * 二等奖 | 王强 李明 张伟, is left to the heading stack below, and so is a line that parses into
   * no names, 王建国…黄·阿里木 | 以上同志受到通报表彰。 (s36-struct). Session 40, review 39's
   * medium) */
  if (names_above && ss->n > 1 && qg_feat_heading(&ss->w[0].f) && !qg_feat_heading(&ss->w[1].f) &&
      qg_text_name_row(ss->w[0].b->text.ptr, ss->w[0].b->text.len) &&
      !qg_text_name_row(ss->w[1].b->text.ptr, ss->w[1].b->text.len))
    ss->ended = true;
  while (k < ss->n &&
         (qg_feat_heading(&ss->w[k].f) || question_heading(ss->w[k].b, &ss->w[k].f)) &&
         !(k && list_heading_at(ss, k)) &&
         !qg_text_is_rule(ss->w[k].b->text.ptr, ss->w[k].b->text.len) &&
         !note_line(ss->w[k].b, &done) && !question_line(ss->w[k].b, &ss->w[k].f) &&
         !qg_text_is_folio(ss->w[k].b->text.ptr, ss->w[k].b->text.len) && !body_line(ss, k) &&
         !qg_text_is_jump(ss->w[k].b->text.ptr, ss->w[k].b->text.len) && editor_note(ss->w[k].b) != 1 &&
         !group_caption_at(ss, k, photo_group))
    k++;
  /* a run of lines of their own in the blank layout (a blank line after each; session 34,
   * review 33a b090-b092 and n2): a heading over five display lines or more of 8 characters or
   * more each is no stack of headings (a section, two kickers, a title and a subtitle at most)
   * but a poem's lines, a list's items, an exam's options or a schedule's lines under it, each
   * a p (they were kickers and a title, or subheads); the heading alone is the group, and the
   * run's lines past the window are p too (line_run) */
  bool run = false;
  if (k && !strcmp(qg_ctx_docinfo(ss->base.ctx)->paragraphs, "blank")) {
    size_t r = ss->line_run ? 0 : 1;
    while (r < k && run_line(&ss->w[r])) r++;
    if (ss->line_run && r > 0) {
      for (size_t i = 0; i < r; i++) ss->w[i].b->kind = QG_KIND_P;
      ss->has_body = true;
      return emit_held(ss, r, 0);
    }
    run = r == k && k >= 6;
  }
  ss->line_run = false;
  if (run) {
    int rc0 = classify_group(ss, ss->w, 1, &ss->w[1], &ss->w[2], after_fields);
    for (size_t i = 1; i < k; i++) ss->w[i].b->kind = QG_KIND_P;
    ss->has_body = true;
    ss->line_run = true;
    return emit_held(ss, k, rc0);
  }
  /* the captions of a photo group (图① … | 图② … | credit, ① … under 组图): captions, each a
   * block of one figure (probe 17 P15); and a run of them with no number under a heading
   * (caption_run_at, session 46) */
  if (!k)
    ss->w[0].grouped = group_caption_at(ss, 0, photo_group) || caption_run_at(ss, photo_group);
  bool entry = !k && qg_feat_heading(&ss->w[0].f) && index_entry_at(ss, 0);
  ss->index_prev = false;
  /* a line ending with a colon under heading lines, over body text, introduces that text
   * (各位代表：, 注意事项：): a paragraph, never the title (probe 11a F15) */
  if (k >= 2 && k < ss->n && ss->w[k - 1].f.end == QG_END_COLON && !ss->w[k - 1].f.subtitle) {
    ss->w[k - 1].salute = true;
    k--;
  }
  /* (a listing's first round's heading under the headline is the listing's, no title:
   * listing_head) */
  if (k >= 2 && k < ss->n && listing_head(ss, k)) k--;
  int rc = 0;
  size_t used;
  qg_block *extra[QG_STRUCT_EXTRA] = {NULL};
  /* the issuer and the date under a notice's closing formula (特此公告。| 某某银行股份有限公司
   * 董事会 | 2025年3月28日): its signature, bylines of the same article, which the date ends
   * (probe 11a F13); before, a new article of a kicker and a title */
  if (k && ss->sign && !ss->w[0].f.subtitle &&
      (date_like(&ss->w[0]) || (k >= 2 && ss->sign == 2 && date_like(&ss->w[1])))) {
    ss->sign--;
    qg_block *b = ss->w[0].b;
    b->kind = QG_KIND_BYLINE;
    if (date_like(&ss->w[0])) ss->ended = true, ss->sign = 0;
    rc = emit(ss, b);
    ss->signed_off = ss->ended;
    shift_held(ss, 1);
    return rc;
  }
  /* a department's name under a notice's closing formula (特此通知。 | 青溪市总工会 | 文体部 |
   * 2024年12月2日, …特此通知。 | 市总工会文体部 at the text's end): the notice's signature,
   * bylines that end it, with the date under them (dept_line under a body's name, body_shaped, or
   * a department of a body alone; session 48: no cue names 文体部 an issuing body, and the lines
   * were the next item's kickers, the date its title). With no date, only at the text's end:
   * over the next item's heading a department is as often that item's kicker or column
   * (市疾控中心, 新闻中心: review 48 R4 took that reading back), and over body text it is read
   * as before. */
  if (k && ss->article && ss->has_body && !ss->ended &&
      (ss->sign == 2 || (ss->p_tail_n && closing_tail(ss->p_tail, ss->p_tail_n)))) {
    size_t d = k >= 2 && body_shaped(&ss->w[0]) && dept_line(&ss->w[1]) ? 2
               : dept_line(&ss->w[0]) == 2                                ? 1
                                                                          : 0;
    if (d && d < k && (date_like(&ss->w[d]) || num_date(&ss->w[d]))) d++;
    else if (d && !(d == ss->n && ss->finishing)) d = 0;
    if (d) {
      for (size_t i = 0; i < d; i++) ss->w[i].b->kind = QG_KIND_BYLINE;
      ss->sign = 0;
      rc = emit_held(ss, d, 0);
      ss->ended = ss->signed_off = true;
      return rc;
    }
  }
  ss->sign = 0;
  /* an issuer alone under a notice's closing formula, over the next item's heading (…请过往车辆提前
   * 绕行。特此通告。 | 青溪市交通运输局 | 关于调整12路公交线路的通知 | …): the notice's signature, a
   * byline that ends it, as the issuer and its date are (session 47, review 46b L2: it was the
   * next item's kicker). A date under the issuer is the rules' below; an issuer over body text
   * is read as before. */
  if (k >= 2 && ss->p_tail_n && ss->article && ss->has_body && !ss->ended &&
      closing_tail(ss->p_tail, ss->p_tail_n) && !ss->w[0].f.subtitle && !ss->w[0].f.section &&
      !ss->w[0].f.notice && !date_like(&ss->w[1]) && !date_noted(&ss->w[1]) &&
      !num_date(&ss->w[1]) && issuer_line(&ss->w[0])) {
    ss->w[0].b->kind = QG_KIND_BYLINE;
    rc = emit_held(ss, 1, 0);
    ss->ended = ss->signed_off = true;
    return rc;
  }
  /* a notice's tail under its body: an attachment list, contact fields and the issuer over the
   * date (附件：1．安全检查表 | 2．自查报告模板 | 联系人：刘洋 | 联系电话：… | 市教育局 | 2024年12月2日):
   * notice_tail; the list and the fields are the notice's body text (p: apart_kind sets them
   * apart), the issuer and the date its signature (bylines, which end it). Session 48, review 47
   * M7: the lines were a second article of kickers and a title, with the date for its title. */
  {
    size_t sig = 0, j = k >= 3 && ss->p_tail_n && ss->article && ss->has_body && !ss->ended
                            ? notice_tail(ss, k, &sig)
                            : 0;
    if (j) {
      for (size_t i = 0; i < j; i++)
        ss->w[i].b->kind = sig && (i == sig || i == sig + 1) ? QG_KIND_BYLINE : QG_KIND_P;
      rc = emit_held(ss, j, rc);
      if (sig) ss->ended = ss->signed_off = true;
      return rc;
    }
  }
  /* a signature at the end (张建国同志治丧小组 | 2024年1月4日, 国务院 | 2024年5月23日): after body
   * text, one or two display lines, the last a date alone, with nothing after them but the
   * document's end or a note (（此件公开发布）): the article's issuer and date, bylines (probe
   * 12b B6: an obituary's, a letter's, a government document's signature became a new article
   * of a kicker and a date for its title). Up to two lines between the body and the signature,
   * an attachment's list (附件：1. … | 2. …), are the body's end: p. Not ended: a document's
   * 版记 under its note (抄送：…) is still the document's. A date alone over body text (a
   * diary's day) is left as it was. */
  /* (the lines over the issuer read as an attachment's list, 附件：… or numbered, and the
   * issuer holds no colon: a last item's headline and deck over an issuer and a date are a
   * new item's, 相关链接：… is no issuer; review 12 R4) */
  const held *iss = k >= 2 ? &ss->w[k - 2] : NULL;
  bool list_above = true;
  for (size_t i = 0; i + 2 < k && list_above; i++) list_above = attachment_line(ss->w[i].b);
  /* (a date with its note in brackets on the same line, 二〇二四年三月五日（此件公开发布）, ends the
   * signature as the two lines do: date_noted; and the note under the date is the document's,
   * a `p` after the signature's bylines, not a subhead: session 23, probe 22 M6) */
  /* (and a date in figures or a year and month under a body's name, 青溪市交通运输局 | 2026.12.5:
   * sign_date; session 47) */
  bool noted = k && (date_like(&ss->w[k - 1]) || (k == ss->n && date_noted(&ss->w[k - 1])) ||
                     sign_date(ss, k - 1));
  if (k && k <= 4 && ss->article && ss->has_body && !ss->ended && noted &&
      (k == ss->n || note_line(ss->w[k].b, &done)) && list_above &&
      (k == 1 || (!iss->f.subtitle && !iss->f.section && iss->f.chars <= 24 &&
                  iss->f.end == QG_END_NONE && !date_like(iss) &&
                  !has_colon(iss->b)))) {
    for (size_t i = 0; i < k; i++) ss->w[i].b->kind = i + 2 < k ? QG_KIND_P : QG_KIND_BYLINE;
    if (k < ss->n) ss->w[k++].b->kind = QG_KIND_P; /* (the note: 此件公开发布) */
    return emit_held(ss, k, rc);
  }
  /* a 公文's end matter under its signature (东湖市教育局 | 2024年3月5日 | 附件：读书节活动安排表 |
   * 东湖市教育局办公室 | 2024年3月5日印发): display lines that open with 附件, 抄送：… or the 印发
   * line, then lines of an attachment's list, an office, a date, 抄送 or 印发, over the document's
   * end or a block that is no dateline or byline: the document's, p (review 23 H3: the signature
   * ended the item and these lines were a second article's title) */
  /* (and with no signature over them, after body text: an attachment's title and list over the
   * signature or the 版记, 附件：读书节活动安排表 | 东湖市教育局办公室 | 2024年3月5日印发, were a
   * second article's kickers and title; here the line opens with 附件： 附件1 附：, 抄送：… or
   * the 印发 line: session 24) */
  if (k && (ss->ended || attach_colon(ss->w[0].b)) && ss->article && ss->has_body &&
      end_matter_lead(ss->w[0].b) &&
      (k == ss->n || (!ss->w[k].f.dateline && !ss->w[k].f.byline))) {
    bool all = true;
    for (size_t i = 1; i < k && all; i++) {
      const held *h = &ss->w[i];
      all = attachment_line(h->b) || copy_to(h->b) || issued_line(h->b) || printed_line(h->b) ||
            date_like(h) ||
            (!h->f.subtitle && h->f.chars <= 24 && h->f.end == QG_END_NONE && !has_colon(h->b));
    }
    /* (an issuer over a date alone last, 附件：1．… | 2．… | 东湖市城市管理局 | 2024年11月20日,
     * is a signature under its attachment's list, as at a document's end above: bylines, which
     * end the item) */
    bool sig = all && k >= 3 && date_like(&ss->w[k - 1]) && !date_like(&ss->w[k - 2]) &&
               !attachment_line(ss->w[k - 2].b) && !has_colon(ss->w[k - 2].b) &&
               !printed_line(ss->w[k - 2].b) && !ss->w[k - 2].f.subtitle;
    if (all) {
      for (size_t i = 0; i < k; i++)
        ss->w[i].b->kind = sig && i + 2 >= k ? QG_KIND_BYLINE : QG_KIND_P;
      rc = emit_held(ss, k, rc);
      ss->ended = ss->signed_off = sig;
      return rc;
    }
  }
  /* a signature under body text with more items after it (孙德厚同志治丧小组 | 2026年11月30日 |
   * 招标公告 …, 读者 刘秀芝 | 2026年11月25日 | 简讯): the issuer and the date, or the date
   * alone, end the item, bylines; the lines after them are the next item's (probe 17 P7: on a
   * page of notices the signature became the kicker and title of the next item). A heading and
   * a date over body text (标题 | 2026年11月30日 | 本报讯…) are left as they were: the run of
   * display lines goes on after the signature here. */
  if (k >= 2 && ss->article && ss->has_body && !ss->ended) {
    /* (a date with its note, 2024年3月5日（此件公开发布）, is a signature's date here too: review
     * 23 H3, the signature over the document's end matter was a second article's kickers) */
    size_t sg = date_like(&ss->w[0]) ? 1
                : !ss->w[0].f.subtitle && !ss->w[0].f.section && ss->w[0].f.chars <= 24 &&
                          ss->w[0].f.end == QG_END_NONE && !has_colon(ss->w[0].b) &&
                          (date_like(&ss->w[1]) || date_noted(&ss->w[1]) || sign_date(ss, 1))
                    ? 2
                    : 0;
    if (sg && sg < k && !ss->w[sg].f.subtitle && !date_like(&ss->w[sg])) {
      for (size_t i = 0; i < sg; i++) ss->w[i].b->kind = QG_KIND_BYLINE;
      rc = emit_held(ss, sg, rc);
      ss->ended = ss->signed_off = true;
      return rc;
    }
  }
  /* a signature under body text with body text after it (孙德厚同志治丧小组 | 2026年11月30日 |
   * （上接第1版）据了解…, 张桂兰 | 2026年11月20日 | 记者了解到…): the run of display lines ends
   * with a date alone over a block that is no heading; the date and an issuer over it are the
   * item's bylines and end it (review 16 R2: they were the kicker and title of a new article,
   * which under a continued story titled someone else's story). A paragraph that opens with a
   * jump note back has no headline on this page, so the lines over it are never its title: a
   * date alone, or any short line over a date, is a signature there. Otherwise the issuer must
   * read as one (issuer_line) and the block under it must not open with a dateline: a headline
   * and a date over 本报讯… or over body text (市政府召开常务会议 | 2026年11月30日 | 会议强调…)
   * are a new article's as before, and a date alone over body text (a diary's day) a subhead.
   * Lines over the issuer that are a letter's last sentences (在此，…感谢！) or its closing are
   * body text. */
  if (k && k <= 4 && k < ss->n && ss->article && ss->has_body && !ss->ended &&
      (date_like(&ss->w[k - 1]) || sign_date(ss, k - 1)) && !ss->w[k - 1].f.subtitle) {
    const qg_block *nb = ss->w[k].b;
    bool back = qg_text_jump_lead(nb->text.ptr, nb->text.len) > 0 ||
                qg_text_is_jump(nb->text.ptr, nb->text.len) == 2;
    const held *is = k >= 2 ? &ss->w[k - 2] : NULL;
    bool plain = is && !is->f.subtitle && !is->f.section && !date_like(is) &&
                 is->f.chars <= 24 && is->f.end == QG_END_NONE && !has_colon(is->b);
    size_t sg = 0;
    /* (over a dateline paragraph, the next story's start, only a body's name or a role and a
     * name: a headline of two or three characters, or two short phrases, over a date and
     * 本报讯… is a new article's; review 17 H1) */
    int who = plain && !back ? issuer_line(is) : 0;
    if (plain && (back || (who && (!ss->w[k].f.dateline || who >= ISSUER_ROLE)))) sg = 2;
    else if (back) sg = 1;
    bool above = sg > 0;
    for (size_t i = 0; above && i + sg < k; i++)
      above = letter_closing(ss->w[i].b) ||
              (ss->w[i].f.end == QG_END_STOP && ss->w[i].f.commas && ss->w[i].f.end_exclaim &&
               !qg_block_ends_with_any(ss->w[i].b, (const char *const[]){"？", "?", NULL}));
    if (above) {
      for (size_t i = 0; i < k; i++) ss->w[i].b->kind = i + sg < k ? QG_KIND_P : QG_KIND_BYLINE;
      rc = emit_held(ss, k, rc);
      ss->ended = ss->signed_off = true;
      return rc;
    }
  }
  /* a notice's field lines under its heading (招标公告 | 项目名称：… | 招标编号：DHZB-2026-118 |
   * 投标截止时间：…): the heading is the group, the fields are the notice's body (below) */
  /* (a heading over fields is a new item's, as the group of them all was) */
  for (size_t j = 1; j + 1 < k && !label_value(ss->w[0].b); j++) {
    if (!label_value(ss->w[j].b)) continue;
    size_t lv = j, ascii = 0;
    for (int v; lv < k && (v = label_value(ss->w[lv].b)); lv++) ascii += v == 2;
    if (lv - j >= 2 && ascii * 2 >= lv - j) k = j, after_fields = true;
    break;
  }
  /* two or more lines in a row of a field's label and its value inside an article with body
   * text (媒体联系人：李女士 | 电话：010-12345678 | 邮箱：…): the article's end matter, body
   * text, not a new article's kickers and title (probe 11a F14) */
  /* (also under a notice's heading alone, 招标公告 | 项目名称：…, and when heading lines follow
   * them: the fields are the item's end matter, the heading the next item's; probe 17 P7) */
  if (k >= 2 && ss->article && (ss->has_body || ss->has_title) && !ss->ended) {
    /* (half of the values or more a number or an address: headlines of the form 北京：… |
     * 上海：… have Han values) */
    size_t lv = 0, ascii = 0;
    for (int v; lv < k && (v = label_value(ss->w[lv].b)); lv++) ascii += v == 2;
    if (lv >= 2 && ascii * 2 >= lv) {
      for (size_t i = 0; i < lv; i++) ss->w[i].b->kind = QG_KIND_P;
      ss->has_body = true;
      rc = emit_held(ss, lv, rc);
      ss->fields_end = true;
      return rc;
    }
  }
  /* a poem's title over its poet's byline after an ornament, over the poem's lines in the same
   * run (渡口 | □林也 | 我的母亲 | 在渡口等过一条船 …, 诗苑 | 夜泊枫桥 | □[唐]张继 | …): the run ends
   * with the byline, and the short lines under it are the poem's (poem_line; session 27, probe
   * 26 M5: the byline and the lines were kickers, the last line the title) */
  for (size_t j = 1; j + 1 < k; j++) {
    if (!ornament_byline(&ss->w[j])) continue;
    const held *t = &ss->w[j - 1], *v = &ss->w[j + 1];
    if (t->f.end == QG_END_NONE && t->f.chars <= QG_POEM_TITLE && !t->f.ornament &&
        v->f.chars <= QG_POEM_LINE && !v->f.ornament) {
      k = j + 1;
      ss->poem_by = ss->w[j].b;
    }
    break;
  }
  /* a poem's or a work's title over its poet's or author's name (静夜思 | 李白, 《静夜思》 |
   * （唐）李白): the name is a byline under the title, which ends the group (session 22; the
   * title was a kicker or a section, the name the title) */
  if (k >= 2 && poet_at(ss, k - 1, k)) {
    ss->w[k - 1].f.byline = true;
    k--;
    /* (over short lines, the poem's, which are verse under it: session 27) */
    if (ss->w[k].f.ornament && k + 1 < ss->n && ss->w[k + 1].f.chars <= QG_POEM_LINE)
      ss->poem_by = ss->w[k].b;
  }
  /* a columnist's line under a headline (今日快评 | 别让…卡在最后一公里 | □ 江舟 | body): a byline,
   * which ends the group, its ornament dropped as a byline's is (probe 25 M6: the name was the
   * title, the headline a kicker) */
  else if (k >= 2 && columnist_line(&ss->w[k - 1])) {
    ss->w[k - 1].f.byline = true;
    k--;
    /* (under a poem's short title, over short lines: the poem's byline, session 27) */
    if (ss->w[k - 1].f.chars <= QG_POEM_TITLE && k + 1 < ss->n &&
        ss->w[k + 1].f.chars <= QG_POEM_LINE)
      ss->poem_by = ss->w[k].b;
  }
  /* a byline's role alone under a headline (让城市更宜居 | 本报特约评论员 | body), perhaps with
   * the name on the line under it (… | 本报特约评论员 | 司马青 | body): the article's byline,
   * which ends the group, the name a byline too (names_line, after role_end); session 37: the
   * headline was a kicker and the role the title, or the role a kicker and the name the title */
  else if (k >= 2 && role_only(ss->w[k - 1].b) && !role_only(ss->w[k - 2].b)) {
    ss->w[k - 1].f.byline = true;
    k--;
  } else if (k >= 3 && role_only(ss->w[k - 2].b) && !role_only(ss->w[k - 3].b) &&
             names_line(ss->w[k - 1].b)) {
    ss->w[k - 2].f.byline = true;
    k -= 2;
  }
  /* a person's name alone under a headline with a clause mark, over body text (青溪评论 |
   * 慢一点，也是一种效率 | 岑以宁 | body), or under a headline under a column's name (three lines
   * or more, the headline longer than the name): the columnist's byline, as □ 岑以宁 there is; a
   * first clean writes it without its ornament (struct-ornament), and a second clean read the
   * name as the title and the headline as a kicker (session 46, probe 46 M4b). A name under a
   * column's name or a word alone (人物 | 韦晓岚) stays the title, as a feature's name is; a
   * name under a name (获奖名单 | 韦晓岚 | 岑以宁) or under a byline's role (本报特约评论员 | 司马青,
   * the rule above) too */
  else if (k >= 2 && k < ss->n && name_only(&ss->w[k - 1]) &&
           headline_over_name(&ss->w[k - 2], &ss->w[k - 1], k)) {
    ss->w[k - 1].f.byline = true;
    k--;
  }
  /* a body's name and a date under a document's title (东湖市2025年…统计公报 | 东湖市统计局 |
   * 2026年3月15日 | 一、综合): the issuer's signature at the head, bylines, which end the group
   * (probe 42 M6: the date was the title, the title and the issuer kickers) */
  else if (k >= 2 && issuer_date_line(ss->w[k - 1].b) &&
           !(ss->article && !ss->ended && (ss->has_body || ss->has_title))) {
    ss->w[k - 1].f.byline = true;
    k--;
  } else if (k >= 3 && issuer_head(ss, k)) {
    k = 1;
    ss->w[1].f.byline = ss->w[2].f.byline = true;
  }
  /* an official's role and name under a report's title (政府工作报告（摘要） | ——2026年1月15日在
   * …会议上 | 市长　李建国 | 各位代表：): the speaker's byline, which ends the group; a name alone
   * so (在…会议上的讲话 | 王　伟 | 同志们：) over an address to the hearers (probe 42 M6: the name
   * was the title, the lines over it kickers) */
  else if (k >= 2 && (official_line(ss->w[k - 1].b) ||
                      (k < ss->n && address_line(ss->w[k].b) &&
                       person_alone(ss->w[k - 1].b->text.ptr, ss->w[k - 1].b->text.len, 0)))) {
    ss->w[k - 1].f.byline = true;
    k--;
  }
  /* a reader's signature under a letter (…建议有关部门把站台向东挪50米左右。 | 读者 张建平 | 本报记者
   * 核实后…): a byline of the letter's item, not a subhead (probe 25 M6); with a date under it
   * the signature rules above decided */
  if (k && ss->article && ss->has_body && !ss->ended && reader_line(ss->w[0].b)) {
    ss->w[0].b->kind = QG_KIND_BYLINE;
    return emit_held(ss, 1, 0);
  }
  /* a name alone as the document's last block under body text that announces it (…本届“最美守桥人”
   * 称号授予： | 刘青山, …特等奖只评出了一人。 | 韦晓岚, …共评出一个单位。 | 南溪市第一中学: announces):
   * the sentence's rest, body text, neither the article's author tag (s46-fixed) nor its
   * signature (s46-mend2); session 47, review 46b L1 */
  if (k == 1 && ss->n == 1 && ss->finishing && ss->article && ss->has_body && !ss->ended &&
      announces(ss->p_tail, ss->p_tail_n) && !ss->w[0].f.section && !ss->w[0].f.subhead_num &&
      (name_alone(ss->w[0].b->text.ptr, ss->w[0].b->text.len, 0) || names_line(ss->w[0].b) ||
       issuer_line(&ss->w[0]) == ISSUER_BODY || dept_line(&ss->w[0]) == 2)) {
    ss->w[0].b->kind = QG_KIND_P;
    return emit_held(ss, 1, 0);
  }
  /* a body's name alone as the document's last block under body text (…提出宝贵意见。 |
   * 南溪日报编辑部): the article's signature, a byline as a signature over its date is, not a
   * subhead (session 46, review 46 L3: a wrapped page's signature split off by indent_head, and
   * the same line in the blank layout) */
  if (k == 1 && ss->n == 1 && ss->finishing && ss->article && ss->has_body && !ss->ended &&
      (issuer_line(&ss->w[0]) == ISSUER_BODY || dept_line(&ss->w[0]) == 2)) {
    ss->w[0].b->kind = QG_KIND_BYLINE;
    return emit_held(ss, 1, 0);
  }
  /* (the letter's last sentences over the signature, 请问，这事到底该谁管？ | 读者 刘建国 | 记者追踪:
   * one or two lines that end a sentence, with a comma inside or a letter's closing, are the
   * letter's body text, the signature its byline; the lines under it are the next part's.
   * Session 28, probe 27 H7: they were a kicker, a title and a byline of a new article) */
  if (k >= 2 && ss->article && ss->has_body && !ss->ended) {
    for (size_t j = 1; j < k && j <= 2; j++) {
      if (!reader_line(ss->w[j].b)) continue;
      bool above = true;
      for (size_t i = 0; i < j && above; i++)
        above = letter_closing(ss->w[i].b) ||
                (ss->w[i].f.end == QG_END_STOP && ss->w[i].f.commas && !ss->w[i].f.subtitle);
      if (!above) break;
      for (size_t i = 0; i < j; i++) ss->w[i].b->kind = QG_KIND_P;
      ss->w[j].b->kind = QG_KIND_BYLINE;
      return emit_held(ss, j + 1, 0);
    }
  }
  if (k) {
    /* a heading that repeats an earlier article's title, after body text, is that item pasted
     * again (a notice twice, under another article: its heading was that article's subhead, and
     * dedup, which removed the repeated body, left the heading and the contact line in the
     * wrong article): it opens an item of its own, as after a notice's fields, and dedup takes
     * a copy with no new text whole (session 26) */
    for (size_t i = 0; i < k && k < ss->n && !after_fields && ss->has_body; i++)
      after_fields = title_seen(ss, &ss->w[i], &ss->w[k]);
    rc = classify_group(ss, ss->w, k, k < ss->n ? &ss->w[k] : NULL,
                        k + 1 < ss->n ? &ss->w[k + 1] : NULL, after_fields);
    if (!rc && ss->finishing && k + 1 >= ss->n) poem_end(ss, k);
    used = k;
    /* (组图: the captions under it are the group's) */
    ss->photo_group = ss->w[k - 1].b->text.len <= 12 &&
                      (strstr(ss->w[k - 1].b->text.ptr, "组图") ||
                       strstr(ss->w[k - 1].b->text.ptr, "組圖"));
    ss->index_prev = index_head(ss->w[k - 1].b);
  } else {
    rc = classify_one(ss, &ss->w[0], ss->n > 1 ? &ss->w[1] : NULL, extra);
    used = 1;
    ss->photo_group = ss->w[0].grouped && ss->w[0].b->kind == QG_KIND_CAPTION &&
                      !extra[QG_STRUCT_EXTRA - 1];
    /* an index's last entry ends it: the story under it is another item (probe 17 P12) */
    if (entry && ss->w[0].b->kind == QG_KIND_P) {
      ss->index_prev = true;
      if (!(ss->n > 1 && index_entry(ss->w[1].b, &ss->w[1].f))) ss->ended = true;
    }
  }
  bool spec_run = false; /* (the last of the rows emitted is a spec list's: row_spec) */
  for (size_t i = 0; i < used; i++) spec_run = ss->w[i].b->kind == QG_KIND_P && spec_list_at(ss, i);
  for (size_t i = 0; i < used; i++) {
    bool p = ss->w[i].b->kind == QG_KIND_P;
    ss->row_fields = p ? ss->w[i].row : 0;
    ss->row_cells = p ? ss->w[i].cells : 0;
    ss->row_lf = p && (ss->w[i].f.table || ss->w[i].lf);
    ss->sched_row = p && schedule_row(ss->w[i].b);
    ss->row_bars = p ? ss->w[i].bars : 0;
    ss->row_tabs = p ? ss->w[i].tabs : 0;
    ss->row_data = p && ss->w[i].data;
    ss->row_spec = spec_run && i + 1 == used;
    /* (a table's unit line and the rows under it: session 24; the unit line comes first, so
     * the rows are looked at only under one) */
    bool head = p && ss->w[i].f.chars <= 20 && unit_line(ss->w[i].b);
    ss->unit_rows = p && ss->w[i].f.chars <= 40 &&
                    ((ss->unit_rows && wide_cells(ss->w[i].b) &&
                      (ss->unit_head || has_digit(ss->w[i].b))) ||
                     head);
    ss->unit_head = head;
    if (!rc) rc = emit(ss, ss->w[i].b);
    else qg_block_release(ss->base.ctx, ss->w[i].b);
  }
  for (size_t i = 0; i < QG_STRUCT_EXTRA; i++) {
    if (!extra[i]) continue;
    if (!rc) rc = emit(ss, extra[i]);
    else qg_block_release(ss->base.ctx, extra[i]);
  }
  shift_held(ss, used);
  return rc;
}

/* ---- blocks set apart: an editor's note, an attachment list, a contact block (session 47) ----
 * A paper sets these paragraphs apart (another face, a box, a rule), so the writers give them
 * their own element (docs/structure.md, "Session 47 (s47-notes)"). They are decided when a block
 * is emitted, after every rule of the stage has made it a `p` (the label alone of an editor's
 * note: a `subhead`), and set on qg_block.apart: every later stage reads the block as it did
 * before (the text is the same), qg_block_kind and the writers give the kind set apart. Only
 * blocks whose kind the stage made `p` (or that subhead) are looked at; articles are unchanged. */

/* The label of an editor's note that b opens with: 编者按 编者的话 编后 编后语 (traditional forms
 * too), in 【】 ［］ [] 〔〕 or not. 1: the label alone (a colon after it or not); 2: the label, a
 * colon or its closing bracket, and the note; 0: none (编者按 in a sentence, 编后记…, 编后的…). */
static int note_label(const qg_block *b, bool *after) {
  static const char *const labels[] = {"编者的话", "編者的話", "编者按", "編者按", "编后语", "編後語",
                                       "编后", "編後", NULL};
  static const char *const opens[] = {"【", "［", "[", "〔", NULL};
  static const char *const closes[] = {"】", "］", "]", "〕", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  /* (most blocks open with none of 编 編 【 ［ [ 〔: their first bytes first) */
  if (n - i < 6) return 0;
  unsigned char c0 = (unsigned char)s[i], c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
  if (!(c0 == 0xE7 && ((c1 == 0xBC && c2 == 0x96) || (c1 == 0xB7 && c2 == 0xA8))) &&
      !(c0 == 0xE3 && c1 == 0x80 && (c2 == 0x90 || c2 == 0x94)) &&
      !(c0 == 0xEF && c1 == 0xBC && c2 == 0xBB) && c0 != '[')
    return 0;
  int br = -1;
  for (int k = 0; opens[k] && br < 0; k++)
    if (n - i >= strlen(opens[k]) && !memcmp(s + i, opens[k], strlen(opens[k])))
      br = k, i += strlen(opens[k]);
  size_t at = i;
  for (int k = 0; labels[k] && at == i; k++)
    if (n - i >= strlen(labels[k]) && !memcmp(s + i, labels[k], strlen(labels[k])))
      at = i + strlen(labels[k]), *after = k >= 4;
  if (at == i) return 0;
  bool sep = false;
  if (br >= 0) {
    size_t c = strlen(closes[br]);
    if (n - at < c || memcmp(s + at, closes[br], c)) return 0;
    at += c, sep = true;
  }
  while (at < n && (s[at] == ' ' || s[at] == '\t')) at++;
  if (at < n && s[at] == ':') at++, sep = true;
  else if (n - at >= 3 && !memcmp(s + at, "\xEF\xBC\x9A", 3)) at += 3, sep = true; /* ： */
  while (at < n && (s[at] == ' ' || s[at] == '\t')) at++;
  return at >= n ? 1 : sep ? 2 : 0;
}

/* Whether s[0..n) holds a mark that ends or parts a sentence: 。！？；!?; (an attachment's name or a
 * contact's value holds none). */
static bool has_sentence_mark(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '!' || c == '?' || c == ';') return true;
    if (i + 3 <= n && ((c == 0xE3 && !memcmp(s + i, "\xE3\x80\x82", 3)) ||
                       (c == 0xEF && (!memcmp(s + i, "\xEF\xBC\x81", 3) || !memcmp(s + i, "\xEF\xBC\x9F", 3) ||
                                      !memcmp(s + i, "\xEF\xBC\x9B", 3)))))
      return true;
  }
  return false;
}

/* An attachment list's lead: 附件 (figures or one numeral 〇…九 after it or not: 附件1, 附件二) and a colon,
 * then nothing (1) or the first item's name (2: 附件：1．…标准, 附件：…汇总表), at most 80
 * characters with no sentence mark; else 0 (附件中的表格…, 附件：请于…前报送。). */
static int annex_list_lead(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 6;
  if (n < 9 || (unsigned char)s[0] != 0xE9 || memcmp(s, "附件", 6) || n > 4 * 84) return 0;
  if (i < n && (unsigned)(s[i] - '0') < 10u) {
    while (i < n && (unsigned)(s[i] - '0') < 10u) i++;
  } else if (n - i >= 3) {
    size_t j = i;
    if (qg_cp_cn_numeral(qg_utf8_next(s, n, &j)) == 1) i = j;
  }
  size_t c = colon_len(s, n, i);
  if (!c) return 0;
  i += c;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i == n) return 1;
  return qg_utf8_count(s + i, n - i) <= 80 && !has_sentence_mark(s + i, n - i) ? 2 : 0;
}

/* An item of an attachment list under its lead: a number and . ． 、 first (attachment_line), a
 * name of at most 84 characters with its number, no sentence mark. */
static bool annex_list_item(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n > 4 * 84 || !n || (unsigned)(s[0] - '0') >= 10u || !attachment_line(b)) return false;
  return qg_utf8_count(s, n) <= 84 && !has_sentence_mark(s, n);
}

/* Whether s[0..n) opens with one of labels (NULL-ended) and a colon, then a value of 1 to max
 * characters with no sentence mark and no ，, nor , or 、 when lists (a list of values is no
 * field's value); false also when no label opens it. contact_field and staff_field ask it. */
static bool label_field(const char *s, size_t n, const char *const *labels, size_t max,
                        bool lists) {
  for (int k = 0; labels[k]; k++) {
    size_t l = strlen(labels[k]), c;
    if (n <= l || memcmp(s, labels[k], l) || !(c = colon_len(s, n, l))) continue;
    size_t i = l + c;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t m = n - i;
    if (!m || qg_utf8_count(s + i, m) > max || has_sentence_mark(s + i, m)) return false;
    for (size_t j = i; j < n; j++)
      if ((lists && s[j] == ',') ||
          (j + 3 <= n && (!memcmp(s + j, "，", 3) || (lists && !memcmp(s + j, "、", 3)))))
        return false;
    return true;
  }
  return false;
}

/* Whether b is a line of a contact block: a contact line (qg_text_contact_line, contact_line: a
 * number, an address of e-mail or of the web after its label), or 联系人 地址 联系地址 通讯地址
 * 通信地址 邮编 邮政编码 and a colon before a value of 1 to 40 characters with no clause or
 * sentence mark (联系人：王老师, 地址：东湖市解放路88号). */
static bool contact_field(const qg_block *b) {
  static const char *const labels[] = {"联系人", "联系地址", "通讯地址", "通信地址", "地址",
                                       "邮编", "邮政编码", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n < 8 || n > 240) return false;
  /* (a field's label is short: a Latin one, Tel: …, or one of one to six Han characters and a
   * colon, as qg_text_contact_line and qg_text_label read them: the colon at byte 3 to 18) */
  if ((unsigned)((s[0] | 0x20) - 'a') < 26u) {
    size_t i = 1; /* (Tel: E-mail： Telephone. : the colon within 13 bytes, as latin_contact_label) */
    while (i < 13 && i < n && s[i] != ':' && (unsigned char)s[i] != 0xEF) i++;
    if (i == 13 || i == n) return false;
  } else {
    if ((unsigned char)s[0] < 0xE3) return false;
    size_t i = 3;
    while (i + 3 <= n && i <= 18 && s[i] != ':' &&
           !(s[i] == '\xEF' && s[i + 1] == '\xBC' && s[i + 2] == '\x9A'))
      i += 3;
    if (i + 3 > n || i > 18) return false;
  }
  if (qg_text_contact_line(s, n) || contact_line(b)) return true;
  return label_field(s, n, labels, 40, true);
}

/* Whether s[0..n) names a document as an attachment list's item does (review 47 M2): a number
 * first (1．…), a book-title mark (《…》), a file's name (.pdf .doc .docx .xls .xlsx .wps .zip), or
 * a name ending in 表 图 清单 名单 方案 办法 细则 目录 汇总 标准 (…汇总表, 参会人员名单, 演练路线图). */
static bool annex_doc_name(const char *s, size_t n) {
  static const char *const exts[] = {".pdf", ".doc", ".xls", ".wps", ".zip", ".PDF", ".DOC", NULL};
  static const char *const ends[] = {"表", "图", "清单", "名单", "方案", "办法", "细则", "目录", "汇总",
                                     "标准", NULL};
  if (n && (unsigned)(s[0] - '0') < 10u) return true;
  for (size_t i = 0; i + 3 <= n; i++) {
    if (!memcmp(s + i, "《", 3)) return true;
    if (s[i] == '.')
      for (int k = 0; exts[k]; k++)
        if (n - i >= 4 && !memcmp(s + i, exts[k], 4)) return true;
  }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  for (int k = 0; ends[k]; k++) {
    size_t l = strlen(ends[k]);
    if (n >= l && !memcmp(s + n - l, ends[k], l)) return true;
  }
  return false;
}

/* Whether the attachment list that b leads (its lead: annex_list_lead gave label) belongs to an
 * official document (review 47 M2: 附件：一张旧照片 in a story, the story going on under it, was an
 * attachment): one of its lines names a document (annex_doc_name: a number, 《…》, a file's
 * name, …表 …名单 …方案), or a 公文's tail follows it (a line that ends no sentence: the issuer, the
 * date, a contact line); and what follows the list is no body prose (a paragraph that ends a
 * sentence, with no dateline, and no 抄送 or 抄报 line). The list's lines are those apart_kind takes (annex_list_item, or
 * under 附件： alone one short line). A list that the window ends inside is taken when the text
 * ends there (finishing), else left. */
static bool annex_document(const struct_stage *ss, const qg_block *b, int label) {
  size_t at = 0;
  while (at < ss->n && ss->w[at].b != b) at++;
  if (at >= ss->n) return false;
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 6;
  while (i < n && s[i] != ':' && !(n - i >= 3 && !memcmp(s + i, "：", 3))) i++;
  i += i < n && s[i] == ':' ? 1 : 3;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  bool doc = (unsigned)(s[6] - '0') < 10u || (label == 2 && i < n && annex_doc_name(s + i, n - i));
  size_t j = at + 1;
  bool bare = label == 1;
  while (j < ss->n) {
    const qg_block *c = ss->w[j].b;
    if (annex_list_item(c)) doc = true;
    else if (!(bare && qg_utf8_count(c->text.ptr, c->text.len) <= 80 &&
               !has_sentence_mark(c->text.ptr, c->text.len)))
      break;
    else if (annex_doc_name(c->text.ptr, c->text.len)) doc = true;
    bare = false, j++;
  }
  if (j >= ss->n) return ss->finishing && doc;
  /* (a 公文's tail line that ends a sentence is no body prose: 抄送：… 抄报：…) */
  const qg_block *c = ss->w[j].b;
  if (c->text.len > 6 && (!memcmp(c->text.ptr, "抄送", 6) || !memcmp(c->text.ptr, "抄报", 6)))
    return true;
  return !(ss->w[j].f.end == QG_END_STOP && !ss->w[j].f.dateline);
}

/* A block that names one of a paper's staff by a field, not body text (review 47 M3: 主编：王建国 over
 * an imprint's 地址 and 邮编 counted as the body paragraph a contact block follows): 主编 副主编 总编辑
 * 编辑 责任编辑 美术编辑 校对 社长 总编 and a colon before a value of 1 to 20 characters with no
 * sentence or clause mark. */
static bool staff_field(const qg_block *b) {
  static const char *const labels[] = {"主编", "副主编", "总编辑", "总编", "责任编辑", "美术编辑",
                                       "编辑", "校对", "社长", "副社长", NULL};
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (n < 9 || n > 120 || (unsigned char)s[0] < 0xE4 || (unsigned char)s[0] > 0xE8) return false;
  /* (the labels' first characters: 主 副 总 责 美 编 校 社; most blocks are asked) */
  uint32_t c0 = ((uint32_t)(unsigned char)s[0] << 16) | ((uint32_t)(unsigned char)s[1] << 8) |
                (unsigned char)s[2];
  if (c0 != 0xE4B8BB && c0 != 0xE589AF && c0 != 0xE680BB && c0 != 0xE8B4A3 && c0 != 0xE7BE8E &&
      c0 != 0xE7BC96 && c0 != 0xE6A0A1 && c0 != 0xE7A4BE)
    return false;
  return label_field(s, n, labels, 20, false);
}

/* The index of b among the held blocks (emit_held emits them in place), ss->n: none. */
static size_t held_index(const struct_stage *ss, const qg_block *b) {
  size_t i = 0;
  while (i < ss->n && ss->w[i].b != b) i++;
  return i;
}

/* Whether the note's paragraph b goes on from the note before it (apart_kind): the block after
 * it is a display line or a paragraph with a dateline (the item the note introduces), or, after
 * 编后 or 编后语, the text ends with b. */
static bool note_goes_on(const struct_stage *ss, const qg_block *b) {
  size_t at = held_index(ss, b);
  /* (a heading only over a note that opened its article, or after 编后: under a titled article's
   * 编者按 the heading is the article's own subhead, and b its first body paragraph) */
  if (at + 1 < ss->n)
    return ((ss->note_lead || ss->note_after) && qg_feat_heading(&ss->w[at + 1].f)) ||
           ss->w[at + 1].f.dateline;
  return at < ss->n && ss->note_after && ss->finishing; /* (b is the text's last block) */
}

/* Sets b->apart when b, a `p` (an editor's note's label alone: a `subhead`) just classified, is
 * one of the blocks a paper sets apart (the rules: docs/structure.md, "Session 47 (s47-notes)");
 * an attachment list's lines may be subheads too (附件：1．… short, a display line), a contact
 * block's lines only `p`:
 *  - an editor's note: a paragraph that opens with its label (编者按：…, 【编者的话】…, 编后：…), the
 *    label alone, the paragraph under the label alone, and one paragraph more right after the
 *    note's paragraph when what follows it is a heading or a paragraph with a dateline (the item
 *    the note introduces, or the next item after 编后), or after 编后 the text's end;
 *  - an attachment list after body text: its lead (附件：…) and the numbered items right under it
 *    (or, under 附件： alone, one item);
 *  - a contact block right after a body paragraph (not after credits: an imprint's 地址 and 邮编
 *    under 主编：… stay p), or, after the article's body, right after its attachment list or a
 *    signature's date (session 48: 附件：… | 联系人：… | …, 市教育局 | 2024年12月2日 | 联系人：…):
 *    two lines or more in a row of contact fields (contact_field) that end
 *    the article: what follows them is no body paragraph (one that ends a sentence, with no
 *    dateline), or the text ends. */
static void apart_kind(struct_stage *ss, qg_block *b) {
  if (b->article != ss->apart_art) {
    ss->apart_art = b->article, ss->apart_prev = QG_KIND_LINE;
    ss->apart_body = ss->apart_titled = ss->apart_sig = false, ss->contact_left = 0;
  }
  qg_kind prev = ss->apart_prev;
  bool after_body = ss->last_body, sig_prev = ss->apart_sig;
  ss->apart_prev = QG_KIND_LINE, ss->last_body = ss->apart_sig = false;
  bool p = b->kind == QG_KIND_P;
  if (!p && b->kind != QG_KIND_SUBHEAD) {
    if (b->kind == QG_KIND_TITLE) ss->apart_titled = true;
    /* (a signature's date under the body, a byline: a contact block may follow it, 市教育局 |
     * 2024年12月2日 | 联系人：刘洋 | 联系电话：…; session 48. Not a staff byline, 主编：王芳 over an
     * imprint's 地址 and 邮编: s47-notes N5) */
    if (b->kind == QG_KIND_BYLINE && ss->apart_body) {
      held h = {.b = b};
      qg_cues_measure(ss->cues, b, &h.f);
      ss->apart_sig = date_like(&h) || num_date(&h);
    }
    ss->contact_left = 0;
    return;
  }
  /* (the blocks after b in the window, for the look-ahead) */
  size_t at = SIZE_MAX; /* (held_index, when asked) */
  bool after = false;
  int cf = -1; /* (contact_field(b), when asked) */
  int label = b->dateline_len ? 0 : note_label(b, &after);
  qg_kind k = QG_KIND_LINE;
  if (label == 1 || (label == 2 && p)) {
    k = QG_KIND_EDITOR_NOTE, ss->note_paras = 1, ss->note_alone = label == 1;
    ss->note_after = after, ss->note_lead = !ss->apart_titled;
  } else if (p && prev == QG_KIND_EDITOR_NOTE && !b->dateline_len && ss->note_paras < 3 &&
             (ss->note_alone || note_goes_on(ss, b)) && !annex_list_lead(b)) {
    k = QG_KIND_EDITOR_NOTE, ss->note_paras++, ss->note_alone = false;
  } else if (ss->apart_body && (label = annex_list_lead(b)) && annex_document(ss, b, label)) {
    k = QG_KIND_ATTACHMENT, ss->annex_bare = label == 1;
  } else if (prev == QG_KIND_ATTACHMENT && (annex_list_item(b) || (ss->annex_bare &&
             qg_utf8_count(b->text.ptr, b->text.len) <= 80 &&
             !has_sentence_mark(b->text.ptr, b->text.len)))) {
    k = QG_KIND_ATTACHMENT, ss->annex_bare = false;
  } else if (p && ss->contact_left && prev == QG_KIND_CONTACT && contact_field(b)) {
    k = QG_KIND_CONTACT, ss->contact_left--;
  } else if (p && (after_body || (ss->apart_body && (prev == QG_KIND_ATTACHMENT || sig_prev))) &&
             (cf = contact_field(b)) && (at = held_index(ss, b)) < ss->n) {
    size_t j = at + 1;
    while (j < ss->n && contact_field(ss->w[j].b)) j++;
    /* (the window ends inside the run: its end is not seen, and it is left) */
    /* (…nor under it body text: a paragraph ending a sentence, not the next item's dateline
     * paragraph nor an editor's note opening it) */
    bool ends = j < ss->n ? !(ss->w[j].f.end == QG_END_STOP && !ss->w[j].f.dateline) ||
                                note_label(ss->w[j].b, &after)
                          : ss->finishing;
    if (j - at >= 2 && ends) k = QG_KIND_CONTACT, ss->contact_left = (unsigned)(j - at - 1);
  }
  if (k != QG_KIND_CONTACT) ss->contact_left = 0;
  if (k) b->apart = k, ss->apart_prev = k;
  else if (p) ss->apart_body = true, ss->last_body = !(cf >= 0 ? cf : contact_field(b)) && !staff_field(b);
}

/* Whether b may be a line of notes by its first byte: a note (0 to 7), a bar, a bracket, white
 * space (most blocks open with a Han character). */
static bool notes_lead(const qg_block *b) {
  unsigned char c = b->text.len ? (unsigned char)b->text.ptr[0] : 0;
  return (unsigned)(c - '0') < 8u || c == '|' || c == '(' || c == ' ' || c == '\t' || c == 0xE3 ||
         c == 0xEF;
}

static int struct_push(qg_stage *s, qg_block *b) {
  struct_stage *ss = (struct_stage *)s;
  ss->w[ss->n].b = b;
  ss->w[ss->n].salute = ss->w[ss->n].grouped = false;
  qg_cues_measure(ss->cues, b, &ss->w[ss->n].f);
  if (b->verbatim) { /* Markdown's verbatim text: read as a body paragraph (no heading, no
                      * credit or author tag split off it, no ornament dropped) */
    qg_feat *f = &ss->w[ss->n].f;
    uint32_t chars = f->chars;
    *f = (qg_feat){.chars = chars, .stops = 1, .end = QG_END_STOP};
    f->credit_keep.at = f->credit_tail.at = f->author_keep.at = f->author_tail.at = SIZE_MAX;
  }
  if (b->table_row) ss->w[ss->n].f.table = true; /* a row of a Markdown table (paragraph.c) */
  /* (an exam's row of options, A．-3　　B．0, is a row of cells: body text, and dedup leaves a
   * second question's same options alone, as it leaves a table's rows; probe 22 M6) */
  else if (b->text.len && (unsigned)(b->text.ptr[0] - 'A') < 4u && exam_line(b, true))
    ss->w[ss->n].f.table = true;
  /* (a songbook's line of notes or of lyrics, a line of its own of the paragraph stage, is a row
   * of a score: body text, and dedup leaves a refrain's repeated notes and lyrics alone, as it
   * leaves a table's rows; session 24) */
  else if (b->own_line && b->text.len &&
           (qg_text_score_line(b->text.ptr, b->text.len) || qg_text_sung_line(b->text.ptr, b->text.len)))
    ss->w[ss->n].f.table = true;
  /* (lyrics under a line of notes that the paragraph stage did not take for one: a scale that
   * climbs as a calendar's week does, 2 3 4 5 | 6 7 | over 我 们 一 起 唱 歌 吧, a line of notes
   * with no bar (qg_text_notes): both are a score's rows, the lyrics no subhead; session 26) */
  else if (ss->n && b->text.len >= 9 && notes_lead(ss->w[ss->n - 1].b) &&
           qg_text_notes(ss->w[ss->n - 1].b->text.ptr, ss->w[ss->n - 1].b->text.len) &&
           qg_text_sung_line(b->text.ptr, b->text.len)) {
    ss->w[ss->n].f.table = true;
    held *p = &ss->w[ss->n - 1];
    if (!p->f.table) {
      p->f.table = p->b->table_row = true;
      p->row = figure_row(p);
      p->cells = cell_row(p);
    }
  }
  /* (a table's or a chart's source line, 资料来源：南江市统计局, is a line of the table: body text,
   * no subhead, and dedup leaves its repeat under a second table alone; probe 25 M6) */
  else if (b->text.len >= 9 &&
           ((unsigned char)b->text.ptr[0] >= 0xE4 || b->text.ptr[0] == ' ' || b->text.ptr[0] == '(') &&
           source_line(b, &ss->w[ss->n].f))
    ss->w[ss->n].f.table = true;
  b->table_row = ss->w[ss->n].f.table;
  ss->w[ss->n].row = figure_row(&ss->w[ss->n]);
  ss->w[ss->n].cells = cell_row(&ss->w[ss->n]);
  ss->w[ss->n].lf = ss->w[ss->n].f.non_han && b->text.len <= 160 &&
                    qg_text_label_figures(b->text.ptr, b->text.len);
  ss->w[ss->n].bars = ss->w[ss->n].f.non_han && !ss->w[ss->n].f.commas
                          ? qg_text_bar_cells(b->text.ptr, b->text.len)
                          : 0;
  ss->w[ss->n].tabs = b->text.len <= 160 ? qg_text_tab_cells(b->text.ptr, b->text.len) : 0;
  ss->w[ss->n].data = data_line(&ss->w[ss->n]);
  ss->w[ss->n].spec = spec_row(&ss->w[ss->n]);
  ss->n++;
  /* a heading group is decided only when the block after it is in the window */
  while (ss->n == QG_STRUCT_WINDOW) {
    int rc = step(ss);
    if (rc) return rc;
  }
  return 0;
}

static int struct_finish(qg_stage *s) {
  struct_stage *ss = (struct_stage *)s;
  ss->finishing = true;
  while (ss->n) {
    int rc = step(ss);
    if (rc) {
      ss->finishing = false;
      return rc;
    }
  }
  ss->finishing = false;
  return 0;
}

static void drop_held(struct_stage *ss) {
  for (size_t i = 0; i < ss->n; i++) qg_block_release(ss->base.ctx, ss->w[i].b);
  ss->n = 0;
  ss->w = ss->wbuf;
}

static int struct_begin(qg_stage *s) {
  struct_stage *ss = (struct_stage *)s;
  drop_held(ss);
  ss->article = 0;
  ss->has_title = ss->has_body = ss->ended = ss->photo_open = ss->quote_open = false;
  ss->sched_row = ss->finishing = false;
  ss->row_fields = ss->row_cells = 0;
  ss->row_lf = false;
  ss->row_bars = ss->row_tabs = 0;
  ss->unit_rows = ss->unit_head = false;
  ss->row_data = ss->row_spec = ss->signed_off = false;
  ss->turns = 0;
  ss->verse_end = 0;
  ss->verse_prev = false;
  ss->line_run = ss->names_rows = false;
  ss->rows_n = 0;
  ss->rows_head = 0;
  ss->poem = ss->exam = ss->exam_head = ss->key_list = false;
  ss->poem_by = NULL;
  ss->poem_lines = 0, ss->poem_stop = ss->poem_multi = false;
  ss->p_tail_n = 0;
  ss->item_prev = 0;
  ss->item_open = false;
  ss->colon_end = ss->score_end = ss->round_end = ss->event_end = false;
  ss->list_prev = 0;
  ss->exam_run = (struct exam_run){0};
  ss->rounds = 0;
  ss->n_titles = 0;
  ss->title_wait = false;
  ss->credit_end = ss->done_end = false; /* (read44: the last document's last block) */
  ss->apart_prev = QG_KIND_LINE, ss->apart_art = 0;
  ss->apart_body = ss->last_body = ss->note_alone = ss->note_after = ss->annex_bare = false;
  ss->apart_titled = ss->note_lead = false;
  ss->note_paras = ss->contact_left = 0;
  return 0;
}

static void struct_free(qg_stage *s) {
  struct_stage *ss = (struct_stage *)s;
  drop_held(ss);
  qg_edit_free(&ss->ed);
  free(ss->titles);
  free(ss);
}

static const qg_stage_vt struct_vt = {.name = "structure", .begin = struct_begin,
                                      .push = struct_push, .finish = struct_finish,
                                      .free = struct_free};

qg_stage *qg_stage_structure_new(qg_ctx *ctx) {
  struct_stage *ss = calloc(1, sizeof *ss);
  if (!ss) return NULL;
  ss->base.vt = &struct_vt;
  ss->base.ctx = ctx;
  ss->cues = qg_ctx_cues(ctx);
  qg_edit_init(&ss->ed);
  ss->w = ss->wbuf;
  return &ss->base;
}
