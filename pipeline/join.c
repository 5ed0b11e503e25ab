/* join.c: the white space that joins two lines cut at a line end (paragraph and repair
 * stages). */
#include "internal.h"

#include <string.h>

/* Bytes looked at on each side of a line break to tell Chinese text from Latin text. */
#define QG_JOIN_SCRIPT_BYTES 96

/* Whether the text around a line break (the end of a, the start of b) is Chinese: more wide
 * characters (lead bytes E3 and up: U+3000 onwards) than ASCII letters. */
bool qg_join_is_cjk(const char *a, size_t alen, const char *b, size_t blen) {
  size_t wide = 0, latin = 0;
  const unsigned char *u = (const unsigned char *)a;
  for (size_t i = alen > QG_JOIN_SCRIPT_BYTES ? alen - QG_JOIN_SCRIPT_BYTES : 0; i < alen; i++)
    wide += u[i] >= 0xE3, latin += (unsigned)((u[i] | 0x20) - 'a') < 26;
  u = (const unsigned char *)b;
  for (size_t i = 0; i < blen && i < QG_JOIN_SCRIPT_BYTES; i++)
    wide += u[i] >= 0xE3, latin += (unsigned)((u[i] | 0x20) - 'a') < 26;
  return wide > latin;
}

static bool ascii_alnum(uint32_t c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether two lines whose sides at the break are both narrow join with a space. A space would
 * be wrong inside a token that holds none: before a closing mark or a mark that never follows
 * a space (1,258|,000 12.5|% 他笑着问?|)), after an opening bracket, around / and @ (https:|//www,
 * li.ming@|example.com), after a hyphen that follows a letter or digit (self-|control,
 * 0372-|5551234). In Chinese text a line breaks at the column's end, anywhere, so a space goes
 * only between two Latin words (Hello|World, Hello,|world); 1234|5678 and 14:|30 are one number
 * and one time, and 吧?|"他 is a closing quote after a question mark. In Latin text lines break
 * between words, so the space stays otherwise. */
bool qg_join_with_space(uint32_t last, uint32_t prev, uint32_t first, bool cjk) {
  if (first < 0x80 && strchr(",.;:!?)]}%/@", (int)first)) return false;
  if (last < 0x80 && strchr("([{/@", (int)last)) return false;
  if (last == '-' && ascii_alnum(prev)) return false;
  if (!cjk) return true;
  if (!ascii_alnum(first)) return false;
  if (ascii_alnum(last)) /* two words, or digits cut in the middle of a number */
    return !((last >= '0' && last <= '9') && (first >= '0' && first <= '9'));
  /* a mark ending an English clause before a word: Hello,|world */
  return last < 0x80 && strchr(",.;:!?", (int)last) && ((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z') &&
         !(first >= '0' && first <= '9');
}

