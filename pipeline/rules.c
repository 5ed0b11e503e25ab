/* rules.c: the rule table. Every diagnostic names one of these ids; `qinggao rules` prints
 * the table and docs/rules.md is generated from it (tests/gen_rules_md.sh). */
#include "internal.h"

#include <string.h>

static const qg_rule rules[] = {
    {.id = "decode-invalid", .stage = "decode", .severity = QG_SEV_ERROR, .fixes = false,
     .summary = "bytes that are not valid in the input's encoding (with --invalid=replace: "
                "replaced by U+FFFD and reported as a warning)"},
    {.id = "decode-private-use", .stage = "decode", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a legacy encoding's bytes decode to a Private Use (user-defined) character, "
                "which shows only with the font made for it: kept, with its line and column "
                "(Big5 reads the Hong Kong supplement first)"},
    {.id = "decode-guess", .stage = "decode", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a short legacy input read as GB18030 or Big5 on little evidence (it reads as "
                "Chinese in the other too): said at 1:1 with the -e that reads it the other way"},
    {.id = "para-split", .stage = "paragraph", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a paragraph longer than the block limit is split in two"},
    {.id = "para-empty", .stage = "chars", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a paragraph left empty by character cleanup is removed"},
    {.id = "char-invisible", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "invisible characters removed: U+200B..U+200D (not a joiner inside an emoji), "
                "U+2060, U+FEFF inside text, U+00AD, C0/C1 controls except tab, the bidirectional "
                "controls (U+200E/F, U+202A..E, U+2066..9, U+061C), the "
                "noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF and U+nFFFE/U+nFFFF of every plane), a CR inside a line of an LF/CRLF file, U+2028 "
                "(a space between two Latin words or two digits), tag characters U+E0000..U+E007F (not "
                "in an emoji flag's tag sequence)"},
    {.id = "char-radical", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "Kangxi radical or CJK radical supplement lookalike replaced by the unified "
                "ideograph (dicts/radicals.inc); a Supplement form (U+2E80..U+2EFF) standing alone "
                "in quotes (“⺗”是心字底: a radical named) is reported and kept"},
    {.id = "char-ligature", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "Latin ligature U+FB00..U+FB06 (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ, a PDF extraction artifact) "
                "replaced by its letters"},
    {.id = "char-compat-ideograph", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "CJK compatibility ideograph replaced by its canonical ideograph (NFC)"},
    {.id = "char-nfc", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "text not in Unicode normalization form C is normalized"},
    {.id = "char-fullwidth-alnum", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "full-width Latin letters and digits replaced by ASCII, with up to three of "
                "． ＠ ／ － ＿ ： ＼ ＆ between them next to a letter (a full-width URL, address "
                "or path, ＡＴ＆Ｔ); ＋＋ or ＃ after letters and before no letter or digit (Ｃ＋＋ → "
                "C++, Ｃ＃ → C#); a lone full-width letter's label colon stays (Ｑ：ＡＩ → Q：AI); one ideographic "
                "space between two such words, one of them letters, becomes a space (ｉＰｈｏｎｅ　１６ "
                "→ iPhone 16); a ， grouping full-width digits becomes , (１，２５８，０００ → "
                "1,258,000, １２，０００ → 12,000) or goes in a four-digit number (１，０００ → 1000); "
                "a － or ＋ right before a full-width number, after no letter or digit, is its "
                "sign (气温－５℃ → -5℃, 共计＋３分 → +3分); one － or ／ between full-width digits "
                "joins them (２０１１－０２－１５, １／３ → 1/3)"},
    {.id = "char-vertical", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "vertical presentation forms (U+FE10..U+FE19, U+FE30..U+FE48: the PDF text of "
                "vertically set pages) in Chinese text replaced by their horizontal forms, the "
                "full-width marks (︐ → ， ︒ → 。 ︙ → …; between two ASCII letters or digits the "
                "compatibility form, 10︐000 → 10,000, and the ︐ of a four-digit number "
                "removed, 1︐000 → 1000, as num-group-short asks), ︰ → ： (a colon: its dots stand one above "
                "the other), ︱︱ → ——: a mark next to text, a bracket with its partner around "
                "text (︽论语︾ → 《论语》, ﹇注1﹈ → ［注1］); reported and kept next to text: a "
                "single ︱ in running text, ︳ ︴, a run of ︰, a bracket without its partner, a "
                "pair around a horizontal bracket of its kind that pairs with neither "
                "(混合﹁横排」与竖排﹂), and a paragraph of vertical forms alone; left: a single ︱ "
                "that separates a label or cell of at most 12 characters on its line (专访︱张三, "
                "项目︱数量︱单价), faces (╯︵ ┻━┻) and text with no Han"},
    {.id = "char-fullwidth-quote", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "full-width straight quotes ＂ ＇ (U+FF02, U+FF07: an input method's full-width "
                "ASCII mode, no Chinese mark) replaced by \" ' for the punctuation rules to pair "
                "(他说：＂好＂ → 他说：“好”); a ＇ in a paragraph with ｀ is left (char-grave)"},
    {.id = "char-prime-quote", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "double prime quotation marks 〝…〞 (U+301D, U+301E: some Taiwan and Japanese "
                "copy) replaced by “…” as GB/T 15834 quotes simplified Chinese (then nested as "
                "any “ ”); a lone mark, the low 〟 and a paragraph that quotes with 「」 or is "
                "Japanese are left"},
    {.id = "char-halfwidth", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "half-width katakana (U+FF61..U+FF9F) made full-width: a word of two or more "
                "letters with its marks (NFKC: ｶﾀｶﾅ → カタカナ, ｶﾞ → ガ), ｡ ､ next to text (。 、), a "
                "pair ｢ ｣ around text (「」); a single letter and ﾞ ﾟ ･ ｰ alone are left "
                "(faces: (ﾟ∀ﾟ))"},
    {.id = "char-grave", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "full-width grave accent ｀ (U+FF40) next to text: an opening quote typed "
                "｀｀…＇＇ or a 间隔号 typed on its key, no mapping is safe: reported, not "
                "changed (in faces, (｀・ω・´), left)"},
    {.id = "char-combining", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "combining marks with no base character (at the start of a paragraph or "
                "after a space), variation selectors too: they attach to whatever stands before them in the layout "
                "(report: kept; marks that open a line the repair stage joins to the line before "
                "sit on its last character and are normalized with it)"},
    {.id = "char-replacement", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "U+FFFD REPLACEMENT CHARACTER already in the input marks a character lost "
                "upstream (a bad conversion): kept and reported, so the desk can restore it "
                "(with --invalid=replace the decoder reports those it makes as decode-invalid)"},
    {.id = "char-indent", .stage = "chars", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "first-line indent (ideographic, no-break or ASCII spaces, tabs, the other "
                "Unicode spaces U+2000..U+200A, U+202F, U+205F, also after an invisible "
                "character) removed: indent belongs to the layout"},
    {.id = "para-join", .stage = "repair", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a paragraph cut at a column or page end is joined with its continuation; "
                "also (from the paragraph stage) a line that opens like a list item (- 5℃, "
                "· 肯尼迪, （一）) joined to the line above as its wrapped rest"},
    {.id = "para-repeat", .stage = "paragraph", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "the last line of a page printed again at the top of the next page is removed: "
                "an exact repeat of the line above it after a page number (and a running head), "
                "or, in the wrapped layout, of the full line right above that ends no sentence "
                "(the sentence reads on without it); in the blank layout the end of the "
                "paragraph above; never a line of fewer than 8 characters or with a table's "
                "cells"},
    {.id = "para-move", .stage = "repair", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a caption or credit dropped between the halves of a cut paragraph is moved "
                "after the repaired paragraph"},
    {.id = "struct-ornament", .stage = "structure", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "an ornament before a byline or a notice's heading (□, ■ …: ■本报记者 王明, "
                "■遗失声明) is dropped"},
    {.id = "struct-credit", .stage = "structure", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "a photo credit (姓名 摄) is split off the end of its caption and its brackets "
                "dropped"},
    {.id = "struct-author", .stage = "structure", .severity = QG_SEV_INFO, .fixes = true,
     .summary = "an author tag （姓名） after an article's last sentence is split off as an "
                "author block, its brackets dropped"},
    {.id = "num-fullwidth-sign", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "full-width decimal point between digits, full-width percent sign after a "
                "number, the full-width colon of a clock time or a score, and a full-width slash "
                "between digits replaced by ASCII (3．2％ -> 3.2%, 14：30 -> 14:30, 比分3：1 -> 3:1, "
                "1／3 -> 1/3)"},
    {.id = "num-score-hyphen", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a hyphen between the figures of a score that a score's words name replaced by "
                "the score's colon (比分改写为2-1 -> 2:1, 以112-108险胜 -> 112:108)"},
    {.id = "num-year-grouping", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a four-digit year is never grouped: the comma of d,ddd年 is removed "
                "(2,008年 -> 2008年)"},
    {.id = "num-group-short", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a number of four digits needs no grouping comma (1,258人 -> 1258人) where "
                "the text writes others without one (3500人 before it); reported, not changed: "
                "GB/T 15835 allows either style, and a text that groups them all is not told"},
    {.id = "num-group-odd", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "digits grouped by four with commas (4,2358元, 1,2345,6789人: a grouping by 万, or a "
                "decimal point typed as a comma): GB/T 15835 groups by three or not at all; "
                "reported, never regrouped"},
    {.id = "num-currency-twice", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a currency named twice, by a sign before the number and a word after it "
                "($1,299美元, ￥100元): keep one; reported, not changed"},
    {.id = "num-mixed-form", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "Chinese numerals and figures in one number (三十5岁, 一万2千人, 20几人): write it "
                "in one form, the form of its first part suggested (三十五岁, 一万二千人, 二十几人)"},
    {.id = "num-unit-power", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "m2 and m3 after a number (5万m3, 120m2): the unit's power is a superscript, "
                "m² m³; reported, not changed"},
    {.id = "num-times-sign", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "* or x between the figures of a product of measures (2米*1.5米, 30x20x10厘米): "
                "write × (2米×1.5米); reported, not changed; a bare product of whole figures "
                "beside Han (分辨率1920x1080) as info"},
    {.id = "num-decimal-zero", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a pure decimal keeps its leading zero (.46 -> 0.46)"},
    {.id = "num-zero", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "○ (U+25CB, a circle) in a run of Chinese numerals, or O, 0, Ｏ, ０, ◯ in a "
                "year of Chinese numerals, replaced by the numeral zero 〇 (二○二五年, 二O一九年 "
                "-> 二〇二五年, 二〇一九年)"},
    {.id = "num-year-abbrev", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "abbreviated year (’98, 1995—98年, 1995-98年, 〇八年): years are written in "
                "full; the full year is suggested where the range makes it certain"},
    {.id = "num-mixed-unit", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "十, 百 or 千 combined with Arabic digits (3千人 -> 3000人, 5万3千 -> 5.3万); "
                "万 and 亿 may combine (5万, 3.2亿)"},
    {.id = "num-approx", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "approximate number of two adjacent Arabic digits with 顿号 (3、4个月 -> "
                "三四个月)"},
    {.id = "num-set-phrase", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "set phrase, idiom or abbreviation that keeps Chinese numerals written with "
                "Arabic digits (星期5 -> 星期五; list: dicts/numeral-phrases.txt)"},
    {.id = "num-year-form", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "years in both Arabic digits and Chinese numerals within one document "
                "(2008年 and 二〇〇八年), or one date mixing them (二〇〇八年8月8日)"},
    {.id = "num-event-date", .stage = "numbers", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "month·day event name takes the interpunct and quotes (9.11事件 -> "
                "“9·11”事件, 3.8妇女节 -> “3·8”妇女节, 5.12汶川地震 -> “5·12”汶川地震)"},
    {.id = "punct-width", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "half-width , ; : ! ? ( ) in Chinese context become full-width ，；：！？（）"},
    {.id = "punct-full-stop", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "an ASCII full stop ending a Chinese sentence becomes 。, also before the next "
                "sentence's number (完工.2025年) and after a name in Latin letters (Jack Ma.); not "
                "in decimals, abbreviations, item labels such as A.甲, URLs or Latin text"},
    {.id = "punct-list-mark", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a dot after the Chinese numeral of a list item becomes the 顿号 (一.建设 -> "
                "一、建设; GB/T 15834): at a paragraph's start, or inside one after a colon, "
                "semicolon or comma when the item before or after it is numbered so too; not "
                "第一. （一）. 1. nor 三.五"},
    {.id = "punct-quote", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "straight quotes in Chinese context become paired curly quotes (“ ” outside, "
                "‘ ’ inside, also when the inner terms are typed with \" too); a curly quote set "
                "the wrong way round is turned"},
    {.id = "punct-quote-nesting", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "double quotes nested in double quotes become single: “他说“好”” → “他说‘好’”; "
                "corner brackets nested in corner brackets become 『』: 「…「好」…」 → 「…『好』…」"},
    {.id = "punct-ellipsis", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "..., 。。。, a single or triple …, … … (halves with white space between), ⋯, "
                "．．．, ··· become …… (two U+2026); a single … in English text stays (Wait… what?)"},
    {.id = "punct-dash", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "--, a single —, ――, ──, －－, two kinds of dash (—- -—) in Chinese context become "
                "—— (two U+2014); a single — between like items stays (中国—东盟, 周一—周五, "
                "5公斤—10公斤)"},
    {.id = "punct-span-dash", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a hyphen or dash joining a span of time or place (2023-2025年, 北京-上海) "
                "becomes — (one U+2014, 一字线); a minus before a figure stays (北京-5℃); an "
                "address's hierarchy written with – or － takes the hyphen (江苏-南京-玄武区), "
                "and so does a telephone number's area code (021－55556666 → 021-55556666) and "
                "an all-numeric date (2026－12－06 → 2026-12-06)"},
    {.id = "punct-range", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a tilde between numbers (25~30g) or Chinese numerals (三~五天) becomes the wave "
                "dash ～ (U+FF5E, 浪纹线), and so does a hyphen (- or －) between figures that no "
                "identifier has (8%-10%, 8%－10%, 3.5公里-4公里, 零下5℃-零上3℃, 300元-500元) and "
                "between the figures of a range of numbered items (第1-3名 → 第1～3名)"},
    {.id = "punct-range-unit", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "in a range the unit % ‰ 万 亿 repeats on both numbers: 15～30% → 15%～30%"},
    {.id = "punct-ambiguous", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a mark the stage leaves as written because it cannot be sure of its reading: a "
                "tilde between numbers of different units (抽3个~2月20日, 3小时~2天) may be no "
                "range; a hyphen (- or －) between two figures with a unit (4-6h, 25-45岁, "
                "36.3℃-37.2℃, 6－8℃) may be a range (～) or an identifier; a single — or – between two figures with "
                "a unit of value (黄芪30—60g, 20—25℃) is a range of values, which takes ～"},
    {.id = "punct-interpunct", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "• ・ ． . between the parts of a transliterated name (or a book and its "
                "chapter) become · (U+00B7), and so does the space between a book and its chapter in 《》 "
                "in body text (《史记 项羽本纪》); a dot next to a country or city name is a full stop"},
    {.id = "punct-book-title", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "book-title marks: <> ‹› ＜＞ (also doubled, <<书名>>) around a title become 《》; "
                "《》 outside, 〈〉 inside; 《 》 doubled around one title become one pair "
                "(《《书名》》 → 《书名》)"},
    {.id = "punct-doubled", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "doubled ，。、；： become one; more than three ！ or ？ become three"},
    {.id = "punct-unmatched", .stage = "punct", .severity = QG_SEV_ERROR, .fixes = false,
     .summary = "a quotation mark, bracket or book-title mark without its partner in the "
                "paragraph (a quotation continued by the next paragraph's opening “ is not, nor a "
                "German or Polish „…“ „…” around no Han)"},
    {.id = "punct-space", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "white space next to full-width punctuation is removed (next to “ ” ‘ ’ · — … "
                "only on the Chinese side); kept outside quotes in headings and between the "
                "cells of a table row"},
    {.id = "punct-han-space", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "white space between two Han characters in body text is removed; kept in "
                "headings, bylines, credits (also after a dateline), datelines, bracketed "
                "attributions, article labels (第一条　), name lists after a colon, after a "
                "mention (@苹果中国 官方), between the clauses of a web post without commas "
                "(下雨了 不想出门 在家躺着吧) and paragraphs without sentence punctuation; in a "
                "paragraph spaced out by OCR, also a space inside a number (2 1 8 9, 5 . 2 %)"},
    {.id = "punct-columns", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a body paragraph holding two wide gaps or more (white space three columns "
                "wide: a space one, an ideographic space two; no tab) between Chinese "
                "characters or marks, one of them cutting a "
                "sentence (between two Han characters, before ， 。 ） or after （ “): two "
                "columns of a page read across line by line, as a PDF's text gives them; the gaps "
                "are kept (not removed as punct-space or punct-han-space) and the halves left in "
                "the order they came, which nothing makes safe to undo"},
    {.id = "punct-spaced-heading", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "a title, subtitle or kicker spaced out character by "
                "character (Han only, five characters or more, one or two spaces between every "
                "two; a PDF's letter-spaced headline) is closed up (关 于 加 强 … 的 通 知 → "
                "关于加强…的通知); a shorter one keeps its spacing (总　则, 通　知), and so do "
                "subheads and bylines"},
    {.id = "punct-doc-number", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "the year of a document number (发文字号) in [ ] ( ) （ ） 【 】 becomes 〔〕 "
                "(京政发[2024]3号 → 京政发〔2024〕3号, GB/T 9704)"},
    {.id = "punct-latin-width", .stage = "punct", .severity = QG_SEV_WARNING, .fixes = true,
     .summary = "full-width ，。；：！？ in an English paragraph (no Han, three Latin words or more) "
                "become , . ; : ! ? with a space after before a word (The company said，“We "
                "agree。” -> The company said, “We agree.”); and a full-width ＝ between ASCII "
                "letters or digits (m＝2.5kg -> m=2.5kg)"},
    {.id = "dup-paragraph", .stage = "dedup", .severity = QG_SEV_ERROR, .fixes = true,
     .summary = "a paragraph repeats an earlier one (the same letters and digits, whatever the "
                "punctuation and spacing); clean drops the repeat (--dedup=mark keeps it); a "
                "block that repeats nothing but goes with an article whose text repeats (a new "
                "byline over a pasted story) is reported under the article's repeat"},
    {.id = "dup-schedule", .stage = "dedup", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a schedule's entry (a clock time and a programme, 19:00 新闻联播) repeats one "
                "of the same listing, or a news flash (09:30 央行宣布…) repeats anywhere: kept and "
                "reported; a programme repeated under another day's or channel's heading is a "
                "listing's row and kept silently; right under its own copy an entry is a paste "
                "and removed as dup-paragraph"},
    {.id = "dup-record", .stage = "dedup", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a short record with figures (表决结果：赞成471票，反对6票，弃权9票。: fewer than 32 "
                "characters, two figures or more) exactly repeats one of its article under "
                "another lead, as a record of votes gives each resolution its result: kept, "
                "marked as --dedup=mark marks a repeat, and reported (a warning lint does not "
                "fail on); under the same lead, or one that repeats, it is a copy and removed "
                "as dup-paragraph"},
    {.id = "dup-near", .stage = "dedup", .severity = QG_SEV_ERROR, .fixes = true,
     .summary = "a paragraph nearly repeats an earlier one (similarity of character bigrams at "
                "least --near-threshold, default 0.65); clean drops the repeat "
                "(--dedup=mark keeps it); so is a block that repeats nothing but goes with an "
                "article whose first repeat is a near one"},
    {.id = "dup-archive", .stage = "dedup", .severity = QG_SEV_ERROR, .fixes = false,
     .summary = "a paragraph is already in the archive of published text (--archive), exactly "
                "or nearly; reported with the archived source and line, never removed"},
    {.id = "dup-archive-figures", .stage = "dedup", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a paragraph nearly repeats one in the archive of published text (--archive) "
                "but for a figure or two replaced (3.2% for 3.4%): no repeat, as a corrected "
                "copy is none, but reported with the archived source and line and the figures "
                "that differ (a warning lint does not fail on), never removed"},
    {.id = "dup-archive-part", .stage = "dedup", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a paragraph of 30 characters or more is nearly all inside one in the archive "
                "of published text (--archive), or holds nearly all of one (a published "
                "paragraph split, merged with another, cut or added to, quoted in a longer "
                "one), when it repeats none: reported with the archived source and line and "
                "which way (a warning lint does not fail on), never removed"},
    {.id = "dedup-limit", .stage = "dedup", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "the repeat index reached its memory bound (--dedup-memory, default 32 MiB): "
                "from then on it keeps the latest paragraphs, and repeats of dropped ones are "
                "not found; or (once per document) a near lookup was bounded (paragraphs that "
                "share most of their bigrams): it was compared with the latest paragraphs only"},
    {.id = "word-repeat", .stage = "segment", .severity = QG_SEV_WARNING, .fixes = false,
     .summary = "a word written twice by accident (的的, 我们我们): both copies are words of the "
                "segmentation; reduplication (看看, 常常, 研究研究, AABB) is not reported "
                "(dicts/reduplication.txt)"},
    {.id = NULL},
};

const qg_rule *qg_rules(void) { return rules; }

const qg_rule *qg_rule_find(const char *id) {
  if (!id) return NULL;
  for (const qg_rule *r = rules; r->id; r++)
    if (!strcmp(r->id, id)) return r;
  return NULL;
}
