/* test_api.c: the library as an embedder calls it, through qinggao.h only (probe 11c):
 *  - a callback that calls back into its own pipeline is refused (QG_ERR_USAGE), and the
 *    document goes on untouched (F1); begin while a document is open is refused (F10);
 *  - numbers are written with a decimal point under a comma-decimal LC_NUMERIC (F4): the
 *    test sets de_DE.UTF-8 (ctest builds it with localedef into LOCPATH);
 *  - an archive that cannot be used fails every document with QG_ERR_IO and a message, and
 *    raises no diagnostic (F5);
 *  - a writer whose output or temporary file cannot be written says QG_ERR_IO, with
 *    errno's text in qg_pipeline_errmsg (F6, F2); temporary files go to $TMPDIR (F2);
 *  - bad options are refused with a status and a message (F7), NULL arguments too (F16);
 *  - a text writer separates documents by a blank line (F8); return values as the header
 *    says (F12, F17);
 *  - qg_pipeline_begin_record (session 16): the id is copied, a repeat of the record's text
 *    names it, and an id that is not one line of text is refused with no document begun.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qinggao.h"

/* ---- helpers ------------------------------------------------------------------------------ */

/* A document of n paragraphs, each about 70 bytes: 2,000 of them pass the 64 KiB detection
 * sample, so blocks reach the handler during feed, not only in finish. */
static char *paragraphs(long n, size_t *len) {
  char *buf = NULL;
  size_t cap = 0;
  FILE *m = open_memstream(&buf, &cap);
  for (long i = 0; i < n; i++)
    fprintf(m, "第%ld段落的内容比较长，用于测试回调，编号%ld。\n\n", i, i * 7919);
  fclose(m);
  *len = cap;
  return buf;
}

/* Runs text through p as document name; returns finish's status (or the first error). */
static int run(qg_pipeline *p, const char *name, const char *text, size_t len) {
  int rc = qg_pipeline_begin(p, name);
  if (!rc) rc = qg_pipeline_feed(p, text, len);
  int frc = qg_pipeline_finish(p);
  return rc ? rc : frc;
}

/* ---- F1, F10: calls from a callback, begin while open -------------------------------------- */

typedef struct reent {
  qg_pipeline *p;
  int feed, finish, begin, abort_, errmsg_ok, docinfo_ok;
  long blocks, in_feed; /* blocks seen, and of them while the outer call was feed */
  bool feeding;
} reent;

static int reent_block(void *ud, const qg_block *b) {
  (void)b;
  reent *r = ud;
  if (r->blocks++ == 0 || r->blocks == 1000) {
    r->feed = qg_pipeline_feed(r->p, "再来一段。\n\n", 17);
    r->finish = qg_pipeline_finish(r->p);
    r->begin = qg_pipeline_begin(r->p, "inner");
    r->abort_ = qg_pipeline_abort(r->p, QG_ERR_IO);
    qg_pipeline_free(r->p); /* refused: does nothing */
    r->errmsg_ok = qg_pipeline_errmsg(r->p) != NULL;
    r->docinfo_ok = !strcmp(qg_pipeline_docinfo(r->p)->source, "outer");
  }
  if (r->feeding) r->in_feed++;
  return 0;
}

static int reent_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  (void)status;
  reent *r = ud;
  r->begin = qg_pipeline_begin(r->p, "from end_doc");
  return 0;
}

static void test_reentry_refused(void **st) {
  (void)st;
  size_t len;
  char *text = paragraphs(2000, &len);
  reent r = {0};
  qg_handler h = {.userdata = &r, .block = reent_block};
  qg_options o;
  qg_options_init(&o);
  o.dedup = QG_DEDUP_OFF;
  r.p = qg_pipeline_new(&o, &h);
  assert_non_null(r.p);
  assert_int_equal(qg_pipeline_begin(r.p, "outer"), 0);
  int f = 0;
  r.feeding = true;
  for (size_t off = 0; off < len && !f; off += 4096)
    f = qg_pipeline_feed(r.p, text + off, len - off < 4096 ? len - off : 4096);
  r.feeding = false;
  assert_int_equal(f, 0);
  assert_int_equal(qg_pipeline_finish(r.p), 0);
  assert_true(r.in_feed > 0); /* the calls were made while feed was running */
  assert_int_equal(r.feed, QG_ERR_USAGE);
  assert_int_equal(r.finish, QG_ERR_USAGE);
  assert_int_equal(r.begin, QG_ERR_USAGE);
  assert_int_equal(r.abort_, QG_ERR_USAGE);
  assert_true(r.errmsg_ok && r.docinfo_ok);
  assert_int_equal(r.blocks, 2000); /* nothing fed from inside, nothing lost */
  assert_int_equal(qg_pipeline_docinfo(r.p)->blocks, 2000);
  qg_pipeline_free(r.p);

  /* from end_doc too */
  reent e = {0};
  qg_handler he = {.userdata = &e, .end_doc = reent_end};
  e.p = qg_pipeline_new(&o, &he);
  assert_int_equal(run(e.p, "a", "今天，我们去北京。\n", 28), 0);
  assert_int_equal(e.begin, QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_feed(e.p, "x", 1), QG_ERR_USAGE); /* no document open */
  qg_pipeline_free(e.p);
  free(text);
}

typedef struct collect {
  char text[4096];
  int ends;
  int end_status[4];
} collect;

static int collect_block(void *ud, const qg_block *b) {
  collect *c = ud;
  size_t n;
  const char *t = qg_block_text(b, &n);
  strncat(c->text, t, sizeof c->text - strlen(c->text) - 2);
  strcat(c->text, "|");
  return 0;
}

static int collect_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  collect *c = ud;
  if (c->ends < 4) c->end_status[c->ends] = status;
  c->ends++;
  return 0;
}

static void test_begin_while_open(void **st) {
  (void)st;
  collect c = {0};
  qg_handler h = {.userdata = &c, .block = collect_block, .end_doc = collect_end};
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  const char *a = "第一篇文档的正文，内容比较长。\n";
  assert_int_equal(qg_pipeline_begin(p, "a"), 0);
  assert_int_equal(qg_pipeline_feed(p, a, strlen(a)), 0);
  assert_int_equal(qg_pipeline_begin(p, "b"), QG_ERR_USAGE); /* a is still open */
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(c.ends, 1);
  assert_string_equal(qg_pipeline_docinfo(p)->source, "a");
  assert_non_null(strstr(c.text, "第一篇文档的正文"));
  assert_int_equal(qg_pipeline_finish(p), QG_ERR_USAGE); /* nothing open */
  qg_pipeline_free(p);
}

/* ---- F4: LC_NUMERIC ------------------------------------------------------------------------ */

static char fwd_num[32];
static int fwd_diag(void *ud, const qg_diag *d) {
  (void)ud;
  if (!strcmp(d->rule, "dup-near")) snprintf(fwd_num, sizeof fwd_num, "%.1f", 0.5);
  return 0;
}

