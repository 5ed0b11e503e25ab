/* icu_wordbreak.c: the baseline of bench/seg_bench.sh. ICU's word break iterator ("zh")
 * over a UTF-8 file through UText (no UTF-16 copy), line by line: writes each line's words
 * separated by single spaces (tokens of white space only are skipped), one output line per
 * input line, to standard output. This is what `qinggao segment` does without the cleanup,
 * the protected spans and the user dictionary.
 * Build: cc -O2 icu_wordbreak.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 * Usage: icu_wordbreak FILE > /dev/null */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

static int all_space(const char *s, int32_t n) {
  for (int32_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t') return 0;
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: icu_wordbreak FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
  UText *ut = NULL;
  if (U_FAILURE(err)) {
    fprintf(stderr, "icu_wordbreak: %s\n", u_errorName(err));
    return 1;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, f)) > 0) {
    if (line[len - 1] == '\n') len--;
    ut = utext_openUTF8(ut, line, len, &err);
    ubrk_setUText(bi, ut, &err);
    if (U_FAILURE(err)) {
      fprintf(stderr, "icu_wordbreak: %s\n", u_errorName(err));
      return 1;
    }
    int first = 1;
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
      if (all_space(line + start, end - start)) continue;
      if (!first) putchar_unlocked(' ');
      first = 0;
      fwrite(line + start, 1, (size_t)(end - start), stdout);
    }
    putchar_unlocked('\n');
  }
  free(line);
  utext_close(ut);
  ubrk_close(bi);
  fclose(f);
  return 0;
}
