/* test_stream.c: whole-pipeline properties over the bundled sample pages, in UTF-8 and
 * converted (in memory, with ICU) to GB18030 with CRLF, UTF-16LE with BOM and Big5:
 *  - chunking: feeding 1..20-byte chunks (and a few larger sizes) gives exactly the JSON
 *    output of one buffer, diagnostics included;
 *  - encodings: a converted page gives the same clean text as the UTF-8 page, and the JSON
 *    names the detected encoding;
 *  - accounting: every change is reported: the input's characters, minus each diagnostic's
 *    original text, plus its replacement, are exactly the output's characters (white space
 *    and line ends aside, which are layout);
 *  - damaged input: a stray byte in a short UTF-8 line is reported as invalid UTF-8, and
 *    damaged GB18030 or Big5 keeps its encoding;
 *  - para-split is reported only where a paragraph that would go on is cut.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "internal.h"

static const char *samples[] = {"page1.txt", "page2-wrapped.txt", "page3-lines.txt"};

static char *read_file(const char *name, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/samples/%s", QG_SOURCE_DIR, name);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char *buf = NULL;
  size_t cap = 0;
  FILE *mem = open_memstream(&buf, &cap);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) fwrite(tmp, 1, n, mem);
  fclose(f);
  fclose(mem);
  *len = cap;
  return buf;
}

/* Converts UTF-8 text to enc, with CRLF line ends when crlf, and a byte order mark first
 * when enc ends in "+BOM". Caller frees. */
static char *convert(const char *utf8, size_t len, const char *enc_bom, bool crlf, size_t *outlen) {
  char enc[32];
  snprintf(enc, sizeof enc, "%.*s", (int)strcspn(enc_bom, "+"), enc_bom);
  char *src = malloc(len * 2 + 4);
  size_t n = 0;
  if (strstr(enc_bom, "+BOM")) memcpy(src, "\xEF\xBB\xBF", 3), n = 3;
  for (size_t i = 0; i < len; i++) {
    if (crlf && utf8[i] == '\n') src[n++] = '\r';
    src[n++] = utf8[i];
  }
  UErrorCode err = U_ZERO_ERROR;
  int32_t need = ucnv_convert(enc, "UTF-8", NULL, 0, src, (int32_t)n, &err);
  err = U_ZERO_ERROR;
  char *out = malloc((size_t)need + 1);
  ucnv_convert(enc, "UTF-8", out, need + 1, src, (int32_t)n, &err);
  assert_false(U_FAILURE(err));
  free(src);
  *outlen = (size_t)need;
  return out;
}

static char *run(qg_format fmt, const char *in, size_t len, size_t chunk, size_t *outlen, int *status) {
  char *out = NULL;
  FILE *mem = open_memstream(&out, outlen);
  qg_writer *w = qg_writer_new(fmt, mem);
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  int rc = qg_pipeline_begin(p, "page");
  for (size_t off = 0; !rc && off < len; off += chunk)
    rc = qg_pipeline_feed(p, in + off, len - off < chunk ? len - off : chunk);
  int frc = qg_pipeline_finish(p);
  *status = rc ? rc : frc;
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(mem);
  return out;
}

static void check_chunking(const char *in, size_t len) {
  size_t wlen, plen;
  int ws, ps;
  char *whole = run(QG_FORMAT_JSON, in, len, len, &wlen, &ws);
  assert_int_equal(ws, 0);
  assert_true(wlen > 100);
  static const size_t extra[] = {31, 64, 1000, 4093, 65536};
  for (size_t k = 1; k <= 20 + sizeof extra / sizeof extra[0]; k++) {
    size_t chunk = k <= 20 ? k : extra[k - 21];
    char *part = run(QG_FORMAT_JSON, in, len, chunk, &plen, &ps);
    assert_int_equal(ps, ws);
    if (plen != wlen || memcmp(part, whole, wlen)) fail_msg("chunk size %zu differs", chunk);
    free(part);
  }
  free(whole);
}

/* A line of 4,000 units "汉字汉字汉字汉字汉," (112 KB): each comma is reported at its own column
 * (10, 20, ...), far past the first anchor: positions on a long line are counted from anchors
 * the decoder adds every QG_MAP_STEP bytes, which must be where the characters are, also in
 * GB18030 and whatever the chunks the input comes in. */
