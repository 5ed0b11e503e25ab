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
    {.id = "para-join", .stage = "repair", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a paragraph cut at a column or page end is joined with its continuation"},
    {.id = "para-move", .stage = "repair", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a caption or credit dropped between the halves of a cut paragraph is moved "
                "after the repaired paragraph"},
    {.id = "struct-ornament", .stage = "structure", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "an ornament before a byline (□, ■ …) is dropped"},
    {.id = "struct-credit", .stage = "structure", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a photo credit (姓名 摄) is split off the end of its caption and its brackets "
                "dropped"},
    {.id = "struct-author", .stage = "structure", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "an author tag （姓名） after an article's last sentence is split off as an "
                "author block, its brackets dropped"},
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
