"""The reference's BM25 retrieval cost, for the benchmark: per instance, read every candidate file,
tokenize, build BM25Okapi and rank, exactly as the reference (rank_bm25 in pure Python, no index
kept between instances) does. Standard library only: BM25Okapi is written out below.

Usage: python3 bench/bm25_reference.py REPO INSTANCES_JSONL TOPN
Prints one JSON line per instance: instance_id, seconds (wall), cpu_seconds, top (the topn paths,
best first). INSTANCES_JSONL "-" reads the instances from standard input and answers each as its
line arrives, so that a caller can time other work between instances of one warm process.
The checkout of REPO must be at the instances' base_commit. Candidates are chosen as the toolkit
chooses them (.py files outside directories named .git, __pycache__, .venv, venv, env), so that both
rank the same corpus; ties keep path order, as in the toolkit.
"""
import json
import math
import os
import re
import sys
import time
from pathlib import Path

EXCLUDED_DIRECTORIES = {".git", "__pycache__", ".venv", "venv", "env"}
TOKEN = re.compile(r"\b\w+\b|[^\w\s]")
EDITED_FILE = re.compile(r"diff --git a/(\S+) b/\S+")


class BM25Okapi:
    """rank_bm25.BM25Okapi with its defaults: k1=1.5, b=0.75, epsilon=0.25."""

    def __init__(self, corpus, k1=1.5, b=0.75, epsilon=0.25):
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self.doc_freqs, self.doc_len, self.idf = [], [], {}
        nd, total = {}, 0
        for document in corpus:
            self.doc_len.append(len(document))
            total += len(document)
            frequencies = {}
            for word in document:
                frequencies[word] = frequencies.get(word, 0) + 1
            self.doc_freqs.append(frequencies)
            for word in frequencies:
                nd[word] = nd.get(word, 0) + 1
        self.corpus_size = len(corpus)
        self.avgdl = total / self.corpus_size
        idf_sum, negative = 0, []
        for word, freq in nd.items():
            idf = math.log(self.corpus_size - freq + 0.5) - math.log(freq + 0.5)
            self.idf[word] = idf
            idf_sum += idf
            if idf < 0:
                negative.append(word)
        eps = self.epsilon * idf_sum / len(self.idf)
        for word in negative:
            self.idf[word] = eps

    def get_scores(self, query):
        score = [0.0] * self.corpus_size
        for q in query:
            idf = self.idf.get(q) or 0
            for i, doc in enumerate(self.doc_freqs):
                freq = doc.get(q) or 0
                score[i] += idf * (freq * (self.k1 + 1)
                                   / (freq + self.k1 * (1 - self.b + self.b * self.doc_len[i] / self.avgdl)))
        return score


def candidates(repo):
    paths = []
    for directory, subdirectories, files in os.walk(repo):
        subdirectories[:] = [d for d in subdirectories if d not in EXCLUDED_DIRECTORIES]
        paths += [(Path(directory) / name).relative_to(repo).as_posix() for name in files if name.endswith(".py")]
    return sorted(paths)


def retrieve(repo, pre_edits, topn):
    edited = {path for step in pre_edits for path in EDITED_FILE.findall(step)}
    paths = [p for p in candidates(repo) if p not in edited]
    contents = [(repo / p).read_text(encoding="utf-8", errors="ignore") for p in paths]
    bm25 = BM25Okapi([TOKEN.findall(text) for text in contents])
    scores = bm25.get_scores(TOKEN.findall("\n".join(pre_edits)))
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    return [paths[i] for i in order[:topn]]


def main(repo, instances, topn):
    for line in (sys.stdin if instances == "-" else open(instances, encoding="utf-8")):
        instance = json.loads(line)
        start, start_cpu = time.perf_counter(), time.process_time()
        top = retrieve(repo, instance["pre_edits"], topn)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        print(json.dumps({"instance_id": instance["instance_id"], "seconds": seconds, "cpu_seconds": cpu_seconds,
                          "top": top}), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
