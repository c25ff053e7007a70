# Sourced by ./editbench and the benchmark scripts: java_options holds the JVM options the editbench
# command runs with, those of toolkit/jvm.options (one per line) followed by EDITBENCH_JAVA_OPTS, so
# that the benchmarks' figures are the ones users get.
mapfile -t java_options < <(grep -v '^[[:space:]]*\(#\|$\)' "$(dirname "${BASH_SOURCE[0]}")/jvm.options")
read -ra extra_java_options <<< "${EDITBENCH_JAVA_OPTS:-}"
java_options+=(${extra_java_options[@]+"${extra_java_options[@]}"})
