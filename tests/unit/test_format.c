/* test_format.c: qg_vformat (pipeline/buf.c) writes exactly what vsnprintf writes, for the
 * conversions it handles itself and for those it hands on, with and without truncation;
 * qg_json_escape (stages/write_json.c) writes what a byte-at-a-time escaper writes, within
 * the room its contract gives (6 bytes a byte and 18); qg_put_u64 writes what "%llu" writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
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
    /* literals and strings of every length to 40 (session 33: a piece of up to 16 bytes is
     * copied as two words that may overlap, a shorter one a byte at a time), each truncated */
    static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
    for (int k = 0; k <= 40; k++) {
      char fmt[128];
      snprintf(fmt, sizeof fmt, "%.*s%%s%.*s%%.*s.", k, abc, 40 - k, abc);
      both(c, fmt, abc + 40 - k, k, abc + 3);
    }
  }
  char big[600];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  both(512, "%s", big);
  both(512, "%.*s and more", 520, big);
}

/* The escape as JSON writers of qinggao write it, a byte at a time: quoted; '"', '\\', \n,
 * \t, \r as two bytes; other controls \u00XX (lowercase hex); U+2028, U+2029 (E2 80 A8,
 * E2 80 A9) as \u2028, \u2029; every other byte, UTF-8 or not, as it is. */
static size_t ref_escape(char *dst, const char *s, size_t len) {
  char *p = dst;
  *p++ = '"';
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
      p += sprintf(p, "\\u%s", (unsigned char)s[i + 2] == 0xA8 ? "2028" : "2029");
      i += 2;
    } else if (c == '"' || c == '\\') {
      *p++ = '\\', *p++ = (char)c;
    } else if (c == '\n' || c == '\t' || c == '\r') {
      *p++ = '\\', *p++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
    } else if (c < 0x20) {
      p += sprintf(p, "\\u%04x", c);
    } else {
      *p++ = (char)c;
    }
  }
  *p++ = '"';
  return (size_t)(p - dst);
}

/* s[0..len) escaped into a buffer of exactly the room promised (its own allocation, so a
 * sanitizer or valgrind sees a store past it), and a byte past the copy of s unreadable to
 * the same tools: compared with ref_escape. */
static void check_escape(const char *s, size_t len) {
  char *in = malloc(len ? len : 1), *got_b = malloc(6 * len + 18), *want_b = malloc(6 * len + 18);
  assert_non_null(in);
  assert_non_null(got_b);
  assert_non_null(want_b);
  memcpy(in, s, len);
  size_t n = qg_json_escape(got_b, in, len), m = ref_escape(want_b, in, len);
  if (n != m || memcmp(got_b, want_b, n))
    fail_msg("escape of %zu bytes: got %zu \"%.*s\", want %zu \"%.*s\"", len, n, (int)n, got_b,
             m, (int)m, want_b);
  free(in), free(got_b), free(want_b);
}

#define QG_TEST_SEED 0x6a736f6e65736331ULL
#include "testrand.h"

static void test_json_escape(void **st) {
  (void)st;
  check_escape("", 0);
  char one[1];
  for (int c = 0; c < 256; c++) one[0] = (char)c, check_escape(one, 1);
  /* each kind of byte to escape at every position of strings of 1 to 48 bytes, in plain
   * ASCII and among Han characters (whose lead bytes are not E2) and quotes (whose are) */
  static const char *const odd[] = {"\"", "\\", "\n", "\t", "\r", "\x01", "\x1f", "\x7f",
                                    "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaa",
                                    "\xe2\x80\x9c", "\xe2\x80", "\xe2", "\xe2\xe2\x80\xa8",
                                    "\xff", "\x80\xa8", ""};
  static const char *const fill[] = {"a", "\xe4\xb8\xad", "\xe2\x80\x9c", "\xe2\x86\x92"};
  char buf[256];
  for (size_t f = 0; f < sizeof fill / sizeof *fill; f++)
    for (size_t o = 0; o < sizeof odd / sizeof *odd; o++)
      for (size_t len = 1; len <= 48; len++)
        for (size_t at = 0; at <= len; at++) {
          size_t n = 0, fl = strlen(fill[f]);
          while (n < at) buf[n] = fill[f][n % fl], n++;
          size_t ol = strlen(odd[o]);
          memcpy(buf + n, odd[o], ol);
          n += ol;
          for (size_t k = at; k < len; k++) buf[n++] = fill[f][k % fl];
          check_escape(buf, n);
          check_escape(buf, at + ol); /* ending with it */
        }
  /* a NUL inside, and a string of nothing but bytes to escape */
  check_escape("a\0b\0", 4);
  memset(buf, '"', 40);
  check_escape(buf, 40);
  memset(buf, 0, 40);
  check_escape(buf, 40);
  /* random strings over the bytes that matter, of lengths up to 200 */
  static const unsigned char pick[] = {'a', ' ', '"', '\\', '\n', 0, 0x1f, 0xE2, 0x80, 0xA8, 0xA9,
                                       0xE4, 0xB8, 0x7f, 0xff};
  for (int r = 0; r < 20000; r++) {
    size_t len = next_rand() % 201;
    for (size_t k = 0; k < len; k++) buf[k] = (char)pick[next_rand() % sizeof pick];
    check_escape(buf, len);
  }
}

static void check_u64(uint64_t v) {
  char a[32], b[32];
  memset(a, 'x', sizeof a);
  char *e = qg_put_u64(a, v);
  int n = snprintf(b, sizeof b, "%llu", (unsigned long long)v);
  if (e - a != n || memcmp(a, b, (size_t)n) || a[n] != 'x')
    fail_msg("qg_put_u64(%s): got %.*s", b, (int)(e - a), a);
}

static void test_put_u64(void **st) {
  (void)st;
  for (uint64_t v = 0; v < 100000; v++) check_u64(v);
  for (uint64_t p = 10; p; p = p <= UINT64_MAX / 10 ? p * 10 : 0) /* each power of ten and */
    check_u64(p - 1), check_u64(p), check_u64(p + 1), check_u64(p * 2 - 1); /* its neighbours */
  check_u64(UINT32_MAX), check_u64((uint64_t)UINT32_MAX + 1);
  check_u64(UINT64_MAX), check_u64(UINT64_MAX - 1), check_u64(10000000000000000000ULL);
  for (int r = 0; r < 100000; r++)
    check_u64(((uint64_t)next_rand() << 32 | next_rand()) >> (next_rand() % 64));
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_same_as_vsnprintf),
                                     cmocka_unit_test(test_json_escape),
                                     cmocka_unit_test(test_put_u64)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
