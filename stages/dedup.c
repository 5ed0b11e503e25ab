/* dedup.c: repeated and near-repeated paragraphs (docs/dedup.md).
 * Each block of at least QG_DEDUP_MIN_CHARS characters gets a fingerprint (neardup.h) and is
 * looked up, first exactly (the same letters and digits), then, for body paragraphs and
 * captions, among the near-duplicates of the index (similarity >= options.near_threshold,
 * numbers that agree with no figure replaced, identifiers and labels that agree: neardup.h;
 * session 23, probe 23 H1: a listing with another price, a sign of a horoscope):
 * the earliest kept paragraph it nearly repeats.
 * A repeat is reported under dup-paragraph (exact) or dup-near with the paragraph it repeats
 * (source, line, SimHash distance, similarity); --dedup=drop removes it, --dedup=mark keeps it
 * and records what it repeats. Only kept paragraphs enter the index, so every repeat points at
 * a paragraph that is in the output. Scope doc clears the index at each document; scope run
 * keeps it for the pipeline's life (memory: qg_ndx_bytes, about 0.8-1.9 KB per paragraph).
 * With options.archive, every paragraph is also looked up in the archive (dup-archive, report
 * only: clean never drops a paragraph because it was published before).
 * --dedup drop decides by article (probe 10c F3, docs/dedup.md "Articles"): an article with
 * new body text stays whole but for its repeated paragraphs; one without goes whole (its
 * section name stays when the next article has none), but never takes a line of text that
 * repeats nothing (a paragraph of any length, a heading read from a line of dialogue: probe 22
 * H12, text_line). Its other blocks are held until that is known; blocks leave the stage in
 * the order they came. */
#include "internal.h"
#include "neardup.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Default bound of the index's memory: with the rest of the pipeline, clean stays well under
 * 64 MiB on any input (13,000 to 34,000 indexed paragraphs of bench copy: far more than a page
 * or a book). */
#define QG_DEDUP_MEMORY ((size_t)32 << 20)

/* A generation of the index is full when what it fills (qg_ndx_used) reaches this percentage
 * of the bound, less QG_DEDUP_FIXED: the arrays and lists keep room to grow (up to half as much
 * again) and the tables are at most half full, so the memory the index holds (qg_ndx_bytes)
 * stays within the bound with two generations in it: at most 0.91 of it at bounds from 1 to 32
 * MiB on 50 MB of bench/corpus.py copy and on random Han paragraphs (docs/dedup.md). */
#define QG_DEDUP_GEN 25
#define QG_DEDUP_FIXED ((size_t)512 << 10) /* the order table and its counts, the tables' least
                                            * sizes */

/* Shorter blocks (an ornament, 本报讯, a one-word column name) legitimately repeat. */
#define QG_DEDUP_MIN_CHARS 10

/* A block held by --dedup drop until its article is decided: rule and ref when it is a
 * repeat itself (a title or subtitle; ref.source owned), section when it is a section name. */
typedef struct pend {
  qg_block *b;
  const char *rule;
  qg_dup_ref ref;
  bool body; /* a body paragraph or caption that is looked up (not a heading, not short): held
              * only when it repeats, to be removed in its turn (blocks leave the stage in
              * the order they came: lint decides a file by the lines that have passed) */
  bool inner; /* its repeat's first occurrence is a held block of its own article (probe 11a
               * F1: an exam's two questions with the same option line, read as kickers and a
               * title): the article repeats itself, not earlier text, so this repeat does not
               * make the article go whole, which would take the first occurrence with it */
  bool other; /* its repeat's first occurrence is in an earlier input (scope run) */
  bool seen;  /* found in the index, but never removed on its own (a heading, a table's row, a
               * schedule's entry): no new text of its article */
  qg_dup_ref seen_ref; /* seen, and what it repeats is not a held block of its own article:
                        * that block (source owned), named when the article goes whole (a
                        * byline removed with its article is reported as a repeat of its own
                        * first occurrence, not of the article's first repeat: session 39) */
  bool seen_other;     /* seen_ref is in an earlier input */
  bool fresh; /* it has a letter or digit and repeats nothing (neither a repeat nor found in the
               * index): with text_line, new text of its article (probe 22 H12) */
  bool sched_same, sched_other; /* a schedule's entry to report as dup-schedule when it goes on */
  uint32_t sched_line;  /* (held): the line it repeats, 0 for none; sched_same: in the listing */
  const char *sched_source; /* of the entry repeated; sched_other: in an earlier input */
} pend;

/* Held blocks of an article at most: past that (a run of short lines without a body
 * paragraph) they go on as they would alone. */
#define QG_DEDUP_HOLD 64

typedef struct meta {
  uint32_t source; /* index in sources */
  uint32_t line;
  uint32_t article; /* its article in its document */
  uint32_t sub;     /* the numbered headings and items before it (dedup_stage.sub_no) */
  uint32_t lead;    /* of a short record, its lead's hash (dedup_stage.lead; session 45) */
} meta;

/* The characters of t[0..n) but combining marks and variation selectors, which belong to the
 * character before them: a selector does not make a short paragraph long (probe 16 F8). */
static size_t base_count(const char *t, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n;) k += !qg_cp_is_mark(qg_utf8_next(t, n, &i));
  return k;
}

/* The Han characters, letters and digits of t, up to 3 (what resolve asks of a held line of an
 * article's own: （完） has one). */
static size_t word_chars(const char *t, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < 3;) {
    uint32_t c = qg_utf8_next(t, n, &i);
    k += qg_cp_is_han(c) || (c < 0x80 && ((c | 0x20) - (uint32_t)'a' < 26 || c - (uint32_t)'0' < 10)) ||
         c - 0xFF10u < 10u || c - 0xFF21u < 26u || c - 0xFF41u < 26u; /* (not ：？＠［…: review 44b) */
  }
  return k;
}

/* A body paragraph of fewer letters and digits than this that exactly repeats one of its own
 * article after another numbered heading or item (二、 三、 （一） 9. 10.) is kept and reported
 * (probe 11a F19: an exam's instruction 阅读下面的文字，完成下列各题。 under 二、 and again under
 * 三、; an option line under two questions; a notice's decision under each item). A line of
 * options (option_line) is kept at any length (probe 22 H13). docs/dedup.md, "Repeated on
 * purpose". */
#define QG_DEDUP_KEEP_CHARS 32

/* The bytes of a lead compared with another (parallel_leads: 40 Han characters), and how many
 * leads with a short record under them are remembered (session 46). */
#define QG_LEAD_BYTES 120
#define QG_REC_LEADS 64
#define QG_AR_HELD 4 /* titles held for their article's body (check_archive) */

/* The index keeps a window of the latest paragraphs in two generations: the current one takes
 * new paragraphs until they fill QG_DEDUP_GEN of the memory bound (qg_ndx_used: the bytes in
 * use, the arrays' room to grow left out); then the previous generation is dropped (qg_ndx_drop_before,
 * which keeps the memory for the paragraphs to come) and the current one becomes the previous.
 * One index, so a paragraph is looked up once; until the first drop it holds every paragraph,
 * and the earliest match is the one found. */
typedef struct dedup_stage {
  qg_stage base;
  uint64_t prev_exact; /* the exact hash of the block looked up before this one */
  bool prev_set;
  /* the exact hashes of the entries of the current listing (the schedule entries since the
   * last block that is none, 256 at most): a repeat of one of them is said
   * (dup-schedule); a repeat of an entry of an earlier listing is the same slot on another day
   * or channel (a weekly guide, a timetable: review 12b S10) and is kept silently, as a table's
   * row is */
  uint64_t listing[256];
  unsigned nlisting;
  qg_ndx *ndx;
  meta *m;        /* per entry of ndx */
  size_t nm, capm;
  uint32_t gen;   /* the first entry of the current generation */
  uint32_t doc_first; /* the first entry of the current document (taken back if it fails) */
  uint32_t mark_first; /* the first entry since qg_pipeline_mark (dedup_mark) */
  size_t gen_used; /* qg_ndx_used when it began */
  unsigned t_milli;
  qg_fp_work work;
  qg_fp fp;
  char **sources;
  size_t nsources, capsources;
  qg_archive *archive;
  bool archive_failed;
  char archive_err[512]; /* why the archive could not be used */
  bool full; /* the index reached options.dedup_memory: older paragraphs were dropped */
  /* the open list (consecutive items led by a bullet or an item number, qg_text_list_item):
   * its first index entry; a near repeat of an entry from there on is a sibling
   * written to one template, no repeat (docs/dedup.md, "Lists") */
  bool in_list;
  uint32_t list_first;
  uint32_t sub_no;      /* numbered headings and items of the document so far */
  uint32_t sub_line;    /* the line of the last one */
  uint32_t lead;        /* the exact hash's high half of the last block looked up that is no
                         * short record, row or schedule entry (a heading, a lead sentence, a
                         * paragraph of text): what a short record stands under (session 45) */
  uint32_t lead_line;   /* its line */
  bool lead_dup;        /* it is a repeat (removed, or held to be) */
  /* the lead's first QG_LEAD_BYTES bytes (cut at a character), and those of the leads a short
   * record was indexed under (a ring, by their hash): whether two leads are parallel
   * (parallel_leads; session 46) */
  char lead_text[QG_LEAD_BYTES];
  uint8_t lead_len;
  struct { uint32_t hash; uint8_t len; char text[QG_LEAD_BYTES]; } rec_lead[QG_REC_LEADS];
  unsigned rec_next;
  bool bounded; /* a near lookup of this document was bounded (qg_ndx_window): said once */
  char **kept_src; /* names of inputs a marked block's duplicate_of points at, when no longer
                    * in sources (a held block's reference is a copy, freed once decided) */
  size_t nkept_src, capkept_src;
  /* --dedup drop decides by article (docs/dedup.md, "Articles"): the blocks of the open article
   * that are no body paragraph are held until one of its body paragraphs is new (the article
   * stays, headings and all) or the article ends with none (its text repeats: it goes whole,
   * a section name passed on to the next article) */
  struct pend *hold;
  size_t nhold, caphold;
  uint32_t cur_art;     /* the open article's number */
  bool art_open;        /* a block of it has been seen */
  bool art_new;         /* one of its body paragraphs is new: no more holding */
  bool art_rep;         /* a body paragraph (or a held title) of it was a repeat */
  bool art_near;        /* …a near one (session 44: resolve) */
  bool art_line;        /* a heading of it that reads as a line of text (text_line) repeats
                         * nothing: it stays unless the article has a byline or credit */
  uint32_t art_first;   /* the first index entry since it opened (its held blocks' entries) */
  qg_dup_ref art_ref;   /* what its first repeat repeats (source owned) */
  bool art_other;       /* ... in an earlier input */
  const char *art_rule;
  /* a title or subtitle found in the archive waits for its article's first body paragraph
   * looked up there (session 48, probe 48 M4: a recurring column title over a new article was
   * a dup-archive error): said before it when that one is found too, or when the article has
   * none; dropped when it is new text (ar_state 1), said at once when it was not (2) */
  struct ar_held {
    qg_pos start, end;
    qg_dup_ref ref; /* strings owned: source, title, date, record */
    char *extra;
  } ar_held[QG_AR_HELD];
  unsigned nar_held;
  uint32_t ar_art; /* the article they and ar_state are of */
  uint8_t ar_state; /* 0 no body paragraph of it looked up yet, 1 new text, 2 published */
  /* options.near_features words: a segmenter of our own, with the built-in dictionary only,
   * so that sketches from any run (and the archive's) are made alike */
  qg_dict *dict;
  qg_segmenter *seg;
  qg_tokvec toks;
} dedup_stage;

