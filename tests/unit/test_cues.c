/* test_cues.c: the cue patterns' first- and last-character sets (stages/cues.c) skip only
 * patterns that cannot match: the features of every text are the same with and without them, for the
 * built-in cues and for a cue file that uses the regular-expression syntax around them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static qg_block *text_block(const char *text, size_t len) {
  qg_block *b = calloc(1, sizeof *b);
  qg_buf_init(&b->text);
  qg_buf_put(&b->text, text, len);
  return b;
}

static void free_block(qg_block *b) {
  qg_buf_free(&b->text);
  qg_srcmap_free(&b->map);
  free(b);
}

/* Calls fn on every line (without its line end) of the source tree's files. */
static void each_line(const char *const *files, size_t nfiles,
                      void (*fn)(void *ud, const char *s, size_t n), void *ud) {
  for (size_t k = 0; k < nfiles; k++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", QG_SOURCE_DIR, files[k]);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[8192];
    while (fgets(line, sizeof line, f)) fn(ud, line, strcspn(line, "\r\n"));
    fclose(f);
  }
}

/* Measures text with and without the sets; they must agree. Returns the patterns skipped. */
static size_t same_features(qg_cues *c, const char *text, size_t len) {
  qg_block *b = text_block(text, len);
  qg_feat with, without;
  size_t r0 = qg_cues_runs(c);
  qg_cues_prefilter(c, true);
  qg_cues_measure(c, b, &with);
  size_t r1 = qg_cues_runs(c);
  b->feat_ok = false;
  qg_cues_prefilter(c, false);
  qg_cues_measure(c, b, &without);
  size_t r2 = qg_cues_runs(c);
  qg_cues_prefilter(c, true);
  if (memcmp(&with, &without, sizeof with)) fail_msg("features differ for: %.*s", (int)len, text);
  assert_true(r1 - r0 <= r2 - r1);
  free_block(b);
  return (r2 - r1) - (r1 - r0);
}

static const char *const crafted[] = {
    "", " ", "本报讯", "本报北京3月5日电（记者 王明）今天，", "新华社北京5月1日电", "中新社上海1月2日电 题",
    "据新华社北京6月3日电", "（记者 李华 报道）", "(记者 李华)", "图为村民在田间劳作。", "上图：新建的大桥",
    "图1：示意图", "图说：春天", "图片说明:夏天", "（张三 摄）", "(本报记者 王五 摄)", "记者 张三 摄",
    "摄影：李四", "（王小明）", "（王小明 李华）", "一、总体要求", "（二）主要任务", "第三部分 结语",
    "【编者按】", "本报记者 张三", "特约记者 李四", "实习生 王五", "文/图 赵六", "赵六 文/图", "张三 文",
    "■ 本报记者 王五", "● 记者 刘明", "他说得对。（李华）", "会议在北京召开（张三 摄）",
    "abc", "Abc", "ABC xyz", "x", "xy", "b", "图", "画说：", "(", "（", "a.b", "\t图为", "  （二）",
    "\xe3\x80\x80\xe3\x80\x80图为", "\xf0\xa0\x80\x80\xe6\x96\x87", "·李 文", "9月1日电", "要闻",
    "社区动态", "图说天下", "他说：“好。”", "据悉，", "—— 访某某", "①", "１２３", "\xc2\xa0图为",
    /* traditional forms, list points, notes in brackets */
    "本報記者 王芳", "本報訊 今年以來", "圖為居民在廣場鍛煉。（張三 攝）", "（張三 攝）", "張三 攝",
    "新華社北京12月1日電 記者", "據新華社北京6月3日電", "社區動態", "圖說天下", "後圖：大橋",
    "他說得對。（待續）", "他說得對。（李華）", "他说得对。（见下表）", "（新华社）", "（未完待续）",
    "1.加强领导", "1.5万", "（1）落实", "⑴落实", "***", "——————", "■■■",
};

struct builtin_ud {
  qg_cues *c;
  size_t skipped;
};
static void builtin_line(void *ud, const char *s, size_t n) {
  struct builtin_ud *u = ud;
  u->skipped += same_features(u->c, s, n);
}

/* Every crafted text and every line of the fixture pages, with the built-in cues. */
static void test_builtin_cues(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  size_t skipped = 0;
  for (size_t i = 0; i < sizeof crafted / sizeof *crafted; i++)
    skipped += same_features(c, crafted[i], strlen(crafted[i]));
  static const char *const files[] = {"samples/page1.txt", "samples/page2-wrapped.txt",
                                      "samples/page3-lines.txt", "tests/pages/03-photo-news.txt",
                                      "tests/pages/04-wire-dateline.txt",
                                      "tests/pages/10-festival-bylines.txt"};
  struct builtin_ud u = {c, 0};
  each_line(files, sizeof files / sizeof *files, builtin_line, &u);
  skipped += u.skipped;
  assert_true(skipped > 1000); /* the sets do skip patterns */
  qg_cues_free(c);
}

/* Features of one text with the built-in cues. */
static qg_feat feat_of(qg_cues *c, const char *text) {
  qg_block *b = text_block(text, strlen(text));
  qg_feat f;
  qg_cues_measure(c, b, &f);
  free_block(b);
  return f;
}

/* The built-in cues know the traditional forms (本報記者, 本報訊, 圖為, 攝, 新華社…電), the
 * list points (1. （1） ①) as numbered subheads, and a bracketed note (待續, 见下表, 新华社)
 * is no author tag while a name is. */
static void test_builtin_forms(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  assert_true(feat_of(c, "本報記者 王芳").byline);
  assert_true(feat_of(c, "本报记者 王芳").byline);
  assert_true(feat_of(c, "本報訊 今年以來，社區新建了廣場。").dateline > 0);
  assert_true(feat_of(c, "新華社北京12月1日電 記者從有關部門獲悉，工作順利。").dateline > 0);
  assert_true(feat_of(c, "圖為居民在廣場鍛煉。").caption);
  assert_true(feat_of(c, "（張三 攝）").credit);
  assert_true(feat_of(c, "圖為居民在廣場鍛煉。（張三 攝）").credit_tail.at != SIZE_MAX);
  assert_true(feat_of(c, "居民在廣場鍛煉。 張三 攝").credit_tail.at != SIZE_MAX);
  assert_true(feat_of(c, "社區動態").section);
  assert_true(feat_of(c, "1.加强组织领导").subhead_num);
  assert_true(feat_of(c, "（1）加强组织领导").subhead_num);
  assert_true(feat_of(c, "①加强组织领导").subhead_num);
  assert_false(feat_of(c, "1.5万人参加").subhead_num);
  assert_true(feat_of(c, "他说得对，大家都同意。（李华）").author_tail.at != SIZE_MAX);
  assert_true(feat_of(c, "他说得对，大家都同意。（完颜明）").author_tail.at != SIZE_MAX);
  static const char *const notes[] = {"待续", "待續", "未完待续", "续", "完", "见下表", "見下表",
                                      "据新华社", "據新華社", "新华社", "新華社", "下转四版",
                                      "有删节", "综合", "人民日报"};
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++) {
    char t[128];
    snprintf(t, sizeof t, "他说得对，大家都同意。（%s）", notes[i]);
    if (feat_of(c, t).author_tail.at != SIZE_MAX) fail_msg("author tag: %s", t);
    snprintf(t, sizeof t, "（%s）", notes[i]);
    if (feat_of(c, t).author) fail_msg("author line: %s", t);
  }
  qg_cues_free(c);
}

