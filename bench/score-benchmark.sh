#!/usr/bin/env bash
# Scoring benchmark (issue 16, README "Performance"): builds from the shared corpus's 416 instances
# a 2,345-prediction case (6 run_ids, ground truths with 30 % of the added lines changed, the same
# bytes every run) and a 25,151-prediction study (9 run_ids x 7 models), with a prediction for each
# record that run-api asks for (not the 151 None_body_issue records whose prompt is empty), then
# prints, in one run:
#   - the whole `editbench score` command on the case, the baseline build (BASELINE, a commit before
#     the bit-parallel distance; built once into target/score-baseline/) and this build side by
#     side and their ratio, with identical metrics files and summaries (CSV) checked byte for byte
#     (but for the summaries' `instances`, see below); then this build again (reuse);
#   - the whole command on the study with -Xmx1g (heap cap), then `editbench summarize` of it;
#   - in process (ScoreBenchmark): textbook DP against the bit-parallel distance on every pair,
#     values compared, and the scoring of the case.
# Wall times include JVM start; ms per prediction = wall / predictions. Load average printed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
corpus="${EDITBENCH_SHARED:-$here/../shared}/realistic-editbench"
[ -d "$corpus/patch_histories" ] || { echo "shared corpus not found at $corpus (set EDITBENCH_SHARED)" >&2; exit 1; }
baseline="${BASELINE:-69f60ff}"
work="${SCORE_BENCH_WORK:-$(mktemp -d)}"
[ -n "${SCORE_BENCH_WORK:-}" ] || trap 'rm -rf "$work"' EXIT

mvn -q -B -o -pl toolkit package -DskipTests
mvn -q -B -o -pl toolkit test-compile
baseline_jar="$here/toolkit/target/score-baseline/$baseline/editbench.jar"
if [ ! -f "$baseline_jar" ]; then
  echo "building the baseline $baseline..."
  tree="$(mktemp -d)"
  git -C "$here" worktree add -q --detach "$tree/src" "$baseline"
  (cd "$tree/src" && mvn -q -B -o -pl toolkit package -DskipTests)
  mkdir -p "$(dirname "$baseline_jar")"
  cp "$tree/src/toolkit/target/editbench.jar" "$baseline_jar"
  git -C "$here" worktree remove --force "$tree/src"
  rm -rf "$tree"
fi
source toolkit/java-options.sh
commands() {  # the two builds as the editbench command runs them, with the JVM options of the moment
  new=(java ${class_data_options[@]+"${class_data_options[@]}"} "${java_options[@]}" -jar toolkit/target/editbench.jar)
  old=(java "${java_options[@]}" -jar "$baseline_jar")
}
commands

if [ ! -d "$work/study" ]; then
  echo "making the case and the study in $work..."
  java "${java_options[@]}" -cp toolkit/target/editbench.jar:toolkit/target/test-classes \
    org.editbench.results.ScoreStudyData "$corpus" "$work" >/dev/null
fi
rm -rf "$work/case-old" "$work/case-new"
cp -r "$work/case" "$work/case-old"
cp -r "$work/case" "$work/case-new"
find "$work/study" -name metrics -type d -prune -exec rm -rf {} +

# Predictions: one per line of the prediction files.
predictions_in() { find "$1" -path '*/metrics' -prune -o -name '*.jsonl' -type f -print0 | xargs -0 cat | wc -l; }
case_predictions="$(predictions_in "$work/case")"
study_predictions="$(predictions_in "$work/study")"

timed() {  # label predictions command...: prints wall, ms per prediction, CPU and peak RSS
  local label="$1" predictions="$2"
  shift 2
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" \
    || { cat "$work/stderr" >&2; exit 1; }
  read -r wall user sys rss < "$work/time"
  last_wall="$wall" last_cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v n="$predictions" -v load="$load" \
    'BEGIN { printf "%-44s %7.2f s wall  %6.2f ms/prediction  CPU %6.2f s  peak RSS %4d MiB  (load %s)\n",
             l, w, 1000 * w / n, u + s, r / 1024, load }'
}
echo "== editbench score, whole command, $case_predictions predictions =="
timed "baseline $baseline" "$case_predictions" "${old[@]}" score --results-dir "$work/case-old" --infbench-dir "$work/infbench"
base_wall="$last_wall" base_cpu="$last_cpu"
timed "this build" "$case_predictions" "${new[@]}" score --results-dir "$work/case-new" --infbench-dir "$work/infbench"
awk -v bw="$base_wall" -v bc="$base_cpu" -v w="$last_wall" -v c="$last_cpu" \
  'BEGIN { printf "this build against the baseline, same run: %.1fx faster (wall), %.1fx less CPU\n", bw / w, bc / c }'
timed "this build again (results reused)" "$case_predictions" "${new[@]}" score --results-dir "$work/case-new" --infbench-dir "$work/infbench"
same=yes
for f in "$work"/case-old/model-0/T=0/n=1/metrics/*.jsonl; do
  cmp -s "$f" "$work/case-new/model-0/T=0/n=1/metrics/$(basename "$f")" || same=no
done
echo "metrics files identical to the baseline's: $same"
# The summaries too (prompt tokens, means), as CSV: the baseline's own summary against this build's,
# every column but `instances`, which since bcd3f79 no longer counts the records with an empty
# prompt (run-api asks nothing for them): 265 where the baseline says 416 for None_body_issue.
without_instances() {  # a summary CSV with its instances column emptied
  awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "instances") column = i }
                    { if (column) $column = ""; print }' "$1"
}
"${old[@]}" summarize --format csv --results-dir "$work/case-old" --infbench-dir "$work/infbench" 2>/dev/null \
  | without_instances /dev/stdin >"$work/summary-old.csv"
"${new[@]}" summarize --format csv --results-dir "$work/case-new" --infbench-dir "$work/infbench" 2>/dev/null \
  | without_instances /dev/stdin >"$work/summary-new.csv"
summaries_same=no
grep -q '^model,' "$work/summary-new.csv" && cmp -s "$work/summary-old.csv" "$work/summary-new.csv" && summaries_same=yes
[ "$summaries_same" = yes ] || same=no
echo "summary (csv) identical to the baseline's, instances aside: $summaries_same"
echo "== the study, $study_predictions predictions, -Xmx1g =="
EDITBENCH_JAVA_OPTS="${EDITBENCH_JAVA_OPTS:-} -Xmx1g" source toolkit/java-options.sh
commands
timed "score" "$study_predictions" "${new[@]}" score --results-dir "$work/study" --infbench-dir "$work/infbench"
timed "summarize of the scored study" "$study_predictions" "${new[@]}" summarize --results-dir "$work/study" --infbench-dir "$work/infbench"
source toolkit/java-options.sh
echo "== in process =="
java ${class_data_options[@]+"${class_data_options[@]}"} "${java_options[@]}" \
  -cp toolkit/target/editbench.jar:toolkit/target/test-classes org.editbench.results.ScoreBenchmark "$work"
[ "$same" = yes ]