static void test_numbers_ignore_locale(void **st) {
  (void)st;
  /* a comma-decimal locale; tests/CMakeLists.txt builds de_DE.UTF-8 into LOCPATH */
  const char *got = setlocale(LC_ALL, "de_DE.UTF-8");
  if (!got) fail_msg("no de_DE.UTF-8 locale (LOCPATH=%s): localedef -i de_DE -f UTF-8 DIR/de_DE.UTF-8",
                     getenv("LOCPATH") ? getenv("LOCPATH") : "(unset)");
  char probe[16];
  snprintf(probe, sizeof probe, "%.1f", 0.5);
  assert_string_equal(probe, "0,5"); /* the locale is in force: the test can fail */
  const char *t = "南湖区政务服务中心依托人工智能技术搭建了通办平台，将全区四百多项政务服务事项纳入网上办理。\n\n"
                  "南湖区政务服务中心依托人工智能技术搭建了通办平台，将全区四百多项政务服务事项纳入了网上办理。\n";
  static const qg_format fmts[] = {QG_FORMAT_DUPS_JSON, QG_FORMAT_DUPS_TEXT, QG_FORMAT_JSON,
                                   QG_FORMAT_XML};
  static const char *const want[] = {"\"similarity\":0.9", "similarity 0.9", "\"similarity\":0.9",
                                     "similarity=\"0.9"};
  for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
    char *out = NULL;
    size_t olen = 0;
    FILE *m = open_memstream(&out, &olen);
    qg_writer *w = qg_writer_new(fmts[i], m);
    fwd_num[0] = '\0';
    qg_writer_set_diag_forward(w, fwd_diag, NULL);
    qg_options o;
    qg_options_init(&o);
    o.dedup = QG_DEDUP_MARK;
    qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
    assert_int_equal(run(p, "doc", t, strlen(t)), 0);
    qg_writer_close(w);
    qg_pipeline_free(p);
    qg_writer_free(w);
    fclose(m);
    if (!strstr(out, want[i])) fail_msg("format %d under de_DE: no %s in %s", (int)fmts[i], want[i], out);
    /* the diagnostic's message too ("similarity 0.93"), in the JSON writer's diagnostics */
    if (fmts[i] == QG_FORMAT_JSON && !strstr(out, "(similarity 0.9"))
      fail_msg("dup-near message under de_DE: %s", out);
    /* the forward is the caller's code: it runs under the caller's locale */
    assert_string_equal(fwd_num, "0,5");
    free(out);
  }
  /* an archive's meta table: posting_threshold 0.300 */
  {
    char path[] = "/tmp/qg-test-api-ar-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    char err[256];
    qg_archive *a = qg_archive_open(path, true, err, sizeof err);
    assert_non_null(a);
    qg_archive_close(a);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    unlink(path);
    assert_non_null(memmem(buf, n, "0.300", 5));
    assert_null(memmem(buf, n, "0,300", 5));
  }
  /* an option's message */
  qg_options o;
  qg_options_init(&o);
  o.near_threshold = 1.5;
  char err[256];
  assert_int_equal(qg_options_check(&o, err, sizeof err), QG_ERR_USAGE);
  assert_non_null(strstr(err, "1.5"));
  setlocale(LC_ALL, "C");
}

/* ---- F5: an archive that cannot be used ---------------------------------------------------- */

static int ndiags;
static int count_diag(void *ud, const qg_diag *d) {
  (void)ud;
  (void)d;
  ndiags++;
  return 0;
}

static void test_archive_unusable(void **st) {
  (void)st;
  char notdb[] = "/tmp/qg-test-api-XXXXXX";
  int fd = mkstemp(notdb);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, "not an archive at all\n", 22), 22);
  close(fd);
  const char *paths[] = {"/nonexistent/published.db", notdb};
  const char *t = "今天，我们去北京。这是一个比较长的段落用来测试。\n";
  for (int k = 0; k < 2; k++) {
    qg_options o;
    qg_options_init(&o);
    o.archive = paths[k];
    char err[512];
    assert_int_equal(qg_options_check(&o, err, sizeof err), QG_ERR_IO);
    assert_non_null(strstr(err, paths[k]));
    qg_handler h = {.diag = count_diag};
    qg_pipeline *p = qg_pipeline_new(&o, &h);
    assert_non_null(p);
    assert_string_equal(qg_pipeline_errmsg(p), err); /* said before any document */
    ndiags = 0;
    for (int i = 0; i < 2; i++) { /* every document, not only the first */
      assert_int_equal(qg_pipeline_begin(p, "doc"), QG_ERR_IO);
      assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), QG_ERR_IO);
      assert_int_equal(qg_pipeline_finish(p), QG_ERR_IO);
      assert_string_equal(qg_pipeline_errmsg(p), err);
    }
    assert_int_equal(ndiags, 0); /* no dup-archive diagnostic at 1:1 */
    qg_pipeline_free(p);
    /* with dedup off the archive is not read: nothing to refuse */
    o.dedup = QG_DEDUP_OFF;
    assert_int_equal(qg_options_check(&o, err, sizeof err), 0);
  }
  unlink(notdb);
}

/* ---- session 25, audit 24 F18: a NUL's removal carries its original with its length ------- */

static int nul_seen, nul_bad;
static int nul_diag(void *ud, const qg_diag *d) {
  (void)ud;
  if (strcmp(d->rule, "char-invisible")) return 0;
  nul_seen++;
  if (!d->original || d->original_len != 1 || d->original[0] != '\0' || !d->replacement ||
      d->replacement_len != 0)
    nul_bad++;
  return 0;
}

static void test_nul_original_len(void **st) {
  (void)st;
  char t[4096];
  size_t n = 0;
  for (int i = 0; i < 40; i++) /* paragraphs past the first batch: the second thread's */
    n += (size_t)snprintf(t + n, sizeof t - n, "这是第%d段文字，写得很平常。\n\n", i);
  static const char last[] = "他\0说，好。\n"; /* 他 NUL 说，好。 */
  memcpy(t + n, last, sizeof last - 1);
  n += sizeof last - 1;
  for (unsigned threads = 1; threads <= 2; threads++) {
    qg_options o;
    qg_options_init(&o);
    o.batch = 2;
    o.threads = threads;
    qg_handler h = {.diag = nul_diag};
    qg_pipeline *p = qg_pipeline_new(&o, &h);
    assert_non_null(p);
    nul_seen = nul_bad = 0;
    assert_int_equal(qg_pipeline_begin(p, "doc"), 0);
    assert_int_equal(qg_pipeline_feed(p, t, n), 0);
    assert_int_equal(qg_pipeline_finish(p), 0);
    assert_int_equal(nul_seen, 1);
    assert_int_equal(nul_bad, 0);
    qg_pipeline_free(p);
  }
}

/* ---- F6, F2: writer I/O errors, temporary files in $TMPDIR --------------------------------- */

static void test_writer_io_error(void **st) {
  (void)st;
  FILE *f = fopen("/dev/full", "w");
  if (!f) skip();
  qg_writer *w = qg_writer_new(QG_FORMAT_TEXT, f);
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  const char *t = "今天，我们去北京。\n";
  assert_int_equal(run(p, "doc.txt", t, strlen(t)), QG_ERR_IO); /* not QG_ERR_STOPPED */
  const char *m = qg_pipeline_errmsg(p);
  if (!strstr(m, "doc.txt") || !strstr(m, "No space left on device"))
    fail_msg("errmsg: '%s'", m);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(f);
}