/* A cue file with the syntax the analysis knows and some it gives up on. */
static const char cue_file[] =
    "[caption]\n"
    "^(?i)abc\n"                   /* flags: not analysed, always run */
    "^\\s*x\n"                     /* \\s then x */
    "^[^a-z]y\n"                   /* negated class */
    "^(?:图|画)说\n"               /* non-capturing group */
    "^\\Q(\\E\n"                   /* quoting: not analysed */
    "^x?$\n"                       /* matches the empty text */
    "^(?<=a)b\n"                   /* lookbehind */
    "^(?=b)\\w\n"                  /* lookahead, \\w: not analysed */
    "^\\x{56FE}为\n"               /* \\x: not analysed */
    "^[a-c\\-]\\.\n"               /* range, escaped - and . */
    "^\\p{Han}{2}说\n"
    "^\\P{Han}+z\n"
    "^(a|b)*c\n"                   /* a starred group, then c */
    "^\\bAb\n"
    "^.图\n"
    "^[\\d]{1,2}月\n"
    "[credit]\n"
    "x\\s*$\n"                    /* ends in x, maybe spaces */
    "^[^a-z]$\n"                  /* one character, not a-z */
    "(摄|摄影)\\s*[)）]?$\n"
    "a(?=b)$\n"                   /* lookahead before $ */
    "\\$\n"                      /* an escaped $ is a character */
    "(y|z\\b)$\n"
    "[byline]\n"
    "^(a|b)$\n"
    "^x|y$\n"                      /* an alternative without ^ */
    "^[(（]?[A-Z]\n";

/* A cue file of the given text, read by qg_cues_new (the file removed at once); NULL with err. */
static qg_cues *cues_of_text(const char *text, char *err, size_t errlen) {
  char path[] = "/tmp/qg_test_cues_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  qg_cues *c = qg_cues_new(path, err, errlen);
  remove(path);
  return c;
}

