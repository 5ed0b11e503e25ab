/* block.c: blocks, their source map, and the edit API through which every change to a
 * block's text goes. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Continuation bytes (bit 7 set, bit 6 clear) among the eight bytes of w. */
static inline size_t cont8(uint64_t w) {
  return (size_t)((((w >> 7) & (~w >> 6) & 0x0101010101010101ULL) * 0x0101010101010101ULL) >> 56);
}

/* Characters in s[0, n): the bytes that are no UTF-8 continuation byte. qg_utf8_count written
 * out here: positions count short stretches, where the call costs more than the count
 * (sixteen bytes at a time with SSE2, then eight; the last few bytes as the top of the eight
 * that end the stretch). */
static inline size_t count_chars(const char *s, size_t n) {
  size_t cont = 0, i = 0;
#ifdef __SSE2__
  if (n >= 16) {
    const __m128i lim = _mm_set1_epi8((char)0xC0), one = _mm_set1_epi8(1);
    __m128i acc = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      /* 0x80..0xBF are the signed bytes below (char)0xC0 */
      acc = _mm_add_epi64(acc, _mm_sad_epu8(_mm_and_si128(_mm_cmplt_epi8(x, lim), one),
                                            _mm_setzero_si128()));
    }
    cont = (size_t)_mm_cvtsi128_si64(acc) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc));
  }