/* The fingerprint of b with its sketch, of the features options.near_features asks for; a
 * sketch of characters is left to qg_fp_sketch (sketch below), as an exact repeat needs none. */
static int make_fp(dedup_stage *ds, const qg_block *b) {
  if (qg_ctx_options(ds->base.ctx)->near_features != QG_FEATURES_WORDS)
    return qg_fp_make_lazy(&ds->work, b->text.ptr, b->text.len, &ds->fp);
  char err[256];
  if (!ds->dict && !(ds->dict = qg_dict_new(NULL, err, sizeof err))) return QG_ERR_NOMEM;
  if (!ds->seg && !(ds->seg = qg_segmenter_new(ds->dict))) return QG_ERR_ICU;
  int rc = qg_segment_words(ds->seg, b->text.ptr, b->text.len, &ds->toks);
  return rc ? rc : qg_fp_make_words(&ds->work, b->text.ptr, b->text.len, ds->toks.v, ds->toks.n,
                                    &ds->fp);
}

/* A document's name and its record id (qg_docinfo.record) are held in one string, so that a
 * reference's copy (src_dup) carries both: the name and its NUL, then 1, the id and its NUL, or
 * 0 for none. src_record gives the id of such a string, or NULL. */
static const char *src_record(const char *s) {
  const char *r = s + strlen(s) + 1;
  return *r == 1 ? r + 1 : NULL;
}

