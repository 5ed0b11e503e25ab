/* join.c: the white space that joins two lines cut at a line end (paragraph and repair
 * stages). */
#include "internal.h"

#include <string.h>

/* Bytes looked at on each side of a line break to tell Chinese text from Latin text. */
#define QG_JOIN_SCRIPT_BYTES 96

/* Whether the text around a line break (the end of a, the start of b) is Chinese: more wide
 * characters (lead bytes E3 and up: U+3000 onwards) than Latin words (runs of ASCII letters),
 * so that Chinese text naming a few English words (在 Settings 中找到 Privacy and Security
 * 选项) is Chinese, and an English sentence naming a Chinese one is not. */
bool qg_join_is_cjk(const char *a, size_t alen, const char *b, size_t blen) {
  size_t wide = 0, words = 0;
  const unsigned char *u = (const unsigned char *)a;
  bool in = false;
  for (size_t i = alen > QG_JOIN_SCRIPT_BYTES ? alen - QG_JOIN_SCRIPT_BYTES : 0; i < alen; i++) {
    bool letter = (unsigned)((u[i] | 0x20) - 'a') < 26;
    wide += u[i] >= 0xE3, words += letter && !in, in = letter;
  }
  u = (const unsigned char *)b;
  in = false;
  for (size_t i = 0; i < blen && i < QG_JOIN_SCRIPT_BYTES; i++) {
    bool letter = (unsigned)((u[i] | 0x20) - 'a') < 26;
    wide += u[i] >= 0xE3, words += letter && !in, in = letter;
  }
  return wide > words;
}

static bool ascii_alnum(uint32_t c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether two lines whose sides at the break are both narrow join with a space.
 * In Latin text lines break between words: the space stays, except before a mark that never
 * follows a space (word|, word|;), after an opening bracket, and inside a hyphenated word
 * (self-|control).
 * In Chinese text a line breaks at the column's end, anywhere: a number, time, URL, address or
 * path cut there holds no space (1234|5678, 14:|30, 1,258|,000, 12.5|%, https:|//www,
 * li.ming@|example.com, /usr/local/|bin, 0372-|5551234), and 吧?|"他 is a closing quote after a
 * question mark. A space goes only before a Latin word (or a number after a word: Windows|10),
 * unless what ends the line holds the word to it (/ @, - after a letter or digit, an opening
 * bracket): Hello|World, Hello,|world, "Gone"|with, C++|Builder keep it. */
bool qg_join_with_space(uint32_t last, uint32_t prev, uint32_t first, bool cjk) {
  if (first < 0x80 && strchr(",;:!?)]}%", (int)first)) return false;
  if (last < 0x80 && strchr("([{", (int)last)) return false;
  if (last == '-' && ascii_alnum(prev)) return false;
  if (!cjk) return true;
  bool first_letter = (first | 0x20) >= 'a' && (first | 0x20) <= 'z';
  bool first_digit = first >= '0' && first <= '9';
  if (!first_letter && !first_digit) return false;
  if (last < 0x80 && strchr("/@", (int)last)) return false;
  if (first_digit) /* a number after a word, not digits cut in a number nor 14:|30 */
    return (last | 0x20) >= 'a' && (last | 0x20) <= 'z';
  /* a letter or digit, or a mark ending a Latin word ("Gone"|with, Hello.|World, C#|and) */
  return last > 0x20 && last < 0x7F;
}
