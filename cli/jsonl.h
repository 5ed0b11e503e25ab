/* jsonl.h: qinggao clean --jsonl (cli/jsonl.c, docs/corpora.md). */
#ifndef QG_JSONL_H
#define QG_JSONL_H

#include "qinggao.h"

#include <stdio.h>

typedef struct cli_jsonl cli_jsonl;
/* Writes JSON Lines to out; field names the text field. Diagnostics and removals are also
 * passed to on_diag and on_removed (may be NULL) with ud. */
cli_jsonl *cli_jsonl_new(FILE *out, const char *field, int (*on_diag)(void *, const qg_diag *),
                         int (*on_removed)(void *, const qg_block *, const qg_removal *),
                         void *ud);
/* The handler to create the pipeline with. */
const qg_handler *cli_jsonl_handler(cli_jsonl *j);
/* Cleans every line of path (.gz and .zst read transparently) through p. Bad lines are
 * reported on stderr and counted in *bad, written ones in *good. Returns 0, or QG_ERR_IO with
 * err set (unreadable, corrupt or truncated input, a write error) or QG_ERR_NOMEM. */
int cli_jsonl_run(cli_jsonl *j, qg_pipeline *p, const char *path, unsigned long *bad,
                  unsigned long *good, char *err, size_t errlen);
void cli_jsonl_free(cli_jsonl *j);
/* The paragraphs of the lines cleaned since the last call (for the summary). */
uint64_t cli_jsonl_take_blocks(cli_jsonl *j);
/* Reports bad lines to errf instead of stderr, and to repf (--report; NULL: none) as
 * `FILE:LINE:COL: error: … [jsonl-bad-line]`, and adds the bytes read from disk to *progress
 * (may be NULL) as it reads (cli/batch.c). */
void cli_jsonl_set_err(cli_jsonl *j, FILE *errf, FILE *repf, _Atomic uint64_t *progress);

#endif
