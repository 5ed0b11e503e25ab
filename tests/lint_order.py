#!/usr/bin/env python3
"""lint_order.py FORMAT FILE [MIN]: checks that lint's report in FILE (written with -f FORMAT)
gives each file's diagnostics together and sorted by line, then column (docs/ci.md, "Order");
in json, diagnostics at the same line and column in the order raised (their "seq" rising).
Exit 1, naming the first pair out of order, or when fewer than MIN results were read (a
report that says nothing proves nothing)."""
import json
import re
import sys


def results(fmt, text):
    if fmt == 'gcc':
        for m in re.finditer(r'^(.*?):(\d+):(\d+): (?:error|warning|note): ', text, re.M):
            yield m.group(1), int(m.group(2)), int(m.group(3)), None
    elif fmt == 'github':
        # (an annotation across lines has no col: GitHub's contract, session 24)
        for m in re.finditer(r'^::(?:error|warning|notice) file=([^,]*),line=(\d+)(?:,col=(\d+))?',
                             text, re.M):
            yield m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None, None
    elif fmt == 'json':
        for ln in text.splitlines():
            if ln.strip():
                x = json.loads(ln)
                if x['rule'] == 'input-error':  # (the whole file's, after its diagnostics)
                    continue
                yield x['file'], x['line'], x['column'], x.get('seq')
    elif fmt == 'sarif':
        for r in json.loads(text)['runs'][0]['results']:
            loc = r['locations'][0]['physicalLocation']
            reg = loc.get('region', {})
            yield loc['artifactLocation']['uri'], reg.get('startLine', 0), reg.get('startColumn', 0), None
    elif fmt == 'codeclimate':
        for r in json.loads(text):
            if r['check_name'] == 'input-error':
                continue
            b = r['location']['positions']['begin']
            yield r['location']['path'], b['line'], b['column'], None
    else:
        raise SystemExit(f'lint_order.py: unknown format {fmt}')


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    least = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rs = list(results(fmt, open(path, encoding='utf-8').read()))
    done, prev = set(), None
    for r in rs:
        if prev and r[0] != prev[0]:
            if r[0] in done:
                print(f'{fmt}: {r[0]} comes back after {prev[0]}')
                return 1
            done.add(prev[0])
        elif prev:
            a, b = prev[1:3], r[1:3]
            if a[1] is None or b[1] is None:  # (no column: the lines alone)
                a, b = a[:1], b[:1]
            if a > b or (a == b and r[3] is not None and prev[3] >= r[3]):
                print(f'{fmt}: {r[0]}: {r[1]}:{r[2]} (seq {r[3]}) after {prev[1]}:{prev[2]} (seq {prev[3]})')
                return 1
        prev = r
    if len(rs) < least:
        print(f'{fmt}: {len(rs)} results, fewer than {least}')
        return 1
    return 0


sys.exit(main())