#endif
  uint64_t w;
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, s + i, 8);
    cont += cont8(w);
  }
  if (i < n) {
    if (n >= 8) { /* the n - i bytes left are the top of the eight before s + n (little-endian) */
      memcpy(&w, s + n - 8, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      cont += cont8(w >> (8 * (8 - (n - i))));
#else
      cont += cont8(w << (8 * (8 - (n - i))));
#endif
    } else {
      for (; i < n; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    }
  }
  return n - cont;
}

/* ---- source map ------------------------------------------------------------------------- */

static int map_reserve(qg_srcmap *m) {
  if (m->n < m->cap) return 0;
  size_t cap = m->cap ? m->cap * 2 : 8;
  qg_anchor *a = realloc(m->a, cap * sizeof *a);
  if (!a) return QG_ERR_NOMEM;
  m->a = a;
  m->cap = cap;
  return 0;
}

static inline int map_add(qg_srcmap *m, uint32_t off, uint32_t line, uint32_t col,
                          uint32_t flags) {
  if (m->n && m->a[m->n - 1].off == off) m->n--; /* the previous segment is empty */
  if (__builtin_expect(m->n == m->cap, 0) && map_reserve(m)) return QG_ERR_NOMEM;
  m->a[m->n++] = (qg_anchor){.off = off, .line = line, .col = col, .flags = flags};
  return 0;
}

int qg_srcmap_add(qg_srcmap *m, uint32_t off, uint32_t line, uint32_t col, uint32_t flags) {
  return map_add(m, off, line, col, flags);
}

/* Adds an anchor unless the previous exact anchor already predicts it (same line, column
 * advanced by the characters between) and is less than QG_MAP_STEP bytes before: keeps maps
 * short on text that was not edited. */
static int map_push(qg_srcmap *m, const char *text, uint32_t off, uint32_t line, uint32_t col,
                    uint32_t flags) {
  if (m->n) {
    const qg_anchor *p = &m->a[m->n - 1];
    if ((p->flags & QG_MAP_EXACT) && (flags & QG_MAP_EXACT) && p->line == line && p->off <= off &&
        off - p->off < QG_MAP_STEP && p->col + count_chars(text + p->off, off - p->off) == col)
      return 0;
  }
  return qg_srcmap_add(m, off, line, col, flags);
}

void qg_srcmap_clear(qg_srcmap *m) { m->n = 0; }

void qg_srcmap_free(qg_srcmap *m) {
  free(m->a);
  m->a = NULL;
  m->n = m->cap = 0;
}

/* Index of the last anchor at or before off, or -1. */
static long map_find(const qg_srcmap *m, size_t off) {
  long lo = 0, hi = (long)m->n - 1, best = -1;
  while (lo <= hi) {
    long mid = lo + (hi - lo) / 2;
    if (m->a[mid].off <= off) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

qg_pos qg_srcmap_pos(const qg_srcmap *m, const char *text, size_t len, size_t off) {
  if (off > len) off = len;
  long k = map_find(m, off);
  if (k < 0) return (qg_pos){.line = 0, .col = 0};
  const qg_anchor *a = &m->a[k];
  qg_pos p = {.line = a->line, .col = a->col};
  if (a->flags & QG_MAP_EXACT) p.col += (uint32_t)count_chars(text + a->off, off - a->off);
  return p;
}

/* Copies s's text [from, to) with its anchors to the end of (dt, dm). */
static int copy_range(qg_buf *dt, qg_srcmap *dm, const qg_block *s, size_t from, size_t to) {
  if (from >= to) return 0;
  uint32_t base = (uint32_t)dt->len;
  if (qg_buf_put(dt, s->text.ptr + from, to - from)) return QG_ERR_NOMEM;
  long k = map_find(&s->map, from);
  if (k < 0) return 0;
  qg_pos p = qg_srcmap_pos(&s->map, s->text.ptr, s->text.len, from);
  uint32_t fl = s->map.a[k].flags;
  if (map_push(dm, dt->ptr, base, p.line, p.col, fl)) return QG_ERR_NOMEM;
  for (size_t j = (size_t)k + 1; j < s->map.n && s->map.a[j].off < to; j++) {
    const qg_anchor *a = &s->map.a[j];
    if (map_push(dm, dt->ptr, base + (uint32_t)(a->off - from), a->line, a->col, a->flags))
      return QG_ERR_NOMEM;
  }
  return 0;
}

int qg_block_append_range(qg_block *d, const qg_block *s, size_t from, size_t to) {
  d->feat_ok = false;
  return copy_range(&d->text, &d->map, s, from, to);
}

int qg_block_append_synthetic(qg_block *d, const char *text, size_t len, qg_pos pos) {
  if (!len) return 0;
  d->feat_ok = false;
  if (qg_srcmap_add(&d->map, (uint32_t)d->text.len, pos.line, pos.col, QG_MAP_SYNTH))
    return QG_ERR_NOMEM;
  return qg_buf_put(&d->text, text, len);
}

/* ---- accessors -------------------------------------------------------------------------- */

/* (a p set apart, an editor's note, an attachment's or a contact's line: its own kind; session
 * 47) */
qg_kind qg_block_kind(const qg_block *b) { return b->apart ? b->apart : b->kind; }

const char *qg_block_text(const qg_block *b, size_t *len) {
  if (len) *len = b->text.len;
  return b->text.ptr;
}

uint32_t qg_block_line(const qg_block *b) { return b->line; }
uint32_t qg_block_end_line(const qg_block *b) { return b->end_line; }
uint32_t qg_block_duplicate_of(const qg_block *b) { return b->dup_of_line; }
const qg_dup_ref *qg_block_duplicate_ref(const qg_block *b) { return b->has_dup ? &b->dup : NULL; }
uint32_t qg_block_article(const qg_block *b) { return b->article; }
size_t qg_block_dateline(const qg_block *b) { return b->dateline_len; }

qg_pos qg_block_pos(const qg_block *b, size_t off) {
  return qg_srcmap_pos(&b->map, b->text.ptr, b->text.len, off);
}

/* The end of a span [f, e) of text t (to: the end as asked, e clipped to the text): the position
 * of the text after it, or just past its last character on that character's line when that
 * is on another line or is one of the file's own (an exact anchor's: the text after it may
 * start past characters removed before; see qg_edit_replace). */
static qg_pos span_end(const qg_srcmap *m, const char *t, size_t len, size_t f, size_t e,
                       size_t to) {
  qg_pos end = qg_srcmap_pos(m, t, len, to);
  if (f < e) {
    size_t lc = qg_utf8_prev(t, e);
    qg_pos last = qg_srcmap_pos(m, t, len, lc);
    long kl = map_find(m, lc);
    if (end.line != last.line || (kl >= 0 && m->a[kl].flags & QG_MAP_EXACT))
      end = (qg_pos){last.line, last.col + 1};
  }
  return end;
}

void qg_block_span(const qg_block *b, size_t from, size_t to, qg_pos *start, qg_pos *end) {
  const qg_srcmap *m = &b->map;
  size_t len = b->text.len, f = from > len ? len : from, e = to > len ? len : to;
  *start = qg_srcmap_pos(m, b->text.ptr, len, from);
  long k;
  /* both in the text of one exact anchor: count on from the start */
  if (f <= e && (k = map_find(m, f)) >= 0 && m->a[k].flags & QG_MAP_EXACT && map_find(m, e) == k) {
    *end = *start;
    end->col += (uint32_t)count_chars(b->text.ptr + f, e - f);
  } else {
    *end = span_end(m, b->text.ptr, len, f, e, to);
  }
}

static const char *const kind_names[QG_KIND_COUNT_] = {
    [QG_KIND_LINE] = "line",       [QG_KIND_P] = "p",           [QG_KIND_SECTION] = "section",
    [QG_KIND_KICKER] = "kicker",   [QG_KIND_TITLE] = "title",   [QG_KIND_SUBTITLE] = "subtitle",
    [QG_KIND_BYLINE] = "byline",   [QG_KIND_SUBHEAD] = "subhead", [QG_KIND_CAPTION] = "caption",
    [QG_KIND_CREDIT] = "credit",   [QG_KIND_AUTHOR] = "author",
    [QG_KIND_EDITOR_NOTE] = "editor-note", [QG_KIND_ATTACHMENT] = "attachment",
    [QG_KIND_CONTACT] = "contact",
};

const char *qg_kind_name(qg_kind k) {
  return (unsigned)k < QG_KIND_COUNT_ ? kind_names[k] : "?";
}

/* ---- the edit API ----------------------------------------------------------------------- */

void qg_edit_init(qg_edit *e) {
  memset(e, 0, sizeof *e);
  qg_buf_init(&e->out);
  qg_buf_init(&e->orig);
  qg_buf_init(&e->rep);
}

void qg_edit_free(qg_edit *e) {
  qg_buf_free(&e->out);
  qg_buf_free(&e->orig);
  qg_buf_free(&e->rep);
  qg_srcmap_free(&e->map);
}

void qg_edit_begin(qg_edit *e, qg_ctx *ctx, qg_block *b) {
  e->ctx = ctx;
  e->b = b;
  e->done = 0;
  e->nedits = 0;
  e->dateline_set = false;
  e->pvalid = e->ovalid = e->dvalid = e->cdel = false;
  qg_buf_clear(&e->out);
  qg_srcmap_clear(&e->map);
}

/* qg_srcmap_pos on the old text for a session, whose offsets never go back: the anchor pk,
 * the offset pnext where the next one starts, and the characters pcnt counted from the
 * anchor to poff are kept from call to call (old_pos_seek moves them to off's anchor; false
 * when there is none). In old_pos, *k is the anchor (-1: none). */
static bool old_pos_seek(qg_edit *e, size_t off) {
  const qg_srcmap *m = &e->b->map;
  if (!e->pvalid || off < e->poff) {
    long f = map_find(m, off);
    if (f < 0) return false;
    e->pk = (size_t)f;
    e->poff = m->a[f].off;
    e->pcnt = 0;
    e->pvalid = true;
  }
  while (e->pk + 1 < m->n && m->a[e->pk + 1].off <= off) {
    e->pk++;
    e->poff = m->a[e->pk].off;
    e->pcnt = 0;
  }
  e->pnext = e->pk + 1 < m->n ? m->a[e->pk + 1].off : SIZE_MAX;
  return true;
}

static inline qg_pos old_pos(qg_edit *e, size_t off, long *k) {
  const qg_block *b = e->b;
  if (off > b->text.len) off = b->text.len;
  /* the anchor found again only when off leaves the current one's stretch */
  if (__builtin_expect(!e->pvalid || off < e->poff || off >= e->pnext, 0) &&
      !old_pos_seek(e, off)) {
    *k = -1;
    return (qg_pos){.line = 0, .col = 0};
  }
  *k = (long)e->pk;
  const qg_anchor *a = &b->map.a[e->pk];
  qg_pos p = {.line = a->line, .col = a->col};
  if (a->flags & QG_MAP_EXACT) {
    e->pcnt += (uint32_t)count_chars(b->text.ptr + e->poff, off - e->poff);
    e->poff = off;
    p.col += e->pcnt;
  }
  return p;
}

void qg_edit_span(qg_edit *e, size_t from, size_t to, qg_pos *start, qg_pos *end) {
  long k;
  const qg_block *b = e->b;
  size_t len = b->text.len, f = from > len ? len : from, t = to > len ? len : to;
  *start = old_pos(e, f, &k);
  /* the end, without moving the count past the next edit's start (the note's end may lie
   * after it): counted on from the start in the same anchor, as qg_block_span does */
  if (k >= 0 && f <= t && t < e->pnext) {
    *end = *start;
    if (b->map.a[k].flags & QG_MAP_EXACT) end->col += (uint32_t)count_chars(b->text.ptr + f, t - f);
  } else {
    *end = span_end(&b->map, b->text.ptr, len, f, t, to);
  }
}

/* qg_buf_put with the room checked here (the call costs more than a short copy). */
static inline int out_put(qg_buf *o, const char *p, size_t n) {
  if (o->cap - o->len <= n) return qg_buf_put(o, p, n);
  memcpy(o->ptr + o->len, p, n);
  o->len += n;
  o->ptr[o->len] = '\0';
  return 0;
}

/* map_push on the session's output, counting only the text added since the last call. Like
 * map_push it keeps an anchor QG_MAP_STEP bytes or more past the last one: a position is counted
 * from its anchor, and a long block edited once had kept only the edit's anchor, so that each
 * position asked on it was counted from there (read-through 42: 8,001 positions on a 156 KB
 * paragraph with one edit took 391 M instructions, 0.4 s; now 0.05 s). */
static inline __attribute__((always_inline)) int out_push(qg_edit *e, uint32_t off, uint32_t line,
                                                        uint32_t col, uint32_t flags) {
  qg_srcmap *m = &e->map;
  if (m->n) {
    const qg_anchor *p = &m->a[m->n - 1];
    if ((p->flags & QG_MAP_EXACT) && (flags & QG_MAP_EXACT) && p->line == line && p->off <= off &&
        off - p->off < QG_MAP_STEP) {
      if (!e->ovalid || e->oanchor != p->off || e->ooff > off) {
        e->oanchor = e->ooff = p->off;
        e->ocnt = 0;
        e->ovalid = true;
      }
      e->ocnt += (uint32_t)count_chars(e->out.ptr + e->ooff, off - e->ooff);
      e->ooff = off;
      if (p->col + e->ocnt == col) return 0;
    }
  }
  return map_add(m, off, line, col, flags);
}

/* copy_range from the old text [done, to) to the session's output. The position of done is
 * the end of the last edit, kept (the count may have moved on since, for a note).
 * After deletions alone since the last copy, all in the old anchor of that copy's last
 * character, the text copied now starts one character or more further on that anchor's line
 * than the output's end would put it: out_push would count the output since its last anchor
 * only to find that it needs one, so the anchor is put without the count (the same map). */
static inline __attribute__((always_inline)) int edit_copy(qg_edit *e, size_t to) {
  const qg_block *s = e->b;
  size_t from = e->done;
  if (from >= to) return 0;
  uint32_t base = (uint32_t)e->out.len;
  if (out_put(&e->out, s->text.ptr + from, to - from)) return QG_ERR_NOMEM;
  long k;
  qg_pos p;
  if (e->dvalid) p = e->dpos, k = e->dk;
  else p = old_pos(e, from, &k);
  if (k < 0) {
    e->cdel = false;
    return 0;
  }
  uint32_t fl = s->map.a[k].flags;
  bool gap = e->cdel && k == e->cendk && from > e->cend && (fl & QG_MAP_EXACT);
  if (gap ? map_add(&e->map, base, p.line, p.col, fl) : out_push(e, base, p.line, p.col, fl))
    return QG_ERR_NOMEM;
  size_t j = (size_t)k + 1;
  for (; j < s->map.n && s->map.a[j].off < to; j++) {
    const qg_anchor *a = &s->map.a[j];
    if (out_push(e, base + (uint32_t)(a->off - from), a->line, a->col, a->flags))
      return QG_ERR_NOMEM;
  }
  e->cdel = true, e->cend = to, e->cendk = (long)j - 1; /* (the last anchor before to) */
  return 0;
}

int qg_edit_replace(qg_edit *e, size_t off, size_t len, const char *rep, size_t replen,
                    const char *rule, const char *fmt, ...) {
  const qg_block *b = e->b;
  if (off < e->done || off + len > b->text.len) return QG_ERR_USAGE; /* a stage's bug */
  /* the dateline's end moves with the text: kept text shifts it, an edit that covers it
   * puts it after the replacement */
  if (!e->dateline_set && b->dateline_len && b->dateline_len <= off + len) {
    e->dateline_set = true;
    e->dateline_new = b->dateline_len <= off ? e->out.len + (b->dateline_len - e->done)
                                             : e->out.len + (off - e->done) + replen;
  }
  if (edit_copy(e, off)) return QG_ERR_NOMEM;
  long k;
  qg_pos start = old_pos(e, off, &k);
  long k0 = k; /* the anchor of off */
  /* the region's end is just past its last character, on that character's line: the
   * position of the text after it would be the next line's start when the span ends a line
   * that was joined to the next (a CI annotation would then cover the line break) */
  /* text the pipeline made, and only that: its replacement is made text too, and nothing the
   * user wrote changes, so nothing is reported */
  bool synth = false;
  if (len && k0 >= 0 && b->map.a[k0].flags & QG_MAP_SYNTH) {
    long a = k0;
    synth = true;
    for (; synth && (size_t)a < b->map.n && b->map.a[a].off < off + len; a++)
      synth = (b->map.a[a].flags & QG_MAP_SYNTH) != 0;
  }
  qg_pos end = old_pos(e, off + len, &k);
  e->dpos = end, e->dk = k, e->dvalid = true;
  /* the last character is on the line of the end unless an anchor lies between them: within
   * one anchor's stretch it is asked only then (old_pos then counts from its anchor again) */
  if (len && k != k0) {
    /* and when the last character is one of the file's (an exact anchor's), just past it:
     * the text after it may start after characters removed before (好,\u200B他: the region
     * of , is one column; probe 12a A3) */
    size_t lc = qg_utf8_prev(b->text.ptr, off + len);
    long kl = k0;
    qg_pos last = lc > off ? old_pos(e, lc, &kl) : start;
    if (end.line != last.line || (kl >= 0 && b->map.a[kl].flags & QG_MAP_EXACT))
      end = (qg_pos){last.line, last.col + 1};
  }
  if (replen) {
    e->cdel = false;
    if (map_add(&e->map, (uint32_t)e->out.len, start.line, start.col, synth ? QG_MAP_SYNTH : 0) ||
        out_put(&e->out, rep, replen))
      return QG_ERR_NOMEM;
  }
  e->done = off + len;
  e->nedits++;
  if (synth) return 0;
  /* counted (qg_report_edit_count); the call that gives the handler the diagnostic made only
   * when the handler reads it: clean -q, and clean's summary without a report, read no rule
   * but those starting with d (s52-edits: clean -q of the 2 MB bench copy 497.60 -> 494.31 M
   * instructions). The diagnostic's arguments go in the session (e->rep_*). */
  /* (sev set by qg_report_edit_count, but for QG_REPORT_EDIT_FULL, whose call finds its own) */
  qg_severity sev = QG_SEV_INFO;
  unsigned wants = qg_report_edit_count(e->ctx, rule, &sev);
  if (!(wants & QG_WANTS_CALL)) return 0;
  e->rep_start = start, e->rep_end = end;
  e->rep_o = b->text.ptr + off, e->rep_olen = len;
  e->rep_r = rep, e->rep_rlen = replen;
  va_list ap;
  va_start(ap, fmt);
  int rc = wants == QG_REPORT_EDIT_FULL ? qg_report_edit_full(e, rule, fmt, ap)
                                        : qg_report_edit(e, rule, sev, wants, fmt, ap);
  va_end(ap);
  return rc;
}

int qg_edit_end(qg_edit *e) {
  qg_block *b = e->b;
  if (!e->nedits) return 0;
  if (!e->dateline_set && b->dateline_len)
    e->dateline_new = e->out.len + (b->dateline_len - e->done);
  if (b->dateline_len) b->dateline_len = (uint32_t)e->dateline_new;
  size_t from = e->done;
  if (edit_copy(e, b->text.len)) return QG_ERR_NOMEM;
  /* An anchor at the very end keeps "the position after the last character" exact. */
  long k;
  qg_pos endp = old_pos(e, b->text.len, &k);
  /* (not when the text copied last, up to the end, lies in one exact anchor of the old text
   * with the end, and the output's last anchor is exact on its line less QG_MAP_STEP bytes
   * back: the copied characters keep their old positions, so the end's is the one out_push
   * would count to, and it would put no anchor) */
  const qg_anchor *pa = e->map.n ? &e->map.a[e->map.n - 1] : NULL;
  bool known = from < b->text.len && e->cdel && e->cend == b->text.len && k >= 0 && k == e->cendk &&
               b->map.a[k].flags & QG_MAP_EXACT && pa && pa->flags & QG_MAP_EXACT &&
               pa->line == endp.line && e->out.len - pa->off < QG_MAP_STEP;
  if (!known && out_push(e, (uint32_t)e->out.len, endp.line, endp.col, QG_MAP_EXACT))
    return QG_ERR_NOMEM;
  qg_buf_swap(&b->text, &e->out);
  b->feat_ok = false;
  qg_srcmap m = b->map;
  b->map = e->map;
  e->map = m;
  return 0;
}

bool qg_block_ends_with_any(const qg_block *b, const char *const *words) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  for (size_t k = 0; words[k]; k++) {
    size_t m = strlen(words[k]);
    if (n >= m && !memcmp(s + n - m, words[k], m)) return true;
  }
  return false;
}

bool qg_block_starts_with_any(const qg_block *b, const char *const *words) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  for (size_t k = 0; words[k]; k++) {
    size_t m = strlen(words[k]);
    if (n - i >= m && !memcmp(s + i, words[k], m)) return true;
  }
  return false;
}

uint32_t qg_block_last_char(const qg_block *b) {
  size_t end = b->text.len;
  while (end > 0) {
    size_t p = qg_utf8_prev(b->text.ptr, end), i = p;
    uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
    if (!qg_cp_is_space(c)) return c;
    end = p;
  }
  return 0;
}

/* ---- session 51 (s51-para) ---------------------------------------------------------------- */

/* qg_block_append_range(d, s, 0, s's length) for a d that holds nothing yet, by taking s's
 * buffers instead of copying them: d gets s's text and anchors, s gets d's empty ones (s is left
 * empty; its caller releases it and reads no more of its text). The paragraph stage's paragraph
 * of one line started from a line block (stages/paragraph.c, start_paragraph). Taken only where
 * the copy gives d the same anchors: s's map is one anchor at 0 (a line as the decoder makes it,
 * which copy_range's map_push adds to d as it is) or none (copy_range adds none); a longer map
 * is copied, since map_push may leave out an anchor the previous one predicts. */
int qg_block_take_text(qg_block *d, qg_block *s) {
  if (d->text.len || d->map.n || !s->text.len || s->map.n > 1 || (s->map.n && s->map.a[0].off))
    return qg_block_append_range(d, s, 0, s->text.len);
  d->feat_ok = false;
  qg_buf_swap(&d->text, &s->text);
  qg_srcmap m = d->map;
  d->map = s->map;
  s->map = m;
#ifdef QG_CHECK_PARA
  /* (the proof: the copy made again from the text and anchors taken, compared byte for byte) */
  qg_buf t;
  qg_srcmap tm = {0};
  qg_buf_init(&t);
  if (copy_range(&t, &tm, d, 0, d->text.len)) abort();
  bool bad = t.len != d->text.len || memcmp(t.ptr, d->text.ptr, t.len) || d->text.ptr[d->text.len] ||
             tm.n != d->map.n;
  for (size_t j = 0; !bad && j < tm.n; j++)
    bad = tm.a[j].off != d->map.a[j].off || tm.a[j].line != d->map.a[j].line ||
          tm.a[j].col != d->map.a[j].col || tm.a[j].flags != d->map.a[j].flags;
  if (bad) {
    fprintf(stderr, "QG_CHECK_PARA: line %u: the text taken differs from its copy\n", d->line);
    abort();
  }
  qg_buf_free(&t);
  qg_srcmap_free(&tm);
#endif
  return 0;
}
