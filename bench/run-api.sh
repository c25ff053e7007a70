#!/usr/bin/env bash
# run-api benchmark (README "Performance"): 2,000 requests at 64 workers against a local server on
# 127.0.0.1 that answers after 50 ms, and resume start-up on a 100,000-record prediction file.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl toolkit -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/run-api-bench.classpath -Dmdep.includeScope=test
cp="toolkit/target/classes:toolkit/target/test-classes:$(cat toolkit/target/run-api-bench.classpath)"
source toolkit/java-options.sh   # the editbench command's JVM options
exec java "${java_options[@]}" -cp "$cp" org.editbench.bench.RunApiBenchmark
