#!/usr/bin/env bash
# Benchmark of the infbench builder (issue 2): all six published run_ids over the 416-instance
# shared corpus in one pass, validation included, with a 256 MiB heap. Prints instances/s per
# variant, wall time, ms per instance per variant, peak heap, and the speed-up over the reference
# implementation's 10.9 ms per instance for run_id 0.2 (split and prompt only) on this machine class.
# Wall time depends on what else the machine runs; the CPU time of the whole process (JVM start
# and JIT compilation included) and the load average are printed beside it to tell.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${EDITBENCH_SHARED:-$here/../shared}/realistic-editbench"
[ -d "$corpus/patch_histories" ] || { echo "shared corpus not found at $corpus (set EDITBENCH_SHARED)" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/editbench" --version >/dev/null   # builds the jar if needed, outside the timing
load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
TIMEFORMAT='%U %S'
report="$( { time EDITBENCH_JAVA_OPTS="-Xmx256m" "$here/editbench" prompt-builder \
  --dataset-name "$corpus/crawled_data/bench/all-task-instances.jsonl" \
  --histories-dir "$corpus/patch_histories" \
  --variants 0.2,0.4,0.6,0.8,0.2_body_issue,None_body_issue --out-dir "$out" 2>/dev/null; } 2>"$out/cpu")"
echo "$report" | grep -v '^run_id\|^Input'
ms="$(echo "$report" | sed -n 's/.*(\([0-9.]*\) ms per instance per variant).*/\1/p')"
awk -v ms="$ms" 'BEGIN { printf "speed-up over the reference (10.9 ms per instance): %.1fx (target >= 10x, <= 1.1 ms)\n", 10.9 / ms }'
read -r user sys < "$out/cpu"
awk -v user="$user" -v sys="$sys" -v load="$load" -v cores="$(nproc)" \
  'BEGIN { printf "process CPU %.2f s (user %.2f, sys %.2f) on %d cores; load average before the run %s\n", user + sys, user, sys, cores, load }'
