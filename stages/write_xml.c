/* write_xml.c: --format xml (the default of clean) and --format nitf, written with libxml2's
 * xmlTextWriter (it does all escaping). Each document is written into the writer's spool as
 * it streams, article by article, and copied out only when the document ended well.
 *
 * XML (schema: schema/qinggao.rng; docs/xml.md):
 *   <qinggao xmlns="urn:qinggao:1" version="1">            written once, before the first
 *   <document source=… encoding=… paragraphs=…>             document, closed by qg_writer_close
 *   <article n="1">
 *   <title id="L9" line="9">…</title>                      one element per block kind
 *   <p id="L49" line="49"><dateline>本报讯</dateline> …<num>14个</num>…<dash>——</dash>…</p>
 *   <figure><caption …>…</caption><credit …>…</credit></figure>
 *   </article></document>
 * Whitespace: the only white space between elements is one return between two block elements
 * (written before the next start tag, so a container's tags stand next to its first and last
 * block: <article n="2"><section …>, </p></article>) and one after a document's last block;
 * no indentation, nothing but text and inline elements inside a block. A layout system that
 * imports white space as text (InDesign) gets one return between paragraphs and nothing else
 * (probe 10c F7: a container tag on a line of its own gave an empty paragraph).
 *
 * NITF (--format nitf): one <nitf> per article inside a <nitf-collection> root; see
 * docs/xml.md for the mapping of kinds. */
#include "writer.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <errno.h>
#include <libxml/entities.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#define QG_XML_NS "urn:qinggao:1"
#define QG_AID_NS "http://ns.adobe.com/AdobeInDesign/4.0/"

extern const unsigned char qg_units_default[];
extern const size_t qg_units_default_len;

/* paragraph and character style names for --indesign, by kind and by inline element */
enum { CS_DATELINE, CS_NUM, CS_DASH, CS_ELLIPSIS, CS_COUNT_ };
static const char *const cs_elem[CS_COUNT_] = {"dateline", "num", "dash", "ellipsis"};

typedef struct xml_state {
  qg_xml_options opt;
  char *pstyle[QG_KIND_COUNT_];
  char *cstyle[CS_COUNT_];
  char **units;   /* sorted longest first */
  size_t nunits;
  size_t *unitlen;
  /* the units by first byte, longest first: uidx[ustart[c] .. ustart[c + 1]) */
  uint32_t *uidx;
  uint32_t ustart[257];
  xmlTextWriterPtr xw;
  bool root_written, closed;
  bool in_article, in_figure;
  bool fig_table; /* the open figure is a table's title (table_title): type="table", NITF data */
  qg_kind in_list; /* the open list: QG_KIND_ATTACHMENT (attachments) or QG_KIND_CONTACT
                    * (contacts), 0: none (session 47) */
  bool nl_pending; /* a block element ended: a return before the next start tag */
  bool any_block;  /* the document has a block element */
  bool nitf;       /* the format is NITF */
  uint32_t article;
  uint32_t prev_line; /* first line of the previous block, for ids of split blocks */
  unsigned same_line;
  qg_kind prev_kind;
  /* the blocks of the document that share their first line (a caption and the credit split
   * off it: L9, L9-2), in the order written, with their kinds: a repeat of one of them is
   * marked duplicate-of its own id, the part of that line of its kind (a repeated credit
   * repeats L9-2, not the caption L9: session 39); sorted by line unless a moved block broke
   * the order (then searched from the end) */
  struct split_ent {
    uint32_t line;
    unsigned part;
    qg_kind kind;
  } *splits;
  size_t nsplits, capsplits;
  bool splits_sorted;
  /* NITF: the article's head blocks are held until its first body block */
  int nitf_part; /* 0: head not written yet, 2: body.content open */
  struct nitf_item *items;
  size_t nheld, capheld;
  qg_buf held;
  qg_buf author;  /* NITF: author tags go to body.end */
  qg_buf idbuf;
  /* The spool failed (QG_ERR_IO, QG_ERR_NOMEM), errno then: libxml2 is never told (its output
   * callback says every write went well), since it prints "I/O error : write error" on the
   * caller's standard error when told (probe 18 D6); the handlers return it themselves. */
  int out_err, out_errno;
} xml_state;

static const char *const default_pstyle[QG_KIND_COUNT_] = {
    [QG_KIND_LINE] = "Body",      [QG_KIND_P] = "Body",           [QG_KIND_SECTION] = "Section",
    [QG_KIND_KICKER] = "Kicker",  [QG_KIND_TITLE] = "Title",      [QG_KIND_SUBTITLE] = "Subtitle",
    [QG_KIND_BYLINE] = "Byline",  [QG_KIND_SUBHEAD] = "Subhead",  [QG_KIND_CAPTION] = "Caption",
    [QG_KIND_CREDIT] = "Credit",  [QG_KIND_AUTHOR] = "Author",
    [QG_KIND_EDITOR_NOTE] = "EditorNote", [QG_KIND_ATTACHMENT] = "Attachment",
    [QG_KIND_CONTACT] = "Contact"};
static const char *const default_cstyle[CS_COUNT_] = {"Dateline", "Number", "NoBreak", "NoBreak"};

/* ---- output into the spool ---------------------------------------------------------------- */

static int spool_write_cb(void *ctx, const char *buf, int len) {
  qg_writer *w = ctx;
  xml_state *x = w->user;
  if (x->out_err) return len; /* the document has failed: its rest is dropped */
  int rc = qg_spool_write(&w->body, buf, (size_t)len);
  if (rc) {
    x->out_errno = errno;
    x->out_err = rc;
  }
  return len;
}

/* rc, or the spool's error with its errno when the spool failed (the handlers' return). */
static int out_status(xml_state *x, int rc) {
  if (!x->out_err) return rc;
  errno = x->out_errno;
  return x->out_err;
}
static int spool_close_cb(void *ctx) {
  (void)ctx;
  return 0;
}

#define X(call)                                                                                \
  do {                                                                                         \
    if ((call) < 0) return QG_ERR_IO;                                                          \
  } while (0)

static const xmlChar *U(const char *s) { return (const xmlChar *)s; }

/* Ends the open element and the line it stands on. */
static int end_line(xmlTextWriterPtr xw) {
  return xmlTextWriterEndElement(xw) < 0 || xmlTextWriterWriteRaw(xw, U("\n")) < 0 ? QG_ERR_IO : 0;
}

/* An attribute with its characters kept as they are: libxml2's writer turns every non-ASCII
 * character of an attribute into a character reference when it has no document; escaping
 * the value with xmlEncodeSpecialChars and writing it raw keeps it readable. */
static int attr(xmlTextWriterPtr xw, const char *name, const char *value) {
  xmlChar *v = xmlEncodeSpecialChars(NULL, U(value));
  if (!v) return QG_ERR_NOMEM;
  int rc = xmlTextWriterStartAttribute(xw, U(name)) < 0 || xmlTextWriterWriteRaw(xw, v) < 0 ||
           xmlTextWriterEndAttribute(xw) < 0;
  xmlFree(v);
  return rc ? QG_ERR_IO : 0;
}

/* ---- options ------------------------------------------------------------------------------ */

static int set_name(char **slot, const char *s, size_t n) {
  char *c = malloc(n + 1);
  if (!c) return QG_ERR_NOMEM;
  memcpy(c, s, n);
  c[n] = '\0';
  free(*slot);
  *slot = c;
  return 0;
}

/* Style map file: lines "name = Style Name", name a kind (title, p …) or an inline element
 * (dateline, num, dash, ellipsis); # starts a comment line. */
static int load_styles(xml_state *x, const char *path, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open style map", path);
    return QG_ERR_USAGE;
  }
  char line[1024];
  unsigned no = 0;
  int rc = 0;
  while (!rc && fgets(line, sizeof line, f)) {
    no++;
    char *s = line, *e = line + strcspn(line, "\r\n");
    *e = '\0';
    const char *col0 = line; /* columns count from here: a byte order mark is none */
    if (no == 1 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3, col0 += 3;
    /* the names go into the XML as they are: UTF-8 without control characters (a map saved
     * in a legacy encoding would make every output unreadable) */
    const char *what;
    size_t bad = qg_utf8_text_check(s, (size_t)(e - s), &what);
    if (bad < (size_t)(e - s)) {
      snprintf(err, errlen, "%s:%u:%zu: %s in the style map%s", path, no,
               qg_utf8_count(col0, (size_t)(s + bad - col0)) + 1, what,
               what[0] == 'i' ? " (save it as UTF-8)" : "");
      rc = QG_ERR_USAGE;
      break;
    }
    while (*s == ' ' || *s == '\t') s++;
    if (!*s || *s == '#') continue;
    char *eq = strchr(s, '=');
    if (!eq) {
      snprintf(err, errlen, "%s:%u:1: expected 'name = Style Name'", path, no);
      rc = QG_ERR_USAGE;
      break;
    }
    char *ke = eq;
    while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
    char *v = eq + 1;
    while (*v == ' ' || *v == '\t') v++;
    char *ve = e;
    while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
    if (ve == v) {
      snprintf(err, errlen, "%s:%u:%d: empty style name", path, no, (int)(eq - line) + 2);
      rc = QG_ERR_USAGE;
      break;
    }
    size_t kl = (size_t)(ke - s);
    bool found = false;
    for (int k = QG_KIND_P; k < QG_KIND_COUNT_ && !found; k++)
      if (strlen(qg_kind_name((qg_kind)k)) == kl && !memcmp(qg_kind_name((qg_kind)k), s, kl)) {
        rc = set_name(&x->pstyle[k], v, (size_t)(ve - v));
        found = true;
      }
    for (int k = 0; k < CS_COUNT_ && !found; k++)
      if (strlen(cs_elem[k]) == kl && !memcmp(cs_elem[k], s, kl)) {
        rc = set_name(&x->cstyle[k], v, (size_t)(ve - v));
        found = true;
      }
    if (!found && !rc) {
      snprintf(err, errlen, "%s:%u:%d: unknown name '%.*s' (a kind such as title or p, or "
               "dateline, num, dash, ellipsis)", path, no, (int)(s - line) + 1, (int)kl, s);
      rc = QG_ERR_USAGE;
    }
  }
  fclose(f);
  return rc;
}

