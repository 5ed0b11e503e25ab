/* dedup.c: exact repeats of a paragraph within a document.
 * Each paragraph of at least QG_DEDUP_MIN_CHARS characters is hashed (XXH3, 64 bits) and
 * looked up in an open-addressing table of {hash, first line}: 16 bytes per distinct
 * paragraph, the only memory that grows with the document. A repeat is reported under
 * dup-paragraph with the line of the first occurrence; --dedup=drop removes it, --dedup=mark
 * keeps it and records the line it repeats. Near-duplicates (SimHash) are a later stage. */
#include "internal.h"

#include <stdlib.h>
#include <xxhash.h>

/* Shorter paragraphs (an ornament, 本报讯, a one-word column name) legitimately repeat. */
#define QG_DEDUP_MIN_CHARS 10

typedef struct slot {
  uint64_t hash; /* 0 marks an empty slot (a zero hash is stored as 1) */
  uint32_t line;
} slot;

typedef struct dedup_stage {
  qg_stage base;
  slot *tab;
  size_t cap, used;
} dedup_stage;

static int grow(dedup_stage *ds) {
  size_t cap = ds->cap ? ds->cap * 2 : 1024;
  slot *t = calloc(cap, sizeof *t);
  if (!t) return QG_ERR_NOMEM;
  for (size_t i = 0; i < ds->cap; i++) {
    if (!ds->tab[i].hash) continue;
    size_t k = ds->tab[i].hash & (cap - 1);
    while (t[k].hash) k = (k + 1) & (cap - 1);
    t[k] = ds->tab[i];
  }
  free(ds->tab);
  ds->tab = t;
  ds->cap = cap;
  return 0;
}

static int dedup_push(qg_stage *s, qg_block *b) {
  dedup_stage *ds = (dedup_stage *)s;
  if (qg_utf8_count(b->text.ptr, b->text.len) < QG_DEDUP_MIN_CHARS) return qg_stage_emit(s, b);
  if (ds->used * 2 >= ds->cap && grow(ds)) {
    qg_block_release(s->ctx, b);
    return QG_ERR_NOMEM;
  }
  uint64_t h = XXH3_64bits(b->text.ptr, b->text.len);
  if (!h) h = 1;
  size_t k = h & (ds->cap - 1);
  while (ds->tab[k].hash && ds->tab[k].hash != h) k = (k + 1) & (ds->cap - 1);
  if (!ds->tab[k].hash) {
    ds->tab[k] = (slot){.hash = h, .line = b->line};
    ds->used++;
    return qg_stage_emit(s, b);
  }
  uint32_t first = ds->tab[k].line;
  if (qg_ctx_options(s->ctx)->dedup == QG_DEDUP_DROP)
    return qg_block_remove(s->ctx, b, "dup-paragraph", first,
                           "paragraph repeats line %u exactly: removed", (unsigned)first);
  b->dup_of_line = first;
  int rc = qg_report(s->ctx, "dup-paragraph", qg_block_pos(b, 0), qg_block_pos(b, b->text.len),
                     NULL, NULL, false, "paragraph repeats line %u exactly", (unsigned)first);
  if (rc) {
    qg_block_release(s->ctx, b);
    return rc;
  }
  return qg_stage_emit(s, b);
}

static int dedup_begin(qg_stage *s) {
  dedup_stage *ds = (dedup_stage *)s;
  free(ds->tab);
  ds->tab = NULL;
  ds->cap = ds->used = 0;
  return grow(ds);
}

static int dedup_finish(qg_stage *s) { (void)s; return 0; }

static void dedup_free(qg_stage *s) {
  free(((dedup_stage *)s)->tab);
  free(s);
}

static const qg_stage_vt dedup_vt = {
    .name = "dedup", .begin = dedup_begin, .push = dedup_push, .finish = dedup_finish,
    .free = dedup_free};

qg_stage *qg_stage_dedup_new(qg_ctx *ctx) {
  dedup_stage *ds = calloc(1, sizeof *ds);
  if (!ds) return NULL;
  ds->base.vt = &dedup_vt;
  ds->base.ctx = ctx;
  return &ds->base;
}
