#!/usr/bin/env python3
"""accounting_check.py: checks qinggao's promise "every change and every removed paragraph is
reported, at the line and column of the original file", by comparing each input with what the
command makes of it.

usage: accounting_check.py [--bin QG] [--only clean,xml,lint] [-j N] FILE[::OPT,OPT...]...
       accounting_check.py [--bin QG] [-j N] --suite SRCDIR

For each FILE (checked with the options after `::`, comma-separated, e.g. `f.txt::--paragraphs,line`):
  clean  `clean -f json`: the file is decoded here (encoding from the JSON's `encoding`; lines as
         docs/ARCHITECTURE.md numbers them); its lines are grouped by the blocks' line..end_line
         and the removal diagnostics' spans, each group's characters are aligned with the blocks'
         text, and every differing span must be layout (line ends and the white space touching
         them, README "What is a change") or lie under a diagnostic's span; a paragraph break the
         file did not have must be reported (a split); a non-blank line in no block, no removal
         and no diagnostic is LOST; each diagnostic's `original` must be the file's text at its
         span (folded: NFKC, invisibles out; a removal's letters and digits only, since it names
         the paragraph as cleaned).
  xml    `clean -f xml`: the text of each document, markup stripped, is the JSON blocks' text.
  lint   `lint -f json`: positions as above; `lint --fix` on a copy writes exactly what applying
         the fixable replacements of the JSON gives; `lint` after `--fix` has nothing fixable;
         `replacement` is written exactly when `fixable` is true, `suggestion` only when false
         (session 25, audit 24 F21: applying every `replacement` is what --fix does).
Files with the same options are run through one command (a batch); each file is its own
document (dedup scope doc), so this is the same as one run per file.

Each finding is one line `KIND label:line:col detail`, KIND one of LOST (text gone without a
report), CHG (text changed without a report), INS (text added without a report), SPLIT, REM
(a removed paragraph without its diagnostic), POS (a diagnostic's original is not the file's
text at its span), XML, ORDER (lint's diagnostics of a file not sorted by line and column),
FIX, FIXPOS, IDEM, RUN (the command failed), CRASH (the checker
failed). Exit 1 on any finding.

--suite SRCDIR checks the inputs of tests/accounting_inputs.py (samples/, tests/pages/,
tests/copy/, every tests/spec case, generated adversarial copy) and allows only the KNOWN
findings listed below, each with its reason; a KNOWN entry that no longer occurs fails the
run too (remove it).
"""
import difflib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))

# Findings the suite allows, each narrowly: (input label regex, KIND, detail regex, reason).
# A defect of qinggao is listed as "defect, see ..." so that it is fixed and the entry removed.
# (empty since session 14: --fix runs passes until nothing more applies, which ended the
# mark soups' and the span-dash case's exceptions)
KNOWN = []

PYENC = {'UTF-8': 'utf-8', 'GB18030': 'gb18030', 'Big5': 'big5hkscs', 'BIG5': 'big5hkscs',
         'Big5-HKSCS': 'big5hkscs', 'windows-950': 'cp950', 'UTF-16LE': 'utf-16-le',
         'UTF-16BE': 'utf-16-be', 'UTF-32LE': 'utf-32-le', 'UTF-32BE': 'utf-32-be',
         'UTF-16': 'utf-16', 'UTF-32': 'utf-32', 'GBK': 'gb18030', 'windows-936': 'gb18030'}
WS = set(' \t\u3000\u00a0\u2028\u2029\r\f\v')
INVISIBLE = re.compile('[\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u0008\u000b-\u001f'
                       '\u007f-\u009f\u2028\u2029]')
GNU_DIFF_MIN = 4000       # alignments longer than this go to GNU diff (O(ND)) only
# Python's gb18030 codec maps the pair GB18030-2005 swapped the 2000 way: A8BC is U+E7C7 there
# (U+1E3F in GB18030-2005, ICU and qinggao) and 81 35 F4 37 is U+1E3F (U+E7C7).
GB2005 = str.maketrans({'\u1e3f': '\ue7c7', '\ue7c7': '\u1e3f'})


class File:
    """One input and its findings."""

    def __init__(self, path, label, opts):
        self.path, self.label, self.opts = path, label, tuple(opts)
        self.findings = []
        self.subst = {}   # line -> [(col, end_col, replacement)]: reported edits applied first
        self.cov = set()  # indices of the aligned stream made by those edits

    def find(self, kind, where, detail):
        self.findings.append((kind, where, detail))


