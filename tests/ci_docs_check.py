#!/usr/bin/env python3
"""ci_docs_check.py QINGGAO SOURCE_DIR: runs the CI examples of docs/ci.md as far as can be
done offline. The GitHub Actions workflow and the GitLab job are read from the page (YAML),
their structure checked (permissions, the SARIF upload of the file the lint step writes, the
code quality artifact), and their lint steps run as the runners would run them, over sample
articles with and without an error, with `.qinggao-build/qinggao` the binary under test. The
pre-commit config of the page names hooks of .pre-commit-hooks.yaml, whose entries are run
as pre-commit runs them (entry + file names)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

QG, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
fails = []
passes = 0


def check(cond, what):
    global passes
    if cond:
        passes += 1
    else:
        fails.append(what)
        print("FAIL:", what, file=sys.stderr)


def blocks(md):
    """Fenced ```yaml blocks keyed by their first line (a '# path' comment)."""
    out = {}
    for m in re.finditer(r"```yaml\n(.*?)```", md, re.S):
        body = m.group(1)
        out[body.splitlines()[0].lstrip("# ").strip()] = body
    return out


GOOD = "今天的天气很好，大家都出门散步了。\n"
BAD = ("这一段话重复出现了两次，应当被发现。\n\n"
       "这一段话重复出现了两次，应当被发现。\n\n"
       "还有一个问题,这里用了半角逗号。\n")


def workspace(article):
    d = tempfile.mkdtemp()
    os.makedirs(os.path.join(d, "articles", "2026"))
    with open(os.path.join(d, "articles", "2026", "a.txt"), "w", encoding="utf-8") as f:
        f.write(article)
    os.makedirs(os.path.join(d, ".qinggao-build"))
    os.symlink(QG, os.path.join(d, ".qinggao-build", "qinggao"))
    return d


def run_sh(script, cwd, env=None, shell_opts=("-e",)):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(["bash", *shell_opts, "-c", script], cwd=cwd, env=e,
                          capture_output=True, text=True)


md = open(os.path.join(SRC, "docs", "ci.md"), encoding="utf-8").read()
yb = blocks(md)

# ---- what the jobs install -----------------------------------------------------------------
# The jobs build qinggao from its source: they install its build packages with the project's
# own list (.ci/install-deps --build), and that list holds the Debian package of every
# pkg-config module CMakeLists.txt requires (probe 9 F21: the jobs once listed packages by
# hand and missed sqlite3, zlib, zstd and jansson; this machine has them all, so a build here
# could not show it)
deps = open(os.path.join(SRC, ".ci", "install-deps"), encoding="utf-8").read()
build_pkgs = set(re.search(r'^BUILD="([^"]*)"', deps, re.M).group(1).split())
cml = open(os.path.join(SRC, "CMakeLists.txt"), encoding="utf-8").read()
modules = set()
for m in re.finditer(r"pkg_check_modules\(\w+ REQUIRED IMPORTED_TARGET ([^)]*)\)", cml):
    modules.update(m.group(1).split())
check(len(modules) >= 8, f"CMakeLists.txt's pkg-config modules found ({sorted(modules)})")
for mod in sorted(modules):
    r = subprocess.run(["pkg-config", "--variable=pcfiledir", mod], capture_output=True, text=True)
    pc = os.path.join(r.stdout.strip(), mod + ".pc")
    owner = subprocess.run(["dpkg", "-S", os.path.realpath(pc)], capture_output=True, text=True)
    if owner.returncode != 0:  # a .pc under /usr/lib/ARCH may be listed by dpkg under its link
        owner = subprocess.run(["dpkg", "-S", pc], capture_output=True, text=True)
    pkg = owner.stdout.split(":")[0].strip()
    check(pkg in build_pkgs, f".ci/install-deps --build installs {pkg or '?'} (pkg-config {mod}: {pc})")
for path in (".github/workflows/qinggao.yml", ".gitlab-ci.yml"):
    body = yb[path]
    at = body.find(".qinggao-src/.ci/install-deps --build")
    check(at >= 0 and at < body.find("cmake -S .qinggao-src"),
          f"{path}: installs the build packages with .ci/install-deps --build before cmake")
    check("apt-get install -y -qq build-essential" not in body, f"{path}: no package list of its own")

# ---- GitHub Actions -------------------------------------------------------------------------
gh = yaml.safe_load(yb[".github/workflows/qinggao.yml"])
job = gh["jobs"]["lint"]
check(job.get("permissions", {}).get("security-events") == "write",
      "workflow: security-events: write (needed by upload-sarif)")
check(job.get("permissions", {}).get("actions") == "read",
      "workflow: actions: read (upload-sarif reads the run in a private repository)")
steps = job["steps"]
lint = next(s for s in steps if s.get("id") == "lint")
upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
fail_step = next(s for s in steps if "steps.lint.outputs.status" in str(s.get("if", "")))
check(upload.get("if") == "always()", "workflow: the SARIF is uploaded even when lint failed")
sarif_name = upload["with"]["sarif_file"]
check(f"> {sarif_name}" in lint["run"], "workflow: upload-sarif reads the file the lint step writes")
check(steps.index(upload) < steps.index(fail_step), "workflow: upload before the failing step")
for article, want in ((BAD, "1"), (GOOD, "0")):
    d = workspace(article)
    out = os.path.join(d, "gh-output")
    r = run_sh(lint["run"], d, {"GITHUB_OUTPUT": out})
    check(r.returncode == 0, f"workflow lint step runs (exit {r.returncode}: {r.stderr[:300]})")
    status = open(out).read().strip()
    check(status == f"status={want}", f"workflow: lint status passed on ({status!r}, want {want})")
    sarif = os.path.join(d, sarif_name)
    c = subprocess.run([sys.executable, os.path.join(SRC, "tests", "sarif_check.py"), sarif,
                        "articles/2026/a.txt"], cwd=d, capture_output=True, text=True)
    check(c.returncode == 0, f"workflow: the SARIF it writes is valid: {c.stdout[-400:]}{c.stderr[-400:]}")
    log = json.load(open(sarif, encoding="utf-8"))
    res = log["runs"][0]["results"]
    if want == "1":
        check(any(x["ruleId"] == "dup-paragraph" and x["level"] == "error" for x in res),
              "workflow: the repeat is an error result")
        check(all(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
                  "articles/2026/a.txt" for x in res), "workflow: result uris are repository paths")
        check(re.search(r"^::error file=articles/2026/a\.txt,line=3,col=1,", r.stdout, re.M)
              is not None, "workflow: github annotation of the repeat on line 3")
    else:
        check(res == [], "workflow: a clean article gives no result")
    fr = run_sh(fail_step["run"].replace("${{ steps.lint.outputs.status }}", want), d)
    check(str(fr.returncode) == want, f"workflow: the job fails with lint's status ({fr.returncode})")
    shutil.rmtree(d)

# ---- GitLab CI ------------------------------------------------------------------------------
gl = yaml.safe_load(yb[".gitlab-ci.yml"])["qinggao"]
report = gl["artifacts"]["reports"]["codequality"]
check(gl["artifacts"].get("when") == "always", "gitlab: the report is kept when the job fails")
check(any(f"> {report}" in line for line in gl["script"]), "gitlab: the script writes the report")
for article, want in ((BAD, 1), (GOOD, 0)):
    d = workspace(article)
    # the runner runs the script lines in one shell with errexit
    r = run_sh("\n".join(gl["script"]), d, shell_opts=("-e", "-o", "pipefail"))
    check(r.returncode == want, f"gitlab: job exit {r.returncode}, want {want} ({r.stderr[:200]})")
    issues = json.load(open(os.path.join(d, report), encoding="utf-8"))
    check(isinstance(issues, list), "gitlab: the report is a JSON array")
    keys = {"description", "check_name", "fingerprint", "severity", "location"}
    check(all(keys <= set(i) and i["location"]["path"] == "articles/2026/a.txt" and
              i["location"]["positions"]["begin"]["line"] >= 1 for i in issues),
          "gitlab: every issue has the code quality keys and a repository path")
    check(len({i["fingerprint"] for i in issues}) == len(issues), "gitlab: fingerprints are unique")
    if want:
        check(any(i["check_name"] == "dup-paragraph" and i["severity"] == "major" for i in issues),
              "gitlab: the repeat is a major issue")
        check(re.search(r"a\.txt:3:1: error: .*\[dup-paragraph\]", r.stdout) is not None,
              "gitlab: the log shows the gcc line")
    else:
        check(issues == [], "gitlab: a clean article gives an empty report")
    shutil.rmtree(d)

# ---- pre-commit ----------------------------------------------------------------------------
hooks = yaml.safe_load(open(os.path.join(SRC, ".pre-commit-hooks.yaml"), encoding="utf-8"))
ids = {h["id"]: h for h in hooks}
cfg = yaml.safe_load(yb[".pre-commit-config.yaml"])
for h in cfg["repos"][0]["hooks"]:
    check(h["id"] in ids, f"pre-commit config names hook {h['id']} of .pre-commit-hooks.yaml")
for h in hooks:
    check(h["language"] == "system" and h["entry"].split()[0] == "qinggao",
          f"hook {h['id']}: runs qinggao from PATH")
    check(re.search(h["files"], "articles/a.txt") is not None and
          re.search(h["files"], "articles/a.xml") is None, f"hook {h['id']}: files pattern")
    # pre-commit runs a hook without require_serial as one process per CPU, each on its share
    # of the files: max-warnings and --dedup-scope run then counted only a share (probe 14 #1)
    check(h.get("require_serial") is True, f"hook {h['id']}: require_serial (one lint sees every file)")
# the framework itself, when installed: 50 warnings under max-warnings 25 fail the hook
if shutil.which("pre-commit") and shutil.which("git"):
    d = tempfile.mkdtemp()
    os.makedirs(os.path.join(d, "bin"))
    os.symlink(QG, os.path.join(d, "bin", "qinggao"))
    r = os.path.join(d, "repo")
    os.makedirs(os.path.join(r, "art"))
    with open(os.path.join(r, ".qinggao.ini"), "w") as f:
        f.write("root = true\n[lint]\nmax-warnings = 25\n")
    for i in range(50):
        with open(os.path.join(r, "art", f"f{i:02}.txt"), "w", encoding="utf-8") as f:
            f.write("今天天气很好,大家都出门散步了。\n")
    env = dict(os.environ, PATH=os.path.join(d, "bin") + os.pathsep + os.environ["PATH"],
               PRE_COMMIT_HOME=os.path.join(d, "home"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")
    subprocess.run(["git", "init", "-q", "."], cwd=r, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=r, env=env, check=True)
    p = subprocess.run(["pre-commit", "try-repo", SRC, "qinggao-lint", "--all-files"], cwd=r,
                       env=env, capture_output=True, text=True)
    if re.search(r"^qinggao lint\.+(Passed|Failed)", p.stdout, re.M):
        check(p.returncode == 1 and re.search(r"^qinggao lint\.+Failed", p.stdout, re.M) and
              "50 warnings, more than the 25 allowed" in p.stdout,
              f"pre-commit: max-warnings over all the files ({p.returncode}: {p.stdout[-400:]})")
    else:
        print("skipped: pre-commit try-repo did not run the hook:", (p.stdout + p.stderr)[-300:],
              file=sys.stderr)
    shutil.rmtree(d)
d = workspace(BAD)
art = "articles/2026/a.txt"
lint_hook = ids["qinggao-lint"]
cmd = [QG] + lint_hook["entry"].split()[1:] + [art]
r = subprocess.run(cmd, cwd=d, capture_output=True, text=True)
check(r.returncode == 1, f"hook qinggao-lint fails on an error ({r.returncode})")
fix_hook = ids["qinggao-fix"]
r = subprocess.run([QG] + fix_hook["entry"].split()[1:] + [art], cwd=d, capture_output=True, text=True)
text = open(os.path.join(d, art), encoding="utf-8").read()
check("还有一个问题，这里" in text, "hook qinggao-fix applies the fix")
check(r.returncode == 1, "hook qinggao-fix still fails on the repeat it cannot fix")
shutil.rmtree(d)

# ---- the configuration example --------------------------------------------------------------
ini = re.search(r"```ini\n(.*?)```", md, re.S).group(1)
d = workspace(BAD)
with open(os.path.join(d, "articles", ".qinggao.ini"), "w", encoding="utf-8") as f:
    f.write(ini)
os.makedirs(os.path.join(d, "articles", "cues"))
open(os.path.join(d, "articles", "cues", "our-paper.txt"), "w").close()
os.makedirs(os.path.join(d, "articles", "terms"))
with open(os.path.join(d, "articles", "terms", "our-desk.txt"), "w", encoding="utf-8") as f:
    f.write("社区网格员\n")
os.makedirs(os.path.join(d, "articles", "drafts"))
with open(os.path.join(d, "articles", "drafts", "x.txt"), "w", encoding="utf-8") as f:
    f.write(BAD)
# the archive the example names, holding the drafts' text, which the article repeats
r = subprocess.run([QG, "archive", "add", "-q", "--archive", "published.db", "articles/drafts"],
                   cwd=d, capture_output=True, text=True)
check(r.returncode == 0, f"archive add for the documented config ({r.stderr[:300]})")
r = subprocess.run([QG, "lint", "articles"], cwd=d, capture_output=True, text=True)
check(r.returncode == 1, f"the documented .qinggao.ini loads ({r.returncode}: {r.stderr[:300]})")
check(not re.search(r"^[^:]*drafts/", r.stdout, re.M), "the documented ignore pattern ignores drafts/")
check("[dup-paragraph]" in r.stdout and "error" in r.stdout, "the documented config keeps repeats errors")
check(re.search(r"a\.txt:1:1: error: paragraph was published before: articles/drafts/x\.txt line 1 .*\[dup-archive\]", r.stdout),
      "the documented archive is checked and named")
shutil.rmtree(d)

print(f"{passes} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