static int cmp_len_desc(const void *a, const void *b) {
  size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
  return la < lb ? 1 : la > lb ? -1 : 0;
}

static int load_units(xml_state *x) {
  size_t pos = 0, n;
  const char *e;
  while (qg_list_next((const char *)qg_units_default, qg_units_default_len, &pos, NULL, &e, &n)) {
    char **u = realloc(x->units, (x->nunits + 1) * sizeof *u);
    if (!u) return QG_ERR_NOMEM;
    x->units = u;
    u[x->nunits] = NULL;
    if (set_name(&u[x->nunits], e, n)) return QG_ERR_NOMEM;
    x->nunits++;
  }
  qsort(x->units, x->nunits, sizeof *x->units, cmp_len_desc);
  x->unitlen = malloc((x->nunits + 1) * sizeof *x->unitlen);
  x->uidx = malloc((x->nunits + 1) * sizeof *x->uidx);
  if (!x->unitlen || !x->uidx) return QG_ERR_NOMEM;
  memset(x->ustart, 0, sizeof x->ustart);
  for (size_t i = 0; i < x->nunits; i++) {
    x->unitlen[i] = strlen(x->units[i]);
    x->ustart[(unsigned char)x->units[i][0] + 1]++;
  }
  for (int c = 0; c < 256; c++) x->ustart[c + 1] += x->ustart[c];
  uint32_t fill[256];
  memcpy(fill, x->ustart, sizeof fill);
  for (size_t i = 0; i < x->nunits; i++) x->uidx[fill[(unsigned char)x->units[i][0]]++] = (uint32_t)i;
  return 0;
}

static void xml_free(void *p) {
  xml_state *x = p;
  if (!x) return;
  if (x->xw) xmlFreeTextWriter(x->xw);
  for (int k = 0; k < QG_KIND_COUNT_; k++) free(x->pstyle[k]);
  for (int k = 0; k < CS_COUNT_; k++) free(x->cstyle[k]);
  for (size_t i = 0; i < x->nunits; i++) free(x->units[i]);
  free(x->units);
  free(x->unitlen);
  free(x->uidx);
  qg_buf_free(&x->author);
  qg_buf_free(&x->idbuf);
  qg_buf_free(&x->held);
  free(x->splits);
  free(x->items);
  free(x);
}

int qg_writer_set_xml(qg_writer *w, const qg_xml_options *o, char *err, size_t errlen) {
  if (err && errlen) err[0] = '\0';
  if (w->fmt != QG_FORMAT_XML && w->fmt != QG_FORMAT_NITF) {
    if (err && errlen) snprintf(err, errlen, "qg_writer_set_xml: not an XML or NITF writer");
    return QG_ERR_USAGE;
  }
  xml_state *x = w->user;
  x->opt = *o;
  if (o->styles_file) return load_styles(x, o->styles_file, err, errlen);
  return 0;
}

/* ---- inline markup ------------------------------------------------------------------------ */

static bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
static bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int inline_elem(qg_writer *w, int cs, const char *s, size_t n) {
  xml_state *x = w->user;
  X(xmlTextWriterStartElement(x->xw, U(cs_elem[cs])));
  if (x->opt.indesign) X(attr(x->xw, "aid:cstyle", x->cstyle[cs]));
  qg_buf *t = &w->scratch;
  qg_buf_clear(t);
  if (qg_buf_put(t, s, n)) return QG_ERR_NOMEM;
  X(xmlTextWriterWriteString(x->xw, U(t->ptr)));
  X(xmlTextWriterEndElement(x->xw));
  return 0;
}

/* Writes text content as xmlTextWriterWriteString does inside an element (libxml2's
 * xmlEncodeSpecialChars: < > & " and CR escaped, up to a NUL), escaped here into the scratch
 * buffer instead of a new allocation per run. */
static int text_run(qg_writer *w, const char *s, size_t n) {
  if (!n) return 0;
  xml_state *x = w->user;
  /* most runs hold nothing to escape: written as they are */
  static const bool special[256] = {['<'] = 1, ['>'] = 1, ['&'] = 1, ['"'] = 1, ['\r'] = 1,
                                    ['\0'] = 1};
  size_t q = 0;
#ifdef __SSE2__
  while (q + 16 <= n) { /* sixteen bytes at a time */
    __m128i v = _mm_loadu_si128((const __m128i *)(s + q));
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')), _mm_cmpeq_epi8(v, _mm_set1_epi8('>'))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                  _mm_cmpeq_epi8(v, _mm_setzero_si128()))));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) {
      q += (size_t)__builtin_ctz(bits);
      break;
    }
    q += 16;
  }
#endif
  while (q < n && !special[(unsigned char)s[q]]) q++;
  if (q == n || !s[q]) {
    X(xmlTextWriterWriteRawLen(x->xw, U(s), (int)q));
    return 0;
  }
  qg_buf *t = &w->scratch;
  qg_buf_clear(t);
  n = strnlen(s, n);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *esc;
    switch (s[i]) {
    case '<': esc = "&lt;"; break;
    case '>': esc = "&gt;"; break;
    case '&': esc = "&amp;"; break;
    case '"': esc = "&quot;"; break;
    case '\r': esc = "&#13;"; break;
    default: continue;
    }
    if (qg_buf_put(t, s + run, i - run) || qg_buf_puts(t, esc)) return QG_ERR_NOMEM;
    run = i + 1;
  }
  if (qg_buf_put(t, s + run, n - run) || qg_buf_grow(t, 0)) return QG_ERR_NOMEM;
  X(xmlTextWriterWriteRawLen(x->xw, U(t->ptr), (int)t->len));
  return 0;
}

/* Whether the unit u (ul bytes) at the end e of a figure begins a word instead (probe 11a F20):
 * 所 before 示 列 述 说 … (如图1所示: 所示, not 1所 as in 3所学校), A before 级 (5A级景区, a
 * grade). */
