/* rules.c: the rule table. Every diagnostic names one of these ids; `qinggao rules` prints
 * the table and docs/rules.md is generated from it (tests/gen_rules_md.sh). */
#include "internal.h"

#include <string.h>

static const qg_rule rules[] = {
    {.id = "decode-invalid", .stage = "decode", .severity = QG_SEV_ERROR, .fixes = false,
     .summary = "bytes that are not valid in the input's encoding (with --invalid=replace: "
                "replaced by U+FFFD and reported as a warning)"},
    {.id = "para-split", .stage = "paragraph", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a paragraph longer than the block limit is split in two"},
    {.id = "para-empty", .stage = "chars", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a paragraph left empty by character cleanup is removed"},
    {.id = "char-invisible", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "invisible characters removed: U+200B..U+200D, U+2060, U+FEFF inside text, "
                "U+00AD, C0/C1 controls except tab"},
    {.id = "char-radical", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "Kangxi radical or CJK radical supplement lookalike replaced by the unified "
                "ideograph (dicts/radicals.inc)"},
    {.id = "char-compat-ideograph", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "CJK compatibility ideograph replaced by its canonical ideograph (NFC)"},
    {.id = "char-nfc", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "text not in Unicode normalization form C is normalized"},
    {.id = "char-fullwidth-alnum", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "full-width Latin letters and digits replaced by ASCII"},
    {.id = "char-indent", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "first-line indent (ideographic, no-break or ASCII spaces, tabs) removed: "
                "indent belongs to the layout"},
    {.id = "punct-width", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "half-width , ; : ! ? ( ) in Chinese context become full-width ，；：！？（）"},
    {.id = "punct-full-stop", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "an ASCII full stop ending a Chinese sentence becomes 。 (not in decimals, "
                "abbreviations, URLs or Latin text)"},
    {.id = "punct-quote", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "straight quotes in Chinese context become paired curly quotes (“ ” outside, "
                "‘ ’ inside); a curly quote set the wrong way round is turned"},
    {.id = "punct-quote-nesting", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "double quotes nested in double quotes become single: “他说“好”” → “他说‘好’”"},
    {.id = "punct-ellipsis", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "..., 。。。, a single or triple …, ⋯, ．．．, ··· become …… (two U+2026)"},
    {.id = "punct-dash", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "--, a single —, ――, ──, －－ in Chinese context become —— (two U+2014)"},
    {.id = "punct-span-dash", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a hyphen or dash joining a span of time or place (2023-2025年, 北京-上海) "
                "becomes — (one U+2014, 一字线)"},
    {.id = "punct-range", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a tilde between numbers (25~30g) becomes the wave dash ～ (U+FF5E, 浪纹线)"},
    {.id = "punct-range-unit", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "in a range the unit % ‰ 万 亿 repeats on both numbers: 15～30% → 15%～30%"},
    {.id = "punct-interpunct", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "• ・ ． . between the parts of a transliterated name (or a book and its "
                "chapter) become · (U+00B7)"},
    {.id = "punct-month-day", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a month and day naming an event take · and quotation marks: 9.11事件 → "
                "“9·11”事件"},
    {.id = "punct-book-title", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "book-title marks: <> ‹› ＜＞ around a title become 《》; 《》 outside, 〈〉 "
                "inside"},
    {.id = "punct-doubled", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "doubled ，。、；： become one; more than three ！ or ？ become three"},
    {.id = "punct-unmatched", .stage = "punct", .severity = QG_SEV_ERROR, .fixes = false,
     .summary = "a quotation mark, bracket or book-title mark without its partner in the "
                "paragraph (a quotation continued by the next paragraph's opening “ is not)"},
    {.id = "punct-space", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "white space next to full-width punctuation is removed (next to “ ” ‘ ’ · — … "
                "only on the Chinese side)"},
    {.id = "punct-han-space", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "white space between two Han characters in body text is removed; kept in "
                "headings, bylines, credits, datelines, bracketed attributions and paragraphs "
                "without sentence punctuation"},
    {.id = "dup-paragraph", .stage = "dedup", .severity = QG_SEV_ERROR, .fixes = true,
     .summary = "a paragraph repeats an earlier one of the document exactly; clean drops the "
                "repeat (--dedup=mark keeps it)"},
    {.id = NULL},
};

const qg_rule *qg_rules(void) { return rules; }

const qg_rule *qg_rule_find(const char *id) {
  for (const qg_rule *r = rules; r->id; r++)
    if (!strcmp(r->id, id)) return r;
  return NULL;
}
