/* write_json.c: --format json. One JSON object per document, on one line (JSON Lines):
 *   {"source", "encoding", "encoding_detected", "bom", "line_ends", "paragraphs",
 *    "articles": [{"blocks": [{"kind", "text", "line", "end_line"[, "duplicate_of"]}]}],
 *    "removed": [{"text", "line", "why", "message"[, "duplicate_of": {"line"}]}],
 *    "diagnostics": [{"rule", "severity", "line", "column", "end_line", "end_column", "message",
 *                     "fixed"[, "original"][, "replacement"]}],
 *    "stats": {"bytes", "lines", "blocks", "removed", "changes", "warnings", "errors"}}
 * A new article starts where qg_block_article() changes. Strings are escaped
 * here (the text is valid UTF-8 by construction; only quotes, backslashes and controls need
 * escapes, and U+2028/U+2029: qg_json_line_sep). */
#include "writer.h"

#include <inttypes.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

static inline const char *line_sep(const char *s, size_t n) {
  if (n < 3 || (unsigned char)s[0] != 0xE2 || (unsigned char)s[1] != 0x80) return NULL;
  return s[2] == (char)0xA8 ? "\\u2028" : s[2] == (char)0xA9 ? "\\u2029" : NULL;
}

const char *qg_json_line_sep(const char *s, size_t n) { return line_sep(s, n); }

/* The JSON escape of c, a control, '"' or '\\': a short escape or \u00XX at p; returns its end. */
static inline char *put_escape(char *p, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  *p++ = '\\';
  switch (c) {
  case '"': *p++ = '"'; break;
  case '\\': *p++ = '\\'; break;
  case '\n': *p++ = 'n'; break;
  case '\t': *p++ = 't'; break;
  case '\r': *p++ = 'r'; break;
  default: *p++ = 'u', *p++ = '0', *p++ = '0', *p++ = hex[c >> 4], *p++ = hex[c & 15];
  }
  return p;
}

/* s[i..len) a byte at a time (the SSE2 scan's result: the unit tests compare the two) */
static inline char *escape_bytes(char *p, const char *s, size_t i, size_t len) {
  for (; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') {
      const char *e = c == 0xE2 ? line_sep(s + i, len - i) : NULL;
      if (e) { /* \u2028, \u2029 */
        memcpy(p, e, 6);
        p += 6, i += 2;
        continue;
      }
      *p++ = (char)c;
      continue;
    }
    p = put_escape(p, c);
  }
  return p;
}

size_t qg_json_escape(char *dst, const char *s, size_t len) {
  char *p = dst;
  *p++ = '"';
  size_t i = 0;
#ifdef __SSE2__
  /* a string of a few bytes (an original, a replacement: a character or two) a byte at a time:
   * the copy padded with NULs below costs more there (session 33) */
  if (len < 8) {
    p = escape_bytes(p, s, 0, len);
    *p++ = '"';
    return (size_t)(p - dst);
  }
  /* sixteen bytes at a time up to the next byte to escape: controls, " and \\, and the lead
   * byte of U+2028, U+2029 (E2 80 A8, E2 80 A9) where the two after it are theirs (quotes,
   * dashes and … share the lead byte: stopping at each cost 2% of -f json). The last bytes
   * (fewer than 18: the two after a lead byte are looked at too) are looked at from a copy
   * padded with NULs, the lanes past the end left out: most strings here (a rule, a message,
   * a character or two) are short, and a byte at a time cost more than the rest together. */
  const __m128i hi3 = _mm_set1_epi8((char)0xE0), quote = _mm_set1_epi8('"'),
                bslash = _mm_set1_epi8('\\'), zero = _mm_setzero_si128(),
                e2 = _mm_set1_epi8((char)0xE2), x80 = _mm_set1_epi8((char)0x80),
                fe = _mm_set1_epi8((char)0xFE), a8 = _mm_set1_epi8((char)0xA8);
  while (i < len) {
    const char *src = s + i;
    size_t left = len - i;
    char tail[32];
    if (left < 18) {
      memset(tail, 0, sizeof tail);
      memcpy(tail, src, left);
      src = tail;
    }
    __m128i x = _mm_loadu_si128((const __m128i *)src);
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(x, hi3), zero),
                             _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
    __m128i sep = _mm_cmpeq_epi8(x, e2);
    if (_mm_movemask_epi8(sep)) {
      __m128i x1 = _mm_loadu_si128((const __m128i *)(src + 1));
      __m128i x2 = _mm_loadu_si128((const __m128i *)(src + 2));
      sep = _mm_and_si128(sep, _mm_cmpeq_epi8(x1, x80));
      sep = _mm_and_si128(sep, _mm_cmpeq_epi8(_mm_and_si128(x2, fe), a8));
      m = _mm_or_si128(m, sep);
    }
    unsigned n = left < 16 ? (unsigned)left : 16;
    unsigned bits = (unsigned)_mm_movemask_epi8(m) & ((1u << n) - 1);
    _mm_storeu_si128((__m128i *)p, x); /* dst has room: 6 bytes a byte, and 18 */
    if (!bits) {
      p += n, i += n;
      continue;
    }
    unsigned k = (unsigned)__builtin_ctz(bits);
    p += k, i += k;
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2) { /* (a separator: the lanes of other characters were left out above) */
      memcpy(p, s[i + 2] == (char)0xA8 ? "\\u2028" : "\\u2029", 6);
      p += 6, i += 3;
      continue;
    }
    p = put_escape(p, c);
    i++;
  }
