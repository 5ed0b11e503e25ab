/* decode.c: bytes -> lines of UTF-8 text with their source positions.
 *
 * The encoding is named (options.encoding) or detected from the first QG_SAMPLE bytes:
 *   1. a byte order mark decides (UTF-8, UTF-32LE, UTF-32BE, UTF-16LE, UTF-16BE);
 *   2. NUL high bytes in code units that read as plausible text are UTF-16 without a BOM
 *      (checked before UTF-8, since NUL bytes are valid UTF-8: see detect_utf16);
 *   3. a sample that is valid UTF-8 (pure ASCII included) is UTF-8;
 *   4. a sample whose valid multi-byte UTF-8 sequences hold 4 bytes or more per invalid byte
 *      (or 9 per run of invalid bytes) is UTF-8 with damage (so the damage is reported where it is, instead of the file being
 *      misread: ICU's detector takes short damaged UTF-8 for UTF-16 or Big5);
 *   5. otherwise ICU's charset detector, limited to legacy CJK encodings (GB18030, which covers
 *      GBK and GB2312, Big5, EUC-JP, EUC-KR, Shift_JIS) that either decode the sample without an
 *      error or C1 control or have high confidence; highest confidence wins, GB18030 on a tie;
 *      a character cut by the end of the sample (or of a short input) does not decide (see
 *      detect_legacy); UTF-16 comes only from a BOM or step 2;
 *   6. when none fits, UTF-8, whose errors are then reported at their line and column.
 * Conversion goes through ICU with the STOP callback: invalid bytes are an error naming line,
 * column and the bytes (or, with QG_INVALID_REPLACE, U+FFFD and a warning). The text of a line
 * carries no line end. A leading U+FEFF is a byte order mark, not text. Lines longer than the
 * block limit are passed on in pieces (eol false) so memory stays bounded.
 * Decision (line ends): line numbers agree with git, grep -n and editors. The first line end
 * of the document decides how its lines end (also when split across chunks):
 *   - LF (CRLF, \r\r\n: LF after any run of CRs) before any other: the lines end in LF. A run
 *     of CRs before an LF belongs to the line end (\r\r\n from a bad conversion is one line
 *     end), and a CR followed by anything else is a character of the line (the chars stage
 *     removes and reports it as char-invisible); CRs ending the input end the last line.
 *   - a CR followed by neither CR nor LF (a lone CR): the text after it is held (at most
 *     QG_HOLD bytes) until the next line end shows which: an LF makes the held CR a stray
 *     character of an LF file, as above; another lone CR, the end of the input or QG_HOLD
 *     bytes without a line end make CR the line end of the document (old Mac files), where
 *     CR, LF and CRLF each end a line, as before (CR then CRLF is two). An invalid byte or a
 *     Private Use character in the held text is reported once that is decided, at its line
 *     and column then (probe 12a A2: an invalid byte made CR the line end, and every later
 *     line number was one more than editors count).
 * Decision (Private Use, probe 11a F18): a legacy decoder that yields a Private Use code point
 * (U+E000..U+F8FF, planes 15 and 16: a user-defined character, shown only by the font made for
 * it) is reported at its line and column (decode-invalid, a warning), never silently. Big5,
 * detected or named so, is ICU's windows-950, which maps the Hong Kong supplement's byte pairs
 * (HKSCS: 㗎 哋 嘅 and names) to its user-defined range: there, a Private Use code point whose
 * bytes HKSCS maps to a character is that character (ICU's Big5-HKSCS, a superset that maps
 * the other Big5 bytes alike; windows-950 stays the converter so that the bytes HKSCS lacks
 * decode as before). Named windows-950 (cp950, ms950) keeps Microsoft's mapping, reported: for
 * a Taiwan file whose own user-defined characters sit where HKSCS has characters. Measured over
 * every byte pair: windows-950 and Big5-HKSCS agree on 14,166, differ on F9FE (kept: windows-950)
 * and on 4,930 that windows-950 maps to Private Use; HKSCS maps none that windows-950 lacks.
 * Decision (U+2029): PARAGRAPH SEPARATOR (InDesign's paragraph end) is not a line end for
 * line numbers (git and grep do not count it), but the line block ends there for the
 * paragraph stage, which takes it as it takes any line break of the layout: a new paragraph
 * in the line layout (and after a short line of a wrapped one), a join in the blank-line
 * layout. A blank line after it would end the paragraph in every layout, but it would also
 * make the paragraph stage read a page of one paragraph per line, or a wrapped page, as a
 * blank-line page and glue its paragraphs, so none is made. The text after it goes on at the
 * next column of the same source line, so later positions stay right; like other line breaks
 * it is layout and not reported. One at the start of a line makes no empty line, nor does a
 * line end right after one.
 * U+2028 LINE SEPARATOR (a forced line break inside a paragraph) is text here: the chars
 * stage replaces it, as a line break inside the paragraph, and reports it. */
#include "internal.h"
#include "simd.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>

/* Bytes examined to detect the encoding: enough for the detector's statistics on Chinese
 * text, small enough to hold in memory before the first line is passed on. */
#define QG_SAMPLE (64 * 1024)
/* UTF-16 units converted per ICU call. */
#define QG_U16_CHUNK 4096
/* Bytes of text held after a lone CR before the first line end while the decoder waits for
 * the next line end to tell whether CR ends lines in this document. */
#define QG_HOLD (64 * 1024)

enum { EOL_UNKNOWN, EOL_LF, EOL_CR }; /* how the document's lines end (decided once) */

/* A report on a character of the held text: an invalid byte (replaced by U+FFFD, or failing the
 * document) or a Private Use character, raised at its position once the held text is decided. */
enum { NOTE_REPLACED, NOTE_ERROR, NOTE_PUA };
struct held_note {
  size_t off; /* where its character starts in held (for NOTE_ERROR: where the text stops) */
  uint8_t kind;
  int8_t blen;
  bool truncated, late;
  char bad[32];
  uint32_t cp;
};

struct qg_decoder {
  qg_ctx *ctx;
  qg_stage *next;
  qg_buf sample;
  bool decided, started;
  bool holding;   /* lone CRs came before the first line end: the text after them is held */
  bool after_sep; /* the last block ended at U+2029 and no text came since */
  uint8_t eol;    /* EOL_* */
  uint64_t ncr;   /* CRs waiting for what follows them */
  uint64_t held_cr; /* the lone CRs that started the hold */
  qg_buf held;    /* the text after them, UTF-8 */
  struct held_note *notes; /* reports on the held text, raised when it is decided */
  size_t nnotes, notecap;
  bool held_error; /* an invalid byte in the held text fails the document (--invalid error) */
  bool utf8; /* the converter is ICU's UTF-8: well-formed input takes the fast path */
  UConverter *cnv;
  char encname[64];
  UChar u16[QG_U16_CHUNK];
  UChar lead; /* a lead surrogate waiting for its trail across ICU calls */
  bool legacy; /* a legacy (non-Unicode) converter: its Private Use output is reported */
  int pua;     /* the table its Private Use code points are read through (qg_pua_map_family):
                * 1 Big5 (HKSCS), 2 GB18030, 3 GBK and GB2312 (GB18030-2022), 0 none */
  qg_block *line;
  uint32_t lineno, col, piece_col;
  uint64_t n_lf, n_crlf, n_cr;
  uint64_t fed; /* bytes given to the converter before the present piece */
};

void qg_decoder_set_next(qg_decoder *d, qg_stage *next) { d->next = next; }

qg_decoder *qg_decoder_new(qg_ctx *ctx, qg_stage *next) {
  qg_decoder *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->ctx = ctx;
  d->next = next;
  qg_buf_init(&d->sample);
  qg_buf_init(&d->held);
  return d;
}

void qg_decoder_free(qg_decoder *d) {
  if (!d) return;
  if (d->cnv) ucnv_close(d->cnv);
  qg_buf_free(&d->sample);
  qg_buf_free(&d->held);
  free(d->notes);
  if (d->line) qg_block_release(d->ctx, d->line);
  free(d);
}

static int open_converter(qg_decoder *d, const char *name, bool detected) {
  UErrorCode err = U_ZERO_ERROR;
  if (d->cnv) ucnv_close(d->cnv);
  d->cnv = ucnv_open(name, &err);
  if (U_FAILURE(err)) {
    d->cnv = NULL;
    return QG_ERR_ICU;
  }
  ucnv_setToUCallBack(d->cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
  if (U_FAILURE(err)) return QG_ERR_ICU;
  UConverterType type = ucnv_getType(d->cnv);
  d->utf8 = type == UCNV_UTF8;
  d->legacy = !(type == UCNV_UTF8 || type == UCNV_UTF16_BigEndian ||
                type == UCNV_UTF16_LittleEndian || type == UCNV_UTF16 ||
                type == UCNV_UTF32_BigEndian || type == UCNV_UTF32_LittleEndian ||
                type == UCNV_UTF32 || type == UCNV_UTF7 || type == UCNV_CESU8 ||
                type == UCNV_SCSU || type == UCNV_BOCU1 || type == UCNV_IMAP_MAILBOX);
  d->pua = qg_pua_family(name);
  snprintf(d->encname, sizeof d->encname, "%s", name);
  qg_docinfo *info = qg_ctx_docinfo(d->ctx);
  info->encoding = d->encname;
  info->encoding_detected = detected;
  info->encoding_weak = false;
  d->decided = true;
  return 0;
}

int qg_decoder_begin(qg_decoder *d) {
  qg_buf_clear(&d->sample);
  d->decided = d->started = d->holding = d->after_sep = false;
  d->eol = EOL_UNKNOWN;
  d->ncr = d->held_cr = 0;
  qg_buf_clear(&d->held);
  d->nnotes = 0;
  d->held_error = false;
  d->lead = 0;
  d->lineno = 1;
  d->col = d->piece_col = 1;
  d->n_lf = d->n_crlf = d->n_cr = 0;
  d->fed = 0;
  d->encname[0] = '\0';
  if (d->line) qg_block_release(d->ctx, d->line);
  d->line = NULL;
  const char *named = qg_ctx_options(d->ctx)->encoding;
  if (named && *named) return open_converter(d, named, false);
  return 0;
}

/* ---- detection ---------------------------------------------------------------------------- */

/* ---- well-formed UTF-8 sixteen bytes at a time ----------------------------------------------
 * The common characters of Chinese copy are ASCII, two-byte sequences (lead C2..DF) and
 * three-byte ones with lead E1..EC, or EF with a second byte other than B7 and BF: none of
 * them can be overlong, a surrogate or a noncharacter, so a block of such bytes is well-formed
 * when every continuation byte is where a lead byte puts one. */
#ifdef __SSE2__
#include <emmintrin.h>

typedef struct utf8_run {
  size_t len;   /* bytes of whole characters checked (from a character start) */
  size_t chars; /* characters among them */
  size_t mb;    /* bytes of multi-byte sequences among them (counted only without stop_nl) */
  size_t retry; /* the first offset where another check may pass (the failed block's end) */
} utf8_run;

static inline size_t lane_sum(__m128i acc) {
  __m128i t = _mm_sad_epu8(acc, _mm_setzero_si128());
  return (size_t)_mm_cvtsi128_si32(t) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(t, 8));
}

