/* replay.c: runs every file named on the command line (or found in a named directory)
 * through the fuzz harness once. ctest uses it to replay tests/fuzz/corpus. */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot open\n", path);
    return 1;
  }
  /* the whole file (a corpus file over the old 1 MiB buffer was cut without a word) */
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  for (size_t k; buf && (k = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += k;
    if (n == cap) {
      uint8_t *v = realloc(buf, cap *= 2);
      if (!v) free(buf);
      buf = v;
    }
  }
  bool bad = !buf || ferror(f);
  fclose(f);
  if (bad) {
    fprintf(stderr, "%s: cannot read\n", path);
    free(buf);
    return 1;
  }
  LLVMFuzzerTestOneInput(buf, n);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  int files = 0, errors = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      DIR *d = opendir(argv[i]);
      struct dirent *e;
      while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
        errors += run_file(path);
        files++;
      }
      if (d) closedir(d);
    } else {
      errors += run_file(argv[i]);
      files++;
    }
  }
  printf("replayed %d corpus files: %d passed, %d failed\n", files, files - errors, errors);
  return errors || files == 0;
}