#else
  p = escape_bytes(p, s, i, len);
#endif
  *p++ = '"';
  return (size_t)(p - dst);
}

int qg_json_string(qg_buf *out, const char *s, size_t len) {
  if (len > (SIZE_MAX - 18) / 6 || qg_buf_grow(out, 6 * len + 18)) return QG_ERR_NOMEM;
  out->len += qg_json_escape(out->ptr + out->len, s, len);
  out->ptr[out->len] = '\0';
  return 0;
}

static int json_str(qg_buf *b, const char *s) { return qg_json_string(b, s, strlen(s)); }

#define PUT_LIT(p, lit) (memcpy((p), (lit), sizeof(lit) - 1), (p) += sizeof(lit) - 1)

static int json_block(void *ud, const qg_block *bl) {
  qg_writer *w = ud;
  qg_buf *b = &w->scratch;
  size_t len;
  const char *t = qg_block_text(bl, &len);
  qg_buf_clear(b);
  /* a block of another article closes the current article's list and opens the next */
  const char *sep = !w->nblocks ? "{\"kind\":"
                    : qg_block_article(bl) != w->article ? "]},{\"blocks\":[{\"kind\":"
                                                         : ",{\"kind\":";
  w->nblocks++;
  w->article = qg_block_article(bl);
  int rc = qg_buf_puts(b, sep);
  rc = rc ? rc : json_str(b, qg_kind_name(qg_block_kind(bl)));
  rc = rc ? rc : qg_buf_puts(b, ",\"text\":");
  rc = rc ? rc : qg_json_string(b, t, len);
  if (!rc && qg_block_dateline(bl)) {
    rc = qg_buf_puts(b, ",\"dateline\":");
    rc = rc ? rc : qg_json_string(b, t, qg_block_dateline(bl));
  }
  if (!rc) {
    char tmp[64], *p = tmp;
    PUT_LIT(p, ",\"line\":");
    p = qg_put_u64(p, qg_block_line(bl));
    PUT_LIT(p, ",\"end_line\":");
    p = qg_put_u64(p, qg_block_end_line(bl));
    rc = qg_buf_put(b, tmp, (size_t)(p - tmp));
  }
  if (!rc && qg_block_duplicate_ref(bl)) rc = qg_json_dup_ref(b, qg_block_duplicate_ref(bl), true);
  rc = rc ? rc : qg_buf_putc(b, '}');
  return rc ? rc : qg_spool_write(&w->body, b->ptr, b->len);
}

static int json_removed(void *ud, const qg_block *bl, const qg_removal *r) {
  qg_writer *w = ud;
  qg_buf *b = &w->scratch;
  size_t len;
  const char *t = qg_block_text(bl, &len);
  qg_buf_clear(b);
  int rc = qg_buf_puts(b, w->nremoved++ ? ",{\"text\":" : "{\"text\":");
  rc = rc ? rc : qg_json_string(b, t, len);
  rc = rc ? rc : qg_buf_printf(b, ",\"line\":%u,\"why\":", qg_block_line(bl));
  rc = rc ? rc : json_str(b, r->why);
  rc = rc ? rc : qg_buf_puts(b, ",\"message\":");
  rc = rc ? rc : json_str(b, r->message);
  if (!rc && r->dup) rc = qg_json_dup_ref(b, r->dup, true);
  rc = rc ? rc : qg_buf_putc(b, '}');
  rc = rc ? rc : qg_spool_write(&w->removed, b->ptr, b->len);
  return rc ? rc : qg_writer_forward_removed(w, bl, r);
}

/* A diagnostic's object is built in one piece, straight into the spool's memory while it
 * stays there (else in dpend, spooled QG_DIAG_BATCH bytes at a time: session 51): the same
 * bytes as pieces added one by one, without a length, a growth check and a copy each. */