static char *src_dup(const char *s) {
  const char *r = src_record(s);
  size_t n = strlen(s) + 2 + (r ? strlen(r) + 1 : 0);
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

static int add_source(dedup_stage *ds, const char *name, const char *record) {
  if (ds->nsources == ds->capsources) {
    size_t cap = ds->capsources ? ds->capsources * 2 : 16;
    char **v = realloc(ds->sources, cap * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    ds->sources = v;
    ds->capsources = cap;
  }
  if (!name) name = "-";
  size_t n = strlen(name), m = record ? strlen(record) + 1 : 0;
  char *s = malloc(n + 2 + m);
  if (!s) return QG_ERR_NOMEM;
  memcpy(s, name, n + 1);
  s[n + 1] = record ? 1 : 0;
  if (record) memcpy(s + n + 2, record, m);
  ds->sources[ds->nsources++] = s;
  return 0;
}

/* The names of inputs no kept paragraph comes from any more (scope run over many files, after
 * a drop): freed, so that the names held stay as bounded as the index. */
static void trim_sources(dedup_stage *ds) {
  uint32_t first = ds->nm ? ds->m[0].source : (uint32_t)(ds->nsources - 1);
  if (!first || ds->nsources < 2) return;
  if (first > ds->nsources - 1) first = (uint32_t)(ds->nsources - 1); /* the current one stays */
  for (uint32_t i = 0; i < first; i++) free(ds->sources[i]);
  memmove(ds->sources, ds->sources + first, (ds->nsources - first) * sizeof *ds->sources);
  ds->nsources -= first;
  for (size_t i = 0; i < ds->nm; i++) ds->m[i].source -= first;
}

static bool near_kind(qg_kind k) { return k == QG_KIND_P || k == QG_KIND_CAPTION; }
/* Lines that name people or sections (bylines, credits, author tags, section names, kickers,
 * subheads) legitimately repeat from article to article, and from the archive: 本报记者 李明
 * 通讯员 赵丽 under two articles of a page is no repeat. Body paragraphs, captions, titles and
 * subtitles are looked up. */
static bool dedup_kind(qg_kind k) {
  return k == QG_KIND_P || k == QG_KIND_CAPTION || k == QG_KIND_TITLE || k == QG_KIND_SUBTITLE;
}

/* "line N" or "SOURCE line N" of ref, as the current document sees it; other: ref is in an
 * earlier input, named even when it has the current one's name (scope run, one file given
 * twice: "a.txt:3: repeats line 3" read as a repeat of its own line). A record of another
 * document with an id: `SOURCE line N (id "ID")`. */
static void where_of(const dedup_stage *ds, const qg_dup_ref *ref, bool other, char *w,
                     size_t n) {
  const char *cur = ds->sources[ds->nsources - 1];
  if (!strcmp(ref->source, cur) && other)
    snprintf(w, n, "%s line %u (an earlier input)", ref->source, ref->line);
  else if (other || strcmp(ref->source, cur)) snprintf(w, n, "%s line %u", ref->source, ref->line);
  else snprintf(w, n, "line %u", ref->line);
  size_t k = strlen(w);
  if (ref->record && (other || strcmp(ref->source, cur)) && k < n)
    snprintf(w + k, n - k, " (id \"%s\")", ref->record);
}

/* A name of an input (as sources holds it: the name, a byte, the record's id) that outlives a
 * marked block's emission: the same in sources, else a copy the stage keeps until it is freed
 * (session 43: with --dedup mark a held block's reference is a copy, freed once its article
 * is decided). NULL when out of memory. */
static bool same_src(const char *t, const char *s) {
  const char *tr = src_record(t), *r = src_record(s);
  return t == s || (!strcmp(t, s) && !tr == !r && (!r || !strcmp(tr, r)));
}
static const char *src_keep(dedup_stage *ds, const char *s) {
  for (size_t i = ds->nsources; i-- > 0;)
    if (same_src(ds->sources[i], s)) return ds->sources[i];
  for (size_t i = ds->nkept_src; i-- > 0;)
    if (same_src(ds->kept_src[i], s)) return ds->kept_src[i];
  if (ds->nkept_src == ds->capkept_src) {
    size_t cap = ds->capkept_src ? ds->capkept_src * 2 : 8;
    char **v = realloc(ds->kept_src, cap * sizeof *v);
    if (!v) return NULL;
    ds->kept_src = v;
    ds->capkept_src = cap;
  }
  char *d = src_dup(s);
  if (d) ds->kept_src[ds->nkept_src++] = d;
  return d;
}

static int report_sev(qg_ctx *ctx, const char *rule, int sev, qg_pos at, qg_pos end,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int report_sev(qg_ctx *ctx, const char *rule, int sev, qg_pos at, qg_pos end,
                      const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = qg_report_sev(ctx, rule, sev, at, end, NULL, NULL, false, fmt, ap);
  va_end(ap);
  return rc;
}

/* Reports b as a repeat of ref (other: in an earlier input): removed (drop) or kept and marked
 * (mark). */
static int report_dup(dedup_stage *ds, qg_block *b, const char *rule, const qg_dup_ref *ref,
                      bool other) {
  qg_ctx *ctx = ds->base.ctx;
  char where[1600];
  where_of(ds, ref, other, where, sizeof where);
  int rc;
  qg_ctx_set_dup(ctx, ref);
  if (qg_ctx_options(ctx)->dedup == QG_DEDUP_DROP) {
    if (ref->near)
      rc = qg_block_remove(ctx, b, rule, ref->line,
                           "paragraph nearly repeats %s (similarity %.2f): removed", where,
                           ref->similarity);
    else
      rc = qg_block_remove(ctx, b, rule, ref->line, "paragraph repeats %s: removed", where);
    qg_ctx_set_dup(ctx, NULL);
    return rc;
  }
  b->dup_of_line = ref->line;
  b->dup = *ref;
  b->has_dup = true;
  if (!(b->dup.source = src_keep(ds, ref->source))) {
    qg_ctx_set_dup(ctx, NULL);
    qg_block_release(ctx, b);
    return QG_ERR_NOMEM;
  }
  b->dup.record = src_record(b->dup.source);
  if (ref->near)
    rc = qg_report(ctx, rule, qg_block_pos(b, 0), qg_block_pos(b, b->text.len), NULL, NULL,
                   false, "paragraph nearly repeats %s (similarity %.2f)", where,
                   ref->similarity);
  else
    rc = qg_report(ctx, rule, qg_block_pos(b, 0), qg_block_pos(b, b->text.len), NULL, NULL,
                   false, "paragraph repeats %s", where);
  qg_ctx_set_dup(ctx, NULL);
  if (rc) {
    qg_block_release(ctx, b);
    return rc;
  }
  return qg_stage_emit(&ds->base, b);
}

/* Keeps b, an exact repeat of a paragraph of its article under another numbered heading or item:
 * a short one (an instruction or a decision repeated by design, QG_DEDUP_KEEP_CHARS) or a line
 * of options (option_line, any length); or (session 45, record) a short record under another
 * lead (short_record); marked as --dedup mark marks it, and reported as a warning (since
 * session 46 a record under a rule of its own, dup-record, which lint does not fail on: a
 * record of votes is right as it is). */
enum { KEEP_SHORT, KEEP_OPTIONS, KEEP_RECORD };
static int keep_dup(dedup_stage *ds, qg_block *b, const qg_dup_ref *ref, int why) {
  qg_ctx *ctx = ds->base.ctx;
  b->dup_of_line = ref->line;
  b->dup = *ref;
  b->has_dup = true;
  qg_ctx_set_dup(ctx, ref);
  int rc = why == KEEP_RECORD
               ? report_sev(ctx, "dup-record", QG_SEV_WARNING, qg_block_pos(b, 0),
                            qg_block_pos(b, b->text.len),
                            "paragraph repeats line %u, under another lead (line %u): kept, as a "
                            "short record with figures (a vote, a result) repeated under each "
                            "item is; remove it if it is a stray copy",
                            ref->line, ds->lead_line)
               : report_sev(ctx, "dup-paragraph", QG_SEV_WARNING, qg_block_pos(b, 0),
                            qg_block_pos(b, b->text.len),
                            "paragraph repeats line %u, under another numbered heading or item "
                            "(line %u): kept, as %s repeated under each item is; remove it if it "
                            "is a stray copy",
                            ref->line, ds->sub_line,
                            why == KEEP_OPTIONS ? "a line of an exam's options"
                                                : "a short instruction, option or decision");
  qg_ctx_set_dup(ctx, NULL);
  if (rc) {
    qg_block_release(ctx, b);
    return rc;
  }
  return qg_stage_emit(&ds->base, b);
}

/* Whether the three bytes at t are a unit of a date or a time (年 月 日 号 时 点 分 秒), after
 * which a figure is no quantity (short_record). */
static bool date_unit(const unsigned char *t) {
  uint32_t c = (uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2];
  return c == 0xE5B9B4 || c == 0xE69C88 || c == 0xE697A5 || c == 0xE58FB7 || c == 0xE697B6 ||
         c == 0xE782B9 || c == 0xE58886 || c == 0xE7A792;
}

/* Whether b, a paragraph of fp->chars letters, digits and Han characters, is a short record
 * (session 45, probe 44 H4): a body paragraph of fewer than QG_DEDUP_KEEP_CHARS of them with two
 * quantities or more (runs of ASCII or full-width digits; a clock time or a decimal, 19:00 3.5,
 * is one; a figure before 年 月 日 号 时 点 分 秒 or after 第 is a date, a time or a rank, none), not
 * ending as a question or an exclamation: the result that a lead sentence or heading introduces
 * (表决结果：赞成471票，反对6票，弃权9票。 under each resolution of a record of votes), not a
 * diary's date line (2026年3月2日　星期一　晴) or a citation (2026年4月7日第8版). Its exact repeat in
 * its article under another lead is another item's result, kept (keep_dup); under the same lead
 * (the lead pasted too, and removed as a repeat) it is a copy. */
static bool short_record(const qg_block *b, const qg_fp *fp, bool counted) {
  if (b->kind != QG_KIND_P || fp->chars >= QG_DEDUP_KEEP_CHARS) return false;
  if (counted && fp->nnum < 2) return false; /* (counted: fp has its numbers, a figure of two
                                              * parts two of them: a scan for fewer is none) */
  /* read as bytes: a digit, a point or colon, a question's or an exclamation's mark, a space,
   * anything else (full-width: EF BC 90..99, 8E 9A, 9F 81; U+3000 E3 80 80) */
  enum { OTHER, DIGIT, POINT, END, SPACE };
  const unsigned char *t = (const unsigned char *)b->text.ptr;
  size_t n = b->text.len, figs = 0;
  int prev = OTHER, prev2 = OTHER, last = OTHER;
  bool fig = false; /* the run of digits that ends here opened a quantity */
  for (size_t i = 0; i < n;) {
    unsigned char c = t[i];
    int k = OTHER;
    size_t at = i;
    if (c < 0x80) {
      k = (unsigned)(c - '0') < 10u ? DIGIT : c == ':' || c == '.' ? POINT
          : c == '?' || c == '!' ? END : c == ' ' ? SPACE : OTHER;
      i++;
    } else {
      if (i + 2 < n && c == 0xEF && t[i + 1] == 0xBC) {
        unsigned char d = t[i + 2];
        k = d >= 0x90 && d <= 0x99 ? DIGIT : d == 0x8E || d == 0x9A ? POINT
            : d == 0x9F || d == 0x81 ? END : OTHER;
      } else if (i + 2 < n && c == 0xE3 && t[i + 1] == 0x80 && t[i + 2] == 0x80) {
        k = SPACE;
      }
      i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    }
    /* a run of digits opens: a figure, unless it goes on one (19:00, 3.5) or follows 第 */
    if (k == DIGIT && prev != DIGIT && !(prev == POINT && prev2 == DIGIT)) {
      fig = !(at >= 3 && !memcmp(t + at - 3, "\xE7\xAC\xAC", 3)); /* 第 */
      figs += fig;
    }
    if (k != DIGIT && prev == DIGIT && fig && at + 3 <= n && date_unit(t + at)) figs--, fig = false;
    prev2 = prev, prev = k;
    if (k != SPACE) last = k;
  }
  return figs >= 2 && last != END;
}

/* The bytes of an option label's mark at s[i] (. ． 、, or with brackets ) ）), 0 for none. */
static size_t option_mark(const char *s, size_t n, size_t i, bool bracket) {
  if (i >= n) return 0;
  if (bracket) return s[i] == ')' ? 1 : i + 3 <= n && !memcmp(s + i, "）", 3) ? 3 : 0;
  if (s[i] == '.') return 1;
  return i + 3 <= n && (!memcmp(s + i, "．", 3) || !memcmp(s + i, "、", 3)) ? 3 : 0;
}

/* The end of an option label (A． A. A、 (A) （A）: a capital A to H) of letter c at s[i], 0 for
 * none; c 0: any letter, put in *got. Not within a word or a figure (XA. 3A.). */
static size_t option_label_at(const char *s, size_t n, size_t i, char c, char *got) {
  if (i > 0 && ((s[i - 1] >= 'A' && s[i - 1] <= 'Z') || (s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                (s[i - 1] >= '0' && s[i - 1] <= '9')))
    return 0;
  bool bracket = false;
  if (s[i] == '(') i++, bracket = true;
  else if (i + 3 <= n && !memcmp(s + i, "（", 3)) i += 3, bracket = true;
  if (i >= n || s[i] < 'A' || s[i] > 'H' || (c && s[i] != c)) return 0;
  if (got) *got = s[i];
  size_t m = option_mark(s, n, i + 1, bracket);
  if (m == 1 && !bracket && i + 2 < n && s[i + 2] >= '0' && s[i + 2] <= '9' && !c)
    return 0; /* A.1 opens a section of an appendix */
  return m ? i + 1 + m : 0;
}

/* Whether b is a line of an exam's options: it opens with an option label and holds the next
 * one (A．…　B．…, C．… D．…, （A）… （B）…). Repeated under another question of its article it
 * is kept whatever its length (probe 22 H13: the options of a reading question, 36 letters, are
 * shared by the question after it, 正确的一项是 / 不正确的一项是). */
static bool option_line(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  char first = 0;
  size_t i = n ? option_label_at(s, n, 0, 0, &first) : 0;
  if (!i) return false;
  bool bracket = s[0] == '(' || (unsigned char)s[0] == 0xEF;
  for (; i + 1 < n; i++) {
    if (bracket ? s[i] != '(' && (unsigned char)s[i] != 0xEF : s[i] != first + 1) continue;
    if (option_label_at(s, n, i, (char)(first + 1), NULL)) return true;
  }
  return false;
}

/* Reports ref, a paragraph of the archive that the text at [start, end) repeats (extra: its id,
 * title and date in brackets, or ""). */
static int report_archive(qg_ctx *ctx, qg_pos start, qg_pos end, const qg_dup_ref *ref,
                          const char *extra) {
  int rc;
  qg_ctx_set_dup(ctx, ref);
  if (ref->near)
    rc = qg_report(ctx, "dup-archive", start, end, NULL, NULL, false,
                   "paragraph was published before: %s line %u%s, similarity %.2f", ref->source,
                   ref->line, extra, ref->similarity);
  else
    rc = qg_report(ctx, "dup-archive", start, end, NULL, NULL, false,
                   "paragraph was published before: %s line %u%s", ref->source, ref->line, extra);
  qg_ctx_set_dup(ctx, NULL);
  return rc;
}

static void ar_held_free(struct ar_held *h) {
  free((char *)h->ref.source), free((char *)h->ref.title), free((char *)h->ref.date);
  free((char *)h->ref.record), free(h->extra);
}

/* The held titles' reports: said (say), or dropped (their article has new text). */
static int ar_release(dedup_stage *ds, bool say) {
  int rc = 0;
  for (unsigned i = 0; i < ds->nar_held; i++) {
    struct ar_held *h = &ds->ar_held[i];
    if (say && !rc) rc = report_archive(ds->base.ctx, h->start, h->end, &h->ref, h->extra);
    ar_held_free(h);
  }
  ds->nar_held = 0;
  return rc;
}

static char *dup_or_null(const char *s, bool *bad) {
  if (!s) return NULL;
  char *d = strdup(s);
  if (!d) *bad = true;
  return d;
}

static int check_archive(dedup_stage *ds, qg_block *b, bool near) {
  qg_ctx *ctx = ds->base.ctx;
  qg_dup_ref ref;
  bool found = false;
  int rc;
  if (b->article != ds->ar_art) { /* another article: its titles said if it had no body text */
    if ((rc = ar_release(ds, true))) return rc;
    ds->ar_art = b->article;
    ds->ar_state = 0;
  }
  const bool title = b->kind == QG_KIND_TITLE || b->kind == QG_KIND_SUBTITLE;
  /* (a part of a published paragraph, or one that holds one: looked for under body text only,
   * session 49) */
  qg_archive_set_part(ds->archive, near && !title);
  rc = qg_archive_lookup(ds->archive, &ds->fp, near ? ds->t_milli : 0, &ref, &found);
  if (rc == QG_ERR_IO) { /* the archive's fault, not the input's: named (probe 8 E5) */
    const char *why = qg_archive_error(ds->archive);
    if (!strncmp(why, "archive: ", 9)) why += 9;
    qg_ctx_set_errmsg(ctx, "%s: archive lookup failed: %s (checking %s line %u)",
                      qg_ctx_options(ctx)->archive, why, qg_ctx_docinfo(ctx)->source, b->line);
    return rc;
  }
  if (rc) return rc;
  unsigned part_milli = 0;
  const int inside = found ? qg_archive_part(ds->archive, &part_milli) : 0;
  if (!title && !ds->ar_state) { /* the article's first body paragraph looked up decides */
    ds->ar_state = found && !qg_archive_figures_only(ds->archive) && !inside ? 2 : 1;
    if ((rc = ar_release(ds, ds->ar_state == 2))) return rc;
  }
  if (!found) return 0;
  if (title && ds->ar_state == 1) return 0; /* (a title under new text: a subtitle, a part's) */
  /* ( id "ID", title, date ): what the archive holds of the three */
  char extra[1600] = "";
  const char *part[3] = {NULL, ref.title, ref.date};
  char id[QG_RECORD_MAX + 8];
  if (ref.record) snprintf(id, sizeof id, "id \"%s\"", ref.record), part[0] = id;
  for (int i = 0, k = 0; i < 3; i++) {
    if (!part[i]) continue;
    size_t used = strlen(extra);
    snprintf(extra + used, sizeof extra - used, "%s%s", k++ ? ", " : " (", part[i]);
  }
  if (extra[0]) snprintf(extra + strlen(extra), sizeof extra - strlen(extra), ")");
  /* a published paragraph with a figure or two changed (session 48, probe 48 M1): no repeat, as
   * in the index (No figure replaced), but said as a warning, the figures named */
  if (inside) { /* (session 49, probe 48 M2: a warning, as a part is no repeat of the whole) */
    qg_ctx_set_dup(ctx, &ref);
    rc = qg_report(ctx, "dup-archive-part", qg_block_pos(b, 0), qg_block_pos(b, b->text.len),
                   NULL, NULL, false,
                   inside == 1 ? "paragraph is part of one published before: %s line %u%s, "
                               "%u%% of its text there"
                             : "paragraph holds one published before: %s line %u%s, "
                               "%u%% of that text here",
                   ref.source, ref.line, extra, (part_milli + 5) / 10);
    qg_ctx_set_dup(ctx, NULL);
    return rc;
  }
  char figs[400];
  int fr = qg_archive_figures(ds->archive, b->text.ptr, b->text.len, figs, sizeof figs);
  if (!fr) return 0;
  if (fr > 0) {
    qg_ctx_set_dup(ctx, &ref);
    rc = qg_report(ctx, "dup-archive-figures", qg_block_pos(b, 0), qg_block_pos(b, b->text.len),
                   NULL, NULL, false,
                   "paragraph was published before with other figures: %s line %u%s, "
                   "similarity %.2f; figures changed: %s; check which is right",
                   ref.source, ref.line, extra, ref.similarity, figs);
    qg_ctx_set_dup(ctx, NULL);
    return rc;
  }
  if (title && !ds->ar_state && ds->nar_held < QG_AR_HELD) { /* held: its article decides */
    struct ar_held *h = &ds->ar_held[ds->nar_held];
    bool bad = false;
    *h = (struct ar_held){.start = qg_block_pos(b, 0), .end = qg_block_pos(b, b->text.len),
                          .ref = ref};
    h->ref.source = dup_or_null(ref.source, &bad);
    h->ref.title = dup_or_null(ref.title, &bad);
    h->ref.date = dup_or_null(ref.date, &bad);
    h->ref.record = dup_or_null(ref.record, &bad);
    h->extra = dup_or_null(extra, &bad);
    ds->nar_held++;
    return bad ? QG_ERR_NOMEM : 0;
  }
  return report_archive(ctx, qg_block_pos(b, 0), qg_block_pos(b, b->text.len), &ref, extra);
}

/* Whether caption b opens with a figure's or table's number: 图 圖 表 Fig. Figure Table, then
 * (white space and) a digit. */
static bool numbered_caption(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i;
  if (n >= 3 && (!memcmp(s, "图", 3) || !memcmp(s, "圖", 3) || !memcmp(s, "表", 3))) i = 3;
  else if (n >= 6 && (!memcmp(s, "Figure", 6) || !memcmp(s, "Table", 5))) i = s[5] == 'e' ? 6 : 5;
  else if (n >= 4 && !memcmp(s, "Fig.", 4)) i = 4;
  else return false;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  return i < n && s[i] >= '0' && s[i] <= '9';
}

/* The end of a clock time (one or two digits, a colon, two digits of minutes) at s[i], 0 when
 * none is there. */
/* Whether b is a schedule's entry (19:00 新闻联播, 7:00—9:00 北京新闻): a body paragraph that
 * opens with a clock time (or a span of two: - — – ～ ~ 至 到 between), white space and the
 * programme, at most 40 characters, with no sentence mark (。！？). A row of a listing, as a
 * table's row is: the same programme on two channels, the same film on two days (probe 12b
 * B16). A time-led paragraph that is a sentence (19:00，记者来到… or …开始。) is none. */
static bool schedule_entry_at(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len;
  if (b->kind != QG_KIND_P || n < 7 || n > 4 * 40) return false;
  size_t i = qg_text_clock_lead(s, n);
  if (!i || i >= n || qg_utf8_count(s, n) > 40) return false;
  return !strstr(s + i, "。") && !strstr(s + i, "！") && !strstr(s + i, "？");
}
/* Whether schedule entry b names a programme (a title after its time: at most 24 characters,
 * no comma or semicolon; 新闻、天气预报 is one: review 13 R10), the row a weekly guide or a
 * second channel repeats, not a news flash (09:30 央行宣布下调存款准备金率0.5个百分点，…),
 * whose repeat anywhere is said. */
static bool programme_entry(const qg_block *b) {
  const char *s = b->text.ptr;
  size_t n = b->text.len, i = qg_text_clock_lead(s, n);
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i + 3 <= n && !memcmp(s + i, "\xE3\x80\x80", 3)) i += 3; /* U+3000 */
  if (qg_utf8_count(s + i, n - i) > 16) return false;
  return !memchr(s + i, ',', n - i) && !memchr(s + i, ';', n - i) && !strstr(s + i, "，") &&
         !strstr(s + i, "；");
}
/* (most blocks open otherwise: one byte decides) */
static inline bool schedule_entry(const qg_block *b) {
  return (unsigned char)(b->text.ptr[0] - '0') <= 9 && schedule_entry_at(b);
}

/* Reports schedule entry b, kept, as a repeat of line of source (dup-schedule). */
static int report_schedule(dedup_stage *ds, const qg_block *b, const char *source, uint32_t line,
                           bool same_listing, bool other) {
  qg_ctx *ctx = ds->base.ctx;
  qg_dup_ref kref = {.source = source, .line = line, .similarity = 1.0,
                     .record = src_record(source)};
  char where[1600];
  where_of(ds, &kref, other, where, sizeof where); /* (another input named: review 13 R9) */
  qg_ctx_set_dup(ctx, &kref);
  int rc = qg_report(ctx, "dup-schedule", qg_block_pos(b, 0), qg_block_pos(b, b->text.len), NULL,
                     NULL, false,
                     same_listing ? "paragraph repeats %s of the same listing: kept, as a "
                                    "schedule's entry; remove it if it is a stray copy"
                                  : "paragraph repeats %s: kept, as a schedule's entry (a "
                                    "time and a programme) repeats in another listing; remove "
                                    "it if it is a stray copy",
                     where);
  qg_ctx_set_dup(ctx, NULL);
  return rc;
}

/* The code points of s[0..n) read as letters, digits and Han, at most max, in cp; returns how
 * many. A rough reading by range: ASCII letters and digits, and from U+3400 on all but the
 * full-width marks of U+FF00..FF0F and U+FF1A..FF20, so ～［］｛｝, the vertical and small forms
 * and U+FFFD are kept, and 〇 (U+3007) is dropped (read-through 46 F8; the leads compared are
 * prose, where these are rare). */
static size_t lead_chars(const char *s, size_t n, uint32_t *cp, size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < max;) {
    uint32_t c = qg_utf8_next(s, n, &i);
    bool ascii = c - '0' < 10u || (c | 0x20) - 'a' < 26u;
    if (c < 0x80 ? ascii : c >= 0x3400 && !(c >= 0xFF00 && c < 0xFF10) && !(c >= 0xFF1A && c < 0xFF21))
      cp[k++] = c;
  }
  return k;
}

/* The label a lead opens with (表决结果：, 议程：): the bytes before a colon (： or :) among its
 * first nine characters, 0 for none. */
static size_t lead_label(const char *s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < n && chars < 9; chars++) {
    if (s[i] == ':') return i;
    if (i + 3 <= n && !memcmp(s + i, "：", 3)) return i;
    unsigned char c = (unsigned char)s[i];
    i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  }
  return 0;
}

/* Whether s[0..n) is a tally: perhaps a label (lead_label: 表决结果：), then two items or more
 * set apart by ， 、 ； , or ;, each one to four Han characters, a figure (digits, perhaps a point)
 * and at most two Han characters or a per-cent sign as its unit (赞成28票，反对0票，弃权1票。
 * 得分9.5分，排名第1). Such a record is what an item's result is written as, kept under another
 * lead (review 46 H1); a sentence (据统计，今年…1200万人次) or a quotation (他说：“…12万斤…”) is
 * none. */
static bool tally_line(const char *s, size_t n) {
  size_t i = lead_label(s, n);
  if (i) i += s[i] == ':' ? 1 : 3;
  unsigned items = 0;
  while (i < n) {
    unsigned han = 0, digits = 0, unit = 0;
    size_t j = i;
    uint32_t c = 0;
    while (j < n) { /* the item's label */
      size_t k = j;
      c = qg_utf8_next(s, n, &k);
      if (!qg_cp_is_han(c)) break;
      han++, j = k;
    }
    for (;;) { /* white space between label and figure (赞成 471票) */
      if (j < n && s[j] == ' ') j++;
      else if (j + 3 <= n && !memcmp(s + j, "\xE3\x80\x80", 3)) j += 3; /* U+3000 */
      else break;
    }
    while (j < n) { /* its figure */
      size_t k = j;
      c = qg_utf8_next(s, n, &k);
      if (qg_cp_digit(c) < 0 && c != '.' && c != 0xFF0E) break;
      digits++, j = k;
    }
    while (j < n) { /* its unit */
      size_t k = j;
      c = qg_utf8_next(s, n, &k);
      if (!qg_cp_is_han(c) && c != '%' && c != 0xFF05) break;
      unit++, j = k;
    }
    if (han < 1 || han > 4 || !digits || unit > 2) return false;
    items++;
    if (j >= n) break;
    size_t k = j;
    c = qg_utf8_next(s, n, &k);
    if (c == 0x3002 || c == '.') { /* 。 at the end */
      if (k < n) return false;
      break;
    }
    if (c != 0xFF0C && c != 0x3001 && c != 0xFF1B && c != ',' && c != ';') return false;
    i = k;
  }
  return items >= 2;
}

/* Whether labels a[0..la) and b[0..lb) (lead_label) differ only in numerals, one for one, and
 * share two characters or more (议题一 议题二, 第1项 第2项). */
static bool numbered_labels(const char *a, size_t la, const char *b, size_t lb) {
  uint32_t ca[9], cb[9];
  size_t ka = lead_chars(a, la, ca, 9), kb = lead_chars(b, lb, cb, 9), same = 0;
  if (ka != kb) return false;
  for (size_t j = 0; j < ka; j++) {
    if (ca[j] == cb[j]) {
      same++;
    } else if (!((qg_cp_digit(ca[j]) >= 0 || qg_cp_cn_numeral(ca[j])) &&
                 (qg_cp_digit(cb[j]) >= 0 || qg_cp_cn_numeral(cb[j])))) {
      return false;
    }
  }
  return same >= 2 && same < ka;
}

/* Whether two leads (a[0..na), b[0..nb): their first bytes) are parallel, as two items a short
 * record repeats under are (session 46, review 45 M3): they share a label (表决结果：…), or nearly
 * repeat each other, as two resolutions' titles do (会议表决通过了关于市人民政府工作报告的决议。 and
 * …关于计划执行情况报告的决议。): of the pairs of adjacent letters, digits and Han characters, the
 * shared ones (each once) are 2/5 of them at least (Dice's coefficient over the first 40). A
 * paragraph of news and the next one share few (a stray sentence pasted under another
 * paragraph: 东湖旅游市场持续升温 | 市文旅局负责人介绍，…). */
static bool parallel_leads(const char *a, size_t na, const char *b, size_t nb) {
  size_t la = lead_label(a, na), lb = lead_label(b, nb);
  if (la && la == lb && !memcmp(a, b, la)) return true;
  uint32_t ca[40], cb[40];
  size_t ka = lead_chars(a, na, ca, 40), kb = lead_chars(b, nb, cb, 40);
  if (ka < 2 || kb < 2) return false;
  /* two leads whose labels differ only in their item's numeral (议题一： and 议题二：, 第1项： and
   * 第2项：: review 46 H1) are items of one list */
  if (la && lb && numbered_labels(a, la, b, lb)) return true;
  uint64_t used = 0; /* (39 pairs at most) */
  size_t shared = 0;
  for (size_t i = 0; i + 1 < ka; i++)
    for (size_t j = 0; j + 1 < kb; j++)
      if (!(used >> j & 1) && ca[i] == cb[j] && ca[i + 1] == cb[j + 1]) {
        used |= 1ull << j, shared++;
        break;
      }
  return 5 * 2 * shared >= 2 * ((ka - 1) + (kb - 1));
}

/* Whether the lead of the entry a short record repeats (hash h) and the current one are
 * parallel (parallel_leads); not when the first copy stood under no lead (h 0: s46-keys M3,
 * under a title too short to be one). When that lead is no longer
 * remembered (QG_REC_LEADS records indexed since), nothing shows the copy is stray: kept, as
 * before session 46 (read46: a record was kept with 63 others indexed between it and its
 * first copy, removed with 64). */
static bool leads_parallel(const dedup_stage *ds, uint32_t h) {
  if (!h) return false;
  for (unsigned k = 0; k < QG_REC_LEADS; k++) {
    unsigned i = (ds->rec_next + QG_REC_LEADS - 1 - k) % QG_REC_LEADS;
    if (ds->rec_lead[i].len && ds->rec_lead[i].hash == h)
      return parallel_leads(ds->rec_lead[i].text, ds->rec_lead[i].len, ds->lead_text,
                            ds->lead_len);
  }
  return true;
}

/* Looks b up (and in the archive), and indexes it when it is kept. Without p: removes it when
 * it is a repeat to remove (--dedup drop), or marks it, else emits it. With p (--dedup drop,
 * article undecided): neither removes nor emits it, but says in *p whether it is a body
 * paragraph and, when it is a repeat to remove, what it repeats (p->ref.source owned). */
static int dedup_one(dedup_stage *ds, qg_block *b, pend *p) {
  qg_stage *s = &ds->base;
  if (p) *p = (pend){.b = b};
  /* Which repeats are removed: a body paragraph, caption, title or subtitle of 10 characters or
   * more; and every block of an article whose title or subtitle repeats (an article pasted
   * twice: its byline, short caption and credit go with it). Other blocks (bylines, credits,
   * a reporter's closing tag, short lines) are indexed, so that such an article finds them,
   * but their own repeats are legitimate (one reporter, two articles) and are kept. */
  /* a table's row (figures, or cells padded with ideographic spaces) repeats legitimately: two
   * items with the same cells (review 10 R5: padded rows became paragraphs of their own, and a
   * repeated row was removed); so does a schedule's entry (probe 12b B16) */
  /* (and a numbered figure's or table's caption, 图1 产品外观示意图, Fig. 2 …: its number makes
   * it unique in its place, a second one is a list-of-figures entry or a caption repeated
   * over a series; review 11 C14) */
  bool sched = schedule_entry(b), contact = false, folio = false;
  bool display = !dedup_kind(b->kind) ||
                 (b->kind == QG_KIND_P && b->dateline_len && b->dateline_len >= b->text.len) ||
                 b->table_row || (b->kind == QG_KIND_CAPTION && numbered_caption(b)) ||
                 sched || b->verbatim || /* (code repeats its lines: probe 13 C5) */
                 /* (a page's folio or running head, a `p` of the structure stage: review 17 H2) */
                 (folio = b->kind == QG_KIND_P && b->text.len <= 96 &&
                          qg_text_is_folio(b->text.ptr, b->text.len)) ||
                 /* (a contact line, 联系电话：0571-88886666, a `p` alone since session 24: two
                  * notices of one page end with the same one, as two articles have one byline;
                  * session 25) */
                 (contact = b->kind == QG_KIND_P && qg_text_contact_line(b->text.ptr, b->text.len));
  if (!sched) ds->nlisting = 0; /* a heading, a day's name, any other block: a new listing */
  /* a character is at most 4 bytes: a long block needs no count */
  bool is_short = b->text.len < 4 * QG_DEDUP_MIN_CHARS &&
                  base_count(b->text.ptr, b->text.len) < QG_DEDUP_MIN_CHARS;
  bool removable = !display && !is_short;
  bool near = ds->t_milli && near_kind(b->kind) && !display && !is_short;
  if (p) p->body = near_kind(b->kind) && !display && !is_short;
  int rc = near ? make_fp(ds, b) : qg_fp_make_exact(&ds->work, b->text.ptr, b->text.len, &ds->fp);
  if (rc) goto fail;
  qg_fp *fp = &ds->fp;
  bool under_copy = ds->prev_set && fp->chars && fp->exact == ds->prev_exact;
  ds->prev_exact = fp->exact;
  ds->prev_set = fp->chars != 0;
  /* a short record stands under the lead before it: the last block of ten characters or more
   * (a heading or a sentence; not 表决结果如下：, which every item may repeat) that is no short
   * record, row or schedule's entry (session 45); nor a page's folio or running head, nor a
   * contact line, which a page break or a notice's end sets between a lead and its record and
   * which repeat on every page (read45: a pasted record under a running head was kept) */
  bool record = fp->chars && !is_short && short_record(b, fp, near); /* (a short block is neither) */
  const bool lead = fp->chars && !record && !b->table_row && !sched && !is_short && !folio &&
                    !contact;
  if (lead) {
    ds->lead = (uint32_t)(fp->exact >> 32);
    ds->lead_line = b->line;
    ds->lead_dup = false;
    size_t n = b->text.len < QG_LEAD_BYTES ? b->text.len : QG_LEAD_BYTES;
    while (n < b->text.len && n && ((unsigned char)b->text.ptr[n] & 0xC0) == 0x80) n--;
    memcpy(ds->lead_text, b->text.ptr, n);
    ds->lead_len = (uint8_t)n;
  }
  /* (a listing under a heading an earlier one had is not taken for a paste: in a weekly guide
   * set day | channel | programmes, 中央二套 heads a listing under each day; review 13 R4) */
  bool same_listing = false;
  if (sched) {
    for (unsigned i = 0; i < ds->nlisting && !same_listing; i++)
      same_listing = ds->listing[i] == fp->exact;
    if (!same_listing && ds->nlisting < sizeof ds->listing / sizeof *ds->listing)
      ds->listing[ds->nlisting++] = fp->exact;
  }
  if (!fp->chars) { /* no letter or digit: nothing to compare */
    if (p) p->body = false;
    return p ? 0 : qg_stage_emit(s, b);
  }
  if (ds->archive && !display && !is_short) {
    qg_fp_sketch(&ds->work, fp);
    if ((rc = check_archive(ds, b, near))) goto fail;
  }

  qg_dup_ref ref = {0};
  const char *rule = NULL;
  qg_ndx *x = ds->ndx;
  uint32_t hit = qg_ndx_count(x) ? qg_ndx_find_exact(x, fp) : UINT32_MAX;
  if (hit != UINT32_MAX) {
    rule = "dup-paragraph";
    ref.similarity = 1.0;
  } else if (near && fp->chars >= QG_ND_MIN_CHARS && qg_ndx_count(x)) {
    qg_fp_sketch(&ds->work, fp);
    uint32_t c, m;
    hit = qg_ndx_first(x, fp, &c, &m);
    if (qg_ndx_window(x) && !ds->bounded) {
      ds->bounded = true;
      rc = qg_report(s->ctx, "dedup-limit", qg_block_pos(b, 0), qg_block_pos(b, 0), NULL, NULL,
                     false, "near-repeat lookups are bounded in this document (its paragraphs "
                     "share most of their bigrams with many others): this one was compared "
                     "with the latest %u paragraphs only, and a near repeat further back is "
                     "not found (exact repeats are)", qg_ndx_window(x));
      if (rc) goto fail;
    }
    /* the first near entry is an item of b's own list (none before it is near): the items of
     * a list are written to one template, as a table's rows are (an exact repeat of one is
     * still a repeat: pasted twice) */
    if (hit != UINT32_MAX && ds->in_list && hit >= ds->list_first) hit = UINT32_MAX;
    if (hit != UINT32_MAX) {
      rule = "dup-near";
      ref.near = true;
      ref.similarity = qg_fp_similarity(c, m);
    }
  }
  /* a schedule's entry right under its own copy (the block before it) is a paste, not another
   * listing's row (review 12 R2: 11:20 … | 11:20 … kept silently; 12b S4: the last entry
   * indexed is not the block before when repeats were kept in between) */
  if (hit != UINT32_MAX && !removable && under_copy && ((sched && !p) || contact))
    removable = true; /* (a contact line too: review 25 L1, an extraction's double was kept) */
  if (hit != UINT32_MAX && !removable) { /* indexed already */
    if (p) p->seen = true;
    if (p && hit < ds->art_first) {
      p->seen_ref = (qg_dup_ref){.line = ds->m[hit].line, .similarity = 1.0};
      if (!(p->seen_ref.source = src_dup(ds->sources[ds->m[hit].source]))) return QG_ERR_NOMEM;
      p->seen_ref.record = src_record(p->seen_ref.source);
      p->seen_other = ds->m[hit].source != ds->nsources - 1;
    }
    /* kept, and said (review 12 R2): within one listing (a stray copy), or a news flash
     * anywhere; a programme repeated under another day's or channel's heading is silent
     * (review 12b S10). A held one is said when it goes on (flush_held): if its article goes
     * whole it is removed and reported as that */
    if (sched && (same_listing || !programme_entry(b))) {
      if (p) {
        p->sched_line = ds->m[hit].line;
        p->sched_source = ds->sources[ds->m[hit].source];
        p->sched_same = same_listing;
        p->sched_other = ds->m[hit].source != ds->nsources - 1;
      } else if ((rc = report_schedule(ds, b, ds->sources[ds->m[hit].source], ds->m[hit].line,
                                       same_listing, ds->m[hit].source != ds->nsources - 1))) {
        goto fail;
      }
    }
    return p ? 0 : qg_stage_emit(s, b);
  }
  if (hit != UINT32_MAX) {
    ref.source = ds->sources[ds->m[hit].source];
    ref.record = src_record(ref.source);
    ref.line = ds->m[hit].line;
    uint32_t n;
    const uint32_t *h = qg_ndx_sketch(x, hit, &n);
    ref.distance = ref.near ? qg_fp_hamming(qg_fp_simhash(fp->h, fp->n), qg_fp_simhash(h, n)) : 0;
    bool other = ds->m[hit].source != ds->nsources - 1;
    if (!p && !ref.near && near_kind(b->kind) && !display && !other &&
        ds->m[hit].article == b->article && ds->m[hit].sub != ds->sub_no) {
      if (fp->chars < QG_DEDUP_KEEP_CHARS) return keep_dup(ds, b, &ref, KEEP_SHORT);
      if (option_line(b)) return keep_dup(ds, b, &ref, KEEP_OPTIONS);
    }
    /* (a lead that repeats was pasted or edited in a copy, and goes: the record under it too) */
    /* (and, since session 46, only when the record is a tally, 表决结果：赞成28票，反对0票, or
     * stands under a lead parallel to the first copy's: review 45 M3, a sentence pasted under
     * the next paragraph was kept; review 46 H1, a vote under 议题一：/议题二： or under two
     * resolutions on different subjects was removed) */
    if (!p && !ref.near && record && !other && ds->m[hit].article == b->article &&
        ds->m[hit].lead != ds->lead && !ds->lead_dup &&
        ((ds->m[hit].lead && tally_line(b->text.ptr, b->text.len)) ||
         leads_parallel(ds, ds->m[hit].lead)))
      return keep_dup(ds, b, &ref, KEEP_RECORD);
    if (lead) ds->lead_dup = true;
    if (!p) return report_dup(ds, b, rule, &ref, other);
    p->rule = rule;
    p->ref = ref;
    p->other = other;
    p->inner = hit >= ds->art_first; /* the article's entries since it opened: all held */
    if (!(p->ref.source = src_dup(ref.source))) return QG_ERR_NOMEM; /* b is the caller's */
    p->ref.record = src_record(p->ref.source);
    return 0;
  }
  if (p) p->fresh = true; /* (it has a letter or digit: fp->chars) */
  /* a kept paragraph: index it; when the current generation fills QG_DEDUP_GEN of the bound,
   * the previous generation is dropped */
  size_t cap = qg_ctx_options(s->ctx)->dedup_memory ? qg_ctx_options(s->ctx)->dedup_memory
                                                     : QG_DEDUP_MEMORY;
  size_t used = qg_ndx_used(x);
  if (used < ds->gen_used) ds->gen_used = used; /* lists emptied (near lookups off) */
  size_t room = cap > 2 * QG_DEDUP_FIXED ? cap - QG_DEDUP_FIXED : cap / 2;
  if (used - ds->gen_used >= room / 100 * QG_DEDUP_GEN) {
    if (ds->gen && !ds->full) {
      ds->full = true;
      rc = qg_report(s->ctx, "dedup-limit", qg_block_pos(b, 0), qg_block_pos(b, 0), NULL, NULL,
                     false,
                     "the repeat index is full (%zu KiB, %u paragraphs; --dedup-memory): from "
                     "here on it keeps the latest paragraphs, the oldest half dropped each time "
                     "it fills up, and a repeat of a dropped paragraph is not found",
                     qg_ndx_used(x) / 1024, qg_ndx_count(x)); /* (what it holds, not the
                      * arrays' room, which depends on what the worker indexed before: the
                      * report is the same with -j 1 and -j 2; probe 15 #6) */
      if (rc) goto fail;
    }
    uint32_t drop = ds->gen;
    if (drop) {
      bool was_off = qg_ndx_near_off(x);
      rc = qg_ndx_drop_before(x, drop); /* out of memory: dropped, near lookups off */
      memmove(ds->m, ds->m + drop, (ds->nm - drop) * sizeof *ds->m);
      ds->nm -= drop;
      ds->doc_first = ds->doc_first > drop ? ds->doc_first - drop : 0;
      ds->mark_first = ds->mark_first > drop ? ds->mark_first - drop : 0;
      ds->art_first = ds->art_first > drop ? ds->art_first - drop : 0;
      ds->list_first = ds->list_first > drop ? ds->list_first - drop : 0;
      trim_sources(ds);
      if (rc && !was_off &&
          (rc = qg_report(s->ctx, "dedup-limit", qg_block_pos(b, 0), qg_block_pos(b, 0), NULL,
                          NULL, false, "out of memory in the repeat index: from here on near "
                          "repeats are not looked for (exact ones are)")))
        goto fail;
    }
    ds->gen = qg_ndx_count(x);
    ds->gen_used = qg_ndx_used(x);
  }
  if (ds->nm == ds->capm) {
    size_t mc = ds->capm ? ds->capm * 2 : 1024;
    meta *m = realloc(ds->m, mc * sizeof *m);
    if (!m) {
      rc = QG_ERR_NOMEM;
      goto fail;
    }
    ds->m = m;
    ds->capm = mc;
  }
  uint32_t id;
  bool was_off = qg_ndx_near_off(x);
  /* indexed with it (none for an exact-only block, nor for one shorter than a near repeat's
   * least, which qg_ndx_add indexes for exact lookups only: session 31) */
  if (fp->chars >= QG_ND_MIN_CHARS) qg_fp_sketch(&ds->work, fp);
  if ((rc = qg_ndx_add(x, fp, near, &id))) goto fail;
  if (!was_off && qg_ndx_near_off(x) &&
      (rc = qg_report(s->ctx, "dedup-limit", qg_block_pos(b, 0), qg_block_pos(b, 0), NULL, NULL,
                      false, "out of memory in the repeat index: from here on near repeats are "
                      "not looked for (exact ones are)")))
    goto fail;
  ds->m[id] = (meta){.source = (uint32_t)(ds->nsources - 1), .line = b->line,
                     .article = b->article, .sub = ds->sub_no, .lead = ds->lead};
  if (record && ds->lead_len) { /* its lead, remembered (leads_parallel) */
    unsigned r = ds->rec_next;
    ds->rec_lead[r].hash = ds->lead;
    ds->rec_lead[r].len = ds->lead_len;
    memcpy(ds->rec_lead[r].text, ds->lead_text, ds->lead_len);
    ds->rec_next = (r + 1) % QG_REC_LEADS;
  }
  ds->nm = id + 1;
  return p ? 0 : qg_stage_emit(s, b);
fail:
  if (!p) qg_block_release(s->ctx, b);
  return rc;
}

static void drop_held(dedup_stage *ds);

/* Removes a held block of an article whose text repeats: under its own repeat when it is one
 * (a title), else under the article's first one; a block that repeats another held block of
 * the article (inner) under the article's, as that block goes too (never "repeats line N" of
 * a line removed with it). */
static int remove_held(dedup_stage *ds, pend *h) {
  qg_ctx *ctx = ds->base.ctx;
  if (h->inner && ds->art_rep && !ds->art_new) { /* what it repeats goes too: the article's */
    h->rule = NULL;
    h->body = false;
  }
  if (h->body) {
    int rc = report_dup(ds, h->b, h->rule, &h->ref, h->other);
    h->b = NULL;
    return rc;
  }
  char where[1600], own[1600];
  const qg_dup_ref *ref = h->rule ? &h->ref : &ds->art_ref;
  const char *rule = h->rule ? h->rule : ds->art_rule;
  where_of(ds, ref, h->rule ? h->other : ds->art_other, where, sizeof where);
  bool seen = !h->rule && h->seen_ref.source;
  if (seen) where_of(ds, &h->seen_ref, h->seen_other, own, sizeof own);
  /* a block that repeats nothing (a new byline over a pasted story) goes with its article: its
   * record says so (kind "article"), not an exact repeat of the article's first repeat with
   * similarity 1 (session 39 audit F2) */
  qg_dup_ref art = {.source = ref->source, .line = ref->line, .record = ref->record,
                    .article = true};
  const qg_dup_ref *dup = seen ? &h->seen_ref : h->rule ? ref : &art;
  char msg[3400];
  if (h->rule)
    snprintf(msg, sizeof msg, "paragraph repeats %s", where);
  else if (seen)
    snprintf(msg, sizeof msg, "paragraph repeats %s, part of an article whose text repeats %s",
             own, where);
  else
    snprintf(msg, sizeof msg, "part of an article whose text repeats %s", where);
  if (seen) rule = "dup-paragraph";
  qg_block *b = h->b;
  h->b = NULL;
  qg_ctx_set_dup(ctx, dup);
  if (qg_ctx_options(ctx)->dedup == QG_DEDUP_DROP) {
    int rc = qg_block_remove(ctx, b, rule, dup->line, "%s: removed", msg);
    qg_ctx_set_dup(ctx, NULL);
    return rc;
  }
  /* --dedup mark: kept and marked, as drop removes it (session 43, probe 43 F1) */
  b->dup_of_line = dup->line;
  b->dup = *dup;
  b->has_dup = true;
  int rc = (b->dup.source = src_keep(ds, dup->source)) ? 0 : QG_ERR_NOMEM;
  if (!rc) {
    b->dup.record = src_record(b->dup.source);
    rc = qg_report(ctx, rule, qg_block_pos(b, 0), qg_block_pos(b, b->text.len), NULL, NULL, false,
                   "%s", msg);
  }
  qg_ctx_set_dup(ctx, NULL);
  if (rc) {
    qg_block_release(ctx, b);
    return rc;
  }
  return qg_stage_emit(&ds->base, b);
}

static void pend_clear(pend *h) {
  free((char *)h->ref.source);
  h->ref.source = NULL;
  h->ref.record = NULL;
  free((char *)h->seen_ref.source);
  h->seen_ref = (qg_dup_ref){0};
  h->seen_other = false;
  h->rule = NULL;
  h->inner = h->other = h->seen = h->fresh = h->sched_same = h->sched_other = false;
  h->sched_line = 0;
  h->sched_source = NULL;
}

/* Emits the held blocks (the article stays; a title that repeats stays with the new text). */
static int flush_held(dedup_stage *ds) {
  int rc = 0;
  for (size_t i = 0; i < ds->nhold; i++) {
    pend *h = &ds->hold[i];
    if (!rc && h->body) {
      rc = remove_held(ds, h); /* a repeat all the same */
    } else if (!rc) {
      if (h->sched_line)
        rc = report_schedule(ds, h->b, h->sched_source, h->sched_line, h->sched_same, h->sched_other);
      if (!rc) rc = qg_stage_emit(&ds->base, h->b);
      else qg_block_release(ds->base.ctx, h->b);
    } else {
      qg_block_release(ds->base.ctx, h->b);
    }
    pend_clear(h);
  }
  ds->nhold = 0;
  return rc;
}

/* The held blocks, then b (released when the held ones fail): the article has new text. */
static int flush_then_emit(dedup_stage *ds, qg_block *b) {
  int rc = flush_held(ds);
  if (rc) {
    qg_block_release(ds->base.ctx, b);
    return rc;
  }
  return qg_stage_emit(&ds->base, b);
}

/* The open article ends (next: the first block of the next one, NULL at the end or when
 * too many blocks are held): with a new body paragraph it was let through already; when its
 * text repeats (a body paragraph, or without any a title, was a repeat) every held block goes,
 * but for its section names when the next article has none of its own: they head the next
 * one; otherwise the held blocks go on. */
static int resolve(dedup_stage *ds, const qg_block *next) {
  int rc = 0;
  if (!ds->art_new && !ds->art_rep)
    for (size_t i = 0; i < ds->nhold && !ds->art_rep; i++)
      if (ds->hold[i].rule && !ds->hold[i].inner) {
        ds->art_rep = true;
        ds->art_rule = ds->hold[i].rule;
        ds->art_ref = ds->hold[i].ref;
        ds->art_other = ds->hold[i].other;
        if (!(ds->art_ref.source = src_dup(ds->hold[i].ref.source))) rc = QG_ERR_NOMEM;
        else ds->art_ref.record = src_record(ds->art_ref.source);
      }
  /* a heading that reads as a line of dialogue and repeats nothing keeps its article, unless a
   * byline or credit says the article is news (a reprint under a headline that asks, 今年的暖气
   * 会热吗？, goes whole as before) */
  bool keep = ds->art_new || !ds->art_rep;
  /* an article with a near repeat in its body and a held heading or line of its own (found
   * nowhere, three letters, digits or Han at least: 市博物馆元旦闭馆通知 over a notice written to
   * 市图书馆's template, review 10b A1; 事故续报 over a report whose count changed, review 44 H3) is
   * another item: it stays, its repeats removed. It goes whole, as a pasted article does, when
   * nothing held but a byline, credit, author tag or a note like （完） is new (probe 43 F5a: a
   * syndicated story's title, byline and editor's line left over no text; a new byline is no new
   * text, as under an exact repeat; session 44) */
  if (!keep && ds->art_near)
    for (size_t i = 0; i < ds->nhold && !keep; i++) {
      const qg_block *hb = ds->hold[i].b;
      keep = ds->hold[i].fresh && hb->kind != QG_KIND_BYLINE && hb->kind != QG_KIND_CREDIT &&
             hb->kind != QG_KIND_AUTHOR && word_chars(hb->text.ptr, hb->text.len) >= 3;
    }
  if (!keep && ds->art_line) {
    keep = true;
    for (size_t i = 0; i < ds->nhold && keep; i++) {
      qg_kind k = ds->hold[i].b->kind;
      keep = k != QG_KIND_BYLINE && k != QG_KIND_CREDIT && k != QG_KIND_AUTHOR;
    }
  }
  if (rc || keep) {
    if (rc) return rc;
    return flush_held(ds);
  }
  /* the entries of its held blocks (all indexed since it opened) leave the index: every
   * repeat points at a paragraph that is in the output */
  if (ds->art_first < qg_ndx_count(ds->ndx)) {
    qg_ndx_truncate(ds->ndx, ds->art_first);
    ds->nm = ds->art_first;
    if (ds->gen > ds->art_first) ds->gen = ds->art_first;
    if (ds->list_first > ds->art_first) ds->list_first = ds->art_first;
    if (ds->gen_used > qg_ndx_used(ds->ndx)) ds->gen_used = qg_ndx_used(ds->ndx);
  }
  for (size_t i = 0; i < ds->nhold; i++) {
    pend *h = &ds->hold[i];
    if (!rc && h->b->kind == QG_KIND_SECTION && next && next->kind != QG_KIND_SECTION) {
      h->b->article = next->article;
      rc = qg_stage_emit(&ds->base, h->b);
    } else if (!rc) {
      rc = remove_held(ds, h);
    } else {
      qg_block_release(ds->base.ctx, h->b);
    }
    pend_clear(h);
  }
  ds->nhold = 0;
  return rc;
}

static void art_reset(dedup_stage *ds) {
  free((char *)ds->art_ref.source);
  ds->art_ref = (qg_dup_ref){0};
  ds->art_rule = NULL;
  ds->art_new = ds->art_rep = ds->art_near = ds->art_other = ds->art_line = false;
  ds->art_first = qg_ndx_count(ds->ndx);
}

static int hold(dedup_stage *ds, const pend *p) {
  if (ds->nhold == ds->caphold) {
    size_t cap = ds->caphold ? ds->caphold * 2 : 16;
    pend *v = realloc(ds->hold, cap * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    ds->hold = v;
    ds->caphold = cap;
  }
  ds->hold[ds->nhold++] = *p;
  return 0;
}

/* Whether b, held and fresh (it repeats nothing), is text of its own, which its article does
 * not take when it goes whole (probe 22 H12; docs/dedup.md, "Articles"): a paragraph of any
 * length (but a dateline alone or a page's folio; a new table row or schedule entry counts as
 * new_display), or a heading that ends as a sentence does (。！？… . ! ?, before closing quotes
 * and brackets) or opens with a speaker's name or a label and a colon (qg_text_speaker): a line
 * of dialogue the structure stage read as a title or kicker (a cue of subtitles, 你确定吗？; a
 * turn of a script, 小王：真的吗). Kickers, titles and subheads that read as headings, bylines, credits,
 * captions and section names still go with their article when they repeat nothing: a reprint's
 * retouched title, its new byline. */
static bool text_line(const qg_block *b) {
  const char *t = b->text.ptr;
  size_t n = b->text.len;
  if (b->kind == QG_KIND_P)
    return !(b->dateline_len && b->dateline_len >= n) && !(n <= 96 && qg_text_is_folio(t, n));
  if (b->kind != QG_KIND_TITLE && b->kind != QG_KIND_SUBTITLE && b->kind != QG_KIND_KICKER &&
      b->kind != QG_KIND_SUBHEAD)
    return false;
  if (qg_text_speaker(t, n, NULL)) return true; /* a turn: 小王：真的吗 */
  for (size_t i = n; i > 0;) {
    i = qg_utf8_prev(t, i);
    size_t k = i;
    uint32_t c = qg_utf8_next(t, n, &k);
    switch (c) {
    case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case ')': case '"':
    case '\'': case 0x300B: case 0x3011: case ' ': case 0x3000:
      continue; /* ” ’ 」 』 ） ) " ' 》 】 and white space */
    case 0x3002: case 0xFF01: case 0xFF1F: case 0x2026: case '.': case '!': case '?':
      return true; /* 。 ！ ？ … */
    default:
      return false;
    }
  }
  return false;
}

static int dedup_push(qg_stage *s, qg_block *b) {
  dedup_stage *ds = (dedup_stage *)s;
  /* a list: consecutive items, each led by a bullet (- * + • ·), an ornament bullet (■ ● ◆ ▶
   * …: classified notices, briefs; probe 17 P6) or an item number (1. 2、（3）); any other
   * block ends it (the rest of a long paragraph is none) */
  if (!b->split_cont) {
    bool item = qg_text_list_item(b->text.ptr, b->text.len) ||
                qg_text_ornament_lead(b->text.ptr, b->text.len);
    if (!item && b->text.len >= 5) { /* · or • before Han: the punctuation stage took the space
                                      * after it (· 报名… became ·报名…; review 14 #5) */
      size_t i = 0;
      uint32_t c = qg_utf8_next(b->text.ptr, b->text.len, &i);
      item = (c == 0xB7 || c == 0x2022) && i < b->text.len &&
             qg_cp_is_han(qg_utf8_next(b->text.ptr, b->text.len, &i));
    }
    if (item && !ds->in_list) ds->list_first = qg_ndx_count(ds->ndx);
    ds->in_list = item;
  }
  /* a numbered subhead or paragraph (a section, an item, a question) opens another part of
   * its article (QG_DEDUP_KEEP_CHARS) */
  if ((b->kind == QG_KIND_SUBHEAD || b->kind == QG_KIND_TITLE || b->kind == QG_KIND_P ||
       b->kind == QG_KIND_KICKER) &&
      !b->split_cont && qg_text_item_number(b->text.ptr, b->text.len)) {
    ds->sub_no++;
    ds->sub_line = b->line;
  }
  /* --dedup mark decides as drop does, and marks what drop removes (session 43, probe 43 F1:
   * it marked a byline, （完） and 责任编辑 of an article with new text whose title repeated) */
  int rc = 0;
  if (!ds->art_open || b->article != ds->cur_art) {
    rc = ds->art_open ? resolve(ds, b) : 0;
    ds->art_open = true;
    ds->cur_art = b->article;
    art_reset(ds);
    if (rc) {
      qg_block_release(s->ctx, b);
      return rc;
    }
  }
  /* a piece of a paragraph cut at the block limit is no paragraph: neither a repeat of its
   * own paragraph's other pieces nor indexed (internal.h, split_cont) */
  if (ds->art_new) return b->split_cont ? qg_stage_emit(s, b) : dedup_one(ds, b, NULL);
  if (b->split_cont) { /* the rest of a long paragraph: text of the article */
    ds->art_new = true;
    return flush_then_emit(ds, b);
  }
  pend p;
  if ((rc = dedup_one(ds, b, &p))) {
    qg_block_release(s->ctx, b);
    return rc;
  }
  /* new text: the article stays. A new caption, table row or schedule entry is new text too
   * (one found in the index is not: a listing pasted under its repeated title goes with it,
   * probe 12b B16). A near repeat is held and removed as an exact one is (session 44, probe 43
   * F5a: an article whose every body paragraph nearly repeated kept its title, byline and
   * editor's line over no text; until then a near repeat was new text, review 10b A1); resolve
   * keeps the article when a held heading or line other than a byline is its own (another
   * notice to one template, a follow-up under a new title: review 44 H3) */
  bool new_display = !p.rule && !p.seen && (b->table_row || schedule_entry(b));
  /* and so is a line of text that repeats nothing, however short (a cue of subtitles beside a
   * repeated one, 你确定吗？, went with it: probe 22 H12) */
  bool new_line = p.fresh && !p.body && text_line(b);
  if (new_line && b->kind != QG_KIND_P) { /* a heading: decided when the article ends */
    ds->art_line = true;
    new_line = false;
  }
  if ((p.body && !p.rule) || new_display || new_line) {
    ds->art_new = true;
    return flush_then_emit(ds, b);
  }
  if (p.body) { /* a body paragraph that repeats: removed now */
    if (!p.inner && !strcmp(p.rule, "dup-near")) ds->art_near = true;
    if (!ds->art_rep && !p.inner) {
      ds->art_rep = true;
      ds->art_rule = p.rule;
      ds->art_ref = p.ref;
      ds->art_other = p.other;
      if ((p.ref.source = src_dup(p.ref.source))) p.ref.record = src_record(p.ref.source);
    }
    if (!p.ref.source) {
      pend_clear(&p);
      qg_block_release(s->ctx, b);
      return QG_ERR_NOMEM;
    }
    if (!ds->nhold) {
      rc = report_dup(ds, b, p.rule, &p.ref, p.other);
      pend_clear(&p);
      return rc;
    }
  }
  if (ds->nhold >= QG_DEDUP_HOLD) { /* no new body paragraph in sight: decided so far */
    rc = resolve(ds, NULL);
    ds->art_first = qg_ndx_count(ds->ndx); /* the entries of blocks held from here on */
  }
  if (!rc) rc = hold(ds, &p);
  if (rc) {
    pend_clear(&p);
    qg_block_release(s->ctx, b);
  }
  return rc;
}

static int dedup_begin(qg_stage *s) {
  dedup_stage *ds = (dedup_stage *)s;
  ds->prev_set = false;
  ds->nlisting = 0;
  const qg_options *o = qg_ctx_options(s->ctx);
  if (!ds->ndx) {
    double t = o->near_threshold;
    ds->t_milli = t <= 0 ? 0 : t >= 1 ? 1000 : (unsigned)(t * 1000 + 0.5);
    if (!(ds->ndx = qg_ndx_new(ds->t_milli ? ds->t_milli : 1000))) return QG_ERR_NOMEM;
    ds->work.ndx = ds->ndx; /* its exact slot fetched while the sketch is made */
  }
  if (o->archive && !ds->archive && !ds->archive_failed) {
    char err[512];
    ds->archive = qg_archive_open(o->archive, false, err, sizeof err);
    if (ds->archive && qg_archive_use_features(ds->archive, o->near_features, err, sizeof err)) {
      qg_archive_close(ds->archive);
      ds->archive = NULL;
    }
    if (!ds->archive) {
      /* not the input's fault: said as the archive's, for every document (probe 11c F5: a
       * dup-archive diagnostic at 1:1 and QG_ERR_INPUT, later documents failing silently) */
      ds->archive_failed = true;
      snprintf(ds->archive_err, sizeof ds->archive_err, "%s", err);
    }
  }
  if (ds->archive_failed) {
    qg_ctx_set_errmsg(s->ctx, "%s", ds->archive_err);
    return QG_ERR_IO;
  }
  ds->sub_no = ds->sub_line = 0;
  ds->lead = ds->lead_line = 0;
  ds->lead_dup = false;
  ds->lead_len = 0;
  ds->in_list = false;
  ds->bounded = false;
  drop_held(ds);
  if (o->dedup_scope == QG_SCOPE_DOC) {
    ds->full = false;
    qg_ndx_clear(ds->ndx);
    ds->nm = 0;
    ds->mark_first = 0;
    ds->gen = 0;
    ds->gen_used = 0;
    for (size_t i = 0; i < ds->nsources; i++) free(ds->sources[i]);
    ds->nsources = 0;
  }
  ds->doc_first = qg_ndx_count(ds->ndx);
  return add_source(ds, qg_ctx_docinfo(s->ctx)->source, qg_ctx_docinfo(s->ctx)->record);
}

/* A document that failed writes nothing: its paragraphs leave the index (scope run), so no
 * later paragraph is reported as a repeat of text that is in no output. Those of the window
 * dropped while it ran stay dropped. */
static void dedup_abort(qg_stage *s) {
  dedup_stage *ds = (dedup_stage *)s;
  drop_held(ds);
  ar_release(ds, false);
  ds->ar_art = 0, ds->ar_state = 0;
  if (!ds->ndx || ds->doc_first >= qg_ndx_count(ds->ndx)) return;
  qg_ndx_truncate(ds->ndx, ds->doc_first);
  ds->nm = ds->doc_first;
  if (ds->gen > ds->doc_first) ds->gen = ds->doc_first;
  if (ds->gen_used > qg_ndx_used(ds->ndx)) ds->gen_used = qg_ndx_used(ds->ndx);
}

/* qg_pipeline_mark: a group of documents starts here, or (take_back) the group's paragraphs
 * leave the index as a failed document's do (dedup_abort): its output is not written. */
static void dedup_mark(qg_stage *s, bool take_back) {
  dedup_stage *ds = (dedup_stage *)s;
  uint32_t n = ds->ndx ? qg_ndx_count(ds->ndx) : 0;
  if (!take_back || ds->mark_first >= n) {
    ds->mark_first = n;
    return;
  }
  qg_ndx_truncate(ds->ndx, ds->mark_first);
  ds->nm = ds->mark_first;
  if (ds->doc_first > ds->mark_first) ds->doc_first = ds->mark_first;
  if (ds->gen > ds->mark_first) ds->gen = ds->mark_first;
  if (ds->list_first > ds->mark_first) ds->list_first = ds->mark_first;
  if (ds->gen_used > qg_ndx_used(ds->ndx)) ds->gen_used = qg_ndx_used(ds->ndx);
}

static void drop_held(dedup_stage *ds) {
  for (size_t i = 0; i < ds->nhold; i++) {
    qg_block_release(ds->base.ctx, ds->hold[i].b);
    pend_clear(&ds->hold[i]);
  }
  ds->nhold = 0;
  free((char *)ds->art_ref.source);
  ds->art_ref = (qg_dup_ref){0};
  ds->art_open = false;
}

/* The last article is decided (its section names go with it when its text repeats). */
static int dedup_finish(qg_stage *s) {
  dedup_stage *ds = (dedup_stage *)s;
  int rc = ar_release(ds, true); /* (titles of an article with no body paragraph looked up) */
  ds->ar_art = 0, ds->ar_state = 0;
  int rc2 = ds->art_open ? resolve(ds, NULL) : 0;
  if (!rc) rc = rc2;
  drop_held(ds);
  return rc;
}

static void dedup_free(qg_stage *s) {
  dedup_stage *ds = (dedup_stage *)s;
  drop_held(ds);
  ar_release(ds, false);
  free(ds->hold);
  qg_ndx_free(ds->ndx);
  free(ds->m);
  qg_fp_work_free(&ds->work);
  for (size_t i = 0; i < ds->nsources; i++) free(ds->sources[i]);
  free(ds->sources);
  for (size_t i = 0; i < ds->nkept_src; i++) free(ds->kept_src[i]);
  free(ds->kept_src);
  qg_archive_close(ds->archive);
  qg_segmenter_free(ds->seg);
  qg_dict_free(ds->dict);
  free(ds->toks.v);
  free(s);
}

static const qg_stage_vt dedup_vt = {
    .name = "dedup", .begin = dedup_begin, .push = dedup_push, .finish = dedup_finish,
    .free = dedup_free, .abort = dedup_abort, .mark = dedup_mark};

qg_stage *qg_stage_dedup_new(qg_ctx *ctx) {
  dedup_stage *ds = calloc(1, sizeof *ds);
  if (!ds) return NULL;
  ds->base.vt = &dedup_vt;
  ds->base.ctx = ctx;
  return &ds->base;
}
