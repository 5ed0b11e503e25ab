/* test_utf8.c: the fast paths of qg_cp_width and qg_cp_is_wide (pipeline/utf8.c) agree with
 * their definition by ICU's properties for every code point; qg_utf8_count counts code
 * points on every slice of a mixed string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <unicode/uchar.h>

#include "internal.h"

/* The definitions, by ICU properties only. */
static int width_ref(uint32_t cp) {
  if (cp < 0x300) return cp < 0x20 ? 0 : cp == 0xB7 ? 2 : 1;
  if (qg_cp_is_cjk_ambiguous(cp)) return 2;
  int gc = u_charType((UChar32)cp);
  if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR) return 0;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}
static bool wide_ref(uint32_t cp) {
  if (cp < 0x1100) return cp == 0xB7;
  if (qg_cp_is_cjk_ambiguous(cp)) return true;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH;
}

static void test_every_code_point(void **st) {
  (void)st;
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    if (qg_cp_width(cp) != width_ref(cp)) fail_msg("qg_cp_width(U+%04X)", (unsigned)cp);
    if (qg_cp_is_wide(cp) != wide_ref(cp)) fail_msg("qg_cp_is_wide(U+%04X)", (unsigned)cp);
  }
  assert_int_equal(qg_cp_width(0x4E2D), 2); /* 中 */
  assert_int_equal(qg_cp_width(0x302A), 0); /* a combining tone mark next to the fast block */
  assert_int_equal(qg_cp_width('a'), 1);
}

/* qg_utf8_count (eight bytes at a time) counts what a byte-by-byte count does. */
static void test_count(void **st) {
  (void)st;
  const char *s = "a中文，\xF0\xA0\x80\x80 b\xC2\xA0全角\xEF\xBC\x91\xE2\x80\x94x";
  size_t n = strlen(s);
  for (size_t from = 0; from <= n; from++)
    for (size_t to = from; to <= n; to++) {
      size_t want = 0;
      for (size_t i = from; i < to; i++) want += ((unsigned char)s[i] & 0xC0) != 0x80;
      assert_int_equal(qg_utf8_count(s + from, to - from), want);
    }
  assert_int_equal(qg_utf8_count("中文中文中文中文", 24), 8);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_code_point),
                                     cmocka_unit_test(test_count)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
