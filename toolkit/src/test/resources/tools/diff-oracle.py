#!/usr/bin/env python3
"""Differential check of org.editbench.diff against the real tools (development only, not CI).

Generates random cases, answers them with GNU patch 2.7.6 (run as the reference runs it:
patch --batch --fuzz=1 -p0 -i diff.txt target.txt) and with python3's difflib, answers them
with our Java code (DiffOracleMain), and reports every mismatch.

    python3 toolkit/src/test/resources/tools/diff-oracle.py [--cases N] [--seed S] [--corpus DIR] [--keep]

--corpus replays every step diff of a realistic-editbench patch_histories folder as well.
Run `mvn -q -pl toolkit test-compile` first (the script does it unless --no-build).
"""
import argparse
import difflib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
TOOLKIT = os.path.join(REPO, 'toolkit')

# Lines chosen to repeat, so that hunks have several candidate places and autojunk kicks in.
COMMON = ['\n', '    pass\n', '}\n', '        return x\n', '    else:\n', '# comment\n', '\tindented\n']


def write(path, text):
    with open(path, 'wb') as f:
        f.write(text.encode('utf-8'))


def read(path):
    with open(path, 'rb') as f:
        return f.read().decode('utf-8')


def random_lines(rng, n, unique_prefix):
    lines = []
    for i in range(n):
        if rng.random() < 0.35:
            lines.append(rng.choice(COMMON))
        else:
            lines.append('%s %d %d\n' % (unique_prefix, i, rng.randrange(1000)))
    return lines


def edit(rng, lines, edits):
    lines = list(lines)
    for _ in range(edits):
        op = rng.random()
        pos = rng.randrange(len(lines) + 1)
        if op < 0.35 or not lines:
            lines[pos:pos] = random_lines(rng, rng.randint(1, 4), 'new')
        elif op < 0.65:
            del lines[pos:pos + rng.randint(1, 3)]
        else:
            lines[pos:pos + rng.randint(1, 3)] = random_lines(rng, rng.randint(1, 3), 'changed')
    return lines


def unified(rng, before, after):
    """A diff of before → after: difflib's (as the corpus has) or GNU diff's (with markers)."""
    if rng.random() < 0.75:
        n = rng.choice([3, 3, 3, 1, 2, 0])
        body = ''.join(difflib.unified_diff(before, after, 'a/P', 'b/P', n=n))
        return 'diff --git a/P b/P\n' + body
    d = tempfile.mkdtemp()
    try:
        write(os.path.join(d, 'a'), ''.join(before))
        write(os.path.join(d, 'b'), ''.join(after))
        n = rng.choice([3, 3, 1, 2])
        r = subprocess.run(['diff', '-U%d' % n, 'a', 'b'], cwd=d, capture_output=True)
        return r.stdout.decode('utf-8')
    finally:
        shutil.rmtree(d)


def drop_final_newline(lines):
    if lines and lines[-1].endswith('\n'):
        lines = lines[:-1] + [lines[-1][:-1]]
    return lines


def patch_case(rng):
    before = random_lines(rng, rng.randint(0, 60), 'line')
    after = edit(rng, before, rng.randint(1, 4))
    if rng.random() < 0.15:
        before = drop_final_newline(before)
    if rng.random() < 0.15:
        after = drop_final_newline(after)
    diff = unified(rng, before, after)
    target = list(before)
    r = rng.random()
    if r < 0.25:  # drift: lines added or removed elsewhere → offsets
        target = edit(rng, target, rng.randint(1, 3))
    elif r < 0.45 and target:  # one line changed, often next to a change → fuzz or failure
        i = rng.randrange(len(target))
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, before, after).get_opcodes():
            if tag != 'equal' and rng.random() < 0.7:
                i = min(len(target) - 1, max(0, rng.choice([i1 - 3, i1 - 1, i2, i2 + 2])))
                break
        target[i] = 'drifted %d\n' % rng.randrange(1000)
    elif r < 0.5:  # already applied → reversed
        target = list(after)
    elif r < 0.53:
        target = []
    r = rng.random()
    if r < 0.4 and diff:  # a step diff cut in the middle of a line, as in the corpus
        diff = diff[:rng.randrange(len(diff) + 1)]
    elif r < 0.5:
        lines = diff.splitlines(keepends=True)
        diff = ''.join(lines[:max(0, len(lines) - rng.randint(1, 5))])
    elif r < 0.55:
        lines = diff.splitlines(keepends=True)
        lines.insert(rng.randrange(len(lines) + 1), '# a comment\n')
        diff = ''.join(lines)
    elif r < 0.6:
        diff = diff.replace('\n \n', '\n\n')
    elif r < 0.7:
        diff = reshuffle_hunks(rng, diff)
    return ''.join(target), diff


