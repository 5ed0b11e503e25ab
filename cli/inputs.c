/* inputs.c: expands the command line's inputs (files, directories walked recursively in name
 * order, "-" for standard input) and feeds each through a pipeline in chunks. */
#include "cli.h"
#include "zio.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bytes read per call: large enough to amortize the call, small enough to keep memory flat. */
#define CLI_CHUNK (64 * 1024)

static int walk(const char *path, int (*fn)(const char *, void *), void *ud, int depth) {
  struct stat st;
  if (stat(path, &st)) return fn(path, ud); /* let the reader report the error */
  if (!S_ISDIR(st.st_mode)) return fn(path, ud);
  if (depth > 64) return 0; /* symlink loops */
  struct dirent **names = NULL;
  int n = scandir(path, &names, NULL, alphasort);
  if (n < 0) return fn(path, ud);
  int rc = 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (!rc && name[0] != '.') {
      size_t len = strlen(path) + strlen(name) + 2;
      char *child = malloc(len);
      if (!child) rc = -1;
      else {
        snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", name);
        struct stat cst;
        if (!stat(child, &cst) && (S_ISDIR(cst.st_mode) || S_ISREG(cst.st_mode)))
          rc = walk(child, fn, ud, depth + 1);
        free(child);
      }
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

int cli_each_input(int argc, char **argv, int (*fn)(const char *, void *), void *ud) {
  if (argc == 0) return fn("-", ud);
  for (int i = 0; i < argc; i++) {
    int rc = strcmp(argv[i], "-") ? walk(argv[i], fn, ud, 0) : fn("-", ud);
    if (rc) return rc;
  }
  return 0;
}

int cli_run_file(qg_pipeline *p, const char *path, char *err, size_t errlen) {
  zin *z = zin_open(path, err, errlen);
  if (!z) return QG_ERR_IO;
  char *buf = malloc(CLI_CHUNK); /* per call: pipelines may run on several threads */
  if (!buf) {
    zin_close(z);
    snprintf(err, errlen, "%s: out of memory", path);
    return QG_ERR_NOMEM;
  }
  int rc = qg_pipeline_begin(p, strcmp(path, "-") ? path : "<stdin>");
  while (!rc) {
    size_t n;
    if (zin_read(z, buf, CLI_CHUNK, &n, err, errlen)) {
      rc = QG_ERR_IO; /* corrupt or truncated compressed data, or a read error */
      break;
    }
    if (!n) break;
    rc = qg_pipeline_feed(p, buf, n);
  }
  /* the document always ends, so the writer learns the outcome and drops a failed one */
  if (rc == QG_ERR_IO) qg_pipeline_abort(p, rc);
  else {
    int frc = qg_pipeline_finish(p);
    if (!rc) rc = frc;
  }
  zin_close(z);
  free(buf);
  return rc;
}
