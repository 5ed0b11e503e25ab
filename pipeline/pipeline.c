/* pipeline.c: the driver. Owns the context (options, handler, block pool, docinfo), assembles
 * the chain decode -> paragraph -> chars -> dedup -> sink, and routes diagnostics and
 * removals to the handler. */
#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include <libxml/xmlversion.h>
#include <math.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <unicode/uversion.h>

/* Blocks kept for reuse: enough for every stage's lookahead window; more are freed. */
#define QG_POOL_MAX 64
/* A paragraph longer than this is split (and reported): it bounds the memory one block
 * can take, so a file without line breaks still streams in flat memory. */
#define QG_DEFAULT_MAX_BLOCK (1u << 19)
/* Room for every stage of the chain and the sink, and a batch queue between every two. */
#define QG_MAX_STAGES 24
/* A batch queue passes its blocks on when it holds options.batch of them or this much text. */
#define QG_BATCH_BYTES (256u << 10)

/* Time per stage (qg_pipeline_time_stages): the wall time of qg_pipeline_feed and
 * qg_pipeline_finish, charged to the stage running (slot 0: the decoder and the driver; slot
 * k: the k-th stage of the chain, the sink's "write" last). A switch is counted where a batch
 * queue passes its blocks on, where the decoder hands a line to the first stage and where the
 * driver finishes a stage, so a stage's time holds the diagnostics it raises and what the
 * handler does with them; what a stage does for a block it passes to a stage with no queue
 * before it (batch 1: lint) is charged to it. */
typedef struct qg_timing {
  int cur;       /* the slot being charged; -1: outside the pipeline's calls */
  uint64_t last; /* the time of the last switch, ns */
  uint64_t ns[QG_MAX_STAGES];
  const char *name[QG_MAX_STAGES];
  size_t nslots;
} qg_timing;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
/* Charges the time since the last switch to the slot running, and runs slot from now on;
 * returns the slot that ran (for tm_leave). */
static int tm_enter(qg_timing *t, int slot) {
  uint64_t n = now_ns();
  if (t->cur >= 0) t->ns[t->cur] += n - t->last;
  t->last = n;
  int was = t->cur;
  t->cur = slot;
  return was;
}
static void tm_leave(qg_timing *t, int was) { (void)tm_enter(t, was); }

struct qg_ctx {
  qg_options opts;
  qg_timing *timing; /* NULL unless qg_pipeline_time_stages */
  qg_handler h;
  qg_docinfo info;
  char *source;
  char *record; /* the document's record id (qg_pipeline_begin_record), NULL: none */
  qg_cues *cues; /* structure cues, loaded when repair or structure runs */
  qg_dict *dict; /* the segmenter's dictionary and the segmenter, made on first use */
  qg_segmenter *seg;
  bool seg_failed;
  qg_block *pool;
  size_t npool;
  int status; /* first error of the document */
  bool begun; /* begin_doc was called */
  const qg_dup_ref *dup; /* attached to the diagnostics raised while set (qg_ctx_set_dup) */
  uint32_t link;         /* likewise (qg_ctx_set_link) */
  uint32_t links;        /* link numbers handed out in this document (qg_ctx_link_ids) */
  char errmsg[512];      /* what failed the document, when a stage says (qg_ctx_set_errmsg) */
  /* rule table entries by the address of the id a stage passes (ids are string literals,
   * so a stage passes the same address every time; a hit is still checked by name): 128
   * slots, an id in one of two neighbours, so that two ids of the same hash do not keep
   * evicting each other (they did at 64 slots, one way: the layout of the literals decides) */
  struct rule_slot {
    const char *id;
    const qg_rule *r;
    /* the handler's diag_wants for the rule at each severity in this document: 0 not asked
     * yet, else WANTS_ASKED | its QG_WANTS_* bits (cleared at each document's begin and when
     * the slot takes another id) */
    uint8_t wants[3];
  } rule_cache[128];
  /* two threads (options.threads, "Two threads" below): SIDE_FRONT is the context of the
   * decoder and the stages before the repeat check (the caller's thread; its diagnostics and
   * removals are logged for the back to give the handler), SIDE_BACK that of the stages from
   * the repeat check on and the handler */
  int side;
  struct split *sp;
};
enum { SIDE_ONE = 0, SIDE_FRONT = 1, SIDE_BACK = 2 };

enum { WANTS_ASKED = 0x80 };

/* qg_rule_find through the context's cache: the slot of id (its r NULL for an id the table
 * does not hold, which is looked up again each time). */
static inline __attribute__((always_inline)) struct rule_slot *find_slot(qg_ctx *ctx, const char *id) {
  size_t slot = (size_t)(((uint64_t)(uintptr_t)id * 0x9E3779B97F4A7C15ull) >> 57); /* 0..127 */
  for (size_t w = 0; w < 2; w++) {
    size_t k = (slot + w) & 127;
    /* (the rule's own id string is the same pointer where the linker merged the literals) */
    if (ctx->rule_cache[k].id == id && ctx->rule_cache[k].r &&
        (ctx->rule_cache[k].r->id == id || !strcmp(ctx->rule_cache[k].r->id, id)))
      return &ctx->rule_cache[k];
  }
  const qg_rule *r = qg_rule_find(id);
  /* into an empty neighbour, else over the first */
  size_t k = ctx->rule_cache[slot].id && !ctx->rule_cache[(slot + 1) & 127].id ? (slot + 1) & 127 : slot;
  ctx->rule_cache[k].id = id;
  ctx->rule_cache[k].r = r;
  memset(ctx->rule_cache[k].wants, 0, sizeof ctx->rule_cache[k].wants);
  return &ctx->rule_cache[k];
}

/* The handler's answers of diag_wants are asked again in each document. */
static void wants_forget(qg_ctx *ctx) {
  for (size_t k = 0; k < 128; k++) memset(ctx->rule_cache[k].wants, 0, sizeof ctx->rule_cache[k].wants);
}

/* The status of a callback's return r: 0, QG_ERR_IO and QG_ERR_NOMEM as they are, anything
 * else QG_ERR_STOPPED; the handler's own message, when it has one, in errmsg. */
static int from_handler(qg_ctx *ctx, int r) {
  if (!r) return 0;
  if (!ctx->errmsg[0] && ctx->h.error) {
    const char *m = ctx->h.error(ctx->h.userdata);
    if (m) snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s", m);
  }
  return r == QG_ERR_IO || r == QG_ERR_NOMEM ? r : QG_ERR_STOPPED;
}

struct qg_pipeline {
  qg_ctx ctx;
  qg_decoder *dec;
  qg_stage *stages[QG_MAX_STAGES]; /* in chain order, the sink last */
  size_t nstages;
  int slot[QG_MAX_STAGES]; /* each stage's timing slot (-1: a batch queue, which counts its own) */
  const char *slot_name[QG_MAX_STAGES];
  size_t nslots;
  qg_stage *entry; /* qg_pipeline_time_stages: between the decoder and stages[0] */
  bool open;
  /* inside qg_pipeline_begin, _feed or _finish (so inside a callback when one runs): a call
   * on this pipeline from a callback is refused (probe 11c F1) */
  bool busy;
  /* options qg_pipeline_new could not use: every document fails with this status, and
   * qg_pipeline_errmsg says why (setup_msg); no stage was built */
  int setup_status;
  char setup_msg[512];
  /* the latest call refused with QG_ERR_USAGE for how or when it was made (a NULL pipeline
   * aside): what qg_pipeline_errmsg says instead of the document's message, until a call is
   * taken (probe 18 L3: it said "" for all but bad options) */
  char usage_msg[512];
  bool usage_last;
  /* options.threads >= 2: the context of the stages from the repeat check on (SIDE_BACK), and
   * the hand-off between the two threads (ctx.sp, back.sp: the same) */
  qg_ctx back;
};

/* The thread a pipeline's back stages run on has this set to the pipeline: a callback there
 * cannot call it (as p->busy refuses a callback on the caller's thread). */
static _Thread_local const qg_pipeline *tl_back;

/* Refuses a call: QG_ERR_USAGE, and what was wrong for qg_pipeline_errmsg. */
static int refuse(qg_pipeline *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  qg_vformat(p->usage_msg, sizeof p->usage_msg, fmt, ap);
  va_end(ap);
  p->usage_last = true;
  return QG_ERR_USAGE;
}

/* The refusals every call but begin shares: from a callback, and with no document open. */
static int refuse_call(qg_pipeline *p, const char *call) {
  if (p->busy || tl_back == p) return refuse(p, "%s: called from a callback of the same pipeline", call);
  return refuse(p, "%s: no document is open (qg_pipeline_begin first)", call);
}

void qg_options_init(qg_options *o) {
  *o = (qg_options){.encoding = NULL,
                    .invalid = QG_INVALID_ERROR,
                    .paragraphs = QG_PARA_AUTO,
                    .dedup = QG_DEDUP_DROP,
                    .near_threshold = 0.65,
                    .max_block_bytes = QG_DEFAULT_MAX_BLOCK,
                    .repair = true,
                    .structure = true};
}