def decode_lines(raw, enc, line_ends):
    """The file's lines (str, no line ends) as qinggao numbers them: CR-only when the first
    two line ends are lone CRs, else a run of CRs before LF is one line end and a lone CR is a
    character; a BOM is no column."""
    pe = PYENC.get(enc, enc)
    if pe.startswith('utf-16') and raw[:2] in (b'\xff\xfe', b'\xfe\xff'):
        pe = 'utf-16-le' if raw[:2] == b'\xff\xfe' else 'utf-16-be'
        raw = raw[2:]
    txt = raw.decode(pe, errors='replace')
    if pe == 'gb18030':
        txt = txt.translate(GB2005)
    if txt.startswith('\ufeff'):
        txt = txt[1:]
    ends = re.findall(r'\r*\n|\r', txt[:1 << 20])
    if line_ends == 'CR' or (len(ends) >= 2 and ends[0] == '\r' and ends[1] == '\r'):
        lines = re.split(r'\r\n|\r|\n', txt)
    else:
        lines = re.split(r'\r*\n', txt)
    if lines and lines[-1] == '':
        lines.pop()
    return lines


class Spans:
    """Characters covered by diagnostics: per line a set of columns (1-based), the lines
    covered whole, and the points of empty spans."""

    def __init__(self, lines, breaks=True):
        self.lines = lines
        self.moves = []
        # the spans of diagnostics that can explain a paragraph break the file did not have:
        # paragraph and structure rules, removals, and points (a mark's fix next to a cut
        # does not explain it)
        self.breaks = Spans(lines, False) if breaks else None
        self.cols, self.full, self.points = {}, set(), {}

    def _range(self, l, c0, c1):
        if c1 - c0 > 100000:
            self.full.add(l)
        elif c1 <= c0:
            self.points.setdefault(l, set()).add(c0)
        else:
            self.cols.setdefault(l, set()).update(range(c0, c1))

    def add(self, d):
        l, c, el, ec = d['line'], d['column'], d['end_line'], d['end_column']
        if (el, ec) < (l, c):
            el, ec = l, c
        if d['rule'] == 'para-move':
            self.moves.append(d)
        if self.breaks and (d['rule'].startswith(('para-', 'struct-', 'dup-')) or (el, ec) == (l, c)):
            self.breaks.add(d)
        if l == el:
            self._range(l, c, max(ec, c))
        else:
            n = len(self.lines[l - 1]) if l - 1 < len(self.lines) else 0
            self._range(l, c, n + 2)
            self.full.update(range(l + 1, el))
            self._range(el, 1, ec)

    def covers(self, l, c, slack=0):
        if l in self.full:
            return True
        cs, ps = self.cols.get(l), self.points.get(l)
        return any((cs and k in cs) or (ps and k in ps) for k in range(c - slack, c + slack + 1))


def fold(s):
    return unicodedata.normalize('NFKC', s)


def is_radical(ch):
    """Kangxi radicals and the CJK Radicals Supplement (NFKC maps only the first)."""
    return '\u2e80' <= ch <= '\u2fdf'


def same_letters(t, o):
    """The same letters and digits (folded), a radical look-alike of the file standing for the
    ideograph the character stage made of it."""
    a = [ch for ch in fold(t) if ch.isalnum() or is_radical(ch)]
    b = [ch for ch in fold(o) if ch.isalnum()]
    return len(a) == len(b) and all(x == y or (is_radical(x) and y.isalpha()) for x, y in zip(a, b))


def text_at(lines, l, c, el, ec):
    if l < 1 or l > len(lines):
        return None
    if l == el:
        return lines[l - 1][c - 1:ec - 1]
    out = [lines[l - 1][c - 1:]] + [lines[k - 1] for k in range(l + 1, min(el, len(lines) + 1))]
    if el - 1 < len(lines):
        out.append(lines[el - 1][:ec - 1])
    return '\n'.join(out)


