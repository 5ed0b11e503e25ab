/* paragraph.c: lines -> paragraphs.
 *
 * Three layouts are recognised (options.paragraphs, or automatically per document):
 *   blank    paragraphs are separated by blank lines; consecutive lines are one paragraph
 *            whose lines were wrapped, and an indented line, or one that opens with an
 *            ornament (■ □ ●: a byline), also starts a paragraph. At the top of an article,
 *            heading lines on consecutive lines are paragraphs of their own (take_blank).
 *            Chosen when a blank line stands between two non-blank lines among the first
 *            QG_PARA_PROBE lines. When those lines show that the lines between blank lines
 *            are paragraphs too (blank_lines: they end with marks, and few are wide lines
 *            ending inside a sentence; probe 10a F2), every line is a paragraph, as in the
 *            line layout, and the layout is still reported blank.
 *   wrapped  no blank lines, hard-wrapped at a width W: a line as wide as W (within 2
 *            columns) continues into the next line unless that one is indented. Chosen when
 *            at least 3 and at least 40% of the probed lines are within 2 columns of the
 *            widest (W >= 16 columns, full-width characters counting 2). Or (session 27)
 *            at a modal width, with wider lines that are paragraphs of one line (modal_width,
 *            modal_apart).
 *   line     otherwise: every non-blank line is a paragraph.
 * A named wrapped layout probes the same window for W (the widest line with a line end among
 * the first QG_PARA_PROBE lines), so a short first line is not taken as full. In both cases a
 * later, wider line widens W.
 * An indented line starts with U+3000, a tab or an EM SPACE (U+2003, or EM QUAD U+2001), or
 * two spaces (ASCII, no-break, or the other spaces of qg_cp_is_uspace; review 15b R2).
 * Joining wrapped lines drops the white space around the line break and puts nothing between
 * two lines when either side is a full-width (CJK) character; between two narrow characters
 * it puts one space only where a word boundary is plausible (qg_join_with_space: never inside a
 * URL, e-mail address, number, time or hyphenated word, and in Chinese text only between two
 * Latin words; qg_join_in_link: nor at a cut inside a URL, domain or e-mail token,
 * https://www.exam|ple.com, unless the line ended with white space).
 * Decision (ambiguous-width punctuation): · — ‘ ’ “ ” … have East Asian width "ambiguous";
 * Chinese print copy sets them full-width, so they count 2 columns in line widths and are
 * full-width at a join (qg_cp_is_cjk_ambiguous in utf8.c): “好”|“走吧” joins with no space.
 * At a join, a run of them takes the class of the nearest other character on its side, so
 * curly quotes in Latin text ("said “yes”|“no”") keep their space.
 * Decision (soft breaks): when the line ends in U+00AD SOFT HYPHEN or a zero-width character
 * (U+200B..U+200D, U+2060, U+FEFF), or the next line starts with one, the break is inside a
 * word: the lines join with no space ("exam\u00AD" + "ination" -> "examination"). This stage
 * looks at the character before the chars stage removes it; the chars stage still removes and
 * reports it. An ASCII hyphen is a visible character and is left to the general rule.
 * Line breaks, blank lines and white space at the end of a paragraph are layout, not text:
 * they are not reported. White space at the start of a paragraph is left for the chars stage,
 * which removes it as an indent and reports it.
 * Decision (heading lines, blank layout): a block whose first lines are all heading lines
 * (qg_feat_heading and no comma or semicolon; a subtitle led by ——; a byline of a role and
 * names with a space between) is a heading group, one paragraph per line, when a subtitle
 * stands after its first line, or a byline is its last line (of two or more), or the line
 * after them opens with an ornament or a dateline (本报讯 …, which then starts the article's
 * first paragraph). Otherwise the lines are one wrapped paragraph, as before: a paragraph cut
 * at a column end and wrapped in a narrow column is made of short lines without a sentence
 * mark too, so short lines alone prove nothing (a width rule was tried and dropped for that);
 * its lines hold commas, which headlines do not. Up to QG_PARA_HEADS lines are held.
 * Decision (list points): in the wrapped and blank layouts a line that opens with a list
 * marker (一、 （一） 1. 1、 ①: opens_list) starts a paragraph unless the line before ends with
 * a comma (，、), an opening bracket or quotation mark (a cut inside a sentence) or an ASCII
 * letter or digit (strip|(3)).
 * Decision (session 21, probe 20 M2: items joined silently): after a figure's mark a Han
 * numeral is the item's text (1. 五花肉切块 under 步骤：); a bullet before a figure (- 666) is an
 * item under an item with the same bullet or under a line ending with a colon (digit_bullet),
 * a minus sign's line elsewhere; a line that opens like an item and is still joined to the
 * line above as its wrapped rest (· 肯尼迪, - 5℃, （一） after a comma) is reported, para-join
 * (add_line). A bullet's item and a line of verse put out alone are marked (qg_block.lead) for
 * the structure stage, which makes them body text.
 * Decision (records, verse, labels; probe 10a F4, F7, F17): in the wrapped and blank layouts
 * a line also starts a paragraph when it opens with ① ⑴ ⒈ (also after a figure), with a
 * clock time and white space after a schedule entry or a short plain line, with an item label
 * 1) a) A. Ⅰ. after a line that ends a clause or sentence, with a label and a colon after a
 * line that did too (上联：| 下联：), when it has the verse shape of the line before, or when it is
 * a date alone (under a signature). Heading lines whose last is a poet's name stay apart.
 * Decision (probe 11a F5, F6, F7, F16, F17, F21; session 11): a join here is silent, so lines
 * stay apart where the evidence is weak. Labels of up to six Han characters (媒体联系人：) count
 * for the label rule, also after a figure when the label has two or more (电话：…8 | 传真：…); a
 * section or step number with white space (1 …, 1.1 …: section_num) starts a paragraph when it
 * follows the number of the line before or is the first after ：；。！？ ; a closing formula
 * (特此公告。) starts one; a subtitle's time code and its cue's lines are lines of their own in
 * every layout; a caption 图1 … / 表1 … is a line of its own like a table row; in the blank
 * layout a block's only heading line 1 引言 stays apart from the paragraph under it, and a group
 * of heading lines ending with no mark does not count against blank_lines (F4). Auto layout:
 * lines of which fewer than one in four hold a mark are never wrapped (subtitles set with
 * spaces for commas).
 * Decision (probe 12b; session 12): lines of their own by convention (alone_line: a 发文字号,
 * a 密级, a 紧急程度, the 版记's 印发 line, a letter's 此致) start a paragraph unless the line
 * before shows a cut, and so does the line after them; in the blank layout so do a dash-led
 * line of dialogue after 。！？, a line opening with “ under one that left its quotation open at
 * a sentence end, and the line under a 主送机关 line (qg_para_addressee); a row may have a
 * code for its label before a clock time (CCTV-1 19:00 新闻联播), two short lines with the same
 * two or more TABs inside are rows, a span of clock times opens a schedule entry; an epigraph's
 * dash-led source does not count against blank_lines; . after € or a figure after Han ends a
 * sentence for the layout guess (docs/structure.md, "Session 12").
 * Decision (tables): a table row (qg_text_is_table_row: three or more number fields between
 * spaces, at least half of the fields; or, since session 16, two figures that are no bare whole
 * numbers, 东湖 小雪 -5℃ 2℃) is a paragraph of its own in every layout, and the line after it
 * starts one: joining rows would glue 2.35万手 to the next row's 000858.
 * Decision (probe 17 P4, P5, P14; session 16): rows of data (a figure that is no bare whole
 * number, qg_text_cells) pair with labels of other lengths and a code label, and under a header
 * of words; the first row or header held under heading lines stands apart; two lines of a label
 * and figures (福彩3D…：5 8 2) are rows; a clock time with ： or full-width digits opens a
 * schedule's entry; a group of two lines each ending a sentence, not shaped like one wrapped
 * paragraph, makes the lines paragraphs (blank_lines).
 * Decision (session 20, probe 19 R15): the rows of a Markdown pipe table are paragraphs of
 * their own in every layout, its delimiter row left as written (md_pipe_cells; docs/ci.md,
 * "Markdown articles").
 * Decision (session 20, probe 20 H1, H2: lines that are not wrapped stay lines): the blank layout
 * joined every line of a group between blank lines, silently, so verse, lyrics, a glossary, a
 * prescription's rows, a poem's title and its poet ran together (…幸福的人喂马…, algorithm数据结构,
 * 静夜思李白). Widths alone cannot tell them from prose: a paragraph wrapped in a narrow column
 * is made of short lines too, and a wrapped line ends mid-word at any width (the width rule
 * of the heading lines was dropped for that, above). What the group itself shows decides:
 *  - verse and lyrics (group_end): a group of 2 to QG_PARA_GROUP lines, each of verse_line's
 *    shape (at most QG_VERSE_LINE characters of Han with only ，、—— · and white space between,
 *    no sentence mark, colon, bracket, quotation mark, Latin letter or digit), the last ending
 *    with a Han character: wrapped prose ends with a mark and holds marks, figures or Latin
 *    within a line or two. One such group alone is no proof (a headline set over two lines,
 *    书香满城 | 小院书屋点亮乡村夜晚, after a body paragraph stays one paragraph, as documented),
 *    so its lines are paragraphs when the paragraph before it (a title such as 秋日, or the group
 *    before) or the group after it has the shape too: the first such group is held, cur and its
 *    join offsets (at most QG_PARA_GROUP lines of at most QG_VERSE_LINE characters), until the
 *    next group ends; anything else put out first puts it out joined, as before.
 *  - classical verse one 句 to a line (qg_para_jue_shape: 5 or 7 Han characters and one ，。？！；):
 *    two such lines of one count in a row start paragraphs (no column of prose is 6 or 8
 *    characters wide; 4 and 6 are left out: 第一段第一行，| 第一段第二行。 is prose), and the first
 *    is taken apart from a title above it (split_last); a poem's title (title_line: in 《》 or 2
 *    to 8 Han characters and ·) and a poet's name alone under it (poet_line) stay two lines
 *    also when a blank line follows them (heading_group).
 *  - rows: two lines in a row that are a term and its translation (term_line: 算法 algorithm) or
 *    three or more fields of amounts (dose_row: 党参15g　白术12g　茯苓15g) are rows, the first
 *    taken apart from a label line above it (处方： | 党参15g…).
 *  - a chat's turns: a name with an emoji before the colon (chat_label: 小鱼🐟：…) counts as a
 *    label, so two turns in a row are lines of their own as labelled lines were (repair's
 *    label_led takes the same name).
 *  - a form's row of two or more label：value fields between white space that ends with no
 *    sentence mark (form_row: 黑方：…九段　白方：…九段) is no cut: the line under it starts a
 *    paragraph (九段黑贴… was glued).
 *  - code (session 22): in the wrapped and blank layouts a line that reads as program code
 *    (qg_text_code_line, indent or not) starts a paragraph under another such line or under a
 *    line ending with a colon (代码如下： | x = 1 | y = 2 were one paragraph); a line that ends
 *    inside a link (…?id=12 | 34&page=2) counts as none for the line after it.
 * A line found in such a run (a 句 line, a row; also across a blank line, so that clean's own
 * output reads the same) is marked own_line: the repair stage joins nothing to it and it to
 * nothing (山外青山楼外楼， was joined again at its comma). If a guess fails, the cost is a
 * paragraph break where the author had a line break; no text is joined or lost.
 * Decision (session 22, probe 22 H6, H7, H9–H12, H17, H19, M5: nothing is joined silently;
 * docs/structure.md, "Session 22 (s22-lines)"): numbered lines in sequence (line_number,
 * section_follows: 1. | 1.1, 1.2 | 第2章, 第四条 | 4.1, 2．-5… | 3．-3…) are lines, the first taken
 * back from the line above it (split_last); after a sentence's end an item's number with any
 * text, an article's label and white space (第二条　租期), a label of up to four characters, a
 * masked name (用户j***a：), 注1： or ※ start a paragraph; ▪ ✓ → … are bullets (more_bullet), and a
 * second item with the bullet of a line joined as a wrapped line's rest takes that line back;
 * the line under a date alone starts one; Q: | A: stay apart (qa_label); a subtitle's cue
 * number, time code and text are own_line; a Markdown text's indented code block is verbatim
 * (md_code). A blank-layout join after a line ending with 。！？… is reported (para-join), as is
 * a join of a line that opens like an item; both notes wait for the next line (due), which
 * may take the join back.
 * Decision (session 23; docs/structure.md, "Session 23 (s23-left)"): a WebVTT file's header (its
 * first line WEBVTT…, and the lines under it up to a blank line), its NOTE, STYLE and REGION
 * blocks and a cue's identifier over its time code are own_line; the issuer over a date alone
 * (二〇二四年三月五日, also with its note （此件公开发布）) is taken back from an attachment's line
 * or a sentence's end it was joined to (issuer_text); a numbered heading (一、总体要求,
 * 第一章　总则: numbered_heading) alone over a line three columns wider stays apart, as a section
 * number's heading (1 引言) did, and a line joined under it is reported (para-join).
 * A line (or piece of a long line) that would join a paragraph past options.max_block_bytes
 * starts a new paragraph instead, and that cut is reported (para-split); a line that starts a
 * paragraph anyway is not a cut and is not reported. */
#include "internal.h"
#include "simd.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Lines examined before the layout is decided: a page's first articles show it, and the
 * window bounds the memory held before the first paragraph goes on. */
#define QG_PARA_PROBE 64
#define QG_PARA_PROBE_BYTES (4u << 20) /* and at most this much text (4 pieces of a long line) */
/* Heading lines held at the start of a block in the blank layout before it is decided whether
 * they are a heading group: a section, two kickers, a title and two subtitles at most. */
#define QG_PARA_HEADS 6
/* A line before a schedule's entry (CCTV-1综合 | 12:00 新闻30分) is at most this long (bytes). */
#define QG_PARA_SHORT 48
#define QG_PARA_SHORT_HEAD 12 /* characters of a heading line alone over a wider line (short_head) */
/* A line longer than this (bytes) is no heading line and is not measured for one. */
#define QG_PARA_HEAD_BYTES 160
/* A label before a colon (电话：, 媒体联系人：) is at most this many Han characters. */
#define QG_PARA_LABEL 6
/* A section number's heading line (1 引言, 2.1 数据集与预处理) is at most this many characters. */
#define QG_PARA_SEC_HEAD 16
/* Lines of a blank-layout group recorded while they may be lines of verse (group_end); a
 * longer group is prose, and a line of verse holds at most QG_VERSE_LINE characters. */
#define QG_PARA_GROUP 16
/* the tail of the last line kept to find it printed again after a page turn (page_repeat) */
#define QG_PARA_RP_BYTES 384
#define QG_VERSE_LINE 16

typedef struct para_stage {
  qg_stage base;
  signed char folio;  /* the line in hand is a folio (1) or not (0), -1 not asked: line_folio */
  signed char rhead;  /* …a running head (1) or not (0), -1 not asked: line_rhead */
  bool lx_space;      /* …holds white space (line_facts' space: line_rhead, line_folio) */
  const qg_block *lx_blk; /* the line in hand whose facts these are, while take_line has it */
  bool lx_asc;        /* …and it holds an ASCII letter or mark (line_facts' asc: verse_of) */
  qg_para_mode mode;  /* QG_PARA_AUTO until decided */
  int wrap_width;     /* in columns, or in characters when wrap_chars: as written */
  int wrap_fx;        /* the same as fixed (measure): a line is full by either (session 13) */
  bool wrap_chars;    /* auto layout: wrapped at a number of characters (probe 10c F5) */
  bool wrap_lead;     /* …with the indent counted among them (decide, lead_counted; s46-wrap) */
  bool wrap_modal;    /* auto layout: wrapped at the width most lines cut mid-sentence fill,
                       * wider lines being paragraphs of one line (decide; session 26) */
  bool modal_indent;  /* …and two or more probed lines are indented: indents show where the
                       * paragraphs start (modal_apart; session 27) */
  bool wrap_set;      /* wrapped at the widest line: a set column (decide; wrapped_head) */
  bool wrap_indent;   /* …and two or more probed lines are indented: indents show where the
                       * paragraphs start (figure_cut; session 30) */
  bool line_auto;     /* auto layout read as one paragraph per line (decide): indent_cut */
  int line_wmax, line_fxmax; /* …and the widest probed line, as written and as fixed */
  bool first_seen;    /* the text's first line that is not blank was taken: first_line */
  uint32_t first_line;
  bool prev_credit;   /* wrapped layout: the line before ended with a photo credit (credit_line) */
  bool prev_unind;    /* the line before was not blank and not indented (indent_start) */
  uint32_t fig_line;  /* wrapped layout: the page's first line alone was joined to a line cut
                       * before a figure (figure_cut) and is still cur's first line; 0: none */
  size_t fig_at;      /* …cur's length before that join; fig_end: its end line */
  uint32_t fig_end, fig_line_next; /* (and the line joined then) */
  bool cur_photo;     /* wrapped layout: cur opened with a caption line (photo) */
  bool join_stop;     /* wrapped layout: cur's last line was joined under a line that ended a
                       * sentence (the credit rule: a caption under a paragraph's full last line) */
  bool prev_gap;      /* modal width: the line before held white space between Han (han_gap) */
  qg_tokvec toks;     /* the words across a cut (modal_prose) */
  qg_block *probe_head, *probe_tail;
  size_t nprobe;
  size_t probe_bytes; /* text held in the probe */
  bool seen_text, seen_blank_after_text, blank_between_seen;
  qg_block *cur;      /* paragraph being built */
  int last_width;     /* display width of the last line added to cur (as written) */
  int last_fx;        /* and as fixed */
  int last_lead;      /* and its indent (lead_width) */
  bool prev_eol;      /* the previous line ended with a line break */
  bool last_table;    /* the last line added was a table row (qg_text_is_table_row) */
  int prev_fields;    /* row_fields of the line before (0: none, or a blank line between) */
  int prev_first;     /* and the characters of its first field (the label column) */
  unsigned prev_shape; /* and which of its fields hold a digit (bit k: field k + 1) */
  bool prev_data;     /* and it held a figure that is no bare whole number (row_fields) */
  bool prev_lf;       /* the line before was a label and figures (qg_text_label_figures) */
  uint32_t prev_ends[2]; /* and the first characters of its first and last fields */
  bool row_whole;     /* the line before was a row that ends as the row before it did (a
                       * Han character, a digit, another mark: last_class), so not cut at the
                       * column: the line after it is no tail of it (take_line, after_row) */
  int run_fields;     /* the last run of rows of data (three fields or more): their fields */
  unsigned run_shape; /* …which of them hold a digit */
  uint8_t run_gap;    /* …lines since its last row (a heading between two runs: 女单决赛) */
  uint32_t prev_line; /* source line of the last block taken */
  uint32_t prev_last; /* the last character of the last non-blank line, white space not
                       * counted (0: none) */
  bool prev_done;     /* that line ends with the note that ends a story, （完） or （全文完）
                       * (qg_text_done_note_at): the paragraph ends there (session 47) */
  bool prev_label;    /* that line opened with a label and a colon (opens_label) */
  uint32_t prev_sec;  /* …with a section or step number and white space (section_num) */
  bool in_cue;        /* a subtitle's time code stood above, no blank line since (F6) */
  uint8_t vtt;        /* WebVTT (session 23): 1 the document opened with its header line
                       * (qg_text_vtt_header), 2 and that header's block goes on (no blank line
                       * since), 3 a NOTE, STYLE or REGION block goes on */
  bool nb_seen;       /* a line that is not blank was seen in the document */
  bool after_blank;   /* the line before was blank, or the document's start */
  bool prev_closing;  /* the line before was a closing formula, 特此公告。 (closing_line) */
  bool prev_form;     /* …a form's row of fields (form_row) */
  bool prev_code;     /* …a line of program code (qg_text_code_line) */
  bool prev_bullet;   /* the line before opened with a list bullet (qg_text_bullet_lead) */
  uint32_t bullet_c;  /* …and that bullet (for digit_bullet) */
  bool prev_marker;   /* the line before was Markdown's markers alone (qg_text_marker_line) */
  bool prev_jump;     /* …was a jump note alone or ended with one (qg_text_is_jump, probe 17) */
  bool prev_paper;    /* …was a paper's name (qg_text_paper_name) */
  bool prev_mdate;    /* …was a masthead's date under a paper's name (qg_text_masthead_date) */
  /* Markdown's verbatim text (verbatim_line): the fence of the open code block (` or ~, 0:
   * none) and its length; front matter open; the document's non-blank lines so far */
  char fence;
  size_t fence_len;
  int front;          /* 1: the first line was --- or +++, 2: the second a key: front matter */
  bool comment;       /* an HTML comment open, <!-- without its --> yet */
  uint32_t doc_lines;
  bool prev_clock;    /* …with a clock time (opens_clock) */
  int prev_capnum;    /* …with a photo group's caption number (caption_number) */
  bool prev_dash;     /* …opened with a dash of dialogue (——我想回家。) */
  bool prev_alone;    /* …was a line of its own by convention (alone_line: 此致, 国发〔2024〕12号) */
  bool prev_quote;    /* …opened with “ and ended a sentence with the quotation open (“第一，…。) */
  int prev_tabs;      /* …held this many TABs between fields (0: none, or a blank line between) */
  int prev_bars;      /* …held this many bars between cells (inner_bars) */
  bool prev_names;    /* …was a row of names (name_row; the blank layout) */
  int prev_names_head; /* …was a short line a row of names may stand under (name_row): 2 when
                        * it is set as a list's heading, 1 otherwise, 0: none */
  bool names_gap;     /* …and a blank line came after it */
  bool names_list;    /* …the heading over the rows names a list (list_head), a row under it too */
  char names_text[120]; /* …its text, when it was one of them (name_row) */
  size_t names_len;
  qg_block *prev_short; /* …its text when it was short (at most QG_PARA_SHORT bytes), else NULL */
  qg_block short_line;  /* (a block viewing short_text) */
  char short_text[QG_PARA_SHORT];
  uint32_t prev_verse; /* its verse_shape */
  /* Markdown's pipe tables (md_pipe_cells, md_delim_cells; session 20, probe 19 R15) */
  int md_cols;        /* inside a table: its delimiter row's cells (0: none) */
  int prev_pipe;      /* the cells of the line before as a pipe row (0: none, or a blank line) */
  uint32_t pipe_line; /* and its source line */
  bool join_ok;       /* the last line taken was joined to cur: cur held join_len bytes and ended
                       * at source line join_end before it (split_last undoes the join) */
  size_t join_len;
  uint32_t join_end, join_line;
  bool blank_lines;   /* blank layout whose lines are paragraphs: every line is one (decide) */
  /* double-spaced copy, a blank line after every line of text wrapped at a column (decide,
   * double_spaced): read in the wrapped layout, a blank line alone between two lines no
   * paragraph's end; dbl_blank: such a blank line held until the line after it is seen */
  bool dbl;
  qg_block *dbl_blank;
  /* the source line (plus one) of the page's credits under double-spaced copy (dbl_credits),
   * 0: none; in the blank layout that line starts a paragraph (session 36) */
  uint32_t credit_line;
  /* blank layout: the source line of a byline alone that started a paragraph (byline_alone), 0:
   * none; the line right under it starts one too (session 48), unless it is the byline's rest
   * (qg_text_byline_rest), joined: then that line's (session 49) */
  uint32_t byline_line;
  /* blank layout: the line being taken is a byline's wrapped rest under it (qg_text_byline_rest):
   * joined with a full-width space between and reported (join_line, add_line; session 49) */
  bool byjoin;
  bool byline_rest; /* byline_line is a byline's rest joined (no second rest: review 49b M2) */
  /* blank layout: the lines at the start of the current block while they are all heading
   * lines (heads, with their line_class), not yet put into cur (take_blank) */
  qg_block *head[QG_PARA_HEADS];
  int head_class[QG_PARA_HEADS];
  size_t nhead;
  bool heads_wait;    /* the heads ended at a blank line and wait for the next line (heads_over) */
  int blank_width;    /* blank layout: the width of the column its wrapped lines show, 0: none
                       * (decide); line_at: where cur's last line starts (join_line) */
  size_t line_at;
  /* the run of lines of Latin text of one width near the column, as of the line taken and
   * before it */
  int lat_n, lat_w, lat_prev_n, lat_prev_w; /* (count_latin, latin_grid_cut) */
  bool lat_sp, lat_prev_sp;
  /* blank layout: the lines joined into cur (group_end), while they number at most
   * QG_PARA_GROUP (0: not recorded): where each was joined (cur's length before it) and its
   * source line; and whether all have the shape of a line of verse (verse_line) */
  int grp_n;
  bool grp_verse;
  bool grp_list; /* (the group's first line is a list's heading, qg_text_list_heading, and every
                  * line joined under it a row of names, qg_text_name_row: group_end; session 40) */
  size_t grp_cut[QG_PARA_GROUP];
  uint32_t grp_line[QG_PARA_GROUP];
  /* a group of verse_line's shape (two lines or more) that no such group came before: held
   * until the group after it ends (group_end), with its grp_ fields */
  qg_block *held;
  int held_n;
  size_t held_cut[QG_PARA_GROUP];
  uint32_t held_line[QG_PARA_GROUP];
  uint32_t prev_jue;  /* qg_para_jue_shape of the line before */
  uint32_t prev2_jue; /* and of the line before that */
  bool prev_term;     /* the line before was a term and its translation (term_line) */
  bool prev_dose;     /* …a row of doses (dose_row) */
  bool prev_qty;      /* …a quantity and its value (quantity_row) */
  bool prev_spaced;   /* …a row of cells set apart by runs of ASCII spaces (spaced_row) */
  int prev_cell;      /* …cell_row's answer (2 a row of data, 1 a header of words) */
  unsigned prev_cells; /* …and its cells */
  uint32_t cell_one; /* the source line of the last row of data with cell gaps of U+3000 (cell_row
                      * 2): a table's row alone too, as the blank layout sets each row apart (a
                      * second clean of the rows kept by cell_lo..cell_hi removed the first as a
                      * repeat; review 44b) */
  uint32_t cell_lo, cell_hi; /* source lines of a run of a data table's rows (cell_row): table_row
                              * too, so dedup leaves a row that repeats another table's (review
                              * 44b: a second day's forecast lost the rows it shared) */
  uint32_t own_lo, own_hi; /* source lines of a run of lines of their own (own_line): a
                       * paragraph of one line among them is marked (0: none) */
  uint32_t prev_nb;   /* the source line of the last non-blank line */
  bool refrain;       /* the lines under a refrain, up to a blank line, are lines of verse
                       * (refrain_apart) */
  uint32_t due_flushed; /* the line of the last note on a join put out (flush_due) */
  bool verse_before;  /* the paragraph put out last was a group of verse_line's shape, ended
                       * by a blank line (group_end) */
  /* session 22 (probe 22 H6, H7, H9, H11, H17) */
  uint32_t prev_bl;   /* the bullet the line before opened with, an item's or not (0: none) */
  uint32_t prev_num;  /* the line before's line_number (0: none; a blank line keeps it) */
  uint32_t prev_letter; /* blank layout: the letter label (letter_label) of the last line that
                         * started a lettered point, while the lines after it open with no
                         * other mark and no blank line comes (0: none; session 47); a line
                         * that opens with a figure and no list's mark, an option's wrapped
                         * rest (A.…约为 | 3×10⁸ m/s), keeps it (session 48) */
  uint32_t q_num;     /* the line_number of the last line that opened with one, kept over the
                       * lines under it that open with no mark or with a letter label (an exam's
                       * question, its stem's rest and its options), 0 after any other mark:
                       * the next question's number after its options starts a point (s48) */
  bool stem_open;     /* the lines since the last numbered line are its wrapped rest, no mark
                       * and no blank line between (at most two): a stem of two lines (s48) */
  int stem_rest;      /* …how many such lines */
  bool prev_qend;     /* the line above is a numbered line or its rest that ends as a question's
                       * stem does (stem_end: 是 ？ ： （　　）), for an A. in the wrapped layout */
  uint32_t above_last; /* take_line: the last character of the line above the one being
                       * added (0: none), for the note on a join after a sentence's end */
  bool above_stop;    /* …and whether that line ends with 。！？… (prev_stop 2) */
  int prev_stop;      /* the last non-blank line ends a sentence: 2 with 。！？… (past closing
                       * quotes and brackets), 1 otherwise (ends_sentence: . after Han), else 0 */
  bool prev_date;     /* the line before was a date alone that started a paragraph */
  unsigned prev_nd;   /* the digits the last non-blank line ends with (ASCII or full-width, white
                       * space not counted; 0: none) and their value (saturating): digits_apart */
  uint64_t prev_nv;
  bool prev_frac;     /* …and they are a fraction or a clock's minutes (tail_digits: 93.6, 17:00) */
  bool prev_index;    /* …was one to six figures alone (a subtitle cue's number) */
  /* Markdown's indented code blocks (md_code): the text shows it is Markdown, a block is open,
   * and the source line of the last non-blank line */
  bool md, icode;
  uint32_t last_nb;
  int prev_qa;        /* the line before opened with Q: or A: (qa_label) */
  /* a join reported (para-join) only when the next line has come, since that line may show
   * it was none (split_last undoes it: · 人员流动大 | · 研发投入不足 under 存在问题) */
  int due;            /* 0: none, 1: a line that opens like an item, 2: a line after 。！？…,
                       * 3: under a numbered heading, 4: under an attachment's title, 5: digits
                       * run into digits (digit_run_join), 7: a byline's wrapped rest joined
                       * with a full-width space (byjoin) */
  qg_pos due_at, due_to;
  uint32_t due_line, due_above;
  /* session 24: a songbook's numbered notation (qg_text_score_line) and the lyrics under it
   * (qg_text_sung_line): 1 the line before was notes, 2 lyrics under notes, else 0 */
  int prev_score;
  /* …and an attachment's list in the blank layout (attach_title): the line before was
   * 附件：… or 附：… as a title (no mark, short), or a short line under one */
  bool prev_attach;
  bool above_attach; /* take_blank's line is joined under such a title (add_line's note) */
  uint32_t label_line; /* the source line of the last box label put out alone (box_label) */
  uint32_t hb_line;    /* blank layout: the source line of a heading line joined, reported, to the
                        * line under it as cur's first (narrow_head; 0: none; photo_title) */
  /* session 42 (page_repeat): the last line of a page printed again at the top of the next
   * page. rp_text: the last QG_PARA_RP_BYTES bytes of the last line taken (white space at its
   * ends trimmed; rp_whole: all of it), its source line, whether it was full (wrapped layout)
   * and ends no sentence; rp_state 0: none, 1: it is the line just above, 2: page furniture
   * came after it (a folio, then at most one running head: rp_furn lines) */
  char rp_text[QG_PARA_RP_BYTES];
  size_t rp_len;
  uint32_t rp_line;
  bool rp_whole, rp_full, rp_fullq, rp_open, rp_adj;
  int rp_state, rp_furn;
  /* a paragraph pasted again (pasted_again): its first line and the length of the text it
   * repeats; at that length the copy ends (session 42) */
  uint32_t copy_line;
  size_t copy_len;
} para_stage;

const char *qg_para_mode_name(qg_para_mode m) {
  switch (m) {
  case QG_PARA_BLANK: return "blank";
  case QG_PARA_LINE: return "line";
  case QG_PARA_WRAPPED: return "wrapped";
  case QG_PARA_AUTO: break;
  }
  return "auto";
}

/* n less the ASCII white space (space, TAB, CR) at the end of s[0..n). */
static inline size_t ascii_rtrim(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  return n;
}

/* Decision (widths as fixed; probe 12a A8, issue 8): the wrapped layout measures a line also as
 * the character and punctuation stages will leave it (a line is full by either measure, see
 * line_width below), so that a file and its `lint --fix`ed copy are laid out alike (measured as written, `,` was 1 column and `，` 2: lines of half-width
 * commas fell short of the widths, the layout was read by characters and a line cut
 * mid-sentence stood apart as a subhead; after --fix the widths were equal and it did not).
 * A character counts as its replacement would, whichever form the line holds:
 *   - a character of no width (the invisibles the chars stage removes: U+200B.., U+00AD, C1
 *     controls; combining marks, which NFC composes) counts nothing, in columns and characters;
 *   - a full-width letter or digit (Ａ ５) counts as its ASCII form, 1 column;
 *   - the marks , ; : ! ? ( ) . and their full-width forms ，；：！？（）。．count 2 columns when
 *     the character before or after their run (white space, invisibles and marks skipped) is
 *     wide, or the run holds a full-width mark (punct's Han context), else as written: so
 *     `近年来,我市` is as wide as `近年来，我市`, `3.5` and `Hello,` stay narrow;
 *   - in that context an ellipsis (three or more . 。 ．, one or three …) counts as ……
 *     (4 columns, 2 characters), a run of dashes (- -- — —— ― ─ －) as —— (4, 2);
 *   - in characters, white space that punct removes (between two wide characters, next to a
 *     mark set wide) counts nothing;
 *   - straight quotes " ' and the tilde ~, and white space, count in columns as written:
 *     copy wrapped at a display width counted them narrow, and counted as fixed (“ ～ 2
 *     columns, white space between Han none) they gave 232 false splits on 150 random pages
 *     of such copy against 116 (session 13); in copy wrapped at a number of
 *     characters a straight quote is one character as “ is.
 * The lead (an indent) counts as written in columns and is left out of the characters (an
 * indent is added after wrapping); white space at the end is left out. */
/* White space of a line's measures and its indent: the line's (qg_cp_is_space) and the other
 * spaces of Unicode (qg_cp_is_uspace: en, em, thin … spaces from PDF extraction), which
 * char-indent removes as an indent and punct as it removes spaces (review 15b R2: an indent of
 * EM SPACEs did not start a wrapped paragraph, and was removed inside the joined one by
 * punct-space). Joins and paragraph ends still trim qg_cp_is_space only (the chars and punct
 * stages remove the others, reported). */
static inline bool indent_space(uint32_t c) { return qg_cp_is_space(c) || qg_cp_is_uspace(c); }

enum { MK_SOLID, MK_MARK, MK_QUOTE, MK_DOT, MK_ELL, MK_DASH, MK_TILDE, MK_SPACE, MK_ZERO };

static int mk_kind(uint32_t c) {
  if (c - 0x4E00u <= 0x9FFFu - 0x4E00u) return MK_SOLID; /* (common Han: most characters) */
  if (indent_space(c)) return MK_SPACE;
  switch (c) {
  case ',': case ';': case ':': case '!': case '?': case '(': case ')':
  case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: case 0xFF08: case 0xFF09:
    return MK_MARK;
  case '"': case '\'': case 0x201C: case 0x201D: case 0x2018: case 0x2019: return MK_QUOTE;
  case '.': case 0x3002: case 0xFF0E: return MK_DOT;
  case 0x2026: return MK_ELL;
  case '-': case 0x2014: case 0x2015: case 0x2500: case 0xFF0D: return MK_DASH;
  case '~': case 0xFF5E: return MK_TILDE;
  default: break;
  }
  if (c == 0xAD || (c >= 0x7F && c <= 0x9F) || qg_cp_width(c) == 0) return MK_ZERO;
  return MK_SOLID;
}

static bool fw_alnum(uint32_t c) {
  return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

/* The columns of a character that stays as it is (or keeps its width): a full-width letter
 * or digit as its ASCII form. */
static int solid_width(uint32_t c) { return fw_alnum(c) ? 1 : qg_cp_width(c); }

/* The width (columns, the lead included) and the characters (the lead left out) of a line as
 * fixed (see "widths as fixed" above). */
static void measure(const qg_block *l, int *width, int *chars) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  int w = 0, c = 0, w_end = 0, c_end = 0; /* (at the end of the last character not white) */
  while (i < n) { /* the lead */
    size_t k = i;
    uint32_t ch = qg_utf8_next(s, n, &k);
    int kind = mk_kind(ch);
    if (kind != MK_SPACE && kind != MK_ZERO) break;
    w += kind == MK_SPACE ? qg_cp_width(ch) : 0;
    i = k;
  }
  w_end = w;
  const unsigned char *u = (const unsigned char *)s;
  int left = 0; /* the columns of the last solid character (0: none) */
  while (i < n) {
    if (qg_utf8_common_han(u + i)) { /* (most characters: no decoding) */
      w += 2, c++;
      w_end = w, c_end = c;
      left = 2;
      i += 3;
      continue;
    }
    if ((unsigned)((u[i] | 0x20) - 'a') < 26u || (unsigned)(u[i] - '0') < 10u) {
      w += 1, c++; /* (an ASCII letter or digit: solid, one column; session 45) */
      w_end = w, c_end = c;
      left = 1;
      i++;
      continue;
    }
    size_t k = i;
    uint32_t ch = qg_utf8_next(s, n, &k);
    int kind = mk_kind(ch);
    if (kind == MK_SOLID) {
      left = solid_width(ch);
      w += left, c++;
      w_end = w, c_end = c;
      i = k;
      continue;
    }
    /* a run of marks, white space and invisibles, up to the next solid character */
    size_t j = i;
    uint32_t right = 0;
    while (j < n) {
      size_t k2 = j;
      uint32_t d = qg_utf8_next(s, n, &k2);
      if (mk_kind(d) == MK_SOLID) {
        right = d;
        break;
      }
      j = k2;
    }
    bool lw = left == 2, rw = right && solid_width(right) == 2;
    bool ctx = lw || rw;
    /* (or a full-width mark in the run; not ． ： － between narrow characters, which the
     * chars and number stages make ASCII: ｗｗｗ．ｅｘ, １４：３０) */
    bool narrowed = !lw && !rw;
    for (size_t p = i; !ctx && p < j;) {
      uint32_t d = qg_utf8_next(s, n, &p);
      ctx = d >= 0x2000 && mk_kind(d) != MK_ZERO && mk_kind(d) != MK_SPACE &&
            !(narrowed && (d == 0xFF0E || d == 0xFF1A || d == 0xFF0D));
    }
    /* pieces of one kind; prev: what the piece before counted as (0 narrow, 1 wide, 2 a
     * mark counted wide), space_w/space_c: white space waiting for what follows it */
    int prev = lw ? 1 : 0;
    int space_w = 0, space_c = 0;
    size_t p = i;
    while (p < j) {
      size_t q = p;
      uint32_t d = qg_utf8_next(s, n, &q);
      int kd = mk_kind(d);
      if (kd == MK_ZERO) {
        p = q;
        continue;
      }
      if (kd == MK_SPACE) {
        space_w += qg_cp_width(d), space_c++;
        p = q;
        continue;
      }
      /* a piece: d and the characters of its kind after it (invisibles skipped) */
      int len = 1;
      for (size_t r = q; r < j;) {
        size_t r2 = r;
        int kr = mk_kind(qg_utf8_next(s, n, &r2));
        if (kr == MK_ZERO) {
          r = r2;
          continue;
        }
        if (kr != kd || kd == MK_MARK || kd == MK_TILDE) break;
        len++, q = r = r2;
      }
      int pw, pc; /* the piece's columns and characters */
      bool fw = d >= 0x2000 && !(narrowed && (d == 0xFF0E || d == 0xFF1A || d == 0xFF0D));
      switch (kd) {
      case MK_DOT:
        if (ctx && len >= 3) pw = 4, pc = 2;
        else pw = (ctx || fw ? 2 : 1) * len, pc = len;
        break;
      case MK_ELL:
        if (ctx && (len == 1 || len == 3)) pw = 4, pc = 2;
        else pw = 2 * len, pc = len;
        break;
      case MK_DASH:
        if (ctx) pw = 4, pc = 2;
        else pw = (fw ? 2 : 1) * len, pc = len;
        break;
      case MK_QUOTE: /* (as written: see above) */
      case MK_TILDE:
        pw = qg_cp_width(d), pc = 1;
        break;
      default: /* MK_MARK */
        pw = ctx || fw ? 2 : 1, pc = 1;
        break;
      }
      /* 0 narrow, 1 wide, 2 a mark set wide (white space next to it goes) */
      int cls = kd == MK_TILDE ? (pw == 2) : kd == MK_QUOTE ? 2 * (ctx || fw) : 2 * (pw > pc);
      /* white space before the piece: in the characters, none next to a mark set wide or
       * between two wide characters */
      w += space_w;
      if (!(prev == 2 || cls == 2 || (prev && cls))) c += space_c;
      space_w = space_c = 0;
      w += pw, c += pc;
      w_end = w, c_end = c;
      prev = cls;
      p = q;
    }
    if (space_w && right) {
      w += space_w;
      if (!(prev == 2 || (prev && rw))) c += space_c;
    }
    i = j;
  }
  *width = w_end;
  *chars = c_end;
}

/* The measures as written (white space at the ends not counted in characters, trailing white
 * space not in columns): what copy wrapped at a display width or a number of characters as
 * typed shows. A line is full when it is by either these or measure's (session 13, review 13
 * R1, R2: measured as fixed alone, lines of full-width digits or half-width commas wrapped as
 * written looked short and were cut: 0 -> 496 and 2 -> 786 false splits on such pages). */
static int line_chars(const qg_block *l) {
  int n = 0, trailing = 0;
  bool lead = true;
  size_t i = 0;
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  while (i < l->text.len) {
    if (l->text.len - i >= 3 && qg_utf8_common_han(u + i)) { /* (no white space: session 45) */
      lead = false, trailing = 0, n++, i += 3;
      continue;
    }
    uint32_t c = qg_utf8_next(l->text.ptr, l->text.len, &i);
    bool sp = indent_space(c);
    if (lead && sp) continue;
    lead = false;
    trailing = sp ? trailing + 1 : 0;
    n++;
  }
  return n - trailing;
}

static int line_width(const qg_block *l) {
  int w = 0, trailing = 0;
  size_t i = 0;
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  while (i < l->text.len) {
    if (l->text.len - i >= 3 && qg_utf8_common_han(u + i)) { /* (two columns, no white space) */
      w += 2, trailing = 0, i += 3;
      continue;
    }
    uint32_t c = qg_utf8_next(l->text.ptr, l->text.len, &i);
    int cw = qg_cp_width(c);
    if (indent_space(c)) trailing += cw;
    else trailing = 0;
    w += cw;
  }
  return w - trailing;
}

static int lead_width(const qg_block *l);

/* The measure of the layout (characters or columns) as written and as fixed; with wrap_lead,
 * the characters count the indent's too. */
static void layout_measure(const para_stage *ps, const qg_block *l, int *written, int *fixed) {
  int w, c;
  measure(l, &w, &c);
  *written = ps->wrap_chars ? line_chars(l) : line_width(l);
  *fixed = ps->wrap_chars ? c : w;
  if (ps->wrap_lead) { /* (the indent's characters: a full-width space is one, two spaces one) */
    int lead = lead_width(l) / 2;
    *written += lead, *fixed += lead;
  }
}

/* Whether a line of these measures (written, fixed) is full: within tol of the wrap width by
 * either measure. */
static bool full_by(const para_stage *ps, int written, int fixed, int lead) {
  int tol = ps->wrap_chars ? 1 : 2;
  /* a modal width (measured without the indent): a line wider than the column by both
   * measures was never wrapped */
  if (ps->wrap_modal && written - lead > ps->wrap_width + tol && fixed - lead > ps->wrap_fx + tol)
    return false;
  return written >= ps->wrap_width - tol || (ps->wrap_fx && fixed >= ps->wrap_fx - tol);
}

static bool line_full(const para_stage *ps, const qg_block *l) {
  int w, fx;
  layout_measure(ps, l, &w, &fx);
  return full_by(ps, w, fx, lead_width(l));
}

/* The display width of the white space a line opens with (its indent). */
static int lead_width(const qg_block *l) {
  int w = 0;
  size_t i = 0;
  while (i < l->text.len) {
    uint32_t c = qg_utf8_next(l->text.ptr, l->text.len, &i);
    if (!indent_space(c)) break;
    w += qg_cp_width(c);
  }
  return w;
}

/* Whether a line opens (white space aside) with a mark that cannot start a sentence: ，、。；：
 * ！？ ） , . ; : ! ? ) — the rest of a line cut before it. */
static bool opens_clause_mark(const qg_block *l) {
  return qg_text_opens_clause_mark(l->text.ptr, l->text.len);
}

/* A line that opens with 、 (after white space): a list's number lost before it as often as a
 * clause cut (第二章　管理 | 、学校的日常管理…: review 44b, the wrapped layout's join of a line
 * opening with a clause mark glued them). */
static bool opens_dunhao(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  return c == 0x3001;
}

/* A line that opens with an ornament (■ □ ● ◆ ◇ ▶ ►): a byline or a list item starts so
 * (□本报记者 …); a wrapped line does not. Not ○ (the zero of 二○二五, which a line may
 * start with) nor ★ ☆ ▲ △ (ratings, signs inside sentences). */
static bool ornament_cp(uint32_t c) {
  return c == 0x25A0 || c == 0x25A1 || c == 0x25CF || c == 0x25C6 || c == 0x25C7 ||
         c == 0x25B6 || c == 0x25BA;
}
static bool opens_ornament_mark(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  return ornament_cp(c);
}
/* ... or with a list bullet and white space (- 外墙保温：…；, • 加装电梯…: session 13) */
static bool opens_ornament(const qg_block *l) {
  return opens_ornament_mark(l) || qg_text_bullet_lead(l->text.ptr, l->text.len);
}

/* A run of n or more of fence character f at s[i..) (after up to three spaces): its length,
 * else 0. */
static size_t fence_run(const char *s, size_t n, char f) {
  size_t i = 0;
  while (i < n && i < 3 && s[i] == ' ') i++;
  size_t k = i;
  while (k < n && s[k] == f) k++;
  return k - i >= 3 ? k - i : 0;
}

/* Where --> is in s[0..n), NULL for nowhere. */
static const char *comment_end(const char *s, size_t n) {
  for (size_t j = 0; j + 3 <= n; j++)
    if (s[j] == '-' && s[j + 1] == '-' && s[j + 2] == '>') return s + j;
  return NULL;
}

/* Whether line l (its text s[0..n), white space at the end aside) is a line of an indented code
 * block of a Markdown text (CommonMark 4.4; probe 22 H19: its Chinese comments and strings were
 * rewritten as prose, its indent removed): once the text has shown it is Markdown (a heading
 * line # … or a fence), a line indented by four spaces or a tab after a blank line, under no
 * list item, that reads as code (qg_text_code_line) or as a comment (# // --), and the lines
 * so indented after it (blank lines between too), are verbatim text. Updates the state. */
static bool md_code(para_stage *ps, const qg_block *l, const char *s, size_t n) {
  if (!ps->md && (!n || s[0] != '#')) return false; /* (most texts: no Markdown shown yet) */
  size_t i = 0;
  while (i < n && i < 4 && s[i] == ' ') i++;
  bool indented = i == 4 || (i < n && s[i] == '\t');
  bool after = ps->last_nb && ps->last_nb + 1 < l->line; /* (a blank line before it) */
  if (!indented) {
    ps->icode = false;
    /* (an ATX heading: # to ###### and white space, at the line's start) */
    if (!ps->md && n >= 3 && s[0] == '#') {
      size_t h = 0;
      while (h < n && h < 7 && s[h] == '#') h++;
      if (h <= 6 && h < n && s[h] == ' ') ps->md = true;
    }
    return false;
  }
  if (!ps->md) return false;
  if (ps->icode) return true; /* (the block goes on, blank lines inside it too) */
  if (!after || ps->prev_bullet || ps->prev_num) return false; /* (under no list item) */
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= n) return false;
  bool comment = (s[i] == '#' && i + 1 < n && s[i + 1] == ' ') ||
                 (n - i >= 3 && ((s[i] == '/' && s[i + 1] == '/') || (s[i] == '-' && s[i + 1] == '-')) &&
                  s[i + 2] == ' ');
  if (!comment && !qg_text_code_line(s, n, i)) return false;
  ps->icode = true;
  return true;
}

/* Whether line l is Markdown's verbatim text, a line of its own that no stage changes (session
 * 13, probe 13 C3, C5: lint --fix curled the quotes of a JSON code block and of YAML front
 * matter, whose keys lost their ASCII colons): a fenced code block, from a line that opens
 * with three or more ` or ~ to the line that opens with as many of the same (CommonMark; the
 * rest of the document when none does), and front matter, from a first line that is --- or
 * +++ to the next that is --- ... or +++. Updates the state. */
/* Whether verbatim_line may find line l verbatim (or change its state): not when no fence,
 * comment or front matter is open, no Markdown shown, and l's first byte opens no fence,
 * comment, heading nor front matter, a character past ASCII (session 45) or an ASCII letter or
 * digit (session 50), as the tests of verbatim_line would find. Asked inline, before the call:
 * most lines are let go here. */
static inline bool verbatim_may(const para_stage *ps, const qg_block *l) {
  const char *s = l->text.ptr;
  return ps->fence || ps->comment || ps->front || ps->md || !l->text.len ||
         !((unsigned char)s[0] >= 0x80 || (unsigned)(s[0] - '0') < 10u ||
           (unsigned)((s[0] | 0x20) - 'a') < 26u);
}

static bool verbatim_line(para_stage *ps, const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (!verbatim_may(ps, l)) return false; /* (most lines) */
  n = ascii_rtrim(s, n);
  if (ps->fence) {
    size_t k = fence_run(s, n, ps->fence);
    if (k >= ps->fence_len) {
      size_t i = 0;
      while (i < n && (s[i] == ' ' || s[i] == ps->fence)) i++;
      if (i == n) ps->fence = 0; /* the closing fence: nothing after it */
    }
    return true;
  }
  /* an HTML comment that a line opens with (an editor's note, <!-- 编辑注：… -->): to the
   * line that closes it (probe 13 C2: joined to the paragraph after it) */
  if (ps->comment) {
    if (comment_end(s, n)) ps->comment = false;
    return true;
  }
  {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
      const char *e = comment_end(s + i + 4, n - i - 4);
      if (!e) ps->comment = true;
      else if (e + 3 != s + n) return false; /* text after it: a line of its own kind */
      return true;
    }
  }
  if (ps->front == 1) { /* front matter only when the line after --- is a key (title: …,
                         * title = …); else the --- was a rule, and the rest prose */
    size_t i = 0;
    while (i < n && (s[i] == '_' || s[i] == '-' || (unsigned)((s[i] | 0x20) - 'a') < 26u ||
                     (i && (unsigned)(s[i] - '0') < 10u)))
      i++;
    while (i && i < n && s[i] == ' ') i++;
    ps->front = i && i < n && (s[i] == ':' || s[i] == '=') ? 2 : 0;
    if (!ps->front) return false;
  }
  if (ps->front) {
    /* to the closing line, 200 lines at most (no front matter is longer) */
    if ((n == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3) || !memcmp(s, "+++", 3))) ||
        ps->doc_lines >= 200)
      ps->front = 0;
    return true;
  }
  if (!ps->doc_lines && n == 3 && (!memcmp(s, "---", 3) || !memcmp(s, "+++", 3))) {
    ps->front = 1;
    return true;
  }
  /* (an indented code block of a Markdown text: see md_code) */
  if (md_code(ps, l, s, n)) return true;
  size_t k = fence_run(s, n, '`');
  char f = '`';
  if (!k) k = fence_run(s, n, '~'), f = '~';
  if (!k) return false;
  ps->md = true;
  /* (a backtick fence's info string has no backtick: ```json, not ```code``` inline) */
  size_t at = 0;
  while (at < n && s[at] == ' ') at++;
  if (f == '`' && memchr(s + at + k, '`', n - at - k)) return false;
  ps->fence = f;
  ps->fence_len = k;
  return true;
}

/* The bullet that leads a line whose item text opens with a digit (- 666, * 3楼说得对), which
 * qg_text_bullet_lead leaves out (- 5℃ may be a minus sign), 0 when there is none. */
static uint32_t digit_bullet(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  uint32_t c = 0, d = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (c != '-' && c != '*' && c != '+' && c != 0x2022 && c != 0xB7) return 0;
  if (i >= n || !qg_cp_is_space(qg_utf8_next(s, n, &i))) return 0;
  while (i < n && qg_cp_is_space(d = qg_utf8_next(s, n, &i))) d = 0;
  return d >= '0' && d <= '9' ? c : 0;
}

/* The bullets of slides and word processors that qg_text_bullet_lead does not know: ▪ ▫ ✓ ✔
 * → √ ○ – (probe 22 H7). */
static bool more_bullet_char(uint32_t c) {
  return c == 0x25AA || c == 0x25AB || c == 0x2713 || c == 0x2714 || c == 0x2192 ||
         c == 0x221A || c == 0x25CB || c == 0x2013;
}

/* The bullet a line opens with when it is one of more_bullet_char's with white space and text
 * after it (▪ 人员流动大; not the zero of 二○二五, nor → before a figure), else 0. */
static uint32_t more_bullet(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  uint32_t c = qg_utf8_next(s, n, &i), d = 0;
  if (!more_bullet_char(c) || i >= n || !qg_cp_is_space(qg_utf8_next(s, n, &i))) return 0;
  while (i < n && qg_cp_is_space(d = qg_utf8_next(s, n, &i))) d = 0;
  return d && !(d >= '0' && d <= '9') ? c : 0;
}

/* opens_ornament, with the bullet decided by take_line (bullet: a list item's bullet). */
static bool ornament_or(const qg_block *l, bool bullet) {
  return bullet || opens_ornament_mark(l);
}

/* The Kangxi radicals a PDF's text layer gives for 一 二 八 十 (⼀ ⼆ ⼋ ⼗): the chars stage maps
 * them after this stage, and ⼆、披露内容 is a list point as 二、 is (session 42, probe 42 H6). */
static bool kangxi_numeral(uint32_t c) {
  return c == 0x2F00 || c == 0x2F06 || c == 0x2F0B || c == 0x2F17;
}

static bool han_numeral(uint32_t c) {
  return c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
         c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341 ||
         kangxi_numeral(c);
}

static int ascii_digit(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Whether a line starts with a list marker: 一、 一. （一） (1) 1、 1. 1． ① ⑴ ⒈ (a numbered
 * point of a document, one per line) followed by its text: Han or “《（【「. Not a number
 * that goes on (1.5万, 一、二等奖: a digit or a numeral after the mark), nor a marker before
 * a Latin word or a mark (1. The, （1）。: a reference). */
static bool point_text(uint32_t c) {
  return qg_cp_is_han(c) || c == 0x201C || c == 0x300A || c == 0xFF08 || c == 0x3010 ||
         c == 0x300C; /* “《（【「 */
}

/* Whether the figures at s[k] (the first one just read, after a Chinese numeral's 、) are a
 * year's, four digits (ASCII or full width) and 年: the point's text opens with a year
 * (一、2025年工作回顾: probe 42 H6), no figure going on (一、2等奖 stays text that goes on). */
static bool year_point(const char *s, size_t n, size_t k) {
  size_t i = k, d = 1;
  uint32_t c = 0;
  while (i < n && ascii_digit(c = qg_utf8_next(s, n, &i)) && d < 5) d++;
  return d == 4 && c == 0x5E74;
}

/* Whether a line starts with a list marker (above), also 1) 1） a) a） A. A、 Ⅰ. Ⅱ、 (GB/T 1.1's
 * item labels, Roman and letter points; probe 10a F17): 0 none, 1 a marker, 2 a circled or
 * bracketed numeral of its own character (① ⑴ ⒈), which never goes on from a number before it
 * (…010-12345678 | ②传真: probe 10a F4), 3 one of the new labels, which may also be text that
 * goes on (则把 | t）…, （第 | 35）期): a point only after a line that ends a clause or a
 * sentence (item_starts). */
static int opens_list(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len, k;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  int mark = 0;
  if (c >= 0x2460 && c <= 0x249B) { /* ① … ⑳, ⑴ … ⒇, ⒈ … ⒛ */
    mark = 2;
  } else if (c == '(' || c == 0xFF08) {
    int m = 0;
    while (i < n && m < 4) {
      c = qg_utf8_next(s, n, &i), m++;
      if (!han_numeral(c) && !ascii_digit(c)) break;
    }
    if (m < 2 || (c != ')' && c != 0xFF09)) return 0;
    mark = 1;
  } else if ((c < 0x80 && (c | 0x20) - 'a' < 26u) || (c >= 0x2160 && c <= 0x217F)) {
    /* one letter or Roman numeral, then its mark: a) A. Ⅰ. Ⅱ、 (not a word: ab. AB.) */
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
    if (c != ')' && c != 0xFF09 && c != '.' && c != 0xFF0E && c != 0x3001) return 0;
    mark = 3;
  }
  if (mark) { /* the point's text follows: Chinese, not a mark (（1）。 is a reference) */
    c = 0;
    while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
    return point_text(c) ? mark : 0;
  }
  bool han = han_numeral(c), dig = ascii_digit(c);
  if (!han && !dig) return 0;
  int m = 1;
  while (i < n && (c = qg_utf8_next(s, n, &i)) && (han ? han_numeral(c) : ascii_digit(c)))
    if (++m > (han ? 3 : 2)) return 0;
  int kind = 1;
  if (dig && (c == ')' || c == 0xFF09)) kind = 3;
  else if (c != 0x3001 && c != '.' && c != 0xFF0E) return 0;
  bool dun = c == 0x3001; /* (、: year_point) */
  k = i;
  while (k < n && qg_cp_is_space(c = qg_utf8_next(s, n, &k))) c = 0;
  if (k >= n && !c) return 0; /* the mark ends the line */
  /* (a numeral after a figure's mark is the item's text: 1. 五花肉切块 was glued to 步骤：
   * above it, silently; probe 20 M2) */
  if ((han && han_numeral(c)) || (ascii_digit(c) && !(han && dun && year_point(s, n, k)))) return 0;
  return point_text(c) || (han && ascii_digit(c)) ? kind : 0;
}

/* Whether the line before (last: its last character) ends a clause or a sentence, or an
 * item (…（40分）): a new item label (1) a） A. Ⅰ.) after it starts a point. */
static bool item_starts(uint32_t last) {
  switch (last) {
  case 0xFF1A: case 0xFF1B: case 0x3002: case 0xFF01: case 0xFF1F: /* ：；。！？ */
  case ':': case ';': case '.': case '!': case '?':
  case 0xFF09: case ')': case 0x201D: case 0x300D: case 0x300B: /* ）)”」》 */
    return true;
  default:
    return false;
  }
}

/* The letter label a line opens with, past white space, when opens_list says 3 for it (A. B、
 * a） c)): its mark's code point << 8 | the letter; 0 for a Roman numeral or none. The options
 * of an exam's question one a line, A. | B. | C. | D., are one point each in the blank layout
 * when their letters follow one another (take_line, prev_letter; probe 47 H4). */
static uint32_t letter_label(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (!(c < 0x80 && (c | 0x20) - 'a' < 26u) || i >= n) return 0;
  uint32_t m = qg_utf8_next(s, n, &i);
  return m << 8 | c;
}

/* Whether line l opens with an option's letter (A to H), its mark (. ． 、) and a figure: A.18.5 cm,
 * B．0.5 A, an exam's option whose answer is a number, which opens_list takes for no point (a
 * letter before a figure may be a reference). Asked only under a question's stem or an option
 * (take_line, session 48). */
static bool fig_option(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i + 2 >= n || (unsigned)(s[i] - 'A') >= 8u) return false;
  i++;
  if (s[i] == '.') i++;
  else if (n - i > 3 && (!memcmp(s + i, "\xEF\xBC\x8E", 3) || !memcmp(s + i, "\xE3\x80\x81", 3))) i += 3;
  else return false;
  return i < n && (unsigned)(s[i] - '0') < 10u;
}

/* Whether line l ends as an exam question's stem does, past white space: with 是 (…最接近实际的
 * 是), ？ ?, ： :, or a pair of brackets with only white space inside, the answer's blank (（　　）,
 * ( )). In the wrapped layout an A. under such a numbered line (or its wrapped rest) starts the
 * options (session 48); a numbered paragraph's line may open with a letter elsewhere. */
static bool stem_end(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  n = ascii_rtrim(s, n);
  if (!n) return false;
  size_t p = qg_utf8_prev(s, n), i = p;
  uint32_t z = qg_utf8_next(s, n, &i);
  if (z == 0x662F /*是*/ || z == 0xFF1F || z == '?' || z == 0xFF1A || z == ':') return true;
  if (z != 0xFF09 && z != ')') return false;
  int blank = 0;
  while (p > 0) {
    size_t q = qg_utf8_prev(s, p), j = q;
    uint32_t c = qg_utf8_next(s, p, &j);
    if (c == 0xFF08 || c == '(') return true; /* (（　　）, (), （）) */
    if (!qg_cp_is_space(c) || ++blank > 8) return false;
    p = q;
  }
  return false;
}

/* Whether the line before (last: its last character) ends with a full-width ：；。！？ or an
 * ASCII colon or semicolon: a first step or section number (1 …, 1.1 …) after it starts a
 * point; not after an ASCII full stop (第 7. | 1 …: a number 7.1 cut at its point). */
/* Whether c ends the name of an official document's kind (文种: 通知 通报 决定 意见 办法 方案
 * 规定 批复 报告 请示 公告 命令 决议 纪要 函 议案), as its title does. */
static bool genre_end(uint32_t c) {
  switch (c) {
  case 0x77E5: case 0x62A5: case 0x5B9A: case 0x89C1: case 0x6CD5: case 0x6848: case 0x590D:
  case 0x544A: case 0x793A: case 0x4EE4: case 0x8BAE: case 0x8981: case 0x51FD: case 0x5219:
  case 0x4EF6:
    return true; /* 知 报 定 见 法 案 复 告 示 令 议 要 函 则, 件 (南江市人民政府办公室文件 | 南政办发
                  * 〔2026〕3号: the issuing office's line; session 25, s25-kinds2's finding on
                  * probe 25's 公文) */
  default:
    return false;
  }
}

static bool wide_stop(uint32_t last) {
  return last == 0xFF1A || last == 0xFF1B || last == 0x3002 || last == 0xFF01 ||
         last == 0xFF1F || last == ':' || last == ';';
}

/* Whether a line opens with a clock time and white space (12:00 新闻30分, 9:30 开幕式): an
 * entry of a schedule (probe 10a F4). */
static bool opens_clock(const qg_block *l) {
  /* (or a span of two, 7:00-9:00 北京新闻, 19:30～20:00 …: a radio schedule's entries; probe
   * 12b B12) */
  return qg_text_clock_lead(l->text.ptr, l->text.len) != 0;
}

/* A quick look for opens_label: one to QG_PARA_LABEL three-byte characters led by E4..E9 (the Han
 * block) from the line's start, then ： or : (a byte test; opens_label decodes). */
static bool label_colon_near(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len, k = 0;
  while (k < QG_PARA_LABEL && 3 * k + 3 <= n && u[3 * k] - 0xE4u <= 5u) k++;
  size_t p = 3 * k;
  return k && p < n &&
         (u[p] == ':' || (p + 2 < n && u[p] == 0xEF && u[p + 1] == 0xBC && u[p + 2] == 0x9A));
}

/* A row of a list of names (session 36, review 35a min/s2, in/N013 N037 N061 N20 N22): Han
 * characters and nothing else but 、, U+3000 or spaces between names and a · inside one (黄·阿里木),
 * no character of a sentence's grammar (的 了 在 是 把 被 从 …), at most 40 characters. 1: names set
 * apart, three or four, each of 2 to 4 Han characters (one of 4 at most; a name with a · up to 8),
 * and 4: five or more, 刘洋、黄晓东、吴昊…; 3: 15 Han characters or more run together, 李华陈晨王强…
 * (weaker: a line of a paragraph or a title's second line may read so: it is set flush, as a
 * paragraph's first line is not, and no word of the segmenter, nor the two characters at the cut,
 * runs across from the line above: 城市绿 | 道共计…); 2: a short line a list of names
 * stands under (故乡, 市教育局（12名）, 二、先进个人: at most 10 characters, no clause or sentence
 * mark but a list number's 、); 0: none of them. In the blank layout a row right under such a line
 * (five names or more, or a run: a table's header of three or four fields, 品种 最高价 最低价 平均价,
 * is none), or under another row (a run only with no blank line between), starts a paragraph and
 * is a line of its own (own_line), and so is the row above it: the rows were glued into one
 * paragraph, the
 * names run together across the rows (…赵磊王建国…), the heading with them, and repair glued the
 * sentence under the list (以上同志受到通报表彰。) to them. */
/* Whether l holds an opening bracket, （ or ( (a heading's count, 市教育局（12名）). */
static bool any_bracket(const qg_block *l) {
  for (size_t i = 0; i < l->text.len;) {
    uint32_t c = qg_utf8_next(l->text.ptr, l->text.len, &i);
    if (c == 0xFF08 || c == '(') return true;
  }
  return false;
}

/* Whether the run of names l (name_row 3 or 5) reads as names to the segmenter: most of its Han
 * characters are words of one character (李 华 陈 晨 …, 司马 青, 欧阳 明), as a sentence's are not
 * (全市 现有 规模以上 工业 企业…, a paragraph's line under 一、基本情况: review 36a min/r5); three
 * in five or more. */
static bool run_names(para_stage *ps, const qg_block *l) {
  qg_segmenter *sg = qg_ctx_segmenter(ps->base.ctx);
  if (!sg || qg_segment_words(sg, l->text.ptr, l->text.len, &ps->toks)) return false;
  int han = 0, ones = 0;
  for (size_t k = 0; k < ps->toks.n; k++) {
    int c = 0;
    for (size_t i = ps->toks.v[k].start; i < ps->toks.v[k].end;) {
      uint32_t u = qg_utf8_next(l->text.ptr, ps->toks.v[k].end, &i);
      c += qg_cp_is_han(u);
    }
    han += c, ones += c == 1;
  }
  return han > 0 && ones * 5 >= han * 3;
}

/* Whether the heading l names a list (获奖名单, 二、先进个人, 优秀教师（15名）, 先进集体, 受表彰同志,
 * 工作人员, 参赛单位): its rows may be runs the segmenter does not read as names (第一部分全面推进…,
 * 西山区新建口袋公园八处…: review 34a in/L137 L145). */
static bool list_head(const qg_block *l) {
  static const char *const words[] = {"名单", "名）", "名)", "同志", "人员",
                                      "单位", "集体", "个人", NULL};
  for (size_t k = 0; words[k]; k++) {
    size_t m = strlen(words[k]);
    for (size_t i = 0; i + m <= l->text.len; i++)
      if (!memcmp(l->text.ptr + i, words[k], m)) return true;
  }
  return false;
}

/* Whether c is a character of a sentence's grammar, which no row of names holds (的 了 着 过 在
 * 是 把 被 从 向 对 要 会 能 就 都 也 而 并 等 于 这 那 们 吗 呢 吧 说 和 与 及) */
static bool grammar_char(uint32_t c) {
  switch (c) {
  case 0x7684: case 0x4E86: case 0x7740: case 0x8FC7: case 0x5728: case 0x662F: case 0x628A:
  case 0x88AB: case 0x4ECE: case 0x5411: case 0x5BF9: case 0x8981: case 0x4F1A: case 0x80FD:
  case 0x5C31: case 0x90FD: case 0x4E5F: case 0x800C: case 0x5E76: case 0x7B49: case 0x4E8E:
  case 0x8FD9: case 0x90A3: case 0x4EEC: case 0x5417: case 0x5462: case 0x5427: case 0x8BF4:
  case 0x548C: case 0x4E0E: case 0x53CA:
    return true;
  default:
    return false;
  }
}

static int name_row(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  int han = 0, chars = 0, marks = 0, items = 0, item = 0, four = 0;
  bool bad = false, dot = false, seps = false;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3; /* (U+3000) */
  while (i <= n) {
    uint32_t c = i < n ? qg_utf8_next(s, n, &i) : (i++, 0x3001);
    bool sep = c == ' ' || c == '\t' || c == 0x3000 || c == 0x3001;
    if (sep) {
      if (item) {
        items++;
        if (item < 2 || item > (dot ? 8 : 4)) bad = true;
        four += item == 4 && !dot;
        if (i <= n && c == 0x3001) seps = true;
        else if (i <= n && han) seps = true;
      }
      item = 0, dot = false;
      if (i <= n && c == 0x3001) chars++;
      continue;
    }
    if (++chars > 40) return 0; /* (as at the end: a body line is let go here) */
    if (qg_cp_is_han(c)) {
      if (grammar_char(c)) return 0;
      han++, item++;
    } else if (c == 0xB7 || c == 0x30FB || c == 0x2022) {
      dot = true, item++;
    } else {
      marks++;
      if (c != 0xFF08 && c != 0xFF09 && !(c - '0' < 10u)) return 0;
    }
  }
  if (chars > 40 || han < 2) return 0;
  if (!marks && seps && items >= 3 && !bad && four <= 1) return items >= 5 ? 4 : 1;
  if (!marks && !seps && han >= 15) return 3;
  if (!marks && !seps && han > 10) return 5; /* (a shorter run: only under a row, run_names) */
  /* (a heading with its count in brackets up to 14: 三、优秀教师（15名）, review 36a min/r4) */
  return (chars <= 10 || (chars <= 14 && marks >= 3 && any_bracket(l))) &&
                 (!marks || opens_list(l) || marks >= 2)
             ? 2
             : 0;
}

/* Whether l is two names set apart (赵磊　杨丽华, 何静、刘洋): a list's last row, shorter than
 * the rows above it, which name_row reads as a short heading (2). Each of 2 to 4 Han characters
 * (with a · up to 8), white space or 、 between, nothing else. */
static bool names_pair(const qg_block *l) {
  return qg_text_names(l->text.ptr, l->text.len, QG_NAMES_COMMA | QG_NAMES_BULLET, 2, grammar_char,
                       NULL) == 2;
}

/* Whether a line opens with a short label and a colon followed by text (上联：…, 下联：…, 记者：…,
 * 电话：…, 媒体联系人：…): one to QG_PARA_LABEL Han characters, then ： or :; the count of
 * them, or 0. Two such lines in a row are lines of their own (a couplet's halves, a record's
 * fields; probe 10a F7, a contact block, probe 11a F5). */
static int opens_label(const qg_block *l) {
  size_t after = 0;
  int h = qg_text_label(l->text.ptr, l->text.len, QG_PARA_LABEL, &after);
  return h && after < l->text.len ? h : 0;
}

/* Whether a line opens with a chat's name and an emoji or two before the colon (小鱼🐟：…,
 * probe 20 H1 10-chat): one to four Han characters, one to three pictographs (U+2300..U+23FF,
 * U+2600..U+27BF, U+2B00..U+2BFF, U+1F000..U+1FAFF, with U+FE0F and U+200D between), then ： or : and text; the count of Han
 * characters, or 0. It counts as a label (opens_label): turns of a chat are lines of their
 * own. */
static int chat_label(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  /* (a pictograph's lead byte, F0 or E2, among the bytes after the first character and up to
   * the fifth: most lines have none, and are let go before they are decoded) */
  size_t w = n < 16 ? n : 16;
  if (w <= 3 || (!memchr(s + 3, 0xF0, w - 3) && !memchr(s + 3, 0xE2, w - 3))) return 0;
  int pics, h = qg_text_speaker(s, n, &pics);
  return pics ? h : 0;
}

/* Whether a line is a form's row of fields (qg_text_form_fields: two or more labels of one to
 * six Han characters, a colon and a value, between white space; 黑方：柯某九段　白方：申某九段,
 * 姓名：张某　性别：男), ending with no sentence mark: the line under it is no continuation (it
 * glued 九段黑贴…; probe 20 H1, 16-go). */
static bool form_row(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (n > QG_PARA_HEAD_BYTES || n < 12 || qg_text_form_fields(s, n) < 2) return false;
  size_t z = qg_utf8_prev(s, n); /* (the last character, white space too) */
  uint32_t c = qg_utf8_next(s, n, &z);
  return !(c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0C || c == 0xFF1B || c == 0x3001 ||
           c == '.' || c == '!' || c == '?' || c == ',' || c == ';');
}

/* The number a line opens with when it is a section or step number written with white space
 * after it, before Han (1 引言, 2.1 数据集, 1.1 本年度报告摘要…, 3 小火炖40分钟: GB/T 7713's
 * headings, a recipe's or an annual report's items; probe 11a F7, F17): one to three parts of
 * one or two ASCII digits between dots, packed a byte a part from the top (1.2 -> 0x010200),
 * the count of parts in the low byte; 0 when the line does not open so. */
static uint32_t section_num(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len, i = 0;
  uint32_t v = 0;
  int parts = 0;
  for (;;) {
    size_t d = 0;
    unsigned x = 0;
    while (i + d < n && (unsigned)(u[i + d] - '0') < 10u && d < 3) x = x * 10 + (u[i + d] - '0'), d++;
    if (d < 1 || d > 2 || x == 0) return 0;
    v |= x << (8 * (3 - parts));
    parts++;
    i += d;
    if (i < n && u[i] == '.' && parts < 3 && i + 1 < n && (unsigned)(u[i + 1] - '0') < 10u) {
      i++;
      continue;
    }
    break;
  }
  /* white space (ASCII or U+3000), then a Han character */
  size_t k = i;
  while (k < n && (u[k] == ' ' || u[k] == '\t')) k++;
  if (k == i && n - k >= 3 && !memcmp(u + k, "\xE3\x80\x80", 3)) k += 3;
  if (k == i || k >= n) return 0;
  uint32_t c = qg_utf8_next(l->text.ptr, n, &k);
  return qg_cp_is_han(c) ? v | (uint32_t)parts : 0;
}

/* Whether section number b follows a in one list: the next at the same depth (1 -> 2, 1.1 ->
 * 1.2), the first one level down (1 -> 1.1), or the next at a higher level (1.3 -> 2). */
static bool section_follows(uint32_t a, uint32_t b) {
  if (!a || !b) return false;
  int da = (int)(a & 0xFF), db = (int)(b & 0xFF);
  uint32_t pa[3], pb[3];
  for (int k = 0; k < 3; k++) pa[k] = a >> (8 * (3 - k)) & 0xFF, pb[k] = b >> (8 * (3 - k)) & 0xFF;
  if (db > da + 1) return false;
  for (int k = 0; k < db - 1; k++)
    if (pa[k] != pb[k]) return false;
  if (db == da + 1) return pb[db - 1] == 1;
  return pb[db - 1] == pa[db - 1] + 1;
}

/* The value of a Han numeral of up to four characters (一 … 十 … 九十九, 一百, 二〇: 0 when it
 * is none or over 255). */
static uint32_t han_value(const char *s, size_t n, size_t *i) {
  uint32_t v = 0, d = 0;
  int m = 0;
  bool ten = false;
  while (*i < n && m < 4) {
    size_t k = *i;
    uint32_t c = qg_utf8_next(s, n, &k), x;
    switch (c) {
    case 0x4E00: x = 1; break; case 0x4E8C: x = 2; break; case 0x4E09: x = 3; break;
    case 0x56DB: x = 4; break; case 0x4E94: x = 5; break; case 0x516D: x = 6; break;
    case 0x4E03: x = 7; break; case 0x516B: x = 8; break; case 0x4E5D: x = 9; break;
    case 0x3007: case 0x96F6: x = 0; break; /* 〇 零 */
    case 0x5341: x = 10; break;             /* 十 */
    case 0x767E: x = 100; break;            /* 百 */
    default: x = 1000;
    }
    if (x == 1000) break;
    if (x == 10 || x == 100) {
      v += (d ? d : 1) * x, d = 0, ten = true;
    } else {
      d = d * (ten ? 1 : 10) + x;
    }
    *i = k, m++;
  }
  v += d;
  return m && v && v < 256 ? v : 0;
}

/* 'Q' or 'A' when a line opens with a question's or an answer's label (qg_text_qa_label). */
static int qa_label(const qg_block *l) { return qg_text_qa_label(l->text.ptr, l->text.len); }

/* Whether c is a particle or a conjunction that opens no label but goes on a sentence (的形式：,
 * 了解到：, 是指：): 的 了 地 得 着 过 是 和 与 及 并 而 但 就 也 都 又 在. */
static bool particle(uint32_t c) {
  switch (c) {
  case 0x7684: case 0x4E86: case 0x5730: case 0x5F97: case 0x7740: case 0x8FC7: case 0x662F:
  case 0x548C: case 0x4E0E: case 0x53CA: case 0x5E76: case 0x800C: case 0x4F46: case 0x5C31:
  case 0x4E5F: case 0x90FD: case 0x53C8: case 0x5728:
    return true;
  default:
    return false;
  }
}

/* Whether a line's label opens with a particle (particle: 的形式：, 是指：) that is no noun's first
 * character: 地址 地点 地区 (地址：… after a sentence's end was joined to it; probe 25 M3). */
static bool particle_lead(const qg_block *l, uint32_t c0) {
  if (!particle(c0)) return false;
  if (c0 != 0x5730 /*地*/) return true;
  size_t i = 0;
  while (i < l->text.len && qg_cp_is_space(qg_utf8_next(l->text.ptr, l->text.len, &i))) {}
  /* (i is past 地; its next character) */
  uint32_t c1 = i < l->text.len ? qg_utf8_next(l->text.ptr, l->text.len, &i) : 0;
  return !(c1 == 0x5740 /*址*/ || c1 == 0x70B9 /*点*/ || c1 == 0x533A /*区*/);
}

/* Whether the colon of a line's label (opens_label, a masked name) has a quotation mark or an
 * opening bracket right after it: a speaker's words (他说：“…), no field. */
static bool label_quote(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0xFF1A || c == ':') {
      uint32_t d = i < n ? qg_utf8_next(s, n, &i) : 0;
      return d == 0x201C || d == 0x300C || d == 0x300E || d == '"' || d == 0x2018;
    }
  }
  return false;
}

/* Whether a line opens with a note's label: 注 and one or two figures, then a colon (注1：…). */
static bool note_label(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len, i = 3;
  if (n < 8 || memcmp(u, "\xE6\xB3\xA8", 3)) return false; /* 注 */
  while (i < n && i < 5 && (unsigned)(u[i] - '0') < 10u) i++;
  return i > 3 && i < n && (u[i] == ':' || (n - i > 3 && !memcmp(u + i, "\xEF\xBC\x9A", 3)));
}

/* The number a line opens with when it is an item of a sequence of lines (probe 22 H6, H11,
 * H17): a section number (section_num: 1.1 市场需求); a figure's item mark, N． N. N、 and any
 * text but a figure after it (2．-5的绝对值, 1．Python的…, 1. 项目背景; not 1.5万); an article,
 * chapter or section label 第N条 第一章 第二节 第三部分 and white space (第二条　租赁期限). Packed
 * as section_num packs; *kind is 1, 2 or 3 for the three; 0 when the line opens with none. */
static uint32_t line_number(const qg_block *l, int *kind) {
  const char *s = l->text.ptr;
  const unsigned char *u = (const unsigned char *)s;
  size_t n = l->text.len, i = 0;
  *kind = 0;
  if (n < 4) return 0;
  if ((unsigned)(u[0] - '0') < 10u) {
    uint32_t v = section_num(l);
    if (v) return *kind = 1, v;
    unsigned x = 0;
    while (i < n && i < 3 && (unsigned)(u[i] - '0') < 10u) x = x * 10 + (u[i] - '0'), i++;
    if (i > 2 || !x) return 0;
    if (u[i] == '.') i++;
    else if (n - i >= 3 && (!memcmp(s + i, "\xEF\xBC\x8E", 3) || !memcmp(s + i, "\xE3\x80\x81", 3)))
      i += 3; /* ． 、 */
    else return 0;
    uint32_t c = 0;
    while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
    if (!c || qg_cp_is_space(c) || c - '0' < 10u || c - 0xFF10 < 10u) return 0;
    return *kind = 2, x << 24 | 1;
  }
  if (n < 12 || memcmp(s, "\xE7\xAC\xAC", 3)) return 0; /* 第 */
  i = 3;
  uint32_t v = 0;
  if ((unsigned)(u[i] - '0') < 10u) {
    while (i < n && i < 6 && (unsigned)(u[i] - '0') < 10u) v = v * 10 + (u[i] - '0'), i++;
    if (v > 255) v = 0;
  } else {
    v = han_value(s, n, &i);
  }
  if (!v || i >= n) return 0;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (c == 0x90E8 /*部*/) c = i < n ? qg_utf8_next(s, n, &i) : 0, c = c == 0x5206 /*分*/ ? 0x5206 : 0;
  if (c != 0x6761 /*条*/ && c != 0x7AE0 /*章*/ && c != 0x8282 /*节*/ && c != 0x7BC7 /*篇*/ &&
      c != 0x5206)
    return 0;
  size_t k = i;
  if (k >= n || !qg_cp_is_space(qg_utf8_next(s, n, &k))) return 0;
  while (k < n) {
    size_t q = k;
    if (!qg_cp_is_space(qg_utf8_next(s, n, &q))) return *kind = 3, v << 24 | 1;
    k = q;
  }
  return 0;
}

/* The number a line opens with when it is one or two ASCII digits, . or ． and a figure (12.20；12,
 * an answer key's item whose answer is a number), packed as line_number packs it; 0 otherwise.
 * Only the blank layout asks it, of a line under the item numbered one less (take_line). */
static uint32_t num_figure(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len, i = 0;
  unsigned x = 0;
  while (i < n && i < 3 && (unsigned)(u[i] - '0') < 10u) x = x * 10 + (u[i] - '0'), i++;
  if (!i || i > 2 || !x) return 0;
  if (i < n && u[i] == '.') i++;
  else if (n - i >= 3 && !memcmp(u + i, "\xEF\xBC\x8E", 3)) i += 3; /* ． */
  else return 0;
  return i < n && (unsigned)(u[i] - '0') < 10u ? x << 24 | 1 : 0;
}

/* Whether a line is a figure's or table's caption of a paper or manual (图1 模型结构示意图,
 * 表2-3　数据集统计, Fig. 1 模型结构): 图 圖 表 Fig. Figure or Table, a number of one or two
 * digits (and -N or .N), white space, then at most 30 characters without a clause or
 * sentence mark, holding Han. Such a line dropped between
 * the halves of a cut paragraph is a line of its own, which repair looks past (the
 * `[caption]` cue of the same shape; probe 11a F16). */
static bool caption_line(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len, i = 3;
  if (n < 8 || n > 120) return false;
  if ((u[0] == 0xE5 && u[1] == 0x9B && (u[2] == 0xBE || u[2] == 0x96)) || /* 图 圖 */
      (u[0] == 0xE8 && u[1] == 0xA1 && u[2] == 0xA8)) {                    /* 表 */
  } else if (!memcmp(u, "Fig.", 4)) {
    i = 4;
  } else if (n > 10 && (!memcmp(u, "Figure", 6) || !memcmp(u, "Table ", 6))) {
    i = 5 + (u[5] == 'e');
  } else {
    return false;
  }
  if (u[i] == ' ') i++;
  size_t d = 0;
  while (i + d < n && (unsigned)(u[i + d] - '0') < 10u) d++;
  if (d < 1 || d > 2) return false;
  i += d;
  if (i + 1 < n && (u[i] == '-' || u[i] == '.') && (unsigned)(u[i + 1] - '0') < 10u) {
    i++;
    d = 0;
    while (i + d < n && (unsigned)(u[i + d] - '0') < 10u) d++;
    if (d > 2) return false;
    i += d;
  }
  size_t k = i;
  while (k < n && (u[k] == ' ' || u[k] == '\t')) k++;
  if (k == i && n - k >= 3 && !memcmp(u + k, "\xE3\x80\x80", 3)) k += 3;
  if (k == i || k >= n) return false;
  int chars = 0;
  bool han = false;
  while (k < n) {
    uint32_t c = qg_utf8_next(l->text.ptr, n, &k);
    if (c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF01 ||
        c == 0xFF1F || c == 0xFF1A || c == ',' || c == ';' || c == '!' || c == '?' ||
        c == ':')
      return false;
    if (++chars > 30) return false;
    han |= qg_cp_is_han(c);
  }
  return han;
}

/* Whether a line opens with the number of a photo group's caption: 图① (图 and a circled
 * number: 2) or 图1 and a colon or white space (1); 0: none (probe 17 P15). */
static int caption_number(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (c != 0x56FE /*图*/ && c != 0x5716 /*圖*/) return 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  size_t j = i, d = 0;
  c = i < n ? qg_utf8_next(s, n, &j) : 0;
  if (c >= 0x2460 && c <= 0x2473) return 2;
  while (i + d < n && (unsigned)(s[i + d] - '0') < 10u) d++;
  if (d < 1 || d > 2 || i + d >= n) return 0;
  j = i + d;
  c = qg_utf8_next(s, n, &j);
  return c == ':' || c == 0xFF1A || qg_cp_is_space(c) ? 1 : 0;
}

/* Whether the line before (ps->prev_last, its last character) leaves room for a caption
 * line l: it ends a clause (，、；： , ; :), the cut a caption is dropped into; or it ends a
 * sentence (。！？ . ! ?) and l is short (in the wrapped layout at most three quarters of the
 * wrap width: a caption ends short, a wrapped line is full; never in the blank layout). Not
 * after a line that ends inside
 * a clause (详见 | 图 2 中各省份的…), nor at the document's start. */
static bool caption_after(const para_stage *ps, const qg_block *l) {
  uint32_t c = ps->prev_last;
  if (c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';' ||
      c == ':')
    return true;
  if (!(c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' || c == '!' || c == '?'))
    return false;
  /* (the blank layout's lines of a block are wrapped lines of no known width: there never,
   * a block's first line too, 表 1 列出了各地区的 | 主要指标。, as before the captions) */
  if (ps->mode == QG_PARA_BLANK) return false;
  if (ps->mode != QG_PARA_WRAPPED) return true;
  int w, fx;
  layout_measure(ps, l, &w, &fx);
  return w * 4 <= ps->wrap_width * 3 && fx * 4 <= ps->wrap_fx * 3; /* short by both */
}

/* Whether the Han character c (U+3400 and up) is one of the UTF-8 string list's. */
static bool han_in(const char *list, uint32_t c) {
  if (c < 0x3400) return false;
  char u[5];
  size_t k = qg_utf8_encode(c, u);
  u[k] = 0;
  return strstr(list, u) != NULL;
}

/* Whether s opens with a news photo's caption cue (图为, 图：, 图片：, 上图：…). */
static bool photo_cue_at(const char *s, size_t n) {
  static const char *const cues[] = {"图为", "图：", "图片：", "上图：", "下图：", "左图：",
                                     "右图：", "图片为", NULL};
  for (int i = 0; cues[i]; i++)
    if (n > strlen(cues[i]) && !memcmp(s, cues[i], strlen(cues[i]))) return true;
  return false;
}

/* Whether a line opens with a news photo's caption cue. */
static bool photo_cue(const qg_block *l) { return photo_cue_at(l->text.ptr, l->text.len); }

/* Whether a line opens as a news photo's caption does (图为…, 图：…, 图片：…, 上图：…; at most
 * 150 characters) and the line before ended a sentence: a caption set below a paragraph's last
 * line starts a paragraph in the wrapped layout, and its wrapped lines join it
 * (probe 12a A10: under a full last line it was glued to the paragraph, and the whole body
 * paragraph became a caption, silently). Not in the blank layout, whose lines are wrapped
 * text of no known width.
 * (session 25, probe 25 H3: or the line before ends inside a sentence, with a Han character, a
 * letter or a digit, and the caption was dropped into the paragraph there: …零售总额达到２３万亿元
 * | 图为开幕会现场。 | 以上。这些数字…, glued into the body, …万亿元图为开幕会现场。. Then the
 * caption holds at most 40 characters (repair's QG_REPAIR_CAPTION_MAX, which looks past it
 * and joins the halves around it), ends with 。, a credit's 摄 or ）, ends short (three quarters
 * of the wrap width by both measures, as caption_after), and the character before the cut
 * makes no word with 图: 蓝 | 图为全市…, 地 | 图为…, 试 | 图为… are a word the column cut
 * (蓝图, 地图, 试图), running text.) */
static bool photo_caption_line(const para_stage *ps, const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (n < 9 || ps->mode != QG_PARA_WRAPPED) return false;
  uint32_t c = ps->prev_last; /* (a sentence's end: after ， a line opening 图为 is running
                                * text, 规划蓝图， | 图为全市…; review 12b S6) */
  bool stop = c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x201D;
  bool cut = !stop && c && (qg_cp_is_han(c) || (c < 0x80 && (((c | 0x20) - (uint32_t)'a' < 26) ||
                                                            c - (uint32_t)'0' < 10)));
  if (!stop && !cut) return false;
  if (!photo_cue(l)) return false;
  size_t chars = qg_utf8_count(s, n);
  if (stop) return chars <= 150;
  if (chars > 40) return false;
  uint32_t z = qg_block_last_char(l);
  if (z != 0x3002 && z != 0x6444 /*摄*/ && z != 0xFF09) return false;
  int w, fx;
  layout_measure(ps, l, &w, &fx);
  if (w * 4 > ps->wrap_width * 3 || fx * 4 > ps->wrap_fx * 3) return false;
  /* (the characters that open a word ending in 图: 蓝图 地图 意图 试图 企图 宏图 版图 构图 草图
   * 插图 拼图 制图 绘图 视图 截图 贴图 配图 附图 如图 上图 原图 全图 挂图 海图 星图 线图 略图
   * 简图 详图 效果图 设计图 平面图 施工图 流程图 分布图 柱状图 饼图 折线图 力图 谋图 妄图 贪图
   * 希图 鸿图 雄图 远图 底图 样图 套图 组图 美图 动图 题图 左图 右图 下图) */
  static const char words[] = "蓝地意试企宏版构草插拼制绘视截贴配附如上下左右原全挂海星线略简详"
                              "果计面工程布状饼折力谋妄贪希鸿雄远底样套组美动题航谱描"
                              /* a counted or pointed picture, a clause (这幅 | 图为他赢得了…, 那张
                               * 老照片 | 图为他提供了…: review 25b H2) */
                              "幅张片这该此那每其本各";
  if (han_in(words, c)) return false;
  /* 图为 and a pronoun is a clause's verb and object (…图为他赢得了金奖。), no caption */
  static const char *const pron[] = {"图为他", "图为她", "图为我", "图为你", "图为它", "图为其", NULL};
  for (int i = 0; pron[i]; i++)
    if (n >= 9 && !memcmp(s, pron[i], 9)) return false;
  return true;
}

/* Whether a line is a notice's closing formula and nothing else: 特此公告。 特此通知。
 * 特此函告 …, the line under the last item, before the signature (probe 11a F21). */
static bool closing_line(const qg_block *l) { return qg_text_closing_formula(l->text.ptr, l->text.len); }

/* Lines of a letter or an official document that stand alone by convention (probe 12b B3, B6,
 * B11, B23), whole lines only (white space at the ends aside):
 * ALONE_DOCNUM  a 发文字号: one to twelve Han characters, a year of four digits in 〔〕 [] ()
 *               （） 【】, one to five digits and 号 (国发〔2024〕12号, 京政发[2024]3号);
 * ALONE_SECRET  a 密级 (绝密 机密 秘密, then ★ and a 保密期限 of at most eight characters:
 *               机密★1年, 绝密★长期);
 * ALONE_URGENT  a 紧急程度 (特急 加急 特提 平急);
 * ALONE_ISSUED  the 版记's 印发机关和印发日期 (国务院办公厅 2024年1月16日印发);
 * ALONE_CLOSING a letter's 此致 (顺致 顺颂 谨致 敬祝 祝), whose 敬礼！ goes on the next line.
 * GB/T 9704-2012 7.2, 7.4 and the letter form put each on a line of its own: the line starts a
 * paragraph unless the line before shows a cut inside a sentence, and the line after it starts
 * one (in the blank layout they were glued, 000123机密★1年特急, …的通知国发〔2024〕12号). A
 * byte test on the line's length and last character keeps the look cheap. */
static bool date_numeral(uint32_t c);
static bool han_char(uint32_t c) { return qg_cp_is_han(c); }
/* The number of characters from *j on that pred accepts, at most max (then *j stops there);
 * *j is left past them. */
static int run_of(const char *s, size_t n, size_t *j, bool (*pred)(uint32_t), int max) {
  int k = 0;
  while (*j < n && k < max) {
    size_t at = *j;
    if (!pred(qg_utf8_next(s, n, j))) {
      *j = at;
      break;
    }
    k++;
  }
  return k;
}
enum { ALONE_NONE, ALONE_DOCNUM, ALONE_SECRET, ALONE_URGENT, ALONE_ISSUED, ALONE_CLOSING };
static int alone_line(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 3 || n > 96 || (unsigned char)s[n - 3] < 0xE4) return ALONE_NONE;
  /* the last character: 号 年 月 期 急 密 提 发 致 祝 颂 */
  const unsigned char *e = (const unsigned char *)s + n - 3;
  switch ((uint32_t)e[0] << 16 | (uint32_t)e[1] << 8 | e[2]) {
  case 0xE58FB7: case 0xE5B9B4: case 0xE69C88: case 0xE69C9F: case 0xE680A5: case 0xE5AF86:
  case 0xE68F90: case 0xE58F91: case 0xE887B4: case 0xE7A59D: case 0xE9A282:
    break;
  default:
    return ALONE_NONE;
  }
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3; /* an ideographic indent
                                                                 * (of two: probe 22 H9, let1) */
  const char *t = s + i;
  size_t m = n - i;
  if (m == 6 || m == 3) { /* 此致, 特急 …, 祝 */
    static const char *const w[] = {"此致", "顺致", "顺颂", "谨致", "敬祝", "特急", "加急",
                                    "特提", "平急", "绝密", "机密", "秘密", NULL};
    if (m == 3) return !memcmp(t, "祝", 3) ? ALONE_CLOSING : ALONE_NONE;
    for (int j = 0; w[j]; j++)
      if (!memcmp(t, w[j], 6))
        return j < 5 ? ALONE_CLOSING : j < 9 ? ALONE_URGENT : ALONE_SECRET;
    return ALONE_NONE;
  }
  if (m > 6 && (!memcmp(t, "绝密", 6) || !memcmp(t, "机密", 6) || !memcmp(t, "秘密", 6))) {
    size_t j = i + 6;
    while (j < n && s[j] == ' ') j++;
    if (n - j >= 3 && (!memcmp(s + j, "★", 3) || !memcmp(s + j, "☆", 3))) j += 3;
    else if (j < n && s[j] == '*') j++;
    else return ALONE_NONE;
    int c = 0; /* 1年, 6个月, 长期: digits, Han numerals, 年 个 月 长 期 */
    while (j < n) {
      uint32_t d = qg_utf8_next(s, n, &j);
      if (!(ascii_digit(d) || han_numeral(d) || d == 0x5E74 || d == 0x4E2A || d == 0x6708 ||
            d == 0x957F || d == 0x671F) ||
          ++c > 8)
        return ALONE_NONE;
    }
    return c ? ALONE_SECRET : ALONE_NONE;
  }
  /* a Han name, then (a 发文字号) its year in brackets, or (印发) a date */
  size_t j = i;
  uint32_t c = 0;
  int h = run_of(s, n, &j, han_char, 31);
  if (h < 1 || h > 30) return ALONE_NONE;
  if (!memcmp(s + n - 3, "号", 3)) {
    if (h > 12 || j >= n) return ALONE_NONE;
    c = qg_utf8_next(s, n, &j);
    uint32_t close = c == 0x3014 ? 0x3015 : c == '[' ? ']' : c == '(' ? ')' : c == 0xFF08 ? 0xFF09
                     : c == 0x3010 ? 0x3011 : 0;
    if (!close) return ALONE_NONE;
    int d = 0;
    while (j < n && (unsigned)(s[j] - '0') < 10u) j++, d++;
    if (d != 4 || j >= n || qg_utf8_next(s, n, &j) != close) return ALONE_NONE;
    d = 0;
    while (j < n && (unsigned)(s[j] - '0') < 10u) j++, d++;
    return d >= 1 && d <= 5 && n - j == 3 ? ALONE_DOCNUM : ALONE_NONE;
  }
  if (n - i < 24 || memcmp(s + n - 6, "印发", 6) || h < 2) return ALONE_NONE;
  /* 国务院办公厅 2024年1月16日印发: the name, white space, a date and 印发 */
  /* (white space of any width: 国务院办公厅秘书局　　2024年3月5日印发, probe 22 H9) */
  for (;;) {
    if (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
    else if (n - j >= 3 && !memcmp(s + j, "\xE3\x80\x80", 3)) j += 3;
    else break;
  }
  static const uint32_t units[] = {0x5E74 /*年*/, 0x6708 /*月*/, 0x65E5 /*日*/};
  for (int u = 0; u < 3; u++) {
    int d = run_of(s, n, &j, date_numeral, 5);
    if (d < 1 || d > 4 || j >= n || qg_utf8_next(s, n, &j) != units[u]) return ALONE_NONE;
  }
  return n - j == 6 ? ALONE_ISSUED : ALONE_NONE;
}

/* Whether s[0..n) is a 主送机关 line: a list of two or more bodies ending with its only colon,
 * Han, 、 and ， alone (各省、自治区、直辖市人民政府，国务院各部委、各直属机构：), the first opening with 各 or
 * ending with the name of a body, the last ending with one (GB/T 9704-2012 7.3.2: a line of
 * its own, the body starts on the next; probe 12b B5). Repair does not join the body to it
 * across a blank line; here, in the blank layout, the line after it starts a paragraph. */
bool qg_para_addressee(const char *s, size_t n) {
  static const char *const bodies[] = {"政府", "机构", "部门", "单位", "部委", "委员会", "局",
                                       "厅", "委", "办", "室", "处", "公司", "企业", "学校",
                                       "院校", "党委", "党组", "集团", "协会", "团体", NULL};
  size_t i = 0, seg = 0, end = 0;
  bool first = true, ok_first = false, first_seg = false;
  if (n > 480) return false;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c) && at == seg) {
      seg = i;
      continue;
    }
    if ((c == '(' || c == 0xFF08) && at > seg) { /* a bracket's note: 各县（市、区）人民政府 */
      uint32_t d = 0;
      while (i < n && (d = qg_utf8_next(s, n, &i)) != ')' && d != 0xFF09)
        if (!qg_cp_is_han(d) && d != 0x3001) return false;
      if (d != ')' && d != 0xFF09) return false;
      continue;
    }
    bool sep = c == 0x3001 || c == 0xFF0C || c == ',', colon = c == 0xFF1A || c == ':';
    if (!sep && !colon) {
      if (!qg_cp_is_han(c)) return false;
      continue;
    }
    if (at == seg) return false; /* an empty segment */
    bool body = false;
    for (int k = 0; bodies[k] && !body; k++) {
      size_t m = strlen(bodies[k]);
      body = at - seg >= m && !memcmp(s + at - m, bodies[k], m);
    }
    if (first) ok_first = body || (at - seg >= 3 && !memcmp(s + seg, "各", 3));
    first_seg = first && colon; /* (one body alone is no list: …的细微之处:) */
    first = false;
    if (colon) {
      end = i;
      if (!body) return false;
      break;
    }
    seg = i;
  }
  while (end && end < n && (s[end] == ' ' || s[end] == '\t')) end++;
  return end && end == n && ok_first && !first_seg;
}

/* Whether a line is a folio in full-width figures (－３－, — ３ —: the chars stage maps them to
 * ASCII after this stage; qg_text_is_folio reads ASCII figures): the line with its full-width
 * digits read as ASCII ones is a folio (session 42, probe 42 H2: －３－ was glued into the
 * paragraph it cut, 注册地址为-3－东湖市…). */
static bool wide_folio(const qg_block *l) {
  char t[96];
  size_t n = 0, i = 0;
  bool wide = false;
  if (l->text.len > sizeof t) return false;
  /* (a full-width figure is EF BC 90..99: most lines have none and are not decoded) */
  /* (the lead bytes EF at memchr's pace: session 45) */
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  for (const unsigned char *p = u, *e = u + (l->text.len >= 2 ? l->text.len - 2 : 0);
       !wide && p < e && (p = memchr(p, 0xEF, (size_t)(e - p))); p++)
    wide = p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99;
  if (!wide) return false;
  wide = false;
  while (i < l->text.len) {
    size_t p = i;
    uint32_t c = qg_utf8_next(l->text.ptr, l->text.len, &i);
    if (c >= 0xFF10 && c <= 0xFF19) {
      t[n++] = (char)('0' + (c - 0xFF10)), wide = true;
    } else {
      memcpy(t + n, l->text.ptr + p, i - p);
      n += i - p;
    }
  }
  return wide && qg_text_is_folio(t, n);
}

/* Whether a line is a subtitle cue's time code (SRT 00:01:02,500 --> 00:01:05,200, WebVTT
 * 00:01.000 --> 00:04.000; qg_text_timecode): the line and those after it up to a blank line
 * (the cue's text) are lines of their own (probe 11a F6). */
static bool timecode_line(const qg_block *l) { return qg_text_timecode(l->text.ptr, l->text.len); }

static bool date_numeral(uint32_t c) {
  return han_numeral(c) || (c >= '0' && c <= '9') || c == 0x3007 /*〇*/ || c == 0x96F6 /*零*/;
}

/* Whether a line is a date and nothing else (2024年12月20日, 二〇二四年十二月二日): the date
 * under a notice's or an obituary's signature, a line of its own (probe 10a F2). */
static bool date_line(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  static const uint32_t units[] = {0x5E74 /*年*/, 0x6708 /*月*/, 0x65E5 /*日*/};
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (n - i > 48) return false; /* (past its indent: a signature's date is set far right) */
  for (int u = 0; u < 3; u++) {
    int m = 0;
    while (date_numeral(c)) {
      m++;
      c = i < n ? qg_utf8_next(s, n, &i) : 0;
    }
    if (m < 1 || m > (u ? 3 : 4) || !(c == units[u] || (u == 2 && c == 0x53F7 /*号*/)))
      return false;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  while (qg_cp_is_space(c)) c = i < n ? qg_utf8_next(s, n, &i) : 0;
  /* (a 公文's note in brackets after the date, 二〇二四年三月五日（此件公开发布）: one to twelve Han
   * characters; session 23, probe 22 M6: the issuer over it was joined to it) */
  if (c == 0xFF08 && n - i >= 6 && !memcmp(s + i, "此", 3)) { /* (此件公开发布, 此页无正文) */
    int h = 0;
    while (i < n && qg_cp_is_han(c = qg_utf8_next(s, n, &i)) && h <= 12) h++;
    if (h < 2 || h > 12 || c != 0xFF09) return false;
    c = 0;
    while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  }
  return c == 0;
}

/* Session 42 (probe 41b H3): whether a line is the date, and the place, a poem is signed with
 * (2019年冬，于青石镇, 二〇二三年十月, 2021年4月，青石镇, 1998年春 北京): one to four date numerals
 * and 年, then a month (numerals and 月, a day after it or not) or a season (春 夏 秋 冬, 初 末 底
 * after it or not) or nothing, then, after ，、 or white space, at most twelve Han characters
 * (the place), and nothing else: no sentence mark. Under lines of verse it is a line of its
 * own (it was joined to the last line, 一江烟水正溶溶。二〇二三年十月). 1: a whole date alone
 * (2024年6月1日, as a notice is signed), 2: the others, 0: none. */
static int verse_date(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  if (n > 96) return false;
  uint32_t c = 0;
  bool day = false;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  int m = 0;
  while (date_numeral(c) || c - 0xFF10 < 10u) {
    m++;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  if (m < 1 || m > 4 || c != 0x5E74 /*年*/) return false;
  c = i < n ? qg_utf8_next(s, n, &i) : 0;
  m = 0;
  while (date_numeral(c) || c - 0xFF10 < 10u || c == 0x5341 /*十*/) {
    m++;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  if (m) { /* a month, and a day */
    if (m > 3 || c != 0x6708 /*月*/) return false;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
    m = 0;
    while (date_numeral(c) || c - 0xFF10 < 10u || c == 0x5341) {
      m++;
      c = i < n ? qg_utf8_next(s, n, &i) : 0;
    }
    if (m) {
      if (m > 3 || (c != 0x65E5 /*日*/ && c != 0x53F7 /*号*/)) return false;
      c = i < n ? qg_utf8_next(s, n, &i) : 0;
      day = true;
    }
  } else if (c == 0x6625 || c == 0x590F || c == 0x79CB || c == 0x51AC) { /* 春夏秋冬 */
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
    if (c == 0x521D || c == 0x672B || c == 0x5E95 || c == 0x65E5 || c == 0x5B63) /* 初末底日季 */
      c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  while (c && qg_cp_is_space(c)) c = i < n ? qg_utf8_next(s, n, &i) : 0;
  if (!c) return day ? 1 : 2;
  if (c != 0xFF0C && c != 0x3001 && c != ',' && !qg_cp_is_space(c) && !qg_cp_is_han(c)) return 0;
  if (qg_cp_is_han(c)) i = qg_utf8_prev(s, i); /* (the place after white space) */
  do c = i < n ? qg_utf8_next(s, n, &i) : 0;
  while (c && qg_cp_is_space(c));
  int h = 0;
  while (c && qg_cp_is_han(c) && h <= 12) {
    h++;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  while (c && qg_cp_is_space(c)) c = i < n ? qg_utf8_next(s, n, &i) : 0;
  return h >= 1 && h <= 12 && !c ? 2 : 0;
}

/* Whether the held group of lines of verse's shape (put_held) is a stanza of classical verse
 * set one 句 to a line without marks (空山新雨后 | 天气晚来秋 | 明月松间照 | 清泉石上流): four lines
 * or more, each of five or seven Han characters and nothing else, all of one length. A column
 * of prose is not five or seven characters wide with no mark in four lines (probe 41 F12: such
 * a stanza alone, a paragraph of prose under it, was joined into one line, unreported). */
static bool classical_group(const para_stage *ps) {
  const qg_block *b = ps->held;
  int n = ps->held_n, len = 0;
  if (!b || n < 4) return false;
  for (int k = 0; k < n; k++) {
    size_t from = k ? ps->held_cut[k] : 0, to = k + 1 < n ? ps->held_cut[k + 1] : b->text.len;
    int h = 0;
    for (size_t i = from; i < to;) {
      uint32_t c = qg_utf8_next(b->text.ptr, to, &i);
      if (qg_cp_is_space(c)) continue;
      if (!qg_cp_is_han(c)) return false;
      h++;
    }
    if ((h != 5 && h != 7) || (len && h != len)) return false;
    len = h;
  }
  return true;
}

/* The bytes of t[0..n)'s indent: ASCII white space, then U+3000s. */
static size_t indent_bytes(const char *t, size_t n) {
  size_t i = 0;
  while (i < n && (t[i] == ' ' || t[i] == '\t')) i++;
  while (n - i >= 3 && !memcmp(t + i, "\xE3\x80\x80", 3)) i += 3;
  return i;
}

/* The digits (ASCII or full-width) line l ends with, white space not counted: their count (in
 * *nd) and value (in *v, saturating past 18 digits). */
static void tail_digits(const qg_block *l, unsigned *nd, uint64_t *v, bool *frac) {
  const char *s = l->text.ptr;
  size_t at = l->text.len;
  while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t' || s[at - 1] == '\r')) at--;
  size_t from;
  *nd = (unsigned)qg_text_tail_digits(s, at, v, &from);
  /* (*frac: the digits are a figure's fraction or minutes, a digit and . ． : or ： before them,
   * FM 93.6, 17:00; digits_apart) */
  *frac = false;
  if (*nd && from >= 2) {
    size_t p = qg_utf8_prev(s, from), q = p;
    uint32_t m = qg_utf8_next(s, from, &q);
    if ((m == '.' || m == 0xFF0E || m == ':' || m == 0xFF1A) && p > 0) {
      size_t r = qg_utf8_prev(s, p);
      *frac = qg_cp_digit(qg_utf8_next(s, p, &r)) >= 0 && (m == '.' || m == 0xFF0E || *nd == 2);
    }
  }
}

/* Whether line l, under a line that ends with nd digits of value v (nd > 0), opens with a date
 * or a clock time that those digits cannot be the first part of, so that the two lines are
 * not one number cut at the line end (probe 25 H1: 我们的歌2026 | 23:10 文化大观 was joined
 * into 202623:10, 025-88886666 | 2026年3月15日 into 888866662026年, 5551001 | 2月16日 into
 * 55510012月, silently): a year and its month (2026年3月) under any figure (a year of five
 * digits), a month and its day (2月16日) whose month the digits above would take to three
 * digits or past 12 (digits before 月 are a month), a schedule's clock time (clock:
 * opens_clock) with an hour of two digits (23:10 文化大观: digits before it make an hour of
 * three). The figure l opens with is a whole one (a month of 1 to 12); 1 | 2月1日 and
 * 2 | 3:10 … may be cut numbers (12月, 23:10) and are not apart (repair's number_cut reads a
 * cut across blocks so). Under a figure's fraction or a clock's minutes (frac), any clock time
 * of an hour up to 24 and two figures of minutes is apart, a schedule's or not (session 45). */
static bool digits_apart(unsigned nd, uint64_t v, bool frac, const qg_block *l, bool clock) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = indent_bytes(s, n);
  unsigned bd = 0;
  uint64_t bv = 0, scale = 1;
  uint32_t c = 0;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    int d = qg_cp_digit(c);
    if (d < 0) break;
    if (++bd > 4) return false;
    bv = bv * 10 + (uint64_t)d, scale *= 10;
    c = 0;
  }
  if (!bd) return false;
  if (c == 0x5E74 /*年*/ || c == 0x6708 /*月*/) {
    if (c == 0x5E74 && (bd != 4 || bv < 1000)) return false; /* (0370年: no year) */
    if (c == 0x6708 && (bd > 2 || bv < 1 || bv > 12)) return false;
    int m = 0; /* the month's or the day's digits after it, then 月 or 日 (号) */
    uint32_t e = 0;
    while (i < n && (e = qg_utf8_next(s, n, &i), qg_cp_digit(e) >= 0)) m++, e = 0;
    if (m < 1 || m > 2) return false;
    if (c == 0x5E74) return e == 0x6708;
    if (e != 0x65E5 /*日*/ && e != 0x53F7 /*号*/) return false;
    return nd + bd > 2 || v * scale + bv > 12;
  }
  /* (an hour of one digit under digits, …512 | 8:14 …, may be one number, a ratio 5128:14:
   * joined as before, the join reported in the blank layout, digit_run_join; session 10 F4) */
  /* (but not under a figure's fraction or a clock's minutes, frac: no figure reads 93.67:00 or
   * 18:307:00, a channel's frequency over its schedule's first hour, FM 93.6 | 7:00-8:00 新闻早高峰,
   * was glued so and the figure altered; session 44, probe 44 H2) */
  /* (and under a figure's fraction or a clock's minutes, a clock time whatever follows it, a
   * schedule's entry or a sentence's 3:00以后…: 28.6 | 3:00 never reads 28.63:00; in the blank
   * layout the lines of a block were glued so, with a note; session 45, review 44b) */
  if (frac && !clock && (c == ':' || c == 0xFF1A) && bd <= 2 && bv <= 24) {
    int m = 0;
    while (i < n && m < 3 && qg_cp_digit(qg_utf8_next(s, n, &i)) >= 0) m++;
    return m == 2;
  }
  return clock && (c == ':' || c == 0xFF1A) && (bd == 2 || frac);
}

/* Whether s[0..n) opens as a line of an attachment's list: 附件 or 附： first, or one or two
 * figures and ． or 、 (附件：1．… | 2．…). */
static bool attachment_lead(const char *t, size_t n) {
  size_t i = indent_bytes(t, n);
  if (n - i >= 6 && (!memcmp(t + i, "附件", 6) || !memcmp(t + i, "附：", 6))) return true;
  size_t d = i;
  while (d < n && d - i < 2 && (unsigned)(t[d] - '0') < 10u) d++;
  return d > i && d + 3 <= n && (!memcmp(t + d, "．", 3) || !memcmp(t + d, "、", 3));
}

/* Whether line l is short and holds no clause or sentence mark (at most 24 characters after
 * white space: 附件：读书节活动安排表, 报名汇总表, 东湖市教育局办公室, 2024年3月5日印发): under
 * an attachment's title such a line is a line of the list or the document's end matter, which
 * the blank layout glued to it silently (附件：读书节活动安排表东湖市教育局办公室2024年3月5日印发;
 * session 23's leftover, session 24). */
static bool attach_title(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  int c = 0;
  while (i < n) {
    uint32_t u = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(u)) continue;
    if (u == 0x3002 || u == 0xFF0C || u == 0xFF1B || u == 0xFF01 || u == 0xFF1F || u == 0x3001 ||
        u == ',' || u == ';' || ++c > 24)
      return false;
  }
  return c >= 2;
}

/* Whether s[0..n) reads as the issuer's line of a signature: one to twenty-four characters, Han
 * and white space only, no mark (国务院办公厅, 东湖市人民政府办公室, 学生　李某). */
static bool issuer_text(const char *s, size_t n) {
  size_t i = 0;
  int h = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_han(c)) h++;
    else if (!qg_cp_is_space(c)) return false;
  }
  return h >= 2 && h <= 24;
}

/* Whether a heading line ends with a poet's or an author's name, so that the lines under it
 * (a poem's verse, a text) are no continuation of it (probe 10a F7): a dynasty in brackets or
 * before · and a name of two to four Han characters ((唐)王之涣, 〔唐〕李白, ［唐］李白, 唐·李白),
 * or, as the second or a later heading line (nth), the name alone (静夜思 | 李白);
 * qg_text_poet, which the structure stage reads too. */
static bool poet_line(const qg_block *l, size_t nth) {
  int p = qg_text_poet(l->text.ptr, l->text.len);
  return p > QG_POET_NAME || (p == QG_POET_NAME && nth >= 2);
}

/* The shape of a short line, for telling the lines of a verse (床前明月光，疑是地上霜。 /
 * 举头望明月，低头思故乡。, 春眠不觉晓　处处闻啼鸟 / 夜来风雨声　花落知多少) from the lines of
 * a wrapped paragraph: its characters (white space at the ends not counted), the position of
 * its first inner ， or U+3000, and its end: 1 a sentence mark, 2 a Han character (0: no such
 * line; packed as chars | sep << 8 | end << 16). */
#define QG_VERSE_MAX 24
static uint32_t verse_shape(const qg_block *l) {
  if (l->text.len > QG_VERSE_MAX * 3 + 4 || l->text.len < 8) return 0; /* (3 bytes a Han) */
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  /* most lines fail on their last bytes: a verse line ends with 。！？ . ! ?, or holds U+3000 */
  size_t z = n;
  while (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
  if (z < 3) return 0;
  const unsigned char *e = (const unsigned char *)s + z - 3;
  bool stop = (e[0] == 0xE3 && e[1] == 0x80 && e[2] == 0x82) ||
              (e[0] == 0xEF && e[1] == 0xBC && (e[2] == 0x81 || e[2] == 0x9F)) || e[2] == '.' ||
              e[2] == '!' || e[2] == '?';
  if (!stop) {
    if (!qg_text_ideo_space(s, z)) return 0;
  }
  uint32_t chars = 0, sep = 0, c = 0, sepc = 0;
  while (i < n) {
    uint32_t d = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(d)) {
      if (!chars) continue;
      if (d != 0x3000) break; /* a space inside: no verse line */
    }
    if (!sep && chars && (d == 0xFF0C || d == ',' || d == 0x3000)) sep = chars, sepc = d;
    chars++;
    c = d;
  }
  while (i < n && qg_cp_is_space(qg_utf8_next(s, n, &i))) {}
  if (i < n || chars < 5 || chars > QG_VERSE_MAX || !sep) return 0;
  uint32_t end = c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '.' || c == '!' || c == '?'
                     ? 1
                 : qg_cp_is_han(c) ? 2
                                   : 0;
  if (!end || (end == 2 && sepc != 0x3000)) return 0; /* (a wrapped line holds commas) */
  return chars | sep << 8 | end << 16;
}

/* Whether a line of the blank layout has the shape of a line of verse or lyrics set one to a
 * line (小城的街道弯又弯, 从明天起，做一个幸福的人, 啦啦啦 啦啦啦): 2 to QG_VERSE_LINE characters,
 * Han and only ，、 —— · and white space between them, opening with Han and ending with Han or
 * ，、. No sentence mark, colon, bracket, quotation mark, Latin letter or digit: a wrapped
 * paragraph's lines hold them (group_end). */
static bool verse_line(const qg_block *l) {
  if (l->text.len > QG_VERSE_LINE * 3 + 8) return false;
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  int chars = 0;
  uint32_t last = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) continue;
    bool han = qg_cp_is_han(c);
    if (!chars && !han) return false;
    if (!han && c != 0xFF0C && c != 0x3001 && c != 0x2014 && c != 0xB7) return false;
    if (++chars > QG_VERSE_LINE) return false;
    last = c;
  }
  return chars >= 2 && (qg_cp_is_han(last) || last == 0xFF0C || last == 0x3001);
}

/* The shape of a line of classical verse set one 句 to a line (山外青山楼外楼， | 西湖歌舞几时休？):
 * 5 or 7 Han characters (五言, 七言) and one mark, ，。？！； at the end (or , ; ? ! after the
 * Han: session 27); the count of Han
 * characters, 0 for any other line. Two such lines of one count in a row are lines of verse: a
 * column of prose is not 6 or 8 characters wide. (Not 4 or 6: 第一段第一行， | 第一段第二行。
 * is the shape of test copy and of short prose lines.) */
uint32_t qg_para_jue_shape(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  if (n < 15 || n > 7 * 3 + 3 + 8) return 0;
  /* (it ends with its mark, ，。？！；, past white space: most lines are let go here) */
  size_t z = n;
  while (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\r')) z--;
  /* (or its ASCII form after Han, 月落乌啼霜满天, : the punct stage makes it full-width, and the
   * line reads as it will be written; session 27, probe 26 M5) */
  bool ascii = z >= 3 && (s[z - 1] == ',' || s[z - 1] == ';' || s[z - 1] == '?' || s[z - 1] == '!');
  if (z < 3 || !(ascii || ((unsigned char)s[z - 3] == 0xEF && (unsigned char)s[z - 2] == 0xBC) ||
                 ((unsigned char)s[z - 3] == 0xE3 && (unsigned char)s[z - 2] == 0x80)))
    return 0;
  uint32_t h = 0, mark = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      if (h && !mark) return 0;
      continue;
    }
    if (mark) return 0;
    if (qg_cp_is_han(c)) h++;
    else if (h && (c == 0xFF0C || c == 0x3002 || c == 0xFF1F || c == 0xFF01 || c == 0xFF1B)) mark = c;
    else if (h && ascii && (c == ',' || c == ';' || c == '?' || c == '!')) mark = c;
    else return 0;
  }
  return mark && (h == 5 || h == 7) ? h : 0;
}

/* Whether a line is a term and its translation, a glossary's row (算法 algorithm, 内存 memory;
 * RAM, 人工智能 artificial intelligence, AI): 1 to 8 Han characters, white space, then Latin
 * text (opening with a letter) and no Han or full-width character after it. Two in a row are
 * rows: joined, the Latin word ran into the next term (algorithm数据结构). */
static bool term_line(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  if (n > QG_PARA_HEAD_BYTES) return false;
  /* (it ends in ASCII, the translation: most lines end with a Chinese mark or Han) */
  size_t z = n;
  while (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\r')) z--;
  if (!z || (unsigned char)s[z - 1] >= 0x80) return false;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  int h = 0;
  uint32_t c = 0;
  while (i < n) {
    size_t at = i;
    c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_han(c)) {
      i = at;
      break;
    }
    if (++h > 8) return false;
  }
  if (!h || i >= n) return false;
  size_t sp = i;
  while (i < n) {
    size_t at = i;
    c = qg_utf8_next(s, n, &i);
    if (c != ' ' && c != 0x3000 && c != '\t') {
      i = at;
      break;
    }
  }
  if (i == sp || i >= n || (unsigned)(((unsigned char)s[i] | 0x20) - 'a') >= 26u) return false;
  for (; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return false;
  return true;
}

/* Whether a line is a row of doses or amounts, a prescription's or a recipe's (党参15g　白术12g
 * 茯苓15g, 面粉500克 鸡蛋2个 白糖50克): three to eight fields between white space, each holding a
 * digit and at most 12 characters, and no clause or sentence mark. Two in a row are rows. */
static bool dose_row(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  if (n > QG_PARA_HEAD_BYTES) return false;
  /* (three fields need white space between them: most lines have none, found at memchr's pace) */
  if (!memchr(s, ' ', n) && !memchr(s, '\t', n)) {
    if (!qg_text_ideo_space(s, n)) return false;
  }
  int fields = 0, chars = 0;
  bool in = false, digit = false;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      if (in && !digit) return false;
      in = false;
      continue;
    }
    if (c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 ||
        c == 0xFF1F || c == ',' || c == ';' || c == ':' || c == '!' || c == '?')
      return false;
    if (!in) {
      if (++fields > 8) return false;
      in = true, digit = false, chars = 0;
    }
    if (++chars > 12) return false;
    digit |= c - '0' < 10u || c - 0xFF10 < 10u;
  }
  if (in && !digit) return false;
  return fields >= 3;
}

/* Whether a line is a quantity and its value, a data box's row (转变温度 Tc = 96 K, 临界磁场 Hc2 ≈
 * 45 T, 样品密度 ρ = 7.2 g/cm³): a label of two to eight Han characters, white space, and a value
 * of at most 24 characters with a figure and no Han character, no Chinese mark and no clause or
 * sentence mark (a . only inside a number). Two in a row are rows, as term_line's are: a sidebar's
 * data were one paragraph, and repair joined its last row to the next paragraph across the blank
 * line (probe 25 M2). The label's first byte first: most lines open with Han and go on with it. */
static bool quantity_row(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  if (n > QG_PARA_HEAD_BYTES || n < 9) return false;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  /* (white space after two to eight characters of three bytes, found by its byte: most lines
   * have none there) */
  bool gap = false;
  for (size_t k = i + 6; k <= i + 24 && k < n && !gap; k += 3)
    gap = s[k] == ' ' || s[k] == '\t' || (n - k >= 3 && !memcmp(s + k, "\xE3\x80\x80", 3));
  if (!gap) return false;
  int h = 0;
  while (i < n) {
    size_t at = i;
    if (!qg_cp_is_han(qg_utf8_next(s, n, &i))) {
      i = at;
      break;
    }
    if (++h > 8) return false;
  }
  if (h < 2 || i >= n || (s[i] != ' ' && s[i] != '\t' && memcmp(s + i, "\xE3\x80\x80", 3)))
    return false;
  int chars = 0;
  bool digit = false;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) continue;
    if (c >= 0x3000 || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || ++chars > 24)
      return false;
    if (c == '.' && !(at && (unsigned)(s[at - 1] - '0') < 10u && i < n && (unsigned)(s[i] - '0') < 10u))
      return false;
    digit |= c - '0' < 10u;
  }
  return digit;
}

/* Whether a line is a row of fields set apart by runs of ASCII spaces, as a table is typed in a
 * plain-text file (行业        营收(亿元)   同比(%), 日期        带班领导    值班电话): two or more
 * runs of two or more spaces between text, a Han character in it, no sentence or clause
 * mark of Chinese text (TABs are qg_text_tab_cells's). In the blank layout two such lines in a
 * row are a table's rows: a
 * table's title over its header row (表1 2026年一季度主要行业营收情况) was joined to it (probe 25
 * M1). English text with two spaces after each full stop has no Han; a Chinese sentence has its
 * marks. */
static bool spaced_row(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (n > QG_PARA_HEAD_BYTES || n < 12) return false;
  /* (two spaces in a row, found at memchr's pace first: most lines have none; cells set apart
   * by TABs have their own rule, qg_text_tab_cells) */
  const char *p = s, *e = s + n - 1;
  while ((p = memchr(p, ' ', (size_t)(e - p))) && p[1] != ' ') p++;
  if (!p) return false;
  n = ascii_rtrim(s, n);
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  size_t from = i;
  int runs = 0;
  /* (the runs first, byte by byte: most lines have none) */
  while (i < n) {
    if (s[i] != ' ' && s[i] != '\t') {
      i++;
      continue;
    }
    size_t k = i;
    while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
    runs += k - i >= 2;
    i = k;
  }
  if (runs < 2) return false;
  bool han = false;
  /* Han characters of the cell (between runs of two spaces or more), the most of a cell, and
   * the cells of four or more: prose spaced out by OCR's pauses has long cells (他说那时候
   * 家里穷  吃不饱饭  但是一家人在一起: review 25b M2), a table's cells are short */
  int cell = 0, most = 0, wordy = 0;
  for (i = from; i < n;) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F)
      return false;
    if (c == ' ' && at + 1 < n && s[at + 1] == ' ') {
      wordy += cell >= 4, most = cell > most ? cell : most, cell = 0;
      continue;
    }
    bool h = qg_cp_is_han(c);
    han |= h;
    cell += h;
  }
  wordy += cell >= 4, most = cell > most ? cell : most;
  return han && runs >= 2 && most <= 7 && wordy <= 2;
}

/* Whether line l holds an ideographic space (U+3000) past its indent. */
static bool ideo_space(const qg_block *l) {
  size_t in = indent_bytes(l->text.ptr, l->text.len);
  return qg_text_ideo_space(l->text.ptr + in, l->text.len - in) != NULL;
}

/* Whether a line is a row of a table of data set one row a line (probe 44 H1, H3): 2 to 8
 * cells between white space, none over 16 characters, no clause or sentence mark (。，、；！？),
 * and either a cell gap (an ideographic space or a run of two ASCII spaces or more) with
 * figures in the cells (qg_text_cells: three cells or more, or a figure that is no bare whole
 * number or has a unit; or two cells or more that open with a figure; or three or more of
 * which two hold a digit: 上海　小雨　8～14℃　东北风3-4级, 100日元　4.7325元人民币,
 * 一等奖　3注　每注10,000,000元), or two cells, a label and a figure with its unit last, apart by
 * one space (赞成 471票): 3, a row only under another such row that ends with the same unit,
 * 赞成 471票 | 反对 6票, where a number box's lines, 新建学校 12所 | 新增学位 2.4万个, do not. 2: a
 * row; 1: a header row of words of at most 72 bytes, three cells or more apart by cell gaps, no
 * digit, the first Han (城市　AQI　首要污染物); 0: none. A line that ends with a clause or
 * sentence mark, or holds 。 or 、, is none at once (most lines: its cost). The cells' count goes to
 * *cells. A wrapped line of prose has a clause mark every line or a run of more than 16
 * characters; two such lines in a row are rows (take_line's cell_pair). */
static int cell_row(const qg_block *l, size_t digits, unsigned *cells) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  *cells = 0;
  if (n > (digits ? QG_PARA_HEAD_BYTES : 72) || n < 6 || (unsigned char)s[0] < 0x30) return 0;
  /* (a row ends with no mark of a sentence or clause, 。，、；！？ and their closers: most lines of
   * prose stop here, by their last bytes) */
  unsigned char z1 = (unsigned char)s[n - 1], z2 = (unsigned char)s[n - 2];
  if ((z2 == 0x80 && (z1 == 0x82 || z1 == 0x81)) ||
      (z2 == 0xBC && (z1 == 0x8C || z1 == 0x9B || z1 == 0x81 || z1 == 0x9F)))
    return 0;
  /* (white space next, at memchr's pace: most lines have none; a 。 or 、 on the way is prose) */
  bool gap = false;
  for (const char *p = s, *e = s + n; (p = memchr(p, 0xE3, (size_t)(e - p))); p++) {
    if (e - p < 3 || p[1] != '\x80') continue;
    if (p[2] == '\x80') {
      gap = true;
      break;
    }
    if (p[2] == '\x82' || p[2] == '\x81') return 0;
  }
  bool ascii = memchr(s, ' ', n) != NULL;
  if (ascii && !gap) {
    const char *p = s, *e = s + n - 1;
    while ((p = memchr(p, ' ', (size_t)(e - p))) && p[1] != ' ') p++;
    gap = p != NULL;
  }
  if (!gap && !ascii) return 0;
  /* (with no gap, only a label and a count apart by one space, 赞成 471票: a label first (its
   * first byte E3 or above: Han, and also 【「《 or U+3000, which the cells' test below reads),
   * one space, a digit after it; most lines with a space are prose, left here) */
  if (!gap) {
    const char *sp = memchr(s, ' ', n);
    if (!digits || (unsigned char)s[0] < 0xE3 || (size_t)(sp - s) + 1 >= n ||
        (unsigned)(sp[1] - '0') >= 10u || memchr(sp + 1, ' ', n - (size_t)(sp - s) - 1))
      return 0;
  }
  /* the cells: their count, the longest, those holding a digit and those opening with a figure
   * (a digit, or a sign and a digit) */
  unsigned fields = 0, longest = 0, dig = 0, lead = 0;
  for (size_t i = 0; i < n;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) continue;
    unsigned chars = 0;
    bool d = false;
    fields++;
    lead += qg_cp_digit(c) >= 0 ||
            ((c == '-' || c == '+' || c == 0x2212) && i < n && qg_cp_digit((unsigned char)s[i]) >= 0);
    for (;;) {
      if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F)
        return 0; /* (a clause or sentence mark: prose) */
      d |= qg_cp_digit(c) >= 0;
      chars++;
      if (i >= n) break;
      size_t k = i;
      c = qg_utf8_next(s, n, &k);
      if (qg_cp_is_space(c)) break;
      i = k;
    }
    dig += d;
    if (chars > longest) longest = chars;
  }
  if (fields < 2 || fields > 8 || longest > 16) return 0;
  *cells = fields;
  qg_cells c;
  bool ok = longest <= QG_CELL_MAX && qg_text_cells(s, n, &c);
  if (!digits) return ok && gap && fields >= 3 && !c.figures && c.first_han ? 1 : 0;
  if (gap)
    return (ok && c.figures && (fields >= 3 || c.strong || c.units)) || lead >= 2 ||
                   (fields >= 3 && dig >= 2)
               ? 2
               : 0;
  return ok && fields == 2 && c.units && (c.shape & 2u) ? 3 : 0;
}

/* Whether a line opens with a point of a list written out (一是 … 十是, 首先 其次) after a line
 * that ends with 。！？：； (last): in the wrapped layout it starts a paragraph (probe 9 F33).
 * Not after a line that ends mid-word (统|一是, 唯|一是). */
static bool opens_shi(const qg_block *l, uint32_t last) {
  if (!(last == 0x3002 || last == 0xFF01 || last == 0xFF1F || last == 0xFF1A || last == 0xFF1B ||
        last == ':' || last == ';'))
    return false;
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len, at = 0;
  uint32_t c = 0;
  while (i < n) {
    at = i;
    c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_space(c)) break;
    c = 0;
  }
  if (!c) return false;
  if (n - at >= 6 && (!memcmp(s + at, "首先", 6) || !memcmp(s + at, "其次", 6))) return true;
  int m = 0;
  while (han_numeral(c) && m < 3) {
    m++;
    c = i < n ? qg_utf8_next(s, n, &i) : 0;
  }
  return m >= 1 && m <= 2 && c == 0x662F /*是*/;
}

/* Whether a line that opens with a list marker starts a paragraph after the line before it
 * (last: that line's last character): not when that line shows a cut inside a sentence, by
 * a comma (，、) or an opening bracket or quotation mark at its end: the marker is then
 * text that goes on (…分为（一）…); nor after an ASCII letter or digit (strip|(3), a manual
 * page reference cut before its section number). */
static bool list_starts(uint32_t last) {
  if (last < 0x80 && ((last | 0x20) - 'a' < 26u || last - '0' < 10u))
    return false; /* strip|(3): a reference to a Latin word */
  switch (last) {
  case 0xFF0C: case 0x3001: case ',': /* ，、, (not ；: points end with it, （1）…；|（2）…) */
  case 0xFF08: case '(': case 0x300A: case 0x201C: case 0x300C: case 0x3010: /* （(《“「【 */
    return false;
  default:
    return true;
  }
}


/* The offset of the bracket that opens a score note ending s[0..end) (white space before end
 * allowed): （4分） （共12分） （每空2分，共8分） (3分), a figure right before 分 and at most 16
 * characters inside, no sentence mark nor bracket among them; SIZE_MAX for none. An exam's
 * answer or item ends its sentence before its score (…=12 km。（3分）), session 48. */
static size_t score_note(const char *s, size_t end) {
  end = ascii_rtrim(s, end);
  size_t e;
  if (end >= 7 && !memcmp(s + end - 3, "\xEF\xBC\x89", 3)) e = end - 3; /* ） */
  else if (end >= 5 && s[end - 1] == ')') e = end - 1;
  else return SIZE_MAX;
  if (e < 4 || memcmp(s + e - 3, "\xE5\x88\x86", 3)) return SIZE_MAX; /* 分 */
  size_t i = e - 3, p = qg_utf8_prev(s, i), q = p;
  uint32_t d = qg_utf8_next(s, i, &q);
  if (d - '0' >= 10u && d - 0xFF10 >= 10u) return SIZE_MAX; /* (a figure before 分) */
  for (int k = 0; i > 0 && k <= 16; k++) {
    p = qg_utf8_prev(s, i), q = p;
    uint32_t c = qg_utf8_next(s, i, &q);
    if (c == 0xFF08 || c == '(') return p;
    if (c == 0xFF09 || c == ')' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1A ||
        c == ':')
      return SIZE_MAX;
    i = p;
  }
  return SIZE_MAX;
}

/* The last character of line l past white space and closing quotes and brackets (。” 。）),
 * 0 when there is none; *end receives its offset. A score note in brackets after a sentence's
 * mark is looked past too (…J。（4分）: 。; score_note, session 48), so that the line ends a
 * sentence (probe 47 art 23, review 47 L6: `（2）…。（4分）` | `答：…` had been joined). */
static uint32_t last_past_closers(const qg_block *l, size_t *end_out) {
  const char *s = l->text.ptr;
  size_t end = l->text.len;
  uint32_t c = 0;
  /* (a common Han character last, no white space nor closer: most lines but those ending a
   * sentence; session 45) */
  if (end >= 3 && qg_utf8_common_han((const unsigned char *)s + end - 3)) {
    size_t i = end - 3;
    c = qg_utf8_next(s, end, &i);
    if (end_out) *end_out = end - 3;
    return c;
  }
  /* (the last byte first: ） ) or white space) */
  unsigned char zb = end ? (unsigned char)s[end - 1] : 0;
  bool note = zb == 0x89 || zb == ')' || zb == ' ' || zb == '\t' || zb == '\r';
  for (int pass = !note; pass < 2; pass++) {
    /* (the first pass from before a score note, when the line ends with one; kept only when
     * a sentence's mark stands before it) */
    size_t at = pass ? SIZE_MAX : score_note(s, end);
    if (!pass && at == SIZE_MAX) continue;
    size_t e = pass ? end : at;
    while (e > 0) {
      size_t p = qg_utf8_prev(s, e), i = p;
      c = qg_utf8_next(s, l->text.len, &i);
      e = p;
      if (qg_cp_is_space(c) || c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300D ||
          c == 0x300F || c == 0x300B || c == ')' || c == '"')
        continue;
      break;
    }
    if (pass || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026) {
      if (end_out) *end_out = e;
      return c;
    }
  }
  return c;
}

/* Whether line l ends a sentence: 。！？… (or ASCII . ! ? after Han), past closing quotes and
 * brackets (。” 。）). */
static bool ends_sentence(const qg_block *l) {
  /* (most lines end with 。 or a common Han character: their last three bytes tell, as
   * last_past_closers would; page_repeat asks it of every line: session 49) */
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  if (l->text.len >= 3) {
    const unsigned char *z = u + l->text.len - 3;
    if (z[0] == 0xE3 && z[1] == 0x80 && z[2] == 0x82) return true;
    if (qg_utf8_common_han(z)) return false;
  }
  size_t end;
  uint32_t c = last_past_closers(l, &end);
  if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026) return true;
  if (c != '.' && c != '!' && c != '?') return false;
  if (!end) return false;
  const char *s = l->text.ptr;
  size_t p = qg_utf8_prev(s, end), i = p;
  uint32_t b = qg_utf8_next(s, l->text.len, &i);
  if (qg_cp_is_han(b)) return true;
  /* (also . after a currency or per-cent sign, or after a figure or formula that follows
   * Han: …合约14亿€. …百分之十1. …SO4.; one such line among lines of translated news ending
   * with . made the page wrapped and glued its items: probe 12b B4) */
  if (c != '.') return false;
  if (b == 0x20AC || b == 0xA3 || b == '$' || b == 0xA5 || b == 0xFFE5 || b == '%' || b == 0x2030)
    return true;
  if (b - '0' >= 10u) return false;
  while (p > 0 && (unsigned char)s[p - 1] < 0x80 &&
         ((unsigned)(s[p - 1] - '0') < 10u || (unsigned)((s[p - 1] | 0x20) - 'a') < 26u))
    p--;
  if (!p) return false;
  p = qg_utf8_prev(s, p), i = p;
  return qg_cp_is_han(qg_utf8_next(s, l->text.len, &i));
}

/* An indented line opens with a space as wide as a Han character (U+3000, a tab, EM SPACE
 * U+2003 or EM QUAD U+2001), or with two narrower ones (ASCII, no-break, or the other spaces
 * of qg_cp_is_uspace). */
static bool is_indented(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  if (!n) return false;
  uint32_t c = qg_utf8_next(s, n, &i);
  if (c == 0x3000 || c == '\t' || c == 0x2003 || c == 0x2001) return true;
  if (c != ' ' && c != 0xA0 && !qg_cp_is_uspace(c)) return false;
  if (i >= n) return false;
  c = qg_utf8_next(s, n, &i);
  return c == ' ' || c == 0xA0 || qg_cp_is_uspace(c);
}

/* Bytes of ASCII spaces and TABs at the start of l (an indent qg_text_code_line reads past). */
static size_t lead_ws(const qg_block *l) {
  size_t i = 0;
  while (i < l->text.len && (l->text.ptr[i] == ' ' || l->text.ptr[i] == '\t')) i++;
  return i;
}

/* A soft hyphen or a zero-width character (the invisibles the chars stage removes): at a line
 * break it marks a break inside a word, so the lines join with no space. */
static bool is_soft_break(uint32_t c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

/* Characters looked through on one side of a line break for the letter that decides whether
 * the Chinese punctuation next to the break stands in Latin or in Chinese text. */
#define QG_JOIN_LOOK 8

/* Whether the side of a line break is full-width: the character next to the break (the one
 * before offset at when backward, else the one at offset at), except that the punctuation of
 * qg_cp_is_cjk_ambiguous takes the class of the nearest other character on its side, within
 * QG_JOIN_LOOK characters (wide when there is none: Chinese copy). So “好”|“走 joins with no
 * space, while “yes”|“no” in Latin text keeps it. */
static bool side_is_wide(const char *s, size_t len, size_t at, bool backward) {
  for (int k = 0; k < QG_JOIN_LOOK; k++) {
    if (backward ? at == 0 : at >= len) break;
    uint32_t c;
    if (backward) {
      at = qg_utf8_prev(s, at);
      size_t i = at;
      c = qg_utf8_next(s, len, &i);
    } else {
      c = qg_utf8_next(s, len, &at);
    }
    if (!qg_cp_is_cjk_ambiguous(c)) return qg_cp_is_wide(c);
  }
  return true;
}

/* Drops white space at the end of the paragraph's text (and anchors past the new end). */
static void trim_end(qg_block *b) {
  size_t end = b->text.len;
  while (end > 0) {
    size_t p = qg_utf8_prev(b->text.ptr, end);
    size_t i = p;
    if (!qg_cp_is_space(qg_utf8_next(b->text.ptr, b->text.len, &i))) break;
    end = p;
  }
  if (end < b->text.len) b->cut_next = 0; /* (its end is no longer at the cut) */
  qg_buf_truncate(&b->text, end);
  while (b->map.n > 1 && b->map.a[b->map.n - 1].off >= end) b->map.n--;
}

/* Puts block b out (white space at its end dropped). */
static int emit_block(para_stage *ps, qg_block *b) {
  if (ps->own_hi && b->line == b->end_line && b->line >= ps->own_lo && b->line <= ps->own_hi)
    b->own_line = true;
  if (b->line == b->end_line && ((ps->cell_hi && b->line >= ps->cell_lo && b->line <= ps->cell_hi) ||
                                  b->line == ps->cell_one))
    b->table_row = true;
  trim_end(b);
  return qg_stage_emit(&ps->base, b);
}

/* Puts block b out as its n lines, each a paragraph (cut: where line k was joined, line: its
 * source line; group_end). Takes b. */
static int emit_lines_as(para_stage *ps, qg_block *b, int n, const size_t *cut, const uint32_t *line,
                         bool list) {
  qg_block *part[QG_PARA_GROUP] = {NULL};
  size_t end = b->text.len;
  int rc = 0;
  for (int k = n - 1; k >= 1 && !rc; k--) {
    size_t at = cut[k], from = at;
    while (from < end && (b->text.ptr[from] == ' ' || b->text.ptr[from] == '\t')) from++;
    qg_block *h = qg_block_get(ps->base.ctx, QG_KIND_P);
    if (!h) {
      rc = QG_ERR_NOMEM;
      break;
    }
    part[k] = h;
    h->line = h->end_line = line[k];
    /* (structure: a line of verse is body text; a row of names a line of its own, own_line,
     * which repair joins nothing to and the structure stage reads under its heading) */
    if (list) h->own_line = true;
    else h->lead = QG_LEAD_VERSE;
    if (k == n - 1) h->cut_next = b->cut_next;
    rc = qg_block_append_range(h, b, from, end);
    end = at;
  }
  if (!rc) {
    qg_buf_truncate(&b->text, end);
    while (b->map.n > 1 && b->map.a[b->map.n - 1].off >= end) b->map.n--;
    b->end_line = line[0];
    b->cut_next = 0;
    if (!list) b->lead = QG_LEAD_VERSE;
    rc = emit_block(ps, b);
  } else {
    qg_block_release(ps->base.ctx, b);
  }
  for (int k = 1; k < n; k++) {
    if (!rc) rc = emit_block(ps, part[k]);
    else qg_block_release(ps->base.ctx, part[k]);
  }
  return rc;
}

static int emit_lines(para_stage *ps, qg_block *b, int n, const size_t *cut, const uint32_t *line) {
  return emit_lines_as(ps, b, n, cut, line, false);
}

/* Puts the held group out (group_end): as its lines (apart) or as one paragraph. */
static int put_held(para_stage *ps, bool apart) {
  qg_block *b = ps->held;
  if (!b) return 0;
  /* (a stanza of classical verse is lines whatever follows it: classical_group) */
  if (!apart) apart = classical_group(ps);
  ps->held = NULL;
  return apart ? emit_lines(ps, b, ps->held_n, ps->held_cut, ps->held_line) : emit_block(ps, b);
}

static int emit_cur(para_stage *ps) {
  qg_block *b = ps->cur;
  int n = ps->grp_n;
  ps->grp_n = 0;
  if (!b) return 0;
  ps->cur = NULL;
  /* (wrapped layout, session 42, probe 41b H3 m23: a paragraph of three lines or more, or two
   * under such a paragraph, each of verse_line's shape, the last ending with a Han character,
   * is free verse set one line to a line in a narrow column: its lines stay lines, own_line
   * (repair joins nothing to them). A column of prose holds a sentence's mark, digits or Latin
   * text within three lines, or ends with a mark; the lines were joined into one paragraph,
   * the joins unreported) */
  if (ps->mode == QG_PARA_WRAPPED) {
    bool verse = n >= 2 && !ps->dbl && ps->grp_verse && qg_cp_is_han(qg_block_last_char(b)) &&
                 (n >= 3 || ps->verse_before);
    /* (each line ends with a Han character: a column's cut after ，、 is a deck's or a
     * paragraph's, 加装电梯、管网改造惠及三万余户、 | 群众满意度…) */
    for (int k = 1; verse && k < n; k++) {
      size_t e = ps->grp_cut[k];
      while (e > 0 && (b->text.ptr[e - 1] == ' ' || b->text.ptr[e - 1] == '\t')) e--;
      size_t p = e ? qg_utf8_prev(b->text.ptr, e) : 0;
      verse = e && qg_cp_is_han(qg_utf8_next(b->text.ptr, e, &p));
    }
    /* (and no word runs across a line's end, as the segmenter reads it: a column of prose cut
     * inside words, 明年还 | 将启动…改造工 | 程，…, whose lines end on Han with commas inside,
     * was taken for verse; verse ends its lines where its phrases end; read-through 42) */
    qg_segmenter *sg = verse ? qg_ctx_segmenter(ps->base.ctx) : NULL;
    for (int k = 1; sg && verse && k < n; k++) {
      size_t a0 = k > 1 ? ps->grp_cut[k - 1] : 0, a1 = ps->grp_cut[k],
             b1 = k + 1 < n ? ps->grp_cut[k + 1] : b->text.len;
      if (a1 <= a0 || b1 < a1) break;
      verse = qg_join_word_across(sg, b->text.ptr + a0, a1 - a0, b->text.ptr + a1, b1 - a1,
                                  &ps->toks, false) <= 0;
    }
    ps->verse_before = verse;
    if (verse) {
      b->own_line = true;
      return emit_lines_as(ps, b, n, ps->grp_cut, ps->grp_line, true);
    }
    return emit_block(ps, b);
  }
  ps->verse_before = false; /* (group_end sets it after) */
  int rc = put_held(ps, false); /* (a held group is followed by no group of verse) */
  if (rc) {
    qg_block_release(ps->base.ctx, b);
    return rc;
  }
  return emit_block(ps, b);
}

/* verse_line of line l, let go at once when l is the line in hand and holds an ASCII letter or
 * mark (line_facts' asc), which no line of verse holds (session 50). */
static bool verse_of(const para_stage *ps, const qg_block *l) {
  return !(l == ps->lx_blk && ps->lx_asc) && verse_line(l);
}

/* Starts a paragraph with line l. take: l is released once this returns and nothing reads its
 * text after (put_heads, take_blank's lines not held): the paragraph takes l's text instead of a
 * copy of it (qg_block_take_text, session 51); l is left empty. */
static int start_paragraph_as(para_stage *ps, qg_block *l, bool take) {
  int rc = emit_cur(ps);
  if (rc) return rc;
  qg_block *b = qg_block_get(ps->base.ctx, QG_KIND_P);
  if (!b) return QG_ERR_NOMEM;
  b->line = b->end_line = l->line;
  b->cut_prev = l->cut_prev, b->cut_next = l->cut_next; /* (a piece cut at its ends) */
  ps->cur = b;
  ps->line_at = 0;
  b->lead = l->lead == QG_LEAD_ITEM ? QG_LEAD_ITEM : QG_LEAD_NONE; /* (structure) */
  if (ps->mode == QG_PARA_BLANK || ps->mode == QG_PARA_WRAPPED) { /* (the group's first line,
                                        * for group_end; in the wrapped layout, for emit_cur) */
    ps->grp_n = 1;
    ps->grp_line[0] = l->line;
    ps->grp_verse = verse_of(ps, l);
    ps->grp_list = qg_text_list_heading(l->text.ptr, l->text.len);
  }
  return take ? qg_block_take_text(b, l) : qg_block_append_range(b, l, 0, l->text.len);
}

static int start_paragraph(para_stage *ps, qg_block *l) { return start_paragraph_as(ps, l, false); }

/* Whether cur's last line (from line_at) ends at the column: in the wrapped layout a line is
 * joined only then; in the blank layout when a column shows (blank_width) and the line is within
 * two columns of it. A Latin word at a line's end goes on into the next line with nothing
 * between only there (qg_join_word_cut: 选手Peter Kip | rop以2:08:15夺得 on a page wrapped at 50
 * columns, probe 25 p3); a shorter line ends before a word of its own (打开Kindle | reader阅读). */
static bool column_cut(const para_stage *ps) {
  if (ps->mode == QG_PARA_WRAPPED) return true;
  if (ps->mode != QG_PARA_BLANK || !ps->blank_width || !ps->cur) return false;
  const qg_block *b = ps->cur;
  int w = 0;
  for (size_t i = ps->line_at < b->text.len ? ps->line_at : 0; i < b->text.len;)
    w += qg_cp_width(qg_utf8_next(b->text.ptr, b->text.len, &i));
  return w >= ps->blank_width - 2;
}

/* Whether paragraph b ends with a full-width figure and a full-width comma (３，, no white space
 * after) and line l opens with three full-width figures and no fourth, then a Han character or a
 * full-width comma: a number grouped in the full-width input mode, cut after its comma
 * (３， | ５００万元). Whether it is one number is the chars stage's (a list, 分别长３， | ５００米,
 * stays two). */
static bool fw_group_cut(const qg_block *b, const qg_block *l) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  if (n < 6 || memcmp(t + n - 3, "\xEF\xBC\x8C", 3)) return false;
  size_t p = qg_utf8_prev(t, n - 3), q = p;
  if (qg_utf8_next(t, n, &q) - 0xFF10 >= 10u) return false;
  const char *u = l->text.ptr;
  size_t m = l->text.len, i = 0;
  for (int k = 0; k < 3; k++)
    if (i >= m || qg_utf8_next(u, m, &i) - 0xFF10 >= 10u) return false;
  if (i >= m) return false;
  uint32_t c = qg_utf8_next(u, m, &i);
  return c - 0xFF10 >= 10u && (qg_cp_is_han(c) || c == 0xFF0C);
}

/* Session 46 (s46-wrap, probe s46 M6): whether paragraph b ends with an opening bracket （ or (
 * and one to three ASCII digits, and line l opens (no indent) with one to three digits and the
 * closing bracket: a number in brackets cut at the column end (电视剧：山那边的灯火（1 | 2）). The
 * line layout kept the two apart and repair joined them only on a second run, read as the blank
 * layout (（12）): one clean now gives what two gave. */
static bool bracket_digits_cut(const qg_block *b, const qg_block *l) {
  const char *t = b->text.ptr, *u = l->text.ptr;
  size_t n = b->text.len, m = l->text.len, i = 0;
  int d = 0;
  while (n && (unsigned)(t[n - 1] - '0') < 10u && d < 4) n--, d++;
  if (d < 1 || d > 3 || !n) return false;
  if (!(t[n - 1] == '(' || (n >= 3 && !memcmp(t + n - 3, "\xEF\xBC\x88", 3)))) return false;
  d = 0;
  while (i < m && (unsigned)(u[i] - '0') < 10u) i++, d++;
  if (d < 1 || d > 3) return false;
  return (i < m && u[i] == ')') || (m - i >= 3 && !memcmp(u + i, "\xEF\xBC\x89", 3));
}

/* The width of a line of Latin text only (ASCII, eight letters or more), its white space at the
 * end counted; -1 for any other line. */
static int latin_line_width(const char *t, size_t n) {
  int w = 0, letters = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c >= 0x80 || c == '\t') return -1;
    w++;
    letters += (unsigned)((c | 0x20) - 'a') < 26u;
  }
  return letters >= 8 ? w : -1;
}

/* Counts line l, as the stage takes it, into the run of lines of Latin text of one width within
 * four columns of the wrapped layout's column (latin_grid_cut), keeping the run as it was before
 * l for the join of l to the line above. */
static void count_latin(para_stage *ps, const qg_block *l) {
  ps->lat_prev_n = ps->lat_n, ps->lat_prev_w = ps->lat_w, ps->lat_prev_sp = ps->lat_sp;
  int w = ps->mode == QG_PARA_WRAPPED && !ps->wrap_chars && ps->wrap_width
              ? latin_line_width(l->text.ptr, l->text.len)
              : -1;
  if (w < 0 || w < ps->wrap_width - 4 || w > ps->wrap_width) {
    ps->lat_n = 0, ps->lat_sp = false;
    return;
  }
  if (!ps->lat_n || w != ps->lat_w) ps->lat_n = 0, ps->lat_sp = false, ps->lat_w = w;
  ps->lat_n++;
  ps->lat_sp |= l->text.ptr[l->text.len - 1] == ' ';
}

/* Whether paragraph b's last line (from line_at), Latin text with no white space at its end, was
 * cut inside a word by a column that breaks anywhere: English set in a Chinese page's character
 * grid (To meet the travel needs of citizens during | the New Year holiday, Metro Line 3 will
 * exte | nd its operating hours from December 31, 202 | 6 to …: session 28, probe 27 H5). The
 * lines above it show it: two or more lines of Latin text in a row, this one the last, all of
 * one width with their white space at the end counted, within four columns of the column, and
 * one of them ending with white space (a cut at a space leaves it at the line's end). English
 * wrapped at its words leaves no white space at its lines' ends, and lines of many widths (review
 * 28a H1: three of one width in a row are common there, so the white space is asked for). */
static bool latin_grid_cut(const para_stage *ps, const qg_block *b, uint32_t first) {
  if (ps->lat_prev_n < 2 || !ps->lat_prev_sp || !b->text.len || !qg_ascii_alnum(first)) return false;
  size_t i = ps->line_at < b->text.len ? ps->line_at : 0;
  if (latin_line_width(b->text.ptr + i, b->text.len - i) != ps->lat_prev_w) return false;
  return qg_ascii_alnum((unsigned char)b->text.ptr[b->text.len - 1]);
}

/* Whether the line end between paragraph b and line l (from: its first byte past white space)
 * cuts a Latin word that opened right after a Han character or a figure, in a page set in a
 * character grid (a set column, wrap_set): b's last line is exactly as wide as the column and
 * ends with a small letter of a token that opened right after a wide character (…跑分软件3DMa),
 * and l opens with one to eight small letters up to white space, a wide character, a figure, an
 * ASCII mark or its end (rk Time Spy测试中…), not a capital (iPhone, eSIM: a word of its own)
 * nor an English word that opens a phrase (and or of to in on for the with from by at as is a an
 * vs via per). A break between two words leaves white space at the cut in a grid, and a column
 * that wraps at words leaves the line short; the line is full at the column with no white space
 * only when a word ends exactly there, and the next one opening with a small letter that is no
 * such word is rare in Chinese copy (session 29, probe 27 H5: 3DMa rk). */
static bool han_grid_cut(const para_stage *ps, const qg_block *b, const qg_block *l, size_t from) {
  if (!ps->wrap_set || ps->mode != QG_PARA_WRAPPED || ps->last_width != ps->wrap_width ||
      !b->text.len || from)
    return false;
  const unsigned char *u = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len, t = n;
  if ((unsigned)(u[n - 1] - 'a') >= 26u) return false;
  while (t > 0 && n - t <= 32 && qg_ascii_alnum(u[t - 1])) t--;
  if (!t || n - t > 32 || u[t - 1] < 0x80) return false;
  const unsigned char *v = (const unsigned char *)l->text.ptr;
  size_t m = l->text.len, k = 0;
  while (k < m && k < 9 && (unsigned)(v[k] - 'a') < 26u) k++;
  if (!k || k > 8) return false;
  if (k < m && !(v[k] == ' ' || v[k] == '\t' || v[k] >= 0xE3 || (unsigned)(v[k] - '0') < 10u ||
                 strchr(",.;:!?)", v[k])))
    return false;
  static const char *const words[] = {"a", "an", "and", "or", "of", "to", "in", "on", "for",
                                      "the", "with", "from", "by", "at", "as", "is", "vs", "via",
                                      "per", NULL};
  for (int j = 0; words[j]; j++)
    if (strlen(words[j]) == k && !memcmp(v, words[j], k)) return false;
  /* (a word of small letters alone before the cut may be whole, and the white space of a break
   * stripped by the extraction: pip | install, hello | world were glued, review 29a M1. So the
   * token before the cut holds a capital or a figure, 3DMa | rk, Win | dows, or one of the two
   * sides is too short for a word: one letter before, c | lass, or one or two after that are no
   * word, wanba | o, lda | c) */
  bool named = false;
  for (size_t i = t; i < n && !named; i++) named = (unsigned)(u[i] - 'a') >= 26u;
  if (named || (n - t == 1 && u[t] != 'a')) return true;
  static const char *const shorts[] = {"am", "be", "do", "go", "he", "if", "it", "me", "my", "no",
                                       "ok", "so", "up", "us", "we", NULL}; /* (and words') */
  if (k > 2) return false;
  for (int j = 0; shorts[j]; j++)
    if (strlen(shorts[j]) == k && !memcmp(v, shorts[j], k)) return false;
  return true;
}

/* Reports the space put between the ASCII capitals or digits that end the paragraph b and open
 * line l in Chinese text (read as two names cut at the line end, not one code: qg_join_code_cut;
 * session 42, probe 42 H5: a space put into a code was not said). */
static int space_note(para_stage *ps, qg_pos at, qg_pos to, const qg_block *b, const qg_block *l) {
  return qg_report(ps->base.ctx, "para-join", at, to, NULL, NULL, true,
                   "line %u joined to line %u with a space between: the capitals and figures the "
                   "line end cut are read as two names, not one code", l->line, b->end_line);
}

/* Whether line l, under a full line that ends a sentence, is the first line of the paragraph
 * it would join again: the paragraph pasted twice (a PDF's text copied twice; probe 42 H4). The
 * copy starts a paragraph, so that the dedup stage finds the repeat (and reports it); joined, the
 * text was doubled inside one paragraph and nothing said. The paragraph holds two lines or more
 * and the line at least 8 characters (a line of verse or a table row repeated stands apart
 * already). */
static bool pasted_again(para_stage *ps, const qg_block *l) {
  const qg_block *b = ps->cur;
  /* the copy's paragraph ends where the text it repeats ended (…材料。 | 招聘会现场还将…: the
   * line after the copy is the text's own again) */
  if (ps->copy_line && ps->copy_line == b->line) {
    size_t k = 0;
    while (k < b->text.len && (b->text.ptr[k] == ' ' || b->text.ptr[k] == '\t')) k++;
    if (b->text.len - k == ps->copy_len) return ps->copy_line = 0, true;
  }
  size_t i = 0, j = 0, n = l->text.len;
  while (n > 0 && (l->text.ptr[n - 1] == ' ' || l->text.ptr[n - 1] == '\t')) n--;
  while (i < n && (l->text.ptr[i] == ' ' || l->text.ptr[i] == '\t')) i++;
  while (j < b->text.len && (b->text.ptr[j] == ' ' || b->text.ptr[j] == '\t')) j++;
  if (b->end_line <= b->line || n - i < 24 || b->text.len - j <= n - i) return false;
  if (memcmp(b->text.ptr + j, l->text.ptr + i, n - i)) return false;
  ps->copy_line = l->line, ps->copy_len = b->text.len - j;
  return true;
}

/* Appends line l to the current paragraph as its wrapped continuation. */
static int join_line(para_stage *ps, qg_block *l, bool piece) {
  qg_block *b = ps->cur;
  size_t from = 0;
  if (!piece) {
    /* white space at the cut: the line did not end inside a token */
    bool gap = false;
    if (b->text.len) {
      size_t i = qg_utf8_prev(b->text.ptr, b->text.len);
      gap = qg_cp_is_space(qg_utf8_next(b->text.ptr, b->text.len, &i));
    }
    trim_end(b);
    ps->join_len = b->text.len, ps->join_end = b->end_line; /* (split_last) */
    while (from < l->text.len) {
      size_t i = from;
      if (!qg_cp_is_space(qg_utf8_next(l->text.ptr, l->text.len, &i))) break;
      from = i;
    }
    if (ps->byjoin && from < l->text.len && b->text.len) {
      /* (a byline's rest: names are set apart by a full-width space, as in the byline) */
      if (qg_block_append_synthetic(b, "\xE3\x80\x80", 3, qg_block_pos(b, b->text.len)))
        return QG_ERR_NOMEM;
    } else if (from < l->text.len && b->text.len) {
      size_t at = qg_utf8_prev(b->text.ptr, b->text.len), i = at, j = from;
      uint32_t last = qg_utf8_next(b->text.ptr, b->text.len, &i);
      uint32_t first = qg_utf8_next(l->text.ptr, l->text.len, &j);
      uint32_t prev = 0;
      if (at > 0) {
        size_t k = qg_utf8_prev(b->text.ptr, at);
        prev = qg_utf8_next(b->text.ptr, b->text.len, &k);
      }
      /* (the script around the cut is read only where both sides are narrow: most joins are
       * of Han lines) */
      bool cjk = false;
      if (!is_soft_break(last) && !is_soft_break(first) &&
          !side_is_wide(b->text.ptr, b->text.len, b->text.len, true) &&
          !side_is_wide(l->text.ptr, l->text.len, from, false) &&
          qg_join_with_space(last, prev, first,
                             cjk = qg_join_is_cjk(b->text.ptr, b->text.len, l->text.ptr + from,
                                                  l->text.len - from)) &&
          (gap || from > 0 ||
           (!qg_join_in_link(b->text.ptr, b->text.len, l->text.ptr, l->text.len) &&
            !(column_cut(ps) &&
              qg_join_word_cut(b->text.ptr, b->text.len, l->text.ptr, l->text.len)) &&
            !qg_join_code_cut(b->text.ptr, b->text.len, l->text.ptr, l->text.len) &&
            !latin_grid_cut(ps, b, first) && !han_grid_cut(ps, b, l, from)))) {
        qg_pos at = qg_block_pos(b, b->text.len);
        if (qg_block_append_synthetic(b, " ", 1, at)) return QG_ERR_NOMEM;
        /* in Chinese text, between capitals and figures on both sides, the space is a guess
         * between a code and two names (ISO | 9001): said (session 42, probe 42 H5) */
        int rc = !cjk || gap || from > 0 ||
                         !qg_join_caps_cut(b->text.ptr, b->text.len - 1, l->text.ptr, l->text.len)
                     ? 0
                     : space_note(ps, at, qg_block_pos(l, from), b, l);
        if (rc) return rc;
      }
    }
  }
  b->end_line = l->line;
  b->cut_next = l->cut_next;
  if (!piece) ps->line_at = b->text.len;
  return qg_block_append_range(b, l, from, l->text.len);
}

/* Reports the join due (add_line), if any. */
static int flush_due(para_stage *ps) {
  int due = ps->due;
  ps->due = 0;
  if (due) ps->due_flushed = ps->due_line; /* (refrain_apart) */
  if (due == 1)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u opens like a list item but was joined to line %u as its wrapped "
                     "rest", ps->due_line, ps->due_above);
  if (due == 3)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u was joined to line %u as its wrapped rest, though line %u reads as "
                     "a numbered heading", ps->due_line, ps->due_above, ps->due_above);
  if (due == 4)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u was joined to line %u as its wrapped rest, though line %u is an "
                     "attachment's title", ps->due_line, ps->due_above, ps->due_above);
  if (due == 2)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u was joined to line %u as its wrapped rest, though line %u ends a "
                     "sentence", ps->due_line, ps->due_above, ps->due_above);
  if (due == 6)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u was joined to line %u as its wrapped rest, though line %u reads as "
                     "a heading and is no full line: at most half as wide as line %u",
                     ps->due_line, ps->due_above, ps->due_above, ps->due_line);
  if (due == 7)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u was joined to line %u as the byline's wrapped rest, a full-width "
                     "space between the names", ps->due_line, ps->due_above);
  if (due == 5)
    return qg_report(ps->base.ctx, "para-join", ps->due_at, ps->due_to, NULL, NULL, true,
                     "line %u was joined to line %u as its wrapped rest, though line %u is not "
                     "full: the figures that end it and those that open line %u are one number "
                     "now", ps->due_line, ps->due_above, ps->due_above, ps->due_line);
  return 0;
}

/* Whether the join of the last line to cur (join_len: cur's length before it) ran a digit
 * into a digit with nothing between, one number made of two, where the line above was not
 * full: in the blank layout, or in the wrapped layout shorter than the column by the width of
 * the digit that opens the line or more, so that this digit would have fit above (probe 25
 * H1: a line of a schedule or a roster that ends with a figure, a date or a telephone number
 * under one). A number cut at a full line's end (1234 | 5678) is the column's cut: no note. */
static bool digit_run_join(const para_stage *ps) {
  const qg_block *b = ps->cur;
  size_t e = ps->join_len;
  if (!b || !e || e >= b->text.len) return false;
  size_t p = qg_utf8_prev(b->text.ptr, e), i = e;
  if (qg_cp_digit(qg_utf8_next(b->text.ptr, e, &p)) < 0) return false;
  uint32_t first = qg_utf8_next(b->text.ptr, b->text.len, &i);
  if (qg_cp_digit(first) < 0) return false;
  /* (a link cut after a digit, …news?id=12 | 34&page=2: joined as one token, qg_join_in_link) */
  if (qg_join_link_tail(b->text.ptr, e)) return false;
  if (ps->mode == QG_PARA_BLANK) return true;
  if (ps->mode != QG_PARA_WRAPPED) return false;
  int need = ps->wrap_chars ? 1 : qg_cp_width(first);
  return ps->last_width + need <= ps->wrap_width && (!ps->wrap_fx || ps->last_fx + 1 <= ps->wrap_fx);
}

/* Starts a paragraph with line l, or (join) appends it to the current one; a join that would
 * make the paragraph longer than options.max_block_bytes starts one instead, reported. */
static int add_line(para_stage *ps, qg_block *l, bool join, bool piece) {
  int rc = 0;
  size_t max = qg_ctx_options(ps->base.ctx)->max_block_bytes;
  if (join && !ps->cur) join = false;
  bool split = false;
  if (join && ps->cur->text.len + l->text.len > max) { /* only a real join is cut */
    qg_pos at = qg_block_pos(l, 0);
    rc = qg_report(ps->base.ctx, "para-split", at, at, NULL, NULL, true,
                   "paragraph longer than %zu bytes: split here", max);
    join = false;
    split = true;
  }
  uint32_t above = join ? ps->cur->end_line : 0;
  if (!rc) rc = join ? join_line(ps, l, piece) : start_paragraph(ps, l);
  ps->join_ok = join && !piece && !rc; /* (join_len: join_line's) */
  /* a line that opens like a list item (- 顶, · 肯尼迪…, （一）…) joined to the line above as
   * its wrapped rest: a guess the desk may want to undo, reported (probe 20 M2: the guess
   * went wrong silently); so is, in the blank layout, a line joined to one that ends with
   * 。！？… (probe 22 H9: lines that are not wrapped were joined silently). The note waits
   * for the next line (due), which may take the join back (split_last). */
  if (ps->join_ok && (l->lead == QG_LEAD_REST ||
                      (ps->mode == QG_PARA_BLANK && (ps->above_stop || ps->above_attach)))) {
    if (!rc) rc = flush_due(ps);
    ps->due = l->lead == QG_LEAD_REST ? 1 : ps->above_stop ? 2 : 4;
    ps->due_at = qg_block_pos(l, 0);
    ps->due_to = qg_block_pos(l, l->text.len);
    ps->due_line = l->line, ps->due_above = above;
  } else if (ps->join_ok && ps->byjoin) { /* (a byline's rest: session 49) */
    if (!rc) rc = flush_due(ps);
    ps->due = 7;
    ps->due_at = qg_block_pos(l, 0);
    ps->due_to = qg_block_pos(l, l->text.len);
    ps->due_line = l->line, ps->due_above = above;
  } else if (ps->join_ok && digit_run_join(ps)) { /* (digits into digits: probe 25 H1) */
    if (!rc) rc = flush_due(ps);
    ps->due = 5;
    ps->due_at = qg_block_pos(l, 0);
    ps->due_to = qg_block_pos(l, l->text.len);
    ps->due_line = l->line, ps->due_above = above;
  }
  if (!rc && (ps->mode == QG_PARA_BLANK || ps->mode == QG_PARA_WRAPPED)) { /* (the group's
                                        * lines, for group_end and emit_cur) */
    if (!join) {
      if (piece) ps->grp_n = 0;
    } else if (piece || !ps->grp_n || ps->grp_n >= QG_PARA_GROUP) {
      ps->grp_n = 0;
    } else {
      ps->grp_cut[ps->grp_n] = ps->join_len;
      ps->grp_line[ps->grp_n++] = l->line;
      ps->grp_verse = ps->grp_verse && verse_of(ps, l);
      ps->grp_list = ps->grp_list && qg_text_name_row(l->text.ptr, l->text.len);
    }
  }
  if (ps->join_ok) ps->join_line = l->line;
  if (!rc && split) ps->cur->split_cont = true; /* (dedup leaves it alone) */
  return rc;
}

/* Blank layout (review 47 L3, session 49): whether line l writes again, byte for byte, the first
 * line of the group joined into cur (two lines or more), and that line holds two to nine Han
 * characters and nothing else: a refrain (雪落下来 | 落在远山…，落在母亲的白发上。 | 雪落下来 | …).
 * Prose wrapped at a column does not repeat its short first line whole. (Nine: the dedup stage
 * takes a paragraph of ten characters or more written again for a repeat and removes it, as it
 * does a verse line of the base's verse groups; a refrain so put apart would be removed.) */
static bool refrain(const para_stage *ps, const qg_block *l) {
  const qg_block *b = ps->cur;
  const char *s = b->text.ptr;
  size_t z = ps->grp_cut[1];
  z = ascii_rtrim(s, z);
  if (z < 6 || z > 9 * 3 || ascii_rtrim(l->text.ptr, l->text.len) != z ||
      memcmp(l->text.ptr, s, z))
    return false;
  for (size_t i = 0; i < z;)
    if (!qg_cp_is_han(qg_utf8_next(s, z, &i))) return false;
  return true;
}

/* The refrain's group (refrain): cur's lines are lines of verse, each a paragraph (emit_lines),
 * unless a note on one of their joins was put out already (a reported join is not taken back);
 * the pending note on a join inside the group is dropped. True: taken apart. */
static int refrain_apart(para_stage *ps, bool *apart) {
  *apart = false;
  uint32_t first = ps->grp_line[0];
  if (ps->due_flushed >= first) return 0;
  if (ps->due && ps->due_line >= first) ps->due = 0;
  qg_block *b = ps->cur;
  int n = ps->grp_n;
  ps->cur = NULL;
  ps->grp_n = 0;
  int rc = put_held(ps, true);
  if (!rc) rc = emit_lines(ps, b, n, ps->grp_cut, ps->grp_line);
  else qg_block_release(ps->base.ctx, b);
  ps->verse_before = true;
  *apart = true;
  return rc;
}

/* Blank layout, at the end of a group of lines (a blank line or the end of the text): when
 * the lines joined into cur are lines of verse or lyrics (two to QG_PARA_GROUP lines, each
 * of verse_line's shape, the last ending with a Han character), each is a paragraph of its
 * own; cur is put out either way. A wrapped paragraph of prose ends with a mark and holds
 * marks, digits or Latin text; a headline set over two lines has none and is taken apart too
 * (each line a display line of its own, no text lost). */
static int group_end(para_stage *ps) {
  qg_block *b = ps->cur;
  int n = ps->grp_n;
  ps->grp_n = 0;
  if (!b) return 0; /* (a second blank line) */
  /* (a list's heading over rows of names, the group's lines and nothing else, 获奖名单 |
   * 刘洋黄晓东吴昊陈晨 | 王强李强欧阳明张伟: each a paragraph of its own, the rows lines of their
   * own. The heading opens the group and the rows end it: a wrapped paragraph with a line that
   * ends in 人员 or 同志 over a line of names and a sentence's rest under them, …志愿服务人员 |
   * 王强、李明、张伟、陈晨等 | 早早来到车站，…, stays one. Session 40, probe 38 item 3) */
  if (ps->grp_list && n >= 2) {
    ps->cur = NULL;
    int rc = put_held(ps, false);
    ps->verse_before = false;
    if (rc) {
      qg_block_release(ps->base.ctx, b);
      return rc;
    }
    return emit_lines_as(ps, b, n, ps->grp_cut, ps->grp_line, true);
  }
  bool shaped = n >= 1 && ps->grp_verse && qg_cp_is_han(qg_block_last_char(b));
  int rc = 0;
  if (ps->held) { /* the group before, of verse's shape: lines when this one is too */
    rc = put_held(ps, shaped);
    ps->verse_before = shaped;
    if (rc) return rc;
  }
  if (!shaped || n < 2) {
    rc = emit_cur(ps);
    ps->verse_before = shaped;
    return rc;
  }
  ps->cur = NULL;
  if (!ps->verse_before) { /* held until the next group shows what it is */
    ps->held = b;
    ps->held_n = n;
    memcpy(ps->held_cut, ps->grp_cut, sizeof ps->held_cut);
    memcpy(ps->held_line, ps->grp_line, sizeof ps->held_line);
    return 0;
  }
  rc = emit_lines(ps, b, n, ps->grp_cut, ps->grp_line);
  ps->verse_before = true;
  return rc;
}

/* Whether a heading line h (held by take_blank) over the line l under it is a short display line
 * narrower than l (session 47): h holds two to QG_PARA_SEC_HEAD characters, Han ones and marks
 * that a title holds (《》 “” ‘’ 【】 〈〉), figures anywhere but at its end, no Latin letter, no white space
 * inside and no other mark (a line cut before a token the column could not hold, 这里的配置文件（彩
 * 色）或显示 | 启动机制…, 本次会议原定于2024年12 | 月：…), and it is at most half as wide as l,
 * as short_head asks: it was no full line of a column (a wrapped paragraph's lines but its last
 * are as wide as one another; a line cut short before a word, 今年以来全市经济 | 运行总体平稳，…,
 * is wider than half). */
static bool narrow_head(const qg_block *h, const qg_block *l) {
  int chars = 0;
  uint32_t z = 0;
  bool gap = false;
  for (size_t i = 0; i < h->text.len;) {
    uint32_t c = qg_utf8_next(h->text.ptr, h->text.len, &i);
    if (qg_cp_is_space(c)) {
      gap = chars > 0;
      continue;
    }
    if (gap || ++chars > QG_PARA_SEC_HEAD ||
        !(qg_cp_is_han(c) || c - '0' < 10u || c == 0x300A || c == 0x300B || c == 0x201C ||
          c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x3010 || c == 0x3011 || c == 0x3008 ||
          c == 0x3009))
      return false;
    z = c;
  }
  if (chars < 2 || !(qg_cp_is_han(z) || z == 0x300B || z == 0x201D || z == 0x2019 || z == 0x3011 ||
                     z == 0x3009))
    return false;
  return line_width(h) * 2 <= line_width(l);
}

/* Whether line l opens as a paragraph or a heading does, past its indent: with a Han character or
 * an opening 《 “ ‘ 【 (a line that opens with a Latin word, a figure or another mark may be the
 * token a column could not hold at the line above's end: 市图书馆引进了 | Kindle阅读器，…, 请在方框
 * 内画 | ○表示同意，…). */
static uint32_t first_cp(const qg_block *l);
static bool opens_text(const qg_block *l) {
  uint32_t c = first_cp(l);
  return qg_cp_is_han(c) || c == 0x300A || c == 0x201C || c == 0x2018 || c == 0x3010;
}

/* Sets the note due for the join of line l under line above (add_line's, which the next line may
 * take back): a heading line joined to a wider line under it (narrow_head). */
static int head_note(para_stage *ps, const qg_block *l, uint32_t above) {
  if (!ps->join_ok || (ps->due && ps->due_line == l->line)) return 0; /* (one note a join) */
  int rc = flush_due(ps);
  ps->due = 6;
  ps->due_at = qg_block_pos(l, 0);
  ps->due_to = qg_block_pos(l, l->text.len);
  ps->due_line = l->line, ps->due_above = above;
  return rc;
}

/* Puts the held heading lines out: each a paragraph of its own (apart), or joined as one
 * wrapped paragraph (the rule for consecutive lines). */
static int put_heads(para_stage *ps, bool apart) {
  int rc = 0;
  uint32_t above = ps->above_last;
  bool stop = ps->above_stop, attach = ps->above_attach;
  ps->above_last = 0, ps->above_stop = ps->above_attach = false; /* (heading lines: no note on their joins) */
  for (size_t i = 0; i < ps->nhead; i++) {
    qg_block *h = ps->head[i];
    /* (a line that starts a paragraph, released here: its text taken, not copied; add_line's
     * start is start_paragraph and join_ok false, session 51) */
    if (!rc && !apart && i > 0 && ps->cur) {
      rc = add_line(ps, h, true, false);
    } else if (!rc) {
      rc = start_paragraph_as(ps, h, true);
      ps->join_ok = false;
    }
    qg_block_release(ps->base.ctx, h);
  }
  ps->nhead = 0;
  ps->above_last = above, ps->above_stop = stop, ps->above_attach = attach;
  return rc;
}

/* What a line of the blank layout is, for telling a heading group from a wrapped paragraph. */
enum { LN_UNKNOWN, LN_BODY, LN_HEAD, LN_SUBTITLE, LN_BYLINE, LN_DATELINE };

/* Whether the text holds a comma or a semicolon (ASCII or full-width): rare in a headline,
 * common in the lines of a wrapped paragraph. */
static bool has_comma(const qg_block *l) {
  /* (at memchr's pace, each byte looked for in turn: session 45) */
  const char *s = l->text.ptr, *e = s + (l->text.len >= 2 ? l->text.len - 2 : 0);
  if (!l->text.len) return false;
  if (memchr(s, ',', l->text.len) || memchr(s, ';', l->text.len)) return true;
  for (const char *p = s; p < e && (p = memchr(p, 0xEF, (size_t)(e - p))); p++)
    if (p[1] == '\xBC' && (p[2] == '\x8C' || p[2] == '\x9B')) return true;
  return false;
}

/* Whether white space stands inside the text (not at its ends). */
static bool has_space(const qg_block *l) {
  size_t i = 0, n = l->text.len;
  bool text = false, gap = false;
  while (i < n) {
    bool sp = qg_cp_is_space(qg_utf8_next(l->text.ptr, n, &i));
    if (sp && text) gap = true;
    if (!sp && gap) return true;
    text |= !sp;
  }
  return false;
}

/* Whether line l is an author tag or a photo credit alone ((记者 王嘉晨), 新华社记者 周敏 摄): under
 * a line that ends a sentence, in the blank layout, it starts a paragraph. Joined, the structure
 * stage split it off again (struct-author, struct-credit) while the join was reported
 * (para-join: session 24, probe L4). The last character first: ） ) 摄 影 图. */
static bool tag_line(para_stage *ps, qg_block *l) {
  /* (the last byte first: ） and 摄 影 图 end in 89 84 B1 BE, white space in 20 09 0D 80) */
  unsigned char zb = l->text.len ? (unsigned char)l->text.ptr[l->text.len - 1] : 0;
  if (!(zb == 0x89 || zb == ')' || zb == 0x84 || zb == 0xB1 || zb == 0xBE || zb == ' ' ||
        zb == '\t' || zb == '\r' || zb == 0x80))
    return false;
  uint32_t z = qg_block_last_char(l);
  if (!(z == 0xFF09 || z == ')' || z == 0x6444 || z == 0x5F71 || z == 0x56FE) ||
      l->text.len > 40 * 3)
    return false;
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c) return false;
  qg_feat f;
  qg_cues_measure(c, l, &f);
  return f.author || f.credit;
}

static int line_class(para_stage *ps, qg_block *l) {
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c || l->text.len > QG_PARA_HEAD_BYTES) return LN_BODY;
  qg_feat f;
  qg_cues_measure(c, l, &f);
  if (f.dateline) return LN_DATELINE;
  if (has_comma(l)) return LN_BODY;
  if (f.byline) /* 本报记者 林晓燕: a role and names between spaces; a wrapped line that starts
                 * with a role word (记者在现场看到) has none */
    return has_space(l) ? LN_BYLINE : LN_HEAD;
  if (f.subtitle && qg_feat_heading(&f)) return LN_SUBTITLE;
  if (qg_feat_heading(&f)) return LN_HEAD;
  return LN_BODY;
}

/* Session 48 (s48-byline, review 47 M5; first written on s48-wrap): whether line l is a byline
 * alone, a role and names with white space between them (本报记者　周明　王芳: line_class's
 * LN_BYLINE, the cues' byline and white space inside, no mark), at most 30 characters. Under a
 * line that ends a sentence, in the blank layout, it starts a paragraph (take_line), as an author
 * tag or a photo credit does (tag_line): joined to the sentence, the byline was the paragraph's
 * tail and punct-han-space took the space between two names out (周明王芳: one name). A wrapped
 * line that opens with a role word (记者在现场看到…) holds no white space; white space is looked
 * for first, on lines of at most 90 bytes (30 Han characters: a role and names of four
 * reporters). */
/* Whether line l ends as a photo credit does: 摄, 摄影 or 图 last (通讯员　李强　摄). */
static bool credit_last(const qg_block *l) {
  uint32_t z = qg_block_last_char(l);
  return z == 0x6444 || z == 0x5F71 || z == 0x56FE; /* 摄 影 图 */
}

static bool any_mark(const qg_block *l);
static bool byline_alone(para_stage *ps, qg_block *l) {
  /* (a name last and no mark: most lines under a sentence's end are text, and the cues are
   * measured only for the few left) */
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (n > 30 * 3 || n < 12 || !qg_cp_is_han(qg_block_last_char(l))) return false;
  /* (a byte of white space first, at memchr's pace: ' ', TAB, U+3000's E3 80 80 or U+00A0's lead
   * byte C2, qg_cp_is_space's; has_space then reads the code points) */
  bool ws = memchr(s, ' ', n) || memchr(s, '\t', n) || memchr(s, 0xC2, n);
  for (const char *p = s; !ws && n > 2 && (p = memchr(p, 0xE3, (size_t)(s + n - 2 - p))); p++)
    ws = p[1] == '\x80' && p[2] == '\x80';
  if (!ws || any_mark(l) || !has_space(l)) return false;
  return line_class(ps, l) == LN_BYLINE;
}

/* Whether a line too long for a heading line (more than QG_PARA_HEAD_BYTES) opens with a dateline
 * (本报北京10月20日电, 新华社…电): the first paragraph of an article set on one line, under its
 * heading lines. line_class does not measure such a line; in the blank layout the dateline's
 * paragraph is a whole paragraph on one line and almost always longer than that (probe 47 H1:
 * 三季度经济数据发布 | 前三季度规模以上工业增加值同比增长5.8% over it were glued into one title,
 * silently). The dateline cue is matched at the line's start. */
static bool long_dateline(para_stage *ps, const qg_block *l) {
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c || l->text.len <= QG_PARA_HEAD_BYTES) return false;
  qg_feat f;
  qg_cues_measure(c, (qg_block *)l, &f);
  return f.dateline != 0;
}

/* Whether a line is a poem's title alone: in 《》 (at most 24 characters), or 2 to 8 Han
 * characters with · between them (静夜思, 水调歌头·明月几时有 without its brackets: 10 at most). */
static bool title_line(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  if (n > 24 * 3 + 8) return false;
  int chars = 0, han = 0;
  uint32_t first = 0, c = 0;
  bool other = false;
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      if (chars) break; /* (white space at the end only) */
      continue;
    }
    if (!chars++) first = c;
    if (qg_cp_is_han(c)) han++;
    else if (c != 0xB7) other = true;
  }
  while (i < n && qg_cp_is_space(qg_utf8_next(s, n, &i))) {}
  if (i < n) return false;
  if (first == 0x300A) return c == 0x300B && chars >= 4 && chars <= 24; /* 《…》 */
  return !other && han >= 2 && han <= 8 && chars <= 10;
}

/* Whether the held lines, when the block ends after them (before: what ends it), are a
 * heading group: a subtitle after the first line, or a byline as the last of two or more, or
 * the block is followed at once by an ornament line or a dateline. */
static bool heading_group(const para_stage *ps, bool before) {
  if (ps->nhead && before) return true;
  /* (a poem's title and its poet's name under it, 静夜思 | 李白, stay apart also when a blank
   * line follows them: probe 20 H2; only a title and a name, the title in 《》 or of 2 to 8
   * Han characters and ·, so that a line cut before its last word, …的所有 | 运行, goes on) */
  if (ps->nhead == 2 && poet_line(ps->head[1], 2) && title_line(ps->head[0])) return true;
  for (size_t i = 1; i < ps->nhead; i++)
    if (ps->head_class[i] == LN_SUBTITLE ||
        (ps->head_class[i] == LN_BYLINE && i == ps->nhead - 1))
      return true;
  return false;
}

/* Whether a line reads as a numbered heading of a document's parts: it opens with a point's
 * mark (opens_list: 一、 （一） 1． 1. ①) or a chapter's label and white space (第一章　总则:
 * line_number; a section number and white space, 1 引言, has its own rule in take_blank),
 * holds at most QG_PARA_SEC_HEAD characters, no mark after its number, and ends with a Han
 * character (一、总体要求; not 一、坚持稳中求进，… nor 1. 研究内容：). */
static bool numbered_heading(const qg_block *l) {
  if (l->text.len > QG_PARA_SEC_HEAD * 3 + 24 || line_chars(l) > QG_PARA_SEC_HEAD) return false;
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  int ol = opens_list(l), kind = 0;
  if (!(ol == 1 || ol == 2 || (c == 0x7B2C && line_number(l, &kind) && kind == 3))) return false;
  if (!qg_cp_is_han(qg_block_last_char(l))) return false;
  /* past the number (（一） ① 一、 1． 第一章), no mark: a clause or a sentence is no heading */
  if (c == 0xFF08 || c == '(') {
    while (i < n && (c = qg_utf8_next(s, n, &i)) != 0xFF09 && c != ')') {}
  } else if (c != 0x7B2C && !(c >= 0x2460 && c <= 0x249B)) {
    while (i < n) {
      size_t p = i;
      c = qg_utf8_next(s, n, &i);
      if (han_numeral(c) || ascii_digit(c)) continue;
      if (c != 0x3001 && c != 0xFF0E && c != '.') i = p;
      break;
    }
  }
  while (i < n) {
    c = qg_utf8_next(s, n, &i);
    if (c == 0xFF0C || c == ',' || c == 0x3001 || c == 0x3002 || c == 0xFF0E || c == '.' ||
        c == 0xFF1A || c == ':' || c == 0xFF1B || c == ';' || c == 0xFF01 || c == 0xFF1F ||
        c == '!' || c == '?')
      return false;
  }
  return true;
}

/* Characters that continue a heading word on the line under it, or a verb it is the subject
 * of (招聘 | 会现场…, 遗失声明 | 是一种…): short_head's, and box_label's with more */
#define HEAD_REST "会是的了在被贴中上里称指表信启广工人岗计等和与及栏版也都就还已将要发刊处费员单类"

/* The first code point of l past its indent (0 for none) */
static uint32_t first_cp(const qg_block *l) {
  size_t i = 0;
  while (i < l->text.len && indent_space((unsigned char)l->text.ptr[i])) i++;
  return i < l->text.len ? qg_utf8_next(l->text.ptr, l->text.len, &i) : 0;
}

/* Whether a heading line held alone at the top of a block (h: a display line, LN_HEAD) is a
 * line of its own over the line l under it: h is the heading of a notice or an ad ([notice]
 * cues: 招聘, 注销公告, 寻人启事) of at most QG_PARA_SHORT_HEAD characters, all Han, at most half as
 * wide as l (by three columns or more), which opens no clause. A wrapped paragraph's first line
 * is as wide as its others; only its last is shorter. A classified page's headings over their
 * text (招聘 | 南江某科技公司诚聘行政助理2名。, 注销公告 | 南江市远航物流有限公司经股东会决议，…) were
 * joined to it (probe 25 M3). Widths alone do not tell (a line cut before a token the column
 * could not hold, 请在方框内画 | ○表示同意…, 根据国务院 | 国发〔2024〕12号…, is as short; session 20),
 * so the cue must be there too. */
static bool short_head(para_stage *ps, qg_block *h, const qg_block *l) {
  if (h->text.len > QG_PARA_SHORT_HEAD * 4 + 8) return false;
  int chars = 0;
  for (size_t i = 0; i < h->text.len;) {
    uint32_t c = qg_utf8_next(h->text.ptr, h->text.len, &i);
    if (indent_space(c)) continue;
    if (!qg_cp_is_han(c) || ++chars > QG_PARA_SHORT_HEAD) return false;
  }
  if (opens_clause_mark(l)) return false;
  /* nor when the line below opens with the rest of a word or a verb the heading word is the
   * subject of (招聘 | 会现场…, 遗失声明 | 是一种…, 寻人启事 | 贴满了…: review 25b M3) */
  if (han_in(HEAD_REST, first_cp(l))) return false;
  int wh = line_width(h), wl = line_width(l);
  if (!(wh * 2 <= wl && wh + 3 <= wl)) return false;
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c) return false;
  qg_feat f;
  qg_cues_measure(c, h, &f);
  return f.notice;
}

/* Whether a line held alone at the top of a block (h) is a column's or a box's label alone over
 * the line l under it, single-spaced (session 38, s38-boxes): a [sidebar] label (相关链接 延伸阅读
 * 记者手记), a [section] name (图片新闻, 短评) or a [notice] heading (读者来信), with no mark, no
 * colon and no comma, over a line that opens no clause and no rest of a word the label would
 * be the subject of (相关链接 | 已发送至…). Double-spaced such a label is a block of its own (a
 * section over the box's title); single-spaced it was joined into the headline or the text
 * under it (相关链接第三代社保卡有何不同…, 读者来信小区门口的路灯该修了: probe s38-struct q4, q9). A
 * label of two or three characters (经济 人物 短评) must be three columns narrower than the line
 * under it: a wrapped paragraph's first line is never narrower than the next. A line that only
 * opens with a label (相关链接已发送至…) is no label. */
static bool box_label(para_stage *ps, qg_block *h, const qg_block *l) {
  if (h->text.len > 14 * 3 + 8 || h->text.len < 6) return false;
  for (size_t i = 0; i < h->text.len; i++)
    if (h->text.ptr[i] == ':' || h->text.ptr[i] == ',' ||
        ((unsigned char)h->text.ptr[i] == 0xEF && i + 2 < h->text.len &&
         (unsigned char)h->text.ptr[i + 1] == 0xBC &&
         ((unsigned char)h->text.ptr[i + 2] == 0x9A || (unsigned char)h->text.ptr[i + 2] == 0x8C)))
      return false; /* (a colon or a comma: 编者按：…, 小贴士： over its points) */
  if (opens_clause_mark(l)) return false;
  /* (short_head's list, the rest of a notice word or its verb: 招聘 | 会现场…, 声明 | 是…, and
   * particles and verbs a label word would be the subject of) */
  uint32_t c0 = first_cp(l);
  if (!c0 || han_in(HEAD_REST "为又显均则即并把对向", c0)) return false;
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c) return false;
  qg_feat f;
  qg_cues_measure(c, h, &f);
  if (!(f.sidebar || f.section || f.notice) || f.end != QG_END_NONE || f.commas || f.dateline ||
      f.byline)
    return false;
  if (f.chars < 4 && line_width(h) + 3 > line_width(l)) return false;
  return true;
}

/* Whether a line held alone at the top of a block (h) is a label in 【】 alone (bracket_label:
 * 【用法用量】 【贮藏】 【用料】 【赏析】 【思考与练习】) over the text under it (l): a heading of
 * its own, as a drug's package insert, a recipe, a textbook's exercises or a notice set it; it was
 * glued to its text, silently, where box_label knows only the cue words (probe 47 H2). Not over a
 * line that opens with a clause mark, or with 的 or 了, which lean on what stands before them, or
 * a character of HEAD_REST, each as a word of one character (rest_opens: 的确 and 了解 are words,
 * 是本报新开设的栏目… the label's verb; review 47 M4, L1); not
 * a dateline in brackets (【新华社北京12月1日电】), which opens its paragraph. Widths are not
 * asked: a wrapped paragraph's first line ends at 】 only where the column is that narrow. */
static bool bracket_label(const qg_block *l);

/* Review 47 (M4, L1): whether l, which opens with 的, 了 or a character of HEAD_REST, opens
 * with it as a word of one character, as the segmenter reads its first Han characters (eight
 * at most): the rest of the label over it or the verb it is the subject of (【百姓话题】 |
 * 是本报新开设的栏目…), not a word of its own (的确 的士 了解 中国 人民). Without the segmenter,
 * only 的 and 了 are asked, by the character, as before. */
static bool rest_opens(para_stage *ps, const qg_block *l) {
  size_t i = 0, n = l->text.len;
  const char *s = l->text.ptr;
  while (i < n && indent_space((unsigned char)s[i])) i++;
  size_t e = i;
  int k = 0;
  while (e < n && k < 8) {
    size_t q = e;
    if (!qg_cp_is_han(qg_utf8_next(s, n, &q))) break;
    e = q, k++;
  }
  qg_segmenter *sg = qg_ctx_segmenter(ps->base.ctx);
  if (!sg || k < 2 || qg_segment_words(sg, s + i, e - i, &ps->toks) || !ps->toks.n) {
    size_t j = i;
    uint32_t c = i < n ? qg_utf8_next(s, n, &j) : 0;
    return c == 0x7684 /*的*/ || c == 0x4E86 /*了*/ || (k < 2 && sg);
  }
  return ps->toks.v[0].end - ps->toks.v[0].start <= 3; /* (one Han character: 3 bytes) */
}

static bool bracket_head(para_stage *ps, qg_block *h, const qg_block *l) {
  if (!bracket_label(h) || opens_clause_mark(l)) return false;
  uint32_t c0 = first_cp(l);
  if (!c0 || ((c0 == 0x7684 /*的*/ || c0 == 0x4E86 /*了*/ || han_in(HEAD_REST, c0)) &&
              rest_opens(ps, l)))
    return false;
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c) return false;
  qg_feat f;
  qg_cues_measure(c, h, &f);
  return !f.dateline;
}

/* Whether l is a chapter's title that ends with （完）, the note a serial's last part ends with
 * (第十二章　重逢（完）, 连载小说《长河》第三十章（完）): at most 30 characters, 第, a number of
 * figures or Han numerals and 章 回 节 篇 集 卷 部 or 期 before the note, 第 at the line's start or
 * after 》 or white space, no sentence's or clause's mark (a sentence that quotes the note,
 * …页脚印着（完）, …末尾写下第三章（完）, is no title). */
static bool chapter_done(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  n = ascii_rtrim(s, n);
  if (n < 15 || n > 30 * 3 + 8 || memcmp(s + n - 9, "\xEF\xBC\x88\xE5\xAE\x8C\xEF\xBC\x89", 9))
    return false; /* （完） */
  n -= 9;
  bool chap = false;
  uint32_t b = ' '; /* (the character before c) */
  for (size_t i = 0; i < n;) {
    uint32_t before = b, c = b = qg_utf8_next(s, n, &i);
    if (c == 0xFF0C || c == ',' || c == 0x3001 || c == 0x3002 || c == 0xFF1B || c == 0xFF1A ||
        c == 0xFF01 || c == 0xFF1F)
      return false;
    if (c != 0x7B2C /*第*/ || chap || !(before == 0x300B || qg_cp_is_space(before))) continue;
    size_t j = i;
    int m = 0;
    uint32_t d = 0;
    while (j < n && m < 5) {
      d = qg_utf8_next(s, n, &j);
      if (!(han_numeral(d) || d == 0x767E || d == 0x96F6 || d == 0x3007 || d - '0' < 10u)) break;
      m++;
    }
    chap = m >= 1 && (d == 0x7AE0 || d == 0x56DE || d == 0x8282 || d == 0x7BC7 || d == 0x96C6 ||
                      d == 0x5377 || d == 0x90E8 || d == 0x671F);
  }
  return chap;
}

/* Puts the held heading lines out, each a paragraph of its own, and the open paragraph, then
 * holds l as the first line of a block (hold), or starts a paragraph with it (a line too long to
 * be held): under a box's label, a label in 【】 or a numbered heading (take_blank). 1: held. */
static int heads_apart_hold(para_stage *ps, qg_block *l, bool hold) {
  int rc = put_heads(ps, true);
  if (!rc) rc = emit_cur(ps);
  if (rc) return rc;
  if (!hold) return add_line(ps, l, false, false);
  ps->head_class[0] = LN_UNKNOWN;
  ps->head[ps->nhead++] = l;
  return 1; /* held */
}

/* Blank layout, a line that is neither blank, a piece nor a table row (start: an indent or an
 * ornament starts a paragraph with it). Consecutive lines are one wrapped paragraph, except at
 * the top of an article: lines that are all heading lines (display lines without a comma,
 * subtitles led by ——, bylines) are held, and they are a heading group, one paragraph per
 * line, when heading_group finds so; otherwise they are joined as before. A line this starts a
 * paragraph with and does not hold is released by take_line_in, which reads no more of its text
 * in this layout but han_gap's (under wrap_modal): the paragraph takes its text instead of a
 * copy (start_paragraph_as; session 51). */
static int take_blank(para_stage *ps, qg_block *l, bool start, bool list) {
  bool can = l->eol && l->text.len <= QG_PARA_HEAD_BYTES && qg_ctx_cues(ps->base.ctx);
  if (start) {
    /* (a schedule's first entry after its channel's name: 今日荧屏 | CCTV-1综合 | 06:00 …) */
    int rc = ps->nhead ? put_heads(ps, heading_group(ps, opens_ornament(l) || opens_clock(l))) : 0;
    if (!rc) rc = emit_cur(ps);
    if (rc || !list || !can) return rc ? rc : start_paragraph_as(ps, l, !ps->wrap_modal);
    /* a line a list point, record, verse or label started is the first line of a block:
     * held like one, so that heading lines above a dateline stay apart as before (上联：… |
     * 下联：… | 本报讯 …) */
  }
  if (ps->cur && !start) return add_line(ps, l, true, false); /* body text already */
  if (!ps->nhead) {
    if (!can) return start_paragraph_as(ps, l, !ps->wrap_modal);
    /* the first line of a block is measured only when a second one comes: most blocks have
     * one line */
    ps->head_class[0] = LN_UNKNOWN;
    ps->head[ps->nhead++] = l;
    return 1; /* held */
  }
  /* a box's or a column's label alone over the line under it, single-spaced: a block of its
   * own, and that line the first of a block (box_label) */
  if (ps->nhead == 1 && can && box_label(ps, ps->head[0], l)) {
    ps->label_line = ps->head[0]->line;
    return heads_apart_hold(ps, l, true);
  }
  /* a label in 【】 alone over its text (bracket_head): a block of its own, and the text under it
   * the first line of a block as under a box's label (session 47) */
  if (ps->nhead == 1 && bracket_head(ps, ps->head[0], l)) return heads_apart_hold(ps, l, can);
  /* (a chapter's title ending with the note that ends a serial, 连载小说《长河》第三十章（完）, held
   * alone over its first sentence: a block of its own (chapter_done); it was glued to it in the
   * blank layout, silently: s47-mendA's leftover, session 48) */
  if (ps->nhead == 1 && chapter_done(ps->head[0]) && !opens_clause_mark(l))
    return heads_apart_hold(ps, l, can);
  /* (a first line with a comma is body text or a dateline, which count alike for it, here and in
   * heading_group: its cues are not measured; line_class) */
  if (ps->head_class[0] == LN_UNKNOWN)
    ps->head_class[0] = has_comma(ps->head[0]) ? LN_BODY : line_class(ps, ps->head[0]);
  bool heads = ps->head_class[0] != LN_BODY && ps->head_class[0] != LN_DATELINE;
  int k = heads && can ? line_class(ps, l)
          : heads && long_dateline(ps, l) ? LN_DATELINE /* (a dateline's paragraph on one line) */
                                          : LN_BODY;
  /* (a numbered heading alone in the block's first line over a line that reads as a heading
   * line too, at least three columns wider and opening no clause, 一、选择题 | 1.A　2.B　3.C: the
   * numbered heading's rule below, which the line held as a second heading line never reached;
   * the two were joined with whatever came under them, silently (probe 47 M3). The line is the
   * first of a block, held as under a box's label) */
  if (heads && k != LN_BODY && k != LN_DATELINE && ps->nhead == 1 && numbered_heading(ps->head[0]) &&
      line_width(ps->head[0]) + 3 <= line_width(l) && !opens_clause_mark(l))
    return heads_apart_hold(ps, l, true);
  if (heads && k != LN_BODY && k != LN_DATELINE && ps->nhead < QG_PARA_HEADS) {
    ps->head_class[ps->nhead] = k;
    ps->head[ps->nhead++] = l;
    return 1; /* held */
  }
  /* a body line after the heading lines: they were its first lines, unless it opens with a
   * dateline (the article's first paragraph) */
  /* (nor under a section number and its heading alone in the block's first line, at most
   * QG_PARA_SEC_HEAD characters: 1 引言 | 近年来，…, probe 11a F7) */
  /* (and only when the heading line is at most three quarters as wide as the line under it,
   * indent and all, and that one opens no clause:
   * a wrapped first line, 3 名游客在北山景区游玩时迷失 | 方向，…, is as wide as the next, and
   * 1 五花肉切块冷水下锅焯水 | ，捞出… goes on; review 11 C10) */
  /* (and a numbered heading, 一、总体要求 （一）基本原则 1．加强组织领导 第一章　总则, alone in the
   * block's first line, at most QG_PARA_SEC_HEAD characters with no mark but its number's and a
   * Han character last, over a line at least three columns wider that opens no clause: a
   * wrapped paragraph's first line is never narrower than its second, but for a mark hung past
   * the column, two columns; session 23, session 22's leftover. Under such a heading a line as
   * wide, or at most two columns wider, goes on, reported: para-join) */
  bool numhead = heads && ps->nhead == 1 && numbered_heading(ps->head[0]);
  uint32_t head_line = ps->nhead ? ps->head[ps->nhead - 1]->line : 0;
  /* (a short heading line joined to a line at least twice as wide under it, which opens as text
   * does and ends a sentence, is reported: narrow_head, opens_text, head_note; hnarrow: the shape
   * alone, for photo_title) */
  bool hnote = false, hnarrow = false;
  bool apart = heads && (k == LN_DATELINE || poet_line(ps->head[ps->nhead - 1], ps->nhead) ||
                         (ps->nhead == 1 && section_num(ps->head[0]) &&
                          line_chars(ps->head[0]) <= QG_PARA_SEC_HEAD &&
                          line_width(ps->head[0]) * 4 <= line_width(l) * 3 &&
                          !opens_clause_mark(l)) ||
                         (numhead && line_width(ps->head[0]) + 3 <= line_width(l) &&
                          !opens_clause_mark(l)) ||
                         (ps->nhead == 1 && ps->head_class[0] == LN_HEAD && short_head(ps, ps->head[0], l)) ||
                         /* (a box's headline under its label, over its text: 相关链接 |
                          * 第三代社保卡有何不同 | 第三代社保卡在…: box_label) */
                         (ps->nhead == 1 && ps->head_class[0] == LN_HEAD && ps->label_line &&
                          ps->head[0]->line == ps->label_line + 1 &&
                          line_width(ps->head[0]) + 3 <= line_width(l) && !opens_clause_mark(l)));
  if (heads && !apart && ps->nhead && (hnarrow = narrow_head(ps->head[ps->nhead - 1], l)))
    hnote = opens_text(l) && !han_in(HEAD_REST "为又显均则即并把对向", first_cp(l)) && ends_sentence(l);
  int rc = put_heads(ps, apart);
  if (!rc && apart) rc = emit_cur(ps);
  if (!rc) rc = add_line(ps, l, !apart, false);
  if (!rc && numhead && !apart && ps->join_ok && !ps->due) {
    ps->due = 3;
    ps->due_at = qg_block_pos(l, 0);
    ps->due_to = qg_block_pos(l, l->text.len);
    ps->due_line = l->line, ps->due_above = head_line;
  } else if (!rc && hnote) {
    rc = head_note(ps, l, head_line);
  }
  if (!rc && hnarrow && ps->join_ok && ps->cur && ps->cur->line == head_line)
    ps->hb_line = head_line; /* (photo_title) */
  return rc;
}

/* Whether the two held heading lines are one short title set over two lines (春风 | 又绿江南岸):
 * the first of two or three characters, the second of at most eight, each only Han (no mark, no
 * white space), the first no section's name (诗苑, 散文: the cues' [section]). */
static bool short_title_cut(para_stage *ps) {
  const qg_block *a = ps->head[0], *b = ps->head[1];
  int na = line_chars(a), nb = line_chars(b);
  if (na < 2 || na > 3 || nb < 2 || nb > 8) return false;
  for (int k = 0; k < 2; k++) {
    const qg_block *l = k ? b : a;
    for (size_t i = 0; i < l->text.len;)
      if (!qg_cp_is_han(qg_utf8_next(l->text.ptr, l->text.len, &i))) return false;
  }
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c) return false;
  qg_feat f;
  qg_cues_measure(c, (qg_block *)a, &f);
  if (f.section) return false;
  /* (review 27b H2: a column's name over a short title, 身边 | 春耕正当时, 微观察 | 一桥连两岸, has
   * the same shape: joined only when the second line cannot open a title, its first character
   * an adverb or a particle that leans on what stands before it, 又 of 春风 | 又绿江南岸) */
  size_t i = 0;
  uint32_t c0 = qg_utf8_next(b->text.ptr, b->text.len, &i);
  /* (又 也 还 却 已 皆 仍 亦 的 吗 呢 啊 之: none opens a title; 就 of 就业, 都 of 都市 do) */
  static const uint32_t lean[] = {0x53C8, 0x4E5F, 0x8FD8, 0x5374, 0x5DF2, 0x7686, 0x4ECD,
                                  0x4EA6, 0x7684, 0x5417, 0x5462, 0x554A, 0x4E4B};
  for (size_t j = 0; j < sizeof lean / sizeof *lean; j++)
    if (c0 == lean[j]) return true;
  return false;
}

/* Heading lines held at the top of a block of the blank layout, two or more, that the blank
 * line after them ended with no sign of a heading group (heading_group) wait for the next line:
 * a byline (本报记者 钱文博: a role and names between spaces), a line led by an ornament (□ 江舟, a
 * columnist's) or a dateline (本报讯 …) there shows they were a headline and its subtitle, or a
 * column's name and its headline, each a paragraph of its own (一季度全市规上工业营收增长8.6% |
 * 新能源汽车产量翻番, 今日快评 | 别让“电梯加装”卡在最后一公里: probe 25 p4, p8; they were joined into
 * one title or kicker). Before anything else the line opens, the lines are put out as they would
 * have been at the blank line: apart, or joined as before (书香满城 | 小院书屋点亮乡村夜晚 over
 * body text is one paragraph, as documented). */
static int heads_over(para_stage *ps, const qg_block *l) {
  ps->heads_wait = false;
  bool apart = false;
  /* (not after a group of verse's shape held for the next, whose lines these may be: two
   * stanzas over a byline stay verse, review 21 H1; nor when a held line has white space inside,
   * a paper's name over its date and page, 东湖日报 | 2026年12月1日 第5版要闻, joined as before) */
  bool spaced = false;
  for (size_t i = 0; i < ps->nhead && !spaced; i++) spaced = has_space(ps->head[i]);
  /* (a line longer than a heading line is asked only whether it opens with a dateline: the first
   * paragraph set on one line, long_dateline; probe 47 H1) */
  if (!ps->held && !spaced && l->eol && !is_indented(l)) {
    int k = l->text.len > QG_PARA_HEAD_BYTES ? (long_dateline(ps, l) ? LN_DATELINE : LN_BODY)
            : opens_ornament_mark(l)         ? LN_BYLINE
                                             : line_class(ps, (qg_block *)l);
    apart = k == LN_BYLINE || k == LN_DATELINE;
    /* review 26b M1: a held line of more than 10 characters ending on a Han character is a
     * headline wrapped by the column (我省召开全面推进乡村振兴暨加快建设 | 农业强省工作会议): joined
     * as before; a column's name is short, a headline over its subtitle ends its statement
     * (…增长8.6%) */
    /* (session 48 asked the second line to be no wider than the first, to keep a headline over
     * a wider subtitle apart; taken back: a headline wrapped by the column has a wider second
     * line as often, 我省召开全面推进乡村振兴 | 暨加快建设农业强省工作会议, and was cut into a
     * kicker and a title, review 48 R1) */
    for (size_t i = 0; apart && i + 1 < ps->nhead; i++)
      apart = !(line_chars(ps->head[i]) > 10 && qg_cp_is_han(qg_block_last_char(ps->head[i])));
    /* (review 26b; session 27: a short title set over two lines, a first line of two or three
     * characters over one of at most eight, both Han to their ends, is one title cut short, 春风
     * | 又绿江南岸: joined; a column's name, 今日快评, 诗苑 (a section's name), stays apart) */
    if (apart && ps->nhead == 2 && short_title_cut(ps)) apart = false;
  }
  int rc = put_heads(ps, apart);
  return rc ? rc : group_end(ps);
}

/* Whether l's last bytes (white space aside) are 。. */
static bool ends_full_stop(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t z = l->text.len;
  while (z > 0 && (s[z - 1] == ' ' || s[z - 1] == '\t')) z--;
  return z >= 3 && !memcmp(s + z - 3, "\xE3\x80\x82", 3);
}

/* Whether line s[0..n), whose first field is lab bytes long, reads as a schedule's row under a
 * code: the first field of ASCII letters (one or more) and digits, - and _, then a field that
 * is a clock time (19:00), then Han. */
static bool clock_field(const char *s, size_t n, size_t lab) {
  size_t i = 0;
  bool letter = false;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < lab) return false;
  lab += i;
  for (; i < lab; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((unsigned)((c | 0x20) - 'a') < 26u) letter = true;
    else if (!((unsigned)(c - '0') < 10u || c == '-' || c == '_')) return false;
  }
  if (!letter) return false;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  /* (19：00 too, as the number stage will write it: probe 17 P5) */
  size_t d = qg_text_clock_lead(s + i, n - i);
  if (!d) return false;
  i += d;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= n) return false;
  return qg_cp_is_han(qg_utf8_next(s, n, &i));
}

/* Whether s[0..n) opens with a month and its day and white space (2月15日 , 12月1号 ). */
static bool day_label(const char *s, size_t n) {
  size_t i = 0;
  for (int u = 0; u < 2; u++) {
    size_t d = i;
    while (i < n && (unsigned)(s[i] - '0') < 10u) i++;
    if (i == d || i - d > 2 || n - i < 3) return false;
    if (memcmp(s + i, u ? "日" : "月", 3) && (!u || memcmp(s + i, "号", 3))) return false;
    i += 3;
  }
  return i < n && (s[i] == ' ' || s[i] == '\t' || (n - i >= 3 && !memcmp(s + i, "　", 3)));
}

/* Whether cur's text from byte at on (the last line joined to it) is a row of two cells or more
 * apart by runs of two ASCII spaces or more or an ideographic space, each cell holding no mark
 * of a sentence or clause (。，、；！？), the first cell Han: a table's header row (行业    增加值增速（%）
 * 占比（%）). A wrapped line of prose has a mark every clause and no such runs. */
static bool spaced_cells(const qg_block *cur, size_t at) {
  if (!cur || at >= cur->text.len || cur->text.len - at > QG_PARA_HEAD_BYTES) return false;
  const char *s = cur->text.ptr + at;
  size_t n = cur->text.len - at, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (i >= n || (unsigned char)s[i] < 0xE3) return false; /* (a Han cell first) */
  int gaps = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F)
      return false;
    if (c == 0x3000 || (c == ' ' && i < n && s[i] == ' ')) {
      gaps++;
      while (i < n && (s[i] == ' ' || s[i] == '\t' || (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3))))
        i += s[i] == ' ' || s[i] == '\t' ? 1 : 3;
    }
  }
  return gaps >= 1;
}

/* Whether a line is one or two characters and no white space: what a row cut at the column
 * leaves on the next line (和, 江, 级). */
static bool row_tail(const qg_block *l) {
  size_t n = l->text.len;
  while (n && (l->text.ptr[n - 1] == ' ' || l->text.ptr[n - 1] == '\t')) n--;
  if (!n || n > 8 || memchr(l->text.ptr, ' ', n) || memchr(l->text.ptr, '\t', n)) return false;
  return qg_utf8_count(l->text.ptr, n) <= 2 && !indent_bytes(l->text.ptr, n);
}

/* Whether line l is the rest of a figure that a row cut at the column (probe 44 M4: 110011
 * 东湖优选混合　2.3456　3.1234　+0 | .56%, …　0. | 00%, …　11: | 20): at most 8 bytes of ASCII
 * digits, . : and % with a digit, no white space, under a line that ended (z) with a digit, a
 * point, a colon or a sign; a line of digits alone under digits (…　12 | 34%) is none, since it
 * may be a cell of its own. */
static bool figure_rest(const qg_block *l, uint32_t z) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (!n || n > 8) return false;
  bool digit = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c - (unsigned)'0' < 10u) digit = true;
    else if (c != '.' && c != '%' && c != ':') return false;
  }
  if (!digit) return false;
  bool zd = z - (uint32_t)'0' < 10u;
  if (zd) return s[0] == '.' || s[0] == ':';
  return (z == '.' || z == ':' || z == '+' || z == '-') && (unsigned)(s[0] - '0') < 10u;
}

/* The class of a line's last character, for rows that end alike: 1 Han, 2 a digit, 3 another
 * (0: none). */
static int last_class(uint32_t c) {
  return !c ? 0 : qg_cp_is_han(c) ? 1 : qg_cp_digit(c) >= 0 ? 2 : 3;
}

/* The fields of a line that reads as a row of a list set in columns (review 10b A7: a
 * 今日导读 list `第2版 前三季度GDP增长5.2%`, weather lines `周一 晴 12℃至20℃ 北风2级`), else 0:
 * 2 to 8 fields between white space, no sentence or clause mark (。，、；！？ , ; ! ?, a
 * full stop . after Han or before white space), no field that is a Latin word alone (prose
 * with a stray space: `数据 Direct 的…`), a Han character in the first field, two or more fields of two or more characters (so OCR copy, a
 * space between every character, is none) and a first field (the label column: 周一, 第2版,
 * 北京) of at most 4 characters, given in first. Two such lines in a row with the same
 * number of fields and labels of the same length are rows, not one wrapped sentence: prose
 * wrapped at a column has a clause mark every line or two, and white space between its Han
 * characters only by mistake (a byline over a dateline, 本报记者 石磊 | 本报讯 2025…, differ
 * in the label). */
static int row_fields(const qg_block *l, size_t digits, int *first, uint32_t ends[2],
                      unsigned *shape, bool *data) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  *data = false;
  if (n > QG_PARA_HEAD_BYTES) return 0;
  int fields = 0, long_fields = 0, chars = 0;
  *first = 0;
  *shape = 0;
  /* a row of data: a figure in it that is no bare whole number (a time, a temperature, a price,
   * a score: qg_text_cells). Its label may be a name of up to six characters (乌鲁木齐, 贵州茅台)
   * or a code (G1502): probe 17 P4. Its cells hold 12 characters or fewer (qg_text_cells) */
  /* (the fields are read first, with the label's larger bound, and the cells only for a line
   * that has the fields of a row: most lines are let go in their first field or at a mark, and
   * the caller reads *data only of a row of three fields or more. past4: the label went past
   * the bound of a row that is no row of data; session 50, s50-para) */
  int han_max = 6;
  bool in = false, first_han = false, latin = false, past4 = false;
  while (i < n) {
    size_t at = i;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      if (in && latin) return 0; /* a Latin word (prose: `数据 Direct 的…`) */
      if (in) long_fields += chars >= 2;
      in = false;
      continue;
    }
    if (c == 0x3002 || c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F ||
        c == ',' || c == ';' || c == '!' || c == '?' ||
        (c == '.' && (i >= n || s[i] == ' ' || s[i] == '\t' || at == 0 || s[at - 1] & 0x80)))
      return 0;
    if (!in) fields++, chars = 0, latin = true, ends[1] = c;
    if (fields == 1 && !in) ends[0] = c;
    in = true;
    chars++;
    latin &= c < 0x80 && (c | 0x20) - 'a' < 26u;
    bool h = qg_cp_is_han(c);
    if ((c - '0' < 10u || c - 0xFF10 < 10u) && fields <= 8) *shape |= 1u << (fields - 1);
    if (fields == 1) { /* (most lines end here: no label) */
      first_han |= h;
      if (++*first > (first_han || c >= 0x80 ? han_max : 8)) return 0; /* (8: a code, CCTV-10) */
      past4 |= *first > 4 && (first_han || c >= 0x80);
    }
  }
  if (in && latin) return 0;
  if (in) long_fields += chars >= 2;
  if (fields < 2 || fields > 8 || long_fields < 2) return 0;
  qg_cells cl;
  *data = digits && memchr(s, ' ', n) && qg_text_cells(s, n, &cl) && cl.strong >= 1;
  /* (or a month and day for a label, 2月15日 周建国 5551001: a duty roster's rows under 日期 带班领导
   * 值班电话, glued into 55510012月16日; probe 25 H1) */
  if (!*data && digits && (unsigned)(s[0] - '0') < 10u) *data = day_label(s, n);
  if (!*data) {
    if (past4) return 0; /* (the label's bound of four: the loop above would have stopped) */
    han_max = 4;
  }
  if (first_han) return *first <= han_max ? fields : 0;
  /* a channel's code for a label (CCTV-1 19:00 新闻联播: probe 12b B12): Latin letters and
   * digits, a clock time in a field of its own and a Han field after it; a train's (G1502
   * 东湖东 北京西 07:25 11:48) before data */
  return *first >= 2 && (clock_field(s, n, (size_t)*first) || (*data && cl.first_code))
             ? fields
             : 0; /* (ASCII: bytes) */
}

static bool any_mark(const qg_block *l);
static bool list_close(const qg_block *l);

/* Whether a line holds a closing double quotation mark ” (bytes E2 80 9D). */
static bool closes_quote(const qg_block *l) {
  const char *s = l->text.ptr, *e = s + l->text.len;
  while (s < e && (s = memchr(s, 0xE2, (size_t)(e - s)))) {
    if (e - s >= 3 && s[1] == '\x80' && s[2] == '\x9D') return true;
    s++;
  }
  return false;
}

/* Whether a line opens with a dash of two characters (—— ――), white space aside. */
static bool dash_led(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3;
  return n - i >= 6 && (!memcmp(s + i, "\xE2\x80\x94\xE2\x80\x94", 6) ||
                        !memcmp(s + i, "\xE2\x80\x95\xE2\x80\x95", 6));
}

/* Markdown's pipe tables (GitHub Flavored Markdown; session 20, probe 19 R15: the rows of
 * | 项目 | 数量 | / |---|---| / | 苹果 | 3 | were joined into one paragraph in the blank
 * layout, and joined to the paragraph under them across a blank line). A table is a header row,
 * a delimiter row of as many cells (---, :---, ---:, :---:, between |, the bars at the ends
 * optional: --- | ---), and the rows under it up to a blank line or a line without a |. Each row
 * is a paragraph of its own (table_row: the repair stage joins nothing to it, dedup leaves it),
 * the delimiter row is left as written (verbatim); the cells are cleaned as any text. A line
 * that opens and ends with | (| 甲 | 乙 |) is a row of its own also with no delimiter row. The
 * header, which comes before the line that shows it is one, is taken apart from a paragraph it
 * was joined to (split_last). Not GFM's: a line without | under a table ends it (GFM takes it
 * for a row), and a | inside a code span splits cells (as GFM does unless escaped). */

/* The line's white space at its ends left out: [*from, *to). */
static void md_trim(const char *s, size_t n, size_t *from, size_t *to) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  *from = i, *to = n;
}

/* The cells of a line as a pipe table's row: the bars not escaped (\|), the ones at its ends
 * not counted as between cells; 0 when it holds no bar. *walled: it opens and ends with one. */
static int md_pipe_cells(const char *s, size_t n, bool *walled) {
  size_t a, z;
  md_trim(s, n, &a, &z);
  *walled = false;
  if (z - a < 2 || !memchr(s + a, '|', z - a)) return 0;
  int bars = 0;
  for (size_t i = a; i < z; i++) {
    if (s[i] == '\\' && i + 1 < z) i++;
    else if (s[i] == '|') bars++;
  }
  bool lead = s[a] == '|', trail = s[z - 1] == '|' && !(z - a >= 2 && s[z - 2] == '\\');
  *walled = lead && trail && bars >= 2;
  int cells = bars + 1 - lead - (trail && z - a > 1);
  return cells > 0 ? cells : 0;
}

/* The cells of a delimiter row (|---|:---:|, --- | ---: dashes with a colon at either end
 * maybe, between bars, one bar at least), else 0. */
static int md_delim_cells(const char *s, size_t n) {
  size_t a, z;
  md_trim(s, n, &a, &z);
  if (z - a < 3 || (s[a] != '|' && s[a] != '-' && s[a] != ':')) return 0;
  bool bar = false;
  if (s[a] == '|') a++, bar = true;
  if (z > a && s[z - 1] == '|') z--, bar = true;
  int cells = 0;
  size_t i = a;
  for (;;) { /* one cell: white space, :?-+:?, white space */
    while (i < z && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < z && s[i] == ':') i++;
    size_t d = i;
    while (i < z && s[i] == '-') i++;
    if (i == d) return 0;
    if (i < z && s[i] == ':') i++;
    while (i < z && (s[i] == ' ' || s[i] == '\t')) i++;
    cells++;
    if (i == z) break;
    if (s[i] != '|') return 0;
    i++, bar = true;
  }
  return bar ? cells : 0;
}

/* Takes the last line joined to cur (join_ok) apart: cur ends where it ended before it, and
 * the line is cur, a paragraph of its own (a table's header, found at the delimiter row). */
static int split_at(para_stage *ps, size_t at, uint32_t line, uint32_t end);
static int split_last(para_stage *ps) { return split_at(ps, ps->join_len, ps->join_line, ps->join_end); }

/* Takes cur apart at byte at, where the line line was joined to it (cur ended at line end
 * then): cur is put out as it was, and its rest from line on is cur. */
static int split_at(para_stage *ps, size_t at, uint32_t line, uint32_t end) {
  qg_block *b = ps->cur;
  size_t from = at;
  while (from < b->text.len && (b->text.ptr[from] == ' ' || b->text.ptr[from] == '\t')) from++;
  qg_block *h = qg_block_get(ps->base.ctx, QG_KIND_P);
  if (!h) return QG_ERR_NOMEM;
  h->line = line, h->end_line = b->end_line;
  h->cut_next = b->cut_next;
  int rc = qg_block_append_range(h, b, from, b->text.len);
  if (rc) {
    qg_block_release(ps->base.ctx, h);
    return rc;
  }
  qg_buf_truncate(&b->text, at);
  while (b->map.n > 1 && b->map.a[b->map.n - 1].off >= at) b->map.n--;
  b->end_line = end;
  b->cut_next = 0;
  rc = emit_cur(ps);
  if (rc) {
    qg_block_release(ps->base.ctx, h);
    return rc;
  }
  ps->cur = h;
  ps->join_ok = false;
  ps->grp_n = 0;
  return 0;
}

/* Line l is a delimiter row of dc cells under a header of as many (the line before): the
 * header is a paragraph of its own (held as a heading line, joined to cur, or cur alone), l
 * one left as written, and the rows under it follow (md_cols). Takes l. */
static int md_delimiter(para_stage *ps, qg_block *l, int dc) {
  if (ps->due && ps->due_line == ps->pipe_line) ps->due = 0; /* (a join taken back below) */
  int rc = flush_due(ps);
  if (ps->nhead) { /* the header is the last line held */
    qg_block *h = ps->head[--ps->nhead];
    if (ps->nhead) rc = put_heads(ps, heading_group(ps, false));
    if (!rc) rc = start_paragraph(ps, h);
    qg_block_release(ps->base.ctx, h);
  } else if (ps->cur && ps->join_ok && ps->join_line == ps->pipe_line) {
    rc = split_last(ps);
  }
  if (!rc && ps->cur && ps->cur->end_line == ps->pipe_line) ps->cur->table_row = true;
  if (!rc) rc = start_paragraph(ps, l);
  if (!rc) {
    ps->cur->verbatim = ps->cur->table_row = true;
    rc = emit_cur(ps);
  }
  ps->md_cols = dc;
  ps->prev_pipe = 0;
  ps->join_ok = false;
  ps->prev_last = 0;
  ps->prev_bullet = ps->prev_marker = false;
  ps->last_table = true;
  ps->prev_jump = ps->prev_paper = ps->prev_mdate = false;
  ps->prev_fields = ps->prev_tabs = ps->prev_bars = 0;
  ps->prev_lf = false;
  qg_block_release(ps->base.ctx, l);
  return rc;
}

/* Whether line l ends with a photo credit (the cues' [credit] or [credit-tail]: 本报记者 郑浩 摄,
 * …大坝安全。 （资料图片）, 佩纳宫。 叶知秋 摄, 图为…。本报记者 郑浩 摄): a caption's end, or a credit
 * alone. In the wrapped layout it starts a paragraph under a full line that ends a paragraph of
 * two lines or more that is no caption (not a caption's wrapped last line), and the line after
 * it starts one: a
 * caption dropped between the lines of a paragraph cut at the column was glued into it, and the
 * paragraph's rest to the caption (session 27; repair looks past it and joins the halves, as in
 * the line layout). The last character first (摄 影 图 发 and a closing bracket). */
/* (*alone: the line is the credit alone, 报记者 钱程 摄, no caption's text before it) */
static bool credit_line(para_stage *ps, qg_block *l, bool *alone) {
  *alone = false;
  if (l->text.len < 6 || l->text.len > 160 * 3) return false;
  uint32_t z = qg_block_last_char(l);
  if (!(z == 0xFF09 || z == ')' || z == 0x6444 /*摄*/ || z == 0x5F71 /*影*/ || z == 0x56FE /*图*/ ||
        z == 0x651D /*攝*/ || z == 0x5716 /*圖*/ || z == 0x53D1 /*发*/ || z == 0x767C /*發*/))
    return false;
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (!c) return false;
  qg_feat f;
  qg_cues_measure(c, l, &f);
  *alone = f.credit;
  return f.credit || f.credit_tail.at != SIZE_MAX;
}

/* Whether cur (a caption's lines) ends with a sentence's mark and one to three Han characters
 * after it, a credit's start the column cut (…长势良好。本 | 报记者 钱程 摄, …零部件。新华 | 社记者
 * 李安 摄): the credit line under it is the caption's wrapped last line (session 27, review 27a). */
static bool credit_cut_above(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  int han = 0;
  while (n > 0 && han <= 3) {
    size_t k = n - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    size_t i = k;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F) return han >= 1;
    if (!qg_cp_is_han(c)) return false;
    han++;
    n = k;
  }
  return false;
}

/* Whether line l holds white space between two Han characters past its indent and outside
 * quotation marks and brackets (王子涵 李思琪, 三等奖 略): fields or names set apart, a list's or a
 * form's line, which prose does not hold (a slogan quoted with a space for its comma, “小创意
 * 大梦想”, is prose). */
static bool han_gap(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  uint32_t before = 0;
  bool gap = false, straight = false;
  int depth = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (qg_cp_is_space(c)) {
      gap = before != 0 && qg_cp_is_han(before) && depth <= 0 && !straight;
      continue;
    }
    if (gap && qg_cp_is_han(c)) return true;
    gap = false;
    before = c;
    if (c == 0x201C || c == 0x300A || c == 0xFF08 || c == '(' || c == 0x300C || c == 0x300E)
      depth++;
    else if (c == 0x201D || c == 0x300B || c == 0xFF09 || c == ')' || c == 0x300D || c == 0x300F)
      depth--;
    else if (c == '"')
      straight = !straight;
  }
  return false;
}

/* Whether line l is a label in 【】 alone (【出租】, 【遗失声明】: a classified ad's or a notice's
 * heading), one to twelve characters inside. */
static bool bracket_label(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (n < 9 || memcmp(s, "\xE3\x80\x90", 3) || memcmp(s + n - 3, "\xE3\x80\x91", 3)) return false;
  int chars = 0;
  for (size_t i = 3; i < n - 3;) {
    uint32_t c = qg_utf8_next(s, n - 3, &i);
    if (c == 0x3010 || c == 0x3011 || ++chars > 12) return false;
  }
  return chars >= 1;
}

/* Wrapped at a modal width (wrap_modal): whether line l starts a paragraph under a full line
 * (zstop: the line above ends a sentence, prev_stop). Such pages were read in the line layout,
 * where repair joins a line to the one above only when that one was cut inside a sentence;
 * what it kept apart stays apart here too (session 27):
 *  - a line wider than the column by both measures, its indent left out: never wrapped, a
 *    paragraph of one line (a notice's point, a caption; repair looks past a caption dropped
 *    into a paragraph and joins the halves);
 *  - under a full line that ends a sentence, when the page shows no indents: its paragraph
 *    may have ended there (…维修船靠岸。 | “你问我图啥？…; …讲究方法。 | 降压药：早上吃还是晚上吃？);
 *    with indents, only a line that is not full and reads as a display line (line_class);
 *  - a line with white space between Han characters, or under one (han_gap, prev_gap: a list's
 *    entries, 高二(3)班 王子涵 李思琪《…》 | 高一(7)班 欧阳明远《…, …胡 蝶 | 三等奖(8项)略), which
 *    repair joins where the line was cut inside a pair of brackets or after a clause mark. */
/* Wrapped at a modal width: whether the paragraph so far (cur) is a heading of one line over l
 * (办理地点及联系方式 | 市民如对收费标准和管 | …): four or more Han characters and nothing else, no
 * indent, narrower than the column, which the lines of a set column fill, and l opens with two
 * Han characters (a line cut one character short so that the next does not open with a mark,
 * …事 | 宜，…, is no heading). Session 28, review 27a M5: within 2 columns of the width it was
 * read as full, and glued to the paragraph under it. */
static bool modal_head(const para_stage *ps, const qg_block *l) {
  const qg_block *c = ps->cur;
  if (!c || c->end_line != c->line || ps->last_lead || ps->last_width >= ps->wrap_width ||
      (ps->wrap_fx && ps->last_fx >= ps->wrap_fx) || c->text.len < 12 || c->text.len > 120)
    return false;
  size_t n = c->text.len, i = 0;
  while (n && (c->text.ptr[n - 1] == ' ' || c->text.ptr[n - 1] == '\t')) n--;
  while (i < n)
    if (!qg_cp_is_han(qg_utf8_next(c->text.ptr, n, &i))) return false;
  size_t j = 0;
  for (int k = 0; k < 2; k++)
    if (j >= l->text.len || !qg_cp_is_han(qg_utf8_next(l->text.ptr, l->text.len, &j))) return false;
  return true;
}

/* Wrapped at the widest line's width (no modal width): whether the paragraph so far is a
 * heading of one line over l, as modal_head reads it, two columns or more narrower than an even
 * set column (wrap_set; 全市供热运行平稳有序, 20 columns, over 入冬以来，市城管局组织, 22). Within 2
 * columns it was read as full and glued to the paragraph under it (review 27a M7, in part; a
 * title exactly as wide as the column still is: session 29). A line of Han
 * characters alone fills an even column but when it is cut short: before a mark (…事 | 宜，…),
 * an opening quote or bracket, a Latin word or a figure, and then l does not open with two Han
 * characters. An odd column (21) is no Han line's width, and such a line of 20 may be full. */
static bool wrapped_head(para_stage *ps, const qg_block *l) {
  if (!ps->wrap_set || (ps->wrap_width & 1) || ps->last_width > ps->wrap_width - 2 ||
      (ps->wrap_fx && ps->last_fx > ps->wrap_fx - 2) || !modal_head(ps, l))
    return false;
  /* (and l, which ends with a Han character, a letter or a digit, is two columns wider: the
   * widest lines may hang a mark past the column, …过冬。 at 26 over lines of 24, and then a
   * full line of Han characters is two columns narrower than the widest) */
  size_t n = l->text.len;
  while (n && (l->text.ptr[n - 1] == ' ' || l->text.ptr[n - 1] == '\t')) n--;
  if (!n) return false;
  size_t i = qg_utf8_prev(l->text.ptr, n);
  uint32_t z = qg_utf8_next(l->text.ptr, n, &i);
  if (!(qg_cp_is_han(z) || (z < 0x80 && ((z | 0x20) - (uint32_t)'a' < 26u || z - (uint32_t)'0' < 10u))))
    return false;
  int w, fx;
  layout_measure(ps, l, &w, &fx);
  return w >= ps->last_width + 2 && (!ps->wrap_fx || fx >= ps->last_fx + 2);
}

/* Wrapped at the widest line's width, in columns (no modal width), on a page whose indents show
 * where paragraphs start (wrap_indent): whether the last line of the paragraph so far, which
 * ends with a Han character (zl) and is not full, was cut there because the figure l opens with
 * did not fit in the columns left: the run of ASCII l opens with (a digit first, 1,234,567.8万元,
 * 12.5%，…) is wider than they are. A page that opens inside a paragraph continued from another
 * page (前三季度全市规模以上工业增加值累计 | 1,234,567.8万元，…) had its first line split off as a
 * title (session 30). A paragraph under a heading opens with an indent on such a page. The
 * figure is digits, commas, dots and % only (a date, 2024-10-18 or 2024.10.18, or a time is
 * none), and the line cut is inside a paragraph: the paragraph's second line or later, or its
 * first indented, or the page's first line; an unindented line alone under a paragraph is a
 * heading (市统计局发布前三季度全市经济运行数据 | 2024-10-18 来源：市统计局 was glued to its date
 * line, and the paragraph under it too; review 30a R1, session 31). */
static bool figure_cut(const para_stage *ps, const qg_block *l, uint32_t zl) {
  if (ps->wrap_modal || ps->wrap_chars || !ps->wrap_indent || !ps->cur || !qg_cp_is_han(zl))
    return false;
  const qg_block *c = ps->cur;
  bool alone = c->end_line == c->line && !is_indented(c);
  if (alone && c->line != ps->first_line) return false;
  /* (the page's first line alone over a line that is not full is a heading over a date, a
   * source or a deck: 全市规上工业增加值增长 | 12.5% 增速创三年新高, review 31a N1; and over a
   * deck that ends a sentence, 全市前三季度经济运行稳中向好势头持续 | 12.5%的增速来之不易。, the
   * title was glued to it and to the paragraph under it, review 31a2 F1: the line under a
   * paragraph's line cut before a figure is full or ends inside its sentence, at ， 、 ； or ：) */
  if (alone && !line_full(ps, l)) {
    uint32_t z = last_past_closers(l, NULL);
    if (z != 0xFF0C && z != 0x3001 && z != 0xFF1B && z != 0xFF1A) return false;
  }
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  int dots = 0;
  if (!n || (unsigned)(s[0] - '0') >= 10u) return false;
  while (i < n && ((unsigned)(s[i] - '0') < 10u || s[i] == ',' || s[i] == '.' || s[i] == '%'))
    dots += s[i++] == '.';
  if (i < n && s[i] > ' ' && s[i] < 0x7F) return false; /* (2024-10-18, 19:30, 3/4, 5km) */
  if (dots >= 2) return false; /* (a date, 2024.10.18; review 31a N1) */
  /* (a clause or sentence mark after the figure goes with it, since no line opens with one:
   * 前三季度全市规上工业增 | 12.5%，高于…, the figure and its comma did not fit; review 31a2
   * in/060, session 32) */
  int w = (int)i;
  if (i < n) {
    size_t j = i;
    uint32_t c = qg_utf8_next(s, n, &j);
    if (c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 ||
        c == 0xFF1F || c == 0xFF09)
      w += 2;
  }
  return i >= 2 && ps->last_width + w > ps->wrap_width;
}

/* Whether a line opens with a photo's caption cue after its indent (photo_cue). */
static bool indented_photo_cue(const qg_block *l) {
  size_t i = indent_bytes(l->text.ptr, l->text.len);
  return photo_cue_at(l->text.ptr + i, l->text.len - i);
}

/* Whether a line opens, after its indent, with a label of at most five Han characters and a
 * colon (记者：, 李华：, 一等奖：, 横批：): an interview's turn or a listing's row, no paragraph's
 * cut first line (review 32a2 RC). */
static bool label_lead(const qg_block *l) {
  size_t i = indent_bytes(l->text.ptr, l->text.len), after;
  return qg_text_label(l->text.ptr + i, l->text.len - i, 5, &after) != 0;
}

/* Whether line l opens with what goes on from a figure cut at the line above's end: a digit
 * (…复赛在1 | 2月20日…), a mark or sign (anything but a Han character or a Latin letter: …12 | .5%,
 * …2110 | ，…), or a unit or word a figure takes after it (…办公室2 | 06房间 takes the digit; …于
 * 2026 | 年底…, …限报12 | 名…). For lead_field: a field whose figure goes on so is a cut line. */
static bool figure_goes_on(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  if (!c) return false;
  if (!qg_cp_is_han(c)) return c >= 0x80 || (c | 0x20) - (uint32_t)'a' >= 26u;
  /* 年 月 日 号 时 点 分 秒 元 角 万 亿 千 百 个 岁 人 名 位 户 次 届 期 版 楼 层 室 栋 幢 米 克 斤 吨
   * 亩 倍 天 周 项 套 台 辆 件 张 幅 篇 场 组 队 册 所 处 份 间 度 余 多 至 (not 公 市 县 区 省: the
   * first characters of the bodies that sign a notice, 公安局, 市总工会) */
  static const char units[] = "年月日号时点分秒元角万亿千百个岁人名位户次届期版楼层室栋幢米克斤吨"
                              "亩倍天周项套台辆件张幅篇场组队册所处份间度余多至";
  char u[4];
  size_t k = qg_utf8_encode(c, u);
  for (size_t j = 0; j + k <= sizeof units - 1; j += 3)
    if (!memcmp(units + j, u, k)) return true;
  return false;
}

/* Session 46 (s46-wrap): whether the paragraph so far is one indented line led by a label and its
 * colon that ends with a digit (zl), a field of a notice (　　联系电话：0736-5512110): it ends there,
 * full by the measure or not, unless l goes on with its figure (figure_goes_on). Its digits fill
 * the line by a count of characters, and the signature under it (南溪县公安局) was glued to the
 * telephone number. Session 46 asked it only of the count with the indent (wrap_lead); session 47
 * (review 46 M4) asks it under every measure: on a page of short indented paragraphs the count
 * without the indent (wrap_chars) found as many full lines, and the field was glued to the
 * signature silently (冬季长跑比赛报名须知). With l's opening asked, a field cut inside its figure (…
 * 复赛在1 | 2月20日举行…, …办公室2 | 06房间…) goes on as the layout reads it, with no note; under the
 * count with the indent it was split and joined back by repair, reported. */
static bool lead_field(const para_stage *ps, const qg_block *l, uint32_t zl) {
  const qg_block *c = ps->cur;
  return c && zl - '0' < 10u && c->line == c->end_line && is_indented(c) && label_lead(c) &&
         !figure_goes_on(l);
}

/* Whether s[0..n) ends with a photo credit's word (摄 摄影 供图 制图) after text: done_line
 * (before its note) and photo_credit_end (the line's end) ask it. */
static bool credit_word_end(const char *s, size_t n) {
  static const char *const ends[] = {"摄", "摄影", "供图", "制图", NULL};
  for (int k = 0; ends[k]; k++) {
    size_t m = strlen(ends[k]);
    if (n > m && !memcmp(s + n - m, ends[k], m)) return true;
  }
  return false;
}

/* Session 47 (s47-wrap, review 46b M4): whether line l ends with the note that ends a story,
 * （完） or （全文完） after text (qg_text_done_note_at, white space at the end not counted). The
 * paragraph ends there in the wrapped and the blank layouts, as repair ends one so (ends_here):
 * a page read wrapped at 20 characters, …豆浆的香味飘出很远。（完） (full) | 冬季用电提示 | 　　进入冬季…,
 * had the next story's subhead glued to the note, and repair the paragraph under it. */
static bool done_line(const qg_block *l) {
  size_t n = l->text.len;
  while (n && (l->text.ptr[n - 1] == ' ' || l->text.ptr[n - 1] == '\t')) n--;
  size_t m = qg_text_done_note_at(l->text.ptr, n);
  if (!m) return false;
  /* Review 47 H1: only a note that closes something is one: after a sentence's end (。！？…, or
   * . ! ? after text, past closing quotes and brackets: …笛声。（完）, …”（完）), after nothing but
   * white space (the note alone on its line, indented), or after a photo's credit (…王珂 摄（完）).
   * A （完） quoted inside a sentence (…页脚印着（完） | 字样，…) is a word, and the paragraph goes on
   * across it as before session 47. */
  const char *s = l->text.ptr;
  size_t e = m;
  uint32_t c = 0;
  while (e > 0) {
    size_t p = qg_utf8_prev(s, e), i = p;
    c = qg_utf8_next(s, m, &i);
    e = p;
    if (qg_cp_is_space(c) || c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300D ||
        c == 0x300F || c == 0x300B || c == ')' || c == '"')
      continue;
    break;
  }
  if (e == 0 && (qg_cp_is_space(c) || !c)) return true; /* (the note alone, past its indent) */
  if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026 || c == '.' || c == '!' ||
      c == '?')
    return true;
  return credit_word_end(s, m);
}

/* Whether a line ends with a photo's credit (…休闲 王强 摄, 摄影, 供图, 制图): a caption's line
 * (review 32a2 RB; the cues' credit_line reads no such bare name and 摄 after a caption). */
static bool photo_credit_end(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return credit_word_end(s, n);
}

/* The line layout decided for the page (too few lines for a column: a story of one or two
 * paragraphs under its heading lines), on a page whose paragraphs open with an indent: whether
 * the paragraph so far, one indented line that ends with a Han character (zl), is a paragraph's
 * first line cut at the column, so that l, not indented, goes on with it: l is as wide (within
 * 2 columns, by either measure) and the two are three quarters of the widest probed line or
 * more (or l is prose, below), or the line is the widest (within 2) and l ends a sentence and
 * is no wider (the paragraph's last line); l opens no numbered point. Such a line is no
 * body text by its measure (18 characters and one comma), so repair left it apart, and the
 * structure stage took it for a title or a subhead under the heading lines and its rest for a
 * paragraph (…地区生产总值一 | 万二千亿元，…; review 31a2, session 32). Joined and reported here,
 * as fw_cut is. */
static bool indent_cut(const para_stage *ps, const qg_block *l, uint32_t zl) {
  const qg_block *c = ps->cur;
  if (!ps->line_auto || !c || !qg_cp_is_han(zl) || c->line != c->end_line ||
      c->end_line + 1 != l->line || !is_indented(c) || is_indented(l))
    return false;
  int wc = line_width(c), wl = line_width(l), fc, fl, k;
  if (wc < 16 || wl - lead_width(l) < 2) return false;
  measure(c, &fc, &k);
  measure(l, &fl, &k);
  if (opens_list(l)) return false; /* (主要品种价格 | 1.白菜每公斤0.8元: a list's heading) */
  bool full = wc >= ps->line_wmax - 2 || fc >= ps->line_fxmax - 2;
  bool wide = wc * 4 >= ps->line_wmax * 3 || fc * 4 >= ps->line_fxmax * 3;
  bool even = (wl >= wc - 2 && wl <= wc + 2) || (fl >= fc - 2 && fl <= fc + 2);
  /* (or, on a page whose widest lines are wider than the column, a notice's points or rows
   * of one line each, l holds a comma or ends a sentence and the two are 12 Han characters or
   * more: prose) */
  bool prose = wc >= 24 && (has_comma(l) || ends_sentence(l));
  /* (and only prose: a comma in either line or a sentence ended under it; an indented verse
   * line over the next, 　　登上城北的山岗 | 风从四面八方赶来, rows of a listing, 　　中山路社区服务中心
   * 中山路一号院内 | 解放路…, were joined; nor a caption's line, 　　图为市民… | 今年以来…。: review
   * 32a R4; nor one that ends with a photo's credit, …休闲 王强 摄, nor lines led by a label and
   * its colon, 　　记者：… | 李华：…。: review 32a2 RB, RC) */
  /* (with no comma and no sentence ended, two lines of 16 Han characters or more, of one width
   * at the page's widest, with no white space inside, the line under cut inside a word: a
   * paragraph's first two lines, 　　全市今年新建改建公园绿地口袋公园城市 | 绿道共计一百二十处目前
   * 已完成九成年底 | 前全部建成…。, review 32a2 d21; verse and rows are narrower or spaced; the
   * line under as wide as the indented one, or as its text without the indent) */
  /* (and the line under l, still in the probe, goes on unindented: l is no paragraph's last
   * line, which a paragraph ending with no mark would be; a list of names with no separators,
   * 　　张伟王磊李强…郑凯 | 李华王强…陈晨 | 　　以上同志受到通报表彰。, and a line of verse over the
   * next, 　　稻子黄了…泥土的香 | 母亲站在…吃饭 | 　　那是…。, were joined: review 33a R4) */
  int wci = wc - lead_width(c);
  const qg_block *under = ps->probe_head;
  bool long_cut = wc >= 34 && full && (even || (wl >= wci - 2 && wl <= wci + 2)) &&
                  qg_cp_is_han(qg_block_last_char(l)) &&
                  !has_space(c) && !has_space(l) && under && !under->blank && !is_indented(under);
  if (!has_comma(c) && !has_comma(l) && !ends_sentence(l) && !long_cut) return false;
  if (indented_photo_cue(c) || photo_credit_end(c) || label_lead(c) || label_lead(l)) return false;
  return ((wide || prose) && even) || (full && ends_sentence(l) && wl <= wc + 2) || long_cut;
}

static bool modal_apart(para_stage *ps, qg_block *l, int zstop) {
  int w, fx, lead = lead_width(l), tol = 2;
  layout_measure(ps, l, &w, &fx);
  if (w - lead > ps->wrap_width + tol && fx - lead > ps->wrap_fx + tol) return true;
  if (ps->prev_gap || han_gap(l)) return true;
  if (!zstop) return modal_head(ps, l);
  if (!ps->modal_indent) return true;
  return !full_by(ps, w, fx, lead) && line_class(ps, l) == LN_HEAD;
}

/* Session 46 (s46-wrap, probe s46 H1): wrapped at the widest line (no modal width), on a page
 * whose indents show where paragraphs start (wrap_indent): whether line l, under a line that
 * ends a sentence (zstop 2), is a heading: four Han characters or more and nothing else (as
 * modal_head reads a heading), not full, and a display line (line_class), as modal_apart reads
 * such a line on a page with indents. A paragraph that goes on under a sentence ended at the
 * column goes on with a clause; a subhead (缝纫机旁的新订单) under a paragraph whose last line is
 * full, …租了一间铺面。, was glued into it, and repair then joined the indented paragraph under it
 * to the block so made, ending in a line with no mark. (A line with a mark, a Latin word or
 * white space, 例如： or 也可以用 All, is a paragraph's last line as often, cut before a word
 * that did not fit: s2 wrapped at 18 characters and at 40 columns.) Left: a paragraph whose last
 * line of Han characters has no mark (…我们可以设在) is split so; no print copy ends so. */
static bool indent_head(para_stage *ps, qg_block *l, int zstop) {
  if (ps->wrap_modal || !ps->wrap_indent || zstop != 2 || is_indented(l) || l->text.len < 12 ||
      l->text.len > 120)
    return false;
  size_t n = l->text.len, i = 0;
  while (n && (l->text.ptr[n - 1] == ' ' || l->text.ptr[n - 1] == '\t')) n--;
  while (i < n)
    if (!qg_cp_is_han(qg_utf8_next(l->text.ptr, n, &i))) return false;
  int w, fx;
  layout_measure(ps, l, &w, &fx);
  return !full_by(ps, w, fx, lead_width(l)) && line_class(ps, l) == LN_HEAD;
}

/* Session 42 (probe 41b H5): whether line l is a line of a contents list: a title (at least one
 * Han character or letter, at most 40 characters), a leader (four or more ASCII dots . or
 * full-width ones ．, or two or more …, or three or more · ・; white space around and between
 * them) and a page number of one to four digits (ASCII or full width) at its end (老手艺的新生意
 * ...... 8, 序言……………1). Such a line is a line of its own in every layout: the lines were
 * joined, each page number glued to the next title (…新生意…… 8一条街的四十年). */
static bool toc_line(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (n < 6 || n > 200) return false;
  size_t e = n;
  while (e > 0) { /* (white space at the end) */
    size_t p = qg_utf8_prev(s, e), i = p;
    if (!indent_space(qg_utf8_next(s, n, &i))) break;
    e = p;
  }
  int digits = 0;
  while (e > 0) {
    size_t p = qg_utf8_prev(s, e), i = p;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c - '0' >= 10u && c - 0xFF10 >= 10u) break;
    digits++;
    e = p;
  }
  if (digits < 1 || digits > 4) return false;
  int dots = 0, ell = 0, mid = 0;
  while (e > 0) { /* the leader, back to the title */
    size_t p = qg_utf8_prev(s, e), i = p;
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == '.' || c == 0xFF0E) dots++;
    else if (c == 0x2026) ell++;
    else if (c == 0xB7 || c == 0x30FB || c == 0x22EF) mid++;
    else if (!indent_space(c)) break;
    e = p;
  }
  if (dots < 4 && ell < 2 && mid < 3) return false;
  int chars = 0;
  bool word = false;
  for (size_t i = 0; i < e;) {
    uint32_t c = qg_utf8_next(s, e, &i);
    word |= qg_cp_is_han(c) || (c < 0x80 && (c | 0x20) - (uint32_t)'a' < 26);
    if (++chars > 40) return false;
  }
  return word;
}

/* The text of line l with the white space at its ends trimmed: [*from, *to). */
static void trim_line(const qg_block *l, size_t *from, size_t *to) {
  const char *t = l->text.ptr;
  size_t f = 0, e = l->text.len;
  while (f < e) {
    size_t i = f;
    if (!indent_space(qg_utf8_next(t, e, &i))) break;
    f = i;
  }
  while (e > f) {
    size_t p = qg_utf8_prev(t, e), i = p;
    if (!indent_space(qg_utf8_next(t, e, &i))) break;
    e = p;
  }
  *from = f, *to = e;
}

/* Characters in s[0..n), and whether one of them ends a sentence (。！？!?) or is a tab or
 * two spaces in a row (a table's cells). */
static size_t rp_chars(const char *s, size_t n, bool *stop, bool *cells) {
  size_t k = 0, i = 0;
  uint32_t prev = 0;
  *stop = *cells = false;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?') *stop = true;
    if (c == '\t' || (c == ' ' && prev == ' ') || c == 0x3000) *cells = true;
    prev = c;
    k++;
  }
  return k;
}

/* Whether line l, the line take_line has in hand, is a running head or masthead line
 * (qg_text_is_running_head: 人民日报 2024年12月1日 第5版, 2026年12月1日 星期二 第A3版, … 第5版 要闻;
 * review 17 H2), asked once a line: the folio's test (line_folio) and the jump notes' ask it of the same line
 * (session 50, s50-para). A running head holds white space (its fields are set apart by it, and
 * its 第N版 follows it: code_edge, qg_text_running_head_full), which most lines of running text
 * without a mark at their end hold none of. */
static bool line_rhead(para_stage *ps, const qg_block *l) {
  if (ps->rhead < 0) ps->rhead = ps->lx_space && qg_text_is_running_head(l->text.ptr, l->text.len);
  return ps->rhead > 0;
}

/* Whether line l, the line take_line has in hand, is a folio (qg_text_is_folio), asked once a
 * line: page_repeat, the jump notes and the cell rows ask it of the same line (session 45). Its
 * running head is line_rhead's; the other shapes need white space (a periodical's and a dated
 * running head, set apart by it) or open with a page number's first byte or 第 (session 50). */
static bool line_folio(para_stage *ps, const qg_block *l) {
  if (ps->folio < 0) {
    const char *s = l->text.ptr;
    size_t n = l->text.len;
    ps->folio = n && n <= 96 &&
                (line_rhead(ps, l) ||
                 ((ps->lx_space || qg_text_folio_lead(s, n)) && qg_text_is_folio_past_head(s, n)));
  }
  return ps->folio > 0;
}

/* The least characters of a line found printed again after a page turn (page_repeat). */
#define QG_PARA_RP_CHARS 8

/* Session 42 (probe 41b H2): the last line of a page printed again at the top of the next page
 * (…又把昨夜没有算完的账本摊在 | 3 | …又把昨夜没有算完的账本摊在 | 柜台上…: the text was doubled,
 * silently). Line l (whole, not blank) is removed, reported under para-repeat, and 1 returned,
 * when it repeats the line taken last (rp_text) exactly and holds QG_PARA_RP_CHARS characters
 * or more, no table's cells, and
 *  - a folio came between the two (qg_text_is_folio, then at most one running head of at most
 *    24 characters with no 。！？), and the line above it is full (wrapped layout) or ends no
 *    sentence; in the blank layout, where the line above is a whole paragraph, l is a part of
 *    its end (the page's last line), shorter than it, and that paragraph ends no sentence (a
 *    paragraph that repeats a sentence's end is the author's: read-through 42);
 *  - or nothing came between (wrapped layout only): the line above is full and ends no
 *    sentence, so that the sentence reads on only without l.
 * A line of verse, a refrain or a row is no full line of prose cut inside a sentence, and
 * under a folio it is shorter than QG_PARA_RP_CHARS or holds cells. Otherwise l becomes the
 * line taken last (or page furniture after it) and 0 is returned; an error (negative) when the
 * removal's report stopped the document. */
static int page_repeat(para_stage *ps, qg_block *l) {
  if (l->blank) {
    if (ps->mode != QG_PARA_BLANK) ps->rp_adj = false;
    return 0;
  }
  /* (whether the line taken last was full, read from its measures, which take_line left, as
   * the next line comes: measured once, on the wrapped layout's own pass) */
  if (ps->rp_state == 1 && ps->rp_adj && ps->rp_fullq) {
    ps->rp_fullq = false;
    ps->rp_full = ps->mode == QG_PARA_WRAPPED && ps->wrap_width &&
                  full_by(ps, ps->last_width, ps->last_fx, ps->last_lead);
  }
  size_t f, e;
  trim_line(l, &f, &e);
  const char *t = l->text.ptr + f;
  size_t n = e - f;
  bool stop, cells;
  /* (the bytes first: most lines differ from the line above in their first bytes) */
  if (ps->rp_state && n && n <= ps->rp_len && !memcmp(t, ps->rp_text + ps->rp_len - n, n) &&
      rp_chars(t, n, &stop, &cells) >= QG_PARA_RP_CHARS && !cells) {
    bool same = n == ps->rp_len && ps->rp_whole;
    const char *why = NULL;
    if (ps->rp_state == 2) {
      if (ps->mode == QG_PARA_BLANK ? !same && ps->rp_open : same && (ps->rp_full || ps->rp_open))
        why = "after the page number";
    } else if (ps->rp_adj && ps->mode == QG_PARA_WRAPPED && same && ps->rp_full && ps->rp_open) {
      why = "the sentence reads on without it";
    }
    if (why) {
      uint32_t above = ps->rp_line;
      ps->rp_state = 0;
      int rc = qg_block_remove(ps->base.ctx, l, "para-repeat", above,
                               "line %u repeats line %u, the last line of the page before it "
                               "(%s): removed", l->line, above, why);
      return rc ? rc : 1; /* (errors are negative) */
    }
  }
  if (ps->rp_state &&
      (line_folio(ps, l) ||
       (ps->rp_state == 2 && ps->rp_furn == 1 && n <= 24 * 4 && rp_chars(t, n, &stop, &cells) <= 24 &&
        !stop))) {
    ps->rp_state = 2;
    ps->rp_furn++;
    ps->rp_adj = false;
    return 0;
  }
  ps->rp_state = 1;
  ps->rp_furn = 0;
  ps->rp_adj = true;
  ps->rp_line = l->line;
  ps->rp_whole = n <= QG_PARA_RP_BYTES;
  size_t from = f;
  if (!ps->rp_whole) { /* (the tail, from a character's start) */
    from = e - QG_PARA_RP_BYTES;
    while (from < e && ((unsigned char)l->text.ptr[from] & 0xC0) == 0x80) from++;
  }
  ps->rp_len = e - from;
  memcpy(ps->rp_text, l->text.ptr + from, ps->rp_len);
  ps->rp_full = false, ps->rp_fullq = true; /* (read as the next line comes) */
  ps->rp_open = !ends_sentence(l);
  return 0;
}

/* Session 45 (s45-para): what take_line's rules ask of a line, gathered in one pass over its
 * bytes, so that a rule that cannot apply is not called (each test below is one under which the
 * rule returns its "none" at once or on the way, so no answer changes). The text is decoder
 * output, valid UTF-8: EF, E3 and C2 are lead bytes, never the rest of a character.
 * Session 50 (s50-para): the same pass finds the facts more rules need, so that the common line
 * of running text reaches fewer of them: ASCII letters and marks (no row of names nor line of
 * verse holds one), 版 (every jump note ends with it), | and * (a pipe table's, a masked name's). */
typedef struct line_facts {
  size_t digits; /* qg_text_digits(s, n, 3): ASCII digits, and 90..99 after BC (full-width) */
  bool space;    /* white space: a space, a TAB, U+3000 or the lead byte C2 (U+00A0 and others) */
  bool stop;     /* a ， (EF BC 8C) or 。 (E3 80 82): prose, never a row's nor a name list's */
  bool asc;      /* an ASCII byte 21..7E that is no digit: a letter or an ASCII mark (name_row) */
  bool ban;      /* 版 (E7 89 88): the jump notes' (jump_at reads it last) */
  bool rare;     /* a | or a *: a pipe table's row (md_pipe_cells), a masked name (用户j***a：) */
} line_facts;

/* One step of line_facts_of: the sixteen lanes at u + i (i >= 1, i + 18 <= the length), each
 * with the byte before it (a full-width digit's BC) and the two after it (the three bytes of
 * U+3000, ， and 。, and 版's last two). The digits of the lanes in keep (a byte of 1 a lane) are
 * added to a count a lane (saturating: only up to three are asked); the other facts are or-ed
 * into acc (white space, stops, ASCII letters and marks, 版). Branch-free: the count a step was
 * a loop over the digits' bits (session 50). */
#ifdef __SSE2__
typedef struct facts_acc {
  __m128i dg, ws, st, asc, ban, rare;
} facts_acc;

static inline __attribute__((always_inline)) void facts_step(const unsigned char *u, size_t i, __m128i keep,
                                                            facts_acc *a) {
  const __m128i k0 = _mm_set1_epi8((char)(0x80 - '0')), k90 = _mm_set1_epi8((char)(0x80 - 0x90)),
                lim = _mm_set1_epi8((char)(0x80 + 10)), bc = _mm_set1_epi8((char)0xBC),
                sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), c2 = _mm_set1_epi8((char)0xC2),
                e3 = _mm_set1_epi8((char)0xE3), ef = _mm_set1_epi8((char)0xEF),
                b80 = _mm_set1_epi8((char)0x80), b82 = _mm_set1_epi8((char)0x82),
                b8c = _mm_set1_epi8((char)0x8C), b89 = _mm_set1_epi8((char)0x89),
                b88 = _mm_set1_epi8((char)0x88), k21 = _mm_set1_epi8((char)(0x80 - 0x21)),
                lim21 = _mm_set1_epi8((char)(0x80 + 0x7F - 0x21)), bar = _mm_set1_epi8('|'),
                star = _mm_set1_epi8('*');
  __m128i p = _mm_loadu_si128((const __m128i *)(u + i - 1)), x = _mm_loadu_si128((const __m128i *)(u + i)),
          x1 = _mm_loadu_si128((const __m128i *)(u + i + 1)),
          x2 = _mm_loadu_si128((const __m128i *)(u + i + 2));
  __m128i da = _mm_cmplt_epi8(_mm_add_epi8(x, k0), lim); /* (ASCII digits) */
  __m128i d = _mm_or_si128(da, _mm_and_si128(_mm_cmplt_epi8(_mm_add_epi8(x, k90), lim), _mm_cmpeq_epi8(p, bc)));
  a->dg = _mm_adds_epu8(a->dg, _mm_and_si128(d, keep));
  __m128i e380 = _mm_and_si128(_mm_cmpeq_epi8(x, e3), _mm_cmpeq_epi8(x1, b80));
  a->ws = _mm_or_si128(a->ws, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(x, tab)),
                                           _mm_or_si128(_mm_cmpeq_epi8(x, c2),
                                                        _mm_and_si128(e380, _mm_cmpeq_epi8(x2, b80)))));
  a->st = _mm_or_si128(a->st, _mm_or_si128(_mm_and_si128(e380, _mm_cmpeq_epi8(x2, b82)),
                                           _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(x, ef), _mm_cmpeq_epi8(x1, bc)),
                                                         _mm_cmpeq_epi8(x2, b8c))));
  /* (21..7E: below 5E after 21 is taken off, as signed bytes; digits aside) */
  a->asc = _mm_or_si128(a->asc, _mm_andnot_si128(da, _mm_cmplt_epi8(_mm_add_epi8(x, k21), lim21)));
  /* (89 88 after a lane: 版 E7 89 88, or another character that ends so, rare: a jump note's 版 is
   * never missed, and the jump tests read the line when it is there) */
  a->ban = _mm_or_si128(a->ban, _mm_and_si128(_mm_cmpeq_epi8(x1, b89), _mm_cmpeq_epi8(x2, b88)));
  a->rare = _mm_or_si128(a->rare, _mm_or_si128(_mm_cmpeq_epi8(x, bar), _mm_cmpeq_epi8(x, star)));
}
#endif

/* The facts of the byte at u[i] of a line of n bytes (line_facts_of's bytes outside its steps). */
static inline __attribute__((always_inline)) void facts_byte(const unsigned char *u, size_t n, size_t i, line_facts *f) {
  unsigned char b = u[i];
  if (b == ' ' || b == '\t' || b == 0xC2) f->space = true;
  else if (b == 0xE3 && n - i >= 3 && u[i + 1] == 0x80) f->space |= u[i + 2] == 0x80, f->stop |= u[i + 2] == 0x82;
  else if (b == 0xEF && n - i >= 3 && u[i + 1] == 0xBC && u[i + 2] == 0x8C) f->stop = true;
  else if (b == 0xE7 && n - i >= 3 && u[i + 1] == 0x89 && u[i + 2] == 0x88) f->ban = true;
  else if (b > 0x20 && b < 0x7F && (unsigned char)(b - '0') >= 10) f->asc = true, f->rare |= b == '|' || b == '*';
}

#if QG_HAVE_AVX2
/* facts_step thirty-two lanes a step (session 51, s51-avx): the same tests, lane for lane. */
typedef struct facts_acc32 {
  __m256i dg, ws, st, asc, ban, rare;
} facts_acc32;

static inline __attribute__((always_inline)) QG_AVX2 void facts_step32(const unsigned char *u, size_t i,
                                                                       __m256i keep, facts_acc32 *a) {
  const __m256i k0 = _mm256_set1_epi8((char)(0x80 - '0')), k90 = _mm256_set1_epi8((char)(0x80 - 0x90)),
                lim = _mm256_set1_epi8((char)(0x80 + 10)), bc = _mm256_set1_epi8((char)0xBC),
                sp = _mm256_set1_epi8(' '), tab = _mm256_set1_epi8('\t'), c2 = _mm256_set1_epi8((char)0xC2),
                e3 = _mm256_set1_epi8((char)0xE3), ef = _mm256_set1_epi8((char)0xEF),
                b80 = _mm256_set1_epi8((char)0x80), b82 = _mm256_set1_epi8((char)0x82),
                b8c = _mm256_set1_epi8((char)0x8C), b89 = _mm256_set1_epi8((char)0x89),
                b88 = _mm256_set1_epi8((char)0x88), k21 = _mm256_set1_epi8((char)(0x80 - 0x21)),
                lim21 = _mm256_set1_epi8((char)(0x80 + 0x7F - 0x21)), bar = _mm256_set1_epi8('|'),
                star = _mm256_set1_epi8('*');
  __m256i p = _mm256_loadu_si256((const __m256i *)(u + i - 1)), x = _mm256_loadu_si256((const __m256i *)(u + i)),
          x1 = _mm256_loadu_si256((const __m256i *)(u + i + 1)),
          x2 = _mm256_loadu_si256((const __m256i *)(u + i + 2));
  __m256i da = _mm256_cmpgt_epi8(lim, _mm256_add_epi8(x, k0));
  __m256i d = _mm256_or_si256(da, _mm256_and_si256(_mm256_cmpgt_epi8(lim, _mm256_add_epi8(x, k90)),
                                                   _mm256_cmpeq_epi8(p, bc)));
  a->dg = _mm256_adds_epu8(a->dg, _mm256_and_si256(d, keep));
  __m256i e380 = _mm256_and_si256(_mm256_cmpeq_epi8(x, e3), _mm256_cmpeq_epi8(x1, b80));
  a->ws = _mm256_or_si256(a->ws, _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, sp), _mm256_cmpeq_epi8(x, tab)),
                                                 _mm256_or_si256(_mm256_cmpeq_epi8(x, c2),
                                                                 _mm256_and_si256(e380, _mm256_cmpeq_epi8(x2, b80)))));
  a->st = _mm256_or_si256(a->st, _mm256_or_si256(_mm256_and_si256(e380, _mm256_cmpeq_epi8(x2, b82)),
                                                 _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(x, ef),
                                                                                   _mm256_cmpeq_epi8(x1, bc)),
                                                                  _mm256_cmpeq_epi8(x2, b8c))));
  a->asc = _mm256_or_si256(a->asc, _mm256_andnot_si256(da, _mm256_cmpgt_epi8(lim21, _mm256_add_epi8(x, k21))));
  a->ban = _mm256_or_si256(a->ban, _mm256_and_si256(_mm256_cmpeq_epi8(x1, b89), _mm256_cmpeq_epi8(x2, b88)));
  a->rare = _mm256_or_si256(a->rare, _mm256_or_si256(_mm256_cmpeq_epi8(x, bar), _mm256_cmpeq_epi8(x, star)));
}

/* line_facts_of's steps of thirty-two lanes from u + 1 while the two bytes after a step are in
 * the line, then the thirty-two before the last two bytes with the lanes counted already masked
 * off for the digits, as the sixteen-lane steps end (n >= 35): the facts of u[1, n - 2) into f,
 * their digits (up to 255 a lane, enough for the three asked) returned. */
static QG_AVX2 size_t facts_avx2(const unsigned char *u, size_t n, line_facts *f) {
  const __m256i zero = _mm256_setzero_si256(), one = _mm256_set1_epi8(1);
  facts_acc32 a = {zero, zero, zero, zero, zero, zero};
  size_t i = 1;
  for (; i + 34 <= n; i += 32) facts_step32(u, i, one, &a);
  if (i < n - 2) {
    const __m256i lanes = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                           20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    __m256i from = _mm256_set1_epi8((char)(i - (n - 34)));
    facts_step32(u, n - 34, _mm256_andnot_si256(_mm256_cmpgt_epi8(from, lanes), one), &a);
  }
  __m256i sum = _mm256_sad_epu8(a.dg, zero);
  __m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
  f->space = _mm256_movemask_epi8(a.ws) != 0;
  f->stop = _mm256_movemask_epi8(a.st) != 0;
  f->asc = _mm256_movemask_epi8(a.asc) != 0;
  f->ban = _mm256_movemask_epi8(a.ban) != 0;
  f->rare = _mm256_movemask_epi8(a.rare) != 0;
  return (size_t)_mm_cvtsi128_si32(s2) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(s2, 8));
}
#endif

/* line_facts_of's work, the AVX2 steps first when use_avx. */
static void line_facts_run(const qg_block *l, line_facts *f, bool use_avx) {
  (void)use_avx;
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len, i = 1, digits = 0;
  f->digits = 0, f->space = f->stop = f->asc = f->ban = f->rare = false;
  if (!n) return;
  digits = (unsigned char)(u[0] - '0') < 10;
#ifdef __SSE2__
#if QG_HAVE_AVX2
  if (use_avx && n >= 35) {
    digits += facts_avx2(u, n, f);
    if (digits > 3) digits = 3;
    i = n - 2;
  } else
#endif
  if (n >= 19) {
    const __m128i one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
    facts_acc a = {zero, zero, zero, zero, zero, zero};
    for (; i + 18 <= n; i += 16) facts_step(u, i, one, &a);
    /* (the last lanes: the sixteen before the last two bytes, those counted already masked off
     * for the digits; facts found twice are found all the same) */
    if (i < n - 2) {
      const __m128i lanes = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
      __m128i from = _mm_set1_epi8((char)(i - (n - 18)));
      facts_step(u, n - 18, _mm_andnot_si128(_mm_cmplt_epi8(lanes, from), one), &a);
    }
    i = n - 2;
    __m128i sum = _mm_sad_epu8(a.dg, zero);
    digits += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    if (digits > 3) digits = 3;
    f->space = _mm_movemask_epi8(a.ws) != 0;
    f->stop = _mm_movemask_epi8(a.st) != 0;
    f->asc = _mm_movemask_epi8(a.asc) != 0;
    f->ban = _mm_movemask_epi8(a.ban) != 0;
    f->rare = _mm_movemask_epi8(a.rare) != 0;
  }
#endif
  for (; i < n; i++) { /* (the rest, byte by byte: the last two bytes, or a short line) */
    unsigned char b = u[i];
    if (digits < 3)
      digits += (unsigned)((unsigned char)(b - '0') < 10) +
                (unsigned)(((unsigned char)(b - 0x90) < 10) & (u[i - 1] == 0xBC));
    facts_byte(u, n, i, f);
  }
  facts_byte(u, n, 0, f); /* (the byte at 0: white space, a mark's lead byte, a letter there) */
  f->digits = digits;
}

/* Fills *f for line l (not blank): see line_facts. The AVX2 steps where the CPU has them; a
 * build with -DQG_CHECK_AVX takes the line the SSE2 way too and aborts where the two differ. */
static void line_facts_of(const qg_block *l, line_facts *f) {
  line_facts_run(l, f, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  line_facts g;
  line_facts_run(l, &g, false);
  if (g.digits != f->digits || g.space != f->space || g.stop != f->stop || g.asc != f->asc ||
      g.ban != f->ban || g.rare != f->rare) {
    fprintf(stderr, "QG_CHECK_AVX: line_facts_of differs on a line of %zu bytes\n", l->text.len);
    abort();
  }
#endif
}

/* Blank layout: whether the paragraph so far (cur) is a short title joined to one line under it
 * (hb_line: a join of narrow_head's shape), and line l, right under that line, which ends a
 * sentence, is a photo credit alone (新华社记者　王冬青　摄, （韩雨桐　摄）): the title of a photo
 * item over its caption, 初雪过后 | 12月3日，北京迎来今冬首场降雪。… | 本报记者　高嘉树　摄, which
 * was glued to the caption (probe 47 H3; zstop: the caption's line ends a sentence). The title holds two to QG_PARA_SHORT_HEAD Han
 * characters and nothing else. take_line takes the join back (split_last, its note dropped).
 * (Session 48 let a byline alone take it back too; taken back after review 48c: a sentence's
 * short first line over it, 李明 | 是这所学校…老师。 | 本报记者　周明　王芳, became a title, the
 * sentence split silently.) */
static bool photo_title(para_stage *ps, qg_block *l, int zstop) {
  const qg_block *b = ps->cur;
  if (!b || !ps->hb_line || b->line != ps->hb_line || !ps->join_ok || ps->join_line != b->line + 1 ||
      b->end_line != ps->join_line || l->line != ps->join_line + 1 || zstop != 2 ||
      ps->join_len > b->text.len)
    return false;
  int chars = 0;
  for (size_t i = 0; i < ps->join_len;) {
    uint32_t c = qg_utf8_next(b->text.ptr, ps->join_len, &i);
    if (!qg_cp_is_han(c) || ++chars > QG_PARA_SHORT_HEAD) return false;
  }
  /* (the credit's last character, as tag_line asks it: 摄 影 图 or a closing bracket; tag_line itself
   * is left to its one caller, take_line, which the compiler folds it into) */
  uint32_t z = qg_block_last_char(l);
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  if (chars < 2 || !c || l->text.len > 40 * 3 ||
      !(z == 0xFF09 || z == ')' || z == 0x6444 || z == 0x5F71 || z == 0x56FE))
    return false;
  qg_feat f;
  qg_cues_measure(c, l, &f);
  return f.credit;
}

static int take_line_in(para_stage *ps, qg_block *l);

/* qg_block_last_char of line l, read off its last bytes where they tell (session 50): a
 * character of three bytes last (a lead byte E1..EF but ED three bytes from the end, two
 * continuation bytes after it) that is no U+3000, or an ASCII byte that is no space nor TAB:
 * most lines end so. */
static inline uint32_t last_char(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len;
  if (n >= 3 && u[n - 3] - 0xE1u <= 0xEu && u[n - 3] != 0xED && (u[n - 2] & 0xC0) == 0x80 &&
      (u[n - 1] & 0xC0) == 0x80) {
    uint32_t c = (uint32_t)(u[n - 3] & 0x0F) << 12 | (uint32_t)(u[n - 2] & 0x3F) << 6 | (u[n - 1] & 0x3F);
    if (c != 0x3000) return c;
  } else if (n && u[n - 1] < 0x80 && u[n - 1] != ' ' && u[n - 1] != '\t') {
    return u[n - 1];
  }
  return qg_block_last_char(l);
}

/* Whether line l's last byte may end a salutation (qg_text_is_salutation: its colon, : or ：'s
 * 9A, last past white space): most lines end otherwise, and are let go here (session 50). */
static bool salute_end(const qg_block *l) {
  unsigned char z = l->text.len ? (unsigned char)l->text.ptr[l->text.len - 1] : 0;
  return z == ':' || z == 0x9A || z == ' ' || z == '\t' || z == '\r';
}

#ifdef QG_CHECK_FACTS
/* The facts' proof (a debug build: cmake -DCMAKE_C_FLAGS=-DQG_CHECK_FACTS): the record is read
 * again byte by byte, and every rule that a fact lets go of is asked all the same, aborting
 * when it would have fired (take_line_in, line_folio, line_rhead, verse_of, row_fields' data
 * aside: see their comments). */
static void check_facts(const para_stage *ps, const qg_block *l, const line_facts *f) {
  const char *s = l->text.ptr;
  const unsigned char *u = (const unsigned char *)s;
  size_t n = l->text.len;
  bool space = false, stop = false, asc = false, ban = false, rare = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = u[i];
    space |= b == ' ' || b == '\t' || b == 0xC2 || (n - i >= 3 && b == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80);
    stop |= n - i >= 3 && ((b == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82) ||
                           (b == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8C));
    asc |= b > 0x20 && b < 0x7F && (unsigned char)(b - '0') >= 10;
    ban |= n - i >= 3 && b == 0xE7 && u[i + 1] == 0x89 && u[i + 2] == 0x88;
    rare |= b == '|' || b == '*';
  }
  bool bad = f->digits != qg_text_digits(s, n, 3) || f->space != space || f->stop != stop ||
             f->asc != asc || (ban && !f->ban) || f->rare != rare;
  /* (the rules each fact lets go of, asked all the same) */
  bool walled;
  if (!f->ban)
    bad |= qg_text_is_jump(s, n) || qg_text_jump_lead(s, n) || qg_text_jump_tail(s, n) != SIZE_MAX;
  if (f->asc) bad |= name_row(l) != 0 || verse_line(l);
  if (!f->rare) bad |= md_pipe_cells(s, n, &walled) != 0 || (n > 1 && memchr(s + 1, '*', n - 1));
  if (!f->space) bad |= qg_text_is_running_head(s, n);
  if (!f->space && !qg_text_folio_lead(s, n)) bad |= qg_text_is_folio_past_head(s, n);
  if (n && u[0] - 0xE4u <= 5u) bad |= is_indented(l);
  if (!salute_end(l)) bad |= qg_text_is_salutation(s, n);
  if (!verbatim_may(ps, l)) { /* (verbatim_line's state-free tests: the fence's and the comment's) */
    size_t k = ascii_rtrim(s, n);
    bad |= fence_run(s, k, '`') || fence_run(s, k, '~') || (k >= 4 && !memcmp(s, "<!--", 4)) ||
           (k && s[0] == '#');
  }
  uint32_t c0 = 0;
  for (size_t i = 0; i < n;)
    if (!qg_cp_is_space(c0 = qg_utf8_next(s, n, &i))) break;
  if (!(date_numeral(c0) || c0 - 0xFF10 < 10u)) bad |= verse_date(l) != 0;
  bad |= ornament_cp(c0) != opens_ornament_mark(l);
  bad |= last_char(l) != qg_block_last_char(l);
  if (bad) {
    fprintf(stderr, "QG_CHECK_FACTS: line %u: a fact lets go of a rule that fires: %.*s\n", l->line,
            (int)(n < 200 ? n : 200), s);
    abort();
  }
}
#endif

/* Takes line l (take_line_in); the facts of the line in hand (lx_blk) are let go after it, so
 * that no block put at its place later is read by them. */
static int take_line(para_stage *ps, qg_block *l) {
  int rc = take_line_in(ps, l);
  ps->lx_blk = NULL;
  return rc;
}

static int take_line_in(para_stage *ps, qg_block *l) {
  int rc = 0;
  if (!l->blank && !ps->first_seen) ps->first_seen = true, ps->first_line = l->line;
  bool piece = !ps->prev_eol; /* the rest of a line passed on in pieces */
  /* (asked up to five times below, of the same text; a line that opens with a Han character,
   * lead byte E4..E9, opens with no white space) */
  const bool ind = !(l->text.len && (unsigned char)l->text.ptr[0] - 0xE4u <= 5u) && is_indented(l);
  line_facts lx = {0, false, false, false, false, false};
  if (!piece && !l->blank) line_facts_of(l, &lx);
#ifdef QG_CHECK_FACTS
  if (!piece && !l->blank) check_facts(ps, l, &lx);
#endif
  ps->folio = ps->rhead = -1; /* (line_folio, line_rhead: not asked yet) */
  ps->lx_space = lx.space;
  ps->lx_blk = !piece && !l->blank ? l : NULL, ps->lx_asc = lx.asc;
  /* (a page's last line printed again after the page turn: removed, page_repeat) */
  if (piece || !l->eol) {
    ps->rp_state = 0;
  } else if ((rc = page_repeat(ps, l))) {
    return rc < 0 ? rc : 0;
  }
  if (!l->blank && l->eol) count_latin(ps, l);
  if (ps->heads_wait && !l->blank && (rc = heads_over(ps, l))) {
    qg_block_release(ps->base.ctx, l);
    return rc;
  }
  /* an item of a list led by a bullet, in the blank and the wrapped layout: a line led by · or
   * - and white space is a wrapped line's rest (约翰 | · 肯尼迪…, 最低温度 | - 两度…: review 13
   * R6) when the line before ends inside a sentence (a Han character, a letter or a digit) and
   * was no item itself. (The wrapped layout joined the items of a short Markdown list, lines of
   * one width, into one paragraph: - 第一，…；- 第二，…；, probe 13 C7.) */
  /* (a common Han character first is no bullet nor white space: session 45) */
  bool bullet = !piece && !l->blank &&
                !(l->text.len >= 3 && qg_utf8_common_han((const unsigned char *)l->text.ptr)) &&
                qg_text_bullet_lead(l->text.ptr, l->text.len);
  uint32_t c0 = 0;
  if (bullet)
    for (size_t i = 0; i < l->text.len && (!c0 || qg_cp_is_space(c0));)
      c0 = qg_utf8_next(l->text.ptr, l->text.len, &i);
  /* (the bullets of slides and word processors, ▪ ▫ ✓ ✔ → √ ○ – and white space, are items
   * too, as • is: 存在问题▪ 人员流动大▪ 研发投入不足 was one paragraph, silently; probe 22 H7) */
  else if (!piece && !l->blank && l->text.len > 4 && (unsigned char)l->text.ptr[0] == 0xE2 &&
           (c0 = more_bullet(l)) != 0)
    bullet = true;
  /* (a bullet before a figure, - 666, is an item under another item with that bullet or
   * under a line that announces the list with a colon (网友评论：): it was read as a minus
   * sign, and the comments under it were glued to it with nothing between, silently; probe
   * 20 M2) */
  /* (its first byte first: white space, - * +, or the lead byte of • or ·) */
  unsigned char b0 = l->text.len ? (unsigned char)l->text.ptr[0] : 0;
  if (!bullet && !piece && !l->blank &&
      (b0 == '-' || b0 == '*' || b0 == '+' || b0 == ' ' || b0 == '\t' || b0 == 0xE2 || b0 == 0xC2)) {
    uint32_t d = digit_bullet(l);
    if (d && (ps->prev_bullet ? d == ps->bullet_c
                              : ps->prev_last == 0xFF1A || ps->prev_last == ':'))
      bullet = true, c0 = d;
    else if (d)
      l->lead = QG_LEAD_REST; /* (最低温度 | - 5℃: a join is reported, add_line) */
  }
  /* (a second item with the bullet of a line that was joined as a wrapped line's rest shows
   * that one was an item too: the join is taken back, split_last, and not reported; · 人员流动大
   * | · 研发投入不足 under 存在问题, probe 22 H7) */
  bool bullet_run = bullet && !ps->prev_bullet && c0 == ps->prev_bl && ps->mode != QG_PARA_LINE;
  if (bullet && ps->mode != QG_PARA_LINE && !ps->prev_bullet && !bullet_run) {
    uint32_t z = ps->prev_last;
    if ((c0 == 0xB7 || c0 == '-' || more_bullet_char(c0)) && z &&
        (qg_cp_is_han(z) || (z < 0x80 && (((z | 0x20) - (uint32_t)'a' < 26) || z - (uint32_t)'0' < 10))))
      bullet = false, l->lead = QG_LEAD_REST; /* (its join is reported: add_line) */
  }
  if (bullet) l->lead = QG_LEAD_ITEM;
  if (!l->blank) ps->prev_bullet = bullet, ps->bullet_c = bullet ? c0 : 0;
  if (!piece && !l->blank) ps->prev_bl = c0;
  /* a line of markers alone is a paragraph of its own in every layout: the line before and the
   * line after are not joined to it (review 13 R11) */
  uint32_t zl = ps->prev_last; /* (a lone mark after a line cut inside a sentence: review 14 #2) */
  int zstop = ps->prev_stop;   /* (the line before ends a sentence: prev_stop) */
  bool zdone = ps->prev_done;  /* (…with the note that ends a story: prev_done) */
  bool cut_before = zl && (qg_cp_is_han(zl) || (zl < 0x80 && (((zl | 0x20) - (uint32_t)'a' < 26) ||
                                                             zl - (uint32_t)'0' < 10)));
  bool marker = !piece && !l->blank && qg_text_marker_line(l->text.ptr, l->text.len) &&
                !(cut_before && qg_text_stray_mark(l->text.ptr, l->text.len));
  bool after_marker = !piece && !l->blank && ps->prev_marker;
  if (!piece && !l->blank) ps->prev_marker = marker;
  /* so is a jump note (（下转第3版） 下转第三版 ▲下转第三版 （上接第1版）): the line before and the line
   * after are not joined to it, nor to a line that ends with one (…将在（下转第3版）); a line that
   * opens with a note going back ((上接第1版)24小时…, 接第1版 项目…) starts a paragraph: another
   * story's part (probe 17 P2, like the folios of session 10 F6 in repair) */
  /* (and a paper's running head or masthead line that ends with white space and its page,
   * 2026年12月1日 星期二 第1版 under 东湖日报: a folio, qg_text_is_folio, was glued to the
   * paper's name in the blank layout; probe 17 Q3; and a letter's salutation, 尊敬的市民朋友：,
   * glued to the letter's first lines in the blank layout: review 17 H3) */
  /* (and a masthead in three lines, 清河日报 | 2026年12月2日 星期三 | 第3版: the date under a
   * paper's name and the folio alone under that date are lines of their own; they were glued
   * into 清河日报2026年12月2日 星期三第3版 in the blank layout; session 19) */
  bool jump = false, after_jump = false;
  /* (and a line of a contents list, title, leader and page: toc_line; session 42) */
  bool toc = !piece && !l->blank && toc_line(l);
  if (!piece && !l->blank) {
    bool mdate = ps->prev_paper && qg_text_masthead_date(l->text.ptr, l->text.len);
    /* (a jump note holds 版, lx.ban: jump_at reads it last; most lines hold none) */
    jump = (lx.ban && (qg_text_is_jump(l->text.ptr, l->text.len) ||
                       qg_text_jump_lead(l->text.ptr, l->text.len) > 0)) ||
           line_rhead(ps, l) ||
           qg_text_editor_line(l->text.ptr, l->text.len) ||
           (salute_end(l) && qg_text_is_salutation(l->text.ptr, l->text.len)) || mdate ||
           (ps->prev_mdate && qg_text_folio_alone(l->text.ptr, l->text.len)) ||
           (ps->mode != QG_PARA_BLANK &&
            (line_folio(ps, l) || (lx.digits && wide_folio(l)))) || toc;
    after_jump = ps->prev_jump;
    ps->prev_jump = jump || (lx.ban && qg_text_jump_tail(l->text.ptr, l->text.len) != SIZE_MAX);
    ps->prev_paper = qg_text_paper_name(l->text.ptr, l->text.len);
    ps->prev_mdate = mdate;
  }
  /* a line block on the source line of the one before: the decoder ended that one at
   * U+2029 PARAGRAPH SEPARATOR, a paragraph end in every layout */
  bool after_ps = !piece && ps->prev_line == l->line;
  ps->prev_eol = l->eol;
  ps->prev_line = l->line;
  bool verb = !piece && !l->blank && verbatim_may(ps, l) && verbatim_line(ps, l);
  if (!piece && !l->blank) ps->last_nb = l->line; /* (md_code) */
  if (verb) { /* a block of its own, as written */
    rc = flush_due(ps);
    if (!rc && ps->nhead) rc = put_heads(ps, heading_group(ps, false));
    if (!rc) rc = start_paragraph(ps, l);
    if (!rc) {
      ps->cur->verbatim = true;
      rc = emit_cur(ps);
    }
    ps->prev_last = 0, ps->prev_nd = 0;
    ps->prev_bullet = ps->prev_marker = ps->last_table = false;
    ps->prev_jump = ps->prev_paper = ps->prev_mdate = false;
    ps->md_cols = ps->prev_pipe = 0;
    ps->join_ok = false;
    ps->rp_state = 0; /* (page_repeat: a verbatim line is no page's last line) */
    ps->doc_lines++;
    qg_block_release(ps->base.ctx, l);
    return rc;
  }
  if (!piece && !l->blank) ps->doc_lines++;
  /* a Markdown pipe table's rows (md_pipe_cells above) */
  bool mdrow = false;
  if (!piece && l->blank) {
    ps->md_cols = ps->prev_pipe = 0;
  } else if (!piece) {
    bool walled;
    /* (a row holds a bar: lx.rare) */
    int cells = lx.rare ? md_pipe_cells(l->text.ptr, l->text.len, &walled) : (walled = false, 0);
    int dc = !ps->md_cols && ps->prev_pipe ? md_delim_cells(l->text.ptr, l->text.len) : 0;
    if (dc && dc == ps->prev_pipe) return md_delimiter(ps, l, dc);
    if (ps->md_cols && cells) mdrow = true;
    else ps->md_cols = 0, mdrow = walled;
    ps->prev_pipe = cells;
    ps->pipe_line = l->line;
  }
  /* a table row is a line of its own: rows are not wrapped text */
  /* (a padded row matters where lines join; it ends with no 。) */
  /* (its digits, up to 3, counted once for the table row and row_fields) */
  /* (the line's facts, line_facts, above: a row needs white space between its fields; with two
   * digits it needs cells, which hold no ， nor 。, and three numbers need three digits) */
  size_t digits = lx.digits;
  bool table = mdrow ||
               (!piece && !l->blank &&
               ((lx.space && !(digits < 3 && lx.stop) &&
                 qg_text_is_table_row_digits(l->text.ptr, l->text.len, digits)) ||
                (ps->mode != QG_PARA_LINE && !ends_full_stop(l) &&
                 qg_text_is_padded_row(l->text.ptr, l->text.len))));
  /* (a figure's or table's caption too: 图1 模型结构示意图, between the halves of a cut) */
  /* (only where the line before ends a clause, the cut the caption was dropped into
   * (…如图1所示， | 图1 … | 主要由…), or ends a sentence and the caption line ends well short
   * of the wrap width: a wrapped line that opens with 图 2 中… / 表 1 列出了… after a line cut
   * inside a clause (详见 | 图 2 中… | 。…) or at full width continues its sentence;
   * review 11 C1) */
  if (!piece && !table && l->text.len >= 8 &&
      ((unsigned char)l->text.ptr[0] == 0xE5 || (unsigned char)l->text.ptr[0] == 0xE8 ||
       l->text.ptr[0] == 'F' || l->text.ptr[0] == 'T') &&
      ps->mode != QG_PARA_LINE && caption_after(ps, l) && caption_line(l))
    table = true;
  /* (a news photo's caption starts a paragraph; its wrapped lines join it: review 12b S5) */
  bool photo = !piece && !table && ((unsigned char)l->text.ptr[0] | 1) == 0xE5 &&
               photo_caption_line(ps, l);
  /* (and a line that ends with a photo credit, under a line that is no caption's: credit_line,
   * session 27; the line after it starts a paragraph, prev_credit) */
  bool credit_alone = false, credit_glue = false;
  bool credit = !piece && !l->blank && !table && ps->mode == QG_PARA_WRAPPED &&
                credit_line(ps, l, &credit_alone);
  /* (not the last line of a caption, cur opened with 图为… or is a line alone: a caption of two
   * lines, …在新安江水库检查大坝安全，身后是 | 刚加固的海塘。（资料图片）; a line alone that opened
   * indented is body text, as a caption is not: 　　老葛的腊八粥讲究八宝，…小米、 | 老葛在灶台前
   * 搅粥，锅里是腊八粥。 邵雨桐 摄, s27-probe) */
  /* (review 27a: cur is body text, the paragraph the caption was dropped into, only where it
   * opened indented, or where the credit line opens with a caption's cue, 图为…; a block of
   * lines that opened unindented is the caption's own wrapped lines, 2019年拍摄的…， | 街道两侧
   * 多为上世纪建成的 | 低矮平房。（资料图片）: split, its first lines were joined to the next
   * paragraph. Nor a credit alone whose start the column cut, …长势良好。本 | 报记者 钱程 摄: the
   * caption's wrapped last line) */
  if (credit && ps->cur && !ps->cur_photo &&
      (ps->cur->end_line > ps->cur->line || is_indented(ps->cur)) &&
      (is_indented(ps->cur) || photo_cue(l)) &&
      !(credit_alone && credit_cut_above(ps->cur))) {
    photo = true;
    /* (a paragraph that opened indented whose last line, unindented, was joined under a full
     * line that ended a sentence: that line opened the caption, 　　…三百四十余处。 | 12月1日，…在
     * 城东换热站 | 检查设备运行情况。本报记者 杨帆 摄: taken back, the credit line joins it;
     * review 27a) */
    if (!photo_cue(l) && ps->join_ok && ps->join_stop && ps->join_line + 1 == l->line &&
        ps->cur->line < ps->join_line && !ps->nhead) {
      if (ps->due && ps->due_line == ps->join_line) ps->due = 0; /* (the join taken back) */
      if ((rc = split_last(ps))) {
        qg_block_release(ps->base.ctx, l);
        return rc;
      }
      photo = false, credit_glue = true;
      ps->cur_photo = true;
    }
  }
  /* rows of a list set in columns (row_fields): the second row on shows the first was one.
   * A row starts a paragraph; the line after it joins it when the row was cut at the column
   * (a wrapped row's tail, 南风3 | 级: review 11 C3), unlike a table row's */
  bool row = false;
  bool whole_row = false; /* …and ends as its partner does (row_whole) */
  bool run_row = false;   /* …found by the run of rows above a heading (own_line: no title) */
  /* (the line before was one; not when this line is one or two characters alone, the tail
   * of a row cut after a Han character, 梁靖崑 3:4 张本智 | 和: review 29a M2) */
  const bool after_row = !piece && !l->blank && ps->row_whole && !row_tail(l);
  bool partner = false; /* the line before is this row's partner (a row or a table's header) */
  bool head_back = false; /* …a header of words joined to the prose over it (spaced_cells) */
  bool pair = false;    /* …found by term_line or dose_row */
  bool cell_head = false; /* …found by cell_row under a table's header of words */
  bool cell_rows = false; /* …found by cell_row (a row of data under a row or a header) */
  bool jue_pair = false; /* the line before and this are lines of verse (qg_para_jue_shape) */
  bool seq = false;       /* the line before and this open with numbers in sequence */
  bool jue_head = false;  /* …and the one before them was none */
  if (!piece) {
    int first = 0;
    uint32_t ends[2] = {0, 0};
    unsigned shape = 0;
    bool data = false;
    int fields = l->blank || ps->mode == QG_PARA_LINE || lx.stop || !lx.space
                     ? 0
                     : row_fields(l, digits, &first, ends, &shape, &data);
    /* (three or more fields: the rows of one list hold figures in the same fields, 周一 晴
     * 12℃… 北风2级; a title line over a dateline's first line, 起售价 4499 元 | 本报讯 小米公司
     * 10, do not (review 11 C2). Two fields, as a contents list has (its headlines may hold a
     * figure or not), are weak evidence: the labels, or the last fields, begin alike too:
     * 第2版 … | 第3版 …, 要闻 第1版 | 经济 第3版) */
    /* (rows of data, three fields or more, with figures in the same fields: their labels may
     * differ in length, 北京 晴 -8～3℃ | 哈尔滨 大雪 -21～-12℃, 贵州茅台 … | 五粮液 …; probe 17
     * P4) */
    if (fields && fields == ps->prev_fields &&
        (first == ps->prev_first || (fields >= 3 && data && ps->prev_data)) &&
        (fields >= 3 ? shape == ps->prev_shape : (shape & 1) == (ps->prev_shape & 1)) &&
        (fields >= 3 || ends[0] == ps->prev_ends[0] || ends[1] == ps->prev_ends[1]))
      row = true;
    /* (the first row of data under a table's header: three fields or more of words without a
     * figure, as many as the row has, 城市 天气 气温 | 东湖 小雪 -5～2℃, 车次 始发站 … | G1502 …;
     * probe 17 P4) */
    bool header = ps->prev_fields >= 3 && !ps->prev_shape && (!fields || fields == ps->prev_fields);
    if (fields >= 3 && data && header && shape) row = true;
    partner = row || (table && header);
    /* (a table's header row of words, cells apart by runs of spaces, 行业    增加值增速（%）    占比（%）,
     * joined under a prose line that ended a sentence, …加快0.3个百分点。: the table's first row
     * of figures under it shows it a row, taken back as a line of its own; probe 42 M2) */
    head_back = table && header && !ps->prev_shape && ps->join_stop && spaced_cells(ps->cur, ps->join_len);
    /* (a row of data in the shape of the run of rows one line above it, under a heading
     * between them: 王楚钦 4:2 莫雷加德 | 梁靖崑 3:4 张本智和 | 女单决赛 | 孙颖莎 4:1 王曼昱, whose
     * last row the blank layout glued to the heading; session 29, the lead) */
    if (!row && fields >= 3 && data && ps->run_gap == 1 && fields == ps->run_fields &&
        shape == ps->run_shape)
      row = run_row = true;
    /* (a row that ends as the row before it did was not cut at the column, 南风3 | 级 was: the
     * line after it, 女单决赛, starts a paragraph; review 11 C3's tail still joins) */
    whole_row = row && last_class(qg_block_last_char(l)) == last_class(ps->prev_last);
    if (row && fields >= 3 && data) ps->run_fields = fields, ps->run_shape = shape, ps->run_gap = 0;
    else if (!l->blank && ps->run_gap < 2 && !(ps->row_whole && row_tail(l)))
      ps->run_gap++; /* (blank lines aside: clean's own output reads the same; and a row's
                      * tail, which joins the row) */
    /* (a draw's results, a label and figures: 福彩3D第2026318期：5 8 2 | 排列3第26318期：1 0 7;
     * probe 17 P4) */
    bool lf = !l->blank && ps->mode != QG_PARA_LINE && l->text.len <= QG_PARA_HEAD_BYTES &&
              qg_text_label_figures(l->text.ptr, l->text.len);
    if (lf && ps->prev_lf) row = partner = true;
    ps->prev_lf = lf;
    ps->prev_data = data;
    /* (cells split by TABs: two short lines in a row with the same two or more TABs inside
     * them are rows, a header row too, 频道	时间	节目 | CCTV-1	19:00	新闻联播; probe 12b B12;
     * or one TAB between short cells, 项目	金额 | 办公	3400. The first is the row's partner:
     * under a heading line it is the table's header, a line of its own, not the heading's
     * last line, 支出情况 | 项目	数量	金额 | 办公	12	3400; session 19) */
    int tabs = l->blank || ps->mode == QG_PARA_LINE || l->text.len > QG_PARA_HEAD_BYTES
                   ? 0
                   : qg_text_tab_cells(l->text.ptr, l->text.len);
    if (tabs >= 1 && tabs == ps->prev_tabs) row = partner = true;
    ps->prev_tabs = tabs;
    /* (cells split by bars likewise: 项目︱数量︱单价 | 苹果︱3斤︱5元, which were glued with nothing
     * between, the first row also under a heading line, 今日菜价 | 项目︱数量︱单价; the stop note
     * of session 17) */
    int bars = l->blank || ps->mode == QG_PARA_LINE ? 0 : qg_text_bar_cells(l->text.ptr, l->text.len);
    if (bars >= 2 && bars == ps->prev_bars) row = partner = true;
    ps->prev_bars = bars;
    /* (a glossary's terms and translations, 算法 algorithm | 数据结构 data structure, and a
     * prescription's rows of doses, 党参15g　白术12g　茯苓15g | 陈皮9g　半夏9g　砂仁6g: rows, which
     * the blank layout glued with nothing between, algorithm数据结构, 15g陈皮; probe 20 H1) */
    /* (also across a blank line, for own_line: the rows as clean writes them, a blank line
     * between, are found again) */
    if (!l->blank) {
      bool term = ps->mode != QG_PARA_LINE && term_line(l);
      bool dose = ps->mode != QG_PARA_LINE && digits >= 3 && !lx.stop && lx.space &&
                  dose_row(l); /* (a digit a field) */
      /* (a data box's rows, 转变温度 Tc = 96 K | 临界磁场 Hc2 ≈ 45 T: quantity_row, probe 25 M2; a
       * term's row among them, Tc = 96 K being ASCII, counts as one) */
      bool qty = ps->mode != QG_PARA_LINE && digits && (unsigned char)l->text.ptr[0] - 0xE4u <= 5u &&
                 quantity_row(l);
      /* (and two rows in a row of cells set apart by runs of ASCII spaces, in the blank layout:
       * a table's header and its first row, 行业        营收(亿元)   同比(%) | 汽车制造     812.5
       * 15.6; the header was joined to the table's title over it, 表1 …营收情况行业…; probe 25 M1.
       * One such line alone is garbled copy as often: it goes on as before) */
      bool spaced = ps->mode == QG_PARA_BLANK && !lx.stop && lx.space && spaced_row(l);
      /* (and two rows of a table of data in a row, or its header of words and its first row,
       * each with cells and a figure, cell_row: 上海　小雨　8～14℃　东北风3-4级 | 广州　阵雨　18～25℃
       * 微风, 赞成 471票 | 反对 6票. The blank layout glued them into one paragraph, and repair the
       * last to the sentence under the blank line, silently; probe 44 H1. A line of its own,
       * own_line, which repair joins nothing to and the structure stage reads as body text) */
      unsigned cells = 0;
      /* (in the line layout too, for own_line: the rows were a headline group's kickers and
       * title, 100美元　710.96元人民币 | 100欧元　768.42元人民币; probe 44 M3) */
      int cr = lx.stop || !lx.space ? 0
               : digits ? cell_row(l, digits, &cells)
               : (unsigned char)l->text.ptr[0] >= 0xE3 ? cell_row(l, 0, &cells)
                                                       : 0;
      bool cell_pair = (cr == 2 && (ps->prev_cell == 2 || (ps->prev_cell == 1 && cells == ps->prev_cells))) ||
                       (cr == 3 && ps->prev_cell == 3 && qg_block_last_char(l) == ps->prev_last);
      /* (the header is a line of its own but no own_line: the structure stage reads it with
       * the table's rows, and dedup leaves its repeat over a second table alone) */
      cell_head = cell_pair && ps->prev_cell == 1;
      cell_rows = cell_pair;
      if ((term && ps->prev_term) || (dose && ps->prev_dose) || (spaced && ps->prev_spaced) ||
          ((qty || term) && (ps->prev_qty || ps->prev_term) && (qty || ps->prev_qty)) || cell_pair)
        row = partner = pair = true;
      /* (a row that ends as the row before it did was not cut at the column: the line after it
       * starts a paragraph, whole_row's rule) */
      if (cell_pair && !whole_row)
        whole_row = last_class(qg_block_last_char(l)) == last_class(ps->prev_last);
      ps->prev_cell = cr;
      ps->prev_cells = cells;
      /* (alone: cells apart by an ideographic space, as a table typed in Chinese is set; a
       * garbled line with two ASCII spaces is no such row, nor a folio) */
      if (cr == 2 && ideo_space(l) &&
          !line_folio(ps, l))
        ps->cell_one = l->line;
      ps->prev_term = term;
      ps->prev_dose = dose;
      ps->prev_qty = qty;
      ps->prev_spaced = spaced;
    }
    ps->prev_fields = fields;
    ps->prev_first = first;
    ps->prev_shape = shape;
    memcpy(ps->prev_ends, ends, sizeof ends);
  }
  /* a subtitle's time code and the lines of its cue are lines of their own in every layout
   * (probe 11a F6: 05,200主持人：…), the text of a cue ends at a blank line */
  bool cue = false, timing = false;
  if (!piece) {
    if (l->blank) ps->in_cue = false;
    else if (l->text.len && (unsigned)(l->text.ptr[0] - '0') < 10u && timecode_line(l))
      cue = ps->in_cue = timing = true;
    else cue = ps->in_cue;
    /* (a WebVTT file's header, WEBVTT or WEBVTT - 字幕 as the document's first line, and the
     * lines under it up to a blank line, Kind: captions | Language: zh, are lines of their own:
     * the header was the title, its metadata joined to it, WEBVTT Kind: captions Language: zh;
     * so are a NOTE, STYLE or REGION block's lines in such a file; session 23) */
    if (l->blank) {
      if (ps->vtt >= 2) ps->vtt = 1;
    } else if (!ps->nb_seen) {
      if (l->text.len >= 6 && l->text.ptr[0] != ' ' && qg_text_vtt_header(l->text.ptr, l->text.len))
        ps->vtt = 2;
    } else if (ps->vtt == 1 && ps->after_blank && !cue && l->text.len >= 4 &&
               qg_text_vtt_block(l->text.ptr, l->text.len)) {
      ps->vtt = 3;
    }
    if (ps->vtt >= 2 && !l->blank) cue = true;
  }
  /* a songbook's line of numbered notes (1 2 3 5 | 6 5 3 - |) and the lines of lyrics under it
   * with their syllables set apart to stand under the notes (我 爱 北 京 天 安 门): lines of
   * their own in every layout, own_line as a cue's (the lyrics were joined, …天安门，天安门…, and
   * their spaces removed by the punct stage, which leaves an own_line's lyrics alone); the line
   * after them starts a paragraph (session 24) */
  bool after_score = false;
  if (!piece && !l->blank) {
    after_score = ps->prev_score != 0;
    int score = 0;
    /* (the first byte first: most lines open with Han, which no line of notes does) */
    unsigned char b0 = l->text.len ? (unsigned char)l->text.ptr[0] : 0;
    if (b0 == ' ' || b0 == '\t' || b0 == 0xE3) { /* (past an indent: ASCII white space, U+3000) */
      size_t i0 = indent_bytes(l->text.ptr, l->text.len);
      b0 = i0 < l->text.len ? (unsigned char)l->text.ptr[i0] : 0;
    }
    if (((unsigned)b0 - (unsigned)'0' < 8u || b0 == '|' || b0 == '(') &&
        qg_text_score_line(l->text.ptr, l->text.len))
      score = 1;
    else if (ps->prev_score && qg_text_sung_line(l->text.ptr, l->text.len))
      score = 2;
    if (score) cue = true;
    ps->prev_score = score;
  } /* (a blank line between keeps it: clean writes the lines so) */
  /* a numbered point one per line (一、 （一） 1. ①) starts a paragraph unless the line
   * before shows a cut in a sentence */
  bool list = false;
  uint32_t lead_c = 0; /* (the line's first character past white space: the issuer's test below) */
  uint32_t letter = 0; /* (its letter label, letter_label, when it opens with one) */
  bool letter_item = false; /* (…and it starts a point) */
  bool opt_rest = false; /* (an option's wrapped rest that opens with a figure, A.…约为 | 3×10⁸ m/s) */
  uint32_t num_seq = 0; /* (the number of a line that opens with the next number after the line
                         * above's and a figure, 11.毫米 | 12.20；12: num_figure) */
  if (!piece && !l->blank && ps->mode != QG_PARA_LINE) {
    /* the tests below look at the line's first character: most lines open with a Han
     * character that is no numeral, and only the label and verse tests apply to them */
    uint32_t c0 = 0;
    for (size_t i = 0; i < l->text.len;)
      if (!qg_cp_is_space(c0 = qg_utf8_next(l->text.ptr, l->text.len, &i))) break;
    lead_c = c0;
    bool han = qg_cp_is_han(c0), marker = !han || han_numeral(c0);
    int label = han && label_colon_near(l) ? opens_label(l) : 0;
    if (!label && han && l->text.len >= 8 && (unsigned char)l->text.ptr[3] >= 0xE2) label = chat_label(l);
    /* (a reviewer's masked name, 用户j***a：…, 138****0000：…, is a label: probe 22 H10) */
    bool masked = false;
    if (!label && l->text.len >= 6 && lx.rare && memchr(l->text.ptr + 1, '*', l->text.len < 25 ? l->text.len - 1 : 24) &&
        (han || (c0 < 0x80 && ((c0 | 0x20) - (uint32_t)'a' < 26 || c0 - (uint32_t)'0' < 10))))
      masked = (label = qg_text_speaker(l->text.ptr, l->text.len, NULL)) != 0;
    /* (a question's and an answer's labels, Q: | A:, also in Markdown's bold: probe 22 M5) */
    int qa = !han ? qa_label(l) : 0;
    /* (the number of an item of a sequence: 1.1 …, 2．…, 第二条　…; line_number) */
    int nkind = 0;
    uint32_t num = c0 - '0' < 10u || c0 == 0x7B2C /*第*/ ? line_number(l, &nkind) : 0;
    uint32_t verse = verse_shape(l);
    uint32_t jue = han ? qg_para_jue_shape(l) : 0;
    bool clock = (c0 - '0' < 10u || c0 - 0xFF10 < 10u) && opens_clock(l); /* (１９：００: probe 17 P5) */
    uint32_t sec = c0 - '0' < 10u ? section_num(l) : 0;
    int alone = han ? alone_line(l) : ALONE_NONE;
    int capnum = han ? caption_number(l) : 0;
    bool alone_apart = alone != ALONE_NONE; /* (and it stands apart: the line after starts one) */
    bool dated = marker && date_line(l); /* (a date alone: date_line) */
    /* (a date or clock time that the digits ending the line above cannot start: digits_apart,
     * probe 25 H1) */
    bool apart = ps->prev_nd && qg_cp_digit(c0) >= 0 &&
                 digits_apart(ps->prev_nd, ps->prev_nv, ps->prev_frac, l, clock);
    if (ps->prev_last) {
      int ol = marker ? opens_list(l) : 0;
      /* (an option that is a figure, A.18.5 cm, under a question's stem or the option before:
       * fig_option; opens_list takes a letter before a figure for no point, session 48) */
      if (!ol && c0 < 0x80 && (ps->prev_letter || ps->prev_num || ps->stem_open) &&
          (ps->mode == QG_PARA_BLANK || ps->mode == QG_PARA_WRAPPED) && fig_option(l))
        ol = 3;
      bool soft = list_starts(ps->prev_last); /* no cut in a sentence before it */
      /* (a circled numeral and a clock time never go on from a figure before them) */
      bool hard = soft || (ps->prev_last < 0x80 && ps->prev_last - '0' < 10u) ||
                  (ps->prev_last < 0x80 && (ps->prev_last | 0x20) - 'a' < 26u);
      bool clause = ps->prev_last == 0xFF1B || ps->prev_last == ';';
      alone_apart = alone && (alone == ALONE_SECRET || alone == ALONE_URGENT ? hard : soft);
      /* a document number or an 印发 line under a sentence's or a title's end only (…的通知 |
       * 国发〔2024〕12号, 抄送：…。 | …印发): a narrow column's wrapped line that happens to read
       * as one (…将认真 | 落实国发〔2024〕12号 | 文件精神，…) goes on (review 12b S1) */
      if (alone_apart && (alone == ALONE_DOCNUM || alone == ALONE_ISSUED))
        alone_apart = (wide_stop(ps->prev_last) || genre_end(ps->prev_last)) &&
                      !(ps->mode == QG_PARA_WRAPPED && ps->wrap_width && line_full(ps, l));
      jue_pair = jue && jue == ps->prev_jue;
      jue_head = jue_pair && !ps->prev2_jue; /* (the line above the verse: its title) */
      /* (in the blank layout a letter label after the line that opened with the letter before,
       * or under that line's wrapped rest, A.…50 g | B.…20 m, starts a point whatever that line
       * ends with: an exam's options one a line, which were glued into one paragraph and their
       * B. C. D. made B。 C。 D。 (probe 47 H4); the line layout keeps them apart already) */
      if (ol == 3) letter = letter_label(l);
      /* (and an A. under a numbered question's stem, 1.下列估测最接近实际的是 | A.…50 g, whose
       * stem ends with no mark: the options were glued to it and B. C. D. made B。 C。 D。;
       * review 47 H3) */
      /* (and the wrapped layout, an auto-detected page's, keeps the sequence: C.…10 m/s, the
       * widest line, | D.… was joined as its wrapped rest; review 47 H3b. Not the stem's A.
       * there: a numbered paragraph's line may open with one) */
      /* (session 48: also under a stem of two lines, 5.小华…，下列 | 记录中合理的是, stem_open; and
       * in the wrapped layout under a stem that ends as a question does, 是 ？ ： （　　）, stem_end) */
      bool letter_next =
          letter && (ps->mode == QG_PARA_BLANK || ps->mode == QG_PARA_WRAPPED) &&
          (ps->prev_letter ? letter == ps->prev_letter + 1
                           : (letter & 0xFF) == 'A' && (ps->prev_num || ps->stem_open) &&
                                 (ps->mode == QG_PARA_BLANK || ps->prev_qend));
      bool item = (ol == 1 && soft) || (ol == 2 && hard) ||
                  (ol == 3 && (item_starts(ps->prev_last) || letter_next));
      letter_item = letter && (item || ps->after_blank);
      /* lines that are not wrapped stay lines (probe 22 H6, H9, H10, H11, H17; session 20's
       * reasoning: what the lines show decides):
       *  - the next number of a sequence after the line before's (1. 项目背景 | 1.1 市场需求, 1.2
       *    研究意义 | 第2章 相关工作, 第三条 付款 | 3.1 乙方…, 2．-5的… | 3．-3的…), unless that
       *    line shows a cut inside a sentence (，、 or an opening bracket or quotation mark);
       *    a line so numbered that was joined to the line above it is taken apart again
       *    (二、填空题（每小题4分） | 2．-5的…, split_last below);
       *  - after a sentence's end (。！？), an item's number with any text after it (2．-5…,
       *    1．Python…), an article's or chapter's label and white space (第二条　租赁期限), a
       *    label and a colon of up to four characters (联系人：, 抄送：) or a masked name
       *    (用户j***a：), a note (注1：, ※ …); after a colon, a label too (17时发布： | 今天夜间：);
       *    not a speaker's words in quotation marks (他说：“…), nor under a full line of the
       *    wrapped layout (a sentence may open a line of a wrapped paragraph so) */
      uint32_t pl = ps->prev_last;
      bool cut = pl == 0xFF0C || pl == 0x3001 || pl == ',' || pl == 0xFF08 || pl == '(' ||
                 pl == 0x300A || pl == 0x201C || pl == 0x300C || pl == 0x3010;
      seq = num && !cut && section_follows(ps->prev_num, num);
      /* (and the next question's number under the options of the one before, …D.…17 cm |
       * 2.下列…, which were joined where the option ended with a letter or a figure: q_num,
       * session 48) */
      if (num && !seq && !cut && ps->prev_letter && ps->q_num && section_follows(ps->q_num, num))
        seq = true;
      /* (in the blank layout, the next number after the line above's item number and a figure
       * after its point, 11.毫米 | 12.20；12: an answer key's lines; a decimal is read only
       * where the number does not follow, or under a line of more than QG_PARA_SEC_HEAD
       * characters, which may be an item's first line cut before its figure, 11.小明测得课本的宽度为
       * | 12.50 cm，…; probe 47 M3) */
      if (!num && !cut && ps->mode == QG_PARA_BLANK && ps->prev_num && (ps->prev_num & 0xFF) == 1 &&
          ps->prev_short && line_chars(ps->prev_short) <= QG_PARA_SEC_HEAD &&
          c0 - '0' < 10u && (num_seq = num_figure(l)) != 0 && section_follows(ps->prev_num, num_seq))
        seq = true;
      else
        num_seq = 0;
      bool stop = zstop != 0;
      if (seq || (qa == 'A' && ps->prev_qa == 'Q') || (qa == 'Q' && ps->prev_qa == 'A' && stop) ||
          (stop && ((num && nkind >= 2) || c0 == 0x203B /*※*/ || note_label(l))) ||
          /* (a contact's label of five or six characters too, 清算组联系人:…, when the line is a
           * contact line: qg_text_contact_line; probe 25 M3) */
          ((stop || pl == 0xFF1A || pl == ':') && label &&
           (label <= 4 || masked || qg_text_contact_line(l->text.ptr, l->text.len)) &&
           !label_quote(l) && !particle_lead(l, c0) &&
           !(ps->mode == QG_PARA_WRAPPED && ps->cur && full_by(ps, ps->last_width, ps->last_fx, ps->last_lead))) ||
          /* (and a contact line whose fields white space parts, 联系人：刘建 电话：…, under a line
           * that ends with no cut inside a sentence, a Han character among them: joined into the
           * text, the space between the name and the next label went as a space between Han
           * characters in body text, 刘建电话, punct-han-space; session 26) */
          (label && !cut && pl != 0xFF1B && pl != ';' && has_space(l) &&
           qg_text_contact_line(l->text.ptr, l->text.len) &&
           !(ps->mode == QG_PARA_WRAPPED && ps->cur && full_by(ps, ps->last_width, ps->last_fx, ps->last_lead))))
        item = true;
      if (ol && !item) l->lead = QG_LEAD_REST; /* (its join is reported: add_line) */
      list = item || apart ||
             ((marker || c0 == 0x9996 /*首*/ || c0 == 0x5176 /*其*/) &&
              opens_shi(l, ps->prev_last)) ||
             /* a schedule's entry after another, or after a short line without white space
              * (CCTV-1综合 | 12:00 新闻30分), not a wrapped line's end (…返回 | 16:21 …) */
             (soft && !clause && clock &&
              (ps->prev_clock || (ps->prev_short && !has_space(ps->prev_short)))) ||
             /* two lines in a row led by a label (上联：… | 下联：…), or of one verse's shape
              * (probe 10a F7) */
             /* (after a figure too when the label is a word: 电话：010-12345678 | 传真：…,
              * probe 11a F5; 2024年12 | 月：… is a number cut) */
             (label && ps->prev_label && (soft || (hard && label >= 2)) && !clause) ||
             (verse && verse == ps->prev_verse) ||
             /* (or lines of classical verse one 句 to a line, 山外青山楼外楼， | 西湖歌舞几时休？,
              * in the blank layout: probe 20 H2) */
             jue_pair ||
             /* (and the date a poem is signed with under a line of classical verse, 一江烟水正溶溶。
              * | 二〇二三年十月: verse_date, session 42) */
             (ps->prev_jue && verse_date(l)) ||
             (dated && soft && !clause) ||
             /* (and the line under a date alone, 2024年3月5日 | 附：…, unless that was a full
              * line of the wrapped layout: probe 22 H9) */
             (ps->prev_date &&
              !(ps->mode == QG_PARA_WRAPPED && ps->cur && full_by(ps, ps->last_width, ps->last_fx, ps->last_lead))) ||
             /* a section or step number and white space (1 五花肉切块焯水, 1.2 本公司…):
              * the next number after the line before (2 after 1, 1.2 after 1.1), or the
              * first (1, 1.1) after a line that ends a clause or a sentence (做法：| 1 …) */
             /* (after a sentence's end, 。！？, only a line without a clause mark that is no
              * wrapped line under a full one: 1 至 10 月，全市… after …良好态势。 goes on,
              * the copy's indents show its paragraphs; review 11 C4) */
             (sec && soft &&
              (section_follows(ps->prev_sec, sec) ||
               ((((sec >> 24) == 1 && (sec & 0xFFFF00) == 0) ||
                 ((sec & 0xFF) == 2 && (sec >> 16) == ((sec >> 24) << 8 | 1))) &&
                wide_stop(ps->prev_last) &&
                (ps->prev_last == 0xFF1A || ps->prev_last == 0xFF1B || ps->prev_last == ':' ||
                 ps->prev_last == ';' ||
                 (!any_mark(l) &&
                  !(ps->mode == QG_PARA_WRAPPED && ps->cur &&
                    full_by(ps, ps->last_width, ps->last_fx, ps->last_lead))))))) ||
             /* a notice's closing formula (特此公告。) after its last item, and the line
              * after it, the signature (probe 11a F21, F13) */
             (c0 == 0x7279 /*特*/ && soft && closing_line(l)) || ps->prev_closing ||
             /* (the line under a form's row of fields, 黑方：…　白方：… | 黑贴…: probe 20) */
             ps->prev_form ||
             /* a line of its own by convention (000123 | 机密★1年 | 特急, …的通知 |
              * 国发〔2024〕12号, 此致 | 敬礼！, 抄送：…。 | 国务院办公厅 2024年1月16日印发), and the
              * line after it (probe 12b B3, B6, B11, B23) */
             alone_apart || ps->prev_alone ||
             /* a line of dialogue led by a dash after a sentence's end, in the blank layout
              * (——你到底想要什么？ | ——我想回家。, probe 12b B10): a new turn; a wrapped
              * line is judged by its width */
             /* (under a turn or a short line: narration wrapped before a dash, …她知道他来了。 |
              * ——这是…, goes on; review 12b S7) */
             (ps->mode == QG_PARA_BLANK && c0 == 0x2014 && dash_led(l) &&
              (ps->prev_last == 0x3002 || ps->prev_last == 0xFF01 || ps->prev_last == 0xFF1F) &&
              (ps->prev_dash || ps->prev_short)) ||
             /* a quotation of several paragraphs, each opening with “ and only the last
              * closing it (GB/T 15834 4.1.3.4: “第一，不许哭。 | “第二，不许回头。), in the
              * blank layout: a line that opened the quotation and ended a sentence without
              * closing it is a paragraph of it (probe 12b B10, fic3) */
             (ps->mode == QG_PARA_BLANK && c0 == 0x201C && ps->prev_quote) ||
             /* the numbered captions of a photo group one per line (图① … | 图② …, 图1：… |
              * 图2：…; 图① after a sentence's end): a caption each (probe 17 P15) */
             (capnum && soft && !clause &&
              (ps->prev_capnum || (capnum == 2 && (ps->prev_last == 0x3002 ||
                                                   ps->prev_last == 0xFF01 ||
                                                   ps->prev_last == 0xFF1F ||
                                                   ps->prev_last == '.'))));
    }
    ps->prev_capnum = capnum;
    ps->prev_dash = c0 == 0x2014 && dash_led(l);
    ps->prev_quote = false;
    if (c0 == 0x201C) {
      uint32_t z = qg_block_last_char(l);
      ps->prev_quote = (z == 0x3002 || z == 0xFF01 || z == 0xFF1F) && !closes_quote(l);
    }
    /* two lines of program code in a row (qg_text_code_line: x = 1 | y = 2 | print(x + y)), or
     * one under a line that ends with a colon (代码如下： | x = 1), are lines of their own: a
     * tutorial's code was one paragraph, x = 1 y = 2 print(x + y), silently (session 21's
     * leftover). A line that ends inside a link (…?id=12 | 34) goes on as before. */
    /* (ASCII only: its first and last bytes first) */
    bool code = c0 && c0 < 0x80 && (unsigned char)l->text.ptr[l->text.len - 1] < 0x80 &&
                qg_text_code_line(l->text.ptr, l->text.len, lead_ws(l));
    if (code && (ps->prev_code || ps->prev_last == 0xFF1A || ps->prev_last == ':')) list = true;
    ps->prev_code = code && !qg_join_link_tail(l->text.ptr, l->text.len);
    ps->prev_closing = c0 == 0x7279 && closing_line(l);
    ps->prev_form = label && form_row(l);
    /* (a 主送机关 line, in the blank layout: 各区人民政府，市政府各委、办、局，各市属机构： | 为进一步…;
     * the last bytes first, ： or :) */
    ps->prev_alone = alone_apart ||
                     (ps->mode == QG_PARA_BLANK && l->text.len >= 12 && !ind &&
                      (l->text.ptr[l->text.len - 1] == ':' ||
                       !memcmp(l->text.ptr + l->text.len - 3, "\xEF\xBC\x9A", 3)) &&
                      qg_para_addressee(l->text.ptr, l->text.len));
    ps->prev_sec = sec;
    ps->prev_num = num ? num : num_seq;
    /* (a lettered point's letter is kept under its wrapped lines, which open with no mark, or
     * with a figure and no list's mark, A.…约为 | 3×10⁸ m/s: session 48) */
    /* (an exam's question: its number kept over its stem's rest and its options and their
     * rest, q_num; its stem's wrapped rest, stem_open; how it ends, stem_end. All stay 0 over
     * lines with no number and no letter label, most lines: asked only after one) */
    if (num || letter || ps->prev_letter || ps->q_num || ps->stem_open) {
      opt_rest = ps->prev_letter && !num && (c0 - '0' < 10u || c0 - 0xFF10 < 10u) && !sec &&
                 !clock && !dated && !opens_list(l);
      bool opt = letter_item || opt_rest || (ps->prev_letter && !marker && !letter);
      ps->prev_letter = letter_item ? letter : letter || (marker && !opt_rest) || num ? 0 : ps->prev_letter;
      bool rest = !num && !marker && !letter && ps->stem_open && ps->stem_rest < 2;
      ps->q_num = num ? num : opt || rest ? ps->q_num : 0;
      ps->stem_rest = num ? 0 : rest ? ps->stem_rest + 1 : 0;
      ps->stem_open = num || rest;
      ps->prev_qend = ps->stem_open && stem_end(l);
    }
    ps->prev_date = dated;
    ps->prev_qa = qa;
    ps->prev_label = label;
    ps->prev_verse = verse;
    ps->prev2_jue = ps->prev_jue;
    ps->prev_jue = jue;
    ps->prev_clock = clock;
    /* the line itself is kept while short (its white space is looked at only before a clock
     * line), as a copy: l goes back to the pool */
    ps->prev_short = NULL;
    if (l->text.len <= QG_PARA_SHORT) {
      memcpy(ps->short_text, l->text.ptr, l->text.len);
      ps->short_line.text.ptr = ps->short_text;
      ps->short_line.text.len = l->text.len;
      ps->prev_short = &ps->short_line;
    }
  } else if (!piece && !l->blank) {
    /* (the line layout: every line is a paragraph already, but two lines of classical verse in
     * a row are marked own_line as above, so that repair does not join them at their commas,
     * 月落乌啼霜满天， | 江枫渔火对愁眠。; session 27, probe 26 M5) */
    uint32_t jue = (unsigned char)l->text.ptr[0] >= 0xE3 ? qg_para_jue_shape(l) : 0;
    jue_pair = jue && jue == ps->prev_jue;
    ps->prev2_jue = ps->prev_jue;
    ps->prev_jue = jue;
  }
  if (!l->blank) {
    uint32_t c = last_char(l);
    if (c || !piece) {
      ps->prev_last = c;
      ps->prev_nd = 0;
      if (qg_cp_digit(c) >= 0) tail_digits(l, &ps->prev_nd, &ps->prev_nv, &ps->prev_frac);
      /* (most lines end with 。, a Han character or ，: the closers and . ! ? are looked
       * past only when the line ends with one) */
      bool closer = c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300D || c == 0x300F ||
                    c == 0x300B || c == ')' || c == '"';
      ps->prev_done = (c == 0xFF09 || c == ')') && done_line(l);
      uint32_t z = closer ? last_past_closers(l, NULL) : c;
      ps->prev_stop = z == 0x3002 || z == 0xFF01 || z == 0xFF1F || z == 0x2026 ? 2
                      : (z == '.' || z == '!' || z == '?') && ends_sentence(l)  ? 1
                                                                                : 0;
    }
  } else if (!piece) {
    ps->prev_done = false; /* (a blank line ends the paragraph itself) */
  }
  /* (the issuer of a signature over its date alone, 附件：… | 2．安全检查清单 | 国务院办公厅 |
   * 二〇二四年三月五日, was joined to the attachment's last line as its wrapped rest, silently: a
   * line of Han characters with no mark over a date alone, joined to a line above it, is taken
   * back; session 23, probe 22 M6) */
  bool issuer_back = false, date_alone = false;
  if (!piece && !l->blank && ps->mode != QG_PARA_LINE) {
    uint32_t c = lead_c; /* (decoded once, by the list's tests above) */
    if ((c - '0' < 10u || han_numeral(c) || c == 0x3007 || c == 0x96F6) && date_line(l)) {
      date_alone = true;
      /* (not when the line it was joined to ends inside a sentence, …由 | 市政府办公室: ，、
       * or an opening bracket or quotation mark at its end) */
      uint32_t z = 0;
      if (ps->cur && ps->join_len && ps->join_len <= ps->cur->text.len) {
        size_t e = ps->join_len;
        while (e && (ps->cur->text.ptr[e - 1] == ' ' || ps->cur->text.ptr[e - 1] == '\t')) e--;
        size_t p = e ? qg_utf8_prev(ps->cur->text.ptr, e) : 0;
        z = e ? qg_utf8_next(ps->cur->text.ptr, e, &p) : 0;
      }
      /* (and only under an attachment's line, 附件：1．… | 2．…, or a sentence's end: a wrapped
       * sentence's last line, …主办单位是 | 东湖市文化馆 | 2024年6月1日, goes on as before) */
      bool above = z == 0x3002 || z == 0xFF01 || z == 0xFF1F ||
                   (ps->cur && attachment_lead(ps->cur->text.ptr, ps->cur->text.len));
      issuer_back = ps->cur && ps->join_ok && ps->join_line + 1 == l->line && above &&
                    issuer_text(ps->cur->text.ptr + ps->join_len, ps->cur->text.len - ps->join_len);
    }
  }
  bool held = false;
  if (ps->heads_wait && l->blank && !piece) {
    /* (the held heading lines wait past the blank lines for the next line: heads_over) */
  } else if (ps->nhead >= 2 && l->blank && !piece && !partner && ps->mode == QG_PARA_BLANK &&
             !heading_group(ps, false)) {
    ps->heads_wait = true;
  } else if (ps->nhead && (l->blank || piece || table || row)) { /* the held lines end here */
    /* (the last of them, the line before, is the table's first row or its header: a line of its
     * own, not the last line of the heading lines above it, 比赛结果 | 南湖队 1:1 西湖队 | 北山队
     * 0:2 滨海队, 天气预报 | 城市 天气 气温 | 东湖 小雪 -5℃ 2℃; probe 17 P4) */
    qg_block *first_row = partner && ps->nhead >= 2 ? ps->head[--ps->nhead] : NULL;
    rc = put_heads(ps, heading_group(ps, false));
    if (first_row) {
      if (!rc) rc = emit_cur(ps);
      if (!rc) rc = add_line(ps, first_row, false, false);
      qg_block_release(ps->base.ctx, first_row);
    }
  } else if ((seq || bullet_run) && ps->nhead >= 2 && ps->head[ps->nhead - 1]->line + 1 == l->line) {
    /* (the same when that line and the one above it are held as heading lines: 存在问题 |
     * ▪ 人员流动大 | ▪ 研发投入不足) */
    qg_block *first = ps->head[--ps->nhead];
    rc = put_heads(ps, heading_group(ps, false));
    if (!rc) rc = emit_cur(ps);
    if (!rc) rc = add_line(ps, first, false, false);
    qg_block_release(ps->base.ctx, first);
  } else if (date_alone && ps->nhead >= 2 && ps->head[ps->nhead - 1]->line + 1 == l->line &&
             issuer_text(ps->head[ps->nhead - 1]->text.ptr, ps->head[ps->nhead - 1]->text.len) &&
             attachment_lead(ps->head[ps->nhead - 2]->text.ptr, ps->head[ps->nhead - 2]->text.len)) {
    /* (the issuer over a date alone, held with the line above it: a line of its own too) */
    qg_block *first = ps->head[--ps->nhead];
    rc = put_heads(ps, heading_group(ps, false));
    if (!rc) rc = emit_cur(ps);
    if (!rc) rc = add_line(ps, first, false, false);
    qg_block_release(ps->base.ctx, first);
  } else if ((pair || jue_head || head_back ||
              ((seq || bullet_run || issuer_back) && ps->cur && ps->cur->line < ps->join_line)) &&
             ps->cur && ps->join_ok && ps->join_line + 1 == l->line) {
    /* (the first row was joined to the line above it, 处方： | 党参15g…: it is a line of its
     * own; so is the first line of verse under its title, 七言绝句一首 | 山外青山楼外楼，, the
     * first of a sequence of numbered lines, 填空题（每小题4分） | 2．-5…, and the first item
     * with a bullet, 存在问题 | · 人员流动大: session 22; its join is not reported) */
    if (ps->due && ps->due_line == ps->join_line) ps->due = 0;
    rc = split_last(ps);
  }
  /* (a photo item's title glued to its caption, taken back at the credit under them: photo_title) */
  if (ps->hb_line && !piece && !l->blank) {
    if (!rc && ps->mode == QG_PARA_BLANK && photo_title(ps, l, zstop)) {
      if (ps->due && ps->due_line == ps->join_line) ps->due = 0; /* (the join taken back) */
      rc = split_last(ps);
    }
    ps->hb_line = 0;
  }
  /* (a refrain, the group's short first line written again, 河水流过 | 流过村口的老桥，… |
   * 河水流过 | 流过我少年的梦。: the group's lines and the lines under it up to a blank line are
   * lines of verse; they were joined into one paragraph, silently: review 47 L3, session 49.
   * Before the pending note on the group's last join is put out: refrain_apart drops it) */
  if (!rc && ps->mode == QG_PARA_BLANK && !piece && !l->blank && !ps->refrain && ps->cur &&
      !ps->nhead && ps->grp_n >= 2 && refrain(ps, l))
    rc = refrain_apart(ps, &ps->refrain);
  if (!rc && !piece && ps->due) rc = flush_due(ps);
  /* (rows of names in the blank layout: name_row) */
  /* (a row of names holds no ASCII letter nor ASCII mark, lx.asc: name_row lets go of a line at
   * its first, and lines of running text mostly hold one) */
  int names = ps->mode == QG_PARA_BLANK && !piece && !l->blank && !table && !lx.stop && !lx.asc
                  ? name_row(l)
                  : 0;
  /* (names set apart under a blank line too, as the cleaned text sets them; a run of names only
   * under the line above it) */
  bool row_above = ps->prev_names && !ps->names_gap; /* (the row above is a line of its own too) */
  /* (…and was made one, under its heading or another row: own_line) */
  bool own_row_above = row_above && ps->own_hi && ps->own_hi == ps->prev_nb;
  /* (two names set apart under such a row are the list's last row, 赵磊　杨丽华, not a heading:
   * they were glued to the row above, and the sentence under them too: session 37) */
  if (names == 2 && own_row_above && names_pair(l)) names = 1;
  /* (a run of names, 3, or a shorter one of 11 to 14 Han characters, 5, 林海涛谢鹏…宋涛, only
   * where the segmenter reads names, run_names: review 36a min/r3 r5) */
  bool names_under = names && names != 2 &&
                     (ps->prev_names ? (names != 3 && names != 5) || !ps->names_gap
                                     : ps->prev_names_head && !ps->names_gap && names != 1 &&
                                           (names < 3 || ps->prev_names_head == 2));
  if (names_under && (names == 3 || names == 5)) {
    qg_segmenter *sg = qg_ctx_segmenter(ps->base.ctx);
    names_under = !ind && sg && (ps->names_list || run_names(ps, l)) &&
                  qg_join_word_across(sg, ps->names_text, ps->names_len, l->text.ptr, l->text.len,
                                      &ps->toks, true) == 0;
  }
  if (!piece && !l->blank) {
    /* (a run of names counts as a row above only where it stood under a heading or a row) */
    /* (and a row set apart only where it starts a paragraph: one glued to the line above it,
     * 三、优秀教师（15名） | 周敏、陈志强…, is none, and the row under it goes on as before; the
     * cleaned text, the row under a blank line, read so too: review 36a min/r4 r4b) */
    ps->prev_names = names_under || ((names == 1 || names == 4) &&
                                     (ps->names_gap || !ps->prev_nb || ind)),
    ps->prev_names_head = 0;
    /* (a run of names only under a heading set as a list's: indented, numbered or with its count
     * in brackets, 　　故乡, 二、先进个人, 市教育局（12名）; a title's line, 我市新增三条公交线路 |
     * 全市今年新建改建公园绿地一百二十处 | 本报特约记者 司马青, is none: 34a in/P236) */
    if (names == 2) ps->prev_names_head = ind || opens_list(l) || any_bracket(l) ? 2 : 1;
    ps->names_list = names == 2 ? list_head(l) : names_under && ps->names_list;
    ps->names_len = names && l->text.len <= sizeof ps->names_text ? l->text.len : 0;
    if (ps->names_len) memcpy(ps->names_text, l->text.ptr, ps->names_len);
  }
  if (!piece) ps->names_gap = l->blank;
  /* (a run of lines of their own: the line before and this one, for own_line) */
  if (!piece && !l->blank && (pair || jue_pair) && ps->prev_nb) {
    if (ps->own_hi != ps->prev_nb) ps->own_lo = cell_head ? l->line : ps->prev_nb;
    ps->own_hi = l->line;
    if (cell_rows) {
      if (ps->cell_hi != ps->prev_nb) ps->cell_lo = cell_head ? l->line : ps->prev_nb;
      ps->cell_hi = l->line;
    }
  }
  /* (a row of names under its list's heading or another row, name_row: a line of its own, which
   * repair joins nothing to, 以上同志受到通报表彰。, and the structure stage reads as body text) */
  if (!piece && names_under) {
    if (ps->own_hi != ps->prev_nb) ps->own_lo = row_above ? ps->prev_nb : l->line;
    ps->own_hi = l->line;
  }
  /* (a row under a heading between runs of rows, 女单决赛 | 孙颖莎 4:1 王曼昱: a line of its own,
   * body text for the structure stage, which took it for a title) */
  if (!piece && run_row) {
    if (ps->own_hi != ps->prev_nb) ps->own_lo = l->line;
    ps->own_hi = l->line;
  }
  /* (a line of a contents list, toc_line: a line of its own, which repair joins nothing to;
   * session 42) */
  if (toc) {
    if (ps->own_hi != ps->prev_nb) ps->own_lo = l->line;
    ps->own_hi = l->line;
  }
  /* (a subtitle's cue, its number over its time code, the time code and the cue's text, are
   * lines of their own, own_line: repair joined a WebVTT time code with its settings to the
   * text under it, and the structure stage took time codes for titles and subheads, so that
   * dedup read a cue as an article; probe 22 H12) */
  if (!piece && !l->blank && cue) {
    if (timing && ps->prev_index && ps->prev_nb + 1 == l->line) {
      if (ps->own_hi != ps->prev_nb) ps->own_lo = ps->prev_nb;
    } else if (ps->own_hi != ps->prev_nb) {
      ps->own_lo = l->line;
    }
    ps->own_hi = l->line;
  }
  if (!piece && !l->blank) {
    ps->prev_nb = l->line;
    /* (a cue's number: one to six figures alone) */
    size_t d = 0, n = l->text.len;
    while (n && (l->text.ptr[n - 1] == ' ' || l->text.ptr[n - 1] == '\t' || l->text.ptr[n - 1] == '\r')) n--;
    while (d < n && (unsigned)(l->text.ptr[d] - '0') < 10u) d++;
    /* (or, in a WebVTT file, any line after a blank line: a cue's identifier, 片头, which was
     * a byline or a kicker; session 23) */
    ps->prev_index = (d && d <= 6 && d == n) || (ps->vtt == 1 && ps->after_blank && !cue);
    ps->nb_seen = true;
  }
  if (!piece) ps->after_blank = l->blank;
  if (!piece && l->blank) ps->prev_letter = 0, ps->stem_open = ps->prev_qend = false;
  ps->above_last = piece ? 0 : zl; /* (add_line's note) */
  ps->above_stop = !piece && zstop == 2;
  ps->above_attach = false; /* (set below for a line under an attachment's title; it stayed set
                             * for every later line: false para-join notes, review 24 M3) */
  bool was_attach = ps->prev_attach;
  if (!piece) ps->prev_attach = false; /* (set again below for a line of the blank layout) */
  if (rc) {
  } else if (l->blank && !piece) {
    ps->refrain = false;
    rc = group_end(ps);
  } else if (ps->mode == QG_PARA_BLANK && !piece && !table && !row && !ps->last_table) {
    /* consecutive lines are one wrapped paragraph, unless the next opens with an ornament
     * (■ □ ● …: a byline, a list item), which no wrapped line does, or is indented */
    /* (the ornament read off the line's first character past white space, lead_c, which the
     * list's tests decoded: opens_ornament_mark's; session 50) */
    bool other = ind || bullet || ornament_cp(lead_c) || after_ps || cue || marker ||
                 after_marker || jump || after_jump || after_score || after_row || zdone;
    if (!other && ps->above_stop && tag_line(ps, l)) other = true;
    /* (a byline alone under a sentence starts a paragraph, and ends it: the text under it,
     * 落下帷幕。 | 记者　王芳 | 比赛分为…。, was glued to the name, 王芳比赛, unreported; review
     * 48b M2. A line of one to four characters under it, 摄, or one ending as a photo credit
     * does, 通讯员　李强　摄 (credit_last), may be the byline's rest and goes on as before: the
     * caption over them keeps its credit, review 48c M1) */
    bool byl = false;
    if (!other && ps->above_stop && byline_alone(ps, l)) other = byl = true;
    /* (a byline's wrapped rest right under it, names between white space, 本报记者　周明　王芳　李华
     * | 张强　刘洋: joined to the byline with a full-width space between, reported, and the line
     * under it is as the line under a byline; it was put apart (more than four characters) and
     * the text under it glued to it, 张强刘洋大桥…, silently: session 49, review 48c M2) */
    /* (only under a byline of a role and two names at least, three runs between white space:
     * a byline that short is no wrapped one, and the name under 本报记者　王芳 is the story's,
     * 李明 | 是这所学校的老师…; and one rest only, not a roster's rows one after another:
     * review 49b H2, M2) */
    bool rest = !other && ps->byline_line && ps->byline_line + 1 == l->line && ps->cur &&
                ps->cur->end_line == ps->byline_line && !ps->byline_rest &&
                qg_text_name_runs(ps->cur->text.ptr, ps->cur->text.len) >= 3 &&
                qg_text_byline_rest(l->text.ptr, l->text.len);
    if (!other && !rest && ps->byline_line && ps->byline_line + 1 == l->line && line_chars(l) > 4 &&
        !credit_last(l))
      other = true;
    ps->byline_line = byl || rest ? l->line : 0;
    ps->byline_rest = rest;
    ps->byjoin = rest;
    /* (the date a poem is signed with right under its last stanza, 在很多年以前的河边 |
     * 2019年冬，于青石镇: the stanza's lines are lines, as a blank line under them would show,
     * and the date a paragraph of its own; they were joined into one, unreported. Session 42,
     * probe 41b H3) */
    /* (three lines of verse or more over a date with a season, a month alone or a place, or
     * after a stanza held (group_end): a notice's signer over its date, 本次活动的主办单位是 | 东湖市文化馆 |
     * 2024年6月1日, goes on as before) */
    /* (a date opens with a numeral, lead_c: verse_date lets go of any other line there) */
    int vd = !other && !rc && (date_numeral(lead_c) || lead_c - 0xFF10 < 10u) ? verse_date(l) : 0;
    bool vdate = vd && (ps->held ||
                        (vd == 2 && ps->nhead + (ps->cur ? ps->grp_n : 0) >= 3));
    if (vdate && ps->nhead >= 2) rc = put_heads(ps, false); /* (its lines held as heads) */
    if (vdate && !rc && ps->cur && ps->grp_n >= 2 && ps->grp_verse && qg_cp_is_han(qg_block_last_char(ps->cur))) {
      qg_block *b = ps->cur;
      int n = ps->grp_n;
      ps->cur = NULL;
      ps->grp_n = 0;
      rc = put_held(ps, true);
      if (!rc) rc = emit_lines(ps, b, n, ps->grp_cut, ps->grp_line);
      else qg_block_release(ps->base.ctx, b);
      ps->verse_before = true;
      other = true;
    }
    /* (the page's credits under double-spaced copy that is no column's, verse or a list, 老屋前
     * 炊烟袅袅 | 编辑：张伟: the credit was glued to the last line; session 36, review 35a V1) */
    if (!other && ps->credit_line && l->line + 1 == ps->credit_line) other = true;
    if (!other && names_under) other = true;
    /* (a sentence set flush right under the last row of names, 以上同志受到通报表彰。,
     * 以上排名不分先后。: it starts a paragraph, and the row stays a line of its own; it was
     * glued to the row, the row's spaces then removed as body text's: session 37) */
    if (!other && own_row_above && !names && list_close(l)) other = true;
    /* (a line of an attachment's list under its title, attach_title, starts a paragraph; a
     * line joined under the title is reported, as a join after a sentence's end is) */
    bool attach = false;
    unsigned char a0 = l->text.len ? (unsigned char)l->text.ptr[0] : 0;
    if (!after_ps && (was_attach || a0 == 0xE9 || a0 == ' ' || a0 == '\t')) {
      size_t i = 0;
      while (i < l->text.len && (l->text.ptr[i] == ' ' || l->text.ptr[i] == '\t')) i++;
      /* (附件 then a colon, a figure or white space, or 附：: not the rest of （见附件） cut by
       * the column, 附件）报送至…: review 24 M2) */
      const char *t = l->text.ptr + i;
      size_t tn = l->text.len - i;
      bool lead = tn >= 9 && (unsigned char)t[0] == 0xE9 /*附*/ &&
                  (!memcmp(t, "附：", 6) ||
                   (!memcmp(t, "附件", 6) &&
                    (t[6] == ':' || t[6] == ' ' || (unsigned)(t[6] - '0') < 10u ||
                     !memcmp(t + 6, "：", 3) || !memcmp(t + 6, "　", 3))));
      attach = (lead || was_attach) && attach_title(l);
      if (was_attach && attach) other = true;
      ps->above_attach = was_attach && !other && !list;
    }
    ps->prev_attach = attach;
    /* (a label in 【】 alone under a line that ends a sentence, inside a block, 本品为白色片剂。 |
     * 【有效期】 | 24个月。: it opens a paragraph and is held as a block's first line, so that
     * bracket_head puts the text under it apart, or joins it where it goes on from the label,
     * 【百姓话题】 | 是本报…; it was glued to the sentence above, reported as a join after a
     * sentence's end: review 47 L6, session 48) */
    bool mid_label = !other && !list && zstop == 2 && (ps->cur || ps->nhead) && bracket_label(l);
    bool in_refrain = ps->refrain && !other && !list && !mid_label;
    if (!rc) rc = take_blank(ps, l, other || list || mid_label || in_refrain, (list && !other) || mid_label);
    ps->byjoin = false;
    if (!rc && in_refrain && ps->cur && ps->cur->line == l->line) ps->cur->lead = QG_LEAD_VERSE;
    if (rc == 1) held = true, rc = 0;
  } else if (!ps->cur) {
    rc = start_paragraph(ps, l);
    ps->cur_photo = photo;
  } else {
    bool join = piece; /* the rest of a line always continues it */
    bool mark_cut = false; /* (joined as a line that opens with a clause mark, reported) */
    bool fig = false;  /* (joined by figure_cut, the page's first line alone over l) */
    if (!piece) {
      switch (ps->mode) {
      case QG_PARA_BLANK: join = !ind && !ornament_or(l, bullet); break;
      case QG_PARA_WRAPPED:
        /* (double-spaced copy, dbl: a full line that ends a sentence ends the paragraph; the
         * title under one, …提供有力支撑。 | 第十五届市运会昨日开幕, was glued to it, and a
         * paragraph whose sentence ends at the column is split there, no text lost) */
        /* (a label in 【】 alone under a line that ends with a figure or a mark, …联系电话：
         * 13800001111 | 【出租】, is a heading: it was glued to the ad above; under a line cut
         * inside a word, 请点击 | 【阅读原文】, it may be the text's rest; review 27a) */
      {
        bool full = full_by(ps, ps->last_width, ps->last_fx, ps->last_lead);
        fig = !full && !ind && !bullet && figure_cut(ps, l, zl);
        /* (and an option's rest that opens with a figure under its line cut after a Han
         * character, A.光在空气中的传播速度约为 | 3×10⁵ km/s, the option's line no full one:
         * opt_rest, session 48) */
        join = credit_glue || (opt_rest && !ind && qg_cp_is_han(zl)) ||
               (!ind && !bullet && (full || fig) && !zdone &&
                !ps->prev_credit && !(ps->dbl && zstop == 2) && !(ps->wrap_modal && modal_apart(ps, l, zstop)) &&
                !(!ps->wrap_modal && wrapped_head(ps, l)) && !(zstop == 2 && pasted_again(ps, l)) &&
                !indent_head(ps, l, zstop) && !lead_field(ps, l, zl) &&
                !(zl && !qg_cp_is_han(zl) && (zl >= 0x80 || (zl | 0x20) - (uint32_t)'a' >= 26) &&
                  bracket_label(l)));
        fig = fig && join && ps->cur->line == ps->first_line && ps->cur->end_line == ps->cur->line &&
              !is_indented(ps->cur);
        /* (the page's first line joined under a figure line, and the paragraph so made ends
         * with a line that is not full and ends with a Han character, over an indented line: no
         * paragraph ends so; the first line was a title over a deck of two lines, 全市前三季度
         * 经济运行稳中向好势头持续 | 12.5%的增速背后是…推进项 | 目建设、扩大有效投资的结果, and the
         * three had become one paragraph with the paragraph under them; review 31a2 F1, t/904:
         * the join is taken back) */
        if (!join && ps->fig_line && ps->cur->line == ps->fig_line && ind && !full &&
            qg_cp_is_han(zl) && ps->cur->text.len > ps->fig_at) {
          size_t from = ps->fig_at;
          while (from < ps->cur->text.len && (ps->cur->text.ptr[from] == ' ' || ps->cur->text.ptr[from] == '\t'))
            from++;
          size_t at = ps->line_at;
          rc = split_at(ps, ps->fig_at, ps->fig_line_next, ps->fig_end);
          ps->line_at = at >= from ? at - from : 0;
        }
        break;
      }
      default: join = false; break;
      }
      if (table || row || ps->last_table || after_ps || list || cue || photo || marker ||
          after_marker || jump || after_jump || after_score || after_row)
        join = false;
      /* (but the rest of a figure under a table's row cut at the column, …　+0 | .56%, joins
       * it: the figure is whole again, not +0 and .56% (which num-decimal-zero then read as
       * 0.56); a full line only; probe 44 M4) */
      if (!join && ps->mode == QG_PARA_WRAPPED && (ps->last_table || ps->row_whole) &&
          ps->cur && ps->cur->end_line + 1 == l->line && !table && !row &&
          full_by(ps, ps->last_width, ps->last_fx, ps->last_lead) && figure_rest(l, zl))
        join = true;
      /* (and a line that opens with a clause mark, which no paragraph opens with, under a line
       * that ends inside a clause (a Han character, a letter or a digit): …会议表决通过了关于政府
       * 工作报告的决议 | ，表决结果如下。, the line above read as a document's title (关于…决议) and
       * the mark's line left a paragraph of its own; probe 44 M1) */
      /* (reported as repair's join of such a cut is where the line above is not full) */
      if (!join && ps->mode == QG_PARA_WRAPPED && cut_before && ps->cur &&
          ps->cur->end_line + 1 == l->line &&
          !(table || row || ps->last_table || cue || photo || marker || after_marker || jump ||
            after_jump || after_score) &&
          opens_clause_mark(l) && !opens_dunhao(l)) {
        join = true;
        mark_cut = !full_by(ps, ps->last_width, ps->last_fx, ps->last_lead);
      }
    }
    /* (a full-width number cut after its grouping comma, ３， | ５００万元, where the layout
     * does not join the lines: joined here, reported, so that the chars stage reads the number
     * whole, 3500万元; repair joined it after that stage had written 3， and 500万元: review 25b
     * L2) */
    /* (and, in the line layout, an indented line cut at the column and its rest: indent_cut;
     * a number in brackets cut at the column, （1 | 2）: bracket_digits_cut) */
    bool fw_cut = !join && !piece && ps->mode != QG_PARA_BLANK && ps->cur &&
                  ps->cur->end_line + 1 == l->line &&
                  !(table || row || ps->last_table || after_ps || list || cue || photo || marker ||
                    after_marker || jump || after_jump || after_score || after_row) &&
                  (fw_group_cut(ps->cur, l) || indent_cut(ps, l, zl) ||
                   bracket_digits_cut(ps->cur, l));
    qg_pos cut_at = fw_cut || mark_cut ? qg_block_pos(ps->cur, ps->cur->text.len) : (qg_pos){0};
    uint32_t cut_line = fw_cut || mark_cut ? ps->cur->end_line : 0;
    uint32_t fig_end = fig ? ps->cur->end_line : 0;
    if (!rc) rc = add_line(ps, l, join || fw_cut, piece);
    if (!rc && fig && ps->join_ok)
      ps->fig_line = ps->cur->line, ps->fig_end = fig_end, ps->fig_line_next = l->line,
      ps->fig_at = ps->join_len;
    /* (and in the line layout the auto guess chose: a deck of two lines joined by repair,
     * …群众满意度持续提 | 升的背后是精细化管理, over the indented paragraph; review 32a in/027) */
    if (!rc && !join && !fw_cut && !piece && ps->prev_unind && ind &&
        ((ps->mode == QG_PARA_WRAPPED && (ps->wrap_indent || ps->modal_indent)) || ps->line_auto))
      ps->cur->indent_start = true;
    if (!piece) ps->cur_photo = join || fw_cut ? ps->cur_photo : photo;
    if (!piece) ps->join_stop = ps->join_ok && zstop;
    if (!rc && (fw_cut || mark_cut))
      rc = qg_report(ps->base.ctx, "para-join", cut_at, qg_block_pos(l, 0), NULL, NULL, true,
                     "paragraph cut at line %u joined with its continuation on line %u",
                     cut_line, l->line);
  }
  ps->above_last = 0, ps->above_stop = false;
  if (!piece && !l->blank) ps->prev_credit = credit;
  if (!piece) ps->prev_unind = !l->blank && !ind;
  if (!piece && !l->blank && ps->wrap_modal) ps->prev_gap = han_gap(l);
  if (mdrow && !rc && ps->cur) ps->cur->table_row = true; /* (no join in repair, no dedup) */
  if (!piece) ps->row_whole = whole_row; /* (a blank line ends it too) */
  if (!piece) ps->last_table = table; /* (a blank line ends the row too: the lines after it
                                         * are taken as the layout's, 今日荧屏 | CCTV-1综合) */
  /* widths matter only to the wrapped layout (the mode is decided before the first line
   * comes here and stays for the document) */
  if (!l->blank && ps->mode == QG_PARA_WRAPPED) {
    int w, fx;
    layout_measure(ps, l, &w, &fx);
    ps->last_width = piece || after_ps ? ps->last_width + w : w; /* the source line's width */
    ps->last_fx = piece || after_ps ? ps->last_fx + fx : fx;
    ps->last_lead = piece || after_ps ? ps->last_lead : lead_width(l);
    if (w > ps->wrap_width && !ps->wrap_modal) ps->wrap_width = w;
    if (fx > ps->wrap_fx && !ps->wrap_modal) ps->wrap_fx = fx;
  }
  if (!held) qg_block_release(ps->base.ctx, l);
  return rc;
}

/* Whether line l ends with a mark that may end a paragraph: 。！？…：；, or . ! ? : ; (past
 * closing quotes and brackets). */
static bool ends_mark(const qg_block *l) {
  uint32_t c = last_past_closers(l, NULL);
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026 || c == 0xFF1A ||
         c == 0xFF1B || c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

/* Whether line l closes a list of names under it as a sentence does (name_row's rows hold no
 * mark but 、): it ends with a mark that may end a paragraph (ends_mark) and holds no 、, which
 * the rest of a row cut at the column may (…郑雪、孙丽等同志。). */
static bool list_close(const qg_block *l) {
  if (!ends_mark(l)) return false;
  for (size_t i = 0; i + 2 < l->text.len; i++)
    if (!memcmp(l->text.ptr + i, "\xE3\x80\x81", 3)) return false;
  return true;
}

/* Whether a line is the source of a quotation above it: led by a dash of two characters, at
 * most 24 characters, no clause or sentence mark (——鲁迅《故乡》, ——题记, ——摘自《…》). */
static bool source_line(const qg_block *l) {
  return l->text.len <= 24 * 3 + 8 && dash_led(l) && !any_mark(l);
}

/* Blank layout: whether the lines between blank lines are paragraphs too (probe 10a F2: a
 * title, a blank line, then a body typed one paragraph per line). Looks at the probed lines
 * followed by another line (inner lines): a wrapped paragraph's are about as wide as the
 * widest line and end inside a sentence; here two or more end a sentence (or with a colon or
 * semicolon) and at most one in five is a wide line ending inside one. */
static bool blank_lines(const para_stage *ps, int w_max, int wfx_max) {
  int inner = 0, wide = 0, marks = 0;
  /* two or more groups of lines between blank lines: the blank lines are the author's
   * paragraph marks, and a group's lines (one sentence each) are one paragraph (review 10 R2);
   * F2's shape has one such group, the body under the heading lines */
  /* (a group of heading lines, none ending with a mark, is no such group: 政府工作报告 |
   * ——2025年1月15日在市人代会上, a title and its byline above the body; probe 11a F4) */
  /* (nor is an epigraph: lines of a quotation and the source under them led by a dash,
   * 希望是本无所谓有…。 | ——鲁迅《故乡》, over a chapter typed one paragraph per line; probe
   * 12b B1) */
  int groups = 0, in_group = 0, group_marks = 0;
  bool source = false;
  for (const qg_block *l = ps->probe_head; l; l = l->next) {
    if (l->blank) {
      groups += in_group >= 2 && group_marks && !source;
      in_group = group_marks = 0;
    } else {
      in_group++;
      group_marks += ends_mark(l);
      source = in_group >= 2 && source_line(l);
    }
  }
  groups += in_group >= 2 && group_marks && !source;
  if (groups >= 2) return false;
  const qg_block *two = NULL; /* the inner line that ends with a mark, when one does */
  for (const qg_block *l = ps->probe_head; l; l = l->next) {
    /* (a line before an indented one, or one led by an ornament, shows nothing: that one
     * starts a paragraph anyway) */
    if (l->blank || !l->eol || !l->next || l->next->blank || is_indented(l->next) ||
        opens_ornament(l->next))
      continue;
    inner++;
    if (ends_mark(l)) marks++, two = l;
    else if (line_width(l) * 4 >= w_max * 3) wide++;
  }
  if (marks >= 2) return wide * 5 <= inner;
  /* one group of two lines, each ending a sentence (two one-line notices, …特此声明作废。 |
   * …特此声明作废。; probe 17 P14): lines of their own as with three, unless they have the
   * shape of one paragraph wrapped over two lines whose first line happens to end at a 。: a
   * first line as wide as the widest line probed (within 2 columns) over a last line that is
   * narrower (by more than 2). Two lines of one width both ending a sentence are two items: a
   * wrapped paragraph would have to fill its last line exactly too. By either measure, as
   * written and as fixed (session 13). */
  if (marks != 1 || inner != 1 || wide || !two->next || (two->next->next && !two->next->next->blank) ||
      !ends_sentence(two) || !ends_sentence(two->next))
    return false;
  int w1, w2, f1, f2, c;
  w1 = line_width(two), w2 = line_width(two->next);
  measure(two, &f1, &c);
  measure(two->next, &f2, &c);
  return !((w1 >= w_max - 2 && w2 < w1 - 2) || (f1 >= wfx_max - 2 && f2 < f1 - 2));
}

/* Whether line l reads as a row of figures: a TAB between fields, or three or more fields
 * between white space of which two or more are figures (a digit, and only digits and . , %
 * : / + - after it). */
static bool figure_fields(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len;
  if (memchr(s, '\t', n)) return true;
  unsigned fields = 0, figs = 0;
  for (size_t i = 0; i < n;) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i >= n) break;
    size_t a = i;
    bool fig = true, digit = false;
    while (i < n && s[i] != ' ' && s[i] != '\t') {
      unsigned char c = (unsigned char)s[i];
      if (c >= '0' && c <= '9') digit = true;
      else if (!strchr(".,%:/+-", c)) fig = false;
      i++;
    }
    fields += i > a;
    figs += fig && digit;
  }
  return fields >= 3 && figs >= 2;
}

/* Whether a line holds a clause or sentence mark (，。、；：！？ or ASCII , . ; : ! ?). */
static bool any_mark(const qg_block *l) {
  const unsigned char *u = (const unsigned char *)l->text.ptr;
  size_t n = l->text.len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = u[i];
    if (c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?') return true;
    if (c == 0xEF && i + 2 < n && u[i + 1] == 0xBC &&
        (u[i + 2] == 0x8C || u[i + 2] == 0x9B || u[i + 2] == 0x9A || u[i + 2] == 0x81 ||
         u[i + 2] == 0x9F))
      return true;
    if (c == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0x82 || u[i + 2] == 0x81))
      return true;
  }
  return false;
}

/* Decides the layout (and the wrap width) from the probed lines, then passes them through. */
/* Whether a line ends inside a word or clause: its last character a Han character, a letter
 * or a digit (not a mark, a bracket or a quote): a line cut at the column. */
static bool cut_inside(const qg_block *l) {
  uint32_t c = qg_block_last_char(l);
  return qg_cp_is_han(c) || (c < 0x80 && ((c | 0x20) - 0x61u < 26u || c - 0x30u < 10u)) || (c >= 0xFF10 && c <= 0xFF19) ||
         (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

/* Session 47 (s47-wrap, probe 46 H4c): whether line l opens (white space aside) with a mark that
 * closes what came before it and so opens no paragraph: a clause or sentence mark (， 。 、 ； ：
 * ！ ？), a closing bracket (） 》 」 』 】 〕) or a closing quotation mark (” ’). Under a line that
 * ends inside a word or clause (cut_inside: …在晾晒柿饼 | 。入冬以来…) it shows the column cut there
 * (decide's second reading). */
static bool opens_closer(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t i = 0, n = l->text.len;
  uint32_t c = 0;
  while (i < n && qg_cp_is_space(c = qg_utf8_next(s, n, &i))) c = 0;
  return c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 ||
         c == 0xFF1F || c == 0xFF09 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3011 ||
         c == 0x3015 || c == 0x201D || c == 0x2019;
}

/* Session 26 (probe 26 M1): text wrapped at a column with some lines much wider than it (a
 * company notice's points and table rows, each on one line) was taken for the line layout, as
 * the widest line sets the wrapped layout's width: each wrapped line a paragraph, the first
 * under a heading made a title and its rest a paragraph (本公司董事会…不存在任 | 何虚假记载…). The
 * modal width: the width W (as written, columns, the indent left out) that the most probed
 * lines reach within 2 columns without passing it, among the widths of lines cut inside a word
 * or clause; an indented line counts by its width with the indent too (a column that holds the
 * indent: session 27). Taken when those lines are 3 or more and 40% of the lines, W >= 16, at
 * least half of them end cut (hard wrapping; verse and lists of short sentences end with
 * marks), few of them end a sentence, and the wider lines end a sentence (a paragraph of one
 * line) but for one in ten (a notice's code line); rows of figures (figure_fields) are left
 * out. Sets wrap_width, wrap_fx (the widest of those lines as fixed) and wrap_modal (the width
 * does not grow; a line wider without its indent is not full; full_by). widths and wfx: as
 * written and as fixed, without the indent; total, tfx: with it. */
static bool modal_width(para_stage *ps, int n, const int *widths, const int *wfx, const int *total,
                        const int *tfx, const bool *stop, const bool *cut, const bool *row) {
  int best = 0, best_n = 0;
#define QG_IN_BAND(j, w)                                                                           \
  (!row[j] && ((widths[j] <= (w) && widths[j] >= (w) - 2) ||                                      \
               (total[j] > widths[j] && total[j] <= (w) && total[j] >= (w) - 2)))
  for (int i = 0; i < n; i++) {
    if (!cut[i] || row[i] || widths[i] < 16 || widths[i] == best) continue;
    int k = 0;
    for (int j = 0; j < n; j++) k += QG_IN_BAND(j, widths[i]);
    if (k > best_n || (k == best_n && widths[i] > best)) best = widths[i], best_n = k;
  }
  if (best_n < 3 || best_n * 10 < n * 4) return false;
  int ncut = 0, nstop = 0, fx = 0, on = 0;
  for (int j = 0; j < n; j++) {
    if (row[j]) continue; /* (a table's rows: neither wrapped nor prose) */
    on += widths[j] > best + 2 && !stop[j]; /* a wider line that goes on */
    if (!QG_IN_BAND(j, best)) continue;
    ncut += cut[j], nstop += stop[j];
    int f = widths[j] <= best && widths[j] >= best - 2 ? wfx[j] : tfx[j];
    if (f > fx) fx = f;
  }
#undef QG_IN_BAND
  if (ncut * 2 < best_n || nstop * 5 > best_n || on * 10 > n) return false;
  ps->wrap_width = best;
  ps->wrap_fx = fx;
  ps->wrap_modal = true;
  return true;
}

/* Whether a sentence ends inside line l (。！？ with text after it): prose, not a line that is a
 * unit of its own. */
static bool stop_inside(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if ((c == 0x3002 || c == 0xFF01 || c == 0xFF1F) && i < n) {
      size_t j = i; /* (closing quotes and brackets after the mark belong to it) */
      uint32_t d = qg_utf8_next(s, n, &j);
      if (d != 0x201D && d != 0x2019 && d != 0xFF09 && d != 0x300B) return true;
      if (j < n) return true;
    }
  }
  return false;
}

/* Whether the probed lines read as prose hard-wrapped at the modal width W (modal_width): of the
 * lines of the band (W - 2 to W columns, the indent left out) with a line under them, one in six
 * at least, and two at least, show a cut: a word across it (the segmenter, on up to six Han
 * characters each side: 高质量发 | 展), a figure cut (19 | 62年), a line ending on an opening mark
 * or one opening with a closing or clause mark (probe 26's notice and obituary: 4 of 17, 12 of 18; verse
 * and lists: none). Lines that are units of their own (verse, lyrics,
 * slogans, a notice's rules: 稻子黄了，田埂上的风 | 吹过来，带着泥土的香) end where their phrase ends,
 * and were glued into one paragraph at the modal width (review 27a H1). When the segmenter cannot
 * be had, yes (the width alone, as before). */
static bool modal_prose(para_stage *ps, int w, bool dbl) {
  qg_segmenter *sg = qg_ctx_segmenter(ps->base.ctx);
  if (!sg) return true;
  int pairs = 0, across = 0;
  for (qg_block *a = ps->probe_head; a && a->next; a = a->next) {
    qg_block *b = a->next;
    /* (double-spaced copy, dbl: the line under is the one past the blank line) */
    if (dbl && b->blank && b->next && !b->next->blank) b = b->next;
    if (a->blank || b->blank || !a->eol) continue;
    int in = line_width(a) - (dbl ? 0 : lead_width(a)); /* (dbl: the column holds the indent) */
    if (in > w || in < w - 2) continue;
    pairs++;
    /* a figure cut (19 | 62年), a line ending on an opening mark (《 | 晚灯》) or one opening with a
     * closing or clause mark (…发展 | ，增强…): cut by the column, as no unit of its own is */
    uint32_t z = qg_block_last_char(a), f0 = 0;
    {
      const char *t = b->text.ptr;
      size_t m = b->text.len, i = 0;
      while (i < m && (t[i] == ' ' || t[i] == '\t')) i++;
      if (i < m) f0 = qg_utf8_next(t, m, &i);
    }
    bool dz = (z >= '0' && z <= '9') || (z >= 0xFF10 && z <= 0xFF19);
    bool df = (f0 >= '0' && f0 <= '9') || (f0 >= 0xFF10 && f0 <= 0xFF19);
    /* (or a particle or suffix that opens no phrase under it, 裹 | 着被子, 孩子 | 们; a word that
     * wants its object over it, 并 | 将…; a sentence that ends inside the line: prose, but not
     * when reading double-spaced copy, where the lines are the blank layout's paragraphs and most
     * hold a sentence's end: clean's own output of a page whose colon paragraphs stay apart was
     * read double-spaced and joined on a second clean; session 43, s43-docs' finding) */
    bool particle = f0 == 0x7684 /*的*/ || f0 == 0x4E86 /*了*/ || f0 == 0x7740 /*着*/ ||
                    f0 == 0x8FC7 /*过*/ || f0 == 0x4EEC /*们*/ || f0 == 0x5730 /*地*/ ||
                    f0 == 0x5F97 /*得*/ || f0 == 0x5417 /*吗*/ || f0 == 0x5462 /*呢*/ ||
                    f0 == 0x5427 /*吧*/ || f0 == 0x4E48 /*么*/;
    if ((dz && df) || z == 0x300A || z == 0x201C || z == 0xFF08 || z == 0x300C || f0 == 0xFF0C ||
        f0 == 0x3002 || f0 == 0x3001 || f0 == 0xFF1B || f0 == 0xFF1A || f0 == 0xFF09 ||
        f0 == 0x300B || f0 == 0x201D || particle || (qg_cp_is_han(z) && qg_cp_wants_object(z)) ||
        (!dbl && stop_inside(a))) {
      across++;
      continue;
    }
    /* (a word across the cut, or the two characters at the cut alone: 写作 | 业 took 写作, 作业
     * is a word) */
    int word = qg_join_word_across(sg, a->text.ptr, a->text.len, b->text.ptr, b->text.len,
                                   &ps->toks, true);
    if (word < 0) return true;
    across += word;
  }
  return across >= 2 && across * 6 >= pairs;
}

/* Whether l is a note that closes an article on a line of its own, no prose: a bracketed note
 * with no clause or sentence mark inside (（完） （据新华社） （记者 李华）), or a photo's or a
 * figure's source with no mark, 由 … 提供 (图片由市园林局提供; session 36, review 35a S06 S07). */
static bool tail_note(const qg_block *l) {
  const char *s = l->text.ptr;
  size_t n = l->text.len, i = 0;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= n) return false;
  size_t k = i;
  uint32_t first = qg_utf8_next(s, n, &k), last = 0, prev = 0;
  bool you = false, marks = false;
  int inner = 0;
  for (size_t j = k; j < n;) {
    prev = last;
    last = qg_utf8_next(s, n, &j);
    if (last == 0x7531 /*由*/) you = true;
    if (j < n && (last == 0xFF0C || last == 0x3001 || last == 0x3002 || last == 0xFF1B ||
                  last == 0xFF01 || last == 0xFF1F || last == ',' || last == ';' ||
                  last == 0xFF08 || last == 0xFF09 || last == '(' || last == ')'))
      marks = true;
    inner++;
  }
  if (marks) return false;
  if (first == 0xFF08 || first == '(') return (last == 0xFF09 || last == ')') && inner >= 2;
  /* (…由…提供: 提 then 供 last) */
  return you && qg_cp_is_han(first) && prev == 0x63D0 /*提*/ && last == 0x4F9B /*供*/;
}

/* Whether l and every line after it in the probe, the probe at the text's end, are the page's
 * credits set single-spaced under double-spaced copy (策划：李华 | 设计：王磊 | 编辑：张伟 |
 * 校对：周敏: session 35, review 34a n1): each a byline's or a credit's cue or a role of two Han
 * characters and a colon before a name, at most 16 characters. */
static bool credit_tail(const para_stage *ps, const qg_block *l, bool after_stop) {
  qg_cues *c = qg_ctx_cues(ps->base.ctx);
  /* (the probe holds the whole text: decide is called at its end) */
  if (!c || ps->nprobe >= QG_PARA_PROBE || ps->probe_bytes >= QG_PARA_PROBE_BYTES) return false;
  int n = 0, short_lines = 0;
  for (; l; l = l->next) {
    if (l->blank) { /* (blank lines only at the end) */
      while (l->next && l->next->blank) l = l->next;
      if (l->next) return false;
      break;
    }
    if (line_chars(l) > 16) return false;
    qg_feat f;
    qg_cues_measure(c, (qg_block *)l, &f);
    n++;
    if (!(f.byline || f.credit || f.author || label_colon_near(l) || tail_note(l))) short_lines++;
  }
  /* (or, under a line that ends a sentence, one or two short lines of prose at most, 市民说：真好 |
   * 这是好事: read as a column, they left the page in the blank layout, where its cut lines of
   * 18 Han characters stood apart, and the cleaned text, double-spaced throughout, was read as
   * a column and joined; session 36, review 35a S11) */
  return n >= 1 && (!short_lines || (after_stop && short_lines <= 2));
}

/* The first line of the page's credits (credit_tail) under six lines or more of double-spaced
 * copy, each with a blank line after it; NULL when there are none. */
static const qg_block *dbl_credits(const para_stage *ps) {
  int lines = 0;
  for (const qg_block *l = ps->probe_head; l; l = l->next) {
    if (l->blank) continue;
    lines++;
    if (l->next && !l->next->blank)
      return lines >= 6 && credit_tail(ps, l->next, ends_sentence(l)) ? l->next : NULL;
  }
  return NULL;
}

/* Whether the probed lines are double-spaced: six lines of text or more, no two of them
 * adjacent (a blank line, or more, after every one), but for the page's credits at the end
 * (credit_tail). */
static bool double_spaced(const para_stage *ps, bool *marked) {
  int lines = 0;
  *marked = false;
  for (const qg_block *l = ps->probe_head; l; l = l->next) {
    if (l->blank) continue;
    if (l->next && !l->next->blank) return l->next == dbl_credits(ps);
    lines++;
    /* (a line that opens with a bracket or a list's marker: an exam's options, （A）… | （C）…,
     * a list's items) */
    size_t i = 0;
    while (i < l->text.len && (l->text.ptr[i] == ' ' || l->text.ptr[i] == '\t')) i++;
    uint32_t c = i < l->text.len ? qg_utf8_next(l->text.ptr, l->text.len, &i) : 0;
    if (c == 0xFF08 || c == '(' || c == 0x3010 || c == '[' || opens_list(l)) *marked = true;
  }
  return lines >= 6;
}

/* The probed lines that are rows of a label and figures (figure_fields), up to 2. */
static int figure_rows(const para_stage *ps) {
  int rows = 0;
  for (const qg_block *l = ps->probe_head; l && rows < 2; l = l->next)
    rows += !l->blank && figure_fields(l);
  return rows;
}

/* Session 46 (s46-wrap, probe s46 H4): whether the probed lines were wrapped at a number of
 * characters with the indent counted among them (an export at 20 a line gives an indented first
 * line 18 characters and its indent). Measured in columns an indented first line that holds
 * ASCII digits (　　农科所研究员温立秋从2006年起负责) is narrower than the column, and measured in
 * characters without the indent (wrap_chars) every indented first line is 2 short: either way
 * the body's first line stood apart as a heading, and the page was read one paragraph a line.
 * Counted with the indent's characters (a full-width space one, two spaces one), its lines are
 * full when their count is within 1 of the longest (as wrap_chars'). Taken only when two probed
 * lines or more are indented, this count finds more full lines than the columns (full) and the
 * characters without the indent (cfull) do, and one of the lines it finds full and the
 * columns do not (other[i] false) goes on in the line under it (cont[i]: not blank, not
 * indented): on Han text alone all three agree; on copy wrapped at a display width a line with
 * digits holds more characters than a full Han line, so the longest count is no full Han
 * line's and fewer lines are full by it; and a paragraph's last line with digits that reaches
 * the count by chance
 * (…12.5%，高于全国平均水平。 over an indented line, on a page of 32 columns) shows nothing.
 * Sets *max and *fx_max, the widest counts as written and as fixed. */
static bool lead_counted(int n, const int *chars, const int *cfx, const int *indents,
                         const bool *stop, const bool *cont, const bool *other,
                         const bool *closer, int full, int cfull, int strict, int *max,
                         int *fx_max) {
  int m = 0, mfx = 0, ind = 0, lfull = 0, lstop = 0;
  bool shown = false, cshown = false;
  for (int i = 0; i < n; i++) {
    if (chars[i] + indents[i] / 2 > m) m = chars[i] + indents[i] / 2;
    if (cfx[i] + indents[i] / 2 > mfx) mfx = cfx[i] + indents[i] / 2;
    ind += indents[i] >= 2;
  }
  for (int i = 0; i < n; i++)
    if (chars[i] + indents[i] / 2 >= m - 1 || cfx[i] + indents[i] / 2 >= mfx - 1)
      lfull++, lstop += stop[i], shown = shown || (cont[i] && !other[i]),
      cshown = cshown || closer[i];
  *max = m, *fx_max = mfx;
  /* (auto layout, strict: the tests of the others, full lines 4 in 10 or more, not all
   * sentences; strict 2, the second reading, fewer full lines when one of them is cut before a
   * closing mark, closer) */
  if (strict && (m < 8 || (lfull * 10 < n * 4 && !(strict == 2 && cshown)) ||
                 (lstop >= 3 && lstop * 10 >= lfull * 8)))
    return false;
  return ind >= 2 && shown && lfull >= 3 && lfull > full && lfull > cfull;
}

static int decide(para_stage *ps) {
  int widths[QG_PARA_PROBE], indents[QG_PARA_PROBE], chars[QG_PARA_PROBE], n = 0, w_max = 0, c_max = 0, marked = 0;
  int wfx[QG_PARA_PROBE], cfx[QG_PARA_PROBE], wfx_max = 0, cfx_max = 0; /* as fixed (measure) */
  bool stop[QG_PARA_PROBE], cut[QG_PARA_PROBE], row[QG_PARA_PROBE];
  bool cont[QG_PARA_PROBE], other[QG_PARA_PROBE]; /* (lead_counted) */
  /* (the line under it opens with a closing mark and it ends inside a word or clause: the column
   * cut it there, whatever its measure; opens_closer, the second reading below. Session 47,
   * probe 46 H4c) */
  bool closer[QG_PARA_PROBE];
  int frows = -1; /* (figure_rows, asked once: it reads every probed line again) */
  /* (the page's credits under double-spaced copy are no lines of its column: session 35) */
  const qg_block *credits = ps->mode == QG_PARA_AUTO ? dbl_credits(ps) : NULL;
  ps->credit_line = credits ? credits->line + 1 : 0;
  for (qg_block *l = ps->probe_head; l && l != credits; l = l->next)
    if (!l->blank && l->eol && n < QG_PARA_PROBE &&
        !qg_text_is_padded_row(l->text.ptr, l->text.len)) { /* (its width is padding) */
      widths[n] = line_width(l);
      indents[n] = lead_width(l);
      chars[n] = line_chars(l);
      measure(l, &wfx[n], &cfx[n]);
      if (wfx[n] > wfx_max) wfx_max = wfx[n];
      if (cfx[n] > cfx_max) cfx_max = cfx[n];
      stop[n] = ends_sentence(l);
      cut[n] = cut_inside(l);
      row[n] = figure_fields(l);
      cont[n] = l->next && !l->next->blank && !is_indented(l->next);
      closer[n] = cont[n] && cut[n] && opens_closer(l->next);
      marked += ps->mode == QG_PARA_AUTO && any_mark(l);
      if (widths[n] > w_max) w_max = widths[n];
      if (chars[n] > c_max) c_max = chars[n];
      n++;
    }
  ps->wrap_chars = ps->wrap_lead = false;
  int full = 0, cfull = 0, cl_max = 0, clfx_max = 0;
  bool closer_full = false, closer_cfull = false; /* (a full line by each measure over one) */
  for (int i = 0; i < n; i++) {
    bool f = widths[i] >= w_max - 2 || wfx[i] >= wfx_max - 2;
    bool cf = chars[i] >= c_max - 1 || cfx[i] >= cfx_max - 1;
    full += f, cfull += cf, other[i] = f;
    closer_full = closer_full || (f && closer[i]);
    closer_cfull = closer_cfull || (cf && closer[i]);
  }
  if (ps->mode == QG_PARA_WRAPPED) /* (named: columns, or characters with the indent) */
    ps->wrap_chars = ps->wrap_lead =
        lead_counted(n, chars, cfx, indents, stop, cont, other, closer, full, full, 0, &cl_max,
                     &clfx_max);
  if (ps->mode == QG_PARA_AUTO) {
    int full_stop = 0;
    for (int i = 0; i < n; i++)
      if (widths[i] >= w_max - 2 || wfx[i] >= wfx_max - 2) full_stop += stop[i];
    /* In text wrapped at a column, a full line ends at a sentence end only now and then; when
     * (nearly) every full line does, the lines are paragraphs of similar length, one per line
     * (一是…。 / 二是…。; probe 9 F33) */
    bool sentences = full_stop >= 3 && full_stop * 10 >= full * 8;
    /* Wrapped prose holds marks in most lines; lines of which not one in four holds one are
     * no prose wrapped at a width but lines of their own: subtitles set with spaces for
     * commas (你好 好久不见 | 最近过得怎么样, probe 11a F6), lists, verse */
    /* (not when most lines are full to a common width: copy that uses spaces for commas,
     * wrapped at a column and cut inside words, 那家火锅 | 店 排队…; review 11 C15) */
    /* (measured without the indent, which widens a first line) */
    int in_max = 0, full_in = 0;
    for (int i = 0; i < n; i++)
      if (widths[i] - indents[i] > in_max) in_max = widths[i] - indents[i];
    for (int i = 0; i < n; i++) full_in += widths[i] - indents[i] >= in_max - 2;
    bool bare = marked * 4 < n && full_in * 10 < n * 7;
    /* (double-spaced copy whose lines show a column as the wrapped layout's do, two of the
     * full lines at least cut inside a sentence: the wrapped layout, the blank lines alone
     * between lines no paragraph's end. At 16 to 20 Han characters a line, a paragraph's cut
     * lines hold one clause mark or none, and each was a paragraph, read as a kicker, a title
     * or a subhead; review 32a2 c00-c05, review 32a in/076) */
    int full_cut = 0;
    bool dbl_marked = false;
    for (int i = 0; i < n; i++)
      full_cut += (widths[i] >= w_max - 2 || wfx[i] >= wfx_max - 2) && cut[i];
    /* (and three full lines cut so, none opening with a bracket or a list's marker, or words
     * across the cuts, modal_prose, as prose shows: an exam's options, （A）… | （C）…, are
     * lines of one width ending inside no word) */
    bool dbl = ps->blank_between_seen && w_max >= 32 && full >= 3 && full * 10 >= n * 4 &&
               !sentences && !bare && full_cut >= 2 && double_spaced(ps, &dbl_marked) &&
               ((full_cut >= 3 && !dbl_marked) || modal_prose(ps, w_max, true));
    /* (or, session 34, review 33a b054-b056: the column is the modal width, modal_width, of 14
     * Han characters (28 columns) or more, when the widest lines are no column's (a caption
     * with its credit, a line hung past the column) or the column is narrower than 32 columns;
     * then words across the cuts are asked too, modal_prose, and the layout is read at that
     * width as the modal layout reads it: a wider line is a line of its own) */
    if (!dbl && ps->blank_between_seen && !sentences && !bare && double_spaced(ps, &dbl_marked)) {
      int inner[QG_PARA_PROBE], ifx[QG_PARA_PROBE];
      for (int i = 0; i < n; i++) inner[i] = widths[i] - indents[i], ifx[i] = wfx[i] - indents[i];
      /* (the width most cut lines have, exactly, is 28 columns or more: the band of the modal
       * width reaches 2 columns below it, and lines of 13 Han characters under one line of 28
       * were read as its column; the cleaned text of such a page, read again, was no fixed
       * point) */
      int mode = 0, mode_n = 0;
      for (int i = 0; i < n; i++) {
        if (!cut[i] || row[i]) continue;
        int c = 0;
        for (int j = 0; j < n; j++) c += cut[j] && !row[j] && widths[j] == widths[i];
        if (c > mode_n || (c == mode_n && widths[i] < mode)) mode = widths[i], mode_n = c;
      }
      dbl = mode >= 28 && modal_width(ps, n, inner, ifx, widths, wfx, stop, cut, row) &&
            ps->wrap_width >= 28 && modal_prose(ps, ps->wrap_width, true);
      if (dbl) {
        int ind = 0;
        for (int i = 0; i < n; i++) ind += indents[i] >= 2;
        ps->modal_indent = ind >= 2;
      } else {
        ps->wrap_modal = false;
        ps->wrap_width = ps->wrap_fx = 0;
      }
    }
    if (dbl) {
      ps->mode = QG_PARA_WRAPPED;
      ps->dbl = true;
      for (qg_block **pl = &ps->probe_head; *pl;) {
        qg_block *l = *pl;
        if (l->blank && l->next && !l->next->blank && l != ps->probe_head) {
          *pl = l->next;
          qg_block_release(ps->base.ctx, l);
        } else {
          pl = &l->next;
        }
      }
    } else if (ps->blank_between_seen) { /* a blank line at the end alone does not count */
      ps->mode = QG_PARA_BLANK;
      ps->blank_lines = blank_lines(ps, w_max, wfx_max);
      /* (a column, when three probed lines or more are within two columns of the widest: a
       * Latin word cut at its end, join_line) */
      int wide = 0;
      for (int i = 0; i < n; i++) wide += widths[i] >= w_max - 2;
      ps->blank_width = wide >= 3 ? w_max : 0;
    } else if (!bare && (frows < 0 ? (frows = figure_rows(ps)) : frows) < 2 &&
               lead_counted(n, chars, cfx, indents, stop, cont, other, closer, full, cfull, 1, &cl_max,
                            &clfx_max)) {
      ps->mode = QG_PARA_WRAPPED;
      ps->wrap_chars = ps->wrap_lead = true;
    } else if (w_max >= 16 && full >= 3 && full * 10 >= n * 4 && !sentences && !bare) {
      ps->mode = QG_PARA_WRAPPED;
    } else {
      /* wrapped at a number of characters, not columns (probe 10c F5: 22 characters a line,
       * digits and Latin letters among the Han, so the widths differ): the same test on the
       * characters, a full line within 1 of the longest. For Han text alone it is the test
       * above (a Han character is 2 columns), so it adds only mixed lines. */
      int cfull_stop = 0;
      for (int i = 0; i < n; i++)
        if (chars[i] >= c_max - 1 || cfx[i] >= cfx_max - 1) cfull_stop += stop[i];
      bool csentences = cfull_stop >= 3 && cfull_stop * 10 >= cfull * 8;
      /* (not a table: rows of a label and figures have near-equal character counts too, and
       * were glued as wrapped lines: review 10b A0) */
      ps->wrap_chars = c_max >= 8 && cfull >= 3 && cfull * 10 >= n * 4 && !csentences &&
                       (frows < 0 ? (frows = figure_rows(ps)) : frows) < 2 && !bare;
      ps->mode = ps->wrap_chars ? QG_PARA_WRAPPED : QG_PARA_LINE;
      int inner[QG_PARA_PROBE], ifx[QG_PARA_PROBE]; /* without the indent */
      for (int i = 0; i < n; i++) inner[i] = widths[i] - indents[i], ifx[i] = wfx[i] - indents[i];
      bool modal = !ps->wrap_chars && !bare && modal_width(ps, n, inner, ifx, widths, wfx, stop, cut, row);
      if (modal && !modal_prose(ps, ps->wrap_width, false)) modal = ps->wrap_modal = false;
      if (modal) {
        ps->mode = QG_PARA_WRAPPED;
        int ind = 0;
        for (int i = 0; i < n; i++) ind += indents[i] >= 2;
        ps->modal_indent = ind >= 2;
      }
      /* A second reading when no measure passed (session 47, probe 46 H4c): fewer full lines
       * than 4 in 10, three or more, are enough when one of them ends inside a word or clause
       * over a line that opens with a closing mark (closer, opens_closer), which opens no
       * paragraph: the column cut it there. A photo page of captions and credits wrapped at 20
       * characters, 12月5日，南溪县柏树镇的村民在晾晒柿饼 | 。入冬以来…, had 3 full lines of 8 and was
       * read one paragraph a line, the caption's first line a title and its rest a p. The
       * measures in the order above, the columns only when they find as many full lines as the
       * characters: asked after the share tests, so no page they read changes its measure (a
       * page the characters read, with 4 full lines, and 3 by the columns one of which is over
       * a 。-led line, stays the characters'). */
      if (!modal && !ps->wrap_chars && !bare && (frows < 0 ? (frows = figure_rows(ps)) : frows) < 2) {
        if (lead_counted(n, chars, cfx, indents, stop, cont, other, closer, full, cfull, 2, &cl_max,
                         &clfx_max)) {
          ps->mode = QG_PARA_WRAPPED;
          ps->wrap_chars = ps->wrap_lead = true;
        } else if (closer_full && w_max >= 16 && full >= 3 && full >= cfull && !sentences) {
          ps->mode = QG_PARA_WRAPPED;
        } else if (closer_cfull && c_max >= 8 && cfull >= 3 && !csentences) {
          ps->mode = QG_PARA_WRAPPED;
          ps->wrap_chars = true;
        }
      }
    }
  }
  /* Named or detected, wrapped text is measured against the widest probed line (so a short
   * title first is not taken for a full line); later lines can only widen it. */
  if (ps->mode == QG_PARA_WRAPPED && !ps->wrap_modal) {
    ps->wrap_width = ps->wrap_lead ? cl_max : ps->wrap_chars ? c_max : w_max;
    ps->wrap_fx = ps->wrap_lead ? clfx_max : ps->wrap_chars ? cfx_max : wfx_max;
    /* (a set column: half the lines within 2 columns of the widest or more are at its width,
     * and three or more of those end cut inside a word: not marks hung past the column, …过冬。
     * at 26 over lines of 24, nor lines of any width; wrapped_head) */
    int near = 0, at = 0, at_cut = 0;
    for (int i = 0; i < n; i++) {
      if (widths[i] < w_max - 2) continue;
      near++;
      if (widths[i] == w_max) at++, at_cut += cut[i];
    }
    ps->wrap_set = !ps->wrap_chars && at_cut >= 3 && at * 2 >= near;
    int ind = 0;
    for (int i = 0; i < n; i++) ind += indents[i] >= 2;
    ps->wrap_indent = ind >= 2;
  }
  if (ps->mode == QG_PARA_LINE && !ps->blank_lines && qg_ctx_options(ps->base.ctx)->paragraphs == QG_PARA_AUTO)
    ps->line_auto = true, ps->line_wmax = w_max, ps->line_fxmax = wfx_max;
  /* (double-spaced copy is reported blank, as it is set, and as its cleaned text, a blank
   * line between paragraphs, reads: repair then reads the paragraphs as it will read them in
   * a second run) */
  qg_ctx_docinfo(ps->base.ctx)->paragraphs = ps->dbl ? qg_para_mode_name(QG_PARA_BLANK)
                                                     : qg_para_mode_name(ps->mode);
  /* (the layout stays `blank` for the later stages: a blank line is still the author's) */
  if (ps->blank_lines) ps->mode = QG_PARA_LINE;
  int rc = 0;
  while (ps->probe_head) {
    qg_block *l = ps->probe_head;
    ps->probe_head = l->next;
    l->next = NULL;
    if (!rc) rc = take_line(ps, l);
    else qg_block_release(ps->base.ctx, l);
  }
  ps->probe_tail = NULL;
  ps->nprobe = 0;
  ps->probe_bytes = 0;
  return rc;
}

static bool decided(const para_stage *ps) {
  return qg_ctx_docinfo(ps->base.ctx)->paragraphs[0] != '\0';
}

static int para_push(qg_stage *s, qg_block *l) {
  para_stage *ps = (para_stage *)s;
  if (decided(ps) && ps->dbl) {
    /* (double-spaced: a blank line alone between two lines is dropped; two or more end the
     * paragraph) */
    qg_block *h = ps->dbl_blank;
    ps->dbl_blank = NULL;
    if (l->blank && !h) {
      ps->dbl_blank = l;
      return 0;
    }
    int rc = 0;
    if (h && l->blank) rc = take_line(ps, h);
    else qg_block_release(ps->base.ctx, h);
    if (rc) {
      qg_block_release(ps->base.ctx, l);
      return rc;
    }
  }
  if (decided(ps)) return take_line(ps, l);
  bool blank_between = !l->blank && ps->seen_blank_after_text;
  if (blank_between) ps->blank_between_seen = true;
  if (l->blank && ps->seen_text) ps->seen_blank_after_text = true;
  if (!l->blank) ps->seen_text = true;
  l->next = NULL;
  if (ps->probe_tail) ps->probe_tail->next = l;
  else ps->probe_head = l;
  ps->probe_tail = l;
  ps->nprobe++;
  ps->probe_bytes += l->text.len;
  /* Named blank and line layouts need no probe; auto and wrapped (for its width) do. The
   * probe holds at most QG_PARA_PROBE_BYTES: the pieces of one long line (a megabyte each)
   * were held until the end of the line, so memory grew with it (110 MB for a 100 MB line;
   * probe 9 F11) */
  bool probing = ps->mode == QG_PARA_AUTO || ps->mode == QG_PARA_WRAPPED;
  /* (a blank line between lines decides for the blank layout, but the window goes on: whether
   * the lines between blank lines are paragraphs too is read from it, blank_lines) */
  if (!probing || ps->nprobe >= QG_PARA_PROBE ||
      ps->probe_bytes >= QG_PARA_PROBE_BYTES)
    return decide(ps);
  return 0;
}

static void drop_held(para_stage *ps) {
  qg_ctx *ctx = ps->base.ctx;
  while (ps->probe_head) {
    qg_block *l = ps->probe_head;
    ps->probe_head = l->next;
    qg_block_release(ctx, l);
  }
  ps->probe_tail = NULL;
  ps->nprobe = 0;
  ps->probe_bytes = 0;
  qg_block_release(ctx, ps->cur);
  ps->cur = NULL;
  qg_block_release(ctx, ps->held);
  ps->held = NULL;
  for (size_t i = 0; i < ps->nhead; i++) qg_block_release(ctx, ps->head[i]);
  ps->nhead = 0;
  ps->heads_wait = false;
  qg_block_release(ctx, ps->dbl_blank);
  ps->dbl_blank = NULL;
}

static int para_begin(qg_stage *s) {
  para_stage *ps = (para_stage *)s;
  drop_held(ps);
  ps->last_table = false;
  ps->prev_fields = ps->prev_first = 0;
  ps->prev_shape = 0;
  ps->prev_data = ps->prev_lf = false;
  ps->mode = qg_ctx_options(s->ctx)->paragraphs;
  ps->wrap_width = ps->wrap_fx = 0;
  ps->lat_n = ps->lat_w = ps->lat_prev_n = ps->lat_prev_w = 0;
  ps->lat_sp = ps->lat_prev_sp = false;
  ps->blank_width = 0;
  ps->wrap_chars = ps->wrap_modal = ps->wrap_set = ps->wrap_indent = ps->first_seen = false;
  ps->wrap_lead = false;
  ps->line_auto = ps->prev_unind = false;
  ps->fig_line = ps->fig_end = 0;
  ps->fig_at = 0;
  ps->line_wmax = ps->line_fxmax = 0;
  ps->first_line = 0;
  ps->seen_text = ps->seen_blank_after_text = ps->blank_between_seen = false;
  ps->last_width = ps->last_fx = ps->last_lead = 0;
  ps->credit_line = 0;
  ps->prev_names = ps->names_gap = ps->names_list = false;
  ps->prev_names_head = 0;
  ps->names_len = 0;
  ps->prev_eol = true;
  ps->prev_line = 0;
  ps->prev_last = 0;
  ps->prev_nd = 0;
  ps->prev_frac = false;
  ps->row_whole = false;
  ps->run_fields = 0, ps->run_shape = 0, ps->run_gap = 2;
  ps->prev_label = ps->prev_clock = false;
  ps->prev_sec = 0;
  ps->fence = 0;
  ps->fence_len = 0;
  ps->front = 0;
  ps->comment = false;
  ps->doc_lines = 0;
  ps->vtt = 0;
  ps->nb_seen = false;
  ps->after_blank = true;
  ps->in_cue = ps->prev_bullet = ps->prev_marker = ps->prev_closing = ps->prev_alone = ps->prev_quote = ps->prev_dash = false;
  ps->prev_jump = ps->prev_paper = ps->prev_mdate = false;
  ps->prev_tabs = 0;
  ps->prev_bars = 0;
  ps->prev_short = NULL;
  ps->prev_verse = 0;
  ps->blank_lines = ps->dbl = false;
  ps->md_cols = ps->prev_pipe = 0;
  ps->join_ok = false;
  ps->grp_n = 0;
  ps->grp_list = false;
  ps->prev_jue = ps->prev2_jue = 0;
  ps->prev_form = false;
  ps->prev_term = ps->prev_dose = ps->prev_qty = ps->prev_spaced = ps->verse_before = false;
  ps->refrain = false;
  ps->due_flushed = 0;
  ps->prev_cell = 0;
  ps->prev_cells = 0;
  ps->own_lo = ps->own_hi = ps->prev_nb = 0;
  ps->cell_lo = ps->cell_hi = ps->cell_one = 0;
  ps->prev_score = 0;
  ps->prev_attach = ps->above_attach = false;
  ps->label_line = 0; /* (box_label: of this document) */
  ps->prev_letter = 0; /* (letter_label: of this document) */
  ps->q_num = 0, ps->stem_open = ps->prev_qend = false, ps->stem_rest = 0;
  ps->prev_done = false; /* (done_line: of this document's last line) */
  ps->hb_line = 0;
  ps->rp_state = ps->rp_furn = 0; /* (page_repeat) */
  ps->copy_line = 0, ps->copy_len = 0; /* (pasted_again: per document) */
  ps->rp_len = 0;
  ps->rp_adj = ps->rp_fullq = false;
  ps->modal_indent = ps->prev_credit = ps->cur_photo = ps->prev_gap = ps->join_stop = false;
  return 0;
}

static int para_finish(qg_stage *s) {
  para_stage *ps = (para_stage *)s;
  int rc = decided(ps) ? 0 : decide(ps);
  if (ps->dbl_blank) { /* (a blank line last: as in any layout) */
    qg_block *h = ps->dbl_blank;
    ps->dbl_blank = NULL;
    if (!rc) rc = take_line(ps, h);
    else qg_block_release(ps->base.ctx, h);
  }
  if (!rc && ps->nhead) rc = put_heads(ps, heading_group(ps, false));
  ps->heads_wait = false;
  if (!rc) rc = flush_due(ps);
  if (!rc) rc = group_end(ps);
  if (!rc) rc = put_held(ps, false);
  return rc;
}

static void para_free(qg_stage *s) {
  drop_held((para_stage *)s);
  free(((para_stage *)s)->toks.v);
  free(s);
}

static const qg_stage_vt para_vt = {
    .name = "paragraph", .begin = para_begin, .push = para_push, .finish = para_finish,
    .free = para_free};

qg_stage *qg_stage_paragraph_new(qg_ctx *ctx) {
  para_stage *ps = calloc(1, sizeof *ps);
  if (!ps) return NULL;
  ps->base.vt = &para_vt;
  ps->base.ctx = ctx;
  ps->prev_eol = true;
  return &ps->base;
}
