"""Makes the BM25 benchmark corpus: the standard library of the Python running this script as a
git repository, and 20 instances, each a three-step history that edits one library file.

Usage: python3 bench/bm25_make_corpus.py OUT_DIR
Writes OUT_DIR/repos/python__stdlib (the clone); OUT_DIR/instances.jsonl (records with base_commit,
files_work, work_patch_list and the pre_edits the retrieval query is made of: the one step that
prompt-builder shows at info_pct 0.2); and the same instances as a bench for prompt-builder,
OUT_DIR/bench/python-stdlib-task-instances.jsonl with its OUT_DIR/patch_histories.
Standard library only: runs on Debian's python3 without pip.
"""
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from bm25_reference import candidates

THIRD_PARTY = {"site-packages", "dist-packages"}
INSTANCES = 20
SHOWN_STEPS = 1  # of the three, at info_pct 0.2: round(3 * 0.2)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def copy_stdlib(repo):
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for directory, subdirectories, files in os.walk(stdlib):
        subdirectories[:] = sorted(d for d in subdirectories if d not in THIRD_PARTY and d != "__pycache__")
        for name in files:
            if name.endswith(".py"):
                source = Path(directory) / name
                target = repo / source.relative_to(stdlib)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def step_diff(path, before, after):
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile="a/" + path, tofile="b/" + path)
    # Like the bench's step diffs: a header, the hunks, no final newline.
    return ("diff --git a/%s b/%s\n" % (path, path) + "".join(lines)).rstrip("\n")


def history(text):
    """Three edits a developer might make: import warnings, deprecate the first function, add a wrapper."""
    function = re.search(r"^def (\w+)\(.*\n((?:[ \t]*\n)*)([ \t]+)", text, re.M)
    first_import = re.search(r"^(?:import|from) .*\n", text, re.M)
    if not function or not first_import:
        return None
    name, indent = function.group(1), function.group(3)
    step1 = text[:first_import.end()] + "import warnings\n" + text[first_import.end():]
    function = re.search(r"^def %s\(.*\n((?:[ \t]*\n)*)" % name, step1, re.M)
    # The body starts after the signature; a multi-line signature ends at the first line ending in ':'.
    body = step1.index(":\n", function.start()) + 2
    warn = '%swarnings.warn("%s() is deprecated", DeprecationWarning, stacklevel=2)\n' % (indent, name)
    step2 = step1[:body] + warn + step1[body:]
    wrapper = '\n\ndef _%s_compat(*args, **kwargs):\n    """Compatibility wrapper for %s()."""\n    return %s(*args, **kwargs)\n' % (name, name, name)
    step3 = step2.rstrip("\n") + "\n" + wrapper
    return [step1, step2, step3]


def applies(path, original, steps, expected):
    """Applies the pre_edits one after another with git apply to a copy of the file."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(original, encoding="utf-8")
        for step in steps:
            result = subprocess.run(["git", "apply", "-"], cwd=scratch, input=step + "\n",
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return False
        return target.read_text(encoding="utf-8") == expected


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")


def write_history(folder, path, original, final, steps):
    """The reference's patch-history layout: original, final and one diff per step, per edited file."""
    folder = folder / path.replace("/", "__").replace(".", "__")
    folder.mkdir(parents=True)
    extension = Path(path).suffix
    (folder / ("original" + extension)).write_text(original, encoding="utf-8")
    (folder / ("final" + extension)).write_text(final, encoding="utf-8")
    for number, step in enumerate(steps, 1):
        (folder / ("%d.diff" % number)).write_text(step, encoding="utf-8")


def bench_record(instance_id, base_commit, path, original, final, steps):
    """A bench line as the crawler writes it, with the fields prompt-builder reads."""
    return {
        "instance_id": instance_id, "instance_num": instance_id.rsplit("-", 1)[1], "repo": "python/stdlib",
        "base_commit": base_commit, "html_url": "", "created_at": "2025-01-01T00:00:00Z",
        "title_mes": "Deprecate a function of " + path, "body_mes": "", "issues_mes": "", "other_mes": [],
        "resolved_issues": [], "files_work": [path], "files_test": [],
        "work_patch": step_diff(path, original, final), "work_patch_list": [[step] for step in steps],
        "num_changes": len(steps), "test_patch": "", "fail_to_pass": [], "pass_to_fail": [],
        "fail_to_fail": [], "pass_to_pass": [], "version": "", "version_commit": ""}


def main(out):
    repo = out / "repos" / "python__stdlib"
    repo.mkdir(parents=True)
    copy_stdlib(repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "stdlib")
    git(repo, "gc", "-q")  # packed, as a clone is
    base_commit = git(repo, "rev-parse", "HEAD").strip()

    # Mid-sized files in an order that is fixed but spread over the whole library.
    paths = [p for p in candidates(repo) if 4_000 <= (repo / p).stat().st_size <= 80_000]
    paths.sort(key=lambda p: hashlib.sha1(p.encode()).hexdigest())
    instances, bench = [], []
    for path in paths:
        original = (repo / path).read_text(encoding="utf-8", errors="ignore")
        if any(boundary in original for boundary in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
            continue  # difflib would split lines where git does not (form feeds are common here)
        versions = history(original)
        if versions is None:
            continue
        steps, before = [], original
        for after in versions:
            steps.append(step_diff(path, before, after))
            before = after
        pre_edits = [step + "\n" for step in steps]
        if not applies(path, original, pre_edits, versions[-1]):
            raise SystemExit("history does not apply: " + path)
        instance_id = "python__stdlib-pull-%d" % (len(instances) + 1)
        instances.append({
            "instance_id": instance_id, "repo": "python/stdlib", "base_commit": base_commit,
            "files_work": [path], "work_patch_list": [[step] for step in steps],
            "pre_edits": pre_edits[:SHOWN_STEPS]})
        write_history(out / "patch_histories" / instance_id, path, original, versions[-1], steps)
        bench.append(bench_record(instance_id, base_commit, path, original, versions[-1], steps))
        if len(instances) == INSTANCES:
            break
    if len(instances) < INSTANCES:
        raise SystemExit("only %d library files suit a history" % len(instances))
    write_jsonl(out / "instances.jsonl", instances)
    (out / "bench").mkdir()
    write_jsonl(out / "bench" / "python-stdlib-task-instances.jsonl", bench)
    print("corpus: %d candidate files, %d instances, base_commit %s" % (len(candidates(repo)), len(instances), base_commit))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