static bool unit_in_word(const char *u, size_t ul, const char *s, size_t n, size_t e) {
  if (e + 3 > n) return false;
  const char *next = s + e;
  if (ul == 3 && !memcmp(u, "\xE6\x89\x80", 3)) { /* 所 */
    static const char *const words[] = {"示", "列", "述", "说", "谓", "在", "有", "以", "需",
                                        "属", "得", "用", "致", "指"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
      if (!memcmp(next, words[k], 3)) return true;
  }
  if (ul == 1 && u[0] == 'A' && !memcmp(next, "\xE7\xBA\xA7", 3)) return true; /* A级 */
  /* a capital letter before 型 is a model's letter (99A型, 05B型: probe 23 M7), no ampere */
  return ul == 1 && u[0] >= 'A' && u[0] <= 'Z' && !memcmp(next, "\xE5\x9E\x8B", 3); /* 型 */
}

/* The length of the longest unit at s[j], 0 when none (a unit ending in a Latin letter not
 * before another letter or a digit: 5kg, not 5kgs; 220V, not 3V3; and not a unit that begins
 * a word, unit_in_word). */
static size_t unit_at(const xml_state *x, const char *s, size_t n, size_t j) {
  if (j >= n) return 0;
  unsigned c0 = (unsigned char)s[j];
  for (uint32_t q = x->ustart[c0]; q < x->ustart[c0 + 1]; q++) { /* longest first */
    uint32_t u = x->uidx[q];
    size_t ul = x->unitlen[u];
    if (j + ul <= n && !memcmp(s + j, x->units[u], ul) &&
        !(ascii_alpha(x->units[u][ul - 1]) && j + ul < n &&
          (ascii_alpha(s[j + ul]) || ascii_digit(s[j + ul]))) &&
        !unit_in_word(x->units[u], ul, s, n, j + ul))
      return ul;
  }
  return 0;
}

/* After a unit that ends in a Latin letter (km, m), `/h` or `/s` that ends there: a speed
 * (80km/h, 10m/s) is one run. Its length, else 0. */
static size_t per_hour(const char *s, size_t n, size_t j) {
  if (j < 1 || j + 2 > n || !ascii_alpha(s[j - 1]) || s[j] != '/' ||
      (s[j + 1] != 'h' && s[j + 1] != 's') || (j + 2 < n && ascii_alpha(s[j + 2])))
    return 0;
  return 2;
}

/* Whether the unit u[0..ul) is money: a currency word (元 万元 美元 港币 英镑 卢布 瑞郎 …). */
static bool money_unit(const char *u, size_t ul) {
  static const char *const ends[] = {"元", "币", "幣", "镑", "鎊", "卢布", "盧布", "瑞郎", NULL};
  for (int k = 0; ends[k]; k++) {
    size_t el = strlen(ends[k]);
    if (ul >= el && !memcmp(u + ul - el, ends[k], el)) return true;
  }
  return false;
}

/* After a money unit that ends at s[j] (u..j), a rate's `/` and the unit it is paid per: 2.96万元/㎡,
 * 3500元/月, 50元/人次, 12元/股 (probe 23 M8; as 80km/h). The unit after the slash is one of the
 * list, or 股 晚 间 套 平米; not a figure (10元/20元 are two prices). Its length, else 0. */
static size_t per_unit(const xml_state *x, const char *s, size_t n, size_t u, size_t j) {
  if (j + 1 >= n || s[j] != '/' || !money_unit(s + u, j - u)) return 0;
  size_t ul = unit_at(x, s, n, j + 1);
  if (ul && (s[j + 1] == '%' || (j + 4 <= n && !memcmp(s + j + 1, "\xE2\x80\xB0", 3))))
    ul = 0; /* (元/%: no rate) */
  static const char *const more[] = {"平米", "股", "晚", "间", "套", NULL};
  for (int k = 0; !ul && more[k]; k++) {
    size_t ml = strlen(more[k]);
    if (j + 1 + ml <= n && !memcmp(s + j + 1, more[k], ml)) ul = ml;
  }
  return ul ? 1 + ul : 0;
}

/* The length of a mark at s[j] that joins two figures into one run: a range's ～ ~ 〜 (10～15℃,
 * 5%～8%), a score's ∶ (3∶1), a tolerance's ± (18℃±2℃); 0 when none (probe 10c F9). */
static size_t figure_joiner(const char *s, size_t n, size_t j) {
  if (j >= n) return 0;
  if (s[j] == '~') return 1;
  /* a hyphen after a unit, before a figure of the same unit: 36.3℃-37.2℃ is one range, not a
   * figure and a negative one (probe 12b B22; same_unit decides) */
  if (s[j] == '-' && j > 0 && !ascii_digit(s[j - 1])) return 1;
  if (j + 2 <= n && !memcmp(s + j, "\xC2\xB1", 2)) return 2;                 /* ± */
  if (j + 3 <= n && (!memcmp(s + j, "\xEF\xBD\x9E", 3) ||                   /* ～ */
                     !memcmp(s + j, "\xE3\x80\x9C", 3) ||                   /* 〜 */
                     !memcmp(s + j, "\xE2\x88\xB6", 3)))                    /* ∶ */
    return 3;
  return 0;
}

/* Whether the figures a[0..an) and b[0..bn) joined by a range's mark measure one quantity: the
 * first has no unit, or the second's starts with it (10～15℃, 5%～8%, 1.2万～1.5万人; not
 * 220V～50Hz, a voltage and a frequency: probe 11a F2/F20). */
static bool same_unit(const char *a, size_t an, const char *b, size_t bn) {
  size_t ua = an, ub = bn;
  while (ua > 0 && !ascii_digit(a[ua - 1])) ua--;
  while (ub > 0 && !ascii_digit(b[ub - 1])) ub--;
  return ua == an || (bn - ub >= an - ua && !memcmp(a + ua, b + ub, an - ua));
}

/* The length of a currency sign that ends at s[i] (￥ ¥ € £ ＄ before 50), 0 when none. Not
 * the ASCII $: in technical copy $2 is a shell's or a template's variable, no sum. */
static size_t currency_before(const char *s, size_t i) {
  if (i >= 2 && (!memcmp(s + i - 2, "\xC2\xA5", 2) || !memcmp(s + i - 2, "\xC2\xA3", 2)))
    return 2; /* ¥ £ */
  if (i >= 3 && (!memcmp(s + i - 3, "\xEF\xBF\xA5", 3) || !memcmp(s + i - 3, "\xE2\x82\xAC", 3) ||
                 !memcmp(s + i - 3, "\xEF\xBC\x84", 3)))
    return 3; /* ￥ € ＄ */
  return 0;
}

/* The length of a prime or a degree sign at s[j] (′ ″ ° and the ASCII ' " typed for them), 0
 * when none: between two figures they make one measure (1′58″32, 30°15′, 9"83). */
static size_t prime_at(const char *s, size_t n, size_t j) {
  if (j >= n) return 0;
  if (s[j] == '\'' || s[j] == '"') return 1;
  if (j + 2 <= n && !memcmp(s + j, "\xC2\xB0", 2)) return 2; /* ° */
  if (j + 3 <= n && (!memcmp(s + j, "\xE2\x80\xB2", 3) || !memcmp(s + j, "\xE2\x80\xB3", 3)))
    return 3; /* ′ ″ */
  return 0;
}

/* Whether the run a[0..an) ends with a unit of time or angle that a figure right after it
 * continues (9秒97, 1分44秒65, 8时30分, 3小时20分钟: the figure after it bare or of such a unit
 * too; not 第1分钟2次): one measure, which layout must not break. */
static bool ends_clock_unit(const char *a, size_t an) {
  static const char *const units[] = {"秒", "分", "时", "小时", "度", "分钟", NULL};
  for (int u = 0; units[u]; u++) {
    size_t ul = strlen(units[u]);
    if (an > ul && ascii_digit(a[an - ul - 1]) && !memcmp(a + an - ul, units[u], ul)) return true;
  }
  return false;
}

/* The length of the superscripts and vulgar fractions at s[j] after a figure (10⁻³, 3¾, 2²), 0
 * when none: the exponent or the fraction is part of the number. */
static size_t figure_tail(const char *s, size_t n, size_t j) {
  size_t k = j;
  for (;;) {
    const unsigned char *u = (const unsigned char *)s + k;
    if (k + 2 <= n && u[0] == 0xC2 && (u[1] == 0xB2 || u[1] == 0xB3 || u[1] == 0xB9 ||
                                       (u[1] >= 0xBC && u[1] <= 0xBE)))
      k += 2; /* ² ³ ¹ ¼ ½ ¾ */
    else if (k + 3 <= n && u[0] == 0xE2 &&
             ((u[1] == 0x81 && (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xBB))) ||
              (u[1] == 0x85 && u[2] >= 0x90 && u[2] <= 0x9E)))
      k += 3; /* ⁰ ⁴-⁹ ⁺ ⁻, ⅐-⅞ */
    else
      return k - j;
  }
}

/* Whether the dot at s[d] ends a list label of one or two digits at s[i] before a year and 年
 * (附件：1.2024年…, 1.2023年主要指标: probe 12b B7): the label opens the text or follows white
 * space or a mark (no letter, digit or Han before it), and the year is a number of its own. */
static bool label_dot(const char *s, size_t n, size_t i, size_t d) {
  if (d - i > 2 || d + 8 > n || memcmp(s + d + 5, "\xE5\xB9\xB4", 3)) return false; /* 年 */
  for (size_t q = d + 1; q < d + 5; q++)
    if (!ascii_digit(s[q])) return false;
  if (s[d + 1] != '1' && s[d + 1] != '2') return false;
  if (i == 0) return true;
  unsigned char p = (unsigned char)s[i - 1];
  if (p < 0x80) return !ascii_alpha(s[i - 1]) && !ascii_digit(s[i - 1]) && p != '.' && p != '-';
  /* a character of U+4E00..U+9FFF (lead bytes E4..E9) is Han */
  return !(i >= 3 && (unsigned char)s[i - 3] >= 0xE4 && (unsigned char)s[i - 3] <= 0xE9);
}

/* Whether s starts with 万 or 亿, or their traditional forms 萬 億 (probe 12b B14). */
static bool myriad_at(const char *s) {
  return !memcmp(s, "\xE4\xB8\x87", 3) || !memcmp(s, "\xE4\xBA\xBF", 3) ||
         !memcmp(s, "\xE8\x90\xAC", 3) || !memcmp(s, "\xE5\x84\x84", 3);
}

/* Whether the year at s[i] follows a list label's dot (label_dot): 1.<num>2024年</num>. */
static bool year_after_label(const char *s, size_t n, size_t i) {
  size_t l = i - 1;
  while (l > 0 && i - 1 - l < 2 && ascii_digit(s[l - 1])) l--;
  return l < i - 1 && label_dot(s, n, l, i - 1);
}

/* Length of a number run at s[i] (digits, with . , : - between digits) plus its unit, or 0.
 * signed: s[i - 1] is a minus sign that goes with it. */
