/* cli.h: the qinggao command's own helpers (the library's API is qinggao.h). */
#ifndef QG_CLI_H
#define QG_CLI_H

#include "qinggao.h"

/* Calls fn for every input: files, directories walked recursively in name order (hidden
 * entries skipped), "-" for standard input; no inputs means standard input. */
int cli_each_input(int argc, char **argv, int (*fn)(const char *, void *), void *ud);
/* Feeds one input through p in chunks. On failure err holds a message for read errors. */
int cli_run_file(qg_pipeline *p, const char *path, char *err, size_t errlen);

/* qinggao archive … (cli/archive.c); argv[0] is "archive". Returns the exit status. */
int cli_archive(int argc, char **argv);
/* The options every command takes, for --help (main.c). */
extern const char cli_usage_common[];

/* --near-threshold X; a usage error (exit 2) unless 0 <= X <= 1. */
double cli_parse_threshold(const char *cmd, const char *arg);
/* path when it opens as an archive, else the error on stderr and exit 3. */
const char *cli_require_archive(const char *path);
/* path when check (qg_cues_check, qg_dict_check) accepts it, else its error and exit 2. */
const char *cli_require_file(int (*check)(const char *, char *, size_t), const char *path);
/* --dedup-memory MIB as bytes; a usage error (exit 2) when it is not 1..2^20. */
size_t cli_parse_mib(const char *cmd, const char *arg);

#endif