def reshuffle_hunks(rng, diff):
    """Hunks out of order, repeated, or separated by other text (a second section for GNU)."""
    parts = re.split(r'(?m)^(?=@@ -)', diff)
    head, hunks = parts[0], parts[1:]
    if len(hunks) < 2:
        return diff
    r = rng.random()
    if r < 0.4:
        rng.shuffle(hunks)
    elif r < 0.7:
        hunks.insert(rng.randrange(len(hunks) + 1), rng.choice(hunks))
    else:
        hunks.insert(rng.randrange(1, len(hunks)), 'some text between hunks\n')
    return head + ''.join(hunks)


TERMINATORS = ['\n', '\n', '\n', '\r\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85',
               '\u2028', '\u2029']


def text_case(rng):
    big = rng.random() < 0.25
    n = rng.randint(190, 420) if big else rng.randint(0, 30)
    lines = random_lines(rng, n, 'row')
    if rng.random() < 0.3:  # other line boundaries and a form feed inside lines
        lines = [l[:-1] + rng.choice(['', '\x0c x']) + rng.choice(TERMINATORS) for l in lines]
    other = edit(rng, lines, rng.randint(0, 8 if big else 3))
    if big and rng.random() < 0.5:  # many blank lines: popular once len(b) >= 200
        other = [l if rng.random() < 0.7 else '\n' for l in other]
    a, b = ''.join(lines), ''.join(other)
    if rng.random() < 0.2:
        a = a.rstrip('\n')
    if rng.random() < 0.2:
        b = b.rstrip('\n')
    if rng.random() < 0.05:
        a = ''
    return a, b


def gnu_patch(original, diff, d):
    target, patch = os.path.join(d, 'target.txt'), os.path.join(d, 'diff.txt')
    write(target, original)
    write(patch, diff)
    r = subprocess.run(['patch', '--verbose', '--batch', '--fuzz=1', '-p0', '-i', patch, target],
                       capture_output=True, cwd=d)
    out = r.stdout.decode('utf-8', 'replace') + r.stderr.decode('utf-8', 'replace')
    failed = r.returncode != 0 or 'Assuming -R' in out
    hunks = []
    for m in re.finditer(r'Hunk #\d+ succeeded at (\d+)(?: with fuzz (\d+))?(?: \(offset (-?\d+) lines?\))?', out):
        hunks.append('%s %s %s' % (m.group(1), m.group(3) or '0', m.group(2) or '0'))
    return failed, (None if failed else read(target)), hunks, out