def check_positions(f, tag, lines, diags):
    for d in diags:
        if 'original' not in d:
            continue
        l, c, el, ec = d['line'], d['column'], d['end_line'], d['end_column']
        t, o = text_at(lines, l, c, el, ec), d['original']
        if t is None:
            f.find('POS', f'{l}:{c}', f'[{tag}] {d["rule"]}: line out of range')
            continue
        if t == o or (not o and not fold(INVISIBLE.sub('', t)).strip()):
            continue
        # joined paragraphs: the span runs over a line end the text does not hold
        tn = re.sub(r'\s*\n\s*', '', t)
        if tn == o or re.sub(r'\s+', '', tn) == re.sub(r'\s+', '', o):
            continue
        # a later stage sees text an earlier one changed: compare folded, without invisibles
        # (and spaces an earlier stage removed, each reported on its own)
        if fold(INVISIBLE.sub('', tn)) == fold(INVISIBLE.sub('', o)) or \
                re.sub(r'\s+', '', fold(INVISIBLE.sub('', tn))) == re.sub(r'\s+', '', fold(INVISIBLE.sub('', o))):
            continue
        # a later stage changes what an earlier one made of the same span: its original is the
        # earlier replacement (〝 → “ by the character stage, then → ‘ nested: session 37)
        if any(e is not d and (e['line'], e['column'], e['end_line'], e['end_column']) == (l, c, el, ec)
               and e.get('original') == t and e.get('replacement') == o for e in diags):
            continue
        if d['rule'].startswith('dup-') or d['rule'] in ('para-empty', 'para-repeat'):
            # a removal names the paragraph as cleaned: compare its letters and digits
            if same_letters(t, o):
                continue
            # a paragraph repair joined around a photo block it moved out (para-move): the
            # removal's span holds the block's lines, which its text does not (session 25)
            holes = [m for m in diags if m['rule'] == 'para-move' and
                     (l, c) < (m['line'], m['column']) and (m['end_line'], m['end_column']) < (el, ec)]
            if holes:
                parts, at = [], (l, c)
                for m in sorted(holes, key=lambda m: (m['line'], m['column'])):
                    parts.append(text_at(lines, at[0], at[1], m['line'], m['column']) or '')
                    at = (m['end_line'], m['end_column'])
                parts.append(text_at(lines, at[0], at[1], el, ec) or '')
                if same_letters(''.join(parts), o):
                    continue
        f.find('POS', f'{l}:{c}', f'[{tag}] {d["rule"]}: file has {t!r}, diagnostic says original {o!r}')


def build_stream(f, lines, l0, l1):
    """Characters of lines l0..l1 with their (line, col); line ends as '\\n'. Reported one-line
    edits whose original is the file's text (f.subst) are applied first, so the alignment has
    only the rest to explain; the characters they make are covered (f.cov)."""
    a, pos = [], []
    f.cov = set()
    for l in range(l0, l1 + 1):
        if l > l0:
            a.append('\n')
            pos.append((l - 1, len(lines[l - 2]) + 1))
        t, i = lines[l - 1], 0
        for c, ec, rep in sorted(f.subst.get(l, ())):
            if c - 1 < i:
                continue
            while i < c - 1:
                a.append(t[i])
                pos.append((l, i + 1))
                i += 1
            for ch in rep:
                a.append(ch)
                pos.append((l, c))
                f.cov.add(len(a) - 1)
            i = ec - 1
        while i < len(t):
            a.append(t[i])
            pos.append((l, i + 1))
            i += 1
    return a, pos


