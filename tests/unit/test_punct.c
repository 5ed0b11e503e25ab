/* test_punct.c: the punctuation stage (stages/punct.c) and the protected-span finder
 * (stages/protect.c), driven by hand where the pipeline cannot yet reach:
 *  - block kinds: a space between Han characters goes in body text (p, caption) and stays in
 *    every other kind; the dateline of a paragraph keeps its spaces;
 *  - quotations over several paragraphs: held across blocks, reported when not continued;
 *  - qg_protect_find: kinds and offsets of spans, nothing found in plain Chinese text;
 *  - the stage's cells and spans made in one scan agree with the reference (random pages);
 *  - idempotence: clean run on its own output changes nothing (samples, the seed page when it
 *    is there, and a set of messy lines). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#define QG_TEST_SEED 0x5CE115ULL
#include "testrand.h"

/* ---- a stage driven by hand ---------------------------------------------------------------- */

typedef struct seen {
  int n, fixed;
  char rules[32][32];
  qg_pos pos[32];
} seen;

static int on_diag(void *ud, const qg_diag *d) {
  seen *s = ud;
  if (d->fixed) s->fixed++;
  if (s->n < 32) {
    snprintf(s->rules[s->n], sizeof s->rules[0], "%s", d->rule);
    s->pos[s->n] = d->start;
    s->n++;
  }
  return 0;
}

/* the next stage: keeps the text of the last block it got */
typedef struct capture {
  qg_stage base;
  char text[1024];
  int blocks;
} capture;
static int cap_push(qg_stage *s, qg_block *b) {
  capture *c = (capture *)s;
  snprintf(c->text, sizeof c->text, "%s", b->text.ptr);
  c->blocks++;
  qg_block_release(s->ctx, b);
  return 0;
}
static int cap_noop(qg_stage *s) { (void)s; return 0; }
static void cap_free(qg_stage *s) { (void)s; }
static const qg_stage_vt cap_vt = {.name = "capture", .begin = cap_noop, .push = cap_push,
                                   .finish = cap_noop, .free = cap_free};

typedef struct rig {
  qg_pipeline *p;
  qg_ctx *ctx;
  qg_stage *st;
  capture cap;
  seen s;
} rig;

static void rig_open(rig *r) {
  memset(r, 0, sizeof *r);
  qg_handler h = {.userdata = &r->s, .diag = on_diag};
  qg_options o;
  qg_options_init(&o);
  r->p = qg_pipeline_new(&o, &h);
  assert_non_null(r->p);
  r->ctx = qg_pipeline_ctx(r->p);
  r->st = qg_stage_punct_new(r->ctx);
  assert_non_null(r->st);
  r->cap.base.vt = &cap_vt;
  r->cap.base.ctx = r->ctx;
  r->st->next = &r->cap.base;
  assert_int_equal(r->st->vt->begin(r->st), 0);
}

static void rig_close(rig *r) {
  r->st->vt->free(r->st);
  qg_pipeline_free(r->p);
}

/* Pushes one block of the given kind (one source line) and returns its clean text. */
static const char *push(rig *r, qg_kind kind, const char *text, uint32_t line, uint32_t dateline_len) {
  qg_block *b = qg_block_get(r->ctx, kind);
  assert_non_null(b);
  qg_buf_puts(&b->text, text);
  qg_srcmap_add(&b->map, 0, line, 1, QG_MAP_EXACT);
  b->line = b->end_line = line;
  b->dateline_len = dateline_len;
  assert_int_equal(r->st->vt->push(r->st, b), 0);
  return r->cap.text;
}

static int count_rule(const seen *s, const char *rule) {
  int n = 0;
  for (int i = 0; i < s->n && i < 32; i++) n += !strcmp(s->rules[i], rule);
  return n;
}

static const char *const body_text = "加强 社区建设，我们 一起努力。";
static const char *const body_clean = "加强社区建设，我们一起努力。";

static void test_kinds_keep_spaces_outside_body(void **st) {
  (void)st;
  static const qg_kind keep[] = {QG_KIND_SECTION, QG_KIND_KICKER, QG_KIND_TITLE, QG_KIND_SUBTITLE,
                                 QG_KIND_BYLINE,  QG_KIND_SUBHEAD, QG_KIND_CREDIT, QG_KIND_AUTHOR};
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
    rig r;
    rig_open(&r);
    assert_string_equal(push(&r, keep[i], body_text, 1, 0), body_text);
    assert_int_equal(count_rule(&r.s, "punct-han-space"), 0);
    rig_close(&r);
  }
  static const qg_kind body[] = {QG_KIND_P, QG_KIND_CAPTION};
  for (size_t i = 0; i < 2; i++) {
    rig r;
    rig_open(&r);
    assert_string_equal(push(&r, body[i], body_text, 3, 0), body_clean);
    assert_int_equal(count_rule(&r.s, "punct-han-space"), 2);
    assert_int_equal(r.s.pos[0].line, 3);
    assert_int_equal(r.s.pos[0].col, 3);
    assert_int_equal(r.s.pos[1].col, 11);
    rig_close(&r);
  }
}