const char *qg_strerror(int status) {
  switch (status) {
  case QG_OK: return "success";
  case QG_ERR_USAGE: return "usage error";
  case QG_ERR_INPUT: return "invalid input";
  case QG_ERR_NOMEM: return "out of memory";
  case QG_ERR_IO: return "input/output error";
  case QG_ERR_ICU: return "ICU error";
  case QG_ERR_STOPPED: return "stopped by handler";
  default: return "unknown error";
  }
}

/* (report_as counts with the same test on the rule and fixed, before any qg_diag is made) */
bool qg_diag_is_change(const qg_diag *d) {
  return d->fixed && !(d->rule[0] == 'd' && !strncmp(d->rule, "dup-", 4));
}

const char *qg_severity_name(qg_severity s) {
  switch (s) {
  case QG_SEV_INFO: return "info";
  case QG_SEV_WARNING: return "warning";
  case QG_SEV_ERROR: return "error";
  }
  return "?";
}

const char *qg_icu_version(void) { return U_ICU_VERSION; }
const char *qg_libxml2_version(void) { return LIBXML_DOTTED_VERSION; }

/* ---- context ---------------------------------------------------------------------------- */

const qg_options *qg_ctx_options(const qg_ctx *ctx) { return &ctx->opts; }
qg_docinfo *qg_ctx_docinfo(qg_ctx *ctx) { return &ctx->info; }
qg_cues *qg_ctx_cues(qg_ctx *ctx) { return ctx->cues; }

qg_segmenter *qg_ctx_segmenter(qg_ctx *ctx) {
  if (ctx->seg || ctx->seg_failed) return ctx->seg;
  char err[512];
  if (!ctx->dict) ctx->dict = qg_dict_new(ctx->opts.dicts, err, sizeof err);
  if (ctx->dict) ctx->seg = qg_segmenter_new(ctx->dict);
  ctx->seg_failed = !ctx->seg;
  return ctx->seg;
}

static void split_take_blocks(qg_ctx *ctx);
static void split_give_blocks(qg_ctx *ctx);

qg_block *qg_block_get(qg_ctx *ctx, qg_kind kind) {
  if (!ctx->pool && ctx->side == SIDE_FRONT && ctx->sp) split_take_blocks(ctx); /* the back's, for reuse */
  qg_block *b = ctx->pool;
  if (b) {
    ctx->pool = b->next;
    ctx->npool--;
  } else {
    b = calloc(1, sizeof *b);
    if (!b) return NULL;
    qg_buf_init(&b->text);
  }
  qg_buf_clear(&b->text);
  qg_srcmap_clear(&b->map);
  b->kind = kind;
  b->apart = QG_KIND_LINE;
  b->line = b->end_line = 0;
  b->eol = b->blank = b->split_cont = b->table_row = b->mid_line = b->verbatim = false;
  b->own_line = b->indent_start = false;
  b->lead = QG_LEAD_NONE;
  b->lead_marks = b->forms = false;
  b->cut_prev = b->cut_next = 0;
  b->dup_of_line = 0;
  b->has_dup = false;
  b->article = b->dateline_len = 0;
  b->feat_ok = false;
  b->words_ok = b->sentences_ok = false;
  b->next = NULL;
  return b;
}

static void block_free(qg_block *b) {
  qg_block_seg_free(b);
  qg_buf_free(&b->text);
  qg_srcmap_free(&b->map);
  free(b);
}

void qg_block_release(qg_ctx *ctx, qg_block *b) {
  if (!b) return;
  if (ctx->side == SIDE_BACK && ctx->sp && ctx->npool >= QG_POOL_MAX / 2) split_give_blocks(ctx);
  if (ctx->npool >= QG_POOL_MAX || b->text.cap > 4 * QG_DEFAULT_MAX_BLOCK) {
    block_free(b);
    return;
  }
  if (b->seg && (b->seg->words.cap > (1u << 16) || b->seg->sentences.cap > (1u << 12)))
    qg_block_seg_free(b); /* after a huge block */
  b->next = ctx->pool;
  ctx->pool = b;
  ctx->npool++;
}

/* What report_as gives the handler besides the QG_WANTS_* bits: an old handler's "no text"
 * (diag_wants_text false) leaves the original and replacement a stage passes itself, and takes
 * away only an edit's copies (qg_report_edit), as before session 51. */
enum { WANTS_GIVEN = 8 };
/* qg_report_edit_count's answer for a handler without diag_wants: nothing counted yet,
 * qg_report_edit_full does all of it (with QG_WANTS_CALL, so that the edit calls it) */
enum { EDIT_FULL = QG_REPORT_EDIT_FULL };

/* The severity of rule (sev >= 0 overrides the table's) in *sev, and what the handler reads
 * of the diagnostic: QG_WANTS_* bits (and WANTS_GIVEN). A handler with diag_wants is asked once
 * per rule and severity in a document, its answer kept in the rule's cache slot (session 51,
 * s51-count: a handler that only counts is not called, and no qg_diag is made); one with
 * diag_wants_text is asked before every diagnostic, as it always was. */
static inline __attribute__((always_inline)) unsigned wants_of(qg_ctx *ctx, const char *rule,
                                                               int sev, qg_severity *sevp) {
  struct rule_slot *slot = find_slot(ctx, rule);
  const qg_rule *r = slot->r;
  qg_severity s = sev >= 0 ? (qg_severity)sev : (r ? r->severity : QG_SEV_WARNING);
  *sevp = s;
  if (ctx->h.diag_wants) {
    if (!ctx->h.diag) return QG_WANTS_NOTHING;
    if ((unsigned)s > QG_SEV_ERROR) return ctx->h.diag_wants(ctx->h.userdata, rule, s) & QG_WANTS_ALL;
    uint8_t *w = &slot->wants[s];
    if (!*w) *w = (uint8_t)(WANTS_ASKED | (ctx->h.diag_wants(ctx->h.userdata, rule, s) & QG_WANTS_ALL));
    return *w & QG_WANTS_ALL;
  }
  /* (the branches in the order session 50's severity_of took them) */
  return ctx->h.diag && (!ctx->h.diag_wants_text || ctx->h.diag_wants_text(ctx->h.userdata, rule, s))
             ? QG_WANTS_ALL
         : ctx->h.diag ? QG_WANTS_CALL | WANTS_GIVEN
                       : QG_WANTS_NOTHING;
}

/* Counts a diagnostic in the docinfo, whatever the handler reads of it. */
static inline __attribute__((always_inline)) void count_diag(qg_ctx *ctx, const char *rule,
                                                            qg_severity s, bool fixed) {
  /* (diag_is_change's test, on the rule and fixed alone) */
  if (fixed && !(rule[0] == 'd' && !strncmp(rule, "dup-", 4))) ctx->info.changes++;
  if (s == QG_SEV_WARNING) ctx->info.warnings++;
  if (s == QG_SEV_ERROR) ctx->info.errors++;
}

static inline __attribute__((always_inline)) int call_diag(qg_ctx *ctx, const char *rule,
                                                          qg_severity s, unsigned wants,
                                                          qg_pos start, qg_pos end,
                                                          const char *original, size_t olen,
                                                          const char *replacement, size_t rlen,
                                                          bool fixed, const char *fmt,
                                                          va_list ap);

/* (inlined in its two callers: an edit's report passes thirteen arguments, about 30
 * instructions of the call for each of the 51 K edits of the 2 MB bench copy; session 46).
 * The diagnostic is counted in the docinfo whatever the handler reads; with no QG_WANTS_CALL
 * that is all (the qg_diag is not made). original and replacement come as the handler reads
 * them (its callers leave them NULL without QG_WANTS_TEXTS or WANTS_GIVEN). */
static inline __attribute__((always_inline)) int report_as(qg_ctx *ctx, const char *rule,
                                                          qg_severity s, unsigned wants,
                                                          qg_pos start, qg_pos end,
                                                          const char *original, size_t olen,
                                                          const char *replacement, size_t rlen,
                                                          bool fixed, const char *fmt,
                                                          va_list ap) {
  count_diag(ctx, rule, s, fixed);
  if (!(wants & QG_WANTS_CALL)) return 0;
  return call_diag(ctx, rule, s, wants, start, end, original, olen, replacement, rlen, fixed, fmt, ap);
}

/* The handler's call of a diagnostic counted (report_as, qg_report_edit): the qg_diag made and
 * given to it. */