static void check_long_line(const char *in, size_t len) {
  size_t olen;
  int status;
  char *out = run(QG_FORMAT_JSON, in, len, len, &olen, &status);
  assert_int_equal(status, 0);
  static const int units[] = {1, 36, 37, 38, 1000, 2345, 3999, 4000};
  for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
    char want[96];
    snprintf(want, sizeof want, "\"rule\":\"punct-width\",\"severity\":\"warning\",\"line\":1,\"column\":%d,",
             units[k] * 10);
    if (!strstr(out, want)) fail_msg("no comma reported at column %d", units[k] * 10);
  }
  free(out);
  check_chunking(in, len);
}

static void test_long_line(void **st) {
  (void)st;
  const char unit[] = "汉字汉字汉字汉字汉,";
  size_t ul = sizeof unit - 1, n = 4000, len = ul * n + 1;
  char *text = malloc(len + 1);
  for (size_t i = 0; i < n; i++) memcpy(text + i * ul, unit, ul);
  text[len - 1] = '\n';
  text[len] = '\0';
  check_long_line(text, len);
  size_t glen;
  char *gb = convert(text, len, "GB18030", true, &glen);
  check_long_line(gb, glen);
  free(gb);
  free(text);
}

static void test_chunking_utf8(void **st) {
  (void)st;
  for (size_t i = 0; i < 3; i++) {
    size_t len;
    char *in = read_file(samples[i], &len);
    check_chunking(in, len);
    free(in);
  }
}

static void test_chunking_gb18030_crlf(void **st) {
  (void)st;
  size_t len, glen;
  char *in = read_file("page1.txt", &len);
  char *gb = convert(in, len, "GB18030", true, &glen);
  check_chunking(gb, glen);
  free(in);
  free(gb);
}

/* The converted page cleans to the same text, and the JSON names the encoding. */
static void check_encoding(const char *sample, const char *enc, bool crlf, const char *want_enc,
                           const char *want_ends) {
  size_t len, clen, a, b, j;
  int s1, s2, s3;
  char *in = read_file(sample, &len);
  char *conv = convert(in, len, enc, crlf, &clen);
  char *t1 = run(QG_FORMAT_TEXT, in, len, len, &a, &s1);
  char *t2 = run(QG_FORMAT_TEXT, conv, clen, clen, &b, &s2);
  assert_int_equal(s1, 0);
  assert_int_equal(s2, 0);
  assert_int_equal(a, b);
  assert_memory_equal(t1, t2, a);
  char *js = run(QG_FORMAT_JSON, conv, clen, 777, &j, &s3);
  char want[128];
  snprintf(want, sizeof want, "\"encoding\":\"%s\",\"encoding_detected\":true", want_enc);
  if (!strstr(js, want)) fail_msg("%s: expected %s in %.200s", sample, want, js);
  snprintf(want, sizeof want, "\"line_ends\":\"%s\"", want_ends);
  if (!strstr(js, want)) fail_msg("%s: expected %s", sample, want);
  free(in), free(conv), free(t1), free(t2), free(js);
}

static void test_gb18030_crlf(void **st) {
  (void)st;
  for (size_t i = 0; i < 3; i++) check_encoding(samples[i], "GB18030", true, "GB18030", "CRLF");
}

static void test_utf16_bom(void **st) {
  (void)st;
  check_encoding("page1.txt", "UTF-16LE+BOM", false, "UTF-16LE", "LF");
  check_encoding("page2-wrapped.txt", "UTF-16BE+BOM", true, "UTF-16BE", "CRLF");
  check_encoding("page3-lines.txt", "UTF-8+BOM", true, "UTF-8", "CRLF");
}

