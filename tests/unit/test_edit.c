/* test_edit.c: the source map and the edit API (pipeline/block.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct seen {
  int n;
  qg_diag d[8];
  char orig[8][64], rep[8][64];
} seen;

static int on_diag(void *ud, const qg_diag *d) {
  seen *s = ud;
  if (s->n < 8) {
    s->d[s->n] = *d;
    snprintf(s->orig[s->n], 64, "%s", d->original ? d->original : "(null)");
    snprintf(s->rep[s->n], 64, "%s", d->replacement ? d->replacement : "(null)");
    s->n++;
  }
  return 0;
}

/* A block over one source line starting at column col. */
static qg_block *line_block(const char *text, uint32_t line, uint32_t col) {
  qg_block *b = calloc(1, sizeof *b);
  qg_buf_init(&b->text);
  qg_buf_puts(&b->text, text);
  b->line = b->end_line = line;
  qg_srcmap_add(&b->map, 0, line, col, QG_MAP_EXACT);
  return b;
}

static void free_block(qg_block *b) {
  qg_buf_free(&b->text);
  qg_srcmap_free(&b->map);
  free(b);
}

static void test_pos_counts_characters(void **st) {
  (void)st;
  qg_block *b = line_block("甲乙a丙", 4, 1);
  assert_int_equal(qg_block_pos(b, 0).col, 1);
  assert_int_equal(qg_block_pos(b, 3).col, 2);  /* after 甲 (3 bytes) */
  assert_int_equal(qg_block_pos(b, 7).col, 4);  /* 丙 */
  assert_int_equal(qg_block_pos(b, 10).col, 5); /* end */
  assert_int_equal(qg_block_pos(b, 7).line, 4);
  free_block(b);
}

static void test_join_keeps_both_lines(void **st) {
  (void)st;
  qg_block *l1 = line_block("第一行", 1, 1), *l2 = line_block("第二行", 2, 3);
  qg_block *p = calloc(1, sizeof *p);
  qg_buf_init(&p->text);
  assert_int_equal(qg_block_append_range(p, l1, 0, l1->text.len), 0);
  assert_int_equal(qg_block_append_synthetic(p, " ", 1, (qg_pos){1, 4}), 0);
  assert_int_equal(qg_block_append_range(p, l2, 3, l2->text.len), 0); /* from 二 */
  assert_string_equal(p->text.ptr, "第一行 二行");
  qg_pos a = qg_block_pos(p, 3), s = qg_block_pos(p, 9), c = qg_block_pos(p, 10);
  assert_int_equal(a.line, 1), assert_int_equal(a.col, 2);
  assert_int_equal(s.line, 1), assert_int_equal(s.col, 4); /* the separator */
  assert_int_equal(c.line, 2), assert_int_equal(c.col, 4); /* 二 is column 4 of line 2 */
  free_block(l1), free_block(l2), free_block(p);
}

/* qg_block_span gives what qg_block_pos gives at both ends, across anchors and synthetic text,
 * except that an end on another line than the span's last character is just past that
 * character (a region does not run over a line break into the next line) */
static void test_span_as_pos(void **st) {
  (void)st;
  qg_block *l1 = line_block("第一行ab", 1, 1), *l2 = line_block("第二行", 2, 3);
  qg_block *p = calloc(1, sizeof *p);
  qg_buf_init(&p->text);
  assert_int_equal(qg_block_append_range(p, l1, 0, l1->text.len), 0);
  assert_int_equal(qg_block_append_synthetic(p, " ", 1, (qg_pos){1, 6}), 0);
  assert_int_equal(qg_block_append_range(p, l2, 3, l2->text.len), 0);
  int checked = 0;
  for (size_t from = 0; from <= p->text.len + 1; from++)
    for (size_t to = from; to <= p->text.len + 2; to++) {
      qg_pos s, e, ws = qg_block_pos(p, from), we = qg_block_pos(p, to);
      size_t fc = from < p->text.len ? from : p->text.len, tc = to < p->text.len ? to : p->text.len;
      if (fc < tc) {
        qg_pos last = qg_block_pos(p, qg_utf8_prev(p->text.ptr, tc));
        if (we.line != last.line) we = (qg_pos){last.line, last.col + 1};
      }
      qg_block_span(p, from, to, &s, &e);
      assert_int_equal(s.line, ws.line), assert_int_equal(s.col, ws.col);
      assert_int_equal(e.line, we.line), assert_int_equal(e.col, we.col);
      checked++;
    }
  assert_true(checked > 100);
  free_block(l1), free_block(l2), free_block(p);
}