static void test_custom_syntax(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = cues_of_text(cue_file, err, sizeof err);
  assert_non_null(c);
  static const char *const texts[] = {
      "", "abc", "ABC", "aBc d", "x", " x", "\txyz", "\xe3\x80\x80x", "Ay", "ay", "1y", "图说",
      "画说", "说", "(", "b", "ab", "图为", "a.", "-.", "c.", "d.", "天地说", "天说", "ABz",
      "AB", "aabc", "c", "bc", "Ab", "xAb", "Q图", "图图", "12月", "3月", "a", "y", "(A",
      "（B", "A", "x y", "zy", "ax", "ax  ", "ax\xE3\x80\x80", "x\xE2\x80\xA8", "x\xC2\x85",
      "Z", "张三摄", "张三摄）", "张三 摄影 ", "$", "a$", "ab", "xy", "z", "yz", "x\xF0\xA0\x80\x80"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    same_features(c, texts[i], strlen(texts[i]));
  for (size_t i = 0; i < sizeof crafted / sizeof *crafted; i++)
    same_features(c, crafted[i], strlen(crafted[i]));
  qg_cues_free(c);
}

/* ---- the scan of the characters -------------------------------------------------------------
 * The character-by-character loop of qg_cues_measure before the scan classified sixteen bytes at
 * a time, with the end of the text as it read it: the reference for the counted features (an
 * ASCII stop counts after Han and, since, after a closing bracket or quote). */
static bool ref_closer(uint32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')' ||
         c == 0x3011 || c == '"' || c == '\'' || c == 0x300B;
}
static bool ref_clause(uint32_t c) {
  return c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == ',' || c == ';';
}
/* The next character after offset i (at a character start) that is not white space (0: none),
 * and the character right after it, white space or not (raw). */
static uint32_t ref_next(const char *s, size_t n, size_t i, bool raw) {
  while (i < n) {
    uint32_t c = qg_utf8_next(s, n, &i);
    if (raw || !qg_cp_is_space(c)) return c;
  }
  return 0;
}
static void ref_measure(const char *s, size_t n, qg_feat *f) {
  memset(f, 0, sizeof *f);
  uint32_t prev = 0, prev2 = 0, last = 0, first = 0, raw_prev = 0;
  size_t last_off = 0, last_stop_at = SIZE_MAX;
  int depth = 0, quotes = 0;
  for (size_t i = 0; i < n; ) {
    size_t at = i;
    uint32_t ch = qg_utf8_next(s, n, &i);
    uint32_t before = raw_prev;
    raw_prev = ch;
    if (qg_cp_is_space(ch)) continue;
    if (!f->chars) first = ch;
    f->chars++;
    /* ! and ? count before Han or a Chinese mark too (the punct stage's Han context) */
    uint32_t nx = ref_next(s, n, i, false);
    bool stop = ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F ||
                ((ch == '.' || ch == '!' || ch == '?') &&
                 !(ch == '.' && qg_cp_is_translit(prev) && qg_cp_is_translit(nx)) &&
                 !(ch == '.' && qg_text_numeral_dot(s, n, at)) &&
                 (qg_cp_is_han(prev) || prev == ')' || prev == 0xFF09 || prev == 0x201D ||
                  prev == 0x300B || prev == '"' || (prev == '\'' && qg_cp_is_han(prev2)))) ||
                ((ch == '!' || ch == '?') &&
                 (qg_cp_is_han(nx) || (nx >= 0x80 && qg_cp_is_cjk_punct(nx))));
    if (ch == '"') { /* a straight quote: how it leans decides */
      uint32_t q = ref_next(s, n, i, true);
      bool lo = !before || qg_cp_is_space(before) || before == 0x201C || before == 0x2018 ||
                before == 0x300C || before == 0x300E || before == 0xFF08 || before == '(' ||
                before == '[' || before == 0x3010 || before == 0x300A || before == 0x3008 ||
                before == 0xFF1A || before == ':';
      bool lc = !q || qg_cp_is_space(q) || (ref_closer(q) && q != '"') || q == 0xFF0C ||
                q == 0x3002 || q == 0x3001 || q == 0xFF1B || q == 0xFF1A || q == 0xFF01 ||
                q == 0xFF1F || q == ',' || q == '.' || q == ';' || q == ':' || q == '!' || q == '?';
      if (lo && !lc) quotes++;
      else if (lc && !lo) quotes -= quotes > 0;
      else if (quotes > 0) quotes--;
      else quotes++;
    }
    if (stop) {
      f->stops++;
      last_stop_at = at;
    }
    if (ref_clause(ch) && !(ch == ',' && prev >= '0' && prev <= '9')) f->commas++;
    if (!qg_cp_is_han(ch)) f->non_han++;
    if (ch == 0x300A || ch == 0xFF08 || ch == '(' || ch == 0x3008 || ch == 0x3010) depth++;
    if ((ch == 0x300B || ch == 0xFF09 || ch == ')' || ch == 0x3009 || ch == 0x3011) && depth > 0)
      depth--;
    if (ch == 0x201C) quotes++;
    if (ch == 0x201D && quotes > 0) quotes--;
    last = ch;
    last_off = at;
    prev2 = prev;
    prev = ch;
  }
  if (!f->chars) return;
  f->unclosed = depth > 0;
  f->quote_open = quotes > 0;
  f->subtitle = (first == 0x2014 || first == 0x2015 || first == 0x2500 || first == '-') &&
                f->chars > 2;
  size_t e = last_off;
  uint32_t endc = last;
  while (ref_closer(endc) && e > 0) {
    size_t p = qg_utf8_prev(s, e), q = p;
    uint32_t c2 = qg_utf8_next(s, n, &q);
    if (qg_cp_is_space(c2)) break;
    e = p;
    endc = c2;
  }
  /* a bracketed note of 1..24 characters (no bracket or stop in it) right after a sentence
   * mark, or after a closing quote after one, ends the text as that mark does */
  if ((last == 0xFF09 || last == ')') && endc != 0x3002 && endc != 0xFF01 && endc != 0xFF1F) {
    size_t open_at = SIZE_MAX, k = last_off;
    unsigned inner = 0;
    while (k > 0 && inner <= 24) {
      size_t p = qg_utf8_prev(s, k), q = p;
      uint32_t c2 = qg_utf8_next(s, n, &q);
      if (c2 == 0xFF08 || c2 == '(') {
        if (inner) open_at = p;
        break;
      }
      if (c2 == 0xFF09 || c2 == ')' || c2 == 0x3002 || c2 == 0xFF01 || c2 == 0xFF1F ||
          c2 == 0xFF0C || c2 == ',' || c2 == 0x3001 || c2 == 0xFF1B || c2 == ';')
        break; /* a note holds no clause */
      inner++;
      k = p;
    }
    if (open_at != SIZE_MAX && open_at > 0) {
      size_t p = qg_utf8_prev(s, open_at), q = p;
      uint32_t c2 = qg_utf8_next(s, n, &q);
      bool dot = false;
      if (c2 == '.' && p > 0) {
        size_t p0 = qg_utf8_prev(s, p), q0 = p0;
        dot = qg_cp_is_han(qg_utf8_next(s, n, &q0));
      }
      if (c2 == 0x3002 || c2 == 0xFF01 || c2 == 0xFF1F || c2 == '!' || c2 == '?' ||
          c2 == 0x201D || dot) {
        e = p;
        endc = c2;
        while (ref_closer(endc) && e > 0) {
          size_t p2 = qg_utf8_prev(s, e), q2 = p2;
          uint32_t c3 = qg_utf8_next(s, n, &q2);
          if (qg_cp_is_space(c3)) break;
          e = p2;
          endc = c3;
        }
      }
    }
  }
  if (endc == 0x3002 || endc == 0xFF01 || endc == 0xFF1F || endc == 0x2026 || endc == '!' ||
      endc == '?' || endc == 0x22EF)
    f->end = QG_END_STOP;
  else if (endc == '.') {
    while (e > 0 && s[e - 1] == '.') e--;
    f->end = QG_END_STOP;
  } else if (ref_clause(endc))
    f->end = QG_END_CLAUSE;
  else if (endc == 0xFF1A || endc == ':')
    f->end = QG_END_COLON;
  f->end_exclaim = endc == 0xFF01 || endc == 0xFF1F || endc == '!' || endc == '?';
  if (last_stop_at == e) f->stops--;
}

#define QG_TEST_SEED 0xC0E5CA11ULL
#include "testrand.h"

/* Random text of common and rarer Han, Latin words, digits, white space and the marks the
 * scan counts, up to want bytes. */
static size_t random_text(char *t, size_t cap, size_t want) {
  static const char *const pieces[] = {
      "中", "一", "丁" /* E4 B8 */, "专", "了", "龥", "鿿", "\xE4\xB7\x80" /* U+4DC0 */,
      "\xE3\x90\x80" /* U+3400 */, "々", "〇", "\xF0\xA0\x80\x80", "é", "ab", "Z", "x9", "0", "7",
      " ", "\t", "\xE3\x80\x80", "\xC2\xA0", "。", "！", "？", ".", "!", "?", ",", ";", "，", "、",
      "；", "（", "）", "(", ")", "《", "》", "〈", "〉", "【", "】", "“", "”", "\"", "'", "’",
      "」", "』", ":", "：", "…", "⋯", "—", "―", "─", "-", "_", "/", "\xEF\xBC\x91", "@", "[", "`", "{"};
  const size_t np = sizeof pieces / sizeof pieces[0];
  size_t n = 0;
  while (n < want) {
    /* mostly runs of Han and Latin, as in copy */
    uint32_t r = next_rand();
    const char *p = r % 3 ? pieces[r % 17 < 12 ? r % 5 : 13 + r % 3] : pieces[(r >> 8) % np];
    size_t k = strlen(p);
    if (n + k >= cap) break;
    memcpy(t + n, p, k);
    n += k;
  }
  t[n] = '\0';
  return n;
}

static void same_counts(const qg_feat *a, const qg_feat *b, const char *t, size_t n) {
  if (a->chars != b->chars || a->commas != b->commas || a->stops != b->stops ||
      a->non_han != b->non_han || a->unclosed != b->unclosed || a->quote_open != b->quote_open ||
      a->end != b->end || a->end_exclaim != b->end_exclaim || a->subtitle != b->subtitle)
    fail_msg("counts differ (chars %u/%u commas %u/%u stops %u/%u non-Han %u/%u end %d/%d) for: "
             "%.*s", a->chars, b->chars, a->commas, b->commas, a->stops, b->stops, a->non_han,
             b->non_han, (int)a->end, (int)b->end, (int)n, t);
}

/* The scan (sixteen bytes at a time) counts as the character-by-character reference, on random
 * texts short and long (past 255 blocks of sixteen, where the lanes are summed); measuring a
 * text in two parts (qg_cues_measure_more after appending) gives all the features of measuring
 * it whole. */
static void test_scan(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  static char t[12000];
  size_t stops = 0, resumed = 0;
  for (int round = 0; round < 20000; round++) {
    size_t want = round % 50 == 0 ? next_rand() % 10000 : next_rand() % 120;
    size_t n = random_text(t, sizeof t, want);
    qg_block *b = text_block(t, n);
    qg_feat got, ref;
    qg_cues_measure(c, b, &got);
    ref_measure(t, n, &ref);
    same_counts(&got, &ref, t, n);
    stops += ref.stops > 0;
    /* in two parts, cut at a character start */
    size_t cut = n ? next_rand() % (n + 1) : 0;
    while (cut < n && ((unsigned char)t[cut] & 0xC0) == 0x80) cut++;
    qg_block *p = text_block(t, cut);
    qg_scan sc = {.end = 0};
    qg_feat part, whole;
    qg_cues_measure_more(c, p, &sc, &part);
    qg_buf_put(&p->text, t + cut, n - cut);
    p->feat_ok = false;
    qg_cues_measure_more(c, p, &sc, &whole);
    if (memcmp(&whole, &got, sizeof got)) fail_msg("in two parts at %zu: %.*s", cut, (int)n, t);
    resumed += cut > 0 && cut < n;
    free_block(p);
    free_block(b);
  }
  assert_true(stops > 1000 && resumed > 1000);
  /* the table flag (the scan's digit count skips the row test below three digits) */
  static const char *const row_pieces[] = {"1", "23", "0.5", " ", " ", "\t", "\xE3\x80\x80",
                                           "\xEF\xBC\x91", "\xEF\xBC\x99", "%", "中", "ab",
                                           "\xE3\xBC\x90" /* BC 90 in no digit */};
  size_t rows = 0;
  for (int round = 0; round < 20000; round++) {
    size_t n = 0, want = next_rand() % (round % 100 ? 40 : 3000);
    while (n < want) {
      const char *p = row_pieces[next_rand() % (sizeof row_pieces / sizeof *row_pieces)];
      size_t k = strlen(p);
      memcpy(t + n, p, k);
      n += k;
    }
    t[n] = '\0';
    qg_block *b = text_block(t, n);
    qg_feat got;
    qg_cues_measure(c, b, &got);
    bool want_row = qg_text_is_table_row(t, n) || qg_text_is_padded_row(t, n); /* (F5) */
    if (got.table != want_row) fail_msg("table %d, row test %d: %s", got.table, want_row, t);
    rows += want_row;
    free_block(b);
  }
  assert_true(rows > 1000);
  qg_cues_free(c);
}

/* A text measured in parts (qg_cues_measure_more after each append, as the repair stage
 * measures a paragraph it joins) gives the features of the text measured whole, wherever the
 * parts are cut: every cut of texts whose marks count by what follows them (? ! after Latin,
 * a straight quote, a dot between transliterated names, a vertical opener) with white space of
 * every kind (U+3000, U+00A0, tab) between them and the next part. Deterministic: the random
 * texts of test_scan seldom cut there (a ? before U+3000 at a part's end was read as no stop,
 * and before Han in the whole text as one). */
static void test_parts_at_every_cut(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  static const char *const heads[] = {"Eng?", "Eng!", "GDP?\xE3\x80\x80", "GDP? ", "GDP?\xC2\xA0",
                                      "GDP!\t", "\xE4\xB9\x94\xE6\xB2\xBB." /* 乔治. */,
                                      "\xE4\xB9\x94\xE6\xB2\xBB.\xE3\x80\x80",
                                      "\xE4\xB9\x94\xE6\xB2\xBB \xE3\x80\x80. " /* 乔治 　. */, "x\"",
                                      "x\"\xE3\x80\x80", "\xE8\xAF\xB4\xEF\xB9\x81" /* 说﹁ */,
                                      "\xE8\xAF\xB4\xEF\xB8\xBD\xE3\x80\x80" /* 说︽ */, "ok?!\xE3\x80\x80"};
  static const char *const tails[] = {"\xE8\xAE\xBE\xE7\xBD\xAE" /* 设置 */, "\xE3\x80\x82" /* 。 */,
                                      "\xE3\x80\x80\xE8\xAE\xBE\xE7\xBD\xAE", " abc",
                                      "\xE5\x8D\x8E\xE7\x9B\x9B\xE9\xA1\xBF" /* 华盛顿 */, "",
                                      "\xEF\xBC\x8C" /* ， */, "\"", "1"};
  char t[256];
  size_t cuts = 0;
  for (size_t h = 0; h < sizeof heads / sizeof *heads; h++)
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
      int n = snprintf(t, sizeof t, "\xE4\xBB\x96\xE9\x97\xAE%s%s", heads[h], tails[k]); /* 他问 */
      qg_block *b = text_block(t, (size_t)n);
      qg_feat whole;
      qg_cues_measure(c, b, &whole);
      for (size_t cut = 1; cut < (size_t)n; cut++) {
        if (((unsigned char)t[cut] & 0xC0) == 0x80) continue;
        for (size_t cut2 = cut; cut2 <= (size_t)n; cut2++) { /* a third part from cut2 */
          if (cut2 < (size_t)n && ((unsigned char)t[cut2] & 0xC0) == 0x80) continue;
          qg_block *p = text_block(t, cut);
          qg_scan sc = {.end = 0};
          qg_feat f;
          qg_cues_measure_more(c, p, &sc, &f);
          qg_buf_put(&p->text, t + cut, cut2 - cut);
          qg_cues_measure_more(c, p, &sc, &f);
          qg_buf_put(&p->text, t + cut2, (size_t)n - cut2);
          qg_cues_measure_more(c, p, &sc, &f);
          if (memcmp(&f, &whole, sizeof f))
            fail_msg("parts cut at %zu and %zu (stops %u/%u, quote %d/%d, end %d/%d): %s", cut,
                     cut2, f.stops, whole.stops, f.quote_open, whole.quote_open, (int)f.end,
                     (int)whole.end, t);
          free_block(p);
          cuts++;
        }
      }
      free_block(b);
    }
  assert_true(cuts > 1000);
  qg_cues_free(c);
}

