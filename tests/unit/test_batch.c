/* test_batch.c: options.batch (session 17), through qinggao.h only. Blocks passed through the
 * stages in batches must give the same document as one at a time:
 *  - the same blocks (text, kind, article, source lines) in the same order, the same removals
 *    in the same order (a removal may come before blocks ahead of it: it is said by the stage
 *    that removes);
 *  - the same diagnostics (rule, position, fixed, message), and each stage's own diagnostics in
 *    the same order (only diagnostics of different stages may interleave otherwise);
 *  - the same over several documents of one pipeline (run-scope repeats), with a paragraph
 *    over the 256 KiB a queue holds (it passes on at once) and over the 512 KiB
 *    block limit (split), a handler that stops the document
 *    in the middle of a batch (the pipeline goes on with the next document; ASan checks that
 *    the held blocks are not leaked), and at batch sizes 2, 3, 32, QG_BATCH_MAX;
 *  - a batch over QG_BATCH_MAX is refused as options are;
 *  - a document stopped from the diag or the removed callback mid-batch (review 17 N4): the
 *    documents before and after it come out as without the stop;
 *  - qg_pipeline_queued_low (internal, lint's streaming bound, session 18): when a repeat is
 *    removed, every block before it that has not reached the block callback yet waits in a
 *    queue at or after the line it gives.
 *  - options.threads = 2 (session 22): the repeat check and the handler on the pipeline's second
 *    thread give every event, diagnostic and docinfo of one thread at the same batch size, in
 *    the same order (not only each stage's); the same with a handler that stops a document
 *    from each callback, with bad bytes at a document's end (the front fails after it has
 *    handed batches on), with a document that ends within its first batch (the back inline);
 *    a callback on the second thread cannot call the pipeline; a pipeline freed with a
 *    document open stops its thread (ASan: nothing leaked).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h" /* qg_pipeline_queued_low */
#include "qinggao.h"

/* What a handler saw: one line per event, and per stage the diagnostics' lines. */
typedef struct seen {
  char *all;     /* blocks and removals, in order */
  size_t alllen;
  FILE *af;
  FILE *sf[16];  /* per stage (index in stage_names) */
  char *s[16];
  size_t slen[16];
  FILE *df;      /* every diagnostic, one per line, to be sorted */
  char *d;
  size_t dlen;
  int stop_at;   /* the stop_kind callback returns non-zero at its stop_at-th call (0: never) */
  char stop_kind; /* 'B' block, 'D' diag, 'R' removed */
  int nblocks, ndiags, nremoved;
  qg_pipeline *p; /* for queued_low: the removals' bounds and lines, and the blocks' lines */
  FILE *qf;
  /* test_two_threads_callbacks: what a block callback's call of the pipeline returned, and
   * whether a callback ran on a thread other than the caller's */
  bool call_back;
  int call_rc;
  pthread_t caller;
  bool elsewhere;
} seen;

static const char *stage_names[16];
static int stage_index(const char *stage) {
  for (int i = 0; i < 16; i++) {
    if (!stage_names[i]) {
      stage_names[i] = stage;
      return i;
    }
    if (!strcmp(stage_names[i], stage)) return i;
  }
  fail_msg("more than 16 stages");
  return 0;
}

static void seen_open(seen *s) {
  memset(s, 0, sizeof *s);
  s->af = open_memstream(&s->all, &s->alllen);
  s->df = open_memstream(&s->d, &s->dlen);
  for (int i = 0; i < 16; i++) s->sf[i] = open_memstream(&s->s[i], &s->slen[i]);
}
static void seen_close(seen *s) {
  fclose(s->af);
  fclose(s->df);
  for (int i = 0; i < 16; i++) fclose(s->sf[i]);
}
static void seen_free(seen *s) {
  free(s->all);
  free(s->d);
  for (int i = 0; i < 16; i++) free(s->s[i]);
}

