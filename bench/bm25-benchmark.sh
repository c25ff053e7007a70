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

# The reference formula and the cold builds take turns, so that both sample the same stretch of
# time and each follows a second of the other's work: a host that slows down midway or after
# sustained load (shared hosts do) then moves both alike. The reference runs as one process, as it
# does over a bench: after one warm-up instance, it times one instance per round, and each round
# then times one cold index build in a new JVM with an empty cache.
echo "reference formula and cold builds, taking turns: 20 rounds of 1 instance and 1 build..."
coproc reference { "$python" bench/bm25_reference.py "$work/repos/python__stdlib" - 10; }
exec {to_reference}>&"${reference[1]}" {from_reference}<&"${reference[0]}"
time_reference() {  # one instance line on standard input; its timing line out
  cat >&"$to_reference"
  local timing
  read -r timing <&"$from_reference"
  echo "$timing"
}
head -n 1 "$work/instances.jsonl" | time_reference > /dev/null
round=0
while IFS= read -r instance; do
  round=$((round + 1))
  echo "$instance" | time_reference >> "$work/reference.jsonl"
  toolkit --cold-build "$work" "$work/cold-cache-$round" >> "$work/cold-builds.txt"
done < "$work/instances.jsonl"
kill "$reference_PID"  # it waits for more lines on a pipe that bash keeps open
toolkit "$work" "$work/reference.jsonl" "$work/cold-builds.txt"