static size_t number_at(const xml_state *x, const char *s, size_t n, size_t i, size_t signed_) {
  if (!ascii_digit(s[i]) ||
      (i > 0 && !signed_ && (ascii_alpha(s[i - 1]) || ascii_digit(s[i - 1]) ||
                             (s[i - 1] == '.' && !year_after_label(s, n, i)) || s[i - 1] == '-' ||
                             s[i - 1] == '_')))
    return 0;
  /* a hyphen between digits joins the groups of one number: a telephone number, a date, a
   * range (0372-5551234, 2011-02-15, 3-5名), which layout must not break (probe 8 E13); so does
   * a slash, in a fraction or a date (1/4, 2024/12/01; probe 9a F21) */
  size_t j = i;
  while (j < n && (ascii_digit(s[j]) ||
                   ((s[j] == '.' || s[j] == ',' || s[j] == ':' || s[j] == '-' || s[j] == '/') && j + 1 < n &&
                    ascii_digit(s[j + 1]) && ascii_digit(s[j - 1]) &&
                    !(s[j] == '.' && label_dot(s, n, i, j)))))
    j++;
  /* the longest unit; after 万 or 亿 a second one may follow (46万件, 3.2亿元 is one unit) */
  for (int round = 0; round < 2; round++) {
    size_t best = 0;
    if (j >= n) break;
    best = unit_at(x, s, n, j);
    /* a day of a date before 元旦 元月 元宵 is no yen: 1月1日元旦 is <num>1日</num>元旦 (review 11
     * C11), when 月 stands right before the figure */
    if (round == 0 && best == 6 && !memcmp(s + j, "\xE6\x97\xA5\xE5\x85\x83", 6) && i >= 3 &&
        !memcmp(s + i - 3, "\xE6\x9C\x88", 3))
      best = 3;
    /* a capital letter after a figure with a leading zero is a program's literal, not a
     * unit: 0L, 003A (0.5L is a volume) */
    if (best == 1 && s[j] >= 'A' && s[j] <= 'Z' && s[i] == '0' && !(i + 1 < j && s[i + 1] == '.'))
      best = 0;
    /* 万 or 亿 and the longest unit after it, when that is longer than the longest unit
     * from 万 on: 1.2万人次 is 万 + 人次, not 万人 + 次 (probe 10c F9) */
    if (round == 0 && best && j + 3 < n && myriad_at(s + j)) {
      size_t after = unit_at(x, s, n, j + 3);
      if (after && 3 + after > best) {
        size_t e = j + 3 + after;
        return e + per_hour(s, n, e) + per_unit(x, s, n, j, e) - i;
      }
    }
    if (!best) break;
    /* (a unit of one or two bytes, 5%, cannot end in 万 or 亿: its last three bytes were read
     * from before the text; review 9 P1) */
    bool myriad = best >= 3 && myriad_at(s + j + best - 3);
    j += best;
    if (!myriad) return j + per_hour(s, n, j) + per_unit(x, s, n, j - best, j) - i;
  }
  if (j > i && !ascii_digit(s[j - 1])) return j - i;
  if (j < n && ascii_alpha(s[j])) return 0; /* an identifier (3D, 5A级): left alone */
  return j - i;
}

/* The first offset from i on of an ASCII digit or a byte E2 (the lead byte of — and …), n
 * if none: where a number or a mark can start (neither byte is ever inside a character). */
static size_t next_candidate(const char *s, size_t n, size_t i) {
#ifdef __SSE2__
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)),
                             _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                           _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v)));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return i + (size_t)__builtin_ctz(bits);
    i += 16;
  }
#endif
  while (i < n && !ascii_digit(s[i]) && (unsigned char)s[i] != 0xE2) i++;
  return i;
}

/* Whether s[i] is in a link: the run of printable ASCII around it (its token) holds ://, @ or
 * starts with www., or holds a / and either a second / and a letter or a dot between letters (a
 * path or an address: news/2024/05/123.html, example.com/12; not a unit, 350km/h, 10m/s,
 * 3.5km/h, nor a date, 2024/05/01). Digits
 * there are part of an address, not numbers to set as such. The verdict is kept for the token
 * (*tok_end), so a long token is looked at once, not once per digit in it. */
static bool in_link(const char *s, size_t n, size_t i, size_t *tok_end, bool *verdict) {
  if (i < *tok_end) return *verdict;
  size_t a = i, b = i;
  while (a > 0 && s[a - 1] > ' ' && s[a - 1] < 0x7F) a--;
  while (b < n && s[b] > ' ' && s[b] < 0x7F) b++;
  bool dotted = false, alpha = false, link = b - a >= 4 && !memcmp(s + a, "www.", 4);
  int slashes = 0;
  for (size_t j = a; j < b && !link; j++) {
    slashes += s[j] == '/';
    alpha |= ascii_alpha(s[j]);
    dotted |= s[j] == '.' && j > a && j + 1 < b && ascii_alpha(s[j - 1]) && ascii_alpha(s[j + 1]);
    link = s[j] == '@' || (s[j] == ':' && j + 2 < b && s[j + 1] == '/' && s[j + 2] == '/');
  }
  *tok_end = b;
  return *verdict = link || (slashes >= 2 && alpha) || (slashes && dotted);
}

/* Whether the character at s[j] (*len: its bytes) ends a run that may be a Windows path: white
 * space, a control, " < > | * ? , ; (not in a path), and the punctuation of Chinese text (U+2000
 * to U+203F, U+3000 to U+303F, the full-width forms U+FF00 to U+FF7F). */
static bool path_break(const char *s, size_t n, size_t j, size_t *len) {
  unsigned char c = (unsigned char)s[j];
  *len = 1;
  if (c < 0x80) return c <= ' ' || c == 0x7F || strchr("\"<>|*?,;", c);
  *len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (j + *len > n) return true;
  unsigned char d = (unsigned char)s[j + 1];
  return (c == 0xE2 && d == 0x80) || (c == 0xE3 && d == 0x80) ||
         (c == 0xEF && (d == 0xBC || d == 0xBD)) || (c == 0xC2 && d == 0xA0);
}

/* The run of characters (path_break) that in_win_path looked at last: [a, b), and where its
 * first drive's \ is (SIZE_MAX: none, or the run is no path). */
typedef struct path_run {
  size_t a, b, drive;
  char sep; /* the path's separator: \ (Windows) or / (Unix, session 41) */
} path_run;


/* Whether the figure at s[i] is in a Windows path with folders in Han (D:\报表\12月\b.xls, \\server\
 * 共享\3号楼\a.doc: session 39 audit F8; in_link sees the ASCII around a figure only): the run of
 * characters around it (path_break; at most 8 KB) holds a drive (a letter, no letter or digit
 * before it, :\) or opens with \\, before the figure. *end: the end of the figure's part of the
 * path, the next \, or in the last part the end of the file's extension (D:\12月汇总.xls共3个: 3个
 * is a number) or of the run. The run is read once (*r); each part of it at most twice. */
static bool in_win_path(const char *s, size_t n, size_t i, size_t *end, path_run *r) {
  if (i >= r->b) { /* a new run */
    size_t a = i, b = i, l;
    while (a > 0 && i - a <= 8192) {
      size_t p = a - 1;
      while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80 && a - p < 4) p--;
      if (path_break(s, n, p, &l)) break;
      a = p;
    }
    while (b < n && !path_break(s, n, b, &l)) b += l;
    r->a = a, r->b = b, r->drive = SIZE_MAX;
    if (i - a > 8192 || b - a > 8192) return false; /* (no path: never looked at again) */
    if (b - a >= 4 && s[a] == '\\' && s[a + 1] == '\\' && ascii_alpha(s[a + 2])) {
      size_t e = a + 3; /* \\server\: a name of letters, digits, . - _ (not \\0 or \\37 of
                         * a manual's escapes) */
      while (e < b && (ascii_alpha(s[e]) || ascii_digit(s[e]) || s[e] == '.' || s[e] == '-' ||
                       s[e] == '_'))
        e++;
      if (e < b && s[e] == '\\') r->drive = e;
    }
    for (size_t d = a; d + 2 < b && r->drive == SIZE_MAX; d++)
      if (s[d + 1] == ':' && s[d + 2] == '\\' && ascii_alpha(s[d]) &&
          !(d > a && (ascii_alpha(s[d - 1]) || ascii_digit(s[d - 1]))))
        r->drive = d + 2;
    r->sep = '\\';
    if (r->drive == SIZE_MAX) {
      /* a Unix path: its first / that qg_join_unix_root takes for a path's root */
      const char *sl = memchr(s + a, '/', b - a);
      for (size_t d = sl ? (size_t)(sl - s) : b; d < b && r->drive == SIZE_MAX; d++)
        if (s[d] == '/' && qg_join_unix_root(s, a, b, d)) r->drive = d, r->sep = '/';
    }
  }
  if (r->drive == SIZE_MAX || i < r->drive) return false;
  size_t bs = i; /* the last \ (or /) before the figure (at r->drive or after it) */
  while (s[bs - 1] != r->sep) bs--;
  const char *nb = memchr(s + i, r->sep, r->b - i);
  if (nb) {
    *end = (size_t)(nb - s);
    return true;
  }
  for (size_t j = bs; j < r->b; j++) { /* the last part: a file's name up to its extension */
    if (s[j] != '.') continue;
    size_t e = j + 1;
    while (e < r->b && e - j <= 6 && (ascii_alpha(s[e]) || ascii_digit(s[e]))) e++;
    if (e > j + 1 && e - j <= 6 && !(e < r->b && (ascii_alpha(s[e]) || ascii_digit(s[e])))) {
      if (i >= e) {
        r->drive = SIZE_MAX; /* (the rest of the run is after the path) */
        return false;
      }
      *end = e;
      return true;
    }
  }
  /* no extension: the first figure of the last part is in it (D:\报表\12月), not one after other
   * text (…\37和15分钟: 15分钟 is a number) */
  for (size_t j = bs; j < i; j++)
    if (ascii_digit(s[j]) && !ascii_digit(s[j + 1]) && s[j + 1] != '.') {
      r->drive = SIZE_MAX; /* (the rest of the run is after the path) */
      return false;
    }
  size_t e = i;
  while (e < r->b && (ascii_digit(s[e]) || s[e] == '.')) e++;
  while (e < r->b && !ascii_digit(s[e])) e++;
  *end = e;
  return true;
}