static qg_pipeline *pl;

static void test_edits_map_back(void **st) {
  (void)st;
  seen s = {0};
  qg_handler h = {.userdata = &s, .diag = on_diag};
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, &h);
  qg_ctx *ctx = qg_pipeline_ctx(pl);
  qg_block *b = line_block("ab\xE2\x80\x8B" "cd\xEF\xBC\xA1" "ef", 7, 5); /* ab ZWSP cd Ａ ef */
  qg_edit e;
  qg_edit_init(&e);
  qg_edit_begin(&e, ctx, b);
  assert_int_equal(qg_edit_replace(&e, 2, 3, "", 0, "char-invisible", "zwsp"), 0);
  assert_int_equal(qg_edit_replace(&e, 7, 3, "A", 1, "char-fullwidth-alnum", "A"), 0);
  /* out of order: refused, nothing changes */
  assert_int_equal(qg_edit_replace(&e, 1, 1, "x", 1, "char-invisible", "bad"), QG_ERR_USAGE);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_string_equal(b->text.ptr, "abcdAef");
  /* diagnostics carry the original spans */
  assert_int_equal(s.n, 2);
  assert_int_equal(s.d[0].start.line, 7), assert_int_equal(s.d[0].start.col, 7);
  assert_int_equal(s.d[0].end.col, 8);
  assert_string_equal(s.orig[0], "\xE2\x80\x8B"), assert_string_equal(s.rep[0], "");
  assert_int_equal(s.d[1].start.col, 10), assert_int_equal(s.d[1].end.col, 11);
  assert_string_equal(s.rep[1], "A");
  assert_true(s.d[0].fixed);
  /* positions in the new text map to the original columns */
  assert_int_equal(qg_block_pos(b, 2).col, 8);  /* c: after the removed ZWSP */
  assert_int_equal(qg_block_pos(b, 4).col, 10); /* A replaced Ａ */
  assert_int_equal(qg_block_pos(b, 5).col, 11); /* e */
  assert_int_equal(qg_block_pos(b, 7).col, 13); /* end */
  /* a second session on the edited text still maps to the original */
  qg_edit_begin(&e, ctx, b);
  assert_int_equal(qg_edit_replace(&e, 5, 1, "E", 1, "char-nfc", "e"), 0);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_string_equal(b->text.ptr, "abcdAEf");
  assert_int_equal(s.d[2].start.col, 11);
  assert_int_equal(qg_block_pos(b, 6).col, 12);
  qg_edit_free(&e);
  free_block(b);
  qg_pipeline_free(pl);
}

/* diag_wants_text: a diagnostic whose text the handler does not read comes without message,
 * original and replacement, with its span and counts as before; the others come whole. */
typedef struct texts {
  int n;
  char msg[4][64], orig[4][64];
  qg_pos start[4];
} texts;
static int keep_texts(void *ud, const qg_diag *d) {
  texts *t = ud;
  if (t->n < 4) {
    snprintf(t->msg[t->n], 64, "%s", d->message);
    snprintf(t->orig[t->n], 64, "%s", d->original ? d->original : "(null)");
    t->start[t->n++] = d->start;
  }
  return 0;
}
static bool only_nfc(void *ud, const char *rule, qg_severity s) {
  (void)ud, (void)s;
  return !strcmp(rule, "char-nfc");
}

