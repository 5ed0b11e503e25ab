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

bool qg_text_is_table_row(const char *s, size_t len) {
  /* most lines have no digit or no space (Chinese text runs without spaces): one byte loop */
  bool any_digit = false, any_space = false;
  for (size_t i = 0; i < len && !(any_digit && any_space); i++) {
    unsigned char b = (unsigned char)s[i];
    any_digit |= b >= '0' && b <= '9';
    any_space |= b == ' ' || b == '\t' || (b == 0xE3 && i + 2 < len && s[i + 1] == '\x80' &&
                                           s[i + 2] == '\x80') || (b == 0xC2 && i + 1 < len && s[i + 1] == '\xA0');
  }
  if (!any_digit || !any_space) return false;
  unsigned fields = 0, numeric = 0;
  bool in = false, digit = false, other = false;
  for (size_t i = 0; i <= len;) {
    uint32_t c = i < len ? qg_utf8_next(s, len, &i) : (i++, ' ');
    if (qg_cp_is_space(c)) {
      if (in) {
        fields++;
        numeric += digit && !other;
      }
      in = digit = other = false;
      continue;
    }
    in = true;
    if (c >= '0' && c <= '9') digit = true;
    else if (!(c == '.' || c == ',' || c == ':' || c == '/' || c == '%' || c == '+' || c == '-' ||
               c == 0xFF05 || c == 0x2030))
      other = true;
  }
  return numeric >= 3 && numeric * 2 >= fields;
}
