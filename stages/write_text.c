/* write_text.c: --format text. Clean paragraphs, one per line, a blank line between them.
 * Removed paragraphs and diagnostics are not part of the text: they go to the diagnostic
 * forward (the CLI's report). Two documents are separated by a blank line too.
 *
 * Lines that go together (session 23, probe 22 H12, M5): a blank line between two paragraphs
 * reads, to whatever takes the text in, as "these are apart". Two kinds of lines are set one
 * under the other as the source had them, with no blank line between:
 *  - a subtitle's cue: its number (or WebVTT identifier) over its time code, the time code and
 *    the cue's lines of text, and a WebVTT header's lines. A subtitle editor reads a blank line
 *    as the cue's end: 1 | (blank) | 00:00:01,200 --> … | (blank) | 你好 was no SRT. The blank
 *    lines between cues stay, as the source had them.
 *  - a Markdown pipe table's rows (header, delimiter row, body rows: qg_text_pipe_row), which no
 *    renderer reads as a table with a blank line between them;
 *  - a songbook's line of numbered notes (qg_text_score_line) and the lines of lyrics under it
 *    (qg_text_sung_line), lines of their own (own_line): the lyrics' syllables sit under their
 *    notes, which a blank line between them pulled apart (session 24);
 *  - Markdown's verbatim lines (qg_block.verbatim: a fenced code block with its fences, front
 *    matter, an indented code block), whose blank lines are the code's own: a blank line put
 *    between each two of them changed the code. A blank line inside the block (two source
 *    lines apart) is written, as the source had it.
 * Either only when both paragraphs are one source line each, on consecutive source lines (a
 * paragraph removed between them counts as there: its lines are passed over, also when its
 * removal is reported before the paragraph above it is written), and are of the
 * kind: a cue's line is a line the paragraph stage found as a line of its own (own_line) in a
 * document whose WebVTT header or a time code came first; a table's row is one of two rows in
 * a row; a verbatim line one of two such lines. The paragraph stage keeps such lines apart when it reads this text again (cue lines
 * and pipe rows are lines of their own in every layout), so the output is a fixed point. */
#include "writer.h"

#include <stdlib.h>
#include <string.h>

typedef struct text_state {
  uint32_t last_end;  /* the last source line written */
  bool last_one;      /* the last paragraph written was one source line */
  bool last_own;      /* …a line of its own (own_line) */
  bool last_pipe;     /* …a pipe table's row */
  bool last_verb;     /* …a line of Markdown's verbatim text (qg_block.verbatim) */
  bool last_score;    /* …a songbook's line of notes or of lyrics under notes (session 24) */
  bool sub;           /* the document is a subtitle file: a WebVTT header or a time code seen */
  /* the source lines of the latest removed paragraphs (a ring): the pipeline may report a
   * removal before the paragraph above it is written */
  uint32_t gone_lo[16], gone_hi[16];
  unsigned ngone;
} text_state;

/* Whether every source line after `after` and before `before` is a removed paragraph's. */
static bool gap_removed(const text_state *st, uint32_t after, uint32_t before) {
  if (before <= after + 1 || before - after > 17) return before == after + 1;
  for (uint32_t ln = after + 1; ln < before; ln++) {
    bool in = false;
    for (unsigned k = 0; k < 16 && k < st->ngone && !in; k++)
      in = st->gone_lo[k] <= ln && ln <= st->gone_hi[k];
    if (!in) return false;
  }
  return true;
}

/* The writer's state, made at its first block or removal (NULL: out of memory). */
static text_state *state_of(qg_writer *w) {
  text_state *st = w->user;
  if (!st && (st = calloc(1, sizeof *st))) {
    w->user = st;
    w->user_free = free;
  }
  return st;
}

