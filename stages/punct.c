/* punct.c: punctuation by GB/T 15834-2011 (rules in /shared rules.md, decisions in
 * docs/punctuation.md). One pass decodes a block into cells (one per character) and finds its
 * protected spans; the rules then decide per cell what it becomes, in this order:
 *   A  sequences: ellipsis, dash, 一字线 spans, 浪纹线 ranges, interpuncts; quote, bracket and
 *      book-title marks are collected as events;
 *   B  pairing of the events (quotes, brackets, book-title marks), with nesting levels; what is
 *      left unmatched is reported (a quotation running over paragraphs is not);
 *   C  width of , ; : ! ? and the sentence-final full stop (after B, so a quote that became
 *      curly counts as Chinese context);
 *   D  doubled marks; E  spaces (next to full-width marks; between Han characters in body text).
 * Finally one edit session applies the decisions in order of offsets, and report-only findings
 * are raised at their character in the same order. Cells, events and stacks are arrays owned by
 * the stage and reused block after block: nothing is allocated per character. */
#include "internal.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchar.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { R_NONE, R_WIDTH, R_STOP, R_QUOTE, R_NEST, R_ELLIPSIS, R_DASH, R_SPAN, R_RANGE,
       R_INTERPUNCT, R_BOOK, R_DOUBLED, R_SPACE, R_HANSPACE, R_TURN,
       R_NUMSPACE, R_CNEST, R_DOCNO, R_HIER, R_LATIN, R_PHONE, R_LIST, R_FORMULA, R_SPACED,
       R_DATE };
static const char *const rule_id[] = {
    NULL,           "punct-width",   "punct-full-stop", "punct-quote",   "punct-quote-nesting",
    "punct-ellipsis", "punct-dash",  "punct-span-dash", "punct-range",   "punct-interpunct",
    "punct-book-title", "punct-doubled", "punct-space", "punct-han-space", "punct-quote",
    "punct-han-space", "punct-quote-nesting", "punct-doc-number", "punct-span-dash",
    "punct-latin-width", "punct-span-dash", "punct-list-mark", "punct-latin-width",
    "punct-spaced-heading", "punct-span-dash"};
static const char *const rule_msg[] = {
    NULL,
    "half-width punctuation in Chinese text",
    "ASCII full stop ending a Chinese sentence",
    "straight quotes in Chinese text",
    "double quotes inside double quotes",
    "ellipsis",
    "dash",
    "span of time or place takes one em dash",
    "numeric range takes the wave dash",
    "interpunct in a name",
    "book-title mark",
    "doubled mark",
    "space next to full-width punctuation",
    "space between Han characters in body text",
    "quotation mark set the wrong way round",
    "space inside a number of text spaced out by OCR", /* review 10 R7 */
    "corner brackets inside corner brackets",        /* probe 11a F26 */
    "the year of a document number takes 〔〕",      /* probe 12b B18 */
    "an address's hierarchy takes the hyphen",      /* review 24 L6 (the 连接号's 短横线) */
    "full-width punctuation in English text",      /* session 28 */
    "a telephone number's groups take the hyphen (短横线)", /* session 37 */
    "a list item's Chinese numeral takes the 顿号 、", /* session 42 */
    "full-width = between ASCII letters or digits of a formula", /* session 42 */
    "a heading spaced out character by character closed up", /* session 43 */
    "an all-numeric date's groups take the hyphen (GB/T 15835)"}; /* session 45 */

enum { C_OTHER, C_HAN, C_CJKP, C_SPACE, C_LATIN, C_DIGIT };
/* F_ODDQ: an odd number of quotation marks of the cell's kind (" “ ” or ' ‘ ’) comes before it;
 * F_PRIME: a ' or " after a digit that opens no quotation, a prime (89' 39°54'27" 6'2"), also
 * F_PROT */
enum { F_PROT = 1, F_CONT = 2, F_ATTRIB = 4, F_EVENT = 8, F_ODDQ = 16, F_PRIME = 32, F_LOW9 = 64,
       F_COLGAP = 128 /* a gap column_gaps read (a column's when it counted columns) */ };
/* F_LOW9: the “ ” ‘ ’ that closes a quotation opened by „ or ‚ (German, Polish, Czech …):
 * the pair is the foreign text's, never paired, changed or reported (probe 19 R6) */
enum { A_NONE, A_CP, A_STR, A_DEL };
enum { N_NONE, N_UNMATCHED, N_RANGE_UNIT, N_RANGE_AMBIG, N_HYPHEN_RANGE, N_DASH_RANGE, N_CITATION,
       N_OUTER_SINGLE, N_COLUMNS };
enum { S_ELLIPSIS = 1, S_DASH = 2, S_LATIN = 3 }; /* S_LATIN..: an English mark and a space */
static const char *const rep_str[] = {"", "\xE2\x80\xA6\xE2\x80\xA6", "\xE2\x80\x94\xE2\x80\x94",
                                      ", ", ". ", "; ", ": ", "! ", "? "};

typedef struct cell {
  uint32_t off; /* (decode_cells writes len..note and the padding after as eight bytes) */
  uint32_t cp;
  uint32_t rcp; /* replacement code point (A_CP) or string (A_STR) */
  uint32_t aux; /* the note's end cell */
  uint8_t len, cls, flags, act, rule, note;
} cell;
_Static_assert(sizeof(cell) - offsetof(cell, len) == 8, "decode_cells writes len.. as 8 bytes");
_Static_assert(offsetof(cell, off) == 0 && offsetof(cell, cp) == 4, "decode_cells writes off, cp as 8 bytes");

/* families of paired marks */
enum { FAM_Q, FAM_P, FAM_S, FAM_B, FAM_C, FAM_N };
enum { D_OPEN, D_CLOSE, D_AMBIG };
typedef struct event {
  uint32_t k;       /* cell */
  int32_t partner;  /* event index of the other mark of the pair, -1 unmatched */
  uint16_t level;   /* opens of the family outside this one */
  uint32_t rest;    /* straight quotation marks of this kind from here to the next curly one */
  uint8_t fam, sub, dir, straight;
} event;

typedef struct punct_stage {
  qg_stage base;
  qg_edit edit;
  qg_spans spans;
  bool kana; /* the block's text may hold kana (a UTF-8 sequence of U+3040..U+30FF): kana_corner */
  uint64_t seen[2]; /* the ASCII characters of class C_OTHER (marks, controls) in the block, bit c
                     * (decode_cells; has_ascii): in place of a memchr over the text per test */
  cell *c;
  size_t nc, capc;
  uint32_t *nh; /* indices of the cells that are not Han, made only when asked (nh_list) */
  size_t nnh;
  bool nh_ok; /* nh holds the current block's (decode_cells clears it) */
  bool han;   /* the block has a Han cell (decode_cells; latin_marks) */
  uint32_t *nm; /* of those, the marks (C_OTHER, C_CJKP): no letter, digit or space */
  size_t nnm;
  uint32_t *nsp; /* and the white space (C_SPACE) */
  size_t nnsp;
  uint32_t *nms; /* the marks and the white space, in order: every cell a decision can take */
  size_t nnms;
  uint32_t *nw; /* the ASCII marks whose width pass_width decides: , ; : ! ? . */
  size_t nnw;
  uint32_t *nsq; /* of the marks, those pass_sequences has a case for (seq_cp) */
  size_t nnsq;
  uint32_t *nrs; /* of those, the ones a second run of pass_sequences can act on (rerun_cp) */
  size_t nnrs;
  uint32_t *nd; /* the marks pass_doubled looks at: ，。、；：！？ and the ASCII ones of nw */
  size_t nnd;
  uint32_t *npc; /* offsets for qg_protect_find_cand: letters and digits that start a run of
                  * them, the ASCII marks of A_PC, characters below U+2000 and Hangul */
  size_t nnpc;
  bool english;  /* latin_marks found the block English: no span of Chinese copy in it */
  bool odd_note; /* a note on a cell not in nms (a digit): emit_edits walks nh */
  int columns;   /* the column gaps of the block (column_gaps; N_COLUMNS' message) */
  bool dash_digit; /* a single —, – or － before a digit (pass_sequences): note_dash_ranges looks */
  event *ev;
  size_t nev, capev;
  uint32_t *stack;
  size_t capstack;
  /* a quotation left open at the end of a paragraph that began with it: reported only if the
   * next paragraph does not open with a quotation mark too */
  bool pending;
  qg_pos pending_start, pending_end;
  /* the paragraph that left it open is an item of a list (qg_text_list_item); the quotation
   * goes on over the items of a list the paragraph before them introduces (pending_list) until
   * an item closes it (GB/T 15834 4.1.3.3 with a list: 通知指出：“各单位要： | - 加强… | - 加强…。”) */
  bool pending_item, pending_list;
  /* the cell of the outer opening mark of straight single quotes nest_straight_quotes nested
   * (老师问:'你们读过'红楼梦'吗?'), -1 none: decide_pairs writes its pair “” */
  long single_outer;
  /* paragraphs still to come of a book's CIP data (图书在版编目（CIP）数据 and the lines under
   * it down to its 核字…号 line), printed as the catalogue gives them: left as written */
  int cip;
  qg_buf rep;
  size_t ndecided; /* decisions taken on the current block (set_cp, set_str) */
  const char *t;   /* the current block's text (cell_cp reads Han characters from it) */
  /* the cells of pairs whose two marks both change, by cell, with the pair's link number
   * (qg_diag.link: lint --fix applies both or neither) */
  struct plink {
    uint32_t k, link;
  } *lk;
  size_t nlk, caplk;
} punct_stage;

/* ---- cells -------------------------------------------------------------------------------- */

static bool is_space_cp(uint32_t c) { return qg_cp_is_space(c) || qg_cp_is_uspace(c); }
static bool curly(uint32_t c) { return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019; }

/* What decode_cells needs to know of a mark (ascii_info, mark_info): its class (A_CLS, ASCII
 * only) and the lists it joins besides nm: nw (A_NW), nsq (A_SEQ), nrs (A_RERUN), nd (A_DBL). */
enum { A_CLS = 7, A_NW = 8, A_SEQ = 16, A_RERUN = 32, A_DBL = 64, A_PC = 128 };

/* The marks pass_sequences has a case for (sequences, ranges, paired marks): at any other mark
 * its switch does nothing, so it walks only these (nsq). */
static inline bool seq_cp(uint32_t cp) {
  /* " ' ( ) - . < > [ ] ~ */
  static const uint64_t lo = 1ull << '"' | 1ull << '\'' | 1ull << '(' | 1ull << ')' | 1ull << '-' |
                             1ull << '.' | 1ull << '<' | 1ull << '>';
  static const uint64_t hi = 1ull << ('[' - 64) | 1ull << (']' - 64) | 1ull << ('~' - 64);
  if (cp < 0x80) return cp < 64 ? (lo >> cp) & 1 : (hi >> (cp - 64)) & 1;
  switch (cp) {
  case 0xAB: case 0xB7: case 0xBB: case 0x2013: case 0x2014: case 0x2015: case 0x2018: case 0x2019: case 0x201A:
  case 0x201C: case 0x201D: case 0x201E: case 0x2022: case 0x2026: case 0x2027: case 0x2039: case 0x203A: case 0x2219:
  case 0x223C: case 0x22EF: case 0x2500: case 0x3002: case 0x3008: case 0x3009: case 0x300A:
  case 0x300B: case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x3010: case 0x3011:
  case 0x3014: case 0x3015: case 0x3016: case 0x3017: case 0x301C: case 0x30FB: case 0xFF08:
  case 0xFF09: case 0xFF0D: case 0xFF0E: case 0xFF1C: case 0xFF1D: case 0xFF1E: case 0xFF3B: case 0xFF3D:
  case 0xFF5E: case 0xFF65:
    return true;
  default: return false;
  }
}

/* Room for cap cells in the cell array and every index list. */
static int reserve_cells(punct_stage *ps, size_t need) {
  if (need <= ps->capc) return 0;
  size_t cap = ps->capc ? ps->capc * 2 : 256;
  if (cap < need) cap = need;
  cell *v = realloc(ps->c, cap * sizeof *v);
  if (!v) return QG_ERR_NOMEM;
  ps->c = v;
  uint32_t **lists[] = {&ps->nh,  &ps->nm,  &ps->nsp, &ps->nms, &ps->nw,
                        &ps->nsq, &ps->nrs, &ps->nd,  &ps->npc};
  for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
    uint32_t *h = realloc(*lists[l], cap * sizeof *h);
    if (!h) return QG_ERR_NOMEM;
    *lists[l] = h;
  }
  ps->capc = cap;
  return 0;
}

/* What decode_cells needs to know of an ASCII character: its class and the lists it goes to. */

static const uint8_t ascii_info[128] = {
#define LAT(c) [c] = C_LATIN
    ['\t'] = C_SPACE, [' '] = C_SPACE,
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
    ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
    LAT('A'), LAT('B'), LAT('C'), LAT('D'), LAT('E'), LAT('F'), LAT('G'), LAT('H'), LAT('I'),
    LAT('J'), LAT('K'), LAT('L'), LAT('M'), LAT('N'), LAT('O'), LAT('P'), LAT('Q'), LAT('R'),
    LAT('S'), LAT('T'), LAT('U'), LAT('V'), LAT('W'), LAT('X'), LAT('Y'), LAT('Z'),
    LAT('a'), LAT('b'), LAT('c'), LAT('d'), LAT('e'), LAT('f'), LAT('g'), LAT('h'), LAT('i'),
    LAT('j'), LAT('k'), LAT('l'), LAT('m'), LAT('n'), LAT('o'), LAT('p'), LAT('q'), LAT('r'),
    LAT('s'), LAT('t'), LAT('u'), LAT('v'), LAT('w'), LAT('x'), LAT('y'), LAT('z'),
#undef LAT
    /* (C_OTHER is 0: the other marks, with the lists they join) */
    /* A_PC: the ASCII marks qg_protect_find looks at (< & ! ] ( ` . - / ~, protect.c's
     * dull_ascii), listed for it (npc) */
    [','] = A_NW, [';'] = A_NW, [':'] = A_NW, ['!'] = A_NW | A_PC, ['?'] = A_NW,
    ['.'] = A_NW | A_SEQ | A_RERUN | A_PC, ['"'] = A_SEQ, ['\''] = A_SEQ, ['('] = A_SEQ | A_PC,
    [')'] = A_SEQ, ['-'] = A_SEQ | A_RERUN | A_PC, ['<'] = A_SEQ | A_RERUN | A_PC,
    ['>'] = A_SEQ | A_RERUN, ['['] = A_SEQ, [']'] = A_SEQ | A_PC, ['~'] = A_SEQ | A_RERUN | A_PC,
    ['&'] = A_PC, ['`'] = A_PC, ['/'] = A_PC};
/* The class of a byte that is an ASCII letter or digit (C_LATIN, C_DIGIT), 0 for any other:
 * decode_cells' loop over a run of them. */
static const uint8_t word_cls[256] = {
#define LAT(c) [c] = C_LATIN
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
    ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
    LAT('A'), LAT('B'), LAT('C'), LAT('D'), LAT('E'), LAT('F'), LAT('G'), LAT('H'), LAT('I'),
    LAT('J'), LAT('K'), LAT('L'), LAT('M'), LAT('N'), LAT('O'), LAT('P'), LAT('Q'), LAT('R'),
    LAT('S'), LAT('T'), LAT('U'), LAT('V'), LAT('W'), LAT('X'), LAT('Y'), LAT('Z'),
    LAT('a'), LAT('b'), LAT('c'), LAT('d'), LAT('e'), LAT('f'), LAT('g'), LAT('h'), LAT('i'),
    LAT('j'), LAT('k'), LAT('l'), LAT('m'), LAT('n'), LAT('o'), LAT('p'), LAT('q'), LAT('r'),
    LAT('s'), LAT('t'), LAT('u'), LAT('v'), LAT('w'), LAT('x'), LAT('y'), LAT('z'),
#undef LAT
};
_Static_assert(C_OTHER == 0 && (int)C_LATIN <= (int)A_CLS && (int)C_DIGIT <= (int)A_CLS && (int)C_SPACE <= (int)A_CLS,
               "ascii_info packs the class in its low bits");

/* Of the marks of seq_cp, those a later run of pass_sequences (collect false) can act on: it
 * skips the paired marks but for counting the book-title depth, so the quotation marks and
 * brackets that never become 《 〈 》 〉 (decide_pairs makes book-title marks of 《 〈 》 〉 < >
 * ‹ › ＜ ＞ only) do nothing there; and a run of 。 is an ellipsis at the first run when it
 * ever is (a later run finds it no longer, never longer: decisions are only added). */
static inline bool rerun_cp(uint32_t cp) {
  switch (cp) {
  case '.': case '-': case '~': case '<': case '>': case 0xAB: case 0xB7: case 0xBB: case 0x2013: case 0x2014:
  case 0x2015: case 0x2022: case 0x2026: case 0x2027: case 0x2039: case 0x203A: case 0x2219:
  case 0x223C: case 0x22EF: case 0x2500: case 0x3008: case 0x3009: case 0x300A: case 0x300B:
  case 0x301C: case 0x30FB: case 0xFF0D: case 0xFF0E: case 0xFF1C: case 0xFF1E: case 0xFF5E:
  case 0xFF65:
    return true;
  default: return false;
  }
}

/* The lists of a mark above U+007F: seq_cp, rerun_cp, and ，。、；：！？ for pass_doubled. */
static inline unsigned mark_info(uint32_t cp) {
  switch (cp) {
  case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: return A_DBL;
  case 0x3002: return A_DBL | A_SEQ;
  default: return seq_cp(cp) ? A_SEQ | (rerun_cp(cp) ? A_RERUN : 0) : 0;
  }
}

/* '80后', '00后': the quote before two digits opens a quoted term (a generation name), not an
 * abbreviated year's apostrophe, when the digits are followed by one to four Han characters and a
 * straight ' right after them (not itself before two digits), and the quote can open
 * (an even number of ' before it: 他说'好'80后' is no such term): probe 9a F8. i: the offset
 * after the quote. '98抗洪 (no closing mark) and the '80s stay apostrophes. */
static bool quoted_generation(const char *t, size_t n, size_t i) {
  if (i + 2 >= n || (t[i + 2] >= '0' && t[i + 2] <= '9')) return false;
  /* the term is the digits and one to four Han characters (80后, 90后生), the closing ' right
   * after them: a ' further on, past a comma, opens the next quotation ('08奥运会在北京举行,人们
   * 称之为'无与伦比': review 9 R9) */
  size_t j = i + 2, han = 0;
  while (j < n && han < 5) {
    size_t k = j;
    if (!qg_cp_is_han(qg_utf8_next(t, n, &k))) break;
    j = k, han++;
  }
  if (han < 1 || han > 4 || j >= n || t[j] != '\'') return false;
  return !(j + 2 < n && t[j + 1] >= '0' && t[j + 1] <= '9' && t[j + 2] >= '0' && t[j + 2] <= '9');
}

/* The straight quote before offset i (q: ' or "), right after a digit, opens a quotation: a
 * letter or a character above U+007F follows it (not a digit, white space or a mark), and a
 * quote of its kind that closes a short term comes within 48 bytes, before any clause or
 * sentence mark: straight and not itself after a digit, or curly (2024"年度汉字",
 * 双11"狂欢节"). Else the mark is a prime: minutes,
 * seconds, feet and inches (89', 90+3' 对方, 39°54'27", 6'2": probe 11a F3). */
static __attribute__((noinline)) bool quote_opens_after_digit(const char *t, size_t n, size_t i, char q) {
  if (i >= n) return false;
  unsigned char c = (unsigned char)t[i];
  const char *close = q == '"' ? "\xE2\x80\x9D" : "\xE2\x80\x99",
             *open = q == '"' ? "\xE2\x80\x9C" : "\xE2\x80\x98";
  /* "" (an empty quotation), ":" (a quoted mark; its second mark curly too, as a second run
   * may see it) */
  if (c == (unsigned char)q) return true;
  if (c < 0x80 && c > 0x20 && i + 1 < n &&
      (t[i + 1] == q || (i + 4 <= n && (!memcmp(t + i + 1, close, 3) || !memcmp(t + i + 1, open, 3)))))
    return true;
  if (c < 0x80 && !(((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) return false;
  /* not before a CJK mark either: ( and （ alike, as a second run sees it */
  size_t at = i;
  if (c >= 0x80 && qg_cp_is_cjk_punct(qg_utf8_next(t, n, &at))) return false;
  for (size_t j = i; j < n && j - i < 48; j++) {
    unsigned char d = (unsigned char)t[j];
    if (d == (unsigned char)q) return !((unsigned)(t[j - 1] - '0') < 10u);
    if (d < 0x80 && strchr(",.;:!?", d) && d) return false;
    if (j + 3 <= n && (d == 0xE2 || d == 0xE3 || d == 0xEF)) {
      /* (“ too: a second run may see the closing mark turned) */
      if (!memcmp(t + j, close, 3) || !memcmp(t + j, open, 3)) return true;
      /* 。 、 ， ； ： ！ ？ */
      if (!memcmp(t + j, "\xE3\x80\x82", 3) || !memcmp(t + j, "\xE3\x80\x81", 3) ||
          (d == 0xEF && t[j + 1] == '\xBC' &&
           (t[j + 2] == '\x8C' || t[j + 2] == '\x9B' || t[j + 2] == '\x9A' || t[j + 2] == '\x81' ||
            t[j + 2] == '\x9F')))
        return false;
    }
  }
  return false;
}

/* The quote at offset q (' or "), after a digit, may close a quotation that holds the number: a
 * quotation mark of its kind (straight or curly: a second run sees some of them curly) comes
 * before it within 48 bytes of the same clause ("1949", "-NNN-104", 说'第3'), with no clause or
 * sentence mark between (a . only between digits). */
static __attribute__((noinline)) bool quote_closes_number(const char *t, size_t q, char kind) {
  const char *open = kind == '"' ? "\xE2\x80\x9C" : "\xE2\x80\x98",
             *shut = kind == '"' ? "\xE2\x80\x9D" : "\xE2\x80\x99";
  for (size_t j = q; j > 0 && q - j < 48; j--) {
    unsigned char d = (unsigned char)t[j - 1];
    if (d == (unsigned char)kind) return true;
    if (d == '.' && !(j >= 2 && (unsigned)(t[j - 2] - '0') < 10u && (unsigned)(t[j] - '0') < 10u))
      return false;
    if (d < 0x80 && d && strchr(",;:!?", d)) return false;
    if (j >= 3 && (unsigned char)t[j - 3] >= 0xE2) {
      const char *m = t + j - 3;
      if (!memcmp(m, open, 3) || !memcmp(m, shut, 3)) return true;
      if (!memcmp(m, "\xE3\x80\x82", 3) || !memcmp(m, "\xE3\x80\x81", 3) ||
          ((unsigned char)m[0] == 0xEF && (unsigned char)m[1] == 0xBC &&
           strchr("\x8C\x9B\x9A\x81\x9F", m[2])))
        return false;
    }
  }
  return false;
}

/* Whether qg_cp_is_mark can be true of cp: false at once, without ICU's lookup, for the marks
 * and spaces that follow Han characters most (U+2000..U+20CF, U+3000..U+3029, U+3030..U+3098
 * and U+FF00..U+FFEF hold no combining mark) and below U+0300. */
static inline bool maybe_combining(uint32_t cp) {
  return cp >= 0x300 && !(cp - 0x2000u < 0xD0u || cp - 0x3000u < 0x2Au || cp - 0x3030u < 0x69u ||
                          cp - 0xFF00u < 0xF0u);
}

#ifdef __SSE2__
/* How many common Han characters (U+4E00..U+9FFF, qg_utf8_common_han) follow one another from
 * u, a character's start, among the first fifteen bytes: 0 to 5 (u: seventeen readable bytes).
 * In UTF-8 a lead byte E4..E9 starts a character of three bytes, so the characters of such a
 * run start at 0, 3, 6, 9 and 12: the run ends at the first of those offsets whose lead byte
 * is not E5..E9 nor E4 before a byte B8 or more. */
static inline unsigned han_run5(const unsigned char *u) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)u),
          y = _mm_loadu_si128((const __m128i *)(const void *)(u + 1));
  __m128i d = _mm_sub_epi8(x, _mm_set1_epi8((char)0xE5)); /* E5..E9 -> 0..4 */
  __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(4)), d);
  __m128i e4 = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE4)),
                             _mm_cmpeq_epi8(_mm_max_epu8(y, _mm_set1_epi8((char)0xB8)), y));
  unsigned miss = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(lead, e4)) & 0x1249u;
  /* the first miss at 3k: k = 3k * 11 >> 5 for 3k in 0..12 */
  return miss ? (unsigned)__builtin_ctz(miss) * 11u >> 5 : 5u;
}
#endif

/* The class of a character at or above U+0080 (decode_cells; ASCII takes ascii_info). */
static inline uint8_t high_class(uint32_t cp) {
  if (qg_cp_is_uspace(cp)) return C_SPACE; /* en, em, thin … spaces (probe 16 F5) */
  if ((cp >= 0x2000 && cp < 0x2E80) || (cp > 0x3000 && cp < 0x3040 && cp != 0x3005 && cp != 0x3007) ||
      (cp >= 0xFF00 && cp < 0xFFF0)) {
    /* the marks of Chinese text: no space, Han, kana or Latin letter there (what the tests
     * below would find, without their calls) */
    return qg_cp_is_cjk_punct(cp) ? C_CJKP : C_OTHER;
  }
  if (is_space_cp(cp)) return C_SPACE;
  if (qg_cp_is_han(cp)) return C_HAN;
  if (qg_cp_is_cjk_punct(cp) || (cp >= 0x3040 && cp <= 0x30FF)) return C_CJKP;
  if (qg_cp_is_latin(cp)) return C_LATIN;
  return C_OTHER;
}

/* decode_cells with simd false takes Han runs one character at a time and letters and digits
 * through the ASCII loop's tests (the reference of QG_CHECK_CELLS below). */
static inline __attribute__((always_inline)) int decode_cells_with(punct_stage *ps, const char *t,
                                                                   size_t n, bool simd, bool cand) {
  ps->nc = 0;
  ps->nnh = ps->nnm = ps->nnsp = ps->nnms = ps->nnw = ps->nnsq = ps->nnrs = ps->nnd = 0;
  ps->nh_ok = false;
  /* a cell per character: room for all of them once, so that no loop below checks (counted
   * only when the bytes could be more than the room) */
  if (n + 1 > ps->capc && reserve_cells(ps, qg_utf8_count(t, n) + 1)) return QG_ERR_NOMEM;
  /* protected spans: cells before lim take the flags prot; from lim on, the span at cursor
   * (the first that ends after the cell) decides again */
  const qg_span *sv = ps->spans.v;
  size_t nsp = cand ? 0 : ps->spans.n, cursor = 0, lim = 0;
  uint32_t *pc = ps->npc;
  size_t npc = 0;
  uint8_t prot = 0;
  int single_open = 0;
  unsigned nq[2] = {0, 0}; /* " and ' so far */
  uint64_t seen[2] = {0, 0};
  bool kana = false, han = false;
  const unsigned char *u = (const unsigned char *)t;
  cell *cells = ps->c;
  size_t nc = 0, stop = 0;
  uint64_t tail = 0, word_tail[C_DIGIT + 1] = {0};
  for (size_t i = 0; i < n;) {
    if (i >= lim) {
      while (cursor < nsp && sv[cursor].end <= i) cursor++;
      if (cursor == nsp) prot = 0, lim = SIZE_MAX;
      else if (sv[cursor].start <= i) prot = F_PROT, lim = sv[cursor].end;
      else prot = 0, lim = sv[cursor].start;
      stop = lim < n ? lim : n; /* the next change of protection */
      /* a Han cell's last eight bytes (len, cls, flags, act 0, rule 0, note 0) at once; rcp
       * and aux mean something only with act or note set, which no decision sets on Han */
      const cell tmpl = {.len = 3, .cls = C_HAN, .flags = prot};
      memcpy(&tail, (const char *)&tmpl + offsetof(cell, len), 8);
      /* and those of a letter's and a digit's cell */
      const cell lat = {.len = 1, .cls = C_LATIN, .flags = prot}, dig = {.len = 1, .cls = C_DIGIT, .flags = prot};
      memcpy(&word_tail[C_LATIN], (const char *)&lat + offsetof(cell, len), 8);
      memcpy(&word_tail[C_DIGIT], (const char *)&dig + offsetof(cell, len), 8);
    }
    /* runs of common Han characters (U+4E00..U+9FFF) up to the next change of protection:
     * plain cells, nothing else to look at (qg_utf8_common_han reads two bytes, so not past
     * the NUL after the text) */
    if (qg_utf8_common_han(u + i)) {
      han = true;
      /* the first two bytes as one number: E4B8..E9BF is exactly a common Han character's
       * start (after an E lead comes a byte 80..BF); read only before stop, so at most the
       * NUL after the text */
      /* the cell's last eight bytes are tail (made when prot is set, above). The first eight
       * are the offset and a code point of 0: the few rules that ask for a Han character's
       * code point read it from the text (cell_cp) */
#ifdef __SSE2__
      /* sixteen bytes and more before stop: the run's next five characters at most from the
       * lead bytes at 0, 3, 6, 9 and 12 (han_run5), their cells in a counted loop */
      while (simd && stop - i >= 16) {
        unsigned k = han_run5(u + i);
        if (k == 5) { /* (most: five cells written straight, no loop) */
          cell *h = &cells[nc];
          for (unsigned j = 0; j < 5; j++) {
            uint64_t head = (uint32_t)(i + 3 * j);
            memcpy(&h[j], &head, 8);
            memcpy((char *)&h[j] + offsetof(cell, len), &tail, 8);
          }
          nc += 5, i += 15;
          continue;
        }
        for (unsigned j = 0; j < k; j++, i += 3) {
          cell *h = &cells[nc++];
          uint64_t head = (uint32_t)i;
          memcpy(h, &head, 8);
          memcpy((char *)h + offsetof(cell, len), &tail, 8);
        }
        if (k < 5) goto han_done;
      }
#endif
      while (i < stop && ((uint32_t)u[i] << 8 | u[i + 1]) - 0xE4B8u <= 0xE9BFu - 0xE4B8u) {
        cell *h = &cells[nc++];
        uint64_t head = (uint32_t)i;
        memcpy(h, &head, 8);
        memcpy((char *)h + offsetof(cell, len), &tail, 8);
        i += 3;
      }
#ifdef __SSE2__
    han_done:
#endif
      continue;
    }
    if (u[i] < 0x80) {
      /* a run of ASCII up to the next change of protection: letters and digits are plain
       * cells (in no list: nh, which would hold them, is made only when asked, nh_list); white
       * space and marks join their lists, as below */
      do {
        unsigned cp = u[i], info = ascii_info[cp], cls = info & A_CLS;
        if (simd && cls >= C_LATIN) {
          /* a run of letters and digits (a fifth of the characters of the bench copy): plain
           * cells in no list, written as three words each (the offset and code point, rcp and
           * aux 0, and len..note from word_tail, made with tail), the byte's class from
           * word_cls and no other test; QG_CHECK_CELLS's reference takes them one at a time
           * below, as session 50 did */
          const uint64_t zero = 0;
          if (cand) pc[npc++] = (uint32_t)i;
          do {
            cell *c = &cells[nc++];
            c->off = (uint32_t)i, c->cp = cp;
            memcpy((char *)c + offsetof(cell, rcp), &zero, 8);
            memcpy((char *)c + offsetof(cell, len), &word_tail[cls], 8);
            if (++i >= stop) break;
            cp = u[i];
            cls = word_cls[cp];
          } while (cls);
          continue;
        }
        if (cand && (info & A_PC)) pc[npc++] = (uint32_t)i;
        cell *c = &cells[nc];
        *c = (cell){.off = (uint32_t)i, .cp = cp, .len = 1, .cls = (uint8_t)cls, .flags = prot};
        i++;
        if (cls == C_SPACE) {
          ps->nsp[ps->nnsp++] = ps->nms[ps->nnms++] = (uint32_t)nc;
        } else if (cls == C_OTHER) {
          seen[cp >> 6] |= 1ull << (cp & 63);
          ps->nm[ps->nnm++] = ps->nms[ps->nnms++] = (uint32_t)nc;
          if (info & A_SEQ) ps->nsq[ps->nnsq++] = (uint32_t)nc;
          if (info & A_RERUN) ps->nrs[ps->nnrs++] = (uint32_t)nc;
          if (info & A_NW) ps->nw[ps->nnw++] = ps->nd[ps->nnd++] = (uint32_t)nc; /* , ; : ! ? . */
          if (cp == '"' || cp == '\'') {
            /* 9"83, 2'08"35: a " between a digit and two digits marks seconds in a result, no
             * quotation (probe 10a F29) */
            if (cp == '"' && i >= 2 && i + 1 < n && (unsigned)(u[i - 2] - '0') < 10u &&
                (unsigned)(u[i] - '0') < 10u && (unsigned)(u[i + 1] - '0') < 10u &&
                (i + 2 >= n || (unsigned)(u[i + 2] - '0') >= 10u)) {
              c->flags |= F_PROT;
              nc++;
              continue;
            }
            unsigned *q = &nq[cp == '\''];
            /* 89', 90+3' 对方, 39°54'27", 6'2": after a digit, a mark that closes no quotation
             * and opens none is a prime (minutes, seconds, feet and inches), no quotation mark:
             * left as typed, and not counted (probe 11a F3). It could close one when the marks
             * of its kind before it (straight and curly alike, so that a second run, which sees
             * some of them curly, decides the same) are odd in number, or when a mark of its
             * kind stands before the number in the same clause (quote_closes_number) */
            if (i >= 2 && (unsigned)(u[i - 2] - '0') < 10u && !(*q & 1) &&
                !quote_opens_after_digit(t, n, i, (char)cp) && !quote_closes_number(t, i - 1, (char)cp)) {
              c->flags |= F_PROT | F_PRIME;
              nc++;
              continue;
            }
            if (*q & 1) c->flags |= F_ODDQ;
            ++*q;
            /* '98: an apostrophe before a two-digit year is not a quote (below) */
            if (cp == '\'' && i + 1 < n && t[i] >= '0' && t[i] <= '9' && t[i + 1] >= '0' &&
                t[i + 1] <= '9' && (c->flags & F_ODDQ || !quoted_generation(t, n, i)))
              c->flags |= F_PROT;
          }
        }
        nc++;
      } while (i < stop && u[i] < 0x80);
      continue;
    }
    cell *c = &cells[nc];
    size_t at = i;
    if (cand && (u[at] < 0xE2 || u[at] - 0xEAu <= 0xEDu - 0xEAu)) pc[npc++] = (uint32_t)at;
    uint32_t cp = qg_utf8_next(t, n, &i);
    uint8_t cls;
    kana |= cp - 0x3040u <= 0x30FFu - 0x3040u; /* (before a combining kana mark joins a cell) */
    /* a combining mark or variation selector on a Han character belongs to its cell (葛\U000E0100
     * is one character of the name): the marks around it see Han (probe 16 F3: 葛\U000E0100.
     * kept its ASCII full stop) */
    if (maybe_combining(cp) && nc && cells[nc - 1].cls == C_HAN && cells[nc - 1].flags == prot &&
        cells[nc - 1].off + cells[nc - 1].len == at && cells[nc - 1].len + (i - at) <= 255 &&
        qg_cp_is_mark(cp)) {
      cells[nc - 1].len = (uint8_t)(cells[nc - 1].len + (i - at));
      continue;
    }
    cls = high_class(cp);
    *c = (cell){.off = (uint32_t)at, .cp = cp, .len = (uint8_t)(i - at), .cls = cls, .flags = prot};
    han |= cls == C_HAN;
    if (cls != C_HAN) {
      if (cls == C_SPACE) ps->nsp[ps->nnsp++] = ps->nms[ps->nnms++] = (uint32_t)nc;
      else if (cls == C_OTHER || cls == C_CJKP) {
        ps->nm[ps->nnm++] = ps->nms[ps->nnms++] = (uint32_t)nc;
        unsigned info = mark_info(cp);
        if (info & A_SEQ) ps->nsq[ps->nnsq++] = (uint32_t)nc;
        if (info & A_RERUN) ps->nrs[ps->nnrs++] = (uint32_t)nc;
        if (info & A_DBL) ps->nd[ps->nnd++] = (uint32_t)nc;
      }
      /* (the ASCII marks of pass_width are taken above) */
    }
    nc++;
    if (cls == C_HAN) continue;
    /* straight and curly alike, so that marks a first run makes curly keep the parity */
    if (curly(cp)) {
      unsigned *q = &nq[cp == 0x2018 || cp == 0x2019];
      if (*q & 1) c->flags |= F_ODDQ;
      ++*q;
    }
    /* ’98, '02: an apostrophe before a two-digit year is not a quote (num-year-abbrev
     * reports it), unless a ‘ is open for it to close */
    if (cp == 0x2018) single_open++;
    if (cp == 0x2019 && i + 1 < n && t[i] >= '0' && t[i] <= '9' && t[i + 1] >= '0' &&
        t[i + 1] <= '9' && !(single_open > 0))
      c->flags |= F_PROT;
    else if (cp == 0x2019 && single_open > 0)
      single_open--;
  }
  ps->nc = nc;
  ps->nnpc = npc;
  ps->seen[0] = seen[0], ps->seen[1] = seen[1];
  ps->kana = kana;
  ps->han = han;
  (void)simd;
  return 0;
}

/* The ASCII mark c (class C_OTHER) occurs in the block's text (its summary from decode_cells). */
static inline bool has_ascii(const punct_stage *ps, unsigned char c) {
  return ps->seen[c >> 6] >> (c & 63) & 1;
}

/* The protected spans' flag on the cells decode_cells_with made without them (cand): each
 * span's first cell found by binary search, F_PROT set on its cells. False, with the cells left
 * half done, where that is not what decode_cells_with makes from the spans: a span that starts
 * or ends inside a cell (a combining mark merged into the Han character before it, which
 * decode_cells_with merges only on the same side of a span's edge) or spans out of order. */
static bool apply_spans(punct_stage *ps) {
  const qg_span *sv = ps->spans.v;
  size_t nsp = ps->spans.n, nc = ps->nc, k = 0;
  cell *c = ps->c;
  uint32_t last = 0;
  for (size_t s = 0; s < nsp; s++) {
    uint32_t a = sv[s].start, e = sv[s].end;
    if (a < last || e <= a) return false;
    last = e;
    size_t lo = k, hi = nc;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (c[mid].off < a) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && c[lo - 1].off + c[lo - 1].len > a) return false;
    for (k = lo; k < nc && c[k].off < e; k++) c[k].flags |= F_PROT;
    if (k > lo && c[k - 1].off + c[k - 1].len > e) return false;
  }
  return true;
}

/* A block's cells and protected spans (ps->spans) in one scan of its text: the cells are made
 * first, without the spans, listing for qg_protect_find_cand the characters its loop stops at
 * (npc), so that it steps from one to the next instead of reading every byte again (its loop
 * over Han runs, white space and dull ASCII marks was about 5.8 M of its 23.9 M on the 2 MB
 * bench copy); the spans' flag goes on the cells after (apply_spans). Where that cannot give
 * what decode_cells_with makes from the spans (a combining mark at a span's edge), the cells
 * are made again from them and *again is set. */
static int cells_one_scan(punct_stage *ps, const char *t, size_t n, bool *again) {
  int rc = decode_cells_with(ps, t, n, true, true);
  if (!rc) rc = qg_protect_find_cand(&ps->spans, t, n, ps->npc, ps->nnpc);
  *again = false;
  if (!rc && !apply_spans(ps)) *again = true, rc = decode_cells_with(ps, t, n, true, false);
  return rc;
}

/* The reference of cells_one_scan: the spans from qg_protect_find's own loop over the bytes,
 * then the cells from them one character at a time (decode_cells_with, simd false), as before
 * session 52. */
static int cells_reference(punct_stage *ps, const char *t, size_t n) {
  int rc = qg_protect_find(&ps->spans, t, n);
  if (!rc) rc = decode_cells_with(ps, t, n, false, false);
  return rc;
}

/* Do two stages hold the same spans, cells (every field a later pass reads before a decision),
 * lists (but nh, made when asked, and npc, read by protect only) and summary (seen, kana, han)? */
static bool cells_same(const punct_stage *a, const punct_stage *b) {
  if (a->spans.n != b->spans.n || a->nc != b->nc || a->seen[0] != b->seen[0] ||
      a->seen[1] != b->seen[1] || a->kana != b->kana || a->han != b->han)
    return false;
  for (size_t k = 0; k < a->spans.n; k++)
    if (a->spans.v[k].start != b->spans.v[k].start || a->spans.v[k].end != b->spans.v[k].end ||
        a->spans.v[k].kind != b->spans.v[k].kind)
      return false;
  for (size_t k = 0; k < a->nc; k++) {
    const cell *x = &a->c[k], *y = &b->c[k];
    if (x->off != y->off || x->cp != y->cp || x->len != y->len || x->cls != y->cls ||
        x->flags != y->flags || x->act != y->act || x->rule != y->rule || x->note != y->note)
      return false;
  }
  const uint32_t *const la[] = {a->nm, a->nsp, a->nms, a->nw, a->nsq, a->nrs, a->nd},
                        *const lb[] = {b->nm, b->nsp, b->nms, b->nw, b->nsq, b->nrs, b->nd};
  const size_t na[] = {a->nnm, a->nnsp, a->nnms, a->nnw, a->nnsq, a->nnrs, a->nnd},
               nb[] = {b->nnm, b->nnsp, b->nnms, b->nnw, b->nnsq, b->nnrs, b->nnd};
  for (int l = 0; l < 7; l++)
    if (na[l] != nb[l] || (na[l] && memcmp(la[l], lb[l], na[l] * sizeof *la[l])))
      return false;
  return true;
}

/* The spans and the arrays of cells_one_scan and cells_reference on a stage of their own. */
static void cells_free(punct_stage *ps) {
  qg_spans_free(&ps->spans);
  uint32_t *lists[] = {ps->nh, ps->nm, ps->nsp, ps->nms, ps->nw, ps->nsq, ps->nrs, ps->nd, ps->npc};
  for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) free(lists[l]);
  free(ps->c);
}

int qg_punct_cells_check(const char *t, size_t n, bool *again) {
  punct_stage a, b;
  memset(&a, 0, sizeof a), memset(&b, 0, sizeof b);
  qg_spans_init(&a.spans), qg_spans_init(&b.spans);
  int rc = cells_one_scan(&a, t, n, again);
  if (!rc) rc = cells_reference(&b, t, n);
  if (!rc) rc = cells_same(&a, &b) ? 0 : 1;
  cells_free(&a), cells_free(&b);
  return rc;
}

#ifdef QG_CHECK_CELLS
/* A debug build (-DQG_CHECK_CELLS) makes every block's spans and cells also the reference's
 * way (cells_reference: the spans from the bytes, han_run5 and the loop over letters and
 * digits not used) and aborts unless spans, cells, lists and summary are the same. */
static void check_cells(const punct_stage *ps, const char *t, size_t n) {
  punct_stage ref;
  memset(&ref, 0, sizeof ref);
  qg_spans_init(&ref.spans);
  if (cells_reference(&ref, t, n)) abort();
  bool same = cells_same(ps, &ref);
  cells_free(&ref);
  if (!same) {
    fprintf(stderr, "QG_CHECK_CELLS: cells differ on a block of %zu bytes\n", n);
    abort();
  }
}
#endif

/* The block's protected spans and cells (cells_one_scan). */
static int decode_cells(punct_stage *ps, const char *t, size_t n) {
  bool again;
  int rc = cells_one_scan(ps, t, n, &again);
#ifdef QG_CHECK_CELLS
  if (!rc) check_cells(ps, t, n);
#endif
  return rc;
}

/* The code point of cell c. decode_cells leaves it 0 on a common Han character (most are
 * never asked for): it is read from the text. fin() and the tests against marks take the 0 as
 * it is, since no mark is 0 or a Han character. */
static inline uint32_t cell_cp(const punct_stage *ps, const cell *c) {
  if (c->cp || c->cls != C_HAN) return c->cp;
  const unsigned char *s = (const unsigned char *)ps->t + c->off;
  return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3Fu);
}

/* The character a cell will be after the decisions so far (0: deleted; 0 also for most Han
 * characters, see cell_cp). */
static inline uint32_t fin_decided(const cell *c);
static inline __attribute__((always_inline)) uint32_t fin(const cell *c) {
  if (__builtin_expect(c->act == A_NONE, 1)) return c->cp; /* most cells: no decision */
  return fin_decided(c);
}
/* (fin's rare part, a call: fin itself is inlined where it is asked, 60 K times a 2 MB copy) */
static inline uint32_t fin_decided(const cell *c) {
  switch (c->act) {
  case A_CP: return c->rcp;
  case A_STR:
    return c->rcp == S_ELLIPSIS ? 0x2026 : c->rcp == S_DASH ? 0x2014 : (uint32_t)rep_str[c->rcp][0];
  case A_DEL: return 0;
  default: return c->cp;
  }
}

static bool gone(const cell *c) { return c->act == A_DEL; }

/* Nearest cell before k / after k that is not white space and not deleted; -1 if none. */
static long prev_ns(const punct_stage *ps, long k) {
  for (long j = k - 1; j >= 0; j--)
    if (ps->c[j].cls != C_SPACE && !gone(&ps->c[j])) return j;
  return -1;
}
static long next_ns(const punct_stage *ps, long k) {
  for (long j = k + 1; j < (long)ps->nc; j++)
    if (ps->c[j].cls != C_SPACE && !gone(&ps->c[j])) return j;
  return -1;
}

static bool cjk_cp(uint32_t c) { return qg_cp_is_han(c) || qg_cp_is_cjk_punct(c) || (c >= 0x3040 && c <= 0x30FF); }

/* Chinese on this side: Han, a CJK or full-width mark (also one a decision made full-width). */
static bool cjk_side(const punct_stage *ps, long k) {
  if (k < 0) return false;
  const cell *c = &ps->c[k];
  if (c->cls == C_HAN || c->cls == C_CJKP) return true;
  return c->act != A_NONE && cjk_cp(fin(c));
}

/* Curly quotes are used in Chinese and in English alike: a side that is a curly quote is
 * Chinese only when what the quote touches further on that side is. */
static inline __attribute__((always_inline)) long past_quotes(const punct_stage *ps, long k,
                                                               int dir) {
  while (k >= 0 && curly(fin(&ps->c[k]))) k = dir < 0 ? prev_ns(ps, k) : next_ns(ps, k);
  return k;
}

static bool han_ctx(const punct_stage *ps, long k0, long k1) {
  return cjk_side(ps, past_quotes(ps, prev_ns(ps, k0), -1)) ||
         cjk_side(ps, past_quotes(ps, next_ns(ps, k1), 1));
}

static bool is_han(const punct_stage *ps, long k) { return k >= 0 && k < (long)ps->nc && ps->c[k].cls == C_HAN; }
static bool is_digit(const punct_stage *ps, long k) { return k >= 0 && k < (long)ps->nc && ps->c[k].cls == C_DIGIT; }

static void set_cp(punct_stage *ps, cell *c, uint32_t cp, int rule) {
  ps->ndecided++;
  c->act = A_CP;
  c->rcp = cp;
  c->rule = (uint8_t)rule;
}
/* Cells k..k+len-1 become one string (one edit). */
static void set_str(punct_stage *ps, long k, long len, uint32_t s, int rule) {
  ps->ndecided++;
  ps->c[k].act = A_STR;
  ps->c[k].rcp = s;
  ps->c[k].rule = (uint8_t)rule;
  for (long j = k + 1; j < k + len; j++) {
    ps->c[j].act = A_DEL;
    ps->c[j].flags |= F_CONT;
  }
}

static long run_of(const punct_stage *ps, long k, uint32_t cp) {
  long j = k;
  while (j < (long)ps->nc && ps->c[j].cp == cp && !(ps->c[j].flags & F_PROT) && ps->c[j].act == A_NONE)
    j++;
  return j - k;
}

/* Last characters of a time or a place name: a dash after them joins a span (一字线). */
static bool span_end_char(uint32_t c) {
  static const uint32_t set[] = {0x5E74 /*年*/, 0x6708 /*月*/, 0x65E5 /*日*/, 0x53F7 /*号*/,
                                 0x65F6 /*时*/, 0x5206 /*分*/, 0x79D2 /*秒*/, 0x5468 /*周*/,
                                 0x5B63 /*季*/, 0x4EAC /*京*/, 0x6CAA /*沪*/, 0x6D25 /*津*/,
                                 0x6E1D /*渝*/, 0x6E2F /*港*/, 0x6FB3 /*澳*/, 0x53F0 /*台*/,
                                 0x7701 /*省*/, 0x5E02 /*市*/, 0x53BF /*县*/, 0x533A /*区*/,
                                 0x9547 /*镇*/, 0x4E61 /*乡*/, 0x6751 /*村*/, 0x5DDE /*州*/,
                                 0x7AD9 /*站*/, 0x5C9B /*岛*/, 0x6E7E /*湾*/, 0x57CE /*城*/};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    if (set[i] == c) return true;
  return false;
}

/* Place—place before a route word (青川—南塘快速通道, 京—沪高铁): both names short Han runs. */
static bool route_after(const punct_stage *ps, const char *t, size_t n, long l, long r) {
  static const char *const route[] = {"快速通道", "高速", "铁路", "公路", "城际", "航线", "专线",
                                      "班车", "高铁", "动车", "直通车", "联络线", "通道", "线路",
                                      "航班", "客运", "列车", "时刻表", NULL};
  long a = l;
  while (a >= 0 && ps->c[a].cls == C_HAN && l - a < 5) a--;
  if (l - a > 4 || (a >= 0 && ps->c[a].cls == C_HAN)) return false;
  for (long j = r; j < (long)ps->nc && j - r < 4 && ps->c[j].cls == C_HAN; j++) {
    size_t off = ps->c[j].off + ps->c[j].len;
    for (size_t w = 0; j > r && route[w]; w++) {
      size_t wl = strlen(route[w]);
      if (off + wl <= n && !memcmp(t + off, route[w], wl)) return true;
    }
  }
  return false;
}

/* A dash at cells [k, k+len) between a time or place and what follows (一字线). */
/* Cell j is a digit of a year in Chinese numerals: 〇 一 … 九 零, or ○ (the number stage makes it
 * 〇 after this stage: the test reads it so, or a second run would decide otherwise). */
static bool cn_year_digit(const punct_stage *ps, long j) {
  if (j < 0 || j >= (long)ps->nc) return false;
  if (ps->c[j].cp == 0x25CB) return true;
  if (ps->c[j].cls != C_HAN) return false;
  uint32_t c = cell_cp(ps, &ps->c[j]);
  return c == 0x3007 || c == 0x96F6 || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB ||
         c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D;
}
/* The dash between cells l and r joins two years in Chinese numerals: four digits before it (no
 * fifth), four or two after it and 年 (一九四九-二〇一九年, 一九九五—九八年: probe 19 R13, the
 * hyphen stayed and a single — was doubled into a 破折号). */
static bool cn_year_span(const punct_stage *ps, long l, long r) {
  long a = l;
  while (a > l - 5 && cn_year_digit(ps, a)) a--;
  if (l - a != 4 || cn_year_digit(ps, a)) return false;
  long b = r;
  while (b < r + 5 && cn_year_digit(ps, b)) b++;
  if ((b - r != 4 && b - r != 2) || b >= (long)ps->nc || ps->c[b].cls != C_HAN) return false;
  return cell_cp(ps, &ps->c[b]) == 0x5E74; /* 年 */
}

static bool numeral_cp(uint32_t c);
static bool cn_numeral_cp(uint32_t c);
/* Cell j is a digit or a Chinese numeral (the part in which like items differ). */
static bool num_cell(const punct_stage *ps, long j) {
  if (is_digit(ps, j)) return true;
  if (!is_han(ps, j)) return false;
  uint32_t c = cell_cp(ps, &ps->c[j]);
  return c != 0x65E5 && c != 0x5929 && (numeral_cp(c) || cn_numeral_cp(c)); /* (not 日 天) */
}
/* A unit that numbers items in order or times: what follows the numeral of two like items with
 * no frame before it (一季度-三季度, 九点-十点). */
static bool ordinal_unit(uint32_t c) {
  static const char16_t *const set = u"章节条款回集期卷版页编部篇场轮届次课季点时号月年周";
  for (const char16_t *p = set; *p; p++)
    if (c == *p) return true;
  return false;
}
/* The dash between cells l and r joins two like items that differ in their number only, in
 * digits or Chinese numerals: a frame of Han characters around the number, the same on both
 * sides (第一章-第三章, 第1章-第12章, 周一-周五, 一季度-三季度); with no prefix, the suffix opens
 * with a unit of order or time (probe 19 R13: chapters kept the hyphen; 第1章—第3章 was doubled
 * into a 破折号). */
static bool like_items(const punct_stage *ps, long l, long r) {
  long nc = (long)ps->nc;
  long a = r;
  while (a < nc && a - r < 3 && is_han(ps, a) && !num_cell(ps, a)) a++;
  long pre = a - r, b = a;
  while (b < nc && b - a < 6 && num_cell(ps, b)) b++;
  if (b == a) return false;
  long e = l;
  while (e >= 0 && l - e < 3 && is_han(ps, e) && !num_cell(ps, e)) e--;
  long suf = l - e, f = e;
  while (f >= 0 && e - f < 6 && num_cell(ps, f)) f--;
  if (f == e || (!pre && !suf) || f + 1 - pre < 0 || b + suf > nc) return false;
  for (long i = 0; i < pre; i++)
    if (!is_han(ps, f + 1 - pre + i) ||
        cell_cp(ps, &ps->c[f + 1 - pre + i]) != cell_cp(ps, &ps->c[r + i]))
      return false;
  for (long i = 0; i < suf; i++)
    if (!is_han(ps, b + i) || cell_cp(ps, &ps->c[b + i]) != cell_cp(ps, &ps->c[e + 1 + i]))
      return false;
  return pre || ordinal_unit(cell_cp(ps, &ps->c[e + 1]));
}

static bool word_at(const char *t, size_t n, size_t off, const char *const *list);
/* The dash between cells l and r joins two years before the common era: 前 and a figure on
 * both sides, 年 after the first or not (孔子（前551—前479）, 公元前221年—前206年: probe 20 H6, a
 * single — was doubled into a 破折号). */
static bool bc_year_span(const punct_stage *ps, long l, long r) {
  long nc = (long)ps->nc;
  if (r + 1 >= nc || !is_han(ps, r) || cell_cp(ps, &ps->c[r]) != 0x524D /*前*/ || !is_digit(ps, r + 1))
    return false;
  long j = l;
  if (is_han(ps, j) && cell_cp(ps, &ps->c[j]) == 0x5E74 /*年*/) j--;
  long d = j;
  while (j >= 0 && d - j < 5 && is_digit(ps, j)) j--;
  return j < d && j >= 0 && !is_digit(ps, j) && is_han(ps, j) && cell_cp(ps, &ps->c[j]) == 0x524D;
}

/* The dash between cells l and r joins two periods of Chinese history: a dynasty's or an era's
 * name alone on its left (the text's start or no Han before it) and one on its right, followed
 * by a word of time or by no Han (秦—汉时期, 春秋—战国, 先秦—两汉文学, 明—清: probe 20 H6). The
 * names are whole runs, so 说明—清楚 is none. */
static bool period_span(const punct_stage *ps, const char *t, size_t n, long l, long r) {
  static const char *const names[] = {"春秋", "战国", "先秦", "两汉", "西汉", "东汉", "三国", "魏晋",
                                      "南北朝", "隋唐", "五代", "北宋", "南宋", "宋元", "明清", "西周",
                                      "东周", "夏", "商", "周", "秦", "汉", "晋", "隋", "唐", "宋",
                                      "元", "明", "清", NULL};
  static const char *const after[] = {"时期", "年间", "时代", "之际", "以来", "之间", "文学", "历史",
                                      "期间", "朝", "代", "两朝", NULL};
  long a = l;
  while (a >= 0 && l - a < 4 && is_han(ps, a)) a--;
  if (a >= 0 && is_han(ps, a)) return false;
  size_t lo = ps->c[a + 1].off, le = ps->c[l].off + ps->c[l].len;
  bool left = false;
  for (int w = 0; names[w] && !left; w++)
    left = strlen(names[w]) == le - lo && !memcmp(t + lo, names[w], le - lo);
  if (!left) return false;
  size_t ro = ps->c[r].off;
  for (int w = 0; names[w]; w++) {
    size_t wl = strlen(names[w]);
    if (ro + wl > n || memcmp(t + ro, names[w], wl)) continue;
    size_t e = ro + wl;
    if (e >= n || word_at(t, n, e, after)) return true;
    size_t q = e;
    if (!qg_cp_is_han(qg_utf8_next(t, n, &q))) return true;
  }
  return false;
}

static bool direction_cp(uint32_t c) {
  return c == 0x4E1C || c == 0x5357 || c == 0x897F || c == 0x5317; /* 东 南 西 北 */
}
/* A station's name ends at cell e (dir -1: the Han run from e back) or starts at cell e (dir 1:
 * the run from e on): a place and a direction, 北京南 广州南 杭州东 (the direction after a
 * character of span_end_char), or, standing alone, two or three Han and a direction, 成都东 重庆北
 * (probe 22 H4: the 一字线 of a route was doubled). alone: the other side is such a name. */
static bool station_end(const punct_stage *ps, long e, int dir, bool alone) {
  long a = e, z = e;
  if (dir < 0) {
    while (a > 0 && is_han(ps, a - 1) && e - a < 8) a--;
  } else {
    while (is_han(ps, z + 1) && z - e < 8) z++;
  }
  long end = dir < 0 ? e : z;
  if (!is_han(ps, end) || !direction_cp(cell_cp(ps, &ps->c[end]))) return false;
  if (dir > 0 && z - e < 7 && end > e && span_end_char(cell_cp(ps, &ps->c[end - 1]))) return true;
  if (dir < 0 && end > 0 && is_han(ps, end - 1) && span_end_char(cell_cp(ps, &ps->c[end - 1])))
    return true;
  long len = z - a + 1;
  return alone && len >= 3 && len <= 4 && (dir < 0 ? !is_han(ps, a - 1) : !is_han(ps, z + 1));
}

static bool span_ctx(const punct_stage *ps, const char *t, size_t n, long k, long len) {
  long l = k - 1, r = k + len;
  if (l < 0 || r >= (long)ps->nc || ps->english) return false; /* (Opening hours：9：00-17：00) */
  if (is_digit(ps, l) && is_digit(ps, r))
    return qg_year_span_at(t, n, ps->c[k].off, ps->c[r].off - ps->c[k].off);
  /* white space next to a full-width dash goes (punct-space; before a digit it stays after the
   * — the span becomes): 中国分 －2 reads as 中国分－2, 分— 7 as 分—7 */
  if (ps->c[k].cp == 0xFF0D || ps->c[k].cp == 0x2015 || ps->c[k].cp == 0x2014) {
    if (ps->c[l].cls == C_SPACE) l = prev_ns(ps, k);
    if (ps->c[r].cls == C_SPACE) r = next_ns(ps, k + len - 1);
  }
  if (cn_year_span(ps, l, r) || bc_year_span(ps, l, r)) return true;
  if (!is_han(ps, l) || !(is_han(ps, r) || is_digit(ps, r))) return false;
  if (is_han(ps, r) && period_span(ps, t, n, l, r)) return true;
  if (span_end_char(cell_cp(ps, &ps->c[l]))) return true;
  /* stations: 北京南—上海虹桥, 上海虹桥—北京南, 成都东—重庆北 */
  if (is_han(ps, r) && (station_end(ps, l, -1, false) || station_end(ps, r, 1, false) ||
                        (station_end(ps, l, -1, true) && station_end(ps, r, 1, true))))
    return true;
  /* a clock hour: 上午9点-下午5点, 九点-十点 (probe 19 R13) */
  if (cell_cp(ps, &ps->c[l]) == 0x70B9 /*点*/ && num_cell(ps, l - 1)) return true;
  if (like_items(ps, l, r)) return true;
  return route_after(ps, t, n, l, r);
}

/* 第五—八课: a single — between the Chinese numerals of two ordinals after 第 (session 40: it
 * was doubled to a 破折号, 第五——八课). Left as written: the standard's form is 第五～八课, but a
 * desk may have meant the 一字线. */
static bool cn_ordinal_dash(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, j = k - 1, e = k + 1;
  while (j >= 0 && k - j <= 4 && ps->c[j].cls == C_HAN && cn_numeral_cp(cell_cp(ps, &ps->c[j]))) j--;
  if (j == k - 1 || j < 0 || ps->c[j].cls != C_HAN || cell_cp(ps, &ps->c[j]) != 0x7B2C /*第*/)
    return false;
  while (e < nc && e - k <= 4 && ps->c[e].cls == C_HAN && cn_numeral_cp(cell_cp(ps, &ps->c[e]))) e++;
  return e > k + 1;
}

/* The value of the Chinese numerals in cells [a, e) (一 … 九 两, 十 百, 零 〇 between): 五 5,
 * 十二 12, 二十 20, 一百零五 105; -1 for none or another shape (一二, 千, 万). */
static int cn_small_value(const punct_stage *ps, long a, long e) {
  int total = 0, cur = -1, last_unit = 1000;
  static const char16_t *const digits = u"〇一二三四五六七八九";
  for (long j = a; j < e; j++) {
    uint32_t c = cell_cp(ps, &ps->c[j]);
    int d = -1;
    for (int q = 0; digits[q]; q++)
      if (c == digits[q]) d = q;
    if (c == 0x4E24 /*两*/) d = 2;
    if (c == 0x96F6 /*零*/) d = 0;
    if (d >= 0) {
      if (cur >= 0 && !(cur == 0 && d > 0)) return -1; /* (一二: two digits without a unit) */
      cur = d;
    } else if (c == 0x5341 /*十*/ || c == 0x767E /*百*/) {
      int u = c == 0x5341 ? 10 : 100;
      if (u >= last_unit || cur == 0 || (cur < 0 && u == 100)) return -1;
      total += (cur < 0 ? 1 : cur) * u, cur = -1, last_unit = u;
    } else {
      return -1;
    }
  }
  return total + (cur > 0 ? cur : 0);
}

/* 第五-八课, 第三-五名 (session 41): a hyphen (-, －, – or ―) at cell k between the Chinese
 * numerals of two ordinals after 第 (up to four each), the first smaller, then a counting word of
 * numbered items (protect.c's ordinal_span_at: 名 版 章 节 条 款 项 页 届 次 期 集 卷 册 季 轮 场
 * 课 讲 回 篇 段 行 批 题 局 盘) and no sign of arithmetic: 2, a range of numbered items (～, as
 * 第3-5项 takes and GB/T 15834-2011's own 第五～八课); 1 before 天 周 or 季度, a span of time (一字线,
 * as 第1-3天); 0 else. Not after a letter, a digit or a dot (an identifier's part), nor with 第
 * after the hyphen (第五-第八课: two whole ordinals, like items, as before). */
static int cn_ordinal_range(const punct_stage *ps, long k) {
  static const char16_t *const words = u"名版章节条款项页届次期集卷册季轮场课讲回篇段行批题局盘天周";
  long nc = (long)ps->nc, j = k - 1, e = k + 1;
  while (j >= 0 && k - j <= 4 && is_han(ps, j) && cn_numeral_cp(cell_cp(ps, &ps->c[j]))) j--;
  if (j == k - 1 || j < 0 || !is_han(ps, j) || cell_cp(ps, &ps->c[j]) != 0x7B2C /*第*/) return 0;
  if (j > 0 && (ps->c[j - 1].cls == C_DIGIT || (ps->c[j - 1].cls == C_LATIN && ps->c[j - 1].cp < 0x80) ||
                ps->c[j - 1].cp == '.'))
    return 0;
  while (e < nc && e - k <= 4 && is_han(ps, e) && cn_numeral_cp(cell_cp(ps, &ps->c[e]))) e++;
  if (e == k + 1 || e >= nc || !is_han(ps, e)) return 0;
  int v1 = cn_small_value(ps, j + 1, k), v2 = cn_small_value(ps, k + 1, e);
  if (v1 < 1 || v2 <= v1) return 0;
  uint32_t w = cell_cp(ps, &ps->c[e]);
  bool word = false;
  for (const char16_t *q = words; *q && !word; q++) word = w == *q;
  if (!word) return 0;
  if (e + 1 < nc) {
    uint32_t z = fin(&ps->c[e + 1]);
    if (z == '=' || z == '+' || z == '-' || z == '*' || z == '/' || z == 0xFF1D) return 0;
  }
  bool quarter = w == 0x5B63 /*季*/ && e + 1 < nc && is_han(ps, e + 1) &&
                 cell_cp(ps, &ps->c[e + 1]) == 0x5EA6; /*度*/
  return w == 0x5929 /*天*/ || w == 0x5468 /*周*/ || quarter ? 1 : 2;
}

/* ---- dashes before figures, between like items (s9: probe 9a F23, F9) --------------------- */

/* A time character: a number before it is a time (1日, 10时), and a span of times joins two. */
static bool time_char(uint32_t c) {
  return c == 0x5E74 /*年*/ || c == 0x6708 /*月*/ || c == 0x65E5 /*日*/ || c == 0x53F7 /*号*/ ||
         c == 0x65F6 /*时*/ || c == 0x5206 /*分*/ || c == 0x79D2 /*秒*/ || c == 0x5468 /*周*/ ||
         c == 0x5B63 /*季*/;
}

/* The dash at cell k, which span_ctx takes for a span after a time or place, stands right before
 * a number that is no time of a span: a figure with a decimal point, a percent or degree sign
 * (北京-5℃, 10月-0.3%, 上年-2.1%), or any number not followed by a time character. The dash is
 * then the number's minus sign (or at least no certain 一字线): it is left as written. A span of
 * times joins like items (1日-3日, 8时-10时, 3月-5月). signed_only: only a figure with a point or
 * one of those signs counts (a single — before it elsewhere is no certain 破折号 either). */
static bool figure_after_dash(const punct_stage *ps, long k, bool signed_only) {
  long r = k + 1;
  if (r < (long)ps->nc && ps->c[r].cls == C_SPACE && ps->c[k].cp != '-') r = next_ns(ps, k);
  if (!is_han(ps, prev_ns(ps, k)) || !is_digit(ps, r)) return false; /* (years: 2023-2025年) */
  bool point = false;
  while (r < (long)ps->nc && (ps->c[r].cls == C_DIGIT || (ps->c[r].cp == '.' && is_digit(ps, r + 1))))
    point |= ps->c[r].cp == '.', r++;
  if (point) return true;
  uint32_t u = r < (long)ps->nc ? cell_cp(ps, &ps->c[r]) : 0;
  if (u == '%' || u == 0xFF05 || u == 0x2030 /*‰*/ || u == 0x2103 /*℃*/ || u == 0xB0 /*°*/ ||
      u == 0x2109 /*℉*/ || u == 0x5EA6 /*度*/)
    return true;
  /* (a clock hour after one: 9点-17点) */
  if (u == 0x70B9 && cell_cp(ps, &ps->c[prev_ns(ps, k)]) == 0x70B9) return false;
  return !signed_only && !time_char(u);
}

/* A Chinese numeral, or the day of 星期日/星期天: the part in which two like items differ. */
static bool numeral_cp(uint32_t c) {
  static const uint32_t set[] = {0x4E00 /*一*/, 0x4E8C /*二*/, 0x4E09 /*三*/, 0x56DB /*四*/,
                                 0x4E94 /*五*/, 0x516D /*六*/, 0x4E03 /*七*/, 0x516B /*八*/,
                                 0x4E5D /*九*/, 0x5341 /*十*/, 0x3007 /*〇*/, 0x96F6 /*零*/,
                                 0x4E24 /*两*/, 0x65E5 /*日*/, 0x5929 /*天*/};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    if (set[i] == c) return true;
  return false;
}

/* A Chinese numeral of a value: 一 … 十 百 千 万 亿 〇 零 两 (a range between them takes ～). */
static bool cn_numeral_cp(uint32_t c) { return qg_cp_cn_numeral(c) != 0; }

/* Whether the text at byte off starts with one of the words of list (NULL-terminated). */
static bool word_at(const char *t, size_t n, size_t off, const char *const *list) {
  for (size_t w = 0; list[w]; w++) {
    size_t wl = strlen(list[w]);
    if (off + wl <= n && !memcmp(t + off, list[w], wl)) return true;
  }
  return false;
}

/* A single — (or ―) at cell k between two Han characters that span_ctx does not take for a span
 * after a time or place, but that joins two like items all the same: a 一字线 to keep, not a
 * 破折号 to double (probe 9a F9). Only shapes that leave no doubt:
 *  - two amounts: a number and a unit of up to three characters before it, a number after it
 *    (5公斤—10公斤, 100元—200元);
 *  - two items of one frame differing in one numeral (周一—周五, 星期一—星期五,
 *    第一季度—第三季度, 一季度—三季度);
 *  - a chain of three names, the middle one of two to four characters between two single
 *    dashes (香港—澳门—珠海);
 *  - two to four characters before 之间, 两地, 流域 or 沿线 (上海—北京之间, 长江—黄河流域);
 *  - 中国 before a region it pairs with in the names of forums and fairs (中国—东盟博览会,
 *    中国—中亚峰会).
 * Everything else between Han characters stays a 破折号 (短板—部分 → 短板——部分). */
/* Han cells from j towards dir (-1, +1) while they last, at most 5 counted. */
static long han_len(const punct_stage *ps, long j, int dir) {
  long m = 0;
  while (j >= 0 && j < (long)ps->nc && ps->c[j].cls == C_HAN && m < 5) j += dir, m++;
  return m;
}

/* X—Y—Z with X ending at cell xe, Y from ys to ye, Z starting at zs: a chain of names, X and Z
 * of two characters or more, Y of two to four and no phrase: it opens with no 一 (一个 一名 一种)
 * and holds none of the words names never hold (的 了 呢 么 吗 吧 是 个 种 名 位 们 这 那 说 在
 * 有 不). */
static bool name_chain(const punct_stage *ps, long xe, long ys, long ye, long zs) {
  long y = ye - ys + 1;
  if (han_len(ps, xe, -1) < 2 || han_len(ps, zs, 1) < 2 || y < 2 || y > 4) return false;
  static const char16_t *const phrase = u"的了呢么吗吧是个种名位们这那说在有不";
  for (long j = ys; j <= ye; j++) {
    uint32_t c = cell_cp(ps, &ps->c[j]);
    if (j == ys && c == 0x4E00 /* 一 */) return false;
    for (const char16_t *p = phrase; *p; p++)
      if (c == *p) return false;
  }
  return true;
}

static bool like_span(const punct_stage *ps, const char *t, size_t n, long k) {
  long l = k - 1, r = k + 1, nc = (long)ps->nc;
  if (!is_han(ps, l) || r >= nc) return false;
  uint32_t dash = ps->c[k].cp;
  /* two amounts: the unit after the first number repeats after the second (5公斤—10公斤;
   * 30亿元—2025年 and 第80分钟—10号 are no range: review 9 R15) */
  if (is_digit(ps, r))
    for (long j = l - 1; j >= 0 && j >= l - 3; j--) {
      if (is_digit(ps, j)) {
        long e = r;
        while (e < nc && (is_digit(ps, e) || ps->c[e].cp == '.')) e++;
        long u = l - j; /* the unit: cells j+1 .. l */
        if (e + u > nc) return false;
        for (long i = 0; i < u; i++)
          if (!is_han(ps, e + i) || cell_cp(ps, &ps->c[e + i]) != cell_cp(ps, &ps->c[j + 1 + i]))
            return false;
        return true;
      }
      if (!is_han(ps, j)) break;
    }
  if (!is_han(ps, r)) return false;
  /* one frame, one numeral apart */
  for (long m = 2; m <= 4; m++) {
    if (k - m < 0 || k + m >= nc) break;
    int diff = 0;
    bool ok = true;
    for (long i = 0; i < m && ok; i++) {
      const cell *a = &ps->c[k - m + i], *b = &ps->c[k + 1 + i];
      if (a->cls != C_HAN || b->cls != C_HAN) ok = false;
      else if (cell_cp(ps, a) != cell_cp(ps, b))
        ok = ++diff == 1 && numeral_cp(cell_cp(ps, a)) && numeral_cp(cell_cp(ps, b));
    }
    if (ok && diff == 1) return true;
  }
  /* a chain of three names, each of two to four characters standing alone between the dashes
   * and the text's other marks (香港—澳门—珠海); an insert between two 破折号 is longer on its
   * outer sides, or a phrase (他—一个老人—走了进来, 那是—怎么说呢—一种感觉: review 9 R2) */
  for (long j = r, h = 0; j < nc && h <= 4; j++, h++)
    if (ps->c[j].cls != C_HAN) {
      if (h >= 2 && ps->c[j].cp == dash && run_of(ps, j, dash) == 1 && is_han(ps, j + 1) &&
          name_chain(ps, l, r, j - 1, j + 1))
        return true;
      break;
    }
  for (long j = l, h = 0; j >= 0 && h <= 4; j--, h++)
    if (ps->c[j].cls != C_HAN) {
      if (h >= 2 && ps->c[j].cp == dash && (j == 0 || ps->c[j - 1].cp != dash) && is_han(ps, j - 1) &&
          name_chain(ps, j - 1, j + 1, l, r))
        return true;
      break;
    }
  /* A—B之间 */
  static const char *const between[] = {"之间", "两地", "流域", "沿线", NULL};
  for (long j = r + 1; j < nc && j <= r + 4 && is_han(ps, j); j++)
    if (j >= r + 2 && word_at(t, n, ps->c[j].off, between)) return true;
  /* 中国—东盟 */
  static const char *const region[] = {"东盟", "中亚", "东欧", "中东欧", "欧盟", "欧洲", "非洲", "拉美",
                                       "阿拉伯", "东南亚", "南亚", "东北亚", "太平洋", "中东",
                                       "海合会", "上合", "拉共体", "加勒比", NULL};
  static const char zg[] = "中国";
  if (l >= 1 && ps->c[l - 1].off + 6 == ps->c[k].off && !memcmp(t + ps->c[l - 1].off, zg, 6) &&
      word_at(t, n, ps->c[r].off, region))
    return true;
  return false;
}

/* A chain of place names joined by single hyphens is decided as a whole (probe 23 M4: 北京-纽约-北京
 * became 北京—纽约-北京, 北京-成都-拉萨 北京—成都-拉萨): the hyphen at cell k, between Han
 * characters and no span by itself, is one when the joint next to it towards dir (-1, +1) is:
 * a name of two to four Han between the two (name_chain: no phrase, 他—一个老人—走了 is none),
 * then a single hyphen of the same kind, Han after it, which span_ctx takes for a span of places
 * (not before a figure: 北京-5℃) or which is one in turn (a longer chain, depth bounded). A chain
 * none of whose joints is a span is left whole (上海虹桥-北京, 纽约-伦敦-巴黎). */
static bool chain_span(const punct_stage *ps, const char *t, size_t n, long k, int dir, int depth) {
  long nc = (long)ps->nc;
  uint32_t dash = ps->c[k].cp;
  if (depth > 6 || !is_han(ps, k - 1) || !is_han(ps, k + 1)) return false;
  long j = k + dir, h = 0;
  while (j >= 0 && j < nc && ps->c[j].cls == C_HAN && h <= 4) j += dir, h++;
  if (h < 2 || h > 4 || j < 0 || j >= nc || ps->c[j].cp != dash || (ps->c[j].flags & F_PROT) ||
      (j > 0 && ps->c[j - 1].cp == dash) || !is_han(ps, j - 1) || !is_han(ps, j + 1))
    return false;
  if (dir > 0 ? !name_chain(ps, k - 1, k + 1, j - 1, j + 1) : !name_chain(ps, j - 1, j + 1, k - 1, k + 1))
    return false;
  if (span_ctx(ps, t, n, j, 1)) return !figure_after_dash(ps, j, false);
  return chain_span(ps, t, n, j, dir, depth + 1);
}

/* An address's hierarchy written with hyphens (session 24): 江苏-南京-玄武区, 广东-深圳-南山区,
 * 北京市-朝阳区, a form's 省-市-区. Nested units are no span from one place to another, which the
 * 一字线 marks (GB/T 15834-2011 4.13): the hyphens are left as written, unreported. The chain
 * of single hyphens of the kind at cell k, between runs of Han, holds cell k; a unit's rank (1 省,
 * 2 市 盟, 3 区 县 旗, 4 镇 乡 街, 5 村 路 巷 弄) is read at the end of each name but the last, and
 * at the first unit among the last name's first five characters (玄武区的居民). The ranks found
 * rise from name to name, and the last name has one: 3 with three names or a ranked first one,
 * 4 or 5 after a ranked name (西湖区-文三路), or 2 (a city) after a province. A chain with no
 * unit in its last name (北京-纽约-北京, 上海-杭州), two names of one rank (朝阳区-海淀区) or two
 * names the first unranked (北京-雄安新区, a route) is decided as before. */
static int unit_rank(uint32_t c) {
  switch (c) {
  case 0x7701: return 1; /* 省 */
  case 0x5E02: case 0x76DF: return 2; /* 市 盟 (not 州: 杭州 广州 are names) */
  case 0x533A: case 0x53BF: case 0x65D7: case 0x5340: case 0x7E23: return 3; /* 区 县 旗 區 縣 */
  case 0x9547: case 0x4E61: case 0x8857: case 0x93AE: case 0x9109: return 4; /* 镇 乡 街 鎮 鄉 */
  case 0x6751: case 0x8DEF: case 0x5DF7: case 0x5F04: return 5; /* 村 路 巷 弄 */
  default: return 0;
  }
}
/* Whether the cells from a on are Han and spell w (UTF-8 of Han characters of three bytes:
 * the run's bytes are consecutive in the text, so one memcmp). */
static bool han_word_at(const punct_stage *ps, long a, const char *w) {
  size_t wl = strlen(w);
  long k = (long)(wl / 3);
  for (long j = a; j < a + k; j++)
    if (!is_han(ps, j)) return false;
  return !memcmp(ps->t + ps->c[a].off, w, wl);
}

/* A province's name without 省 ends the cells before e (the first name of an address's chain,
 * 江苏-南京-玄武区: a chain of names without units that opens with a city, 杭州-绍兴-新昌县, is a
 * route: review 24 M4). */
static bool province_name(const punct_stage *ps, long e) {
  static const char *const names[] = {
      "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
      "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
      "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (han_word_at(ps, e - (long)(strlen(names[i]) / 3), names[i])) return true;
  return false;
}

/* Whether the name from cell a on opens with a municipality's name (北京 上海 天津 重庆), which is
 * in no province: 河北省-北京市 is a route. */
static bool municipality_at(const punct_stage *ps, long a) {
  return han_word_at(ps, a, "北京") || han_word_at(ps, a, "上海") || han_word_at(ps, a, "天津") ||
         han_word_at(ps, a, "重庆");
}

static bool admin_chain(const punct_stage *ps, long k) {
  uint32_t dash = ps->c[k].cp;
  long a = k, names = 1;
  for (;;) { /* back to the chain's first hyphen, a */
    long j = a - 1, h = 0;
    while (is_han(ps, j) && h < 12) j--, h++;
    if (h == 0) return false;
    if (h < 12 && j >= 1 && ps->c[j].cp == dash && is_han(ps, j - 1) && names < 8) {
      a = j, names++;
      continue;
    }
    break;
  }
  int first = unit_rank(cell_cp(ps, &ps->c[a - 1])), top = first, rank = first;
  /* (a first name with no unit is a province's; 城市-乡村 is no address) */
  if (!first && !province_name(ps, a)) return false;
  if (first == 2 && han_word_at(ps, a - 2, "城市")) return false;
  bool province = first == 1 || !first;
  for (names = 1; names < 16; a = a + 1) { /* a: a hyphen, the name after it from a + 1 */
    long e = a + 1;
    if (!is_han(ps, e)) return false;
    if (province && municipality_at(ps, e)) return false;
    while (is_han(ps, e + 1) && e - a < 12) e++;
    names++;
    if (!is_han(ps, e + 1) && e + 2 < (long)ps->nc && ps->c[e + 1].cp == dash &&
        is_han(ps, e + 2)) {
      rank = unit_rank(cell_cp(ps, &ps->c[e]));
      a = e;
    } else {
      rank = 0;
      for (long j = a + 1; j <= e && j <= a + 5 && !rank; j++)
        rank = unit_rank(cell_cp(ps, &ps->c[j]));
    }
    if (rank && rank <= top) return false;
    if (a != e) break;
    if (rank) top = rank;
    province |= rank == 1;
  }
  if (rank >= 4 && !top) return false; /* (杭州-上海-南京路: a street after two cities) */
  if (rank >= 3) return names >= 3 || first > 0;
  return rank == 2 && province;
}

/* The dash at cell k ends an open span of years in brackets, a birth year of a living person
 * ((1985-), （1985—）: probe 11a F25): a year 1000-2999 right after the opening bracket, the
 * closing bracket right after the dash. It takes the 一字线, as (1949-2019) does. */
static bool open_year_span(const punct_stage *ps, long k) {
  if (k < 5 || k + 1 >= (long)ps->nc) return false;
  uint32_t o = ps->c[k - 5].cp, cl = ps->c[k + 1].cp;
  /* (also after a glossed name's comma: 作者(John Smith,1985-), probe 12b B24) */
  bool gloss = false;
  if ((o == ',' || o == 0xFF0C) && k >= 6 && ps->c[k - 6].cls == C_LATIN) {
    long j = k - 6; /* back over the name to its bracket, which follows Chinese text */
    while (j >= 0 && k - j < 64 && (ps->c[j].cls == C_LATIN || ps->c[j].cp == ' ' ||
                                    ps->c[j].cp == '-' || ps->c[j].cp == '.' || ps->c[j].cp == '\''))
      j--;
    gloss = j >= 1 && (ps->c[j].cp == '(' || ps->c[j].cp == 0xFF08) && cjk_side(ps, j - 1);
  }
  if (!((o == '(' || o == 0xFF08 || gloss) && (cl == ')' || cl == 0xFF09))) return false;
  for (long j = k - 4; j < k; j++)
    if (ps->c[j].cls != C_DIGIT) return false;
  uint32_t d = ps->c[k - 4].cp;
  return d == '1' || d == '2';
}

/* Whether cell k is quoted alone, a sign named by the text (注:"—"表示该站不办理…: the table's
 * nil cell, probe 27 M6): a quotation mark opens right before it and one closes right after it. */
static bool quoted_sign(const punct_stage *ps, long k) {
  if (k < 1 || k + 1 >= (long)ps->nc) return false;
  uint32_t a = ps->c[k - 1].cp, z = ps->c[k + 1].cp;
  return (a == '"' && z == '"') || (a == '\'' && z == '\'') || (a == 0x201C && z == 0x201D) ||
         (a == 0x2018 && z == 0x2019) || (a == 0x300C && z == 0x300D);
}

/* A nil cell of a table row: a single — or －, or a run of two - or — (净利润　--　--: probe 22
 * H16), with white space (or the block's edge) on both sides, in a row of short fields (row_like)
 * without sentence marks: 投资收益 — 56.78 — (probe 11a F27). It is no 破折号 to double and its
 * white space is the row's. k is any cell of the run. */
static bool row_like(const punct_stage *ps);
static bool nil_dash_shape(const punct_stage *ps, long k);
static bool nil_dash(const punct_stage *ps, long k) { return nil_dash_shape(ps, k) && row_like(ps); }
static bool nil_dash_run(const punct_stage *ps, long k);
/* nil_dash but for the test of the row (row_like asks it of a row it assumes) */
static inline bool nil_dash_shape(const punct_stage *ps, long k) {
  if (k < 0 || k >= (long)ps->nc) return false;
  uint32_t d = ps->c[k].cp;
  return (d == 0x2014 || d == 0xFF0D || d == '-') && nil_dash_run(ps, k);
}
static bool nil_dash_run(const punct_stage *ps, long k) {
  long nc = (long)ps->nc;
  uint32_t d = ps->c[k].cp;
  long a = k, z = k;
  if (d != 0xFF0D) {
    if (a > 0 && ps->c[a - 1].cp == d) a--;
    else if (z + 1 < nc && ps->c[z + 1].cp == d) z++;
  }
  if ((d == '-' && z == a) || (a > 0 && ps->c[a - 1].cls != C_SPACE) ||
      (z + 1 < nc && ps->c[z + 1].cls != C_SPACE) || (a == 0 && z + 1 == nc))
    return false;
  for (size_t x = 0; x < ps->nnd; x++) {
    uint32_t f = ps->c[ps->nd[x]].cp;
    if (f == 0x3002 || f == 0xFF0C || f == 0xFF1B || f == 0xFF01 || f == 0xFF1F) return false;
  }
  return true;
}

static long translit_left(const punct_stage *ps, long k) {
  long m = 0;
  while (k >= 0 && ps->c[k].cls == C_HAN && qg_cp_is_translit(cell_cp(ps, &ps->c[k]))) k--, m++;
  return m;
}
static long translit_right(const punct_stage *ps, long k) {
  long m = 0;
  while (k < (long)ps->nc && ps->c[k].cls == C_HAN && qg_cp_is_translit(cell_cp(ps, &ps->c[k]))) k++, m++;
  return m;
}

/* Cell j is a dot or an interpunct with a transliteration character beyond it (side dir). */
static bool name_link(const punct_stage *ps, long j, int dir) {
  if (j < 0 || j >= (long)ps->nc) return false;
  uint32_t c = ps->c[j].cp;
  if (c != '.' && c != 0xFF0E && c != 0xB7 && c != 0x30FB && c != 0xFF65 && c != 0x2022 &&
      c != 0x2027 && c != 0x2219)
    return false;
  return is_han(ps, j + dir) && qg_cp_is_translit(cell_cp(ps, &ps->c[j + dir]));
}

/* Countries and cities written with transliteration characters, never parts of a personal
 * name: a dot right after or right before one (a whole word: no transliteration character
 * beyond it) ends a sentence, 离开莫斯科.伊朗外长…, 冠军是阿根廷.巴西队… (probe 9a F10), and is
 * no interpunct. Names that are also personal names (华盛顿, 亚历山大, 维多利亚; 米兰 伦敦 巴黎 悉尼
 * 维也纳 罗马: 米兰.昆德拉, 杰克.伦敦, review 9 R6) are not listed. */
static const char *const place_names[] = {
    "伊朗", "伊拉克", "叙利亚", "约旦", "黎巴嫩", "以色列", "巴勒斯坦", "沙特", "卡塔尔", "科威特",
    "阿曼", "也门", "土耳其", "埃及", "利比亚", "突尼斯", "阿尔及利亚", "摩洛哥", "苏丹",
    "埃塞俄比亚", "肯尼亚", "尼日利亚", "南非", "巴西", "阿根廷", "智利", "秘鲁", "哥伦比亚",
    "委内瑞拉", "古巴", "墨西哥", "加拿大", "意大利", "西班牙", "葡萄牙", "希腊", "荷兰", "比利时",
    "瑞士", "瑞典", "挪威", "丹麦", "芬兰", "波兰", "乌克兰", "俄罗斯", "白俄罗斯", "罗马尼亚",
    "保加利亚", "匈牙利", "捷克", "奥地利", "塞尔维亚", "克罗地亚", "爱尔兰", "苏格兰", "英格兰",
    "澳大利亚", "新西兰", "印度尼西亚", "马来西亚", "新加坡", "菲律宾", "泰国", "越南", "老挝",
    "柬埔寨", "缅甸", "孟加拉国", "巴基斯坦", "阿富汗", "哈萨克斯坦", "乌兹别克斯坦", "蒙古", "朝鲜",
    "莫斯科", "柏林", "马德里", "巴塞罗那", "都灵", "那不勒斯",
    "慕尼黑", "汉堡", "法兰克福", "布拉格", "华沙", "布达佩斯", "雅典", "伊斯坦布尔",
    "安卡拉", "德黑兰", "巴格达", "大马士革", "贝鲁特", "耶路撒冷", "特拉维夫", "开罗", "迪拜",
    "多哈", "利雅得", "纽约", "洛杉矶", "芝加哥", "旧金山", "波士顿", "费城", "迈阿密", "西雅图",
    "多伦多", "温哥华", "蒙特利尔", "墨尔本", "东京", "大阪", "首尔", "曼谷", "河内",
    "雅加达", "孟买", "新德里", "基辅", "明斯克", "日内瓦", "苏黎世", "布鲁塞尔", "阿姆斯特丹",
    "斯德哥尔摩", "奥斯陆", "哥本哈根", "赫尔辛基", "里斯本", "都柏林", "爱丁堡", "曼彻斯特",
    "利物浦", "里约热内卢", "圣保罗", "布宜诺斯艾利斯", NULL};

/* Is the Han character of the text at offset off a transliteration character? */
static bool translit_at(const char *t, size_t off, size_t n) {
  if (off >= n) return false;
  size_t i = off;
  return qg_cp_is_translit(qg_utf8_next(t, n, &i));
}

static bool place_at_dot(const punct_stage *ps, long k) {
  const char *t = ps->t;
  size_t dot = ps->c[k].off, after = dot + ps->c[k].len, n = ps->c[ps->nc - 1].off + ps->c[ps->nc - 1].len;
  for (size_t w = 0; place_names[w]; w++) {
    size_t l = strlen(place_names[w]);
    /* before the dot, with no transliteration character before it */
    if (l <= dot && !memcmp(t + dot - l, place_names[w], l) &&
        (dot == l || !translit_at(t, qg_utf8_prev(t, dot - l), n)))
      return true;
    /* after the dot, with none after it */
    if (after + l <= n && !memcmp(t + after, place_names[w], l) && !translit_at(t, after + l, n))
      return true;
  }
  return false;
}

/* A dot at cell k between two parts of a transliterated name: runs of transliteration
 * characters on both sides, each two or more long, or one long where a further dot links it
 * to another part (阿卜杜拉.本.侯赛因). The table holds the traditional forms too (喬治.華盛頓). */
static bool place_at_dot(const punct_stage *ps, long k);
static bool name_dot(const punct_stage *ps, long k) {
  if (!is_han(ps, k - 1) || !is_han(ps, k + 1)) return false;
  long l = translit_left(ps, k - 1), r = translit_right(ps, k + 1);
  /* (a last part of one character after two parts linked already: 马丁.路德.金 made 马丁·路德。金) */
  return (l >= 2 || (l == 1 && name_link(ps, k - 2, -1))) &&
         (r >= 2 || (r == 1 && (name_link(ps, k + 2, 1) || (l >= 2 && name_link(ps, k - 1 - l, -1))))) &&
         !place_at_dot(ps, k);
}

/* A dot at cell k between a transliterated given name and the initial of a middle name, which a
 * dot links to the surname: 乔治.W.布什 → 乔治·W.布什, 约翰.F.肯尼迪 (probe 19 R13). Both name parts
 * two transliteration characters or more; the initial's own dot stays, as in a Latin name. */
static bool initial_name_dot(const punct_stage *ps, long k) {
  long nc = (long)ps->nc;
  if (k < 2 || k + 4 >= nc || !is_han(ps, k - 1)) return false;
  uint32_t w = ps->c[k + 1].cp;
  if (!(w >= 'A' && w <= 'Z') || ps->c[k + 2].cp != '.' || !is_han(ps, k + 3)) return false;
  return translit_left(ps, k - 1) >= 2 && translit_right(ps, k + 3) >= 2 && !place_at_dot(ps, k);
}

/* ---- events ------------------------------------------------------------------------------- */

static int add_event(punct_stage *ps, long k, int fam, int sub, int dir, bool straight) {
  if (ps->nev == ps->capev) {
    size_t cap = ps->capev ? ps->capev * 2 : 64;
    event *v = realloc(ps->ev, cap * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    ps->ev = v;
    ps->capev = cap;
  }
  ps->ev[ps->nev++] = (event){.k = (uint32_t)k, .partner = -1, .fam = (uint8_t)fam,
                              .sub = (uint8_t)sub, .dir = (uint8_t)dir, .straight = straight};
  ps->c[k].flags |= F_EVENT;
  return 0;
}

static bool opener_cp(uint32_t c) {
  return c == 0x201C || c == 0x2018 || c == 0xFF08 || c == 0x300A || c == 0x3008 || c == 0x300C ||
         c == 0x300E || c == 0x3010 || c == 0x3014 || c == 0x3016 || c == 0xFF3B || c == '(' ||
         c == '[' || c == '<';
}
/* A mark after which only a quotation opens (说：“). Sentence marks, … and — are neutral: a
 * quotation both opens after them (。“) and closes after them (！” ……”). */
static bool lead_cp(uint32_t c) { return c == 0xFF1A || c == ':'; }
/* A mark that cannot follow an opening quotation mark. */
static bool trail_cp(uint32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300B || c == 0x3009 || c == 0x300D ||
         c == 0x300F || c == 0x3011 || c == 0x3015 || c == 0x3017 || c == 0xFF3D || c == 0xFF0C ||
         c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF01 || c == 0xFF1F ||
         c == ')' || c == ']' || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' ||
         c == '?';
}

/* Which way a quotation mark leans from its neighbours: D_OPEN, D_CLOSE or D_AMBIG. */
/* Whether the ASCII mark at cell j (beyond white space from a quotation mark, on side dir) will
 * be full-width: , ; : ! ? ( ) with Chinese on its far side. */
static bool wide_ascii(const punct_stage *ps, long j, int dir) {
  const cell *c = &ps->c[j];
  uint32_t f = c->cp;
  if (c->act != A_NONE || c->flags & F_PROT ||
      !(f == ',' || f == ';' || f == ':' || f == '!' || f == '?' || f == '(' || f == ')'))
    return false;
  return cjk_side(ps, dir < 0 ? prev_ns(ps, j) : next_ns(ps, j));
}

/* The neighbour of quotation mark k on side dir as a second run sees it: white space between the
 * mark and a full-width mark goes (punct-space), so the full-width mark is the neighbour (限制,
 * " 命令 leans as 限制，" 命令 does). Other white space stays where the mark stays straight, and
 * leans it open or close (见 "附件: a quotation opens). */
static const cell *lean_side(const punct_stage *ps, long k, int dir) {
  long j = k + dir;
  if (j < 0 || j >= (long)ps->nc) return NULL;
  if (ps->c[j].cls != C_SPACE) return &ps->c[j];
  long m = dir < 0 ? prev_ns(ps, k) : next_ns(ps, k);
  if (m < 0) return &ps->c[j];
  const cell *f = &ps->c[m];
  uint32_t ff = fin(f);
  /* white space next to a curly mark goes unless Latin text or a digit is beyond it (pass_spaces):
   * ps:” 当做 leans as ps:”当做 does, as a second run sees it */
  if (curly(fin(&ps->c[k]))) {
    /* (past at most eight quotes: a longer run of spaced quotes is no English, and the walk
     * from every quote of it would be quadratic) */
    long q = m;
    for (int steps = 0; q >= 0 && curly(fin(&ps->c[q])) && steps < 8; steps++)
      q = dir < 0 ? prev_ns(ps, q) : next_ns(ps, q);
    if (q < 0 || curly(fin(&ps->c[q])) || (ps->c[q].cls != C_LATIN && ps->c[q].cls != C_DIGIT))
      return f;
  }
  /* (the marks whose width depends on the font, curly quotes among them, keep white space
   * only before Latin text: a straight mark is none) */
  bool wide = ff >= 0x80 ? qg_cp_is_cjk_punct(ff) : wide_ascii(ps, m, dir);
  return wide ? f : &ps->c[j];
}

/* A mark alone between the straight quotes at cells o and o + 2, of one kind: a quoted mark
 * (用":"隔开), when the first can open: an even number of marks of its kind (straight or
 * curly) before it, so that a list
 * "甲"、"乙" keeps its 、 between a closing and an opening mark. */
static bool quoted_mark(const punct_stage *ps, long o) {
  if (o < 0 || o + 2 >= (long)ps->nc || ps->c[o + 2].cp != ps->c[o].cp || ps->c[o].flags & F_ODDQ)
    return false;
  const cell *m = &ps->c[o + 1];
  /* not after or before a Latin letter or digit: 21:42"、"lm is a list with its ends lost */
  if ((o > 0 && (ps->c[o - 1].cls == C_LATIN || ps->c[o - 1].cls == C_DIGIT)) ||
      (o + 3 < (long)ps->nc && (ps->c[o + 3].cls == C_LATIN || ps->c[o + 3].cls == C_DIGIT)))
    return false;
  return (m->cls == C_OTHER || m->cls == C_CJKP) && !curly(m->cp) && m->cp != '"' && m->cp != '\'';
}

/* A run of three or more dots: an ellipsis, which a quotation both opens and closes around. */
static bool dots(const punct_stage *ps, const cell *q) {
  long j = q - ps->c;
  return (q->cp == '.' || q->cp == 0x3002 || q->cp == 0xFF0E) && j + 2 < (long)ps->nc &&
         ps->c[j + 1].cp == q->cp && ps->c[j + 2].cp == q->cp;
}

static int lean(const punct_stage *ps, long k) {
  if (ps->c[k].cp == '"' || ps->c[k].cp == '\'') {
    if (quoted_mark(ps, k - 2)) return D_CLOSE;
    if (quoted_mark(ps, k)) return D_OPEN;
  }
  /* the neighbours as written decide when they lean one way (网段时间, "lser: the space opens);
   * a mark they leave undecided stays straight, and its white space next to full-width marks
   * goes, so the neighbours beyond decide, as they will on a second run */
  for (int pass = 0; pass < 2; pass++) {
    const cell *p, *q;
    if (!pass) {
      p = k > 0 ? &ps->c[k - 1] : NULL;
      q = k + 1 < (long)ps->nc ? &ps->c[k + 1] : NULL;
      /* a mark deleted before the pairing (the inner < of <<书名>>) is not a neighbour: the
       * mark before it is, as a second run sees it */
      while (p && p->act == A_DEL && !(p->flags & F_CONT)) p = p > ps->c ? p - 1 : NULL;
    } else {
      p = lean_side(ps, k, -1), q = lean_side(ps, k, 1);
      if (p == (k > 0 ? &ps->c[k - 1] : NULL) && q == (k + 1 < (long)ps->nc ? &ps->c[k + 1] : NULL))
        break; /* no white space goes: the same neighbours */
    }
    if (q && dots(ps, q)) q = &ps->c[k]; /* neutral: neither opens nor closes */
    bool open = !p || p->cls == C_SPACE || opener_cp(fin(p)) || lead_cp(fin(p));
    bool close = !q || q->cls == C_SPACE || trail_cp(fin(q));
    if (open && !close) return D_OPEN;
    if (close && !open) return D_CLOSE;
  }
  return D_AMBIG;
}

/* ---- A: sequences ------------------------------------------------------------------------- */

static void note(punct_stage *ps, cell *c, int what, long end) {
  if (c->note) return;
  if (c->cls != C_SPACE && c->cls != C_OTHER && c->cls != C_CJKP) ps->odd_note = true;
  c->note = (uint8_t)what;
  c->aux = (uint32_t)end;
}

/* A minus sign: - − －. */
static bool minus_cp(uint32_t c) { return c == '-' || c == 0x2212 || c == 0xFF0D; }

/* 15～30%: the right number's unit (% ‰ 万 亿) must repeat on the left. */
static void check_range_unit(punct_stage *ps, long k) {
  long r = k + 1;
  while (r < (long)ps->nc && ps->c[r].cls == C_SPACE) r++;
  if (r < (long)ps->nc && minus_cp(ps->c[r].cp)) r++; /* -10～-5% */
  long e = r;
  while (e < (long)ps->nc && (ps->c[e].cls == C_DIGIT || (ps->c[e].cp == '.' && is_digit(ps, e + 1)))) e++;
  if (e == r || e >= (long)ps->nc) return;
  uint32_t u = cell_cp(ps, &ps->c[e]);
  if (u != '%' && u != 0xFF05 && u != 0x2030 && u != 0x4E07 /*万*/ && u != 0x4EBF /*亿*/) return;
  long l = k - 1;
  while (l >= 0 && ps->c[l].cls == C_SPACE) l--;
  if (l < 0 || cell_cp(ps, &ps->c[l]) == u) return;
  if (ps->c[l].cls != C_DIGIT) return;
  long s = l;
  while (s > 0 && (ps->c[s - 1].cls == C_DIGIT || ps->c[s - 1].cp == '.')) s--;
  if (s > 0 && minus_cp(ps->c[s - 1].cp) && (s == 1 || ps->c[s - 2].cls != C_DIGIT)) s--;
  note(ps, &ps->c[s], N_RANGE_UNIT, e);
}

static bool roman_cp(uint32_t c) { return c >= 0x2160 && c <= 0x217B; }

static bool digit_before(const punct_stage *ps, long k) {
  long j = prev_ns(ps, k);
  for (int steps = 0; j >= 0 && steps < 4; steps++, j--) {
    const cell *c = &ps->c[j];
    if (c->cls == C_DIGIT || (steps == 0 && roman_cp(c->cp))) return true;
    if (c->cls == C_SPACE || (c->cls == C_CJKP && c->cp != 0xFF05) ||
        (c->cp < 0x80 && c->cls == C_OTHER && c->cp != '%' && c->cp != '.'))
      return false;
  }
  return false;
}

/* A number starts at cell j: a digit, or a minus sign right before one (-10~-5℃: the second
 * number is -5; the minus is its sign, not a dash or a range mark). */
static bool number_at(const punct_stage *ps, long j) {
  /* a plus sign too (-40~+85℃: probe 10a F19), and a Roman numeral (Ⅰ~Ⅱ级: F28) */
  return is_digit(ps, j) ||
         (j >= 0 && j < (long)ps->nc && roman_cp(ps->c[j].cp)) ||
         (j >= 0 && (minus_cp(ps->c[j].cp) || ps->c[j].cp == '+' || ps->c[j].cp == 0xFF0B) &&
          ps->c[j].act == A_NONE && is_digit(ps, j + 1));
}

/* The cell after 零上 or 零下 at j (a temperature's side of zero: 零下5℃~零上3℃, probe 36 F5);
 * else j itself. */
static long past_zero_word(const punct_stage *ps, long j) {
  if (j < 0 || j + 2 >= (long)ps->nc || cell_cp(ps, &ps->c[j]) != 0x96F6 /*零*/) return j;
  uint32_t w = cell_cp(ps, &ps->c[j + 1]);
  return w == 0x4E0A /*上*/ || w == 0x4E0B /*下*/ ? j + 2 : j;
}

/* A word of approximation after a number (30多, 30余万, 10来): not part of its unit. */
static bool approx_cp(uint32_t c) {
  return c == 0x591A /*多*/ || c == 0x4F59 /*余*/ || c == 0x6765 /*来*/ || c == 0x51E0 /*几*/;
}

/* The tilde at cell k (a digit within four characters before it, a number right after) joins
 * two numbers of one quantity: the unit written after the first number (the cells between its
 * last digit and the tilde, words of approximation left out) is empty, or the unit after the
 * second number starts with it, or both are dates or times (2月20日~3月1日, 2020年3月~2021年: a
 * date's month, day or hour and its digits are passed over to the last unit). 抽3个~2月20日 and
 * 转发抽3位~12点 join different quantities (个 and 日, 位 and 点): a playful tilde of web copy,
 * or a range the stage cannot be sure of: probe 11a F2. Magnitudes (200万~1亿元) and units of one
 * quantity (3小时~2天, 800米~1.5公里) agree (review 11 C8). */
/* Units of measure by quantity (review 11 C8): two ends of a range in different units of one
 * quantity (30分钟~1小时, 3个月~1年, 800米~1.5公里, 2公斤~1吨) are one range. The quantity of the unit
 * word at cell i: 1 time, 2 length, 3 mass, 4 area, 5 volume, 0 none; *len its cells, the
 * longest word that matches (an ASCII unit not followed by another ASCII letter). 个 alone
 * (抽3个) is no unit of any quantity. */
static int unit_quantity(const punct_stage *ps, long i, long *len) {
  static const struct { const char *w; int q; } units[] = {
    {"个小时", 1}, {"个星期", 1}, {"个季度", 1}, {"个月", 1}, {"小时", 1}, {"钟头", 1},
    {"分钟", 1}, {"星期", 1}, {"季度", 1}, {"周岁", 1}, {"秒", 1}, {"分", 1}, {"时", 1},
    {"天", 1}, {"日", 1}, {"周", 1}, {"月", 1}, {"年", 1}, {"岁", 1}, {"min", 1},
    {"平方公里", 4}, {"平方千米", 4}, {"平方米", 4}, {"公顷", 4}, {"亩", 4},
    {"毫米", 2}, {"厘米", 2}, {"分米", 2}, {"千米", 2}, {"公里", 2}, {"米", 2}, {"km", 2},
    {"cm", 2}, {"mm", 2}, {"m", 2},
    {"毫克", 3}, {"千克", 3}, {"公斤", 3}, {"克", 3}, {"斤", 3}, {"吨", 3}, {"mg", 3},
    {"kg", 3}, {"g", 3},
    {"毫升", 5}, {"升", 5}, {"ml", 5}, {"mL", 5}, {"L", 5},
  };
  long nc = (long)ps->nc, best = 0;
  int q = 0;
  for (size_t x = 0; x < sizeof units / sizeof units[0]; x++) {
    const unsigned char *w = (const unsigned char *)units[x].w;
    long j = i;
    bool ascii = w[0] < 0x80;
    while (*w && j < nc) {
      uint32_t cp;
      int n = *w < 0x80 ? 1 : *w < 0xE0 ? 2 : *w < 0xF0 ? 3 : 4;
      cp = n == 1 ? *w : n == 2 ? (uint32_t)(*w & 0x1F) : n == 3 ? (uint32_t)(*w & 0x0F) : (uint32_t)(*w & 0x07);
      for (int m = 1; m < n; m++) cp = cp << 6 | (w[m] & 0x3F);
      if (cell_cp(ps, &ps->c[j]) != cp) break;
      w += n;
      j++;
    }
    if (*w) continue;
    if (ascii && j < nc && ps->c[j].cls == C_LATIN && ps->c[j].cp < 0x80) continue;
    if (j - i > best) best = j - i, q = units[x].q;
  }
  *len = best;
  return q;
}

/* A magnitude written as a character (十 百 千 万 亿): 200万~1亿元 is one range of money. */
static bool magnitude_cp(uint32_t c) {
  return c == 0x5341 /*十*/ || c == 0x767E /*百*/ || c == 0x5343 /*千*/ || c == 0x4E07 /*万*/ ||
         c == 0x4EBF /*亿*/;
}

static bool range_units_agree(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, l = prev_ns(ps, k), s = l;
  while (s >= 0 && s > l - 4 && !is_digit(ps, s) && !roman_cp(ps->c[s].cp)) s--;
  long u = s + 1; /* the first unit: cells u .. l */
  while (u <= l && ps->c[u].cls == C_HAN && approx_cp(cell_cp(ps, &ps->c[u]))) u++;
  if (u > l) return true;
  long r = past_zero_word(ps, next_ns(ps, k)); /* (零上3℃) */
  if (r < nc && !is_digit(ps, r) && !roman_cp(ps->c[r].cp)) r++; /* a sign */
  for (;;) {
    while (r < nc && (is_digit(ps, r) || roman_cp(ps->c[r].cp) ||
                      (ps->c[r].cp == '.' && is_digit(ps, r + 1))))
      r++;
    /* 2月20日: past a time character that digits follow */
    if (r + 1 < nc && ps->c[r].cls == C_HAN && time_char(cell_cp(ps, &ps->c[r])) && is_digit(ps, r + 1))
      r++;
    else break;
  }
  while (r < nc && ps->c[r].cls == C_HAN && approx_cp(cell_cp(ps, &ps->c[r]))) r++;
  if (r >= nc) return false;
  /* magnitudes change along a range (200万~1亿元, 5千~2万元, 200元~1万元): past them on both */
  while (u <= l && ps->c[u].cls == C_HAN && magnitude_cp(cell_cp(ps, &ps->c[u]))) u++;
  if (u > l) return true;
  while (r + 1 < nc && ps->c[r].cls == C_HAN && magnitude_cp(cell_cp(ps, &ps->c[r])) &&
         !(cell_cp(ps, &ps->c[r]) == 0x5343 && (cell_cp(ps, &ps->c[r + 1]) == 0x7C73 ||
                                                 cell_cp(ps, &ps->c[r + 1]) == 0x514B))) /* 千米 千克 */
    r++;
  uint32_t a0 = cell_cp(ps, &ps->c[u]), b0 = cell_cp(ps, &ps->c[r]);
  if (ps->c[u].cls == C_HAN && ps->c[r].cls == C_HAN && time_char(a0) && time_char(b0)) return true;
  /* units of one quantity: 30分钟~1小时, 3个月~1年, 800米~1.5公里 (review 11 C8) */
  long la, lb;
  int qa = unit_quantity(ps, u, &la), qb = unit_quantity(ps, r, &lb);
  if (qa && qa == qb && u + la == l + 1) return true;
  for (long i = 0; i <= l - u; i++) {
    if (r + i >= nc) return false;
    uint32_t a = cell_cp(ps, &ps->c[u + i]), b = cell_cp(ps, &ps->c[r + i]);
    if (a == 0xFF05) a = '%';
    if (b == 0xFF05) b = '%';
    if (a != b) return false;
  }
  return true;
}

/* The minus at cell k signs the first number of a range (北京-10~-5℃, 1月-10～-5℃): not a dash
 * or a span of time or place. */
static bool range_minus(const punct_stage *ps, long k) {
  if (!number_at(ps, k)) return false;
  long j = k + 1;
  while (j < (long)ps->nc && (ps->c[j].cls == C_DIGIT || (ps->c[j].cp == '.' && is_digit(ps, j + 1)))) j++;
  while (j < (long)ps->nc && ps->c[j].cls == C_SPACE) j++;
  if (j >= (long)ps->nc) return false;
  uint32_t m = ps->c[j].cp;
  return (m == '~' || m == 0x301C || m == 0x223C || m == 0xFF5E) && number_at(ps, next_ns(ps, j));
}

/* The cell of the mark closing the ASCII book-title mark at cell k (< ‹ ＜, open; its close),
 * -1 when the pair is no title: a short text (≤ 60 characters) with Han in it, without = or
 * other angle brackets inside (but a title nested in it: <关于<红楼梦>的研究>), no space just
 * inside, no ASCII letter or digit just outside (a<b且c>d is a comparison), neither a clause or
 * sentence mark (当收入<支出时,财务>危险, probe D24) nor a conjunction (甲<乙并且丙>丁) inside,
 * nor a figure with its unit only (价格<100元>). */
static long ascii_title_end(const punct_stage *ps, const char *t, long k, uint32_t open,
                            uint32_t close) {
  long j = k + 1;
  /* a tag of WebVTT (v c i b u lang ruby rt) and then white space or a dot: the voice <v 主持人>,
   * <v.loud 张三>, <lang zh> (probe 22 H12) */
  if (open == '<') {
    while (j < (long)ps->nc && j - k <= 4 && ps->c[j].cp >= 'a' && ps->c[j].cp <= 'z') j++;
    if (j > k + 1 && j < (long)ps->nc && (ps->c[j].cls == C_SPACE || ps->c[j].cp == '.')) {
      static const char *const tags[] = {"v", "c", "i", "b", "u", "lang", "ruby", "rt", NULL};
      size_t len = (size_t)(j - k - 1);
      for (size_t w = 0; tags[w]; w++)
        if (strlen(tags[w]) == len && !memcmp(t + ps->c[k + 1].off, tags[w], len)) return -1;
    }
    j = k + 1;
  }
  bool han = false, bad = false;
  int depth = 0;
  for (; j < (long)ps->nc && j - k <= 60; j++) {
    uint32_t d = ps->c[j].cp;
    if (d == close && !depth) break;
    if (d == open && depth < 1 && !(ps->c[j].flags & F_PROT)) depth++;
    else if (d == close && depth && !(ps->c[j].flags & F_PROT)) depth--;
    else if (d == '<' || d == '>' || d == '=' || d == 0x2039 || d == 0x203A || d == 0xFF1C ||
             d == 0xFF1E || d == 0xAB || d == 0xBB || (ps->c[j].flags & F_PROT))
      bad = true;
    /* (« » is no comparison's sign: a title in it may hold a clause mark, «夜间施工扰民 何时休?») */
    if ((d == ',' || d == ';' || d == '!' || d == '?' || d == 0xFF0C || d == 0xFF1B ||
         d == 0x3002 || d == 0xFF01 || d == 0xFF1F) &&
        open != 0xAB)
      bad = true;
    han |= ps->c[j].cls == C_HAN;
  }
  if (j >= (long)ps->nc || ps->c[j].cp != close || !han || bad || depth ||
      (ps->c[j].flags & F_PROT))
    return -1;
  /* a figure and its unit (a character or two, or %) is a comparison's bound: 价格<100元>的商品
   * (probe 19 R13); <1978年的冬天> is a title */
  if (ps->c[k + 1].cls == C_DIGIT) {
    long q = k + 1;
    while (q < j && (ps->c[q].cls == C_DIGIT || ps->c[q].cp == '.' || ps->c[q].cp == ',')) q++;
    long u = q;
    while (u < j && u - q < 3 && (ps->c[u].cls == C_HAN || ps->c[u].cp == '%' || ps->c[u].cp == 0xFF05)) u++;
    if (u == j && u - q <= 2) return -1;
  }
  if (ps->c[j - 1].cls == C_SPACE || ps->c[k + 1].cls == C_SPACE ||
      (k > 0 && (ps->c[k - 1].cls == C_LATIN || ps->c[k - 1].cls == C_DIGIT)) ||
      (j + 1 < (long)ps->nc && (ps->c[j + 1].cls == C_LATIN || ps->c[j + 1].cls == C_DIGIT)))
    return -1;
  if (j - k > 4) {
    static const char *const conj[] = {"并且", "而且", "或者", "同时", "但是", NULL};
    for (long q = k + 2; q < j - 1; q++) {
      if (ps->c[q].cls != C_HAN) continue;
      for (size_t w = 0; conj[w]; w++) {
        size_t wl = strlen(conj[w]);
        if (ps->c[q].off + wl <= ps->c[j].off && !memcmp(t + ps->c[q].off, conj[w], wl)) return -1;
      }
    }
  }
  return j;
}

/* The run of r dots or … at cell k ends an English quotation, between its last word and its
 * closing quote (“Wait...”他说: probe 8 E10), the quotation all Latin back to its opening quote:
 * the quotation's own marks. */
static bool quoted_latin(const punct_stage *ps, long k, long r) {
  uint32_t after = k + r < (long)ps->nc ? ps->c[k + r].cp : 0;
  if (!(k > 0 && ps->c[k - 1].cls == C_LATIN &&
        (after == 0x201D || after == '"' || after == 0x2019 || after == '\'')))
    return false;
  long q = k - 1;
  while (q >= 0 && k - q < 80 && ps->c[q].cls != C_HAN && ps->c[q].cls != C_CJKP &&
         ps->c[q].cp < 0x80 && ps->c[q].cp != '"' && ps->c[q].cp != '\'')
    q--; /* (a Han cell's cp is not kept: its class tells) */
  return q >= 0 && k - q < 80 &&
         (ps->c[q].cp == 0x201C || ps->c[q].cp == '"' || ps->c[q].cp == 0x2018 || ps->c[q].cp == '\'');
}

static bool embedded(const punct_stage *ps, long l);
/* The run of r … or ⋯ at cell k is English text's (Wait… what?, I said no…): no Chinese on
 * either side, Latin text on one, and not after an ASCII word that follows Chinese text
 * (他喜欢Python…: Chinese); or it ends an English quotation. GB/T 15834 does not apply there,
 * and a single … is English's ellipsis (it became ……: probe 19 R14). */
static bool ellipsis_cp(uint32_t c) { return c == 0x2026 || c == 0x22EF; }
static bool latin_ellipsis(const punct_stage *ps, long k, long r) {
  if (quoted_latin(ps, k, r)) return true;
  /* the text on each side, past other ellipses (He said no… …) */
  long l = prev_ns(ps, k), e = next_ns(ps, k + r - 1);
  while (l >= 0 && ellipsis_cp(fin(&ps->c[l]))) l = prev_ns(ps, l);
  while (e >= 0 && ellipsis_cp(fin(&ps->c[e]))) e = next_ns(ps, e);
  if (cjk_side(ps, past_quotes(ps, l, -1)) || cjk_side(ps, past_quotes(ps, e, 1))) return false;
  bool latin = (l >= 0 && (ps->c[l].cls == C_LATIN || ps->c[l].cls == C_DIGIT || ps->c[l].cp < 0x80)) ||
               (e >= 0 && (ps->c[e].cls == C_LATIN || ps->c[e].cls == C_DIGIT || ps->c[e].cp < 0x80));
  return latin && !(l >= 0 && embedded(ps, l));
}

/* Cells k and k + 1 are two different dashes, — ― － – -, alone (no dash or digit next to the
 * pair: not a minus, not a span of figures), in Chinese context: a 破折号 typed with two kinds of
 * dash (他说—-好: the — was doubled and the hyphen stayed, ——-; probe 19 R5). */
static bool mixed_dash(const punct_stage *ps, long k) {
  const cell *a = &ps->c[k], *b = &ps->c[k + 1];
  uint32_t x = a->cp, y = b->cp;
  bool dx = x == '-' || x == 0x2013 || x == 0xFF0D || x == 0x2015 || x == 0x2014;
  bool dy = y == '-' || y == 0x2013 || y == 0xFF0D || y == 0x2015 || y == 0x2014;
  if (!dx || !dy || x == y || b->flags & F_PROT || b->act != A_NONE) return false;
  uint32_t before = k > 0 ? ps->c[k - 1].cp : 0, after = k + 2 < (long)ps->nc ? ps->c[k + 2].cp : 0;
  bool dash_before = before == '-' || before == 0x2013 || before == 0xFF0D || before == 0x2015 ||
                     before == 0x2014 || before == 0x2500;
  bool dash_after = after == '-' || after == 0x2013 || after == 0xFF0D || after == 0x2015 ||
                    after == 0x2014 || after == 0x2500;
  if (dash_before || dash_after || is_digit(ps, k - 1) || is_digit(ps, k + 2)) return false;
  return han_ctx(ps, k, k + 1);
}

/* The run of r dot-like marks at cell k (. ． … ⋯ · ・ ‧ ∙) is a leader of a table of contents or an
 * index (第一章 绪论……………………1, 1.1 研究背景..........3): text before it, and after it only
 * white space and a page number (arabic or roman, 页 after it allowed) that ends the block; six
 * marks or more, or three … (probe 22 H18). Layout, no ellipsis: left as typed. */
static bool leader_dots(const punct_stage *ps, long k, long r) {
  long nc = (long)ps->nc, e = k + r;
  uint32_t d = ps->c[k].cp;
  while (e < nc && e - k < 400 && !(ps->c[e].flags & F_PROT) &&
         (ps->c[e].cp == d || ps->c[e].cp == 0x2026 || ps->c[e].cp == 0x22EF))
    e++; /* (… and ⋯ mixed) */
  long dots = e - k;
  if (!(dots >= 6 || (dots >= 3 && (d == 0x2026 || d == 0x22EF))) || prev_ns(ps, k) < 0) return false;
  while (e < nc && ps->c[e].cls == C_SPACE) e++;
  long p = e;
  while (e < nc && e - p < 6 &&
         (ps->c[e].cls == C_DIGIT || (ps->c[e].cp >= 0x2160 && ps->c[e].cp <= 0x217F) ||
          (ps->c[e].cls == C_LATIN && strchr("ivxlcIVXLC", (int)ps->c[e].cp) && ps->c[e].cp < 0x80)))
    e++;
  if (e == p) return false;
  if (e < nc && is_han(ps, e) && cell_cp(ps, &ps->c[e]) == 0x9875 /*页*/) e++;
  while (e < nc && ps->c[e].cls == C_SPACE) e++;
  return e == nc;
}
/* leader_dots, and then its marks and the white space around them are protected (the space
 * before ·········· is the leader's too, punct-space does not take it) */
static bool leader(punct_stage *ps, long k, long r) {
  if (!leader_dots(ps, k, r)) return false;
  long a = k, z = k + r;
  while (a > 0 && ps->c[a - 1].cls == C_SPACE) a--;
  while (z < (long)ps->nc && (ps->c[z].cls == C_SPACE || (ps->c[z].cp == ps->c[k].cp && z - k < 400) ||
                              ps->c[z].cp == 0x2026 || ps->c[z].cp == 0x22EF))
    z++;
  for (long j = a; j < z; j++)
    if (ps->c[j].act == A_NONE) ps->c[j].flags |= F_PROT;
  return true;
}

/* collect: the first run, which also collects the paired marks; later
 * runs only decide cells still undecided, now that their neighbours may have changed. */
/* The tilde at k is the AC sign of a rating plate between a voltage and its frequency:
 * 220V~50Hz, 100-240V~50/60Hz (IEC 60417; probe 22 L1). */
static bool ac_rating(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, j = k + 1;
  if (k < 2 || ps->c[k - 1].cp != 'V' || ps->c[k - 2].cls != C_DIGIT) return false;
  while (j < nc && (ps->c[j].cls == C_DIGIT || ps->c[j].cp == '/' || ps->c[j].cp == '.')) j++;
  return j > k + 1 && j + 1 < nc && ps->c[j].cp == 'H' && ps->c[j + 1].cp == 'z';
}

static bool unit_range(const punct_stage *ps, long k); /* (with the hyphen ranges below) */
static bool zero_range(const punct_stage *ps, long k, bool *arith);
static bool money_range(const punct_stage *ps, long k, bool *arith);
static bool phone_hyphen(const punct_stage *ps, long k);
static long date_hyphens(const punct_stage *ps, long k);

/* Cell k is inside a 「」 quotation that holds kana: Japanese quoted in Chinese text (probe 23
 * L5, L9: 「すみません,ちょっと…」 took the Chinese ，, 「東京・大阪・京都」 the Chinese ·). Its marks
 * are Japanese: a comma becomes 、, the Japanese 読点 (the full stop 。 both languages share), and a
 * 中黒 ・ between kanji stays (in Japanese it separates the items of a list, 東京・大阪, where · would
 * join the parts of one name). The quotation is looked for within 200 cells either side. */
/* (Session 24: の alone is no Japanese. Hong Kong and Taiwan copy borrows it into Chinese names
 * and headings, 一蘭の拉麵, 我の日常, 春の限定; the quotation is Japanese when it holds a kana
 * other than の, or の three times or more.) kana_cp: 1 for の, 0x10000 for another kana. */
static unsigned kana_cp(uint32_t c) {
  if (c == 0x306E) return 1;
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ? 0x10000u : 0;
}
/* (Session 25, review 24 L2: kanji in their Japanese-only forms (shinjitai and kokuji in neither
 * GB 2312 nor Big5: 気 駅 売 読 込 ...) with a の make a quotation Japanese: 「今日の天気,最高」.
 * Alone they do not: Hong Kong's HKSCS has 22 of them (review 25 H1).) Sorted, for jp_form's
 * binary search. */
static const uint16_t jp_forms[] = {
    0x4E21 /*両*/, 0x4E57 /*乗*/, 0x4E9C /*亜*/, 0x4FA1 /*価*/, 0x50CD /*働*/, 0x5150 /*児*/,
    0x51E6 /*処*/, 0x5263 /*剣*/, 0x52B4 /*労*/, 0x52E7 /*勧*/, 0x5358 /*単*/, 0x55B6 /*営*/,
    0x56E3 /*団*/, 0x56F3 /*図*/, 0x5869 /*塩*/, 0x58CA /*壊*/, 0x58F2 /*売*/, 0x5909 /*変*/,
    0x59EB /*姫*/, 0x5B9F /*実*/, 0x5BFE /*対*/, 0x5C02 /*専*/, 0x5CE0 /*峠*/, 0x5E2F /*帯*/,
    0x5E30 /*帰*/, 0x5E83 /*広*/, 0x5F3E /*弾*/, 0x5FB3 /*徳*/, 0x6075 /*恵*/, 0x60AA /*悪*/,
    0x61D0 /*懐*/, 0x6226 /*戦*/, 0x6238 /*戸*/, 0x623B /*戻*/, 0x62DD /*拝*/, 0x62E0 /*拠*/,
    0x67A0 /*枠*/, 0x6804 /*栄*/, 0x685C /*桜*/, 0x691C /*検*/, 0x697D /*楽*/, 0x69D8 /*様*/,
    0x6B69 /*歩*/, 0x6B73 /*歳*/, 0x6BCE /*毎*/, 0x6C17 /*気*/, 0x6CA2 /*沢*/, 0x6D44 /*浄*/,
    0x6D99 /*涙*/, 0x6E08 /*済*/, 0x6E0B /*渋*/, 0x6E80 /*満*/, 0x713C /*焼*/, 0x7363 /*獣*/,
    0x7551 /*畑*/, 0x767A /*発*/, 0x770C /*県*/, 0x7A4F /*穏*/, 0x7C8B /*粋*/, 0x7D4C /*経*/,
    0x7D75 /*絵*/, 0x7D9A /*続*/, 0x7DCF /*総*/, 0x7DD1 /*緑*/, 0x7E04 /*縄*/, 0x7E26 /*縦*/,
    0x8074 /*聴*/, 0x8133 /*脳*/, 0x8535 /*蔵*/, 0x85AC /*薬*/, 0x899A /*覚*/, 0x89A7 /*覧*/,
    0x89B3 /*観*/, 0x8A33 /*訳*/, 0x8AAD /*読*/, 0x8B72 /*譲*/, 0x8EE2 /*転*/, 0x8EFD /*軽*/,
    0x8FBA /*辺*/, 0x8FBC /*込*/, 0x9045 /*遅*/, 0x9154 /*酔*/, 0x9244 /*鉄*/, 0x92AD /*銭*/,
    0x9332 /*録*/, 0x95A2 /*関*/, 0x95D8 /*闘*/, 0x967A /*険*/, 0x96D1 /*雑*/, 0x970A /*霊*/,
    0x983C /*頼*/, 0x99C5 /*駅*/, 0x99C6 /*駆*/, 0x9A12 /*騒*/, 0x9A13 /*験*/, 0x9AEA /*髪*/,
    0x9D8F /*鶏*/, 0x9ED2 /*黒*/, 0x9F62 /*齢*/,
};
static bool jp_form(uint32_t c) {
  size_t lo = 0, hi = sizeof jp_forms / sizeof *jp_forms;
  while (lo < hi) {
    size_t m = (lo + hi) / 2;
    if (jp_forms[m] == c) return true;
    if (jp_forms[m] < c) lo = m + 1;
    else hi = m;
  }
  return false;
}
static bool kana_corner(punct_stage *ps, long k) {
  long nc = (long)ps->nc, o = -1, e = -1;
  if (!ps->kana) return false; /* most blocks (the scans below were 2% of clean's instructions) */
  for (long j = k - 1; j >= 0 && k - j < 200 && o < 0; j--) {
    uint32_t c = ps->c[j].cp;
    if (c == 0x300D) return false;
    if (c == 0x300C) o = j;
  }
  if (o < 0) return false;
  for (long j = k + 1; j < nc && j - k < 200 && e < 0; j++) {
    uint32_t c = ps->c[j].cp;
    if (c == 0x300C) return false;
    if (c == 0x300D) e = j;
  }
  if (e < 0) return false;
  unsigned kana = 0, forms = 0;
  for (long j = o + 1; j < e && kana < 3; j++) {
    if (ps->c[j].cls != C_HAN) kana += kana_cp(ps->c[j].cp);
    else forms += jp_form(cell_cp(ps, &ps->c[j]));
  }
  /* a kana other than の, three の, or a の with a Japanese-only form (review 25 H1: a form alone
   * or city names decided, and Hong Kong copy, which writes 黒 広 駅 県 and 東京 京都 日光 too, took
   * 、 for its commas) */
  return kana >= 3 || (kana && forms);
}
/* The value (1 to 99) of the item number in Chinese numerals before the dot or 顿号 at cell k
 * of a list item: one to three numerals (一, 十二, 二十三) at the paragraph's start or right after
 * a clause or sentence mark (：；，。 as typed or decided), then the mark, then, past white
 * space, Han that is no numeral; 0 for none. Not after 第 or a bracket (第一.总则, （一）.: left
 * as typed), nor between numerals (三.五, 一二.九运动: a date or a decimal). *start: the item
 * opens the paragraph. */
static int list_item_value(const punct_stage *ps, long k, bool *start) {
  long j = k - 1, r = next_ns(ps, k);
  if (r < 0 || !is_han(ps, r) || cn_numeral_cp(cell_cp(ps, &ps->c[r]))) return 0;
  while (j >= 0 && k - j <= 3 && is_han(ps, j) && cn_numeral_cp(cell_cp(ps, &ps->c[j]))) j--;
  if (j == k - 1 || (j >= 0 && is_han(ps, j))) return 0;
  int v = cn_small_value(ps, j + 1, k);
  if (v < 1 || v > 99) return 0;
  long p = j >= 0 && ps->c[j].cls == C_SPACE ? prev_ns(ps, j) : j;
  *start = p < 0;
  if (p < 0) return v;
  if (p != j) return 0;
  uint32_t f = fin(&ps->c[p]);
  return f == 0xFF1A || f == ':' || f == 0xFF1B || f == ';' || f == 0xFF0C || f == ',' ||
                 f == 0x3002
             ? v
             : 0;
}

/* `一.建设` → `一、建设` (session 42): the dot (. or ．) after a list item's Chinese numeral
 * (list_item_value) is the 顿号 (GB/T 15834 4.5.3.5: 、 after 一 二 三 numbering items). At the
 * paragraph's start alone (一.加大援企稳岗力度。, a heading's label: 一.指导思想); inside the
 * paragraph only as one item of a list, the item before (value - 1) or after (value + 1) in the
 * same shape with a dot or 、 within 160 cells (项目分3期:一.建设;二.运营.), so that 数量为:三.我们
 * keeps its full stop. */
static bool list_dot(const punct_stage *ps, long k) {
  bool start;
  int v = list_item_value(ps, k, &start);
  if (!v || start) return v > 0;
  long nc = (long)ps->nc;
  for (long m = k > 160 ? k - 160 : 0; m < nc && m <= k + 160; m++) {
    uint32_t f = ps->c[m].cp;
    if (m == k || (f != '.' && f != 0xFF0E && f != 0x3001) || ps->c[m].flags & F_PROT) continue;
    bool s2;
    int w = list_item_value(ps, m, &s2);
    if (w && w == (m < k ? v - 1 : v + 1)) return true;
  }
  return false;
}

/* The formula around the ＝ at cell k (its ASCII letters, digits, dots and signs, 40 cells each
 * way) holds a full-width ＋ or －, which the chars stage leaves between figures (3＋5＝8, A＋B:
 * session 20's R13, session 36's F2): its ＝ stays full-width with them. */
static bool fullwidth_sum(const punct_stage *ps, long k) {
  for (int dir = -1; dir <= 1; dir += 2)
    for (long j = k + dir; j >= 0 && j < (long)ps->nc && labs(j - k) <= 40; j += dir) {
      uint32_t f = ps->c[j].cp;
      if (f == 0xFF0B || f == 0xFF0D) return true;
      if (!(f < 0x80 && (ps->c[j].cls == C_LATIN || ps->c[j].cls == C_DIGIT || f == '.' ||
                         f == '+' || f == '-' || f == '/' || f == '=' || f == '%')) &&
          f != 0xFF1D && f != 0xFF05)
        break;
    }
  return false;
}

/* % for the full-width per-cent sign ％ (which the number stage, after this one, makes %: 10％－20％
 * is a range as 10%-20% is; probe 45 X3), any other character as it is. */
static inline uint32_t pct_sign(uint32_t u) { return u == 0xFF05 ? '%' : u; }

/* A book-title mark doubled around one title (<<论语>>, 《《论语》》): the second opening mark,
 * cell a, and the outer closing one, cell b, deleted (punct-book-title), so one pair stays. */
static void delete_inner_pair(punct_stage *ps, long a, long b) {
  cell *d[2] = {&ps->c[a], &ps->c[b]};
  for (int w = 0; w < 2; w++) {
    ps->ndecided++;
    d[w]->act = A_DEL;
    d[w]->rule = R_BOOK;
    d[w]->flags &= (uint8_t)~F_CONT;
  }
}

/* 《《title》》 whose first 《 is cell k: a second 《 right after it (or a third and a fourth,
 * 《《《论语》》》; white space may stand between the marks, 《 《论语》 》, which punct-space removes),
 * a title of up to 60 characters holding Han and no book-title mark, sentence mark or line end,
 * and as many 》 right after it (white space between them again), not one more: the inner 《
 * and the outer 》 deleted (punct-book-title), so one pair stays; false otherwise. 《《论语》研究》
 * and 《《论语》与《孟子》》 are titles nested in a title (《〈论语〉研究》), 《《论语》》》 is left to
 * the pairing. (Session 46, review 45 L6: with spaces, or three deep, the marks were read as
 * nested titles, 《〈论语〉》 and 《〈〈论语〉〉》, while 《《孟子》》 became 《孟子》.) */
static bool doubled_title(punct_stage *ps, long k) {
  long nc = (long)ps->nc, j = k + 1, n = 1, open[4], close[4];
  for (;;) {
    long q = j;
    while (q < nc && ps->c[q].cls == C_SPACE && q - j < 4) q++;
    if (n == 4 || q >= nc || ps->c[q].cp != 0x300A || ps->c[q].flags & F_PROT ||
        ps->c[q].act != A_NONE)
      break;
    open[n++] = q;
    j = q + 1;
  }
  if (n < 2) return false;
  bool han = false;
  long t0 = j;
  for (; j < nc && j - t0 <= 60; j++) {
    uint32_t f = ps->c[j].cp;
    if (f == 0x300B) break;
    if (f == 0x300A || f == 0x3008 || f == 0x3009 || f == 0x3002 || f == 0xFF01 || f == 0xFF1F ||
        f == '\n' || ps->c[j].flags & F_PROT)
      return false;
    han |= ps->c[j].cls == C_HAN;
  }
  if (!han) return false;
  for (long m = 0; m <= n; m++) { /* n closing marks, and no further one */
    long q = j;
    while (m && q < nc && ps->c[q].cls == C_SPACE && q - j < 4) q++;
    bool mark = q < nc && ps->c[q].cp == 0x300B;
    if (m == n) {
      if (mark) return false;
      break;
    }
    if (!mark || ps->c[q].act != A_NONE || ps->c[q].flags & F_PROT) return false;
    close[m] = q;
    j = q + 1;
  }
  for (long m = 1; m < n; m++) delete_inner_pair(ps, open[m], close[m]);
  return true;
}

static int pass_sequences(punct_stage *ps, const char *t, size_t n, bool collect) {
  int book_depth = 0;
  long resume = 0; /* cells before it were taken by the previous cell's run */
  /* (the marks of nm not in nsq fall to the switch's default, which only moves resume past
   * themselves; the book depth below counts 《 〈 》 〉, which are in nsq, and decisions make
   * no other mark one of them) */
  /* (a later run walks nrs: at the other marks of nsq it did nothing) */
  const uint32_t *list = collect ? ps->nsq : ps->nrs;
  size_t nlist = collect ? ps->nnsq : ps->nnrs;
  for (size_t x = 0; x < nlist; x++) {
    long k = list[x];
    if (k < resume) continue;
    cell *c = &ps->c[k];
    /* a Han cell is no mark and never gets a decision: nothing below applies to it */
    if (c->cls == C_HAN) continue;
    uint32_t cp = c->cp;
    if (!collect) { /* book depth for interpuncts in titles */
      uint32_t f = fin(c);
      if (f == 0x300A || f == 0x3008) book_depth++;
      else if ((f == 0x300B || f == 0x3009) && book_depth > 0) book_depth--;
    }
    if (c->flags & F_PROT || c->act != A_NONE) continue;
    if (!collect && (cp == '"' || cp == '\'' || cp == '(' || cp == ')' || cp == '[' || cp == ']' ||
                     cp == '<' || cp == '>' || cp == 0x2039 || cp == 0x203A || cp == 0xFF1C ||
                     cp == 0xAB || cp == 0xBB ||
                     cp == 0xFF1E || (cp >= 0x2018 && cp <= 0x201D) || (cp >= 0x3008 && cp <= 0x3017) ||
                     cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF3B || cp == 0xFF3D))
      continue;
    long r;
    int rc = 0;
    switch (cp) {
    case '.':
      r = run_of(ps, k, '.');
      if (r >= 3) {
        if (!quoted_latin(ps, k, r) && han_ctx(ps, k, k + r - 1) && !(r >= 6 && leader(ps, k, r)))
          set_str(ps, k, r, S_ELLIPSIS, R_ELLIPSIS);
      } else if (r == 1 && is_han(ps, k - 1) && is_han(ps, k + 1) &&
                 (name_dot(ps, k) || book_depth > 0))
        set_cp(ps, c, 0xB7, R_INTERPUNCT);
      else if (r == 1 && initial_name_dot(ps, k))
        set_cp(ps, c, 0xB7, R_INTERPUNCT);
      else if (r == 1 && c->act == A_NONE && list_dot(ps, k))
        set_cp(ps, c, 0x3001, R_LIST);
      k += r - 1;
      break;
    case 0xFF0E: /* ． */
      r = run_of(ps, k, cp);
      if (r >= 3) {
        if (!(r >= 6 && leader(ps, k, r))) set_str(ps, k, r, S_ELLIPSIS, R_ELLIPSIS);
      } else if (r == 1 && is_han(ps, k - 1) && is_han(ps, k + 1) &&
               (name_dot(ps, k) || book_depth > 0))
        set_cp(ps, c, 0xB7, R_INTERPUNCT);
      else if (r == 1 && c->act == A_NONE && list_dot(ps, k))
        set_cp(ps, c, 0x3001, R_LIST);
      k += r - 1;
      break;
    case 0xFF1D: /* ＝ in a formula whose letters and digits are ASCII (ｍ＝２．５ｋｇ, whose
                  * letters and digits the chars stage made ASCII: m＝2.5kg; probe 41b L2) */
      /* (or a figure's per-cent sign before it, which the number stage makes %: １０％－５％＝５％
       * → 10%-5%=5%, session 46, review 45 L5) */
      if (k > 0 && k + 1 < (long)ps->nc && c->act == A_NONE && !(c->flags & F_PROT) &&
          ps->c[k + 1].cp < 0x80 &&
          ((ps->c[k - 1].cp < 0x80 &&
            (ps->c[k - 1].cls == C_LATIN || ps->c[k - 1].cls == C_DIGIT)) ||
           (k > 1 && pct_sign(ps->c[k - 1].cp) == '%' && ps->c[k - 2].cls == C_DIGIT &&
            ps->c[k - 2].cp < 0x80)) &&
          (ps->c[k + 1].cls == C_LATIN || ps->c[k + 1].cls == C_DIGIT) && !fullwidth_sum(ps, k))
        set_cp(ps, c, '=', R_FORMULA);
      break;
    case 0x3002: /* 。。。 */
      r = run_of(ps, k, cp);
      if (r >= 3) set_str(ps, k, r, S_ELLIPSIS, R_ELLIPSIS);
      k += r - 1;
      break;
    case 0x2026: case 0x22EF: {
      /* a run of … and ⋯: two or four … are right (four mark omitted paragraphs); any
       * other run is one ellipsis */
      long plain = 0;
      r = 0;
      while (k + r < (long)ps->nc && !(ps->c[k + r].flags & F_PROT) && ps->c[k + r].act == A_NONE &&
             (ps->c[k + r].cp == 0x2026 || ps->c[k + r].cp == 0x22EF))
        plain += ps->c[k + r].cp == 0x2026, r++;
      if (r == 1) {
        /* … … : the halves of one ellipsis typed with white space between, which punct-space
         * removes; each made …… they were four, the mark of omitted paragraphs (probe 19 R4) */
        long j = next_ns(ps, k);
        if (j > k + 1 && (ps->c[j].cp == 0x2026 || ps->c[j].cp == 0x22EF) &&
            !(ps->c[j].flags & F_PROT) && ps->c[j].act == A_NONE &&
            !(j + 1 < (long)ps->nc && (ps->c[j + 1].cp == 0x2026 || ps->c[j + 1].cp == 0x22EF)) &&
            han_ctx(ps, k, j)) {
          set_str(ps, k, j - k + 1, S_ELLIPSIS, R_ELLIPSIS);
          k = j;
          break;
        }
      }
      if (!(plain == r && (r == 2 || r == 4)) && !latin_ellipsis(ps, k, r) &&
          !(r >= 3 && leader(ps, k, r)))
        set_str(ps, k, r, S_ELLIPSIS, R_ELLIPSIS);
      k += r - 1;
      break;
    }
    case 0xB7: case 0x30FB: case 0xFF65: case 0x2022: case 0x2027: case 0x2219:
      r = run_of(ps, k, cp);
      if (r >= 3 && cp != 0x2022) {
        if (!(r >= 6 && leader(ps, k, r))) set_str(ps, k, r, S_ELLIPSIS, R_ELLIPSIS);
      }
      else if (r == 1 && cp != 0xB7 && is_han(ps, prev_ns(ps, k)) && is_han(ps, next_ns(ps, k)) &&
               !(cp == 0x30FB && kana_corner(ps, k)))
        set_cp(ps, c, 0xB7, R_INTERPUNCT);
      k += r - 1;
      break;
    case '-': case 0x2013: case 0xFF0D: case 0x2015: case 0x2014: case 0x2500:
      r = run_of(ps, k, cp);
      /* (a single — or – before a digit: note_dash_ranges runs on the block) */
      if (r == 1 && (cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D) && is_digit(ps, k + 1))
        ps->dash_digit = true;
      if (r == 1 && cp != 0x2500 && k + 1 < (long)ps->nc && mixed_dash(ps, k)) {
        set_str(ps, k, 2, S_DASH, R_DASH); /* —- -—: one 破折号 typed with two kinds of dash */
        k++;
        break;
      }
      /* (the full-width hyphen －, what a Chinese input method types for -, is the hyphen in the
       * date and the ranges below: 8%－10%, 300元－500元; session 45, probe 45 X1) */
      bool hyphen = r == 1 && (cp == '-' || cp == 0xFF0D);
      long k2;
      if (hyphen && is_digit(ps, k - 1) && is_digit(ps, k + 1) &&
          (k2 = date_hyphens(ps, k)) > k) { /* 2026－12－06 → 2026-12-06 (session 45, probe X7) */
        if (cp == 0xFF0D) set_cp(ps, c, '-', R_DATE);
        if (ps->c[k2].cp == 0xFF0D) set_cp(ps, &ps->c[k2], '-', R_DATE);
        k = k2;
        break;
      }
      if (hyphen && cp == 0xFF0D && is_digit(ps, k - 1) && is_digit(ps, k + 1)) {
        /* 2026-12－06: the first hyphen, ASCII, is held by the protection pass with 2026-12 and
         * never visited here (session 46, review 45 L2) */
        long m = k - 1;
        while (m >= 0 && is_digit(ps, m) && k - m <= 2) m--;
        if (m >= 4 && ps->c[m].cp == '-' && date_hyphens(ps, m) == k) {
          set_cp(ps, c, '-', R_DATE);
          break;
        }
      }
      if (hyphen && unit_range(ps, k)) { /* 8%-10% (probe 23 L2) */
        set_cp(ps, c, 0xFF5E, R_RANGE);
        break;
      }
      if (r == 1 && cp == 0xFF0D && phone_hyphen(ps, k)) { /* 021－55556666 */
        set_cp(ps, c, '-', R_PHONE);
        break;
      }
      bool arith = false;
      if (hyphen && money_range(ps, k, &arith)) { /* 300元-500元 */
        if (arith) note(ps, c, N_HYPHEN_RANGE, k);
        else set_cp(ps, c, 0xFF5E, R_RANGE);
        break;
      }
      if (hyphen && zero_range(ps, k, &arith)) { /* 零下5℃-零上3℃ */
        if (arith) note(ps, c, N_HYPHEN_RANGE, k);
        else set_cp(ps, c, 0xFF5E, R_RANGE);
        break;
      }
      if (r == 1 && (cp == '-' || cp == 0xFF0D) && range_minus(ps, k)) break;
      if (r == 1 && (cp == 0xFF0D || cp == 0x2015)) {
        /* －  － : white space between full-width dashes goes (punct-space), so they are a pair */
        long j = next_ns(ps, k);
        if (j > k + 1 && ps->c[j].cp == cp && run_of(ps, j, cp) == 1 && han_ctx(ps, k, j)) {
          set_str(ps, k, j - k + 1, S_DASH, R_DASH);
          k = j;
          break;
        }
      }
      /* a table's nil cell (probe 11a F27; -- and ——, probe 22 H16) */
      if ((r == 1 || (r == 2 && cp != 0xFF0D)) && nil_dash(ps, k)) {
        k += r - 1;
        break;
      }
      if (r == 1 && open_year_span(ps, k)) { /* （1985-）: probe 11a F25 */
        if (cp != 0x2014) set_cp(ps, c, 0x2014, R_SPAN);
        break;
      }
      /* 江苏-南京-玄武区: an address's hierarchy, no span (session 24). Its mark is the 短横线
       * of GB/T 15834's 连接号: an en dash or a full-width hyphen there (江苏–南京–玄武区,
       * 浙江－杭州－西湖区) becomes - (session 25, review 24 L6: they were kept, unreported) */
      if (r == 1 && (cp == '-' || cp == 0x2013 || cp == 0xFF0D) && is_han(ps, k - 1) &&
          is_han(ps, k + 1) && admin_chain(ps, k)) {
        if (cp != '-') set_cp(ps, c, '-', R_HIER);
        break;
      }
      /* 第3-5项, 第1-3名: a range of numbered items takes ～ (session 40; GB/T 15834-2011
       * 4.13.3.2, 第五～八课), the hyphen's kinds and ― changed (― was made — and then reported
       * as the 一字线 typed: review 40's read-through); an 一字线 typed there is reported as a
       * range of values' is (note_dash_ranges) */
      if (r == 1 && cp != 0x2500 && is_digit(ps, k - 1) && is_digit(ps, k + 1) &&
          qg_ordinal_range_at(t, n, c->off, ps->c[k + 1].off - c->off)) {
        if (cp == '-' || cp == 0xFF0D || cp == 0x2013 || cp == 0x2015) set_cp(ps, c, 0xFF5E, R_RANGE);
        else note(ps, c, N_DASH_RANGE, k);
        break;
      }
      int cnr;
      if (r == 1 && (cp == '-' || cp == 0xFF0D || cp == 0x2013 || cp == 0x2015) &&
          (cnr = cn_ordinal_range(ps, k))) { /* 第五-八课 → 第五～八课; 第一-三天 → 第一—三天 */
        if (cnr == 2) set_cp(ps, c, 0xFF5E, R_RANGE);
        else set_cp(ps, c, 0x2014, R_SPAN);
        break;
      }
      if (r == 1 && cp != 0x2500) {
        bool span = span_ctx(ps, t, n, k, 1);
        /* a chain of place names, decided as a whole (北京-纽约-北京: probe 23 M4) */
        if (!span && cp != 0x2014 && (chain_span(ps, t, n, k, -1, 0) || chain_span(ps, t, n, k, 1, 0)))
          span = true;
        /* 北京-5℃, 上海—2.5%: a sign, or no certain mark: left as written (probe 9a F23) */
        if (span ? figure_after_dash(ps, k, false)
                 : (cp == 0x2014 || cp == 0x2015) && figure_after_dash(ps, k, true))
          break;
        if (span && cp != 0x2014) set_cp(ps, c, 0x2014, R_SPAN);
        else if (!span && (cp == 0x2014 || cp == 0x2015) && like_span(ps, t, n, k)) {
          if (cp == 0x2015) set_cp(ps, c, 0x2014, R_SPAN); /* 周一—周五 (probe 9a F9) */
        } else if (!span && (cp == 0x2014 || cp == 0x2015) && han_ctx(ps, k, k) &&
                   !quoted_sign(ps, k) && !cn_ordinal_dash(ps, k))
          set_str(ps, k, 1, S_DASH, R_DASH);
      } else if ((r == 2 || (r == 3 && cp != '-')) && !(r == 2 && cp == 0x2014) &&
                 han_ctx(ps, k, k + r - 1))
        set_str(ps, k, r, S_DASH, R_DASH);
      k += r - 1;
      break;
    case '~': case 0x301C: case 0x223C:
      if ((number_at(ps, next_ns(ps, k)) || number_at(ps, past_zero_word(ps, next_ns(ps, k)))) &&
          digit_before(ps, k)) {
        /* 220V~ 50Hz: white space after the tilde and none before it is the AC sign of a
         * rating plate, no range (probe 11a F2) */
        if (k + 1 < (long)ps->nc && ps->c[k + 1].cls == C_SPACE && ps->c[k - 1].cls != C_SPACE)
          break;
        /* nor between a voltage and a frequency, 220V~50Hz (probe 22 L1: reported as two
         * quantities) */
        if (ac_rating(ps, k)) break;
        if (!range_units_agree(ps, k)) { /* 抽3个~2月20日: reported, left as written */
          note(ps, c, N_RANGE_AMBIG, k);
          break;
        }
        set_cp(ps, c, 0xFF5E, R_RANGE);
        check_range_unit(ps, k);
      } else if (k > 0 && k + 1 < (long)ps->nc && ps->c[k - 1].cls == C_HAN &&
                 ps->c[k + 1].cls == C_HAN && cn_numeral_cp(cell_cp(ps, &ps->c[k - 1])) &&
                 cn_numeral_cp(cell_cp(ps, &ps->c[k + 1])))
        set_cp(ps, c, 0xFF5E, R_RANGE); /* 三~五天, 第五~八课 (GB/T 15834 4.13.3.2; probe 19 R7) */
      break;
    case 0xFF5E:
      if (number_at(ps, next_ns(ps, k)) && digit_before(ps, k)) check_range_unit(ps, k);
      break;
    /* paired marks */
    case 0x201E: case 0x201A: {
      /* „…“ ‚…‘: a quotation of German, Polish, Czech … opens low; the next “ or ” (‘ or ’)
       * before another low mark closes it, and the pair is left to itself when it holds no Han
       * (probe 19 R6: the closing mark was reported unmatched, an error; 他说„好” is a Chinese
       * quotation typed wrong, reported as before) */
      uint32_t a = cp == 0x201E ? 0x201C : 0x2018, z = cp == 0x201E ? 0x201D : 0x2019;
      for (long j = k + 1; j < (long)ps->nc && ps->c[j].cp != cp && ps->c[j].cls != C_HAN; j++)
        if ((ps->c[j].cp == a || ps->c[j].cp == z) && !(ps->c[j].flags & F_PROT)) {
          ps->c[j].flags |= F_LOW9;
          break;
        }
      break;
    }
    case 0x201C: if (!(c->flags & F_LOW9)) rc = add_event(ps, k, FAM_Q, 0, D_OPEN, false); break;
    case 0x201D: if (!(c->flags & F_LOW9)) rc = add_event(ps, k, FAM_Q, 0, D_CLOSE, false); break;
    case 0x2018: if (!(c->flags & F_LOW9)) rc = add_event(ps, k, FAM_Q, 1, D_OPEN, false); break;
    case 0x2019: if (!(c->flags & F_LOW9)) rc = add_event(ps, k, FAM_Q, 1, D_CLOSE, false); break;
    case '"': rc = add_event(ps, k, FAM_Q, 0, lean(ps, k), true); break;
    case '\'': rc = add_event(ps, k, FAM_Q, 1, lean(ps, k), true); break;
    case '(': case 0xFF08: rc = add_event(ps, k, FAM_P, 0, D_OPEN, cp == '('); break;
    case ')': case 0xFF09: rc = add_event(ps, k, FAM_P, 0, D_CLOSE, cp == ')'); break;
    case '[': case 0xFF3B: rc = add_event(ps, k, FAM_S, 0, D_OPEN, false); break;
    case ']': case 0xFF3D: rc = add_event(ps, k, FAM_S, 0, D_CLOSE, false); break;
    case 0x3010: rc = add_event(ps, k, FAM_S, 1, D_OPEN, false); break;
    case 0x3011: rc = add_event(ps, k, FAM_S, 1, D_CLOSE, false); break;
    case 0x3014: rc = add_event(ps, k, FAM_S, 2, D_OPEN, false); break;
    case 0x3015: rc = add_event(ps, k, FAM_S, 2, D_CLOSE, false); break;
    case 0x3016: rc = add_event(ps, k, FAM_S, 3, D_OPEN, false); break;
    case 0x3017: rc = add_event(ps, k, FAM_S, 3, D_CLOSE, false); break;
    case 0x300C: rc = add_event(ps, k, FAM_C, 0, D_OPEN, false); break;
    case 0x300D: rc = add_event(ps, k, FAM_C, 0, D_CLOSE, false); break;
    case 0x300E: rc = add_event(ps, k, FAM_C, 1, D_OPEN, false); break;
    case 0x300F: rc = add_event(ps, k, FAM_C, 1, D_CLOSE, false); break;
    case 0x300A: case 0x3008: {
      /* 《《论语》》: a book-title mark doubled around one title is one pair, its inner 《 and
       * outer 》 deleted, as <<论语>> (session 45, probe 45 M5: it was read as a title nested in
       * a title, 《〈论语〉》) */
      if (cp == 0x300A) doubled_title(ps, k);
      book_depth++;
      rc = add_event(ps, k, FAM_B, cp == 0x3008, D_OPEN, false);
      break;
    }
    case 0x300B: case 0x3009:
      if (book_depth > 0) book_depth--;
      rc = add_event(ps, k, FAM_B, cp == 0x3009, D_CLOSE, false);
      break;
    case '<': case 0x2039: case 0xFF1C: case 0xAB: {
      /* used as a book-title mark only around a short title with Han in it (ascii_title_end);
       * a doubled pair <<红楼梦>> (web copy) is one pair of marks, its inner < > deleted */
      uint32_t close = cp == '<' ? '>' : cp == 0x2039 ? 0x203A : cp == 0xAB ? 0xBB : 0xFF1E;
      long j = -1;
      if (cp == 0xAB) {
        /* after a colon or a word of saying or naming, a quotation's (他说：«这是真的», 他笑着说«没问
         * 题», 回了一句«知道了。», 叫«油炸糕»): left as written (review 27b M3) */
        long p = prev_ns(ps, k);
        uint32_t pc = p >= 0 ? cell_cp(ps, &ps->c[p]) : 0;
        if (pc == ':' || pc == 0xFF1A || pc == 0x8BF4 /*说*/ || pc == 0x9053 /*道*/ ||
            pc == 0x53E5 /*句*/ || pc == 0x53EB /*叫*/ || pc == 0x95EE /*问*/ || pc == 0x558A /*喊*/ ||
            pc == 0x7B54 /*答*/ || pc == 0x8BB2 /*讲*/ || pc == 0x66F0 /*曰*/ || pc == 0x8AAA /*說*/)
          break;
      }
      bool twice = k + 1 < (long)ps->nc && ps->c[k + 1].cp == cp && !(ps->c[k + 1].flags & F_PROT) &&
                   (j = ascii_title_end(ps, t, k + 1, cp, close)) >= 0 && j + 1 < (long)ps->nc &&
                   ps->c[j + 1].cp == close && !(ps->c[j + 1].flags & F_PROT) &&
                   !(j + 2 < (long)ps->nc && (ps->c[j + 2].cp == close || ps->c[j + 2].cls == C_LATIN ||
                                              ps->c[j + 2].cls == C_DIGIT)) &&
                   !(k > 0 && (ps->c[k - 1].cls == C_LATIN || ps->c[k - 1].cls == C_DIGIT));
      if (!twice) j = ascii_title_end(ps, t, k, cp, close);
      if (j >= 0 && cp == 0xAB) /* a sentence ended inside « »: a quotation's («知道了。») */
        for (long q = k + 1; q < j && j >= 0; q++)
          if (ps->c[q].cp == 0x3002 || ps->c[q].cp == 0xFF01) j = -1;
      if (j >= 0) {
        if ((rc = add_event(ps, k, FAM_B, 2, D_OPEN, true))) break;
        book_depth++;
        ps->c[j].flags |= F_EVENT; /* its close event is added when the scan reaches it */
        if (twice) delete_inner_pair(ps, k + 1, j + 1);
      }
      break;
    }
    case '>': case 0x203A: case 0xFF1E: case 0xBB:
      if (c->flags & F_EVENT) {
        c->flags &= (uint8_t)~F_EVENT;
        if (book_depth > 0) book_depth--;
        rc = add_event(ps, k, FAM_B, 2, D_CLOSE, true);
      }
      break;
    default: break;
    }
    if (rc) return rc;
    resume = k + 1;
  }
  return 0;
}

/* ---- B: pairing --------------------------------------------------------------------------- */

static int stack_reserve(punct_stage *ps, size_t need) {
  if (need <= ps->capstack) return 0;
  size_t cap = need * 2;
  uint32_t *v = realloc(ps->stack, cap * sizeof *v);
  if (!v) return QG_ERR_NOMEM;
  ps->stack = v;
  ps->capstack = cap;
  return 0;
}

/* Quotation or bracket pair (o, c) in Chinese context: touches Chinese outside (looking past
 * ASCII marks that will follow it), or holds Han. */
static bool ascii_mark(const cell *c) {
  return c->act == A_NONE && c->cp < 0x80 && c->cp && strchr(",.;:!?", (int)c->cp);
}

/* The cells that are not Han, in order (nh): made from the cells the first time a block asks
 * (a long pair's Han test, emit_edits after a note on a digit), not by decode_cells for every
 * block, where a letter or digit would be written to it and never read. The list is a cache
 * of the cells, so a const stage may fill it. */
static const uint32_t *nh_list(const punct_stage *cps) {
  punct_stage *ps = (punct_stage *)cps;
  if (!ps->nh_ok) {
    size_t m = 0;
    for (size_t k = 0; k < ps->nc; k++)
      if (ps->c[k].cls != C_HAN) ps->nh[m++] = (uint32_t)k;
    ps->nnh = m;
    ps->nh_ok = true;
  }
  return ps->nh;
}

/* The index in nh of cell k, or of the first cell after it that is not Han. */
static size_t nh_pos(const punct_stage *ps, long k) {
  const uint32_t *nh = nh_list(ps);
  size_t lo = 0, hi = ps->nnh;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((long)nh[mid] < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static bool embedded(const punct_stage *ps, long l);
/* Cell l ends a Latin run that is a name after Chinese text (优于Claude 3 Haiku(75.2%).): words
 * capitalised or of digits (iPhone, eBay too), a Han character or CJK mark before the run. */
static const qg_span *span_at(const qg_spans *sp, size_t off);
static bool name_span_before(const punct_stage *ps, long l) {
  if (!(ps->c[l].flags & F_PROT) || ps->c[l].cp >= 0x80) return false;
  const qg_span *sp = span_at(&ps->spans, ps->c[l].off);
  if (!sp || sp->kind != QG_SPAN_LATIN || sp->end != ps->c[l].off + 1) return false;
  long j = l;
  while (j >= 0 && ps->c[j].off >= sp->start) j--;
  if (j < 0 || !cjk_side(ps, j)) return false;
  bool start = true;
  long words = 0;
  for (long q = j + 1; q <= l; q++) {
    uint32_t c = ps->c[q].cp;
    if (c == ' ') { start = true; continue; }
    if (!(c < 0x80 && (ps->c[q].cls == C_LATIN || ps->c[q].cls == C_DIGIT || c == '-'))) return false;
    if (start) {
      uint32_t c1 = q + 1 <= l ? ps->c[q + 1].cp : 0;
      if (!((c >= 'A' && c <= 'Z') || ps->c[q].cls == C_DIGIT ||
            (c >= 'a' && c <= 'z' && c1 >= 'A' && c1 <= 'Z')))
        return false;
      words++;
    }
    start = false;
  }
  return words >= 2;
}
/* A Hangul syllable or jamo. */
static bool hangul_cp(uint32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}
static bool pair_cjk(const punct_stage *ps, long o, long c) {
  long l = prev_ns(ps, o);
  while (l >= 0 && ascii_mark(&ps->c[l])) l = prev_ns(ps, l);
  if (cjk_side(ps, l)) return true;
  long r = next_ns(ps, c);
  while (r >= 0 && ascii_mark(&ps->c[r])) r = next_ns(ps, r);
  if (cjk_side(ps, r)) return true;
  /* hanja glossing a Korean word (대한민국(大韓民國)은): Hangul before the opening
   * bracket, Hangul or the end after the pair; the brackets are the Korean text's (probe 19
   * R10) */
  if (l >= 0 && hangul_cp(ps->c[l].cp) && (r < 0 || hangul_cp(ps->c[r].cp))) return false;
  /* a pair that ends the paragraph after an ASCII word, figure or token that follows Chinese
   * text, as a mark there does (降至6.1mmol/L(P<0.05). → （P<0.05）。: probe 10a F9) */
  if (r < 0 && l >= 0 && ps->c[o].cp == '(' && (embedded(ps, l) || name_span_before(ps, l)))
    return true;
  if (c - o < 64) {
    for (long j = o + 1; j < c; j++)
      if (ps->c[j].cls == C_HAN) return true;
    return false;
  }
  /* a long pair: Han inside when fewer cells than the pair holds are not Han (nested pairs
   * would otherwise each walk what they hold, probe D5) */
  return nh_pos(ps, c) - nh_pos(ps, o) - 1 < (size_t)(c - o - 1);
}

/* A superscript digit or sign: ² ³ ¹ and U+2070..U+207F (⁰ ⁴ … ⁹ ⁺ ⁻ ⁼ ⁽ ⁾ ⁿ). */
static bool superscript_cp(uint32_t c) {
  return c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x207F);
}

/* A sign of a formula: an operator or a relation (+ - × ÷ * / ^ = < > ± ≤ ≥ ≠ − ＝ ＜ ＞ ∩ ∪ ·). */
static bool math_cp(uint32_t c) {
  switch (c) {
  case '+': case '-': case '*': case '/': case '^': case '=': case '<': case '>': case 0xD7:
  case 0xF7: case 0xB1: case 0x2264: case 0x2265: case 0x2260: case 0x2212: case 0xFF1D:
  case 0xFF1C: case 0xFF1E: case 0x2229: case 0x222A: case 0x22C5:
    return true;
  default: return false;
  }
}

/* The ASCII bracket pair (o, c) is a formula's, whose brackets stay ASCII together ((-3)×(-2),
 * (a+b):b; probe 11a F10): it holds no Han, no white space, and a sign of a formula or a letter
 * (a variable), and a sign of a formula touches it outside: right before the opening bracket, or
 * right after the closing one (also a colon before a letter or digit: a ratio). (1)加强,
 * 坐标(3,4), mmol/L(P<0.05) are no formulas. */
/* The pair (o, c) holds a sum of quantities with their units right after Han text: a product's
 * configuration, 7,999元(32GB+1TB)/8,999元(32GB+2TB) (probe 27 M7: the / after the first pair
 * made it a formula's, kept ASCII, and the second took （）). Figures (a decimal point allowed)
 * each followed by letters, joined by +, one unit of two letters at least: prose's brackets. */
static bool quantity_sum(const punct_stage *ps, long o, long c) {
  if (o < 1 || ps->c[o - 1].cls != C_HAN) return false;
  bool unit = false;
  int terms = 0;
  for (long j = o + 1; j < c; j++) {
    long d = j;
    while (j < c && (ps->c[j].cls == C_DIGIT || (j > d && ps->c[j].cp == '.'))) j++;
    long u = j;
    while (j < c && ps->c[j].cls == C_LATIN && ps->c[j].cp < 0x80) j++;
    if (u == d || ps->c[u - 1].cp == '.') return false;
    unit |= j - u >= 2;
    terms++;
    if (j < c && ps->c[j].cp != '+') return false;
  }
  if (terms < 2 || !unit) return false;
  /* (not a formula's: an operation after it, (5kW+3kW)/2=4kW, (256GB+512GB)×2; review 28b: a
   * / goes on into another price, /8,999元) */
  if (c + 1 < (long)ps->nc) {
    uint32_t a = ps->c[c + 1].cp;
    if (a == 0xD7 || a == '*' || a == 0xF7 || a == '=' || a == '^') return false;
    if (a == '/') {
      long j = c + 2;
      while (j < (long)ps->nc && (ps->c[j].cls == C_DIGIT || ps->c[j].cp == '.' || ps->c[j].cp == ','))
        j++;
      if (j == c + 2 || j >= (long)ps->nc || ps->c[j].cls != C_HAN) return false;
    }
  }
  return true;
}

static bool formula_pair(const punct_stage *ps, long o, long c) {
  if (ps->c[o].cp != '(' || ps->c[c].cp != ')' || c - o < 2 || c - o > 40) return false;
  if (quantity_sum(ps, o, c)) return false;
  bool sign = false;
  for (long j = o + 1; j < c; j++) {
    const cell *x = &ps->c[j];
    if (x->cls == C_HAN || x->cls == C_SPACE) return false;
    sign |= math_cp(x->cp) || (x->cls == C_LATIN && x->cp < 0x80);
  }
  if (!sign) return false;
  /* (not * before it nor * after it: roff's \*(C`x), a footnote's 情形(b)*; nor / before it) */
  uint32_t b = o > 0 ? ps->c[o - 1].cp : 0;
  if (math_cp(b) && b != '*' && b != '/') return true;
  /* (a fraction of two pairs: (x+1)/(x-1), the second pair too; probe 20 H7) */
  if (b == '/' && o > 1 && ps->c[o - 2].cp == ')') return true;
  /* a quantity and its uncertainty before its unit: (25±1)℃, (5.00±0.01)g, (x̄±s)mm (GB 3101
   * sets the bracket so; probe 20 M3) */
  if (c + 1 < (long)ps->nc) {
    bool pm = false, plain = true;
    for (long j = o + 1; j < c && plain; j++) {
      uint32_t x = ps->c[j].cp;
      pm |= x == 0xB1;
      plain = x == 0xB1 || x == '.' || ps->c[j].cls == C_DIGIT || ps->c[j].cls == C_LATIN;
    }
    uint32_t u = ps->c[c + 1].cp;
    if (pm && plain && (u == 0x2103 || u == 0xB0 || u == '%' || u == 0x2030 || u == 0x2109 ||
                        (u < 0x80 && ps->c[c + 1].cls == C_LATIN)))
      return true;
  }
  if (c + 1 >= (long)ps->nc) return false;
  uint32_t a = ps->c[c + 1].cp;
  /* a power of the pair or a variable it multiplies, (-2)³, (a+b)², (1-20%)x=160 (probe 22 H3):
   * a superscript right after the closing bracket, or one ASCII letter with no letter after it */
  if (superscript_cp(a) ||
      (a < 0x80 && ps->c[c + 1].cls == C_LATIN &&
       (c + 2 >= (long)ps->nc || ps->c[c + 2].cls != C_LATIN)))
    return true;
  return (math_cp(a) && a != '*') ||
         (a == ':' && c + 2 < (long)ps->nc &&
          (ps->c[c + 2].cls == C_LATIN || ps->c[c + 2].cls == C_DIGIT));
}

/* A bracketed negative (or signed) number of arithmetic, (-2), (+3), (−1.5) (probe 22 H3: 1．(-2)的
 * 绝对值 took （-2）): a sign and a figure alone in an ASCII pair, written so in formulas: with a
 * sign of arithmetic before or after it, a power after it, or a term of arithmetic after it
 * ((-2)的绝对值, 的相反数, 的倒数, 的平方, 的立方). In prose a desk wants （）: 以271杆（-9）的成绩,
 * 气温（-9）摄氏度 (review 22 H1: every bracketed signed number was kept ASCII, unreported). */
static bool arithmetic_term_after(const punct_stage *ps, long c) {
  if (c + 1 >= (long)ps->nc) return false;
  const cell *e = &ps->c[ps->nc - 1];
  size_t n = e->off + e->len, at = ps->c[c + 1].off;
  static const char *const terms[] = {"的绝对值", "的相反数", "的倒数", "的平方", "的立方", NULL};
  for (int i = 0; terms[i]; i++) {
    size_t len = strlen(terms[i]);
    if (at + len <= n && !memcmp(ps->t + at, terms[i], len)) return true;
  }
  return false;
}
static bool signed_number_pair(const punct_stage *ps, long o, long c) {
  if (ps->c[o].cp != '(' || ps->c[c].cp != ')' || c - o < 3 || c - o > 16) return false;
  uint32_t s = ps->c[o + 1].cp;
  if (s != '-' && s != '+' && s != 0x2212) return false;
  bool dot = false;
  for (long j = o + 2; j < c; j++) {
    if (ps->c[j].cls == C_DIGIT) continue;
    if (ps->c[j].cp != '.' || dot || j == o + 2 || j + 1 == c) return false;
    dot = true;
  }
  uint32_t b = o > 0 ? ps->c[o - 1].cp : 0, a = c + 1 < (long)ps->nc ? ps->c[c + 1].cp : 0;
  return math_cp(b) || math_cp(a) || superscript_cp(a) || arithmetic_term_after(ps, c);
}

/* The ASCII pair (o, c) is an accounting negative, (1,234.56), (0.05), (12,000) (probe 23 H2): in
 * financial statements the half-width brackets around an amount are its minus sign, and （） would
 * make the loss an aside (GB/T 15834-2011 4.9). The shape: only digits, thousands separators and
 * a decimal point inside, no sign; grouped (1–3 digits, then ",ddd" at least once, perhaps a
 * decimal part) or a decimal of exactly two places (0.05, 12.50). The place: a table cell (white
 * space or | on one side at least: a row's label, then the amount, then the next column, on a
 * line that is a row, row_line: review 23 M1), or an
 * amount before its money unit (万元 元 亿元 千元 百万元 美元 港元 …: 净利润为(1,234.56)万元). (3), (1985-1997年), 坐标(3,4), 式(3.12), 增长(12.5%), (1,234人) are no such
 * amounts and take （） as before; so does an equation's or a figure's number before a space
 * (式 (3.12) 可得: 式 图 表 例 节 章 条 or 公式 方程 before the space). */
static bool money_unit_at(const punct_stage *ps, long j) {
  if (j >= (long)ps->nc) return false;
  static const char *const units[] = {"万元", "亿元", "千元", "百万元", "元", "美元", "港元",
                                      "欧元", "日元", "英镑", "澳元", "人民币", NULL};
  return word_at(ps->t, ps->c[ps->nc - 1].off + ps->c[ps->nc - 1].len, ps->c[j].off, units);
}
static bool cell_edge(const punct_stage *ps, long j) {
  return j < 0 || j >= (long)ps->nc || ps->c[j].cls == C_SPACE || ps->c[j].cp == '|' ||
         ps->c[j].cp == 0xFF5C;
}
/* The line of the pair (o, c) is a table's row (review 23 M1: 全市共有 (1,234) 家企业参与评选，
 * 其中… kept its ASCII brackets and stray spaces, where prose takes （） as before): it holds no
 * clause or sentence mark (，。；！？, or an ASCII , ; ! ? not between digits), and it has a column
 * gap (a tab, an ideographic space, two spaces or more, a | after the line's first character) or
 * another figure (a digit outside the pair): 净利润　　　(1,234.56)　　9,876.54, 净利润 (1,234.56)
 * 同比下降112.5%. The line ends at a line break or the paragraph's ends. */
static bool row_line(const punct_stage *ps, long o, long c) {
  long nc = (long)ps->nc, a = o, z = c + 1;
  while (a > 0 && ps->c[a - 1].cp != '\n') a--;
  while (z < nc && ps->c[z].cp != '\n') z++;
  while (a < o && ps->c[a].cls == C_SPACE) a++; /* (an indent is no column gap) */
  bool gap = false, figure = false;
  for (long j = a; j < z; j++) {
    uint32_t x = ps->c[j].cp;
    switch (x) {
    case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF01: case 0xFF1F: case ';': case '!': case '?':
      return false;
    case ',':
      if (!(j > a && j + 1 < z && ps->c[j - 1].cls == C_DIGIT && ps->c[j + 1].cls == C_DIGIT))
        return false;
      break;
    case '\t': case 0x3000: gap = true; break;
    case '|': case 0xFF5C: gap = gap || j > a; break;
    case ' ': gap = gap || (j + 1 < z && ps->c[j + 1].cp == ' '); break;
    default:
      if (ps->c[j].cls == C_DIGIT && (j < o || j > c)) figure = true;
    }
  }
  return gap || figure;
}
static bool accounting_pair(const punct_stage *ps, long o, long c) {
  if (ps->c[o].cp != '(' || ps->c[c].cp != ')' || c - o < 4 || c - o > 24) return false;
  long j = o + 1, lead = 0;
  while (j < c && ps->c[j].cls == C_DIGIT) j++, lead++;
  if (!lead) return false;
  long groups = 0;
  if (lead <= 3)
    while (j + 3 < c && ps->c[j].cp == ',' && ps->c[j + 1].cls == C_DIGIT &&
           ps->c[j + 2].cls == C_DIGIT && ps->c[j + 3].cls == C_DIGIT &&
           (j + 4 >= c || ps->c[j + 4].cls != C_DIGIT))
      j += 4, groups++;
  if (groups && j == c) {
    /* a grouped whole amount */
  } else if (j < c && ps->c[j].cp == '.') {
    long frac = 0;
    for (j++; j < c && ps->c[j].cls == C_DIGIT; j++) frac++;
    if (j != c || !frac || (!groups && frac != 2)) return false;
  } else
    return false;
  if (money_unit_at(ps, c + 1)) return true;
  /* (white space or | on one side at least: 净利润(1,234.56) 同比, a label glued to its cell) */
  bool sb = o > 0 && cell_edge(ps, o - 1), sa = c + 1 < (long)ps->nc && cell_edge(ps, c + 1);
  if (!sb && !sa) return false;
  if (!row_line(ps, o, c)) return false;
  /* 式 (3.12) 可得: an equation's number in prose */
  long l = prev_ns(ps, o);
  if (l >= 0 && ps->c[l].cls == C_HAN) {
    uint32_t h = cell_cp(ps, &ps->c[l]);
    static const uint32_t labels[] = {0x5F0F, 0x56FE, 0x8868, 0x4F8B, 0x8282, 0x7AE0, 0x6761,
                                      0x7A0B, 0}; /* 式 图 表 例 节 章 条 程 */
    for (int i = 0; labels[i]; i++)
      if (h == labels[i]) return false;
  }
  return true;
}

/* The ASCII pair (o, c) is part of a unit symbol (GB 3102, probe 22 H14): the denominator of a
 * compound unit after a unit's letters and /, holding only letters, ·, superscripts and digits
 * (mg/(kg·d), L/(m²·s), W/(m·K), μg/(kg·min)), or the weighting of a sound level after dB (dB(A),
 * dB(C)). */
static bool unit_pair(const punct_stage *ps, long o, long c) {
  if (ps->c[o].cp != '(' || ps->c[c].cp != ')' || o < 2) return false;
  if (c == o + 2 && ps->c[o - 2].cp == 'd' && ps->c[o - 1].cp == 'B')
    return ps->c[o + 1].cp == 'A' || ps->c[o + 1].cp == 'C' || ps->c[o + 1].cp == 'Z';
  if (ps->c[o - 1].cp != '/' || c - o < 2 || c - o > 24) return false;
  uint32_t u = ps->c[o - 2].cp;
  if (!(ps->c[o - 2].cls == C_LATIN || superscript_cp(u))) return false;
  bool letter = false;
  for (long j = o + 1; j < c; j++) {
    uint32_t x = ps->c[j].cp;
    if (ps->c[j].cls == C_LATIN) letter = true;
    else if (!(x == 0xB7 || x == 0x22C5 || superscript_cp(x) || ps->c[j].cls == C_DIGIT))
      return false;
  }
  return letter;
}

/* The ASCII pair (o, c) holds the area code of a telephone number, (010)68912345,
 * (0371)6555-1234, (02)2720-8889 (probe 22 M8): two to four digits from 0 inside, seven or eight
 * digits right after (or after one space; one hyphen among them allowed) and no further digit.
 * The bracket is part of the number as dialled and printed. */
static bool phone_pair(const punct_stage *ps, long o, long c) {
  if (ps->c[o].cp != '(' || ps->c[c].cp != ')' || c - o < 3 || c - o > 5 ||
      ps->c[o + 1].cp != '0')
    return false;
  for (long j = o + 1; j < c; j++)
    if (ps->c[j].cls != C_DIGIT) return false;
  long nc = (long)ps->nc, j = c + 1, digits = 0, hyph = 0;
  /* (one space after the area code, as printed: 请致电(010) 12345678; session 24) */
  if (j + 1 < nc && ps->c[j].cp == ' ' && ps->c[j + 1].cls == C_DIGIT) j++;
  for (; j < nc; j++) {
    if (ps->c[j].cls == C_DIGIT) digits++;
    else if (ps->c[j].cp == '-' && !hyph && digits && j + 1 < nc && ps->c[j + 1].cls == C_DIGIT)
      hyph++;
    else break;
  }
  return digits >= 7 && digits <= 8;
}

/* The ASCII bracket pair (o, c) is a group of a chemical formula that opens with it ((NH4)2SO4,
 * (CH3)2CO: probe 12b B8): it holds element symbols only (a capital, perhaps a small letter,
 * perhaps digits; two symbols or a count at least), and a count follows the closing bracket with
 * the next symbol right after it. Fe(OH)3 needs no test: a letter before the pair keeps it ASCII. */
/* Whether x (and y, a lowercase letter, or 0) is a chemical element's symbol. */
static bool element_symbol(char x, char y) {
  if (!y) return strchr("BCFHIKNOPSUVWY", x) != NULL;
  static const char two[] =
      " He Li Be Ne Na Mg Al Si Cl Ar Ca Sc Ti Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Zr"
      " Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb"
      " Lu Hf Ta Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa Np Pu Am Cm ";
  char k[5] = {' ', x, y, ' ', 0};
  return strstr(two, k) != NULL;
}

static bool chemical_group(const punct_stage *ps, long o, long c) {
  if (ps->c[o].cp != '(' || ps->c[c].cp != ')' || c - o < 3 || c - o > 24) return false;
  int symbols = 0;
  bool count = false;
  for (long j = o + 1; j < c;) {
    uint32_t x = ps->c[j].cp, y = 0;
    if (x < 'A' || x > 'Z') return false;
    symbols++, j++;
    if (j < c && ps->c[j].cp >= 'a' && ps->c[j].cp <= 'z') y = ps->c[j++].cp;
    /* element symbols only: an acronym glossed before 5G or 4K is none (中国移动(CMCC)5G,
     * 发光二极管(LED)4K; review 12 R1) */
    if (!element_symbol((char)x, (char)y)) return false;
    while (j < c && ps->c[j].cp >= '0' && ps->c[j].cp <= '9') count = true, j++;
  }
  if (symbols < 2 && !count) return false;
  /* a group without a count follows an element: Ca(OH)2, Hg(CN)2; after Han it is an acronym
   * spelled with element symbols, (HW)5G, (SONY)4K (review 12b S14) */
  if (!count && !(o > 0 && ps->c[o - 1].cls == C_LATIN)) return false;
  long a = c + 1;
  while (a < (long)ps->nc && ps->c[a].cp >= '0' && ps->c[a].cp <= '9') a++;
  return a > c + 1 && a < (long)ps->nc && ps->c[a].cp >= 'A' && ps->c[a].cp <= 'Z';
}

/* The bracket pair (o, c) holds the year of a document number (发文字号: 京政发[2024]3号,
 * 国发(2024)5号; probe 12b B18): Han right before it (the issuer's code), a year 1900–2099 alone
 * inside, and a serial number of one to four digits and 号 right after it. GB/T 9704-2012 7.2.4
 * and GB/T 15834-2011 4.9.3 put that year in 六角括号 〔〕. */
static bool doc_number_pair(const punct_stage *ps, long o, long c) {
  if (c != o + 5 || o < 1 || ps->c[o - 1].cls != C_HAN) return false;
  /* the issuer's code ends as one does: 国发 国办发 国函 教基函 财税字 国令 中办电 财税 财会
   * 人社部规 建标 教材 法释 (not a citation's name, 李四(2021)3号样本; review 12 R5) */
  uint32_t code = cell_cp(ps, &ps->c[o - 1]);
  if (!(code == 0x53D1 /*发*/ || code == 0x767C /*發*/ || code == 0x51FD /*函*/ ||
        code == 0x5B57 /*字*/ || code == 0x4EE4 /*令*/ || code == 0x7535 /*电*/ ||
        code == 0x96FB /*電*/ || code == 0x529E /*办*/ || code == 0x8FA6 /*辦*/ ||
        code == 0x6587 /*文*/ || code == 0x901A /*通*/ || code == 0x89C4 /*规*/ ||
        code == 0x7A0E /*税*/ || code == 0x4F1A /*会*/ || code == 0x6807 /*标*/ ||
        code == 0x6750 /*材*/ || code == 0x91CA /*释*/ || code == 0x8054 /*联*/ ||
        code == 0x5BC6 /*密*/ || code == 0x5EFA /*建*/))
    return false; /* (财税 财会 银保监规 建标 教材 法释 工信部联: review 12b S3) */
  uint32_t a = ps->c[o].cp, z = ps->c[c].cp;
  bool round = (a == '(' || a == 0xFF08) && (z == ')' || z == 0xFF09);
  bool square = (a == '[' || a == 0xFF3B) && (z == ']' || z == 0xFF3D);
  if (!round && !square && !(a == 0x3010 && z == 0x3011)) return false;
  for (long j = o + 1; j < c; j++)
    if (ps->c[j].cls != C_DIGIT || ps->c[j].flags & F_PROT) return false;
  if (!((ps->c[o + 1].cp == '1' && ps->c[o + 2].cp == '9') ||
        (ps->c[o + 1].cp == '2' && ps->c[o + 2].cp == '0')))
    return false;
  long j = c + 1;
  /* (one to four digits: c + 1 .. j - 1; mutants 13 P7 found three only) */
  while (j < (long)ps->nc && j - c <= 5 && ps->c[j].cls == C_DIGIT) j++;
  if (j == c + 1 || j - c > 5 || j >= (long)ps->nc || ps->c[j].cls != C_HAN) return false;
  uint32_t h = cell_cp(ps, &ps->c[j]);
  if (h != 0x53F7 && h != 0x865F) return false; /* 号 號 */
  /* not a place's number: 附表(2024)5号楼, 3号院, 5号线 */
  if (j + 1 < (long)ps->nc && ps->c[j + 1].cls == C_HAN) {
    static const uint32_t place[] = {0x697C /*楼*/, 0x6A13 /*樓*/, 0x9662 /*院*/, 0x5BA4 /*室*/,
                                     0x623F /*房*/, 0x7EBF /*线*/, 0x7DDA /*線*/, 0x95E8 /*门*/,
                                     0x9580 /*門*/, 0x9986 /*馆*/, 0x4F4D /*位*/, 0x8F66 /*车*/,
                                     0x53F0 /*台*/, 0x5E8A /*床*/, 0x7A97 /*窗*/, 0x53E3 /*口*/};
    uint32_t nx = cell_cp(ps, &ps->c[j + 1]);
    for (size_t q = 0; q < sizeof place / sizeof *place; q++)
      if (nx == place[q]) return false;
  }
  return true;
}

static void decide_doc_number(punct_stage *ps, long o, long c) {
  if (fin(&ps->c[o]) != 0x3014) set_cp(ps, &ps->c[o], 0x3014, R_DOCNO);
  if (fin(&ps->c[c]) != 0x3015) set_cp(ps, &ps->c[c], 0x3015, R_DOCNO);
}

/* A blank to fill in typed with ideographic spaces ((　　)): Chinese inside, as the
 * blank (　　) of the same paper after Han text is (A∩B=(　　): probe 11a F10). */
static bool ideographic_blank(const punct_stage *ps, long o, long c) {
  if (c - o < 2 || c - o > 16) return false;
  bool wide = false;
  for (long j = o + 1; j < c; j++) {
    if (ps->c[j].cls != C_SPACE) return false;
    wide |= ps->c[j].cp == 0x3000;
  }
  return wide;
}

/* Nesting levels of the quotation marks, counted over the pairs that matched: a stray opening
 * mark ('内去除…称为"" 进程, 带“-x直到以""来) opens no quotation, so the pairs after it keep
 * the double marks (以“”来), and a second run, which reads the same text, decides the same way.
 * An opening “ left open at the paragraph's start or after a lead-in colon (写道：“…) does count:
 * a quotation running on to the next paragraph (note_unmatched), whose inner quotations are
 * single. */
static void quote_levels(punct_stage *ps) {
  long first = next_ns(ps, -1);
  size_t unmatched = 0, held_at = SIZE_MAX;
  for (size_t i = 0; i < ps->nev; i++) {
    const event *e = &ps->ev[i];
    if (e->partner >= 0) continue;
    unmatched++;
    if (e->fam == FAM_Q && e->dir == D_OPEN && e->sub == 0 && held_at == SIZE_MAX) {
      long p = prev_ns(ps, (long)e->k);
      if ((long)e->k == first || (p >= 0 && (fin(&ps->c[p]) == 0xFF1A || fin(&ps->c[p]) == ':')))
        held_at = i;
    }
  }
  if (unmatched != 1) held_at = SIZE_MAX;
  uint16_t depth = 0, held = 0;
  for (size_t i = 0; i < ps->nev; i++) {
    event *e = &ps->ev[i];
    if (e->fam != FAM_Q) continue;
    if (e->partner < 0) {
      held |= i == held_at;
      continue;
    }
    if (e->dir == D_OPEN) {
      e->level = (uint16_t)(depth + held);
      if (depth < 0xFFFE) depth++;
    } else {
      e->level = ps->ev[e->partner].level;
      if (depth) depth--;
    }
  }
}

/* A quotation with quotations inside, all typed as straight double quotes (an English keyboard):
 * 他说:"我们要坚持"两个毫不动摇"." reads as one quotation holding one or more short quoted
 * terms, not as quotations side by side (“我们要坚持”两个毫不动摇“.”), when
 *  - the paragraph's double quotes are all straight, an even number from 4 to 8;
 *  - the first opens the quotation of a speech: at the paragraph's start or after a lead-in
 *    colon;
 *  - the last closes it: right after a sentence or clause mark (."  ,"  。" …), at the
 *    paragraph's end or before Han text (the attribution: ,"他说); after a quotation that opens
 *    the paragraph (no colon) only before the attribution;
 *  - each inner pair holds a short term (2 to 24 characters) without clause or sentence marks
 *    or white space at its ends, and touches a word (Han, letter or digit) on the outer side of
 *    its opening mark and on both inner sides.
 * Then the inner marks are decided open and close in turn (single quotes, by nesting level);
 * anything else is left to the leaning rules (probe 9a F29). */
static bool word_cell(const punct_stage *ps, long k) {
  if (k < 0 || k >= (long)ps->nc) return false;
  uint8_t cl = ps->c[k].cls;
  return cl == C_HAN || cl == C_LATIN || cl == C_DIGIT;
}
static bool clause_cp(uint32_t c) {
  return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == 0xFF0C ||
         c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A || c == 0x2026 ||
         c == 0x3001;
}
/* The cell p before a quotation's opening mark ends a speech lead-in without a colon: a verb
 * of saying (说 道 问 答 喊 叫 讲 嚷, or 表示 强调 指出 回答 … ending in one), right before the
 * mark or before a comma right before it (小雨一边换鞋一边说，"…, 妈妈问道，"…, 他说"…: probe
 * 41 F1). */
static bool speech_lead(const punct_stage *ps, long p) {
  if (p >= 0 && (ps->c[p].cp == 0xFF0C || (ps->c[p].cp == ',' && !(ps->c[p].flags & F_PROT))))
    p--;
  if (!is_han(ps, p)) return false;
  static const uint32_t verb[] = {0x8BF4, 0x9053, 0x95EE, 0x7B54, 0x558A, 0x53EB, 0x8BB2,
                                  0x56B7}; /* 说 道 问 答 喊 叫 讲 嚷 */
  uint32_t h = cell_cp(ps, &ps->c[p]);
  for (size_t i = 0; i < sizeof verb / sizeof *verb; i++)
    if (verb[i] == h) return true;
  /* 表示 强调 指出 */
  uint32_t g = is_han(ps, p - 1) ? cell_cp(ps, &ps->c[p - 1]) : 0;
  return (g == 0x8868 && h == 0x793A) || (g == 0x5F3A && h == 0x8C03) || (g == 0x6307 && h == 0x51FA);
}

/* Between the last two straight quotes (cells o and l) only marks, or one sentence particle and
 * marks (吗 呢 吧 啊 呀 嘛): read side by side, a quotation that holds no word ("我演"小红帽"!"
 * → “我演”小红帽“！”), which no writer quotes at the end of a paragraph that opens with a
 * quotation; the quotes nest (probe 41 F1). */
static bool bare_tail(const punct_stage *ps, long o, long l) {
  long m = o + 1;
  if (is_han(ps, m)) {
    static const uint32_t part[] = {0x5417, 0x5462, 0x5427, 0x554A, 0x5440, 0x561B};
    uint32_t h = cell_cp(ps, &ps->c[m]);
    bool ok = false;
    for (size_t i = 0; i < sizeof part / sizeof *part; i++) ok |= part[i] == h;
    if (!ok) return false;
    m++;
  }
  if (m >= l) return false;
  for (; m < l; m++)
    if (!clause_cp(ps->c[m].cp)) return false;
  return true;
}

static void nest_straight_quotes(punct_stage *ps, uint8_t sub) {
  size_t q[8], nq = 0;
  int curly = 0; /* curly quotes of the kind before the straight ones, closed among themselves
                  * (“…。”小雨一边换鞋一边说，"我演"小红帽"!": probe 41 F1) */
  uint32_t lo = sub ? 0x2018 : 0x201C;
  for (size_t i = 0; i < ps->nev; i++) {
    const event *e = &ps->ev[i];
    if (e->fam != FAM_Q) continue;
    if (e->sub != sub) {
      if (sub) return; /* single quotes nest alone: no double quote in the paragraph */
      continue;
    }
    if (!e->straight) {
      if (nq) return;
      curly += ps->c[e->k].cp == lo ? 1 : ps->c[e->k].cp == lo + 1 ? -1 : 99;
      if (curly < 0 || curly > 1) return;
      continue;
    }
    if (nq == 8) return;
    q[nq++] = i;
  }
  if (curly || nq < 4 || nq & 1) return;
  long first = ps->ev[q[0]].k, last = ps->ev[q[nq - 1]].k;
  long p = prev_ns(ps, first);
  bool colon = p >= 0 && (lead_cp(ps->c[p].cp) || speech_lead(ps, p));
  bool comma = p >= 0 && (ps->c[p].cp == 0xFF0C || ps->c[p].cp == ',');
  if (p >= 0 && !colon && !comma) return;
  if (last < 1 || !clause_cp(ps->c[last - 1].cp)) return;
  long after = next_ns(ps, last);
  bool bare = bare_tail(ps, ps->ev[q[nq - 2]].k, last);
  if (after >= 0 ? !is_han(ps, after) || (comma && !colon && !bare) : !colon && !bare) return;
  if (ps->ev[q[1]].k <= first + 1) return; /* the quotation holds text before its first term */
  for (size_t j = 1; j + 1 < nq; j += 2) {
    long o = ps->ev[q[j]].k, c = ps->ev[q[j + 1]].k;
    if (c - o - 1 < 2 || c - o - 1 > 24 || !word_cell(ps, o - 1) || !word_cell(ps, o + 1) ||
        !word_cell(ps, c - 1))
      return;
    for (long m = o + 1; m < c; m++)
      if (ps->c[m].cls == C_SPACE || clause_cp(ps->c[m].cp)) return;
    /* an attribution between two quotations ("好"她说"对。"), no term */
    if (speech_lead(ps, c - 1)) return;
  }
  for (size_t j = 0; j < nq; j++)
    ps->ev[q[j]].dir = (uint8_t)(j == 0 || (j & 1 && j + 1 < nq) ? D_OPEN : D_CLOSE);
  if (sub) ps->single_outer = first; /* decide_pairs writes its pair “” (session 42) */
}

static int pass_pairs(punct_stage *ps) {
  if (!ps->nev) return 0;
  if (stack_reserve(ps, ps->nev * FAM_N * 2)) return QG_ERR_NOMEM;
  /* one stack per family, each with room for every event; beside each, the links from an entry
   * to the entry below it of the same kind (sub), and the top entry of each kind (position + 1,
   * 0 for none): a close finds the open of its kind and asks whether one is open without
   * walking the stack (‘‘‘…”””: probe D5) */
  uint32_t *st[FAM_N], *below[FAM_N], top[FAM_N][4] = {{0}};
  size_t depth[FAM_N] = {0};
  for (int f = 0; f < FAM_N; f++) {
    st[f] = ps->stack + (size_t)f * ps->nev;
    below[f] = ps->stack + (size_t)(FAM_N + f) * ps->nev;
  }
  uint32_t rest[2] = {0, 0};
  for (size_t i = ps->nev; i-- > 0;) {
    event *e = &ps->ev[i];
    /* a straight mark that leans open ends the count as a curly one does: it cannot close a
     * quotation nested before it (“孩"关 "0: the first " closes the “) */
    if (e->fam == FAM_Q) rest[e->sub] = e->straight && e->dir != D_OPEN ? rest[e->sub] + 1 : 0;
    e->rest = e->fam == FAM_Q ? rest[e->sub] : 0;
  }
  for (size_t i = 0; i < ps->nev; i++) {
    event *e = &ps->ev[i];
    int f = e->fam;
    uint32_t *s = st[f];
    size_t *d = &depth[f];
    int dir = e->dir;
    cell *c = &ps->c[e->k];
    if (f == FAM_Q && !e->straight) {
      /* a curly mark set the wrong way round: “ closing a quotation, ” opening one */
      int l = lean(ps, e->k);
      /* “” and ‘’ are an empty quotation (以“”来), “、” a quoted mark (用“、”隔开): not a “
       * leaning close */
      uint32_t cl = e->sub ? 0x2019u : 0x201Du;
      bool empty = (e->k + 1 < ps->nc && fin(&ps->c[e->k + 1]) == cl) ||
                   (e->k + 2 < ps->nc && fin(&ps->c[e->k + 2]) == cl && !curly(fin(&ps->c[e->k + 1])) &&
                    ps->c[e->k + 1].cp != '"' && ps->c[e->k + 1].cp != '\'');
      /* nor one that a later mark closes: the next quotation mark of its kind is a closing one
       * (“（待“：器”: the second “ and the ” pair, the first is left open) */
      bool closed_later = false;
      if (dir == D_OPEN && l == D_CLOSE && !empty)
        for (size_t j = i + 1; j < ps->nev; j++) {
          const event *x = &ps->ev[j];
          if (x->fam != FAM_Q || x->sub != e->sub) continue;
          closed_later = x->straight ? x->dir != D_OPEN : x->dir == D_CLOSE && lean(ps, x->k) != D_OPEN;
          break;
        }
      if (dir == D_OPEN && l == D_CLOSE && !empty && !closed_later && *d &&
          ps->ev[s[*d - 1]].sub == e->sub) {
        dir = D_CLOSE;
        set_cp(ps, c, e->sub ? 0x2019 : 0x201D, R_TURN);
      } else if (dir == D_CLOSE && l == D_OPEN) {
        /* turned only when nothing is open for it to close and a later mark closes it */
        bool any = false, later = false;
        any = top[f][e->sub] != 0;
        for (size_t j = i + 1; j < ps->nev && !later; j++) {
          const event *x = &ps->ev[j];
          if (x->fam != FAM_Q || x->sub != e->sub) continue;
          if (x->dir == D_OPEN && !x->straight && lean(ps, x->k) != D_CLOSE) break;
          later = true;
        }
        if (!any && later) {
          dir = D_OPEN;
          set_cp(ps, c, e->sub ? 0x2018 : 0x201C, R_TURN);
        }
      }
    }
    /* A straight mark that leans neither way closes an open mark of its kind when that one is
     * straight too, or when it is curly and an odd number of straight marks comes before the
     * next curly one (so they cannot pair among themselves: “…" closes; “…"…"…” nests). */
    if (dir == D_AMBIG) {
      bool can = *d && ps->ev[s[*d - 1]].sub == e->sub;
      dir = can && (ps->ev[s[*d - 1]].straight || (e->rest & 1)) ? D_CLOSE : D_OPEN;
    }
    e->dir = (uint8_t)dir;
    if (dir == D_OPEN) {
      e->level = (uint16_t)(*d > 0xFFFF ? 0xFFFF : *d);
      below[f][*d] = top[f][e->sub];
      s[(*d)++] = (uint32_t)i;
      top[f][e->sub] = (uint32_t)*d;
      continue;
    }
    /* a close: match the nearest open of its kind; opens above it are unmatched */
    size_t m = f == FAM_P || f == FAM_B ? *d : top[f][e->sub];
    if (m == 0) continue; /* unmatched close */
    for (size_t j = m; j < *d; j++) ps->ev[s[j]].partner = -1;
    *d = m - 1;
    for (int u = 0; u < 4; u++)
      while (top[f][u] > *d) top[f][u] = below[f][top[f][u] - 1];
    event *o = &ps->ev[s[m - 1]];
    o->partner = (int32_t)i;
    e->partner = (int32_t)(s[m - 1]);
    e->level = o->level;
  }
  quote_levels(ps);
  return 0;
}

/* Decisions from the pairs; unmatched marks are noted (or held across paragraphs). */
/* An unmatched ASCII quotation mark or bracket still takes its Chinese form where it touches
 * Chinese (a quotation mark only when it leans one way). */
static void decide_unmatched(punct_stage *ps) {
  for (size_t i = 0; i < ps->nev; i++) {
    event *e = &ps->ev[i];
    cell *c = &ps->c[e->k];
    if (e->partner >= 0 || !e->straight || c->act != A_NONE || !han_ctx(ps, e->k, e->k)) continue;
    if (e->fam == FAM_Q) {
      int l = lean(ps, e->k);
      if (l != D_AMBIG)
        set_cp(ps, c, e->sub ? (l == D_OPEN ? 0x2018 : 0x2019) : (l == D_OPEN ? 0x201C : 0x201D), R_QUOTE);
    } else if (e->fam == FAM_P)
      set_cp(ps, c, c->cp == '(' ? 0xFF08 : 0xFF09, R_WIDTH);
  }
}

/* Unmatched marks are noted, or held when a paragraph of body text opens a quotation and leaves
 * only it open: the next paragraph may continue it (GB/T 15834: a quotation of several
 * paragraphs opens each of them and closes only the last), when the quotation opens at the
 * paragraph's start or after a lead-in colon (他在信中写道：“…). */
/* The unmatched closing bracket at cell k ends a list item's label, one-sided by design (GB/T
 * 1.1: 1）2）3）, a）b）c）; probe 10a F3): one or two digits, one ASCII letter, or one circled or
 * Roman numeral right before it, at the paragraph's start or after white space or ： ； 。, and
 * text after it. */
static bool item_label(const punct_stage *ps, long k) {
  uint32_t cp = ps->c[k].cp;
  if (cp != ')' && cp != 0xFF09) return false;
  long j = k - 1;
  if (j < 0) return false;
  uint32_t f = ps->c[j].cp;
  if (ps->c[j].cls == C_DIGIT) {
    if (j > 0 && ps->c[j - 1].cls == C_DIGIT) j--;
  } else if (!(f < 0x80 && ps->c[j].cls == C_LATIN) && !(f >= 0x2460 && f <= 0x2473) &&
             !(f >= 0x2160 && f <= 0x217B))
    return false;
  long l = j - 1, r = next_ns(ps, k);
  if (r < 0) return false;
  uint8_t rc = ps->c[r].cls;
  if (rc != C_HAN && rc != C_LATIN && rc != C_DIGIT && !opener_cp(fin(&ps->c[r]))) return false;
  if (l < 0 || ps->c[l].cls == C_SPACE) return true;
  f = fin(&ps->c[l]);
  return f == 0xFF1A || f == 0xFF1B || f == 0x3002 || f == ':' || f == ';';
}

/* Whether unmatched event e is a closing double quotation mark (” or a straight one leaning
 * close). */
static bool closes_double(const punct_stage *ps, const event *e) {
  return e->fam == FAM_Q && e->sub == 0 &&
         (e->straight ? lean(ps, e->k) == D_CLOSE : e->dir == D_CLOSE);
}

static void note_unmatched(punct_stage *ps, qg_block *b) {
  long first = next_ns(ps, -1);
  long unmatched = 0, held = -1, closing = -1;
  /* an item of a list over which a quotation goes on (pending_list): its first unmatched
   * closing quotation mark closes that quotation, and is no unmatched mark */
  if (ps->pending && ps->pending_list)
    for (size_t i = 0; i < ps->nev && closing < 0; i++)
      if (ps->ev[i].partner < 0 && closes_double(ps, &ps->ev[i])) {
        closing = (long)i;
        ps->pending = ps->pending_list = false;
      }
  for (size_t i = 0; i < ps->nev; i++) {
    const event *e = &ps->ev[i];
    if (e->partner >= 0 || (long)i == closing) continue;
    if (e->fam == FAM_P && e->dir == D_CLOSE && item_label(ps, (long)e->k)) continue;
    unmatched++;
    if (e->fam != FAM_Q || e->sub != 0 || e->dir != D_OPEN) continue;
    /* at the paragraph's start, or after a lead-in colon (写道：“); a quote left open in
     * mid-sentence (被称为“智慧城市的做法) is unmatched */
    long p = prev_ns(ps, (long)e->k);
    if ((long)e->k == first || (p >= 0 && (fin(&ps->c[p]) == 0xFF1A || fin(&ps->c[p]) == ':')))
      held = (long)i;
  }
  /* (not while a quotation goes on over the list: an item's own is said) */
  if (unmatched == 1 && held >= 0 && b->kind == QG_KIND_P && !ps->pending) {
    const cell *c = &ps->c[ps->ev[held].k];
    ps->pending = true;
    ps->pending_item = qg_text_list_item(b->text.ptr, b->text.len);
    ps->pending_start = qg_block_pos(b, c->off);
    ps->pending_end = qg_block_pos(b, c->off + c->len);
    return;
  }
  for (size_t i = 0; i < ps->nev; i++)
    if (ps->ev[i].partner < 0 && (long)i != closing &&
        !(ps->ev[i].fam == FAM_P && ps->ev[i].dir == D_CLOSE && item_label(ps, (long)ps->ev[i].k)))
      note(ps, &ps->c[ps->ev[i].k], N_UNMATCHED, ps->ev[i].k);
}

/* Characters found only in Traditional copy (their simplified forms differ), frequent ones,
 * in order: 們 這 個 說 … */
static const uint32_t trad_only[] = {
  0x4E26, 0x4F86, 0x500B, 0x5011, 0x50B3, 0x50F9, 0x5104, 0x5289, 0x52D5, 0x5340, 0x5433, 0x54E1,
  0x554F, 0x570B, 0x5712, 0x5716, 0x5834, 0x58D3, 0x5922, 0x5B6B, 0x5B78, 0x5BE6, 0x5BEB, 0x5C07,
  0x5C0D, 0x5C64, 0x5E2B, 0x5EE3, 0x5F35, 0x5F8C, 0x5F9E, 0x5FA9, 0x611B, 0x6230, 0x64CA, 0x6642,
  0x66F8, 0x6703, 0x6771, 0x689D, 0x694A, 0x696D, 0x6975, 0x69CB, 0x6A02, 0x6A13, 0x6A19, 0x6A23,
  0x6A39, 0x6A5F, 0x6AA2, 0x6B0A, 0x6B50, 0x6B72, 0x6B77, 0x6B78, 0x6BBA, 0x6C23, 0x6DF5, 0x6EEC,
  0x6EFF, 0x6F22, 0x7063, 0x70BA, 0x7121, 0x71C8, 0x73FE, 0x7522, 0x756B, 0x7576, 0x767C, 0x7A2E,
  0x7BC0, 0x7D05, 0x7D93, 0x7DB2, 0x7DDA, 0x7DE3, 0x7E23, 0x7E3D, 0x7FA9, 0x805E, 0x8072, 0x8077,
  0x807D, 0x8207, 0x820A, 0x83EF, 0x842C, 0x8449, 0x85DD, 0x8655, 0x865F, 0x8853, 0x88E1, 0x898B,
  0x8996, 0x89AA, 0x89BA, 0x89C0, 0x8A18, 0x8A5E, 0x8A69, 0x8A71, 0x8A8D, 0x8A9E, 0x8AAA, 0x8AB2,
  0x8ABF, 0x8AD6, 0x8B58, 0x8B6F, 0x8B70, 0x8B80, 0x8B8A, 0x8B93, 0x8CB4, 0x8CB7, 0x8CC8, 0x8CE3,
  0x8D99, 0x8ECA, 0x8F03, 0x8F15, 0x8F38, 0x8FA6, 0x8FB2, 0x9019, 0x9023, 0x9031, 0x9032, 0x904B,
  0x904E, 0x9054, 0x9060, 0x9078, 0x9084, 0x908A, 0x9109, 0x912D, 0x9130, 0x91AB, 0x9280, 0x9322,
  0x932F, 0x9418, 0x9435, 0x9577, 0x9580, 0x958B, 0x9593, 0x95DC, 0x9673, 0x967D, 0x96A8, 0x96DE,
  0x96E3, 0x96F2, 0x96FB, 0x9748, 0x982D, 0x984C, 0x984F, 0x9858, 0x985E, 0x986F, 0x98A8, 0x98DB,
  0x98EF, 0x9928, 0x99AC, 0x9A57, 0x9A5A, 0x9AD4, 0x9AEE, 0x9B06, 0x9B5A, 0x9CE5, 0x9EB5, 0x9EBC,
  0x9EC3, 0x9EDE, 0x9EE8, 0x9F4A, 0x9F8D};

/* The block is Traditional copy: two or more of its Han characters are Traditional only (陶淵明
 * 的…〈桃花源記〉). Read only when a 〈〉 pair stands outside a title. */
static bool traditional_block(const punct_stage *ps) {
  int seen = 0;
  for (size_t k = 0; k < ps->nc; k++) {
    if (ps->c[k].cls != C_HAN) continue;
    uint32_t h = cell_cp(ps, &ps->c[k]);
    size_t a = 0, z = sizeof trad_only / sizeof *trad_only;
    while (a < z) {
      size_t m = (a + z) / 2;
      if (trad_only[m] < h) a = m + 1;
      else z = m;
    }
    if (a < sizeof trad_only / sizeof *trad_only && trad_only[a] == h && ++seen >= 2) return true;
  }
  return false;
}

/* The 〈〉 pair at cells o and c, outside 《》, is no title (probe 22 H21, M9): a dictionary's usage
 * label, one of the register words 〈书〉〈方〉〈口〉〈旧〉〈古〉〈敬〉〈谦〉〈婉〉〈贬〉〈简〉〈俗〉〈褒〉
 * (【吾】wú〈书〉代词), or any 〈〉 of Traditional copy, where it marks a chapter, article or poem
 * and 《》 the book (Taiwan's 標點符號手冊: 陶淵明的〈桃花源記〉收入《陶淵明集》). */
static bool angle_kept(const punct_stage *ps, long o, long c) {
  /* (a label follows an entry's pinyin, its 【headword】 or another label: 熟读〈诗〉〈书〉 in prose
   * is two titles, review 22 L4) */
  long p = o - 1;
  for (;;) { /* past white space and labels of one character before it (wú〈书〉〈方〉) */
    while (p >= 0 && ps->c[p].cls == C_SPACE) p--;
    if (p < 2 || ps->c[p].cp != 0x3009 || ps->c[p - 2].cp != 0x3008) break;
    p -= 3;
  }
  bool entry = p >= 0 && (ps->c[p].cls == C_LATIN || ps->c[p].cp == 0x3011);
  if (entry && c == o + 2 && is_han(ps, o + 1)) {
    static const uint32_t reg[] = {0x4E66, 0x65B9, 0x53E3, 0x65E7, 0x53E4, 0x656C, 0x8C26,
                                   0x5A49, 0x8D2C, 0x7B80, 0x4FD7, 0x8912, 0x66F8, 0x820A,
                                   0x8B19, 0x8CB6, 0x7C21}; /* 书方口旧古敬谦婉贬简俗褒 書舊謙貶簡 */
    uint32_t h = cell_cp(ps, &ps->c[o + 1]);
    for (size_t i = 0; i < sizeof reg / sizeof *reg; i++)
      if (reg[i] == h) return true;
  }
  return traditional_block(ps);
}

/* The paragraph quotes with 「」 (a pair of them) and is Traditional copy. */
static int corner_copy(const punct_stage *ps) {
  for (size_t i = 0; i < ps->nev; i++)
    if (ps->ev[i].fam == FAM_C && ps->ev[i].sub == 0 && ps->ev[i].partner >= 0)
      return traditional_block(ps);
  return 0;
}

/* The quotation marks at o and c quote speech, not a term: Han inside, and a lead-in colon
 * before o or a clause or sentence mark inside (，。！？；, or their ASCII forms). A straight pair,
 * which may be two apostrophes or a program's quoting ('+', '[!]'), needs the colon. The same
 * answer for a straight pair and for the curly one it becomes (选项：'+,-' and 选项：‘+,-’: no
 * Han, no quotation; probe 41 F2). */
static bool speech_pair(const punct_stage *ps, long o, long c, bool straight) {
  long p = prev_ns(ps, o);
  bool colon = p >= 0 && (ps->c[p].cp == 0xFF1A || ps->c[p].cp == ':');
  if ((straight && !colon) || c - o > 400) return false;
  bool mark = colon, han = false;
  for (long j = o + 1; j < c && !(mark && han); j++) {
    uint32_t f = ps->c[j].cp;
    han |= ps->c[j].cls == C_HAN;
    mark |= f == 0x3002 || f == 0xFF0C || f == 0xFF01 || f == 0xFF1F || f == 0xFF1B ||
            ((f == ',' || f == '!' || f == '?' || f == ';') && !(ps->c[j].flags & F_PROT));
  }
  return mark && han;
}

static void decide_pairs(punct_stage *ps) {
  /* corner: 「」 pairs open around the current event; a straight double pair inside one is the
   * inner quotation of that system, 『』 (traditional copy: probe 10a F21) */
  long corner = 0;
  /* uses_corner: the paragraph is Traditional copy (traditional_block) and quotes with 「」 (a
   * pair of them), as Taiwan and Hong Kong set it (probe 25 L, tw1: 表示:"…"他強調…「簡約公屋」
   * gave “…” beside 「…」, two styles): its straight double quotes outside 「」 become 「」 (『』 at
   * odd levels), not “”. Simplified copy that cites a Taiwan word in 「」 keeps “” for its own
   * quotations. */
  int uses_corner = -1; /* (not yet asked: at the first straight double pair outside 「」) */
  for (size_t i = 0; i < ps->nev; i++) {
    event *e = &ps->ev[i];
    cell *c = &ps->c[e->k];
    if (e->fam == FAM_C && e->sub == 0 && e->partner >= 0) corner += e->dir == D_OPEN ? 1 : -1;
    if (e->partner < 0 || e->dir != D_OPEN) continue;
    event *x = &ps->ev[e->partner];
    cell *cc = &ps->c[x->k];
    switch (e->fam) {
    case FAM_Q: {
      bool dbl = (e->level & 1) == 0;
      if (e->straight || x->straight) {
        if (!pair_cjk(ps, e->k, x->k)) break;
        uint32_t o = e->sub == 0 && dbl ? 0x201C : 0x2018, cl = o + 1;
        /* straight single quotes as the outer quotes of a quotation (他说:'我不去.'): the pass
         * writes the marks, so it writes “” (GB/T 15834), as it does for straight double quotes,
         * and not ‘’ that it would then report (probe 41 F2); typed curly ‘’ are reported below */
        bool outer = e->sub != 0 && e->level == 0 && e->straight && x->straight && corner == 0 &&
                     !ps->pending &&
                     (speech_pair(ps, e->k, x->k, true) || (long)e->k == ps->single_outer);
        if (outer) o = 0x201C, cl = 0x201D;
        if (corner > 0 && e->straight && x->straight && e->sub == 0 && e->level == 0)
          o = 0x300E, cl = 0x300F;
        else if (corner == 0 && e->straight && x->straight && e->sub == 0 &&
                 (uses_corner >= 0 ? uses_corner : (uses_corner = corner_copy(ps))))
          o = dbl ? 0x300C : 0x300E, cl = o + 1;
        /* (each decision once: the pairs are decided again as the context changes) */
        if (fin(c) != o) set_cp(ps, c, o, e->straight ? R_QUOTE : R_NEST);
        if (fin(cc) != cl) set_cp(ps, cc, cl, x->straight ? R_QUOTE : R_NEST);
      } else if (e->sub == 0 && !dbl) {
        if (fin(c) != 0x2018) set_cp(ps, c, 0x2018, R_NEST);
        if (fin(cc) != 0x2019) set_cp(ps, cc, 0x2019, R_NEST);
      }
      /* single quotes as the outer quotes of a quotation (他说：‘这件事我知道。’): GB/T 15834
       * sets double quotes outside, single inside. Reported, not fixed (probe 25 L). Only a
       * quotation: after a lead-in colon, or holding a clause or sentence mark; a term in
       * single quotes at the top level (‘两函两书’的说法, '80后') is a desk's style, left as
       * written and unreported, as before. Not inside 「」 nor inside a quotation going on over
       * a list's items. */
      if (e->sub != 0 && e->level == 0 && corner == 0 && !ps->pending && !(e->straight && x->straight) &&
          speech_pair(ps, e->k, x->k, e->straight || x->straight) && pair_cjk(ps, e->k, x->k))
        note(ps, c, N_OUTER_SINGLE, e->k);
      break;
    }
    case FAM_S:
      if (e->sub <= 1 && doc_number_pair(ps, e->k, x->k)) decide_doc_number(ps, e->k, x->k);
      break;
    case FAM_P:
      if (doc_number_pair(ps, e->k, x->k)) {
        decide_doc_number(ps, e->k, x->k);
        break;
      }
      if ((e->straight || x->straight) &&
          (pair_cjk(ps, e->k, x->k) || ideographic_blank(ps, e->k, x->k)) &&
          !formula_pair(ps, e->k, x->k) && !chemical_group(ps, e->k, x->k) &&
          !signed_number_pair(ps, e->k, x->k) && !unit_pair(ps, e->k, x->k) &&
          !phone_pair(ps, e->k, x->k) && !accounting_pair(ps, e->k, x->k)) {
        if (e->straight && fin(c) != 0xFF08) set_cp(ps, c, 0xFF08, R_WIDTH);
        if (x->straight && fin(cc) != 0xFF09) set_cp(ps, cc, 0xFF09, R_WIDTH);
      }
      break;
    case FAM_C:
      /* 「…「要誠實」…」: a 「」 pair inside one is the inner quotation, 『』 (probe 11a F26) */
      if (e->sub == 0 && (e->level & 1)) {
        if (fin(c) != 0x300E) set_cp(ps, c, 0x300E, R_CNEST);
        if (fin(cc) != 0x300F) set_cp(ps, cc, 0x300F, R_CNEST);
      }
      break;
    case FAM_B: {
      if (e->sub == 1 && e->level == 0 && !e->straight && !x->straight && angle_kept(ps, e->k, x->k))
        break;
      uint32_t o = e->level == 0 ? 0x300A : 0x3008, cl = o + 1;
      if (fin(c) != o) set_cp(ps, c, o, R_BOOK);
      if (fin(cc) != cl) set_cp(ps, cc, cl, R_BOOK);
      break;
    }
    default: break;
    }
  }
}

static bool ambiguous_width(uint32_t f); /* (E: spaces) */

/* ---- C: width and full stop ---------------------------------------------------------------- */

static const qg_span *span_at(const qg_spans *sp, size_t off) {
  size_t lo = 0, hi = sp->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (sp->v[mid].end <= off) lo = mid + 1;
    else hi = mid;
  }
  return lo < sp->n && sp->v[lo].start <= off ? &sp->v[lo] : NULL;
}

static bool abbreviation(const punct_stage *ps, long from, long to) {
  static const char *const abbr[] = {"etc", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "jr",
                                     "sr", "inc", "ltd", "co", "corp", "no", "vol", "fig", "al",
                                     "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun",
                                     "jul", "aug", "sep", "sept", "oct", "nov", "dec", "pp", "cf", "viz",
                                     "ibid", NULL};
  long len = to - from + 1;
  if (len == 1) return true; /* an initial */
  if (len > 6) return false;
  char w[8];
  for (long j = 0; j < len; j++) {
    uint32_t c = ps->c[from + j].cp;
    if (c >= 0x80 || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return false;
    w[j] = (char)(c | 0x20);
  }
  w[len] = '\0';
  for (size_t i = 0; abbr[i]; i++)
    if (!strcmp(abbr[i], w)) return true;
  return false;
}

/* Letters joined by dots, each part one to three letters and one part a single letter, the
 * text of a protected span [from, to): Ph.D, e.g, i.e, a.m, M.Sc; not Node.js, example.com. */
static bool dotted_abbreviation(const char *t, size_t from, size_t to) {
  bool one = false, dot = false;
  size_t part = 0;
  for (size_t i = from; i <= to; i++) {
    unsigned char c = i < to ? (unsigned char)t[i] : '.';
    if ((unsigned)((c | 0x20) - 'a') < 26) {
      if (++part > 3) return false;
    } else if (c == '.') {
      if (!part) return false;
      one |= part == 1;
      dot |= i < to;
      part = 0;
    } else return false;
  }
  return one && dot;
}

/* Whether the closing curly quote at cell l ends a quotation that opens in Chinese text:
 * “yes”. ends an English sentence, but 英文缩写为“GDP”. a Chinese one; what stands before the
 * opening mark of the quotation (within 64 cells) decides. */
static bool quoted_in_chinese(const punct_stage *ps, long l) {
  if (l < 0) return false;
  uint32_t close = fin(&ps->c[l]);
  if (close != 0x201D && close != 0x2019) return false;
  uint32_t open = close == 0x201D ? 0x201C : 0x2018;
  long j = past_quotes(ps, l, -1);
  while (j >= 0 && l - j < 64 && fin(&ps->c[j]) != open) j--;
  if (j < 0 || l - j >= 64) return false;
  return cjk_side(ps, past_quotes(ps, prev_ns(ps, j), -1));
}

/* Signs written after a number as its unit: degrees, per mille, the squared units of the CJK
 * Compatibility block (㎡ ㎞ ㎏ …). */
static bool unit_sign(uint32_t c) {
  return c == 0x2103 || c == 0x2109 || c == 0x2030 || c == 0x00B0 || (c >= 0x3380 && c <= 0x33DF);
}

/* 021－55556666 (probe 37 M1, session 37): a full-width hyphen between the area code of a
 * telephone number (three or four digits from 0, no digit, letter or dot before it) and its
 * seven or eight digits (no digit after them) joins the groups of the number, the 短横线 of
 * GB/T 15834's 连接号 (010-88842603): it becomes -, as the character stage makes ０２１－５５５５６６６６
 * 021-55556666 (probe 8 E13). It was neither changed nor reported with ASCII digits. */
static bool phone_hyphen(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, l = k - 1, r = k + 1;
  while (l >= 0 && is_digit(ps, l) && k - l <= 5) l--;
  if (k - l - 1 < 3 || k - l - 1 > 4 || ps->c[l + 1].cp != '0') return false;
  if (l >= 0 && (ps->c[l].cls == C_LATIN || ps->c[l].cp == '.' || ps->c[l].cp == '-' ||
                 ps->c[l].cp == 0xFF0D))
    return false;
  while (r < nc && is_digit(ps, r) && r - k <= 9) r++;
  if (r - k - 1 < 7 || r - k - 1 > 8 || ps->c[k + 1].cp == '0') return false;
  if (r < nc && (ps->c[r].cls == C_LATIN || ps->c[r].cp == 0xFF0D || ps->c[r].cp == '-' ||
                 (ps->c[r].cp == '.' && is_digit(ps, r + 1))))
    return false;
  for (long q = l + 1; q < r; q++)
    if (ps->c[q].flags & F_PROT) return false;
  return true;
}

/* 2026－12－06 (probe 45 X7, session 45): an all-numeric date of a four-digit year (1800 to 2199,
 * since session 46: 1234－12－06 was told it was a date, review 45 L2),
 * a month (1 to 12) and a day (1 to 31) of one or two digits, joined by full-width hyphens －
 * (one of them may be ASCII), with no digit, letter, dot, slash or hyphen before it, nor a
 * letter, slash, hyphen or a dot before a digit after it (2026－12－06. ends a sentence; a third
 * digit makes no day): GB/T 15835's all-numeric date is 2026-12-06, its groups joined by the
 * hyphen, as the character stage makes ２０２６－１２－０６ 2026-12-06 (probe 8 E13). Read at the first hyphen, cell k; the cell of the
 * second, or -1. It was neither changed nor reported. */
static long date_hyphens(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, l = k - 1;
  while (l >= 0 && is_digit(ps, l) && k - l <= 5) l--;
  if (k - l - 1 != 4) return -1;
  int year = 0;
  for (long q = l + 1; q < k; q++) year = year * 10 + (int)(ps->c[q].cp - '0');
  if (year < 1800 || year > 2199) return -1; /* (1234－12－06: no date; session 46) */
  if (l >= 0 && (ps->c[l].cls == C_LATIN || ps->c[l].cp == '.' || ps->c[l].cp == '-' ||
                 ps->c[l].cp == 0xFF0D || ps->c[l].cp == '/'))
    return -1;
  int v[2];
  long h[2] = {k, 0}, r = k;
  for (int g = 0; g < 2; g++) {
    long d = r + 1;
    v[g] = 0;
    for (r = d; r < nc && is_digit(ps, r) && r - d < 3; r++) v[g] = v[g] * 10 + (int)(ps->c[r].cp - '0');
    if (r - d < 1 || r - d > 2) return -1;
    if (g == 0) {
      if (r >= nc || (ps->c[r].cp != '-' && ps->c[r].cp != 0xFF0D)) return -1;
      h[1] = r;
    }
  }
  if (v[0] < 1 || v[0] > 12 || v[1] < 1 || v[1] > 31) return -1;
  if (ps->c[h[0]].cp != 0xFF0D && ps->c[h[1]].cp != 0xFF0D) return -1; /* (ASCII: as written) */
  if (r < nc && (ps->c[r].cls == C_LATIN || ps->c[r].cp == 0xFF0D || ps->c[r].cp == '-' ||
                 ps->c[r].cp == '/' || (ps->c[r].cp == '.' && is_digit(ps, r + 1))))
    return -1;
  /* (2026－12-06: the protection pass holds 12-06, a hyphenated pair of ASCII figures, which is
   * the date's own month and day, and in 2026-12－06 it holds 2026-12; the － must be free:
   * session 46, review 45 L2) */
  long hl = -1, hr = -1; /* the cells protection may hold */
  if (ps->c[h[1]].cp == '-') hl = k + 1, hr = r;
  else if (ps->c[h[0]].cp == '-') hl = l + 1, hr = h[1];
  for (long q = l + 1; q < r; q++)
    if ((ps->c[q].flags & F_PROT && !(q >= hl && q < hr)) ||
        (ps->c[q].act != A_NONE && q != k))
      return -1;
  return h[1];
}

/* The cells of a temperature's unit at cell i (℃ ℉ 度 °, °C, °F), or 0. */
static long temp_unit(const punct_stage *ps, long i) {
  if (i < 0 || i >= (long)ps->nc) return 0;
  uint32_t u = cell_cp(ps, &ps->c[i]);
  if (u == 0xB0) return i + 1 < (long)ps->nc && (ps->c[i + 1].cp == 'C' || ps->c[i + 1].cp == 'F') ? 2 : 1;
  return u == 0x2103 || u == 0x2109 || u == 0x5EA6 /*度*/;
}

/* 零下5℃-零上3℃ (probe 36's leftover, session 37): a hyphen (or －) between two temperatures, one
 * of them written with 零上 or 零下, is a range, as 零下5℃~零上3℃ is (probe 36 F5): no identifier
 * is written with 零上 or 零下, and a subtraction of temperatures is written with figures and
 * signs. The second figure carries the unit (℃ ℉ 度 °), the first the same unit or none. *arith:
 * a sign of arithmetic touches the pair (零下5℃-零上3℃=8℃): only reported, as a subtraction of
 * lengths is (probe 36 F4). */
static bool zero_range(const punct_stage *ps, long k, bool *arith) {
  long nc = (long)ps->nc, r = k + 1;
  if (r >= nc || (ps->c[r].cls != C_DIGIT && ps->c[r].cls != C_HAN) || k < 2) return false;
  bool zr = past_zero_word(ps, r) != r;
  if (zr) r += 2;
  long d = r;
  while (r < nc && (is_digit(ps, r) || (ps->c[r].cp == '.' && is_digit(ps, r + 1)))) r++;
  long ur = r == d ? 0 : temp_unit(ps, r);
  if (!ur) return false;
  long l = k - 1, ul = 0;
  if (ps->c[l].cls != C_DIGIT) {
    ul = ps->c[l].cp == 'C' || ps->c[l].cp == 'F' ? 2 : 1;
    if (l - ul + 1 < 0 || temp_unit(ps, l - ul + 1) != ul || ul != ur) return false;
    for (long q = 0; q < ul; q++)
      if (cell_cp(ps, &ps->c[l - ul + 1 + q]) != cell_cp(ps, &ps->c[r + q])) return false;
    l -= ul;
  }
  long e = l;
  while (l >= 0 && (is_digit(ps, l) || (ps->c[l].cp == '.' && is_digit(ps, l - 1)))) l--;
  if (l == e || !is_digit(ps, l + 1)) return false;
  bool zl = l >= 1 && (cell_cp(ps, &ps->c[l]) == 0x4E0A || cell_cp(ps, &ps->c[l]) == 0x4E0B) &&
            cell_cp(ps, &ps->c[l - 1]) == 0x96F6;
  if (!zl && !zr) return false;
  long p = zl ? l - 2 : l; /* the cell before the pair */
  if (p >= 0 && (ps->c[p].cls == C_DIGIT || ps->c[p].cls == C_LATIN || ps->c[p].cp == '.'))
    return false; /* (an identifier's or a figure's part) */
  for (long q = p + 1; q < r + ur; q++)
    if (ps->c[q].flags & F_PROT) return false;
  uint32_t b = p >= 0 ? ps->c[p].cp : 0, a = r + ur < nc ? ps->c[r + ur].cp : 0;
  *arith = math_cp(b) || math_cp(a);
  return true;
}

/* Cell j is (or will be, after the number stage) a printable ASCII character: a ． between
 * digits is a decimal point, a ％ after a digit a percent sign. */
static bool ascii_fin(const punct_stage *ps, long j) {
  uint32_t f = fin(&ps->c[j]);
  if (f > 0x20 && f < 0x7F) return true;
  return (f == 0xFF0E && is_digit(ps, j - 1) && is_digit(ps, j + 1)) ||
         (f == 0xFF05 && is_digit(ps, j - 1));
}


/* The number at cell r, after the dot at cell k, starts the next sentence: a date or a count
 * (完工.2025年投入使用, 3个.4月份, 2%.3个区: qg_stop_before_number, which also keeps such a dot
 * out of the decimals), or an item number (领导.2.坚持改革, 领导.2、坚持). Probe 9a F14. */
static bool number_starts_sentence(const punct_stage *ps, long k, long r) {
  if (r != k + 1 || ps->c[r].cls != C_DIGIT) return false;
  long e = r;
  while (e < (long)ps->nc && ps->c[e].cls == C_DIGIT && e - r < 3) e++;
  /* an item number: one digit, then . or 、 and Han (领导.2.坚持改革), after a word that can end a
   * sentence; .46. .25. after 为 了 率 are decimals before a full stop (review 9 R1) */
  if (e == r + 1 && e + 1 < (long)ps->nc && (ps->c[e].cp == '.' || ps->c[e].cp == 0x3001) &&
      ps->c[e + 1].cls == C_HAN && is_han(ps, k - 1) && !qg_cp_wants_object(cell_cp(ps, &ps->c[k - 1])))
    return true;
  const cell *last = &ps->c[ps->nc - 1];
  return qg_stop_before_number(ps->t, last->off + last->len, ps->c[k].off);
}

/* Signs of a measure written next to its digits: degrees, squares and cubes, ×, µ, Ω, ±, the
 * minus sign, and the unit signs of unit_sign. */
static bool measure_cp(uint32_t c) {
  return c == 0xB0 || c == 0xB2 || c == 0xB3 || c == 0xD7 || c == 0xB5 || c == 0x3BC || c == 0x3A9 ||
         c == 0x2126 || c == 0xB1 || c == 0x2212 || unit_sign(c);
}

/* A figure with its sign or unit ends at cell l, right after Chinese text: -5℃, 960万km², 25°C,
 * 3840×2160, +3.5% (probe 9a F15: the sentence's final dot was left ASCII). The token, walked back
 * from l over ASCII letters, digits and . , and measure signs, holds a digit and a measure sign or
 * starts with a sign (- +); its letters are a unit after the figure (at most three at the end, none
 * before the first digit). */
static int measure_before(const punct_stage *ps, long l) {
  long j = l;
  bool digit = false, sign = false;
  while (j >= 0 && l - j < 40) {
    const cell *c = &ps->c[j];
    uint32_t f = fin(c);
    if (c->cls == C_DIGIT) digit = true;
    else if (measure_cp(f)) sign = true;
    else if (!(c->cls == C_LATIN && f < 0x80) && f != '.' && f != ',' && f != '-' && f != '+' &&
             f != '/') /* (35μg/m³: probe 11a F24) */
      break;
    j--;
  }
  long s = j + 1;
  if (s > l) return 0;
  if (digit && (ps->c[s].cp == '-' || ps->c[s].cp == '+')) sign = true;
  long tail = 0, letters = 0; /* letters at the end, and in all */
  for (long q = l; q >= s && ps->c[q].cls == C_LATIN; q--) tail++;
  for (long q = s; q <= l; q++) letters += ps->c[q].cls == C_LATIN;
  if (!sign || tail > 3 || ps->c[s].cp == '.' || ps->c[s].cp == ',') return 0;
  /* a unit alone after a Chinese numeral (960万km²): letters and signs only, four at most */
  if (!digit && (letters > 3 || l - s + 1 > 4)) return 0;
  if (digit && ps->c[s].cls == C_LATIN) return 0;
  if (!digit) {
    for (long q = s; q <= l; q++)
      if (ps->c[q].cls != C_LATIN && !measure_cp(fin(&ps->c[q]))) return 0;
  }
  if (j >= 0 && (ps->c[j].cls == C_SPACE || gone(&ps->c[j]))) j = prev_ns(ps, j);
  return j >= 0 && cjk_side(ps, j) && !(ps->c[l].flags & F_PROT);
}


/* The Latin span sp ends at cell l, right before the mark at cell k, and is a name that ends a
 * Chinese sentence (使用Microsoft Office., 主持人是Jack Ma., Real Madrid!): probe 9a F7. */
static bool latin_name_before(const punct_stage *ps, const qg_span *sp, long l, long k) {
  if (k != l + 1 || k >= (long)ps->nc || sp->end != ps->c[k].off) return false;
  const cell *last = &ps->c[ps->nc - 1];
  return qg_latin_name_run(ps->t, last->off + last->len, sp->start, sp->end);
}

/* A currency sign written before an amount: $ € £ ¥ ￥. */
static bool currency_cp(uint32_t c) {
  return c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0xFFE5;
}

/* A figure ends at cell j right after Chinese text (white space allowed between): digits with
 * . , × ^ / superscript digits or measure signs, a sign or a currency sign before them
 * (420 μmol/L, 7.8×10⁹/L, $82.40, 1×10³ copies/mL: the unit or the number is a protected span
 * whose start the full stop looks past; probe 10a F11, F12). */
static bool figure_before(const punct_stage *ps, long j) {
  bool digit = false;
  long e = j;
  while (j >= 0 && e - j < 40) {
    const cell *c = &ps->c[j];
    uint32_t f = fin(c);
    if (c->cls == C_DIGIT) digit = true;
    else if (!(measure_cp(f) || f == 0xB9 || (f >= 0x2070 && f <= 0x2079) || f == '.' || f == ',' ||
               f == '^' || f == '/' || f == '+' || f == '-'))
      break;
    j--;
  }
  if (j >= 0 && currency_cp(fin(&ps->c[j]))) j--;
  if (!digit) return false;
  if (j >= 0 && ps->c[j].cls == C_SPACE) j = prev_ns(ps, j);
  return j >= 0 && cjk_side(ps, j);
}

/* The Han text before the dot at cell k can end a sentence: two characters or more since the
 * last mark, and not a preposition or a verb waiting for its object (在.NetCore中, 迁移到.NetCore后,
 * 通过.WriteLine: review 10 R4; not 了 过 以 的, which end sentences: 好了。 去过。 可以。 是我的。). */
static bool han_ends_sentence(const punct_stage *ps, long k) {
  long h = k - 1;
  while (h >= 0 && is_han(ps, h)) h--;
  if (k - 1 - h < 2) return false;
  static const uint32_t waits[] = {0x5728, 0x5230, 0x4E8E, 0x4E3A, 0x4ECE, 0x5411, 0x628A, 0x88AB,
                                   0x5BF9, 0x7ED9, 0x7528, 0x53CA, 0x548C, 0x4E0E, 0x662F, 0x5C06,
                                   0}; /* 在到于为从向把被对给用及和与是将 */
  uint32_t last = cell_cp(ps, &ps->c[k - 1]), before = cell_cp(ps, &ps->c[k - 2]);
  for (size_t i = 0; waits[i]; i++)
    if (last == waits[i]) return false;
  if (last == 0x8FC7 && (before == 0x901A || before == 0x7ECF)) return false; /* 通过 经过 */
  return true;
}

/* Whether the Han word at cell j names a format (格式 文件 文档 后缀 扩展, and with all 7: 编码
 * 解码): the Latin text before it is a file type or a codec's name, no sentence (.MP4文件). */
static bool format_word(const punct_stage *ps, long j, size_t all) {
  static const uint32_t formats[][2] = {{0x683C, 0x5F0F}, {0x6587, 0x4EF6}, {0x6587, 0x6863},
                                         {0x540E, 0x7F00}, {0x6269, 0x5C55}, {0x7F16, 0x7801},
                                         {0x89E3, 0x7801}};
  uint32_t f0 = cell_cp(ps, &ps->c[j]),
           f1 = j + 1 < (long)ps->nc && ps->c[j + 1].cls == C_HAN ? cell_cp(ps, &ps->c[j + 1]) : 0;
  for (size_t i = 0; i < all; i++)
    if (f0 == formats[i][0] && f1 == formats[i][1]) return true;
  return false;
}

/* After Han text, a dot before a Latin name that Chinese text follows (手机.iPhone 16售价,
 * 举行.OpenAI首席执行官, 推送.C#12和): the name opens the next sentence (probe 10a F10). The word
 * is capitalised (or iPhone, eBay), is no file type (报告.PDF下载), and a Han character follows the
 * name's words within 32 cells. */
static bool latin_opens_sentence(const punct_stage *ps, const char *t, long k, long r) {
  if (r != k + 1 || k < 1 || !is_han(ps, k - 1) || ps->c[r].cls != C_LATIN || ps->c[r].cp >= 0x80)
    return false;
  uint32_t c0 = ps->c[r].cp, c1 = r + 1 < (long)ps->nc ? ps->c[r + 1].cp : 0;
  if (!(c0 >= 'A' && c0 <= 'Z') && !(c0 >= 'a' && c0 <= 'z' && c1 >= 'A' && c1 <= 'Z')) return false;
  /* a word of three letters or more with both cases (not an extension or a manual's macro:
   * .Z文件, .SH, .IP地址) */
  long w0 = r;
  bool upper = false, lower = false;
  while (w0 < (long)ps->nc && ps->c[w0].cls == C_LATIN && ps->c[w0].cp < 0x80) {
    upper |= ps->c[w0].cp <= 'Z', lower |= ps->c[w0].cp >= 'a';
    w0++;
  }
  if (w0 - r < 3 || !upper || !lower) return false;
  long e = r;
  while (e < (long)ps->nc && e - r < 32 && ps->c[e].cp < 0x80 && ps->c[e].cp != '.' &&
         (ps->c[e].cls == C_LATIN || ps->c[e].cls == C_DIGIT || ps->c[e].cls == C_SPACE ||
          ps->c[e].cp == '#' || ps->c[e].cp == '+' || ps->c[e].cp == '-'))
    e++;
  if (e >= (long)ps->nc || ps->c[e].cls != C_HAN) return false;
  static const char *const types[] = {"PDF", "DOC", "DOCX", "XLS", "XLSX", "PPT", "PPTX", "TXT",
                                      "JPG", "PNG", "GIF", "ZIP", "RAR", "MP3", "MP4", "EXE", "APK",
                                      "COM", "CN", "NET", "ORG", NULL};
  long w = r;
  while (w < e && ps->c[w].cls == C_LATIN) w++;
  size_t len = ps->c[w - 1].off + 1 - ps->c[r].off;
  for (size_t i = 0; types[i]; i++)
    if (strlen(types[i]) == len && !strncasecmp(types[i], t + ps->c[r].off, len)) return false;
  /* .NetCore, .NetFramework: the .NET family (review 10 R4) */
  if (len > 3 && !strncasecmp(t + ps->c[r].off, "net", 3)) return false;
  /* a file type or format after the word (报告.Json格式, .Docx文件) */
  if (format_word(ps, e, 5)) return false;
  return han_ends_sentence(ps, k);
}

/* After Han text that can end a sentence (han_ends_sentence), a dot before a route's or a
 * train's code that Han text follows: 缩短至20分钟.Y8路末班车, 停运.K2线 (probe 27 M2). One
 * capital, then one to four digits, perhaps one more capital, then Han; not a format (.H264编码,
 * .X11转发) nor a code of two capitals (.GB18030, .MP4文件: a standard, a file type). */
static bool code_opens_sentence(const punct_stage *ps, long k, long r) {
  long nc = (long)ps->nc, j = r;
  if (r != k + 1 || k < 2 || !is_han(ps, k - 1)) return false;
  if (ps->c[j].cp >= 'A' && ps->c[j].cp <= 'Z') j++;
  long d = j;
  while (j < nc && j - d < 4 && ps->c[j].cls == C_DIGIT) j++;
  if (d == r || j == d) return false;
  if (j < nc && ps->c[j].cp >= 'A' && ps->c[j].cp <= 'Z') j++;
  if (j >= nc || ps->c[j].cls != C_HAN) return false;
  if (ps->c[r].cp == 'H' || ps->c[r].cp == 'X') return false; /* H264 H265 X11 */
  if (format_word(ps, j, 7)) return false;
  return han_ends_sentence(ps, k);
}

/* Whether the Han text before the dot at cell k ends with a verb of change, perhaps with 了
 * after it, and the figure after the dot is a multiple or a share of points, the Han cell u
 * right after it 倍 番 成 or 个 (个百分点): 上涨了.3.5倍, 增长.1.5个百分点, 翻了.2.5番. The figure is
 * the change's amount, the verb's complement, and the dot a stray one inside the sentence, no
 * full stop (review 28b). Other figures may open the next sentence (下降了.2.5亿元的亏损让…, a
 * dated event, 上涨了.3.15晚会曝光的…: review 29a L1) and take 。 as before.
 * 涨 增 降 升 跌 长 高 低 少 加 减 翻 扩 缩 大 小 (上涨 增长 提高 降低 减少 增加 扩大 缩小 …). */
static bool change_verb_before(const punct_stage *ps, long k, long u) {
  static const char16_t *const verbs = u"涨增降升跌长高低少加减翻扩缩大小";
  uint32_t after = cell_cp(ps, &ps->c[u]);
  if (after != 0x500D /*倍*/ && after != 0x756A /*番*/ && after != 0x6210 /*成*/ &&
      after != 0x4E2A /*个*/)
    return false;
  long h = k - 1;
  if (h >= 1 && is_han(ps, h) && cell_cp(ps, &ps->c[h]) == 0x4E86 /* 了 */) h--;
  if (h < 0 || !is_han(ps, h)) return false;
  uint32_t v = cell_cp(ps, &ps->c[h]);
  for (const char16_t *w = verbs; *w; w++)
    if (v == *w) return true;
  return false;
}

/* After Han text that can end a sentence (han_ends_sentence), and no word that wants what
 * follows (qg_cp_wants_object: 为.46), a dot before a decimal that Han text follows: 亮点.14.5英寸屏
 * (probe 27 M2). A number holds one decimal point, so the dot before it is no second one. */
static bool decimal_opens_sentence(const punct_stage *ps, long k, long r) {
  long nc = (long)ps->nc, j = r;
  if (r != k + 1 || k < 2 || !is_han(ps, k - 1)) return false;
  while (j < nc && j - r < 5 && ps->c[j].cls == C_DIGIT) j++;
  if (j == r || j + 1 >= nc || ps->c[j].cp != '.' || ps->c[j + 1].cls != C_DIGIT) return false;
  for (j++; j < nc && ps->c[j].cls == C_DIGIT; j++) {}
  if (j >= nc || ps->c[j].cls != C_HAN) return false;
  return !qg_cp_wants_object(cell_cp(ps, &ps->c[k - 1])) && !change_verb_before(ps, k, j) &&
         han_ends_sentence(ps, k);
}

/* After Han text that can end a sentence (han_ends_sentence), a dot before an English sentence:
 * 进站.Do not bring flammable items. (probe 27 M2). A capitalised word (a capital, then small
 * letters), then two words or more separated by single spaces, each small, capitalised or in
 * capitals (no cureSQL), one of them small and no joining word of a name (of and the de for:
 * Bank of China is a name, latin_opens_sentence's); after the last a space, a mark of a sentence
 * or a clause, Han or the end (no getchostimen_UK, ibusr/log). The sentence keeps its own marks. */
static int word_case(const punct_stage *ps, long w, long e) { /* 1 small, 2 Capitalised, 3 CAPS, 0 */
  bool up0 = ps->c[w].cp <= 'Z', up = false, low = false;
  for (long j = w + 1; j < e; j++) up |= ps->c[j].cp <= 'Z', low |= ps->c[j].cp >= 'a';
  if (!up0) return up ? 0 : 1;
  return !up ? 2 : !low ? 3 : 0;
}
static bool english_opens_sentence(const punct_stage *ps, long k, long r) {
  long nc = (long)ps->nc, j = r;
  if (r != k + 1 || k < 2 || !is_han(ps, k - 1) || ps->c[r].cp < 'A' || ps->c[r].cp > 'Z')
    return false;
  int words = 0, small = 0;
  while (j < nc) {
    long w = j;
    while (j < nc && ps->c[j].cls == C_LATIN && ps->c[j].cp < 0x80) j++;
    if (j == w) return false;
    int wc = word_case(ps, w, j);
    if (!wc || (!words && (wc != 2 || j - w < 2))) return false;
    words++;
    if (words > 1 && wc == 1) {
      size_t len = (size_t)(j - w);
      const char *s = ps->t + ps->c[w].off;
      bool join = (len == 2 && (!strncmp(s, "of", 2) || !strncmp(s, "de", 2))) ||
                  (len == 3 && (!strncmp(s, "and", 3) || !strncmp(s, "the", 3) || !strncmp(s, "for", 3)));
      small += !join;
    }
    if (words == 8) return small >= 1 && han_ends_sentence(ps, k); /* (enough) */
    if (j + 1 < nc && ps->c[j].cp == ' ' && ps->c[j + 1].cls == C_LATIN) j++;
    else break;
  }
  if (j < nc) {
    uint32_t a = ps->c[j].cp;
    if (!(ps->c[j].cls == C_SPACE || ps->c[j].cls == C_HAN || a == '.' || a == ',' || a == '!' ||
          a == '?' || a == ';' || a == ':'))
      return false;
  }
  return words >= 3 && small >= 1 && han_ends_sentence(ps, k);
}

/* A formula or a statistic ends at cell l, right after Chinese text: ASCII letters, digits and
 * signs and the signs of math_cp, back to Chinese text (at most 40 cells), holding a relation
 * (= < > ≤ ≥ ≠ ＝ ＜ ＞): n=120, x=2y+1, p<0.05, A∩B=____ (probe 11a F10, F12). A fill-in blank
 * (two or more _) ending the run counts as a term of it: 答案:____ and =____. */
static bool formula_before(const punct_stage *ps, long l) {
  long j = l;
  bool rel = false, blank = false;
  if (ps->c[l].cp == '_' && l > 0 && ps->c[l - 1].cp == '_') {
    while (j >= 0 && ps->c[j].cp == '_') j--;
    blank = true;
    if (j >= 0 && ps->c[j].cls == C_SPACE) j = prev_ns(ps, j);
    if (j >= 0 && (cjk_side(ps, j) || fin(&ps->c[j]) == ':')) { /* 第____回. 答案:____. */
      long h = j;
      if (fin(&ps->c[h]) == ':') h = prev_ns(ps, h);
      return h >= 0 && cjk_side(ps, h);
    }
  }
  bool digit = false;
  for (long e = j; j >= 0 && e - j < 40; j--) {
    const cell *x = &ps->c[j];
    uint32_t f = fin(x);
    if (f == '=' || f == '<' || f == '>' || f == 0x2264 || f == 0x2265 || f == 0x2260 ||
        f == 0xFF1D || f == 0xFF1C || f == 0xFF1E || f == 0x2248 /*≈*/ || f == 0x2208 /*∈*/)
      rel = true;
    /* (also Greek letters, superscripts and the arrows of a reaction: π≈3.14159., x²≤x.,
     * 2H2O=2H2↑+O2↑.; probe 20 L1) */
    else if (!(f > 0x20 && f < 0x7F) && !math_cp(f) && f != 0xB0 && !(f >= 0x391 && f <= 0x3C9) &&
             f != 0xB2 && f != 0xB3 && f != 0x2191 && f != 0x2193)
      break;
    digit |= x->cls == C_DIGIT;
  }
  /* (a relation and a figure: <Mon). is no formula) */
  if (!(blank || (rel && digit))) return false;
  if (j >= 0 && (ps->c[j].cls == C_SPACE || gone(&ps->c[j]))) j = prev_ns(ps, j);
  return j >= 0 && cjk_side(ps, j);
}

/* A citation of references ends at cell l, right after Chinese text: [1], [2-4], [6,7] (probe 11a
 * F12): digits, commas, hyphens, dashes and white space between the brackets; also after a
 * figure (and its % or ‰) right after Chinese text. */
static bool citation_before(const punct_stage *ps, long l) {
  if (ps->c[l].cp != ']' && ps->c[l].cp != 0xFF3D) return false;
  long j = l - 1;
  bool digit = false;
  while (j >= 0 && l - j < 24 &&
         (ps->c[j].cls == C_DIGIT || ps->c[j].cp == ',' || ps->c[j].cp == '-' ||
          ps->c[j].cp == 0x2013 || ps->c[j].cp == 0xFF0C || ps->c[j].cp == 0x3001 ||
          ps->c[j].cls == C_SPACE))
    digit |= ps->c[j].cls == C_DIGIT, j--;
  if (j < 1 || !digit || (ps->c[j].cp != '[' && ps->c[j].cp != 0xFF3B)) return false;
  if (ps->c[j - 1].cls == C_HAN || cjk_side(ps, j - 1)) return true;
  /* after a figure that follows Chinese text: 同比增长12.5%[2]. (session 28) */
  long f = j - 1;
  if (f >= 0 && (ps->c[f].cp == '%' || ps->c[f].cp == 0x2030)) f--;
  long e = f;
  while (f >= 0 && e - f < 24 &&
         (ps->c[f].cls == C_DIGIT || ((ps->c[f].cp == '.' || ps->c[f].cp == ',') && f < e &&
                                      f > 0 && ps->c[f - 1].cls == C_DIGIT)))
    f--;
  return f < e && ps->c[f + 1].cls == C_DIGIT && f >= 0 &&
         (ps->c[f].cls == C_HAN || cjk_side(ps, f));
}

/* Cell l ends a Markdown emphasis closer (a run of one to three * or _) right after Chinese
 * text (Han or a CJK mark, no white space), and an opener of as many of the same marks, not
 * followed by white space (nor, for _, right after a word), comes before it in the paragraph:
 * *斜体*, **加粗**, 是 _强调_. */
static bool emphasis_after_cjk(const punct_stage *ps, long l) {
  uint32_t m = ps->c[l].cp;
  long s = l;
  while (s > 0 && l - s < 3 && ps->c[s - 1].cp == m) s--;
  if (s < 1 || ps->c[s - 1].cp == m || !cjk_side(ps, s - 1)) return false;
  long n = l - s + 1;
  for (long j = s - 2; j >= 0 && s - j < 256; j--) {
    if (ps->c[j].cp != m) continue;
    long a = j;
    while (a > 0 && ps->c[a - 1].cp == m) a--;
    /* (an opening _ not inside a word: 这是_斜体_ is no emphasis in CommonMark) */
    if (j - a + 1 == n && ps->c[j + 1].cls != C_SPACE &&
        (m == '*' || a == 0 || !(ps->c[a - 1].cls == C_HAN || ps->c[a - 1].cls == C_LATIN ||
                                 ps->c[a - 1].cls == C_DIGIT)))
      return true;
    j = a;
  }
  return false;
}

/* A dot typed right after Chinese numerals that ends no sentence (probe 20 H5: it became 。, and
 * a second run then joined the headings it labelled): the label of a heading at the start of
 * the paragraph (一.指导思想, 第一章.总则, (一).加强领导) and the dot between a month and a day in
 * Chinese numerals (一二.九运动). The test reads the text (qg_text_numeral_dot, which the cues'
 * measure shares); the dot is left as typed. */
static bool numeral_dot(const punct_stage *ps, long l, long k, long r) {
  if (l + 1 != k || r != k + 1 || ps->c[k].cp != '.') return false; /* right between two */
  const cell *e = &ps->c[ps->nc - 1];
  return qg_text_numeral_dot(ps->t, e->off + e->len, ps->c[k].off);
}

static bool colon_cp(uint32_t f);
/* The rank of an option letter at cell j: A to H (kind 1) or 甲 乙 丙 丁 戊 己 庚 辛 (kind 2), as
 * kind * 16 + 1 .. 8; 0 for none. */
static int option_rank(const punct_stage *ps, long j) {
  if (j < 0 || j >= (long)ps->nc) return 0;
  const cell *c = &ps->c[j];
  if (c->cls == C_LATIN && c->cp >= 'A' && c->cp <= 'H') return 16 + (int)(c->cp - 'A') + 1;
  if (c->cls != C_HAN) return 0;
  static const uint32_t stems[] = {0x7532, 0x4E59, 0x4E19, 0x4E01, 0x620A, 0x5DF1, 0x5E9A, 0x8F9B};
  uint32_t h = cell_cp(ps, c);
  for (int i = 0; i < 8; i++)
    if (stems[i] == h) return 32 + i + 1;
  return 0;
}

/* An option label at cell j: its letter at the start, after white space or a colon, then . or ．
 * and text that is no digit, with white space between or not (A. 北京, B．上海, 甲.同意). Its
 * rank (option_rank), 0 for none. */
static int dotted_option(const punct_stage *ps, long j) {
  int v = option_rank(ps, j);
  if (!v || j + 2 >= (long)ps->nc) return 0;
  if (j > 0 && ps->c[j - 1].cls != C_SPACE && !colon_cp(fin(&ps->c[j - 1]))) return 0;
  if (ps->c[j + 1].cp != '.' && ps->c[j + 1].cp != 0xFF0E) return 0;
  long r = next_ns(ps, j + 1);
  return r >= 0 && ps->c[r].cls != C_DIGIT && !(ps->c[r].cls == C_OTHER || ps->c[r].cls == C_CJKP) ? v : 0;
}

/* The dot at cell l + 1 follows an option letter set off by white space (A. 北京  B. 上海, 请选择
 * A. 同意 B. 不同意, 甲. 同意 乙. 不同意): the letter before it (A before B) or after it in the
 * sequence labels an option of the same kind within 120 cells, so the letter is a label like the
 * first, no word ending a sentence (事件的 A. 注意 stays one: probe 22 H2). */
static bool spaced_option(const punct_stage *ps, long l) {
  int v = dotted_option(ps, l);
  if (!v || ps->c[l + 2].cls != C_SPACE) return false;
  for (long j = l - 2; j >= 0 && l - j < 120; j--)
    if (option_rank(ps, j) == v - 1 && dotted_option(ps, j) == v - 1) return true;
  for (long j = l + 3; j < (long)ps->nc && j - l < 120; j++)
    if (option_rank(ps, j) == v + 1 && dotted_option(ps, j) == v + 1) return true;
  return false;
}

/* After Han text, a dot before the label of a contact field and its colon: E-mail: Email: Tel:
 * Fax: (an author note: 主要从事城市生态研究.E-mail:wang@…; probe 22 L2): the label opens the
 * next sentence. */
static bool contact_field(const punct_stage *ps, long k, long r) {
  uint32_t a = ps->c[r].cp | 0x20;
  if (r != k + 1 || (a != 'e' && a != 't' && a != 'f')) return false;
  static const char *const fields[] = {"e-mail", "email", "tel", "fax", NULL};
  const cell *e = &ps->c[ps->nc - 1];
  size_t n = e->off + e->len, at = ps->c[r].off;
  for (size_t i = 0; fields[i]; i++) {
    size_t len = strlen(fields[i]);
    if (at + len < n && !strncasecmp(ps->t + at, fields[i], len) &&
        (ps->t[at + len] == ':' || (at + len + 3 <= n && !memcmp(ps->t + at + len, "\xEF\xBC\x9A", 3))))
      return true;
  }
  return false;
}

/* A vowel of pinyin with its tone mark, or ü ê: ā á ǎ à ē é ě è ī í ǐ ì ō ó ǒ ò ū ú ǔ ù ǖ ǘ ǚ ǜ
 * (small or capital). */
static bool pinyin_cp(uint32_t c) {
  if (c < 0xC0 || c > 0x1DC) return false;
  switch (c) {
  case 0x101: case 0xE1: case 0x1CE: case 0xE0: case 0x113: case 0xE9: case 0x11B: case 0xE8:
  case 0x12B: case 0xED: case 0x1D0: case 0xEC: case 0x14D: case 0xF3: case 0x1D2: case 0xF2:
  case 0x16B: case 0xFA: case 0x1D4: case 0xF9: case 0x1D6: case 0x1D8: case 0x1DA: case 0x1DC:
  case 0xFC: case 0xEA: case 0x100: case 0xC1: case 0x1CD: case 0xC0: case 0x112: case 0xC9:
  case 0x11A: case 0xC8: case 0x12A: case 0xCD: case 0x1CF: case 0xCC: case 0x14C: case 0xD3:
  case 0x1D1: case 0xD2: case 0x16A: case 0xDA: case 0x1D3: case 0xD9: case 0x1D5: case 0x1D7:
  case 0x1D9: case 0x1DB: case 0xDC: case 0xCA:
    return true;
  default: return false;
  }
}

/* A note mark: a circled, parenthesised or negative circled number (① ⑴ ㉑ ❶). */
static bool note_mark_cp(uint32_t c) {
  return (c >= 0x2460 && c <= 0x24FF) || (c >= 0x3251 && c <= 0x325F) || (c >= 0x32B1 && c <= 0x32BF) ||
         (c >= 0x2776 && c <= 0x2793);
}

/* A bracket pair that the width rule keeps ASCII as notation (a unit symbol, a signed number, a
 * formula's power) ends at cell l, its closing bracket or a superscript after it, right after
 * Chinese text (a figure or a formula's signs between allowed): 流量为2L/(m²·s)., 单位为W/(m·K).,
 * 结果是(-3)., 计算(a+b)². (probe 22 H3, H14: the pair was （）, a CJK mark, and the dot after it a
 * full stop; ASCII now, the notation ends the sentence as the pair did). Session 24: also after a
 * sign of arithmetic and its operand, 结果是3×(-3)., 公式为a×(b+c). (a formula's pair that ends
 * the sentence has the sign before it), as after 3×3. */
static bool kept_pair_before(const punct_stage *ps, long l) {
  long c = l;
  while (c >= 0 && l - c < 8 && superscript_cp(ps->c[c].cp)) c--;
  if (c < 1 || ps->c[c].cp != ')') return false;
  long o = c - 1;
  while (o >= 0 && c - o < 42 && ps->c[o].cp != '(' && ps->c[o].cp != ')') o--;
  if (o < 0 || ps->c[o].cp != '(') return false;
  if (!(unit_pair(ps, o, c) || signed_number_pair(ps, o, c) ||
        (formula_pair(ps, o, c) && (c < l || math_cp(ps->c[o - 1].cp)))))
    return false;
  long j = o - 1;
  while (j >= 0 && o - j < 24 &&
         (ps->c[j].cls == C_DIGIT || ps->c[j].cls == C_LATIN || ps->c[j].cp == '/' ||
          ps->c[j].cp == '.' || superscript_cp(ps->c[j].cp) || math_cp(ps->c[j].cp)))
    j--;
  return j >= 0 && ps->c[j].cls != C_SPACE && cjk_side(ps, j);
}

/* The letter at cell l is the answer of a quiz key: one capital A-H right after 答案 or 答 and a
 * colon, or after 答案是 / 答案为: 第3题答案:C.第4题 (probe 23 L6: the dot was read as an
 * initial's, C.罗纳尔多). Its dot ends the sentence. */
static bool answer_letter(const punct_stage *ps, long l) {
  uint32_t x = ps->c[l].cp;
  if (x < 'A' || x > 'H' || l < 2) return false;
  long p = l - 1;
  uint32_t f = fin(&ps->c[p]);
  bool colon = f == ':' || f == 0xFF1A;
  if (colon) p--;
  else if (!(is_han(ps, p) && (cell_cp(ps, &ps->c[p]) == 0x662F || cell_cp(ps, &ps->c[p]) == 0x4E3A)))
    return false; /* 是 为 */
  else p--;
  if (!is_han(ps, p)) return false;
  uint32_t h = cell_cp(ps, &ps->c[p]);
  if (h == 0x6848 /*案*/) return is_han(ps, p - 1) && cell_cp(ps, &ps->c[p - 1]) == 0x7B54; /*答*/
  return colon && h == 0x7B54; /* 答: */
}

static bool emoji_cp(uint32_t c);
static bool emoji_after_cjk(const punct_stage *ps, long l);
/* The cell before the dot k is one after which the block's scan (qg_cues_measure, cues.c)
 * counts a . as a full stop: Han, ) ） ” 》 ", or a ' closing a quotation after Han (approximated
 * here by Han before the ') */
static bool scan_stop_before(const punct_stage *ps, long k) {
  if (k < 1) return false;
  uint32_t p = ps->c[k - 1].cp;
  if (ps->c[k - 1].cls == C_HAN || p == ')' || p == 0xFF09 || p == 0x201D || p == 0x300B ||
      p == '"')
    return true;
  return p == '\'' && k >= 2 && ps->c[k - 2].cls == C_HAN;
}
static bool option_space(const punct_stage *ps, long l, long r);
static bool full_stop(const punct_stage *ps, long k) {
  long l = prev_ns(ps, k), r = next_ns(ps, k);
  if (l < 0) return false;
  /* an exam option's letter after white space, its dot right before the option's text, the
   * next label of a line of options from A. (A.鸡蛋约为50 g B.门高约为20 m): no Latin word's end,
   * though the protection pass reads the unit and the letter as one run of Latin text (g B, as
   * Jack Ma.); probe 47 M2, the dot became 。 */
  if (l == k - 1 && r == k + 1 && l > 1 && ps->c[l].cp >= 'B' && ps->c[l].cp <= 'H' &&
      ps->c[l - 1].cls == C_SPACE && option_space(ps, prev_ns(ps, l - 1), l))
    return false;
  /* emoji right after the dot are passed over: the sentence ends before them as at the end of
   * the paragraph or before the Chinese text after them (38元.😀好吃, 好吃.😀: probe 23 L3) */
  /* Only after Han or a closing bracket or quotation mark (38元.😀, 好吃.😀): the paragraph stages
   * read such a dot as a full stop before this stage runs, and 。 after anything (方案A。😀) as one
   * too, so a dot they do not count (方案A.😀) stays, else a second run reads the line otherwise
   * (review 23 M2: 价格38元。😀好吃 | 我选择了方案A。😀, two short paragraphs, were joined then) */
  if (r == k + 1 && emoji_cp(ps->c[r].cp) && ps->c[r].cp != 0xFE0F && ps->c[r].cp != 0x200D &&
      scan_stop_before(ps, k)) {
    long q = r;
    while (q < (long)ps->nc && q - r < 24 && emoji_cp(ps->c[q].cp)) q++;
    r = q >= (long)ps->nc ? -1 : ps->c[q].cls == C_SPACE ? next_ns(ps, q) : q;
  }
  if (r >= 0 && numeral_dot(ps, l, k, r)) return false;
  if (r >= 0) {
    const cell *rc = &ps->c[r];
    bool ok = cjk_side(ps, r) || rc->cp == '"' || rc->cp == '\'' || number_starts_sentence(ps, k, r);
    if (!ok)
      return ps->c[l].cls == C_HAN &&
             (latin_opens_sentence(ps, ps->t, k, r) || contact_field(ps, k, r) ||
              code_opens_sentence(ps, k, r) || english_opens_sentence(ps, k, r) ||
              decimal_opens_sentence(ps, k, r));
  }
  const cell *lc = &ps->c[l];
  if (lc->cls == C_HAN) return !(l == k - 1 && k + 1 < (long)ps->nc && ps->c[k + 1].cls == C_SPACE &&
                                 (l == 0 || ps->c[l - 1].cls == C_SPACE) && spaced_option(ps, l));
  if (curly(fin(lc)) && !cjk_side(ps, past_quotes(ps, l, -1))) return quoted_in_chinese(ps, l);
  if (cjk_side(ps, l)) return !opener_cp(fin(lc));
  /* after a rating's stars or emoji that follow Chinese text: 综合指数★★★☆☆. (probe 23 L3; the
   * width rule does so for , ! ? there) */
  if (l == k - 1 && emoji_cp(lc->cp) && emoji_after_cjk(ps, l)) return r < 0 || cjk_side(ps, r);
  /* a note mark, a circled or bracketed number, after Chinese text: 中心①.据统计, 百余家②.
   * (probe 22 M1; as [2]. and ³. are) */
  if (note_mark_cp(lc->cp)) {
    long j = l;
    while (j >= 0 && l - j < 4 && note_mark_cp(ps->c[j].cp)) j--;
    return j >= 0 && cjk_side(ps, j);
  }
  /* a formula, a statistic, a blank or a citation ends the Chinese sentence: x=2y+1.代入,
   * n=120.其中, p<0.05., 答案:____., 进展[1].张三 (probe 11a F10, F12) */
  if (formula_before(ps, l) || citation_before(ps, l)) return true;
  if ((lc->cp == ')' || superscript_cp(lc->cp)) && kept_pair_before(ps, l))
    return true; /* 2L/(m²·s). 结果是(-3). (probe 22 H3, H14) */
  if (lc->flags & F_PRIME) {
    /* after a figure in degrees, minutes and seconds, or feet and inches (东经116°23'17".,
     * 第89'.): digits, primes, ° and . back to Chinese text (probe 11a F3) */
    long j = l;
    while (j >= 0 && l - j < 40 &&
           (ps->c[j].flags & F_PRIME || ps->c[j].cls == C_DIGIT || ps->c[j].cp == 0xB0 ||
            ps->c[j].cp == '.' || ps->c[j].cp == '+'))
      j--;
    if (j >= 0 && ps->c[j].cls == C_SPACE) j = prev_ns(ps, j);
    return j >= 0 && cjk_side(ps, j);
  }
  if (lc->flags & F_PROT) {
    /* after a URL, a number or an address closing a Chinese sentence; not after Latin text */
    const qg_span *sp = span_at(&ps->spans, lc->off);
    if (!sp || (sp->kind == QG_SPAN_LATIN && !latin_name_before(ps, sp, l, k)) ||
        sp->kind == QG_SPAN_INITIALS)
      return false;
    /* the period of a dotted abbreviation: Ph.D. e.g. i.e. a.m. M.Sc. (probe D1) */
    if (l + 1 == k && dotted_abbreviation(ps->t, sp->start, sp->end)) return false;
    long j = l;
    while (j >= 0 && ps->c[j].off >= sp->start) j--;
    /* a name or a standard's code and its number ending the paragraph, the number a decimal,
     * version or identifier: 采用Python 3.11., 依据GB/T 15834-2011., 书号ISBN 978-7-02-000220-7.
     * (probe 19 R12; 他买了iPhone 16., a plain number, is decided below) */
    if (r < 0 && l + 1 == k && j > 0 && ps->c[j].cp == ' ' && ps->c[j - 1].cls == C_LATIN &&
        ps->c[j - 1].cp < 0x80 &&
        (sp->kind == QG_SPAN_DECIMAL || sp->kind == QG_SPAN_VERSION ||
         sp->kind == QG_SPAN_HYPHEN_ID || sp->kind == QG_SPAN_GROUPED)) {
      long w = j - 1;
      while (w >= 0 && j - w < 40 && ascii_fin(ps, w)) w--;
      if (w >= 0 && (ps->c[w].cls == C_SPACE || gone(&ps->c[w])) && !(ps->c[w].flags & F_PROT)) {
        long p = prev_ns(ps, w); /* （正版） Windows 11.: the space after the mark goes */
        uint32_t fp = p >= 0 ? fin(&ps->c[p]) : 0;
        if (p >= 0 && qg_cp_is_cjk_punct(fp) && !ambiguous_width(fp)) w = p;
      }
      if (w >= 0 && ps->c[w].cls != C_SPACE && cjk_side(ps, w)) return true;
    }
    if (j >= 0 && currency_cp(fin(&ps->c[j])) && ps->c[j + 1].off == sp->start &&
        (sp->kind == QG_SPAN_DECIMAL || sp->kind == QG_SPAN_GROUPED || sp->kind == QG_SPAN_LATIN)) {
      /* an amount: $82.40. $1,250. (probe 10a F12); a $ after the letters of its country,
       * US$1,200. NT$1,200. (probe 11a F24) */
      if (fin(&ps->c[j]) == '$')
        for (long m = 0; m < 3 && j > 0 && ps->c[j - 1].cp >= 'A' && ps->c[j - 1].cp <= 'Z'; m++) j--;
      j--;
    }
    else if (j >= 0 && (fin(&ps->c[j]) == '+' || minus_cp(fin(&ps->c[j]))) &&
             ps->c[j + 1].off == sp->start && is_digit(ps, j + 1))
      j--; /* a signed figure: -0.5～+0.5mm. (F19) */
    if (j >= 0 && (ps->c[j].cls == C_SPACE || gone(&ps->c[j]))) j = prev_ns(ps, j);
    /* or after a figure, or a currency sign, after Chinese text: 420 μmol/L. $82.40. ×10⁹/L. */
    return j >= 0 && (cjk_side(ps, j) || figure_before(ps, j)) && (r < 0 || cjk_side(ps, r));
  }
  /* Markdown emphasis that closes right after Chinese text: **加粗**的文字,*斜体*. (probe 19
   * R15; *args. and a*b. are decided below) */
  if ((lc->cp == '*' || lc->cp == '_') && l + 1 == k && emphasis_after_cjk(ps, l)) return true;
  /* a currency sign written after the amount, after Chinese text: 营收达12亿€. 合约14亿£.
   * 售价35$. (probe 12b B19; before the amount, €413亿. and £35., it was a stop already) */
  if (currency_cp(lc->cp) && l > 0) {
    long j = l - 1;
    uint32_t m = cell_cp(ps, &ps->c[j]);
    if (m == 0x4E07 || m == 0x4EBF || m == 0x842C || m == 0x5104) j--; /* 万 亿 萬 億 */
    if (j >= 0 && ps->c[j].cls == C_DIGIT) {
      while (j >= 0 && l - j < 40 && (ps->c[j].cls == C_DIGIT || ps->c[j].cp == '.' || ps->c[j].cp == ','))
        j--;
      return j >= 0 && ps->c[j + 1].cls == C_DIGIT && cjk_side(ps, j) && (r < 0 || cjk_side(ps, r));
    }
  }
  int measure = measure_before(ps, l);
  if (measure) return lc->cls == C_DIGIT ? r < 0 : true;
  if (unit_sign(lc->cp)) { /* 最高气温15℃. 面积为120㎡. 降幅为3‰. */
    long j = l - 1;
    /* a rate's denominator after a unit of Han: 单价约2.96万元/㎡. (probe 23 L3) */
    if (j >= 1 && ps->c[j].cp == '/' && ps->c[j - 1].cls == C_HAN) return r < 0 || cjk_side(ps, r);
    while (j >= 0 && l - j < 40 && ((ps->c[j].cp >= '0' && ps->c[j].cp <= '9') ||
                                   ps->c[j].cp == '.' || ps->c[j].cp == ','))
      j--;
    return j < l - 1 && ps->c[l - 1].cp >= '0' && ps->c[l - 1].cp <= '9' && j >= 0 &&
           cjk_side(ps, j);
  }
  /* the number stage, after this one, makes ％ and a ． between digits ASCII: the test sees
   * them so, or the second run would find a full stop the first left (probe D15: 增长90％.) */
  if (lc->cp >= 0x80 && lc->cp != 0xFF05 && !pinyin_cp(lc->cp)) return false;
  /* an ASCII word or number embedded in Chinese text (a word of pinyin with its tone marks too:
   * 读音是xíng., 不是yí.: probe 22 M2) */
  long j = l;
  /* (by what the cells become: a ～ decided before stops the run, as on a second run) */
  while (j >= 0 && l - j < 40 &&
         (ascii_fin(ps, j) || (j == l && lc->cp == 0xFF05) || pinyin_cp(ps->c[j].cp)))
    j--;
  /* an amount after its currency sign (约合€50.随后, 每桶$50.黄金: probe 10a F12) */
  bool money = j >= 0 && currency_cp(ps->c[j].cp) && ps->c[j].cp >= 0x80;
  for (long q = j + 1; q < l && !money && q - j <= 4; q++) money = ps->c[q].cp == '$'; /* HK$50.随后 */
  if (j >= 0 && currency_cp(ps->c[j].cp) && ps->c[j].cp >= 0x80) j--;
  /* a name and its number ending the paragraph: 支持Wi-Fi 6., 他买了iPhone 16. (probe 11a F24) */
  if (lc->cls == C_DIGIT && r < 0 && j > 0 && ps->c[j].cp == ' ' && ps->c[j - 1].cls == C_LATIN &&
      ps->c[j - 1].cp < 0x80) {
    long w = j - 1;
    while (w >= 0 && j - w < 40 && ascii_fin(ps, w)) w--;
    /* white space after a full-width mark goes in this run (5G、 Wi-Fi 6., （正版） Windows 11.):
     * the test sees the mark touching the word, as the second run would (review 11 C13) */
    if (w >= 0 && (ps->c[w].cls == C_SPACE || gone(&ps->c[w])) && !(ps->c[w].flags & F_PROT)) {
      long p = prev_ns(ps, w);
      uint32_t fp = p >= 0 ? fin(&ps->c[p]) : 0;
      if (p >= 0 && qg_cp_is_cjk_punct(fp) && !ambiguous_width(fp)) w = p;
    }
    if (w >= 0 && ps->c[w].cls != C_SPACE && cjk_side(ps, w)) return true;
  }
  /* the word's first cell, before the white space between it and the Chinese text (the
   * abbreviation test reads the word alone: 他见到了 Mr.王先生 made Mr。, and 北京·……　Mr.年 did
   * on a second run, when …… had become a CJK mark: probe 19 R16) */
  long w0 = j + 1;
  if (j >= 0 && (ps->c[j].cls == C_SPACE || gone(&ps->c[j]))) j = prev_ns(ps, j);
  if (j < 0 || !cjk_side(ps, j)) return false;
  if (lc->cls == C_DIGIT) return r < 0 || money;
  for (long q = w0; q <= l; q++)
    if (ps->c[q].cp == '.' && lc->cls == C_LATIN) return false;
  /* an item label: one letter after a space or at the start, the dot right before Chinese
   * text (A.甲 B.乙 C.丙 D.丁, 选择题：A.正确 B.错误; probe 8 E7) */
  if (lc->cls == C_LATIN && l == k - 1 && r == k + 1 && (l == 0 || ps->c[l - 1].cls == C_SPACE) &&
      ps->c[r].cls == C_HAN)
    return false;
  /* a one-letter word ends the paragraph: nothing follows for it to be an initial of (答案是B和C.) */
  /* (or set off by white space from the Chinese text: 事件的 A. 注意, 接近 S.因为 — a word, no
   * initial, which touches what it abbreviates: 维生素C.然后) */
  if (lc->cls == C_LATIN && w0 == l && (r < 0 || (w0 > 0 && ps->c[w0 - 1].cls == C_SPACE)))
    return !(l == k - 1 && r > k + 1 && spaced_option(ps, l));
  if (lc->cls == C_LATIN && w0 == l && answer_letter(ps, l)) return true;
  if (lc->cls == C_LATIN) return !abbreviation(ps, w0, l);
  return lc->cp == '%' || lc->cp == 0xFF05;
}

/* Is cell l the end of an ASCII word, number or protected token that follows Chinese text
 * directly (使用Python, 比分是2:1)? */
static bool embedded(const punct_stage *ps, long l) {
  if (l < 0 || ps->c[l].cp >= 0x80) return false;
  if (ps->c[l].flags & F_PROT) {
    const qg_span *sp = span_at(&ps->spans, ps->c[l].off);
    if (!sp || (sp->kind == QG_SPAN_LATIN && !latin_name_before(ps, sp, l, l + 1))) return false;
    if (sp->kind == QG_SPAN_LATIN) { /* a name of several words: Chinese before its start */
      long j = l;
      while (j >= 0 && ps->c[j].off >= sp->start) j--;
      if (j >= 0 && ps->c[j].cls == C_SPACE) j = prev_ns(ps, j);
      return j >= 0 && cjk_side(ps, j);
    }
  }
  long j = l;
  while (j >= 0 && l - j < 64 && fin(&ps->c[j]) > 0x20 && fin(&ps->c[j]) < 0x7F) j--;
  if (l - j >= 64) return false;
  /* an amount after a currency sign that is no ASCII: 到手价¥99.9! (probe 22 M7) */
  if (j >= 0 && j < l && ps->c[j + 1].cls == C_DIGIT && ps->c[j].cp >= 0x80 && currency_cp(ps->c[j].cp))
    j--;
  if (j >= 0 && (ps->c[j].cls == C_SPACE || gone(&ps->c[j]))) j = prev_ns(ps, j);
  return j >= 0 && cjk_side(ps, j);
}

/* A dot at cell j that run_of would count. */
static bool run_dot(const punct_stage *ps, long j) {
  return j >= 0 && j < (long)ps->nc && ps->c[j].cp == '.' && !(ps->c[j].flags & F_PROT) &&
         ps->c[j].act == A_NONE;
}

/* An emoji or a part of one (skin tone, flag letter, variation selector, joiner, keycap). */
static bool emoji_cp(uint32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || c == 0xFE0F ||
         c == 0x200D || c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F) || c == 0x2B50 ||
         c == 0x2B55 || (c >= 0x2300 && c <= 0x23FF);
}

/* Cell l ends a run of emoji that follows Chinese text directly (加油🇨🇳🇨🇳!: probe 11a F28): a
 * mark after it is in Chinese context, as after the Han character before the run. */
static bool emoji_after_cjk(const punct_stage *ps, long l) {
  long j = l;
  while (j >= 0 && l - j < 24 && ps->c[j].cls != C_SPACE && emoji_cp(ps->c[j].cp)) j--;
  return j < l && j >= 0 && cjk_side(ps, j);
}

/* The comma at k ends an English quotation cut by a speech tag: “Hello,”他笑着说，“how are you?”
 * (probe 12b B13). Right after a Latin word and right before the closing quote, back to an
 * opening quote only Latin words, digits, apostrophes, single spaces and , ; : before a space:
 * the comma is the English
 * sentence's, which goes on after the tag (rules.md: an English sentence keeps its own
 * punctuation, even inside Chinese quotes). */
static bool english_quote_comma(const punct_stage *ps, long k) {
  if (k < 2 || k + 1 >= (long)ps->nc || ps->c[k - 1].cls != C_LATIN) return false;
  uint32_t q = ps->c[k + 1].cp; /* ” " ’ 」 』: a nested quotation too (review 12 R7) */
  if (q != 0x201D && q != '"' && q != 0x2019 && q != 0x300D && q != 0x300F) return false;
  for (long j = k - 1, len = 0; j >= 0 && len < 80; j--, len++) {
    const cell *x = &ps->c[j];
    if (x->cls == C_LATIN || x->cls == C_DIGIT || x->cp == '\'' || x->cp == 0x2019) continue;
    if (x->cp == ' ' && ps->c[j + 1].cls != C_SPACE) continue;
    if ((x->cp == ',' || x->cp == ';' || x->cp == ':') && ps->c[j + 1].cp == ' ') continue;
    return (x->cp == 0x201C || x->cp == '"' || x->cp == 0x2018 || x->cp == 0x300C ||
            x->cp == 0x300E) &&
           j + 1 < k && ps->c[j + 1].cls == C_LATIN;
  }
  return false;
}

/* The comma at k parts a Latin name from its years in a gloss whose brackets became full-width:
 * 萨特(Jean-Paul Sartre,1905-1980) → 萨特（Jean-Paul Sartre，1905—1980） (probe 12b B24): the
 * gloss's comma is Chinese, as its brackets and its span of years are. */
static bool gloss_comma(const punct_stage *ps, long k) {
  long nc = (long)ps->nc;
  if (k < 1 || k + 6 >= nc || ps->c[k - 1].cls != C_LATIN) return false;
  for (long j = k + 1; j <= k + 4; j++)
    if (ps->c[j].cls != C_DIGIT) return false;
  long j = k + 5;
  uint32_t d = ps->c[j].cp;
  if (d != '-' && d != 0x2014 && d != 0x2013) return false;
  j++;
  if (j < nc && ps->c[j].cls == C_DIGIT) {
    for (long q = j; q < j + 4; q++)
      if (q >= nc || ps->c[q].cls != C_DIGIT) return false;
    j += 4;
  }
  return j < nc && fin(&ps->c[j]) == 0xFF09;
}

/* The colon at k follows a circled number (① … ⑳, ⑴ … ⒇, ⒈ … ⒛) that starts the text or
 * follows Chinese, and a digit or Han follows it: the number's label colon in Chinese text. */
static bool circled_colon(const punct_stage *ps, long k) {
  if (k < 1 || k + 1 >= (long)ps->nc) return false;
  uint32_t m = ps->c[k - 1].cp;
  if (m < 0x2460 || m > 0x249B) return false;
  long p = prev_ns(ps, k - 1);
  const cell *x = &ps->c[k + 1];
  return (p < 0 || cjk_side(ps, p)) && (x->cls == C_DIGIT || x->cls == C_HAN);
}

/* The colon at k is the ratio sign between two terms written in Han, 甲:乙=3:2, 男生人数:女生人数=4:5,
 * 甲:乙:丙=2:3:4 (probe 22 H15; GB 3102.11's 比号, not GB/T 15834's 冒号): Han right before it,
 * Han terms (one to eight characters each) joined by colons after it, then = and figures joined
 * by colons. Left as typed. */
static bool ratio_colon(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, j = k;
  if (k < 1 || ps->c[k - 1].cls != C_HAN) return false;
  int terms = 1; /* the terms before the colon, and those after it below */
  for (long h = k - 1; terms < 4;) {
    long e = h;
    while (h >= 0 && ps->c[h].cls == C_HAN && e - h < 8) h--;
    if (h >= 0 && ps->c[h].cls == C_HAN) return false;
    if (h < 1 || (ps->c[h].cp != ':' && ps->c[h].cp != 0x2236) || ps->c[h - 1].cls != C_HAN) break;
    h--, terms++;
  }
  while (j < nc && (ps->c[j].cp == ':' || ps->c[j].cp == 0x2236) && terms < 6) {
    long h = j + 1;
    while (h < nc && ps->c[h].cls == C_HAN && h - j <= 8) h++;
    if (h == j + 1 || (h < nc && ps->c[h].cls == C_HAN)) return false;
    j = h, terms++;
  }
  if (j >= nc || (ps->c[j].cp != '=' && ps->c[j].cp != 0xFF1D)) return false;
  int figures = 0;
  for (j++; j < nc && ps->c[j].cls == C_DIGIT; figures++) {
    while (j < nc && (ps->c[j].cls == C_DIGIT || ps->c[j].cp == '.')) j++;
    if (j + 1 < nc && (ps->c[j].cp == ':' || ps->c[j].cp == 0x2236 || ps->c[j].cp == 0xFF1A) &&
        ps->c[j + 1].cls == C_DIGIT)
      j++;
    else {
      figures++;
      break;
    }
  }
  return figures == terms;
}

/* The digits that end at cell e (backwards) or start at cell s: their count. */
static long digits_back(const punct_stage *ps, long e) {
  long j = e;
  while (j >= 0 && ps->c[j].cls == C_DIGIT) j--;
  return e - j;
}
static long digits_fwd(const punct_stage *ps, long s) {
  long j = s;
  while (j < (long)ps->nc && ps->c[j].cls == C_DIGIT) j++;
  return j - s;
}

/* A character that counts or orders what 第 and a list of numbers name: 第3,5,7题. */
static bool ordinal_label(uint32_t c) {
  static const uint32_t set[] = {0x9898 /*题*/, 0x984C /*題*/, 0x6761 /*条*/, 0x689D /*條*/,
                                 0x6B3E /*款*/, 0x7AE0 /*章*/, 0x8282 /*节*/, 0x7BC0 /*節*/,
                                 0x9875 /*页*/, 0x9801 /*頁*/, 0x9879 /*项*/, 0x9805 /*項*/,
                                 0x540D /*名*/, 0x53F7 /*号*/, 0x865F /*號*/, 0x5C4A /*届*/,
                                 0x5C46 /*屆*/, 0x6B21 /*次*/, 0x671F /*期*/, 0x5377 /*卷*/,
                                 0x8BFE /*课*/, 0x8AB2 /*課*/, 0x518C /*册*/, 0x518A /*冊*/,
                                 0x96C6 /*集*/, 0x56DE /*回*/, 0x6BB5 /*段*/, 0x884C /*行*/,
                                 0x53E5 /*句*/, 0x5217 /*列*/, 0x7EC4 /*组*/, 0x7D44 /*組*/,
                                 0x7BC7 /*篇*/, 0x5F20 /*张*/, 0x5F35 /*張*/, 0x4E2A /*个*/,
                                 0x500B /*個*/, 0x5C0F /*小*/, 0x90E8 /*部*/, 0x8F6E /*轮*/,
                                 0x8F2A /*輪*/, 0x573A /*场*/, 0x5834 /*場*/};
  for (size_t q = 0; q < sizeof set / sizeof *set; q++)
    if (c == set[q]) return true;
  return false;
}

/* The comma at k, between digits, parts the numbers of a list after 第: 第3,5,7题, 第2,4小题
 * (probe 22 L4; GB/T 15834 4.5: 、 between coordinate items). From 第 to a label character
 * (题 条 章 页 …) only numbers of one to three digits and commas. */
static bool ordinal_list_comma(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, j = k;
  while (j >= 0 && (ps->c[j].cls == C_DIGIT || ps->c[j].cp == ',') && k - j < 40) j--;
  if (j < 0 || ps->c[j].cls != C_HAN || cell_cp(ps, &ps->c[j]) != 0x7B2C /*第*/) return false;
  long e = k;
  while (e < nc && (ps->c[e].cls == C_DIGIT || ps->c[e].cp == ',') && e - k < 40) e++;
  if (e >= nc || ps->c[e].cls != C_HAN || !ordinal_label(cell_cp(ps, &ps->c[e]))) return false;
  for (long q = j + 1; q < e; q++) {
    if (ps->c[q].flags & F_PROT) return false;
    if (ps->c[q].cp == ',' && (digits_back(ps, q - 1) < 1 || digits_back(ps, q - 1) > 3 ||
                               digits_fwd(ps, q + 1) < 1 || digits_fwd(ps, q + 1) > 3))
      return false;
  }
  return true;
}

/* The comma at k, between digits, parts two clauses: 验证码为836152,5分钟内有效, 买2送1,2件8折,
 * 面积90㎡,2室1厅 (probe 22 M3). It groups nothing (no three digits after it: the protected
 * spans took 1,258,000 and 3,456.78), no other number joins the two (no . , : - / before the
 * first or after the second), Han follows the second; and the first is a long number (five
 * digits or more: a code, an amount, not an item of a list) or a unit sign after a figure (㎡
 * ㎏ ℃ …), or it ends a clause of its own after Han (another figure in the run of Han and digits
 * before it: 买2送1; not after 第 or a word that joins items, 和 与 及 或 至 到 跟 同). Not a first
 * number that starts with 0 (0,5: a decimal comma; 000,1). 1,2号楼, 第3,5题, 位于3,4号楼之间,
 * 2和1,3号楼, (3,4) are lists and keep the comma. After a clock time (7:30,2026南江马拉松) the
 * comma parts clauses too. */
/* Whether the cells ending at l are a clock time, h:mm or h:mm:ss (hours to 24, minutes and
 * seconds of two digits to 59), after no digit, point, comma, colon or letter (v2:30). */
static bool clock_ends(const punct_stage *ps, long l) {
  for (int g = 0; g < 3; g++) {
    long a = digits_back(ps, l);
    if (a < 1 || a > 2) return false;
    unsigned v = 0;
    for (long q = l - a + 1; q <= l; q++) v = v * 10 + (unsigned)(ps->c[q].cp - '0');
    long p = l - a;
    if (g && (p < 0 || ps->c[p].cp != ':')) /* the hours */
      return v <= 24 && !(p >= 0 && (ps->c[p].cp == '.' || ps->c[p].cp == ',' || ps->c[p].cls == C_LATIN));
    if (a != 2 || v > 59 || p < 1 || ps->c[p].cp != ':') return false;
    l = p - 1;
  }
  return false;
}

static bool clause_comma_digits(const punct_stage *ps, long k) {
  long nc = (long)ps->nc;
  if (k < 1 || k + 2 >= nc || ps->c[k + 1].cls != C_DIGIT) return false;
  long b = digits_fwd(ps, k + 1), e = k + 1 + b;
  if (b == 3 || e >= nc || ps->c[e].cls != C_HAN) return false;
  uint32_t u = ps->c[k - 1].cp;
  if (u >= 0x3380 && u <= 0x33DF) /* ㎡ ㎏ ㎞ ㏄: a squared unit after its figure */
    return k >= 2 && ps->c[k - 2].cls == C_DIGIT;
  if (u == 0x2103 && k >= 2 && ps->c[k - 2].cls == C_DIGIT) return true; /* ℃ */
  long a = digits_back(ps, k - 1);
  if (!a) return false;
  long p = k - 1 - a;
  /* a clock time before it (3月9日7:30,2026南江马拉松: probe 25 M7): no number goes on after a
   * time's minutes (a group of three digits after it, 1:10,000, is a scale's, protected) */
  if (p >= 0 && ps->c[p].cp == ':' && clock_ends(ps, k - 1)) return true;
  if (p >= 0 && (ps->c[p].cp == '.' || ps->c[p].cp == ',' || ps->c[p].cp == ':' ||
                 ps->c[p].cp == '-' || ps->c[p].cp == '/'))
    return false;
  if (ps->c[k - a].cp == '0') return false; /* 0,5 and 000,1: a decimal comma, a code */
  if (a >= 5) return true;
  if (p < 0 || ps->c[p].cls != C_HAN) return false;
  /* (not after 第 or a word that joins items: 第3,5题, 3和1,2号楼) */
  uint32_t h = cell_cp(ps, &ps->c[p]);
  if (h == 0x7B2C /*第*/ || h == 0x548C /*和*/ || h == 0x4E0E /*与*/ || h == 0x8207 /*與*/ ||
      h == 0x53CA /*及*/ || h == 0x6216 /*或*/ || h == 0x81F3 /*至*/ || h == 0x5230 /*到*/ ||
      h == 0x8DDF /*跟*/ || h == 0x540C /*同*/)
    return false;
  for (long q = p - 1; q >= 0 && p - q < 12; q--) {
    if (ps->c[q].cls == C_DIGIT) return true;
    if (ps->c[q].cls != C_HAN) break;
  }
  return false;
}

/* The semicolon at k parts two ASCII tokens that each touch Chinese text, the first after it
 * and the second before it: 提升约18%;3DMark分数为 (probe 27 M8; GB/T 15834: ; in Han context is
 * ；; the second may be a name of several words, 3DMark Time Spy显卡). No white space around
 * it, the first token holds a figure (the clause it ends is a
 * measure's), and neither token holds a sign of code (: = ( ) { } < > ; , quotes), so
 * color:red;font-size:12px即可 and 分号a;b stay as written. A semicolon never joins the
 * parts of a number, version or identifier. */
static bool code_sign(uint32_t x) {
  return x == ':' || x == '=' || x == '(' || x == ')' || x == '{' || x == '}' || x == '<' ||
         x == '>' || x == ';' || x == ',' || x == '"' || x == '\'' || x == '[' || x == ']';
}
static bool semicolon_between_tokens(const punct_stage *ps, long k) {
  long nc = (long)ps->nc, j = k - 1, e = k + 1;
  bool digit = false;
  if (k < 1 || e >= nc) return false;
  while (j >= 0 && k - j <= 32 && ps->c[j].cp > 0x20 && ps->c[j].cp < 0x7F) {
    if (code_sign(ps->c[j].cp)) return false;
    digit |= ps->c[j].cls == C_DIGIT;
    j--;
  }
  if (!digit || j == k - 1 || j < 0 || ps->c[j].cls != C_HAN) return false;
  /* (a name of several words after it: 约18%;3DMark Time Spy显卡分数) */
  while (e < nc && e - k <= 32 &&
         ((ps->c[e].cp > 0x20 && ps->c[e].cp < 0x7F) ||
          (ps->c[e].cp == ' ' && e > k + 1 && ps->c[e - 1].cp != ' '))) {
    if (code_sign(ps->c[e].cp)) return false;
    e++;
  }
  if (e <= k + 1 || e >= nc || ps->c[e].cls != C_HAN || ps->c[e - 1].cp == ' ') return false;
  /* not a command after a figure (输入1;exit退出: a word of small letters only, what is typed)
   * nor a list of ordinals (第2;3章: figures only on both sides after 第, a list's 、 at most;
   * review 28b; 星期5;4个不摘 takes ；) */
  bool small = true, figs = true;
  for (long i = k + 1; i < e; i++) {
    uint32_t x = ps->c[i].cp;
    small &= x >= 'a' && x <= 'z';
    figs &= ps->c[i].cls == C_DIGIT;
  }
  for (long i = j + 1; i < k; i++) figs &= ps->c[i].cls == C_DIGIT;
  figs &= cell_cp(ps, &ps->c[j]) == 0x7B2C; /* 第 */
  return !small && !figs;
}

/* back: from the last mark to the first. A mark's width follows a neighbour's decision, so a
 * run decided from its right end (ing?????’当: the last ? touches Chinese) is decided in one
 * pass the other way; the rounds in punct_push alternate. */
static void pass_width(punct_stage *ps, bool back) {
  if (ps->english) return; /* (an English paragraph: latin_marks) */
  for (size_t y = 0; y < ps->nnw; y++) {
    size_t x = back ? ps->nnw - 1 - y : y;
    long k = ps->nw[x];
    cell *c = &ps->c[k];
    if (c->cp >= 0x80 || c->flags & F_PROT || c->act != A_NONE) continue;
    uint32_t to = 0;
    switch (c->cp) {
    case ',':
      /* (the tests look at the cells around first: most commas have neither neighbour) */
      if (k + 1 < (long)ps->nc && (ps->c[k + 1].cp == 0x201D || ps->c[k + 1].cp == '"' ||
                                   ps->c[k + 1].cp == 0x2019 || ps->c[k + 1].cp == 0x300D ||
                                   ps->c[k + 1].cp == 0x300F) &&
          english_quote_comma(ps, k))
        continue;
      if (k + 1 < (long)ps->nc && ps->c[k + 1].cls == C_DIGIT) {
        if (gloss_comma(ps, k) || clause_comma_digits(ps, k)) {
          set_cp(ps, c, 0xFF0C, R_WIDTH);
          continue;
        }
        if (k >= 1 && ps->c[k - 1].cls == C_DIGIT && ordinal_list_comma(ps, k)) {
          set_cp(ps, c, 0x3001, R_WIDTH); /* 第3、5、7题 */
          continue;
        }
      }
      to = kana_corner(ps, k) ? 0x3001 : 0xFF0C; /* 「すみません、…」 (probe 23 L5) */
      break;
    case ';':
      if (semicolon_between_tokens(ps, k)) { /* 约18%;3DMark分数 (probe 27 M8) */
        set_cp(ps, c, 0xFF1B, R_WIDTH);
        continue;
      }
      to = 0xFF1B;
      break;
    case ':':
      /* a circled number's colon in Chinese text (其中①:11名学生获奖, 图①:11月30日): no
       * figure's colon, ① being no digit of a time or ratio (1:2 stays: probe 17 P17) */
      if (circled_colon(ps, k)) {
        set_cp(ps, c, 0xFF1A, R_WIDTH);
        continue;
      }
      if (ratio_colon(ps, k)) continue; /* 甲:乙=3:2 (probe 22 H15) */
      to = 0xFF1A;
      break;
    case '!': to = 0xFF01; break;
    case '?': to = 0xFF1F; break;
    case '.':
      /* a dot of a run is no full stop (the last one follows a dot, which full_stop refuses
       * too): its neighbours say so without measuring the run, so a line of dots is linear
       * (probe D5) */
      if (!run_dot(ps, k - 1) && !run_dot(ps, k + 1) && full_stop(ps, k)) set_cp(ps, c, 0x3002, R_STOP);
      continue;
    default: continue;
    }
    long l = prev_ns(ps, k);
    if (han_ctx(ps, k, k) || (next_ns(ps, k) < 0 && embedded(ps, l)) ||
        (l == k - 1 && l >= 0 && emoji_after_cjk(ps, l)) ||
        ((c->cp == '?' || c->cp == '!') && l >= 0 && curly(fin(&ps->c[l])) &&
         quoted_in_chinese(ps, l))) /* 你知道什么是“GDP”? */
      set_cp(ps, c, to, R_WIDTH);
  }
}

/* ---- D: doubled marks --------------------------------------------------------------------- */

/* (It walks nd: no decision makes any other mark one of ，。、；：！？, which pass_width makes
 * only of the ASCII marks of nw, so at the others of nm it did nothing.) */
static void pass_doubled(punct_stage *ps) {
  long resume = 0; /* cells before it were taken by the previous cell's run */
  for (size_t x = 0; x < ps->nnd; x++) {
    long k = ps->nd[x];
    if (k < resume) continue;
    cell *c = &ps->c[k];
    if (c->cls == C_HAN || c->flags & F_PROT || gone(c)) continue; /* Han: no mark */
    uint32_t f = fin(c);
    if (f == 0xFF0C || f == 0x3002 || f == 0x3001 || f == 0xFF1B || f == 0xFF1A) {
      long j = next_ns(ps, k);
      while (j >= 0 && !(ps->c[j].flags & F_PROT) && fin(&ps->c[j]) == f && ps->c[j].act != A_STR) {
        ps->c[j].act = A_DEL;
        ps->c[j].rule = R_DOUBLED;
        ps->c[j].flags &= (uint8_t)~F_CONT;
        j = next_ns(ps, j);
      }
    } else if (f == 0xFF01 || f == 0xFF1F) {
      /* white space between them goes (punct-space), so it does not end the run: ？ ？？？ is
       * four marks, as the second run sees them */
      long j = next_ns(ps, k), m = 1, last = k;
      while (j >= 0 && !(ps->c[j].flags & F_PROT) && fin(&ps->c[j]) == f) {
        if (++m > 3) {
          ps->c[j].act = A_DEL;
          ps->c[j].rule = R_DOUBLED;
          ps->c[j].flags &= (uint8_t)~F_CONT;
        }
        last = j;
        j = next_ns(ps, j);
      }
      k = last;
    }
    resume = k + 1;
  }
}

/* ---- E: spaces ---------------------------------------------------------------------------- */

/* prev_ns and past_quotes(., -1) for queries at nondecreasing cells, while only white space is
 * deleted (pass_spaces): each remembers its last answer, so a run of deleted marks or of curly
 * quotes is walked once, not once per space after it (probe D5: 好? ? ? …, 好" " " …) */
typedef struct ns_memo {
  long k, r; /* the last query and its answer */
} ns_memo;

static long prev_ns_m(const punct_stage *ps, long k, ns_memo *m) {
  long stop = m->k < k ? m->k : k, r = m->r;
  if (m->k > k) stop = 0, r = -1; /* out of order: no memo */
  for (long j = k - 1; j >= stop; j--)
    if (ps->c[j].cls != C_SPACE && !gone(&ps->c[j])) {
      r = j;
      break;
    }
  m->k = k;
  return m->r = r;
}
/* the answer for k is on the walk from a later query l when l's walk passed k: a curly quote
 * between the answer and l */
static long past_quotes_back_m(const punct_stage *ps, long l, ns_memo *m) {
  long j = l;
  while (j >= 0 && curly(fin(&ps->c[j]))) {
    if (j == m->k) {
      j = m->r;
      break;
    }
    j = prev_ns(ps, j);
  }
  m->k = l;
  return m->r = j;
}
/* next_ns and past_quotes(., 1) for nondecreasing queries: an answer holds for every query up
 * to it */
static long next_ns_m(const punct_stage *ps, long k, ns_memo *m) {
  if (m->k >= 0 && m->k <= k && (m->r < 0 || k < m->r)) return m->r;
  m->k = k;
  return m->r = next_ns(ps, k);
}
static long past_quotes_fwd_m(const punct_stage *ps, long r, ns_memo *m) {
  if (r < 0) return -1;
  if (m->k >= 0 && m->k <= r && (m->r < 0 || r <= m->r)) return m->r;
  m->k = r;
  return m->r = past_quotes(ps, r, 1);
}

static bool sentence_mark(uint32_t f) {
  return f == 0x3002 || f == 0xFF0C || f == 0xFF1B || f == 0xFF01 || f == 0xFF1F;
}
/* marks whose width depends on the font: keep a space between them and Latin text or digits */
static bool ambiguous_width(uint32_t f) {
  return f == 0x201C || f == 0x201D || f == 0x2018 || f == 0x2019 || f == 0xB7 || f == 0x2014 ||
         f == 0x2026;
}

/* A space that separates a name from its role in a credit: 记者 李明, 通讯员 赵玉洁, 孟素芬 摄. */
static bool credit_space(const punct_stage *ps, const char *t, long l, long r) {
#define ROLE(s) {s, sizeof s - 1}
  static const struct { const char *s; size_t len; } roles[] = {
      ROLE("记者"), ROLE("通讯员"), ROLE("实习生"), ROLE("摄影"), ROLE("编辑"), ROLE("责编"),
      ROLE("校对"), ROLE("作者"), ROLE("撰稿"), ROLE("記者"), ROLE("通訊員"), ROLE("實習生"),
      ROLE("攝影"), ROLE("編輯"), ROLE("責編"), ROLE("校對")};
#undef ROLE
  if ((cell_cp(ps, &ps->c[r]) == 0x6444 /*摄*/ || cell_cp(ps, &ps->c[r]) == 0x651D /*攝*/) &&
      (r + 1 == (long)ps->nc || !is_han(ps, r + 1)))
    return true;
  /* most spaces follow no role: its last character first (l is Han: credit_space is asked
   * between two Han characters; the last characters of roles[], kept with it) */
  switch (cell_cp(ps, &ps->c[l])) {
  case 0x8005 /*者*/: case 0x5458 /*员*/: case 0x54E1 /*員*/: case 0x751F /*生*/:
  case 0x5F71 /*影*/: case 0x8F91 /*辑*/: case 0x8F2F /*輯*/: case 0x7F16 /*编*/:
  case 0x7DE8 /*編*/: case 0x5BF9 /*对*/: case 0x5C0D /*對*/: case 0x7A3F /*稿*/:
    break;
  default: return false;
  }
  size_t end = ps->c[l].off + ps->c[l].len;
  for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
    size_t rl = roles[i].len;
    if (end >= rl && t[end - 1] == roles[i].s[rl - 1] && !memcmp(t + end - rl, roles[i].s, rl))
      return true;
  }
  return false;
}

/* Without a dateline marked by the structure stage, a paragraph that opens with a short run of
 * text ending in 讯 or 电 (本报讯, 新华社北京12月1日电) and then white space is taken to open
 * with a dateline: the offset of that white space, else 0. */
static size_t guess_dateline(const punct_stage *ps) {
  /* (over the marks and white space: a cell of text neither is white space nor becomes a
   * sentence mark) */
  for (size_t x = 0; x < ps->nnms && ps->nms[x] <= 30; x++) {
    size_t k = ps->nms[x];
    const cell *c = &ps->c[k];
    if (c->cls == C_SPACE)
      return k >= 3 && (cell_cp(ps, &ps->c[k - 1]) == 0x8BAF /*讯*/ ||
                        cell_cp(ps, &ps->c[k - 1]) == 0x7535 /*电*/ ||
                        cell_cp(ps, &ps->c[k - 1]) == 0x8A0A /*訊*/ ||
                        cell_cp(ps, &ps->c[k - 1]) == 0x96FB /*電*/)
                 ? c->off
                 : 0;
    /* (a mark as it ends up: an ASCII colon the width rule makes ： counts as the second run
     * sees it, 条件:本报讯 前三季度: probe 10a F22) */
    if (sentence_mark(fin(c)) || c->cls == C_CJKP || (c->act == A_CP && qg_cp_is_cjk_punct(fin(c))))
      return 0;
  }
  return 0;
}

/* The Han characters of the item that ends at cell at (dir -1) or starts there (dir 1), at most
 * 8 counted, and in *past the cell past it: the run of Han cells up to anything else. */
static long han_item(const punct_stage *ps, long at, int dir, long *past) {
  long n = 0, j = at;
  while (j >= 0 && j < (long)ps->nc && ps->c[j].cls == C_HAN && n < 8) j += dir, n++;
  *past = j;
  return n;
}

/* Whether the space between Han cells l and r separates the items of a list of names or short
 * terms after a colon (出席会议的领导有：王刚 李明 张伟, 主演：周迅 黄晓明 刘亦菲, 获奖名单如下：一等奖
 * 王刚 二等奖 李明; probe 8 E19): every item has 2-4 characters, one space between two, three
 * items or more, and the first follows a colon. A space between longer runs (OCR spacing in
 * prose: 大家都很关心 这个问题) or without the colon is no list. */
static bool titled_name(const punct_stage *ps, const char *t, long a, long len);

/* Leftwards from cell l: items of 2-4 Han characters (titled: up to 7, a title before a name)
 * one space apart, back to a colon: false when another cell comes first; *items counts them,
 * *past is the colon's cell. */
static bool items_after_colon(const punct_stage *ps, const char *t, long l, bool titled,
                              long *items, long *past) {
  long at = l, n;
  for (;;) {
    n = han_item(ps, at, -1, past);
    if (n < 2 || (n > 4 && !(titled && n <= 7 && titled_name(ps, t, *past + 1, n)))) return false;
    ++*items;
    if (*past < 0) return false;
    uint32_t c = fin(&ps->c[*past]);
    if (c == 0xFF1A || c == ':') return true;
    if (ps->c[*past].cls != C_SPACE || *past == 0 || *items > 64) return false;
    at = *past - 1;
  }
}

static bool name_list(const punct_stage *ps, long l, long r) {
  long past, items = 0, n;
  /* leftwards from l: items back to the one after the colon */
  if (!items_after_colon(ps, ps->t, l, false, &items, &past)) return false;
  /* rightwards from r */
  long at = r;
  for (;;) {
    n = han_item(ps, at, 1, &past);
    if (n < 2 || n > 4) break;
    items++;
    if (items >= 3) return true;
    if (past >= (long)ps->nc || ps->c[past].cls != C_SPACE) break;
    at = past + 1;
  }
  return items >= 3;
}

/* White space that separates the phrases of a headline or the cells of a table row next to a
 * quotation or book-title mark (“稳”字当头 “进”字为先, 聚焦“两会” 共话发展; probe 9a F26): in a
 * block that is no body text (a title, kicker, subhead, byline …), white space after a closing mark
 * before text or an opening mark, and before an opening mark after text or a closing mark, is
 * kept like a space between Han characters there. Inside the marks (“ 稳”) it still goes. */
static bool phrase_open(uint32_t f) { return f == 0x201C || f == 0x2018 || f == 0x300A; }
static bool phrase_close(uint32_t f) { return f == 0x201D || f == 0x2019 || f == 0x300B; }
static bool phrase_space(const punct_stage *ps, long l, long r, uint32_t fl, uint32_t fr) {
  if (l < 0 || r < 0) return false;
  uint8_t cl = ps->c[l].cls, cr = ps->c[r].cls;
  bool text_l = cl == C_HAN || cl == C_LATIN || cl == C_DIGIT;
  bool text_r = cr == C_HAN || cr == C_LATIN || cr == C_DIGIT;
  return (phrase_close(fl) && (text_r || phrase_open(fr))) ||
         (phrase_open(fr) && (text_l || phrase_close(fl)));
}

/* The white space at cell k ends the label of an article, chapter or section that opens the block
 * (第一条　为了…, 第5条 本条例…, 第一章　总　则): it separates the label from its text, as laws
 * are printed, and is kept (probe 9a F3). */
static bool label_space(const punct_stage *ps, long k) {
  if (k < 3 || k > 12 || cell_cp(ps, &ps->c[0]) != 0x7B2C /*第*/) return false;
  /* (an article inserted by an amendment: 第一百零五条之一 【非法经营罪】; session 21, probe 20 L5) */
  if (k >= 5 && cell_cp(ps, &ps->c[k - 2]) == 0x4E4B /*之*/ && cn_numeral_cp(cell_cp(ps, &ps->c[k - 1])))
    k -= 2;
  if (k > 9) return false;
  uint32_t e = cell_cp(ps, &ps->c[k - 1]);
  if (e != 0x6761 /*条*/ && e != 0x7AE0 /*章*/ && e != 0x8282 /*节*/ && e != 0x7F16 /*编*/ &&
      e != 0x6B3E /*款*/)
    return false;
  for (long j = 1; j < k - 1; j++) {
    uint32_t d = cell_cp(ps, &ps->c[j]);
    if (!(ps->c[j].cls == C_DIGIT ||
          (numeral_cp(d) && d != 0x65E5 /*日*/ && d != 0x5929 /*天*/ && d != 0x4E24 /*两*/) ||
          d == 0x767E /*百*/ || d == 0x5343 /*千*/))
      return false;
  }
  return true;
}

/* The white space between Han cells l and r separates a rank and the name it is given to in a
 * results list (第一名　张浩然（浙江）1分45秒21；第二名　李子墨…, 冠军　浙江队, 一等奖　王刚): a rank
 * word ends at l (第, numerals and 名; 冠军 亚军 季军; 金牌 银牌 铜牌; 特等奖 or a numeral and 等奖)
 * and opens its item (the block's start, white space, a clause or sentence mark before it), and
 * two to six Han characters from r run up to what is no Han (a bracket, a figure, a mark, white
 * space, the end): a field and its value, kept as label_space keeps 第一条　(probe 47 M1: the
 * space went, 第一名张浩然). Prose has no rank at an item's start with a space after it
 * (获得第一名 的选手: 得 before it). */
static bool rank_item(const punct_stage *ps, long l, long r, long *start, long *end) {
  uint32_t e = cell_cp(ps, &ps->c[l]);
  if (e != 0x540D && e != 0x519B && e != 0x724C && e != 0x5956) return false; /* 名 军 牌 奖 */
  uint32_t d = is_han(ps, l - 1) ? cell_cp(ps, &ps->c[l - 1]) : 0;
  long s = l - 1;
  if (e == 0x540D /*名*/) {
    while (s >= 0 && l - s <= 4 &&
           (ps->c[s].cls == C_DIGIT || (is_han(ps, s) && cn_numeral_cp(cell_cp(ps, &ps->c[s])))))
      s--;
    if (s == l - 1 || !is_han(ps, s) || cell_cp(ps, &ps->c[s]) != 0x7B2C /*第*/) return false;
  } else if (e == 0x519B /*军*/) {
    if (d != 0x51A0 /*冠*/ && d != 0x4E9A /*亚*/ && d != 0x5B63 /*季*/) return false;
  } else if (e == 0x724C /*牌*/) {
    if (d != 0x91D1 /*金*/ && d != 0x94F6 /*银*/ && d != 0x94DC /*铜*/) return false;
  } else if (e == 0x5956 /*奖*/ && d == 0x7B49 /*等*/ && is_han(ps, l - 2)) {
    uint32_t g = cell_cp(ps, &ps->c[l - 2]);
    if (g != 0x7279 /*特*/ && !cn_numeral_cp(g)) return false;
    s = l - 2;
  } else
    return false;
  if (s > 0) {
    uint32_t f = fin(&ps->c[s - 1]);
    if (ps->c[s - 1].cls != C_SPACE && !clause_cp(f) && f != 0xFF1B) return false;
  }
  long j = r;
  while (j < (long)ps->nc && j - r < 7 && is_han(ps, j)) j++;
  *start = s, *end = j;
  return j - r >= 2 && j - r <= 6 && !is_han(ps, j);
}

/* Another rank item (rank_item) in the block within 64 cells of the one at l..r: a series of
 * ranks (冠军　北京队，亚军　上海队). */
static bool rank_series(const punct_stage *ps, long l, long r) {
  long lo = l > 64 ? l - 64 : 1, hi = r + 64 < (long)ps->nc ? r + 64 : (long)ps->nc - 1, s, j;
  for (long k = lo; k < hi; k++) {
    if (ps->c[k].cls != C_SPACE || k - 1 == l || !is_han(ps, k - 1)) continue;
    long m = k;
    while (m + 1 < (long)ps->nc && ps->c[m + 1].cls == C_SPACE) m++;
    if (is_han(ps, m + 1) && rank_item(ps, k - 1, m + 1, &s, &j)) return true;
    k = m;
  }
  return false;
}

/* (review 47 H2: the item after any clause mark fitted most clauses of sports prose, 金牌
 * 固然重要，… and 第一名 站在最高处，… kept their OCR spaces with no report.) The space is kept only
 * in a results list: the name ends as a row's cell does (a bracket, a figure, white space, the
 * block's end) in an item that opens the block (a line or paragraph of its own), or the item is
 * one of a series of ranks (rank_series) and its name ends so or at a list's mark (， 、 ； 。).
 * A name followed by more of a clause (固然重要，) in a lone item is prose: the space goes and is
 * reported, as on the base. */
static bool rank_space(const punct_stage *ps, long l, long r) {
  long s, j;
  if (!rank_item(ps, l, r, &s, &j)) return false;
  uint32_t f = 0;
  bool row_end = j >= (long)ps->nc || ps->c[j].cls == C_SPACE || ps->c[j].cls == C_DIGIT;
  if (!row_end) f = fin(&ps->c[j]), row_end = f == 0xFF08 || f == '(' || f == 0x3010 || f == 0x3014;
  if (row_end && s <= 0) return true;
  if (!row_end && f != 0xFF0C && f != 0x3001 && f != 0xFF1B && f != 0x3002) return false;
  return rank_series(ps, l, r);
}

/* A row of table cells in a block of any kind without sentence punctuation (项目 金额（亿元）
 * 同比（%）, 新增就业（万人）\t1.2\t12.0; probe 9a F4): three fields or more separated by white space, each
 * of at most ten characters, and no Latin letter (a cut line of prose with words and
 * brackets is no row). */
static bool row_space_as(const punct_stage *ps, long k, long m, long l, long r, uint32_t fl,
                         uint32_t fr, bool row);
/* Does the white space k..m of a row go (R_SPACE in pass_spaces): next to a CJK mark and not
 * kept as the row's column? */
static bool row_space_goes(const punct_stage *ps, long k, long m) {
  long l = prev_ns(ps, k), r = next_ns(ps, m);
  uint32_t fl = l >= 0 ? fin(&ps->c[l]) : 0, fr = r >= 0 ? fin(&ps->c[r]) : 0;
  if (row_space_as(ps, k, m, l, r, fl, fr, true)) return false;
  long lq = l < 0 ? -1 : past_quotes(ps, l, -1), rq = r < 0 ? -1 : past_quotes(ps, r, 1);
  bool latin_l = lq >= 0 && (ps->c[lq].cls == C_LATIN || ps->c[lq].cls == C_DIGIT);
  bool latin_r = rq >= 0 && (ps->c[rq].cls == C_LATIN || ps->c[rq].cls == C_DIGIT);
  return (fl && qg_cp_is_cjk_punct(fl) && (!ambiguous_width(fl) || !latin_r)) ||
         (fr && qg_cp_is_cjk_punct(fr) && (!ambiguous_width(fr) || !latin_l));
}
/* (white space that goes in this pass separates no fields: 发展年我们「【 今年 《“ was a row of
 * three, which kept the space before 《 until the space after 【 had gone, on a second run;
 * probe 19 R16) */
static bool row_like(const punct_stage *ps) {
  long fields = 0, len = 0;
  for (size_t k = 0; k < ps->nc; k++) {
    const cell *c = &ps->c[k];
    if (c->cls == C_LATIN) return false;
    if (c->cls == C_SPACE) {
      size_t m = k;
      while (m + 1 < ps->nc && ps->c[m + 1].cls == C_SPACE) m++;
      bool keep = true;
      for (size_t j = k; j <= m && keep; j++) keep = ps->c[j].act == A_NONE && !(ps->c[j].flags & F_PROT);
      if (keep && fields && m + 1 < ps->nc && !row_space_goes(ps, (long)k, (long)m)) len = 0;
      k = m;
      continue;
    }
    if (len++ == 0) fields++;
    if (len > 10) return false;
  }
  return fields >= 3;
}
/* White space k..m between the cells of such a row: a tab anywhere, or white space next to a
 * bracket outside it, or a quotation or book-title mark (phrase_space), is the column and
 * stays. */
static bool row_space(const punct_stage *ps, long k, long m, long l, long r, uint32_t fl,
                      uint32_t fr) {
  return row_space_as(ps, k, m, l, r, fl, fr, false);
}
/* (row: the block is taken for a row, as row_like asks) */
static bool row_space_as(const punct_stage *ps, long k, long m, long l, long r, uint32_t fl,
                         uint32_t fr, bool row) {
  for (long j = k; j <= m; j++)
    if (ps->c[j].cp == '\t') return true;
  bool open_r = fr == 0xFF08 || fr == 0x3010 || fr == 0x3014, close_l = fl == 0xFF09 || fl == 0x3011 || fl == 0x3015;
  uint8_t cl = l >= 0 ? ps->c[l].cls : C_OTHER, cr = r >= 0 ? ps->c[r].cls : C_OTHER;
  bool text_l = cl == C_HAN || cl == C_DIGIT, text_r = cr == C_HAN || cr == C_DIGIT;
  return (close_l && (text_r || open_r)) || (open_r && (text_l || close_l)) ||
         phrase_space(ps, l, r, fl, fr) ||
         (l == k - 1 && (row ? nil_dash_shape(ps, l) : nil_dash(ps, l))) ||
         (r == m + 1 && (row ? nil_dash_shape(ps, r) : nil_dash(ps, r)));
}

/* White space k..m is a gap of cells: two white-space characters or more, a tab or an
 * ideographic space (probe 42 M3: in a row of figures such a gap is the column, never a space
 * to remove beside a mark) */
static bool wide_gap(const punct_stage *ps, long k, long m) {
  if (m > k) return true;
  return ps->c[k].cp == '\t' || ps->c[k].cp == 0x3000;
}

/* The width of white space k..m in columns, up to 8: a space one, an ideographic space two; 0
 * with a tab (column_gaps). */
static int gap_width(const punct_stage *ps, long k, long m) {
  int w = 0;
  for (long j = k; j <= m && w < 8; j++) {
    uint32_t cp = ps->c[j].cp;
    if (cp == '\t') return 0; /* (a stray tab in a sentence goes: s19-left's TAB cases) */
    w += cp == 0x3000 ? 2 : 1;
  }
  return w;
}
static bool open_mark(uint32_t f) {
  return f == 0xFF08 || f == '(' || f == 0x3010 || f == 0x3014 || f == 0x300A || f == 0x201C ||
         f == 0x2018 || f == 0x300C || f == 0x300E;
}
static bool close_or_clause(uint32_t f) {
  return f == 0xFF0C || f == 0x3002 || f == 0x3001 || f == 0xFF1B || f == 0xFF1A || f == 0xFF01 ||
         f == 0xFF1F || f == 0xFF09 || f == ')' || f == 0x3011 || f == 0x3015 || f == 0x300B ||
         f == 0x201D || f == 0x2019 || f == 0x300D || f == 0x300F;
}
/* The fewest characters of a column's half: two columns read across put a gap each line's width
 * apart, one half's width after the text's start (column_gaps). */
#define QG_COLUMN_HALF 8
/* Two columns of a page read across (probe 42 M4, session 43): a PDF's text gives each line as the
 * left column's part, a wide gap and the right column's part, and the lines join into one
 * paragraph whose halves interleave (…区间，    二、K35路：…6:00改为火车站…公里。    ，末班…). Read off the text
 * alone, so that a second run, which has the paragraph on one line, decides alike: a column gap is
 * white space three columns wide or more (a space one, an ideographic space two; no tab, which
 * s19-left removes as a stray in a sentence) with two cells of text at least on each side, up to
 * the paragraph's edge or the next such gap, not inside the dateline or its credit, not after a
 * colon (a form's blank) nor between brackets (（    ）), with Han or a CJK mark on both sides
 * (not a Latin word or a figure: a man page's layout); the paragraph has two such gaps or more,
 * and one of them at least cuts a sentence where no writer leaves white space: between two Han
 * characters, before a clause, sentence or closing mark (    ，末班…) or after an opening
 * one. White space after ， or 。 before text is a typist's or a poem's (床前明月光，   疑是地上霜。) and proves
 * nothing. The gaps are kept (neither punct-space nor punct-han-space takes them) and the
 * paragraph is reported (punct-columns, at its first gap): the halves are not put back in order,
 * which nothing in the text makes safe. Returns the count of column gaps (0: none); the gaps
 * are flagged F_COLGAP as they are read, which pass_spaces asks only when the count is not 0. */
static int column_gaps(punct_stage *ps, size_t dateline, long *first, long *first_end) {
  long nc = (long)ps->nc, last_end = -1;
  int gaps = 0;
  bool cut = false;
  *first = *first_end = -1;
  for (size_t x = 0; x < ps->nnsp; x++) {
    long k = ps->nsp[x];
    if (k <= last_end) continue;
    long m = k;
    while (m + 1 < nc && ps->c[m + 1].cls == C_SPACE) m++;
    x += (size_t)(m - k); /* (the run's cells are in the list in order) */
    /* (one white-space character is two columns wide at most: most runs end here) */
    if (m == k || k < 2 || m + 3 > nc || gap_width(ps, k, m) < 3) continue;
    bool prot = false;
    for (long j = k; j <= m; j++) prot |= (ps->c[j].flags & F_PROT) != 0;
    if (prot || (dateline != SIZE_MAX && ps->c[k].off <= dateline)) continue;
    /* two cells of text on each side, up to the last gap */
    if (ps->c[k - 1].cls == C_SPACE || ps->c[k - 2].cls == C_SPACE || k - 2 <= last_end ||
        ps->c[m + 1].cls == C_SPACE || ps->c[m + 2].cls == C_SPACE)
      continue;
    uint32_t fl = fin(&ps->c[k - 1]), fr = fin(&ps->c[m + 1]);
    if (colon_cp(fl) || ((fl == 0xFF08 || fl == '(') && (fr == 0xFF09 || fr == ')'))) continue;
    /* (Chinese on both sides, Han or a CJK mark: white space beside a Latin word or a figure
     * is often a man page's or a listing's layout, which no rule takes either) */
    bool han_l = ps->c[k - 1].cls == C_HAN, han_r = ps->c[m + 1].cls == C_HAN;
    if (!(han_l || (fl && qg_cp_is_cjk_punct(fl))) || !(han_r || (fr && qg_cp_is_cjk_punct(fr))))
      continue;
    /* (columns read across: each gap stands a line's width after the one before, half of it
     * after the text's start; gaps closer are a typist's or a row's, 全市上下   齐心协力，推动各项
     * 工作…, 指标    完成    情况: review 43 R1) */
    if (k < QG_COLUMN_HALF || (last_end >= 0 && k - last_end < 2 * QG_COLUMN_HALF)) return 0;
    cut |= (han_l && han_r) || close_or_clause(fr) || open_mark(fl);
    if (!gaps++) *first = k, *first_end = m;
    last_end = m;
    for (long j = k; j <= m; j++) ps->c[j].flags |= F_COLGAP;
  }
  return gaps >= 2 && cut ? gaps : 0;
}

/* A heading spaced out character by character (probe 42 M5, session 43: 关 于 加 强 中 小 学 生
 * 课 后 服 务 ⏎ 管 理 的 通 知, a 公文's title as its PDF gives it): a title, subtitle or kicker
 * of Han characters and white space only, five characters or more,
 * every one apart from the next by one or two white-space characters (a space or an
 * ideographic space), except where the repair stage joined two of its lines, which puts two
 * characters side by side from different source lines (务管). Its white space is letter-spacing,
 * no word's, and goes (punct-spaced-heading). Shorter headings keep theirs, as they are
 * printed (总　则, 通　知, 目　录), and so do bylines (王　伟) and subheads (a line spaced out
 * that the structure stage read as a subhead may be OCR's spacing of a sentence, which s26-kinds
 * K3 keeps as it is). */
static bool spaced_heading(const punct_stage *ps, const qg_block *b) {
  if (b->kind != QG_KIND_TITLE && b->kind != QG_KIND_SUBTITLE && b->kind != QG_KIND_KICKER)
    return false;
  long nc = (long)ps->nc, han = 0;
  int widths = 0; /* bit 1: a run of one white-space character, bit 2: of two */
  if (nc < 9 || ps->nnsp < 4 || ps->c[0].cls != C_HAN || ps->c[nc - 1].cls != C_HAN) return false;
  for (long k = 0; k < nc;) {
    const cell *c = &ps->c[k];
    if (c->cls != C_HAN || c->flags & F_PROT) return false;
    han++;
    long j = k + 1;
    while (j < nc && ps->c[j].cls == C_SPACE) {
      uint32_t cp = ps->c[j].cp;
      if ((cp != ' ' && cp != 0x3000) || ps->c[j].flags & F_PROT) return false;
      j++;
    }
    if (j - k - 1 > 2) return false;
    /* (runs of one and of two: the wider are word gaps, 春 天 的 故 事  秋 天 的 童 话, kept as
     * printed: read-through 43 #5) */
    if (j > k + 1 && j < nc && (widths |= j - k - 1 == 1 ? 1 : 2) == 3) return false;
    if (j == k + 1 && j < nc && qg_block_pos(b, c->off).line == qg_block_pos(b, ps->c[j].off).line)
      return false; /* side by side on one line */
    k = j;
  }
  return han >= 5;
}

/* Whether the Han cells [a, a+len) of the text start with a reporter's role; its length. */
static size_t credit_role(const punct_stage *ps, const char *t, long a, long len) {
  static const char *const roles[] = {"本报记者", "特约记者", "见习记者", "摄影记者", "记者", "通讯员",
                                      "实习生", "本報記者", "特約記者", "見習記者", "記者", "通訊員",
                                      "實習生", NULL};
  size_t from = ps->c[a].off, to = ps->c[a + len - 1].off + ps->c[a + len - 1].len;
  for (size_t w = 0; roles[w]; w++) {
    size_t wl = strlen(roles[w]);
    if (from + wl <= to && !memcmp(t + from, roles[w], wl)) return wl / 3;
  }
  return 0;
}
/* Whether the Han cells [a, a+len) end with 报道 (報道). */
static bool credit_report(const punct_stage *ps, const char *t, long a, long len) {
  if (len < 2) return false;
  const char *s = t + ps->c[a + len - 2].off;
  return !memcmp(s, "报道", 6) || !memcmp(s, "報道", 6);
}

/* A credit that follows the dateline without brackets (新华社北京12月1日电 记者张三 李四 国家统计局…,
 * 本报讯 通讯员 李四 记者 张三 今年以来…, 本报讯 记者张三报道 今年…; probe 9a F16): items separated
 * by white space, the first led by a role (记者, 通讯员, 实习生 …), the others a role, a name of
 * two or three characters, or 报道, an item possibly a role and a name with 报道 after it. Returns
 * the offset of the white space that ends the credit (the story follows), 0 if there is none:
 * the white space up to it separates names and is kept. */
static size_t dateline_credit(const punct_stage *ps, const char *t, size_t dateline) {
  long k = 0, nc = (long)ps->nc;
  while (k < nc && ps->c[k].off <= dateline) k++;
  while (k < nc && ps->c[k].cls == C_SPACE) k++;
  size_t end = 0;
  bool role = false;
  for (int items = 0; k < nc && items < 12; items++) {
    long a = k;
    while (k < nc && ps->c[k].cls == C_HAN) k++;
    long len = k - a;
    if (len == 0 || k >= nc || ps->c[k].cls != C_SPACE) break; /* an item ends at white space */
    size_t rl = credit_role(ps, t, a, len);
    long name = len - (long)rl - (credit_report(ps, t, a, len) ? 2 : 0);
    if (rl) role = true;
    else if (!role) break;
    if (!(name == 0 || (name >= 2 && name <= (rl ? 4 : 3)))) break;
    end = ps->c[k].off;
    while (k < nc && ps->c[k].cls == C_SPACE) k++;
  }
  return end;
}

/* Whether the Han cells [a, a+len) are a title and a name of two or three characters
 * (市委书记张三, 副市长王五, 董事长李四). */
static bool titled_name(const punct_stage *ps, const char *t, long a, long len) {
#define T_(w) {w, sizeof w - 1}
  static const struct {
    const char *w;
    size_t n;
  } titles[] = {T_("书记"),   T_("市长"), T_("省长"),   T_("县长"), T_("区长"),   T_("镇长"),
                T_("主任"),   T_("部长"), T_("局长"),   T_("厅长"), T_("处长"),   T_("科长"),
                T_("主席"),   T_("总理"), T_("委员"),   T_("经理"), T_("董事长"), T_("总裁"),
                T_("院长"),   T_("校长"), T_("教授"),   T_("秘书长"), T_("会长"), T_("行长"),
                T_("厂长"),   T_("社长"), T_("主编"),   T_("所长"), T_("馆长"),   T_("队长"),
                T_("代表"),   T_("政委"), T_("司令员"), T_("总监")};
#undef T_
  /* (each title's length from the table, not strlen: session 29; its last two bytes before the
   * call to memcmp) */
  for (size_t w = 0; w < sizeof titles / sizeof titles[0]; w++) {
    size_t wl = titles[w].n;
    const char *tw = titles[w].w;
    for (long nm = 2; nm <= 3; nm++) {
      long e = a + len - nm; /* the title ends before cell e */
      if (e - a < 2) continue;
      size_t to = ps->c[e].off;
      if (to >= ps->c[a].off + wl && t[to - 1] == tw[wl - 1] && t[to - 2] == tw[wl - 2] &&
          !memcmp(t + to - wl, tw, wl))
        return true;
    }
  }
  return false;
}

/* Whether the space between Han cells l and r separates the items of a short list after a colon
 * that name_list does not take (probe 9a F18): two items or more, each of two to four characters
 * or a title and a name (出席会议的有：市委书记张三 市长李四 副市长王五。), one space between two, the
 * last one followed by a mark or the end of the paragraph (一等奖：张三 李四；), not by more text,
 * and the colon after a word that announces people. */
/* Two items around the space l | r are personal names: each starts with a common surname (a
 * two-word phrase split by OCR, 管理 不善, 市文 化局, does not; review 9 R16). */
static bool two_names(const punct_stage *ps, const char *t, long l, long r) {
  long a = l, b = r;
  while (a > 0 && is_han(ps, a - 1)) a--;
  while (b + 1 < (long)ps->nc && is_han(ps, b + 1)) b++;
  long cells[2] = {a, r}, lens[2] = {l - a + 1, b - r + 1};
  for (int i = 0; i < 2; i++) {
    if (lens[i] > 4) continue; /* a title and a name (市委书记张三): short_list checked it */
    if (!qg_cp_is_common_surname(cell_cp(ps, &ps->c[cells[i]])) &&
        !titled_name(ps, t, cells[i], lens[i]))
      return false;
  }
  return true;
}

/* Whether the space between cells l and r separates two fields of a form set on one line, each a
 * label of one to four Han characters, a colon and its value (姓名：张某　性别：男　年龄：45岁,
 * 词：张三　曲：李四　演唱：王五。, 黑方：柯某九段　白方：申某九段: probe 20 H3; the fields ran together,
 * 张三曲 reading as one name): an ideographic space or two spaces (cells k..m), a label and its
 * colon right after them, and before them a value
 * of at most 24 characters, no clause or sentence mark in it, after a label that opens the
 * paragraph or follows white space. */
static bool field_space(const punct_stage *ps, long k, long m, long l, long r) {
  /* (forms set their fields apart with an ideographic space or two spaces; one ASCII space in
   * Chinese text is an OCR artifact far more often) */
  if (ps->c[k].cp != 0x3000 && m == k) return false;
  long nc = (long)ps->nc, j = r;
  while (j < nc && j - r < 5 && is_han(ps, j)) j++;
  if (j == r || j - r > 4 || j + 1 >= nc) return false;
  uint32_t c = fin(&ps->c[j]);
  if ((c != 0xFF1A && c != ':') || ps->c[j + 1].cls == C_SPACE) return false;
  for (j = l; j >= 0 && l - j < 24; j--) {
    c = fin(&ps->c[j]);
    if (c == 0xFF1A || c == ':') break;
    if (ps->c[j].cls == C_SPACE || gone(&ps->c[j]) || sentence_mark(c) || clause_cp(c)) return false;
  }
  if (j < 0 || j == l || fin(&ps->c[j]) == 0 || (fin(&ps->c[j]) != 0xFF1A && fin(&ps->c[j]) != ':'))
    return false;
  long e = j - 1, a = e;
  while (a >= 0 && e - a < 5 && is_han(ps, a)) a--;
  if (a == e || e - a > 4) return false;
  return a < 0 || ps->c[a].cls == C_SPACE;
}

/* White space k..m right after a colon (cell l) is a form's blank (probe 22 H8): before 年 月 日
 * (日期：    年  月  日), or, in a line without a sentence mark (prose), between two fields: a
 * label of Han (brackets allowed, 甲方（盖章）) that opens the line or follows white space, its
 * colon, and the next such label and colon (甲方（盖章）：        乙方（盖章）：). Two spaces or
 * more, or an ideographic one. */
static __attribute__((noinline)) bool form_blank(const punct_stage *ps, long k, long m, long l, long r,
                                                  bool prose) {
  if (l != k - 1 || r != m + 1 || !colon_cp(fin(&ps->c[l])) || (m == k && ps->c[k].cp != 0x3000) ||
      !is_han(ps, r))
    return false;
  uint32_t h = cell_cp(ps, &ps->c[r]);
  if (h == 0x5E74 || h == 0x6708 || h == 0x65E5) return true; /* 年 月 日 */
  /* (the fields: a line without a sentence, each label short and set off: 按规矩：   注意：
   * in prose is no form) */
  if (prose) return false;
  long nc = (long)ps->nc, j = l - 1;
  while (j >= 0 && l - j <= 12 && (is_han(ps, j) || fin(&ps->c[j]) == 0xFF08 || fin(&ps->c[j]) == 0xFF09 ||
                                   fin(&ps->c[j]) == '(' || fin(&ps->c[j]) == ')'))
    j--;
  if (j == l - 1 || l - j > 12 || (j >= 0 && ps->c[j].cls != C_SPACE)) return false;
  j = r;
  int han = 0;
  while (j < nc && j - r < 16) {
    uint32_t f = fin(&ps->c[j]);
    if (is_han(ps, j)) han++;
    else if (!(f == '(' || f == ')' || f == 0xFF08 || f == 0xFF09)) break;
    j++;
  }
  return han >= 2 && j < nc && colon_cp(fin(&ps->c[j])) &&
         (j + 1 == nc || ps->c[j + 1].cls == C_SPACE);
}

static bool short_list(const punct_stage *ps, const char *t, long l, long r) {
  long past, items = 0, n, at;
  if (!items_after_colon(ps, t, l, true, &items, &past)) return false;
  /* the colon ends a word that announces people: 出席会议的有 一等奖 名单 主演 嘉宾 获奖者 包括
   * 列席 导演 编委 联系人 组长 (不理解：去掉 原始码、 is prose with an OCR space) */
  if (past < 1 || !is_han(ps, past - 1)) return false;
  static const uint32_t intro[] = {0x6709 /*有*/, 0x5956 /*奖*/, 0x5355 /*单*/, 0x6F14 /*演*/,
                                   0x5458 /*员*/, 0x5BBE /*宾*/, 0x8005 /*者*/, 0x62EC /*括*/,
                                   0x5E2D /*席*/, 0x5BFC /*导*/, 0x59D4 /*委*/, 0x4EBA /*人*/,
                                   0x957F /*长*/};
  uint32_t ic = cell_cp(ps, &ps->c[past - 1]);
  bool announces = false;
  for (size_t i = 0; i < sizeof intro / sizeof intro[0]; i++) announces |= intro[i] == ic;
  /* 有 announces people only after them (出席的有, 人员有, 名单有, 领导有): 原因有：管理 不善 is prose
   * with an OCR space (review 9 R16) */
  if (announces && ic == 0x6709 /*有*/) {
    uint32_t pc = past >= 2 && is_han(ps, past - 2) ? cell_cp(ps, &ps->c[past - 2]) : 0;
    announces = pc == 0x7684 /*的*/ || pc == 0x5458 /*员*/ || pc == 0x4EBA /*人*/ ||
                pc == 0x5355 /*单*/ || pc == 0x5BFC /*导*/;
  }
  if (!announces) return false;
  at = r;
  for (;;) {
    n = han_item(ps, at, 1, &past);
    if (n < 2 || (n > 4 && !(n <= 7 && titled_name(ps, t, at, n)))) return false;
    items++;
    if (past >= (long)ps->nc) return items >= 3 || (items == 2 && two_names(ps, t, l, r));
    if (ps->c[past].cls == C_SPACE) {
      if (items > 64) return false;
      at = past + 1;
      continue;
    }
    uint32_t f = fin(&ps->c[past]);
    return (items >= 3 || (items == 2 && two_names(ps, t, l, r))) &&
           (sentence_mark(f) || f == 0x3001 /*、*/ || f == ',' || f == ';' || f == '.' ||
            f == 0xFF09 /*）*/);
  }
}

/* The white space after cell l ends a mention: @ and a handle of two Han characters or more (据@苹果中国 官方
 * 微博消息); the handle runs to the space, so removing it changes the handle (probe 10a F14). */
static bool mention_space(const punct_stage *ps, long l) {
  long j = l;
  while (j >= 0 && l - j < 30 && ps->c[j].cls == C_HAN) j--;
  return j >= 0 && j < l - 1 && (ps->c[j].cp == '@' || ps->c[j].cp == 0xFF20);
}

/* The white space between cells l and r lies inside a hashtag of web copy, #北京 冬奥会#: a #
 * before it and one after it, with only words and white space between, within 30 cells each
 * way. The tag is a link target, as a mention is: its spaces stay (probe 11a F25). */
static bool hashtag_space(const punct_stage *ps, long l, long r) {
  long j = l, e = r, nc = (long)ps->nc;
  while (j >= 0 && l - j < 30 && (ps->c[j].cls == C_HAN || ps->c[j].cls == C_LATIN ||
                                  ps->c[j].cls == C_DIGIT || ps->c[j].cls == C_SPACE))
    j--;
  if (j < 0 || ps->c[j].cp != '#') return false;
  while (e < nc && e - r < 30 && (ps->c[e].cls == C_HAN || ps->c[e].cls == C_LATIN ||
                                  ps->c[e].cls == C_DIGIT || ps->c[e].cls == C_SPACE))
    e++;
  return e < nc && ps->c[e].cp == '#';
}

/* A paragraph spaced out by OCR: a space after (nearly) every character (本 报 讯 前 三 季 度 ，
 * … 5 . 2 % …): twelve characters or more, seven in ten followed by one space. */
static bool ocr_spaced(const punct_stage *ps) {
  /* (seven in ten of the text followed by a space of their own: white space is 7/17 of the
   * cells or more) */
  if (ps->nnsp * 17 < ps->nc * 7 || ps->nc < 24) return false;
  /* (stops at the first characters not followed by one space past three in ten of the text:
   * words and Latin text end it early) */
  size_t text = ps->nc - ps->nnsp, most = text * 3 / 10, unspaced = 0;
  for (size_t k = 0; k < ps->nc; k++) {
    if (ps->c[k].cls == C_SPACE) continue;
    if (!(k + 1 < ps->nc && ps->c[k + 1].cp == ' ' && (k + 2 >= ps->nc || ps->c[k + 2].cls != C_SPACE)) &&
        ++unspaced > most)
      return false;
  }
  return text >= 12;
}

/* In such a paragraph the single space between cells l and r splits a number: two digits, a
 * digit and its decimal point, a digit and % (2 1 8 9 万, 5 . 2 %: probe 10a F20). */
static bool number_space(const punct_stage *ps, long l, long r) {
  uint32_t a = ps->c[l].cp, z = ps->c[r].cp;
  bool dl = ps->c[l].cls == C_DIGIT, dr = ps->c[r].cls == C_DIGIT;
  /* not next to a spaced letter: 2 O 2 4 (an O read for a 0) stays as the OCR gave it */
  if ((l >= 2 && ps->c[l - 1].cls == C_SPACE && ps->c[l - 2].cls == C_LATIN) ||
      (r + 2 < (long)ps->nc && ps->c[r + 1].cls == C_SPACE && ps->c[r + 2].cls == C_LATIN))
    return false;
  if (dl && dr) return true;
  if (dl && (z == '%' || z == 0xFF05)) return true;
  if (dl && z == '.' && r + 2 < (long)ps->nc && ps->c[r + 1].cp == ' ' && ps->c[r + 2].cls == C_DIGIT)
    return true;
  return dr && a == '.' && l >= 2 && ps->c[l - 1].cp == ' ' && ps->c[l - 2].cls == C_DIGIT;
}

/* Clause spaces of web posts (probe 20 M1): 下雨了 不想出门 在家躺着吧。 A writer of posts
 * separates the clauses of a sentence with a space instead of a comma; removing it
 * (好想你你在哪里) reads worse than the post. The space at cell k, one space between Han cells
 * k - 1 and k + 1, is such a space by its sentence's shape (post_sentence): the sentence holds
 * only Han and single spaces (no clause mark, no Latin, no digit, no quote) in a paragraph
 * not spaced out by OCR, is 48 cells long at most (the whole sentence, so that all its spaces
 * are decided alike), starts at the paragraph's start, a sentence mark, a clause mark (， ；)
 * or a colon and ends at a sentence mark (。！？ … ～), a clause mark or the paragraph's end
 * (session 22: a label's colon, 网友：, and a post that mixes commas and spaces; in a paragraph
 * with clause marks, post_mixed, the only evidence is a final particle other than 了), and every
 * piece between its spaces has 2 to 8 characters; the piece before the space does not end with
 * a word that cannot end a clause (的 地 得 之 和 与 及 或 在 对 把 被 从 向 为 是 将 以 于 让 给 跟
 * 同 等) and the piece after it does not open with a suffix or particle (的 地 得 了 着 过 们 之 等).
 * Its strength: 2 (a clause space) when the piece before ends with a sentence-final particle
 * (了 吧 呢 啊 吗 呀 啦 哦 嘛 呗 哈 嘞; 了 only with three pieces or more) or the sentence has two spaces or more with pieces of three
 * characters on average (OCR spacing puts one every one or two characters: 加强 社区 治理); 1 when
 * the shape holds without that (好想你 你在哪里), a clause space only in a paragraph that has one of
 * strength 2; 0 none. One stray space in a long sentence of news prose, one in a sentence with a
 * comma, and OCR spacing are removed as before. */
static bool particle_cp(uint32_t c) {
  switch (c) {
  case 0x4E86 /*了*/: case 0x5427 /*吧*/: case 0x5462 /*呢*/: case 0x554A /*啊*/: case 0x5417 /*吗*/:
  case 0x5440 /*呀*/: case 0x5566 /*啦*/: case 0x54E6 /*哦*/: case 0x561B /*嘛*/: case 0x5457 /*呗*/:
  case 0x54C8 /*哈*/: case 0x561E /*嘞*/:
    return true;
  default: return false;
  }
}
static bool clause_tail_bad(uint32_t c) {
  switch (c) {
  case 0x7684 /*的*/: case 0x5730 /*地*/: case 0x5F97 /*得*/: case 0x4E4B /*之*/: case 0x548C /*和*/:
  case 0x4E0E /*与*/: case 0x53CA /*及*/: case 0x6216 /*或*/: case 0x5728 /*在*/: case 0x5BF9 /*对*/:
  case 0x628A /*把*/: case 0x88AB /*被*/: case 0x4ECE /*从*/: case 0x5411 /*向*/: case 0x4E3A /*为*/:
  case 0x662F /*是*/: case 0x5C06 /*将*/: case 0x4EE5 /*以*/: case 0x4E8E /*于*/: case 0x8BA9 /*让*/:
  case 0x7ED9 /*给*/: case 0x8DDF /*跟*/: case 0x540C /*同*/: case 0x7B49 /*等*/:
    return true;
  default: return false;
  }
}
static bool clause_head_bad(uint32_t c) {
  switch (c) {
  case 0x7684 /*的*/: case 0x5730 /*地*/: case 0x5F97 /*得*/: case 0x4E86 /*了*/: case 0x7740 /*着*/:
  case 0x8FC7 /*过*/: case 0x4EEC /*们*/: case 0x4E4B /*之*/: case 0x7B49 /*等*/:
    return true;
  default: return false;
  }
}
static bool post_end(uint32_t f) {
  return f == 0x3002 || f == 0xFF01 || f == 0xFF1F || f == '!' || f == '?' || f == 0x2026 ||
         f == 0xFF5E || f == '~';
}
/* The marks that part a post's clauses where it writes them (，, ；;), and its colons: a
 * post's clause runs from one of them or a sentence's start to the next or the sentence's end
 * (session 22). */
static bool post_clause(uint32_t f) { return f == 0xFF0C || f == ',' || f == 0xFF1B || f == ';'; }
static bool colon_cp(uint32_t f) { return f == 0xFF1A || f == ':'; }
/* The space at cell k, between Han cells, may split clauses: no word before it that cannot end a
 * clause, none after it that cannot open one. */
static bool post_split(const punct_stage *ps, long k) {
  return !clause_tail_bad(cell_cp(ps, &ps->c[k - 1])) && !clause_head_bad(cell_cp(ps, &ps->c[k + 1]));
}
/* Whether the paragraph writes clause marks (，、；, ; or a colon) besides its clause spaces:
 * 1, or 0 for none. The colon of a label of one to six Han characters that opens the
 * paragraph (网友：, 小王说：, a post's writer or speaker) is no clause mark (session 22); a
 * longer lead-in is (记者从会上获悉：). */
static int post_mixed(const punct_stage *ps) {
  for (size_t x = 0; x < ps->nnm; x++) {
    long q = ps->nm[x];
    uint32_t f = fin(&ps->c[q]);
    if (colon_cp(f) && q >= 1 && q <= 6) {
      long h = 0;
      while (h < q && is_han(ps, h)) h++;
      if (h == q) continue;
    }
    if (f == 0xFF0C || f == 0x3001 || f == 0xFF1B || f == ',' || f == ';' || colon_cp(f)) return 1;
  }
  return 0;
}
/* A space at cell k between Han cells after a final particle other than 了: the only evidence
 * of a clause space in a paragraph with clause marks (post_sentence). */
static bool mixed_evidence(const punct_stage *ps, long k) {
  uint32_t c = cell_cp(ps, &ps->c[k - 1]);
  return particle_cp(c) && c != 0x4E86;
}
static int post_sentence(const punct_stage *ps, long k, bool mixed);
/* Whether the paragraph has a clause space of strength 2 (post_sentence): its other spaces
 * looked at once. 1 or 0. */
static int post_strong(const punct_stage *ps, bool mixed) {
  for (size_t y = 0; y < ps->nnsp; y++) {
    long q = ps->nsp[y];
    if (q > 0 && q + 1 < (long)ps->nc && is_han(ps, q - 1) && is_han(ps, q + 1) &&
        (!mixed || mixed_evidence(ps, q)) && post_sentence(ps, q, mixed) == 2)
      return 1;
  }
  return 0;
}
#define POST_WINDOW 48 /* cells of a sentence of a post, its spaces included */
static int post_sentence(const punct_stage *ps, long k, bool mixed) {
  long nc = (long)ps->nc, a = k - 1, z = k + 1;
  /* the sentence's ends: a, z the first and last cells of its text */
  /* (the whole sentence within the window, so that every space of a sentence is decided alike
   * and a sentence longer than it loses all its spaces at once: review 21 H2) */
  while (a > 0 && z - a < POST_WINDOW && (is_han(ps, a - 1) || ps->c[a - 1].cls == C_SPACE)) a--;
  if (z - a >= POST_WINDOW || (a > 0 && !post_end(fin(&ps->c[a - 1])) &&
                               !post_clause(fin(&ps->c[a - 1])) && !colon_cp(fin(&ps->c[a - 1]))))
    return 0;
  while (z + 1 < nc && z - a < POST_WINDOW && (is_han(ps, z + 1) || ps->c[z + 1].cls == C_SPACE)) z++;
  if (z - a >= POST_WINDOW ||
      (z + 1 < nc && !post_end(fin(&ps->c[z + 1])) && !post_clause(fin(&ps->c[z + 1]))))
    return 0;
  if (!is_han(ps, a) || !is_han(ps, z)) return 0;
  uint32_t tail = cell_cp(ps, &ps->c[k - 1]);
  if (!post_split(ps, k)) return 0;
  /* its pieces, as a second run sees them: a space that is no clause space (after 的, before 们)
   * goes and joins its pieces */
  long piece = 0, pieces = 0, han = 0;
  for (long j = a; j <= z + 1; j++) {
    if (j <= z && is_han(ps, j)) {
      piece++, han++;
      continue;
    }
    if (j <= z && !is_han(ps, j + 1)) return 0; /* (one space: is_han(z)) */
    if (j <= z && !post_split(ps, j)) continue;
    /* (a piece ends at j: a clause space, or the sentence's end) */
    if (piece < 2 || piece > 8) return 0;
    pieces++;
    piece = 0;
  }
  /* 了 is aspect as often as it is final (看望了 一线环卫工人): it counts only in a sentence of
   * three pieces or more (review 21 M1) */
  /* (in a paragraph that also writes clause marks only a final particle other than 了 tells a
   * post's clause space from a machine translation's or OCR's word spacing: session 22) */
  if (mixed) return particle_cp(tail) && tail != 0x4E86 ? 2 : 1;
  if ((particle_cp(tail) && (tail != 0x4E86 || pieces >= 3)) || (pieces >= 3 && han >= 3 * pieces))
    return 2;
  return 1;
}

/* An option or answer label starts at cell r: a capital A to H and . ． or 、 before text that is
 * no digit (A.憧憬, B．惬意), or one or two digits in brackets ((1) （2）), not inside a word or
 * after a figure (XA., f(1)). Its value (the letter, or 100 + the number), 0 for none. */
static int option_label(const punct_stage *ps, long r) {
  long nc = (long)ps->nc;
  if (r < 0 || r + 2 >= nc || (r > 0 && (ps->c[r - 1].cls == C_LATIN || ps->c[r - 1].cls == C_DIGIT)))
    return 0;
  uint32_t a = ps->c[r].cp;
  if (a >= 'A' && a <= 'H') {
    uint32_t d = ps->c[r + 1].cp;
    const cell *x = &ps->c[r + 2];
    return (d == '.' || d == 0xFF0E || d == 0x3001) && x->cls != C_DIGIT && x->cls != C_SPACE ? (int)a : 0;
  }
  if (a != '(' && a != 0xFF08) return 0;
  long j = r + 1;
  int v = 0;
  while (j < nc && j - r <= 2 && ps->c[j].cls == C_DIGIT) v = v * 10 + (int)(ps->c[j].cp - '0'), j++;
  return j > r + 1 && j < nc && (ps->c[j].cp == ')' || ps->c[j].cp == 0xFF09) ? 100 + v : 0;
}

/* The white space before cell r separates the items of a line of options or answers
 * (A.憧憬(chōng)　B.惬意(qiè), 答案：（1）B （2）D; probe 11a F9): a label starts at r, text or a
 * closing bracket or quote stands before the space (not a mark: 设置： （4） loses it), and the
 * label before it in the block, within 120 cells, is the one before in the sequence (A then B,
 * (1) then (2)). */
static bool option_space(const punct_stage *ps, long l, long r) {
  int v = option_label(ps, r);
  if (v == 0 || v == 'A' || v == 101 || l < 0) return false;
  uint8_t cl = ps->c[l].cls;
  uint32_t fl = fin(&ps->c[l]);
  if (!(cl == C_HAN || cl == C_LATIN || cl == C_DIGIT || fl == 0xFF09 || fl == ')' || fl == 0x201D ||
        fl == 0x2019 || fl == 0x300B || fl == 0x3011))
    return false;
  /* the labels before it, back to the first (A, (1)), each the one before in the sequence; the
   * first opens the line or follows a colon, a semicolon or a full stop (答案：（1）B), each later
   * one follows white space:
   * 由公式 (1) 和公式 (2) and 第 (1) 问…第 (2) 问 are references in a sentence, not options
   * (review 11 C5) */
  for (;;) {
    long j = l;
    int w = 0;
    for (; j >= 0 && r - j < 120; j--) {
      uint32_t a = ps->c[j].cp;
      if ((a >= 'A' && a <= 'H') || a == '(' || a == 0xFF08) {
        w = option_label(ps, j);
        if (w) break;
      }
    }
    if (!w || w != v - 1 || j < 0) return false;
    long p = prev_ns(ps, j);
    if (w == 'A' || w == 101) {
      uint32_t fp = p >= 0 ? fin(&ps->c[p]) : 0;
      return p < 0 || fp == 0xFF1A || fp == ':' || fp == 0xFF1B || fp == ';' || fp == 0x3002;
    }
    if (j == 0 || ps->c[j - 1].cls != C_SPACE || p < 0) return false;
    v = w, r = j, l = p;
  }
}

/* Whether the title in 《》 between cells o and c is a run of three or more Han characters, one
 * space and a run of Han: a 词牌 and its title, the halves of a 回目 (《念奴娇 赤壁怀古》, 《沁园春 雪》),
 * whose space stays. Not letter-spacing (《人 民 日 报》) nor a stray space in a short title
 * (《我的 母亲》): those lose it as before (review 12 R3). */
/* Whether cells o and c enclose the two halves of a couplet: two runs of Han of one length, five
 * to nine characters each, one space between them (贾雨村夤缘复旧职 林黛玉抛父进京都), after a word
 * that names one within four characters before the quotation (第三回：, 上联是, 回目, 对联: a
 * quotation of two equal runs is OCR spacing as often, 因为没有指定了 两个构件相匹配). */
static bool couplet_halves(const punct_stage *ps, long o, long c) {
  bool named = false;
  for (long j = o - 1; j >= 0 && o - j <= 4 && !named; j--) {
    uint32_t x = is_han(ps, j) ? cell_cp(ps, &ps->c[j]) : 0;
    named = x == 0x56DE /*回*/ || x == 0x8054 /*联*/ || x == 0x806F /*聯*/ || x == 0x76EE /*目*/;
  }
  if (!named) return false;
  long a = 0, b = 0, j = o + 1;
  while (j < c && ps->c[j].cls == C_HAN) j++, a++;
  if (j >= c || ps->c[j].cls != C_SPACE || (j + 1 < c && ps->c[j + 1].cls == C_SPACE)) return false;
  for (j++; j < c && ps->c[j].cls == C_HAN; j++) b++;
  return j == c && a == b && a >= 5 && a <= 9;
}

/* A question or exclamation mark (one or two, ASCII or full-width) that ends a title or a
 * slogan before its closing mark at c: 《夜间施工扰民 何时休?》. The first cell of the run, or c. */
static long halves_end(const punct_stage *ps, long o, long c) {
  long e = c;
  while (e > o + 1 && c - e < 2) {
    uint32_t f = fin(&ps->c[e - 1]);
    if (f != '?' && f != '!' && f != 0xFF1F && f != 0xFF01) break;
    e--;
  }
  return e;
}

/* Whether a word that names a slogan or a theme (主题 口号 标语 理念 宣传语 主旨 题为) stands
 * within six cells before cell o or four after cell c: 以“…”为主题, 口号是“…”. */
static bool slogan_cue(const punct_stage *ps, long o, long c) {
  static const uint32_t cue[][2] = {{0x4E3B, 0x9898}, {0x53E3, 0x53F7}, {0x6807, 0x8BED},
                                    {0x7406, 0x5FF5}, {0x4F20, 0x8BED}, {0x4E3B, 0x65E8},
                                    {0x9898, 0x4E3A}}; /* 主题 口号 标语 理念 (宣)传语 主旨 题为 */
  long from = o - 6 < 0 ? 0 : o - 6, to = c + 5 < (long)ps->nc ? c + 5 : (long)ps->nc;
  for (long j = from; j + 1 < to; j++) {
    if (j == o - 1 || j == c || !is_han(ps, j) || !is_han(ps, j + 1)) continue;
    if (j >= o && j < c) {
      j = c;
      continue;
    }
    uint32_t x = cell_cp(ps, &ps->c[j]), y = cell_cp(ps, &ps->c[j + 1]);
    for (size_t i = 0; i < sizeof cue / sizeof *cue; i++)
      if (x == cue[i][0] && y == cue[i][1]) return true;
  }
  return false;
}

/* Whether cells o and c enclose a slogan or a theme of two phrases: two runs of Han of three to
 * eight characters each, one space between them, perhaps a ！ or ？ at the end, named so nearby
 * (slogan_cue): 以“小创意 大梦想”为主题 (probe 27 L2: the writer's space, which the Han-space rule
 * removed). Without such a word a quoted space is OCR spacing as often (“数字 经济”, and the bench
 * copy's “年月日 时加上”) and goes as before. */
static bool slogan_halves(const punct_stage *ps, long o, long c) {
  long e = halves_end(ps, o, c), a = 0, b = 0, j = o + 1;
  while (j < e && ps->c[j].cls == C_HAN) j++, a++;
  if (j >= e || ps->c[j].cls != C_SPACE || (j + 1 < e && ps->c[j + 1].cls == C_SPACE)) return false;
  for (j++; j < e && ps->c[j].cls == C_HAN; j++) b++;
  return j == e && a >= 3 && a <= 8 && b >= 3 && b <= 8 && slogan_cue(ps, o, c);
}

static bool title_halves(const punct_stage *ps, long o, long c) {
  int run = 0, spaces = 0;
  c = halves_end(ps, o, c); /* 《夜间施工扰民 何时休?》 (probe 27 L2) */
  for (long j = o + 1; j < c; j++) {
    if (ps->c[j].cls == C_HAN) {
      run++;
    } else if (ps->c[j].cls == C_SPACE && run >= 3 && !spaces && ps->c[j - 1].cls == C_HAN) {
      spaces = 1;
      run = 0;
    } else {
      return false;
    }
  }
  return spaces && run >= 1;
}

/* Whether the title in 《》 between cells o and c is a book's name, one space and one of its
 * chapters: 《史记 项羽本纪》, 《论语 学而》, 《红楼梦 第一回》. GB/T 15834 4.15 separates them with
 * the interpunct (《史记·项羽本纪》): the space becomes ·, where removing it ran the two names
 * together (review 12b S13). A chapter is told by its form (第…回/章/卷/篇/节/部/集/幕/课/册, or a
 * name ending in 本纪 世家 列传 篇 卷), or the book is one of the classics cited by chapter;
 * other titles with a space (《我的 母亲》) are left to the rules below. Returns the space's cell,
 * or -1. */
static long book_chapter(const punct_stage *ps, const char *t, long o, long c) {
  /* the title's Han runs: white space or a doubled mark (<<论语 学而>>) at its ends aside, one
   * run of white space between two runs of Han (review 13 R8) */
  long a0 = o + 1, b1 = c;
  while (a0 < c && (ps->c[a0].cls == C_SPACE || ps->c[a0].cp == '<' || ps->c[a0].cp == 0x300A))
    a0++;
  while (b1 > a0 && (ps->c[b1 - 1].cls == C_SPACE || ps->c[b1 - 1].cp == '>' ||
                     ps->c[b1 - 1].cp == 0x300B))
    b1--;
  long sp = -1, se = -1;
  for (long j = a0; j < b1; j++) {
    if (ps->c[j].cls == C_HAN) continue;
    if (ps->c[j].cls != C_SPACE || (sp >= 0 && se != j)) return -1;
    if (sp < 0) sp = j;
    se = j + 1;
  }
  if (sp < a0 + 2 || se > b1 - 2) return -1; /* two characters at least on each side */
  for (long j = sp; j < se; j++)
    if (ps->c[j].flags & F_PROT || ps->c[j].act != A_NONE) return -1;
  const char *a = t + ps->c[a0].off, *bs = t + ps->c[se].off, *be = t + ps->c[b1].off;
  size_t na = (size_t)(t + ps->c[sp].off - a), nb = (size_t)(be - bs);
  /* a commentary, a selection or a translation of the book is a book of its own (《论语新解》,
   * 《孟子译注》, 《史记选读》: review 13 R7): its space was a slip */
  static const char *const works[] = {"新解", "译注", "选读", "注释", "今注今译", "集解", "选", "译",
                                      "注", "今译", "解读", "导读", "精读", "讲义", "译评", "选注",
                                      "新编", "通释", "校注", "校释", "集注", "讲记", "新注", "详解",
                                      "全译", "译解", "别裁", "鉴赏", "研究", "简介", "概论", "入门"};
  for (size_t i = 0; i < sizeof works / sizeof *works; i++) {
    size_t n = strlen(works[i]);
    if (nb >= n && !memcmp(be - n, works[i], n)) return -1;
  }
  /* a chapter by its form: 本纪 世家 列传, or 篇 卷 after two characters at least (劝学篇; not
   * 诗篇) */
  static const char *const ends[] = {"本纪", "世家", "列传"};
  for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
    size_t n = strlen(ends[i]);
    if (nb > n && !memcmp(be - n, ends[i], n)) return sp;
  }
  if (nb >= 9 && (!memcmp(be - 3, "篇", 3) || !memcmp(be - 3, "卷", 3))) return sp;
  static const char first_kind[] = "回章卷篇节部集幕课册";
  if (nb >= 9 && !memcmp(bs, "第", 3)) {
    for (size_t i = 0; i + 3 <= sizeof first_kind - 1; i += 3)
      if (!memcmp(be - 3, first_kind + i, 3)) return sp;
  }
  static const char *const books[] = {
      "论语", "孟子", "庄子", "荀子", "老子", "墨子", "韩非子", "诗经", "尚书", "礼记", "周易",
      "易经", "左传", "史记", "汉书", "后汉书", "三国志", "战国策", "楚辞", "道德经", "吕氏春秋",
      "孙子兵法", "资治通鉴", "淮南子", "论衡", "文心雕龙", "世说新语", "論語", "莊子", "詩經",
      "禮記", "史記", "漢書", "後漢書", "三國志", "戰國策", "楚辭", "道德經", "呂氏春秋", "資治通鑑"};
  for (size_t i = 0; i < sizeof books / sizeof *books; i++)
    if (strlen(books[i]) == na && !memcmp(a, books[i], na)) return sp;
  return -1;
}

/* Whether the white space at cell k follows a Markdown marker that is all the block holds
 * before it: a heading's # to ######, a list's - * + or 1., a quotation's > (> >): the
 * space is the marker's (# “双减”政策…, - 《安全手册》…: removed before “ 《 （ 【, the heading
 * or item was one no more; probe 13 C1). */
static bool md_marker_space(const punct_stage *ps, long k) {
  if (k < 1 || k > 8) return false;
  uint32_t a = ps->c[0].cp;
  if (a == '#') {
    for (long j = 1; j < k; j++)
      if (ps->c[j].cp != '#') return false;
    return k <= 6;
  }
  if (a == '>') {
    for (long j = 1; j < k; j++)
      if (ps->c[j].cp != '>' && ps->c[j].cls != C_SPACE) return false;
    return true;
  }
  /* (and a bullet of Chinese copy, · • ・ ･ (· 焯水一定要冷水下锅: probe 20 L5); • ● ■ keep it
   * anyway, being no CJK mark) */
  if (k == 1)
    return a == '-' || a == '*' || a == '+' || a == 0xB7 || a == 0x2022 || a == 0x30FB || a == 0xFF65;
  long j = 0;
  while (j < k && ps->c[j].cls == C_DIGIT) j++;
  /* (1. only: the ) of 1) becomes ） by the width rule, and the space after a label in （）
   * goes as before: 1） 准考证 kept its space only until a second --fix) */
  return j >= 1 && j == k - 1 && ps->c[j].cp == '.';
}

static bool english_quote(const punct_stage *ps, long r);

/* Whether a mark of the block is a colon once decided (： or :). */
static int has_colon(const punct_stage *ps) {
  for (size_t x = 0; x < ps->nnm; x++) {
    uint32_t f = fin(&ps->c[ps->nm[x]]);
    if (f == 0xFF1A || f == ':') return 1;
  }
  return 0;
}

/* The classes of a cell beside white space that takes no space away: all but white space and
 * C_CJKP (pass_spaces removes white space beside a CJK mark, between Han characters, or in OCR
 * text between digits). qg_punct_space_side_inert is the same test on a code point, by the class
 * decode_cells gives it: with qg_cp_is_cjk_punct false on every one of them (decode_cells puts
 * every CJK mark in C_CJKP; the unit test test_punct.c checks every code point), R_SPACE cannot
 * see a CJK mark in such a cell while it is undecided. */
static inline bool inert_class(unsigned cls) { return cls != C_CJKP && cls != C_SPACE; }

/* Cell c (undecided: fin is its own code point, 0 for a common Han character) */
static inline bool space_side_inert(const cell *c) { return c->act == A_NONE && inert_class(c->cls); }

bool qg_punct_space_side_inert(uint32_t cp) {
  if (cp < 0x80) return inert_class(ascii_info[cp] & A_CLS);
  return inert_class(high_class(cp));
}

/* White space k..m removed by rule: its first cell deleted under the rule, the rest with it
 * (F_CONT: part of the first cell's change). */
static void del_run(punct_stage *ps, long k, long m, int rule) {
  ps->c[k].act = A_DEL;
  ps->c[k].rule = (uint8_t)rule;
  for (long j = k + 1; j <= m; j++) {
    ps->c[j].act = A_DEL;
    ps->c[j].flags |= F_CONT;
  }
}

static void pass_spaces(punct_stage *ps, const qg_block *b) {
  const char *t = b->text.ptr;
  bool body = b->kind == QG_KIND_P || b->kind == QG_KIND_CAPTION;
  size_t dateline = b->dateline_len ? b->dateline_len : b->kind == QG_KIND_P ? guess_dateline(ps) : 0;
  size_t credit = dateline ? dateline_credit(ps, t, dateline) : 0; /* probe 9a F16 */
  if (credit > dateline) dateline = credit;
  /* (a jump note that opens the paragraph keeps the space after it as a dateline does:
   * 接第1版 项目全部建成后… was glued into 接第1版项目…; probe 17 P2) */
  /* (looked for when a space first asks: SIZE_MAX until then) */
  if (!dateline) dateline = SIZE_MAX;
  bool prose = false, vbars = false;
  for (size_t x = 0; x < ps->nnm && !prose; x++) prose = sentence_mark(fin(&ps->c[ps->nm[x]]));
  /* (a ︱ or ｜ among the marks of a text without a sentence: a headline, a row) */
  for (size_t x = 0; ps->nnsp && x < ps->nnm && !prose && !vbars; x++) {
    uint32_t m = fin(&ps->c[ps->nm[x]]);
    vbars = m == 0xFE31 || m == 0xFF5C;
  }
  int cells = -1; /* qg_text_spaced_cells, when asked */
  /* (a row whose label is longer than row_like's ten characters, 基本每股收益（元/股）    0.86
   * 0.75    14.67%, is still a row when qg_text_gap_cells reads cells with figures in it:
   * the gap after its bracket is the column; probe 42 M3, session 43) */
  int fcells = !prose && ps->nnsp ? qg_text_gap_cells(t, b->text.len) : 0;
  bool row = !prose && ps->nnsp && (row_like(ps) || fcells > 0); /* probe 9a F4 */
  /* (a row of figures (qg_text_gap_cells): a wide gap, two white-space characters or more, a tab or
   * an ideographic space, is a column there, whatever mark it stands beside) */
  bool figure_row = row && fcells > 0;
  bool ocr = body && prose && ocr_spaced(ps); /* probe 10a F20 */
  /* (a songbook's lyrics under their notes, a line of its own whose syllables stand apart to sit
   * under the notes, 我 爱 北 京 天 安 门，, keeps its spaces: session 24) */
  bool sung = body && prose && b->own_line && qg_text_sung_line(t, b->text.len);
  /* hashtag_space needs a # in the block, the test for separator bars a | (ASCII only: cheap) */
  bool hash = has_ascii(ps, '#'), bars = has_ascii(ps, '|');
  /* name_list and short_list need a colon before their items (items_after_colon: a cell whose
   * fin is ： or :, a mark, which this pass never changes) */
  int colon = -1; /* (-1: not yet looked for; the loop below changes only white space, so the
                   * marks' fins, read when a space first asks, are what they were here) */
  /* a bracketed attribution holds no sentence: （记者 王嘉晨） （孟素芬 摄）; nor does a title in
   * 《》 whose space separates a 词牌 from its title or the halves of a 回目: 《念奴娇 赤壁怀古》,
   * 《贾雨村夤缘复旧职 林黛玉抛父进京都》 (probe 12b B9) */
  if (body && prose) {
    /* (the opens come in order of cells: the first sentence mark after the last one is kept
     * until an open passes it, and a bracket inside one already marked marks nothing more, so
     * nested brackets are linear, probe D5) */
    long sm = -1, marked = 0;
    size_t xm = 0;
    for (size_t i = 0; i < ps->nev; i++) {
      const event *e = &ps->ev[i];
      if ((e->fam != FAM_P && e->fam != FAM_B && e->fam != FAM_Q) || e->dir != D_OPEN ||
          e->partner < 0)
        continue;
      long o = e->k, c = ps->ev[e->partner].k;
      /* (a quotation: only the two halves of a couplet, a 回目 quoted outside 《》:
       * “贾雨村夤缘复旧职 林黛玉抛父进京都”, probe 20 M7) */
      if (e->fam == FAM_Q && !couplet_halves(ps, o, c) && (ocr || !slogan_halves(ps, o, c)))
        continue;
      if (e->fam == FAM_B) {
        long sp = book_chapter(ps, t, o, c);
        if (sp >= 0) { /* its first white space becomes ·, the rest of the run goes with it */
          set_cp(ps, &ps->c[sp], 0xB7, R_INTERPUNCT);
          for (long j = sp + 1; j < c && ps->c[j].cls == C_SPACE && ps->c[j].act == A_NONE; j++) {
            ps->c[j].act = A_DEL;
            ps->c[j].rule = (uint8_t)R_INTERPUNCT;
            ps->c[j].flags |= F_CONT;
          }
        }
        if (sp >= 0 || !title_halves(ps, o, c)) continue;
      }
      if (sm >= 0 && sm <= o) sm = -1;
      if (sm < 0) {
        while (xm < ps->nnm && (long)ps->nm[xm] <= o) xm++;
        size_t y = xm;
        while (y < ps->nnm && !sentence_mark(fin(&ps->c[ps->nm[y]]))) y++;
        sm = y < ps->nnm ? (long)ps->nm[y] : LONG_MAX;
      }
      /* a sentence inside (not the ？ or ！ that ends a title's or a slogan's halves: those are
       * all the pair holds besides Han and its space) */
      if (sm < c && !(e->fam != FAM_P && sm >= halves_end(ps, o, c))) continue;
      for (long j = o + 1 > marked ? o + 1 : marked; j < c; j++) ps->c[j].flags |= F_ATTRIB;
      if (c > marked) marked = c;
    }
  }
  /* a heading spaced out character by character loses its letter-spacing */
  bool spaced_head = !body && ps->nnsp >= 4 && spaced_heading(ps, b);
  /* two columns read across (column_gaps): their gaps stay, the paragraph is reported */
  int columns = 0;
  if (body && prose && !ocr && ps->nnsp >= 2) {
    long first, first_end;
    size_t dl = dateline == SIZE_MAX ? qg_text_jump_lead(t, b->text.len) : dateline;
    columns = column_gaps(ps, dl ? dl : SIZE_MAX, &first, &first_end);
    if (columns) note(ps, &ps->c[first], N_COLUMNS, first_end);
    ps->columns = columns;
  }
  long resume = 0; /* cells before it were taken by the previous cell's run */
  ns_memo mp = {0, -1}, mn = {-1, -1}, mqb = {-1, -1}, mqf = {-1, -1};
  /* (a clause space of a post of strength 2 in the paragraph (post_sentence): -1 not yet
   * known) */
  int strong = -1, mixed = -1; /* (mixed: clause marks in the paragraph, post_mixed) */
  for (size_t x = 0; x < ps->nnsp; x++) {
    long k = ps->nsp[x];
    if (k < resume) continue;
    cell *c = &ps->c[k];
    if (c->cls != C_SPACE || c->flags & F_PROT || c->act != A_NONE) continue;
    long m = k;
    while (m + 1 < (long)ps->nc && ps->c[m + 1].cls == C_SPACE && !(ps->c[m + 1].flags & F_PROT) &&
           ps->c[m + 1].act == A_NONE)
      m++;
    /* (session 35) a run between cells that take no space away (space_side_inert; or the
     * block's edge), not Han on both sides, outside OCR text: no rule below takes it, and
     * nothing below but a rule changes a cell (the tests are reads; the memos of prev_ns_m and
     * next_ns_m hold for any subsequence of the queries; the lazy values dateline, colon,
     * cells, mixed and strong are made only for Han on both sides). R_SPACE wants a CJK mark
     * on one side: l and r are the cells beside the run (undecided and no white space, so
     * prev_ns and next_ns stop there; -1 at an edge), fl and fr their own code points, 0 or
     * none: no CJK mark (qg_punct_space_side_inert). R_HANSPACE wants Han on both sides,
     * R_NUMSPACE OCR text. Most runs of the mixed bench copy (of its text's runs of white
     * space, about three in four lie between such characters: a Latin word beside Han, another
     * word or an ASCII mark) */
    if (spaced_head) {
      del_run(ps, k, m, R_SPACED);
      k = m;
      resume = k + 1;
      continue;
    }
    bool inert = !ocr && (k == 0 || space_side_inert(&ps->c[k - 1])) &&
                 (m + 1 == (long)ps->nc || space_side_inert(&ps->c[m + 1])) &&
                 !(k > 0 && m + 1 < (long)ps->nc && ps->c[k - 1].cls == C_HAN && ps->c[m + 1].cls == C_HAN);
#ifndef QG_CHECK_SPACES
    if (inert) {
      k = m;
      resume = k + 1;
      continue;
    }
#endif
    if (md_marker_space(ps, k) && m + 1 < (long)ps->nc) { /* (not before a clause mark: no
                                                            * item opens with ，) */
      uint32_t nx = fin(&ps->c[m + 1]);
      if (!(nx == 0xFF0C || nx == 0x3002 || nx == 0x3001 || nx == 0xFF1B || nx == 0xFF1A ||
            nx == 0xFF01 || nx == 0xFF1F || nx == ',' || nx == '.' || nx == ';')) {
        k = m;
        resume = k + 1;
        continue;
      }
    }
    long l = prev_ns_m(ps, k, &mp), r = next_ns_m(ps, m, &mn);
    uint32_t fl = l >= 0 ? fin(&ps->c[l]) : 0, fr = r >= 0 ? fin(&ps->c[r]) : 0;
    /* past curly quotes: “yes” “no” in English keeps its space (latin_l and latin_r are read
     * only beside a mark of ambiguous width, fr and fl: looked for only there; the memos hold
     * for any subsequence of the queries) */
    bool latin_l = ps->english, latin_r = ps->english;
    if (fr && ambiguous_width(fr) && !latin_l) {
      long lq = l < 0 ? -1 : past_quotes_back_m(ps, l, &mqb);
      latin_l = lq >= 0 && (ps->c[lq].cls == C_LATIN || ps->c[lq].cls == C_DIGIT);
      /* (or an English sentence's ASCII mark right after a word, before a quotation that
       * opens with two English words: statement, “We are…”: the space is the English side's;
       * session 28. Not before a Chinese one: AN, “-”打头, LCP; ‘z’获得) */
      if (!latin_l && lq > 0 && l == lq && r == m + 1) {
        uint32_t q = fin(&ps->c[lq]);
        latin_l = (q == ',' || q == ';' || q == ':' || q == '.' || q == '!' || q == '?') &&
                  (ps->c[lq - 1].cls == C_LATIN || ps->c[lq - 1].cls == C_DIGIT) &&
                  english_quote(ps, r);
      }
    }
    if (fl && ambiguous_width(fl) && !latin_r) {
      long rq = past_quotes_fwd_m(ps, r, &mqf);
      latin_r = rq >= 0 && (ps->c[rq].cls == C_LATIN || ps->c[rq].cls == C_DIGIT);
    }
    int rule = R_NONE;
    /* white space that is all a bracket pair holds is a blank to fill in (（　　）; probe 8 E7) */
    if (l == k - 1 && r == m + 1 &&
        (((fl == 0xFF08 || fl == '(') && (fr == 0xFF09 || fr == ')')) ||
         ((fl == 0x3010 || fl == '[') && (fr == 0x3011 || fr == ']')))) {
      k = m;
      resume = k + 1;
      continue;
    }
    /* white space before the second and later options or answers of a line (A.憧憬(chōng)　B.惬意,
     * 答案：（1）B （2）D): it separates the items (probe 11a F9) */
    /* white space on both sides of a separator bar stays on both (美如画 | 【视频】: probe 11a F28;
     * the vertical ︱ and the full-width ｜ too, which the chars stage keeps where they separate,
     * in a text without a sentence, a headline or a row, “独家” ︱ 王五: the stop note of
     * session 17) */
    bool bar = (bars || vbars) &&
               ((l == k - 1 && ((fl == '|' && bars) || fl == 0xFE31 || fl == 0xFF5C) && l > 0 &&
                 ps->c[l - 1].cls == C_SPACE && !clause_cp(fr) && !sentence_mark(fr)) ||
                (r == m + 1 && ((fr == '|' && bars) || fr == 0xFE31 || fr == 0xFF5C) &&
                 r + 1 < (long)ps->nc && ps->c[r + 1].cls == C_SPACE && !clause_cp(fl) &&
                 !sentence_mark(fl)));
    if ((columns && c->flags & F_COLGAP) ||
        (!body && phrase_space(ps, l, r, fl, fr)) || (row && row_space(ps, k, m, l, r, fl, fr)) ||
        (figure_row && wide_gap(ps, k, m)) ||
        label_space(ps, k) || bar || 
        (r == m + 1 && ((fr >= 'B' && fr <= 'H') || fr == '(' || fr == 0xFF08) && option_space(ps, l, r))) {
      k = m; /* a headline's phrases, a row's cells (probe 9a F26), 第一条　(F3) */
      resume = k + 1;
      continue;
    }
    if ((fl && qg_cp_is_cjk_punct(fl) && (!ambiguous_width(fl) || !latin_r)) ||
        (fr && qg_cp_is_cjk_punct(fr) && (!ambiguous_width(fr) || !latin_l))) {
      /* (not a form's blank after a colon: probe 22 H8) */
      if (!(l == k - 1 && (m > k || c->cp == 0x3000) && colon_cp(fl) && form_blank(ps, k, m, l, r, prose)))
        rule = R_SPACE;
    } else if (body && prose && !sung && l >= 0 && r >= 0 && ps->c[l].cls == C_HAN && ps->c[r].cls == C_HAN &&
             !(c->flags & F_ATTRIB) &&
             !(c->off <= (dateline == SIZE_MAX ? (dateline = qg_text_jump_lead(t, b->text.len))
                                               : dateline) &&
               dateline) &&
             !credit_space(ps, t, l, r) &&
             !((colon < 0 ? (colon = has_colon(ps)) : colon) &&
               (name_list(ps, l, r) || short_list(ps, t, l, r) || field_space(ps, k, m, l, r))) &&
             !mention_space(ps, l) && !rank_space(ps, l, r) &&
             !(hash && hashtag_space(ps, l, r)) &&
             !(cells < 0 ? (cells = qg_text_spaced_cells(t, b->text.len)) : cells)) {
      /* (not in a row's cells, counted once a block: probe 26 H5) */
      rule = R_HANSPACE;
      /* a clause space of a web post (probe 20 M1): kept; a weak one only when the paragraph
       * has a strong one */
      int post = 0;
      if (!ocr && l == k - 1 && r == m + 1) {
        if (mixed < 0) mixed = post_mixed(ps);
        /* (with clause marks, a space after no final particle is at most weak: looked at only
         * when the paragraph has a strong one, which needs such a particle) */
        bool weak_only = mixed == 1 && !mixed_evidence(ps, k);
        if (weak_only && strong < 0) strong = post_strong(ps, true);
        post = weak_only && strong != 1 ? 0 : post_sentence(ps, k, mixed == 1);
      }
      if (post == 1 && strong < 0) strong = post_strong(ps, mixed == 1); /* (rare) */
      if (post == 2 || (post == 1 && strong == 1)) rule = R_NONE;
    } else if (ocr && l == k - 1 && r == m + 1 && m == k && !(c->flags & F_ATTRIB) &&
             number_space(ps, l, r))
      rule = R_NUMSPACE;
#ifdef QG_CHECK_SPACES
    /* a debug build (-DQG_CHECK_SPACES) runs the rules on the runs the test above passes over,
     * and aborts when one would take such a run */
    if (inert && rule) {
      fprintf(stderr, "QG_CHECK_SPACES: rule %d takes a run the skip passes over\n", rule);
      abort();
    }
#else
    (void)inert;
#endif
    if (rule) del_run(ps, k, m, rule);
    k = m;
    resume = k + 1;
  }
}

/* ---- hyphen ranges ------------------------------------------------------------------------ */

/* A figure (digits, perhaps a decimal part) ends at cell j: its value and first cell, or -1. */
static bool group_comma(const punct_stage *ps, long j) { /* 5,000: a comma between a digit and
                                                            * three digits, no fourth */
  long nc = (long)ps->nc;
  if (ps->c[j].cp != ',' || j < 1 || j + 3 >= nc || ps->c[j - 1].cls != C_DIGIT) return false;
  for (long q = j + 1; q <= j + 3; q++)
    if (q >= nc || ps->c[q].cls != C_DIGIT) return false;
  return j + 4 >= nc || ps->c[j + 4].cls != C_DIGIT;
}

static long figure_back(const punct_stage *ps, long j, double *v) {
  long e = j;
  /* (a grouped figure, 5,000-9,000元, reads through its commas: probe 26 L4) */
  while (j >= 0 && e - j < 16 &&
         (ps->c[j].cls == C_DIGIT || ps->c[j].cp == '.' || group_comma(ps, j)))
    j--;
  long s = j + 1;
  if (s > e || ps->c[s].cls != C_DIGIT || ps->c[e].cls != C_DIGIT) return -1;
  char d[20];
  long nd = 0, dots = 0;
  for (long q = s; q <= e; q++) {
    if (ps->c[q].cp == ',') continue;
    dots += ps->c[q].cp == '.';
    d[nd++] = (char)ps->c[q].cp;
  }
  d[nd] = '\0';
  if (dots > 1 || (d[0] == '0' && nd > 1 && d[1] != '.')) return -1; /* 0372, 1.2.3 */
  *v = strtod(d, NULL);
  return s;
}

/* The length in cells of a unit word of unit_quantity (公里, 小时, cm; not 年 月 日 时, whose
 * spans are the span dash's) that ends right before cell k and follows a digit, or 0. */
static long unit_word_before(const punct_stage *ps, long k) {
  if (k < 2 || (ps->c[k - 1].cls != C_HAN && ps->c[k - 1].cls != C_LATIN)) return 0;
  for (long L = 4; L >= 1; L--) {
    long ulen = 0;
    if (k - L - 1 < 0 || ps->c[k - L - 1].cls != C_DIGIT) continue;
    if (!unit_quantity(ps, k - L, &ulen) || ulen != L) continue;
    uint32_t u = cell_cp(ps, &ps->c[k - L]);
    if (L == 1 && (u == 0x5E74 || u == 0x6708 || u == 0x65E5 || u == 0x65F6)) return 0;
    return L;
  }
  return 0;
}

/* Do the uw cells at a and at b spell the same unit word, the one at b ending there (no letter
 * after an ASCII unit, no longer unit word: 3米-5米 but not 3m-5mm)? */
static bool same_unit_word(const punct_stage *ps, long a, long b, long uw) {
  long nc = (long)ps->nc, ulen = 0;
  if (b + uw > nc) return false;
  for (long q = 0; q < uw; q++)
    if (cell_cp(ps, &ps->c[a + q]) != cell_cp(ps, &ps->c[b + q])) return false;
  return unit_quantity(ps, b, &ulen) && ulen == uw;
}

/* 4-6h, 0.5-1g, 36.3℃-37.2℃, 25-45岁, 2-3名: a hyphen between two figures after Chinese text,
 * the second with a unit, the first smaller, is a range written with the identifier's mark
 * (probe 12b B22). GB/T 15834 4.13.3.2 writes a range with ～ (or —), but a hyphen between
 * figures is also an identifier's (表2-8, 0372-5551234, 3-2班, 2-3号楼), so it is reported
 * (punct-ambiguous, suggesting ～), never changed. */
static bool figure_range(const punct_stage *ps, long k) {
  static const uint32_t counts[] = {0x540D /*名*/, 0x4EBA /*人*/, 0x4E2A /*个*/, 0x4F4D /*位*/,
                                    0x6B21 /*次*/, 0x500D /*倍*/, 0x5143 /*元*/, 0x4E07 /*万*/,
                                    0x4EBF /*亿*/, 0x5BB6 /*家*/, 0x9879 /*项*/, 0x4EF6 /*件*/,
                                    /* (风力3-4级, 震级4-5级: probe 17 P18) */
                                    0x7EA7 /*级*/, 0x7D1A /*級*/,
                                    /* a dose's (每次2-3片, 每分钟40-60滴: probe 39 M2; 片区 no) */
                                    0x7247 /*片*/, 0x7C92 /*粒*/, 0x6EF4 /*滴*/, 0x4E38 /*丸*/,
                                    0x888B /*袋*/,
                                    /* (字数在5000-8000字之间, 每期200-300篇: probe 41 F6) */
                                    0x5B57 /*字*/, 0x7BC7 /*篇*/, 0x672C /*本*/, 0x9996 /*首*/,
                                    0x4EFD /*份*/, 0x5957 /*套*/, 0x53F0 /*台*/, 0x8F86 /*辆*/,
                                    0x6237 /*户*/, 0x682A /*株*/, 0x68F5 /*棵*/};
  static const uint32_t labels[] = {0x8868 /*表*/, 0x56FE /*图*/, 0x5F0F /*式*/, 0x4F8B /*例*/,
                                    0x9898 /*题*/, 0x53F7 /*号*/, 0x7B2C /*第*/, 0x9875 /*页*/,
                                    0x4EF6 /*件*/, 0x7AE0 /*章*/, 0x8282 /*节*/, 0x6761 /*条*/,
                                    0x6B3E /*款*/, 0x7248 /*版*/, 0x5F20 /*张*/, 0x8F66 /*车*/};
  long nc = (long)ps->nc;
  const cell *c = &ps->c[k];
  if (c->act != A_NONE || c->note || k < 1 || k + 2 >= nc) return false;
  /* the left figure, perhaps with a sign unit (36.3℃-) */
  long j = k - 1;
  uint32_t u1 = 0;
  if (unit_sign(ps->c[j].cp) || pct_sign(ps->c[j].cp) == '%') u1 = pct_sign(ps->c[j].cp), j--;
  else if (j >= 1 && ps->c[j].cls == C_HAN && ps->c[j - 1].cls == C_DIGIT &&
           (cell_cp(ps, &ps->c[j]) == 0x4E07 || cell_cp(ps, &ps->c[j]) == 0x4EBF))
    u1 = cell_cp(ps, &ps->c[j]), j--; /* 80万-130万元 (probe 27 M3) */
  /* a unit word on both figures of a hyphen, 3.5公里-4公里 (probe 36 F4; the 一字线 of 5公斤—10公斤
   * stays unreported, session 9's F9) */
  long uw = u1 || (c->cp != '-' && c->cp != 0xFF0D) ? 0 : unit_word_before(ps, k);
  j -= uw;
  double v1, v2;
  long s1 = j >= 0 ? figure_back(ps, j, &v1) : -1;
  if (s1 < 0) return false;
  /* Chinese text before it, no label or identifier (表2-8, WZ-10, 0.5-1.0-2.0); or the start of
   * the block when a unit word is on both figures (30岁-40岁的人群…: no identifier has them, and
   * after Chinese text the same range took ～; session 38, probe 38) */
  long p = s1 - 1;
  /* (house style that sets figures apart from Han text by a space, 花了 3-4 个月, 在 8000-10000 人
   * 之间: one space after Han text before the first figure when one stands between the second
   * and a unit of Han too, as 3-4个月 is read; probe 47 L2: neither reported nor changed) */
  bool spaced = false;
  if (p >= 1 && ps->c[p].cp == ' ' && !uw && !u1 && is_han(ps, p - 1)) {
    long q = k + 1;
    while (q < nc && (ps->c[q].cls == C_DIGIT || ps->c[q].cp == '.' || group_comma(ps, q))) q++;
    if (q + 1 < nc && ps->c[q].cp == ' ' && is_han(ps, q + 1)) p--, spaced = true;
  }
  if (p < 0 && !uw) return false;
  if (p >= 0 && (!cjk_side(ps, p) || ps->c[p].cls == C_SPACE)) return false;
  /* (a full-width minus before the first figure, －3－5℃, as the ASCII one, -3-5℃, which is no
   * Chinese side: its reading is not certain) */
  if (p >= 0 && c->cp == 0xFF0D && ps->c[p].cp == 0xFF0D) return false;
  if (p >= 0 && ps->c[p].cls == C_HAN) {
    uint32_t h = cell_cp(ps, &ps->c[p]);
    for (size_t q = 0; q < sizeof labels / sizeof *labels; q++)
      if (h == labels[q]) return false;
  }
  /* the right figure and its unit */
  long e = k + 1;
  while (e < nc && (ps->c[e].cls == C_DIGIT || ps->c[e].cp == '.' || group_comma(ps, e))) e++;
  if (e == k + 1 || e >= nc || figure_back(ps, e - 1, &v2) != k + 1 || !(v1 < v2)) return false;
  /* (a space between the second figure and a unit of Han, 2-3 次: the house style above, or a
   * space after the figure alone; read as 2-3次) */
  if (!uw && !u1 && e + 1 < nc && ps->c[e].cp == ' ' && is_han(ps, e + 1)) e++;
  else if (spaced) return false;
  uint32_t u = cell_cp(ps, &ps->c[e]);
  long ulen = 0;
  bool unit = false;
  if (uw) unit = same_unit_word(ps, k - uw, e, uw);
  else if (u1) unit = pct_sign(u) == u1;
  else if (unit_sign(u) || pct_sign(u) == '%') unit = true;
  else if (ps->c[e].cls == C_LATIN && u < 0x80) {
    long q = e;
    while (q < nc && ps->c[q].cls == C_LATIN && ps->c[q].cp < 0x80 && q - e < 4) q++;
    /* (a size of data or a frequency: 200-300GB, 2-4GHz: probe 41 F6) */
    static const char *const data[] = {"KB", "MB", "GB", "TB", "kHz", "MHz", "GHz", "kW"};
    bool datum = false;
    for (size_t x = 0; x < sizeof data / sizeof *data && !datum; x++) {
      size_t L = strlen(data[x]);
      datum = (long)L == q - e;
      for (size_t y = 0; y < L && datum; y++) datum = ps->c[e + (long)y].cp == (uint32_t)data[x][y];
    }
    unit = (q == nc || (ps->c[q].cls != C_LATIN && ps->c[q].cls != C_DIGIT)) &&
           ((q - e == 1 && (u == 'h' || u == 'g' || u == 'm' || u == 'L')) || datum ||
            (unit_quantity(ps, e, &ulen) && ulen == q - e));
  } else if (ps->c[e].cls == C_HAN) {
    /* (not 年 月 日 时: spans of dates and hours are the span dash's, and what it leaves,
     * 10-2月, 12-13月, is no range either) */
    unit = unit_quantity(ps, e, &ulen) != 0 && u != 0x5E74 && u != 0x6708 && u != 0x65E5 &&
           u != 0x65F6;
    for (size_t q = 0; q < sizeof counts / sizeof *counts && !unit; q++) unit = u == counts[q];
    if (unit && u == 0x7247 /*片*/ && e + 1 < nc && cell_cp(ps, &ps->c[e + 1]) == 0x533A /*区*/)
      unit = false; /* (3-5片区: districts of a town, named so) */
    /* a currency named before 元 (美元 欧元 日元 港元 澳元 韩元) or 英镑: 60-120欧元 */
    uint32_t u2 = e + 1 < nc ? cell_cp(ps, &ps->c[e + 1]) : 0;
    if (!unit && (u == 0x7F8E /*美*/ || u == 0x6B27 /*欧*/ || u == 0x65E5 /*日*/ ||
                  u == 0x6E2F /*港*/ || u == 0x6FB3 /*澳*/ || u == 0x97E9 /*韩*/))
      unit = u2 == 0x5143 /*元*/;
    if (!unit && u == 0x82F1 /*英*/) unit = u2 == 0x9551 /*镑*/;
  }
  return unit;
}

/* Is the range mark at cell k one link of a chain of three figures or more (8%－10%－12%,
 * 300元－500元－800元, 8%～10%－12%)? A range mark (- － ~ ～) right after the right figure and its
 * unit e (the cell past them) with a digit after it, or one right before the left figure s1 with
 * a figure (perhaps a unit of up to four cells) before it. Such a chain is no range of two ends:
 * it is left as the ASCII chain is, its first hyphen reported (session 46,
 * review 45 M4: the first － took ～, and a second clean the next). */
static bool range_chain(const punct_stage *ps, long s1, long e) {
  long nc = (long)ps->nc;
  uint32_t m = e + 1 < nc ? ps->c[e].cp : 0;
  if ((m == '-' || m == 0xFF0D || m == '~' || m == 0xFF5E) && ps->c[e + 1].cls == C_DIGIT)
    return true;
  m = s1 >= 2 ? ps->c[s1 - 1].cp : 0;
  if (!(m == '-' || m == 0xFF0D || m == '~' || m == 0xFF5E)) return false;
  for (long q = s1 - 2; q >= 0 && q >= s1 - 6; q--) {
    if (ps->c[q].cls == C_DIGIT) return true;
    if (ps->c[q].cls == C_SPACE || (ps->c[q].cls == C_CJKP && ps->c[q].cp != 0xFF05)) return false;
  }
  return false;
}

/* The cells of a sum's unit that ends at cell e (its 元): 元, a currency before it (美元 欧元 日元
 * 港元 澳元 韩元), a magnitude before those (万元, 亿美元); *mag the magnitude's factor, *cur the
 * currency's character (0: 元 alone). 0 if cell e is no 元. */
static long money_unit_back(const punct_stage *ps, long e, double *mag, uint32_t *cur) {
  *mag = 1, *cur = 0;
  if (e < 1 || cell_cp(ps, &ps->c[e]) != 0x5143 /*元*/) return 0;
  long j = e - 1;
  uint32_t c = cell_cp(ps, &ps->c[j]);
  if (c == 0x7F8E || c == 0x6B27 || c == 0x65E5 || c == 0x6E2F || c == 0x6FB3 || c == 0x97E9)
    *cur = c, j--, c = j >= 0 ? cell_cp(ps, &ps->c[j]) : 0;
  if (c == 0x4E07 /*万*/) *mag = 1e4, j--;
  else if (c == 0x4EBF /*亿*/) *mag = 1e8, j--;
  else if (c == 0x5343 /*千*/) *mag = 1e3, j--;
  return e - j;
}

/* 300元-500元, 12万元-15万元, 8000元-1.2万元, 100美元-200美元 (probe 37 H1, session 37): a hyphen
 * between two sums that both carry 元 (one currency, magnitudes as they come) is a range of
 * money, as 80万-130万元 is (probe 27 M3): no identifier carries 元. It was neither fixed nor
 * reported (300-500元 is reported: figure_range). The first smaller, after Chinese text and
 * no label; *arith: a sign of arithmetic touches the pair (500元-300元 is left, 300元-500元=-200元
 * only reported, as a subtraction of lengths is: probe 36 F4). */
static bool money_range(const punct_stage *ps, long k, bool *arith) {
  long nc = (long)ps->nc;
  if (k < 3 || k + 2 >= nc || ps->c[k - 1].cls != C_HAN || ps->c[k + 1].cls != C_DIGIT) return false;
  double m1, m2, v1, v2;
  uint32_t c1, c2;
  long u1 = money_unit_back(ps, k - 1, &m1, &c1);
  if (!u1) return false;
  long s1 = figure_back(ps, k - 1 - u1, &v1);
  if (s1 < 0) return false;
  long p = s1 - 1;
  if (p < 0 || !cjk_side(ps, p) || ps->c[p].cls == C_SPACE) return false;
  if (ps->c[k].cp == 0xFF0D && ps->c[p].cp == 0xFF0D) return false; /* (as figure_range) */
  if (ps->c[p].cls == C_HAN) {
    uint32_t h = cell_cp(ps, &ps->c[p]);
    if (h == 0x8868 || h == 0x56FE || h == 0x7B2C || h == 0x53F7 || h == 0x9875) return false;
  }
  long e = k + 1;
  while (e < nc && (ps->c[e].cls == C_DIGIT || ps->c[e].cp == '.' || group_comma(ps, e))) e++;
  if (e >= nc || figure_back(ps, e - 1, &v2) != k + 1) return false;
  long z = e; /* past the second unit: at most a magnitude, a currency and 元 */
  while (z < nc && z - e < 3 && ps->c[z].cls == C_HAN && cell_cp(ps, &ps->c[z]) != 0x5143) z++;
  if (z >= nc || money_unit_back(ps, z, &m2, &c2) != z - e + 1 || c1 != c2) return false;
  if (!(v1 * m1 < v2 * m2)) return false;
  uint32_t a = z + 1 < nc ? ps->c[z + 1].cp : 0, b = s1 > 0 ? ps->c[s1 - 1].cp : 0;
  /* (a chain, 300元－500元－800元, only reported, as 300元-500元-800元 is: session 46) */
  *arith = math_cp(a) || math_cp(b) || range_chain(ps, s1, z + 1);
  return true;
}

/* 8%-10%, 3‰-5‰: a range of figure_range's whose two figures both carry a per-cent (or per-mille)
 * sign is no identifier's (an identifier carries no per-cent sign): it takes the 浪纹线 as 8%~10%
 * does (GB/T 15834-2011 4.13.3.2; probe 23 L2: reported as ambiguous), unless a sign of arithmetic
 * touches it (8%-10%=-2%: a subtraction). So do two figures that both carry 万 or 亿, which no
 * identifier does either (总价在80万-130万元之间: probe 27 M3, not even reported). 36.3℃-37.2℃ is still only reported (session 12, B22:
 * a reading of a scale, which a desk may write with a hyphen). */
static bool unit_range(const punct_stage *ps, long k) {
  long nc = (long)ps->nc;
  if (k < 2 || k + 2 >= nc) return false;
  uint32_t u = pct_sign(cell_cp(ps, &ps->c[k - 1]));
  long uw = 1; /* (the unit's cells) */
  if (!(u == '%' || u == 0x2030 || u == 0x4E07 /*万*/ || u == 0x4EBF /*亿*/) &&
      !(uw = unit_word_before(ps, k)))
    return false;
  u = pct_sign(cell_cp(ps, &ps->c[k - uw]));
  long e = k + 1;
  while (e < nc && (ps->c[e].cls == C_DIGIT || ps->c[e].cp == '.')) e++;
  if (e >= nc || pct_sign(cell_cp(ps, &ps->c[e])) != u || !figure_range(ps, k)) return false;
  uint32_t after = e + uw < nc ? ps->c[e + uw].cp : 0;
  long s = k - 1 - uw;
  while (s >= 0 && (ps->c[s].cls == C_DIGIT || ps->c[s].cp == '.')) s--;
  uint32_t before = s >= 0 ? ps->c[s].cp : 0;
  if (range_chain(ps, s + 1, e + uw)) return false;
  return !math_cp(after) && !math_cp(before) && after != 0xFF1D && before != 0xFF1D;
}

/* 4-6h, 0.5-1g, 36.3℃-37.2℃, 25-45岁, 2-3名: a hyphen between two figures after Chinese text,
 * the second with a unit, the first smaller, is a range written with the identifier's mark
 * (probe 12b B22). GB/T 15834 4.13.3.2 writes a range with ～, but a hyphen between
 * figures is also an identifier's (表2-8, 0372-5551234, 3-2班, 2-3号楼), so it is reported
 * (punct-ambiguous, suggesting ～), never changed. */
static __attribute__((noinline)) void note_hyphen_ranges(punct_stage *ps) {
  long nc = (long)ps->nc;
  const char *t = ps->t;
  size_t n = ps->c[nc - 1].off + ps->c[nc - 1].len;
  long k = 0;
  /* the hyphens between a digit (or a sign unit) and a digit, found in the text; their cells by
   * a search forward from the last one (cells are in order of offsets) */
  for (const char *h = memchr(t, '-', n); h; h = memchr(h + 1, '-', n - (size_t)(h + 1 - t))) {
    size_t off = (size_t)(h - t);
    if (off == 0 || off + 1 >= n || !(h[1] >= '0' && h[1] <= '9') ||
        !((h[-1] >= '0' && h[-1] <= '9') || h[-1] == '%' || (unsigned char)h[-1] >= 0x80))
      continue;
    while (k < nc && ps->c[k].off < off) k++;
    if (k >= nc || ps->c[k].off != off) continue;
    if (ps->c[k].cp == '-' && figure_range(ps, k)) note(ps, &ps->c[k], N_HYPHEN_RANGE, k);
  }
}

/* 黄芪30—60g, 20–25℃: a single 一字线 (or en dash) between two figures of one value with a unit, as
 * the hyphen above (not a span of years, months, days or hours: 1995—1998年, （618—907）, 3—5日 keep
 * it, GB/T 15834 4.13.3.1). GB/T 15834 4.13.3.2 writes a range of values generally with ～, so it
 * is reported (punct-ambiguous, suggesting ～) and left as written: an older style that the
 * standard does not forbid outright (probe 20 L8). A full-width hyphen － there is the hyphen's
 * (6－8℃, 2－3片: punct-ambiguous as 6-8℃ is; session 45, probe 45 X1): its cells are in nsq, where
 * note_hyphen_ranges finds the ASCII ones in the text. */
static __attribute__((noinline)) void note_dash_ranges(punct_stage *ps) {
  for (size_t x = 0; x < ps->nnsq; x++) {
    long k = ps->nsq[x];
    uint32_t cp = ps->c[k].cp;
    if ((cp != 0x2014 && cp != 0x2013 && cp != 0xFF0D) || k < 1 || k + 1 >= (long)ps->nc ||
        ps->c[k - 1].cls == C_SPACE || ps->c[k + 1].cls != C_DIGIT || ps->c[k].flags & F_PROT)
      continue;
    if (figure_range(ps, k)) note(ps, &ps->c[k], cp == 0xFF0D ? N_HYPHEN_RANGE : N_DASH_RANGE, k);
  }
}

/* ---- emit --------------------------------------------------------------------------------- */

static int raise_note(punct_stage *ps, qg_block *b, long k) {
  const cell *c = &ps->c[k];
  const cell *e = &ps->c[c->aux];
  const char *t = b->text.ptr;
  qg_pos start, end; /* raised during the edit session, in order of offsets */
  qg_edit_span(&ps->edit, c->off, e->off + e->len, &start, &end);
  int len = (int)(e->off + e->len - c->off);
  qg_ctx *ctx = ps->base.ctx;
  switch (c->note) {
  case N_UNMATCHED:
    return qg_report(ctx, "punct-unmatched", start, end, NULL, NULL, false,
                     "unmatched %.*s in the paragraph", (int)c->len, t + c->off);
  case N_RANGE_AMBIG:
    return qg_report(ctx, "punct-ambiguous", start, end, NULL, NULL, false,
                     "%.*s between numbers of different units: no certain range (a range takes "
                     "～), left as written", len, t + c->off);
  case N_HYPHEN_RANGE:
    return qg_report(ctx, "punct-ambiguous", start, end, NULL, "\xEF\xBD\x9E", false,
                     "hyphen between two figures with a unit: a range takes ～ (浪纹线), an "
                     "identifier keeps it; left as written");
  case N_DASH_RANGE:
    return qg_report(ctx, "punct-ambiguous", start, end, NULL, "\xEF\xBD\x9E", false,
                     "%.*s between two figures with a unit: a range of values takes ～ (浪纹线, "
                     "GB/T 15834 4.13.3.2), a span of time or place —; left as written",
                     (int)c->len, t + c->off);
  case N_COLUMNS:
    return qg_report(ctx, "punct-columns", start, end, NULL, NULL, false,
                     "%d wide gaps in the paragraph, one cutting a sentence: two columns of a "
                     "page read across line by line? The gaps are kept and the halves left as "
                     "they are", ps->columns);
  case N_OUTER_SINGLE:
    return qg_report(ctx, "punct-quote-nesting", start, end, NULL, "\xE2\x80\x9C", false,
                     "single quotes used as the outer quotes: ‘ → “ and its ’ → ” (double "
                     "outside, single inside), left as written");
  case N_CITATION: { /* [1,3) or (2,5]: suggested [1,3], [2,5] */
    qg_buf_clear(&ps->rep);
    if (qg_buf_putc(&ps->rep, '[') ||
        qg_buf_put(&ps->rep, t + c->off + c->len, e->off - c->off - c->len) ||
        qg_buf_putc(&ps->rep, ']'))
      return QG_ERR_NOMEM;
    return qg_report(ctx, "punct-ambiguous", start, end, NULL, ps->rep.ptr, false,
                     "%.*s: a citation takes [ ] (%s, GB/T 7714), a half-open interval two kinds "
                     "of bracket; left as written", len, t + c->off, ps->rep.ptr);
  }
  case N_RANGE_UNIT: {
    /* suggestion: the unit after the left number too */
    qg_buf_clear(&ps->rep);
    long tilde = k;
    while (tilde < (long)c->aux && fin(&ps->c[tilde]) != 0xFF5E) tilde++;
    long l = tilde - 1;
    while (l > k && ps->c[l].cls == C_SPACE) l--;
    char u[4];
    size_t ul = qg_utf8_encode(cell_cp(ps, e), u);
    if (qg_buf_put(&ps->rep, t + c->off, ps->c[l].off + ps->c[l].len - c->off) ||
        qg_buf_put(&ps->rep, u, ul) || qg_buf_put_cp(&ps->rep, 0xFF5E) ||
        qg_buf_put(&ps->rep, t + ps->c[tilde].off + ps->c[tilde].len,
                   e->off + e->len - ps->c[tilde].off - ps->c[tilde].len))
      return QG_ERR_NOMEM;
    return qg_report(ctx, "punct-range-unit", start, end, NULL, ps->rep.ptr, false,
                     "%.*s: the unit %.*s must repeat on both numbers of the range (%s)", len,
                     t + c->off, (int)e->len, t + e->off, ps->rep.ptr);
  }
  }
  return 0;
}

static int cmp_plink(const void *a, const void *b) {
  const struct plink *x = a, *y = b;
  return (x->k > y->k) - (x->k < y->k);
}

/* The pairs (quotation marks, brackets, book-title marks) whose two marks both change: each
 * gets a link number, so that lint --fix applies the two or neither (a half-applied pair would
 * leave “…" in the file). */
static int collect_links(punct_stage *ps) {
  ps->nlk = 0;
  uint32_t npairs = 0;
  for (size_t i = 0; i < ps->nev; i++) {
    const event *e = &ps->ev[i];
    if (e->partner < 0 || e->dir != D_OPEN) continue;
    const cell *c = &ps->c[e->k], *cc = &ps->c[ps->ev[e->partner].k];
    if (c->act == A_NONE || cc->act == A_NONE || c->flags & F_CONT || cc->flags & F_CONT) continue;
    if (ps->nlk + 2 > ps->caplk) {
      size_t cap = ps->caplk ? ps->caplk * 2 : 64;
      struct plink *v = realloc(ps->lk, cap * sizeof *v);
      if (!v) return QG_ERR_NOMEM;
      ps->lk = v;
      ps->caplk = cap;
    }
    npairs++;
    ps->lk[ps->nlk++] = (struct plink){e->k, npairs};
    ps->lk[ps->nlk++] = (struct plink){ps->ev[e->partner].k, npairs};
  }
  if (!npairs) return 0;
  uint32_t base = qg_ctx_link_ids(ps->base.ctx, npairs) - 1;
  for (size_t i = 0; i < ps->nlk; i++) ps->lk[i].link += base;
  qsort(ps->lk, ps->nlk, sizeof *ps->lk, cmp_plink);
  return 0;
}

static int emit_edits(punct_stage *ps, qg_block *b) {
  qg_edit *ed = &ps->edit;
  const char *t = b->text.ptr;
  int rc = collect_links(ps);
  if (rc) return rc;
  size_t li = 0; /* the next link by cell */
  qg_edit_begin(ed, ps->base.ctx, b);
  long resume = 0; /* cells before it were taken by the previous cell's run */
  /* the cells a decision or a note can be on: marks and spaces, unless a digit has a note */
  const uint32_t *list = ps->odd_note ? nh_list(ps) : ps->nms;
  size_t nlist = ps->odd_note ? ps->nnh : ps->nnms;
  for (size_t x = 0; x < nlist && !rc; x++) {
    long k = list[x];
    cell *c = &ps->c[k];
    if (c->act == A_NONE && !c->note) continue; /* (most: nothing to do, whatever resume) */
    if (k < resume) continue;
    if (c->note && (rc = raise_note(ps, b, k))) break;
    if (c->act == A_NONE || c->flags & F_CONT) continue;
    long m = k;
    while (m + 1 < (long)ps->nc && ps->c[m + 1].flags & F_CONT) m++;
    char buf[8];
    const char *rep = buf;
    size_t replen = 0;
    if (c->act == A_CP) replen = qg_utf8_encode(c->rcp, buf);
    else if (c->act == A_STR) rep = rep_str[c->rcp], replen = strlen(rep);
    size_t from = c->off, to = ps->c[m].off + ps->c[m].len;
    int r = c->rule;
    for (long j = k + 1; j <= m; j++)
      if (ps->c[j].note && (rc = raise_note(ps, b, j))) break;
    if (rc) break;
    while (li < ps->nlk && ps->lk[li].k < (uint32_t)k) li++;
    uint32_t link = li < ps->nlk && ps->lk[li].k == (uint32_t)k ? ps->lk[li].link : 0;
    if (link) qg_ctx_set_link(ps->base.ctx, link);
    if (replen)
      rc = qg_edit_replace(ed, from, to - from, rep, replen, rule_id[r], "%s: %.*s → %.*s",
                           rule_msg[r], (int)(to - from), t + from, (int)replen, rep);
    else
      rc = qg_edit_replace(ed, from, to - from, "", 0, rule_id[r], "%s: '%.*s' removed", rule_msg[r],
                           (int)(to - from), t + from);
    if (link) qg_ctx_set_link(ps->base.ctx, 0);
    k = m;
    resume = k + 1;
  }
  if (!rc) rc = qg_edit_end(ed);
  return rc;
}

/* ---- the stage ---------------------------------------------------------------------------- */


static int flush_pending(punct_stage *ps) {
  ps->pending_list = false;
  if (!ps->pending) return 0;
  ps->pending = false;
  return qg_report(ps->base.ctx, "punct-unmatched", ps->pending_start, ps->pending_end, NULL, NULL,
                   false, "unmatched “ in the paragraph (no following paragraph continues the "
                          "quotation)");
}

/* A character that draws a face: above U+007F, no Han, no letter, none of the marks of prose
 * (，。、；：！？“”‘’《》〈〉「」『』【】（）…— ·): ° □ ╯ ︵ ┻ ━ ・ ▽ ＾ ´ ｀ ಠ ◕ … */
static bool face_cp(const punct_stage *ps, const cell *c) {
  uint32_t f = c->cp;
  if (f < 0x80 || c->cls == C_HAN || c->cls == C_LATIN || c->cls == C_SPACE) return false;
  switch (f) {
  case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
  case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x300A: case 0x300B: case 0x3008:
  case 0x3009: case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x3010: case 0x3011:
  case 0xFF08: case 0xFF09: case 0x2026: case 0x2014: case 0xB7: case 0x2015: case 0x22EF:
    return false;
  default: (void)ps; return !qg_cp_is_han(f);
  }
}

/* A character that only faces use (eyes, mouths, arms: review 11 C12): ^ _ ▽ △ ∇ ≧ ≦ ω ε ﹏ ＿
 * ＾ ╯ ╰ ╭ ╮ □ ・ ･ ´ ` ｀ ಠ ◕ ◔ ◡ ‿ ⊙ ﾟ ｡ д Д ∀ ︶ ︿ Ծ; not a rating's ★ ☆, an anonymised
 * name's × ○, arrows, degree or unit signs. */
static bool face_only_cp(uint32_t f) {
  switch (f) {
  case '^': case '_': case '`': case 0x25BD: case 0x25B3: case 0x2207: case 0x2267: case 0x2266:
  case 0x03C9: case 0x03B5: case 0xFE4F: case 0xFF3F: case 0xFF3E: case 0x256F: case 0x2570:
  case 0x256D: case 0x256E: case 0x25A1: case 0x30FB: case 0xFF65: case 0xB4: case 0xFF40:
  case 0x0CA0: case 0x25D5: case 0x25D4: case 0x25E1: case 0x203F: case 0x2299: case 0xFF9F:
  case 0xFF61: case 0x0434: case 0x0414: case 0x2200: case 0xFE36: case 0xFE3F: case 0x053E:
  /* (and, probe 20 M4: the Thai ๑ and ง, the Hangul ㅂ, the Bopomofo ㄒ, ᴗ, and the accents
   * set on eyes: (๑•̀ㅂ•́)و✧, (ㄒoㄒ), (ง'̀-'́)ง) */
  case 0x0E51: case 0x0E07: case 0x3142: case 0x3112: case 0x1D17: case 0x0300: case 0x0301:
    return true;
  default: return false;
  }
}

/* Emoticons (kaomoji, probe 11a F22): a bracket pair ( ) or （ ） of 2 to 16 cells that holds no
 * Han, no digit, no two ASCII letters in a row and no white space only, but a face: two or more
 * of the characters of face_cp and _ ^ (and, with one of those, > < ; ~ * - = ' .): (╯°□°),
 * (・_・;), (^_^), (>_<). It is a picture, not a parenthesis: the pair, what it holds and the face
 * characters touching it outside (╯︵ ┻━┻, with single spaces between them) are protected, left
 * as typed. (°C), (√), (—) are no faces, nor a pair without a character that only faces use
 * (face_only_cp): (★★★★☆), (×××), (↑↓), (°C/℉) (review 11 C12). */
static void protect_kaomoji(punct_stage *ps) {
  long nc = (long)ps->nc;
  for (size_t x = 0; x < ps->nnsq; x++) {
    long o = ps->nsq[x];
    uint32_t oc = ps->c[o].cp;
    if ((oc != '(' && oc != 0xFF08) || ps->c[o].flags & F_PROT) continue;
    long c = o + 1;
    int score = 0, weak = 0;
    bool ok = true, text = false, face = false;
    for (; c < nc && c - o <= 17; c++) {
      const cell *y = &ps->c[c];
      uint32_t f = y->cp;
      if (f == ')' || f == 0xFF09) break;
      if (f == '(' || f == 0xFF08 || y->cls == C_HAN || (y->cls == C_DIGIT && !face_only_cp(f)) ||
          (y->cls == C_LATIN && f < 0x80 && c > o + 1 && ps->c[c - 1].cls == C_LATIN)) {
        ok = false;
        break;
      }
      if (y->cls != C_SPACE) text = true;
      if (face_only_cp(f)) face = true;
      if (face_cp(ps, y) || f == '_' || f == '^') score++;
      else if (f < 0x80 && f && strchr("><;~*-='.", (int)f)) weak++;
    }
    if (!ok || c >= nc || c - o - 1 < 2 || !text || !face || score < 1 || score + (score ? weak : 0) < 2)
      continue;
    long a = o, z = c;
    while (a > 0 && face_cp(ps, &ps->c[a - 1])) a--;
    for (;;) {
      if (z + 1 < nc && face_cp(ps, &ps->c[z + 1])) z++;
      else if (z + 2 < nc && ps->c[z + 1].cp == ' ' && face_cp(ps, &ps->c[z + 2]) && z > c) z += 2;
      else break;
    }
    for (long j = a; j <= z; j++) ps->c[j].flags |= F_PROT;
  }
}

/* An end ornament alone in its block (probe 11a F28): a dash run, one to four Han characters, the
 * same dash run, white space around them (— 完 —, -完-, ——完——): no sentence, left as typed. */
static bool ornament_line(const punct_stage *ps) {
  long nc = (long)ps->nc, a = next_ns(ps, -1), z = nc - 1;
  while (z >= 0 && ps->c[z].cls == C_SPACE) z--;
  if (a < 0 || z - a < 2 || z - a > 20) return false;
  uint32_t d = ps->c[a].cp;
  if (d != 0x2014 && d != '-' && d != 0x2015 && d != 0x2500 && d != 0xFF0D) return false;
  long r = run_of(ps, a, d);
  if (r > 3 || z - r + 1 <= a + r || run_of(ps, z - r + 1, d) != r || (z - r >= 0 && ps->c[z - r].cp == d))
    return false;
  long h = 0;
  for (long j = a + r; j <= z - r; j++) {
    if (ps->c[j].cls == C_HAN) h++;
    else if (ps->c[j].cls != C_SPACE) return false;
  }
  return h >= 1 && h <= 4;
}

/* The tags of LRC lyrics (probe 11a F23): at the block's start or right after a ], a [ with two
 * to six small ASCII letters and a colon, a ] later in the block ([ti:月亮代表我的心], [ar:邓丽君],
 * [offset:+500]): the colon is the file format's, protected like a URL's scheme. */
static void protect_lrc_tags(punct_stage *ps) {
  long nc = (long)ps->nc;
  for (size_t x = 0; x < ps->nnsq; x++) {
    long k = ps->nsq[x];
    if (ps->c[k].cp != '[' || (k > 0 && ps->c[k - 1].cp != ']')) continue;
    long j = k + 1;
    while (j < nc && j - k <= 6 && ps->c[j].cp >= 'a' && ps->c[j].cp <= 'z') j++;
    if (j - k < 3 || j >= nc || ps->c[j].cp != ':') continue;
    long e = j + 1;
    while (e < nc && e - j < 200 && ps->c[e].cp != ']' && ps->c[e].cp != '[') e++;
    if (e >= nc || ps->c[e].cp != ']') continue;
    for (long q = k + 1; q <= j; q++) ps->c[q].flags |= F_PROT; /* (the brackets pair as ever) */
  }
}

/* An end point of an interval starts at cell j: a sign (+ - − ±) perhaps, then ∞, or a figure
 * (digits, a decimal part) perhaps with π or one letter after it (2π, 3a), or a letter (a, x, π)
 * perhaps with digits or subscripts (x1, x₀). The cell after it, or -1. */
static long interval_end_point(const punct_stage *ps, long j, long lim) {
  if (j < lim && (ps->c[j].cp == '+' || ps->c[j].cp == '-' || ps->c[j].cp == 0x2212 || ps->c[j].cp == 0xB1))
    j++;
  if (j >= lim) return -1;
  uint32_t c = ps->c[j].cp;
  bool letter = (c < 0x80 && ps->c[j].cls == C_LATIN) || c == 0x3C0 /*π*/;
  if (c == 0x221E) return j + 1;
  if (ps->c[j].cls == C_DIGIT && c < 0x80) {
    long s = j;
    while (j < lim && j - s < 16 && ((ps->c[j].cls == C_DIGIT && ps->c[j].cp < 0x80) ||
                                     (ps->c[j].cp == '.' && j + 1 < lim && ps->c[j + 1].cls == C_DIGIT)))
      j++;
    if (j < lim && (ps->c[j].cp == 0x3C0 || (ps->c[j].cp < 0x80 && ps->c[j].cls == C_LATIN))) j++;
    return j;
  }
  if (!letter) return -1;
  j++;
  while (j < lim && ((ps->c[j].cp >= '0' && ps->c[j].cp <= '9') || (ps->c[j].cp >= 0x2080 && ps->c[j].cp <= 0x2089)))
    j++;
  return j;
}

/* The value of the end point at cells [j, e) when it is a figure alone, signed perhaps (-2, 0.5),
 * in *v (read as figure_back reads figures); false for ∞, a letter or π. */
static bool interval_value(const punct_stage *ps, long j, long e, double *v) {
  double sign = 1;
  if (j < e && (ps->c[j].cp == '-' || ps->c[j].cp == 0x2212)) sign = -1, j++;
  else if (j < e && ps->c[j].cp == '+') j++;
  if (j >= e || figure_back(ps, e - 1, v) != j) return false;
  *v *= sign;
  return true;
}

/* An English sentence after a Chinese one, as bilingual signs and glossaries set them (probe 20
 * L4): 欢迎光临! Welcome!, 你好,世界! Hello, world!, “再见。”“Goodbye.”. The English starts at cell r
 * with a capital letter, after white space or an opening “ that follows a sentence-end mark (！？。
 * or ! ? . right after Han, perhaps with a closing ” after it); it holds ASCII letters, digits,
 * white space and ' - , ; : . ! ? only, and ends with . ! or ? at the paragraph's end (a closing ”
 * after it allowed) or before white space and Han (the next Chinese sentence). Its marks and the
 * white space before it are the English text's: protected (they became ！ and the space went:
 * 欢迎光临！Welcome！). Narrow on purpose: probe 19 R11's wider test of English sentences holding
 * Chinese words was reverted (it took Chinese paragraphs for English). */
static bool sentence_end_before(const punct_stage *ps, long j) {
  if (j >= 0 && ps->c[j].cp == 0x201D) j--; /* (”“Goodbye) */
  if (j < 0) return false;
  uint32_t c = ps->c[j].cp;
  if (c == 0xFF01 || c == 0xFF1F || c == 0x3002) return true;
  return (c == '!' || c == '?' || c == '.') && j >= 1 && ps->c[j - 1].cls == C_HAN;
}
/* Whether the quotation mark at cell r opens with two English words (“We are …). */
static bool english_quote(const punct_stage *ps, long r) {
  long k = r + 1, n = (long)ps->nc;
  if (k >= n || ps->c[k].cls != C_LATIN) return false;
  while (k < n && (ps->c[k].cls == C_LATIN || ps->c[k].cp == '\'' || ps->c[k].cp == '-')) k++;
  return k + 1 < n && ps->c[k].cp == ' ' && ps->c[k + 1].cls == C_LATIN;
}

/* The English mark of a full-width sentence or clause mark (，。；：！？), 0 for any other. */
static int latin_mark(uint32_t cp) {
  switch (cp) {
  case 0xFF0C: return ',';
  case 0x3002: return '.';
  case 0xFF1B: return ';';
  case 0xFF1A: return ':';
  case 0xFF01: return '!';
  case 0xFF1F: return '?';
  default: return 0;
  }
}

/* Full-width marks in English text (session 28: an English statement or notice set with the
 * Chinese copy's marks, The company said in a statement，“We are committed to quality。”). Whether
 * cells from..to-1 are English: no Han character, no other Chinese mark, no bracket left open or
 * closed from elsewhere, and three words of prose or more, two of them of two or more small
 * letters (not a row of labels, Tel：…，Fax：…, nor of names; parts of a link, an address, a path
 * or code not counted). latin_convert then gives every ，。；：！？ of them its English form. */
static bool latin_words(const punct_stage *ps, size_t from, size_t to) {
  int words = 0, small = 0, depth = 0;
  for (size_t k = from; k < to;) {
    if (ps->c[k].cls == C_HAN) return false;
    /* (a bracket closed or opened in another paragraph is decided as Chinese copy's: conc)。) */
    if (ps->c[k].cp == '(') depth++;
    if (ps->c[k].cp == ')' && --depth < 0) return false;
    /* (a Chinese mark of another kind, （）《》、…, shows Chinese copy) */
    uint32_t cp = ps->c[k].cp;
    if (((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF)) && !latin_mark(cp))
      return false;
    if (ps->c[k].cls != C_LATIN) {
      k++;
      continue;
    }
    size_t j = k;
    bool lower = true;
    for (; j < to && ps->c[j].cls == C_LATIN; j++) lower &= ps->c[j].cp - 'a' < 26u;
    /* a word of prose: white space, a quotation mark or a sentence's mark on either side (not a
     * part of a link, an address, a path or code: info@example.com, -sr/listname_sed, rm)) */
    uint32_t b4 = k > from ? ps->c[k - 1].cp : ' ', af = j < to ? ps->c[j].cp : ' ';
    bool open = b4 == ' ' || b4 == 0x201C || b4 == 0x2018 || b4 == '"' || b4 == '(' ||
                latin_mark(b4) || (b4 && b4 < 0x80 && strchr(",.;:!?", (int)b4));
    bool close = af == ' ' || af == 0x201D || af == 0x2019 || af == '"' || af == ')' ||
                 af == '\'' || latin_mark(af) || (af && af < 0x80 && strchr(",.;:!?", (int)af));
    words += open && close;
    small += open && close && lower && j - k >= 2;
    k = j;
  }
  return words >= 3 && small >= 2 && !depth;
}

/* The ，。；：！？ of latin_words's range take their English forms, a run each to its own with a
 * space after the last only when a word follows at once (not inside a figure or a name). */
static void latin_convert(punct_stage *ps, size_t from, size_t to) {
  static const char marks[] = ",.;:!?";
  for (size_t k = from; k < to; k++) {
    int a = latin_mark(ps->c[k].cp);
    if (!a || ps->c[k].flags & F_PROT || ps->c[k].act != A_NONE) continue;
    /* a run of them (？！, 。。。 → ?!, ...): each its English mark, a space after the last only */
    size_t e = k;
    while (e + 1 < to && latin_mark(ps->c[e + 1].cp) && !(ps->c[e + 1].flags & F_PROT) &&
           ps->c[e + 1].act == A_NONE)
      set_cp(ps, &ps->c[e], (uint32_t)latin_mark(ps->c[e].cp), R_LATIN), e++;
    a = latin_mark(ps->c[e].cp);
    const cell *p = &ps->c[e > 0 ? e - 1 : 0], *q = e + 1 < to ? &ps->c[e + 1] : NULL;
    uint32_t qc = q ? q->cp : 0;
    bool pd = e > 0 && p->cls == C_DIGIT, qd = q && q->cls == C_DIGIT;
    /* a word after it at once: a letter, a figure, an opening quotation mark or bracket (a
     * straight one before a letter) */
    bool word = q && (q->cls == C_LATIN || qd || qc == 0x201C || qc == 0x2018 || qc == '(' ||
                      ((qc == '"' || qc == '\'') && e + 2 < to && ps->c[e + 2].cls == C_LATIN) ||
                      (qc == '+' && e + 2 < to && ps->c[e + 2].cls == C_DIGIT));
    /* no space in a figure (1，000 → 1,000 with three figures after it; 3。5; 12：30, 521：436)
     * nor inside a name (www。example。com: a small letter after a letter or figure) */
    if (word && a == ',' && pd && qd) {
      size_t d = e + 1, f = e;
      while (d < to && ps->c[d].cls == C_DIGIT) d++;
      while (f > from && ps->c[f - 1].cls == C_DIGIT) f--;
      if (d - (e + 1) == 3 && e - f <= 3) word = false; /* (2020，521: a year, then pages) */
    }
    if (word && (a == ':' || a == '.') && pd && qd) word = false;
    if (word && a == '.' && e > 0 && (p->cls == C_LATIN || pd) && qc - 'a' < 26u) word = false;
    if (word)
      set_str(ps, (long)e, 1, S_LATIN + (uint32_t)(strchr(marks, a) - marks), R_LATIN);
    else
      set_cp(ps, &ps->c[e], (uint32_t)a, R_LATIN);
    k = e;
  }
}

/* latin_words and latin_convert over a paragraph with no Han character nor kana, else over each
 * quotation in “ ” that holds none (他在会上说：“We will win，we will。”大家都笑了。) */
static void latin_marks(punct_stage *ps) {
  ps->english = false;
  if (ps->kana || !ps->nnm) return;
  if (!ps->han) { /* (no Han: the whole paragraph) */
    /* (an English paragraph: no mark of it becomes a Chinese one, pass_width; its spaces next to
     * curly quotes stay, pass_spaces; no span dash, span_ctx; a second run of the cleaned text,
     * which has no full-width mark left, must read it so too) */
    ps->english = latin_words(ps, 0, ps->nc);
    if (ps->english) latin_convert(ps, 0, ps->nc);
    return;
  }
  /* (most paragraphs quote nothing: looked for in the text before the cells) */
  const char *t = ps->t, *z = t + ps->c[ps->nc - 1].off + ps->c[ps->nc - 1].len, *q = t;
  while ((q = memchr(q, 0xE2, (size_t)(z - q))) && !(z - q >= 3 && q[1] == '\x80' && q[2] == '\x9C')) q++;
  if (!q) return;
  for (size_t x = 0; x < ps->nnm; x++) {
    size_t o = ps->nm[x];
    if (ps->c[o].cp != 0x201C) continue;
    size_t y = x + 1;
    bool any = false;
    for (; y < ps->nnm && ps->c[ps->nm[y]].cp != 0x201D && ps->c[ps->nm[y]].cp != 0x201C; y++)
      any |= latin_mark(ps->c[ps->nm[y]].cp) != 0;
    if (y >= ps->nnm || ps->c[ps->nm[y]].cp != 0x201D) continue;
    /* (the marks right before the closing quote count: We will win。”) */
    if (any && latin_words(ps, o + 1, ps->nm[y])) latin_convert(ps, o + 1, ps->nm[y]);
    x = y - 1;
  }
}

static void protect_english_after(punct_stage *ps) {
  long nc = (long)ps->nc;
  /* (the English ends with an ASCII . ! or ? at the paragraph's end or before white space or a
   * closing ”: none among the ASCII marks, no English) */
  bool end = false;
  for (size_t x = 0; x < ps->nnw && !end; x++) {
    long z = ps->nw[x];
    uint32_t zc = ps->c[z].cp;
    end = (zc == '.' || zc == '!' || zc == '?') &&
          (z + 1 == nc || ps->c[z + 1].cls == C_SPACE || ps->c[z + 1].cp == 0x201D);
  }
  if (!end) return;
  /* (from the sentence marks, among those pass_doubled looks at: ！？。 ! ? .) */
  for (size_t x = 0; x < ps->nnd; x++) {
    long m = ps->nd[x], k = m + 1;
    uint32_t mc = ps->c[m].cp;
    if (mc != 0xFF01 && mc != 0xFF1F && mc != 0x3002 && mc != '!' && mc != '?' && mc != '.') continue;
    if (k < nc && ps->c[k].cp == 0x201D) k++;
    if (k + 1 >= nc || (ps->c[k].cls != C_SPACE && ps->c[k].cp != 0x201C)) continue;
    long s = k; /* the white space before the English, or the “ that opens it */
    if (ps->c[k].cls == C_SPACE) {
      while (k + 1 < nc && ps->c[k + 1].cls == C_SPACE) k++;
    }
    if (k + 1 >= nc || !(ps->c[k + 1].cp >= 'A' && ps->c[k + 1].cp <= 'Z') ||
        !sentence_end_before(ps, s - 1))
      continue;
    long r = k + 1, e = r;
    /* (Han cells keep no code point: cls first) */
    while (e < nc && e - r < 200 && ps->c[e].cls != C_HAN && ps->c[e].cp && ps->c[e].cp < 0x80 &&
           (ps->c[e].cls == C_LATIN || ps->c[e].cls == C_DIGIT || ps->c[e].cls == C_SPACE ||
            strchr("'-,;:.!?", (int)ps->c[e].cp)))
      e++;
    while (e > r && ps->c[e - 1].cls == C_SPACE) e--;
    /* (e: the first cell after the run) */
    uint32_t last = ps->c[e - 1].cp;
    if (last != '.' && last != '!' && last != '?') continue;
    long after = e;
    if (after < nc && ps->c[after].cp == 0x201D && ps->c[k].cp == 0x201C) after++;
    bool ends = after == nc || (e < nc && ps->c[e].cls == C_SPACE && next_ns(ps, e) >= 0 &&
                                ps->c[next_ns(ps, e)].cls == C_HAN);
    if (!ends) continue;
    /* (two words or more: one Latin word with a . after white space is a name or a label in
     * Chinese text, 你去哪里？ Beijing. 我回答, 销量增长。 Q3. (review 21 L4); one word ending
     * with ! or ?, or in quotes of its own, is an exclamation or a line: Welcome!, “Goodbye.”) */
    bool words = false;
    for (long j = r + 1; j < e && !words; j++)
      words = ps->c[j - 1].cls == C_SPACE && (ps->c[j].cls == C_LATIN || ps->c[j].cls == C_DIGIT);
    if (!words && last == '.' && ps->c[k].cp != 0x201C) continue;
    for (long j = s; j < e; j++)
      if (ps->c[j].cls != C_LATIN && ps->c[j].cls != C_DIGIT && ps->c[j].cp != 0x201C)
        ps->c[j].flags |= F_PROT;
  }
}

/* Words of mathematics around a half-open form at cells o..j (session 22): ∈ ∉ = or a
 * letter (a variable) right before it, white space between allowed (x∈[1,3), x = [1,3)); 区间
 * 定义域 值域 范围 取值 数轴 属于 集合 in the run of Han right before it, eight cells at most
 * (取值范围为[1,100)); 上 or 内 right after it (在[1,3)上单调). */
static bool interval_cue(const punct_stage *ps, long o, long j) {
  long q = o - 1;
  while (q >= 0 && ps->c[q].cls == C_SPACE) q--;
  if (q >= 0) {
    uint32_t p = fin(&ps->c[q]);
    if (p == 0x2208 || p == 0x2209 || p == '=' || p == 0xFF1D || (p < 0x80 && ps->c[q].cls == C_LATIN))
      return true;
  }
  if (j + 1 < (long)ps->nc && ps->c[j + 1].cls == C_HAN) {
    uint32_t a = cell_cp(ps, &ps->c[j + 1]);
    if (a == 0x4E0A /*上*/ || a == 0x5185 /*内*/) return true;
  }
  static const uint32_t cues[][2] = {{0x533A, 0x95F4} /*区间*/, {0x4E49, 0x57DF} /*(定)义域*/,
                                     {0x503C, 0x57DF} /*值域*/,  {0x8303, 0x56F4} /*范围*/,
                                     {0x53D6, 0x503C} /*取值*/,  {0x6570, 0x8F74} /*数轴*/,
                                     {0x5C5E, 0x4E8E} /*属于*/,  {0x96C6, 0x5408} /*集合*/};
  for (long k = q; k >= 1 && k >= q - 7 && is_han(ps, k) && is_han(ps, k - 1); k--) {
    uint32_t a = cell_cp(ps, &ps->c[k - 1]), b = cell_cp(ps, &ps->c[k]);
    for (size_t x = 0; x < sizeof cues / sizeof cues[0]; x++)
      if (cues[x][0] == a && cues[x][1] == b) return true;
  }
  return false;
}

/* Whether the half-open form at cells o..j reads as a reference citation written with a wrong
 * bracket (session 22): both end points whole numbers from 1 (a reference's number: no 0, no
 * sign, no decimal part, no letter), the opening bracket right after Han text or a closing mark
 * (a citation follows what it supports: 研究表明[1,3), 参见文献(2,5]), and no word of
 * mathematics around it (interval_cue). x∈[1,3), 区间[1,3), [0,5) and a bracket that opens the
 * text stay intervals. */
static bool citation_typo(const punct_stage *ps, long o, long j) {
  for (long q = o + 1; q < j; q++) {
    uint32_t c = ps->c[q].cp;
    if (c == ',' || c == ' ') continue;
    if (ps->c[q].cls != C_DIGIT || c < '0' || c > '9') return false;
    if (c == '0' && (q == o + 1 || ps->c[q - 1].cp == ',' || ps->c[q - 1].cp == ' ')) return false;
  }
  if (o < 1) return false;
  const cell *p = &ps->c[o - 1];
  uint32_t pc = fin(p);
  if (p->cls != C_HAN && pc != 0x201D && pc != 0x2019 && pc != 0x300B && pc != 0xFF09 &&
      pc != 0x3011)
    return false;
  return !interval_cue(ps, o, j);
}

/* Half-open intervals (probe 20 H7): [a,b) and (a,b] with two end points (figures, ±∞, letters,
 * signed figures) and a comma between them (one space after it allowed), the brackets of two
 * kinds by design (GB 3102.11). They are mathematics, no pair of marks: neither bracket is
 * paired, widened or reported unmatched (函数在区间[0,1)上 was two punct-unmatched errors and
 * [0,1）). [0,1] and (0,1) are pairs as before. A citation written with a wrong bracket
 * (研究表明[1,3): citation_typo) keeps its brackets as typed too (GB/T 7714: a citation's
 * brackets stay ASCII) and is reported (punct-ambiguous, suggesting [1,3]): the writer meant
 * [1,3] or an interval, which the text alone cannot tell. */
static void protect_intervals(punct_stage *ps) {
  long nc = (long)ps->nc;
  for (size_t x = 0; x < ps->nnsq; x++) {
    long o = ps->nsq[x];
    uint32_t oc = ps->c[o].cp;
    if ((oc != '[' && oc != '(') || ps->c[o].flags & F_PROT) continue;
    long lim = o + 40 < nc ? o + 40 : nc;
    long j = interval_end_point(ps, o + 1, lim), comma = j;
    if (j < 0 || j >= lim || ps->c[j].cp != ',') continue;
    j++;
    if (j < lim && ps->c[j].cp == ' ') j++;
    long b = j;
    j = interval_end_point(ps, j, lim);
    if (j < 0 || j >= lim || ps->c[j].cp != (oc == '[' ? ')' : ']') || ps->c[j].flags & F_PROT) continue;
    /* (review 21: a figure with a thousands separator is no interval, (1,000], unless words
     * of mathematics say it is, 取值范围为[1,100) (session 22); nor are two figures that do
     * not increase, a score (3,2]) */
    double va, vb;
    bool na = interval_value(ps, o + 1, comma, &va), nb = interval_value(ps, b, j, &vb);
    if (na && nb && va >= vb) continue;
    if (na && b == comma + 1 && j - b == 3 && ps->c[o + 1].cp >= '1' && ps->c[o + 1].cp <= '9' &&
        comma - (o + 1) <= 3) {
      bool group = true;
      for (long q = o + 1; q < comma; q++) group = group && ps->c[q].cls == C_DIGIT;
      for (long q = b; q < j; q++) group = group && ps->c[q].cls == C_DIGIT;
      if (group && !interval_cue(ps, o, j)) continue; /* (取值范围为[1,100): an interval) */
    }
    ps->c[o].flags |= F_PROT;
    ps->c[j].flags |= F_PROT;
    if (na && nb && citation_typo(ps, o, j)) note(ps, &ps->c[o], N_CITATION, j);
  }
}

/* The label of a reference entry at cell i: [1] ［12］ 1. 12．, white space after it; the cell
 * after the label, -1 for none. */
static long entry_label(const punct_stage *ps, long i) {
  long nc = (long)ps->nc, j = i;
  if (i < 0 || i >= nc) return -1;
  uint32_t a = ps->c[i].cp;
  if (a == '[' || a == 0xFF3B) j++;
  long d = j;
  while (j < nc && j - d < 3 && ps->c[j].cls == C_DIGIT) j++;
  if (j == d || j >= nc) return -1;
  uint32_t z = ps->c[j].cp;
  if (a == '[' || a == 0xFF3B) {
    if (z != ']' && z != 0xFF3D) return -1;
  } else if (z != '.' && z != 0xFF0E) return -1;
  j++;
  while (j < nc && ps->c[j].cls == C_SPACE) j++;
  return j;
}

/* A reference entry of GB/T 7714 starts at cell s (probe 11a F11; its shape, review 11 C6): the
 * responsible party (authors, or a body), a separator . ． or 。, the title, right after it a
 * document type code in square brackets — one or two capitals, /OL after them for online
 * sources: [J] [M] [C] [D] [N] [R] [S] [P] [EB/OL] [J/OL] — followed by . or //, and a year of
 * 19xx or 20xx after it (张三.题名[J].刊名,2020,36(5):12-18.). 按下键盘上的[F].系统会在2025年…
 * has no party and title before its brackets: no entry. */
static bool reference_entry_at(const punct_stage *ps, long s) {
  long nc = (long)ps->nc, sep = -1;
  int quote = 0, straight = 0, asked = 0;
  for (long k = s; k < nc && k - s <= 300; k++) {
    uint32_t cp = ps->c[k].cp;
    if (sep < 0 && (cp == '.' || cp == 0xFF0E || cp == 0x3002)) {
      if (k == s || ps->c[k - 1].cls == C_SPACE) return false;
      sep = k;
      continue;
    }
    /* no sentence of prose: a semicolon; a quotation, an exclamation or a question only in the
     * title, after the party's separator: a balanced quotation, one ？ or ！ (论“新质生产力”的
     * 内涵[J], 城市绿地研究?[J]: probe 22 H5) */
    if (cp == 0xFF1B || (cp == 0x3002 && sep >= 0)) return false; /* (一个句子。 in the title) */
    if (cp == 0x201C || cp == 0x201D || cp == '"' || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
        cp == '?') {
      if (sep < 0) return false;
      if (cp == 0x201C) {
        if (quote++) return false;
      } else if (cp == 0x201D) {
        if (!quote--) return false;
      } else if (cp == '"') {
        straight ^= 1;
      } else if (asked++) {
        return false;
      }
      continue;
    }
    if (cp != '[') continue;
    if (sep < 0 || k < sep + 2 || ps->c[k - 1].cls == C_SPACE || quote || straight) return false;
    long j = k + 1;
    while (j < nc && j - k <= 2 && ps->c[j].cp >= 'A' && ps->c[j].cp <= 'Z') j++;
    if (j == k + 1 || j - k > 3) return false;
    if (j + 2 < nc && ps->c[j].cp == '/' && ps->c[j + 1].cp == 'O' && ps->c[j + 2].cp == 'L') j += 3;
    if (j + 1 >= nc || ps->c[j].cp != ']') return false;
    uint32_t a = ps->c[j + 1].cp;
    if (!(a == '.' || a == 0x3002 || a == 0xFF0E || (a == '/' && j + 2 < nc && ps->c[j + 2].cp == '/')))
      return false;
    /* and a year of publication after it (19xx, 20xx): 见图[A]. is no entry */
    for (long y = j + 2; y + 3 < nc && y - j < 200; y++)
      if (ps->c[y].cls == C_DIGIT && !is_digit(ps, y - 1) && is_digit(ps, y + 1) && is_digit(ps, y + 2) &&
          is_digit(ps, y + 3) && !is_digit(ps, y + 4) &&
          ((ps->c[y].cp == '1' && ps->c[y + 1].cp == '9') || (ps->c[y].cp == '2' && ps->c[y + 1].cp == '0')))
        return true;
    return false;
  }
  return false;
}

/* The reference entries of the block: an entry starts at the block's start (after its label,
 * if any) or at a label ([2], 2.) after white space, and runs to the next such entry or the
 * block's end. They are left as written (their separators are the standard's own . , : // and
 * ASCII brackets, or full-width throughout where a journal sets them so): true when they fill
 * the whole block, else their cells are protected and the rest of the block is cleaned. A label
 * right after a colon or a full stop starts an entry too (参考文献如下：[1] …, as a first clean
 * leaves 如下: [1] …). */
/* Whether t holds a [ right before a capital (A-Z): every reference entry has one, its document
 * type code ([J], [EB/OL]: reference_entry_at). reference_entries, which walks every cell,
 * looks only in a block that has one (session 29: 529 paragraphs of the bench copy have a [,
 * 35 a [ before a capital). */
static bool square_capital(const char *t, size_t n) {
  for (const char *p = t, *e = t + n; (p = memchr(p, '[', (size_t)(e - p))) && ++p < e;)
    if (*p >= 'A' && *p <= 'Z') return true;
  return false;
}

static bool reference_entries(punct_stage *ps) {
  long nc = (long)ps->nc, f = next_ns(ps, -1), from = -1;
  if (f < 0) return false;
  bool all = false, any = false;
  for (long k = f; k < nc; k++) {
    /* (after white space, or a colon or a stop the label touches once cleaned: 如下：[1]) */
    if (k > f && ps->c[k - 1].cls != C_SPACE && fin(&ps->c[k - 1]) != 0xFF1A &&
        fin(&ps->c[k - 1]) != ':' && fin(&ps->c[k - 1]) != 0x3002)
      continue;
    long e = entry_label(ps, k);
    long s = e >= 0 ? e : k == f ? f : -1;
    if (s < 0 || s >= nc) continue;
    bool here = reference_entry_at(ps, s);
    if (from >= 0 && (here || e >= 0)) { /* the entry before ends at this label */
      long z = k - 1;
      while (z >= from && ps->c[z].cls == C_SPACE) z--;
      for (long q = from; q <= z; q++) ps->c[q].flags |= F_PROT;
      from = -1;
    }
    if (here) {
      if (k == f) all = true;
      any = true;
      from = k;
    } else if (k == f)
      all = false;
    if (here && s > k) k = s - 1;
  }
  if (from >= 0) {
    long z = nc - 1;
    while (z >= from && ps->c[z].cls == C_SPACE) z--;
    for (long q = from; q <= z; q++) ps->c[q].flags |= F_PROT;
  }
  if (!any) return false;
  /* the whole block: every cell that is no white space protected */
  if (all)
    for (long q = f; q < nc; q++)
      if (ps->c[q].cls != C_SPACE && !(ps->c[q].flags & F_PROT)) return false;
  return all;
}

/* A book's CIP data (图书在版编目（CIP）数据, GB/T 12451) is printed verbatim: its marks are the
 * catalogue's, not the copy's (城市的记忆/林远著. —北京, Ⅰ.①城… Ⅱ.①林… Ⅲ.①城市史—研究:
 * probe 41b H4, made 林远著。——北京 and ……, ——). The block opens with a paragraph that
 * starts (past white space) with 图书在版编目 and CIP within its next twelve characters, and
 * runs to the paragraph that holds 核字 (…CIP数据核字（2026）第123456号), at most twelve
 * paragraphs in all, each no longer than 600 bytes (the lines of the data are short; a longer one
 * is copy again and ends the block). Returns whether the paragraph t[0, n) is in the block, and
 * moves ps->cip on. The heading's paragraph holding the whole block (wrapped lines) counts as
 * one. */
static const char *seal_end(const char *t, size_t n);
static bool cip_prose(const char *t, size_t n) {
  return qg_has_bytes(t, n, "\xE3\x80\x82", 3) /* 。 */ || qg_has_bytes(t, n, "\xE2\x80\x9C", 3) /* “ */ ||
         qg_has_bytes(t, n, "\xE2\x80\x9D", 3) /* ” */ || qg_has_bytes(t, n, "\xEF\xBC\x81", 3) /* ！ */ ||
         qg_has_bytes(t, n, "\xEF\xBC\x9F", 3) /* ？ */ || memchr(t, '"', n) || memchr(t, '!', n) ||
         memchr(t, '?', n);
}
static bool cip_block(punct_stage *ps, const char *t, size_t n) {
  static const char head[] = "图书在版编目", seal[] = "核字";
  size_t i = 0;
  while (i < n && (t[i] == ' ' || t[i] == '\t')) i++;
  if (n - i >= sizeof head - 1 && !memcmp(t + i, head, sizeof head - 1)) {
    size_t a = i + sizeof head - 1, lim = a + 36 < n ? a + 36 : n; /* twelve Han */
    bool cip = false;
    for (size_t j = a; j + 3 <= lim && !cip; j++) cip = !memcmp(t + j, "CIP", 3);
    if (cip) {
      const char *z = seal_end(t, n);
      ps->cip = z ? 0 : 11;
      /* (without its 核字 line the paragraph is the heading alone, 图书在版编目（CIP）数据, no
       * sentence about it: 图书在版编目（CIP）数据是出版物的重要信息,…, read-through 42) */
      if (!z) return n - i <= 48 && !cip_prose(t, n) ? true : (ps->cip = 0, false);
      /* (the data and copy after it in one paragraph: 核字…号他说…, joined by the repair
       * stage, is cleaned as before) */
      while (z < t + n && (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r')) z++;
      return z == t + n;
    }
  }
  if (!ps->cip) return false;
  /* (a paragraph of copy ends the data: longer than its lines, or with a sentence's or a
   * quotation's marks, which the catalogue's lines never hold: read-through 42) */
  if (n > 600 || cip_prose(t, n)) return ps->cip = 0, false;
  ps->cip = qg_has_bytes(t, n, seal, sizeof seal - 1) ? 0 : ps->cip - 1;
  return true;
}
/* Where the CIP data's 核字 line ends: past the first 号 after 核字, NULL without one. */
static const char *seal_end(const char *t, size_t n) {
  static const char seal[] = "核字", no[] = "号";
  for (size_t i = 0; i + sizeof seal - 1 <= n; i++)
    if (!memcmp(t + i, seal, sizeof seal - 1)) {
      for (size_t j = i; j + sizeof no - 1 <= n; j++)
        if (!memcmp(t + j, no, sizeof no - 1)) return t + j + sizeof no - 1;
      return NULL;
    }
  return NULL;
}

static int punct_push(qg_stage *s, qg_block *b) {
  punct_stage *ps = (punct_stage *)s;
  if (b->verbatim || cip_block(ps, b->text.ptr, b->text.len)) {
    /* Markdown's verbatim text, as written (no quotation goes on in it); CIP data */
    int rc = flush_pending(ps);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
    return qg_stage_emit(s, b);
  }
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  ps->t = t;
  int rc = decode_cells(ps, t, n); /* (finds the spans; sets kana and seen) */
  if (!rc && ps->pending) {
    /* the held quotation is continued when this paragraph opens one too */
    long f = next_ns(ps, -1);
    bool cont = b->kind == QG_KIND_P && f >= 0 &&
                (ps->c[f].cp == 0x201C || (ps->c[f].cp == '"' && lean(ps, f) != D_CLOSE));
    if (cont) {
      ps->pending = ps->pending_list = false;
    } else if (qg_text_list_item(t, n) && (ps->pending_list || !ps->pending_item)) {
      /* an item of the list the paragraph before introduced (写道：“ | - 第一，…；): the
       * quotation goes on over the list's items until one closes it (note_unmatched); a
       * paragraph that is no item ends the list, and the quotation is said unmatched */
      ps->pending_list = true;
    } else {
      rc = flush_pending(ps);
    }
  }
  ps->nev = 0;
  ps->ndecided = 0;
  ps->odd_note = ps->dash_digit = false;
  /* (the tests below look for [ and ( among the marks: only in a block that has them) */
  bool square = has_ascii(ps, '[');
  if (!rc && ((square && square_capital(t, n) && reference_entries(ps)) || ornament_line(ps)))
    return qg_stage_emit(s, b); /* probe 11a F11, F28 */
  if (!rc) protect_kaomoji(ps); /* F22 */
  if (!rc) protect_english_after(ps); /* probe 20 L4 */
  if (!rc) latin_marks(ps);            /* session 28 */
  if (!rc && square) protect_lrc_tags(ps); /* F23 */
  if (!rc && (square || has_ascii(ps, ']'))) protect_intervals(ps); /* probe 20 H7 */
  if (!rc) rc = pass_sequences(ps, t, n, true);
  /* decisions the last sequence pass has seen: none of its own, since it decides left to right
   * and a decision can make a mark before it Chinese (...--中国: the dots see the hyphens after
   * they became ——; probe 19 R3), so the rounds below run it again when it decided anything */
  size_t seq_done = 0;
  ps->single_outer = -1;
  /* (only where a straight quote of the kind is: the test nests nothing else) */
  if (!rc && has_ascii(ps, '"')) nest_straight_quotes(ps, 0);
  if (!rc && has_ascii(ps, '\'')) nest_straight_quotes(ps, 1);
  if (!rc) rc = pass_pairs(ps);
  if (!rc) {
    /* the pairs' decisions come after the first sequence pass: a bracket or quote that became
     * full-width makes the dash or dots next to it Chinese (好(—) → 好（——）), so the loop
     * below runs the sequences again when they changed anything */
    size_t pairs_done = ps->ndecided; /* decisions the last decide_pairs has seen */
    decide_pairs(ps);
    /* A decision can make a neighbour's context Chinese (a quote that became “ next to a dash,
     * a ？ after a !, a pair of quotes next to a pair of brackets: (2),"h" → （2），“h”): decide
     * again until nothing changes, as a second run would. Each round only adds decisions, and
     * few are ever needed; the bound keeps the worst case linear. */
    for (int round = 0; round < 4; round++) {
      size_t before = ps->ndecided;
      pass_width(ps, round & 1);
      if (ps->ndecided != seq_done) {
        seq_done = ps->ndecided;
        pass_sequences(ps, t, n, false);
      }
      decide_unmatched(ps);
      if (ps->ndecided != pairs_done) { /* a pair next to a new decision */
        pairs_done = ps->ndecided;
        decide_pairs(ps);
      }
      if (ps->ndecided == before) break;
    }
    note_unmatched(ps, b);
    if (has_ascii(ps, '-')) note_hyphen_ranges(ps);
    if (ps->dash_digit) note_dash_ranges(ps);
    pass_doubled(ps);
    pass_spaces(ps, b);
    rc = emit_edits(ps, b);
  }
  if (rc) {
    qg_block_release(s->ctx, b);
    return rc;
  }
  return qg_stage_emit(s, b);
}

static int punct_begin(qg_stage *s) {
  ((punct_stage *)s)->pending = ((punct_stage *)s)->pending_list = false;
  ((punct_stage *)s)->cip = 0;
  return 0;
}

static int punct_finish(qg_stage *s) { return flush_pending((punct_stage *)s); }

static void punct_free(qg_stage *s) {
  punct_stage *ps = (punct_stage *)s;
  qg_edit_free(&ps->edit);
  qg_spans_free(&ps->spans);
  qg_buf_free(&ps->rep);
  free(ps->c);
  free(ps->nh);
  free(ps->nm);
  free(ps->nsp);
  free(ps->nms);
  free(ps->nw);
  free(ps->nsq);
  free(ps->nrs);
  free(ps->nd);
  free(ps->npc);
  free(ps->ev);
  free(ps->stack);
  free(ps->lk);
  free(ps);
}

static const qg_stage_vt punct_vt = {.name = "punct", .begin = punct_begin, .push = punct_push,
                                     .finish = punct_finish, .free = punct_free};

qg_stage *qg_stage_punct_new(qg_ctx *ctx) {
  punct_stage *ps = calloc(1, sizeof *ps);
  if (!ps) return NULL;
  ps->base.vt = &punct_vt;
  ps->base.ctx = ctx;
  qg_edit_init(&ps->edit);
  qg_spans_init(&ps->spans);
  qg_buf_init(&ps->rep);
  return &ps->base;
}
