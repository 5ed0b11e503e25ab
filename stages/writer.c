/* writer.c: the part of the writers common to every format. */
#include "writer.h"

#include <errno.h>
#include <langinfo.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

/* libxml2 (2.9) sets up its globals (encoding handlers among them) lazily and not safely
 * from several threads at once: done once here, before any writer of any thread uses it. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

/* ---- the handler the pipeline calls ------------------------------------------------------
 * Wraps the format's handlers: each runs under the C locale, whatever the caller's (numbers
 * such as "similarity":0.927 are never written 0,927: probe 11c F4), the forwards under the
 * caller's again; and an error of the format's (a write to a temporary file, memory) is
 * recorded with the document's name and errno's text for qg_pipeline_errmsg and close. */

static pthread_once_t loc_once = PTHREAD_ONCE_INIT;
static locale_t c_loc; /* (locale_t)0 when newlocale failed: the caller's locale is kept */
static void loc_init(void) { c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

/* The thread's locale writes numbers as C does: a one-byte '.' decimal point (the command's
 * case, and most programs': then nothing is switched, which costs two uselocale calls a
 * callback). */
static bool numbers_as_c(void) {
  const char *r = nl_langinfo(RADIXCHAR);
  return r[0] == '.' && !r[1];
}

#define W_ENTER(w)                                                                         \
  locale_t prev_ = c_loc && !numbers_as_c() ? uselocale(c_loc) : (locale_t)0;              \
  locale_t outer_ = (w)->caller_locale;                                                    \
  (w)->caller_locale = prev_
#define W_LEAVE(w)                                                                         \
  do {                                                                                     \
    (w)->caller_locale = outer_;                                                           \
    if (prev_) uselocale(prev_);                                                           \
  } while (0)

/* Records rc (the format's return) with errno's text; returns rc. what: NULL for the
 * temporary file. */
static int note(qg_writer *w, int rc, const char *source, const char *what) {
  if (!rc) return 0;
  int e = errno;
  if (rc == QG_ERR_IO && what)
    snprintf(w->errmsg, sizeof w->errmsg, "%s: %s: %s", source, what, strerror(e));
  else if (rc == QG_ERR_IO)
    snprintf(w->errmsg, sizeof w->errmsg, "%s: temporary file in %s: %s", source, qg_tmpdir(),
             strerror(e));
  else if (rc == QG_ERR_NOMEM)
    snprintf(w->errmsg, sizeof w->errmsg, "%s: out of memory", source);
  if (!w->err && rc < 0) w->err = rc;
  return rc;
}

int qg_writer_note(qg_writer *w, int rc, const char *source, const char *what) {
  return note(w, rc, source, what);
}

static int w_begin(void *ud, const qg_docinfo *info) {
  qg_writer *w = ud;
  w->errmsg[0] = '\0';
  qg_buf_clear(&w->name);
  if (qg_buf_puts(&w->name, info->source)) return note(w, QG_ERR_NOMEM, info->source, "");
  if (w->closed) {
    snprintf(w->errmsg, sizeof w->errmsg, "%s: the writer was closed (qg_writer_close)", info->source);
    return QG_ERR_USAGE;
  }
  if (!w->fh.begin_doc) return 0;
  W_ENTER(w);
  int rc = note(w, w->fh.begin_doc(w->fh.userdata, info), info->source, NULL);
  W_LEAVE(w);
  return rc;
}

static int w_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  w->errmsg[0] = '\0'; /* said only of the call that failed */
  if (!w->fh.block) return 0;
  W_ENTER(w);
  int rc = note(w, w->fh.block(w->fh.userdata, b), w->name.ptr, NULL);
  W_LEAVE(w);
  return rc;
}

/* w_block for the text format: its block handler formats no number and forwards nothing
 * (write_text.c), so it runs under the caller's locale with no test of it (session 51: the
 * test was nl_langinfo a paragraph). */
static int w_block_text(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  w->errmsg[0] = '\0'; /* said only of the call that failed */
  return note(w, w->fh.block(w->fh.userdata, b), w->name.ptr, NULL);
}

static int w_removed(void *ud, const qg_block *b, const qg_removal *r) {
  qg_writer *w = ud;
  w->errmsg[0] = '\0'; /* said only of the call that failed */
  if (!w->fh.removed) return 0;
  W_ENTER(w);
  int rc = note(w, w->fh.removed(w->fh.userdata, b, r), w->name.ptr, NULL);
  W_LEAVE(w);
  return rc;
}