static int on_block(void *ud, const qg_block *b) {
  seen *s = ud;
  size_t len;
  const char *t = qg_block_text(b, &len);
  fprintf(s->af, "B %d %u %u-%u %zu:%.*s\n", (int)qg_block_kind(b), qg_block_article(b),
          qg_block_line(b), qg_block_end_line(b), len, (int)len, t);
  if (s->qf) fprintf(s->qf, "B %u\n", qg_block_line(b));
  if (s->call_back) {
    if (!pthread_equal(pthread_self(), s->caller)) s->elsewhere = true;
    if (!s->call_rc) s->call_rc = qg_pipeline_feed(s->p, "x", 1);
  }
  ++s->nblocks;
  return s->stop_at && s->stop_kind == 'B' && s->nblocks == s->stop_at ? -1 : 0;
}
static int on_removed(void *ud, const qg_block *b, const qg_removal *why) {
  seen *s = ud;
  size_t len;
  const char *t = qg_block_text(b, &len);
  fprintf(s->af, "R %s %u %u %.*s\n", why->why, why->duplicate_of_line, qg_block_line(b),
          (int)len, t);
  if (s->qf) fprintf(s->qf, "R %u %u\n", qg_block_line(b), qg_pipeline_queued_low(s->p));
  ++s->nremoved;
  return s->stop_at && s->stop_kind == 'R' && s->nremoved == s->stop_at ? -1 : 0;
}
static int on_diag(void *ud, const qg_diag *d) {
  seen *s = ud;
  const qg_rule *r = qg_rule_find(d->rule);
  assert_non_null(r);
  char line[1024];
  snprintf(line, sizeof line, "%u:%u-%u:%u %s %d %u %s\n", d->start.line, d->start.col,
           d->end.line, d->end.col, d->rule, (int)d->fixed, d->link, d->message);
  fputs(line, s->sf[stage_index(r->stage)]);
  fputs(line, s->df);
  ++s->ndiags;
  return s->stop_at && s->stop_kind == 'D' && s->ndiags == s->stop_at ? -1 : 0;
}
static int on_end(void *ud, const qg_docinfo *info, int status) {
  seen *s = ud;
  fprintf(s->af, "E %d %llu %llu %llu\n", status, (unsigned long long)info->blocks,
          (unsigned long long)info->removed, (unsigned long long)info->changes);
  if (!status) /* what the front counted (after a failure it may have read further) */
    fprintf(s->af, "F %llu %llu %llu %llu %s %s %s\n", (unsigned long long)info->bytes,
            (unsigned long long)info->lines, (unsigned long long)info->warnings,
            (unsigned long long)info->errors, info->encoding, info->line_ends, info->paragraphs);
  return 0;
}
/* begin_doc: the docinfo as the handler sees it at the first block */
static int on_begin(void *ud, const qg_docinfo *info) {
  seen *s = ud;
  fprintf(s->af, "S %s %s %s %llu %llu\n", info->encoding, info->line_ends, info->paragraphs,
          (unsigned long long)info->bytes, (unsigned long long)info->lines);
  return 0;
}

static int cmp_line(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}
/* text's lines sorted (a new string) */
static char *sorted_lines(const char *text) {
  size_t n = 0, cap = 64;
  char **v = malloc(cap * sizeof *v);
  char *copy = strdup(text ? text : "");
  for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
    if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
    v[n++] = l;
  }
  qsort(v, n, sizeof *v, cmp_line);
  size_t total = 1;
  for (size_t i = 0; i < n; i++) total += strlen(v[i]) + 1;
  char *out = malloc(total), *p = out;
  for (size_t i = 0; i < n; i++) p += sprintf(p, "%s\n", v[i]);
  *p = '\0';
  free(v);
  free(copy);
  return out;
}

/* Three documents: copy with faults for every stage (width, quotes, numbers, invisibles, a
 * cut paragraph, a title, exact and near repeats, a repeated word), many paragraphs so that
 * batches fill, and in the second a paragraph over the 256 KiB a queue holds. */