static inline __attribute__((always_inline)) int call_diag(qg_ctx *ctx, const char *rule,
                                                          qg_severity s, unsigned wants,
                                                          qg_pos start, qg_pos end,
                                                          const char *original, size_t olen,
                                                          const char *replacement, size_t rlen,
                                                          bool fixed, const char *fmt,
                                                          va_list ap) {
  char small[512];
  small[0] = '\0';
  if (wants & QG_WANTS_MESSAGE && qg_vformat(small, sizeof small, fmt, ap) < 0) small[0] = '\0';
  qg_diag d = {.rule = rule,
               .severity = s,
               .source = ctx->source ? ctx->source : "-",
               .start = start,
               .end = end,
               .message = small,
               .original = original,
               .replacement = replacement,
               .fixed = fixed,
               .dup = ctx->dup,
               .link = ctx->link,
               .original_len = original ? olen : 0,
               .replacement_len = replacement ? rlen : 0};
  return from_handler(ctx, ctx->h.diag(ctx->h.userdata, &d));
}

int qg_report_sev(qg_ctx *ctx, const char *rule, int sev, qg_pos start, qg_pos end,
                  const char *original, const char *replacement, bool fixed, const char *fmt,
                  va_list ap) {
  qg_severity s;
  unsigned wants = wants_of(ctx, rule, sev, &s);
  if (!(wants & (QG_WANTS_TEXTS | WANTS_GIVEN))) original = replacement = NULL;
  return report_as(ctx, rule, s, wants, start, end, original, original ? strlen(original) : 0,
                   replacement, replacement ? strlen(replacement) : 0, fixed, fmt, ap);
}

/* b holds s[0..n) and a NUL (what qg_buf_clear, qg_buf_put and qg_buf_grow(b, 0) made of it:
 * the text of an edit, a character or two, in one step; session 33) */
static inline int edit_text(qg_buf *b, const char *s, size_t n) {
  b->len = 0;
  if (b->cap <= n && qg_buf_grow(b, n)) return QG_ERR_NOMEM;
  if (n <= 8) {
    for (size_t i = 0; i < n; i++) b->ptr[i] = s[i];
  } else {
    memcpy(b->ptr, s, n);
  }
  b->ptr[n] = '\0';
  b->len = n;
  return 0;
}

static __attribute__((noinline)) unsigned edit_count_slow(qg_ctx *ctx, const char *rule,
                                                          qg_severity *sev) {
  unsigned wants = wants_of(ctx, rule, -1, sev);
  count_diag(ctx, rule, *sev, true);
  return wants;
}

/* wants_of and count_diag for an edit (s52-edits: before, every edit called qg_report_edit
 * with thirteen arguments, about 115 instructions with the call, where clean -q reads nothing
 * of it). The common case first, as a leaf with no register to save (about 35 instructions):
 * the rule in its first cache slot under its own id string, and the handler's diag_wants
 * asked before in the document for the rule's severity. A handler with diag_wants_text (the
 * writers' own: -f json, xml), which is asked before every diagnostic and then mostly given
 * it, gets EDIT_FULL: nothing done here, qg_report_edit_full does it all in one call (two
 * calls, the count here and the rest there, cost clean -f json of the 2 MB bench copy 1.0 M
 * more). Anything else (a neighbour slot, an id merged by name, no answer yet, no handler)
 * takes the full path, which gives the same answer. A build with -DQG_CHECK_EDIT asks the full
 * path too on the common case and aborts unless both agree. */
unsigned qg_report_edit_count(qg_ctx *ctx, const char *rule, qg_severity *sev) {
  if (__builtin_expect(!ctx->h.diag_wants, 0)) {
    if (ctx->h.diag) return EDIT_FULL;
    return edit_count_slow(ctx, rule, sev);
  }
  const struct rule_slot *slot =
      &ctx->rule_cache[(size_t)(((uint64_t)(uintptr_t)rule * 0x9E3779B97F4A7C15ull) >> 57)];
  const qg_rule *r = slot->r;
  if (__builtin_expect(!ctx->h.diag || slot->id != rule || !r || r->id != rule, 0))
    return edit_count_slow(ctx, rule, sev);
  qg_severity s = r->severity;
  if (__builtin_expect((unsigned)s > QG_SEV_ERROR || !slot->wants[s], 0))
    return edit_count_slow(ctx, rule, sev);
  *sev = s;
  count_diag(ctx, rule, s, true);
#ifdef QG_CHECK_EDIT
  /* the reference: the full path's answer (wants_of changes nothing once the slot holds it) */
  qg_severity rs;
  unsigned rw = wants_of(ctx, rule, -1, &rs);
  if (rw != (slot->wants[s] & QG_WANTS_ALL) || rs != s) {
    fprintf(stderr, "QG_CHECK_EDIT: %s: wants %u severity %d, the full path %u %d\n", rule,
            slot->wants[s] & QG_WANTS_ALL, (int)s, rw, (int)rs);
    abort();
  }
#endif
  return slot->wants[s] & QG_WANTS_ALL;
}

/* The handler's call of an edit's diagnostic: its span, texts and lengths are in the session
 * (e->rep_*), the texts copied only when the handler reads them. */
static inline __attribute__((always_inline)) int edit_call(qg_edit *e, const char *rule,
                                                          qg_severity s, unsigned wants,
                                                          const char *fmt, va_list ap) {
  const char *os = NULL, *rs = NULL; /* (no text read: none copied) */
  size_t olen = 0, rlen = 0;
  if (wants & QG_WANTS_TEXTS) {
    olen = e->rep_olen, rlen = e->rep_rlen;
    if (edit_text(&e->orig, e->rep_o, olen) || edit_text(&e->rep, e->rep_r, rlen)) return QG_ERR_NOMEM;
    os = e->orig.ptr, rs = e->rep.ptr;
  }
  return call_diag(e->ctx, rule, s, wants, e->rep_start, e->rep_end, os, olen, rs, rlen, true, fmt,
                   ap);
}

/* (the arguments in the session: the call with the fifteen arguments that carried them cost
 * about 20 instructions more an edit of lint, s52-edits: lint -q of the 2 MB bench copy 579.52
 * against 578.52 M) */
int qg_report_edit(qg_edit *e, const char *rule, qg_severity s, unsigned wants, const char *fmt,
                   va_list ap) {
  return edit_call(e, rule, s, wants, fmt, ap);
}

/* qg_report_edit_count's EDIT_FULL: the rule's wants, the counts and the call in one function
 * of its own (with wants_of inlined into qg_report_edit, its prologue made the call of the
 * handlers with diag_wants dearer: lint -q of the 2 MB bench copy +2.7 M). */
int qg_report_edit_full(qg_edit *e, const char *rule, const char *fmt, va_list ap) {
  qg_severity s;
  unsigned wants = wants_of(e->ctx, rule, -1, &s);
  count_diag(e->ctx, rule, s, true);
  if (!(wants & QG_WANTS_CALL)) return 0;
  return edit_call(e, rule, s, wants, fmt, ap);
}

int qg_report(qg_ctx *ctx, const char *rule, qg_pos start, qg_pos end, const char *original,
              const char *replacement, bool fixed, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = qg_report_sev(ctx, rule, -1, start, end, original, replacement, fixed, fmt, ap);
  va_end(ap);
  return rc;
}

void qg_ctx_set_dup(qg_ctx *ctx, const qg_dup_ref *dup) { ctx->dup = dup; }
void qg_ctx_set_link(qg_ctx *ctx, uint32_t link) { ctx->link = link; }
uint32_t qg_ctx_link_ids(qg_ctx *ctx, uint32_t n) {
  if (n > UINT32_MAX - 1 - ctx->links) ctx->links = 0; /* 4 G links in a document: wrap */
  uint32_t first = ctx->links + 1;
  ctx->links += n;
  return first;
}

static int split_log_removed(qg_ctx *ctx, int rc, qg_block *b, const qg_removal *r);

int qg_block_remove(qg_ctx *ctx, qg_block *b, const char *rule, uint32_t dup_line,
                    const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  if (qg_vformat(msg, sizeof msg, fmt, ap) < 0) msg[0] = '\0';
  va_end(ap);
  /* a removed paragraph is whole lines: its span starts at column 1 of its first line; a
   * block split off the end of a line starts where it starts (probe 12a A1: a repeated credit
   * was reported over the paragraph before it) */
  qg_pos start = b->mid_line ? qg_block_pos(b, 0) : (qg_pos){.line = b->line, .col = 1};
  int rc = qg_report(ctx, rule, start, qg_block_pos(b, b->text.len), b->text.ptr,
                     "", true, "%s", msg);
  qg_removal r = {.why = rule, .message = msg, .duplicate_of_line = dup_line, .dup = ctx->dup};
  ctx->info.removed++;
  if (ctx->side == SIDE_FRONT) return split_log_removed(ctx, rc, b, &r); /* the block with it */
  if (!rc && ctx->h.removed) rc = from_handler(ctx, ctx->h.removed(ctx->h.userdata, b, &r));
  qg_block_release(ctx, b);
  return rc;
}

/* ---- the sink: last stage, hands blocks to the handler ------------------------------------ */