/* Whether the figure at s[i] after a hyphen is a model's number (歼-20, 东风-41, 天宫-1, 歼-35A:
 * probe 23 M7): the hyphen follows the name of a family of aircraft, missiles or spacecraft
 * (designation_families), and the figure is digits only (no decimal point, no grouping) with no
 * unit after it, or a single capital letter (35A, 10C). A figure after other Han text and a hyphen
 * is a signed number as before: 表示为-1, 返回-1, 默认值为-1G, 零下-3℃ (the bench copy's manual
 * pages hold many; a Han character alone says nothing). */
static const char *const designation_families[] = {
    "歼", "轰", "运", "直", "强", "教", "侦", "殲", "轟", "運", "东风", "東風", "巨浪", "红旗", "紅旗",
    "鹰击", "鷹擊", "长剑", "長劍", "霹雳", "霹靂", "天宫", "天宮", "神舟", "天舟", "嫦娥", "长征",
    "長征", "风云", "風雲", "北斗", "天问", "天問", "实践", "實踐", "中星", "天链", "快舟", "捷龙",
    "力箭", "朱雀", "翼龙", "彩虹", "枭龙", "鹘鹰", "山鹰", "飞豹", "空警", "武直", "蛟龙", NULL};
static bool designation_after(const xml_state *x, const char *s, size_t n, size_t i) {
  if (i < 4 || s[i - 1] != '-') return false;
  bool family = false;
  for (int f = 0; designation_families[f] && !family; f++) {
    size_t fl = strlen(designation_families[f]);
    family = i - 1 >= fl && !memcmp(s + i - 1 - fl, designation_families[f], fl);
  }
  if (!family) return false;
  size_t j = i;
  while (j < n && ascii_digit(s[j])) j++;
  if (j < n && (s[j] == '.' || s[j] == ',' || s[j] == ':' || s[j] == '/') && j + 1 < n &&
      ascii_digit(s[j + 1]))
    return false;
  if (j < n && s[j] >= 'A' && s[j] <= 'Z' && !(j + 1 < n && ascii_alpha(s[j + 1]))) return true;
  return !unit_at(x, s, n, j) && !(j < n && ascii_alpha(s[j]));
}

/* Whether caption text s[0..n) is a table's title: 表, 附表 or 续表 and its number (表1, 表 2-1,
 * 表一), or Table and a digit (session 39 audit F7: a table is no photo). */
static bool table_title(const char *s, size_t n) {
  size_t i = 0;
  if (n >= 6 && (!memcmp(s, "附", 3) || !memcmp(s, "续", 3) || !memcmp(s, "續", 3))) i = 3;
  if (n >= i + 3 && !memcmp(s + i, "表", 3)) {
    i += 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < n && ascii_digit(s[i])) return true;
    static const char *const han[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (int k = 0; k < 10; k++)
      if (n >= i + 3 && !memcmp(s + i, han[k], 3)) return true;
    return false;
  }
  if (i || n < 7 || memcmp(s, "Table", 5)) return false;
  for (i = 5; i < n && (s[i] == ' ' || s[i] == '\t'); i++) {}
  return i > 5 && i < n && ascii_digit(s[i]);
}

/* Writes s[0..n) with <num>, <dash> and <ellipsis> marked. */
static int inline_text(qg_writer *w, const char *s, size_t n) {
  xml_state *x = w->user;
  size_t run = 0, i = 0, tok_end = 0, path_end;
  path_run pr = {0};
  bool link = false;
  while ((i = next_candidate(s, n, i)) < n) {
    size_t k;
    if (ascii_digit(s[i]) && in_link(s, n, i, &tok_end, &link)) {
      i = tok_end; /* the rest of the address, digits and all, is text */
      continue;
    }
    if (ascii_digit(s[i]) && in_win_path(s, n, i, &path_end, &pr)) {
      i = path_end; /* a folder's or file's name in a path is no number (session 40) */
      continue;
    }
    /* a minus or plus sign before a number (-5.5元, 零下-3℃, +0.85%: probe 9a F21): not after a
     * letter or digit, where a hyphen joins an identifier (WZ-10) or a range (10-20) */
    size_t sign = i > 0 && (s[i - 1] == '-' || s[i - 1] == '+') && i - 1 >= run &&
                  (i == 1 || !(ascii_alpha(s[i - 2]) || ascii_digit(s[i - 2]) ||
                               s[i - 2] == '-' || s[i - 2] == '+' || s[i - 2] == '.' || s[i - 2] == '_'))
                      ? 1 : 0;
    /* a currency sign before it (￥50, $50), or a tolerance's ± (±0.2%), not after a letter or
     * digit */
    if (!sign) {
      size_t c = currency_before(s, i);
      if (!c && i >= 2 && !memcmp(s + i - 2, "\xC2\xB1", 2)) c = 2;
      if (c && i - c >= run && !(i > c && (ascii_alpha(s[i - c - 1]) || ascii_digit(s[i - c - 1]))))
        sign = c;
    }
    /* a model designation's hyphen, as after a letter (歼-20, 东风-41, 天宫-1, 歼-35A as WZ-10;
     * probe 23 M7): no sign, and the figure is no number of its own. 零下-3℃, 由上年-2.1%,
     * 表示为-1 keep the sign. */
    if (sign == 1 && designation_after(x, s, n, i)) {
      i++;
      while (i < n && (ascii_digit(s[i]) || ascii_alpha(s[i]))) i++;
      continue;
    }
    if ((k = number_at(x, s, n, i, sign))) {
      /* a range, score or tolerance: the figures and the mark between them are one run */
      size_t jl, k2;
      while ((jl = figure_joiner(s, n, i + k)) && i + k + jl < n && ascii_digit(s[i + k + jl]) &&
             (k2 = number_at(x, s, n, i + k + jl, 1)) &&
             same_unit(s + i, k, s + i + k + jl, k2))
        k += jl + k2;
      /* a compound measure (1′58″32, 30°15′, 9秒97, 1分44秒65) and a figure's exponent or
       * fraction (10⁻³, 3¾): one run (probe 20 L6: layout broke them apart) */
      bool primed = false;
      for (;;) {
        /* (after a figure, or after a unit's Latin letter: 50m², 10cm³) */
        size_t e = i + k, pl;
        size_t t = ascii_digit(s[e - 1]) || ascii_alpha(s[e - 1]) ? figure_tail(s, n, e) : 0;
        if (t) {
          k += t;
        } else if (ascii_digit(s[e - 1]) && (pl = prime_at(s, n, e)) && e + pl < n &&
                   ascii_digit(s[e + pl]) && (k2 = number_at(x, s, n, e + pl, 1))) {
          k += pl + k2;
          primed = true;
        } else if (e < n && ascii_digit(s[e]) && ends_clock_unit(s + i, k) &&
                   (k2 = number_at(x, s, n, e, 1)) &&
                   (ascii_digit(s[e + k2 - 1]) || ends_clock_unit(s + e, k2))) {
          k += k2;
        } else {
          /* the prime that ends such a measure (the ′ of 30°15′, the ″ of 1′58″; not an ASCII
           * quotation mark) */
          if (primed && ascii_digit(s[e - 1]) && (pl = prime_at(s, n, e)) > 1) k += pl;
          break;
        }
      }
      int rc = text_run(w, s + run, i - sign - run);
      if (!rc) rc = inline_elem(w, CS_NUM, s + i - sign, k + sign);
      if (rc) return rc;
      i += k;
      run = i;
      continue;
    }
    /* —— (two or more U+2014) and …… (two or more U+2026) */
    if (i + 6 <= n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0xA6) &&
        !memcmp(s + i, s + i + 3, 3)) {
      size_t j = i + 6;
      while (j + 3 <= n && !memcmp(s + j, s + i, 3)) j += 3;
      int rc = text_run(w, s + run, i - run);
      if (!rc) rc = inline_elem(w, (unsigned char)s[i + 2] == 0x94 ? CS_DASH : CS_ELLIPSIS, s + i, j - i);
      if (rc) return rc;
      i = j;
      run = i;
      continue;
    }
    /* past the rest of a character: no number or mark starts inside one */
    unsigned char c = (unsigned char)s[i];
    i += c < 0xE0 ? 1 : c < 0xF0 ? 3 : 4;
  }
  return text_run(w, s + run, n - run);
}

