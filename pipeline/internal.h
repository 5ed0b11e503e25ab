/* internal.h: what the stages share and callers of the library do not see:
 * the growable buffer, UTF-8 helpers, the block and its source map, the edit API,
 * the pipeline context and the stage contract. See docs/ARCHITECTURE.md. */
#ifndef QG_INTERNAL_H
#define QG_INTERNAL_H

#include "qinggao.h"

#include <stdarg.h>
#include <string.h>

/* ---- growable buffer (buf.c) -------------------------------------------------------------
 * Always NUL-terminated; ptr is never NULL (an empty buffer points at a static ""). */
typedef struct qg_buf {
  char *ptr;
  size_t len, cap;
} qg_buf;
#define QG_BUF_INIT {.ptr = (char *)qg_buf_empty_, .len = 0, .cap = 0}
extern const char qg_buf_empty_[1];
void qg_buf_init(qg_buf *b);
void qg_buf_free(qg_buf *b);
int qg_buf_grow(qg_buf *b, size_t extra); /* room for extra more bytes + NUL */
int qg_buf_put(qg_buf *b, const void *data, size_t len);
int qg_buf_puts(qg_buf *b, const char *s);
int qg_buf_putc(qg_buf *b, char c);
int qg_buf_printf(qg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int qg_buf_put_cp(qg_buf *b, uint32_t cp); /* UTF-8 encoding of one code point */
/* vsnprintf, with the common conversions written without stdio (same result). */
int qg_vformat(char *out, size_t cap, const char *fmt, va_list ap);
int qg_sformat(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The decimal digits of v at p (room for 20), as "%llu" writes them; returns their end. A
 * number below 100,000,000 (a line, a column, a seq: the numbers of a diagnostic) is written
 * without counting its digits first, its four low digits after its high ones (session 33,
 * lint's output); a larger one has its digits counted, then written from the last, two at a
 * time. */
static inline const char *qg_digit_pairs(void) {
  static const char pairs[] = "000102030405060708091011121314151617181920212223242526272829"
                              "303132333435363738394041424344454647484950515253545556575859"
                              "606162636465666768697071727374757677787980818283848586878889"
                              "90919293949596979899";
  return pairs;
}
/* (v below 10,000) */
static inline char *qg_put_below10k(char *p, unsigned v) {
  const char *pairs = qg_digit_pairs();
  if (v < 10) {
    *p = (char)('0' + v);
    return p + 1;
  }
  if (v < 100) {
    memcpy(p, pairs + 2 * v, 2);
    return p + 2;
  }
  unsigned h = v / 100, l = v % 100;
  if (h < 10) *p++ = (char)('0' + h);
  else memcpy(p, pairs + 2 * h, 2), p += 2;
  memcpy(p, pairs + 2 * l, 2);
  return p + 2;
}
static inline char *qg_put_u64(char *p, uint64_t v) {
  const char *pairs = qg_digit_pairs();
  if (v < 10000) return qg_put_below10k(p, (unsigned)v);
  if (v < 100000000) {
    unsigned lo = (unsigned)v % 10000;
    p = qg_put_below10k(p, (unsigned)v / 10000);
    memcpy(p, pairs + 2 * (lo / 100), 2);
    memcpy(p + 2, pairs + 2 * (lo % 100), 2);
    return p + 4;
  }
  unsigned n = 1;
  for (uint64_t t = 10; n < 20 && v >= t; t *= 10) n++;
  char *e = p + n, *q = e;
  for (; v >= 100; v /= 100) q -= 2, memcpy(q, pairs + 2 * (v % 100), 2);
  if (v >= 10) memcpy(q - 2, pairs + 2 * v, 2);
  else q[-1] = (char)('0' + v);
  return e;
}
void qg_buf_clear(qg_buf *b);
void qg_buf_truncate(qg_buf *b, size_t len);
void qg_buf_swap(qg_buf *a, qg_buf *b);

/* The data files of dicts/ (compiled in by qg_embed in CMakeLists.txt) are lists of lines.
 * Gives the next entry of t[0..n) from *pos on: a line that is not blank and does not start
 * with #, without the spaces, tabs and CR around it. *lineno counts the lines passed (may be
 * NULL). Returns false at the end. */
bool qg_list_next(const char *t, size_t n, size_t *pos, unsigned *lineno, const char **entry,
                  size_t *len);

/* ---- UTF-8 (utf8.c) ----------------------------------------------------------------------
 * The pipeline's text is valid UTF-8 (the decoder guarantees it), so these do not validate. */
/* Decodes the code point at s[*i] (i < len) and advances *i past it. */
static inline uint32_t qg_utf8_next(const char *s, size_t len, size_t *i) {
  const unsigned char *u = (const unsigned char *)s;
  size_t k = *i;
  uint32_t c = u[k];
  if (c < 0x80) { *i = k + 1; return c; }
  if (c < 0xE0 && k + 1 < len) { *i = k + 2; return ((c & 0x1F) << 6) | (u[k + 1] & 0x3F); }
  if (c < 0xF0 && k + 2 < len) {
    *i = k + 3;
    return ((c & 0x0F) << 12) | ((uint32_t)(u[k + 1] & 0x3F) << 6) | (u[k + 2] & 0x3F);
  }
  if (k + 3 < len) {
    *i = k + 4;
    return ((c & 0x07) << 18) | ((uint32_t)(u[k + 1] & 0x3F) << 12) |
           ((uint32_t)(u[k + 2] & 0x3F) << 6) | (u[k + 3] & 0x3F);
  }
  *i = len; /* truncated: cannot happen on decoder output */
  return 0xFFFD;
}
/* Offset of the start of the code point before offset i (i > 0). */
static inline size_t qg_utf8_prev(const char *s, size_t i) {
  do { i--; } while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
  return i;
}
/* Does u (at least two readable bytes: the text is NUL-terminated) start a common Han
 * character, U+4E00..U+9FFF (lead byte E4 with B8 or more, or E5..E9)? Branch-free: the test
 * runs on every character of the fast paths, where Han and marks alternate. */
static inline bool qg_utf8_common_han(const unsigned char *u) {
  return ((unsigned)(u[0] - 0xE5) <= 4) | ((u[0] == 0xE4) & (u[1] >= 0xB8));
}
/* The first ideographic space (U+3000: E3 80 80) in s[0..n), or NULL; at memchr's pace. */
static inline const char *qg_text_ideo_space(const char *s, size_t n) {
  for (const char *p = s, *e = s + n; (p = memchr(p, 0xE3, (size_t)(e - p))) != NULL; p++)
    if (e - p >= 3 && p[1] == '\x80' && p[2] == '\x80') return p;
  return NULL;
}
/* White space of a line: space, tab, ideographic space, no-break space. */
static inline bool qg_cp_is_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}
/* The other spaces of Unicode (Zs): U+2000..U+200A (en, em, thin, hair, figure, punctuation
 * space …), U+202F NARROW NO-BREAK SPACE, U+205F MEDIUM MATHEMATICAL SPACE, from PDF extraction
 * and word processors. Not white space of a line (qg_cp_is_space): the stages that remove
 * spaces (char-indent, punct-space, punct-han-space) take them as spaces; between Latin words
 * and digits (1\u202F000\u202F000, « Bonjour ») they stay, as every space does there (probe 16
 * F5; docs/punctuation.md "Spaces"). */
static inline bool qg_cp_is_uspace(uint32_t c) {
  return (c - 0x2000u <= 0xAu) || c == 0x202F || c == 0x205F;
}
/* Joining lines (join.c): whether the text around a line break (the end of a, the start of b)
 * is Chinese, and whether two lines whose sides at the break are narrow (last and the
 * character prev before it, first) join with a space. */
bool qg_join_is_cjk(const char *a, size_t alen, const char *b, size_t blen);
/* Whether s[0..n) holds the bytes m[0..mn) (mn >= 1): a short text's test for a word (punct.c's
 * CIP data, structure.c's book titles). */
static inline bool qg_has_bytes(const char *s, size_t n, const char *m, size_t mn) {
  for (size_t i = 0; i + mn <= n; i++)
    if (s[i] == m[0] && !memcmp(s + i, m, mn)) return true;
  return false;
}
bool qg_join_with_space(uint32_t last, uint32_t prev, uint32_t first, bool cjk);
/* A line end inside a URL, domain or e-mail token in Chinese text: a ends (no space) in a token
 * with a scheme, www. or an @ (qg_join_link_tail), and b goes straight on with a letter, digit,
 * . or / (qg_join_in_link, which checks both): the lines join with nothing between. */
bool qg_join_link_tail(const char *a, size_t alen);
bool qg_join_in_link(const char *a, size_t alen, const char *b, size_t blen);
/* Whether a Unix path starts at s[d], a / in the run [a, b) of text without white space or CJK
 * marks: the run opens with it or with ~/, or Han stands before it and a root folder of a Unix
 * system (home usr var tmp …) follows; a second / in the run (/home/报表/12月/b.xls). */
bool qg_join_unix_root(const char *s, size_t a, size_t b, size_t d);
/* A Latin word cut by the column in Chinese text (Peter Kip|rop以2:08:15夺得): a ends, no white
 * space, with ASCII letters after white space, Han or its start, the last one small; b opens, no
 * white space, with two or three small ASCII letters and a wide character (Han, a Chinese mark)
 * straight after them.
 * The lines join with nothing between (qg_join_word_cut); qg_join_latin_tail: a ends so. */
bool qg_join_latin_tail(const char *a, size_t alen);
bool qg_join_word_cut(const char *a, size_t alen, const char *b, size_t blen);
/* Whether the line end between a and b cuts a code (capitals and digits: 91330100MA | BC4D5E) in
 * Chinese text: the lines join with nothing between (session 42). */
bool qg_join_code_cut(const char *a, size_t alen, const char *b, size_t blen);
/* Whether a ends and b opens with runs of ASCII capitals and digits (a space put there is said). */
bool qg_join_caps_cut(const char *a, size_t alen, const char *b, size_t blen);
/* Whether c is an ASCII letter or digit. */
bool qg_ascii_alnum(uint32_t c);
/* Number of code points in s[0..len). */
size_t qg_utf8_count(const char *s, size_t len);
/* For text the user gives outside the inputs (style maps, cue files): the offset of the first
 * byte that is not valid UTF-8 or starts a control character other than tab (C0, DEL, C1),
 * n when there is none; *what names the fault then. */
size_t qg_utf8_text_check(const char *s, size_t n, const char **what);
/* Writes the UTF-8 encoding of cp to out (4 bytes room), returns its length. */
size_t qg_utf8_encode(uint32_t cp, char *out);
/* East Asian display width of a code point: 2 for wide and full-width, else 1 (0 for
 * combining marks and invisibles). The Chinese punctuation of qg_cp_is_cjk_ambiguous is 2. */
int qg_cp_width(uint32_t cp);
/* True for characters set in the full-width CJK grid: Han, kana, hangul, CJK and full-width
 * punctuation, and the punctuation of qg_cp_is_cjk_ambiguous. Used where a line break must
 * join without a space. */
bool qg_cp_is_wide(uint32_t cp);
/* · — ‘ ’ “ ” …: East Asian width "ambiguous", full-width in Chinese print copy. */
bool qg_cp_is_cjk_ambiguous(uint32_t cp);

/* ---- source map and blocks (block.c) -----------------------------------------------------
 * The source map is a sorted list of anchors over the block text. From an anchor with
 * QG_MAP_EXACT set, each following character of the text is the next character of the
 * source line (column + 1 each), until the next anchor. Text after an anchor without it
 * (inserted or replacing text) maps entirely to the anchor's position. */
enum {
  QG_MAP_EXACT = 1,
  /* text the pipeline made that stands for nothing in the file (the space put between two
   * joined lines): an edit of such text alone changes nothing the user wrote and is not
   * reported (the join is, as para-join) */
  QG_MAP_SYNTH = 2
};
/* Exact anchors are at most about this many bytes apart, also within a long source line (the
 * decoder adds them, copies keep them), so finding a position counts at most this far: a line
 * of a megabyte with a diagnostic every few characters would otherwise take time quadratic in
 * its length. */
#define QG_MAP_STEP 1024
typedef struct qg_anchor {
  uint32_t off;  /* byte offset in the block text */
  uint32_t line, col;
  uint32_t flags;
} qg_anchor;

typedef struct qg_srcmap {
  qg_anchor *a;
  size_t n, cap;
} qg_srcmap;

/* What a block looks like to the repair and structure stages (stages/cues.c). */
typedef enum { QG_END_NONE = 0, QG_END_STOP, QG_END_CLAUSE, QG_END_COLON } qg_end_mark;
/* A tail of the text to split off: starts at byte `at` (SIZE_MAX: none); the text kept from
 * it is [keep_off, keep_off + keep_len) (the rest, brackets, is dropped and reported). */
typedef struct qg_tail {
  size_t at, keep_off, keep_len;
} qg_tail;
typedef struct qg_feat {
  uint32_t chars;      /* characters other than white space */
  uint32_t commas;     /* clause marks ，,、；; (a comma between digits is not one) */
  uint32_t stops;      /* sentence-final marks before the last one */
  uint32_t non_han;    /* characters that are not Han */
  bool unclosed;       /* a bracket or book-title mark (（ 《 〈 【) is left open */
  bool quote_open;     /* a “ is left open (a display line never does that) */
  bool num_comma;      /* one of the commas is the 、 of a subhead number (一、 1、), which
                        * qg_feat_heading does not count (session 25; in the padding before
                        * `end`: the block's size is unchanged) */
  qg_end_mark end;     /* how the text ends, past closing quotes and brackets */
  bool end_exclaim;    /* …and the final mark is ！ or ？ */
  bool subtitle;       /* starts with a dash: ——看… */
  bool section, byline, caption, credit, author, subhead_num; /* cue matches */
  bool sidebar;        /* a sidebar's or note's label ([sidebar]) alone, or with a colon first */
  bool notice;         /* the heading of a notice or an ad of a classified page ([notice]) */
  bool table;          /* a table row (qg_text_is_table_row) */
  size_t ornament;     /* bytes of a leading ornament (and the spaces after it), 0: none */
  size_t dateline;     /* bytes of the dateline at the start, 0: none */
  qg_tail credit_keep; /* credit: the kept part of the whole block */
  qg_tail credit_tail; /* a credit at the end of a caption */
  qg_tail author_keep; /* author: the kept part of the whole block */
  qg_tail author_tail; /* an author tag at the end of a paragraph */
} qg_feat;

/* qg_block.lead: QG_LEAD_ITEM a list item led by a bullet (- 顶, - 666, · 焯水…); QG_LEAD_VERSE
 * a line of verse or lyrics of a group put out line by line; QG_LEAD_REST (on a LINE block
 * only) a line that opens like a list item but was taken for a wrapped line's rest, whose join
 * the paragraph stage reports (para-join). */
enum { QG_LEAD_NONE, QG_LEAD_ITEM, QG_LEAD_VERSE, QG_LEAD_REST };

struct qg_block {
  qg_kind kind;
  qg_kind apart;    /* QG_KIND_EDITOR_NOTE, QG_KIND_ATTACHMENT or QG_KIND_CONTACT: the kind the
                     * structure stage found for a p (the label alone of an editor's note: a
                     * subhead) that a paper sets apart, which qg_block_kind reports and the
                     * writers write; 0 (QG_KIND_LINE): none. Every stage reads kind, so such a
                     * block is punctuated, numbered and looked up by dedup as the p (subhead)
                     * it was before session 47, and the text is the same (s47-notes) */
  qg_buf text;
  qg_srcmap map;
  uint32_t line, end_line;
  bool eol;         /* QG_KIND_LINE: the line ended with a line break (else it is a piece) */
  bool blank;       /* QG_KIND_LINE: only white space */
  bool split_cont;  /* a paragraph's piece after the first, cut at options.max_block_bytes
                     * (para-split): no paragraph of the author's, so dedup never takes it for
                     * a repeat (the pieces of one long repetitive line were removed as repeats
                     * of each other: 8 of 9 MB lost; probe 9 F6) */
  uint32_t cut_prev, cut_next; /* the characters across a piece cut (stages/decode.c's, at
                     * options.max_block_bytes) at the text's start and end, 0: none; cut_prev
                     * is the one before, past a variation selector or skin tone. A ZWJ the cut
                     * leaves at an end between two emoji is kept (chars.c; review 15b R6: it
                     * was removed as a stray joiner) */
  bool own_line;    /* a line of its own that the paragraph stage found in a run of its kind (a
                     * line of verse set one 句 to a line, a glossary's or a prescription's row):
                     * the repair stage joins nothing to it and it to nothing (probe 20 H1, H2) */
  bool indent_start; /* a paragraph the paragraph stage opened at an indented line under one
                     * that had none, on a wrapped page whose indents show where paragraphs start:
                     * the author's paragraph, which repair continues nothing into (session 32) */
  uint8_t lead;     /* how the paragraph stage read the line's lead (QG_LEAD_*): a line that
                     * opens a list item keeps it on the paragraph it starts, and a line of
                     * verse or lyrics put out as a line of its own is marked; the structure
                     * stage makes such a paragraph body text, never a heading (probe 20 M6) */
  bool verbatim;    /* a line of Markdown's verbatim text (a fenced code block with its
                     * fences, front matter at the top of a document: paragraph.c): a block of
                     * its own, left as written by the character stages (probe 13 C3, C5) */
  bool mid_line;    /* split off the end of a paragraph's line (a credit, an author tag): its
                     * removal is reported from where it starts, not from column 1 */
  bool forms;       /* the chars stage met vertical forms or half-width katakana in the text,
                     * which qg_forms_apply looks at again once the repair stage has joined the
                     * block's lines (joined blocks: either's) */
  bool lead_marks;  /* the text opens with combining marks with no base (variation selectors
                     * among them) that the character stage kept and left to the repair stage
                     * to report: a join puts them on their base (probe 16 F1) */
  uint32_t dup_of_line; /* --dedup=mark: first line of the paragraph this one repeats */
  bool has_dup;         /* --dedup=mark: dup is set */
  qg_dup_ref dup;
  uint32_t article;     /* 1-based article number set by the structure stage (0: none) */
  uint32_t dateline_len; /* bytes of text that are a dateline (本报讯…); edits keep it mapped */
  bool table_row;       /* the structure stage found a table's row (feat.table when it decided;
                         * kept through later edits, which clear feat) */
  bool feat_ok;         /* feat is valid for the current text (cleared by every change) */
  qg_feat feat;
  bool words_ok, sentences_ok; /* set by the segment stage, which runs last */
  struct qg_tokens *seg;       /* words and sentences, allocated on first use */
  struct qg_block *next; /* queue and free-list link */
};

int qg_srcmap_add(qg_srcmap *m, uint32_t off, uint32_t line, uint32_t col, uint32_t flags);
void qg_srcmap_clear(qg_srcmap *m);
void qg_srcmap_free(qg_srcmap *m);
/* Position of byte offset off in text (of length len) under map m. */
qg_pos qg_srcmap_pos(const qg_srcmap *m, const char *text, size_t len, size_t off);
/* qg_block_pos of from and of to (from <= to), the second counted on from the first when both
 * are in the text of one exact anchor. */
void qg_block_span(const qg_block *b, size_t from, size_t to, qg_pos *start, qg_pos *end);
/* Appends src[from..to) of block s to block d, with its source map. */
int qg_block_append_range(qg_block *d, const qg_block *s, size_t from, size_t to);
/* d (empty) takes s's text and anchors whole where that equals the copy, else copies (s51-para) */
int qg_block_take_text(qg_block *d, qg_block *s);
/* Appends text that maps entirely to pos (a separator, a replacement). */
int qg_block_append_synthetic(qg_block *d, const char *text, size_t len, qg_pos pos);
/* The last character of b's text that is not white space (0: none). */
uint32_t qg_block_last_char(const qg_block *b);
/* Whether b's text ends (starts) with one of the words (UTF-8, a NULL-terminated list), spaces
 * and tabs at its end (start) aside. */
bool qg_block_ends_with_any(const qg_block *b, const char *const *words);
bool qg_block_starts_with_any(const qg_block *b, const char *const *words);
/* Whether the ASCII dot at s[at] follows Chinese numerals and ends no sentence: a heading's
 * label at the start of the text (一.指导思想, 第一章.总则) or the dot between a month and a day
 * (一二.九运动); stages/cues.c, as the punct stage decides (numeral_dot there). */
bool qg_text_numeral_dot(const char *s, size_t n, size_t at);
/* Whether s opens with a speaker's name or a field's label: one to four Han characters, up to
 * three pictographs after them (U+2300..U+23FF, U+2600..U+27BF, U+2B00..U+2BFF, U+1F000..U+1FAFF,
 * with U+FE0F and U+200D between: 小鱼🐟), then ： or : and text (阿杰：去去去！, 时间：5月3日).
 * The count of Han characters, or 0; *pics (may be NULL) the pictographs. stages/cues.c; the
 * paragraph stage's chat names, repair's label-led lines and the structure stage's turns of a
 * chat all read it. */
int qg_text_speaker(const char *s, size_t n, int *pics);
/* Whether s (a line) ends with a poet's or an author's name (probe 10a F7; session 22): a
 * dynasty or country of one or two Han characters in brackets ( ) （ ） 〔 〕 [ ] ［ ］ 【 】 at
 * the line's start, or one Han character and · first, before a name of two to four Han
 * characters ((唐)王之涣, ［唐］李白, 唐·李白: QG_POET_DYNASTY); the same bracket after a
 * title's 》 or white space (《登鹳雀楼》（唐）王之涣: QG_POET_TITLED); two Han characters and ·
 * (南宋·陆游, but also 城市·记忆: QG_POET_DOT); the name alone (李白: QG_POET_NAME); else
 * QG_POET_NONE. stages/cues.c; the paragraph stage keeps such a line apart from the text under
 * it, the structure stage makes it the byline under a poem's or a work's title. */
enum { QG_POET_NONE, QG_POET_NAME, QG_POET_DOT, QG_POET_DYNASTY, QG_POET_TITLED };
int qg_text_poet(const char *s, size_t n);
/* Whether t[i..n), after an indent t[0..i) of ASCII spaces and TABs (i may be 0), reads as a
 * line of program code: ASCII only (no Han, no full-width mark), with a sign of code: = { }, a
 * ; at its end (squares = [x**2 …], int n;), a name and its bracket with nothing between
 * (print(squares)), a keyword first (def, return, import, …), or if/for/while/… with a colon
 * at its end (for x in xs:). Prose, and English prose with brackets (The (new) plan), is no
 * code. stages/cues.c (session 22: chars.c's code_line, which decides an indent is kept, reads
 * the same; the paragraph and repair stages keep two code lines apart, the structure stage
 * makes a code line body text). */
bool qg_text_code_line(const char *t, size_t n, size_t i);
/* Subtitle files and pipe tables (cues.c; the paragraph stage and the text writer). */
/* Whether s[0..n) is a cue's time code (SRT 00:01:02,500 --> 00:01:05,200, WebVTT
 * 00:01.000 --> 00:04.000 and its settings after it). */
bool qg_text_timecode(const char *s, size_t n);
/* Whether s[0..n) is a WebVTT file's header line: WEBVTT alone, or followed by a space or a TAB
 * and any text (WEBVTT - 字幕), white space at the end aside. WEBVTT格式… is none. */
bool qg_text_vtt_header(const char *s, size_t n);
/* Whether s[0..n) opens a WebVTT block that is no cue: NOTE, STYLE or REGION alone or followed
 * by a space or a TAB (a comment, a style sheet, a region's settings). */
bool qg_text_vtt_block(const char *s, size_t n);
/* Whether s[0..n) is a row of a Markdown pipe table as written: it opens and ends with | (white
 * space at the ends aside) and holds two of them at least. */
bool qg_text_pipe_row(const char *s, size_t n);
/* Songbooks in numbered notation (简谱; session 24, cues.c). Whether s[0..n) is a line of
 * notes: single figures 0 to 7 (never two figures together), four or more, between white space,
 * dots, dashes, bar lines and the marks of rests, ties and octaves only, with a bar line (| ‖ ｜)
 * (1 2 3 5 | 6 5 3 - |; a held note's dash is no bar: review 24 M5, a spaced OCR date has them),
 * or a held note's dash last after white space (5 3 2 1 -; session 26). A calendar's week is
 * none (session 25): figures (the first no 0) each one more than the one before, with only white
 * space and bar lines between (1 2 3 4 5 | 6 7 |), the bars where a week's are (before the last
 * two days, or after the first and before the last: 1 2 3 4 | 5 6 7 | is a scale; session 26). */
bool qg_text_score_line(const char *s, size_t n);
/* 1 when qg_text_score_line, 2 for a line of notes that may be a calendar's week too (1 2 3 4 5
 * | 6 7 |: the structure stage takes it for notes over lyrics), else 0 (session 26). */
int qg_text_notes(const char *s, size_t n);
/* Whether s[0..n) is a line of lyrics set under such notes: three or more Han syllables, most of
 * them standing alone between white space (我 爱 北 京 天 安 门，), with only marks of Chinese
 * text between them and perhaps a verse's number first (1. ①). */
bool qg_text_sung_line(const char *s, size_t n);
/* Whether s[0..n) is a notice's closing formula and nothing else, white space at its ends aside:
 * 特此 and 公告 通知 通告 函告 说明 报告 批复 证明 函复 讣告 声明 敬告, then perhaps 。 ！ . ! (特此公告。,
 * 特此讣告): the line before a notice's signature (probe 11a F13, F21; the paragraph stage and
 * the structure stage ask it; 讣告 声明 敬告 since session 24). */
bool qg_text_closing_formula(const char *s, size_t n);
/* Whether s[0..n) is a contact line and nothing else (session 25, cues.c): a label of one to
 * six Han characters naming a means of contact (联系人 联系电话 咨询电话 看房热线 手机 微信 邮箱
 * 传真 网址 客服 …) and its colon, then at most 60 characters with no sentence or clause mark
 * (one 。 at the end aside; a bracket's note, （工作日，9:00-17:00）, may hold them) that hold a
 * telephone number (seven figures or more, - and white space between) or a mail or web address:
 * 联系电话：0571-88886666, 联系人：王老师 13800000000, 联系人：王老师　电话：13800000000. Two
 * notices of one page end with the same one legitimately (the dedup stage keeps its repeats, as
 * a byline's; the structure stage sets one alone as body text). */
bool qg_text_contact_line(const char *s, size_t n);
/* 'Q' or 'A' when s (n bytes) opens with a question's or an answer's label, Q: A: Q： A： (after
 * up to two * or _ of Markdown's emphasis) and text, else 0 (session 22, probe 22 M5: the
 * paragraph stage keeps such lines apart, repair joins no answer to its question). */
int qg_text_qa_label(const char *s, size_t n);
/* An exam's item number (12. 12． 12、 with dunhao): the offset past its mark, 0 when none; and
 * an exam section's heading (…题…分）). cues.c. */
size_t qg_text_exam_item(const char *s, size_t n, bool dunhao, unsigned *num);
bool qg_text_exam_heading(const char *s, size_t n);
/* The fields of a form's row in s: words (between white space) that open with a label of one
 * to QG_FORM_LABEL Han characters, a colon and a value with no white space first (姓名：张某
 * 性别：男, 词：佚名　曲：佚名, 黑方：柯某九段　白方：申某九段, 媒体联系人：李女士　电话：…); other
 * words are looked past. stages/cues.c (session 22): two or more make a form's row, which the
 * paragraph stage joins no line to (form_row) and the structure stage takes for a title only
 * when no other line can be (field_row). */
#define QG_FORM_LABEL 6
unsigned qg_text_form_fields(const char *s, size_t n);

/* ---- pipeline context (pipeline.c) -------------------------------------------------------- */
typedef struct qg_ctx qg_ctx;

/* Reports the combining marks that open b's text (lead_marks) as having no base (char-combining)
 * and clears lead_marks (stages/chars.c). */
int qg_chars_report_lead(qg_ctx *ctx, qg_block *b);
/* The vertical presentation forms and half-width katakana whose change needs the whole
 * paragraph (a bracket's partner, the paragraph's Han characters, a word cut at a line end),
 * made on each block the repair stage passes on, after its joins (before them the chars stage
 * makes what its paragraph shows, reporting nothing kept; with no repair stage it makes all):
 * stages/chars.c, vertical_form. */
typedef struct qg_forms qg_forms;
qg_forms *qg_forms_new(void);
void qg_forms_free(qg_forms *f);
int qg_forms_apply(qg_forms *f, qg_ctx *ctx, qg_block *b);

/* Block pool: blocks are reused with their buffers; a bounded number is kept. */
qg_block *qg_block_get(qg_ctx *ctx, qg_kind kind);
void qg_block_release(qg_ctx *ctx, qg_block *b);

/* Says what failed the document (a resource the document does not own: the archive), for
 * qg_pipeline_errmsg; printf-style. */
void qg_ctx_set_errmsg(qg_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Raises a diagnostic. msg is printf-style. Returns 0 or QG_ERR_STOPPED. */
int qg_report(qg_ctx *ctx, const char *rule, qg_pos start, qg_pos end, const char *original,
              const char *replacement, bool fixed, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/* As qg_report, at the severity of the rule's table entry unless sev >= 0 overrides it. */
int qg_report_sev(qg_ctx *ctx, const char *rule, int sev, qg_pos start, qg_pos end,
                  const char *original, const char *replacement, bool fixed, const char *fmt,
                  va_list ap);
/* The diagnostic of an edit (fixed) of session e (qg_edit_replace), in two halves:
 * qg_report_edit_count counts it in the docinfo and returns what the handler reads of it
 * (QG_WANTS_* bits and pipeline.c's own; *sev its severity); only when QG_WANTS_CALL is among
 * them does the edit call qg_report_edit, which gives the handler the diagnostic: its span
 * e->rep_start .. rep_end, original rep_o[0..rep_olen) and replacement rep_r[0..rep_rlen),
 * copied into e->orig and e->rep (NUL-terminated) only when the handler reads them. */
typedef struct qg_edit qg_edit;
unsigned qg_report_edit_count(qg_ctx *ctx, const char *rule, qg_severity *sev);
int qg_report_edit(qg_edit *e, const char *rule, qg_severity sev, unsigned wants, const char *fmt,
                   va_list ap);
/* What qg_report_edit_count did not do, when it answers QG_REPORT_EDIT_FULL (a handler without
 * diag_wants: its diag_wants_text asked before each diagnostic), with qg_report_edit. */
int qg_report_edit_full(qg_edit *e, const char *rule, const char *fmt, va_list ap);
#define QG_REPORT_EDIT_FULL (0x40u | QG_WANTS_CALL)
/* Removes block b from the stream: raises a diagnostic under rule (the whole block as the
 * original text), tells the handler's removed callback, then releases b. */
int qg_block_remove(qg_ctx *ctx, qg_block *b, const char *rule, uint32_t dup_line,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

const qg_options *qg_ctx_options(const qg_ctx *ctx);
/* Attaches dup to the diagnostics and removals raised until it is set back to NULL. */
void qg_ctx_set_dup(qg_ctx *ctx, const qg_dup_ref *dup);
/* Attaches link (qg_diag.link: fixes that stand or fall together) to the diagnostics raised
 * until it is set back to 0; qg_ctx_link_ids reserves n link numbers of the document and
 * returns the first (numbers start again with each document). */
void qg_ctx_set_link(qg_ctx *ctx, uint32_t link);
uint32_t qg_ctx_link_ids(qg_ctx *ctx, uint32_t n);
qg_ctx *qg_pipeline_ctx(qg_pipeline *p); /* for tests that drive a stage by hand */
/* Between documents (none open): take_back false sets the pipeline's mark; true takes back
 * from the stages' cross-document state (the repeat index of --dedup-scope run) what the
 * documents since the mark put there, as if they had failed (qg_stage_vt.mark). For the CLI
 * (cli/batch.c, not exported): a JSON Lines file is one document per record, and when the
 * file's output is dropped its records must not stay first occurrences (probe 18 D1).
 * QG_ERR_USAGE while a document is open or from a callback. */
int qg_pipeline_mark(qg_pipeline *p, bool take_back);
/* The lowest first line (qg_block_line) of the blocks waiting in the batch queues between the
 * stages (options.batch > 1), UINT32_MAX when none waits; on two threads, call it after
 * qg_pipeline_sync (the items handed over are then done). For the CLI's lint (cli/lint.c,
 * stream_decide): in batches the dedup stage removes a repeat while kept blocks before it
 * still wait in the queues after it, so the lines of the last blocks out or removed are not
 * a bound of what the stages still hold; this is (review 17 D1). */
uint32_t qg_pipeline_queued_low(const qg_pipeline *p);
/* On two threads (options.threads), during a document: hands the diagnostics and removals the
 * first thread raised since its last hand-off to the second, and waits until the second has
 * given the handler everything handed to it; then the handler has had all the document's
 * events one thread would have given it by now (the blocks waiting in the split queue stay
 * there, as they would). For the CLI: a reader's warning (zio_warn_hook) written to the stream
 * the handler writes messages to, in their order and not while the handler writes. Does
 * nothing on one thread; the back's status. */
int qg_pipeline_sync(qg_pipeline *p);
/* Time per stage (the CLI's --stage-times, for bench/): from now on the wall time of
 * qg_pipeline_feed and qg_pipeline_finish is charged to the stage running, switched where a
 * batch queue passes its blocks on (options.batch > 1), where a line reaches the first stage
 * and where the driver finishes a stage (two clock readings a batch a stage: a cost of about
 * 1% on bench copy). QG_ERR_USAGE while a document is open, from a callback or on a pipeline
 * whose options were refused. */
int qg_pipeline_time_stages(qg_pipeline *p);
/* The slots' names ("decode", the stages' names in chain order, "write" for the handler's
 * block callback) and their seconds so far, max at most; returns how many (0: not timed). */
size_t qg_pipeline_stage_times(const qg_pipeline *p, const char **names, double *secs, size_t max);
qg_docinfo *qg_ctx_docinfo(qg_ctx *ctx);

/* ---- the edit API (block.c) --------------------------------------------------------------
 * Every change to a block's text goes through an edit session, which rebuilds the text and its
 * source map in one pass and raises one diagnostic per edit with the original span.
 * Edits are given in increasing, non-overlapping order of offsets into the text as it was at
 * qg_edit_begin. The session's buffers belong to the stage and are reused block after block. */
struct qg_edit {
  qg_ctx *ctx;
  qg_block *b;
  qg_buf out;
  qg_srcmap map;
  qg_buf orig, rep; /* NUL-terminated copies for the diagnostic */
  size_t done;      /* offset in the old text up to which out is built */
  size_t nedits;
  size_t dateline_new; /* the block's dateline_len mapped into out, once known */
  bool dateline_set;
  /* running counts, so positions cost the characters since the last one (block.c):
   * in the old text, anchor pk with pcnt characters from it to poff (the next anchor at
   * pnext); in out, ocnt characters from the anchor at oanchor to ooff */
  size_t pk, poff, pnext, oanchor, ooff;
  uint32_t pcnt, ocnt;
  bool pvalid, ovalid;
  /* the position of done and its anchor (dk), once an edit has set them */
  bool dvalid;
  long dk;
  qg_pos dpos;
  /* the last copy of old text ended at cend, its last character under the old anchor cendk;
   * cdel: only deletions since (edit_copy then knows the next copy needs an anchor) */
  bool cdel;
  long cendk;
  size_t cend;
  /* the edit being reported, for qg_report_edit */
  qg_pos rep_start, rep_end;
  const char *rep_o, *rep_r;
  size_t rep_olen, rep_rlen;
};
void qg_edit_init(qg_edit *e);
void qg_edit_free(qg_edit *e);
void qg_edit_begin(qg_edit *e, qg_ctx *ctx, qg_block *b);
/* Replaces old text [off, off+len) with rep[0..replen) and reports it under rule.
 * Returns 0, QG_ERR_NOMEM or QG_ERR_STOPPED. */
int qg_edit_replace(qg_edit *e, size_t off, size_t len, const char *rep, size_t replen,
                    const char *rule, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* qg_block_span of the session's block (the text as it was when the session began) with the
 * session's running count: cheap for offsets at or after the last position asked (a note a
 * stage raises between its edits), right for any. */
void qg_edit_span(qg_edit *e, size_t from, size_t to, qg_pos *start, qg_pos *end);
/* Offset in the old text before which no edit may start any more. */
static inline size_t qg_edit_done(const qg_edit *e) { return e->done; }
/* Applies the session to the block (no-op when there were no edits). */
int qg_edit_end(qg_edit *e);

/* ---- protected spans and script context (stages/protect.c) -------------------------------
 * qg_protect_find lists, in one pass over a block's text, the spans no stage may rewrite
 * (docs/punctuation.md): sorted by offset, non-overlapping, byte offsets [start, end). The
 * list is reused from call to call, so steady state allocates nothing. */
typedef enum qg_span_kind {
  QG_SPAN_NONE = 0,
  QG_SPAN_URL,       /* https://… www.… */
  QG_SPAN_EMAIL,
  QG_SPAN_PATH,      /* /usr/bin, C:\dir, ~/x, src/main.c */
  QG_SPAN_DOMAIN,    /* example.com, Node.js */
  QG_SPAN_CODE,      /* `code`, snake_case, f(x), a::b, --option */
  QG_SPAN_VERSION,   /* v2.3.1, 1.2.3 */
  QG_SPAN_IP,        /* 192.168.1.1(:8080) */
  QG_SPAN_DECIMAL,   /* 3.14, .46 */
  QG_SPAN_GROUPED,   /* 1,258,000 */
  QG_SPAN_TIME,      /* 8:30, 14:12:36 */
  QG_SPAN_RATIO,     /* 3:1 */
  QG_SPAN_HYPHEN_ID, /* 2011-02-15, 0372-5551234, WZ-10, 2-8 */
  QG_SPAN_INITIALS,  /* D.H. (before a Han name), U.S */
  QG_SPAN_LATIN,     /* a run of Latin-script text with its own punctuation */
  QG_SPAN_IDENT      /* any other token with inner marks: km/h, 1/2, don't */
} qg_span_kind;
typedef struct qg_span {
  uint32_t start, end;
  qg_span_kind kind;
} qg_span;
typedef struct qg_spans {
  qg_span *v;
  size_t n, cap;
} qg_spans;
void qg_spans_init(qg_spans *sp);
void qg_spans_free(qg_spans *sp);
/* Fills sp with the protected spans of s[0..len). Returns 0 or QG_ERR_NOMEM. */
int qg_protect_find(qg_spans *sp, const char *s, size_t len);
/* The same spans, from offsets the caller found while reading the text (the punctuation
 * stage's cells): cand[0..ncand), increasing, the starts of characters the finder does not step
 * over (ASCII letters and digits, the ASCII marks < & ! ] ( ` . - / ~, characters below U+2000
 * and Hangul's U+A000..U+DFFF), among them every such character that follows one it steps over
 * (white space, another ASCII mark or control, from U+2000 on but Hangul); the finder goes from
 * one to the next where it would step over characters. s must be valid UTF-8, as the pipeline's
 * text is: on bytes that are not, qg_protect_find steps over a lead by its length where the
 * cells take one byte, and the two may differ (review 52). */
int qg_protect_find_cand(qg_spans *sp, const char *s, size_t len, const uint32_t *cand,
                         size_t ncand);
/* Tests: 0 when the punctuation stage's one scan (its cells made first, listing where
 * qg_protect_find_cand stops, the spans' flag put on them after) gives the spans, cells and
 * lists that qg_protect_find and the cells made one character at a time from its spans give;
 * 1 when they differ, QG_ERR_NOMEM. *again: the cells were made a second time from the spans
 * (a combining mark at a span's edge). */
int qg_punct_cells_check(const char *t, size_t n, bool *again);
/* Is offset off inside a span? *cursor (start at 0) makes a left-to-right scan linear. */
bool qg_spans_covers(const qg_spans *sp, size_t off, size_t *cursor);
const char *qg_span_kind_name(qg_span_kind k);
/* Script context: Han ideographs (ICU Script=Han beyond the common blocks); CJK and
 * full-width punctuation (with “ ” ‘ ’ — … ·); Latin, Greek and Cyrillic letters; characters
 * of transliterated foreign names (约翰, 史密斯). */
bool qg_cp_is_han_rest(uint32_t c); /* qg_cp_is_han past the common ranges */
static inline bool qg_cp_is_han(uint32_t c) {
  if (c < 0x2E80) return false;
  if (c >= 0x4E00 && c <= 0x9FFF) return true;
  return qg_cp_is_han_rest(c);
}
/* CJK and full-width punctuation (the punctuation stage classifies every mark with it:
 * inline). */
static inline bool qg_cp_is_cjk_punct(uint32_t c) {
  if (c < 0xB7) return false;
  return c == 0xB7 || c == 0x2014 || c == 0x2015 || c == 0x2026 || c == 0x2018 || c == 0x2019 ||
         c == 0x201C || c == 0x201D || (c >= 0x3001 && c <= 0x3003) ||
         (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301F) || c == 0x30FB ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF01 && c <= 0xFF0F && c != 0xFF04 && c != 0xFF05 &&
                                          c != 0xFF0B) ||
         (c >= 0xFF1A && c <= 0xFF20 && c != 0xFF1C && c != 0xFF1D && c != 0xFF1E) ||
         (c >= 0xFF3B && c <= 0xFF3D) || (c >= 0xFF5B && c <= 0xFF65);
}
bool qg_cp_is_latin(uint32_t c);
/* One of the common surnames of one character (王 李 张 …): names in a list split by spaces
 * (punct.c two_names) and a credit line's names (structure.c surname_at). */
bool qg_cp_is_common_surname(uint32_t c);
bool qg_cp_is_foreign_letter(uint32_t c); /* Hangul, Thai, Arabic… letters and marks */
/* A combining mark (general category Mn, Mc, Me: accents, variation selectors, keycaps). */
bool qg_cp_is_mark(uint32_t c);
bool qg_cp_is_translit(uint32_t c);
/* Is the dash s[dash, dash+dash_len) between two years of a span of time (2023-2025年)? */
bool qg_year_span_at(const char *s, size_t len, size_t dash, size_t dash_len);
/* Is the dash s[dash, dash+dash_len) between the figures of a range of numbered items after 第
 * (第3-5项, 第1-3名: ～ since session 40; 第1-3天 is a span, qg_year_span_at)? */
int qg_ordinal_range_at(const char *s, size_t len, size_t dash, size_t dash_len);
/* Whether the ASCII dot at s[dot] ends a Chinese sentence before a number that starts the next
 * (完工.2025年投入使用, 3个.4月份), not the point of a decimal .46 (protect.c). */
bool qg_stop_before_number(const char *s, size_t n, size_t dot);
/* Whether the ASCII dot at s[dot] stands between a word that ends no sentence (今年, 3号线, 在,
 * 共: qg_cp_wants_object) and a count of whole things (他今年.35岁, 在3号线.5个站点): a stray dot
 * or a decimal that lost its 0, left as written and reported (protect.c; session 42). */
bool qg_stray_dot_before_count(const char *s, size_t n, size_t dot);
/* Whether a Han character is a word that wants what follows (为 是 在 于 约 达 至 到 和 与 及 或
 * 的 第 每 近 超 逾 共 计 仅 将 从 自 由 以 比 占 等 合 率): no sentence ends on it. */
bool qg_cp_wants_object(uint32_t cp);
/* Whether the Latin run s[start, end) after Chinese text is a name (Microsoft Office, Jack Ma)
 * whose final mark ends the Chinese sentence (protect.c). */
bool qg_latin_name_run(const char *s, size_t n, size_t start, size_t end);

/* ---- the stage contract (pipeline.c) -----------------------------------------------------
 * A stage takes blocks one by one (push, which takes ownership of the block), passes blocks
 * on with qg_stage_emit, or removes them with qg_block_remove. It may hold a bounded window
 * of blocks for lookahead. finish ends the document: the stage emits what it holds and
 * returns; the driver then finishes the next stage. begin resets per-document state. */
typedef struct qg_stage qg_stage;
typedef struct qg_stage_vt {
  const char *name;
  int (*begin)(qg_stage *s);
  int (*push)(qg_stage *s, qg_block *b);
  int (*finish)(qg_stage *s);
  void (*free)(qg_stage *s);
  /* optional: the document failed (its output is not written); a stage that keeps state
   * across documents takes back what this one put there */
  void (*abort)(qg_stage *s);
  /* optional: between documents, a group of them starts here (take_back false: a mark), or
   * the group since the mark failed as a whole (true: its documents ended well, but their
   * output is not written: a JSON Lines file of the CLI whose -o DIR/ file is dropped);
   * a stage that keeps state across documents takes back what they put there
   * (qg_pipeline_mark) */
  void (*mark)(qg_stage *s, bool take_back);
} qg_stage_vt;
struct qg_stage {
  const qg_stage_vt *vt;
  qg_stage *next;
  qg_ctx *ctx;
};
static inline int qg_stage_emit(qg_stage *s, qg_block *b) { return s->next->vt->push(s->next, b); }

/* Stage constructors (one file each in stages/). Each returns NULL when out of memory. */
qg_stage *qg_stage_paragraph_new(qg_ctx *ctx);
qg_stage *qg_stage_chars_new(qg_ctx *ctx);
qg_stage *qg_stage_punct_new(qg_ctx *ctx);
/* Whether a cell of code point cp beside white space makes the punctuation stage keep it (a
 * Latin letter, a digit or Han: no CJK mark; stages/punct.c pass_spaces, checked in test_punct). */
bool qg_punct_space_side_inert(uint32_t cp);
qg_stage *qg_stage_dedup_new(qg_ctx *ctx);
qg_stage *qg_stage_numbers_new(qg_ctx *ctx); /* stages/numbers.c, GB/T 15835 */
/* Tests: the differences between the set phrases' variants the build made (number_tables.h)
 * and those made here; variants: how many were compared; used: the build's were used. */
size_t qg_numbers_tables_faults(size_t *variants, bool *used);
#ifdef QG_NUMBERS_GEN
#include <stdio.h>
/* The build's generator (tools/num_gen.c): writes number_tables.h for stages/numbers.c; 0 or 1. */
int qg_numbers_gen_tables(FILE *out);
#endif

qg_stage *qg_stage_repair_new(qg_ctx *ctx);
qg_stage *qg_stage_structure_new(qg_ctx *ctx);

/* ---- structure cues (stages/cues.c) --------------------------------------------------------
 * The cue file (dicts/structure-cues.txt, compiled in, plus options.cues_file) and what a
 * block looks like to the repair and structure stages. */
typedef struct qg_cues qg_cues;
/* Built-in cues plus those in path (NULL: none). NULL on error, with "file:line:col: what"
 * in err. */
qg_cues *qg_cues_new(const char *path, char *err, size_t errlen);
void qg_cues_free(qg_cues *c);
/* Tests: the built-in cues with every pattern compiled as written (qg_cues_new compiles them
 * with \p{Han} written out as its ranges, and shares them between pipelines). */
qg_cues *qg_cues_new_as_written(void);
qg_cues *qg_ctx_cues(qg_ctx *ctx); /* the pipeline's cues (NULL when neither stage runs) */

/* Tests: on (the default) skips a pattern when the text cannot start a match of it (its
 * first-character set); off runs every pattern. Results are the same either way. */
void qg_cues_prefilter(qg_cues *c, bool on);
size_t qg_cues_runs(const qg_cues *c); /* patterns run so far (tests) */
/* Tests: each pattern of c run alone on t[0..n) (valid UTF-8), anchored and searched, from its
 * start, after its first character, from the tail and from half way, with the filters (the
 * first, second, next-to-last and last characters, where a tail search starts) and without:
 * the runs whose results differ. runs: added to (the runs compared); skipped: added to (the
 * pattern runs the filters saved). */
size_t qg_cues_filter_faults(qg_cues *c, const char *t, size_t n, size_t *runs, size_t *skipped);
/* Tests: the code points below U+10000 where a section's first-character bitmap and its set
 * disagree (sets: the sections that have one). */
size_t qg_cues_first_faults(const qg_cues *c, size_t *sets);
/* Matches stopped at the time limit (counted as no match): a desk's pattern that backtracks
 * on some text the file check did not foresee. */
size_t qg_cues_timeouts(const qg_cues *c);
/* Tests: the built-in patterns (compiled when first needed, with \p{Han} written out as its
 * ranges) that cannot be compiled or take too long on ordinary text; patterns: how many. */
size_t qg_cues_builtin_faults(size_t *patterns);
size_t qg_cues_builtin_compiled(void); /* Tests: the built-in patterns compiled so far */
/* Tests: the built-in patterns whose analysis made at build time (cue_tables.h) differs from
 * the analysis made here, and whether \p{Han}'s ranges differ (a fault too); patterns: how
 * many were compared; used: the tables fit this cue text and ICU (else they are not used). */
size_t qg_cues_tables_faults(size_t *patterns, bool *used);
/* Tests: the built-in patterns whose serialized form made at build time (cue_tables.h) differs
 * from the pattern compiled here (serialized), or does not decode to it, or is there when the
 * pattern does not compile here (or missing when it does); patterns: how many; used: decoded
 * patterns came from the tables (they fit this PCRE2). */
size_t qg_cues_serial_faults(size_t *patterns, bool *used);
/* Tests: every built-in pattern run on t[0..n) (valid UTF-8) by ICU's engine and by PCRE2 (as
 * the built-in patterns run), anchored at the start and searched from the start, from the
 * tail and from two points inside: the runs whose results differ (a pattern that does not run
 * on PCRE2 is a fault too). runs, matches: added to (ICU's matches). */
size_t qg_cues_engine_faults(const char *t, size_t n, size_t *runs, size_t *matches);
#ifdef QG_CUES_GEN
#include <stdio.h>
/* The build's generator (tools/cue_gen.c): writes cue_tables.h for stages/cues.c; 0 or 1. */
int qg_cues_gen_tables(FILE *out);
#endif
/* The features of b; computed once and kept on the block until its text changes. */
void qg_cues_measure(qg_cues *c, qg_block *b, qg_feat *f);
/* What the scan of a block's characters has counted (stages/cues.c): end is the byte it
 * stopped at (0: nothing scanned yet). */
typedef struct qg_scan {
  size_t end;
  uint32_t chars, commas, stops, non_han;
  uint32_t digits;     /* digits, ASCII and full-width (a table row needs three) */
  uint32_t ideo_spaces; /* U+3000 (a row padded with them needs four) */
  size_t last_stop_at; /* offset of the last sentence-final mark (SIZE_MAX: none) */
  int depth, quotes;   /* brackets and quotations left open */
} qg_scan;
/* As qg_cues_measure, always measuring, and the scan goes on from st->end, where the scan of
 * the same block stopped before (text was appended since, none changed): the repair stage
 * joining a paragraph measures only the appended part again. st->end 0 (or past the text)
 * scans it all. */
void qg_cues_measure_more(qg_cues *c, qg_block *b, qg_scan *st, qg_feat *f);
/* A short display line: could be a title, kicker, section, subtitle or subhead. */
bool qg_feat_heading(const qg_feat *f);
/* A row of a table: three fields or more, separated by white space, hold a number (digits,
 * ASCII or full-width, with only . , : / % ‰ + - around them, also full-width: 1789.00, +0.85%,
 * 3:1, １７８９．００), and they are at least half of
 * the fields (600519 贵州茅台 1789.00 1801.50 +0.85%). Such lines are neither joined with the
 * lines around them nor taken for a paragraph cut at a column end. */
bool qg_text_is_table_row(const char *s, size_t len);
/* The same, for a caller that counted the digits already: digits is qg_text_digits(s, len, 3)
 * or any number not below it (the count only lets it stop early). */
bool qg_text_is_table_row_digits(const char *s, size_t len, size_t digits);
/* A line read as cells between white space (qg_text_cells; probe 17 P4, P11). A figure is a
 * field of digits (ASCII or full-width) and the marks a figure holds (. , : / % ‰ + - ± ℃ °
 * ～ ~ —), or a clock time after one or two Han characters (次日08:15), with one or two Han
 * characters of a unit after it or not (23个, 62.3万人, 156.2亿元, 2026年; a unit alone after a
 * figure, 98 分, counts as a figure too); a code is ASCII letters and digits (both), - and _, at
 * most 8 characters (G1502, CCTV-1). */
typedef struct qg_cells {
  unsigned fields;  /* fields between white space */
  unsigned figures; /* fields that are figures or codes */
  unsigned strong;  /* figures that are no bare whole number: a point, a ratio or clock time, a
                     * per cent, a degree, a sign, a range (07:25 -5℃ 1789.00 +0.85% 1:1) */
  unsigned units;   /* figures with a Han unit in the cell (23个, 156.2亿元) or in a field of
                     * its own after them (98 分), which counts as a figure (review 16 R3) */
  unsigned shape;   /* bit k: field k + 1 is a figure or code (the first 16) */
  unsigned first;   /* characters of the first field */
  bool first_han;   /* it holds Han */
  bool first_code;  /* it is a code */
  unsigned longest; /* characters of the longest field */
  unsigned last;    /* characters of the last field */
  bool adjacent_words;    /* two fields in a row that are neither figures nor codes */
  bool word_after_figure; /* such a field after a figure or code */
} qg_cells;
/* Reads s[0..n) as cells; false when it holds a clause or sentence mark (。，、；！？ ; ! ?, a ,
 * or . not between digits), more than 16 fields, a field of more than QG_CELL_MAX characters
 * (no row has one: prose stops there) or a Latin word with a small letter (prose). */
#define QG_CELL_MAX 12
bool qg_text_cells(const char *s, size_t n, qg_cells *c);
/* The digits in s[0..len), ASCII and full-width, counted up to max (sixteen bytes at a time). A
 * figure needs one: the callers of qg_text_cells that want one test this first. */
size_t qg_text_digits(const char *s, size_t len, size_t max);
/* A digit, ASCII or full-width, as its value 0-9, else -1. */
static inline int qg_cp_digit(uint32_t c) {
  if (c - '0' < 10u) return (int)(c - '0');
  if (c - 0xFF10 < 10u) return (int)(c - 0xFF10);
  return -1;
}
/* Whether rule is one of the dedup stage's diagnostics that name the copy a paragraph repeats
 * (its qg_diag's dup): dup-paragraph, dup-near, dup-archive, and since session 46 dup-record (a
 * short record kept under another lead). What `qinggao dedup` lists (write_dups.c, jsonl.c). */
static inline bool qg_rule_lists_repeat(const char *rule) {
  return rule[0] == 'd' && (!strcmp(rule, "dup-paragraph") || !strcmp(rule, "dup-near") ||
                            !strcmp(rule, "dup-archive") || !strcmp(rule, "dup-record"));
}

/* A Chinese numeral's character: 1 a digit (〇 零 一 … 九 两), 2 a multiplier (十 百 千 万 亿), 0 none. */
static inline int qg_cp_cn_numeral(uint32_t c) {
  switch (c) {
  case 0x3007: case 0x96F6: case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
  case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x4E24:
    return 1;
  case 0x5341: case 0x767E: case 0x5343: case 0x4E07: case 0x4EBF:
    return 2;
  default:
    return 0;
  }
}
/* The digits (ASCII or full-width) s[0..end) ends with: their count, their value in *v
 * (saturating past 18 digits), and in *start where they begin. */
size_t qg_text_tail_digits(const char *s, size_t end, uint64_t *v, size_t *start);
/* Whether s is a label and figures: at most 24 characters holding Han, no white space or
 * clause or sentence mark, a colon (： or :), then groups of one to four digits between white
 * space and nothing else (蓝球：09, 后区：02 11, 福彩3D第2026318期：5 8 2: a draw's result;
 * probe 17 P4, P11). */
bool qg_text_label_figures(const char *s, size_t n);
/* Rows of names set apart (qg_text_names): 、 parts names as white space does (何静、刘洋), and
 * • is a name's dot as · and ・ are (约翰•史密斯). */
enum { QG_NAMES_COMMA = 1u, QG_NAMES_BULLET = 2u };
/* Whether s[0..len) is names set apart and nothing else: items of 2 to 4 Han characters (with a
 * · or ・, and • under QG_NAMES_BULLET, up to 8 characters), white space (space, tab, U+3000; and
 * 、 under QG_NAMES_COMMA) between and around them. The count of items (0: none), or -1 when a
 * character of another kind, a Han character for which reject (if given) is true, an item too
 * short or too long or more than max items is met. *first_len (if given): the first item's
 * length, 0 when it holds a dot. The structure stage's names_line (司马青, 王强 李华 under a
 * byline's role) and the paragraph stage's names_pair (a list's last row: 赵磊　杨丽华) walk it
 * with their own separators, caps and filters. */
int qg_text_names(const char *s, size_t len, unsigned flags, int max, bool (*reject)(uint32_t c),
                  int *first_len);
/* Whether s[i..n) opens with a surname of two characters (欧阳, 司马, 诸葛…). */
bool qg_text_double_surname_at(const char *s, size_t n, size_t i);
/* A wrapped byline (session 49, review 48c M2): the runs of s[0..n) between white space (space,
 * tab, U+3000), a run that is a role word after the names (报道 摄 摄影) not counted: 本报记者　周明
 * 　王芳 has three, 记者　王芳　报道 two. A byline of three or more (a role and two names) may have
 * been wrapped; under a shorter one a name is the story's (review 49b H2, 49c R2). */
unsigned qg_text_name_runs(const char *s, size_t n);
/* Whether s[0..n) is a wrapped byline's rest, the line under it: names between white space, two
 * at least (张强　刘洋), or one with 报道 after it past white space (李强　报道), at most 30
 * characters. Not a name alone (the story's subject or a speaker under a byline reads the same:
 * review 49c R2), a name with 摄 or 摄影 (a photo credit: review 49b L6, 49c P1), nor 报道 right
 * after a name (李强报道). The paragraph stage joins such a line to its byline in the blank layout;
 * the structure stage types it a byline. */
bool qg_text_byline_rest(const char *s, size_t n);
/* A row of a list of names (session 39): Han characters only, the items set apart by white space
 * or 、, each one name or names run together, every name opening with a common surname
 * (qg_cp_is_common_surname) or one of two characters and 2 to 4 characters long (刘洋　黄晓东,
 * 刘洋黄晓东吴昊陈晨: 刘洋 黄晓东 吴昊 陈晨), or a name with a dot (黄·阿里木). The count of
 * names, at least 2; 0: none (a headline, 李家庄迎来丰收年, parses into no names). */
int qg_text_name_row(const char *s, size_t len);
/* Whether s is a list's heading over rows of names (session 39): Han characters only, at most
 * 20, a count in brackets and a colon last allowed, ending with 名单, 名单如下, 同志, 人员 or
 * 名） (获奖名单, 获奖人员名单, 受表彰同志, 优秀教师（12名）), holding 名单 (表彰名单公示), or
 * opening with 以下同志 or 以下人员 (以下同志被评为优秀志愿者). Not when it reads as a
 * sentence: 了, 已, 日前, 近日, 揭晓, 公布 or 本次 in it (session 40). */
bool qg_text_list_heading(const char *s, size_t len);
/* A label at the start of s: 1 to max Han characters, then ： or :. Returns the number of Han
 * characters (0: none) and sets *after to the offset just past the colon (the paragraph
 * stage's opens_label, the structure stage's label_value: 电话：…, 上联：…). */
int qg_text_label(const char *s, size_t len, int max, size_t *after);
/* Whether s[0..len) is a 主送机关 line of two or more bodies (各省、自治区…人民政府：): the body
 * starts on the next line (stages/paragraph.c; repair does not join across it). */
bool qg_para_addressee(const char *s, size_t len);
/* The shape of a line of classical verse set one 句 to a line (paragraph.c): the
 * count of its Han characters, 5 or 7, before its one mark; 0 for any other line. Two such
 * lines of one count in a row are lines of verse (the line layout keeps them lines, own_line;
 * repair in the blank layout does not join them, session 44). */
uint32_t qg_para_jue_shape(const qg_block *l);
/* A schedule entry's lead at the start of s (after ASCII white space): a clock time (9:00, 19:30)
 * or a span of two (7:00-9:00, 19:30—20:00; - ~ — – ～ 至 到 between), then one white space
 * (ASCII or U+3000). The offset past that space, or 0 (utf8.c; the paragraph, repair and dedup
 * stages' schedule rows). */
size_t qg_text_clock_lead(const char *s, size_t len);
/* A listing row's date field at the start of s (after ASCII white space): a month and a day in
 * figures, ASCII or full-width (12月8日, 12月10号), then one white space (ASCII or U+3000). The
 * offset past that space, or 0 (utf8.c; the repair and structure stages' listing rows, session
 * 46). */
size_t qg_text_date_field(const char *s, size_t len);
/* Whether s opens (after white space) with a list bullet and white space, then text that is no
 * digit: - * + • ‣ ◦ ⁃ · (- 外墙保温：…；, • 加装电梯…): an item of plain-text or Markdown copy
 * (utf8.c; the paragraph and repair stages). A wrapped line that opens with a hyphen, a dot or
 * a name's interpunct has no space after it (-6月, ·史密斯). */
bool qg_text_bullet_lead(const char *s, size_t len);
/* Whether s opens (after white space) with an ornament bullet of the built-in [ornament] cues,
 * □ ■ ● ◆ ◇ ▲ △ ★ ☆ ○ ◎ ▶ ▷ ► ◀, then (white space or not) text that opens with no other
 * ornament: a classified notice or a brief of a column (■孙德厚遗失…, ● 本市…; utf8.c; the
 * dedup stage's list items, session 16, probe 17 P6). */
bool qg_text_ornament_lead(const char *s, size_t len);
/* Whether t opens with an item number: 一、 （二） (3) 4. 5、 6． Ⅲ、 第七部分 第8题 …: a section
 * of an exam, a notice's item, a numbered question (not 1.10 or 8.00, a figure; utf8.c; the
 * dedup stage's numbered items). */
bool qg_text_item_number(const char *t, size_t len);
/* Whether s is an item of a list: led by a bullet (qg_text_bullet_lead) or an item number
 * (qg_text_item_number). Consecutive items are a list (the dedup and punct stages). */
bool qg_text_list_item(const char *s, size_t len);
/* Whether s holds only Markdown's block markers - * + _ = # > (at least one, 64 bytes at most)
 * and white space: a lone bullet (an empty item), a setext underline, a thematic break, an
 * empty heading or quotation line. No text: joined to another line it made a new mark (- over
 * -- gave ---, a rule; review 13 R11), joined to prose it glued a mark onto the text. A
 * paragraph of its own (utf8.c; the paragraph and repair stages). */
bool qg_text_marker_line(const char *s, size_t len);
/* A marker line of one mark (a lone - > * _ = # +): between a line cut inside a sentence (it
 * ends with a letter or digit) and its continuation it is a stray mark of the extraction, and
 * the sentence is joined around it as before (review 14 #2: it cut the sentence in three,
 * unreported). */
bool qg_text_stray_mark(const char *s, size_t len);
/* Whether s opens (after white space) with a mark that ends or joins a clause, which no
 * paragraph opens with: ， 、 。 ； ： ！ ？ ） and , . ; : ! ? ) (utf8.c; the paragraph stage's
 * joins, the repair stage's cut captions). */
bool qg_text_opens_clause_mark(const char *s, size_t len);
/* Where the note that ends a story, （完） or （全文完） (or in ASCII brackets), opens when s[0..n)
 * ends with it after text; 0 when it does not (utf8.c; repair.c done_note_at, the paragraph
 * stage's joins: session 47). */
size_t qg_text_done_note_at(const char *s, size_t n);
/* The cells of a row set apart by single white space (阿莫西林胶囊 0.25g×24粒 一次0.5g,每日3次):
 * the fields between runs of spaces, TABs or U+3000 when there are three to eight, each of at
 * most 12 characters, two of them hold a digit, no sentence mark (。！？) stands in the text
 * and no mark ends it; else 0 (utf8.c; repair keeps such rows apart, punct keeps the spaces between their cells:
 * probe 26 H5). */
int qg_text_spaced_cells(const char *s, size_t n);
/* qg_text_spaced_cells without its first test, an ASCII space in the text: a row whose cells a
 * tab or an ideographic space alone sets apart counts too (punct's rows of figures, probe 42 M3;
 * session 43). */
int qg_text_gap_cells(const char *s, size_t n);
/* A table row padded with ideographic spaces: two or more runs of two or more U+3000 between
 * cells (cues.c). Treated as a table row. */
bool qg_text_is_padded_row(const char *s, size_t n);
/* A PDF page's folio or running head on a line of its own: a page number between dashes or
 * dots (— 12 —, ·12·, 12), 第12页 (共30页; 頁 too), or a running head (cues.c). */
bool qg_text_is_folio(const char *s, size_t n);
/* qg_text_is_folio without its running head's test (qg_text_is_running_head): the paragraph
 * stage asks that once a line for its jump notes too (session 50). It needs white space (a
 * periodical's and a dated running head) or a page number's first byte (a digit, - . ~, the
 * lead bytes E2 C2 E3 EF) or 第 first. */
bool qg_text_is_folio_past_head(const char *s, size_t n);
/* Whether s[0..n)'s first byte may open the page-number shapes of qg_text_is_folio_past_head
 * (its periodical's and dated running heads aside, which need white space): a digit, - . ~,
 * white space (a space, a TAB, the lead byte C2), the lead bytes E2 E3 EF (— · 　 － ．) or 第.
 * One test for cues.c and the paragraph stage's line_folio, which asks it before the call. */
static inline bool qg_text_folio_lead(const char *s, size_t n) {
  unsigned char f0 = n ? (unsigned char)s[0] : 0;
  return (f0 >= '0' && f0 <= '9') || f0 == '-' || f0 == ' ' || f0 == '\t' || f0 == '.' ||
         f0 == '~' || f0 == 0xE2 || f0 == 0xC2 || f0 == 0xE3 || f0 == 0xEF ||
         (n >= 3 && !memcmp(s, "\xE7\xAC\xAC", 3));
}
/* Whether s[0..n) is a page's number and a date line with a weekday, a folio of
 * qg_text_is_folio (8　2026年7月21日　星期二, 2026年7月21日　星期二　9): *date its date as
 * year * 10000 + month * 100 + day (cues.c; repair.c compares the dates: session 45). */
bool qg_text_page_date(const char *s, size_t n, uint32_t *date);
/* Past a periodical's issue at s[*i..n): one to four figures, 年第, one to three figures and 期
 * (2026年第24期); whether there is one (*i moved past it only then; cues.c: a gazette's running
 * head; repair.c issue_head). */
bool qg_text_issue_at(const char *s, size_t n, size_t *i);
/* Whether s[0..n) is a page's editor line and nothing else: pairs of a desk's role and a name,
 * at least one an editor's (责任编辑：王丽 美术编辑：张成, 责任编辑 王丽, （责编：赵六）; probe 40
 * D1: page furniture between the halves of a cut paragraph, as a folio is). */
bool qg_text_editor_line_full(const char *s, size_t n);
static inline bool qg_text_editor_line(const char *s, size_t n) {
  /* (most lines fail on their length or first byte: a role's first character, 3 bytes from E5
   * to E8, a bracket or white space) */
  if (n < 12 || n > 160) return false;
  unsigned char b = (unsigned char)s[0];
  return (b - 0xE5u <= 3u || b == 0xEF || b == '(' || b == ' ' || b == '\t' || b == 0xE3) &&
         qg_text_editor_line_full(s, n);
}
/* A masthead's parts (cues.c; session 19): a paper's name (清河日报, 东湖晚报, 城市周刊: two to
 * twelve Han characters, · among them, ending in 报 報 刊); a folio alone (第3版, 第A3版, 第三版,
 * 第12页, 第12頁: the whole line); a masthead's date line (2026年12月2日, then after white
 * space a weekday, 星期三 周三 礼拜三, and after white space the lunar date, 农历十月十三; nothing
 * else). */
bool qg_text_paper_name_full(const char *s, size_t n);
static inline bool qg_text_paper_name(const char *s, size_t n) {
  /* (most lines fail on their last bytes: 报 E6 8A A5, 報 E5 A0 B1, 刊 E5 88 8A; white space
   * after the name is rare, and the whole test takes it) */
  if (n > 12 * 3 + 16 || n < 6) return false;
  const unsigned char *u = (const unsigned char *)s + n - 3;
  if ((u[0] == 0xE6 && u[1] == 0x8A && u[2] == 0xA5) || (u[0] == 0xE5 && u[1] == 0xA0 && u[2] == 0xB1) ||
      (u[0] == 0xE5 && u[1] == 0x88 && u[2] == 0x8A))
    return qg_text_paper_name_full(s, n);
  return u[2] < 0x80 || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) ? qg_text_paper_name_full(s, n)
                                                                          : false;
}
bool qg_text_folio_alone(const char *s, size_t n);
bool qg_text_masthead_date(const char *s, size_t n);
/* A paper's running head or masthead line: at most 40 characters, no clause or sentence mark,
 * ending with white space and 第N版 (第A3版; 第N页, 第N頁), a page's name after it or not (第5版
 * 要闻, 第5版：要闻): 人民日报 2024年12月1日 第5版, 2026年12月1日 星期二 第A3版 (review 17 H2);
 * or a paper's name, its date line and a page's code, last or first (东湖日报 2026年12月5日 星期六
 * A17, A17 东湖日报 2026年12月5日; probe 40 D4). */
bool qg_text_running_head_full(const char *s, size_t n);
static inline bool qg_text_is_running_head(const char *s, size_t n) {
  /* (most lines are longer, or end with a mark or a letter: their last bytes tell, here) */
  if (n > 96 || n < 6) return false;
  const unsigned char *u = (const unsigned char *)s;
  unsigned z = u[n - 1], a = u[n - 3];
  if (z < 0x80) return (z == ' ' || z == '\t' || z - '0' < 10u) && qg_text_running_head_full(s, n);
  return (a - 0xE4u <= 5u || (a == 0xE3 && (u[n - 2] >= 0x90 || (u[n - 2] == 0x80 && z == 0x80))) ||
          (a == 0xEF && u[n - 2] == 0xBC && z - 0x90u < 10u)) &&
         qg_text_running_head_full(s, n); /* (Han, U+3000, a full-width digit) */
}
/* The bars between the cells of a row (项目︱数量︱单价, 苹果 ｜ 3斤 ｜ 5元, a | b | c: ︱ ｜ |, each
 * between cells of one to twelve characters without a sentence or clause mark), or 0; at most
 * 160 bytes. Two lines in a row with as many (two or more) are rows of a table (cues.c). */
int qg_text_bar_cells_full(const char *s, size_t n);
static inline int qg_text_bar_cells(const char *s, size_t n) {
  /* (most lines end with a mark a row holds none of: 。 ， and the others, a full stop) */
  if (n > 160 || n < 5) return 0;
  const unsigned char *u = (const unsigned char *)s;
  unsigned z = u[n - 1];
  if (z < 0x80 ? z == '.' || z == ',' || z == ';' || z == '!' || z == '?'
               : (u[n - 3] == 0xE3 && u[n - 2] == 0x80 && (z == 0x82 || z == 0x81)) ||
                     (u[n - 3] == 0xEF && u[n - 2] == 0xBC &&
                      (z == 0x8C || z == 0x9B || z == 0x81 || z == 0x9F)))
    return 0;
  return qg_text_bar_cells_full(s, n);
}
/* The TABs that split a line into cells (past its indent): two or more, or one between two
 * cells of one to twelve characters without a sentence or clause mark (项目	金额); else 0
 * (cues.c). Two lines in a row with as many are rows of a table (paragraph.c, structure.c). */
int qg_text_tab_cells_full(const char *s, size_t n);
static inline int qg_text_tab_cells(const char *s, size_t n) {
  return memchr(s, '\t', n) ? qg_text_tab_cells_full(s, n) : 0; /* (most lines hold none) */
}
/* A separator line: two or more symbols or marks and nothing else (*** —————— ■■■), never a
 * heading (cues.c). */
bool qg_text_is_rule(const char *s, size_t n);
/* Jump notes of a story continued on another page (cues.c; probe 17 P1, P2, P10). Whether s is
 * one alone, white space and a leading ornament (▲ ▶ ■) aside: （下转第3版） （转A3版） 下转第三版
 * ▲下转第三版 (1, forward) or （上接第1版） 上接第一版 接第1版 (2, back); 0: none. A word, 第 or
 * not, a page (a letter and one to three digits, or one to four Han numerals) and 版. */
int qg_text_is_jump(const char *s, size_t n);
/* A letter's salutation alone on its line (尊敬的市民朋友：, 编辑同志：): a line of its own in every
 * layout, never joined to the letter's first paragraph (cues.c; review 16 N6, review 17 H3). */
bool qg_text_is_salutation(const char *s, size_t n);
/* Where a forward jump note ends the text (…供热企业将在（下转第3版）, …早见效.转第3版): its offset,
 * or SIZE_MAX. A bare 转 must follow a mark, white space or the start. */
size_t qg_text_jump_tail(const char *s, size_t n);
/* A back jump note that opens the text, in brackets or before white space ((上接第1版)24小时…,
 * 接第1版 项目…): the offset past it, or 0. */
size_t qg_text_jump_lead(const char *s, size_t n);

/* The decoder is the head of the chain: it takes bytes, not blocks (stages/decode.c). */
typedef struct qg_decoder qg_decoder;
qg_decoder *qg_decoder_new(qg_ctx *ctx, qg_stage *next);
void qg_decoder_free(qg_decoder *d);
void qg_decoder_set_next(qg_decoder *d, qg_stage *next); /* the stage the lines go to */
int qg_decoder_begin(qg_decoder *d);
int qg_decoder_feed(qg_decoder *d, const char *data, size_t len);
int qg_decoder_finish(qg_decoder *d);

/* The decoder's UTF-8 census of a detection sample s[0..n): bytes of well-formed multi-byte
 * sequences, invalid bytes, runs of invalid bytes (a sequence cut by the end is none of them
 * unless final). Declared for tests. */
void qg_utf8_census(const unsigned char *s, size_t n, bool final, size_t *mb_bytes,
                    size_t *invalid, size_t *runs);

/* Paragraph mode chosen for the current document (for docinfo). */
const char *qg_para_mode_name(qg_para_mode m);

/* ---- spool (spool.c): bytes kept in memory up to a limit, then in a temporary file -------- */
typedef struct qg_spool {
  qg_buf mem;
  FILE *file;
  size_t limit;
} qg_spool;
void qg_spool_init(qg_spool *s, size_t limit);
int qg_spool_write(qg_spool *s, const void *data, size_t len);
/* Room for up to n bytes at the end of the spool's memory, to be written there and then
 * counted by qg_spool_wrote; NULL when n bytes would not stay in memory (a temporary file, or
 * past the limit: qg_spool_write then) or there is no memory for them. What is written this
 * way lands where qg_spool_write would have put it. */
char *qg_spool_room(qg_spool *s, size_t n);
void qg_spool_wrote(qg_spool *s, size_t n);
int qg_spool_copy_to(qg_spool *s, FILE *out); /* writes everything spooled to out */
void qg_spool_reset(qg_spool *s);
void qg_spool_free(qg_spool *s);

/* ---- segmentation (stages/dict.c, stages/segment.c; docs/segment.md) ---------------------
 * The dictionary: terms in a double-array trie over their UTF-8 bytes. */
typedef struct qg_dict qg_dict;
/* Built-in terms (dicts/terms.txt) plus the files of paths (NULL-terminated, may be NULL).
 * NULL on error, with "file:line:col: what" in err. */
qg_dict *qg_dict_new(const char *const *paths, char *err, size_t errlen);
/* An empty dictionary; add terms (lists parsed with qg_dict_parse or one by one), then build. */
qg_dict *qg_dict_empty(void);
int qg_dict_add(qg_dict *d, const char *s, size_t n);
int qg_dict_parse(qg_dict *d, const char *text, size_t n, const char *name, char *err,
                  size_t errlen);
int qg_dict_build(qg_dict *d);
void qg_dict_free(qg_dict *d);
size_t qg_dict_terms(const qg_dict *d);
/* Bytes of the longest term starting at s[i] and ending by n (0: none); *status (may be NULL)
 * gets its word status. */
size_t qg_dict_longest(const qg_dict *d, const char *s, size_t n, size_t i, int *status);
/* The leftmost term in s[from..to) (from at a character start): returns its length and puts
 * its offset in *at, or 0 when there is none. */
size_t qg_dict_find(const qg_dict *d, const char *s, size_t n, size_t from, size_t to,
                    size_t *at, int *status);
/* Does a term occur in s[0..n) starting at or before from and ending at or after to? */
bool qg_dict_covers(const qg_dict *d, const char *s, size_t n, size_t from, size_t to);
/* The built-in dictionaries: dicts/terms.txt, and the sections of dicts/reduplication.txt
 * word-repeat asks (stages/segment.c). qg_dict_builtin: the build's constant table of it
 * (gen/dict_tables.h, when it fits this ICU; qg_dict_free leaves it), else built as
 * qg_dict_builtin_build builds it from the compiled-in list; NULL: out of memory. */
typedef enum qg_dict_which { QG_DICT_TERMS, QG_DICT_SINGLE, QG_DICT_GLUE, QG_DICT_LEGIT,
                             QG_DICT_BUILTINS } qg_dict_which;
qg_dict *qg_dict_builtin(qg_dict_which which);
qg_dict *qg_dict_builtin_build(qg_dict_which which);
bool qg_dict_is_table(const qg_dict *d);
/* The same trie, filters and counts (test_dict_tables: a table against the run-time build). */
bool qg_dict_same(const qg_dict *a, const qg_dict *b);
#ifdef QG_DICT_GEN
int qg_dict_gen_tables(FILE *f); /* tools/dict_gen.c */
#endif

typedef struct qg_tokvec {
  qg_token *v;
  size_t n, cap;
} qg_tokvec;
struct qg_tokens {
  qg_tokvec words, sentences;
};
/* The segmenter: ICU break iterators, protected spans, the dictionary (borrowed). */
typedef struct qg_segmenter qg_segmenter;
qg_segmenter *qg_segmenter_new(const qg_dict *d);
void qg_segmenter_free(qg_segmenter *s);
/* Words of t[0..n) into out (cleared first): dictionary terms and protected spans whole, ICU
 * between them; white space is dropped. 0, QG_ERR_NOMEM or QG_ERR_ICU. */
int qg_segment_words(qg_segmenter *s, const char *t, size_t n, qg_tokvec *out);
/* join.c: whether a word of the segmenter runs across the cut between a's last Han characters
 * and b's first (with pair, also the two at the cut alone); -1 when the segmenter fails. */
int qg_join_word_across(qg_segmenter *sg, const char *a, size_t alen, const char *b, size_t blen,
                        qg_tokvec *toks, bool pair);
/* Sentences of t[0..n) into out, without the white space around them. */
int qg_segment_sentences(qg_segmenter *s, const char *t, size_t n, qg_tokvec *out);
/* False when qg_protect_find cannot find a span in t[0..n) (checked before calling it). */
bool qg_protect_possible(const char *t, size_t n);
/* The pipeline's segmenter (dictionary from options.dicts), made on first use; NULL when
 * that fails. */
qg_segmenter *qg_ctx_segmenter(qg_ctx *ctx);
qg_stage *qg_stage_segment_new(qg_ctx *ctx);     /* tokens onto blocks (options.segment) */
qg_stage *qg_stage_lines_new(qg_ctx *ctx);       /* every line a block (light chain, words) */
qg_stage *qg_stage_word_repeat_new(qg_ctx *ctx); /* word-repeat rule */
void qg_block_seg_free(qg_block *b);

/* JSON string escaping shared by the writers (write_json.c). Writes "…" with quotes. */
int qg_json_string(qg_buf *out, const char *s, size_t len);

/* stages/decode.c: the table a legacy encoding's Private Use code points are read through (1
 * Big5: HKSCS; 2 GB18030: GB18030-2022; 3 GBK, GB2312: as GB18030-2022; 0 none), and what code point c reads as through
 * it: 1 or 2 code points in out, 0 when it stays (cli/fix.c reads files with the same maps). */
int qg_pua_family(const char *enc);
int qg_pua_map_family(int family, uint32_t c, uint32_t out[2]);
/* The other way, for the GB family (2, 3): the Private Use code point whose bytes the family's
 * table reads as c (0: none), which the family's converter writes in those bytes: cli/fix.c
 * writes a fix's 龴 U+9FB4 as FE59, GB18030-2022's two bytes, not ICU's four. */
uint32_t qg_pua_unmap_family(int family, uint32_t c);

#endif