static int h_ret;
static int ret_block(void *ud, const qg_block *b) {
  (void)ud;
  (void)b;
  return h_ret;
}
static const char *ret_error(void *ud) {
  (void)ud;
  return "mine: what went wrong";
}

static void test_handler_status(void **st) {
  (void)st;
  const char *t = "今天，我们去北京。\n";
  static const int rets[] = {1, -1, 42, QG_ERR_IO, QG_ERR_NOMEM};
  static const int want[] = {QG_ERR_STOPPED, QG_ERR_STOPPED, QG_ERR_STOPPED, QG_ERR_IO, QG_ERR_NOMEM};
  for (size_t i = 0; i < sizeof rets / sizeof *rets; i++) {
    qg_handler h = {.block = ret_block, .error = ret_error};
    qg_options o;
    qg_options_init(&o);
    qg_pipeline *p = qg_pipeline_new(&o, &h);
    h_ret = rets[i];
    assert_int_equal(run(p, "d", t, strlen(t)), want[i]);
    assert_string_equal(qg_pipeline_errmsg(p), "mine: what went wrong");
    qg_pipeline_free(p);
  }
}

/* Runs a document of paras paragraphs (big_doc: 30,000, 2 MB, over the writer's 1 MiB held in
 * memory) through a writer of fmt with TMPDIR=dir; returns the status, the output's length in
 * *olen, and in *stderr_bytes the bytes the library wrote on standard error meanwhile. */
static int big_doc_n(qg_format fmt, long paras, const char *dir, char *errmsg, size_t errlen,
                     size_t *olen, long *stderr_bytes) {
  FILE *cap = tmpfile(); /* standard error, caught */
  assert_non_null(cap);
  fflush(stderr);
  int saved = dup(2);
  assert_true(saved >= 0 && dup2(fileno(cap), 2) == 2);
  setenv("TMPDIR", dir, 1);
  size_t len;
  char *text = paragraphs(paras, &len);
  char *out = NULL;
  FILE *m = open_memstream(&out, olen);
  qg_writer *w = qg_writer_new(fmt, m);
  qg_writer_set_bare(w, true); /* no XML root: the output is what the spool held */
  qg_options o;
  qg_options_init(&o);
  o.dedup = QG_DEDUP_OFF;
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  int rc = run(p, "big.txt", text, len);
  snprintf(errmsg, errlen, "%s", qg_pipeline_errmsg(p));
  qg_writer_close(w);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  free(out);
  free(text);
  unsetenv("TMPDIR");
  fflush(stderr);
  assert_int_equal(dup2(saved, 2), 2);
  close(saved);
  fseek(cap, 0, SEEK_END);
  *stderr_bytes = ftell(cap);
  fclose(cap);
  return rc;
}
static int big_doc(qg_format fmt, const char *dir, char *errmsg, size_t errlen, size_t *olen,
                   long *stderr_bytes) {
  return big_doc_n(fmt, 30000, dir, errmsg, errlen, olen, stderr_bytes);
}

/* A TMPDIR that does not exist: the spool cannot be made, and the message says where. The
 * library prints nothing (probe 18 D6: libxml2 printed "I/O error : write error" on the
 * caller's standard error for the XML and NITF writers). */
static void test_tmpdir(void **st) {
  (void)st;
  char err[512];
  size_t olen;
  long errbytes;
  static const qg_format fmts[] = {QG_FORMAT_TEXT, QG_FORMAT_XML, QG_FORMAT_NITF, QG_FORMAT_JSON};
  for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
    assert_int_equal(big_doc(fmts[i], "/nonexistent/qg-tmpdir", err, sizeof err, &olen, &errbytes),
                     QG_ERR_IO);
    if (!strstr(err, "big.txt: temporary file in /nonexistent/qg-tmpdir: No such file or directory"))
      fail_msg("format %d: errmsg: '%s'", (int)fmts[i], err);
    assert_int_equal(olen, 0); /* nothing of the document written */
    if (errbytes) fail_msg("format %d: %ld bytes on standard error", (int)fmts[i], errbytes);
  }
  /* one that does */
  for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
    char dir[] = "/tmp/qg-test-api-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(big_doc(fmts[i], dir, err, sizeof err, &olen, &errbytes), 0);
    assert_true(olen > (1u << 20));
    assert_int_equal(errbytes, 0);
    assert_int_equal(rmdir(dir), 0); /* the temporary file was removed */
  }
}

/* An XML document that passes the 1 MiB held in memory only with its last bytes, written at
 * its end (the writer's last flush, in end_doc), with TMPDIR that does not exist: it fails
 * too. It was given on as a status and dropped, end_doc returned 0: finish said 0 and nothing
 * was written (probe 18 D6; `clean` exited 0 with an empty <qinggao/>), and libxml2 printed
 * "I/O error : flush error". So every size around the limit fails, says why, prints nothing. */
static void test_tmpdir_at_end(void **st) {
  (void)st;
  char err[512];
  size_t olen;
  long errbytes;
  /* the paragraphs that make 1 MiB of XML, from the bytes of 4,000 and 6,000 written in
   * memory (later paragraphs are longer: their numbers have more digits) */
  size_t o4, o6;
  assert_int_equal(big_doc_n(QG_FORMAT_XML, 4000, "/tmp", err, sizeof err, &o4, &errbytes), 0);
  assert_int_equal(big_doc_n(QG_FORMAT_XML, 6000, "/tmp", err, sizeof err, &o6, &errbytes), 0);
  long first = 6000 + (long)(((1L << 20) - (long)o6) * 2000 / ((long)o6 - (long)o4));
  int failed = 0;
  for (long n = first - 48; n <= first + 48; n += 6) {
    int rc = big_doc_n(QG_FORMAT_XML, n, "/nonexistent/qg-tmpdir", err, sizeof err, &olen, &errbytes);
    if (errbytes) fail_msg("%ld paragraphs: %ld bytes on standard error", n, errbytes);
    if (rc == 0 && olen && olen <= (1u << 20)) continue; /* held in memory, then written */
    if (rc != QG_ERR_IO || olen ||
        !strstr(err, "big.txt: temporary file in /nonexistent/qg-tmpdir: No such file or directory"))
      fail_msg("%ld paragraphs: status %d, %zu bytes written, errmsg '%s'", n, rc, olen, err);
    failed++;
  }
  assert_true(failed >= 4);
}

/* The JSON body of a document of paras paragraphs and a last one of k "一", with the
 * temporary files in dir: status, and in *body the bytes of its blocks' list (from the first
 * block to the "]}]" that ends it), 0 when nothing was written. No repair or structure: every
 * block is a p of one article. */
static int json_doc(long paras, long k, const char *dir, size_t *body, char *errmsg,
                    size_t errlen) {
  setenv("TMPDIR", dir, 1);
  size_t len;
  char *text = paragraphs(paras, &len);
  text = realloc(text, len + 3 * (size_t)k + 16);
  assert_non_null(text);
  memcpy(text + len, "末", 3), len += 3;
  for (long i = 0; i < k; i++) memcpy(text + len, "一", 3), len += 3;
  memcpy(text + len, "。\n", 4), len += 4;
  char *out = NULL;
  size_t olen = 0;
  FILE *m = open_memstream(&out, &olen);
  qg_writer *w = qg_writer_new(QG_FORMAT_JSON, m);
  qg_options o;
  qg_options_init(&o);
  o.dedup = QG_DEDUP_OFF;
  o.repair = o.structure = false;
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  int rc = run(p, "big.txt", text, len);
  snprintf(errmsg, errlen, "%s", qg_pipeline_errmsg(p));
  qg_writer_close(w);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  const char *a = olen ? strstr(out, "\"blocks\":[") : NULL, *b = a ? strstr(a, "]}],\"removed\"") : NULL;
  *body = a && b ? (size_t)(b - (a + 10)) : 0;
  free(out);
  free(text);
  unsetenv("TMPDIR");
  return rc;
}