#ifdef QG_CHECK_UTF8
static inline size_t utf8_seq(const unsigned char *u, size_t n, uint32_t *cp);
/* A build with -DQG_CHECK_UTF8 takes the bytes before a block's first stop, which
 * utf8_blocks takes by its masks (session 51), character by character as take_utf8's loop
 * after the blocks did, and aborts where the two differ: k bytes from u, the first carry's
 * bits the end of the last block's character, of which conts continuation bytes. */
static void prefix_check(const unsigned char *u, size_t n, size_t k, unsigned carry, size_t conts) {
  size_t j = (size_t)__builtin_popcount(carry), chars = 0; /* the last block's character's */
  while (j < k) {
    uint32_t cp;
    size_t q = utf8_seq(u + j, n - j, &cp);
    if (!q || cp == 0x2029 || cp == '\n' || cp == '\r') break;
    j += q, chars++;
  }
  if (j != k || chars != k - conts) {
    fprintf(stderr, "QG_CHECK_UTF8: a block's %zu bytes before its stop taken as %zu characters; "
            "one at a time: %zu bytes, %zu characters (carry %u)\n", k, k - conts, j, chars, carry);
    abort();
  }
}
#endif

#if QG_HAVE_AVX2
/* utf8_blocks' blocks thirty-two bytes a step (session 51, s51-avx), the same tests lane for
 * lane, while i + 32 <= lim and i + 33 <= n and a block passes whole: from *i on, the
 * continuation bytes and (without stop_nl) the non-ASCII bytes added to *conts and *mb, the
 * carry into the next block in *carry. A block that does not pass is left to the sixteen-byte
 * blocks, which find where it stops as they would have. */
static inline __attribute__((always_inline)) QG_AVX2 void utf8_blocks32(const unsigned char *u, size_t n, size_t lim,
                                                                        bool stop_nl, size_t *ip, unsigned *carryp,
                                                                        size_t *conts, size_t *mb) {
  const __m256i c_lim = _mm256_set1_epi8(-64), k2 = _mm256_set1_epi8((char)(0x80 - 0xC2)),
                l2 = _mm256_set1_epi8((char)(0x80 + 30)), k3 = _mm256_set1_epi8((char)(0x80 - 0xE1)),
                l3 = _mm256_set1_epi8((char)(0x80 + 12)), ef = _mm256_set1_epi8((char)0xEF),
                b7 = _mm256_set1_epi8((char)0xB7), bf = _mm256_set1_epi8((char)0xBF),
                k_nl = _mm256_set1_epi8(0x76), lim_nl = _mm256_set1_epi8(-124),
                x80 = _mm256_set1_epi8((char)0x80), a9 = _mm256_set1_epi8((char)0xA9),
                zero = _mm256_setzero_si256();
  size_t i = *ip;
  uint64_t carry = *carryp;
  __m256i acc_cont = zero, acc_hi = zero;
  unsigned blocks = 0;
  while (i + 32 <= lim && i + 33 <= n) {
    __m256i x = _mm256_loadu_si256((const __m256i *)(u + i)),
            y = _mm256_loadu_si256((const __m256i *)(u + i + 1));
    uint32_t hi = (uint32_t)_mm256_movemask_epi8(x);
    __m256i contv = _mm256_cmpgt_epi8(c_lim, x);
    uint32_t cont = (uint32_t)_mm256_movemask_epi8(contv);
    uint32_t lead2 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(l2, _mm256_add_epi8(x, k2)));
    __m256i efok = _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpeq_epi8(y, b7), _mm256_cmpeq_epi8(y, bf)),
                                       _mm256_cmpeq_epi8(x, ef));
    uint32_t lead3 = (uint32_t)_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_cmpgt_epi8(l3, _mm256_add_epi8(x, k3)), efok));
    uint32_t nl = 0;
    if (stop_nl) {
      __m256i ends = _mm256_cmpgt_epi8(lim_nl, _mm256_add_epi8(x, k_nl));
      __m256i sep = _mm256_and_si256(_mm256_cmpeq_epi8(x, x80), _mm256_cmpeq_epi8(y, a9));
      nl = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(ends, sep));
    }
    uint64_t want = ((uint64_t)(lead2 | lead3) << 1) | ((uint64_t)lead3 << 2) | carry;
    if (nl || (hi & ~(cont | lead2 | lead3)) || cont != (uint32_t)want) break;
    carry = want >> 32;
    acc_cont = _mm256_sub_epi8(acc_cont, contv);
    if (!stop_nl) acc_hi = _mm256_sub_epi8(acc_hi, _mm256_cmpgt_epi8(zero, x));
    i += 32;
    if (++blocks == 255) { /* (a byte lane counts up to 255) */
      uint64_t sum[8];
      _mm256_storeu_si256((__m256i *)sum, _mm256_sad_epu8(acc_cont, zero));
      *conts += (size_t)(sum[0] + sum[1] + sum[2] + sum[3]);
      if (!stop_nl) {
        _mm256_storeu_si256((__m256i *)(sum + 4), _mm256_sad_epu8(acc_hi, zero));
        *mb += (size_t)(sum[4] + sum[5] + sum[6] + sum[7]);
      }
      acc_cont = acc_hi = zero;
      blocks = 0;
    }
  }
  if (blocks) { /* (the blocks since the last sum, however the loop ended) */
    uint64_t sum[8];
    _mm256_storeu_si256((__m256i *)sum, _mm256_sad_epu8(acc_cont, zero));
    *conts += (size_t)(sum[0] + sum[1] + sum[2] + sum[3]);
    if (!stop_nl) {
      _mm256_storeu_si256((__m256i *)(sum + 4), _mm256_sad_epu8(acc_hi, zero));
      *mb += (size_t)(sum[4] + sum[5] + sum[6] + sum[7]);
    }
  }
  *ip = i;
  *carryp = (unsigned)carry;
}

/* utf8_blocks32 for each of utf8_blocks' two callers (stop_nl a constant in each). */
static QG_AVX2 __attribute__((noinline)) void utf8_blocks32_nl(const unsigned char *u, size_t n, size_t lim, size_t *i,
                                                             unsigned *carry, size_t *conts) {
  size_t mb = 0;
  utf8_blocks32(u, n, lim, true, i, carry, conts, &mb);
}
static QG_AVX2 __attribute__((noinline)) void utf8_blocks32_mb(const unsigned char *u, size_t n, size_t lim, size_t *i,
                                                             unsigned *carry, size_t *conts, size_t *mb) {
  utf8_blocks32(u, n, lim, false, i, carry, conts, mb);
}
#endif

/* Blocks of sixteen bytes from u[0] (a character start) while i + 16 <= lim and i + 17 <= n
 * (the byte after a block is read), of the bytes above and, when stop_nl, no CR or LF and no
 * byte 80 followed by A9 (the last two bytes of U+2029; a few other characters stop the
 * blocks too, such as U+5029 E5 80 A9, and go the slower way). Inlined into its two callers,
 * so that stop_nl is a constant in each: the decoder's fast path (stop_nl, no mb), the census
 * (mb, no stop). */
static inline __attribute__((always_inline)) utf8_run utf8_blocks_run(const unsigned char *u, size_t n, size_t lim,
                                                                      bool stop_nl, bool use_avx) {
  const __m128i c_lim = _mm_set1_epi8(-64), k2 = _mm_set1_epi8((char)(0x80 - 0xC2)),
                l2 = _mm_set1_epi8((char)(0x80 + 30)), k3 = _mm_set1_epi8((char)(0x80 - 0xE1)),
                l3 = _mm_set1_epi8((char)(0x80 + 12)), ef = _mm_set1_epi8((char)0xEF),
                b7 = _mm_set1_epi8((char)0xB7), bf = _mm_set1_epi8((char)0xBF),
                k_nl = _mm_set1_epi8(0x76), lim_nl = _mm_set1_epi8(-124),
                x80 = _mm_set1_epi8((char)0x80), a9 = _mm_set1_epi8((char)0xA9);
  utf8_run r = {0, 0, 0, n};
  size_t i = 0, conts = 0, mb = 0;
  unsigned carry = 0; /* continuation bytes the last block's leads put in this one */
  /* continuation and non-ASCII bytes counted in byte lanes, summed every 255 blocks */
  __m128i acc_cont = _mm_setzero_si128(), acc_hi = _mm_setzero_si128();
  unsigned blocks = 0;
#if QG_HAVE_AVX2
  if (use_avx && lim >= 32 && n >= 33) {
    if (stop_nl) utf8_blocks32_nl(u, n, lim, &i, &carry, &conts);
    else utf8_blocks32_mb(u, n, lim, &i, &carry, &conts, &mb);
  }
#else
  (void)use_avx;
#endif
  while (i + 16 <= lim && i + 17 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(u + i)),
            y = _mm_loadu_si128((const __m128i *)(u + i + 1));
    unsigned hi = (unsigned)_mm_movemask_epi8(x);
    __m128i contv = _mm_cmplt_epi8(x, c_lim);
    unsigned cont = (unsigned)_mm_movemask_epi8(contv);
    unsigned lead2 = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(x, k2), l2));
    __m128i efok = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(y, b7), _mm_cmpeq_epi8(y, bf)),
                                    _mm_cmpeq_epi8(x, ef));
    unsigned lead3 = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(x, k3), l3), efok));
    unsigned nl = 0;
    if (stop_nl) {
      /* 0A..0D (LF, VT, FF, CR: VT and FF go the slower way) as 80..83 after adding 76,
       * below -124 as signed bytes */
      __m128i ends = _mm_cmplt_epi8(_mm_add_epi8(x, k_nl), lim_nl);
      __m128i sep = _mm_and_si128(_mm_cmpeq_epi8(x, x80), _mm_cmpeq_epi8(y, a9));
      nl = (unsigned)_mm_movemask_epi8(_mm_or_si128(ends, sep));
    }
    unsigned want = (lead2 << 1) | (lead3 << 1) | (lead3 << 2) | carry;
    if (nl || (hi & ~(cont | lead2 | lead3)) || cont != (want & 0xFFFF)) {
      r.retry = i + 16;
      if (stop_nl && nl) {
        /* the bytes before the first stop (most often the line's LF), taken here when they
         * are whole characters that pass the block's test, as the character-by-character
         * loop after the blocks would take them (session 51: that loop ran to every line's
         * end) */
        unsigned pm = (1u << __builtin_ctz(nl)) - 1;
        if (!((hi & ~(cont | lead2 | lead3)) & pm) && !((cont ^ want) & pm) && !(want & ~pm)) {
#ifdef QG_CHECK_UTF8
          prefix_check(u + i, n - i, (size_t)__builtin_ctz(nl), carry,
                       (size_t)__builtin_popcount(cont & pm));
#endif
          conts += (size_t)__builtin_popcount(cont & pm);
          i += (size_t)__builtin_ctz(nl);
          carry = 0;
        }
      }
      break;
    }
    carry = want >> 16;
    acc_cont = _mm_sub_epi8(acc_cont, contv);
    if (!stop_nl) acc_hi = _mm_sub_epi8(acc_hi, _mm_cmplt_epi8(x, _mm_setzero_si128()));
    i += 16;
    if (++blocks == 255) {
      conts += lane_sum(acc_cont);
      if (!stop_nl) mb += lane_sum(acc_hi);
      acc_cont = acc_hi = _mm_setzero_si128();
      blocks = 0;
    }
  }
  conts += lane_sum(acc_cont);
  if (!stop_nl) mb += lane_sum(acc_hi);
  size_t chars = i - conts;
  if (carry) { /* the last character runs past the blocks checked: it is left out */
    size_t b = i - 1;
    while ((u[b] & 0xC0) == 0x80) b--;
    chars--;
    if (!stop_nl) mb -= i - b;
    i = b;
  }
  r.len = i;
  r.chars = chars;
  r.mb = mb;
  if (r.retry < i) r.retry = i;
  return r;
}