/* Headings still get full-width marks and lose spaces next to them; Han–Han spaces stay, and so
 * do spaces between a phrase and a quotation mark outside it (probe 9a F26). */
static void test_headings_other_rules_apply(void **st) {
  (void)st;
  rig r;
  rig_open(&r);
  assert_string_equal(push(&r, QG_KIND_KICKER, "中原高新区:", 1, 0), "中原高新区：");
  assert_string_equal(push(&r, QG_KIND_TITLE, "“两会” 时间 来了", 2, 0), "“两会” 时间 来了");
  assert_string_equal(push(&r, QG_KIND_TITLE, "“ 两会 ”来了", 3, 0), "“两会”来了");
  assert_string_equal(push(&r, QG_KIND_BYLINE, "本报记者 王嘉晨 通讯员 赵玉洁", 4, 0),
                      "本报记者 王嘉晨 通讯员 赵玉洁");
  assert_int_equal(count_rule(&r.s, "punct-width"), 1);
  assert_int_equal(count_rule(&r.s, "punct-space"), 2);
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 0);
  rig_close(&r);
}

static void test_dateline_keeps_spaces(void **st) {
  (void)st;
  const char *text = "本报东湖 专电 今天上午，东湖区 运动会开幕。";
  uint32_t dl = (uint32_t)strlen("本报东湖 专电");
  rig r;
  rig_open(&r);
  /* the dateline's own space and the one after it stay; the body's goes */
  assert_string_equal(push(&r, QG_KIND_P, text, 1, dl), "本报东湖 专电 今天上午，东湖区运动会开幕。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 1);
  assert_int_equal(r.s.pos[0].col, 17);
  /* the same paragraph without a dateline loses all three */
  assert_string_equal(push(&r, QG_KIND_P, text, 2, 0), "本报东湖专电今天上午，东湖区运动会开幕。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 4);
  rig_close(&r);
}

/* Without a dateline from the structure stage, a paragraph that opens with up to 30 characters
 * ending in 讯 or 电 and then white space is taken to open with one (guess_dateline): that space
 * stays; one further on, or after a mark, does not open a dateline. */
static void test_dateline_guessed(void **st) {
  (void)st;
  rig r;
  rig_open(&r);
  assert_string_equal(push(&r, QG_KIND_P, "本报东湖专电 今天上午，东湖区 运动会开幕。", 1, 0),
                      "本报东湖专电 今天上午，东湖区运动会开幕。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 1);
  /* 30 characters before the space: still a dateline; 31: no longer */
  assert_string_equal(push(&r, QG_KIND_P,
                           "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九电 今天上午，运动会开幕。",
                           2, 0),
                      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九电 今天上午，运动会开幕。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 1);
  assert_string_equal(push(&r, QG_KIND_P,
                           "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十电 今天上午，运动会开幕。",
                           3, 0),
                      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十电今天上午，运动会开幕。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 2);
  /* a mark before the space: no dateline */
  assert_string_equal(push(&r, QG_KIND_P, "本报，东湖专电 今天上午，运动会开幕。", 4, 0),
                      "本报，东湖专电今天上午，运动会开幕。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 3);
  rig_close(&r);
}

/* The dateline stays mapped through the stage's own edits (qg_edit keeps dateline_len). */
static void test_dateline_after_edit(void **st) {
  (void)st;
  const char *text = "本报讯(记者 王嘉晨) 今天 上午,会议开幕.";
  uint32_t dl = (uint32_t)strlen("本报讯(记者 王嘉晨)");
  rig r;
  rig_open(&r);
  assert_string_equal(push(&r, QG_KIND_P, text, 1, dl), "本报讯（记者 王嘉晨）今天上午，会议开幕。");
  rig_close(&r);
}

static void test_quotation_over_paragraphs(void **st) {
  (void)st;
  rig r;
  rig_open(&r);
  push(&r, QG_KIND_P, "“第一段引文，", 1, 0);
  push(&r, QG_KIND_P, "“第二段引文，", 3, 0);
  push(&r, QG_KIND_P, "“第三段引文完了。”", 5, 0);
  assert_int_equal(count_rule(&r.s, "punct-unmatched"), 0);
  /* opened but not continued: reported when the next block arrives, at the mark */
  push(&r, QG_KIND_P, "“这一段没有收尾，", 7, 0);
  assert_int_equal(count_rule(&r.s, "punct-unmatched"), 0);
  push(&r, QG_KIND_TITLE, "“标题”", 9, 0);
  assert_int_equal(count_rule(&r.s, "punct-unmatched"), 1);
  assert_int_equal(r.s.pos[0].line, 7);
  assert_int_equal(r.s.pos[0].col, 1);
  /* held at the end of the document: reported by finish */
  push(&r, QG_KIND_P, "“最后一段也没有收尾，", 11, 0);
  assert_int_equal(count_rule(&r.s, "punct-unmatched"), 1);
  assert_int_equal(r.st->vt->finish(r.st), 0);
  assert_int_equal(count_rule(&r.s, "punct-unmatched"), 2);
  assert_int_equal(r.s.pos[1].line, 11);
  /* begin forgets what was held */
  push(&r, QG_KIND_P, "“又一段没有收尾，", 13, 0);
  assert_int_equal(r.st->vt->begin(r.st), 0);
  assert_int_equal(r.st->vt->finish(r.st), 0);
  assert_int_equal(count_rule(&r.s, "punct-unmatched"), 2);
  assert_int_equal(r.cap.blocks, 7);
  rig_close(&r);
}

/* ---- qg_protect_find ---------------------------------------------------------------------- */

typedef struct want {
  const char *text, *span;
  qg_span_kind kind;
} want;

static const want cases[] = {
      {"详见https://example.com/a?b=1,了解", "https://example.com/a?b=1", QG_SPAN_URL},
      {"网址www.example.cn。", "www.example.cn", QG_SPAN_URL},
      {"发到news@example.com.", "news@example.com", QG_SPAN_EMAIL},
      {"路径/usr/local/bin,或者", "/usr/local/bin", QG_SPAN_PATH},
      {"打开C:\\Windows\\System32.", "C:\\Windows\\System32", QG_SPAN_PATH},
      {"域名example.com,", "example.com", QG_SPAN_DOMAIN},
      {"运行`make install`,然后", "`make install`", QG_SPAN_CODE},
      {"变量a_b,函数", "a_b", QG_SPAN_CODE},
      {"函数f(x)的值", "f(x)", QG_SPAN_CODE},
      {"选项--help,", "--help", QG_SPAN_CODE},
      {"版本v2.3.1,", "v2.3.1", QG_SPAN_VERSION},
      {"地址192.168.1.1,", "192.168.1.1", QG_SPAN_IP},
      {"圆周率3.14,", "3.14", QG_SPAN_DECIMAL},
      {"写成.46的", ".46", QG_SPAN_DECIMAL},
      {"共1,258,000元", "1,258,000", QG_SPAN_GROUPED},
      {"时间8:30,", "8:30", QG_SPAN_TIME},
      {"时间14:12:36,", "14:12:36", QG_SPAN_TIME},
      {"比分3:1,", "3:1", QG_SPAN_RATIO},
      {"日期2011-02-15,", "2011-02-15", QG_SPAN_HYPHEN_ID},
      {"电话0372-5551234,", "0372-5551234", QG_SPAN_HYPHEN_ID},
      {"型号WZ-10,", "WZ-10", QG_SPAN_HYPHEN_ID},
      {"见表2-8,", "2-8", QG_SPAN_HYPHEN_ID},
      {"作家D.H.劳伦斯", "D.H.", QG_SPAN_INITIALS},
      {"作家O.亨利", "O.", QG_SPAN_INITIALS},
      {"他说:\"He said, \"OK.\"\"然后", "He said, \"OK.\"", QG_SPAN_LATIN},
      {"即Hello, world!好", "Hello, world!", QG_SPAN_LATIN},
      {"速度km/h,", "km/h", QG_SPAN_IDENT},
      /* a run of letters or digits goes on past these (the finder's plain-word shortcut
       * must not stop there) */
      {"他说don’t了", "don’t", QG_SPAN_IDENT},
      {"邮件a%b@example.com。", "a%b@example.com", QG_SPAN_EMAIL},
      {"用C#写", "C#", QG_SPAN_IDENT},
      {"用C++写", "C++", QG_SPAN_IDENT},
      {"函数f(x)好", "f(x)", QG_SPAN_CODE},
      {"他说Hello world是", "Hello world", QG_SPAN_LATIN},
};

/* ---- joins at a line end inside links (pipeline/join.c) ----------------------------------- */

typedef struct join_case {
  const char *a, *b;
  bool in_link;
} join_case;

static void test_join_in_link(void **st) {
  (void)st;
  static const join_case cases[] = {
      /* cut inside one address or URL: joined with nothing between (probe 8 E3) */
      {"也可发送邮件至zwfwzx_servi", "ce@wuhan.gov.cn咨询。", true},
      {"访问https://www.", "gov.cn/zhengce/2", true},
      {"访问https://www.gov.cn/zhengce/2", "024-01/01/conten", true},
      {"访问https://www.gov.cn/zhengce/2024-01/01/conten", "t_123.htm了解详", true},
      {"文件在C:\\Users\\A", "dmin\\Documents里", true},
      {"网址是https://www.exam", "ple.com/news了解", true},
      /* cut inside the scheme: the letters on the two sides make one (probe 26 H3) */
      {"更多知识可访问ht", "tps://www.example.cn/yaoxue。", true},
      {"更多用药知识可关注医院公众号或访问h", "ttps://www.example-hospital.cn", true},
      {"更多用药知识可关注医院公众号或访问htt", "ps://www.example-hospital.cn", true},
      {"请访问网站https", "https://www.example.cn，了解", false},
      /* a new link or a word on either side: not one token (review 8 R0, R2) */
      {"zhang@example.com", "li@example.com", false},
      {"https://doi.org/10.1000/182", "https://doi.org/10.1000/183", false},
      {"本报讯 该项目的源代码已经全部公开在GitHub", "https://github.com/x/y，欢迎", false},
      {"如有疑问请发送邮件至我们的邮箱Email", "info@example.com，我们", false},
      {"本次活动的联系人为北京大学的Li Ming", "liming@pku.edu.cn，欢迎", false},
      {"投稿邮箱tougao@example.com", "QQ群：123456", false},
      {"tougao@example.com", "5G", false}, /* nothing around the link is no sign of Chinese */
      {"邮箱li@example.cn:", "Keep 在线", false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const join_case *c = &cases[i];
    bool got = qg_join_in_link(c->a, strlen(c->a), c->b, strlen(c->b));
    if (got != c->in_link) fail_msg("qg_join_in_link(\"%s\" | \"%s\"): %d, want %d", c->a, c->b, got, c->in_link);
  }
}

static void test_protect_spans(void **st) {
  (void)st;
  qg_spans sp;
  qg_spans_init(&sp);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *t = cases[i].text;
    assert_int_equal(qg_protect_find(&sp, t, strlen(t)), 0);
    const char *at = strstr(t, cases[i].span);
    assert_non_null(at);
    size_t start = (size_t)(at - t), end = start + strlen(cases[i].span);
    bool found = false;
    for (size_t k = 0; k < sp.n; k++)
      if (sp.v[k].start == start && sp.v[k].end == end) {
        found = true;
        if (sp.v[k].kind != cases[i].kind)
          fail_msg("%s: span %s is %s, expected %s", t, cases[i].span, qg_span_kind_name(sp.v[k].kind),
                   qg_span_kind_name(cases[i].kind));
      }
    if (!found) {
      char got[256] = "";
      for (size_t k = 0; k < sp.n; k++)
        snprintf(got + strlen(got), sizeof got - strlen(got), " [%u,%u)%s", sp.v[k].start, sp.v[k].end,
                 qg_span_kind_name(sp.v[k].kind));
      fail_msg("%s: no span [%zu,%zu) for %s; got%s", t, start, end, cases[i].span, got);
    }
    /* sorted and non-overlapping */
    for (size_t k = 1; k < sp.n; k++) assert_true(sp.v[k - 1].end <= sp.v[k].start);
  }
  qg_spans_free(&sp);
}

/* Han text and CJK marks before a text (runs the finder skips sixteen bytes at a time, of
 * every length, with characters of three and four bytes) shift its spans and change nothing
 * else. */
static void test_protect_after_han(void **st) {
  (void)st;
  static const char *const fill[] = {"中", "。", "\xF0\xA0\x80\x80" /* U+20000 */, "文", "，"};
  qg_spans sp, base;
  qg_spans_init(&sp), qg_spans_init(&base);
  int checked = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *t = cases[i].text;
    assert_int_equal(qg_protect_find(&base, t, strlen(t)), 0);
    assert_true(base.n > 0);
    char buf[512] = "";
    for (unsigned k = 0; k < 45; k++) {
      size_t pre = strlen(buf);
      snprintf(buf + pre, sizeof buf - pre, "%s", t);
      assert_int_equal(qg_protect_find(&sp, buf, strlen(buf)), 0);
      assert_int_equal(sp.n, base.n);
      for (size_t j = 0; j < sp.n; j++) {
        assert_int_equal(sp.v[j].start, base.v[j].start + pre);
        assert_int_equal(sp.v[j].end, base.v[j].end + pre);
        assert_int_equal(sp.v[j].kind, base.v[j].kind);
      }
      buf[pre] = '\0';
      strcat(buf, fill[(k * 3 + i) % 5]);
      checked++;
    }
  }
  assert_true(checked > 1000);
  qg_spans_free(&sp), qg_spans_free(&base);
}

static void test_protect_not(void **st) {
  (void)st;
  static const char *const plain[] = {
      "近年来，我市加强社区建设。", "2023-2025年", "他说,我来了.", "约翰.史密斯", "3,4个月",
      "1995-98年", "气温零下-5℃", "C级、D级", "A股", "维生素C.然后", "用Python写",
      "2024年", "第3个"};
  qg_spans sp;
  qg_spans_init(&sp);
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    assert_int_equal(qg_protect_find(&sp, plain[i], strlen(plain[i])), 0);
    if (sp.n)
      fail_msg("%s: unexpected span [%u,%u) %s", plain[i], sp.v[0].start, sp.v[0].end,
               qg_span_kind_name(sp.v[0].kind));
  }
  /* a year span is not an identifier, but a date and a longer chain are */
  assert_true(qg_year_span_at("2023-2025年", strlen("2023-2025年"), 4, 1));
  assert_true(qg_year_span_at("(1949-2019)", 11, 5, 1));
  assert_false(qg_year_span_at("1000-2000元", strlen("1000-2000元"), 4, 1));
  assert_false(qg_year_span_at("2011-02-15", 10, 4, 1));
  assert_false(qg_year_span_at("2025-2023年", strlen("2025-2023年"), 4, 1));
  qg_spans_free(&sp);
}

/* The finder stays linear on long runs that never form a Latin run. */
static void test_protect_linear(void **st) {
  (void)st;
  size_t n = 200000;
  char *t = malloc(n + 1);
  for (size_t i = 0; i < n; i += 2) t[i] = 'a', t[i + 1] = ',';
  t[n] = '\0';
  qg_spans sp;
  qg_spans_init(&sp);
  assert_int_equal(qg_protect_find(&sp, t, n), 0);
  qg_spans_free(&sp);
  free(t);
}

/* ---- the cells and spans in one scan (punct.c cells_one_scan, session 52) ------------------ */

/* The punctuation stage makes a block's cells first, listing the characters where the span
 * finder's loop stops, and the finder steps from one to the next (qg_protect_find_cand); the
 * spans' flag goes on the cells after. qg_punct_cells_check compares spans, cells and lists with
 * the reference (qg_protect_find over the bytes, then the cells from its spans): on the finder's
 * cases behind fills of Han text and marks, on random pages of pieces that start and end spans
 * next to every kind of character the finder steps over or stops at, and on a combining mark
 * at a span's edge, where the cells are made again from the spans. */
static const char *const scan_pieces[] = {
    /* Han (common, Extension A, four bytes), combining marks and selectors after them */
    "中", "文", "的", "国", "\xE3\x90\x80", "\xF0\xA0\x80\x80", "\xCC\x81", "\xE2\x83\x9D",
    "\xF3\xA0\x84\x80", "\xEF\xB8\x80", "\xE3\x82\x99",
    /* words, numbers and the tokens of every span kind */
    "a", "Hello", "world", "x2", "2024", "3", "v2.3.1", "km", "don", "C", "D.H.", "O.",
    "https://example.com/a?b=1", "www.x.cn", "li@ex.com", "/usr/bin", "C:\\dir", "--help",
    "`make`", "<b>", "<!-- x -->", "&amp;", "&#8220;", "![a](b)", "](http://x.cn)", "(终稿).txt",
    "/home/li/报告", "8:30", "1,258,000", ".46", "3.14", "a_b", "f(x)", "2011-02-15", "km/h",
    /* every ASCII mark, white space */
    "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<",
    "=", ">", "?", "@", "[", "\\", "]", "^", "_", "`", "{", "|", "}", "~", " ", " ", "\t",
    /* letters and marks above ASCII: below U+2000 (stops of the finder), Hangul, the rest */
    "é", "ñ", "Ω", "Ж", "α", "\xC2\xA0", "\xC2\xB7", "한국", "가", "ก", "ي",
    "’", "‘", "“", "”", "—", "…", "。", "，", "（", "）", "《", "》", "·", "ー", "カ", "\xE3\x80\x80",
    "\xE2\x80\x83", "．", "＜", "～", "－"};

static void expect_one_scan(const char *t, size_t n, int *again) {
  bool a = false;
  int rc = qg_punct_cells_check(t, n, &a);
  if (rc) fail_msg("cells in one scan differ (%d) on \"%.*s\"", rc, (int)n, t);
  *again += a;
}

static void test_cells_one_scan(void **st) {
  (void)st;
  int again = 0;
  /* the finder's cases behind fills of every length */
  static const char *const fill[] = {"中", "。", "\xF0\xA0\x80\x80", " ", "，", ",", "é"};
  char buf[1024];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    for (unsigned k = 0; k < 24; k++) {
      buf[0] = '\0';
      for (unsigned j = 0; j < k; j++) strcat(buf, fill[(j * 5 + i + k) % 7]);
      strcat(buf, cases[i].text);
      strcat(buf, fill[(k + i) % 7]);
      expect_one_scan(buf, strlen(buf), &again);
    }
  /* random pages of the pieces */
  size_t np = sizeof scan_pieces / sizeof scan_pieces[0];
  char *page = malloc(1 << 16);
  assert_non_null(page);
  for (int r = 0; r < 6000; r++) {
    size_t len = 0, pieces = 1 + next_rand() % (r % 4 == 0 ? 400 : 40);
    for (size_t k = 0; k < pieces; k++) {
      const char *pc = scan_pieces[next_rand() % np];
      size_t m = strlen(pc);
      if (len + m >= (1 << 16)) break;
      memcpy(page + len, pc, m);
      len += m;
    }
    page[len] = '\0';
    expect_one_scan(page, len, &again);
  }
  free(page);
  /* a span that starts at a combining mark after Han: the mark is a cell of its own there (the
   * reference does not merge it across the span's edge), so the cells are made again */
  int before = again;
  const char *edge = "他说中\xCC\x81" "ab.com了";
  expect_one_scan(edge, strlen(edge), &again);
  assert_int_equal(again, before + 1);
}

/* ---- idempotence -------------------------------------------------------------------------- */

typedef struct run_out {
  char *text;
  size_t len;
  int fixed;
} run_out;

static int count_fixed(void *ud, const qg_diag *d) {
  run_out *o = ud;
  if (d->fixed && strncmp(d->rule, "dup-", 4)) o->fixed++;
  return 0;
}

static run_out clean(const char *in, size_t len) {
  run_out o = {0};
  FILE *mem = open_memstream(&o.text, &o.len);
  qg_writer *w = qg_writer_new(QG_FORMAT_TEXT, mem);
  qg_writer_set_diag_forward(w, count_fixed, &o);
  qg_options opt;
  qg_options_init(&opt);
  qg_pipeline *p = qg_pipeline_new(&opt, qg_writer_handler(w));
  assert_int_equal(qg_pipeline_begin(p, "idem"), 0);
  assert_int_equal(qg_pipeline_feed(p, in, len), 0);
  assert_int_equal(qg_pipeline_finish(p), 0);
  qg_pipeline_free(p);
  qg_writer_free(w);
  fclose(mem);
  return o;
}

static void check_idempotent(const char *name, const char *in, size_t len) {
  run_out a = clean(in, len);
  run_out b = clean(a.text, a.len);
  if (b.len != a.len || memcmp(a.text, b.text, a.len))
    fail_msg("%s: clean of the clean text differs:\n%s\n---\n%s", name, a.text, b.text);
  if (b.fixed) fail_msg("%s: %d changes on the second run", name, b.fixed);
  free(a.text);
  free(b.text);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  FILE *mem = open_memstream(&buf, len);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) fwrite(tmp, 1, n, mem);
  fclose(f);
  fclose(mem);
  return buf;
}

static void test_idempotent_pages(void **st) {
  (void)st;
  static const char *const files[] = {"samples/page1.txt", "samples/page2-wrapped.txt",
                                      "samples/page3-lines.txt", "../shared/fixtures/seed-page.txt"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", QG_SOURCE_DIR, files[i]);
    size_t len;
    char *in = slurp(path, &len);
    if (!in) {
      assert_true(i == 3); /* only the shared fixture may be absent */
      continue;
    }
    check_idempotent(files[i], in, len);
    free(in);
  }
}

static void test_idempotent_messy(void **st) {
  (void)st;
  static const char *const lines[] = {
      "近年来,我市加强 社区建设;成效:明显!真的?",
      "他说:\"我觉得'这样'不好.\"然后走了",
      "“他说“好””，“她说“不”。”",
      "不高...真的。。。还有…以及⋯⋯",
      "短板—部分--还有――以及──和－－",
      "2023-2025年,北京-上海,8时-10时",
      "25~30g,15~30%,3万~5万元",
      "约翰•史密斯和约翰.史密斯,还有玛丽・居里",
      "<红楼梦>和《读《论语》》和〈水浒〉",
      "作用,,鼓励。。好、、行！！！！！",
      "好 ， 他 。 “ 你 ” 说",
      "访问https://example.com/a,了解.时间8:30,比分3:1.",
      "D.H.劳伦斯说:\"He said, \"OK.\"\"",
      "(1)加强领导(2)落实责任",
      "“第一段没有收尾，\n\n“第二段也是，\n\n“第三段完了。”",
      "他说“好“。她说：”行“。",
      "9.11事件",
      "比分是2:1!使用Python?",
      /* decided the same on the cleaned text (session 7) */
      "他在文件里带“-h选项，直到以\"\"来结束。",
      "使用'内去除，称为\"\"进程。",
      "“万人助万企\"活动的报名表见 \"附件1。",
      "这一项受限制, \" 命令行参数另行说明。",
      "参数写在冒号后, \":\"之后的部分忽略，用'/'、'@'分隔。",
      "他只说了\"......\"就走了。括号里的(—)表示缺项。",
      "可以在Lint(7)]........\"或\"选项中设置。你真的确定吗? ???",
      "“（待 \":器\"，有了 reev/ser' '!'。如果",
      "“孩子\"关 \"0号，者\".\",\"\"",
      "%8~1.", "8~3Ext:", "分－ 7", "中国分 －2", "8时 — 10时", "所以头部的' '",
      "他想了想 － －还是算了。", "参见exit(2),\"h\"一节。",
      /* probe 7: decided on the first run */
      "和ing?????’当这样", "叫做ps:” 当做行的剩余。通常更新\"这样的字符串。",
      "同比增长９０％.市民们反映很好。", "说%1％~%.的？", "后端的 `(?????",
      /* session 11 (probe 11a): primes decided the same when the marks around them changed */
      "第89'，武磊破门.90+3' 对方角球", "北纬39°54'27\",东经116°23'17\".",
      "参数是x1\"(平板上的 RED\"写入", "账号,,,３'.' 参考", "属主, <Mon). 然后",
      "追加 6003\"\"因为", "0x1\"/\"分隔", "他说\"好\",代号\"1949\"和6'2\"的人",
      "计算:(-3)×(-2)+|-5|=____.", "若a:b=2:3,则(a+b):b=____.", "抽3个~2月20日,220V~ 50Hz",
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    check_idempotent(lines[i], lines[i], strlen(lines[i]));
}

/* ---- long runs (probe D5: the passes that walked a run once per mark) --------------------- */

static char *rep(const char *head, const char *unit, size_t times, const char *mid,
                 const char *unit2, size_t times2, const char *tail) {
  size_t n = strlen(head) + strlen(unit) * times + strlen(mid) + strlen(unit2) * times2 + strlen(tail);
  char *t = malloc(n + 1), *p = t;
  p = stpcpy(p, head);
  for (size_t i = 0; i < times; i++) p = stpcpy(p, unit);
  p = stpcpy(p, mid);
  for (size_t i = 0; i < times2; i++) p = stpcpy(p, unit2);
  stpcpy(p, tail);
  return t;
}

static void check_clean(const char *in, const char *want) {
  run_out o = clean(in, strlen(in));
  size_t wl = strlen(want);
  /* the text writer ends the paragraph with a newline */
  if (o.len != wl + 1 || memcmp(o.text, want, wl))
    fail_msg("clean of a long run: got %.80s… (%zu bytes), want %.80s… (%zu bytes)", o.text, o.len,
             want, wl + 1);
  free(o.text);
}

/* The decisions on long runs are those on short ones: the shortcuts taken for them (a run of dots
 * seen from its neighbours, the spaces' remembered neighbours, nested brackets, a long pair's Han
 * counted from the index of the other cells, the stack's links by kind) decide the same. */
static void test_long_runs(void **st) {
  (void)st;
  struct { char *in, *want; } c[] = {
      {rep("", ".", 5000, "", "", 0, ""), rep("", ".", 5000, "", "", 0, "")},
      {rep("好", " ,", 3000, "", "", 0, ""), rep("好，", "", 0, "", "", 0, "")},
      {rep("好", "(", 300, "好", ")", 300, ""), rep("好", "（", 300, "好", "）", 300, "")},
      {rep("x (", "1 ", 40, "好) y", "", 0, ""), rep("x（", "1 ", 40, "好）y", "", 0, "")},
      {rep("x (", "1 ", 40, "a) y", "", 0, ""), rep("x (", "1 ", 40, "a) y", "", 0, "")},
      {rep("他说", "‘", 300, "好", "”", 300, ""), rep("他说", "‘", 300, "好", "”", 300, "")},
      {rep("好", "“ ", 300, "", "", 0, ""), rep("好", "“", 300, "", "", 0, "")},
      {rep("好", "( ", 200, "，", " )", 200, ""), rep("好", "（", 200, "，", "）", 200, "")},
  };
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    check_clean(c[i].in, c[i].want);
    free(c[i].in);
    free(c[i].want);
  }
}

/* Clause spaces of a web post (probe 20 M1): kept in body text whatever the order of the weak
 * and the strong sentence in the paragraph; gone in a sentence longer than the window, and in a
 * paragraph with a comma; each paragraph decides alone (the strong one of a paragraph before
 * keeps nothing in the next). */
static void test_post_spaces(void **st) {
  (void)st;
  rig r;
  rig_open(&r);
  const char *weak_first = "好想你 你在哪里？下雨了 不想出门 在家躺着吧。";
  assert_string_equal(push(&r, QG_KIND_P, weak_first, 1, 0), weak_first);
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 0);
  assert_string_equal(push(&r, QG_KIND_P, "好想你 你在哪里？", 2, 0), "好想你你在哪里？");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 1);
  assert_string_equal(push(&r, QG_KIND_P, "下雨了 不想出门，在家躺着吧。", 3, 0),
                      "下雨了不想出门，在家躺着吧。");
  assert_int_equal(count_rule(&r.s, "punct-han-space"), 2);
  rig_close(&r);
  /* a sentence of 60 characters of pieces of six: past the window of 48 cells */
  char *long_post = rep("", "今天好开心呀 ", 10, "。", "", 0, "");
  char *long_want = rep("", "今天好开心呀", 10, "。", "", 0, "");
  check_clean(long_post, long_want);
  free(long_post);
  free(long_want);
  /* many short sentences: linear, every space kept */
  char *many = rep("", "累了吧 睡吧！", 3000, "", "", 0, "");
  check_clean(many, many);
  free(many);
}

