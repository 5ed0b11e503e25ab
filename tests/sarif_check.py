#!/usr/bin/env python3
"""sarif_check.py FILE.sarif [SOURCE...]: checks a SARIF log against the structure SARIF 2.1.0
requires (OASIS sarif-v2.1.0 and its JSON schema: required properties, types, enumerations,
1-based regions) and what `qinggao lint --format sarif` promises on top: one run, the full
rule table of the driver, ruleIndex naming the rule of ruleId, columns in code points, for
every fix a replacement of characters of the result's first line, partialFingerprints
(qinggao/v1, 16 hex digits) on every result, and an invocation that, when not successful,
has its exit code and says why in toolExecutionNotifications; a relative uri with uriBaseId
%SRCROOT% (standard input, "<stdin>", aside), given in run.originalUriBaseIds as a file:///
URI ending in "/" (SARIF 3.4.4, 3.14.14; session 24).

With SOURCE files (UTF-8), every region is also checked against the file's text: lines and
columns exist (endColumn may be one past the last character). Prints the number of results
checked; exits 1 with one line per problem."""
import json
import re
import sys

problems = []


def bad(path, what):
    problems.append(f"{path}: {what}")


def need(obj, key, typ, path):
    if not isinstance(obj, dict):
        bad(path, "is not an object")
        return None
    if key not in obj:
        bad(path, f"missing required property '{key}'")
        return None
    v = obj[key]
    if typ is int:
        ok = isinstance(v, int) and not isinstance(v, bool)
    else:
        ok = isinstance(v, typ)
    if not ok:
        bad(f"{path}.{key}", f"should be {typ.__name__}, is {type(v).__name__}")
        return None
    return v


def check_message(m, path):
    if not isinstance(m, dict):
        bad(path, "message is not an object")
    elif "text" not in m and "id" not in m:
        bad(path, "message has neither text nor id")
    elif "text" in m and not isinstance(m["text"], str):
        bad(path + ".text", "not a string")


def check_region(r, path, lines):
    if not isinstance(r, dict):
        bad(path, "region is not an object")
        return
    for k in ("startLine", "startColumn", "endLine", "endColumn"):
        if k in r and (not isinstance(r[k], int) or r[k] < 1):
            bad(f"{path}.{k}", f"must be an integer >= 1, is {r[k]!r}")
    sl = need(r, "startLine", int, path)
    sc, el, ec = r.get("startColumn", 1), r.get("endLine", sl), r.get("endColumn")
    if sl is None:
        return
    if isinstance(el, int) and el < sl:
        bad(path, f"endLine {el} before startLine {sl}")
    if el == sl and isinstance(ec, int) and isinstance(sc, int) and ec < sc:
        bad(path, f"endColumn {ec} before startColumn {sc}")
    if lines is not None:
        for ln, col, name in ((sl, sc, "start"), (el, ec, "end")):
            if col is None:
                continue
            if ln > len(lines):
                # a paragraph's end can be the position after the last line
                if not (name == "end" and ln == len(lines) + 1 and col == 1):
                    bad(path, f"{name} line {ln} past the end of the file ({len(lines)} lines)")
            elif col > len(lines[ln - 1]) + 1:
                bad(path, f"{name} column {col} past the end of line {ln} "
                          f"({len(lines[ln - 1])} characters)")