static void test_text_only_when_wanted(void **st) {
  (void)st;
  texts t = {0};
  qg_handler h = {.userdata = &t, .diag = keep_texts, .diag_wants_text = only_nfc};
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, &h);
  qg_ctx *ctx = qg_pipeline_ctx(pl);
  qg_block *b = line_block("ab\xE2\x80\x8B" "cde", 2, 1);
  qg_edit e;
  qg_edit_init(&e);
  qg_edit_begin(&e, ctx, b);
  assert_int_equal(qg_edit_replace(&e, 2, 3, "", 0, "char-invisible", "zwsp %d", 1), 0);
  assert_int_equal(qg_edit_replace(&e, 6, 1, "E", 1, "char-nfc", "nfc %d", 2), 0);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_string_equal(b->text.ptr, "abcEe");
  assert_int_equal(qg_report(ctx, "char-invisible", t.start[0], t.start[0], "x", NULL, false,
                             "report %d", 3), 0);
  assert_int_equal(t.n, 3);
  assert_string_equal(t.msg[0], ""), assert_string_equal(t.orig[0], "(null)");
  assert_int_equal(t.start[0].col, 3);
  assert_string_equal(t.msg[1], "nfc 2"), assert_string_equal(t.orig[1], "d");
  assert_int_equal(t.start[1].col, 5);
  assert_string_equal(t.msg[2], "");
  assert_int_equal(qg_pipeline_docinfo(pl)->changes, 2);
  qg_edit_free(&e);
  free_block(b);
  qg_pipeline_free(pl);
}

/* diag_wants (session 51): asked once per rule and severity in a document; QG_WANTS_NOTHING
 * leaves the handler uncalled and the diagnostic counted; QG_WANTS_CALL alone gives no message
 * and no texts, QG_WANTS_MESSAGE the message alone; a report's own original goes only with
 * QG_WANTS_TEXTS. */
typedef struct wanted {
  texts t;
  int asked, asked_nfc;
} wanted;
static int keep_wanted(void *ud, const qg_diag *d) { return keep_texts(&((wanted *)ud)->t, d); }
static unsigned wants_by_rule(void *ud, const char *rule, qg_severity s) {
  wanted *w = ud;
  (void)s;
  w->asked++;
  if (!strcmp(rule, "char-nfc")) return w->asked_nfc++, QG_WANTS_CALL | QG_WANTS_MESSAGE;
  if (!strcmp(rule, "char-invisible")) return QG_WANTS_NOTHING;
  return QG_WANTS_CALL;
}