static void test_big5(void **st) {
  (void)st;
  /* Traditional text of our own, long enough for the detector. */
  const char *zh = "臺灣南部今天天氣晴朗，氣溫回升到二十八度。\n\n"
                   "市政府表示，週末將在公園舉辦音樂會，歡迎市民攜家帶眷參加。\n\n"
                   "交通局提醒民眾，活動期間附近道路將實施交通管制，請多利用大眾運輸工具。\n";
  size_t blen, a, b;
  int s1, s2;
  char *big5 = convert(zh, strlen(zh), "Big5", false, &blen);
  char *t1 = run(QG_FORMAT_TEXT, zh, strlen(zh), 5, &a, &s1);
  char *t2 = run(QG_FORMAT_JSON, big5, blen, 3, &b, &s2);
  assert_int_equal(s2, 0);
  assert_non_null(strstr(t2, "\"encoding\":\"Big5\""));
  assert_non_null(strstr(t2, "臺灣南部今天天氣晴朗，氣溫回升到二十八度。"));
  assert_non_null(strstr(t2, "請多利用大眾運輸工具。"));
  free(big5), free(t1), free(t2);
}

/* ---- detection of damaged input --------------------------------------------------------- */

typedef struct first_diag {
  char rule[32], message[160];
  qg_pos at;
  int n;
} first_diag;

/* Keeps the first decode-invalid diagnostic (any other diagnostic when there is none). */
static int keep_first_diag(void *ud, const qg_diag *d) {
  first_diag *f = ud;
  bool decode = !strcmp(d->rule, "decode-invalid");
  if (!f->n++ || (decode && strcmp(f->rule, "decode-invalid"))) {
    snprintf(f->rule, sizeof f->rule, "%s", d->rule);
    snprintf(f->message, sizeof f->message, "%s", d->message ? d->message : "");
    f->at = d->start;
  }
  return 0;
}

/* Runs in through a pipeline that keeps the first diagnostic; returns the status. */
static int run_diag(const char *in, size_t len, first_diag *f) {
  memset(f, 0, sizeof *f);
  qg_handler h = {.userdata = f, .diag = keep_first_diag};
  qg_options o;
  qg_options_init(&o);
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  int rc = qg_pipeline_begin(p, "damaged");
  if (!rc) rc = qg_pipeline_feed(p, in, len);
  int frc = qg_pipeline_finish(p);
  qg_pipeline_free(p);
  return rc ? rc : frc;
}

/* One stray byte at any place of a short UTF-8 line of ten or more characters (30 bytes) is
 * reported as invalid UTF-8 on that line: the file is not taken for UTF-16, Big5 or GB18030.
 * The column is checked where the byte falls between two characters. */
static void test_damaged_utf8_short_lines(void **st) {
  (void)st;
  static const char *const lines[] = {
      "公园管理处提醒游客注意防火。", "全市新增公交线路六条，方便市民出行。",
      "城西菜市场改造完成，摊位增加。", "ABC市民广场舞比赛今晚举行", "第二行\n市图书馆新馆正式开放。"};
  static const unsigned char strays[] = {0xFF, 0xFE, 0x80, 0xC3, 0xA1, 0xE5};
  char buf[256];
  int checked = 0;
  for (size_t l = 0; l < sizeof lines / sizeof *lines; l++) {
    size_t len = strlen(lines[l]);
    const char *nl = strchr(lines[l], '\n');
    for (size_t pos = nl ? (size_t)(nl - lines[l]) + 1 : 0; pos <= len; pos++)
      for (size_t k = 0; k < sizeof strays; k++) {
        memcpy(buf, lines[l], pos);
        buf[pos] = (char)strays[k];
        memcpy(buf + pos + 1, lines[l] + pos, len - pos);
        buf[len + 1] = '\n';
        first_diag f;
        int rc = run_diag(buf, len + 2, &f);
        if (rc != QG_ERR_INPUT || strcmp(f.rule, "decode-invalid") || !strstr(f.message, "UTF-8"))
          fail_msg("line %zu, 0x%02X at byte %zu: status %d, %s: %s", l, strays[k], pos, rc,
                   f.rule, f.message);
        assert_int_equal(f.at.line, nl ? 2 : 1);
        bool boundary = pos == len || ((unsigned char)lines[l][pos] & 0xC0) != 0x80;
        if (boundary && strays[k] != 0xC3 && strays[k] != 0xE5) { /* these start a sequence */
          size_t from = nl ? (size_t)(nl - lines[l]) + 1 : 0;
          assert_int_equal(f.at.col, 1 + qg_utf8_count(lines[l] + from, pos - from));
        }
        checked++;
      }
  }
  assert_true(checked > 500);
}

