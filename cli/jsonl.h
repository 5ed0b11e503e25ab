/* jsonl.h: qinggao clean --jsonl (cli/jsonl.c, docs/corpora.md). */
#ifndef QG_JSONL_H
#define QG_JSONL_H

#include "qinggao.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cli_jsonl cli_jsonl;
/* What is done with each record (a line's object; its text field is one document named
 * FILE:LINE): */
typedef enum cli_jsonl_mode {
  CLI_JSONL_CLEAN,     /* clean --jsonl: the line written back with the clean text */
  CLI_JSONL_DUPS_JSON, /* dedup --jsonl: one object per repeat, naming the record's file and
                        * line and the paragraph's line in its text (docs/dedup.md) */
  CLI_JSONL_DUPS_TEXT, /* dedup --jsonl -f text: FILE:LINE:TEXTLINE: repeats …  */
  CLI_JSONL_FEED,      /* archive add --jsonl: the text only run through a pipeline made with
                        * another handler (the archive's adder); nothing written */
} cli_jsonl_mode;
/* Writes to out (CLEAN, DUPS_*); field names the text field. Diagnostics and removals are
 * also passed to on_diag and on_removed (may be NULL) with ud. */
cli_jsonl *cli_jsonl_new(cli_jsonl_mode mode, FILE *out, const char *field,
                         int (*on_diag)(void *, const qg_diag *),
                         int (*on_removed)(void *, const qg_block *, const qg_removal *),
                         void *ud);
/* The handler to create the pipeline with (not for CLI_JSONL_FEED). */
const qg_handler *cli_jsonl_handler(cli_jsonl *j);
/* The number of the line read last (where a run stopped). */
unsigned long cli_jsonl_line(const cli_jsonl *j);
/* Whether line[0..n) (no line end) is a JSON object as --jsonl reads a record: numbers of any
 * size, a lone surrogate escape and a key twice taken, a byte order mark before it skipped.
 * (cli_sniff_jsonl: JSON Lines read as prose.) */
bool cli_jsonl_is_object(const char *line, size_t n);
/* Runs every line of path (.gz and .zst read transparently) through p. Bad lines are
 * reported on stderr and counted in *bad, the others in *good. Returns 0, or QG_ERR_IO with
 * err set (unreadable, corrupt or truncated input, a write error), QG_ERR_NOMEM, or
 * QG_ERR_STOPPED when p's handler stopped a record (CLI_JSONL_FEED: the archive failed;
 * cli_jsonl_line says which; the records before it were run). */
int cli_jsonl_run(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long *bad,
                  unsigned long *good, char *err, size_t errlen);
void cli_jsonl_free(cli_jsonl *j);
/* --id-field NAME (docs/corpora.md): each record's document is begun with the value of its
 * field NAME as its record id (qg_pipeline_begin_record: a string as its value, a number as
 * the line writes it); dedup's records name it ("id"). A record without a usable one is read
 * all the same, named by its line, with a warning (`jsonl-no-id`). NULL: none (the default). */
void cli_jsonl_set_id_field(cli_jsonl *j, const char *name);
/* idle(ud) is called before a read of an input that may wait for its writer (a pipe, a FIFO
 * short of a chunk: zin_may_wait), once a line has been read: archive add commits its shared transaction there,
 * so that the lock is not held while the writer is slow. Non-zero: the run stops there with
 * QG_ERR_STOPPED, as when the handler stops a record. */
void cli_jsonl_set_idle(cli_jsonl *j, int (*idle)(void *), void *ud);
/* The records named by their line for want of an id since the last call (for the summary). */
unsigned long cli_jsonl_take_unnamed(cli_jsonl *j);
/* The paragraphs of the lines cleaned since the last call (for the summary). */
uint64_t cli_jsonl_take_blocks(cli_jsonl *j);
/* Reports bad lines to errf instead of stderr, and to repf (--report; NULL: none) as
 * `FILE:LINE:COL: error: … [jsonl-bad-line]`, and adds the bytes read from disk to *progress
 * (may be NULL) as it reads (cli/batch.c). */
void cli_jsonl_set_err(cli_jsonl *j, FILE *errf, FILE *repf, _Atomic uint64_t *progress);

/* ---- one input on several workers (cli/batch.c: --jsonl with -j N, --dedup-scope doc) ------
 * One reader cuts the input into chunks of whole lines, in order; each chunk is run by any
 * worker (cli_jsonl_run_chunk), and what the chunks wrote, emitted in order, is what
 * cli_jsonl_run writes, but for the "records named by their line" warnings: each chunk says
 * those of its first CLI_JSONL_UNNAMED_SAID records without an id (cli_jsonl_set_mark shows
 * where), and the caller keeps the file's first CLI_JSONL_UNNAMED_SAID of them and says the
 * rest's number (cli_jsonl_say_unnamed). */
#define CLI_JSONL_UNNAMED_SAID 10
typedef struct cli_jsonl_in cli_jsonl_in;
typedef struct cli_jsonl_chunk cli_jsonl_chunk;
/* Opens path (.gz, .zst read transparently); NULL with *rc and err set as cli_jsonl_run sets
 * them. */
cli_jsonl_in *cli_jsonl_open(const char *path, int *rc, char *err, size_t errlen);
void cli_jsonl_close(cli_jsonl_in *r);
/* The raw bytes read are added to *progress from now on (NULL: not counted). */
void cli_jsonl_in_progress(cli_jsonl_in *r, _Atomic uint64_t *progress);
cli_jsonl_chunk *cli_jsonl_chunk_new(void);
void cli_jsonl_chunk_free(cli_jsonl_chunk *c);
/* Reads r's next lines into c: whole lines until c holds max_bytes or more, or max_lines (a
 * longer line is a chunk of its own; a line longer than the hold, QINGGAO_JSONL_HOLD, ends the
 * chunk, carried as the temporary file it was copied to). 1 when more may follow; 0 when the input ended with it
 * (well, or with an error whose message is in err, said by cli_jsonl_run_chunk). What the
 * reader says meanwhile (zio_warn_to) goes with the chunk, said between the same lines as by
 * cli_jsonl_run; nothing when warn is false (--quiet). */
int cli_jsonl_read_chunk(cli_jsonl_in *r, cli_jsonl_chunk *c, size_t max_bytes,
                         unsigned long max_lines, bool warn, char *err, size_t errlen);
/* Runs c's lines through p as cli_jsonl_run runs them; the return and err (holding what
 * cli_jsonl_read_chunk put there) as cli_jsonl_run's for an input ending with c. */
int cli_jsonl_run_chunk(cli_jsonl *j, qg_pipeline *p, const cli_jsonl_chunk *c,
                        unsigned long *bad, unsigned long *good, char *err, size_t errlen);
/* mark(ud, false) is called before a "named by its line" warning is written to the stream of
 * cli_jsonl_set_err, mark(ud, true) after it (NULL: none). */
void cli_jsonl_set_mark(cli_jsonl *j, void (*mark)(void *, bool), void *ud);
/* Says, when n records of the file shown had no usable id field id_field, the number of those
 * past the first CLI_JSONL_UNNAMED_SAID. */
void cli_jsonl_say_unnamed(FILE *f, const char *shown, const char *id_field, unsigned long n);

#endif
