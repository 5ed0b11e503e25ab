/* utf8.c: small UTF-8 and character-class helpers over ICU's properties. */
#include "internal.h"

#include <string.h>
#include <unicode/uchar.h>

size_t qg_utf8_count(const char *s, size_t len) {
  size_t n = 0, i = 0;
  /* eight bytes at a time: a continuation byte has bit 7 set and bit 6 clear */
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    uint64_t cont = (w >> 7) & (~w >> 6) & 0x0101010101010101ULL;
    n += 8 - (size_t)((cont * 0x0101010101010101ULL) >> 56);
  }
  for (; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
  return n;
}

size_t qg_utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Punctuation of East Asian width "ambiguous" that Chinese print copy sets full-width in the
 * CJK grid: middle dot, em dash, curly quotes, ellipsis. Fonts for Latin text set them narrow,
 * but in a Chinese page each takes a full cell, so they count as wide here. */
bool qg_cp_is_cjk_ambiguous(uint32_t cp) {
  return cp == 0xB7 || cp == 0x2014 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C ||
         cp == 0x201D || cp == 0x2026;
}

/* Blocks where every code point is East Asian wide or full-width and no mark or format
 * character (checked against ICU for every code point by tests/unit/test_utf8.c), so the
 * common Chinese text needs no property lookup. */
static bool wide_block(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x3000 && cp <= 0x3029) ||
         (cp >= 0xAC00 && cp <= 0xD7A3);
}

int qg_cp_width(uint32_t cp) {
  if (cp < 0x300) return cp < 0x20 ? 0 : cp == 0xB7 ? 2 : 1;
  if (wide_block(cp)) return 2;
  if (qg_cp_is_cjk_ambiguous(cp)) return 2;
  int gc = u_charType((UChar32)cp);
  if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR) return 0;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}

bool qg_cp_is_wide(uint32_t cp) {
  if (cp < 0x1100) return cp == 0xB7;
  if (wide_block(cp)) return true;
  if (qg_cp_is_cjk_ambiguous(cp)) return true;
  int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH;
}

/* Byte classes for qg_text_is_table_row: 0 other, 1 digit, 2 a mark a number may hold, 3 white
 * space, 4 the lead byte of U+3000, U+00A0, ％ or ‰ (looked at with the bytes after it). */
static const unsigned char tr_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['.'] = 2, [','] = 2, [':'] = 2, ['/'] = 2, ['%'] = 2, ['+'] = 2,
    ['-'] = 2, [' '] = 3, ['\t'] = 3, [0xE3] = 4, [0xC2] = 4, [0xEF] = 4, [0xE2] = 4};

/* The last byte of a full-width mark a number may hold (EF BC xx): ％ ＋ ， － ． ／ ： */
static bool fw_mark(unsigned char b) {
  return b == 0x85 || b == 0x8B || b == 0x8C || b == 0x8D || b == 0x8E || b == 0x8F || b == 0x9A;
}

bool qg_text_is_table_row(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t digits = 0; /* three numbers need three digits: most lines stop here (a loop the
                      * compiler vectorizes) */
  /* ASCII digits, and the last byte of full-width ones (EF BC 90..99): this stage runs before
   * the chars stage folds them, and the cue stage after it; both must see the same rows */
  if (len) digits = (unsigned char)(u[0] - '0') < 10;
  for (size_t i = 1; i < len; i++) /* branch-free, so the compiler vectorizes it */
    digits += (unsigned)((unsigned char)(u[i] - '0') < 10) +
              (unsigned)(((unsigned char)(u[i] - 0x90) < 10) & (u[i - 1] == 0xBC));
  if (digits < 3) return false;
  unsigned fields = 0, numeric = 0;
  bool in = false, digit = false, other = false;
  for (size_t i = 0; i <= len; i++) {
    unsigned c = i < len ? tr_class[u[i]] : 3;
    if (c == 4) { /* the multi-byte ones that matter; any other is a letter of a field */
      if (u[i] == 0xE3 && len - i >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) c = 3, i += 2;
      else if (u[i] == 0xC2 && len - i >= 2 && u[i + 1] == 0xA0) c = 3, i += 1;
      else if (u[i] == 0xEF && len - i >= 3 && u[i + 1] == 0xBC && u[i + 2] - 0x90u < 10)
        c = 1, i += 2; /* a full-width digit */
      else if (u[i] == 0xEF && len - i >= 3 && u[i + 1] == 0xBC && fw_mark(u[i + 2]))
        c = 2, i += 2;
      else if (u[i] == 0xE2 && len - i >= 3 && u[i + 1] == 0x80 && u[i + 2] == 0xB0) c = 2, i += 2;
      else c = 0;
    }
    if (c == 3) {
      if (in) {
        fields++;
        numeric += digit && !other;
      }
      in = digit = other = false;
      continue;
    }
    in = true;
    if (c == 1) digit = true;
    else if (c == 0) { /* not a number: on to the next white space or possible one */
      other = true;
      while (i + 1 < len && !tr_class[u[i + 1]]) i++;
    }
  }
  return numeric >= 3 && numeric * 2 >= fields;
}