/* Damaged GB18030 and Big5 (a stray byte invalid in the encoding, at the start of a line in
 * the middle) keep their encoding: the error names it and the line where the byte is. */
static void check_damaged_legacy(const char *utf8, size_t len, const char *enc, unsigned char stray,
                                 uint32_t want_line) {
  size_t clen;
  char *conv = convert(utf8, len, enc, false, &clen);
  /* the first line break after the middle, and the byte after it */
  size_t at = clen / 2;
  while (at < clen && conv[at] != '\n') at++;
  assert_true(at < clen);
  at++;
  char *bad = malloc(clen + 1);
  memcpy(bad, conv, at);
  bad[at] = (char)stray;
  memcpy(bad + at + 1, conv + at, clen - at);
  uint32_t line = 1;
  for (size_t i = 0; i < at; i++) line += conv[i] == '\n';
  if (want_line) assert_int_equal(line, want_line);
  first_diag f;
  int rc = run_diag(bad, clen + 1, &f);
  assert_int_equal(rc, QG_ERR_INPUT);
  assert_string_equal(f.rule, "decode-invalid");
  if (!strstr(f.message, enc)) fail_msg("%s: %s", enc, f.message);
  assert_int_equal(f.at.line, line);
  assert_int_equal(f.at.col, 1);
  free(conv);
  free(bad);
}

static void test_damaged_legacy(void **st) {
  (void)st;
  size_t len;
  char *in = read_file("page1.txt", &len);
  check_damaged_legacy(in, len, "GB18030", 0xFF, 0);
  free(in);
  const char *zh = "臺灣南部今天天氣晴朗，氣溫回升到二十八度。\n\n"
                   "市政府表示，週末將在公園舉辦音樂會，歡迎市民攜家帶眷參加。\n\n"
                   "交通局提醒民眾，活動期間附近道路將實施交通管制，請多利用大眾運輸工具。\n";
  /* ICU's Big5 (windows-950) takes 0xFF and 0x80 as characters; 0xA0 is invalid */
  check_damaged_legacy(zh, strlen(zh), "Big5", 0xA0, 4);
}

/* ---- para-split: reported only where a join is cut ---------------------------------------- */

typedef struct collected {
  char diags[2048];
  size_t n;
} collected;

static int collect_diag(void *ud, const qg_diag *d) {
  collected *c = ud;
  c->n += (size_t)snprintf(c->diags + c->n, sizeof c->diags - c->n, "%u:%u %s\n", d->start.line,
                           d->start.col, d->rule);
  assert_true(c->n < sizeof c->diags);
  return 0;
}

/* Runs in with paragraphs mode and a 64-byte block limit; checks the clean text and the
 * diagnostics ("LINE:COL rule" lines). */