/* ---- the XML format ------------------------------------------------------------------------ */

static int xml_begin_doc(void *ud, const qg_docinfo *in) {
  qg_writer *w = ud;
  xml_state *x = w->user;
  if (x->xw) xmlFreeTextWriter(x->xw);
  x->xw = NULL;
  x->out_err = x->out_errno = 0;
  xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(spool_write_cb, spool_close_cb, w,
                                                  xmlFindCharEncodingHandler("UTF-8"));
  if (!ob || !(x->xw = xmlNewTextWriter(ob))) return QG_ERR_NOMEM;
  x->in_article = x->in_figure = x->nl_pending = x->any_block = false;
  x->in_list = QG_KIND_LINE; /* (a document that failed inside a list did not close it) */
  x->nitf = w->fmt == QG_FORMAT_NITF;
  x->article = 0;
  x->prev_line = 0;
  x->nsplits = 0;
  x->splits_sorted = true;
  x->nitf_part = 0;
  qg_buf_clear(&w->source);
  if (qg_buf_puts(&w->source, in->source)) return QG_ERR_NOMEM;
  if (w->fmt == QG_FORMAT_NITF) return 0; /* NITF: documents are only their articles */
  X(xmlTextWriterStartElement(x->xw, U("document")));
  X(attr(x->xw, "source", in->source));
  X(attr(x->xw, "encoding", in->encoding));
  X(attr(x->xw, "paragraphs", in->paragraphs));
  return 0;
}

/* The return after the last block element, before a start tag. */
static int xml_nl(xml_state *x) {
  if (!x->nl_pending) return 0;
  x->nl_pending = false;
  X(xmlTextWriterWriteRaw(x->xw, U("\n")));
  return 0;
}

static int close_figure(xml_state *x) {
  /* (an attachment list or a contact block is closed where a figure is: by any other kind, the
   * article's or the document's end; the two are never open together) */
  if (x->in_list) {
    x->in_list = QG_KIND_LINE;
    if (x->nitf) return end_line(x->xw);
    X(xmlTextWriterEndElement(x->xw));
    return 0;
  }
  if (!x->in_figure) return 0;
  x->in_figure = false;
  if (x->nitf) return end_line(x->xw); /* NITF keeps a line per element */
  X(xmlTextWriterEndElement(x->xw));
  return 0;
}

/* An attribute whose value is prefix (0: none) and the decimal digits of v, as "%u" writes
 * them: no format to parse, nothing to escape. */
static int attr_num(xmlTextWriterPtr xw, const char *name, char prefix, uint32_t v) {
  char buf[16], tmp[10];
  size_t k = sizeof tmp, n = 0;
  do {
    tmp[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  if (prefix) buf[n++] = prefix;
  memcpy(buf + n, tmp + k, sizeof tmp - k);
  buf[n + sizeof tmp - k] = '\0';
  return xmlTextWriterWriteAttribute(xw, U(name), U(buf));
}

static int split_push(xml_state *x, uint32_t line, unsigned part, qg_kind kind) {
  if (x->nsplits == x->capsplits) {
    size_t c = x->capsplits ? 2 * x->capsplits : 64;
    struct split_ent *v = realloc(x->splits, c * sizeof *v);
    if (!v) return QG_ERR_NOMEM;
    x->splits = v;
    x->capsplits = c;
  }
  if (x->nsplits && x->splits[x->nsplits - 1].line > line) x->splits_sorted = false;
  x->splits[x->nsplits++] = (struct split_ent){.line = line, .part = part, .kind = kind};
  return 0;
}

/* The part (1, 2, …) of line that a repeat of kind k repeats: the first block of that line of
 * its kind, else the first. */
static unsigned split_part(const xml_state *x, uint32_t line, qg_kind k) {
  size_t i = 0, n = x->nsplits;
  if (x->splits_sorted) { /* the first entry of line */
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (x->splits[mid].line < line) lo = mid + 1;
      else hi = mid;
    }
    i = lo;
  } else {
    while (i < n && x->splits[i].line != line) i++;
  }
  for (; i < n && x->splits[i].line == line; i++)
    if (x->splits[i].kind == k) return x->splits[i].part;
  return 1;
}

static int line_attrs(qg_writer *w, xml_state *x, const qg_block *b) {
  uint32_t line = qg_block_line(b);
  qg_kind kind = qg_block_kind(b);
  qg_buf *id = &x->idbuf;
  qg_buf_clear(id);
  /* a block split off another (a credit, an author tag) shares its first line */
  if (line == x->prev_line) {
    x->same_line++;
    if (qg_buf_printf(id, "L%u-%u", line, x->same_line + 1)) return QG_ERR_NOMEM;
    if (x->same_line == 1 && split_push(x, line, 1, x->prev_kind)) return QG_ERR_NOMEM;
    if (split_push(x, line, x->same_line + 1, kind)) return QG_ERR_NOMEM;
  } else {
    x->same_line = 0;
    if (qg_buf_printf(id, "L%u", line)) return QG_ERR_NOMEM;
  }
  x->prev_line = line;
  x->prev_kind = kind;
  /* the id is L, digits and -: nothing to escape (what attr would write) */
  X(xmlTextWriterStartAttribute(x->xw, U("id")));
  X(xmlTextWriterWriteRaw(x->xw, U(id->ptr)));
  X(xmlTextWriterEndAttribute(x->xw));
  if (x->opt.source_lines) {
    X(attr_num(x->xw, "line", 0, line));
    if (qg_block_end_line(b) != line) X(attr_num(x->xw, "end-line", 0, qg_block_end_line(b)));
  }
  const qg_dup_ref *dup = qg_block_duplicate_ref(b);
  if (dup) {
    /* --dedup-scope=run: the repeated paragraph is in another document (its ids are that
     * document's: the part of a split line is not known there) */
    bool other = strcmp(dup->source, w->source.ptr) != 0;
    unsigned part = other ? 1 : split_part(x, dup->line, kind);
    if (part == 1) {
      X(attr_num(x->xw, "duplicate-of", 'L', dup->line));
    } else {
      qg_buf_clear(id);
      if (qg_buf_printf(id, "L%u-%u", dup->line, part)) return QG_ERR_NOMEM;
      X(xmlTextWriterStartAttribute(x->xw, U("duplicate-of")));
      X(xmlTextWriterWriteRaw(x->xw, U(id->ptr)));
      X(xmlTextWriterEndAttribute(x->xw));
    }
    if (other) X(attr(x->xw, "duplicate-source", dup->source));
    /* the id of the record the repeated paragraph is in (qg_pipeline_begin_record, a JSON
     * Lines record's --id-field), as the report and JSON name it (session 17) */
    if (dup->record) X(attr(x->xw, "duplicate-record", dup->record));
    if (dup->near)
      X(xmlTextWriterWriteFormatAttribute(x->xw, U("similarity"), "%.3f", dup->similarity));
  }
  return 0;
}

static int xml_block_do(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  xml_state *x = w->user;
  qg_kind k = qg_block_kind(b);
  uint32_t art = qg_block_article(b);
  if (!x->in_article || art != x->article) {
    if (close_figure(x)) return QG_ERR_IO;
    if (x->in_article) X(xmlTextWriterEndElement(x->xw));
    if (xml_nl(x)) return QG_ERR_IO;
    X(xmlTextWriterStartElement(x->xw, U("article")));
    X(attr_num(x->xw, "n", 0, art ? art : 1));
    x->in_article = true;
    x->article = art;
  }
  /* a caption opens a figure, or joins the open one (the captions of a photo group over one
   * credit: probe 17 P15); a credit joins the open one (or opens its own) and closes it */
  /* a table's title opens a figure of its own, type="table" (session 40), which a photo's
   * caption after it does not join */
  /* an attachment's lines share one attachments, a contact block's one contacts (session 47) */
  size_t tlen;
  const char *tt = k == QG_KIND_CAPTION ? qg_block_text(b, &tlen) : NULL;
  bool tab = tt && table_title(tt, tlen);
  if (k == QG_KIND_ATTACHMENT || k == QG_KIND_CONTACT) {
    if (x->in_list != k) {
      if (close_figure(x) || xml_nl(x)) return QG_ERR_IO;
      X(xmlTextWriterStartElement(x->xw, U(k == QG_KIND_ATTACHMENT ? "attachments" : "contacts")));
      x->in_list = k;
    }
  } else if (k == QG_KIND_CAPTION && x->in_figure && (tab || x->fig_table) && close_figure(x)) {
    return QG_ERR_IO;
  } else if ((k == QG_KIND_CAPTION || k == QG_KIND_CREDIT) && !x->in_figure) {
    if (close_figure(x) || xml_nl(x)) return QG_ERR_IO;
    X(xmlTextWriterStartElement(x->xw, U("figure")));
    if (tab) X(attr(x->xw, "type", "table"));
    x->in_figure = true;
    x->fig_table = tab;
  } else if (k != QG_KIND_CREDIT && k != QG_KIND_CAPTION && close_figure(x)) {
    return QG_ERR_IO;
  }
  if (xml_nl(x)) return QG_ERR_IO;
  X(xmlTextWriterStartElement(x->xw, U(k == QG_KIND_LINE ? "p" : qg_kind_name(k))));
  int rc = line_attrs(w, x, b);
  if (rc) return rc;
  if (x->opt.indesign) X(attr(x->xw, "aid:pstyle", x->pstyle[k]));
  size_t len, dl = qg_block_dateline(b);
  const char *t = qg_block_text(b, &len);
  if (dl) {
    X(xmlTextWriterStartElement(x->xw, U("dateline")));
    if (x->opt.indesign)
      X(attr(x->xw, "aid:cstyle", x->cstyle[CS_DATELINE]));
    rc = inline_text(w, t, dl);
    if (rc) return rc;
    X(xmlTextWriterEndElement(x->xw));
  }
  /* an exam's item numbered before a figure (11.16的平方根…, marked by the structure stage):
   * its number is a label, <num>11</num>., as 12.在… reads, no decimal (session 27) */
  if (!dl && b->lead == QG_LEAD_ITEM && len > 3 && ascii_digit(t[0])) {
    size_t d = ascii_digit(t[1]) ? 2 : 1;
    if (t[d] == '.' && ascii_digit(t[d + 1])) {
      rc = inline_text(w, t, d + 1);
      if (rc) return rc;
      dl = d + 1;
    }
  }
  rc = inline_text(w, t + dl, len - dl);
  if (rc) return rc;
  X(xmlTextWriterEndElement(x->xw));
  x->nl_pending = x->any_block = true;
  if (k == QG_KIND_CREDIT) return close_figure(x);
  return 0;
}

/* The handlers: the format's return, or the spool's error (out_status). */
static int xml_begin(void *ud, const qg_docinfo *in) {
  qg_writer *w = ud;
  return out_status(w->user, xml_begin_doc(ud, in));
}
static int xml_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  return out_status(w->user, xml_block_do(ud, b));
}
static int nitf_block_do(void *ud, const qg_block *b);
static int nitf_block(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  return out_status(w->user, nitf_block_do(ud, b));
}

