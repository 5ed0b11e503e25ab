"""Inputs for tests/accounting_check.py --suite: the bundled pages, the spec cases written out
as files with their options, and adversarial copy generated here, deterministically, from text
written in this file (never from the seed page or any text from elsewhere).

Each input is an Input(path, label, opts): the file, the name findings are printed under, and
the command-line options of `clean`/`lint` it is checked with."""
import glob
import os
import random
import re
from collections import namedtuple

Input = namedtuple('Input', 'path label opts')


# --- the bundled pages ---------------------------------------------------------------------

def pages(src):
    out = []
    for pat in ('samples/*.txt', 'tests/pages/*.txt', 'tests/copy/*.txt'):
        for p in sorted(glob.glob(os.path.join(src, pat))):
            out.append(Input(p, os.path.relpath(p, src), ()))
    return out


# --- the spec cases (tests/spec/*.spec; format: tests/spec_runner.c) -----------------------

def _unescape(s):
    """The spec escapes: \\u{HEX} a code point as UTF-8, \\x{HEX} a raw byte, \\\\ a backslash."""
    b = bytearray()
    i = 0
    while i < len(s):
        if s.startswith('\\u{', i):
            j = s.index('}', i)
            b += chr(int(s[i + 3:j], 16)).encode('utf-8', 'surrogatepass')
            i = j + 1
        elif s.startswith('\\x{', i):
            j = s.index('}', i)
            b.append(int(s[i + 3:j], 16))
            i = j + 1
        elif s.startswith('\\\\', i):
            b += b'\\'
            i += 2
        else:
            b += s[i].encode()
            i += 1
    return bytes(b)


# spec encodings -> Python codecs (spec_runner.c encodes with ICU; these give the same bytes
# for the characters the cases use)
SPEC_CODECS = {'GB18030': 'gb18030', 'Big5': 'big5hkscs', 'UTF-16LE': 'utf-16-le',
               'UTF-16BE': 'utf-16-be', 'UTF-16': 'utf-16'}


def spec_cases(src, outdir):
    """Every case of tests/spec/*.spec as a file; options the CLI has are passed (paragraphs=,
    dedup=, near=, repair=off, structure=off, invalid=, a named encoding=). Cases with
    max_block= (a library option the CLI does not have) and cases whose status is input-error
    (they are meant to fail) are left out; returns (inputs, number left out)."""
    os.makedirs(outdir, exist_ok=True)
    out, skipped = [], 0
    for f in sorted(glob.glob(os.path.join(src, 'tests/spec/*.spec'))):
        base = os.path.basename(f)[:-5]
        cases = re.split(r'^=== ', open(f, encoding='utf-8').read(), flags=re.M)[1:]
        for n, c in enumerate(cases):
            title = c.split('\n', 1)[0]
            sec = {m.group(1): m.group(2) for m in
                   re.finditer(r'^--- (\w+)[^\n]*\n(.*?)(?=^--- |\Z)', c, re.S | re.M)}
            if 'input' not in sec:
                continue
            if 'input-error' in sec.get('status', ''):
                skipped += 1
                continue
            inp = sec['input'].rstrip('\n')
            inp = inp + '\n' if inp else ''
            opts, enc, named, skip = [], None, False, False
            for o in (sec.get('options') or '').split():
                k, _, v = o.partition('=')
                if k == 'paragraphs':
                    opts += ['--paragraphs', v]
                elif k == 'dedup':
                    opts += ['--dedup', v]
                elif k == 'near':
                    opts += ['--near-threshold', v]
                elif k == 'repair' and v == 'off':
                    opts += ['--no-repair']
                elif k == 'structure' and v == 'off':
                    opts += ['--no-structure']
                elif k == 'invalid':
                    opts += ['--invalid', v]
                elif k == 'encoding':
                    enc = v
                elif k == 'named':
                    named = True
                elif k == 'max_block':
                    skip = True
            if skip:
                skipped += 1
                continue
            raw = _unescape(inp)
            if enc:
                raw = raw.decode('utf-8', 'surrogatepass').encode(SPEC_CODECS[enc], 'surrogatepass')
                if named:
                    opts += ['-e', enc]
            p = os.path.join(outdir, f'{base}-{n:03d}.txt')
            with open(p, 'wb') as fh:
                fh.write(raw)
            out.append(Input(p, f'spec/{base}-{n:03d} ({title[:50]})', tuple(opts)))
    return out, skipped


