/* test_format.c: qg_vformat (pipeline/buf.c) writes exactly what vsnprintf writes, for the
 * conversions it handles itself and for those it hands on, with and without truncation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static char got[600], want[600];
static int ngot, nwant;

/* (no format attribute: the cases include formats the compiler would reject) */
static void both(size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  memset(got, 'x', sizeof got);
  memset(want, 'x', sizeof want);
  ngot = qg_vformat(got, cap, fmt, ap);
  va_end(ap);
  va_start(ap, fmt);
  nwant = vsnprintf(want, cap, fmt, ap);
  va_end(ap);
  if (ngot != nwant || memcmp(got, want, sizeof got))
    fail_msg("format \"%s\" (cap %zu): got %d \"%.*s\", want %d \"%.*s\"", fmt, cap, ngot,
             (int)(cap ? cap : 1), got, nwant, (int)(cap ? cap : 1), want);
}

static const char *volatile nul = NULL;

static void test_same_as_vsnprintf(void **st) {
  (void)st;
  static const size_t caps[] = {512, 64, 16, 9, 5, 2, 1, 0};
  const char *s = "全角，text";
  for (size_t i = 0; i < sizeof caps / sizeof *caps; i++) {
    size_t c = caps[i];
    both(c, "no conversion at all");
    both(c, "");
    both(c, "%s: %.*s → %.*s", "half-width punctuation in Chinese text", 1, ",", 3, "，");
    both(c, "%s: '%.*s' removed", "space", 2, "  ");
    both(c, "invisible U+%04X %s removed", 0x200Bu, "ZERO WIDTH SPACE");
    both(c, "U+%04X replaced by U+%04X", 0x2F08u, 0x4EBAu);
    both(c, "U+%X %x %5u|%05u|%3X|%08lx|%2u", 0x1F600u, 0xABCu, 42u, 7u, 0xFu, 0xBEEFUL, 123u);
    both(c, "%-5u|%5s", 7u, "ab"); /* handed on */
    both(c, "first-line indent of %zu character%s removed", (size_t)2, "s");
    both(c, "%d %d %d %ld %zd", 0, -17, 2147483647, -9000000000L, (ptrdiff_t)-3);
    both(c, "%u %lu %zu", 4294967295u, 18446744073709551615UL, (size_t)0);
    both(c, "%c%c%%%s", 'a', '%', "end");
    both(c, "%.*s|%.*s|%.*s", 3, s, -1, s, 0, s);
    both(c, "%.*s", 100, s);
    both(c, "%s", nul);
    both(c, "[%.*s]", 3, nul);
    both(c, "%10s|%-3d|%+d|%e|%p", "right", 5, 5, 1.5, (void *)0); /* handed on */
    both(c, "trailing %");
  }
  char big[600];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  both(512, "%s", big);
  both(512, "%.*s and more", 520, big);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_same_as_vsnprintf)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