static int w_diag(void *ud, const qg_diag *d) {
  qg_writer *w = ud;
  w->errmsg[0] = '\0'; /* said only of the call that failed */
  if (!w->fh.diag) return 0;
  W_ENTER(w);
  int rc = note(w, w->fh.diag(w->fh.userdata, d), d->source, NULL);
  W_LEAVE(w);
  return rc;
}

static int w_end(void *ud, const qg_docinfo *info, int status) {
  qg_writer *w = ud;
  w->errmsg[0] = '\0'; /* said only of the call that failed */
  if (!w->fh.end_doc) return 0;
  if (!w->name.len && qg_buf_puts(&w->name, info->source)) return note(w, QG_ERR_NOMEM, "-", "");
  W_ENTER(w);
  int rc = w->fh.end_doc(w->fh.userdata, info, status); /* flush_doc records its errors */
  W_LEAVE(w);
  qg_buf_clear(&w->name);
  return rc;
}

static const char *w_error(void *ud) {
  const qg_writer *w = ud;
  return w->errmsg;
}

qg_writer *qg_writer_new(qg_format fmt, FILE *out) {
  if (!out || (unsigned)fmt > QG_FORMAT_SENTENCES_JSON) return NULL;
  pthread_once(&xml_once, xml_init);
  pthread_once(&loc_once, loc_init);
  qg_writer *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->fmt = fmt;
  w->out = out;
  qg_spool_init(&w->body, QG_SPOOL_MEM);
  qg_spool_init(&w->removed, QG_SPOOL_MEM);
  qg_spool_init(&w->diags, QG_SPOOL_MEM);
  qg_buf_init(&w->scratch);
  qg_buf_init(&w->dpend);
  qg_buf_init(&w->bpend);
  qg_buf_init(&w->name);
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
  /* the format filled h: it becomes fh, and h the wrappers */
  w->fh = w->h;
  w->h = (qg_handler){.userdata = w,
                      .begin_doc = w_begin,
                      .block = w_block,
                      .removed = w_removed,
                      .diag = w_diag,
                      .end_doc = w_end,
                      .diag_wants_text = w->fh.diag_wants_text,
                      .error = w_error};
  /* text, XML and NITF only forward diagnostics (to the caller's code, under the caller's
   * locale, no I/O): called directly, the commonest callback costs nothing more */
  if (w->fh.diag_wants_text == qg_writer_forward_wants_text) {
    w->h.diag = w->fh.diag;
  }
  if (fmt == QG_FORMAT_TEXT && w->fh.block) w->h.block = w_block_text;
  return w;
}

const qg_handler *qg_writer_handler(qg_writer *w) { return w ? &w->h : NULL; }

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
  /* the format's state first: freeing libxml2's writer flushes what it holds of a document
   * still open into the spool (s17-lib: into a spool already freed, then leaked); that
   * document is never written (qg_writer_flush_doc is not called) */
  if (w->user_free) w->user_free(w->user);
  w->user_free = NULL;
  qg_buf_free(&w->name);
  qg_spool_free(&w->body);
  qg_spool_free(&w->removed);
  qg_spool_free(&w->diags);
  qg_buf_free(&w->scratch);
  qg_buf_free(&w->dpend);
  qg_buf_free(&w->bpend);
  qg_buf_free(&w->source);
  free(w);
}

void qg_writer_set_removed_forward(qg_writer *w,
                                   int (*removed)(void *, const qg_block *, const qg_removal *),
                                   void *ud) {
  w->fwd_removed = removed;
  w->fwd_removed_ud = ud;
}

/* The forwards are the caller's code: they run under the caller's locale. */
#define FWD_ENTER(w) locale_t fprev_ = (w)->caller_locale ? uselocale((w)->caller_locale) : (locale_t)0
#define FWD_LEAVE() \
  do {                \
    if (fprev_) uselocale(fprev_); \
  } while (0)

int qg_writer_forward_removed(qg_writer *w, const qg_block *b, const qg_removal *r) {
  if (!w->fwd_removed) return 0;
  FWD_ENTER(w);
  int rc = w->fwd_removed(w->fwd_removed_ud, b, r);
  FWD_LEAVE();
  return rc;
}