def check_clean(f, d, xml_doc):
    raw = open(f.path, 'rb').read()
    lines = decode_lines(raw, d['encoding'], d['line_ends'])
    diags = d['diagnostics']
    check_positions(f, 'clean', lines, diags)
    spans = Spans(lines)
    f.subst = {}
    for x in diags:
        if not x.get('fixed', True):
            continue
        spans.add(x)
        if ('original' in x and x['line'] == x['end_line'] and not x['rule'].startswith(('dup-', 'para-'))
                and text_at(lines, x['line'], x['column'], x['end_line'], x['end_column']) == x['original']):
            f.subst.setdefault(x['line'], []).append((x['column'], x['end_column'], x['replacement']))
    blocks = [b for a in d['articles'] for b in a['blocks']]
    # groups of lines: the union of the blocks' lines and the removals' spans
    iv = [(b['line'], b['end_line'], 'B', k) for k, b in enumerate(blocks)]
    for x in diags:
        if (x['rule'].startswith('dup-') and 'removed' in x.get('message', '')) or x['rule'] in ('para-empty', 'para-repeat'):
            iv.append((x['line'], x['end_line'], 'R', None))
    for r in d['removed']:
        if not any(x[0] == r['line'] and x[2] == 'R' for x in iv):
            f.find('REM', f'{r["line"]}', f'removed paragraph without a removal diagnostic at its line: {r["text"][:40]!r}')
            iv.append((r['line'], r['line'], 'R', None))
    iv.sort(key=lambda x: (x[0], x[1], x[2], -1 if x[3] is None else x[3]))
    groups = []
    for l0, l1, t, k in iv:
        if groups and l0 <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], l1)
            groups[-1][2].append((t, k))
        else:
            groups.append([l0, l1, [(t, k)]])
    covered = set()
    for g in groups:
        covered.update(range(g[0], g[1] + 1))
    for l, txt in enumerate(lines, 1):
        if l in covered:
            continue
        for c, ch in enumerate(txt, 1):
            if ch not in WS and ch != '\ufeff' and not spans.covers(l, c):
                f.find('LOST', f'{l}:{c}', f'line in no block and no diagnostic: {txt[:60]!r}')
                break
    moved = set()
    for x in spans.moves:
        moved.update(range(x['line'], x['end_line'] + 1))
    for l0, l1, members in groups:
        bks = sorted((k for t, k in members if t == 'B'), key=lambda k: (blocks[k]['line'], k))
        bks = [blocks[k] for k in bks]
        mv = [x for x in bks if all(k in moved for k in range(x['line'], x['end_line'] + 1))]
        if mv and len(mv) < len(bks):
            # a block moved out of the group's middle (a caption after its paragraph)
            for x in mv:
                a, pos = build_stream(f, lines, x['line'], x['end_line'])
                align(f, a, pos, list(x['text']), spans, lines)
            bks = [x for x in bks if x not in mv]
            a, pos = build_stream(f, lines, l0, l1)
            keep = [i for i in range(len(a)) if not (pos[i][0] in moved and a[i] != '\n')]
            newcov = {n for n, i in enumerate(keep) if i in f.cov}
            a, pos = [a[i] for i in keep], [pos[i] for i in keep]
            f.cov = newcov
        else:
            a, pos = build_stream(f, lines, l0, l1)
        align(f, a, pos, list('\n'.join(x['text'] for x in bks)), spans, lines)
    if xml_doc is not None:
        check_xml(f, xml_doc, blocks)


def layout_ok(a, i1, i2, seg_b):
    """White space and line ends at a line break (a group's start and end count as line
    breaks)."""
    sa = a[i1:i2]
    if any(ch not in WS and ch != '\n' for ch in sa) or any(ch not in WS and ch != '\n' for ch in seg_b):
        return False
    # (U+2029 PARAGRAPH SEPARATOR is a line break for the layout, README "Line ends")
    if '\n' in seg_b:   # else a paragraph break the file did not have: a split, to be reported
        return '\n' in sa or '\u2029' in sa
    if '\n' in sa:
        return True
    left = a[i1 - 1] if i1 > 0 else '\n'
    right = a[i2] if i2 < len(a) else '\n'
    return left == '\n' or right == '\n'


def gnu_diff_opcodes(a, b):
    """difflib-style opcodes from GNU diff (fast on long, nearly equal texts); None without diff."""
    if not shutil.which('diff'):
        return None
    with tempfile.TemporaryDirectory() as td:
        paths = []
        for k, seq in enumerate((a, b)):
            p = os.path.join(td, str(k))
            with open(p, 'w', encoding='utf-8', errors='surrogatepass') as fh:
                for ch in seq:
                    fh.write('\\n\n' if ch == '\n' else ('\\r\n' if ch == '\r' else ch + '\n'))
            paths.append(p)
        out = subprocess.run(['diff', '-d'] + paths, capture_output=True).stdout
    ops, ia, ib = [], 0, 0
    for line in out.decode('utf-8', 'surrogateescape').split('\n'):
        m = re.match(r'^(\d+)(?:,(\d+))?([acd])(\d+)(?:,(\d+))?$', line)
        if not m:
            continue
        a1, c, b1 = int(m.group(1)), m.group(3), int(m.group(4))
        a2, b2 = int(m.group(2) or a1), int(m.group(5) or b1)
        if c == 'a':
            i1, i2, j1, j2 = a1, a1, b1 - 1, b2
        elif c == 'd':
            i1, i2, j1, j2 = a1 - 1, a2, b1, b1
        else:
            i1, i2, j1, j2 = a1 - 1, a2, b1 - 1, b2
        if i1 > ia:
            ops.append(('equal', ia, i1, ib, ib + (i1 - ia)))
        ops.append(({'a': 'insert', 'd': 'delete', 'c': 'replace'}[c], i1, i2, j1, j2))
        ia, ib = i2, j2
    if ia < len(a):
        ops.append(('equal', ia, len(a), ib, len(b)))
    return ops


