#!/usr/bin/env bash
# BM25 retrieval benchmark: the standard library of Debian's python3 (PYTHON overrides) as a git
# repository, 20 instances whose histories edit one library file each; prints the cold index build,
# warm per-instance retrieval p50/p95, and both against the reference formula (pure-Python
# BM25Okapi that re-indexes per instance) on the same corpus and queries.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" bench/bm25_make_corpus.py "$work"

# The toolkit as users run it (the shaded jar, with the editbench command's JVM options and
# class-data archive), plus the benchmark's own class from the test sources.
mvn -q -B -pl toolkit package -DskipTests
source toolkit/java-options.sh
toolkit() {
  java ${class_data_options[@]+"${class_data_options[@]}"} "${java_options[@]}" \
    -cp "toolkit/target/editbench.jar:toolkit/target/test-classes" org.editbench.retrieval.Bm25Benchmark "$@"
}

# Five rounds, each the reference formula on 4 of the instances, then one cold index build in a new
# JVM with an empty cache: both sides sample the same stretch of time, so a machine that slows down
# or speeds up midway (shared hosts do) moves both alike.
echo "reference formula and cold builds: 5 rounds of 4 instances and 1 build (a few seconds each)..."
split -n l/5 -d "$work/instances.jsonl" "$work/round-"
for round in "$work"/round-*; do
  "$python" bench/bm25_reference.py "$work/repos/python__stdlib" "$round" 10 >> "$work/reference.jsonl"
  toolkit --cold-build "$work" "$round.cache" >> "$work/cold-builds.txt"
done
toolkit "$work" "$work/reference.jsonl" "$work/cold-builds.txt"
