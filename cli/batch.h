/* batch.h: batch runs of clean, dedup and segment (cli/batch.c, docs/batch.md): worker
 * threads, results written in input order, -o DIR, the summary and the progress bar. */
#ifndef QG_BATCH_H
#define QG_BATCH_H

#include "cli.h"

typedef struct cli_batch {
  const char *cmd;              /* "clean", "dedup", "segment" */
  qg_options opts;
  qg_format fmt;
  qg_xml_options xo;
  bool xml_opts;                /* xo applies (clean --format xml, nitf) */
  bool jsonl;                   /* clean --jsonl */
  const char *text_field;
  const char *id_field;         /* --id-field (NULL: none) */
  const char *output, *report;  /* -o FILE or DIR, --report FILE (NULL: none) */
  bool quiet;
  bool stage_times;             /* --stage-times: each stage's time on standard error */
  int jobs;                     /* -j N; 0: the number of online processors */
  int nin;
  char **in;
  cli_walk_opts walk;           /* --include, --exclude */
} cli_batch;

/* Runs the batch; returns the exit status (0, 2 usage, 3 input error). */
int cli_batch_run(cli_batch *b);

#endif