def ws_at_break(a, i):
    j = i
    while j < len(a) and a[j] in WS:
        j += 1
    if j == len(a) or a[j] == '\n':
        return True
    j = i
    while j >= 0 and a[j] in WS:
        j -= 1
    return j < 0 or a[j] == '\n'


def align(f, a, pos, b, spans, lines):
    """Align with difflib (GNU diff when long); on findings try the other aligner too
    (difflib's longest match can pair a repeated paragraph with the wrong copy) and keep the
    result with fewer findings."""
    big = len(a) + len(b) > GNU_DIFF_MIN
    keep, results = f.findings, []
    for use_gnu in ([True, False] if big else [False, True]):
        f.findings = []
        ops = gnu_diff_opcodes(a, b) if use_gnu else None
        if ops is None:
            if use_gnu and not big:
                continue
            ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        align1(f, a, pos, b, spans, lines, ops)
        results.append(f.findings)
        if not f.findings or big:
            break
    f.findings = keep + min(results, key=len)


def align1(f, a, pos, b, spans, lines, ops):
    dels, inss = [], []

    def near_insert(i1, text):
        # the same text inserted by a neighbouring opcode: the aligner swapped two marks
        return any(t2 in ('insert', 'replace') and abs(k1 - i1) <= 6 and text in ''.join(b[m1:m2])
                   for t2, k1, k2, m1, m2 in ops)
    for tag, i1, i2, j1, j2 in ops:
        if tag == 'equal':
            continue
        seg_b = b[j1:j2]
        if layout_ok(a, i1, i2, seg_b):
            continue
        bad = []
        for i in range(i1, i2):
            ch = a[i]
            if ch == '\n' or i in f.cov or spans.covers(*pos[i]):
                continue
            if ch in WS and ws_at_break(a, i):   # white space next to a line break
                continue
            bad.append(i)
        if i1 == i2 or all(a[i] == '\n' for i in range(i1, i2)):
            # an insertion (or a split): needs a diagnostic at the point
            if not ''.join(seg_b).strip():
                if '\n' in seg_b and '\n' not in a[i1:i2]:
                    l, c = pos[i1] if i1 < len(pos) else pos[-1]
                    br = spans.breaks
                    if not br.covers(l, c, 1) and not (i1 > 0 and br.covers(*pos[i1 - 1], 1)):
                        f.find('SPLIT', f'{l}:{c}', 'paragraph break not in the file and not reported: '
                               f'...{"".join(a[max(0, i1 - 12):i1])!r} | {"".join(a[i1:i1 + 12])!r}')
                continue
            l, c = pos[i1] if i1 < len(pos) else (pos[-1][0], pos[-1][1] + 1)
            ok = spans.covers(l, c, 1) or (i1 > 0 and spans.covers(*pos[i1 - 1], 1))
            k = i1
            while not ok and k < len(a) and a[k] in WS | {'\n'}:
                k += 1
                ok = k < len(a) and bool(spans.covers(*pos[k], 1))
            if not ok:
                inss.append((i1, ''.join(seg_b), (l, c)))
            continue
        if bad and not seg_b:
            # an equivalent alignment: the same deleted run shifted over equal text
            n = i2 - i1
            for sh in list(range(-8, 0)) + list(range(1, 9)):
                j = i1 + sh
                if 0 <= j and j + n <= len(a) and a[j:j + n] == a[i1:i2] and \
                        all(a[k] == '\n' or spans.covers(*pos[k]) for k in range(j, j + n)):
                    bad = []
                    break
        if bad and not seg_b and near_insert(i1, ''.join(a[k] for k in bad)):
            bad = []
        if bad:
            dels.append((bad, ''.join(a[i1:i2]), ''.join(seg_b)))
    for i1, s, (l, c) in inss:
        # moved text: an insertion equal to a reported move's text
        t = s.strip('\n')
        if any(difflib.SequenceMatcher(None, t, text_at(lines, d['line'], d['column'], d['end_line'],
                                                        d['end_column']) or '').ratio() > 0.7 for d in spans.moves):
            continue
        f.find('INS', f'{l}:{c}', f'text in output not in the file and not reported: {s[:60]!r} '
               f'(after {"".join(a[max(0, i1 - 10):i1])!r})')
    for bad, sa, sb in dels:
        l, c = pos[bad[0]]
        f.find('LOST' if not sb.strip() else 'CHG', f'{l}:{c}',
               f'unreported: file {sa[:60]!r} -> output {sb[:60]!r} ({len(bad)} chars uncovered)')