/* utf8_blocks_run with the AVX2 blocks first where the CPU has them; a build with -DQG_CHECK_AVX
 * runs the SSE2 blocks alone too and aborts where the two differ. */
static inline __attribute__((always_inline)) utf8_run utf8_blocks(const unsigned char *u, size_t n, size_t lim, bool stop_nl) {
  utf8_run r = utf8_blocks_run(u, n, lim, stop_nl, qg_simd_avx2());
#ifdef QG_CHECK_AVX
  utf8_run q = utf8_blocks_run(u, n, lim, stop_nl, false);
  if (q.len != r.len || q.chars != r.chars || q.mb != r.mb || q.retry != r.retry) {
    fprintf(stderr, "QG_CHECK_AVX: utf8_blocks differ on %zu bytes (limit %zu)\n", n, lim);
    abort();
  }
#endif
  return r;
}
#endif

/* Counts invalid byte i, and a new run of invalid bytes unless byte i - 1 was invalid too. */
static void bad_byte(size_t i, size_t *last_bad, size_t *invalid, size_t *runs) {
  if (*last_bad == SIZE_MAX || *last_bad + 1 != i) (*runs)++;
  *last_bad = i;
  (*invalid)++;
}

/* Counts the bytes of valid multi-byte UTF-8 sequences, the invalid bytes and the runs of
 * consecutive invalid bytes in s. A sequence cut by the end of the sample is none of these
 * when more input follows. */
void qg_utf8_census(const unsigned char *s, size_t n, bool final, size_t *mb_bytes,
                        size_t *invalid, size_t *runs) {
  size_t i = 0, last_bad = SIZE_MAX;
  *mb_bytes = *invalid = *runs = 0;
#ifdef __SSE2__
  size_t retry = 0; /* where the blocks are checked again */
#endif
  while (i < n) {
#ifdef __SSE2__
    if (i >= retry) {
      utf8_run r = utf8_blocks(s + i, n - i, n - i, false);
      *mb_bytes += r.mb;
      retry = i + r.retry;
      i += r.len;
      if (i >= n) break;
    }
#endif
    unsigned c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else { bad_byte(i, &last_bad, invalid, runs); i++; continue; }
    if (i + need >= n) { /* the sequence runs past the end of the sample */
      bool ok = !final;
      for (size_t k = 1; ok && i + k < n; k++) {
        unsigned t = s[i + k];
        if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) ok = false;
      }
      if (ok) return; /* cut by the sample's end: more input follows */
      bad_byte(i, &last_bad, invalid, runs);
      i++;
      continue;
    }
    bool ok = true;
    for (size_t k = 1; ok && k <= need; k++) {
      unsigned t = s[i + k];
      if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) ok = false;
    }
    if (ok) {
      *mb_bytes += need + 1;
      i += need + 1;
    } else {
      bad_byte(i, &last_bad, invalid, runs);
      i++;
    }
  }
}

/* A UTF-16 code unit that Chinese print copy plausibly holds: ASCII text and line ends,
 * Latin-1, pinyin letters, Greek and Cyrillic (in GB2312), the punctuation, symbols, CJK and
 * full-width blocks, zero-width characters and U+FEFF. Not controls, not U+0000, not private
 * use, not Hangul syllables (GB18030 and Big5 bytes read as UTF-16 land there). */
static bool u16_plausible(unsigned u) {
  if (u < 0x80) return u >= 0x20 ? u != 0x7F : (u == '\t' || u == '\n' || u == '\r');
  if (u < 0xA0) return false;
  if (u < 0x250) return true;
  return (u >= 0x2C6 && u <= 0x2DD) || (u >= 0x391 && u <= 0x3C9) ||
         (u >= 0x401 && u <= 0x451) || (u >= 0x200B && u <= 0x200D) ||
         (u >= 0x2010 && u <= 0x2027) || (u >= 0x2030 && u <= 0x205E) ||
         (u >= 0x2100 && u <= 0x22FF) || (u >= 0x2460 && u <= 0x27BF) ||
         (u >= 0x2E80 && u <= 0x2FDF) || (u >= 0x3000 && u <= 0x9FFF) ||
         (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFE30 && u <= 0xFE4F) ||
         (u >= 0xFF00 && u <= 0xFFEF) || u == 0xFEFF;
}

/* Reads s as UTF-16 (big-endian when be): counts the code units, the plausible ones (a
 * surrogate pair of a CJK extension ideograph or an emoji counts as two) and the units whose
 * high byte is NUL and low byte is not (ASCII and Latin-1 characters, line ends). */
static void u16_census(const unsigned char *s, size_t n, bool be, size_t *units,
                       size_t *plausible, size_t *nul_hi) {
  size_t nu = n / 2;
  *units = nu;
  *plausible = *nul_hi = 0;
  for (size_t i = 0; i < nu; i++) {
    unsigned hi = s[2 * i + !be], lo = s[2 * i + be], u = hi << 8 | lo;
    if (hi == 0 && lo != 0) (*nul_hi)++;
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < nu) {
      unsigned t = (unsigned)s[2 * i + 2 + !be] << 8 | s[2 * i + 2 + be];
      if (t >= 0xDC00 && t <= 0xDFFF) {
        uint32_t cp = 0x10000 + ((u - 0xD800) << 10) + (t - 0xDC00);
        if ((cp >= 0x20000 && cp < 0x40000) || (cp >= 0x1F300 && cp < 0x1FB00)) *plausible += 2;
        i++;
        continue;
      }
    }
    if (u16_plausible(u)) (*plausible)++;
  }
}

/* UTF-16 without a byte order mark, from the NUL bytes: text in UTF-16 has a NUL high byte
 * in every ASCII character and line end, which UTF-8 text does not have (NUL is valid UTF-8,
 * so the UTF-8 check alone would take UTF-16 of Latin text). Chosen when at least 2 code units
 * are read, one of them has a NUL high byte, at least 95% of the units are plausible in that
 * byte order, and, when the sample is also valid UTF-8, at least one unit in 8 has the NUL
 * high byte (so a stray NUL in UTF-8 text does not switch the reading). When both byte orders
 * qualify, the one with more NUL high bytes wins, then the more plausible one, then LE. */
static const char *detect_utf16(const unsigned char *s, size_t n, bool valid_utf8) {
  /* both byte orders need a NUL high byte: none without a NUL byte (memchr is fast) */
  if (!n || !memchr(s, 0, n)) return NULL;
  size_t units[2], plaus[2], nul_hi[2];
  bool ok[2];
  for (int be = 0; be < 2; be++) {
    u16_census(s, n, be, &units[be], &plaus[be], &nul_hi[be]);
    ok[be] = units[be] >= 2 && nul_hi[be] >= 1 && plaus[be] * 20 >= units[be] * 19 &&
             (!valid_utf8 || nul_hi[be] * 8 >= units[be]);
  }
  if (ok[0] && ok[1]) {
    if (nul_hi[0] != nul_hi[1]) return nul_hi[1] > nul_hi[0] ? "UTF-16BE" : "UTF-16LE";
    return plaus[1] > plaus[0] ? "UTF-16BE" : "UTF-16LE";
  }
  return ok[1] ? "UTF-16BE" : ok[0] ? "UTF-16LE" : NULL;
}

const char *qg_sniff_utf16(const void *s, size_t n) {
  return detect_utf16((const unsigned char *)s, n, false);
}

/* Legacy multi-byte encodings ICU may propose, in order of preference on equal confidence:
 * this is a tool for mainland print copy, so GB18030 (which covers GBK and GB2312) first. */
static const char *const cjk_charsets[] = {"GB18030", "Big5", "EUC-JP", "EUC-KR", "Shift_JIS",
                                           NULL};

/* True when s decodes in encoding name as text: no invalid or unmapped byte, and no C1
 * control (U+0080..U+009F: EUC-KR maps a lone 0x81 to U+0081, and so took a GB18030 file
 * cut inside its last character, probe 18 D4; no legacy CJK text holds one). The sample is
 * judged as if more input followed: a character cut by its end is fine, and *pending gets
 * the bytes of it (0 when the sample ends on a character boundary). */
static bool decodes_cleanly(const char *name, const unsigned char *s, size_t n, size_t *pending) {
  *pending = 0;
  UErrorCode err = U_ZERO_ERROR;
  UConverter *c = ucnv_open(name, &err);
  if (U_FAILURE(err)) return false;
  ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
  const char *src = (const char *)s, *lim = src + n;
  UChar buf[1024];
  bool ok = U_SUCCESS(err);
  while (ok) {
    UChar *t = buf;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(c, &t, buf + 1024, &src, lim, NULL, false, &err);
    for (const UChar *u = buf; ok && u < t; u++) ok = *u < 0x80 || *u > 0x9F;
    if (err != U_BUFFER_OVERFLOW_ERROR) {
      ok = ok && U_SUCCESS(err);
      break;
    }
  }
  if (ok) {
    err = U_ZERO_ERROR;
    int32_t k = ucnv_toUCountPending(c, &err);
    if (U_SUCCESS(err) && k > 0) *pending = (size_t)k;
  }
  ucnv_close(c);
  return ok;
}

/* ICU confidence (0..100) at or above which a legacy encoding is taken even though the sample
 * does not decode cleanly in it (damaged GB18030 or Big5 scores 100 on Chinese text; damaged
 * UTF-8 measured at most 46 for GB18030). Below it the sample must decode cleanly. */