/* pass_spaces passes over a run of white space between cells that take no space away
 * (session 35): every code point of such a class is no CJK mark, which is what the rule that
 * removes white space beside a mark tests; and the stage still removes white space beside a mark
 * or between Han characters, and keeps it beside Latin words, digits and ASCII marks. */
static void test_space_skip_table(void **st) {
  (void)st;
  unsigned inert = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    if (!qg_punct_space_side_inert(cp)) continue;
    inert++;
    if (qg_cp_is_cjk_punct(cp)) fail_msg("U+%04X: a CJK mark among the classes the skip passes", cp);
  }
  assert_true(inert > 0x10000);
  static const uint32_t yes[] = {'a', 'Z', '7', '(', ',', 0xE9, 0x4E2D, 0x3400, 0x20000, 0x3007};
  static const uint32_t no[] = {' ', '\t', 0x3000, 0xA0, 0x2003, 0xFF0C, 0x3002, 0x201C, 0x2019,
                                0x3001, 0xFF08, 0x3042, 0x30FB, 0xB7};
  for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) assert_true(qg_punct_space_side_inert(yes[i]));
  for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) assert_false(qg_punct_space_side_inert(no[i]));
  check_clean("使用 Linux 系统 ，数据 ( 3 ) 和 “ 引号 ” 中文 ，好 a. b 中 文",
              "使用 Linux 系统，数据（3）和“引号”中文，好 a. b 中文");
}