# --- adversarial copy ----------------------------------------------------------------------

# Paragraphs written for this test (short news copy in correct form).
PARAS = [
    '本报讯 记者从市住房和城乡建设局获悉，今年我市计划改造老旧小区120个，涉及居民2.3万户，目前已有45个小区开工建设。',
    '“以前下雨天楼道里全是水，现在换了新管道，再也不用担心了。”家住东风路的李阿姨笑着说。',
    '据介绍，改造内容包括屋面防水、外墙保温、管网更新和加装电梯等，总投资约6.8亿元。',
    '市交通运输局有关负责人表示，从12月1日起，公交18路、26路将延长运营时间至22:30，发车间隔缩短为10分钟。',
    '在城南社区的活动室里，十几位老人正在练习书法——有的写楷书，有的写隶书，墨香四溢。',
    '社区党委书记王红梅告诉记者：“我们每周二、周四下午开放活动室，还请了退休教师来上课……”',
    '今年前三季度，全市规模以上工业增加值同比增长7.4%，高于全省平均水平1.2个百分点。',
    '该校图书馆新购《中国通史》《现代汉语词典》等图书3000余册，并开通了电子阅览服务。',
    '活动期间，市民可登录https://www.example.org/bm报名，也可拨打热线12345咨询。',
    '比赛分为青年组（18至35岁）和中老年组（36岁以上）两个组别，共有86支队伍参赛。',
    '专家提醒，冬季气温较低，老年人晨练应适当推迟时间，注意防寒保暖，避免剧烈运动。',
    '截至11月底，全市新增城镇就业岗位1.56万个，城镇登记失业率控制在3.5%以内。',
]
CAPTION = '图为市民在服务大厅办理业务。（本报记者 刘洋 摄）'

RAD = {'用': '\u2f64', '工': '\u2f2f', '文': '\u2f42', '生': '\u2f63', '人': '\u2f08',
       '大': '\u2f24', '行': '\u2f8f', '长': '\u2ed3'}
HALF = {'，': ',', '。': '.', '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')',
        '“': '"', '”': '"', '……': '...', '——': '--'}


def _damage(p, r):
    """Marks made half-width, radical look-alikes, full-width digits, and a sprinkling of
    zero-width spaces, spaces, soft hyphens and ideographic spaces."""
    out, i = [], 0
    while i < len(p):
        c, two, x = p[i], p[i:i + 2], r.random()
        if two in HALF and x < 0.3:
            out.append(HALF[two])
            i += 2
            continue
        if c in HALF and x < 0.3:
            out.append(HALF[c])
        elif c in RAD and x < 0.3:
            out.append(RAD[c])
        elif '0' <= c <= '9' and x < 0.3:
            out.append(chr(ord(c) - 48 + 0xFF10))
        else:
            out.append(c)
        y = r.random()
        out.append('\u200b' if y < 0.01 else ' ' if y < 0.02 else '\u00ad' if y < 0.022
                   else '\u3000' if y < 0.024 else '')
        i += 1
    return ''.join(out)