static char *doc(int which, size_t *len) {
  char *buf = NULL;
  size_t cap = 0;
  FILE *m = open_memstream(&buf, &cap);
  fputs("城市更新的新故事\n\n", m);
  for (int i = 0; i < 300; i++) {
    fprintf(m, "第%d段:记者今天从市里获悉,全市%d个社区将在２０２６年完成改造,\"居民\"纷纷表示满意。\n\n", i,
            i * 37 + which);
    if (i % 50 == 7) fputs("本报记者 张三 摄\n\n", m);
    if (i % 40 == 3) fputs("这是一段被重复的段落，内容完全一样，用于测试重复段落的删除。\n\n", m);
    if (i % 60 == 11) fputs("这是一段几乎重复的段落，内容基本一样，用于测试近似重复的删除。\n\n", m);
    if (i % 60 == 12) fputs("这是一段几乎重复的段落，内容基本一样，用来测试近似重复的删除。\n\n", m);
    if (i % 70 == 5) fputs("他说我们我们明天再去看看看这个地方\u200b的变化情况,\n然后再说。\n\n", m);
    if (i % 70 == 6) fputs("今年新增就业3千人，比2,008年多，二○二六年还要多，工作人员介绍说，\n\n"
                           "这些岗位主要集中在服务业。\n\n", m);
    if (i % 90 == 8) fputs("图为新建成的社区公园。本报记者 李四 摄\n\n", m);
  }
  if (which == 1) {
    for (int i = 0; i < 600 * 1024 / 60; i++) fputs("很长的段落内容重复书写用于测试批量的字节上限，", m);
    fputs("完。\n\n", m);
    fputs("长段落之后的一段,还有内容。\n\n", m);
  }
  fclose(m);
  *len = cap;
  return buf;
}

/* Runs the three documents through one pipeline of batch size k; stop: the block at which the
 * second document's handler stops it (0: never). */
static qg_dedup_scope run_scope = QG_SCOPE_RUN; /* of run_kind's pipeline */
static unsigned run_threads;                      /* likewise */
static bool run_bad_tail;                         /* bad bytes at the second document's end */
static void run_kind(unsigned k, int stop, char kind, seen *out) {
  qg_options o;
  qg_options_init(&o);
  o.batch = k;
  o.dedup_scope = run_scope;
  o.threads = run_threads;
  seen_open(out);
  qg_handler h = {.userdata = out, .block = on_block, .removed = on_removed, .diag = on_diag,
                  .end_doc = on_end, .begin_doc = on_begin};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_non_null(p);
  for (int which = 0; which < 3; which++) {
    size_t len;
    char *t = doc(which, &len);
    if (which == 1 && run_bad_tail) t[len - 3] = (char)0xFF; /* in the last paragraph */
    out->stop_at = which == 1 ? stop : 0;
    out->stop_kind = kind;
    out->nblocks = out->ndiags = out->nremoved = 0;
    char name[16];
    snprintf(name, sizeof name, "d%d", which);
    int rc = qg_pipeline_begin(p, name);
    /* fed in pieces of 4,000 bytes (they cut characters), as a reader does */
    for (size_t off = 0; !rc && off < len; off += 4000)
      rc = qg_pipeline_feed(p, t + off, len - off < 4000 ? len - off : 4000);
    int frc = qg_pipeline_finish(p);
    if (!rc) rc = frc;
    assert_int_equal(rc, which == 1 && stop ? QG_ERR_STOPPED : which == 1 && run_bad_tail ? QG_ERR_INPUT : 0);
    free(t);
  }
  qg_pipeline_free(p);
  seen_close(out);
}
static void run_all(unsigned k, int stop, seen *out) { run_kind(k, stop, 'B', out); }

/* The lines of events that start with c (B: blocks, R: removals, E: ends), in order. */
static char *events(const char *all, char c) {
  char *out = malloc(strlen(all) + 1), *p = out;
  for (const char *l = all; *l;) {
    const char *e = strchr(l, '\n');
    size_t n = e ? (size_t)(e - l) + 1 : strlen(l);
    if (*l == c) memcpy(p, l, n), p += n;
    l += n;
  }
  *p = '\0';
  return out;
}

/* The blocks in order, the removals in order, the ends: a removal is said by the stage that
 * removes (dedup, chars), so it may come before blocks ahead of it reach the handler. */
