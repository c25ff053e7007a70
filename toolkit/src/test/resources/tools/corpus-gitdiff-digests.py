#!/usr/bin/env python3
"""Writes the expected digests for CorpusReplayTest's ground-truth diff check.

For every edited file of the shared corpus, the sha256 (hex, of the UTF-8 bytes) of
"diff --git a/P b/P\n" + "".join(difflib.unified_diff(original.splitlines(keepends=True),
final.splitlines(keepends=True), "a/P", "b/P", lineterm="\n")), P being the real path named by
the first line of whole-1.diff, both files read as UTF-8 with universal newlines (as the reference reads them).

    python3 toolkit/src/test/resources/tools/corpus-gitdiff-digests.py ../shared/realistic-editbench \
        > toolkit/src/test/resources/org/editbench/diff/corpus-gitdiff.sha256
"""
import difflib
import hashlib
import os
import sys


def main(corpus):
    root = os.path.join(corpus, 'patch_histories')
    for instance in sorted(os.listdir(root)):
        for encoded in sorted(os.listdir(os.path.join(root, instance))):
            folder = os.path.join(root, instance, encoded)
            if not os.path.isdir(folder):
                continue
            with open(os.path.join(folder, 'whole-1.diff'), encoding='utf-8') as f:
                # Two corpus files have "whole.diff" glued before "diff --git a/P b/P".
                first = f.readline().rstrip('\n')
                halves = first[first.index('diff --git a/') + len('diff --git a/'):]
                path = halves[:(len(halves) - len(' b/')) // 2]
            with open(os.path.join(folder, 'original.py'), encoding='utf-8') as f:
                before = f.read()
            with open(os.path.join(folder, 'final.py'), encoding='utf-8') as f:
                after = f.read()
            diff = 'diff --git a/%s b/%s\n' % (path, path) + ''.join(difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True),
                'a/' + path, 'b/' + path, lineterm='\n'))
            print('%s/%s %s' % (instance, encoded, hashlib.sha256(diff.encode('utf-8')).hexdigest()))


if __name__ == '__main__':
    main(sys.argv[1])