#define QG_LEGACY_SURE 60

/* ICU's confidence in each of cjk_charsets for s[0..n), 0 for those it does not propose. */
static void legacy_confidences(const unsigned char *s, size_t n, int32_t *conf) {
  for (size_t k = 0; cjk_charsets[k]; k++) conf[k] = 0;
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector *csd = ucsdet_open(&err);
  if (U_FAILURE(err)) return;
  ucsdet_setText(csd, (const char *)s, (int32_t)(n > INT32_MAX ? INT32_MAX : n), &err);
  int32_t nm = 0;
  const UCharsetMatch **m = U_SUCCESS(err) ? ucsdet_detectAll(csd, &nm, &err) : NULL;
  for (int32_t i = 0; U_SUCCESS(err) && m && i < nm; i++) {
    const char *name = ucsdet_getName(m[i], &err);
    int32_t c = ucsdet_getConfidence(m[i], &err);
    if (U_FAILURE(err)) break;
    for (size_t k = 0; cjk_charsets[k]; k++)
      if (!strcmp(name, cjk_charsets[k]) && c > conf[k]) conf[k] = c;
  }
  ucsdet_close(csd);
}

#define QG_NCJK (sizeof cjk_charsets / sizeof *cjk_charsets - 1)

/* Asks ICU's detector for a legacy CJK encoding and returns it, or NULL. A candidate needs
 * confidence >= 10 and either decodes the sample cleanly or scores QG_LEGACY_SURE; the highest
 * confidence wins, equal confidence goes to the earlier entry of cjk_charsets. So Big5 needs
 * more confidence than GB18030 (Big5 text is nearly always valid GB18030 too).
 * A character cut by the end of the sample (a short input cut inside its last character, or
 * the end of the QG_SAMPLE bytes) does not decide (probe 18 D4): ICU's detector, given the
 * cut lead byte, proposed no GB18030 at all for 21 bytes of GBK, and a cut character failed
 * the clean decode; so an encoding in which the sample ends inside a character is judged on
 * the sample without those bytes, and the decoder reports the cut at its place ("input ends
 * inside a character") once the input has ended: the sample is judged as if more input
 * followed, also at the end of the input. */
/* How plausible a reading of a short sample is as Chinese copy, in the legacy encoding name
 * (GB18030 or Big5): +1 for a Han character from the encoding's common block (GB2312 level
 * 1, bytes B0A1..D7FE; Big5 level 1, A440..C67E), 0 for another Han character, +2 for CJK
 * and full-width punctuation and for the numbers of lists, in either reading (Roman numerals
 * Ⅰ ⅰ, ① ⑴ ⒈, ㈠: probe 36 F3, `Ⅰ.总则 Ⅱ.分则` in GB18030 was read as Big5 `ｉ.軞寀 ｊ.煦寀` without
 * a word, its numerals having scored as implausible; Big5's `第Ⅰ章總則` reads as GB18030 `材⒐彻…`,
 * so both readings count them alike), -3 for anything else beyond ASCII (kana, bopomofo, Greek,
 * Cyrillic, box drawing, Private Use, Hangul: what Big5 bytes read as GB18030 give, and GB
 * bytes read as Big5 give for their punctuation). Reading stops at a character cut by the
 * end of the sample. */
static int reading_score(const char *name, const unsigned char *s, size_t n) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter *c = ucnv_open(name, &err);
  if (U_FAILURE(err)) return INT_MIN;
  bool big5 = !strcmp(name, "Big5");
  const char *src = (const char *)s, *lim = src + n;
  int score = 0;
  while (src < lim) {
    const unsigned char *at = (const unsigned char *)src;
    err = U_ZERO_ERROR;
    UChar32 u = ucnv_getNextUChar(c, &src, lim, &err);
    if (U_FAILURE(err) || src <= (const char *)at) break;
    if (u < 0x80) continue;
    if (u >= 0x4E00 && u <= 0x9FFF && (const char *)at + 2 <= src) {
      unsigned l = at[0], t = at[1];
      score += big5 ? (l >= 0xA4 && l <= 0xC6 && !(l == 0xC6 && t > 0x7E))
                    : (l >= 0xB0 && l <= 0xD7 && t >= 0xA1);
    } else if ((u >= 0x3000 && u <= 0x3002) || (u >= 0x3008 && u <= 0x3011) ||
               (u >= 0xFF01 && u <= 0xFF5E) || (u >= 0x2010 && u <= 0x2027) ||
               (u >= 0x2160 && u <= 0x217B) || (u >= 0x2460 && u <= 0x249B) ||
               (u >= 0x3220 && u <= 0x3229))
      score += 2;
    else score -= 3;
  }
  ucnv_close(c);
  return score;
}

/* A sample with fewer bytes above 0x7F than this, which reads cleanly as both GB18030 and
 * Big5, is decided between them by reading_score rather than by ICU's confidence: below about
 * 54 bytes ICU proposed GB18030 for Big5 copy (review 17 P1: `中文報紙，內容完整。` in Big5, 20
 * bytes, became いゅ厨ず甧Ч俱 without a word). */
#define QG_SHORT_LEGACY 64
/* ... and a close call, said (decode-guess), when the other reading holds nothing implausible
 * (its score is not negative) and scores less than this below: 国际新闻 and 國際新聞 (4 and 2),
 * 中 alone (1 and 0); not 记者王小明报道 (7 and 4), 北京市政府昨天宣布 (9 and 4), nor Big5
 * copy whose GB18030 reading holds kana. (Set on these few examples: a short headline in
 * GB18030 should not be a warning every time.) */
#define QG_CLOSE_CALL 3

/* high: the bytes of s[0..n) above 0x7F (counted once, by detect, which weighs them too). */
static const char *detect_legacy(const unsigned char *s, size_t n, size_t high,
                                 const char **guess) {
  int32_t conf[QG_NCJK], cut_conf[4][QG_NCJK];
  bool cut_done[4] = {false}, clean_k[QG_NCJK] = {false};
  legacy_confidences(s, n, conf);
  const char *found = NULL;
  int32_t best = 0;
  *guess = NULL;
  for (size_t k = 0; cjk_charsets[k]; k++) {
    size_t pending = 0;
    bool clean = clean_k[k] = decodes_cleanly(cjk_charsets[k], s, n, &pending);
    int32_t c = conf[k];
    if (clean && pending > 0 && pending < 4 && pending < n) {
      if (!cut_done[pending]) legacy_confidences(s, n - pending, cut_conf[pending]);
      cut_done[pending] = true;
      c = cut_conf[pending][k];
    }
    if (c >= 10 && c > best && (clean || c >= QG_LEGACY_SURE)) {
      best = c;
      found = cjk_charsets[k];
    }
  }
  /* short, and clean in both: the reading that looks more like Chinese copy (GB18030 on a
   * tie); a close call (the other reading is plausible too) is said (decode-guess) */
  /* (cjk_charsets[0] is GB18030, [1] Big5) */
  if (clean_k[0] && clean_k[1] && high < QG_SHORT_LEGACY && high > 0 &&
      found && (!strcmp(found, "GB18030") || !strcmp(found, "Big5"))) {
    int gb = reading_score("GB18030", s, n), b5 = reading_score("Big5", s, n);
    found = b5 > gb ? "Big5" : "GB18030";
    int won = b5 > gb ? b5 : gb, lost = b5 > gb ? gb : b5;
    if (lost >= 0 && won - lost < QG_CLOSE_CALL) *guess = b5 > gb ? "GB18030" : "Big5";
  }
  return found;
}

/* Bytes of a sample below which a legacy encoding or UTF-16 without a byte order mark is a
 * weak guess (qg_docinfo.encoding_weak): Big5 lines of 10 characters (20 bytes) were read as
 * GB18030 every time, of 15 characters and more never (probe 9 F20). */
#define QG_WEAK_SAMPLE 40

/* *guess: the encoding a short legacy sample could as well be in (NULL: none), when the
 * choice between GB18030 and Big5 was close (detect_legacy). */
static const char *detect(const unsigned char *s, size_t n, bool final, bool *weak,
                          const char **guess) {
  *weak = false;
  *guess = NULL;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return "UTF-8";
  /* UTF-32's marks before UTF-16's: FF FE 00 00 also starts UTF-16LE (U+FEFF, then U+0000),
   * read so every character came with a NUL removed (probe 9 F18) */
  if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && !s[2] && !s[3]) return "UTF-32LE";
  if (n >= 4 && !s[0] && !s[1] && s[2] == 0xFE && s[3] == 0xFF) return "UTF-32BE";
  if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) return "UTF-16LE";
  if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) return "UTF-16BE";
  size_t mb_bytes, invalid, runs;
  qg_utf8_census(s, n, final, &mb_bytes, &invalid, &runs);
  const char *u16 = detect_utf16(s, n, invalid == 0);
  if (u16) {
    *weak = n < QG_WEAK_SAMPLE;
    return u16;
  }
  if (invalid == 0) return "UTF-8";
  /* valid UTF-8 but for a character cut by the end of the input: UTF-8 whose last character
   * is cut, reported at its place (review 17 N7: the 2 bytes E4 B8 were GBK 涓) */
  if (final) {
    size_t mb2, inv2, runs2;
    qg_utf8_census(s, n, false, &mb2, &inv2, &runs2);
    if (inv2 == 0) return "UTF-8";
  }
  /* Damaged UTF-8 has few bad bytes among many good sequences; GB18030 or Big5 text read as
   * UTF-8 has the reverse, since their trail bytes rarely form valid sequences. Measured on
   * random pieces of Chinese news text: GB18030 and Big5 of 12 characters and more never
   * reach either bound below (of 8 characters, 1 in 2000), while one stray, missing or
   * changed byte among 12 or more UTF-8 Han characters always does (a stray byte inside a
   * character makes up to 4 bad bytes in one run, hence the second bound). */
  if (mb_bytes >= 4 * invalid || mb_bytes >= 9 * runs) return "UTF-8";
  size_t high = 0;
  for (size_t i = 0; i < n; i++) high += s[i] >= 0x80;
  const char *legacy = detect_legacy(s, n, high, guess);
  if (legacy) *weak = high < QG_WEAK_SAMPLE;
  /* Nothing else fits: read it as UTF-8, whose errors are reported where they are. */
  return legacy ? legacy : "UTF-8";
}

/* ---- lines -------------------------------------------------------------------------------- */

static int ensure_line(qg_decoder *d) {
  if (d->line) return 0;
  d->line = qg_block_get(d->ctx, QG_KIND_LINE);
  if (!d->line) return QG_ERR_NOMEM;
  d->line->line = d->line->end_line = d->lineno;
  d->line->blank = true;
  d->piece_col = d->col;
  return qg_srcmap_add(&d->line->map, 0, d->lineno, d->col, QG_MAP_EXACT);
}

