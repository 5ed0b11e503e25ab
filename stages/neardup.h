/* neardup.h: paragraph fingerprints and the near-duplicate index (stages/neardup.c).
 *
 * A paragraph's fingerprint is computed from its normalized text: the letters and digits of
 * the cleaned text (width, lookalikes and NFC already folded by the chars stage; Latin
 * lowercased; punctuation, symbols and white space out). From it:
 *   exact    XXH3-64 of the normalized code points: equal means a repeat whatever the
 *            punctuation;
 *   sketch   the QG_ND_K smallest distinct 32-bit hashes (qg_fp_ngram_hash of the two
 *            units) of its character QG_ND_SHINGLE-grams (a bottom-k MinHash sketch);
 *   simhash  a 64-bit SimHash of the sketch (qg_fp_simhash), computed when a repeat is reported,
 *            to give a Hamming distance.
 * Similarity of two sketches A, B: U = the K smallest values of A ∪ B, similarity =
 * |U ∩ A ∩ B| / |U| (an estimate of the Jaccard similarity of the two n-gram sets; exact when
 * both have fewer than K n-grams). Two paragraphs of at least QG_ND_MIN_CHARS normalized
 * characters are near-duplicates when similarity >= the threshold and their numbers
 * (qg_fp_numbers_agree: in order, none replaced), identifiers (qg_fp_idents_agree) and labels
 * (qg_fp_labels_agree) agree; shorter ones only repeat exactly. The parameters were chosen by measurement: bench/neardup/ and bench/RESULTS.md.
 *
 * The index finds every indexed sketch whose similarity to a query is >= the threshold, the
 * same set a brute-force comparison with every indexed sketch gives (tests/unit/test_neardup.c
 * checks it). In one order of the values (rarest first, by the frequency class of a value's
 * 17-bit slot at the start of an epoch), an indexed sketch posts only its first
 * min(n, n - ceil(tn) + 1 + QG_ND_EXTRA) values and a query looks at the lists of its own
 * (the proof is in neardup.c). A lookup whose lists hold more than QG_ND_WALK_MAX postings, or
 * that has more than QG_ND_VERIFY_MAX candidates, is bounded: exact over the latest entries only
 * (qg_ndx_window; probe 11b G1: short paragraphs of a small vocabulary put every paragraph on
 * lists that hold a fixed share of the index, and unbounded lookups were quadratic). */
#ifndef QG_NEARDUP_H
#define QG_NEARDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qinggao.h"

#ifndef QG_ND_SHINGLE
#define QG_ND_SHINGLE 2
#endif
#ifndef QG_ND_K
#define QG_ND_K 128
#endif
#define QG_ND_MIN_CHARS 20
#ifndef QG_ND_EXTRA
#define QG_ND_EXTRA 4 /* values of each prefix beyond n - ceil(tn) + 1, for the count filter
                        * (neardup.c, walk) */
#endif
#ifndef QG_ND_WALK_MAX
#define QG_ND_WALK_MAX 8192 /* postings a lookup counts at most (neardup.c, walk) */
#endif
#ifndef QG_ND_VERIFY_MAX
#define QG_ND_VERIFY_MAX 256 /* candidates a lookup verifies at most */
#endif
/* Bytes of a slab of the index's list blocks (neardup.c, block_new), 64 more asked of malloc to
 * align it: what tests/unit/test_ndx_alloc.c fails to stop a list growing. */
#define QG_ND_SLAB ((size_t)32 << 10)
#define QG_ND_THRESHOLD_MILLI 650 /* default similarity threshold, in thousandths */
#define QG_ND_NUMS 64 /* numbers kept of a paragraph, in order (qg_fp.num) */
#define QG_ND_NUMS_MIN 1 /* numbers each paragraph must have for them to count (2 until
                          * session 9: briefs on one pattern with one figure each, the weather
                          * of two cities, were removed as near repeats; probe 9 F2) */
