/* dict_gen.c: the build's generator of dict_tables.h (stages/dict.c, "the built-in
 * dictionaries"): the tries of dicts/terms.txt and of dicts/reduplication.txt's sections, built
 * by this program from stages/dict.c compiled with QG_DICT_GEN, written as C tables for the
 * library.
 *   qg_dict_gen OUT   writes OUT (by a temporary file renamed over it)
 * Run by CMakeLists.txt; not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: qg_dict_gen OUT\n");
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
  int rc = qg_dict_gen_tables(f);
  if (fclose(f) || rc) {
    fprintf(stderr, "qg_dict_gen: %s: cannot write the tables\n", tmp);
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
