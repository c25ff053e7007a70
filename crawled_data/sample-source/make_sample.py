#!/usr/bin/env python3
"""Build the project's sample bench from the hand-written file versions next to this script.

Input (all under crawled_data/sample-source/):

    repos/{owner}/{name}/...                 the code base of each sample project before any
                                             sample pull request
    pulls/{instance_id}/pull.json            repo, instance_num, created_at, optional title
    pulls/{instance_id}/body.md              optional PR body (stored with LF; written with CRLF,
                                             without the final line end, as GitHub returns it)
    pulls/{instance_id}/issues.txt           optional text of the linked issue (verbatim, LF)
    pulls/{instance_id}/step-{k}/{path}      full text of {path} after edit step k, only for the
                                             files that step k changes

A pull request starts from the state of its repository after every earlier (lower-numbered)
sample pull request of that repository, so the instances of one repository form one history.

Output (relative to --root, by default the project root):

    crawled_data/bench/{owner}-{name}-task-instances.jsonl   one bench record per pull request,
                                                            newest first
    crawled_data/bench/all-task-instances.jsonl              the per-repo files concatenated in
                                                            file-name order (what merge-bench makes)
    patch_histories/{instance_id}/whole.diff                 and one folder per edited file with
        original.py, final.py, {k}.diff (k = global step number), whole-1.diff

Diffs are unified diffs with 3 lines of context and git's headers ("diff --git a/P b/P",
"--- a/P", "+++ b/P"); hunk headers carry git's Python function context. Everything written is
then checked: each step diff applies with GNU patch (no fuzz, no offset) in order to original.py
and ends at final.py, whole diffs apply to the originals, and every JSONL line parses back to the
same record.

Usage:  python3 make_sample.py            regenerate in place
        python3 make_sample.py --check    regenerate into a temporary folder and compare with
                                          the committed files (exit status 1 on a difference)

Python 3.9+ standard library only; the verification needs GNU patch on PATH (--no-patch skips it).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent.parent

# The field set and order of the reference bench records (crawled_data/bench/*.jsonl).
FIELDS = (
    "instance_id", "instance_num", "repo", "base_commit", "html_url", "created_at",
    "title_mes", "body_mes", "issues_mes", "other_mes", "resolved_issues", "files_work",
    "files_test", "work_patch", "work_patch_list", "num_changes", "test_patch", "fail_to_pass",
    "pass_to_fail", "fail_to_fail", "pass_to_pass", "version", "version_commit",
)
PULL_KEYS = {"repo", "instance_num", "created_at", "title"}
CREATED_AT_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
STEP_DIR_RE = re.compile(r"step-([1-9][0-9]*)")
# git's built-in "python" diff driver (userdiff.c): the function name shown after "@@ ... @@".
PY_FUNCNAME_RE = re.compile(r"^[ \t]*((class|(async[ \t]+)?def)[ \t].*)$")
CONTEXT = 3


class SampleError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# reading the source

def read_version(path: Path) -> str:
    """A file version: strict UTF-8, LF line ends, ending with a line end."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise SampleError(f"{path}: not UTF-8 ({e})") from None
    if "\r" in text:
        raise SampleError(f"{path}: contains CR; file versions must use LF line ends")
    if not text.endswith("\n"):
        raise SampleError(f"{path}: must end with a line end")
    return text