static void compare_events(const char *a, const char *b, unsigned k) {
  const char cs[] = "BRE";
  for (int i = 0; i < 3; i++) {
    char *x = events(a, cs[i]), *y = events(b, cs[i]);
    if (strcmp(x, y)) fail_msg("batch %u: the %c events differ", k, cs[i]);
    assert_true(strlen(x) > 0);
    free(x);
    free(y);
  }
}

static void compare(const seen *a, const seen *b, unsigned k) {
  compare_events(a->all, b->all, k);
  for (int i = 0; i < 16; i++)
    if (strcmp(a->s[i] ? a->s[i] : "", b->s[i] ? b->s[i] : ""))
      fail_msg("batch %u: the diagnostics of stage %s differ or come in another order", k,
               stage_names[i] ? stage_names[i] : "?");
  char *da = sorted_lines(a->d), *db = sorted_lines(b->d);
  if (strcmp(da, db)) fail_msg("batch %u: the diagnostics differ", k);
  free(da);
  free(db);
}

static void test_same_document(void **st) {
  (void)st;
  seen one;
  run_all(0, 0, &one);
  /* the documents exercise what they should: stages that report, repeats, the long block */
  int stages = 0;
  for (int i = 0; i < 16; i++) stages += one.slen[i] > 0;
  assert_true(stages >= 5);
  assert_non_null(strstr(one.all, "R dup-paragraph"));
  assert_non_null(strstr(one.all, "R dup-near"));
  assert_non_null(strstr(one.d, "para-split"));
  const unsigned ks[] = {1, 2, 3, 32, QG_BATCH_MAX};
  for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
    seen b;
    run_all(ks[i], 0, &b);
    compare(&one, &b, ks[i]);
    seen_free(&b);
  }
  /* and the interleaving does change: a batch really holds blocks (a batch of 32 that made
   * no difference at all would be no batch) */
  seen b32;
  run_all(32, 0, &b32);
  assert_true(strcmp(one.d, b32.d) != 0);
  seen_free(&b32);
  seen_free(&one);
}

static void test_stopped_mid_batch(void **st) {
  (void)st;
  /* the second document stops at its 5th block: the others come out as without a stop */
  seen one, b;
  run_all(0, 5, &one);
  run_all(32, 5, &b);
  /* blocks: document 1 only up to the stop in both; documents 0 and 2 in full */
  /* the blocks the same; the stopped document's removals and counts may differ (the stages
   * before the handler ran further into it): the other documents' ends are the same */
  char *x = events(one.all, 'B'), *y = events(b.all, 'B');
  assert_string_equal(x, y);
  free(x), free(y);
  x = events(one.all, 'E'), y = events(b.all, 'E');
  char stopped[32];
  snprintf(stopped, sizeof stopped, "E %d ", QG_ERR_STOPPED);
  char *sx = strstr(x, stopped), *sy = strstr(y, stopped);
  assert_non_null(sx);
  assert_non_null(sy);
  assert_int_equal(sx - x, sy - y);
  assert_memory_equal(x, y, (size_t)(sx - x));
  assert_string_equal(strchr(sx, '\n'), strchr(sy, '\n'));
  free(x), free(y);
  seen_free(&one);
  seen_free(&b);
}

/* The events of document `which` (0, 1, 2): from its begin to its end line ("E ..."). */
static char *doc_events(const char *all, int which) {
  const char *at = all; /* the start of a line */
  for (int i = 0; i <= which; i++) {
    const char *e = *at == 'E' && at[1] == ' ' ? at : strstr(at, "\nE ");
    assert_non_null(e);
    if (*e == '\n') e++;
    const char *next = strchr(e, '\n') + 1;
    if (i == which) return strndup(at, (size_t)(next - at));
    at = next;
  }
  return NULL;
}