static void check_split(qg_para_mode mode, const char *in, const char *want_out,
                        const char *want_diags) {
  collected c = {.n = 0};
  char *out = NULL;
  size_t outlen = 0;
  FILE *mem = open_memstream(&out, &outlen);
  qg_writer *w = qg_writer_new(QG_FORMAT_TEXT, mem);
  qg_writer_set_diag_forward(w, collect_diag, &c);
  qg_options o;
  qg_options_init(&o);
  o.paragraphs = mode;
  o.max_block_bytes = 64;
  qg_pipeline *p = qg_pipeline_new(&o, qg_writer_handler(w));
  assert_int_equal(qg_pipeline_begin(p, "split"), 0);
  assert_int_equal(qg_pipeline_feed(p, in, strlen(in)), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(mem);
  assert_string_equal(out, want_out);
  assert_string_equal(c.diags, want_diags);
  free(out);
}

static void test_para_split_only_on_joins(void **st) {
  (void)st;
  /* must not report: the next line starts a paragraph anyway (lines of 42 and 45 bytes) */
  check_split(QG_PARA_LINE, "东湖区第三届社区运动会今天开幕\n一千二百余名居民参加了开幕式\n",
              "东湖区第三届社区运动会今天开幕\n\n一千二百余名居民参加了开幕式\n", "");
  check_split(QG_PARA_BLANK, "东湖区第三届社区运动会今天开幕\n　　一千二百余名居民参加开幕式\n",
              "东湖区第三届社区运动会今天开幕\n\n一千二百余名居民参加开幕式\n", "2:1 char-indent\n");
  /* wrapped at 10 characters (30 bytes): a short line ends the paragraph of 45 bytes */
  check_split(QG_PARA_WRAPPED, "东湖区社区运动会今天开\n幕居民参加\n本届运动会设有十二个\n项目\n",
              "东湖区社区运动会今天开幕居民参加\n\n本届运动会设有十二个项目\n", "");
  /* must report: a join is cut (30-byte lines: two fit in 64 bytes, three do not) */
  check_split(QG_PARA_BLANK, "东湖区社区运动会开幕\n一千二百名居民参加了\n本届运动会设十二项目\n",
              "东湖区社区运动会开幕一千二百名居民参加了\n\n本届运动会设十二项目\n",
              "3:1 para-split\n");
  check_split(QG_PARA_WRAPPED,
              "东湖区社区运动会开幕\n一千二百名居民参加了\n开幕式本届运动会设有\n十二项目\n",
              "东湖区社区运动会开幕一千二百名居民参加了\n\n开幕式本届运动会设有十二项目\n",
              "3:1 para-split\n");
  /* a line longer than the limit comes in pieces (66 bytes, then the rest): a cut join */
  check_split(QG_PARA_LINE, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n",
              "一二三四五六七八九十一二三四五六七八九十一二\n\n三四五六七八九十\n", "1:23 para-split\n");
}

/* ---- accounting: input - originals + replacements == output (non-space characters) -------- */

typedef struct tally {
  long *count; /* per code point, over the BMP and plane 2 folded into a hash of 1<<18 */
} tally;
#define TALLY_SIZE (1u << 18)

static bool is_layout(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0;
}

static void add_text(long *count, const char *s, size_t len, long sign) {
  size_t i = 0;
  while (i < len) {
    uint32_t c = qg_utf8_next(s, len, &i);
    if (!is_layout(c)) count[c % TALLY_SIZE] += sign;
  }
}

static int acc_block(void *ud, const qg_block *b) {
  size_t len;
  const char *t = qg_block_text(b, &len);
  add_text(ud, t, len, -1);
  return 0;
}

static int acc_diag(void *ud, const qg_diag *d) {
  if (!d->fixed) return 0;
  if (d->original) add_text(ud, d->original, strlen(d->original), -1);
  if (d->replacement) add_text(ud, d->replacement, strlen(d->replacement), +1);
  return 0;
}

static void test_every_change_reported(void **st) {
  (void)st;
  long *count = calloc(TALLY_SIZE, sizeof *count);
  for (size_t i = 0; i < 3; i++) {
    size_t len;
    char *in = read_file(samples[i], &len);
    memset(count, 0, TALLY_SIZE * sizeof *count);
    add_text(count, in, len, +1);
    qg_handler h = {.userdata = count, .block = acc_block, .diag = acc_diag};
    qg_options o;
    qg_options_init(&o);
    qg_pipeline *p = qg_pipeline_new(&o, &h);
    assert_int_equal(qg_pipeline_begin(p, samples[i]), 0);
    assert_int_equal(qg_pipeline_feed(p, in, len), 0);
    assert_int_equal(qg_pipeline_finish(p), 0);
    const qg_docinfo *info = qg_pipeline_docinfo(p);
    if (i == 0) { /* page1 has defects of every kind the foundation fixes */
      assert_true(info->changes >= 30);
      assert_int_equal(info->removed, 4);
    }
    for (size_t c = 0; c < TALLY_SIZE; c++)
      if (count[c]) fail_msg("%s: U+%04zX off by %ld: a change was not reported", samples[i], c, count[c]);
    qg_pipeline_free(p);
    free(in);
  }
  free(count);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chunking_utf8),
      cmocka_unit_test(test_long_line),         cmocka_unit_test(test_chunking_gb18030_crlf),
      cmocka_unit_test(test_gb18030_crlf),          cmocka_unit_test(test_utf16_bom),
      cmocka_unit_test(test_big5),                  cmocka_unit_test(test_every_change_reported),
      cmocka_unit_test(test_damaged_utf8_short_lines), cmocka_unit_test(test_damaged_legacy),
      cmocka_unit_test(test_para_split_only_on_joins)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