def corpus_cases(root):
    for inst in sorted(os.listdir(root)):
        for enc in sorted(os.listdir(os.path.join(root, inst))):
            folder = os.path.join(root, inst, enc)
            if not os.path.isdir(folder):
                continue
            steps = sorted(int(f[:-5]) for f in os.listdir(folder) if re.fullmatch(r'\d+\.diff', f))
            yield folder, steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cases', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--corpus')
    ap.add_argument('--keep', action='store_true')
    ap.add_argument('--no-build', action='store_true')
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(['mvn', '-q', '-pl', 'toolkit', 'test-compile'], cwd=REPO, check=True)

    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix='diff-oracle-')
    scratch = os.path.join(work, 'scratch')
    cases = os.path.join(work, 'cases')
    os.makedirs(scratch)
    os.makedirs(cases)
    expected = {}

    def add_patch_case(name, original, diff):
        d = os.path.join(cases, name)
        os.makedirs(d)
        write(os.path.join(d, 'original'), original)
        write(os.path.join(d, 'diff'), diff)
        failed, text, hunks, log = gnu_patch(original, diff, scratch)
        for f in os.listdir(scratch):
            os.remove(os.path.join(scratch, f))
        expected[name] = ('patch', failed, text, hunks, log)
        return failed, text

    for k in range(args.cases):
        if k % 3 == 2:
            a, b = text_case(rng)
            name = 'u%05d' % k
            os.makedirs(os.path.join(cases, name))
            write(os.path.join(cases, name, 'a'), a)
            write(os.path.join(cases, name, 'b'), b)
            udiff = 'diff --git a/P b/P\n' + ''.join(difflib.unified_diff(
                a.splitlines(keepends=True), b.splitlines(keepends=True), 'a/P', 'b/P', lineterm='\n'))
            expected[name] = ('udiff', udiff)
        else:
            add_patch_case('p%05d' % k, *patch_case(rng))

    if args.corpus:
        # Chain each file's steps through GNU's own results, so that every step is checked on the
        # text the reference would patch.
        for n, (folder, steps) in enumerate(corpus_cases(args.corpus)):
            text = read(os.path.join(folder, 'original.py'))
            for k in steps:
                failed, out = add_patch_case('c%04d_%03d' % (n, k), text,
                                             read(os.path.join(folder, '%d.diff' % k)))
                if failed:
                    break
                text = out

    classpath = os.pathsep.join([os.path.join(TOOLKIT, 'target', 'classes'),
                                 os.path.join(TOOLKIT, 'target', 'test-classes')])
    subprocess.run(['java', '-cp', classpath, 'org.editbench.diff.DiffOracleMain', cases], check=True)

    mismatches = 0
    for name in sorted(expected):
        d = os.path.join(cases, name)
        exp = expected[name]
        problem = None
        if exp[0] == 'udiff':
            got = read(os.path.join(d, 'java.udiff'))
            if got != exp[1]:
                problem = 'unified diff differs'
        else:
            _, failed, text, hunks, log = exp
            java_failed = os.path.exists(os.path.join(d, 'java.fail'))
            if failed != java_failed:
                problem = 'GNU %s, Java %s' % ('failed' if failed else 'applied',
                                                'failed' if java_failed else 'applied')
            elif not failed:
                if read(os.path.join(d, 'java.out')) != text:
                    problem = 'patched text differs'
                elif read(os.path.join(d, 'java.hunks')).splitlines() != hunks:
                    problem = 'hunk placements differ: GNU %s, Java %s' % (
                        hunks, read(os.path.join(d, 'java.hunks')).splitlines())
        if problem:
            mismatches += 1
            print('%s: %s (%s)' % (name, problem, d))
    # What the cases exercised, as GNU patch reported it.
    logs = [e[4] for e in expected.values() if e[0] == 'patch']
    for label, needle in [('failed hunk', 'FAILED'), ('fuzz', 'with fuzz'), ('offset', '(offset'),
                          ('reversed', 'Assuming -R'), ('cut mid-line', 'ends in middle of line'),
                          ('malformed', 'malformed'), ('diff ends early', 'unexpected end'),
                          ('no hunk', 'Only garbage'), ('misordered hunks', 'misordered'),
                          ('several sections', 'The next patch')]:
        print('%5d patch cases with %s' % (sum(needle in l for l in logs), label))
    print('%5d difflib cases' % sum(e[0] == 'udiff' for e in expected.values()))
    total = len(expected)
    print('%d cases, %d mismatches' % (total, mismatches))
    if not args.keep and not mismatches:
        shutil.rmtree(work)
    else:
        print('cases kept in', work)
    sys.exit(1 if mismatches else 0)


if __name__ == '__main__':
    main()