static int call_begin_doc(qg_ctx *ctx) {
  if (ctx->begun) return 0;
  ctx->begun = true;
  return ctx->h.begin_doc ? from_handler(ctx, ctx->h.begin_doc(ctx->h.userdata, &ctx->info)) : 0;
}

static int sink_push(qg_stage *s, qg_block *b) {
  qg_ctx *ctx = s->ctx;
  int rc = call_begin_doc(ctx);
  if (!rc) {
    ctx->info.blocks++;
    if (ctx->h.block) rc = from_handler(ctx, ctx->h.block(ctx->h.userdata, b));
  }
  qg_block_release(ctx, b);
  return rc;
}
static int sink_noop(qg_stage *s) { (void)s; return 0; }
static void sink_free(qg_stage *s) { free(s); }
static const qg_stage_vt sink_vt = {
    .name = "sink", .begin = sink_noop, .push = sink_push, .finish = sink_noop, .free = sink_free};

/* ---- batch queues (options.batch > 1) ----------------------------------------------------
 * Between every two stages: it holds the blocks pushed to it and passes them all on, in order,
 * when it holds options.batch of them or QG_BATCH_BYTES of text, and at the end of the document
 * (finish, which the driver calls after the stage before has finished). So a stage takes in a
 * batch of blocks, one after the other, before the next stage runs on any of them: each stage's
 * code and tables stay in the caches for the batch (callgrind on 2 MB of bench copy: L1
 * instruction misses 15.1 M -> 4.7 M, mispredicted branches 11.0 M -> 9.5 M). Nothing about a
 * block changes; the diagnostics of different stages interleave stage by stage within a batch
 * instead of block by block. */
typedef struct batch_queue {
  qg_stage base;
  size_t n, k, bytes;
  qg_block **q;
  int slot; /* the timing slot of the stage after it */
} batch_queue;

static int batch_flush(qg_stage *s) {
  batch_queue *bq = (batch_queue *)s;
  size_t n = bq->n;
  int rc = 0;
  bq->n = bq->bytes = 0;
  qg_timing *t = s->ctx->timing;
  int was = t && n ? tm_enter(t, bq->slot) : 0;
  for (size_t i = 0; i < n; i++) /* after a failure the rest go back to the pool */
    if (!rc) rc = qg_stage_emit(s, bq->q[i]);
    else qg_block_release(s->ctx, bq->q[i]);
  if (t && n) tm_leave(t, was);
  return rc;
}
static int batch_push(qg_stage *s, qg_block *b) {
  batch_queue *bq = (batch_queue *)s;
  bq->q[bq->n++] = b;
  bq->bytes += b->text.len;
  return bq->n >= bq->k || bq->bytes >= QG_BATCH_BYTES ? batch_flush(s) : 0;
}
static void batch_abort(qg_stage *s) {
  batch_queue *bq = (batch_queue *)s;
  for (size_t i = 0; i < bq->n; i++) qg_block_release(s->ctx, bq->q[i]);
  bq->n = bq->bytes = 0;
}
static int batch_begin(qg_stage *s) {
  batch_abort(s); /* empty unless the document before failed without an abort */
  return 0;
}
static void batch_free(qg_stage *s) {
  batch_queue *bq = (batch_queue *)s;
  batch_abort(s);
  free(bq->q);
  free(bq);
}
static const qg_stage_vt batch_vt = {.name = "batch", .begin = batch_begin, .push = batch_push,
                                     .finish = batch_flush, .free = batch_free, .abort = batch_abort};
static qg_stage *batch_new(qg_ctx *ctx, size_t k, int slot) {
  batch_queue *bq = calloc(1, sizeof *bq);
  if (!bq || !(bq->q = malloc(k * sizeof *bq->q))) {
    free(bq);
    return NULL;
  }
  bq->base.vt = &batch_vt;
  bq->base.ctx = ctx;
  bq->k = k;
  bq->slot = slot;
  return &bq->base;
}

/* ---- two threads (options.threads >= 2) ----------------------------------------------------
 * The batch queue before the repeat check becomes a split queue: when it would pass its blocks
 * on, it hands them to the pipeline's second thread instead (an item: the blocks, the
 * diagnostics and removals the front raised since the last hand-off, and the front's fields of
 * the docinfo as they are now), and the front goes on with the next batch. The back thread
 * takes the items in order: it sets the docinfo's front fields, gives the handler the logged
 * diagnostics and removals (counting them as report_as and qg_block_remove do), then pushes
 * the blocks into the repeat check. That is what one thread does at the queue's flush, in the
 * same order: so every diagnostic reaches the handler where it would have on one thread, and
 * the back's stages see the docinfo they would have seen. A document that ends before its
 * first hand-off (or the last item of one that never handed off) runs the back inline, on the
 * caller's thread. At most SPLIT_DEPTH items wait. The back's failure stops the front at its
 * next hand-off; a front that fails has its queued items and its last events given to the
 * handler (they were, on one thread) before the document aborts. Blocks the back releases
 * past half its pool go back to the front's pool (split_give_blocks / split_take_blocks). */
enum { SPLIT_DEPTH = 3 };
enum { SPLIT_BLOCKS = 0, SPLIT_FINISH = 1, SPLIT_DRAIN = 2, SPLIT_EVENTS = 3 };
enum { EV_DIAG = 1, EV_REMOVED = 2 };

/* The docinfo's fields the front sets (the decoder's and the paragraph stage's). */
typedef struct front_info {
  const char *encoding, *line_ends, *paragraphs;
  uint64_t bytes, lines;
  bool encoding_detected, encoding_weak, bom;
} front_info;

typedef struct ev_head { /* a logged diagnostic or removal, its strings after it */
  front_info at;        /* the front's docinfo fields when it was raised */
  const char *rule;     /* the rule, or the removal's why (string literals) */
  qg_pos start, end;
  qg_block *b;          /* EV_REMOVED: the block */
  int32_t severity;
  uint32_t link, dup_line, mlen, olen, rlen;
  uint8_t type;
  bool fixed, has_o, has_r;
} ev_head;

typedef struct split_item {
  qg_block **q;
  size_t n;
  qg_buf ev;
  front_info snap; /* the front's docinfo fields at the hand-off */
  int last;        /* SPLIT_* */
  struct split_item *next;
} split_item;

typedef struct split {
  qg_pipeline *p;
  size_t at, k; /* p->stages[at]: the first back stage; k: the queue's size */
  pthread_mutex_t mu;
  pthread_cond_t work, room; /* an item queued; an item taken, done, or the last one done */
  split_item *head, *tail, *spare;
  size_t queued;
  bool running, done, sent_last;
  bool busy; /* the back is on an item */
  pthread_t th;
  _Atomic int status; /* the back's first error */
  qg_buf ev;          /* the front's events since the last hand-off */
  qg_block *xchg;     /* blocks handed back to the front */
  size_t nxchg;
} split;

typedef struct split_queue {
  qg_stage base;
  split *sp;
  size_t n, bytes;
  qg_block **q;
} split_queue;

/* The front's fields of the docinfo, out of it and into it. */
static front_info front_get(const qg_docinfo *i) {
  return (front_info){.encoding = i->encoding, .line_ends = i->line_ends,
                      .paragraphs = i->paragraphs, .bytes = i->bytes, .lines = i->lines,
                      .encoding_detected = i->encoding_detected,
                      .encoding_weak = i->encoding_weak, .bom = i->bom};
}
static void front_set(qg_docinfo *i, const front_info *f) {
  i->encoding = f->encoding;
  i->line_ends = f->line_ends;
  i->paragraphs = f->paragraphs;
  i->bytes = f->bytes;
  i->lines = f->lines;
  i->encoding_detected = f->encoding_detected;
  i->encoding_weak = f->encoding_weak;
  i->bom = f->bom;
}

static void split_give_blocks(qg_ctx *ctx) {
  split *sp = ctx->sp;
  pthread_mutex_lock(&sp->mu);
  if (sp->nxchg < QG_POOL_MAX) { /* the whole pool onto the exchange */
    qg_block *last = ctx->pool;
    while (last->next) last = last->next;
    last->next = sp->xchg;
    sp->xchg = ctx->pool;
    sp->nxchg += ctx->npool;
    ctx->pool = NULL;
    ctx->npool = 0;
  }
  pthread_mutex_unlock(&sp->mu);
}

static void split_take_blocks(qg_ctx *ctx) {
  split *sp = ctx->sp;
  pthread_mutex_lock(&sp->mu);
  ctx->pool = sp->xchg;
  ctx->npool = sp->nxchg;
  sp->xchg = NULL;
  sp->nxchg = 0;
  pthread_mutex_unlock(&sp->mu);
}

