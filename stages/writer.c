/* writer.c: the part of the writers common to every format. */
#include "writer.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

/* libxml2 (2.9) sets up its globals (encoding handlers among them) lazily and not safely
 * from several threads at once: done once here, before any writer of any thread uses it. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

qg_writer *qg_writer_new(qg_format fmt, FILE *out) {
  pthread_once(&xml_once, xml_init);
  qg_writer *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->fmt = fmt;
  w->out = out;
  qg_spool_init(&w->body, QG_SPOOL_MEM);
  qg_spool_init(&w->removed, QG_SPOOL_MEM);
  qg_spool_init(&w->diags, QG_SPOOL_MEM);
  qg_buf_init(&w->scratch);
  w->h.userdata = w;
  qg_buf_init(&w->source);
  switch (fmt) {
  case QG_FORMAT_JSON: qg_write_json_init(w); break;
  case QG_FORMAT_WORDS:
  case QG_FORMAT_SENTENCES:
  case QG_FORMAT_WORDS_JSON:
  case QG_FORMAT_SENTENCES_JSON:
    if (qg_write_segment_init(w)) {
      qg_writer_free(w);
      return NULL;
    }
    break;
  case QG_FORMAT_DUPS_JSON:
  case QG_FORMAT_DUPS_TEXT: qg_write_dups_init(w); break;
  case QG_FORMAT_TEXT: qg_write_text_init(w); break;
  case QG_FORMAT_XML:
  case QG_FORMAT_NITF:
    if (qg_write_xml_init(w)) {
      qg_writer_free(w);
      return NULL;
    }
    break;
  }
  return w;
}

const qg_handler *qg_writer_handler(qg_writer *w) { return &w->h; }

void qg_writer_set_diag_forward(qg_writer *w, int (*diag)(void *, const qg_diag *), void *ud) {
  w->fwd_diag = diag;
  w->fwd_ud = ud;
}

void qg_writer_set_diag_wants_text(qg_writer *w,
                                   bool (*wants)(void *ud, const char *rule, qg_severity s)) {
  w->fwd_wants = wants;
}

bool qg_writer_forward_wants_text(void *ud, const char *rule, qg_severity s) {
  const qg_writer *w = ud;
  return w->fwd_diag && (!w->fwd_wants || w->fwd_wants(w->fwd_ud, rule, s));
}

void qg_writer_free(qg_writer *w) {
  if (!w) return;
  qg_spool_free(&w->body);
  qg_spool_free(&w->removed);
  qg_spool_free(&w->diags);
  qg_buf_free(&w->scratch);
  qg_buf_free(&w->source);
  if (w->user_free) w->user_free(w->user);
  free(w);
}

void qg_writer_set_removed_forward(qg_writer *w,
                                   int (*removed)(void *, const qg_block *, const qg_removal *),
                                   void *ud) {
  w->fwd_removed = removed;
  w->fwd_removed_ud = ud;
}

int qg_writer_forward_removed(qg_writer *w, const qg_block *b, const qg_removal *r) {
  return w->fwd_removed ? w->fwd_removed(w->fwd_removed_ud, b, r) : 0;
}

int qg_fputs_json(FILE *f, const char *s) {
  qg_buf b = QG_BUF_INIT;
  int rc = qg_json_string(&b, s, strlen(s));
  if (!rc && fwrite(b.ptr, 1, b.len, f) != b.len) rc = QG_ERR_IO;
  qg_buf_free(&b);
  return rc;
}

bool qg_encoding_known(const char *name) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter *c = ucnv_open(name, &err);
  if (c) ucnv_close(c);
  return U_SUCCESS(err) && c;
}

int qg_writer_forward_diag(qg_writer *w, const qg_diag *d) {
  return w->fwd_diag ? w->fwd_diag(w->fwd_ud, d) : 0;
}

int qg_writer_flush_doc(qg_writer *w, int status, const char *head, size_t headlen,
                        const char *tail, size_t taillen) {
  int rc = 0;
  if (!status) {
    if (headlen && fwrite(head, 1, headlen, w->out) != headlen) rc = QG_ERR_IO;
    if (!rc) rc = qg_spool_copy_to(&w->body, w->out);
    if (!rc) rc = qg_spool_copy_to(&w->removed, w->out);
    if (!rc) rc = qg_spool_copy_to(&w->diags, w->out);
    if (!rc && taillen && fwrite(tail, 1, taillen, w->out) != taillen) rc = QG_ERR_IO;
    if (!rc && fflush(w->out)) rc = QG_ERR_IO;
  }
  qg_spool_reset(&w->body);
  qg_spool_reset(&w->removed);
  qg_spool_reset(&w->diags);
  w->nblocks = w->nremoved = w->ndiags = 0;
  return rc;
}

int qg_json_dup_ref(qg_buf *b, const qg_dup_ref *r, bool inside) {
  int rc = qg_buf_puts(b, ",\"duplicate_of\":{\"source\":");
  rc = rc ? rc : qg_json_string(b, r->source, strlen(r->source));
  rc = rc ? rc : qg_buf_printf(b, ",\"line\":%u", r->line);
  if (!rc && r->title) {
    rc = qg_buf_puts(b, ",\"title\":");
    rc = rc ? rc : qg_json_string(b, r->title, strlen(r->title));
  }
  if (!rc && r->date) {
    rc = qg_buf_puts(b, ",\"date\":");
    rc = rc ? rc : qg_json_string(b, r->date, strlen(r->date));
  }
  if (!rc && !inside) rc = qg_buf_putc(b, '}');
  return rc ? rc : qg_buf_printf(b, ",\"kind\":\"%s\",\"archived\":%s,\"distance\":%u,"
                                    "\"similarity\":%.3f%s",
                                 r->near ? "near" : "exact", r->archived ? "true" : "false",
                                 r->distance, r->similarity, inside ? "}" : "");
}