/* The number stage's set phrases made at build time (number_tables.h, stages/numbers.c "set-phrase
 * tables") are those the stage makes from dicts/numeral-phrases.txt, variant by variant, with
 * the same index by digit and filter; and a stage uses them. */
static void test_number_tables(void **st) {
  (void)st;
  size_t variants = 0;
  bool used = false;
  assert_int_equal(qg_numbers_tables_faults(&variants, &used), 0);
  assert_true(used);
  assert_true(variants > 80);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_number_tables),
      cmocka_unit_test(test_post_spaces),
      cmocka_unit_test(test_space_skip_table),
      cmocka_unit_test(test_kinds_keep_spaces_outside_body),
      cmocka_unit_test(test_headings_other_rules_apply),
      cmocka_unit_test(test_dateline_keeps_spaces),
      cmocka_unit_test(test_dateline_guessed),
      cmocka_unit_test(test_dateline_after_edit),
      cmocka_unit_test(test_quotation_over_paragraphs),
      cmocka_unit_test(test_join_in_link), cmocka_unit_test(test_protect_spans),
      cmocka_unit_test(test_protect_after_han),
      cmocka_unit_test(test_protect_not),
      cmocka_unit_test(test_protect_linear),
      cmocka_unit_test(test_cells_one_scan),
      cmocka_unit_test(test_idempotent_pages),
      cmocka_unit_test(test_idempotent_messy),
      cmocka_unit_test(test_long_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
