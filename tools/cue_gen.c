/* cue_gen.c: the build's generator of cue_tables.h (stages/cues.c, "the built-in cues' analysis,
 * made at build time"): the analysis of the built-in cue patterns, made by this program from
 * stages/cues.c compiled with QG_CUES_GEN, written as C tables for the library.
 *   qg_cue_gen OUT   writes OUT (by a temporary file renamed over it)
 * Run by CMakeLists.txt; not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: qg_cue_gen OUT\n");
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
    return 1;
  }
  int rc = qg_cues_gen_tables(f);
  if (fclose(f) || rc) {
    fprintf(stderr, "qg_cue_gen: %s: cannot write the tables\n", tmp);
    remove(tmp);
    return 1;
  }
  if (rename(tmp, argv[1])) {
    perror(argv[1]);
    return 1;
  }
  free(tmp);
  return 0;
}
