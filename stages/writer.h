/* writer.h: what the writers (write_*.c) share. A writer renders each document into spools
 * and copies them to its output only when the document ended well, so a document that fails
 * half-way leaves no partial output. */
#ifndef QG_WRITER_H
#define QG_WRITER_H

#include "internal.h"

#include <locale.h>

/* Spooled bytes kept in memory before moving to a temporary file. */
#define QG_SPOOL_MEM (1u << 20)
/* Bytes of JSON diagnostics (text paragraphs) put together before one write to a spool that
 * refuses room (qg_writer.dpend, bpend; session 51: a write each, an fwrite to the temporary file, was 10.6 M
 * instructions of `clean -f json` of s2's 623 M). */
#define QG_DIAG_BATCH (1u << 16)

struct qg_writer {
  qg_format fmt;
  FILE *out;
  qg_handler h;                   /* what the pipeline calls: writer.c's wrappers of fh */
  qg_handler fh;                  /* the format's own handlers (filled by its init) */
  int err;                        /* first error met (QG_ERR_IO, QG_ERR_NOMEM): close returns it */
  char errmsg[512];               /* the latest error: "SOURCE: what: strerror" (h.error) */
  qg_buf name;                    /* the document's name, for errmsg */
  bool closed;                    /* qg_writer_close was called: no more documents */
  bool wrote_text;                /* text: a document with paragraphs was written */
  locale_t caller_locale;         /* while a handler runs under the C locale: the caller's,
                                   * for the forwards */
  qg_spool body, removed, diags;
  uint64_t nblocks, nremoved, ndiags;
  uint32_t article;               /* article of the last block written */
  qg_buf scratch;
  qg_buf dpend;                   /* JSON diagnostics not yet in diags: they are put together
                                   * here once diags refuses room (a file past QG_SPOOL_MEM),
                                   * QG_DIAG_BATCH bytes a write (qg_writer_flush_doc writes
                                   * the rest) */
  qg_buf bpend;                   /* the same for the text format's paragraphs and body */
  qg_buf source;                  /* current document's name, for writers that need it */
  int (*fwd_diag)(void *, const qg_diag *);
  void *fwd_ud;
  bool (*fwd_wants)(void *, const char *, qg_severity); /* qg_writer_set_diag_wants_text */
  int (*fwd_removed)(void *, const qg_block *, const qg_removal *);
  void *fwd_removed_ud;
  bool bare;                      /* XML, NITF: no root element (qg_writer_set_bare) */
  void *user;                     /* a format's own state */
  void (*user_free)(void *);
};

/* Per-format handlers, filled into w->h by qg_writer_new. */
void qg_write_text_init(qg_writer *w);
void qg_write_json_init(qg_writer *w);
int qg_write_segment_init(qg_writer *w); /* QG_FORMAT_WORDS, _SENTENCES and their _JSON */
void qg_write_dups_init(qg_writer *w);   /* QG_FORMAT_DUPS_JSON, QG_FORMAT_DUPS_TEXT */
int qg_write_xml_init(qg_writer *w);     /* QG_FORMAT_XML, QG_FORMAT_NITF */

/* Shared by both formats: forwards the diagnostic and drops the spools of a failed doc. */
int qg_writer_forward_diag(qg_writer *w, const qg_diag *d);
/* diag_wants_text of the writers that only forward diagnostics (text, XML, NITF): what the
 * forward reads, nothing without one. */
bool qg_writer_forward_wants_text(void *ud, const char *rule, qg_severity s);
/* Appends ,"duplicate_of":{"source","line"[,"title","date"]} and "kind", "archived",
 * "distance", "similarity" for r to b (JSON writers): inside the duplicate_of object when
 * inside, else after it. */
int qg_json_dup_ref(qg_buf *b, const qg_dup_ref *r, bool inside);
int qg_writer_forward_removed(qg_writer *w, const qg_block *b, const qg_removal *r);
/* Records rc (a format's error, QG_ERR_IO or QG_ERR_NOMEM) in w's err and errmsg with
 * errno's text: "SOURCE: WHAT: strerror", or "SOURCE: temporary file in DIR: strerror" when
 * what is NULL. Returns rc. */
int qg_writer_note(qg_writer *w, int rc, const char *source, const char *what);
/* Copies body, then the other spools, to the output; or discards all when status != 0. An
 * error is recorded in w (err, errmsg). */
int qg_writer_flush_doc(qg_writer *w, int status, const char *head, size_t headlen,
                        const char *tail, size_t taillen);

/* spool.c: the directory of temporary files ($TMPDIR, else /tmp), an anonymous temporary
 * file in it (NULL, errno set, when it cannot be made), and the flush of a spool's file
 * (QG_ERR_IO, errno set, when the file cannot take it). */
const char *qg_tmpdir(void);
FILE *qg_tmpfile(void);
int qg_spool_sync(qg_spool *s);

#endif
