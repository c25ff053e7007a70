#!/usr/bin/env bash
# run-api --batch benchmark (README "Performance"): 20,000 requests prepared, uploaded, polled and
# collected against a fake OpenAI Batch API in a second JVM on 127.0.0.1, beside the offline gold
# model over the same file; wall time and peak heap of each, in a JVM capped at 512 MB of heap.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl toolkit -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/run-api-bench.classpath -Dmdep.includeScope=test
cp="toolkit/target/classes:toolkit/target/test-classes:$(cat toolkit/target/run-api-bench.classpath)"
source toolkit/java-options.sh   # the editbench command's JVM options
exec java "${java_options[@]}" -Xmx512m -cp "$cp" org.editbench.bench.BatchBenchmark