static void test_wants_per_rule(void **st) {
  (void)st;
  wanted w = {0};
  qg_handler h = {.userdata = &w, .diag = keep_wanted, .diag_wants = wants_by_rule};
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, &h);
  qg_ctx *ctx = qg_pipeline_ctx(pl);
  assert_int_equal(qg_pipeline_begin(pl, "w.txt"), 0); /* (the answers are a document's) */
  qg_block *b = line_block("ab\xE2\x80\x8B" "cde\xE2\x80\x8B" "f", 2, 1);
  qg_edit e;
  qg_edit_init(&e);
  qg_edit_begin(&e, ctx, b);
  assert_int_equal(qg_edit_replace(&e, 2, 3, "", 0, "char-invisible", "zwsp %d", 1), 0);
  assert_int_equal(qg_edit_replace(&e, 6, 1, "E", 1, "char-nfc", "nfc %d", 2), 0);
  assert_int_equal(qg_edit_replace(&e, 8, 3, "", 0, "char-invisible", "zwsp %d", 3), 0);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_string_equal(b->text.ptr, "abcEef");
  qg_edit_begin(&e, ctx, b);
  assert_int_equal(qg_edit_replace(&e, 0, 1, "A", 1, "char-nfc", "nfc %d", 4), 0);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_int_equal(qg_report(ctx, "punct-width", (qg_pos){2, 1}, (qg_pos){2, 2}, "x", "y", false,
                             "report %d", 5), 0);
  /* the two invisible characters not given, counted; each rule asked once */
  assert_int_equal(w.t.n, 3);
  assert_int_equal(w.asked, 3);
  assert_int_equal(w.asked_nfc, 1);
  assert_string_equal(w.t.msg[0], "nfc 2"), assert_string_equal(w.t.orig[0], "(null)");
  assert_int_equal(w.t.start[0].col, 5);
  assert_string_equal(w.t.msg[1], "nfc 4"), assert_string_equal(w.t.orig[1], "(null)");
  assert_string_equal(w.t.msg[2], ""), assert_string_equal(w.t.orig[2], "(null)");
  assert_int_equal(qg_pipeline_docinfo(pl)->changes, 4);
  assert_int_equal(qg_pipeline_docinfo(pl)->warnings, 5);
  qg_pipeline_finish(pl);
  /* the next document asks again */
  assert_int_equal(qg_pipeline_begin(pl, "w2.txt"), 0);
  assert_int_equal(qg_report(ctx, "char-nfc", (qg_pos){1, 1}, (qg_pos){1, 2}, "x", "y", true,
                             "again %d", 6), 0);
  assert_int_equal(w.asked_nfc, 2);
  assert_int_equal(w.t.n, 4);
  assert_string_equal(w.t.msg[3], "again 6"), assert_string_equal(w.t.orig[3], "(null)");
  qg_pipeline_finish(pl);
  qg_edit_free(&e);
  free_block(b);
  qg_pipeline_free(pl);
}

static void test_no_edit_no_change(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, NULL);
  qg_block *b = line_block("不变的文字", 3, 1);
  qg_edit e;
  qg_edit_init(&e);
  qg_edit_begin(&e, qg_pipeline_ctx(pl), b);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_string_equal(b->text.ptr, "不变的文字");
  assert_int_equal(b->map.n, 1);
  qg_edit_free(&e);
  free_block(b);
  qg_pipeline_free(pl);
}

static void test_buf_never_null(void **st) {
  (void)st;
  qg_buf b = QG_BUF_INIT;
  assert_non_null(b.ptr);
  assert_string_equal(b.ptr, "");
  for (int i = 0; i < 1000; i++) assert_int_equal(qg_buf_printf(&b, "%d,", i), 0);
  assert_int_equal(strncmp(b.ptr, "0,1,2,", 6), 0);
  assert_int_equal(b.ptr[b.len], '\0');
  qg_buf_truncate(&b, 2);
  assert_string_equal(b.ptr, "0,");
  qg_buf_free(&b);
  assert_string_equal(b.ptr, "");
}

/* Long text of every UTF-8 length: positions count characters over stretches of any length
 * (block.c counts sixteen bytes at a time), in qg_block_pos, in an edit session's diagnostics
 * and in the map the session leaves. */
typedef struct cols {
  int n;
  uint32_t start[512], end[512];
} cols;
static int keep_cols(void *ud, const qg_diag *d) {
  cols *c = ud;
  if (c->n < 512) c->start[c->n] = d->start.col, c->end[c->n++] = d->end.col;
  return 0;
}

/* An edit session on b in a new pipeline (pl) whose diagnostics' columns go to c (the pipeline
 * copies the handler). */
static void begin_with_cols(qg_edit *e, cols *c, qg_block *b) {
  qg_handler h = {.userdata = c, .diag = keep_cols};
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, &h);
  qg_edit_init(e);
  qg_edit_begin(e, qg_pipeline_ctx(pl), b);
}