struct written_ud {
  qg_cues *a, *w;
  size_t matched;
};
/* A line measured with the shared cues and with the patterns as written: the same features. */
static void written_line(void *ud, const char *s, size_t n) {
  struct written_ud *u = ud;
  qg_feat fa, fw;
  qg_block *x = text_block(s, n);
  qg_cues_measure(u->a, x, &fa);
  x->feat_ok = false;
  qg_cues_measure(u->w, x, &fw);
  if (memcmp(&fa, &fw, sizeof fa)) fail_msg("features differ for: %.*s", (int)n, s);
  u->matched += fw.dateline || fw.credit || fw.author || fw.caption || fw.byline;
  free_block(x);
}

/* Pieces of credits, bylines, datelines, with Han of every block; with edges, also the
 * characters where regex engines may part: line terminators ICU knows (\v \f \r NEL U+2028
 * U+2029), \v (not in ICU's \s), Han of Unicode 15 (U+31350), fixed-width digits of other
 * scripts. want: about how many bytes (t holds 4 more than want + 16). */
static size_t cue_text(char *t, size_t want, bool edges) {
  static const char *const cue_pieces[] = {
      "（", "）", "(", ")", "摄", "摄影", "供图", "记者", "本报", "文", "图", "/", " ", "·",
      "张", "三", "\xE3\x90\x80" /* U+3400 */, "\xF0\xA0\x80\x80" /* U+20000 */, "々",
      "〇", "\xE2\xBA\x80" /* U+2E80 */, "\xEF\xA4\x80" /* U+F900 */, "a", "5", "月",
      "日电", "。", "：", "新华社",
      /* (edges from here) */
      "\v", "\f", "\r", "\n", "\r\n", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9",
      "\xF0\xB1\x8D\x90" /* U+31350 */, "\xD9\xA3" /* ٣ */, "\xEF\xBC\x93" /* ３ */, "\xE3\x80\x80",
      "一、", "（一）", "1.", "第三章", "图1 ", "上图", "责任编辑：", "。（", "”（", "日", "12"};
  size_t np = sizeof cue_pieces / sizeof *cue_pieces, plain = 29, n = 0;
  while (n < want) {
    const char *p = cue_pieces[next_rand() % (edges ? np : plain)];
    size_t k = strlen(p);
    memcpy(t + n, p, k);
    n += k;
  }
  t[n] = '\0';
  return n;
}

/* The built-in cues as qg_cues_new compiles them (\p{Han} written out as its ranges, built once
 * and shared: a second qg_cues_new clones the patterns) give every text the features of the
 * patterns compiled as written: the crafted texts, the fixture pages' lines and random text. */
static void test_shared_as_written(void **st) {
  (void)st;
  char err[512];
  qg_cues *a = qg_cues_new(NULL, err, sizeof err), *b = qg_cues_new(NULL, err, sizeof err);
  qg_cues *w = qg_cues_new_as_written();
  assert_non_null(a);
  assert_non_null(b);
  assert_non_null(w);
  static char t[4096];
  size_t matched = 0, texts = 0;
  for (int round = 0; round < 60000; round++) {
    size_t n;
    if (round < (int)(sizeof crafted / sizeof *crafted)) {
      n = strlen(crafted[round]);
      memcpy(t, crafted[round], n + 1);
    } else if (round % 2) {
      n = random_text(t, sizeof t, next_rand() % 60);
    } else { /* pieces of credits, bylines, datelines, with Han of every block */
      n = cue_text(t, next_rand() % 40, false);
    }
    qg_feat fa, fb, fw;
    qg_block *x = text_block(t, n);
    qg_cues_measure(a, x, &fa);
    x->feat_ok = false;
    qg_cues_measure(b, x, &fb);
    x->feat_ok = false;
    qg_cues_measure(w, x, &fw);
    if (memcmp(&fa, &fw, sizeof fa) || memcmp(&fb, &fw, sizeof fb))
      fail_msg("features differ from the patterns as written for: %.*s", (int)n, t);
    matched += fw.dateline || fw.credit || fw.author || fw.caption || fw.byline ||
               fw.subhead_num || fw.author_tail.at != SIZE_MAX || fw.credit_tail.at != SIZE_MAX;
    texts++;
    free_block(x);
  }
  /* and the fixture pages */
  static const char *const files[] = {"tests/pages/03-photo-news.txt",
                                      "tests/pages/04-wire-dateline.txt",
                                      "tests/pages/10-festival-bylines.txt"};
  struct written_ud u = {a, w, 0};
  each_line(files, sizeof files / sizeof *files, written_line, &u);
  matched += u.matched;
  assert_true(matched > 30); /* the patterns do match */
  qg_cues_free(a);
  qg_cues_free(b);
  qg_cues_free(w);
}

/* ---- the second, next-to-last and tail filters (session 39) ------------------------------
 * Each pattern run alone (qg_cues_filter_faults: anchored and searched, from the start, after
 * the first character, from the tail and from half way) finds with the filters what it finds
 * without them: the built-in cues on the crafted texts, near misses of their second and next to
 * last characters, every line of the fixture pages and samples, and random texts; a cue file
 * of the syntax around the filters on texts made for it. */
