/* write_dups.c: the output of `qinggao dedup`: one record per repeated paragraph, nothing
 * rewritten. --format json gives one object per line:
 *   {"source": S, "line": N, "duplicate_of": {"source": S, "line": M},
 *    "distance": 0, "similarity": 1.0}
 * (lines are the first source line of each paragraph); --format text gives
 *   S:N: repeats S:M (distance 0, similarity 1.00)
 * The foundation finds exact repeats within a document; distance is a Hamming distance of
 * fingerprints once near-duplicate detection exists. */
#include "writer.h"

#include <string.h>

static int dups_removed(void *ud, const qg_block *b, const qg_removal *r) {
  qg_writer *w = ud;
  int rc = qg_writer_forward_removed(w, b, r);
  if (rc || !r->duplicate_of_line) return rc;
  qg_buf *o = &w->scratch;
  qg_buf_clear(o);
  if (w->fmt == QG_FORMAT_DUPS_JSON) {
    rc = qg_buf_puts(o, "{\"source\":");
    rc = rc ? rc : qg_json_string(o, w->source.ptr, w->source.len);
    rc = rc ? rc : qg_buf_printf(o, ",\"line\":%u,\"duplicate_of\":{\"source\":", qg_block_line(b));
    rc = rc ? rc : qg_json_string(o, w->source.ptr, w->source.len);
    rc = rc ? rc : qg_buf_printf(o, ",\"line\":%u},\"distance\":0,\"similarity\":1.0}\n",
                                 r->duplicate_of_line);
  } else {
    rc = qg_buf_printf(o, "%s:%u: repeats %s:%u (distance 0, similarity 1.00)\n", w->source.ptr,
                       qg_block_line(b), w->source.ptr, r->duplicate_of_line);
  }
  return rc ? rc : qg_spool_write(&w->body, o->ptr, o->len);
}

static int dups_begin(void *ud, const qg_docinfo *info) {
  qg_writer *w = ud;
  qg_buf_clear(&w->source);
  return qg_buf_puts(&w->source, info->source);
}

static int dups_diag(void *ud, const qg_diag *d) {
  /* Repeats are this writer's records; other diagnostics (bad input) go to the forward. */
  if (!strcmp(d->rule, "dup-paragraph")) return 0;
  return qg_writer_forward_diag(ud, d);
}

static int dups_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  return qg_writer_flush_doc(ud, status, NULL, 0, NULL, 0);
}

void qg_write_dups_init(qg_writer *w) {
  w->h.begin_doc = dups_begin;
  w->h.removed = dups_removed;
  w->h.diag = dups_diag;
  w->h.end_doc = dups_end;
}
