/* write_dups.c: the output of `qinggao dedup`: one record per repeated paragraph, nothing
 * rewritten (docs/dedup.md). --format json gives one object per line:
 *   {"source": S, "line": N, "duplicate_of": {"source": S2, "line": M[, "title": T,
 *    "date": D]}, "kind": "exact"|"near", "archived": false, "distance": H, "similarity": X}
 * where lines are the first source line of each paragraph, distance is the Hamming distance
 * of the two SimHash fingerprints and similarity the character-bigram resemblance (1 for exact);
 * --format text gives
 *   S:N: repeats S2:M (near, distance H, similarity 0.87)
 * A block that repeats nothing but went with its article (--dedup drop: a new byline over a
 * pasted story) is {..., "kind": "article", "archived": false}, no distance or similarity,
 * duplicate_of naming the article's first repeat; in text
 *   S:N: part of an article whose text repeats S2:M (article)
 * The records come from the dedup stage's diagnostics (dup-paragraph, dup-near, dup-archive,
 * dup-record: a short record kept under another lead, since session 46),
 * which carry what is repeated. */
#include "writer.h"

#include <string.h>

static int dups_diag(void *ud, const qg_diag *d) {
  qg_writer *w = ud;
  if (!qg_rule_lists_repeat(d->rule) || !d->dup) return qg_writer_forward_diag(w, d);
  int rc = qg_writer_forward_diag(w, d);
  if (rc) return rc;
  const qg_dup_ref *r = d->dup;
  qg_buf *o = &w->scratch;
  qg_buf_clear(o);
  if (w->fmt == QG_FORMAT_DUPS_JSON) {
    rc = qg_buf_puts(o, "{\"source\":");
    rc = rc ? rc : qg_json_string(o, d->source, strlen(d->source));
    rc = rc ? rc : qg_buf_printf(o, ",\"line\":%u", d->start.line);
    rc = rc ? rc : qg_json_dup_ref(o, r, false);
    rc = rc ? rc : qg_buf_puts(o, "}\n");
  } else if (r->article) { /* removed with its article, repeating nothing (session 40) */
    rc = qg_buf_printf(o, "%s:%u: part of an article whose text repeats %s:%u", d->source,
                       d->start.line, r->source, r->line);
    if (!rc && r->record) rc = qg_buf_printf(o, " id \"%s\"", r->record);
    rc = rc ? rc : qg_buf_puts(o, " (article)\n");
  } else {
    rc = qg_buf_printf(o, "%s:%u: %s %s:%u", d->source, d->start.line,
                       r->archived ? "was published in" : "repeats", r->source, r->line);
    if (!rc && r->record) rc = qg_buf_printf(o, " id \"%s\"", r->record);
    if (!rc && r->title) rc = qg_buf_printf(o, " \"%s\"", r->title);
    if (!rc && r->date) rc = qg_buf_printf(o, " %s", r->date);
    rc = rc ? rc : qg_buf_printf(o, " (%s, distance %u, similarity %.2f)\n",
                                 r->near ? "near" : "exact", r->distance, r->similarity);
  }
  return rc ? rc : qg_spool_write(&w->body, o->ptr, o->len);
}

static int dups_removed(void *ud, const qg_block *b, const qg_removal *r) {
  return qg_writer_forward_removed(ud, b, r);
}

static int dups_begin(void *ud, const qg_docinfo *info) {
  qg_writer *w = ud;
  qg_buf_clear(&w->source);
  return qg_buf_puts(&w->source, info->source);
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