/* After text was added to the line: a new exact anchor when the last is QG_MAP_STEP bytes
 * back (a long line), where the next character goes. */
static int checkpoint(qg_decoder *d) {
  qg_block *b = d->line;
  if (b->text.len - b->map.a[b->map.n - 1].off < QG_MAP_STEP) return 0;
  return qg_srcmap_add(&b->map, (uint32_t)b->text.len, d->lineno, d->col, QG_MAP_EXACT);
}

/* Passes the current line (or piece of a long line) on. */
static int emit_line(qg_decoder *d, bool eol) {
  int rc = ensure_line(d);
  if (rc) return rc;
  qg_block *b = d->line;
  d->line = NULL;
  b->eol = eol;
  d->after_sep = false;
  qg_ctx_docinfo(d->ctx)->lines = d->lineno;
  if (eol) {
    d->lineno++;
    d->col = 1;
  }
  return d->next->vt->push(d->next, b);
}

/* Where a piece of a long line ends (text t[0..n) reached the block limit): after the last
 * sentence end in its last QG_PIECE_LOOK bytes (。！？…; ASCII . ! ? before no letter or digit),
 * with the closing quotes and brackets after it; else after the last clause mark or space there;
 * else at the end when it follows a Han character or a CJK mark (what comes next cannot join
 * it into a number or a URL); else at the last character boundary with no letter, digit or
 * link character on either side (full-width ones count: the character stage makes them
 * ASCII); else at the last grapheme boundary, or for one emoji sequence longer than the
 * window the last place before or after one of its ZWJs (review 15b R6, R7); else n. Every cut
 * but n and that one falls on a grapheme boundary (not before a combining mark, variation
 * selector, ZWJ or emoji modifier, not after a ZWJ; probe 16 F7), and a cut at the end (after a
 * Han character, or the last of those fallbacks) waits for the next character to show it is
 * none of them. The characters on both sides of the cut go with the pieces (cut_prev,
 * cut_next), so the chars stage keeps a ZWJ left at it. So the paragraph stage, which starts a new paragraph at a piece's end when the
 * paragraph is full (para-split), does not cut 3.14, a URL or a sentence (probe 8 E1). */
#define QG_PIECE_LOOK 65536
static bool piece_word(uint32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0; /* full-width letters, digits and marks are
                                                * the character stage's ASCII (probe 12a A6) */
  return c < 0x80 && ((c | 0x20) - 'a' < 26 || c - '0' < 10 || (c && strchr(".-_~:/?#@%&=+\\", (int)c)));
}
/* +1 for a mark that opens a pair (quotation marks, brackets, book-title marks), -1 for one
 * that closes it, else 0 (a straight " is counted apart; a straight ' is an apostrophe too). */
static int pair_delta(uint32_t c) {
  switch (c) {
  case 0x201C: case 0x2018: case 0x300C: case 0x300E: case 0xFF08: case '(': case 0x300A:
  case 0x3010: case 0x3008: case 0x3014: case 0xFF3B: case '[':
    return 1;
  case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case ')': case 0x300B:
  case 0x3011: case 0x3009: case 0x3015: case 0xFF3D: case ']':
    return -1;
  default:
    return 0;
  }
}
static bool piece_stop(uint32_t c, uint32_t next) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x2026 ||
         ((c == '.' || c == '!' || c == '?') && !piece_word(next));
}
static bool piece_closer(uint32_t x) {
  return x == 0x201D || x == 0x2019 || x == 0xFF09 || x == 0x300D || x == 0x300F || x == 0x300B ||
         x == 0x3011 || x == '"' || x == '\'' || x == ')';
}
/* The last sentence end (with its closers) in t's last QG_PIECE_LOOK bytes where no quotation,
 * bracket or book title is open (a straight " counted by parity), or 0: a cut there leaves
 * every pair whole in its piece, where one inside a quotation made the punct stage report its
 * halves as unmatched and leave the closing " straight (probe 11b G9). One pass from the start:
 * the pairs opened before the window count. */
static size_t piece_cut_balanced(const char *t, size_t n) {
  const unsigned char *u = (const unsigned char *)t;
  size_t low = n > QG_PIECE_LOOK ? n - QG_PIECE_LOOK : 0, best = 0, i = 0;
  long depth = 0;
  unsigned dq = 0;
  while (i < n) {
    /* Han characters (lead bytes E4..E9), letters and digits are none of the marks looked for:
     * skipped without decoding */
    unsigned char b = u[i];
    if ((b >= 0xE4 && b <= 0xE9) || (unsigned)((b | 0x20) - 'a') < 26u || (unsigned)(b - '0') < 10u) {
      i += b < 0x80 ? 1 : 3;
      continue;
    }
    uint32_t c = qg_utf8_next(t, n, &i);
    if (c == '"') dq++;
    else if ((depth += pair_delta(c)) < 0) depth = 0;
    if (c != 0x3002 && c != 0xFF01 && c != 0xFF1F && c != 0x2026 && c != '.' && c != '!' && c != '?')
      continue;
    size_t k = i;
    uint32_t next = i < n ? qg_utf8_next(t, n, &k) : 0;
    if (!piece_stop(c, next)) continue;
    size_t e = i; /* after the closers that follow */
    while (e < n && piece_closer(next)) {
      if (next == '"') dq++;
      else if ((depth += pair_delta(next)) < 0) depth = 0;
      e = k;
      next = k < n ? qg_utf8_next(t, n, &k) : 0;
    }
    if (e > low && e < n && !depth && !(dq & 1)) best = e;
    i = e;
  }
  return best;
}

/* A character that extends the one before it (a combining mark, a variation selector, a ZWJ, an
 * emoji modifier or tag): no piece starts with it (probe 16 F7). */
static bool piece_extends(uint32_t c) {
  return c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
         qg_cp_is_mark(c);
}

/* SIZE_MAX: wait for the next character (the cut would be at the end, before it). */
static size_t piece_cut(const char *t, size_t n, bool first) {
  size_t best = piece_cut_balanced(t, n);
  if (best) return best;
  size_t low = n > QG_PIECE_LOOK ? n - QG_PIECE_LOOK : 0, clause = 0, plain = 0, loose = 0;
  size_t last_at = qg_utf8_prev(t, n);
  uint32_t next = 0; /* the character after the one before i (at n: not decoded yet) */
  for (size_t i = n; i > low;) {
    size_t p = qg_utf8_prev(t, i), k = p;
    uint32_t c = qg_utf8_next(t, n, &k);
    if (i == n) {
      /* the end itself, after a Han character or a CJK mark: what follows is not read yet,
       * and a mark or selector may (probe 16 F7): on the text's first reaching the limit the
       * cut waits for one more character, and is then made before it, at the same place,
       * unless that character extends the one before */
      if (first && !piece_word(c) && c >= 0x80 && c != 0x200D) plain = SIZE_MAX;
      next = c;
      i = p;
      continue;
    }
    /* a grapheme boundary: never before a mark or selector, never after a ZWJ (probe 16 F7:
     * a cut between 葛 and its selector lost the selector) */
    /* (one emoji sequence longer than the limit: the last place between its emoji and their
     * joiners, before or after a ZWJ; the chars stage keeps a ZWJ a cut leaves at a block's
     * end or start, cut_next and cut_prev. Only after a ZWJ, it fell one character
     * earlier than the end the cut had waited for: review 15b R7) */
    if (!loose && (next == 0x200D || !piece_extends(next))) loose = i;
    if (piece_extends(next) || c == 0x200D) {
      next = c;
      i = p;
      continue;
    }
    /* before the last character, after a Han character or a CJK mark (what comes next cannot
     * join it into a number or a URL) */
    if (!plain && i == last_at && !piece_word(c) && c >= 0x80) plain = i;
    if (piece_stop(c, next)) { /* after it and the closers that follow */
      size_t e = i;
      while (e < n) {
        size_t q = e;
        if (!piece_closer(qg_utf8_next(t, n, &q))) break;
        e = q;
      }
      if (e < n) return e;
    }
    if (!clause && (c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A ||
                             c == ' ' || c == 0x3000))
      clause = i;
    if (!plain && !piece_word(c) && !piece_word(next)) plain = i;
    next = c;
    i = p;
  }
  if (clause) return clause;
  if (plain) return plain;
  /* no clause mark, space or Han character in the window (a run of letters or digits, an emoji
   * sequence): on the first reaching of the limit the end's boundary is not known yet; with the
   * next character read, loose may be the end as it was (review 15b R7: the cut fell one
   * character before it, where it fell at the end before probe 16 F7) */
  if (first) return SIZE_MAX;
  return loose ? loose : n;
}

/* The line reached the block limit: its text up to piece_cut goes on as a piece; the rest stays
 * as the line's start, with its positions. */
static int emit_piece(qg_decoder *d) {
  qg_block *b = d->line;
  size_t max = qg_ctx_options(d->ctx)->max_block_bytes;
  size_t cut = piece_cut(b->text.ptr, b->text.len, qg_utf8_prev(b->text.ptr, b->text.len) < max);
  if (cut == SIZE_MAX) return checkpoint(d); /* (the next character decides) */
  if (cut == 0 || cut >= b->text.len) return emit_line(d, false);
  qg_block *rest = qg_block_get(d->ctx, QG_KIND_LINE);
  if (!rest) return QG_ERR_NOMEM;
  rest->line = rest->end_line = b->line;
  int rc = qg_block_append_range(rest, b, cut, b->text.len);
  if (rc) {
    qg_block_release(d->ctx, rest);
    return rc;
  }
  rest->blank = true;
  for (size_t i = 0; i < rest->text.len && rest->blank;)
    rest->blank = qg_cp_is_space(qg_utf8_next(rest->text.ptr, rest->text.len, &i));
  /* the characters across the cut, for a ZWJ left at it (chars.c keeps one between emoji):
   * before it its emoji, past a selector or a skin tone */
  size_t k = cut;
  b->cut_next = qg_utf8_next(b->text.ptr, b->text.len, &k);
  for (k = cut; k > 0;) {
    size_t p = qg_utf8_prev(b->text.ptr, k), q = p;
    rest->cut_prev = qg_utf8_next(b->text.ptr, b->text.len, &q);
    if (rest->cut_prev != 0xFE0F && (rest->cut_prev < 0x1F3FB || rest->cut_prev > 0x1F3FF)) break;
    k = p;
  }
  qg_buf_truncate(&b->text, cut);
  while (b->map.n > 1 && b->map.a[b->map.n - 1].off >= cut) b->map.n--;
  d->line = NULL;
  b->eol = false;
  d->after_sep = false;
  qg_ctx_docinfo(d->ctx)->lines = d->lineno;
  rc = d->next->vt->push(d->next, b);
  if (rc) {
    qg_block_release(d->ctx, rest);
    return rc;
  }
  d->line = rest;
  return 0;
}

