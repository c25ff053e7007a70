# Sourced by the benchmark scripts: java_options holds the JVM options the editbench command runs
# with (toolkit/jvm.options, as ./editbench reads them) plus EDITBENCH_JAVA_OPTS, so that the
# figures are the ones users get.
mapfile -t java_options < <(grep -v '^[[:space:]]*\(#\|$\)' "$(dirname "${BASH_SOURCE[0]}")/../toolkit/jvm.options")
read -ra extra_java_options <<< "${EDITBENCH_JAVA_OPTS:-}"
java_options+=(${extra_java_options[@]+"${extra_java_options[@]}"})