/* Appends an event to the front's log. */
static int ev_put(split *sp, const ev_head *h, const char *m, const char *o, const char *r) {
  qg_buf *e = &sp->ev;
  if (qg_buf_put(e, (const char *)h, sizeof *h) || qg_buf_put(e, m, h->mlen + 1) ||
      (h->has_o && qg_buf_put(e, o, h->olen + 1)) || (h->has_r && qg_buf_put(e, r, h->rlen + 1)))
    return QG_ERR_NOMEM;
  return 0;
}

/* The front's handler: its diagnostics logged, the text read when the real handler reads it. */
static int cap_diag(void *ud, const qg_diag *d) {
  qg_pipeline *p = ud;
  const char *m = d->message ? d->message : "";
  ev_head h = {.at = front_get(&p->ctx.info), .type = EV_DIAG, .rule = d->rule,
               .severity = (int32_t)d->severity,
               .start = d->start, .end = d->end, .fixed = d->fixed, .link = d->link,
               .mlen = (uint32_t)strlen(m), .has_o = d->original != NULL,
               .has_r = d->replacement != NULL};
  if (h.has_o) h.olen = (uint32_t)d->original_len;
  if (h.has_r) h.rlen = (uint32_t)d->replacement_len;
  return ev_put(p->ctx.sp, &h, m, d->original, d->replacement);
}
static bool cap_wants_text(void *ud, const char *rule, qg_severity s) {
  const qg_handler *h = &((qg_pipeline *)ud)->back.h;
  return h->diag && (!h->diag_wants_text || h->diag_wants_text(h->userdata, rule, s));
}
/* The front's diag_wants when the handler has one: every diagnostic is logged (the back counts
 * it in its docinfo in order, replay), with what the handler reads of it. */
static unsigned cap_wants(void *ud, const char *rule, qg_severity s) {
  const qg_handler *h = &((qg_pipeline *)ud)->back.h;
  return QG_WANTS_CALL | (h->diag ? h->diag_wants(h->userdata, rule, s) : 0);
}

/* qg_block_remove on the front: the removal logged with its block, which the back gives the
 * handler and releases. */
static int split_log_removed(qg_ctx *ctx, int rc, qg_block *b, const qg_removal *r) {
  ev_head h = {.at = front_get(&ctx->info), .type = EV_REMOVED, .rule = r->why, .b = b,
               .dup_line = r->duplicate_of_line,
               .mlen = (uint32_t)strlen(r->message)};
  if (!rc) rc = ev_put(ctx->sp, &h, r->message, NULL, NULL);
  if (rc) qg_block_release(ctx, b);
  return rc;
}


/* Gives the back's handler the logged events of ev (after a failure, rc: only the removed
 * blocks released); the status. */
static int replay(qg_ctx *bc, const qg_buf *ev, int rc) {
  size_t at = 0;
  while (at < ev->len) {
    ev_head h;
    memcpy(&h, ev->ptr + at, sizeof h);
    at += sizeof h;
    const char *m = ev->ptr + at, *o = NULL, *r = NULL;
    at += h.mlen + 1;
    if (h.has_o) o = ev->ptr + at, at += h.olen + 1;
    if (h.has_r) r = ev->ptr + at, at += h.rlen + 1;
    if (!rc) front_set(&bc->info, &h.at); /* as the handler would see it on one thread */
    if (h.type == EV_DIAG) {
      if (rc) continue;
      qg_diag d = {.rule = h.rule, .severity = (qg_severity)h.severity,
                   .source = bc->source ? bc->source : "-", .start = h.start, .end = h.end,
                   .message = m, .original = o, .replacement = r, .fixed = h.fixed, .dup = NULL,
                   .link = h.link, .original_len = h.olen, .replacement_len = h.rlen};
      if (qg_diag_is_change(&d)) bc->info.changes++;
      if (d.severity == QG_SEV_WARNING) bc->info.warnings++;
      if (d.severity == QG_SEV_ERROR) bc->info.errors++;
      qg_severity s;
      if (bc->h.diag && (!bc->h.diag_wants || wants_of(bc, h.rule, h.severity, &s) & QG_WANTS_CALL))
        rc = from_handler(bc, bc->h.diag(bc->h.userdata, &d));
    } else {
      if (!rc) {
        qg_removal why = {.why = h.rule, .message = m, .duplicate_of_line = h.dup_line};
        bc->info.removed++;
        if (bc->h.removed) rc = from_handler(bc, bc->h.removed(bc->h.userdata, h.b, &why));
      }
      qg_block_release(bc, h.b);
    }
  }
  return rc;
}

/* What one thread does at the queue's flush, on the back's side: the item's docinfo fields,
 * events and blocks (and the back stages' finish for the last item). */
static void back_item(qg_pipeline *p, split_item *it) {
  split *sp = p->ctx.sp;
  qg_ctx *bc = &p->back;
  const qg_pipeline *was = tl_back; /* (the back's work inline: its callbacks are the back's too) */
  tl_back = p;
  int rc = replay(bc, &it->ev, atomic_load(&sp->status));
  if (!rc) front_set(&bc->info, &it->snap);
  qg_stage *head = p->stages[sp->at];
  for (size_t i = 0; i < it->n; i++)
    if (!rc) rc = head->vt->push(head, it->q[i]);
    else qg_block_release(bc, it->q[i]);
  it->n = 0;
  for (size_t i = sp->at; !rc && it->last == SPLIT_FINISH && i < p->nstages; i++)
    rc = p->stages[i]->vt->finish(p->stages[i]);
  if (rc) {
    int none = 0;
    atomic_compare_exchange_strong(&sp->status, &none, rc);
  }
  tl_back = was;
}

static void *back_main(void *arg) {
  qg_pipeline *p = arg;
  split *sp = p->ctx.sp;
  for (bool last = false; !last;) {
    pthread_mutex_lock(&sp->mu);
    while (!sp->head) pthread_cond_wait(&sp->work, &sp->mu);
    split_item *it = sp->head;
    if (!(sp->head = it->next)) sp->tail = NULL;
    sp->queued--;
    pthread_cond_signal(&sp->room);
    last = it->last == SPLIT_FINISH || it->last == SPLIT_DRAIN;
    sp->busy = true;
    pthread_mutex_unlock(&sp->mu);
    back_item(p, it);
    pthread_mutex_lock(&sp->mu);
    sp->busy = false;
    it->next = sp->spare;
    sp->spare = it;
    if (last) sp->done = true;
    if (last || !sp->queued) pthread_cond_broadcast(&sp->room); /* (qg_pipeline_sync waits) */
    pthread_mutex_unlock(&sp->mu);
  }
  return NULL;
}

static void item_free(split_item *it) {
  free(it->q);
  qg_buf_free(&it->ev);
  free(it);
}

/* Hands the queue's blocks (none for SPLIT_DRAIN) and the front's events to the back: queued
 * for its thread (started by the first hand-off of a document that is not its last), or run
 * here when the thread is not running and this is the last; for the last, waits until the back
 * is done. The back's status (its first error so far). */
static int split_send(split_queue *sq, int last) {
  split *sp = sq->sp;
  qg_pipeline *p = sp->p;
  pthread_mutex_lock(&sp->mu);
  split_item *it = sp->spare;
  if (it) sp->spare = it->next;
  pthread_mutex_unlock(&sp->mu);
  if (!it) {
    if (!(it = calloc(1, sizeof *it)) || !(it->q = malloc(sp->k * sizeof *it->q))) {
      free(it);
      return QG_ERR_NOMEM;
    }
    qg_buf_init(&it->ev);
  }
  if (last == SPLIT_BLOCKS || last == SPLIT_FINISH) { /* the queue's blocks into the item, its array for the queue */
    qg_block **q = it->q;
    it->q = sq->q, it->n = sq->n;
    sq->q = q, sq->n = sq->bytes = 0;
  }
  qg_buf t = it->ev; /* the log into the item, the item's spare buffer for the log */
  it->ev = sp->ev;
  sp->ev = t;
  qg_buf_clear(&sp->ev);
  it->snap = front_get(&p->ctx.info);
  it->last = last;
  it->next = NULL;
  if (last == SPLIT_FINISH || last == SPLIT_DRAIN) sp->sent_last = true;
  if (!sp->running) {
    sp->done = false;
    /* inline, on this thread: the last item of a document that never handed off, the events of
     * a sync, or a batch when no thread can be started */
    if (last || pthread_create(&sp->th, NULL, back_main, p)) {
      back_item(p, it);
      it->next = sp->spare;
      sp->spare = it;
      return atomic_load(&sp->status);
    }
    sp->running = true;
  }
  pthread_mutex_lock(&sp->mu);
  while (sp->queued >= SPLIT_DEPTH) pthread_cond_wait(&sp->room, &sp->mu);
  if (sp->tail) sp->tail->next = it;
  else sp->head = it;
  sp->tail = it;
  sp->queued++;
  pthread_cond_signal(&sp->work);
  if (last == SPLIT_EVENTS)
    while (sp->queued || sp->busy) pthread_cond_wait(&sp->room, &sp->mu);
  else if (last)
    while (!sp->done) pthread_cond_wait(&sp->room, &sp->mu);
  pthread_mutex_unlock(&sp->mu);
  if (last == SPLIT_FINISH || last == SPLIT_DRAIN) {
    pthread_join(sp->th, NULL);
    sp->running = false;
  }
  return atomic_load(&sp->status);
}