/* A line end of the file. Right after a separator (nothing since) it ends no block: the
 * separator ended it. */
static int end_line(qg_decoder *d) {
  if (d->after_sep && (!d->line || !d->line->text.len)) {
    if (d->line) qg_block_release(d->ctx, d->line);
    d->line = NULL;
    d->after_sep = false;
    qg_ctx_docinfo(d->ctx)->lines = d->lineno;
    d->lineno++;
    d->col = 1;
    return 0;
  }
  return emit_line(d, true);
}

/* Ends the block at U+2029 for the paragraph stage, on the same source line. */
static int push_at_sep(qg_decoder *d) {
  int rc = ensure_line(d);
  if (rc) return rc;
  qg_block *b = d->line;
  d->line = NULL;
  b->eol = true;
  qg_ctx_docinfo(d->ctx)->lines = d->lineno;
  return d->next->vt->push(d->next, b);
}

/* U+2029 PARAGRAPH SEPARATOR (see the decision above). */
static int take_sep(qg_decoder *d) {
  int rc = 0;
  if (d->line && d->line->text.len) {
    rc = push_at_sep(d);
  } else if (d->line) { /* nothing before it on this line: no empty line */
    qg_block_release(d->ctx, d->line);
    d->line = NULL;
  }
  d->col++; /* the separator's column: the next block starts after it */
  d->after_sep = true;
  return rc;
}

/* A character of the line (not CR or LF). */
static int put_char(qg_decoder *d, uint32_t c) {
  int rc;
  if (__builtin_expect(c == 0x2029, 0)) return take_sep(d);
  if ((rc = ensure_line(d))) return rc;
  if (qg_buf_put_cp(&d->line->text, c)) return QG_ERR_NOMEM;
  if (!qg_cp_is_space(c)) d->line->blank = false;
  d->col++;
  if (d->line->text.len >= qg_ctx_options(d->ctx)->max_block_bytes) return emit_piece(d);
  return checkpoint(d);
}

/* k CRs as the document's lines end: line ends (CR files) or characters (LF files). */
static int put_crs(qg_decoder *d, uint64_t k) {
  int rc = 0;
  for (; !rc && k; k--) {
    if (d->eol == EOL_CR) {
      d->n_cr++;
      rc = end_line(d);
    } else {
      rc = put_char(d, '\r');
    }
  }
  return rc;
}

static int note_report(qg_decoder *d, const struct held_note *x);

/* The held text is decided: the CRs before it are line ends (EOL_CR) or characters. The
 * reports on it are raised as their characters are put, at their positions. */
static int resolve(qg_decoder *d, uint8_t eol) {
  d->holding = false;
  d->eol = eol;
  int rc = put_crs(d, d->held_cr);
  size_t ni = 0;
  for (size_t i = 0; !rc && (i < d->held.len || ni < d->nnotes);) {
    if (ni < d->nnotes && d->notes[ni].off <= i) {
      rc = note_report(d, &d->notes[ni++]);
      continue;
    }
    rc = put_char(d, qg_utf8_next(d->held.ptr, d->held.len, &i));
  }
  qg_buf_clear(&d->held);
  d->nnotes = 0;
  d->held_error = false;
  return rc;
}

/* Keeps a report on the held text for resolve; NULL when out of memory. */
static struct held_note *note_add(qg_decoder *d, uint8_t kind) {
  if (d->nnotes == d->notecap) {
    size_t cap = d->notecap ? d->notecap * 2 : 8;
    struct held_note *v = realloc(d->notes, cap * sizeof *v);
    if (!v) return NULL;
    d->notes = v;
    d->notecap = cap;
  }
  struct held_note *x = &d->notes[d->nnotes++];
  *x = (struct held_note){.off = d->held.len, .kind = kind};
  return x;
}

/* The waiting CRs are followed by a character (or an invalid byte, or the end of input). */
static int lone_crs(qg_decoder *d) {
  uint64_t k = d->ncr;
  int rc;
  d->ncr = 0;
  if (d->eol == EOL_UNKNOWN) {
    if (!d->holding) { /* hold what follows until the next line end */
      d->holding = true;
      d->held_cr = k;
      qg_buf_clear(&d->held);
      return 0;
    }
    if ((rc = resolve(d, EOL_CR))) return rc; /* a second lone CR: CR ends lines */
  }
  return put_crs(d, k);
}

static int line_feed(qg_decoder *d) {
  uint64_t k = d->ncr;
  int rc;
  d->ncr = 0;
  if (d->holding && (rc = resolve(d, EOL_LF))) return rc;
  if (d->eol == EOL_UNKNOWN) d->eol = EOL_LF;
  if (d->eol == EOL_CR && k > 1 && (rc = put_crs(d, k - 1))) return rc; /* CR then CRLF */
  if (k) d->n_crlf++;
  else d->n_lf++;
  return end_line(d);
}

static int take_cp(qg_decoder *d, uint32_t c) {
  int rc;
  if (!d->started) {
    d->started = true;
    if (c == 0xFEFF) { /* byte order mark */
      qg_ctx_docinfo(d->ctx)->bom = true;
      return 0;
    }
  }
  if (c == '\r') {
    d->ncr++;
    return 0;
  }
  if (c == '\n') return line_feed(d);
  if (d->ncr && (rc = lone_crs(d))) return rc;
  if (d->holding) {
    if (qg_buf_put_cp(&d->held, c)) return QG_ERR_NOMEM;
    return d->held.len >= QG_HOLD ? resolve(d, EOL_CR) : 0;
  }
  return put_char(d, c);
}

static bool is_pua(uint32_t c) {
  return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0x10FFFD);
}

static int pua_char(qg_decoder *d, uint32_t c);

static int take_u16(qg_decoder *d, const UChar *u, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t c = u[i];
    if (d->lead) {
      UChar lead = d->lead;
      d->lead = 0;
      if (U16_IS_TRAIL(c)) {
        uint32_t cp = U16_GET_SUPPLEMENTARY(lead, c);
        int rc = d->legacy && is_pua(cp) ? pua_char(d, cp) : take_cp(d, cp);
        if (rc) return rc;
        continue;
      }
      int rc = take_cp(d, 0xFFFD); /* converters do not produce lone surrogates */
      if (rc) return rc;
    }
    if (U16_IS_LEAD(c)) {
      d->lead = (UChar)c;
      continue;
    }
    int rc = d->legacy && c >= 0xE000 && c <= 0xF8FF ? pua_char(d, c) : take_cp(d, c);
    if (rc) return rc;
  }
  return 0;
}