static const char *const near_misses[] = {
    "本地新闻", "本报", "本报讯", "本", "中国", "中新社北京3月1日电", "中新", "人们", "人民网北京",
    "新民", "新华社", "据悉", "据新华社北京5月1日电", "记得", "记者 王五 报道）", "（记者 王五）",
    "【快讯】", "【本报香港电】记者 黄家明", "【", "第一个", "第一章", "第二部分", "（一）", "（一个",
    "一、", "一个", "①", "①加强", "1、", "1.5", "图为", "图书", "上图", "上午", "前图：", "前面",
    "内存生效。）", "对原始(端)", "他说。（李华）", "他说。（李 华）", "他说。 （李华）", "会议召开（张三 摄）",
    "会议召开（张三摄）", "）", "x）", "（）", "（李华", "李华）", "。（李华）", "（完）", "他说。（完）",
    "。 周敏 摄", "散步。 周敏 摄", "散步. 周敏 摄", "周敏 摄", "摄", "新华社发", "。新华社发",
    "（资料图片）", "（新华社发）", "他说。（李华）\n", "他说。（李华）\r\n", "他说。（李华） ",
    "他说。（李华）\xE3\x80\x80", "文/图 赵六", "赵六 文/图", "赵六 文", "作者：李华", "作者：李华。",
    "（责任编辑 王五）", "（编辑 王五 李四）", "本版编辑 郑好", "图1 模型结构", "Fig. 1 模型"};

struct filter_ud {
  qg_cues *c;
  size_t faults, runs, skipped;
};
static void filter_line(void *ud, const char *s, size_t n) {
  struct filter_ud *u = ud;
  u->faults += qg_cues_filter_faults(u->c, s, n, &u->runs, &u->skipped);
}

static void test_filters(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  struct filter_ud u = {c, 0, 0, 0};
  for (size_t i = 0; i < sizeof crafted / sizeof *crafted; i++) filter_line(&u, crafted[i], strlen(crafted[i]));
  for (size_t i = 0; i < sizeof near_misses / sizeof *near_misses; i++)
    filter_line(&u, near_misses[i], strlen(near_misses[i]));
  static const char *const files[] = {"samples/page1.txt", "samples/page2-wrapped.txt",
                                      "samples/page3-lines.txt", "tests/pages/01-banner-feature.txt",
                                      "tests/pages/02-community-caption.txt", "tests/pages/03-photo-news.txt",
                                      "tests/pages/04-wire-dateline.txt", "tests/pages/05-hard-cuts.txt",
                                      "tests/pages/06-subhead-traps.txt", "tests/pages/07-briefs-repeats.txt",
                                      "tests/pages/08-profile-photo.txt", "tests/pages/09-dispatch-comment.txt",
                                      "tests/pages/10-festival-bylines.txt", "tests/pages/11-industry-cuts.txt"};
  each_line(files, sizeof files / sizeof *files, filter_line, &u);
  static char t[4096];
  for (int round = 0; round < 4000; round++) {
    size_t n = round % 2 ? random_text(t, sizeof t, next_rand() % 60)
                         : cue_text(t, next_rand() % 40, round % 4 == 0);
    filter_line(&u, t, n);
  }
  fprintf(stderr, "filters: %zu runs compared, %zu skipped\n", u.runs, u.skipped);
  assert_int_equal(u.faults, 0);
  assert_true(u.skipped > u.runs / 2); /* the filters skip most runs */
  qg_cues_free(c);

  /* a cue file: repetitions, groups that match one character or two, optional items, tails */
  static const char file[] =
      "[caption]\n"
      "^a{2,3}b\n"            /* second a */
      "^(ab|c)d\n"            /* second b or d */
      "^a?bc\n"               /* second c, or b after a */
      "^(a|bc)+x\n"           /* a group of one character or two, repeated */
      "^x(?=y)z\n"            /* a lookahead between: second z */
      "^y\\s*[(（]\n"           /* spaces or a bracket second */
      "^q.\n"                 /* any second character */
      "^[^a]b\n"              /* a negated class first */
      "^(?:图|画)+说\n"
      "[credit]\n"
      "^\\s*[(（][^()（）]{1,5}摄[)）]\\s*$\n"
      "^a(b|cd)?$\n"           /* one character, or two, or three */
      "^(xy|z)$\n"
      "[credit-tail]\n"
      "[(（][^()（）]{1,5}摄[)）]$\n"
      "(?<=[。])\\s*[(（][\\p{Han}·]{2,3}[)）]\\s*$\n"
      "x(?!y)z$\n"
      "(ab)+$\n"
      "[author-tail]\n"
      "(?<=。)\\s*[(（][\\p{Han}]{2}(\\s+[\\p{Han}]{2})?[)）]$\n"
      "b?c$\n";
  c = cues_of_text(file, err, sizeof err);
  assert_non_null(c);
  static const char *const texts[] = {
      "aab", "aaab", "ab", "abd", "cd", "ad", "bc", "abc", "ac", "ax", "bcx", "abcx", "aax", "xyz",
      "xz", "y（", "y (", "y\xE3\x80\x80(", "yx", "q", "qq", "bb", "ab", "图说", "画图说", "说",
      "（张三摄）", " （张三摄）", "（摄）", "（张三摄） ", "x（张三摄）", "a", "ab", "acd", "ace",
      "xy", "z", "xz", "他说。（李华）", "他说。 （李华）", "他说（李华）", "他说。（李 华）",
      "他说。（李华 王五）", "他。（李华）", "xz", "xxz", "xyz", "abab", "bab", "ab ab", "c", "bc",
      "abc", "他说。（李华）\n", "x\r\n", "ab\n", "（张三摄）\n"};
  u = (struct filter_ud){c, 0, 0, 0};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) filter_line(&u, texts[i], strlen(texts[i]));
  for (size_t i = 0; i < sizeof near_misses / sizeof *near_misses; i++)
    filter_line(&u, near_misses[i], strlen(near_misses[i]));
  for (int round = 0; round < 2000; round++) { /* random strings of the files' characters */
    static const char *const pieces[] = {"a", "b", "c", "d", "x", "y", "z", "q", " ", "(", "（", "）",
                                         ")", "摄", "张", "。", "图", "画", "说", "\n", "\xE3\x80\x80"};
    size_t n = 0, want = next_rand() % 12;
    while (n < want) {
      const char *p = pieces[next_rand() % (sizeof pieces / sizeof *pieces)];
      memcpy(t + n, p, strlen(p));
      n += strlen(p);
    }
    filter_line(&u, t, n);
  }
  fprintf(stderr, "filters, a cue file: %zu runs compared, %zu skipped\n", u.runs, u.skipped);
  assert_int_equal(u.faults, 0);
  assert_true(u.skipped > u.runs / 4);
  qg_cues_free(c);
}

/* A text longer than QG_CUES_UTF8_FROM is matched on its UTF-8 (a UText), a short one on a
 * UTF-16 copy: the same cue found at the start and at the end of both, at the same byte
 * offsets relative to the text's end. */
static void test_long_text_patterns(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  const char *head = "本报北京3月5日电（记者 王明）今天，", *tail = "（张三 摄）";
  const char *fill = "村民在田间劳作𠀀，"; /* an astral character: two UTF-16 units */
  for (int round = 0; round < 2; round++) {
    size_t reps = round ? 5000 / strlen(fill) + 1 : 3;
    size_t len = strlen(head) + reps * strlen(fill) + strlen("收获很多。") + strlen(tail);
    char *t = malloc(len + 1), *p = t;
    p += sprintf(p, "%s", head);
    for (size_t k = 0; k < reps; k++) p += sprintf(p, "%s", fill);
    p += sprintf(p, "收获很多。%s", tail);
    assert_int_equal((size_t)(p - t), len);
    if (round) assert_true(len > 4096); /* the UText path (QG_CUES_UTF8_FROM) */
    qg_block *b = text_block(t, len);
    qg_feat f;
    qg_cues_measure(c, b, &f);
    assert_int_equal(f.dateline, strlen("本报北京3月5日电（记者 王明）"));
    assert_int_equal(len - f.credit_tail.at, strlen(tail));
    assert_int_equal(f.credit_tail.keep_len, strlen("张三 摄"));
    assert_int_equal(len - f.credit_tail.keep_off, strlen("张三 摄）"));
    free_block(b);
    free(t);
  }
  qg_cues_free(c);
}

/* The built-in patterns are compiled the first time a block could match one (run first: no
 * other test has compiled any yet): a pipeline's cues compile none, a body paragraph that
 * starts and ends as prose compiles few, and each compiles and is not too slow on ordinary
 * text (checked when a desk's file is read, not for the built-in ones at run time). */