static int split_push(qg_stage *s, qg_block *b) {
  split_queue *sq = (split_queue *)s;
  sq->q[sq->n++] = b;
  sq->bytes += b->text.len;
  return sq->n >= sq->sp->k || sq->bytes >= QG_BATCH_BYTES ? split_send(sq, SPLIT_BLOCKS) : 0;
}
static int split_finish(qg_stage *s) { return split_send((split_queue *)s, SPLIT_FINISH); }
static void split_abort(qg_stage *s) {
  split_queue *sq = (split_queue *)s;
  for (size_t i = 0; i < sq->n; i++) qg_block_release(s->ctx, sq->q[i]);
  sq->n = sq->bytes = 0;
}
static int split_begin(qg_stage *s) {
  split_queue *sq = (split_queue *)s;
  split_abort(s);
  qg_buf_clear(&sq->sp->ev);
  atomic_store(&sq->sp->status, 0);
  sq->sp->sent_last = false;
  return 0;
}
static void split_free(qg_stage *s) {
  split_queue *sq = (split_queue *)s;
  split *sp = sq->sp;
  if (sp->running) { /* freed with a document open: the back told to stop, and waited for */
    atomic_store(&sp->status, QG_ERR_STOPPED);
    (void)split_send(sq, SPLIT_DRAIN);
  }
  split_abort(s);
  qg_pipeline *p = sp->p; /* the stages after this one release blocks as they are freed */
  p->ctx.sp = p->back.sp = NULL;
  p->ctx.side = p->back.side = SIDE_ONE;
  for (split_item *it = sp->spare, *next; it; it = next) next = it->next, item_free(it);
  while (sp->xchg) {
    qg_block *b = sp->xchg;
    sp->xchg = b->next;
    block_free(b);
  }
  qg_buf_free(&sp->ev);
  pthread_mutex_destroy(&sp->mu);
  pthread_cond_destroy(&sp->work);
  pthread_cond_destroy(&sp->room);
  free(sp);
  free(sq->q);
  free(sq);
}
static const qg_stage_vt split_vt = {.name = "split", .begin = split_begin, .push = split_push,
                                     .finish = split_finish, .free = split_free,
                                     .abort = split_abort};
static qg_stage *split_new(qg_pipeline *p, size_t k) {
  split_queue *sq = calloc(1, sizeof *sq);
  split *sp = calloc(1, sizeof *sp);
  if (!sq || !sp || !(sq->q = malloc(k * sizeof *sq->q))) {
    free(sq);
    free(sp);
    return NULL;
  }
  sp->p = p;
  sp->k = k;
  pthread_mutex_init(&sp->mu, NULL);
  pthread_cond_init(&sp->work, NULL);
  pthread_cond_init(&sp->room, NULL);
  qg_buf_init(&sp->ev);
  sq->sp = sp;
  sq->base.vt = &split_vt;
  sq->base.ctx = &p->ctx;
  p->ctx.sp = p->back.sp = sp;
  return &sq->base;
}

/* At the end of a document on two threads: a front that failed before its last hand-off has
 * its queued items and its last events given to the handler; the front's docinfo fields into
 * the back's (unless the back failed); the status (the front's, else the back's). */
static int split_end(qg_pipeline *p, split_queue *sq, int rc) {
  split *sp = sq->sp;
  if (!sp->sent_last) (void)split_send(sq, SPLIT_DRAIN);
  int brc = atomic_load(&sp->status);
  /* a back that failed has the front's fields of the item it failed on: where one thread's
   * front stopped (this one's may have read further before it heard) */
  if (!brc) {
    front_info f = front_get(&p->ctx.info);
    front_set(&p->back.info, &f);
  }
  if (!rc) rc = brc;
  return rc;
}

/* Between the decoder and the first stage when the stages are timed: charges each line's
 * push to the first stage (slot 1). */
static int entry_push(qg_stage *s, qg_block *b) {
  qg_timing *t = s->ctx->timing;
  int was = tm_enter(t, 1);
  int rc = qg_stage_emit(s, b);
  tm_leave(t, was);
  return rc;
}
static const qg_stage_vt entry_vt = {
    .name = "entry", .begin = sink_noop, .push = entry_push, .finish = sink_noop, .free = sink_free};

/* ---- pipeline ----------------------------------------------------------------------------- */

/* ---- options ------------------------------------------------------------------------------ */

/* The values of o that need no file: enums in range, the threshold, the encoding's name. */
static int check_values(const qg_options *o, char *err, size_t errlen) {
  const char *bad = NULL;
  int v = 0;
  if ((unsigned)o->invalid > QG_INVALID_REPLACE) bad = "invalid", v = (int)o->invalid;
  else if ((unsigned)o->paragraphs > QG_PARA_WRAPPED) bad = "paragraphs", v = (int)o->paragraphs;
  else if ((unsigned)o->dedup > QG_DEDUP_MARK) bad = "dedup", v = (int)o->dedup;
  else if ((unsigned)o->dedup_scope > QG_SCOPE_RUN) bad = "dedup_scope", v = (int)o->dedup_scope;
  else if ((unsigned)o->near_features > QG_FEATURES_WORDS) bad = "near_features", v = (int)o->near_features;
  else if (o->batch > QG_BATCH_MAX) bad = "batch", v = (int)o->batch;
  else if (o->segment & ~(unsigned)(QG_SEGMENT_WORDS | QG_SEGMENT_SENTENCES))
    bad = "segment", v = (int)o->segment;
  if (bad) {
    qg_sformat(err, errlen, "options: %s = %d is not one of its values", bad, v);
    return QG_ERR_USAGE;
  }
  if (!(o->near_threshold >= 0 && o->near_threshold <= 1)) { /* NaN too */
    qg_sformat(err, errlen, "options: near_threshold = %g: wants a number from 0 to 1",
               o->near_threshold);
    return QG_ERR_USAGE;
  }
  if (o->encoding && (!o->encoding[0] || !qg_encoding_known(o->encoding))) {
    qg_sformat(err, errlen, "options: encoding \"%s\": unknown encoding (not an ICU converter name)",
               o->encoding);
    return QG_ERR_ICU;
  }
  return 0;
}

/* Whether the pipeline of o runs the dedup stage (and so reads o->archive). */
static bool uses_archive(const qg_options *o) {
  return o->archive && !o->light && o->dedup != QG_DEDUP_OFF;
}

/* The archive of o opens and holds sketches of o's features. */
static int check_archive(const qg_options *o, char *err, size_t errlen) {
  qg_archive *a = qg_archive_open(o->archive, false, err, errlen);
  if (!a) return QG_ERR_IO;
  int rc = qg_archive_use_features(a, o->near_features, err, errlen) ? QG_ERR_USAGE : 0;
  qg_archive_close(a);
  return rc;
}

int qg_options_check(const qg_options *o, char *err, size_t errlen) {
  char tmp[1];
  if (!err || !errlen) err = tmp, errlen = sizeof tmp;
  err[0] = '\0';
  if (!o) {
    qg_sformat(err, errlen, "options: NULL");
    return QG_ERR_USAGE;
  }
  int rc = check_values(o, err, errlen);
  if (!rc && o->cues_file) rc = qg_cues_check(o->cues_file, err, errlen);
  for (size_t i = 0; !rc && o->dicts && o->dicts[i]; i++) rc = qg_dict_check(o->dicts[i], err, errlen);
  if (!rc && uses_archive(o)) rc = check_archive(o, err, errlen);
  return rc;
}