/* qg_report at an explicit severity (invalid bytes are an error, or a warning when replaced). */
static int report_sev(qg_ctx *ctx, const char *rule, int sev, qg_pos at, qg_pos end,
                      const char *rep, bool fixed, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
static int report_sev(qg_ctx *ctx, const char *rule, int sev, qg_pos at, qg_pos end,
                      const char *rep, bool fixed, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = qg_report_sev(ctx, rule, sev, at, end, NULL, rep, fixed, fmt, ap);
  va_end(ap);
  return rc;
}

/* Reports invalid bytes at the present position: a warning when they are replaced (--invalid
 * replace), else the error that fails the document (QG_ERR_INPUT). late: the encoding was
 * detected and the bytes came after the sample it was decided on. */
static int invalid_report(qg_decoder *d, const char *bad, int8_t blen, bool truncated, bool late,
                          bool replaced) {
  int rc;
  char hex[32 * 5 + 1] = "";
  size_t h = 0;
  for (int8_t i = 0; i < blen && h + 6 < sizeof hex; i++)
    h += (size_t)snprintf(hex + h, sizeof hex - h, "%s0x%02X", i ? " " : "",
                          (unsigned)(unsigned char)bad[i]);
  qg_pos at = {.line = d->lineno, .col = d->col};
  qg_pos end = {.line = d->lineno, .col = d->col + 1};
  const char *what = truncated ? "input ends inside a character:" : "invalid";
  /* a detected encoding is decided on the first QG_SAMPLE bytes: a fault after them is most
   * often a file in another encoding whose first 64 KiB were ASCII (an English wire header
   * before GBK text: probe 10 F18), and the error says how to read it */
  const char *hint = late ? " (the encoding was detected from the first 64 KiB; if the file is in "
                            "another, name it with -e, e.g. -e GB18030)"
                          : "";
  if (replaced)
    return report_sev(d->ctx, "decode-invalid", QG_SEV_WARNING, at, end, "\xEF\xBF\xBD", true,
                      "%s %s byte%s %s replaced by U+FFFD%s", what, d->encname,
                      blen > 1 ? "s" : "", hex, hint);
  rc = report_sev(d->ctx, "decode-invalid", QG_SEV_ERROR, at, end, NULL, false, "%s %s byte%s %s%s", what,
                 d->encname, blen > 1 ? "s" : "", hex, hint);
  return rc ? rc : QG_ERR_INPUT;
}

static int invalid_bytes(qg_decoder *d, const char *bad, int8_t blen, bool truncated) {
  int rc;
  /* waiting CRs are followed by the bytes */
  if (d->ncr && (rc = lone_crs(d))) return rc;
  bool late = qg_ctx_docinfo(d->ctx)->encoding_detected && d->fed >= QG_SAMPLE;
  bool replace = qg_ctx_options(d->ctx)->invalid == QG_INVALID_REPLACE;
  if (d->holding) { /* reported when the held text is decided, at its position then */
    if (d->held_error) return 0; /* the document fails at the first */
    struct held_note *x = note_add(d, replace ? NOTE_REPLACED : NOTE_ERROR);
    if (!x) return QG_ERR_NOMEM;
    x->blen = blen > (int8_t)sizeof x->bad ? (int8_t)sizeof x->bad : blen;
    memcpy(x->bad, bad, (size_t)x->blen);
    x->truncated = truncated;
    x->late = late;
    if (!replace) {
      d->held_error = true;
      return 0;
    }
    return take_cp(d, 0xFFFD);
  }
  rc = invalid_report(d, bad, blen, truncated, late, replace);
  return rc ? rc : take_cp(d, 0xFFFD);
}

/* ---- Private Use code points of legacy converters (qg_pua_map) ----------------------------
 * Two tables, built once per process at the first use (the CLI's --fix reads files with the same
 * maps, cli/fix.c), for U+E000..U+F8FF:
 * - Big5 (named Big5, csBig5 or x-big5, or detected): windows-950's Private Use code point back
 *   to its bytes, and those bytes through ICU's Big5-HKSCS; a character there (not Private Use
 *   again) is taken: one or two code points (probe 11a F18);
 * - GBK and its aliases, GB2312 (3): the code point back to its GBK bytes, those bytes through
 *   ICU's GB18030 (the 2005 table: A8BC is U+1E3F there, U+E7C7 in GBK); then, and in GB18030
 *   (2), GB18030-2022's 22 changes: ICU 72's table is the 2005 one, which maps byte pairs
 *   FE51..FEA0 and A6D9..A6F3 to Private Use code points where GB18030-2022 (the standard in
 *   force since 2023, and glibc's iconv) has the characters since encoded: 龴 (FE59, U+9FB4),
 *   𠂇 (FE51, U+20087), the vertical forms ︐ (A6D9, U+FE10)… The glyph a 2005 font drew for
 *   those pairs is the same character, so both readings of the bytes mean it (probe 16 F2: the
 *   22 came out as Private Use characters, `--fix --to-utf8` wrote them so). */
static const uint32_t gb2022[][2] = {
    {0xE78D, 0xFE10},  {0xE78E, 0xFE12},  {0xE78F, 0xFE11},  {0xE790, 0xFE13}, {0xE791, 0xFE14},
    {0xE792, 0xFE15},  {0xE793, 0xFE16},  {0xE794, 0xFE17},  {0xE795, 0xFE18}, {0xE796, 0xFE19},
    {0xE816, 0x20087}, {0xE817, 0x20089}, {0xE818, 0x200CC}, {0xE81E, 0x9FB4}, {0xE826, 0x9FB5},
    {0xE82B, 0x9FB6},  {0xE82C, 0x9FB7},  {0xE831, 0x215D7}, {0xE83B, 0x2298F}, {0xE843, 0x9FB9},
    {0xE854, 0x9FBA},  {0xE864, 0x9FBB}};

#define PUA_N (0xF900 - 0xE000)
static uint32_t hk_map[PUA_N][2]; /* 0: none */
static uint32_t gb_map[PUA_N], gbk_map[PUA_N];
static pthread_once_t hk_once = PTHREAD_ONCE_INIT, gb_once = PTHREAD_ONCE_INIT,
                      gbk_once = PTHREAD_ONCE_INIT;

/* Each Private Use code point of `from` to its bytes, and those through `to`: up to two code
 * points that are not Private Use, into map (stride 1 or 2). */
static void pua_table(const char *from_name, const char *to_name, uint32_t *map, int stride) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter *from = ucnv_open(from_name, &err), *to = ucnv_open(to_name, &err);
  if (U_SUCCESS(err)) {
    ucnv_setFromUCallBack(from, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    ucnv_setToUCallBack(to, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
  }
  for (uint32_t c = 0xE000; U_SUCCESS(err) && c < 0xF900; c++) {
    UChar u = (UChar)c, out[4];
    char b[8];
    UErrorCode e = U_ZERO_ERROR;
    int32_t nb = ucnv_fromUChars(from, b, (int32_t)sizeof b, &u, 1, &e);
    if (U_FAILURE(e) || nb < 1) continue;
    int32_t nu = ucnv_toUChars(to, out, 4, b, nb, &e);
    if (U_FAILURE(e) || nu < 1) continue;
    uint32_t cp[2] = {0, 0};
    int32_t i = 0, k = 0;
    while (i < nu && k < 2) {
      uint32_t x;
      U16_NEXT(out, i, nu, x);
      cp[k++] = x;
    }
    if (i < nu || is_pua(cp[0]) || (k > 1 && is_pua(cp[1])) || (k > stride)) continue;
    map[(c - 0xE000) * (uint32_t)stride] = cp[0];
    if (stride > 1) map[(c - 0xE000) * (uint32_t)stride + 1] = k > 1 ? cp[1] : 0;
  }
  if (from) ucnv_close(from);
  if (to) ucnv_close(to);
}

static void hk_build(void) { pua_table("windows-950", "Big5-HKSCS", &hk_map[0][0], 2); }

/* GB18030 itself: the 22 changes alone (its other Private Use code points are its own: U+E7C7
 * is 8135F437 in the 2005 table, where the 2000 table had ḿ, now A8BC) */
static void gb_build(void) {
  for (size_t i = 0; i < sizeof gb2022 / sizeof *gb2022; i++) gb_map[gb2022[i][0] - 0xE000] = gb2022[i][1];
}

/* GBK and GB2312: the pair as GB18030 reads it, then the 22 changes */
static void gbk_build(void) {
  pua_table("GBK", "GB18030", gbk_map, 1);
  for (size_t i = 0; i < sizeof gb2022 / sizeof *gb2022; i++) gbk_map[gb2022[i][0] - 0xE000] = gb2022[i][1];
}

/* Which table an encoding's Private Use code points are read through: 1 Big5, 2 GB18030, 3 GBK
 * and GB2312, 0 none. Big5 by that name (and csBig5, x-big5), not windows-950 named as such
 * (Microsoft's mapping, kept: README); the GB family by the converter ICU opens for the name. */
int qg_pua_family(const char *enc) {
  if (!enc) return 0;
  if (!ucnv_compareNames(enc, "Big5") || !ucnv_compareNames(enc, "csBig5") ||
      !ucnv_compareNames(enc, "x-big5"))
    return 1;
  UErrorCode e = U_ZERO_ERROR;
  const char *canon = ucnv_getAlias(enc, 0, &e); /* (alias 0: the converter's own name) */
  if (U_FAILURE(e) || !canon) return 0;
  if (!strcmp(canon, "gb18030")) return 2;
  return !strcmp(canon, "windows-936-2000") || !strcmp(canon, "ibm-1383_P110-1999") ||
                 !strcmp(canon, "ibm-1386_P100-2001")
             ? 3
             : 0;
}

int qg_pua_map_family(int family, uint32_t c, uint32_t out[2]) {
  if (c < 0xE000 || c >= 0xF900) return 0;
  if (family == 1) {
    pthread_once(&hk_once, hk_build);
    const uint32_t *h = hk_map[c - 0xE000];
    if (!h[0]) return 0;
    out[0] = h[0], out[1] = h[1];
    return h[1] ? 2 : 1;
  }
  if (family == 2 || family == 3) {
    const uint32_t *m = family == 2 ? gb_map : gbk_map;
    pthread_once(family == 2 ? &gb_once : &gbk_once, family == 2 ? gb_build : gbk_build);
    if (!m[c - 0xE000]) return 0;
    out[0] = m[c - 0xE000];
    return 1;
  }
  return 0;
}

/* The other way (cli/fix.c writes a fix in the file's encoding): in the GB family, the
 * Private Use code point whose bytes the table reads as c, so that a fix writes 龴 U+9FB4 as
 * FE59, the two-byte form of GB18030-2022 the file's own 龴 has (ICU's 2005 table writes U+9FB4
 * as the four bytes 82359037, which GB18030-2022 reads as U+E81E; GBK cannot write U+9FB4 at
 * all). Sorted by c, built once per family from its table. */
typedef struct pua_inv {
  uint32_t c, pua;
} pua_inv;
static pua_inv gb_inv[PUA_N], gbk_inv[PUA_N];
static size_t gb_ninv, gbk_ninv;
static pthread_once_t gb_inv_once = PTHREAD_ONCE_INIT, gbk_inv_once = PTHREAD_ONCE_INIT;

static int cmp_inv(const void *a, const void *b) {
  const pua_inv *x = a, *y = b;
  if (x->c != y->c) return x->c < y->c ? -1 : 1;
  return (x->pua > y->pua) - (x->pua < y->pua);
}
static size_t inv_build(const uint32_t *map, pua_inv *inv) {
  size_t n = 0;
  for (uint32_t i = 0; i < PUA_N; i++)
    if (map[i]) inv[n++] = (pua_inv){map[i], 0xE000 + i};
  qsort(inv, n, sizeof *inv, cmp_inv);
  return n;
}
static void gb_inv_build(void) {
  pthread_once(&gb_once, gb_build);
  gb_ninv = inv_build(gb_map, gb_inv);
}
static void gbk_inv_build(void) {
  pthread_once(&gbk_once, gbk_build);
  gbk_ninv = inv_build(gbk_map, gbk_inv);
}

uint32_t qg_pua_unmap_family(int family, uint32_t c) {
  if (family != 2 && family != 3) return 0;
  pthread_once(family == 2 ? &gb_inv_once : &gbk_inv_once,
               family == 2 ? gb_inv_build : gbk_inv_build);
  const pua_inv *v = family == 2 ? gb_inv : gbk_inv;
  size_t lo = 0, hi = family == 2 ? gb_ninv : gbk_ninv;
  while (lo < hi) { /* the first entry of c (the lowest code point, should two read as c) */
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].c < c) lo = mid + 1;
    else hi = mid;
  }
  return lo < (family == 2 ? gb_ninv : gbk_ninv) && v[lo].c == c ? v[lo].pua : 0;
}

/* A Private Use code point from a legacy converter: the character of its bytes in the tables
 * above when there is one; else kept and reported at its line and column. */
static int pua_report(qg_decoder *d, uint32_t c);
static int pua_char(qg_decoder *d, uint32_t c) {
  int rc;
  uint32_t m[2];
  int k = qg_pua_map_family(d->pua, c, m);
  if (k) {
    if ((rc = take_cp(d, m[0]))) return rc;
    return k > 1 ? take_cp(d, m[1]) : 0;
  }
  /* waiting CRs come before it; in held text it is reported when that is decided */
  if (d->ncr && (rc = lone_crs(d))) return rc;
  if (d->holding) {
    struct held_note *x = note_add(d, NOTE_PUA);
    if (!x) return QG_ERR_NOMEM;
    x->cp = c;
    return take_cp(d, c);
  }
  if ((rc = pua_report(d, c))) return rc;
  return take_cp(d, c);
}

/* Reports Private Use character c at the present position. */
static int pua_report(qg_decoder *d, uint32_t c) {
  int rc;
  qg_pos at = {.line = d->lineno, .col = d->col};
  qg_pos end = {.line = d->lineno, .col = d->col + 1};
  const char *hint = d->pua == 1 ? "" : !ucnv_compareNames(d->encname, "windows-950") ||
                                          !ucnv_compareNames(d->encname, "cp950") ||
                                          !ucnv_compareNames(d->encname, "ms950") ||
                                          !ucnv_compareNames(d->encname, "x-windows-950")
                                      ? "; if this is Hong Kong copy, read it with -e Big5-HKSCS"
                                      : "";
  if ((rc = report_sev(d->ctx, "decode-private-use", -1, at, end, NULL, false,
                       "%s bytes decode to U+%04X, a Private Use (user-defined) character "
                       "that shows only with the font made for it: kept; check what it "
                       "should be%s",
                       d->encname, (unsigned)c, hint)))
    return rc;
  return 0;
}

static int note_report(qg_decoder *d, const struct held_note *x) {
  if (x->kind == NOTE_PUA) return pua_report(d, x->cp);
  return invalid_report(d, x->bad, x->blen, x->truncated, x->late, x->kind == NOTE_REPLACED);
}