static int xml_removed(void *ud, const qg_block *b, const qg_removal *r) {
  return qg_writer_forward_removed(ud, b, r);
}
static int xml_diag(void *ud, const qg_diag *d) { return qg_writer_forward_diag(ud, d); }

static const char *root_start(const qg_writer *w) {
  const xml_state *x = w->user;
  if (w->fmt == QG_FORMAT_NITF)
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf-collection>\n";
  return x->opt.indesign
             ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<qinggao xmlns=\"" QG_XML_NS
               "\" xmlns:aid=\"" QG_AID_NS "\" version=\"1\">"
             : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<qinggao xmlns=\"" QG_XML_NS
               "\" version=\"1\">";
}

static int nitf_finish_article(qg_writer *w);

static int xml_end(void *ud, const qg_docinfo *in, int status) {
  qg_writer *w = ud;
  xml_state *x = w->user;
  (void)in;
  int rc = 0;
  if (!status && x->xw) {
    if (w->fmt == QG_FORMAT_NITF) {
      rc = nitf_finish_article(w);
    } else {
      rc = close_figure(x);
      if (!rc && x->in_article && xmlTextWriterEndElement(x->xw) < 0) rc = QG_ERR_IO;
    }
    /* </document> and, after a document with blocks, the return that ends its last one (the
     * documents of a run may be written apart, -j: each carries its own) */
    if (!rc && w->fmt == QG_FORMAT_XML &&
        (xmlTextWriterEndElement(x->xw) < 0 ||
         (x->any_block && xmlTextWriterWriteRaw(x->xw, U("\n")) < 0)))
      rc = QG_ERR_IO;
    if (!rc && xmlTextWriterFlush(x->xw) < 0) rc = QG_ERR_IO;
  }
  if (x->xw) xmlFreeTextWriter(x->xw);
  x->xw = NULL;
  if (!status) rc = out_status(x, rc);
  if (!status && rc) { /* the document's end did not reach the spool: it fails, said so (it
                        * was given to flush_doc as a status, which drops it and returns 0) */
    qg_writer_note(w, rc, w->name.ptr, NULL);
    qg_writer_flush_doc(w, rc, NULL, 0, NULL, 0);
    return rc;
  }
  const char *head = "";
  if (!status && !x->root_written && !w->bare) head = root_start(w);
  rc = qg_writer_flush_doc(w, status, head, strlen(head), NULL, 0);
  if (!status && !rc) x->root_written = true;
  return rc;
}

void qg_writer_set_bare(qg_writer *w, bool bare) { w->bare = bare; }

const char *qg_writer_root(const qg_writer *w, bool end) {
  if (w->fmt != QG_FORMAT_XML && w->fmt != QG_FORMAT_NITF) return "";
  if (end) return w->fmt == QG_FORMAT_NITF ? "</nitf-collection>\n" : "</qinggao>\n";
  return root_start(w);
}

int qg_writer_close(qg_writer *w) {
  if (!w || w->closed) return QG_ERR_USAGE; /* once (probe 11c F9) */
  w->closed = true; /* writer.c refuses documents from now on */
  int rc = w->err;  /* the first write error the writer met (F6) */
  if ((w->fmt != QG_FORMAT_XML && w->fmt != QG_FORMAT_NITF) || w->bare) return rc;
  xml_state *x = w->user;
  x->closed = true;
  if (!x->root_written) return rc; /* no document ended well: nothing is written at all */
  const char *end = qg_writer_root(w, true);
  if (fputs(end, w->out) < 0 || fflush(w->out)) return rc ? rc : QG_ERR_IO;
  return rc;
}

/* ---- NITF ---------------------------------------------------------------------------------- */
/* One <nitf> per article. The head blocks (section, kicker, title, subtitle, byline) are held
 * until the first body block, so that head and body.head come out in the DTD's order:
 *   head: title (the title), meta name="section" (each section), docdata/doc-id
 *   body.head: hedline (hl1 the title; hl2 each kicker, class="kicker", and subtitle),
 *              byline, dateline (of the first paragraph, taken out of its text: session 40)
 *   body.content: p; subhead → hl2; caption/credit → media[@media-type=image] with
 *              media-caption, media-producer; a head kind found later → hl2 (or p class=byline)
 *   body.end: tagline (author tags)
 * An article without a title has no hedline. */

typedef struct nitf_item {
  qg_kind kind;
  size_t off, len; /* in x->held */
} nitf_item;

static int nitf_elem(qg_writer *w, const char *name, const char *cls, const char *s, size_t n) {
  xml_state *x = w->user;
  X(xmlTextWriterStartElement(x->xw, U(name)));
  if (cls) X(attr(x->xw, "class", cls));
  int rc = text_run(w, s, n);
  if (rc) return rc;
  X(end_line(x->xw));
  return 0;
}

static int nitf_hold(xml_state *x, qg_kind k, const char *t, size_t len) {
  if (x->nheld == x->capheld) {
    size_t cap = x->capheld ? 2 * x->capheld : 8;
    nitf_item *a = realloc(x->items, cap * sizeof *a);
    if (!a) return QG_ERR_NOMEM;
    x->items = a;
    x->capheld = cap;
  }
  x->items[x->nheld++] = (nitf_item){.kind = k, .off = x->held.len, .len = len};
  return qg_buf_put(&x->held, t, len);
}