static void test_stopped_from_diag_and_removed(void **st) {
  (void)st;
  /* document scope: how far the stages before the callback got into the stopped document
   * depends on where it stops, and so would what it leaves in a run's repeat index */
  run_scope = QG_SCOPE_DOC;
  seen none;
  run_all(0, 0, &none);
  const char kinds[] = {'D', 'R'};
  const unsigned ks[] = {0, 2, 32};
  for (size_t i = 0; i < 2; i++)
    for (size_t j = 0; j < 3; j++) {
      seen b;
      memset(&b, 0, sizeof b);
      run_kind(ks[j], 3, kinds[i], &b); /* the third diagnostic or removal of document 1 */
      /* document 0 as without a stop; document 1 ends stopped; document 2's blocks as
       * without a stop */
      char *x = doc_events(none.all, 0), *y = doc_events(b.all, 0);
      compare_events(x, y, ks[j]); /* blocks, removals, end: each in order */
      free(x), free(y);
      x = doc_events(b.all, 1);
      char stopped[32];
      snprintf(stopped, sizeof stopped, "\nE %d ", QG_ERR_STOPPED);
      assert_non_null(strstr(x, stopped + 1)); /* "E -6 ..." */
      free(x);
      char *d2 = doc_events(none.all, 2), *e2 = doc_events(b.all, 2);
      x = events(d2, 'B'), y = events(e2, 'B');
      assert_true(strlen(x) > 0);
      assert_string_equal(x, y);
      free(x), free(y), free(d2), free(e2);
      seen_free(&b);
    }
  seen_free(&none);
  run_scope = QG_SCOPE_RUN;
}

static void test_queued_low(void **st) {
  (void)st;
  seen b;
  memset(&b, 0, sizeof b);
  char *q = NULL;
  size_t qlen = 0;
  /* run_kind opens the streams; queued_low needs the pipeline: a run of its own */
  qg_options o;
  qg_options_init(&o);
  o.batch = 32;
  seen_open(&b);
  b.qf = open_memstream(&q, &qlen);
  qg_handler h = {.userdata = &b, .block = on_block, .removed = on_removed, .diag = on_diag};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_non_null(p);
  b.p = p;
  assert_int_equal(qg_pipeline_queued_low(p), UINT32_MAX); /* nothing waits before a document */
  size_t len;
  char *t = doc(0, &len);
  assert_int_equal(qg_pipeline_begin(p, "d0"), 0);
  assert_int_equal(qg_pipeline_feed(p, t, len), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_int_equal(qg_pipeline_queued_low(p), UINT32_MAX); /* all passed on at the end */
  free(t);
  fclose(b.qf);
  /* for each removal (line r, bound q): every block before line r that reaches the block
   * callback after it is at q or later */
  size_t nrem = 0, waited = 0, checked = 0;
  for (const char *l = q; *l; l = strchr(l, '\n') + 1) {
    unsigned r, lo;
    if (sscanf(l, "R %u %u", &r, &lo) != 2) continue;
    nrem++;
    for (const char *m = strchr(l, '\n') + 1; *m; m = strchr(m, '\n') + 1) {
      unsigned bl;
      if (sscanf(m, "B %u", &bl) != 1 || bl >= r) continue;
      checked++;
      if (bl < lo) fail_msg("block at line %u reached the handler after the removal of line %u, "
                            "below the queues' bound %u", bl, r, lo);
    }
    waited += lo != UINT32_MAX;
  }
  assert_true(nrem >= 3);  /* the document has repeats */
  assert_true(waited > 0); /* and some were removed while blocks before them waited */
  assert_true(checked > 0);
  qg_pipeline_free(p);
  seen_close(&b);
  seen_free(&b);
  free(q);
}

/* Two threads against one at the same batch size: the same events (blocks, removals, begin and
 * end with their docinfo) and the same diagnostics, in the same order. */
static void compare_exact(const seen *a, const seen *b, const char *what) {
  if (strcmp(a->all, b->all)) {
    size_t i = 0;
    while (a->all[i] == b->all[i]) i++;
    while (i && a->all[i - 1] != '\n') i--;
    fail_msg("%s: the events differ from\n%.200s\nagainst\n%.200s", what, a->all + i, b->all + i);
  }
  if (strcmp(a->d ? a->d : "", b->d ? b->d : ""))
    fail_msg("%s: the diagnostics differ or come in another order", what);
}
static void run_both(unsigned k, int stop, char kind, const char *what) {
  seen one, two;
  run_threads = 0;
  run_kind(k, stop, kind, &one);
  run_threads = 2;
  run_kind(k, stop, kind, &two);
  run_threads = 0;
  char label[96];
  snprintf(label, sizeof label, "%s, batch %u", what, k);
  compare_exact(&one, &two, label);
  assert_non_null(strstr(one.all, "\nS "));
  assert_non_null(strstr(one.all, "\nE "));
  seen_free(&one);
  seen_free(&two);
}

static void test_two_threads(void **st) {
  (void)st;
  /* batch 2 and 32 hand batches to the second thread in every document; QG_BATCH_MAX in the
   * second only (its long paragraph): the first and third end within one batch (inline) */
  const unsigned ks[] = {2, 32, QG_BATCH_MAX};
  for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) run_both(ks[i], 0, 0, "no stop");
  run_scope = QG_SCOPE_DOC;
  for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) run_both(ks[i], 0, 0, "document scope");
  const char kinds[] = {'B', 'D', 'R'};
  for (size_t i = 0; i < 3; i++) {
    run_both(32, 3, kinds[i], "stopped early");
    run_both(32, kinds[i] == 'R' ? 10 : 200, kinds[i], "stopped late");
  }
  run_scope = QG_SCOPE_RUN;
  run_bad_tail = true;
  run_both(32, 0, 0, "bad bytes at the end");
  run_both(QG_BATCH_MAX, 0, 0, "bad bytes at the end");
  run_bad_tail = false;
  /* the stops and the bad bytes did stop the second document */
  seen two;
  run_threads = 2;
  run_bad_tail = true;
  run_kind(32, 0, 0, &two);
  run_bad_tail = false;
  run_threads = 0;
  assert_non_null(strstr(two.all, "\nE -2 "));
  assert_non_null(strstr(two.d, "decode-invalid"));
  seen_free(&two);
}