/* The JSON writer's kin of the above: the end of its blocks' list ("]}],\"removed\":[", 15
 * bytes) written at the document's end into a spool that then passes 1 MiB, with TMPDIR that
 * does not exist, failed the spool: the error was given to flush_doc as a status, the
 * document dropped, and end_doc returned 0 (clean -f json exited 0 with nothing written).
 * The document is sized so that its blocks end 10 to 12 bytes short of 1 MiB. */
static void test_json_tmpdir_at_end(void **st) {
  (void)st;
  char err[512];
  size_t b4, b6, b;
  assert_int_equal(json_doc(4000, 10, "/tmp", &b4, err, sizeof err), 0);
  assert_int_equal(json_doc(6000, 10, "/tmp", &b6, err, sizeof err), 0);
  /* paragraphs that leave room for a few hundred "一" under the limit */
  long n = 6000 + (long)(((1L << 20) - 3000 - (long)b6) * 2000 / ((long)b6 - (long)b4));
  assert_int_equal(json_doc(n, 10, "/tmp", &b, err, sizeof err), 0);
  assert_true(b < (1u << 20) - 100);
  long k = 10 + (long)((1u << 20) - 12 - b + 2) / 3; /* body in [1 MiB - 12, 1 MiB - 10] */
  assert_int_equal(json_doc(n, k, "/tmp", &b, err, sizeof err), 0);
  if (b < (1u << 20) - 12 || b > (1u << 20) - 10) fail_msg("%ld, %ld: body of %zu bytes", n, k, b);
  assert_int_equal(json_doc(n, k, "/nonexistent/qg-tmpdir", &b, err, sizeof err), QG_ERR_IO);
  assert_int_equal(b, 0);
  if (!strstr(err, "big.txt: temporary file in /nonexistent/qg-tmpdir: No such file or directory"))
    fail_msg("errmsg: '%s'", err);
}

/* The words writer's output of paras paragraphs and then blanks blank lines, with the
 * temporary files in dir: status, *olen its bytes, errmsg qg_pipeline_errmsg. The blank lines
 * are written at the document's end (pad_lines, one "\n" each). */
static int words_doc(long paras, long blanks, const char *dir, size_t *olen, char *errmsg,
                     size_t errlen) {
  setenv("TMPDIR", dir, 1);
  size_t len;
  char *text = paragraphs(paras, &len);
  text = realloc(text, len + (size_t)blanks + 1);
  assert_non_null(text);
  memset(text + len, '\n', (size_t)blanks);
  len += (size_t)blanks;
  char *out = NULL;
  FILE *m = open_memstream(&out, olen);
  qg_writer *w = qg_writer_new(QG_FORMAT_WORDS, m);
  assert_non_null(w);
  qg_options o;
  qg_options_init(&o);
  o.dedup = QG_DEDUP_OFF;
  o.repair = o.structure = false;
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  int rc = run(p, "big.txt", text, len);
  snprintf(errmsg, errlen, "%s", qg_pipeline_errmsg(p));
  qg_writer_close(w);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  free(out);
  free(text);
  unsetenv("TMPDIR");
  return rc;
}

/* s17-lib: the segment writer's end of a document (the blank lines after the last paragraph)
 * passing the 1 MiB held in memory, with TMPDIR that does not exist, failed with QG_ERR_IO and
 * qg_pipeline_errmsg "" (the other writers say which file and why). */
static void test_words_tmpdir_at_end(void **st) {
  (void)st;
  char err[512];
  size_t o4, o6, o;
  assert_int_equal(words_doc(4000, 0, "/tmp", &o4, err, sizeof err), 0);
  assert_int_equal(words_doc(6000, 0, "/tmp", &o6, err, sizeof err), 0);
  /* paragraphs whose words end 2,000 to 8,000 bytes short of 1 MiB */
  long n = 6000 + (long)(((1L << 20) - 5000 - (long)o6) * 2000 / ((long)o6 - (long)o4));
  assert_int_equal(words_doc(n, 0, "/tmp", &o, err, sizeof err), 0);
  if (o > (1u << 20) - 2000 || o < (1u << 20) - 8000) fail_msg("%ld paragraphs: %zu bytes", n, o);
  long blanks = 20000; /* the end writes them: past 1 MiB */
  assert_int_equal(words_doc(n, blanks, "/tmp", &o, err, sizeof err), 0);
  assert_true(o > (1u << 20));
  assert_int_equal(words_doc(n, blanks, "/nonexistent/qg-tmpdir", &o, err, sizeof err), QG_ERR_IO);
  assert_int_equal(o, 0);
  if (!strstr(err, "big.txt: temporary file in /nonexistent/qg-tmpdir: No such file or directory"))
    fail_msg("errmsg: '%s'", err);
}

/* s17-lib: qg_writer_free with a document still open (the pipeline freed mid-document, as a
 * program that gives up does): the XML writer's libxml2 buffer was flushed into the spool
 * that qg_writer_free had freed just before (a use after free under ASan). Now nothing is
 * written, nothing read after it was freed. */
static void test_writer_free_open_doc(void **st) {
  (void)st;
  static const qg_format fmts[] = {QG_FORMAT_XML, QG_FORMAT_NITF, QG_FORMAT_TEXT, QG_FORMAT_JSON,
                                   QG_FORMAT_WORDS, QG_FORMAT_SENTENCES_JSON};
  for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
    size_t len;
    char *text = paragraphs(3000, &len); /* (blocks reach the writer before the end) */
    char *out = NULL;
    size_t olen = 0;
    FILE *m = open_memstream(&out, &olen);
    qg_writer *w = qg_writer_new(fmts[i], m);
    assert_non_null(w);
    qg_options o;
    qg_options_init(&o);
    o.dedup = QG_DEDUP_OFF;
    o.structure = false;
    qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
    assert_int_equal(qg_pipeline_begin(p, "open.txt"), 0);
    assert_int_equal(qg_pipeline_feed(p, text, len), 0);
    qg_pipeline_free(p); /* the document still open */
    qg_writer_free(w);
    fclose(m);
    if (olen) fail_msg("format %d: %zu bytes of an unfinished document written", (int)fmts[i], olen);
    free(out);
    free(text);
  }
}

/* ---- F7, F16, F17: options, arguments, return values ---------------------------------------- */

static int nblocks;
static int count_block(void *ud, const qg_block *b) {
  (void)ud;
  (void)b;
  nblocks++;
  return 0;
}