def read_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): read_version(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def load_repos(source: Path) -> dict[str, dict[str, str]]:
    repos = {}
    for owner in sorted((source / "repos").iterdir()):
        for name in sorted(owner.iterdir()):
            repos[f"{owner.name}/{name.name}"] = read_tree(name)
    if not repos:
        raise SampleError(f"no repositories under {source / 'repos'}")
    return repos


def load_pull(folder: Path) -> dict:
    meta = json.loads((folder / "pull.json").read_text(encoding="utf-8"))
    unknown = set(meta) - PULL_KEYS
    missing = {"repo", "instance_num", "created_at"} - set(meta)
    if unknown or missing:
        raise SampleError(f"{folder}/pull.json: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    owner, name = meta["repo"].split("/")
    instance_id = f"{owner}__{name}-pull-{meta['instance_num']}"
    if folder.name != instance_id:
        raise SampleError(f"{folder}: folder name should be the instance id {instance_id}")
    if not CREATED_AT_RE.fullmatch(meta["created_at"]):
        raise SampleError(f"{folder}: created_at {meta['created_at']!r} is not YYYY-MM-DDTHH:MM:SSZ")

    body = ""
    if (folder / "body.md").exists():
        body = (folder / "body.md").read_text(encoding="utf-8").replace("\r\n", "\n")
        body = body.rstrip("\n").replace("\n", "\r\n")
    issues = ""
    if (folder / "issues.txt").exists():
        issues = (folder / "issues.txt").read_text(encoding="utf-8").replace("\r\n", "\n")

    steps = {}
    for d in folder.iterdir():
        if d.is_dir():
            m = STEP_DIR_RE.fullmatch(d.name)
            if not m:
                raise SampleError(f"{d}: expected step-<k> folders only")
            steps[int(m.group(1))] = read_tree(d)
    if sorted(steps) != list(range(1, len(steps) + 1)) or not steps:
        raise SampleError(f"{folder}: step folders must be step-1 .. step-N, found {sorted(steps)}")
    for k, files in steps.items():
        if not files:
            raise SampleError(f"{folder}/step-{k}: no files")
    return {
        "instance_id": instance_id,
        "repo": meta["repo"],
        "instance_num": meta["instance_num"],
        "created_at": meta["created_at"],
        "title": meta.get("title", ""),
        "body": body,
        "issues": issues,
        "steps": [steps[k] for k in sorted(steps)],
    }


# ---------------------------------------------------------------------------------------------
# diffs

def encode_path(path: str) -> str:
    return path.replace("/", "__").replace(".", "__")


def _range(start: int, length: int) -> str:
    # GNU diff / difflib convention: "n" for one line, "n-1,0" for an empty range.
    if length == 1:
        return f"{start + 1}"
    if length == 0:
        return f"{start},0"
    return f"{start + 1},{length}"


def _funcname(old: list[str], first: int) -> str:
    """git's hunk-header context: the nearest line before index ``first`` that matches."""
    for i in range(first - 1, -1, -1):
        m = PY_FUNCNAME_RE.match(old[i].rstrip("\n"))
        if m:
            name = m.group(1).encode("utf-8")[:80].rstrip()
            return name.decode("utf-8", errors="ignore")
    return ""


# git's diff slides an added or removed block of lines (e.g. a new function framed by blank
# lines) to the position its "indent heuristic" likes best; difflib leaves it wherever the match
# happened to fall. The following is a port of xdl_change_compact() from git's xdiff/xdiffi.c,
# so that the sample's diffs look like the ones git (and the crawled corpus) produce.
MAX_INDENT = 200
MAX_BLANKS = 20
INDENT_HEURISTIC_MAX_SLIDING = 100


class _Side:
    """One file of a diff with its changed-line flags (xdfile_t with rchg)."""

    def __init__(self, lines: list[str], changed: list[bool]) -> None:
        self.recs = lines
        self.nrec = len(lines)
        self._rchg = [False] + changed + [False]  # sentinels for lines -1 and nrec

    def rchg(self, i: int) -> bool:
        return self._rchg[i + 1]

    def set(self, i: int, value: bool) -> None:
        self._rchg[i + 1] = value


class _Group:
    def __init__(self, side: _Side) -> None:
        self.side = side
        self.start = self.end = 0
        while side.rchg(self.end):
            self.end += 1

    def next(self) -> bool:
        s = self.side
        if self.end == s.nrec:
            return False
        self.start = self.end + 1
        self.end = self.start
        while s.rchg(self.end):
            self.end += 1
        return True

    def previous(self) -> bool:
        s = self.side
        if self.start == 0:
            return False
        self.end = self.start - 1
        self.start = self.end
        while s.rchg(self.start - 1):
            self.start -= 1
        return True

    def slide_down(self) -> bool:
        s = self.side
        if self.end < s.nrec and s.recs[self.start] == s.recs[self.end]:
            s.set(self.start, False)
            s.set(self.end, True)
            self.start += 1
            self.end += 1
            while s.rchg(self.end):
                self.end += 1
            return True
        return False

    def slide_up(self) -> bool:
        s = self.side
        if self.start > 0 and s.recs[self.start - 1] == s.recs[self.end - 1]:
            self.start -= 1
            self.end -= 1
            s.set(self.start, True)
            s.set(self.end, False)
            while s.rchg(self.start - 1):
                self.start -= 1
            return True
        return False


def _indent(line: str) -> int:
    ret = 0
    for c in line:
        if c not in " \t\n\r":  # git's isspace()
            return ret
        if c == " ":
            ret += 1
        elif c == "\t":
            ret += 8 - ret % 8
        if ret >= MAX_INDENT:
            return MAX_INDENT
    return -1  # only whitespace


def _measure_split(side: _Side, split: int) -> tuple[bool, int, int, int, int, int]:
    if split >= side.nrec:
        end_of_file, indent = True, -1
    else:
        end_of_file, indent = False, _indent(side.recs[split])
    pre_blank, pre_indent = 0, -1
    for i in range(split - 1, -1, -1):
        pre_indent = _indent(side.recs[i])
        if pre_indent != -1:
            break
        pre_blank += 1
        if pre_blank == MAX_BLANKS:
            pre_indent = 0
            break
    post_blank, post_indent = 0, -1
    for i in range(split + 1, side.nrec):
        post_indent = _indent(side.recs[i])
        if post_indent != -1:
            break
        post_blank += 1
        if post_blank == MAX_BLANKS:
            post_indent = 0
            break
    return end_of_file, indent, pre_blank, pre_indent, post_blank, post_indent


def _score_split(m: tuple[bool, int, int, int, int, int], score: list[int]) -> None:
    end_of_file, indent, pre_blank, pre_indent, post_blank, post_indent = m
    if pre_indent == -1 and pre_blank == 0:
        score[1] += 1  # START_OF_FILE_PENALTY
    if end_of_file:
        score[1] += 21  # END_OF_FILE_PENALTY
    post_blank = 1 + post_blank if indent == -1 else 0
    total_blank = pre_blank + post_blank
    score[1] += -30 * total_blank + 6 * post_blank  # TOTAL_BLANK_WEIGHT, POST_BLANK_WEIGHT
    if indent == -1:
        indent = post_indent
    any_blanks = total_blank != 0
    score[0] += indent
    if indent == -1 or pre_indent == -1 or indent == pre_indent:
        pass
    elif indent > pre_indent:
        score[1] += 10 if any_blanks else -4
    elif post_indent != -1 and post_indent > indent:
        score[1] += 17 if any_blanks else 24
    else:
        score[1] += 17 if any_blanks else 23


def _score_cmp(s1: list[int], s2: list[int]) -> int:
    cmp_indents = (s1[0] > s2[0]) - (s1[0] < s2[0])
    return 60 * cmp_indents + (s1[1] - s2[1])


def _change_compact(xdf: _Side, xdfo: _Side) -> None:
    g, go = _Group(xdf), _Group(xdfo)
    while True:
        if g.end != g.start:
            while True:
                groupsize = g.end - g.start
                end_matching_other = -1
                while g.slide_up():
                    if not go.previous():
                        raise AssertionError("group sync broken sliding up")
                earliest_end = g.end
                if go.end > go.start:
                    end_matching_other = g.end
                while g.slide_down():
                    if not go.next():
                        raise AssertionError("group sync broken sliding down")
                    if go.end > go.start:
                        end_matching_other = g.end
                if groupsize == g.end - g.start:
                    break
            if g.end == earliest_end:
                pass
            elif end_matching_other != -1:
                while go.end == go.start:
                    if not g.slide_up() or not go.previous():
                        raise AssertionError("match disappeared")
            else:
                shift = max(earliest_end, g.end - groupsize - 1, g.end - INDENT_HEURISTIC_MAX_SLIDING)
                best_shift, best_score = -1, None
                while shift <= g.end:
                    score = [0, 0]
                    _score_split(_measure_split(xdf, shift), score)
                    _score_split(_measure_split(xdf, shift - groupsize), score)
                    if best_shift == -1 or _score_cmp(score, best_score) <= 0:
                        best_score, best_shift = score, shift
                    shift += 1
                while g.end > best_shift:
                    if not g.slide_up() or not go.previous():
                        raise AssertionError("best shift unreached")
        if not g.next():
            break
        if not go.next():
            raise AssertionError("group sync broken moving to next group")


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's matching, compacted the way git compacts it, as difflib-style opcodes."""
    ca, cb = [True] * len(a), [True] * len(b)
    for i, j, n in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        ca[i:i + n] = [False] * n
        cb[j:j + n] = [False] * n
    xa, xb = _Side(a, ca), _Side(b, cb)
    _change_compact(xa, xb)
    _change_compact(xb, xa)
    ops = []
    i = j = 0
    while i < len(a) or j < len(b):
        if i < len(a) and j < len(b) and not xa.rchg(i) and not xb.rchg(j):
            i0, j0 = i, j
            while i < len(a) and j < len(b) and not xa.rchg(i) and not xb.rchg(j):
                i, j = i + 1, j + 1
            ops.append(("equal", i0, i, j0, j))
            continue
        i0, j0 = i, j
        while i < len(a) and xa.rchg(i):
            i += 1
        while j < len(b) and xb.rchg(j):
            j += 1
        if (i, j) == (i0, j0):
            raise AssertionError("unchanged lines out of step")
        tag = "replace" if i > i0 and j > j0 else ("delete" if i > i0 else "insert")
        ops.append((tag, i0, i, j0, j))
    return ops


def _grouped(ops: list[tuple[str, int, int, int, int]], n: int):
    """difflib.SequenceMatcher.get_grouped_opcodes() over the given opcodes."""
    codes = list(ops) or [("equal", 0, 1, 0, 1)]
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    nn = n + n
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > nn:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def unified_diff(path: str, before: str, after: str) -> str:
    """git-style unified diff of one file, 3 lines of context; "" when nothing changed."""
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    out = []
    for group in _grouped(_opcodes(a, b), CONTEXT):
        i1, i2 = group[0][1], group[-1][2]
        j1, j2 = group[0][3], group[-1][4]
        header = f"@@ -{_range(i1, i2 - i1)} +{_range(j1, j2 - j1)} @@"
        func = _funcname(a, i1)
        out.append(f"{header} {func}\n" if func else header + "\n")
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[x1:x2])
                continue
            if tag in ("replace", "delete"):
                out.extend("-" + line for line in a[x1:x2])
            if tag in ("replace", "insert"):
                out.extend("+" + line for line in b[y1:y2])
    if not out:
        return ""
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + "".join(out)


# ---------------------------------------------------------------------------------------------
# building

def build(source: Path) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Returns the bench records per repository and, per instance, what its folder holds."""
    repos = load_repos(source)
    pulls = [load_pull(d) for d in sorted((source / "pulls").iterdir()) if d.is_dir()]
    dates = [p["created_at"] for p in pulls]
    if len(set(dates)) != len(dates):
        raise SampleError("created_at values must be distinct")

    records: dict[str, list[dict]] = {repo: [] for repo in repos}
    histories: dict[str, dict] = {}
    for repo, base in repos.items():
        state = dict(base)
        mine = sorted((p for p in pulls if p["repo"] == repo), key=lambda p: int(p["instance_num"]))
        for earlier, later in zip(mine, mine[1:]):
            if earlier["created_at"] >= later["created_at"]:
                raise SampleError(f"{later['instance_id']} is numbered after {earlier['instance_id']} "
                                  "but not created after it")
        for pull in mine:
            rec, history = build_instance(pull, state)
            records[repo].append(rec)
            histories[pull["instance_id"]] = history
            state.update(history["finals"])
    unknown = {p["repo"] for p in pulls} - set(repos)
    if unknown:
        raise SampleError(f"pull requests for repositories without a base snapshot: {sorted(unknown)}")
    for repo in records:  # newest first, as the crawler lists pull requests
        records[repo].sort(key=lambda r: int(r["instance_num"]), reverse=True)
    return records, histories


def build_instance(pull: dict, state: dict[str, str]) -> tuple[dict, dict]:
    iid = pull["instance_id"]
    files_work = sorted({path for step in pull["steps"] for path in step})
    for path in files_work:
        if path not in state:
            raise SampleError(f"{iid}: {path} does not exist in {pull['repo']} (new files are not supported)")
    originals = {path: state[path] for path in files_work}
    current = dict(originals)
    versions = {path: [] for path in files_work}  # (k, text after step k)
    step_diffs = {path: {} for path in files_work}
    work_patch_list = []
    for k, step in enumerate(pull["steps"], start=1):
        diffs = []
        for path in files_work:
            if path not in step:
                continue
            diff = unified_diff(path, current[path], step[path])
            if not diff:
                raise SampleError(f"{iid}: step {k} does not change {path}")
            diffs.append(diff)
            step_diffs[path][k] = diff
            current[path] = step[path]
            versions[path].append((k, step[path]))
        work_patch_list.append(diffs)
    finals = current
    wholes = {path: unified_diff(path, originals[path], finals[path]) for path in files_work}
    for path, diff in wholes.items():
        if not diff:
            raise SampleError(f"{iid}: {path} ends where it started")
    work_patch = "".join(wholes[path] for path in files_work)

    rec = {
        "instance_id": iid,
        "instance_num": pull["instance_num"],
        "repo": pull["repo"],
        "base_commit": "",
        "html_url": "",
        "created_at": pull["created_at"],
        "title_mes": pull["title"],
        "body_mes": pull["body"],
        "issues_mes": pull["issues"],
        "other_mes": [],
        "resolved_issues": [],
        "files_work": files_work,
        "files_test": [],
        "work_patch": work_patch,
        "work_patch_list": work_patch_list,
        "num_changes": len(work_patch_list),
        "test_patch": "",
        "fail_to_pass": [],
        "pass_to_fail": [],
        "fail_to_fail": [],
        "pass_to_pass": [],
        "version": "",
        "version_commit": "",
    }
    assert tuple(rec) == FIELDS
    history = {"originals": originals, "finals": finals, "versions": versions,
               "step_diffs": step_diffs, "wholes": wholes, "work_patch": work_patch}
    return rec, history


# ---------------------------------------------------------------------------------------------
# writing

def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def bench_file_name(repo: str) -> str:
    return repo.replace("/", "-") + "-task-instances.jsonl"


def write_all(root: Path, records: dict[str, list[dict]], histories: dict[str, dict]) -> list[str]:
    bench = root / "crawled_data" / "bench"
    names = []
    for repo, recs in records.items():
        name = bench_file_name(repo)
        write_text(bench / name, "".join(json.dumps(r) + "\n" for r in recs))
        names.append(name)
    names.sort()
    write_text(bench / "all-task-instances.jsonl",
               "".join((bench / n).read_text(encoding="utf-8") for n in names))

    ph = root / "patch_histories"
    for iid, h in histories.items():
        folder = ph / iid
        if folder.exists():
            shutil.rmtree(folder)
        write_text(folder / "whole.diff", h["work_patch"])
        for path in h["originals"]:
            d = folder / encode_path(path)
            write_text(d / "original.py", h["originals"][path])
            write_text(d / "final.py", h["finals"][path])
            write_text(d / "whole-1.diff", h["wholes"][path])
            for k, diff in h["step_diffs"][path].items():
                write_text(d / f"{k}.diff", diff)
    return names


# ---------------------------------------------------------------------------------------------
# verification of what was written

def read_exact(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def run_patch(args: list[str], what: str) -> None:
    proc = subprocess.run(["patch", "--batch", "--fuzz=0", "--no-backup-if-mismatch",
                           "--reject-file=-", *args], capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or re.search(r"offset|fuzz|FAILED|reversed", output, re.I):
        raise SampleError(f"patch did not apply cleanly: {what}\n{output}")


def verify(root: Path, names: list[str], histories: dict[str, dict], use_patch: bool) -> int:
    bench = root / "crawled_data" / "bench"
    ph = root / "patch_histories"
    all_lines = read_exact(bench / "all-task-instances.jsonl")
    if all_lines != "".join(read_exact(bench / n) for n in names):
        raise SampleError("all-task-instances.jsonl is not the concatenation of the per-repo files")
    count = 0
    for line in all_lines.splitlines(keepends=True):
        if not line.endswith("\n") or "\r" in line:
            raise SampleError("JSONL lines must end with LF and hold no raw CR")
        rec = json.loads(line)
        if tuple(rec) != FIELDS or json.dumps(rec) + "\n" != line:
            raise SampleError(f"{rec.get('instance_id')}: field order or formatting differs")
        verify_record(rec, ph / rec["instance_id"], histories[rec["instance_id"]], use_patch)
        count += 1
    if count != len(histories):
        raise SampleError(f"{count} records for {len(histories)} instances")
    return count


def verify_record(rec: dict, folder: Path, h: dict, use_patch: bool) -> None:
    iid = rec["instance_id"]
    for key in ("instance_num", "repo", "base_commit", "html_url", "created_at", "title_mes",
                "body_mes", "issues_mes", "work_patch", "test_patch", "version", "version_commit"):
        if not isinstance(rec[key], str):
            raise SampleError(f"{iid}: {key} is not a string")
    files = rec["files_work"]
    if files != sorted(files) or len(set(files)) != len(files):
        raise SampleError(f"{iid}: files_work not sorted and unique")
    if rec["num_changes"] != len(rec["work_patch_list"]) or rec["num_changes"] < 2:
        raise SampleError(f"{iid}: num_changes does not match work_patch_list")
    if read_exact(folder / "whole.diff") != rec["work_patch"]:
        raise SampleError(f"{iid}: whole.diff differs from work_patch")
    if rec["work_patch"] != "".join(read_exact(folder / encode_path(p) / "whole-1.diff") for p in files):
        raise SampleError(f"{iid}: work_patch is not the per-file whole diffs in files_work order")

    expected_dirs = {encode_path(p) for p in files}
    actual_dirs = {d.name for d in folder.iterdir() if d.is_dir()}
    if expected_dirs != actual_dirs:
        raise SampleError(f"{iid}: folders {sorted(actual_dirs)}, expected {sorted(expected_dirs)}")
    for path in files:
        d = folder / encode_path(path)
        whole1 = read_exact(d / "whole-1.diff")
        if whole1.split("\n", 1)[0] != f"diff --git a/{path} b/{path}":
            raise SampleError(f"{iid}: {d}/whole-1.diff does not name {path} on its first line")
        on_disk = sorted(int(f.name[:-5]) for f in d.iterdir() if re.fullmatch(r"[0-9]+\.diff", f.name))
        if on_disk != sorted(h["step_diffs"][path]):
            raise SampleError(f"{iid}: {d} holds steps {on_disk}")
        for k in on_disk:
            step_texts = rec["work_patch_list"][k - 1]
            if read_exact(d / f"{k}.diff") not in step_texts:
                raise SampleError(f"{iid}: {d}/{k}.diff is not in work_patch_list[{k - 1}]")
    for k, step in enumerate(rec["work_patch_list"], start=1):
        expected = [read_exact(folder / encode_path(p) / f"{k}.diff")
                    for p in files if (folder / encode_path(p) / f"{k}.diff").exists()]
        if step != expected:
            raise SampleError(f"{iid}: work_patch_list[{k - 1}] differs from the {k}.diff files")
        for diff in step:
            if not diff.endswith("\n") or "\\ No newline" in diff:
                raise SampleError(f"{iid}: step {k} diff does not end with a line end")

    if use_patch:
        verify_with_patch(iid, folder, files, h)


def verify_with_patch(iid: str, folder: Path, files: list[str], h: dict) -> None:
    with tempfile.TemporaryDirectory(prefix="sample-patch-") as tmp:
        tmp = Path(tmp)
        for path in files:
            d = folder / encode_path(path)
            work = tmp / "work.py"
            write_text(work, read_exact(d / "original.py"))
            for k, expected in h["versions"][path]:
                run_patch(["-i", str(d / f"{k}.diff"), str(work)], f"{iid} {path} step {k}")
                if read_exact(work) != expected:
                    raise SampleError(f"{iid}: {path} after step {k} differs from step-{k}/{path}")
            if read_exact(work) != read_exact(d / "final.py"):
                raise SampleError(f"{iid}: {path}: the steps do not end at final.py")
            write_text(work, read_exact(d / "original.py"))
            run_patch(["-i", str(d / "whole-1.diff"), str(work)], f"{iid} {path} whole-1.diff")
            if read_exact(work) != read_exact(d / "final.py"):
                raise SampleError(f"{iid}: {path}: whole-1.diff does not lead to final.py")
        tree = tmp / "tree"
        for path in files:
            write_text(tree / path, read_exact(folder / encode_path(path) / "original.py"))
        run_patch(["-p1", "-d", str(tree), "-i", str(folder / "whole.diff")], f"{iid} whole.diff")
        for path in files:
            if read_exact(tree / path) != read_exact(folder / encode_path(path) / "final.py"):
                raise SampleError(f"{iid}: whole.diff does not lead to final.py of {path}")


# ---------------------------------------------------------------------------------------------

def compare(generated: Path, committed: Path, names: list[str], instances: list[str]) -> list[str]:
    problems = []
    for name in names + ["all-task-instances.jsonl"]:
        rel = Path("crawled_data", "bench", name)
        if not (committed / rel).exists() or (committed / rel).read_bytes() != (generated / rel).read_bytes():
            problems.append(f"{rel} differs")
    for iid in instances:
        rel = Path("patch_histories", iid)
        gen = {p.relative_to(generated / rel): p.read_bytes() for p in (generated / rel).rglob("*") if p.is_file()}
        com = {p.relative_to(committed / rel): p.read_bytes()
               for p in (committed / rel).rglob("*") if p.is_file()} if (committed / rel).exists() else {}
        for f in sorted(set(gen) | set(com)):
            if gen.get(f) != com.get(f):
                problems.append(f"{rel / f} differs" if f in gen and f in com
                                else f"{rel / f} {'missing' if f in gen else 'not generated'}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT,
                    help="project root to write into (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="generate into a temporary folder and compare with the files under --root")
    ap.add_argument("--no-patch", action="store_true", help="skip the GNU patch verification")
    args = ap.parse_args(argv)
    use_patch = not args.no_patch
    if use_patch and shutil.which("patch") is None:
        print("make_sample: GNU patch is not on PATH (use --no-patch to skip that check)", file=sys.stderr)
        return 2
    try:
        records, histories = build(HERE)
        if args.check:
            with tempfile.TemporaryDirectory(prefix="sample-check-") as tmp:
                names = write_all(Path(tmp), records, histories)
                count = verify(Path(tmp), names, histories, use_patch)
                problems = compare(Path(tmp), args.root, names, list(histories))
            if problems:
                print("make_sample --check: the committed sample is out of date:", file=sys.stderr)
                for p in problems:
                    print("  " + p, file=sys.stderr)
                return 1
            print(f"make_sample --check: {count} instances, committed files are up to date")
            return 0
        names = write_all(args.root, records, histories)
        count = verify(args.root, names, histories, use_patch)
    except SampleError as e:
        print(f"make_sample: {e}", file=sys.stderr)
        return 1
    steps = sum(r["num_changes"] for recs in records.values() for r in recs)
    print(f"make_sample: wrote {count} instances ({steps} steps) to {args.root}/crawled_data/bench "
          f"and {args.root}/patch_histories; all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