#define QG_ND_IDS 64 /* identifiers kept of a paragraph, in order (qg_fp.id); 16 until session
                      * 25, whose Han names fill more (review 25 M2), 32 until session 26, whose
                      * districts and towns fill more (review 26a M3: a county's 34 towns) */
#define QG_ND_ID_DIGITS 7 /* digits in a row that make a run of letters and digits an
                           * identifier (qg_fp_idents) */
#define QG_ND_LABEL_HAN 6   /* Han characters of a label at most (qg_fp_label) */
#define QG_ND_LABEL_ASIDE 16 /* characters of a label's aside in brackets at most */

typedef struct qg_fp {
  uint64_t exact;
  uint32_t chars;        /* normalized characters */
  uint32_t n;            /* values in h */
  uint32_t h[QG_ND_K];   /* ascending, distinct */
  uint32_t nnum;         /* values in num */
  uint32_t num[QG_ND_NUMS]; /* the numbers: see qg_fp_numbers */
  uint32_t nid;          /* values in id */
  uint32_t id[QG_ND_IDS]; /* the identifiers: see qg_fp_idents */
  uint32_t label;        /* the label before a colon it opens with, hashed; 0 for none: see
                          * qg_fp_label */
} qg_fp;

/* The hash of a character n-gram (sketch version 3, session 47): the two units (a code point,
 * or a number's hash with bit 31 set: neardup.c fp_make) packed into 64 bits, a, b, then a
 * multiply, an xorshift and a multiply (each a bijection of 64 bits), the high half. Until
 * session 46 the high half of XXH3-64 of the 8 bytes (sketch version 2): about 19 instructions
 * an n-gram against 6. Word bigrams keep XXH3 (their sketches did not change). */
static inline uint32_t qg_fp_ngram_hash(uint32_t a, uint32_t b) {
  uint64_t x = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ull;
  return (uint32_t)(x >> 32);
}

/* Scratch space reused from paragraph to paragraph. */
typedef struct qg_fp_work {
  uint32_t *cp;    /* normalized code points */
  uint32_t *hv;    /* their n-gram hashes */
  size_t cap;      /* of both */
  const struct qg_ndx *ndx; /* when set, qg_fp_make fetches this index's exact-table slot of
                             * the text as soon as it has the exact hash, so that the slot is
                             * in cache for qg_ndx_find_exact after the sketch is made */
  size_t nu;       /* units in hv (qg_fp_make_lazy) */
  bool pending;    /* qg_fp_make_lazy left the sketch to qg_fp_sketch */
} qg_fp_work;
void qg_fp_work_free(qg_fp_work *w);
/* The code point c as the fingerprint reads it: a traditional Han character that ICU's
 * Traditional-Simplified transliterator turns, alone, into one other character is that
 * character (session 49; tables made at build time by tools/fold_gen.c); any other c is itself.
 * The fingerprint folds (the exact hash, the sketch); the copy never does. */
uint32_t qg_fp_fold(uint32_t c);
/* Fingerprint of s[0..len) (UTF-8). Returns 0 or QG_ERR_NOMEM. */
int qg_fp_make(qg_fp_work *w, const char *s, size_t len, qg_fp *out);
/* qg_fp_make up to the sketch, which qg_fp_sketch then makes from w (n = 0 until then): an
 * exact repeat needs none. Every other call with w forgets it. */
int qg_fp_make_lazy(qg_fp_work *w, const char *s, size_t len, qg_fp *out);
/* The sketch qg_fp_make_lazy left to make (the same as qg_fp_make's); nothing when none was
 * left. */
void qg_fp_sketch(qg_fp_work *w, qg_fp *out);
/* The same without the sketch (n = 0): for exact lookups only. */
int qg_fp_make_exact(qg_fp_work *w, const char *s, size_t len, qg_fp *out);

/* Fingerprint of s[0..len) from its words, tok[0..ntok) (qg_segment_words over the same
 * text): exact and chars as qg_fp_make, the sketch of word bigrams instead of character ones
 * (hashed into the same 32-bit values, so the index and the archive take it unchanged). A word
 * is normalized as the characters are (letters and digits, Latin lowercased); a token left
 * empty (punctuation) is not a word. A text of one word has that word as its one shingle. */
int qg_fp_make_words(qg_fp_work *w, const char *s, size_t len, const qg_token *tok, size_t ntok,
                     qg_fp *out);

/* The numbers of s[0..len): its runs of ASCII digits (7 and 007 differ; session 43: a decimal,
 * 1789.00, is one figure, and one after a minus, -1, another than 1; a colon, slash or dash
 * between figures separates them as any mark does: neardup.c fig_mark), hashed, in the order
 * they come, the first QG_ND_NUMS, to num (*nnum of them).
 * qg_fp_make and qg_fp_make_words fill fp->num with it. */
void qg_fp_numbers(const char *s, size_t len, uint32_t *num, uint32_t *nnum);
/* Whether two paragraphs' numbers allow a near repeat: when each has QG_ND_NUMS_MIN numbers or
 * more, their longest common subsequence must be at least the threshold of the shorter
 * sequence (numbers one lacks do not disagree, numbers that differ do), and no number of one
 * may be replaced by another in the other (session 23, probe 23 H1: the numbers are lined up
 * with fewer steps when a figure is replaced than with figures added and left out only:
 * 总价380万元 and 总价310万元 among nine figures that agree, 8:30至17:30 and 8:30至18:30); with
 * fewer, the sketch alone decides. Two results tables, two stock lists or two lists of scores
 * share most of their character bigrams (digits are ten characters) but not their numbers; a
 * listing or a notice with one figure changed is another item; a paragraph pasted again with
 * a few words changed, a figure added or left out (a copy cut short, a date in Chinese
 * numerals) keeps them. */
bool qg_fp_numbers_agree(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                         unsigned t_milli);

/* The identifiers of s[0..len) (session 16, probe 17 P3): the runs of ASCII letters and digits
 * (letters lowercased) that are no figure: a run of QG_ND_ID_DIGITS or more digits in a row
 * (an ID card, a phone, an account, a licence, the credit code 91410102MA3X5Y7K3C; not the
 * integer or fraction part of a decimal number, 1234567.89), or at least five characters with
 * a letter and three digits or more that is not a figure and its unit (豫A8K3C6's A8K3C6,
 * G1502, CA1831, E1234567; not 5000mAh, iPhone15, md5), hashed, in the order they come; then
 * (session 25, probe 25 H2) the Han names, in the order they come: a Chinese numeral of two
 * characters or more with a multiplier (三十, 一千二百; not 万一, 千万 without a counted thing
 * after it; 两 as 二) and a place named by the two Han characters before 市 or 县 or a
 * province's before 省 (南江市, 广东省; not 城市, 农贸市场, 昨天市政府, 缺省), and (session 44, probe 43
 * F3) the names of people and places inside the sentences: a surname before an honorific (刘女士,
 * 王师傅), a place before 川 江 河 湖 岛 路 街 (西川, 中山路) or before a time word at a sentence's
 * opening (南坪明天): the first QG_ND_IDS in all, to id (*nid of them). The fingerprints fill fp->id with it (fp_make finds the Han
 * names in its loop over Han characters, the same ones); the archive finds them again from the
 * stored text. */
void qg_fp_idents(const char *s, size_t len, uint32_t *id, uint32_t *nid);
/* Whether two paragraphs' identifiers allow a near repeat: every identifier of the one with
 * fewer is in the other, in order (the longest common subsequence is the shorter sequence).
 * An identifier one lacks does not disagree; one that differs does, whatever else agrees: two
 * notices of lost ID cards on one day, two companies' credit codes, two plates. A copy with an
 * identifier garbled by a typo or OCR is no repeat either: its text does not tell it from
 * another person's number. With none on either side, nothing is said. */
bool qg_fp_idents_agree(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb);

/* The label s[0..len) opens with (session 23, probe 23 H1): one to QG_ND_LABEL_HAN Han
 * characters (after white space), maybe an aside in brackets of up to QG_ND_LABEL_ASIDE
 * characters (白羊座（3.21-4.19）), then a colon (： or :) with text after it: a horoscope's
 * sign, a listing's 房源一, an almanac's entry, a speaker. Its Han characters hashed, with
 * their count in the low bits (QG_ND_LABEL_LEN: never 0), or 0 when s opens with no label.
 * The fingerprints fill fp->label with it; the archive finds it again from the stored text. */
uint32_t qg_fp_label(const char *s, size_t len);
#define QG_ND_LABEL_LEN 7u /* the bits of a label's count of Han characters */
_Static_assert(QG_ND_LABEL_HAN < QG_ND_LABEL_LEN, "a label's count fits its bits, below a subject's mark");
/* Whether two paragraphs' subjects (a person's name they open with, marked QG_ND_LABEL_LEN:
 * session 41) are one person: as many characters, one differing at most; or another length,
 * a character shared (neardup.c subject_of). */
bool qg_fp_subjects_agree(uint32_t a, uint32_t b);
/* Whether two paragraphs' labels allow a near repeat: not when both have one, of as many Han
 * characters, and they differ: the signs of a horoscope, a listing's 房源一 and 房源二, the
 * items of one template name their siblings alike. Labels of another length are more often
 * one label edited (有效的类型有： and 有效的类型：) and decide nothing, unless they open with
 * another character (session 44: 哈尔滨： and 长春：, the first character hashed to nine bits in
 * a label's bits 23 to 31). */
static inline bool qg_fp_labels_agree(uint32_t a, uint32_t b) {
  if (!a || !b || a == b) return true;
  /* (labels of another length that open with another character name two things: the cities of
   * a forecast, 哈尔滨： and 长春：, review 44 / probe 44 H4; one label edited by a character
   * added or left out keeps its first, 有效的类型有： and 有效的类型：, as a subject's marks do not) */
  if ((a & QG_ND_LABEL_LEN) != (b & QG_ND_LABEL_LEN))
    return (a & QG_ND_LABEL_LEN) == QG_ND_LABEL_LEN || (b & QG_ND_LABEL_LEN) == QG_ND_LABEL_LEN ||
           (a >> 23) == (b >> 23);
  /* two subjects (session 41: a person's name before 是 ， （ 同志, the count QG_ND_LABEL_LEN)
   * agree when they may name one person: one character replaced at most */
  return (a & QG_ND_LABEL_LEN) == QG_ND_LABEL_LEN && qg_fp_subjects_agree(a, b);
}

/* qg_fp_passes after qg_fp_compare, stopping as soon as the threshold is out of reach. */
bool qg_fp_near(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                unsigned t_milli, uint32_t *common, uint32_t *size);
/* The similarity reported for a near match: common/size in thousandths, at most 0.999 (a
 * near match with every sampled n-gram shared is still not the same text). */
double qg_fp_similarity(uint32_t common, uint32_t size);
/* 64-bit SimHash of a sketch (each value spread to 64 bits, weight 1). */
uint64_t qg_fp_simhash(const uint32_t *h, uint32_t n);
/* Values shared in the bottom-K of the union (*common) and its size (*size). */
void qg_fp_compare(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                   uint32_t *common, uint32_t *size);
/* common/size >= t, in integers. */
static inline bool qg_fp_passes(uint32_t common, uint32_t size, unsigned t_milli) {
  return size > 0 && (uint64_t)common * 1000 >= (uint64_t)t_milli * size;
}
/* Containment of one text's n-grams in another's, estimated from their sketches a and b (session
 * 49, probe 48 M2: a paragraph split in two, two merged, one quoted inside a longer one, half of
 * it cut, a long sentence added, all under the Jaccard threshold): 1 when (a_may) a's n-grams
 * are in b's, t (thousandths) of them at least, 2 when (b_may) b's are in a's, else 0; then
 * *common of *size values (the text found inside) agree. Only values under both sketches' bound
 * count (neardup.c), QG_ND_CONTAIN_VALUES of them at least. */
int qg_fp_contained(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb,
                    unsigned t_milli, bool a_may, bool b_may, uint32_t *common, uint32_t *size);
#define QG_ND_CONTAIN_MILLI 970 /* the containment that makes a part of a published paragraph */
#define QG_ND_CONTAIN_CHARS 30  /* normalized characters of the text found inside, at least */
#define QG_ND_CONTAIN_VALUES 24 /* its sketch's values under the bound, at least */
/* How many of a query's values must be probed for threshold t: K - ceil(tK) + 1. */
uint32_t qg_fp_prefix_len(unsigned t_milli);
static inline unsigned qg_fp_hamming(uint64_t a, uint64_t b) {
  return (unsigned)__builtin_popcountll(a ^ b);
}

/* The index. Entries are numbered from 0 in the order they are added. */
typedef struct qg_ndx qg_ndx;
qg_ndx *qg_ndx_new(unsigned t_milli);
void qg_ndx_free(qg_ndx *x);
void qg_ndx_clear(qg_ndx *x);
uint32_t qg_ndx_count(const qg_ndx *x);
/* Adds fp; *id receives its entry number. With near false, or when the paragraph is shorter
 * than QG_ND_MIN_CHARS, it is indexed for exact lookups only. Returns 0 or QG_ERR_NOMEM. */
int qg_ndx_add(qg_ndx *x, const qg_fp *fp, bool near, uint32_t *id);
/* First entry whose exact hash equals fp's, or UINT32_MAX. */
uint32_t qg_ndx_find_exact(const qg_ndx *x, const qg_fp *fp);
/* Calls fn for every entry near fp (similarity >= t, numbers, identifiers and labels that
 * agree, qg_fp_numbers_agree, qg_fp_idents_agree and qg_fp_labels_agree), each once, in no
 * particular order.
 * A non-zero return from fn stops the walk and is returned. Short paragraphs get no call. */
typedef int (*qg_ndx_fn)(void *ud, uint32_t id, uint32_t common, uint32_t size);
int qg_ndx_query(qg_ndx *x, const qg_fp *fp, qg_ndx_fn fn, void *ud);
/* The first (smallest) entry near fp, or UINT32_MAX; *common and *size of that pair. The
 * same entry as the smallest of those qg_ndx_query gives, found without walking past it. */
uint32_t qg_ndx_first(qg_ndx *x, const qg_fp *fp, uint32_t *common, uint32_t *size);
/* Whether the last lookup (qg_ndx_query, qg_ndx_first) was bounded: 0 when it was exact over
 * every entry, else how many of the latest entries it was exact over (a near entry further back
 * was not looked for). A lookup counts at most QG_ND_WALK_MAX postings and verifies at
 * most QG_ND_VERIFY_MAX candidates (neardup.c): only text whose paragraphs share most of their
 * bigrams with a fixed share of the index (short paragraphs of a small vocabulary) reaches it. */
uint32_t qg_ndx_window(const qg_ndx *x);
/* For tests and benches: the bound of a lookup (postings counted, candidates verified; 0 is
 * taken as 1, a walk_max below QG_ND_K as QG_ND_K). The defaults are QG_ND_WALK_MAX and
 * QG_ND_VERIFY_MAX. */
void qg_ndx_set_bound(qg_ndx *x, uint32_t walk_max, uint32_t verify_max);
/* The stored sketch of an entry (n = 0 for an exact-only entry). */
const uint32_t *qg_ndx_sketch(const qg_ndx *x, uint32_t id, uint32_t *n);
/* True once an epoch ran out of memory: near lookups give nothing until qg_ndx_clear. */
bool qg_ndx_near_off(const qg_ndx *x);
/* Bytes of memory the index holds, its table slots counted as session 9's layout held them
 * (kept up to date: no walk); the lists' slabs whole and their blocks from malloc (since session
 * 31; before, each block's capacity). The memory really held (qg_ndx_held) is no more than
 * this. The bound of --dedup-memory and dedup-limit's figure are qg_ndx_used's. */
size_t qg_ndx_bytes(const qg_ndx *x);
/* Bytes of memory the index really holds. */
size_t qg_ndx_held(const qg_ndx *x);
/* Bytes its entries, lists and tables fill (no more than qg_ndx_bytes: capacity not yet used
 * is left out). */
size_t qg_ndx_used(const qg_ndx *x);
/* Drops the entries numbered below from (the oldest), numbering the others from 0 in the same
 * order (id - from): their ids leave the lists, which keep the order they were posted by (until
 * session 10 every kept entry was posted again under an order of the kept entries' own
 * frequencies: on 50 MB of bench copy that cost a tenth of the dedup stage's instructions);
 * lists left empty are freed, the rest of the memory is kept for the entries to come. Returns
 * 0 (QG_ERR_NOMEM was possible while it posted again; callers still handle it). */
int qg_ndx_drop_before(qg_ndx *x, uint32_t from);
/* Takes out the entries numbered n and above (the latest: those of a document that failed),
 * as if they had never been added. Cannot fail. */
void qg_ndx_truncate(qg_ndx *x, uint32_t n);
/* For tests: 0 when the index's tables are sound (every list reachable from its token's home
 * slot, no token twice, ids added and ascending, counts that add up, exact slots naming
 * entries of their text), else a number saying what is wrong. */
int qg_ndx_check(const qg_ndx *x);

/* The archive (stages/archive.c): the earliest archived paragraph with fp's exact text, else
 * (t_milli > 0) the archived paragraph nearest fp with similarity >= t. *found tells whether
 * there is one; out's strings stay valid until the next lookup. 0 or a qg_status. */
int qg_archive_lookup(qg_archive *a, const qg_fp *fp, unsigned t_milli, qg_dup_ref *out,
                      bool *found);
/* Whether the last lookup's match is a published paragraph whose figures only differ (session
 * 48, probe 48 M1: a near repeat but for its numbers, which disagree, similarity 0.8 at least):
 * -1 it is not (a repeat, or nothing found); 1 it is, and buf holds the figures that differ,
 * the archived ones, " → ", the new ones of text[0..len) (3.2% → 3.4%); 0 it is, but more than
 * three figures of a side, or none, differ as written (nothing to say: no repeat either). */
int qg_archive_figures(const qg_archive *a, const char *text, size_t len, char *buf, size_t cap);
/* Whether the last lookup's match is such a paragraph, its figures only differing (no repeat). */
bool qg_archive_figures_only(const qg_archive *a);
/* Whether lookups also look for a published paragraph that holds fp's text or is held in it
 * (session 49: qg_fp_contained, QG_ND_CONTAIN_MILLI), when no repeat and no paragraph with its
 * figures only differing is found: off until set (the dedup stage sets it for body blocks). */
void qg_archive_set_part(qg_archive *a, bool on);
/* The last lookup's match when it is such a part (no repeat): 1 fp's text is inside the
 * archived paragraph, 2 fp's text holds it, 0 it is none; *milli, the estimated share of the
 * inner text found in the outer, in thousandths. */
int qg_archive_part(const qg_archive *a, unsigned *milli);

#endif