static void bad_option(qg_options o, int status, const char *says) {
  char err[512] = "(untouched)";
  assert_int_equal(qg_options_check(&o, err, sizeof err), status);
  if (!strstr(err, says)) fail_msg("qg_options_check: '%s' lacks '%s'", err, says);
  qg_handler h = {.block = count_block};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_non_null(p);
  assert_string_equal(qg_pipeline_errmsg(p), err);
  nblocks = 0;
  const char *t = "今天，我们去北京，这是一个比较长的段落。\n";
  assert_int_equal(run(p, "x", t, strlen(t)), status);
  assert_int_equal(nblocks, 0);
  assert_string_equal(qg_pipeline_errmsg(p), err);
  qg_pipeline_free(p);
}

static void test_options_checked(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  char err[512] = "(untouched)";
  assert_int_equal(qg_options_check(&o, err, sizeof err), 0);
  assert_string_equal(err, "");
  qg_options_init(&o), o.encoding = "no-such-encoding";
  bad_option(o, QG_ERR_ICU, "no-such-encoding");
  qg_options_init(&o), o.paragraphs = (qg_para_mode)77;
  bad_option(o, QG_ERR_USAGE, "paragraphs = 77");
  qg_options_init(&o), o.dedup = (qg_dedup_mode)9;
  bad_option(o, QG_ERR_USAGE, "dedup = 9");
  qg_options_init(&o), o.invalid = (qg_invalid_mode)-1;
  bad_option(o, QG_ERR_USAGE, "invalid = -1");
  qg_options_init(&o), o.near_features = (qg_features)7;
  bad_option(o, QG_ERR_USAGE, "near_features = 7");
  qg_options_init(&o), o.near_threshold = -3;
  bad_option(o, QG_ERR_USAGE, "near_threshold = -3");
  qg_options_init(&o), o.near_threshold = NAN;
  bad_option(o, QG_ERR_USAGE, "near_threshold = nan");
  qg_options_init(&o), o.cues_file = "/nonexistent/cues.txt";
  bad_option(o, QG_ERR_USAGE, "/nonexistent/cues.txt");
  const char *dicts[] = {"/nonexistent/my.dict", NULL};
  qg_options_init(&o), o.dicts = dicts;
  bad_option(o, QG_ERR_USAGE, "/nonexistent/my.dict");
  assert_int_equal(qg_options_check(NULL, err, sizeof err), QG_ERR_USAGE);
  /* writers */
  assert_null(qg_writer_new((qg_format)42, stdout));
  assert_null(qg_writer_new((qg_format)-1, stdout));
  assert_null(qg_writer_new(QG_FORMAT_TEXT, NULL));
}

static void test_null_arguments(void **st) {
  (void)st;
  assert_int_equal(qg_pipeline_begin(NULL, "x"), QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_feed(NULL, "x", 1), QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_finish(NULL), QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_abort(NULL, QG_ERR_IO), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(NULL), "");
  assert_null(qg_pipeline_docinfo(NULL));
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, NULL);
  const qg_docinfo *di = qg_pipeline_docinfo(p); /* before the first document: "" strings */
  assert_non_null(di->source);
  assert_non_null(di->encoding);
  assert_non_null(di->line_ends);
  assert_non_null(di->paragraphs);
  assert_int_equal(qg_pipeline_begin(p, NULL), 0); /* NULL source: "-" */
  assert_string_equal(qg_pipeline_docinfo(p)->source, "-");
  assert_int_equal(qg_pipeline_feed(p, NULL, 0), 0);
  assert_int_equal(qg_pipeline_feed(p, NULL, 5), QG_ERR_USAGE); /* fails the document: L2 */
  assert_int_equal(qg_pipeline_finish(p), QG_ERR_USAGE);
  qg_pipeline_free(p);
  assert_int_equal(qg_fputs_json(stdout, NULL), QG_ERR_USAGE);
  assert_false(qg_encoding_known(NULL));
  assert_false(qg_encoding_known(""));
  assert_true(qg_encoding_known("GB18030"));
  assert_null(qg_rule_find(NULL));
  assert_non_null(qg_rule_find("punct-width"));
}

static void test_abort_status(void **st) {
  (void)st;
  collect c = {0};
  qg_handler h = {.userdata = &c, .end_doc = collect_end};
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_int_equal(qg_pipeline_begin(p, "a"), 0);
  assert_int_equal(qg_pipeline_abort(p, QG_ERR_INPUT), QG_ERR_INPUT);
  assert_int_equal(qg_pipeline_begin(p, "b"), 0);
  assert_int_equal(qg_pipeline_abort(p, 0), QG_ERR_IO); /* 0 or positive: QG_ERR_IO */
  assert_int_equal(qg_pipeline_begin(p, "c"), 0);
  assert_int_equal(qg_pipeline_abort(p, 5), QG_ERR_IO);
  assert_int_equal(qg_pipeline_abort(p, QG_ERR_IO), QG_ERR_USAGE); /* nothing open */
  /* a negative value that is no qg_status: QG_ERR_IO too (probe 18 L3: -42 was passed on) */
  assert_int_equal(qg_pipeline_begin(p, "d"), 0);
  assert_int_equal(qg_pipeline_abort(p, -42), QG_ERR_IO);
  assert_int_equal(c.ends, 4);
  assert_int_equal(c.end_status[0], QG_ERR_INPUT);
  assert_int_equal(c.end_status[1], QG_ERR_IO);
  assert_int_equal(c.end_status[2], QG_ERR_IO);
  assert_int_equal(c.end_status[3], QG_ERR_IO);
  /* the other statuses are passed on */
  static const int kept[] = {QG_ERR_USAGE, QG_ERR_INPUT, QG_ERR_NOMEM, QG_ERR_IO, QG_ERR_ICU,
                             QG_ERR_STOPPED};
  for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
    assert_int_equal(qg_pipeline_begin(p, "e"), 0);
    assert_int_equal(qg_pipeline_abort(p, kept[i]), kept[i]);
  }
  assert_int_equal(qg_pipeline_begin(p, "f"), 0);
  assert_int_equal(qg_pipeline_abort(p, QG_ERR_STOPPED - 1), QG_ERR_IO);
  qg_pipeline_free(p);
}

/* F12: source is the display name of what was given (the header says so) */
static void test_source_is_display_name(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, NULL);
  const char *name = "50%off 报告\x01.txt";
  char *shown = qg_display_name(name);
  assert_int_equal(qg_pipeline_begin(p, name), 0);
  assert_string_equal(qg_pipeline_docinfo(p)->source, shown);
  assert_string_equal(shown, "50%25off 报告%01.txt");
  assert_int_equal(qg_pipeline_finish(p), 0);
  free(shown);
  qg_pipeline_free(p);
}

/* ---- record ids (qg_pipeline_begin_record) -------------------------------------------------- */

typedef struct recs {
  int dups;
  char record[64], message[512];
} recs;

static int recs_diag(void *ud, const qg_diag *d) {
  recs *r = ud;
  if (strcmp(d->rule, "dup-paragraph") || !d->dup) return 0;
  r->dups++;
  snprintf(r->record, sizeof r->record, "%s", d->dup->record ? d->dup->record : "(none)");
  snprintf(r->message, sizeof r->message, "%s", d->message);
  return 0;
}