def check_base(al, uri, run, path):
    """A relative uri (not an absolute URI, not standard input) has uriBaseId %SRCROOT%, which
    run.originalUriBaseIds gives as an absolute file:/// URI ending in '/'."""
    absolute = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", uri) is not None
    if absolute or uri == "%3Cstdin%3E":
        if "uriBaseId" in al:
            bad(path, f"uriBaseId on {uri!r}, which needs none")
        return
    if al.get("uriBaseId") != "%SRCROOT%":
        bad(path, f"relative uri {uri!r} without uriBaseId %SRCROOT%")
        return
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri")
    if not isinstance(base, str) or not base.startswith("file:///") or not base.endswith("/"):
        bad(path, f"%SRCROOT% is {base!r} in run.originalUriBaseIds, not a file:/// URI ending in '/'")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    sources = {}
    for s in sys.argv[2:]:
        with open(s, encoding="utf-8", newline="") as f:
            text = f.read()
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        sources[s] = lines

    if log.get("version") != "2.1.0":
        bad("log", f"version must be \"2.1.0\", is {log.get('version')!r}")
    if "$schema" in log and not str(log["$schema"]).startswith("https://"):
        bad("log.$schema", "not an absolute URI")
    runs = need(log, "runs", list, "log")
    if runs is None:
        return report(0)
    if len(runs) != 1:
        bad("log.runs", f"qinggao writes one run, found {len(runs)}")
    nres = 0
    for ri, run in enumerate(runs):
        rp = f"runs[{ri}]"
        tool = need(run, "tool", dict, rp)
        driver = need(tool, "driver", dict, rp + ".tool") if tool else None
        rules = []
        if driver:
            dp = rp + ".tool.driver"
            need(driver, "name", str, dp)
            need(driver, "version", str, dp)
            uri = need(driver, "informationUri", str, dp)
            if uri and "://" not in uri:
                bad(dp + ".informationUri", "not an absolute URI")
            rules = need(driver, "rules", list, dp) or []
            ids = set()
            for i, rule in enumerate(rules):
                p = f"{dp}.rules[{i}]"
                rid = need(rule, "id", str, p)
                if rid in ids:
                    bad(p, f"duplicate rule id {rid}")
                ids.add(rid)
                sd = need(rule, "shortDescription", dict, p)
                if sd is not None:
                    need(sd, "text", str, p + ".shortDescription")
                dc = need(rule, "defaultConfiguration", dict, p)
                if dc is not None and dc.get("level") not in ("none", "note", "warning", "error"):
                    bad(p + ".defaultConfiguration.level", f"bad level {dc.get('level')!r}")
        if run.get("columnKind") != "unicodeCodePoints":
            bad(rp + ".columnKind", "must be unicodeCodePoints (columns count characters)")
        results = need(run, "results", list, rp)
        for i, res in enumerate(results or []):
            nres += 1
            p = f"{rp}.results[{i}]"
            rid = need(res, "ruleId", str, p)
            idx = res.get("ruleIndex")
            if idx is not None:
                if not isinstance(idx, int) or not 0 <= idx < len(rules):
                    bad(p + ".ruleIndex", f"{idx!r} is not an index of the rule table")
                elif rules[idx].get("id") != rid:
                    bad(p + ".ruleIndex", f"points at {rules[idx].get('id')}, ruleId is {rid}")
            elif rid is not None:
                bad(p, "no ruleIndex")
            if res.get("level") not in ("none", "note", "warning", "error"):
                bad(p + ".level", f"bad level {res.get('level')!r}")
            if "message" not in res:
                bad(p, "missing required property 'message'")
            else:
                check_message(res["message"], p + ".message")
            locs = need(res, "locations", list, p) or []
            if len(locs) != 1:
                bad(p + ".locations", f"expected one location, found {len(locs)}")
            region = None
            uri = None
            for li, loc in enumerate(locs):
                lp = f"{p}.locations[{li}]"
                pl = need(loc, "physicalLocation", dict, lp)
                if not pl:
                    continue
                al = need(pl, "artifactLocation", dict, lp + ".physicalLocation")
                uri = need(al, "uri", str, lp + ".physicalLocation.artifactLocation") if al else None
                if al and uri is not None:
                    check_base(al, uri, run, lp + ".physicalLocation.artifactLocation")
                region = need(pl, "region", dict, lp + ".physicalLocation")
                if region is not None:
                    check_region(region, lp + ".physicalLocation.region", sources.get(uri))
            # relatedLocations (a repeat's first occurrence): an id, a file's uri (with its
            # base, as the result's) and a line
            for ri, rl in enumerate(res.get("relatedLocations", [])):
                rlp = f"{p}.relatedLocations[{ri}]"
                if not isinstance(rl.get("id"), int) or rl["id"] < 0:
                    bad(rlp, f"id {rl.get('id')!r} is not an integer 0 or more")
                pl = need(rl, "physicalLocation", dict, rlp)
                al = need(pl, "artifactLocation", dict, rlp + ".physicalLocation") if pl else None
                ru = need(al, "uri", str, rlp + ".physicalLocation.artifactLocation") if al else None
                if ru is not None:
                    check_base(al, ru, run, rlp + ".physicalLocation.artifactLocation")
                rr = need(pl, "region", dict, rlp + ".physicalLocation") if pl else None
                if rr is not None and (not isinstance(rr.get("startLine"), int) or rr["startLine"] < 1):
                    bad(rlp + ".physicalLocation.region", f"startLine {rr.get('startLine')!r}")
                if "message" in rl:
                    check_message(rl["message"], rlp + ".message")
            if "partialFingerprints" in res:  # an object of strings; qinggao/v1: 16 hex digits
                pf = res["partialFingerprints"]
                if not isinstance(pf, dict) or not all(isinstance(v, str) for v in pf.values()):
                    bad(p + ".partialFingerprints", "not an object of strings")
                elif not re.fullmatch(r"[0-9a-f]{16}", pf.get("qinggao/v1", "")):
                    bad(p + ".partialFingerprints", f"qinggao/v1 is {pf.get('qinggao/v1')!r}")
            else:
                bad(p, "no partialFingerprints")
            for fi, fix in enumerate(res.get("fixes", [])):
                fp = f"{p}.fixes[{fi}]"
                if "description" in fix:
                    check_message(fix["description"], fp + ".description")
                changes = need(fix, "artifactChanges", list, fp) or []
                if not changes:
                    bad(fp + ".artifactChanges", "empty")
                for ci, ch in enumerate(changes):
                    cp = f"{fp}.artifactChanges[{ci}]"
                    al = need(ch, "artifactLocation", dict, cp)
                    if al and al.get("uri") != uri:
                        bad(cp + ".artifactLocation", f"uri {al.get('uri')!r} is not the result's {uri!r}")
                    if al and uri is not None:
                        check_base(al, uri, run, cp + ".artifactLocation")
                    reps = need(ch, "replacements", list, cp) or []
                    if not reps:
                        bad(cp + ".replacements", "empty")
                    for k, rep in enumerate(reps):
                        rpp = f"{cp}.replacements[{k}]"
                        dr = need(rep, "deletedRegion", dict, rpp)
                        if dr is not None:
                            check_region(dr, rpp + ".deletedRegion", sources.get(uri))
                            # a fix replaces characters of one line, the line of its result
                            if region and (dr.get("startLine") != region.get("startLine") or
                                           dr.get("endLine", dr.get("startLine")) != dr.get("startLine")):
                                bad(rpp + ".deletedRegion", "not within the result's first line")
                        ic = rep.get("insertedContent")
                        if ic is not None and not isinstance(ic.get("text"), str):
                            bad(rpp + ".insertedContent", "no text")
        # the invocation: executionSuccessful (required); a run that failed has its exit code
        # and says why in notifications (message.text, a level)
        for ii, inv in enumerate(need(run, "invocations", list, rp) or []):
            ip = f"{rp}.invocations[{ii}]"
            ok = need(inv, "executionSuccessful", bool, ip)
            if ok is False:
                need(inv, "exitCode", int, ip)
                notes = need(inv, "toolExecutionNotifications", list, ip) or []
                if not notes:
                    bad(ip + ".toolExecutionNotifications", "a failed run says why")
                for ni, note in enumerate(notes):
                    np_ = f"{ip}.toolExecutionNotifications[{ni}]"
                    if "message" not in note:
                        bad(np_, "missing required property 'message'")
                    else:
                        check_message(note["message"], np_ + ".message")
                    if note.get("level", "warning") not in ("none", "note", "warning", "error"):
                        bad(np_ + ".level", f"bad level {note.get('level')!r}")
    return report(nres)


def report(n):
    for p in problems:
        print("sarif_check:", p)
    print(f"sarif_check: {n} results checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