def _page(k):
    """A damaged page: paragraphs shuffled, exact and near repeats, a layout (blank lines, one
    line each, or wrapped at a width with a caption cut in), CRLF, an encoding."""
    r = random.Random(k)
    ps = PARAS[:]
    r.shuffle(ps)
    ps = ps[:r.randint(4, len(ps))]
    for _ in range(r.randint(0, 3)):
        q = r.choice(ps)
        ps.insert(r.randint(0, len(ps)), q if r.random() < 0.5 else q[:-3] + '等。')
    ps = [_damage(p, r) for p in ps]
    layout = r.choice(['blank', 'line', 'wrapped'])
    if layout == 'blank':
        t = '\n\n'.join(ps) + '\n'
    elif layout == 'line':
        t = '\n'.join(ps) + '\n'
    else:
        w, lines = r.randint(15, 40), []
        for p in ps:
            p = '\u3000\u3000' + p
            for j in range(0, len(p), w):
                ln = p[j:j + w]
                x = r.random()
                ln += '  ' if x < 0.08 else '\u00ad' if x < 0.12 else '\u200b' if x < 0.16 else ''
                lines.append(ln)
            if r.random() < 0.2:
                lines.append(CAPTION)
        t = '\n'.join(lines) + '\n'
    if r.random() < 0.3:
        t = t.replace('\n', '\r\n')
    enc = r.choice(['utf-8', 'utf-8', 'gb18030', 'utf-16'])
    return t.encode(enc), f'{layout},{enc}'


SOUP = ['，', ',', '.', '。', '"', '“', '”', '(', ')', '（', '）', ' ', '\u3000', '\u200b', '１', '2',
        '-', '--', '——', '...', '…', '城市', '发展', 'ABC', 'hello world', '3.14', 'http://a.b/c',
        '\u2f64', '\uf967', '\r\n', '\n', '\n\n', '《', '》', '<', '>', '~', '%', '：', ':']


def _soups(n):
    """Random mixtures of marks (one generator, seed 12: the soups probe 12a ran as rand00..39)."""
    r = random.Random(12)
    return [(''.join(r.choice(SOUP) for _ in range(r.randint(20, 300))) + '\n').encode() for _ in range(n)]


