/* write_text.c: --format text. Clean paragraphs, one per line, a blank line between them.
 * Removed paragraphs and diagnostics are not part of the text: they go to the diagnostic
 * forward (the CLI's report). Two documents are separated by a blank line too. */
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

/* Documents are separated as paragraphs are, by a blank line (the first of a document that
 * gave paragraphs after one that did), so that reading the output back by blank lines keeps
 * the paragraphs of different documents apart; a bare writer leaves that to the caller, who
 * joins its documents (the command does: cli/batch.c). */
static int text_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  qg_writer *w = ud;
  bool text = !status && w->nblocks > 0;
  bool sep = text && w->wrote_text && !w->bare;
  int rc = qg_writer_flush_doc(w, status, "\n", sep ? 1 : 0, NULL, 0);
  if (text && !rc) w->wrote_text = true;
  return rc;
}

void qg_write_text_init(qg_writer *w) {
  w->h.block = text_block;
  w->h.diag = text_diag;
  w->h.diag_wants_text = qg_writer_forward_wants_text;
  w->h.removed = text_removed;
  w->h.end_doc = text_end;
}
