/* join.c: the white space that joins two lines cut at a line end (paragraph and repair
 * stages). */
#include "internal.h"

#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Bytes looked at on each side of a line break to tell Chinese text from Latin text. */
#define QG_JOIN_SCRIPT_BYTES 96

/* Whether the text around a line break (the end of a, the start of b) is Chinese: more wide
 * characters (lead bytes E3 and up: U+3000 onwards) than Latin words (runs of ASCII letters),
 * so that Chinese text naming a few English words (在 Settings 中找到 Privacy and Security
 * 选项) is Chinese, and an English sentence naming a Chinese one is not. */
/* Adds to *wide the bytes E3 and up of u[from..to) (the lead bytes of U+3000 onwards) and to
 * *words its runs of ASCII letters (a letter with no letter before it in the range). With SSE2
 * sixteen bytes a step, the last letter of a step carried to the next (session 45: the same
 * counts as a byte at a time, at a tenth of the instructions). */
static void script_counts(const unsigned char *u, size_t from, size_t to, size_t *wide, size_t *words) {
  size_t i = from, w = 0, k = 0;
  bool in = false;
#ifdef __SSE2__
  const __m128i x20 = _mm_set1_epi8(0x20), ka = _mm_set1_epi8((char)(0x80 - 'a')),
                lim = _mm_set1_epi8((char)(0x80 + 26)), e3 = _mm_set1_epi8((char)0xE3);
  unsigned carry = 0; /* (the last byte of the step before was a letter) */
  for (; i + 16 <= to; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(u + i));
    unsigned lt = (unsigned)_mm_movemask_epi8(
        _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, x20), ka), lim));
    unsigned wd = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(x, e3), x));
    k += (unsigned)__builtin_popcount(lt & ~((lt << 1) | carry) & 0xFFFFu);
    w += (unsigned)__builtin_popcount(wd);
    carry = lt >> 15;
  }
  in = carry != 0;
#endif
  for (; i < to; i++) {
    bool letter = (unsigned)((u[i] | 0x20) - 'a') < 26;
    w += u[i] >= 0xE3, k += letter && !in, in = letter;
  }
  *wide += w, *words += k;
}

bool qg_join_is_cjk(const char *a, size_t alen, const char *b, size_t blen) {
  size_t wide = 0, words = 0;
  script_counts((const unsigned char *)a, alen > QG_JOIN_SCRIPT_BYTES ? alen - QG_JOIN_SCRIPT_BYTES : 0,
                alen, &wide, &words);
  script_counts((const unsigned char *)b, 0, blen < QG_JOIN_SCRIPT_BYTES ? blen : QG_JOIN_SCRIPT_BYTES,
                &wide, &words);
  return wide > words;
}