def _fixed():
    """Hand-made cases: (name, bytes, options)."""
    body = '\n\n'.join(PARAS[:5]) + '\n'
    half = ''.join(HALF.get(c, c) for c in body)
    ast = '𠀀𪚥😀,好.𠮷野家的𩸽很好吃,价格９９元.\n\n👨\u200d👩\u200d👧一家人,很开心.\n'
    wrapped = ''.join(x + '\n' for x in [
        '\u3000\u3000市民中心今天正式开放，大厅内设有自助服务区、咨询台和休息区，市民可以在',
        '这里办理社保、医保、公积金等三百多项业务。据了解，市民中心建筑面积达到两万',
        CAPTION,
        '平方米，是全省规模最大的政务服务场所之一，每天可接待办事群众五千人次以上。',
        '\u3000\u3000市政府有关负责人表示，下一步将继续推进政务服务改革，让群众少跑腿、好办事。'])
    near = (PARAS[6] + '\n\n' + PARAS[6].replace('高于', '超过') + '\n\n'
            + ''.join(HALF.get(c, c) for c in PARAS[6]) + '\n\n\u3000\u3000' + PARAS[6] + '\n\n')
    return [
        ('astral-utf8', ast.encode(), ()),
        ('astral-utf16le-bom', ('\ufeff' + ast).encode('utf-16-le'), ()),
        ('astral-utf16be-bom', ('\ufeff' + ast).encode('utf-16-be'), ()),
        ('astral-gb18030', (ast * 3).encode('gb18030'), ('-e', 'GB18030')),
        ('emoji', '今天天气很好👍🏻,大家都来了👨\u200d💻👩\u200d🔬.\n\n手机号码1\ufe0f\u20e3开头,'
                  '🇨🇳加油!\n\n❤\ufe0f爱心,☺\ufe0e笑脸.\n'.encode(), ()),
        ('combining', 'Café 与 Cafe\u0301 都是咖啡馆,e\u0301很常见.\n\n汉\u0301字加上组合符号,'
                      '看\u20dd看.\n'.encode(), ()),
        ('invisibles', '运\u200b动\u200c员\u200d们\u2060在\ufeff赛\u00ad场上,\u202e比赛\u202c很激烈.'
                       '\n\n第二\u2028段落\u2029第三段,好.\n\n控制\x01字符\x7f和\u0085C1字符.\n\n'
                       '\u200b\u200b\n\n末尾不可见\u200b\n下一行继续.\n'.encode(), ()),
        ('radicals', '\u2f64户\u2f2f作\u2f42件,\u2f8f政\u2f08员.\n\n\uf967\uf9b2\ufa0c兼容汉字.\n\n'
                     '\u2ea0族\u2ed3江\u2ec4部.\n'.encode(), ()),
        ('crlf-mix', '第一段,内容.\r\n\r\n第二段,内容.\n\n第三段\r内容.\r\n\r\n第四段.\r\r\n'.encode(), ()),
        ('cr-only', '第一段,内容.\r\r第二段,内容.\r\r第三段\r\n第四段,好.\r'.encode(), ()),
        ('bom-utf8-crlf', '\ufeff第一段,内容.\r\n\r\n\ufeff第二段,中间的BOM.\r\n'.encode(), ()),
        ('nuls', '第一段\x00,内容.\n\n\x00\x00第二段\x00\x00内容.\n\n\x00\n\n第四段.\n'.encode(), ()),
        # GB18030 four-byte sequences, and the two code points GB18030-2005 swapped
        # (A8BC <-> 81 35 F4 37, see decode_lines in accounting_check.py)
        ('gb18030-4byte', (('㐀㐁䶵ḿ€,测试.\n\n' + body) * 2).encode('gb18030') + b'\xa8\xbc,\xca\xc7.\n',
         ('-e', 'GB18030')),
        ('gb18030-crlf', half.replace('\n', '\r\n').encode('gb18030'), ()),
        ('big5', ('臺灣的資料,測試.\n\n這是繁體中文的段落,內容很豐富.\n\n' * 3).encode('big5hkscs'),
         ('-e', 'Big5')),
        ('utf16le-nobom', ('第一段,Hello 𠀀 world.\r\n\r\n' + half.replace('\n', '\r\n')).encode('utf-16-le'),
         ('-e', 'UTF-16LE')),
        ('utf16be-bom-crlf', ('\ufeff' + half.replace('\n', '\r\n')).encode('utf-16-be'), ()),
        ('caption-in-para', (wrapped * 2).encode(), ()),
        ('near-repeats', (body + near + body).encode(), ()),
        ('spaces', '\u3000\u3000第一段 内容 在 这里,好.  \n\n\t第二段\t内容.\n\n第三 段\u3000内容\u00a0很好.'
                   '\n'.encode(), ()),
        ('no-final-newline', '第一段,内容.\n\n最后一段没有换行\u200b'.encode(), ()),
        ('lone-final-cr', '第一段,内容.\n\n最后一段.\r'.encode(), ()),
        ('repeats-dedup-mark', (body + half).encode(), ('--dedup', 'mark')),
        ('wrapped-no-repair', (wrapped * 2).encode(), ('--no-repair',)),
        ('line-no-structure', half.encode(), ('--no-structure', '--paragraphs', 'line')),
        # a paragraph over 512 KiB, split (para-split), with marks to fix on both sides
        ('long-para', (''.join(HALF.get(c, c) if k % 3 == 0 else c for k, c in enumerate(
            ''.join(f'第{k}条，' + PARAS[k % len(PARAS)] for k in range(4200)))) + '\n').encode(), ()),
        # a line holding 15 000 marks to fix, in GB18030 with CRLF
        ('long-marks', (('数字,标点.' * 2500) + '\r\n').encode('gb18030'), ()),
    ]


def adversarial(outdir, pages_n=40, soups_n=40):
    os.makedirs(outdir, exist_ok=True)
    out = []

    def put(name, raw, opts, note=''):
        p = os.path.join(outdir, name + '.txt')
        with open(p, 'wb') as fh:
            fh.write(raw)
        out.append(Input(p, f'adv/{name}' + (f' ({note})' if note else ''), tuple(opts)))
    for name, raw, opts in _fixed():
        put(name, raw, opts)
    for k in range(pages_n):
        raw, note = _page(k)
        put(f'page{k:02d}', raw, (), note)
    for k, raw in enumerate(_soups(soups_n)):
        put(f'soup{k:02d}', raw, ())
    return out