static void test_begin_record(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  o.dedup_scope = QG_SCOPE_RUN;
  recs r = {0};
  qg_handler h = {.userdata = &r, .diag = recs_diag};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  /* the id is copied, and is the docinfo's until the next begin */
  char id[16] = "xh-2026-0001";
  assert_int_equal(qg_pipeline_begin_record(p, "a.jsonl:1", id), 0);
  strcpy(id, "changed");
  assert_string_equal(qg_pipeline_docinfo(p)->record, "xh-2026-0001");
  const char *t = "邮局里多了一张长桌，来寄信的人可以坐下来慢慢写。\n";
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  /* a repeat of it names its id; a document begun without one has none */
  assert_int_equal(qg_pipeline_begin_record(p, "a.jsonl:2", NULL), 0);
  assert_null(qg_pipeline_docinfo(p)->record);
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(r.dups, 1);
  assert_string_equal(r.record, "xh-2026-0001");
  assert_string_equal(r.message, "paragraph repeats a.jsonl:1 line 1 (id \"xh-2026-0001\"): removed");
  const char *u = "河边新修的步道傍晚人最多，散步的跑步的都有。\n";
  assert_int_equal(run(p, "b.txt", u, strlen(u)), 0);
  assert_int_equal(run(p, "c.txt", u, strlen(u)), 0);
  assert_int_equal(r.dups, 2);
  assert_string_equal(r.record, "(none)");
  assert_string_equal(r.message, "paragraph repeats b.txt line 1: removed");
  /* refused, and no document begins: empty, a control character (C0, C1), not UTF-8, too long */
  char longid[QG_RECORD_MAX + 2];
  memset(longid, 'x', sizeof longid - 1);
  longid[sizeof longid - 1] = '\0';
  const char *badids[] = {"", "a\nb", "a\x7f", "a\xc2\x85", "a\xff", longid};
  for (size_t i = 0; i < sizeof badids / sizeof *badids; i++) {
    assert_int_equal(qg_pipeline_begin_record(p, "d", badids[i]), QG_ERR_USAGE);
    assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), QG_ERR_USAGE); /* nothing open */
  }
  longid[QG_RECORD_MAX] = '\0'; /* the longest taken */
  assert_int_equal(qg_pipeline_begin_record(p, "d", longid), 0);
  assert_int_equal(strlen(qg_pipeline_docinfo(p)->record), QG_RECORD_MAX);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(qg_pipeline_begin_record(p, "e", "编号·七"), 0); /* any other text */
  assert_int_equal(qg_pipeline_finish(p), 0);
  qg_pipeline_free(p);
}

/* ---- probe 18 L1: every document that ends has begun ---------------------------------------- */

typedef struct pairs {
  int begins, ends, unpaired, begin_ret;
  bool open;
  char enc[32];
  int status;
} pairs;

static int pair_begin(void *ud, const qg_docinfo *info) {
  pairs *q = ud;
  q->unpaired += q->open;
  q->open = true;
  q->begins++;
  snprintf(q->enc, sizeof q->enc, "%s", info->encoding);
  return q->begin_ret;
}
static int pair_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  pairs *q = ud;
  q->unpaired += !q->open;
  q->open = false;
  q->ends++;
  q->status = status;
  return 0;
}

/* begin_doc was not called for a document that failed before its first block (an abort, a
 * small document with a bad byte or a cut character, options the pipeline cannot use); its
 * end_doc was. Now both are, in order, begin_doc with encoding "" when it was not known. */
static void test_begin_end_paired(void **st) {
  (void)st;
  static const struct {
    const char *in;
    size_t len;
    int abort_with; /* 0: finish */
    int status;
    const char *enc;
  } cases[] = {
      {"第一段，内容。\n", 4, QG_ERR_IO, QG_ERR_IO, ""}, /* aborted before the encoding */
      {"好的。\n\xff\xfe\x80 abc\n", 14, 0, QG_ERR_INPUT, "UTF-8"},
      {"好的。\n\xe4\xb8", 12, 0, QG_ERR_INPUT, "UTF-8"},
      {"第一段，内容。\n", 22, 0, 0, "UTF-8"},
      {"", 0, 0, 0, "UTF-8"},
      {NULL, 5, 0, QG_ERR_USAGE, ""}, /* feed(p, NULL, 5): L2 */
  };
  for (int ret = 0; ret < 2; ret++) /* begin_doc says 0, or 1 (stop) */
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      pairs q = {.begin_ret = ret};
      qg_handler h = {.userdata = &q, .begin_doc = pair_begin, .end_doc = pair_end};
      qg_options o;
      qg_options_init(&o);
      qg_pipeline *p = qg_pipeline_new(&o, &h);
      assert_int_equal(qg_pipeline_begin(p, "x"), 0);
      int rc = qg_pipeline_feed(p, cases[i].in, cases[i].len);
      int end = cases[i].abort_with ? qg_pipeline_abort(p, cases[i].abort_with) : qg_pipeline_finish(p);
      assert_int_equal(rc ? rc : end, end);
      /* a failed document keeps its error whatever begin_doc says; a good one is stopped */
      int want = cases[i].status ? cases[i].status : ret ? QG_ERR_STOPPED : 0;
      if (q.begins != 1 || q.ends != 1 || q.unpaired || end != want || q.status != want ||
          strcmp(q.enc, cases[i].enc))
        fail_msg("case %zu (begin_doc returns %d): begins %d ends %d unpaired %d status %d/%d "
                 "(want %d) encoding '%s' (want '%s')", i, ret, q.begins, q.ends, q.unpaired, end,
                 q.status, want, q.enc, cases[i].enc);
      if (cases[i].status) assert_string_equal(qg_pipeline_errmsg(p), /* begin_doc's 1 said nothing */
                                               cases[i].in ? "" : "x: qg_pipeline_feed: data is NULL, len 5: the document fails");
      qg_pipeline_free(p);
    }
  /* options the pipeline cannot use: every document fails at begin, and begins and ends */
  pairs q = {0};
  qg_handler h = {.userdata = &q, .begin_doc = pair_begin, .end_doc = pair_end};
  qg_options o;
  qg_options_init(&o);
  o.near_threshold = 2;
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_int_equal(qg_pipeline_begin(p, "y"), QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_finish(p), QG_ERR_USAGE);
  assert_int_equal(q.begins, 1);
  assert_int_equal(q.ends, 1);
  assert_int_equal(q.unpaired, 0);
  qg_pipeline_free(p);
}

/* ---- probe 18 L2: feed(p, NULL, len > 0) fails the document ---------------------------------- */

/* It returned QG_ERR_USAGE, and the next feed and finish went on: the document was delivered
 * without the bytes the caller meant to give. Now the document fails: the next feeds and
 * finish return QG_ERR_USAGE, end_doc gets it, a writer writes nothing of it, and the next
 * document starts clean. */
