/* gen_write.h: what the build's generators (tools/cue_gen.c, dict_gen.c, num_gen.c) share: the
 * program's one argument, OUT, written by fn to a temporary file renamed over it, so that a
 * failed run leaves no half-written table for the build to compile. */
#ifndef QG_GEN_WRITE_H
#define QG_GEN_WRITE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int gen_write(int argc, char **argv, const char *prog, int (*fn)(FILE *)) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUT\n", prog);
    return 2;
  }
  size_t n = strlen(argv[1]);
  char *tmp = malloc(n + 5);
  if (!tmp) return 1;
  memcpy(tmp, argv[1], n);
  memcpy(tmp + n, ".tmp", 5);
  FILE *f = fopen(tmp, "w");
  if (!f) {
    perror(tmp);
    free(tmp);
    return 1;
  }
  int rc = fn(f);
  if (fclose(f) || rc) {
    fprintf(stderr, "%s: %s: cannot write the tables\n", prog, tmp);
    remove(tmp);
    free(tmp);
    return 1;
  }
  if (rename(tmp, argv[1])) {
    perror(argv[1]);
    free(tmp);
    return 1;
  }
  free(tmp);
  return 0;
}
#endif
