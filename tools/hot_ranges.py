#!/usr/bin/env python3
"""hot_ranges.py: fills the linked program's table of hot ranges (cli/start.c qg_hot_ranges).

  python3 tools/hot_ranges.py [--check] MAP PROGRAM

MAP is the GNU linker's map of PROGRAM (-Wl,-Map=MAP). The ranges are the places the link gave
the code (.text) and constants (.rodata) of the objects a run of qinggao executes at every
start and on every article: the program's own objects, the C library (libc.a, libm), jemalloc,
ICU's common library (libicuuc.a) and PCRE2 (code only for the last two but ICU's constants).
The rest (libxml2, SQLite, zlib, zstd, ICU's i18n library and its 30 MB of data) is touched in
few places or only by some commands, and is left to fault in. Pieces of one group less than
64 KiB apart (the kernel maps a file's pages around a fault in 64 KiB) are one range.
The table gets QG_HOT_FILLED, the number of ranges and each range's [first, end) as offsets
from the load address; the program maps them in before anything else runs (cli/start.c).
--check: write nothing; exit 1 unless the program's table holds the ranges of MAP.
"""
import re
import struct
import subprocess
import sys

QG_HOT_EMPTY = 0x52484751
QG_HOT_FILLED = 0x46484751
QG_HOT_MAX = 24
GAP = 64 << 10

HOT = {
    ".text": ("ours", "libc.a", "libm", "libjemalloc", "libicuuc.a", "libpcre2-8.a"),
    ".rodata": ("ours", "libc.a", "libm", "libjemalloc", "libicuuc.a"),
}


def owner(path):
    m = re.search(r"([^/]+\.a)\(", path)
    if m:
        name = m.group(1)
        for prefix in ("libm", "libjemalloc"):  # libm-2.36.a, libjemalloc_pic.a
            if name.startswith(prefix):
                return prefix
        return name
    if path.endswith(".o") and "CMakeFiles" in path:
        return "ours"
    return path.rsplit("/", 1)[-1]


def pieces(map_path):
    """(output section, owner, address, size) of every input section placed in .text or .rodata"""
    out, pending, found = None, None, []
    with open(map_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^(\.\S+)\s", line)
            if m:
                out = m.group(1)
                pending = None
                continue
            if out not in HOT:
                continue
            m = re.match(r"^ (\.\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if m:
                found.append((out, owner(m.group(4).strip()), int(m.group(2), 16), int(m.group(3), 16)))
                pending = None
                continue
            m = re.match(r"^ (\.\S+)\s*$", line)  # a long name: its address on the next line
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if m and pending:
                found.append((out, owner(m.group(3).strip()), int(m.group(1), 16), int(m.group(2), 16)))
            pending = None
    return found


def ranges(map_path):
    spans = []
    for out, who, addr, size in pieces(map_path):
        if size and who in HOT[out]:
            spans.append((out, addr, addr + size))
    merged = []
    for out, a, b in sorted(spans, key=lambda s: s[1]):
        if merged and merged[-1][0] == out and a - merged[-1][2] <= GAP:
            merged[-1][2] = max(merged[-1][2], b)
        else:
            merged.append([out, a, b])
    # the smallest gaps closed until the table holds them
    while len(merged) > QG_HOT_MAX:
        i = min(range(len(merged) - 1), key=lambda k: merged[k + 1][1] - merged[k][2])
        merged[i][2] = merged[i + 1][2]
        del merged[i + 1]
    return [(a, b) for _, a, b in merged]


def table_offset(program):
    """the file offset and address of qg_hot_ranges"""
    nm = subprocess.run(["nm", program], capture_output=True, text=True, check=True).stdout
    addr = None
    for line in nm.splitlines():
        p = line.split()
        if len(p) == 3 and p[2] == "qg_hot_ranges":
            addr = int(p[0], 16)
    if addr is None:
        sys.exit(f"hot_ranges.py: {program}: no symbol qg_hot_ranges")
    ph = subprocess.run(["readelf", "-lW", program], capture_output=True, text=True, check=True).stdout
    for line in ph.splitlines():
        p = line.split()
        if p and p[0] == "LOAD":
            off, vaddr, filesz = int(p[1], 16), int(p[2], 16), int(p[4], 16)
            if vaddr <= addr < vaddr + filesz:
                return off + addr - vaddr
    sys.exit(f"hot_ranges.py: {program}: qg_hot_ranges in no loaded segment")


def main():
    args = sys.argv[1:]
    check = bool(args) and args[0] == "--check"
    if check:
        args = args[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    map_path, program = args
    rs = ranges(map_path)
    if not rs:
        sys.exit(f"hot_ranges.py: {map_path}: no code of the program's own objects found")
    want = struct.pack(f"<{2 + 2 * len(rs)}I", QG_HOT_FILLED, len(rs), *[v for r in rs for v in r])
    off = table_offset(program)
    with open(program, "rb" if check else "r+b") as f:
        f.seek(off)
        head = struct.unpack("<2I", f.read(8))
        if check:
            f.seek(off)
            got = f.read(len(want))
            if got != want:
                sys.exit(f"hot_ranges.py: {program}: the table does not hold the ranges of {map_path}")
            print(f"{program}: {len(rs)} hot ranges, {sum(b - a for a, b in rs) >> 10} KiB")
            return
        if head[0] not in (QG_HOT_EMPTY, QG_HOT_FILLED):
            sys.exit(f"hot_ranges.py: {program}: qg_hot_ranges holds {head[0]:#x}, not the table")
        f.seek(off)
        f.write(want)


if __name__ == "__main__":
    main()