static void test_feed_null_fails_document(void **st) {
  (void)st;
  char *out = NULL;
  size_t olen = 0;
  FILE *m = open_memstream(&out, &olen);
  qg_writer *w = qg_writer_new(QG_FORMAT_TEXT, m);
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  const char *t = "第一段，内容。\n\n";
  assert_int_equal(qg_pipeline_begin(p, "a.txt"), 0);
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), 0);
  assert_int_equal(qg_pipeline_feed(p, NULL, 5), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "a.txt: qg_pipeline_feed: data is NULL, len 5: the document fails");
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_finish(p), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "a.txt: qg_pipeline_feed: data is NULL, len 5: the document fails");
  /* a NULL with no length is no bytes: nothing fails */
  assert_int_equal(qg_pipeline_begin(p, "b.txt"), 0);
  assert_string_equal(qg_pipeline_errmsg(p), "");
  assert_int_equal(qg_pipeline_feed(p, NULL, 0), 0);
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(qg_writer_close(w), 0);
  fflush(m);
  assert_string_equal(out, "第一段，内容。\n"); /* b.txt alone */
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  free(out);
}

/* ---- probe 18 L3: a usage error says what was wrong ------------------------------------------ */

typedef struct reuse {
  qg_pipeline *p;
  char inside[256];
} reuse;
static int reuse_block(void *ud, const qg_block *b) {
  (void)b;
  reuse *r = ud;
  if (!r->inside[0] && qg_pipeline_feed(r->p, "x", 1) == QG_ERR_USAGE)
    snprintf(r->inside, sizeof r->inside, "%s", qg_pipeline_errmsg(r->p));
  return 0;
}

static void test_usage_messages(void **st) {
  (void)st;
  reuse r = {0};
  qg_handler h = {.userdata = &r, .block = reuse_block};
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = r.p = qg_pipeline_new(&o, &h);
  /* out of order */
  assert_int_equal(qg_pipeline_feed(p, "x", 1), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "qg_pipeline_feed: no document is open (qg_pipeline_begin first)");
  assert_int_equal(qg_pipeline_finish(p), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "qg_pipeline_finish: no document is open (qg_pipeline_begin first)");
  assert_int_equal(qg_pipeline_abort(p, QG_ERR_IO), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "qg_pipeline_abort: no document is open (qg_pipeline_begin first)");
  /* begin while open: said, then the open document's own message again once a call is taken */
  assert_int_equal(qg_pipeline_begin(p, "a.txt"), 0);
  assert_string_equal(qg_pipeline_errmsg(p), "");
  assert_int_equal(qg_pipeline_begin(p, "b.txt"), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "qg_pipeline_begin: a document is open (a.txt): finish or abort it first");
  assert_int_equal(qg_pipeline_feed(p, NULL, 3), QG_ERR_USAGE);
  assert_int_equal(qg_pipeline_begin_record(p, "b.txt", "id"), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "qg_pipeline_begin_record: a document is open (a.txt): finish or abort it first");
  assert_int_equal(qg_pipeline_finish(p), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "a.txt: qg_pipeline_feed: data is NULL, len 3: the document fails");
  /* from a callback: said inside it; the outer call's own result after */
  const char *t = "第一段，内容。\n\n第二段，内容。\n";
  assert_int_equal(run(p, "c.txt", t, strlen(t)), 0);
  assert_string_equal(r.inside, "qg_pipeline_feed: called from a callback of the same pipeline");
  assert_string_equal(qg_pipeline_errmsg(p), "");
  /* record ids: which rule, where */
  char longid[QG_RECORD_MAX + 2];
  memset(longid, 'x', sizeof longid - 1);
  longid[sizeof longid - 1] = '\0';
  static const struct {
    const char *id, *says;
  } ids[] = {
      {"", "record id: empty"},
      {"a\nb", "record id: holds a control character (U+000A at byte 2)"},
      {"ab\x7f", "record id: holds a control character (U+007F at byte 3)"},
      {"编\xc2\x85", "record id: holds a control character (U+0085 at byte 4)"},
      {"a\xef\xbf\xbe", "record id: holds a noncharacter (U+FFFE at byte 2)"},
      {"a\xff", "record id: invalid UTF-8 (byte 0xFF at byte 2)"},
      {"a\xe4\xb8", "record id: invalid UTF-8 (byte 0xE4 at byte 2)"},
  };
  char want[256];
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
    assert_int_equal(qg_pipeline_begin_record(p, "d", ids[i].id), QG_ERR_USAGE);
    snprintf(want, sizeof want, "qg_pipeline_begin_record: %s", ids[i].says);
    assert_string_equal(qg_pipeline_errmsg(p), want);
  }
  assert_int_equal(qg_pipeline_begin_record(p, "d", longid), QG_ERR_USAGE);
  assert_string_equal(qg_pipeline_errmsg(p), "qg_pipeline_begin_record: record id: 1025 bytes, over QG_RECORD_MAX (1024)");
  /* a call taken clears it */
  assert_int_equal(qg_pipeline_begin_record(p, "d", "good-1"), 0);
  assert_string_equal(qg_pipeline_errmsg(p), "");
  assert_int_equal(qg_pipeline_finish(p), 0);
  qg_pipeline_free(p);
}

/* The XML writer names the record a repeat's first copy is in (duplicate-record, session 17),
 * as the report and JSON do; a first copy in a document begun without an id gets none. */
