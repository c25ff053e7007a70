# Sourced by ./editbench and the benchmark scripts, so that the benchmarks' figures are the ones
# users get. Sets two arrays:
#   java_options        the options of toolkit/jvm.options (one per line); transparent huge pages
#                       where the kernel gives them on request; then EDITBENCH_JAVA_OPTS (later
#                       options win)
#   class_data_options  for a JVM whose class path starts with toolkit/target/editbench.jar: the
#                       build's class-data archive (class-data-archive.sh), while it is newer than
#                       the jar and was made by this java (an archive is valid for one jar and one
#                       JVM only); empty otherwise
toolkit_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mapfile -t java_options < <(grep -v '^[[:space:]]*\(#\|$\)' "$toolkit_dir/jvm.options")

# The heap in 2 MiB pages instead of 4 KiB ones: a run touches hundreds of MiB of new heap, and each
# first touch of a page costs a page fault (about 15 % of a cold BM25 index build on 2 cores).
# With "always" the kernel does it unasked; with "never" the JVM would only warn.
if grep -qs '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  java_options+=(-XX:+UseTransparentHugePages)
fi
read -ra extra_java_options <<< "${EDITBENCH_JAVA_OPTS:-}"
java_options+=(${extra_java_options[@]+"${extra_java_options[@]}"})

# The JDK that `java` runs, as class-data-archive.sh records it beside the archive.
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
class_data_archive="$toolkit_dir/target/editbench.jsa"
class_data_options=()
if [ -f "$class_data_archive" ] && [ "$class_data_archive" -nt "$toolkit_dir/target/editbench.jar" ] \
    && [ "$(cat "$class_data_archive.java-home" 2>/dev/null)" = "$java_home" ]; then
  class_data_options=("-XX:SharedArchiveFile=$class_data_archive")
fi
