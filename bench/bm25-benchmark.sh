#!/usr/bin/env bash
# BM25 retrieval benchmark: the standard library of Debian's python3 (PYTHON overrides) as a git
# repository, 20 instances whose histories edit one library file each; prints the cold index build,
# warm per-instance retrieval p50/p95, the whole `prompt-builder --variants 0.2_bm25_5` process
# over the 20 (cold: index built; warm: index cached; JVM start subtracted), and all of them against
# the reference formula (pure-Python BM25Okapi that re-indexes per instance) on the same corpus and
# queries.
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
# The editbench command exactly as ./editbench starts it.
editbench() {
  java ${class_data_options[@]+"${class_data_options[@]}"} "${java_options[@]}" -jar toolkit/target/editbench.jar "$@"
}
# Appends "WALL CPU" (ms, CPU = user + system of the process and its children, git included) of a
# command, its output discarded, to the file $1.
timed() {
  local into="$1" TIMEFORMAT='%3R %3U %3S'
  shift
  { time "$@" > /dev/null 2>&1; } 2> "$work/time"
  awk '{ printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/time" >> "$into"
}
# prompt-builder over the 20 instances as a user runs it, writing into $work/out-$1 with the index
# cache $2.
prompt_builder() {
  editbench prompt-builder --dataset-name "$work/bench/python-stdlib-task-instances.jsonl" \
    --histories-dir "$work/patch_histories" --repos-root "$work/repos" --bm25-cache "$2" \
    --variants 0.2_bm25_5 --out-dir "$work/out-$1" --override
}

# The reference formula and the toolkit take turns, so that both sample the same stretch of time
# and each follows a second of the other's work: a host that slows down midway or after sustained
# load (shared hosts do) then moves both alike. The reference runs as one process, as it does over a
# bench: after one warm-up instance, it times one instance per round. Each round then times, each in
# a new JVM: one cold index build (the benchmark class, empty cache); the JVM start of the editbench
# command (`--version`); and the whole prompt-builder process over the 20 instances, first cold
# (empty cache: the index is built) and then warm (the index that run cached).
echo "reference formula and toolkit, taking turns: 20 rounds of 1 reference instance, 1 build and 3 processes..."
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
  timed "$work/jvm-start.txt" editbench --version
  timed "$work/process-cold.txt" prompt_builder cold "$work/process-cache-$round"
  timed "$work/process-warm.txt" prompt_builder warm "$work/process-cache-$round"
  # Same bytes from a run that built the index and one that found it cached.
  cmp -s "$work/out-cold/python-stdlib-task-instances_0.2_bm25_5.jsonl" \
    "$work/out-warm/python-stdlib-task-instances_0.2_bm25_5.jsonl" || { echo "cold and warm outputs differ" >&2; exit 1; }
  rm -rf "$work/process-cache-$round"
done < "$work/instances.jsonl"
kill "$reference_PID"  # it waits for more lines on a pipe that bash keeps open
toolkit "$work" "$work/reference.jsonl" "$work/cold-builds.txt" "$work/jvm-start.txt" "$work/process-cold.txt" \
  "$work/process-warm.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