static int json_diag(void *ud, const qg_diag *d) {
  qg_writer *w = ud;
  size_t lr = strlen(d->rule), lm = strlen(d->message);
  size_t lo = d->original ? d->original_len : 0, lp = d->replacement ? d->replacement_len : 0;
  if (lr > SIZE_MAX / 64 || lm > SIZE_MAX / 64 || lo > SIZE_MAX / 64 || lp > SIZE_MAX / 64)
    return QG_ERR_NOMEM;
  /* each string 6 bytes a byte and 18 (qg_json_escape), the keys, the severity and four
   * numbers of up to 10 digits in 256 */
  size_t need = 6 * (lr + lm + lo + lp) + 4 * 18 + 256;
  /* (none into the spool's memory while some wait in dpend: the order stays) */
  char *buf = w->dpend.len ? NULL : qg_spool_room(&w->diags, need), *p;
  bool direct = buf != NULL;
  if (!direct) {
    qg_buf *b = &w->dpend;
    if (qg_buf_grow(b, need)) return QG_ERR_NOMEM;
    buf = b->ptr + b->len;
  }
  p = buf;
  if (w->ndiags++) *p++ = ',';
  PUT_LIT(p, "{\"rule\":");
  p += qg_json_escape(p, d->rule, lr);
  PUT_LIT(p, ",\"severity\":\"");
  const char *sev = qg_severity_name(d->severity);
  size_t sl = strlen(sev);
  memcpy(p, sev, sl);
  p += sl;
  PUT_LIT(p, "\",\"line\":");
  p = qg_put_u64(p, d->start.line);
  PUT_LIT(p, ",\"column\":");
  p = qg_put_u64(p, d->start.col);
  PUT_LIT(p, ",\"end_line\":");
  p = qg_put_u64(p, d->end.line);
  PUT_LIT(p, ",\"end_column\":");
  p = qg_put_u64(p, d->end.col);
  PUT_LIT(p, ",\"message\":");
  p += qg_json_escape(p, d->message, lm);
  if (d->fixed) PUT_LIT(p, ",\"fixed\":true");
  else PUT_LIT(p, ",\"fixed\":false");
  if (d->original) {
    PUT_LIT(p, ",\"original\":");
    p += qg_json_escape(p, d->original, lo); /* a NUL: \u0000 */
  }
  if (d->replacement) {
    PUT_LIT(p, ",\"replacement\":");
    p += qg_json_escape(p, d->replacement, lp);
  }
  *p++ = '}';
  int rc = 0;
  if (direct) {
    qg_spool_wrote(&w->diags, (size_t)(p - buf));
  } else {
    qg_buf *b = &w->dpend;
    b->len += (size_t)(p - buf);
    b->ptr[b->len] = '\0';
    if (b->len >= QG_DIAG_BATCH) {
      rc = qg_spool_write(&w->diags, b->ptr, b->len);
      qg_buf_clear(b);
    }
  }
  return rc ? rc : qg_writer_forward_diag(w, d);
}

static int json_end(void *ud, const qg_docinfo *in, int status) {
  qg_writer *w = ud;
  if (status) return qg_writer_flush_doc(w, status, NULL, 0, NULL, 0);
  /* Each spool holds the items of one list; the list closers go at the end of each spool so
   * that flush_doc copies head, body, removed, diagnostics, tail in order. */
  qg_buf head = QG_BUF_INIT, tail = QG_BUF_INIT;
  int rc = qg_buf_puts(&head, "{\"source\":");
  rc = rc ? rc : json_str(&head, in->source);
  rc = rc ? rc : qg_buf_puts(&head, ",\"encoding\":");
  rc = rc ? rc : json_str(&head, in->encoding);
  rc = rc ? rc : qg_buf_printf(&head, ",\"encoding_detected\":%s,\"bom\":%s,\"line_ends\":\"%s\","
                               "\"paragraphs\":\"%s\",\"articles\":[{\"blocks\":[",
                               in->encoding_detected ? "true" : "false",
                               in->bom ? "true" : "false", in->line_ends, in->paragraphs);
  static const char body_end[] = "]}],\"removed\":[", removed_end[] = "],\"diagnostics\":[";
  rc = rc ? rc : qg_spool_write(&w->body, body_end, sizeof body_end - 1);
  rc = rc ? rc : qg_spool_write(&w->removed, removed_end, sizeof removed_end - 1);
  rc = rc ? rc : qg_buf_printf(&tail, "],\"stats\":{\"bytes\":%" PRIu64 ",\"lines\":%" PRIu64
                               ",\"blocks\":%" PRIu64 ",\"removed\":%" PRIu64
                               ",\"changes\":%" PRIu64 ",\"warnings\":%" PRIu64
                               ",\"errors\":%" PRIu64 "}}\n",
                               in->bytes, in->lines, in->blocks, in->removed, in->changes,
                               in->warnings, in->errors);
  if (rc) { /* the document's end did not reach its spools (a temporary file that cannot be
             * made, memory): it fails, said so; given to flush_doc as a status, it was dropped
             * and 0 returned (probe 18 D6's kin: the output lost, exit 0) */
    qg_writer_note(w, rc, w->name.ptr, NULL);
    qg_writer_flush_doc(w, rc, NULL, 0, NULL, 0);
  } else {
    rc = qg_writer_flush_doc(w, 0, head.ptr, head.len, tail.ptr, tail.len);
  }
  qg_buf_free(&head);
  qg_buf_free(&tail);
  return rc;
}

void qg_write_json_init(qg_writer *w) {
  w->h.block = json_block;
  w->h.removed = json_removed;
  w->h.diag = json_diag;
  w->h.end_doc = json_end;
}