/* Writes the held head blocks and opens body.content; dl: the first paragraph's dateline. */
static int nitf_flush_head(qg_writer *w, uint32_t art, const char *dl, size_t dllen) {
  xml_state *x = w->user;
  if (x->nitf_part) return 0;
  x->nitf_part = 2;
  const char *h = x->held.ptr;
  int rc = 0;
  X(xmlTextWriterStartElement(x->xw, U("nitf")));
  X(attr(x->xw, "version", "-//IPTC//DTD NITF 3.6//EN"));
  X(xmlTextWriterWriteRaw(x->xw, U("\n")));
  X(xmlTextWriterStartElement(x->xw, U("head")));
  X(xmlTextWriterWriteRaw(x->xw, U("\n")));
  size_t title = SIZE_MAX;
  for (size_t i = 0; i < x->nheld; i++)
    if (x->items[i].kind == QG_KIND_TITLE && title == SIZE_MAX) title = i;
  if (title != SIZE_MAX && (rc = nitf_elem(w, "title", NULL, h + x->items[title].off, x->items[title].len)))
    return rc;
  for (size_t i = 0; i < x->nheld; i++) {
    if (x->items[i].kind != QG_KIND_SECTION) continue;
    qg_buf *s = &w->scratch;
    qg_buf_clear(s);
    if (qg_buf_put(s, h + x->items[i].off, x->items[i].len)) return QG_ERR_NOMEM;
    X(xmlTextWriterStartElement(x->xw, U("meta")));
    X(attr(x->xw, "name", "section"));
    X(attr(x->xw, "content", s->ptr));
    X(xmlTextWriterEndElement(x->xw));
    X(xmlTextWriterWriteRaw(x->xw, U("\n")));
  }
  X(xmlTextWriterStartElement(x->xw, U("docdata")));
  X(xmlTextWriterStartElement(x->xw, U("doc-id")));
  X(xmlTextWriterWriteFormatAttribute(x->xw, U("id-string"), "%s#%u", w->source.ptr, art ? art : 1));
  X(xmlTextWriterEndElement(x->xw));
  X(end_line(x->xw));
  X(xmlTextWriterEndElement(x->xw)); /* head */
  X(xmlTextWriterWriteRaw(x->xw, U("\n<body>\n<body.head>\n")));
  if (title != SIZE_MAX) {
    X(xmlTextWriterWriteRaw(x->xw, U("<hedline>\n")));
    rc = nitf_elem(w, "hl1", NULL, h + x->items[title].off, x->items[title].len);
    for (size_t i = 0; !rc && i < x->nheld; i++) {
      qg_kind k = x->items[i].kind;
      if (k == QG_KIND_KICKER || k == QG_KIND_SUBTITLE)
        rc = nitf_elem(w, "hl2", k == QG_KIND_KICKER ? "kicker" : NULL, h + x->items[i].off,
                       x->items[i].len);
    }
    if (rc) return rc;
    X(xmlTextWriterWriteRaw(x->xw, U("</hedline>\n")));
  }
  for (size_t i = 0; i < x->nheld; i++)
    if (x->items[i].kind == QG_KIND_BYLINE &&
        (rc = nitf_elem(w, "byline", NULL, h + x->items[i].off, x->items[i].len)))
      return rc;
  if (dllen && (rc = nitf_elem(w, "dateline", NULL, dl, dllen))) return rc;
  X(xmlTextWriterWriteRaw(x->xw, U("</body.head>\n<body.content>\n")));
  /* without a title, kickers and subtitles are headings of the content */
  for (size_t i = 0; title == SIZE_MAX && i < x->nheld; i++) {
    qg_kind k = x->items[i].kind;
    if ((k == QG_KIND_KICKER || k == QG_KIND_SUBTITLE) &&
        (rc = nitf_elem(w, "hl2", k == QG_KIND_KICKER ? "kicker" : NULL, h + x->items[i].off,
                        x->items[i].len)))
      return rc;
  }
  return 0;
}

static int nitf_finish_article(qg_writer *w) {
  xml_state *x = w->user;
  if (!x->in_article) return 0;
  x->in_article = false;
  int rc = close_figure(x);
  if (!rc) rc = nitf_flush_head(w, x->article, NULL, 0);
  if (rc) return rc;
  X(xmlTextWriterWriteRaw(x->xw, U("</body.content>\n")));
  if (x->author.len) {
    X(xmlTextWriterWriteRaw(x->xw, U("<body.end>\n")));
    if ((rc = nitf_elem(w, "tagline", NULL, x->author.ptr, x->author.len))) return rc;
    X(xmlTextWriterWriteRaw(x->xw, U("</body.end>\n")));
  }
  X(xmlTextWriterWriteRaw(x->xw, U("</body>\n")));
  X(xmlTextWriterEndElement(x->xw)); /* nitf */
  X(xmlTextWriterWriteRaw(x->xw, U("\n")));
  return 0;
}

static int nitf_block_do(void *ud, const qg_block *b) {
  qg_writer *w = ud;
  xml_state *x = w->user;
  qg_kind k = qg_block_kind(b);
  uint32_t art = qg_block_article(b);
  size_t len, dl = qg_block_dateline(b);
  const char *t = qg_block_text(b, &len);
  int rc = 0;
  if (!x->in_article || art != x->article) {
    if ((rc = nitf_finish_article(w))) return rc;
    x->in_article = true;
    x->article = art;
    x->nitf_part = 0;
    x->nheld = 0;
    qg_buf_clear(&x->held);
    qg_buf_clear(&x->author);
  }
  bool head_kind = k == QG_KIND_SECTION || k == QG_KIND_KICKER || k == QG_KIND_TITLE ||
                   k == QG_KIND_SUBTITLE || k == QG_KIND_BYLINE;
  if (head_kind && !x->nitf_part) return nitf_hold(x, k, t, len);
  if (k == QG_KIND_AUTHOR) {
    if (x->author.len && qg_buf_puts(&x->author, " ")) return QG_ERR_NOMEM;
    return qg_buf_put(&x->author, t, len);
  }
  /* the first paragraph's dateline goes to body.head, and out of the paragraph (NITF has no
   * dateline inside a p: it was written twice; session 39 audit F11); the white space after it
   * with it, and a paragraph that is all dateline is no p */
  bool first = !x->nitf_part;
  if ((rc = nitf_flush_head(w, art, t, k == QG_KIND_P ? dl : 0))) return rc;
  if (first && k == QG_KIND_P && dl) {
    size_t i = dl < len ? dl : len;
    for (;;) {
      if (i < len && (t[i] == ' ' || t[i] == '\t')) i++;
      else if (i + 3 <= len && !memcmp(t + i, "\xE3\x80\x80", 3)) i += 3; /* U+3000 */
      else break;
    }
    if (i == len) return 0;
    t += i, len -= i;
  }
  bool listed = k == QG_KIND_ATTACHMENT || k == QG_KIND_CONTACT;
  if ((listed ? x->in_list != k : (k != QG_KIND_CREDIT && k != QG_KIND_CAPTION) || x->in_list) &&
      close_figure(x))
    return QG_ERR_IO;
  switch (k) {
  /* (session 47: an editor's note a p of its class; an attachment list a ul of class
   * attachments, each line an li; a contact block a p of class contact per line, NITF having no
   * element for either: docs/xml.md. A ul, not an ol: the lines carry their own numbers, 附件：1．…
   * 2．…, which an ol's would repeat, and a ul needs no style the reader may not apply; review 47
   * L2) */
  case QG_KIND_EDITOR_NOTE: return nitf_elem(w, "p", "editor-note", t, len);
  case QG_KIND_CONTACT: return nitf_elem(w, "p", "contact", t, len);
  case QG_KIND_ATTACHMENT:
    if (!x->in_list) {
      X(xmlTextWriterStartElement(x->xw, U("ul")));
      X(attr(x->xw, "class", "attachments"));
      X(xmlTextWriterWriteRaw(x->xw, U("\n")));
      x->in_list = k;
    }
    return nitf_elem(w, "li", NULL, t, len);
  case QG_KIND_BYLINE: return nitf_elem(w, "p", "byline", t, len);
  case QG_KIND_SECTION:
  case QG_KIND_KICKER:
  case QG_KIND_TITLE:
  case QG_KIND_SUBTITLE:
  case QG_KIND_SUBHEAD: return nitf_elem(w, "hl2", NULL, t, len);
  case QG_KIND_CAPTION:
  case QG_KIND_CREDIT: {
    /* a table's title: media-type="data" (session 40), a media of its own */
    bool tab = k == QG_KIND_CAPTION && table_title(t, len);
    if (k == QG_KIND_CAPTION && x->in_figure && (tab || x->fig_table) && close_figure(x))
      return QG_ERR_IO;
    if (!x->in_figure) { /* (the captions of a photo group share one) */
      X(xmlTextWriterStartElement(x->xw, U("media")));
      X(attr(x->xw, "media-type", tab ? "data" : "image"));
      x->fig_table = tab;
      X(xmlTextWriterWriteRaw(x->xw, U("\n")));
      x->in_figure = true;
    }
    rc = nitf_elem(w, k == QG_KIND_CAPTION ? "media-caption" : "media-producer", NULL, t, len);
    if (!rc && k == QG_KIND_CREDIT) rc = close_figure(x);
    return rc;
  }
  default: return nitf_elem(w, "p", NULL, t, len);
  }
}

int qg_write_xml_init(qg_writer *w) {
  xml_state *x = calloc(1, sizeof *x);
  if (!x) return QG_ERR_NOMEM;
  w->user = x;
  w->user_free = xml_free;
  x->opt.source_lines = true;
  qg_buf_init(&x->author);
  qg_buf_init(&x->idbuf);
  qg_buf_init(&x->held);
  for (int k = 0; k < QG_KIND_COUNT_; k++)
    if (set_name(&x->pstyle[k], default_pstyle[k], strlen(default_pstyle[k]))) return QG_ERR_NOMEM;
  for (int k = 0; k < CS_COUNT_; k++)
    if (set_name(&x->cstyle[k], default_cstyle[k], strlen(default_cstyle[k]))) return QG_ERR_NOMEM;
  if (load_units(x)) return QG_ERR_NOMEM;
  w->h.begin_doc = xml_begin;
  w->h.block = w->fmt == QG_FORMAT_NITF ? nitf_block : xml_block;
  w->h.removed = xml_removed;
  w->h.diag = xml_diag;
  w->h.diag_wants_text = qg_writer_forward_wants_text;
  w->h.end_doc = xml_end;
  return 0;
}