static int convert_icu(qg_decoder *d, const char *src, size_t len, bool flush) {
  if (!src) src = ""; /* NULL + 0 is undefined */
  const char *s = src, *slim = src + len;
  for (;;) {
    UChar *t = d->u16;
    UErrorCode err = U_ZERO_ERROR;
    ucnv_toUnicode(d->cnv, &t, d->u16 + QG_U16_CHUNK, &s, slim, NULL, flush, &err);
    int rc = take_u16(d, d->u16, (size_t)(t - d->u16));
    if (rc) return rc;
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (err == U_ILLEGAL_CHAR_FOUND || err == U_INVALID_CHAR_FOUND ||
        err == U_TRUNCATED_CHAR_FOUND) {
      char bad[32];
      int8_t blen = (int8_t)sizeof bad;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(d->cnv, bad, &blen, &e2);
      if (U_FAILURE(e2)) blen = 0;
      if ((rc = invalid_bytes(d, bad, blen, err == U_TRUNCATED_CHAR_FOUND))) return rc;
      continue;
    }
    if (U_FAILURE(err)) return QG_ERR_ICU;
    return 0;
  }
}

/* ---- the UTF-8 fast path -------------------------------------------------------------------
 * Well-formed UTF-8 is copied into the line as it is, a run of characters at a time, instead
 * of going through ICU to UTF-16 and back. Only sequences that ICU's UTF-8 converter turns
 * into the same code point go this way; anything else (ill-formed or cut bytes, surrogates,
 * noncharacters) and any byte while ICU holds part of a sequence go through ICU one byte at
 * a time, so errors are found and reported exactly as before. */

/* Length of the well-formed sequence at u[0..n) and its code point, or 0. */
static inline size_t utf8_seq(const unsigned char *u, size_t n, uint32_t *cp) {
  unsigned c = u[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    if (n < 2 || (u[1] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    return 2;
  }
  if (c < 0xF0) {
    if (n < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80) return 0;
    uint32_t v = ((c & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    /* overlong, surrogate, noncharacter */
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF) || (v >= 0xFDD0 && v <= 0xFDEF) || v >= 0xFFFE)
      return 0;
    *cp = v;
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 || (u[3] & 0xC0) != 0x80)
      return 0;
    uint32_t v = ((c & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
                 (u[3] & 0x3Fu);
    if (v < 0x10000 || v > 0x10FFFF || (v & 0xFFFE) == 0xFFFE) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

/* Is u[0..n) at U+2029 (E2 80 A9)? */
static inline bool is_sep(const unsigned char *u, size_t n) {
  return n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xA9;
}

/* Takes the well-formed start of s[0..n) as take_cp would, character by character; returns
 * the bytes taken (it stops at the first sequence left to ICU). */
static size_t take_utf8(qg_decoder *d, const char *s, size_t n, int *rc) {
  const unsigned char *u = (const unsigned char *)s;
  size_t max = qg_ctx_options(d->ctx)->max_block_bytes, i = 0;
  *rc = 0;
  while (i < n) {
    uint32_t cp;
    if (u[i] == '\n' && !d->ncr && !d->holding && d->started) { /* line_feed, shorter */
      d->n_lf++;
      if (d->eol == EOL_UNKNOWN) d->eol = EOL_LF;
      if ((*rc = end_line(d))) return i;
      i++;
      continue;
    }
    if (!d->started || d->ncr || d->holding || u[i] == '\r' || u[i] == '\n' ||
        (u[i] == 0xE2 && is_sep(u + i, n - i))) {
      size_t k = utf8_seq(u + i, n - i, &cp);
      if (!k) break;
      if ((*rc = take_cp(d, cp))) return i;
      i += k;
      continue;
    }
    if ((*rc = ensure_line(d))) return i;
    qg_block *b = d->line;
    size_t room = max > b->text.len ? max - b->text.len : 1, j = i;
    uint32_t ncp = 0;
    bool blank = b->blank;
    size_t step = QG_MAP_STEP - (b->text.len - b->map.a[b->map.n - 1].off); /* to the next anchor */
    if (step > QG_MAP_STEP) step = 1; /* (past it already: one character, then the anchor) */
    /* the line reaches the block limit, or the next anchor, with the character ending here */
    size_t limit = i + (room < step ? room : step);
    while (j < n) {
      size_t k;
      if (u[j] < 0x80) {
        if (u[j] == '\n' || u[j] == '\r') break;
        cp = u[j];
        k = 1;
      } else if (!(k = utf8_seq(u + j, n - j, &cp)) || cp == 0x2029) {
        break;
      }
      j += k;
      ncp++;
      if (!qg_cp_is_space(cp)) {
        blank = false;
        if (j >= limit) break;
        /* the rest of the run: no more blank test */
#ifdef __SSE2__
        size_t retry = j; /* where the blocks are checked again */
#endif
        while (j < n) {
#ifdef __SSE2__
          if (j >= retry) {
            utf8_run r = utf8_blocks(u + j, n - j, limit - j, true);
            retry = j + r.retry;
            j += r.len;
            ncp += (uint32_t)r.chars;
            if (j >= limit || j >= n) break;
          }
#endif
          unsigned c = u[j];
          if (c < 0x80) {
            if (c == '\n' || c == '\r') break;
            k = 1;
          } else if (c - 0xE1u <= 0xBu && n - j >= 3 && ((u[j + 1] ^ 0x80) | (u[j + 2] ^ 0x80)) < 0x40 &&
                     !is_sep(u + j, 3)) {
            /* a run of three-byte sequences with lead E1..EC: no overlong form, surrogate or
             * noncharacter to rule out, only the continuation bytes (and no separator) */
            size_t j0 = j;
            do j += 3;
            while (j < limit && n - j >= 3 && u[j] - 0xE1u <= 0xBu &&
                   ((u[j + 1] ^ 0x80) | (u[j + 2] ^ 0x80)) < 0x40 && !is_sep(u + j, 3));
            ncp += (uint32_t)((j - j0) / 3);
            if (j >= limit) break;
            continue;
          } else if (!(k = utf8_seq(u + j, n - j, &cp)) || cp == 0x2029) {
            break;
          }
          j += k;
          ncp++;
          if (j >= limit) break;
        }
        break;
      }
      if (j >= limit) break;
    }
    if (j == i) break; /* a sequence for ICU */
    if (qg_buf_put(&b->text, s + i, j - i)) {
      *rc = QG_ERR_NOMEM;
      return i;
    }
    b->blank = blank;
    d->col += ncp;
    i = j;
    if (b->text.len >= max) {
      if ((*rc = emit_piece(d))) return i;
    } else if ((*rc = checkpoint(d))) {
      return i;
    }
  }
  return i;
}

static int convert_at(qg_decoder *d, const char *src, size_t len, bool flush);
/* Converts src, counting the bytes that went before (fed: for the hint of invalid_bytes). */
static int convert(qg_decoder *d, const char *src, size_t len, bool flush) {
  int rc = convert_at(d, src, len, flush);
  d->fed += len;
  return rc;
}

static int convert_at(qg_decoder *d, const char *src, size_t len, bool flush) {
  if (!d->utf8) return convert_icu(d, src, len, flush);
  size_t i = 0;
  while (i < len) {
    UErrorCode err = U_ZERO_ERROR;
    if (!d->lead && ucnv_toUCountPending(d->cnv, &err) == 0 && U_SUCCESS(err)) {
      int rc;
      i += take_utf8(d, src + i, len - i, &rc);
      if (rc) return rc;
      if (i == len) break;
    }
    int rc = convert_icu(d, src + i, 1, false);
    if (rc) return rc;
    i++;
  }
  return flush ? convert_icu(d, NULL, 0, true) : 0;
}

static int decide_and_convert(qg_decoder *d, bool final) {
  bool weak;
  const char *guess;
  const char *enc = detect((const unsigned char *)d->sample.ptr, d->sample.len, final, &weak,
                           &guess);
  int rc = open_converter(d, enc, true);
  qg_ctx_docinfo(d->ctx)->encoding_weak = weak || guess;
  if (rc) return rc;
  if (guess) { /* (review 17 P1) */
    qg_pos at = {.line = 1, .col = 1}, end = {.line = 1, .col = 2};
    rc = report_sev(d->ctx, "decode-guess", -1, at, end, NULL, false,
                    "read as %s, a guess from %zu bytes that read as Chinese in %s too; if it is "
                    "%s copy, name it with -e %s",
                    enc, d->sample.len, guess, !strcmp(guess, "Big5") ? "traditional (Taiwan, Hong Kong)"
                                                             : "mainland", guess);
    if (rc) return rc;
  }
  rc = convert(d, d->sample.ptr, d->sample.len, false);
  qg_buf_free(&d->sample); /* the sample is needed once per document */
  return rc;
}

/* The encoding is decided on exactly the first QG_SAMPLE bytes (or the whole input, when it is
 * shorter), however they are fed: until session 19 the sample was every chunk fed until it
 * reached QG_SAMPLE, so a caller feeding 1 MiB at once had the encoding decided on 1 MiB and one
 * feeding 4 KiB on 64 KiB, and the same bytes could be read in two encodings. */
int qg_decoder_feed(qg_decoder *d, const char *data, size_t len) {
  if (d->decided) return convert(d, data, len, false);
  size_t take = QG_SAMPLE - d->sample.len < len ? QG_SAMPLE - d->sample.len : len;
  if (qg_buf_put(&d->sample, data, take)) return QG_ERR_NOMEM;
  if (d->sample.len < QG_SAMPLE) return 0;
  int rc = decide_and_convert(d, false);
  return rc || take == len ? rc : convert(d, data + take, len - take, false);
}

int qg_decoder_finish(qg_decoder *d) {
  int rc = d->decided ? 0 : decide_and_convert(d, true);
  if (!rc) rc = convert(d, NULL, 0, true);
  if (rc) return rc;
  if (d->lead) {
    d->lead = 0;
    if ((rc = take_cp(d, 0xFFFD))) return rc;
  }
  if (d->ncr && d->eol == EOL_LF) { /* CRs ending the input end the last line */
    d->ncr = 0;
    if ((rc = end_line(d))) return rc;
  }
  if (d->ncr && (rc = lone_crs(d))) return rc;
  if (d->holding && (rc = resolve(d, EOL_CR))) return rc; /* no LF in the input */
  if (d->line && d->line->text.len) rc = emit_line(d, false);
  qg_docinfo *info = qg_ctx_docinfo(d->ctx);
  int kinds = (d->n_lf > 0) + (d->n_crlf > 0) + (d->n_cr > 0);
  info->line_ends = kinds > 1 ? "mixed" : d->n_crlf ? "CRLF" : d->n_cr ? "CR" : d->n_lf ? "LF" : "none";
  return rc;
}
