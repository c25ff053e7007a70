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
echo "reference formula: timing 20 instances (a few seconds each)..."
"$python" bench/bm25_reference.py "$work/repos/python__stdlib" "$work/instances.jsonl" 10 > "$work/reference.jsonl"

# The toolkit as users run it (the shaded jar, with the editbench command's JVM options and class-data
# archive), plus the
# benchmark's own class from the test sources.
mvn -q -B -pl toolkit package -DskipTests
source toolkit/java-options.sh
java ${class_data_options[@]+"${class_data_options[@]}"} "${java_options[@]}" \
  -cp "toolkit/target/editbench.jar:toolkit/target/test-classes" \
  org.editbench.retrieval.Bm25Benchmark "$work" "$work/reference.jsonl"