def check_xml(f, doc, blocks):
    want = re.sub(r'\s+', '', ''.join(b['text'] for b in blocks))
    got = re.sub(r'\s+', '', html.unescape(re.sub(r'<[^>]*>', '', doc)))
    if got != want:
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
            if tag != 'equal':
                f.find('XML', '', f'xml text differs from json: json {want[max(0, i1 - 10):i2 + 10]!r} '
                       f'xml {got[max(0, j1 - 10):j2 + 10]!r}')
                break


def apply_fixes(f, lines, fx):
    """The fixable replacements applied in file order, over a model of each line that keeps
    original columns (chained fixes on one span apply in order)."""
    lines, byline = list(lines), {}
    for x in fx:
        if x['line'] != x['end_line']:
            f.find('FIX', f'{x["line"]}:{x["column"]}', f'fixable diagnostic over several lines: {x["rule"]}')
            return None
        byline.setdefault(x['line'], []).append(x)
    for l, xs in byline.items():
        s = lines[l - 1]
        srt = sorted(xs, key=lambda x: (x['column'], x['end_column']))
        if all(s[x['column'] - 1:x['end_column'] - 1] == x['original'] for x in srt) and \
                all(srt[k]['end_column'] <= srt[k + 1]['column'] and
                    (srt[k]['column'] < srt[k + 1]['column'] or srt[k]['end_column'] > srt[k]['column'])
                    for k in range(len(srt) - 1)):
            out, i = [], 0   # standalone, non-overlapping fixes of the file's text
            for x in srt:
                out += [s[i:x['column'] - 1], x['replacement']]
                i = x['end_column'] - 1
            lines[l - 1] = ''.join(out) + s[i:]
            continue
        if len(s) > 20000:
            # the replay below costs the line's length per fix: a long line's fixes must be
            # standalone (they are, when positions are right); never passed unreplayed
            f.find('FIX', f'{l}', f'{len(xs)} overlapping or misplaced fixes on a line of {len(s)} '
                   'characters: not replayed')
            continue
        model = [(ch, i + 1) for i, ch in enumerate(s)]   # (char, original column or None)
        for x in xs:
            c, ec, o = x['column'], x['end_column'], x['original']
            idx = [i for i, (ch, oc) in enumerate(model) if oc is not None and c <= oc < ec]
            if idx:
                i0, i1 = idx[0], idx[-1] + 1
                cur = ''.join(ch for ch, _ in model[i0:i1])
            else:
                i0 = next((i for i, (ch, oc) in enumerate(model) if oc is not None and oc >= c), len(model))
                i1, cur = i0, ''
            if cur != o:
                mt = ''.join(ch for ch, _ in model)
                k = mt.find(o, max(0, i0 - len(o) - 2))
                if k < 0 or k > i0 + 2:
                    f.find('FIXPOS', f'{l}:{c}', f'{x["rule"]}: original {o!r} not at its span (model has {cur!r})')
                    continue
                i0, i1 = k, k + len(o)
            first = model[i0][1] if i0 < len(model) else None
            model[i0:i1] = [(ch, first if j == 0 else None) for j, ch in enumerate(x['replacement'])]
        lines[l - 1] = ''.join(ch for ch, _ in model)
    return lines


def check_lint(f, d, diags, fixed_raw, again):
    raw = open(f.path, 'rb').read()
    lines = decode_lines(raw, d['encoding'], d['line_ends'])
    check_positions(f, 'lint', lines, diags)
    for k in range(len(diags) - 1): # docs/ci.md, "Order": by line, column, then as raised
        x, y = diags[k], diags[k + 1]
        if (x['line'], x['column'], x['seq']) >= (y['line'], y['column'], y['seq']):
            f.find('ORDER', f'{y["line"]}:{y["column"]}', f'{y["rule"]} (seq {y["seq"]}) printed after '
                   f'{x["rule"]} at {x["line"]}:{x["column"]} (seq {x["seq"]})')
            break
    fl = decode_lines(fixed_raw, d['encoding'], d['line_ends']) if fixed_raw != raw else lines
    # lint prints a file's diagnostics sorted by position; a chain of replacements on one span
    # (a later stage editing text an earlier one made) applies in the order raised, "seq"
    for x in diags:
        if ('replacement' in x) != bool(x.get('fixable')) or ('suggestion' in x and x.get('fixable')):
            f.find('FIX', f'{x["line"]}:{x["column"]}', f'{x["rule"]}: "replacement" on a diagnostic '
                   f'--fix does not apply, or a fixable one without it (fixable {x.get("fixable")})')
    mine = apply_fixes(f, lines, sorted((x for x in diags if x.get('fixable')), key=lambda x: x['seq']))
    if mine is not None and mine != fl:
        for k, (x, y) in enumerate(zip(mine, fl), 1):
            if x != y:
                f.find('FIX', f'{k}', f'--fix wrote {y[:80]!r}, json replacements give {x[:80]!r}')
                break
        else:
            f.find('FIX', '', f'--fix has {len(fl)} lines, json replacements {len(mine)}')
    for x in again:
        if x.get('fixable'):
            f.find('IDEM', f'{x["line"]}:{x["column"]}',
                   f'after --fix still fixable: {x["rule"]} {x.get("original")!r}->{x.get("replacement")!r}')