int qg_fputs_json(FILE *f, const char *s) {
  if (!f || !s) return QG_ERR_USAGE;
  qg_buf b = QG_BUF_INIT;
  int rc = qg_json_string(&b, s, strlen(s));
  if (!rc && fwrite(b.ptr, 1, b.len, f) != b.len) rc = QG_ERR_IO;
  qg_buf_free(&b);
  return rc;
}

bool qg_encoding_known(const char *name) {
  if (!name || !name[0]) return false; /* ICU would open its default converter */
  UErrorCode err = U_ZERO_ERROR;
  UConverter *c = ucnv_open(name, &err);
  if (c) ucnv_close(c);
  return U_SUCCESS(err) && c;
}

int qg_writer_forward_diag(qg_writer *w, const qg_diag *d) {
  if (!w->fwd_diag) return 0;
  FWD_ENTER(w);
  int rc = w->fwd_diag(w->fwd_ud, d);
  FWD_LEAVE();
  return rc;
}

int qg_writer_flush_doc(qg_writer *w, int status, const char *head, size_t headlen,
                        const char *tail, size_t taillen) {
  int rc = 0;
  if (!status) {
    /* what was put together last (bpend, dpend), then the temporary files: a full disk there
     * is said as such */
    if (w->bpend.len) rc = qg_spool_write(&w->body, w->bpend.ptr, w->bpend.len);
    if (!rc && w->dpend.len) rc = qg_spool_write(&w->diags, w->dpend.ptr, w->dpend.len);
    if (!rc) rc = qg_spool_sync(&w->body);
    if (!rc) rc = qg_spool_sync(&w->removed);
    if (!rc) rc = qg_spool_sync(&w->diags);
    if (rc) note(w, rc, w->name.ptr, NULL);
    if (!rc && headlen && fwrite(head, 1, headlen, w->out) != headlen) rc = QG_ERR_IO;
    if (!rc) rc = qg_spool_copy_to(&w->body, w->out);
    if (!rc) rc = qg_spool_copy_to(&w->removed, w->out);
    if (!rc) rc = qg_spool_copy_to(&w->diags, w->out);
    if (!rc && taillen && fwrite(tail, 1, taillen, w->out) != taillen) rc = QG_ERR_IO;
    if (!rc && fflush(w->out)) rc = QG_ERR_IO;
    if (rc && !w->errmsg[0]) note(w, rc, w->name.ptr, "cannot write the output");
  }
  qg_spool_reset(&w->body);
  qg_spool_reset(&w->removed);
  qg_spool_reset(&w->diags);
  qg_buf_clear(&w->dpend);
  qg_buf_clear(&w->bpend);
  w->nblocks = w->nremoved = w->ndiags = 0;
  return rc;
}

int qg_json_dup_ref(qg_buf *b, const qg_dup_ref *r, bool inside) {
  int rc = qg_buf_puts(b, ",\"duplicate_of\":{\"source\":");
  rc = rc ? rc : qg_json_string(b, r->source, strlen(r->source));
  rc = rc ? rc : qg_buf_printf(b, ",\"line\":%u", r->line);
  if (!rc && r->record) {
    rc = qg_buf_puts(b, ",\"id\":");
    rc = rc ? rc : qg_json_string(b, r->record, strlen(r->record));
  }
  if (!rc && r->title) {
    rc = qg_buf_puts(b, ",\"title\":");
    rc = rc ? rc : qg_json_string(b, r->title, strlen(r->title));
  }
  if (!rc && r->date) {
    rc = qg_buf_puts(b, ",\"date\":");
    rc = rc ? rc : qg_json_string(b, r->date, strlen(r->date));
  }
  if (!rc && !inside) rc = qg_buf_putc(b, '}');
  /* a block removed with its article repeats nothing: no distance, no similarity (session 40) */
  if (r->article)
    return rc ? rc : qg_buf_printf(b, ",\"kind\":\"article\",\"archived\":false%s",
                                   inside ? "}" : "");
  return rc ? rc : qg_buf_printf(b, ",\"kind\":\"%s\",\"archived\":%s,\"distance\":%u,"
                                    "\"similarity\":%.3f%s",
                                 r->near ? "near" : "exact", r->archived ? "true" : "false",
                                 r->distance, r->similarity, inside ? "}" : "");
}