static void test_xml_duplicate_record(void **st) {
  (void)st;
  char *out = NULL;
  size_t olen = 0;
  FILE *m = open_memstream(&out, &olen);
  qg_writer *w = qg_writer_new(QG_FORMAT_XML, m);
  qg_options o;
  qg_options_init(&o);
  o.dedup_scope = QG_SCOPE_RUN;
  o.dedup = QG_DEDUP_MARK;
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  const char *t = "邮局里多了一张长桌，来寄信的人可以坐下来慢慢写。\n";
  const char *u = "河边新修的步道傍晚人最多，散步的跑步的都有。\n";
  assert_int_equal(qg_pipeline_begin_record(p, "a.jsonl:1", "xh-<1>&\"2\""), 0);
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(qg_pipeline_begin_record(p, "a.jsonl:2", "xh-3"), 0);
  assert_int_equal(qg_pipeline_feed(p, t, strlen(t)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(run(p, "b.txt", u, strlen(u)), 0);
  assert_int_equal(qg_pipeline_begin_record(p, "a.jsonl:4", "xh-4"), 0);
  assert_int_equal(qg_pipeline_feed(p, u, strlen(u)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(qg_writer_close(w), 0);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  /* the id escaped as any attribute; the repeat of b.txt's paragraph names no record */
  assert_non_null(strstr(out, "duplicate-of=\"L1\" duplicate-source=\"a.jsonl:1\" "
                              "duplicate-record=\"xh-&lt;1&gt;&amp;&quot;2&quot;\""));
  assert_non_null(strstr(out, "duplicate-of=\"L1\" duplicate-source=\"b.txt\">"));
  const char *a = strstr(out, "duplicate-record");
  assert_non_null(a);
  assert_null(strstr(a + 1, "duplicate-record")); /* once: the records' own ids are not it */
  free(out);
}

/* ---- F8: one text writer, several documents ---------------------------------------------- */

static char *text_docs(bool bare) {
  char *out = NULL;
  size_t olen = 0;
  FILE *m = open_memstream(&out, &olen);
  qg_writer *w = qg_writer_new(QG_FORMAT_TEXT, m);
  qg_writer_set_bare(w, bare);
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  const char *d[] = {"甲文档的一段，内容比较长。\n", "", "乙文档的一段，内容不同。\n\n乙文档的第二段。\n",
                     "丙\xff文档。\n", "丁文档的一段。\n"};
  for (int i = 0; i < 5; i++) run(p, "x", d[i], strlen(d[i]));
  qg_writer_close(w);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  return out;
}

static void test_text_writer_separates_documents(void **st) {
  (void)st;
  char *out = text_docs(false); /* an empty document and a failed one add nothing */
  assert_string_equal(out, "甲文档的一段，内容比较长。\n\n乙文档的一段，内容不同。\n\n乙文档的第二段。\n\n"
                           "丁文档的一段。\n");
  free(out);
  out = text_docs(true); /* bare: the caller joins */
  assert_string_equal(out, "甲文档的一段，内容比较长。\n乙文档的一段，内容不同。\n\n乙文档的第二段。\n"
                           "丁文档的一段。\n");
  free(out);
}

/* ---- F9, F6: qg_writer_close (with the write_xml.c part) ---------------------------------- */

static void test_writer_close(void **st) {
  (void)st;
  const char *t = "今天，我们去北京。\n";
  char *out = NULL;
  size_t olen = 0;
  FILE *m = open_memstream(&out, &olen);
  qg_writer *w = qg_writer_new(QG_FORMAT_XML, m);
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  assert_int_equal(run(p, "a", t, strlen(t)), 0);
  assert_int_equal(qg_writer_close(w), 0);
  assert_int_equal(run(p, "b", t, strlen(t)), QG_ERR_STOPPED); /* refused after close */
  assert_non_null(strstr(qg_pipeline_errmsg(p), "closed"));
  assert_int_equal(qg_writer_close(w), QG_ERR_USAGE); /* once */
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(m);
  assert_null(strstr(out, "source=\"b\""));
  assert_non_null(strstr(out, "</qinggao>\n"));
  assert_int_equal(strstr(out, "</qinggao>\n") + strlen("</qinggao>\n") - out, (long)olen);
  free(out);
  /* the first write error is close's status */
  FILE *f = fopen("/dev/full", "w");
  if (!f) skip();
  w = qg_writer_new(QG_FORMAT_TEXT, f);
  p = qg_pipeline_new(&o, qg_writer_handler(w));
  assert_int_equal(run(p, "a", t, strlen(t)), QG_ERR_IO);
  assert_int_equal(qg_writer_close(w), QG_ERR_IO);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(f);
  /* set_xml on another format: a message */
  w = qg_writer_new(QG_FORMAT_TEXT, stdout);
  char err[128] = "(untouched)";
  qg_xml_options x = {true, true, NULL};
  assert_int_equal(qg_writer_set_xml(w, &x, err, sizeof err), QG_ERR_USAGE);
  assert_non_null(strstr(err, "not an XML or NITF writer"));
  qg_writer_free(w);
}

/* ---- diag_wants (session 51): a handler that only counts ------------------------------------- */

typedef struct counting {
  bool only_dups;     /* diag_wants: QG_WANTS_NOTHING but for the dup- rules */
  long diags, dups;
  _Atomic long asked; /* (asked on either thread: a second asks from the front) */
  uint64_t dup_lines; /* a sum over the repeats' lines and messages' lengths */
  qg_docinfo end;     /* end_doc's counts */
} counting;
static int cnt_diag(void *ud, const qg_diag *d) {
  counting *c = ud;
  c->diags++;
  if (!strncmp(d->rule, "dup-", 4)) c->dups++, c->dup_lines += d->start.line * 31u + strlen(d->message);
  return 0;
}
static unsigned cnt_wants(void *ud, const char *rule, qg_severity s) {
  counting *c = ud;
  (void)s;
  c->asked++;
  return !c->only_dups || !strncmp(rule, "dup-", 4) ? QG_WANTS_ALL : QG_WANTS_NOTHING;
}
static int cnt_end(void *ud, const qg_docinfo *info, int status) {
  (void)status;
  ((counting *)ud)->end = *info;
  return 0;
}

static void test_wants_only_counts(void **st) {
  (void)st;
  /* edits of several rules (widths, spaces, quotes, digits) and repeated paragraphs, past the
   * first batch, so that two threads hand off */
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  for (long i = 0; i < 1500; i++)
    fprintf(m, "第%ld段,近年来我市 ， 发展很快，反映\"办事方便了\"，全年１２３个项目%s。\n\n", i % 700,
            i % 3 ? "完成" : "落地");
  fclose(m);
  counting all[2] = {{0}}, few[2] = {{0}};
  for (int t = 0; t < 2; t++) {
    for (int k = 0; k < 2; k++) {
      counting *c = k ? &few[t] : &all[t];
      c->only_dups = k;
      qg_options o;
      qg_options_init(&o);
      if (t) o.batch = 32, o.threads = 2;
      qg_handler h = {.userdata = c, .diag = cnt_diag, .end_doc = cnt_end, .diag_wants = cnt_wants};
      qg_pipeline *p = qg_pipeline_new(&o, &h);
      assert_non_null(p);
      assert_int_equal(run(p, "count.txt", buf, len), 0);
      qg_pipeline_free(p);
    }
  }
  for (int t = 0; t < 2; t++) {
    /* every diagnostic counted in the docinfo, called or not; only the repeats called */
    assert_true(all[t].end.changes > 3000);
    assert_true(all[t].dups > 100);
    assert_int_equal(few[t].end.changes, all[t].end.changes);
    assert_int_equal(few[t].end.warnings, all[t].end.warnings);
    assert_int_equal(few[t].end.errors, all[t].end.errors);
    assert_int_equal(few[t].diags, all[t].dups);
    assert_int_equal(few[t].dups, all[t].dups);
    assert_int_equal(few[t].dup_lines, all[t].dup_lines);
    /* asked per rule and severity, not per diagnostic */
    assert_true(all[t].asked < 40);
    assert_true(few[t].asked < 40);
  }
  /* two threads give what one gives */
  assert_int_equal(all[1].end.changes, all[0].end.changes);
  assert_int_equal(all[1].diags, all[0].diags);
  assert_int_equal(few[1].dup_lines, few[0].dup_lines);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reentry_refused),
      cmocka_unit_test(test_begin_while_open),
      cmocka_unit_test(test_numbers_ignore_locale),
      cmocka_unit_test(test_archive_unusable),
      cmocka_unit_test(test_nul_original_len),
      cmocka_unit_test(test_writer_io_error),
      cmocka_unit_test(test_handler_status),
      cmocka_unit_test(test_tmpdir),
      cmocka_unit_test(test_tmpdir_at_end),
      cmocka_unit_test(test_json_tmpdir_at_end),
      cmocka_unit_test(test_words_tmpdir_at_end),
      cmocka_unit_test(test_writer_free_open_doc),
      cmocka_unit_test(test_options_checked),
      cmocka_unit_test(test_null_arguments),
      cmocka_unit_test(test_abort_status),
      cmocka_unit_test(test_begin_end_paired),
      cmocka_unit_test(test_feed_null_fails_document),
      cmocka_unit_test(test_usage_messages),
      cmocka_unit_test(test_source_is_display_name),
      cmocka_unit_test(test_begin_record),
      cmocka_unit_test(test_xml_duplicate_record),
      cmocka_unit_test(test_text_writer_separates_documents),
      cmocka_unit_test(test_writer_close),
      cmocka_unit_test(test_wants_only_counts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
