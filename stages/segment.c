/* segment.c: sentence and word boundaries from ICU break iterators over a block's UTF-8 text
 * (UText, no UTF-16 copy), and the writers of `qinggao segment` (--mode words: the words of
 * each paragraph separated by single spaces, one paragraph per line; --mode sentences: one
 * sentence per line). The user dictionary and token slices on blocks come with the
 * segmentation issue; this is the plain ICU segmentation they build on. */
#include "writer.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

typedef struct seg_state {
  UBreakIterator *bi;
  UText *ut;
} seg_state;

static bool all_space(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (!qg_cp_is_space(c)) return false;
  }
  return true;
}

static int seg_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  seg_state *st = (seg_state *)w->user;
  size_t len;
  const char *t = qg_block_text(b, &len);
  UErrorCode err = U_ZERO_ERROR;
  st->ut = utext_openUTF8(st->ut, t, (int64_t)len, &err);
  ubrk_setUText(st->bi, st->ut, &err);
  if (U_FAILURE(err)) return QG_ERR_ICU;
  qg_buf *o = &w->scratch;
  qg_buf_clear(o);
  bool words = w->fmt == QG_FORMAT_WORDS;
  int32_t start = ubrk_first(st->bi);
  size_t ntok = 0;
  for (int32_t end = ubrk_next(st->bi); end != UBRK_DONE; start = end, end = ubrk_next(st->bi)) {
    const char *tok = t + start;
    size_t n = (size_t)(end - start);
    if (words) {
      if (all_space(tok, n)) continue;
      if (ntok++ && qg_buf_putc(o, ' ')) return QG_ERR_NOMEM;
      if (qg_buf_put(o, tok, n)) return QG_ERR_NOMEM;
    } else {
      while (n && (tok[n - 1] == ' ')) n--; /* ICU keeps trailing spaces in the sentence */
      if (!n) continue;
      if (qg_buf_put(o, tok, n) || qg_buf_putc(o, '\n')) return QG_ERR_NOMEM;
    }
  }
  if (words && qg_buf_putc(o, '\n')) return QG_ERR_NOMEM;
  return qg_spool_write(&w->body, o->ptr, o->len);
}

static int seg_removed(void *ud, const qg_block *b, const qg_removal *r) {
  return qg_writer_forward_removed(ud, b, r);
}

static int seg_diag(void *ud, const qg_diag *d) { return qg_writer_forward_diag(ud, d); }

static int seg_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  return qg_writer_flush_doc(ud, status, NULL, 0, NULL, 0);
}

static void seg_free(void *p) {
  seg_state *st = p;
  if (st->bi) ubrk_close(st->bi);
  if (st->ut) utext_close(st->ut);
  free(st);
}

int qg_write_segment_init(qg_writer *w) {
  seg_state *st = calloc(1, sizeof *st);
  if (!st) return QG_ERR_NOMEM;
  UErrorCode err = U_ZERO_ERROR;
  st->bi = ubrk_open(w->fmt == QG_FORMAT_WORDS ? UBRK_WORD : UBRK_SENTENCE, "zh", NULL, 0, &err);
  if (U_FAILURE(err)) {
    seg_free(st);
    return QG_ERR_ICU;
  }
  w->user = st;
  w->user_free = seg_free;
  w->h.block = seg_block;
  w->h.diag = seg_diag;
  w->h.removed = seg_removed;
  w->h.end_doc = seg_end;
  return 0;
}