qg_pipeline *qg_pipeline_new(const qg_options *opts, const qg_handler *h) {
  qg_pipeline *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  qg_ctx *ctx = &p->ctx;
  if (opts) ctx->opts = *opts;
  else qg_options_init(&ctx->opts);
  if (!ctx->opts.max_block_bytes) ctx->opts.max_block_bytes = QG_DEFAULT_MAX_BLOCK;
  if (h) ctx->h = *h;
  ctx->info = (qg_docinfo){.source = "", .encoding = "", .line_ends = "", .paragraphs = ""};

  /* Options it cannot use make a pipeline that fails every document with the status and the
   * message (probe 11c F5, F7): a constructor has no other way to say why. */
  char err[512] = "";
  int bad = check_values(&ctx->opts, err, sizeof err);
  if (!bad && uses_archive(&ctx->opts)) bad = check_archive(&ctx->opts, err, sizeof err);
  /* the light chain (segment) has the paragraph stage's heading lines too: its paragraphs are
   * clean's (probe 10c F4) */
  if (!bad && (ctx->opts.light ? ctx->opts.paragraphs != QG_PARA_LINE
                               : ctx->opts.repair || ctx->opts.structure)) {
    ctx->cues = qg_cues_new(ctx->opts.cues_file, err, sizeof err);
    if (!ctx->cues) bad = QG_ERR_USAGE;
  }
  if (!bad && ctx->opts.dicts && ctx->opts.dicts[0]) { /* loaded once, here, to say what is wrong */
    ctx->dict = qg_dict_new(ctx->opts.dicts, err, sizeof err);
    if (!ctx->dict) bad = QG_ERR_USAGE;
  }
  if (bad) {
    p->setup_status = bad;
    snprintf(p->setup_msg, sizeof p->setup_msg, "%s", err[0] ? err : qg_strerror(bad));
    snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s", p->setup_msg);
    return p;
  }
  /* two threads: the back's context, the handler's; the front's handler logs */
  bool two = ctx->opts.threads >= 2 && !ctx->opts.light && ctx->opts.dedup != QG_DEDUP_OFF &&
             ctx->opts.batch > 1;
  qg_ctx *bctx = ctx; /* the context of the repeat check, the stages after it and the sink */
  if (two) {
    bctx = &p->back;
    bctx->opts = ctx->opts;
    bctx->h = ctx->h;
    bctx->info = ctx->info;
    bctx->side = SIDE_BACK;
    ctx->side = SIDE_FRONT;
    ctx->h = (qg_handler){.userdata = p, .diag = cap_diag, .diag_wants_text = cap_wants_text,
                          .diag_wants = bctx->h.diag_wants ? cap_wants : NULL};
  }
  qg_stage *sink = calloc(1, sizeof *sink);
  if (sink) {
    sink->vt = &sink_vt;
    sink->ctx = bctx;
  }
  /* The chain, in order; one line per stage. A NULL entry is a failed constructor. */
  qg_stage *chain[QG_MAX_STAGES];
  size_t n = 0;
  bool full = !ctx->opts.light; /* light: the chain of `qinggao segment` */
  chain[n++] = !full && ctx->opts.paragraphs == QG_PARA_LINE ? qg_stage_lines_new(ctx)
                                                              : qg_stage_paragraph_new(ctx);
  chain[n++] = qg_stage_chars_new(ctx);
  if (full && ctx->opts.repair) chain[n++] = qg_stage_repair_new(ctx);
  if (full && ctx->opts.structure) chain[n++] = qg_stage_structure_new(ctx);
  if (full) chain[n++] = qg_stage_punct_new(ctx);
  if (full) chain[n++] = qg_stage_numbers_new(ctx);
  size_t at = n; /* the first stage of the back */
  if (full && ctx->opts.dedup != QG_DEDUP_OFF) chain[n++] = qg_stage_dedup_new(bctx);
  if (full) chain[n++] = qg_stage_word_repeat_new(bctx);
  if (ctx->opts.segment) chain[n++] = qg_stage_segment_new(bctx); /* last: no edits after it */
  chain[n++] = sink;
  bool ok = true;
  p->slot_name[0] = "decode";
  for (size_t i = 0; i < n; i++) {
    if (i && ctx->opts.batch > 1) { /* a queue before every stage but the first */
      p->stages[p->nstages] = two && i == at   ? split_new(p, ctx->opts.batch)
                              : two && i > at ? batch_new(bctx, ctx->opts.batch, (int)i + 1)
                                              : batch_new(ctx, ctx->opts.batch, (int)i + 1);
      if (!p->stages[p->nstages]) ok = false;
      else p->slot[p->nstages++] = -1;
      if (two && i == at && ctx->sp) ctx->sp->at = p->nstages;
    }
    if (chain[i]) {
      p->slot[p->nstages] = (int)i + 1;
      p->slot_name[i + 1] = chain[i] == sink ? "write" : chain[i]->vt->name;
      p->stages[p->nstages++] = chain[i];
    } else {
      ok = false;
    }
  }
  p->nslots = n + 1;
  for (size_t i = 0; i + 1 < p->nstages; i++) p->stages[i]->next = p->stages[i + 1];
  if (ok && ctx->opts.segment && !qg_ctx_segmenter(bctx)) ok = false;
  if (ok) p->dec = qg_decoder_new(ctx, p->stages[0]);
  if (!ok || !p->dec) {
    qg_pipeline_free(p);
    return NULL;
  }
  return p;
}

void qg_pipeline_free(qg_pipeline *p) {
  if (!p || p->busy || tl_back == p) return; /* from a callback: refused (the call running would use p) */
  qg_decoder_free(p->dec);
  for (size_t i = 0; i < p->nstages; i++) p->stages[i]->vt->free(p->stages[i]);
  if (p->entry) p->entry->vt->free(p->entry);
  free(p->ctx.timing);
  while (p->ctx.pool) {
    qg_block *b = p->ctx.pool;
    p->ctx.pool = b->next;
    block_free(b);
  }
  while (p->back.pool) { /* (the back's source and record are the front's) */
    qg_block *b = p->back.pool;
    p->back.pool = b->next;
    block_free(b);
  }
  qg_segmenter_free(p->back.seg);
  qg_dict_free(p->back.dict);
  free(p->ctx.source);
  free(p->ctx.record);
  qg_cues_free(p->ctx.cues);
  qg_segmenter_free(p->ctx.seg);
  qg_dict_free(p->ctx.dict);
  free(p);
}

/* The length of the well-formed UTF-8 character at s[0] (not a control), 0 if none. */
static size_t utf8_char_ok(const unsigned char *s) {
  unsigned c = s[0];
  if (c < 0x20 || c == 0x7F || c == '%') return 0; /* % itself: a name's %XX stays unambiguous */
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) /* not the C1 controls U+0080..U+009F */
    return (s[1] & 0xC0) == 0x80 && !(c == 0xC2 && s[1] < 0xA0) ? 2 : 0;
  if (c < 0xF0) {
    if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) return 0; /* overlong, surrogate */
    if (c == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9)) return 0; /* U+2028/9 */
    if (c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE) return 0; /* U+FFFE/F: no XML characters */
    return 3;
  }
  if (c > 0xF4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
    return 0;
  if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)) return 0;
  return 4;
}

char *qg_display_name(const char *path) {
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char *s = (const unsigned char *)(path ? path : "-");
  size_t n = strlen((const char *)s);
  char *out = malloc(3 * n + 1), *o = out; /* a byte at most %XX; a NUL ends s, so the
                                            * lookahead of utf8_char_ok stops at it */
  if (!out) return NULL;
  for (size_t i = 0; i < n;) {
    size_t k = utf8_char_ok(s + i);
    if (k) {
      memcpy(o, s + i, k);
      o += k, i += k;
    } else {
      *o++ = '%', *o++ = hex[s[i] >> 4], *o++ = hex[s[i] & 15];
      i++;
    }
  }
  *o = '\0';
  return out;
}