static void test_long_positions(void **st) {
  (void)st;
  static const char *const ch[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "7", "\xE3\x80\x82"};
  char text[1024] = "";
  size_t off[400], nch = 0; /* byte offset of each character */
  for (unsigned i = 0; nch < 300; i++) {
    const char *c = ch[(i * 7 + i / 5) % 6];
    off[nch++] = strlen(text);
    strcat(text, c);
  }
  off[nch] = strlen(text);
  qg_block *b = line_block(text, 9, 4);
  for (size_t i = 0; i <= nch; i++) assert_int_equal(qg_block_pos(b, off[i]).col, 4 + i);
  cols c = {0};
  qg_edit e;
  begin_with_cols(&e, &c, b);
  /* every third character from the 40th: replaced by x, or deleted with the next one */
  size_t orig_of[400], nout = 0, nedit = 0;
  for (size_t i = 0; i < nch; i++) {
    if (i < 40 || i % 3) {
      orig_of[nout++] = i;
      continue;
    }
    bool del = i % 2 && i + 1 < nch;
    assert_int_equal(qg_edit_replace(&e, off[i], off[i + 1 + del] - off[i], "x", del ? 0 : 1,
                                     "char-nfc", "e"), 0);
    assert_int_equal(c.start[nedit], 4 + i), assert_int_equal(c.end[nedit], 4 + i + 1 + del);
    nedit++;
    if (!del) orig_of[nout++] = i;
    i += del;
  }
  assert_int_equal(qg_edit_end(&e), 0);
  assert_int_equal(c.n, (int)nedit);
  assert_true(nedit > 50);
  /* each character of the new text maps to the column of the one it was or replaced */
  size_t k = 0;
  for (size_t j = 0; j < nout; j++) {
    assert_int_equal(qg_block_pos(b, k).col, 4 + orig_of[j]);
    assert_int_equal(qg_block_pos(b, k).line, 9);
    qg_utf8_next(b->text.ptr, b->text.len, &k);
  }
  assert_int_equal(k, b->text.len);
  assert_int_equal(qg_block_pos(b, k).col, 4 + nch);
  qg_edit_free(&e);
  free_block(b);
  qg_pipeline_free(pl);
}

/* An edit keeps an anchor of the text it copies at least every 2 QG_MAP_STEP bytes, as the
 * decoder sets them on a long line: a position is counted from its anchor, and one edit at the
 * start of a long paragraph had left a single anchor for all of it (read-through 42: thousands
 * of reports on such a paragraph, each counted from its start). */
static void test_edit_keeps_checkpoints(void **st) {
  (void)st;
  char text[8192] = "a,";
  size_t n = 2;
  while (n + 3 < 6000) memcpy(text + n, "\xE4\xB8\xAD", 3), n += 3; /* 中 */
  text[n] = '\0';
  qg_block *b = line_block(text, 2, 1);
  /* the decoder's checkpoints: an exact anchor each QG_MAP_STEP bytes, on a character's start */
  for (size_t at = 2 + 1023; at < n; at += 1023)
    qg_srcmap_add(&b->map, (uint32_t)at, 2, (uint32_t)(3 + (at - 2) / 3), QG_MAP_EXACT);
  size_t before = b->map.n;
  assert_true(before >= 5);
  cols c = {0};
  qg_edit e;
  begin_with_cols(&e, &c, b);
  assert_int_equal(qg_edit_replace(&e, 1, 1, "\xEF\xBC\x8C", 3, "punct-comma", "e"), 0);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_int_equal(b->text.len, n + 2);
  for (size_t k = 1; k < b->map.n; k++)
    assert_true(b->map.a[k].off - b->map.a[k - 1].off < 2 * QG_MAP_STEP);
  assert_true(b->text.len - b->map.a[b->map.n - 1].off < 2 * QG_MAP_STEP);
  /* and every position is the column it was */
  assert_int_equal(qg_block_pos(b, 1).col, 2);
  for (size_t k = 4, col = 3; k <= b->text.len; k += 3, col++)
    assert_int_equal(qg_block_pos(b, k).col, col);
  qg_edit_free(&e);
  free_block(b);
  qg_pipeline_free(pl);
}

/* qg_edit_span gives what qg_block_span gives on the text as it was, whatever the order it is
 * asked in and between edits (across anchors and synthetic text). */