# --- running the command -------------------------------------------------------------------

def run_qg(qg, args, env=None):
    p = subprocess.run([qg] + args, capture_output=True,
                       env=dict(os.environ, **env) if env else None)
    return p.returncode, p.stdout.decode('utf-8', 'surrogateescape'), p.stderr.decode('utf-8', 'replace')


def json_docs(s):
    dec, i, docs = json.JSONDecoder(), 0, []
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            return docs
        o, i = dec.raw_decode(s, i)
        docs.append(o)


SANITIZER = re.compile(r'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:')


def check_batch(qg, files, modes, tmp):
    """Checks files that share their options, with one run of each command for all of them."""
    opts = list(files[0].opts)
    paths = [f.path for f in files]
    failed = []

    def run(args, env=None):
        # exit 0, 1 (findings) or 3 (a file failed: it has no output, a RUN finding below);
        # anything else, or a sanitizer's report, fails every file of the batch
        rc, s, err = run_qg(qg, args, env)
        if rc not in (0, 1, 3) or SANITIZER.search(err):
            failed.append(f'`{args[0]} {" ".join(args[1:5])}` exit {rc}: {err.strip()[-300:]}')
        return rc, s, err
    out = {}
    rc, s, clean_err = run(['clean', '-q', '-j', '1', '-f', 'json'] + opts + paths)
    for d in json_docs(s):
        out[d['source']] = d
    xml = {}
    if 'xml' in modes:
        rc, s, err = run(['clean', '-q', '-j', '1', '-f', 'xml'] + opts + paths)
        for m in re.finditer(r'<document source="([^"]*)"[^>]*?(/>|>(.*?)</document>)', s, re.S):
            xml[html.unescape(m.group(1))] = m.group(3) or ''
    lint, fixed, again = {}, {}, {}
    if 'lint' in modes:
        rc, s, err = run(['lint', '--no-config', '-j', '1', '-f', 'json'] + opts + paths)
        for ln in s.split('\n'):
            if ln.strip():
                x = json.loads(ln)
                lint.setdefault(x['file'], []).append(x)
        copies = []
        for k, f in enumerate(files):
            cp = os.path.join(tmp, str(k), os.path.basename(f.path))
            os.makedirs(os.path.dirname(cp))
            shutil.copyfile(f.path, cp)
            copies.append(cp)
        # one pass of --fix (QINGGAO_TEST_FIX_PASSES=1) must write what the json replacements
        # give (FIX); one --fix with its passes (docs/ci.md), on a fresh copy of the file, must
        # leave nothing fixable (IDEM; a second --fix on the first pass's output would hide a
        # pass loop that stopped after one pass: review 14 #4)
        run(['lint', '--no-config', '-j', '1', '-q', '--fix'] + opts + copies,
            {'QINGGAO_TEST_FIX_PASSES': '1'})
        redo = []
        for k, (f, cp) in enumerate(zip(files, copies)):
            fixed[f.path] = open(cp, 'rb').read()
            # a file --fix left alone, with nothing fixable, would lint the same again
            if fixed[f.path] != open(f.path, 'rb').read() or any(x.get('fixable') for x in lint.get(f.path, ())):
                shutil.copyfile(f.path, cp)
                redo.append(cp)
        if redo:
            run(['lint', '--no-config', '-j', '1', '-q', '--fix'] + opts + redo)
        if redo:
            rc, s, err = run(['lint', '--no-config', '-j', '1', '-f', 'json'] + opts + redo)
            back = dict(zip(copies, paths))
            for ln in s.split('\n'):
                if ln.strip():
                    x = json.loads(ln)
                    again.setdefault(back[x['file']], []).append(x)
    for f in files:
        for why in failed:
            f.find('RUN', '', why)
        try:
            d = out.get(f.path)
            if d is None:
                f.find('RUN', '', 'clean gave no document for the file: '
                       + ' '.join(x for x in clean_err.split('\n') if f.path in x)[:200])
                continue
            if 'clean' in modes or 'xml' in modes:
                check_clean(f, d, xml.get(f.path, '') if 'xml' in modes else None)
            if 'lint' in modes:
                check_lint(f, d, lint.get(f.path, []), fixed[f.path], again.get(f.path, []))
        except Exception as e:  # the checker's own failure is a finding, never a pass
            f.find('CRASH', '', f'checker exception {type(e).__name__}: {e}')