static void test_two_threads_callbacks(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  o.batch = 32;
  o.threads = 2;
  seen b;
  seen_open(&b);
  qg_handler h = {.userdata = &b, .block = on_block, .removed = on_removed, .diag = on_diag};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_non_null(p);
  b.p = p;
  b.call_back = true;
  b.caller = pthread_self();
  size_t len;
  char *t = doc(1, &len);
  assert_int_equal(qg_pipeline_begin(p, "d1"), 0);
  assert_int_equal(qg_pipeline_feed(p, t, len), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  assert_true(b.elsewhere);                    /* the callbacks ran on the second thread */
  assert_int_equal(b.call_rc, QG_ERR_USAGE);   /* and could not call the pipeline */
  b.call_back = false;
  /* stage times are refused on two threads (the back's stages are not timed) */
  assert_int_equal(qg_pipeline_time_stages(p), QG_ERR_USAGE);
  /* freed with a document open on the second thread: it stops and is waited for */
  assert_int_equal(qg_pipeline_begin(p, "d1 again"), 0);
  assert_int_equal(qg_pipeline_feed(p, t, len * 3 / 4), 0);
  qg_pipeline_free(p);
  free(t);
  seen_close(&b);
  seen_free(&b);
}

static void test_batch_checked(void **st) {
  (void)st;
  qg_options o;
  qg_options_init(&o);
  o.batch = QG_BATCH_MAX + 1;
  char err[512] = "";
  assert_int_equal(qg_options_check(&o, err, sizeof err), QG_ERR_USAGE);
  assert_non_null(strstr(err, "batch"));
  qg_handler h = {0};
  qg_pipeline *p = qg_pipeline_new(&o, &h);
  assert_non_null(p);
  assert_int_equal(qg_pipeline_begin(p, "x"), QG_ERR_USAGE);
  qg_pipeline_free(p);
  o.batch = QG_BATCH_MAX;
  assert_int_equal(qg_options_check(&o, err, sizeof err), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_document),
      cmocka_unit_test(test_stopped_mid_batch),
      cmocka_unit_test(test_batch_checked),
      cmocka_unit_test(test_stopped_from_diag_and_removed),
      cmocka_unit_test(test_queued_low),
      cmocka_unit_test(test_two_threads),
      cmocka_unit_test(test_two_threads_callbacks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