static void test_builtin_lazy(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  assert_int_equal(qg_cues_builtin_compiled(), 0);
  const char *t = "村民在田间劳作，今年的收成比去年好了很多。";
  qg_block *b = text_block(t, strlen(t));
  qg_feat f;
  qg_cues_measure(c, b, &f);
  size_t some = qg_cues_builtin_compiled();
  free_block(b);
  const char *d = "本报北京3月5日电（记者 王明）今天，村民在田间劳作。（张三 摄）";
  b = text_block(d, strlen(d));
  qg_cues_measure(c, b, &f);
  assert_int_equal(f.dateline, strlen("本报北京3月5日电（记者 王明）"));
  free_block(b);
  size_t more = qg_cues_builtin_compiled(), all = 0;
  assert_true(more > some);
  assert_int_equal(qg_cues_builtin_faults(&all), 0);
  assert_true(all > 20);
  assert_true(more < all);
  assert_int_equal(qg_cues_builtin_compiled(), all);
  assert_int_equal(qg_cues_timeouts(c), 0);
  qg_cues_free(c);
}

/* The built-in patterns' analysis made at build time (cue_tables.h, used when a process makes
 * its first cues) is the analysis made here from the patterns as written, pattern by pattern:
 * the first- and last-character sets, whether a pattern starts with ^, each section's union,
 * and \p{Han} written out as its ranges; and the tables are used (they fit this ICU). */
static void test_cue_tables(void **st) {
  (void)st;
  size_t patterns = 0;
  bool used = false;
  assert_int_equal(qg_cues_tables_faults(&patterns, &used), 0);
  assert_true(used);
  assert_true(patterns > 20);
}

/* The built-in patterns compiled at build time (cue_tables.h, serialized by PCRE2 and decoded
 * when a process first needs one) are the patterns compiled here, byte for byte as PCRE2
 * serializes them, both the table's and what it decodes to; every built-in pattern has one,
 * and they are used (they fit this PCRE2). */
static void test_cue_serialized(void **st) {
  (void)st;
  size_t patterns = 0;
  bool used = false;
  assert_int_equal(qg_cues_serial_faults(&patterns, &used), 0);
  assert_true(used);
  assert_true(patterns > 20);
}

/* The built-in patterns run on PCRE2, rewritten from ICU's syntax with ICU's meaning
 * (stages/cues.c, "the built-in patterns on PCRE2"): both engines give every built-in pattern
 * the same match and group 1, anchored or searched from the start, the tail or inside, on the
 * crafted texts, random copy, pieces of cues with the characters where engines part, and the
 * fixture pages' lines. */
struct engine_ud {
  size_t faults, runs, matches;
};
static void engine_line(void *ud, const char *s, size_t n) {
  struct engine_ud *u = ud;
  u->faults += qg_cues_engine_faults(s, n, &u->runs, &u->matches);
}
static void test_engines(void **st) {
  (void)st;
  static char t[4096];
  size_t runs = 0, matches = 0, faults = 0;
  for (int round = 0; round < 3000; round++) {
    size_t n;
    if (round < (int)(sizeof crafted / sizeof *crafted)) {
      n = strlen(crafted[round]);
      memcpy(t, crafted[round], n + 1);
    } else if (round % 3 == 0) {
      n = random_text(t, sizeof t, next_rand() % 80);
    } else {
      n = cue_text(t, next_rand() % 60, round % 3 == 2);
    }
    size_t f = qg_cues_engine_faults(t, n, &runs, &matches);
    if (f && !faults) print_message("engines differ on: %.*s\n", (int)n, t);
    faults += f;
  }
  static const char *const files[] = {"tests/pages/03-photo-news.txt", "tests/pages/04-wire-dateline.txt",
                                      "tests/pages/10-festival-bylines.txt"};
  struct engine_ud u = {0, 0, 0};
  each_line(files, sizeof files / sizeof *files, engine_line, &u);
  assert_true(u.runs > 1000);
  faults += u.faults;
  runs += u.runs;
  matches += u.matches;
  assert_int_equal(faults, 0);
  assert_true(runs > 100000);
  assert_true(matches > 500); /* the patterns do match */
}

/* The first-character bitmaps of the sections (the prefilter's test for code points below
 * U+10000) hold exactly their sets' code points, for the built-in cues and a cue file's. */
static void test_first_bitmaps(void **st) {
  (void)st;
  char err[512];
  qg_cues *c = qg_cues_new(NULL, err, sizeof err);
  assert_non_null(c);
  size_t sets = 0;
  assert_int_equal(qg_cues_first_faults(c, &sets), 0);
  assert_true(sets > 0);
  qg_cues_free(c);
  c = cues_of_text(cue_file, err, sizeof err);
  assert_non_null(c);
  assert_int_equal(qg_cues_first_faults(c, &sets), 0);
  assert_true(sets > 0);
  qg_cues_free(c);
}

/* The jump notes' readers of session 16 (stages/cues.c), the reference: jump_trim without the
 * look at the last byte and the 版 before a closing bracket, qg_text_jump_lead without the look
 * at the first character. */