static void test_edit_span(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, NULL);
  qg_block *l1 = line_block("第一行ab", 1, 1), *l2 = line_block("第二行", 2, 3);
  qg_block *p = calloc(1, sizeof *p);
  qg_buf_init(&p->text);
  assert_int_equal(qg_block_append_range(p, l1, 0, l1->text.len), 0);
  assert_int_equal(qg_block_append_synthetic(p, " ", 1, (qg_pos){1, 6}), 0);
  assert_int_equal(qg_block_append_range(p, l2, 3, l2->text.len), 0);
  size_t len = p->text.len;
  qg_edit e;
  qg_edit_init(&e);
  qg_edit_begin(&e, qg_pipeline_ctx(pl), p);
  int checked = 0;
  for (int round = 0; round < 3; round++) {
    if (round == 1) /* an edit: b -> B, then spans before, at and after it */
      assert_int_equal(qg_edit_replace(&e, 10, 1, "B", 1, "char-nfc", "b"), 0);
    for (size_t from = 0; from <= len + 1; from++)
      for (size_t to = from; to <= len + 2; to++) {
        size_t f = round == 2 ? len + 1 - from : from; /* backwards too */
        qg_pos s, en, ws, we;
        qg_block_span(p, f, to < f ? f : to, &ws, &we);
        qg_edit_span(&e, f, to < f ? f : to, &s, &en);
        assert_int_equal(s.line, ws.line), assert_int_equal(s.col, ws.col);
        assert_int_equal(en.line, we.line), assert_int_equal(en.col, we.col);
        checked++;
      }
  }
  assert_true(checked > 300);
  assert_int_equal(qg_edit_end(&e), 0);
  assert_string_equal(p->text.ptr, "第一行aB 二行");
  assert_int_equal(qg_block_pos(p, 11).col, 6); /* the separator still maps */
  qg_edit_free(&e);
  free_block(l1), free_block(l2), free_block(p);
  qg_pipeline_free(pl);
}

#define QG_TEST_SEED 0x5E55104ED17ULL
#include "testrand.h"

/* Random sessions over paragraphs joined from lines (with and without a synthetic separator,
 * some lines longer than QG_MAP_STEP bytes): deletions (runs of them too, up to the end),
 * replacements and kept text. Each kept character maps to its old position, the end to the old
 * end, and the new map holds no anchor its predecessor predicts (exact, the same line, less than
 * QG_MAP_STEP bytes on, the column counted on): what edit_copy's and qg_edit_end's anchors put
 * without counting after deletions (session 50) must be the anchors out_push's count puts. */
