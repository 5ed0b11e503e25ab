/* write_text.c: --format text. Clean paragraphs, one per line, a blank line between them.
 * Removed paragraphs and diagnostics are not part of the text: they go to the diagnostic
 * forward (the CLI's report). */
#include "writer.h"

static int text_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  size_t len;
  const char *t = qg_block_text(b, &len);
  int rc = w->nblocks++ ? qg_spool_write(&w->body, "\n", 1) : 0;
  if (!rc) rc = qg_spool_write(&w->body, t, len);
  if (!rc) rc = qg_spool_write(&w->body, "\n", 1);
  return rc;
}

static int text_removed(void *ud, const qg_block *b, const qg_removal *r) {
  return qg_writer_forward_removed(ud, b, r);
}

static int text_diag(void *ud, const qg_diag *d) { return qg_writer_forward_diag(ud, d); }

static int text_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  return qg_writer_flush_doc(ud, status, NULL, 0, NULL, 0);
}

void qg_write_text_init(qg_writer *w) {
  w->h.block = text_block;
  w->h.diag = text_diag;
  w->h.diag_wants_text = qg_writer_forward_wants_text;
  w->h.removed = text_removed;
  w->h.end_doc = text_end;
}