def check_all(qg, files, modes, jobs=2, batch=64):
    """Checks every File (grouped by options, in batches run on `jobs` threads)."""
    groups = {}
    for f in files:
        groups.setdefault(f.opts, []).append(f)
    work = []
    for fs in groups.values():
        # a file given twice is checked once per batch
        for k in range(0, len(fs), batch):
            chunk, seen = [], set()
            for f in fs[k:k + batch]:
                if f.path in seen:
                    work.append([f])
                else:
                    seen.add(f.path)
                    chunk.append(f)
            work.append(chunk)
    with tempfile.TemporaryDirectory(prefix='qg-accounting-') as tmp:
        def one(k):
            d = os.path.join(tmp, str(k))
            os.makedirs(d)
            check_batch(qg, work[k], modes, d)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
            list(ex.map(one, range(len(work))))


def fmt(f, kind, where, detail):
    return f'{kind} {f.label}{":" + where if where else ""} {detail}'


def suite(qg, src, jobs):
    sys.path.insert(0, HERE)
    import accounting_inputs as ai
    tmp = tempfile.mkdtemp(prefix='qg-accounting-inputs-')
    try:
        ins = ai.pages(src)
        spec, skipped = ai.spec_cases(src, os.path.join(tmp, 'spec'))
        ins += spec
        adv = ai.adversarial(os.path.join(tmp, 'adv'))
        ins += adv
        files = [File(i.path, i.label, i.opts) for i in ins]
        check_all(qg, files, {'clean', 'xml', 'lint'}, jobs)
        bad, used = 0, [0] * len(KNOWN)
        for f in files:
            for kind, where, detail in f.findings:
                k = next((k for k, (lab, kd, det, _) in enumerate(KNOWN)
                          if kd == kind and re.search(lab, f.label) and re.search(det, detail)), None)
                if k is None:
                    bad += 1
                    print(fmt(f, kind, where, detail))
                else:
                    used[k] += 1
                    print('known: ' + fmt(f, kind, where, detail))
        labels = [f.label for f in files]
        stale = 0
        for k, (lab, kd, det, why) in enumerate(KNOWN):
            if used[k]:
                print(f'# allowed {used[k]} x {kd} on {lab}: {why}')
            elif any(re.search(lab, x) for x in labels):
                stale += 1
                print(f'STALE known exception no longer occurs, remove it from KNOWN in '
                      f'tests/accounting_check.py: {kd} on {lab} ({why})')
        print(f'# {len(files)} inputs ({len(ai.pages(src))} pages, {len(spec)} spec cases, '
              f'{skipped} spec cases left out (max_block or input-error), {len(adv)} generated); '
              f'{bad} findings, {sum(used)} known, {stale} stale exceptions')
        return 1 if bad or stale else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    qg = os.path.join(os.getcwd(), 'build', 'qinggao')
    modes, files, src, jobs = {'clean', 'xml', 'lint'}, [], None, 2
    while argv:
        a = argv.pop(0)
        if a == '--bin':
            qg = argv.pop(0)
        elif a == '--only':
            modes = set(argv.pop(0).split(','))
        elif a == '-j':
            jobs = int(argv.pop(0))
        elif a == '--suite':
            src = argv.pop(0)
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            files.append(a)
    qg = os.path.abspath(qg)
    if src:
        return suite(qg, src, jobs)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    fs = []
    for a in files:
        path, _, o = a.partition('::')
        fs.append(File(path, path, [x for x in o.split(',') if x]))
    check_all(qg, fs, modes, jobs)
    n = 0
    for f in fs:
        for kind, where, detail in f.findings:
            print(fmt(f, kind, where, detail))
            n += 1
    print(f'# {len(fs)} files, {n} findings', file=sys.stderr)
    return 1 if n else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