bool qg_ascii_alnum(uint32_t c) {
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
  /* a line that opens with a combining mark or a variation selector continues the character
   * before the break (lu|\u0308\u0300, 葛|\U000E0100): no space between them (probe 16 F1) */
  if (first == 0x200D || qg_cp_is_mark(first)) return false;
  if (first < 0x80 && strchr(",;:!?)]}%", (int)first)) return false;
  if (last < 0x80 && strchr("([{", (int)last)) return false;
  if (last == '-' && qg_ascii_alnum(prev)) return false;
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

/* Characters of a URL, domain, e-mail address or path as Chinese copy writes them (ASCII
 * only; \ for Windows paths). */
static bool link_char(unsigned char c) {
  return qg_ascii_alnum(c) || (c && strchr(".-_~:/?#@%&=+\\", c));
}

/* The start of the run of link characters that a ends with (alen when a ends with none). */
static size_t link_start(const char *a, size_t alen) {
  const unsigned char *u = (const unsigned char *)a;
  size_t t = alen;
  while (t > 0 && link_char(u[t - 1])) t--;
  return t;
}

/* The end of the run of link characters that b starts with. */
static size_t link_end(const char *b, size_t blen) {
  const unsigned char *v = (const unsigned char *)b;
  size_t h = 0;
  while (h < blen && link_char(v[h])) h++;
  return h;
}

/* Whether the token u[t..e) is a URL, domain, e-mail address or path: it holds a scheme
 * (://), www. at its start or after a non-alphanumeric, an @ between a letter or digit and
 * another, a drive (C:\), or starts with / or ~/ and holds a second / (/usr/local/bin). */
static bool link_token(const unsigned char *u, size_t t, size_t e) {
  if (e - t >= 2 && (u[t] == '/' || (u[t] == '~' && u[t + 1] == '/')) &&
      memchr(u + t + (u[t] == '~' ? 2 : 1), '/', e - t - (u[t] == '~' ? 2 : 1)))
    return true;
  for (size_t i = t; i < e; i++) {
    if (u[i] == '@' && i > t && qg_ascii_alnum(u[i - 1]) && i + 1 < e && qg_ascii_alnum(u[i + 1]))
      return true;
    if (i + 3 <= e && !memcmp(u + i, "://", 3) && i > t) return true;
    if (i + 3 <= e && u[i + 1] == ':' && u[i + 2] == '\\' && ((u[i] | 0x20) - 'a') < 26 &&
        (i == t || !qg_ascii_alnum(u[i - 1])))
      return true;
    if (i + 4 <= e && (u[i] | 0x20) == 'w' && (u[i + 1] | 0x20) == 'w' &&
        (u[i + 2] | 0x20) == 'w' && u[i + 3] == '.' && (i == t || !qg_ascii_alnum(u[i - 1])))
      return true;
  }
  return false;
}

/* Whether a Unix path starts at s[d] (a /) in the run [a, b) (session 41, docs/xml.md F8's
 * leftover: /home/报表/12月/b.xls marked 12月): the run starts there or with ~/ (or Han is
 * before the ~/: 打开~/报表/…), or a Han
 * character stands before the / and a root folder of a Unix system follows it (文件在/home/报表/
 * …); a second / follows in the run, and not right after the first (// opens a comment).
 * 2024/12/5, 3/4, 每/天, 元/kg/天 and a URL's path (example.com/报表/…, after a letter) are none.
 * write_xml.c (no <num> in such a path) and the joins below (a path cut at a line end) ask it. */
bool qg_join_unix_root(const char *s, size_t a, size_t b, size_t d) {
  static const char *const roots[] = {"home", "usr", "var", "tmp", "opt", "mnt", "data", "etc",
                                      "srv", "root", "media", "Users", "Volumes", "sdcard",
                                      "storage", "Library", "private", "run", NULL};
  if (d + 2 >= b || s[d + 1] == '/' || !memchr(s + d + 2, '/', b - d - 2)) return false;
  if (d == a || (s[d - 1] == '~' && (d - 1 == a || (d >= a + 4 && (unsigned char)s[d - 4] >= 0xE3))))
    return true; /* (/… or ~/… opening the run, ~/… after Han: 打开~/报表/…) */
  if (d < a + 3 || (unsigned char)s[d - 3] < 0xE3) return false; /* (a Han character before) */
  for (int r = 0; roots[r]; r++) {
    size_t l = strlen(roots[r]);
    if (d + 1 + l < b && !memcmp(s + d + 1, roots[r], l) && s[d + 1 + l] == '/') return true;
  }
  return false;
}

/* The start of a Unix path with Han folders that the link token at u[t] (a / after Han) ends
 * (/home/报表/12月/b.|xls: link_start stops at 月; session 41): going back over Han text and link
 * characters (no white space, no CJK mark; at most 256 bytes) to a / where such a path starts
 * (qg_join_unix_root). t when there is none. */
static size_t han_path_start(const char *a, size_t alen, size_t t) {
  const unsigned char *u = (const unsigned char *)a;
  if (t == 0 || t >= alen || u[t] != '/' || u[t - 1] < 0x80) return t;
  size_t r = t;
  while (r > 0 && t - r < 256) {
    size_t p = qg_utf8_prev(a, r);
    unsigned char c = u[p];
    if (c < 0x80 ? !link_char(c) : (c < 0xE4 || c > 0xE9)) break; /* (Han: lead bytes E4 to E9) */
    r = p;
  }
  for (size_t d = r; d < t; d++)
    if (u[d] == '/' && qg_join_unix_root(a, r, alen, d)) return d;
  return t;
}

/* Whether the text a ends inside a URL, domain, e-mail or path token: from its end back to
 * the first character that is not link_char (white space, Han, the start), with no white
 * space at the very end, the token is one (link_token) and its last character is a letter, a
 * digit or . - _ (a cut after / @ : is joined anyway). */
bool qg_join_link_tail(const char *a, size_t alen) {
  const unsigned char *u = (const unsigned char *)a;
  if (!alen) return false;
  unsigned char last = u[alen - 1];
  if (!qg_ascii_alnum(last) && !strchr(".-_", last)) return false;
  size_t t = han_path_start(a, alen, link_start(a, alen));
  /* the token must hold its mark before the cut: an @ as the last character is no address
   * yet (li.ming@ is joined by qg_join_with_space anyway) */
  return link_token(u, t, alen);
}

/* Whether the text around a cut is Chinese, the link token on each side left out: a URL's
 * labels (https, www, gov, cn, zhengce) are no English words, and in a narrow column the
 * URL is most of the window. */
static bool cjk_around_link(const char *a, size_t t, const char *b, size_t blen, size_t h) {
  size_t wide = 0, words = 0;
  script_counts((const unsigned char *)a, t > QG_JOIN_SCRIPT_BYTES ? t - QG_JOIN_SCRIPT_BYTES : 0, t,
                &wide, &words);
  /* Chinese before the link is enough: the sentence the link is part of was set in a Chinese
   * column, whatever follows it (访问官网 www.ex.cn/…notice.h | tml 。Follow "…" on WeChat for: an
   * English sentence after the link outweighed the Han before it, and the link was joined with
   * a space; probe 27 H4) */
  /* (not when an English word follows the token after white space: the line went on in
   * English, and its first word is no part of the link, www.example.cn/news | and follow us…:
   * review 27b M1) */
  bool english = h + 1 < blen && (b[h] == ' ' || b[h] == '\t') &&
                 (unsigned)((b[h + 1] | 0x20) - 'a') < 26;
  if (wide >= 2 && wide > words && !english) return true;
  if (h < blen)
    script_counts((const unsigned char *)b, h, blen < h + QG_JOIN_SCRIPT_BYTES ? blen : h + QG_JOIN_SCRIPT_BYTES,
                  &wide, &words);
  return wide > words; /* nothing around the link (a list of addresses, one a line) is no
                        * sign of Chinese text (review 8 R0) */
}

/* Whether a scheme's letters are cut by the line end: the token before the cut (a, n bytes)
 * and the letters before :// on the next line (b, i bytes) are each no scheme, and together
 * one (访问ht|tps://…, h|ttps://…, htt|ps://…: probe 26 H3; GitHub|https://… is a new link). */
static bool scheme_cut(const char *a, size_t n, const char *b, size_t i) {
  static const char *const schemes[] = {"http", "https", "ftp", "ftps", "ws", "wss", NULL};
  int whole = -1, half = -1;
  for (int k = 0; schemes[k]; k++) {
    size_t z = strlen(schemes[k]);
    if (z == i && !strncasecmp(b, schemes[k], i)) half = k;
    if (z == n + i && !strncasecmp(a, schemes[k], n) && !strncasecmp(b, schemes[k] + n, i))
      whole = k;
  }
  return whole >= 0 && half < 0;
}

/* Whether a line end between a and b falls inside a URL, domain, e-mail or path token cut by
 * the column in Chinese text: the token a ends with and the one b starts with (no white space
 * at the cut) make one token that is a link (link_token): the mark may be on either side
 * (https://www.ex|ample.com, zwfwzx_servi|ce@wuhan.gov.cn, C:\Users\A|dmin), and b goes on
 * with a letter, a digit, . / or \. After a cut at a dot (www.example.|com) the next label must
 * be written in lower case letters and digits (com, cn, org: a domain label), so that a
 * sentence that ends with a bare ASCII full stop after an address is not glued to a Latin
 * word that starts the next (…example.com.|Apple公司). */
bool qg_join_in_link(const char *a, size_t alen, const char *b, size_t blen) {
  const unsigned char *u = (const unsigned char *)a, *v = (const unsigned char *)b;
  if (!alen || !blen) return false;
  if (!qg_ascii_alnum(v[0]) && v[0] != '.' && v[0] != '/' && v[0] != '\\') return false;
  unsigned char last = u[alen - 1];
  /* not after : or @ (a colon ends a clause; li.ming@|example.com needs no help) */
  if (!qg_ascii_alnum(last) && !strchr(".-_/\\", last)) return false;
  size_t t = link_start(a, alen), h = link_end(b, blen);
  if (t == alen) return false;
  t = han_path_start(a, alen, t);
  /* a token that starts a link of its own after the cut is a new one (a list of addresses,
   * GitHub|https://…): a scheme, www. or an address whole on the next line (review 8 R0, R2) */
  bool fresh = (h >= 4 && (v[0] | 0x20) == 'w' && (v[1] | 0x20) == 'w' && (v[2] | 0x20) == 'w' &&
                v[3] == '.');
  for (size_t i = 0; i + 3 <= h && !fresh && i < 12; i++)
    fresh = !memcmp(b + i, "://", 3) && i > 0 && !scheme_cut(a + t, alen - t, b, i);
  /* two addresses: the token before the cut holds its @ and so does the one after it */
  if (!fresh && memchr(b, '@', h) && memchr(a + t, '@', alen - t)) fresh = true;
  if (fresh) return false;
  /* a capital after a small letter at the cut starts a word (tougao@example.com|QQ群) */
  if (v[0] >= 'A' && v[0] <= 'Z' && last >= 'a' && last <= 'z') return false;
  bool tail = qg_join_link_tail(a, alen);
  if (!tail) {
    /* the mark after the cut: the token as one (at most 512 bytes looked at). Not after a word
     * with a capital (Email|info@…, Li Ming|liming@…): a name or a label, not the first letters
     * of the address (zwfwzx_servi|ce@…) */
    if (alen - t + h > 512) return false;
    for (size_t i = t; i < alen; i++)
      if (u[i] >= 'A' && u[i] <= 'Z') return false;
    if (t > 0 && (u[t - 1] == ' ' || u[t - 1] == '\t')) return false;
    unsigned char tok[512];
    memcpy(tok, a + t, alen - t);
    memcpy(tok + (alen - t), b, h);
    if (!link_token(tok, 0, alen - t + h)) return false;
  }
  if (last == '.') {
    size_t i = 0;
    while (i < blen && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9'))) i++;
    if (!i || (i < blen && ((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z'))) return false;
  }
  return cjk_around_link(a, t, b, blen, h);
}

/* Whether a ends, with no white space after them, with one to 32 ASCII letters that follow white
 * space, a wide character (Han) or the start: a Latin word (not a link's label, 3.5GHz, C++). */
bool qg_join_latin_tail(const char *a, size_t alen) {
  const unsigned char *u = (const unsigned char *)a;
  size_t t = alen;
  while (t > 0 && alen - t <= 32 && (unsigned)((u[t - 1] | 0x20) - 'a') < 26u) t--;
  if (t == alen || alen - t > 32) return false;
  return t == 0 || u[t - 1] == ' ' || u[t - 1] == '\t' || u[t - 1] >= 0x80;
}

/* Whether the line end between a and b cuts a Latin word in Chinese text: a ends in a Latin word
 * (qg_join_latin_tail) whose last letter is small, b opens with two or three small letters and a
 * wide character right after them (lead byte E3 and up: Han, a full-width or CJK mark), and the
 * text around is Chinese. A column of Chinese copy breaks anywhere, also inside a name
 * (Kip|rop以…; probe 25 en2); a word that goes on as a word of its own keeps its space
 * (qg_join_with_space): one followed by white space or an ASCII mark (Hello|world, 是Hello|World的:
 * a capital), and a longer tail or one after a capital (deep|learning, AI|app: review 26b H1). */
bool qg_join_word_cut(const char *a, size_t alen, const char *b, size_t blen) {
  const unsigned char *v = (const unsigned char *)b, *u = (const unsigned char *)a;
  size_t h = 0;
  /* one capital alone after a wide character (Han) ends a: no word of Chinese copy; the column
   * cut a word or an abbreviation there (预装的W | indows 11, 本地A | I应用, 支持G | PS定位: probe 27
   * H5). b opens with two or more small letters up to white space, a figure, a mark or a wide
   * character (the rest of the word; not after I or A), or with one to three capitals or figures
   * and a wide character right after them (the rest of the abbreviation or the model's name;
   * CPU | GPU性能 is not taken: a holds one capital) */
  if (alen >= 4 && u[alen - 1] >= 'A' && u[alen - 1] <= 'Z' && u[alen - 2] >= 0x80 &&
      qg_join_is_cjk(a, alen, b, blen)) {
    size_t k = 0;
    while (k < blen && k < 33 && v[k] >= 'a' && v[k] <= 'z') k++;
    /* (not after I or A, English words of their own: 补了一句I | love China, 方案A | and B;
     * review 28a M1) */
    unsigned char z = u[alen - 1];
    if (k >= 2 && k <= 32 && z != 'I' && z != 'A' &&
        (k == blen || v[k] == ' ' || v[k] == '\t' || (v[k] >= '0' && v[k] <= '9') || v[k] >= 0xE3 ||
         (v[k] && v[k] < 0x80 && strchr(",.;:!?)", v[k]))))
      return true;
    /* (or figures and Han: the rest of a model's name, 自研的M | 3芯片 → M3; review 28a) */
    k = 0;
    while (k < blen && k < 4 && v[k] >= '0' && v[k] <= '9') k++;
    if (k >= 1 && k <= 3 && k < blen && v[k] >= 0xE3) return true;
    k = 0;
    while (k < blen && k < 4 && v[k] >= 'A' && v[k] <= 'Z') k++;
    if (k >= 1 && k <= 3 && k < blen && v[k] >= 0xE3) return true;
  }
  while (h < blen && h < 4 && v[h] >= 'a' && v[h] <= 'z') h++;
  if (h < 2 || h > 3 || h >= blen || v[h] < 0xE3) return false;
  if (!alen || a[alen - 1] < 'a' || a[alen - 1] > 'z') return false;
  return qg_join_latin_tail(a, alen) && qg_join_is_cjk(a, alen, b, blen);
}

/* Whether a word of the segmenter runs across the cut between the Han characters (up to six,
 * white space at the cut left out) that end a and those that open b: 推动高质量发 | 展取得新成效
 * (高质量发展). With pair, the two characters at the cut alone are tried too (写作 | 业: the window
 * takes 写作, 作业 is a word). 0 when either side ends or opens with no Han character, -1 when
 * the segmenter fails. Repair (a point cut over a blank line) and the paragraph stage (whether a
 * modal width's cuts show prose) ask it. sg may be NULL (no segmenter: -1 where there is a
 * window). */
int qg_join_word_across(qg_segmenter *sg, const char *a, size_t alen, const char *b, size_t blen,
                        qg_tokvec *toks, bool pair) {
  while (alen && (a[alen - 1] == ' ' || a[alen - 1] == '\t')) alen--;
  size_t sa = alen, i = 0, zb;
  for (int j = 0; j < 6 && sa > 0; j++) {
    size_t p = qg_utf8_prev(a, sa), q = p;
    if (!qg_cp_is_han(qg_utf8_next(a, alen, &q))) break;
    sa = p;
  }
  while (i < blen && (b[i] == ' ' || b[i] == '\t')) i++;
  zb = i;
  for (int j = 0; j < 6 && zb < blen; j++) {
    size_t q = zb;
    if (!qg_cp_is_han(qg_utf8_next(b, blen, &q))) break;
    zb = q;
  }
  if (sa == alen || zb == i) return 0;
  char buf[2 * 6 * 4];
  size_t la = alen - sa, lb = zb - i;
  if (la + lb > sizeof buf) return 0;
  memcpy(buf, a + sa, la);
  memcpy(buf + la, b + i, lb);
  if (!sg || qg_segment_words(sg, buf, la + lb, toks)) return -1;
  for (size_t k = 0; k < toks->n; k++)
    if (toks->v[k].start < la && toks->v[k].end > la) return 1;
  if (!pair || la < 3 || lb < 3) return 0;
  char two[6];
  memcpy(two, buf + la - 3, 3);
  memcpy(two + 3, buf + la, 3);
  if (qg_segment_words(sg, two, 6, toks)) return -1;
  return toks->n == 1;
}

/* What a run of ASCII capitals and digits holds: 1 capitals only, 2 digits only, 3 both. */
static int code_run(const unsigned char *u, size_t t, size_t e) {
  int k = 0;
  for (size_t i = t; i < e; i++) k |= u[i] >= 'A' && u[i] <= 'Z' ? 1 : 2;
  return k;
}

/* Whether the line end between a and b cuts a code in Chinese text (session 42, probe 42 H5):
 * a ends with a run of ASCII capitals and digits (after white space, a wide character or the
 * start) and b opens with one (up to the end, white space, a wide character or a mark: no small
 * letter), together at least 8 characters (91330100MA | BC4D5E: a credit code). Neither run may
 * read as a word or a number of its own: the run after the cut mixes capitals and digits
 * (capitals alone are a word, a brand or a model's name: RTX4090 | GPU, GTX1080 | NVIDIA,
 * HUAWEI | MATE60), and the run before it does too or is six digits or more (ISO | 9001,
 * M3 | 2024 keep their space). The lines join with nothing between. */
static bool code_runs(const char *a, size_t alen, const char *b, size_t blen, size_t *tp, size_t *hp) {
  const unsigned char *u = (const unsigned char *)a, *v = (const unsigned char *)b;
  size_t t = alen, h = 0;
  while (t > 0 && alen - t < 40 && ((u[t - 1] >= 'A' && u[t - 1] <= 'Z') || (u[t - 1] >= '0' && u[t - 1] <= '9'))) t--;
  if (t == alen || (t > 0 && u[t - 1] < 0x80 && u[t - 1] != ' ' && u[t - 1] != '\t')) return false;
  while (h < blen && h < 40 && ((v[h] >= 'A' && v[h] <= 'Z') || (v[h] >= '0' && v[h] <= '9'))) h++;
  if (!h || (h < blen && v[h] >= 'a' && v[h] <= 'z')) return false;
  *tp = t, *hp = h;
  return true;
}

/* Whether a ends and b opens with runs of ASCII capitals and digits (code_runs): a space put
 * between them is a guess between a code and two names (ISO | 9001), reported (session 42). */
bool qg_join_caps_cut(const char *a, size_t alen, const char *b, size_t blen) {
  size_t t, h;
  return code_runs(a, alen, b, blen, &t, &h);
}

bool qg_join_code_cut(const char *a, size_t alen, const char *b, size_t blen) {
  const unsigned char *u = (const unsigned char *)a, *v = (const unsigned char *)b;
  size_t t, h;
  if (!code_runs(a, alen, b, blen, &t, &h) || alen - t + h < 8) return false;
  int l = code_run(u, t, alen), r = code_run(v, 0, h);
  /* (capitals alone on either side are a word, a brand and its model: HUAWEI | MATE60,
   * GTX1080 | NVIDIA, DHJZGS | XYZ2026 keep their space, said as a guess; read-through and
   * review 42) */
  if (r != 3 || l == 1 || (l == 2 && alen - t < 6)) return false;
  return qg_join_is_cjk(a, alen, b, blen);
}