void qg_ctx_set_errmsg(qg_ctx *ctx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  qg_vformat(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
  va_end(ap);
}

const char *qg_pipeline_errmsg(const qg_pipeline *p) {
  return !p ? "" : p->usage_last ? p->usage_msg : p->ctx.errmsg;
}

int qg_pipeline_begin(qg_pipeline *p, const char *source) {
  return qg_pipeline_begin_record(p, source, NULL);
}

int qg_pipeline_begin_record(qg_pipeline *p, const char *source, const char *record) {
  /* from a callback, or while a document is open (finish or abort it first): refused, the
   * open document left as it is (probe 11c F1, F10) */
  if (!p) return QG_ERR_USAGE;
  const char *call = record ? "qg_pipeline_begin_record" : "qg_pipeline_begin";
  if (p->busy || tl_back == p) return refuse(p, "%s: called from a callback of the same pipeline", call);
  if (p->open)
    return refuse(p, "%s: a document is open (%s): finish or abort it first", call, p->ctx.source);
  size_t rlen = record ? strlen(record) : 0;
  /* an id is shown as it is in messages and stored in archives: text of one line */
  if (record && !rlen) return refuse(p, "%s: record id: empty", call);
  if (rlen > QG_RECORD_MAX)
    return refuse(p, "%s: record id: %zu bytes, over QG_RECORD_MAX (%d)", call, rlen, QG_RECORD_MAX);
  const char *what;
  size_t bad = record ? qg_utf8_text_check(record, rlen, &what) : 0;
  if (record && bad < rlen) {
    if (!strcmp(what, "invalid UTF-8"))
      return refuse(p, "%s: record id: invalid UTF-8 (byte 0x%02X at byte %zu)", call,
                    (unsigned char)record[bad], bad + 1);
    size_t at = bad; /* a control character or a noncharacter: valid UTF-8 */
    uint32_t cp = qg_utf8_next(record, rlen, &at);
    return refuse(p, "%s: record id: holds a %s (U+%04X at byte %zu)", call, what, (unsigned)cp,
                  bad + 1);
  }
  p->usage_last = false;
  qg_ctx *ctx = &p->ctx;
  char *name = qg_display_name(source ? source : "-");
  char *rec = record ? strdup(record) : NULL;
  if (!name || (record && !rec)) {
    free(name);
    free(rec);
    return QG_ERR_NOMEM;
  }
  free(ctx->source);
  ctx->source = name;
  free(ctx->record);
  ctx->record = rec;
  ctx->info = (qg_docinfo){.source = ctx->source, .encoding = "", .line_ends = "none",
                           .paragraphs = "", .record = ctx->record};
  ctx->status = 0;
  ctx->begun = false;
  ctx->errmsg[0] = '\0';
  ctx->links = 0;
  ctx->link = 0;
  if (ctx->h.diag_wants) wants_forget(ctx);
  if (ctx->sp) { /* the back's context: the same document */
    qg_ctx *bc = &p->back;
    bc->source = ctx->source;
    bc->record = ctx->record;
    bc->info = ctx->info;
    bc->status = 0;
    bc->begun = false;
    bc->errmsg[0] = '\0';
    bc->links = bc->link = 0;
    bc->dup = NULL;
    if (bc->h.diag_wants) wants_forget(bc);
  }
  p->open = true;
  if (p->setup_status) {
    snprintf(ctx->errmsg, sizeof ctx->errmsg, "%s", p->setup_msg);
    return ctx->status = p->setup_status;
  }
  p->busy = true;
  int rc = qg_decoder_begin(p->dec);
  for (size_t i = 0; !rc && i < p->nstages; i++) rc = p->stages[i]->vt->begin(p->stages[i]);
  p->busy = false;
  return ctx->status = rc;
}

int qg_pipeline_feed(qg_pipeline *p, const void *data, size_t len) {
  if (!p) return QG_ERR_USAGE;
  if (p->busy || tl_back == p || !p->open) return refuse_call(p, "qg_pipeline_feed");
  p->usage_last = false;
  qg_ctx *ctx = &p->ctx;
  if (ctx->status) return ctx->status;
  /* bytes the caller meant to give are missing: the document fails (probe 18 L2: it went on,
   * and was delivered without them) */
  if (!data && len) {
    qg_ctx_set_errmsg(ctx, "%s: qg_pipeline_feed: data is NULL, len %zu: the document fails",
                      ctx->source, len);
    return ctx->status = QG_ERR_USAGE;
  }
  ctx->info.bytes += len;
  p->busy = true;
  int was = ctx->timing ? tm_enter(ctx->timing, 0) : 0;
  ctx->status = qg_decoder_feed(p->dec, data, len);
  if (ctx->timing) tm_leave(ctx->timing, was);
  p->busy = false;
  p->usage_last = false; /* (a callback's call refused meanwhile is not this call's) */
  return ctx->status;
}

int qg_pipeline_finish(qg_pipeline *p) {
  if (!p) return QG_ERR_USAGE;
  if (p->busy || tl_back == p || !p->open) return refuse_call(p, "qg_pipeline_finish");
  qg_ctx *ctx = &p->ctx;
  p->busy = true;
  int rc = ctx->status;
  qg_timing *t = ctx->timing;
  int was = t ? tm_enter(t, 0) : 0;
  if (!rc) rc = qg_decoder_finish(p->dec);
  split *sp = ctx->sp;
  /* two threads: the front's stages, the split queue's finish runs the back's */
  size_t upto = sp ? sp->at : p->nstages;
  for (size_t i = 0; !rc && i < upto; i++) {
    int in = t && p->slot[i] >= 0 ? tm_enter(t, p->slot[i]) : 0;
    rc = p->stages[i]->vt->finish(p->stages[i]);
    if (t && p->slot[i] >= 0) tm_leave(t, in);
  }
  if (t) tm_leave(t, was);
  qg_ctx *hc = ctx; /* the handler's context */
  if (sp) {
    rc = split_end(p, (split_queue *)p->stages[sp->at - 1], rc);
    hc = &p->back;
  }
  if (!rc) rc = call_begin_doc(hc); /* an empty document still begins and ends */
  ctx->status = rc;
  if (rc)
    for (size_t i = 0; i < p->nstages; i++)
      if (p->stages[i]->vt->abort) p->stages[i]->vt->abort(p->stages[i]);
  /* every document that ends has begun (probe 18 L1): one that failed before its first block
   * (an abort or bad bytes before the encoding was decided, a cut character, options the
   * pipeline cannot use) begins here, encoding "" when it was not known; what begin_doc
   * returns then does not change the error */
  if (rc && !hc->begun) {
    hc->begun = true;
    if (hc->h.begin_doc) (void)hc->h.begin_doc(hc->h.userdata, &hc->info);
  }
  if (hc->h.end_doc) {
    int e = from_handler(hc, hc->h.end_doc(hc->h.userdata, &hc->info, rc));
    if (!rc) rc = e;
  }
  if (hc != ctx) { /* what the back said failed, for qg_pipeline_errmsg */
    if (!ctx->errmsg[0]) memcpy(ctx->errmsg, hc->errmsg, sizeof ctx->errmsg);
    ctx->status = rc;
  }
  p->open = false;
  p->busy = false;
  p->usage_last = false;
  return rc;
}

int qg_pipeline_abort(qg_pipeline *p, int status) {
  if (!p) return QG_ERR_USAGE;
  if (p->busy || tl_back == p || !p->open) return refuse_call(p, "qg_pipeline_abort");
  /* a qg_status passed on; 0, a positive value or one no qg_status has: QG_ERR_IO (probe 18 L3:
   * -42 reached end_doc and came back as "unknown error") */
  if (!p->ctx.status)
    p->ctx.status = status <= QG_ERR_USAGE && status >= QG_ERR_STOPPED ? status : QG_ERR_IO;
  return qg_pipeline_finish(p);
}

qg_ctx *qg_pipeline_ctx(qg_pipeline *p) { return &p->ctx; }

int qg_pipeline_mark(qg_pipeline *p, bool take_back) {
  if (!p || p->busy || tl_back == p || p->open) return QG_ERR_USAGE;
  for (size_t i = 0; i < p->nstages; i++)
    if (p->stages[i]->vt->mark) p->stages[i]->vt->mark(p->stages[i], take_back);
  return 0;
}

int qg_pipeline_time_stages(qg_pipeline *p) {
  if (!p || p->busy || p->open || p->setup_status || p->ctx.sp) return QG_ERR_USAGE;
  if (p->ctx.timing) return 0;
  qg_stage *e = calloc(1, sizeof *e);
  qg_timing *t = calloc(1, sizeof *t);
  if (!e || !t) {
    free(e);
    free(t);
    return QG_ERR_NOMEM;
  }
  t->cur = -1;
  e->vt = &entry_vt;
  e->ctx = &p->ctx;
  e->next = p->stages[0];
  qg_decoder_set_next(p->dec, e);
  p->entry = e;
  p->ctx.timing = t;
  return 0;
}

size_t qg_pipeline_stage_times(const qg_pipeline *p, const char **names, double *secs, size_t max) {
  size_t n = 0;
  for (; p && p->ctx.timing && n < p->nslots && n < max; n++) {
    names[n] = p->slot_name[n];
    secs[n] = (double)p->ctx.timing->ns[n] / 1e9;
  }
  return n;
}

int qg_pipeline_sync(qg_pipeline *p) {
  if (!p || !p->open || !p->ctx.sp || tl_back == p || p->ctx.sp->sent_last) return 0;
  split *sp = p->ctx.sp;
  return split_send((split_queue *)p->stages[sp->at - 1], SPLIT_EVENTS);
}

uint32_t qg_pipeline_queued_low(const qg_pipeline *p) {
  uint32_t low = UINT32_MAX;
  if (!p) return low;
  for (size_t i = 0; i < p->nstages; i++) {
    if (p->stages[i]->vt == &split_vt) { /* (two threads: after a sync no item is in flight) */
      const split_queue *sq = (const split_queue *)p->stages[i];
      for (size_t k = 0; k < sq->n; k++)
        if (sq->q[k]->line < low) low = sq->q[k]->line;
    }
    if (p->stages[i]->vt != &batch_vt) continue;
    const batch_queue *bq = (const batch_queue *)p->stages[i];
    for (size_t k = 0; k < bq->n; k++)
      if (bq->q[k]->line < low) low = bq->q[k]->line;
  }
  return low;
}

/* On two threads: the handler's (the back's) from a callback and between documents; during a
 * document on the caller's thread the front's (its decoder's and paragraph stage's fields are
 * current there; the counts are the handler's, complete at the end). */
const qg_docinfo *qg_pipeline_docinfo(const qg_pipeline *p) {
  if (!p) return NULL;
  if (!p->ctx.sp) return &p->ctx.info;
  return p->open && tl_back != p ? &p->ctx.info : &p->back.info;
}