static bool ref_folio_numeral(uint32_t c) {
  return (c >= '0' && c <= '9') || c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB ||
         c == 0x4E94 || c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D ||
         c == 0x5341 || c == 0x767E || c == 0x96F6 || c == 0x3007;
}
static int ref_jump_at(const char *s, size_t n, size_t i, size_t *end, bool *bracket) {
  if (i >= n) return 0;
  size_t k = i;
  uint32_t c = qg_utf8_next(s, n, &k), close = 0;
  if (c == 0xFF08) close = 0xFF09;
  else if (c == '(') close = ')';
  else if (c == 0x3010) close = 0x3011;
  else if (c == '[') close = ']';
  if (close) {
    while (k < n && qg_cp_is_space(c = qg_utf8_next(s, n, &k))) {}
    if (k >= n) return 0;
  }
  int dir = 0;
  if (c == 0x4E0B || c == 0x4E0A) {
    uint32_t w = k < n ? qg_utf8_next(s, n, &k) : 0;
    if (c == 0x4E0B && (w == 0x8F6C || w == 0x8F49)) dir = 1;
    else if (c == 0x4E0A && w == 0x63A5) dir = 2;
  } else if (c == 0x8F6C || c == 0x8F49) {
    dir = 1;
  } else if (c == 0x63A5) {
    dir = 2;
  }
  if (!dir || k >= n) return 0;
  c = qg_utf8_next(s, n, &k);
  if (c == 0x7B2C) {
    if (k >= n) return 0;
    c = qg_utf8_next(s, n, &k);
  }
  if (c < 0x80 && ((c | 0x20) - 'a') < 26u) {
    if (k >= n) return 0;
    c = qg_utf8_next(s, n, &k);
  }
  int d = 0;
  bool han = false;
  while ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || ref_folio_numeral(c)) {
    han = han || !(c < 0x80 || (c >= 0xFF10 && c <= 0xFF19));
    if (++d > (han ? 4 : 3) || k >= n) return 0;
    c = qg_utf8_next(s, n, &k);
  }
  if (!d || c != 0x7248) return 0;
  if (close) {
    size_t q = k;
    while (q < n && qg_cp_is_space(c = qg_utf8_next(s, n, &q))) {}
    if (c != close) return 0;
    k = q;
  }
  *end = k;
  *bracket = close != 0;
  return dir;
}
static size_t ref_jump_trim(const char *s, size_t n, bool *may) {
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
    n--;
  while (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3;
  *may = n >= 3 && (!memcmp(s + n - 3, "\xE7\x89\x88", 3) || s[n - 1] == ')' ||
                    s[n - 1] == ']' || !memcmp(s + n - 3, "\xEF\xBC\x89", 3) ||
                    !memcmp(s + n - 3, "\xE3\x80\x91", 3));
  return n;
}
static int ref_is_jump(const char *s, size_t n) {
  bool may;
  if (n > 96) return 0;
  n = ref_jump_trim(s, n, &may);
  if (!may) return 0;
  size_t i = 0, end = 0;
  while (i < n) {
    size_t k = i;
    uint32_t c = qg_utf8_next(s, n, &k);
    bool orn = (c >= 0x2190 && c <= 0x21FF) || (c >= 0x25A0 && c <= 0x25FF) || c == 0x2605 ||
               c == 0x2606;
    if (!qg_cp_is_space(c) && !orn) break;
    i = k;
  }
  bool br;
  int dir = ref_jump_at(s, n, i, &end, &br);
  return dir && end == n ? dir : 0;
}
static size_t ref_jump_tail(const char *s, size_t n) {
  bool may;
  n = ref_jump_trim(s, n, &may);
  if (!may) return SIZE_MAX;
  size_t at = n, found = SIZE_MAX;
  for (int k = 0; k < 16 && at > 0; k++) {
    at = qg_utf8_prev(s, at);
    size_t q = at;
    uint32_t c = qg_utf8_next(s, n, &q);
    if (!(c == 0x4E0B || c == 0x8F6C || c == 0x8F49 || c == 0xFF08 || c == '(' || c == 0x3010 ||
          c == '['))
      continue;
    size_t end = 0;
    bool br = false;
    if (ref_jump_at(s, n, at, &end, &br) != 1 || end != n) continue;
    if (!br && c != 0x4E0B && at > 0) {
      size_t p = qg_utf8_prev(s, at), r = p;
      uint32_t b = qg_utf8_next(s, n, &r);
      if (qg_cp_is_han(b) || (b < 0x80 && (((b | 0x20) - 'a') < 26u || (b - '0') < 10u)))
        continue;
    }
    found = at;
  }
  return found;
}
static size_t ref_jump_lead(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i >= 3 && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3;
  size_t end = 0;
  bool br = false;
  if (ref_jump_at(s, n, i, &end, &br) != 2) return 0;
  if (br || end == n) return end;
  size_t k = end;
  return qg_cp_is_space(qg_utf8_next(s, n, &k)) ? end : 0;
}

/* qg_text_is_jump, qg_text_jump_tail and qg_text_jump_lead (which look at the last byte, the 版
 * before a closing bracket and the first character before reading a note) answer as the
 * reference on random texts of notes, their pieces, white space and words. */
static void test_jump_ref(void **st) {
  (void)st;
  static const char *const pieces[] = {
      "\xEF\xBC\x88" /* （ */, "\xEF\xBC\x89" /* ） */, "(", ")", "\xE3\x80\x90" /* 【 */,
      "\xE3\x80\x91" /* 】 */, "[", "]", "\xE4\xB8\x8B" /* 下 */, "\xE8\xBD\xAC" /* 转 */,
      "\xE8\xBD\x89" /* 轉 */, "\xE4\xB8\x8A" /* 上 */, "\xE6\x8E\xA5" /* 接 */,
      "\xE7\xAC\xAC" /* 第 */, "3", "12", "A", "\xEF\xBC\x93" /* ３ */, "\xE4\xB8\x89" /* 三 */,
      "\xE5\x8D\x81" /* 十 */, "\xE7\x89\x88" /* 版 */, "\xE7\x89\x88" /* 版 */, " ", "\t",
      "\xE3\x80\x80" /* U+3000 */, "\xC2\xA0", "\r", "\n", "\xE2\x96\xB2" /* ▲ */,
      "\xE7\x9A\x84" /* 的 */, "\xE3\x80\x82" /* 。 */, ".", "x"};
  const size_t np = sizeof pieces / sizeof *pieces;
  static const char *const notes[] = {"\xEF\xBC\x88\xE4\xB8\x8B\xE8\xBD\xAC\xE7\xAC\xAC\x33\xE7\x89\x88\xEF\xBC\x89",
                                      "\xE4\xB8\x8A\xE6\x8E\xA5\xE7\xAC\xAC\xE4\xB8\x80\xE7\x89\x88",
                                      "(\xE8\xBD\xAC\x41\x33\xE7\x89\x88 )",
                                      "\xE3\x80\x90\xE6\x8E\xA5\xE7\xAC\xAC\x32\xE7\x89\x88\xC2\xA0\xE3\x80\x91"};
  char s[400];
  size_t jumps = 0, tails = 0, leads = 0;
  for (int round = 0; round < 100000; round++) {
    size_t n = 0, want = next_rand() % 8 == 0 ? next_rand() % 300 : next_rand() % 30;
    while (n < want) {
      const char *p = next_rand() % 6 == 0 ? notes[next_rand() % 4] : pieces[next_rand() % np];
      size_t k = strlen(p);
      if (n + k >= sizeof s) break;
      memcpy(s + n, p, k);
      n += k;
    }
    int j = ref_is_jump(s, n);
    size_t t = ref_jump_tail(s, n), l = ref_jump_lead(s, n);
    if (qg_text_is_jump(s, n) != j) fail_msg("round %d: is_jump, reference %d: %.*s", round, j, (int)n, s);
    if (qg_text_jump_tail(s, n) != t) fail_msg("round %d: jump_tail: %.*s", round, (int)n, s);
    if (qg_text_jump_lead(s, n) != l) fail_msg("round %d: jump_lead: %.*s", round, (int)n, s);
    jumps += j != 0, tails += t != SIZE_MAX, leads += l != 0;
  }
  print_message("jumps %zu, tails %zu, leads %zu\n", jumps, tails, leads);
  assert_true(jumps > 500 && tails > 500 && leads > 500);
}

/* A sidebar's label (sidebar_label: the first two bytes of a literal looked up first, off when a
 * literal is one byte long): the built-in labels and a cue file's, one byte long or not. */
static bool sidebar_of(qg_cues *c, const char *t) {
  qg_block *b = text_block(t, strlen(t));
  qg_feat f;
  qg_cues_measure(c, b, &f);
  free_block(b);
  return f.sidebar;
}

static void test_sidebar_labels(void **st) {
  (void)st;
  static const char *const files[] = {"[sidebar]\nZ\n\xE6\x95\xB0\xE5\xAD\x97\xE7\x9C\x8B\xE7\x82\xB9\n",
                                      "[sidebar]\n\xE6\x95\xB0\xE5\xAD\x97\xE7\x9C\x8B\xE7\x82\xB9\n"};
  for (int k = 0; k < 2; k++) {
    char err[512];
    qg_cues *c = cues_of_text(files[k], err, sizeof err);
    assert_non_null(c);
    assert_true(sidebar_of(c, "数字看点"));
    assert_true(sidebar_of(c, "【数字看点】今年以来"));
    assert_true(sidebar_of(c, "相关链接"));
    assert_true(sidebar_of(c, "编者按：今年以来，"));
    assert_false(sidebar_of(c, "数字"));
    assert_false(sidebar_of(c, "数字看点显示"));
    assert_false(sidebar_of(c, "相关链接的文章"));
    assert_false(sidebar_of(c, "X"));
    assert_false(sidebar_of(c, "Zebra"));
    assert_int_equal(sidebar_of(c, "Z"), k == 0);
    assert_int_equal(sidebar_of(c, "Z：今年以来"), k == 0);
    qg_cues_free(c);
  }
}

/* A masthead's parts and cells between TABs (session 19): lines that must be taken and lines
 * that must not. */
#define S(t) (t), strlen(t)
static void test_masthead_tabs(void **st) {
  (void)st;
  assert_true(qg_text_paper_name(S("清河日报")));
  assert_true(qg_text_paper_name(S("中国青年报")));
  assert_true(qg_text_paper_name(S("東湖日報")));
  assert_true(qg_text_paper_name(S("城市周刊")));
  assert_true(qg_text_paper_name(S("清河日报　")));
  assert_true(qg_text_paper_name(S("清河日报 ")));
  assert_false(qg_text_paper_name(S("报"))); /* (one character) */
  assert_false(qg_text_paper_name(S("清河日报社")));
  assert_false(qg_text_paper_name(S("本报讯")));
  assert_false(qg_text_paper_name(S("他说喜报。")));
  assert_false(qg_text_paper_name(S("Daily报")));
  assert_false(qg_text_paper_name(S("关于加强全市安全生产工作情况的通报"))); /* (over twelve characters) */
  assert_true(qg_text_folio_alone(S("第3版")));
  assert_true(qg_text_folio_alone(S("第A3版")));
  assert_true(qg_text_folio_alone(S("第三版")));
  assert_true(qg_text_folio_alone(S("　第12页 ")));
  assert_true(qg_text_folio_alone(S("第12頁")));
  assert_false(qg_text_folio_alone(S("3版")));
  assert_false(qg_text_folio_alone(S("第3版要闻")));
  assert_false(qg_text_folio_alone(S("详见第3版")));
  assert_false(qg_text_folio_alone(S("第3条")));
  assert_true(qg_text_masthead_date(S("2026年12月2日")));
  assert_true(qg_text_masthead_date(S("2026年12月2日 星期三")));
  assert_true(qg_text_masthead_date(S("2026年12月2日星期三")));
  assert_true(qg_text_masthead_date(S("2026年12月2日　周三　农历十月十三")));
  assert_true(qg_text_masthead_date(S("２０２６年１２月２日 星期三")));
  assert_false(qg_text_masthead_date(S("2026年12月2日 第3版")));
  assert_false(qg_text_masthead_date(S("2026年12月2日 星期八")));
  assert_false(qg_text_masthead_date(S("2026年12月2日 全市供暖")));
  assert_false(qg_text_masthead_date(S("2026年12月")));
  assert_false(qg_text_masthead_date(S("今年12月2日 星期三")));
  /* a running head with a page's code for its folio (session 41, probe 40 D4) */
  assert_true(qg_text_is_running_head(S("东湖日报 2026年12月5日 星期六 A17")));
  assert_true(qg_text_is_running_head(S("东湖日报 2026年12月5日 星期六 A17版")));
  assert_true(qg_text_is_running_head(S("东湖日报 2026年12月5日 B3")));
  assert_true(qg_text_is_running_head(S("东湖日报　2026年12月5日　星期六　17　")));
  assert_true(qg_text_is_running_head(S("东湖日报 ２０２６年１２月５日 星期六 Ａ１７")));
  assert_true(qg_text_is_running_head(S("A17 东湖日报 2026年12月5日 星期六")));
  assert_true(qg_text_is_running_head(S("东湖日报 2026年12月5日 星期六 第A17版"))); /* (as before) */
  assert_false(qg_text_is_running_head(S("国产大飞机C919")));
  assert_false(qg_text_is_running_head(S("新品发布会 2026 A1")));
  assert_false(qg_text_is_running_head(S("东湖日报 2026年12月5日 星期六 A1234")));
  assert_false(qg_text_is_running_head(S("东湖日报 2026年12月5日 星期六 AB17")));
  assert_false(qg_text_is_running_head(S("本报北京12月4日电 A17")));
  assert_false(qg_text_is_running_head(S("2026年12月5日 星期六 A17"))); /* (no paper's name) */
  assert_false(qg_text_is_running_head(S("东湖日报 A17")));           /* (no date) */
  assert_false(qg_text_is_running_head(S("东湖日报 12月5日 A17")));
  assert_false(qg_text_is_running_head(S("东湖日报记者 2026年12月5日 A17")));
  assert_false(qg_text_is_running_head(S("A17 东湖日报")));
  assert_false(qg_text_is_running_head(S("东湖日报 2026年12月5日 星期六 A17 要闻")));
  /* a dated running head with no 第N版 (session 44, probe 44 H6 and M5): a folio */
  assert_true(qg_text_is_folio(S("东湖日报　2026年4月7日　星期二　体育")));
  assert_true(qg_text_is_folio(S("东湖日报 2026年4月7日星期二 城市新闻 ")));
  assert_true(qg_text_is_folio(S("8　2026年7月21日　星期二")));
  assert_true(qg_text_is_folio(S("A8 2026年7月21日 周二")));
  assert_true(qg_text_is_folio(S("2026年7月21日　星期二　9")));
  assert_true(qg_text_is_folio(S("2026年7月21日星期二　B9")));
  assert_true(qg_text_is_folio(S("Ａ８　２０２６年７月２１日　星期二")));
  assert_false(qg_text_is_folio(S("2026年7月21日，星期二　9")));
  assert_false(qg_text_is_folio(S("8月　2026年7月21日　星期二")));
  assert_false(qg_text_is_folio(S("东湖日报　2026年4月7日　体育")));          /* (no weekday) */
  assert_false(qg_text_is_folio(S("8　2026年7月21日")));
  assert_false(qg_text_is_folio(S("2026年7月21日　星期二")));                /* (a date alone) */
  assert_false(qg_text_is_folio(S("本报记者　王五　2026年4月7日　星期二")));  /* (a byline) */
  assert_false(qg_text_is_folio(S("东湖日报　2026年4月7日　星期二　星期三")));
  assert_false(qg_text_is_folio(S("东湖日报　2026年4月7日　星期二　头版刊登了一篇很长的通讯")));
  assert_false(qg_text_is_folio(S("1　2026年7月20日　星期一　报到")));        /* (a schedule's row) */
  /* the page's number and the date line, with its date (session 45, s45-folio: repair.c compares
   * the dates of a document's such lines) */
  uint32_t date = 0;
  assert_true(qg_text_page_date(S("8　2026年7月21日　星期二"), &date));
  assert_int_equal(date, 20260721);
  assert_true(qg_text_page_date(S("2026年7月21日　星期二　9"), &date));
  assert_int_equal(date, 20260721);
  assert_true(qg_text_page_date(S("2026年3月4日　星期三　12 "), &date));
  assert_int_equal(date, 20260304);
  assert_true(qg_text_page_date(S("Ａ８　２０２６年７月２１日　星期二"), &date));
  assert_int_equal(date, 20260721);
  assert_true(qg_text_page_date(S("2026年12月5日星期六　B9"), &date));
  assert_int_equal(date, 20261205);
  assert_false(qg_text_page_date(S("东湖日报　2026年4月7日　星期二　体育"), &date)); /* (the paper's name shape) */
  assert_false(qg_text_page_date(S("8　2026年7月21日"), &date));                     /* (no folio) */
  assert_false(qg_text_page_date(S("1　2026年7月20日　星期一　报到"), &date));
  assert_int_equal(qg_text_tab_cells(S("项目\t金额")), 1);
  assert_int_equal(qg_text_tab_cells(S("办公\t3400")), 1);
  assert_int_equal(qg_text_tab_cells(S("项目\t数量\t金额")), 2);
  assert_int_equal(qg_text_tab_cells(S("\t项目\t金额")), 1); /* (an indent is no cell) */
  assert_int_equal(qg_text_tab_cells(S("项目　金额")), 0);
  assert_int_equal(qg_text_tab_cells(S("今年以来全市经济\t运行平稳，")), 0);
  assert_int_equal(qg_text_tab_cells(S("今年以来全市的经济运行总体平稳\t各项指标")), 0);
  assert_int_equal(qg_text_tab_cells(S("项目\t")), 0);
  assert_int_equal(qg_text_tab_cells(S("\t")), 0);
}
#undef S

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_builtin_lazy), /* (first: nothing compiled before it) */
      cmocka_unit_test(test_first_bitmaps),
      cmocka_unit_test(test_cue_tables),
      cmocka_unit_test(test_cue_serialized),
      cmocka_unit_test(test_engines),
      cmocka_unit_test(test_builtin_cues),
      cmocka_unit_test(test_filters),
      cmocka_unit_test(test_builtin_forms),
      cmocka_unit_test(test_custom_syntax),
      cmocka_unit_test(test_scan),
      cmocka_unit_test(test_parts_at_every_cut),
      cmocka_unit_test(test_shared_as_written),
      cmocka_unit_test(test_long_text_patterns),
      cmocka_unit_test(test_sidebar_labels),
      cmocka_unit_test(test_masthead_tabs),
      cmocka_unit_test(test_jump_ref), /* (last: the random texts of the others stay as they were) */
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