static void test_edit_map_minimal(void **st) {
  (void)st;
  static const char *const ch[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", " ", "\xE3\x80\x82"};
  qg_options o;
  qg_options_init(&o);
  pl = qg_pipeline_new(&o, NULL);
  int checked = 0, fast = 0;
  for (int trial = 0; trial < 400; trial++) {
    qg_block *p = calloc(1, sizeof *p);
    qg_buf_init(&p->text);
    int nlines = 1 + (int)(next_rand() % 4);
    for (int l = 0; l < nlines; l++) {
      char line[4096] = "";
      size_t nc = trial % 16 == 6 && l == nlines - 1 ? 400 + next_rand() % 300 : 1 + next_rand() % 30;
      for (size_t i = 0; i < nc; i++) strcat(line, ch[next_rand() % 6]);
      qg_block *lb = line_block(line, (uint32_t)(10 + l), 1 + next_rand() % 5);
      if (trial % 4 == 3 && nc > 2) { /* an exact anchor one column back (a map of an earlier
                                       * stage's edits: the kept text after it is predicted) */
        size_t at = 0, c = 1 + next_rand() % (nc - 1);
        for (size_t i = 0; i < c; i++) qg_utf8_next(lb->text.ptr, lb->text.len, &at);
        qg_pos q = qg_block_pos(lb, at);
        qg_srcmap_add(&lb->map, (uint32_t)at, q.line, q.col - 1, QG_MAP_EXACT);
      }
      if (l && next_rand() % 2)
        assert_int_equal(qg_block_append_synthetic(p, " ", 1, qg_block_pos(p, p->text.len)), 0);
      assert_int_equal(qg_block_append_range(p, lb, 0, lb->text.len), 0);
      free_block(lb);
    }
    if (trial % 4 == 1) { /* an exact anchor at the end, one column back */
      qg_pos q = qg_block_pos(p, p->text.len);
      qg_srcmap_add(&p->map, (uint32_t)p->text.len, q.line, q.col - 1, QG_MAP_EXACT);
    }
    size_t n = p->text.len, nch = 0;
    size_t *off = malloc((n + 1) * sizeof *off), *kept = malloc((n + 1) * sizeof *kept);
    qg_pos *pos = malloc((n + 1) * sizeof *pos);
    for (size_t k = 0; k < n; qg_utf8_next(p->text.ptr, n, &k)) off[nch++] = k;
    off[nch] = n;
    for (size_t i = 0; i <= nch; i++) pos[i] = qg_block_pos(p, off[i]);
    qg_edit e;
    qg_edit_init(&e);
    qg_edit_begin(&e, qg_pipeline_ctx(pl), p);
    size_t nkept = 0;
    for (size_t i = 0; i < nch;) {
      /* (a long line edited at its start only: a tail of QG_MAP_STEP bytes or more) */
      unsigned r = trial % 32 == 6 && i > 8 ? 9 : next_rand() % 10;
      if (r < 4) { /* delete one or two characters */
        size_t j = i + 1 + (r == 0 && i + 1 < nch);
        assert_int_equal(qg_edit_replace(&e, off[i], off[j] - off[i], "", 0, "char-nfc", "d"), 0);
        i = j;
      } else if (r == 4) {
        assert_int_equal(qg_edit_replace(&e, off[i], off[i + 1] - off[i], "\xEF\xBC\x8C", 3,
                                         "punct-comma", "r"), 0);
        i++;
      } else {
        kept[nkept++] = i++;
      }
    }
    assert_int_equal(qg_edit_end(&e), 0);
    /* the kept characters, in order, at their old positions; the end at the old end */
    size_t k = 0, x = 0;
    const char *t = p->text.ptr;
    while (k < p->text.len) {
      size_t k0 = k;
      uint32_t c = qg_utf8_next(t, p->text.len, &k);
      if (c == 0xFF0C && k - k0 == 3) continue; /* a replacement (the old text holds no ，) */
      assert_true(x < nkept);
      qg_pos q = qg_block_pos(p, k0), w = pos[kept[x++]];
      assert_int_equal(q.line, w.line), assert_int_equal(q.col, w.col);
      checked++;
    }
    assert_int_equal(x, nkept);
    qg_pos q = qg_block_pos(p, p->text.len);
    assert_int_equal(q.line, pos[nch].line), assert_int_equal(q.col, pos[nch].col);
    /* (the end within QG_MAP_STEP bytes of the last anchor, as out_push keeps it) */
    assert_true(p->text.len - p->map.a[p->map.n - 1].off < QG_MAP_STEP);
    for (size_t a = 1; a < p->map.n; a++) {
      const qg_anchor *u = &p->map.a[a - 1], *v = &p->map.a[a];
      if (!(u->flags & QG_MAP_EXACT) || !(v->flags & QG_MAP_EXACT) || u->line != v->line ||
          v->off - u->off >= QG_MAP_STEP)
        continue;
      size_t cnt = 0;
      for (size_t b = u->off; b < v->off; b++) cnt += ((unsigned char)t[b] & 0xC0) != 0x80;
      assert_int_not_equal(v->col, u->col + cnt);
      fast++;
    }
    qg_edit_free(&e);
    free(off), free(kept), free(pos);
    free_block(p);
  }
  assert_true(checked > 5000);
  assert_true(fast > 500); /* (anchors after deletions on one line, the case the test is for) */
  qg_pipeline_free(pl);
}

/* qg_block_take_text (session 51, the paragraph stage's one-line paragraph) leaves the paragraph as
 * qg_block_append_range of the whole line would, text, anchors and positions: the line's buffers
 * are taken where its map is one anchor at 0 (the line left empty), else the line is copied. */
static void same_as_copy(const qg_block *p, const qg_block *ref) {
  assert_int_equal(p->text.len, ref->text.len);
  assert_memory_equal(p->text.ptr, ref->text.ptr, ref->text.len + 1); /* (the NUL too) */
  assert_int_equal(p->map.n, ref->map.n);
  for (size_t j = 0; j < ref->map.n; j++) {
    assert_int_equal(p->map.a[j].off, ref->map.a[j].off);
    assert_int_equal(p->map.a[j].line, ref->map.a[j].line);
    assert_int_equal(p->map.a[j].col, ref->map.a[j].col);
    assert_int_equal(p->map.a[j].flags, ref->map.a[j].flags);
  }
  for (size_t k = 0; k <= ref->text.len; k++) {
    qg_pos a = qg_block_pos(p, k), b = qg_block_pos(ref, k);
    assert_int_equal(a.line, b.line), assert_int_equal(a.col, b.col);
  }
}

static void test_take_text(void **st) {
  (void)st;
  /* (0: one anchor, taken; 1: a second anchor the first does not predict, copied; 2: an anchor
   * at the end, which the copy leaves out, copied; 3: a paragraph that holds text already) */
  for (int c = 0; c < 4; c++) {
    const char *t = "测试a文本。";
    qg_block *l = line_block(t, 7, 3), *r = line_block(t, 7, 3);
    if (c == 1) qg_srcmap_add(&l->map, 6, 8, 1, QG_MAP_EXACT), qg_srcmap_add(&r->map, 6, 8, 1, QG_MAP_EXACT);
    if (c == 2)
      qg_srcmap_add(&l->map, (uint32_t)l->text.len, 7, 9, QG_MAP_EXACT),
          qg_srcmap_add(&r->map, (uint32_t)r->text.len, 7, 9, QG_MAP_EXACT);
    qg_block *p = calloc(1, sizeof *p), *ref = calloc(1, sizeof *ref);
    qg_buf_init(&p->text), qg_buf_init(&ref->text);
    if (c == 3) {
      qg_block *h = line_block("标题", 6, 1);
      assert_int_equal(qg_block_append_range(p, h, 0, h->text.len), 0);
      assert_int_equal(qg_block_append_range(ref, h, 0, h->text.len), 0);
      free_block(h);
    }
    assert_int_equal(qg_block_append_range(ref, r, 0, r->text.len), 0);
    assert_int_equal(qg_block_take_text(p, l), 0);
    same_as_copy(p, ref);
    if (c == 0) { /* (taken: the line is left empty, its text in the paragraph) */
      assert_int_equal(l->text.len, 0);
      assert_int_equal(l->map.n, 0);
    } else { /* (copied: the line as it was) */
      assert_string_equal(l->text.ptr, t);
    }
    free_block(l), free_block(r), free_block(p), free_block(ref);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pos_counts_characters), cmocka_unit_test(test_join_keeps_both_lines),
      cmocka_unit_test(test_span_as_pos),
      cmocka_unit_test(test_edits_map_back), cmocka_unit_test(test_no_edit_no_change),
      cmocka_unit_test(test_text_only_when_wanted), cmocka_unit_test(test_wants_per_rule),
      cmocka_unit_test(test_buf_never_null),
      cmocka_unit_test(test_long_positions), cmocka_unit_test(test_edit_span),
      cmocka_unit_test(test_edit_keeps_checkpoints), cmocka_unit_test(test_edit_map_minimal),
      cmocka_unit_test(test_take_text)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