static int text_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  text_state *st = state_of(w);
  if (!st) return QG_ERR_NOMEM;
  size_t len;
  const char *t = qg_block_text(b, &len);
  bool one = b->line == b->end_line;
  bool first = !st->last_end;
  bool timing = one && b->own_line && qg_text_timecode(t, len);
  if (timing || (first && one && b->own_line && qg_text_vtt_header(t, len))) st->sub = true;
  bool pipe = one && len >= 2 && (t[0] == '|' || t[0] == ' ' || t[0] == '\t') &&
              qg_text_pipe_row(t, len);
  /* (a songbook's notes and the lyrics under them, lines of their own: qg_text_score_line,
   * qg_text_sung_line; the lyrics sit under their notes) */
  bool score = one && b->own_line && !st->sub &&
               (qg_text_score_line(t, len) || (st->last_score && qg_text_sung_line(t, len)));
  /* (…and a line of notes that the structure stage took for one by the lyrics under it, a scale
   * that climbs as a calendar's week does, 2 3 4 5 | 6 7 |: a score's row, table_row; session 26) */
  if (!score && one && b->table_row && !b->own_line && !st->sub && len)
    score = ((unsigned)(t[0] - '0') < 8u && qg_text_notes(t, len)) ||
            (st->last_score && qg_text_sung_line(t, len));
  /* (the kinds first: most paragraphs are none, and their source lines are not looked at) */
  bool tight = ((st->sub && b->own_line && st->last_own) || (pipe && st->last_pipe) ||
                (b->verbatim && st->last_verb) || (score && st->last_score)) &&
               !first && one && st->last_one && gap_removed(st, st->last_end, b->line);
  /* the blank line before, the text and its line end in one piece (session 51: three writes
   * were three quarters of the writer's cost, a 1-byte write a hundred instructions, and once
   * the spool is a file, past QG_SPOOL_MEM, each was an fwrite): into the spool's memory where
   * it takes them, else put together in bpend and written QG_DIAG_BATCH bytes at a time (none
   * into the spool's memory while some wait there: the order stays) */
  size_t sep = w->nblocks++ && !tight, all = sep + len + 1;
  qg_buf *pend = &w->bpend;
  char *room = pend->len ? NULL : qg_spool_room(&w->body, all);
  bool direct = room != NULL;
  int rc = 0;
  if (!direct) {
    rc = qg_buf_grow(pend, all);
    room = pend->ptr + pend->len;
  }
  if (!rc) {
    room[0] = '\n'; /* (overwritten by the text when sep is 0) */
    memcpy(room + sep, t, len);
    room[sep + len] = '\n';
    if (direct) {
      qg_spool_wrote(&w->body, all);
    } else {
      pend->len += all;
      pend->ptr[pend->len] = '\0';
      if (pend->len >= QG_DIAG_BATCH) {
        rc = qg_spool_write(&w->body, pend->ptr, pend->len);
        qg_buf_clear(pend);
      }
    }
  }
  st->last_end = b->end_line;
  st->last_one = one;
  st->last_own = b->own_line;
  st->last_pipe = pipe;
  st->last_verb = b->verbatim;
  st->last_score = score;
  return rc;
}

static int text_removed(void *ud, const qg_block *b, const qg_removal *r) {
  qg_writer *w = ud;
  /* (a removed paragraph's lines are passed over: the lines on its two sides stay together) */
  text_state *st = state_of(w);
  if (!st) return QG_ERR_NOMEM;
  unsigned k = st->ngone++ % 16;
  st->gone_lo[k] = b->line, st->gone_hi[k] = b->end_line;
  return qg_writer_forward_removed(ud, b, r);
}

static int text_diag(void *ud, const qg_diag *d) { return qg_writer_forward_diag(ud, d); }

/* Documents are separated as paragraphs are, by a blank line (the first of a document that
 * gave paragraphs after one that did), so that reading the output back by blank lines keeps
 * the paragraphs of different documents apart; a bare writer leaves that to the caller, who
 * joins its documents (the command does: cli/batch.c). */
static int text_end(void *ud, const qg_docinfo *info, int status) {
  (void)info;
  qg_writer *w = ud;
  text_state *st = w->user;
  if (st) *st = (text_state){0};
  bool text = !status && w->nblocks > 0;
  bool sep = text && w->wrote_text && !w->bare;
  int rc = qg_writer_flush_doc(w, status, "\n", sep ? 1 : 0, NULL, 0);
  if (text && !rc) w->wrote_text = true;
  return rc;
}

void qg_write_text_init(qg_writer *w) {
  w->h.block = text_block;
  w->h.diag = text_diag;
  w->h.diag_wants_text = qg_writer_forward_wants_text;
  w->h.removed = text_removed;
  w->h.end_doc = text_end;
}
